/* nexo Retailer JSON (Adyen Terminal API dialect), both ways: see nexo_json.h. */
#include "devices/payment/nexo_json.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/common/buffer.h"
#include "devices/common/uri_text.h"

#define PROTOCOL_VERSION "3.0"
#define EXPONENT_MAX 4
/* A masked PAN may show the first six and the last four digits, no more (PCI DSS). */
#define MASKED_PAN_MAX_DIGITS 10

static const int64_t pow10[EXPONENT_MAX + 1] = {1, 10, 100, 1000, 10000};

static const char *const category_names[] = {
    [DEV_NEXO_PAYMENT] = "Payment",
    [DEV_NEXO_ABORT] = "Abort",
    [DEV_NEXO_TRANSACTION_STATUS] = "TransactionStatus",
    [DEV_NEXO_REVERSAL] = "Reversal",
};
#define CATEGORY_COUNT (sizeof category_names / sizeof category_names[0])

/* The body member of each category's request and response ("" where there is none). */
static const char *const request_bodies[] = {
    [DEV_NEXO_PAYMENT] = "PaymentRequest",
    [DEV_NEXO_ABORT] = "AbortRequest",
    [DEV_NEXO_TRANSACTION_STATUS] = "TransactionStatusRequest",
    [DEV_NEXO_REVERSAL] = "ReversalRequest",
};
static const char *const response_bodies[] = {
    [DEV_NEXO_PAYMENT] = "PaymentResponse",
    [DEV_NEXO_ABORT] = "", /* a terminal answers an abort with an empty body */
    [DEV_NEXO_TRANSACTION_STATUS] = "TransactionStatusResponse",
    [DEV_NEXO_REVERSAL] = "ReversalResponse",
};

/* nexo PaymentType: a charge, or money given back to the card. */
static const char *const payment_types[] = {"Normal", "Refund"};

static const char *const result_names[] = {
    [DEV_NEXO_SUCCESS] = "Success",
    [DEV_NEXO_FAILURE] = "Failure",
    [DEV_NEXO_PARTIAL] = "Partial",
};

static const char *const condition_names[] = {
    [DEV_NEXO_COND_NONE] = "",
    [DEV_NEXO_COND_ABORTED] = "Aborted",
    [DEV_NEXO_COND_BUSY] = "Busy",
    [DEV_NEXO_COND_CANCEL] = "Cancel",
    [DEV_NEXO_COND_DEVICE_OUT] = "DeviceOut",
    [DEV_NEXO_COND_IN_PROGRESS] = "InProgress",
    [DEV_NEXO_COND_INSERTED_CARD] = "InsertedCard",
    [DEV_NEXO_COND_INVALID_CARD] = "InvalidCard",
    [DEV_NEXO_COND_LOGGED_OUT] = "LoggedOut",
    [DEV_NEXO_COND_MESSAGE_FORMAT] = "MessageFormat",
    [DEV_NEXO_COND_NOT_ALLOWED] = "NotAllowed",
    [DEV_NEXO_COND_NOT_FOUND] = "NotFound",
    [DEV_NEXO_COND_PAYMENT_RESTRICTION] = "PaymentRestriction",
    [DEV_NEXO_COND_REFUSAL] = "Refusal",
    [DEV_NEXO_COND_UNAVAILABLE_DEVICE] = "UnavailableDevice",
    [DEV_NEXO_COND_UNAVAILABLE_SERVICE] = "UnavailableService",
    [DEV_NEXO_COND_UNREACHABLE_HOST] = "UnreachableHost",
    [DEV_NEXO_COND_WRONG_PIN] = "WrongPin",
    [DEV_NEXO_COND_OTHER] = "?",
};
#define CONDITION_COUNT (sizeof condition_names / sizeof condition_names[0])

const char *dev_nexo_category_name(enum dev_nexo_category category)
{
    return (unsigned)category < CATEGORY_COUNT ? category_names[category] : "?";
}

const char *dev_nexo_condition_name(enum dev_nexo_condition condition)
{
    return (unsigned)condition < CONDITION_COUNT ? condition_names[condition] : "?";
}

/* ---- Characters ---------------------------------------------------------------------- */

enum text_kind {
    TEXT_ID,       /* printable ASCII: ids, timestamps */
    TEXT_TOKEN,    /* letters and digits: enumerated values, reasons */
    TEXT_CURRENCY, /* three capital letters */
    TEXT_PAN,      /* digits, '*', 'X', 'x', ' ', '-', at most 10 digits */
    TEXT_BRAND,    /* letters, digits, ' ', '.', '_', '-' */
    TEXT_APPROVAL, /* letters, digits, ' ' */
};

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool char_ok(enum text_kind kind, char c)
{
    switch (kind) {
    case TEXT_ID:
        return c >= 0x20 && c <= 0x7e;
    case TEXT_TOKEN:
        return is_alnum(c);
    case TEXT_CURRENCY:
        return c >= 'A' && c <= 'Z';
    case TEXT_PAN:
        return (c >= '0' && c <= '9') || c == '*' || c == 'X' || c == 'x' || c == ' ' || c == '-';
    case TEXT_BRAND:
        return is_alnum(c) || c == ' ' || c == '.' || c == '_' || c == '-';
    case TEXT_APPROVAL:
        return is_alnum(c) || c == ' ';
    }
    return false;
}

/* text[0..n) is 1..max characters of kind. */
static bool text_ok(const char *text, size_t n, size_t max, enum text_kind kind)
{
    if (n == 0 || n > max || (kind == TEXT_CURRENCY && n != 3))
        return false;
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (!char_ok(kind, text[i]))
            return false;
        digits += text[i] >= '0' && text[i] <= '9';
    }
    return kind != TEXT_PAN || digits <= MASKED_PAN_MAX_DIGITS;
}

static bool field_ok(const char *text, size_t max, enum text_kind kind)
{
    return text && text_ok(text, strlen(text), max, kind);
}

/* ---- Amounts -------------------------------------------------------------------------- */

bool dev_nexo_amount_format(int64_t minor, int exponent, char *out, size_t cap)
{
    if (minor < 0 || minor > DEV_NEXO_AMOUNT_MAX || exponent < 0 || exponent > EXPONENT_MAX)
        return false;
    long long major = (long long)(minor / pow10[exponent]);
    long long frac = (long long)(minor % pow10[exponent]);
    int n = exponent == 0 ? snprintf(out, cap, "%lld", major)
                          : snprintf(out, cap, "%lld.%0*lld", major, exponent, frac);
    return n > 0 && (size_t)n < cap;
}

/*
 * A JSON number as minor units: an integer, or a real that is exactly a
 * decimal with at most exponent places (see the header). False otherwise.
 */
static bool amount_from_json(json_t *value, int exponent, int64_t *out)
{
    int64_t scale = pow10[exponent];
    if (json_is_integer(value)) {
        json_int_t major = json_integer_value(value);
        if (major < 0 || major > DEV_NEXO_AMOUNT_MAX / scale)
            return false;
        *out = (int64_t)major * scale;
        return true;
    }
    if (!json_is_real(value))
        return false;
    double real = json_real_value(value);
    if (!(real >= 0.0 && real <= (double)(DEV_NEXO_AMOUNT_MAX / scale)))
        return false;
    char text[40];
    int n = snprintf(text, sizeof text, "%.*f", exponent, real);
    if (n <= 0 || (size_t)n >= sizeof text || strtod(text, NULL) != real)
        return false;
    /* The decimal separator follows the C locale's choice, as strtod does. */
    int separator = exponent > 0 ? n - exponent - 1 : -1;
    int64_t minor = 0;
    for (int i = 0; i < n; i++) {
        if (i == separator)
            continue;
        if (text[i] < '0' || text[i] > '9')
            return false;
        minor = minor * 10 + (text[i] - '0');
    }
    if (minor > DEV_NEXO_AMOUNT_MAX)
        return false;
    *out = minor;
    return true;
}

/* ---- Writing -------------------------------------------------------------------------- */

/* A compact JSON writer into a bounded buffer; the first failure sticks. */
struct writer {
    dev_buffer buf;
    bool ok;
    bool need_comma;
    int exponent;
};

static void put(struct writer *w, const char *text, size_t n)
{
    if (w->ok && !dev_buffer_append(&w->buf, text, n))
        w->ok = false;
}

static void put_str(struct writer *w, const char *text)
{
    put(w, text, strlen(text));
}

static void put_quoted(struct writer *w, const char *text)
{
    put_str(w, "\"");
    for (const char *c = text; *c; c++) {
        if (*c == '"' || *c == '\\') {
            char esc[2] = {'\\', *c};
            put(w, esc, 2);
        } else if ((unsigned char)*c < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)(unsigned char)*c);
            put_str(w, esc);
        } else {
            put(w, c, 1);
        }
    }
    put_str(w, "\"");
}

static void put_key(struct writer *w, const char *key)
{
    if (w->need_comma)
        put_str(w, ",");
    if (key) {
        put_quoted(w, key);
        put_str(w, ":");
    }
}

/* Opens an object: the root when key is NULL, else a member. */
static void open_object(struct writer *w, const char *key)
{
    put_key(w, key);
    put_str(w, "{");
    w->need_comma = false;
}

static void close_object(struct writer *w)
{
    put_str(w, "}");
    w->need_comma = true;
}

/* A string member; the value must pass the check of its kind, else the message is refused. */
static void put_text(struct writer *w, const char *key, const char *value, size_t max,
                     enum text_kind kind)
{
    if (!field_ok(value, max, kind))
        w->ok = false;
    put_key(w, key);
    put_quoted(w, value ? value : "");
    w->need_comma = true;
}

static void put_amount(struct writer *w, const char *key, int64_t minor)
{
    char text[32];
    if (!dev_nexo_amount_format(minor, w->exponent, text, sizeof text))
        w->ok = false;
    put_key(w, key);
    put_str(w, w->ok ? text : "0");
    w->need_comma = true;
}

static void put_header(struct writer *w, const dev_nexo_header *h, bool response)
{
    open_object(w, "MessageHeader");
    put_text(w, "ProtocolVersion", PROTOCOL_VERSION, 8, TEXT_ID);
    put_text(w, "MessageClass", "Service", 16, TEXT_TOKEN);
    put_text(w, "MessageCategory", dev_nexo_category_name(h->category), 32, TEXT_TOKEN);
    put_text(w, "MessageType", response ? "Response" : "Request", 16, TEXT_TOKEN);
    put_text(w, "ServiceID", h->service_id, DEV_NEXO_SERVICE_ID_MAX, TEXT_ID);
    put_text(w, "SaleID", h->sale_id, DEV_NEXO_ID_MAX, TEXT_ID);
    put_text(w, "POIID", h->poi_id, DEV_NEXO_ID_MAX, TEXT_ID);
    close_object(w);
}

static void put_txn_ref(struct writer *w, const char *key, const dev_nexo_txn_ref *ref)
{
    open_object(w, key);
    put_text(w, "TransactionID", ref->id, DEV_NEXO_ID_MAX, TEXT_ID);
    put_text(w, "TimeStamp", ref->timestamp, DEV_NEXO_TIMESTAMP_MAX, TEXT_ID);
    close_object(w);
}

static void put_message_ref(struct writer *w, const dev_nexo_message_ref *ref)
{
    open_object(w, "MessageReference");
    put_text(w, "MessageCategory", dev_nexo_category_name(ref->category), 32, TEXT_TOKEN);
    put_text(w, "SaleID", ref->sale_id, DEV_NEXO_ID_MAX, TEXT_ID);
    put_text(w, "ServiceID", ref->service_id, DEV_NEXO_SERVICE_ID_MAX, TEXT_ID);
    close_object(w);
}

/* Starts a writer and writes the opening of a message up to its body's object. */
static void begin_message(struct writer *w, const char *root, const dev_nexo_header *h,
                          bool response, const char *body, int exponent)
{
    dev_buffer_init(&w->buf, DEV_NEXO_JSON_MAX);
    w->ok = exponent >= 0 && exponent <= EXPONENT_MAX && (unsigned)h->category < CATEGORY_COUNT;
    w->need_comma = false;
    w->exponent = w->ok ? exponent : 0;
    open_object(w, NULL);
    open_object(w, root);
    put_header(w, h, response);
    open_object(w, body);
}

/* Closes body, message and root, and hands the text over. */
static bool end_message(struct writer *w, char **out, size_t *len)
{
    close_object(w);
    close_object(w);
    close_object(w);
    put(w, "", 1);
    if (!w->ok) {
        dev_buffer_free(&w->buf);
        *out = NULL;
        *len = 0;
        return false;
    }
    *out = (char *)w->buf.data;
    *len = w->buf.len - 1;
    return true;
}

bool dev_nexo_encode_request(const dev_nexo_request *req, int exponent, char **out, size_t *len)
{
    const dev_nexo_header *h = &req->header;
    if ((unsigned)h->category >= CATEGORY_COUNT) {
        *out = NULL;
        return false;
    }
    struct writer w;
    begin_message(&w, "SaleToPOIRequest", h, false, request_bodies[h->category], exponent);
    switch (h->category) {
    case DEV_NEXO_PAYMENT:
        open_object(&w, "SaleData");
        put_txn_ref(&w, "SaleTransactionID", &req->sale_txn);
        close_object(&w);
        if (req->refund) {
            open_object(&w, "PaymentData");
            put_text(&w, "PaymentType", payment_types[1], 8, TEXT_TOKEN);
            close_object(&w);
        }
        open_object(&w, "PaymentTransaction");
        open_object(&w, "AmountsReq");
        put_text(&w, "Currency", req->currency, 3, TEXT_CURRENCY);
        if (req->amount <= 0)
            w.ok = false;
        put_amount(&w, "RequestedAmount", req->amount);
        close_object(&w);
        if (req->refund) {
            open_object(&w, "OriginalPOITransaction");
            put_txn_ref(&w, "POITransactionID", &req->original);
            close_object(&w);
        }
        close_object(&w);
        break;
    case DEV_NEXO_ABORT:
        put_text(&w, "AbortReason", req->abort_reason, DEV_NEXO_REASON_MAX, TEXT_TOKEN);
        put_message_ref(&w, &req->ref);
        break;
    case DEV_NEXO_TRANSACTION_STATUS:
        if (req->ref.present)
            put_message_ref(&w, &req->ref);
        break;
    case DEV_NEXO_REVERSAL:
        open_object(&w, "OriginalPOITransaction");
        put_txn_ref(&w, "POITransactionID", &req->original);
        close_object(&w);
        put_text(&w, "ReversalReason", req->reversal_reason, DEV_NEXO_REASON_MAX, TEXT_TOKEN);
        break;
    }
    return end_message(&w, out, len);
}

/* AdditionalResponse as Adyen writes it: "message=" and the text, form-encoded. */
static void put_additional(struct writer *w, const char *message)
{
    char encoded[3 * DEV_NEXO_MESSAGE_MAX + 16] = "message=";
    size_t o = strlen(encoded);
    for (const char *c = message; *c && o + 4 < sizeof encoded; c++) {
        if (is_alnum(*c) || *c == '.' || *c == '-' || *c == '_')
            encoded[o++] = *c;
        else if (*c == ' ')
            encoded[o++] = '+';
        else
            o += (size_t)snprintf(encoded + o, sizeof encoded - o, "%%%02X",
                                  (unsigned)(unsigned char)*c);
    }
    encoded[o] = '\0';
    put_text(w, "AdditionalResponse", encoded, sizeof encoded, TEXT_ID);
}

static void put_status(struct writer *w, const dev_nexo_status *s)
{
    open_object(w, "Response");
    if ((unsigned)s->result >= sizeof result_names / sizeof result_names[0] ||
        (unsigned)s->condition >= DEV_NEXO_COND_OTHER) {
        w->ok = false;
        close_object(w);
        return;
    }
    put_text(w, "Result", result_names[s->result], 16, TEXT_TOKEN);
    if (s->condition != DEV_NEXO_COND_NONE)
        put_text(w, "ErrorCondition", condition_names[s->condition], 32, TEXT_TOKEN);
    if (s->message[0])
        put_additional(w, s->message);
    close_object(w);
}

static void put_payment(struct writer *w, const dev_nexo_payment *p)
{
    put_status(w, &p->status);
    if (p->sale_txn.id[0]) {
        open_object(w, "SaleData");
        put_txn_ref(w, "SaleTransactionID", &p->sale_txn);
        close_object(w);
    }
    if (p->poi_txn.id[0]) {
        open_object(w, "POIData");
        put_txn_ref(w, "POITransactionID", &p->poi_txn);
        close_object(w);
    }
    if (!p->masked_pan[0] && !p->brand[0] && !p->approval_code[0] && !p->has_authorized &&
        !p->refund)
        return;
    open_object(w, "PaymentResult");
    if (p->refund)
        put_text(w, "PaymentType", payment_types[1], 8, TEXT_TOKEN);
    if (p->masked_pan[0] || p->brand[0]) {
        open_object(w, "PaymentInstrumentData");
        put_text(w, "PaymentInstrumentType", "Card", 8, TEXT_TOKEN);
        open_object(w, "CardData");
        if (p->masked_pan[0])
            put_text(w, "MaskedPan", p->masked_pan, DEV_NEXO_MASKED_PAN_MAX, TEXT_PAN);
        if (p->brand[0])
            put_text(w, "PaymentBrand", p->brand, DEV_NEXO_BRAND_MAX, TEXT_BRAND);
        close_object(w);
        close_object(w);
    }
    if (p->has_authorized) {
        open_object(w, "AmountsResp");
        put_amount(w, "AuthorizedAmount", p->authorized);
        close_object(w);
    }
    if (p->approval_code[0]) {
        open_object(w, "PaymentAcquirerData");
        put_text(w, "ApprovalCode", p->approval_code, DEV_NEXO_APPROVAL_MAX, TEXT_APPROVAL);
        close_object(w);
    }
    close_object(w);
}

bool dev_nexo_encode_response(const dev_nexo_response *resp, int exponent, char **out, size_t *len)
{
    const dev_nexo_header *h = &resp->header;
    if ((unsigned)h->category >= CATEGORY_COUNT || h->category == DEV_NEXO_ABORT) {
        *out = NULL;
        return false;
    }
    struct writer w;
    begin_message(&w, "SaleToPOIResponse", h, true, response_bodies[h->category], exponent);
    switch (h->category) {
    case DEV_NEXO_PAYMENT:
        put_payment(&w, &resp->payment);
        break;
    case DEV_NEXO_TRANSACTION_STATUS:
        put_status(&w, &resp->status);
        if (resp->ref.present)
            put_message_ref(&w, &resp->ref);
        if (resp->has_repeated) {
            open_object(&w, "RepeatedMessageResponse");
            put_header(&w, &resp->repeated_header, true);
            open_object(&w, "RepeatedResponseMessageBody");
            open_object(&w, "PaymentResponse");
            put_payment(&w, &resp->payment);
            close_object(&w);
            close_object(&w);
            close_object(&w);
        }
        break;
    case DEV_NEXO_REVERSAL:
        put_status(&w, &resp->status);
        if (resp->reversal_poi_txn.id[0]) {
            open_object(&w, "POIData");
            put_txn_ref(&w, "POITransactionID", &resp->reversal_poi_txn);
            close_object(&w);
        }
        if (resp->has_reversed)
            put_amount(&w, "ReversedAmount", resp->reversed);
        break;
    case DEV_NEXO_ABORT:
        break;
    }
    return end_message(&w, out, len);
}

/* ---- Reading -------------------------------------------------------------------------- */

/* A reader keeps the first problem; every getter returns false once there is one. */
struct reader {
    dev_nexo_problem *why;
    bool failed;
    int exponent;
};

static bool fail(struct reader *r, const char *path, const char *name, const char *reason)
{
    if (!r->failed && r->why)
        snprintf(r->why->text, sizeof r->why->text, "%s%s%s: %s", path, name ? "." : "",
                 name ? name : "", reason);
    r->failed = true;
    return false;
}

/* The object member `name` of parent; NULL (a problem when required) when absent or not one. */
static json_t *get_object(struct reader *r, json_t *parent, const char *path, const char *name,
                          bool required)
{
    json_t *value = json_object_get(parent, name);
    if (!value) {
        if (required)
            fail(r, path, name, "missing");
        return NULL;
    }
    if (!json_is_object(value)) {
        fail(r, path, name, "not an object");
        return NULL;
    }
    return value;
}

/*
 * Copies the string member `name` into out (max characters of kind). Absent
 * is a problem when required, else leaves out "" and returns false without one.
 */
static bool get_text(struct reader *r, json_t *parent, const char *path, const char *name,
                     char *out, size_t max, enum text_kind kind, bool required)
{
    out[0] = '\0';
    json_t *value = json_object_get(parent, name);
    if (!value)
        return required ? fail(r, path, name, "missing") : false;
    if (!json_is_string(value))
        return fail(r, path, name, "not a string");
    if (!text_ok(json_string_value(value), json_string_length(value), max, kind))
        return fail(r, path, name, "empty, too long or with characters it never holds");
    memcpy(out, json_string_value(value), json_string_length(value) + 1);
    return true;
}

/* Like get_text for a describing field: a bad value is dropped (bit set), never a problem. */
static void get_describing(json_t *parent, const char *name, char *out, size_t max,
                           enum text_kind kind, unsigned *dropped, unsigned bit)
{
    out[0] = '\0';
    json_t *value = json_object_get(parent, name);
    if (!value)
        return;
    if (json_is_string(value) &&
        text_ok(json_string_value(value), json_string_length(value), max, kind))
        memcpy(out, json_string_value(value), json_string_length(value) + 1);
    else
        *dropped |= bit;
}

/* The string member `name` equals one of names[0..count); its index, or -1 with a problem. */
static int get_enum(struct reader *r, json_t *parent, const char *path, const char *name,
                    const char *const *names, size_t count)
{
    char text[33];
    if (!get_text(r, parent, path, name, text, 32, TEXT_TOKEN, true))
        return -1;
    for (size_t i = 0; i < count; i++)
        if (strcmp(text, names[i]) == 0)
            return (int)i;
    fail(r, path, name, "not a known value");
    return -1;
}

static bool get_amount(struct reader *r, json_t *parent, const char *path, const char *name,
                       int64_t *out)
{
    json_t *value = json_object_get(parent, name);
    if (!value)
        return fail(r, path, name, "missing");
    if (!amount_from_json(value, r->exponent, out))
        return fail(r, path, name, "not an amount in whole minor units within range");
    return true;
}

/* The string member `name` must be exactly expect. */
static bool get_fixed(struct reader *r, json_t *parent, const char *path, const char *name,
                      const char *expect)
{
    char text[33];
    if (!get_text(r, parent, path, name, text, 32, TEXT_ID, true))
        return false;
    return strcmp(text, expect) == 0 || fail(r, path, name, "not the expected value");
}

static bool read_header(struct reader *r, json_t *h, const char *path, bool response,
                        dev_nexo_header *out)
{
    if (json_object_get(h, "ProtocolVersion"))
        get_fixed(r, h, path, "ProtocolVersion", PROTOCOL_VERSION);
    get_fixed(r, h, path, "MessageClass", "Service");
    get_fixed(r, h, path, "MessageType", response ? "Response" : "Request");
    int category = get_enum(r, h, path, "MessageCategory", category_names, CATEGORY_COUNT);
    out->category = category < 0 ? DEV_NEXO_PAYMENT : (enum dev_nexo_category)category;
    get_text(r, h, path, "ServiceID", out->service_id, DEV_NEXO_SERVICE_ID_MAX, TEXT_ID, true);
    get_text(r, h, path, "SaleID", out->sale_id, DEV_NEXO_ID_MAX, TEXT_ID, true);
    get_text(r, h, path, "POIID", out->poi_id, DEV_NEXO_ID_MAX, TEXT_ID, true);
    return !r->failed;
}

static void read_txn_ref(struct reader *r, json_t *obj, const char *path, dev_nexo_txn_ref *out)
{
    get_text(r, obj, path, "TransactionID", out->id, DEV_NEXO_ID_MAX, TEXT_ID, true);
    get_text(r, obj, path, "TimeStamp", out->timestamp, DEV_NEXO_TIMESTAMP_MAX, TEXT_ID, true);
}

/* parent.outer.inner as a TransactionIdentification, when outer is there (or required). */
static void read_nested_ref(struct reader *r, json_t *parent, const char *path, const char *outer,
                            const char *inner, bool required, dev_nexo_txn_ref *out)
{
    char sub[96];
    json_t *o = get_object(r, parent, path, outer, required);
    snprintf(sub, sizeof sub, "%s.%s", path, outer);
    json_t *i = o ? get_object(r, o, sub, inner, true) : NULL;
    snprintf(sub, sizeof sub, "%s.%s.%s", path, outer, inner);
    if (i)
        read_txn_ref(r, i, sub, out);
}

static void read_message_ref(struct reader *r, json_t *obj, const char *path,
                             const dev_nexo_header *header, bool need_category,
                             dev_nexo_message_ref *out)
{
    out->present = true;
    out->category = DEV_NEXO_PAYMENT;
    if (need_category || json_object_get(obj, "MessageCategory")) {
        int category = get_enum(r, obj, path, "MessageCategory", category_names, CATEGORY_COUNT);
        out->category = category < 0 ? DEV_NEXO_PAYMENT : (enum dev_nexo_category)category;
    }
    get_text(r, obj, path, "ServiceID", out->service_id, DEV_NEXO_SERVICE_ID_MAX, TEXT_ID, true);
    if (!get_text(r, obj, path, "SaleID", out->sale_id, DEV_NEXO_ID_MAX, TEXT_ID, false) &&
        !r->failed)
        memcpy(out->sale_id, header->sale_id, sizeof out->sale_id);
}

/* Form-decodes value[0..n) into out[cap]; false when it is not printable ASCII or too long. */
static bool form_decode(const char *value, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = value[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < n ? dev_uri_hex_digit(value[i + 1]) : -1;
            int lo = i + 2 < n ? dev_uri_hex_digit(value[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return false;
            c = (char)(hi << 4 | lo);
            i += 2;
        }
        if (c < 0x20 || c > 0x7e || o + 1 >= cap)
            return false;
        digits += c >= '0' && c <= '9';
        out[o++] = c;
    }
    out[o] = '\0';
    /* Never keep what could be a card number. */
    return digits <= MASKED_PAN_MAX_DIGITS;
}

/* The value of `key` in a form-encoded "k=v&k=v" text, decoded; false when absent, empty or bad. */
static bool form_value(const char *form, const char *key, char *out, size_t cap, bool *bad)
{
    size_t key_len = strlen(key);
    for (const char *p = form; p && *p;) {
        const char *amp = strchr(p, '&');
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        if (n > key_len + 1 && memcmp(p, key, key_len) == 0 && p[key_len] == '=') {
            if (form_decode(p + key_len + 1, n - key_len - 1, out, cap))
                return true;
            *bad = true;
            return false;
        }
        p = amp ? amp + 1 : NULL;
    }
    return false;
}

static void read_status(struct reader *r, json_t *body, const char *path, dev_nexo_status *out,
                        unsigned *dropped)
{
    char sub[96];
    snprintf(sub, sizeof sub, "%s.Response", path);
    json_t *resp = get_object(r, body, path, "Response", true);
    if (!resp)
        return;
    int result = get_enum(r, resp, sub, "Result", result_names,
                          sizeof result_names / sizeof result_names[0]);
    out->result = result < 0 ? DEV_NEXO_FAILURE : (enum dev_nexo_result)result;
    out->condition = DEV_NEXO_COND_NONE;
    char condition[33];
    if (get_text(r, resp, sub, "ErrorCondition", condition, 32, TEXT_TOKEN, false)) {
        out->condition = DEV_NEXO_COND_OTHER;
        for (size_t i = 1; i < DEV_NEXO_COND_OTHER; i++)
            if (strcmp(condition, condition_names[i]) == 0)
                out->condition = (enum dev_nexo_condition)i;
    }
    json_t *additional = json_object_get(resp, "AdditionalResponse");
    out->message[0] = '\0';
    if (!additional)
        return;
    bool bad = !json_is_string(additional) || json_string_length(additional) > 16384 ||
               strlen(json_string_value(additional)) != json_string_length(additional);
    if (!bad && !form_value(json_string_value(additional), "refusalReason", out->message,
                            sizeof out->message, &bad))
        form_value(json_string_value(additional), "message", out->message, sizeof out->message,
                   &bad);
    if (bad) {
        memset(out->message, 0, sizeof out->message); /* no half-decoded text left behind */
        *dropped |= DEV_NEXO_DROPPED_MESSAGE;
    }
}

/* An optional PaymentType of parent: true for "Refund", false for "Normal" or none. */
static bool read_payment_type(struct reader *r, json_t *parent, const char *path)
{
    if (!json_object_get(parent, "PaymentType"))
        return false;
    return get_enum(r, parent, path, "PaymentType", payment_types, 2) == 1;
}

static void read_payment(struct reader *r, json_t *body, const char *path, dev_nexo_payment *out)
{
    char sub[128];
    read_status(r, body, path, &out->status, &out->dropped);
    bool settled = out->status.result != DEV_NEXO_FAILURE;
    read_nested_ref(r, body, path, "SaleData", "SaleTransactionID", settled, &out->sale_txn);
    read_nested_ref(r, body, path, "POIData", "POITransactionID", settled, &out->poi_txn);
    json_t *result = get_object(r, body, path, "PaymentResult", false);
    if (!result)
        return;
    snprintf(sub, sizeof sub, "%s.PaymentResult", path);
    out->refund = read_payment_type(r, result, sub);
    json_t *instrument = get_object(r, result, sub, "PaymentInstrumentData", false);
    snprintf(sub, sizeof sub, "%s.PaymentResult.PaymentInstrumentData", path);
    json_t *card = instrument ? get_object(r, instrument, sub, "CardData", false) : NULL;
    if (card) {
        get_describing(card, "MaskedPan", out->masked_pan, DEV_NEXO_MASKED_PAN_MAX, TEXT_PAN,
                       &out->dropped, DEV_NEXO_DROPPED_MASKED_PAN);
        get_describing(card, "PaymentBrand", out->brand, DEV_NEXO_BRAND_MAX, TEXT_BRAND,
                       &out->dropped, DEV_NEXO_DROPPED_BRAND);
    }
    snprintf(sub, sizeof sub, "%s.PaymentResult", path);
    json_t *acquirer = get_object(r, result, sub, "PaymentAcquirerData", false);
    if (acquirer)
        get_describing(acquirer, "ApprovalCode", out->approval_code, DEV_NEXO_APPROVAL_MAX,
                       TEXT_APPROVAL, &out->dropped, DEV_NEXO_DROPPED_APPROVAL);
    json_t *amounts = get_object(r, result, sub, "AmountsResp", false);
    snprintf(sub, sizeof sub, "%s.PaymentResult.AmountsResp", path);
    if (amounts) {
        char currency[4];
        get_text(r, amounts, sub, "Currency", currency, 3, TEXT_CURRENCY, false);
        out->has_authorized = get_amount(r, amounts, sub, "AuthorizedAmount", &out->authorized);
    }
}

/*
 * Parses the common frame: {"<root>": {"MessageHeader": {...}, "<Body>": {...}}}
 * with nothing else in it. Returns the body (owned by *doc) or NULL.
 */
static json_t *read_frame(struct reader *r, const char *json, size_t len, const char *root,
                          bool response, dev_nexo_header *header, json_t **doc)
{
    *doc = NULL;
    if (len > DEV_NEXO_JSON_MAX) {
        fail(r, "message", NULL, "too large");
        return NULL;
    }
    json_error_t error;
    *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &error);
    if (!*doc) {
        fail(r, "message", NULL, "not JSON, or a member given twice");
        return NULL;
    }
    json_t *message = get_object(r, *doc, "", root, true);
    if (!message || json_object_size(*doc) != 1) {
        fail(r, root, NULL, "not the only member of a JSON object");
        return NULL;
    }
    json_t *h = get_object(r, message, root, "MessageHeader", true);
    if (!h || !read_header(r, h, "MessageHeader", response, header))
        return NULL;
    const char *body_name =
        response ? response_bodies[header->category] : request_bodies[header->category];
    if (!body_name[0]) {
        fail(r, "MessageHeader", "MessageCategory", "has no response body");
        return NULL;
    }
    json_t *body = get_object(r, message, root, body_name, true);
    if (body && json_object_size(message) != 2) {
        fail(r, root, NULL, "holds members other than MessageHeader and the body");
        return NULL;
    }
    return body;
}

static bool reader_start(struct reader *r, dev_nexo_problem *why, int exponent)
{
    r->why = why;
    r->failed = false;
    r->exponent = exponent;
    if (why)
        why->text[0] = '\0';
    if (exponent < 0 || exponent > EXPONENT_MAX)
        return fail(r, "exponent", NULL, "out of range");
    return true;
}

static void read_payment_request(struct reader *r, json_t *body, dev_nexo_request *out)
{
    read_nested_ref(r, body, "PaymentRequest", "SaleData", "SaleTransactionID", true,
                    &out->sale_txn);
    json_t *data = get_object(r, body, "PaymentRequest", "PaymentData", false);
    out->refund = data && read_payment_type(r, data, "PaymentRequest.PaymentData");
    json_t *txn = get_object(r, body, "PaymentRequest", "PaymentTransaction", true);
    json_t *amounts =
        txn ? get_object(r, txn, "PaymentRequest.PaymentTransaction", "AmountsReq", true) : NULL;
    if (!amounts)
        return;
    if (out->refund) /* a refund gives back (part of) one charge: which one is required */
        read_nested_ref(r, txn, "PaymentRequest.PaymentTransaction", "OriginalPOITransaction",
                        "POITransactionID", true, &out->original);
    const char *path = "PaymentRequest.PaymentTransaction.AmountsReq";
    get_text(r, amounts, path, "Currency", out->currency, 3, TEXT_CURRENCY, true);
    if (get_amount(r, amounts, path, "RequestedAmount", &out->amount) && out->amount == 0)
        fail(r, path, "RequestedAmount", "zero");
}

bool dev_nexo_decode_request(const char *json, size_t len, int exponent, dev_nexo_request *out,
                             dev_nexo_problem *why)
{
    memset(out, 0, sizeof *out);
    struct reader r;
    json_t *doc = NULL, *body = NULL, *ref = NULL;
    if (reader_start(&r, why, exponent))
        body = read_frame(&r, json, len, "SaleToPOIRequest", false, &out->header, &doc);
    if (body) {
        switch (out->header.category) {
        case DEV_NEXO_PAYMENT:
            read_payment_request(&r, body, out);
            break;
        case DEV_NEXO_ABORT:
            get_text(&r, body, "AbortRequest", "AbortReason", out->abort_reason,
                     DEV_NEXO_REASON_MAX, TEXT_TOKEN, true);
            ref = get_object(&r, body, "AbortRequest", "MessageReference", true);
            if (ref)
                read_message_ref(&r, ref, "AbortRequest.MessageReference", &out->header, true,
                                 &out->ref);
            break;
        case DEV_NEXO_TRANSACTION_STATUS:
            ref = get_object(&r, body, "TransactionStatusRequest", "MessageReference", false);
            if (ref)
                read_message_ref(&r, ref, "TransactionStatusRequest.MessageReference", &out->header,
                                 false, &out->ref);
            break;
        case DEV_NEXO_REVERSAL:
            read_nested_ref(&r, body, "ReversalRequest", "OriginalPOITransaction",
                            "POITransactionID", true, &out->original);
            get_text(&r, body, "ReversalRequest", "ReversalReason", out->reversal_reason,
                     DEV_NEXO_REASON_MAX, TEXT_TOKEN, true);
            break;
        }
    }
    json_decref(doc);
    if (r.failed || !body)
        memset(out, 0, sizeof *out);
    return !r.failed && body;
}

static void read_status_response(struct reader *r, json_t *body, dev_nexo_response *out)
{
    const char *path = "TransactionStatusResponse";
    read_status(r, body, path, &out->status, &out->payment.dropped);
    json_t *ref = get_object(r, body, path, "MessageReference", false);
    if (ref)
        read_message_ref(r, ref, "TransactionStatusResponse.MessageReference", &out->header, false,
                         &out->ref);
    if (r->failed || out->status.result != DEV_NEXO_SUCCESS)
        return;
    json_t *repeated = get_object(r, body, path, "RepeatedMessageResponse", true);
    const char *rpath = "TransactionStatusResponse.RepeatedMessageResponse";
    json_t *h = repeated ? get_object(r, repeated, rpath, "MessageHeader", true) : NULL;
    if (!h ||
        !read_header(r, h, "RepeatedMessageResponse.MessageHeader", true, &out->repeated_header))
        return;
    if (out->repeated_header.category != DEV_NEXO_PAYMENT) {
        fail(r, "RepeatedMessageResponse.MessageHeader", "MessageCategory", "not Payment");
        return;
    }
    json_t *rbody = get_object(r, repeated, rpath, "RepeatedResponseMessageBody", true);
    json_t *payment =
        rbody ? get_object(r, rbody, "RepeatedResponseMessageBody", "PaymentResponse", true) : NULL;
    if (payment) {
        read_payment(r, payment, "RepeatedResponseMessageBody.PaymentResponse", &out->payment);
        out->has_repeated = !r->failed;
    }
}

bool dev_nexo_decode_response(const char *json, size_t len, int exponent, dev_nexo_response *out,
                              dev_nexo_problem *why)
{
    memset(out, 0, sizeof *out);
    struct reader r;
    json_t *doc = NULL, *body = NULL;
    if (reader_start(&r, why, exponent))
        body = read_frame(&r, json, len, "SaleToPOIResponse", true, &out->header, &doc);
    if (body) {
        switch (out->header.category) {
        case DEV_NEXO_PAYMENT:
            read_payment(&r, body, "PaymentResponse", &out->payment);
            out->status = out->payment.status;
            break;
        case DEV_NEXO_TRANSACTION_STATUS:
            read_status_response(&r, body, out);
            break;
        case DEV_NEXO_REVERSAL:
            read_status(&r, body, "ReversalResponse", &out->status, &out->payment.dropped);
            if (json_object_get(body, "POIData"))
                read_nested_ref(&r, body, "ReversalResponse", "POIData", "POITransactionID", true,
                                &out->reversal_poi_txn);
            if (json_object_get(body, "ReversedAmount"))
                out->has_reversed =
                    get_amount(&r, body, "ReversalResponse", "ReversedAmount", &out->reversed);
            break;
        case DEV_NEXO_ABORT:
            break;
        }
    }
    json_decref(doc);
    if (r.failed || !body)
        memset(out, 0, sizeof *out);
    return !r.failed && body;
}
