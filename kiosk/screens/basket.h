/*
 * The self-checkout basket: every line newest first (the one just scanned
 * highlighted) with its quantity or weight, unit price or price per kg,
 * line total and savings; a banner when a scan was refused (in both
 * languages) or the age check waits; item count, savings and total; Help,
 * Bags, Look up item and Pay.
 */
#ifndef KIOSK_SCREENS_BASKET_H
#define KIOSK_SCREENS_BASKET_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_basket;

#endif
