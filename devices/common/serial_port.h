/*
 * Serial ports (RS-232, USB-CDC /dev/ttyACM*, USB-serial /dev/ttyUSB*, and
 * pseudo-terminals in tests) for the scale and scanner drivers: one URI
 * says which port and how it is framed, and the port is opened raw,
 * non-blocking and without becoming our controlling terminal.
 *
 *   serial:///dev/ttyUSB0?baud=9600&format=7E1&dialect=mt8217
 *   serial:///dev/serial/by-id/usb-Datalogic_*-if00?baud=115200
 *   serial-by-id://usb-Datalogic_*-if00      (the same folder, shorter)
 *
 *   path     absolute; may hold a glob pattern (* ? [..]), resolved again
 *            at every open to its first match in sorted order, so a scale
 *            that comes back from an unplug under another ttyUSBn is found
 *   baud     1200, 2400, 4800, 9600 (default), 19200, 38400, 57600, 115200
 *   format   data bits 7 or 8, parity N, E or O, stop bits 1 or 2: "8N1"
 *            (default), "7E1" (Mettler Toledo 8217) ...
 *
 * Other query keys belong to the driver (dialect, max_g ...): each one is
 * handed to its callback, and a key nobody claims refuses the URI, so a
 * typo stops the kiosk at start rather than at the first customer.
 * Unplugging shows as DEV_SERIAL_ERR_UNPLUGGED from read or write (EIO,
 * ENODEV, POLLHUP, end of file): close the port and open it again.
 */
#ifndef DEVICES_COMMON_SERIAL_PORT_H
#define DEVICES_COMMON_SERIAL_PORT_H

#include "devices/common/uri_text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEV_SERIAL_URI_MAX 1024
#define DEV_SERIAL_PATH_MAX 512
#define DEV_SERIAL_BY_ID_DIR "/dev/serial/by-id"

enum dev_serial_error {
    DEV_SERIAL_OK,
    DEV_SERIAL_ERR_BAD_URI,   /* the configuration cannot describe a port */
    DEV_SERIAL_ERR_NOT_FOUND, /* no such device (yet): retry later */
    DEV_SERIAL_ERR_OPEN,      /* present but refused: permissions, busy */
    DEV_SERIAL_ERR_NOT_TTY,   /* the path is not a terminal */
    DEV_SERIAL_ERR_TIMEOUT,   /* nothing within the time allowed */
    DEV_SERIAL_ERR_UNPLUGGED, /* the device went away: close and reopen */
    DEV_SERIAL_ERR_IO,        /* any other failure */
    DEV_SERIAL_ERR_NO_MEMORY,
};

struct dev_serial_config {
    char path[DEV_SERIAL_PATH_MAX]; /* absolute, may be a glob pattern */
    unsigned baud;                  /* one of the rates above */
    unsigned data_bits;             /* 7 or 8 */
    char parity;                    /* 'N', 'E' or 'O' */
    unsigned stop_bits;             /* 1 or 2 */
};

typedef struct dev_serial dev_serial;

/*
 * Called for each query key the serial layer does not know (see
 * devices/common/uri_text.h for the limits); false refuses the URI.
 */
typedef dev_uri_param_fn dev_serial_param_fn;

/* 9600 8N1 on no path; what dev_serial_uri_parse starts from. */
void dev_serial_config_default(struct dev_serial_config *cfg);

/*
 * Parses uri (at most DEV_SERIAL_URI_MAX bytes) into *out (defaults for
 * what it does not say). on_param may be NULL (then any other key refuses
 * the URI). False, with a short English reason in why (may be NULL), on
 * anything not described at the top of this header.
 */
bool dev_serial_uri_parse(const char *uri, struct dev_serial_config *out,
                          dev_serial_param_fn on_param, void *user, char *why, size_t why_cap);

/*
 * Opens and configures the port cfg describes (resolving a glob); NULL on
 * failure with the reason in *err (may be NULL). The caller owns the port
 * and closes it with dev_serial_close. Input already waiting is discarded.
 */
dev_serial *dev_serial_open(const struct dev_serial_config *cfg, enum dev_serial_error *err);

/* Closes the port; NULL is ignored. */
void dev_serial_close(dev_serial *port);

/* The device path actually opened (a glob resolved), owned by port. */
const char *dev_serial_path(const dev_serial *port);

/* The descriptor (non-blocking), for a caller's own poll(); owned by port. */
int dev_serial_fd(const dev_serial *port);

/*
 * Writes all of data[0..len), waiting up to timeout_ms in total for the
 * port to take it. DEV_SERIAL_ERR_TIMEOUT when it did not.
 */
enum dev_serial_error dev_serial_write(dev_serial *port, const uint8_t *data, size_t len,
                                       int timeout_ms);

/*
 * Reads up to cap (>= 1) bytes, waiting up to timeout_ms for the first;
 * *got says how many. DEV_SERIAL_ERR_TIMEOUT with *got = 0 when none came.
 */
enum dev_serial_error dev_serial_read(dev_serial *port, uint8_t *buf, size_t cap, int timeout_ms,
                                      size_t *got);

/* Throws away input received and not read (late answers, line noise). */
void dev_serial_discard_input(dev_serial *port);

/* A static English description of err; never NULL. */
const char *dev_serial_strerror(enum dev_serial_error err);

#endif
