/* The device's stamp key and certificate: see stamp_key.h. OpenSSL 3 does all the cryptography. */
#include "kiosk/einvoice/stamp_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/common/base64.h"

/* Longest binarySecurityToken decoded (a certificate is about 1 KiB). */
#define TOKEN_MAX (64 * 1024)

struct ks_stamp_key {
    EVP_PKEY *pkey;
    uint8_t *public_der;
    size_t public_len;
    uint8_t *cert_signature;
    size_t cert_signature_len;
    char *cert_base64;
    char cert_digest[89];
    char *issuer;
    char *serial;
};

static ks_stamp_key *refuse(ks_stamp_key *key, char *why, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static ks_stamp_key *refuse(ks_stamp_key *key, char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    ks_stamp_key_free(key);
    return NULL;
}

void ks_stamp_key_free(ks_stamp_key *key)
{
    if (!key)
        return;
    EVP_PKEY_free(key->pkey);
    OPENSSL_free(key->public_der);
    free(key->cert_signature);
    free(key->cert_base64);
    free(key->issuer);
    free(key->serial);
    free(key);
}

void ks_stamp_hex_digest(const void *data, size_t len, char out[89])
{
    uint8_t md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    char hex[2 * SHA256_DIGEST_LENGTH + 1];
    for (size_t i = 0; i < sizeof md; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)hex, 2 * SHA256_DIGEST_LENGTH);
}

static char *base64_of(const uint8_t *data, size_t len)
{
    char *out = malloc(4 * ((len + 2) / 3) + 1);
    if (out)
        EVP_EncodeBlock((unsigned char *)out, data, (int)len);
    return out;
}

static char *bio_text(BIO *bio)
{
    char *data = NULL;
    long len = BIO_get_mem_data(bio, &data);
    char *out = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (out) {
        memcpy(out, data, (size_t)len);
        out[len] = '\0';
    }
    return out;
}

static char *issuer_text(const X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    unsigned long flags = (XN_FLAG_RFC2253 & ~XN_FLAG_SEP_MASK) | XN_FLAG_SEP_CPLUS_SPC;
    char *out = bio && X509_NAME_print_ex(bio, X509_get_issuer_name(cert), 0, flags) >= 0
                    ? bio_text(bio)
                    : NULL;
    BIO_free(bio);
    return out;
}

static char *serial_text(const X509 *cert)
{
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
    char *dec = bn ? BN_bn2dec(bn) : NULL;
    char *out = dec ? strdup(dec) : NULL;
    OPENSSL_free(dec);
    BN_free(bn);
    return out;
}

static bool key_file_private(const char *path, char *why, size_t cap)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(why, cap, "%s: cannot be read", path);
        return false;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        snprintf(why, cap, "%s: readable by others (mode %03o); chmod 600 it", path,
                 (unsigned)(st.st_mode & 0777));
        return false;
    }
    return true;
}

static bool on_secp256k1(EVP_PKEY *pkey)
{
    char curve[64] = "";
    size_t len = 0;
    return EVP_PKEY_get_base_id(pkey) == EVP_PKEY_EC &&
           EVP_PKEY_get_group_name(pkey, curve, sizeof curve, &len) == 1 &&
           strcmp(curve, "secp256k1") == 0;
}

static bool take_certificate(ks_stamp_key *key, X509 *cert)
{
    const ASN1_BIT_STRING *signature = NULL;
    X509_get0_signature(&signature, NULL, cert);
    unsigned char *der = NULL;
    int der_len = i2d_X509(cert, &der);
    unsigned char *pub = NULL;
    int pub_len = i2d_PUBKEY(key->pkey, &pub);
    bool ok = der_len > 0 && pub_len > 0 && signature;
    if (ok) {
        key->public_der = pub;
        key->public_len = (size_t)pub_len;
        pub = NULL;
        key->cert_signature_len = (size_t)ASN1_STRING_length(signature);
        key->cert_signature = malloc(key->cert_signature_len);
        key->cert_base64 = base64_of(der, (size_t)der_len);
        key->issuer = issuer_text(cert);
        key->serial = serial_text(cert);
        ok = key->cert_signature && key->cert_base64 && key->issuer && key->serial;
    }
    if (ok) {
        memcpy(key->cert_signature, ASN1_STRING_get0_data(signature), key->cert_signature_len);
        ks_stamp_hex_digest(key->cert_base64, strlen(key->cert_base64), key->cert_digest);
    }
    OPENSSL_free(der);
    OPENSSL_free(pub);
    return ok;
}

/* A new stamp with the private key of key_path (checked); NULL with why. */
static ks_stamp_key *with_private_key(const char *key_path, char *why, size_t why_cap)
{
    ks_stamp_key *key = calloc(1, sizeof *key);
    if (!key)
        return refuse(NULL, why, why_cap, "out of memory");
    if (!key_file_private(key_path, why, why_cap)) {
        ks_stamp_key_free(key);
        return NULL;
    }
    FILE *f = fopen(key_path, "r");
    key->pkey = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    if (f)
        fclose(f);
    if (!key->pkey)
        return refuse(key, why, why_cap, "%s: not a PEM private key", key_path);
    if (!on_secp256k1(key->pkey))
        return refuse(key, why, why_cap, "%s: not an EC key on secp256k1", key_path);
    return key;
}

/* key with cert (named cert_name in reasons, freed here) when it is key's certificate. */
static ks_stamp_key *with_certificate(ks_stamp_key *key, X509 *cert, const char *cert_name,
                                      const char *key_path, char *why, size_t why_cap)
{
    if (!cert)
        return refuse(key, why, why_cap, "%s: not a certificate", cert_name);
    bool matches = X509_check_private_key(cert, key->pkey) == 1;
    bool taken = matches && take_certificate(key, cert);
    X509_free(cert);
    if (!matches)
        return refuse(key, why, why_cap, "%s is not the certificate of %s", cert_name, key_path);
    if (!taken)
        return refuse(key, why, why_cap, "%s: cannot be read (out of memory?)", cert_name);
    return key;
}

ks_stamp_key *ks_stamp_key_load(const char *cert_path, const char *key_path, char *why,
                                size_t why_cap)
{
    ks_stamp_key *key = with_private_key(key_path, why, why_cap);
    if (!key)
        return NULL;
    FILE *f = fopen(cert_path, "r");
    X509 *cert = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    if (f)
        fclose(f);
    if (!cert)
        return refuse(key, why, why_cap, "%s: not a PEM certificate", cert_path);
    return with_certificate(key, cert, cert_path, key_path, why, why_cap);
}

ks_stamp_key *ks_stamp_key_from_token(const char *token, const char *key_path, char *why,
                                      size_t why_cap)
{
    ks_stamp_key *key = with_private_key(key_path, why, why_cap);
    if (!key)
        return NULL;
    size_t inner_len = 0, der_len = 0;
    unsigned char *inner = ks_base64_decode(token, TOKEN_MAX, &inner_len);
    unsigned char *der = inner ? ks_base64_decode((const char *)inner, TOKEN_MAX, &der_len) : NULL;
    const unsigned char *p = der;
    X509 *cert = der ? d2i_X509(NULL, &p, (long)der_len) : NULL;
    free(inner);
    free(der);
    return with_certificate(key, cert, "the CSID's binarySecurityToken", key_path, why, why_cap);
}

bool ks_stamp_key_sign(const ks_stamp_key *key, const uint8_t hash[32],
                       uint8_t sig[KS_STAMP_SIGNATURE_MAX], size_t *sig_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = KS_STAMP_SIGNATURE_MAX;
    bool ok = ctx && EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key->pkey) == 1 &&
              EVP_DigestSign(ctx, sig, &len, hash, 32) == 1;
    EVP_MD_CTX_free(ctx);
    *sig_len = ok ? len : 0;
    return ok;
}

const uint8_t *ks_stamp_key_public_der(const ks_stamp_key *key, size_t *len)
{
    *len = key->public_len;
    return key->public_der;
}

const uint8_t *ks_stamp_key_cert_signature(const ks_stamp_key *key, size_t *len)
{
    *len = key->cert_signature_len;
    return key->cert_signature;
}

const char *ks_stamp_key_cert_base64(const ks_stamp_key *key)
{
    return key->cert_base64;
}

const char *ks_stamp_key_cert_digest(const ks_stamp_key *key)
{
    return key->cert_digest;
}

const char *ks_stamp_key_issuer(const ks_stamp_key *key)
{
    return key->issuer;
}

const char *ks_stamp_key_serial(const ks_stamp_key *key)
{
    return key->serial;
}
