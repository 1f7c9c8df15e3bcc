/*
 * Out of service: the kiosk is closed by staff; the staff gesture still
 * works on the corner.
 */
#ifndef KIOSK_SCREENS_OUT_OF_SERVICE_H
#define KIOSK_SCREENS_OUT_OF_SERVICE_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_out_of_service;

#endif
