/*
 * Fuzz target for the images manifest the backend answers
 * (kiosk/domain/image_manifest.h): any bytes are either refused with a
 * reason or give a manifest whose every entry follows the rules, is found
 * again by its path, and resolves inside the cache folder. The input is
 * copied into a buffer of exactly its size, so a read past the end is seen.
 * Seeds in tests/fuzz/corpus/menu_images/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/image_manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    char why[256] = "";
    ks_image_manifest *m = ks_image_manifest_parse(copy, size, why, sizeof why);
    if (!m && !why[0])
        abort(); /* a refusal always says why */
    if (m) {
        if (!ks_sha256_hex_ok(ks_image_manifest_menu(m)))
            abort();
        const char *previous = NULL;
        for (size_t i = 0; i < ks_image_manifest_count(m); i++) {
            const char *path, *sha;
            ks_image_manifest_entry(m, i, &path, &sha);
            if (!ks_image_path_ok(path) || !ks_sha256_hex_ok(sha) ||
                ks_image_manifest_find(m, path) != sha || (previous && strcmp(previous, path) >= 0))
                abort();
            char file[400], expected[80];
            snprintf(expected, sizeof expected, "cache/%s", sha);
            if (!ks_image_manifest_resolve(m, "cache", "assets", path, file, sizeof file) ||
                strcmp(file, expected) != 0)
                abort();
            previous = path;
        }
        ks_image_manifest_free(m);
    }
    free(copy);
    return 0;
}
