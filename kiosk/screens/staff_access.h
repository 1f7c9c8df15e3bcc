/*
 * Staff access on the kiosk's screens, one mechanism for the staff PIN
 * screen and the attendant's approval at a self-checkout lane: a typed PIN
 * is refused without being compared while the lockout lasts, else
 * compared in constant time and counted by the journey (wrong PINs lock
 * staff access for [kiosk] staff_pin_lockout_seconds); the count and the
 * lockout are stored (kiosk/store/staff_store.h) so a restart does not
 * clear them; every attempt and every staff action is audited. A PIN is
 * a person's from the store's staff list pulled from the backend
 * (kiosk/store/staff_pin_store.h), who is then recorded; only while that
 * list has nobody is it the INI's shared [kiosk] staff_pin, which names
 * nobody.
 */
#ifndef KIOSK_SCREENS_STAFF_ACCESS_H
#define KIOSK_SCREENS_STAFF_ACCESS_H

#include <stdbool.h>

#include "kiosk/domain/staff_action.h"
#include "kiosk/screens/screen.h"

/* Takes the stored count and lockout into the journey; at start, after ks_journey_init. */
void ks_staff_access_restore(ks_kiosk_ui *k);

/* True while wrong PINs keep staff access locked. */
bool ks_staff_locked(const ks_kiosk_ui *k);

/*
 * One PIN typed at place ("staff-pin", "lane"): false without comparing
 * while locked (nothing sent to the journey); else the journey gets
 * KS_EV_PIN_ENTERED, the count and lockout are stored, and the attempt is
 * audited. True when it is a listed person's PIN (k->staff_person names
 * them from then on) or, while the list has nobody, the configured PIN.
 * A sign-in and the PIN that locks are staff actions the back office lists
 * ("sign_in", "pin_lockout": kiosk/domain/staff_action.h), recorded with their
 * audit rows and queued for the backend in one transaction (ks_staff_act).
 */
bool ks_staff_pin_try(ks_kiosk_ui *k, const char *typed, const char *place);

/* Who the accepted PIN named (k->staff_person), or fallback when it was the shared PIN. */
const char *ks_staff_who(const ks_kiosk_ui *k, const char *fallback);

/* Audits a staff action done at place ("staff", "lane") on detail (NULL: nothing named). */
void ks_staff_audit(ks_kiosk_ui *k, const char *place, const char *action, const char *detail);

/*
 * A staff action the backend's staff report counts (kiosk/domain/staff_action.h): what (its
 * kind, item, order or intervention; uuid, time, business day and person are filled in here)
 * recorded at place as action on detail in the staff audit and queued for the backend in one
 * transaction (ks_staff_action_record). Without a database it is only logged, as ks_staff_audit.
 * False (logged) when it could not be recorded; it is then audited alone, as ks_staff_audit.
 */
bool ks_staff_act(ks_kiosk_ui *k, const char *place, const char *action, const char *detail,
                  const ks_staff_action *what);

/* Audits a staff badge shown at place: accepted (and whose: a sign-in, "sign_in" by badge, queued
 * for the backend as ks_staff_act), or refused while access is locked. */
void ks_staff_badge_audit(ks_kiosk_ui *k, const char *place, const char *staff, bool accepted);

#endif
