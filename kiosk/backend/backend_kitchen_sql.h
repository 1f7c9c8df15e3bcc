/*
 * The kitchen-speed report (ks_backend_store_kitchen) as one SQL text for
 * both store drivers, so that SQLite and PostgreSQL give the same rows by
 * the same arithmetic: each driver fills in its spelling of the four
 * parameters and of the local hour. Integers throughout; every duration is
 * at most a day (the API refuses later events), so 64-bit sums cannot
 * overflow below 10^14 orders. Not for other users.
 *
 * Per order and station: the last ready at or before the order's first
 * collection (a recalled ticket was not ready); a ready before the payment
 * (kitchen clock behind) counts as 0 s. These times are a summary,
 * be_kitchen_times (one row per order and station with a ready time),
 * rewritten for an order in the transaction of each of its events and
 * filled from the events when the table is made. Then per period (the local
 * hour of payment, or the business date, or its month), store and station: the count, the average
 * rounded half up, the 90th percentile by nearest rank (the value at rank ceil(0.9 n) = (9 n + 9) /
 * 10 in ascending order), and the same for ready to collected.
 */
#ifndef KIOSK_BACKEND_BACKEND_KITCHEN_SQL_H
#define KIOSK_BACKEND_BACKEND_KITCHEN_SQL_H

/* The times of the orders COND picks (k: their events, with business_date and store_id). */
#define KS_BACKEND_KITCHEN_TIMES_OF(COND)                                                          \
    "INSERT INTO be_kitchen_times (uuid, station, business_date, store_id, paid_at, ready_s,\n"    \
    "                              collect_s)\n"                                                   \
    "WITH k AS (SELECT k.uuid, o.business_date, o.store_id, k.status, k.station, k.at,\n"          \
    "                  k.paid_at\n"                                                                \
    "           FROM be_kitchen k JOIN be_orders o ON o.uuid = k.uuid WHERE " COND "),\n"          \
    "c AS (SELECT uuid, min(at) AS at FROM k WHERE status = 'collected' GROUP BY uuid),\n"         \
    "r AS (SELECT k.uuid, k.business_date, k.store_id, k.station, max(k.paid_at) AS paid_at,\n"    \
    "             max(k.at) AS ready_at, c.at AS collected_at\n"                                   \
    "      FROM k LEFT JOIN c ON c.uuid = k.uuid\n"                                                \
    "      WHERE k.status = 'ready' AND (c.at IS NULL OR k.at <= c.at)\n"                          \
    "      GROUP BY k.uuid, k.business_date, k.store_id, k.station, c.at)\n"                       \
    "SELECT uuid, station, business_date, store_id, paid_at,\n"                                    \
    "       CASE WHEN ready_at > paid_at THEN ready_at - paid_at ELSE 0 END,\n"                    \
    "       collected_at - ready_at\n"                                                             \
    "FROM r"

/* UUID: the order whose times an event of it changed (after its rows are deleted). */
#define KS_BACKEND_KITCHEN_TIMES_SQL(UUID) KS_BACKEND_KITCHEN_TIMES_OF("k.uuid = " UUID)

/* Every order's times, when the table is empty (made on a database with events). */
#define KS_BACKEND_FILL_KITCHEN_TIMES_SQL                                                          \
    KS_BACKEND_KITCHEN_TIMES_OF("NOT EXISTS (SELECT 1 FROM be_kitchen_times)")

/*
 * FROM, TO, STORE: the business dates and store id ('' every store) as the
 * driver binds them; PERIOD: the expression of the period of a row (of
 * be_kitchen_times), and NAME its column's name. Reads be_kitchen_times.
 */
#define KS_BACKEND_KITCHEN_SQL(FROM, TO, STORE, PERIOD, NAME)                                      \
    "WITH d AS (SELECT " PERIOD " AS " NAME ", store_id, station, ready_s, collect_s\n"            \
    "           FROM be_kitchen_times\n"                                                           \
    "           WHERE business_date BETWEEN " FROM " AND " TO "\n"                                 \
    "             AND (" STORE " = '' OR store_id = " STORE ")),\n"                                \
    "w AS (SELECT " NAME ", store_id, station, ready_s, collect_s,\n"                              \
    "             row_number() OVER (PARTITION BY " NAME ", store_id, station ORDER BY ready_s)\n" \
    "                 AS pos,\n"                                                                   \
    "             count(*) OVER (PARTITION BY " NAME ", store_id, station) AS n FROM d)\n"         \
    "SELECT " NAME ", store_id, station, count(*) AS orders,\n"                                    \
    "       (2 * CAST(sum(ready_s) AS bigint) + count(*)) / (2 * count(*)) AS ready_avg_s,\n"      \
    "       max(CASE WHEN pos = (9 * n + 9) / 10 THEN ready_s END) AS ready_p90_s,\n"              \
    "       count(collect_s) AS collected,\n"                                                      \
    "       CASE count(collect_s) WHEN 0 THEN 0\n"                                                 \
    "           ELSE (2 * CAST(sum(collect_s) AS bigint) + count(collect_s)) /\n"                  \
    "                (2 * count(collect_s))\n"                                                     \
    "       END AS collect_avg_s\n"                                                                \
    "FROM w GROUP BY " NAME ", store_id, station ORDER BY " NAME ", store_id, station"

/*
 * The business date as PERIOD, "YYYY-MM-DD": the whole column, but as an
 * expression, so that PostgreSQL sorts the rows it reads in one pass. Given
 * the column itself it walked the (business_date, store_id) index over the
 * whole year for rows already in that order, a random read of the table:
 * 22.9 s for the chain's year at 10 M order lines against 6.9 s by month.
 */
#define KS_BACKEND_KITCHEN_DAY "substr(business_date, 1, 10)"

/* The business dates' months, as PERIOD: "YYYY-MM". */
#define KS_BACKEND_KITCHEN_MONTH "substr(business_date, 1, 7)"

#endif
