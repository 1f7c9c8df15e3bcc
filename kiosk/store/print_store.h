/*
 * Print jobs on disk: every receipt, kitchen ticket, counter slip and
 * end-of-day summary the kiosk must print, with its outcome, so that none
 * is silently lost and none counts as printed unless the printer confirmed
 * it. A summary is a job of a business day; every other kind is an order's.
 *
 * Lifecycle:
 *   queued -> printing -> printed | failed      (ks_print_store_claim_next, _finish)
 *   failed | printed -> queued                  (ks_print_store_requeue: a reprint)
 *   printing -> queued                          (ks_print_store_recover, after a crash)
 * A job is queued in the same transaction as the change that calls for it
 * where the caller can (the payment being recorded), or right after it.
 * printed_at is set when the printer confirmed a copy and stays set while
 * a reprint is queued or fails; it is never set by anything else.
 * Times are UTC Unix seconds.
 */
#ifndef KIOSK_STORE_PRINT_STORE_H
#define KIOSK_STORE_PRINT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/store/db.h"
#include "kiosk/store/payment_store.h"

enum ks_print_kind {
    KS_PRINT_RECEIPT, /* the customer's simplified tax invoice */
    KS_PRINT_KITCHEN, /* the kitchen ticket */
    KS_PRINT_COUNTER, /* the slip of an order to pay at the counter */
    KS_PRINT_SUMMARY, /* the end-of-day summary of a business day */
    KS_PRINT_REFUND,  /* the slip of a refund of an order, with its credit note's QR */
};
#define KS_PRINT_KIND_COUNT 5

enum ks_print_status {
    KS_PRINT_QUEUED,
    KS_PRINT_PRINTING,
    KS_PRINT_PRINTED,
    KS_PRINT_FAILED,
};
#define KS_PRINT_STATUS_COUNT 4

/* Stable lowercase names used in storage ("receipt", "queued" ...); "invalid" out of range. */
const char *ks_print_kind_name(enum ks_print_kind kind);
bool ks_print_kind_parse(const char *name, enum ks_print_kind *out);
const char *ks_print_status_name(enum ks_print_status status);
bool ks_print_status_parse(const char *name, enum ks_print_status *out);

/* Longest failure text kept, in bytes; longer ones are cut. */
#define KS_PRINT_ERROR_MAX 255

typedef struct ks_print_job {
    int64_t id;
    char order_uuid[37];    /* "" for a summary */
    char business_date[11]; /* a summary's day, YYYY-MM-DD; "" for the other kinds */
    char refund_id[37];     /* a refund slip's refund (kiosk/store/refund_store.h); "" otherwise */
    enum ks_print_kind kind;
    enum ks_print_status status;
    int32_t attempts;                        /* times it was taken to print */
    char last_error[KS_PRINT_ERROR_MAX + 1]; /* why the latest attempt failed; "" */
    int64_t created_at;
    int64_t printed_at; /* 0 until a copy printed */
} ks_print_job;

/*
 * Queues a job of kind for an order at now; *id (may be NULL) receives its
 * id. One statement: inside the caller's transaction it is part of it.
 * KS_DB_ERR_INVALID for a malformed uuid or kind (a summary or a refund slip
 * included: see ks_print_store_enqueue_summary, _enqueue_refund),
 * KS_DB_ERR_CONSTRAINT for an unknown order.
 */
enum ks_db_error ks_print_store_enqueue(ks_db *db, const char *order_uuid, enum ks_print_kind kind,
                                        int64_t now, int64_t *id);

/*
 * Queues the slip of refund refund_id of order order_uuid at now; *id (may
 * be NULL) receives its id. KS_DB_ERR_INVALID for a malformed uuid.
 */
enum ks_db_error ks_print_store_enqueue_refund(ks_db *db, const char *order_uuid,
                                               const char *refund_id, int64_t now, int64_t *id);

/*
 * Queues the end-of-day summary of business_date (YYYY-MM-DD) at now; *id
 * (may be NULL) receives its id. KS_DB_ERR_INVALID for a malformed date.
 */
enum ks_db_error ks_print_store_enqueue_summary(ks_db *db, const char *business_date, int64_t now,
                                                int64_t *id);

/*
 * Takes the oldest queued job: marks it printing, counts the attempt, and
 * copies it into *out. KS_DB_ERR_NOT_FOUND when nothing is queued.
 */
enum ks_db_error ks_print_store_claim_next(ks_db *db, ks_print_job *out);

/*
 * Records how a printing job ended at now: printed (printed_at = now,
 * last_error cleared) or failed with error (a sentence for the staff
 * screen; NULL for none). KS_DB_ERR_ILLEGAL_TRANSITION when the job is not
 * printing, KS_DB_ERR_NOT_FOUND for an unknown id.
 */
enum ks_db_error ks_print_store_finish(ks_db *db, int64_t id, bool printed, const char *error,
                                       int64_t now);

/*
 * Queues a failed or printed job again (a reprint); a queued job stays
 * queued. KS_DB_ERR_ILLEGAL_TRANSITION while it is printing,
 * KS_DB_ERR_NOT_FOUND for an unknown id.
 */
enum ks_db_error ks_print_store_requeue(ks_db *db, int64_t id);

/* Loads job id into *out. KS_DB_ERR_NOT_FOUND when there is none. */
enum ks_db_error ks_print_store_load(ks_db *db, int64_t id, ks_print_job *out);

/*
 * After a restart: jobs left printing by a crash are queued again (a
 * duplicate is better than a missing ticket), noting why. *n (may be NULL)
 * receives how many.
 */
enum ks_db_error ks_print_store_recover(ks_db *db, size_t *n);

/*
 * Jobs that have not printed a copy yet, for the staff screen (queued,
 * printing or failed), oldest first, up to max into out, the count in *n.
 */
enum ks_db_error ks_print_store_list_unprinted(ks_db *db, ks_print_job *out, size_t max, size_t *n);

/* *printed = true when a job of kind for the order has printed a copy. */
enum ks_db_error ks_print_store_order_printed(ks_db *db, const char *order_uuid,
                                              enum ks_print_kind kind, bool *printed);

/*
 * The order's approved payment, for its receipt. KS_DB_ERR_NOT_FOUND when
 * it has none (paid at the counter, or not paid).
 */
enum ks_db_error ks_print_store_payment_of(ks_db *db, const char *order_uuid, ks_payment *out);

#endif
