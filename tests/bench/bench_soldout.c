/*
 * How long a sold-out mark set on one kiosk takes to reach another on
 * loopback: a kitchen display as the store's hub (kiosk/kitchen/
 * kds_server.h) and two kiosks' sync workers (kiosk/app/soldout_sync.h)
 * at their default period, each on its own SQLite file. Each round kiosk
 * A's staff mark is stored and the worker poked as the staff screen does;
 * the time until kiosk B's screen thread holds the new state is measured.
 * Prints median and p99 (the bound: 2 s).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/app/soldout_sync.h"
#include "kiosk/common/log.h"
#include "kiosk/kitchen/kds_server.h"
#include "tests/bench/bench_util.h"

#define ROUNDS 40
#define TOKEN_A "bench-Qw3Er8Ty5Ui2Op7As4Df9"
#define TOKEN_B "bench-Zx6Cv1Bn8Mq3Wl5Ek9Ry2T"

static ks_soldout_sync *start_sync(const char *url, const char *token, const char *db)
{
    const ks_soldout_sync_options o = {.hub_url = url, .token = token, .database = db};
    return ks_soldout_sync_start(&o);
}

int main(void)
{
    ks_log_set_level(KS_LOG_WARN);
    char dir[] = "/tmp/bench_soldout.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char hub_db[64], a_db[64], b_db[64], url[64];
    snprintf(hub_db, sizeof hub_db, "%s/kitchen.db", dir);
    snprintf(a_db, sizeof a_db, "%s/a.db", dir);
    snprintf(b_db, sizeof b_db, "%s/b.db", dir);
    static const ks_kds_credentials creds = {
        .kiosks = {{"kiosk-01", TOKEN_A}, {"kiosk-02", TOKEN_B}}, .n_kiosks = 2};
    ks_kds_store *store = ks_kds_store_open(hub_db, NULL);
    ks_kds_api *api = store ? ks_kds_api_new(store, &creds, NULL, NULL) : NULL;
    ks_http_server *server = api ? ks_kds_server_start(api, "127.0.0.1:0", NULL) : NULL;
    ks_db *a = ks_db_open(a_db, NULL);
    if (!server || !a)
        return 1;
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders",
             (unsigned)ks_http_server_port(server));
    ks_soldout_sync *sync_a = start_sync(url, TOKEN_A, a_db);
    ks_soldout_sync *sync_b = start_sync(url, TOKEN_B, b_db);
    if (!sync_a || !sync_b)
        return 1;
    double samples[ROUNDS];
    size_t n = 0;
    for (int round = 0; round < ROUNDS; round++) {
        bool sold_out = round % 2 == 0;
        /* Somewhere inside B's period, as a staff tap would be. */
        usleep((useconds_t)(rand() % 1000) * 1000);
        int64_t t0 = bench_now_ns();
        if (ks_soldout_store_set(a, "fries", NULL, NULL, sold_out, "staff-7", time(NULL)) !=
            KS_DB_OK)
            return 1;
        ks_soldout_sync_poke(sync_a);
        bool arrived = false;
        for (int i = 0; i < 10000 && !arrived; i++, usleep(1000)) {
            ks_soldout *set = ks_soldout_sync_take(sync_b);
            arrived = set && ks_soldout_item(set, "fries") == sold_out;
            ks_soldout_free(set);
        }
        if (!arrived) {
            fprintf(stderr, "round %d: the mark did not arrive within 10 s\n", round);
            return 1;
        }
        samples[n++] = (double)(bench_now_ns() - t0) / 1e6;
    }
    bench_report("mark on kiosk A to kiosk B's screen", samples, n, "ms");
    ks_soldout_sync_stop(sync_a);
    ks_soldout_sync_stop(sync_b);
    ks_db_close(a);
    ks_http_server_stop(server);
    ks_kds_api_free(api);
    ks_kds_store_close(store);
    return 0;
}
