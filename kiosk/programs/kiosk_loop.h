/*
 * The kiosk's UI loop: the window, the widget tree, the screens'
 * controller (kiosk/screens/kiosk_ui.h) and the devices, turning SDL events
 * into input and journey ticks until the program is told to stop. Also the
 * same loop on a virtual clock driven by a script (kiosk/screens/script.h),
 * for end-to-end tests under SDL's offscreen video driver.
 */
#ifndef KIOSK_PROGRAMS_KIOSK_LOOP_H
#define KIOSK_PROGRAMS_KIOSK_LOOP_H

#include <stdbool.h>

#include "kiosk/app/config.h"
#include "kiosk/programs/kiosk_start.h"

typedef struct ks_loop_options {
    bool windowed;            /* a development window instead of the fullscreen kiosk */
    bool landscape;           /* 1920 x 1080 whatever [kiosk] orientation says */
    const char *script;       /* run this script on a virtual clock, then stop; NULL: none */
    const char *terminal_uri; /* the card terminal; NULL: simulated */
    const char *printer_uri;  /* the receipt printer; NULL: simulated */
} ks_loop_options;

/*
 * Runs the kiosk on the database and menu start loads (borrowed; begun
 * by the caller, kiosk/programs/kiosk_start.h) until a quit request (in
 * windowed mode), a signal, or the script's end. The window and the fonts
 * open while start loads; the loop waits for it before the first tree is
 * built, and stops, having shown nothing, when it failed. Returns the
 * process exit status: 0, or 1 when the load failed, the window cannot
 * open or the script failed.
 */
int ks_loop_run(const ks_config *cfg, ks_start *start, const ks_loop_options *opt);

#endif
