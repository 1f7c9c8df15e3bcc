/*
 * Printing: a spinner while the receipt (or the counter ticket) prints.
 */
#ifndef KIOSK_SCREENS_PRINTING_H
#define KIOSK_SCREENS_PRINTING_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_printing;

#endif
