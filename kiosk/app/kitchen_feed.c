/* The kitchen feed: see kiosk/app/kitchen_feed.h. */
#define LOG_TAG "kitchen_feed"
#include "kiosk/app/kitchen_feed.h"

#include <jansson.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/common/worker.h"
#include "kiosk/app/backend_client.h"
#include "kiosk/app/checkout.h"
#include "kiosk/app/delivery.h"
#include "kiosk/common/log.h"
#include "kiosk/common/outgoing_url.h"
#include "kiosk/domain/json_read.h"
#include "kiosk/store/kitchen_feed_store.h"
#include "kiosk/store/order_store.h"

#define DEFAULT_PERIOD_MS 1000
#define STATION_MAX 32
#define MAX_TIME 253402300799LL /* 9999-12-31T23:59:59Z */

/* One event of a page, as read. */
struct event {
    int64_t id, at;
    char uuid[37];
    const char *station, *method; /* borrowed from the page; "" when absent */
    enum ks_order_status status;
};

static const char *const methods[] = {"cash", "card"};

/* One event object into *e; false (the reader's error set) when it breaks the feed's rules. */
static bool read_event(ks_json_reader *r, json_t *item, struct event *e)
{
    static const char *const members[] = {"id",   "at",      "uuid",   "status",
                                          "from", "station", "method", NULL};
    const char *status = NULL, *from = NULL;
    int method = -1;
    enum ks_order_status ignored;
    e->station = "";
    if (!ks_json_object(r, item, NULL, members) ||
        !ks_json_int(r, item, "id", true, 1, INT64_MAX, &e->id) ||
        !ks_json_int(r, item, "at", true, 0, MAX_TIME, &e->at) ||
        !ks_json_uuid(r, item, "uuid", true, e->uuid) ||
        !ks_json_string(r, item, "status", true, 1, 32, KS_JSON_ID, &status) ||
        !ks_json_string(r, item, "from", false, 1, 32, KS_JSON_ID, &from) ||
        !ks_json_string(r, item, "station", false, 1, STATION_MAX, KS_JSON_TEXT, &e->station) ||
        !ks_json_enum(r, item, "method", false, methods, 2, &method))
        return false;
    e->method = method >= 0 ? methods[method] : "";
    if (!ks_order_status_parse(status, &e->status))
        return ks_json_fail(r, "status", "must be an order status");
    if (from && !ks_order_status_parse(from, &ignored))
        return ks_json_fail(r, "from", "must be an order status");
    if (e->method[0] && e->status != KS_ORDER_PAID)
        return ks_json_fail(r, "method", "only a paid event names how it was paid");
    if (e->station[0] && e->status != KS_ORDER_READY)
        return ks_json_fail(r, "station", "only a ready event names its station");
    return true;
}

/* The kitchen's news for the backend: {"status", "at", "station"?}; malloc'd. */
static char *news_body(const struct event *e)
{
    json_t *o =
        json_pack("{s:s, s:I}", "status", ks_order_status_name(e->status), "at", (json_int_t)e->at);
    if (o && e->station[0] && json_object_set_new(o, "station", json_string(e->station)) != 0) {
        json_decref(o);
        o = NULL;
    }
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    return text;
}

/* Acts on one event; KS_DB_OK when done or nothing to do. */
static enum ks_db_error apply_event(ks_db *db, const ks_einvoicing *einvoicing,
                                    const struct event *e, ks_kitchen_feed_counts *c)
{
    bool counter = (e->status == KS_ORDER_PAID && e->method[0]) || e->status == KS_ORDER_CANCELLED;
    bool news = e->status == KS_ORDER_IN_PREPARATION || e->status == KS_ORDER_READY ||
                e->status == KS_ORDER_COLLECTED;
    if (!counter && !news)
        return KS_DB_OK; /* an arrival, or a status the kiosk set itself */
    ks_order *order = NULL;
    enum ks_db_error err = ks_order_store_load(db, e->uuid, &order);
    if (err == KS_DB_ERR_NOT_FOUND) {
        LOG_WARN("the kitchen reports on order %s, which this kiosk does not hold", e->uuid);
        return KS_DB_OK;
    }
    if (err == KS_DB_OK && counter && order->status == KS_ORDER_CREATED) {
        if (e->status == KS_ORDER_PAID) {
            bool cash = strcmp(e->method, "cash") == 0;
            enum ks_payment_means means = cash ? KS_PAYMENT_CASH : KS_PAYMENT_CARD;
            order->payment.by = cash ? KS_PAID_BY_COUNTER_CASH : KS_PAID_BY_COUNTER_CARD;
            err = ks_checkout_mark_paid(db, order, e->at, einvoicing, means, false);
            if (err == KS_DB_OK) {
                c->paid++;
                LOG_INFO("order %d paid at the counter (%s)", order->number, e->method);
            }
        } else {
            err = ks_checkout_cancel_unpaid(db, order, e->at);
            if (err == KS_DB_OK) {
                c->cancelled++;
                LOG_INFO("unpaid order %d cancelled at the counter", order->number);
            }
        }
    } else if (err == KS_DB_OK && news) {
        char *body = news_body(e);
        const ks_outbox_message m = {.destination = KS_DELIVERY_KITCHEN_NEWS, .payload = body};
        err = body ? ks_order_store_record(db, e->uuid, e->status,
                                           e->station[0] ? KS_ORDER_RECORD_QUEUE_ONLY
                                                         : KS_ORDER_RECORD_FOLLOW,
                                           e->at, &m, 1)
                   : KS_DB_ERR_NO_MEMORY;
        free(body);
        if (err == KS_DB_OK)
            c->news++;
    }
    ks_order_free(order);
    return err;
}

bool ks_kitchen_feed_apply(ks_db *db, const ks_einvoicing *einvoicing, const char *json, size_t len,
                           int64_t *next, ks_kitchen_feed_counts *counts, ks_json_error *why)
{
    static const char *const members[] = {"events", "next", NULL};
    ks_kitchen_feed_counts local = {0}, *c = counts ? counts : &local;
    ks_json_reader r;
    ks_json_reader_init(&r);
    json_t *root = NULL, *events = NULL;
    int64_t cursor = 0;
    bool ok = ks_json_load(&r, json, len, KS_KITCHEN_FEED_PAGE_MAX, &root) &&
              ks_json_object(&r, root, NULL, members) &&
              ks_json_array(&r, root, "events", true, 0, SIZE_MAX, &events) &&
              ks_json_int(&r, root, "next", true, 0, INT64_MAX, &cursor);
    size_t n = ok ? json_array_size(events) : 0;
    struct event *list = n ? calloc(n, sizeof *list) : NULL;
    if (n && !list)
        ok = ks_json_fail(&r, NULL, "out of memory");
    int64_t last = 0;
    for (size_t i = 0; ok && i < n; i++) {
        ok = ks_json_enter_key(&r, "events") && ks_json_enter_index(&r, i) &&
             read_event(&r, json_array_get(events, i), &list[i]);
        if (ok && list[i].id <= last)
            ok = ks_json_fail(&r, "id", "event ids must grow (%lld after %lld)",
                              (long long)list[i].id, (long long)last);
        ks_json_leave(&r);
        ks_json_leave(&r);
        last = ok ? list[i].id : last;
    }
    if (ok && cursor < last)
        ok = ks_json_fail(&r, "next", "is behind the events (%lld before %lld)", (long long)cursor,
                          (long long)last);
    for (size_t i = 0; ok && i < n; i++) {
        enum ks_db_error err = apply_event(db, einvoicing, &list[i], c);
        if (err != KS_DB_OK) {
            LOG_ERROR("applying the kitchen's news on order %s failed: %s", list[i].uuid,
                      ks_db_strerror(err));
            ok = ks_json_fail(&r, NULL, "the kiosk's database failed");
        }
    }
    if (ok) {
        *next = cursor;
        c->pages++;
    }
    *why = r.error;
    free(list);
    json_decref(root);
    return ok;
}

/* A display's last read, for ks_kitchen_feed_link. */
enum display_read { READ_NONE, READ_ANSWERED, READ_FAILED };

struct display {
    char url[KS_URL_MAX + 1];
    ks_backend_client *client; /* owned */
    atomic_int last_read;      /* enum display_read: written by the worker, read by anyone */
};

struct ks_kitchen_feed {
    struct dev_worker worker;
    atomic_bool stop;
    ks_db *db; /* owned: the worker's connection */
    struct display displays[KS_CONFIG_MAX_KITCHENS];
    size_t n_displays;
    const ks_einvoicing *einvoicing;
    int period_ms;
    void (*on_change)(void *ctx);
    void *ctx;
    ks_kitchen_feed_counts counts; /* guarded by worker.lock */
};

/* Reads and applies what display d has after its stored cursor. */
static void follow(ks_kitchen_feed *f, struct display *d)
{
    int64_t after = 0;
    if (ks_kitchen_feed_store_get(f->db, d->url, &after) != KS_DB_OK)
        return;
    char path[64];
    snprintf(path, sizeof path, "/events?after=%lld", (long long)after);
    ks_backend_answer a = {0};
    bool answered = ks_backend_client_get(d->client, path, NULL, KS_KITCHEN_FEED_PAGE_MAX, &a) &&
                    a.status == 200;
    /* A display's failing is logged once, when it starts and when it ends. */
    bool was_failing =
        atomic_exchange(&d->last_read, answered ? READ_ANSWERED : READ_FAILED) == READ_FAILED;
    if (!answered) {
        if (!was_failing && !atomic_load(&f->stop))
            LOG_WARN("kitchen feed of %s: %s", d->url, a.error[0] ? a.error : "no page");
        ks_backend_answer_clear(&a);
        return;
    }
    if (was_failing)
        LOG_INFO("kitchen feed of %s answers again", d->url);
    ks_kitchen_feed_counts c = {0};
    int64_t next = after;
    ks_json_error why;
    bool ok = ks_kitchen_feed_apply(f->db, f->einvoicing, a.body, a.body_len, &next, &c, &why);
    ks_backend_answer_clear(&a);
    if (!ok) {
        char line[sizeof why.path + sizeof why.reason];
        c.refused = 1;
        LOG_ERROR("kitchen feed of %s refused: %s", d->url,
                  ks_json_error_line(&why, line, sizeof line));
    }
    if (ok && next != after && ks_kitchen_feed_store_set(f->db, d->url, next) != KS_DB_OK)
        LOG_ERROR("kitchen feed of %s: its position could not be kept", d->url);
    pthread_mutex_lock(&f->worker.lock);
    f->counts.pages += c.pages;
    f->counts.paid += c.paid;
    f->counts.cancelled += c.cancelled;
    f->counts.news += c.news;
    f->counts.refused += c.refused;
    pthread_mutex_unlock(&f->worker.lock);
    if ((c.paid || c.cancelled || c.news) && f->on_change)
        f->on_change(f->ctx);
}

static void *run(void *arg)
{
    ks_kitchen_feed *f = arg;
    do {
        for (size_t i = 0; i < f->n_displays && !atomic_load(&f->stop); i++)
            follow(f, &f->displays[i]);
    } while (!dev_worker_nap(&f->worker, f->period_ms));
    return NULL;
}

static void free_feed(ks_kitchen_feed *f)
{
    for (size_t i = 0; i < f->n_displays; i++)
        ks_backend_client_free(f->displays[i].client);
    ks_db_close(f->db);
    free(f);
}

ks_kitchen_feed *ks_kitchen_feed_start(const ks_kitchen_feed_config *cfg)
{
    if (cfg->n_kitchen_urls == 0 || cfg->n_kitchen_urls > KS_CONFIG_MAX_KITCHENS)
        return NULL;
    ks_kitchen_feed *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    atomic_init(&f->stop, false);
    f->einvoicing = cfg->einvoicing;
    f->period_ms = cfg->period_ms > 0 ? cfg->period_ms : DEFAULT_PERIOD_MS;
    f->on_change = cfg->on_change;
    f->ctx = cfg->ctx;
    enum ks_db_error err = KS_DB_OK;
    f->db = ks_kitchen_feed_store_open(cfg->db_path, &err);
    if (!f->db) {
        LOG_ERROR("kitchen feed cannot open %s: %s", cfg->db_path ? cfg->db_path : "(none)",
                  ks_db_strerror(err));
        free_feed(f);
        return NULL;
    }
    for (size_t i = 0; i < cfg->n_kitchen_urls; i++) {
        struct display *d = &f->displays[f->n_displays];
        snprintf(d->url, sizeof d->url, "%s", cfg->kitchen_urls[i]);
        const ks_backend_client_config bc = {
            .orders_url = d->url,
            .token = cfg->token,
            .ca_file = cfg->ca_file,
            .timeout_ms = 5000,
            .user_agent = "kiosk-kitchen-feed/1",
            .stop = &f->stop,
        };
        d->client = ks_backend_client_new(&bc);
        if (!d->client) {
            free_feed(f);
            return NULL;
        }
        f->n_displays++;
    }
    if (!dev_worker_start(&f->worker, run, f)) {
        LOG_ERROR("cannot start the kitchen feed thread");
        free_feed(f);
        return NULL;
    }
    return f;
}

ks_kitchen_feed *ks_kitchen_feed_start_for(const ks_config *cfg, const ks_einvoicing *einvoicing,
                                           void (*on_change)(void *ctx), void *ctx)
{
    if (cfg->n_kitchen_urls <= 0)
        return NULL;
    const char *urls[KS_CONFIG_MAX_KITCHENS];
    for (int i = 0; i < cfg->n_kitchen_urls; i++)
        urls[i] = cfg->kitchen_urls[i];
    const ks_kitchen_feed_config fc = {
        .db_path = cfg->database,
        .kitchen_urls = urls,
        .n_kitchen_urls = (size_t)cfg->n_kitchen_urls,
        .token = ks_config_peer_token(cfg),
        .ca_file = cfg->ca_certificate,
        .einvoicing = einvoicing,
        .on_change = on_change,
        .ctx = ctx,
    };
    return ks_kitchen_feed_start(&fc);
}

void ks_kitchen_feed_stop(ks_kitchen_feed *f)
{
    if (!f)
        return;
    atomic_store(&f->stop, true);
    dev_worker_stop(&f->worker);
    free_feed(f);
}

void ks_kitchen_feed_get_counts(ks_kitchen_feed *f, ks_kitchen_feed_counts *out)
{
    pthread_mutex_lock(&f->worker.lock);
    *out = f->counts;
    pthread_mutex_unlock(&f->worker.lock);
}

enum ks_kitchen_link ks_kitchen_feed_link(ks_kitchen_feed *f)
{
    size_t answered = 0, failed = 0;
    for (size_t i = 0; f && i < f->n_displays; i++) {
        int read = atomic_load(&f->displays[i].last_read);
        answered += read == READ_ANSWERED;
        failed += read == READ_FAILED;
    }
    if (!answered && !failed)
        return KS_KITCHEN_LINK_UNKNOWN;
    return !failed ? KS_KITCHEN_LINK_OK : answered ? KS_KITCHEN_LINK_PARTLY : KS_KITCHEN_LINK_DOWN;
}
