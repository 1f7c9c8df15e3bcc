/* Refunds in SQLite: see refund_store.h. */
#define LOG_TAG "refund_store"
#include "kiosk/store/refund_store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/store/office_refund_store.h"
#include "kiosk/common/uuid.h"
#include "kiosk/store/order_store.h"

#define REFUND_COLUMNS                                                                             \
    "id, order_uuid, status, method, amount, reason, staff, attempt, terminal_ref, last_error,\n"  \
    "    created_at, updated_at, via\n"

static const char sql_insert[] =
    "INSERT INTO refunds (id, order_uuid, status, method, amount, reason, staff, created_at,\n"
    "    updated_at) VALUES (?, ?, 'requested', ?, ?, ?, ?, ?, ?)";
static const char sql_insert_line[] =
    "INSERT INTO refund_lines (refund_id, line_no, quantity) VALUES (?, ?, ?)";
static const char sql_load[] = "SELECT " REFUND_COLUMNS "FROM refunds WHERE id = ?";
static const char sql_lines[] =
    "SELECT line_no, quantity FROM refund_lines WHERE refund_id = ? ORDER BY line_no";
/* The quantities of the order's lines given back by its refunds recorded before `before`
 * (a rowid; every refund when it is the largest rowid). */
static const char sql_earlier[] =
    "SELECT l.line_no, sum(l.quantity) FROM refund_lines l JOIN refunds r ON r.id = l.refund_id\n"
    "WHERE r.order_uuid = ? AND r.rowid < ? AND r.status <> 'cancelled' GROUP BY l.line_no";
static const char sql_rowid[] = "SELECT rowid FROM refunds WHERE id = ?";
/* The way money goes back is chosen at the first request and never changes. */
static const char sql_attempt[] =
    "UPDATE refunds SET attempt = attempt + 1, via = ?, updated_at = ?\n"
    "WHERE id = ? AND status = 'requested' AND method = 'card' AND via IN ('', ?)";
static const char sql_note[] =
    "UPDATE refunds SET last_error = ?, updated_at = ? WHERE id = ? AND status = 'requested'";
static const char sql_given_back[] =
    "UPDATE refunds SET status = 'given_back', terminal_ref = ?, last_error = '', updated_at = ?\n"
    "WHERE id = ? AND status = 'requested'";
static const char sql_cancel[] = "UPDATE refunds SET status = 'cancelled', updated_at = ?\n"
                                 "WHERE id = ? AND status = 'requested'";
/* The order's refunds after this one that still count. */
static const char sql_later[] =
    "SELECT count(*) FROM refunds r JOIN refunds me ON me.id = ? AND r.order_uuid = me.order_uuid\n"
    "WHERE r.rowid > me.rowid AND r.status <> 'cancelled'";
static const char sql_done[] = "UPDATE refunds SET status = 'done', updated_at = ?\n"
                               "WHERE id = ? AND status = 'given_back'";
static const char sql_unfinished[] =
    "SELECT " REFUND_COLUMNS "FROM refunds\n"
    "WHERE status = 'given_back' OR (status = 'requested' AND attempt > 0)\n"
    "ORDER BY created_at, rowid LIMIT ?";
static const char sql_for_order[] =
    "SELECT " REFUND_COLUMNS "FROM refunds WHERE order_uuid = ? ORDER BY rowid LIMIT ?";
static const char sql_given_sum[] = "SELECT coalesce(sum(amount), 0) FROM refunds\n"
                                    "WHERE order_uuid = ? AND status IN ('given_back', 'done')";

static const char *const status_names[] = {
    [KS_REFUND_REQUESTED] = "requested",
    [KS_REFUND_GIVEN_BACK] = "given_back",
    [KS_REFUND_DONE] = "done",
    [KS_REFUND_CANCELLED] = "cancelled",
};
static const char *const method_names[] = {[KS_REFUND_CARD] = "card", [KS_REFUND_CASH] = "cash"};
static const char *const via_names[] = {
    [KS_REFUND_VIA_NONE] = "",
    [KS_REFUND_VIA_REVERSAL] = "reversal",
    [KS_REFUND_VIA_TERMINAL_REFUND] = "refund",
};

const char *ks_refund_status_name(enum ks_refund_status status)
{
    return (unsigned)status < 4 ? status_names[status] : "?";
}

const char *ks_refund_method_name(enum ks_refund_method method)
{
    return (unsigned)method < 2 ? method_names[method] : "?";
}

static enum ks_db_error read_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_refund_row *row = ctx;
    int status = 0, method = 0, via = 0;
    bool ok = ks_db_column_copy(stmt, 0, row->id, sizeof row->id) &&
              ks_db_column_copy(stmt, 1, row->order_uuid, sizeof row->order_uuid) &&
              ks_db_parse_name(status_names, 4, ks_db_column_text(stmt, 2), &status) &&
              ks_db_parse_name(method_names, 2, ks_db_column_text(stmt, 3), &method) &&
              ks_db_column_copy(stmt, 5, row->reason, sizeof row->reason) &&
              ks_db_column_copy(stmt, 6, row->staff, sizeof row->staff) &&
              ks_db_column_copy(stmt, 8, row->terminal_ref, sizeof row->terminal_ref) &&
              ks_db_column_copy(stmt, 9, row->last_error, sizeof row->last_error) &&
              ks_db_parse_name(via_names, 3, ks_db_column_text(stmt, 12), &via);
    row->via = (enum ks_refund_via)via;
    row->status = (enum ks_refund_status)status;
    row->method = (enum ks_refund_method)method;
    row->amount = sqlite3_column_int64(stmt, 4);
    row->attempt = sqlite3_column_int(stmt, 7);
    row->created_at = sqlite3_column_int64(stmt, 10);
    row->updated_at = sqlite3_column_int64(stmt, 11);
    return ok ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

struct rows {
    ks_refund_row *out;
    size_t max, n;
};

static enum ks_db_error add_row(sqlite3_stmt *stmt, void *ctx)
{
    struct rows *r = ctx;
    if (r->n >= r->max)
        return KS_DB_OK;
    enum ks_db_error err = read_row(stmt, &r->out[r->n]);
    if (err == KS_DB_OK)
        r->n++;
    return err;
}

enum ks_db_error ks_refund_store_load(ks_db *db, const char *id, ks_refund_row *out)
{
    memset(out, 0, sizeof *out);
    if (!ks_uuid_ok(id))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_load);
    ks_db_bind_text(&b, id);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, &b, read_row, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

/* Quantities per line: [line_no] += quantity, for line_no < n. */
struct per_line {
    int32_t *quantity;
    size_t n;
    ks_refund_pick *picks; /* sql_lines: also listed here, up to max */
    size_t max, n_picks;
};

static enum ks_db_error add_quantity(sqlite3_stmt *stmt, void *ctx)
{
    struct per_line *p = ctx;
    int64_t line = sqlite3_column_int64(stmt, 0), quantity = sqlite3_column_int64(stmt, 1);
    if (line < 0 || quantity <= 0 || quantity > INT32_MAX)
        return KS_DB_ERR_CORRUPT;
    if (p->quantity && (size_t)line < p->n)
        p->quantity[line] += (int32_t)quantity;
    if (p->picks && p->n_picks < p->max)
        p->picks[p->n_picks++] = (ks_refund_pick){(int32_t)line, (int32_t)quantity};
    return KS_DB_OK;
}

enum ks_db_error ks_refund_store_picks(ks_db *db, const char *id, ks_refund_pick *picks, size_t max,
                                       size_t *n)
{
    struct per_line p = {.picks = picks, .max = max};
    ks_db_binder b = ks_db_bind(db, sql_lines);
    ks_db_bind_text(&b, id);
    enum ks_db_error err = ks_db_query(db, &b, add_quantity, &p, NULL);
    *n = p.n_picks;
    return err;
}

/* What the order's refunds recorded before rowid `before` gave back of each line. */
static enum ks_db_error earlier_quantities(ks_db *db, const ks_order *order, int64_t before,
                                           int32_t *quantity)
{
    struct per_line p = {.quantity = quantity, .n = order->n_lines};
    ks_db_binder b = ks_db_bind(db, sql_earlier);
    ks_db_bind_text(&b, order->uuid);
    ks_db_bind_int(&b, before);
    return ks_db_query(db, &b, add_quantity, &p, NULL);
}

enum ks_db_error ks_refund_store_refunded(ks_db *db, const ks_order *order, int32_t *quantity)
{
    memset(quantity, 0, order->n_lines * sizeof *quantity);
    return earlier_quantities(db, order, INT64_MAX, quantity);
}

static bool request_ok(const ks_refund_request *req)
{
    return ks_uuid_ok(req->id) && ks_uuid_ok(req->order_uuid) &&
           (req->method == KS_REFUND_CARD || req->method == KS_REFUND_CASH) &&
           ks_db_text_clean(req->reason, 1, KS_REFUND_REASON_MAX) &&
           ks_db_text_clean(req->staff, 0, KS_REFUND_STAFF_MAX) && req->picks && req->n_picks > 0 &&
           req->n_picks <= KS_REFUND_LINES_MAX;
}

static int pick_order(const void *a, const void *b)
{
    const ks_refund_pick *x = a, *y = b;
    return (x->line_no > y->line_no) - (x->line_no < y->line_no);
}

/* True when the stored refund row (and its picks) is what req asks for. */
static bool same_refund(ks_db *db, const ks_refund_row *row, const ks_refund_request *req)
{
    if (strcmp(row->order_uuid, req->order_uuid) != 0 || row->method != req->method ||
        strcmp(row->reason, req->reason) != 0)
        return false;
    ks_refund_pick stored[KS_REFUND_LINES_MAX], asked[KS_REFUND_LINES_MAX];
    size_t n = 0;
    if (ks_refund_store_picks(db, row->id, stored, KS_REFUND_LINES_MAX, &n) != KS_DB_OK ||
        n != req->n_picks)
        return false;
    memcpy(asked, req->picks, n * sizeof *asked);
    qsort(asked, n, sizeof *asked, pick_order);
    return memcmp(stored, asked, n * sizeof *asked) == 0;
}

/* Inside the transaction: computes and inserts the refund of order. */
static enum ks_db_error insert(ks_db *db, const ks_refund_request *req, ks_order *order,
                               int64_t now, enum ks_refund_error *refusal)
{
    enum ks_db_error err = ks_order_store_status(db, order->uuid, &order->status);
    int32_t *before = calloc(order->n_lines ? order->n_lines : 1, sizeof *before);
    if (err == KS_DB_OK && !before)
        err = KS_DB_ERR_NO_MEMORY;
    if (err == KS_DB_OK)
        err = earlier_quantities(db, order, INT64_MAX, before);
    ks_order *part = NULL;
    if (err == KS_DB_OK) {
        *refusal = ks_refund_window_open(order, now, req->window_s)
                       ? ks_refund_build(order, before, req->picks, req->n_picks, &part)
                       : KS_REFUND_PAST_WINDOW;
        if (*refusal != KS_REFUND_OK)
            err = *refusal == KS_REFUND_NO_MEMORY ? KS_DB_ERR_NO_MEMORY : KS_DB_ERR_INVALID;
    }
    free(before);
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, sql_insert);
        ks_db_bind_text(&b, req->id);
        ks_db_bind_text(&b, req->order_uuid);
        ks_db_bind_text(&b, ks_refund_method_name(req->method));
        ks_db_bind_int(&b, part->total);
        ks_db_bind_text(&b, req->reason);
        ks_db_bind_text(&b, req->staff);
        ks_db_bind_int(&b, now);
        ks_db_bind_int(&b, now);
        err = ks_db_exec(db, &b);
    }
    for (size_t i = 0; err == KS_DB_OK && i < req->n_picks; i++) {
        ks_db_binder b = ks_db_bind(db, sql_insert_line);
        ks_db_bind_text(&b, req->id);
        ks_db_bind_int(&b, req->picks[i].line_no);
        ks_db_bind_int(&b, req->picks[i].quantity);
        err = ks_db_exec(db, &b);
    }
    if (err == KS_DB_OK)
        LOG_INFO("refund %s of order %s requested: %" PRId64 " (%s)", req->id, req->order_uuid,
                 part->total, ks_refund_method_name(req->method));
    ks_order_free(part);
    return err;
}

enum ks_db_error ks_refund_store_request(ks_db *db, const ks_refund_request *req, int64_t now,
                                         ks_refund_row *out, enum ks_refund_error *refusal)
{
    enum ks_refund_error ignored = KS_REFUND_OK;
    if (!refusal)
        refusal = &ignored;
    *refusal = KS_REFUND_OK;
    memset(out, 0, sizeof *out);
    if (!request_ok(req))
        return KS_DB_ERR_INVALID;
    /* An order's lines never change once stored: read outside the transaction. */
    ks_order *order = NULL;
    enum ks_db_error err = ks_order_store_load(db, req->order_uuid, &order);
    if (err != KS_DB_OK)
        return err;
    err = ks_db_begin(db);
    if (err == KS_DB_OK) {
        err = ks_refund_store_load(db, req->id, out);
        if (err == KS_DB_OK)
            err = same_refund(db, out, req) ? KS_DB_OK : KS_DB_ERR_CONFLICT;
        else if (err == KS_DB_ERR_NOT_FOUND)
            err = insert(db, req, order, now, refusal);
    }
    err = ks_db_end(db, err);
    ks_order_free(order);
    if (err == KS_DB_OK && !out->id[0])
        err = ks_refund_store_load(db, req->id, out);
    return err;
}

enum ks_db_error ks_refund_store_part(ks_db *db, const char *id, const ks_order *order,
                                      ks_order **out)
{
    *out = NULL;
    ks_refund_pick picks[KS_REFUND_LINES_MAX];
    size_t n = 0;
    int64_t rowid = 0;
    int32_t *before = calloc(order->n_lines ? order->n_lines : 1, sizeof *before);
    if (!before)
        return KS_DB_ERR_NO_MEMORY;
    ks_db_binder b = ks_db_bind(db, sql_rowid);
    ks_db_bind_text(&b, id);
    enum ks_db_error err = ks_db_query_int(db, &b, &rowid);
    if (err == KS_DB_OK)
        err = ks_refund_store_picks(db, id, picks, KS_REFUND_LINES_MAX, &n);
    if (err == KS_DB_OK)
        err = earlier_quantities(db, order, rowid, before);
    if (err == KS_DB_OK) {
        enum ks_refund_error r = ks_refund_build(order, before, picks, n, out);
        if (r != KS_REFUND_OK) {
            LOG_ERROR("refund %s: its part of order %s: %s", id, order->uuid,
                      ks_refund_strerror(r));
            err = r == KS_REFUND_NO_MEMORY ? KS_DB_ERR_NO_MEMORY : KS_DB_ERR_CORRUPT;
        }
    }
    free(before);
    return err;
}

void ks_refund_sale_id(const ks_refund_row *row, char sale_id[KS_REFUND_SALE_ID_MAX + 1])
{
    sale_id[0] = '\0';
    if (row->attempt > 0)
        snprintf(sale_id, KS_REFUND_SALE_ID_MAX + 1, "%s.%" PRId32, row->id, row->attempt);
}

/* Runs an UPDATE of one requested/given_back row; ILLEGAL_TRANSITION when it changed none. */
static enum ks_db_error update_one(ks_db *db, ks_db_binder *b, const char *id)
{
    enum ks_db_error err = ks_db_exec(db, b);
    if (err == KS_DB_OK && ks_db_changes(db) == 0) {
        ks_refund_row row;
        err = ks_refund_store_load(db, id, &row);
        if (err == KS_DB_OK)
            err = KS_DB_ERR_ILLEGAL_TRANSITION;
    }
    return err;
}

enum ks_db_error ks_refund_store_next_attempt(ks_db *db, const char *id, enum ks_refund_via via,
                                              int64_t now, char sale_id[KS_REFUND_SALE_ID_MAX + 1])
{
    sale_id[0] = '\0';
    if (!ks_uuid_ok(id) || (via != KS_REFUND_VIA_REVERSAL && via != KS_REFUND_VIA_TERMINAL_REFUND))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_attempt);
    ks_db_bind_text(&b, via_names[via]);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, id);
    ks_db_bind_text(&b, via_names[via]);
    enum ks_db_error err = update_one(db, &b, id);
    ks_refund_row row;
    if (err == KS_DB_OK)
        err = ks_refund_store_load(db, id, &row);
    if (err == KS_DB_OK)
        ks_refund_sale_id(&row, sale_id);
    return err;
}

enum ks_db_error ks_refund_store_note(ks_db *db, const char *id, const char *error, int64_t now)
{
    char cut[KS_REFUND_ERROR_MAX + 1];
    snprintf(cut, sizeof cut, "%s", error ? error : "");
    ks_db_binder b = ks_db_bind(db, sql_note);
    ks_db_bind_text(&b, cut);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, id);
    return update_one(db, &b, id);
}

enum ks_db_error ks_refund_store_given_back_locked(ks_db *db, const char *id,
                                                   const char *terminal_ref, int64_t now)
{
    if (!terminal_ref || strlen(terminal_ref) > 64)
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_given_back);
    ks_db_bind_text(&b, terminal_ref);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, id);
    return update_one(db, &b, id);
}

enum ks_db_error ks_refund_store_cancel(ks_db *db, const char *id, int64_t now)
{
    if (!ks_uuid_ok(id))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(db);
    int64_t later = 0;
    if (err == KS_DB_OK) {
        ks_db_binder q = ks_db_bind(db, sql_later);
        ks_db_bind_text(&q, id);
        err = ks_db_query_int(db, &q, &later);
    }
    if (err == KS_DB_OK && later > 0)
        err = KS_DB_ERR_ILLEGAL_TRANSITION;
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, sql_cancel);
        ks_db_bind_int(&b, now);
        ks_db_bind_text(&b, id);
        err = update_one(db, &b, id);
    }
    /* A refund the back office asked for: the back office hears it will not be given. */
    if (err == KS_DB_OK)
        err = ks_office_refund_store_refuse_refund_locked(db, id, "cancelled by staff at the kiosk",
                                                          now);
    err = ks_db_end(db, err);
    if (err == KS_DB_OK)
        LOG_INFO("refund %s cancelled by staff", id);
    return err;
}

enum ks_db_error ks_refund_store_done_locked(ks_db *db, const char *id, int64_t now)
{
    ks_db_binder b = ks_db_bind(db, sql_done);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, id);
    return update_one(db, &b, id);
}

/* The rows of sql, bound to key (NULL: none) and then max, up to max into out. */
static enum ks_db_error list(ks_db *db, const char *sql, const char *key, ks_refund_row *out,
                             size_t max, size_t *n)
{
    struct rows r = {.out = out, .max = max};
    ks_db_binder b = ks_db_bind(db, sql);
    if (key)
        ks_db_bind_text(&b, key);
    ks_db_bind_int(&b, (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, add_row, &r, NULL);
    *n = r.n;
    return err;
}

enum ks_db_error ks_refund_store_find_unfinished(ks_db *db, ks_refund_row *out, size_t max,
                                                 size_t *n)
{
    return list(db, sql_unfinished, NULL, out, max, n);
}

enum ks_db_error ks_refund_store_list_for_order(ks_db *db, const char *order_uuid,
                                                ks_refund_row *out, size_t max, size_t *n,
                                                ks_money *given_back)
{
    *n = 0;
    if (!ks_uuid_ok(order_uuid))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = list(db, sql_for_order, order_uuid, out, max, n);
    if (err == KS_DB_OK && given_back) {
        ks_db_binder s = ks_db_bind(db, sql_given_sum);
        ks_db_bind_text(&s, order_uuid);
        err = ks_db_query_int(db, &s, given_back);
    }
    return err;
}
