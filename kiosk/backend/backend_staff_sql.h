/*
 * The staff report's SQL (ks_backend_store_staff, backend_staff_store.h)
 * as one text for both store drivers, each filling in its spelling of the
 * bound values, so that SQLite and PostgreSQL give the same rows by the
 * same arithmetic. Not for other users.
 *
 * be_interventions holds each paid order's attendant interventions as the
 * lane sent them (kiosk/domain/intervention.h), with the order's business
 * date and store. Per store and staff id: the count per need, the median
 * and 90th percentile of the seconds from raised to decided by nearest
 * rank (the values at ranks ceil(n / 2) = (n + 1) / 2 and ceil(0.9 n) =
 * (9 n + 9) / 10 in ascending order, exact in both, each driver's way:
 * below), the voids and their amount; beside them the back office's refund
 * requests that person asked (their name is the staff column) of the
 * orders of those dates, those carried out and what those refunds gave
 * back, and the refunds a person made at a kiosk's staff screen signed in
 * with their own kiosk PIN (the refund's "staff", backend_kiosk_pin.h),
 * each counted as asked and carried out by them; and the kiosks' staff
 * actions of those dates per person (be_staff_actions,
 * backend_staff_action_sql.h): sold-out marks and unmarks, reprints, the
 * lanes' interventions in baskets never paid and those decided while an
 * order was being paid, which it does not carry (an action under the
 * shared PIN names nobody, '', and counts for nobody). Every wait is at most a day and every amount
 * at most 10^9, so the 64-bit sums cannot overflow.
 */
#ifndef KIOSK_BACKEND_BACKEND_STAFF_SQL_H
#define KIOSK_BACKEND_BACKEND_STAFF_SQL_H

/* VALUES: the eleven placeholders, in the order of the columns. */
#define KS_BACKEND_INSERT_INTERVENTION_SQL(VALUES)                                                 \
    "INSERT INTO be_interventions (uuid, seq, business_date, store_id, staff, need, decision,\n"   \
    "                              raised_at, decided_at, void_item, void_amount)\n"               \
    "VALUES (" VALUES ")"

/*
 * The staff report's index (PostgreSQL migration 23, SQLite at open): every
 * column the report reads, in (store, staff) order, so that PostgreSQL
 * groups a year's waits straight from the index (an index-only scan) with
 * neither reading the table's wide rows nor sorting them first. The chain's
 * year at 10 M order lines (612,585 waits), the server's CPU for the SQL,
 * interleaved runs in one session: 0.87-1.23 s -> 0.27-0.58 s (1.75-2.21 s
 * -> 0.26-0.43 s while JIT compiling was on: the plan, costed lower, is no
 * longer compiled). INCLUDE: ") INCLUDE (" where the driver has
 * non-key columns (PostgreSQL), else ", " (SQLite: all of them keys).
 */
#define KS_BACKEND_INTERVENTIONS_BY_STAFF_SQL(INCLUDE)                                             \
    "CREATE INDEX IF NOT EXISTS be_interventions_by_staff\n"                                       \
    "ON be_interventions (store_id, staff, business_date" INCLUDE                                  \
    "need, void_item, void_amount, raised_at, decided_at)"

/* One need's count among a staff member's interventions. */
#define KS_BACKEND_STAFF_NEED(NEED)                                                                \
    "       CAST(sum(CASE WHEN need = '" NEED "' THEN 1 ELSE 0 END) AS bigint) AS " NEED ",\n"

/*
 * The median and 90th percentile by nearest rank, as each driver spells
 * them: PostgreSQL's ordered-set aggregate, one sort of the waits (the
 * chain's year at 1 M order lines, 61,388 waits: 419 -> 219 ms of SQL,
 * EXPLAIN ANALYZE; percentile_disc(f) takes rank ceil(f n), as the
 * kitchen report's, backend_kitchen_sql.h), or, where there is none
 * (SQLite), each wait's rank and its group's count from two windows.
 */
#define KS_BACKEND_STAFF_P50_DISC "percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_s)"
#define KS_BACKEND_STAFF_P90_DISC "percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_s)"
#define KS_BACKEND_STAFF_RANKS                                                                     \
    ",\n"                                                                                          \
    "                  row_number() OVER (PARTITION BY store_id, staff\n"                          \
    "                                     ORDER BY decided_at - raised_at) AS rn,\n"               \
    "                  count(*) OVER (PARTITION BY store_id, staff) AS n"
#define KS_BACKEND_STAFF_P50_RANKED "max(CASE WHEN rn = (n + 1) / 2 THEN wait_s END)"
#define KS_BACKEND_STAFF_P90_RANKED "max(CASE WHEN rn = (9 * n + 9) / 10 THEN wait_s END)"

/*
 * A kiosk refund's person and the back office's request it carries out,
 * read from its stored body (be_refunds.refund_json, kiosk/docs/backend-api.md,
 * POST /v1/orders/{uuid}/refunds; BODY: the column as the statement names
 * it), each driver's way; NULL when absent.
 */
#define KS_BACKEND_STAFF_OF_JSON(BODY) "((" BODY " ->> 'staff') COLLATE \"C\")"
#define KS_BACKEND_REQUEST_OF_JSON(BODY) "(" BODY " ->> 'request_id')"
#define KS_BACKEND_STAFF_OF_EXTRACT(BODY) "json_extract(" BODY ", '$.staff')"
#define KS_BACKEND_REQUEST_OF_EXTRACT(BODY) "json_extract(" BODY ", '$.request_id')"

/*
 * The refunds the staff report counts as a person's at a kiosk (their own
 * PIN, no back-office request: the report's second source below), indexed
 * apart (migration 23, SQLite at open), so that the report finds them
 * without reading every refund's body: at 10 M order lines a store's day
 * took 33-53 ms of which most was reading the 30,917 bodies, 2.5-23 ms
 * with the index (interleaved runs in one session); the statement is the
 * same, the index chosen because its condition is the report's, word for
 * word. STAFF_OF, REQUEST_OF: the driver's spelling above of
 * "refund_json".
 */
#define KS_BACKEND_REFUNDS_BY_STAFF_SQL(STAFF_OF, REQUEST_OF)                                      \
    "CREATE INDEX IF NOT EXISTS be_refunds_by_staff ON be_refunds (uuid)\n"                        \
    "WHERE " STAFF_OF " IS NOT NULL AND " REQUEST_OF " IS NULL"

/*
 * FROM, TO, STORE: the bound values; RANKS, P50, P90: the driver's
 * percentiles, above ("", KS_BACKEND_STAFF_P50_DISC, ..._P90_DISC or
 * KS_BACKEND_STAFF_RANKS, ..._P50_RANKED, ..._P90_RANKED); STAFF_OF,
 * REQUEST_OF: the driver's reading of a refund's body (above).
 */
/* clang-format off: one need per line */
#define KS_BACKEND_STAFF_SQL(FROM, TO, STORE, RANKS, P50, P90, STAFF_OF, REQUEST_OF)               \
    "WITH w AS (SELECT store_id, staff, need, decided_at - raised_at AS wait_s, void_item,\n"      \
    "                  void_amount" RANKS "\n"                                                     \
    "           FROM be_interventions\n"                                                           \
    "           WHERE business_date BETWEEN " FROM " AND " TO "\n"                                 \
    "             AND (" STORE " = '' OR store_id = " STORE ")),\n"                                \
    "i AS (SELECT store_id, staff, count(*) AS interventions,\n" KS_BACKEND_STAFF_NEED("age")      \
        KS_BACKEND_STAFF_NEED("removal") KS_BACKEND_STAFF_NEED("bagging") KS_BACKEND_STAFF_NEED(   \
            "unknown") KS_BACKEND_STAFF_NEED("help") KS_BACKEND_STAFF_NEED("idle")                 \
            KS_BACKEND_STAFF_NEED(                                                                 \
                "unasked") "       " P50 " AS wait_p50_s,\n"                                       \
                           "       " P90 " AS wait_p90_s,\n"                                       \
                           "       CAST(sum(CASE WHEN void_item <> '' THEN 1 ELSE 0 END) AS "      \
                           "bigint) AS voids,\n"                                                   \
                           "       CAST(sum(void_amount) AS bigint) AS voided\n"                   \
                           "       FROM w GROUP BY store_id, staff),\n"                            \
                           "r AS (SELECT store_id, staff, count(*) AS asked,\n"                    \
                           "             CAST(sum(done) AS bigint) AS done,\n"                     \
                           "             CAST(coalesce(sum(refunded), 0) AS bigint) AS refunded\n" \
                           "      FROM (SELECT q.store_id, q.person AS staff,\n"                   \
                           "                   CASE WHEN f.refund_id IS NULL THEN 0 ELSE 1 END "   \
                           "AS done,\n"                                                            \
                           "                   f.amount AS refunded\n"                             \
                           "            FROM be_refund_requests q JOIN be_orders o ON o.uuid = "   \
                           "q.order_uuid\n"                                                        \
                           "            LEFT JOIN be_refunds f ON q.status = 'done' AND "          \
                           "f.refund_id = q.refund_id\n"                                           \
                           "            WHERE o.business_date BETWEEN " FROM " AND " TO "\n"       \
                           "              AND (" STORE " = '' OR q.store_id = " STORE ")\n"        \
                           "            UNION ALL\n"                                               \
                           "            SELECT o.store_id, " STAFF_OF " AS staff, 1 AS done,\n"    \
                           "                   f.amount AS refunded\n"                             \
                           "            FROM be_refunds f JOIN be_orders o ON o.uuid = f.uuid\n"   \
                           "            WHERE o.business_date BETWEEN " FROM " AND " TO "\n"       \
                           "              AND (" STORE " = '' OR o.store_id = " STORE ")\n"        \
                           "              AND " STAFF_OF " IS NOT NULL AND " REQUEST_OF " IS "     \
                           "NULL) x\n"                                                             \
                           "      GROUP BY store_id, staff),\n"                                    \
                           "a AS (SELECT store_id, staff,\n"                                       \
                           "             CAST(sum(CASE WHEN action IN ('sold_out', 'on_sale') "    \
                           "THEN 1 ELSE 0 END) AS bigint) AS soldout_marks,\n"                     \
                           "             CAST(sum(CASE WHEN action = 'reprint' THEN 1 ELSE 0 "     \
                           "END) "                                                                 \
                           "AS bigint) AS reprints,\n"                                             \
                           "             CAST(sum(CASE WHEN action = 'intervention' THEN 1 ELSE "  \
                           "0 "                                                                    \
                           "END) AS bigint) AS unpaid_interventions,\n"                            \
                           "             CAST(sum(CASE WHEN action = 'paying' THEN 1 ELSE 0 "      \
                           "END) AS bigint) AS paying_interventions\n"                             \
                           "      FROM be_staff_actions\n"                                         \
                           "      WHERE business_date BETWEEN " FROM " AND " TO "\n"               \
                           "        AND (" STORE " = '' OR store_id = " STORE                      \
                           ") AND staff <> ''\n"                                                   \
                           "      GROUP BY store_id, staff),\n"                                    \
                           "k AS (SELECT store_id, staff FROM i UNION SELECT store_id, staff "     \
                           "FROM r UNION SELECT store_id, staff FROM a)\n"                         \
                           "SELECT k.store_id AS store_id, k.staff AS staff,\n"                    \
                           "       coalesce(i.interventions, 0) AS interventions, "                \
                           "coalesce(i.age, 0) AS age,\n"                                          \
                           "       coalesce(i.removal, 0) AS removal, coalesce(i.bagging, 0) AS "  \
                           "bagging,\n"                                                            \
                           "       coalesce(i.unknown, 0) AS unknown, coalesce(i.help, 0) AS "     \
                           "help,\n"                                                               \
                           "       coalesce(i.idle, 0) AS idle, coalesce(i.unasked, 0) AS "        \
                           "unasked,\n"                                                            \
                           "       coalesce(i.wait_p50_s, 0) AS wait_p50_s, "                      \
                           "coalesce(i.wait_p90_s, 0) AS wait_p90_s,\n"                            \
                           "       coalesce(i.voids, 0) AS voids, coalesce(i.voided, 0) AS "       \
                           "voided,\n"                                                             \
                           "       coalesce(r.asked, 0) AS refunds_asked, coalesce(r.done, 0) AS " \
                           "refunds_done,\n"                                                       \
                           "       coalesce(r.refunded, 0) AS refunded,\n"                         \
                           "       coalesce(a.soldout_marks, 0) AS soldout_marks, "                \
                           "coalesce(a.reprints, 0) AS reprints,\n"                                \
                           "       coalesce(a.unpaid_interventions, 0) AS unpaid_interventions,\n" \
                           "       coalesce(a.paying_interventions, 0) AS paying_interventions\n"  \
                           "FROM k LEFT JOIN i ON i.store_id = k.store_id AND i.staff = k.staff\n" \
                           "LEFT JOIN r ON r.store_id = k.store_id AND r.staff = k.staff\n"        \
                           "LEFT JOIN a ON a.store_id = k.store_id AND a.staff = k.staff\n"        \
                           "ORDER BY k.store_id, k.staff"
/* clang-format on */

#endif
