/*
 * A small test harness: named test tables, assertions that report file and
 * line, and helpers to locate the source tree and a private temporary folder.
 *
 *   static void test_rounding(void) { CHECK_EQ_INT(ks_round(5), 10); }
 *   static const struct check_case cases[] = {
 *       {"rounding half up", test_rounding},
 *   };
 *   int main(int argc, char **argv) { return check_run(cases, CHECK_COUNT(cases), argc, argv); }
 *
 * A failing CHECK marks the current case failed and returns from it; the run
 * goes on with the next case and exits non-zero at the end. Giving a case name
 * (or a substring) on the command line runs only the matching cases.
 */
#ifndef TESTS_SUPPORT_CHECK_H
#define TESTS_SUPPORT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct check_case {
    const char *name;
    void (*run)(void);
};

#define CHECK_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Runs the selected cases (all, or those whose name contains an argument)
 * under the file mask the services run with (027), so the files a test
 * makes are, like the service's, closed to other users.
 */
int check_run(const struct check_case *cases, size_t n, int argc, char **argv);

/* Records a failure of the current case; used by the macros below. */
void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Repository root (KIOSK_SOURCE_DIR, else "."); never NULL. */
const char *check_source_dir(void);
/*
 * A private, existing temporary folder for this test program, emptied at
 * the first call so no run sees an earlier one's files; never NULL.
 */
const char *check_tmp_dir(void);
/* Joins dir and name into a static buffer (valid until the next call). */
const char *check_path(const char *dir, const char *name);
/* Reads a whole file into a malloc'd, NUL-terminated buffer; NULL on error. */
char *check_read_file(const char *path, size_t *len_out);
/*
 * A copy of the repository's file (a shipped configuration) made the way
 * the package installs it, mode 0640, in the temporary folder: its path in
 * a static buffer (valid until the next call), NULL when it cannot be made.
 * A checkout's files are readable by everyone, which the programs refuse
 * for files holding secrets.
 */
const char *check_installed_copy(const char *source_relative);

/*
 * How long a test waits for another thread, process or device before it
 * calls the wait failed. A healthy run needs milliseconds; the bound is
 * generous so that a loaded machine (two suites at once on two cores, ASan)
 * never fails a correct program. Only a wait that must tell "woken" from
 * "slept its minute out" may use a bound near it.
 */
#define CHECK_WAIT_MS 30000

/* Monotonic milliseconds, for deadlines in tests. */
int64_t check_now_ms(void);
/* Sleeps ms milliseconds (a poll interval inside a deadline loop). */
void check_sleep_ms(int ms);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            check_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);                                    \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);                            \
        if (check_a_ != check_b_) {                                                                \
            check_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, check_a_, check_b_);  \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                                         \
    do {                                                                                           \
        const char *check_a_ = (a), *check_b_ = (b);                                               \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                           \
            check_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, #b,                   \
                       check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)");            \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_CONTAINS(haystack, needle)                                                           \
    do {                                                                                           \
        const char *check_h_ = (haystack), *check_n_ = (needle);                                   \
        if (!check_h_ || !strstr(check_h_, check_n_)) {                                            \
            check_fail(__FILE__, __LINE__, "\"%s\" does not contain \"%s\"",                       \
                       check_h_ ? check_h_ : "(null)", check_n_);                                  \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#endif
