/*
 * Eat here or take away, as two large tiles with pictograms.
 */
#ifndef KIOSK_SCREENS_SERVICE_H
#define KIOSK_SCREENS_SERVICE_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_service;

#endif
