/*
 * The customer journey as an explicit state machine: a pure transition
 * function (no I/O, no clock of its own: time arrives in events) that the
 * program drives with input, device results and ticks, and that answers with
 * the screen to show and the effects to carry out (clear the cart, place the
 * order, start or abort a payment, print). The same machine hosts the
 * restaurant journey and the supermarket self-checkout; screens that one
 * mode does not use are never entered in it.
 *
 * Two tables share the machine (kiosk/app/journey_lane.c holds the
 * supermarket's; this file's the restaurant's and what both share):
 *
 *   restaurant:  attract -> language -> service -> menu <-> item -> upsell
 *                -> cart -> payment -> printing -> done -> attract
 *   supermarket: attract -(scan)-> basket, attract -(tap)-> language -> basket;
 *                basket <-> lookup, weigh, quantity, attendant;
 *                basket -> payment -> printing -> done -> attract
 *
 * Supermarket: the lane asks for the attendant (KS_FX_CALL_ATTENDANT with
 * the reasons in ks_journey.attendant) for an age-restricted item (payment
 * waits, scanning goes on), a line to remove (the lane waits, when the
 * rules say so), a bagging-area alert (the lane waits), an unknown or
 * malformed code, help, or a basket left idle. A decision (from the
 * attendant console, or at the lane with the staff PIN or badge) arrives
 * as KS_EV_ATTENDANT_DECISION. A non-empty basket is never wiped by the
 * idle timer: the attendant is called instead, and every wipe is counted
 * (ks_journey.basket_wipes) and reported (KS_FX_BASKET_WIPED).
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
#include "kiosk/domain/pin_lockout.h"

enum ks_screen {
    KS_SCREEN_ATTRACT,
    KS_SCREEN_LANGUAGE,
    KS_SCREEN_SERVICE,   /* dine in or take away (restaurant) */
    KS_SCREEN_MENU,      /* categories and items (restaurant) */
    KS_SCREEN_ITEM,      /* an item's modifiers, combo slots, quantity, note */
    KS_SCREEN_BASKET,    /* supermarket: the scanned basket, Pay, Look up, Bags, Help */
    KS_SCREEN_LOOKUP,    /* supermarket: an item without a barcode by picture, PLU or name */
    KS_SCREEN_WEIGH,     /* supermarket: a weighed item on the scale */
    KS_SCREEN_QUANTITY,  /* supermarket: a counted line's quantity on a keypad */
    KS_SCREEN_ATTENDANT, /* supermarket: waiting for the attendant; staff PIN or badge here */
    KS_SCREEN_UPSELL,
    KS_SCREEN_CART,
    KS_SCREEN_PAYMENT, /* the terminal's prompts; see ks_journey.payment */
    KS_SCREEN_PRINTING,
    KS_SCREEN_DONE, /* order number, take your receipt, e-receipt QR */
    KS_SCREEN_STAFF_PIN,
    KS_SCREEN_STAFF,
    KS_SCREEN_OUT_OF_SERVICE,
    KS_SCREEN_REFUND, /* staff: refund a recent order, whole or some lines */
};
#define KS_SCREEN_COUNT 19

const char *ks_screen_name(enum ks_screen screen);

enum ks_payment_phase {
    KS_PAY_PHASE_IDLE,     /* not paying */
    KS_PAY_PHASE_WAITING,  /* the terminal is prompting "insert, tap or swipe" */
    KS_PAY_PHASE_DECLINED, /* declined or cancelled on the terminal: retry, other method, cancel */
    KS_PAY_PHASE_ABORTING, /* the customer pressed cancel; waiting for the terminal to confirm */
};

/* Why the lane asked for the attendant (bits of ks_journey.attendant). */
enum ks_attendant_need {
    KS_NEED_AGE = 1u << 0,     /* an age-restricted item: payment waits */
    KS_NEED_REMOVAL = 1u << 1, /* the shopper wants a line removed: the lane waits */
    KS_NEED_BAGGING = 1u << 2, /* unexpected item or item not placed: the lane waits */
    KS_NEED_UNKNOWN = 1u << 3, /* an unknown or malformed code was scanned */
    KS_NEED_HELP = 1u << 4,    /* the shopper pressed Help */
    KS_NEED_IDLE = 1u << 5,    /* a non-empty basket left alone: the lane waits */
};
#define KS_NEEDS_PAUSING (KS_NEED_REMOVAL | KS_NEED_BAGGING | KS_NEED_IDLE)

/* What the attendant decided (KS_EV_ATTENDANT_DECISION). */
enum ks_attendant_decision {
    KS_DECIDE_APPROVE_AGE,
    KS_DECIDE_APPROVE_REMOVAL, /* the line the shopper chose is removed */
    KS_DECIDE_DECLINE_REMOVAL, /* the line stays */
    KS_DECIDE_VOID_LINE,       /* the attendant removes a line of their choice */
    KS_DECIDE_CANCEL,          /* the whole transaction: the basket is wiped (and counted) */
    KS_DECIDE_CLEAR_BAGGING,
    KS_DECIDE_HELP_GIVEN, /* help, an unknown code or an idle basket dealt with */
};

/* What a scan (or a look-up) did to the basket, as the program found it (KS_EV_SCANNED). */
enum ks_scanned {
    KS_SCANNED_ADDED,          /* a new line or one more on a line */
    KS_SCANNED_AGE_RESTRICTED, /* added; payment waits for the attendant */
    KS_SCANNED_NEEDS_WEIGHING, /* an item sold by weight without a weight: to the scale */
    KS_SCANNED_REFUSED, /* unknown, malformed, not for sale: basket unchanged, attendant alerted */
};

/* Configuration of the journey; times in milliseconds. */
typedef struct ks_journey_rules {
    enum ks_kiosk_mode mode;
    enum ks_lang default_lang;
    int64_t idle_timeout_ms;     /* inactivity before the countdown */
    int64_t idle_countdown_ms;   /* length of the visible countdown */
    int64_t done_timeout_ms;     /* how long the order number stays up */
    bool pay_at_counter;         /* offer "pay at the counter" */
    bool upsell;                 /* show suggestions before the cart */
    ks_pin_lockout_rules pin;    /* wrong staff PINs before a lockout, and its length */
    bool remove_needs_attendant; /* supermarket: removing a line waits for the attendant */
} ks_journey_rules;

/* Rules from configuration (kiosk section timeouts, mode, language). */
void ks_journey_rules_from_config(ks_journey_rules *rules, const ks_config *cfg);

typedef struct ks_journey {
    enum ks_screen screen;
    enum ks_screen back_to; /* where "back" leaves ITEM, UPSELL, CART and staff screens */
    enum ks_lang lang;
    enum ks_service service;
    enum ks_payment_phase payment;
    bool idle_warning;        /* the countdown is showing */
    int64_t idle_deadline_ms; /* when the countdown ends (valid while idle_warning) */
    int64_t last_activity_ms;
    int64_t screen_since_ms;    /* when the current screen was entered */
    ks_pin_lockout pin;         /* staff PINs: the count and lockout, on now_ms's clock */
    bool closed;                /* staff closed the kiosk: out of service */
    bool order_placed;          /* the cart is stored as an unpaid order (KS_FX_PLACE_ORDER) */
    bool cart_empty;            /* mirrored from the cart by the program (KS_EV_CART_CHANGED) */
    unsigned attendant;         /* supermarket: ks_attendant_need bits still waiting */
    unsigned long basket_wipes; /* supermarket: non-empty baskets wiped since power-on */
} ks_journey;

enum ks_event_kind {
    KS_EV_TICK,            /* time passes; no user activity */
    KS_EV_ACTIVITY,        /* any touch, key or scan: resets the idle timer */
    KS_EV_START,           /* "touch to order" on the attract screen */
    KS_EV_CHOOSE_LANGUAGE, /* arg.lang */
    KS_EV_CHOOSE_SERVICE,  /* arg.service */
    KS_EV_OPEN_ITEM,       /* an item tile */
    KS_EV_ITEM_ADDED,      /* "add to order" on the item screen */
    KS_EV_BACK,
    KS_EV_VIEW_CART,
    KS_EV_CART_CHANGED, /* arg.cart_empty */
    KS_EV_CHECKOUT,     /* "pay" on the cart screen */
    KS_EV_PAY_CARD,
    KS_EV_PAY_AT_COUNTER,
    KS_EV_CANCEL_PAYMENT,   /* the customer's cancel button */
    KS_EV_PAYMENT_APPROVED, /* from the terminal worker */
    KS_EV_PAYMENT_DECLINED, /* declined, or cancelled on the terminal */
    KS_EV_PAYMENT_ABORTED,  /* the terminal confirmed our abort */
    KS_EV_RECEIPT_DONE,     /* printed, or failed: the order is kept either way */
    KS_EV_STILL_HERE,       /* "yes" on the idle countdown */
    KS_EV_START_OVER,       /* "cancel order" */
    KS_EV_STAFF_GESTURE,    /* the hidden gesture */
    KS_EV_PIN_ENTERED,      /* arg.pin_ok */
    KS_EV_STAFF_EXIT,
    KS_EV_STAFF_CLOSE,  /* put the kiosk out of service */
    KS_EV_STAFF_OPEN,   /* back in service */
    KS_EV_STAFF_REFUND, /* the staff screen's "refund": the refund screen (BACK leaves it) */
    /* supermarket */
    KS_EV_SCANNED,            /* arg.scan: a code read by the scanner, or an item looked up */
    KS_EV_LOOKUP,             /* "look up item" */
    KS_EV_WEIGHED,            /* the scale's weight was taken onto the line */
    KS_EV_EDIT_QUANTITY,      /* a counted line's quantity keypad */
    KS_EV_QUANTITY_SET,       /* the keypad's OK */
    KS_EV_REMOVE_LINE,        /* the shopper asks for a line to go */
    KS_EV_HELP,               /* "help" */
    KS_EV_BAGGING_ALERT,      /* the bagging-area check found a difference */
    KS_EV_ATTENDANT_DECISION, /* arg.decision, from the console or at the lane */
};

typedef struct ks_event {
    enum ks_event_kind kind;
    int64_t now_ms; /* monotonic milliseconds */
    union {
        enum ks_lang lang;
        enum ks_service service;
        bool cart_empty;
        bool pin_ok;
        enum ks_scanned scan;
        enum ks_attendant_decision decision;
    } arg;
} ks_event;

/* Effects the program carries out after a step (bit set). */
enum ks_effect {
    KS_FX_CLEAR_CART = 1u << 0,    /* and forget the customer's choices */
    KS_FX_PLACE_ORDER = 1u << 1,   /* store the order (before any payment) */
    KS_FX_START_PAYMENT = 1u << 2, /* record the payment intent, then ask the terminal */
    KS_FX_ABORT_PAYMENT = 1u << 3, /* ask the terminal to abort */
    KS_FX_PRINT_RECEIPT = 1u << 4,
    KS_FX_SEND_ORDER = 1u << 5,     /* mark paid and queue kitchen + backend (one transaction) */
    KS_FX_COUNTER_TICKET = 1u << 6, /* print a "pay at the counter" ticket */
    KS_FX_CANCEL_ORDER = 1u << 7,   /* the placed, unpaid order is abandoned: mark it cancelled */
    KS_FX_CALL_ATTENDANT = 1u << 8, /* ks_journey.attendant gained a reason: tell the attendant */
    KS_FX_REMOVE_LINE = 1u << 9,    /* remove the line chosen for removal (or by the attendant) */
    KS_FX_BASKET_WIPED = 1u << 10,  /* a non-empty basket was wiped: log it (counted) */
};

/* The state at power-on: attract screen in the default language (or out of service). */
void ks_journey_init(ks_journey *j, const ks_journey_rules *rules, int64_t now_ms);

/*
 * Applies one event. Returns the effects (ks_effect bits) to carry out.
 * Events that make no sense in the current state change nothing and return
 * 0 (a late terminal answer, a double tap); they never crash or skip a step.
 */
unsigned ks_journey_step(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev);

/* True when the supermarket lane waits for the attendant (KS_NEEDS_PAUSING). */
bool ks_journey_lane_paused(const ks_journey *j);

/* True while the idle countdown may not run (paying, printing, staff, closed). */
bool ks_journey_idle_protected(const ks_journey *j);

/* Milliseconds left on the idle countdown at now_ms (0 when not showing). */
int64_t ks_journey_idle_remaining(const ks_journey *j, int64_t now_ms);

#endif
