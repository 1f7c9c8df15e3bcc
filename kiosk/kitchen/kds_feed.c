/* The kitchen's status feed: see kiosk/kitchen/kds_feed.h. */
#define LOG_TAG "kds_feed"
#include "kiosk/kitchen/kds_feed.h"

#include <string.h>

#include "kiosk/common/log.h"

static const char sql_last_id[] = "SELECT coalesce(max(id), 0) FROM kds_events";
static const char sql_events[] =
    "SELECT e.id, e.uuid, e.from_status, e.to_status, e.at, e.station, e.method\n"
    "FROM kds_events e JOIN kds_tickets t ON t.uuid = e.uuid\n"
    "WHERE e.id > ? AND e.id <= ? AND t.kiosk_id = ? ORDER BY e.id LIMIT ?";

struct feed_ctx {
    ks_kds_event *out;
    size_t n, max;
};

static bool copy_or_empty(sqlite3_stmt *stmt, int col, char *out, size_t cap)
{
    if (sqlite3_column_type(stmt, col) == SQLITE_NULL) {
        out[0] = '\0';
        return true;
    }
    return ks_db_column_copy(stmt, col, out, cap);
}

static enum ks_db_error add_event_row(sqlite3_stmt *stmt, void *ctx)
{
    struct feed_ctx *c = ctx;
    ks_kds_event *e = &c->out[c->n];
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(stmt, 0);
    e->at = sqlite3_column_int64(stmt, 4);
    e->has_from = sqlite3_column_type(stmt, 2) != SQLITE_NULL;
    bool ok = ks_db_column_copy(stmt, 1, e->uuid, sizeof e->uuid) &&
              (!e->has_from || ks_order_status_parse(ks_db_column_text(stmt, 2), &e->from)) &&
              ks_order_status_parse(ks_db_column_text(stmt, 3), &e->status) &&
              copy_or_empty(stmt, 5, e->station, sizeof e->station) &&
              copy_or_empty(stmt, 6, e->method, sizeof e->method);
    if (!ok) {
        LOG_ERROR("history row %lld holds values this program never writes", (long long)e->id);
        return KS_DB_ERR_CORRUPT;
    }
    c->n++;
    return KS_DB_OK;
}

static enum ks_db_error read_locked(ks_db *db, const char *kiosk_id, int64_t after,
                                    struct feed_ctx *c, int64_t *next)
{
    int64_t last = 0;
    ks_db_binder b = ks_db_bind(db, sql_last_id);
    enum ks_db_error err = ks_db_query_int(db, &b, &last);
    if (err != KS_DB_OK)
        return err;
    b = ks_db_bind(db, sql_events);
    ks_db_bind_int(&b, after);
    ks_db_bind_int(&b, last);
    ks_db_bind_text(&b, kiosk_id);
    ks_db_bind_int(&b, (int64_t)c->max);
    err = ks_db_query(db, &b, add_event_row, c, NULL);
    /* A full page may have more behind it: go on after its last event, else after everything. */
    if (err == KS_DB_OK)
        *next = c->n == c->max ? c->out[c->n - 1].id : (last > after ? last : after);
    return err;
}

enum ks_db_error ks_kds_feed_read(ks_kds_store *store, const char *kiosk_id, int64_t after,
                                  ks_kds_event *out, size_t max, size_t *n, int64_t *next)
{
    *n = 0;
    *next = after;
    if (!kiosk_id || after < 0 || max == 0)
        return KS_DB_ERR_INVALID;
    struct feed_ctx c = {.out = out, .max = max > KS_KDS_FEED_MAX ? KS_KDS_FEED_MAX : max};
    ks_db *db = ks_kds_store_db(store);
    enum ks_db_error err = ks_db_begin_read(db);
    if (err == KS_DB_OK)
        err = ks_db_end(db, read_locked(db, kiosk_id, after, &c, next));
    *n = err == KS_DB_OK ? c.n : 0;
    if (err != KS_DB_OK)
        *next = after;
    return err;
}
