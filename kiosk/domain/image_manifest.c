/* The images manifest of a menu: see kiosk/domain/image_manifest.h. */
#include "kiosk/domain/image_manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/json_read.h"

struct entry {
    const char *path; /* points into ks_image_manifest.paths */
    char sha256[KS_SHA256_HEX_LEN + 1];
};

struct ks_image_manifest {
    char menu[KS_SHA256_HEX_LEN + 1];
    struct entry *entries; /* owned, sorted by path */
    size_t n;
    char *paths; /* owned: every path, NUL-terminated, one after the other */
};

bool ks_sha256_hex_ok(const char *hex)
{
    if (!hex)
        return false;
    size_t i = 0;
    for (; hex[i] && i <= KS_SHA256_HEX_LEN; i++)
        if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
            return false;
    return i == KS_SHA256_HEX_LEN;
}

bool ks_image_path_ok(const char *path)
{
    size_t len = path ? strnlen(path, KS_IMAGE_PATH_MAX + 1) : 0;
    if (len == 0 || len > KS_IMAGE_PATH_MAX || path[0] == '/' || path[len - 1] == '/' ||
        strstr(path, ".."))
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = path[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '/' || c == '-'))
            return false;
    }
    return true;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

void ks_image_manifest_free(ks_image_manifest *m)
{
    if (!m)
        return;
    free(m->entries);
    free(m->paths);
    free(m);
}

/* Every entry of images follows the rules; adds what their paths take with their NULs to *bytes. */
static bool entries_ok(ks_json_reader *r, json_t *images, size_t *bytes)
{
    const char *key;
    json_t *value;
    if (json_object_size(images) > KS_IMAGE_MANIFEST_MAX_ENTRIES)
        return ks_json_fail(r, "images", "too many entries");
    json_object_foreach (images, key, value) {
        if (!ks_image_path_ok(key))
            return ks_json_fail(r, "images",
                                "a path is 1-256 characters of A-Z a-z 0-9 _ . / -, without "
                                "\"..\" or a leading or trailing /");
        if (!ks_sha256_hex_ok(json_string_value(value)))
            return ks_json_fail(r, "images", "expected a SHA-256 in lowercase hex");
        *bytes += strlen(key) + 1;
    }
    return true;
}

ks_image_manifest *ks_image_manifest_parse(const char *json, size_t len, char *why, size_t cap)
{
    static const char *const members[] = {"menu", "images", NULL};
    ks_json_reader r;
    ks_json_reader_init(&r);
    ks_image_manifest *m = NULL;
    json_t *root, *images, *value;
    const char *menu = NULL, *key;
    size_t bytes = 0;
    if (!ks_json_load(&r, json, len, KS_IMAGE_MANIFEST_MAX_BYTES, &root) ||
        !ks_json_object(&r, root, NULL, members) ||
        !ks_json_string(&r, root, "menu", true, 0, KS_SHA256_HEX_LEN, KS_JSON_ANY, &menu))
        goto refused;
    if (!ks_sha256_hex_ok(menu)) {
        ks_json_fail(&r, "menu", "expected a SHA-256 in lowercase hex");
        goto refused;
    }
    images = json_object_get(root, "images");
    if (!ks_json_object(&r, root, "images", NULL) || !entries_ok(&r, images, &bytes))
        goto refused;
    m = calloc(1, sizeof *m);
    if (m) {
        m->entries = calloc(json_object_size(images) + 1, sizeof *m->entries);
        m->paths = malloc(bytes + 1);
    }
    if (!m || !m->entries || !m->paths) {
        ks_json_fail(&r, NULL, "out of memory");
        goto refused;
    }
    memcpy(m->menu, menu, sizeof m->menu);
    char *at = m->paths;
    json_object_foreach (images, key, value) {
        size_t klen = strlen(key) + 1;
        memcpy(at, key, klen);
        m->entries[m->n].path = at;
        memcpy(m->entries[m->n].sha256, json_string_value(value), KS_SHA256_HEX_LEN + 1);
        m->n++;
        at += klen;
    }
    qsort(m->entries, m->n, sizeof *m->entries, by_path);
    json_decref(root);
    return m;
refused:
    if (why)
        ks_json_error_line(&r.error, why, cap);
    ks_image_manifest_free(m);
    json_decref(root);
    return NULL;
}

const char *ks_image_manifest_menu(const ks_image_manifest *m)
{
    return m->menu;
}

size_t ks_image_manifest_count(const ks_image_manifest *m)
{
    return m->n;
}

void ks_image_manifest_entry(const ks_image_manifest *m, size_t i, const char **path,
                             const char **sha256)
{
    *path = m->entries[i].path;
    *sha256 = m->entries[i].sha256;
}

const char *ks_image_manifest_find(const ks_image_manifest *m, const char *path)
{
    if (!m || !path)
        return NULL;
    struct entry key = {.path = path};
    const struct entry *hit = bsearch(&key, m->entries, m->n, sizeof *m->entries, by_path);
    return hit ? hit->sha256 : NULL;
}

bool ks_image_manifest_resolve(const ks_image_manifest *m, const char *cache_dir,
                               const char *assets_dir, const char *path, char *out, size_t cap)
{
    if (cap)
        out[0] = '\0';
    if (!path || !path[0])
        return false;
    const char *sha = ks_image_manifest_find(m, path);
    int n = sha ? snprintf(out, cap, "%s/%s", cache_dir, sha)
                : snprintf(out, cap, "%s/%s", assets_dir, path);
    return n > 0 && (size_t)n < cap;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t ks_catalog_each_image(const ks_catalog *cat, void (*fn)(const char *path, void *ctx),
                             void *ctx)
{
    size_t n_cats = 0, n_items = 0;
    const ks_category *cats = ks_catalog_categories(cat, &n_cats);
    const ks_item *items = ks_catalog_items(cat, &n_items);
    const char **all = malloc((n_cats + n_items + 1) * sizeof *all);
    if (!all)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < n_cats; i++)
        if (cats[i].image[0])
            all[n++] = cats[i].image;
    for (size_t i = 0; i < n_items; i++)
        if (items[i].image[0])
            all[n++] = items[i].image;
    qsort(all, n, sizeof *all, by_string);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(all[i], all[i - 1]) == 0)
            continue;
        fn(all[i], ctx);
        distinct++;
    }
    free(all);
    return distinct;
}
