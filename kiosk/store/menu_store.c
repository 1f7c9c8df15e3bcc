/* Imported menus and the active one: see kiosk/store/menu_store.h. */
#define LOG_TAG "menu_store"
#include "kiosk/store/menu_store.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/common/bounded_file.h"
#include "kiosk/common/log.h"

static const char sql_deactivate[] = "UPDATE menus SET active = 0 WHERE active = 1";

/* Importing the same bytes again reactivates the stored copy instead of adding a second one. */
static const char sql_store[] =
    "INSERT INTO menus (version, sha256, imported_at, source, active) VALUES (?, ?, ?, ?, 1)\n"
    "ON CONFLICT (sha256) DO UPDATE SET active = 1, imported_at = excluded.imported_at";

static const char sql_active_source[] = "SELECT source FROM menus WHERE active = 1";

static const char sql_active_info[] =
    "SELECT version, sha256, imported_at FROM menus WHERE active = 1";

static bool sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    if (!EVP_Digest(data, len, digest, &digest_len, EVP_sha256(), NULL) || digest_len != 32)
        return false;
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
    return true;
}

/* The switch of the active menu, inside the caller's transaction. */
static enum ks_db_error store_locked(ks_db *db, const char *json, size_t len, int64_t now,
                                     const char *version, const char *sha256)
{
    ks_db_binder b = ks_db_bind(db, sql_deactivate);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err != KS_DB_OK)
        return err;
    b = ks_db_bind(db, sql_store);
    ks_db_bind_text(&b, version);
    ks_db_bind_text(&b, sha256);
    ks_db_bind_int(&b, now);
    ks_db_bind_blob(&b, json, len);
    return ks_db_exec(db, &b);
}

static const char sql_file_unchanged[] =
    "SELECT count(*) FROM menu_file f JOIN menus m ON m.sha256 = f.sha256 AND m.active = 1\n"
    "WHERE f.id = 1 AND f.path = ? AND f.device = ? AND f.inode = ? AND f.size = ?\n"
    "    AND f.mtime_ns = ?";
static const char sql_file_seen[] =
    "INSERT INTO menu_file (id, path, device, inode, size, mtime_ns, sha256)\n"
    "VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET path = excluded.path,\n"
    "    device = excluded.device, inode = excluded.inode, size = excluded.size,\n"
    "    mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256";

/* The menu file as this start found it, before reading it. */
struct file_stamp {
    const char *path;
    struct stat st;
};

/* The stamp's path, device, inode, size and modification time, bound in that order. */
static void bind_stamp(ks_db_binder *b, const struct file_stamp *f)
{
    ks_db_bind_text(b, f->path);
    ks_db_bind_int(b, (int64_t)f->st.st_dev);
    ks_db_bind_int(b, (int64_t)f->st.st_ino);
    ks_db_bind_int(b, (int64_t)f->st.st_size);
    ks_db_bind_int(b, (int64_t)f->st.st_mtim.tv_sec * 1000000000 + f->st.st_mtim.tv_nsec);
}

/* Keeps the stamp (NULL: none) of the file whose bytes have sha256. */
static enum ks_db_error keep_stamp(ks_db *db, const struct file_stamp *f, const char *sha256)
{
    if (!f)
        return KS_DB_OK;
    ks_db_binder b = ks_db_bind(db, sql_file_seen);
    bind_stamp(&b, f);
    ks_db_bind_text(&b, sha256);
    return ks_db_exec(db, &b);
}

/*
 * ks_menu_store_import for bytes whose SHA-256 is sha256 (NULL: computed
 * here), read from the file of stamp (NULL: none), kept in the same
 * transaction.
 */
static enum ks_db_error import_hashed(ks_db *db, const char *json, size_t len, int64_t now,
                                      const char *sha256_known, const struct file_stamp *stamp,
                                      ks_catalog **catalog, ks_menu_error *menu_err)
{
    if (catalog)
        *catalog = NULL;
    ks_menu_error parse_err = {{0}, {0}};
    /* Parsed before the write lock is taken: a large file must not block order writes. */
    ks_catalog *parsed = ks_menu_import(json, len, &parse_err);
    if (!parsed) {
        LOG_WARN("menu refused: %s%s%s", parse_err.path, parse_err.path[0] ? ": " : "",
                 parse_err.reason);
        if (menu_err)
            *menu_err = parse_err;
        return KS_DB_ERR_BAD_MENU;
    }
    char sha256[65];
    enum ks_db_error err = KS_DB_ERR_NO_MEMORY;
    if (sha256_known)
        memcpy(sha256, sha256_known, sizeof sha256);
    else if (!sha256_hex(json, len, sha256)) {
        LOG_ERROR("computing the menu's SHA-256 failed");
        goto end;
    }
    err = ks_db_begin(db);
    if (err == KS_DB_OK) {
        enum ks_db_error stored =
            store_locked(db, json, len, now, ks_catalog_version(parsed), sha256);
        if (stored == KS_DB_OK)
            stored = keep_stamp(db, stamp, sha256);
        err = ks_db_end(db, stored);
    }
    if (err == KS_DB_OK)
        LOG_INFO("menu %s (sha256 %.12s) is now active", ks_catalog_version(parsed), sha256);
end:
    if (err == KS_DB_OK && catalog)
        *catalog = parsed;
    else
        ks_catalog_free(parsed);
    return err;
}

enum ks_db_error ks_menu_store_import(ks_db *db, const char *json, size_t len, int64_t now,
                                      ks_catalog **catalog, ks_menu_error *menu_err)
{
    return import_hashed(db, json, len, now, NULL, NULL, catalog, menu_err);
}

/*
 * The bytes of the menu file of stamp at start: when they are the active
 * menu's (their SHA-256 is sha256; NULL: not known), only the stamp is
 * kept and *catalog is NULL; otherwise as ks_menu_store_import, *catalog
 * receiving the parsed menu.
 */
static enum ks_db_error import_if_changed(ks_db *db, const char *json, size_t len,
                                          const char *sha256, const struct file_stamp *stamp,
                                          int64_t now, ks_catalog **catalog, bool *imported,
                                          ks_menu_error *menu_err)
{
    *catalog = NULL;
    if (imported)
        *imported = false;
    ks_menu_info active;
    enum ks_db_error err = sha256 ? ks_menu_store_active_info(db, &active) : KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK && strcmp(active.sha256, sha256) == 0) {
        if (keep_stamp(db, stamp, sha256) != KS_DB_OK)
            LOG_WARN("the menu file's stamp was not kept: it is read again at the next start");
        return KS_DB_OK;
    }
    if (err != KS_DB_OK && err != KS_DB_ERR_NOT_FOUND)
        return err;
    err = import_hashed(db, json, len, now, sha256, stamp, catalog, menu_err);
    if (imported)
        *imported = err == KS_DB_OK;
    return err;
}

enum ks_db_error ks_menu_store_import_file(ks_db *db, const char *path, int64_t now,
                                           ks_catalog **catalog, bool *imported,
                                           ks_menu_error *menu_err, char *why, size_t cap)
{
    *catalog = NULL;
    if (imported)
        *imported = false;
    struct file_stamp found = {.path = path};
    bool stamped = path && stat(path, &found.st) == 0 && S_ISREG(found.st.st_mode);
    int64_t same = 0;
    if (stamped) {
        ks_db_binder b = ks_db_bind(db, sql_file_unchanged);
        bind_stamp(&b, &found);
        if (ks_db_query_int(db, &b, &same) == KS_DB_OK && same > 0)
            return KS_DB_OK;
    }
    /* A file over the limit is read one byte past it, and the import refuses it. */
    size_t len = 0;
    char *json = ks_bounded_file_read(path, KS_MENU_MAX_BYTES, &len, why, cap);
    if (!json)
        return KS_DB_ERR_OPEN;
    char sha256[65];
    bool hashed = sha256_hex(json, len, sha256);
    enum ks_db_error err =
        import_if_changed(db, json, len, hashed ? sha256 : NULL, stamped ? &found : NULL, now,
                          catalog, imported, menu_err);
    free(json);
    return err;
}

struct load_ctx {
    ks_catalog *catalog; /* owned until handed to the caller */
    ks_menu_error menu_err;
};

static enum ks_db_error parse_source(sqlite3_stmt *stmt, void *ctx)
{
    struct load_ctx *c = ctx;
    const char *source = sqlite3_column_blob(stmt, 0);
    size_t len = (size_t)sqlite3_column_bytes(stmt, 0);
    c->catalog = ks_menu_import(source ? source : "", len, &c->menu_err);
    return c->catalog ? KS_DB_OK : KS_DB_ERR_BAD_MENU;
}

ks_catalog *ks_menu_store_load_active(ks_db *db, enum ks_db_error *err)
{
    struct load_ctx loaded = {0};
    size_t rows = 0;
    ks_db_binder b = ks_db_bind(db, sql_active_source);
    enum ks_db_error result = ks_db_query(db, &b, parse_source, &loaded, &rows);
    if (result == KS_DB_OK && rows == 0)
        result = KS_DB_ERR_NOT_FOUND;
    if (result == KS_DB_ERR_BAD_MENU)
        LOG_ERROR("the stored active menu no longer imports: %s: %s", loaded.menu_err.path,
                  loaded.menu_err.reason);
    if (err)
        *err = result;
    return loaded.catalog;
}

static enum ks_db_error read_info(sqlite3_stmt *stmt, void *ctx)
{
    ks_menu_info *info = ctx;
    info->imported_at = sqlite3_column_int64(stmt, 2);
    if (!ks_db_column_copy(stmt, 0, info->version, sizeof info->version) ||
        !ks_db_column_copy(stmt, 1, info->sha256, sizeof info->sha256)) {
        LOG_ERROR("the active menu row holds values this program never writes");
        return KS_DB_ERR_CORRUPT;
    }
    return KS_DB_OK;
}

enum ks_db_error ks_menu_store_active_info(ks_db *db, ks_menu_info *out)
{
    memset(out, 0, sizeof *out);
    size_t rows = 0;
    ks_db_binder b = ks_db_bind(db, sql_active_info);
    enum ks_db_error err = ks_db_query(db, &b, read_info, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}
