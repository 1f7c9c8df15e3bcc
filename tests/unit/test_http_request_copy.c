/*
 * kiosk/http/http_request_copy.h against libmicrohttpd itself: a real
 * request on loopback (libcurl) with repeated, empty, valueless,
 * percent-encoded and NUL-holding headers and query arguments, and every
 * name looked up in every case through the copy and through
 * MHD_lookup_connection_value on the live connection: the same answer for
 * each, byte for byte (the copy is what every handler reads in its place).
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/http/http_request_copy.h"
#include "tests/support/check.h"
#include "tests/support/http_call.h"
#include "tests/support/mhd_answer.h"

/* What the handler saw: lookups made, and the first that differed. */
static struct {
    int looked_up;
    int differ;
    char first[160];
} seen;

static const char *const names[] = {
    "store", "Store", "STORE", "flag",    "empty",         "pct",           "nul",
    "k",     "",      "twice", "X-Twice", "x-twice",       "X-EMPTY",       "x-empty",
    "host",  "Host",  "from",  "missing", "Authorization", "authorization", "X-Twice ",
};

/* One lookup through both: counted, and the first difference kept. */
static void compare(const char *what, const char *name, const char *copied, const char *mhd)
{
    seen.looked_up++;
    bool same = copied == mhd || (copied && mhd && strcmp(copied, mhd) == 0);
    if (!same && seen.differ++ == 0)
        snprintf(seen.first, sizeof seen.first, "%s \"%s\": copy \"%s\", libmicrohttpd \"%s\"",
                 what, name, copied ? copied : "(null)", mhd ? mhd : "(null)");
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    (void)cls, (void)version, (void)upload, (void)upload_size, (void)state;
    ks_http_request_copy *copy = ks_http_request_copy_new(con, method, url, "192.0.2.7");
    if (!copy)
        return MHD_NO;
    compare("method", "", copy->method, method);
    compare("url", "", copy->url, url);
    compare("client", "", copy->client, "192.0.2.7");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        compare("header", names[i], ks_http_request_copy_header(copy, names[i]),
                MHD_lookup_connection_value(con, MHD_HEADER_KIND, names[i]));
        compare("query", names[i], ks_http_request_copy_query(copy, names[i]),
                MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, names[i]));
    }
    ks_http_request_copy_free(copy);
    return mhd_answer_ok(con);
}

/* Every header and argument kind of name, as libmicrohttpd answers it. */
static void test_same_as_libmicrohttpd(void)
{
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, answer,
                                            NULL, MHD_OPTION_END);
    CHECK(d != NULL);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char url[512];
    snprintf(url, sizeof url,
             "http://127.0.0.1:%u/v1/reports/sales?Store=s1&store=s2&flag&empty=&pct=a%%20b%%26c"
             "&nul=a%%00b&k%%00ey=v&=novalue&twice=1&twice=2&from=2026-01-01",
             info ? (unsigned)info->port : 0u);
    struct http_reply *r = calloc(1, sizeof *r);
    CHECK(r != NULL);
    http_call(&(struct http_request){.method = "GET",
                                     .url = url,
                                     .token = "tok-1",
                                     .headers = {"X-Twice: first", "x-twice: second", "X-Empty;"}},
              r);
    long status = r->status;
    free(r);
    MHD_stop_daemon(d);
    CHECK_EQ_INT(status, 200);
    CHECK_EQ_INT(seen.looked_up, 3 + 2 * (int)(sizeof names / sizeof names[0]));
    if (seen.differ)
        fprintf(stderr, "  %d lookups differ; the first: %s\n", seen.differ, seen.first);
    CHECK_EQ_INT(seen.differ, 0);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"every lookup answers as libmicrohttpd's", test_same_as_libmicrohttpd},
    };
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
