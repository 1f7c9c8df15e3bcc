/*
 * Shared by the kitchen display and delivery tests and the kitchen
 * benchmark: paid orders as kiosk-order/1 JSON, a kitchen display
 * receiver on loopback (in this process, or in a child process that can
 * be killed and started again on the same database), and a small libcurl
 * client for talking to it as a kiosk would.
 */
#ifndef TESTS_UNIT_TEST_KITCHEN_FIXTURE_H
#define TESTS_UNIT_TEST_KITCHEN_FIXTURE_H

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>

#include "kiosk/app/checkout.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/kitchen/kds_api.h"
#include "kiosk/kitchen/kds_server.h"
#include "kiosk/kitchen/kds_store.h"
#include "kiosk/store/order_store.h"
#include "tests/support/check.h"
#include "tests/support/http_call.h"
#include "tests/unit/test_programs.h"
#include "tests/unit/test_store_fixture.h"

#define KITCHEN_TOKEN "kt-7Rq2xW9mZp4LvB8nC3sJ6dF1"
#define KITCHEN_OTHER_TOKEN "kt-Hy5Tg8Uk2Pw7Qe4Ra9Sd6Vb3"
/* The display's other credentials: bump bars, the counter, a board elsewhere. */
#define KITCHEN_BUMP_TOKEN "bump-Zx4Cv7Bn2Mq9Wl5Ek8Ry3Tu6"
#define KITCHEN_COLLECT_TOKEN "collect-Jh3Gf8Ds2Ab7Pq5Lw9Ok4"
#define KITCHEN_BOARD_TOKEN "board-Mn6Bv1Cx8Zl4Kj9Hg2Fd7S"
/* 2026-11-24T09:00:00Z, lunch time in Riyadh. */
#define KITCHEN_NOON 1795510800

static inline int64_t kitchen_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void kitchen_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Fixture order `index` (numbered `number`, paid), as kiosk-order/1 JSON; malloc'd. */
static inline char *kitchen_paid_json(unsigned index, int32_t number)
{
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    o->number = number;
    o->status = KS_ORDER_PAID;
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    return json;
}

/*
 * Fixture order `index` with only the lines whose bit is set in `lines`
 * (bit i: fixture line i), totals and VAT rows made to add up again,
 * numbered `number`, paid, for `service`. Freed with ks_order_free.
 */
static inline ks_order *kitchen_order(unsigned index, unsigned lines, int32_t number,
                                      enum ks_service service)
{
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    size_t kept = 0;
    o->subtotal = o->discount = o->total_net = o->total_vat = 0;
    ks_order_vat vat[2] = {{.rate_bp = 0}, {.rate_bp = 1500}};
    for (size_t i = 0; i < o->n_lines; i++) {
        ks_order_line *line = &o->lines[i];
        if (!(lines & (1u << i))) {
            ks_order_line_clear(line);
            continue;
        }
        o->subtotal += line->gross + line->discount;
        o->discount += line->discount;
        o->total_net += line->net;
        o->total_vat += line->vat;
        ks_order_vat *row = &vat[line->vat_rate_bp == 0 ? 0 : 1];
        row->taxable += line->net;
        row->vat += line->vat;
        o->lines[kept++] = *line;
    }
    o->n_lines = kept;
    o->n_vat = 0;
    for (int r = 0; r < 2; r++) {
        bool used = false;
        for (size_t i = 0; i < kept; i++)
            used = used || o->lines[i].vat_rate_bp == vat[r].rate_bp;
        if (used)
            o->vat[o->n_vat++] = vat[r];
    }
    o->total = o->total_net + o->total_vat;
    o->number = number;
    o->service = service;
    o->status = KS_ORDER_PAID;
    return o;
}

/* A fresh file path in the test's folder (old file and its WAL removed). */
static inline const char *kitchen_fresh_path(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), name));
    program_remove_database(path);
    return path;
}

/* A kitchen display receiver in this process. */
struct kitchen_kds {
    ks_kds_store *store;
    ks_kds_api *api;
    ks_http_server *server;
    char url[64];    /* http://127.0.0.1:PORT/v1/orders */
    char path[4200]; /* the store's file */
};

static inline void kitchen_kds_stop(struct kitchen_kds *k)
{
    ks_http_server_stop(k->server);
    ks_kds_api_free(k->api);
    ks_kds_store_close(k->store);
    memset(k, 0, sizeof *k);
}

/* Starts a receiver on db_path at listen ("127.0.0.1:0" for any port); false on failure. */
/* The test display's credentials: kiosk-02 and kiosk-03, and every role's token. */
static const ks_kds_credentials kitchen_credentials = {
    .kiosks = {{"kiosk-02", KITCHEN_TOKEN}, {"kiosk-03", KITCHEN_OTHER_TOKEN}},
    .n_kiosks = 2,
    .bump = KITCHEN_BUMP_TOKEN,
    .collect = KITCHEN_COLLECT_TOKEN,
    .board = KITCHEN_BOARD_TOKEN,
};

static inline bool kitchen_kds_start(struct kitchen_kds *k, const char *db_path, const char *listen)
{
    memset(k, 0, sizeof *k);
    snprintf(k->path, sizeof k->path, "%s", db_path);
    k->store = ks_kds_store_open(db_path, NULL);
    k->api = k->store ? ks_kds_api_new(k->store, &kitchen_credentials, NULL, NULL) : NULL;
    k->server = k->api ? ks_kds_server_start(k->api, listen, NULL) : NULL;
    if (!k->server) {
        kitchen_kds_stop(k);
        return false;
    }
    snprintf(k->url, sizeof k->url, "http://127.0.0.1:%u/v1/orders",
             (unsigned)ks_http_server_port(k->server));
    return true;
}

/*
 * The tickets k's store holds, read through a connection of the test's own
 * (k->store is its server worker's, opened without SQLite's mutex: a read
 * on it from the test's thread while a delivery is being stored races the
 * worker); -1 when unreadable.
 */
static inline int64_t kitchen_kds_count(const struct kitchen_kds *k)
{
    ks_kds_store *own = ks_kds_store_open(k->path, NULL);
    int64_t n = -1;
    if (!own || ks_kds_store_count(own, &n) != KS_DB_OK)
        n = -1;
    ks_kds_store_close(own);
    return n;
}

/* A port that was free a moment ago (nobody listens there now). */
static inline uint16_t kitchen_free_port(void)
{
    struct kitchen_kds k;
    char path[4200];
    snprintf(path, sizeof path, "%s", kitchen_fresh_path("port-probe.db"));
    if (!kitchen_kds_start(&k, path, "127.0.0.1:0"))
        return 0;
    uint16_t port = ks_http_server_port(k.server);
    kitchen_kds_stop(&k);
    return port;
}

/*
 * One request as a kiosk would make it: method to url with token (NULL:
 * no Authorization) and idempotency key (NULL: none), body of len bytes
 * (NULL: none). The answer's status and start of body in *out.
 */
static inline void kitchen_http(const char *method, const char *url, const char *token,
                                const char *idempotency_key, const char *body, size_t len,
                                struct http_reply *out)
{
    http_call(&(struct http_request){.method = method,
                                     .url = url,
                                     .token = token,
                                     .idempotency_key = idempotency_key,
                                     .body = body,
                                     .body_len = len,
                                     .timeout_ms = 5000},
              out);
}

/*
 * A receiver in a child process: this test program run again as
 * `PROGRAM --kds-serve DB LISTEN` (see kitchen_child_main), so it can be
 * killed with SIGKILL like a display losing power.
 */
static inline pid_t kitchen_child_start(const char *db_path, uint16_t port)
{
    char listen[32], exe[4096];
    snprintf(listen, sizeof listen, "127.0.0.1:%u", (unsigned)port);
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *argv[] = {exe, (char *)"--kds-serve", (char *)db_path, listen, NULL};
    extern char **environ;
    pid_t pid;
    if (posix_spawn(&pid, exe, NULL, NULL, argv, environ) != 0)
        return -1;
    /* Ready when /v1/health answers; 5 s at most. */
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/health", (unsigned)port);
    for (int i = 0; i < 500; i++) {
        struct http_reply a;
        kitchen_http("GET", url, NULL, NULL, NULL, 0, &a);
        if (a.status == 200)
            return pid;
        kitchen_sleep_ms(10);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

/* Kills the child at once (SIGKILL: no clean shutdown) and reaps it. */
static inline void kitchen_child_kill(pid_t pid)
{
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
}

/* The child's main: serve until killed. Call first in main(); returns -1 when not the child. */
static inline int kitchen_child_main(int argc, char **argv)
{
    if (argc != 4 || strcmp(argv[1], "--kds-serve") != 0)
        return -1;
    struct kitchen_kds k;
    if (!kitchen_kds_start(&k, argv[2], argv[3]))
        return 1;
    for (;;)
        pause();
}

/* How many tickets the receiver's database at path holds (opened read-write, briefly). */
static inline int64_t kitchen_ticket_count(const char *db_path)
{
    int64_t n = -1;
    ks_kds_store *s = ks_kds_store_open(db_path, NULL);
    if (s && ks_kds_store_count(s, &n) != KS_DB_OK)
        n = -1;
    ks_kds_store_close(s);
    return n;
}

/* Every fixture order first..last is a ticket of the display at db_path, exactly once. */
static inline bool kitchen_all_there_once(const char *kds_path, unsigned first, unsigned last)
{
    ks_kds_store *s = ks_kds_store_open(kds_path, NULL);
    ks_kds_summary rows[64];
    size_t n = 0;
    bool ok =
        s && ks_kds_store_list(s, ~0u, rows, 64, &n) == KS_DB_OK && n == (size_t)(last - first + 1);
    for (unsigned i = first; ok && i <= last; i++) {
        char uuid[37];
        fixture_uuid(i, uuid);
        int seen = 0;
        for (size_t k = 0; k < n; k++)
            seen += strcmp(rows[k].uuid, uuid) == 0;
        ok = seen == 1;
    }
    ks_kds_store_close(s);
    return ok;
}

/*
 * The kiosk's side: stores fixture order `index` in the kiosk database and
 * marks it paid now (real UTC seconds), which queues its kitchen and
 * backend messages. False on any failure.
 */
static inline bool kitchen_kiosk_pay(ks_db *db, unsigned index)
{
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    int32_t number = 0;
    bool ok = ks_order_store_insert(db, o, 0, &number) == KS_DB_OK;
    o->number = number;
    ok = ok && ks_checkout_mark_paid(db, o, (int64_t)time(NULL), NULL, KS_PAYMENT_CARD, false) ==
                   KS_DB_OK;
    ks_order_free(o);
    return ok;
}

/* Kitchen messages not yet delivered in the kiosk database at path (-1 on error). */
static inline int64_t kitchen_undelivered(const char *kiosk_db_path)
{
    return fixture_sql_int(kiosk_db_path, "SELECT count(*) FROM outbox WHERE destination = "
                                          "'kitchen' AND delivered_at IS NULL");
}

/* Polls every 5 ms until kitchen_undelivered(path) == want or timeout_ms pass; the last value. */
static inline int64_t kitchen_wait_undelivered(const char *kiosk_db_path, int64_t want,
                                               int timeout_ms)
{
    int64_t end = kitchen_now_ms() + timeout_ms, n;
    while ((n = kitchen_undelivered(kiosk_db_path)) != want && kitchen_now_ms() < end)
        kitchen_sleep_ms(5);
    return n;
}

#endif
