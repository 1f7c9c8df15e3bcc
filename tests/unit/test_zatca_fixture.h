/*
 * Shared by the ZATCA tests: ZATCA's SDK data (signed samples, csr-config
 * files; not part of this repository: KIOSK_ZATCA_SDK, else the reference
 * folder beside the checkout or on the development machine), reporting
 * bodies made from a sample, and requests to zatca-sim as ZATCA's clients
 * make them.
 */
#ifndef TESTS_UNIT_TEST_ZATCA_FIXTURE_H
#define TESTS_UNIT_TEST_ZATCA_FIXTURE_H

#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/zatca/sim_csid.h"
#include "kiosk/zatca/sim_invoice_check.h"
#include "tests/support/check.h"
#include "tests/support/http_call.h"

/* The SDK folder (with Samples/), or NULL when none is found. */
static inline const char *zatca_sdk_dir(void)
{
    static char dir[4096];
    const char *env = getenv("KIOSK_ZATCA_SDK");
    char beside[4096];
    snprintf(beside, sizeof beside, "%s/../shared/reference/zatca-sdk", check_source_dir());
    const char *candidates[] = {env, beside, "/work/shared/reference/zatca-sdk"};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        char samples[4200];
        if (!candidates[i] || !candidates[i][0])
            continue;
        snprintf(samples, sizeof samples, "%s/Samples", candidates[i]);
        if (access(samples, R_OK) == 0) {
            snprintf(dir, sizeof dir, "%s", candidates[i]);
            return dir;
        }
    }
    return NULL;
}

/* The test folder's path for name in out[size], with any old file of that name removed. */
static inline void zatca_fresh_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", check_tmp_dir(), name);
    unlink(out);
}

/* A file of the SDK (relative path), malloc'd and NUL-terminated; NULL when missing. */
static inline char *zatca_sdk_file(const char *relative, size_t *len)
{
    const char *sdk = zatca_sdk_dir();
    if (!sdk)
        return NULL;
    char path[8400];
    snprintf(path, sizeof path, "%s/%s", sdk, relative);
    return check_read_file(path, len);
}

/* The signed samples reported in the tests, each with its own cbc:UUID. */
static const char *const zatca_samples[] = {
    "Samples/Simplified/Invoice/Simplified_Invoice.xml",
    "Samples/Simplified/Credit/Simplified_Credit_Note.xml",
    "Samples/Simplified/Debit/Simplified_Debit_Note.xml",
};

/*
 * The reporting body for an XML document: {"invoiceHash","uuid","invoice"}
 * with the hash computed by the simulator's check (or hash_override when
 * not NULL) and the given uuid; malloc'd, NULL on failure.
 */
static inline char *zatca_body(const char *xml, size_t len, const char *uuid,
                               const char *hash_override)
{
    char hash[45];
    if (!ks_zatca_sim_invoice_hash(xml, len, hash))
        return NULL;
    char *b64 = malloc((len + 2) / 3 * 4 + 1);
    if (!b64)
        return NULL;
    EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)xml, (int)len);
    json_t *j = json_pack("{s:s, s:s, s:s}", "invoiceHash", hash_override ? hash_override : hash,
                          "uuid", uuid, "invoice", b64);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    free(b64);
    return text;
}

/* The reporting body of SDK sample i (its own uuid); NULL when missing. */
static inline char *zatca_sample_body(size_t i, char uuid[37])
{
    size_t len = 0;
    char *xml = zatca_sdk_file(zatca_samples[i], &len);
    const char *at = xml ? strstr(xml, "<cbc:UUID>") : NULL;
    if (!at) {
        free(xml);
        return NULL;
    }
    snprintf(uuid, 37, "%.36s", at + strlen("<cbc:UUID>"));
    char *body = zatca_body(xml, len, uuid, NULL);
    free(xml);
    return body;
}

/*
 * POSTs body to url as ZATCA's clients do: Accept-Version (NULL: none),
 * Authorization (NULL: none) and OTP (NULL: none) headers.
 */
static inline void zatca_post(const char *url, const char *version, const char *auth,
                              const char *otp, const char *body, struct http_reply *out)
{
    const char *names[] = {"Accept-Version", "Authorization", "OTP"};
    const char *values[] = {version, auth, otp};
    char lines[3][KS_ZATCA_SIM_AUTH_MAX + 64];
    struct http_request q = {
        .method = "POST", .url = url, .body = body ? body : "", .timeout_ms = CHECK_WAIT_MS};
    for (size_t i = 0; i < 3; i++)
        if (values[i]) {
            snprintf(lines[i], sizeof lines[i], "%s: %s", names[i], values[i]);
            q.headers[i] = lines[i];
        }
    http_call(&q, out);
}

/* Test credentials of the production CSID given to zatca-sim. */
#define ZATCA_TEST_TOKEN "VFNUWkFUQ0EtdGVzdC1jZXJ0aWZpY2F0ZQ=="
#define ZATCA_TEST_SECRET "s3cr3t-for-tests"

#endif
