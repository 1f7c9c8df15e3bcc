/* The peers' puller: see kiosk/app/peer_pull.h and kiosk/docs/backend-api.md. */
#define LOG_TAG "peer_pull"
#include "kiosk/app/peer_pull.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/device_token.h"
#include "kiosk/app/list_pull.h"
#include "kiosk/app/staff_pull.h"
#include "kiosk/store/peer_store.h"
#include "kiosk/store/staff_pin_store.h"

struct ks_peer_pull {
    struct dev_worker worker; /* its lock guards stats */
    bool started;
    ks_peer_pull_stats stats;
    ks_db *db;                  /* owned; the worker's connection */
    ks_backend_client *client;  /* owned */
    ks_list_puller puller;      /* the above, with the store and counters */
    bool staff;                 /* the store's staff list too (an attendant console) */
    ks_staff_taker staff_taker; /* the puller and the staff lists' counter */
    char store_id[KS_DEVICE_ID_MAX + 1];
    int poll_s;
    void (*taken)(void *ctx, const ks_peer_list *list);
    void *ctx;
    char problem[KS_LIST_PULL_NOTE_MAX];       /* worker only: the trouble last logged */
    char staff_problem[KS_LIST_PULL_NOTE_MAX]; /* the staff list's, likewise */
};

static bool take_peers(void *ctx, const ks_backend_answer *a, char *why, size_t why_cap,
                       enum ks_db_error *err, size_t *n)
{
    ks_peer_pull *pp = ctx;
    ks_peer_list list = {0};
    if (!ks_peer_list_parse(a->body, a->body_len, pp->store_id, &list, why, why_cap))
        return false;
    *err = ks_peer_store_replace(pp->db, &list, a->etag, (int64_t)time(NULL));
    *n = list.n;
    if (*err == KS_DB_OK) {
        ks_list_pull_count(&pp->puller, &pp->stats.lists, 1);
        if (pp->taken)
            pp->taken(pp->ctx, &list);
    }
    ks_peer_list_clear(&list);
    return true;
}

static const ks_list_kind peers_list = {"store's kiosks",
                                        "/devices/peers?store=",
                                        KS_PEER_LIST_BODY_MAX,
                                        ks_peer_store_etag,
                                        take_peers,
                                        NULL};

static void *run(void *arg)
{
    ks_peer_pull *pp = arg;
    int period_ms = pp->poll_s > 0 ? pp->poll_s * 1000 : -1;
    int64_t next_ms = 0;
    /* stopping is set before the stop reaches a sleep: a sleep ended by it ends the loop */
    while (!dev_worker_stopping(&pp->worker)) {
        ks_list_pull_poll(&pp->puller, &peers_list, pp, pp->problem);
        if (pp->staff && !dev_worker_stopping(&pp->worker))
            ks_list_pull_poll(&pp->puller, &ks_staff_list_kind, &pp->staff_taker,
                              pp->staff_problem);
        ks_list_pull_count(&pp->puller, &pp->stats.passes, 1);
        dev_worker_sleep_period(&pp->worker, period_ms, &next_ms);
    }
    return NULL;
}

static void free_worker(ks_peer_pull *pp)
{
    ks_backend_client_free(pp->client);
    ks_db_close(pp->db);
    free(pp);
}

ks_peer_pull *ks_peer_pull_start(const ks_peer_pull_config *cfg)
{
    ks_peer_pull *pp = calloc(1, sizeof *pp);
    enum ks_db_error err = KS_DB_OK;
    ks_peer_list stored = {0};
    if (!pp)
        goto error;
    if (!ks_device_id_ok(cfg->store_id)) {
        LOG_ERROR("[backend] store must be 1-32 characters of a-z 0-9 _ . - to pull its kiosks");
        goto error;
    }
    snprintf(pp->store_id, sizeof pp->store_id, "%s", cfg->store_id);
    pp->poll_s = cfg->poll_s;
    pp->taken = cfg->taken;
    pp->ctx = cfg->ctx;
    const ks_backend_client_config cc = {
        .api_root = cfg->api_root,
        .token = cfg->token,
        .ca_file = cfg->ca_file,
        .timeout_ms = cfg->timeout_ms,
        .user_agent = "kiosk-peer-pull/1",
        .stop = &pp->worker.stopping,
    };
    pp->client = ks_backend_client_new(&cc);
    if (!pp->client)
        goto error;
    pp->db = ks_db_open(cfg->db_path, &err);
    if (!pp->db || (err = ks_peer_store_prepare(pp->db)) != KS_DB_OK ||
        (cfg->staff && (err = ks_staff_pin_store_prepare(pp->db)) != KS_DB_OK) ||
        (err = ks_peer_store_load(pp->db, &stored)) != KS_DB_OK) {
        LOG_ERROR("the peers' puller cannot use %s: %s", cfg->db_path ? cfg->db_path : "(none)",
                  ks_db_strerror(err));
        goto error;
    }
    if (pp->taken)
        pp->taken(pp->ctx, &stored);
    ks_peer_list_clear(&stored);
    pp->puller = (ks_list_puller){&pp->worker,       pp->client,          pp->db,
                                  pp->store_id,      &pp->stats.requests, &pp->stats.not_modified,
                                  &pp->stats.refused};
    pp->staff = cfg->staff;
    pp->staff_taker = (ks_staff_taker){&pp->puller, &pp->stats.staff_lists};
    if (!dev_worker_start(&pp->worker, run, pp)) {
        LOG_ERROR("cannot start the peers' puller's thread");
        goto error;
    }
    pp->started = true;
    return pp;
error:
    if (pp)
        free_worker(pp);
    return NULL;
}

ks_peer_pull *ks_peer_pull_start_for(const ks_device_backend *b, const char *db_path,
                                     const char *program, bool staff,
                                     void (*taken)(void *ctx, const ks_peer_list *list), void *ctx)
{
    char token[KS_CONFIG_TOKEN_MAX + 1];
    if (!b->url[0] || !ks_device_token_load(b->token_file, token, program))
        return NULL;
    if (!token[0]) {
        LOG_ERROR("%s is not enrolled (no %s): %s --enrol CODE", b->device_id, b->token_file,
                  program);
        return NULL;
    }
    const ks_peer_pull_config pc = {
        .db_path = db_path,
        .api_root = b->url,
        .token = token,
        .ca_file = b->ca_certificate,
        .store_id = b->store_id,
        .poll_s = b->poll_s,
        .staff = staff,
        .taken = taken,
        .ctx = ctx,
    };
    ks_peer_pull *pp = ks_peer_pull_start(&pc);
    memset(token, 0, sizeof token);
    return pp;
}

void ks_peer_pull_wake(ks_peer_pull *pp)
{
    if (pp)
        dev_worker_wake(&pp->worker);
}

void ks_peer_pull_get_stats(ks_peer_pull *pp, ks_peer_pull_stats *out)
{
    pthread_mutex_lock(&pp->worker.lock);
    *out = pp->stats;
    pthread_mutex_unlock(&pp->worker.lock);
}

void ks_peer_pull_stop(ks_peer_pull *pp)
{
    if (!pp)
        return;
    if (pp->started)
        dev_worker_stop(&pp->worker);
    free_worker(pp);
}
