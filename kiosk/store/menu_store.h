/*
 * Menus on disk. A menu file is checked in full by the importer before
 * anything is written; a refused file changes nothing and the active menu
 * keeps serving. An accepted file is stored byte for byte and made the
 * active menu in one transaction, so the kiosk switches menus atomically
 * and starts with the same menu after a restart. Exactly one stored menu
 * is active once any has been imported.
 */
#ifndef KIOSK_STORE_MENU_STORE_H
#define KIOSK_STORE_MENU_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/catalog.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/store/db.h"

/*
 * Imports len bytes of a menu file (kiosk/docs/menu-format.md) at now (UTC
 * seconds) and makes it the active menu. Bytes identical to a menu stored
 * before make that one active again. When catalog is not NULL, *catalog
 * receives the parsed menu (owned by the caller, ks_catalog_free), or NULL
 * on failure. KS_DB_ERR_BAD_MENU when the importer refuses the file, with
 * menu_err (may be NULL) holding the JSON path and the reason.
 */
enum ks_db_error ks_menu_store_import(ks_db *db, const char *json, size_t len, int64_t now,
                                      ks_catalog **catalog, ks_menu_error *menu_err);

/*
 * The start-up import of the menu file at path: when its bytes are the
 * active menu's (the same SHA-256), nothing is parsed or written and
 * *catalog is NULL (load the active menu); otherwise as
 * ks_menu_store_import, *catalog receiving the parsed menu. *imported (may
 * be NULL) tells which happened. A file an earlier start found (the same
 * path, inode, size and modification time, taken before reading) while the
 * menu it gave is still the active one is not even read or hashed. A file rewritten in
 * place keeping its size and modification time to the nanosecond would go
 * unseen; editors and copies change the time, rsync and package updates
 * the inode. KS_DB_ERR_OPEN with why[cap] when the file cannot be read.
 */
enum ks_db_error ks_menu_store_import_file(ks_db *db, const char *path, int64_t now,
                                           ks_catalog **catalog, bool *imported,
                                           ks_menu_error *menu_err, char *why, size_t cap);

/*
 * The active menu as a new catalog (owned by the caller), or NULL with *err
 * (may be NULL) set: KS_DB_ERR_NOT_FOUND when no menu was ever imported,
 * KS_DB_ERR_BAD_MENU when the stored file no longer passes the importer.
 */
ks_catalog *ks_menu_store_load_active(ks_db *db, enum ks_db_error *err);

typedef struct ks_menu_info {
    char version[65];    /* the file's "version" member */
    char sha256[65];     /* of the file's bytes, lowercase hex */
    int64_t imported_at; /* UTC seconds */
} ks_menu_info;

/* Describes the active menu (staff screen, heartbeats). KS_DB_ERR_NOT_FOUND when none. */
enum ks_db_error ks_menu_store_active_info(ks_db *db, ks_menu_info *out);

#endif
