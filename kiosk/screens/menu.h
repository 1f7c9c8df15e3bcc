/*
 * The menu: categories on a rail on the start side, the category's items
 * as picture cards (name, calories, price, badges for new, spicy and offers;
 * sold-out items shown but disabled), and the order bar along the bottom
 * (count, total, "view order").
 */
#ifndef KIOSK_SCREENS_MENU_H
#define KIOSK_SCREENS_MENU_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_menu;

#endif
