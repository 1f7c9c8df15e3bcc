/*
 * tcp://HOST[:PORT]: a network receipt printer's raw port (JetDirect-style,
 * 9100 by default). HOST is a name, an IPv4 address or a bracketed IPv6
 * address; a trailing '/' is allowed. Name lookup blocks (getaddrinfo), so
 * open from a worker thread, as the printing worker does.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "devices/printer/transport_fd.h"

#define HOST_MAX 253 /* a DNS name's longest text form */
#define DEFAULT_PORT "9100"

struct tcp_target {
    char host[HOST_MAX + 1];
    char port[6];
};

static bool host_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == ':';
}

/* Splits target into host and port; false on anything malformed. */
static bool parse_target(const char *target, struct tcp_target *out)
{
    size_t len = strnlen(target, DEV_PRINTER_URI_MAX + 1);
    if (len > 0 && target[len - 1] == '/')
        len--;
    const char *host = target, *port = NULL;
    size_t host_len;
    if (len > 0 && target[0] == '[') {
        const char *close = memchr(target, ']', len);
        if (!close)
            return false;
        host = target + 1;
        host_len = (size_t)(close - host);
        size_t rest = len - (size_t)(close + 1 - target);
        if (rest > 0 && close[1] != ':')
            return false;
        if (rest > 0)
            port = close + 2;
    } else {
        const char *colon = memchr(target, ':', len);
        host_len = colon ? (size_t)(colon - target) : len;
        if (colon) {
            port = colon + 1;
            if (memchr(port, ':', len - host_len - 1))
                return false; /* IPv6 addresses need brackets */
        }
    }
    if (host_len == 0 || host_len > HOST_MAX)
        return false;
    for (size_t i = 0; i < host_len; i++)
        if (!host_char_ok(host[i]))
            return false;
    memcpy(out->host, host, host_len);
    out->host[host_len] = '\0';

    if (!port) {
        memcpy(out->port, DEFAULT_PORT, sizeof DEFAULT_PORT);
        return true;
    }
    size_t port_len = (size_t)(target + len - port);
    unsigned value = 0;
    if (port_len == 0 || port_len > 5)
        return false;
    for (size_t i = 0; i < port_len; i++) {
        if (port[i] < '0' || port[i] > '9')
            return false;
        value = value * 10 + (unsigned)(port[i] - '0');
    }
    if (value == 0 || value > 65535)
        return false;
    memcpy(out->port, port, port_len);
    out->port[port_len] = '\0';
    return true;
}

static enum dev_printer_error tcp_check(const char *target)
{
    struct tcp_target t;
    return parse_target(target, &t) ? DEV_PRINTER_OK : DEV_PRINTER_ERR_BAD_URI;
}

/* One connection attempt to addr within the deadline; the connected socket or -1 (errno set). */
static int connect_one(const struct addrinfo *addr, uint64_t deadline)
{
    int fd = socket(addr->ai_family, addr->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    addr->ai_protocol);
    if (fd < 0)
        return -1;
    if (connect(fd, addr->ai_addr, addr->ai_addrlen) != 0) {
        if (errno != EINPROGRESS)
            goto error;
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int ready;
        do {
            ready = poll(&p, 1, dev_fd_ms_left(deadline));
        } while (ready < 0 && errno == EINTR);
        if (ready == 0)
            errno = ETIMEDOUT;
        int so_error = 0;
        socklen_t so_len = sizeof so_error;
        if (ready <= 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &so_len) != 0)
            goto error;
        if (so_error) {
            errno = so_error;
            goto error;
        }
    }
    /* Status requests are three bytes: send them now, not after Nagle's delay. */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    return fd;
error:;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

static enum dev_printer_error tcp_open(const char *target, void *device, int timeout_ms,
                                       void **state)
{
    (void)device;
    *state = NULL;
    struct tcp_target t;
    if (!parse_target(target, &t))
        return DEV_PRINTER_ERR_BAD_URI;
    const struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV};
    struct addrinfo *addrs = NULL;
    if (getaddrinfo(t.host, t.port, &hints, &addrs) != 0)
        return DEV_PRINTER_ERR_NOT_FOUND;
    uint64_t deadline = dev_fd_now_ns() + (uint64_t)timeout_ms * 1000000u;
    int fd = -1, err = ECONNREFUSED;
    for (const struct addrinfo *a = addrs; a && fd < 0; a = a->ai_next) {
        fd = connect_one(a, deadline);
        if (fd < 0)
            err = errno;
    }
    freeaddrinfo(addrs);
    if (fd < 0)
        return dev_fd_error(err);
    *state = dev_fd_link_new(fd, true);
    return *state ? DEV_PRINTER_OK : DEV_PRINTER_ERR_NO_MEMORY;
}

const dev_transport_class dev_transport_tcp = {
    .scheme = "tcp",
    .check = tcp_check,
    .open = tcp_open,
    .write = dev_fd_link_write,
    .read = dev_fd_link_read,
    .discard_input = dev_fd_link_discard_input,
    .close = dev_fd_link_close,
};
