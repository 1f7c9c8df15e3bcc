/* The e-invoice chain in SQLite: see einvoice_store.h. */
#define LOG_TAG "einvoice_store"
#include "kiosk/store/einvoice_store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"

static const char sql_head[] = "SELECT icv, hash FROM einvoices ORDER BY icv DESC LIMIT 1";
static const char sql_insert[] =
    "INSERT INTO einvoices (icv, uuid, number, order_uuid, kind, issued_at, pih, hash, qr, xml,"
    " refund_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
#define ROW_COLUMNS                                                                                \
    "SELECT icv, uuid, number, order_uuid, kind, issued_at, pih, hash, qr, refund_id"
static const char sql_find[] =
    ROW_COLUMNS " FROM einvoices WHERE order_uuid = ? AND kind = ? AND refund_id = ''";
static const char sql_find_refund[] = ROW_COLUMNS " FROM einvoices WHERE refund_id = ?";
static const char sql_find_qr[] = ROW_COLUMNS " FROM einvoices WHERE qr = ? AND kind = 388";
static const char sql_xml[] = "SELECT xml FROM einvoices WHERE icv = ?";
static const char sql_chain[] = "SELECT icv, pih, hash FROM einvoices ORDER BY icv";
static const char sql_pruned[] = "SELECT pruned_icv FROM retention";

struct head {
    int64_t icv;
    char *hash;
};

static enum ks_db_error read_head(sqlite3_stmt *stmt, void *ctx)
{
    struct head *h = ctx;
    h->icv = sqlite3_column_int64(stmt, 0);
    return ks_db_column_copy(stmt, 1, h->hash, KS_EINVOICE_HASH_TEXT) ? KS_DB_OK
                                                                      : KS_DB_ERR_CORRUPT;
}

enum ks_db_error ks_einvoice_store_head(ks_db *db, int64_t *icv, char hash[KS_EINVOICE_HASH_TEXT])
{
    struct head h = {.icv = 0, .hash = hash};
    hash[0] = '\0';
    ks_db_binder b = ks_db_bind(db, sql_head);
    enum ks_db_error err = ks_db_query(db, &b, read_head, &h, NULL);
    *icv = err == KS_DB_OK ? h.icv : 0;
    return err;
}

static bool row_ok(const ks_einvoice_row *row)
{
    return row->icv >= 1 && ks_uuid_ok(row->uuid) && ks_uuid_ok(row->order_uuid) &&
           ks_db_text_ok(row->number, KS_EINVOICE_NUMBER_MAX) && row->number[0] &&
           (row->kind == 388 || row->kind == 381) &&
           (row->refund_id[0] ? row->kind == 381 && ks_uuid_ok(row->refund_id) : true) &&
           row->pih[0] && row->hash[0] && row->qr[0] && row->xml && row->xml_len > 0;
}

enum ks_db_error ks_einvoice_store_insert(ks_db *db, const ks_einvoice_row *row)
{
    if (!row_ok(row))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_insert);
    ks_db_bind_int(&b, row->icv);
    ks_db_bind_text(&b, row->uuid);
    ks_db_bind_text(&b, row->number);
    ks_db_bind_text(&b, row->order_uuid);
    ks_db_bind_int(&b, row->kind);
    ks_db_bind_int(&b, row->issued_at);
    ks_db_bind_text(&b, row->pih);
    ks_db_bind_text(&b, row->hash);
    ks_db_bind_text(&b, row->qr);
    ks_db_bind_blob(&b, row->xml, row->xml_len);
    ks_db_bind_text(&b, row->refund_id);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_ERR_CONSTRAINT)
        LOG_ERROR("e-invoice %" PRId64 " (%s of order %s) conflicts with a stored one", row->icv,
                  row->number, row->order_uuid);
    return err;
}

static enum ks_db_error read_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_einvoice_row *row = ctx;
    row->icv = sqlite3_column_int64(stmt, 0);
    row->kind = sqlite3_column_int(stmt, 4);
    row->issued_at = sqlite3_column_int64(stmt, 5);
    row->xml = NULL;
    row->xml_len = 0;
    bool ok = ks_db_column_copy(stmt, 1, row->uuid, sizeof row->uuid) &&
              ks_db_column_copy(stmt, 2, row->number, sizeof row->number) &&
              ks_db_column_copy(stmt, 3, row->order_uuid, sizeof row->order_uuid) &&
              ks_db_column_copy(stmt, 6, row->pih, sizeof row->pih) &&
              ks_db_column_copy(stmt, 7, row->hash, sizeof row->hash) &&
              ks_db_column_copy(stmt, 8, row->qr, sizeof row->qr) &&
              ks_db_column_copy(stmt, 9, row->refund_id, sizeof row->refund_id);
    return ok ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

/* The one row b answers into *out; KS_DB_ERR_NOT_FOUND when none. */
static enum ks_db_error query_one(ks_db *db, ks_db_binder *b, ks_einvoice_row *out)
{
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, b, read_row, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

/* The one row of sql with key (a uuid) and kind (< 0: not bound). */
static enum ks_db_error find_one(ks_db *db, const char *sql, const char *key, int kind,
                                 ks_einvoice_row *out)
{
    memset(out, 0, sizeof *out);
    if (!ks_uuid_ok(key))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql);
    ks_db_bind_text(&b, key);
    if (kind >= 0)
        ks_db_bind_int(&b, kind);
    return query_one(db, &b, out);
}

enum ks_db_error ks_einvoice_store_find(ks_db *db, const char *order_uuid, int kind,
                                        ks_einvoice_row *out)
{
    return find_one(db, sql_find, order_uuid, kind < 0 ? 0 : kind, out);
}

enum ks_db_error ks_einvoice_store_find_refund(ks_db *db, const char *refund_id,
                                               ks_einvoice_row *out)
{
    return find_one(db, sql_find_refund, refund_id, -1, out);
}

enum ks_db_error ks_einvoice_store_find_qr(ks_db *db, const char *qr, ks_einvoice_row *out)
{
    memset(out, 0, sizeof *out);
    if (!qr || !qr[0])
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_find_qr);
    ks_db_bind_text(&b, qr);
    return query_one(db, &b, out);
}

struct blob {
    char *data;
    size_t len;
};

static enum ks_db_error read_blob(sqlite3_stmt *stmt, void *ctx)
{
    struct blob *out = ctx;
    size_t len = (size_t)sqlite3_column_bytes(stmt, 0);
    const void *data = sqlite3_column_blob(stmt, 0);
    out->data = malloc(len + 1);
    if (!out->data)
        return KS_DB_ERR_NO_MEMORY;
    if (len > 0)
        memcpy(out->data, data, len);
    out->data[len] = '\0';
    out->len = len;
    return KS_DB_OK;
}

enum ks_db_error ks_einvoice_store_xml(ks_db *db, int64_t icv, char **xml, size_t *len)
{
    struct blob out = {0};
    ks_db_binder b = ks_db_bind(db, sql_xml);
    ks_db_bind_int(&b, icv);
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, &b, read_blob, &out, &rows);
    if (err == KS_DB_OK && rows == 0)
        err = KS_DB_ERR_NOT_FOUND;
    if (err != KS_DB_OK) {
        free(out.data);
        out = (struct blob){0};
    }
    *xml = out.data;
    *len = out.len;
    return err;
}

struct chain_walk {
    int64_t count;
    int64_t pruned_icv; /* documents at or below it may be gone (kiosk/store/retention_store.h) */
    char previous[KS_EINVOICE_PIH_TEXT];
    char *why;
    size_t why_cap;
};

static enum ks_db_error walk_link(sqlite3_stmt *stmt, void *ctx)
{
    struct chain_walk *w = ctx;
    int64_t icv = sqlite3_column_int64(stmt, 0);
    const char *pih = ks_db_column_text(stmt, 1);
    /* after documents the retention removed, the PIH names one no longer here */
    bool after_gap = icv != w->count + 1;
    if (after_gap && (icv <= w->count || icv - 1 > w->pruned_icv)) {
        snprintf(w->why, w->why_cap, "ICV %" PRId64 " follows ICV %" PRId64, icv, w->count);
        return KS_DB_ERR_CORRUPT;
    }
    if (!after_gap && strcmp(pih, w->previous) != 0) {
        snprintf(w->why, w->why_cap, "the PIH of ICV %" PRId64 " is not the hash before it", icv);
        return KS_DB_ERR_CORRUPT;
    }
    if (!ks_db_column_copy(stmt, 2, w->previous, sizeof w->previous)) {
        snprintf(w->why, w->why_cap, "the hash of ICV %" PRId64 " is malformed", icv);
        return KS_DB_ERR_CORRUPT;
    }
    w->count = icv;
    return KS_DB_OK;
}

enum ks_db_error ks_einvoice_store_check_chain(ks_db *db, const char *first_pih, int64_t *count,
                                               char *why, size_t why_cap)
{
    struct chain_walk w = {.count = 0, .why = why, .why_cap = why_cap};
    snprintf(w.previous, sizeof w.previous, "%s", first_pih);
    why[0] = '\0';
    ks_db_binder b = ks_db_bind(db, sql_pruned);
    enum ks_db_error err = ks_db_query_int(db, &b, &w.pruned_icv);
    b = ks_db_bind(db, sql_chain);
    if (err == KS_DB_OK)
        err = ks_db_query(db, &b, walk_link, &w, NULL);
    *count = w.count;
    return err;
}
