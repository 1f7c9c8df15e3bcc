/* The menu puller: see kiosk/app/menu_pull.h and kiosk/docs/backend-api.md. */
#define LOG_TAG "menu_pull"
#include "kiosk/app/menu_pull.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/backend_client.h"
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
    pthread_t thread;
    bool started;
    pthread_mutex_t lock; /* guards wake, stats and the menu waiting for the UI */
    pthread_cond_t cond;  /* signalled by ks_menu_pull_wake and ks_menu_pull_stop */
    bool lock_ready;
    bool wake;
    atomic_bool stop; /* also read by libcurl's progress callback to abandon a download */
    ks_menu_pull_stats stats;
    ks_catalog *waiting;                 /* owned until taken by the UI; NULL when none */
    ks_image_manifest *waiting_pictures; /* owned with it */
    ks_soldout *waiting_soldout;         /* owned until taken: the central marks; NULL: none */

    ks_db *db;                 /* owned; the worker's connection */
    ks_backend_client *client; /* owned */
    char store_id[sizeof(((ks_config *)0)->store_id)];
    char cache_dir[PATH_MAX];
    int poll_s;
    void (*ready)(void *ctx);
    void *ready_ctx;
    /* Worker thread only: */
    char problem[768];       /* the menu's trouble last logged; "" while all is well */
    char stock_problem[768]; /* the sold-out list's, likewise */
    char refused_etag[KS_BACKEND_CLIENT_ETAG_MAX + 1]; /* the menu ETag last refused */
};

static void count(ks_menu_pull *mp, uint64_t *counter, uint64_t n)
{
    pthread_mutex_lock(&mp->lock);
    *counter += n;
    pthread_mutex_unlock(&mp->lock);
}

/* Logs a problem when it differs from the one logged last into last[768], so a backend that stays
 * down is logged once. */
__attribute__((format(printf, 3, 4))) static void note(char *last, enum ks_log_level level,
                                                       const char *fmt, ...)
{
    char text[sizeof((ks_menu_pull *)0)->problem];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (strcmp(text, last) != 0)
        ks_log_write(level, LOG_TAG, "%s", text);
    memcpy(last, text, sizeof text);
}

#define trouble(mp, level, ...) note((mp)->problem, level, __VA_ARGS__)

static void all_well(ks_menu_pull *mp)
{
    if (mp->problem[0])
        LOG_INFO("the backend's menu is in step again");
    mp->problem[0] = '\0';
}

/* GETs path; true on 200 or 304, else the trouble is logged into last and the poll ends. */
static bool fetch_noting(ks_menu_pull *mp, char *last, const char *path, const char *condition,
                         size_t max, ks_backend_answer *out)
{
    bool answered = ks_backend_client_get(mp->client, path, condition, max, out);
    count(mp, &mp->stats.requests, 1);
    if (answered && out->status == 304) {
        count(mp, &mp->stats.not_modified, 1);
        return true;
    }
    if (answered && out->status == 200)
        return true;
    if (!atomic_load(&mp->stop))
        note(last, KS_LOG_WARN, "%s; what is in use keeps serving, the next poll tries again",
             out->error);
    return false;
}

static bool fetch(ks_menu_pull *mp, const char *path, const char *condition, size_t max,
                  ks_backend_answer *out)
{
    return fetch_noting(mp, mp->problem, path, condition, max, out);
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
    if (atomic_load(&mp->stop)) {
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
    pthread_mutex_lock(&mp->lock);
    ks_catalog_free(mp->waiting);
    ks_image_manifest_free(mp->waiting_pictures);
    mp->waiting = catalog;
    mp->waiting_pictures = manifest;
    mp->stats.accepted++;
    pthread_mutex_unlock(&mp->lock);
    if (mp->ready)
        mp->ready(mp->ready_ctx);
}

/* One poll; see the header for the rules. */
static void poll_backend(ks_menu_pull *mp)
{
    char path[REQUEST_PATH_MAX];
    ks_menu_info active;
    ks_pulled_menu known = {0};
    bool has_active = ks_menu_store_active_info(mp->db, &active) == KS_DB_OK;
    bool has_known =
        has_active && ks_menu_pull_store_find(mp->db, active.sha256, &known) == KS_DB_OK;
    ks_backend_answer menu = {0}, images = {0};
    ks_catalog *catalog = NULL;
    ks_image_manifest *manifest = NULL;
    bool failed = true;
    char menu_sha[KS_SHA256_HEX_LEN + 1] = "";
    /* After a refusal, ask whether the refused file is still the one served. */
    const char *condition = mp->refused_etag[0] ? mp->refused_etag
                            : has_known         ? known.menu_etag
                                                : NULL;
    snprintf(path, sizeof path, "/menu?store=%s", mp->store_id);
    if (!fetch(mp, path, condition, KS_MENU_PULL_MENU_MAX, &menu))
        goto end;
    bool changed = menu.status == 200;
    if (!changed && mp->refused_etag[0]) {
        failed = false; /* still the file refused before: nothing to add to the log */
        goto end;
    }
    if (changed) {
        ks_menu_error why = {{0}, {0}};
        if (!ks_image_cache_hash(menu.body, menu.body_len, menu_sha))
            goto end;
        catalog = ks_menu_import(menu.body, menu.body_len, &why);
        if (!catalog) {
            count(mp, &mp->stats.refused, 1);
            trouble(mp, KS_LOG_ERROR,
                    "the backend's menu (sha256 %.12s) is refused: %s%s%s; the menu in use "
                    "keeps serving",
                    menu_sha, why.path, why.path[0] ? ": " : "", why.reason);
            snprintf(mp->refused_etag, sizeof mp->refused_etag, "%s", menu.etag);
            failed = false;
            goto end;
        }
        mp->refused_etag[0] = '\0';
    } else if (has_known) {
        memcpy(menu_sha, active.sha256, sizeof menu_sha);
    } else {
        trouble(mp, KS_LOG_WARN, "the backend answered 304 to a request without If-None-Match");
        goto end;
    }

    snprintf(path, sizeof path, "/menu/images?store=%s", mp->store_id);
    if (!fetch(mp, path, changed ? NULL : known.manifest_etag, KS_IMAGE_MANIFEST_MAX_BYTES,
               &images))
        goto end;
    if (images.status == 304) {
        failed = changed; /* both unchanged: nothing to do */
        if (!failed)
            all_well(mp);
        goto end;
    }
    char why[256];
    manifest = ks_image_manifest_parse(images.body, images.body_len, why, sizeof why);
    if (!manifest) {
        count(mp, &mp->stats.refused, 1);
        trouble(mp, KS_LOG_ERROR, "the backend's images manifest is refused: %s", why);
        goto end;
    }
    if (strcmp(ks_image_manifest_menu(manifest), menu_sha) != 0) {
        /* The menu file changed between the two requests: the next poll sees both anew. */
        trouble(mp, KS_LOG_WARN,
                "the backend's images manifest is of another menu file than "
                "the one fetched; the next poll tries again");
        goto end;
    }
    if (!catalog && !(catalog = ks_menu_store_load_active(mp->db, NULL)))
        goto end;
    struct fetch_pictures pictures = {mp, manifest, true};
    ks_catalog_each_image(catalog, fetch_picture, &pictures);
    if (!pictures.ok)
        goto end;

    /* Remembered first: should the import below not happen, this row is simply never used. */
    int64_t now = (int64_t)time(NULL);
    ks_pulled_menu pulled = {
        .manifest = images.body, .manifest_len = images.body_len, .pulled_at = now};
    memcpy(pulled.menu_sha256, menu_sha, sizeof menu_sha);
    snprintf(pulled.menu_etag, sizeof pulled.menu_etag, "%s",
             changed ? menu.etag : known.menu_etag);
    snprintf(pulled.manifest_etag, sizeof pulled.manifest_etag, "%s", images.etag);
    enum ks_db_error err = ks_menu_pull_store_record(mp->db, &pulled);
    if (err == KS_DB_OK && changed) {
        ks_catalog_free(catalog);
        catalog = NULL;
        err = ks_menu_store_import(mp->db, menu.body, menu.body_len, now, &catalog, NULL);
    }
    if (err != KS_DB_OK) {
        trouble(mp, KS_LOG_ERROR, "the backend's menu cannot be stored: %s", ks_db_strerror(err));
        goto end;
    }
    LOG_INFO("menu %s from the backend is ready (%zu pictures listed)", ks_catalog_version(catalog),
             ks_image_manifest_count(manifest));
    prune(mp);
    hand_over(mp, catalog, manifest);
    catalog = NULL;
    manifest = NULL;
    all_well(mp);
    failed = false;
end:
    if (failed && !atomic_load(&mp->stop))
        count(mp, &mp->stats.failed, 1);
    ks_catalog_free(catalog);
    ks_image_manifest_free(manifest);
    ks_backend_answer_clear(&menu);
    ks_backend_answer_clear(&images);
    free((void *)known.manifest);
}

/* Hands the central marks, loaded from the table just written, to the UI thread. */
static void hand_over_soldout(ks_menu_pull *mp)
{
    ks_soldout *set = ks_soldout_new();
    enum ks_db_error err = set ? ks_stock_soldout_store_load(mp->db, set) : KS_DB_ERR_NO_MEMORY;
    if (err != KS_DB_OK) {
        note(mp->stock_problem, KS_LOG_ERROR, "the sold-out list from stock cannot be read: %s",
             ks_db_strerror(err));
        ks_soldout_free(set);
        return;
    }
    pthread_mutex_lock(&mp->lock);
    ks_soldout_free(mp->waiting_soldout);
    mp->waiting_soldout = set;
    mp->stats.soldout_lists++;
    pthread_mutex_unlock(&mp->lock);
    if (mp->ready)
        mp->ready(mp->ready_ctx);
}

/*
 * Asks for the store's sold-out list from stock with the stored list's
 * ETag; a new list is read strictly, stored in place of the old one and
 * handed to the UI. Anything else keeps the marks stored serving.
 */
static void poll_stock(ks_menu_pull *mp)
{
    char path[REQUEST_PATH_MAX], etag[KS_BACKEND_CLIENT_ETAG_MAX + 1], why[160];
    ks_backend_answer a = {0};
    ks_stock_soldout list = {0};
    enum ks_db_error err = ks_stock_soldout_store_etag(mp->db, etag, sizeof etag);
    snprintf(path, sizeof path, "/stock/soldout?store=%s", mp->store_id);
    /* Without an answer the trouble is logged there; the marks stored keep serving. */
    if (err != KS_DB_OK || !fetch_noting(mp, mp->stock_problem, path, etag[0] ? etag : NULL,
                                         KS_STOCK_SOLDOUT_BODY_MAX, &a))
        goto end;
    if (a.status == 200 &&
        !ks_stock_soldout_parse(a.body, a.body_len, mp->store_id, &list, why, sizeof why)) {
        count(mp, &mp->stats.refused, 1);
        note(mp->stock_problem, KS_LOG_ERROR,
             "the backend's sold-out list from stock is refused: %s; the marks it gave before "
             "keep serving",
             why);
        goto end;
    }
    if (a.status == 200 && (err = ks_stock_soldout_store_replace(mp->db, &list, a.etag,
                                                                 (int64_t)time(NULL))) != KS_DB_OK)
        goto end;
    if (mp->stock_problem[0])
        LOG_INFO("the backend's sold-out list from stock is taken again");
    mp->stock_problem[0] = '\0';
    if (a.status == 200) {
        LOG_INFO("%zu items sold out from stock", list.n);
        hand_over_soldout(mp);
    }
end:
    if (err != KS_DB_OK)
        note(mp->stock_problem, KS_LOG_ERROR, "the sold-out list from stock is not stored: %s",
             ks_db_strerror(err));
    ks_stock_soldout_clear(&list);
    ks_backend_answer_clear(&a);
}

static void *run(void *arg)
{
    ks_menu_pull *mp = arg;
    while (!atomic_load(&mp->stop)) {
        poll_backend(mp);
        if (!atomic_load(&mp->stop))
            poll_stock(mp);
        pthread_mutex_lock(&mp->lock);
        mp->stats.passes++;
        if (!mp->wake && !atomic_load(&mp->stop)) {
            struct timespec until;
            clock_gettime(CLOCK_MONOTONIC, &until);
            /* Without a period the worker waits for a wake; a day at a time. */
            until.tv_sec += mp->poll_s > 0 ? mp->poll_s : 86400;
            while (!mp->wake && !atomic_load(&mp->stop) &&
                   pthread_cond_timedwait(&mp->cond, &mp->lock, &until) == 0) {
            }
        }
        mp->wake = false;
        pthread_mutex_unlock(&mp->lock);
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
    if (mp->lock_ready) {
        pthread_cond_destroy(&mp->cond);
        pthread_mutex_destroy(&mp->lock);
    }
    free(mp);
}

ks_menu_pull *ks_menu_pull_start(const ks_menu_pull_config *cfg)
{
    ks_menu_pull *mp = calloc(1, sizeof *mp);
    if (!mp)
        goto error;
    atomic_init(&mp->stop, false);
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        goto error;
    bool cond_ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
                   pthread_cond_init(&mp->cond, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (!cond_ok)
        goto error;
    if (pthread_mutex_init(&mp->lock, NULL) != 0) {
        pthread_cond_destroy(&mp->cond);
        goto error;
    }
    mp->lock_ready = true;
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
        .stop = &mp->stop,
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
    if (pthread_create(&mp->thread, NULL, run, mp) != 0) {
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
        .token = cfg->token,
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
    pthread_mutex_lock(&mp->lock);
    mp->wake = true;
    pthread_cond_signal(&mp->cond);
    pthread_mutex_unlock(&mp->lock);
}

bool ks_menu_pull_take(ks_menu_pull *mp, ks_catalog **catalog, ks_image_manifest **pictures)
{
    *catalog = NULL;
    *pictures = NULL;
    if (!mp)
        return false;
    pthread_mutex_lock(&mp->lock);
    *catalog = mp->waiting;
    *pictures = mp->waiting_pictures;
    mp->waiting = NULL;
    mp->waiting_pictures = NULL;
    pthread_mutex_unlock(&mp->lock);
    return *catalog != NULL;
}

ks_soldout *ks_menu_pull_take_soldout(ks_menu_pull *mp)
{
    if (!mp)
        return NULL;
    pthread_mutex_lock(&mp->lock);
    ks_soldout *set = mp->waiting_soldout;
    mp->waiting_soldout = NULL;
    pthread_mutex_unlock(&mp->lock);
    return set;
}

void ks_menu_pull_get_stats(ks_menu_pull *mp, ks_menu_pull_stats *out)
{
    pthread_mutex_lock(&mp->lock);
    *out = mp->stats;
    pthread_mutex_unlock(&mp->lock);
}

void ks_menu_pull_stop(ks_menu_pull *mp)
{
    if (!mp)
        return;
    pthread_mutex_lock(&mp->lock);
    atomic_store(&mp->stop, true);
    pthread_cond_signal(&mp->cond);
    pthread_mutex_unlock(&mp->lock);
    if (mp->started)
        pthread_join(mp->thread, NULL);
    free_worker(mp);
}
