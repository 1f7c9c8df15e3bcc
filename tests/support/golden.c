/* Golden-image comparison: see tests/support/golden.h. */
#include "tests/support/golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/check.h"
#include "ui/png.h"

const char *golden_path(const char *subdir, const char *name, const char *suffix)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s%s%s%s.png", check_source_dir(), subdir,
             subdir[0] ? "/" : "", name, suffix);
    return path;
}

/* Pixels that differ between the rendering and the reference (same size). */
static size_t count_differences(const uint8_t *ref, const uint8_t *rgba, int w, int h,
                                size_t stride)
{
    size_t differ = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            differ += memcmp(ref + ((size_t)y * (size_t)w + (size_t)x) * 4,
                             rgba + (size_t)y * stride + (size_t)x * 4, 4) != 0;
    return differ;
}

bool golden_match_rgba(const char *subdir, const char *name, const uint8_t *rgba, int w, int h,
                       size_t stride)
{
    const char *update = getenv("KIOSK_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        remove(golden_path(subdir, name, "_err"));
        bool ok = ui_png_write(golden_path(subdir, name, ""), rgba, w, h, stride);
        fprintf(stderr, "  wrote %s\n", golden_path(subdir, name, ""));
        return ok;
    }
    int rw = 0, rh = 0;
    uint8_t *ref = ui_png_read(golden_path(subdir, name, ""), &rw, &rh);
    bool same_size = ref && rw == w && rh == h;
    size_t differ = same_size ? count_differences(ref, rgba, w, h, stride) : 0;
    free(ref);
    if (same_size && differ == 0) {
        remove(golden_path(subdir, name, "_err"));
        return true;
    }
    ui_png_write(golden_path(subdir, name, "_err"), rgba, w, h, stride);
    if (!ref)
        fprintf(stderr, "  no reference %s (set KIOSK_UPDATE_GOLDEN=1 to write it)\n",
                golden_path(subdir, name, ""));
    else if (!same_size)
        fprintf(stderr, "  size %dx%d, reference %dx%d; see %s\n", w, h, rw, rh,
                golden_path(subdir, name, "_err"));
    else
        fprintf(stderr, "  %zu pixels differ; see %s\n", differ, golden_path(subdir, name, "_err"));
    return false;
}
