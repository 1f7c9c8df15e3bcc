/* Online backups and restores of SQLite databases: see kiosk/store/db_backup.h. */
#include "kiosk/store/db_backup.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/common/fs_sync.h"

/* "20261204T143000Z": the UTC time in a backup's name, which sorts as it should. */
#define STAMP_LEN 16
#define SUFFIX ".db"
/* How long a copy waits for a lock another connection holds (a checkpoint, a writer). */
#define BUSY_TIMEOUT_MS 10000

/* The database's name: its file name without a ".db" ending, in name[cap]. */
static bool db_name(const char *db_path, char *name, size_t cap)
{
    const char *slash = strrchr(db_path, '/');
    const char *base = slash ? slash + 1 : db_path;
    size_t len = strlen(base);
    if (len > strlen(SUFFIX) && strcmp(base + len - strlen(SUFFIX), SUFFIX) == 0)
        len -= strlen(SUFFIX);
    if (len == 0 || len >= cap)
        return false;
    memcpy(name, base, len);
    name[len] = '\0';
    return true;
}

/* Whether file is NAME-STAMP.db, a backup of the database called name. */
static bool is_backup_of(const char *file, const char *name)
{
    size_t n = strlen(name);
    if (strlen(file) != n + 1 + STAMP_LEN + strlen(SUFFIX) || strncmp(file, name, n) != 0 ||
        file[n] != '-' || strcmp(file + n + 1 + STAMP_LEN, SUFFIX) != 0)
        return false;
    const char *stamp = file + n + 1;
    for (int i = 0; i < STAMP_LEN; i++) {
        char want = i == 8 ? 'T' : i == STAMP_LEN - 1 ? 'Z' : '0';
        bool ok = want == '0' ? stamp[i] >= '0' && stamp[i] <= '9' : stamp[i] == want;
        if (!ok)
            return false;
    }
    return true;
}

static void say(char *why, size_t cap, const char *what, const char *path, sqlite3 *db)
{
    snprintf(why, cap, "%s %s: %s", what, path, db ? sqlite3_errmsg(db) : strerror(errno));
}

static sqlite3 *open_db(const char *path, int flags, char *why, size_t cap)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        say(why, cap, "cannot open", path, db);
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    return db;
}

/* The whole of from copied into to in one step: one read transaction of from. */
static bool copy_db(sqlite3 *from, sqlite3 *to, const char *to_path, char *why, size_t cap)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) {
        say(why, cap, "cannot start copying into", to_path, to);
        return false;
    }
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        snprintf(why, cap, "cannot copy into %s: %s", to_path, sqlite3_errstr(rc));
        return false;
    }
    return true;
}

/* PRAGMA quick_check says "ok". */
static bool checked(sqlite3 *db, const char *path, char *why, size_t cap)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_step(stmt) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") == 0;
    sqlite3_finalize(stmt);
    if (!ok)
        snprintf(why, cap, "%s is damaged (quick_check: %s)", path, sqlite3_errmsg(db));
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps the newest keep backups of name in dir; returns how many it removed. */
static int rotate(const char *dir, const char *name, int keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **files = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!is_backup_of(e->d_name, name))
            continue;
        if (n == cap) {
            size_t grown = cap ? cap * 2 : 16;
            char **more = realloc(files, grown * sizeof *files);
            if (!more)
                break;
            files = more;
            cap = grown;
        }
        if ((files[n] = strdup(e->d_name)) != NULL)
            n++;
    }
    closedir(d);
    if (n > 0)
        qsort(files, n, sizeof *files, by_name); /* oldest first: the stamps sort by time */
    int removed = 0;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX];
        if (i + (size_t)keep < n && snprintf(path, sizeof path, "%s/%s", dir, files[i]) > 0 &&
            unlink(path) == 0)
            removed++;
        free(files[i]);
    }
    free(files);
    if (removed > 0)
        ks_fsync_dir(dir);
    return removed;
}

enum ks_backup_outcome ks_db_backup(const char *db_path, const char *dir, int keep, int64_t now_utc,
                                    ks_backup_result *out, char *why, size_t why_cap)
{
    char name[256], stamp[STAMP_LEN + 1], tmp[PATH_MAX];
    struct stat st;
    *out = (ks_backup_result){0};
    if (!db_name(db_path, name, sizeof name)) {
        snprintf(why, why_cap, "%s is not a database file name", db_path);
        return KS_BACKUP_FAILED;
    }
    if (stat(db_path, &st) != 0) {
        snprintf(why, why_cap, "%s: %s", db_path, strerror(errno));
        return errno == ENOENT ? KS_BACKUP_NO_DATABASE : KS_BACKUP_FAILED;
    }
    time_t t = (time_t)now_utc;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) != STAMP_LEN) {
        snprintf(why, why_cap, "no time stamp for %lld", (long long)now_utc);
        return KS_BACKUP_FAILED;
    }
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        say(why, why_cap, "cannot create the folder", dir, NULL);
        return KS_BACKUP_FAILED;
    }
    int n = snprintf(out->path, sizeof out->path, "%s/%s-%s" SUFFIX, dir, name, stamp);
    int m = snprintf(tmp, sizeof tmp, "%s/.%s-%s.tmp", dir, name, stamp);
    if (n < 0 || (size_t)n >= sizeof out->path || m < 0 || (size_t)m >= sizeof tmp) {
        snprintf(why, why_cap, "the folder's path is too long: %s", dir);
        return KS_BACKUP_FAILED;
    }
    unlink(tmp);

    /* Read-write: a WAL database's readers need its shared-memory file. */
    sqlite3 *from = open_db(db_path, SQLITE_OPEN_READWRITE, why, why_cap);
    sqlite3 *to =
        from ? open_db(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, why, why_cap) : NULL;
    /* The copy is a file of its own: a rollback journal, not the source's WAL mode. */
    bool ok = to && copy_db(from, to, tmp, why, why_cap) &&
              sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK &&
              checked(to, tmp, why, why_cap);
    if (to && sqlite3_close(to) != SQLITE_OK && ok) {
        say(why, why_cap, "cannot close", tmp, to);
        ok = false;
    }
    sqlite3_close(from);
    /* Backups hold orders and payments: closed to other users whatever the umask. */
    if (ok && chmod(tmp, 0640) != 0) {
        say(why, why_cap, "cannot close to others", tmp, NULL);
        ok = false;
    }
    if (ok && !(ks_fsync_path(tmp) && rename(tmp, out->path) == 0 && ks_fsync_dir(dir))) {
        say(why, why_cap, "cannot store", out->path, NULL);
        ok = false;
    }
    if (!ok) {
        unlink(tmp);
        return KS_BACKUP_FAILED;
    }
    if (stat(out->path, &st) == 0)
        out->bytes = (int64_t)st.st_size;
    out->removed = rotate(dir, name, keep < 1 ? 1 : keep);
    return KS_BACKUP_DONE;
}

bool ks_db_restore(const char *backup_path, const char *db_path, char *why, size_t why_cap)
{
    char name[256];
    const char *slash = strrchr(backup_path, '/');
    if (!db_name(db_path, name, sizeof name) ||
        !is_backup_of(slash ? slash + 1 : backup_path, name)) {
        snprintf(why, why_cap, "%s is not a backup of %s (NAME-YYYYMMDDTHHMMSSZ.db)", backup_path,
                 db_path);
        return false;
    }
    sqlite3 *from = open_db(backup_path, SQLITE_OPEN_READONLY, why, why_cap);
    sqlite3 *to = from && checked(from, backup_path, why, why_cap)
                      ? open_db(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, why, why_cap)
                      : NULL;
    bool ok = to && copy_db(from, to, db_path, why, why_cap) && checked(to, db_path, why, why_cap);
    sqlite3_close(to);
    sqlite3_close(from);
    return ok;
}
