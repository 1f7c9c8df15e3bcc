/* Serial ports from URIs, raw termios, poll() timeouts: see devices/common/serial_port.h. */
#include "devices/common/serial_port.h"
#include "devices/common/uri_text.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

struct dev_serial {
    int fd;                         /* owned, closed in dev_serial_close */
    char path[DEV_SERIAL_PATH_MAX]; /* the device opened */
};

static const struct {
    unsigned baud;
    speed_t speed;
} bauds[] = {
    {1200, B1200},   {2400, B2400},   {4800, B4800},   {9600, B9600},
    {19200, B19200}, {38400, B38400}, {57600, B57600}, {115200, B115200},
};

static void say(char *why, size_t cap, const char *text)
{
    if (why && cap > 0)
        snprintf(why, cap, "%s", text);
}

void dev_serial_config_default(struct dev_serial_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->baud = 9600;
    cfg->data_bits = 8;
    cfg->parity = 'N';
    cfg->stop_bits = 1;
}

static bool parse_baud(const char *v, unsigned *baud)
{
    for (size_t i = 0; i < sizeof(bauds) / sizeof(bauds[0]); i++) {
        char text[16];
        snprintf(text, sizeof(text), "%u", bauds[i].baud);
        if (strcmp(v, text) == 0) {
            *baud = bauds[i].baud;
            return true;
        }
    }
    return false;
}

static bool parse_format(const char *v, struct dev_serial_config *cfg)
{
    if (strlen(v) != 3 || (v[0] != '7' && v[0] != '8') || !strchr("NEO", v[1]) ||
        (v[2] != '1' && v[2] != '2'))
        return false;
    cfg->data_bits = (unsigned)(v[0] - '0');
    cfg->parity = v[1];
    cfg->stop_bits = (unsigned)(v[2] - '0');
    return true;
}

/* What the query walk needs to place our own keys and hand on the driver's. */
struct query_state {
    struct dev_serial_config *out;
    bool baud, format; /* seen: repeats of our own keys are refused */
    dev_serial_param_fn on_param;
    void *user;
};

static bool take_param(void *arg, const char *key, const char *value, char *why, size_t cap)
{
    struct query_state *q = arg;
    if (strcmp(key, "baud") == 0) {
        if (q->baud || !parse_baud(value, &q->out->baud)) {
            say(why, cap, "baud: repeated or not a supported rate");
            return false;
        }
        q->baud = true;
        return true;
    }
    if (strcmp(key, "format") == 0) {
        if (q->format || !parse_format(value, q->out)) {
            say(why, cap, "format: repeated or not like 8N1 or 7E1");
            return false;
        }
        q->format = true;
        return true;
    }
    if (!q->on_param) {
        if (why && cap > 0)
            snprintf(why, cap, "unknown parameter %.40s", key);
        return false;
    }
    return q->on_param(q->user, key, value, why, cap);
}

bool dev_serial_uri_parse(const char *uri, struct dev_serial_config *out,
                          dev_serial_param_fn on_param, void *user, char *why, size_t why_cap)
{
    static const char serial[] = "serial://", by_id[] = "serial-by-id://";
    dev_serial_config_default(out);
    if (!uri || strnlen(uri, DEV_SERIAL_URI_MAX + 1) > DEV_SERIAL_URI_MAX) {
        say(why, why_cap, "no URI, or longer than the limit");
        return false;
    }
    const char *rest;
    const char *dir = "";
    if (strncmp(uri, serial, sizeof(serial) - 1) == 0) {
        rest = uri + sizeof(serial) - 1;
        if (rest[0] != '/') {
            say(why, why_cap, "the path must be absolute: serial:///dev/ttyUSB0");
            goto error;
        }
    } else if (strncmp(uri, by_id, sizeof(by_id) - 1) == 0) {
        rest = uri + sizeof(by_id) - 1;
        dir = DEV_SERIAL_BY_ID_DIR "/";
        size_t name_len = strcspn(rest, "?");
        if (name_len == 0 || memchr(rest, '/', name_len)) {
            say(why, why_cap,
                "serial-by-id:// takes one name (or pattern) in " DEV_SERIAL_BY_ID_DIR);
            goto error;
        }
    } else {
        say(why, why_cap, "not a serial:// or serial-by-id:// URI");
        goto error;
    }
    const char *query = strchr(rest, '?');
    size_t path_len = query ? (size_t)(query - rest) : strlen(rest);
    size_t dir_len = strlen(dir);
    memcpy(out->path, dir, dir_len);
    if (path_len == 0 ||
        !dev_uri_percent_decode(rest, path_len, out->path + dir_len, sizeof(out->path) - dir_len)) {
        say(why, why_cap, "bad or too long path");
        goto error;
    }
    struct query_state q = {.out = out, .on_param = on_param, .user = user};
    if (!dev_uri_query_each(query ? query + 1 : NULL, take_param, &q, why, why_cap))
        goto error;
    return true;
error:
    dev_serial_config_default(out);
    return false;
}

static enum dev_serial_error from_errno(int err)
{
    switch (err) {
    case ENOENT:
    case ENXIO:
        return DEV_SERIAL_ERR_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EBUSY:
    case EISDIR:
        return DEV_SERIAL_ERR_OPEN;
    case ENOTTY:
        return DEV_SERIAL_ERR_NOT_TTY;
    case EIO:
    case ENODEV:
    case EPIPE:
        return DEV_SERIAL_ERR_UNPLUGGED;
    case ETIMEDOUT:
        return DEV_SERIAL_ERR_TIMEOUT;
    case ENOMEM:
        return DEV_SERIAL_ERR_NO_MEMORY;
    default:
        return DEV_SERIAL_ERR_IO;
    }
}

/* The path to open: pattern itself, or its first match when it is a glob. */
static enum dev_serial_error resolve(const char *pattern, char *out, size_t cap)
{
    if (!strpbrk(pattern, "*?[")) {
        snprintf(out, cap, "%s", pattern);
        return DEV_SERIAL_OK;
    }
    glob_t g;
    int rc = glob(pattern, 0, NULL, &g);
    if (rc == GLOB_NOSPACE)
        return DEV_SERIAL_ERR_NO_MEMORY;
    if (rc != 0 || g.gl_pathc == 0) {
        if (rc == 0)
            globfree(&g);
        return DEV_SERIAL_ERR_NOT_FOUND;
    }
    /* glob() sorts, so the choice is stable across restarts */
    bool fits = (size_t)snprintf(out, cap, "%s", g.gl_pathv[0]) < cap;
    globfree(&g);
    return fits ? DEV_SERIAL_OK : DEV_SERIAL_ERR_BAD_URI;
}

static speed_t speed_of(unsigned baud)
{
    for (size_t i = 0; i < sizeof(bauds) / sizeof(bauds[0]); i++)
        if (bauds[i].baud == baud)
            return bauds[i].speed;
    return B0;
}

static bool configure(int fd, const struct dev_serial_config *cfg)
{
    struct termios t;
    if (tcgetattr(fd, &t) != 0)
        return false;
    cfmakeraw(&t);
    t.c_cflag &= ~(tcflag_t)(CSIZE | CSTOPB | PARENB | PARODD | CRTSCTS);
    t.c_cflag |= (cfg->data_bits == 7 ? CS7 : CS8) | CLOCAL | CREAD;
    if (cfg->parity != 'N')
        t.c_cflag |= PARENB | (cfg->parity == 'O' ? PARODD : 0);
    if (cfg->stop_bits == 2)
        t.c_cflag |= CSTOPB;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
    /* reads never block in the kernel: poll() does the waiting */
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    speed_t speed = speed_of(cfg->baud);
    if (speed == B0 || cfsetispeed(&t, speed) != 0 || cfsetospeed(&t, speed) != 0)
        return false;
    return tcsetattr(fd, TCSANOW, &t) == 0;
}

dev_serial *dev_serial_open(const struct dev_serial_config *cfg, enum dev_serial_error *err)
{
    enum dev_serial_error e = DEV_SERIAL_ERR_BAD_URI;
    dev_serial *port = NULL;
    if (!cfg || cfg->path[0] != '/' || speed_of(cfg->baud) == B0)
        goto error;
    port = calloc(1, sizeof(*port));
    if (!port) {
        e = DEV_SERIAL_ERR_NO_MEMORY;
        goto error;
    }
    port->fd = -1;
    e = resolve(cfg->path, port->path, sizeof(port->path));
    if (e != DEV_SERIAL_OK)
        goto error;
    port->fd = open(port->path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (port->fd < 0) {
        e = from_errno(errno);
        goto error;
    }
    if (!isatty(port->fd)) {
        e = DEV_SERIAL_ERR_NOT_TTY;
        goto error;
    }
    if (!configure(port->fd, cfg)) {
        e = from_errno(errno);
        goto error;
    }
    tcflush(port->fd, TCIOFLUSH);
    if (err)
        *err = DEV_SERIAL_OK;
    return port;
error:
    if (err)
        *err = e;
    dev_serial_close(port);
    return NULL;
}

void dev_serial_close(dev_serial *port)
{
    if (!port)
        return;
    if (port->fd >= 0)
        close(port->fd);
    free(port);
}

const char *dev_serial_path(const dev_serial *port)
{
    return port->path;
}

int dev_serial_fd(const dev_serial *port)
{
    return port->fd;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for events until deadline: > 0 ready (revents in *revents), 0 timed out, < 0 errno set. */
static int wait_until(int fd, short events, int64_t deadline, short *revents)
{
    for (;;) {
        int64_t left = deadline - now_ms();
        struct pollfd p = {.fd = fd, .events = events};
        int n = poll(&p, 1, left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left);
        if (n < 0 && errno == EINTR)
            continue;
        *revents = p.revents;
        return n;
    }
}

enum dev_serial_error dev_serial_write(dev_serial *port, const uint8_t *data, size_t len,
                                       int timeout_ms)
{
    int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    while (len > 0) {
        ssize_t n = write(port->fd, data, len);
        if (n > 0) {
            data += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return from_errno(errno);
        short revents = 0;
        int ready = wait_until(port->fd, POLLOUT, deadline, &revents);
        if (ready < 0)
            return from_errno(errno);
        if (ready == 0)
            return DEV_SERIAL_ERR_TIMEOUT;
        if (revents & (POLLHUP | POLLERR))
            return DEV_SERIAL_ERR_UNPLUGGED;
    }
    return DEV_SERIAL_OK;
}

enum dev_serial_error dev_serial_read(dev_serial *port, uint8_t *buf, size_t cap, int timeout_ms,
                                      size_t *got)
{
    int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    *got = 0;
    for (;;) {
        short revents = 0;
        int ready = wait_until(port->fd, POLLIN, deadline, &revents);
        if (ready < 0)
            return from_errno(errno);
        if (ready == 0)
            return DEV_SERIAL_ERR_TIMEOUT;
        ssize_t n = read(port->fd, buf, cap);
        if (n > 0) {
            *got = (size_t)n;
            return DEV_SERIAL_OK;
        }
        /* readable yet empty: the line was hung up (a USB adapter pulled out) */
        if (n == 0 || (revents & (POLLHUP | POLLERR)))
            return DEV_SERIAL_ERR_UNPLUGGED;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return from_errno(errno);
    }
}

void dev_serial_discard_input(dev_serial *port)
{
    tcflush(port->fd, TCIFLUSH);
}

const char *dev_serial_strerror(enum dev_serial_error err)
{
    switch (err) {
    case DEV_SERIAL_OK:
        return "ok";
    case DEV_SERIAL_ERR_BAD_URI:
        return "bad serial port configuration";
    case DEV_SERIAL_ERR_NOT_FOUND:
        return "serial device not found";
    case DEV_SERIAL_ERR_OPEN:
        return "serial device refused (permissions or in use)";
    case DEV_SERIAL_ERR_NOT_TTY:
        return "not a serial device";
    case DEV_SERIAL_ERR_TIMEOUT:
        return "timed out";
    case DEV_SERIAL_ERR_UNPLUGGED:
        return "serial device unplugged";
    case DEV_SERIAL_ERR_IO:
        return "serial I/O error";
    case DEV_SERIAL_ERR_NO_MEMORY:
        return "out of memory";
    }
    return "unknown serial error";
}
