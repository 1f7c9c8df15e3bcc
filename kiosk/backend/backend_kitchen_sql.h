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
 * (kitchen clock behind) counts as 0 s. Then per hour of payment, store
 * and station: the count, the average rounded half up, the 90th
 * percentile by nearest rank (the value at rank ceil(0.9 n) =
 * (9 n + 9) / 10 in ascending order), and the same for ready to collected.
 */
#ifndef KIOSK_BACKEND_BACKEND_KITCHEN_SQL_H
#define KIOSK_BACKEND_BACKEND_KITCHEN_SQL_H

/*
 * FROM, TO, STORE: the business dates and store id ('' every store) as the
 * driver binds them; HOUR: the expression of "YYYY-MM-DD HH:00" of paid_at
 * in local time.
 */
#define KS_BACKEND_KITCHEN_SQL(FROM, TO, STORE, HOUR)                                              \
    "WITH k AS (SELECT k.uuid, o.store_id, k.status, k.station, k.at, k.paid_at\n"                 \
    "           FROM be_kitchen k JOIN be_orders o ON o.uuid = k.uuid\n"                           \
    "           WHERE o.business_date BETWEEN " FROM " AND " TO "\n"                               \
    "             AND (" STORE " = '' OR o.store_id = " STORE ")),\n"                              \
    "c AS (SELECT uuid, min(at) AS at FROM k WHERE status = 'collected' GROUP BY uuid),\n"         \
    "r AS (SELECT k.uuid, k.store_id, k.station, max(k.paid_at) AS paid_at,\n"                     \
    "             max(k.at) AS ready_at, c.at AS collected_at\n"                                   \
    "      FROM k LEFT JOIN c ON c.uuid = k.uuid\n"                                                \
    "      WHERE k.status = 'ready' AND (c.at IS NULL OR k.at <= c.at)\n"                          \
    "      GROUP BY k.uuid, k.store_id, k.station, c.at),\n"                                       \
    "d AS (SELECT " HOUR " AS hour, store_id, station,\n"                                          \
    "             CASE WHEN ready_at > paid_at THEN ready_at - paid_at ELSE 0 END AS ready_s,\n"   \
    "             collected_at - ready_at AS collect_s FROM r),\n"                                 \
    "w AS (SELECT hour, store_id, station, ready_s, collect_s,\n"                                  \
    "             row_number() OVER (PARTITION BY hour, store_id, station ORDER BY ready_s)\n"     \
    "                 AS pos,\n"                                                                   \
    "             count(*) OVER (PARTITION BY hour, store_id, station) AS n FROM d)\n"             \
    "SELECT hour, store_id, station, count(*) AS orders,\n"                                        \
    "       (2 * CAST(sum(ready_s) AS bigint) + count(*)) / (2 * count(*)) AS ready_avg_s,\n"      \
    "       max(CASE WHEN pos = (9 * n + 9) / 10 THEN ready_s END) AS ready_p90_s,\n"              \
    "       count(collect_s) AS collected,\n"                                                      \
    "       CASE count(collect_s) WHEN 0 THEN 0\n"                                                 \
    "           ELSE (2 * CAST(sum(collect_s) AS bigint) + count(collect_s)) /\n"                  \
    "                (2 * count(collect_s))\n"                                                     \
    "       END AS collect_avg_s\n"                                                                \
    "FROM w GROUP BY hour, store_id, station ORDER BY hour, store_id, station"

#endif
