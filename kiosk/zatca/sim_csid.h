/*
 * zatca-sim's onboarding side (kiosk/docs/zatca.md): POST /compliance
 * checks the OTP and the CSR as ZATCA requires it (signature, secp256k1
 * key, subject, the SAN dirName with SN, UID, title, registeredAddress and
 * businessCategory, the certificate template extension) and issues a
 * compliance CSID: a certificate for the CSR's key signed by the
 * simulator's own CA key, and a secret. With the compliance CSID, the
 * device then passes the compliance checks (POST /compliance/invoices: a
 * simplified invoice, credit note and debit note, each checked by
 * zatca_sim.c); POST /production/csids, with the compliance CSID, issues
 * the production one only once all three passed. Credentials are compared
 * as whole "Basic ..." header values.
 */
#ifndef KIOSK_ZATCA_SIM_CSID_H
#define KIOSK_ZATCA_SIM_CSID_H

#include <stdbool.h>
#include <stddef.h>

/* Longest Authorization header value built or accepted. */
#define KS_ZATCA_SIM_AUTH_MAX 12288

typedef struct ks_zatca_sim_csids {
    void *ca_key;  /* owned EVP_PKEY: signs the certificates issued */
    void *request; /* owned X509_REQ of the compliance CSID; NULL before one */
    char request_id[24];
    unsigned long next_id;
    char compliance_auth[KS_ZATCA_SIM_AUTH_MAX]; /* "" before one is issued */
    char production_auth[KS_ZATCA_SIM_AUTH_MAX];
    unsigned checks_passed; /* the compliance checks passed with this CSID, by document type */
} ks_zatca_sim_csids;

/* "Basic " and base64 of "token:secret" into out[KS_ZATCA_SIM_AUTH_MAX]; false when too long. */
bool ks_zatca_sim_basic_auth(const char *token, const char *secret, char *out);

/* Makes the CA key; false (logged) on failure. ks_zatca_sim_csids_free in any case. */
bool ks_zatca_sim_csids_init(ks_zatca_sim_csids *c);
void ks_zatca_sim_csids_free(ks_zatca_sim_csids *c);

bool ks_zatca_sim_csids_compliance_ok(const ks_zatca_sim_csids *c, const char *auth);
bool ks_zatca_sim_csids_production_ok(const ks_zatca_sim_csids *c, const char *auth);

/*
 * Counts a compliance check passed with the compliance CSID by a document
 * of type_code ("388", "381" or "383"; others are not counted).
 */
void ks_zatca_sim_csids_check_passed(ks_zatca_sim_csids *c, const char *type_code);

/*
 * Answers POST url ("/compliance" or "/production/csids") with body[len],
 * the OTP header (may be NULL), the OTP accepted and the Authorization
 * header (may be NULL): *status and *answer (owned JSON text, free(); NULL
 * when out of memory).
 */
void ks_zatca_sim_onboard(ks_zatca_sim_csids *c, const char *url, const char *otp_header,
                          const char *otp, const char *auth, const char *body, size_t len,
                          int *status, char **answer);

#endif
