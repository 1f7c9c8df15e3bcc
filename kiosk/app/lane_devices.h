/*
 * The self-checkout lane's devices: the barcode scanner, the produce scale
 * and the optional bagging-area scale, each chosen by its URI
 * ([supermarket] scanner, scale, bagging_scale) and run on its own driver
 * worker (devices/scanner/scanner_worker.h, devices/scale/scale_serial.h),
 * which reopens it after an unplug. What they report is queued here and
 * the owner's wake callback is called on the worker's thread (the program
 * pushes an SDL user event); the UI thread then takes the events with
 * ks_lane_devices_poll, so it never waits on a device.
 *
 * No SDL here. The queue is bounded: codes beyond KS_LANE_CODES_MAX waiting
 * are dropped and counted (a scanner does not outrun a person); scale
 * events are coalesced to the latest state of each scale.
 */
#ifndef KIOSK_APP_LANE_DEVICES_H
#define KIOSK_APP_LANE_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/scale/scale_serial.h"
#include "devices/scanner/scanner_worker.h"
#include "kiosk/domain/barcode.h"

#define KS_LANE_CODES_MAX 64

typedef struct ks_lane_devices ks_lane_devices;

typedef struct ks_lane_devices_config {
    const char *scanner_uri;       /* NULL or "": none */
    const char *scale_uri;         /* NULL or "": none */
    const char *bagging_scale_uri; /* NULL or "": none */
    void (*wake)(void *ctx);       /* on a worker thread when something waits; may be NULL */
    void *wake_ctx;
} ks_lane_devices_config;

enum ks_lane_event_kind {
    KS_LANE_CODE,          /* code: a complete code from the scanner */
    KS_LANE_SCALE,         /* scale: the produce scale's new state */
    KS_LANE_BAGGING_SCALE, /* scale: the bagging-area scale's new state */
};

typedef struct ks_lane_event {
    enum ks_lane_event_kind kind;
    char code[KS_BARCODE_MAX + 1]; /* KS_LANE_CODE; longer codes are cut and then refused */
    struct dev_scale_state scale;  /* KS_LANE_SCALE, KS_LANE_BAGGING_SCALE */
} ks_lane_event;

/* What the staff screen shows. */
typedef struct ks_lane_devices_status {
    bool has_scanner, has_scale, has_bagging_scale;
    struct dev_scanner_state scanner;
    struct dev_scale_state scale, bagging_scale;
    unsigned long codes_dropped; /* the queue was full */
} ks_lane_devices_status;

/*
 * Parses every URI and starts a worker for each device configured (the
 * devices need not be plugged in yet). NULL, with the reason in why[cap],
 * when a URI is refused or a worker cannot start.
 */
ks_lane_devices *ks_lane_devices_start(const ks_lane_devices_config *cfg, char *why, size_t cap);

/* Stops the workers and frees; NULL is ignored. */
void ks_lane_devices_stop(ks_lane_devices *d);

/* The oldest waiting event into *out; false when none. UI thread. */
bool ks_lane_devices_poll(ks_lane_devices *d, ks_lane_event *out);

/* The produce scale's tradable weight now (dev_scale_serial_weight); false when none. */
bool ks_lane_devices_weight(ks_lane_devices *d, int64_t *grams);

/* The bagging scale's tradable weight now; false when none or not configured. */
bool ks_lane_devices_bagging_weight(ks_lane_devices *d, int64_t *grams);

/* A copy of every device's state; any thread. */
void ks_lane_devices_status_get(ks_lane_devices *d, ks_lane_devices_status *out);

#endif
