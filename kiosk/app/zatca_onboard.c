/* Onboarding a device with ZATCA: see kiosk/app/zatca_onboard.h. */
#define LOG_TAG "zatca"
#include "kiosk/app/zatca_onboard.h"

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app/delivery.h"
#include "kiosk/app/zatca_answer.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/common/log.h"

#define DEFAULT_TIMEOUT_MS 30000

struct answer {
    char *text; /* owned, NUL-terminated */
    size_t len;
};

static size_t keep(char *data, size_t size, size_t n, void *ctx)
{
    struct answer *a = ctx;
    size_t bytes = size * n;
    if (a->len + bytes > KS_ZATCA_ANSWER_MAX)
        return 0; /* too large: the transfer fails */
    char *grown = realloc(a->text, a->len + bytes + 1);
    if (!grown)
        return 0;
    memcpy(grown + a->len, data, bytes);
    a->text = grown;
    a->len += bytes;
    a->text[a->len] = '\0';
    return bytes;
}

/* POSTs body to base + path with the extra header lines; the status (0: none) and the answer. */
static long post(const ks_zatca_onboard_options *opt, const char *path, const char *const *lines,
                 size_t n_lines, const char *body, struct answer *out)
{
    char url[KS_CONFIG_URL_MAX + 64];
    size_t base = strlen(opt->base_url);
    if (base > 0 && opt->base_url[base - 1] == '/')
        base--;
    snprintf(url, sizeof url, "%.*s%s", (int)base, opt->base_url, path);
    CURL *c = curl_easy_init();
    struct curl_slist *headers = NULL;
    bool ok = c != NULL;
    const char *fixed[] = {"Accept-Version: V2", "Accept-Language: en", "Accept: application/json",
                           "Content-Type: application/json", "Expect:"};
    for (size_t i = 0; ok && i < n_lines + 5; i++) {
        struct curl_slist *h =
            curl_slist_append(headers, i < n_lines ? lines[i] : fixed[i - n_lines]);
        ok = h != NULL;
        if (h)
            headers = h;
    }
    long status = 0;
    if (ok) {
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                         (long)(opt->timeout_ms > 0 ? opt->timeout_ms : DEFAULT_TIMEOUT_MS));
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
        CURLcode rc = curl_easy_perform(c);
        if (rc == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        else
            LOG_ERROR("%s: %s", url, curl_easy_strerror(rc));
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return status;
}

/* One step: POST, then the CSID in the answer stored at path. */
static bool step(const ks_zatca_onboard_options *opt, const char *what, const char *path,
                 const char *const *lines, size_t n_lines, const char *body, ks_zatca_csid *csid,
                 char *why, size_t why_size)
{
    struct answer a = {0};
    long status = post(opt, path, lines, n_lines, body, &a);
    const char *reason = NULL;
    bool ok = status == 200 && a.text && ks_zatca_csid_parse(a.text, a.len, csid, &reason);
    const char *out =
        strcmp(path, "/compliance") == 0 ? opt->compliance_path : opt->production_path;
    if (ok && !ks_zatca_secret_file_write(out, a.text, a.len)) {
        ok = false;
        snprintf(why, why_size, "%s: cannot store the CSID in %s", what, out);
    } else if (!ok) {
        snprintf(why, why_size, "%s: HTTP %ld %s%s%.300s", what, status, reason ? reason : "",
                 reason ? ": " : "", a.text ? a.text : "no answer");
    }
    if (!ok && why[0])
        LOG_ERROR("%s", why);
    if (ok)
        LOG_INFO("%s CSID issued (request %s), stored in %s", what, csid->request_id, out);
    if (a.text)
        memset(a.text, 0, a.len);
    free(a.text);
    return ok;
}

bool ks_zatca_onboard(const ks_zatca_onboard_options *opt, char *why, size_t why_size)
{
    why[0] = '\0';
    const char *url_why = NULL;
    if (!ks_delivery_url_allowed(opt->base_url, &url_why)) {
        snprintf(why, why_size, "%s: %s", opt->base_url, url_why);
        return false;
    }
    size_t pem_len = strlen(opt->csr_pem);
    char *csr_b64 = malloc((pem_len + 2) / 3 * 4 + 1);
    char otp[128];
    snprintf(otp, sizeof otp, "OTP: %s", opt->otp);
    ks_zatca_csid *csid = calloc(1, sizeof *csid);
    char *body = NULL;
    bool ok = csr_b64 && csid;
    if (ok) {
        EVP_EncodeBlock((unsigned char *)csr_b64, (const unsigned char *)opt->csr_pem,
                        (int)pem_len);
        json_t *j = json_pack("{s:s}", "csr", csr_b64);
        body = j ? json_dumps(j, JSON_COMPACT) : NULL;
        json_decref(j);
        const char *lines[] = {otp};
        ok = body && step(opt, "compliance", "/compliance", lines, 1, body, csid, why, why_size);
    }
    free(body);
    body = NULL;
    if (ok) {
        size_t pair_len = strlen(csid->token) + 1 + strlen(csid->secret);
        char *pair = malloc(pair_len + 1);
        size_t auth_size = sizeof "Authorization: Basic " + (pair_len + 2) / 3 * 4;
        char *auth = malloc(auth_size);
        json_t *j = json_pack("{s:s}", "compliance_request_id", csid->request_id);
        body = j ? json_dumps(j, JSON_COMPACT) : NULL;
        json_decref(j);
        ok = pair && auth && body;
        if (ok) {
            snprintf(pair, pair_len + 1, "%s:%s", csid->token, csid->secret);
            int prefix = snprintf(auth, auth_size, "Authorization: Basic ");
            EVP_EncodeBlock((unsigned char *)auth + prefix, (unsigned char *)pair, (int)pair_len);
            const char *lines[] = {auth};
            ok = step(opt, "production", "/production/csids", lines, 1, body, csid, why, why_size);
        }
        free(pair);
        free(auth);
    }
    if (!ok && !why[0])
        snprintf(why, why_size, "out of memory");
    free(body);
    free(csr_b64);
    if (csid)
        memset(csid, 0, sizeof *csid);
    free(csid);
    return ok;
}
