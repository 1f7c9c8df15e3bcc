/*
 * Inside the screens: the controller's state that screens read and the
 * small ops table each screen implements. Programs and tests use
 * kiosk/screens/kiosk_ui.h instead.
 *
 * A screen's build() makes a fresh widget tree for the journey's current
 * state (language, payment phase, cart ...) and names its buttons
 * (ks_ui_name); the controller calls it whenever the journey moves to the
 * screen and again (without a transition) when the screen asks for a
 * refresh after a change of its own (an option chosen, a line removed).
 * update() runs on every turn of the loop for what moves by itself (the
 * attract slides); leave() when another screen replaces it.
 */
#ifndef KIOSK_SCREENS_SCREEN_H
#define KIOSK_SCREENS_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/scale/scale_serial.h"
#include "kiosk/app/refund.h"
#include "kiosk/app/refund_desk.h"
#include "kiosk/domain/bagging.h"
#include "kiosk/domain/basket.h"
#include "kiosk/domain/cart.h"
#include "kiosk/domain/pricing.h"
#include "kiosk/domain/staff_list.h"
#include "kiosk/screens/kiosk_ui.h"
#include "kiosk/screens/staff_status.h"
#include "kiosk/domain/texts.h"
#include "kiosk/store/office_refund_store.h"
#include "kiosk/store/soldout_store.h"
#include "ui/widget.h"

typedef struct ks_screen_ops {
    struct ui_widget *(*build)(ks_kiosk_ui *k);     /* the screen's root; NULL on error */
    void (*update)(ks_kiosk_ui *k, int64_t now_ms); /* may be NULL */
    void (*leave)(ks_kiosk_ui *k);                  /* may be NULL */
} ks_screen_ops;

#define KS_UI_NAME_MAX 64
#define KS_UI_MAX_SCROLLS 4
#define KS_UI_MAX_ADDED 16
#define KS_ATTRACT_MAX_SLIDES 8

/* Preset kitchen notes on the item screen (bits of ks_session.notes). */
enum {
    KS_NOTE_NO_SALT = 1u << 0,
    KS_NOTE_SAUCE_SIDE = 1u << 1,
    KS_NOTE_CUT_HALF = 1u << 2,
};
#define KS_NOTE_PRESETS 3

/* One customer's choices that are not in the cart; cleared for the next customer. */
typedef struct ks_session {
    bool reach;          /* controls moved to the lower half */
    size_t category;     /* menu: index into the visible categories */
    ks_line_id line;     /* item screen: the scratch line being edited; 0 when none */
    ks_line_id original; /* the cart line it edits; 0 when it is a new line */
    unsigned notes;      /* item screen: KS_NOTE_* chosen */
    const ks_item *added[KS_UI_MAX_ADDED]; /* upsell: suggestions added on this visit */
    size_t n_added;
    bool receipt_failed; /* the receipt did not print: say so on the done screen */
    bool order_failed;   /* the order could not be stored: ask staff */
    bool counter;        /* paying at the counter */
} ks_session;

typedef struct ks_attract_state {
    struct ui_widget *image, *title_first, *title_second, *dots; /* borrowed from the screen */
    int slide, n_slides;
    const char *images[KS_ATTRACT_MAX_SLIDES];    /* borrowed from the catalog */
    const ks_text *titles[KS_ATTRACT_MAX_SLIDES]; /* borrowed from the catalog */
    int64_t next_ms;
    int taps; /* taps on the logo in a row, for the staff gesture */
    int64_t first_tap_ms;
} ks_attract_state;

typedef struct ks_idle_state {
    struct ui_widget *overlay; /* borrowed: owned by the tree while open */
} ks_idle_state;

/* The self-checkout lane's state besides the basket (supermarket); cleared for the next shopper. */
typedef struct ks_lane_state {
    ks_line_id newest;       /* the line the last scan added to: highlighted */
    ks_line_id chosen;       /* the line to remove, or whose quantity is being set */
    const ks_item *weighing; /* on the weigh screen: the item on the scale */
    ks_scan_result refused;  /* the last scan that added nothing (shown until the next) */
    bool has_refused;
    size_t category;  /* look-up: the category shown */
    bool by_plu;      /* look-up: the PLU keypad instead of the pictures */
    bool plu_unknown; /* look-up: the last PLU typed matched nothing */
    /* UTC seconds each need (bit i of ks_journey.attendant) was last raised; 0 never */
    int64_t raised_at[KS_INTERVENTION_NEEDS_CALLED];
    /* The basket's interventions (ks_basket_interventions, by index) sent to the backend as
     * staff actions of their own: an order placed later does not carry them again. */
    bool iv_sent[KS_BASKET_MAX_INTERVENTIONS];
    size_t iv_placed; /* how many the basket held when the live order (k->order) was placed */
} ks_lane_state;

/* The lane's scale as last reported (supermarket). */
typedef struct ks_lane_scale {
    bool configured;              /* a scale URI is set */
    struct dev_scale_state state; /* link, fault, reading */
} ks_lane_scale;

/*
 * The bagging-area check as the lane runs it (kiosk/screens/lane_bagging.c):
 * the pure check and how long the area has been out of range.
 */
typedef struct ks_lane_bagging {
    ks_bagging *check;               /* owned; NULL until a reading came */
    enum ks_bagging_verdict verdict; /* of the last reading checked */
    int64_t out_since_ms;            /* when it went out of range (or the cart changed since) */
    unsigned cart_changes;           /* k->cart_changes at that time */
} ks_lane_bagging;

/* The end-of-day summary asked for from the staff screen, as it stands. */
enum ks_summary_print {
    KS_SUMMARY_NOT_ASKED,
    KS_SUMMARY_PRINTING,
    KS_SUMMARY_PRINTED,
    KS_SUMMARY_NOT_PRINTED,
};

/* Where the staff refund screen is (kiosk/screens/refund.c). */
enum ks_desk_phase {
    KS_DESK_FIND,    /* an order's number on the keypad, or its receipt's QR on the scanner */
    KS_DESK_PICK,    /* its lines, quantities and a reason; the refund's total; confirm */
    KS_DESK_RUNNING, /* the refund is recorded and runs on the terminal's worker */
    KS_DESK_OUTCOME, /* given back, declined (retry, cancel) or unknown */
};

/* The back office's requests listed on the refund screen's first page. */
#define KS_REFUND_ASKED_SHOWN 6

/* The staff refund screen's state; cleared when staff leave it. */
typedef struct ks_refund_screen {
    enum ks_desk_phase phase;
    enum ks_str message;        /* FIND: why no order opened; KS_STR_COUNT: none */
    ks_refund_desk_order order; /* from PICK on; its sheet owned, freed when left */
    char refund_id[37];         /* RUNNING, OUTCOME: the refund confirmed */
    ks_refund_result result;    /* OUTCOME: what became of it */
    bool cancelled;             /* OUTCOME: staff cancelled the declined refund */
    /* OUTCOME: the open refund is one the back office asked for, not tried yet */
    bool asked;
    char asked_reason[KS_REFUND_REASON_MAX + KS_OFFICE_PERSON_MAX + 8]; /* "reason (person)" */
    /* FIND: the orders of the back office's requests listed, by button */
    char asked_orders[KS_REFUND_ASKED_SHOWN][37];
} ks_refund_screen;

struct ks_kiosk_ui {
    ks_kiosk_ui_config c;       /* the one copy of the configuration, catalog and tree */
    struct ui_theme base_theme; /* the modes each customer starts with */
    ks_journey journey;
    ks_journey_rules rules;
    ks_cart *cart;       /* owned: the restaurant's order (ks_ui_cart: the one in use) */
    ks_basket *basket;   /* owned: the supermarket's basket; NULL in a restaurant */
    ks_pricing *pricing; /* owned: the cart priced, NULL when stale */
    ks_order *order;     /* owned: the order placed for this customer, NULL before */
    ks_soldout *soldout; /* owned: staff sold-out marks */
    ks_soldout *central; /* owned: the backend's marks from stock (kiosk/app/menu_pull.h) */
    int64_t now_ms;
    int64_t last_tick_ms;

    /* what is on screen */
    bool shown_any;
    enum ks_screen shown;
    enum ks_payment_phase shown_payment;
    enum ks_lang shown_lang;
    const ks_screen_ops *ops;                     /* of the screen shown */
    bool rebuild;                                 /* rebuild the shown screen at the next update */
    struct ui_widget *scrolls[KS_UI_MAX_SCROLLS]; /* the screen's scroll views, borrowed */
    int n_scrolls;
    int restore[KS_UI_MAX_SCROLLS]; /* offsets to put back after a refresh */
    int n_restore;
    int unstored_orders; /* orders built without a database (renders), for their numbers */

    ks_session session;
    ks_lane_state lane;
    ks_lane_scale scale;
    struct dev_scale_state bagging_scale; /* the bagging-area scale as last reported */
    ks_lane_bagging bagging;
    unsigned cart_changes;     /* counts ks_ui_cart_changed, for checks that wait on the cart */
    unsigned lane_links_shown; /* the lane devices' links the staff screen shows */
    char
        lane_staff[KS_BASKET_STAFF_ID_MAX + 1]; /* who decides the step under way; "" the shopper */
    ks_attract_state attract;
    ks_idle_state idle;
    bool pin_wrong; /* the last PIN was wrong */
    /* Who the last PIN accepted named (the store's staff list, kiosk/store/staff_pin_store.h);
     * "" for the INI's shared PIN: what the staff audit, refunds and lane decisions record. */
    char staff_person[KS_STAFF_ID_MAX + 1];
    ks_link_status delivery_link;  /* the delivery worker's counters, looked at each tick */
    enum ks_summary_print summary; /* since this program started */
    ks_refund_screen refund;
};

/* ---- for screens (kiosk_ui.c) ---- */

/* Steps the journey with an event of kind at the current time and carries out its effects. */
void ks_ui_send(ks_kiosk_ui *k, enum ks_event_kind kind);
/* Same, with the event's argument filled by the caller. */
void ks_ui_send_event(ks_kiosk_ui *k, ks_event ev);

/* The cart in use: the basket's in a supermarket, else the restaurant's order. */
const ks_cart *ks_ui_cart(const ks_kiosk_ui *k);

/* The cart changed: prices again, tells the journey, refreshes the screen. */
void ks_ui_cart_changed(ks_kiosk_ui *k);

/* Shows a short message near the bottom of the screen for a few seconds. */
void ks_ui_toast(ks_kiosk_ui *k, const char *text);

/* Rebuilds the shown screen at the next update, keeping its scroll positions. */
void ks_ui_refresh(ks_kiosk_ui *k);

/*
 * An order for the cart as it is, built in memory and never stored (for a
 * controller without a database); owned by the caller, NULL on failure.
 */
ks_order *ks_ui_unstored_order(ks_kiosk_ui *k);

/* The cart priced now (cached until it changes); NULL when it cannot be priced. */
const ks_pricing *ks_ui_pricing(ks_kiosk_ui *k);

/* UTC seconds now (the injected clock in tests). */
int64_t ks_ui_utc_now(const ks_kiosk_ui *k);

/* Store-local time now, for availability and promotions. */
ks_local_time ks_ui_local_time(const ks_kiosk_ui *k);

/*
 * What the staff screen shows: the database's counts, the devices' last
 * known state, the delivery link. Reads only the database and copies.
 */
void ks_ui_staff_status(ks_kiosk_ui *k, ks_staff_status *out);

/* Prints the end-of-day summary of the current business day (staff screen). */
void ks_ui_print_summary(ks_kiosk_ui *k);

/* The customer's language. */
enum ks_lang ks_ui_lang(const ks_kiosk_ui *k);

/* Text of id in the customer's language. */
const char *ks_ui_str(const ks_kiosk_ui *k, enum ks_str id);

/*
 * Names w (ui_widget_set_name: the name lives on the widget and goes with
 * it); returns w, so builders may chain. ks_ui_name2 joins prefix and id
 * with ':' ("item:beef-burger"), cut to KS_UI_NAME_MAX - 1 bytes.
 */
struct ui_widget *ks_ui_name(struct ui_widget *w, const char *name);
struct ui_widget *ks_ui_name2(struct ui_widget *w, const char *prefix, const char *id);

/* Keeps w (a scroll view) as one whose position survives a refresh; returns w. */
struct ui_widget *ks_ui_keep_scroll(ks_kiosk_ui *k, struct ui_widget *w);

/* True when the staff, the backend's stock or the catalog marked the item sold out. */
bool ks_ui_sold_out(const ks_kiosk_ui *k, const ks_item *item);

/*
 * A ks_sold_out_fn with the ks_kiosk_ui as ctx: the staff's marks, or for
 * an item (option_id NULL) also the backend's marks from stock.
 */
bool ks_ui_sold_out_check(void *ctx, const char *item_id, const char *option_id);

/*
 * Opens the item screen for a new line of item (added with the menu's
 * defaults, kept only if the customer adds it), or for a copy of an
 * existing line (written back on "update").
 */
void ks_ui_open_item(ks_kiosk_ui *k, const ks_item *item);
void ks_ui_edit_line(ks_kiosk_ui *k, ks_line_id line);
/* The item screen's "add" and "back": keep or drop the scratch line, then tell the journey. */
void ks_ui_item_commit(ks_kiosk_ui *k);
void ks_ui_item_discard(ks_kiosk_ui *k);

/* ---- the self-checkout lane (kiosk/screens/lane.c) ---- */

/* A code from the scanner (or a script): into the basket, the journey told the outcome. */
void ks_lane_scan(ks_kiosk_ui *k, const char *code);
/* An item chosen on the look-up screen: as a scan of its barcode. */
void ks_lane_add_item(ks_kiosk_ui *k, const ks_item *item);
/* The weigh screen's "add": the scale's tradable weight onto a new line; false when none. */
bool ks_lane_take_weight(ks_kiosk_ui *k);
/* The tradable weight now (the driver's trade rule); false when there is none. */
bool ks_lane_tradable_grams(const ks_kiosk_ui *k, int64_t *grams);
/* The shopper asks for line to go (the attendant decides when the rules say so). */
void ks_lane_remove(ks_kiosk_ui *k, ks_line_id line);
/* The quantity keypad's OK for the chosen line. */
void ks_lane_set_quantity(ks_kiosk_ui *k, int32_t count);
/*
 * The attendant's decision (staff_id: who, recorded with the order; from
 * the console or the staff PIN or badge at the lane). line: the line a
 * void takes off (0: the chosen one).
 */
void ks_lane_decide(ks_kiosk_ui *k, enum ks_attendant_decision d, const char *staff_id,
                    ks_line_id line);
/* Carries out the lane's effects of a journey step (KS_FX_CALL_ATTENDANT, REMOVE_LINE,
 * BASKET_WIPED). */
void ks_lane_apply(ks_kiosk_ui *k, unsigned fx);
/* After a journey step: the needs raised since `before` (ks_journey.attendant bits) are timed. */
void ks_lane_note_calls(ks_kiosk_ui *k, unsigned before);
/* Forgets the shopper: basket, lane state; the interventions of a basket with no paid order go
 * to the backend's staff report as staff actions, as do those decided after its paid order was
 * placed (while paying: the order does not carry them). */
void ks_lane_clear(ks_kiosk_ui *k);
/*
 * The interventions an order placed now carries into out[KS_BASKET_MAX_INTERVENTIONS]: the
 * basket's, but those sent as staff actions already; their count. Remembers the basket's count
 * then: a decision after it is sent as a staff action once taken (ks_lane_apply).
 */
size_t ks_lane_placing(ks_kiosk_ui *k, ks_order_intervention *out);
/*
 * The bagging-area check (optional: a bagging scale configured): looks at
 * the bagging scale's tradable weight against the basket. While nothing is
 * scanned the reading is the baseline (the shopper's own bags); once lines
 * are in the basket a reading out of range for a while raises
 * KS_EV_BAGGING_ALERT (KS_LANE_UNEXPECTED_GRACE_MS for something heavier,
 * KS_LANE_PLACE_GRACE_MS after the last change to put a scanned item
 * down), and a reading back in range ends the alert on its own. Called
 * each journey tick and when the bagging scale reports.
 */
void ks_lane_bagging_watch(ks_kiosk_ui *k);
/* The attendant cleared a bagging alert: the reading now becomes the truth. */
void ks_lane_bagging_accept(ks_kiosk_ui *k);
/* Forgets the check (next shopper, new menu). */
void ks_lane_bagging_forget(ks_kiosk_ui *k);
/* The text for the attendant screen of what the area's scale found. */
enum ks_str ks_lane_bagging_text(const ks_kiosk_ui *k);

/* "kg" text of grams with three decimals in the configured digits ("1.234 kg"). */
void ks_lane_kg(const ks_kiosk_ui *k, int64_t grams, char *out, size_t cap);

/* The screen ops for a journey screen (NULL for screens this build has none of). */
const ks_screen_ops *ks_ui_screen_ops(enum ks_screen screen);

#endif
