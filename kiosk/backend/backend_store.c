/*
 * The backend's database: see kiosk/backend/backend_store.h. What both
 * stores share lives here: which driver a "database" setting names, the
 * values each statement binds (an order's own row, its lines, its VAT
 * rows), the order's transaction with its duplicate check, running a call
 * once more after a lost connection was made again, and the JSON rows.
 */
#define LOG_TAG "backend_store"
#include "kiosk/backend/backend_store.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_refund_request_store.h"
#include "kiosk/backend/backend_staff_action_store.h"
#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"

/* A libpq key=value string starts with a keyword and "=" ("host=...", "dbname = x"). */
static bool is_conninfo(const char *database)
{
    size_t word = strspn(database, "abcdefghijklmnopqrstuvwxyz_");
    return word > 0 && database[word + strspn(database + word, " \t")] == '=';
}

/* The driver database names and the target it gets (a suffix of database). */
static const ks_backend_driver *driver_for(const char *database, const char **target)
{
    static const char sqlite_scheme[] = "sqlite://";
    *target = database;
    if (strncmp(database, sqlite_scheme, sizeof sqlite_scheme - 1) == 0) {
        *target = database + sizeof sqlite_scheme - 1;
        return &ks_backend_sqlite_driver;
    }
    if (strncmp(database, "postgresql://", 13) == 0 || strncmp(database, "postgres://", 11) == 0 ||
        is_conninfo(database))
        return &ks_backend_pg_driver;
    return &ks_backend_sqlite_driver;
}

ks_backend_store *ks_backend_store_open(const char *database, enum ks_db_error *err)
{
    enum ks_db_error result = KS_DB_ERR_INVALID;
    ks_backend_store *store = NULL;
    const char *target = "";
    if (!database || !database[0])
        goto error;
    result = KS_DB_ERR_NO_MEMORY;
    store = calloc(1, sizeof *store);
    if (!store)
        goto error;
    store->driver = driver_for(database, &target);
    if (!target[0]) {
        result = KS_DB_ERR_INVALID;
        goto error;
    }
    store->conn = store->driver->open(target, &result);
    if (!store->conn)
        goto error;
    if (err)
        *err = KS_DB_OK;
    return store;
error:
    /* The driver logged its reason; a connection string may hold a password, so not shown. */
    LOG_ERROR("backend database (%s) not opened: %s", store ? store->driver->name : "none",
              ks_db_strerror(result));
    ks_backend_store_close(store);
    if (err)
        *err = result;
    return NULL;
}

void ks_backend_store_close(ks_backend_store *store)
{
    if (!store)
        return;
    if (store->driver && store->conn)
        store->driver->close(store->conn);
    free(store);
}

bool ks_backend_may_retry(ks_backend_store *store, enum ks_db_error err)
{
    return err != KS_DB_OK && store->driver->reconnect && store->driver->reconnect(store->conn);
}

/* ks_backend_in_transaction, or (snapshot) ks_backend_in_snapshot. */
static enum ks_db_error in_transaction(ks_backend_store *store, bool snapshot,
                                       enum ks_db_error (*run)(ks_backend_store *, void *),
                                       void *args)
{
    enum ks_db_error err = KS_DB_OK;
    for (int attempt = 0; attempt < 2; attempt++) {
        err = store->driver->begin(store->conn, snapshot);
        if (err == KS_DB_OK) {
            store->in_transaction = true;
            enum ks_db_error ran = run(store, args);
            store->in_transaction = false;
            err = store->driver->end(store->conn, snapshot, ran);
        }
        if (!ks_backend_may_retry(store, err))
            break;
    }
    return err;
}

enum ks_db_error ks_backend_in_transaction(ks_backend_store *store,
                                           enum ks_db_error (*change)(ks_backend_store *, void *),
                                           void *args)
{
    return in_transaction(store, false, change, args);
}

enum ks_db_error ks_backend_in_snapshot(ks_backend_store *store,
                                        enum ks_db_error (*read)(ks_backend_store *, void *),
                                        void *args)
{
    return in_transaction(store, true, read, args);
}

/* One statement on its own (its own transaction); *changed: rows written. */
static enum ks_db_error exec_sql(ks_backend_store *store, enum ks_backend_sql sql,
                                 const ks_backend_value *values, size_t n, int64_t *changed)
{
    enum ks_db_error err = store->driver->exec(store->conn, sql, values, n, changed);
    if (ks_backend_may_retry(store, err))
        err = store->driver->exec(store->conn, sql, values, n, changed);
    return err;
}

/* A sink's row appended to the JSON array rows (ks_backend_row_add). */
static enum ks_db_error add_json_row(void *rows, const char *const *names,
                                     const ks_backend_value *values, size_t n)
{
    return ks_backend_row_add(rows, names, values, n);
}

ks_backend_sink ks_backend_rows_sink(json_t *rows)
{
    return (ks_backend_sink){add_json_row, rows};
}

int64_t ks_backend_row_int(json_t *row, const char *name)
{
    return json_integer_value(json_object_get(row, name));
}

const char *ks_backend_row_text(json_t *row, const char *name)
{
    const char *value = json_string_value(json_object_get(row, name));
    return value ? value : "";
}

enum ks_db_error ks_backend_query_once(ks_backend_store *store, enum ks_backend_sql sql,
                                       const ks_backend_value *values, size_t n, json_t **rows)
{
    *rows = json_array();
    const ks_backend_sink sink = {add_json_row, *rows};
    enum ks_db_error err =
        *rows ? store->driver->query(store->conn, sql, values, n, &sink) : KS_DB_ERR_NO_MEMORY;
    if (err != KS_DB_OK) {
        json_decref(*rows);
        *rows = NULL;
    }
    return err;
}

enum ks_db_error ks_backend_query_rows(ks_backend_store *store, enum ks_backend_sql sql,
                                       const ks_backend_value *values, size_t n, json_t **rows)
{
    enum ks_db_error err = ks_backend_query_once(store, sql, values, n, rows);
    if (!store->in_transaction && ks_backend_may_retry(store, err))
        err = ks_backend_query_once(store, sql, values, n, rows);
    return err;
}

/* A sink that counts the rows it passes on to the caller's (ks_backend_query_sink). */
struct counted_sink {
    const ks_backend_sink *to;
    size_t rows;
};

static enum ks_db_error count_row(void *ctx, const char *const *names,
                                  const ks_backend_value *values, size_t n)
{
    struct counted_sink *c = ctx;
    c->rows++;
    return c->to->row(c->to->ctx, names, values, n);
}

enum ks_db_error ks_backend_query_sink(ks_backend_store *store, enum ks_backend_sql sql,
                                       const ks_backend_value *values, size_t n,
                                       const ks_backend_sink *sink)
{
    struct counted_sink counted = {sink, 0};
    const ks_backend_sink counting = {count_row, &counted};
    enum ks_db_error err = store->driver->query(store->conn, sql, values, n, &counting);
    /* A row already given cannot be taken back: only a query that gave none is run again. */
    if (!store->in_transaction && counted.rows == 0 && ks_backend_may_retry(store, err))
        err = store->driver->query(store->conn, sql, values, n, &counting);
    return err;
}

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

char *ks_backend_text_copy(const char *body, size_t len)
{
    char *text = malloc(len + 1);
    if (text) {
        memcpy(text, body, len);
        text[len] = '\0';
    }
    return text;
}

/* Runs each of n statements with the one key (an order's uuid, a refund's id), in order. */
static enum ks_db_error exec_each(ks_backend_store *store, const enum ks_backend_sql *sql, size_t n,
                                  const char *key)
{
    enum ks_db_error err = KS_DB_OK;
    const ks_backend_value value[] = {TEXT(key)};
    int64_t changed;
    for (size_t i = 0; err == KS_DB_OK && i < n; i++)
        err = store->driver->exec(store->conn, sql[i], value, 1, &changed);
    return err;
}

/*
 * The order's lines, VAT rows (their report tables), its attendant
 * interventions (the staff report's) with those decided while it was paid
 * that reached the backend first, its lines' costs (as the items'
 * costs are now), how it was paid, its share of its day's
 * report summaries (backend_summary_sql.h) and its receipt token, after
 * its own row; for an order cancelled unpaid, which sold nothing, its mark
 * and its day's sales row instead.
 */
static enum ks_db_error insert_details(ks_backend_store *store, const ks_order *o)
{
    enum ks_db_error err = KS_DB_OK;
    int64_t changed;
    if (o->status == KS_ORDER_CANCELLED) {
        /* Its mark, answering how many of the lane's decisions taken while it was being paid
         * came first; those are unpaid work, looked for only when there are any (as a paid
         * order's, below: its row took their lock). */
        const ks_backend_value key[] = {TEXT(o->uuid)};
        json_t *mark = NULL;
        err = ks_backend_query_once(store, KS_BACKEND_SQL_INSERT_CANCELLED, key, 1, &mark);
        int64_t waiting = ks_backend_row_int(json_array_get(mark, 0), "waiting");
        json_decref(mark);
        static const enum ks_backend_sql sales[] = {KS_BACKEND_SQL_ADD_DAY_SALES,
                                                    KS_BACKEND_SQL_ADD_HOUR_SALES};
        if (err == KS_DB_OK)
            err = exec_each(store, sales, sizeof sales / sizeof sales[0], o->uuid);
        return err == KS_DB_OK ? ks_backend_paying_take(store, o->uuid, 0, waiting) : err;
    }
    for (size_t i = 0; err == KS_DB_OK && i < o->n_lines; i++) {
        const ks_order_line *l = &o->lines[i];
        const ks_backend_value line[] = {
            TEXT(o->uuid),    INT((int64_t)i),  TEXT(l->item_id),
            TEXT(l->name_en), TEXT(l->name_ar), TEXT(l->unit == KS_UNIT_KG ? "kg" : "each"),
            INT(l->quantity), INT(l->net),      INT(l->vat),
            INT(l->gross),
        };
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_LINE, line,
                                  sizeof line / sizeof line[0], &changed);
    }
    for (size_t i = 0; err == KS_DB_OK && i < o->n_vat; i++) {
        const ks_backend_value vat[] = {TEXT(o->uuid), INT(o->vat[i].rate_bp),
                                        INT(o->vat[i].taxable), INT(o->vat[i].vat)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_VAT, vat,
                                  sizeof vat / sizeof vat[0], &changed);
    }
    for (size_t i = 0; err == KS_DB_OK && i < o->n_interventions; i++) {
        ks_backend_value row[4 + KS_BACKEND_INTERVENTION_VALUES] = {
            TEXT(o->uuid), INT((int64_t)i), TEXT(o->business_date), TEXT(o->store_id)};
        ks_backend_intervention_values(&o->interventions[i], row + 4);
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_INTERVENTION, row,
                                  sizeof row / sizeof row[0], &changed);
    }
    /* How it was paid, answering how many of the lane's decisions taken while it was paid came
     * first; then those, and all of them and its own into their months' rows of the staff
     * report (backend_staff_sql.h): an order without any (every order of a restaurant kiosk)
     * runs no statement more. */
    json_t *paid_row = NULL;
    if (err == KS_DB_OK) {
        const ks_backend_value paid[] = {TEXT(o->uuid), TEXT(ks_paid_by_name(o->payment.by)),
                                         TEXT(o->payment.brand), TEXT(o->payment.terminal_ref)};
        err = ks_backend_query_once(store, KS_BACKEND_SQL_INSERT_PAYMENT, paid,
                                    sizeof paid / sizeof paid[0], &paid_row);
    }
    if (err == KS_DB_OK)
        err = ks_backend_paying_take(store, o->uuid, o->n_interventions,
                                     ks_backend_row_int(json_array_get(paid_row, 0), "waiting"));
    json_decref(paid_row);
    if (err == KS_DB_OK) {
        /* The lines' costs first: the profit summary takes them. */
        static const enum ks_backend_sql summaries[] = {
            KS_BACKEND_SQL_INSERT_LINE_COSTS, KS_BACKEND_SQL_ADD_DAY_ITEMS,
            KS_BACKEND_SQL_ADD_DAY_VAT,       KS_BACKEND_SQL_ADD_DAY_SALES,
            KS_BACKEND_SQL_ADD_QUARTER_SALES, KS_BACKEND_SQL_ADD_DAY_PAYMENTS,
            KS_BACKEND_SQL_ADD_DAY_PROFIT,    KS_BACKEND_SQL_ADD_HOUR_SALES,
        };
        err = exec_each(store, summaries, sizeof summaries / sizeof summaries[0], o->uuid);
    }
    if (err == KS_DB_OK && o->receipt_token[0]) {
        const ks_backend_value receipt[] = {TEXT(o->receipt_token), TEXT(o->uuid)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_RECEIPT, receipt, 2, &changed);
    }
    return err == KS_DB_OK ? ks_backend_stock_sell(store, o) : err;
}

/* KS_DB_OK when the order stored under uuid holds exactly text, else KS_DB_ERR_CONFLICT. */
static enum ks_db_error same_body(ks_backend_store *store, const char *uuid, const char *text)
{
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(uuid)};
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_ORDER_BODY, key, 1, &rows);
    const char *stored = json_string_value(json_object_get(json_array_get(rows, 0), "order_json"));
    if (err == KS_DB_OK && (!stored || strcmp(stored, text) != 0))
        err = KS_DB_ERR_CONFLICT;
    json_decref(rows);
    return err;
}

struct order_args {
    const ks_order *o;
    const char *text; /* the body as received, NUL-terminated */
    int64_t now;
    bool *duplicate;
};

/*
 * Inside the transaction: the order's row, then (when it was new) its
 * details; when the uuid was stored, a comparison of the bytes instead.
 */
static enum ks_db_error insert_order(ks_backend_store *store, void *args)
{
    const struct order_args *a = args;
    const ks_order *o = a->o;
    const ks_backend_value row[] = {
        TEXT(o->uuid),          TEXT(o->store_id),  TEXT(o->kiosk_id), INT(o->number),
        TEXT(o->business_date), INT(o->created_at), INT(a->now),       INT(o->total_net),
        INT(o->total_vat),      INT(o->total),      TEXT(a->text),
    };
    int64_t changed = 0;
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_ORDER, row,
                                               sizeof row / sizeof row[0], &changed);
    *a->duplicate = err == KS_DB_OK && changed == 0;
    if (err == KS_DB_OK)
        err = *a->duplicate ? same_body(store, o->uuid, a->text) : insert_details(store, o);
    return err;
}

enum ks_db_error ks_backend_store_add_order(ks_backend_store *store, const ks_order *order,
                                            const char *json, size_t len, int64_t now,
                                            bool *duplicate)
{
    *duplicate = false;
    /* Both stores bind text NUL-terminated: a copy with its NUL, since json has none. */
    char *text = ks_backend_text_copy(json, len);
    if (!text)
        return KS_DB_ERR_NO_MEMORY;
    struct order_args args = {order, text, now, duplicate};
    enum ks_db_error err = ks_backend_in_transaction(store, insert_order, &args);
    if (err != KS_DB_OK)
        *duplicate = false;
    free(text);
    return err;
}

enum ks_db_error ks_backend_store_receipt(ks_backend_store *store, const char *token, char **json)
{
    *json = NULL;
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(token)};
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_RECEIPT, key, 1, &rows);
    const char *body = json_string_value(json_object_get(json_array_get(rows, 0), "order_json"));
    if (err == KS_DB_OK && !body)
        err = json_array_size(rows) == 0 ? KS_DB_ERR_NOT_FOUND : KS_DB_ERR_INTERNAL;
    if (err == KS_DB_OK && !(*json = strdup(body)))
        err = KS_DB_ERR_NO_MEMORY;
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_count_orders(ks_backend_store *store, int64_t *count)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_COUNT, NULL, 0, &rows);
    json_t *orders = json_object_get(json_array_get(rows, 0), "orders");
    if (err == KS_DB_OK && !json_is_integer(orders))
        err = KS_DB_ERR_INTERNAL;
    *count = err == KS_DB_OK ? json_integer_value(orders) : 0;
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_ping(ks_backend_store *store)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_PING, NULL, 0, &rows);
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_maintain(ks_backend_store *store)
{
    return store->driver->maintain ? store->driver->maintain(store->conn) : KS_DB_OK;
}

enum ks_db_error ks_backend_store_set_timeout(ks_backend_store *store, int ms)
{
    return store->driver->set_timeout ? store->driver->set_timeout(store->conn, ms) : KS_DB_OK;
}

enum ks_db_error ks_backend_store_plan_each_call(ks_backend_store *store)
{
    return store->driver->plan_each_call ? store->driver->plan_each_call(store->conn) : KS_DB_OK;
}

enum ks_db_error ks_backend_store_setting(ks_backend_store *store, const char *name, char *value,
                                          size_t cap)
{
    return store->driver->setting ? store->driver->setting(store->conn, name, value, cap)
                                  : KS_DB_ERR_NOT_FOUND;
}

enum ks_db_error ks_backend_store_put_heartbeat(ks_backend_store *store,
                                                const ks_backend_heartbeat *hb)
{
    const ks_backend_value row[] = {TEXT(hb->kiosk_id), INT(hb->at), TEXT(hb->version),
                                    INT(hb->unsent), TEXT(hb->devices)};
    int64_t changed;
    return exec_sql(store, KS_BACKEND_SQL_HEARTBEAT, row, sizeof row / sizeof row[0], &changed);
}

enum ks_db_error ks_backend_store_kiosks(ks_backend_store *store, json_t **rows)
{
    return ks_backend_query_rows(store, KS_BACKEND_SQL_KIOSKS, NULL, 0, rows);
}

enum ks_db_error ks_backend_store_sales(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, enum ks_backend_group group,
                                        bool by_store, int utc_offset_min,
                                        const ks_backend_sink *sink)
{
    if (group == KS_BACKEND_GROUP_HOUR) {
        const ks_backend_value args[] = {TEXT(from), TEXT(to), INT((int64_t)utc_offset_min * 60),
                                         INT(by_store), TEXT(store_id)};
        return ks_backend_query_sink(store, KS_BACKEND_SQL_SALES_BY_HOUR, args,
                                     sizeof args / sizeof args[0], sink);
    }
    if (group == KS_BACKEND_GROUP_DAY && !by_store) {
        const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id)};
        return ks_backend_query_sink(store, KS_BACKEND_SQL_SALES_BY_DAY_KIOSK, args, 3, sink);
    }
    const ks_backend_value args[] = {TEXT(from), TEXT(to), INT(group), INT(by_store),
                                     TEXT(store_id)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_SALES, args, sizeof args / sizeof args[0],
                                 sink);
}

enum ks_db_error ks_backend_store_items(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, bool by_revenue, int limit,
                                        const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), INT(by_revenue), TEXT(store_id),
                                     INT(limit)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_ITEMS, args, sizeof args / sizeof args[0],
                                 sink);
}

enum ks_db_error ks_backend_store_vat(ks_backend_store *store, const char *from, const char *to,
                                      const char *store_id, const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_VAT, args, sizeof args / sizeof args[0],
                                 sink);
}

enum ks_db_error ks_backend_store_peak(ks_backend_store *store, const char *from, const char *to,
                                       const char *store_id, int utc_offset_min,
                                       const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id),
                                     INT((int64_t)utc_offset_min * 60)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_PEAK, args, sizeof args / sizeof args[0],
                                 sink);
}

enum ks_db_error ks_backend_store_refunds(ks_backend_store *store, const char *from, const char *to,
                                          const char *store_id, const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_REFUNDS, args, sizeof args / sizeof args[0],
                                 sink);
}

enum ks_db_error ks_backend_store_payments(ks_backend_store *store, const char *from,
                                           const char *to, const char *store_id,
                                           const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_PAYMENTS, args, sizeof args / sizeof args[0],
                                 sink);
}

enum ks_db_error ks_backend_store_kitchen_order(ks_backend_store *store, const char *uuid,
                                                ks_backend_kitchen_order *out)
{
    memset(out, 0, sizeof *out);
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(uuid)};
    enum ks_db_error err =
        ks_backend_query_rows(store, KS_BACKEND_SQL_KITCHEN_ORDER, key, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    const char *kiosk = json_string_value(json_object_get(row, "kiosk_id"));
    json_t *paid_at = json_object_get(row, "paid_at"),
           *cancelled = json_object_get(row, "cancelled");
    if (err == KS_DB_OK && !row)
        err = KS_DB_ERR_NOT_FOUND;
    else if (err == KS_DB_OK && (!kiosk || strlen(kiosk) >= sizeof out->kiosk_id ||
                                 !json_is_integer(paid_at) || !json_is_integer(cancelled)))
        err = KS_DB_ERR_INTERNAL;
    if (err == KS_DB_OK) {
        memcpy(out->kiosk_id, kiosk, strlen(kiosk) + 1);
        out->paid_at = json_integer_value(paid_at);
        out->cancelled = json_integer_value(cancelled) != 0;
    }
    json_decref(rows);
    return err;
}

struct kitchen_event_args {
    const ks_backend_kitchen_event *ev;
    int64_t paid_at, now;
    bool *duplicate;
};

/* The event's row and, when it is new, its order's kitchen times again, in one transaction. */
static enum ks_db_error add_kitchen_event_in(ks_backend_store *store, void *args)
{
    const struct kitchen_event_args *a = args;
    const ks_backend_value row[] = {
        TEXT(a->ev->uuid),    TEXT(ks_order_status_name(a->ev->status)),
        TEXT(a->ev->station), INT(a->ev->at),
        INT(a->paid_at),      INT(a->now),
    };
    int64_t changed = 0;
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_KITCHEN, row,
                                               sizeof row / sizeof row[0], &changed);
    *a->duplicate = err == KS_DB_OK && changed == 0;
    /* The order's times again, and the summaries that count them (backend_kitchen_sql.h). */
    static const enum ks_backend_sql times[] = {
        KS_BACKEND_SQL_UNCOUNT_KITCHEN_SECONDS, KS_BACKEND_SQL_DELETE_KITCHEN_TIMES,
        KS_BACKEND_SQL_KITCHEN_TIMES,           KS_BACKEND_SQL_COUNT_KITCHEN_SECONDS,
        KS_BACKEND_SQL_DELETE_KITCHEN_DAY,      KS_BACKEND_SQL_KITCHEN_DAY,
        KS_BACKEND_SQL_STALE_KITCHEN_MONTH};
    if (err != KS_DB_OK || *a->duplicate)
        return err;
    /* The summaries are written by one event of that month and store at a time. */
    json_t *locked = NULL;
    const ks_backend_value key[] = {TEXT(a->ev->uuid)};
    err = ks_backend_query_once(store, KS_BACKEND_SQL_LOCK_KITCHEN, key, 1, &locked);
    json_decref(locked);
    return err == KS_DB_OK ? exec_each(store, times, sizeof times / sizeof times[0], a->ev->uuid)
                           : err;
}

enum ks_db_error ks_backend_store_add_kitchen_event(ks_backend_store *store,
                                                    const ks_backend_kitchen_event *ev,
                                                    int64_t paid_at, int64_t now, bool *duplicate)
{
    struct kitchen_event_args args = {ev, paid_at, now, duplicate};
    enum ks_db_error err = ks_backend_in_transaction(store, add_kitchen_event_in, &args);
    if (err != KS_DB_OK)
        *duplicate = false;
    return err;
}

/* The refund's checks and row, inside the transaction. */
static enum ks_db_error insert_refund(ks_backend_store *store, const ks_backend_refund *r,
                                      const char *kiosk_id, const char *text, int64_t now,
                                      enum ks_backend_refund_result *result)
{
    json_t *rows = NULL;
    const ks_backend_value order_key[] = {TEXT(r->order_uuid)}, refund_key[] = {TEXT(r->refund_id)};
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_REFUND_ORDER, order_key, 1, &rows);
    json_t *order = json_array_get(rows, 0);
    const char *kiosk = json_string_value(json_object_get(order, "kiosk_id"));
    int64_t total = json_integer_value(json_object_get(order, "total")),
            refunded = json_integer_value(json_object_get(order, "refunded"));
    bool cancelled = json_integer_value(json_object_get(order, "cancelled")) != 0;
    if (err == KS_DB_OK && !order)
        *result = KS_BACKEND_REFUND_NO_ORDER;
    else if (err == KS_DB_OK && !kiosk)
        err = KS_DB_ERR_INTERNAL;
    else if (err == KS_DB_OK && strcmp(kiosk, kiosk_id) != 0)
        *result = KS_BACKEND_REFUND_OTHER_KIOSK;
    json_t *stored = NULL;
    if (err == KS_DB_OK && *result == KS_BACKEND_REFUND_CREATED)
        err = ks_backend_query_once(store, KS_BACKEND_SQL_REFUND_BODY, refund_key, 1, &stored);
    const char *body = json_string_value(json_object_get(json_array_get(stored, 0), "refund_json"));
    if (err == KS_DB_OK && *result == KS_BACKEND_REFUND_CREATED) {
        if (body)
            *result =
                strcmp(body, text) == 0 ? KS_BACKEND_REFUND_DUPLICATE : KS_BACKEND_REFUND_CONFLICT;
        else if (cancelled)
            *result = KS_BACKEND_REFUND_CANCELLED;
        else if (refunded + r->amount > total)
            *result = KS_BACKEND_REFUND_TOO_MUCH;
    }
    json_decref(stored);
    json_decref(rows);
    if (err != KS_DB_OK || *result != KS_BACKEND_REFUND_CREATED)
        return err;
    const ks_backend_value row[] = {
        TEXT(r->refund_id), TEXT(r->order_uuid), TEXT(r->method), INT(r->amount), INT(r->vat),
        TEXT(r->reason),    INT(r->at),          INT(now),        TEXT(text),
    };
    int64_t changed = 0;
    err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_REFUND, row,
                              sizeof row / sizeof row[0], &changed);
    /* Its lines, for the profit report: what each gave back of which order line. */
    for (size_t i = 0; err == KS_DB_OK && i < r->n_lines; i++) {
        const ks_backend_value line[] = {TEXT(r->refund_id), TEXT(r->order_uuid),
                                         INT(r->lines[i].line_no), INT(r->lines[i].quantity),
                                         INT(r->line_amounts[i])};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_REFUND_LINE, line,
                                  sizeof line / sizeof line[0], &changed);
    }
    /* What it gives back, in the reports' summaries of its order's day. */
    static const enum ks_backend_sql summaries[] = {
        KS_BACKEND_SQL_REFUND_DAY_SALES, KS_BACKEND_SQL_ADD_DAY_REFUNDS,
        KS_BACKEND_SQL_REFUND_DAY_PAYMENTS, KS_BACKEND_SQL_REFUND_DAY_PROFIT,
        KS_BACKEND_SQL_REFUND_HOUR_SALES};
    if (err == KS_DB_OK)
        err = exec_each(store, summaries, sizeof summaries / sizeof summaries[0], r->refund_id);
    if (err == KS_DB_OK)
        err = ks_backend_stock_return(store, r, kiosk_id);
    /* The back office's request it carries out is done, in the same transaction. */
    return err == KS_DB_OK && r->request_id[0]
               ? ks_backend_refund_request_settle(store, r->request_id, r->order_uuid, r->refund_id,
                                                  kiosk_id, now)
               : err;
}

struct refund_args {
    const ks_backend_refund *r;
    const char *kiosk_id, *text;
    int64_t now;
    enum ks_backend_refund_result *result;
};

/* The refund's transaction: a refusal writes nothing. */
static enum ks_db_error add_refund_in(ks_backend_store *store, void *args)
{
    const struct refund_args *a = args;
    *a->result = KS_BACKEND_REFUND_CREATED;
    return insert_refund(store, a->r, a->kiosk_id, a->text, a->now, a->result);
}

enum ks_db_error ks_backend_store_add_refund(ks_backend_store *store, const ks_backend_refund *r,
                                             const char *kiosk_id, const char *json, size_t len,
                                             int64_t now, enum ks_backend_refund_result *result)
{
    *result = KS_BACKEND_REFUND_CREATED;
    char *text = ks_backend_text_copy(json, len);
    if (!text)
        return KS_DB_ERR_NO_MEMORY;
    struct refund_args args = {r, kiosk_id, text, now, result};
    enum ks_db_error err = ks_backend_in_transaction(store, add_refund_in, &args);
    free(text);
    return err;
}

/* The month "YYYY-MM" of the day `days` after 1970-01-01, moved by delta months, into out. */
static void month_of(int64_t days, int delta, char out[8])
{
    char date[11];
    ks_business_date(days * 86400, 0, 0, date);
    int months = 0;
    for (int i = 0; i < 4; i++)
        months = months * 10 + (date[i] - '0');
    months = months * 12 + (date[5] - '0') * 10 + (date[6] - '0') - 1 + delta;
    int year = months / 12, month = months % 12 + 1;
    const char text[8] = {(char)('0' + year / 1000),
                          (char)('0' + year / 100 % 10),
                          (char)('0' + year / 10 % 10),
                          (char)('0' + year % 10),
                          '-',
                          (char)('0' + month / 10),
                          (char)('0' + month % 10),
                          '\0'};
    memcpy(out, text, sizeof text);
}

struct kitchen_month_args {
    const ks_backend_value *args; /* from, to, store, whole months' first and last */
    json_t **rows;
};

/* The stale whole months asked for written again (backend_kitchen_sql.h), then the rows. */
static enum ks_db_error kitchen_by_month_in(ks_backend_store *store, void *args)
{
    const struct kitchen_month_args *a = args;
    /* A try before, whose commit failed, may have answered. */
    json_decref(*a->rows);
    *a->rows = NULL;
    const ks_backend_value months[] = {a->args[3], a->args[4], a->args[2]};
    json_t *locked = NULL;
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_LOCK_KITCHEN_REFRESH, NULL, 0, &locked);
    json_decref(locked);
    int64_t changed = 0;
    if (err == KS_DB_OK)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_TAKE_KITCHEN_STALE, months, 3,
                                  &changed);
    static const enum ks_backend_sql refresh[] = {KS_BACKEND_SQL_DELETE_KITCHEN_MONTHS,
                                                  KS_BACKEND_SQL_REFRESH_KITCHEN_MONTHS,
                                                  KS_BACKEND_SQL_DROP_KITCHEN_STALE};
    for (size_t i = 0; err == KS_DB_OK && changed > 0 && i < sizeof refresh / sizeof *refresh;
         i++) {
        int64_t written = 0;
        err = store->driver->exec(store->conn, refresh[i], NULL, 0, &written);
    }
    return err == KS_DB_OK
               ? ks_backend_query_once(store, KS_BACKEND_SQL_KITCHEN_BY_MONTH, a->args, 5, a->rows)
               : err;
}

/*
 * rows (a JSON array of flat objects, borrowed) given to sink, each with its
 * members in order as the columns: for an answer made whole in a
 * transaction, which may run twice, before any row reaches the sink.
 */
static enum ks_db_error rows_to_sink(json_t *rows, const ks_backend_sink *sink)
{
    enum { COLUMNS_MAX = 16 };
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        const char *names[COLUMNS_MAX];
        ks_backend_value values[COLUMNS_MAX];
        size_t n = 0;
        const char *name;
        json_t *value;
        json_object_foreach (row, name, value) {
            if (n == COLUMNS_MAX)
                return KS_DB_ERR_INTERNAL;
            names[n] = name;
            const char *text = json_string_value(value);
            values[n++] = json_is_integer(value)
                              ? (ks_backend_value){.integer = json_integer_value(value)}
                              : (ks_backend_value){.text = text ? text : ""};
        }
        enum ks_db_error err = sink->row(sink->ctx, names, values, n);
        if (err != KS_DB_OK)
            return err;
    }
    return KS_DB_OK;
}

enum ks_db_error ks_backend_store_kitchen(ks_backend_store *store, const char *from, const char *to,
                                          const char *store_id, enum ks_backend_group group,
                                          int utc_offset_min, const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(from), TEXT(to), TEXT(store_id),
                                     INT((int64_t)utc_offset_min * 60)};
    /* Only the hour is local time: a day or month is the business date's, as in the sales. */
    switch (group) {
    case KS_BACKEND_GROUP_DAY:
        return ks_backend_query_sink(store, KS_BACKEND_SQL_KITCHEN_BY_DAY, args, 3, sink);
    case KS_BACKEND_GROUP_MONTH: {
        /* The whole months: after the day before from's month, before the day after to's. */
        char first[8], last[8];
        month_of(ks_business_date_days(from) - 1, 1, first);
        month_of(ks_business_date_days(to) + 1, -1, last);
        const ks_backend_value by_month[] = {TEXT(from), TEXT(to), TEXT(store_id), TEXT(first),
                                             TEXT(last)};
        /* Its few rows (a month per store and station) kept until the transaction ends. */
        json_t *rows = NULL;
        struct kitchen_month_args a = {by_month, &rows};
        enum ks_db_error err = ks_backend_in_transaction(store, kitchen_by_month_in, &a);
        if (err == KS_DB_OK)
            err = rows_to_sink(rows, sink);
        json_decref(rows);
        return err;
    }
    case KS_BACKEND_GROUP_HOUR:
        break;
    }
    return ks_backend_query_sink(store, KS_BACKEND_SQL_KITCHEN, args, sizeof args / sizeof args[0],
                                 sink);
}

enum ks_db_error ks_backend_row_add(json_t *rows, const char *const *names,
                                    const ks_backend_value *values, size_t n)
{
    json_t *row = json_object();
    if (!row)
        return KS_DB_ERR_NO_MEMORY;
    enum ks_db_error err = KS_DB_OK;
    for (size_t i = 0; err == KS_DB_OK && i < n; i++) {
        bool devices = strcmp(names[i], "devices") == 0;
        json_t *value;
        if (!values[i].text)
            value = json_integer(ks_backend_value_int(&values[i]));
        else if (devices)
            value = json_loads(values[i].text, 0, NULL);
        else
            value = json_string(values[i].text);
        if (!value)
            err = devices ? KS_DB_ERR_INTERNAL : KS_DB_ERR_NO_MEMORY;
        else if (json_object_set_new(row, names[i], value) != 0)
            err = KS_DB_ERR_NO_MEMORY;
    }
    if (err != KS_DB_OK) {
        json_decref(row);
        return err;
    }
    /* json_array_append_new frees row when it fails. */
    return json_array_append_new(rows, row) == 0 ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}
