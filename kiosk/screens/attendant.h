/*
 * The lane waiting for the attendant: why (bagging area, removal, age
 * check, unknown code, help, idle basket), and the staff PIN keypad with
 * which an attendant at the lane settles all of it when the console is not
 * used.
 */
#ifndef KIOSK_SCREENS_ATTENDANT_H
#define KIOSK_SCREENS_ATTENDANT_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_attendant;

#endif
