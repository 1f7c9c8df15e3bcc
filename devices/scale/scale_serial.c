/* The serial scale worker: see devices/scale/scale_serial.h. */
#include "devices/scale/scale_serial.h"
#include "devices/common/uri_text.h"
#include "devices/common/worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MT8217_GAP_MS 200 /* the 8217 needs this between commands */

struct dev_scale_serial {
    struct dev_scale_serial_config cfg;
    dev_scale_change_fn on_change;
    void *user;
    dev_serial *port;         /* owned by the worker thread alone */
    struct dev_worker worker; /* its lock guards state and reading_ms */
    struct dev_scale_state state;
    int64_t reading_ms; /* CLOCK_MONOTONIC time of state.reading */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the URI ---------------------------------------------------------------- */

struct scale_params {
    struct dev_scale_serial_config *cfg;
    bool dialect, max_g, poll_ms, reply_ms; /* seen */
};

static bool scale_param(void *user, const char *key, const char *value, char *why, size_t cap)
{
    struct scale_params *p = user;
    long n = 0; /* written only by a parse that succeeded; read only then */
    bool *seen = NULL;
    bool ok = false;
    if (strcmp(key, "dialect") == 0) {
        seen = &p->dialect;
        ok = true;
        if (strcmp(value, "magellan") == 0)
            p->cfg->dialect = DEV_SCALE_MAGELLAN;
        else if (strcmp(value, "mt8217") == 0)
            p->cfg->dialect = DEV_SCALE_MT8217;
        else if (strcmp(value, "nci") == 0)
            p->cfg->dialect = DEV_SCALE_NCI;
        else
            ok = false;
    } else if (strcmp(key, "max_g") == 0) {
        seen = &p->max_g;
        ok = dev_uri_parse_long(value, 1, 99999, &n);
        p->cfg->max_grams = n;
    } else if (strcmp(key, "poll_ms") == 0) {
        seen = &p->poll_ms;
        ok = dev_uri_parse_long(value, 50, 5000, &n);
        p->cfg->poll_ms = (int)n;
    } else if (strcmp(key, "reply_ms") == 0) {
        seen = &p->reply_ms;
        ok = dev_uri_parse_long(value, 50, 5000, &n);
        p->cfg->reply_ms = (int)n;
    }
    if (!seen) {
        snprintf(why, cap, "unknown scale parameter %.40s", key);
        return false;
    }
    if (!ok || *seen) {
        snprintf(why, cap, "%s: repeated or out of range", key);
        return false;
    }
    *seen = true;
    return true;
}

bool dev_scale_serial_uri_parse(const char *uri, struct dev_scale_serial_config *out, char *why,
                                size_t why_cap)
{
    memset(out, 0, sizeof(*out));
    out->max_grams = 15000;
    out->poll_ms = 250;
    out->reply_ms = 500;
    struct scale_params p = {.cfg = out};
    if (!dev_serial_uri_parse(uri, &out->port, scale_param, &p, why, why_cap))
        return false;
    if (!p.dialect) {
        if (why && why_cap > 0)
            snprintf(why, why_cap, "dialect= is required (magellan, mt8217 or nci)");
        return false;
    }
    return true;
}

/* ---- state shared with other threads ----------------------------------------- */

/* Updates the state under the lock and tells the callback when it changed. */
static void publish(dev_scale_serial *s, enum dev_scale_link link, enum dev_scale_fault fault,
                    const struct dev_scale_reading *reading)
{
    struct dev_scale_reading none = {DEV_SCALE_ERROR, 0};
    if (!reading || link != DEV_SCALE_LINK_UP)
        reading = &none;
    pthread_mutex_lock(&s->worker.lock);
    struct dev_scale_state *st = &s->state;
    bool changed = st->link != link || st->fault != fault ||
                   st->reading.status != reading->status || st->reading.grams != reading->grams;
    st->link = link;
    st->fault = fault;
    st->reading = *reading;
    s->reading_ms = now_ms();
    struct dev_scale_state copy = *st;
    pthread_mutex_unlock(&s->worker.lock);
    if (changed && s->on_change)
        s->on_change(s->user, &copy);
}

static void count(dev_scale_serial *s, unsigned long *counter)
{
    pthread_mutex_lock(&s->worker.lock);
    (*counter)++;
    pthread_mutex_unlock(&s->worker.lock);
}

/* ---- the worker --------------------------------------------------------------- */

static enum dev_scale_fault fault_of(enum dev_serial_error e)
{
    switch (e) {
    case DEV_SERIAL_OK:
        return DEV_SCALE_FAULT_NONE;
    case DEV_SERIAL_ERR_NOT_FOUND:
        return DEV_SCALE_FAULT_NOT_FOUND;
    case DEV_SERIAL_ERR_OPEN:
    case DEV_SERIAL_ERR_NOT_TTY:
    case DEV_SERIAL_ERR_BAD_URI:
        return DEV_SCALE_FAULT_OPEN;
    case DEV_SERIAL_ERR_UNPLUGGED:
        return DEV_SCALE_FAULT_UNPLUGGED;
    case DEV_SERIAL_ERR_TIMEOUT:
        return DEV_SCALE_FAULT_NO_ANSWER;
    case DEV_SERIAL_ERR_IO:
    case DEV_SERIAL_ERR_NO_MEMORY:
        break;
    }
    return DEV_SCALE_FAULT_IO;
}

/*
 * One request and its reply frame. DEV_SERIAL_OK with *reading parsed (or
 * *garbled set), TIMEOUT when no whole frame came, or the port's error.
 */
static enum dev_serial_error weigh_once(dev_scale_serial *s, struct dev_scale_reading *reading,
                                        bool *garbled)
{
    enum dev_scale_dialect d = s->cfg.dialect;
    uint8_t frame[DEV_SCALE_REPLY_MAX];
    size_t n = dev_scale_request(d, frame, sizeof(frame));
    dev_serial_discard_input(s->port);
    enum dev_serial_error e = dev_serial_write(s->port, frame, n, s->cfg.reply_ms);
    if (e != DEV_SERIAL_OK)
        return e;
    int64_t deadline = now_ms() + s->cfg.reply_ms;
    size_t len = 0;
    bool overflow = false;
    for (;;) {
        int64_t left = deadline - now_ms();
        uint8_t byte;
        size_t got;
        /* byte by byte: replies are a dozen bytes, and nothing after the end byte is ours */
        e = dev_serial_read(s->port, &byte, 1, left > 0 ? (int)left : 0, &got);
        if (e != DEV_SERIAL_OK)
            return e;
        if (len < sizeof(frame))
            frame[len++] = byte;
        else
            overflow = true;
        if (byte == dev_scale_reply_end(d))
            break;
    }
    *garbled = overflow || !dev_scale_parse_reply(d, frame, len, reading);
    return DEV_SERIAL_OK;
}

static void *run(void *arg)
{
    dev_scale_serial *s = arg;
    struct dev_reconnect reconnect;
    dev_reconnect_init(&reconnect);
    int gap = s->cfg.poll_ms;
    if (s->cfg.dialect == DEV_SCALE_MT8217 && gap < MT8217_GAP_MS)
        gap = MT8217_GAP_MS;
    for (;;) {
        if (!s->port) {
            enum dev_serial_error e;
            s->port = dev_serial_open(&s->cfg.port, &e);
            if (!s->port) {
                publish(s, DEV_SCALE_LINK_DOWN, fault_of(e), NULL);
                if (dev_worker_nap(&s->worker, dev_reconnect_failed(&reconnect)))
                    break;
                continue;
            }
            if (dev_reconnect_opened(&reconnect))
                count(s, &s->state.reconnects);
        }
        struct dev_scale_reading reading;
        bool garbled = false;
        enum dev_serial_error e = weigh_once(s, &reading, &garbled);
        if (e == DEV_SERIAL_OK && !garbled) {
            count(s, &s->state.replies);
            publish(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, &reading);
        } else if (e == DEV_SERIAL_OK) {
            /* it answers, so the link is up; the weight is unknown until a good reply */
            count(s, &s->state.garbled);
            publish(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_GARBLED, NULL);
        } else if (e == DEV_SERIAL_ERR_TIMEOUT) {
            count(s, &s->state.no_answers);
            publish(s, DEV_SCALE_LINK_SILENT, DEV_SCALE_FAULT_NO_ANSWER, NULL);
        } else {
            dev_serial_close(s->port);
            s->port = NULL;
            publish(s, DEV_SCALE_LINK_DOWN, fault_of(e), NULL);
            if (dev_worker_nap(&s->worker, dev_reconnect_failed(&reconnect)))
                break;
            continue;
        }
        if (dev_worker_nap(&s->worker, gap))
            break;
    }
    dev_serial_close(s->port);
    s->port = NULL;
    return NULL;
}

dev_scale_serial *dev_scale_serial_start(const struct dev_scale_serial_config *cfg,
                                         dev_scale_change_fn on_change, void *user)
{
    if (!cfg)
        return NULL;
    dev_scale_serial *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->cfg = *cfg;
    s->on_change = on_change;
    s->user = user;
    s->state.link = DEV_SCALE_LINK_DOWN;
    s->state.reading.status = DEV_SCALE_ERROR;
    if (!dev_worker_start(&s->worker, run, s)) {
        free(s);
        return NULL;
    }
    return s;
}

void dev_scale_serial_stop(dev_scale_serial *s)
{
    if (!s)
        return;
    dev_worker_stop(&s->worker);
    free(s);
}

void dev_scale_serial_state(dev_scale_serial *s, struct dev_scale_state *out)
{
    pthread_mutex_lock(&s->worker.lock);
    *out = s->state;
    pthread_mutex_unlock(&s->worker.lock);
}

bool dev_scale_serial_weight(dev_scale_serial *s, int64_t *grams)
{
    if (!s || !grams)
        return false;
    pthread_mutex_lock(&s->worker.lock);
    int64_t max_age = 2 * (int64_t)s->cfg.poll_ms + s->cfg.reply_ms;
    if (s->cfg.dialect == DEV_SCALE_MT8217 && s->cfg.poll_ms < MT8217_GAP_MS)
        max_age = 2 * MT8217_GAP_MS + s->cfg.reply_ms;
    bool fresh = s->state.link == DEV_SCALE_LINK_UP && now_ms() - s->reading_ms <= max_age;
    struct dev_scale_reading r = s->state.reading;
    pthread_mutex_unlock(&s->worker.lock);
    return fresh && dev_scale_accept(&r, s->cfg.max_grams, grams);
}

const char *dev_scale_link_name(enum dev_scale_link link)
{
    switch (link) {
    case DEV_SCALE_LINK_DOWN:
        return "disconnected";
    case DEV_SCALE_LINK_SILENT:
        return "not answering";
    case DEV_SCALE_LINK_UP:
        return "connected";
    }
    return "unknown";
}

const char *dev_scale_fault_name(enum dev_scale_fault fault)
{
    switch (fault) {
    case DEV_SCALE_FAULT_NONE:
        return "none";
    case DEV_SCALE_FAULT_NOT_FOUND:
        return "not found";
    case DEV_SCALE_FAULT_OPEN:
        return "cannot open";
    case DEV_SCALE_FAULT_UNPLUGGED:
        return "unplugged";
    case DEV_SCALE_FAULT_NO_ANSWER:
        return "no answer";
    case DEV_SCALE_FAULT_GARBLED:
        return "garbled reply";
    case DEV_SCALE_FAULT_IO:
        return "I/O error";
    }
    return "unknown";
}
