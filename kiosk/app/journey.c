/*
 * The journey state machine (kiosk/app/journey.h): what both modes share
 * (ticks and idle, payment, staff) and the restaurant's table; the
 * supermarket's is kiosk/app/journey_lane.c. Pure: no I/O, no clock.
 */
#include "kiosk/app/journey.h"

#include "kiosk/app/journey_table.h"

static const char *const screen_names[KS_SCREEN_COUNT] = {
    [KS_SCREEN_ATTRACT] = "attract",   [KS_SCREEN_LANGUAGE] = "language",
    [KS_SCREEN_SERVICE] = "service",   [KS_SCREEN_MENU] = "menu",
    [KS_SCREEN_ITEM] = "item",         [KS_SCREEN_BASKET] = "basket",
    [KS_SCREEN_LOOKUP] = "lookup",     [KS_SCREEN_WEIGH] = "weigh",
    [KS_SCREEN_QUANTITY] = "quantity", [KS_SCREEN_ATTENDANT] = "attendant",
    [KS_SCREEN_UPSELL] = "upsell",     [KS_SCREEN_CART] = "cart",
    [KS_SCREEN_PAYMENT] = "payment",   [KS_SCREEN_PRINTING] = "printing",
    [KS_SCREEN_DONE] = "done",         [KS_SCREEN_STAFF_PIN] = "staff-pin",
    [KS_SCREEN_STAFF] = "staff",       [KS_SCREEN_OUT_OF_SERVICE] = "out-of-service",
    [KS_SCREEN_REFUND] = "refund",
};

const char *ks_screen_name(enum ks_screen screen)
{
    return (unsigned)screen < KS_SCREEN_COUNT ? screen_names[screen] : "unknown";
}

void ks_journey_rules_from_config(ks_journey_rules *rules, const ks_config *cfg)
{
    *rules = (ks_journey_rules){
        .mode = cfg->mode,
        .default_lang = cfg->language,
        .idle_timeout_ms = (int64_t)cfg->idle_timeout_s * 1000,
        .idle_countdown_ms = (int64_t)cfg->idle_countdown_s * 1000,
        .done_timeout_ms = (int64_t)cfg->done_timeout_s * 1000,
        .pay_at_counter = cfg->pay_at_counter,
        .upsell = cfg->upsell,
        .pin = {cfg->staff_pin_max_failures, (int64_t)cfg->staff_pin_lockout_s * 1000},
        .remove_needs_attendant = cfg->remove_needs_attendant,
    };
}

void ks_journey_go(ks_journey *j, enum ks_screen screen, int64_t now_ms)
{
    j->screen = screen;
    j->screen_since_ms = now_ms;
    j->idle_warning = false;
}

/* Screens where the customer is building the order. */
static bool ordering(enum ks_screen s)
{
    switch (s) {
    case KS_SCREEN_LANGUAGE:
    case KS_SCREEN_SERVICE:
    case KS_SCREEN_MENU:
    case KS_SCREEN_ITEM:
    case KS_SCREEN_UPSELL:
    case KS_SCREEN_CART:
    case KS_SCREEN_PAYMENT:
    case KS_SCREEN_BASKET:
    case KS_SCREEN_LOOKUP:
    case KS_SCREEN_WEIGH:
    case KS_SCREEN_QUANTITY:
    case KS_SCREEN_ATTENDANT:
        return true;
    default:
        return false;
    }
}

unsigned ks_journey_reset(ks_journey *j, const ks_journey_rules *rules, int64_t now_ms)
{
    unsigned fx = KS_FX_CLEAR_CART;
    if (j->order_placed)
        fx |= KS_FX_CANCEL_ORDER;
    if (rules->mode == KS_MODE_SUPERMARKET && !j->cart_empty && ordering(j->screen)) {
        j->basket_wipes++;
        fx |= KS_FX_BASKET_WIPED;
    }
    j->attendant = 0;
    j->order_placed = false;
    j->payment = KS_PAY_PHASE_IDLE;
    j->lang = rules->default_lang;
    j->cart_empty = true;
    ks_journey_go(j, j->closed ? KS_SCREEN_OUT_OF_SERVICE : KS_SCREEN_ATTRACT, now_ms);
    return fx;
}

void ks_journey_init(ks_journey *j, const ks_journey_rules *rules, int64_t now_ms)
{
    *j = (ks_journey){.lang = rules->default_lang, .cart_empty = true, .last_activity_ms = now_ms};
    ks_journey_go(j, KS_SCREEN_ATTRACT, now_ms);
}

bool ks_journey_lane_paused(const ks_journey *j)
{
    return (j->attendant & KS_NEEDS_PAUSING) != 0;
}

bool ks_journey_idle_protected(const ks_journey *j)
{
    switch (j->screen) {
    case KS_SCREEN_ATTENDANT:
        return ks_journey_lane_paused(j);
    case KS_SCREEN_ATTRACT:
    case KS_SCREEN_PRINTING:
    case KS_SCREEN_DONE:
    case KS_SCREEN_STAFF_PIN:
    case KS_SCREEN_STAFF:
    case KS_SCREEN_REFUND:
    case KS_SCREEN_OUT_OF_SERVICE:
        return true;
    case KS_SCREEN_PAYMENT:
        return j->payment == KS_PAY_PHASE_WAITING || j->payment == KS_PAY_PHASE_ABORTING;
    default:
        return false;
    }
}

int64_t ks_journey_idle_remaining(const ks_journey *j, int64_t now_ms)
{
    if (!j->idle_warning || now_ms >= j->idle_deadline_ms)
        return 0;
    return j->idle_deadline_ms - now_ms;
}

static bool is_user_input(enum ks_event_kind kind)
{
    switch (kind) {
    case KS_EV_TICK:
    case KS_EV_PAYMENT_APPROVED:
    case KS_EV_PAYMENT_DECLINED:
    case KS_EV_PAYMENT_ABORTED:
    case KS_EV_RECEIPT_DONE:
        return false;
    default:
        return true;
    }
}

/* The screens behind the staff PIN, and the PIN's own. */
static bool staff_screen(enum ks_screen s)
{
    return s == KS_SCREEN_STAFF || s == KS_SCREEN_STAFF_PIN || s == KS_SCREEN_REFUND;
}

static unsigned on_tick(ks_journey *j, const ks_journey_rules *rules, int64_t now)
{
    if (j->screen == KS_SCREEN_DONE)
        return now - j->screen_since_ms >= rules->done_timeout_ms ? ks_journey_reset(j, rules, now)
                                                                  : 0;
    if (staff_screen(j->screen)) {
        /* A staff member who walks away is logged out, without a countdown. */
        if (now - j->last_activity_ms >= rules->idle_timeout_ms)
            ks_journey_go(j, j->closed ? KS_SCREEN_OUT_OF_SERVICE : KS_SCREEN_ATTRACT, now);
        return 0;
    }
    if (ks_journey_idle_protected(j))
        return 0;
    if (!j->idle_warning) {
        if (now - j->last_activity_ms >= rules->idle_timeout_ms) {
            j->idle_warning = true;
            j->idle_deadline_ms = now + rules->idle_countdown_ms;
        }
        return 0;
    }
    if (now < j->idle_deadline_ms)
        return 0;
    if (rules->mode == KS_MODE_SUPERMARKET && !j->cart_empty)
        return ks_journey_lane_call(j, KS_NEED_IDLE, now); /* never wiped by a timer */
    return ks_journey_reset(j, rules, now);
}

/* Leaving the menu towards the cart, through the suggestions when there are any to make. */
static void to_cart(ks_journey *j, const ks_journey_rules *rules, int64_t now)
{
    bool suggest = rules->upsell && rules->mode == KS_MODE_RESTAURANT && !j->cart_empty &&
                   j->screen == KS_SCREEN_MENU;
    ks_journey_go(j, suggest ? KS_SCREEN_UPSELL : KS_SCREEN_CART, now);
}

unsigned ks_journey_start_card_payment(ks_journey *j, int64_t now)
{
    unsigned fx = KS_FX_START_PAYMENT;
    if (!j->order_placed)
        fx |= KS_FX_PLACE_ORDER;
    j->order_placed = true;
    j->payment = KS_PAY_PHASE_WAITING;
    ks_journey_go(j, KS_SCREEN_PAYMENT, now);
    return fx;
}

static unsigned pay_at_counter(ks_journey *j, int64_t now)
{
    unsigned fx = KS_FX_COUNTER_TICKET;
    if (!j->order_placed)
        fx |= KS_FX_PLACE_ORDER;
    /* The order stays unpaid in storage; the counter takes the money. */
    j->order_placed = false;
    j->payment = KS_PAY_PHASE_IDLE;
    ks_journey_go(j, KS_SCREEN_PRINTING, now);
    return fx;
}

static unsigned on_payment(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev)
{
    int64_t now = ev->now_ms;
    switch (j->payment) {
    case KS_PAY_PHASE_IDLE: /* choosing how to pay */
    case KS_PAY_PHASE_DECLINED:
        if (ev->kind == KS_EV_PAY_CARD)
            return ks_journey_start_card_payment(j, now);
        if (ev->kind == KS_EV_PAY_AT_COUNTER && rules->pay_at_counter)
            return pay_at_counter(j, now);
        if (ev->kind == KS_EV_BACK) {
            /* Back to editing: the stored order no longer matches the cart. */
            unsigned fx = j->order_placed ? KS_FX_CANCEL_ORDER : 0;
            j->order_placed = false;
            j->payment = KS_PAY_PHASE_IDLE;
            ks_journey_go(j, rules->mode == KS_MODE_SUPERMARKET ? KS_SCREEN_BASKET : KS_SCREEN_CART,
                          now);
            return fx;
        }
        return 0;
    case KS_PAY_PHASE_WAITING:
    case KS_PAY_PHASE_ABORTING:
        if (ev->kind == KS_EV_PAYMENT_APPROVED) {
            /* Even after our abort: an approved payment is never dropped. */
            j->order_placed = false;
            j->payment = KS_PAY_PHASE_IDLE;
            ks_journey_go(j, KS_SCREEN_PRINTING, now);
            return KS_FX_SEND_ORDER | KS_FX_PRINT_RECEIPT;
        }
        if (ev->kind == KS_EV_PAYMENT_DECLINED && j->payment == KS_PAY_PHASE_WAITING) {
            j->payment = KS_PAY_PHASE_DECLINED;
            j->screen_since_ms = now;
            return 0;
        }
        if (ev->kind == KS_EV_CANCEL_PAYMENT && j->payment == KS_PAY_PHASE_WAITING) {
            j->payment = KS_PAY_PHASE_ABORTING;
            return KS_FX_ABORT_PAYMENT;
        }
        if ((ev->kind == KS_EV_PAYMENT_ABORTED || ev->kind == KS_EV_PAYMENT_DECLINED) &&
            j->payment == KS_PAY_PHASE_ABORTING) {
            j->payment = KS_PAY_PHASE_DECLINED;
            j->screen_since_ms = now;
            return 0;
        }
        return 0;
    }
    return 0;
}

static unsigned on_staff(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev)
{
    int64_t now = ev->now_ms;
    enum ks_screen home = j->closed ? KS_SCREEN_OUT_OF_SERVICE : KS_SCREEN_ATTRACT;
    if (j->screen == KS_SCREEN_STAFF_PIN) {
        if (ev->kind == KS_EV_BACK) {
            ks_journey_go(j, home, now);
        } else if (ev->kind == KS_EV_PIN_ENTERED) {
            if (ks_pin_lockout_count(&j->pin, &rules->pin, ev->arg.pin_ok, now))
                ks_journey_go(j, home, now); /* locked out */
            else if (ev->arg.pin_ok)
                ks_journey_go(j, KS_SCREEN_STAFF, now);
        }
        return 0;
    }
    if (j->screen == KS_SCREEN_REFUND) {
        if (ev->kind == KS_EV_BACK)
            ks_journey_go(j, KS_SCREEN_STAFF, now);
        return 0;
    }
    switch (ev->kind) {
    case KS_EV_STAFF_EXIT:
        ks_journey_go(j, home, now);
        break;
    case KS_EV_STAFF_REFUND:
        ks_journey_go(j, KS_SCREEN_REFUND, now);
        break;
    case KS_EV_STAFF_CLOSE:
        j->closed = true;
        ks_journey_go(j, KS_SCREEN_OUT_OF_SERVICE, now);
        break;
    case KS_EV_STAFF_OPEN:
        j->closed = false;
        ks_journey_go(j, KS_SCREEN_ATTRACT, now);
        break;
    default:
        break;
    }
    return 0;
}

unsigned ks_journey_step(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev)
{
    int64_t now = ev->now_ms;
    if (is_user_input(ev->kind)) {
        j->last_activity_ms = now;
        j->idle_warning = false;
    }
    if (ev->kind == KS_EV_CART_CHANGED) {
        j->cart_empty = ev->arg.cart_empty;
        return 0;
    }
    if (ev->kind == KS_EV_TICK)
        return on_tick(j, rules, now);
    if (ev->kind == KS_EV_START_OVER && ordering(j->screen) && !ks_journey_idle_protected(j))
        return ks_journey_reset(j, rules, now);
    if (j->screen == KS_SCREEN_PAYMENT)
        return on_payment(j, rules, ev);
    if (staff_screen(j->screen))
        return on_staff(j, rules, ev);
    if (j->screen == KS_SCREEN_ATTRACT || j->screen == KS_SCREEN_OUT_OF_SERVICE) {
        if (ev->kind == KS_EV_STAFF_GESTURE && !ks_pin_lockout_active(&j->pin, now)) {
            ks_journey_go(j, KS_SCREEN_STAFF_PIN, now);
            return 0;
        }
        if (j->screen == KS_SCREEN_OUT_OF_SERVICE)
            return 0;
    }
    if (j->screen == KS_SCREEN_PRINTING) {
        if (ev->kind == KS_EV_RECEIPT_DONE)
            ks_journey_go(j, KS_SCREEN_DONE, now);
        return 0;
    }
    if (j->screen == KS_SCREEN_DONE)
        return ev->kind == KS_EV_START || ev->kind == KS_EV_ACTIVITY
                   ? ks_journey_reset(j, rules, now)
                   : 0;
    if (rules->mode == KS_MODE_SUPERMARKET)
        return ks_journey_lane_step(j, rules, ev);

    switch (j->screen) {
    case KS_SCREEN_ATTRACT:
        if (ev->kind == KS_EV_START)
            ks_journey_go(j, KS_SCREEN_LANGUAGE, now);
        return 0;
    case KS_SCREEN_LANGUAGE:
        if (ev->kind == KS_EV_CHOOSE_LANGUAGE) {
            j->lang = ev->arg.lang;
            ks_journey_go(j, KS_SCREEN_SERVICE, now);
        } else if (ev->kind == KS_EV_BACK) {
            return ks_journey_reset(j, rules, now);
        }
        return 0;
    case KS_SCREEN_SERVICE:
        if (ev->kind == KS_EV_CHOOSE_SERVICE) {
            j->service = ev->arg.service;
            ks_journey_go(j, KS_SCREEN_MENU, now);
        } else if (ev->kind == KS_EV_BACK) {
            ks_journey_go(j, KS_SCREEN_LANGUAGE, now);
        }
        return 0;
    case KS_SCREEN_MENU:
        if (ev->kind == KS_EV_OPEN_ITEM) {
            j->back_to = j->screen;
            ks_journey_go(j, KS_SCREEN_ITEM, now);
        } else if ((ev->kind == KS_EV_VIEW_CART || ev->kind == KS_EV_CHECKOUT) && !j->cart_empty) {
            to_cart(j, rules, now);
        } else if (ev->kind == KS_EV_BACK) {
            ks_journey_go(j, KS_SCREEN_SERVICE, now);
        }
        return 0;
    case KS_SCREEN_ITEM:
        if (ev->kind == KS_EV_ITEM_ADDED || ev->kind == KS_EV_BACK)
            ks_journey_go(j, j->back_to, now);
        return 0;
    case KS_SCREEN_UPSELL:
        if (ev->kind == KS_EV_OPEN_ITEM) {
            j->back_to = KS_SCREEN_CART;
            ks_journey_go(j, KS_SCREEN_ITEM, now);
        } else if (ev->kind == KS_EV_VIEW_CART || ev->kind == KS_EV_CHECKOUT ||
                   ev->kind == KS_EV_BACK) {
            ks_journey_go(j, KS_SCREEN_CART, now);
        }
        return 0;
    case KS_SCREEN_CART:
        if (ev->kind == KS_EV_OPEN_ITEM) {
            j->back_to = KS_SCREEN_CART;
            ks_journey_go(j, KS_SCREEN_ITEM, now);
        } else if (ev->kind == KS_EV_BACK) {
            ks_journey_go(j, KS_SCREEN_MENU, now);
        } else if (ev->kind == KS_EV_CHECKOUT && !j->cart_empty) {
            if (rules->pay_at_counter) {
                j->payment = KS_PAY_PHASE_IDLE;
                ks_journey_go(j, KS_SCREEN_PAYMENT, now);
                return 0;
            }
            return ks_journey_start_card_payment(j, now);
        }
        return 0;
    default:
        return 0;
    }
}
