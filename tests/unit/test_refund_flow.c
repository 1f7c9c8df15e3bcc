/*
 * Giving refunds back (kiosk/app/refund.c) against the terminal simulator
 * over HTTPS: the whole charge the same day is reversed, part of it is a
 * nexo refund under the refund's own sale id; a declined refund stays
 * requested with its reason and a second run asks again under a new sale
 * id; a lost answer is settled with TransactionStatus; a crash between the
 * request and its answer is settled at start without a second refund; the
 * simulator refuses a refund above the charge; cash is recorded at once.
 * Each given back refund queues exactly one backend message and one audit
 * row, and is never given twice.
 */
#include "kiosk/app/payment_worker.h"
#include "kiosk/app/refund.h"

#include <stdio.h>
#include <time.h>

#include "kiosk/store/order_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_nexo_fixture.h"
#include "tests/unit/test_store_fixture.h"

#define REFUND_1 "5eed0000-0000-4000-8000-0000000000a1"
#define REFUND_2 "5eed0000-0000-4000-8000-0000000000a2"
#define REFUND_3 "5eed0000-0000-4000-8000-0000000000a3"

static struct nexo_fixture fx;

struct flow {
    char db_path[4096];
    ks_db *db;
    dev_nexo_sim *sim;
    dev_terminal *terminal;
    char uri[16384];
    ks_payment_ctx pay;
    ks_refund_ctx ctx;
    char order[37];
    ks_money total;
    char sale[65]; /* the order's card payment */
};

/* A database with fixture order 1 placed now (today's business day) and paid by card. */
static bool flow_start(struct flow *f, const char *name, bool by_card)
{
    memset(f, 0, sizeof *f);
    if (!nexo_fixture_init(&fx))
        return false;
    fixture_fresh_db(check_tmp_dir(), name, f->db_path, sizeof f->db_path);
    f->db = ks_db_open(f->db_path, NULL);
    dev_nexo_sim_config c = nexo_fixture_sim_config(&fx);
    c.card_delay_ms = 20;
    f->sim = f->db ? dev_nexo_sim_start(&c, NULL, 0) : NULL;
    if (f->sim)
        nexo_fixture_uri(&fx, dev_nexo_sim_port(f->sim), NULL, "", f->uri, sizeof f->uri);
    f->terminal = f->sim ? dev_terminal_open(f->uri, NULL, 0) : NULL;
    ks_payment_rules rules = {.payment_timeout_ms = 5000,
                              .request_timeout_ms = 5000,
                              .status_interval_ms = 50,
                              .status_attempts = 4,
                              .not_found_confirm_ms = 200};
    f->pay = (ks_payment_ctx){.db = f->db, .terminal = f->terminal, .rules = rules};
    f->ctx = (ks_refund_ctx){.db = f->db,
                             .terminal = f->terminal,
                             .rules = rules,
                             .utc_offset_min = FIXTURE_RIYADH_OFFSET_MIN,
                             .place = "test"};
    if (!f->terminal)
        return false;
    ks_order *order = fixture_order(1, "riyadh-01", time(NULL), 0);
    int32_t number;
    bool ok = ks_order_store_insert(f->db, order, 0, &number) == KS_DB_OK;
    memcpy(f->order, order->uuid, 37);
    f->total = order->total;
    ks_order_free(order);
    if (!ok)
        return false;
    if (!by_card) {
        const ks_outbox_message kitchen = {.destination = "kitchen", .payload = "{}", .path = NULL};
        return ks_order_store_mark_paid(f->db, f->order, time(NULL), &kitchen, 1) == KS_DB_OK;
    }
    ks_pay_result r;
    ok = ks_payment_pay(&f->pay, f->order, &r) == KS_PAY_APPROVED;
    snprintf(f->sale, sizeof f->sale, "%s", r.sale_txn_id);
    return ok;
}

static void flow_stop(struct flow *f)
{
    dev_terminal_close(f->terminal);
    dev_nexo_sim_stop(f->sim);
    ks_db_close(f->db);
}

/* A one-number query on the flow's database file, formatted like printf. */
#define sql(f, ...) fixture_sql_intf((f)->db_path, __VA_ARGS__)

/* Records refund id of the picks, by card or cash. */
static enum ks_db_error request(struct flow *f, const char *id, enum ks_refund_method method,
                                const ks_refund_pick *picks, size_t n, ks_money *amount)
{
    const ks_refund_request req = {.id = id,
                                   .order_uuid = f->order,
                                   .method = method,
                                   .reason = "cold food",
                                   .staff = "staff-7",
                                   .picks = picks,
                                   .n_picks = n};
    ks_refund_row row;
    enum ks_db_error err = ks_refund_store_request(f->db, &req, time(NULL), &row, NULL);
    *amount = row.amount;
    return err;
}

static int64_t backend_messages(const struct flow *f, const char *id)
{
    return sql(f,
               "SELECT count(*) FROM outbox WHERE destination = 'backend_refund' AND "
               "json_extract(payload, '$.refund_id') = '%s'",
               id);
}

/* Sends a refund of amount of the order's charge under sale, as the kiosk would. */
static void terminal_refund(struct flow *f, const char *sale, ks_money amount, dev_pay_result *out)
{
    dev_pay_result charge;
    const dev_pay_request status = {.sale_txn_id = f->sale,
                                    .amount = f->total,
                                    .currency = "SAR",
                                    .exponent = 2,
                                    .timeout_ms = 5000};
    dev_terminal_transaction_status(f->terminal, &status, &charge);
    const dev_pay_original original = {charge.poi_txn_id, charge.poi_timestamp, f->total, 2};
    const dev_pay_request req = {.sale_txn_id = sale,
                                 .amount = amount,
                                 .currency = "SAR",
                                 .exponent = 2,
                                 .timeout_ms = 5000,
                                 .refund_of = &original};
    dev_terminal_payment(f->terminal, &req, out);
}

/*
 * The backend's messages of refund id whose terminal_ref is the refund row's own terminal
 * reference and starts with prefix ("REV" a reversal, "SIM" a refund at the simulator), #15.
 */
static int64_t backend_messages_with_ref(const struct flow *f, const char *id, const char *prefix)
{
    return sql(f,
               "SELECT count(*) FROM outbox o JOIN refunds r ON r.id = '%s' "
               "WHERE o.destination = 'backend_refund' "
               "AND json_extract(o.payload, '$.refund_id') = '%s' "
               "AND json_extract(o.payload, '$.terminal_ref') = r.terminal_ref "
               "AND r.terminal_ref LIKE '%s%%'",
               id, id, prefix);
}

static const ks_refund_pick everything[] = {{0, 1}, {1, 2}, {2, 2}, {3, 350}, {4, 1}};

static void test_whole_charge_reversed(void)
{
    struct flow f;
    CHECK(flow_start(&f, "reversal.db", true));
    ks_money amount = 0;
    CHECK_EQ_INT(request(&f, REFUND_1, KS_REFUND_CARD, everything, 5, &amount), KS_DB_OK);
    CHECK_EQ_INT(amount, f.total);
    ks_refund_result r;
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_GIVEN);
    CHECK_EQ_INT(r.amount, 6800);
    CHECK_EQ_INT(dev_nexo_sim_reversals(f.sim, f.sale), 1);
    CHECK_EQ_INT(dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT), 1); /* the charge only */
    ks_refund_row row;
    CHECK_EQ_INT(ks_refund_store_load(f.db, REFUND_1, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_REFUND_DONE);
    CHECK_EQ_INT(row.via, KS_REFUND_VIA_REVERSAL);
    CHECK_EQ_INT(backend_messages(&f, REFUND_1), 1);
    CHECK_EQ_INT(backend_messages_with_ref(&f, REFUND_1, "REV"), 1);
    CHECK_EQ_INT(sql(&f, "SELECT json_extract(payload, '$.amount') FROM outbox WHERE destination = "
                         "'backend_refund'"),
                 6800);
    CHECK_EQ_INT(sql(&f, "SELECT count(*) FROM staff_audit WHERE action = 'refund' AND "
                         "outcome = 'ok' AND detail LIKE 'refund " REFUND_1 "%%'"),
                 1);
    /* Again: nothing moves. */
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_GIVEN);
    CHECK_EQ_STR(r.detail, "given back before");
    CHECK_EQ_INT(dev_nexo_sim_requests(f.sim, DEV_NEXO_REVERSAL), 1);
    CHECK_EQ_INT(backend_messages(&f, REFUND_1), 1);
    flow_stop(&f);
}

static void test_part_refunded(void)
{
    struct flow f;
    CHECK(flow_start(&f, "part.db", true));
    const ks_refund_pick cola[] = {{2, 1}};
    ks_money amount = 0;
    CHECK_EQ_INT(request(&f, REFUND_1, KS_REFUND_CARD, cola, 1, &amount), KS_DB_OK);
    CHECK_EQ_INT(amount, 600);
    ks_refund_result r;
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_GIVEN);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_1 ".1"), 1);
    CHECK_EQ_INT(dev_nexo_sim_reversals(f.sim, f.sale), 0);
    CHECK_EQ_INT(backend_messages_with_ref(&f, REFUND_1, "SIM"), 1);
    /* The second cola, then nothing more of it. */
    CHECK_EQ_INT(request(&f, REFUND_2, KS_REFUND_CARD, cola, 1, &amount), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_2, &r), KS_REFUND_GIVEN);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_2 ".1"), 1);
    CHECK_EQ_INT(request(&f, REFUND_3, KS_REFUND_CARD, cola, 1, &amount), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(sql(&f, "SELECT sum(json_extract(payload, '$.amount')) FROM outbox WHERE "
                         "destination = 'backend_refund'"),
                 1200);
    CHECK_EQ_INT(sql(&f, "SELECT json_extract(payload, '$.lines[0].line_no') FROM outbox WHERE "
                         "destination = 'backend_refund' LIMIT 1"),
                 2);

    /* The simulator never gives back more than the charge took. */
    dev_pay_result refund;
    terminal_refund(&f, "too-much-1", f.total - 1200 + 1, &refund);
    CHECK_EQ_INT(refund.outcome, DEV_PAY_FAILED);
    CHECK_EQ_STR(refund.condition, "NotAllowed");
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, "too-much-1"), 0);
    flow_stop(&f);
}

static void test_declined_then_given(void)
{
    struct flow f;
    CHECK(flow_start(&f, "declined.db", true));
    const ks_refund_pick meal[] = {{0, 1}};
    ks_money amount = 0;
    CHECK_EQ_INT(request(&f, REFUND_1, KS_REFUND_CARD, meal, 1, &amount), KS_DB_OK);
    CHECK(dev_nexo_sim_script(f.sim, DEV_NEXO_SIM_DECLINE));
    ks_refund_result r;
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_NOT_GIVEN);
    CHECK_CONTAINS(r.detail, "declined (Refusal)");
    ks_refund_row row;
    CHECK_EQ_INT(ks_refund_store_load(f.db, REFUND_1, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_REFUND_REQUESTED);
    CHECK_CONTAINS(row.last_error, "declined (Refusal)");
    CHECK_EQ_INT(backend_messages(&f, REFUND_1), 0);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_1 ".1"), 0);
    /* Staff run it again: the earlier request is settled first, then a new one. */
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_GIVEN);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_1 ".1"), 0);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_1 ".2"), 1);
    CHECK_EQ_INT(backend_messages(&f, REFUND_1), 1);
    flow_stop(&f);
}

static void test_lost_answer_settled_by_status(void)
{
    struct flow f;
    CHECK(flow_start(&f, "lost.db", true));
    const ks_refund_pick fries[] = {{1, 2}};
    ks_money amount = 0;
    CHECK_EQ_INT(request(&f, REFUND_1, KS_REFUND_CARD, fries, 1, &amount), KS_DB_OK);
    CHECK_EQ_INT(amount, 900);
    CHECK(dev_nexo_sim_script(f.sim, DEV_NEXO_SIM_LOST));
    ks_refund_result r;
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_GIVEN);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_1 ".1"), 1);
    CHECK(dev_nexo_sim_requests(f.sim, DEV_NEXO_TRANSACTION_STATUS) >= 2);
    CHECK_EQ_INT(backend_messages(&f, REFUND_1), 1);
    flow_stop(&f);
}

/* What a kiosk killed after sending a refund left: the attempt counted, the refund sent and
 * given, no answer recorded. The amount in *amount. */
static bool crash_after_sending(struct flow *f, ks_money *amount)
{
    const ks_refund_pick water[] = {{4, 1}};
    char sale[KS_REFUND_SALE_ID_MAX + 1];
    dev_pay_result sent;
    if (request(f, REFUND_1, KS_REFUND_CARD, water, 1, amount) != KS_DB_OK ||
        ks_refund_store_next_attempt(f->db, REFUND_1, KS_REFUND_VIA_TERMINAL_REFUND, time(NULL),
                                     sale) != KS_DB_OK)
        return false;
    terminal_refund(f, sale, *amount, &sent);
    return sent.outcome == DEV_PAY_APPROVED;
}

static void test_crash_between_request_and_answer(void)
{
    struct flow f;
    CHECK(flow_start(&f, "crash.db", true));
    ks_money amount = 0;
    CHECK(crash_after_sending(&f, &amount));
    CHECK_EQ_INT(amount, 200);
    unsigned payments = dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT);
    /* The start: settled from the terminal's word, nothing sent again. */
    CHECK_EQ_INT(ks_refund_reconcile(&f.ctx), 0);
    CHECK_EQ_INT(dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT), payments);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_1 ".1"), 1);
    ks_refund_row row;
    CHECK_EQ_INT(ks_refund_store_load(f.db, REFUND_1, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_REFUND_DONE);
    CHECK_EQ_INT(backend_messages(&f, REFUND_1), 1);
    ks_refund_result r;
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_GIVEN);
    CHECK_EQ_INT(dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT), payments);
    flow_stop(&f);
}

/* The payment worker's start settles the refund too, before it says recovery is done. */
static void test_worker_settles_refunds_at_start(void)
{
    struct flow f;
    CHECK(flow_start(&f, "worker.db", true));
    ks_money amount = 0;
    CHECK(crash_after_sending(&f, &amount));
    unsigned payments = dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT);
    ks_payment_worker_config cfg = {.db_path = f.db_path,
                                    .terminal_uri = f.uri,
                                    .rules = f.pay.rules,
                                    .reconcile_interval_ms = 60000};
    char why[256] = "";
    ks_payment_worker *w = ks_payment_worker_start(&cfg, why, sizeof why);
    CHECK(w);
    ks_pay_result done = {0};
    bool got = false;
    for (int64_t until = check_now_ms() + CHECK_WAIT_MS; !got && check_now_ms() < until;)
        if (!(got = ks_payment_worker_poll(w, &done)))
            check_sleep_ms(20);
    ks_payment_worker_stop(w);
    CHECK(got);
    CHECK_EQ_INT(done.kind, KS_PAY_RECOVERY_DONE);
    CHECK_CONTAINS(done.detail, "0 refund(s) unfinished");
    CHECK_EQ_INT(sql(&f, "SELECT count(*) FROM refunds WHERE status = 'done'"), 1);
    CHECK_EQ_INT(dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT), payments);
    CHECK_EQ_INT(dev_nexo_sim_refunds(f.sim, REFUND_1 ".1"), 1);
    flow_stop(&f);
}

static void test_cash(void)
{
    struct flow f;
    CHECK(flow_start(&f, "cash.db", false));
    const ks_refund_pick dates[] = {{3, 100}};
    ks_money amount = 0;
    CHECK_EQ_INT(request(&f, REFUND_1, KS_REFUND_CASH, dates, 1, &amount), KS_DB_OK);
    CHECK_EQ_INT(amount, 400);
    ks_refund_result r;
    CHECK_EQ_INT(ks_refund_run(&f.ctx, REFUND_1, &r), KS_REFUND_GIVEN);
    CHECK_EQ_INT(dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT), 0);
    CHECK_EQ_INT(backend_messages(&f, REFUND_1), 1);
    /* Cash has no terminal reference: the message carries none. */
    CHECK_EQ_INT(sql(&f, "SELECT count(*) FROM outbox WHERE destination = 'backend_refund' AND "
                         "json_type(payload, '$.terminal_ref') IS NOT NULL"),
                 0);
    CHECK_EQ_INT(sql(&f, "SELECT count(*) FROM refunds WHERE status = 'done'"), 1);
    flow_stop(&f);
}

int main(int argc, char **argv)
{
    static const struct check_case tests[] = {
        {"the whole charge the same day is reversed, once", test_whole_charge_reversed},
        {"part of a charge is a nexo refund; never more than charged", test_part_refunded},
        {"declined stays requested; run again asks again", test_declined_then_given},
        {"a lost answer is settled by TransactionStatus", test_lost_answer_settled_by_status},
        {"a crash between request and answer: settled at start",
         test_crash_between_request_and_answer},
        {"the payment worker settles refunds at start", test_worker_settles_refunds_at_start},
        {"cash is recorded given back at once", test_cash},
    };
    return check_run(tests, CHECK_COUNT(tests), argc, argv);
}
