/* Item costs and the profit report in the database: see kiosk/backend/backend_cost_store.h. */
#include "kiosk/backend/backend_cost_store.h"

#include <stdio.h>

#include "kiosk/backend/backend_store_driver.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

/* The summary of the item's cost: "unit_cost=750", or "none" when it has none. */
static enum ks_db_error cost_summary(ks_backend_store *store, const ks_backend_value key[1],
                                     char *out, size_t cap)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_COST, key, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    if (row)
        snprintf(out, cap, "unit_cost=%lld",
                 (long long)json_integer_value(json_object_get(row, "unit_cost")));
    else
        snprintf(out, cap, "none");
    json_decref(rows);
    return err;
}

struct cost_set {
    const ks_cost_change *change;
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error cost_set_in(ks_backend_store *store, void *args)
{
    const struct cost_set *a = args;
    const ks_cost_change *c = a->change;
    const ks_backend_value row[] = {TEXT(c->item_id), INT(c->unit_cost), INT(a->now)};
    char before[32], after[32];
    enum ks_db_error err = cost_summary(store, row, before, sizeof before);
    int64_t changed = 0;
    if (err == KS_DB_OK)
        err = c->clear
                  ? store->driver->exec(store->conn, KS_BACKEND_SQL_COST_CLEAR, row, 1, &changed)
                  : store->driver->exec(store->conn, KS_BACKEND_SQL_COST_SET, row, 3, &changed);
    if (c->clear)
        snprintf(after, sizeof after, "none");
    else
        snprintf(after, sizeof after, "unit_cost=%lld", (long long)c->unit_cost);
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "cost.set", "", c->item_id,
                                                    before, after, a->now)
                           : err;
}

enum ks_db_error ks_backend_store_cost_set(ks_backend_store *store, const ks_cost_change *change,
                                           const ks_backend_actor *actor, int64_t now)
{
    struct cost_set args = {change, actor, now};
    return ks_backend_in_transaction(store, cost_set_in, &args);
}

enum ks_db_error ks_backend_store_costs(ks_backend_store *store, json_t **rows)
{
    return ks_backend_query_rows(store, KS_BACKEND_SQL_COSTS, NULL, 0, rows);
}

enum ks_db_error ks_backend_store_profit(ks_backend_store *store, const char *from, const char *to,
                                         const char *store_id, json_t **rows)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_PROFIT, args, sizeof args / sizeof args[0],
                                 rows);
}
