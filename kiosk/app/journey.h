/*
 * The customer journey as an explicit state machine: a pure transition
 * function (no I/O, no clock of its own: time arrives in events) that the
 * program drives with input, device results and ticks, and that answers with
 * the screen to show and the effects to carry out (clear the cart, place the
 * order, start or abort a payment, print). The same machine hosts the
 * restaurant journey and the supermarket self-checkout; screens that one
 * mode does not use are never entered in it.
 *
 *   attract -> language -> service (restaurant) -> menu <-> item -> upsell
 *           -> cart -> payment -> printing -> done -> attract
 *   attract -> language -> scan (supermarket) -> cart -> payment -> ...
 *
 * Idle: outside attract and done, inactivity past the timeout raises a
 * visible "are you still there?" countdown; when it runs out the journey
 * resets to attract, the cart is cleared and an unpaid order is cancelled.
 * It never runs while the terminal is engaged (waiting for the card or for
 * an abort) or while the receipt prints. Staff mode is entered by a hidden gesture
 * and a PIN, with a lockout after repeated wrong PINs.
 */
#ifndef KIOSK_APP_JOURNEY_H
#define KIOSK_APP_JOURNEY_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/money.h"
#include "kiosk/domain/order.h"

enum ks_screen {
    KS_SCREEN_ATTRACT,
    KS_SCREEN_LANGUAGE,
    KS_SCREEN_SERVICE,  /* dine in or take away (restaurant) */
    KS_SCREEN_MENU,     /* categories and items (restaurant) */
    KS_SCREEN_ITEM,     /* an item's modifiers, combo slots, quantity, note */
    KS_SCREEN_SCAN,     /* scan and weigh (supermarket) */
    KS_SCREEN_UPSELL,
    KS_SCREEN_CART,
    KS_SCREEN_PAYMENT,  /* the terminal's prompts; see ks_journey.payment */
    KS_SCREEN_PRINTING,
    KS_SCREEN_DONE,     /* order number, take your receipt, e-receipt QR */
    KS_SCREEN_STAFF_PIN,
    KS_SCREEN_STAFF,
    KS_SCREEN_OUT_OF_SERVICE,
};
#define KS_SCREEN_COUNT 14

const char *ks_screen_name(enum ks_screen screen);

enum ks_payment_phase {
    KS_PAY_PHASE_IDLE,       /* not paying */
    KS_PAY_PHASE_WAITING,    /* the terminal is prompting "insert, tap or swipe" */
    KS_PAY_PHASE_DECLINED,   /* declined or cancelled on the terminal: retry, other method, cancel */
    KS_PAY_PHASE_ABORTING,   /* the customer pressed cancel; waiting for the terminal to confirm */
};

/* Configuration of the journey; times in milliseconds. */
typedef struct ks_journey_rules {
    enum ks_kiosk_mode mode;
    enum ks_lang default_lang;
    int64_t idle_timeout_ms;      /* inactivity before the countdown */
    int64_t idle_countdown_ms;    /* length of the visible countdown */
    int64_t done_timeout_ms;      /* how long the order number stays up */
    bool pay_at_counter;          /* offer "pay at the counter" */
    bool upsell;                  /* show suggestions before the cart */
    int pin_max_failures;         /* wrong PINs before a lockout */
    int64_t pin_lockout_ms;
} ks_journey_rules;

/* Rules from configuration (kiosk section timeouts, mode, language). */
void ks_journey_rules_from_config(ks_journey_rules *rules, const ks_config *cfg);

typedef struct ks_journey {
    enum ks_screen screen;
    enum ks_screen back_to;       /* where "back" leaves ITEM, UPSELL, CART and staff screens */
    enum ks_lang lang;
    enum ks_service service;
    enum ks_payment_phase payment;
    bool idle_warning;            /* the countdown is showing */
    int64_t idle_deadline_ms;     /* when the countdown ends (valid while idle_warning) */
    int64_t last_activity_ms;
    int64_t screen_since_ms;      /* when the current screen was entered */
    int pin_failures;
    int64_t pin_locked_until_ms;
    bool closed;                  /* staff closed the kiosk: out of service */
    bool order_placed;            /* the cart is stored as an unpaid order (KS_FX_PLACE_ORDER) */
    bool cart_empty;              /* mirrored from the cart by the program (KS_EV_CART_CHANGED) */
} ks_journey;

enum ks_event_kind {
    KS_EV_TICK,               /* time passes; no user activity */
    KS_EV_ACTIVITY,           /* any touch, key or scan: resets the idle timer */
    KS_EV_START,              /* "touch to order" on the attract screen */
    KS_EV_CHOOSE_LANGUAGE,    /* arg.lang */
    KS_EV_CHOOSE_SERVICE,     /* arg.service */
    KS_EV_OPEN_ITEM,          /* an item tile */
    KS_EV_ITEM_ADDED,         /* "add to order" on the item screen */
    KS_EV_BACK,
    KS_EV_VIEW_CART,
    KS_EV_CART_CHANGED,       /* arg.cart_empty */
    KS_EV_CHECKOUT,           /* "pay" on the cart screen */
    KS_EV_PAY_CARD,
    KS_EV_PAY_AT_COUNTER,
    KS_EV_CANCEL_PAYMENT,     /* the customer's cancel button */
    KS_EV_PAYMENT_APPROVED,   /* from the terminal worker */
    KS_EV_PAYMENT_DECLINED,   /* declined, or cancelled on the terminal */
    KS_EV_PAYMENT_ABORTED,    /* the terminal confirmed our abort */
    KS_EV_RECEIPT_DONE,       /* printed, or failed: the order is kept either way */
    KS_EV_STILL_HERE,         /* "yes" on the idle countdown */
    KS_EV_START_OVER,         /* "cancel order" */
    KS_EV_STAFF_GESTURE,      /* the hidden gesture */
    KS_EV_PIN_ENTERED,        /* arg.pin_ok */
    KS_EV_STAFF_EXIT,
    KS_EV_STAFF_CLOSE,        /* put the kiosk out of service */
    KS_EV_STAFF_OPEN,         /* back in service */
};

typedef struct ks_event {
    enum ks_event_kind kind;
    int64_t now_ms;           /* monotonic milliseconds */
    union {
        enum ks_lang lang;
        enum ks_service service;
        bool cart_empty;
        bool pin_ok;
    } arg;
} ks_event;

/* Effects the program carries out after a step (bit set). */
enum ks_effect {
    KS_FX_CLEAR_CART = 1u << 0,     /* and forget the customer's choices */
    KS_FX_PLACE_ORDER = 1u << 1,    /* store the order (before any payment) */
    KS_FX_START_PAYMENT = 1u << 2,  /* record the payment intent, then ask the terminal */
    KS_FX_ABORT_PAYMENT = 1u << 3,  /* ask the terminal to abort */
    KS_FX_PRINT_RECEIPT = 1u << 4,
    KS_FX_SEND_ORDER = 1u << 5,     /* mark paid and queue kitchen + backend (one transaction) */
    KS_FX_COUNTER_TICKET = 1u << 6, /* print a "pay at the counter" ticket */
    KS_FX_CANCEL_ORDER = 1u << 7,   /* the placed, unpaid order is abandoned: mark it cancelled */
};

/* The state at power-on: attract screen in the default language (or out of service). */
void ks_journey_init(ks_journey *j, const ks_journey_rules *rules, int64_t now_ms);

/*
 * Applies one event. Returns the effects (ks_effect bits) to carry out.
 * Events that make no sense in the current state change nothing and return
 * 0 (a late terminal answer, a double tap); they never crash or skip a step.
 */
unsigned ks_journey_step(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev);

/* True while the idle countdown may not run (paying, printing, staff, closed). */
bool ks_journey_idle_protected(const ks_journey *j);

/* Milliseconds left on the idle countdown at now_ms (0 when not showing). */
int64_t ks_journey_idle_remaining(const ks_journey *j, int64_t now_ms);

#endif
