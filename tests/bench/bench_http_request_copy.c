/*
 * The cost of a request's own copy of its strings
 * (kiosk/http/http_request_copy.h), which the I/O thread makes for every
 * request: a manager's report request much as a browser sends it (a
 * session cookie, the CSRF token, a browser's usual headers, five query
 * arguments) reaches a libmicrohttpd daemon on loopback, whose handler
 * copies it and frees the copy ROUNDS times; printed: the time a copy and
 * its free take (median, p99) and how many values each copy holds.
 *
 *   bench_http_request_copy [ROUNDS]    (default 100000)
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/http/http_request_copy.h"
#include "tests/bench/bench_util.h"
#include "tests/support/http_call.h"
#include "tests/support/mhd_answer.h"

static long rounds = 100000;
static double *samples;
static size_t n_samples;
static size_t n_values; /* headers and query arguments in a copy */

static enum MHD_Result copy_often(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **state)
{
    (void)cls, (void)version, (void)upload, (void)upload_size, (void)state;
    for (long i = 0; i < rounds; i++) {
        int64_t start = bench_now_ns();
        ks_http_request_copy *copy = ks_http_request_copy_new(con, method, url, "192.0.2.7");
        n_values = copy ? copy->n_values : 0;
        ks_http_request_copy_free(copy);
        if (copy)
            samples[n_samples++] = (double)(bench_now_ns() - start) / 1000.0;
    }
    return mhd_answer_ok(con);
}

int main(int argc, char **argv)
{
    rounds = argc > 1 ? strtol(argv[1], NULL, 10) : rounds;
    samples = rounds > 0 && rounds <= 10000000 ? calloc((size_t)rounds, sizeof *samples) : NULL;
    struct MHD_Daemon *d = samples ? MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL,
                                                      NULL, copy_often, NULL, MHD_OPTION_END)
                                   : NULL;
    const union MHD_DaemonInfo *info = d ? MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    if (!info) {
        fprintf(stderr, "usage: bench_http_request_copy [ROUNDS] (1 to 10000000)\n");
        return 2;
    }
    char url[256];
    snprintf(url, sizeof url,
             "http://127.0.0.1:%u/v1/reports/sales?from=2026-01-01&to=2026-12-31&group=day"
             "&by=kiosk&format=json",
             (unsigned)info->port);
    static struct http_reply reply;
    http_call(
        &(struct http_request){
            .method = "GET",
            .url = url,
            .session = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            .csrf = "0123456789abcdef0123456789abcdef",
            .headers = {"User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0",
                        "Accept-Language: ar,en;q=0.8", "Referer: https://backend/app/",
                        "Accept-Encoding: gzip, deflate, br"}},
        &reply);
    MHD_stop_daemon(d);
    if (reply.status != 200 || n_samples == 0) {
        fprintf(stderr, "bench_http_request_copy: no answer (%ld)\n", reply.status);
        return 1;
    }
    printf("a copy holds %zu headers and query arguments\n", n_values);
    bench_report("a report request's copy made and freed", samples, n_samples, "us");
    free(samples);
    return 0;
}
