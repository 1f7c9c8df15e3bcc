/* zatca-sim's onboarding: see kiosk/zatca/sim_csid.h. */
#define LOG_TAG "zatca-sim"
#include "kiosk/zatca/sim_csid.h"

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/base64.h"
#include "kiosk/common/log.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/zatca/sim_invoice_check.h"

#define CSR_MAX (16 * 1024)
#define TEMPLATE_OID "1.3.6.1.4.1.311.20.2"

bool ks_zatca_sim_basic_auth(const char *token, const char *secret, char *out)
{
    size_t len = strlen(token) + 1 + strlen(secret);
    if ((len + 2) / 3 * 4 + sizeof "Basic " > KS_ZATCA_SIM_AUTH_MAX)
        return false;
    char *pair = malloc(len + 1);
    if (!pair)
        return false;
    snprintf(pair, len + 1, "%s:%s", token, secret);
    memcpy(out, "Basic ", 6);
    EVP_EncodeBlock((unsigned char *)out + 6, (const unsigned char *)pair, (int)len);
    free(pair);
    return true;
}

bool ks_zatca_sim_csids_init(ks_zatca_sim_csids *c)
{
    memset(c, 0, sizeof *c);
    c->next_id = 1234567890123UL;
    c->ca_key = EVP_EC_gen("secp256k1");
    if (!c->ca_key)
        LOG_ERROR("cannot make the simulator's CA key");
    return c->ca_key != NULL;
}

void ks_zatca_sim_csids_free(ks_zatca_sim_csids *c)
{
    EVP_PKEY_free(c->ca_key);
    X509_REQ_free(c->request);
    memset(c, 0, sizeof *c);
}

bool ks_zatca_sim_csids_compliance_ok(const ks_zatca_sim_csids *c, const char *auth)
{
    return ks_http_same_secret(auth, c->compliance_auth);
}

/* The simplified documents a device must have passed the compliance checks with. */
static const char *const check_types[] = {"388", "381", "383"};
#define CHECKS_ALL ((1u << (sizeof check_types / sizeof check_types[0])) - 1)

void ks_zatca_sim_csids_check_passed(ks_zatca_sim_csids *c, const char *type_code)
{
    for (size_t i = 0; i < sizeof check_types / sizeof check_types[0]; i++)
        if (strcmp(type_code, check_types[i]) == 0)
            c->checks_passed |= 1u << i;
}

bool ks_zatca_sim_csids_production_ok(const ks_zatca_sim_csids *c, const char *auth)
{
    return ks_http_same_secret(auth, c->production_auth);
}

static char *error_answer(int *status, int code, const char *what, const char *message)
{
    *status = code;
    json_t *j = json_pack("{s:s, s:s}", "code", what, "message", message);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return text;
}

/* The value of the first entry of nid in name, NULL when absent. */
static const char *entry(const X509_NAME *name, int nid, char *buf, size_t size)
{
    int at = X509_NAME_get_index_by_NID(name, nid, -1);
    const ASN1_STRING *s = at >= 0 ? X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at)) : NULL;
    if (!s || (size_t)ASN1_STRING_length(s) >= size)
        return NULL;
    memcpy(buf, ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
    buf[ASN1_STRING_length(s)] = '\0';
    return buf;
}

static bool digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Why the SAN's dirName is not as ZATCA requires, NULL when it is. */
static const char *check_san(const STACK_OF(X509_EXTENSION) * exts)
{
    GENERAL_NAMES *names = X509V3_get_d2i(exts, NID_subject_alt_name, NULL, NULL);
    const X509_NAME *dir = NULL;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        if (g->type == GEN_DIRNAME)
            dir = g->d.directoryName;
    }
    char sn[256], uid[64], title[16], address[256], category[256];
    const char *why = NULL;
    if (!dir)
        why = "no subjectAltName dirName";
    else if (!entry(dir, NID_surname, sn, sizeof sn) || strncmp(sn, "1-", 2) != 0 ||
             !strstr(sn, "|2-") || !strstr(sn, "|3-"))
        why = "SN must be 1-solution|2-model|3-serial";
    else if (!entry(dir, NID_userId, uid, sizeof uid) || !digits(uid, 15) || uid[0] != '3' ||
             uid[14] != '3')
        why = "UID must be the 15-digit VAT number";
    else if (!entry(dir, NID_title, title, sizeof title) || !digits(title, 4) ||
             strspn(title, "01") != 4)
        why = "title must be the 4-digit invoice type (e.g. 1100)";
    else if (!entry(dir, NID_registeredAddress, address, sizeof address))
        why = "registeredAddress is missing";
    else if (!entry(dir, NID_businessCategory, category, sizeof category))
        why = "businessCategory is missing";
    GENERAL_NAMES_free(names);
    return why;
}

/* Why the certificate template extension is not ZATCA's, NULL when it is. */
static const char *check_template(const STACK_OF(X509_EXTENSION) * exts)
{
    ASN1_OBJECT *oid = OBJ_txt2obj(TEMPLATE_OID, 1);
    int at = oid ? X509v3_get_ext_by_OBJ(exts, oid, -1) : -1;
    ASN1_OBJECT_free(oid);
    if (at < 0)
        return "no certificate template extension (" TEMPLATE_OID ")";
    const ASN1_OCTET_STRING *data = X509_EXTENSION_get_data(X509v3_get_ext(exts, at));
    const char *bytes = (const char *)ASN1_STRING_get0_data(data);
    size_t n = (size_t)ASN1_STRING_length(data);
    static const char *const names[] = {"TSTZATCA-Code-Signing", "PREZATCA-Code-Signing",
                                        "ZATCA-Code-Signing"};
    /* The DER string holding the name: a tag, a short length, the name. */
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t len = strlen(names[i]);
        if (n == len + 2 && (size_t)(unsigned char)bytes[1] == len &&
            memcmp(bytes + 2, names[i], len) == 0)
            return NULL;
    }
    return "the certificate template must be TSTZATCA-, PREZATCA- or ZATCA-Code-Signing";
}

/* The CSR in a /compliance body, checked; NULL with *why. */
static X509_REQ *read_csr(const char *body, size_t len, const char **why)
{
    json_t *root = body ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    const char *b64 = json_string_value(json_object_get(root, "csr"));
    size_t pem_len = 0;
    unsigned char *pem = b64 ? ks_base64_decode(b64, CSR_MAX, &pem_len) : NULL;
    json_decref(root);
    BIO *bio = pem ? BIO_new_mem_buf(pem, (int)pem_len) : NULL;
    X509_REQ *req = bio ? PEM_read_bio_X509_REQ(bio, NULL, NULL, NULL) : NULL;
    BIO_free(bio);
    free(pem);
    EVP_PKEY *key = req ? X509_REQ_get0_pubkey(req) : NULL;
    char group[32] = "";
    STACK_OF(X509_EXTENSION) *exts = req ? X509_REQ_get_extensions(req) : NULL;
    const X509_NAME *subject = req ? X509_REQ_get_subject_name(req) : NULL;
    char buf[256];
    *why = NULL;
    if (!b64)
        *why = "the body must be {\"csr\": base64}";
    else if (!req)
        *why = "csr is not the base64 of a PEM certificate request";
    else if (!key || X509_REQ_verify(req, key) != 1)
        *why = "the CSR's signature does not verify";
    else if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                            NULL) != 1 ||
             strcmp(group, "secp256k1") != 0)
        *why = "the key must be EC secp256k1";
    else if (!entry(subject, NID_countryName, buf, sizeof buf) || strcmp(buf, "SA") != 0 ||
             !entry(subject, NID_organizationName, buf, sizeof buf) ||
             !entry(subject, NID_organizationalUnitName, buf, sizeof buf) ||
             !entry(subject, NID_commonName, buf, sizeof buf))
        *why = "the subject must have C=SA, O, OU and CN";
    else
        *why = check_template(exts);
    if (!*why)
        *why = check_san(exts);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    if (*why) {
        X509_REQ_free(req);
        return NULL;
    }
    return req;
}

/* A certificate for req's key and subject, signed by the CA key; base64 of its DER into token. */
static bool issue(ks_zatca_sim_csids *c, X509_REQ *req, char **token)
{
    X509 *cert = X509_new();
    X509_NAME *issuer = X509_NAME_new();
    STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
    unsigned char *der = NULL;
    bool ok = cert && issuer && X509_set_version(cert, 2) &&
              ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), c->next_id) &&
              X509_NAME_add_entry_by_txt(issuer, "CN", MBSTRING_ASC,
                                         (const unsigned char *)"zatca-sim CA", -1, -1, 0) &&
              X509_set_issuer_name(cert, issuer) &&
              X509_set_subject_name(cert, X509_REQ_get_subject_name(req)) &&
              X509_set_pubkey(cert, X509_REQ_get0_pubkey(req)) &&
              X509_gmtime_adj(X509_getm_notBefore(cert), 0) &&
              X509_gmtime_adj(X509_getm_notAfter(cert), 365L * 86400L);
    for (int i = 0; ok && i < sk_X509_EXTENSION_num(exts); i++)
        ok = X509_add_ext(cert, sk_X509_EXTENSION_value(exts, i), -1);
    ok = ok && X509_sign(cert, c->ca_key, EVP_sha256()) > 0;
    int der_len = ok ? i2d_X509(cert, &der) : -1;
    /* ZATCA's binarySecurityToken: base64 of the certificate's base64 (the PEM body). */
    size_t inner_len = der_len > 0 ? (size_t)(der_len + 2) / 3 * 4 : 0;
    char *inner = inner_len ? malloc(inner_len + 1) : NULL;
    *token = inner ? malloc((inner_len + 2) / 3 * 4 + 1) : NULL;
    ok = *token != NULL;
    if (ok) {
        EVP_EncodeBlock((unsigned char *)inner, der, der_len);
        EVP_EncodeBlock((unsigned char *)*token, (unsigned char *)inner, (int)inner_len);
    }
    free(inner);
    OPENSSL_free(der);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    X509_NAME_free(issuer);
    X509_free(cert);
    return ok;
}

/* Issues a CSID for req: the answer, the auth it is used with into auth[]. */
static char *csid_answer(ks_zatca_sim_csids *c, X509_REQ *req, char *auth, int *status)
{
    char *token = NULL;
    unsigned char random[18];
    char secret[25];
    if (!issue(c, req, &token) || RAND_bytes(random, sizeof random) != 1) {
        free(token);
        return error_answer(status, 500, "Internal-Error", "cannot issue a certificate");
    }
    EVP_EncodeBlock((unsigned char *)secret, random, sizeof random);
    snprintf(c->request_id, sizeof c->request_id, "%lu", c->next_id++);
    bool fits = ks_zatca_sim_basic_auth(token, secret, auth);
    json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "requestID",
                          (json_int_t)strtoull(c->request_id, NULL, 10), "dispositionMessage",
                          "ISSUED", "binarySecurityToken", token, "secret", secret);
    char *text = j && fits ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    free(token);
    *status = 200;
    return text;
}

void ks_zatca_sim_onboard(ks_zatca_sim_csids *c, const char *url, const char *otp_header,
                          const char *otp, const char *auth, const char *body, size_t len,
                          int *status, char **answer)
{
    const char *why = NULL;
    if (strcmp(url, "/compliance") == 0) {
        if (!otp_header || !ks_http_same_secret(otp_header, otp)) {
            *answer = error_answer(status, 400, "Invalid-OTP", "The provided OTP is invalid");
            return;
        }
        X509_REQ *req = read_csr(body, len, &why);
        if (!req) {
            *answer = error_answer(status, 400, "Invalid-CSR", why);
            return;
        }
        X509_REQ_free(c->request);
        c->request = req;
        c->production_auth[0] = '\0';
        c->checks_passed = 0;
        *answer = csid_answer(c, req, c->compliance_auth, status);
        return;
    }
    json_t *root = body ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    const char *id = json_string_value(json_object_get(root, "compliance_request_id"));
    if (!auth || !c->request || !ks_http_same_secret(auth, c->compliance_auth))
        *answer = error_answer(status, 401, "Unauthorized", "Unauthorized");
    else if (!id || strcmp(id, c->request_id) != 0)
        *answer = error_answer(status, 400, "Invalid-Request-ID",
                               "compliance_request_id is not the compliance CSID's requestID");
    else if (c->checks_passed != CHECKS_ALL)
        *answer = error_answer(status, 400, "Compliance-Checks-Missing",
                               "The compliance checks of a simplified invoice (388), credit note "
                               "(381) and debit note (383) must all pass first");
    else
        *answer = csid_answer(c, c->request, c->production_auth, status);
    json_decref(root);
}
