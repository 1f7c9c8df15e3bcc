/* The kitchen display's database: see kiosk/kitchen/kds_store.h. */
#define LOG_TAG "kds_store"
#include "kiosk/kitchen/kds_store.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/kitchen/kds_meals.h"
#include "kiosk/kitchen/kds_soldout.h"
#include "kiosk/kitchen/kds_ticket.h"
#include "kiosk/store/own_schema.h"

/* The version of the kds_* tables this program writes. */
#define KDS_SCHEMA_VERSION 3

struct ks_kds_store {
    ks_db *db; /* owned */
};

/*
 * Version 1. kds_tickets.seq is the arrival order; order_json is the body
 * received, byte for byte. kds_lines_done holds the lines struck through;
 * kds_events every status change, oldest first (from_status NULL on arrival).
 * Versions 2 and 3 add kds_events.station and .method (the upgrade steps
 * below). kds_soldout, the store's sold-out marks (kds_soldout.h), is made
 * when missing, in any version.
 */
static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS kds_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS kds_tickets (\n"
    "    seq         INTEGER PRIMARY KEY,\n"
    "    uuid        TEXT NOT NULL UNIQUE,\n"
    "    number      INTEGER NOT NULL,\n"
    "    kiosk_id    TEXT NOT NULL,\n"
    "    service     TEXT NOT NULL,\n"
    "    status      TEXT NOT NULL,\n"
    "    lines       INTEGER NOT NULL CHECK (lines >= 0),\n"
    "    received_at INTEGER NOT NULL,\n"
    "    status_at   INTEGER NOT NULL,\n"
    "    order_json  TEXT NOT NULL CHECK (json_valid(order_json))\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS kds_tickets_by_status ON kds_tickets (status, seq)",
    "CREATE TABLE IF NOT EXISTS kds_lines_done (\n"
    "    uuid    TEXT NOT NULL REFERENCES kds_tickets (uuid),\n"
    "    line_no INTEGER NOT NULL,\n"
    "    done_at INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, line_no)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS kds_events (\n"
    "    id          INTEGER PRIMARY KEY,\n"
    "    uuid        TEXT NOT NULL REFERENCES kds_tickets (uuid),\n"
    "    from_status TEXT,\n"
    "    to_status   TEXT NOT NULL,\n"
    "    at          INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS kds_events_by_ticket ON kds_events (uuid)",
    KS_KDS_SOLDOUT_TABLE,
};

/* The steps from version 1 (kiosk/store/own_schema.h). */
static const char *const upgrades[] = {
    /* 2: a station finished its part of the order (to_status 'ready'); NULL: the whole order */
    "ALTER TABLE kds_events ADD COLUMN station TEXT",
    /* 3: how the counter took the money ('cash', 'card') when an unpaid order became paid */
    "ALTER TABLE kds_events ADD COLUMN method TEXT",
};

static const char sql_version[] = "SELECT max(version) FROM kds_schema HAVING count(*) > 0";
static const char sql_set_version[] = "INSERT INTO kds_schema (version) VALUES (?)";

static const char sql_insert[] =
    "INSERT INTO kds_tickets (uuid, number, kiosk_id, service, status, lines, received_at,\n"
    "                         status_at, order_json)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?7, ?7, ?)\n"
    "ON CONFLICT (uuid) DO NOTHING";
static const char sql_event[] = "INSERT INTO kds_events (uuid, from_status, to_status, at, "
                                "station, method) VALUES (?, ?, ?, ?, ?, ?)";
static const char sql_replace_body[] = "UPDATE kds_tickets SET order_json = ? WHERE uuid = ?";
static const char sql_lines_left[] =
    "SELECT t.lines - (SELECT count(*) FROM kds_lines_done d WHERE d.uuid = t.uuid)\n"
    "FROM kds_tickets t WHERE t.uuid = ?";
static const char sql_unpaid_before[] =
    "SELECT uuid FROM kds_tickets WHERE status = 'created' AND received_at < ? ORDER BY seq";
static const char sql_status[] = "SELECT status FROM kds_tickets WHERE uuid = ?";
static const char sql_set_status[] =
    "UPDATE kds_tickets SET status = ?, status_at = ? WHERE uuid = ?";
static const char sql_lines[] = "SELECT lines FROM kds_tickets WHERE uuid = ?";
static const char sql_line_done[] =
    "INSERT INTO kds_lines_done (uuid, line_no, done_at) VALUES (?, ?, ?)\n"
    "ON CONFLICT (uuid, line_no) DO NOTHING";
static const char sql_line_undone[] = "DELETE FROM kds_lines_done WHERE uuid = ? AND line_no = ?";
static const char sql_list_oldest[] =
    "SELECT seq, uuid, number, kiosk_id, service, status, received_at, status_at,\n"
    "       json_extract(order_json, '$.total')\n"
    "FROM kds_tickets WHERE status IN (?, ?, ?, ?, ?, ?, ?, ?) ORDER BY seq LIMIT ?";
static const char sql_count[] = "SELECT count(*) FROM kds_tickets";
static const char sql_count_status[] =
    "SELECT count(*) FROM kds_tickets WHERE status IN (?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_load[] = "SELECT order_json FROM kds_tickets WHERE uuid = ?";
static const char sql_done_lines[] = "SELECT line_no FROM kds_lines_done WHERE uuid = ?";
static const char sql_last_bumped[] =
    "SELECT e.uuid FROM kds_events e JOIN kds_tickets t ON t.uuid = e.uuid\n"
    "WHERE t.status = 'ready' AND e.to_status = 'ready' AND e.station IS NULL\n"
    "ORDER BY e.id DESC LIMIT 1";

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .upgrade = upgrades,
    .n_upgrade = sizeof upgrades / sizeof upgrades[0],
    .sql_version = sql_version,
    .sql_set_version = sql_set_version,
    .version = KDS_SCHEMA_VERSION,
    .what = "kitchen",
};

ks_kds_store *ks_kds_store_open(const char *path, enum ks_db_error *err)
{
    enum ks_db_error result = KS_DB_ERR_NO_MEMORY;
    ks_kds_store *store = calloc(1, sizeof *store);
    if (!store)
        goto error;
    store->db = ks_own_schema_open(path, &own_schema, &result);
    if (!store->db)
        goto error;
    if (err)
        *err = KS_DB_OK;
    return store;
error:
    if (result != KS_DB_ERR_NO_MEMORY || store)
        LOG_ERROR("kitchen database %s: %s", path ? path : "(none)", ks_db_strerror(result));
    ks_kds_store_close(store);
    if (err)
        *err = result;
    return NULL;
}

ks_db *ks_kds_store_db(ks_kds_store *store)
{
    return store->db;
}

void ks_kds_store_close(ks_kds_store *store)
{
    if (!store)
        return;
    ks_db_close(store->db);
    free(store);
}

static void bind_text_or_null(ks_db_binder *b, const char *text)
{
    if (text)
        ks_db_bind_text(b, text);
    else
        ks_db_bind_null(b);
}

/* One row of the history (the status feed): station and method NULL unless they apply. */
static enum ks_db_error add_event(ks_db *db, const char *uuid, const char *from, const char *to,
                                  int64_t now, const char *station, const char *method)
{
    ks_db_binder b = ks_db_bind(db, sql_event);
    ks_db_bind_text(&b, uuid);
    bind_text_or_null(&b, from);
    ks_db_bind_text(&b, to);
    ks_db_bind_int(&b, now);
    bind_text_or_null(&b, station);
    bind_text_or_null(&b, method);
    return ks_db_exec(db, &b);
}

struct body_ctx {
    const char *json;
    size_t len;
    bool same;
};

static enum ks_db_error compare_body_row(sqlite3_stmt *stmt, void *ctx)
{
    struct body_ctx *c = ctx;
    const void *stored = sqlite3_column_blob(stmt, 0);
    c->same = (size_t)sqlite3_column_bytes(stmt, 0) == c->len && stored &&
              memcmp(stored, c->json, c->len) == 0;
    return KS_DB_OK;
}

/* KS_DB_OK when the ticket stored under uuid holds exactly json, else KS_DB_ERR_CONFLICT. */
static enum ks_db_error same_body(ks_db *db, const char *uuid, const char *json, size_t len)
{
    ks_db_binder b = ks_db_bind(db, sql_load);
    ks_db_bind_text(&b, uuid);
    struct body_ctx c = {.json = json, .len = len};
    enum ks_db_error err = ks_db_query(db, &b, compare_body_row, &c, NULL);
    return err == KS_DB_OK && !c.same ? KS_DB_ERR_CONFLICT : err;
}

static enum ks_db_error set_status_locked(ks_db *db, const char *uuid, enum ks_order_status to,
                                          int64_t now, const char *method,
                                          enum ks_order_status *previous);
static enum ks_db_error read_status(ks_db *db, const char *uuid, enum ks_order_status *status);

static enum ks_db_error parse_plain_order_row(sqlite3_stmt *stmt, void *ctx)
{
    const char *json = (const char *)sqlite3_column_text(stmt, 0);
    *(ks_order **)ctx =
        json ? ks_order_from_json(json, (size_t)sqlite3_column_bytes(stmt, 0), NULL) : NULL;
    return *(ks_order **)ctx ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

/*
 * Whether json (order, paid) is the paid version of the unpaid counter
 * order stored under its uuid: the same order in every byte once the
 * stored one is given the paid status and time. The kiosk sends it when
 * the order was paid (at this display's counter or another's).
 */
static bool paid_version_of_stored(ks_db *db, const ks_order *order, const char *json, size_t len)
{
    enum ks_order_status now_status = KS_ORDER_CANCELLED;
    if (order->status != KS_ORDER_PAID || read_status(db, order->uuid, &now_status) != KS_DB_OK ||
        now_status == KS_ORDER_CANCELLED)
        return false;
    ks_order *stored = NULL;
    ks_db_binder b = ks_db_bind(db, sql_load);
    ks_db_bind_text(&b, order->uuid);
    if (ks_db_query(db, &b, parse_plain_order_row, &stored, NULL) != KS_DB_OK || !stored)
        return false;
    bool same = false;
    if (stored->status == KS_ORDER_CREATED) {
        stored->status = KS_ORDER_PAID;
        stored->updated_at = order->updated_at;
        char *text = ks_order_to_json(stored, NULL);
        same = text && strlen(text) == len && memcmp(text, json, len) == 0;
        free(text);
    }
    ks_order_free(stored);
    return same;
}

/* Keeps the paid version's bytes (so repeats are plain duplicates) and the payment. */
static enum ks_db_error take_paid_version(ks_db *db, const ks_order *order, const char *json,
                                          size_t len, int64_t now)
{
    ks_db_binder b = ks_db_bind(db, sql_replace_body);
    if (b.ok)
        b.ok = sqlite3_bind_text64(b.stmt, b.next++, json, len, SQLITE_STATIC, SQLITE_UTF8) ==
               SQLITE_OK;
    ks_db_bind_text(&b, order->uuid);
    enum ks_db_error err = ks_db_exec(db, &b);
    enum ks_order_status status = KS_ORDER_CREATED;
    if (err == KS_DB_OK)
        err = read_status(db, order->uuid, &status);
    if (err == KS_DB_OK && status == KS_ORDER_CREATED)
        err = set_status_locked(db, order->uuid, KS_ORDER_PAID, now, NULL, &status);
    return err;
}

static enum ks_db_error add_locked(ks_db *db, const ks_order *order, const char *json, size_t len,
                                   int64_t now, bool *duplicate)
{
    ks_db_binder b = ks_db_bind(db, sql_insert);
    ks_db_bind_text(&b, order->uuid);
    ks_db_bind_int(&b, order->number);
    ks_db_bind_text(&b, order->kiosk_id);
    ks_db_bind_text(&b, ks_service_name(order->service));
    ks_db_bind_text(&b, ks_order_status_name(order->status));
    ks_db_bind_int(&b, (int64_t)ks_kds_meal_line_count(order));
    ks_db_bind_int(&b, now);
    /* Bound as text of exactly len bytes: the body need not be NUL-terminated. */
    if (b.ok)
        b.ok = sqlite3_bind_text64(b.stmt, b.next++, json, len, SQLITE_STATIC, SQLITE_UTF8) ==
               SQLITE_OK;
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err != KS_DB_OK)
        return err;
    *duplicate = ks_db_changes(db) == 0;
    if (!*duplicate)
        return add_event(db, order->uuid, NULL, ks_order_status_name(order->status), now, NULL,
                         NULL);
    err = same_body(db, order->uuid, json, len);
    if (err == KS_DB_ERR_CONFLICT && paid_version_of_stored(db, order, json, len))
        err = take_paid_version(db, order, json, len, now);
    return err;
}

enum ks_db_error ks_kds_store_add(ks_kds_store *store, const ks_order *order, const char *json,
                                  size_t len, int64_t now, bool *duplicate)
{
    *duplicate = false;
    if (!ks_uuid_ok(order->uuid) || len == 0 || len > KS_ORDER_JSON_MAX_BYTES)
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(store->db);
    if (err == KS_DB_OK)
        err = ks_db_end(store->db, add_locked(store->db, order, json, len, now, duplicate));
    if (err == KS_DB_ERR_CONSTRAINT)
        LOG_ERROR("ticket %s refused by the database (not JSON?)", order->uuid);
    return err;
}

static enum ks_db_error read_status_row(sqlite3_stmt *stmt, void *ctx)
{
    return ks_order_status_parse(ks_db_column_text(stmt, 0), ctx) ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

static enum ks_db_error read_status(ks_db *db, const char *uuid, enum ks_order_status *status)
{
    ks_db_binder b = ks_db_bind(db, sql_status);
    ks_db_bind_text(&b, uuid);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, &b, read_status_row, status, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

static enum ks_db_error set_status_locked(ks_db *db, const char *uuid, enum ks_order_status to,
                                          int64_t now, const char *method,
                                          enum ks_order_status *previous)
{
    enum ks_order_status from = KS_ORDER_CREATED;
    enum ks_db_error err = read_status(db, uuid, &from);
    if (err != KS_DB_OK)
        return err;
    *previous = from;
    if (from == to)
        return KS_DB_OK;
    if (!ks_kds_can_transition(from, to))
        return KS_DB_ERR_ILLEGAL_TRANSITION;
    ks_db_binder b = ks_db_bind(db, sql_set_status);
    ks_db_bind_text(&b, ks_order_status_name(to));
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, uuid);
    err = ks_db_exec(db, &b);
    if (err == KS_DB_OK)
        err = add_event(db, uuid, ks_order_status_name(from), ks_order_status_name(to), now, NULL,
                        method);
    return err;
}

enum ks_db_error ks_kds_store_set_status(ks_kds_store *store, const char *uuid,
                                         enum ks_order_status to, int64_t now,
                                         enum ks_order_status *previous)
{
    enum ks_order_status before = KS_ORDER_CREATED;
    if (!ks_uuid_ok(uuid))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(store->db);
    if (err == KS_DB_OK)
        err = ks_db_end(store->db, set_status_locked(store->db, uuid, to, now, NULL, &before));
    if (previous)
        *previous = before;
    return err;
}

static enum ks_db_error pay_locked(ks_db *db, const char *uuid, const char *method, int64_t now,
                                   enum ks_order_status *previous)
{
    enum ks_db_error err = read_status(db, uuid, previous);
    if (err != KS_DB_OK || *previous != KS_ORDER_CREATED)
        return err != KS_DB_OK || *previous != KS_ORDER_CANCELLED ? err
                                                                  : KS_DB_ERR_ILLEGAL_TRANSITION;
    enum ks_order_status ignored;
    err = set_status_locked(db, uuid, KS_ORDER_PAID, now, method, &ignored);
    /* Cooked before it was paid: every line is struck, so it is ready as it is paid. */
    int64_t left = 1;
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, sql_lines_left);
        ks_db_bind_text(&b, uuid);
        err = ks_db_query_int(db, &b, &left);
    }
    if (err == KS_DB_OK && left == 0)
        err = set_status_locked(db, uuid, KS_ORDER_READY, now, NULL, &ignored);
    return err;
}

enum ks_db_error ks_kds_store_pay(ks_kds_store *store, const char *uuid, const char *method,
                                  int64_t now, enum ks_order_status *previous)
{
    enum ks_order_status before = KS_ORDER_CREATED;
    if (!ks_uuid_ok(uuid) || !method || (strcmp(method, "cash") && strcmp(method, "card")))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(store->db);
    if (err == KS_DB_OK)
        err = ks_db_end(store->db, pay_locked(store->db, uuid, method, now, &before));
    if (previous)
        *previous = before;
    return err;
}

enum ks_db_error ks_kds_store_station_ready(ks_kds_store *store, const char *uuid,
                                            const char *station, int64_t now)
{
    if (!ks_uuid_ok(uuid) || !station || !station[0] || strlen(station) > KS_KDS_STATION_NAME_MAX)
        return KS_DB_ERR_INVALID;
    return add_event(store->db, uuid, NULL, ks_order_status_name(KS_ORDER_READY), now, station,
                     NULL);
}

struct uuid_list {
    char (*uuids)[37];
    size_t n, max;
};

static enum ks_db_error collect_uuid_row(sqlite3_stmt *stmt, void *ctx)
{
    struct uuid_list *l = ctx;
    if (l->n == l->max) {
        size_t max = l->max ? 2 * l->max : 16;
        char(*grown)[37] = realloc(l->uuids, max * sizeof *grown);
        if (!grown)
            return KS_DB_ERR_NO_MEMORY;
        l->uuids = grown;
        l->max = max;
    }
    return ks_db_column_copy(stmt, 0, l->uuids[l->n++], 37) ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

static enum ks_db_error cancel_unpaid_locked(ks_db *db, int64_t before, int64_t now,
                                             size_t *cancelled)
{
    struct uuid_list l = {0};
    ks_db_binder b = ks_db_bind(db, sql_unpaid_before);
    ks_db_bind_int(&b, before);
    enum ks_db_error err = ks_db_query(db, &b, collect_uuid_row, &l, NULL);
    for (size_t i = 0; err == KS_DB_OK && i < l.n; i++) {
        enum ks_order_status previous;
        err = set_status_locked(db, l.uuids[i], KS_ORDER_CANCELLED, now, NULL, &previous);
        if (err == KS_DB_OK)
            LOG_INFO("unpaid counter order %s of an earlier business day cancelled", l.uuids[i]);
    }
    *cancelled = err == KS_DB_OK ? l.n : 0;
    free(l.uuids);
    return err;
}

enum ks_db_error ks_kds_store_cancel_unpaid(ks_kds_store *store, int64_t before, int64_t now,
                                            size_t *cancelled)
{
    *cancelled = 0;
    enum ks_db_error err = ks_db_begin(store->db);
    if (err == KS_DB_OK)
        err = ks_db_end(store->db, cancel_unpaid_locked(store->db, before, now, cancelled));
    return err;
}

static enum ks_db_error set_line_locked(ks_db *db, const char *uuid, int32_t line_no, bool done,
                                        int64_t now)
{
    int64_t lines = 0;
    ks_db_binder b = ks_db_bind(db, sql_lines);
    ks_db_bind_text(&b, uuid);
    enum ks_db_error err = ks_db_query_int(db, &b, &lines);
    if (err != KS_DB_OK)
        return err;
    if (line_no < 0 || line_no >= lines)
        return KS_DB_ERR_NOT_FOUND;
    b = ks_db_bind(db, done ? sql_line_done : sql_line_undone);
    ks_db_bind_text(&b, uuid);
    ks_db_bind_int(&b, line_no);
    if (done)
        ks_db_bind_int(&b, now);
    return ks_db_exec(db, &b);
}

enum ks_db_error ks_kds_store_set_line_done(ks_kds_store *store, const char *uuid, int32_t line_no,
                                            bool done, int64_t now)
{
    if (!ks_uuid_ok(uuid))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(store->db);
    if (err == KS_DB_OK)
        err = ks_db_end(store->db, set_line_locked(store->db, uuid, line_no, done, now));
    return err;
}

struct list_ctx {
    ks_kds_summary *out;
    size_t n, max;
};

static enum ks_db_error add_summary(sqlite3_stmt *stmt, void *ctx)
{
    struct list_ctx *c = ctx;
    if (c->n == c->max)
        return KS_DB_OK;
    ks_kds_summary *s = &c->out[c->n];
    memset(s, 0, sizeof *s);
    s->seq = sqlite3_column_int64(stmt, 0);
    s->number = (int32_t)sqlite3_column_int64(stmt, 2);
    s->received_at = sqlite3_column_int64(stmt, 6);
    s->status_at = sqlite3_column_int64(stmt, 7);
    s->total = sqlite3_column_int64(stmt, 8);
    if (!ks_db_column_copy(stmt, 1, s->uuid, sizeof s->uuid) ||
        !ks_db_column_copy(stmt, 3, s->kiosk_id, sizeof s->kiosk_id) ||
        !ks_service_parse(ks_db_column_text(stmt, 4), &s->service) ||
        !ks_order_status_parse(ks_db_column_text(stmt, 5), &s->status)) {
        LOG_ERROR("ticket %lld holds values this program never writes", (long long)s->seq);
        return KS_DB_ERR_CORRUPT;
    }
    c->n++;
    return KS_DB_OK;
}

/* The eight IN parameters of a status mask: each status's name, or "" when not in mask. */
static void bind_statuses(ks_db_binder *b, unsigned mask)
{
    _Static_assert(KS_ORDER_STATUS_COUNT == 8, "one IN parameter per status");
    for (int s = 0; s < KS_ORDER_STATUS_COUNT; s++)
        ks_db_bind_text(b, mask & KS_KDS_STATUS(s) ? ks_order_status_name((enum ks_order_status)s)
                                                   : "");
}

enum ks_db_error ks_kds_store_count_status(ks_kds_store *store, unsigned mask, int64_t *count)
{
    ks_db_binder b = ks_db_bind(store->db, sql_count_status);
    bind_statuses(&b, mask);
    return ks_db_query_int(store->db, &b, count);
}

enum ks_db_error ks_kds_store_list(ks_kds_store *store, unsigned mask, ks_kds_summary *out,
                                   size_t max, size_t *n)
{
    *n = 0;
    if (max == 0)
        return KS_DB_OK;
    ks_db_binder b = ks_db_bind(store->db, sql_list_oldest);
    bind_statuses(&b, mask);
    ks_db_bind_int(&b, max > INT32_MAX ? INT32_MAX : (int64_t)max);
    struct list_ctx c = {.out = out, .max = max};
    enum ks_db_error err = ks_db_query(store->db, &b, add_summary, &c, NULL);
    *n = err == KS_DB_OK ? c.n : 0;
    return err;
}

enum ks_db_error ks_kds_store_count(ks_kds_store *store, int64_t *count)
{
    ks_db_binder b = ks_db_bind(store->db, sql_count);
    return ks_db_query_int(store->db, &b, count);
}

static enum ks_db_error parse_order_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_order **order = ctx;
    const char *json = (const char *)sqlite3_column_text(stmt, 0);
    int len = sqlite3_column_bytes(stmt, 0);
    ks_order_json_error why;
    *order = json ? ks_order_from_json(json, (size_t)len, &why) : NULL;
    if (!*order) {
        LOG_ERROR("a stored ticket does not parse: %s: %s", why.path, why.reason);
        return KS_DB_ERR_CORRUPT;
    }
    /* The kitchen works on its lines: each meal item at its own station. */
    return ks_kds_split_meals(*order) ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}

struct done_ctx {
    bool *done; /* max flags */
    size_t max;
};

static enum ks_db_error mark_done_row(sqlite3_stmt *stmt, void *ctx)
{
    struct done_ctx *c = ctx;
    int64_t line = sqlite3_column_int64(stmt, 0);
    if (line >= 0 && (uint64_t)line < c->max)
        c->done[line] = true;
    return KS_DB_OK;
}

enum ks_db_error ks_kds_store_load_done(ks_kds_store *store, const char *uuid, bool *done,
                                        size_t n_lines)
{
    memset(done, 0, n_lines * sizeof *done);
    struct done_ctx c = {.done = done, .max = n_lines};
    ks_db_binder b = ks_db_bind(store->db, sql_done_lines);
    ks_db_bind_text(&b, uuid);
    return ks_db_query(store->db, &b, mark_done_row, &c, NULL);
}

enum ks_db_error ks_kds_store_load(ks_kds_store *store, const char *uuid, ks_order **order,
                                   bool **done)
{
    *order = NULL;
    if (done)
        *done = NULL;
    ks_db_binder b = ks_db_bind(store->db, sql_load);
    ks_db_bind_text(&b, uuid);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(store->db, &b, parse_order_row, order, &rows);
    if (err == KS_DB_OK && rows == 0)
        err = KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK && done) {
        *done = calloc((*order)->n_lines + 1, sizeof(bool));
        err = *done ? ks_kds_store_load_done(store, uuid, *done, (*order)->n_lines)
                    : KS_DB_ERR_NO_MEMORY;
    }
    if (err != KS_DB_OK) {
        ks_order_free(*order);
        *order = NULL;
        if (done) {
            free(*done);
            *done = NULL;
        }
    }
    return err;
}

static enum ks_db_error copy_uuid_row(sqlite3_stmt *stmt, void *ctx)
{
    return ks_db_column_copy(stmt, 0, ctx, 37) ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

enum ks_db_error ks_kds_store_last_bumped(ks_kds_store *store, char uuid[37])
{
    uuid[0] = '\0';
    ks_db_binder b = ks_db_bind(store->db, sql_last_bumped);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(store->db, &b, copy_uuid_row, uuid, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}
