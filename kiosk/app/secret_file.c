/* The kiosk's secrets on disk: see kiosk/app/secret_file.h. */
#define LOG_TAG "secret_file"
#include "kiosk/app/secret_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/common/fs_sync.h"
#include "kiosk/common/log.h"

char *ks_secret_file_load(const char *path, size_t max, size_t *len)
{
    char *text = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        LOG_ERROR("%s cannot be read", path);
        goto end;
    }
    if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077) != 0) {
        LOG_ERROR("%s must be a file of this user with mode 0600 (is %03o)", path,
                  (unsigned)(st.st_mode & 0777));
        goto end;
    }
    if (st.st_size <= 0 || (unsigned long long)st.st_size > max) {
        LOG_ERROR("%s: size %lld out of range", path, (long long)st.st_size);
        goto end;
    }
    *len = (size_t)st.st_size;
    text = malloc(*len + 1);
    if (!text || read(fd, text, *len) != (ssize_t)*len) {
        LOG_ERROR("%s cannot be read", path);
        free(text);
        text = NULL;
        goto end;
    }
    text[*len] = '\0';
end:
    if (fd >= 0)
        close(fd);
    return text;
}

/* path's folder into out[cap] ("." for a bare name); false when it does not fit. */
static bool folder_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return (size_t)snprintf(out, cap, ".") < cap;
    int len = slash == path ? 1 : (int)(slash - path);
    return (size_t)snprintf(out, cap, "%.*s", len, path) < cap;
}

bool ks_secret_file_write(const char *path, const char *text, size_t len)
{
    char tmp[4200], dir[4200];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp ||
        !folder_of(path, dir, sizeof dir)) {
        LOG_ERROR("path too long: %s", path);
        return false;
    }
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    bool ok =
        fd >= 0 && fchmod(fd, 0600) == 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        LOG_ERROR("cannot write %s", path);
        unlink(tmp);
        return false;
    }
    /* The rename itself must survive a power cut before the caller reports the file written. */
    if (!ks_fsync_dir(dir)) {
        LOG_ERROR("%s written, but its folder %s cannot be synced", path, dir);
        return false;
    }
    return true;
}
