/* Strict base64 decoding: see kiosk/common/base64.h. */
#include "kiosk/common/base64.h"

#include <openssl/evp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool base64_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

unsigned char *ks_base64_decode(const char *text, size_t max, size_t *len)
{
    size_t n = strlen(text);
    if (n == 0 || n % 4 != 0 || n / 4 * 3 > max + 2 || n > (size_t)INT32_MAX)
        return NULL;
    size_t pad = text[n - 1] == '=' ? (text[n - 2] == '=' ? 2 : 1) : 0;
    for (size_t i = 0; i < n - pad; i++)
        if (!base64_char(text[i]))
            return NULL;
    unsigned char *out = malloc(n / 4 * 3 + 1);
    /* EVP_DecodeBlock counts the padding's bytes as decoded zeros. */
    int got = out ? EVP_DecodeBlock(out, (const unsigned char *)text, (int)n) : -1;
    if (got < 0 || (size_t)got < pad || (size_t)got - pad > max) {
        free(out);
        return NULL;
    }
    *len = (size_t)got - pad;
    out[*len] = '\0';
    return out;
}
