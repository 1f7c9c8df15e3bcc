/* Reorder suggestions: see kiosk/backend/backend_reorder.h. */
#include "kiosk/backend/backend_reorder.h"

bool ks_reorder_params_ok(const ks_reorder_params *p)
{
    return p->days >= 1 && p->days <= KS_REORDER_DAYS_MAX && p->lead >= 0 &&
           p->lead <= KS_REORDER_DAYS_MAX && p->safety >= 0 && p->safety <= KS_REORDER_DAYS_MAX &&
           p->cover >= 0 && p->cover <= KS_REORDER_DAYS_MAX;
}

/* ceil(a / b) for a >= 0, b > 0. */
static int64_t ceil_div(int64_t a, int64_t b)
{
    return (a + b - 1) / b;
}

ks_reorder ks_reorder_compute(const ks_reorder_params *p, int64_t sold, int64_t on_hand)
{
    if (sold < 0)
        sold = 0;
    if (sold > KS_REORDER_SOLD_MAX)
        sold = KS_REORDER_SOLD_MAX;
    ks_reorder r = {
        .rate_milli = sold * 1000 / p->days,
        .reorder_point = ceil_div(sold * (p->lead + p->safety), p->days),
        .order_up_to = ceil_div(sold * (p->lead + p->safety + p->cover), p->days),
    };
    r.suggestion = on_hand <= r.reorder_point ? r.order_up_to - on_hand : 0;
    return r;
}
