/* ZATCA's answers per invoice: see kiosk/store/zatca_report_store.h. */
#include "kiosk/store/zatca_report_store.h"

#include <sqlite3.h>
#include <stdio.h>

#include "kiosk/store/own_schema.h"

#define SCHEMA_VERSION 1
#define MESSAGES_MAX 1000

/* Version 1: one row per outbox message that got a final answer. */
static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS zatca_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS zatca_reports (\n"
    "    outbox_id   INTEGER PRIMARY KEY,\n"
    "    order_uuid  TEXT NOT NULL,\n"
    "    outcome     TEXT NOT NULL,\n"
    "    http_status INTEGER NOT NULL,\n"
    "    messages    TEXT NOT NULL,\n"
    "    at          INTEGER NOT NULL\n"
    ") STRICT",
};
static const char sql_version[] = "SELECT max(version) FROM zatca_schema HAVING count(*) > 0";
static const char sql_set_version[] = "INSERT INTO zatca_schema (version) VALUES (?)";

static const char sql_record[] =
    "INSERT INTO zatca_reports (outbox_id, order_uuid, outcome, http_status, messages, at)\n"
    "VALUES (?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT (outbox_id) DO UPDATE SET outcome = excluded.outcome,\n"
    "    http_status = excluded.http_status, messages = excluded.messages, at = excluded.at";
static const char sql_get[] = "SELECT outcome, messages FROM zatca_reports WHERE outbox_id = ?";
static const char sql_overdue[] =
    "SELECT count(*) FROM outbox WHERE destination = 'zatca' AND delivered_at IS NULL\n"
    "AND created_at <= ?";
static const char sql_refused[] =
    "SELECT count(*) FROM outbox o JOIN zatca_reports r ON r.outbox_id = o.id\n"
    "WHERE o.destination = 'zatca' AND o.delivered_at IS NULL AND r.outcome = 'not reported'";

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .sql_version = sql_version,
    .sql_set_version = sql_set_version,
    .version = SCHEMA_VERSION,
    .what = "zatca",
};

ks_db *ks_zatca_report_store_open(const char *path, enum ks_db_error *err)
{
    return ks_own_schema_open(path, &own_schema, err);
}

enum ks_db_error ks_zatca_report_record(ks_db *db, const ks_zatca_report *r)
{
    char messages[MESSAGES_MAX + 1];
    snprintf(messages, sizeof messages, "%s", r->messages ? r->messages : "");
    ks_db_binder b = ks_db_bind(db, sql_record);
    ks_db_bind_int(&b, r->outbox_id);
    ks_db_bind_text(&b, r->order_uuid);
    ks_db_bind_text(&b, r->outcome);
    ks_db_bind_int(&b, r->http_status);
    ks_db_bind_text(&b, messages);
    ks_db_bind_int(&b, r->at);
    return ks_db_exec(db, &b);
}

struct got {
    char *outcome, *messages;
};

static enum ks_db_error read_report(sqlite3_stmt *stmt, void *ctx)
{
    struct got *g = ctx;
    ks_db_column_copy(stmt, 0, g->outcome, 32);
    ks_db_column_copy(stmt, 1, g->messages, MESSAGES_MAX + 1);
    return KS_DB_OK;
}

enum ks_db_error ks_zatca_report_get(ks_db *db, int64_t outbox_id, char *outcome, char *messages)
{
    struct got g = {outcome, messages};
    size_t rows = 0;
    ks_db_binder b = ks_db_bind(db, sql_get);
    ks_db_bind_int(&b, outbox_id);
    enum ks_db_error err = ks_db_query(db, &b, read_report, &g, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

enum ks_db_error ks_zatca_report_count_overdue(ks_db *db, int64_t now, int64_t age_s,
                                               int64_t *count)
{
    ks_db_binder b = ks_db_bind(db, sql_overdue);
    ks_db_bind_int(&b, now - age_s);
    return ks_db_query_int(db, &b, count);
}

enum ks_db_error ks_zatca_report_count_refused(ks_db *db, int64_t *count)
{
    ks_db_binder b = ks_db_bind(db, sql_refused);
    return ks_db_query_int(db, &b, count);
}
