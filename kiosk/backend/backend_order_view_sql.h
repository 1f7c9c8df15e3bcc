/*
 * The SQL of one order's page in the back office (GET /v1/orders/{uuid},
 * backend_order_view.h): the order as stored and everything that names it,
 * one text for both store drivers, each filling in its spelling of the
 * bound values. Not for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_ORDER_VIEW_SQL_H
#define KIOSK_BACKEND_BACKEND_ORDER_VIEW_SQL_H

#include "kiosk/backend/backend_staff_action_sql.h" /* KS_BACKEND_PAYING_STATE */

/*
 * The indexes the page reads by order (PostgreSQL migration 31, SQLite at
 * open): a decision taken while paying of any state (be_paying_waiting
 * holds the waiting ones only), and an order's e-invoice and credit notes.
 */
#define KS_BACKEND_PAYING_BY_ORDER_SQL                                                             \
    "CREATE INDEX IF NOT EXISTS be_paying_by_order ON be_paying_decisions (order_uuid)"
#define KS_BACKEND_EINVOICES_BY_ORDER_SQL                                                          \
    "CREATE INDEX IF NOT EXISTS be_einvoices_by_order ON be_einvoices (order_uuid)"

/*
 * The card terminal's reference of a paid order's payment (PostgreSQL
 * migration 33, SQLite backend tables' version 10): "" for orders stored
 * before, of an older kiosk, or not paid at the kiosk's terminal. TEXT:
 * the driver's text type; IF_NEW: PostgreSQL's "IF NOT EXISTS " (a
 * schema rewound to an older version keeps the column), "" for SQLite,
 * which has no such clause and runs it once per file.
 */
#define KS_BACKEND_PAYMENTS_TERMINAL_REF_SQL(IF_NEW, TEXT)                                         \
    "ALTER TABLE be_payments ADD COLUMN " IF_NEW "terminal_ref " TEXT " NOT NULL DEFAULT ''"

/*
 * UUID -> the order's row: paid or cancelled (unpaid), how it was paid
 * (method, brand, terminal_ref), its body as text.
 */
#define KS_BACKEND_ORDER_VIEW_SQL(UUID)                                                            \
    "SELECT o.uuid AS uuid, o.store_id AS store_id, o.kiosk_id AS kiosk_id, o.number AS number,\n" \
    "       o.business_date AS business_date, o.created_at AS created_at,\n"                       \
    "       o.received_at AS received_at, o.total_net AS total_net, o.total_vat AS total_vat,\n"   \
    "       o.total AS total,\n"                                                                   \
    "       CASE WHEN c.uuid IS NULL THEN 'paid' ELSE 'cancelled' END AS status,\n"                \
    "       CASE WHEN c.uuid IS NOT NULL THEN '' ELSE coalesce(m.method, 'unknown') END\n"         \
    "           AS method,\n"                                                                      \
    "       coalesce(m.brand, '') AS brand, coalesce(m.terminal_ref, '') AS terminal_ref,\n"       \
    "       CAST(o.order_json AS text) AS order_json\n"                                            \
    "FROM be_orders o\n"                                                                           \
    "LEFT JOIN be_cancelled c ON c.uuid = o.uuid\n"                                                \
    "LEFT JOIN be_payments m ON m.uuid = o.uuid\n"                                                 \
    "WHERE o.uuid = " UUID

/* STORE, DATE, NUMBER -> uuid, kiosk_id: the orders of that number (one per kiosk at most). */
#define KS_BACKEND_ORDER_FIND_SQL(STORE, DATE, NUMBER)                                             \
    "SELECT uuid, kiosk_id FROM be_orders\n"                                                       \
    "WHERE business_date = " DATE " AND store_id = " STORE " AND number = " NUMBER "\n"            \
    "ORDER BY kiosk_id, uuid"

/*
 * UUID -> its refunds, oldest first; STAFF_OF, REF_OF: the driver's reading of f.refund_json's
 * staff and terminal_ref (the card terminal's reference of the refund, "" for cash and an older
 * kiosk's).
 */
#define KS_BACKEND_ORDER_REFUNDS_SQL(UUID, STAFF_OF, REF_OF)                                       \
    "SELECT f.refund_id AS refund_id, f.method AS method, f.amount AS amount, f.vat AS vat,\n"     \
    "       f.reason AS reason, f.at AS at, coalesce(" STAFF_OF ", '') AS staff,\n"                \
    "       coalesce(" REF_OF ", '') AS terminal_ref\n"                                            \
    "FROM be_refunds f WHERE f.uuid = " UUID " ORDER BY f.at, f.refund_id"

/* UUID -> the back office's refund requests of it, in the order they were asked. */
#define KS_BACKEND_ORDER_REFUND_REQUESTS_SQL(UUID)                                                 \
    "SELECT request_id, person, reason, asked_at, status, refused_reason, refund_id,\n"            \
    "       settled_at\n"                                                                          \
    "FROM be_refund_requests WHERE order_uuid = " UUID " ORDER BY seq"

/* UUID -> its attendant interventions (those decided while it was paid among them), by seq. */
#define KS_BACKEND_ORDER_INTERVENTIONS_SQL(UUID)                                                   \
    "SELECT seq, staff, need, decision, raised_at, decided_at, void_item, void_amount\n"           \
    "FROM be_interventions WHERE uuid = " UUID " ORDER BY seq"

/*
 * UUID, STORE -> the decisions the lanes of its store took while it was
 * being paid: "waiting" (for a paid order: never, once it is stored),
 * "placed" among its interventions, "unpaid" (it was cancelled unpaid), or
 * "lost" (aged before it arrived, ks_backend_paying_age: counted as
 * decided on an order that never arrived, not among its interventions).
 */
#define KS_BACKEND_ORDER_PAYING_SQL(UUID, STORE)                                                   \
    "SELECT uuid, staff, need, decision, raised_at, decided_at, void_item, void_amount,\n"         \
    "       " KS_BACKEND_PAYING_STATE(                                                             \
        "placed") " AS state\n"                                                                    \
                  "FROM be_paying_decisions WHERE order_uuid = " UUID " AND store_id = " STORE     \
                  "\n"                                                                             \
                  "ORDER BY decided_at, uuid"

/* UUID -> its kitchen status changes (placed, ready, collected ...), by time. */
#define KS_BACKEND_ORDER_KITCHEN_SQL(UUID)                                                         \
    "SELECT status, station, at FROM be_kitchen WHERE uuid = " UUID " ORDER BY at, station, "      \
    "status"

/* UUID, STORE -> its archived e-invoice and credit notes, in their chain's order. */
#define KS_BACKEND_ORDER_EINVOICES_SQL(UUID, STORE)                                                \
    "SELECT uuid, device_id, number, kind, icv, issued, payable, received_at\n"                    \
    "FROM be_einvoices WHERE order_uuid = " UUID " AND store_id = " STORE " ORDER BY icv"

#endif
