/*
 * Printer transports: how bytes reach a printer and its answers come back,
 * knowing nothing of ESC/POS. One function table per URI scheme, chosen at
 * run time by dev_transport_find (as SDL picks a video driver from its
 * bootstrap list); the driver in devices/printer/printer.c speaks ESC/POS
 * over whichever it gets.
 *
 * Timeouts are in milliseconds; 0 means "only what is ready now".
 */
#ifndef DEVICES_PRINTER_TRANSPORT_H
#define DEVICES_PRINTER_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/printer/printer.h"

typedef struct dev_transport_class {
    /* The URI scheme, e.g. "tcp" for tcp://...; static. */
    const char *scheme;

    /*
     * Checks target (the URI after "scheme://", NUL-terminated, borrowed)
     * without opening anything: DEV_PRINTER_OK or DEV_PRINTER_ERR_BAD_URI.
     */
    enum dev_printer_error (*check)(const char *target);

    /*
     * Optional (NULL for real devices): makes the device itself, which
     * outlives connections, for a checked target. The simulator uses it:
     * paper, faults and printed jobs survive a reconnection, as on a real
     * printer. NULL when memory runs out.
     */
    void *(*device_new)(const char *target);
    void (*device_free)(void *device); /* accepts NULL */

    /*
     * Opens a connection to target (device: from device_new, or NULL); on
     * success *state is the connection's state, owned by the caller until
     * close. On failure *state is NULL and the error says why (NOT_FOUND,
     * OPEN, TIMEOUT ...).
     */
    enum dev_printer_error (*open)(const char *target, void *device, int timeout_ms, void **state);

    /*
     * Writes some of data[0..len) (len >= 1), waiting up to timeout_ms for
     * the device to take at least one byte; *written says how many it took
     * (possibly fewer than len). DEV_PRINTER_ERR_TIMEOUT when it took none.
     */
    enum dev_printer_error (*write)(void *state, const uint8_t *data, size_t len, int timeout_ms,
                                    size_t *written);

    /*
     * Reads up to cap (>= 1) bytes, waiting up to timeout_ms for the first;
     * *got says how many. DEV_PRINTER_ERR_TIMEOUT with *got = 0 when none
     * came in time (also from a device with no way back at all).
     */
    enum dev_printer_error (*read)(void *state, uint8_t *buf, size_t cap, int timeout_ms,
                                   size_t *got);

    /*
     * Throws away bytes already received and not read (late answers from
     * an earlier conversation). NULL when the transport cannot do it
     * without a round trip to the device (USB).
     */
    void (*discard_input)(void *state);

    /* Closes the connection and frees state (never the device). Accepts NULL. */
    void (*close)(void *state);
} dev_transport_class;

extern const dev_transport_class dev_transport_tcp;
extern const dev_transport_class dev_transport_file;
extern const dev_transport_class dev_transport_usb;
extern const dev_transport_class dev_transport_sim;

/*
 * The transport for uri's scheme, and in *target where its target starts
 * (inside uri). NULL when uri has no "scheme://" or the scheme is unknown.
 */
const dev_transport_class *dev_transport_find(const char *uri, const char **target);

struct dev_printer_sim;

/* The simulator of a device made by dev_transport_sim.device_new; borrowed. */
struct dev_printer_sim *dev_transport_sim_of(void *device);

#endif
