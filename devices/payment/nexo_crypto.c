/* nexo local message security (PBKDF2, AES-256-CBC, HMAC-SHA256): see nexo_crypto.h. */
#include "devices/payment/nexo_crypto.h"

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#define SALT "AdyenNexoV1Salt"
#define ITERATIONS 4000
#define HMAC_BYTES 32
#define AES_BLOCK 16
#define CRYPTO_VERSION 1

const char *dev_nexo_crypto_strerror(enum dev_nexo_crypto_error err)
{
    switch (err) {
    case DEV_NEXO_CRYPTO_OK:
        return "ok";
    case DEV_NEXO_CRYPTO_TOO_LARGE:
        return "the message is too large";
    case DEV_NEXO_CRYPTO_MALFORMED:
        return "not a well-formed sealed nexo message";
    case DEV_NEXO_CRYPTO_UNSUPPORTED:
        return "unsupported AdyenCryptoVersion";
    case DEV_NEXO_CRYPTO_WRONG_KEY:
        return "sealed under another key identifier or version";
    case DEV_NEXO_CRYPTO_BAD_HMAC:
        return "the message failed authentication (bad HMAC): altered, or another passphrase";
    case DEV_NEXO_CRYPTO_NO_RANDOM:
        return "no random bytes for the nonce";
    case DEV_NEXO_CRYPTO_NO_MEMORY:
        return "out of memory";
    case DEV_NEXO_CRYPTO_INTERNAL:
        return "the crypto library failed";
    }
    return "unknown crypto error";
}

static bool identifier_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n > DEV_NEXO_KEY_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (id[i] < 0x20 || id[i] > 0x7e)
            return false;
    return true;
}

bool dev_nexo_key_derive(dev_nexo_key *out, const char *identifier, uint32_t version,
                         const void *passphrase, size_t len)
{
    memset(out, 0, sizeof *out);
    if (!identifier_ok(identifier) || !passphrase || len == 0 || len > DEV_NEXO_PASSPHRASE_MAX)
        return false;
    /* PBKDF2's output is a prefix of any longer output, so 80 bytes give what
     * Adyen's libraries slice from the longer buffer they ask for. */
    uint8_t material[sizeof out->hmac_key + sizeof out->cipher_key + sizeof out->iv];
    if (PKCS5_PBKDF2_HMAC_SHA1(passphrase, (int)len, (const unsigned char *)SALT, (int)strlen(SALT),
                               ITERATIONS, (int)sizeof material, material) != 1) {
        OPENSSL_cleanse(material, sizeof material);
        return false;
    }
    memcpy(out->identifier, identifier, strlen(identifier) + 1);
    out->version = version;
    memcpy(out->hmac_key, material, 32);
    memcpy(out->cipher_key, material + 32, 32);
    memcpy(out->iv, material + 64, 16);
    OPENSSL_cleanse(material, sizeof material);
    return true;
}

void dev_nexo_key_wipe(dev_nexo_key *key)
{
    if (key)
        OPENSSL_cleanse(key, sizeof *key);
}

/* Standard padded base64 into a new NUL-terminated string; NULL when out of memory. */
static char *base64_encode(const uint8_t *in, size_t n)
{
    char *out = malloc(4 * ((n + 2) / 3) + 1);
    if (out)
        EVP_EncodeBlock((unsigned char *)out, in, (int)n);
    return out;
}

static int base64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/*
 * Strict base64: padded, no whitespace, canonical (unused bits zero), so one
 * byte string has one text. Writes at most cap bytes; false on anything else.
 */
static bool base64_decode(const char *in, size_t n, uint8_t *out, size_t cap, size_t *out_len)
{
    if (n == 0 || n % 4 != 0)
        return false;
    size_t pad = in[n - 1] == '=' ? (in[n - 2] == '=' ? 2 : 1) : 0;
    size_t len = n / 4 * 3 - pad;
    if (len > cap)
        return false;
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        int v[4];
        bool last = i + 4 == n;
        for (int k = 0; k < 4; k++) {
            bool padded = last && k >= 4 - (int)pad;
            v[k] = padded ? (in[i + k] == '=' ? 0 : -1) : base64_value(in[i + k]);
            if (v[k] < 0)
                return false;
        }
        uint32_t w =
            (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        uint8_t bytes[3] = {(uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w};
        size_t take = last ? 3 - pad : 3;
        if (last && pad > 0 && (w & ((1u << (8 * pad)) - 1)) != 0)
            return false; /* bits past the data must be zero */
        memcpy(out + o, bytes, take);
        o += take;
    }
    *out_len = o;
    return true;
}

/* AES-256-CBC with PKCS#7 padding under key->cipher_key and iv = key->iv XOR nonce. */
static enum dev_nexo_crypto_error cbc(const dev_nexo_key *key, const uint8_t *nonce, bool encrypt,
                                      const uint8_t *in, size_t n, uint8_t *out, size_t *out_len)
{
    uint8_t iv[AES_BLOCK];
    for (int i = 0; i < AES_BLOCK; i++)
        iv[i] = key->iv[i] ^ nonce[i];
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (!ctx)
        return DEV_NEXO_CRYPTO_NO_MEMORY;
    int len1 = 0, len2 = 0;
    enum dev_nexo_crypto_error err = DEV_NEXO_CRYPTO_INTERNAL;
    if (EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key->cipher_key, iv, encrypt) == 1 &&
        EVP_CipherUpdate(ctx, out, &len1, in, (int)n) == 1) {
        if (EVP_CipherFinal_ex(ctx, out + len1, &len2) == 1) {
            *out_len = (size_t)len1 + (size_t)len2;
            err = DEV_NEXO_CRYPTO_OK;
        } else if (!encrypt) {
            err = DEV_NEXO_CRYPTO_BAD_HMAC; /* bad padding: not sealed with this key */
        }
    }
    EVP_CIPHER_CTX_free(ctx);
    OPENSSL_cleanse(iv, sizeof iv);
    return err;
}

static bool hmac(const dev_nexo_key *key, const void *data, size_t n, uint8_t out[HMAC_BYTES])
{
    unsigned int len = 0;
    return HMAC(EVP_sha256(), key->hmac_key, sizeof key->hmac_key, data, n, out, &len) &&
           len == HMAC_BYTES;
}

/* The value of the only member of a JSON object, and its name; NULL when it has another count. */
static json_t *single_member(json_t *obj, const char **name)
{
    if (!json_is_object(obj) || json_object_size(obj) != 1)
        return NULL;
    void *it = json_object_iter(obj);
    *name = json_object_iter_key(it);
    return json_object_iter_value(it);
}

static bool message_name_ok(const char *name)
{
    return strcmp(name, "SaleToPOIRequest") == 0 || strcmp(name, "SaleToPOIResponse") == 0;
}

/* The envelope of plain, sealed already into blob/mac: built as JSON (no numbers but ints). */
static enum dev_nexo_crypto_error write_envelope(const dev_nexo_key *key, const char *name,
                                                 json_t *header, const uint8_t *blob,
                                                 size_t blob_len, const uint8_t *nonce,
                                                 const uint8_t *mac, char **out, size_t *out_len)
{
    char *blob64 = base64_encode(blob, blob_len);
    char *nonce64 = base64_encode(nonce, DEV_NEXO_NONCE_BYTES);
    char *mac64 = base64_encode(mac, HMAC_BYTES);
    json_t *env = NULL;
    if (blob64 && nonce64 && mac64)
        env = json_pack("{s:{s:O,s:s,s:{s:i,s:s,s:I,s:s,s:s}}}", name, "MessageHeader", header,
                        "NexoBlob", blob64, "SecurityTrailer", "AdyenCryptoVersion", CRYPTO_VERSION,
                        "KeyIdentifier", key->identifier, "KeyVersion", (json_int_t)key->version,
                        "Nonce", nonce64, "Hmac", mac64);
    free(blob64);
    free(nonce64);
    free(mac64);
    *out = env ? json_dumps(env, JSON_COMPACT) : NULL;
    json_decref(env);
    if (!*out)
        return DEV_NEXO_CRYPTO_NO_MEMORY;
    *out_len = strlen(*out);
    return DEV_NEXO_CRYPTO_OK;
}

enum dev_nexo_crypto_error dev_nexo_seal(const dev_nexo_key *key, const char *plain, size_t len,
                                         const uint8_t *nonce, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (len > DEV_NEXO_MAX_PLAINTEXT)
        return DEV_NEXO_CRYPTO_TOO_LARGE;
    json_t *root = json_loadb(plain, len, JSON_REJECT_DUPLICATES, NULL);
    const char *name = NULL;
    json_t *message = single_member(root, &name);
    json_t *header = json_is_object(message) ? json_object_get(message, "MessageHeader") : NULL;
    if (!message || !message_name_ok(name) || !json_is_object(header)) {
        json_decref(root);
        return DEV_NEXO_CRYPTO_MALFORMED;
    }
    uint8_t fresh[DEV_NEXO_NONCE_BYTES];
    if (!nonce && RAND_bytes(fresh, sizeof fresh) != 1) {
        json_decref(root);
        return DEV_NEXO_CRYPTO_NO_RANDOM;
    }
    if (!nonce)
        nonce = fresh;
    uint8_t mac[HMAC_BYTES];
    uint8_t *blob = malloc(len + AES_BLOCK);
    size_t blob_len = 0;
    enum dev_nexo_crypto_error err = DEV_NEXO_CRYPTO_NO_MEMORY;
    if (blob)
        err = cbc(key, nonce, true, (const uint8_t *)plain, len, blob, &blob_len);
    if (err == DEV_NEXO_CRYPTO_OK && !hmac(key, plain, len, mac))
        err = DEV_NEXO_CRYPTO_INTERNAL;
    if (err == DEV_NEXO_CRYPTO_OK)
        err = write_envelope(key, name, header, blob, blob_len, nonce, mac, out, out_len);
    free(blob);
    json_decref(root);
    return err;
}

/* Decodes the base64 string member `name` of obj into out[cap]; false when absent or bad. */
static bool member_base64(json_t *obj, const char *name, uint8_t *out, size_t cap, size_t *len)
{
    json_t *value = json_object_get(obj, name);
    return json_is_string(value) &&
           base64_decode(json_string_value(value), json_string_length(value), out, cap, len);
}

/* Checks the SecurityTrailer and takes its nonce and HMAC. */
static enum dev_nexo_crypto_error read_trailer(const dev_nexo_key *key, json_t *trailer,
                                               uint8_t nonce[DEV_NEXO_NONCE_BYTES],
                                               uint8_t mac[HMAC_BYTES])
{
    json_t *version = json_object_get(trailer, "AdyenCryptoVersion");
    json_t *id = json_object_get(trailer, "KeyIdentifier");
    json_t *key_version = json_object_get(trailer, "KeyVersion");
    if (!json_is_object(trailer) || !json_is_integer(version) || !json_is_string(id) ||
        !json_is_integer(key_version))
        return DEV_NEXO_CRYPTO_MALFORMED;
    if (json_integer_value(version) != CRYPTO_VERSION)
        return DEV_NEXO_CRYPTO_UNSUPPORTED;
    if (strcmp(json_string_value(id), key->identifier) != 0 ||
        json_string_length(id) != strlen(key->identifier) ||
        json_integer_value(key_version) != (json_int_t)key->version)
        return DEV_NEXO_CRYPTO_WRONG_KEY;
    size_t nonce_len = 0, mac_len = 0;
    if (!member_base64(trailer, "Nonce", nonce, DEV_NEXO_NONCE_BYTES, &nonce_len) ||
        nonce_len != DEV_NEXO_NONCE_BYTES ||
        !member_base64(trailer, "Hmac", mac, HMAC_BYTES, &mac_len) || mac_len != HMAC_BYTES)
        return DEV_NEXO_CRYPTO_MALFORMED;
    return DEV_NEXO_CRYPTO_OK;
}

/* Decrypts and authenticates blob into a new NUL-terminated *plain. */
static enum dev_nexo_crypto_error decrypt_blob(const dev_nexo_key *key, const uint8_t *blob,
                                               size_t blob_len, const uint8_t *nonce,
                                               const uint8_t *mac, char **plain, size_t *plain_len)
{
    char *text = malloc(blob_len + AES_BLOCK + 1);
    if (!text)
        return DEV_NEXO_CRYPTO_NO_MEMORY;
    size_t n = 0;
    uint8_t expect[HMAC_BYTES];
    enum dev_nexo_crypto_error err = cbc(key, nonce, false, blob, blob_len, (uint8_t *)text, &n);
    if (err == DEV_NEXO_CRYPTO_OK && !hmac(key, text, n, expect))
        err = DEV_NEXO_CRYPTO_INTERNAL;
    if (err == DEV_NEXO_CRYPTO_OK && CRYPTO_memcmp(expect, mac, HMAC_BYTES) != 0)
        err = DEV_NEXO_CRYPTO_BAD_HMAC;
    if (err != DEV_NEXO_CRYPTO_OK) {
        OPENSSL_cleanse(text, blob_len);
        free(text);
        return err;
    }
    text[n] = '\0';
    *plain = text;
    *plain_len = n;
    return DEV_NEXO_CRYPTO_OK;
}

enum dev_nexo_crypto_error dev_nexo_open(const dev_nexo_key *key, const char *expect,
                                         const char *envelope, size_t len, char **plain,
                                         size_t *plain_len)
{
    *plain = NULL;
    *plain_len = 0;
    if (len > DEV_NEXO_MAX_ENVELOPE)
        return DEV_NEXO_CRYPTO_TOO_LARGE;
    json_t *root = json_loadb(envelope, len, JSON_REJECT_DUPLICATES, NULL);
    const char *name = NULL;
    json_t *message = single_member(root, &name);
    json_t *blob64 = json_object_get(message, "NexoBlob");
    enum dev_nexo_crypto_error err = DEV_NEXO_CRYPTO_MALFORMED;
    if (message && strcmp(name, expect) == 0 && json_is_object(message) &&
        json_is_object(json_object_get(message, "MessageHeader")) && json_is_string(blob64)) {
        uint8_t nonce[DEV_NEXO_NONCE_BYTES], mac[HMAC_BYTES];
        err = read_trailer(key, json_object_get(message, "SecurityTrailer"), nonce, mac);
        size_t cap = json_string_length(blob64) / 4 * 3, blob_len = 0;
        uint8_t *blob = err == DEV_NEXO_CRYPTO_OK ? malloc(cap ? cap : 1) : NULL;
        if (err == DEV_NEXO_CRYPTO_OK && !blob)
            err = DEV_NEXO_CRYPTO_NO_MEMORY;
        if (err == DEV_NEXO_CRYPTO_OK &&
            (!base64_decode(json_string_value(blob64), json_string_length(blob64), blob, cap,
                            &blob_len) ||
             blob_len == 0 || blob_len % AES_BLOCK != 0))
            err = DEV_NEXO_CRYPTO_MALFORMED;
        if (err == DEV_NEXO_CRYPTO_OK && blob_len > DEV_NEXO_MAX_PLAINTEXT + AES_BLOCK)
            err = DEV_NEXO_CRYPTO_TOO_LARGE;
        if (err == DEV_NEXO_CRYPTO_OK)
            err = decrypt_blob(key, blob, blob_len, nonce, mac, plain, plain_len);
        free(blob);
    }
    json_decref(root);
    return err;
}
