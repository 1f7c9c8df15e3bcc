/*
 * The staff PIN: a keypad with dots, a message after a wrong PIN. Wrong PINs
 * are counted by the journey, which locks staff mode for a while after too
 * many.
 */
#ifndef KIOSK_SCREENS_STAFF_PIN_H
#define KIOSK_SCREENS_STAFF_PIN_H

#include "kiosk/screens/screen.h"

#define KS_STAFF_PIN_MIN 4
#define KS_STAFF_PIN_MAX 8

extern const ks_screen_ops ks_screen_staff_pin;

/* True when typed is the configured staff PIN (compared in constant time). */
bool ks_staff_pin_matches(const ks_kiosk_ui *k, const char *typed);

/*
 * The staff PIN keypad (dots), calling on_ok(keypad, k) on OK; named
 * "keypad", its keys "pin-0" .. "pin-9", "pin-back", "pin-ok". Also the
 * attendant's approval at a self-checkout lane.
 */
struct ui_widget *ks_staff_pin_pad(ks_kiosk_ui *k, ui_widget_fn on_ok);

#endif
