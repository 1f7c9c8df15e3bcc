/*
 * Staff access on the kiosk (tables staff_lockout and staff_audit, schema
 * version 9; the audit's person, version 20; a staff action's uuid, version 21) and on the
 * attendant console (the same two tables in its own schema, KS_STAFF_LOCKOUT_TABLE_SQL and
 * KS_STAFF_AUDIT_TABLE_SQL): the staff PIN's wrong-attempt count and lockout
 * (kiosk/domain/pin_lockout.h), kept so a restart does not clear them, and the audit log of
 * every PIN attempt and every staff action, those the backend counts sent to it. The PIN itself is
 * never stored.
 */
#ifndef KIOSK_STORE_STAFF_STORE_H
#define KIOSK_STORE_STAFF_STORE_H

#include <stdint.h>

#include "kiosk/domain/pin_lockout.h"
#include "kiosk/domain/staff_action.h"
#include "kiosk/store/db.h"

/* Bytes of an audit row's place, action and outcome at most; a detail is cut to
 * KS_STAFF_DETAIL_MAX. */
#define KS_STAFF_WORD_MAX 32
#define KS_STAFF_DETAIL_MAX 200

typedef struct ks_staff_lockout {
    int failures;         /* wrong PINs in a row */
    int64_t locked_until; /* UTC seconds; 0 when not locked */
} ks_staff_lockout;

/* The stored lockout; {0, 0} when none was ever stored. */
enum ks_db_error ks_staff_lockout_load(ks_db *db, ks_staff_lockout *out);
/* Stores the lockout (durably, before the kiosk answers the attempt). */
enum ks_db_error ks_staff_lockout_save(ks_db *db, const ks_staff_lockout *lockout);

/*
 * The stored count and lockout into *l on the caller's clock, now_ms being utc_now_s
 * (ks_pin_lockout_restore under rules); *l cleared when none was stored or on an error.
 */
enum ks_db_error ks_staff_lockout_restore(ks_db *db, const ks_pin_lockout_rules *rules,
                                          int64_t now_ms, int64_t utc_now_s, ks_pin_lockout *l);

/* Stores *l (its end as UTC seconds, rounded up: ks_pin_lockout_stored_until), after a PIN
 * was counted and before the device answers it. */
enum ks_db_error ks_staff_lockout_keep(ks_db *db, const ks_pin_lockout *l, int64_t now_ms,
                                       int64_t utc_now_s);

/* The two tables, made when missing, in a program's own schema (the attendant console's):
 * the kiosk's as its schema version 21 leaves them. */
#define KS_STAFF_LOCKOUT_TABLE_SQL                                                                 \
    "CREATE TABLE IF NOT EXISTS staff_lockout (\n"                                                 \
    "    id           INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),\n"                              \
    "    failures     INTEGER NOT NULL CHECK (failures >= 0),\n"                                   \
    "    locked_until INTEGER NOT NULL\n"                                                          \
    ") STRICT"
#define KS_STAFF_AUDIT_TABLE_SQL                                                                   \
    "CREATE TABLE IF NOT EXISTS staff_audit (\n"                                                   \
    "    seq     INTEGER NOT NULL PRIMARY KEY,\n"                                                  \
    "    at      INTEGER NOT NULL,\n"                                                              \
    "    place   TEXT NOT NULL,\n"                                                                 \
    "    action  TEXT NOT NULL,\n"                                                                 \
    "    outcome TEXT NOT NULL,\n"                                                                 \
    "    detail  TEXT NOT NULL,\n"                                                                 \
    "    person  TEXT NOT NULL DEFAULT '',\n"                                                      \
    "    uuid    TEXT UNIQUE\n"                                                                    \
    ") STRICT"

/*
 * Appends one audit row at `at` (UTC seconds): who (the person signed in
 * with their own PIN, kiosk/store/staff_pin_store.h; NULL or "": the
 * shared PIN or nobody), where it happened, the action, its outcome and a
 * detail (NULL: ""; cut to KS_STAFF_DETAIL_MAX bytes). KS_DB_ERR_INVALID
 * for a missing or over-long word.
 */
enum ks_db_error ks_staff_audit_add(ks_db *db, int64_t at, const char *person, const char *place,
                                    const char *action, const char *outcome, const char *detail);

/* Where a staff action's message goes beside the backend's API root (POST /v1/staff-actions). */
#define KS_STAFF_ACTION_PATH "staff-actions"

/*
 * A staff action the backend's staff report and audit must see
 * (kiosk/domain/staff_action.h): its audit row here (at a->at, person
 * a->staff, place, the device's word for the action, its outcome ("ok"; a
 * PIN lockout's "wrong"), detail; the row keeps a->uuid) and its message to
 * the backend (outbox destination KS_REFUND_DESTINATION, path
 * KS_STAFF_ACTION_PATH, keyed by a->uuid) in one transaction, so it is
 * neither lost nor sent twice. The kiosk's, and an enrolled attendant
 * console's (its file is migrated as a kiosk's, outbox included).
 * KS_DB_ERR_INVALID for an action its writer refuses or a missing word.
 */
enum ks_db_error ks_staff_action_record(ks_db *db, const ks_staff_action *a, const char *place,
                                        const char *action, const char *outcome,
                                        const char *detail);

/*
 * A new staff action, as a device records one: *what (borrowed) stamped at `at` (UTC seconds),
 * on the business day of a store utc_offset_min from UTC whose day starts day_start_min after
 * local midnight (ks_business_date), with a new uuid, then ks_staff_action_record with place,
 * action, outcome and detail. KS_DB_ERR_INTERNAL when no uuid could be made. The kiosk's staff
 * screen and lane, and the attendant console, each with its own INI's day.
 */
enum ks_db_error ks_staff_action_record_new(ks_db *db, const ks_staff_action *what, int64_t at,
                                            int utc_offset_min, int day_start_min,
                                            const char *place, const char *action,
                                            const char *outcome, const char *detail);

#endif
