/* Descriptor-based transport I/O: see devices/printer/transport_fd.h. */
#include "devices/printer/transport_fd.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

uint64_t dev_fd_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int dev_fd_ms_left(uint64_t deadline_ns)
{
    uint64_t now = dev_fd_now_ns();
    if (now >= deadline_ns)
        return 0;
    uint64_t ms = (deadline_ns - now + 999999u) / 1000000u;
    return ms > INT32_MAX ? INT32_MAX : (int)ms;
}

static uint64_t deadline_after(int timeout_ms)
{
    return dev_fd_now_ns() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000000u;
}

enum dev_printer_error dev_fd_error(int err)
{
    switch (err) {
    case ENOENT:
    case ENXIO:
    case EHOSTUNREACH:
    case ENETUNREACH:
        return DEV_PRINTER_ERR_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EBUSY:
    case ECONNREFUSED:
    case EISDIR:
        return DEV_PRINTER_ERR_OPEN;
    case EPIPE:
    case ECONNRESET:
    case ECONNABORTED:
    case ENODEV:
    case ESHUTDOWN:
    case ENOTCONN:
        return DEV_PRINTER_ERR_UNPLUGGED;
    case ETIMEDOUT:
        return DEV_PRINTER_ERR_TIMEOUT;
    case ENOMEM:
        return DEV_PRINTER_ERR_NO_MEMORY;
    default:
        return DEV_PRINTER_ERR_IO;
    }
}

dev_fd_link *dev_fd_link_new(int fd, bool is_socket)
{
    dev_fd_link *link = malloc(sizeof *link);
    if (!link) {
        close(fd);
        return NULL;
    }
    link->fd = fd;
    link->is_socket = is_socket;
    return link;
}

/* Waits up to ms for events on fd: > 0 ready, 0 timed out, < 0 error (errno set). */
static int wait_for(int fd, short events, int ms)
{
    struct pollfd p = {.fd = fd, .events = events};
    int n;
    do {
        n = poll(&p, 1, ms);
    } while (n < 0 && errno == EINTR);
    return n;
}

enum dev_printer_error dev_fd_link_write(void *state, const uint8_t *data, size_t len,
                                         int timeout_ms, size_t *written)
{
    dev_fd_link *link = state;
    uint64_t deadline = deadline_after(timeout_ms);
    *written = 0;
    for (;;) {
        ssize_t n =
            link->is_socket ? send(link->fd, data, len, MSG_NOSIGNAL) : write(link->fd, data, len);
        if (n > 0) {
            *written = (size_t)n;
            return DEV_PRINTER_OK;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return dev_fd_error(errno);
        int ready = wait_for(link->fd, POLLOUT, dev_fd_ms_left(deadline));
        if (ready < 0)
            return dev_fd_error(errno);
        if (ready == 0)
            return DEV_PRINTER_ERR_TIMEOUT;
    }
}

enum dev_printer_error dev_fd_link_read(void *state, uint8_t *buf, size_t cap, int timeout_ms,
                                        size_t *got)
{
    dev_fd_link *link = state;
    uint64_t deadline = deadline_after(timeout_ms);
    *got = 0;
    for (;;) {
        ssize_t n = read(link->fd, buf, cap);
        if (n > 0) {
            *got = (size_t)n;
            return DEV_PRINTER_OK;
        }
        /* End of file: the peer closed the connection. */
        if (n == 0)
            return DEV_PRINTER_ERR_UNPLUGGED;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return dev_fd_error(errno);
        int ready = wait_for(link->fd, POLLIN, dev_fd_ms_left(deadline));
        if (ready < 0)
            return dev_fd_error(errno);
        if (ready == 0)
            return DEV_PRINTER_ERR_TIMEOUT;
    }
}

void dev_fd_link_discard_input(void *state)
{
    dev_fd_link *link = state;
    uint8_t junk[256];
    /* Bounded: a device that never stops talking must not hold us here. */
    for (int i = 0; i < 64; i++) {
        ssize_t n = read(link->fd, junk, sizeof junk);
        if (n <= 0)
            return;
    }
}

void dev_fd_link_close(void *state)
{
    dev_fd_link *link = state;
    if (!link)
        return;
    close(link->fd);
    free(link);
}
