/* The retention worker: see kiosk/app/retention.h. */
#define LOG_TAG "retention"
#include "kiosk/app/retention.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "devices/common/worker.h"
#include "kiosk/common/log.h"

#define DEFAULT_BATCH 200
#define DAY_S 86400

struct ks_retention {
    struct dev_worker worker; /* its lock guards stats */
    bool started;
    ks_retention_config cfg;
    char db_path[4096];
    ks_retention_stats stats;
};

/* One pass, batch by batch; false when stopped or failed (logged). */
static bool run_pass(ks_retention *r, ks_db *db)
{
    ks_retention_pass pass;
    int64_t started_ms = dev_worker_now_ms();
    ks_retention_pass_init(&pass, (int64_t)time(NULL), r->cfg.keep_s, r->cfg.refund_s);
    enum ks_db_error err = KS_DB_OK;
    uint64_t batches = 0;
    while (!pass.done && !dev_worker_stopping(&r->worker)) {
        err = ks_retention_step(db, &pass, r->cfg.batch);
        batches++;
        if (err != KS_DB_OK) {
            LOG_ERROR("pruning the database failed after %" PRId64 " orders: %s",
                      pass.removed.orders, ks_db_strerror(err));
            return false;
        }
        if (!pass.done && dev_worker_sleep(&r->worker, r->cfg.pause_ms) == DEV_WORKER_STOP)
            return false;
    }
    if (!pass.done)
        return false;
    int64_t took = dev_worker_now_ms() - started_ms;
    LOG_INFO("pruned %" PRId64 " orders older than %" PRId64 " days with %" PRId64
             " e-invoices, and %" PRId64 " outbox messages, in %" PRIu64 " batches, %" PRId64 " ms",
             pass.removed.orders, r->cfg.keep_s / DAY_S, pass.removed.documents,
             pass.removed.messages, batches, took);
    pthread_mutex_lock(&r->worker.lock);
    r->stats.passes++;
    r->stats.last = pass.removed;
    r->stats.last_at = pass.now;
    r->stats.last_ms = took;
    pthread_mutex_unlock(&r->worker.lock);
    return true;
}

static void *run(void *arg)
{
    ks_retention *r = arg;
    if (dev_worker_sleep(&r->worker, r->cfg.first_ms) == DEV_WORKER_STOP)
        return NULL;
    enum ks_db_error err = KS_DB_OK;
    ks_db *db = ks_db_open(r->db_path, &err);
    if (!db) {
        LOG_ERROR("no pruning: the database cannot be opened: %s", ks_db_strerror(err));
        return NULL;
    }
    int64_t next_ms = 0;
    do {
        run_pass(r, db);
    } while (dev_worker_sleep_period(&r->worker, r->cfg.period_ms, &next_ms) != DEV_WORKER_STOP);
    ks_db_close(db);
    return NULL;
}

ks_retention *ks_retention_start(const ks_retention_config *cfg)
{
    if (!cfg->db_path || cfg->keep_s <= 0 || cfg->refund_s < 0 || cfg->period_ms <= 0 ||
        cfg->first_ms < 0 || cfg->pause_ms < 0) {
        LOG_ERROR("retention: refusing a configuration without a database or a period");
        return NULL;
    }
    ks_retention *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->cfg = *cfg;
    if (r->cfg.batch == 0)
        r->cfg.batch = DEFAULT_BATCH;
    int n = snprintf(r->db_path, sizeof r->db_path, "%s", cfg->db_path);
    r->cfg.db_path = r->db_path;
    if (n < 0 || (size_t)n >= sizeof r->db_path || !dev_worker_start(&r->worker, run, r)) {
        LOG_ERROR("retention: the worker cannot start");
        free(r);
        return NULL;
    }
    r->started = true;
    return r;
}

ks_retention *ks_retention_start_for(const ks_config *cfg)
{
    if (cfg->retention_days <= 0)
        return NULL;
    const ks_retention_config rc = {
        .db_path = cfg->database,
        .keep_s = (int64_t)cfg->retention_days * DAY_S,
        .refund_s = ks_config_refund_window_s(cfg),
        .first_ms = 5 * 60 * 1000,
        .period_ms = DAY_S * 1000,
        .batch = DEFAULT_BATCH,
        .pause_ms = 50,
    };
    return ks_retention_start(&rc);
}

void ks_retention_stats_get(ks_retention *r, ks_retention_stats *out)
{
    *out = (ks_retention_stats){0};
    if (!r)
        return;
    pthread_mutex_lock(&r->worker.lock);
    *out = r->stats;
    pthread_mutex_unlock(&r->worker.lock);
}

void ks_retention_stop(ks_retention *r)
{
    if (!r)
        return;
    if (r->started)
        dev_worker_stop(&r->worker);
    free(r);
}
