/* The order outbox and its retry schedule: see kiosk/store/outbox.h. */
#define LOG_TAG "outbox"
#include "kiosk/store/outbox.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"

/* Failure texts longer than this are cut: they are for people reading the staff screen. */
#define ERROR_TEXT_MAX 512

static const char sql_enqueue[] =
    "INSERT INTO outbox (order_uuid, destination, payload, created_at, next_attempt_at, path)\n"
    "VALUES (?, ?, ?, ?4, ?4, ?)";

static const char sql_fetch_due[] =
    "SELECT id, order_uuid, destination, payload, created_at, attempts, path\n"
    "FROM outbox\n"
    "WHERE destination = ? AND next_attempt_at <= ? AND delivered_at IS NULL\n"
    "ORDER BY next_attempt_at, id\n"
    "LIMIT ?";

static const char sql_mark_delivered[] =
    "UPDATE outbox SET delivered_at = coalesce(delivered_at, ?) WHERE id = ?";

static const char sql_attempts[] =
    "SELECT attempts FROM outbox WHERE id = ? AND delivered_at IS NULL";

static const char sql_mark_failed[] =
    "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = substr(?, 1, ?)\n"
    "WHERE id = ?";

static const char sql_mark_dead[] =
    "UPDATE outbox SET attempts = min(attempts + 1, 2147483647), next_attempt_at = ?,\n"
    "    last_error = substr(?, 1, ?)\n"
    "WHERE id = ? AND delivered_at IS NULL";

static const char sql_next_due[] =
    "SELECT min(next_attempt_at) FROM outbox\n"
    "WHERE destination = ? AND delivered_at IS NULL AND next_attempt_at < ?\n"
    "HAVING count(*) > 0";

static const char sql_count_undelivered[] =
    "SELECT count(*) FROM outbox WHERE delivered_at IS NULL";

/* NULL, "", or segments of [a-z0-9_-] joined by single '/', at most KS_OUTBOX_PATH_MAX bytes. */
static bool path_ok(const char *path)
{
    if (!path || !path[0])
        return true;
    if (!ks_db_text_ok(path, KS_OUTBOX_PATH_MAX) || path[0] == '/')
        return false;
    for (const char *c = path; *c; c++) {
        bool word = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-';
        if (!word && !(*c == '/' && c[1] && c[1] != '/'))
            return false;
    }
    return true;
}

static bool destination_ok(const char *destination)
{
    if (!ks_db_text_ok(destination, KS_OUTBOX_DESTINATION_MAX))
        return false;
    for (const char *c = destination; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
            return false;
    return true;
}

enum ks_db_error ks_outbox_enqueue(ks_db *db, const char *order_uuid,
                                   const ks_outbox_message *message, int64_t now)
{
    if (!ks_uuid_ok(order_uuid) || !message || !destination_ok(message->destination) ||
        !ks_db_text_ok(message->payload, KS_OUTBOX_PAYLOAD_MAX) || !path_ok(message->path)) {
        LOG_ERROR("refusing an outbox message with a bad order, destination, payload or path");
        return KS_DB_ERR_INVALID;
    }
    ks_db_binder b = ks_db_bind(db, sql_enqueue);
    ks_db_bind_text(&b, order_uuid);
    ks_db_bind_text(&b, message->destination);
    ks_db_bind_text(&b, message->payload);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, message->path);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_ERR_CONSTRAINT)
        LOG_ERROR("outbox message for %s refused: payload is not JSON or no such order",
                  order_uuid);
    return err;
}

void ks_outbox_rows_free(ks_outbox_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        free(rows[i].payload);
    free(rows);
}

struct fetch_ctx {
    ks_outbox_row *rows; /* max slots, zeroed */
    size_t n, max;
};

static enum ks_db_error add_row(sqlite3_stmt *stmt, void *ctx)
{
    struct fetch_ctx *c = ctx;
    if (c->n == c->max)
        return KS_DB_OK;
    ks_outbox_row *row = &c->rows[c->n++];
    row->id = sqlite3_column_int64(stmt, 0);
    row->created_at = sqlite3_column_int64(stmt, 4);
    row->attempts = sqlite3_column_int(stmt, 5);
    if (!ks_db_column_copy(stmt, 1, row->order_uuid, sizeof row->order_uuid) ||
        !ks_db_column_copy(stmt, 2, row->destination, sizeof row->destination) ||
        !ks_db_column_copy(stmt, 6, row->path, sizeof row->path)) {
        LOG_ERROR("outbox row %lld holds values this program never writes", (long long)row->id);
        return KS_DB_ERR_CORRUPT;
    }
    row->payload = strdup(ks_db_column_text(stmt, 3));
    return row->payload ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}

enum ks_db_error ks_outbox_fetch_due(ks_db *db, const char *destination, int64_t now, size_t max,
                                     ks_outbox_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (!destination_ok(destination)) {
        LOG_ERROR("fetching outbox messages: bad destination name");
        return KS_DB_ERR_INVALID;
    }
    if (max == 0)
        return KS_DB_OK;
    if (max > INT32_MAX)
        max = INT32_MAX;
    struct fetch_ctx fetched = {.rows = calloc(max, sizeof(ks_outbox_row)), .max = max};
    if (!fetched.rows)
        return KS_DB_ERR_NO_MEMORY;
    ks_db_binder b = ks_db_bind(db, sql_fetch_due);
    ks_db_bind_text(&b, destination);
    ks_db_bind_int(&b, now);
    ks_db_bind_int(&b, (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, add_row, &fetched, NULL);
    if (err != KS_DB_OK || fetched.n == 0) {
        ks_outbox_rows_free(fetched.rows, fetched.n);
        return err;
    }
    *rows = fetched.rows;
    *n = fetched.n;
    return KS_DB_OK;
}

enum ks_db_error ks_outbox_mark_delivered(ks_db *db, int64_t id, int64_t now)
{
    ks_db_binder b = ks_db_bind(db, sql_mark_delivered);
    ks_db_bind_int(&b, now);
    ks_db_bind_int(&b, id);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_OK && ks_db_changes(db) == 0)
        err = KS_DB_ERR_NOT_FOUND;
    return err;
}

int64_t ks_outbox_backoff_seconds(int32_t failures, uint32_t random)
{
    /* 2^6 = 64 is already past the cap; clamping first keeps the shift small. */
    int shift = failures < 1 ? 1 : failures > 6 ? 6 : failures;
    int64_t full = (int64_t)1 << shift;
    if (full > KS_OUTBOX_BACKOFF_MAX_S)
        full = KS_OUTBOX_BACKOFF_MAX_S;
    int64_t half = full / 2;
    return half + (int64_t)(random % (uint32_t)(full - half + 1));
}

/* The failure update, inside the caller's transaction. */
static enum ks_db_error mark_failed_locked(ks_db *db, int64_t id, int64_t now, const char *error,
                                           uint32_t random)
{
    int64_t attempts = 0;
    ks_db_binder b = ks_db_bind(db, sql_attempts);
    ks_db_bind_int(&b, id);
    enum ks_db_error err = ks_db_query_int(db, &b, &attempts);
    if (err != KS_DB_OK)
        return err;
    attempts = attempts < INT32_MAX ? attempts + 1 : attempts;
    b = ks_db_bind(db, sql_mark_failed);
    ks_db_bind_int(&b, attempts);
    ks_db_bind_int(&b, now + ks_outbox_backoff_seconds((int32_t)attempts, random));
    ks_db_bind_text(&b, error);
    ks_db_bind_int(&b, ERROR_TEXT_MAX);
    ks_db_bind_int(&b, id);
    return ks_db_exec(db, &b);
}

enum ks_db_error ks_outbox_mark_failed(ks_db *db, int64_t id, int64_t now, const char *error,
                                       uint32_t random)
{
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK)
        err = ks_db_end(db, mark_failed_locked(db, id, now, error, random));
    return err;
}

enum ks_db_error ks_outbox_mark_dead(ks_db *db, int64_t id, const char *error)
{
    ks_db_binder b = ks_db_bind(db, sql_mark_dead);
    ks_db_bind_int(&b, KS_OUTBOX_NEVER);
    ks_db_bind_text(&b, error);
    ks_db_bind_int(&b, ERROR_TEXT_MAX);
    ks_db_bind_int(&b, id);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_OK && ks_db_changes(db) == 0)
        err = KS_DB_ERR_NOT_FOUND;
    return err;
}

enum ks_db_error ks_outbox_next_due(ks_db *db, const char *destination, int64_t *at)
{
    *at = 0;
    if (!destination_ok(destination))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_next_due);
    ks_db_bind_text(&b, destination);
    ks_db_bind_int(&b, KS_OUTBOX_NEVER);
    return ks_db_query_int(db, &b, at);
}

enum ks_db_error ks_outbox_count_undelivered(ks_db *db, int64_t *count)
{
    *count = 0;
    ks_db_binder b = ks_db_bind(db, sql_count_undelivered);
    return ks_db_query_int(db, &b, count);
}
