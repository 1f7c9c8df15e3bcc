/*
 * The staff PIN: a keypad with dots, a message after a wrong PIN. Typed
 * PINs go through kiosk/screens/staff_access.h (lockout kept across
 * restarts, every attempt audited).
 */
#ifndef KIOSK_SCREENS_STAFF_PIN_H
#define KIOSK_SCREENS_STAFF_PIN_H

#include "kiosk/screens/screen.h"

#define KS_STAFF_PIN_MIN 4
#define KS_STAFF_PIN_MAX 8

extern const ks_screen_ops ks_screen_staff_pin;

/*
 * The staff PIN keypad (dots), calling on_ok(keypad, k) on OK; named
 * "keypad", its keys "pin-0" .. "pin-9", "pin-back", "pin-ok". Also the
 * attendant's approval at a self-checkout lane.
 */
struct ui_widget *ks_staff_pin_pad(ks_kiosk_ui *k, ui_widget_fn on_ok);

#endif
