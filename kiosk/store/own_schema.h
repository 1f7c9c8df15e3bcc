/*
 * A program's own tables beside the shared kiosk schema (the kitchen
 * display's kds_*, the backend's be_*): created when missing, with their
 * version kept in their own table, so that tables written by a newer
 * program are refused rather than misread.
 */
#ifndef KIOSK_STORE_OWN_SCHEMA_H
#define KIOSK_STORE_OWN_SCHEMA_H

#include <stddef.h>

#include "kiosk/store/db.h"

typedef struct ks_own_schema {
    const char *const *create; /* static: n_create "CREATE ... IF NOT EXISTS", run in order */
    size_t n_create;
    const char *sql_version;     /* static: one version, no row when the table is empty */
    const char *sql_set_version; /* static: inserts the one parameter as the version */
    int version;                 /* the version this program writes */
    const char *what;            /* static: whose tables, for the log ("kitchen") */
} ks_own_schema;

/*
 * Opens the database at path (ks_db_open) and, in one transaction, creates
 * schema's tables and checks their version (a newer one is logged and
 * refused with KS_DB_ERR_TOO_NEW). NULL on failure with *err set (err may
 * be NULL); the caller owns the result (ks_db_close).
 */
ks_db *ks_own_schema_open(const char *path, const ks_own_schema *schema, enum ks_db_error *err);

#endif
