/*
 * Backups of the programs' SQLite databases (the kiosk's, the kitchen
 * display's, the attendant console's, the SQLite backend's), taken while
 * the program keeps writing: SQLite's online backup API copies the file in
 * one read transaction, so the copy is the database as one commit left it,
 * and in WAL mode the writers are never blocked meanwhile. A backup is a
 * standalone database file (rollback journal, checked with quick_check)
 * named after its database and the UTC time,
 *   DIR/kiosk-20261204T143000Z.db   (a backup of .../kiosk.db)
 * written under a temporary name, fsync'ed and renamed, so a power cut
 * leaves either the whole backup or none; the newest `keep` backups of each
 * database are kept. A restore copies a checked backup back into the
 * database through the same API, as one transaction of the database (its
 * WAL handled by SQLite); its program should be stopped meanwhile.
 * Used by kiosk-backup (kiosk/programs/backup_main.c) and its timer.
 */
#ifndef KIOSK_STORE_DB_BACKUP_H
#define KIOSK_STORE_DB_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ks_backup_outcome {
    KS_BACKUP_DONE,
    KS_BACKUP_NO_DATABASE, /* the database file does not exist: nothing to back up */
    KS_BACKUP_FAILED,      /* why says what went wrong; nothing was left in the folder */
};

typedef struct ks_backup_result {
    char path[4096]; /* the backup written */
    int64_t bytes;   /* its size */
    int removed;     /* older backups of the same database removed by the rotation */
} ks_backup_result;

/*
 * Backs up the database at db_path into dir (created 0750 when absent) as
 * NAME-STAMP.db for now_utc, then keeps the newest `keep` (at least 1)
 * backups of that database. *out is set on KS_BACKUP_DONE; why (a sentence)
 * on the other outcomes.
 */
enum ks_backup_outcome ks_db_backup(const char *db_path, const char *dir, int keep, int64_t now_utc,
                                    ks_backup_result *out, char *why, size_t why_cap);

/*
 * Replaces the content of the database at db_path (created when absent)
 * with the backup at backup_path, which must pass quick_check and be a
 * backup of a database of the same file name. False, with why, and the
 * database unchanged otherwise.
 */
bool ks_db_restore(const char *backup_path, const char *db_path, char *why, size_t why_cap);

#endif
