/* Item costs and the profit report in the database: see kiosk/backend/backend_cost_store.h. */
#include "kiosk/backend/backend_cost_store.h"

#include "kiosk/backend/backend_amount_store.h"

#define TEXT KS_BV_TEXT

static const ks_backend_amount_kind item_cost = {
    .read = KS_BACKEND_SQL_COST,
    .set = KS_BACKEND_SQL_COST_SET,
    .clear = KS_BACKEND_SQL_COST_CLEAR,
    .column = "unit_cost",
    .absent = "none",
    .action = "cost.set",
};

enum ks_db_error ks_backend_store_cost_set(ks_backend_store *store, const ks_cost_change *change,
                                           const ks_backend_actor *actor, int64_t now)
{
    const ks_backend_value key[] = {TEXT(change->item_id)};
    const ks_backend_amount_change c = {
        .kind = &item_cost,
        .key = key,
        .n_key = 1,
        .store_id = "",
        .target = change->item_id,
        .clear = change->clear,
        .amount = change->unit_cost,
    };
    return ks_backend_amount_set(store, &c, actor, now);
}

enum ks_db_error ks_backend_store_costs(ks_backend_store *store, json_t **rows)
{
    return ks_backend_query_rows(store, KS_BACKEND_SQL_COSTS, NULL, 0, rows);
}

enum ks_db_error ks_backend_store_profit(ks_backend_store *store, const char *from, const char *to,
                                         const char *store_id, const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_PROFIT, args, sizeof args / sizeof args[0],
                                 sink);
}
