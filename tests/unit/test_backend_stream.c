/*
 * A report's answer streamed to the client (#15, backend-api.md "Reports
 * streamed"), through a real backend on loopback, on an SQLite file or with
 * --pg on PostgreSQL: a year of sales by day and kiosk of a 50-store chain
 * (73,000 rows, some 15 MB, written straight into be_day_sales) arrives
 * chunked and byte for byte what the whole-buffer path makes of it; a
 * small answer keeps its Content-Length; a failure of the query after the
 * first 256 KB cuts the answer (curl: 18, never a complete 200), before
 * them it is a whole 503; a client that hangs up mid-answer leaves the
 * backend serving the next one, and stopping it waits for no stuck worker;
 * the request's every string is still whole once that client's connection
 * is gone (under ASan: none read from freed memory).
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_report_text.h"
#include "tests/support/check.h"
#include "tests/support/http_call.h"
#include "tests/unit/test_backend_fixture.h"

#define MANAGER_TOKEN "mgr-Qd4Wm8Zt2Hx6Kc9Nv3Lp7Rb5Jf1Gy0S"
#define YEAR "from=2026-01-01&to=2026-12-31"
#define LAST_DAY "from=2026-12-31&to=2026-12-31"

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg;
static char database[4200];
static struct http_reply reply; /* 128 KB: not on a test's stack */

/* A year of 50 stores of 4 kiosks, a row a day each, in be_day_sales. */
static const char pg_year[] =
    "INSERT INTO be_day_sales SELECT to_char(date '2026-01-01' + d, 'YYYY-MM-DD'),\n"
    "  'store-' || lpad(s::text, 2, '0'), 'kiosk-' || k, d + s + k, 1000 * d + s, 150 * d + k,\n"
    "  1150 * d + s + k, d % 3, 7 * (d % 3), d % 2, 11 * (d % 2)\n"
    "FROM generate_series(0, 364) d, generate_series(1, 50) s, generate_series(1, 4) k;\n"
    /* In key order, and known so: read along the key, rows go out as they are read. */
    "ANALYZE be_day_sales";
static const char sqlite_year[] =
    "WITH RECURSIVE d(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM d WHERE d < 364),\n"
    "  s(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM s WHERE s < 50),\n"
    "  k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 4)\n"
    "INSERT INTO be_day_sales SELECT date('2026-01-01', '+' || d || ' days'),\n"
    "  'store-' || printf('%02d', s), 'kiosk-' || k, d + s + k, 1000 * d + s, 150 * d + k,\n"
    "  1150 * d + s + k, d % 3, 7 * (d % 3), d % 2, 11 * (d % 2)\n"
    "FROM d, s, k";

/* The year's last row makes net_total (total - refunded) leave bigint: the statement fails. */
static const char pg_break_last[] =
    "UPDATE be_day_sales SET total = -9223372036854775808, refunded = 1\n"
    "WHERE business_date = '2026-12-31' AND store_id = 'store-50' AND kiosk_id = 'kiosk-4'";

/* A backend on a fresh database with the year of sales; answered: cfg's test hook (NULL: none). */
static bool start_hooked(const char *name, void (*answered)(void *, const ks_backend_request *))
{
    backend_run_stop(&run);
    ks_backend_config_defaults(&cfg);
    char why[256] = "";
    static const char ini[] =
        "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n";
    if (!backend_fresh_database(pg, name, database, sizeof database) ||
        !ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why))
        return false;
    cfg.answered = answered;
    return backend_run_start(&run, &cfg, database) &&
           backend_database_exec(pg != NULL, database, pg ? pg_year : sqlite_year);
}

static bool start(const char *name)
{
    return start_hooked(name, NULL);
}

/* GET /v1/reports/sales?QUERY as the manager, over HTTP; hang_up_after as http_request's. */
static void get_sales(const char *query, size_t hang_up_after, struct http_reply *r)
{
    char url[256];
    snprintf(url, sizeof url, "%s/v1/reports/sales?%s", run.base, query);
    http_call(
        &(struct http_request){
            .method = "GET", .url = url, .token = MANAGER_TOKEN, .hang_up_after = hang_up_after},
        r);
}

/*
 * The same report through the whole-buffer path (the API called with no
 * stream, as before the answers were streamed): its length and digest.
 */
static bool whole_sales(const char *from, const char *to, const char *format, size_t *len,
                        uint64_t *digest)
{
    ks_backend_api *api = ks_backend_api_new(run.store, &cfg);
    const ks_backend_request req = {.method = "GET",
                                    .path = "/v1/reports/sales",
                                    .authorization = "Bearer " MANAGER_TOKEN,
                                    .from = from,
                                    .to = to,
                                    .format = format};
    ks_backend_response resp;
    if (api)
        ks_backend_api_handle(api, &req, 1767225600, &resp);
    bool ok = api && resp.status == 200 && resp.body;
    if (ok) {
        *len = resp.body_len;
        *digest = http_digest(HTTP_DIGEST_START, resp.body, resp.body_len);
    }
    if (api)
        free(resp.body);
    ks_backend_api_free(api);
    return ok;
}

/* The year streamed (JSON and CSV), the last day whole with its length. */
static void test_streamed_as_whole(void)
{
    CHECK(start("stream_whole"));
    struct http_reply *r = &reply;
    static const struct {
        const char *query, *format;
    } asks[] = {{YEAR, NULL}, {YEAR "&format=csv", "csv"}};
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        size_t len = 0;
        uint64_t digest = 0;
        CHECK(whole_sales("2026-01-01", "2026-12-31", asks[i].format, &len, &digest));
        CHECK(len > 4 * KS_BACKEND_REPORT_HOLD_BYTES);
        get_sales(asks[i].query, 0, r);
        CHECK_EQ_INT(r->transfer, CURLE_OK);
        CHECK_EQ_INT(r->status, 200);
        CHECK_EQ_STR(r->encoding, "chunked");
        CHECK_EQ_STR(r->length, "");
        CHECK_EQ_INT(r->received, len);
        CHECK(r->digest == digest);
    }
    size_t len = 0;
    uint64_t digest = 0;
    CHECK(whole_sales("2026-12-31", "2026-12-31", NULL, &len, &digest));
    CHECK(len < KS_BACKEND_REPORT_HOLD_BYTES);
    get_sales(LAST_DAY, 0, r);
    CHECK_EQ_INT(r->status, 200);
    CHECK_EQ_STR(r->encoding, "");
    CHECK_EQ_INT(strtoll(r->length, NULL, 10), len);
    CHECK_EQ_INT(r->received, len);
    CHECK(r->digest == digest);
    backend_run_stop(&run);
}

/* A client that hangs up after 1 MB of the year: the next answers are whole; the stop waits. */
static void test_client_hangs_up(void)
{
    CHECK(start("stream_hang_up"));
    struct http_reply *r = &reply;
    size_t len = 0;
    uint64_t digest = 0;
    CHECK(whole_sales("2026-01-01", "2026-12-31", NULL, &len, &digest));
    for (int i = 0; i < 3; i++) {
        get_sales(YEAR, 1024 * 1024, r);
        CHECK_EQ_INT(r->transfer, CURLE_WRITE_ERROR);
        CHECK(r->received < len);
    }
    /* More hang-ups than the slow lane has workers: a stuck one would leave none. */
    for (int i = 0; i < 2; i++) {
        get_sales(YEAR, 0, r);
        CHECK_EQ_INT(r->status, 200);
        CHECK_EQ_INT(r->received, len);
        CHECK(r->digest == digest);
    }
    /* Joins the workers: one waiting on a client gone would hang here. */
    backend_run_stop(&run);
}

/* Every string of a ks_backend_request, and what the request below sets it to. */
#define SESSION "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
static const struct {
    const char *name;
    size_t offset;
    const char *sent;
} strings[] = {
    {"method", offsetof(ks_backend_request, method), "GET"},
    {"path", offsetof(ks_backend_request, path), "/v1/reports/sales"},
    {"authorization", offsetof(ks_backend_request, authorization), "Bearer " MANAGER_TOKEN},
    {"idempotency_key", offsetof(ks_backend_request, idempotency_key), "idem-key-1"},
    {"if_none_match", offsetof(ks_backend_request, if_none_match), "\"no-such-tag\""},
    {"cookie", offsetof(ks_backend_request, cookie), "other=1; ks_session=" SESSION},
    {"csrf_token", offsetof(ks_backend_request, csrf_token), "csrf-token-1"},
    {"client", offsetof(ks_backend_request, client), "127.0.0.1"},
    {"store", offsetof(ks_backend_request, store), ""},
    {"from", offsetof(ks_backend_request, from), "2026-01-01"},
    {"to", offsetof(ks_backend_request, to), "2026-12-31"},
    {"group", offsetof(ks_backend_request, group), "day"},
    {"by", offsetof(ks_backend_request, by), "kiosk"},
    {"sort", offsetof(ks_backend_request, sort), "sort-1"},
    {"limit", offsetof(ks_backend_request, limit), "7"},
    {"format", offsetof(ks_backend_request, format), "json"},
    {"item", offsetof(ks_backend_request, item), "item-1"},
    {"days", offsetof(ks_backend_request, days), "3"},
    {"lead", offsetof(ks_backend_request, lead), "4"},
    {"safety", offsetof(ks_backend_request, safety), "5"},
    {"cover", offsetof(ks_backend_request, cover), "6"},
    {"device", offsetof(ks_backend_request, device), "device-1"},
    {"staff", offsetof(ks_backend_request, staff), "staff-1"},
    {"kind", offsetof(ks_backend_request, kind), "kind-1"},
    {"page", offsetof(ks_backend_request, page), "2"},
    {"date", offsetof(ks_backend_request, date), "2026-06-01"},
    {"number", offsetof(ks_backend_request, number), "42"},
};
#define N_STRINGS (sizeof strings / sizeof strings[0])
#define EVERY_QUERY                                                                                \
    "store=&from=2026-01-01&to=2026-12-31&group=day&by=kiosk&sort=sort-1&limit=7&format=json"      \
    "&item=item-1&days=3&lead=4&safety=5&cover=6&device=device-1&staff=staff-1&kind=kind-1"        \
    "&page=2&date=2026-06-01&number=42"

/*
 * The hook's side of test_strings_outlive_client: the answered request,
 * held on its worker until the test says its client's connection is gone,
 * then every string read (copied into seen).
 */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool armed; /* the next answered request is the one looked at */
    bool held;  /* the worker waits in the hook */
    bool go;    /* the connection is gone: read */
    bool read;  /* seen is filled */
    char seen[N_STRINGS][160];
} hold = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER};

static void read_strings(void *ctx, const ks_backend_request *req)
{
    (void)ctx;
    pthread_mutex_lock(&hold.lock);
    bool mine = hold.armed;
    hold.armed = false;
    hold.held = mine;
    pthread_cond_broadcast(&hold.changed);
    while (mine && !hold.go)
        pthread_cond_wait(&hold.changed, &hold.lock);
    pthread_mutex_unlock(&hold.lock);
    if (!mine)
        return;
    for (size_t i = 0; i < N_STRINGS; i++) {
        const char *value;
        memcpy(&value, (const char *)req + strings[i].offset, sizeof value);
        snprintf(hold.seen[i], sizeof hold.seen[i], "%s", value ? value : "(null)");
    }
    pthread_mutex_lock(&hold.lock);
    hold.read = true;
    pthread_cond_broadcast(&hold.changed);
    pthread_mutex_unlock(&hold.lock);
}

/* Waits until flag is true (the worker's hook sets it). */
static void wait_for(const bool *flag)
{
    pthread_mutex_lock(&hold.lock);
    while (!*flag)
        pthread_cond_wait(&hold.changed, &hold.lock);
    pthread_mutex_unlock(&hold.lock);
}

/*
 * A streamed report asked with every header and query value the backend
 * reads, whose client hangs up after 1 MB: once the worker's write failed
 * (the connection closed), the I/O thread answers a health check (so it
 * has finished with the closed connection and freed its memory), and only
 * then does the worker read each string of its request: each is whole,
 * and none is read from freed memory (ASan).
 */
static void test_strings_outlive_client(void)
{
    CHECK(start_hooked("stream_strings", read_strings));
    pthread_mutex_lock(&hold.lock);
    hold.armed = true;
    hold.held = hold.go = hold.read = false;
    pthread_mutex_unlock(&hold.lock);
    struct http_reply *r = &reply;
    char url[512];
    snprintf(url, sizeof url, "%s/v1/reports/sales?" EVERY_QUERY, run.base);
    http_call(&(struct http_request){.method = "GET",
                                     .url = url,
                                     .token = MANAGER_TOKEN,
                                     .session = SESSION,
                                     .csrf = "csrf-token-1",
                                     .idempotency_key = "idem-key-1",
                                     .headers = {"If-None-Match: \"no-such-tag\""},
                                     .hang_up_after = 1024 * 1024},
              r);
    /* Hung up mid-answer: the worker's write failed, and it waits in the hook. */
    int transfer = r->transfer;
    bool held = transfer == CURLE_WRITE_ERROR;
    if (held)
        wait_for(&hold.held);
    char health[96];
    snprintf(health, sizeof health, "%s/v1/health", run.base);
    http_call(&(struct http_request){.method = "GET", .url = health}, r);
    /* Released whatever happened, so that a failure does not leave the worker waiting. */
    pthread_mutex_lock(&hold.lock);
    hold.armed = false;
    hold.go = true;
    pthread_cond_broadcast(&hold.changed);
    pthread_mutex_unlock(&hold.lock);
    if (held)
        wait_for(&hold.read);
    CHECK_EQ_INT(transfer, CURLE_WRITE_ERROR);
    CHECK_EQ_INT(r->status, 200);
    for (size_t i = 0; i < N_STRINGS; i++)
        CHECK_EQ_STR(hold.seen[i], strings[i].sent);
    backend_run_stop(&run);
}

/*
 * PostgreSQL: the statement fails on the year's last row. The year: cut
 * after its first 256 KB (a transfer error, no status to read); the last
 * day alone: a whole 503 with the JSON error.
 */
static void test_failure_cuts_or_refuses(void)
{
    CHECK(start("stream_failure"));
    CHECK(backend_database_exec(true, database, pg_break_last));
    struct http_reply *r = &reply;
    get_sales(YEAR, 0, r);
    CHECK_EQ_INT(r->transfer, CURLE_PARTIAL_FILE);
    CHECK_EQ_INT(r->status, 0);
    CHECK(r->received >= KS_BACKEND_REPORT_HOLD_BYTES);
    get_sales(LAST_DAY, 0, r);
    CHECK_EQ_INT(r->transfer, CURLE_OK);
    CHECK_EQ_INT(r->status, 503);
    CHECK_EQ_INT(strtoll(r->length, NULL, 10), r->received);
    CHECK(strncmp(r->body, "{\"error\":", 9) == 0);
    /* The connection to the database serves the next report. */
    get_sales("from=2026-12-30&to=2026-12-30", 0, r);
    CHECK_EQ_INT(r->status, 200);
    backend_run_stop(&run);
}

static void stop_left(void)
{
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"a large report streamed as the whole answer, a small one whole", test_streamed_as_whole},
        {"a client hanging up mid-answer leaves the backend serving", test_client_hangs_up},
        {"a request's strings outlive its client hanging up mid-answer",
         test_strings_outlive_client},
        /* PostgreSQL only: a row that fails the statement mid-answer. */
        {"a failure cuts a streamed answer, or refuses one held back",
         test_failure_cuts_or_refuses},
    };
    atexit(stop_left);
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 1, &pg);
}
