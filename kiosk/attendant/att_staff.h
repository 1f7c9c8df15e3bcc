/*
 * Who signs in at the attendant console, and under which id their
 * decisions go to the lanes (README "The attendant console"; kiosk/docs/
 * backend-api.md "Kiosk PINs and the staff list").
 *
 * A PIN is checked as a kiosk checks it: against the store's staff list
 * the console pulls from the back office (kiosk/app/peer_pull.h, kept by
 * kiosk/store/staff_pin_store.h; ks_staff_pin_store_match), so a person
 * signs in by their back office name; while that list has nobody (no
 * backend, none pulled yet, nobody given a kiosk PIN at the store), the
 * INI's [staff]. A badge is the INI's [badges] always: the back office
 * keeps no badges.
 *
 * Sign-in is guarded as the kiosk guards its staff PIN, by the same rule
 * (kiosk/domain/pin_lockout.h; [console] staff_pin_max_failures and
 * staff_pin_lockout_seconds): wrong PINs in a row lock sign-in, PIN and
 * badge, for a while; the count and the lockout are kept in the console's
 * database in the kiosk's table, so a restart does not clear them, and
 * every attempt goes to its staff audit (kiosk/store/staff_store.h), as
 * the kiosk's do. An enrolled console ([backend] url) relays its sign-ins
 * and PIN lockouts to the back office as a kiosk does (staff actions
 * "sign_in" and "pin_lockout" at place "console", kiosk/domain/
 * staff_action.h): each is recorded with its audit row and queued in the
 * outbox of the console's database, the kiosk's own table (ks_db_open
 * migrates the console's file as a kiosk's), in one transaction
 * (ks_staff_action_record_new), dated by the business day of [console]
 * utc_offset_minutes and business_day_start; the program's delivery worker
 * (kiosk/app/delivery.h) sends them with the console's enrolled token.
 */
#ifndef KIOSK_ATTENDANT_ATT_STAFF_H
#define KIOSK_ATTENDANT_ATT_STAFF_H

#include <stdbool.h>

#include "kiosk/attendant/att_config.h"
#include "kiosk/domain/pin_lockout.h"
#include "kiosk/domain/staff_list.h"
#include "kiosk/store/db.h"

/* A decision's staff id when the person's name is none (too long, an @): their lane's order
 * carries ids only. */
#define KS_ATT_CONSOLE_PIN_STAFF "console-pin"

/*
 * Whose PIN (badge false) or badge code (badge true) typed is, into
 * who[KS_STAFF_ID_MAX + 1] ("" nobody): by the staff list in staff_db
 * (borrowed, NULL: no backend), else cfg's. False for nobody, and when the
 * list cannot be read (logged): it may be there to keep someone out.
 */
bool ks_att_staff_sign_in(const ks_att_config *cfg, ks_db *staff_db, const char *typed, bool badge,
                          char *who);

/* The staff audit's place for the console's sign-ins. */
#define KS_ATT_AUDIT_PLACE "console"

/* The console's PIN lockout. */
typedef struct ks_att_guard {
    ks_pin_lockout lockout;     /* on the console's clock: UTC milliseconds */
    ks_pin_lockout_rules rules; /* the configuration's */
    int utc_offset_min;         /* the configuration's business day, that dates relayed actions */
    int day_start_min;
    ks_db *db;  /* borrowed: the console's database (ks_att_store_db); NULL: in memory only */
    bool relay; /* enrolled ([backend] url): sign-ins and lockouts queued for the back office */
} ks_att_guard;

/* g under cfg's rules over db (may be NULL), with the count and lockout stored there, at now_ms
 * (UTC ms); relaying when cfg has a backend. A lockout that cannot be read is logged, and none
 * is assumed. */
void ks_att_guard_init(ks_att_guard *g, const ks_att_config *cfg, ks_db *db, int64_t now_ms);

/* True while wrong PINs keep sign-in locked at now_ms (UTC ms). */
bool ks_att_guard_locked(const ks_att_guard *g, int64_t now_ms);

enum ks_att_sign_in {
    KS_ATT_SIGN_IN_OK,
    KS_ATT_SIGN_IN_WRONG,  /* nobody's (the PIN that locks too: ks_att_guard_locked says so) */
    KS_ATT_SIGN_IN_LOCKED, /* refused without being compared: locked */
};

/*
 * One PIN (badge false) or badge code typed at now_ms (UTC ms), guarded
 * by g: while locked, refused without being compared; else whose it is
 * (ks_att_staff_sign_in, into who), a PIN counted (a badge is not, as at
 * a kiosk's lane: a badge code is no guess at a PIN) with the count and
 * lockout stored before the answer. Every attempt is audited at
 * KS_ATT_AUDIT_PLACE ("pin" or "badge"; "ok", "wrong" or "locked"; the
 * PIN that locks with the detail "locked out"), and a lockout logged.
 * Relaying, a sign-in and the PIN that locks are recorded with their audit
 * rows as staff actions queued for the back office (see above; the person
 * named when who is a back office name, ks_staff_id_ok); one that cannot be
 * is logged and audited alone.
 */
enum ks_att_sign_in ks_att_staff_try(ks_att_guard *g, const ks_att_config *cfg, ks_db *staff_db,
                                     const char *typed, bool badge, int64_t now_ms, char *who);

/* The staff id a decision by who carries: who when it is one (ks_id_ok, KS_ATT_STAFF_MAX), else
 * KS_ATT_CONSOLE_PIN_STAFF. */
const char *ks_att_staff_decider(const char *who);

#endif
