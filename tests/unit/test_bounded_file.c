/*
 * kiosk/common/bounded_file: whole small files read with a byte limit (one
 * byte past it read, so a caller can refuse), sized by the file but never
 * cut short when it grows or does not say its size (a FIFO), and the
 * secret rule (no access for other users) checked on the file read.
 */
#include "kiosk/common/bounded_file.h"
#include "tests/support/check.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Writes n bytes of 'a'..'z' in turn to path; false on failure. */
static bool write_pattern(const char *path, size_t n)
{
    FILE *f = fopen(path, "wb");
    for (size_t i = 0; f && i < n; i++)
        fputc('a' + (int)(i % 26), f);
    return f && fclose(f) == 0;
}

/* True when text[0..n) is the pattern write_pattern writes. */
static bool is_pattern(const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (text[i] != 'a' + (int)(i % 26))
            return false;
    return true;
}

static void test_limits(void)
{
    char path[4096], why[256];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "sizes.txt"));
    static const size_t sizes[] = {0, 1, 99, 100, 101, 5000};
    for (size_t i = 0; i < CHECK_COUNT(sizes); i++) {
        CHECK(write_pattern(path, sizes[i]));
        size_t len = 12345;
        char *text = ks_bounded_file_read(path, 100, &len, why, sizeof why);
        CHECK(text != NULL);
        /* At most one byte past the limit, so 101 tells "too large". */
        CHECK_EQ_INT(len, sizes[i] > 101 ? 101 : sizes[i]);
        CHECK(is_pattern(text, len));
        free(text);
    }
    size_t len;
    CHECK(ks_bounded_file_read(check_path(check_tmp_dir(), "none.txt"), 100, &len, why,
                               sizeof why) == NULL);
    CHECK_CONTAINS(why, "cannot open");
}

/* A FIFO says no size: the reader grows its buffer and still stops one byte past the limit. */
static void test_fifo(void)
{
    char path[4096], why[256];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "fifo"));
    unlink(path);
    CHECK(mkfifo(path, 0600) == 0);
    static const size_t sizes[] = {70000, 3000};
    for (size_t i = 0; i < CHECK_COUNT(sizes); i++) {
        pid_t child = fork();
        CHECK(child >= 0);
        if (child == 0) {
            /* The writer: the pattern, then the end (EPIPE once the reader stops is fine). */
            signal(SIGPIPE, SIG_IGN);
            _exit(write_pattern(path, sizes[i]) ? 0 : 1);
        }
        size_t len = 0;
        char *text = ks_bounded_file_read(path, 65536, &len, why, sizeof why);
        int status;
        waitpid(child, &status, 0);
        CHECK(text != NULL);
        CHECK_EQ_INT(len, sizes[i] > 65537 ? 65537 : sizes[i]);
        CHECK(is_pattern(text, len));
        free(text);
    }
    unlink(path);
}

static void test_secret_rule(void)
{
    char path[4096], why[256];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "secret.ini"));
    CHECK(write_pattern(path, 10));
    size_t len;
    CHECK(chmod(path, 0644) == 0);
    char *text = ks_bounded_file_read(path, 100, &len, why, sizeof why);
    CHECK(text != NULL); /* no secret: any mode */
    free(text);
    CHECK(ks_secret_file_read(path, 100, &len, why, sizeof why) == NULL);
    CHECK_CONTAINS(why, "(mode 0644) and holds secrets: chmod o-rwx");
    CHECK(chmod(path, 0640) == 0);
    text = ks_secret_file_read(path, 100, &len, why, sizeof why);
    CHECK(text != NULL);
    CHECK_EQ_INT(len, 10);
    free(text);
    CHECK(ks_secret_file_read(check_tmp_dir(), 100, &len, why, sizeof why) == NULL);
    CHECK_CONTAINS(why, "is not a regular file");
}

static const struct check_case cases[] = {
    {"limits: one byte past, sized by the file", test_limits},
    {"a FIFO: grown, still bounded", test_fifo},
    {"secrets: no access for other users", test_secret_rule},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
