/*
 * The supermarket self-checkout's table of the journey state machine
 * (kiosk/app/journey.h): scanning into the basket, looking up, weighing,
 * quantities, and everything the lane asks the attendant for. The program
 * does the basket work (which item a code is, what the scale says) and
 * tells the journey the outcome; the journey decides where the shopper
 * goes and what waits for whom. Pure: no I/O, no clock.
 */
#include "kiosk/app/journey_table.h"

unsigned ks_journey_lane_call(ks_journey *j, unsigned need, int64_t now)
{
    bool fresh = !(j->attendant & need) || need == KS_NEED_UNKNOWN; /* each refused code alerts */
    j->attendant |= need;
    if (need & KS_NEEDS_PAUSING)
        ks_journey_go(j, KS_SCREEN_ATTENDANT, now);
    return fresh ? KS_FX_CALL_ATTENDANT : 0;
}

/* A code scanned (or an item looked up) while the lane takes scans. */
static unsigned on_scan(ks_journey *j, enum ks_scanned outcome, int64_t now)
{
    switch (outcome) {
    case KS_SCANNED_ADDED:
        ks_journey_go(j, KS_SCREEN_BASKET, now);
        return 0;
    case KS_SCANNED_AGE_RESTRICTED:
        ks_journey_go(j, KS_SCREEN_BASKET, now);
        return ks_journey_lane_call(j, KS_NEED_AGE, now);
    case KS_SCANNED_NEEDS_WEIGHING:
        ks_journey_go(j, KS_SCREEN_WEIGH, now);
        return 0;
    case KS_SCANNED_REFUSED:
        if (j->screen != KS_SCREEN_ATTENDANT)
            ks_journey_go(j, KS_SCREEN_BASKET, now);
        return ks_journey_lane_call(j, KS_NEED_UNKNOWN, now);
    }
    return 0;
}

static unsigned on_remove(ks_journey *j, const ks_journey_rules *rules, int64_t now)
{
    if (rules->remove_needs_attendant)
        return ks_journey_lane_call(j, KS_NEED_REMOVAL, now);
    ks_journey_go(j, KS_SCREEN_BASKET, now);
    return KS_FX_REMOVE_LINE;
}

static unsigned on_decision(ks_journey *j, const ks_journey_rules *rules,
                            enum ks_attendant_decision d, int64_t now)
{
    unsigned fx = 0;
    switch (d) {
    case KS_DECIDE_APPROVE_AGE:
        j->attendant &= ~(unsigned)KS_NEED_AGE;
        break;
    case KS_DECIDE_APPROVE_REMOVAL:
        if (!(j->attendant & KS_NEED_REMOVAL))
            return 0; /* nothing asked, or already decided */
        j->attendant &= ~(unsigned)KS_NEED_REMOVAL;
        fx = KS_FX_REMOVE_LINE;
        break;
    case KS_DECIDE_DECLINE_REMOVAL:
        j->attendant &= ~(unsigned)KS_NEED_REMOVAL;
        break;
    case KS_DECIDE_VOID_LINE:
        fx = KS_FX_REMOVE_LINE;
        break;
    case KS_DECIDE_CANCEL:
        return ks_journey_reset(j, rules, now);
    case KS_DECIDE_CLEAR_BAGGING:
        j->attendant &= ~(unsigned)KS_NEED_BAGGING;
        break;
    case KS_DECIDE_HELP_GIVEN:
        j->attendant &= ~(unsigned)(KS_NEED_HELP | KS_NEED_UNKNOWN | KS_NEED_IDLE);
        break;
    }
    /* The shopper goes on scanning once nothing pauses the lane any more. */
    if (j->screen == KS_SCREEN_ATTENDANT && !ks_journey_lane_paused(j))
        ks_journey_go(j, KS_SCREEN_BASKET, now);
    return fx;
}

/* Events every screen of a session takes: decisions, bagging alerts, scans, help. */
static bool on_any(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev, unsigned *fx)
{
    int64_t now = ev->now_ms;
    switch (ev->kind) {
    case KS_EV_ATTENDANT_DECISION:
        *fx = on_decision(j, rules, ev->arg.decision, now);
        return true;
    case KS_EV_BAGGING_ALERT:
        *fx = ks_journey_lane_call(j, KS_NEED_BAGGING, now);
        return true;
    case KS_EV_SCANNED:
        /* A paused lane takes no scans: the program shows why and keeps the basket. */
        *fx = ks_journey_lane_paused(j) ? 0 : on_scan(j, ev->arg.scan, now);
        return true;
    case KS_EV_HELP:
        *fx = ks_journey_lane_call(j, KS_NEED_HELP, now);
        ks_journey_go(j, KS_SCREEN_ATTENDANT, now);
        return true;
    default:
        return false;
    }
}

unsigned ks_journey_lane_step(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev)
{
    int64_t now = ev->now_ms;
    unsigned fx = 0;
    switch (j->screen) {
    case KS_SCREEN_ATTRACT:
        if (ev->kind == KS_EV_SCANNED) {
            /* Scanning starts the session at once, in the kiosk's language. */
            j->lang = rules->default_lang;
            return on_scan(j, ev->arg.scan, now);
        }
        if (ev->kind == KS_EV_START)
            ks_journey_go(j, KS_SCREEN_LANGUAGE, now);
        return 0;
    case KS_SCREEN_LANGUAGE:
        if (ev->kind == KS_EV_CHOOSE_LANGUAGE) {
            j->lang = ev->arg.lang;
            ks_journey_go(j, KS_SCREEN_BASKET, now);
        } else if (ev->kind == KS_EV_BACK) {
            return ks_journey_reset(j, rules, now);
        } else if (ev->kind == KS_EV_SCANNED) {
            return on_scan(j, ev->arg.scan, now);
        }
        return 0;
    case KS_SCREEN_BASKET:
        if (on_any(j, rules, ev, &fx))
            return fx;
        if (ev->kind == KS_EV_LOOKUP)
            ks_journey_go(j, KS_SCREEN_LOOKUP, now);
        else if (ev->kind == KS_EV_EDIT_QUANTITY)
            ks_journey_go(j, KS_SCREEN_QUANTITY, now);
        else if (ev->kind == KS_EV_REMOVE_LINE)
            return on_remove(j, rules, now);
        else if (ev->kind == KS_EV_CHOOSE_LANGUAGE)
            j->lang = ev->arg.lang;
        else if (ev->kind == KS_EV_CHECKOUT && !j->cart_empty) {
            if (j->attendant & KS_NEED_AGE) {
                /* Payment waits for the attendant's look at the shopper. */
                ks_journey_go(j, KS_SCREEN_ATTENDANT, now);
                return 0;
            }
            return ks_journey_start_card_payment(j, now);
        }
        return 0;
    case KS_SCREEN_LOOKUP:
    case KS_SCREEN_WEIGH:
    case KS_SCREEN_QUANTITY:
        if (on_any(j, rules, ev, &fx))
            return fx;
        if (ev->kind == KS_EV_REMOVE_LINE && j->screen == KS_SCREEN_QUANTITY)
            return on_remove(j, rules, now);
        if (ev->kind == KS_EV_BACK || ev->kind == KS_EV_WEIGHED || ev->kind == KS_EV_QUANTITY_SET)
            ks_journey_go(j, KS_SCREEN_BASKET, now);
        return 0;
    case KS_SCREEN_ATTENDANT:
        if (on_any(j, rules, ev, &fx))
            return fx;
        /* Counted as at the staff screen; decisions follow a right one. */
        if (ev->kind == KS_EV_PIN_ENTERED && !ks_pin_lockout_active(&j->pin, now))
            ks_pin_lockout_count(&j->pin, &rules->pin, ev->arg.pin_ok, now);
        if (ev->kind == KS_EV_STILL_HERE && (j->attendant & KS_NEED_IDLE)) {
            /* The shopper came back before the attendant: the call stands, the lane goes on. */
            j->attendant &= ~(unsigned)KS_NEED_IDLE;
            j->attendant |= KS_NEED_HELP;
        }
        if ((ev->kind == KS_EV_BACK || ev->kind == KS_EV_STILL_HERE) && !ks_journey_lane_paused(j))
            ks_journey_go(j, KS_SCREEN_BASKET, now);
        return 0;
    default:
        return 0;
    }
}
