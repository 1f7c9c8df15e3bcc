/*
 * The receipt printer driver: one ESC/POS printer behind a URI, with the
 * transport chosen at run time (devices/printer/transport.h):
 *
 *   tcp://HOST[:PORT]        a network printer's raw port (9100 when absent)
 *   file:///dev/usb/lp0      a character device: usblp, a serial port, a pty
 *   usb://[VID:PID]          libusb: the first printer-class device, or that model
 *   sim://[?width=DOTS&packet=BYTES&fault=SPEC...]
 *                            an in-process dev_printer_sim (tests, demos)
 *
 * A job is printed with guarantees: the driver asks DLE EOT 1-4 before the
 * job (nothing is sent to a printer that reports paper out, cover open,
 * offline or an error), sends every byte, and asks again after it. The job
 * counts as printed only when every byte was accepted AND the status after
 * reports no error; otherwise the result says why (paper out, cover open,
 * offline, unplugged, timeout ...), and the job must be treated as not
 * printed (reprint it).
 *
 * The connection is opened on first use and closed after a transport
 * failure; the next call opens it again, so an unplugged USB printer or a
 * restarted network printer comes back by itself.
 *
 * A dev_printer is used by one thread at a time; calls block for at most
 * the timeouts of dev_printer_options.
 */
#ifndef DEVICES_PRINTER_PRINTER_H
#define DEVICES_PRINTER_PRINTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/printer/escpos_status.h"

/* Longest URI accepted, in bytes. */
#define DEV_PRINTER_URI_MAX 512

enum dev_printer_error {
    DEV_PRINTER_OK,
    DEV_PRINTER_ERR_BAD_URI,   /* unknown scheme, malformed address or option */
    DEV_PRINTER_ERR_NOT_FOUND, /* no such host, file or USB device */
    DEV_PRINTER_ERR_OPEN,      /* found but cannot be opened (refused, permission, busy) */
    DEV_PRINTER_ERR_UNPLUGGED, /* the device or connection went away */
    DEV_PRINTER_ERR_TIMEOUT,   /* the printer stopped taking bytes */
    DEV_PRINTER_ERR_NO_ANSWER, /* no answer to a status request in time */
    DEV_PRINTER_ERR_IO,        /* any other transport failure */
    DEV_PRINTER_ERR_PAPER_OUT,
    DEV_PRINTER_ERR_COVER_OPEN,
    DEV_PRINTER_ERR_OFFLINE,    /* offline for a reason the printer does not give */
    DEV_PRINTER_ERR_CUTTER,     /* the cutter jammed */
    DEV_PRINTER_ERR_RECOVERING, /* e.g. print head too hot: retry in a while */
    DEV_PRINTER_ERR_FAILURE,    /* unrecoverable printer error: needs service */
    DEV_PRINTER_ERR_NO_MEMORY,
};

/* A short English sentence for err, for logs and the staff screen; never NULL. */
const char *dev_printer_strerror(enum dev_printer_error err);

/* The error a status condition means: DEV_PRINTER_OK for ready and paper near end. */
enum dev_printer_error dev_printer_error_from_condition(enum dev_printer_condition condition);

typedef struct dev_printer_options {
    int connect_timeout_ms; /* opening a connection; <= 0: 3000 */
    int write_timeout_ms;   /* the printer taking no byte for this long; <= 0: 10000 */
    int status_timeout_ms;  /* waiting for the answers to one status request; <= 0: 1000 */
} dev_printer_options;

typedef struct dev_printer dev_printer;

/*
 * A printer at uri (NUL-terminated, at most DEV_PRINTER_URI_MAX bytes;
 * copied). Only the URI is checked here: the connection is made by the
 * first dev_printer_query_status or dev_printer_print. opt may be NULL for the
 * defaults. NULL with *err (err may be NULL) set to DEV_PRINTER_ERR_BAD_URI
 * or DEV_PRINTER_ERR_NO_MEMORY.
 */
dev_printer *dev_printer_new(const char *uri, const dev_printer_options *opt,
                             enum dev_printer_error *err);

/* Closes the connection and frees the printer. Accepts NULL. */
void dev_printer_free(dev_printer *printer);

/* The URI the printer was made with; borrowed from printer. */
const char *dev_printer_uri(const dev_printer *printer);

/*
 * Asks the printer DLE EOT 1, 2, 3 and 4 and parses the answers into *out
 * (zeroed on failure). DEV_PRINTER_OK means the printer answered; what it
 * said is in *out (dev_printer_status_condition). Opens the connection
 * when needed.
 */
enum dev_printer_error dev_printer_query_status(dev_printer *printer, dev_printer_status *out);

typedef struct dev_print_report {
    size_t bytes_written;         /* of the job, accepted by the transport */
    bool have_before, have_after; /* the status answers below were received */
    dev_printer_status before;    /* the answers before the job */
    dev_printer_status after;     /* the answers after the job */
    uint64_t first_byte_ns;       /* CLOCK_MONOTONIC when the job's first byte was handed
                                     to the transport; 0 when none was */
} dev_print_report;

/*
 * Prints one complete job (job[0..len), e.g. from dev_escpos_build_job;
 * borrowed): status before, the bytes, status after. DEV_PRINTER_OK only
 * when all of it succeeded and the status after reports no error (paper
 * near end is not an error: check report->after). Any other result means
 * the job did not print, or not completely: reprint it. report may be NULL.
 */
enum dev_printer_error dev_printer_print(dev_printer *printer, const uint8_t *job, size_t len,
                                         dev_print_report *report);

/* Closes the connection now (it is opened again on next use). */
void dev_printer_disconnect(dev_printer *printer);

struct dev_printer_sim;

/*
 * The simulator behind a sim:// printer, borrowed from it (valid until
 * dev_printer_free); NULL for any other printer. Tests use it to take the
 * jobs it printed and to change its state between jobs, never while another
 * thread is using the printer.
 */
struct dev_printer_sim *dev_printer_sim_of(dev_printer *printer);

#endif
