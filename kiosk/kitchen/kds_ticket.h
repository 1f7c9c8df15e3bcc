/*
 * The kitchen's rules, pure: which status changes a ticket may take, how
 * late a ticket looks, which lines a station makes, and the all-day counts
 * (how many of each item are still to make). No I/O, no SDL.
 */
#ifndef KIOSK_KITCHEN_KDS_TICKET_H
#define KIOSK_KITCHEN_KDS_TICKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/order.h"

/*
 * The kiosk's lifecycle (ks_order_can_transition) plus recall: a ready
 * ticket may go back to in_preparation until it is collected.
 */
bool ks_kds_can_transition(enum ks_order_status from, enum ks_order_status to);

/*
 * When the business day that holds now began, in UTC seconds: the latest
 * day_start_min after local midnight (local = UTC + utc_offset_min) at or
 * before now.
 */
int64_t ks_kds_business_day_began(int64_t now, int utc_offset_min, int day_start_min);

/* How late a ticket looks: green, amber, red. */
enum ks_kds_age { KS_KDS_AGE_FRESH, KS_KDS_AGE_LATE, KS_KDS_AGE_OVERDUE };

/* FRESH below amber_s seconds of age, LATE below red_s, OVERDUE from then on. */
enum ks_kds_age ks_kds_age_level(int64_t age_s, int amber_s, int red_s);

/* A station's name: ks_station_name_ok (kiosk/domain/order.h). */
#define KS_KDS_STATION_NAME_MAX KS_STATION_NAME_MAX
#define KS_KDS_MAX_STATION_CATEGORIES 16
#define KS_KDS_CATEGORY_MAX 64

/* A station (grill, fryer, drinks): the menu categories whose lines it makes. */
typedef struct ks_kds_station {
    char name[KS_KDS_STATION_NAME_MAX + 1];
    char categories[KS_KDS_MAX_STATION_CATEGORIES][KS_KDS_CATEGORY_MAX + 1];
    int n_categories;
} ks_kds_station;

/* Whether station makes lines of category_id; a NULL station (the expo screen) makes everything. */
bool ks_kds_station_takes(const ks_kds_station *station, const char *category_id);

/* A ticket on the kitchen screen. */
typedef struct ks_kds_ticket {
    ks_order *order; /* owned: the order as received */
    bool *done;      /* owned: order->n_lines flags, true when struck through */
    enum ks_order_status status;
    int64_t received_at; /* UTC seconds */
    int64_t seq;         /* arrival order */
} ks_kds_ticket;

/* Frees what the ticket owns (not the struct). Accepts NULL. */
void ks_kds_ticket_clear(ks_kds_ticket *ticket);

/* Whether line i is for station and not struck through yet. */
bool ks_kds_line_pending(const ks_kds_ticket *ticket, size_t i, const ks_kds_station *station);

typedef struct ks_kds_count {
    const char *item_id;           /* borrowed from the tickets */
    const char *name_ar, *name_en; /* borrowed */
    int64_t quantity;              /* pieces; a weighed line counts as one */
} ks_kds_count;

/*
 * The all-day counts of the n tickets: pending lines for station (NULL:
 * all) summed by item, most first, then by item id. Up to max into out;
 * returns how many items there are in all (may exceed max).
 */
size_t ks_kds_all_day(const ks_kds_ticket *tickets, size_t n, const ks_kds_station *station,
                      ks_kds_count *out, size_t max);

#endif
