/* The backend's sold-out list from stock on the kiosk: see kiosk/store/stock_soldout_store.h. */
#include "kiosk/store/stock_soldout_store.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

static const char sql_etag[] = "SELECT etag FROM stock_soldout_list WHERE id = 1";
static const char sql_clear[] = "DELETE FROM stock_soldout";
static const char sql_add[] = "INSERT INTO stock_soldout (item_id) VALUES (?)";
static const char sql_list[] =
    "INSERT INTO stock_soldout_list (id, etag, pulled_at) VALUES (1, ?, ?)\n"
    "ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, pulled_at = excluded.pulled_at";
static const char sql_load[] = "SELECT item_id FROM stock_soldout ORDER BY item_id";

struct etag_out {
    char *etag;
    size_t cap;
};

static enum ks_db_error etag_row(sqlite3_stmt *stmt, void *ctx)
{
    struct etag_out *o = ctx;
    return ks_db_column_copy(stmt, 0, o->etag, o->cap) ? KS_DB_OK : KS_DB_ERR_INVALID;
}

enum ks_db_error ks_stock_soldout_store_etag(ks_db *db, char *etag, size_t cap)
{
    if (!etag || cap == 0)
        return KS_DB_ERR_INVALID;
    etag[0] = '\0';
    struct etag_out o = {etag, cap};
    ks_db_binder b = ks_db_bind(db, sql_etag);
    return ks_db_query(db, &b, etag_row, &o, NULL);
}

enum ks_db_error ks_stock_soldout_store_replace(ks_db *db, const ks_stock_soldout *list,
                                                const char *etag, int64_t now)
{
    enum ks_db_error err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    ks_db_binder b = ks_db_bind(db, sql_clear);
    err = ks_db_exec(db, &b);
    for (size_t i = 0; err == KS_DB_OK && i < list->n; i++) {
        b = ks_db_bind(db, sql_add);
        ks_db_bind_text(&b, list->ids[i]);
        err = ks_db_exec(db, &b);
    }
    if (err == KS_DB_OK) {
        b = ks_db_bind(db, sql_list);
        ks_db_bind_text(&b, etag);
        ks_db_bind_int(&b, now);
        err = ks_db_exec(db, &b);
    }
    return ks_db_end(db, err);
}

static enum ks_db_error load_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_mark m = {.sold_out = true};
    if (!ks_db_column_copy(stmt, 0, m.item_id, sizeof m.item_id) || !ks_mark_key_ok(&m))
        return KS_DB_ERR_CORRUPT;
    memcpy(m.set_by, KS_STOCK_SOLDOUT_BY, sizeof KS_STOCK_SOLDOUT_BY);
    memcpy(m.set_where, KS_STOCK_SOLDOUT_WHERE, sizeof KS_STOCK_SOLDOUT_WHERE);
    return ks_soldout_apply(ctx, &m) ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}

enum ks_db_error ks_stock_soldout_store_load(ks_db *db, ks_soldout *set)
{
    if (!db || !set)
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_load);
    return ks_db_query(db, &b, load_row, set, NULL);
}
