/*
 * The kitchen screen's working set: the active tickets of one station in
 * arrival order, loaded from the display's store, with the ticket the bump
 * bar has selected, and the kitchen's actions on them (bump, strike a
 * line, recall), each written to the store at once. No SDL: the screens
 * draw what this holds and the program feeds it keys and taps.
 *
 * Every active ticket is held, however many (the screen shows them a page
 * at a time, with the true count); a reload keeps the orders it read before
 * and reads only the new ones and every ticket's struck lines, and works
 * out the all-day counts once, so a screen drawn each second costs only
 * its page.
 *
 * Bumping a ticket strikes through every line of this station (and, at a
 * station, records that its part is ready: the kiosks' feed carries it to
 * the backend's kitchen speed report); when no line of the whole order is
 * left, the order is ready (the board shows it). Unpaid counter orders are
 * shown only when the store cooks them before payment
 * (ks_kds_queue_set_cook_unpaid); bumped, they stay unpaid until the
 * counter takes the money, which makes them ready.
 * Striking a line by hand starts the order (in_preparation). Recall brings
 * the ticket bumped last back, its lines for this station unstruck.
 */
#ifndef KIOSK_KITCHEN_KDS_QUEUE_H
#define KIOSK_KITCHEN_KDS_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/kitchen/kds_store.h"
#include "kiosk/kitchen/kds_ticket.h"

/* Tickets on one page of the kitchen screen, side by side. */
#define KS_KDS_QUEUE_PAGE 4

/* The bump bar and keyboard, as the program maps them. */
enum ks_kds_key {
    KS_KDS_KEY_PREV, /* left arrow */
    KS_KDS_KEY_NEXT, /* right arrow */
    KS_KDS_KEY_1,    /* KS_KDS_KEY_1 + n - 1: select the n-th ticket of the page shown */
    KS_KDS_KEY_9 = KS_KDS_KEY_1 + 8,
    KS_KDS_KEY_BUMP,      /* Enter or B */
    KS_KDS_KEY_RECALL,    /* R */
    KS_KDS_KEY_HAND_OVER, /* C: the ticket bumped last was collected */
};

typedef struct ks_kds_queue ks_kds_queue;

/*
 * A queue over store (borrowed, used from the caller's thread) for station
 * (copied; NULL: every line). Empty until ks_kds_queue_reload. NULL when
 * out of memory.
 */
ks_kds_queue *ks_kds_queue_new(ks_kds_store *store, const ks_kds_station *station);

void ks_kds_queue_free(ks_kds_queue *q);

/*
 * Reads the active tickets that have pending lines for the station again
 * (after the receiver stored one). The selection follows its ticket, or
 * the nearest one when that ticket went away.
 */
enum ks_db_error ks_kds_queue_reload(ks_kds_queue *q);

size_t ks_kds_queue_count(const ks_kds_queue *q);
/* The i-th ticket (arrival order), borrowed until the next reload or action; NULL past the end. */
const ks_kds_ticket *ks_kds_queue_ticket(const ks_kds_queue *q, size_t i);
/* The station shown, NULL for every line. */
const ks_kds_station *ks_kds_queue_station(const ks_kds_queue *q);

/* The index of the first ticket of the page shown: the selected ticket's page. */
size_t ks_kds_queue_page_first(const ks_kds_queue *q);

/*
 * The all-day counts of the station's pending lines over every active
 * ticket, most first (ks_kds_all_day), as of the latest reload: *n of
 * them, borrowed until the next reload or action.
 */
const ks_kds_count *ks_kds_queue_all_day(const ks_kds_queue *q, size_t *n);

/* The selected ticket's index, -1 when the queue is empty. */
int ks_kds_queue_selected(const ks_kds_queue *q);
/* Selects ticket i (ignored when out of range). */
void ks_kds_queue_select(ks_kds_queue *q, int i);

/* Bumps ticket i at now (see above), then reloads. */
enum ks_db_error ks_kds_queue_bump(ks_kds_queue *q, int i, int64_t now);

/* Strikes line line_no of ticket i through, or back, at now; then reloads. */
enum ks_db_error ks_kds_queue_toggle_line(ks_kds_queue *q, int i, size_t line_no, int64_t now);

/* Shows unpaid counter orders too (the store cooks before payment); off by default. */
void ks_kds_queue_set_cook_unpaid(ks_kds_queue *q, bool cook_unpaid);

/* The ticket bumped last (still ready) was handed over: collected. KS_DB_ERR_NOT_FOUND: none. */
enum ks_db_error ks_kds_queue_hand_over(ks_kds_queue *q, int64_t now);

/*
 * 86: marks the item of line line_no of ticket i sold out in the whole
 * store (kds_soldout.h), or back on sale when it is marked so; *sold_out
 * (may be NULL) is its new state. KS_DB_ERR_NOT_FOUND: no such line.
 */
enum ks_db_error ks_kds_queue_toggle_sold_out(ks_kds_queue *q, int i, size_t line_no, int64_t now,
                                              bool *sold_out);

/* Brings back the ticket bumped last; KS_DB_ERR_NOT_FOUND when there is none. Then reloads. */
enum ks_db_error ks_kds_queue_recall(ks_kds_queue *q, int64_t now);

/* Acts on a key at now: moves the selection, bumps or recalls. */
enum ks_db_error ks_kds_queue_key(ks_kds_queue *q, enum ks_kds_key key, int64_t now);

#endif
