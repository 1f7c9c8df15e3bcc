/*
 * The lane waiting for the attendant: why (bagging area, removal, age
 * check, unknown code, help, idle basket), and the staff PIN keypad with
 * which an attendant at the lane settles all of it when the console is not
 * used; a staff badge ([badges] in the kiosk's configuration) scanned on
 * this screen does the same, in the badge holder's name.
 */
#ifndef KIOSK_SCREENS_ATTENDANT_H
#define KIOSK_SCREENS_ATTENDANT_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_attendant;

/*
 * A code scanned while the attendant screen shows: true when it is a staff
 * badge, which then settles everything the lane waits for (or, while staff
 * access is locked, nothing: the lockout holds for badges too). False for
 * any other code (the shopper's, ignored while the lane waits).
 */
bool ks_attendant_badge(ks_kiosk_ui *k, const char *code);

#endif
