/*
 * Staff access on the kiosk's screens, one mechanism for the staff PIN
 * screen and the attendant's approval at a self-checkout lane: a typed PIN
 * is refused without being compared while the lockout lasts, else
 * compared in constant time and counted by the journey (wrong PINs lock
 * staff access for [kiosk] staff_pin_lockout_seconds); the count and the
 * lockout are stored (kiosk/store/staff_store.h) so a restart does not
 * clear them; every attempt and every staff action is audited.
 */
#ifndef KIOSK_SCREENS_STAFF_ACCESS_H
#define KIOSK_SCREENS_STAFF_ACCESS_H

#include <stdbool.h>

#include "kiosk/screens/screen.h"

/* Takes the stored count and lockout into the journey; at start, after ks_journey_init. */
void ks_staff_access_restore(ks_kiosk_ui *k);

/* True while wrong PINs keep staff access locked. */
bool ks_staff_locked(const ks_kiosk_ui *k);

/*
 * One PIN typed at place ("staff-pin", "lane"): false without comparing
 * while locked (nothing sent to the journey); else the journey gets
 * KS_EV_PIN_ENTERED, the count and lockout are stored, and the attempt is
 * audited. True when it is the configured PIN.
 */
bool ks_staff_pin_try(ks_kiosk_ui *k, const char *typed, const char *place);

/* Audits a staff action done at place ("staff", "lane") on detail (NULL: nothing named). */
void ks_staff_audit(ks_kiosk_ui *k, const char *place, const char *action, const char *detail);

/* Audits a staff badge shown at place: accepted (and whose), or refused while access is locked. */
void ks_staff_badge_audit(ks_kiosk_ui *k, const char *place, const char *staff, bool accepted);

#endif
