/*
 * The produce-scale driver: a worker thread that asks a serial scale for
 * its weight a few times a second (devices/scale/scale_protocol.h on a
 * devices/common/serial_port.h port) and reports what changed, so the UI
 * thread never waits on a serial line.
 *
 *   serial:///dev/ttyUSB0?baud=9600&format=7E1&dialect=mt8217&max_g=15000
 *
 *   dialect   magellan | mt8217 | nci (required)
 *   max_g     the heaviest weight sold, in grams, 1..99999 (default 15000)
 *   poll_ms   time between requests, 50..5000 (default 250; the 8217 wants
 *             at least 200 between commands, so it never gets less)
 *   reply_ms  how long a reply may take, 50..5000 (default 500)
 * plus the port keys of serial_port.h (path, glob, baud, format); an 8217
 * speaks 7E1, so its URI says format=7E1.
 *
 * Unplugging is survived: the worker closes the port, reports
 * DEV_SCALE_LINK_DOWN, and tries again with a backoff that doubles from
 * 100 ms to 5 s until the device is back (same path, or the glob's new
 * match). A scale that stops answering stays open and shows as
 * DEV_SCALE_LINK_SILENT.
 *
 * Wiring in a program: the on_change callback runs on the worker; it
 * copies the state into an SDL user event (or a pipe) and returns. The UI
 * thread shows the weight from the events and, when the customer confirms,
 * asks dev_scale_serial_weight for the tradable weight: the one place the
 * trade rule (stable, 0 <= g <= max_g, fresh) is applied.
 */
#ifndef DEVICES_SCALE_SCALE_SERIAL_H
#define DEVICES_SCALE_SCALE_SERIAL_H

#include "devices/common/serial_port.h"
#include "devices/scale/scale_protocol.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dev_scale_link {
    DEV_SCALE_LINK_DOWN,   /* no port: not plugged in, or just unplugged */
    DEV_SCALE_LINK_SILENT, /* the port is open but the scale does not answer */
    DEV_SCALE_LINK_UP,     /* answering */
};

/* Why the link is not (or was last not) up; DEV_SCALE_FAULT_NONE while all is well. */
enum dev_scale_fault {
    DEV_SCALE_FAULT_NONE,
    DEV_SCALE_FAULT_NOT_FOUND, /* the device path does not exist */
    DEV_SCALE_FAULT_OPEN,      /* exists but cannot be opened or set up */
    DEV_SCALE_FAULT_UNPLUGGED, /* it went away while open */
    DEV_SCALE_FAULT_NO_ANSWER, /* a request got no complete reply in time */
    DEV_SCALE_FAULT_GARBLED,   /* a reply that is not the dialect's */
    DEV_SCALE_FAULT_IO,        /* any other I/O failure */
};

struct dev_scale_serial_config {
    struct dev_serial_config port;
    enum dev_scale_dialect dialect;
    int64_t max_grams;
    int poll_ms;
    int reply_ms;
};

/* What the staff screen shows, and what each change event carries. */
struct dev_scale_state {
    enum dev_scale_link link;
    enum dev_scale_fault fault;       /* the latest problem; NONE once answers are good again */
    struct dev_scale_reading reading; /* DEV_SCALE_ERROR unless link is UP */
    unsigned long replies, no_answers, garbled; /* counts since start */
    unsigned long reconnects;                   /* opens after the first one */
};

/*
 * Called on the worker thread whenever link, fault or reading changes,
 * with state borrowed for the call. It must not block or call back into
 * the driver; copy what it needs and return.
 */
typedef void (*dev_scale_change_fn)(void *user, const struct dev_scale_state *state);

typedef struct dev_scale_serial dev_scale_serial;

/*
 * Parses a scale URI (see the top of this header) into *out. False, with
 * a short English reason in why (may be NULL), when it is refused.
 */
bool dev_scale_serial_uri_parse(const char *uri, struct dev_scale_serial_config *out, char *why,
                                size_t why_cap);

/*
 * Starts the worker for cfg (copied). on_change may be NULL. The port need
 * not exist yet. NULL when memory or a thread cannot be had.
 */
dev_scale_serial *dev_scale_serial_start(const struct dev_scale_serial_config *cfg,
                                         dev_scale_change_fn on_change, void *user);

/* Stops the worker (within one reply timeout), closes the port, frees; NULL is ignored. */
void dev_scale_serial_stop(dev_scale_serial *scale);

/* A copy of the current state; any thread. */
void dev_scale_serial_state(dev_scale_serial *scale, struct dev_scale_state *out);

/*
 * The trade rule on the latest reading: true, with *grams set, only when
 * the link is up and the reading, no older than two poll intervals plus a
 * reply timeout, passes dev_scale_accept with the configured max_g.
 * Any thread; false for NULL arguments.
 */
bool dev_scale_serial_weight(dev_scale_serial *scale, int64_t *grams);

/* Static English names for the staff screen; never NULL. */
const char *dev_scale_link_name(enum dev_scale_link link);
const char *dev_scale_fault_name(enum dev_scale_fault fault);

#endif
