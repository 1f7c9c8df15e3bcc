/*
 * Refunds the back office asked for, on the kiosk that sold the order
 * (tables office_refunds and office_refund_lines, migration step 16;
 * kiosk/docs/backend-api.md, "Refund requests from the back office").
 *
 * A request is stored once, keyed by the back office's request id, with the
 * uuid of the kiosk refund that carries it out (kiosk/store/refund_store.h),
 * chosen when it is first stored: fetching it again, or a crash between
 * storing it and recording its refund, never makes a second refund.
 *
 * Lifecycle:
 *   open -> done     the refund was given back (in that transaction)
 *   open -> refused  the kiosk cannot carry it out (nothing left to give
 *                    back, not paid, staff cancelled its refund); the
 *                    refusal is queued for the backend in the same
 *                    transaction (outbox destination KS_REFUND_DESTINATION,
 *                    path refund-requests/<id>/refusal) when the order is
 *                    stored here
 */
#ifndef KIOSK_STORE_OFFICE_REFUND_STORE_H
#define KIOSK_STORE_OFFICE_REFUND_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/refund.h"
#include "kiosk/store/db.h"

/* Bytes of the name of who asked, as the backend names them. */
#define KS_OFFICE_PERSON_MAX 64

/* A request as the backend hands it out. */
typedef struct ks_office_refund {
    char request_id[37];
    char order_uuid[37];
    char reason[KS_REFUND_REASON_MAX + 1]; /* 1-120 bytes of UTF-8 without control characters */
    char person[KS_OFFICE_PERSON_MAX + 1];
    int64_t asked_at;                          /* UTC seconds */
    size_t n_lines;                            /* 1..KS_REFUND_LINES_MAX */
    ks_refund_pick lines[KS_REFUND_LINES_MAX]; /* line numbers ascending, each once */
} ks_office_refund;

enum ks_office_refund_status {
    KS_OFFICE_REFUND_OPEN,
    KS_OFFICE_REFUND_DONE,
    KS_OFFICE_REFUND_REFUSED,
};

typedef struct ks_office_refund_row {
    char request_id[37];
    char order_uuid[37];
    char refund_id[37]; /* the kiosk refund that carries it out */
    char reason[KS_REFUND_REASON_MAX + 1];
    char person[KS_OFFICE_PERSON_MAX + 1];
    enum ks_office_refund_status status;
    char refusal[KS_REFUND_REASON_MAX + 1]; /* why it was refused here, "" otherwise */
    int64_t asked_at, received_at, updated_at;
} ks_office_refund_row;

/*
 * Stores req, received at now, to be carried out under refund_id (a new v4
 * uuid), and commits it, unless a request under its id is stored already
 * (then nothing changes). The stored row, new or earlier, in *row; *added
 * tells which. KS_DB_ERR_INVALID for a malformed request or refund id.
 */
enum ks_db_error ks_office_refund_store_add(ks_db *db, const ks_office_refund *req,
                                            const char *refund_id, int64_t now,
                                            ks_office_refund_row *row, bool *added);

/* One request; KS_DB_ERR_NOT_FOUND when there is none. */
enum ks_db_error ks_office_refund_store_load(ks_db *db, const char *request_id,
                                             ks_office_refund_row *out);

/* The request kiosk refund refund_id carries out; KS_DB_ERR_NOT_FOUND when none does. */
enum ks_db_error ks_office_refund_store_of_refund(ks_db *db, const char *refund_id,
                                                  ks_office_refund_row *out);

/* The request's lines as stored, by line number: up to max into picks, the count in *n. */
enum ks_db_error ks_office_refund_store_lines(ks_db *db, const char *request_id,
                                              ks_refund_pick *picks, size_t max, size_t *n);

/*
 * open -> refused with reason (1-120 bytes without control characters), its
 * refusal queued for the backend when the order is stored here, committed
 * together. KS_DB_ERR_ILLEGAL_TRANSITION when the request is not open.
 */
enum ks_db_error ks_office_refund_store_refuse(ks_db *db, const char *request_id,
                                               const char *reason, int64_t now);

/*
 * Inside the caller's transaction: the request kiosk refund refund_id
 * carries out, if any and open, is refused as above. KS_DB_OK when no
 * request names the refund.
 */
enum ks_db_error ks_office_refund_store_refuse_refund_locked(ks_db *db, const char *refund_id,
                                                             const char *reason, int64_t now);

/*
 * Inside the caller's transaction: the request kiosk refund refund_id
 * carries out, if any, becomes done; its id in request_id ("" when no
 * request names the refund).
 */
enum ks_db_error ks_office_refund_store_done_locked(ks_db *db, const char *refund_id, int64_t now,
                                                    char request_id[37]);

/* The open requests, oldest first: up to max into out, the count in *n. */
enum ks_db_error ks_office_refund_store_list_open(ks_db *db, ks_office_refund_row *out, size_t max,
                                                  size_t *n);

#endif
