/*
 * The idle countdown: "are you still there?" over the screen, with a ring
 * running down the seconds left, "yes, keep ordering" and "cancel order".
 * Any touch counts as still there (the journey says so); when the ring runs
 * out the journey starts over.
 */
#ifndef KIOSK_SCREENS_IDLE_H
#define KIOSK_SCREENS_IDLE_H

#include "kiosk/screens/screen.h"

/* Opens or closes the overlay to match the journey's idle warning. */
void ks_idle_sync(ks_kiosk_ui *k);

#endif
