/*
 * The images manifest of a store's menu, as the backend answers
 * GET /v1/menu/images (kiosk/docs/backend-api.md):
 *
 *   {"menu": "<SHA-256 of the menu file, hex>",
 *    "images": {"pictures/burgers.png": "<SHA-256 of the picture, hex>", ...}}
 *
 * It tells the kiosk which content each of the menu's image paths has, so
 * that pictures are fetched by hash, verified, cached under their hash and
 * never fetched twice. Parsed here with explicit limits (it comes from the
 * network), then looked up by path. Also the pure rules shared with the
 * menu format: what an image path and a SHA-256 in hex look like. Pure: no
 * I/O, no logging.
 */
#ifndef KIOSK_DOMAIN_IMAGE_MANIFEST_H
#define KIOSK_DOMAIN_IMAGE_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/catalog.h"

/* Largest manifest accepted, and entries in one: every item, combo and category of a menu. */
#define KS_IMAGE_MANIFEST_MAX_BYTES (16u * 1024u * 1024u)
#define KS_IMAGE_MANIFEST_MAX_ENTRIES 101000u
/* An image path: menu-format.md, "at most 256 characters of [A-Za-z0-9_./-]". */
#define KS_IMAGE_PATH_MAX 256
/* Lowercase hex of a SHA-256, without its NUL. */
#define KS_SHA256_HEX_LEN 64

typedef struct ks_image_manifest ks_image_manifest;

/*
 * Parses len bytes of JSON (no NUL needed). Both members are required and
 * no other is allowed; paths follow ks_image_path_ok and hashes
 * ks_sha256_hex_ok; no member name may repeat. Returns a new manifest owned
 * by the caller (ks_image_manifest_free), or NULL with an English reason
 * naming the member at fault in why[cap] (why may be NULL).
 */
ks_image_manifest *ks_image_manifest_parse(const char *json, size_t len, char *why, size_t cap);

/* Accepts NULL. */
void ks_image_manifest_free(ks_image_manifest *m);

/* The SHA-256 (hex) of the menu file the manifest describes; borrowed from m. */
const char *ks_image_manifest_menu(const ks_image_manifest *m);

/* Entries, sorted by path. */
size_t ks_image_manifest_count(const ks_image_manifest *m);

/* Entry i (< count): its path and hash, borrowed from m. */
void ks_image_manifest_entry(const ks_image_manifest *m, size_t i, const char **path,
                             const char **sha256);

/* The hash the manifest gives path, borrowed from m; NULL when it lists no such path. */
const char *ks_image_manifest_find(const ks_image_manifest *m, const char *path);

/*
 * Where the picture of a menu's image path is on disk: cache_dir/<hash>
 * when m (may be NULL) lists path, else assets_dir/path. False when path
 * is empty or the result does not fit out[cap].
 */
bool ks_image_manifest_resolve(const ks_image_manifest *m, const char *cache_dir,
                               const char *assets_dir, const char *path, char *out, size_t cap);

/* An image path as menu-format.md allows it (non-empty). */
bool ks_image_path_ok(const char *path);

/* Exactly 64 characters of [0-9a-f]. */
bool ks_sha256_hex_ok(const char *hex);

/*
 * Calls fn once for each distinct non-empty image path cat uses (of its
 * categories, items and combos), in byte order of the paths. Returns how
 * many; 0 when out of memory as well as when there are none.
 */
size_t ks_catalog_each_image(const ks_catalog *cat, void (*fn)(const char *path, void *ctx),
                             void *ctx);

#endif
