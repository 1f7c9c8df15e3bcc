/*
 * A report's answer streamed to the client (#15, backend-api.md "Reports
 * streamed"), through a real backend on loopback, on an SQLite file or with
 * --pg on PostgreSQL: a year of sales by day and kiosk of a 50-store chain
 * (73,000 rows, some 15 MB, written straight into be_day_sales) arrives
 * chunked and byte for byte what the whole-buffer path makes of it; a
 * small answer keeps its Content-Length; a failure of the query after the
 * first 256 KB cuts the answer (curl: 18, never a complete 200), before
 * them it is a whole 503; a client that hangs up mid-answer leaves the
 * backend serving the next one, and stopping it waits for no stuck worker.
 */
#include <curl/curl.h>
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

static bool start(const char *name)
{
    backend_run_stop(&run);
    ks_backend_config_defaults(&cfg);
    char why[256] = "";
    static const char ini[] =
        "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n";
    if (!backend_fresh_database(pg, name, database, sizeof database) ||
        !ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why))
        return false;
    return backend_run_start(&run, &cfg, database) &&
           backend_database_exec(pg != NULL, database, pg ? pg_year : sqlite_year);
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
        /* PostgreSQL only: a row that fails the statement mid-answer. */
        {"a failure cuts a streamed answer, or refuses one held back",
         test_failure_cuts_or_refuses},
    };
    atexit(stop_left);
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 1, &pg);
}
