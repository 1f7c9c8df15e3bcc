/* The scanner worker thread, its URIs and its drivers: see devices/scanner/scanner_worker.h. */
#include "devices/scanner/scanner_worker.h"
#include "devices/common/worker.h"
#include "devices/common/uri_text.h"
#include "devices/scanner/scanner_evdev.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct dev_scanner_worker {
    struct dev_scanner_worker_config cfg;
    const struct driver *driver; /* static, chosen by cfg.kind */
    dev_scanner_code_fn on_code;
    void *user;
    struct dev_worker worker; /* its lock guards state */
    struct dev_scanner_state state;
    /* the rest belongs to the worker thread alone */
    dev_serial *port; /* SERIAL: owned while open */
    int fd;           /* the descriptor polled; -1 while closed */
    char path[DEV_SCANNER_PATH_MAX];
    union {
        struct dev_scanner_serial serial;
        struct dev_scanner_hidraw hidraw;
        struct dev_scanner_wedge wedge;
    } parser;
};

/*
 * One interface. open sets w->fd (and w->path) and returns NONE, or the
 * fault; read feeds what is waiting to the parser and returns NONE while
 * the device is usable; init sets the parser up afresh from the config.
 */
struct driver {
    enum dev_scanner_fault (*open)(dev_scanner_worker *w);
    enum dev_scanner_fault (*read)(dev_scanner_worker *w);
    void (*close)(dev_scanner_worker *w);
    void (*init)(dev_scanner_worker *w);
    size_t stats_offset; /* of the parser's struct dev_scanner_stats in dev_scanner_worker */
};

static void say(char *why, size_t cap, const char *text)
{
    if (why && cap > 0)
        snprintf(why, cap, "%s", text);
}

static enum dev_scanner_fault fault_of_errno(int err)
{
    switch (err) {
    case ENOENT:
    case ENXIO:
    case ENODEV:
        return DEV_SCANNER_FAULT_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EBUSY:
    case EISDIR:
    case ENOTTY:
    case EINVAL:
        return DEV_SCANNER_FAULT_OPEN;
    default:
        return DEV_SCANNER_FAULT_IO;
    }
}

/* The code callback the parsers see: hands the code on to the program. */
static void deliver(void *arg, const char *code, size_t len)
{
    dev_scanner_worker *w = arg;
    if (w->on_code)
        w->on_code(w->user, code, len);
}

/* ---- serial:// ----------------------------------------------------------------- */

static enum dev_scanner_fault serial_open(dev_scanner_worker *w)
{
    enum dev_serial_error e;
    w->port = dev_serial_open(&w->cfg.port, &e);
    switch (e) {
    case DEV_SERIAL_OK:
        break;
    case DEV_SERIAL_ERR_NOT_FOUND:
        return DEV_SCANNER_FAULT_NOT_FOUND;
    case DEV_SERIAL_ERR_OPEN:
    case DEV_SERIAL_ERR_NOT_TTY:
    case DEV_SERIAL_ERR_BAD_URI:
        return DEV_SCANNER_FAULT_OPEN;
    default:
        return DEV_SCANNER_FAULT_IO;
    }
    w->fd = dev_serial_fd(w->port);
    snprintf(w->path, sizeof(w->path), "%s", dev_serial_path(w->port));
    return DEV_SCANNER_FAULT_NONE;
}

static enum dev_scanner_fault serial_read(dev_scanner_worker *w)
{
    enum dev_serial_error e = dev_scanner_serial_read(&w->parser.serial, w->port, 0, deliver, w);
    if (e == DEV_SERIAL_OK || e == DEV_SERIAL_ERR_TIMEOUT)
        return DEV_SCANNER_FAULT_NONE;
    return e == DEV_SERIAL_ERR_UNPLUGGED ? DEV_SCANNER_FAULT_UNPLUGGED : DEV_SCANNER_FAULT_IO;
}

static void serial_close(dev_scanner_worker *w)
{
    dev_serial_close(w->port);
    w->port = NULL;
}

static void serial_init(dev_scanner_worker *w)
{
    dev_scanner_serial_init(&w->parser.serial, &w->cfg.serial);
}

/* ---- hidraw:// ----------------------------------------------------------------- */

static enum dev_scanner_fault hidraw_open(dev_scanner_worker *w)
{
    if (!dev_scanner_hidraw_resolve(w->cfg.hidraw_uri, NULL, w->path, sizeof(w->path)))
        return fault_of_errno(errno);
    w->fd = dev_scanner_hidraw_open(w->path);
    return w->fd >= 0 ? DEV_SCANNER_FAULT_NONE : fault_of_errno(errno);
}

static enum dev_scanner_fault hidraw_read(dev_scanner_worker *w)
{
    bool usable = dev_scanner_hidraw_read(w->fd, &w->parser.hidraw, deliver, w);
    return usable ? DEV_SCANNER_FAULT_NONE : DEV_SCANNER_FAULT_UNPLUGGED;
}

static void fd_close(dev_scanner_worker *w)
{
    close(w->fd);
}

static void hidraw_init(dev_scanner_worker *w)
{
    dev_scanner_hidraw_init(&w->parser.hidraw, &w->cfg.hidraw);
}

/* ---- evdev:// ------------------------------------------------------------------ */

static enum dev_scanner_fault evdev_open(dev_scanner_worker *w)
{
    snprintf(w->path, sizeof(w->path), "%s", w->cfg.evdev_path);
    w->fd = dev_scanner_evdev_open(w->path, w->cfg.grab);
    return w->fd >= 0 ? DEV_SCANNER_FAULT_NONE : fault_of_errno(errno);
}

static enum dev_scanner_fault evdev_read(dev_scanner_worker *w)
{
    bool usable = dev_scanner_evdev_read(w->fd, &w->parser.wedge, deliver, w);
    return usable ? DEV_SCANNER_FAULT_NONE : DEV_SCANNER_FAULT_UNPLUGGED;
}

static void evdev_close(dev_scanner_worker *w)
{
    dev_scanner_evdev_close(w->fd);
}

static void evdev_init(dev_scanner_worker *w)
{
    dev_scanner_wedge_init(&w->parser.wedge, &w->cfg.wedge);
}

/* Indexed by enum dev_scanner_kind. */
static const struct driver drivers[] = {
    [DEV_SCANNER_SERIAL] = {serial_open, serial_read, serial_close, serial_init,
                            offsetof(dev_scanner_worker, parser.serial.stats)},
    [DEV_SCANNER_HIDRAW] = {hidraw_open, hidraw_read, fd_close, hidraw_init,
                            offsetof(dev_scanner_worker, parser.hidraw.stats)},
    [DEV_SCANNER_EVDEV] = {evdev_open, evdev_read, evdev_close, evdev_init,
                           offsetof(dev_scanner_worker, parser.wedge.stats)},
};

/* ---- the URI ------------------------------------------------------------------- */

/* Where each query key goes; seen[] refuses repeats. */
struct scanner_params {
    struct dev_scanner_worker_config *cfg;
    bool seen[5];
};

enum { KEY_MAX_LEN, KEY_PREFIX, KEY_SUFFIX, KEY_TIMEOUT, KEY_GRAB };

/* A prefix: 1..DEV_SCANNER_AFFIX_MAX bytes (printable: the decoder refuses control bytes). */
static bool parse_prefix(const char *v, char *out)
{
    size_t n = strlen(v);
    if (n < 1 || n > DEV_SCANNER_AFFIX_MAX)
        return false;
    memcpy(out, v, n + 1);
    return true;
}

/* Suffix bytes as hex pairs ("0d", "0d0a"): 1..DEV_SCANNER_AFFIX_MAX bytes, none NUL. */
static bool parse_suffix(const char *v, char *out)
{
    size_t n = strlen(v);
    if (n < 2 || n % 2 != 0 || n / 2 > DEV_SCANNER_AFFIX_MAX)
        return false;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = dev_uri_hex_digit(v[2 * i]), lo = dev_uri_hex_digit(v[2 * i + 1]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return false;
        out[i] = (char)(hi << 4 | lo);
    }
    out[n / 2] = '\0';
    return true;
}

static bool scanner_param(void *arg, const char *key, const char *value, char *why, size_t cap)
{
    struct scanner_params *p = arg;
    struct dev_scanner_worker_config *c = p->cfg;
    long n = 0;
    int k = -1;
    bool ok = false;
    if (strcmp(key, "max_len") == 0) {
        k = KEY_MAX_LEN;
        ok = dev_uri_parse_long(value, 1, DEV_SCANNER_CODE_MAX, &n);
        c->serial.max_len = c->hidraw.max_len = c->wedge.max_len = (size_t)n;
    } else if (strcmp(key, "prefix") == 0 && c->kind == DEV_SCANNER_SERIAL) {
        k = KEY_PREFIX;
        ok = parse_prefix(value, c->serial.prefix);
    } else if (strcmp(key, "suffix") == 0 && c->kind == DEV_SCANNER_SERIAL) {
        k = KEY_SUFFIX;
        ok = parse_suffix(value, c->serial.terminators);
    } else if (strcmp(key, "timeout_ms") == 0 && c->kind != DEV_SCANNER_SERIAL) {
        k = KEY_TIMEOUT;
        ok = dev_uri_parse_long(value, 10, 5000, &n);
        c->hidraw.timeout_ms = c->wedge.timeout_ms = (uint32_t)n;
    } else if (strcmp(key, "grab") == 0 && c->kind == DEV_SCANNER_EVDEV) {
        k = KEY_GRAB;
        ok = dev_uri_parse_long(value, 0, 1, &n);
        c->grab = n == 1;
    }
    if (k < 0) {
        if (why && cap > 0)
            snprintf(why, cap, "unknown scanner parameter %.40s", key);
        return false;
    }
    if (!ok || p->seen[k]) {
        if (why && cap > 0)
            snprintf(why, cap, "%s: repeated or out of range", key);
        return false;
    }
    p->seen[k] = true;
    return true;
}

/* The hidraw:// target: an absolute node path, or VID:PID of 1..4 hex digits each. */
static bool hidraw_target_ok(const char *t, size_t len)
{
    if (len > 0 && t[0] == '/')
        return !memchr(t, '%', len); /* the path is used as written: no escapes to undo */
    const char *colon = memchr(t, ':', len);
    uint16_t id;
    return colon && dev_uri_hex16(t, (size_t)(colon - t), &id) &&
           dev_uri_hex16(colon + 1, len - (size_t)(colon - t) - 1, &id);
}

/* hidraw://target?query: the form is checked here, the node is looked for at each open. */
static bool parse_hidraw(const char *rest, struct dev_scanner_worker_config *out,
                         struct scanner_params *p, char *why, size_t cap)
{
    const char *query = strchr(rest, '?');
    size_t len = query ? (size_t)(query - rest) : strlen(rest);
    if (!hidraw_target_ok(rest, len) ||
        (size_t)snprintf(out->hidraw_uri, sizeof(out->hidraw_uri), "hidraw://%.*s", (int)len,
                         rest) >= sizeof(out->hidraw_uri)) {
        say(why, cap, "hidraw:// takes an absolute node path or VID:PID in hex");
        return false;
    }
    return dev_uri_query_each(query ? query + 1 : NULL, scanner_param, p, why, cap);
}

/* evdev:///absolute/path?query */
static bool parse_evdev(const char *rest, struct dev_scanner_worker_config *out,
                        struct scanner_params *p, char *why, size_t cap)
{
    const char *query = strchr(rest, '?');
    size_t len = query ? (size_t)(query - rest) : strlen(rest);
    if (rest[0] != '/' ||
        !dev_uri_percent_decode(rest, len, out->evdev_path, sizeof(out->evdev_path))) {
        say(why, cap, "evdev:// takes an absolute path: evdev:///dev/input/by-id/...-event-kbd");
        return false;
    }
    return dev_uri_query_each(query ? query + 1 : NULL, scanner_param, p, why, cap);
}

bool dev_scanner_worker_uri_parse(const char *uri, struct dev_scanner_worker_config *out, char *why,
                                  size_t why_cap)
{
    static const char hidraw[] = "hidraw://", evdev[] = "evdev://";
    memset(out, 0, sizeof(*out));
    dev_serial_config_default(&out->port);
    out->grab = true;
    struct scanner_params p = {.cfg = out};
    bool ok;
    if (!uri || strnlen(uri, DEV_SCANNER_URI_MAX + 1) > DEV_SCANNER_URI_MAX) {
        say(why, why_cap, "no URI, or longer than the limit");
        ok = false;
    } else if (strncmp(uri, hidraw, sizeof(hidraw) - 1) == 0) {
        out->kind = DEV_SCANNER_HIDRAW;
        ok = parse_hidraw(uri + sizeof(hidraw) - 1, out, &p, why, why_cap);
    } else if (strncmp(uri, evdev, sizeof(evdev) - 1) == 0) {
        out->kind = DEV_SCANNER_EVDEV;
        ok = parse_evdev(uri + sizeof(evdev) - 1, out, &p, why, why_cap);
    } else if (strncmp(uri, "serial", 6) == 0) {
        out->kind = DEV_SCANNER_SERIAL;
        ok = dev_serial_uri_parse(uri, &out->port, scanner_param, &p, why, why_cap);
    } else {
        say(why, why_cap, "not a serial://, serial-by-id://, hidraw:// or evdev:// URI");
        ok = false;
    }
    if (!ok) {
        memset(out, 0, sizeof(*out));
        dev_serial_config_default(&out->port);
    }
    return ok;
}

/* ---- the worker ------------------------------------------------------------------ */

static struct dev_scanner_stats *parser_stats(dev_scanner_worker *w)
{
    return (struct dev_scanner_stats *)((char *)w + w->driver->stats_offset);
}

/* Starts the parser over, keeping its counts: half a code from before an unplug is dropped. */
static void parser_reset(dev_scanner_worker *w)
{
    struct dev_scanner_stats keep = *parser_stats(w);
    w->driver->init(w);
    *parser_stats(w) = keep;
}

/* Sets link and fault (and the path and counts) under the lock. */
static void publish(dev_scanner_worker *w, enum dev_scanner_link link, enum dev_scanner_fault fault,
                    bool reconnected)
{
    pthread_mutex_lock(&w->worker.lock);
    w->state.link = link;
    w->state.fault = fault;
    if (link == DEV_SCANNER_LINK_UP)
        memcpy(w->state.path, w->path, sizeof(w->path));
    w->state.stats = *parser_stats(w);
    if (reconnected)
        w->state.reconnects++;
    pthread_mutex_unlock(&w->worker.lock);
}

static void device_close(dev_scanner_worker *w)
{
    if (w->fd >= 0)
        w->driver->close(w);
    w->fd = -1;
}

static void *run(void *arg)
{
    dev_scanner_worker *w = arg;
    struct dev_reconnect reconnect;
    dev_reconnect_init(&reconnect);
    for (;;) {
        if (w->fd < 0) {
            enum dev_scanner_fault fault = w->driver->open(w);
            if (fault != DEV_SCANNER_FAULT_NONE) {
                device_close(w);
                publish(w, DEV_SCANNER_LINK_DOWN, fault, false);
                if (dev_worker_nap(&w->worker, dev_reconnect_failed(&reconnect)))
                    break;
                continue;
            }
            parser_reset(w);
            publish(w, DEV_SCANNER_LINK_UP, DEV_SCANNER_FAULT_NONE,
                    dev_reconnect_opened(&reconnect));
        }
        short revents = 0;
        if (dev_worker_wait(&w->worker, w->fd, POLLIN, -1, &revents) == DEV_WORKER_STOP)
            break;
        enum dev_scanner_fault fault = w->driver->read(w);
        /* a hang-up that reads as "nothing yet" would otherwise wake us forever */
        if (fault == DEV_SCANNER_FAULT_NONE && (revents & (POLLHUP | POLLERR | POLLNVAL)))
            fault = DEV_SCANNER_FAULT_UNPLUGGED;
        if (fault == DEV_SCANNER_FAULT_NONE) {
            publish(w, DEV_SCANNER_LINK_UP, DEV_SCANNER_FAULT_NONE, false);
            continue;
        }
        device_close(w);
        publish(w, DEV_SCANNER_LINK_DOWN, fault, false);
        if (dev_worker_nap(&w->worker, dev_reconnect_failed(&reconnect)))
            break;
    }
    device_close(w);
    return NULL;
}

dev_scanner_worker *dev_scanner_worker_start(const struct dev_scanner_worker_config *cfg,
                                             dev_scanner_code_fn on_code, void *user)
{
    if (!cfg || (unsigned)cfg->kind >= sizeof(drivers) / sizeof(drivers[0]))
        return NULL;
    dev_scanner_worker *w = calloc(1, sizeof(*w));
    if (!w)
        return NULL;
    w->cfg = *cfg;
    w->driver = &drivers[cfg->kind];
    w->on_code = on_code;
    w->user = user;
    w->fd = -1;
    w->state.link = DEV_SCANNER_LINK_DOWN;
    w->driver->init(w);
    if (!dev_worker_start(&w->worker, run, w)) {
        free(w);
        return NULL;
    }
    return w;
}

void dev_scanner_worker_stop(dev_scanner_worker *w)
{
    if (!w)
        return;
    dev_worker_stop(&w->worker);
    free(w);
}

void dev_scanner_worker_state(dev_scanner_worker *w, struct dev_scanner_state *out)
{
    pthread_mutex_lock(&w->worker.lock);
    *out = w->state;
    pthread_mutex_unlock(&w->worker.lock);
}

const char *dev_scanner_link_name(enum dev_scanner_link link)
{
    switch (link) {
    case DEV_SCANNER_LINK_DOWN:
        return "disconnected";
    case DEV_SCANNER_LINK_UP:
        return "connected";
    }
    return "unknown";
}

const char *dev_scanner_fault_name(enum dev_scanner_fault fault)
{
    switch (fault) {
    case DEV_SCANNER_FAULT_NONE:
        return "none";
    case DEV_SCANNER_FAULT_NOT_FOUND:
        return "not found";
    case DEV_SCANNER_FAULT_OPEN:
        return "cannot open";
    case DEV_SCANNER_FAULT_UNPLUGGED:
        return "unplugged";
    case DEV_SCANNER_FAULT_IO:
        return "I/O error";
    }
    return "unknown";
}
