/*
 * What the menu puller (kiosk/app/menu_pull.h) remembers of the menus it
 * accepted from the backend, in the kiosk's database beside the menus
 * themselves (kiosk/store/menu_store.h): for each accepted menu file, by
 * its SHA-256, the backend's ETags of the menu and of its images manifest,
 * and the manifest itself, which says where each of the menu's pictures
 * is in the image cache. So a restart neither downloads the active menu
 * again nor loses its pictures.
 *
 * These mp_* tables are the puller's own (kiosk/store/own_schema.h),
 * created when missing and versioned apart from the kiosk's migrations.
 */
#ifndef KIOSK_STORE_MENU_PULL_STORE_H
#define KIOSK_STORE_MENU_PULL_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/image_manifest.h"
#include "kiosk/store/db.h"

/* Bytes of an ETag kept (a longer one from the network is not remembered). */
#define KS_PULL_ETAG_MAX 128

typedef struct ks_pulled_menu {
    char menu_sha256[KS_SHA256_HEX_LEN + 1]; /* of the menu file, as menus.sha256 */
    char menu_etag[KS_PULL_ETAG_MAX + 1];    /* the backend's, quotes included */
    char manifest_etag[KS_PULL_ETAG_MAX + 1];
    const char *manifest; /* manifest_len bytes of JSON: borrowed (record) or owned (find) */
    size_t manifest_len;
    int64_t pulled_at; /* UTC seconds */
} ks_pulled_menu;

/*
 * Opens the database at path for the puller (ks_db_open, then the mp_*
 * tables created when missing). NULL on failure with *err set (err may be
 * NULL); the caller owns the result (ks_db_close).
 */
ks_db *ks_menu_pull_store_open(const char *path, enum ks_db_error *err);

/* Remembers menu (replacing what was known of the same menu file). */
enum ks_db_error ks_menu_pull_store_record(ks_db *db, const ks_pulled_menu *menu);

/*
 * What is known of the menu file with that SHA-256: *out filled, its
 * manifest a malloc'd copy the caller frees (free((void *)out->manifest)).
 * KS_DB_ERR_NOT_FOUND when that menu was not pulled (a local file), or when
 * the mp_* tables do not exist yet.
 */
enum ks_db_error ks_menu_pull_store_find(ks_db *db, const char *menu_sha256, ks_pulled_menu *out);

/*
 * Calls fn with the manifest of each of the `latest` menus pulled last and
 * of the active menu (when pulled), each once, newest first: what the
 * image cache must keep.
 */
enum ks_db_error
ks_menu_pull_store_each_kept(ks_db *db, int latest,
                             void (*fn)(const char *manifest, size_t len, void *ctx), void *ctx);

/*
 * The active menu's images manifest parsed, for resolving its pictures
 * (owned by the caller), or NULL when the active menu was not pulled
 * (also when the mp_* tables do not exist yet: they are not created here)
 * or on any error (logged).
 */
ks_image_manifest *ks_menu_pull_store_active_manifest(ks_db *db);

#endif
