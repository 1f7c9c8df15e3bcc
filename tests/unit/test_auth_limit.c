/*
 * The failed-authentication limiter (kiosk/http/auth_limit.h) on its own
 * clock: refusals up to the threshold leave an address served, the
 * threshold blocks it for the block time and no longer, a window that
 * passes starts the count again, other addresses are never touched, and a
 * full table forgets quiet addresses before blocked ones.
 */
#include "tests/support/check.h"

#include <stdio.h>

#include "kiosk/http/auth_limit.h"

#define S 1000 /* ms */

static void test_threshold_and_block(void)
{
    ks_auth_limit *l = ks_auth_limit_new("test");
    CHECK(l != NULL);
    int64_t t = 1000 * S;
    for (int i = 0; i < KS_AUTH_LIMIT_FAILURES - 1; i++)
        ks_auth_limit_failed(l, "192.0.2.7", t + i);
    CHECK(!ks_auth_limit_blocked(l, "192.0.2.7", t + S));
    ks_auth_limit_failed(l, "192.0.2.7", t + S);
    CHECK(ks_auth_limit_blocked(l, "192.0.2.7", t + S));
    CHECK(!ks_auth_limit_blocked(l, "192.0.2.8", t + S)); /* its neighbour is served */
    CHECK(ks_auth_limit_blocked(l, "192.0.2.7", t + S + KS_AUTH_LIMIT_BLOCK_S * S - 1));
    CHECK(!ks_auth_limit_blocked(l, "192.0.2.7", t + S + KS_AUTH_LIMIT_BLOCK_S * S));
    /* After the block, a full count again before the next one. */
    int64_t after = t + S + KS_AUTH_LIMIT_BLOCK_S * S;
    for (int i = 0; i < KS_AUTH_LIMIT_FAILURES - 1; i++)
        ks_auth_limit_failed(l, "192.0.2.7", after + i);
    CHECK(!ks_auth_limit_blocked(l, "192.0.2.7", after + S));
    ks_auth_limit_failed(l, "192.0.2.7", after + S);
    CHECK(ks_auth_limit_blocked(l, "192.0.2.7", after + S));
    ks_auth_limit_free(l);
    ks_auth_limit_free(NULL);
}

static void test_window_passes(void)
{
    ks_auth_limit *l = ks_auth_limit_new("test");
    CHECK(l != NULL);
    /* Refusals spread so that no window holds the threshold: never blocked. */
    int64_t t = 0;
    for (int i = 0; i < 5 * KS_AUTH_LIMIT_FAILURES; i++) {
        t += KS_AUTH_LIMIT_WINDOW_S * S / (KS_AUTH_LIMIT_FAILURES - 1) + S;
        ks_auth_limit_failed(l, "198.51.100.1", t);
        CHECK(!ks_auth_limit_blocked(l, "198.51.100.1", t));
    }
    ks_auth_limit_free(l);
}

static void test_full_table(void)
{
    ks_auth_limit *l = ks_auth_limit_new("test");
    CHECK(l != NULL);
    int64_t t = 5000 * S;
    for (int i = 0; i < KS_AUTH_LIMIT_FAILURES; i++)
        ks_auth_limit_failed(l, "203.0.113.9", t);
    CHECK(ks_auth_limit_blocked(l, "203.0.113.9", t));
    /* Many more addresses than the table holds, each refused once, later. */
    for (int i = 0; i < 3 * KS_AUTH_LIMIT_ADDRESSES; i++) {
        char address[32];
        snprintf(address, sizeof address, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
        ks_auth_limit_failed(l, address, t + 1 + i);
    }
    CHECK(ks_auth_limit_blocked(l, "203.0.113.9", t + 2 * S));
    CHECK(!ks_auth_limit_blocked(l, "10.0.0.1", t + 2 * S));
    ks_auth_limit_free(l);
}

static const struct check_case cases[] = {
    {"refusals up to the threshold, then a block of its length", test_threshold_and_block},
    {"a window that passes starts the count again", test_window_passes},
    {"a full table keeps the blocked address", test_full_table},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
