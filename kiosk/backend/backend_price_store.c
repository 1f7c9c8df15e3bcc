/* The stores' own prices in the database: see kiosk/backend/backend_price_store.h. */
#include "kiosk/backend/backend_price_store.h"

#include <stdio.h>

#include "kiosk/backend/backend_store_driver.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

/* The summary of the store's price of the item: "price=1800", or "menu" when it has none. */
static enum ks_db_error price_summary(ks_backend_store *store, const ks_backend_value key[2],
                                      char *out, size_t cap)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_PRICE, key, 2, &rows);
    json_t *row = json_array_get(rows, 0);
    if (row)
        snprintf(out, cap, "price=%lld",
                 (long long)json_integer_value(json_object_get(row, "price")));
    else
        snprintf(out, cap, "menu");
    json_decref(rows);
    return err;
}

struct price_set {
    const ks_price_change *change;
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error price_set_in(ks_backend_store *store, void *args)
{
    const struct price_set *a = args;
    const ks_price_change *c = a->change;
    const ks_backend_actor *actor = a->actor;
    int64_t now = a->now;
    const ks_backend_value row[] = {TEXT(c->store_id), TEXT(c->item_id), INT(c->price), INT(now)};
    char before[32], after[32];
    enum ks_db_error err = price_summary(store, row, before, sizeof before);
    int64_t changed = 0;
    if (err == KS_DB_OK)
        err = c->clear
                  ? store->driver->exec(store->conn, KS_BACKEND_SQL_PRICE_CLEAR, row, 2, &changed)
                  : store->driver->exec(store->conn, KS_BACKEND_SQL_PRICE_SET, row, 4, &changed);
    if (c->clear)
        snprintf(after, sizeof after, "menu");
    else
        snprintf(after, sizeof after, "price=%lld", (long long)c->price);
    return err == KS_DB_OK ? ks_backend_audit_write(store, actor, "price.set", c->store_id,
                                                    c->item_id, before, after, now)
                           : err;
}

enum ks_db_error ks_backend_store_price_set(ks_backend_store *store, const ks_price_change *change,
                                            const ks_backend_actor *actor, int64_t now)
{
    struct price_set args = {change, actor, now};
    return ks_backend_in_transaction(store, price_set_in, &args);
}

enum ks_db_error ks_backend_store_prices(ks_backend_store *store, const char *store_id,
                                         json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_PRICES, args, 1, rows);
}
