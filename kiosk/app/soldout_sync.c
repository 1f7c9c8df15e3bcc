/* The store's sold-out marks on this kiosk: see kiosk/app/soldout_sync.h. */
#define LOG_TAG "soldout_sync"
#include "kiosk/app/soldout_sync.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/common/worker.h"
#include "kiosk/app/backend_client.h"
#include "kiosk/common/log.h"

/* Pending marks sent in one turn at most (the rest go next turn), and the per-request limit. */
#define SEND_MAX 64
#define TIMEOUT_MS 2000

struct ks_soldout_sync {
    struct dev_worker worker; /* its lock guards ready */
    int period_ms;
    void (*wake)(void *ctx);
    void *ctx;
    ks_db *db;                 /* owned, used by the worker only */
    ks_backend_client *client; /* owned, used by the worker only */
    ks_mark *page;             /* owned: KS_MARK_PAGE_MAX marks, the worker's */
    bool lost_logged;          /* worker only: the loss of the hub was logged */
    ks_soldout *ready;         /* guarded by worker.lock: loaded, not yet taken; owned */
};

/* The hub did not answer as documented: logged once until it does again. */
static void lost(ks_soldout_sync *s, const char *doing, const ks_backend_answer *a, const char *why)
{
    if (!s->lost_logged)
        LOG_WARN("store hub not reached (%s): %s%s%s", doing, a->error, why[0] ? " " : "", why);
    s->lost_logged = true;
}

/* Sends the pending marks; true when any was taken. Stops at the first that is not. */
static bool send_pending(ks_soldout_sync *s, bool *reached)
{
    ks_mark pending[SEND_MAX];
    size_t n = 0;
    bool taken_any = false;
    if (ks_soldout_store_pending(s->db, pending, SEND_MAX, &n) != KS_DB_OK)
        return false;
    for (size_t i = 0; i < n && *reached; i++) {
        char *body = ks_mark_body(&pending[i]);
        ks_backend_answer a = {0};
        bool answered = body && ks_backend_client_post_json(s->client, "/soldout", body, &a);
        free(body);
        ks_mark taken = {0};
        size_t got = 0;
        int64_t latest = 0;
        ks_mark_error why = {""};
        if (answered && a.status == 200 &&
            ks_marks_from_answer(a.body, a.body_len, &taken, 1, &got, &latest, &why) && got == 1 &&
            ks_mark_same_key(&taken, &pending[i])) {
            taken_any |= ks_soldout_store_taken(s->db, &taken) == KS_DB_OK;
        } else {
            /* Kept pending, sent again next turn (or after a restart). */
            lost(s, "sending a mark", &a, why.reason);
            *reached = false;
        }
        ks_backend_answer_clear(&a);
    }
    return taken_any;
}

/* Applies one page of marks in one transaction; *changed when any applied. */
static enum ks_db_error apply_page(ks_soldout_sync *s, size_t n, bool *changed)
{
    enum ks_db_error err = ks_db_begin(s->db);
    for (size_t i = 0; err == KS_DB_OK && i < n; i++) {
        bool applied = false;
        err = ks_soldout_store_apply(s->db, &s->page[i], &applied);
        *changed |= applied;
    }
    return ks_db_end(s->db, err);
}

/* Fetches and applies what changed at the hub; true when anything here changed. */
static bool pull(ks_soldout_sync *s)
{
    int64_t after = 0;
    bool changed = false;
    if (ks_soldout_store_hub_seq(s->db, &after) != KS_DB_OK)
        return false;
    for (;;) {
        char path[64];
        snprintf(path, sizeof path, "/soldout?after=%lld", (long long)after);
        ks_backend_answer a = {0};
        bool answered = ks_backend_client_get(s->client, path, NULL,
                                              (size_t)KS_MARK_PAGE_MAX * KS_MARK_BODY_MAX, &a);
        size_t n = 0;
        int64_t latest = 0;
        ks_mark_error why = {""};
        bool ok =
            answered && a.status == 200 &&
            ks_marks_from_answer(a.body, a.body_len, s->page, KS_MARK_PAGE_MAX, &n, &latest, &why);
        if (!ok)
            lost(s, "asking for marks", &a, why.reason);
        ks_backend_answer_clear(&a);
        if (!ok)
            return changed;
        if (s->lost_logged)
            LOG_INFO("store hub reached");
        s->lost_logged = false;
        if (latest < after) {
            LOG_WARN("the store hub's marks end at %lld, before %lld applied here: a new hub, "
                     "its marks are taken from the start",
                     (long long)latest, (long long)after);
            if (ks_soldout_store_hub_forget(s->db) != KS_DB_OK)
                return changed;
            after = 0;
            continue;
        }
        if (n == 0 || apply_page(s, n, &changed) != KS_DB_OK)
            return changed;
        after = s->page[n - 1].seq;
        if (after >= latest)
            return changed;
    }
}

/* Leaves the table's set for the UI thread. */
static void hand_over(ks_soldout_sync *s)
{
    ks_soldout *set = ks_soldout_new();
    if (!set || ks_soldout_store_load(s->db, set) != KS_DB_OK) {
        LOG_ERROR("the sold-out marks could not be read for the screen");
        ks_soldout_free(set);
        return;
    }
    pthread_mutex_lock(&s->worker.lock);
    ks_soldout_free(s->ready);
    s->ready = set;
    pthread_mutex_unlock(&s->worker.lock);
    if (s->wake)
        s->wake(s->ctx);
}

static void *run(void *arg)
{
    ks_soldout_sync *s = arg;
    /* A poke means the screen stored a mark: the set it gets next must be read after it. */
    enum dev_worker_wait woke = DEV_WORKER_TIMEOUT;
    int64_t next_ms = 0;
    while (!dev_worker_stopping(&s->worker)) {
        bool reached = true;
        bool changed = send_pending(s, &reached);
        if (reached)
            changed |= pull(s);
        if (changed || woke == DEV_WORKER_WOKEN)
            hand_over(s);
        woke = dev_worker_sleep_period(&s->worker, s->period_ms, &next_ms);
    }
    return NULL;
}

static void free_sync(ks_soldout_sync *s)
{
    ks_backend_client_free(s->client);
    ks_db_close(s->db);
    ks_soldout_free(s->ready);
    free(s->page);
    free(s);
}

ks_soldout_sync *ks_soldout_sync_start(const ks_soldout_sync_options *opt)
{
    ks_soldout_sync *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->period_ms = opt->period_ms > 0 ? opt->period_ms : KS_SOLDOUT_SYNC_PERIOD_MS;
    s->wake = opt->wake;
    s->ctx = opt->ctx;
    s->page = calloc(KS_MARK_PAGE_MAX, sizeof *s->page);
    enum ks_db_error err = KS_DB_ERR_NO_MEMORY;
    s->db = s->page && opt->database ? ks_db_open(opt->database, &err) : NULL;
    if (!s->db) {
        LOG_ERROR("sold-out marks: database %s: %s", opt->database ? opt->database : "(none)",
                  ks_db_strerror(err));
        free_sync(s);
        return NULL;
    }
    const ks_backend_client_config cc = {
        .orders_url = opt->hub_url,
        .token = opt->token,
        .ca_file = opt->ca_file,
        .timeout_ms = TIMEOUT_MS,
        .user_agent = "kiosk-soldout/1",
        .stop = &s->worker.stopping,
    };
    s->client = ks_backend_client_new(&cc);
    if (!s->client || !dev_worker_start(&s->worker, run, s)) {
        free_sync(s);
        return NULL;
    }
    return s;
}

ks_soldout_sync *ks_soldout_sync_start_for(const ks_config *cfg, void (*wake)(void *ctx), void *ctx)
{
    if (cfg->n_kitchen_urls == 0)
        return NULL;
    const ks_soldout_sync_options o = {
        .hub_url = cfg->kitchen_urls[0],
        .token = cfg->token,
        .ca_file = cfg->ca_certificate,
        .database = cfg->database,
        .wake = wake,
        .ctx = ctx,
    };
    return ks_soldout_sync_start(&o);
}

void ks_soldout_sync_stop(ks_soldout_sync *sync)
{
    if (!sync)
        return;
    dev_worker_stop(&sync->worker);
    free_sync(sync);
}

void ks_soldout_sync_poke(ks_soldout_sync *sync)
{
    if (!sync)
        return;
    dev_worker_wake(&sync->worker);
}

ks_soldout *ks_soldout_sync_take(ks_soldout_sync *sync)
{
    if (!sync)
        return NULL;
    pthread_mutex_lock(&sync->worker.lock);
    ks_soldout *set = sync->ready;
    sync->ready = NULL;
    pthread_mutex_unlock(&sync->worker.lock);
    return set;
}
