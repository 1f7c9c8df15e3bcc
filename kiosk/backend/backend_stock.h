/*
 * Stock in the backend's database (kiosk/docs/backend-api.md, "Stock"):
 * the quantity on hand of each item at each store (pieces, or grams for
 * items sold by weight), the journal of every move, and the recipes: an
 * item sold consumes its ingredients (and itself only when tracked). An item with a
 * stock record at a store is tracked there; one without is untracked and
 * never stops a sale. Paid orders take their lines away and refunds put
 * theirs back inside their own idempotent intake (backend_store.c), so a
 * repeat never moves stock twice; a sale may take the level below zero
 * (it happened): logged, and listed by the levels. Quantities are integers.
 */
#ifndef KIOSK_BACKEND_BACKEND_STOCK_H
#define KIOSK_BACKEND_BACKEND_STOCK_H

#include <jansson.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_recipe.h"
#include "kiosk/backend/backend_reorder.h"
#include "kiosk/backend/backend_stock_request.h"
#include "kiosk/backend/backend_store.h"

/* What became of an adjustment (ks_backend_store_stock_adjust). */
enum ks_stock_result {
    KS_STOCK_CREATED,   /* applied */
    KS_STOCK_DUPLICATE, /* the same body was applied under its request id before: nothing moves */
    KS_STOCK_CONFLICT,  /* another body is stored under its request id: nothing moves */
};

/*
 * Applies adj (checked by ks_stock_adjustment_parse; json[len] its body,
 * kept byte for byte under its request id) received at now, in one
 * transaction: the item becomes tracked at the store when it was not, the
 * level moves (received: +quantity, waste: -quantity, count: to quantity)
 * and the journal gets the move (a count's is the difference, 0 included).
 * *result as above; *on_hand the level after (the stored level for a
 * duplicate or conflict). A new adjustment's audit row of actor (NULL:
 * none) is written in the same transaction. Durable on KS_DB_OK.
 */
enum ks_db_error ks_backend_store_stock_adjust(ks_backend_store *store,
                                               const ks_stock_adjustment *adj, const char *json,
                                               size_t len, int64_t now,
                                               const ks_backend_actor *actor,
                                               enum ks_stock_result *result, int64_t *on_hand);

/*
 * The levels of store_id ("" every store) into *rows: {store_id, item_id,
 * on_hand, low_at, held}, held what live reservations hold of it at now.
 */
enum ks_db_error ks_backend_store_stock_levels(ks_backend_store *store, const char *store_id,
                                               int64_t now, json_t **rows);

/*
 * The latest limit moves of store_id ("" every store) and item_id (""
 * every item), newest first, into *rows: {seq, store_id, item_id,
 * quantity (signed), on_hand (after it), reason (sale, refund, received,
 * count, waste), person, ref (order uuid, refund id or request id), at}.
 */
enum ks_db_error ks_backend_store_stock_moves(ks_backend_store *store, const char *store_id,
                                              const char *item_id, int limit, json_t **rows);

/*
 * Replaces the recipe of r->item_id (checked by ks_recipe_parse) with r's
 * ingredients (none: the item has no recipe any more), in one transaction.
 * Later sales of the item consume them; earlier ones stay as they were.
 * The audit row of actor (NULL: none) at now goes in the same transaction.
 */
enum ks_db_error ks_backend_store_put_recipe(ks_backend_store *store, const ks_recipe *r,
                                             const ks_backend_actor *actor, int64_t now);

/* Every recipe into *rows: {item_id, ingredient_id, quantity}, by item and ingredient. */
enum ks_db_error ks_backend_store_recipes(ks_backend_store *store, json_t **rows);

/*
 * Sets t's threshold and sold-out floor (checked); the item becomes
 * tracked, from 0, when it was not; with the audit row of actor (NULL:
 * none) at now, in one transaction.
 */
enum ks_db_error ks_backend_store_stock_set_low(ks_backend_store *store,
                                                const ks_stock_threshold *t,
                                                const ks_backend_actor *actor, int64_t now);

/*
 * The ids of store_id's items sold out from stock at now, by id, into
 * *items (a new JSON array of strings): the tracked items whose on hand
 * less what live reservations hold (backend_reservation.h) is at or below
 * their sold-out floor (0 unless set), and the items whose recipe needs
 * more of such a tracked ingredient for one piece (one kilogram when sold
 * by weight) than is left above its floor. Back on sale as soon as stock,
 * or a hold released or expired, lifts them above.
 */
enum ks_db_error ks_backend_store_stock_soldout(ks_backend_store *store, const char *store_id,
                                                int64_t now, json_t **items);

/* The items of store_id at or below their threshold: {store_id, item_id, on_hand, low_at}. */
enum ks_db_error ks_backend_store_stock_alerts(ks_backend_store *store, const char *store_id,
                                               json_t **rows);

/*
 * The reorder suggestions of store_id at now (backend_reorder.h; p
 * checked): each tracked item whose suggestion is above 0, by item_id,
 * {item_id, on_hand, sold, rate_milli, reorder_point, order_up_to,
 * suggestion}, sold the units its sale moves took away in the p->days
 * whole days before now, [now - days x 86400, now).
 */
enum ks_db_error ks_backend_store_stock_reorder(ks_backend_store *store, const char *store_id,
                                                const ks_reorder_params *p, int64_t now,
                                                json_t **rows);

#endif
