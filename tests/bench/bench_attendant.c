/*
 * How long an attendant's decision takes to reach the lane on loopback:
 * the console's receiver (kiosk/attendant/att_server.h) and a lane's link
 * (kiosk/app/attendant_link.h) at its default period, each on its own
 * SQLite file. Each round the lane raises "help", the console stores a
 * decision for it as the attendant's tap does, and the time from that
 * stored decision to the lane holding it is measured; the lane then
 * applies it. Prints median and p99 (the bound: 500 ms).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "kiosk/app/attendant_link.h"
#include "kiosk/attendant/att_server.h"
#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "tests/bench/bench_util.h"

#define ROUNDS 100
#define TOKEN "bench-Nb3Mv8Cx5Zl2Kj7Hg4Fd9"

/* Waits (polling each millisecond, up to 10 s) until the console lists n open requests. */
static bool wait_requests(ks_att_store *desk, size_t n, ks_att_lane *l)
{
    for (int i = 0; i < 10000; i++, usleep(1000)) {
        size_t count = 0;
        if (ks_att_store_lanes(desk, l, 1, &count) == KS_DB_OK && count == 1 &&
            l->report.n_requests == n)
            return true;
    }
    return false;
}

int main(void)
{
    ks_log_set_level(KS_LOG_WARN);
    char dir[] = "/tmp/bench_attendant.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char console_db[64], lane_db[64], root[64];
    snprintf(console_db, sizeof console_db, "%s/console.db", dir);
    snprintf(lane_db, sizeof lane_db, "%s/lane.db", dir);
    const ks_att_lane_token lanes[] = {{"lane-01", TOKEN}};
    ks_att_store *store = ks_att_store_open(console_db, NULL);
    ks_att_store *desk = ks_att_store_open(console_db, NULL);
    ks_att_api *api = store ? ks_att_api_new(store, lanes, 1, NULL, NULL) : NULL;
    ks_http_server *server = api ? ks_att_server_start(api, "127.0.0.1:0", NULL) : NULL;
    if (!server || !desk)
        return 1;
    snprintf(root, sizeof root, "http://127.0.0.1:%u/v1", (unsigned)ks_http_server_port(server));
    const ks_att_link_options opt = {
        .api_root = root, .token = TOKEN, .lane_id = "lane-01", .database = lane_db};
    ks_att_link *link = ks_att_link_start(&opt);
    if (!link)
        return 1;
    double samples[ROUNDS];
    size_t n = 0;
    ks_att_lane_state s;
    memset(&s, 0, sizeof s);
    s.activity = KS_ATT_SCANNING;
    for (int round = 0; round < ROUNDS; round++) {
        ks_att_lane l;
        s.needs = KS_NEED_HELP;
        ks_att_link_publish(link, &s);
        if (!wait_requests(desk, 1, &l))
            break;
        ks_att_decision d = {.action = KS_DECIDE_HELP_GIVEN, .decided_at = 1795500000};
        uint8_t random16[16];
        if (getrandom(random16, sizeof random16, 0) != (ssize_t)sizeof random16)
            break;
        ks_uuid_v4_format(random16, d.uuid);
        memcpy(d.request, l.report.requests[0].uuid, sizeof d.request);
        snprintf(d.staff, sizeof d.staff, "staff-07");
        if (ks_att_store_decide(desk, "lane-01", &d) != KS_DB_OK)
            break;
        int64_t t0 = bench_now_ns();
        ks_att_decision got;
        bool held = false;
        for (int i = 0; i < 100000 && !(held = ks_att_link_take(link, &got)); i++)
            usleep(100);
        if (!held)
            break;
        samples[n++] = (double)(bench_now_ns() - t0) / 1e6;
        s.needs = 0;
        ks_att_link_publish(link, &s);
        ks_att_link_applied(link, got.uuid);
        /* Applied is reported with the state that no longer needs help: the next round's is new. */
        int64_t at;
        int tries = 0;
        while (ks_att_store_applied_at(desk, got.uuid, &at) != KS_DB_OK && tries++ < 10000)
            usleep(1000);
    }
    printf("attendant decision to lane, loopback, report every %d ms:\n", KS_ATT_LINK_PERIOD_MS);
    bench_report("  stored on the console -> held by the lane", samples, n, "ms");
    ks_att_link_stop(link);
    ks_http_server_stop(server);
    ks_att_api_free(api);
    ks_att_store_close(store);
    ks_att_store_close(desk);
    return n == ROUNDS ? 0 : 1;
}
