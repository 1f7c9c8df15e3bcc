/*
 * Opening, checking and configuring the database file, the per-connection
 * statement cache, transactions and error mapping: see kiosk/store/db.h.
 */
#define LOG_TAG "db"
#include "kiosk/store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/common/log.h"
#include "kiosk/store/migrations.h"

/* A writer waiting for another connection's transaction gives up after this. */
#define BUSY_TIMEOUT_MS 5000
/* Between two tries of a setting SQLite refused as BUSY without waiting (set_pragma). */
#define BUSY_RETRY_MS 10
/* Integrity problems logged at open; quick_check may list thousands. */
#define MAX_LOGGED_PROBLEMS 5

struct cached_stmt {
    const char *sql;    /* borrowed: a string literal, also the cache key */
    sqlite3_stmt *stmt; /* owned, finalised in ks_db_close */
};

struct ks_db {
    sqlite3 *conn;             /* owned, closed in ks_db_close */
    struct cached_stmt *cache; /* owned, n_cached of cap_cached used */
    size_t n_cached, cap_cached;
};

static const char *const error_texts[] = {
    [KS_DB_OK] = "no error",
    [KS_DB_ERR_OPEN] = "the database file cannot be opened or created",
    [KS_DB_ERR_NOT_A_DATABASE] = "the file is not a database (it was replaced or overwritten)",
    [KS_DB_ERR_CORRUPT] =
        "the database file is corrupt (integrity check failed); restore it from a backup",
    [KS_DB_ERR_TOO_NEW] = "the database was written by a newer version of the kiosk software",
    [KS_DB_ERR_MIGRATION] = "upgrading the database schema failed; the file was left as it was",
    [KS_DB_ERR_BUSY] = "the database is locked by another program",
    [KS_DB_ERR_FULL] = "the disk is full",
    [KS_DB_ERR_IO] = "the disk reported an error",
    [KS_DB_ERR_NO_MEMORY] = "out of memory",
    [KS_DB_ERR_INVALID] = "invalid argument (missing, too long or malformed)",
    [KS_DB_ERR_NOT_FOUND] = "no such record",
    [KS_DB_ERR_CONSTRAINT] = "the change contradicts stored data",
    [KS_DB_ERR_ILLEGAL_TRANSITION] = "the status change is not allowed from the current status",
    [KS_DB_ERR_ALREADY_APPROVED] = "the order already has an approved payment",
    [KS_DB_ERR_BAD_MENU] = "the menu file was refused",
    [KS_DB_ERR_CONFLICT] = "a different record is stored under that key already",
    [KS_DB_ERR_INTERNAL] = "unexpected database error (see the log)",
};

const char *ks_db_strerror(enum ks_db_error err)
{
    if ((unsigned)err < sizeof error_texts / sizeof error_texts[0] && error_texts[err])
        return error_texts[err];
    return "unknown database error";
}

enum ks_db_error ks_db_error_from_sqlite(int rc)
{
    if (rc == SQLITE_IOERR_NOMEM)
        return KS_DB_ERR_NO_MEMORY;
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return KS_DB_OK;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return KS_DB_ERR_OPEN;
    case SQLITE_NOTADB:
        return KS_DB_ERR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
        return KS_DB_ERR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return KS_DB_ERR_BUSY;
    case SQLITE_FULL:
        return KS_DB_ERR_FULL;
    case SQLITE_IOERR:
    case SQLITE_READONLY:
        return KS_DB_ERR_IO;
    case SQLITE_NOMEM:
        return KS_DB_ERR_NO_MEMORY;
    case SQLITE_CONSTRAINT:
        return KS_DB_ERR_CONSTRAINT;
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
        return KS_DB_ERR_INVALID;
    default:
        return KS_DB_ERR_INTERNAL;
    }
}

enum ks_db_error ks_db_fail(sqlite3 *conn, int rc, const char *doing)
{
    LOG_ERROR("%s: %s (%s, code %d)", doing, conn ? sqlite3_errmsg(conn) : "-", sqlite3_errstr(rc),
              conn ? sqlite3_extended_errcode(conn) : rc);
    return ks_db_error_from_sqlite(rc);
}

/*
 * PRAGMA quick_check answers one row "ok", or rows describing each problem.
 * It checks the b-tree structure of every page, but not that index entries
 * match their rows (integrity_check does, at several times the cost).
 */
static enum ks_db_error check_integrity(sqlite3 *conn)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(conn, "PRAGMA quick_check", -1, &stmt, NULL);
    int problems = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *row = (const char *)sqlite3_column_text(stmt, 0);
        if (!row || strcmp(row, "ok") != 0) {
            if (problems++ < MAX_LOGGED_PROBLEMS)
                LOG_ERROR("integrity check: %s", row ? row : "(null)");
        }
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE) {
        enum ks_db_error err = ks_db_fail(conn, rc, "integrity check");
        sqlite3_finalize(stmt);
        return err == KS_DB_ERR_NOT_A_DATABASE ? err : KS_DB_ERR_CORRUPT;
    }
    sqlite3_finalize(stmt);
    if (problems > 0) {
        LOG_ERROR("integrity check found %d problem(s)", problems);
        return KS_DB_ERR_CORRUPT;
    }
    return KS_DB_OK;
}

/*
 * The files whose check passed in this process, as they were when checked:
 * a program opens one connection per worker on its file, and each would
 * read the whole file again (eight times at a kiosk's start). A file that
 * changed since (another inode, size or modification time: replaced,
 * restored, written by another process or a checkpoint) is checked again.
 */
struct file_state {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
};
#define CHECKED_FILES_MAX 16
static struct file_state checked_files[CHECKED_FILES_MAX];
static size_t n_checked_files, next_checked_slot;
static pthread_mutex_t checked_lock = PTHREAD_MUTEX_INITIALIZER;

/* The main file of conn as it is now; false for a file without a path (in memory). */
static bool file_state_of(sqlite3 *conn, struct file_state *out)
{
    const char *path = sqlite3_db_filename(conn, "main");
    struct stat st;
    if (!path || !path[0] || stat(path, &st) != 0)
        return false;
    *out = (struct file_state){st.st_dev, st.st_ino, st.st_size, st.st_mtim};
    return true;
}

static bool same_state(const struct file_state *a, const struct file_state *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec;
}

/* True when the file in state s passed the check in this process. */
static bool checked_before(const struct file_state *s)
{
    pthread_mutex_lock(&checked_lock);
    bool found = false;
    for (size_t i = 0; i < n_checked_files && !found; i++)
        found = same_state(&checked_files[i], s);
    pthread_mutex_unlock(&checked_lock);
    return found;
}

/* Remembers that the file in state s passed the check (the oldest entry gives way). */
static void remember_checked(const struct file_state *s)
{
    pthread_mutex_lock(&checked_lock);
    size_t i = 0;
    while (i < n_checked_files &&
           !(checked_files[i].dev == s->dev && checked_files[i].ino == s->ino))
        i++;
    if (i == n_checked_files) {
        i = n_checked_files < CHECKED_FILES_MAX ? n_checked_files++ : next_checked_slot;
        next_checked_slot = (i + 1) % CHECKED_FILES_MAX;
    }
    checked_files[i] = *s;
    pthread_mutex_unlock(&checked_lock);
}

/* The integrity check, unless this process checked the file as it is now. */
static enum ks_db_error check_once(sqlite3 *conn)
{
    struct file_state state;
    bool known = file_state_of(conn, &state);
    if (known && checked_before(&state))
        return KS_DB_OK;
    enum ks_db_error err = check_integrity(conn);
    if (err == KS_DB_OK && known)
        remember_checked(&state);
    return err;
}

/* Counts conn's file, as it is now, as checked: its check runs later (ks_db_check_file). */
static void check_later(sqlite3 *conn)
{
    struct file_state state;
    if (file_state_of(conn, &state))
        remember_checked(&state);
}

/* Runs a PRAGMA that answers one row, and checks the answer when `expect` is given. */
static enum ks_db_error set_pragma(sqlite3 *conn, const char *pragma, const char *expect)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(conn, pragma, -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    /*
     * Two programs opening one new file at once (two backend instances) each
     * read it, then each asks for the write lock the switch to WAL needs:
     * SQLite answers one of them BUSY at once instead of calling the busy
     * handler (both waiting would deadlock), so it is asked again, its read
     * lock let go, for as long as the busy timeout.
     */
    for (int waited_ms = 0; stmt && (rc & 0xff) == SQLITE_BUSY && waited_ms < BUSY_TIMEOUT_MS;
         waited_ms += BUSY_RETRY_MS) {
        sqlite3_reset(stmt);
        sqlite3_sleep(BUSY_RETRY_MS);
        rc = sqlite3_step(stmt);
    }
    enum ks_db_error err = KS_DB_OK;
    if (rc == SQLITE_ROW && expect) {
        const char *answer = (const char *)sqlite3_column_text(stmt, 0);
        if (!answer || strcmp(answer, expect) != 0) {
            LOG_ERROR("%s answered \"%s\", expected \"%s\"", pragma, answer ? answer : "", expect);
            err = KS_DB_ERR_OPEN;
        }
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = ks_db_fail(conn, rc, pragma);
    }
    sqlite3_finalize(stmt);
    return err;
}

/*
 * Every check comes before the first write, so a file that is refused (not a
 * database, corrupt, too new) is left exactly as it was found.
 */
static enum ks_db_error configure(sqlite3 *conn, bool defer_check)
{
    sqlite3_extended_result_codes(conn, 1);
    sqlite3_busy_timeout(conn, BUSY_TIMEOUT_MS);
    /* Refuse SQL that could corrupt the file on purpose (writable_schema and the like). */
    sqlite3_db_config(conn, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);

    /* A file to migrate is checked now: no step ever runs on a file that was not. */
    int version = 0;
    bool deferred = defer_check && ks_migrations_version(conn, &version) == KS_DB_OK &&
                    version == ks_migrations_latest();
    enum ks_db_error err = KS_DB_OK;
    if (deferred)
        check_later(conn);
    else
        err = check_once(conn);
    if (err == KS_DB_OK)
        err = ks_migrations_version(conn, &version);
    if (err == KS_DB_OK && version > ks_migrations_latest()) {
        LOG_ERROR("schema version %d is newer than this program's %d", version,
                  ks_migrations_latest());
        err = KS_DB_ERR_TOO_NEW;
    }
    if (err == KS_DB_OK)
        err = set_pragma(conn, "PRAGMA journal_mode = WAL", "wal");
    /* FULL: in WAL mode every commit is fsync'ed before it returns. */
    if (err == KS_DB_OK)
        err = set_pragma(conn, "PRAGMA synchronous = FULL", NULL);
    if (err == KS_DB_OK)
        err = set_pragma(conn, "PRAGMA foreign_keys = ON", NULL);
    /* Truncate the WAL file back to 4 MiB after a checkpoint instead of letting it stay large. */
    if (err == KS_DB_OK)
        err = set_pragma(conn, "PRAGMA journal_size_limit = 4194304", NULL);
    if (err == KS_DB_OK)
        err = ks_migrations_run(conn, ks_migrations_latest());
    /* The check read every page into this connection's cache: give them back (issue #16). */
    sqlite3_db_release_memory(conn);
    return err;
}

/*
 * Orders, payments and audit logs are the business's: once SQLite has
 * opened (or created) the file, it and its -wal, -shm and -journal
 * companions lose every permission for other users (SQLite gives the
 * companions the main file's mode). The file is never opened here: closing
 * a descriptor of a database file drops every POSIX lock this process
 * holds on it, the other connections' included, and another process could
 * then checkpoint or truncate under them (SQLite's "how to corrupt", 2.2).
 * A file that existed and was readable by others (an older version's) is
 * logged as closed to them.
 */
static void make_private(const char *path, bool existed)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char file[4200];
        struct stat st;
        snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
        if (stat(file, &st) == 0 && (st.st_mode & S_IRWXO) &&
            chmod(file, st.st_mode & (S_IRWXU | S_IRWXG)) == 0 && existed)
            LOG_WARN("%s was open to every local user: closed to others", file);
    }
}

static ks_db *open_file(const char *path, bool defer_check, enum ks_db_error *err)
{
    enum ks_db_error result = KS_DB_ERR_NO_MEMORY;
    ks_db *db = NULL;
    if (!path || !*path) {
        result = KS_DB_ERR_INVALID;
        goto error;
    }
    db = calloc(1, sizeof *db);
    if (!db)
        goto error;
    struct stat before;
    bool existed = stat(path, &before) == 0;
    int rc = sqlite3_open_v2(
        path, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        LOG_ERROR("cannot open %s: %s", path,
                  db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
        result = rc == SQLITE_NOMEM ? KS_DB_ERR_NO_MEMORY : KS_DB_ERR_OPEN;
        goto error;
    }
    make_private(path, existed);
    result = configure(db->conn, defer_check);
    if (result != KS_DB_OK) {
        LOG_ERROR("%s: %s", path, ks_db_strerror(result));
        goto error;
    }
    if (err)
        *err = KS_DB_OK;
    return db;
error:
    ks_db_close(db);
    if (err)
        *err = result;
    return NULL;
}

ks_db *ks_db_open(const char *path, enum ks_db_error *err)
{
    return open_file(path, false, err);
}

ks_db *ks_db_open_check_later(const char *path, enum ks_db_error *err)
{
    return open_file(path, true, err);
}

enum ks_db_error ks_db_check_file(const char *path)
{
    sqlite3 *conn = NULL;
    int rc = path && path[0] ? sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL)
                             : SQLITE_CANTOPEN;
    enum ks_db_error err = rc == SQLITE_OK ? check_integrity(conn) : KS_DB_ERR_OPEN;
    if (rc != SQLITE_OK)
        LOG_ERROR("cannot check %s: %s", path ? path : "(none)", sqlite3_errstr(rc));
    sqlite3_close(conn);
    return err;
}

void ks_db_close(ks_db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->n_cached; i++)
        sqlite3_finalize(db->cache[i].stmt);
    free(db->cache);
    /* The last connection to close checkpoints the WAL into the main file and removes it. */
    if (db->conn && sqlite3_close(db->conn) != SQLITE_OK)
        LOG_ERROR("closing the database: %s", sqlite3_errmsg(db->conn));
    free(db);
}

/* The cached statement for sql, reset and without bindings; NULL (logged) on failure. */
static sqlite3_stmt *cached_stmt(ks_db *db, const char *sql)
{
    for (size_t i = 0; i < db->n_cached; i++) {
        if (db->cache[i].sql == sql) {
            sqlite3_stmt *stmt = db->cache[i].stmt;
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            return stmt;
        }
    }
    if (db->n_cached == db->cap_cached) {
        size_t cap = db->cap_cached ? db->cap_cached * 2 : 32;
        struct cached_stmt *grown = realloc(db->cache, cap * sizeof *grown);
        if (!grown) {
            LOG_ERROR("out of memory caching a statement");
            return NULL;
        }
        db->cache = grown;
        db->cap_cached = cap;
    }
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
    if (rc != SQLITE_OK) {
        LOG_ERROR("preparing \"%.60s\": %s", sql, sqlite3_errmsg(db->conn));
        return NULL;
    }
    db->cache[db->n_cached++] = (struct cached_stmt){.sql = sql, .stmt = stmt};
    return stmt;
}

ks_db_binder ks_db_bind(ks_db *db, const char *sql)
{
    sqlite3_stmt *stmt = cached_stmt(db, sql);
    return (ks_db_binder){.stmt = stmt, .next = 1, .ok = stmt != NULL};
}

void ks_db_bind_text(ks_db_binder *b, const char *text)
{
    if (b->ok)
        b->ok =
            sqlite3_bind_text(b->stmt, b->next++, text ? text : "", -1, SQLITE_STATIC) == SQLITE_OK;
}

void ks_db_bind_int(ks_db_binder *b, int64_t value)
{
    if (b->ok)
        b->ok = sqlite3_bind_int64(b->stmt, b->next++, value) == SQLITE_OK;
}

void ks_db_bind_null(ks_db_binder *b)
{
    if (b->ok)
        b->ok = sqlite3_bind_null(b->stmt, b->next++) == SQLITE_OK;
}

void ks_db_bind_blob(ks_db_binder *b, const void *data, size_t len)
{
    if (b->ok)
        b->ok = sqlite3_bind_blob64(b->stmt, b->next++, data, len, SQLITE_STATIC) == SQLITE_OK;
}

enum ks_db_error ks_db_query(ks_db *db, ks_db_binder *b, ks_db_row_fn row, void *ctx, size_t *rows)
{
    if (rows)
        *rows = 0;
    if (!b->ok) {
        /* A prepare failure was logged; a bind fails only for an oversized value or a bug. */
        if (b->stmt) {
            LOG_ERROR("binding parameter %d of \"%.60s\" failed", b->next - 1,
                      sqlite3_sql(b->stmt));
            sqlite3_reset(b->stmt);
        }
        return KS_DB_ERR_INTERNAL;
    }
    enum ks_db_error err = KS_DB_OK;
    size_t count = 0;
    int rc;
    while ((rc = sqlite3_step(b->stmt)) == SQLITE_ROW) {
        count++;
        if (row && (err = row(b->stmt, ctx)) != KS_DB_OK)
            break;
    }
    if (err == KS_DB_OK && rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            err = KS_DB_ERR_CONSTRAINT;
        else
            err = ks_db_fail(db->conn, rc, sqlite3_sql(b->stmt));
    }
    sqlite3_reset(b->stmt);
    if (rows)
        *rows = count;
    return err;
}

enum ks_db_error ks_db_exec(ks_db *db, ks_db_binder *b)
{
    return ks_db_query(db, b, NULL, NULL, NULL);
}

static enum ks_db_error read_int(sqlite3_stmt *stmt, void *ctx)
{
    *(int64_t *)ctx = sqlite3_column_int64(stmt, 0);
    return KS_DB_OK;
}

enum ks_db_error ks_db_query_int(ks_db *db, ks_db_binder *b, int64_t *out)
{
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, b, read_int, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

int ks_db_changes(ks_db *db)
{
    return sqlite3_changes(db->conn);
}

static enum ks_db_error run_literal(ks_db *db, const char *sql)
{
    ks_db_binder b = ks_db_bind(db, sql);
    return ks_db_exec(db, &b);
}

enum ks_db_error ks_db_begin(ks_db *db)
{
    return run_literal(db, "BEGIN IMMEDIATE");
}

enum ks_db_error ks_db_begin_read(ks_db *db)
{
    return run_literal(db, "BEGIN");
}

enum ks_db_error ks_db_end(ks_db *db, enum ks_db_error err)
{
    if (err == KS_DB_OK)
        err = run_literal(db, "COMMIT");
    if (err != KS_DB_OK && !sqlite3_get_autocommit(db->conn))
        run_literal(db, "ROLLBACK");
    return err;
}

const char *ks_db_column_text(sqlite3_stmt *stmt, int col)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    return text ? (const char *)text : "";
}

bool ks_db_column_copy(sqlite3_stmt *stmt, int col, char *out, size_t cap)
{
    const char *text = ks_db_column_text(stmt, col);
    size_t len = (size_t)sqlite3_column_bytes(stmt, col);
    if (len >= cap || memchr(text, '\0', len)) {
        out[0] = '\0';
        return false;
    }
    memcpy(out, text, len + 1);
    return true;
}

bool ks_db_text_ok(const char *text, size_t max)
{
    return text && text[0] && strnlen(text, max + 1) <= max;
}

bool ks_db_parse_name(const char *const *names, int n, const char *text, int *out)
{
    for (int i = 0; text && i < n; i++) {
        if (names[i] && strcmp(names[i], text) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

bool ks_db_text_clean(const char *text, size_t min, size_t max)
{
    size_t n = text ? strnlen(text, max + 1) : 0;
    if (!text || n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return false;
    return true;
}
