/*
 * libcrypto (OpenSSL 3), loaded when it is first called instead of at
 * every start.
 *
 * libcrypto was the heaviest library left before the kiosk's main (about
 * 120 of the loader's page faults, 3.3 MiB mapped), though nothing the
 * first frame needs calls it: the menu file's hash runs only when the file
 * changed, the staff secrets when a badge is checked, the rest in the
 * payment, delivery, e-invoicing and onboarding work. So the kiosk does not
 * link it: this file defines each libcrypto function the kiosk calls, with
 * OpenSSL's own prototype from its headers (the compiler refuses one that
 * differs), and each forwards to the real function, which the first call
 * finds with dlopen("libcrypto.so.3") and dlsym, once per process whichever
 * thread calls first (devices/common/library_on_demand.c, shared with
 * libcurl's, libxml2's and SDL2's). OpenSSL 3 starts itself on first use.
 *
 * A program links this instead of libcrypto when its KS_CRYPTO_ON_DEMAND
 * property is set (devices/CMakeLists.txt: the kiosk); the others link
 * libcrypto, so no program defines these names twice. A function the kiosk
 * starts calling must be added below, or its link fails.
 *
 * When libcrypto cannot be loaded (the package is missing) every call fails
 * as OpenSSL's do: NULL, 0, or -1 where OpenSSL gives that (the encodings,
 * i2d_*), and CRYPTO_memcmp says "different". Frees of NULL and of what was
 * never allocated load nothing, and OPENSSL_cleanse clears the memory here
 * without the library. kiosk/docs/ARCHITECTURE.md, "Start-up".
 */
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "devices/common/library_on_demand.h"

/*
 * Every libcrypto function the kiosk calls (nm -D --undefined-only on the
 * program): F(type, name, parameters, arguments, value without libcrypto)
 * for those that return a value, V(name, parameters, arguments) for the
 * others, FREE(name, type) for a free that takes one pointer (a NULL one
 * loads nothing). EVP_EncodeBlock, CRYPTO_free (OPENSSL_free) and
 * OPENSSL_cleanse are written out below the table.
 */
#define CRYPTO_FUNCTIONS(F, V, FREE)                                                               \
    /* Digests, MACs, keys from passwords, random bytes. */                                        \
    F(const EVP_MD *, EVP_sha256, (void), (), NULL)                                                \
    F(unsigned char *, SHA256, (const unsigned char *d, size_t n, unsigned char *md), (d, n, md),  \
      NULL)                                                                                        \
    F(int, EVP_Digest,                                                                             \
      (const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type,  \
       ENGINE *impl),                                                                              \
      (data, count, md, size, type, impl), 0)                                                      \
    F(EVP_MD_CTX *, EVP_MD_CTX_new, (void), (), NULL)                                              \
    FREE(EVP_MD_CTX_free, EVP_MD_CTX *)                                                            \
    F(unsigned char *, HMAC,                                                                       \
      (const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *data,              \
       size_t data_len, unsigned char *md, unsigned int *md_len),                                  \
      (evp_md, key, key_len, data, data_len, md, md_len), NULL)                                    \
    F(int, PKCS5_PBKDF2_HMAC,                                                                      \
      (const char *pass, int passlen, const unsigned char *salt, int saltlen, int iter,            \
       const EVP_MD *digest, int keylen, unsigned char *out),                                      \
      (pass, passlen, salt, saltlen, iter, digest, keylen, out), 0)                                \
    F(int, PKCS5_PBKDF2_HMAC_SHA1,                                                                 \
      (const char *pass, int passlen, const unsigned char *salt, int saltlen, int iter,            \
       int keylen, unsigned char *out),                                                            \
      (pass, passlen, salt, saltlen, iter, keylen, out), 0)                                        \
    F(int, RAND_bytes, (unsigned char *buf, int num), (buf, num), 0)                               \
    F(int, CRYPTO_memcmp, (const void *in_a, const void *in_b, size_t len), (in_a, in_b, len), 1)  \
    F(int, EVP_DecodeBlock, (unsigned char *t, const unsigned char *f, int n), (t, f, n), -1)      \
    /* Ciphers. */                                                                                 \
    F(const EVP_CIPHER *, EVP_aes_256_cbc, (void), (), NULL)                                       \
    F(EVP_CIPHER_CTX *, EVP_CIPHER_CTX_new, (void), (), NULL)                                      \
    FREE(EVP_CIPHER_CTX_free, EVP_CIPHER_CTX *)                                                    \
    F(int, EVP_CipherInit_ex,                                                                      \
      (EVP_CIPHER_CTX * ctx, const EVP_CIPHER *cipher, ENGINE *impl, const unsigned char *key,     \
       const unsigned char *iv, int enc),                                                          \
      (ctx, cipher, impl, key, iv, enc), 0)                                                        \
    F(int, EVP_CipherUpdate,                                                                       \
      (EVP_CIPHER_CTX * ctx, unsigned char *out, int *outl, const unsigned char *in, int inl),     \
      (ctx, out, outl, in, inl), 0)                                                                \
    F(int, EVP_CipherFinal_ex, (EVP_CIPHER_CTX * ctx, unsigned char *outm, int *outl),             \
      (ctx, outm, outl), 0)                                                                        \
    /* Keys and signatures. */                                                                     \
    F(EVP_PKEY *, PEM_read_PrivateKey, (FILE * fp, EVP_PKEY * *x, pem_password_cb * cb, void *u),  \
      (fp, x, cb, u), NULL)                                                                        \
    FREE(EVP_PKEY_free, EVP_PKEY *)                                                                \
    F(int, EVP_PKEY_get_base_id, (const EVP_PKEY *pkey), (pkey), EVP_PKEY_NONE)                    \
    F(int, EVP_PKEY_get_group_name,                                                                \
      (const EVP_PKEY *pkey, char *name, size_t name_sz, size_t *gname_len),                       \
      (pkey, name, name_sz, gname_len), 0)                                                         \
    F(int, i2d_PUBKEY, (const EVP_PKEY *a, unsigned char **pp), (a, pp), -1)                       \
    F(int, EVP_DigestSignInit,                                                                     \
      (EVP_MD_CTX * ctx, EVP_PKEY_CTX * *pctx, const EVP_MD *type, ENGINE *e, EVP_PKEY *pkey),     \
      (ctx, pctx, type, e, pkey), 0)                                                               \
    F(int, EVP_DigestSign,                                                                         \
      (EVP_MD_CTX * ctx, unsigned char *sigret, size_t *siglen, const unsigned char *tbs,          \
       size_t tbslen),                                                                             \
      (ctx, sigret, siglen, tbs, tbslen), 0)                                                       \
    /* Certificates. */                                                                            \
    F(X509 *, PEM_read_X509, (FILE * fp, X509 * *x, pem_password_cb * cb, void *u),                \
      (fp, x, cb, u), NULL)                                                                        \
    F(X509 *, d2i_X509, (X509 * *a, const unsigned char **in, long len), (a, in, len), NULL)       \
    F(int, i2d_X509, (const X509 *a, unsigned char **out), (a, out), -1)                           \
    FREE(X509_free, X509 *)                                                                        \
    F(int, X509_check_private_key, (const X509 *x509, const EVP_PKEY *pkey), (x509, pkey), 0)      \
    F(const ASN1_INTEGER *, X509_get0_serialNumber, (const X509 *x), (x), NULL)                    \
    F(X509_NAME *, X509_get_issuer_name, (const X509 *a), (a), NULL)                               \
    V(X509_get0_signature, (const ASN1_BIT_STRING **psig, const X509_ALGOR **palg, const X509 *x), \
      (psig, palg, x))                                                                             \
    F(int, X509_NAME_print_ex, (BIO * out, const X509_NAME *nm, int indent, unsigned long flags),  \
      (out, nm, indent, flags), -1)                                                                \
    F(const unsigned char *, ASN1_STRING_get0_data, (const ASN1_STRING *x), (x), NULL)             \
    F(int, ASN1_STRING_length, (const ASN1_STRING *x), (x), 0)                                     \
    F(BIGNUM *, ASN1_INTEGER_to_BN, (const ASN1_INTEGER *ai, BIGNUM *bn), (ai, bn), NULL)          \
    F(char *, BN_bn2dec, (const BIGNUM *a), (a), NULL)                                             \
    FREE(BN_free, BIGNUM *)                                                                        \
    /* Memory BIOs, and what libcrypto allocated. */                                               \
    F(const BIO_METHOD *, BIO_s_mem, (void), (), NULL)                                             \
    F(BIO *, BIO_new, (const BIO_METHOD *type), (type), NULL)                                      \
    F(long, BIO_ctrl, (BIO * bp, int cmd, long larg, void *parg), (bp, cmd, larg, parg), 0)        \
    F(int, BIO_free, (BIO * a), (a), 0)

/* A free's slot and symbol are a void function's. */
#define FREE_SLOT(name, type) void (*name)(type);
#define FREE_SYMBOL(name, type) {#name, &real.name},

/* The real functions, filled by the load. */
static struct {
    CRYPTO_FUNCTIONS(DEV_LIBRARY_SLOT, DEV_LIBRARY_VOID_SLOT, FREE_SLOT)
    void (*CRYPTO_free)(void *ptr, const char *file, int line);
    int (*EVP_EncodeBlock)(unsigned char *t, const unsigned char *f, int n);
} real;

static const struct dev_library_symbol symbols[] = {
    CRYPTO_FUNCTIONS(DEV_LIBRARY_SYMBOL, DEV_LIBRARY_VOID_SYMBOL, FREE_SYMBOL){"CRYPTO_free",
                                                                               &real.CRYPTO_free},
    {"EVP_EncodeBlock", &real.EVP_EncodeBlock},
};

static struct dev_library libcrypto = DEV_LIBRARY_INIT("libcrypto.so.3", symbols, NULL);

/* Nothing was allocated when the pointer is NULL: no load for that. */
#define FREE_FORWARD(name, type)                                                                   \
    void(name)(type p)                                                                             \
    {                                                                                              \
        if (p && dev_library_ready(&libcrypto))                                                    \
            real.name(p);                                                                          \
    }

#define DEV_LIBRARY_THIS libcrypto
CRYPTO_FUNCTIONS(DEV_LIBRARY_FORWARD, DEV_LIBRARY_VOID_FORWARD, FREE_FORWARD)

/* OPENSSL_free: what libcrypto allocated, so nothing to do when it is not loaded. */
void(CRYPTO_free)(void *ptr, const char *file, int line)
{
    if (ptr && dev_library_ready(&libcrypto))
        real.CRYPTO_free(ptr, file, line);
}

/* Without libcrypto the output is the empty string, not whatever t held (base64 of a
 * password pair, kiosk/app/delivery.c, has no earlier call that would have failed). */
int(EVP_EncodeBlock)(unsigned char *t, const unsigned char *f, int n)
{
    if (dev_library_ready(&libcrypto))
        return real.EVP_EncodeBlock(t, f, n);
    if (t)
        t[0] = '\0';
    return 0;
}

/* Secrets are cleared whether or not libcrypto is loaded, and clearing loads nothing. */
void(OPENSSL_cleanse)(void *ptr, size_t len)
{
    if (ptr)
        explicit_bzero(ptr, len);
}
