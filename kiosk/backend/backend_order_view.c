/* One order as the back office shows it: see kiosk/backend/backend_order_view.h. */
#include "kiosk/backend/backend_order_view.h"

#include <string.h>

#include "kiosk/backend/backend_store_driver.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

/* The rows of sql for the order uuid (and its store) as the member name of view. */
static enum ks_db_error add_rows(ks_backend_store *store, json_t *view, const char *name,
                                 enum ks_backend_sql sql, const char *uuid, const char *store_id)
{
    const ks_backend_value key[] = {TEXT(uuid), TEXT(store_id)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, sql, key, store_id ? 2 : 1, &rows);
    if (err == KS_DB_OK && json_object_set_new(view, name, rows) != 0)
        err = KS_DB_ERR_NO_MEMORY;
    return err;
}

/* The order's row as the view: its columns, its payment apart, its body read back. */
static json_t *view_of(json_t *row)
{
    json_t *view = json_deep_copy(row);
    const char *body = json_string_value(json_object_get(row, "order_json"));
    json_t *order = body ? json_loads(body, 0, NULL) : NULL;
    json_t *payment = json_pack("{s:O, s:O, s:O}", "method", json_object_get(row, "method"),
                                "brand", json_object_get(row, "brand"), "terminal_ref",
                                json_object_get(row, "terminal_ref"));
    bool ok = view && order && payment && json_object_del(view, "order_json") == 0 &&
              json_object_del(view, "method") == 0 && json_object_del(view, "brand") == 0 &&
              json_object_del(view, "terminal_ref") == 0 &&
              json_object_set_new(view, "payment", payment) == 0 &&
              json_object_set_new(view, "order", order) == 0;
    if (!ok) {
        json_decref(view);
        return NULL;
    }
    return view;
}

/* The view's reads and their answer. */
struct view_args {
    const char *uuid;
    json_t **out;
};

static enum ks_db_error read_view(ks_backend_store *store, void *args)
{
    struct view_args *x = args;
    json_decref(*x->out); /* a first try's, when the connection was lost and made again */
    *x->out = NULL;
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(x->uuid)};
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_ORDER_VIEW, key, 1, &rows);
    json_t *row = err == KS_DB_OK ? json_array_get(rows, 0) : NULL;
    if (!row) {
        json_decref(rows);
        return err;
    }
    json_t *view = view_of(row);
    json_decref(rows);
    if (!view)
        return KS_DB_ERR_NO_MEMORY;
    const char *store_id = json_string_value(json_object_get(view, "store_id"));
    static const struct {
        const char *name;
        enum ks_backend_sql sql;
        bool by_store;
    } parts[] = {
        {"refunds", KS_BACKEND_SQL_ORDER_REFUNDS, false},
        {"refund_requests", KS_BACKEND_SQL_ORDER_REFUND_REQUESTS, false},
        {"interventions", KS_BACKEND_SQL_ORDER_INTERVENTIONS, false},
        {"paying_decisions", KS_BACKEND_SQL_ORDER_PAYING, true},
        {"kitchen", KS_BACKEND_SQL_ORDER_KITCHEN, false},
        {"einvoices", KS_BACKEND_SQL_ORDER_EINVOICES, true},
    };
    for (size_t i = 0; err == KS_DB_OK && i < sizeof parts / sizeof parts[0]; i++)
        err = add_rows(store, view, parts[i].name, parts[i].sql, x->uuid,
                       parts[i].by_store ? store_id : NULL);
    if (err != KS_DB_OK)
        json_decref(view);
    else
        *x->out = view;
    return err;
}

enum ks_db_error ks_backend_store_order_view(ks_backend_store *store, const char *uuid,
                                             json_t **out)
{
    *out = NULL;
    struct view_args x = {uuid, out};
    enum ks_db_error err = ks_backend_in_snapshot(store, read_view, &x);
    if (err != KS_DB_OK) {
        json_decref(*out);
        *out = NULL;
    }
    return err;
}

enum ks_db_error ks_backend_store_order_find(ks_backend_store *store, const char *store_id,
                                             const char *date, int64_t number, json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id), TEXT(date), INT(number)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_ORDER_FIND, args, 3, rows);
}
