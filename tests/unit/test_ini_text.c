/*
 * The INI reading every program shares (kiosk/common/ini_text.c): limits,
 * line numbers of the first problem, refusals from the key table, and
 * paths resolved against the configuration file's folder.
 */
#include "kiosk/common/ini_text.h"
#include "tests/support/check.h"

#include <stdio.h>
#include <sys/stat.h>
#include <string.h>

/* A tiny key table: [shop] name takes anything but "bad"; every other key is unknown. */
struct seen {
    char name[32];
    int entries;
};

static bool entry(ks_ini *ini, void *user, const char *section, const char *key, const char *value)
{
    struct seen *seen = user;
    seen->entries++;
    if (strcmp(section, "shop") != 0 || strcmp(key, "name") != 0)
        return ks_ini_refuse(ini, section, key, "unknown setting");
    if (strcmp(value, "bad") == 0)
        return ks_ini_refuse(ini, section, key, "must not be bad");
    snprintf(seen->name, sizeof seen->name, "%s", value);
    return true;
}

static bool parse(const char *text, struct seen *seen, ks_ini_error *err)
{
    memset(seen, 0, sizeof *seen);
    return ks_ini_parse(text, strlen(text), entry, seen, err);
}

static void test_good_text(void)
{
    struct seen seen;
    ks_ini_error err;
    CHECK(parse("; comment\n[shop]\nname = Olaya\n\n", &seen, &err));
    CHECK_EQ_STR(seen.name, "Olaya");
    CHECK_EQ_INT(seen.entries, 1);
    CHECK_EQ_INT(err.line, 0);
    CHECK_EQ_STR(err.message, "");
}

static void test_first_problem_and_its_line(void)
{
    static const struct {
        const char *text;
        int line;
        const char *message;
    } cases[] = {
        {"[shop]\nname = bad\nname = worse\n", 2, "[shop] name: must not be bad"},
        {"[shop]\nname = ok\ncolour = red\nname = bad\n", 3, "[shop] colour: unknown setting"},
        {"[shop]\nname = ok\nno equals sign here\nname = bad\n", 3,
         "syntax error (expected [section] or key = value)"},
        {"[shop\nname = ok\n", 1, "syntax error (expected [section] or key = value)"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        struct seen seen;
        ks_ini_error err;
        CHECK(!parse(cases[i].text, &seen, &err));
        CHECK_EQ_INT(err.line, cases[i].line);
        CHECK_EQ_STR(err.message, cases[i].message);
    }
}

static void test_limits(void)
{
    struct seen seen;
    ks_ini_error err;
    /* A line longer than inih's buffer is refused, never split into two settings. */
    char long_line[1200];
    int n = snprintf(long_line, sizeof long_line, "[shop]\nname = ");
    memset(long_line + n, 'x', sizeof long_line - (size_t)n - 2);
    long_line[sizeof long_line - 2] = '\n';
    long_line[sizeof long_line - 1] = '\0';
    CHECK(!parse(long_line, &seen, &err));
    CHECK_EQ_INT(err.line, 2);
    CHECK_CONTAINS(err.message, "line longer than");
    CHECK_EQ_INT(seen.entries, 0);

    static const char with_nul[] = "[shop]\nna\0me = x\n";
    CHECK(!ks_ini_parse(with_nul, sizeof with_nul - 1, entry, &seen, &err));
    CHECK_EQ_STR(err.message, "file contains a NUL byte");

    static char big[KS_INI_MAX_BYTES + 2];
    memset(big, '\n', sizeof big);
    CHECK(!ks_ini_parse(big, sizeof big, entry, &seen, &err));
    CHECK_CONTAINS(err.message, "larger than");
    /* Exactly the limit is fine. */
    CHECK(ks_ini_parse(big, KS_INI_MAX_BYTES, entry, &seen, &err));
}

static void test_load(void)
{
    const char *path = check_path(check_tmp_dir(), "shop.ini");
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("[shop]\nname = Tahlia\n", f);
    fclose(f);
    struct seen seen = {0};
    ks_ini_error err;
    CHECK(ks_ini_load(path, entry, &seen, &err));
    CHECK_EQ_STR(seen.name, "Tahlia");
    CHECK(!ks_ini_load(check_path(check_tmp_dir(), "missing.ini"), entry, &seen, &err));
    CHECK_EQ_INT(err.line, 0);
    CHECK(err.message[0] != '\0');
}

/* Configurations hold tokens and PINs: one other users can touch is refused, with the fix. */
static void test_load_refuses_file_open_to_others(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "open.ini"));
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("[shop]\nname = Tahlia\n", f);
    fclose(f);
    static const unsigned refused[] = {0644, 0604, 0601, 0602};
    for (size_t i = 0; i < CHECK_COUNT(refused); i++) {
        struct seen seen = {0};
        ks_ini_error err;
        CHECK(chmod(path, refused[i]) == 0);
        CHECK(!ks_ini_load(path, entry, &seen, &err));
        CHECK_EQ_INT(err.line, 0);
        CHECK_CONTAINS(err.message, "can be read by every user of this machine");
        CHECK_CONTAINS(err.message, "chmod o-rwx");
        CHECK_EQ_STR(seen.name, "");
    }
    static const unsigned accepted[] = {0640, 0600, 0400, 0660};
    for (size_t i = 0; i < CHECK_COUNT(accepted); i++) {
        struct seen seen = {0};
        ks_ini_error err;
        CHECK(chmod(path, accepted[i]) == 0);
        CHECK(ks_ini_load(path, entry, &seen, &err));
        CHECK_EQ_STR(seen.name, "Tahlia");
    }
    /* Not a regular file: a folder is refused too. */
    ks_ini_error err;
    struct seen seen = {0};
    CHECK(!ks_ini_load(check_tmp_dir(), entry, &seen, &err));
}

static void test_resolve_path(void)
{
    static const struct {
        const char *path, *config, *want;
    } cases[] = {
        {"kiosk.db", "/etc/kiosk/kiosk.ini", "/etc/kiosk/kiosk.db"},
        {"data/kiosk.db", "conf/kiosk.ini", "conf/data/kiosk.db"},
        {"kiosk.db", "kiosk.ini", "./kiosk.db"},
        {"kiosk.db", "/kiosk.ini", "/kiosk.db"},
        {"/var/lib/kiosk.db", "/etc/kiosk.ini", "/var/lib/kiosk.db"},
        {"", "/etc/kiosk.ini", ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        char path[64];
        snprintf(path, sizeof path, "%s", cases[i].path);
        CHECK(ks_ini_resolve_path(path, sizeof path, cases[i].config));
        CHECK_EQ_STR(path, cases[i].want);
    }
    /* Too long for the buffer: refused, unchanged. */
    char small[12] = "kiosk.db";
    CHECK(!ks_ini_resolve_path(small, sizeof small, "/etc/kiosk/kiosk.ini"));
    CHECK_EQ_STR(small, "kiosk.db");
}

static const struct check_case cases[] = {
    {"good text", test_good_text},
    {"the first problem and its line", test_first_problem_and_its_line},
    {"limits: long line, NUL, size", test_limits},
    {"load from a file", test_load},
    {"a file open to other users is refused", test_load_refuses_file_open_to_others},
    {"paths against the file's folder", test_resolve_path},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
