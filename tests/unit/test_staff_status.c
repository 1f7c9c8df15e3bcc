/*
 * The staff screen's device states: the printer after each kind of print
 * result, the card terminal after each kind of payment result, the
 * delivery link as the worker's counters move, and the simulated services
 * reporting "simulated".
 */
#include <stdio.h>

#include "kiosk/screens/services.h"
#include "kiosk/screens/staff_status.h"
#include "tests/support/check.h"

static enum ks_printer_state after_print(bool printed, enum dev_printer_error err, bool near_end,
                                         enum ks_printer_state previous)
{
    ks_print_result r = {.printed = printed, .error = err, .paper_near_end = near_end};
    return ks_staff_printer_state(&r, previous);
}

static void test_printer_states(void)
{
    static const struct {
        bool printed;
        enum dev_printer_error err;
        bool near_end;
        enum ks_printer_state want;
    } rows[] = {
        {true, DEV_PRINTER_OK, false, KS_PRINTER_OK},
        {true, DEV_PRINTER_OK, true, KS_PRINTER_PAPER_NEAR_END},
        {false, DEV_PRINTER_ERR_PAPER_OUT, false, KS_PRINTER_PAPER_OUT},
        {false, DEV_PRINTER_ERR_COVER_OPEN, false, KS_PRINTER_COVER_OPEN},
        {false, DEV_PRINTER_ERR_UNPLUGGED, false, KS_PRINTER_UNPLUGGED},
        {false, DEV_PRINTER_ERR_NOT_FOUND, false, KS_PRINTER_UNPLUGGED},
        {false, DEV_PRINTER_ERR_OFFLINE, false, KS_PRINTER_OFFLINE},
        {false, DEV_PRINTER_ERR_NO_ANSWER, false, KS_PRINTER_OFFLINE},
        {false, DEV_PRINTER_ERR_TIMEOUT, false, KS_PRINTER_OFFLINE},
        {false, DEV_PRINTER_ERR_FAILURE, false, KS_PRINTER_OFFLINE},
    };
    for (size_t i = 0; i < CHECK_COUNT(rows); i++)
        CHECK_EQ_STR(ks_printer_state_name(after_print(rows[i].printed, rows[i].err,
                                                       rows[i].near_end, KS_PRINTER_UNKNOWN)),
                     ks_printer_state_name(rows[i].want));
    /* A job that failed before reaching the printer (order gone) teaches nothing of it. */
    CHECK_EQ_INT(after_print(false, DEV_PRINTER_OK, false, KS_PRINTER_PAPER_OUT),
                 KS_PRINTER_PAPER_OUT);
    CHECK_EQ_STR(ks_printer_state_name(KS_PRINTER_UNKNOWN), "unknown");
    CHECK_EQ_STR(ks_printer_state_name(KS_PRINTER_PAPER_NEAR_END), "paper near end");
}

static enum ks_terminal_state after_payment(enum ks_pay_kind kind, const char *sale,
                                            enum dev_pay_outcome terminal,
                                            enum ks_terminal_state previous)
{
    ks_pay_result r = {.kind = kind, .terminal = terminal};
    snprintf(r.sale_txn_id, sizeof r.sale_txn_id, "%s", sale);
    return ks_staff_terminal_state(&r, previous);
}

static void test_terminal_states(void)
{
    CHECK_EQ_INT(after_payment(KS_PAY_APPROVED, "s1", DEV_PAY_APPROVED, KS_TERMINAL_UNKNOWN),
                 KS_TERMINAL_REACHABLE);
    /* A decline is an answer: the link works. */
    CHECK_EQ_INT(after_payment(KS_PAY_DECLINED, "s2", DEV_PAY_DECLINED, KS_TERMINAL_UNREACHABLE),
                 KS_TERMINAL_REACHABLE);
    CHECK_EQ_INT(after_payment(KS_PAY_ERROR, "s3", DEV_PAY_UNREACHABLE, KS_TERMINAL_REACHABLE),
                 KS_TERMINAL_UNREACHABLE);
    CHECK_EQ_INT(after_payment(KS_PAY_UNRESOLVED, "s4", DEV_PAY_TIMEOUT, KS_TERMINAL_REACHABLE),
                 KS_TERMINAL_UNREACHABLE);
    /* Never asked (no sale id), or the reconciliation's end: the state stays. */
    CHECK_EQ_INT(after_payment(KS_PAY_ERROR, "", DEV_PAY_UNREACHABLE, KS_TERMINAL_REACHABLE),
                 KS_TERMINAL_REACHABLE);
    CHECK_EQ_INT(
        after_payment(KS_PAY_RECOVERY_DONE, "s5", DEV_PAY_APPROVED, KS_TERMINAL_UNREACHABLE),
        KS_TERMINAL_UNREACHABLE);
    CHECK_EQ_STR(ks_terminal_state_name(KS_TERMINAL_UNREACHABLE), "unreachable");
}

static void test_delivery_link(void)
{
    ks_link_status link = {.state = KS_LINK_UNKNOWN};
    ks_delivery_stats s = {0};
    ks_staff_link_update(&link, &s, 1000);
    CHECK_EQ_INT(link.state, KS_LINK_UNKNOWN);
    s.requests = 1, s.failed = 1;
    ks_staff_link_update(&link, &s, 1010);
    CHECK_EQ_INT(link.state, KS_LINK_UNREACHABLE);
    CHECK_EQ_INT(link.since_utc, 1010);
    /* Further failures keep the time of the first one. */
    s.requests = 3, s.failed = 3;
    ks_staff_link_update(&link, &s, 1070);
    CHECK_EQ_INT(link.since_utc, 1010);
    s.requests = 4, s.delivered = 1;
    ks_staff_link_update(&link, &s, 1100);
    CHECK_EQ_INT(link.state, KS_LINK_REACHABLE);
    /* Nothing moved: still reachable. */
    ks_staff_link_update(&link, &s, 1200);
    CHECK_EQ_INT(link.state, KS_LINK_REACHABLE);
    s.requests = 5, s.failed = 4;
    ks_staff_link_update(&link, &s, 1300);
    CHECK_EQ_INT(link.state, KS_LINK_UNREACHABLE);
    CHECK_EQ_INT(link.since_utc, 1300);
    /* A failure and a delivery in the same look: something got through. */
    s.requests = 7, s.failed = 5, s.delivered = 2;
    ks_staff_link_update(&link, &s, 1400);
    CHECK_EQ_INT(link.state, KS_LINK_REACHABLE);

    ks_link_status none = {.state = KS_LINK_NOT_CONFIGURED};
    s.failed = 9;
    ks_staff_link_update(&none, &s, 1500);
    CHECK_EQ_INT(none.state, KS_LINK_NOT_CONFIGURED);
}

static void test_simulated_services_say_so(void)
{
    ks_services *s = ks_services_sim_new(NULL);
    CHECK(s != NULL);
    enum ks_printer_state printer = KS_PRINTER_UNKNOWN;
    enum ks_terminal_state terminal = KS_TERMINAL_UNKNOWN;
    CHECK(s->ops->device_status != NULL);
    s->ops->device_status(s->impl, &printer, &terminal);
    CHECK_EQ_STR(ks_printer_state_name(printer), "simulated");
    CHECK_EQ_STR(ks_terminal_state_name(terminal), "simulated");
    ks_services_free(s);
}

static void test_counts_without_database(void)
{
    ks_staff_status st = {.unsent = 5, .unprinted = 5, .printer = KS_PRINTER_OK};
    ks_staff_status_read(NULL, &st);
    CHECK_EQ_INT(st.unsent, -1);
    CHECK_EQ_INT(st.unprinted, -1);
    CHECK_EQ_INT(st.printer, KS_PRINTER_OK);
}

static void test_zatca_link(void)
{
    static const struct {
        const char *name;
        bool configured;
        ks_delivery_stats stats;
        enum ks_zatca_link link;
        int64_t count;
    } table[] = {
        {"not configured", false, {.zatca_overdue = 3}, KS_ZATCA_LINK_NOT_CONFIGURED, 0},
        {"all reported", true, {.zatca_reported = 9}, KS_ZATCA_LINK_OK, 0},
        {"refused", true, {.zatca_refused = 2}, KS_ZATCA_LINK_REFUSED, 2},
        {"overdue beats refused",
         true,
         {.zatca_refused = 2, .zatca_overdue = 5},
         KS_ZATCA_LINK_OVERDUE,
         5},
        {"credentials beat all",
         true,
         {.zatca_refused = 2, .zatca_overdue = 5, .zatca_misconfigured = true},
         KS_ZATCA_LINK_CREDENTIALS,
         0},
    };
    for (size_t i = 0; i < CHECK_COUNT(table); i++) {
        int64_t count = -1;
        enum ks_zatca_link link = ks_staff_zatca_link(table[i].configured, &table[i].stats, &count);
        if (link != table[i].link || count != table[i].count)
            check_fail(__FILE__, __LINE__, "%s: %d, %lld", table[i].name, (int)link,
                       (long long)count);
    }
    /* The counters reach the status even when no kitchen or backend is configured. */
    ks_link_status none = {.state = KS_LINK_NOT_CONFIGURED};
    ks_delivery_stats s = {.zatca_overdue = 1};
    ks_staff_link_update(&none, &s, 1000);
    CHECK_EQ_INT(none.state, KS_LINK_NOT_CONFIGURED);
    CHECK_EQ_INT(none.last.zatca_overdue, 1);
}

static const struct check_case cases[] = {
    {"ZATCA reporting state from the counters", test_zatca_link},
    {"printer state after each print result", test_printer_states},
    {"terminal state after each payment result", test_terminal_states},
    {"delivery link follows the worker's counters", test_delivery_link},
    {"simulated services report simulated", test_simulated_services_say_so},
    {"counts unknown without a database", test_counts_without_database},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
