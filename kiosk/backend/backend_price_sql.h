/*
 * The SQL of the stores' own terms for menu items (backend_price.h): their
 * prices (be_prices) and whether an item is sold there (be_availability),
 * one text for both store drivers with each driver's spelling of its bound
 * values, so that SQLite and PostgreSQL store and answer alike. Not for
 * other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_PRICE_SQL_H
#define KIOSK_BACKEND_BACKEND_PRICE_SQL_H

#define KS_BACKEND_PRICE_SQL(STORE, ITEM)                                                          \
    "SELECT price FROM be_prices WHERE store_id = " STORE " AND item_id = " ITEM

/* VALUES: the four placeholders, in the order of the columns. */
#define KS_BACKEND_PRICE_SET_SQL(VALUES)                                                           \
    "INSERT INTO be_prices (store_id, item_id, price, updated_at) VALUES (" VALUES ")\n"           \
    "ON CONFLICT (store_id, item_id) DO UPDATE\n"                                                  \
    "SET price = excluded.price, updated_at = excluded.updated_at"

#define KS_BACKEND_PRICE_CLEAR_SQL(STORE, ITEM)                                                    \
    "DELETE FROM be_prices WHERE store_id = " STORE " AND item_id = " ITEM

#define KS_BACKEND_PRICES_SQL(STORE)                                                               \
    "SELECT item_id, price, updated_at FROM be_prices WHERE store_id = " STORE " ORDER BY item_id"

#define KS_BACKEND_AVAILABILITY_SQL(STORE, ITEM)                                                   \
    "SELECT available FROM be_availability WHERE store_id = " STORE " AND item_id = " ITEM

/* VALUES: the four placeholders, in the order of the columns. */
#define KS_BACKEND_AVAILABILITY_SET_SQL(VALUES)                                                    \
    "INSERT INTO be_availability (store_id, item_id, available, updated_at) VALUES (" VALUES ")\n" \
    "ON CONFLICT (store_id, item_id) DO UPDATE\n"                                                  \
    "SET available = excluded.available, updated_at = excluded.updated_at"

#define KS_BACKEND_AVAILABILITY_CLEAR_SQL(STORE, ITEM)                                             \
    "DELETE FROM be_availability WHERE store_id = " STORE " AND item_id = " ITEM

/*
 * A store's prices and availability read together (one statement: one
 * snapshot, one round trip), as (kind, item_id, value) rows, kind
 * "available" or "price", by kind and item.
 */
#define KS_BACKEND_STORE_TERMS_SQL(STORE)                                                          \
    "SELECT 'available' AS kind, item_id, available AS value FROM be_availability\n"               \
    "WHERE store_id = " STORE "\n"                                                                 \
    "UNION ALL\n"                                                                                  \
    "SELECT 'price', item_id, price FROM be_prices WHERE store_id = " STORE "\n"                   \
    "ORDER BY kind, item_id"

#define KS_BACKEND_AVAILABILITIES_SQL(STORE)                                                       \
    "SELECT item_id, available, updated_at FROM be_availability WHERE store_id = " STORE           \
    " ORDER BY item_id"

#endif
