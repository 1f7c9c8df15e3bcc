/* The stores' own prices in the database: see kiosk/backend/backend_price_store.h. */
#include "kiosk/backend/backend_price_store.h"

#include <stdio.h>
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

/* The amount change of the store's price of item_id (key[2] filled, borrowed by the change). */
static ks_backend_amount_change price_change(const char *store_id, const char *item_id, bool clear,
                                             int64_t price, ks_backend_value key[2])
{
    key[0] = (ks_backend_value)TEXT(store_id);
    key[1] = (ks_backend_value)TEXT(item_id);
    return (ks_backend_amount_change){
        .kind = &store_price,
        .key = key,
        .n_key = 2,
        .store_id = store_id,
        .target = item_id,
        .clear = clear,
        .amount = price,
    };
}

enum ks_db_error ks_backend_store_price_set(ks_backend_store *store, const ks_price_change *change,
                                            const ks_backend_actor *actor, int64_t now)
{
    ks_backend_value key[2];
    const ks_backend_amount_change c =
        price_change(change->store_id, change->item_id, change->clear, change->price, key);
    return ks_backend_amount_set(store, &c, actor, now);
}

enum ks_db_error ks_backend_store_price_set_chain(ks_backend_store *store,
                                                  const ks_price_chain_change *change,
                                                  const ks_backend_actor *actor, int64_t now)
{
    ks_backend_value keys[KS_PRICE_CHAIN_STORES_MAX][2];
    ks_backend_amount_change c[KS_PRICE_CHAIN_STORES_MAX];
    size_t n =
        change->n_stores < KS_PRICE_CHAIN_STORES_MAX ? change->n_stores : KS_PRICE_CHAIN_STORES_MAX;
    for (size_t i = 0; i < n; i++)
        c[i] =
            price_change(change->stores[i], change->item_id, change->clear, change->price, keys[i]);
    return ks_backend_amount_set_many(store, c, n, actor, now);
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

static const ks_backend_amount_kind store_price_delta = {
    .read = KS_BACKEND_SQL_PRICE_DELTA,
    .set = KS_BACKEND_SQL_PRICE_DELTA_SET,
    .clear = KS_BACKEND_SQL_PRICE_DELTA_CLEAR,
    .column = "price_delta",
    .absent = "menu",
    .action = "price_delta.set",
};

enum ks_db_error ks_backend_store_price_delta_set(ks_backend_store *store,
                                                  const ks_price_delta_change *change,
                                                  const ks_backend_actor *actor, int64_t now)
{
    const char *kind = ks_price_delta_kind_name(change->kind);
    const ks_backend_value key[] = {TEXT(change->store_id), TEXT(kind), TEXT(change->owner_id),
                                    TEXT(change->slot_id), TEXT(change->part_id)};
    /* ids are at most 64 bytes of [a-z0-9_.-]: the target always fits */
    char target[8 + 3 * (KS_STOCK_ITEM_MAX + 1)];
    if (change->kind == KS_PRICE_DELTA_CHOICE)
        snprintf(target, sizeof target, "%s:%s/%s/%s", kind, change->owner_id, change->slot_id,
                 change->part_id);
    else
        snprintf(target, sizeof target, "%s:%s/%s", kind, change->owner_id, change->part_id);
    const ks_backend_amount_change c = {
        .kind = &store_price_delta,
        .key = key,
        .n_key = 5,
        .store_id = change->store_id,
        .target = target,
        .clear = change->clear,
        .amount = change->price_delta,
    };
    return ks_backend_amount_set(store, &c, actor, now);
}

enum ks_db_error ks_backend_store_price_deltas(ks_backend_store *store, const char *store_id,
                                               json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_PRICE_DELTAS, args, 1, rows);
}

/* The row of one of the store's terms as ks_price_menu_apply takes it (new reference). */
static json_t *term_row(json_t *row, const char *kind)
{
    json_t *value = json_object_get(row, "value");
    if (strcmp(kind, "price") == 0 || strcmp(kind, "available") == 0)
        return json_pack("{s:O, s:O}", "item_id", json_object_get(row, "item_id"), kind, value);
    return json_pack("{s:s, s:O, s:O, s:O, s:O}", "kind", kind, "owner_id",
                     json_object_get(row, "item_id"), "slot_id", json_object_get(row, "slot_id"),
                     "part_id", json_object_get(row, "part_id"), "price_delta", value);
}

enum ks_db_error ks_backend_store_terms(ks_backend_store *store, const char *store_id,
                                        ks_price_terms *terms)
{
    *terms = (ks_price_terms){0};
    const ks_backend_value args[] = {TEXT(store_id)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_STORE_TERMS, args, 1, &rows);
    if (err != KS_DB_OK)
        return err;
    ks_price_terms out = {json_array(), json_array(), json_array()};
    bool ok = out.prices && out.availability && out.deltas;
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        const char *kind = json_string_value(json_object_get(row, "kind"));
        if (!ok || !kind)
            break;
        json_t *list = strcmp(kind, "price") == 0       ? out.prices
                       : strcmp(kind, "available") == 0 ? out.availability
                                                        : out.deltas;
        json_t *term = term_row(row, kind);
        ok = term && json_array_append_new(list, term) == 0;
    }
    json_decref(rows);
    if (!ok) {
        ks_price_terms_clear(&out);
        return KS_DB_ERR_NO_MEMORY;
    }
    *terms = out;
    return KS_DB_OK;
}
