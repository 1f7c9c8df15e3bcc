/*
 * An item's page: picture, description, calories; its modifier groups
 * (one choice: round marks; several: square marks, with the group's limits
 * enforced and shown); for a meal the size and each slot's choices; the
 * quantity, kitchen notes, and "add to order" with the live price.
 */
#ifndef KIOSK_SCREENS_ITEM_H
#define KIOSK_SCREENS_ITEM_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_item;

#endif
