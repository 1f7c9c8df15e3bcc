/*
 * The backend's database: every order the kiosks delivered (the kiosk-order/1
 * JSON as received, plus its lines and VAT rows for reporting, and its
 * receipt token for the e-receipt), the latest heartbeat of each kiosk, and
 * the report queries over them.
 *
 * Two stores behind one API, chosen by the "database" setting when opening
 * (kiosk/docs/backend-api.md, "Database"):
 *
 *   backend.db, /var/lib/x.db, sqlite:///var/lib/x.db      SQLite file
 *   postgresql://user@host/db, postgres://...               PostgreSQL (libpq URI)
 *   host=/run/postgresql dbname=backend user=kiosk          PostgreSQL (libpq key=value)
 *
 * SQLite (backend_store_sqlite.c): one file opened through kiosk/store/db.h
 * (WAL, synchronous=FULL, quick_check); like the kitchen display's, the file
 * also holds the kiosk's tables, empty. PostgreSQL (backend_store_pg.c): one
 * libpq connection, prepared statements, synchronous_commit left on. Either
 * way an order is durable when ks_backend_store_add_order returns KS_DB_OK,
 * a uuid is stored once, SQL only sees bound values, the backend's own
 * tables (be_*) carry their version, and the reports give the same rows.
 *
 * PostgreSQL connections are opened with connect_timeout 5 s, TCP
 * keepalives (idle 10 s, interval 3 s, 3 probes) and tcp_user_timeout
 * 10 s, so a frozen or cut link fails a call within seconds instead of
 * hanging it; ks_backend_store_set_timeout adds a statement timeout.
 * A PostgreSQL connection that was lost is made again once per call (a
 * call that failed on it is then run once more); when the server stays
 * away the call fails with KS_DB_ERR_IO (KS_DB_ERR_OPEN when opening),
 * which the API answers 503. One connection, used by one thread at a time.
 * Times are UTC Unix seconds; money is integer halalas; dates are the
 * orders' business dates, YYYY-MM-DD.
 */
#ifndef KIOSK_BACKEND_BACKEND_STORE_H
#define KIOSK_BACKEND_BACKEND_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_refund.h"
#include "kiosk/backend/backend_row.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/db.h"

typedef struct ks_backend_store ks_backend_store;

/*
 * Opens the store that database (borrowed; one of the forms above) names,
 * creating or upgrading its tables. NULL with *err set (err may be NULL):
 * KS_DB_ERR_INVALID for "" or "sqlite://" alone, KS_DB_ERR_OPEN when the
 * file cannot be opened or the server reached, KS_DB_ERR_TOO_NEW for tables
 * of a newer program, ...; the reason is logged (never the string itself,
 * which may hold a password).
 */
ks_backend_store *ks_backend_store_open(const char *database, enum ks_db_error *err);

/* Closes the connection. Accepts NULL. */
void ks_backend_store_close(ks_backend_store *store);

/*
 * Stores order (borrowed; what ks_order_from_json made of json, len bytes;
 * paid, or cancelled unpaid: then marked so, with no lines or VAT rows,
 * never in sales, items or VAT) received at now, in one transaction.
 * *duplicate is set when the uuid was already stored with exactly these
 * bytes: nothing changes then; KS_DB_ERR_CONFLICT when it was stored with
 * other bytes (nothing changes either). Durable when KS_DB_OK returns. (If
 * a PostgreSQL connection is lost during the commit, the call is run again
 * and may find its own order: a duplicate, which the kiosk takes as done.)
 */
enum ks_db_error ks_backend_store_add_order(ks_backend_store *store, const ks_order *order,
                                            const char *json, size_t len, int64_t now,
                                            bool *duplicate);

/*
 * The body of the order whose receipt token is token (borrowed; checked by
 * the caller), as received: *json owned by the caller (free()), NUL-terminated.
 * KS_DB_ERR_NOT_FOUND when no order has it.
 */
enum ks_db_error ks_backend_store_receipt(ks_backend_store *store, const char *token, char **json);

/* Number of orders stored, paid and cancelled. */
enum ks_db_error ks_backend_store_count_orders(ks_backend_store *store, int64_t *count);

/* KS_DB_OK when the database answers a trivial statement (a lost connection is made again). */
enum ks_db_error ks_backend_store_ping(ks_backend_store *store);

/*
 * The database's housekeeping that commits leave to one connection (the
 * backend's health probe calls it every second): for SQLite, a passive
 * checkpoint of the WAL, which waits for no reader or writer. KS_DB_OK
 * when there is nothing to do.
 */
enum ks_db_error ks_backend_store_maintain(ks_backend_store *store);

/*
 * Bounds every later statement on this store's connection to ms
 * milliseconds (PostgreSQL statement_timeout; a statement past it fails
 * with KS_DB_ERR_BUSY). SQLite statements are local and left unbounded.
 */
enum ks_db_error ks_backend_store_set_timeout(ks_backend_store *store, int ms);

/*
 * Plans each later statement on this store's connection for the values it
 * is run with, never once for any values (PostgreSQL plan_cache_mode =
 * force_custom_plan, kept for a connection made again): for the managers'
 * reports, whose dates and store a plan made without them misjudges
 * (kiosk/docs/backend-api.md, "Reports planned for their values"). The
 * planning costs 0.3-0.4 ms a report, nothing against its 100 ms and more;
 * the kiosks' connections (intake's short statements by key) keep the
 * server's choice. SQLite: nothing to do.
 */
enum ks_db_error ks_backend_store_plan_each_call(ks_backend_store *store);

/*
 * The value of the connection's setting name (borrowed; PostgreSQL
 * current_setting) into value[cap], NUL-terminated; KS_DB_ERR_NOT_FOUND
 * for SQLite, which has none, or an unknown name. For tests and diagnosis.
 */
enum ks_db_error ks_backend_store_setting(ks_backend_store *store, const char *name, char *value,
                                          size_t cap);

typedef struct ks_backend_heartbeat {
    const char *kiosk_id; /* borrowed, checked by the caller */
    const char *version;  /* borrowed, the kiosk software's version */
    int64_t unsent;       /* orders not yet delivered, as the kiosk counts them */
    const char *devices;  /* borrowed, compact JSON object of device states */
    int64_t at;           /* when received */
} ks_backend_heartbeat;

/* Replaces the kiosk's last heartbeat with hb. */
enum ks_db_error ks_backend_store_put_heartbeat(ks_backend_store *store,
                                                const ks_backend_heartbeat *hb);

/* A kitchen's status change of one order (kiosk/docs/backend-api.md, "kitchen"). */
typedef struct ks_backend_kitchen_event {
    char uuid[37];               /* the order's */
    enum ks_order_status status; /* KS_ORDER_IN_PREPARATION, KS_ORDER_READY or KS_ORDER_COLLECTED */
    char
        station[KS_STATION_NAME_MAX + 1]; /* "": the whole order; a station's name only for ready */
    int64_t at;                           /* when it happened, UTC seconds */
} ks_backend_kitchen_event;

/* What a kitchen event is checked against: the stored order of its uuid. */
typedef struct ks_backend_kitchen_order {
    char kiosk_id[KS_DEVICE_ID_MAX + 1];
    int64_t paid_at; /* the order's updated_at: when it became paid (or was cancelled) */
    bool cancelled;  /* the order was received cancelled unpaid */
} ks_backend_kitchen_order;

/* The stored order of uuid into *out; KS_DB_ERR_NOT_FOUND when none is. */
enum ks_db_error ks_backend_store_kitchen_order(ks_backend_store *store, const char *uuid,
                                                ks_backend_kitchen_order *out);

/*
 * Stores ev (borrowed, checked by the caller; its order paid at paid_at)
 * received at now, durable on KS_DB_OK. *duplicate is set, and nothing
 * changes, when the same uuid, status, station and at are stored already.
 */
enum ks_db_error ks_backend_store_add_kitchen_event(ks_backend_store *store,
                                                    const ks_backend_kitchen_event *ev,
                                                    int64_t paid_at, int64_t now, bool *duplicate);

/* What became of a refund a kiosk relayed (ks_backend_store_add_refund). */
enum ks_backend_refund_result {
    KS_BACKEND_REFUND_CREATED,     /* stored */
    KS_BACKEND_REFUND_DUPLICATE,   /* the same body was stored under its id before */
    KS_BACKEND_REFUND_CONFLICT,    /* another body is stored under its id: nothing changes */
    KS_BACKEND_REFUND_NO_ORDER,    /* no order is stored under its order's uuid (yet) */
    KS_BACKEND_REFUND_OTHER_KIOSK, /* the order is another kiosk's */
    KS_BACKEND_REFUND_CANCELLED,   /* the order was cancelled unpaid: nothing to give back */
    KS_BACKEND_REFUND_TOO_MUCH,    /* with the order's earlier refunds, more than its total */
};

/*
 * Stores the refund r (checked by ks_backend_refund_parse; json[len] its
 * body, kept byte for byte) of an order of kiosk_id, received at now, in
 * one transaction that first checks, in this order, the order (stored,
 * this kiosk's), the refund's id (a repeat or a conflict), the order's
 * state and that its refunds with this one do not exceed its total; the
 * back office's request it names (r->request_id) is marked done in the
 * same transaction (ks_backend_refund_request_settle). The outcome in
 * *result, durable on KS_DB_OK.
 */
enum ks_db_error ks_backend_store_add_refund(ks_backend_store *store, const ks_backend_refund *r,
                                             const char *kiosk_id, const char *json, size_t len,
                                             int64_t now, enum ks_backend_refund_result *result);

/*
 * Reports: each gives its rows to sink (backend_row.h), in order, each
 * with its columns in a fixed order (documented in
 * kiosk/docs/backend-api.md); the API writes them straight to text
 * (backend_report_text.h), ks_backend_rows_sink collects them as JSON. A
 * sink's failure ends the report with it. from and to are inclusive
 * business dates; store_id "" means every store.
 */

/* A sink appending each row to rows (a JSON array, borrowed) as an object of its columns. */
ks_backend_sink ks_backend_rows_sink(json_t *rows);

/* The latest heartbeat per kiosk, by kiosk id: kiosk_id, at, version, unsent, devices. */
enum ks_db_error ks_backend_store_kiosks(ks_backend_store *store, json_t **rows);

enum ks_backend_group { KS_BACKEND_GROUP_DAY, KS_BACKEND_GROUP_MONTH, KS_BACKEND_GROUP_HOUR };

/*
 * The most business dates a report per hour (sales, kitchen speed) covers:
 * a week. Its rows, one per hour, store and kiosk or station, are read by a
 * person, and a year of the chain's is hundreds of thousands of them (the
 * kitchen's 220,000 rows, 16 MB, 10 s at 10 M order lines a year); longer
 * spans are asked per day or month, which answer them whole.
 */
#define KS_BACKEND_HOUR_DAYS_MAX 7

/*
 * Sales per period (day: YYYY-MM-DD, month: YYYY-MM, hour: YYYY-MM-DD HH:00
 * local at utc_offset_min), store and kiosk (kiosk_id "" when by_store):
 * period, store_id, kiosk_id, orders, total_net, total_vat, total (paid
 * orders), cancelled, cancelled_total (orders cancelled unpaid, and their
 * totals), refunds, refunded (the refunds of those orders and what they gave
 * back, counted in the period of the order), net_total (total - refunded).
 */
enum ks_db_error ks_backend_store_sales(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, enum ks_backend_group group,
                                        bool by_store, int utc_offset_min,
                                        const ks_backend_sink *sink);

/*
 * Best sellers, at most limit rows, by quantity (or by revenue when
 * by_revenue), ties by item id: item_id, name_en, name_ar, unit, quantity
 * (pieces, or grams for kg), orders, net, vat, revenue (gross).
 */
enum ks_db_error ks_backend_store_items(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, bool by_revenue, int limit,
                                        const ks_backend_sink *sink);

/* Per VAT rate, ascending: rate_bp, orders, taxable, vat. */
enum ks_db_error ks_backend_store_vat(ks_backend_store *store, const char *from, const char *to,
                                      const char *store_id, const ks_backend_sink *sink);

/*
 * Peak hours: the paid orders per local weekday (0 Sunday .. 6 Saturday)
 * and hour (0-23) of their created_at at utc_offset_min, by those; only
 * the cells with orders: weekday, hour, orders, total.
 */
enum ks_db_error ks_backend_store_peak(ks_backend_store *store, const char *from, const char *to,
                                       const char *store_id, int utc_offset_min,
                                       const ks_backend_sink *sink);

/*
 * The refunds of the orders of those business dates (as the sales report
 * counts them), per method and reason, by those: method, reason, refunds,
 * amount, vat.
 */
enum ks_db_error ks_backend_store_refunds(ks_backend_store *store, const char *from, const char *to,
                                          const char *store_id, const ks_backend_sink *sink);

/*
 * Payment methods: the paid orders of those business dates per method
 * ("card", "counter_cash", "counter_card"; "unknown" for an order that did
 * not say, from an older kiosk) and card brand ("" for none), by those:
 * method, brand, orders, amount (their totals), refunds, refunded (the
 * refunds of those orders, as the sales report counts them, whatever way
 * the money went back), net (amount - refunded).
 */
enum ks_db_error ks_backend_store_payments(ks_backend_store *store, const char *from,
                                           const char *to, const char *store_id,
                                           const ks_backend_sink *sink);

/*
 * Kitchen speed per period, store and station ("" the whole order), by
 * those. Periods: the local hour of payment (YYYY-MM-DD HH:00 at
 * utc_offset_min; the column "hour"), or the business date (YYYY-MM-DD) or
 * its month (YYYY-MM; the column "period" for both). Columns: that one,
 * store_id, station, orders (with a ready time), ready_avg_s,
 * ready_p90_s (seconds from paid to ready: average rounded half up, 90th
 * percentile by nearest rank), collected (of those orders), collect_avg_s
 * (ready to collected, 0 when none was). Per order and station the last
 * ready at or before the order's first collection counts (a recalled
 * ticket was not ready); a ready before the paid time counts as 0 s.
 */
enum ks_db_error ks_backend_store_kitchen(ks_backend_store *store, const char *from, const char *to,
                                          const char *store_id, enum ks_backend_group group,
                                          int utc_offset_min, const ks_backend_sink *sink);

#endif
