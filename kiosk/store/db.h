/*
 * The kiosk database: one SQLite file opened in WAL mode with
 * synchronous=FULL, so a write that returned has been fsync'ed and survives
 * a crash or a power cut. Opening checks the file (not a database, corrupt,
 * written by a newer program) and upgrades the schema (migrations.h).
 *
 * A ks_db is one connection and is used by one thread at a time: each
 * worker opens its own. Statements are prepared once per connection and
 * cached; values are always bound, never formatted into SQL text.
 * The schema and the durability rules are described in kiosk/docs/storage.md.
 */
#ifndef KIOSK_STORE_DB_H
#define KIOSK_STORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every storage function reports one of these; ks_db_strerror() explains it. */
enum ks_db_error {
    KS_DB_OK,
    KS_DB_ERR_OPEN,               /* the file cannot be opened or created */
    KS_DB_ERR_NOT_A_DATABASE,     /* the file exists but is not an SQLite database */
    KS_DB_ERR_CORRUPT,            /* the integrity check failed */
    KS_DB_ERR_TOO_NEW,            /* schema written by a newer program */
    KS_DB_ERR_MIGRATION,          /* a schema upgrade step failed (rolled back) */
    KS_DB_ERR_BUSY,               /* another connection held the lock past the timeout */
    KS_DB_ERR_FULL,               /* the disk is full */
    KS_DB_ERR_IO,                 /* the disk reported an error */
    KS_DB_ERR_NO_MEMORY,          /* out of memory */
    KS_DB_ERR_INVALID,            /* an argument is missing, too long or malformed */
    KS_DB_ERR_NOT_FOUND,          /* no record with that key */
    KS_DB_ERR_CONSTRAINT,         /* the write contradicts stored data */
    KS_DB_ERR_ILLEGAL_TRANSITION, /* the status change is not allowed from the current status */
    KS_DB_ERR_ALREADY_APPROVED,   /* the order already has an approved payment */
    KS_DB_ERR_BAD_MENU,           /* the menu file was refused; see the ks_menu_error */
    KS_DB_ERR_CONFLICT,           /* a different record is stored under that key already */
    KS_DB_ERR_INTERNAL,           /* any other SQLite failure; details are in the log */
};

/* A static English sentence for an error, for logs and the staff screen. Never NULL. */
const char *ks_db_strerror(enum ks_db_error err);

typedef struct ks_db ks_db;

/*
 * Opens (creating when absent) the database file at path, checks it with
 * PRAGMA quick_check, and migrates it to the latest schema. Returns NULL on
 * failure with *err set (err may be NULL); a file that is refused is never
 * written to. The check reads every page, so it grows with the file: a
 * 300 MB file took 0.8 s from the page cache and 7 s cold on the
 * development machine. It runs once per process and file state: a file
 * whose check passed in this process and that has not changed since (same
 * inode, size and modification time) is not read again by the next
 * connection (the kiosk's workers each open one).
 */
ks_db *ks_db_open(const char *path, enum ks_db_error *err);

/*
 * As ks_db_open, except that a file already at the latest schema version
 * is not read whole now: the caller runs ks_db_check_file soon after (the
 * kiosk: once its first frame is on the screen, issue #16) and stops using
 * the file when it fails. Meanwhile the file counts as checked for this
 * process's other connections. A new file, or one a migration step would
 * change, is checked here first as ks_db_open does; a file that is not a
 * database, or of a newer schema, is refused here as there.
 */
ks_db *ks_db_open_check_later(const char *path, enum ks_db_error *err);

/*
 * The check of ks_db_open (PRAGMA quick_check) on a connection of its own,
 * whatever this process checked before: KS_DB_OK, KS_DB_ERR_CORRUPT,
 * KS_DB_ERR_NOT_A_DATABASE or KS_DB_ERR_OPEN. Reads the whole file and
 * writes nothing; any thread.
 */
enum ks_db_error ks_db_check_file(const char *path);

/* Finalises the cached statements and closes the connection. Accepts NULL. */
void ks_db_close(ks_db *db);

/*
 * For the storage modules (kiosk/store/ *.c) and tests only.
 *
 * A query: ks_db_bind() takes the statement for `sql` (a string literal; the
 * connection prepares it on first use and caches it by the literal's
 * address), then ks_db_bind_*() bind parameters 1, 2, 3 ... in order, so
 * that the values read in the same order as the SQL's column list, then
 * ks_db_exec() or ks_db_query() run it and reset it. A failed prepare or
 * bind makes ok false and the run returns KS_DB_ERR_INTERNAL. Text and
 * blobs are borrowed (SQLITE_STATIC) until the run; NULL text binds ''
 * (the schema keeps '' for absent text).
 */
typedef struct ks_db_binder {
    sqlite3_stmt *stmt; /* borrowed from the connection's cache */
    int next;           /* index of the parameter bound next */
    bool ok;
} ks_db_binder;

ks_db_binder ks_db_bind(ks_db *db, const char *sql);
void ks_db_bind_text(ks_db_binder *b, const char *text);
void ks_db_bind_int(ks_db_binder *b, int64_t value);
void ks_db_bind_null(ks_db_binder *b);
void ks_db_bind_blob(ks_db_binder *b, const void *data, size_t len);

/* Called for each result row; an error stops the query and is returned. */
typedef enum ks_db_error (*ks_db_row_fn)(sqlite3_stmt *stmt, void *ctx);

/*
 * Runs the bound statement to the end, calling row (may be NULL) for each
 * result row; *rows (may be NULL) receives how many rows came. SQLite
 * failures are logged here, except constraint violations
 * (KS_DB_ERR_CONSTRAINT), which the caller gives a meaning and logs.
 */
enum ks_db_error ks_db_query(ks_db *db, ks_db_binder *b, ks_db_row_fn row, void *ctx, size_t *rows);

/* ks_db_query for statements whose rows, if any, are not needed (INSERT, UPDATE). */
enum ks_db_error ks_db_exec(ks_db *db, ks_db_binder *b);

/* The first column of a one-row query as an integer; KS_DB_ERR_NOT_FOUND when there is no row. */
enum ks_db_error ks_db_query_int(ks_db *db, ks_db_binder *b, int64_t *out);

/* Rows changed by the latest INSERT, UPDATE or DELETE on this connection. */
int ks_db_changes(ks_db *db);

/*
 * BEGIN IMMEDIATE (the write lock is taken at once, so two writers wait on
 * the busy timeout instead of failing half-way). Every write of more than
 * one statement runs between ks_db_begin and ks_db_end.
 */
enum ks_db_error ks_db_begin(ks_db *db);

/* BEGIN (deferred): several reads from one snapshot; end it with ks_db_end. */
enum ks_db_error ks_db_begin_read(ks_db *db);

/*
 * Ends a transaction: commits when err is KS_DB_OK (returning once the
 * transaction is on disk), else rolls back. Returns the final error.
 * Rolling back is safe after SQLite already did (disk full, I/O error).
 */
enum ks_db_error ks_db_end(ks_db *db, enum ks_db_error err);

/* Maps an SQLite result code to the storage error it means. */
enum ks_db_error ks_db_error_from_sqlite(int rc);

/* Logs an SQLite failure on conn (its message, what was being done); returns the mapped error. */
enum ks_db_error ks_db_fail(sqlite3 *conn, int rc, const char *doing);

/* Reads column col as text, "" when NULL. The pointer lives until the next step or reset. */
const char *ks_db_column_text(sqlite3_stmt *stmt, int col);

/*
 * Copies column col into out[cap]; false (out set to "") when the stored
 * text does not fit, which means the file holds data this program never
 * wrote.
 */
bool ks_db_column_copy(sqlite3_stmt *stmt, int col, char *out, size_t cap);

/*
 * The argument check shared by the storage modules: a non-NULL, non-empty
 * text of at most max bytes. (UUIDs: ks_uuid_ok, kiosk/common/uuid.h.)
 */
bool ks_db_text_ok(const char *text, size_t max);

/*
 * The index of text among names[0..n) into *out: how the storage modules
 * read back a status or kind they store by its name. False (out untouched)
 * when text is NULL or none of them.
 */
bool ks_db_parse_name(const char *const *names, int n, const char *text, int *out);

/* A non-NULL text of min..max bytes without control characters (names, reasons). */
bool ks_db_text_clean(const char *text, size_t min, size_t max);

#endif
