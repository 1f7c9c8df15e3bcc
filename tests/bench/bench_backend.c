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
 * Each store is measured with 8 and with 64 kiosks (each from its own
 * loopback address, as kiosks on a store network), while 3 managers
 * refresh the items and sales reports without pause and 100 slow clients
 * hold connections open, trickling a header line a second (opened again
 * when the server cuts them off). Goal: kiosk order p99 under 50 ms.
 *
 *   bench_backend [ORDERS [CLIENTS]]    (default 2000 orders; 8 and 64 kiosks)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>
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
#define MANAGER_TOKEN "mgr-Qw3Er8Ty5Ui2Op7As4Df9Gh1"
#define MANAGERS 3
#define SLOW_CLIENTS 100

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
    atomic_long next;  /* the next order to post */
    atomic_int kiosks; /* kiosks started: each takes the next loopback address */
    double *ms;        /* per order: time to the answer */
    long *status;      /* per order: HTTP status (0: none) */
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
    char from[48];
    snprintf(from, sizeof from, "host!127.0.1.%d", 1 + atomic_fetch_add(&load->kiosks, 1));
    curl_easy_setopt(c, CURLOPT_INTERFACE, from);
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

/* What the managers and the slow clients share with the run. */
struct pressure {
    atomic_bool stop;
    atomic_long reports, report_failures, slow_cut;
    char base[64];
    uint16_t port;
};

/* A manager: the items and sales reports of the year, one after the other. */
static void *manager(void *arg)
{
    struct pressure *p = arg;
    char items[160], sales[160];
    snprintf(items, sizeof items, "%s/v1/reports/items?from=2026-01-01&to=2026-12-31", p->base);
    snprintf(sales, sizeof sales, "%s/v1/reports/sales?from=2026-01-01&to=2026-12-31&group=hour",
             p->base);
    for (int i = 0; !atomic_load(&p->stop); i++) {
        struct kitchen_answer a;
        kitchen_http("GET", i % 2 ? sales : items, MANAGER_TOKEN, NULL, NULL, 0, &a);
        atomic_fetch_add(a.status == 200 ? &p->reports : &p->report_failures, 1);
    }
    return NULL;
}

/* A slow client's connection from 127.0.2.<host>, its request line sent; -1 on failure. */
static int slow_connect(uint16_t port, unsigned host)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in from = {.sin_family = AF_INET}, to = {.sin_family = AF_INET};
    from.sin_addr.s_addr = htonl(0x7f000200u | host);
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    static const char line[] = "POST /v1/orders HTTP/1.1\r\nHost: backend\r\n";
    if (fd < 0 || bind(fd, (struct sockaddr *)&from, sizeof from) != 0 ||
        connect(fd, (struct sockaddr *)&to, sizeof to) != 0 ||
        send(fd, line, sizeof line - 1, MSG_NOSIGNAL) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* SLOW_CLIENTS connections trickling a header line a second, opened again when cut off. */
static void *slow_clients(void *arg)
{
    struct pressure *p = arg;
    int fds[SLOW_CLIENTS];
    for (int i = 0; i < SLOW_CLIENTS; i++)
        fds[i] = slow_connect(p->port, 1 + (unsigned)i % 25);
    for (int tick = 0; !atomic_load(&p->stop); tick++) {
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            if (fds[i] >= 0 && send(fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL) < 0) {
                close(fds[i]);
                fds[i] = -1;
                atomic_fetch_add(&p->slow_cut, 1);
            }
            if (fds[i] < 0)
                fds[i] = slow_connect(p->port, 1 + (unsigned)i % 25);
        }
        for (int ms = 0; ms < 1000 && !atomic_load(&p->stop); ms += 50)
            usleep(50000);
    }
    for (int i = 0; i < SLOW_CLIENTS; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    return NULL;
}

/*
 * Posts every body to a backend on database with clients threads, under
 * the managers' reports and the slow clients; prints figures.
 */
static int bench_store(const char *what, const char *database, char **bodies, long orders,
                       int clients)
{
    static ks_backend_config cfg;
    ks_backend_config_defaults(&cfg);
    static const char ini[] = "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                              "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN "\n";
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
    static struct pressure pressure;
    memset(&pressure, 0, sizeof pressure);
    snprintf(pressure.base, sizeof pressure.base, "%s", run.base);
    pressure.port = ks_backend_server_port(run.server);
    pthread_t others[MANAGERS + 1];
    int n_others = 0;
    while (n_others < MANAGERS && pthread_create(&others[n_others], NULL, manager, &pressure) == 0)
        n_others++;
    if (pthread_create(&others[n_others], NULL, slow_clients, &pressure) == 0)
        n_others++;
    usleep(200000); /* the reports and slow clients under way before the first order */
    pthread_t threads[MAX_CLIENTS];
    int started = 0;
    int64_t t0 = bench_now_ns();
    while (load.ms && load.status && started < clients &&
           pthread_create(&threads[started], NULL, client, &load) == 0)
        started++;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    double seconds = (double)(bench_now_ns() - t0) / 1e9;
    atomic_store(&pressure.stop, true);
    for (int i = 0; i < n_others; i++)
        pthread_join(others[i], NULL);
    long refused = 0;
    for (long i = 0; load.status && i < orders; i++)
        refused += load.status[i] != 201;
    int64_t stored = -1;
    ks_backend_store_count_orders(run.store, &stored);
    printf("backend, %s: %.0f orders/s accepted over loopback HTTP (%ld orders, %d kiosks, "
           "%ld not 201, %lld stored, %zu bytes each); meanwhile %d managers ran %ld reports "
           "(%ld failed), %d slow clients held connections (%ld cut off by the deadline)\n",
           what, (double)orders / seconds, orders, started, refused, (long long)stored,
           strlen(bodies[0]), MANAGERS, atomic_load(&pressure.reports),
           atomic_load(&pressure.report_failures), SLOW_CLIENTS, atomic_load(&pressure.slow_cut));
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
    int counts[2] = {argc > 2 ? (int)clients : 8, 64}, status = 0;
    for (int k = 0; k < (argc > 2 ? 1 : 2); k++) {
        char path[4200];
        fixture_fresh_db(dir(), "bench-backend.db", path, sizeof path);
        status |= bench_store("SQLite (WAL, synchronous=FULL)", path, bodies, orders, counts[k]);
        status |= bench_pg(bodies, orders, counts[k]);
    }
    printf("peak memory: %ld KiB\n", bench_peak_rss_kib());
    for (long i = 0; i < orders; i++)
        free(bodies[i]);
    free(bodies);
    curl_global_cleanup();
    return status;
}
