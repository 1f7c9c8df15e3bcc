/* The menu puller: see kiosk/app/menu_pull.h and kiosk/docs/backend-api.md. */
#define LOG_TAG "menu_pull"
#include "kiosk/app/menu_pull.h"

#include <assert.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/common/worker.h"
#include "kiosk/app/backend_client.h"
#include "kiosk/app/list_pull.h"
#include "kiosk/app/staff_pull.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/image_cache.h"
#include "kiosk/store/menu_pull_store.h"
#include "kiosk/store/menu_store.h"
#include "kiosk/store/stock_soldout_store.h"

/* Bytes of a path and query sent: "/menu/images?store=" and a 32-byte id, or a hash. */
#define REQUEST_PATH_MAX 128

bool ks_menu_swap_ready(enum ks_screen screen, size_t cart_lines, bool in_transition)
{
    bool nobody_ordering = screen == KS_SCREEN_ATTRACT || screen == KS_SCREEN_OUT_OF_SERVICE;
    return nobody_ordering && cart_lines == 0 && !in_transition;
}

struct ks_menu_pull {
    struct dev_worker worker; /* its lock guards stats and the menu waiting for the UI */
    bool started;
    ks_menu_pull_stats stats;
    ks_catalog *waiting;                 /* owned until taken by the UI; NULL when none */
    ks_image_manifest *waiting_pictures; /* owned with it */
    ks_soldout *waiting_soldout;         /* owned until taken: the central marks; NULL: none */

    ks_db *db;                  /* owned; the worker's connection */
    ks_backend_client *client;  /* owned */
    ks_list_puller puller;      /* the worker, client, db, store and counters above */
    ks_staff_taker staff_taker; /* the puller and the staff lists' counter */
    char store_id[sizeof(((ks_config *)0)->store_id)];
    char cache_dir[PATH_MAX];
    int poll_s;
    void (*ready)(void *ctx);
    void *ready_ctx;
    /* Worker thread only: */
    char problem[KS_LIST_PULL_NOTE_MAX];       /* the menu's trouble last logged; "": all well */
    char stock_problem[KS_LIST_PULL_NOTE_MAX]; /* the sold-out list's, likewise */
    char staff_problem[KS_LIST_PULL_NOTE_MAX]; /* the staff list's, likewise */
    char refused_etag[KS_BACKEND_CLIENT_ETAG_MAX + 1]; /* the menu ETag last refused */
};

static void count(ks_menu_pull *mp, uint64_t *counter, uint64_t n)
{
    ks_list_pull_count(&mp->puller, counter, n);
}

#define trouble(mp, level, ...) ks_list_pull_note((mp)->problem, level, __VA_ARGS__)

static void all_well(ks_menu_pull *mp)
{
    if (mp->problem[0])
        LOG_INFO("the backend's menu is in step again");
    mp->problem[0] = '\0';
}

static bool fetch(ks_menu_pull *mp, const char *path, const char *condition, size_t max,
                  ks_backend_answer *out)
{
    return ks_list_pull_get(&mp->puller, mp->problem, path, condition, max, out);
}

struct fetch_pictures {
    ks_menu_pull *mp;
    const ks_image_manifest *manifest;
    bool ok;
};

/* Fetches one picture of the menu into the cache unless it is there already. */
static void fetch_picture(const char *image, void *ctx)
{
    struct fetch_pictures *f = ctx;
    ks_menu_pull *mp = f->mp;
    const char *sha = ks_image_manifest_find(f->manifest, image);
    if (!f->ok || !sha || ks_image_cache_has(mp->cache_dir, sha))
        return;
    if (dev_worker_stopping(&mp->worker)) {
        f->ok = false;
        return;
    }
    char path[REQUEST_PATH_MAX];
    snprintf(path, sizeof path, "/images/%s", sha);
    ks_backend_answer a;
    f->ok = fetch(mp, path, NULL, KS_MENU_PULL_IMAGE_MAX, &a) && a.status == 200;
    if (f->ok) {
        enum ks_image_cache_error err = ks_image_cache_put(mp->cache_dir, sha, a.body, a.body_len);
        f->ok = err == KS_IMAGE_CACHE_OK;
        if (err == KS_IMAGE_CACHE_MISMATCH) {
            count(mp, &mp->stats.refused, 1);
            trouble(mp, KS_LOG_ERROR,
                    "picture %s from the backend is not the one named %.12s... (%zu bytes); "
                    "the menu is not switched",
                    image, sha, a.body_len);
        } else if (!f->ok) {
            trouble(mp, KS_LOG_ERROR, "picture %s cannot be cached: %s", image,
                    ks_image_cache_strerror(err));
        } else {
            count(mp, &mp->stats.images_fetched, 1);
        }
    }
    ks_backend_answer_clear(&a);
}

struct kept {
    char **hashes; /* owned, each owned */
    size_t n, cap;
    bool failed;
};

static void keep_manifest(const char *manifest, size_t len, void *ctx)
{
    struct kept *k = ctx;
    ks_image_manifest *m = ks_image_manifest_parse(manifest, len, NULL, 0);
    size_t n = m ? ks_image_manifest_count(m) : 0;
    k->failed = k->failed || !m;
    for (size_t i = 0; i < n && !k->failed; i++) {
        if (k->n == k->cap) {
            size_t cap = k->cap ? 2 * k->cap : 64;
            char **grown = realloc(k->hashes, cap * sizeof *grown);
            if (!grown) {
                k->failed = true;
                break;
            }
            k->hashes = grown;
            k->cap = cap;
        }
        const char *path, *sha;
        ks_image_manifest_entry(m, i, &path, &sha);
        k->hashes[k->n] = strdup(sha);
        k->failed = !k->hashes[k->n];
        k->n += k->failed ? 0 : 1;
    }
    ks_image_manifest_free(m);
}

/* Deletes cached pictures no kept menu uses; keeps everything when anything is unclear. */
static void prune(ks_menu_pull *mp)
{
    struct kept k = {0};
    enum ks_db_error err =
        ks_menu_pull_store_each_kept(mp->db, KS_MENU_PULL_KEEP_MENUS, keep_manifest, &k);
    if (err == KS_DB_OK && !k.failed) {
        size_t removed = ks_image_cache_prune(mp->cache_dir, (const char *const *)k.hashes, k.n);
        if (removed)
            LOG_INFO("%zu pictures no kept menu uses deleted from the cache", removed);
    }
    for (size_t i = 0; i < k.n; i++)
        free(k.hashes[i]);
    free(k.hashes);
}

/* Hands catalog and manifest (both stolen) to the UI thread. */
static void hand_over(ks_menu_pull *mp, ks_catalog *catalog, ks_image_manifest *manifest)
{
    pthread_mutex_lock(&mp->worker.lock);
    ks_catalog_free(mp->waiting);
    ks_image_manifest_free(mp->waiting_pictures);
    mp->waiting = catalog;
    mp->waiting_pictures = manifest;
    mp->stats.accepted++;
    pthread_mutex_unlock(&mp->worker.lock);
    if (mp->ready)
        mp->ready(mp->ready_ctx);
}

/* What one step of a poll came to. */
enum poll_step {
    POLL_NEXT,   /* the step is done: the next one follows */
    POLL_OVER,   /* the poll ends without a failure: nothing new, or a refusal counted already */
    POLL_FAILED, /* the poll ends in a failure (logged when it was news): counted in stats.failed */
};

/* One poll's state, passed from step to step; released by poll_clear. */
struct poll {
    ks_menu_info active;  /* the menu in use, when has_known */
    ks_pulled_menu known; /* how it was pulled, when has_known; manifest owned */
    bool has_known;
    bool changed; /* the backend served a new menu file (200) */
    char menu_sha[KS_SHA256_HEX_LEN + 1];
    ks_backend_answer menu;   /* owned */
    ks_backend_answer images; /* owned */
    ks_catalog *catalog;      /* owned; the new menu when changed, else loaded for its pictures */
    ks_image_manifest *manifest; /* owned */
};

/* The menu file, imported when it changed; without a change, the one in use stands for it. */
static enum poll_step poll_menu(ks_menu_pull *mp, struct poll *p)
{
    bool has_active = ks_menu_store_active_info(mp->db, &p->active) == KS_DB_OK;
    p->has_known =
        has_active && ks_menu_pull_store_find(mp->db, p->active.sha256, &p->known) == KS_DB_OK;
    /* After a refusal, ask whether the refused file is still the one served. */
    const char *condition = mp->refused_etag[0] ? mp->refused_etag
                            : p->has_known      ? p->known.menu_etag
                                                : NULL;
    char path[REQUEST_PATH_MAX];
    snprintf(path, sizeof path, "/menu?store=%s", mp->store_id);
    if (!fetch(mp, path, condition, KS_MENU_PULL_MENU_MAX, &p->menu))
        return POLL_FAILED;
    p->changed = p->menu.status == 200;
    if (!p->changed && mp->refused_etag[0])
        return POLL_OVER; /* still the file refused before: nothing to add to the log */
    if (!p->changed && !p->has_known) {
        trouble(mp, KS_LOG_WARN, "the backend answered 304 to a request without If-None-Match");
        return POLL_FAILED;
    }
    if (!p->changed) {
        memcpy(p->menu_sha, p->active.sha256, sizeof p->menu_sha);
        return POLL_NEXT;
    }
    if (!ks_image_cache_hash(p->menu.body, p->menu.body_len, p->menu_sha))
        return POLL_FAILED;
    ks_menu_error why = {{0}, {0}};
    p->catalog = ks_menu_import(p->menu.body, p->menu.body_len, &why);
    if (!p->catalog) {
        count(mp, &mp->stats.refused, 1);
        trouble(mp, KS_LOG_ERROR,
                "the backend's menu (sha256 %.12s) is refused: %s%s%s; the menu in use "
                "keeps serving",
                p->menu_sha, why.path, why.path[0] ? ": " : "", why.reason);
        snprintf(mp->refused_etag, sizeof mp->refused_etag, "%s", p->menu.etag);
        return POLL_OVER;
    }
    mp->refused_etag[0] = '\0';
    return POLL_NEXT;
}

/* The pictures' manifest, which must be of the menu file the first step settled on. */
static enum poll_step poll_manifest(ks_menu_pull *mp, struct poll *p)
{
    char path[REQUEST_PATH_MAX];
    snprintf(path, sizeof path, "/menu/images?store=%s", mp->store_id);
    if (!fetch(mp, path, p->changed ? NULL : p->known.manifest_etag, KS_IMAGE_MANIFEST_MAX_BYTES,
               &p->images))
        return POLL_FAILED;
    if (p->images.status == 304 && p->changed)
        return POLL_FAILED; /* a new menu without its manifest: the next poll asks again */
    if (p->images.status == 304) {
        all_well(mp); /* both unchanged: nothing to do */
        return POLL_OVER;
    }
    char why[256];
    p->manifest = ks_image_manifest_parse(p->images.body, p->images.body_len, why, sizeof why);
    if (!p->manifest) {
        count(mp, &mp->stats.refused, 1);
        trouble(mp, KS_LOG_ERROR, "the backend's images manifest is refused: %s", why);
        return POLL_FAILED;
    }
    if (strcmp(ks_image_manifest_menu(p->manifest), p->menu_sha) != 0) {
        /* The menu file changed between the two requests: the next poll sees both anew. */
        trouble(mp, KS_LOG_WARN,
                "the backend's images manifest is of another menu file than "
                "the one fetched; the next poll tries again");
        return POLL_FAILED;
    }
    return POLL_NEXT;
}

/* Every picture the menu names, into the cache. */
static enum poll_step poll_pictures(ks_menu_pull *mp, struct poll *p)
{
    if (!p->catalog && !(p->catalog = ks_menu_store_load_active(mp->db, NULL)))
        return POLL_FAILED;
    struct fetch_pictures pictures = {mp, p->manifest, true};
    ks_catalog_each_image(p->catalog, fetch_picture, &pictures);
    return pictures.ok ? POLL_NEXT : POLL_FAILED;
}

/* Stores the menu and its manifest, then hands them to the UI thread. */
static enum poll_step poll_store(ks_menu_pull *mp, struct poll *p)
{
    /* Remembered first: should the import below not happen, this row is simply never used. */
    int64_t now = (int64_t)time(NULL);
    ks_pulled_menu pulled = {
        .manifest = p->images.body, .manifest_len = p->images.body_len, .pulled_at = now};
    memcpy(pulled.menu_sha256, p->menu_sha, sizeof p->menu_sha);
    snprintf(pulled.menu_etag, sizeof pulled.menu_etag, "%s",
             p->changed ? p->menu.etag : p->known.menu_etag);
    snprintf(pulled.manifest_etag, sizeof pulled.manifest_etag, "%s", p->images.etag);
    enum ks_db_error err = ks_menu_pull_store_record(mp->db, &pulled);
    if (err == KS_DB_OK && p->changed) {
        ks_catalog_free(p->catalog);
        p->catalog = NULL;
        err = ks_menu_store_import(mp->db, p->menu.body, p->menu.body_len, now, &p->catalog, NULL);
    }
    if (err != KS_DB_OK) {
        trouble(mp, KS_LOG_ERROR, "the backend's menu cannot be stored: %s", ks_db_strerror(err));
        return POLL_FAILED;
    }
    LOG_INFO("menu %s from the backend is ready (%zu pictures listed)",
             ks_catalog_version(p->catalog), ks_image_manifest_count(p->manifest));
    prune(mp);
    hand_over(mp, p->catalog, p->manifest);
    p->catalog = NULL;
    p->manifest = NULL;
    all_well(mp);
    return POLL_OVER;
}

static void poll_clear(struct poll *p)
{
    ks_catalog_free(p->catalog);
    ks_image_manifest_free(p->manifest);
    ks_backend_answer_clear(&p->menu);
    ks_backend_answer_clear(&p->images);
    free((void *)p->known.manifest);
}

/* One poll, step by step; see the header for the rules. */
static void poll_backend(ks_menu_pull *mp)
{
    static enum poll_step (*const steps[])(ks_menu_pull *, struct poll *) = {
        poll_menu, poll_manifest, poll_pictures, poll_store};
    struct poll p = {0};
    enum poll_step r = POLL_NEXT;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && r == POLL_NEXT; i++)
        r = steps[i](mp, &p);
    assert(r != POLL_NEXT && "the last step ends the poll");
    if (r == POLL_FAILED && !dev_worker_stopping(&mp->worker))
        count(mp, &mp->stats.failed, 1);
    poll_clear(&p);
}

/* Hands the central marks, loaded from the table just written, to the UI thread. */
static void hand_over_soldout(void *ctx)
{
    ks_menu_pull *mp = ctx;
    ks_soldout *set = ks_soldout_new();
    enum ks_db_error err = set ? ks_stock_soldout_store_load(mp->db, set) : KS_DB_ERR_NO_MEMORY;
    if (err != KS_DB_OK) {
        ks_list_pull_note(mp->stock_problem, KS_LOG_ERROR,
                          "the sold-out list from stock cannot be read: %s", ks_db_strerror(err));
        ks_soldout_free(set);
        return;
    }
    pthread_mutex_lock(&mp->worker.lock);
    ks_soldout_free(mp->waiting_soldout);
    mp->waiting_soldout = set;
    mp->stats.soldout_lists++;
    pthread_mutex_unlock(&mp->worker.lock);
    if (mp->ready)
        mp->ready(mp->ready_ctx);
}

static bool take_stock(void *ctx, const ks_backend_answer *a, char *why, size_t why_cap,
                       enum ks_db_error *err, size_t *n)
{
    ks_menu_pull *mp = ctx;
    ks_stock_soldout list = {0};
    if (!ks_stock_soldout_parse(a->body, a->body_len, mp->store_id, &list, why, why_cap))
        return false;
    *err = ks_stock_soldout_store_replace(mp->db, &list, a->etag, (int64_t)time(NULL));
    *n = list.n;
    ks_stock_soldout_clear(&list);
    return true;
}

static const ks_list_kind stock_list = {"sold-out list from stock",
                                        "/stock/soldout?store=",
                                        KS_STOCK_SOLDOUT_BODY_MAX,
                                        ks_stock_soldout_store_etag,
                                        take_stock,
                                        hand_over_soldout};

static void *run(void *arg)
{
    ks_menu_pull *mp = arg;
    int period_ms = mp->poll_s > 0 ? mp->poll_s * 1000 : -1;
    int64_t next_ms = 0;
    /* stopping is set before the stop reaches a sleep: a sleep ended by it ends the loop */
    while (!dev_worker_stopping(&mp->worker)) {
        poll_backend(mp);
        if (!dev_worker_stopping(&mp->worker))
            ks_list_pull_poll(&mp->puller, &stock_list, mp, mp->stock_problem);
        if (!dev_worker_stopping(&mp->worker))
            ks_list_pull_poll(&mp->puller, &ks_staff_list_kind, &mp->staff_taker,
                              mp->staff_problem);
        count(mp, &mp->stats.passes, 1);
        dev_worker_sleep_period(&mp->worker, period_ms, &next_ms);
    }
    return NULL;
}

static void free_worker(ks_menu_pull *mp)
{
    ks_backend_client_free(mp->client);
    ks_db_close(mp->db);
    ks_catalog_free(mp->waiting);
    ks_image_manifest_free(mp->waiting_pictures);
    ks_soldout_free(mp->waiting_soldout);
    free(mp);
}

ks_menu_pull *ks_menu_pull_start(const ks_menu_pull_config *cfg)
{
    ks_menu_pull *mp = calloc(1, sizeof *mp);
    if (!mp)
        goto error;
    if (!ks_device_id_ok(cfg->store_id)) {
        LOG_ERROR("[store] id must be 1-32 characters of a-z 0-9 _ . - to pull its menu");
        goto error;
    }
    snprintf(mp->store_id, sizeof mp->store_id, "%s", cfg->store_id);
    int n =
        snprintf(mp->cache_dir, sizeof mp->cache_dir, "%s", cfg->cache_dir ? cfg->cache_dir : "");
    if (n <= 0 || (size_t)n >= sizeof mp->cache_dir || !ks_image_cache_prepare(mp->cache_dir))
        goto error;
    mp->poll_s = cfg->poll_s;
    mp->ready = cfg->ready;
    mp->ready_ctx = cfg->ready_ctx;
    const ks_backend_client_config cc = {
        .orders_url = cfg->backend_url,
        .token = cfg->token,
        .ca_file = cfg->ca_file,
        .timeout_ms = cfg->timeout_ms,
        .user_agent = "kiosk-menu-pull/1",
        .stop = &mp->worker.stopping,
    };
    mp->client = ks_backend_client_new(&cc);
    if (!mp->client)
        goto error;
    enum ks_db_error db_err = KS_DB_OK;
    mp->db = ks_menu_pull_store_open(cfg->db_path, &db_err);
    if (!mp->db) {
        LOG_ERROR("the menu puller cannot open %s: %s", cfg->db_path ? cfg->db_path : "(none)",
                  ks_db_strerror(db_err));
        goto error;
    }
    mp->puller = (ks_list_puller){&mp->worker,       mp->client,          mp->db,
                                  mp->store_id,      &mp->stats.requests, &mp->stats.not_modified,
                                  &mp->stats.refused};
    mp->staff_taker = (ks_staff_taker){&mp->puller, &mp->stats.staff_lists};
    if (!dev_worker_start(&mp->worker, run, mp)) {
        LOG_ERROR("cannot start the menu puller's thread");
        goto error;
    }
    mp->started = true;
    return mp;
error:
    if (mp)
        free_worker(mp);
    return NULL;
}

ks_menu_pull *ks_menu_pull_start_for(const ks_config *cfg, void (*ready)(void *ctx), void *ctx)
{
    if (!cfg->backend_url[0] || cfg->menu_poll_s <= 0)
        return NULL;
    const ks_menu_pull_config mc = {
        .db_path = cfg->database,
        .backend_url = cfg->backend_url,
        .token = ks_config_backend_token(cfg),
        .ca_file = cfg->ca_certificate,
        .store_id = cfg->store_id,
        .cache_dir = cfg->image_cache,
        .poll_s = cfg->menu_poll_s,
        .timeout_ms = 0,
        .ready = ready,
        .ready_ctx = ctx,
    };
    return ks_menu_pull_start(&mc);
}

void ks_menu_pull_wake(ks_menu_pull *mp)
{
    if (!mp)
        return;
    dev_worker_wake(&mp->worker);
}

bool ks_menu_pull_take(ks_menu_pull *mp, ks_catalog **catalog, ks_image_manifest **pictures)
{
    *catalog = NULL;
    *pictures = NULL;
    if (!mp)
        return false;
    pthread_mutex_lock(&mp->worker.lock);
    *catalog = mp->waiting;
    *pictures = mp->waiting_pictures;
    mp->waiting = NULL;
    mp->waiting_pictures = NULL;
    pthread_mutex_unlock(&mp->worker.lock);
    return *catalog != NULL;
}

ks_soldout *ks_menu_pull_take_soldout(ks_menu_pull *mp)
{
    if (!mp)
        return NULL;
    pthread_mutex_lock(&mp->worker.lock);
    ks_soldout *set = mp->waiting_soldout;
    mp->waiting_soldout = NULL;
    pthread_mutex_unlock(&mp->worker.lock);
    return set;
}

void ks_menu_pull_get_stats(ks_menu_pull *mp, ks_menu_pull_stats *out)
{
    pthread_mutex_lock(&mp->worker.lock);
    *out = mp->stats;
    pthread_mutex_unlock(&mp->worker.lock);
}

void ks_menu_pull_stop(ks_menu_pull *mp)
{
    if (!mp)
        return;
    if (mp->started)
        dev_worker_stop(&mp->worker);
    free_worker(mp);
}
