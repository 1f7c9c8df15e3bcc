/* The attendant console's database: see kiosk/attendant/att_store.h. */
#define LOG_TAG "att_store"
#include "kiosk/attendant/att_store.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/app/attendant_rows.h"
#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/store/own_schema.h"
#include "kiosk/store/staff_store.h"

#define ATT_SCHEMA_VERSION 3

struct ks_att_store {
    ks_db *db; /* owned */
};

/*
 * Version 1. att_requests.open: 1 while the lane lists the request, 0 once
 * it stops (2 only inside ks_att_store_report). A request is decided at
 * most once (att_once); a decision's applied_at_ms is NULL until
 * the lane reports it applied.
 */
static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS att_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS att_lanes (\n"
    "    lane       TEXT PRIMARY KEY,\n"
    "    activity   INTEGER NOT NULL,\n"
    "    faults     INTEGER NOT NULL,\n"
    "    items      INTEGER NOT NULL,\n"
    "    total      INTEGER NOT NULL,\n"
    "    seen_at_ms INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS att_requests (\n"
    "    uuid         TEXT PRIMARY KEY,\n"
    "    lane         TEXT NOT NULL REFERENCES att_lanes (lane),\n"
    "    need         INTEGER NOT NULL,\n"
    "    line         INTEGER NOT NULL,\n"
    "    item         TEXT NOT NULL,\n"
    "    raised_at    INTEGER NOT NULL,\n"
    "    open         INTEGER NOT NULL,\n"
    "    closed_at_ms INTEGER\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS att_requests_open ON att_requests (lane, open)",
    "CREATE TABLE IF NOT EXISTS att_decisions (\n"
    "    seq           INTEGER PRIMARY KEY,\n"
    "    uuid          TEXT NOT NULL UNIQUE,\n"
    "    lane          TEXT NOT NULL REFERENCES att_lanes (lane),\n"
    "    request       TEXT NOT NULL,\n"
    "    action        INTEGER NOT NULL,\n"
    "    line          INTEGER NOT NULL,\n"
    "    staff         TEXT NOT NULL,\n"
    "    decided_at    INTEGER NOT NULL,\n"
    "    applied_at_ms INTEGER\n"
    ") STRICT",
    "CREATE UNIQUE INDEX IF NOT EXISTS att_once ON att_decisions (request) WHERE request <> ''",
    "CREATE INDEX IF NOT EXISTS att_decisions_pending ON att_decisions (lane, applied_at_ms)",
};

/* Versions 2 and 3: the staff PIN's lockout and the audit of every sign-in, the kiosk's own
 * tables (kiosk/store/staff_store.h). */
static const char *const upgrades[] = {
    KS_STAFF_LOCKOUT_TABLE_SQL,
    KS_STAFF_AUDIT_TABLE_SQL,
};

static const char sql_version[] = "SELECT max(version) FROM att_schema HAVING count(*) > 0";
static const char sql_set_version[] = "INSERT INTO att_schema (version) VALUES (?)";

static const char sql_lane_same[] =
    "SELECT count(*) FROM att_lanes\n"
    "WHERE lane = ? AND activity = ? AND faults = ? AND items = ? AND total = ?";
static const char sql_lane_put[] =
    "INSERT INTO att_lanes (lane, activity, faults, items, total, seen_at_ms)\n"
    "VALUES (?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT (lane) DO UPDATE SET activity = excluded.activity, faults = excluded.faults,\n"
    "    items = excluded.items, total = excluded.total, seen_at_ms = excluded.seen_at_ms";
static const char sql_requests_tentative[] =
    "UPDATE att_requests SET open = 2 WHERE lane = ? AND open = 1";
static const char sql_request_keep[] =
    "UPDATE att_requests SET open = 1 WHERE uuid = ? AND lane = ? AND open = 2";
static const char sql_request_add[] =
    "INSERT INTO att_requests (uuid, lane, need, line, item, raised_at, open)\n"
    "VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (uuid) DO NOTHING";
static const char sql_requests_close[] =
    "UPDATE att_requests SET open = 0, closed_at_ms = ? WHERE lane = ? AND open = 2";
static const char sql_applied[] = "UPDATE att_decisions SET applied_at_ms = ?\n"
                                  "WHERE uuid = ? AND lane = ? AND applied_at_ms IS NULL";
static const char sql_pending[] =
    "SELECT uuid, request, action, line, staff, decided_at FROM att_decisions\n"
    "WHERE lane = ? AND applied_at_ms IS NULL ORDER BY seq LIMIT ?";
static const char sql_decision_known[] = "SELECT count(*) FROM att_decisions WHERE uuid = ?";
static const char sql_request_need[] =
    "SELECT need FROM att_requests WHERE uuid = ? AND lane = ? AND open = 1";
static const char sql_lane_known[] = "SELECT count(*) FROM att_lanes WHERE lane = ?";
static const char sql_decide[] =
    "INSERT INTO att_decisions (uuid, lane, request, action, line, staff, decided_at)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_lanes[] =
    "SELECT lane, activity, faults, items, total, seen_at_ms,\n"
    "    (SELECT count(*) FROM att_decisions d WHERE d.lane = l.lane AND applied_at_ms IS NULL)\n"
    "FROM att_lanes l ORDER BY lane LIMIT ?";
static const char sql_open_requests[] =
    "SELECT " KS_ATT_REQUEST_COLUMNS " FROM att_requests r\n"
    "WHERE lane = ? AND open = 1\n"
    "    AND NOT EXISTS (SELECT 1 FROM att_decisions d WHERE d.request = r.uuid)\n"
    "ORDER BY raised_at, uuid LIMIT ?";
static const char sql_applied_at[] =
    "SELECT applied_at_ms FROM att_decisions WHERE uuid = ? AND applied_at_ms IS NOT NULL";

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .upgrade = upgrades,
    .n_upgrade = sizeof upgrades / sizeof upgrades[0],
    .sql_version = sql_version,
    .sql_set_version = sql_set_version,
    .version = ATT_SCHEMA_VERSION,
    .what = "attendant console",
};

ks_att_store *ks_att_store_open(const char *path, enum ks_db_error *err)
{
    enum ks_db_error result = KS_DB_ERR_NO_MEMORY;
    ks_att_store *store = calloc(1, sizeof *store);
    if (!store)
        goto error;
    store->db = ks_own_schema_open(path, &own_schema, &result);
    if (!store->db)
        goto error;
    if (err)
        *err = KS_DB_OK;
    return store;
error:
    LOG_ERROR("attendant database %s: %s", path ? path : "(none)", ks_db_strerror(result));
    ks_att_store_close(store);
    if (err)
        *err = result;
    return NULL;
}

void ks_att_store_close(ks_att_store *store)
{
    if (!store)
        return;
    ks_db_close(store->db);
    free(store);
}

ks_db *ks_att_store_db(ks_att_store *store)
{
    return store->db;
}

/* Runs b and adds 1 to *changed when it changed a row. */
static enum ks_db_error exec_counting(ks_db *db, ks_db_binder *b, int *changed)
{
    enum ks_db_error err = ks_db_exec(db, b);
    if (err == KS_DB_OK)
        *changed += ks_db_changes(db);
    return err;
}

static enum ks_db_error put_lane(ks_db *db, const ks_att_report *r, int64_t now_ms, int *changed)
{
    int64_t same = 0;
    ks_db_binder b = ks_db_bind(db, sql_lane_same);
    ks_db_bind_text(&b, r->lane_id);
    ks_db_bind_int(&b, r->activity);
    ks_db_bind_int(&b, r->faults);
    ks_db_bind_int(&b, r->items);
    ks_db_bind_int(&b, r->total);
    enum ks_db_error err = ks_db_query_int(db, &b, &same);
    if (err != KS_DB_OK)
        return err;
    *changed += same == 0;
    b = ks_db_bind(db, sql_lane_put);
    ks_db_bind_text(&b, r->lane_id);
    ks_db_bind_int(&b, r->activity);
    ks_db_bind_int(&b, r->faults);
    ks_db_bind_int(&b, r->items);
    ks_db_bind_int(&b, r->total);
    ks_db_bind_int(&b, now_ms);
    return ks_db_exec(db, &b);
}

static enum ks_db_error put_requests(ks_db *db, const ks_att_report *r, int64_t now_ms,
                                     int *changed)
{
    ks_db_binder b = ks_db_bind(db, sql_requests_tentative);
    ks_db_bind_text(&b, r->lane_id);
    enum ks_db_error err = ks_db_exec(db, &b);
    for (size_t i = 0; i < r->n_requests && err == KS_DB_OK; i++) {
        const ks_att_request *q = &r->requests[i];
        b = ks_db_bind(db, sql_request_keep);
        ks_db_bind_text(&b, q->uuid);
        ks_db_bind_text(&b, r->lane_id);
        err = ks_db_exec(db, &b);
        if (err != KS_DB_OK || ks_db_changes(db) == 1)
            continue;
        /* New (a uuid of another lane, or closed before, stays as it was). */
        b = ks_db_bind(db, sql_request_add);
        ks_db_bind_text(&b, q->uuid);
        ks_db_bind_text(&b, r->lane_id);
        ks_db_bind_int(&b, q->need);
        ks_db_bind_int(&b, q->line);
        ks_db_bind_text(&b, q->item);
        ks_db_bind_int(&b, q->raised_at);
        err = exec_counting(db, &b, changed);
    }
    if (err != KS_DB_OK)
        return err;
    b = ks_db_bind(db, sql_requests_close);
    ks_db_bind_int(&b, now_ms);
    ks_db_bind_text(&b, r->lane_id);
    return exec_counting(db, &b, changed);
}

struct decisions_ctx {
    ks_att_decision *out;
    size_t n;
};

static enum ks_db_error decision_row(sqlite3_stmt *stmt, void *ctx)
{
    struct decisions_ctx *c = ctx;
    ks_att_decision *d = &c->out[c->n];
    memset(d, 0, sizeof *d);
    if (!ks_db_column_copy(stmt, 0, d->uuid, sizeof d->uuid) ||
        !ks_db_column_copy(stmt, 1, d->request, sizeof d->request) ||
        !ks_db_column_copy(stmt, 4, d->staff, sizeof d->staff))
        return KS_DB_ERR_CORRUPT;
    d->action = (enum ks_attendant_decision)sqlite3_column_int(stmt, 2);
    d->line = (uint32_t)sqlite3_column_int64(stmt, 3);
    d->decided_at = sqlite3_column_int64(stmt, 5);
    c->n++;
    return KS_DB_OK;
}

enum ks_db_error ks_att_store_report(ks_att_store *store, const ks_att_report *r, int64_t now_ms,
                                     ks_att_decision *out, size_t max, size_t *n, bool *changed)
{
    *n = 0;
    int count = 0;
    ks_db *db = store->db;
    enum ks_db_error err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    err = put_lane(db, r, now_ms, &count);
    if (err == KS_DB_OK)
        err = put_requests(db, r, now_ms, &count);
    for (size_t i = 0; i < r->n_applied && err == KS_DB_OK; i++) {
        ks_db_binder b = ks_db_bind(db, sql_applied);
        ks_db_bind_int(&b, now_ms);
        ks_db_bind_text(&b, r->applied[i]);
        ks_db_bind_text(&b, r->lane_id);
        err = exec_counting(db, &b, &count);
    }
    struct decisions_ctx c = {out, 0};
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, sql_pending);
        ks_db_bind_text(&b, r->lane_id);
        ks_db_bind_int(&b, (int64_t)max);
        err = ks_db_query(db, &b, decision_row, &c, NULL);
    }
    err = ks_db_end(db, err);
    if (err == KS_DB_OK)
        *n = c.n;
    if (changed)
        *changed = err == KS_DB_OK && count > 0;
    return err;
}

/* Whether d may be taken on lane: its request open there and of a need it settles. */
static enum ks_db_error check_decision(ks_db *db, const char *lane, const ks_att_decision *d)
{
    int64_t n = 0;
    ks_db_binder b = ks_db_bind(db, sql_lane_known);
    ks_db_bind_text(&b, lane);
    enum ks_db_error err = ks_db_query_int(db, &b, &n);
    if (err != KS_DB_OK || n == 0)
        return err != KS_DB_OK ? err : KS_DB_ERR_NOT_FOUND;
    if (!d->request[0])
        return ks_att_action_settles(d->action) ? KS_DB_ERR_INVALID : KS_DB_OK;
    int64_t need = 0;
    b = ks_db_bind(db, sql_request_need);
    ks_db_bind_text(&b, d->request);
    ks_db_bind_text(&b, lane);
    err = ks_db_query_int(db, &b, &need);
    if (err == KS_DB_ERR_NOT_FOUND)
        return KS_DB_ERR_CONFLICT; /* closed meanwhile, or not this lane's */
    if (err == KS_DB_OK && !((unsigned)need & ks_att_action_settles(d->action)))
        return KS_DB_ERR_INVALID;
    return err;
}

enum ks_db_error ks_att_store_decide(ks_att_store *store, const char *lane,
                                     const ks_att_decision *d)
{
    if (!ks_uuid_ok(d->uuid) || (d->request[0] && !ks_uuid_ok(d->request)) ||
        !ks_id_ok(d->staff, KS_ATT_STAFF_MAX) || !ks_att_action_name(d->action) ||
        (d->action == KS_DECIDE_VOID_LINE) != (d->line != 0))
        return KS_DB_ERR_INVALID;
    ks_db *db = store->db;
    enum ks_db_error err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    int64_t known = 0;
    ks_db_binder b = ks_db_bind(db, sql_decision_known);
    ks_db_bind_text(&b, d->uuid);
    err = ks_db_query_int(db, &b, &known);
    if (err == KS_DB_OK && !known)
        err = check_decision(db, lane, d);
    if (err == KS_DB_OK && !known) {
        b = ks_db_bind(db, sql_decide);
        ks_db_bind_text(&b, d->uuid);
        ks_db_bind_text(&b, lane);
        ks_db_bind_text(&b, d->request);
        ks_db_bind_int(&b, d->action);
        ks_db_bind_int(&b, d->line);
        ks_db_bind_text(&b, d->staff);
        ks_db_bind_int(&b, d->decided_at);
        err = ks_db_exec(db, &b);
        if (err == KS_DB_ERR_CONSTRAINT)
            err = KS_DB_ERR_CONFLICT; /* another attendant decided it first */
    }
    return ks_db_end(db, err);
}

struct lanes_ctx {
    ks_att_lane *out;
    size_t n;
};

static enum ks_db_error lane_row(sqlite3_stmt *stmt, void *ctx)
{
    struct lanes_ctx *c = ctx;
    ks_att_lane *l = &c->out[c->n];
    memset(l, 0, sizeof *l);
    if (!ks_db_column_copy(stmt, 0, l->report.lane_id, sizeof l->report.lane_id))
        return KS_DB_ERR_CORRUPT;
    l->report.activity = (enum ks_att_activity)sqlite3_column_int(stmt, 1);
    l->report.faults = (unsigned)sqlite3_column_int(stmt, 2);
    l->report.items = (uint32_t)sqlite3_column_int64(stmt, 3);
    l->report.total = sqlite3_column_int64(stmt, 4);
    l->seen_at_ms = sqlite3_column_int64(stmt, 5);
    l->pending = (size_t)sqlite3_column_int64(stmt, 6);
    c->n++;
    return KS_DB_OK;
}

enum ks_db_error ks_att_store_lanes(ks_att_store *store, ks_att_lane *out, size_t max, size_t *n)
{
    *n = 0;
    ks_db *db = store->db;
    enum ks_db_error err = ks_db_begin_read(db);
    if (err != KS_DB_OK)
        return err;
    struct lanes_ctx c = {out, 0};
    ks_db_binder b = ks_db_bind(db, sql_lanes);
    ks_db_bind_int(&b, (int64_t)max);
    err = ks_db_query(db, &b, lane_row, &c, NULL);
    for (size_t i = 0; i < c.n && err == KS_DB_OK; i++) {
        b = ks_db_bind(db, sql_open_requests);
        ks_db_bind_text(&b, out[i].report.lane_id);
        ks_db_bind_int(&b, KS_ATT_MAX_REQUESTS);
        err = ks_db_query(db, &b, ks_att_request_row, &out[i].report, NULL);
    }
    err = ks_db_end(db, err);
    if (err == KS_DB_OK)
        *n = c.n;
    return err;
}

enum ks_db_error ks_att_store_applied_at(ks_att_store *store, const char *uuid, int64_t *at_ms)
{
    ks_db_binder b = ks_db_bind(store->db, sql_applied_at);
    ks_db_bind_text(&b, uuid);
    return ks_db_query_int(store->db, &b, at_ms);
}
