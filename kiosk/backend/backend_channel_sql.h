/*
 * The SQL of the other sales channels' sales (a confirmed reservation that
 * carried what the shop charged, backend_reservation_sale.h), one text for
 * both store drivers with each driver's spelling of its bound values.
 *
 * be_channel_sales: per confirmed reservation with prices, its channel,
 * store, business date (the local date of its confirmation), created_at
 * (the confirmation's time), payment method and totals.
 * be_channel_lines: its lines by item (line_no the item order), with the
 * store menu's names and unit ("kg" or "each") and the amounts charged.
 * be_channel_line_costs: each line's cost as the item's cost was at the
 * confirmation (no row: the item had none), as be_line_costs for orders.
 *
 * The report summaries (backend_summary_sql.h) count each sale in the
 * transaction of its confirmation (the CHANNEL_* macros below, COND
 * picking the sale), under the source "channel:<name>" where a report
 * names a kiosk. They are not refilled from these rows at open: every
 * summary table exists before the first channel sale (PostgreSQL
 * migration 21 makes these tables after all of them; SQLite makes them
 * all at open), so a sale is counted once, when confirmed.
 * bench_reports_pg fills them with COND true after its orders. All but
 * be_hour_sales (sales per hour, migration 26, made after these tables),
 * whose fill adds up the stored sales with the orders and refunds. Not
 * for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_CHANNEL_SQL_H
#define KIOSK_BACKEND_BACKEND_CHANNEL_SQL_H

#include "kiosk/backend/backend_summary_sql.h"

/* The three tables and the index, one statement each; TEXT and INT the driver's column types. */
#define KS_BACKEND_CHANNEL_SALES_TABLE_SQL(TEXT, INT)                                              \
    "CREATE TABLE IF NOT EXISTS be_channel_sales (\n"                                              \
    "    reservation_id " TEXT " PRIMARY KEY REFERENCES be_reservations (reservation_id),\n"       \
    "    channel        " TEXT " NOT NULL,\n"                                                      \
    "    store_id       " TEXT " NOT NULL,\n"                                                      \
    "    business_date  " TEXT " NOT NULL,\n"                                                      \
    "    created_at     " INT " NOT NULL,\n"                                                       \
    "    method         " TEXT " NOT NULL,\n"                                                      \
    "    total_net      " INT " NOT NULL,\n"                                                       \
    "    total_vat      " INT " NOT NULL,\n"                                                       \
    "    total          " INT " NOT NULL\n"                                                        \
    ")"

#define KS_BACKEND_CHANNEL_SALES_INDEX_SQL                                                         \
    "CREATE INDEX IF NOT EXISTS be_channel_sales_by_date ON be_channel_sales (business_date,\n"    \
    "                                                                        store_id)"

#define KS_BACKEND_CHANNEL_LINES_TABLE_SQL(TEXT, INT)                                              \
    "CREATE TABLE IF NOT EXISTS be_channel_lines (\n"                                              \
    "    reservation_id " TEXT " NOT NULL REFERENCES be_channel_sales (reservation_id),\n"         \
    "    line_no        " INT " NOT NULL,\n"                                                       \
    "    item_id        " TEXT " NOT NULL,\n"                                                      \
    "    name_en        " TEXT " NOT NULL,\n"                                                      \
    "    name_ar        " TEXT " NOT NULL,\n"                                                      \
    "    unit           " TEXT " NOT NULL,\n"                                                      \
    "    quantity       " INT " NOT NULL,\n"                                                       \
    "    net            " INT " NOT NULL,\n"                                                       \
    "    vat            " INT " NOT NULL,\n"                                                       \
    "    gross          " INT " NOT NULL,\n"                                                       \
    "    PRIMARY KEY (reservation_id, line_no)\n"                                                  \
    ")"

#define KS_BACKEND_CHANNEL_LINE_COSTS_TABLE_SQL(TEXT, INT)                                         \
    "CREATE TABLE IF NOT EXISTS be_channel_line_costs (\n"                                         \
    "    reservation_id " TEXT " NOT NULL,\n"                                                      \
    "    line_no        " INT " NOT NULL,\n"                                                       \
    "    unit_cost      " INT " NOT NULL,\n"                                                       \
    "    cost           " INT " NOT NULL,\n"                                                       \
    "    PRIMARY KEY (reservation_id, line_no),\n"                                                 \
    "    FOREIGN KEY (reservation_id, line_no) REFERENCES be_channel_lines (reservation_id,\n"     \
    "                                                                      line_no)\n"             \
    ")"

/* VALUES: the placeholders of reservation_id, channel, store_id, business_date, created_at,
 * method, total_net, total_vat, total. */
#define KS_BACKEND_INSERT_CHANNEL_SALE_SQL(VALUES)                                                 \
    "INSERT INTO be_channel_sales (reservation_id, channel, store_id, business_date, "             \
    "created_at,\n"                                                                                \
    "                              method, total_net, total_vat, total)\n"                         \
    "VALUES (" VALUES ")"

/* VALUES: the placeholders of reservation_id, line_no, item_id, name_en, name_ar, unit,
 * quantity, net, vat, gross. */
#define KS_BACKEND_INSERT_CHANNEL_LINE_SQL(VALUES)                                                 \
    "INSERT INTO be_channel_lines (reservation_id, line_no, item_id, name_en, name_ar, unit,\n"    \
    "                              quantity, net, vat, gross)\n"                                   \
    "VALUES (" VALUES ")"

/* Each line of the sale ID with a costed item: its cost, a kilogram's pro rata to the gram. */
#define KS_BACKEND_INSERT_CHANNEL_LINE_COSTS_SQL(ID)                                               \
    "INSERT INTO be_channel_line_costs (reservation_id, line_no, unit_cost, cost)\n"               \
    "SELECT l.reservation_id, l.line_no, c.unit_cost,\n"                                           \
    "       CASE WHEN l.unit = 'kg' THEN (2 * l.quantity * c.unit_cost + 1000) / 2000\n"           \
    "            ELSE l.quantity * c.unit_cost END\n"                                              \
    "FROM be_channel_lines l JOIN be_costs c ON c.item_id = l.item_id\n"                           \
    "WHERE l.reservation_id = " ID

/* The sale ID (stored): method, then its lines by item with what was charged. */
#define KS_BACKEND_CHANNEL_SALE_SQL(ID)                                                            \
    "SELECT method, 0 AS line_no, '' AS item_id, 0 AS quantity, 0 AS net, 0 AS vat, 0 AS gross\n"  \
    "FROM be_channel_sales WHERE reservation_id = " ID "\n"                                        \
    "UNION ALL\n"                                                                                  \
    "SELECT '' AS method, line_no + 1, item_id, quantity, net, vat, gross\n"                       \
    "FROM be_channel_lines WHERE reservation_id = " ID "\n"                                        \
    "ORDER BY 2"

/* Where a report names a kiosk, a channel's sale names its source. */
#define KS_BACKEND_CHANNEL_SOURCE "'channel:' || s.channel"

/* The sales COND picks, their lines joined (best sellers, profit). */
#define KS_BACKEND_CHANNEL_LINES_FROM(COND)                                                        \
    "FROM be_channel_lines l JOIN be_channel_sales s ON s.reservation_id = l.reservation_id\n"     \
    "WHERE " COND "\n"

/* The sales COND picks added to be_day_items (each sale one order of each of its items). */
#define KS_BACKEND_CHANNEL_DAY_ITEMS_SQL(COND)                                                     \
    "INSERT INTO be_day_items (business_date, store_id, item_id, unit, quantity, orders, net,\n"   \
    "                          vat, gross, name_en, name_ar)\n"                                    \
    "SELECT s.business_date, s.store_id, l.item_id, l.unit, sum(l.quantity), count(*),\n"          \
    "       sum(l.net), sum(l.vat), sum(l.gross), max(l.name_en), "                                \
    "max(l.name_ar)\n" KS_BACKEND_CHANNEL_LINES_FROM(                                              \
        COND) "GROUP BY s.business_date, s.store_id, l.item_id, "                                  \
              "l.unit\n" KS_BACKEND_DAY_ITEMS_UPSERT

/* The sales COND picks added to be_day_vat, all at 15 %. */
#define KS_BACKEND_CHANNEL_DAY_VAT_SQL(COND)                                                       \
    "INSERT INTO be_day_vat (business_date, store_id, rate_bp, orders, taxable, vat)\n"            \
    "SELECT s.business_date, s.store_id, 1500, count(*), sum(s.total_net), sum(s.total_vat)\n"     \
    "FROM be_channel_sales s WHERE " COND "\n"                                                     \
    "GROUP BY s.business_date, s.store_id\n" KS_BACKEND_DAY_VAT_UPSERT

/*
 * The sales COND picks as rows of a sales summary (a paid order each, under
 * its source): QUARTER as KS_BACKEND_SALES_ORDERS' (backend_summary_sql.h).
 */
#define KS_BACKEND_CHANNEL_SALES_ROWS(QUARTER, COND)                                               \
    "SELECT s.business_date, s.store_id, " KS_BACKEND_CHANNEL_SOURCE " AS kiosk_id" QUARTER ",\n"  \
    "       1 AS orders, s.total_net, s.total_vat, s.total, 0 AS cancelled,\n"                     \
    "       0 AS cancelled_total, 0 AS refunds, 0 AS refunded\n"                                   \
    "FROM be_channel_sales s WHERE " COND "\n"

/* The sales COND picks added to be_day_sales. */
#define KS_BACKEND_CHANNEL_DAY_SALES_SQL(COND)                                                     \
    KS_BACKEND_DAY_SALES_SUM(KS_BACKEND_CHANNEL_SALES_ROWS("", COND)) KS_BACKEND_DAY_SALES_UPSERT

/* The sales COND picks added to be_hour_sales (the quarter of their confirmation). */
#define KS_BACKEND_CHANNEL_HOUR_SALES_SQL(COND)                                                    \
    KS_BACKEND_HOUR_SALES_SUM(KS_BACKEND_CHANNEL_SALES_ROWS(KS_BACKEND_QUARTER_OF("s"), COND))     \
    KS_BACKEND_HOUR_SALES_UPSERT

#define KS_BACKEND_HOUR_SALES_EMPTY "NOT EXISTS (SELECT 1 FROM be_hour_sales)"

/*
 * Every stored order, refund and channel sale, when be_hour_sales is empty,
 * in its key's order (as intake day after day leaves it: a week's rows on
 * few pages).
 */
#define KS_BACKEND_FILL_HOUR_SALES_SQL                                                             \
    KS_BACKEND_HOUR_SALES_SUM(                                                                     \
        KS_BACKEND_HOUR_SALES_ORDERS(KS_BACKEND_HOUR_SALES_EMPTY)                                  \
            KS_BACKEND_THEN KS_BACKEND_HOUR_SALES_REFUNDS(KS_BACKEND_HOUR_SALES_EMPTY)             \
                KS_BACKEND_THEN KS_BACKEND_CHANNEL_SALES_ROWS(KS_BACKEND_QUARTER_OF("s"),          \
                                                              KS_BACKEND_HOUR_SALES_EMPTY))        \
    "ORDER BY " KS_BACKEND_HOUR_SALES_KEY

/*
 * Sales per local hour (KS_BACKEND_SQL_SALES_BY_HOUR: the columns and
 * order of KS_BACKEND_SQL_SALES) from be_hour_sales: every offset is whole
 * quarter hours (backend_config.c), so a UTC quarter lies in one local
 * hour. OFFSET: the UTC offset in seconds; the hour is worked out in
 * integers (a week added so that the remainder is never negative:
 * quarter >= 0, offset >= -12 h) and PERIOD(HOUR) spells its first second
 * as 'YYYY-MM-DD HH:00', the driver's way; ordering by the integer hour is
 * ordering by that text.
 */
#define KS_BACKEND_SALES_BY_HOUR_SQL(PERIOD, FROM, TO, OFFSET, BY_STORE, STORE)                    \
    "SELECT " PERIOD(                                                                              \
        "hour") " AS period, store_id, kiosk_id, orders, total_net, total_vat,\n"                  \
                "       total, cancelled, cancelled_total, refunds, refunded, net_total\n"         \
                "FROM (SELECT quarter + " OFFSET " - (quarter + " OFFSET                           \
                " + 604800) % 3600 AS hour,\n"                                                     \
                "             store_id, CASE " BY_STORE                                            \
                " WHEN 1 THEN '' ELSE kiosk_id END AS kiosk_id,\n"                                 \
                "             " KS_BACKEND_SALES_SUMS "\n"                                         \
                "      FROM be_hour_sales\n"                                                       \
                "      WHERE business_date BETWEEN " FROM " AND " TO "\n"                          \
                "        AND (" STORE " = '' OR store_id = " STORE ")\n"                           \
                "      GROUP BY 1, 2, 3) h\n"                                                      \
                "ORDER BY hour, store_id, kiosk_id"

/* The sales COND picks added to be_quarter_sales (the quarter of their confirmation). */
#define KS_BACKEND_CHANNEL_QUARTER_SALES_SQL(COND)                                                 \
    "INSERT INTO be_quarter_sales (business_date, store_id, quarter, orders, total)\n"             \
    "SELECT s.business_date, s.store_id, s.created_at - s.created_at % 900, count(*),\n"           \
    "       sum(s.total)\n"                                                                        \
    "FROM be_channel_sales s WHERE " COND "\n"                                                     \
    "GROUP BY s.business_date, s.store_id, s.created_at - s.created_at % "                         \
    "900\n" KS_BACKEND_QUARTER_SALES_UPSERT

/* The sales COND picks as rows of be_day_payments (their method, no brand). */
#define KS_BACKEND_CHANNEL_DAY_PAYMENTS_SQL(COND)                                                  \
    KS_BACKEND_DAY_PAYMENTS_SUM(                                                                   \
        "SELECT s.business_date, s.store_id, s.method, '' AS brand, 1 AS orders,\n"                \
        "       s.total AS amount, 0 AS refunds, 0 AS refunded\n"                                  \
        "FROM be_channel_sales s WHERE " COND "\n")                                                \
    KS_BACKEND_DAY_PAYMENTS_UPSERT

/* The lines of the sales COND picks as rows of be_day_profit, at the cost they were sold at. */
#define KS_BACKEND_CHANNEL_DAY_PROFIT_SQL(COND)                                                    \
    KS_BACKEND_DAY_PROFIT_SUM(                                                                     \
        "SELECT s.business_date, s.store_id, l.item_id, l.unit, l.quantity, l.net,\n"              \
        "       coalesce(c.cost, 0) AS cost,\n"                                                    \
        "       CASE WHEN c.reservation_id IS NULL THEN 1 ELSE 0 END AS uncosted, l.name_en,\n"    \
        "       l.name_ar\n"                                                                       \
        "FROM be_channel_lines l JOIN be_channel_sales s ON s.reservation_id = l.reservation_id\n" \
        "LEFT JOIN be_channel_line_costs c ON c.reservation_id = l.reservation_id\n"               \
        "                                 AND c.line_no = l.line_no\n"                             \
        "WHERE " COND "\n")                                                                        \
    KS_BACKEND_DAY_PROFIT_UPSERT

/* One sale (ID: the driver's spelling of its reservation id) and its lines. */
#define KS_BACKEND_CHANNEL_SALE_IS(ID) "s.reservation_id = " ID

/*
 * The statements above as entries of a driver's table of SQL texts
 * (backend_store_driver.h): ID the driver's spelling of the reservation
 * id as the one parameter, SALE and LINE the placeholders of the inserts.
 */
#define KS_BACKEND_CHANNEL_SQL_TEXTS(ID, SALE, LINE)                                               \
    [KS_BACKEND_SQL_INSERT_CHANNEL_SALE] = KS_BACKEND_INSERT_CHANNEL_SALE_SQL(SALE),               \
    [KS_BACKEND_SQL_INSERT_CHANNEL_LINE] = KS_BACKEND_INSERT_CHANNEL_LINE_SQL(LINE),               \
    [KS_BACKEND_SQL_CHANNEL_SALE] = KS_BACKEND_CHANNEL_SALE_SQL(ID),                               \
    [KS_BACKEND_SQL_INSERT_CHANNEL_LINE_COSTS] = KS_BACKEND_INSERT_CHANNEL_LINE_COSTS_SQL(ID),     \
    [KS_BACKEND_SQL_CHANNEL_DAY_ITEMS] =                                                           \
        KS_BACKEND_CHANNEL_DAY_ITEMS_SQL(KS_BACKEND_CHANNEL_SALE_IS(ID)),                          \
    [KS_BACKEND_SQL_CHANNEL_DAY_VAT] =                                                             \
        KS_BACKEND_CHANNEL_DAY_VAT_SQL(KS_BACKEND_CHANNEL_SALE_IS(ID)),                            \
    [KS_BACKEND_SQL_CHANNEL_DAY_SALES] =                                                           \
        KS_BACKEND_CHANNEL_DAY_SALES_SQL(KS_BACKEND_CHANNEL_SALE_IS(ID)),                          \
    [KS_BACKEND_SQL_CHANNEL_QUARTER_SALES] =                                                       \
        KS_BACKEND_CHANNEL_QUARTER_SALES_SQL(KS_BACKEND_CHANNEL_SALE_IS(ID)),                      \
    [KS_BACKEND_SQL_CHANNEL_HOUR_SALES] =                                                          \
        KS_BACKEND_CHANNEL_HOUR_SALES_SQL(KS_BACKEND_CHANNEL_SALE_IS(ID)),                         \
    [KS_BACKEND_SQL_CHANNEL_DAY_PAYMENTS] =                                                        \
        KS_BACKEND_CHANNEL_DAY_PAYMENTS_SQL(KS_BACKEND_CHANNEL_SALE_IS(ID)),                       \
    [KS_BACKEND_SQL_CHANNEL_DAY_PROFIT] =                                                          \
        KS_BACKEND_CHANNEL_DAY_PROFIT_SQL(KS_BACKEND_CHANNEL_SALE_IS(ID))

#endif
