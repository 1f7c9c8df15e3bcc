/*
 * Onboarding a device with ZATCA (kiosk/docs/zatca.md): the CSR sent with
 * the taxpayer's one-time password to POST /compliance gives the
 * compliance CSID; with it the device passes the compliance checks
 * (POST /compliance/invoices: a simplified invoice, credit note and debit
 * note, signed with the compliance certificate and the device key); then
 * that CSID and its requestID sent to POST /production/csids give the
 * production CSID, which reporting uses.
 * Both answers are stored as received in files of mode 0600
 * (kiosk/app/zatca_credentials.h). Blocking; for the onboarding program.
 */
#ifndef KIOSK_APP_ZATCA_ONBOARD_H
#define KIOSK_APP_ZATCA_ONBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"

typedef struct ks_zatca_onboard_options {
    const char *base_url;        /* ZATCA's base URL; must pass ks_outgoing_url_ok */
    const char *otp;             /* the one-time password from the Fatoora portal */
    const char *csr_pem;         /* the device's CSR (kiosk/app/zatca_csr.h) */
    const char *key_path;        /* the device key the CSR was made with (signs the checks) */
    const ks_config *config;     /* the seller, store, kiosk and UTC offset of the checks */
    int64_t now;                 /* UTC seconds: the checks' issue time */
    const char *compliance_path; /* where the compliance CSID is stored */
    const char *production_path; /* where the production CSID is stored ([zatca] credentials) */
    int timeout_ms;              /* per request; <= 0: 30000 */
} ks_zatca_onboard_options;

/*
 * Runs the three steps. False with why[why_size] saying which step (or
 * which document's check) failed and ZATCA's answer (also logged); the
 * compliance CSID stays stored when a later step failed.
 */
bool ks_zatca_onboard(const ks_zatca_onboard_options *opt, char *why, size_t why_size);

#endif
