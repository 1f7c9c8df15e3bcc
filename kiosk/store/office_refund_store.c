/* Refunds the back office asked for: see kiosk/store/office_refund_store.h. */
#define LOG_TAG "office_refund"
#include "kiosk/store/office_refund_store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/refund_store.h"

#define COLUMNS                                                                                    \
    "request_id, order_uuid, refund_id, reason, person, status, refusal, asked_at, received_at,\n" \
    "    updated_at\n"

static const char sql_add[] =
    "INSERT INTO office_refunds (request_id, order_uuid, refund_id, reason, person, asked_at,\n"
    "    received_at, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?7, 'open', ?7)\n"
    "ON CONFLICT (request_id) DO NOTHING";
static const char sql_add_line[] =
    "INSERT INTO office_refund_lines (request_id, line_no, quantity) VALUES (?, ?, ?)";
static const char sql_load[] = "SELECT " COLUMNS "FROM office_refunds WHERE request_id = ?";
static const char sql_of_refund[] = "SELECT " COLUMNS "FROM office_refunds WHERE refund_id = ?";
static const char sql_lines[] = "SELECT line_no, quantity FROM office_refund_lines\n"
                                "WHERE request_id = ? ORDER BY line_no";
static const char sql_open[] = "SELECT " COLUMNS "FROM office_refunds WHERE status = 'open'\n"
                               "ORDER BY received_at, request_id LIMIT ?";
static const char sql_refuse[] =
    "UPDATE office_refunds SET status = 'refused', refusal = ?, updated_at = ?\n"
    "WHERE request_id = ? AND status = 'open'";
static const char sql_done[] = "UPDATE office_refunds SET status = 'done', updated_at = ?\n"
                               "WHERE request_id = ? AND status = 'open'";
static const char sql_order_here[] = "SELECT count(*) FROM orders WHERE uuid = ?";

static const char *const status_names[] = {
    [KS_OFFICE_REFUND_OPEN] = "open",
    [KS_OFFICE_REFUND_DONE] = "done",
    [KS_OFFICE_REFUND_REFUSED] = "refused",
};
#define STATUS_COUNT ((int)(sizeof status_names / sizeof status_names[0]))

static bool request_ok(const ks_office_refund *req)
{
    bool ok = ks_uuid_ok(req->request_id) && ks_uuid_ok(req->order_uuid) &&
              ks_db_text_clean(req->reason, 1, KS_REFUND_REASON_MAX) &&
              ks_db_text_clean(req->person, 0, KS_OFFICE_PERSON_MAX) && req->n_lines > 0 &&
              req->n_lines <= KS_REFUND_LINES_MAX;
    for (size_t i = 0; ok && i < req->n_lines; i++)
        ok = req->lines[i].line_no >= 0 && req->lines[i].quantity > 0 &&
             (i == 0 || req->lines[i].line_no > req->lines[i - 1].line_no);
    return ok;
}

static enum ks_db_error read_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_office_refund_row *r = ctx;
    int s = 0;
    if (!ks_db_parse_name(status_names, STATUS_COUNT, ks_db_column_text(stmt, 5), &s) ||
        !ks_db_column_copy(stmt, 0, r->request_id, 37) ||
        !ks_db_column_copy(stmt, 1, r->order_uuid, 37) ||
        !ks_db_column_copy(stmt, 2, r->refund_id, 37) ||
        !ks_db_column_copy(stmt, 3, r->reason, sizeof r->reason) ||
        !ks_db_column_copy(stmt, 4, r->person, sizeof r->person) ||
        !ks_db_column_copy(stmt, 6, r->refusal, sizeof r->refusal)) {
        LOG_ERROR("an office refund row holds values this program never writes");
        return KS_DB_ERR_CORRUPT;
    }
    r->status = (enum ks_office_refund_status)s;
    r->asked_at = sqlite3_column_int64(stmt, 7);
    r->received_at = sqlite3_column_int64(stmt, 8);
    r->updated_at = sqlite3_column_int64(stmt, 9);
    return KS_DB_OK;
}

/* The one row of sql bound to key into *out; KS_DB_ERR_NOT_FOUND when none. */
static enum ks_db_error load_by(ks_db *db, const char *sql, const char *key,
                                ks_office_refund_row *out)
{
    memset(out, 0, sizeof *out);
    if (!ks_uuid_ok(key))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql);
    ks_db_bind_text(&b, key);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, &b, read_row, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

enum ks_db_error ks_office_refund_store_load(ks_db *db, const char *request_id,
                                             ks_office_refund_row *out)
{
    return load_by(db, sql_load, request_id, out);
}

enum ks_db_error ks_office_refund_store_of_refund(ks_db *db, const char *refund_id,
                                                  ks_office_refund_row *out)
{
    return load_by(db, sql_of_refund, refund_id, out);
}

enum ks_db_error ks_office_refund_store_add(ks_db *db, const ks_office_refund *req,
                                            const char *refund_id, int64_t now,
                                            ks_office_refund_row *row, bool *added)
{
    *added = false;
    memset(row, 0, sizeof *row);
    if (!request_ok(req) || !ks_uuid_ok(refund_id))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, sql_add);
        ks_db_bind_text(&b, req->request_id);
        ks_db_bind_text(&b, req->order_uuid);
        ks_db_bind_text(&b, refund_id);
        ks_db_bind_text(&b, req->reason);
        ks_db_bind_text(&b, req->person);
        ks_db_bind_int(&b, req->asked_at);
        ks_db_bind_int(&b, now);
        err = ks_db_exec(db, &b);
        *added = err == KS_DB_OK && ks_db_changes(db) == 1;
    }
    for (size_t i = 0; *added && err == KS_DB_OK && i < req->n_lines; i++) {
        ks_db_binder b = ks_db_bind(db, sql_add_line);
        ks_db_bind_text(&b, req->request_id);
        ks_db_bind_int(&b, req->lines[i].line_no);
        ks_db_bind_int(&b, req->lines[i].quantity);
        err = ks_db_exec(db, &b);
    }
    err = ks_db_end(db, err);
    if (err != KS_DB_OK)
        *added = false;
    else if (*added)
        LOG_INFO("refund request %s of order %s from the back office (%s) stored", req->request_id,
                 req->order_uuid, req->person);
    return err == KS_DB_OK ? ks_office_refund_store_load(db, req->request_id, row) : err;
}

struct picks_out {
    ks_refund_pick *picks;
    size_t max, n;
};

static enum ks_db_error add_pick(sqlite3_stmt *stmt, void *ctx)
{
    struct picks_out *o = ctx;
    if (o->n < o->max)
        o->picks[o->n++] = (ks_refund_pick){.line_no = sqlite3_column_int(stmt, 0),
                                            .quantity = sqlite3_column_int(stmt, 1)};
    return KS_DB_OK;
}

enum ks_db_error ks_office_refund_store_lines(ks_db *db, const char *request_id,
                                              ks_refund_pick *picks, size_t max, size_t *n)
{
    *n = 0;
    if (!ks_uuid_ok(request_id))
        return KS_DB_ERR_INVALID;
    struct picks_out o = {picks, max, 0};
    ks_db_binder b = ks_db_bind(db, sql_lines);
    ks_db_bind_text(&b, request_id);
    enum ks_db_error err = ks_db_query(db, &b, add_pick, &o, NULL);
    *n = o.n;
    return err;
}

/* Inside the transaction: row's request refused, and its refusal queued when the order is here. */
static enum ks_db_error refuse_locked(ks_db *db, const ks_office_refund_row *row,
                                      const char *reason, int64_t now)
{
    ks_db_binder b = ks_db_bind(db, sql_refuse);
    ks_db_bind_text(&b, reason);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, row->request_id);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_OK && ks_db_changes(db) != 1)
        return KS_DB_ERR_ILLEGAL_TRANSITION;
    int64_t here = 0;
    if (err == KS_DB_OK) {
        b = ks_db_bind(db, sql_order_here);
        ks_db_bind_text(&b, row->order_uuid);
        err = ks_db_query_int(db, &b, &here);
    }
    if (err != KS_DB_OK)
        return err;
    if (!here) {
        /* The outbox keeps messages of stored orders only: the back office keeps asking. */
        LOG_WARN("refund request %s names order %s, which is not stored here: refused here only",
                 row->request_id, row->order_uuid);
        return KS_DB_OK;
    }
    json_t *body = json_pack("{s:s}", "reason", reason);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    char path[KS_OUTBOX_PATH_MAX + 1];
    snprintf(path, sizeof path, "refund-requests/%s/refusal", row->request_id);
    const ks_outbox_message m = {
        .destination = KS_REFUND_DESTINATION, .payload = text, .path = path};
    err = text ? ks_outbox_enqueue(db, row->order_uuid, &m, now) : KS_DB_ERR_NO_MEMORY;
    free(text);
    if (err == KS_DB_OK)
        LOG_INFO("refund request %s refused: %s", row->request_id, reason);
    return err;
}

enum ks_db_error ks_office_refund_store_refuse(ks_db *db, const char *request_id,
                                               const char *reason, int64_t now)
{
    if (!ks_db_text_clean(reason, 1, KS_REFUND_REASON_MAX))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(db);
    ks_office_refund_row row;
    if (err == KS_DB_OK)
        err = load_by(db, sql_load, request_id, &row);
    if (err == KS_DB_OK)
        err = refuse_locked(db, &row, reason, now);
    return ks_db_end(db, err);
}

enum ks_db_error ks_office_refund_store_refuse_refund_locked(ks_db *db, const char *refund_id,
                                                             const char *reason, int64_t now)
{
    if (!ks_db_text_clean(reason, 1, KS_REFUND_REASON_MAX))
        return KS_DB_ERR_INVALID;
    ks_office_refund_row row;
    enum ks_db_error err = ks_office_refund_store_of_refund(db, refund_id, &row);
    if (err == KS_DB_ERR_NOT_FOUND)
        return KS_DB_OK;
    if (err == KS_DB_OK && row.status == KS_OFFICE_REFUND_OPEN)
        err = refuse_locked(db, &row, reason, now);
    return err;
}

enum ks_db_error ks_office_refund_store_done_locked(ks_db *db, const char *refund_id, int64_t now,
                                                    char request_id[37])
{
    request_id[0] = '\0';
    ks_office_refund_row row;
    enum ks_db_error err = ks_office_refund_store_of_refund(db, refund_id, &row);
    if (err == KS_DB_ERR_NOT_FOUND)
        return KS_DB_OK;
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, sql_done);
        ks_db_bind_int(&b, now);
        ks_db_bind_text(&b, row.request_id);
        err = ks_db_exec(db, &b);
    }
    if (err == KS_DB_OK)
        memcpy(request_id, row.request_id, 37);
    return err;
}

struct rows_out {
    ks_office_refund_row *rows;
    size_t max, n;
};

static enum ks_db_error add_row(sqlite3_stmt *stmt, void *ctx)
{
    struct rows_out *o = ctx;
    return o->n < o->max ? read_row(stmt, &o->rows[o->n++]) : KS_DB_OK;
}

enum ks_db_error ks_office_refund_store_list_open(ks_db *db, ks_office_refund_row *out, size_t max,
                                                  size_t *n)
{
    struct rows_out o = {out, max, 0};
    ks_db_binder b = ks_db_bind(db, sql_open);
    ks_db_bind_int(&b, (int64_t)(max > INT32_MAX ? INT32_MAX : max));
    enum ks_db_error err = ks_db_query(db, &b, add_row, &o, NULL);
    *n = o.n;
    return err;
}
