/*
 * The kitchen display's screens, built on the ui/ widget tree (landscape,
 * 1920 x 1080 logical pixels; right to left in Arabic by the tree's
 * direction):
 *
 *   kitchen  the tickets of one station in arrival order, one column each:
 *            the order number in large type, dine-in or takeaway and the
 *            ticket's age on a band that turns from green to amber to red;
 *            then each line with its quantity, its modifiers and combo
 *            choices indented, and the customer's note; struck-through
 *            lines are crossed out. The ticket the bump bar selected is
 *            ringed. A side panel holds the all-day counts and, below
 *            them, the items marked sold out ("86") in the store.
 *   board    for the customers: order numbers being prepared and ready,
 *            in two columns, headed in Arabic and English; a tap on a
 *            ready number hands the order over (collected).
 *   counter  the orders to pay at the counter, oldest first, each with its
 *            number, total and age and Cash, Card and Cancel; beside them
 *            the ready numbers, a tap on one handing it over.
 *
 * The screens are rebuilt from the data whenever it changes (and each
 * second for the ages); taps are reported through ks_kds_taps, never acted
 * on inside the tree, so the caller may rebuild after acting.
 */
#ifndef KIOSK_KITCHEN_KDS_SCREEN_H
#define KIOSK_KITCHEN_KDS_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/money.h"
#include "kiosk/domain/soldout_mark.h"
#include "kiosk/kitchen/kds_queue.h"
#include "kiosk/kitchen/kds_store.h"
#include "ui/theme.h"
#include "ui/widget.h"

#define KS_KDS_SCREEN_W 1920
#define KS_KDS_SCREEN_H 1080
/*
 * Tickets side by side on the kitchen screen: the page of the selected
 * ticket; the header counts every ticket ("Showing 5 to 8 of 81") and the bump
 * bar's arrows move through the pages.
 */
#define KS_KDS_COLUMNS KS_KDS_QUEUE_PAGE

/* The theme of a screen read from a few metres: the defaults with larger type. */
void ks_kds_screen_theme(struct ui_theme *theme);

/*
 * Where a tap landed: on the kitchen screen a ticket's band (bump it) or
 * one of its lines (strike it; held: a long press, 86 its item or put it
 * back on sale); on the board and the counter the order's index in its
 * list and a ks_kds_counter_action as the line.
 */
typedef struct ks_kds_tap {
    int ticket; /* index in the queue or list; -1: no tap */
    int line;   /* line index, or -1 for the band; the action on the board and counter */
    bool held;  /* a long press rather than a tap */
} ks_kds_tap;

/* What a tap on the counter (or a ready number on the board) asks for. */
enum ks_kds_counter_action {
    KS_KDS_COUNTER_CASH,      /* an unpaid order paid in cash */
    KS_KDS_COUNTER_CARD,      /* ... by card on the counter's terminal */
    KS_KDS_COUNTER_CANCEL,    /* an unpaid order cancelled */
    KS_KDS_COUNTER_HAND_OVER, /* a ready order collected */
};

/* Unpaid orders the counter shows at once. */
#define KS_KDS_COUNTER_ROWS 6

typedef struct ks_kds_kitchen_view {
    const ks_kds_queue *queue; /* borrowed */
    enum ks_lang lang;         /* the kitchen's language */
    const char *station_name;  /* NULL or "": every line */
    int amber_s, red_s;        /* age thresholds, seconds */
    int64_t now;               /* UTC seconds, for the ages */
    ks_kds_tap *tap;           /* borrowed: set when a ticket or line is tapped; may be NULL */
    const ks_mark *sold_out;   /* borrowed: the store's items marked sold out ("86"), n_sold_out */
    size_t n_sold_out;
} ks_kds_kitchen_view;

/* The kitchen screen; NULL when out of memory. */
struct ui_widget *ks_kds_kitchen_screen(const ks_kds_kitchen_view *view);

/*
 * The order-ready board from the preparing and ready tickets (arrival
 * order); a tap on a ready number reports (its index, HAND_OVER) through
 * tap (may be NULL: no taps). NULL when out of memory.
 */
struct ui_widget *ks_kds_board_screen(const ks_kds_summary *preparing, size_t n_preparing,
                                      const ks_kds_summary *ready, size_t n_ready,
                                      enum ks_lang lang, ks_kds_tap *tap);

typedef struct ks_kds_counter_view {
    const ks_kds_summary *unpaid; /* orders to pay at the counter, oldest first */
    size_t n_unpaid;
    const ks_kds_summary *ready; /* orders ready to hand over */
    size_t n_ready;
    enum ks_lang lang;
    int64_t now;     /* UTC seconds, for the ages */
    ks_kds_tap *tap; /* borrowed: the order's index (in unpaid, or ready for HAND_OVER) and the
                        action; may be NULL */
} ks_kds_counter_view;

/* The counter's screen; NULL when out of memory. */
struct ui_widget *ks_kds_counter_screen(const ks_kds_counter_view *view);

#endif
