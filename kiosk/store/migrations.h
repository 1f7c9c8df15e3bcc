/*
 * Schema migrations: an ordered list of steps, step k taking the database
 * from PRAGMA user_version k-1 to k. ks_db_open runs the missing steps; each
 * step is one transaction, so a failure leaves the file at the last
 * complete version. A database whose version is above the latest step was
 * written by a newer program and is refused untouched.
 */
#ifndef KIOSK_STORE_MIGRATIONS_H
#define KIOSK_STORE_MIGRATIONS_H

#include <sqlite3.h>

#include "kiosk/store/db.h"

/* The schema version this program creates and understands. */
int ks_migrations_latest(void);

/* Reads PRAGMA user_version of conn into *version. */
enum ks_db_error ks_migrations_version(sqlite3 *conn, int *version);

/*
 * Runs the steps above the current version up to target (0..latest) on
 * conn, which must not be inside a transaction, all in one transaction (a
 * failed step leaves the schema as it was). KS_DB_ERR_TOO_NEW when the
 * file is already above latest; KS_DB_ERR_INVALID for a target out of
 * range. Running again at the target is a no-op. Tests use a target below
 * latest to build the databases older programs left behind.
 */
enum ks_db_error ks_migrations_run(sqlite3 *conn, int target);

#endif
