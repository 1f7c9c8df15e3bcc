/*
 * The outbox delivery worker: one thread that sends the orders queued in
 * the kiosk's outbox (kiosk/store/outbox.h) to the kitchen displays and,
 * when configured, to the backend, over HTTP (kiosk/docs/http-api.md).
 *
 * Each message is POSTed with the kiosk's bearer token and the order uuid
 * as Idempotency-Key; receivers store before they answer and answer a
 * repeat with 200, so "at least once" here is "exactly once" in effect.
 * A 2xx marks the message delivered. A refusal of the body (400, 413,
 * 415, 422) is logged once and the message is retried slowly, then set
 * aside after KS_DELIVERY_DEAD_AFTER refusals (still counted as
 * undelivered). Anything else (no connection, a timeout, 5xx, 401) is
 * retried with the outbox's exponential backoff and jitter. Everything
 * lives in SQLite, so a restart resumes where the last one stopped.
 *
 * A kitchen's news about an order (destination KS_DELIVERY_KITCHEN_NEWS,
 * queued by the kitchen feed, kiosk/app/kitchen_feed.h) goes to the
 * backend too, beside the order: POST <backend_url>/<uuid>/kitchen.
 *
 * Invoices queued for ZATCA (destination "zatca", kiosk/docs/zatca.md) go
 * to ZATCA's reporting API with the device's CSID as Basic credentials;
 * ZATCA's answer is read by ks_zatca_answer_parse: reported, reported with
 * warnings and already reported mark the message delivered (never sent
 * again) and are kept with their messages (kiosk/store/zatca_report_store.h);
 * not reported (400) sets it aside at once with its errors, logged; 401
 * and other 4xx are logged loudly at every attempt and retried with the
 * backoff; no answer, 429 and 5xx are retried with the backoff. Invoices
 * still unreported after zatca_overdue_hours are counted in the stats
 * (the staff screen shows them) and logged.
 *
 * The worker owns its own database connection and one libcurl handle per
 * receiver. It sleeps until the next message is due or until
 * ks_delivery_wake(), which the program calls after marking an order paid.
 */
#ifndef KIOSK_APP_DELIVERY_H
#define KIOSK_APP_DELIVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"

/*
 * The outbox destination of a kitchen's news about an order (started,
 * a station's part ready, ready, collected), passed on to the backend's
 * POST <backend_url>/<uuid>/kitchen (kiosk/docs/backend-api.md).
 */
#define KS_DELIVERY_KITCHEN_NEWS "kitchen_news"

/* Refusals of a message's body before it is set aside. */
#define KS_DELIVERY_DEAD_AFTER 5

/* What one answer (or its absence) means for the message. */
enum ks_delivery_outcome {
    KS_DELIVERY_DELIVERED,     /* 2xx: stored by the receiver, now or before */
    KS_DELIVERY_RETRY,         /* no answer, a timeout, 5xx, 408, 429: try again later */
    KS_DELIVERY_REFUSED,       /* 400, 413, 415, 422: these bytes will never be accepted */
    KS_DELIVERY_MISCONFIGURED, /* 401, 403, 404 and other 4xx: a token or URL to fix */
};

/* The outcome of an HTTP status (0: no answer at all). Pure. */
enum ks_delivery_outcome ks_delivery_classify(long http_status);

typedef struct ks_delivery_config {
    const char *db_path;             /* the kiosk's database; the worker opens its own connection */
    const char *const *kitchen_urls; /* n_kitchen_urls URLs (copied); every one must acknowledge */
    size_t n_kitchen_urls;           /* 0: kitchen messages stay queued */
    const char *backend_url;         /* copied; NULL or "": backend messages stay queued */
    const char *token; /* copied; the kiosk's bearer token for its kitchen displays (and backend) */
    const char *backend_token; /* copied; the backend's when it differs (enrolled); NULL: token */
    const char *ca_file;   /* copied; the store's CA for kitchens and backend; NULL/"": system's */
    const char *zatca_url; /* copied; ZATCA's base URL; NULL or "": invoices stay queued */
    const char *zatca_token;  /* copied; the CSID's binarySecurityToken, required with zatca_url */
    const char *zatca_secret; /* copied; its secret, required with zatca_url */
    int zatca_overdue_hours;  /* unreported invoices older than this are flagged; <= 0: 12 */
    int timeout_ms;           /* per request, connecting included; <= 0: 5000 */
    int dead_after;           /* refusals before setting aside; <= 0: KS_DELIVERY_DEAD_AFTER */
    /*
     * Outbox seconds per real second: 1 (or 0) in the product; tests give
     * 1000 so that the outbox's 1-60 s backoff takes 1-60 ms. The outbox
     * times the worker writes are then in those fast seconds.
     */
    uint32_t time_scale;
} ks_delivery_config;

/* Counters since the start, for tests, benchmarks and the staff screen. */
typedef struct ks_delivery_stats {
    uint64_t requests;        /* HTTP requests made (answered or not) */
    uint64_t delivered;       /* messages marked delivered */
    uint64_t failed;          /* failed attempts recorded */
    uint64_t dead;            /* messages set aside */
    uint64_t passes;          /* times the worker woke and read the outbox */
    uint64_t zatca_reported;  /* invoices ZATCA took (reported, with warnings, or before) */
    uint64_t zatca_warned;    /* of which reported with warnings */
    int64_t zatca_refused;    /* invoices ZATCA refused (not reported), now in the outbox */
    int64_t zatca_overdue;    /* invoices unreported past zatca_overdue_hours, at the last pass */
    bool zatca_misconfigured; /* the last answer said the CSID or URL is wrong */
} ks_delivery_stats;

typedef struct ks_delivery ks_delivery;

/*
 * Checks cfg, opens the database and the HTTP handles and starts the
 * thread. NULL (logged) when a URL is not allowed, the token is missing
 * while a URL is set, the database cannot be opened, or on any other
 * failure; nothing is left running then.
 */
ks_delivery *ks_delivery_start(const ks_delivery_config *cfg);

/*
 * ks_delivery_start with the [network], [zatca] and [paths] database
 * settings of cfg; the [zatca] credentials file is read here
 * (ks_zatca_credentials_load): NULL when it is set and unusable.
 */
ks_delivery *ks_delivery_start_for(const ks_config *cfg);

/* Makes the worker look at the outbox now (after an order was paid). Thread-safe; accepts NULL. */
void ks_delivery_wake(ks_delivery *d);

/* A copy of the counters. Thread-safe. */
void ks_delivery_get_stats(ks_delivery *d, ks_delivery_stats *out);

/*
 * Stops the thread (a request under way is abandoned: it is retried at the
 * next start), closes everything and frees d. Accepts NULL.
 */
void ks_delivery_stop(ks_delivery *d);

#endif
