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
 */
#ifndef KIOSK_ATTENDANT_ATT_STAFF_H
#define KIOSK_ATTENDANT_ATT_STAFF_H

#include <stdbool.h>

#include "kiosk/attendant/att_config.h"
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

/* The staff id a decision by who carries: who when it is one (ks_id_ok, KS_ATT_STAFF_MAX), else
 * KS_ATT_CONSOLE_PIN_STAFF. */
const char *ks_att_staff_decider(const char *who);

#endif
