/*
 * The bearer-token rule (kiosk/common/bearer_token.h): typed weak tokens
 * are refused with the reason, random ones of enough length pass, and
 * made tokens pass, differ and use the base64url alphabet.
 */
#include "tests/support/check.h"

#include <string.h>

#include "kiosk/common/bearer_token.h"

static void test_weak_refused(void)
{
    static const struct {
        const char *token, *why;
    } weak[] = {
        {"", "16 to 128"},
        {"short", "16 to 128"},
        {"has space in it 7Rq2xW9mZp4LvB8", "printable ASCII"},
        {"aaaaaaaaaaaaaaaa", "not random"},                 /* sixteen identical characters */
        {"kiosk-token-0123456789abcdef", "run"},            /* counting up */
        {"kiosk-token-fedcba9876543210", "run"},            /* counting down */
        {"x7Rq2xW9mZp4LvB8nC3sJ6dF1zzzzzk", "run"},         /* five the same */
        {"abababababababababababababababab", "not random"}, /* two characters */
        {"kt-7Rq2xW9mZp4Lv", "too short for 128 bits"},     /* 16 characters of 94 */
        {"3f9a6c1e8b2d4f7a", "too short for 128 bits"},     /* 64 bits of hex */
    };
    for (size_t i = 0; i < CHECK_COUNT(weak); i++) {
        char why[128] = "";
        if (ks_token_strong(weak[i].token, why, sizeof why) || !strstr(why, weak[i].why))
            check_fail(__FILE__, __LINE__, "\"%s\": %s", weak[i].token, why);
    }
    CHECK(!ks_token_strong(NULL, NULL, 0));
}

static void test_random_accepted(void)
{
    static const char *const good[] = {
        "kt-7Rq2xW9mZp4LvB8nC3sJ6dF1",
        "3f9a6c1e8b2d4f7a0c5e9b1d6a8f2e4c", /* 128 bits of hex, lowercase */
        "Zm9vYmFyLWtpb3NrLTAxLWtleS1zZWNyZXQ",
    };
    for (size_t i = 0; i < CHECK_COUNT(good); i++) {
        char why[128] = "";
        if (!ks_token_strong(good[i], why, sizeof why))
            check_fail(__FILE__, __LINE__, "\"%s\": %s", good[i], why);
    }
}

static void test_new_tokens(void)
{
    char previous[KS_TOKEN_NEW_LEN + 1] = "";
    for (int i = 0; i < 1000; i++) {
        char token[KS_TOKEN_NEW_LEN + 1];
        CHECK(ks_token_new(token));
        CHECK_EQ_INT(strlen(token), KS_TOKEN_NEW_LEN);
        CHECK(strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
              KS_TOKEN_NEW_LEN);
        CHECK(ks_token_strong(token, NULL, 0));
        CHECK(strcmp(token, previous) != 0);
        memcpy(previous, token, sizeof token);
    }
}

static const struct check_case cases[] = {
    {"typed weak tokens are refused with the reason", test_weak_refused},
    {"random-looking tokens pass", test_random_accepted},
    {"made tokens pass, differ, and are base64url", test_new_tokens},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
