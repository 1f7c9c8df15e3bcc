/* The device's ZATCA secrets on disk: see kiosk/app/zatca_credentials.h. */
#define LOG_TAG "zatca"
#include "kiosk/app/zatca_credentials.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/common/log.h"

char *ks_zatca_secret_file_read(const char *path, size_t max, size_t *len)
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

bool ks_zatca_credentials_load(const char *path, ks_zatca_csid *out)
{
    size_t len = 0;
    char *text = ks_zatca_secret_file_read(path, KS_ZATCA_ANSWER_MAX, &len);
    if (!text)
        return false;
    const char *why = NULL;
    bool ok = ks_zatca_csid_parse(text, len, out, &why);
    if (!ok)
        LOG_ERROR("ZATCA credentials %s: %s", path, why);
    memset(text, 0, len);
    free(text);
    return ok;
}

bool ks_zatca_device_key_path(const ks_config *cfg, char *out, size_t cap)
{
    if (cfg->zatca_private_key[0])
        return (size_t)snprintf(out, cap, "%s", cfg->zatca_private_key) < cap;
    const char *slash = strrchr(cfg->zatca_credentials, '/');
    int folder = slash ? (int)(slash - cfg->zatca_credentials + 1) : 0;
    return (size_t)snprintf(out, cap, "%.*szatca-key.pem", folder, cfg->zatca_credentials) < cap;
}
