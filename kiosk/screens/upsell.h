/*
 * The upsell screen: the menu's suggestions for what is in the cart (fries
 * and a drink with a burger ...), each with an add button, and "no thanks".
 */
#ifndef KIOSK_SCREENS_UPSELL_H
#define KIOSK_SCREENS_UPSELL_H

#include <stddef.h>

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_upsell;

/* The most suggestions shown at once. */
#define KS_UPSELL_MAX 6

/*
 * The suggestions for the cart now, in menu order of the lines that
 * triggered them: not yet in the cart (or added on this visit), not sold
 * out, available now. Writes up to cap into out (may be NULL when cap is
 * 0) and returns how many there are, at most KS_UPSELL_MAX.
 */
size_t ks_upsell_list(ks_kiosk_ui *k, const ks_item **out, size_t cap);

#endif
