/* The menus' pictures by content hash: see kiosk/backend/backend_images.h. */
#define LOG_TAG "backend_images"
#include "kiosk/backend/backend_images.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/common/bounded_file.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/image_manifest.h"
#include "kiosk/store/image_cache.h"

/* A picture file as last hashed; hashed again when any of dev, ino, size, mtime changed. */
struct known {
    char *path; /* owned; relative to the assets folder */
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    char sha256[KS_SHA256_HEX_LEN + 1];
};

struct ks_backend_images {
    char assets[PATH_MAX];
    struct known *known; /* owned; sorted by path up to n_sorted, then appended */
    size_t n, n_sorted, cap;
};

ks_backend_images *ks_backend_images_new(const char *assets_dir)
{
    ks_backend_images *im = calloc(1, sizeof *im);
    if (im)
        snprintf(im->assets, sizeof im->assets, "%s", assets_dir ? assets_dir : "");
    return im;
}

void ks_backend_images_free(ks_backend_images *im)
{
    if (!im)
        return;
    for (size_t i = 0; i < im->n; i++)
        free(im->known[i].path);
    free(im->known);
    free(im);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct known *)a)->path, ((const struct known *)b)->path);
}

static struct known *find(ks_backend_images *im, const char *path)
{
    struct known key = {.path = (char *)path};
    struct known *hit =
        im->n_sorted ? bsearch(&key, im->known, im->n_sorted, sizeof key, by_path) : NULL;
    for (size_t i = im->n_sorted; !hit && i < im->n; i++)
        if (strcmp(im->known[i].path, path) == 0)
            hit = &im->known[i];
    return hit;
}

/* The picture file, whole, when it still has the size st gave (NULL when it changed meanwhile). */
static char *read_picture(const char *file, const struct stat *st, size_t *len)
{
    char why[PATH_MAX + 32];
    char *data = ks_bounded_file_read(file, KS_BACKEND_IMAGE_MAX, len, why, sizeof why);
    if (data && *len != (size_t)st->st_size) {
        free(data);
        return NULL;
    }
    return data;
}

/* The current hash of the picture at path, hashing it again only when its file changed. */
static const struct known *hash_of(ks_backend_images *im, const char *path)
{
    char file[PATH_MAX + KS_IMAGE_PATH_MAX + 2];
    struct stat st;
    snprintf(file, sizeof file, "%s/%s", im->assets, path);
    if (stat(file, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
        (uintmax_t)st.st_size > KS_BACKEND_IMAGE_MAX)
        return NULL;
    struct known *k = find(im, path);
    if (k && k->dev == st.st_dev && k->ino == st.st_ino && k->size == st.st_size &&
        k->mtime.tv_sec == st.st_mtim.tv_sec && k->mtime.tv_nsec == st.st_mtim.tv_nsec)
        return k;
    size_t len = 0;
    char *data = read_picture(file, &st, &len);
    char sha[KS_SHA256_HEX_LEN + 1];
    bool hashed = data && ks_image_cache_hash(data, len, sha);
    free(data);
    if (!hashed)
        return NULL;
    if (!k) {
        if (im->n == im->cap) {
            size_t cap = im->cap ? 2 * im->cap : 64;
            struct known *grown = realloc(im->known, cap * sizeof *grown);
            if (!grown)
                return NULL;
            im->known = grown;
            im->cap = cap;
        }
        k = &im->known[im->n];
        *k = (struct known){.path = strdup(path)};
        if (!k->path)
            return NULL;
        im->n++;
    }
    k->dev = st.st_dev;
    k->ino = st.st_ino;
    k->size = st.st_size;
    k->mtime = st.st_mtim;
    memcpy(k->sha256, sha, sizeof sha);
    return k;
}

/* Adds to paths (an object used as a set) every "image" member of value holding a valid path. */
static void collect_paths(json_t *value, json_t *paths)
{
    const char *key;
    json_t *member;
    size_t i;
    if (json_is_object(value)) {
        json_object_foreach (value, key, member) {
            const char *text = json_string_value(member);
            if (strcmp(key, "image") == 0 && text && ks_image_path_ok(text) &&
                json_object_size(paths) < KS_BACKEND_IMAGES_PER_MENU)
                json_object_set_new(paths, text, json_null());
            else
                collect_paths(member, paths);
        }
    } else if (json_is_array(value)) {
        json_array_foreach (value, i, member) {
            collect_paths(member, paths);
        }
    }
}

char *ks_backend_images_manifest(ks_backend_images *im, const char *menu, size_t len)
{
    char menu_sha[KS_SHA256_HEX_LEN + 1];
    if (!ks_image_cache_hash(menu, len, menu_sha))
        return NULL;
    json_t *root = json_loadb(menu, len, JSON_REJECT_DUPLICATES, NULL);
    json_t *paths = json_object(), *images = json_object();
    bool ok = paths && images;
    if (ok && root && im->assets[0])
        collect_paths(root, paths);
    const char *path;
    json_t *unused;
    json_object_foreach (paths, path, unused) {
        const struct known *k = ok ? hash_of(im, path) : NULL;
        if (k)
            ok = json_object_set_new(images, path, json_string(k->sha256)) == 0;
    }
    if (im->n > 1)
        qsort(im->known, im->n, sizeof *im->known, by_path);
    im->n_sorted = im->n;
    json_t *manifest = ok ? json_pack("{s:s, s:O}", "menu", menu_sha, "images", images) : NULL;
    /* Sorted keys: the same pictures give the same bytes, so the same ETag. */
    char *text = manifest ? json_dumps(manifest, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(manifest);
    json_decref(images);
    json_decref(paths);
    json_decref(root);
    return text;
}

static const char *content_type(const unsigned char *data, size_t len)
{
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
        return "image/jpeg";
    if (len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
        return "image/webp";
    return "application/octet-stream";
}

char *ks_backend_images_read(ks_backend_images *im, const char *sha256, size_t *len,
                             const char **type)
{
    *len = 0;
    *type = NULL;
    if (!ks_sha256_hex_ok(sha256))
        return NULL;
    for (size_t i = 0; i < im->n; i++) {
        if (strcmp(im->known[i].sha256, sha256) != 0)
            continue;
        char file[PATH_MAX + KS_IMAGE_PATH_MAX + 2];
        struct stat st;
        snprintf(file, sizeof file, "%s/%s", im->assets, im->known[i].path);
        if (stat(file, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
            (uintmax_t)st.st_size > KS_BACKEND_IMAGE_MAX)
            continue;
        char *data = read_picture(file, &st, len);
        char actual[KS_SHA256_HEX_LEN + 1];
        /* The file may have changed since it was listed: serve only the bytes asked for. */
        if (data && ks_image_cache_hash(data, *len, actual) && strcmp(actual, sha256) == 0) {
            *type = content_type((const unsigned char *)data, *len);
            return data;
        }
        free(data);
    }
    *len = 0;
    return NULL;
}
