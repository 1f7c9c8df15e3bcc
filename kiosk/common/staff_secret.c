/* Hashed PINs and badge codes: see kiosk/common/staff_secret.h. */
#include "kiosk/common/staff_secret.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define SCHEME "pbkdf2-sha256$"
#define SALT_BYTES 16
#define HASH_BYTES 32
#define SECRET_MAX 64
#define MIN_ITERATIONS 1000
#define MAX_ITERATIONS 1000000

typedef struct parsed {
    long iterations;
    uint8_t salt[SALT_BYTES];
    uint8_t hash[HASH_BYTES];
} parsed;

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Exactly 2 * n lowercase hex digits from text, ending at end ('$' or NUL). */
static bool read_hex(const char *text, char end, uint8_t *out, size_t n, const char **next)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hex_value(text[2 * i]), lo = hi < 0 ? -1 : hex_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    if (text[2 * n] != end)
        return false;
    *next = text + 2 * n + (end ? 1 : 0);
    return true;
}

static bool parse(const char *stored, parsed *p)
{
    if (!stored || strnlen(stored, KS_STAFF_SECRET_MAX + 1) > KS_STAFF_SECRET_MAX ||
        strncmp(stored, SCHEME, sizeof SCHEME - 1) != 0)
        return false;
    const char *s = stored + sizeof SCHEME - 1;
    p->iterations = 0;
    int digits = 0;
    for (; *s >= '0' && *s <= '9' && digits < 8; s++, digits++)
        p->iterations = p->iterations * 10 + (*s - '0');
    if (digits == 0 || *s != '$' || (digits > 1 && s[-digits] == '0') ||
        p->iterations < MIN_ITERATIONS || p->iterations > MAX_ITERATIONS)
        return false;
    s++;
    return read_hex(s, '$', p->salt, SALT_BYTES, &s) && read_hex(s, '\0', p->hash, HASH_BYTES, &s);
}

bool ks_staff_secret_valid(const char *stored)
{
    parsed p;
    return parse(stored, &p);
}

static bool derive(const char *secret, const uint8_t salt[SALT_BYTES], long iterations,
                   uint8_t out[HASH_BYTES])
{
    size_t len = secret ? strnlen(secret, SECRET_MAX + 1) : 0;
    return len > 0 && len <= SECRET_MAX &&
           PKCS5_PBKDF2_HMAC(secret, (int)len, salt, SALT_BYTES, (int)iterations, EVP_sha256(),
                             HASH_BYTES, out) == 1;
}

static void put_hex(char *out, const uint8_t *bytes, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

bool ks_staff_secret_hash_with(const char *secret, long iterations, const char *like,
                               char out[KS_STAFF_SECRET_MAX + 1])
{
    parsed p;
    uint8_t hash[HASH_BYTES];
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS)
        return false;
    if (!parse(like, &p) && getrandom(p.salt, sizeof p.salt, 0) != (ssize_t)sizeof p.salt)
        return false;
    if (!derive(secret, p.salt, iterations, hash))
        return false;
    char salt_hex[2 * SALT_BYTES + 1], hash_hex[2 * HASH_BYTES + 1];
    put_hex(salt_hex, p.salt, SALT_BYTES);
    put_hex(hash_hex, hash, HASH_BYTES);
    snprintf(out, KS_STAFF_SECRET_MAX + 1, SCHEME "%ld$%s$%s", iterations, salt_hex, hash_hex);
    return true;
}

bool ks_staff_secret_hash(const char *secret, char out[KS_STAFF_SECRET_MAX + 1])
{
    return ks_staff_secret_hash_with(secret, KS_STAFF_SECRET_ITERATIONS, NULL, out);
}

long ks_staff_secret_find(const char *secret, const char *const *stored, size_t n)
{
    long found = -1;
    parsed last = {0}, p;
    uint8_t derived[HASH_BYTES];
    bool have = false;
    for (size_t i = 0; i < n; i++) {
        if (!parse(stored[i], &p))
            continue;
        /* Derived again only when the salt or cost differs from the entry before. */
        if (!have || p.iterations != last.iterations ||
            memcmp(p.salt, last.salt, SALT_BYTES) != 0) {
            have = derive(secret, p.salt, p.iterations, derived);
            last = p;
            if (!have)
                return -1;
        }
        if (CRYPTO_memcmp(derived, p.hash, HASH_BYTES) == 0 && found < 0)
            found = (long)i;
    }
    return found;
}

bool ks_staff_secret_matches(const char *secret, const char *stored)
{
    parsed p;
    uint8_t hash[HASH_BYTES];
    return parse(stored, &p) && derive(secret, p.salt, p.iterations, hash) &&
           CRYPTO_memcmp(hash, p.hash, HASH_BYTES) == 0;
}
