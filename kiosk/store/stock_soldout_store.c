/* The backend's sold-out list from stock on the kiosk: see kiosk/store/stock_soldout_store.h. */
#include "kiosk/store/stock_soldout_store.h"

#include "kiosk/store/pulled_list.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

static const char sql_etag[] = KS_PULLED_LIST_ETAG_SQL("stock_soldout_list");
static const char sql_clear[] = "DELETE FROM stock_soldout";
static const char sql_add[] = "INSERT INTO stock_soldout (item_id) VALUES (?)";
static const char sql_list[] = KS_PULLED_LIST_MARK_SQL("stock_soldout_list");
static const char sql_load[] = "SELECT item_id FROM stock_soldout ORDER BY item_id";

enum ks_db_error ks_stock_soldout_store_etag(ks_db *db, char *etag, size_t cap)
{
    return ks_pulled_list_etag(db, sql_etag, etag, cap);
}

static void bind_item(ks_db_binder *b, size_t i, const void *ctx)
{
    const ks_stock_soldout *list = ctx;
    ks_db_bind_text(b, list->ids[i]);
}

enum ks_db_error ks_stock_soldout_store_replace(ks_db *db, const ks_stock_soldout *list,
                                                const char *etag, int64_t now)
{
    static const ks_pulled_table table = {sql_clear, sql_add, sql_list};
    return ks_pulled_list_replace(db, &table, list->n, bind_item, list, etag, now);
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
