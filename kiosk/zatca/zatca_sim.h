/*
 * zatca-sim: ZATCA's e-invoicing API on loopback for tests and demos
 * (kiosk/docs/zatca.md), on the shared HTTP server (kiosk/http/http_server.h).
 *
 *   POST /invoices/reporting/single  Basic production CSID, Accept-Version V2,
 *                                    {"invoiceHash","uuid","invoice"}
 *   POST /compliance                 OTP header, {"csr": base64 PEM}
 *   POST /compliance/invoices        Basic compliance CSID, as reporting
 *   POST /production/csids           Basic compliance CSID, {"compliance_request_id"}
 *
 * Each reporting request takes the next scripted outcome (then the
 * default one). The request is checked as ZATCA would: wrong credentials
 * are 401 whatever the script; a body of the wrong shape, bad base64, a
 * uuid other than the XML's, or an invoiceHash other than the XML's hash
 * (kiosk/zatca/sim_invoice_check.h) is 400 NOT_REPORTED; an invoice
 * accepted before is 409. What it accepted is counted per uuid (and
 * journalled, one JSON object a line), so a test can tell that every
 * invoice was reported exactly once.
 */
#ifndef KIOSK_ZATCA_ZATCA_SIM_H
#define KIOSK_ZATCA_ZATCA_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ks_zatca_sim_outcome {
    KS_ZATCA_SIM_REPORTED,     /* 200 REPORTED (after the checks) */
    KS_ZATCA_SIM_WARNINGS,     /* 202 REPORTED with a warning (after the checks) */
    KS_ZATCA_SIM_ERRORS,       /* 400 NOT_REPORTED with a business-rule error */
    KS_ZATCA_SIM_ALREADY,      /* 409 already reported */
    KS_ZATCA_SIM_UNAUTHORIZED, /* 401 */
    KS_ZATCA_SIM_BUSY,         /* 429 */
    KS_ZATCA_SIM_FAILING,      /* 500 */
    KS_ZATCA_SIM_DOWN,         /* 503 */
    KS_ZATCA_SIM_TIMEOUT,      /* no answer for hold_ms, then 503 */
    KS_ZATCA_SIM_LOST, /* accepted (after the checks), then no answer for hold_ms, then 503: ZATCA
                          took it and the answer was lost */
};

/* The outcome named text ("reported", "warnings", ...); false when unknown. */
bool ks_zatca_sim_outcome_parse(const char *text, enum ks_zatca_sim_outcome *out);

#define KS_ZATCA_SIM_SCRIPT_MAX 256

typedef struct ks_zatca_sim_options {
    const char *listen;  /* "ADDRESS:PORT" (port 0: any free port) */
    const char *token;   /* a production binarySecurityToken accepted; NULL: issued ones only */
    const char *secret;  /* its secret */
    const char *otp;     /* the OTP /compliance accepts; NULL: "123456" */
    const char *journal; /* file appended with one JSON object per request; NULL: none */
    enum ks_zatca_sim_outcome outcome;       /* for reporting requests past the script */
    const enum ks_zatca_sim_outcome *script; /* copied; script_len outcomes, in order */
    size_t script_len;
    int hold_ms; /* how long KS_ZATCA_SIM_TIMEOUT and _LOST hold; <= 0: 60000 */
} ks_zatca_sim_options;

typedef struct ks_zatca_sim ks_zatca_sim;

/* Starts serving; NULL (logged) when the options or the address are wrong. */
ks_zatca_sim *ks_zatca_sim_start(const ks_zatca_sim_options *opt);

uint16_t ks_zatca_sim_port(const ks_zatca_sim *sim);

/* What the simulator saw of one invoice uuid (all 0 for one never sent). */
typedef struct ks_zatca_sim_invoice_stats {
    int requests; /* reporting requests carrying it that passed the checks */
    int accepted; /* answered 200 or 202 */
    int repeats;  /* requests after it was accepted */
} ks_zatca_sim_invoice_stats;

void ks_zatca_sim_invoice_stats_get(ks_zatca_sim *sim, const char *uuid,
                                    ks_zatca_sim_invoice_stats *out);

/* Reporting requests received (answered or held), and invoices accepted. */
void ks_zatca_sim_counts(ks_zatca_sim *sim, uint64_t *requests, uint64_t *accepted);

/* Stops serving (a held request is answered at once) and frees sim. Accepts NULL. */
void ks_zatca_sim_stop(ks_zatca_sim *sim);

#endif
