/*
 * The attendant console's own database: every lane's latest report, the
 * requests the lanes raised (by the lane's UUID, stored once), and the
 * decisions the attendants took (by the console's UUID, at most one per
 * request), with when each lane reported it applied. One SQLite file in
 * WAL mode with synchronous=FULL (kiosk/store/own_schema.h, tables att_*):
 * a decision is on disk before the console shows it taken, and a lane's
 * report is on disk before it is answered.
 *
 * The same file keeps the staff PIN's lockout and the audit of every
 * sign-in in the kiosk's own tables (schema versions 2 and 3,
 * kiosk/store/staff_store.h; kiosk/attendant/att_staff.h uses them).
 *
 * A ks_att_store is one connection used by one thread at a time: the HTTP
 * worker and the screen each open their own. Times are UTC milliseconds
 * (seen_at, for "live within 1 s") or seconds (requests and decisions).
 */
#ifndef KIOSK_ATTENDANT_ATT_STORE_H
#define KIOSK_ATTENDANT_ATT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/attendant_msg.h"
#include "kiosk/store/db.h"

/* Lanes the console lists at most. */
#define KS_ATT_MAX_LANES 64

typedef struct ks_att_store ks_att_store;

/* Opens (creating when absent) the file at path. NULL with *err set (err may be NULL). */
ks_att_store *ks_att_store_open(const char *path, enum ks_db_error *err);

/* Closes the connection. Accepts NULL. */
void ks_att_store_close(ks_att_store *store);

/* The connection (borrowed from store, its thread's), for the kiosk's staff tables in the same
 * file (kiosk/store/staff_store.h). */
ks_db *ks_att_store_db(ks_att_store *store);

/*
 * Takes a lane's report (already parsed, borrowed) at now_ms, in one
 * transaction: the lane's state, its new requests (a uuid seen before
 * changes nothing), its requests no longer listed closed, the decisions
 * it lists applied marked so; then the decisions for that lane not yet
 * applied, oldest first, into out[max] (count in *n). *changed (may be
 * NULL) says whether anything the screen shows changed (not seen_at).
 */
enum ks_db_error ks_att_store_report(ks_att_store *store, const ks_att_report *report,
                                     int64_t now_ms, ks_att_decision *out, size_t max, size_t *n,
                                     bool *changed);

/*
 * Stores the decision d (d->uuid new, d->staff who) for lane. A decision
 * for a request already decided, or for a request that is not open on
 * that lane, is KS_DB_ERR_CONFLICT (nothing written): two attendants
 * tapping at once decide once. The same uuid again is KS_DB_OK, nothing
 * changed.
 */
enum ks_db_error ks_att_store_decide(ks_att_store *store, const char *lane,
                                     const ks_att_decision *d);

/* One lane as the console lists it. */
typedef struct ks_att_lane {
    ks_att_report report; /* its latest report; requests: the open ones, each undecided */
    int64_t seen_at_ms;   /* when that report came */
    size_t pending;       /* decisions sent but not yet applied by the lane */
} ks_att_lane;

/* Every lane that ever reported, by id, into out[max] (count in *n). */
enum ks_db_error ks_att_store_lanes(ks_att_store *store, ks_att_lane *out, size_t max, size_t *n);

/* When the lane applied decision uuid (UTC ms); KS_DB_ERR_NOT_FOUND while it has not. */
enum ks_db_error ks_att_store_applied_at(ks_att_store *store, const char *uuid, int64_t *at_ms);

#endif
