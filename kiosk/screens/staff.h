/*
 * Staff mode: what the kiosk knows about itself (messages waiting to be
 * sent, the menu version, the database), items marked sold out or back on
 * sale, reprinting the last receipt, closing or opening the kiosk, exit.
 */
#ifndef KIOSK_SCREENS_STAFF_H
#define KIOSK_SCREENS_STAFF_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_staff;

#endif
