/* Order lifecycle rules, UUID formatting and business dates (kiosk/domain/order.c). */
#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"
#include "tests/support/check.h"

static void test_forward_path_allowed(void)
{
    CHECK(ks_order_can_transition(KS_ORDER_CREATED, KS_ORDER_PAID));
    CHECK(ks_order_can_transition(KS_ORDER_PAID, KS_ORDER_SENT_TO_KITCHEN));
    CHECK(ks_order_can_transition(KS_ORDER_SENT_TO_KITCHEN, KS_ORDER_IN_PREPARATION));
    CHECK(ks_order_can_transition(KS_ORDER_IN_PREPARATION, KS_ORDER_READY));
    CHECK(ks_order_can_transition(KS_ORDER_READY, KS_ORDER_COLLECTED));
    CHECK(ks_order_can_transition(KS_ORDER_PAID, KS_ORDER_READY));
}

static void test_illegal_transitions_refused(void)
{
    CHECK(!ks_order_can_transition(KS_ORDER_CREATED, KS_ORDER_READY));
    CHECK(!ks_order_can_transition(KS_ORDER_CREATED, KS_ORDER_REFUNDED));
    CHECK(!ks_order_can_transition(KS_ORDER_PAID, KS_ORDER_CANCELLED));
    CHECK(!ks_order_can_transition(KS_ORDER_READY, KS_ORDER_IN_PREPARATION));
    CHECK(!ks_order_can_transition(KS_ORDER_CANCELLED, KS_ORDER_PAID));
    CHECK(!ks_order_can_transition(KS_ORDER_REFUNDED, KS_ORDER_PAID));
    CHECK(!ks_order_can_transition(KS_ORDER_PAID, KS_ORDER_PAID));
    CHECK(!ks_order_can_transition((enum ks_order_status)99, KS_ORDER_PAID));
}

static void test_refund_after_payment_only(void)
{
    for (int s = KS_ORDER_PAID; s <= KS_ORDER_COLLECTED; s++)
        CHECK(ks_order_can_transition((enum ks_order_status)s, KS_ORDER_REFUNDED));
    CHECK(ks_order_can_transition(KS_ORDER_CREATED, KS_ORDER_CANCELLED));
}

static void test_status_names_round_trip(void)
{
    for (int s = 0; s < KS_ORDER_STATUS_COUNT; s++) {
        enum ks_order_status parsed;
        CHECK(ks_order_status_parse(ks_order_status_name((enum ks_order_status)s), &parsed));
        CHECK_EQ_INT(parsed, s);
    }
    enum ks_order_status unused;
    CHECK(!ks_order_status_parse("Paid", &unused));
    CHECK(!ks_order_status_parse(NULL, &unused));
    CHECK_EQ_STR(ks_order_status_name(KS_ORDER_IN_PREPARATION), "in_preparation");
    enum ks_service service;
    CHECK(ks_service_parse("takeaway", &service));
    CHECK_EQ_INT(service, KS_SERVICE_TAKEAWAY);
    CHECK(!ks_service_parse("delivery", &service));
}

static void test_uuid_v4_format(void)
{
    const uint8_t ones[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                              0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    char out[37];
    ks_uuid_v4_format(ones, out);
    /* version nibble forced to 4, variant bits to 10xx */
    CHECK_EQ_STR(out, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    const uint8_t zeros[16] = {0};
    ks_uuid_v4_format(zeros, out);
    CHECK_EQ_STR(out, "00000000-0000-4000-8000-000000000000");
}

static void test_business_date_riyadh_midnight(void)
{
    char date[11];
    /* 2026-11-23T20:59:59Z is 23:59:59 in Riyadh (UTC+3): still the 23rd. */
    ks_business_date(1795467599, 180, 0, date);
    CHECK_EQ_STR(date, "2026-11-23");
    /* One second later it is 00:00:00 local on the 24th. */
    ks_business_date(1795467600, 180, 0, date);
    CHECK_EQ_STR(date, "2026-11-24");
}

static void test_business_date_day_start(void)
{
    char date[11];
    /* 2026-11-23T23:30:00Z = 02:30 local on the 24th; with the day starting
     * at 04:00 it still belongs to the 23rd's business day. */
    ks_business_date(1795476600, 180, 240, date);
    CHECK_EQ_STR(date, "2026-11-23");
    /* 01:00Z = 04:00 local: the new business day begins. */
    ks_business_date(1795482000, 180, 240, date);
    CHECK_EQ_STR(date, "2026-11-24");
}

static void test_business_date_before_epoch_and_leap_day(void)
{
    char date[11];
    ks_business_date(-1, 0, 0, date);
    CHECK_EQ_STR(date, "1969-12-31");
    /* 2028-02-29T12:00:00Z */
    ks_business_date(1835438400, 0, 0, date);
    CHECK_EQ_STR(date, "2028-02-29");
}

static const struct check_case cases[] = {
    {"forward path allowed", test_forward_path_allowed},
    {"illegal transitions refused", test_illegal_transitions_refused},
    {"refund after payment only", test_refund_after_payment_only},
    {"status names round trip", test_status_names_round_trip},
    {"uuid v4 format", test_uuid_v4_format},
    {"business date at Riyadh midnight", test_business_date_riyadh_midnight},
    {"business date with 04:00 day start", test_business_date_day_start},
    {"business date before epoch and leap day", test_business_date_before_epoch_and_leap_day},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
