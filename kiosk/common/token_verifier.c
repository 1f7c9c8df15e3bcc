/* A device token's verifier: see kiosk/common/token_verifier.h. */
#include "kiosk/common/token_verifier.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <string.h>

void ks_token_verifier_of(const char *text, char out[KS_TOKEN_VERIFIER_HEX + 1])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char digest[SHA256_DIGEST_LENGTH];
    const char *t = text ? text : "";
    SHA256((const unsigned char *)t, strlen(t), digest);
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 15];
    }
    out[KS_TOKEN_VERIFIER_HEX] = '\0';
}

bool ks_token_verifier_valid(const char *s)
{
    if (!s)
        return false;
    size_t n = strspn(s, "0123456789abcdef");
    return n == KS_TOKEN_VERIFIER_HEX && s[n] == '\0';
}

bool ks_token_verifier_matches(const char *token, const char *verifier)
{
    if (!token || !ks_token_verifier_valid(verifier))
        return false;
    char mine[KS_TOKEN_VERIFIER_HEX + 1];
    ks_token_verifier_of(token, mine);
    return CRYPTO_memcmp(mine, verifier, KS_TOKEN_VERIFIER_HEX) == 0;
}
