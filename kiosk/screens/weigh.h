/*
 * Weighing an item sold by the kilogram: its picture, name and price per
 * kg, the scale's live weight shown large, and "add", enabled only while
 * the driver's trade rule gives a stable, positive, in-range weight.
 */
#ifndef KIOSK_SCREENS_WEIGH_H
#define KIOSK_SCREENS_WEIGH_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_weigh;

#endif
