/*
 * Reorder suggestions (kiosk/backend/backend_reorder.h) against figures
 * worked out by hand: the ceilings, the trigger at the reorder point, a
 * level below zero, no sales, and the parameters' bounds.
 */
#include "kiosk/backend/backend_reorder.h"
#include "tests/support/check.h"

static void test_worked_examples(void)
{
    /*
     * 30 sold in 7 days, lead 2, safety 1, cover 7: rate 4.285.. -> 4285;
     * point ceil(30 x 3 / 7) = ceil(12.86) = 13; up to ceil(30 x 10 / 7) =
     * ceil(42.86) = 43; 10 on hand <= 13: order 33.
     */
    const ks_reorder_params week = {.days = 7, .lead = 2, .safety = 1, .cover = 7};
    ks_reorder r = ks_reorder_compute(&week, 30, 10);
    CHECK_EQ_INT(r.rate_milli, 4285);
    CHECK_EQ_INT(r.reorder_point, 13);
    CHECK_EQ_INT(r.order_up_to, 43);
    CHECK_EQ_INT(r.suggestion, 33);
    /* At the point exactly it orders; one above, not. */
    CHECK_EQ_INT(ks_reorder_compute(&week, 30, 13).suggestion, 30);
    CHECK_EQ_INT(ks_reorder_compute(&week, 30, 14).suggestion, 0);
    /* Below zero (sales recorded past the stock): what is missing is ordered too. */
    CHECK_EQ_INT(ks_reorder_compute(&week, 30, -5).suggestion, 48);
    /*
     * 28 sold in 28 days, lead 3, safety 0, cover 14: exactly 1 a day,
     * point 3, up to 17; 3 on hand: order 14.
     */
    const ks_reorder_params month = {.days = 28, .lead = 3, .safety = 0, .cover = 14};
    r = ks_reorder_compute(&month, 28, 3);
    CHECK_EQ_INT(r.rate_milli, 1000);
    CHECK_EQ_INT(r.reorder_point, 3);
    CHECK_EQ_INT(r.order_up_to, 17);
    CHECK_EQ_INT(r.suggestion, 14);
    /* Nothing sold: point 0, so only an item at 0 or below is ordered, up to 0. */
    CHECK_EQ_INT(ks_reorder_compute(&month, 0, 0).suggestion, 0);
    CHECK_EQ_INT(ks_reorder_compute(&month, 0, -2).suggestion, 2);
    CHECK_EQ_INT(ks_reorder_compute(&month, 0, 1).suggestion, 0);
}

static void test_bounds(void)
{
    ks_reorder_params p = {.days = 1, .lead = 0, .safety = 0, .cover = 0};
    CHECK(ks_reorder_params_ok(&p));
    p.days = 0;
    CHECK(!ks_reorder_params_ok(&p));
    p.days = KS_REORDER_DAYS_MAX + 1;
    CHECK(!ks_reorder_params_ok(&p));
    p = (ks_reorder_params){.days = 365, .lead = 365, .safety = 365, .cover = 365};
    CHECK(ks_reorder_params_ok(&p));
    /* The largest figures stay exact: 10^12 x 1095 / 365 = 3 x 10^12. */
    ks_reorder r = ks_reorder_compute(&p, KS_REORDER_SOLD_MAX, 0);
    CHECK_EQ_INT(r.order_up_to, 3000000000000LL);
    p.lead = -1;
    CHECK(!ks_reorder_params_ok(&p));
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"worked_examples", test_worked_examples},
        {"bounds", test_bounds},
    };
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
