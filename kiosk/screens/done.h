/*
 * Done: the order number in large type, "take your receipt" (or "pay at
 * the counter"), and a QR code linking to the e-receipt; back to the attract
 * screen after a while or at a touch.
 */
#ifndef KIOSK_SCREENS_DONE_H
#define KIOSK_SCREENS_DONE_H

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_done;

#endif
