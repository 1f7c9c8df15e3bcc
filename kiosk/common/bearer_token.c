/* Bearer tokens: the strength rule and new ones (see kiosk/common/bearer_token.h). */
#include "kiosk/common/bearer_token.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

static bool refuse(char *why, size_t cap, const char *reason)
{
    if (cap > 0)
        snprintf(why, cap, "%s", reason);
    return false;
}

/* Bits the token's length carries over the alphabet its character classes span. */
static double class_bits(const char *token, size_t len)
{
    bool lower = false, upper = false, digit = false, other = false;
    for (size_t i = 0; i < len; i++) {
        char c = token[i];
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
        digit |= c >= '0' && c <= '9';
        other |= !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');
    }
    int alphabet = 26 * lower + 26 * upper + 10 * digit + 32 * other;
    return (double)len * log2((double)alphabet);
}

/* True when the token holds KS_TOKEN_MAX_RUN characters in a row that repeat or count. */
static bool has_run(const char *token, size_t len)
{
    for (int step = -1; step <= 1; step++) {
        size_t run = 1;
        for (size_t i = 1; i < len; i++) {
            run = token[i] - token[i - 1] == step ? run + 1 : 1;
            if (run >= KS_TOKEN_MAX_RUN)
                return true;
        }
    }
    return false;
}

bool ks_token_strong(const char *token, char *why, size_t cap)
{
    size_t len = token ? strlen(token) : 0;
    if (len < KS_TOKEN_MIN_LEN || len > KS_TOKEN_MAX_LEN)
        return refuse(why, cap, "a token is 16 to 128 characters");
    unsigned counts[128] = {0};
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)token[i];
        if (c <= ' ' || c >= 0x7f)
            return refuse(why, cap, "a token is printable ASCII without spaces");
        counts[c]++;
    }
    size_t most = len / 4 > 3 ? len / 4 : 3;
    for (size_t c = 0; c < 128; c++)
        if (counts[c] > most)
            return refuse(why, cap, "one character fills too much of the token: not random");
    if (has_run(token, len))
        return refuse(why, cap, "the token holds a run like \"aaaaa\" or \"12345\": not random");
    if (class_bits(token, len) < KS_TOKEN_MIN_BITS)
        return refuse(why, cap, "the token is too short for 128 bits (make one with --new-token)");
    return true;
}

bool ks_token_new(char out[KS_TOKEN_NEW_LEN + 1])
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /* Redrawn in the (vanishingly rare) case the draw breaks the text rule. */
    for (int attempt = 0; attempt < 16; attempt++) {
        unsigned char bytes[KS_TOKEN_NEW_LEN];
        if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes)
            return false;
        for (size_t i = 0; i < KS_TOKEN_NEW_LEN; i++)
            out[i] = alphabet[bytes[i] & 63];
        out[KS_TOKEN_NEW_LEN] = '\0';
        if (ks_token_strong(out, NULL, 0))
            return true;
    }
    return false;
}

int ks_print_new_token(void)
{
    char token[KS_TOKEN_NEW_LEN + 1];
    if (!ks_token_new(token)) {
        fprintf(stderr, "no random bytes from the kernel: no token made\n");
        return 1;
    }
    printf("%s\n", token);
    return 0;
}
