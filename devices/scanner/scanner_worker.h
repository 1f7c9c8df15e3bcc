/*
 * The barcode scanner driver: one scanner, chosen at run time by its URI,
 * read on a worker thread with the parser its interface needs, so the UI
 * thread never waits on a device.
 *
 *   serial:///dev/ttyACM0?baud=9600        USB-CDC or RS-232 (scanner_serial.h)
 *   serial-by-id://usb-Datalogic_*-if00    the same, by /dev/serial/by-id name
 *   hidraw:///dev/hidraw3                  HID POS (scanner_hidraw.h)
 *   hidraw://0c2e:0b61                     HID POS, the node with that VID:PID
 *   evdev:///dev/input/by-id/usb-X-event-kbd   keyboard wedge (scanner_wedge.h)
 *
 * Query keys, refused when misspelt or out of range:
 *   max_len     every kind: longest code delivered, 1..128 (default 128)
 *   prefix      serial: bytes each code starts with, stripped (default none)
 *   suffix      serial: any of these bytes ends a code, in hex pairs:
 *               suffix=0d (CR), suffix=03 (ETX); default CR or LF. Plus the
 *               port keys of devices/common/serial_port.h (baud, format)
 *   timeout_ms  hidraw: longest wait for a continued report; evdev: longest
 *               gap between keys of one code; 10..5000 (defaults 500, 100)
 *   grab        evdev: 1 (default) keeps the keys from SDL and the console
 *               (EVIOCGRAB), 0 shares them
 *
 * The device need not be there at start. When it goes away (a read error,
 * EIO or ENODEV, a hang-up, end of file) the worker closes it, shows
 * DEV_SCANNER_LINK_DOWN, and opens it again with a backoff that doubles
 * from 100 ms to 5 s (devices/common/reconnect.h), resolving the path, the
 * glob or the VID:PID again each time. Counts survive reconnects.
 *
 * Wiring in a program: on_code runs on the worker; it copies the code into
 * an SDL user event and returns. The staff screen reads
 * dev_scanner_worker_state whenever it draws.
 */
#ifndef DEVICES_SCANNER_SCANNER_WORKER_H
#define DEVICES_SCANNER_SCANNER_WORKER_H

#include "devices/common/serial_port.h"
#include "devices/scanner/scanner.h"
#include "devices/scanner/scanner_hidraw.h"
#include "devices/scanner/scanner_serial.h"
#include "devices/scanner/scanner_wedge.h"

#include <stdbool.h>
#include <stddef.h>

#define DEV_SCANNER_URI_MAX 1024
#define DEV_SCANNER_PATH_MAX 512

enum dev_scanner_kind {
    DEV_SCANNER_SERIAL, /* serial:// and serial-by-id:// */
    DEV_SCANNER_HIDRAW, /* hidraw:// */
    DEV_SCANNER_EVDEV,  /* evdev:// */
};

struct dev_scanner_worker_config {
    enum dev_scanner_kind kind;
    struct dev_serial_config port;             /* SERIAL */
    struct dev_scanner_serial_config serial;   /* SERIAL */
    char hidraw_uri[DEV_SCANNER_HID_PATH_MAX]; /* HIDRAW: no query; resolved at each open */
    struct dev_scanner_hidraw_config hidraw;   /* HIDRAW */
    char evdev_path[DEV_SCANNER_PATH_MAX];     /* EVDEV: absolute */
    bool grab;                                 /* EVDEV */
    struct dev_scanner_wedge_config wedge;     /* EVDEV */
};

enum dev_scanner_link {
    DEV_SCANNER_LINK_DOWN, /* not open: not plugged in, refused, or just unplugged */
    DEV_SCANNER_LINK_UP,   /* open and read */
};

/* Why the link is (or was last) down; DEV_SCANNER_FAULT_NONE while it is up. */
enum dev_scanner_fault {
    DEV_SCANNER_FAULT_NONE,
    DEV_SCANNER_FAULT_NOT_FOUND, /* no such device (or no hidraw node with the VID:PID) */
    DEV_SCANNER_FAULT_OPEN,      /* there, but refused: permissions, busy, not the right kind */
    DEV_SCANNER_FAULT_UNPLUGGED, /* it went away while open */
    DEV_SCANNER_FAULT_IO,        /* any other failure */
};

/* What the staff screen shows. */
struct dev_scanner_state {
    enum dev_scanner_link link;
    enum dev_scanner_fault fault;
    char path[DEV_SCANNER_PATH_MAX]; /* the device last opened; "" before the first open */
    struct dev_scanner_stats stats;  /* codes delivered and dropped, since start */
    unsigned long reconnects;        /* opens after the first one */
};

typedef struct dev_scanner_worker dev_scanner_worker;

/*
 * Parses a scanner URI (see the top of this header, at most
 * DEV_SCANNER_URI_MAX bytes) into *out. False, with a short English
 * reason in why (may be NULL), when it is refused.
 */
bool dev_scanner_worker_uri_parse(const char *uri, struct dev_scanner_worker_config *out, char *why,
                                  size_t why_cap);

/*
 * Starts the worker for cfg (copied). on_code (may be NULL) is called on
 * the worker thread once per complete code, the code borrowed for the
 * call; it must not block or call back into the worker. NULL when memory,
 * an eventfd or a thread cannot be had; the device need not exist yet.
 */
dev_scanner_worker *dev_scanner_worker_start(const struct dev_scanner_worker_config *cfg,
                                             dev_scanner_code_fn on_code, void *user);

/* Stops the worker at once (it never sleeps unwakeably), closes the device, frees; NULL is ignored.
 */
void dev_scanner_worker_stop(dev_scanner_worker *w);

/* A copy of the current state into *out; any thread. */
void dev_scanner_worker_state(dev_scanner_worker *w, struct dev_scanner_state *out);

/* Static English names for the staff screen; never NULL. */
const char *dev_scanner_link_name(enum dev_scanner_link link);
const char *dev_scanner_fault_name(enum dev_scanner_fault fault);

#endif
