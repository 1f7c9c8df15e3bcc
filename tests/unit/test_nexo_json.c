/*
 * The nexo JSON codec (devices/payment/nexo_json.c): amounts as decimal text
 * without floats, request and response round trips, the exact text of a
 * payment request, strict refusal of malformed messages, and describing
 * fields that are dropped rather than refusing an approval.
 */
#include <stdio.h>
#include <stdlib.h>

#include "devices/payment/nexo_json.h"
#include "tests/support/check.h"

static const dev_nexo_header header = {
    .category = DEV_NEXO_PAYMENT,
    .service_id = "a1b2c3d4e5",
    .sale_id = "KIOSK-01",
    .poi_id = "V400m-324688179",
};

/* ---- Amounts -------------------------------------------------------------------------- */

static void test_amount_format(void)
{
    static const struct {
        int64_t minor;
        int exponent;
        const char *text; /* NULL: refused */
    } cases[] = {
        {6850, 2, "68.50"},
        {5, 2, "0.05"},
        {0, 2, "0.00"},
        {100, 0, "100"},
        {1234567, 3, "1234.567"},
        {DEV_NEXO_AMOUNT_MAX, 2, "100000000000.00"},
        {DEV_NEXO_AMOUNT_MAX + 1, 2, NULL},
        {-1, 2, NULL},
        {1, 5, NULL},
        {1, -1, NULL},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        char text[32];
        bool ok = dev_nexo_amount_format(cases[i].minor, cases[i].exponent, text, sizeof text);
        CHECK_EQ_INT(ok, cases[i].text != NULL);
        if (ok)
            CHECK_EQ_STR(text, cases[i].text);
    }
    char small[5];
    CHECK(!dev_nexo_amount_format(6850, 2, small, sizeof small)); /* "68.50" needs 6 bytes */
    CHECK(dev_nexo_amount_format(685, 2, small, sizeof small));
}

/* A payment response whose AuthorizedAmount is the given JSON text. */
static bool decode_authorized(const char *amount, int exponent, int64_t *out)
{
    char json[1024];
    snprintf(
        json, sizeof json,
        "{\"SaleToPOIResponse\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
        "\"MessageClass\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":"
        "\"Response\",\"ServiceID\":\"1\",\"SaleID\":\"S\",\"POIID\":\"P\"},"
        "\"PaymentResponse\":{\"Response\":{\"Result\":\"Success\"},\"SaleData\":{"
        "\"SaleTransactionID\":{\"TransactionID\":\"t\",\"TimeStamp\":\"now\"}},\"POIData\":{"
        "\"POITransactionID\":{\"TransactionID\":\"p\",\"TimeStamp\":\"now\"}},"
        "\"PaymentResult\":{\"AmountsResp\":{\"Currency\":\"SAR\",\"AuthorizedAmount\":%s}}}}}",
        amount);
    dev_nexo_response resp;
    if (!dev_nexo_decode_response(json, strlen(json), exponent, &resp, NULL))
        return false;
    *out = resp.payment.authorized;
    return resp.payment.has_authorized;
}

static void test_amount_parse(void)
{
    static const struct {
        const char *json;
        int exponent;
        int64_t minor; /* -1: refused */
    } cases[] = {
        {"68.5", 2, 6850},
        {"68.50", 2, 6850},
        {"68", 2, 6800},
        {"0.29", 2, 29}, /* 0.29 * 100 is 28.999999999999996 in floating point */
        {"0.1", 2, 10},
        {"1e2", 2, 10000},
        {"1.005", 3, 1005},
        {"12.3456", 4, 123456},
        {"99999999999.99", 2, 9999999999999},
        {"0", 2, 0},
        {"68.505", 2, -1}, /* a third decimal */
        {"0.001", 2, -1},
        {"-1", 2, -1},
        {"-0.5", 2, -1},
        {"\"68.50\"", 2, -1}, /* a string, not a number */
        {"null", 2, -1},
        {"1e300", 2, -1},
        {"100000000000.01", 2, -1}, /* over DEV_NEXO_AMOUNT_MAX */
        {"100000000001", 2, -1},
        {"68.5", 0, -1},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        int64_t minor = -1;
        bool ok = decode_authorized(cases[i].json, cases[i].exponent, &minor);
        if (ok != (cases[i].minor >= 0) || (ok && minor != cases[i].minor)) {
            fprintf(stderr, "  amount %s (exponent %d): got %s %lld\n", cases[i].json,
                    cases[i].exponent, ok ? "ok" : "refused", (long long)minor);
            CHECK(false);
        }
    }
}

/* Field by field, so that padding bytes (which assignments need not copy) never matter. */
static bool same_header(const dev_nexo_header *a, const dev_nexo_header *b)
{
    return a->category == b->category && !strcmp(a->service_id, b->service_id) &&
           !strcmp(a->sale_id, b->sale_id) && !strcmp(a->poi_id, b->poi_id);
}

static bool same_ref(const dev_nexo_txn_ref *a, const dev_nexo_txn_ref *b)
{
    return !strcmp(a->id, b->id) && !strcmp(a->timestamp, b->timestamp);
}

static bool same_message_ref(const dev_nexo_message_ref *a, const dev_nexo_message_ref *b)
{
    return a->present == b->present &&
           (!a->present || (a->category == b->category && !strcmp(a->service_id, b->service_id) &&
                            !strcmp(a->sale_id, b->sale_id)));
}

static bool same_request(const dev_nexo_request *a, const dev_nexo_request *b)
{
    return same_header(&a->header, &b->header) && same_ref(&a->sale_txn, &b->sale_txn) &&
           !strcmp(a->currency, b->currency) && a->amount == b->amount &&
           same_message_ref(&a->ref, &b->ref) && !strcmp(a->abort_reason, b->abort_reason) &&
           same_ref(&a->original, &b->original) &&
           !strcmp(a->reversal_reason, b->reversal_reason) && a->refund == b->refund;
}

static bool same_status(const dev_nexo_status *a, const dev_nexo_status *b)
{
    return a->result == b->result && a->condition == b->condition &&
           !strcmp(a->message, b->message);
}

static bool same_payment(const dev_nexo_payment *a, const dev_nexo_payment *b)
{
    return same_status(&a->status, &b->status) && same_ref(&a->sale_txn, &b->sale_txn) &&
           same_ref(&a->poi_txn, &b->poi_txn) && !strcmp(a->masked_pan, b->masked_pan) &&
           !strcmp(a->brand, b->brand) && !strcmp(a->approval_code, b->approval_code) &&
           a->has_authorized == b->has_authorized && a->authorized == b->authorized &&
           a->dropped == b->dropped && a->refund == b->refund;
}

static bool same_response(const dev_nexo_response *a, const dev_nexo_response *b)
{
    return same_header(&a->header, &b->header) && same_status(&a->status, &b->status) &&
           same_payment(&a->payment, &b->payment) && a->has_repeated == b->has_repeated &&
           (!a->has_repeated || same_header(&a->repeated_header, &b->repeated_header)) &&
           same_message_ref(&a->ref, &b->ref) &&
           same_ref(&a->reversal_poi_txn, &b->reversal_poi_txn) &&
           a->has_reversed == b->has_reversed && a->reversed == b->reversed;
}

/* ---- Requests ------------------------------------------------------------------------- */

static dev_nexo_request payment_request(void)
{
    dev_nexo_request req = {.header = header, .amount = 6850};
    snprintf(req.sale_txn.id, sizeof req.sale_txn.id, "7f1c2d3e-0000-4000-8000-000000000001");
    snprintf(req.sale_txn.timestamp, sizeof req.sale_txn.timestamp, "2026-11-24T09:30:00Z");
    memcpy(req.currency, "SAR", 4);
    return req;
}

static void test_payment_request_text(void)
{
    dev_nexo_request req = payment_request();
    char *json = NULL;
    size_t len = 0;
    CHECK(dev_nexo_encode_request(&req, 2, &json, &len));
    static const char expect[] =
        "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
        "\"MessageClass\":\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":"
        "\"Request\",\"ServiceID\":\"a1b2c3d4e5\",\"SaleID\":\"KIOSK-01\",\"POIID\":"
        "\"V400m-324688179\"},\"PaymentRequest\":{\"SaleData\":{\"SaleTransactionID\":{"
        "\"TransactionID\":\"7f1c2d3e-0000-4000-8000-000000000001\",\"TimeStamp\":"
        "\"2026-11-24T09:30:00Z\"}},\"PaymentTransaction\":{\"AmountsReq\":{\"Currency\":"
        "\"SAR\",\"RequestedAmount\":68.50}}}}}";
    bool same = json && strcmp(json, expect) == 0 && len == strlen(expect);
    if (!same)
        fprintf(stderr, "  got %s\n", json ? json : "(null)");
    free(json);
    CHECK(same);
}

static bool request_round_trip(const dev_nexo_request *req, dev_nexo_request *back)
{
    char *json = NULL;
    size_t len = 0;
    dev_nexo_problem why;
    bool ok = dev_nexo_encode_request(req, 2, &json, &len) &&
              dev_nexo_decode_request(json, len, 2, back, &why);
    if (json && !ok)
        fprintf(stderr, "  %s\n  %s\n", json, why.text);
    free(json);
    return ok;
}

static void test_request_round_trips(void)
{
    dev_nexo_request back;
    dev_nexo_request pay = payment_request();
    CHECK(request_round_trip(&pay, &back));
    CHECK(same_request(&back, &pay));

    dev_nexo_request abort = {.header = header};
    abort.header.category = DEV_NEXO_ABORT;
    memcpy(abort.header.service_id, "abort00001", 11);
    snprintf(abort.abort_reason, sizeof abort.abort_reason, "MerchantAbort");
    abort.ref = (dev_nexo_message_ref){.present = true,
                                       .category = DEV_NEXO_PAYMENT,
                                       .service_id = "a1b2c3d4e5",
                                       .sale_id = "KIOSK-01"};
    CHECK(request_round_trip(&abort, &back));
    CHECK(same_request(&back, &abort));

    dev_nexo_request status = abort;
    status.header.category = DEV_NEXO_TRANSACTION_STATUS;
    memset(status.abort_reason, 0, sizeof status.abort_reason);
    CHECK(request_round_trip(&status, &back));
    CHECK(same_request(&back, &status));
    status.ref = (dev_nexo_message_ref){0}; /* no reference: the last transaction */
    CHECK(request_round_trip(&status, &back));
    CHECK(!back.ref.present);

    dev_nexo_request reversal = {.header = header};
    reversal.header.category = DEV_NEXO_REVERSAL;
    snprintf(reversal.original.id, sizeof reversal.original.id, "BV0q001765459350001.V4HZ");
    snprintf(reversal.original.timestamp, sizeof reversal.original.timestamp,
             "2026-11-24T09:30:05.000Z");
    snprintf(reversal.reversal_reason, sizeof reversal.reversal_reason, "MerchantCancel");
    CHECK(request_round_trip(&reversal, &back));
    CHECK(same_request(&back, &reversal));
}

static void test_encode_refuses_bad_fields(void)
{
    char *json = (char *)"untouched";
    size_t len;
    dev_nexo_request req = payment_request();
    req.amount = 0;
    CHECK(!dev_nexo_encode_request(&req, 2, &json, &len));
    CHECK(json == NULL);
    req = payment_request();
    memcpy(req.currency, "sar", 4);
    CHECK(!dev_nexo_encode_request(&req, 2, &json, &len));
    req = payment_request();
    req.header.service_id[0] = '\0';
    CHECK(!dev_nexo_encode_request(&req, 2, &json, &len));
    req = payment_request();
    req.sale_txn.id[3] = '\n';
    CHECK(!dev_nexo_encode_request(&req, 2, &json, &len));
    req = payment_request();
    CHECK(!dev_nexo_encode_request(&req, 7, &json, &len));
    dev_nexo_response resp = {.header = header};
    resp.header.category = DEV_NEXO_ABORT;
    CHECK(!dev_nexo_encode_response(&resp, 2, &json, &len));
}

/* ---- Responses ------------------------------------------------------------------------ */

static dev_nexo_payment approved_payment(void)
{
    dev_nexo_payment p = {
        .status = {.result = DEV_NEXO_SUCCESS},
        .sale_txn = {"7f1c2d3e-0000-4000-8000-000000000001", "2026-11-24T09:30:00Z"},
        .poi_txn = {"BV0q001765459350001.V4HZ4RW8KVJJKX3N", "2026-11-24T09:30:05.000Z"},
        .masked_pan = "484783******1234",
        .brand = "mada",
        .approval_code = "A1B2C3",
        .has_authorized = true,
        .authorized = 6850,
    };
    return p;
}

static bool response_round_trip(const dev_nexo_response *resp, dev_nexo_response *back)
{
    char *json = NULL;
    size_t len = 0;
    dev_nexo_problem why;
    bool ok = dev_nexo_encode_response(resp, 2, &json, &len) &&
              dev_nexo_decode_response(json, len, 2, back, &why);
    if (json && !ok)
        fprintf(stderr, "  %s\n  %s\n", json, why.text);
    free(json);
    return ok;
}

static void test_refund_request(void)
{
    dev_nexo_request refund = payment_request(), back;
    refund.refund = true;
    snprintf(refund.original.id, sizeof refund.original.id, "SIM000001.V400m-324688179");
    snprintf(refund.original.timestamp, sizeof refund.original.timestamp, "2026-11-24T09:30:05Z");
    char *json = NULL;
    size_t len = 0;
    CHECK(dev_nexo_encode_request(&refund, 2, &json, &len));
    CHECK_CONTAINS(json, "\"PaymentData\":{\"PaymentType\":\"Refund\"}");
    CHECK_CONTAINS(json, "\"RequestedAmount\":68.50},\"OriginalPOITransaction\":{"
                         "\"POITransactionID\":{\"TransactionID\":\"SIM000001.V400m-324688179\"");
    dev_nexo_problem why;
    CHECK(dev_nexo_decode_request(json, len, 2, &back, &why));
    CHECK(same_request(&back, &refund));
    /* A refund naming no charge, and a payment type nexo does not have, are refused. */
    char *no_original = strstr(json, ",\"OriginalPOITransaction\"");
    CHECK(no_original);
    memcpy(no_original, "}}}}", 5);
    CHECK(!dev_nexo_decode_request(json, strlen(json), 2, &back, &why));
    CHECK_CONTAINS(why.text, "OriginalPOITransaction: missing");
    free(json);
    CHECK(dev_nexo_encode_request(&refund, 2, &json, &len));
    char *type = strstr(json, "Refund");
    memcpy(type, "Refunx", 6);
    CHECK(!dev_nexo_decode_request(json, len, 2, &back, &why));
    CHECK_CONTAINS(why.text, "PaymentType: not a known value");
    free(json);

    /* The answer says refund; one without PaymentType is a charge. */
    dev_nexo_response answer = {.header = header, .payment = approved_payment()}, read;
    answer.payment.refund = true;
    answer.status = answer.payment.status;
    CHECK(dev_nexo_encode_response(&answer, 2, &json, &len));
    CHECK_CONTAINS(json, "\"PaymentResult\":{\"PaymentType\":\"Refund\"");
    CHECK(dev_nexo_decode_response(json, len, 2, &read, &why));
    CHECK(same_response(&read, &answer));
    memcpy(strstr(json, "Refund"), "Normal", 6);
    CHECK(dev_nexo_decode_response(json, len, 2, &read, &why));
    CHECK(!read.payment.refund);
    free(json);
}

static void test_response_round_trips(void)
{
    dev_nexo_response back;
    dev_nexo_response approved = {.header = header, .payment = approved_payment()};
    approved.status = approved.payment.status;
    CHECK(response_round_trip(&approved, &back));
    CHECK(same_response(&back, &approved));

    dev_nexo_response declined = {.header = header};
    declined.payment.status =
        (dev_nexo_status){DEV_NEXO_FAILURE, DEV_NEXO_COND_REFUSAL, "Not enough balance"};
    declined.status = declined.payment.status;
    CHECK(response_round_trip(&declined, &back));
    CHECK(same_response(&back, &declined));

    dev_nexo_response status = {
        .header = header, .has_repeated = true, .payment = approved_payment()};
    status.header.category = DEV_NEXO_TRANSACTION_STATUS;
    memcpy(status.header.service_id, "stat000001", 11);
    status.status.result = DEV_NEXO_SUCCESS;
    status.repeated_header = header;
    status.ref = (dev_nexo_message_ref){true, DEV_NEXO_PAYMENT, "a1b2c3d4e5", "KIOSK-01"};
    CHECK(response_round_trip(&status, &back));
    CHECK(same_response(&back, &status));

    dev_nexo_response in_progress = {.header = status.header};
    in_progress.status = (dev_nexo_status){DEV_NEXO_FAILURE, DEV_NEXO_COND_IN_PROGRESS, ""};
    CHECK(response_round_trip(&in_progress, &back));
    CHECK(same_response(&back, &in_progress));

    dev_nexo_response reversal = {.header = header, .has_reversed = true, .reversed = 6850};
    reversal.header.category = DEV_NEXO_REVERSAL;
    reversal.status.result = DEV_NEXO_SUCCESS;
    reversal.reversal_poi_txn = (dev_nexo_txn_ref){"BV0q0017.REV", "2026-11-24T09:31:00Z"};
    CHECK(response_round_trip(&reversal, &back));
    CHECK(same_response(&back, &reversal));
}

/* A good approved response as text, to break one piece at a time. */
static const char good_response[] =
    "{\"SaleToPOIResponse\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\",\"MessageClass\":"
    "\"Service\",\"MessageCategory\":\"Payment\",\"MessageType\":\"Response\",\"ServiceID\":"
    "\"a1b2c3d4e5\",\"SaleID\":\"KIOSK-01\",\"POIID\":\"V400m-324688179\",\"DeviceID\":\"d1\"},"
    "\"PaymentResponse\":{\"Response\":{\"Result\":\"Success\",\"AdditionalResponse\":"
    "\"tid=42&refusalReason=&message=Approved+%21\"},\"SaleData\":{\"SaleTransactionID\":{"
    "\"TransactionID\":\"T-1\",\"TimeStamp\":\"2026-11-24T09:30:00Z\"}},\"POIData\":{"
    "\"POITransactionID\":{\"TransactionID\":\"BV0q.V4HZ\",\"TimeStamp\":"
    "\"2026-11-24T09:30:05Z\"}},\"PaymentResult\":{\"PaymentInstrumentData\":{\"CardData\":{"
    "\"MaskedPan\":\"484783******1234\",\"PaymentBrand\":\"mada\"}},\"PaymentAcquirerData\":{"
    "\"ApprovalCode\":\"A1B2C3\"},\"AmountsResp\":{\"Currency\":\"SAR\",\"AuthorizedAmount\":"
    "68.5}},\"PaymentReceipt\":[{\"DocumentQualifier\":\"CashierReceipt\"}]}}}";

/* base with the first `find` replaced by `with`, in one of four static buffers used in turn. */
static const char *edited(const char *base, const char *find, const char *with)
{
    static char ring[4][8192];
    static unsigned next;
    char *out = ring[next++ % 4];
    const char *at = strstr(base, find);
    if (!at) {
        fprintf(stderr, "  test bug: \"%s\" not found\n", find);
        abort();
    }
    /* Through a local buffer: base may be an earlier ring entry. */
    char text[sizeof ring[0]];
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - base), base, with, at + strlen(find));
    memcpy(out, text, sizeof text);
    return out;
}

static void test_good_response_reads(void)
{
    dev_nexo_response r;
    dev_nexo_problem why;
    CHECK(dev_nexo_decode_response(good_response, strlen(good_response), 2, &r, &why));
    CHECK_EQ_INT(r.header.category, DEV_NEXO_PAYMENT);
    CHECK_EQ_STR(r.header.service_id, "a1b2c3d4e5");
    CHECK_EQ_INT(r.status.result, DEV_NEXO_SUCCESS);
    CHECK_EQ_INT(r.status.condition, DEV_NEXO_COND_NONE);
    /* refusalReason is empty, so the message is taken. */
    CHECK_EQ_STR(r.status.message, "Approved !");
    CHECK_EQ_STR(r.payment.sale_txn.id, "T-1");
    CHECK_EQ_STR(r.payment.poi_txn.id, "BV0q.V4HZ");
    CHECK_EQ_STR(r.payment.poi_txn.timestamp, "2026-11-24T09:30:05Z");
    CHECK_EQ_STR(r.payment.masked_pan, "484783******1234");
    CHECK_EQ_STR(r.payment.brand, "mada");
    CHECK_EQ_STR(r.payment.approval_code, "A1B2C3");
    CHECK_EQ_INT(r.payment.authorized, 6850);
    CHECK_EQ_INT(r.payment.dropped, 0);
}

struct refusal_case {
    const char *name;
    const char *find, *with; /* an edit of good_response; find NULL: `with` is the whole text */
    const char *problem;     /* expected in the problem text */
};

static const struct refusal_case refusals[] = {
    {"not JSON", NULL, "{\"SaleToPOIResponse\":", "not JSON"},
    {"an array", NULL, "[1]", "SaleToPOIResponse"},
    {"a request", "SaleToPOIResponse", "SaleToPOIRequest", "SaleToPOIResponse"},
    {"a second top-level member", NULL, "{\"SaleToPOIResponse\":{},\"x\":1}",
     "not the only member"},
    {"a member twice", "\"SaleID\":\"KIOSK-01\",", "\"SaleID\":\"KIOSK-01\",\"SaleID\":\"K\",",
     "twice"},
    {"no header", "\"MessageHeader\"", "\"MessageHeadr\"", "MessageHeader: missing"},
    {"device class", "\"Service\"", "\"Device\"", "MessageClass"},
    {"a request's header", "\"Response\",\"ServiceID\"", "\"Request\",\"ServiceID\"",
     "MessageType"},
    {"protocol 2.0", "\"3.0\"", "\"2.0\"", "ProtocolVersion"},
    {"unknown category", "\"MessageCategory\":\"Payment\"", "\"MessageCategory\":\"Login\"",
     "MessageCategory: not a known value"},
    {"abort has no response body", "\"MessageCategory\":\"Payment\"",
     "\"MessageCategory\":\"Abort\"", "no response body"},
    {"body of another category", "\"MessageCategory\":\"Payment\"",
     "\"MessageCategory\":\"Reversal\"", "ReversalResponse: missing"},
    {"ServiceID of 11", "a1b2c3d4e5", "a1b2c3d4e5f", "ServiceID"},
    {"empty SaleID", "\"KIOSK-01\"", "\"\"", "SaleID"},
    {"control character in POIID", "V400m-324688179", "V400m\\u0001", "POIID"},
    {"POIID as a number", "\"V400m-324688179\"", "400", "POIID: not a string"},
    {"extra member beside the body",
     "\"PaymentResponse\":", "\"Extra\":{},\"PaymentResponse\":", "other than"},
    {"no Response", "\"Response\":{\"Result\"", "\"Respons\":{\"Result\"", "Response: missing"},
    {"unknown Result", "\"Success\"", "\"Maybe\"", "Result: not a known value"},
    {"Result as a number", "\"Success\"", "1", "Result: not a string"},
    {"success without SaleData", "\"SaleData\"", "\"SaleDat\"", "SaleData: missing"},
    {"success without POIData", "\"POIData\"", "\"POIDat\"", "POIData: missing"},
    {"no TimeStamp", "\"TimeStamp\":\"2026-11-24T09:30:00Z\"", "\"Time\":\"x\"",
     "TimeStamp: missing"},
    {"TransactionID of 65", "\"T-1\"",
     "\"12345678901234567890123456789012345678901234567890123456789012345\"", "TransactionID"},
    {"no AuthorizedAmount", "\"AuthorizedAmount\"", "\"Authorised\"", "AuthorizedAmount: missing"},
    {"amount with a third decimal", "68.5}", "68.505}", "AuthorizedAmount: not an amount"},
    {"lower-case currency", "\"SAR\"", "\"sar\"", "Currency"},
    {"unknown PaymentType", "\"PaymentResult\":{", "\"PaymentResult\":{\"PaymentType\":\"Loan\",",
     "PaymentType: not a known value"},
    {"PaymentResult as text", "\"PaymentResult\":{", "\"PaymentResult\":\"x\",\"Y\":{",
     "PaymentResult: not an object"},
    {"ErrorCondition as a number", "\"Result\":\"Success\"",
     "\"Result\":\"Success\",\"ErrorCondition\":7", "ErrorCondition: not a string"},
};

static void test_strict_refusals(void)
{
    int failures = 0;
    for (size_t i = 0; i < CHECK_COUNT(refusals); i++) {
        const struct refusal_case *c = &refusals[i];
        const char *json = c->find ? edited(good_response, c->find, c->with) : c->with;
        dev_nexo_response r;
        dev_nexo_problem why;
        bool ok = dev_nexo_decode_response(json, strlen(json), 2, &r, &why);
        if (ok || !strstr(why.text, c->problem) || r.header.service_id[0]) {
            fprintf(stderr, "  %s: %s (\"%s\")\n", c->name, ok ? "accepted" : "wrong problem",
                    ok ? "" : why.text);
            failures++;
        }
    }
    CHECK_EQ_INT(failures, 0);
}

static void test_status_refusals(void)
{
    dev_nexo_response status = {
        .header = header, .has_repeated = true, .payment = approved_payment()};
    status.header.category = DEV_NEXO_TRANSACTION_STATUS;
    status.status.result = DEV_NEXO_SUCCESS;
    status.repeated_header = header;
    char *json = NULL;
    size_t len = 0;
    CHECK(dev_nexo_encode_response(&status, 2, &json, &len));
    char base[4096];
    snprintf(base, sizeof base, "%s", json);
    free(json);
    dev_nexo_response r;
    dev_nexo_problem why;
    const char *no_repeat = edited(base, "\"RepeatedMessageResponse\"", "\"Repeated\"");
    CHECK(!dev_nexo_decode_response(no_repeat, strlen(no_repeat), 2, &r, &why));
    CHECK_CONTAINS(why.text, "RepeatedMessageResponse: missing");
    /* The repeated header is the second MessageCategory "Payment" in the text. */
    const char *second = strstr(strstr(base, "RepeatedMessageResponse"), "\"Payment\"");
    char other[4096];
    snprintf(other, sizeof other, "%.*s\"Reversal\"%s", (int)(second - base), base, second + 9);
    CHECK(!dev_nexo_decode_response(other, strlen(other), 2, &r, &why));
    CHECK_CONTAINS(why.text, "not Payment");
    /* A failed status needs no repeated message. */
    const char *failed =
        edited(edited(base, "\"Success\"", "\"Failure\""), "\"Result\":\"Failure\"",
               "\"Result\":\"Failure\",\"ErrorCondition\":\"NotFound\"");
    CHECK(dev_nexo_decode_response(failed, strlen(failed), 2, &r, &why));
    CHECK_EQ_INT(r.status.condition, DEV_NEXO_COND_NOT_FOUND);
    CHECK(!r.has_repeated);
}

static void test_describing_fields_dropped(void)
{
    static const struct {
        const char *find, *with;
        unsigned dropped;
    } cases[] = {
        {"484783******1234", "4847831234561234", DEV_NEXO_DROPPED_MASKED_PAN},
        {"484783******1234", "4847 8312 3456 1234", DEV_NEXO_DROPPED_MASKED_PAN},
        {"\"484783******1234\"", "484783", DEV_NEXO_DROPPED_MASKED_PAN},
        {"\"mada\"", "\"<script>\"", DEV_NEXO_DROPPED_BRAND},
        {"\"A1B2C3\"", "\"A1B2C3D4E5F6G7H8I\"", DEV_NEXO_DROPPED_APPROVAL},
        {"message=Approved+%21", "message=card+4847831234561234", DEV_NEXO_DROPPED_MESSAGE},
        {"message=Approved+%21", "message=bad%2", DEV_NEXO_DROPPED_MESSAGE},
        {"message=Approved+%21", "message=%0Anewline", DEV_NEXO_DROPPED_MESSAGE},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        const char *json = edited(good_response, cases[i].find, cases[i].with);
        dev_nexo_response r;
        dev_nexo_problem why;
        CHECK(dev_nexo_decode_response(json, strlen(json), 2, &r, &why));
        CHECK_EQ_INT(r.payment.dropped, cases[i].dropped);
        CHECK_EQ_INT(r.status.result, DEV_NEXO_SUCCESS);
        CHECK_EQ_INT(r.payment.authorized, 6850);
        if (cases[i].dropped == DEV_NEXO_DROPPED_MASKED_PAN)
            CHECK_EQ_STR(r.payment.masked_pan, "");
    }
}

static void test_conditions_and_messages(void)
{
    char json[8192];
    snprintf(json, sizeof json, "%s",
             edited(edited(good_response, "\"Success\"", "\"Failure\""),
                    "tid=42&refusalReason=&message=Approved+%21",
                    "refusalReason=Not+enough+balance&message=Declined"));
    dev_nexo_response r;
    dev_nexo_problem why;
    /* A failure may leave out SaleData and POIData. */
    char text[8192];
    snprintf(text, sizeof text, "%s", edited(json, "\"SaleData\"", "\"SaleDat\""));
    CHECK(dev_nexo_decode_response(text, strlen(text), 2, &r, &why));
    CHECK_EQ_INT(r.status.result, DEV_NEXO_FAILURE);
    CHECK_EQ_INT(r.status.condition, DEV_NEXO_COND_NONE);
    CHECK_EQ_STR(r.status.message, "Not enough balance");
    CHECK_EQ_STR(r.payment.sale_txn.id, "");

    static const struct {
        const char *name;
        enum dev_nexo_condition condition;
    } names[] = {{"Refusal", DEV_NEXO_COND_REFUSAL},        {"Cancel", DEV_NEXO_COND_CANCEL},
                 {"Aborted", DEV_NEXO_COND_ABORTED},        {"Busy", DEV_NEXO_COND_BUSY},
                 {"WrongPin", DEV_NEXO_COND_WRONG_PIN},     {"NotFound", DEV_NEXO_COND_NOT_FOUND},
                 {"InProgress", DEV_NEXO_COND_IN_PROGRESS}, {"SomethingNew", DEV_NEXO_COND_OTHER}};
    for (size_t i = 0; i < CHECK_COUNT(names); i++) {
        char with[64];
        snprintf(with, sizeof with, "\"Result\":\"Failure\",\"ErrorCondition\":\"%s\"",
                 names[i].name);
        const char *c = edited(json, "\"Result\":\"Failure\"", with);
        CHECK(dev_nexo_decode_response(c, strlen(c), 2, &r, &why));
        CHECK_EQ_INT(r.status.condition, names[i].condition);
        CHECK_EQ_STR(dev_nexo_condition_name(names[i].condition),
                     names[i].condition == DEV_NEXO_COND_OTHER ? "?" : names[i].name);
    }
}

static void test_request_refusals(void)
{
    dev_nexo_request pay = payment_request();
    char *json = NULL;
    size_t len = 0;
    CHECK(dev_nexo_encode_request(&pay, 2, &json, &len));
    char base[2048];
    snprintf(base, sizeof base, "%s", json);
    free(json);
    static const struct refusal_case cases[] = {
        {"zero amount", "68.50", "0", "RequestedAmount: zero"},
        {"amount as text", "68.50", "\"68.50\"", "RequestedAmount"},
        {"currency of two", "\"SAR\"", "\"SA\"", "Currency"},
        {"no SaleData", "\"SaleData\"", "\"Sale\"", "SaleData: missing"},
        {"a response", "SaleToPOIRequest", "SaleToPOIResponse", "SaleToPOIRequest"},
        {"abort without reference", "\"Payment\",\"MessageType\"", "\"Abort\",\"MessageType\"",
         "AbortRequest: missing"},
    };
    int failures = 0;
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        const char *text = edited(base, cases[i].find, cases[i].with);
        dev_nexo_request r;
        dev_nexo_problem why;
        bool ok = dev_nexo_decode_request(text, strlen(text), 2, &r, &why);
        if (ok || !strstr(why.text, cases[i].problem)) {
            fprintf(stderr, "  %s: %s\n", cases[i].name, ok ? "accepted" : why.text);
            failures++;
        }
    }
    CHECK_EQ_INT(failures, 0);
}

static void test_size_limit(void)
{
    size_t n = DEV_NEXO_JSON_MAX + 1;
    char *big = malloc(n);
    CHECK(big);
    memset(big, ' ', n);
    dev_nexo_response r;
    dev_nexo_problem why;
    bool ok = dev_nexo_decode_response(big, n, 2, &r, &why);
    free(big);
    CHECK(!ok);
    CHECK_CONTAINS(why.text, "too large");
}

static const struct check_case cases[] = {
    {"amounts are written from minor units as decimal text", test_amount_format},
    {"amounts are read only when exact in minor units", test_amount_parse},
    {"a payment request's exact text", test_payment_request_text},
    {"requests round-trip", test_request_round_trips},
    {"a refund request and its answer", test_refund_request},
    {"encoding refuses bad fields", test_encode_refuses_bad_fields},
    {"responses round-trip", test_response_round_trips},
    {"a full approved response reads, unknown members ignored", test_good_response_reads},
    {"malformed responses are refused with a reason", test_strict_refusals},
    {"transaction status needs the repeated payment", test_status_refusals},
    {"bad describing fields are dropped, not fatal", test_describing_fields_dropped},
    {"error conditions and refusal reasons", test_conditions_and_messages},
    {"malformed requests are refused", test_request_refusals},
    {"size limit", test_size_limit},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
