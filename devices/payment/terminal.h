/*
 * A card terminal, semi-integrated: the kiosk asks for an amount, the
 * terminal talks to the card and the acquirer, and answers with an outcome.
 * The kiosk never sees card data, only a masked PAN (first six and last
 * four digits at most), the brand and the references.
 *
 * The operations are the nexo ones a kiosk needs, keyed by the kiosk's sale
 * transaction id, which the caller stores durably BEFORE asking for the
 * payment, so that after a timeout or a crash it can ask what became of it:
 *
 *   payment             charge an amount; blocks while the customer pays
 *   abort               stop a payment still waiting for the card; may be
 *                       called from another thread while payment() blocks
 *   transaction_status  what became of an earlier payment ("no answer received"),
 *                       asked with the same dev_pay_request
 *   reversal            give back an approved payment in full
 *   (refund)            a payment with refund_of set: give back part of an
 *                       approved payment, under its own sale id
 *
 * An approval always means the amount asked for: an answer approving another
 * amount, a partial approval, or an answer about another sale is a bad
 * answer (the payment's fate stays unknown and staff must look).
 *
 * A driver is a table of these functions (dev_terminal_driver); the table is
 * chosen at run time by the scheme of a URI, as SDL picks a video driver:
 *
 *   nexo+https://...   Adyen Terminal API, nexo JSON over HTTPS with local
 *                      message security (devices/payment/nexo_uri.h)
 *
 * There is deliberately no in-process "sim://" driver: the terminal simulator
 * (devices/sim/nexo_terminal_sim.h) is reached through nexo+https like a real
 * terminal, so tests also cover TLS, the transport and the codec.
 *
 * Handles never print; every failure comes back as an outcome with an
 * English explanation in dev_pay_result.error, which never holds card data.
 * Programs should ignore SIGPIPE: a terminal hanging up mid-write must cost
 * one failed exchange, not the process.
 */
#ifndef DEVICES_PAYMENT_TERMINAL_H
#define DEVICES_PAYMENT_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEV_PAY_SALE_ID_MAX 64

enum dev_pay_outcome {
    /* Settled: the terminal's state is known. */
    DEV_PAY_APPROVED,    /* charged (for a reversal: the money was given back) */
    DEV_PAY_DECLINED,    /* not charged: card or issuer refused (Refusal, WrongPin ...) */
    DEV_PAY_CANCELLED,   /* not charged: the customer cancelled, or our abort landed */
    DEV_PAY_FAILED,      /* not charged: the terminal refused the request (Busy, NotAllowed ...) */
    DEV_PAY_NOT_FOUND,   /* not charged: the terminal never received that payment (status) */
    DEV_PAY_UNREACHABLE, /* not charged: the request never left the kiosk */
    /* Unknown: the payment may or may not have been charged; ask transaction_status. */
    DEV_PAY_TIMEOUT,     /* sent, and no answer in time (or the connection dropped) */
    DEV_PAY_IN_PROGRESS, /* the terminal is still working on it (status) */
    DEV_PAY_BAD_ANSWER,  /* an answer came that cannot be trusted or read */
};
#define DEV_PAY_OUTCOME_COUNT 9

/* "approved", "declined", ... "bad-answer"; "?" for other values. */
const char *dev_pay_outcome_name(enum dev_pay_outcome outcome);

/* True for the settled outcomes above: what happened at the terminal is known. */
bool dev_pay_outcome_settled(enum dev_pay_outcome outcome);

typedef struct dev_pay_result {
    enum dev_pay_outcome outcome;
    char condition[24];  /* the terminal's nexo ErrorCondition, "" when none */
    char masked_pan[33]; /* "484783******1234"; "" when not given */
    char brand[33];      /* "mada", "visa" ... */
    char approval_code[17];
    char poi_txn_id[65];    /* the terminal's reference for the transaction */
    char poi_timestamp[33]; /* ... and its time: a reversal needs both */
    bool has_authorized;
    int64_t authorized; /* minor units */
    char error[192];    /* English, for logs: the transport's or the terminal's reason */
} dev_pay_result;

typedef struct dev_pay_request {
    const char *sale_txn_id; /* 1..DEV_PAY_SALE_ID_MAX printable ASCII, used once */
    int64_t sale_time;       /* when the sale was made, UTC seconds */
    int64_t amount;          /* minor units, > 0 */
    const char *currency;    /* ISO 4217 letters, "SAR" */
    int exponent;            /* the currency's minor digits, 0..4 */
    long timeout_ms;         /* how long the customer may take; longer than the terminal's own */
    /*
     * NULL: a charge. Else a refund (nexo Payment, PaymentType "Refund") giving amount back to
     * the card of this approved charge, at most what it charged; its answer must say refund.
     * A refund is asked about (transaction_status) like a charge, with the same request.
     */
    const struct dev_pay_original *refund_of;
    /* Called once the request has been handed to the connection whole (may be NULL). */
    void (*on_sent)(void *ctx);
    void *on_sent_ctx;
} dev_pay_request;

/* An approved payment to give back (dev_pay_result's references). */
typedef struct dev_pay_original {
    const char *poi_txn_id;
    const char *poi_timestamp;
    int64_t amount; /* what was charged, minor units: checked against the answer */
    int exponent;
} dev_pay_original;

/*
 * A driver. Every slot is required. impl is the driver's own handle. The
 * payment, transaction_status and reversal slots fill *out completely
 * (outcome and explanation) whatever happens; they are never called at the
 * same time on one handle, but abort may run on another thread meanwhile.
 */
typedef struct dev_terminal_driver {
    const char *scheme; /* the URI scheme served: "nexo+https" */
    /* A handle for uri, or NULL with a reason in why[cap] (never NULL here). */
    void *(*open)(const char *uri, char *why, size_t cap);
    /* Frees the handle; never called with NULL. */
    void (*close)(void *impl);
    void (*payment)(void *impl, const dev_pay_request *req, dev_pay_result *out);
    /* True when the terminal accepted the abort; its effect shows in the payment's outcome. */
    bool (*abort)(void *impl, const char *sale_txn_id, long timeout_ms, char *why, size_t cap);
    /* What became of the payment req (its on_sent is not used); timeout_ms from req. */
    void (*transaction_status)(void *impl, const dev_pay_request *req, dev_pay_result *out);
    void (*reversal)(void *impl, const dev_pay_original *original, long timeout_ms,
                     dev_pay_result *out);
} dev_terminal_driver;

typedef struct dev_terminal dev_terminal;

/*
 * Opens the terminal named by uri with the driver for its scheme. NULL,
 * with a reason in why[cap] (why may be NULL), for an unknown scheme or a
 * URI the driver refuses. Nothing is sent to the terminal yet.
 */
dev_terminal *dev_terminal_open(const char *uri, char *why, size_t cap);

/* Closes the handle. Accepts NULL. No call may be running on it. */
void dev_terminal_close(dev_terminal *t);

/* The driver behind a handle (its scheme, for logs). */
const dev_terminal_driver *dev_terminal_driver_of(const dev_terminal *t);

/* The operations: see dev_terminal_driver. sale_txn_id as in dev_pay_request. */
void dev_terminal_payment(dev_terminal *t, const dev_pay_request *req, dev_pay_result *out);
bool dev_terminal_abort(dev_terminal *t, const char *sale_txn_id, long timeout_ms, char *why,
                        size_t cap);
void dev_terminal_transaction_status(dev_terminal *t, const dev_pay_request *req,
                                     dev_pay_result *out);
void dev_terminal_reversal(dev_terminal *t, const dev_pay_original *original, long timeout_ms,
                           dev_pay_result *out);

#endif
