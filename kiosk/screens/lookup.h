/*
 * Looking up an item without a barcode (produce, bakery): a picture grid
 * by category, or its PLU code on a keypad; the item then goes into the
 * basket as a scan would (to the scale when sold by weight).
 */
#ifndef KIOSK_SCREENS_LOOKUP_H
#define KIOSK_SCREENS_LOOKUP_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_lookup;

#endif
