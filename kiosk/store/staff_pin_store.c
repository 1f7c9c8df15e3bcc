/* The store's staff list on the kiosk: see kiosk/store/staff_pin_store.h. */
#include "kiosk/store/staff_pin_store.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kiosk/store/pulled_list.h"

static const char sql_etag[] = KS_PULLED_LIST_ETAG_SQL("staff_pins_list");
static const char sql_mark[] = KS_PULLED_LIST_MARK_SQL("staff_pins_list");
static const char sql_clear[] = "DELETE FROM staff_pins";
static const char sql_add[] = "INSERT INTO staff_pins (id, pin_hash) VALUES (?, ?)";
static const char sql_listed[] = "SELECT count(*) FROM staff_pins";
static const char sql_load[] = "SELECT id, pin_hash FROM staff_pins ORDER BY id";

/* The kiosk's schema version 20's two tables (kiosk/store/migrations.c), made when missing. */
static const char sql_table[] = "CREATE TABLE IF NOT EXISTS staff_pins (\n"
                                "    id       TEXT NOT NULL PRIMARY KEY,\n"
                                "    pin_hash TEXT NOT NULL\n"
                                ") STRICT";
static const char sql_list_table[] = "CREATE TABLE IF NOT EXISTS staff_pins_list (\n"
                                     "    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),\n"
                                     "    etag      TEXT NOT NULL,\n"
                                     "    pulled_at INTEGER NOT NULL\n"
                                     ") STRICT";

enum ks_db_error ks_staff_pin_store_prepare(ks_db *db)
{
    const char *const tables[] = {sql_table, sql_list_table};
    enum ks_db_error err = KS_DB_OK;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0] && err == KS_DB_OK; i++) {
        ks_db_binder b = ks_db_bind(db, tables[i]);
        err = ks_db_exec(db, &b);
    }
    return err;
}

enum ks_db_error ks_staff_pin_store_etag(ks_db *db, char *etag, size_t cap)
{
    return ks_pulled_list_etag(db, sql_etag, etag, cap);
}

static void bind_person(ks_db_binder *b, size_t i, const void *ctx)
{
    const ks_staff_list *list = ctx;
    ks_db_bind_text(b, list->people[i].id);
    ks_db_bind_text(b, list->people[i].pin_hash);
}

enum ks_db_error ks_staff_pin_store_replace(ks_db *db, const ks_staff_list *list, const char *etag,
                                            int64_t now)
{
    static const ks_pulled_table table = {sql_clear, sql_add, sql_mark};
    return ks_pulled_list_replace(db, &table, list->n, bind_person, list, etag, now);
}

static enum ks_db_error load_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_staff_list *list = ctx;
    if (list->n == KS_STAFF_LIST_MAX)
        return KS_DB_ERR_CORRUPT;
    ks_staff_entry *e = &list->people[list->n];
    if (!ks_db_column_copy(stmt, 0, e->id, sizeof e->id) ||
        !ks_db_column_copy(stmt, 1, e->pin_hash, sizeof e->pin_hash))
        return KS_DB_ERR_CORRUPT;
    list->n++;
    return KS_DB_OK;
}

enum ks_db_error ks_staff_pin_store_match(ks_db *db, const char *typed, char *id, bool *listed)
{
    id[0] = '\0';
    *listed = false;
    ks_db_binder b = ks_db_bind(db, sql_listed);
    int64_t rows = 0;
    enum ks_db_error err = ks_db_query_int(db, &b, &rows);
    if (err != KS_DB_OK || rows == 0)
        return err;
    *listed = true;
    ks_staff_list list = {0, calloc(KS_STAFF_LIST_MAX, sizeof(ks_staff_entry))};
    if (!list.people)
        return KS_DB_ERR_NO_MEMORY;
    b = ks_db_bind(db, sql_load);
    err = ks_db_query(db, &b, load_row, &list, NULL);
    const char *hashes[KS_STAFF_LIST_MAX];
    for (size_t i = 0; i < list.n; i++)
        hashes[i] = list.people[i].pin_hash;
    long found = err == KS_DB_OK && typed ? ks_staff_secret_find(typed, hashes, list.n) : -1;
    if (found >= 0)
        memcpy(id, list.people[found].id, strlen(list.people[found].id) + 1);
    free(list.people);
    return err;
}
