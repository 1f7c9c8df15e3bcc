/*
 * Opening the database (kiosk/store/db.c): settings, the statement cache,
 * and the clear errors for files that must not be used: not a database,
 * corrupt, written by a newer program, impossible to open; the check run
 * once per process and file state.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/store/db.h"
#include "kiosk/store/migrations.h"
#include "kiosk/store/order_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define PAGE_SIZE 4096       /* SQLite's default page size */

static const char *fresh(const char *name)
{
    static char path[4096];
    return fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
}

static bool write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    return f && fclose(f) == 0 && ok;
}

/* A closed database file holding `orders` orders (the WAL checkpointed into it). */
static bool make_database(const char *path, unsigned orders)
{
    ks_db *db = ks_db_open(path, NULL);
    bool ok = fixture_insert_orders(db, orders, NOV24_UTC);
    ks_db_close(db);
    return ok;
}

static enum ks_db_error copy_text(sqlite3_stmt *stmt, void *ctx)
{
    return ks_db_column_copy(stmt, 0, ctx, 32) ? KS_DB_OK : KS_DB_ERR_INVALID;
}

static void test_new_database_settings(void)
{
    const char *path = fresh("settings.db");
    enum ks_db_error err = KS_DB_ERR_INTERNAL;
    ks_db *db = ks_db_open(path, &err);
    CHECK(db);
    CHECK_EQ_INT(err, KS_DB_OK);
    char mode[32] = "";
    ks_db_binder b = ks_db_bind(db, "PRAGMA journal_mode");
    CHECK_EQ_INT(ks_db_query(db, &b, copy_text, mode, NULL), KS_DB_OK);
    CHECK_EQ_STR(mode, "wal");
    int64_t value = -1;
    b = ks_db_bind(db, "PRAGMA synchronous");
    CHECK_EQ_INT(ks_db_query_int(db, &b, &value), KS_DB_OK);
    CHECK_EQ_INT(value, 2); /* FULL */
    b = ks_db_bind(db, "PRAGMA foreign_keys");
    CHECK_EQ_INT(ks_db_query_int(db, &b, &value), KS_DB_OK);
    CHECK_EQ_INT(value, 1);
    b = ks_db_bind(db, "PRAGMA busy_timeout");
    CHECK_EQ_INT(ks_db_query_int(db, &b, &value), KS_DB_OK);
    CHECK_EQ_INT(value, 5000);
    b = ks_db_bind(db, "PRAGMA user_version");
    CHECK_EQ_INT(ks_db_query_int(db, &b, &value), KS_DB_OK);
    CHECK_EQ_INT(value, ks_migrations_latest());
    ks_db_close(db);
}

static void test_statements_are_cached(void)
{
    ks_db *db = ks_db_open(fresh("cache.db"), NULL);
    CHECK(db);
    static const char sql[] = "SELECT count(*) FROM orders WHERE store_id = ?";
    ks_db_binder first = ks_db_bind(db, sql);
    ks_db_bind_text(&first, "riyadh-01");
    int64_t count = -1;
    CHECK_EQ_INT(ks_db_query_int(db, &first, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 0);
    ks_db_binder second = ks_db_bind(db, sql);
    CHECK(second.stmt == first.stmt);
    /* Reused statements come back without the previous bindings. */
    CHECK(sqlite3_bind_parameter_count(second.stmt) == 1);
    CHECK_EQ_INT(ks_db_query_int(db, &second, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 0);
    /* A statement that does not prepare is an error, not a crash. */
    ks_db_binder bad = ks_db_bind(db, "SELECT no_such_column FROM orders");
    CHECK(!bad.ok);
    CHECK_EQ_INT(ks_db_query_int(db, &bad, &count), KS_DB_ERR_INTERNAL);
    ks_db_close(db);
}

static void test_not_a_database(void)
{
    const char *path = fresh("notes.db");
    static const char text[] = "Shopping list: dates, cardamom, saffron, rice, chicken, yoghurt, "
                               "bread, laban, tea, sugar. This is not an SQLite database.\n";
    CHECK(write_file(path, text, sizeof text - 1));
    enum ks_db_error err = KS_DB_OK;
    ks_db *db = ks_db_open(path, &err);
    CHECK(db == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_NOT_A_DATABASE);
    CHECK_CONTAINS(ks_db_strerror(err), "not a database");
    /* A refused file is left exactly as it was. */
    size_t len = 0;
    char *after = check_read_file(path, &len);
    CHECK(after);
    bool same = len == sizeof text - 1 && memcmp(after, text, len) == 0;
    free(after);
    CHECK(same);
}

/* Overwrites the b-tree page header of every page after the first. */
static bool smash_pages(const char *path)
{
    int fd = open(path, O_RDWR);
    if (fd < 0)
        return false;
    off_t size = lseek(fd, 0, SEEK_END);
    static const unsigned char junk[12] = {0xde, 0xad, 0xbe, 0xef, 0xde, 0xad,
                                           0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef};
    bool ok = size >= 3 * PAGE_SIZE;
    for (off_t at = PAGE_SIZE; ok && at < size; at += PAGE_SIZE)
        ok = pwrite(fd, junk, sizeof junk, at) == (ssize_t)sizeof junk;
    return close(fd) == 0 && ok;
}

static void test_corrupt_pages(void)
{
    const char *path = fresh("corrupt.db");
    CHECK(make_database(path, 20));
    CHECK(smash_pages(path));
    enum ks_db_error err = KS_DB_OK;
    ks_db *db = ks_db_open(path, &err);
    CHECK(db == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_CORRUPT);
    CHECK_CONTAINS(ks_db_strerror(err), "corrupt");
}

/* A subtler fault: one cell pointer of one table points outside its page. */
static void test_corrupt_cell(void)
{
    const char *path = fresh("corrupt-cell.db");
    CHECK(make_database(path, 3));
    int64_t root = fixture_sql_int(path, "SELECT rootpage FROM sqlite_schema "
                                         "WHERE name = 'order_counters'");
    CHECK(root > 1);
    int fd = open(path, O_RDWR);
    CHECK(fd >= 0);
    /* A leaf page's header is 8 bytes; its first cell pointer follows. */
    static const unsigned char past_the_page[2] = {0xff, 0xff};
    bool written = pwrite(fd, past_the_page, 2, (off_t)(root - 1) * PAGE_SIZE + 8) == 2;
    CHECK(close(fd) == 0 && written);
    enum ks_db_error err = KS_DB_OK;
    CHECK(ks_db_open(path, &err) == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_CORRUPT);
}

/* The main file's modification time into *t. */
static bool mtime_of(const char *path, struct timespec *t)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    *t = st.st_mtim;
    return true;
}

/*
 * The check runs once per process and file state: a file checked here and
 * not changed since is not read again (proved with a fault hidden behind
 * the checked state: same size, modification time put back), and is read
 * again as soon as it changed.
 */
static void test_checked_once_per_file_state(void)
{
    const char *path = fresh("once.db");
    CHECK(make_database(path, 3));
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db != NULL);
    ks_db_close(db);
    struct timespec checked;
    CHECK(mtime_of(path, &checked));
    int64_t root = fixture_sql_int(path, "SELECT rootpage FROM sqlite_schema "
                                         "WHERE name = 'order_counters'");
    int fd = open(path, O_RDWR);
    CHECK(fd >= 0);
    static const unsigned char past_the_page[2] = {0xff, 0xff};
    bool written = pwrite(fd, past_the_page, 2, (off_t)(root - 1) * PAGE_SIZE + 8) == 2;
    const struct timespec put_back[2] = {{0, UTIME_OMIT}, checked};
    CHECK(futimens(fd, put_back) == 0);
    CHECK(close(fd) == 0 && written);
    /* The state this process checked: not read again. */
    db = ks_db_open(path, NULL);
    CHECK(db != NULL);
    ks_db_close(db);
    /* Changed since: read again, and refused. */
    const struct timespec now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    CHECK(utimensat(AT_FDCWD, path, now, 0) == 0);
    enum ks_db_error err = KS_DB_OK;
    CHECK(ks_db_open(path, &err) == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_CORRUPT);
}

static void test_truncated_file(void)
{
    const char *path = fresh("truncated.db");
    CHECK(make_database(path, 20));
    int64_t pages = fixture_sql_int(path, "PRAGMA page_count");
    CHECK(pages > 4);
    CHECK(truncate(path, (off_t)(pages / 2) * PAGE_SIZE) == 0);
    enum ks_db_error err = KS_DB_OK;
    ks_db *db = ks_db_open(path, &err);
    CHECK(db == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_CORRUPT);
}

static void test_newer_schema_refused(void)
{
    const char *path = fresh("newer.db");
    CHECK_EQ_INT(fixture_sql_exec(path, "CREATE TABLE future (x); PRAGMA user_version = 99;"),
                 SQLITE_OK);
    enum ks_db_error err = KS_DB_OK;
    ks_db *db = ks_db_open(path, &err);
    CHECK(db == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_TOO_NEW);
    CHECK_CONTAINS(ks_db_strerror(err), "newer version");
    /* Untouched: still version 99 with its one table, still in rollback-journal mode. */
    CHECK_EQ_INT(fixture_sql_int(path, "PRAGMA user_version"), 99);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM sqlite_schema"), 1);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT journal_mode = 'delete' FROM pragma_journal_mode"),
                 1);
}

static void test_open_twice_is_a_no_op(void)
{
    const char *path = fresh("twice.db");
    CHECK(make_database(path, 1));
    int64_t objects = fixture_sql_int(path, "SELECT count(*) FROM sqlite_schema");
    CHECK(objects > 10);
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db);
    ks_db_close(db);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM sqlite_schema"), objects);
    CHECK_EQ_INT(fixture_sql_int(path, "PRAGMA user_version"), ks_migrations_latest());
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM orders"), 1);
}

/* The UI thread and a worker each hold a connection; both see committed data. */
static void test_two_connections(void)
{
    const char *path = fresh("two.db");
    ks_db *ui = ks_db_open(path, NULL);
    ks_db *worker = ks_db_open(path, NULL);
    CHECK(ui && worker);
    ks_order *order = fixture_order(1, "riyadh-01", NOV24_UTC, 0);
    int32_t number = 0;
    CHECK_EQ_INT(ks_order_store_insert(ui, order, 0, &number), KS_DB_OK);
    enum ks_order_status status;
    CHECK_EQ_INT(ks_order_store_status(worker, order->uuid, &status), KS_DB_OK);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
    CHECK_EQ_INT(ks_order_store_set_status(worker, order->uuid, KS_ORDER_CANCELLED, NOV24_UTC),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_order_store_status(ui, order->uuid, &status), KS_DB_OK);
    CHECK_EQ_INT(status, KS_ORDER_CANCELLED);
    ks_order_free(order);
    ks_db_close(worker);
    ks_db_close(ui);
}

/*
 * Two processes opening one new file at the same moment (two backend
 * instances on one SQLite database): both end with it open, in WAL. One
 * of them once got "database is locked" switching to WAL (unit.backend_scale).
 */
static void test_two_processes_open_a_new_file(void)
{
    int opened = 0, rounds = 40;
    for (int round = 0; round < rounds; round++) {
        char name[32];
        snprintf(name, sizeof name, "race-%d.db", round);
        const char *path = fresh(name);
        int go[2];
        CHECK(pipe(go) == 0);
        pid_t child[2];
        for (int i = 0; i < 2; i++) {
            child[i] = fork();
            if (child[i] == 0) {
                char byte;
                close(go[1]);
                bool started = read(go[0], &byte, 1) == 0; /* the parent closed it: go */
                ks_db *db = started ? ks_db_open(path, NULL) : NULL;
                bool ok = db != NULL;
                ks_db_close(db);
                _exit(ok ? 0 : 1);
            }
        }
        close(go[0]);
        close(go[1]); /* both children read end of file at once */
        for (int i = 0; i < 2; i++) {
            int status = 0;
            CHECK(child[i] > 0 && waitpid(child[i], &status, 0) == child[i]);
            opened += WIFEXITED(status) && WEXITSTATUS(status) == 0;
        }
    }
    CHECK_EQ_INT(opened, 2 * rounds);
}

static void test_cannot_open(void)
{
    enum ks_db_error err = KS_DB_OK;
    CHECK(ks_db_open(check_path(check_tmp_dir(), "no-such-dir/kiosk.db"), &err) == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_OPEN);
    CHECK(ks_db_open("", &err) == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_INVALID);
    CHECK(ks_db_open(NULL, NULL) == NULL);
    ks_db_close(NULL);
}

static int mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/*
 * The database and its WAL are never readable by other local users, even
 * with a permissive umask; a file an older version left open to them is
 * closed at the next start.
 */
static void test_files_are_private(void)
{
    char path[4200], wal[4300];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "private.db"));
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(path);
    mode_t old_mask = umask(0);
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db != NULL);
    CHECK_EQ_INT(mode_of(path), 0640);
    CHECK_EQ_INT(mode_of(wal) & 0007, 0); /* the WAL exists while the database is open */
    CHECK(mode_of(wal) > 0);
    ks_db_close(db);
    CHECK(chmod(path, 0666) == 0);
    db = ks_db_open(path, NULL);
    CHECK(db != NULL);
    CHECK_EQ_INT(mode_of(path), 0660);
    ks_db_close(db);
    umask(old_mask);
}

static void test_every_error_has_a_text(void)
{
    for (int i = KS_DB_OK; i <= KS_DB_ERR_INTERNAL; i++) {
        const char *text = ks_db_strerror((enum ks_db_error)i);
        CHECK(text[0] != '\0');
        CHECK(strcmp(text, "unknown database error") != 0);
        for (int j = KS_DB_OK; j < i; j++)
            CHECK(strcmp(text, ks_db_strerror((enum ks_db_error)j)) != 0);
    }
    CHECK_EQ_STR(ks_db_strerror((enum ks_db_error)999), "unknown database error");
    CHECK_EQ_INT(ks_db_error_from_sqlite(SQLITE_FULL), KS_DB_ERR_FULL);
    CHECK_EQ_INT(ks_db_error_from_sqlite(SQLITE_IOERR_FSYNC), KS_DB_ERR_IO);
    CHECK_EQ_INT(ks_db_error_from_sqlite(SQLITE_BUSY_SNAPSHOT), KS_DB_ERR_BUSY);
    CHECK_EQ_INT(ks_db_error_from_sqlite(SQLITE_CORRUPT_INDEX), KS_DB_ERR_CORRUPT);
    CHECK_EQ_INT(ks_db_error_from_sqlite(SQLITE_CONSTRAINT_UNIQUE), KS_DB_ERR_CONSTRAINT);
}

static const struct check_case cases[] = {
    {"files are private", test_files_are_private},
    {"new database: WAL, FULL sync, foreign keys, latest schema", test_new_database_settings},
    {"statements are prepared once and cached", test_statements_are_cached},
    {"a file that is not a database is refused untouched", test_not_a_database},
    {"corrupt pages are reported, not crashed on", test_corrupt_pages},
    {"a bad cell pointer is found by the check", test_corrupt_cell},
    {"a truncated file is reported corrupt", test_truncated_file},
    {"checked once per process and file state", test_checked_once_per_file_state},
    {"a newer schema is refused untouched", test_newer_schema_refused},
    {"opening twice changes nothing", test_open_twice_is_a_no_op},
    {"two connections share the file", test_two_connections},
    {"two processes open one new file at once", test_two_processes_open_a_new_file},
    {"impossible paths give a clear error", test_cannot_open},
    {"every error has its own text", test_every_error_has_a_text},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
