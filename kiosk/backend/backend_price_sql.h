/*
 * The SQL of the stores' own terms for menu items (backend_price.h): their
 * prices (be_prices), whether an item is sold there (be_availability) and
 * their price deltas of sizes, options and choices (be_price_deltas),
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
 * A store's own price deltas (be_price_deltas, backend_price_delta.h): a
 * size, option or choice by its kind and ids (slot_id "" but for a
 * choice), the delta in halalas.
 */
#define KS_BACKEND_PRICE_DELTA_KEY(STORE, KIND, OWNER, SLOT, PART)                                 \
    "store_id = " STORE " AND kind = " KIND " AND owner_id = " OWNER " AND slot_id = " SLOT        \
    " AND part_id = " PART

#define KS_BACKEND_PRICE_DELTA_SQL(STORE, KIND, OWNER, SLOT, PART)                                 \
    "SELECT price_delta FROM be_price_deltas WHERE " KS_BACKEND_PRICE_DELTA_KEY(STORE, KIND,       \
                                                                                OWNER, SLOT, PART)

/* VALUES: the seven placeholders, in the order of the columns. */
#define KS_BACKEND_PRICE_DELTA_SET_SQL(VALUES)                                                     \
    "INSERT INTO be_price_deltas (store_id, kind, owner_id, slot_id, part_id, price_delta,\n"      \
    "                             updated_at) VALUES (" VALUES ")\n"                               \
    "ON CONFLICT (store_id, kind, owner_id, slot_id, part_id) DO UPDATE\n"                         \
    "SET price_delta = excluded.price_delta, updated_at = excluded.updated_at"

#define KS_BACKEND_PRICE_DELTA_CLEAR_SQL(STORE, KIND, OWNER, SLOT, PART)                           \
    "DELETE FROM be_price_deltas WHERE " KS_BACKEND_PRICE_DELTA_KEY(STORE, KIND, OWNER, SLOT, PART)

#define KS_BACKEND_PRICE_DELTAS_SQL(STORE)                                                         \
    "SELECT kind, owner_id, slot_id, part_id, price_delta, updated_at FROM be_price_deltas\n"      \
    "WHERE store_id = " STORE " ORDER BY kind, owner_id, slot_id, part_id"

/*
 * A store's prices, availability and price deltas read together (one
 * statement: one snapshot, one round trip), as (kind, item_id, slot_id,
 * part_id, value) rows, kind "available", "price" or a delta's kind
 * ("choice", "option", "size", whose item_id is its owner), by kind and
 * ids.
 */
#define KS_BACKEND_STORE_TERMS_SQL(STORE)                                                          \
    "SELECT 'available' AS kind, item_id, '' AS slot_id, '' AS part_id, available AS value\n"      \
    "FROM be_availability WHERE store_id = " STORE "\n"                                            \
    "UNION ALL\n"                                                                                  \
    "SELECT 'price', item_id, '', '', price FROM be_prices WHERE store_id = " STORE "\n"           \
    "UNION ALL\n"                                                                                  \
    "SELECT kind, owner_id, slot_id, part_id, price_delta FROM be_price_deltas\n"                  \
    "WHERE store_id = " STORE "\n"                                                                 \
    "ORDER BY kind, item_id, slot_id, part_id"

#define KS_BACKEND_AVAILABILITIES_SQL(STORE)                                                       \
    "SELECT item_id, available, updated_at FROM be_availability WHERE store_id = " STORE           \
    " ORDER BY item_id"

#endif
