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
 * 10 in ascending order; each driver spells it its own way, below), and the count and average of
 * ready to collected.
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
 * The report's rows (not yet sorted) of the be_kitchen_times rows WHERE
 * picks: PERIOD is the expression of a row's period, and NAME its column's
 * name. RANKS and P90 are the driver's spelling of the nearest-rank
 * percentile: PostgreSQL's own ordered-set aggregate ("" and
 * KS_BACKEND_KITCHEN_P90_DISC), or, where there is none (SQLite), each row's
 * rank and its group's count from two windows (KS_BACKEND_KITCHEN_RANKS(NAME)
 * and KS_BACKEND_KITCHEN_P90_RANKED).
 */
#define KS_BACKEND_KITCHEN_ROWS(WHERE, PERIOD, NAME, RANKS, P90)                                   \
    "WITH d AS (SELECT " PERIOD " AS " NAME ", store_id, station, ready_s, collect_s\n"            \
    "           FROM be_kitchen_times WHERE " WHERE "),\n"                                         \
    "w AS (SELECT *" RANKS " FROM d)\n"                                                            \
    "SELECT " NAME ", store_id, station, count(*) AS orders,\n"                                    \
    "       (2 * CAST(sum(ready_s) AS bigint) + count(*)) / (2 * count(*)) AS ready_avg_s,\n"      \
    "       " P90 " AS ready_p90_s,\n"                                                             \
    "       count(collect_s) AS collected,\n"                                                      \
    "       CASE count(collect_s) WHEN 0 THEN 0\n"                                                 \
    "           ELSE (2 * CAST(sum(collect_s) AS bigint) + count(collect_s)) /\n"                  \
    "                (2 * count(collect_s))\n"                                                     \
    "       END AS collect_avg_s\n"                                                                \
    "FROM w GROUP BY " NAME ", store_id, station"

/* FROM, TO, STORE: the business dates and store id ('' every store) as the driver binds them. */
#define KS_BACKEND_KITCHEN_IN(FROM, TO, STORE)                                                     \
    "business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE ")"

/* The report per hour or month (KS_BACKEND_KITCHEN_ROWS), sorted; reads be_kitchen_times. */
#define KS_BACKEND_KITCHEN_SQL(FROM, TO, STORE, PERIOD, NAME, RANKS, P90)                          \
    KS_BACKEND_KITCHEN_ROWS(KS_BACKEND_KITCHEN_IN(FROM, TO, STORE), PERIOD, NAME, RANKS, P90)      \
    "\nORDER BY " NAME ", store_id, station"

/*
 * The report per day is kept worked out: be_kitchen_days holds its row of
 * each business date, store and station, written again for the order's
 * date and store in the transaction of each of its events (after its
 * be_kitchen_times rows; about a day of one store's rows read again, a few
 * hundred at 10 M order lines a year) and filled when the table is made.
 * The chain's year by day is then 36,500 rows read in key order, where it
 * was all the year's be_kitchen_times rows sorted (5.7 s at 10 M order
 * lines). Every figure is the whole day's, so a row is the report's row.
 */
#define KS_BACKEND_KITCHEN_DAYS_OF(WHERE, RANKS, P90)                                              \
    "INSERT INTO be_kitchen_days (business_date, store_id, station, orders, ready_avg_s,\n"        \
    "    ready_p90_s, collected, collect_avg_s)\n" KS_BACKEND_KITCHEN_ROWS(                        \
        WHERE, KS_BACKEND_KITCHEN_DAY, "period", RANKS, P90)

/* Every row of be_kitchen_days, when the table is empty (made on a database with times). */
#define KS_BACKEND_FILL_KITCHEN_DAYS_SQL(RANKS, P90)                                               \
    KS_BACKEND_KITCHEN_DAYS_OF("NOT EXISTS (SELECT 1 FROM be_kitchen_days)", RANKS, P90)

/* The date and store of the order UUID, as a WHERE of be_kitchen_times or be_kitchen_days. */
#define KS_BACKEND_KITCHEN_ORDER_DAY(UUID)                                                         \
    "business_date = (SELECT business_date FROM be_orders WHERE uuid = " UUID ")\n"                \
    "  AND store_id = (SELECT store_id FROM be_orders WHERE uuid = " UUID ")"

/* UUID: the order whose event changed its times: its date and store's rows go first. */
#define KS_BACKEND_DELETE_KITCHEN_DAY_SQL(UUID)                                                    \
    "DELETE FROM be_kitchen_days WHERE " KS_BACKEND_KITCHEN_ORDER_DAY(UUID)

/* The report per day from be_kitchen_days (the columns of KS_BACKEND_KITCHEN_SQL). */
#define KS_BACKEND_KITCHEN_BY_DAY_SQL(FROM, TO, STORE)                                             \
    "SELECT business_date AS period, store_id, station, orders, ready_avg_s, ready_p90_s,\n"       \
    "       collected, collect_avg_s\n"                                                            \
    "FROM be_kitchen_days WHERE " KS_BACKEND_KITCHEN_IN(                                           \
        FROM, TO, STORE) "\nORDER BY business_date, store_id, station"

/*
 * The value at rank ceil(0.9 n) in ascending order, per group, in one sort:
 * percentile_disc takes rank ceil(0.9 n) of its n values (float 0.9 * n,
 * whose ceiling is (9 n + 9) / 10 for every n up to 20 million, checked;
 * a group of a store's station in a period is far smaller). Against the
 * two windows it halved the chain's year by month at 1 M order lines
 * (1.40 s -> 0.68 s in the server, EXPLAIN ANALYZE).
 */
#define KS_BACKEND_KITCHEN_P90_DISC "percentile_disc(0.9) WITHIN GROUP (ORDER BY ready_s)"

/* Each row's rank in its group by ready_s (pos), and the group's count (n). */
#define KS_BACKEND_KITCHEN_RANKS(NAME)                                                             \
    ",\n"                                                                                          \
    "       row_number() OVER (PARTITION BY " NAME ", store_id, station\n"                         \
    "                          ORDER BY ready_s) AS pos,\n"                                        \
    "       count(*) OVER (PARTITION BY " NAME ", store_id, station) AS n"

/* With KS_BACKEND_KITCHEN_RANKS: the ready_s at rank (9 n + 9) / 10 = ceil(0.9 n). */
#define KS_BACKEND_KITCHEN_P90_RANKED "max(CASE WHEN pos = (9 * n + 9) / 10 THEN ready_s END)"

/*
 * The business date as PERIOD, "YYYY-MM-DD": the whole column, but as an
 * expression, so that PostgreSQL sorts the rows it reads in one pass. Given
 * the column itself it walked the (business_date, store_id) index over the
 * whole year for rows already in that order, a random read of the table:
 * 22.9 s for the chain's year at 10 M order lines against 6.9 s by month.
 * Now the period of be_kitchen_days' rows (the report per day reads those).
 */
#define KS_BACKEND_KITCHEN_DAY "substr(business_date, 1, 10)"

/* The business dates' months, as PERIOD: "YYYY-MM". */
#define KS_BACKEND_KITCHEN_MONTH "substr(business_date, 1, 7)"

#endif
