/* Onboarding a device with ZATCA: see kiosk/app/zatca_onboard.h. */
#define LOG_TAG "zatca"
#include "kiosk/app/zatca_onboard.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app/delivery.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/common/outgoing_url.h"
#include "kiosk/common/uuid.h"
#include "kiosk/app/zatca_answer.h"
#include "kiosk/app/secret_file.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/einvoice/einvoice.h"

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
    char url[KS_URL_MAX + 64];
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
    ks_json_error refusal = {.reason = ""};
    char reason[sizeof refusal.path + sizeof refusal.reason];
    bool ok = status == 200 && a.text && ks_zatca_csid_parse(a.text, a.len, csid, &refusal);
    ks_json_error_line(&refusal, reason, sizeof reason);
    const char *out =
        strcmp(path, "/compliance") == 0 ? opt->compliance_path : opt->production_path;
    if (ok && !ks_secret_file_write(out, a.text, a.len)) {
        ok = false;
        snprintf(why, why_size, "%s: cannot store the CSID in %s", what, out);
    } else if (!ok) {
        snprintf(why, why_size, "%s: HTTP %ld %s%s%.300s", what, status, reason,
                 reason[0] ? ": " : "", a.text ? a.text : "no answer");
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

/* "Authorization: Basic " and base64 of "token:secret", malloc'd; NULL when out of memory. */
static char *basic_auth_line(const ks_zatca_csid *csid)
{
    size_t pair_len = strlen(csid->token) + 1 + strlen(csid->secret);
    char *pair = malloc(pair_len + 1);
    size_t size = sizeof "Authorization: Basic " + (pair_len + 2) / 3 * 4;
    char *line = pair ? malloc(size) : NULL;
    if (line) {
        snprintf(pair, pair_len + 1, "%s:%s", csid->token, csid->secret);
        int prefix = snprintf(line, size, "Authorization: Basic ");
        EVP_EncodeBlock((unsigned char *)line + prefix, (unsigned char *)pair, (int)pair_len);
    }
    if (pair)
        memset(pair, 0, pair_len);
    free(pair);
    return line;
}

/* What the checks sign: one takeaway line of 1.15 SAR, 15 % VAT included, paid in cash. */
static ks_order *check_order(const ks_config *cfg, int64_t now)
{
    char uuid[37], date[11], json[1400];
    if (!ks_uuid_new(uuid))
        return NULL;
    ks_business_date(now, cfg->utc_offset_min, cfg->business_day_start_min, date);
    int len = snprintf(
        json, sizeof json,
        "{\"format\":\"kiosk-order/1\",\"uuid\":\"%s\",\"store_id\":\"%s\",\"kiosk_id\":\"%s\","
        "\"number\":1,\"business_date\":\"%s\",\"service\":\"takeaway\",\"status\":\"paid\","
        "\"lang\":\"en\",\"currency\":\"SAR\",\"exponent\":2,\"prices_include_tax\":true,"
        "\"menu_version\":\"compliance\",\"created_at\":%" PRId64 ",\"updated_at\":%" PRId64 ","
        "\"lines\":[{\"item_id\":\"compliance-check\",\"category_id\":\"compliance\","
        "\"name\":{\"ar\":\"فحص الامتثال\",\"en\":\"Compliance check\"},\"unit\":\"each\","
        "\"quantity\":1,\"unit_price\":115,\"details\":[],\"note\":\"\",\"vat_rate_bp\":1500,"
        "\"discount\":0,\"net\":100,\"vat\":15,\"gross\":115,\"promo_note\":{\"ar\":\"\",\"en\":"
        "\"\"}}],"
        "\"vat\":[{\"rate_bp\":1500,\"taxable\":100,\"vat\":15}],\"subtotal\":115,\"discount\":0,"
        "\"total_net\":100,\"total_vat\":15,\"total\":115}",
        uuid, cfg->store_id, cfg->kiosk_id, date, now, now);
    ks_order_json_error err;
    ks_order *order =
        len > 0 && (size_t)len < sizeof json ? ks_order_from_json(json, (size_t)len, &err) : NULL;
    if (!order)
        LOG_ERROR("the compliance checks' order cannot be made");
    return order;
}

/*
 * One compliance check: the document of kind (ICV icv, after the hash in
 * pih, which receives its own), signed with key, sent with auth; true when
 * ZATCA reports it valid.
 */
static bool check_document(const ks_zatca_onboard_options *opt, const ks_stamp_key *key,
                           const char *auth, const ks_order *order, enum ks_invoice_kind kind,
                           uint64_t icv, char pih[sizeof KS_EINVOICE_FIRST_PIH], char *why,
                           size_t why_size)
{
    char id[96], original[96], uuid[37];
    snprintf(id, sizeof id, "%s-%s-compliance-%" PRIu64, order->store_id, order->kiosk_id, icv);
    snprintf(original, sizeof original, "%s-%s-compliance-1", order->store_id, order->kiosk_id);
    ks_seller seller = ks_einvoicing_seller(opt->config);
    ks_invoice_doc doc = {
        .kind = kind,
        .order = order,
        .seller = &seller,
        .id = id,
        .uuid = kind == KS_INVOICE_TAX ? order->uuid : uuid,
        .icv = icv,
        .pih = pih,
        .issued_at = opt->now,
        .utc_offset_min = opt->config->utc_offset_min,
        .payment = KS_PAYMENT_CASH,
        .original_id = original,
        .reason = "Compliance check",
    };
    ks_einvoice inv = {0};
    enum ks_einvoice_error err =
        ks_uuid_new(uuid) ? ks_einvoice_issue(&doc, key, &inv) : KS_EINVOICE_UNWRITABLE;
    char *body = err == KS_EINVOICE_OK ? ks_einvoicing_report_body(&inv, doc.uuid) : NULL;
    struct answer a = {0};
    long status = body ? post(opt, "/compliance/invoices", &auth, 1, body, &a) : 0;
    ks_zatca_answer answer;
    ks_zatca_answer_parse(status, a.text, a.len, &answer);
    bool ok =
        body && (answer.outcome == KS_ZATCA_REPORTED || answer.outcome == KS_ZATCA_REPORTED_WARNED);
    if (err != KS_EINVOICE_OK)
        snprintf(why, why_size, "compliance check %d: %s", (int)kind, ks_einvoice_strerror(err));
    else if (!ok)
        snprintf(why, why_size, "compliance check %d: HTTP %ld %s: %s", (int)kind, status,
                 ks_zatca_outcome_name(answer.outcome), answer.messages);
    if (ok) {
        snprintf(pih, sizeof KS_EINVOICE_FIRST_PIH, "%s", inv.hash);
        LOG_INFO("compliance check %d passed (%s)", (int)kind,
                 answer.outcome == KS_ZATCA_REPORTED ? "no warnings" : answer.messages);
    } else {
        LOG_ERROR("%s", why);
    }
    free(a.text);
    free(body);
    ks_einvoice_clear(&inv);
    return ok;
}

/* The simplified invoice, credit note and debit note, each checked by ZATCA with the compliance
 * CSID. */
static bool compliance_checks(const ks_zatca_onboard_options *opt, const ks_zatca_csid *csid,
                              const char *auth, char *why, size_t why_size)
{
    ks_stamp_key *key = ks_stamp_key_from_token(csid->token, opt->key_path, why, why_size);
    ks_order *order = key ? check_order(opt->config, opt->now) : NULL;
    static const enum ks_invoice_kind kinds[] = {KS_INVOICE_TAX, KS_INVOICE_CREDIT_NOTE,
                                                 KS_INVOICE_DEBIT_NOTE};
    char pih[sizeof KS_EINVOICE_FIRST_PIH] = KS_EINVOICE_FIRST_PIH; /* the longest: 88 */
    bool ok = order != NULL;
    for (size_t i = 0; ok && i < sizeof kinds / sizeof kinds[0]; i++)
        ok = check_document(opt, key, auth, order, kinds[i], i + 1, pih, why, why_size);
    if (key && !order && !why[0])
        snprintf(why, why_size, "compliance checks: cannot make their order");
    else if (!key)
        LOG_ERROR("compliance checks: %s", why);
    ks_order_free(order);
    ks_stamp_key_free(key);
    return ok;
}

bool ks_zatca_onboard(const ks_zatca_onboard_options *opt, char *why, size_t why_size)
{
    why[0] = '\0';
    const char *url_why = NULL;
    if (!ks_outgoing_url_ok(opt->base_url, &url_why)) {
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
    char *auth = ok ? basic_auth_line(csid) : NULL;
    ok = ok && auth && compliance_checks(opt, csid, auth, why, why_size);
    if (ok) {
        json_t *j = json_pack("{s:s}", "compliance_request_id", csid->request_id);
        body = j ? json_dumps(j, JSON_COMPACT) : NULL;
        json_decref(j);
        const char *lines[] = {auth};
        ok = body &&
             step(opt, "production", "/production/csids", lines, 1, body, csid, why, why_size);
    }
    if (auth)
        memset(auth, 0, strlen(auth));
    free(auth);
    if (!ok && !why[0])
        snprintf(why, why_size, "out of memory");
    free(body);
    free(csr_b64);
    if (csid)
        memset(csid, 0, sizeof *csid);
    free(csid);
    return ok;
}
