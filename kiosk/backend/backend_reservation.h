/*
 * Stock reservations of other sales channels in the backend's database
 * (kiosk/docs/backend-api.md, "Reservations"): a channel (an online shop,
 * [channels] in the backend's INI) holds items of one store for a while
 * against the same levels the kiosks sell from, then confirms the hold (the
 * sale: stock moves of reason "sale", person the channel, ref the
 * reservation id) or releases it. A hold takes what a kiosk's sale of its
 * lines would (ks_backend_stock_takes: each item and its recipe's
 * ingredients, summed per item), of the items tracked at the store, and
 * keeps it as the reservation's holds: a recipe changed while the hold is
 * open changes neither what it holds nor what its confirmation sells. A
 * hold is all or nothing and never takes stock that is not there: in one
 * transaction the held items' stock rows are locked in item order and
 * each needs on hand - what live holds take - quantity >= the item's
 * sold-out floor. A hold past its expires_at counts nowhere and cannot be
 * confirmed. Every call is idempotent under the reservation id.
 * Quantities are integers: pieces, or grams for items sold by weight (a
 * line's recipe is worked out per piece: a line has no unit yet).
 *
 * A reservation's view (*view below) is a new JSON object {reservation_id,
 * store_id, state (reserved, confirmed, released, expired), created_at,
 * expires_at, ended_at (when confirmed, released or expired; 0 while
 * reserved), lines: [{item_id, quantity}] by item_id, holds: [{item_id,
 * quantity}] by item_id (the stock it holds, or took when confirmed)}.
 */
#ifndef KIOSK_BACKEND_BACKEND_RESERVATION_H
#define KIOSK_BACKEND_BACKEND_RESERVATION_H

#include <jansson.h>
#include <stdint.h>

#include "kiosk/backend/backend_reservation_request.h"
#include "kiosk/backend/backend_reservation_sale.h"
#include "kiosk/backend/backend_store.h"

/* What became of a reservation call. */
enum ks_reservation_result {
    KS_RESERVATION_DONE,       /* held, confirmed or released now; or, for a read, found */
    KS_RESERVATION_REPEAT,     /* done before under the id: nothing changes, the view as it is */
    KS_RESERVATION_CONFLICT,   /* the id holds another request, or another channel's: no view */
    KS_RESERVATION_SHORT,      /* some lines lack stock: nothing held; *view the short items */
    KS_RESERVATION_UNTRACKED,  /* some lines' items (and their ingredients) have no stock at
                                  the store: nothing held; *view their ids */
    KS_RESERVATION_NOT_FOUND,  /* no reservation of this channel under the id: no view */
    KS_RESERVATION_ENDED,      /* confirm of a hold released or expired, release of a confirmed
                                  one: nothing changes, the view as it is */
    KS_RESERVATION_MISMATCH,   /* a priced confirmation whose lines are not the reservation's
                                  (each item once, with its quantity): nothing changes, no view */
    KS_RESERVATION_OTHER_SALE, /* a confirmation of one confirmed before with other prices or
                                  method, or with prices where it had none or the other way
                                  round: nothing changes, no view */
};

/*
 * Holds req (checked by ks_reservation_request_parse) for channel
 * (borrowed, its configured name) at now, until now + req->hold_seconds,
 * in one transaction, durable on KS_DB_OK. *view (json_decref; NULL on an
 * error) as the result says: the reservation's view for DONE and REPEAT
 * (a repeat is the same channel, store, lines and hold_seconds, however
 * the body is spelled), for SHORT an array of {item_id, quantity,
 * available} by item_id (each stock item, a line's or an ingredient,
 * the lines need more of than can still be held: quantity what they need,
 * available what can be held, at least 0), for UNTRACKED an array of the
 * lines' item ids of which nothing is tracked at the store (neither the
 * item nor an ingredient of its recipe).
 */
enum ks_db_error ks_backend_store_reserve(ks_backend_store *store, const char *channel,
                                          const ks_reservation_request *req, int64_t now,
                                          enum ks_reservation_result *result, json_t **view);

enum ks_reservation_end {
    KS_RESERVATION_CONFIRM, /* the sale: the holds leave stock, once */
    KS_RESERVATION_RELEASE, /* the hold freed, nothing sold */
};

/*
 * Ends channel's reservation id (a lowercase uuid) at now as end, in one
 * transaction (the moves of a confirmation with it), durable on KS_DB_OK.
 * A hold found past its time is marked expired. *result DONE, REPEAT
 * (confirmed or released before; a release of an expired hold too),
 * ENDED or NOT_FOUND; *view the reservation's view after (NULL for
 * NOT_FOUND and on an error). sale (borrowed; NULL or not priced: none)
 * is what the channel charged, for a confirmation only: stored with the
 * sale and counted in the reports (backend_channel_sale.h); its lines
 * must be the reservation's (else MISMATCH), and a repeat must carry the
 * same (else OTHER_SALE; a confirmation without prices repeats one
 * without).
 */
enum ks_db_error ks_backend_store_reservation_end(ks_backend_store *store, const char *channel,
                                                  const char *id, enum ks_reservation_end end,
                                                  const ks_reservation_sale *sale, int64_t now,
                                                  enum ks_reservation_result *result,
                                                  json_t **view);

/* channel's reservation id at now into *view: *result DONE, or NOT_FOUND (*view NULL). */
enum ks_db_error ks_backend_store_reservation(ks_backend_store *store, const char *channel,
                                              const char *id, int64_t now,
                                              enum ks_reservation_result *result, json_t **view);

#endif
