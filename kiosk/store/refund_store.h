/*
 * Refunds on disk (tables refunds and refund_lines, migration step 12). A
 * refund of a paid order, whole or some lines, has its own uuid, chosen by
 * the kiosk when staff confirm it, and is recorded 'requested' and committed
 * BEFORE any money moves; the amount is computed here, from the order's
 * lines as paid (kiosk/domain/refund.h), in the transaction that records it,
 * against every earlier refund of the order, so refunds never give back more
 * than was paid, whatever runs at the same time. Recording the same refund
 * id again is harmless; with another content it is refused.
 *
 * Lifecycle:
 *   requested -> given_back -> done
 *   requested -> cancelled      (staff, after the terminal declined it)
 * 'requested': the money is not (known to be) back; each terminal request
 * is counted (attempt) before it is sent, under the sale id "<id>.<attempt>",
 * so a lost answer can be asked about (TransactionStatus) and a new request
 * is never made while one may have given money back. 'given_back': the
 * money is back, and in that same transaction the credit note, its report
 * and the backend's message were written (kiosk/app/refund.h). 'done': the
 * staff audit has it (and what follows it is finished). 'cancelled': staff
 * gave up a refund the terminal declined; it stays on record, gives nothing
 * back, counts against nothing and is never asked about again. Times are
 * UTC seconds.
 */
#ifndef KIOSK_STORE_REFUND_STORE_H
#define KIOSK_STORE_REFUND_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/refund.h"
#include "kiosk/store/db.h"

enum ks_refund_status {
    KS_REFUND_REQUESTED,
    KS_REFUND_GIVEN_BACK,
    KS_REFUND_DONE,
    KS_REFUND_CANCELLED,
};
enum ks_refund_method { KS_REFUND_CARD, KS_REFUND_CASH };
/* How a card refund goes back at the terminal: chosen at its first request, then kept. */
enum ks_refund_via {
    KS_REFUND_VIA_NONE,            /* not asked yet (and always for cash) */
    KS_REFUND_VIA_REVERSAL,        /* the whole charge, the same business day: nexo Reversal */
    KS_REFUND_VIA_TERMINAL_REFUND, /* otherwise: a nexo Payment of PaymentType "Refund" */
};

/* "requested", "given_back", "done", "cancelled"; "card", "cash"; "?" for other values. */
const char *ks_refund_status_name(enum ks_refund_status status);
const char *ks_refund_method_name(enum ks_refund_method method);

/*
 * The outbox destination of refund messages, delivered to the backend's
 * POST <backend_url>/<order uuid>/refunds (kiosk/docs/backend-api.md), and
 * of the refusals of refunds the back office asked for (their own path,
 * kiosk/store/office_refund_store.h).
 */
#define KS_REFUND_DESTINATION "backend_refund"

/* Bytes of the staff member's name or id kept with a refund. */
#define KS_REFUND_STAFF_MAX 32
/* Bytes of the last terminal error kept. */
#define KS_REFUND_ERROR_MAX 192
/* A terminal request's sale id: "<refund uuid>.<attempt>". */
#define KS_REFUND_SALE_ID_MAX 64

typedef struct ks_refund_request {
    const char *id;         /* the refund's v4 uuid, lowercase */
    const char *order_uuid; /* a paid order */
    enum ks_refund_method method;
    const char *reason; /* 1-KS_REFUND_REASON_MAX bytes of UTF-8 without control characters */
    const char *staff;  /* 0-KS_REFUND_STAFF_MAX bytes, "" when unknown */
    const ks_refund_pick *picks;
    size_t n_picks;
    int64_t window_s; /* a new refund of an order placed longer ago is refused; 0: no window */
} ks_refund_request;

typedef struct ks_refund_row {
    char id[37];
    char order_uuid[37];
    enum ks_refund_status status;
    enum ks_refund_method method;
    ks_money amount; /* given back, VAT included */
    char reason[KS_REFUND_REASON_MAX + 1];
    char staff[KS_REFUND_STAFF_MAX + 1];
    int32_t attempt; /* terminal requests counted so far */
    enum ks_refund_via via;
    char terminal_ref[65];
    char last_error[KS_REFUND_ERROR_MAX + 1];
    int64_t created_at, updated_at;
} ks_refund_row;

/*
 * Records req as requested at now and commits it, with its amount computed
 * against the order and every earlier refund of it; the stored row in *out.
 * A refund id stored before with the same order, method, reason and picks
 * gives KS_DB_OK and the stored row (whatever its status); with other
 * content KS_DB_ERR_CONFLICT. KS_DB_ERR_NOT_FOUND for an unknown order;
 * KS_DB_ERR_INVALID for a malformed request, or one the money rules or the
 * refund window refuse (*refusal says which, else KS_REFUND_OK; refusal may
 * be NULL): the window is checked only for a new refund, so a repeat of one
 * recorded in time is still answered.
 */
enum ks_db_error ks_refund_store_request(ks_db *db, const ks_refund_request *req, int64_t now,
                                         ks_refund_row *out, enum ks_refund_error *refusal);

/* One refund; KS_DB_ERR_NOT_FOUND when there is none. */
enum ks_db_error ks_refund_store_load(ks_db *db, const char *id, ks_refund_row *out);

/* The lines refund id gives back, by line number: up to max into picks, the count in *n. */
enum ks_db_error ks_refund_store_picks(ks_db *db, const char *id, ks_refund_pick *picks, size_t max,
                                       size_t *n);

/*
 * What refund id gives back of order (the order it was recorded for), as
 * ks_refund_build made it when it was recorded: its lines and their shares
 * after the refunds of the order recorded before it. *out owned by the
 * caller (ks_order_free).
 */
enum ks_db_error ks_refund_store_part(ks_db *db, const char *id, const ks_order *order,
                                      ks_order **out);

/*
 * Counts a new terminal request of a requested card refund, made via (not
 * NONE), and commits it before it is sent; its sale id in sale_id.
 * KS_DB_ERR_ILLEGAL_TRANSITION when the refund is not a requested card
 * refund, or was asked for another way before.
 */
enum ks_db_error ks_refund_store_next_attempt(ks_db *db, const char *id, enum ks_refund_via via,
                                              int64_t now, char sale_id[KS_REFUND_SALE_ID_MAX + 1]);

/* The sale id of the refund's latest terminal request ("" before any). */
void ks_refund_sale_id(const ks_refund_row *row, char sale_id[KS_REFUND_SALE_ID_MAX + 1]);

/* Keeps why the money is not back (yet) with a requested refund (cut to fit). */
enum ks_db_error ks_refund_store_note(ks_db *db, const char *id, const char *error, int64_t now);

/*
 * Inside the caller's transaction: requested -> given_back, with the
 * terminal's reference ("" for cash). KS_DB_ERR_ILLEGAL_TRANSITION from any
 * other status.
 */
enum ks_db_error ks_refund_store_given_back_locked(ks_db *db, const char *id,
                                                   const char *terminal_ref, int64_t now);

/* Inside the caller's transaction: given_back -> done (ILLEGAL_TRANSITION otherwise). */
enum ks_db_error ks_refund_store_done_locked(ks_db *db, const char *id, int64_t now);

/*
 * Staff give up requested refund id at now (the terminal declined it): it
 * becomes cancelled and frees what it would have given back. Only the
 * order's latest refund that is not cancelled may be (the shares of later
 * ones were computed after it): KS_DB_ERR_ILLEGAL_TRANSITION otherwise, or
 * when it is not requested. The caller makes sure no terminal request of it
 * may still give money back (its last answer was a decline). A request of
 * the back office it carried out is refused in the same transaction
 * (kiosk/store/office_refund_store.h).
 */
enum ks_db_error ks_refund_store_cancel(ks_db *db, const char *id, int64_t now);

/*
 * The quantity of each line of order given back or asked for by its refunds
 * that are not cancelled: quantity[i] for line i (order->n_lines entries,
 * zeroed here).
 */
enum ks_db_error ks_refund_store_refunded(ks_db *db, const ks_order *order, int32_t *quantity);

/*
 * Refunds a crash or a lost answer may have left unfinished, oldest first:
 * requested ones with a terminal request made (ask the terminal), and
 * given_back ones (finish them). Up to max into out, the count in *n.
 */
enum ks_db_error ks_refund_store_find_unfinished(ks_db *db, ks_refund_row *out, size_t max,
                                                 size_t *n);

/*
 * The order's refunds, oldest first: up to max into out, the count in *n;
 * and (given_back may be NULL) the sum of those given back or done.
 */
enum ks_db_error ks_refund_store_list_for_order(ks_db *db, const char *order_uuid,
                                                ks_refund_row *out, size_t max, size_t *n,
                                                ks_money *given_back);

#endif
