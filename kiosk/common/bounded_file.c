/* Reading a small file whole, with a byte limit: see kiosk/common/bounded_file.h. */
#include "kiosk/common/bounded_file.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

char *ks_bounded_file_read(const char *path, size_t max_bytes, size_t *len, char *why,
                           size_t why_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "cannot open %s", path);
        return NULL;
    }
    char *text = malloc(max_bytes + 1);
    *len = text ? fread(text, 1, max_bytes + 1, f) : 0;
    bool read_error = ferror(f);
    fclose(f);
    if (!text || read_error) {
        free(text);
        snprintf(why, why_size, "cannot read %s", path);
        return NULL;
    }
    return text;
}
