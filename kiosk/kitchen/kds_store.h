/*
 * The kitchen display's own database: the tickets it received (each the
 * order exactly as the kiosk sent it, kiosk-order/1 JSON), their status,
 * which lines the kitchen struck through, and the history of changes.
 * One SQLite file in WAL mode with synchronous=FULL, so a ticket the
 * receiver answered 201 for is on disk, and a uuid is stored once: a
 * repeat delivery is reported as a duplicate and changes nothing.
 *
 * The file is opened through kiosk/store/db.h (the same checks, WAL,
 * statement cache and errors as the kiosk's), so it also holds the
 * kiosk's tables, empty; the display's own tables (kds_*) keep the
 * kiosk's order number and the JSON it was sent, and have their own
 * version (kiosk/store/own_schema.h; version 3).
 *
 * Tickets are paid orders, or unpaid orders to be paid at the counter
 * (status created): the counter marks them paid (cash or card) or
 * cancelled, and those of an earlier business day are cancelled. The
 * history (kds_events) is also the status feed the kiosks follow
 * (kiosk/kitchen/kds_feed.h): every change with its time, the station
 * that finished its part, how the counter was paid. A ks_kds_store is one connection, used by one
 * thread at a time: the receiver's thread and the screen each open their own. Times are UTC Unix
 * seconds.
 */
#ifndef KIOSK_KITCHEN_KDS_STORE_H
#define KIOSK_KITCHEN_KDS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/order.h"
#include "kiosk/store/db.h"

typedef struct ks_kds_store ks_kds_store;

/*
 * Opens (creating when absent) the file at path, checks it (quick_check)
 * and creates or upgrades the schema. NULL with *err set (err may be NULL).
 */
ks_kds_store *ks_kds_store_open(const char *path, enum ks_db_error *err);

/* The connection, for the display's other modules (kds_soldout.h, kds_feed.h); borrowed. */
ks_db *ks_kds_store_db(ks_kds_store *store);

/* Closes the connection. Accepts NULL. */
void ks_kds_store_close(ks_kds_store *store);

/*
 * Stores a received order (json: the bytes received, len of them; order:
 * what ks_order_from_json made of them, borrowed) at now with its status.
 * *duplicate is set when the uuid was already stored with exactly these
 * bytes: nothing changes then. It is set too when json is the paid version
 * of the unpaid counter order stored under the uuid (the same bytes once
 * that one says paid at json's time): its bytes replace the stored ones
 * and a ticket still unpaid becomes paid. KS_DB_ERR_CONFLICT when the uuid
 * was stored with other bytes (another order under a reused uuid): nothing
 * changes then. The write is on disk when KS_DB_OK returns.
 */
enum ks_db_error ks_kds_store_add(ks_kds_store *store, const ks_order *order, const char *json,
                                  size_t len, int64_t now, bool *duplicate);

/*
 * Moves the ticket to status `to` at now when ks_kds_can_transition allows
 * it; *previous (may be NULL) receives the status before. The same status
 * again is KS_DB_OK and changes nothing. KS_DB_ERR_ILLEGAL_TRANSITION or
 * KS_DB_ERR_NOT_FOUND otherwise, nothing written.
 */
enum ks_db_error ks_kds_store_set_status(ks_kds_store *store, const char *uuid,
                                         enum ks_order_status to, int64_t now,
                                         enum ks_order_status *previous);

/*
 * The counter took the money for an unpaid order: method "cash" or "card"
 * (KS_DB_ERR_INVALID otherwise). created becomes paid, and ready at once
 * when the kitchen made it before it was paid (every line struck). An
 * order paid already is KS_DB_OK and unchanged; a cancelled one
 * KS_DB_ERR_ILLEGAL_TRANSITION. *previous (may be NULL): the status before.
 */
enum ks_db_error ks_kds_store_pay(ks_kds_store *store, const char *uuid, const char *method,
                                  int64_t now, enum ks_order_status *previous);

/* Records that station finished its part of the order at now (a feed event; no status change). */
enum ks_db_error ks_kds_store_station_ready(ks_kds_store *store, const char *uuid,
                                            const char *station, int64_t now);

/*
 * Cancels, at now, every unpaid counter order received before `before`
 * (UTC seconds: when the current business day began, by this display's
 * clock, so a kiosk's wrong clock cannot end an order's day early); how
 * many in *cancelled. One transaction.
 */
enum ks_db_error ks_kds_store_cancel_unpaid(ks_kds_store *store, int64_t before, int64_t now,
                                            size_t *cancelled);

/* Strikes line line_no (0-based) of the ticket through (done) or not. KS_DB_ERR_NOT_FOUND: no such
 * line. */
enum ks_db_error ks_kds_store_set_line_done(ks_kds_store *store, const char *uuid, int32_t line_no,
                                            bool done, int64_t now);

typedef struct ks_kds_summary {
    int64_t seq; /* arrival order, from 1 */
    char uuid[37];
    int32_t number; /* the kiosk's order number */
    char kiosk_id[33];
    enum ks_service service;
    enum ks_order_status status;
    int64_t received_at;
    int64_t status_at; /* the latest status change (received_at at first) */
    ks_money total;    /* what the customer pays (the counter takes it for unpaid orders) */
} ks_kds_summary;

/* KS_KDS_STATUS(s) is the bit of status s in a status mask. */
#define KS_KDS_STATUS(s) (1u << (s))

/*
 * Up to max tickets whose status is in mask, in arrival order (oldest
 * first), into out; the count in *n.
 */
enum ks_db_error ks_kds_store_list(ks_kds_store *store, unsigned mask, ks_kds_summary *out,
                                   size_t max, size_t *n);

/* Number of tickets stored, all statuses. */
enum ks_db_error ks_kds_store_count(ks_kds_store *store, int64_t *count);

/* Number of tickets whose status is in mask. */
enum ks_db_error ks_kds_store_count_status(ks_kds_store *store, unsigned mask, int64_t *count);

/*
 * The ticket's struck-through lines into done[n_lines] (true: struck),
 * for a ticket whose order the caller holds already.
 */
enum ks_db_error ks_kds_store_load_done(ks_kds_store *store, const char *uuid, bool *done,
                                        size_t n_lines);

/*
 * The ticket's order as received (*order, freed with ks_order_free) and,
 * when done is not NULL, its struck-through lines: *done is a malloc'd
 * array of (*order)->n_lines flags (free()). KS_DB_ERR_NOT_FOUND for an
 * unknown uuid; on any error *order and *done are NULL.
 */
enum ks_db_error ks_kds_store_load(ks_kds_store *store, const char *uuid, ks_order **order,
                                   bool **done);

/* The ready ticket bumped most recently (for recall); KS_DB_ERR_NOT_FOUND when none. */
enum ks_db_error ks_kds_store_last_bumped(ks_kds_store *store, char uuid[37]);

#endif
