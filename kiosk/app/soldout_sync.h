/*
 * The store's sold-out marks on this kiosk (kiosk/docs/http-api.md,
 * "Sold-out marks"): a worker thread that sends the marks staff set here
 * to the store's hub and applies every mark set elsewhere (another kiosk,
 * the kitchen's screen) to this kiosk's table, then hands the UI thread a
 * fresh in-memory set.
 *
 * The hub is the kitchen display at the first of [network] kitchen_urls,
 * reached over the store's LAN with this kiosk's token, never the
 * internet. Every period (1 s) and at once when poked, the worker:
 *   1. posts each pending mark (sold_out_overrides.pending, committed by
 *      the staff screen before it is shown), marking it taken once the
 *      hub answered with its number; a mark set again meanwhile stays
 *      pending, and an unreachable hub leaves them all for the next turn
 *      or the next start;
 *   2. asks GET /v1/soldout?after=N for the marks changed since the
 *      newest number applied here, page by page, and applies them in one
 *      transaction per page (the newer number wins; a pending mark of this
 *      kiosk is never overwritten: it will win at the hub when sent). A
 *      hub whose latest number is below N is a new hub: its numbers are
 *      taken from 0 again.
 *   3. when anything changed, or the screen poked it (so that a set read
 *      before the screen's own mark never has the last word), loads the
 *      whole set from the table (its own connection) and leaves it for
 *      ks_soldout_sync_take, then calls wake.
 * So a mark reaches every kiosk within one period plus two round trips,
 * survives restarts on both sides (both are tables), and a kiosk without
 * its hub keeps selling with the marks it has.
 */
#ifndef KIOSK_APP_SOLDOUT_SYNC_H
#define KIOSK_APP_SOLDOUT_SYNC_H

#include <stdbool.h>

#include "kiosk/app/config.h"
#include "kiosk/store/soldout_store.h"

/* Time between two turns of the worker. */
#define KS_SOLDOUT_SYNC_PERIOD_MS 1000

typedef struct ks_soldout_sync ks_soldout_sync;

typedef struct ks_soldout_sync_options {
    const char *hub_url;  /* the hub's POST /v1/orders URL ("http://10.0.0.5:8080/v1/orders") */
    const char *token;    /* this kiosk's token at the hub */
    const char *ca_file;  /* the store's CA (PEM); NULL or "": the system's */
    const char *database; /* the kiosk's database file; the worker opens its own connection */
    int period_ms;        /* <= 0: KS_SOLDOUT_SYNC_PERIOD_MS */
    /* Called on the worker's thread when a new set waits in ks_soldout_sync_take; may be NULL. */
    void (*wake)(void *ctx);
    void *ctx; /* borrowed, for wake */
} ks_soldout_sync_options;

/* Starts the worker (opt copied). NULL (logged) when the URL, token or database is refused. */
ks_soldout_sync *ks_soldout_sync_start(const ks_soldout_sync_options *opt);

/*
 * The worker for cfg: its first kitchen URL, token, CA and database; NULL
 * (nothing to share with) when no kitchen display is configured.
 */
ks_soldout_sync *ks_soldout_sync_start_for(const ks_config *cfg, void (*wake)(void *ctx),
                                           void *ctx);

/* Stops the worker (a request under way is abandoned) and frees it. Accepts NULL. */
void ks_soldout_sync_stop(ks_soldout_sync *sync);

/* UI thread: a mark was stored here; the worker's turn starts at once. Accepts NULL. */
void ks_soldout_sync_poke(ks_soldout_sync *sync);

/*
 * UI thread: the newest set the worker loaded (owned by the caller,
 * ks_soldout_free), or NULL when there is none since the last take.
 */
ks_soldout *ks_soldout_sync_take(ks_soldout_sync *sync);

#endif
