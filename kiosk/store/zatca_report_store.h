/*
 * What ZATCA answered for each invoice reported from the outbox
 * (destination "zatca", kiosk/docs/zatca.md): the final outcome, its HTTP
 * status and its messages (warnings of an invoice reported with warnings,
 * errors of one not reported), in the kiosk's own zatca_* tables beside
 * the shared schema (kiosk/store/own_schema.h). Also the 24-hour deadline's
 * count: invoices not yet reported past an age.
 */
#ifndef KIOSK_STORE_ZATCA_REPORT_STORE_H
#define KIOSK_STORE_ZATCA_REPORT_STORE_H

#include <stdint.h>

#include "kiosk/store/db.h"

/* The outbox destination of the invoices reported to ZATCA. */
#define KS_ZATCA_DESTINATION "zatca"

/*
 * Opens the kiosk's database at path with the zatca_* tables created when
 * missing (ks_own_schema_open). NULL with *err set (may be NULL) on
 * failure; the caller owns the result (ks_db_close).
 */
ks_db *ks_zatca_report_store_open(const char *path, enum ks_db_error *err);

typedef struct ks_zatca_report {
    int64_t outbox_id;
    const char *order_uuid; /* borrowed */
    const char *outcome;    /* borrowed; ks_zatca_outcome_name() of a final outcome */
    long http_status;
    const char *messages; /* borrowed; "" for none; cut to 1000 bytes */
    int64_t at;           /* outbox seconds */
} ks_zatca_report;

/* Records (or replaces) the final answer for outbox message r->outbox_id. */
enum ks_db_error ks_zatca_report_record(ks_db *db, const ks_zatca_report *r);

/* The outcome and messages recorded for outbox_id (outcome[32], messages[1001]); NOT_FOUND. */
enum ks_db_error ks_zatca_report_get(ks_db *db, int64_t outbox_id, char *outcome, char *messages);

/*
 * Invoices queued for ZATCA and not reported (set aside ones included)
 * whose message was created at or before now - age_s.
 */
enum ks_db_error ks_zatca_report_count_overdue(ks_db *db, int64_t now, int64_t age_s,
                                               int64_t *count);

/* Invoices ZATCA refused (set aside as not reported). */
enum ks_db_error ks_zatca_report_count_refused(ks_db *db, int64_t *count);

#endif
