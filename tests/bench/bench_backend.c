/*
 * The backend under load over loopback HTTP: CLIENTS threads, each a
 * kept-alive libcurl connection as a kiosk's delivery worker has, post
 * ORDERS distinct paid orders (kiosk-order/1, the fixture's five lines) as
 * fast as they are answered; the backend stores each durably before its
 * 201. Printed per store: orders accepted per second, the time per request
 * (median, p99), and at the end the process's peak memory (the backend and
 * the clients; a PostgreSQL server's own memory is not in it).
 *
 *   SQLite:     a file in $KIOSK_TEST_TMPDIR (WAL, synchronous=FULL);
 *   PostgreSQL: the server of $KIOSK_TEST_PG (a libpq connection string),
 *               else a private one that tests/support/postgres.sh starts
 *               in /tmp and stops afterwards (skipped, saying why, when it
 *               cannot); synchronous_commit on, fsync on; schema "bench".
 *
 * The backend answers on one thread, so the clients measure how requests
 * queue behind each commit.
 *
 *   bench_backend [ORDERS [CLIENTS]]    (default 2000 orders, 8 clients)
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/common/log.h"
#include "tests/bench/bench_util.h"
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#define DEFAULT_ORDERS 2000
#define DEFAULT_CLIENTS 8
#define MAX_CLIENTS 64
#define PG_PORT "5432"

static const char *dir(void)
{
    const char *d = getenv("KIOSK_TEST_TMPDIR");
    return d && d[0] ? d : ".";
}

/* What the client threads share: the orders, who takes the next, each one's time and answer. */
struct load {
    const char *url; /* borrowed: base + /v1/orders */
    char **bodies;   /* borrowed: ORDERS JSON texts */
    long orders;
    atomic_long next; /* the next order to post */
    double *ms;       /* per order: time to the answer */
    long *status;     /* per order: HTTP status (0: none) */
};

static void *client(void *arg)
{
    struct load *load = arg;
    CURL *c = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, "Authorization: Bearer " KITCHEN_TOKEN);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    if (!c || !headers) {
        curl_slist_free_all(headers);
        curl_easy_cleanup(c);
        return NULL;
    }
    struct kitchen_answer a;
    curl_easy_setopt(c, CURLOPT_URL, load->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 30000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, kitchen_keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
    for (long i; (i = atomic_fetch_add(&load->next, 1)) < load->orders;) {
        memset(&a, 0, sizeof a);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, load->bodies[i]);
        int64_t s = bench_now_ns();
        long status = 0;
        if (curl_easy_perform(c) == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        load->ms[i] = (double)(bench_now_ns() - s) / 1e6;
        load->status[i] = status;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return NULL;
}

/* Posts every body to a backend on database with clients threads; prints figures. */
static int bench_store(const char *what, const char *database, char **bodies, long orders,
                       int clients)
{
    static ks_backend_config cfg;
    ks_backend_config_defaults(&cfg);
    static const char ini[] = "[backend]\nlisten = 127.0.0.1:0\n"
                              "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN "\n";
    char why[256] = "", url[96];
    struct backend_run run;
    if (!ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why) ||
        !backend_run_start(&run, &cfg, database)) {
        fprintf(stderr, "%s: the backend did not start %s\n", what, why);
        return 1;
    }
    snprintf(url, sizeof url, "%s/v1/orders", run.base);
    struct load load = {.url = url, .bodies = bodies, .orders = orders};
    load.ms = calloc((size_t)orders, sizeof *load.ms);
    load.status = calloc((size_t)orders, sizeof *load.status);
    pthread_t threads[MAX_CLIENTS];
    int started = 0;
    int64_t t0 = bench_now_ns();
    while (load.ms && load.status && started < clients &&
           pthread_create(&threads[started], NULL, client, &load) == 0)
        started++;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    double seconds = (double)(bench_now_ns() - t0) / 1e9;
    long refused = 0;
    for (long i = 0; load.status && i < orders; i++)
        refused += load.status[i] != 201;
    int64_t stored = -1;
    ks_backend_store_count_orders(run.store, &stored);
    printf("backend, %s: %.0f orders/s accepted over loopback HTTP (%ld orders, %d clients, "
           "%ld not 201, %lld stored, %zu bytes each)\n",
           what, (double)orders / seconds, orders, started, refused, (long long)stored,
           strlen(bodies[0]));
    if (load.ms)
        bench_report("  POST /v1/orders, answer after the commit", load.ms, (size_t)orders, "ms");
    free(load.ms);
    free(load.status);
    backend_run_stop(&run);
    return refused == 0 && stored == orders && started == clients ? 0 : 1;
}

/*
 * The PostgreSQL run: on $KIOSK_TEST_PG, else on a private server started
 * (and stopped) here, in a folder under /tmp named after the tmp folder.
 */
static int bench_pg(char **bodies, long orders, int clients)
{
    const char *conninfo = backend_env("KIOSK_TEST_PG");
    char server_dir[64] = "", own[160], database[4200];
    if (!conninfo) {
        /* FNV-1a of the tmp folder: one server per checkout, its socket path short. */
        uint32_t h = 2166136261u;
        for (const char *p = dir(); *p; p++)
            h = (h ^ (uint8_t)*p) * 16777619u;
        snprintf(server_dir, sizeof server_dir, "/tmp/kiosk-pg-bench-%08x", (unsigned)h);
        if (!backend_pg_script("start", server_dir, PG_PORT)) {
            printf("backend, PostgreSQL: skipped: tests/support/postgres.sh could not start a "
                   "server in %s (is the postgresql package installed?)\n",
                   server_dir);
            return 0;
        }
        snprintf(own, sizeof own, "host=%s port=" PG_PORT " dbname=kiosk_test user=postgres",
                 server_dir);
        conninfo = own;
    }
    int status = 1;
    if (backend_pg_fresh(conninfo, "bench", database, sizeof database))
        status =
            bench_store("PostgreSQL (synchronous_commit on)", database, bodies, orders, clients);
    if (server_dir[0] && !backend_pg_script("stop", server_dir, NULL))
        status = 1;
    return status;
}

int main(int argc, char **argv)
{
    long orders = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_ORDERS;
    long clients = argc > 2 ? strtol(argv[2], NULL, 10) : DEFAULT_CLIENTS;
    if (argc > 3 || orders < 1 || orders > 1000000 || clients < 1 || clients > MAX_CLIENTS) {
        fprintf(stderr, "usage: bench_backend [ORDERS [CLIENTS]]  (CLIENTS at most %d)\n",
                MAX_CLIENTS);
        return 2;
    }
    ks_log_set_level(KS_LOG_WARN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    char **bodies = calloc((size_t)orders, sizeof *bodies);
    if (!bodies)
        return 1;
    for (long i = 0; i < orders; i++)
        if (!(bodies[i] = kitchen_paid_json(20000 + (unsigned)i, (int32_t)(i % 999 + 1))))
            return 1;
    char path[4200];
    fixture_fresh_db(dir(), "bench-backend.db", path, sizeof path);
    int status = bench_store("SQLite (WAL, synchronous=FULL)", path, bodies, orders, (int)clients);
    status |= bench_pg(bodies, orders, (int)clients);
    printf("peak memory: %ld KiB\n", bench_peak_rss_kib());
    for (long i = 0; i < orders; i++)
        free(bodies[i]);
    free(bodies);
    curl_global_cleanup();
    return status;
}
