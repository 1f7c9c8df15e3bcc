/* The store's sold-out marks at the kitchen display: see kiosk/kitchen/kds_soldout.h. */
#define LOG_TAG "kds_soldout"
#include "kiosk/kitchen/kds_soldout.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "kiosk/common/log.h"

static const char sql_set[] =
    "INSERT INTO kds_soldout (seq, item_id, group_id, option_id, sold_out, set_by, set_where,\n"
    "                         set_at, name_ar, name_en)\n"
    "VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM kds_soldout), ?, ?, ?, ?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT (item_id, group_id, option_id) DO UPDATE SET\n"
    "    seq = excluded.seq, sold_out = excluded.sold_out, set_by = excluded.set_by,\n"
    "    set_where = excluded.set_where, set_at = excluded.set_at,\n"
    "    name_ar = CASE WHEN excluded.name_ar <> '' THEN excluded.name_ar ELSE name_ar END,\n"
    "    name_en = CASE WHEN excluded.name_en <> '' THEN excluded.name_en ELSE name_en END";
static const char sql_latest[] = "SELECT coalesce(max(seq), 0) FROM kds_soldout";
#define COLUMNS                                                                                    \
    "SELECT seq, item_id, group_id, option_id, sold_out, set_by, set_where, set_at, name_ar,\n"    \
    "       name_en FROM kds_soldout\n"
static const char sql_after[] = COLUMNS "WHERE seq > ? ORDER BY seq LIMIT ?";
static const char sql_active[] = COLUMNS "WHERE sold_out = 1 ORDER BY seq LIMIT ?";
static const char sql_item_state[] =
    "SELECT sold_out FROM kds_soldout WHERE item_id = ? AND group_id = '' AND option_id = ''";

static enum ks_db_error set_in(ks_db *db, ks_mark *m)
{
    ks_db_binder b = ks_db_bind(db, sql_set);
    ks_db_bind_text(&b, m->item_id);
    ks_db_bind_text(&b, m->group_id);
    ks_db_bind_text(&b, m->option_id);
    ks_db_bind_int(&b, m->sold_out ? 1 : 0);
    ks_db_bind_text(&b, m->set_by);
    ks_db_bind_text(&b, m->set_where);
    ks_db_bind_int(&b, m->set_at);
    ks_db_bind_text(&b, m->name_ar);
    ks_db_bind_text(&b, m->name_en);
    enum ks_db_error err = ks_db_exec(db, &b);
    b = ks_db_bind(db, sql_latest);
    return err == KS_DB_OK ? ks_db_query_int(db, &b, &m->seq) : err;
}

enum ks_db_error ks_kds_soldout_set(ks_kds_store *store, ks_mark *m)
{
    if (!store || !m || !ks_mark_key_ok(m) || !m->set_by[0] || !m->set_where[0])
        return KS_DB_ERR_INVALID;
    ks_db *db = ks_kds_store_db(store);
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK)
        err = ks_db_end(db, set_in(db, m));
    if (err != KS_DB_OK)
        LOG_ERROR("sold-out mark from %s not stored: %s", m->set_where, ks_db_strerror(err));
    return err;
}

struct rows {
    ks_mark *out;
    size_t max, n;
};

static enum ks_db_error mark_row(sqlite3_stmt *stmt, void *ctx)
{
    struct rows *r = ctx;
    if (r->n == r->max)
        return KS_DB_OK;
    ks_mark *m = &r->out[r->n++];
    *m = (ks_mark){.seq = sqlite3_column_int64(stmt, 0),
                   .sold_out = sqlite3_column_int(stmt, 4) != 0,
                   .set_at = sqlite3_column_int64(stmt, 7)};
    bool ok = ks_db_column_copy(stmt, 1, m->item_id, sizeof m->item_id) &&
              ks_db_column_copy(stmt, 2, m->group_id, sizeof m->group_id) &&
              ks_db_column_copy(stmt, 3, m->option_id, sizeof m->option_id) &&
              ks_db_column_copy(stmt, 5, m->set_by, sizeof m->set_by) &&
              ks_db_column_copy(stmt, 6, m->set_where, sizeof m->set_where) &&
              ks_db_column_copy(stmt, 8, m->name_ar, sizeof m->name_ar) &&
              ks_db_column_copy(stmt, 9, m->name_en, sizeof m->name_en);
    /* Only this program writes the table, through ks_kds_soldout_set's checks. */
    return ok ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

enum ks_db_error ks_kds_soldout_after(ks_kds_store *store, int64_t after, ks_mark *out, size_t max,
                                      size_t *n, int64_t *latest)
{
    *n = 0;
    *latest = 0;
    ks_db *db = ks_kds_store_db(store);
    struct rows r = {out, max, 0};
    enum ks_db_error err = ks_db_begin_read(db);
    ks_db_binder b = ks_db_bind(db, sql_latest);
    if (err == KS_DB_OK)
        err = ks_db_query_int(db, &b, latest);
    b = ks_db_bind(db, sql_after);
    ks_db_bind_int(&b, after);
    ks_db_bind_int(&b, (int64_t)max);
    if (err == KS_DB_OK)
        err = ks_db_query(db, &b, mark_row, &r, NULL);
    err = ks_db_end(db, err);
    *n = err == KS_DB_OK ? r.n : 0;
    return err;
}

enum ks_db_error ks_kds_soldout_active(ks_kds_store *store, ks_mark *out, size_t max, size_t *n)
{
    ks_db *db = ks_kds_store_db(store);
    struct rows r = {out, max, 0};
    ks_db_binder b = ks_db_bind(db, sql_active);
    ks_db_bind_int(&b, (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, mark_row, &r, NULL);
    *n = err == KS_DB_OK ? r.n : 0;
    return err;
}

enum ks_db_error ks_kds_soldout_toggle(ks_kds_store *store, const char *item_id,
                                       const char *name_ar, const char *name_en, int64_t now,
                                       bool *sold_out)
{
    ks_mark m = {.set_at = now};
    if (!store || !item_id)
        return KS_DB_ERR_INVALID;
    if (snprintf(m.item_id, sizeof m.item_id, "%s", item_id) >= (int)sizeof m.item_id)
        return KS_DB_ERR_INVALID;
    /* A name too long to keep is left out: names only label the kitchen's list. */
    if (snprintf(m.name_ar, sizeof m.name_ar, "%s", name_ar ? name_ar : "") >=
        (int)sizeof m.name_ar)
        m.name_ar[0] = '\0';
    if (snprintf(m.name_en, sizeof m.name_en, "%s", name_en ? name_en : "") >=
        (int)sizeof m.name_en)
        m.name_en[0] = '\0';
    snprintf(m.set_by, sizeof m.set_by, "%s", KS_MARK_KITCHEN);
    snprintf(m.set_where, sizeof m.set_where, "%s", KS_MARK_KITCHEN);
    if (!ks_mark_key_ok(&m))
        return KS_DB_ERR_INVALID;
    ks_db *db = ks_kds_store_db(store);
    int64_t was = 0;
    enum ks_db_error err = ks_db_begin(db);
    ks_db_binder b = ks_db_bind(db, sql_item_state);
    ks_db_bind_text(&b, item_id);
    if (err == KS_DB_OK) {
        err = ks_db_query_int(db, &b, &was);
        if (err == KS_DB_ERR_NOT_FOUND)
            err = KS_DB_OK;
    }
    m.sold_out = was == 0;
    if (err == KS_DB_OK)
        err = set_in(db, &m);
    err = ks_db_end(db, err);
    if (err == KS_DB_OK && sold_out)
        *sold_out = m.sold_out;
    if (err != KS_DB_OK)
        LOG_ERROR("the kitchen's sold-out mark on %s not stored: %s", item_id, ks_db_strerror(err));
    else
        LOG_INFO("the kitchen marked %s %s", item_id, m.sold_out ? "sold out" : "back on sale");
    return err;
}
