/* The lane's scanner and scales on their workers (see kiosk/app/lane_devices.h). */
#define LOG_TAG "lane-devices"
#include "kiosk/app/lane_devices.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"

struct ks_lane_devices {
    ks_lane_devices_config cfg;
    dev_scanner_worker *scanner;                       /* owned; NULL: none */
    dev_scale_serial *scale;                           /* owned; NULL: none */
    dev_scale_serial *bagging;                         /* owned; NULL: none */
    pthread_mutex_t lock;                              /* guards what follows */
    char codes[KS_LANE_CODES_MAX][KS_BARCODE_MAX + 1]; /* a ring of waiting codes */
    size_t head, n_codes;
    unsigned long dropped;
    bool scale_changed, bagging_changed; /* a state waits (the latest only) */
    struct dev_scale_state scale_state, bagging_state;
};

static void wake(ks_lane_devices *d)
{
    if (d->cfg.wake)
        d->cfg.wake(d->cfg.wake_ctx);
}

/* Scanner worker thread. */
static void on_code(void *user, const char *code, size_t len)
{
    ks_lane_devices *d = user;
    pthread_mutex_lock(&d->lock);
    if (d->n_codes == KS_LANE_CODES_MAX) {
        d->dropped++;
    } else {
        char *slot = d->codes[(d->head + d->n_codes) % KS_LANE_CODES_MAX];
        size_t n = len < KS_BARCODE_MAX ? len : KS_BARCODE_MAX;
        memcpy(slot, code, n);
        slot[n] = '\0';
        d->n_codes++;
    }
    pthread_mutex_unlock(&d->lock);
    wake(d);
}

/* Scale worker threads. */
static void on_scale(void *user, const struct dev_scale_state *state)
{
    ks_lane_devices *d = user;
    pthread_mutex_lock(&d->lock);
    d->scale_state = *state;
    d->scale_changed = true;
    pthread_mutex_unlock(&d->lock);
    wake(d);
}

static void on_bagging(void *user, const struct dev_scale_state *state)
{
    ks_lane_devices *d = user;
    pthread_mutex_lock(&d->lock);
    d->bagging_state = *state;
    d->bagging_changed = true;
    pthread_mutex_unlock(&d->lock);
    wake(d);
}

static bool set(const char *s)
{
    return s && s[0];
}

static dev_scale_serial *start_scale(const char *what, const char *uri, dev_scale_change_fn fn,
                                     ks_lane_devices *d, char *why, size_t cap)
{
    struct dev_scale_serial_config sc;
    char reason[256];
    if (!dev_scale_serial_uri_parse(uri, &sc, reason, sizeof reason)) {
        snprintf(why, cap, "[supermarket] %s: %s", what, reason);
        return NULL;
    }
    dev_scale_serial *s = dev_scale_serial_start(&sc, fn, d);
    if (!s)
        snprintf(why, cap, "[supermarket] %s: the worker could not start", what);
    return s;
}

ks_lane_devices *ks_lane_devices_start(const ks_lane_devices_config *cfg, char *why, size_t cap)
{
    ks_lane_devices *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(why, cap, "out of memory");
        return NULL;
    }
    d->cfg = *cfg;
    pthread_mutex_init(&d->lock, NULL);
    if (set(cfg->scanner_uri)) {
        struct dev_scanner_worker_config sc;
        char reason[256];
        if (!dev_scanner_worker_uri_parse(cfg->scanner_uri, &sc, reason, sizeof reason)) {
            snprintf(why, cap, "[supermarket] scanner: %s", reason);
            goto error;
        }
        d->scanner = dev_scanner_worker_start(&sc, on_code, d);
        if (!d->scanner) {
            snprintf(why, cap, "[supermarket] scanner: the worker could not start");
            goto error;
        }
    }
    if (set(cfg->scale_uri) &&
        !(d->scale = start_scale("scale", cfg->scale_uri, on_scale, d, why, cap)))
        goto error;
    if (set(cfg->bagging_scale_uri) &&
        !(d->bagging =
              start_scale("bagging_scale", cfg->bagging_scale_uri, on_bagging, d, why, cap)))
        goto error;
    LOG_INFO("scanner %s, scale %s, bagging scale %s", set(cfg->scanner_uri) ? "on" : "none",
             set(cfg->scale_uri) ? "on" : "none", set(cfg->bagging_scale_uri) ? "on" : "none");
    return d;
error:
    ks_lane_devices_stop(d);
    return NULL;
}

void ks_lane_devices_stop(ks_lane_devices *d)
{
    if (!d)
        return;
    /* The workers first: no callback runs once they are stopped. */
    dev_scanner_worker_stop(d->scanner);
    dev_scale_serial_stop(d->scale);
    dev_scale_serial_stop(d->bagging);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

bool ks_lane_devices_poll(ks_lane_devices *d, ks_lane_event *out)
{
    if (!d)
        return false;
    bool got = true;
    pthread_mutex_lock(&d->lock);
    if (d->n_codes > 0) {
        *out = (ks_lane_event){.kind = KS_LANE_CODE};
        memcpy(out->code, d->codes[d->head], sizeof out->code);
        d->head = (d->head + 1) % KS_LANE_CODES_MAX;
        d->n_codes--;
    } else if (d->scale_changed) {
        *out = (ks_lane_event){.kind = KS_LANE_SCALE, .scale = d->scale_state};
        d->scale_changed = false;
    } else if (d->bagging_changed) {
        *out = (ks_lane_event){.kind = KS_LANE_BAGGING_SCALE, .scale = d->bagging_state};
        d->bagging_changed = false;
    } else {
        got = false;
    }
    pthread_mutex_unlock(&d->lock);
    return got;
}

bool ks_lane_devices_weight(ks_lane_devices *d, int64_t *grams)
{
    return d && d->scale && dev_scale_serial_weight(d->scale, grams);
}

bool ks_lane_devices_bagging_weight(ks_lane_devices *d, int64_t *grams)
{
    return d && d->bagging && dev_scale_serial_weight(d->bagging, grams);
}

void ks_lane_devices_status_get(ks_lane_devices *d, ks_lane_devices_status *out)
{
    *out = (ks_lane_devices_status){0};
    if (!d)
        return;
    out->has_scanner = d->scanner != NULL;
    out->has_scale = d->scale != NULL;
    out->has_bagging_scale = d->bagging != NULL;
    if (d->scanner)
        dev_scanner_worker_state(d->scanner, &out->scanner);
    if (d->scale)
        dev_scale_serial_state(d->scale, &out->scale);
    if (d->bagging)
        dev_scale_serial_state(d->bagging, &out->bagging_scale);
    pthread_mutex_lock(&d->lock);
    out->codes_dropped = d->dropped;
    pthread_mutex_unlock(&d->lock);
}
