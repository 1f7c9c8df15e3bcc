/*
 * The staff PIN: a keypad with dots, a message after a wrong PIN. Wrong PINs
 * are counted by the journey, which locks staff mode for a while after too
 * many.
 */
#ifndef KIOSK_SCREENS_STAFF_PIN_H
#define KIOSK_SCREENS_STAFF_PIN_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_staff_pin;

#endif
