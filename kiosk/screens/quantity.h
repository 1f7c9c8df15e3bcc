/*
 * The quantity of a counted line on a keypad; fewer pieces than scanned is
 * a removal, which waits for the attendant when the rules say so.
 */
#ifndef KIOSK_SCREENS_QUANTITY_H
#define KIOSK_SCREENS_QUANTITY_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_quantity;

#endif
