/*
 * The pictures of the stores' menus, served by content hash
 * (kiosk/docs/backend-api.md, "Menu pictures"):
 *
 *   GET /v1/menu/images?store=ID -> {"menu": "<SHA-256 of the menu file>",
 *                                    "images": {"<path>": "<SHA-256>", ...}}
 *   GET /v1/images/<SHA-256>     -> the picture's bytes, immutable
 *
 * The manifest lists every image path the menu file names (any member
 * "image" holding a path of the menu format's rules) whose file exists in
 * the assets folder ([backend] assets) and is at most 2 MiB. Hashes are
 * remembered by path, size, modification time and inode, so a picture is
 * read and hashed again only when its file changed; a picture is served
 * only when a menu of this backend names it and its bytes still have the
 * hash asked for.
 *
 * One instance per API, used by the one thread that answers requests.
 */
#ifndef KIOSK_BACKEND_BACKEND_IMAGES_H
#define KIOSK_BACKEND_BACKEND_IMAGES_H

#include <stdbool.h>
#include <stddef.h>

/* Largest picture served (the kiosk refuses more). */
#define KS_BACKEND_IMAGE_MAX (2u * 1024u * 1024u)
/* Image paths looked at per menu file. */
#define KS_BACKEND_IMAGES_PER_MENU 101000u

typedef struct ks_backend_images ks_backend_images;

/* Pictures under assets_dir (copied; "" or NULL: none are served). NULL when out of memory. */
ks_backend_images *ks_backend_images_new(const char *assets_dir);

/* Accepts NULL. */
void ks_backend_images_free(ks_backend_images *im);

/*
 * The manifest of the menu file's len bytes (compact JSON, owned: free()),
 * or NULL when out of memory. A menu that is not JSON has no image paths:
 * its manifest lists none (the kiosk refuses such a menu anyway).
 */
char *ks_backend_images_manifest(ks_backend_images *im, const char *menu, size_t len);

/*
 * The picture whose SHA-256 is sha256 (64 lowercase hex) among those the
 * manifests made so far listed: its bytes (owned, free()) and *len, and
 * *type its static content type ("image/png", "image/jpeg", "image/webp",
 * else "application/octet-stream"). NULL when no listed picture has that
 * hash (now), or it cannot be read.
 */
char *ks_backend_images_read(ks_backend_images *im, const char *sha256, size_t *len,
                             const char **type);

#endif
