/* A pulled list's ETag: see kiosk/store/pulled_list.h. */
#include "kiosk/store/pulled_list.h"

#include <sqlite3.h>

struct etag_out {
    char *etag;
    size_t cap;
};

static enum ks_db_error etag_row(sqlite3_stmt *stmt, void *ctx)
{
    struct etag_out *o = ctx;
    return ks_db_column_copy(stmt, 0, o->etag, o->cap) ? KS_DB_OK : KS_DB_ERR_INVALID;
}

enum ks_db_error ks_pulled_list_etag(ks_db *db, const char *sql_etag, char *etag, size_t cap)
{
    if (!etag || cap == 0)
        return KS_DB_ERR_INVALID;
    etag[0] = '\0';
    struct etag_out o = {etag, cap};
    ks_db_binder b = ks_db_bind(db, sql_etag);
    return ks_db_query(db, &b, etag_row, &o, NULL);
}

enum ks_db_error ks_pulled_list_replace(ks_db *db, const ks_pulled_table *t, size_t n,
                                        ks_pulled_bind_fn bind, const void *ctx, const char *etag,
                                        int64_t now)
{
    enum ks_db_error err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    ks_db_binder b = ks_db_bind(db, t->sql_clear);
    err = ks_db_exec(db, &b);
    for (size_t i = 0; err == KS_DB_OK && i < n; i++) {
        b = ks_db_bind(db, t->sql_add);
        bind(&b, i, ctx);
        err = ks_db_exec(db, &b);
    }
    if (err == KS_DB_OK) {
        b = ks_db_bind(db, t->sql_mark);
        ks_db_bind_text(&b, etag);
        ks_db_bind_int(&b, now);
        err = ks_db_exec(db, &b);
    }
    return ks_db_end(db, err);
}
