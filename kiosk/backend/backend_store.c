/* The backend's database: see kiosk/backend/backend_store.h. */
#define LOG_TAG "backend_store"
#include "kiosk/backend/backend_store.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/store/own_schema.h"

/* The version of the be_* tables this program writes. */
#define BE_SCHEMA_VERSION 1

struct ks_backend_store {
    ks_db *db; /* owned */
};

/*
 * Version 1. be_orders.order_json is the body received, byte for byte;
 * be_lines and be_vat copy what the reports add up, so no report parses JSON.
 */
static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS be_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS be_orders (\n"
    "    seq           INTEGER PRIMARY KEY,\n"
    "    uuid          TEXT NOT NULL UNIQUE,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    kiosk_id      TEXT NOT NULL,\n"
    "    number        INTEGER NOT NULL,\n"
    "    business_date TEXT NOT NULL,\n"
    "    created_at    INTEGER NOT NULL,\n"
    "    received_at   INTEGER NOT NULL,\n"
    "    total_net     INTEGER NOT NULL,\n"
    "    total_vat     INTEGER NOT NULL,\n"
    "    total         INTEGER NOT NULL,\n"
    "    order_json    TEXT NOT NULL CHECK (json_valid(order_json))\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_orders_by_date ON be_orders (business_date, store_id)",
    "CREATE TABLE IF NOT EXISTS be_lines (\n"
    "    uuid        TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    line_no     INTEGER NOT NULL,\n"
    "    item_id     TEXT NOT NULL,\n"
    "    name_en     TEXT NOT NULL,\n"
    "    name_ar     TEXT NOT NULL,\n"
    "    unit        TEXT NOT NULL,\n"
    "    quantity    INTEGER NOT NULL,\n"
    "    net         INTEGER NOT NULL,\n"
    "    vat         INTEGER NOT NULL,\n"
    "    gross       INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, line_no)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_vat (\n"
    "    uuid    TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    rate_bp INTEGER NOT NULL,\n"
    "    taxable INTEGER NOT NULL,\n"
    "    vat     INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, rate_bp)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_heartbeats (\n"
    "    kiosk_id TEXT PRIMARY KEY,\n"
    "    at       INTEGER NOT NULL,\n"
    "    version  TEXT NOT NULL,\n"
    "    unsent   INTEGER NOT NULL,\n"
    "    devices  TEXT NOT NULL CHECK (json_valid(devices))\n"
    ") STRICT",
};

static const char sql_version[] = "SELECT max(version) FROM be_schema HAVING count(*) > 0";
static const char sql_set_version[] = "INSERT INTO be_schema (version) VALUES (?)";
static const char sql_insert_order[] =
    "INSERT INTO be_orders (uuid, store_id, kiosk_id, number, business_date, created_at,\n"
    "                       received_at, total_net, total_vat, total, order_json)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING";
static const char sql_insert_line[] =
    "INSERT INTO be_lines (uuid, line_no, item_id, name_en, name_ar, unit, quantity, net, vat,\n"
    "                      gross) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_vat[] =
    "INSERT INTO be_vat (uuid, rate_bp, taxable, vat) VALUES (?, ?, ?, ?)";
static const char sql_count[] = "SELECT count(*) FROM be_orders";
static const char sql_heartbeat[] =
    "INSERT INTO be_heartbeats (kiosk_id, at, version, unsent, devices) VALUES (?, ?, ?, ?, ?)\n"
    "ON CONFLICT (kiosk_id) DO UPDATE SET at = excluded.at, version = excluded.version,\n"
    "    unsent = excluded.unsent, devices = excluded.devices";
static const char sql_kiosks[] =
    "SELECT kiosk_id, at, version, unsent, devices FROM be_heartbeats ORDER BY kiosk_id";
/* ?3: 0 day, 1 month, 2 hour (local at ?4 seconds from UTC); ?5: 1 per store; ?6 store or ''. */
static const char sql_sales[] =
    "SELECT CASE ?3 WHEN 0 THEN business_date WHEN 1 THEN substr(business_date, 1, 7)\n"
    "           ELSE strftime('%Y-%m-%d %H:00', created_at + ?4, 'unixepoch') END AS period,\n"
    "       store_id, CASE ?5 WHEN 1 THEN '' ELSE kiosk_id END AS kiosk_id,\n"
    "       count(*) AS orders, sum(total_net) AS total_net, sum(total_vat) AS total_vat,\n"
    "       sum(total) AS total\n"
    "FROM be_orders WHERE business_date BETWEEN ?1 AND ?2 AND (?6 = '' OR store_id = ?6)\n"
    "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
/* ?3: 1 by revenue, 0 by quantity; ?4 store or ''; ?5 limit. */
static const char sql_items[] =
    "SELECT l.item_id AS item_id, max(l.name_en) AS name_en, max(l.name_ar) AS name_ar,\n"
    "       l.unit AS unit, sum(l.quantity) AS quantity, count(DISTINCT l.uuid) AS orders,\n"
    "       sum(l.net) AS net, sum(l.vat) AS vat, sum(l.gross) AS revenue\n"
    "FROM be_lines l JOIN be_orders o ON o.uuid = l.uuid\n"
    "WHERE o.business_date BETWEEN ?1 AND ?2 AND (?4 = '' OR o.store_id = ?4)\n"
    "GROUP BY l.item_id, l.unit\n"
    "ORDER BY CASE ?3 WHEN 1 THEN sum(l.gross) ELSE sum(l.quantity) END DESC, l.item_id\n"
    "LIMIT ?5";
static const char sql_vat[] =
    "SELECT v.rate_bp AS rate_bp, count(*) AS orders, sum(v.taxable) AS taxable,\n"
    "       sum(v.vat) AS vat\n"
    "FROM be_vat v JOIN be_orders o ON o.uuid = v.uuid\n"
    "WHERE o.business_date BETWEEN ?1 AND ?2 AND (?3 = '' OR o.store_id = ?3)\n"
    "GROUP BY v.rate_bp ORDER BY v.rate_bp";

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .sql_version = sql_version,
    .sql_set_version = sql_set_version,
    .version = BE_SCHEMA_VERSION,
    .what = "backend",
};

ks_backend_store *ks_backend_store_open(const char *path, enum ks_db_error *err)
{
    enum ks_db_error result = KS_DB_ERR_NO_MEMORY;
    ks_backend_store *store = calloc(1, sizeof *store);
    if (!store)
        goto error;
    store->db = ks_own_schema_open(path, &own_schema, &result);
    if (!store->db)
        goto error;
    if (err)
        *err = KS_DB_OK;
    return store;
error:
    LOG_ERROR("backend database %s: %s", path ? path : "(none)", ks_db_strerror(result));
    ks_backend_store_close(store);
    if (err)
        *err = result;
    return NULL;
}

void ks_backend_store_close(ks_backend_store *store)
{
    if (!store)
        return;
    ks_db_close(store->db);
    free(store);
}

static enum ks_db_error insert_details(ks_db *db, const ks_order *o)
{
    enum ks_db_error err = KS_DB_OK;
    for (size_t i = 0; err == KS_DB_OK && i < o->n_lines; i++) {
        const ks_order_line *l = &o->lines[i];
        ks_db_binder b = ks_db_bind(db, sql_insert_line);
        ks_db_bind_text(&b, o->uuid);
        ks_db_bind_int(&b, (int64_t)i);
        ks_db_bind_text(&b, l->item_id);
        ks_db_bind_text(&b, l->name_en);
        ks_db_bind_text(&b, l->name_ar);
        ks_db_bind_text(&b, l->unit == KS_UNIT_KG ? "kg" : "each");
        ks_db_bind_int(&b, l->quantity);
        ks_db_bind_int(&b, l->net);
        ks_db_bind_int(&b, l->vat);
        ks_db_bind_int(&b, l->gross);
        err = ks_db_exec(db, &b);
    }
    for (size_t i = 0; err == KS_DB_OK && i < o->n_vat; i++) {
        ks_db_binder b = ks_db_bind(db, sql_insert_vat);
        ks_db_bind_text(&b, o->uuid);
        ks_db_bind_int(&b, o->vat[i].rate_bp);
        ks_db_bind_int(&b, o->vat[i].taxable);
        ks_db_bind_int(&b, o->vat[i].vat);
        err = ks_db_exec(db, &b);
    }
    return err;
}

enum ks_db_error ks_backend_store_add_order(ks_backend_store *store, const ks_order *order,
                                            const char *json, size_t len, int64_t now,
                                            bool *duplicate)
{
    *duplicate = false;
    /* The JSON column is TEXT: bound as a copy with its NUL, since json has none. */
    char *text = malloc(len + 1);
    if (!text)
        return KS_DB_ERR_NO_MEMORY;
    memcpy(text, json, len);
    text[len] = '\0';
    enum ks_db_error err = ks_db_begin(store->db);
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(store->db, sql_insert_order);
        ks_db_bind_text(&b, order->uuid);
        ks_db_bind_text(&b, order->store_id);
        ks_db_bind_text(&b, order->kiosk_id);
        ks_db_bind_int(&b, order->number);
        ks_db_bind_text(&b, order->business_date);
        ks_db_bind_int(&b, order->created_at);
        ks_db_bind_int(&b, now);
        ks_db_bind_int(&b, order->total_net);
        ks_db_bind_int(&b, order->total_vat);
        ks_db_bind_int(&b, order->total);
        ks_db_bind_text(&b, text);
        err = ks_db_exec(store->db, &b);
        *duplicate = err == KS_DB_OK && ks_db_changes(store->db) == 0;
        if (err == KS_DB_OK && !*duplicate)
            err = insert_details(store->db, order);
        err = ks_db_end(store->db, err);
    }
    free(text);
    return err;
}

enum ks_db_error ks_backend_store_count_orders(ks_backend_store *store, int64_t *count)
{
    ks_db_binder b = ks_db_bind(store->db, sql_count);
    return ks_db_query_int(store->db, &b, count);
}

enum ks_db_error ks_backend_store_put_heartbeat(ks_backend_store *store,
                                                const ks_backend_heartbeat *hb)
{
    ks_db_binder b = ks_db_bind(store->db, sql_heartbeat);
    ks_db_bind_text(&b, hb->kiosk_id);
    ks_db_bind_int(&b, hb->at);
    ks_db_bind_text(&b, hb->version);
    ks_db_bind_int(&b, hb->unsent);
    ks_db_bind_text(&b, hb->devices);
    return ks_db_exec(store->db, &b);
}

/* Appends the row as an object: integers stay integers, text stays text (devices: JSON). */
static enum ks_db_error add_row(sqlite3_stmt *stmt, void *ctx)
{
    json_t *rows = ctx, *row = json_object();
    for (int i = 0; row && i < sqlite3_column_count(stmt); i++) {
        const char *name = sqlite3_column_name(stmt, i);
        json_t *value;
        if (sqlite3_column_type(stmt, i) == SQLITE_INTEGER)
            value = json_integer(sqlite3_column_int64(stmt, i));
        else if (strcmp(name, "devices") == 0)
            value = json_loads(ks_db_column_text(stmt, i), 0, NULL);
        else
            value = json_string(ks_db_column_text(stmt, i));
        if (!name || !value || json_object_set_new(row, name, value) != 0) {
            json_decref(row);
            row = NULL;
        }
    }
    if (!row || json_array_append_new(rows, row) != 0)
        return KS_DB_ERR_NO_MEMORY;
    return KS_DB_OK;
}

/* Runs the bound query b into a new array *rows (NULL on error). */
static enum ks_db_error collect(ks_backend_store *store, ks_db_binder *b, json_t **rows)
{
    *rows = json_array();
    enum ks_db_error err =
        *rows ? ks_db_query(store->db, b, add_row, *rows, NULL) : KS_DB_ERR_NO_MEMORY;
    if (err != KS_DB_OK) {
        json_decref(*rows);
        *rows = NULL;
    }
    return err;
}

enum ks_db_error ks_backend_store_kiosks(ks_backend_store *store, json_t **rows)
{
    ks_db_binder b = ks_db_bind(store->db, sql_kiosks);
    return collect(store, &b, rows);
}

enum ks_db_error ks_backend_store_sales(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, enum ks_backend_group group,
                                        bool by_store, int utc_offset_min, json_t **rows)
{
    ks_db_binder b = ks_db_bind(store->db, sql_sales);
    ks_db_bind_text(&b, from);
    ks_db_bind_text(&b, to);
    ks_db_bind_int(&b, group);
    ks_db_bind_int(&b, (int64_t)utc_offset_min * 60);
    ks_db_bind_int(&b, by_store);
    ks_db_bind_text(&b, store_id);
    return collect(store, &b, rows);
}

enum ks_db_error ks_backend_store_items(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, bool by_revenue, int limit,
                                        json_t **rows)
{
    ks_db_binder b = ks_db_bind(store->db, sql_items);
    ks_db_bind_text(&b, from);
    ks_db_bind_text(&b, to);
    ks_db_bind_int(&b, by_revenue);
    ks_db_bind_text(&b, store_id);
    ks_db_bind_int(&b, limit);
    return collect(store, &b, rows);
}

enum ks_db_error ks_backend_store_vat(ks_backend_store *store, const char *from, const char *to,
                                      const char *store_id, json_t **rows)
{
    ks_db_binder b = ks_db_bind(store->db, sql_vat);
    ks_db_bind_text(&b, from);
    ks_db_bind_text(&b, to);
    ks_db_bind_text(&b, store_id);
    return collect(store, &b, rows);
}
