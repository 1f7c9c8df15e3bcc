/*
 * The self-checkout lane's controller (see kiosk/screens/screen.h, "the
 * self-checkout lane"): codes from the scanner and items from the look-up
 * go into the basket (kiosk/domain/basket.h), and the journey is told what
 * happened (KS_EV_SCANNED); weights come from the scale under the driver's
 * trade rule; removals, voids and age approvals are carried out when the
 * journey or the attendant says so, each with who and when.
 */
#define LOG_TAG "lane"
#include <stdio.h>
#include <string.h>

#include "kiosk/app/attendant_msg.h"
#include "kiosk/common/log.h"
#include "kiosk/screens/attendant.h"
#include "kiosk/screens/kit.h"
#include "kiosk/screens/screen.h"
#include "kiosk/screens/staff_access.h"

/* Who approved at the lane with the staff PIN (a badge is recorded by its code). */
#define LANE_PIN_STAFF "lane-pin"

/* Screens where a shopper's scan means "add this". */
static bool takes_scans(enum ks_screen s)
{
    switch (s) {
    case KS_SCREEN_ATTRACT:
    case KS_SCREEN_LANGUAGE:
    case KS_SCREEN_BASKET:
    case KS_SCREEN_LOOKUP:
    case KS_SCREEN_WEIGH:
    case KS_SCREEN_QUANTITY:
    case KS_SCREEN_ATTENDANT:
    case KS_SCREEN_DONE:
        return true;
    default:
        return false;
    }
}

/* Tells the journey what a scan, look-up or weighing did, and shows it. */
static void took(ks_kiosk_ui *k, const ks_scan_result *r)
{
    enum ks_scanned outcome;
    k->lane.has_refused = false;
    if (ks_scan_added(r)) {
        k->lane.newest = r->line;
        outcome = r->needs_age_approval ? KS_SCANNED_AGE_RESTRICTED : KS_SCANNED_ADDED;
        LOG_INFO("%s: %s on line %u%s", r->scanned[0] ? r->scanned : "look-up", r->item->id,
                 (unsigned)r->line, r->needs_age_approval ? " (age check)" : "");
    } else if (r->outcome == KS_SCAN_NEEDS_WEIGHT) {
        k->lane.weighing = r->item;
        outcome = KS_SCANNED_NEEDS_WEIGHING;
    } else {
        k->lane.refused = *r;
        k->lane.has_refused = true;
        LOG_WARN("code \"%s\" refused: %s", r->scanned, ks_scan_outcome_name(r->outcome));
        outcome = KS_SCANNED_REFUSED;
    }
    ks_ui_cart_changed(k);
    ks_ui_send_event(k, (ks_event){.kind = KS_EV_SCANNED, .arg.scan = outcome});
}

void ks_lane_scan(ks_kiosk_ui *k, const char *code)
{
    if (!k->basket) {
        LOG_WARN("a code was scanned, but this kiosk is not a self-checkout");
        return;
    }
    enum ks_screen s = k->journey.screen;
    if (s == KS_SCREEN_ATTENDANT && ks_attendant_badge(k, code))
        return;
    if (!takes_scans(s)) {
        LOG_INFO("a code scanned on the %s screen is ignored", ks_screen_name(s));
        return;
    }
    if (s == KS_SCREEN_DONE) /* the next shopper: a fresh basket first */
        ks_ui_send(k, KS_EV_START);
    if (ks_journey_lane_paused(&k->journey)) {
        ks_ui_toast(k, ks_ui_str(k, KS_STR_LANE_PAUSED));
        LOG_INFO("a code scanned while the lane waits for the attendant is ignored");
        return;
    }
    ks_scan_result r = ks_basket_scan(k->basket, code, strlen(code), ks_ui_local_time(k));
    took(k, &r);
}

void ks_lane_add_item(ks_kiosk_ui *k, const ks_item *item)
{
    if (!k->basket || ks_journey_lane_paused(&k->journey))
        return;
    ks_scan_result r = ks_basket_add_item(k->basket, item, ks_ui_local_time(k));
    took(k, &r);
}

bool ks_lane_tradable_grams(const ks_kiosk_ui *k, int64_t *grams)
{
    if (k->c.lane_devices)
        return ks_lane_devices_weight(k->c.lane_devices, grams);
    /* No driver (renders, in-process tests): the same trade rule on the reading shown. */
    return k->scale.state.link == DEV_SCALE_LINK_UP &&
           dev_scale_accept(&k->scale.state.reading, KS_CART_MAX_GRAMS, grams);
}

bool ks_lane_take_weight(ks_kiosk_ui *k)
{
    int64_t grams;
    const ks_item *item = k->lane.weighing;
    if (!item || !k->basket || !ks_lane_tradable_grams(k, &grams) || grams <= 0)
        return false;
    ks_scan_result r = ks_basket_add_weighed(k->basket, item, (int32_t)grams, ks_ui_local_time(k));
    if (!ks_scan_added(&r)) {
        took(k, &r);
        return false;
    }
    LOG_INFO("%s weighed: %lld g", item->id, (long long)grams);
    k->lane.weighing = NULL;
    k->lane.newest = r.line;
    k->lane.has_refused = false;
    ks_ui_cart_changed(k);
    ks_ui_send(k, KS_EV_WEIGHED);
    if (r.needs_age_approval)
        ks_ui_send_event(k,
                         (ks_event){.kind = KS_EV_SCANNED, .arg.scan = KS_SCANNED_AGE_RESTRICTED});
    return true;
}

void ks_lane_remove(ks_kiosk_ui *k, ks_line_id line)
{
    k->lane.chosen = line;
    ks_ui_send(k, KS_EV_REMOVE_LINE);
}

void ks_lane_set_quantity(ks_kiosk_ui *k, int32_t count)
{
    const ks_cart_line *line = ks_cart_find(ks_ui_cart(k), k->lane.chosen);
    if (!line)
        return;
    if (count < line->quantity && k->rules.remove_needs_attendant) {
        /* Fewer pieces is a removal: the attendant's, like any other. */
        ks_ui_toast(k, ks_ui_str(k, KS_STR_NEED_REMOVAL));
        return;
    }
    enum ks_cart_status st = ks_basket_set_quantity(k->basket, k->lane.chosen, count);
    if (st != KS_CART_OK)
        LOG_WARN("line %u: quantity %d refused: %s", (unsigned)k->lane.chosen, (int)count,
                 ks_cart_strerror(st));
    ks_ui_cart_changed(k);
    ks_ui_send(k, KS_EV_QUANTITY_SET);
}

void ks_lane_note_calls(ks_kiosk_ui *k, unsigned before)
{
    unsigned raised = k->journey.attendant & ~before;
    for (unsigned bit = 0; bit < KS_INTERVENTION_NEEDS_CALLED; bit++)
        if (raised & (1u << bit))
            k->lane.raised_at[bit] = ks_ui_utc_now(k);
}

/*
 * Keeps who decided d at now for the order (kiosk/domain/intervention.h):
 * the need it settles that was raised first, or "unasked" for a void or a
 * cancel nobody called for. A decision that settles nothing waiting (a
 * second tap) is not one.
 */
static void keep_intervention(ks_kiosk_ui *k, enum ks_attendant_decision d, const char *who)
{
    int64_t now = ks_ui_utc_now(k);
    unsigned waiting = ks_att_action_settles(d) & k->journey.attendant;
    ks_order_intervention iv = {.need = KS_INTERVENTION_UNASKED,
                                .decision = (enum ks_intervention_decision)d,
                                .raised_at = now,
                                .decided_at = now};
    if (!waiting && d != KS_DECIDE_VOID_LINE && d != KS_DECIDE_CANCEL)
        return;
    for (unsigned bit = 0; bit < KS_INTERVENTION_NEEDS_CALLED; bit++) {
        int64_t at = k->lane.raised_at[bit];
        if (!(waiting & (1u << bit)) || (iv.need != KS_INTERVENTION_UNASKED && at >= iv.raised_at))
            continue;
        iv.need = (enum ks_intervention_need)bit;
        /* Raised before this basket's clock knew (or a clock step back): no wait, not a negative
         * one. */
        iv.raised_at = at > 0 && at <= now && now - at <= KS_INTERVENTION_MAX_WAIT_S ? at : now;
    }
    snprintf(iv.staff, sizeof iv.staff, "%s", who);
    if (!ks_basket_intervene(k->basket, &iv))
        LOG_WARN("the %s by %s is not kept for the order (%s)", ks_att_action_name(d), who,
                 ks_id_ok(who, KS_INTERVENTION_STAFF_MAX) ? "too many" : "not a staff id");
}

void ks_lane_decide(ks_kiosk_ui *k, enum ks_attendant_decision d, const char *staff_id,
                    ks_line_id line)
{
    if (!k->basket)
        return;
    const char *who = staff_id && staff_id[0] ? staff_id : LANE_PIN_STAFF;
    snprintf(k->lane_staff, sizeof k->lane_staff, "%s", who);
    keep_intervention(k, d, who);
    if (d == KS_DECIDE_APPROVE_AGE) {
        if (ks_basket_approve_age(k->basket, who, ks_ui_utc_now(k)))
            LOG_INFO("age approved by %s", who);
    }
    if (d == KS_DECIDE_VOID_LINE && line)
        k->lane.chosen = line;
    if (d == KS_DECIDE_CLEAR_BAGGING)
        ks_lane_bagging_accept(k);
    ks_staff_audit(k, "lane", ks_att_action_name(d), who);
    ks_ui_send_event(k, (ks_event){.kind = KS_EV_ATTENDANT_DECISION, .arg.decision = d});
}

/*
 * Sends the basket's interventions from index `from` not sent yet, each as
 * a staff action of its own for the backend's staff report
 * (kiosk/domain/staff_action.h), recorded before the lane goes on
 * (ks_staff_act): those of a basket that goes without a paid order (the
 * attendant cancelled it, the shopper left it, or its order was cancelled
 * unpaid: "intervention"), and those decided after the order was placed,
 * which it does not carry (`paying`: "paying", with that order, counted
 * with the paid orders' interventions). One that cannot be recorded is
 * tried again at the next call.
 */
static void send_interventions(ks_kiosk_ui *k, size_t from, bool paying)
{
    size_t n = 0;
    const ks_order_intervention *ivs = ks_basket_interventions(k->basket, &n);
    for (size_t i = from; i < n; i++) {
        if (k->lane.iv_sent[i])
            continue;
        ks_staff_action a = {.kind = KS_STAFF_ACTION_INTERVENTION, .intervention = ivs[i]};
        if (paying) {
            a.kind = KS_STAFF_ACTION_PAYING;
            snprintf(a.order_uuid, sizeof a.order_uuid, "%s", k->order->uuid);
            a.order_number = k->order->number;
        }
        k->lane.iv_sent[i] = ks_staff_act(k, "lane", paying ? "paying" : "unpaid",
                                          ks_intervention_decision_name(ivs[i].decision), &a);
    }
}

size_t ks_lane_placing(ks_kiosk_ui *k, ks_order_intervention *out)
{
    size_t n = 0, kept = 0;
    const ks_order_intervention *ivs = ks_basket_interventions(k->basket, &n);
    for (size_t i = 0; i < n; i++)
        if (!k->lane.iv_sent[i])
            out[kept++] = ivs[i];
    k->lane.iv_placed = n;
    return kept;
}

void ks_lane_apply(ks_kiosk_ui *k, unsigned fx)
{
    if (!k->basket)
        return;
    if (fx & KS_FX_CALL_ATTENDANT)
        LOG_WARN("attendant called: waiting for 0x%x on the %s screen", k->journey.attendant,
                 ks_screen_name(k->journey.screen));
    if (fx & KS_FX_REMOVE_LINE) {
        ks_line_id id = k->lane.chosen;
        /* An attendant's removal is a void, kept with who and when; the shopper's own is not. */
        enum ks_cart_status st =
            k->lane_staff[0] ? ks_basket_void(k->basket, id, k->lane_staff, ks_ui_utc_now(k))
                             : ks_basket_remove(k->basket, id);
        if (st != KS_CART_OK)
            LOG_WARN("line %u not removed: %s", (unsigned)id, ks_cart_strerror(st));
        else
            LOG_INFO("line %u removed%s%s", (unsigned)id, k->lane_staff[0] ? " by " : "",
                     k->lane_staff);
        k->lane.chosen = 0;
        ks_ui_cart_changed(k);
        if ((k->journey.attendant & KS_NEED_AGE) && ks_basket_age_pending(k->basket) == 0)
            /* The restricted line was voided: nothing is left for the age check. */
            ks_ui_send_event(k, (ks_event){.kind = KS_EV_ATTENDANT_DECISION,
                                           .arg.decision = KS_DECIDE_APPROVE_AGE});
    }
    /* A decision while paying (the order placed, live or paid): the order does not carry it. */
    if (k->order)
        send_interventions(k, k->lane.iv_placed, true);
    if (fx & KS_FX_BASKET_WIPED)
        LOG_WARN("a basket of %zu lines was wiped unpaid (%lu since start)",
                 ks_cart_count(ks_ui_cart(k)), k->journey.basket_wipes);
    k->lane_staff[0] = '\0';
}

void ks_lane_clear(ks_kiosk_ui *k)
{
    if (k->basket) {
        bool paid = k->order && k->order->status == KS_ORDER_PAID;
        send_interventions(k, paid ? k->lane.iv_placed : 0, paid);
        ks_basket_clear(k->basket);
    }
    k->lane = (ks_lane_state){0};
    ks_lane_bagging_forget(k);
}

void ks_lane_kg(const ks_kiosk_ui *k, int64_t grams, char *out, size_t cap)
{
    char ascii[32], digits[64];
    snprintf(ascii, sizeof ascii, "%lld.%03lld", (long long)(grams / 1000),
             (long long)(grams % 1000));
    if (!ui_digits_convert(ascii, ks_kit_digits(k), digits, sizeof digits))
        snprintf(digits, sizeof digits, "%s", ascii);
    snprintf(out, cap, "%s %s", digits, ks_ui_str(k, KS_STR_KG));
}
