/* Reading a small file whole, with a byte limit: see kiosk/common/bounded_file.h. */
#include "kiosk/common/bounded_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* True when the open file fd at path is a regular file other users cannot touch. */
static bool secret_file_private(int fd, const char *path, char *why, size_t why_size)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "%s is not a regular file", path);
        return false;
    }
    if (st.st_mode & S_IRWXO) {
        snprintf(why, why_size,
                 "%s can be read by every user of this machine (mode %04o) and holds secrets: "
                 "chmod o-rwx %s",
                 path, (unsigned)(st.st_mode & 07777), path);
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
    if (secret && !secret_file_private(fd, path, why, why_size)) {
        fclose(f);
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
