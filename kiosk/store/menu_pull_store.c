/* What the menu puller remembers: see kiosk/store/menu_pull_store.h. */
#define LOG_TAG "menu_pull_store"
#include "kiosk/store/menu_pull_store.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/store/own_schema.h"

/* The version of the mp_* tables this program writes. */
#define MP_SCHEMA_VERSION 1

/*
 * Version 1. One row per menu file accepted from the backend, keyed like
 * menus.sha256; the manifest is the images manifest accepted with it.
 */
static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS mp_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS mp_menus (\n"
    "    menu_sha256   TEXT NOT NULL PRIMARY KEY,\n"
    "    menu_etag     TEXT NOT NULL,\n"
    "    manifest_etag TEXT NOT NULL,\n"
    "    manifest      BLOB NOT NULL,\n"
    "    pulled_at     INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS mp_menus_by_time ON mp_menus (pulled_at)",
};

static const char sql_version[] = "SELECT max(version) FROM mp_schema HAVING count(*) > 0";
static const char sql_set_version[] = "INSERT INTO mp_schema (version) VALUES (?)";

static const char sql_record[] =
    "INSERT INTO mp_menus (menu_sha256, menu_etag, manifest_etag, manifest, pulled_at)\n"
    "VALUES (?, ?, ?, ?, ?)\n"
    "ON CONFLICT (menu_sha256) DO UPDATE SET menu_etag = excluded.menu_etag,\n"
    "    manifest_etag = excluded.manifest_etag, manifest = excluded.manifest,\n"
    "    pulled_at = excluded.pulled_at";

static const char sql_find[] =
    "SELECT menu_sha256, menu_etag, manifest_etag, manifest, pulled_at FROM mp_menus\n"
    "WHERE menu_sha256 = ?";

static const char sql_tables_exist[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'mp_menus'";

/* The latest pulled menus, then the active one; rowid breaks ties of the same second. */
static const char sql_kept[] =
    "SELECT manifest FROM (SELECT manifest, pulled_at, rowid AS r FROM mp_menus\n"
    "                      ORDER BY pulled_at DESC, rowid DESC LIMIT ?)\n"
    "UNION\n"
    "SELECT p.manifest FROM mp_menus p JOIN menus m ON m.sha256 = p.menu_sha256\n"
    "WHERE m.active = 1";

static const char sql_active_manifest[] =
    "SELECT p.manifest FROM mp_menus p JOIN menus m ON m.sha256 = p.menu_sha256\n"
    "WHERE m.active = 1";

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .sql_version = sql_version,
    .sql_set_version = sql_set_version,
    .version = MP_SCHEMA_VERSION,
    .what = "menu puller",
};

ks_db *ks_menu_pull_store_open(const char *path, enum ks_db_error *err)
{
    return ks_own_schema_open(path, &own_schema, err);
}

enum ks_db_error ks_menu_pull_store_record(ks_db *db, const ks_pulled_menu *menu)
{
    if (!ks_sha256_hex_ok(menu->menu_sha256) || !menu->manifest)
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_record);
    ks_db_bind_text(&b, menu->menu_sha256);
    ks_db_bind_text(&b, menu->menu_etag);
    ks_db_bind_text(&b, menu->manifest_etag);
    ks_db_bind_blob(&b, menu->manifest, menu->manifest_len);
    ks_db_bind_int(&b, menu->pulled_at);
    return ks_db_exec(db, &b);
}

static enum ks_db_error read_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_pulled_menu *out = ctx;
    const void *manifest = sqlite3_column_blob(stmt, 3);
    size_t len = (size_t)sqlite3_column_bytes(stmt, 3);
    if (!ks_db_column_copy(stmt, 0, out->menu_sha256, sizeof out->menu_sha256) ||
        !ks_db_column_copy(stmt, 1, out->menu_etag, sizeof out->menu_etag) ||
        !ks_db_column_copy(stmt, 2, out->manifest_etag, sizeof out->manifest_etag))
        return KS_DB_ERR_CORRUPT;
    char *copy = malloc(len + 1);
    if (!copy)
        return KS_DB_ERR_NO_MEMORY;
    if (len)
        memcpy(copy, manifest, len);
    copy[len] = '\0';
    out->manifest = copy;
    out->manifest_len = len;
    out->pulled_at = sqlite3_column_int64(stmt, 4);
    return KS_DB_OK;
}

static bool tables_exist(ks_db *db)
{
    int64_t n = 0;
    ks_db_binder b = ks_db_bind(db, sql_tables_exist);
    return ks_db_query_int(db, &b, &n) == KS_DB_OK && n > 0;
}

enum ks_db_error ks_menu_pull_store_find(ks_db *db, const char *menu_sha256, ks_pulled_menu *out)
{
    memset(out, 0, sizeof *out);
    if (!tables_exist(db))
        return KS_DB_ERR_NOT_FOUND;
    size_t rows = 0;
    ks_db_binder b = ks_db_bind(db, sql_find);
    ks_db_bind_text(&b, menu_sha256);
    enum ks_db_error err = ks_db_query(db, &b, read_row, out, &rows);
    if (err != KS_DB_OK) {
        free((void *)out->manifest);
        memset(out, 0, sizeof *out);
        return err;
    }
    return rows == 0 ? KS_DB_ERR_NOT_FOUND : KS_DB_OK;
}

struct kept_ctx {
    void (*fn)(const char *manifest, size_t len, void *ctx);
    void *ctx;
};

static enum ks_db_error kept_row(sqlite3_stmt *stmt, void *ctx)
{
    struct kept_ctx *k = ctx;
    const char *manifest = sqlite3_column_blob(stmt, 0);
    k->fn(manifest ? manifest : "", (size_t)sqlite3_column_bytes(stmt, 0), k->ctx);
    return KS_DB_OK;
}

enum ks_db_error
ks_menu_pull_store_each_kept(ks_db *db, int latest,
                             void (*fn)(const char *manifest, size_t len, void *ctx), void *ctx)
{
    struct kept_ctx k = {fn, ctx};
    ks_db_binder b = ks_db_bind(db, sql_kept);
    ks_db_bind_int(&b, latest);
    return ks_db_query(db, &b, kept_row, &k, NULL);
}

static enum ks_db_error parse_manifest(sqlite3_stmt *stmt, void *ctx)
{
    ks_image_manifest **out = ctx;
    const char *manifest = sqlite3_column_blob(stmt, 0);
    char why[256];
    *out = ks_image_manifest_parse(manifest ? manifest : "", (size_t)sqlite3_column_bytes(stmt, 0),
                                   why, sizeof why);
    if (!*out) {
        LOG_ERROR("the stored images manifest of the active menu is refused: %s", why);
        return KS_DB_ERR_CORRUPT;
    }
    return KS_DB_OK;
}

ks_image_manifest *ks_menu_pull_store_active_manifest(ks_db *db)
{
    if (!db || !tables_exist(db))
        return NULL;
    ks_image_manifest *m = NULL;
    ks_db_binder b = ks_db_bind(db, sql_active_manifest);
    if (ks_db_query(db, &b, parse_manifest, &m, NULL) != KS_DB_OK) {
        ks_image_manifest_free(m);
        return NULL;
    }
    return m;
}
