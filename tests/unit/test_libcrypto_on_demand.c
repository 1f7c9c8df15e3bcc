/*
 * libcrypto loaded on its first call (devices/common/libcrypto_on_demand.c):
 * this test program is linked as the kiosk is (KS_CRYPTO_ON_DEMAND,
 * tests/CMakeLists.txt), so libcrypto is not mapped until it calls one of
 * OpenSSL's functions; clearing memory and freeing NULL load nothing; then
 * digests, MACs, keys from passwords, base64, random bytes and a cipher
 * round trip through the forwarders give OpenSSL's answers (the published
 * test vectors). The kiosk names no libcrypto among its NEEDED libraries
 * (tests/unit/test_sdl_on_demand.c).
 */
#include <dlfcn.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "tests/support/check.h"

#define LIBCRYPTO_SONAME "libcrypto.so.3"

static bool libcrypto_mapped(void)
{
    void *h = dlopen(LIBCRYPTO_SONAME, RTLD_LAZY | RTLD_NOLOAD);
    if (h)
        dlclose(h);
    return h != NULL;
}

/* bytes[n] as lower-case hex into out[2n + 1]. */
static const char *hex_of(const unsigned char *bytes, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
    out[2 * n] = '\0';
    return out;
}

static void clearing_and_freeing_null_load_nothing(void)
{
    CHECK(!libcrypto_mapped());
    char secret[] = "0123456789";
    OPENSSL_cleanse(secret, sizeof secret);
    static const char zeros[sizeof secret];
    CHECK(memcmp(secret, zeros, sizeof secret) == 0);
    OPENSSL_free(NULL);
    EVP_MD_CTX_free(NULL);
    EVP_CIPHER_CTX_free(NULL);
    EVP_PKEY_free(NULL);
    X509_free(NULL);
    BN_free(NULL);
    CHECK(!libcrypto_mapped());
}

static void libcrypto_is_loaded_by_the_first_call(void)
{
    unsigned char md[SHA256_DIGEST_LENGTH];
    char hex[2 * SHA256_DIGEST_LENGTH + 1];
    CHECK(SHA256((const unsigned char *)"abc", 3, md) == md);
    CHECK_EQ_STR(hex_of(md, sizeof md, hex),
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(libcrypto_mapped());
}

static void answers_are_openssl_s(void)
{
    unsigned char md[SHA256_DIGEST_LENGTH];
    char hex[2 * SHA256_DIGEST_LENGTH + 1];
    unsigned int md_len = 0;
    /* RFC 4231, test case 2. */
    CHECK(HMAC(EVP_sha256(), "Jefe", 4, (const unsigned char *)"what do ya want for nothing?", 28,
               md, &md_len) == md);
    CHECK_EQ_INT((int)md_len, SHA256_DIGEST_LENGTH);
    CHECK_EQ_STR(hex_of(md, sizeof md, hex),
                 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /* FIPS 180-2's "abc" again through EVP_Digest. */
    CHECK_EQ_INT(EVP_Digest("abc", 3, md, &md_len, EVP_sha256(), NULL), 1);
    CHECK_EQ_STR(hex_of(md, sizeof md, hex),
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* RFC 6070, the first PBKDF2-HMAC-SHA1 vector; and SHA-256's of the same inputs. */
    unsigned char key[20];
    CHECK_EQ_INT(
        PKCS5_PBKDF2_HMAC_SHA1("password", 8, (const unsigned char *)"salt", 4, 1, sizeof key, key),
        1);
    CHECK_EQ_STR(hex_of(key, sizeof key, hex), "0c60c80f961f0e71f3a9b524af6012062fe037a6");
    unsigned char key256[32];
    CHECK_EQ_INT(PKCS5_PBKDF2_HMAC("password", 8, (const unsigned char *)"salt", 4, 1, EVP_sha256(),
                                   sizeof key256, key256),
                 1);
    CHECK_EQ_STR(hex_of(key256, sizeof key256, hex),
                 "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    /* Base64 both ways; CRYPTO_memcmp; random bytes. */
    unsigned char b64[16], plain[16];
    CHECK_EQ_INT(EVP_EncodeBlock(b64, (const unsigned char *)"abcd", 4), 8);
    CHECK_EQ_STR((const char *)b64, "YWJjZA==");
    CHECK_EQ_INT(EVP_DecodeBlock(plain, b64, 8), 6); /* padding counted, as OpenSSL does */
    CHECK(memcmp(plain, "abcd", 4) == 0);
    CHECK_EQ_INT(CRYPTO_memcmp("same", "same", 4), 0);
    CHECK(CRYPTO_memcmp("same", "sane", 4) != 0);
    unsigned char random[32] = {0};
    CHECK_EQ_INT(RAND_bytes(random, sizeof random), 1);
    static const unsigned char zeros[sizeof random];
    CHECK(memcmp(random, zeros, sizeof random) != 0);
}

static void a_cipher_round_trip(void)
{
    static const unsigned char key[32] = "an AES-256 key of 32 bytes, yes",
                               iv[16] = "sixteen byte iv";
    static const char text[] = "a card reader's session key";
    unsigned char sealed[64], opened[64];
    int n = 0, tail = 0, m = 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    CHECK(ctx);
    CHECK_EQ_INT(EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv, 1), 1);
    CHECK_EQ_INT(EVP_CipherUpdate(ctx, sealed, &n, (const unsigned char *)text, sizeof text), 1);
    CHECK_EQ_INT(EVP_CipherFinal_ex(ctx, sealed + n, &tail), 1);
    n += tail;
    CHECK_EQ_INT(n, 32); /* 28 bytes padded to two blocks */
    CHECK_EQ_INT(EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv, 0), 1);
    CHECK_EQ_INT(EVP_CipherUpdate(ctx, opened, &m, sealed, n), 1);
    CHECK_EQ_INT(EVP_CipherFinal_ex(ctx, opened + m, &tail), 1);
    m += tail;
    CHECK_EQ_INT(m, (int)sizeof text);
    CHECK(memcmp(opened, text, sizeof text) == 0);
    EVP_CIPHER_CTX_free(ctx);
}

static const struct check_case cases[] = {
    {"clearing and freeing NULL load nothing", clearing_and_freeing_null_load_nothing},
    {"libcrypto is loaded by the first call", libcrypto_is_loaded_by_the_first_call},
    {"answers are OpenSSL's", answers_are_openssl_s},
    {"a cipher round trip", a_cipher_round_trip},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
