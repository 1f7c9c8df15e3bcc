/*
 * Paying: the method choice (card or at the counter, when configured), the
 * terminal's prompt with the amount and a cancel button, the wait while a
 * cancel reaches the terminal, and the declined page with its ways on.
 */
#ifndef KIOSK_SCREENS_PAYMENT_H
#define KIOSK_SCREENS_PAYMENT_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_payment;

#endif
