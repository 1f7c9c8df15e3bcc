/*
 * The retention worker (issues #15/#16): a thread that prunes the kiosk's
 * database (kiosk/store/retention_store.h) a while after start, so that the
 * first frame and the start-up's own work go first, then once a day. Each
 * batch is one short transaction on its own connection, with a pause
 * between batches, so the UI thread and the other workers never wait
 * long for the write lock. What a pass removed is logged and kept for the
 * staff screen (ks_retention_stats_get).
 */
#ifndef KIOSK_APP_RETENTION_H
#define KIOSK_APP_RETENTION_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/store/retention_store.h"

typedef struct ks_retention_config {
    const char *db_path; /* the kiosk's database; the worker opens its own connection; copied */
    int64_t keep_s;      /* the period, seconds (> 0) */
    int64_t refund_s;    /* the refund window, seconds (>= 0) */
    int first_ms;        /* after start, before the first pass */
    int period_ms;       /* between passes (> 0) */
    size_t batch;        /* orders (or messages) a transaction; 0: 200 */
    int pause_ms;        /* between batches */
} ks_retention_config;

typedef struct ks_retention_stats {
    uint64_t passes;          /* passes finished */
    ks_retention_counts last; /* what the last finished pass removed */
    int64_t last_at;          /* UTC seconds it started; 0: none yet */
    int64_t last_ms;          /* how long it took, pauses included */
} ks_retention_stats;

typedef struct ks_retention ks_retention;

/* Starts the worker; NULL (logged) when cfg is refused or the thread cannot start. */
ks_retention *ks_retention_start(const ks_retention_config *cfg);

/*
 * The kiosk's worker from its INI ([retention] days, refund_days): the
 * first pass 5 minutes after start, then every 24 hours, 200 orders a
 * transaction, 50 ms apart. NULL when days is 0 (kept for ever).
 */
ks_retention *ks_retention_start_for(const ks_config *cfg);

/* A copy of the worker's figures; any thread. Zeroes for NULL. */
void ks_retention_stats_get(ks_retention *r, ks_retention_stats *out);

/* Stops the worker (a batch under way finishes first) and frees it. Accepts NULL. */
void ks_retention_stop(ks_retention *r);

#endif
