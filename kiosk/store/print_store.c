/* Print jobs on disk: see kiosk/store/print_store.h. */
#define LOG_TAG "print_store"
#include "kiosk/store/print_store.h"

#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"

#define JOB_COLUMNS                                                                                \
    "id, order_uuid, business_date, kind, status, attempts, last_error, created_at, printed_at, "  \
    "refund_id"

static const char sql_enqueue[] =
    "INSERT INTO print_jobs (order_uuid, kind, status, created_at) VALUES (?, ?, 'queued', ?)\n"
    "RETURNING id";

static const char sql_enqueue_refund[] =
    "INSERT INTO print_jobs (order_uuid, kind, status, created_at, refund_id)\n"
    "VALUES (?, 'refund', 'queued', ?, ?) RETURNING id";

static const char sql_enqueue_summary[] =
    "INSERT INTO print_jobs (business_date, kind, status, created_at)\n"
    "VALUES (?, 'summary', 'queued', ?) RETURNING id";

/* One statement, so two workers can never take the same job. */
static const char sql_claim_next[] =
    "UPDATE print_jobs SET status = 'printing', attempts = attempts + 1\n"
    "WHERE id = (SELECT id FROM print_jobs WHERE status = 'queued' ORDER BY id LIMIT 1)\n"
    "RETURNING " JOB_COLUMNS;

static const char sql_finish_printed[] =
    "UPDATE print_jobs SET status = 'printed', printed_at = ?, last_error = ''\n"
    "WHERE id = ? AND status = 'printing'";

static const char sql_finish_failed[] =
    "UPDATE print_jobs SET status = 'failed', last_error = substr(?, 1, ?)\n"
    "WHERE id = ? AND status = 'printing'";

static const char sql_requeue[] =
    "UPDATE print_jobs SET status = 'queued' WHERE id = ? AND status IN ('failed', 'printed')";

static const char sql_load[] = "SELECT " JOB_COLUMNS " FROM print_jobs WHERE id = ?";

static const char sql_recover[] =
    "UPDATE print_jobs SET status = 'queued',\n"
    "    last_error = 'interrupted by a restart while printing; printing again'\n"
    "WHERE status = 'printing'";

static const char sql_list_unprinted[] =
    "SELECT " JOB_COLUMNS " FROM print_jobs\n"
    "WHERE status IN ('queued', 'failed', 'printing') AND printed_at IS NULL\n"
    "ORDER BY id LIMIT ?";

static const char sql_order_printed[] =
    "SELECT count(*) FROM print_jobs\n"
    "WHERE order_uuid = ? AND kind = ? AND printed_at IS NOT NULL";

static const char sql_approved_payment[] =
    "SELECT sale_txn_id FROM payments WHERE order_uuid = ? AND status = 'approved'";

static const char *const kind_names[KS_PRINT_KIND_COUNT] = {
    [KS_PRINT_RECEIPT] = "receipt", [KS_PRINT_KITCHEN] = "kitchen", [KS_PRINT_COUNTER] = "counter",
    [KS_PRINT_SUMMARY] = "summary", [KS_PRINT_REFUND] = "refund",
};

static const char *const status_names[KS_PRINT_STATUS_COUNT] = {
    [KS_PRINT_QUEUED] = "queued",
    [KS_PRINT_PRINTING] = "printing",
    [KS_PRINT_PRINTED] = "printed",
    [KS_PRINT_FAILED] = "failed",
};

const char *ks_print_kind_name(enum ks_print_kind kind)
{
    return (unsigned)kind < KS_PRINT_KIND_COUNT ? kind_names[kind] : "invalid";
}

bool ks_print_kind_parse(const char *name, enum ks_print_kind *out)
{
    int i;
    if (!ks_db_parse_name(kind_names, KS_PRINT_KIND_COUNT, name, &i))
        return false;
    *out = (enum ks_print_kind)i;
    return true;
}

const char *ks_print_status_name(enum ks_print_status status)
{
    return (unsigned)status < KS_PRINT_STATUS_COUNT ? status_names[status] : "invalid";
}

bool ks_print_status_parse(const char *name, enum ks_print_status *out)
{
    int i;
    if (!ks_db_parse_name(status_names, KS_PRINT_STATUS_COUNT, name, &i))
        return false;
    *out = (enum ks_print_status)i;
    return true;
}

enum ks_db_error ks_print_store_enqueue(ks_db *db, const char *order_uuid, enum ks_print_kind kind,
                                        int64_t now, int64_t *id)
{
    if (!ks_uuid_ok(order_uuid) || (unsigned)kind >= KS_PRINT_KIND_COUNT ||
        kind == KS_PRINT_SUMMARY || kind == KS_PRINT_REFUND) {
        LOG_ERROR("refusing a print job with a bad order uuid or kind");
        return KS_DB_ERR_INVALID;
    }
    ks_db_binder b = ks_db_bind(db, sql_enqueue);
    ks_db_bind_text(&b, order_uuid);
    ks_db_bind_text(&b, kind_names[kind]);
    ks_db_bind_int(&b, now);
    int64_t new_id = 0;
    enum ks_db_error err = ks_db_query_int(db, &b, &new_id);
    if (err == KS_DB_ERR_CONSTRAINT)
        LOG_ERROR("print job for %s refused: no such order", order_uuid);
    if (err == KS_DB_OK && id)
        *id = new_id;
    return err;
}

enum ks_db_error ks_print_store_enqueue_refund(ks_db *db, const char *order_uuid,
                                               const char *refund_id, int64_t now, int64_t *id)
{
    if (!ks_uuid_ok(order_uuid) || !ks_uuid_ok(refund_id)) {
        LOG_ERROR("refusing a refund slip with a bad order or refund uuid");
        return KS_DB_ERR_INVALID;
    }
    ks_db_binder b = ks_db_bind(db, sql_enqueue_refund);
    ks_db_bind_text(&b, order_uuid);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, refund_id);
    int64_t new_id = 0;
    enum ks_db_error err = ks_db_query_int(db, &b, &new_id);
    if (err == KS_DB_OK && id)
        *id = new_id;
    return err;
}

enum ks_db_error ks_print_store_enqueue_summary(ks_db *db, const char *business_date, int64_t now,
                                                int64_t *id)
{
    if (!ks_business_date_ok(business_date)) {
        LOG_ERROR("refusing a summary print job with a malformed business date");
        return KS_DB_ERR_INVALID;
    }
    ks_db_binder b = ks_db_bind(db, sql_enqueue_summary);
    ks_db_bind_text(&b, business_date);
    ks_db_bind_int(&b, now);
    int64_t new_id = 0;
    enum ks_db_error err = ks_db_query_int(db, &b, &new_id);
    if (err == KS_DB_OK && id)
        *id = new_id;
    return err;
}

/* Reads a row of JOB_COLUMNS into the ks_print_job at ctx. */
static enum ks_db_error read_job(sqlite3_stmt *stmt, void *ctx)
{
    ks_print_job *job = ctx;
    memset(job, 0, sizeof *job);
    job->id = sqlite3_column_int64(stmt, 0);
    bool ok = ks_db_column_copy(stmt, 1, job->order_uuid, sizeof job->order_uuid) &&
              ks_db_column_copy(stmt, 2, job->business_date, sizeof job->business_date) &&
              ks_db_column_copy(stmt, 9, job->refund_id, sizeof job->refund_id) &&
              ks_print_kind_parse(ks_db_column_text(stmt, 3), &job->kind) &&
              ks_print_status_parse(ks_db_column_text(stmt, 4), &job->status);
    job->attempts = sqlite3_column_int(stmt, 5);
    /* An over-long error is cut rather than refused: it is only text for people. */
    const char *error = ks_db_column_text(stmt, 6);
    size_t len = strnlen(error, KS_PRINT_ERROR_MAX);
    memcpy(job->last_error, error, len);
    job->last_error[len] = '\0';
    job->created_at = sqlite3_column_int64(stmt, 7);
    job->printed_at = sqlite3_column_int64(stmt, 8); /* NULL reads as 0 */
    if (!ok) {
        LOG_ERROR("print job %lld holds data this program never wrote", (long long)job->id);
        return KS_DB_ERR_INTERNAL;
    }
    return KS_DB_OK;
}

enum ks_db_error ks_print_store_claim_next(ks_db *db, ks_print_job *out)
{
    ks_db_binder b = ks_db_bind(db, sql_claim_next);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, &b, read_job, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

enum ks_db_error ks_print_store_load(ks_db *db, int64_t id, ks_print_job *out)
{
    ks_db_binder b = ks_db_bind(db, sql_load);
    ks_db_bind_int(&b, id);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, &b, read_job, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

/* After an UPDATE that changed nothing: was it the status, or is there no such job? */
static enum ks_db_error unchanged(ks_db *db, int64_t id)
{
    ks_print_job job;
    enum ks_db_error err = ks_print_store_load(db, id, &job);
    return err == KS_DB_OK ? KS_DB_ERR_ILLEGAL_TRANSITION : err;
}

enum ks_db_error ks_print_store_finish(ks_db *db, int64_t id, bool printed, const char *error,
                                       int64_t now)
{
    ks_db_binder b = ks_db_bind(db, printed ? sql_finish_printed : sql_finish_failed);
    if (printed) {
        ks_db_bind_int(&b, now);
    } else {
        ks_db_bind_text(&b, error ? error : "");
        ks_db_bind_int(&b, KS_PRINT_ERROR_MAX);
    }
    ks_db_bind_int(&b, id);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_OK && ks_db_changes(db) == 0)
        err = unchanged(db, id);
    return err;
}

enum ks_db_error ks_print_store_requeue(ks_db *db, int64_t id)
{
    ks_print_job job;
    enum ks_db_error err = ks_print_store_load(db, id, &job);
    if (err != KS_DB_OK || job.status == KS_PRINT_QUEUED)
        return err;
    ks_db_binder b = ks_db_bind(db, sql_requeue);
    ks_db_bind_int(&b, id);
    err = ks_db_exec(db, &b);
    if (err == KS_DB_OK && ks_db_changes(db) == 0)
        err = unchanged(db, id);
    return err;
}

enum ks_db_error ks_print_store_recover(ks_db *db, size_t *n)
{
    ks_db_binder b = ks_db_bind(db, sql_recover);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (n)
        *n = err == KS_DB_OK ? (size_t)ks_db_changes(db) : 0;
    return err;
}

struct list_ctx {
    ks_print_job *out;
    size_t n, max;
};

static enum ks_db_error add_job(sqlite3_stmt *stmt, void *ctx)
{
    struct list_ctx *l = ctx;
    if (l->n == l->max)
        return KS_DB_OK;
    enum ks_db_error err = read_job(stmt, &l->out[l->n]);
    if (err == KS_DB_OK)
        l->n++;
    return err;
}

enum ks_db_error ks_print_store_list_unprinted(ks_db *db, ks_print_job *out, size_t max, size_t *n)
{
    struct list_ctx l = {.out = out, .max = max};
    ks_db_binder b = ks_db_bind(db, sql_list_unprinted);
    ks_db_bind_int(&b, (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, add_job, &l, NULL);
    *n = l.n;
    return err;
}

enum ks_db_error ks_print_store_order_printed(ks_db *db, const char *order_uuid,
                                              enum ks_print_kind kind, bool *printed)
{
    *printed = false;
    if (!ks_uuid_ok(order_uuid) || (unsigned)kind >= KS_PRINT_KIND_COUNT)
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_order_printed);
    ks_db_bind_text(&b, order_uuid);
    ks_db_bind_text(&b, kind_names[kind]);
    int64_t count = 0;
    enum ks_db_error err = ks_db_query_int(db, &b, &count);
    *printed = err == KS_DB_OK && count > 0;
    return err;
}

static enum ks_db_error read_sale_id(sqlite3_stmt *stmt, void *ctx)
{
    char *sale_id = ctx; /* sizeof ks_payment.sale_txn_id bytes */
    return ks_db_column_copy(stmt, 0, sale_id, sizeof((ks_payment *)0)->sale_txn_id)
               ? KS_DB_OK
               : KS_DB_ERR_INTERNAL;
}

enum ks_db_error ks_print_store_payment_of(ks_db *db, const char *order_uuid, ks_payment *out)
{
    if (!ks_uuid_ok(order_uuid))
        return KS_DB_ERR_INVALID;
    char sale_id[sizeof out->sale_txn_id];
    ks_db_binder b = ks_db_bind(db, sql_approved_payment);
    ks_db_bind_text(&b, order_uuid);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, &b, read_sale_id, sale_id, &rows);
    if (err != KS_DB_OK)
        return err;
    if (rows == 0)
        return KS_DB_ERR_NOT_FOUND;
    return ks_payment_store_load(db, sale_id, out);
}
