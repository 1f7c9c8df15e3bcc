/*
 * Backups of SQLite databases while they are written, their rotation and
 * their restore (kiosk/store/db_backup.c), on real files: a writer thread
 * commits rows 1, 2, 3... while backups are taken, and every backup must
 * hold exactly the rows of one commit (1..k, nothing torn), pass
 * quick_check and be a rollback-journal file of its own; the rotation keeps
 * the newest backups of that database only; a restore brings back the
 * backup's rows into the live WAL database (the kiosk's own schema opens
 * after it) and refuses a damaged backup or one of another database,
 * leaving the database as it was.
 */
#include "tests/support/check.h"

#include <glob.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/store/db.h"
#include "kiosk/store/db_backup.h"

/* 2026-12-04 14:30:00 UTC. */
#define NOW 1796394600LL

static sqlite3 *open_wal(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return NULL;
    sqlite3_busy_timeout(db, 10000);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE IF NOT EXISTS t (n INTEGER PRIMARY KEY, pad TEXT)",
                 NULL, NULL, NULL);
    return db;
}

/* SELECT's single integer; -1 on error. */
static long long one_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

static const char *one_text(sqlite3 *db, const char *sql, char *buf, size_t cap)
{
    sqlite3_stmt *stmt = NULL;
    snprintf(buf, cap, "?");
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return buf;
}

struct writer {
    const char *path;
    atomic_bool stop;
    atomic_long committed;
};

/* Commits rows 1, 2, 3... one per transaction, each with a page of padding, until stopped. */
static void *write_rows(void *arg)
{
    struct writer *w = arg;
    sqlite3 *db = open_wal(w->path);
    sqlite3_stmt *ins = NULL;
    sqlite3_prepare_v2(db, "INSERT INTO t (n, pad) VALUES (?, zeroblob(3000))", -1, &ins, NULL);
    for (long n = 1; !atomic_load(&w->stop); n++) {
        sqlite3_bind_int64(ins, 1, n);
        if (sqlite3_step(ins) != SQLITE_DONE)
            break;
        sqlite3_reset(ins);
        atomic_store(&w->committed, n);
    }
    sqlite3_finalize(ins);
    sqlite3_close(db);
    return NULL;
}

/* Entries of dir whose names match the glob pattern prefix followed by anything. */
static int count_files(const char *dir, const char *prefix)
{
    char pattern[8192];
    int n = snprintf(pattern, sizeof pattern, "%s/%s*", dir, prefix);
    if (n < 0 || (size_t)n >= sizeof pattern)
        return -1;
    glob_t g;
    int rc = glob(pattern, 0, NULL, &g);
    int found = rc == 0 ? (int)g.gl_pathc : rc == GLOB_NOMATCH ? 0 : -1;
    if (rc == 0)
        globfree(&g);
    return found;
}

static void test_backup_while_writing(void)
{
    const char *dir = check_tmp_dir();
    char db_path[4096], backups[4096];
    snprintf(db_path, sizeof db_path, "%s/live.db", dir);
    snprintf(backups, sizeof backups, "%s/live-backups", dir);
    sqlite3 *setup = open_wal(db_path);
    CHECK(setup != NULL);
    sqlite3_close(setup);

    struct writer w = {.path = db_path};
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, write_rows, &w) == 0);
    long seen_before = 0;
    int64_t deadline = check_now_ms() + CHECK_WAIT_MS;
    for (int i = 0; i < 5; i++) {
        /* Some rows committed before each backup, so the copies differ. */
        while (atomic_load(&w.committed) < seen_before + 50 && check_now_ms() < deadline)
            check_sleep_ms(1);
        long before = atomic_load(&w.committed);
        ks_backup_result r;
        char why[512] = "";
        enum ks_backup_outcome got =
            ks_db_backup(db_path, backups, 10, NOW + i, &r, why, sizeof why);
        long after = atomic_load(&w.committed);
        if (got != KS_BACKUP_DONE)
            fprintf(stderr, "  backup %d: %s\n", i, why);
        CHECK_EQ_INT(got, KS_BACKUP_DONE);
        CHECK(r.bytes > 0);

        sqlite3 *copy = NULL;
        CHECK(sqlite3_open_v2(r.path, &copy, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
        long long rows = one_int(copy, "SELECT count(*) FROM t");
        long long top = one_int(copy, "SELECT coalesce(max(n), 0) FROM t");
        char mode[32], check[32];
        one_text(copy, "PRAGMA journal_mode", mode, sizeof mode);
        one_text(copy, "PRAGMA quick_check", check, sizeof check);
        sqlite3_close(copy);
        /* One commit's state: rows 1..top, taken between the counts read around the backup. */
        CHECK_EQ_INT(rows, top);
        CHECK(top >= before && top <= after);
        CHECK_EQ_STR(mode, "delete");
        CHECK_EQ_STR(check, "ok");
        seen_before = after;
    }
    atomic_store(&w.stop, true);
    pthread_join(thread, NULL);
    CHECK_EQ_INT(count_files(backups, "live-2026"), 5);
    CHECK_EQ_INT(count_files(backups, ".*.tmp"), 0); /* no temporary file left */
}

static void test_rotation(void)
{
    const char *dir = check_tmp_dir();
    char db_path[4096], other[4096], backups[4096], path[4200];
    snprintf(db_path, sizeof db_path, "%s/kiosk.db", dir);
    snprintf(other, sizeof other, "%s/kitchen.db", dir);
    snprintf(backups, sizeof backups, "%s/rotation", dir);
    sqlite3_close(open_wal(db_path));
    sqlite3_close(open_wal(other));
    ks_backup_result r;
    char why[512];
    CHECK_EQ_INT(ks_db_backup(other, backups, 3, NOW, &r, why, sizeof why), KS_BACKUP_DONE);
    /* Files of other names stay whatever the rotation does. */
    snprintf(path, sizeof path, "%s/kiosk-notes.db", backups);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fclose(f);
    int removed[6];
    for (int i = 0; i < 6; i++) {
        CHECK_EQ_INT(ks_db_backup(db_path, backups, 3, NOW + 3600LL * i, &r, why, sizeof why),
                     KS_BACKUP_DONE);
        removed[i] = r.removed;
    }
    CHECK_EQ_INT(removed[0] + removed[1] + removed[2], 0);
    CHECK_EQ_INT(removed[3] + removed[4] + removed[5], 3);
    CHECK_EQ_STR(strrchr(r.path, '/') + 1, "kiosk-20261204T193000Z.db");
    CHECK_EQ_INT(count_files(backups, "kiosk-2026"), 3);
    CHECK_EQ_INT(count_files(backups, "kiosk-20261204T1[789]"), 3); /* the newest three */
    CHECK_EQ_INT(count_files(backups, "kitchen-2026"), 1);
    CHECK(access(path, F_OK) == 0);

    snprintf(path, sizeof path, "%s/attendant.db", dir);
    CHECK_EQ_INT(ks_db_backup(path, backups, 3, NOW, &r, why, sizeof why), KS_BACKUP_NO_DATABASE);
}

static void test_restore(void)
{
    const char *dir = check_tmp_dir();
    char db_path[4096], backups[4096], damaged[4200], why[512];
    snprintf(db_path, sizeof db_path, "%s/kiosk.db", dir);
    snprintf(backups, sizeof backups, "%s/restore", dir);
    unlink(db_path);
    enum ks_db_error err;
    ks_db *kiosk = ks_db_open(db_path, &err); /* the kiosk's own schema, in WAL mode */
    CHECK(kiosk != NULL);
    ks_db_close(kiosk);
    sqlite3 *db = open_wal(db_path);
    CHECK(db != NULL);
    CHECK(sqlite3_exec(db, "INSERT INTO t (n) VALUES (1), (2), (3)", NULL, NULL, NULL) ==
          SQLITE_OK);
    ks_backup_result r;
    CHECK_EQ_INT(ks_db_backup(db_path, backups, 5, NOW, &r, why, sizeof why), KS_BACKUP_DONE);
    CHECK(sqlite3_exec(db, "DELETE FROM t WHERE n = 2; INSERT INTO t (n) VALUES (40)", NULL, NULL,
                       NULL) == SQLITE_OK);

    /* A damaged copy of the backup, and a backup named for another database: refused. */
    snprintf(damaged, sizeof damaged, "%s/kiosk-20261204T000000Z.db", backups);
    char *bytes;
    size_t len;
    CHECK((bytes = check_read_file(r.path, &len)) != NULL && len > 8192);
    memset(bytes + 4096, 0x5a, 4096);
    FILE *f = fopen(damaged, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(bytes, 1, len, f) == len);
    fclose(f);
    free(bytes);
    CHECK(!ks_db_restore(damaged, db_path, why, sizeof why));
    char other[4096];
    snprintf(other, sizeof other, "%s/kitchen.db", dir);
    CHECK(!ks_db_restore(r.path, other, why, sizeof why));
    CHECK_CONTAINS(why, "is not a backup of");
    CHECK_EQ_INT(one_int(db, "SELECT group_concat(n) = '1,3,40' FROM t"), 1);

    /* The backup back in, while another connection (idle) keeps the database open. */
    CHECK(ks_db_restore(r.path, db_path, why, sizeof why));
    char rows[64];
    CHECK_EQ_STR(one_text(db, "SELECT group_concat(n) FROM t", rows, sizeof rows), "1,2,3");
    CHECK_EQ_STR(one_text(db, "PRAGMA journal_mode", rows, sizeof rows), "wal");
    sqlite3_close(db);
    kiosk = ks_db_open(db_path, &err);
    CHECK(kiosk != NULL);
    ks_db_close(kiosk);
}

static const struct check_case cases[] = {
    {"backups taken while a writer commits hold one commit each", test_backup_while_writing},
    {"the newest backups of each database are kept", test_rotation},
    {"a restore brings the backup back; a damaged or foreign one is refused", test_restore},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
