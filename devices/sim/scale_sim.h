/*
 * A simulated produce scale behind a pseudo-terminal, for tests and demos:
 * the driver opens dev_scale_sim_tty_path() as it would /dev/ttyUSB0, and
 * each request it writes is answered, in the chosen dialect, with the reading
 * the test set. Single-threaded: the test calls dev_scale_sim_serve after
 * writing a request, since the pty buffers both ways.
 */
#ifndef DEVICES_SIM_SCALE_SIM_H
#define DEVICES_SIM_SCALE_SIM_H

#include "devices/scale/scale_protocol.h"

#include <stdbool.h>

typedef struct dev_scale_sim dev_scale_sim;

/* Opens a pty master; NULL on failure. Starts stable at 0 g. */
dev_scale_sim *dev_scale_sim_new(enum dev_scale_dialect dialect);

/* Closes the master; NULL is ignored. */
void dev_scale_sim_free(dev_scale_sim *sim);

/* The slave side's path (/dev/pts/N), owned by sim. */
const char *dev_scale_sim_tty_path(const dev_scale_sim *sim);

/* The reading the next replies carry. */
void dev_scale_sim_set(dev_scale_sim *sim, enum dev_scale_status status, int64_t grams);

/* How the next requests are answered: a driver must survive the last two. */
enum dev_scale_sim_fault {
    DEV_SCALE_SIM_ANSWER, /* the reply for the reading set (the default) */
    DEV_SCALE_SIM_SILENT, /* no reply at all: the scale is off or deaf */
    DEV_SCALE_SIM_GARBLE, /* a framed reply whose second byte is line noise */
};
void dev_scale_sim_fault(dev_scale_sim *sim, enum dev_scale_sim_fault fault);

/* The master side's descriptor, owned by sim: for a program's own poll(). */
int dev_scale_sim_fd(const dev_scale_sim *sim);

/*
 * Waits up to timeout_ms for request bytes, then answers every complete
 * request read; the number of replies sent, or -1 on an I/O error.
 */
int dev_scale_sim_serve(dev_scale_sim *sim, int timeout_ms);

#endif
