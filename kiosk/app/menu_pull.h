/*
 * The menu puller: one thread that keeps the kiosk's menu and prices the
 * same as the backend's (kiosk/docs/backend-api.md, "Menu pictures"), so a
 * change made centrally reaches every kiosk without anyone at the store.
 *
 * Every poll_s seconds (or at ks_menu_pull_wake) it asks
 *
 *   GET /v1/menu?store=ID         If-None-Match: the accepted menu's ETag
 *   GET /v1/menu/images?store=ID  If-None-Match: its manifest's ETag
 *
 * and when both answer 304 that is all. Otherwise the new menu file is
 * checked in full by the real importer (a refused file is logged once with
 * the JSON path of its first error and changes nothing: the current menu
 * keeps serving), the manifest must describe that very file (its SHA-256),
 * and every picture the menu uses that the manifest lists and the image
 * cache lacks is fetched by hash (GET /v1/images/SHA256) and verified.
 * Only when all of it is present is the menu stored as the active version
 * (kiosk/store/menu_store.h) with what was learnt of it
 * (kiosk/store/menu_pull_store.h), so a restart neither downloads it again
 * nor forgets its pictures. The cache is then pruned to the pictures of the
 * last two menus pulled and of the active one.
 *
 * The new catalog and its manifest are handed to the UI thread
 * (ks_menu_pull_take, after the `ready` callback), which switches at a
 * safe moment: ks_menu_swap_ready says when.
 *
 * Each poll then asks for the store's sold-out list from stock
 *
 *   GET /v1/stock/soldout?store=ID  If-None-Match: the stored list's ETag
 *
 * (a 304 is all an unchanged list costs). A new list is read strictly
 * (kiosk/domain/stock_soldout.h), stored in place of the old one
 * (kiosk/store/stock_soldout_store.h, the "central" marks, apart from the
 * staff's) and handed to the UI thread (ks_menu_pull_take_soldout, after
 * the `ready` callback), which shows an item sold out when either kind
 * of mark says so. A refused list is logged once with its reason and the
 * marks stored keep serving.
 *
 * And then, the same way (one mechanism for both lists), for the store's
 * staff list
 *
 *   GET /v1/staff?store=ID  If-None-Match: the stored list's ETag
 *
 * the people the back office gave a kiosk PIN at this store, read strictly
 * (kiosk/domain/staff_list.h) and stored in place of the old list
 * (kiosk/store/staff_pin_store.h), where the staff screen and the lane's
 * PIN look at each sign-in; nothing is handed over. A kiosk offline keeps
 * signing its people in with the last list stored.
 *
 * A backend that does not answer, answers an error, or sends too much
 * (menu over 8 MiB, picture over 2 MiB) changes nothing; the problem is
 * logged when it starts and when it ends, and the next poll tries again.
 * The worker owns its database connection and its libcurl handle.
 */
#ifndef KIOSK_APP_MENU_PULL_H
#define KIOSK_APP_MENU_PULL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/app/journey.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/domain/image_manifest.h"
#include "kiosk/store/soldout_store.h"

/* Largest menu file (as the backend serves) and picture accepted. */
#define KS_MENU_PULL_MENU_MAX (8u * 1024u * 1024u)
#define KS_MENU_PULL_IMAGE_MAX (2u * 1024u * 1024u)
/* Menus pulled last whose pictures stay in the cache (with the active menu's). */
#define KS_MENU_PULL_KEEP_MENUS 2

/*
 * Whether the UI may switch to a new catalog now: only where no customer
 * is ordering (the attract screen, or the kiosk closed out of service),
 * with an empty cart, and not while a screen slides in (the old screen may
 * still point into the old catalog). Pure.
 */
bool ks_menu_swap_ready(enum ks_screen screen, size_t cart_lines, bool in_transition);

typedef struct ks_menu_pull_config {
    const char *db_path;     /* the kiosk's database; the worker opens its own connection */
    const char *backend_url; /* [network] backend_url (POST /v1/orders); copied; required */
    const char *token;       /* the kiosk's bearer token; copied; required */
    const char *ca_file;     /* the store's CA (PEM) for the backend; NULL or "": system's */
    const char *store_id;    /* [store] id: whose menu; copied; required */
    const char *cache_dir;   /* the image cache folder (created when missing); copied */
    int poll_s;              /* seconds between polls; <= 0: only at ks_menu_pull_wake */
    int timeout_ms;          /* per request; <= 0: 10000 (8 MiB on a slow link needs time) */
    /* Called on the worker thread when a new menu waits in ks_menu_pull_take; may be NULL. */
    void (*ready)(void *ctx);
    void *ready_ctx;
} ks_menu_pull_config;

/* Counters since the start, for tests and the log. */
typedef struct ks_menu_pull_stats {
    uint64_t passes;         /* polls finished, whatever their outcome */
    uint64_t requests;       /* HTTP requests made (answered or not) */
    uint64_t not_modified;   /* 304 answers */
    uint64_t images_fetched; /* pictures downloaded and verified */
    uint64_t accepted;       /* menus (or manifests) stored and handed to the UI */
    uint64_t soldout_lists;  /* sold-out lists from stock stored and handed to the UI */
    uint64_t staff_lists;    /* staff lists (kiosk PINs) stored */
    uint64_t refused; /* menus, manifests or sold-out lists refused (malformed, wrong hash) */
    uint64_t failed;  /* polls that ended on no answer, an error status, or storage */
} ks_menu_pull_stats;

typedef struct ks_menu_pull ks_menu_pull;

/*
 * Checks cfg, opens the database and the HTTP handle and starts the thread,
 * whose first poll is at once. NULL (logged) when the URL, token or store
 * is refused, the database or cache folder cannot be opened, or on any
 * other failure; nothing is left running then.
 */
ks_menu_pull *ks_menu_pull_start(const ks_menu_pull_config *cfg);

/*
 * ks_menu_pull_start with the [network], [store] and [paths] settings of
 * cfg; NULL without a log when [network] backend_url is empty or
 * menu_poll_seconds is 0 (pulling is off).
 */
ks_menu_pull *ks_menu_pull_start_for(const ks_config *cfg, void (*ready)(void *ctx), void *ctx);

/* Makes the worker poll now. Thread-safe; accepts NULL. */
void ks_menu_pull_wake(ks_menu_pull *mp);

/*
 * Takes the newest menu waiting for the UI: *catalog and *pictures become
 * the caller's (ks_catalog_free, ks_image_manifest_free). False, both set
 * to NULL, when none waits. A menu not taken before the next one is
 * accepted is dropped for it. Thread-safe; accepts NULL.
 */
bool ks_menu_pull_take(ks_menu_pull *mp, ks_catalog **catalog, ks_image_manifest **pictures);

/*
 * Takes the newest central sold-out marks waiting for the UI (the
 * caller's: ks_soldout_free); NULL when none waits since the last take.
 * Thread-safe; accepts NULL.
 */
ks_soldout *ks_menu_pull_take_soldout(ks_menu_pull *mp);

/* A copy of the counters. Thread-safe. */
void ks_menu_pull_get_stats(ks_menu_pull *mp, ks_menu_pull_stats *out);

/*
 * Stops the thread (a download under way is abandoned: the next start
 * polls again), frees what waits untaken, closes everything. Accepts NULL.
 */
void ks_menu_pull_stop(ks_menu_pull *mp);

#endif
