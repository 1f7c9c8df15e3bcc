/*
 * The peers' puller of a kitchen display or attendant console: one thread
 * that keeps the store's kiosks as the backend lists them (GET
 * /v1/devices/peers?store=ID, kiosk/docs/backend-api.md), so that the
 * device accepts an order or a lane from a kiosk that presents its own
 * enrolled token (kiosk/domain/peer_list.h), with no token of the kiosk's
 * in the device's INI.
 *
 * Every poll_s seconds (or at ks_peer_pull_wake) it asks for the list with
 * the stored list's ETag, by the kiosk's mechanism for its pulled lists
 * (kiosk/app/list_pull.h): a 304 is all an unchanged list costs; a new one
 * is read strictly, stored in place of the old (kiosk/store/peer_store.h)
 * and handed to the program (`taken`). A list refused, or a backend that
 * does not answer, changes nothing: the list stored keeps serving, also
 * across a restart without the backend. The worker owns its database
 * connection and its libcurl handle.
 *
 * An attendant console's puller also pulls its store's staff list after
 * the kiosks (GET /v1/staff?store=ID, the kiosk's own kind of pulled list:
 * kiosk/app/staff_pull.h), kept in the console's database
 * (kiosk/store/staff_pin_store.h), where its PIN check finds the back
 * office's people as a kiosk's does.
 */
#ifndef KIOSK_APP_PEER_PULL_H
#define KIOSK_APP_PEER_PULL_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/common/device_backend.h"
#include "kiosk/domain/peer_list.h"

typedef struct ks_peer_pull_config {
    const char *db_path;  /* the device's database; the worker opens its own connection */
    const char *api_root; /* the backend's API root ("https://b.example/v1"); required */
    const char *token;    /* the device's enrolled token; required */
    const char *ca_file;  /* the store's CA (PEM) for the backend; NULL or "": system's */
    const char *store_id; /* whose kiosks; required */
    int poll_s;           /* seconds between polls; <= 0: only at ks_peer_pull_wake */
    int timeout_ms;       /* per request; <= 0: 10000 */
    bool staff;           /* the store's staff list too (an attendant console's token) */
    /*
     * Called with the list stored at the start (on the caller's thread,
     * before ks_peer_pull_start returns) and with each new one (on the
     * worker); list borrowed for the call. May be NULL.
     */
    void (*taken)(void *ctx, const ks_peer_list *list);
    void *ctx;
} ks_peer_pull_config;

/* Counters since the start, for tests and the log. */
typedef struct ks_peer_pull_stats {
    uint64_t passes;       /* polls finished, whatever their outcome */
    uint64_t requests;     /* HTTP requests made (answered or not) */
    uint64_t not_modified; /* 304 answers */
    uint64_t lists;        /* new lists stored and handed over */
    uint64_t refused;      /* lists refused by the reader */
    uint64_t staff_lists;  /* staff lists stored (cfg.staff) */
} ks_peer_pull_stats;

typedef struct ks_peer_pull ks_peer_pull;

/*
 * Checks cfg, opens the database (making its tables when missing), hands
 * over the list stored, and starts the thread, whose first poll is at
 * once. NULL (logged) on a refused setting or any failure; nothing is left
 * running then.
 */
ks_peer_pull *ks_peer_pull_start(const ks_peer_pull_config *cfg);

/*
 * ks_peer_pull_start for the device of a [backend] section b with its
 * database db_path (staff: its staff list too): NULL without a log when b
 * has no url (no backend), and NULL (logged, naming program's --enrol)
 * when it has no enrolled token.
 */
ks_peer_pull *ks_peer_pull_start_for(const ks_device_backend *b, const char *db_path,
                                     const char *program, bool staff,
                                     void (*taken)(void *ctx, const ks_peer_list *list), void *ctx);

/* Makes the worker poll now. Thread-safe; accepts NULL. */
void ks_peer_pull_wake(ks_peer_pull *pp);

/* A copy of the counters. Thread-safe. */
void ks_peer_pull_get_stats(ks_peer_pull *pp, ks_peer_pull_stats *out);

/* Stops the thread and closes everything. Accepts NULL. */
void ks_peer_pull_stop(ks_peer_pull *pp);

#endif
