/*
 * The self-checkout lane's bagging-area check (see kiosk/screens/screen.h,
 * ks_lane_bagging_watch): the pure check (kiosk/domain/bagging.h) fed with
 * the bagging scale's tradable weight, the grace a shopper gets, and the
 * journey told when the lane must wait (KS_EV_BAGGING_ALERT) and when the
 * area is right again.
 */
#define LOG_TAG "bagging"
#include "kiosk/common/log.h"
#include "kiosk/screens/screen.h"

/* A stable reading heavier than everything scanned, this long: something unscanned is there. */
#define KS_LANE_UNEXPECTED_GRACE_MS 1500
/* How long a shopper has to put a scanned item down after the basket last changed. */
#define KS_LANE_PLACE_GRACE_MS 10000

/* The bagging scale's tradable weight now (the driver's trade rule); false when none. */
static bool bagging_grams(const ks_kiosk_ui *k, int64_t *grams)
{
    if (k->c.lane_devices)
        return ks_lane_devices_bagging_weight(k->c.lane_devices, grams);
    /* No driver (renders, in-process tests): the same rule on the state last reported. */
    return k->bagging_scale.link == DEV_SCALE_LINK_UP &&
           dev_scale_accept(&k->bagging_scale.reading, KS_CART_MAX_GRAMS, grams);
}

/* Screens where the shopper is at the lane with a basket, and an alert may pause it. */
static bool checking(enum ks_screen s)
{
    return s == KS_SCREEN_BASKET || s == KS_SCREEN_LOOKUP || s == KS_SCREEN_WEIGH ||
           s == KS_SCREEN_QUANTITY || s == KS_SCREEN_ATTENDANT;
}

/* Starts the check over with grams as what the empty basket's area holds. */
static void new_baseline(ks_lane_bagging *b, int64_t grams)
{
    ks_bagging_free(b->check);
    *b = (ks_lane_bagging){.check = ks_bagging_new(grams)};
    if (!b->check)
        LOG_ERROR("out of memory: no bagging-area check for this basket");
}

/* The area is as it should be again: the alert, if any, ends without the attendant. */
static void back_in_range(ks_kiosk_ui *k)
{
    k->bagging.verdict = KS_BAGGING_OK;
    if (!(k->journey.attendant & KS_NEED_BAGGING))
        return;
    LOG_INFO("the bagging area is right again: the lane goes on");
    ks_ui_send_event(
        k, (ks_event){.kind = KS_EV_ATTENDANT_DECISION, .arg.decision = KS_DECIDE_CLEAR_BAGGING});
}

void ks_lane_bagging_watch(ks_kiosk_ui *k)
{
    ks_lane_bagging *b = &k->bagging;
    int64_t grams;
    if (!k->basket || !bagging_grams(k, &grams))
        return;
    const ks_cart *cart = ks_ui_cart(k);
    if (ks_cart_count(cart) == 0) {
        /* Nothing scanned: what lies there (the shopper's own bags) is the baseline. */
        if (!b->check || ks_bagging_check(b->check, cart, grams).verdict != KS_BAGGING_OK)
            new_baseline(b, grams);
        back_in_range(k);
        return;
    }
    if (!b->check) {
        /* The scale came up with a basket under way: take the area as it is. */
        new_baseline(b, 0);
        if (b->check)
            ks_bagging_accept(b->check, cart, grams);
        LOG_WARN("bagging scale came up mid-basket: %lld g taken as right", (long long)grams);
        return;
    }
    if (!checking(k->journey.screen))
        return;
    ks_bagging_result r = ks_bagging_check(b->check, cart, grams);
    if (r.verdict == KS_BAGGING_OK) {
        back_in_range(k);
        return;
    }
    if (r.verdict != b->verdict || b->cart_changes != k->cart_changes) {
        if (r.verdict != b->verdict && k->journey.screen == KS_SCREEN_ATTENDANT)
            ks_ui_refresh(k); /* the reason shown changes */
        b->verdict = r.verdict;
        b->out_since_ms = k->now_ms;
        b->cart_changes = k->cart_changes;
    }
    int64_t grace = r.verdict == KS_BAGGING_UNEXPECTED_ITEM ? KS_LANE_UNEXPECTED_GRACE_MS
                                                            : KS_LANE_PLACE_GRACE_MS;
    if ((k->journey.attendant & KS_NEED_BAGGING) || k->now_ms - b->out_since_ms < grace)
        return;
    LOG_WARN("%s: %lld g on the scale, %lld..%lld g expected", ks_bagging_verdict_name(r.verdict),
             (long long)grams, (long long)r.min_g, (long long)r.max_g);
    ks_ui_send(k, KS_EV_BAGGING_ALERT);
}

void ks_lane_bagging_accept(ks_kiosk_ui *k)
{
    int64_t grams;
    ks_lane_bagging *b = &k->bagging;
    if (!b->check || !bagging_grams(k, &grams)) {
        LOG_WARN("bagging alert cleared without a reading to take as right");
        return;
    }
    ks_bagging_accept(b->check, ks_ui_cart(k), grams);
    b->verdict = KS_BAGGING_OK;
    LOG_INFO("bagging alert cleared: %lld g taken as right", (long long)grams);
}

void ks_lane_bagging_forget(ks_kiosk_ui *k)
{
    ks_bagging_free(k->bagging.check);
    k->bagging = (ks_lane_bagging){0};
}

enum ks_str ks_lane_bagging_text(const ks_kiosk_ui *k)
{
    switch (k->bagging.verdict) {
    case KS_BAGGING_UNEXPECTED_ITEM:
        return KS_STR_BAGGING_UNEXPECTED;
    case KS_BAGGING_ITEM_NOT_PLACED:
        return KS_STR_BAGGING_NOT_PLACED;
    default:
        return KS_STR_NEED_BAGGING;
    }
}
