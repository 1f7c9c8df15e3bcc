/* The test harness behind tests/support/check.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "tests/support/check.h"

#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool current_failed;

void check_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "  %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    current_failed = true;
}

static bool selected(const char *name, int argc, char **argv)
{
    if (argc < 2)
        return true;
    for (int i = 1; i < argc; i++)
        if (strstr(name, argv[i]))
            return true;
    return false;
}

int check_run(const struct check_case *cases, size_t n, int argc, char **argv)
{
    /* Files the tests make (configurations with tokens, databases) are the
     * service's: the mask systemd gives it, so no other user may read them. */
    umask(027);
    size_t failed = 0, ran = 0;
    for (size_t i = 0; i < n; i++) {
        if (!selected(cases[i].name, argc, argv))
            continue;
        current_failed = false;
        cases[i].run();
        ran++;
        if (current_failed) {
            failed++;
            fprintf(stderr, "FAIL %s\n", cases[i].name);
        } else {
            fprintf(stderr, "ok   %s\n", cases[i].name);
        }
    }
    fprintf(stderr, "%zu of %zu cases passed\n", ran - failed, ran);
    return failed == 0 && ran > 0 ? 0 : 1;
}

const char *check_source_dir(void)
{
    const char *dir = getenv("KIOSK_SOURCE_DIR");
    return dir && *dir ? dir : ".";
}

/* nftw callback: removes what it is shown, the folder itself (level 0) excepted. */
static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *at)
{
    (void)st;
    (void)type;
    return at->level == 0 || remove(path) == 0 ? 0 : -1;
}

const char *check_tmp_dir(void)
{
    static char dir[4096];
    if (dir[0])
        return dir;
    const char *env = getenv("KIOSK_TEST_TMPDIR");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        /* Emptied first: no run sees an earlier run's files (or their modes). */
        if ((mkdir(dir, 0700) != 0 && errno != EEXIST) ||
            nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
            dir[0] = '\0';
    }
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/kiosk-test-XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    return dir;
}

const char *check_path(const char *dir, const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

char *check_read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *grown = realloc(buf, cap);
            if (!grown) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

const char *check_installed_copy(const char *source_relative)
{
    static char copy[4096];
    char source[4096];
    const char *slash = strrchr(source_relative, '/');
    snprintf(source, sizeof source, "%s/%s", check_source_dir(), source_relative);
    snprintf(copy, sizeof copy, "%s/installed-%s", check_tmp_dir(),
             slash ? slash + 1 : source_relative);
    size_t len;
    char *text = check_read_file(source, &len);
    FILE *f = text ? fopen(copy, "wb") : NULL;
    bool ok = f && fwrite(text, 1, len, f) == len;
    if (f)
        ok = fclose(f) == 0 && ok;
    free(text);
    return ok && chmod(copy, 0640) == 0 ? copy : NULL;
}

int64_t check_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void check_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}
