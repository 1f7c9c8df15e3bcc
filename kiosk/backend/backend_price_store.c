/* The stores' own prices in the database: see kiosk/backend/backend_price_store.h. */
#include "kiosk/backend/backend_price_store.h"

#include <string.h>

#include "kiosk/backend/backend_amount_store.h"

#define TEXT KS_BV_TEXT

static const ks_backend_amount_kind store_price = {
    .read = KS_BACKEND_SQL_PRICE,
    .set = KS_BACKEND_SQL_PRICE_SET,
    .clear = KS_BACKEND_SQL_PRICE_CLEAR,
    .column = "price",
    .absent = "menu",
    .action = "price.set",
};

enum ks_db_error ks_backend_store_price_set(ks_backend_store *store, const ks_price_change *change,
                                            const ks_backend_actor *actor, int64_t now)
{
    const ks_backend_value key[] = {TEXT(change->store_id), TEXT(change->item_id)};
    const ks_backend_amount_change c = {
        .kind = &store_price,
        .key = key,
        .n_key = 2,
        .store_id = change->store_id,
        .target = change->item_id,
        .clear = change->clear,
        .amount = change->price,
    };
    return ks_backend_amount_set(store, &c, actor, now);
}

enum ks_db_error ks_backend_store_prices(ks_backend_store *store, const char *store_id,
                                         json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_PRICES, args, 1, rows);
}

static const ks_backend_amount_kind store_availability = {
    .read = KS_BACKEND_SQL_AVAILABILITY,
    .set = KS_BACKEND_SQL_AVAILABILITY_SET,
    .clear = KS_BACKEND_SQL_AVAILABILITY_CLEAR,
    .column = "available",
    .absent = "menu",
    .action = "availability.set",
};

enum ks_db_error ks_backend_store_availability_set(ks_backend_store *store,
                                                   const ks_availability_change *change,
                                                   const ks_backend_actor *actor, int64_t now)
{
    const ks_backend_value key[] = {TEXT(change->store_id), TEXT(change->item_id)};
    const ks_backend_amount_change c = {
        .kind = &store_availability,
        .key = key,
        .n_key = 2,
        .store_id = change->store_id,
        .target = change->item_id,
        .clear = change->clear,
        .amount = change->available ? 1 : 0,
    };
    return ks_backend_amount_set(store, &c, actor, now);
}

enum ks_db_error ks_backend_store_availability(ks_backend_store *store, const char *store_id,
                                               json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_AVAILABILITIES, args, 1, rows);
}

enum ks_db_error ks_backend_store_terms(ks_backend_store *store, const char *store_id,
                                        json_t **prices, json_t **availability)
{
    *prices = *availability = NULL;
    const ks_backend_value args[] = {TEXT(store_id)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_STORE_TERMS, args, 1, &rows);
    if (err != KS_DB_OK)
        return err;
    json_t *price_rows = json_array(), *available_rows = json_array();
    bool ok = price_rows && available_rows;
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        const char *kind = json_string_value(json_object_get(row, "kind"));
        bool price = kind && strcmp(kind, "price") == 0;
        json_t *term = json_pack("{s:O, s:O}", "item_id", json_object_get(row, "item_id"),
                                 price ? "price" : "available", json_object_get(row, "value"));
        ok = ok && term && json_array_append_new(price ? price_rows : available_rows, term) == 0;
        if (!ok)
            break;
    }
    json_decref(rows);
    if (!ok) {
        json_decref(price_rows);
        json_decref(available_rows);
        return KS_DB_ERR_NO_MEMORY;
    }
    *prices = price_rows;
    *availability = available_rows;
    return KS_DB_OK;
}
