/*
 * A program's own tables beside the shared kiosk schema (the kitchen
 * display's kds_*, the backend's be_*): created when missing, with their
 * version kept in their own table, so that tables written by a newer
 * program are refused rather than misread, and those of an older one are
 * brought up to date.
 *
 * `create` makes version 1's tables (IF NOT EXISTS); upgrade[i] takes
 * version i + 1 to i + 2 (ALTER TABLE ..., new indexes), so version is
 * 1 + n_upgrade. A new file runs create and then every upgrade, an old one
 * the upgrades it lacks: both in the open's one transaction, so a crash
 * leaves the file as it was.
 */
#ifndef KIOSK_STORE_OWN_SCHEMA_H
#define KIOSK_STORE_OWN_SCHEMA_H

#include <stddef.h>

#include "kiosk/store/db.h"

typedef struct ks_own_schema {
    const char *const *create; /* static: n_create "CREATE ... IF NOT EXISTS", run in order */
    size_t n_create;
    const char *const *upgrade; /* static: n_upgrade statements, one per version after 1 */
    size_t n_upgrade;
    const char *sql_version;     /* static: one version, no row when the table is empty */
    const char *sql_set_version; /* static: inserts the one parameter as the version */
    int version;                 /* the version this program writes: 1 + n_upgrade */
    const char *what;            /* static: whose tables, for the log ("kitchen") */
} ks_own_schema;

/*
 * Opens the database at path (ks_db_open) and, in one transaction, creates
 * schema's tables, checks their version (a newer one is logged and refused
 * with KS_DB_ERR_TOO_NEW) and upgrades an older one. NULL on failure with *err set (err may
 * be NULL); the caller owns the result (ks_db_close).
 */
ks_db *ks_own_schema_open(const char *path, const ks_own_schema *schema, enum ks_db_error *err);

#endif
