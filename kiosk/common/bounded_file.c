/* Reading a small file whole, with a byte limit: see kiosk/common/bounded_file.h. */
#include "kiosk/common/bounded_file.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* True when the file at path, of status st (NULL: unknown), is regular and closed to others. */
static bool secret_file_private(const struct stat *st, const char *path, char *why, size_t why_size)
{
    if (!st || !S_ISREG(st->st_mode)) {
        snprintf(why, why_size, "%s is not a regular file", path);
        return false;
    }
    if (st->st_mode & S_IRWXO) {
        snprintf(why, why_size,
                 "%s can be read by every user of this machine (mode %04o) and holds secrets: "
                 "chmod o-rwx %s",
                 path, (unsigned)(st->st_mode & 07777), path);
        return false;
    }
    return true;
}

/* The one reader: secret says whether other users' access refuses the file. */
static char *read_bounded(const char *path, size_t max_bytes, bool secret, size_t *len, char *why,
                          size_t why_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        snprintf(why, why_size, "cannot open %s", path);
        return NULL;
    }
    /* One status of the very file read: the secret rule and the buffer's size. */
    struct stat st;
    bool known = fstat(fd, &st) == 0;
    if (secret && !secret_file_private(known ? &st : NULL, path, why, why_size)) {
        fclose(f);
        return NULL;
    }
    /* Sized by the file when it says (one byte more, to notice growth), grown while it fills. */
    size_t limit = max_bytes + 1, cap = limit;
    if (known && S_ISREG(st.st_mode) && st.st_size >= 0 && (uintmax_t)st.st_size < max_bytes)
        cap = (size_t)st.st_size + 1;
    char *text = malloc(cap);
    size_t n = 0;
    bool read_error = false;
    while (text && !read_error) {
        n += fread(text + n, 1, cap - n, f);
        read_error = ferror(f) != 0;
        if (n < cap || cap == limit)
            break;
        size_t grown = cap > limit / 2 ? limit : cap * 2;
        char *bigger = realloc(text, grown);
        if (!bigger) {
            free(text);
            text = NULL;
        } else {
            text = bigger;
            cap = grown;
        }
    }
    fclose(f);
    if (!text || read_error) {
        free(text);
        snprintf(why, why_size, "cannot read %s", path);
        return NULL;
    }
    *len = n;
    return text;
}

char *ks_bounded_file_read(const char *path, size_t max_bytes, size_t *len, char *why,
                           size_t why_size)
{
    return read_bounded(path, max_bytes, false, len, why, why_size);
}

char *ks_secret_file_read(const char *path, size_t max_bytes, size_t *len, char *why,
                          size_t why_size)
{
    return read_bounded(path, max_bytes, true, len, why, why_size);
}
