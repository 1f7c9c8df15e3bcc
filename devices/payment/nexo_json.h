/*
 * The nexo Retailer messages of Adyen's Terminal API (JSON dialect), both
 * ways: the kiosk encodes requests and decodes responses, the terminal
 * simulator does the reverse. Only the four services a kiosk needs exist
 * here: Payment (a charge, or a refund: PaymentType "Refund"), Abort,
 * TransactionStatus and Reversal.
 *
 *   {"SaleToPOIRequest": {"MessageHeader": {"ProtocolVersion": "3.0",
 *      "MessageClass": "Service", "MessageCategory": "Payment",
 *      "MessageType": "Request", "ServiceID": "x7k2...", "SaleID": "KIOSK-01",
 *      "POIID": "V400m-324688179"},
 *    "PaymentRequest": {"SaleData": {"SaleTransactionID": {"TransactionID": "...",
 *      "TimeStamp": "2026-11-24T09:30:00Z"}}, "PaymentTransaction":
 *      {"AmountsReq": {"Currency": "SAR", "RequestedAmount": 68.50}}}}}
 *
 * Amounts: the wire carries decimal numbers in major units. They are
 * written from the integer minor units as decimal text (never through a
 * float), and read back only when the JSON number is exactly a decimal with
 * at most the currency's exponent places: 12.5 and 12.50 give 1250 halalas,
 * 12.505 is refused. (jansson hands numbers over as doubles; a double that
 * equals such a decimal maps to exactly one count of minor units, and the
 * check is that the decimal printed from it reads back as the same double.)
 *
 * Reading is strict where a field decides what happened (header, Result,
 * ErrorCondition, the transaction ids, amounts: wrong type, size or value
 * refuses the whole message) and forgiving where it only describes it
 * (masked PAN, brand, approval code): a describing field that is malformed
 * is dropped and reported in `dropped`, because refusing an approval over a
 * cosmetic field would turn a good payment into an unknown one. A masked
 * PAN showing more than 10 digits (PCI DSS: first six, last four) is always
 * dropped, never kept. Members this reader does not use are ignored.
 */
#ifndef DEVICES_PAYMENT_NEXO_JSON_H
#define DEVICES_PAYMENT_NEXO_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEV_NEXO_SERVICE_ID_MAX 10 /* nexo: at most 10 characters */
#define DEV_NEXO_ID_MAX 64         /* SaleID, POIID, TransactionID */
#define DEV_NEXO_TIMESTAMP_MAX 32  /* ISO 8601, "2026-11-24T09:30:00.000Z" */
#define DEV_NEXO_MASKED_PAN_MAX 32
#define DEV_NEXO_BRAND_MAX 32
#define DEV_NEXO_APPROVAL_MAX 16
#define DEV_NEXO_MESSAGE_MAX 96 /* what is kept from AdditionalResponse */
#define DEV_NEXO_REASON_MAX 32  /* AbortReason, ReversalReason */
/* The largest plain message read: a payment answer with receipts is ~20 KiB. */
#define DEV_NEXO_JSON_MAX (192u * 1024u)
/* Amounts: at most 10^13 minor units (10^11 riyals), far below a double's exact range. */
#define DEV_NEXO_AMOUNT_MAX 10000000000000LL

enum dev_nexo_category {
    DEV_NEXO_PAYMENT,
    DEV_NEXO_ABORT,
    DEV_NEXO_TRANSACTION_STATUS,
    DEV_NEXO_REVERSAL,
};

/* "Payment", "Abort", "TransactionStatus", "Reversal"; "?" for other values. */
const char *dev_nexo_category_name(enum dev_nexo_category category);

typedef struct dev_nexo_header {
    enum dev_nexo_category category;
    char service_id[DEV_NEXO_SERVICE_ID_MAX + 1]; /* unique per request of a SaleID */
    char sale_id[DEV_NEXO_ID_MAX + 1];            /* the kiosk's name at the terminal */
    char poi_id[DEV_NEXO_ID_MAX + 1];             /* the terminal's name */
} dev_nexo_header;

/* nexo TransactionIdentification: who numbered a transaction, and when. */
typedef struct dev_nexo_txn_ref {
    char id[DEV_NEXO_ID_MAX + 1];
    char timestamp[DEV_NEXO_TIMESTAMP_MAX + 1];
} dev_nexo_txn_ref;

/* nexo MessageReference: the earlier message an Abort or a TransactionStatus is about. */
typedef struct dev_nexo_message_ref {
    bool present; /* a TransactionStatusRequest without one asks for the last transaction */
    enum dev_nexo_category category;
    char service_id[DEV_NEXO_SERVICE_ID_MAX + 1];
    char sale_id[DEV_NEXO_ID_MAX + 1];
} dev_nexo_message_ref;

typedef struct dev_nexo_request {
    dev_nexo_header header; /* header.category says which of the fields below count */
    /* Payment */
    dev_nexo_txn_ref sale_txn; /* SaleData.SaleTransactionID */
    char currency[4];          /* ISO 4217, "SAR" */
    int64_t amount;            /* RequestedAmount, minor units, 1..DEV_NEXO_AMOUNT_MAX */
    /* Abort, TransactionStatus */
    dev_nexo_message_ref ref;
    char abort_reason[DEV_NEXO_REASON_MAX + 1]; /* "MerchantAbort" */
    /* Payment: PaymentData.PaymentType "Refund" (false: "Normal", not written), money given
     * back to the card of the charge `original` names (at most what it charged) */
    bool refund;
    /* Reversal, and a refund Payment (PaymentTransaction.OriginalPOITransaction):
     * OriginalPOITransaction.POITransactionID, the charge given back */
    dev_nexo_txn_ref original;
    char reversal_reason[DEV_NEXO_REASON_MAX + 1]; /* "MerchantCancel" */
} dev_nexo_request;

enum dev_nexo_result { DEV_NEXO_SUCCESS, DEV_NEXO_FAILURE, DEV_NEXO_PARTIAL };

/* nexo ErrorCondition; DEV_NEXO_COND_OTHER for a well-formed name not listed here. */
enum dev_nexo_condition {
    DEV_NEXO_COND_NONE,
    DEV_NEXO_COND_ABORTED,
    DEV_NEXO_COND_BUSY,
    DEV_NEXO_COND_CANCEL,
    DEV_NEXO_COND_DEVICE_OUT,
    DEV_NEXO_COND_IN_PROGRESS,
    DEV_NEXO_COND_INSERTED_CARD,
    DEV_NEXO_COND_INVALID_CARD,
    DEV_NEXO_COND_LOGGED_OUT,
    DEV_NEXO_COND_MESSAGE_FORMAT,
    DEV_NEXO_COND_NOT_ALLOWED,
    DEV_NEXO_COND_NOT_FOUND,
    DEV_NEXO_COND_PAYMENT_RESTRICTION,
    DEV_NEXO_COND_REFUSAL,
    DEV_NEXO_COND_UNAVAILABLE_DEVICE,
    DEV_NEXO_COND_UNAVAILABLE_SERVICE,
    DEV_NEXO_COND_UNREACHABLE_HOST,
    DEV_NEXO_COND_WRONG_PIN,
    DEV_NEXO_COND_OTHER,
};

/* The wire name ("Refusal", "InProgress" ...); "" for NONE, "?" for OTHER and bad values. */
const char *dev_nexo_condition_name(enum dev_nexo_condition condition);

/* nexo Response: how a service went. */
typedef struct dev_nexo_status {
    enum dev_nexo_result result;
    enum dev_nexo_condition condition;
    /* From AdditionalResponse: its "message" or "refusalReason", printable ASCII, may be "". */
    char message[DEV_NEXO_MESSAGE_MAX + 1];
} dev_nexo_status;

/* Bits of dev_nexo_payment.dropped: describing fields refused and left empty. */
enum dev_nexo_dropped {
    DEV_NEXO_DROPPED_MASKED_PAN = 1u << 0,
    DEV_NEXO_DROPPED_BRAND = 1u << 1,
    DEV_NEXO_DROPPED_APPROVAL = 1u << 2,
    DEV_NEXO_DROPPED_MESSAGE = 1u << 3,
};

/* A PaymentResponse: the answer to a payment, or repeated by a TransactionStatus. */
typedef struct dev_nexo_payment {
    dev_nexo_status status;
    dev_nexo_txn_ref sale_txn; /* SaleData.SaleTransactionID; required unless Failure */
    dev_nexo_txn_ref poi_txn;  /* POIData.POITransactionID; required unless Failure */
    char masked_pan[DEV_NEXO_MASKED_PAN_MAX + 1]; /* "484783******1234", at most 10 digits */
    char brand[DEV_NEXO_BRAND_MAX + 1];           /* PaymentBrand: "mada", "visa" ... */
    char approval_code[DEV_NEXO_APPROVAL_MAX + 1];
    bool has_authorized;
    int64_t authorized; /* AmountsResp.AuthorizedAmount, minor units */
    bool refund;        /* PaymentResult.PaymentType "Refund" (absent or "Normal": false) */
    unsigned dropped;   /* dev_nexo_dropped bits */
} dev_nexo_payment;

typedef struct dev_nexo_response {
    dev_nexo_header header;
    /* The Response of the body: PaymentResponse, TransactionStatusResponse, ReversalResponse. */
    dev_nexo_status status;
    /* Payment: the answer itself. TransactionStatus (when status is Success and
     * has_repeated): the repeated PaymentResponse and its header. */
    dev_nexo_payment payment;
    bool has_repeated;
    dev_nexo_header repeated_header;
    dev_nexo_message_ref ref; /* TransactionStatus: MessageReference, when sent */
    /* Reversal */
    dev_nexo_txn_ref reversal_poi_txn; /* POIData.POITransactionID of the reversal */
    bool has_reversed;
    int64_t reversed; /* ReversedAmount, minor units */
} dev_nexo_response;

/* Why a message was refused: the member's path and the reason, for logs. */
typedef struct dev_nexo_problem {
    char text[256];
} dev_nexo_problem;

/*
 * Writes minor units (0..DEV_NEXO_AMOUNT_MAX) with exponent (0..4) decimal
 * places: 6850, 2 -> "68.50". False when a value is out of range or cap is
 * too small.
 */
bool dev_nexo_amount_format(int64_t minor, int exponent, char *out, size_t cap);

/*
 * Encodes a request or a response as compact JSON, amounts with exponent
 * (0..4) places. On success *out is NUL-terminated text owned by the caller
 * (free()), its length in *len. False (with *out NULL) when a field is
 * missing, too long or holds characters these messages never carry, or
 * memory runs out.
 */
bool dev_nexo_encode_request(const dev_nexo_request *req, int exponent, char **out, size_t *len);
bool dev_nexo_encode_response(const dev_nexo_response *resp, int exponent, char **out, size_t *len);

/*
 * Decodes a plain (already decrypted) message of at most DEV_NEXO_JSON_MAX
 * bytes, amounts with exponent (0..4) places. False, with *why filled (may
 * be NULL), when it is not a well-formed message of the four services; *out
 * is then zeroed.
 */
bool dev_nexo_decode_request(const char *json, size_t len, int exponent, dev_nexo_request *out,
                             dev_nexo_problem *why);
bool dev_nexo_decode_response(const char *json, size_t len, int exponent, dev_nexo_response *out,
                              dev_nexo_problem *why);

#endif
