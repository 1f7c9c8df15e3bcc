/*
 * The kitchen display over loopback HTTP, with real files on disk (WAL,
 * synchronous=FULL: every accepted order is fsync'ed before the answer):
 *
 *   1. orders accepted per second: one client posting distinct paid orders
 *      one after the other on a kept-alive connection; time per request;
 *   2. paid -> on the kitchen display: the kiosk marks an order paid (the
 *      outbox row in the same transaction) and wakes the delivery worker;
 *      the time until the display has stored the ticket (its change
 *      callback, called after the commit);
 *   3. a store's load: 8, then 64 kiosks (each from its own loopback
 *      address) posting as fast as they are answered, while 3 boards read
 *      the list without pause and 100 slow clients hold connections
 *      (tests/bench/load_rig.h); orders per second and the time per order.
 *
 * Files go to $KIOSK_TEST_TMPDIR (or the current folder): a tmpfs would
 * hide the cost of fsync.
 *
 *   bench_kitchen [ORDERS]
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/app/delivery.h"
#include "kiosk/common/log.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/load_rig.h"
#include "tests/unit/test_kitchen_fixture.h"

#define DEFAULT_ORDERS 300

static const char *dir(void)
{
    const char *d = getenv("KIOSK_TEST_TMPDIR");
    return d && d[0] ? d : ".";
}

/* Set by the display's change callback: when the latest ticket was stored. */
static atomic_llong stored_ns;

static void on_stored(const char *uuid, enum ks_order_status status, bool is_new, void *ctx)
{
    if (is_new)
        atomic_store(&stored_ns, (long long)bench_now_ns());
}

static bool start_display(struct kitchen_kds *k, const char *name, ks_kds_change_fn fn)
{
    char path[4200];
    fixture_fresh_db(dir(), name, path, sizeof path);
    static const ks_kds_credentials creds = {
        .kiosks = {{"kiosk-02", KITCHEN_TOKEN}}, .n_kiosks = 1, .board = KITCHEN_BOARD_TOKEN};
    memset(k, 0, sizeof *k);
    k->store = ks_kds_store_open(path, NULL);
    k->api = k->store ? ks_kds_api_new(k->store, &creds, fn, NULL) : NULL;
    k->server = k->api ? ks_kds_server_start(k->api, "127.0.0.1:0", NULL) : NULL;
    if (!k->server)
        return false;
    snprintf(k->url, sizeof k->url, "http://127.0.0.1:%u/v1/orders",
             (unsigned)ks_http_server_port(k->server));
    return true;
}

static int bench_accept(long orders)
{
    struct kitchen_kds k;
    if (!start_display(&k, "bench-kds-accept.db", NULL))
        return 1;
    char **bodies = calloc((size_t)orders, sizeof *bodies);
    double *ms = calloc((size_t)orders, sizeof *ms);
    CURL *c = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, "Authorization: Bearer " KITCHEN_TOKEN);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    if (!bodies || !ms || !c || !headers)
        return 1;
    for (long i = 0; i < orders; i++)
        bodies[i] = kitchen_paid_json(1000 + (unsigned)i, (int32_t)(i % 999 + 1));
    struct http_reply a;
    curl_easy_setopt(c, CURLOPT_URL, k.url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_reply_keep_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
    long refused = 0;
    int64_t t0 = bench_now_ns();
    for (long i = 0; i < orders; i++) {
        memset(&a, 0, sizeof a);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, bodies[i]);
        int64_t s = bench_now_ns();
        long status = 0;
        if (curl_easy_perform(c) == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        ms[i] = (double)(bench_now_ns() - s) / 1e6;
        refused += status != 201;
    }
    double seconds = (double)(bench_now_ns() - t0) / 1e9;
    printf("kitchen display, accepted over loopback HTTP (durable): %.0f orders/s (%ld orders, "
           "%ld not 201, %zu bytes each)\n",
           (double)orders / seconds, orders, refused, strlen(bodies[0]));
    bench_report("  POST /v1/orders, answer after fsync", ms, (size_t)orders, "ms");
    for (long i = 0; i < orders; i++)
        free(bodies[i]);
    free(bodies);
    free(ms);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    kitchen_kds_stop(&k);
    return refused == 0 ? 0 : 1;
}

static int bench_paid_to_display(long orders)
{
    struct kitchen_kds k;
    if (!start_display(&k, "bench-kds-latency.db", on_stored))
        return 1;
    char kiosk[4200];
    fixture_fresh_db(dir(), "bench-kiosk-latency.db", kiosk, sizeof kiosk);
    ks_db *db = ks_db_open(kiosk, NULL);
    const char *list[] = {k.url};
    const ks_delivery_config cfg = {
        .db_path = kiosk, .kitchen_urls = list, .n_kitchen_urls = 1, .token = KITCHEN_TOKEN};
    ks_delivery *d = db ? ks_delivery_start(&cfg) : NULL;
    double *paid_ms = calloc((size_t)orders, sizeof *paid_ms);
    double *total_ms = calloc((size_t)orders, sizeof *total_ms);
    if (!d || !paid_ms || !total_ms)
        return 1;
    long lost = 0;
    for (long i = 0; i < orders; i++) {
        ks_order *o = fixture_order(5000 + (unsigned)i, "riyadh-01", KITCHEN_NOON, 240);
        int32_t number = 0;
        if (ks_order_store_insert(db, o, 0, &number) != KS_DB_OK)
            return 1;
        o->number = number;
        atomic_store(&stored_ns, 0);
        int64_t t0 = bench_now_ns();
        if (ks_checkout_mark_paid(db, o, (int64_t)time(NULL), NULL, KS_PAYMENT_CARD, false) !=
            KS_DB_OK)
            return 1;
        int64_t t1 = bench_now_ns();
        ks_delivery_wake(d);
        /* Polled every 50 us: fine enough for milliseconds, and leaves the CPU to the threads. */
        while (atomic_load(&stored_ns) == 0 && bench_now_ns() - t0 < 5000000000LL)
            nanosleep(&(struct timespec){0, 50000}, NULL);
        long long at = atomic_load(&stored_ns);
        lost += at == 0;
        paid_ms[i] = (double)(t1 - t0) / 1e6;
        total_ms[i] = at ? (double)(at - t0) / 1e6 : 5000.0;
        ks_order_free(o);
    }
    printf("paid on the kiosk -> stored on the kitchen display, loopback (%ld orders, %ld late "
           "past 5 s)\n",
           orders, lost);
    bench_report("  mark paid (order + outbox, fsync)", paid_ms, (size_t)orders, "ms");
    bench_report("  paid -> ticket stored on the display", total_ms, (size_t)orders, "ms");
    ks_delivery_stop(d);
    ks_db_close(db);
    kitchen_kds_stop(&k);
    free(paid_ms);
    free(total_ms);
    return lost == 0 ? 0 : 1;
}

/* The display under a store's load: kiosks, boards reading, slow clients. */
static int bench_load(long orders, int kiosks)
{
    struct kitchen_kds k;
    char name[64], list[160];
    snprintf(name, sizeof name, "bench-kds-load-%d.db", kiosks);
    if (!start_display(&k, name, NULL))
        return 1;
    char **bodies = calloc((size_t)orders, sizeof *bodies);
    for (long i = 0; bodies && i < orders; i++)
        if (!(bodies[i] = kitchen_paid_json(40000 + (unsigned)(kiosks * 100000 + i),
                                            (int32_t)(i % 999 + 1))))
            return 1;
    snprintf(list, sizeof list, "%s?status=paid,ready&limit=100", k.url);
    static load_rig rig;
    rig = (load_rig){.orders_url = k.url,
                     .token = KITCHEN_TOKEN,
                     .bodies = bodies,
                     .orders = orders,
                     .read_urls = {list, NULL},
                     .read_token = KITCHEN_BOARD_TOKEN,
                     .readers = 3,
                     .port = ks_http_server_port(k.server)};
    bool ran = bodies && load_rig_run(&rig, kiosks);
    long refused = load_rig_refused(&rig);
    int64_t stored = -1;
    ks_kds_store_count(k.store, &stored);
    load_rig_report(&rig, "kitchen display under load", (long long)stored, "boards' list reads");
    load_rig_free(&rig);
    for (long i = 0; bodies && i < orders; i++)
        free(bodies[i]);
    free(bodies);
    kitchen_kds_stop(&k);
    return ran && refused == 0 && stored == orders ? 0 : 1;
}

int main(int argc, char **argv)
{
    long orders = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_ORDERS;
    if (orders < 1 || orders > 100000) {
        fprintf(stderr, "usage: bench_kitchen [ORDERS]\n");
        return 2;
    }
    ks_log_set_level(KS_LOG_WARN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int status = bench_accept(orders) | bench_paid_to_display(orders) | bench_load(orders * 4, 8) |
                 bench_load(orders * 4, 64);
    curl_global_cleanup();
    printf("peak memory: %ld KiB\n", bench_peak_rss_kib());
    return status;
}
