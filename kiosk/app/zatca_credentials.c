/* The device's CSID on disk: see kiosk/app/zatca_credentials.h. */
#define LOG_TAG "zatca"
#include "kiosk/app/zatca_credentials.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/common/log.h"

bool ks_zatca_credentials_load(const char *path, ks_zatca_csid *out)
{
    bool ok = false;
    char *text = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        LOG_ERROR("ZATCA credentials %s cannot be read", path);
        goto end;
    }
    if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077) != 0) {
        LOG_ERROR("ZATCA credentials %s must be a file of this user with mode 0600 (is %03o)", path,
                  (unsigned)(st.st_mode & 0777));
        goto end;
    }
    if (st.st_size <= 0 || st.st_size > KS_ZATCA_ANSWER_MAX) {
        LOG_ERROR("ZATCA credentials %s: size %lld out of range", path, (long long)st.st_size);
        goto end;
    }
    size_t len = (size_t)st.st_size;
    text = malloc(len);
    if (!text || read(fd, text, len) != (ssize_t)len) {
        LOG_ERROR("ZATCA credentials %s cannot be read", path);
        goto end;
    }
    const char *why = NULL;
    ok = ks_zatca_csid_parse(text, len, out, &why);
    if (!ok)
        LOG_ERROR("ZATCA credentials %s: %s", path, why);
end:
    if (text)
        memset(text, 0, st.st_size > 0 ? (size_t)st.st_size : 0);
    free(text);
    if (fd >= 0)
        close(fd);
    return ok;
}

bool ks_zatca_secret_file_write(const char *path, const char *text, size_t len)
{
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
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
    }
    return ok;
}
