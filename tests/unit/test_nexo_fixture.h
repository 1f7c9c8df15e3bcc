/*
 * Shared by the terminal and payment tests: a throw-away PKI made with
 * OpenSSL at test time (a CA, a terminal certificate it signs for
 * 127.0.0.1, "localhost" and the POIID, and an unrelated second CA), the
 * shared passphrase in a file, a simulator configuration, and the URI that
 * reaches a simulator on a port.
 */
#ifndef TESTS_UNIT_TEST_NEXO_FIXTURE_H
#define TESTS_UNIT_TEST_NEXO_FIXTURE_H

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/sim/nexo_terminal_sim.h"
#include "tests/support/check.h"

#define FIXTURE_POI "V400m-324688179"
#define FIXTURE_SALE "KIOSK-01"
#define FIXTURE_KEY_ID "KIOSK_KEY"
#define FIXTURE_PASSPHRASE "kiosk-test-passphrase-0001"

struct nexo_fixture {
    bool ready;
    char ca_path[4200];       /* the CA that signed the terminal's certificate */
    char other_ca_path[4200]; /* a CA that signed nothing here */
    char cert_path[4200];     /* the terminal's certificate and key, as files ... */
    char key_path[4200];
    char passphrase_path[4200];
    char *cert_pem; /* ... and as text (owned, for the whole test program) */
    char *key_pem;
};

static inline bool fixture_add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    bool ok = ext && X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

/* A certificate for key named cn, signed by issuer_key (self-signed when issuer is NULL). */
static inline X509 *fixture_cert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuer_key,
                                 long serial, bool ca)
{
    X509 *cert = X509_new();
    if (!cert)
        return NULL;
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 7 * 86400);
    X509_set_pubkey(cert, key);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                               (const unsigned char *)cn, -1, -1, 0);
    X509_set_issuer_name(cert, X509_get_subject_name(issuer ? issuer : cert));
    X509 *signer = issuer ? issuer : cert;
    bool ok = fixture_add_ext(cert, signer, NID_subject_key_identifier, "hash");
    if (ca)
        ok = ok && fixture_add_ext(cert, signer, NID_basic_constraints, "critical,CA:TRUE") &&
             fixture_add_ext(cert, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    else
        ok = ok && fixture_add_ext(cert, signer, NID_basic_constraints, "CA:FALSE") &&
             fixture_add_ext(cert, signer, NID_key_usage, "critical,digitalSignature") &&
             fixture_add_ext(cert, signer, NID_ext_key_usage, "serverAuth") &&
             fixture_add_ext(cert, signer, NID_subject_alt_name,
                             "IP:127.0.0.1,DNS:localhost,DNS:" FIXTURE_POI) &&
             fixture_add_ext(cert, signer, NID_authority_key_identifier, "keyid:always");
    if (!ok || X509_sign(cert, issuer_key ? issuer_key : key, EVP_sha256()) <= 0) {
        X509_free(cert);
        return NULL;
    }
    return cert;
}

/* Writes a certificate or a private key as PEM to path; the text too when text is not NULL. */
static inline bool fixture_write_pem(const char *path, X509 *cert, EVP_PKEY *key, char **text)
{
    BIO *bio = BIO_new(BIO_s_mem());
    bool ok = bio && (cert ? PEM_write_bio_X509(bio, cert)
                           : PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL));
    char *data = NULL;
    long len = ok ? BIO_get_mem_data(bio, &data) : 0;
    FILE *f = ok ? fopen(path, "wb") : NULL;
    ok = f && fwrite(data, 1, (size_t)len, f) == (size_t)len;
    if (f)
        ok = fclose(f) == 0 && ok;
    if (ok && text) {
        *text = malloc((size_t)len + 1);
        ok = *text != NULL;
        if (ok) {
            memcpy(*text, data, (size_t)len);
            (*text)[len] = '\0';
        }
    }
    BIO_free(bio);
    return ok;
}

/* Makes the PKI and the passphrase file in the test's temporary folder, once. */
static inline bool nexo_fixture_init(struct nexo_fixture *f)
{
    if (f->ready)
        return true;
    const char *dir = check_tmp_dir();
    snprintf(f->ca_path, sizeof f->ca_path, "%s/terminal-ca.pem", dir);
    snprintf(f->other_ca_path, sizeof f->other_ca_path, "%s/other-ca.pem", dir);
    snprintf(f->cert_path, sizeof f->cert_path, "%s/terminal.pem", dir);
    snprintf(f->key_path, sizeof f->key_path, "%s/terminal.key", dir);
    snprintf(f->passphrase_path, sizeof f->passphrase_path, "%s/nexo.key", dir);
    EVP_PKEY *ca_key = EVP_EC_gen("P-256"), *other_key = EVP_EC_gen("P-256");
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *ca = ca_key ? fixture_cert(ca_key, "Kiosk Test Terminal CA", NULL, NULL, 1, true) : NULL;
    X509 *other = other_key ? fixture_cert(other_key, "Unrelated CA", NULL, NULL, 2, true) : NULL;
    X509 *cert = ca && key ? fixture_cert(key, FIXTURE_POI, ca, ca_key, 3, false) : NULL;
    bool ok = ca && other && cert && fixture_write_pem(f->ca_path, ca, NULL, NULL) &&
              fixture_write_pem(f->other_ca_path, other, NULL, NULL) &&
              fixture_write_pem(f->cert_path, cert, NULL, &f->cert_pem) &&
              fixture_write_pem(f->key_path, NULL, key, &f->key_pem);
    FILE *pass = ok ? fopen(f->passphrase_path, "w") : NULL;
    ok = pass && fputs(FIXTURE_PASSPHRASE "\n", pass) >= 0;
    if (pass)
        ok = fclose(pass) == 0 && ok;
    X509_free(ca);
    X509_free(other);
    X509_free(cert);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(other_key);
    EVP_PKEY_free(key);
    f->ready = ok;
    return ok;
}

/* A simulator configuration on 127.0.0.1, any port, SAR. */
static inline dev_nexo_sim_config nexo_fixture_sim_config(const struct nexo_fixture *f)
{
    dev_nexo_sim_config c = {
        .host = "127.0.0.1",
        .cert_pem = f->cert_pem,
        .key_pem = f->key_pem,
        .poi_id = FIXTURE_POI,
        .key_id = FIXTURE_KEY_ID,
        .key_version = 1,
        .passphrase = FIXTURE_PASSPHRASE,
        .currency = "SAR",
        .exponent = 2,
        .default_outcome = DEV_NEXO_SIM_APPROVE,
        .card_delay_ms = 30,
        .hold_ms = 5000,
    };
    return c;
}

/* The nexo+https URI of a simulator on port, with extra ("&name=value...", may be ""). */
static inline void nexo_fixture_uri(const struct nexo_fixture *f, unsigned port, const char *ca,
                                    const char *extra, char *out, size_t cap)
{
    snprintf(out, cap,
             "nexo+https://127.0.0.1:%u/nexo?poi=" FIXTURE_POI "&sale=" FIXTURE_SALE
             "&key_id=" FIXTURE_KEY_ID "&key_version=1&passphrase_file=%s&ca=%s"
             "&connect_timeout_ms=2000%s",
             port, f->passphrase_path, ca ? ca : f->ca_path, extra);
}

#endif
