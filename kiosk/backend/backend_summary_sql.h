/*
 * The SQL of the report summaries (kiosk/docs/ARCHITECTURE.md, "Backend
 * storage"), one text for both store drivers with each driver's spelling
 * of its bound values. A summary row adds up what a report would otherwise
 * add up from every order line: it is written in the transaction of the
 * order's intake, only when the order was newly stored (so a repeat adds
 * nothing), and filled from the raw rows when the table is made (PostgreSQL
 * migration, SQLite at open). The reports read the summaries; the raw rows
 * stay, and bench_reports_pg --check recounts every answer from them. Not
 * for other users.
 *
 * be_day_items: per business date, store, item and unit, the paid orders'
 * quantity, the count of orders with the item (an order lies in one day
 * and one store, so summing over days counts each order once), net, VAT,
 * gross, and the greatest names (bytewise, as max() over the lines).
 *
 * be_day_vat: per business date, store and VAT rate, the paid orders with
 * that rate, their taxable amount and VAT.
 *
 * The tables below are written by the order's intake (its share) and by
 * the refund's intake (what it gives back, on its order's business date,
 * as the reports have always counted refunds), each from the rows of the
 * one order or refund just stored (ROWS macros below, whose COND picks
 * them), and filled from every stored order and refund when made:
 *
 * be_day_sales: per business date, store and kiosk, the paid orders'
 * count and totals, the cancelled ones' count and total, the refunds'
 * count and amount (sales by day and by month).
 *
 * be_hour_sales: be_day_sales' sums per business date, store, kiosk and
 * UTC quarter hour of the order's created_at (sales per hour,
 * KS_BACKEND_SALES_BY_HOUR_SQL in backend_channel_sql.h, with its fill).
 *
 * be_quarter_sales: per business date, store and UTC quarter hour of
 * created_at (its first second), the paid orders' count and total. Every
 * [backend] utc_offset_min is a multiple of 15, so a quarter lies in one
 * local hour and weekday (peak hours), whatever offset the report uses.
 *
 * be_day_refunds: per business date, store, method and reason, the
 * refunds' count, amount and VAT.
 *
 * be_day_payments: per business date, store, method and brand, the paid
 * orders' count and total and their refunds' count and amount.
 *
 * be_day_profit: per business date, store, item and unit, the quantity,
 * net and cost sold less what refunds gave back of it, the lines sold
 * without a cost, and the greatest names.
 */
#ifndef KIOSK_BACKEND_BACKEND_SUMMARY_SQL_H
#define KIOSK_BACKEND_BACKEND_SUMMARY_SQL_H

#define KS_BACKEND_DAY_ITEMS_COLUMNS                                                               \
    "INSERT INTO be_day_items (business_date, store_id, item_id, unit, quantity, orders, net,\n"   \
    "                          vat, gross, name_en, name_ar)\n"                                    \
    "SELECT o.business_date, o.store_id, l.item_id, l.unit, sum(l.quantity),\n"                    \
    "       count(DISTINCT l.uuid), sum(l.net), sum(l.vat), sum(l.gross), max(l.name_en),\n"       \
    "       max(l.name_ar)\n"                                                                      \
    "FROM be_lines l JOIN be_orders o ON o.uuid = l.uuid\n"

#define KS_BACKEND_DAY_ITEMS_GROUPS "GROUP BY o.business_date, o.store_id, l.item_id, l.unit\n"

/* A day's row of be_day_items added to (by one order, or one channel's sale). */
#define KS_BACKEND_DAY_ITEMS_UPSERT                                                                \
    "ON CONFLICT (business_date, store_id, item_id, unit) DO UPDATE\n"                             \
    "SET quantity = be_day_items.quantity + excluded.quantity,\n"                                  \
    "    orders = be_day_items.orders + excluded.orders,\n"                                        \
    "    net = be_day_items.net + excluded.net, vat = be_day_items.vat + excluded.vat,\n"          \
    "    gross = be_day_items.gross + excluded.gross,\n"                                           \
    "    name_en = CASE WHEN excluded.name_en > be_day_items.name_en THEN excluded.name_en\n"      \
    "                   ELSE be_day_items.name_en END,\n"                                          \
    "    name_ar = CASE WHEN excluded.name_ar > be_day_items.name_ar THEN excluded.name_ar\n"      \
    "                   ELSE be_day_items.name_ar END"

/* One new order's lines (UUID: its placeholder) added to their day's rows. */
#define KS_BACKEND_ADD_DAY_ITEMS_SQL(UUID)                                                         \
    KS_BACKEND_DAY_ITEMS_COLUMNS                                                                   \
    "WHERE l.uuid = " UUID "\n" KS_BACKEND_DAY_ITEMS_GROUPS KS_BACKEND_DAY_ITEMS_UPSERT

/* Every stored order's lines, when the table is empty (just made on a database with orders). */
#define KS_BACKEND_FILL_DAY_ITEMS_SQL                                                              \
    KS_BACKEND_DAY_ITEMS_COLUMNS                                                                   \
    "WHERE NOT EXISTS (SELECT 1 FROM be_day_items)\n" KS_BACKEND_DAY_ITEMS_GROUPS

/* The best sellers (KS_BACKEND_SQL_ITEMS) from the summary: the same columns and order. */
#define KS_BACKEND_ITEMS_SQL(FROM, TO, BY_REVENUE, STORE, LIMIT)                                   \
    "SELECT item_id, max(name_en) AS name_en, max(name_ar) AS name_ar, unit,\n"                    \
    "       CAST(sum(quantity) AS bigint) AS quantity, CAST(sum(orders) AS bigint) AS orders,\n"   \
    "       CAST(sum(net) AS bigint) AS net, CAST(sum(vat) AS bigint) AS vat,\n"                   \
    "       CAST(sum(gross) AS bigint) AS revenue\n"                                               \
    "FROM be_day_items\n"                                                                          \
    "WHERE business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE     \
    ")\n"                                                                                          \
    "GROUP BY item_id, unit\n"                                                                     \
    "ORDER BY CASE " BY_REVENUE " WHEN 1 THEN sum(gross) ELSE sum(quantity) END DESC, item_id,\n"  \
    "         unit\n"                                                                              \
    "LIMIT " LIMIT

#define KS_BACKEND_DAY_VAT_COLUMNS                                                                 \
    "INSERT INTO be_day_vat (business_date, store_id, rate_bp, orders, taxable, vat)\n"            \
    "SELECT o.business_date, o.store_id, v.rate_bp, count(*), sum(v.taxable), sum(v.vat)\n"        \
    "FROM be_vat v JOIN be_orders o ON o.uuid = v.uuid\n"

#define KS_BACKEND_DAY_VAT_GROUPS "GROUP BY o.business_date, o.store_id, v.rate_bp\n"

/* A day's row of be_day_vat added to (by one order, or channel sales). */
#define KS_BACKEND_DAY_VAT_UPSERT                                                                  \
    "ON CONFLICT (business_date, store_id, rate_bp) DO UPDATE\n"                                   \
    "SET orders = be_day_vat.orders + excluded.orders,\n"                                          \
    "    taxable = be_day_vat.taxable + excluded.taxable, vat = be_day_vat.vat + excluded.vat"

/* One new order's VAT rows (UUID: its placeholder) added to their day's rows. */
#define KS_BACKEND_ADD_DAY_VAT_SQL(UUID)                                                           \
    KS_BACKEND_DAY_VAT_COLUMNS                                                                     \
    "WHERE v.uuid = " UUID "\n" KS_BACKEND_DAY_VAT_GROUPS KS_BACKEND_DAY_VAT_UPSERT

/* Every stored order's VAT rows, when the table is empty. */
#define KS_BACKEND_FILL_DAY_VAT_SQL                                                                \
    KS_BACKEND_DAY_VAT_COLUMNS                                                                     \
    "WHERE NOT EXISTS (SELECT 1 FROM be_day_vat)\n" KS_BACKEND_DAY_VAT_GROUPS

/* The VAT report (KS_BACKEND_SQL_VAT) from the summary: the same columns and order. */
#define KS_BACKEND_VAT_SQL(FROM, TO, STORE)                                                        \
    "SELECT rate_bp, CAST(sum(orders) AS bigint) AS orders,\n"                                     \
    "       CAST(sum(taxable) AS bigint) AS taxable, CAST(sum(vat) AS bigint) AS vat\n"            \
    "FROM be_day_vat\n"                                                                            \
    "WHERE business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE     \
    ")\n"                                                                                          \
    "GROUP BY rate_bp ORDER BY rate_bp"

/* Between the rows of orders and of refunds summed by one statement. */
#define KS_BACKEND_THEN "UNION ALL\n"

/*
 * The sales summaries' rows are one shape: be_day_sales per business date,
 * store and kiosk, be_hour_sales per business date, store, kiosk and UTC
 * quarter hour of the order's created_at (its first second; a refund counts
 * in its order's quarter, as the report per hour has always counted it).
 * QUARTER below is "" (a day's row) or KS_BACKEND_QUARTER_OF(TABLE) (a
 * quarter's), TABLE the alias of the row's order or sale.
 */
#define KS_BACKEND_QUARTER_OF(TABLE)                                                               \
    ", " TABLE ".created_at - " TABLE ".created_at % 900 AS quarter"

#define KS_BACKEND_DAY_SALES_KEY "business_date, store_id, kiosk_id"
#define KS_BACKEND_HOUR_SALES_KEY KS_BACKEND_DAY_SALES_KEY ", quarter"

/* An order's value when it was paid (PAID) or cancelled unpaid (UNPAID), else 0. */
#define KS_BACKEND_PAID(VALUE) "CASE WHEN c.uuid IS NULL THEN " VALUE " ELSE 0 END"
#define KS_BACKEND_UNPAID(VALUE) "CASE WHEN c.uuid IS NULL THEN 0 ELSE " VALUE " END"

/* clang-format off: a column a line */
/* Per order (COND picks them): its share of a sales summary, refunds not counted. */
#define KS_BACKEND_SALES_ORDERS(QUARTER, COND)                                                     \
    "SELECT o.business_date, o.store_id, o.kiosk_id" QUARTER ",\n"                                 \
    "       " KS_BACKEND_PAID(                                                                     \
        "1") " AS orders,\n"                                                                       \
             "       " KS_BACKEND_PAID(                                                            \
                 "o.total_net") " AS total_net,\n"                                                 \
                                "       " KS_BACKEND_PAID(                                         \
                                    "o.total_vat") " AS total_vat,\n"                              \
                                                   "       " KS_BACKEND_PAID(                      \
                                                       "o.total") " AS total,\n"                   \
                                                                  "       " KS_BACKEND_UNPAID(     \
                                                                      "1") " AS cancelled,\n"      \
                                                                           "      "                \
                                                                           " " KS_BACKEND_UNPAID(  \
                                                                               "o.total") " AS "   \
                                                                                          "cancel" \
                                                                                          "led_"   \
                                                                                          "total," \
                                                                                          " 0 AS " \
                                                                                          "refund" \
                                                                                          "s, 0 "  \
                                                                                          "AS "    \
                                                                                          "refund" \
                                                                                          "ed\n"   \
                                                                                          "FROM "  \
                                                                                          "be_"    \
                                                                                          "orders" \
                                                                                          " o "    \
                                                                                          "LEFT "  \
                                                                                          "JOIN "  \
                                                                                          "be_"    \
                                                                                          "cancel" \
                                                                                          "led c " \
                                                                                          "ON "    \
                                                                                          "c."     \
                                                                                          "uuid "  \
                                                                                          "= "     \
                                                                                          "o."     \
                                                                                          "uuid "  \
                                                                                          "WHERE"  \
                                                                                          " " COND \
                                                                                          "\n"
/* clang-format on */

/* Per refund (COND picks them): its share of a sales summary, on its order's row. */
#define KS_BACKEND_SALES_REFUNDS(QUARTER, COND)                                                    \
    "SELECT o.business_date, o.store_id, o.kiosk_id" QUARTER ", 0 AS orders, 0 AS total_net,\n"    \
    "       0 AS total_vat, 0 AS total, 0 AS cancelled, 0 AS cancelled_total, 1 AS refunds,\n"     \
    "       r.amount AS refunded\n"                                                                \
    "FROM be_refunds r JOIN be_orders o ON o.uuid = r.uuid WHERE " COND "\n"

/* ROWS (the macros above) summed into TABLE, whose key is KEY. */
#define KS_BACKEND_SALES_SUM(TABLE, KEY, ROWS)                                                     \
    "INSERT INTO " TABLE " (" KEY ", orders, total_net, total_vat,\n"                              \
    "                       total, cancelled, cancelled_total, refunds, refunded)\n"               \
    "SELECT " KEY ", sum(orders), sum(total_net), sum(total_vat),\n"                               \
    "       sum(total), sum(cancelled), sum(cancelled_total), sum(refunds), sum(refunded)\n"       \
    "FROM (" ROWS ") x\n"                                                                          \
    "WHERE true GROUP BY " KEY "\n"

#define KS_BACKEND_SALES_UPSERT(TABLE, KEY)                                                        \
    "ON CONFLICT (" KEY ") DO UPDATE\n"                                                            \
    "SET orders = " TABLE ".orders + excluded.orders,\n"                                           \
    "    total_net = " TABLE ".total_net + excluded.total_net,\n"                                  \
    "    total_vat = " TABLE ".total_vat + excluded.total_vat,\n"                                  \
    "    total = " TABLE ".total + excluded.total,\n"                                              \
    "    cancelled = " TABLE ".cancelled + excluded.cancelled,\n"                                  \
    "    cancelled_total = " TABLE ".cancelled_total + excluded.cancelled_total,\n"                \
    "    refunds = " TABLE ".refunds + excluded.refunds,\n"                                        \
    "    refunded = " TABLE ".refunded + excluded.refunded"

/* be_hour_sales (PostgreSQL migration 26, SQLite at open); TEXT and INT the driver's types. */
#define KS_BACKEND_HOUR_SALES_TABLE_SQL(TEXT, INT)                                                 \
    "CREATE TABLE IF NOT EXISTS be_hour_sales (\n"                                                 \
    "    business_date   " TEXT " NOT NULL,\n"                                                     \
    "    store_id        " TEXT " NOT NULL,\n"                                                     \
    "    kiosk_id        " TEXT " NOT NULL,\n"                                                     \
    "    quarter         " INT " NOT NULL,\n"                                                      \
    "    orders          " INT " NOT NULL,\n"                                                      \
    "    total_net       " INT " NOT NULL,\n"                                                      \
    "    total_vat       " INT " NOT NULL,\n"                                                      \
    "    total           " INT " NOT NULL,\n"                                                      \
    "    cancelled       " INT " NOT NULL,\n"                                                      \
    "    cancelled_total " INT " NOT NULL,\n"                                                      \
    "    refunds         " INT " NOT NULL,\n"                                                      \
    "    refunded        " INT " NOT NULL,\n"                                                      \
    "    PRIMARY KEY (" KS_BACKEND_HOUR_SALES_KEY ")\n"                                            \
    ")"

#define KS_BACKEND_DAY_SALES_ORDERS(COND) KS_BACKEND_SALES_ORDERS("", COND)
#define KS_BACKEND_DAY_SALES_REFUNDS(COND) KS_BACKEND_SALES_REFUNDS("", COND)
#define KS_BACKEND_DAY_SALES_SUM(ROWS)                                                             \
    KS_BACKEND_SALES_SUM("be_day_sales", KS_BACKEND_DAY_SALES_KEY, ROWS)
#define KS_BACKEND_DAY_SALES_UPSERT                                                                \
    KS_BACKEND_SALES_UPSERT("be_day_sales", KS_BACKEND_DAY_SALES_KEY)

#define KS_BACKEND_HOUR_SALES_ORDERS(COND) KS_BACKEND_SALES_ORDERS(KS_BACKEND_QUARTER_OF("o"), COND)
#define KS_BACKEND_HOUR_SALES_REFUNDS(COND)                                                        \
    KS_BACKEND_SALES_REFUNDS(KS_BACKEND_QUARTER_OF("o"), COND)
#define KS_BACKEND_HOUR_SALES_SUM(ROWS)                                                            \
    KS_BACKEND_SALES_SUM("be_hour_sales", KS_BACKEND_HOUR_SALES_KEY, ROWS)
#define KS_BACKEND_HOUR_SALES_UPSERT                                                               \
    KS_BACKEND_SALES_UPSERT("be_hour_sales", KS_BACKEND_HOUR_SALES_KEY)

/*
 * A newly stored order (UUID: its placeholder), paid or cancelled, added to
 * its row of TABLE (key KEY, QUARTER as above); a newly stored refund (ID)
 * to its order's row.
 */
#define KS_BACKEND_ADD_SALES_SQL(TABLE, KEY, QUARTER, UUID)                                        \
    KS_BACKEND_SALES_SUM(TABLE, KEY, KS_BACKEND_SALES_ORDERS(QUARTER, "o.uuid = " UUID))           \
    KS_BACKEND_SALES_UPSERT(TABLE, KEY)
#define KS_BACKEND_REFUND_SALES_SQL(TABLE, KEY, QUARTER, ID)                                       \
    KS_BACKEND_SALES_SUM(TABLE, KEY, KS_BACKEND_SALES_REFUNDS(QUARTER, "r.refund_id = " ID))       \
    KS_BACKEND_SALES_UPSERT(TABLE, KEY)

#define KS_BACKEND_ADD_DAY_SALES_SQL(UUID)                                                         \
    KS_BACKEND_ADD_SALES_SQL("be_day_sales", KS_BACKEND_DAY_SALES_KEY, "", UUID)
#define KS_BACKEND_REFUND_DAY_SALES_SQL(ID)                                                        \
    KS_BACKEND_REFUND_SALES_SQL("be_day_sales", KS_BACKEND_DAY_SALES_KEY, "", ID)
#define KS_BACKEND_ADD_HOUR_SALES_SQL(UUID)                                                        \
    KS_BACKEND_ADD_SALES_SQL("be_hour_sales", KS_BACKEND_HOUR_SALES_KEY,                           \
                             KS_BACKEND_QUARTER_OF("o"), UUID)
#define KS_BACKEND_REFUND_HOUR_SALES_SQL(ID)                                                       \
    KS_BACKEND_REFUND_SALES_SQL("be_hour_sales", KS_BACKEND_HOUR_SALES_KEY,                        \
                                KS_BACKEND_QUARTER_OF("o"), ID)

#define KS_BACKEND_DAY_SALES_EMPTY "NOT EXISTS (SELECT 1 FROM be_day_sales)"

/* Every stored order and refund, when the table is empty. */
#define KS_BACKEND_FILL_DAY_SALES_SQL                                                              \
    KS_BACKEND_DAY_SALES_SUM(                                                                      \
        KS_BACKEND_DAY_SALES_ORDERS(KS_BACKEND_DAY_SALES_EMPTY)                                    \
            KS_BACKEND_THEN KS_BACKEND_DAY_SALES_REFUNDS(KS_BACKEND_DAY_SALES_EMPTY))

/*
 * Sales by day and kiosk: be_day_sales' rows themselves (its key is the
 * date, store and kiosk), read in key order. Through KS_BACKEND_SALES_SQL
 * PostgreSQL grouped the 71,305 rows of the chain's year one per group,
 * guessed 7,137 groups and sorted them on disk (1.8 s of SQL on a busy box
 * at 1 M order lines, EXPLAIN ANALYZE).
 */
#define KS_BACKEND_SALES_BY_DAY_KIOSK_SQL(FROM, TO, STORE)                                         \
    "SELECT business_date AS period, store_id, kiosk_id, orders, total_net, total_vat, total,\n"   \
    "       cancelled, cancelled_total, refunds, refunded,\n"                                      \
    "       CAST(total - refunded AS bigint) AS net_total\n"                                       \
    "FROM be_day_sales\n"                                                                          \
    "WHERE business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE     \
    ")\n"                                                                                          \
    "ORDER BY business_date, store_id, kiosk_id"

/* The sales reports' sums of a sales summary's rows, from orders to net_total. */
#define KS_BACKEND_SALES_SUMS                                                                      \
    "CAST(sum(orders) AS bigint) AS orders, CAST(sum(total_net) AS bigint) AS total_net,\n"        \
    "       CAST(sum(total_vat) AS bigint) AS total_vat, CAST(sum(total) AS bigint) AS total,\n"   \
    "       CAST(sum(cancelled) AS bigint) AS cancelled,\n"                                        \
    "       CAST(sum(cancelled_total) AS bigint) AS cancelled_total,\n"                            \
    "       CAST(sum(refunds) AS bigint) AS refunds, CAST(sum(refunded) AS bigint) AS refunded,\n" \
    "       CAST(sum(total) - sum(refunded) AS bigint) AS net_total"

/*
 * Sales by day (GROUP 0) or month (1), per store and kiosk (BY_STORE 0) or
 * store (1), from be_day_sales: the columns and order of KS_BACKEND_SQL_SALES.
 */
#define KS_BACKEND_SALES_SQL(FROM, TO, GROUP, BY_STORE, STORE)                                     \
    "SELECT CASE " GROUP " WHEN 0 THEN business_date ELSE substr(business_date, 1, 7) END\n"       \
    "           AS period,\n"                                                                      \
    "       store_id, CASE " BY_STORE " WHEN 1 THEN '' ELSE kiosk_id END AS kiosk_id,\n"           \
    "       " KS_BACKEND_SALES_SUMS "\n"                                                           \
    "FROM be_day_sales\n"                                                                          \
    "WHERE business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE     \
    ")\n"                                                                                          \
    "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"

#define KS_BACKEND_QUARTER_SALES_COLUMNS                                                           \
    "INSERT INTO be_quarter_sales (business_date, store_id, quarter, orders, total)\n"             \
    "SELECT o.business_date, o.store_id, o.created_at - o.created_at % 900, count(*),\n"           \
    "       sum(o.total)\n"                                                                        \
    "FROM be_orders o\n"                                                                           \
    "WHERE NOT EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = o.uuid) AND "

#define KS_BACKEND_QUARTER_SALES_GROUPS                                                            \
    "\nGROUP BY o.business_date, o.store_id, o.created_at - o.created_at % 900\n"

/* A quarter's row of be_quarter_sales added to (by one order, or channel sales). */
#define KS_BACKEND_QUARTER_SALES_UPSERT                                                            \
    "ON CONFLICT (business_date, store_id, quarter) DO UPDATE\n"                                   \
    "SET orders = be_quarter_sales.orders + excluded.orders,\n"                                    \
    "    total = be_quarter_sales.total + excluded.total"

/* A newly stored order (UUID: its placeholder) added to its quarter's row when it was paid. */
#define KS_BACKEND_ADD_QUARTER_SALES_SQL(UUID)                                                     \
    KS_BACKEND_QUARTER_SALES_COLUMNS                                                               \
    "o.uuid = " UUID KS_BACKEND_QUARTER_SALES_GROUPS KS_BACKEND_QUARTER_SALES_UPSERT

/* Every stored paid order, when the table is empty. */
#define KS_BACKEND_FILL_QUARTER_SALES_SQL                                                          \
    KS_BACKEND_QUARTER_SALES_COLUMNS                                                               \
    "NOT EXISTS (SELECT 1 FROM be_quarter_sales)" KS_BACKEND_QUARTER_SALES_GROUPS

/*
 * Peak hours (KS_BACKEND_SQL_PEAK) from be_quarter_sales. OFFSET: the UTC
 * offset in seconds; a week is added so that the local time is never
 * negative (created_at >= 0, offset >= -12 h), and 1970-01-01 was a
 * Thursday (weekday 4).
 */
#define KS_BACKEND_PEAK_SQL(FROM, TO, STORE, OFFSET)                                               \
    "SELECT CAST(((quarter + " OFFSET " + 604800) / 86400 + 4) % 7 AS integer) AS weekday,\n"      \
    "       CAST((quarter + " OFFSET " + 604800) % 86400 / 3600 AS integer) AS hour,\n"            \
    "       CAST(sum(orders) AS bigint) AS orders, CAST(sum(total) AS bigint) AS total\n"          \
    "FROM be_quarter_sales\n"                                                                      \
    "WHERE business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE     \
    ")\n"                                                                                          \
    "GROUP BY 1, 2 ORDER BY 1, 2"

#define KS_BACKEND_DAY_REFUNDS_COLUMNS                                                             \
    "INSERT INTO be_day_refunds (business_date, store_id, method, reason, refunds, amount, vat)\n" \
    "SELECT o.business_date, o.store_id, r.method, r.reason, count(*), sum(r.amount),\n"           \
    "       sum(r.vat)\n"                                                                          \
    "FROM be_refunds r JOIN be_orders o ON o.uuid = r.uuid\n"                                      \
    "WHERE "

#define KS_BACKEND_DAY_REFUNDS_GROUPS "\nGROUP BY o.business_date, o.store_id, r.method, r.reason\n"

/* A newly stored refund (ID: its placeholder) added to its order's day's row. */
#define KS_BACKEND_ADD_DAY_REFUNDS_SQL(ID)                                                         \
    KS_BACKEND_DAY_REFUNDS_COLUMNS                                                                 \
    "r.refund_id = " ID KS_BACKEND_DAY_REFUNDS_GROUPS                                              \
    "ON CONFLICT (business_date, store_id, method, reason) DO UPDATE\n"                            \
    "SET refunds = be_day_refunds.refunds + excluded.refunds,\n"                                   \
    "    amount = be_day_refunds.amount + excluded.amount, vat = be_day_refunds.vat + "            \
    "excluded.vat"

/* Every stored refund, when the table is empty. */
#define KS_BACKEND_FILL_DAY_REFUNDS_SQL                                                            \
    KS_BACKEND_DAY_REFUNDS_COLUMNS                                                                 \
    "NOT EXISTS (SELECT 1 FROM be_day_refunds)" KS_BACKEND_DAY_REFUNDS_GROUPS

/* The refunds report (KS_BACKEND_SQL_REFUNDS) from be_day_refunds. */
#define KS_BACKEND_REFUNDS_SQL(FROM, TO, STORE)                                                    \
    "SELECT method, reason, CAST(sum(refunds) AS bigint) AS refunds,\n"                            \
    "       CAST(sum(amount) AS bigint) AS amount, CAST(sum(vat) AS bigint) AS vat\n"              \
    "FROM be_day_refunds\n"                                                                        \
    "WHERE business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE     \
    ")\n"                                                                                          \
    "GROUP BY method, reason ORDER BY method, reason"

#define KS_BACKEND_DAY_PAYMENTS_KEY "business_date, store_id, method, brand"

/* The payment of an order (an order stored before payments were kept: 'unknown'). */
#define KS_BACKEND_PAYMENT_OF_ORDER                                                                \
    "o.business_date, o.store_id, coalesce(p.method, 'unknown') AS method,\n"                      \
    "       coalesce(p.brand, '') AS brand"

#define KS_BACKEND_ORDER_PAID "NOT EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = o.uuid)"

/* Per paid order (COND picks them): its share of be_day_payments. */
#define KS_BACKEND_DAY_PAYMENTS_ORDERS(COND)                                                       \
    "SELECT " KS_BACKEND_PAYMENT_OF_ORDER ", 1 AS orders, o.total AS amount, 0 AS refunds,\n"      \
    "       0 AS refunded\n"                                                                       \
    "FROM be_orders o LEFT JOIN be_payments p ON p.uuid = o.uuid\n"                                \
    "WHERE " KS_BACKEND_ORDER_PAID " AND " COND "\n"

/* Per refund (COND picks them): its share, on its order's payment's row. */
#define KS_BACKEND_DAY_PAYMENTS_REFUNDS(COND)                                                      \
    "SELECT " KS_BACKEND_PAYMENT_OF_ORDER ", 0 AS orders, 0 AS amount, 1 AS refunds,\n"            \
    "       r.amount AS refunded\n"                                                                \
    "FROM be_refunds r JOIN be_orders o ON o.uuid = r.uuid\n"                                      \
    "LEFT JOIN be_payments p ON p.uuid = o.uuid\n"                                                 \
    "WHERE " KS_BACKEND_ORDER_PAID " AND " COND "\n"

/* ROWS summed into be_day_payments. */
#define KS_BACKEND_DAY_PAYMENTS_SUM(ROWS)                                                          \
    "INSERT INTO be_day_payments (" KS_BACKEND_DAY_PAYMENTS_KEY ", orders, amount, refunds,\n"     \
    "                             refunded)\n"                                                     \
    "SELECT " KS_BACKEND_DAY_PAYMENTS_KEY ", sum(orders), sum(amount), sum(refunds),\n"            \
    "       sum(refunded)\n"                                                                       \
    "FROM (" ROWS ") x\n"                                                                          \
    "WHERE true GROUP BY " KS_BACKEND_DAY_PAYMENTS_KEY "\n"

#define KS_BACKEND_DAY_PAYMENTS_UPSERT                                                             \
    "ON CONFLICT (" KS_BACKEND_DAY_PAYMENTS_KEY ") DO UPDATE\n"                                    \
    "SET orders = be_day_payments.orders + excluded.orders,\n"                                     \
    "    amount = be_day_payments.amount + excluded.amount,\n"                                     \
    "    refunds = be_day_payments.refunds + excluded.refunds,\n"                                  \
    "    refunded = be_day_payments.refunded + excluded.refunded"

/* A newly stored paid order (UUID: its placeholder) added to its payment's row. */
#define KS_BACKEND_ADD_DAY_PAYMENTS_SQL(UUID)                                                      \
    KS_BACKEND_DAY_PAYMENTS_SUM(KS_BACKEND_DAY_PAYMENTS_ORDERS("o.uuid = " UUID))                  \
    KS_BACKEND_DAY_PAYMENTS_UPSERT

/* A newly stored refund (ID: its placeholder) added to its order's payment's row. */
#define KS_BACKEND_REFUND_DAY_PAYMENTS_SQL(ID)                                                     \
    KS_BACKEND_DAY_PAYMENTS_SUM(KS_BACKEND_DAY_PAYMENTS_REFUNDS("r.refund_id = " ID))              \
    KS_BACKEND_DAY_PAYMENTS_UPSERT

#define KS_BACKEND_DAY_PAYMENTS_EMPTY "NOT EXISTS (SELECT 1 FROM be_day_payments)"

/* Every stored paid order and refund, when the table is empty. */
#define KS_BACKEND_FILL_DAY_PAYMENTS_SQL                                                           \
    KS_BACKEND_DAY_PAYMENTS_SUM(                                                                   \
        KS_BACKEND_DAY_PAYMENTS_ORDERS(KS_BACKEND_DAY_PAYMENTS_EMPTY)                              \
            KS_BACKEND_THEN KS_BACKEND_DAY_PAYMENTS_REFUNDS(KS_BACKEND_DAY_PAYMENTS_EMPTY))

/* The payment methods report (KS_BACKEND_SQL_PAYMENTS) from be_day_payments. */
#define KS_BACKEND_PAYMENTS_SQL(FROM, TO, STORE)                                                   \
    "SELECT method, brand, CAST(sum(orders) AS bigint) AS orders,\n"                               \
    "       CAST(sum(amount) AS bigint) AS amount, CAST(sum(refunds) AS bigint) AS refunds,\n"     \
    "       CAST(sum(refunded) AS bigint) AS refunded,\n"                                          \
    "       CAST(sum(amount) - sum(refunded) AS bigint) AS net\n"                                  \
    "FROM be_day_payments\n"                                                                       \
    "WHERE business_date BETWEEN " FROM " AND " TO " AND (" STORE " = '' OR store_id = " STORE     \
    ")\n"                                                                                          \
    "GROUP BY method, brand ORDER BY method, brand"

#define KS_BACKEND_DAY_PROFIT_KEY "business_date, store_id, item_id, unit"

/* Per sold line (COND picks them): its share of be_day_profit, at the cost it was sold at. */
#define KS_BACKEND_DAY_PROFIT_LINES(COND)                                                          \
    "SELECT o.business_date, o.store_id, l.item_id, l.unit, l.quantity, l.net,\n"                  \
    "       coalesce(c.cost, 0) AS cost,\n"                                                        \
    "       CASE WHEN c.uuid IS NULL THEN 1 ELSE 0 END AS uncosted, l.name_en, l.name_ar\n"        \
    "FROM be_lines l JOIN be_orders o ON o.uuid = l.uuid\n"                                        \
    "LEFT JOIN be_line_costs c ON c.uuid = l.uuid AND c.line_no = l.line_no\n"                     \
    "WHERE " COND "\n"

/*
 * Per refunded line (COND picks them): what it gave back, at most the
 * line's quantity, its net share of the amount rounded half up, and the
 * cost of that quantity. LEAST: the driver's two-argument minimum.
 */
#define KS_BACKEND_DAY_PROFIT_REFUNDS(COND, LEAST)                                                 \
    "SELECT o.business_date, o.store_id, l.item_id, l.unit,\n"                                     \
    "       -" LEAST "(r.quantity, l.quantity) AS quantity,\n"                                     \
    "       -CASE WHEN l.gross = 0 THEN 0\n"                                                       \
    "             ELSE (2 * r.amount * l.net + l.gross) / (2 * l.gross) END AS net,\n"             \
    "       -CASE WHEN c.uuid IS NULL THEN 0\n"                                                    \
    "             WHEN l.unit = 'kg'\n"                                                            \
    "               THEN (2 * " LEAST "(r.quantity, l.quantity) * c.unit_cost + 1000) / 2000\n"    \
    "             ELSE " LEAST "(r.quantity, l.quantity) * c.unit_cost END AS cost,\n"             \
    "       0 AS uncosted, l.name_en, l.name_ar\n"                                                 \
    "FROM be_refund_lines r JOIN be_orders o ON o.uuid = r.uuid\n"                                 \
    "JOIN be_lines l ON l.uuid = r.uuid AND l.line_no = r.line_no\n"                               \
    "LEFT JOIN be_line_costs c ON c.uuid = r.uuid AND c.line_no = r.line_no\n"                     \
    "WHERE " COND "\n"

/* ROWS summed into be_day_profit. */
#define KS_BACKEND_DAY_PROFIT_SUM(ROWS)                                                            \
    "INSERT INTO be_day_profit (" KS_BACKEND_DAY_PROFIT_KEY ", quantity, net, cost, uncosted,\n"   \
    "                           name_en, name_ar)\n"                                               \
    "SELECT " KS_BACKEND_DAY_PROFIT_KEY ", sum(quantity), sum(net), sum(cost), sum(uncosted),\n"   \
    "       max(name_en), max(name_ar)\n"                                                          \
    "FROM (" ROWS ") x\n"                                                                          \
    "WHERE true GROUP BY " KS_BACKEND_DAY_PROFIT_KEY "\n"

#define KS_BACKEND_DAY_PROFIT_UPSERT                                                               \
    "ON CONFLICT (" KS_BACKEND_DAY_PROFIT_KEY ") DO UPDATE\n"                                      \
    "SET quantity = be_day_profit.quantity + excluded.quantity,\n"                                 \
    "    net = be_day_profit.net + excluded.net, cost = be_day_profit.cost + excluded.cost,\n"     \
    "    uncosted = be_day_profit.uncosted + excluded.uncosted,\n"                                 \
    "    name_en = CASE WHEN excluded.name_en > be_day_profit.name_en THEN excluded.name_en\n"     \
    "                   ELSE be_day_profit.name_en END,\n"                                         \
    "    name_ar = CASE WHEN excluded.name_ar > be_day_profit.name_ar THEN excluded.name_ar\n"     \
    "                   ELSE be_day_profit.name_ar END"

/* A newly stored paid order's lines (UUID: its placeholder), after their costs. */
#define KS_BACKEND_ADD_DAY_PROFIT_SQL(UUID)                                                        \
    KS_BACKEND_DAY_PROFIT_SUM(KS_BACKEND_DAY_PROFIT_LINES("l.uuid = " UUID))                       \
    KS_BACKEND_DAY_PROFIT_UPSERT

/* A newly stored refund's lines (ID: its placeholder), given back on their order's day. */
#define KS_BACKEND_REFUND_DAY_PROFIT_SQL(ID, LEAST)                                                \
    KS_BACKEND_DAY_PROFIT_SUM(KS_BACKEND_DAY_PROFIT_REFUNDS("r.refund_id = " ID, LEAST))           \
    KS_BACKEND_DAY_PROFIT_UPSERT

#define KS_BACKEND_DAY_PROFIT_EMPTY "NOT EXISTS (SELECT 1 FROM be_day_profit)"

/* Every stored line and refunded line, when the table is empty. */
#define KS_BACKEND_FILL_DAY_PROFIT_SQL(LEAST)                                                      \
    KS_BACKEND_DAY_PROFIT_SUM(                                                                     \
        KS_BACKEND_DAY_PROFIT_LINES(KS_BACKEND_DAY_PROFIT_EMPTY)                                   \
            KS_BACKEND_THEN KS_BACKEND_DAY_PROFIT_REFUNDS(KS_BACKEND_DAY_PROFIT_EMPTY, LEAST))

/* The profit report (KS_BACKEND_SQL_PROFIT) from be_day_profit. */
#define KS_BACKEND_PROFIT_SQL(FROM, TO, STORE)                                                     \
    "SELECT item_id, name_en, name_ar, unit, quantity, net, cost, uncosted,\n"                     \
    "       CASE WHEN uncosted > 0 THEN 0 ELSE net - cost END AS margin,\n"                        \
    "       CASE WHEN uncosted > 0 OR net = 0 THEN 0 ELSE (net - cost) * 10000 / net END\n"        \
    "         AS margin_bp\n"                                                                      \
    "FROM (SELECT item_id, max(name_en) AS name_en, max(name_ar) AS name_ar, unit,\n"              \
    "             CAST(sum(quantity) AS bigint) AS quantity, CAST(sum(net) AS bigint) AS net,\n"   \
    "             CAST(sum(cost) AS bigint) AS cost, CAST(sum(uncosted) AS bigint) AS uncosted\n"  \
    "      FROM be_day_profit\n"                                                                   \
    "      WHERE business_date BETWEEN " FROM " AND " TO "\n"                                      \
    "        AND (" STORE " = '' OR store_id = " STORE ")\n"                                       \
    "      GROUP BY item_id, unit) t\n"                                                            \
    "ORDER BY item_id, unit"

#endif
