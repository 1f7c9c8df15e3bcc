/* The store's kiosks in a peer's database: see kiosk/store/peer_store.h. */
#include "kiosk/store/peer_store.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "kiosk/store/pulled_list.h"

static const char sql_etag[] = KS_PULLED_LIST_ETAG_SQL("device_peers_list");
static const char sql_mark[] = KS_PULLED_LIST_MARK_SQL("device_peers_list");
static const char sql_clear[] = "DELETE FROM device_peers";
static const char sql_add[] = "INSERT INTO device_peers (id, token_sha256) VALUES (?, ?)";
static const char sql_load[] = "SELECT id, token_sha256 FROM device_peers ORDER BY id";

enum ks_db_error ks_peer_store_prepare(ks_db *db)
{
    ks_db_binder b = ks_db_bind(db, KS_PEER_STORE_TABLE_SQL);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err != KS_DB_OK)
        return err;
    b = ks_db_bind(db, KS_PEER_STORE_LIST_SQL);
    return ks_db_exec(db, &b);
}

enum ks_db_error ks_peer_store_etag(ks_db *db, char *etag, size_t cap)
{
    return ks_pulled_list_etag(db, sql_etag, etag, cap);
}

static void bind_peer(ks_db_binder *b, size_t i, const void *ctx)
{
    const ks_peer_list *list = ctx;
    ks_db_bind_text(b, list->kiosks[i].id);
    ks_db_bind_text(b, list->kiosks[i].token_sha256);
}

enum ks_db_error ks_peer_store_replace(ks_db *db, const ks_peer_list *list, const char *etag,
                                       int64_t now)
{
    static const ks_pulled_table table = {sql_clear, sql_add, sql_mark};
    return ks_pulled_list_replace(db, &table, list->n, bind_peer, list, etag, now);
}

static enum ks_db_error load_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_peer_list *list = ctx;
    if (list->n == KS_PEER_LIST_MAX)
        return KS_DB_ERR_CORRUPT;
    ks_peer *p = &list->kiosks[list->n];
    if (!ks_db_column_copy(stmt, 0, p->id, sizeof p->id) ||
        !ks_db_column_copy(stmt, 1, p->token_sha256, sizeof p->token_sha256))
        return KS_DB_ERR_CORRUPT;
    list->n++;
    return KS_DB_OK;
}

enum ks_db_error ks_peer_store_load(ks_db *db, ks_peer_list *out)
{
    *out = (ks_peer_list){0, calloc(KS_PEER_LIST_MAX, sizeof(ks_peer))};
    if (!out->kiosks)
        return KS_DB_ERR_NO_MEMORY;
    ks_db_binder b = ks_db_bind(db, sql_load);
    enum ks_db_error err = ks_db_query(db, &b, load_row, out, NULL);
    if (err != KS_DB_OK)
        ks_peer_list_clear(out);
    return err;
}
