/* The order outbox and its retry schedule: see kiosk/store/outbox.h. */
#define LOG_TAG "outbox"
#include "kiosk/store/outbox.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"

/* Failure texts longer than this are cut: they are for people reading the staff screen. */
#define ERROR_TEXT_MAX 512

/* Written only when the key is a stored order or staff action (schema step 21). */
static const char sql_enqueue[] =
    "INSERT INTO outbox (order_uuid, destination, payload, created_at, next_attempt_at, path,\n"
    "                    document, document_as, aside_unsent)\n"
    "SELECT ?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8\n"
    "WHERE EXISTS (SELECT 1 FROM orders WHERE uuid = ?1)\n"
    "   OR EXISTS (SELECT 1 FROM staff_audit WHERE uuid = ?1)";

/* A message and the document it names (NULL when none). */
#define ROW_SELECT                                                                                 \
    "SELECT o.id, o.order_uuid, o.destination, o.payload, o.created_at, o.attempts, o.path,\n"     \
    "       o.document_as, e.xml\n"                                                                \
    "FROM outbox o LEFT JOIN einvoices e ON e.icv = o.document\n"

static const char sql_fetch_due[] =
    ROW_SELECT "WHERE o.destination = ? AND o.next_attempt_at <= ? AND o.delivered_at IS NULL\n"
               "ORDER BY o.next_attempt_at, o.id\n"
               "LIMIT ?";

static const char sql_body[] = ROW_SELECT "WHERE o.id = ?";

/* outbox.document_as by enum ks_outbox_document. */
static const char *const document_names[] = {"", "invoice", "xml"};

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

/* A message set aside (next_attempt_at KS_OUTBOX_NEVER) counts as its aside_unsent says. */
static const char sql_count_undelivered[] =
    "SELECT count(*) FROM outbox WHERE delivered_at IS NULL\n"
    "AND (aside_unsent = 1 OR next_attempt_at <> ?)";

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
        !ks_db_text_ok(message->payload, KS_OUTBOX_PAYLOAD_MAX) || !path_ok(message->path) ||
        (unsigned)message->document_as > KS_OUTBOX_DOCUMENT_XML ||
        (message->document > 0) != (message->document_as != KS_OUTBOX_NO_DOCUMENT)) {
        LOG_ERROR("refusing an outbox message with a bad order, destination, payload or path");
        return KS_DB_ERR_INVALID;
    }
    ks_db_binder b = ks_db_bind(db, sql_enqueue);
    ks_db_bind_text(&b, order_uuid);
    ks_db_bind_text(&b, message->destination);
    ks_db_bind_text(&b, message->payload);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, message->path);
    if (message->document > 0)
        ks_db_bind_int(&b, message->document);
    else
        ks_db_bind_null(&b);
    ks_db_bind_text(&b, document_names[message->document_as]);
    ks_db_bind_int(&b, message->aside_not_unsent ? 0 : 1);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_OK && ks_db_changes(db) != 1)
        err = KS_DB_ERR_CONSTRAINT;
    if (err == KS_DB_ERR_CONSTRAINT)
        LOG_ERROR("outbox message for %s refused: payload is not JSON or no such order or staff "
                  "action",
                  order_uuid);
    return err;
}

void ks_outbox_rows_free(ks_outbox_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        free(rows[i].payload);
    free(rows);
}

char *ks_outbox_attach(const char *payload, enum ks_outbox_document as, const char *xml,
                       size_t xml_len)
{
    if (as == KS_OUTBOX_NO_DOCUMENT)
        return strdup(payload);
    json_t *body = json_loads(payload, 0, NULL);
    json_t *value = NULL;
    if (as == KS_OUTBOX_DOCUMENT_XML) {
        value = json_stringn(xml, xml_len);
    } else if (xml_len <= (size_t)INT32_MAX / 4 * 3 - 3) {
        char *b64 = malloc(4 * ((xml_len + 2) / 3) + 1);
        if (b64)
            EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)xml, (int)xml_len);
        value = b64 ? json_string(b64) : NULL;
        free(b64);
    }
    char *text = NULL;
    if (!json_is_object(body) || !value)
        json_decref(value);
    else if (json_object_set_new(body, document_names[as] /* the member's name */, value) == 0)
        text = json_dumps(body, JSON_COMPACT); /* set_new took value, also when it failed */
    json_decref(body);
    return text;
}

/* Columns 3 (payload), 7 (document_as) and 8 (the document) of ROW_SELECT as the body. */
static enum ks_db_error read_body(sqlite3_stmt *stmt, char **body, int64_t id)
{
    int as = KS_OUTBOX_NO_DOCUMENT;
    if (!ks_db_parse_name(document_names, 3, ks_db_column_text(stmt, 7), &as) ||
        (as != KS_OUTBOX_NO_DOCUMENT && sqlite3_column_type(stmt, 8) != SQLITE_BLOB)) {
        LOG_ERROR("outbox message %lld names a document it cannot have", (long long)id);
        return KS_DB_ERR_CORRUPT;
    }
    *body = ks_outbox_attach(ks_db_column_text(stmt, 3), (enum ks_outbox_document)as,
                             sqlite3_column_blob(stmt, 8), (size_t)sqlite3_column_bytes(stmt, 8));
    if (!*body && as != KS_OUTBOX_NO_DOCUMENT) {
        LOG_ERROR("outbox message %lld: its document does not fit its body", (long long)id);
        return KS_DB_ERR_CORRUPT;
    }
    return *body ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}

static enum ks_db_error read_one_body(sqlite3_stmt *stmt, void *ctx)
{
    return read_body(stmt, ctx, sqlite3_column_int64(stmt, 0));
}

enum ks_db_error ks_outbox_body(ks_db *db, int64_t id, char **body)
{
    *body = NULL;
    size_t rows = 0;
    ks_db_binder b = ks_db_bind(db, sql_body);
    ks_db_bind_int(&b, id);
    enum ks_db_error err = ks_db_query(db, &b, read_one_body, body, &rows);
    if (err == KS_DB_OK && rows == 0)
        err = KS_DB_ERR_NOT_FOUND;
    if (err != KS_DB_OK) {
        free(*body);
        *body = NULL;
    }
    return err;
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
    return read_body(stmt, &row->payload, row->id);
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
    ks_db_bind_int(&b, KS_OUTBOX_NEVER);
    return ks_db_query_int(db, &b, count);
}
