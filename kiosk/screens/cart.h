/*
 * The order review: each line with its choices, note and promotions, a
 * quantity stepper, edit and remove; then subtotal, discount, VAT and total,
 * and "pay".
 */
#ifndef KIOSK_SCREENS_CART_H
#define KIOSK_SCREENS_CART_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_cart;

#endif
