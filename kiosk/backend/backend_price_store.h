/*
 * The stores' own prices in the backend's database (be_prices; the API in
 * kiosk/docs/backend-api.md, "Prices"): a price per store and menu item
 * that replaces the menu file's in the menu that store's kiosks pull. Each
 * change is audited ("price.set") inside its transaction.
 */
#ifndef KIOSK_BACKEND_BACKEND_PRICE_STORE_H
#define KIOSK_BACKEND_BACKEND_PRICE_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_price.h"
#include "kiosk/backend/backend_store.h"

/*
 * Applies change (checked by ks_price_change_parse) made by actor at now in
 * one transaction with its audit row: the store's price of the item set,
 * or removed when change->clear. Retried once after a lost connection.
 */
enum ks_db_error ks_backend_store_price_set(ks_backend_store *store, const ks_price_change *change,
                                            const ks_backend_actor *actor, int64_t now);

/* The store's own prices, by item id, into *rows (json_decref): {item_id, price, updated_at}. */
enum ks_db_error ks_backend_store_prices(ks_backend_store *store, const char *store_id,
                                         json_t **rows);

#endif
