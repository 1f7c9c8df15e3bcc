/*
 * The SQL of refund requests from the back office
 * (backend_refund_request_store.h): be_refund_requests and
 * be_refund_request_lines read and written by one text for both store
 * drivers, with each driver's spelling of its bound values, so that SQLite
 * and PostgreSQL store and answer alike. The tables themselves are in each
 * driver's schema (their column types differ). Not for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_REFUND_REQUEST_SQL_H
#define KIOSK_BACKEND_BACKEND_REFUND_REQUEST_SQL_H

/* The order asked about: its store, kiosk and whether it was cancelled unpaid (0/1). */
#define KS_BACKEND_REQUEST_ORDER_SQL(UUID)                                                         \
    "SELECT o.store_id AS store_id, o.kiosk_id AS kiosk_id,\n"                                     \
    "       CASE WHEN EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = o.uuid) THEN 1 ELSE 0\n" \
    "       END AS cancelled\n"                                                                    \
    "FROM be_orders o WHERE o.uuid = " UUID

/*
 * Each line of the order: what it sold, what its stored refunds gave back
 * of it and what its requests still open ask of it.
 */
#define KS_BACKEND_REQUEST_LINES_LEFT_SQL(UUID)                                                    \
    "SELECT l.line_no AS line_no, l.quantity AS sold,\n"                                           \
    "       CAST((SELECT coalesce(sum(r.quantity), 0) FROM be_refund_lines r\n"                    \
    "             WHERE r.uuid = l.uuid AND r.line_no = l.line_no) AS bigint) AS refunded,\n"      \
    "       CAST((SELECT coalesce(sum(q.quantity), 0) FROM be_refund_request_lines q\n"            \
    "             JOIN be_refund_requests p ON p.request_id = q.request_id\n"                      \
    "             WHERE p.order_uuid = l.uuid AND p.status = 'requested'\n"                        \
    "               AND q.line_no = l.line_no) AS bigint) AS asked\n"                              \
    "FROM be_lines l WHERE l.uuid = " UUID " ORDER BY l.line_no"

#define KS_BACKEND_REFUND_REQUEST_SQL(ID)                                                          \
    "SELECT order_uuid, store_id, kiosk_id, status, request_json, refund_id\n"                     \
    "FROM be_refund_requests WHERE request_id = " ID

/* VALUES: the eight placeholders, in the order of the columns. */
#define KS_BACKEND_INSERT_REFUND_REQUEST_SQL(VALUES)                                               \
    "INSERT INTO be_refund_requests (request_id, order_uuid, store_id, kiosk_id, reason,\n"        \
    "                                request_json, person, asked_at) VALUES (" VALUES ")"

/* VALUES: the three placeholders, in the order of the columns. */
#define KS_BACKEND_INSERT_REFUND_REQUEST_LINE_SQL(VALUES)                                          \
    "INSERT INTO be_refund_request_lines (request_id, line_no, quantity) VALUES (" VALUES ")"

/* Only a request still open is settled: one refund or refusal ends it. */
#define KS_BACKEND_SETTLE_REFUND_REQUEST_SQL(ID, STATUS, REASON, REFUND, AT)                       \
    "UPDATE be_refund_requests SET status = " STATUS ", refused_reason = " REASON                  \
    ", refund_id = " REFUND ", settled_at = " AT "\n"                                              \
    "WHERE request_id = " ID " AND status = 'requested'"

/* The requests chosen by store ('' any), kiosk ('' any), open only (0/1), the latest limit. */
#define KS_BACKEND_REFUND_REQUESTS_WHERE(STORE, KIOSK, OPEN, LIMIT)                                \
    "SELECT request_id FROM be_refund_requests\n"                                                  \
    "WHERE (" STORE " = '' OR store_id = " STORE ") AND (" KIOSK " = '' OR kiosk_id = " KIOSK      \
    ")\n"                                                                                          \
    "  AND (" OPEN " = 0 OR status = 'requested')\n"                                               \
    "ORDER BY seq DESC LIMIT " LIMIT

#define KS_BACKEND_REFUND_REQUESTS_SQL(STORE, KIOSK, OPEN, LIMIT)                                  \
    "SELECT request_id, order_uuid, store_id, kiosk_id, reason, person, asked_at, status,\n"       \
    "       refused_reason, refund_id, settled_at\n"                                               \
    "FROM be_refund_requests WHERE request_id IN (\n" KS_BACKEND_REFUND_REQUESTS_WHERE(            \
        STORE, KIOSK, OPEN, LIMIT) ")\n"                                                           \
                                   "ORDER BY seq DESC"

#define KS_BACKEND_REFUND_REQUEST_LINES_SQL(STORE, KIOSK, OPEN, LIMIT)                             \
    "SELECT request_id, line_no, quantity FROM be_refund_request_lines WHERE request_id IN "       \
    "(\n" KS_BACKEND_REFUND_REQUESTS_WHERE(STORE, KIOSK, OPEN,                                     \
                                           LIMIT) ")\n"                                            \
                                                  "ORDER BY request_id, line_no"

#endif
