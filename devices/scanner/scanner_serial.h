/*
 * Barcode scanner over USB-CDC or RS-232 (/dev/ttyACM0): a byte stream of
 * codes, each optionally behind a configured prefix and ended by a terminator
 * byte (CR by default; a CR LF pair gives one code since empty lines are
 * skipped). A streaming parser: bytes may arrive split anywhere; the port
 * itself (URI, termios, unplug) is devices/common/serial_port.h, e.g.
 * serial:///dev/ttyACM0?baud=115200.
 */
#ifndef DEVICES_SCANNER_SCANNER_SERIAL_H
#define DEVICES_SCANNER_SCANNER_SERIAL_H

#include "devices/common/serial_port.h"
#include "devices/scanner/scanner.h"

#include <stdbool.h>
#include <stdint.h>

#define DEV_SCANNER_AFFIX_MAX 8

struct dev_scanner_serial_config {
    char prefix[DEV_SCANNER_AFFIX_MAX + 1];      /* stripped; "" for none */
    char terminators[DEV_SCANNER_AFFIX_MAX + 1]; /* any of these bytes ends a code; "" = CR, LF */
    size_t max_len;                              /* 1..DEV_SCANNER_CODE_MAX; 0 = the maximum */
};

/* Plain state, no allocation: zero it with dev_scanner_serial_init. */
struct dev_scanner_serial {
    struct dev_scanner_serial_config config;
    struct dev_scanner_stats stats;
    char line[DEV_SCANNER_AFFIX_MAX + DEV_SCANNER_CODE_MAX + 1];
    size_t len;
    bool too_long; /* the current line overflowed: drop it at its terminator */
    bool garbage;  /* the current line held a non-printable byte */
};

/* Starts a parser; config NULL means no prefix, CR or LF, the maximum length. */
void dev_scanner_serial_init(struct dev_scanner_serial *s,
                             const struct dev_scanner_serial_config *config);

/* Feeds n bytes; calls on_code (may be NULL) once per complete code. */
void dev_scanner_serial_feed(struct dev_scanner_serial *s, const uint8_t *data, size_t n,
                             dev_scanner_code_fn on_code, void *user);

/*
 * Reads what port has, waiting up to timeout_ms for the first byte, and
 * feeds it to s. DEV_SERIAL_OK or DEV_SERIAL_ERR_TIMEOUT while the port is
 * usable; DEV_SERIAL_ERR_UNPLUGGED (or another error): close the port and
 * open it again.
 */
enum dev_serial_error dev_scanner_serial_read(struct dev_scanner_serial *s, dev_serial *port,
                                              int timeout_ms, dev_scanner_code_fn on_code,
                                              void *user);

#endif
