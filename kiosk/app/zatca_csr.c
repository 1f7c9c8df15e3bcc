/* The device's ZATCA key and CSR: see kiosk/app/zatca_csr.h. */
#define LOG_TAG "zatca"
#include "kiosk/app/zatca_csr.h"

#include <errno.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/app/secret_file.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/common/log.h"

#define KEY_FILE_MAX (8 * 1024)
#define TEMPLATE_OID "1.3.6.1.4.1.311.20.2"

static const char *const env_names[] = {"sandbox", "simulation", "production"};
static const char *const templates[] = {"TSTZATCA-Code-Signing", "PREZATCA-Code-Signing",
                                        "ZATCA-Code-Signing"};

bool ks_zatca_env_parse(const char *name, enum ks_zatca_env *out)
{
    for (size_t i = 0; i < sizeof env_names / sizeof env_names[0]; i++)
        if (strcmp(name, env_names[i]) == 0) {
            *out = (enum ks_zatca_env)i;
            return true;
        }
    return false;
}

const char *ks_zatca_env_template(enum ks_zatca_env env)
{
    return templates[env];
}

static bool is_secp256k1(EVP_PKEY *key)
{
    char group[32] = "";
    return EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                          NULL) == 1 &&
           strcmp(group, "secp256k1") == 0;
}

static EVP_PKEY *read_key(const char *path)
{
    size_t len = 0;
    char *pem = ks_secret_file_load(path, KEY_FILE_MAX, &len);
    BIO *bio = pem ? BIO_new_mem_buf(pem, (int)len) : NULL;
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
    BIO_free(bio);
    if (pem)
        OPENSSL_cleanse(pem, len);
    free(pem);
    if (pem && (!key || !is_secp256k1(key))) {
        LOG_ERROR("%s does not hold a secp256k1 private key", path);
        EVP_PKEY_free(key);
        return NULL;
    }
    return key;
}

static EVP_PKEY *new_key(const char *path)
{
    EVP_PKEY *key = EVP_EC_gen("secp256k1");
    BIO *bio = BIO_new(BIO_s_mem());
    char *pem = NULL;
    long len = 0;
    bool ok = key && bio && PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL) == 1 &&
              (len = BIO_get_mem_data(bio, &pem)) > 0 &&
              ks_secret_file_write(path, pem, (size_t)len);
    if (pem)
        OPENSSL_cleanse(pem, (size_t)len);
    BIO_free(bio);
    if (!ok) {
        LOG_ERROR("cannot make the device key %s", path);
        EVP_PKEY_free(key);
        return NULL;
    }
    LOG_INFO("new secp256k1 device key in %s", path);
    return key;
}

EVP_PKEY *ks_zatca_device_key(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0)
        return read_key(path);
    if (errno != ENOENT) {
        LOG_ERROR("cannot look at %s", path);
        return NULL;
    }
    return new_key(path);
}

static bool add_entry(X509_NAME *name, int nid, const char *value)
{
    return X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, (const unsigned char *)value, -1,
                                      -1, 0) == 1;
}

/* The certificate template extension: the template's name as a PrintableString. */
static X509_EXTENSION *template_extension(enum ks_zatca_env env)
{
    ASN1_OBJECT *oid = OBJ_txt2obj(TEMPLATE_OID, 1);
    ASN1_PRINTABLESTRING *name = ASN1_PRINTABLESTRING_new();
    ASN1_OCTET_STRING *value = ASN1_OCTET_STRING_new();
    unsigned char *der = NULL;
    int der_len = -1;
    if (name && ASN1_STRING_set(name, templates[env], -1) == 1)
        der_len = i2d_ASN1_PRINTABLESTRING(name, &der);
    X509_EXTENSION *ext = NULL;
    if (oid && value && der_len > 0 && ASN1_OCTET_STRING_set(value, der, der_len) == 1)
        ext = X509_EXTENSION_create_by_OBJ(NULL, oid, 0, value);
    OPENSSL_free(der);
    ASN1_OCTET_STRING_free(value);
    ASN1_PRINTABLESTRING_free(name);
    ASN1_OBJECT_free(oid);
    return ext;
}

/* subjectAltName with the one dirName ZATCA reads. */
static X509_EXTENSION *san_extension(const ks_csr_config *c)
{
    X509_NAME *dir = X509_NAME_new();
    bool ok = dir && add_entry(dir, NID_surname, c->serial_number) &&
              add_entry(dir, NID_userId, c->vat_number) &&
              add_entry(dir, NID_title, c->invoice_type) &&
              add_entry(dir, NID_registeredAddress, c->address) &&
              add_entry(dir, NID_businessCategory, c->business_category);
    GENERAL_NAMES *names = ok ? sk_GENERAL_NAME_new_null() : NULL;
    GENERAL_NAME *g = names ? GENERAL_NAME_new() : NULL;
    if (g) {
        GENERAL_NAME_set0_value(g, GEN_DIRNAME, dir);
        dir = NULL;
        if (sk_GENERAL_NAME_push(names, g) <= 0)
            GENERAL_NAME_free(g);
    }
    X509_EXTENSION *ext = names && sk_GENERAL_NAME_num(names) == 1
                              ? X509V3_EXT_i2d(NID_subject_alt_name, 0, names)
                              : NULL;
    GENERAL_NAMES_free(names);
    X509_NAME_free(dir);
    return ext;
}

char *ks_zatca_csr_pem(const ks_csr_config *config, enum ks_zatca_env env, EVP_PKEY *key)
{
    X509_REQ *req = X509_REQ_new();
    X509_NAME *subject = X509_NAME_new();
    STACK_OF(X509_EXTENSION) *exts = sk_X509_EXTENSION_new_null();
    X509_EXTENSION *template = template_extension(env);
    X509_EXTENSION *san = san_extension(config);
    BIO *bio = BIO_new(BIO_s_mem());
    char *pem = NULL;
    bool ok =
        req && subject && exts && template && san && bio && X509_REQ_set_version(req, 0) == 1 &&
        add_entry(subject, NID_countryName, config->country) &&
        add_entry(subject, NID_organizationalUnitName, config->unit_name) &&
        add_entry(subject, NID_organizationName, config->organization) &&
        add_entry(subject, NID_commonName, config->common_name) &&
        X509_REQ_set_subject_name(req, subject) == 1 && sk_X509_EXTENSION_push(exts, template) > 0;
    if (ok)
        template = NULL; /* owned by exts now */
    ok = ok && sk_X509_EXTENSION_push(exts, san) > 0;
    if (ok)
        san = NULL;
    ok = ok && X509_REQ_add_extensions(req, exts) == 1 && X509_REQ_set_pubkey(req, key) == 1 &&
         X509_REQ_sign(req, key, EVP_sha256()) > 0 && PEM_write_bio_X509_REQ(bio, req) == 1;
    char *data = NULL;
    long len = ok ? BIO_get_mem_data(bio, &data) : 0;
    if (len > 0 && (pem = malloc((size_t)len + 1))) {
        memcpy(pem, data, (size_t)len);
        pem[len] = '\0';
    }
    if (!pem)
        LOG_ERROR("cannot make the CSR");
    BIO_free(bio);
    X509_EXTENSION_free(san);
    X509_EXTENSION_free(template);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    X509_NAME_free(subject);
    X509_REQ_free(req);
    return pem;
}
