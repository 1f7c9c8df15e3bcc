/*
 * The kitchen's status feed: what happened to a kiosk's orders at the
 * display, read from its history (kds_events) in order, so that the kiosk
 * learns that the counter took the money (or cancelled the order), that
 * the kitchen started it, that a station finished its part, that it is
 * ready and that it was collected, and passes on what the backend keeps.
 *
 * A reader asks for the events after the last id it applied; the answer
 * ends with the id to ask after next time, which also steps over other
 * kiosks' events, so a quiet kiosk does not read the store's whole history
 * again. Ids only grow: nothing is ever removed from the history.
 */
#ifndef KIOSK_KITCHEN_KDS_FEED_H
#define KIOSK_KITCHEN_KDS_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/order.h"
#include "kiosk/kitchen/kds_store.h"
#include "kiosk/kitchen/kds_ticket.h"

/* Events one read returns at most. */
#define KS_KDS_FEED_MAX 200

typedef struct ks_kds_event {
    int64_t id; /* from 1, growing */
    char uuid[37];
    enum ks_order_status status;               /* the status reached */
    bool has_from;                             /* false: the ticket arrived with status */
    enum ks_order_status from;                 /* the status before, when has_from */
    int64_t at;                                /* UTC seconds */
    char station[KS_KDS_STATION_NAME_MAX + 1]; /* "" : the whole order */
    char method[8];                            /* "cash" | "card" for a counter payment, else "" */
} ks_kds_event;

/*
 * Up to max (at most KS_KDS_FEED_MAX) events of kiosk_id's orders with an
 * id above after, oldest first, into out (*n of them); *next is the id to
 * ask after next time. One read transaction, so an event written meanwhile
 * is neither skipped nor read twice.
 */
enum ks_db_error ks_kds_feed_read(ks_kds_store *store, const char *kiosk_id, int64_t after,
                                  ks_kds_event *out, size_t max, size_t *n, int64_t *next);

#endif
