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
 * loopback address, as kiosks on a store network) posting as fast as they
 * are answered (saturation: the orders per second are the figure, the time
 * per order is mostly the queue, 64 / throughput), then with 64 kiosks
 * each posting an order every PACE_MS (256 orders/s offered, over a
 * hundred times a chain's busiest minute; the time per order counts from
 * when it was due); all the while 3 managers refresh the items and sales
 * reports without pause and 100 slow clients hold connections open,
 * trickling a header line a second (opened again when the server cuts
 * them off). Goal: kiosk order p99 under 50 ms.
 *
 *   bench_backend [ORDERS [CLIENTS]]    (default 2000 orders; 8 and 64 kiosks)
 */
#include <curl/curl.h>
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
#include "tests/bench/load_rig.h"
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#define DEFAULT_ORDERS 2000
#define DEFAULT_CLIENTS 8
#define MAX_CLIENTS LOAD_RIG_MAX_KIOSKS
#define PG_PORT "5432"
#define MANAGER_TOKEN "mgr-Qw3Er8Ty5Ui2Op7As4Df9Gh1"
#define MANAGERS 3
#define PACE_MS 250
#define PACED_KIOSKS 64

static const char *dir(void)
{
    const char *d = getenv("KIOSK_TEST_TMPDIR");
    return d && d[0] ? d : ".";
}

/*
 * Posts every body to a backend on database with clients threads, under
 * the managers' reports and the slow clients; prints figures.
 */
static int bench_store(const char *what, const char *database, char **bodies, long orders,
                       int clients, long pace_ms)
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
    char items[160], sales[160];
    snprintf(url, sizeof url, "%s/v1/orders", run.base);
    snprintf(items, sizeof items, "%s/v1/reports/items?from=2026-01-01&to=2026-12-31", run.base);
    /* The year per day and kiosk: per hour the report answers at most a week. */
    snprintf(sales, sizeof sales, "%s/v1/reports/sales?from=2026-01-01&to=2026-12-31&group=day",
             run.base);
    static load_rig rig;
    rig = (load_rig){.orders_url = url,
                     .token = KITCHEN_TOKEN,
                     .bodies = bodies,
                     .orders = orders,
                     .read_urls = {items, sales},
                     .read_token = MANAGER_TOKEN,
                     .readers = MANAGERS,
                     .pace_ms = pace_ms,
                     .port = ks_backend_server_port(run.server)};
    bool ran = load_rig_run(&rig, clients);
    long refused = load_rig_refused(&rig);
    int64_t stored = -1;
    ks_backend_store_count_orders(run.store, &stored);
    char title[160];
    snprintf(title, sizeof title, "backend, %s (%zu bytes an order)", what, strlen(bodies[0]));
    load_rig_report(&rig, title, (long long)stored, "managers' reports");
    load_rig_free(&rig);
    backend_run_stop(&run);
    return ran && refused == 0 && stored == orders ? 0 : 1;
}

/*
 * The PostgreSQL run: on $KIOSK_TEST_PG, else on a private server started
 * (and stopped) here, in a folder under /tmp named after the tmp folder.
 */
static int bench_pg(char **bodies, long orders, int clients, long pace_ms)
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
        status = bench_store("PostgreSQL (synchronous_commit on)", database, bodies, orders,
                             clients, pace_ms);
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
    /* Saturation with 8 and 64 kiosks (or CLIENTS), then 64 paced kiosks. */
    int counts[3] = {argc > 2 ? (int)clients : 8, 64, PACED_KIOSKS}, status = 0;
    long paces[3] = {0, 0, PACE_MS};
    for (int k = 0; k < (argc > 2 ? 1 : 3); k++) {
        char path[4200];
        fixture_fresh_db(dir(), "bench-backend.db", path, sizeof path);
        status |= bench_store("SQLite (WAL, synchronous=FULL)", path, bodies, orders, counts[k],
                              paces[k]);
        status |= bench_pg(bodies, orders, counts[k], paces[k]);
    }
    printf("peak memory: %ld KiB\n", bench_peak_rss_kib());
    for (long i = 0; i < orders; i++)
        free(bodies[i]);
    free(bodies);
    curl_global_cleanup();
    return status;
}
