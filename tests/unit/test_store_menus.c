/*
 * Menus on disk (kiosk/store/menu_store.c): a good menu becomes active, a
 * broken one is refused with its path and reason while the active menu
 * keeps serving, and the switch is atomic.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/store/menu_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */

/* A small valid menu; %s is its version, %d the burger's price. */
#define MENU_TEMPLATE                                                                              \
    "{\"format\": \"kiosk-menu/1\", \"version\": \"%s\",\n"                                        \
    " \"currency\": {\"code\": \"SAR\", \"exponent\": 2}, \"prices_include_tax\": true,\n"         \
    " \"tax_categories\": [{\"id\": \"standard\", \"name\": {\"ar\": \"القياسية\",\n"      \
    "     \"en\": \"Standard\"}, \"rate_bp\": 1500}],\n"                                           \
    " \"categories\": [{\"id\": \"burgers\", \"name\": {\"ar\": \"برجر\", \"en\": "            \
    "\"Burgers\"}}],\n"                                                                            \
    " \"items\": [{\"id\": \"classic-burger\", \"category\": \"%s\",\n"                            \
    "     \"name\": {\"ar\": \"برجر كلاسيك\", \"en\": \"Classic Burger\"},\n"            \
    "     \"price\": %d, \"tax\": \"standard\"}]}\n"

static char *make_menu(const char *version, const char *category, int price, size_t *len)
{
    char *menu = malloc(2048);
    if (!menu)
        abort();
    int n = snprintf(menu, 2048, MENU_TEMPLATE, version, category, price);
    *len = n > 0 && n < 2048 ? (size_t)n : 0;
    return menu;
}

static ks_db *open_fresh(const char *name, char path[4096])
{
    fixture_fresh_db(check_tmp_dir(), name, path, 4096);
    return ks_db_open(path, NULL);
}

/* The version and burger price of the menu the store loads as active. */
static bool active_menu_is(ks_db *db, const char *version, int64_t price)
{
    enum ks_db_error err = KS_DB_ERR_INTERNAL;
    ks_catalog *cat = ks_menu_store_load_active(db, &err);
    const ks_item *burger = cat ? ks_catalog_find_item(cat, "classic-burger") : NULL;
    bool same = err == KS_DB_OK && burger && strcmp(ks_catalog_version(cat), version) == 0 &&
                burger->price == price;
    if (!same)
        fprintf(stderr, "  active menu: %s, %s, price %lld\n", ks_db_strerror(err),
                cat ? ks_catalog_version(cat) : "-", burger ? (long long)burger->price : -1LL);
    ks_catalog_free(cat);
    return same;
}

static void test_good_bad_good(void)
{
    char path[4096];
    ks_db *db = open_fresh("menus.db", path);
    CHECK(db);
    size_t len_a, len_b, len_c;
    char *a = make_menu("2026-11-24.1", "burgers", 1800, &len_a);
    char *b = make_menu("2026-11-24.2", "pizzas", 1900, &len_b); /* no such category */
    char *c = make_menu("2026-11-25.1", "burgers", 2000, &len_c);

    ks_catalog *parsed = NULL;
    ks_menu_error menu_err;
    enum ks_db_error err = ks_menu_store_import(db, a, len_a, NOV24_UTC, &parsed, &menu_err);
    bool parsed_a = parsed && strcmp(ks_catalog_version(parsed), "2026-11-24.1") == 0;
    ks_catalog_free(parsed);
    CHECK_EQ_INT(err, KS_DB_OK);
    CHECK(parsed_a);
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));

    parsed = (ks_catalog *)1;
    err = ks_menu_store_import(db, b, len_b, NOV24_UTC + 60, &parsed, &menu_err);
    CHECK_EQ_INT(err, KS_DB_ERR_BAD_MENU);
    CHECK(parsed == NULL);
    CHECK_EQ_STR(menu_err.path, "items[0].category");
    CHECK_CONTAINS(menu_err.reason, "pizzas");
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM menus"), 1);

    CHECK_EQ_INT(ks_menu_store_import(db, c, len_c, NOV24_UTC + 120, NULL, NULL), KS_DB_OK);
    CHECK(active_menu_is(db, "2026-11-25.1", 2000));
    ks_menu_info info;
    CHECK_EQ_INT(ks_menu_store_active_info(db, &info), KS_DB_OK);
    CHECK_EQ_STR(info.version, "2026-11-25.1");
    CHECK_EQ_INT(info.imported_at, NOV24_UTC + 120);
    CHECK_EQ_INT(strlen(info.sha256), 64);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM menus WHERE active = 1"), 1);
    free(a);
    free(b);
    free(c);
    ks_db_close(db);
}

/* The same bytes again reuse the stored copy; the switch still happens. */
static void test_reimport_reactivates(void)
{
    char path[4096];
    ks_db *db = open_fresh("reimport.db", path);
    CHECK(db);
    size_t len_a, len_c;
    char *a = make_menu("2026-11-24.1", "burgers", 1800, &len_a);
    char *c = make_menu("2026-11-25.1", "burgers", 2000, &len_c);
    CHECK_EQ_INT(ks_menu_store_import(db, a, len_a, NOV24_UTC, NULL, NULL), KS_DB_OK);
    CHECK_EQ_INT(ks_menu_store_import(db, c, len_c, NOV24_UTC + 60, NULL, NULL), KS_DB_OK);
    CHECK_EQ_INT(ks_menu_store_import(db, a, len_a, NOV24_UTC + 120, NULL, NULL), KS_DB_OK);
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM menus"), 2);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM menus WHERE active = 1"), 1);
    /* The bytes are stored exactly as imported. */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT length(source) FROM menus WHERE active = 1"),
                 (int64_t)len_a);
    ks_menu_info info;
    CHECK_EQ_INT(ks_menu_store_active_info(db, &info), KS_DB_OK);
    CHECK_EQ_INT(info.imported_at, NOV24_UTC + 120);
    free(a);
    free(c);
    ks_db_close(db);
}

/* Writes len bytes of data to path; true on success. */
static bool put_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    return f && fclose(f) == 0 && ok;
}

/* The start-up import of the file at path at now; *imported and *cat as it gave them. */
static enum ks_db_error start_import(ks_db *db, const char *path, int64_t now, ks_catalog **cat,
                                     bool *imported)
{
    char why[256] = "";
    return ks_menu_store_import_file(db, path, now, cat, imported, NULL, why, sizeof why);
}

/*
 * The start-up import: the active menu's bytes again change nothing (no
 * parse: no catalog, imported_at kept); changed bytes, or a stored menu
 * that is not the active one, are imported and handed back parsed. A file
 * found as a start left it (path, inode, size, modification time) while
 * its menu is active is not even read (proved by bytes swapped behind an
 * unchanged stamp); one that changed is read again, and so is the same
 * file once another menu (a pulled one) became active.
 */
static void test_start_import_skips_unchanged(void)
{
    /* A and C: the same version, another price. */
    size_t len_a, len_c;
    char *a = make_menu("2026-11-24.1", "burgers", 1800, &len_a);
    char *c = make_menu("2026-11-24.1", "burgers", 1900, &len_c);
    char path[4096], menu[4200];
    ks_db *db = open_fresh("start-import.db", path);
    CHECK(db);
    snprintf(menu, sizeof menu, "%s.menu.json", path);
    CHECK(put_file(menu, a, len_a));
    ks_catalog *cat = NULL;
    bool imported = false;
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC, &cat, &imported), KS_DB_OK);
    CHECK(imported && cat && strcmp(ks_catalog_version(cat), "2026-11-24.1") == 0);
    ks_catalog_free(cat);
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC + 60, &cat, &imported), KS_DB_OK);
    CHECK(!imported && cat == NULL);
    ks_menu_info info;
    CHECK_EQ_INT(ks_menu_store_active_info(db, &info), KS_DB_OK);
    CHECK_EQ_INT(info.imported_at, NOV24_UTC);
    /* Same version, another price: the bytes decide. */
    CHECK(put_file(menu, c, len_c));
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC + 120, &cat, &imported), KS_DB_OK);
    CHECK(imported && cat && ks_catalog_find_item(cat, "classic-burger")->price == 1900);
    ks_catalog_free(cat);
    CHECK(active_menu_is(db, "2026-11-24.1", 1900));
    /* A, stored but no longer active, is made active again. */
    CHECK(put_file(menu, a, len_a));
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC + 180, &cat, &imported), KS_DB_OK);
    CHECK(imported && cat);
    ks_catalog_free(cat);
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM menus"), 2);

    /* Other bytes of the same size behind the stamp a start left: not read. */
    struct stat st;
    CHECK(stat(menu, &st) == 0);
    char *junk = malloc(len_a);
    CHECK(junk != NULL);
    memset(junk, 'x', len_a);
    int fd = open(menu, O_WRONLY);
    CHECK(fd >= 0 && pwrite(fd, junk, len_a, 0) == (ssize_t)len_a);
    const struct timespec kept[2] = {{0, UTIME_OMIT}, st.st_mtim};
    CHECK(futimens(fd, kept) == 0 && close(fd) == 0);
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC + 240, &cat, &imported), KS_DB_OK);
    CHECK(!imported && cat == NULL);
    /* The file changed (its time): read, refused, and the active menu keeps serving. */
    const struct timespec touched[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    CHECK(utimensat(AT_FDCWD, menu, touched, 0) == 0);
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC + 300, &cat, &imported), KS_DB_ERR_BAD_MENU);
    CHECK(!imported && cat == NULL);
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));
    free(junk);

    /* The file again, then another menu made active (a pulled one): the same file is read. */
    CHECK(put_file(menu, a, len_a));
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC + 360, &cat, &imported), KS_DB_OK);
    CHECK(!imported && cat == NULL); /* A's bytes were active already */
    CHECK_EQ_INT(ks_menu_store_import(db, c, len_c, NOV24_UTC + 420, NULL, NULL), KS_DB_OK);
    CHECK_EQ_INT(start_import(db, menu, NOV24_UTC + 480, &cat, &imported), KS_DB_OK);
    CHECK(imported && cat);
    ks_catalog_free(cat);
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));

    /* No file: said why, nothing changes. */
    char why[256] = "";
    CHECK_EQ_INT(ks_menu_store_import_file(db, "/nonexistent/menu.json", NOV24_UTC + 540, &cat,
                                           &imported, NULL, why, sizeof why),
                 KS_DB_ERR_OPEN);
    CHECK(why[0] != '\0');
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));
    free(a);
    free(c);
    ks_db_close(db);
}

/* The active menu is what a restarted kiosk loads. */
static void test_active_menu_survives_reopen(void)
{
    char path[4096];
    ks_db *db = open_fresh("reopen.db", path);
    CHECK(db);
    size_t len;
    char *a = make_menu("2026-11-24.1", "burgers", 1800, &len);
    CHECK_EQ_INT(ks_menu_store_import(db, a, len, NOV24_UTC, NULL, NULL), KS_DB_OK);
    free(a);
    ks_db_close(db);
    db = ks_db_open(path, NULL);
    CHECK(db);
    CHECK(active_menu_is(db, "2026-11-24.1", 1800));
    ks_db_close(db);
}

static void test_no_menu_yet(void)
{
    char path[4096];
    ks_db *db = open_fresh("empty.db", path);
    CHECK(db);
    enum ks_db_error err = KS_DB_OK;
    CHECK(ks_menu_store_load_active(db, &err) == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_NOT_FOUND);
    ks_menu_info info;
    CHECK_EQ_INT(ks_menu_store_active_info(db, &info), KS_DB_ERR_NOT_FOUND);
    ks_db_close(db);
}

static void test_not_json_refused(void)
{
    char path[4096];
    ks_db *db = open_fresh("not-json.db", path);
    CHECK(db);
    static const char junk[] = "<html>menu</html>";
    ks_menu_error menu_err;
    CHECK_EQ_INT(ks_menu_store_import(db, junk, sizeof junk - 1, NOV24_UTC, NULL, &menu_err),
                 KS_DB_ERR_BAD_MENU);
    CHECK_EQ_STR(menu_err.path, "");
    CHECK_CONTAINS(menu_err.reason, "JSON");
    CHECK_EQ_INT(ks_menu_store_import(db, NULL, 0, NOV24_UTC, NULL, &menu_err), KS_DB_ERR_BAD_MENU);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM menus"), 0);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"good menu A, broken B refused, good C active", test_good_bad_good},
    {"importing the same bytes again reactivates them", test_reimport_reactivates},
    {"the start-up import skips the active menu's bytes", test_start_import_skips_unchanged},
    {"the active menu survives a restart", test_active_menu_survives_reopen},
    {"no menu imported yet", test_no_menu_yet},
    {"a file that is not JSON is refused", test_not_json_refused},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
