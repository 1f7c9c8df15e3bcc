/*
 * Language choice: العربية or English as two large buttons, each written in
 * its own language, with the large-text and high-contrast toggles.
 */
#ifndef KIOSK_SCREENS_LANGUAGE_H
#define KIOSK_SCREENS_LANGUAGE_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_language;

#endif
