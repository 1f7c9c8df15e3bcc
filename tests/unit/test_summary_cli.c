/*
 * `kiosk --summary DAY --out FILE`: the end-of-day summary from the real
 * program, over a database the headless demo filled, as PNG and ESC/POS.
 */
#define _GNU_SOURCE /* memmem */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char program[4096], db[4096];

/* Runs the kiosk with args (a fixed, trusted string); its exit status, or -1. */
static int run_kiosk(const char *args)
{
    char cmd[12288];
    int n =
        snprintf(cmd, sizeof cmd, "'%s' --db '%s' --assets '%s/assets' %s 2>/dev/null >/dev/null",
                 program, db, check_source_dir(), args);
    if (n < 0 || (size_t)n >= sizeof cmd)
        return -1;
    int status = system(cmd);
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void test_summary_of_demo_day(void)
{
    char args[8192];
    snprintf(args, sizeof args,
             "--headless-demo --orders 3 --menu '%s/assets/menus/restaurant.json'",
             check_source_dir());
    CHECK_EQ_INT(run_kiosk(args), 0);

    char png[4200], escpos[4200];
    snprintf(png, sizeof png, "%s/summary.png", check_tmp_dir());
    snprintf(escpos, sizeof escpos, "%s/summary.escpos", check_tmp_dir());
    unlink(png);
    unlink(escpos);
    snprintf(args, sizeof args, "--summary today --lang ar --out '%s'", png);
    CHECK_EQ_INT(run_kiosk(args), 0);
    CHECK(file_size(png) > 1000);
    snprintf(args, sizeof args, "--summary today --printer-profile generic-58mm --out '%s'",
             escpos);
    CHECK_EQ_INT(run_kiosk(args), 0);
    size_t len = 0;
    char *bytes = check_read_file(escpos, &len);
    CHECK(bytes != NULL);
    /* ESC @ first, GS v 0 raster inside: a real printer job. */
    CHECK(len > 100 && bytes[0] == 0x1b && bytes[1] == '@');
    CHECK(memmem(bytes, len, "\x1d\x76\x30", 3) != NULL);
    free(bytes);
}

static void test_bad_arguments_refused(void)
{
    char args[8192];
    snprintf(args, sizeof args, "--summary 2026-13-01 --out '%s/x.png'", check_tmp_dir());
    CHECK(run_kiosk(args) != 0);
    snprintf(args, sizeof args, "--summary today --out '%s/x.pdf'", check_tmp_dir());
    CHECK(run_kiosk(args) != 0);
    CHECK(run_kiosk("--summary today") != 0); /* no --out */
    snprintf(args, sizeof args, "--summary today --receipt demo --out '%s/x.png'", check_tmp_dir());
    CHECK(run_kiosk(args) != 0);
}

static const struct check_case cases[] = {
    {"summary of the demo day", test_summary_of_demo_day},
    {"bad arguments refused", test_bad_arguments_refused},
};

int main(int argc, char **argv)
{
    const char *build = getenv("KIOSK_BUILD_DIR");
    snprintf(program, sizeof program, "%s/kiosk/programs/kiosk", build ? build : ".");
    snprintf(db, sizeof db, "%s/summary.db", check_tmp_dir());
    unlink(db);
    if (access(program, X_OK) != 0) {
        fprintf(stderr, "%s is not built (KIOSK_BUILD_DIR must point at the build)\n", program);
        return 1;
    }
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
