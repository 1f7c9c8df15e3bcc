/* Pictures stored by content hash: see kiosk/store/image_cache.h. */
#define LOG_TAG "image_cache"
#include "kiosk/store/image_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/common/fs_sync.h"
#include "kiosk/common/log.h"

/* Temporary files: ".tmp-<sha256>-<pid>", removed by prune when a crash left one. */
#define TMP_PREFIX ".tmp-"

const char *ks_image_cache_strerror(enum ks_image_cache_error err)
{
    switch (err) {
    case KS_IMAGE_CACHE_OK:
        return "ok";
    case KS_IMAGE_CACHE_MISMATCH:
        return "the picture's bytes do not have the SHA-256 they were fetched by";
    case KS_IMAGE_CACHE_INVALID:
        return "not a SHA-256 in hex, or the cache folder's path is too long";
    case KS_IMAGE_CACHE_IO:
        return "the picture cannot be written to the cache folder";
    }
    return "unknown error";
}

bool ks_image_cache_hash(const void *data, size_t len, char out[KS_SHA256_HEX_LEN + 1])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    out[0] = '\0';
    if (!EVP_Digest(len ? data : "", len, digest, &digest_len, EVP_sha256(), NULL) ||
        digest_len != 32)
        return false;
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[KS_SHA256_HEX_LEN] = '\0';
    return true;
}

bool ks_image_cache_prepare(const char *dir)
{
    if (mkdir(dir, 0755) == 0 || errno == EEXIST)
        return true;
    LOG_ERROR("cannot create the image cache %s: %s", dir, strerror(errno));
    return false;
}

bool ks_image_cache_path(const char *dir, const char *sha256, char *out, size_t cap)
{
    if (cap)
        out[0] = '\0';
    if (!ks_sha256_hex_ok(sha256))
        return false;
    int n = snprintf(out, cap, "%s/%s", dir, sha256);
    return n > 0 && (size_t)n < cap;
}

bool ks_image_cache_has(const char *dir, const char *sha256)
{
    char path[PATH_MAX];
    struct stat st;
    return ks_image_cache_path(dir, sha256, path, sizeof path) && stat(path, &st) == 0 &&
           S_ISREG(st.st_mode);
}

static bool write_all(int fd, const unsigned char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

enum ks_image_cache_error ks_image_cache_put(const char *dir, const char *sha256, const void *data,
                                             size_t len)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    if (!ks_image_cache_path(dir, sha256, path, sizeof path))
        return KS_IMAGE_CACHE_INVALID;
    int n = snprintf(tmp, sizeof tmp, "%s/" TMP_PREFIX "%s-%ld", dir, sha256, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return KS_IMAGE_CACHE_INVALID;
    char actual[KS_SHA256_HEX_LEN + 1];
    if (!ks_image_cache_hash(data, len, actual) || strcmp(actual, sha256) != 0)
        return KS_IMAGE_CACHE_MISMATCH;
    if (ks_image_cache_has(dir, sha256))
        return KS_IMAGE_CACHE_OK;

    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        LOG_ERROR("cannot create %s: %s", tmp, strerror(errno));
        return KS_IMAGE_CACHE_IO;
    }
    bool ok = write_all(fd, data, len) && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        LOG_ERROR("cannot write %s: %s", path, strerror(saved));
        unlink(tmp);
        return KS_IMAGE_CACHE_IO;
    }
    /* The rename is durable only once the folder's entry is on disk too. */
    if (!ks_fsync_dir(dir))
        LOG_WARN("cannot sync the folder %s: %s", dir, strerror(errno));
    return KS_IMAGE_CACHE_OK;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t ks_image_cache_prune(const char *dir, const char *const *keep, size_t n_keep)
{
    const char **sorted = malloc((n_keep ? n_keep : 1) * sizeof *sorted);
    DIR *d = sorted ? opendir(dir) : NULL;
    if (!d) {
        if (sorted)
            LOG_WARN("cannot read the image cache %s: %s", dir, strerror(errno));
        free(sorted);
        return 0;
    }
    if (n_keep) {
        memcpy(sorted, keep, n_keep * sizeof *sorted);
        qsort(sorted, n_keep, sizeof *sorted, by_string);
    }
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        bool temporary = strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0;
        if (!temporary &&
            (!ks_sha256_hex_ok(name) || bsearch(&name, sorted, n_keep, sizeof *sorted, by_string)))
            continue;
        if (unlinkat(dirfd(d), name, 0) == 0)
            removed++;
        else
            LOG_WARN("cannot delete %s/%s: %s", dir, name, strerror(errno));
    }
    closedir(d);
    free(sorted);
    return removed;
}
