/*
 * Card payments on disk. A payment is recorded as 'pending', under a sale
 * transaction id the kiosk makes, and committed BEFORE the terminal is asked
 * to charge anything; the terminal's answer then updates it. After a crash,
 * ks_payment_store_find_unresolved lists what the kiosk must ask the
 * terminal about (or finish) before taking new orders. An order never has
 * two approved payments: the schema refuses it.
 *
 * Lifecycle (ks_payment_can_transition):
 *   pending -> approved | declined | cancelled | failed | unknown
 *   unknown -> approved | declined | cancelled | failed   (resolved later)
 *   approved -> refunded
 * 'failed' means the terminal never took the card; 'unknown' that the
 * answer was lost (a timeout after sending). Times are UTC Unix seconds.
 */
#ifndef KIOSK_STORE_PAYMENT_STORE_H
#define KIOSK_STORE_PAYMENT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/money.h"
#include "kiosk/store/db.h"

enum ks_payment_status {
    KS_PAYMENT_PENDING,
    KS_PAYMENT_APPROVED,
    KS_PAYMENT_DECLINED,
    KS_PAYMENT_CANCELLED,
    KS_PAYMENT_FAILED,
    KS_PAYMENT_UNKNOWN,
    KS_PAYMENT_REFUNDED,
};
#define KS_PAYMENT_STATUS_COUNT 7

/* Stable lowercase names used in storage ("pending", "approved" ...). */
const char *ks_payment_status_name(enum ks_payment_status status);
bool ks_payment_status_parse(const char *name, enum ks_payment_status *out);

/* The pure lifecycle rule above. A status to itself is allowed (recording an answer twice). */
bool ks_payment_can_transition(enum ks_payment_status from, enum ks_payment_status to);

/* What the terminal reports with an answer. Each field borrowed; NULL or "" keeps the stored value.
 */
typedef struct ks_payment_terminal_info {
    const char *method;        /* scheme as the terminal names it: "mada", "visa"; up to 32 bytes */
    const char *masked_card;   /* "484783******1234": up to 32 bytes, at most 10 digits */
    const char *approval_code; /* up to 16 bytes */
    const char *terminal_ref;  /* the terminal's retrieval reference; up to 64 bytes */
} ks_payment_terminal_info;

typedef struct ks_payment {
    char sale_txn_id[65];
    char order_uuid[37];
    enum ks_payment_status status;
    ks_money amount;
    char method[33];
    char masked_card[33];
    char approval_code[17];
    char terminal_ref[65];
    int64_t created_at;
    int64_t updated_at;
} ks_payment;

/*
 * Records a pending payment of amount (> 0, minor units) for an order, and
 * commits it; call this before sending sale_txn_id (1-64 bytes) to the
 * terminal. KS_DB_ERR_NOT_FOUND for an unknown order,
 * KS_DB_ERR_ALREADY_APPROVED when the order is already paid by card,
 * KS_DB_ERR_ILLEGAL_TRANSITION when the order is not waiting for payment
 * (status other than created), KS_DB_ERR_CONSTRAINT for a sale id used before.
 */
enum ks_db_error ks_payment_store_create(ks_db *db, const char *sale_txn_id, const char *order_uuid,
                                         ks_money amount, int64_t now);

/*
 * Records the terminal's answer: the new status and what it reported (info
 * may be NULL). KS_DB_ERR_ILLEGAL_TRANSITION when the lifecycle forbids it;
 * KS_DB_ERR_ALREADY_APPROVED (nothing written) when another payment of the
 * same order is approved: the card was charged twice, and the caller must
 * void this sale at the terminal and record it cancelled.
 * KS_DB_ERR_INVALID for a masked card that could be a full card number.
 */
enum ks_db_error ks_payment_store_update(ks_db *db, const char *sale_txn_id,
                                         enum ks_payment_status status,
                                         const ks_payment_terminal_info *info, int64_t now);

/* Loads one payment into *out. KS_DB_ERR_NOT_FOUND when there is none. */
enum ks_db_error ks_payment_store_load(ks_db *db, const char *sale_txn_id, ks_payment *out);

/*
 * The payments a crash may have left unfinished, oldest first: pending or
 * unknown ones (ask the terminal what happened), and approved ones whose
 * order is still 'created' (the crash came before ks_order_store_mark_paid).
 * Up to max into out, the count in *n.
 */
enum ks_db_error ks_payment_store_find_unresolved(ks_db *db, ks_payment *out, size_t max,
                                                  size_t *n);

/*
 * Every payment of an order, oldest first: up to max into out, the count in
 * *n. An unknown order gives KS_DB_OK with *n = 0. Before a new payment the
 * kiosk checks that none is approved, pending or unknown.
 */
enum ks_db_error ks_payment_store_list_for_order(ks_db *db, const char *order_uuid, ks_payment *out,
                                                 size_t max, size_t *n);

/*
 * Approved payments whose order was cancelled: money taken for an order that
 * will never be served, to be given back at the terminal (then 'refunded').
 * Oldest first, up to max into out, the count in *n.
 */
enum ks_db_error ks_payment_store_find_orphaned(ks_db *db, ks_payment *out, size_t max, size_t *n);

#endif
