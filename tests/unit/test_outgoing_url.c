/*
 * The policy for outgoing requests (kiosk/common/outgoing_url.c): plain
 * http only to this machine or a private address, https anywhere, nothing
 * that could smuggle a user, a fragment or a second host.
 */
#include "kiosk/common/outgoing_url.h"

#include <string.h>

#include "tests/support/check.h"

struct url_case {
    const char *url;
    bool allowed;
};

/* clang-format off */
static const struct url_case urls[] = {
    {"http://127.0.0.1:8080/v1/orders", true},
    {"http://127.8.9.10/v1/orders", true},
    {"http://localhost:8080/v1/orders", true},
    {"http://[::1]:8080/v1/orders", true},
    {"http://10.0.0.5:8080/v1/orders", true},
    {"http://172.16.0.1/v1/orders", true},
    {"http://172.31.255.255/v1/orders", true},
    {"http://192.168.1.20:8080/v1/orders", true},
    {"https://kds.example.com/v1/orders", true},
    {"https://203.0.113.7:8443/v1/orders", true},
    {"http://172.32.0.1/v1/orders", false},        /* just past 172.16/12 */
    {"http://172.15.255.255/v1/orders", false},    /* just before it */
    {"http://192.169.0.1/v1/orders", false},
    {"http://8.8.8.8/v1/orders", false},
    {"http://kds.local/v1/orders", false},         /* a name could resolve anywhere */
    {"http://[2001:db8::1]/v1/orders", false},
    {"http://10.0.0.5:0/v1/orders", false},
    {"http://10.0.0.5:65536/v1/orders", false},
    {"http://10.0.0.5:80x/v1/orders", false},
    {"http://user@10.0.0.5/v1/orders", false},
    {"http://10.0.0.5/v1/orders#x", false},
    {"http://10.0.0.5/v1/ orders", false},
    {"ftp://10.0.0.5/v1/orders", false},
    {"HTTP://10.0.0.5/v1/orders", false},
    {"http:///v1/orders", false},
    {"https://", false},
    {"", false},
};
/* clang-format on */

static void test_policy(void)
{
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        const char *why = NULL;
        bool allowed = ks_outgoing_url_ok(urls[i].url, &why);
        if (allowed != urls[i].allowed || (!allowed && !why))
            check_fail(__FILE__, __LINE__, "%s: %s", urls[i].url, allowed ? "allowed" : why);
    }
    CHECK(!ks_outgoing_url_ok(NULL, NULL));
}

/* The length limit: KS_URL_MAX bytes pass, one more does not. */
static void test_length_limit(void)
{
    char url[KS_URL_MAX + 2];
    const char *start = "https://kds.example.com/";
    size_t n = strlen(start);
    memcpy(url, start, n);
    memset(url + n, 'a', sizeof url - n - 1);
    url[KS_URL_MAX] = '\0';
    CHECK(ks_outgoing_url_ok(url, NULL));
    url[KS_URL_MAX] = 'a';
    url[KS_URL_MAX + 1] = '\0';
    const char *why = NULL;
    CHECK(!ks_outgoing_url_ok(url, &why));
    CHECK_EQ_STR(why, "URL too long");
}

static const struct check_case cases[] = {
    {"plain http only to private addresses", test_policy},
    {"at most KS_URL_MAX bytes", test_length_limit},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
