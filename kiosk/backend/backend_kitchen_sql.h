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

/*
 * Every order's times, when the table is empty (made on a database with
 * events), in the order of the (business_date, store_id) index, as events
 * arriving day by day leave them: a week's rows then share pages. Filled
 * in uuid order (random), the chain's last week per hour read 6,140 rows
 * from 3,096 of the table's 5,119 pages at 1 M order lines, and 1.6 s
 * cold at 10 M.
 */
#define KS_BACKEND_FILL_KITCHEN_TIMES_SQL                                                          \
    KS_BACKEND_KITCHEN_TIMES_OF("NOT EXISTS (SELECT 1 FROM be_kitchen_times)")                     \
    "\nORDER BY business_date, store_id"

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
 * The report per month, kept worked out for whole months. A month's exact
 * 90th percentile cannot be added up from its days', and sorting a
 * month's be_kitchen_times rows at each kitchen event (a store's month,
 * some 6,000 rows at 10 M order lines a year) is too dear, so:
 *
 * - be_kitchen_seconds counts each month, store, station and whole second
 *   of ready time: how many orders took that long, how many of those were
 *   collected and their seconds to collection added up. An event takes
 *   its order's old be_kitchen_times rows out (before they are deleted) and
 *   puts the new ones in (after they are written): a few keyed upserts. A
 *   month of a store and station has at most as many rows as distinct
 *   seconds (about 900 in the benchmark's year, whatever its size): 959,000
 *   rows for 3.56 M be_kitchen_times rows at 10 M order lines.
 * - be_kitchen_months holds the report's rows of whole months, and
 *   be_kitchen_stale the months and stores whose rows an event has changed
 *   since (a row written by the event). The report first writes those rows
 *   again from be_kitchen_seconds (the percentile a running count: the
 *   smallest second whose running count reaches rank ceil(0.9 n)), then
 *   reads be_kitchen_months; the months cut by the dates asked are worked
 *   out from be_kitchen_times as before.
 */

/* The order UUID's be_kitchen_times rows taken out of be_kitchen_seconds (before they go). */
#define KS_BACKEND_KITCHEN_SECONDS_UNCOUNT_SQL(UUID)                                               \
    "UPDATE be_kitchen_seconds\n"                                                                  \
    "SET orders = orders - 1,\n"                                                                   \
    "    collected = collected - CASE WHEN t.collect_s IS NULL THEN 0 ELSE 1 END,\n"               \
    "    collect_sum = collect_sum - coalesce(t.collect_s, 0)\n"                                   \
    "FROM be_kitchen_times t\n"                                                                    \
    "WHERE t.uuid = " UUID " AND be_kitchen_seconds.month = substr(t.business_date, 1, 7)\n"       \
    "  AND be_kitchen_seconds.store_id = t.store_id AND be_kitchen_seconds.station = t.station\n"  \
    "  AND be_kitchen_seconds.ready_s = t.ready_s"

/*
 * The be_kitchen_times rows COND picks (an order's, or all), counted into
 * be_kitchen_seconds in key order: filled so, a month and store's rows
 * share pages, and its refresh reads a few pages rather than a page a row
 * (the refresh of the 50 stores' December at 1 M order lines read 24,372
 * rows in 157 ms from a table filled in hash order).
 */
#define KS_BACKEND_KITCHEN_SECONDS_OF(COND)                                                        \
    "INSERT INTO be_kitchen_seconds (month, store_id, station, ready_s, orders, collected,\n"      \
    "                                collect_sum)\n"                                               \
    "SELECT substr(business_date, 1, 7), store_id, station, ready_s, count(*),\n"                  \
    "       count(collect_s), coalesce(CAST(sum(collect_s) AS bigint), 0)\n"                       \
    "FROM be_kitchen_times WHERE " COND "\n"                                                       \
    "GROUP BY substr(business_date, 1, 7), store_id, station, ready_s\n"                           \
    "ORDER BY substr(business_date, 1, 7), store_id, station, ready_s\n"                           \
    "ON CONFLICT (month, store_id, station, ready_s) DO UPDATE\n"                                  \
    "SET orders = be_kitchen_seconds.orders + excluded.orders,\n"                                  \
    "    collected = be_kitchen_seconds.collected + excluded.collected,\n"                         \
    "    collect_sum = be_kitchen_seconds.collect_sum + excluded.collect_sum"

#define KS_BACKEND_KITCHEN_SECONDS_COUNT_SQL(UUID) KS_BACKEND_KITCHEN_SECONDS_OF("uuid = " UUID)

/* Every be_kitchen_times row, when be_kitchen_seconds is empty (made on a database with times). */
#define KS_BACKEND_FILL_KITCHEN_SECONDS_SQL                                                        \
    KS_BACKEND_KITCHEN_SECONDS_OF("NOT EXISTS (SELECT 1 FROM be_kitchen_seconds)")

/* The order UUID's month and store marked stale (its event changed their counts). */
#define KS_BACKEND_KITCHEN_STALE_SQL(UUID)                                                         \
    "INSERT INTO be_kitchen_stale (month, store_id)\n"                                             \
    "SELECT substr(business_date, 1, 7), store_id FROM be_orders WHERE uuid = " UUID "\n"          \
    "ON CONFLICT (month, store_id) DO NOTHING"

/*
 * The stale months FROM to TO ("YYYY-MM") of STORE ('' every store) taken
 * for a refresh (refreshing = 1). LOCK is PostgreSQL's extra condition that
 * waits for the events of that month and store in progress (they hold its
 * lock: see KS_BACKEND_SQL_LOCK_KITCHEN in backend_store_driver.h), and
 * keeps later ones out until the refresh commits; "" for SQLite, whose
 * writes are one at a time. A month marked stale after this statement is
 * left for the next refresh.
 */
#define KS_BACKEND_KITCHEN_TAKE_STALE_SQL(FROM, TO, STORE, LOCK)                                   \
    "UPDATE be_kitchen_stale SET refreshing = 1\n"                                                 \
    "WHERE month BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE ")" LOCK

/* The months and stores taken, as a condition on a table with month and store_id. */
#define KS_BACKEND_KITCHEN_TAKEN(TABLE)                                                            \
    "EXISTS (SELECT 1 FROM be_kitchen_stale s WHERE s.refreshing = 1\n"                            \
    "        AND s.month = " TABLE ".month AND s.store_id = " TABLE ".store_id)"

#define KS_BACKEND_KITCHEN_DELETE_MONTHS_SQL                                                       \
    "DELETE FROM be_kitchen_months WHERE " KS_BACKEND_KITCHEN_TAKEN("be_kitchen_months")

/*
 * be_kitchen_months' rows of the be_kitchen_seconds rows WHERE picks
 * (h: that table): the running count of each second in its month,
 * store and station (upto) and their count (n); the 90th percentile the
 * smallest second whose running count reaches (9 n + 9) / 10 = ceil(0.9 n).
 * Seconds left at 0 orders (their orders' times changed) count nothing.
 */
#define KS_BACKEND_KITCHEN_MONTHS_OF(WHERE)                                                        \
    "INSERT INTO be_kitchen_months (month, store_id, station, orders, ready_avg_s, ready_p90_s,\n" \
    "                               collected, collect_avg_s)\n"                                   \
    "WITH c AS (SELECT month, store_id, station, ready_s, orders, collected, collect_sum,\n"       \
    "                  CAST(sum(orders) OVER (PARTITION BY month, store_id, station\n"             \
    "                                     ORDER BY ready_s) AS bigint) AS upto,\n"                 \
    "                  CAST(sum(orders) OVER (PARTITION BY month, store_id, station) AS bigint)\n" \
    "                      AS n\n"                                                                 \
    "           FROM be_kitchen_seconds h WHERE orders > 0 AND " WHERE ")\n"                       \
    "SELECT month, store_id, station, max(n),\n"                                                   \
    "       (2 * CAST(sum(orders * ready_s) AS bigint) + max(n)) / (2 * max(n)),\n"                \
    "       min(CASE WHEN upto >= (9 * n + 9) / 10 THEN ready_s END),\n"                           \
    "       CAST(sum(collected) AS bigint),\n"                                                     \
    "       CASE sum(collected) WHEN 0 THEN 0\n"                                                   \
    "           ELSE (2 * CAST(sum(collect_sum) AS bigint) + CAST(sum(collected) AS bigint)) /\n"  \
    "                (2 * CAST(sum(collected) AS bigint))\n"                                       \
    "       END\n"                                                                                 \
    "FROM c GROUP BY month, store_id, station"

#define KS_BACKEND_KITCHEN_REFRESH_MONTHS_SQL                                                      \
    KS_BACKEND_KITCHEN_MONTHS_OF(KS_BACKEND_KITCHEN_TAKEN("h"))

/* Every row of be_kitchen_months, when the table is empty (made on a database with counts). */
#define KS_BACKEND_FILL_KITCHEN_MONTHS_SQL                                                         \
    KS_BACKEND_KITCHEN_MONTHS_OF("NOT EXISTS (SELECT 1 FROM be_kitchen_months)")

#define KS_BACKEND_KITCHEN_DROP_STALE_SQL "DELETE FROM be_kitchen_stale WHERE refreshing = 1"

/*
 * The dates before the whole months and those after them, as two ranges of
 * the (business_date, store_id) index: a condition on the month itself
 * (substr NOT BETWEEN) had the whole span's rows read and thrown away, 150
 * ms for a year at 1 M order lines.
 */
#define KS_BACKEND_KITCHEN_CUT(FROM, TO, STORE, MFROM, MTO)                                        \
    "((" KS_BACKEND_KITCHEN_IN(FROM, TO, STORE) " AND business_date < " MFROM " || '-01')\n"       \
                                                " OR (" KS_BACKEND_KITCHEN_IN(                     \
                                                    FROM, TO, STORE) " AND business_date > " MTO   \
                                                                     " || '-31'))"

/*
 * The report per month: FROM, TO, STORE as in KS_BACKEND_KITCHEN_SQL, and
 * MFROM, MTO the whole months among those dates ("YYYY-MM"; MFROM > MTO
 * when there is none), whose rows are be_kitchen_months'; the months the
 * dates cut (at most the first and the last) from be_kitchen_times.
 */
#define KS_BACKEND_KITCHEN_BY_MONTH_SQL(FROM, TO, STORE, MFROM, MTO, RANKS, P90)                   \
    KS_BACKEND_KITCHEN_ROWS(KS_BACKEND_KITCHEN_CUT(FROM, TO, STORE, MFROM, MTO),                   \
                            KS_BACKEND_KITCHEN_MONTH, "period", RANKS, P90)                        \
    "\nUNION ALL\n"                                                                                \
    "SELECT month, store_id, station, orders, ready_avg_s, ready_p90_s, collected, "               \
    "collect_avg_s\n"                                                                              \
    "FROM be_kitchen_months\n"                                                                     \
    "WHERE month BETWEEN " MFROM " AND " MTO " AND (" STORE " = '' OR store_id = " STORE ")\n"     \
    "ORDER BY period, store_id, station"

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
