/*
 * The thin adapter between a keyboard-wedge scanner's /dev/input/eventN and
 * the wedge decoder: open and grab the device (EVIOCGRAB, so SDL and the
 * console do not also receive the keystrokes), then turn each read's
 * struct input_event records into dev_scanner_wedge_key calls.
 */
#ifndef DEVICES_SCANNER_SCANNER_EVDEV_H
#define DEVICES_SCANNER_SCANNER_EVDEV_H

#include "devices/scanner/scanner_wedge.h"

#include <stdbool.h>

/*
 * Opens path read-only, non-blocking and close-on-exec, and grabs it when
 * grab is true; the fd, or -1 with errno set (ENOTTY when path is not an
 * input device and grab was asked). The caller closes it with
 * dev_scanner_evdev_close.
 */
int dev_scanner_evdev_open(const char *path, bool grab);

/*
 * Reads the events waiting on fd and feeds the EV_KEY ones, with their
 * kernel timestamps, to w. True when the fd is still usable (including
 * nothing to read); false on end of file (device unplugged) or a read error.
 */
bool dev_scanner_evdev_read(int fd, struct dev_scanner_wedge *w, dev_scanner_code_fn on_code,
                            void *user);

/* Releases the grab and closes fd; a negative fd is ignored. */
void dev_scanner_evdev_close(int fd);

#endif
