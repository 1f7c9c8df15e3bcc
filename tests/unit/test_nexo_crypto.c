/*
 * nexo local message security (devices/payment/nexo_crypto.c): known
 * answers from Adyen's own library, tampering, and the envelope reader's
 * refusals.
 *
 * The vectors below were produced with @adyen/api-library 32.1.0 (npm) on
 * Node 20: NexoDerivedKeyGenerator.deriveKeyMaterial for the keys, and
 * NexoCrypto.encrypt with generateRandomIvNonce replaced by the fixed nonce
 * for the envelopes (KeyIdentifier "KIOSK_KEY", KeyVersion 1); the same
 * library decrypted them back. Sealing the plain text with that nonce here
 * must give the same NexoBlob and Hmac, and opening their envelope must give
 * the plain text, so the two implementations agree in both directions.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "devices/payment/nexo_crypto.h"
#include "tests/support/check.h"

struct derive_vector {
    const char *passphrase, *hmac_hex, *cipher_hex, *iv_hex;
};

struct seal_vector {
    const char *passphrase, *nonce_hex, *plain, *envelope;
};

/* clang-format off */
static const struct derive_vector derive_vectors[] = {
    {"mysupersecretpassphrase",
     "633651f2a778f91ef37ca2eae92d2f8e58073b766d26899967dc1202c1444742",
     "89b3399a5c77fc0c38762ba1529488d19b4daf8360a2ef3f7a0b06d23c89b12a",
     "17be85c2e52ba327bdce1910f4c2c7de"},
    {"K",
     "66b76cb0d7935319648c7bd8043737c6ec8d10861deb7bd5ca145f67e4e24c5a",
     "02fdb03a305be42d9aed15cbad56554f8cd63f95fc6fca5752f401e9fbc926a7",
     "95a341076ad92f7b34641fe9d193ffc6"},
    {"kiosk-test-passphrase-0001",
     "357b554774ba84d23807afe2511a081befa9875c4c26a8081c1621deef286011",
     "11e91d82e504d6d35ce2e3ca689fea936a6146a2b18f8e6b957b1b1ffdeefd01",
     "2225a7272a75ab6519d914e92015bf47"},
};

static const struct seal_vector seal_vectors[] = {
    {"mysupersecretpassphrase", "000102030405060708090a0b0c0d0e0f",
     "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\",\"MessageClass"
     "\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Request\",\"Service"
     "ID\":\"0207111104\",\"SaleID\":\"KIOSK-01\",\"POIID\":\"V400m-324688179\"},\"Payment"
     "Request\":{\"SaleData\":{\"SaleTransactionID\":{\"TransactionID\":\"7f1c2d3e-0000-40"
     "00-8000-000000000001\",\"TimeStamp\":\"2026-11-24T09:30:00Z\"}},\"PaymentTransaction"
     "\":{\"AmountsReq\":{\"Currency\":\"SAR\",\"RequestedAmount\":68.5}}}}}",
     "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\",\"MessageClass"
     "\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Request\",\"Service"
     "ID\":\"0207111104\",\"SaleID\":\"KIOSK-01\",\"POIID\":\"V400m-324688179\"},\"NexoBlo"
     "b\":\"gP0vnBpYJLc06akeJiZwNBlFjrp5++STsmoXHGz4jwAr9O5BymB2RSOz7rVhr/LFcdA758vrh2gO+M"
     "8T4iOaJLQAfb5eDZ8lxGMPOHND4Vk4KprvToxY+JwS9n+qwOsPArftu0j7O6HRgXaJSrvz0IFt4ypqgELLD4"
     "O3F5aG+dpBD1RjvD0j8QQIcAinYZ7Z72BpEyEdg16jHvtBsKEzpVFd44ivkzYfUEhmCAtNID6CBWMFkjgOJs"
     "d4SgnJApcbnhw8tTVtuofUJOo3bl7qlSzEYTgSeBpwSKBRKm6Elv29lGhWGahoL361LQgV5O+6AHCDg8pva7"
     "05lbD2mYDoetP6nDLXAuvF+uJuOS05T38OT+m5rASfF0UrOdrcNZCV3ZMxnIQxeqxgaUaNKTVU6uc9aVBGIl"
     "RgLW8lG1Y7qMUC4nLWXaNCGgLSzMhSlh2IV1hn/Idz+OPNwBEhnz3W46iwTneMl1d3gE0p7wDvE9fecZ+wIp"
     "GCU8SYBCeQQij54ttZZFChWwYuTy3mhqhlsIivULpWuidyP9j4ZTYgae1s2e6PgB/Yi6XLGWqF0uEEJYjyib"
     "z2uIBBp+dgBhhjGQ==\",\"SecurityTrailer\":{\"AdyenCryptoVersion\":1,\"Hmac\":\"LOVZQq"
     "R/BkTq7mAjpJKxIGxRvBG444z0AT2L/K4SERw=\",\"KeyIdentifier\":\"KIOSK_KEY\",\"KeyVersio"
     "n\":1,\"Nonce\":\"AAECAwQFBgcICQoLDA0ODw==\"}}}"},
    {"kiosk-test-passphrase-0001", "ffeeddccbbaa99887766554433221100",
     "{\"SaleToPOIResponse\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\",\"MessageClas"
     "s\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Response\",\"Servi"
     "ceID\":\"0207111104\",\"SaleID\":\"KIOSK-01\",\"POIID\":\"V400m-324688179\"},\"Payme"
     "ntResponse\":{\"Response\":{\"Result\":\"Success\"},\"SaleData\":{\"SaleTransactionI"
     "D\":{\"TransactionID\":\"T1\",\"TimeStamp\":\"2026-11-24T09:30:00Z\"}},\"POIData\":{"
     "\"POITransactionID\":{\"TransactionID\":\"BV0q001765459350001.V4HZ4RW8KVJJKX3N\",\"T"
     "imeStamp\":\"2026-11-24T09:30:05Z\"}},\"PaymentResult\":{\"PaymentInstrumentData\":{"
     "\"CardData\":{\"MaskedPan\":\"484783******1234\",\"PaymentBrand\":\"mada\"}},\"Payme"
     "ntAcquirerData\":{\"ApprovalCode\":\"A1B2C3\"},\"AmountsResp\":{\"Currency\":\"SAR\""
     ",\"AuthorizedAmount\":68.5}}}}}",
     "{\"SaleToPOIResponse\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\",\"MessageClas"
     "s\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Response\",\"Servi"
     "ceID\":\"0207111104\",\"SaleID\":\"KIOSK-01\",\"POIID\":\"V400m-324688179\"},\"NexoB"
     "lob\":\"6yoNm+Bjk7i1Vo4kiuPkXK4HXwziGH2B/Sd/WUrV4xUk17OIRVn3KbQbs9BMAY+ENPREq/KrlsUV"
     "dhYN7eUQ7u0+EWt0kPr+UjU1P8RKUlQlXc3XVYyMRDp0s156MnRdyOjq9vvG3gaopAGAhne7gzqRfoMAzOvt"
     "+WVpGFoERZ6my5XP3xHeYz2z9e+n9fvKdKcAxUjavwj2bzCCHbSapShYhExisYT6xrwSKnQFDg2FbysSasR+"
     "AY+YUIKpS9bepIRHr2Jkp91bvXIAP11Uy+nPvdOhcstSGePyyqLeWRhbbwGZwwKvKAoXHD2vivKPTBMFnkfW"
     "Raw+AvwYLh1HfH2kdhT1syjZq/SufwPPoSGHLOuMdCb8Y0bFivmvU9rEp2Frbn5dSLG5ONJr3qkekGJy6J5G"
     "ldCkrOD86ip59Qqspd3VfB/1eNbhrc8FCTOIraYF5CK5i4QLaKA+TpoLL3yMRHfpUWPNxeDCtmsuXvv2J5Y+"
     "cDmx9ZwN/6+mCKGhcq2UdoghH7KAqm8yGFIrQHGtGtDdvnqk3xfZ3pX56j121Q179CUjbeTYi0hwG3fEGKiq"
     "Du8UAlzb8kCrTP2y7wZvlMEmtcXrApggNWPGjQvVCKoHQpuAjbc35aUcEtMUIddBDbMPt5El8Us889xwFY2f"
     "vondGWgbnqCoNpQ6f/ENTC22rx+L9WQ/YdKoV9VNCo+9o16wekDJwCUv3eLOcPWBKMfPb7XJAVQsGGnx36m7"
     "3yHKSFZvMRR2rhFGq0conx1D3/JZh5SzA4igq2Q6EQiSKzAzqAw9CcBP3DzQmMeESHm2QXVNJsBjc+wX/eUT"
     "fR6ggKPs2sfLOZOHzpwGkZMNEDEpR5WOYl6NfbNU94/HrNPCZwftoQ9stfjjC94QuIPGJh8GIwh1mXWAFBpw"
     "/bvDCX1VCeu5b17ANxjd9wQ=\",\"SecurityTrailer\":{\"AdyenCryptoVersion\":1,\"Hmac\":\""
     "JRkex4wN9YTOao8F793k/YW1KOVXmsUsxKrqOsqKl3k=\",\"KeyIdentifier\":\"KIOSK_KEY\",\"Key"
     "Version\":1,\"Nonce\":\"/+7dzLuqmYh3ZlVEMyIRAA==\"}}}"},
    {"K", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a",
     "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"MessageCategory\":\"Abort\",\"MessageCla"
     "ss\":\"Service\",\"MessageType\":\"Request\",\"POIID\":\"P\",\"SaleID\":\"S\",\"Serv"
     "iceID\":\"X\"},\"AbortRequest\":{\"AbortReason\":\"MerchantAbort-Vec3\"}}}",
     "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"MessageCategory\":\"Abort\",\"MessageCla"
     "ss\":\"Service\",\"MessageType\":\"Request\",\"POIID\":\"P\",\"SaleID\":\"S\",\"Serv"
     "iceID\":\"X\"},\"NexoBlob\":\"+tELmgh0sFYyJ2ExipZ5cb+U6Hkxw8xoQQ1x4UktkDzOLH4wPIizU7"
     "fDyyMCN4Y85GbeiEj6oUj3JXg6BjQKYrBoqJufDdozmRgKYDY7rXy+8spb2v7ifO/qvROrGWDBJbtKOk2IUm"
     "tRXSb4UaW8S9N5GlLDrAGVYmtpBO1ATIlqGHIv1N/WEhsuZoAz/q+StDVVFJ0OOw7zHhrUalsnCuKmKH+Lg/"
     "PaCBRF0Iwt3iKdM75CHE6FLzS/CyyDpQfN4DLMv6vG4xMhMHCsGuFiy048rs5Z+7eG2Z9JoaOFfks=\",\"S"
     "ecurityTrailer\":{\"AdyenCryptoVersion\":1,\"Hmac\":\"MDNqbea+VQRLxn9H8TqAoI8N8NHTwT"
     "pSfWfU59QtJG0=\",\"KeyIdentifier\":\"KIOSK_KEY\",\"KeyVersion\":1,\"Nonce\":\"WlpaWl"
     "paWlpaWlpaWlpaWg==\"}}}"},
};
/* clang-format on */

static void hex_decode(const char *hex, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

static bool derive(dev_nexo_key *key, const char *passphrase)
{
    return dev_nexo_key_derive(key, "KIOSK_KEY", 1, passphrase, strlen(passphrase));
}

static void test_derive_matches_adyen(void)
{
    for (size_t i = 0; i < CHECK_COUNT(derive_vectors); i++) {
        const struct derive_vector *v = &derive_vectors[i];
        dev_nexo_key key;
        CHECK(derive(&key, v->passphrase));
        uint8_t expect[32];
        hex_decode(v->hmac_hex, expect, 32);
        CHECK(memcmp(key.hmac_key, expect, 32) == 0);
        hex_decode(v->cipher_hex, expect, 32);
        CHECK(memcmp(key.cipher_key, expect, 32) == 0);
        hex_decode(v->iv_hex, expect, 16);
        CHECK(memcmp(key.iv, expect, 16) == 0);
        CHECK_EQ_STR(key.identifier, "KIOSK_KEY");
        dev_nexo_key_wipe(&key);
        CHECK(key.hmac_key[0] == 0 && key.identifier[0] == '\0');
    }
}

static void test_derive_refuses_bad_arguments(void)
{
    dev_nexo_key key;
    char long_id[DEV_NEXO_KEY_ID_MAX + 2];
    memset(long_id, 'k', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    char long_pass[DEV_NEXO_PASSPHRASE_MAX + 1];
    memset(long_pass, 'p', sizeof long_pass);
    CHECK(!dev_nexo_key_derive(&key, "KIOSK_KEY", 1, "", 0));
    CHECK(!dev_nexo_key_derive(&key, "", 1, "secret", 6));
    CHECK(!dev_nexo_key_derive(&key, long_id, 1, "secret", 6));
    CHECK(!dev_nexo_key_derive(&key, "KEY\n", 1, "secret", 6));
    CHECK(!dev_nexo_key_derive(&key, "KIOSK_KEY", 1, long_pass, sizeof long_pass));
    CHECK(dev_nexo_key_derive(&key, "KIOSK_KEY", 1, long_pass, sizeof long_pass - 1));
}

/* The string at envelope.<name>.<member> (or .SecurityTrailer.<member> when trailer). */
static const char *envelope_field(json_t *env, bool trailer, const char *member)
{
    void *it = json_object_iter(env);
    json_t *message = json_object_iter_value(it);
    json_t *obj = trailer ? json_object_get(message, "SecurityTrailer") : message;
    return json_string_value(json_object_get(obj, member));
}

static void test_seal_matches_adyen(void)
{
    for (size_t i = 0; i < CHECK_COUNT(seal_vectors); i++) {
        const struct seal_vector *v = &seal_vectors[i];
        dev_nexo_key key;
        CHECK(derive(&key, v->passphrase));
        uint8_t nonce[16];
        hex_decode(v->nonce_hex, nonce, 16);
        char *sealed = NULL;
        size_t len = 0;
        CHECK_EQ_INT(dev_nexo_seal(&key, v->plain, strlen(v->plain), nonce, &sealed, &len),
                     DEV_NEXO_CRYPTO_OK);
        CHECK_EQ_INT(len, strlen(sealed));
        json_t *ours = json_loads(sealed, 0, NULL);
        json_t *theirs = json_loads(v->envelope, 0, NULL);
        free(sealed);
        bool same = ours && theirs;
        static const char *const body[] = {"NexoBlob"};
        static const char *const trailer[] = {"Nonce", "Hmac", "KeyIdentifier"};
        for (size_t k = 0; same && k < CHECK_COUNT(body); k++)
            same = envelope_field(ours, false, body[k]) &&
                   strcmp(envelope_field(ours, false, body[k]),
                          envelope_field(theirs, false, body[k])) == 0;
        for (size_t k = 0; same && k < CHECK_COUNT(trailer); k++)
            same = envelope_field(ours, true, trailer[k]) &&
                   strcmp(envelope_field(ours, true, trailer[k]),
                          envelope_field(theirs, true, trailer[k])) == 0;
        /* The clear header is a copy of the message's own. */
        void *a = json_object_iter(ours), *b = json_object_iter(theirs);
        same = same && json_equal(json_object_get(json_object_iter_value(a), "MessageHeader"),
                                  json_object_get(json_object_iter_value(b), "MessageHeader"));
        json_decref(ours);
        json_decref(theirs);
        CHECK(same);
    }
}

static void test_open_adyen_envelopes(void)
{
    for (size_t i = 0; i < CHECK_COUNT(seal_vectors); i++) {
        const struct seal_vector *v = &seal_vectors[i];
        dev_nexo_key key;
        CHECK(derive(&key, v->passphrase));
        const char *name =
            strstr(v->envelope, "SaleToPOIRequest") ? "SaleToPOIRequest" : "SaleToPOIResponse";
        char *plain = NULL;
        size_t len = 0;
        CHECK_EQ_INT(dev_nexo_open(&key, name, v->envelope, strlen(v->envelope), &plain, &len),
                     DEV_NEXO_CRYPTO_OK);
        CHECK_EQ_INT(len, strlen(v->plain));
        CHECK_EQ_STR(plain, v->plain);
        free(plain);
    }
}

static void test_random_nonces_round_trip(void)
{
    dev_nexo_key key;
    CHECK(derive(&key, "kiosk-test-passphrase-0001"));
    const char *plain = seal_vectors[1].plain;
    char *a = NULL, *b = NULL, *back = NULL;
    size_t alen, blen, back_len;
    CHECK_EQ_INT(dev_nexo_seal(&key, plain, strlen(plain), NULL, &a, &alen), DEV_NEXO_CRYPTO_OK);
    CHECK_EQ_INT(dev_nexo_seal(&key, plain, strlen(plain), NULL, &b, &blen), DEV_NEXO_CRYPTO_OK);
    bool differ = strcmp(a, b) != 0;
    enum dev_nexo_crypto_error err =
        dev_nexo_open(&key, "SaleToPOIResponse", b, blen, &back, &back_len);
    bool same = back && strcmp(back, plain) == 0;
    free(a);
    free(b);
    free(back);
    CHECK(differ);
    CHECK_EQ_INT(err, DEV_NEXO_CRYPTO_OK);
    CHECK(same);
}

static void test_seal_refuses_non_messages(void)
{
    static const char *const bad[] = {
        "",
        "[]",
        "{\"SaleToPOIRequest\":{}}",
        "{\"SaleToPOIRequest\":{\"MessageHeader\":[]}}",
        "{\"Something\":{\"MessageHeader\":{}}}",
        "{\"SaleToPOIRequest\":{\"MessageHeader\":{}},\"SaleToPOIResponse\":{}}",
        "{\"SaleToPOIRequest\":{\"MessageHeader\":{},\"MessageHeader\":{}}}",
    };
    dev_nexo_key key;
    CHECK(derive(&key, "K"));
    for (size_t i = 0; i < CHECK_COUNT(bad); i++) {
        char *out = (char *)"untouched";
        size_t len = 1;
        CHECK_EQ_INT(dev_nexo_seal(&key, bad[i], strlen(bad[i]), NULL, &out, &len),
                     DEV_NEXO_CRYPTO_MALFORMED);
        CHECK(out == NULL);
    }
}

/*
 * Envelope refusals: each case replaces one member of a good envelope (sealed
 * from seal_vectors[1] under its passphrase) with a JSON value, or removes it
 * (replacement NULL), or (whole) replaces the entire text.
 */
struct tamper_case {
    const char *name;
    bool trailer;            /* the member is in SecurityTrailer */
    const char *member;      /* NULL: use whole */
    const char *replacement; /* JSON; NULL removes the member */
    const char *whole;
    enum dev_nexo_crypto_error expect;
};

static const struct tamper_case tamper_cases[] = {
    {"not JSON", false, NULL, NULL, "{\"SaleToPOIResponse\":", DEV_NEXO_CRYPTO_MALFORMED},
    {"wrong message name", false, NULL, NULL,
     "{\"SaleToPOIRequest\":{\"MessageHeader\":{},\"NexoBlob\":\"AAAA\"}}",
     DEV_NEXO_CRYPTO_MALFORMED},
    {"two messages", false, NULL, NULL, "{\"SaleToPOIResponse\":{},\"SaleToPOIRequest\":{}}",
     DEV_NEXO_CRYPTO_MALFORMED},
    {"a plain, unsealed answer", false, NULL, NULL,
     "{\"SaleToPOIResponse\":{\"MessageHeader\":{},\"PaymentResponse\":{}}}",
     DEV_NEXO_CRYPTO_MALFORMED},
    {"no header", false, "MessageHeader", NULL, NULL, DEV_NEXO_CRYPTO_MALFORMED},
    {"blob not a string", false, "NexoBlob", "42", NULL, DEV_NEXO_CRYPTO_MALFORMED},
    {"blob empty", false, "NexoBlob", "\"\"", NULL, DEV_NEXO_CRYPTO_MALFORMED},
    {"blob not whole blocks", false, "NexoBlob", "\"AAAAAAAAAAAAAAAAAAAA\"", NULL,
     DEV_NEXO_CRYPTO_MALFORMED},
    {"blob with a line break", false, "NexoBlob",
     "\"AAAAAAAAAAAAAAAAAAAA\\nAAAAAAAAAAAAAAAAAAAAAAA=\"", NULL, DEV_NEXO_CRYPTO_MALFORMED},
    {"blob altered", false, "NexoBlob", "\"AAAAAAAAAAAAAAAAAAAAAA==\"", NULL,
     DEV_NEXO_CRYPTO_BAD_HMAC},
    {"no trailer", false, "SecurityTrailer", NULL, NULL, DEV_NEXO_CRYPTO_MALFORMED},
    {"crypto version 2", true, "AdyenCryptoVersion", "2", NULL, DEV_NEXO_CRYPTO_UNSUPPORTED},
    {"crypto version as text", true, "AdyenCryptoVersion", "\"1\"", NULL,
     DEV_NEXO_CRYPTO_MALFORMED},
    {"another key identifier", true, "KeyIdentifier", "\"OTHER_KEY\"", NULL,
     DEV_NEXO_CRYPTO_WRONG_KEY},
    {"another key version", true, "KeyVersion", "2", NULL, DEV_NEXO_CRYPTO_WRONG_KEY},
    {"nonce of 15 bytes", true, "Nonce", "\"AAAAAAAAAAAAAAAAAAAA\"", NULL,
     DEV_NEXO_CRYPTO_MALFORMED},
    {"nonce not canonical", true, "Nonce", "\"AAAAAAAAAAAAAAAAAAAAAB==\"", NULL,
     DEV_NEXO_CRYPTO_MALFORMED},
    {"nonce changed", true, "Nonce", "\"AAAAAAAAAAAAAAAAAAAAAA==\"", NULL,
     DEV_NEXO_CRYPTO_BAD_HMAC},
    {"hmac of 31 bytes", true, "Hmac", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\"", NULL,
     DEV_NEXO_CRYPTO_MALFORMED},
    {"hmac changed", true, "Hmac", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"", NULL,
     DEV_NEXO_CRYPTO_BAD_HMAC},
    {"hmac missing", true, "Hmac", NULL, NULL, DEV_NEXO_CRYPTO_MALFORMED},
};

static char *tampered(const char *good, const struct tamper_case *c)
{
    if (!c->member)
        return strdup(c->whole);
    json_t *env = json_loads(good, 0, NULL);
    json_t *message = json_object_iter_value(json_object_iter(env));
    json_t *obj = c->trailer ? json_object_get(message, "SecurityTrailer") : message;
    if (c->replacement)
        json_object_set_new(obj, c->member, json_loads(c->replacement, JSON_DECODE_ANY, NULL));
    else
        json_object_del(obj, c->member);
    char *text = json_dumps(env, JSON_COMPACT);
    json_decref(env);
    return text;
}

static void test_open_refuses(void)
{
    dev_nexo_key key;
    CHECK(derive(&key, seal_vectors[1].passphrase));
    const char *plain = seal_vectors[1].plain;
    char *good = NULL;
    size_t len = 0;
    CHECK_EQ_INT(dev_nexo_seal(&key, plain, strlen(plain), NULL, &good, &len), DEV_NEXO_CRYPTO_OK);
    int failures = 0;
    for (size_t i = 0; i < CHECK_COUNT(tamper_cases); i++) {
        const struct tamper_case *c = &tamper_cases[i];
        char *text = tampered(good, c);
        char *out = NULL;
        size_t out_len = 0;
        enum dev_nexo_crypto_error err =
            dev_nexo_open(&key, "SaleToPOIResponse", text, strlen(text), &out, &out_len);
        if (err != c->expect || out) {
            fprintf(stderr, "  %s: got %s, expected %s\n", c->name, dev_nexo_crypto_strerror(err),
                    dev_nexo_crypto_strerror(c->expect));
            failures++;
        }
        free(text);
        free(out);
    }
    free(good);
    CHECK_EQ_INT(failures, 0);
}

static void test_other_passphrase_is_bad_hmac(void)
{
    dev_nexo_key key;
    CHECK(derive(&key, "not-the-passphrase"));
    const struct seal_vector *v = &seal_vectors[0];
    char *out = NULL;
    size_t len = 0;
    enum dev_nexo_crypto_error err =
        dev_nexo_open(&key, "SaleToPOIRequest", v->envelope, strlen(v->envelope), &out, &len);
    CHECK_EQ_INT(err, DEV_NEXO_CRYPTO_BAD_HMAC);
    CHECK(out == NULL);
    CHECK_CONTAINS(dev_nexo_crypto_strerror(err), "HMAC");
}

static void test_size_limits(void)
{
    dev_nexo_key key;
    CHECK(derive(&key, "K"));
    size_t big = DEV_NEXO_MAX_ENVELOPE + 1;
    char *text = calloc(1, big + 1);
    CHECK(text);
    memset(text, ' ', big);
    char *out = NULL;
    size_t len = 0;
    enum dev_nexo_crypto_error open_err =
        dev_nexo_open(&key, "SaleToPOIResponse", text, big, &out, &len);
    enum dev_nexo_crypto_error seal_err =
        dev_nexo_seal(&key, text, DEV_NEXO_MAX_PLAINTEXT + 1, NULL, &out, &len);
    free(text);
    CHECK_EQ_INT(open_err, DEV_NEXO_CRYPTO_TOO_LARGE);
    CHECK_EQ_INT(seal_err, DEV_NEXO_CRYPTO_TOO_LARGE);
}

static const struct check_case cases[] = {
    {"derived keys match Adyen's library", test_derive_matches_adyen},
    {"derivation refuses bad names and passphrases", test_derive_refuses_bad_arguments},
    {"sealing with Adyen's nonce gives Adyen's envelope", test_seal_matches_adyen},
    {"envelopes sealed by Adyen's library open", test_open_adyen_envelopes},
    {"random nonces differ and round-trip", test_random_nonces_round_trip},
    {"sealing refuses what is not a nexo message", test_seal_refuses_non_messages},
    {"opening refuses malformed and altered envelopes", test_open_refuses},
    {"another passphrase is a bad HMAC", test_other_passphrase_is_bad_hmac},
    {"size limits", test_size_limits},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
