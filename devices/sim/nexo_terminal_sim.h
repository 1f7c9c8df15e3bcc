/*
 * A simulated nexo payment terminal (Adyen Terminal API, local): an HTTPS
 * server (libmicrohttpd with TLS) that opens sealed SaleToPOIRequests with
 * the same codec and message security as the kiosk, and answers Payment,
 * Abort, TransactionStatus and Reversal the way a terminal does:
 *
 *  - a payment waits for the "customer" (card_delay_ms), then settles as its
 *    scripted outcome; while one waits, another payment is answered Busy;
 *  - an abort settles a waiting payment as Aborted and is answered with an
 *    empty body;
 *  - TransactionStatus answers from the simulator's own journal: InProgress
 *    while waiting, NotFound for a ServiceID it never received, else the
 *    payment's answer repeated, so a lost answer can be recovered;
 *  - a reversal gives an approved payment back (again: Success, once counted);
 *  - a refund (a payment of PaymentType "Refund" naming a charge) goes like a
 *    payment (the script decides) and gives money back, never more in all
 *    than the charge took (else Failure NotAllowed; NotFound for an unknown
 *    charge); a charge given back in part is not reversed.
 *
 * It counts charges and reversals per SaleTransactionID, so tests can assert
 * "exactly one charge", and can append every payment it takes in, every
 * settlement and every reversal to a journal file (one JSON object a line:
 * events request, charge, decline, cancel, abort, reverse) for tests that
 * run it as a separate process.
 */
#ifndef DEVICES_SIM_NEXO_TERMINAL_SIM_H
#define DEVICES_SIM_NEXO_TERMINAL_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/payment/nexo_json.h"

/* What the customer (or the network) does with the next payment. */
enum dev_nexo_sim_outcome {
    DEV_NEXO_SIM_APPROVE, /* pays: charged, answered Success */
    DEV_NEXO_SIM_DECLINE, /* the issuer refuses: Failure Refusal */
    DEV_NEXO_SIM_CANCEL,  /* the customer presses cancel on the terminal: Failure Cancel */
    DEV_NEXO_SIM_BUSY,    /* the terminal refuses at once: Failure Busy, nothing journaled */
    DEV_NEXO_SIM_TIMEOUT, /* no card ever comes: waits hold_ms (or an abort), then Cancel */
    DEV_NEXO_SIM_DROP,    /* the connection drops at once; the customer pays anyway */
    DEV_NEXO_SIM_LOST,    /* charged, then the connection closes without an answer */
};
#define DEV_NEXO_SIM_OUTCOME_COUNT 7

/* "approve", "decline", "cancel", "busy", "timeout", "drop", "lost". */
const char *dev_nexo_sim_outcome_name(enum dev_nexo_sim_outcome outcome);
bool dev_nexo_sim_outcome_parse(const char *name, enum dev_nexo_sim_outcome *out);

typedef struct dev_nexo_sim_config {
    const char *host;     /* listening address, "127.0.0.1" */
    unsigned port;        /* 0: any free port (see dev_nexo_sim_port) */
    const char *cert_pem; /* the server's certificate chain, PEM text */
    const char *key_pem;  /* its private key, PEM text */
    const char *poi_id;   /* the terminal's POIID */
    const char *key_id;   /* the shared key: identifier, version, passphrase */
    uint32_t key_version;
    const char *passphrase;
    const char *currency;                      /* the one currency it takes, "SAR" ... */
    int exponent;                              /* ... and its minor digits */
    enum dev_nexo_sim_outcome default_outcome; /* when the script is empty */
    long card_delay_ms;                        /* how long the customer takes */
    long hold_ms;             /* how long "timeout" waits before giving up by itself */
    const char *journal_path; /* NULL, or a file to append settlements to */
} dev_nexo_sim_config;

typedef struct dev_nexo_sim dev_nexo_sim;

/*
 * Starts the server (its own threads). NULL, with a reason in why[cap], when
 * the configuration is bad or the address cannot be bound.
 */
dev_nexo_sim *dev_nexo_sim_start(const dev_nexo_sim_config *config, char *why, size_t cap);

/* Stops the server (waiting payments are dropped) and frees it. Accepts NULL. */
void dev_nexo_sim_stop(dev_nexo_sim *sim);

/* The port it listens on. */
unsigned dev_nexo_sim_port(const dev_nexo_sim *sim);

/* Queues the outcome of the next payment not yet scripted; false when 64 are queued. */
bool dev_nexo_sim_script(dev_nexo_sim *sim, enum dev_nexo_sim_outcome outcome);

/* Approved payments (charges), their reversals, and approved refunds counted for a
 * SaleTransactionID (a refund's own). */
unsigned dev_nexo_sim_charges(dev_nexo_sim *sim, const char *sale_txn_id);
unsigned dev_nexo_sim_reversals(dev_nexo_sim *sim, const char *sale_txn_id);
unsigned dev_nexo_sim_refunds(dev_nexo_sim *sim, const char *sale_txn_id);

/* Requests received of a category (opened and decoded), since the start. */
unsigned dev_nexo_sim_requests(dev_nexo_sim *sim, enum dev_nexo_category category);

/* Waits up to timeout_ms until no payment waits for the customer; true when none does. */
bool dev_nexo_sim_wait_idle(dev_nexo_sim *sim, long timeout_ms);

#endif
