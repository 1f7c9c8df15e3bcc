/* The nexo+https terminal driver: see nexo_terminal.h. */
#include "devices/payment/nexo_terminal.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/payment/https_post.h"
#include "devices/payment/nexo_crypto.h"
#include "devices/payment/nexo_uri.h"

/* The longest sealed answer read; see DEV_NEXO_MAX_ENVELOPE. */
#define ANSWER_MAX DEV_NEXO_MAX_ENVELOPE

struct nexo_terminal {
    dev_nexo_uri uri;
    dev_nexo_key key; /* secret; wiped in nexo_close */
};

/* ---- ServiceIDs ----------------------------------------------------------------------- */

/* Ten base-36 digits of the first eight bytes (36^10 < 2^64). */
static void base36_id(const uint8_t bytes[8], char out[DEV_NEXO_SERVICE_ID_MAX + 1])
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | bytes[i];
    for (int i = DEV_NEXO_SERVICE_ID_MAX - 1; i >= 0; i--) {
        out[i] = digits[v % 36];
        v /= 36;
    }
    out[DEV_NEXO_SERVICE_ID_MAX] = '\0';
}

bool dev_nexo_payment_service_id(const char *sale_txn_id, char out[DEV_NEXO_SERVICE_ID_MAX + 1])
{
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(sale_txn_id, strlen(sale_txn_id), digest, &len, EVP_sha256(), NULL) != 1)
        return false;
    base36_id(digest, out);
    return true;
}

static bool random_service_id(char out[DEV_NEXO_SERVICE_ID_MAX + 1])
{
    uint8_t bytes[8];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    base36_id(bytes, out);
    return true;
}

/* ---- Opening -------------------------------------------------------------------------- */

/* The passphrase file's content, less one trailing line break. */
static bool read_passphrase(const char *path, char *buf, size_t cap, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(buf, 1, cap, f);
    bool whole = n < cap && !ferror(f);
    fclose(f);
    if (!whole)
        return false;
    if (n > 0 && buf[n - 1] == '\n')
        n--;
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    *len = n;
    return n > 0;
}

static void *nexo_open(const char *uri, char *why, size_t cap)
{
    struct nexo_terminal *t = calloc(1, sizeof *t);
    char passphrase[DEV_NEXO_PASSPHRASE_MAX + 1];
    size_t len = 0;
    FILE *ca = NULL;
    if (!t) {
        snprintf(why, cap, "out of memory");
        goto error;
    }
    if (!dev_nexo_uri_parse(uri, &t->uri, why, cap))
        goto error;
    if (!read_passphrase(t->uri.passphrase_file, passphrase, sizeof passphrase, &len)) {
        snprintf(why, cap, "the passphrase file cannot be read, is empty or longer than %d bytes",
                 DEV_NEXO_PASSPHRASE_MAX);
        goto error;
    }
    bool derived = dev_nexo_key_derive(&t->key, t->uri.key_id, t->uri.key_version, passphrase, len);
    OPENSSL_cleanse(passphrase, sizeof passphrase);
    if (!derived) {
        snprintf(why, cap, "the key cannot be derived from the passphrase");
        goto error;
    }
    ca = fopen(t->uri.ca_file, "rb");
    if (!ca) {
        snprintf(why, cap, "the CA file cannot be read");
        goto error;
    }
    fclose(ca);
    return t;
error:
    if (t)
        dev_nexo_key_wipe(&t->key);
    free(t);
    return NULL;
}

static void nexo_close(void *impl)
{
    struct nexo_terminal *t = impl;
    dev_nexo_key_wipe(&t->key);
    free(t);
}

/* ---- One exchange --------------------------------------------------------------------- */

static void set_outcome(dev_pay_result *out, enum dev_pay_outcome outcome, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_outcome(dev_pay_result *out, enum dev_pay_outcome outcome, const char *fmt, ...)
{
    out->outcome = outcome;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->error, sizeof out->error, fmt, ap);
    va_end(ap);
}

static dev_nexo_header header_for(const struct nexo_terminal *t, enum dev_nexo_category category)
{
    dev_nexo_header h = {.category = category};
    snprintf(h.sale_id, sizeof h.sale_id, "%s", t->uri.sale_id);
    snprintf(h.poi_id, sizeof h.poi_id, "%s", t->uri.poi_id);
    return h;
}

static enum dev_pay_outcome transport_outcome(enum dev_https_result r)
{
    switch (r) {
    case DEV_HTTPS_UNREACHABLE:
        return DEV_PAY_UNREACHABLE;
    case DEV_HTTPS_TIMEOUT:
    case DEV_HTTPS_DROPPED:
        return DEV_PAY_TIMEOUT;
    case DEV_HTTPS_OK:
    case DEV_HTTPS_HTTP_ERROR:
    case DEV_HTTPS_TOO_LARGE:
        break;
    }
    return DEV_PAY_BAD_ANSWER;
}

/* Opens and decodes a sealed answer, and checks that it answers req. */
static bool read_answer(const struct nexo_terminal *t, const dev_nexo_request *req, int exponent,
                        const dev_buffer *answer, dev_nexo_response *resp, dev_pay_result *out)
{
    char *plain = NULL;
    size_t plain_len = 0;
    enum dev_nexo_crypto_error err = dev_nexo_open(
        &t->key, "SaleToPOIResponse", (const char *)answer->data, answer->len, &plain, &plain_len);
    if (err != DEV_NEXO_CRYPTO_OK) {
        set_outcome(out, DEV_PAY_BAD_ANSWER, "the answer cannot be opened: %s",
                    dev_nexo_crypto_strerror(err));
        return false;
    }
    dev_nexo_problem why;
    bool ok = dev_nexo_decode_response(plain, plain_len, exponent, resp, &why);
    OPENSSL_cleanse(plain, plain_len);
    free(plain);
    if (!ok) {
        set_outcome(out, DEV_PAY_BAD_ANSWER, "the answer is malformed: %s", why.text);
        return false;
    }
    const dev_nexo_header *h = &resp->header;
    if (h->category != req->header.category || strcmp(h->service_id, req->header.service_id) ||
        strcmp(h->sale_id, t->uri.sale_id) || strcmp(h->poi_id, t->uri.poi_id)) {
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s",
                    "the answer's header does not match the request (category, ServiceID, "
                    "SaleID or POIID)");
        return false;
    }
    return true;
}

/*
 * Seals req, posts it, and reads the answer into *resp. False when there is
 * no usable answer: *out then holds the outcome and why. With want_body
 * false (abort), an empty 2xx answer is the whole success.
 */
static bool exchange(const struct nexo_terminal *t, const dev_nexo_request *req, int exponent,
                     long timeout_ms, const dev_pay_request *notify, bool want_body,
                     dev_nexo_response *resp, dev_pay_result *out)
{
    char *plain = NULL, *sealed = NULL;
    size_t plain_len = 0, sealed_len = 0;
    if (!dev_nexo_encode_request(req, exponent, &plain, &plain_len)) {
        set_outcome(out, DEV_PAY_FAILED, "%s", "the request cannot be encoded (bad field)");
        return false;
    }
    enum dev_nexo_crypto_error err =
        dev_nexo_seal(&t->key, plain, plain_len, NULL, &sealed, &sealed_len);
    free(plain);
    if (err != DEV_NEXO_CRYPTO_OK) {
        set_outcome(out, DEV_PAY_FAILED, "the request cannot be sealed: %s",
                    dev_nexo_crypto_strerror(err));
        return false;
    }
    const dev_https_target target = {
        .host = t->uri.host,
        .port = t->uri.port,
        .path = t->uri.path,
        .ca_file = t->uri.ca_file,
        .tls_name = t->uri.tls_name,
        .connect_timeout_ms = t->uri.connect_timeout_ms,
    };
    dev_https_call call = {
        .body = sealed,
        .len = sealed_len,
        .timeout_ms = timeout_ms,
        .max_answer = ANSWER_MAX,
        .on_sent = notify ? notify->on_sent : NULL,
        .on_sent_ctx = notify ? notify->on_sent_ctx : NULL,
    };
    enum dev_https_result r = dev_https_post(&target, &call);
    free(sealed);
    bool ok = r == DEV_HTTPS_OK;
    if (!ok) {
        out->outcome = transport_outcome(r);
        snprintf(out->error, sizeof out->error, "%s (%.120s)", dev_https_result_name(r),
                 call.error);
    } else if (want_body) {
        ok = read_answer(t, req, exponent, &call.answer, resp, out);
    }
    dev_buffer_free(&call.answer);
    return ok;
}

/* ---- Outcomes ------------------------------------------------------------------------- */

static enum dev_pay_outcome failure_outcome(enum dev_nexo_condition c)
{
    switch (c) {
    case DEV_NEXO_COND_REFUSAL:
    case DEV_NEXO_COND_WRONG_PIN:
    case DEV_NEXO_COND_INVALID_CARD:
    case DEV_NEXO_COND_PAYMENT_RESTRICTION:
        return DEV_PAY_DECLINED;
    case DEV_NEXO_COND_CANCEL:
    case DEV_NEXO_COND_ABORTED:
        return DEV_PAY_CANCELLED;
    default:
        /* A payment answered Failure was not approved, whatever the reason. */
        return DEV_PAY_FAILED;
    }
}

static void append_dropped(dev_pay_result *out, unsigned dropped)
{
    if (!dropped)
        return;
    size_t n = strlen(out->error);
    snprintf(out->error + n, sizeof out->error - n, "%s%s", n ? "; " : "",
             "the terminal sent a malformed describing field (masked PAN, brand, approval "
             "code or message), which was dropped");
}

/* The result of a PaymentResponse (answered, or repeated by a status) to req. */
static void payment_outcome(const dev_nexo_payment *p, const dev_pay_request *req,
                            dev_pay_result *out)
{
    snprintf(out->condition, sizeof out->condition, "%s",
             dev_nexo_condition_name(p->status.condition));
    snprintf(out->masked_pan, sizeof out->masked_pan, "%s", p->masked_pan);
    snprintf(out->brand, sizeof out->brand, "%s", p->brand);
    snprintf(out->approval_code, sizeof out->approval_code, "%s", p->approval_code);
    snprintf(out->poi_txn_id, sizeof out->poi_txn_id, "%s", p->poi_txn.id);
    snprintf(out->poi_timestamp, sizeof out->poi_timestamp, "%s", p->poi_txn.timestamp);
    out->has_authorized = p->has_authorized;
    out->authorized = p->authorized;
    snprintf(out->error, sizeof out->error, "%s", p->status.message);
    if (p->status.result == DEV_NEXO_PARTIAL)
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s",
                    "the terminal approved part of the amount, which was never asked for");
    else if (p->status.result == DEV_NEXO_FAILURE)
        out->outcome = failure_outcome(p->status.condition);
    else if (strcmp(p->sale_txn.id, req->sale_txn_id) != 0)
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s", "the approval names another sale");
    else if (p->has_authorized && p->authorized != req->amount)
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s", "the approval is for another amount");
    else if (p->refund != (req->refund_of != NULL))
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s",
                    p->refund ? "the terminal answered a charge with a refund"
                              : "the terminal answered a refund with a charge");
    else
        out->outcome = DEV_PAY_APPROVED;
    append_dropped(out, p->dropped);
}

/* Checks req before anything is sent; a bad one gives outcome `refused`. */
static bool request_ok(const dev_pay_request *req, enum dev_pay_outcome refused,
                       dev_pay_result *out)
{
    bool ok = req->sale_txn_id && req->sale_txn_id[0] &&
              strlen(req->sale_txn_id) <= DEV_PAY_SALE_ID_MAX && req->amount > 0 && req->currency &&
              req->exponent >= 0 && req->exponent <= 4 && req->timeout_ms > 0;
    if (!ok)
        set_outcome(out, refused, "%s",
                    "refused before sending: bad sale id, amount, currency or timeout");
    return ok;
}

/* ---- Operations ----------------------------------------------------------------------- */

static void nexo_payment(void *impl, const dev_pay_request *req, dev_pay_result *out)
{
    const struct nexo_terminal *t = impl;
    memset(out, 0, sizeof *out);
    if (!request_ok(req, DEV_PAY_FAILED, out))
        return;
    dev_nexo_request r = {.header = header_for(t, DEV_NEXO_PAYMENT), .amount = req->amount};
    time_t when = (time_t)(req->sale_time > 0 ? req->sale_time : time(NULL));
    struct tm tm;
    if (!dev_nexo_payment_service_id(req->sale_txn_id, r.header.service_id) ||
        !gmtime_r(&when, &tm) ||
        strftime(r.sale_txn.timestamp, sizeof r.sale_txn.timestamp, "%Y-%m-%dT%H:%M:%SZ", &tm) ==
            0) {
        set_outcome(out, DEV_PAY_FAILED, "%s", "refused before sending: no ServiceID or time");
        return;
    }
    snprintf(r.sale_txn.id, sizeof r.sale_txn.id, "%s", req->sale_txn_id);
    snprintf(r.currency, sizeof r.currency, "%s", req->currency);
    if (req->refund_of) {
        r.refund = true;
        snprintf(r.original.id, sizeof r.original.id, "%s", req->refund_of->poi_txn_id);
        snprintf(r.original.timestamp, sizeof r.original.timestamp, "%s",
                 req->refund_of->poi_timestamp);
    }
    dev_nexo_response resp;
    if (exchange(t, &r, req->exponent, req->timeout_ms, req, true, &resp, out))
        payment_outcome(&resp.payment, req, out);
}

/* A reference to the payment with this sale id, for an abort or a status. */
static bool payment_ref(const struct nexo_terminal *t, const char *sale_txn_id,
                        dev_nexo_message_ref *ref)
{
    ref->present = true;
    ref->category = DEV_NEXO_PAYMENT;
    snprintf(ref->sale_id, sizeof ref->sale_id, "%s", t->uri.sale_id);
    return sale_txn_id && sale_txn_id[0] && strlen(sale_txn_id) <= DEV_PAY_SALE_ID_MAX &&
           dev_nexo_payment_service_id(sale_txn_id, ref->service_id);
}

static bool nexo_abort(void *impl, const char *sale_txn_id, long timeout_ms, char *why, size_t cap)
{
    const struct nexo_terminal *t = impl;
    dev_nexo_request r = {.header = header_for(t, DEV_NEXO_ABORT)};
    snprintf(r.abort_reason, sizeof r.abort_reason, "MerchantAbort");
    dev_pay_result out = {0};
    bool ok = payment_ref(t, sale_txn_id, &r.ref) && random_service_id(r.header.service_id);
    if (!ok)
        set_outcome(&out, DEV_PAY_FAILED, "%s", "refused before sending: bad sale id");
    else
        ok = exchange(t, &r, 0, timeout_ms, NULL, false, NULL, &out);
    if (!ok && why && cap)
        snprintf(why, cap, "%s", out.error);
    return ok;
}

static void nexo_transaction_status(void *impl, const dev_pay_request *req, dev_pay_result *out)
{
    const struct nexo_terminal *t = impl;
    memset(out, 0, sizeof *out);
    /* Whatever goes wrong here says nothing of the payment: never a settled outcome. */
    if (!request_ok(req, DEV_PAY_BAD_ANSWER, out))
        return;
    dev_nexo_request r = {.header = header_for(t, DEV_NEXO_TRANSACTION_STATUS)};
    if (!payment_ref(t, req->sale_txn_id, &r.ref) || !random_service_id(r.header.service_id)) {
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s", "no ServiceID for the status request");
        return;
    }
    dev_nexo_response resp;
    if (!exchange(t, &r, req->exponent, req->timeout_ms, NULL, true, &resp, out)) {
        if (out->outcome == DEV_PAY_UNREACHABLE || out->outcome == DEV_PAY_FAILED)
            out->outcome = DEV_PAY_TIMEOUT;
        return;
    }
    if (resp.status.result == DEV_NEXO_FAILURE) {
        enum dev_nexo_condition c = resp.status.condition;
        snprintf(out->condition, sizeof out->condition, "%s", dev_nexo_condition_name(c));
        if (c == DEV_NEXO_COND_IN_PROGRESS)
            set_outcome(out, DEV_PAY_IN_PROGRESS, "%s", "the terminal is still on the payment");
        else if (c == DEV_NEXO_COND_NOT_FOUND)
            set_outcome(out, DEV_PAY_NOT_FOUND, "%s", "the terminal never received the payment");
        else
            set_outcome(out, DEV_PAY_BAD_ANSWER, "the terminal cannot tell (%s)",
                        dev_nexo_condition_name(c));
        return;
    }
    const dev_nexo_header *rh = &resp.repeated_header;
    if (!resp.has_repeated || strcmp(rh->service_id, r.ref.service_id) != 0 ||
        strcmp(rh->sale_id, t->uri.sale_id) != 0) {
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s",
                    "the status repeats another message than the payment asked about");
        return;
    }
    payment_outcome(&resp.payment, req, out);
}

static void nexo_reversal(void *impl, const dev_pay_original *original, long timeout_ms,
                          dev_pay_result *out)
{
    const struct nexo_terminal *t = impl;
    memset(out, 0, sizeof *out);
    dev_nexo_request r = {.header = header_for(t, DEV_NEXO_REVERSAL)};
    snprintf(r.reversal_reason, sizeof r.reversal_reason, "MerchantCancel");
    snprintf(r.original.id, sizeof r.original.id, "%s", original->poi_txn_id);
    snprintf(r.original.timestamp, sizeof r.original.timestamp, "%s", original->poi_timestamp);
    if (!random_service_id(r.header.service_id)) {
        set_outcome(out, DEV_PAY_FAILED, "%s", "refused before sending: no ServiceID");
        return;
    }
    dev_nexo_response resp;
    if (!exchange(t, &r, original->exponent, timeout_ms, NULL, true, &resp, out))
        return;
    snprintf(out->condition, sizeof out->condition, "%s",
             dev_nexo_condition_name(resp.status.condition));
    snprintf(out->poi_txn_id, sizeof out->poi_txn_id, "%s", resp.reversal_poi_txn.id);
    snprintf(out->poi_timestamp, sizeof out->poi_timestamp, "%s", resp.reversal_poi_txn.timestamp);
    snprintf(out->error, sizeof out->error, "%s", resp.status.message);
    if (resp.status.result == DEV_NEXO_SUCCESS &&
        (!resp.has_reversed || resp.reversed == original->amount))
        out->outcome = DEV_PAY_APPROVED;
    else if (resp.status.result == DEV_NEXO_FAILURE)
        out->outcome =
            resp.status.condition == DEV_NEXO_COND_NOT_FOUND ? DEV_PAY_NOT_FOUND : DEV_PAY_FAILED;
    else
        set_outcome(out, DEV_PAY_BAD_ANSWER, "%s", "the reversal gave back another amount");
}

const dev_terminal_driver dev_nexo_driver = {
    .scheme = DEV_NEXO_URI_SCHEME,
    .open = nexo_open,
    .close = nexo_close,
    .payment = nexo_payment,
    .abort = nexo_abort,
    .transaction_status = nexo_transaction_status,
    .reversal = nexo_reversal,
};
