/*
 * A list the menu puller replaces whole from the backend (the sold-out list
 * from stock, kiosk/store/stock_soldout_store.h; the staff list,
 * kiosk/store/staff_pin_store.h) keeps the ETag of the answer it came from
 * in a one-row table (id 1, etag, pulled_at), so the next poll costs a 304
 * and a restart without the backend still has the list. The one way both
 * read and write that row.
 */
#ifndef KIOSK_STORE_PULLED_LIST_H
#define KIOSK_STORE_PULLED_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/store/db.h"

/* The table's SQL, for table T (a literal). */
#define KS_PULLED_LIST_ETAG_SQL(T) "SELECT etag FROM " T " WHERE id = 1"
#define KS_PULLED_LIST_MARK_SQL(T)                                                                 \
    "INSERT INTO " T " (id, etag, pulled_at) VALUES (1, ?, ?)\n"                                   \
    "ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, pulled_at = excluded.pulled_at"

/*
 * The ETag stored, by sql_etag (KS_PULLED_LIST_ETAG_SQL), into etag[cap];
 * "" (and KS_DB_OK) when no list was ever stored. KS_DB_ERR_INVALID when
 * it does not fit.
 */
enum ks_db_error ks_pulled_list_etag(ks_db *db, const char *sql_etag, char *etag, size_t cap);

/* A list's tables: its rows' and its ETag's. */
typedef struct ks_pulled_table {
    const char *sql_clear; /* "DELETE FROM T" */
    const char *sql_add;   /* "INSERT INTO T (...) VALUES (...)": one row */
    const char *sql_mark;  /* KS_PULLED_LIST_MARK_SQL */
} ks_pulled_table;

/* Binds row i of a list (ctx) to b for sql_add. */
typedef void (*ks_pulled_bind_fn)(ks_db_binder *b, size_t i, const void *ctx);

/*
 * Replaces the rows with n new ones (bind fills each) and the ETag with
 * etag, pulled at now (UTC seconds), in one transaction: durable when
 * KS_DB_OK, nothing changed otherwise.
 */
enum ks_db_error ks_pulled_list_replace(ks_db *db, const ks_pulled_table *t, size_t n,
                                        ks_pulled_bind_fn bind, const void *ctx, const char *etag,
                                        int64_t now);

#endif
