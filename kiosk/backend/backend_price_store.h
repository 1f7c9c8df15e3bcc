/*
 * The stores' own terms for menu items in the backend's database (the API
 * in kiosk/docs/backend-api.md, "Prices" and "Availability"): a price per
 * store and item (be_prices) that replaces the menu file's, and whether
 * the store sells the item (be_availability) where it differs from the
 * menu file's "sold_out", and its price deltas of sizes, options and combo
 * choices (be_price_deltas), in the menu that store's kiosks pull. Each
 * change is audited ("price.set", "availability.set", "price_delta.set")
 * inside its transaction.
 */
#ifndef KIOSK_BACKEND_BACKEND_PRICE_STORE_H
#define KIOSK_BACKEND_BACKEND_PRICE_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_price.h"
#include "kiosk/backend/backend_price_delta.h"
#include "kiosk/backend/backend_store.h"

/*
 * Applies change (checked by ks_price_change_parse) made by actor at now in
 * one transaction with its audit row: the store's price of the item set,
 * or removed when change->clear. Retried once after a lost connection.
 */
enum ks_db_error ks_backend_store_price_set(ks_backend_store *store, const ks_price_change *change,
                                            const ks_backend_actor *actor, int64_t now);

/*
 * As ks_backend_store_price_set for change's item at each of its stores,
 * all in one transaction (all or none), one "price.set" audit row per
 * store, in the body's order.
 */
enum ks_db_error ks_backend_store_price_set_chain(ks_backend_store *store,
                                                  const ks_price_chain_change *change,
                                                  const ks_backend_actor *actor, int64_t now);

/* The store's own prices, by item id, into *rows (json_decref): {item_id, price, updated_at}. */
enum ks_db_error ks_backend_store_prices(ks_backend_store *store, const char *store_id,
                                         json_t **rows);

/* As ks_backend_store_price_set for whether the store sells the item ("availability.set"). */
enum ks_db_error ks_backend_store_availability_set(ks_backend_store *store,
                                                   const ks_availability_change *change,
                                                   const ks_backend_actor *actor, int64_t now);

/* The store's own availability, by item id, into *rows (json_decref): {item_id, available (0 or
 * 1), updated_at}. */
enum ks_db_error ks_backend_store_availability(ks_backend_store *store, const char *store_id,
                                               json_t **rows);

/*
 * Applies change (checked by ks_price_delta_change_parse) made by actor at
 * now in one transaction with its audit row ("price_delta.set", target
 * "size:<combo>/<size>", "option:<group>/<option>" or
 * "choice:<combo>/<slot>/<item>", before and after "menu" or
 * "price_delta=<halalas>"): the store's delta set, or removed when
 * change->clear.
 */
enum ks_db_error ks_backend_store_price_delta_set(ks_backend_store *store,
                                                  const ks_price_delta_change *change,
                                                  const ks_backend_actor *actor, int64_t now);

/* The store's own price deltas into *rows (json_decref): {kind, owner_id, slot_id, part_id,
 * price_delta, updated_at}, by kind and ids. */
enum ks_db_error ks_backend_store_price_deltas(ks_backend_store *store, const char *store_id,
                                               json_t **rows);

/*
 * The store's prices, availability and price deltas read in one statement
 * (one snapshot) into *terms (ks_price_terms_clear it), what
 * ks_price_menu_apply takes. All NULL on an error.
 */
enum ks_db_error ks_backend_store_terms(ks_backend_store *store, const char *store_id,
                                        ks_price_terms *terms);

#endif
