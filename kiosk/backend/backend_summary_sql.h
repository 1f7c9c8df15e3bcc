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

/* One new order's lines (UUID: its placeholder) added to their day's rows. */
#define KS_BACKEND_ADD_DAY_ITEMS_SQL(UUID)                                                         \
    KS_BACKEND_DAY_ITEMS_COLUMNS                                                                   \
    "WHERE l.uuid = " UUID "\n" KS_BACKEND_DAY_ITEMS_GROUPS                                        \
    "ON CONFLICT (business_date, store_id, item_id, unit) DO UPDATE\n"                             \
    "SET quantity = be_day_items.quantity + excluded.quantity,\n"                                  \
    "    orders = be_day_items.orders + excluded.orders,\n"                                        \
    "    net = be_day_items.net + excluded.net, vat = be_day_items.vat + excluded.vat,\n"          \
    "    gross = be_day_items.gross + excluded.gross,\n"                                           \
    "    name_en = CASE WHEN excluded.name_en > be_day_items.name_en THEN excluded.name_en\n"      \
    "                   ELSE be_day_items.name_en END,\n"                                          \
    "    name_ar = CASE WHEN excluded.name_ar > be_day_items.name_ar THEN excluded.name_ar\n"      \
    "                   ELSE be_day_items.name_ar END"

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

/* One new order's VAT rows (UUID: its placeholder) added to their day's rows. */
#define KS_BACKEND_ADD_DAY_VAT_SQL(UUID)                                                           \
    KS_BACKEND_DAY_VAT_COLUMNS                                                                     \
    "WHERE v.uuid = " UUID "\n" KS_BACKEND_DAY_VAT_GROUPS                                          \
    "ON CONFLICT (business_date, store_id, rate_bp) DO UPDATE\n"                                   \
    "SET orders = be_day_vat.orders + excluded.orders,\n"                                          \
    "    taxable = be_day_vat.taxable + excluded.taxable, vat = be_day_vat.vat + excluded.vat"

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

#endif
