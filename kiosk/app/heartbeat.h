/*
 * The heartbeat: every [network] heartbeat_seconds, one POST /v1/heartbeat
 * to the backend (kiosk/docs/backend-api.md) saying which kiosk this is,
 * its software version, how many order messages wait in its outbox, and
 * its devices' states as the staff screen shows them, so the chain sees a
 * kiosk that is offline, out of paper or behind on deliveries.
 *
 * A thread of its own rather than a turn of the menu puller's: a menu
 * download of several megabytes on a slow link must not hold up the sign
 * of life, and the two share nothing but the backend's address. It owns
 * its database connection (to count the outbox) and its libcurl handle.
 * Device states are set by the UI thread (ks_heartbeat_set_device), which
 * is the one that knows them; the worker only reads a copy.
 *
 * A failed heartbeat is never retried early or queued: the next one says
 * everything again. Failures are logged when they start and when they end.
 *
 * After each heartbeat the backend received, the worker fetches the back
 * office's refund requests of this kiosk's orders and takes them in
 * (kiosk/app/office_refunds.h), on its connection.
 */
#ifndef KIOSK_APP_HEARTBEAT_H
#define KIOSK_APP_HEARTBEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"

/* Devices reported, and bytes of a device's name or state (backend-api.md: 1-32 of a-z 0-9 _). */
#define KS_HEARTBEAT_MAX_DEVICES 16
#define KS_HEARTBEAT_NAME_MAX 32

/* This program's version, as heartbeats report it. */
extern const char ks_software_version[];

typedef struct ks_heartbeat_device {
    char name[KS_HEARTBEAT_NAME_MAX + 1];  /* "printer" */
    char state[KS_HEARTBEAT_NAME_MAX + 1]; /* "paper_out" */
} ks_heartbeat_device;

/*
 * The heartbeat document, compact JSON owned by the caller (free()):
 * {"kiosk_id":..,"version":..,"unsent":..,"devices":{name: state, ...}}.
 * NULL when a value breaks the backend's rules (kiosk id 1-32 bytes,
 * version 1-32 printable ASCII without spaces, unsent 0-1,000,000,000 —
 * a larger count is sent as that maximum, a negative one as 0 — device
 * names and states 1-32 of a-z 0-9 _, names distinct, at most 16) or out
 * of memory. Pure.
 */
char *ks_heartbeat_body(const char *kiosk_id, const char *version, int64_t unsent,
                        const ks_heartbeat_device *devices, size_t n_devices);

typedef struct ks_heartbeat_config {
    const char *db_path;     /* the kiosk's database; the worker opens its own connection */
    const char *backend_url; /* [network] backend_url (POST /v1/orders); copied; required */
    const char *token;       /* copied; required */
    const char *ca_file;     /* the store's CA (PEM) for the backend; NULL or "": system's */
    const char *kiosk_id;    /* copied; required */
    const char *version;     /* copied; NULL: ks_software_version */
    int period_ms;           /* between heartbeats; <= 0: only at ks_heartbeat_wake */
    int timeout_ms;          /* per request; <= 0: 5000 */
    int64_t refund_window_s; /* the back office's refund requests of older orders are refused;
                                0: no window (ks_config_refund_window_s) */
} ks_heartbeat_config;

typedef struct ks_heartbeat_stats {
    uint64_t sent;   /* heartbeats the backend answered 200 */
    uint64_t failed; /* heartbeats without an answer or with another status */
} ks_heartbeat_stats;

typedef struct ks_heartbeat ks_heartbeat;

/*
 * Checks cfg, opens the database and the HTTP handle and starts the thread.
 * The first heartbeat goes at the first ks_heartbeat_wake (so that the
 * caller can set the devices first) or after one period. NULL (logged) on
 * failure.
 */
ks_heartbeat *ks_heartbeat_start(const ks_heartbeat_config *cfg);

/* ks_heartbeat_start with cfg's settings; NULL without a log when backend_url is empty or
 * heartbeat_seconds 0. */
ks_heartbeat *ks_heartbeat_start_for(const ks_config *cfg);

/*
 * Sets a device's state for the next heartbeats (copied; a new name is
 * added, up to KS_HEARTBEAT_MAX_DEVICES). False when name or state is not
 * 1-32 of a-z 0-9 _ or the table is full. Thread-safe; accepts NULL (false).
 */
bool ks_heartbeat_set_device(ks_heartbeat *hb, const char *name, const char *state);

/* Sends a heartbeat now. Thread-safe; accepts NULL. */
void ks_heartbeat_wake(ks_heartbeat *hb);

/* A copy of the counters. Thread-safe. */
void ks_heartbeat_get_stats(ks_heartbeat *hb, ks_heartbeat_stats *out);

/* Stops the thread and frees hb. Accepts NULL. */
void ks_heartbeat_stop(ks_heartbeat *hb);

#endif
