/*
 * Orders on disk: the frozen ks_order snapshot with its lines, details,
 * VAT rows and a self-checkout's attendant interventions, its human order number, and a history of
 * status changes. Every write is one transaction that is on disk when the function returns.
 *
 * Order numbers count per store and business day (the order's
 * business_date, which the caller computes with ks_business_date), so the
 * numbering restarts when the business day changes, not at midnight; each
 * kiosk of a store numbers in its own series (kiosk/domain/order_number.h),
 * so that no two kiosks give the same number without talking to each other.
 * Times are UTC Unix seconds.
 */
#ifndef KIOSK_STORE_ORDER_STORE_H
#define KIOSK_STORE_ORDER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/order.h"
#include "kiosk/store/db.h"
#include "kiosk/store/outbox.h"

/*
 * Stores an order and gives it the next number of series (0-9,
 * ks_order_number) for its store and business day, in one transaction;
 * *number receives it. order->number is ignored.
 * Idempotent on order->uuid: storing a uuid that is already there changes
 * nothing and returns that order's number, so a retry after a crash or a
 * timeout never creates a second order. KS_DB_ERR_INVALID when a field is
 * missing or malformed, or the totals do not add up
 * (ks_order_totals_consistent). The order is borrowed.
 */
enum ks_db_error ks_order_store_insert(ks_db *db, const ks_order *order, int series,
                                       int32_t *number);

/*
 * Loads the order with this uuid into a new ks_order (*out, freed with
 * ks_order_free), every field as it was stored. KS_DB_ERR_NOT_FOUND when
 * there is none; *out is NULL on any error.
 */
enum ks_db_error ks_order_store_load(ks_db *db, const char *uuid, ks_order **out);

/* The order's current status. KS_DB_ERR_NOT_FOUND for an unknown uuid. */
enum ks_db_error ks_order_store_status(ks_db *db, const char *uuid, enum ks_order_status *status);

/*
 * Moves the order to status `to` at `now` and records the change, when
 * ks_order_can_transition allows it; KS_DB_ERR_ILLEGAL_TRANSITION (nothing
 * written) when it does not, KS_DB_ERR_NOT_FOUND for an unknown uuid.
 */
enum ks_db_error ks_order_store_set_status(ks_db *db, const char *uuid, enum ks_order_status to,
                                           int64_t now);

/* ks_order_store_set_status inside the caller's transaction. */
enum ks_db_error ks_order_store_set_status_locked(ks_db *db, const char *uuid,
                                                  enum ks_order_status to, int64_t now);

/*
 * The uuid (into uuid[37]) of the order numbered number on business_date
 * (YYYY-MM-DD) at this kiosk, or of the order whose receipt token is token
 * (ks_receipt_token_ok). KS_DB_ERR_NOT_FOUND when there is none,
 * KS_DB_ERR_INVALID for a malformed date or token.
 */
enum ks_db_error ks_order_store_find_number(ks_db *db, const char *business_date, int32_t number,
                                            char uuid[37]);
enum ks_db_error ks_order_store_find_token(ks_db *db, const char *token, char uuid[37]);

/*
 * Marks the order paid at `now` and queues the n messages (one per
 * destination, e.g. the kitchen ticket and the backend copy) in the same
 * transaction. An order already paid is left as it is and nothing is
 * queued again (KS_DB_OK), so a retry is harmless; an order in any other
 * status than created or paid gives KS_DB_ERR_ILLEGAL_TRANSITION.
 */
enum ks_db_error ks_order_store_mark_paid(ks_db *db, const char *uuid, int64_t now,
                                          const ks_outbox_message *messages, size_t n);

/* What ks_order_store_record does with the status. */
enum ks_order_record {
    KS_ORDER_RECORD_CHANGE,     /* to, as ks_order_store_set_status; already there: nothing */
    KS_ORDER_RECORD_FOLLOW,     /* to when the lifecycle allows it, else the status stays */
    KS_ORDER_RECORD_QUEUE_ONLY, /* the status stays: only the messages */
};

/*
 * In one transaction: the order's status per rule and the n messages
 * queued. CHANGE fails with KS_DB_ERR_ILLEGAL_TRANSITION (nothing written)
 * where the lifecycle forbids it, and queues nothing for an order already
 * at `to`; FOLLOW and QUEUE_ONLY always queue (a kitchen's news is passed
 * on even when the kiosk's own status cannot follow it, e.g. a recall).
 */
enum ks_db_error ks_order_store_record(ks_db *db, const char *uuid, enum ks_order_status to,
                                       enum ks_order_record rule, int64_t now,
                                       const ks_outbox_message *messages, size_t n);

/* Work done inside the paying transaction, only when the order turns paid then. */
typedef struct ks_order_paid_hook {
    enum ks_db_error (*run)(ks_db *db, void *ctx); /* an error rolls the whole payment back */
    void *ctx;
} ks_order_paid_hook;

/* ks_order_store_mark_paid that also runs hook (may be NULL) in its transaction. */
enum ks_db_error ks_order_store_mark_paid_with(ks_db *db, const char *uuid, int64_t now,
                                               const ks_outbox_message *messages, size_t n,
                                               const ks_order_paid_hook *hook);

typedef struct ks_order_event {
    bool has_from; /* false for the event that created the order */
    enum ks_order_status from;
    enum ks_order_status to;
    int64_t at; /* UTC seconds */
} ks_order_event;

/*
 * The order's status history, oldest first: up to max events into out,
 * the count in *n. An unknown uuid gives KS_DB_OK with *n = 0.
 */
enum ks_db_error ks_order_store_events(ks_db *db, const char *uuid, ks_order_event *out, size_t max,
                                       size_t *n);

typedef struct ks_order_summary {
    char uuid[37];
    int32_t number;
    char business_date[11];
    enum ks_service service;
    enum ks_order_status status;
    ks_money total;
    int64_t created_at;
} ks_order_summary;

/* The latest orders, newest first: up to max into out, the count in *n. */
enum ks_db_error ks_order_store_list_recent(ks_db *db, ks_order_summary *out, size_t max,
                                            size_t *n);

#endif
