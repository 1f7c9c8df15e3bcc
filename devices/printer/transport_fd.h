/*
 * The half of the tcp:// and file:// transports that only needs a file
 * descriptor: non-blocking reads and writes with poll() timeouts, and errno
 * turned into a dev_printer_error. The descriptor must be O_NONBLOCK.
 */
#ifndef DEVICES_PRINTER_TRANSPORT_FD_H
#define DEVICES_PRINTER_TRANSPORT_FD_H

#include <stdbool.h>

#include "devices/printer/transport.h"

typedef struct dev_fd_link {
    int fd;         /* owned, non-blocking, closed by dev_fd_link_close */
    bool is_socket; /* written with send(MSG_NOSIGNAL): a closed peer gives EPIPE, not SIGPIPE */
} dev_fd_link;

/* A link owning fd; NULL when memory runs out (fd is then closed). */
dev_fd_link *dev_fd_link_new(int fd, bool is_socket);

/* The dev_transport_class slots, for state from dev_fd_link_new. */
enum dev_printer_error dev_fd_link_write(void *state, const uint8_t *data, size_t len,
                                         int timeout_ms, size_t *written);
enum dev_printer_error dev_fd_link_read(void *state, uint8_t *buf, size_t cap, int timeout_ms,
                                        size_t *got);
void dev_fd_link_discard_input(void *state);
void dev_fd_link_close(void *state);

/* What errno value err means for a printer link (ENOENT: not found, EPIPE: unplugged ...). */
enum dev_printer_error dev_fd_error(int err);

/* Milliseconds left until deadline_ns (CLOCK_MONOTONIC), 0 when past. */
int dev_fd_ms_left(uint64_t deadline_ns);

/* CLOCK_MONOTONIC now, in nanoseconds. */
uint64_t dev_fd_now_ns(void);

#endif
