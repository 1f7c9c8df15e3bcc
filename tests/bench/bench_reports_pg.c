/*
 * The manager's reports over a year of a 50-store chain on PostgreSQL (#15,
 * "Figures"). The backend's own migrations make the tables (a store opened
 * through ks_backend_store_open); a year of orders is then generated inside
 * the server (INSERT ... SELECT over generate_series, never one HTTP call a
 * line): 50 stores of 4 kiosks, lunch and dinner peaks, Thursdays and
 * Fridays busier, 1 to 6 lines an order of 60 items (two sold by weight,
 * three zero-rated), popular items more often, 2 % cancelled unpaid, 1 %
 * refunded (whole or half, card or cash), an online shop's priced sales
 * (one for every 50 orders, 1 to 3 items), kitchen events on 90 % of the
 * paid orders (ready, a station's ready on some, collected on most). Rows
 * go in in key order (the uuids are random), so the indexes grow at their
 * right edge: a load of minutes, not of an hour; the orders are then
 * rewritten in date order (CLUSTER), as day after day of intake leaves them.
 *
 * Each report the backend serves is then timed through a real backend on
 * loopback (GET /v1/reports/... with the manager token: the SQL, the JSON
 * and the HTTP), over the whole year and over one day, for the chain and
 * for one store: warm (median and p99 of RUNS runs after one unmeasured,
 * or of $KIOSK_BENCH_RUNS: the p99 of fewer than 52 runs is their slowest)
 * and, on a server of its own, cold: the PostgreSQL server and the backend
 * restarted before the one request, so shared_buffers and every cache of
 * the connection are empty; the kernel's page cache is NOT dropped (it is
 * shared with the rest of the machine), so "cold" reads come from memory
 * when the data fit there. Order intake (POST /v1/orders, one kiosk, one
 * at a time) is timed on the loaded database, median and p99, then the
 * kitchen events of those orders, then the chain's year per month with
 * every store's last month stale (written again by each request). Sales
 * and kitchen speed per hour answer at most a week: a longer scope asks its
 * last week.
 *
 *   bench_reports_pg [LINES]          figures (default 10,000,000 order lines)
 *   bench_reports_pg --check [LINES]  a small year (default 20,000 lines): each
 *                                     report's answer is recounted straight from
 *                                     the tables and must agree (ctest; no cold runs)
 *   bench_reports_pg --intake [LINES] order intake alone on the (kept) year: one
 *                                     round of minutes, for runs interleaved
 *                                     with another build's on identical loads;
 *                                     with KIOSK_BENCH_BUSY=N each order carries
 *                                     an intervention of staff-busy, whose month
 *                                     at its store holds N waits before the first
 *
 * The server: $KIOSK_TEST_PG (a libpq connection string; no cold runs then),
 * else a private one that tests/support/postgres.sh starts in /tmp and
 * removes at the end, data and all (skipped, saying why, when it cannot
 * start). Schema "reports". With KIOSK_BENCH_KEEP set (not under --check)
 * the private server is only stopped at the end, and a year found in the
 * schema is timed again instead of loaded again: one load of the full size
 * (half an hour on a busy box) serves runs before and after a change, and
 * KIOSK_BENCH_REPORT=NAME times that report alone (see only_report).
 * Never asserts on time; the process's peak memory is printed at the end.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/backend/backend_channel_sql.h"
#include "kiosk/backend/backend_cost_store.h"
#include "kiosk/backend/backend_kitchen_sql.h"
#include "kiosk/backend/backend_staff_sql.h"
#include "kiosk/backend/backend_staff_store.h"
#include "kiosk/backend/backend_summary_sql.h"
#include "kiosk/common/log.h"
#include "tests/bench/bench_util.h"
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#define DEFAULT_LINES 10000000L
#define CHECK_LINES 20000L
#define PG_PORT "5432"
#define MANAGER_TOKEN "mgr-Rb7Tq2Wz9Lp4Xc8Vn3Mk6Hj1Gf5Ds0A"
#define RUNS 5
#define MAX_RUNS 1000 /* KIOSK_BENCH_RUNS */
#define INTAKE_ORDERS 200
#define ONE_STORE "store-07"
#define ONE_DAY "2026-06-11" /* a Thursday */

/* The last week of the year: the longest span a report per hour answers. */
#define LAST_WEEK "2026-12-25"

/* The reports, as a manager's web app asks for them. */
static const struct report {
    const char *name;
    const char *path; /* with its own options, before the shared query values */
    bool week;        /* per hour: a scope of more than a day is asked for its last week only */
} reports[] = {
    {"sales by day and kiosk", "/v1/reports/sales?group=day&by=kiosk", false},
    {"sales by month and store", "/v1/reports/sales?group=month&by=store", false},
    {"sales per hour and store", "/v1/reports/sales?group=hour&by=store", true},
    {"best sellers", "/v1/reports/items?sort=quantity&limit=100", false},
    {"VAT", "/v1/reports/vat?", false},
    {"peak hours", "/v1/reports/peak?", false},
    {"refunds", "/v1/reports/refunds?", false},
    {"payment methods", "/v1/reports/payments?", false},
    {"profit", "/v1/reports/profit?", false},
    {"kitchen speed per hour", "/v1/reports/kitchen?", true},
    {"kitchen speed by day", "/v1/reports/kitchen?group=day", false},
    {"kitchen speed by month", "/v1/reports/kitchen?group=month", false},
    {"staff", "/v1/reports/staff?", false},
};
#define N_REPORTS (sizeof reports / sizeof reports[0])

/*
 * KIOSK_BENCH_REPORT=NAME: that report alone (its name above), over every
 * scope, warm and RUNS times cold, with no intake, kitchen events or stale
 * months after: rounds of minutes for one report, interleaved with another
 * build's on the same kept year. NULL: every report.
 */
static const char *only_report;

/*
 * KIOSK_BENCH_RUNS=N: the warm runs of each report and scope (1 to
 * MAX_RUNS; RUNS when unset). With 5 the p99 is the slowest of five, one
 * stall of the box; 60 or more give a p99 below the slowest (bench_report),
 * at 60 requests a report and scope: minutes more for the reports near a
 * second, seconds for the others.
 */
static int warm_runs = RUNS;

static bool report_timed(const struct report *r)
{
    return !only_report || strcmp(r->name, only_report) == 0;
}

/* The spans and stores each report is asked for. */
static const struct scope {
    const char *name, *from, *to, *store;
} scopes[] = {
    {"year, chain", "2026-01-01", "2026-12-31", ""},
    {"year, " ONE_STORE, "2026-01-01", "2026-12-31", ONE_STORE},
    {"day, chain", ONE_DAY, ONE_DAY, ""},
    {"day, " ONE_STORE, ONE_DAY, ONE_DAY, ONE_STORE},
};
#define N_SCOPES (sizeof scopes / sizeof scopes[0])

/*
 * The year, generated in the server. x(K) is a pseudo-random 31-bit number
 * of the order g and the draw K (the same every run); the setting
 * bench.orders is the number of orders. Local time is UTC+3; a business day is the local calendar
 * day.
 */
#define X(K) "(hashint8(g * 16 + " #K ")::bigint & 2147483647)"
static const char *const generate[] = {
    "SET synchronous_commit = off",
    "CREATE TEMP TABLE gen_o AS\n"
    "SELECT g, substr(m, 1, 8) || '-' || substr(m, 9, 4) || '-4' || substr(m, 14, 3) || '-a' ||\n"
    "          substr(m, 18, 3) || '-' || substr(m, 21, 12) AS uuid,\n"
    "       'store-' || lpad((1 + g % 50)::text, 2, '0') AS store_id,\n"
    "       'kiosk-' || lpad((1 + g % 50)::text, 2, '0') || '-' || (1 + " X(
        1) " % 4) AS kiosk_id,\n"
           "       day, to_char(date '2026-01-01' + day, 'YYYY-MM-DD') AS business_date,\n"
           "       extract(epoch FROM date '2026-01-01' + day)::bigint - 10800 +\n"
           "           3600 * "
           "(ARRAY[10,11,12,12,12,13,13,13,14,15,16,17,18,19,19,20,20,20,21,21,22,23])\n"
           "                  [1 + " X(2) " % 22] + " X(
               3) " % 3600 AS created_at,\n"
                  "       " X(
                      4) " % 100 < 2 AS cancelled,\n"
                         "       (ARRAY[1,2,2,3,3,3,4,4,5,6])[1 + " X(
                             5) " % 10] AS n_lines\n"
                                "FROM (SELECT g, md5(g::text) AS m,\n"
                                "             CASE WHEN " X(6) " % 10 < 8 THEN " X(
                                    7) " % 365\n"
                                       "                  ELSE (" X(7) " % 104) / 2 * 7 + " X(
                                           7) " % 2 END::int AS day\n"
                                              "      FROM generate_series(1, "
                                              "current_setting('bench.orders')::bigint) g) s",
    "CREATE TEMP TABLE gen_l AS\n"
    "SELECT uuid, line_no, i, 'item-' || lpad((i + 1)::text, 3, '0') AS item_id,\n"
    "       CASE WHEN i IN (57, 58) THEN 'kg' ELSE 'pc' END AS unit,\n"
    "       q, CASE WHEN i IN (57, 58) THEN q * 4000 / 1000 ELSE q * (300 + i * 37 % 40 * 100)\n"
    "          END AS net, CASE WHEN i % 20 = 19 THEN 0 ELSE 1500 END AS rate_bp\n"
    "FROM (SELECT o.uuid, n AS line_no, i,\n"
    "             CASE WHEN i IN (57, 58) THEN 250 + x % 750\n"
    "                  WHEN x % 10 < 8 THEN 1 ELSE 1 + x % 3 END AS q\n"
    "      FROM gen_o o, generate_series(1, o.n_lines) n,\n"
    "           LATERAL (SELECT (hashint8(o.g * 8 + n)::bigint & 2147483647) AS x) r,\n"
    "           LATERAL (SELECT floor(60 * power(((hashint8(o.g * 8 + n + 1000000000000)::bigint\n"
    "                                              & 2147483647) / 2147483648.0), 2))::int AS i) "
    "p\n"
    "      WHERE NOT o.cancelled) s",
    "INSERT INTO be_orders (uuid, store_id, kiosk_id, number, business_date, created_at,\n"
    "                       received_at, total_net, total_vat, total, order_json)\n"
    "SELECT o.uuid, o.store_id, o.kiosk_id, o.g, o.business_date, o.created_at, o.created_at + "
    "61,\n"
    "       coalesce(s.net, 1000 * o.n_lines), coalesce(s.vat, 150 * o.n_lines),\n"
    "       coalesce(s.net + s.vat, 1150 * o.n_lines),\n"
    "       json_build_object('format', 'kiosk-order/1', 'uuid', o.uuid, 'kiosk_id', o.kiosk_id,\n"
    "                         'store_id', o.store_id, 'business_date', o.business_date,\n"
    "                         'created_at', o.created_at, 'updated_at', o.created_at + 60,\n"
    "                         'status', CASE WHEN o.cancelled THEN 'cancelled' ELSE 'paid' END,\n"
    "                         'lines', coalesce(s.lines, '[]'::json))\n"
    "FROM gen_o o LEFT JOIN\n"
    "     (SELECT uuid, sum(net) AS net, sum(net * rate_bp / 10000) AS vat,\n"
    "             json_agg(json_build_object('id', item_id, 'quantity', q, 'net', net)) AS lines\n"
    "      FROM gen_l GROUP BY uuid) s ON s.uuid = o.uuid ORDER BY o.uuid",
    "INSERT INTO be_cancelled (uuid) SELECT uuid FROM gen_o WHERE cancelled",
    "INSERT INTO be_lines (uuid, line_no, item_id, name_en, name_ar, unit, quantity, net, vat,\n"
    "                      gross)\n"
    "SELECT uuid, line_no, item_id, 'Item ' || (i + 1), 'صنف ' || (i + 1), unit, q, net,\n"
    "       net * rate_bp / 10000, net + net * rate_bp / 10000 FROM gen_l ORDER BY uuid, line_no",
    "INSERT INTO be_vat (uuid, rate_bp, taxable, vat)\n"
    "SELECT uuid, rate_bp, sum(net), sum(net * rate_bp / 10000) FROM gen_l GROUP BY uuid, rate_bp\n"
    "ORDER BY uuid, rate_bp",
    "INSERT INTO be_refunds (refund_id, uuid, method, amount, vat, reason, at, received_at,\n"
    "                        refund_json)\n"
    "SELECT r.id, o.uuid, r.method, r.amount, r.vat, r.reason, o.created_at + 900,\n"
    "       o.created_at + 901, json_build_object('refund_id', r.id, 'amount', r.amount)\n"
    "FROM gen_o g JOIN be_orders o ON o.uuid = g.uuid,\n"
    "     LATERAL (SELECT substr(m, 1, 8) || '-' || substr(m, 9, 4) || '-4' || substr(m, 14, 3) "
    "||\n"
    "                     '-b' || substr(m, 18, 3) || '-' || substr(m, 21, 12) AS id,\n"
    "                     (ARRAY['card', 'cash'])[1 + " X(
        8) " % 2] AS method,\n"
           "                     CASE WHEN " X(
               9) " % 3 = 0 THEN o.total / 2 ELSE o.total END AS amount,\n"
                  "                     CASE WHEN " X(
                      9) " % 3 = 0 THEN o.total_vat / 2 ELSE o.total_vat END\n"
                         "                         AS vat,\n"
                         "                     (ARRAY['wrong item', 'cold food', 'changed "
                         "mind'])[1 + " X(
                             10) " % 3]\n"
                                 "                         AS reason\n"
                                 "              FROM (SELECT md5('refund' || g.g) AS m) h) r\n"
                                 "WHERE NOT g.cancelled AND " X(11) " % 100 = 0",
    "INSERT INTO be_kitchen (uuid, status, station, at, paid_at, received_at)\n"
    "SELECT uuid, status, station, at, paid_at, at + 1\n"
    "FROM (SELECT uuid, created_at + 60 AS paid_at,\n"
    "             created_at + 60 + 120 + " X(
        12) " % 900 AS ready_at,\n"
            "             " X(13) " % 100 AS draw, 30 + " X(
                14) " % 300 AS wait_s\n"
                    "      FROM gen_o WHERE NOT cancelled AND " X(
                        15) " % 10 < 9) k,\n"
                            "     LATERAL (VALUES ('ready', '', ready_at),\n"
                            "                     ('ready', CASE WHEN draw < 30 THEN 'grill' END, "
                            "ready_at - 45),\n"
                            "                     ('collected', CASE WHEN draw < 95 THEN '' END, "
                            "ready_at + wait_s))\n"
                            "         e(status, station, at)\n"
                            "WHERE station IS NOT NULL ORDER BY uuid",
    /* How each paid order was paid: 85 % by card (mada, Visa, Mastercard), the rest cash. */
    "INSERT INTO be_payments (uuid, method, brand)\n"
    "SELECT uuid, CASE WHEN draw < 85 THEN 'card' ELSE 'cash' END,\n"
    "       CASE WHEN draw < 60 THEN 'mada' WHEN draw < 75 THEN 'visa'\n"
    "            WHEN draw < 85 THEN 'mastercard' ELSE '' END\n"
    "FROM (SELECT uuid, " X(16) " % 100 AS draw FROM gen_o WHERE NOT cancelled) p ORDER BY uuid",
    /* Costs of every item but each tenth (a third of the net price, per kg for the weighed). */
    "INSERT INTO be_costs (item_id, unit_cost, updated_at)\n"
    "SELECT 'item-' || lpad((i + 1)::text, 3, '0'),\n"
    "       CASE WHEN i IN (57, 58) THEN 1333 ELSE (300 + i * 37 % 40 * 100) / 3 END, 0\n"
    "FROM generate_series(0, 59) i WHERE i % 10 <> 9",
    "INSERT INTO be_line_costs (uuid, line_no, unit_cost, cost)\n"
    "SELECT l.uuid, l.line_no, c.unit_cost,\n"
    "       CASE WHEN l.unit = 'kg' THEN (2 * l.quantity * c.unit_cost + 1000) / 2000\n"
    "            ELSE l.quantity * c.unit_cost END\n"
    "FROM be_lines l JOIN be_costs c ON c.item_id = l.item_id ORDER BY l.uuid, l.line_no",
    /* Each refund gives back every line of its order, its share of the amount. */
    "INSERT INTO be_refund_lines (refund_id, uuid, line_no, quantity, amount)\n"
    "SELECT r.refund_id, r.uuid, l.line_no, l.quantity,\n"
    "       CASE WHEN o.total = 0 THEN 0 ELSE l.gross * r.amount / o.total END\n"
    "FROM be_refunds r JOIN be_orders o ON o.uuid = r.uuid JOIN be_lines l ON l.uuid = r.uuid\n"
    "ORDER BY r.refund_id, l.line_no",
    /* An online shop's confirmed reservations with prices, one for every 50 orders: 1 to 3
     * items each (the weighed ones in grams), at 15 %, paid in one of its four ways. */
    "CREATE TEMP TABLE gen_c AS\n"
    "SELECT g, substr(m, 1, 8) || '-' || substr(m, 9, 4) || '-4' || substr(m, 14, 3) || '-c' ||\n"
    "          substr(m, 18, 3) || '-' || substr(m, 21, 12) AS id,\n"
    "       'store-' || lpad((1 + x1 % 50)::text, 2, '0') AS store_id,\n"
    "       to_char(date '2026-01-01' + day, 'YYYY-MM-DD') AS business_date,\n"
    "       extract(epoch FROM date '2026-01-01' + day)::bigint - 10800 + x3 % 86400\n"
    "           AS created_at,\n"
    "       (ARRAY['online_card', 'cash_on_delivery', 'wallet', 'bank_transfer'])[1 + x4 % 4]\n"
    "           AS method, 1 + x5 % 3 AS n_lines, x6, x7\n"
    "FROM (SELECT g, md5('channel' || g) AS m, (" X(
        22) " % 365)::int AS day,\n"
            "             " X(21) " AS x1, " X(23) " AS x3, " X(24) " AS x4, " X(
                25) " AS x5,\n"
                    "             " X(26) " AS x6, " X(
                        27) " AS x7\n"
                            "      FROM generate_series(1, current_setting('bench.orders')::bigint "
                            "/ 50) g) s",
    "CREATE TEMP TABLE gen_cl AS\n"
    "SELECT id, line_no, i, 'item-' || lpad((i + 1)::text, 3, '0') AS item_id,\n"
    "       CASE WHEN i IN (57, 58) THEN 'kg' ELSE 'pc' END AS unit, q, net,\n"
    "       (net * 1500 + 5000) / 10000 AS vat\n"
    "FROM (SELECT id, line_no, i, q,\n"
    "             CASE WHEN i IN (57, 58) THEN q * 4000 / 1000 ELSE q * (300 + i * 37 % 40 * 100)\n"
    "             END AS net\n"
    "      FROM (SELECT c.id, n - 1 AS line_no, i,\n"
    "                   CASE WHEN i IN (57, 58) THEN 250 + c.x7 % 750 ELSE 1 + c.x7 % 3 END AS q\n"
    "            FROM gen_c c, generate_series(1, c.n_lines) n,\n"
    "                 LATERAL (SELECT ((c.x6 + n * 7) % 60)::int AS i) d) l) t",
    "INSERT INTO be_reservations (reservation_id, channel, store_id, state, created_at,\n"
    "                             expires_at, ended_at)\n"
    "SELECT id, 'web-shop', store_id, 'confirmed', created_at - 300, created_at + 600, created_at\n"
    "FROM gen_c ORDER BY id",
    "INSERT INTO be_channel_sales (reservation_id, channel, store_id, business_date, created_at,\n"
    "                              method, total_net, total_vat, total)\n"
    "SELECT c.id, 'web-shop', c.store_id, c.business_date, c.created_at, c.method, sum(l.net),\n"
    "       sum(l.vat), sum(l.net + l.vat)\n"
    "FROM gen_c c JOIN gen_cl l ON l.id = c.id GROUP BY c.id, c.store_id, c.business_date,\n"
    "                                                c.created_at, c.method ORDER BY c.id",
    "INSERT INTO be_channel_lines (reservation_id, line_no, item_id, name_en, name_ar, unit,\n"
    "                              quantity, net, vat, gross)\n"
    "SELECT id, line_no, item_id, 'Item ' || (i + 1), 'صنف ' || (i + 1), unit, q, net, vat,\n"
    "       net + vat FROM gen_cl ORDER BY id, line_no",
    "INSERT INTO be_channel_line_costs (reservation_id, line_no, unit_cost, cost)\n"
    "SELECT l.reservation_id, l.line_no, c.unit_cost,\n"
    "       CASE WHEN l.unit = 'kg' THEN (2 * l.quantity * c.unit_cost + 1000) / 2000\n"
    "            ELSE l.quantity * c.unit_cost END\n"
    "FROM be_channel_lines l JOIN be_costs c ON c.item_id = l.item_id\n"
    "ORDER BY l.reservation_id, l.line_no",
    /* The summaries, as the backend's migration fills them (generation bypasses intake). */
    "TRUNCATE be_day_items, be_day_vat, be_day_sales, be_quarter_sales, be_day_refunds,\n"
    "         be_day_payments, be_day_profit, be_kitchen_times, be_kitchen_days,\n"
    "         be_kitchen_seconds, be_kitchen_months, be_kitchen_stale, be_hour_sales",
    KS_BACKEND_FILL_DAY_ITEMS_SQL,
    KS_BACKEND_FILL_DAY_VAT_SQL,
    KS_BACKEND_FILL_DAY_SALES_SQL,
    KS_BACKEND_FILL_QUARTER_SALES_SQL,
    KS_BACKEND_FILL_DAY_REFUNDS_SQL,
    KS_BACKEND_FILL_DAY_PAYMENTS_SQL,
    KS_BACKEND_FILL_DAY_PROFIT_SQL("least"),
    /* The shop's sales after the orders, as each confirmation adds its own. */
    KS_BACKEND_CHANNEL_DAY_ITEMS_SQL("true"),
    KS_BACKEND_CHANNEL_DAY_VAT_SQL("true"),
    KS_BACKEND_CHANNEL_DAY_SALES_SQL("true"),
    KS_BACKEND_CHANNEL_QUARTER_SALES_SQL("true"),
    KS_BACKEND_CHANNEL_DAY_PAYMENTS_SQL("true"),
    KS_BACKEND_CHANNEL_DAY_PROFIT_SQL("true"),
    /* Orders, refunds and the shop's sales at once, in key order, as migration 26 fills it. */
    KS_BACKEND_FILL_HOUR_SALES_SQL,
    KS_BACKEND_FILL_KITCHEN_TIMES_SQL,
    KS_BACKEND_FILL_KITCHEN_DAYS_SQL("", KS_BACKEND_KITCHEN_P90_DISC),
    /* A fifth of the paid orders had the attendant once: one of 12 staff ids, a wait of 0-299 s;
     * a fourth of those a removal, a void of 150. */
    "INSERT INTO be_interventions (uuid, seq, business_date, store_id, staff, need, decision,\n"
    "                              raised_at, decided_at, void_item, void_amount)\n"
    "SELECT uuid, 0, business_date, store_id, 'staff-' || lpad((1 + " X(
        17) " % 12)::text, 2, '0'),\n"
            "       CASE WHEN v THEN 'removal' ELSE 'help' END,\n"
            "       CASE WHEN v THEN 'approve_removal' ELSE 'help_given' END, created_at - 600,\n"
            "       created_at - 600 + " X(18) " % 300, CASE WHEN v THEN 'item-001' ELSE '' END,\n"
                                               "       CASE WHEN v THEN 150 ELSE 0 END\n"
                                               "FROM (SELECT *, " X(
                                                   19) " % 4 = 0 AS v FROM gen_o\n"
                                                       "      WHERE NOT cancelled AND " X(
                                                           20) " % 5 = 0) i ORDER BY uuid",
    /* Their months, as migration 27 fills them. */
    KS_BACKEND_FILL_STAFF_MONTHS_SQL(KS_BACKEND_STAFF_WAITS_ARRAY_AGG),
    KS_BACKEND_FILL_KITCHEN_SECONDS_SQL,
    KS_BACKEND_FILL_KITCHEN_MONTHS_SQL,
    /* The orders in date order, as the kiosks deliver them day by day: in uuid order (random) a
     * chain's week per hour read its orders from pages all over the table. */
    "CLUSTER be_orders USING be_orders_by_date",
    /* The day's sales rows in key order, as intake leaves them: a day's rows are written that
     * day, together. Filled by one GROUP BY (hash order), the chain's year by day and kiosk read
     * its 90,000 rows from 91,000 pages; in key order, from 2,000. */
    "CLUSTER be_day_sales USING be_day_sales_pkey",
    /* Its visibility map again, as autovacuum keeps it: left empty by CLUSTER, counting the orders
     * at the backend's start read the whole table from a cold server, past the probe's timeout. */
    "VACUUM be_orders",
    "DROP TABLE gen_cl",
    "DROP TABLE gen_c",
    "DROP TABLE gen_l",
    "DROP TABLE gen_o",
    "ANALYZE",
};

/* Runs sql on conn; false, saying why, when it fails. */
static bool pg_run(PGconn *conn, const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok)
        fprintf(stderr, "bench_reports_pg: %s\nin: %.200s\n", PQerrorMessage(conn), sql);
    PQclear(res);
    return ok;
}

/* The first value of sql's answer as an integer; INT64_MIN on a failure. */
static int64_t pg_int(PGconn *conn, const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    int64_t value = INT64_MIN;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        value = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    else
        fprintf(stderr, "bench_reports_pg: %s\nin: %.200s\n", PQerrorMessage(conn), sql);
    PQclear(res);
    return value;
}

/* Generates a year of about lines order lines into the tables at database; false on a failure. */
static bool load_year(const char *database, long lines)
{
    /* An order has 3.3 lines on average and 2 % are cancelled with none: a few more. */
    long orders = lines / 32 * 10 + 10;
    PGconn *conn = PQconnectdb(database);
    bool ok = PQstatus(conn) == CONNECTION_OK;
    int64_t start = bench_now_ns();
    char set[64];
    snprintf(set, sizeof set, "SET bench.orders = %ld", orders);
    ok = ok && pg_run(conn, set);
    for (size_t i = 0; ok && i < sizeof generate / sizeof generate[0]; i++)
        ok = pg_run(conn, generate[i]);
    if (ok)
        printf("loaded %lld orders, %lld lines, %lld shop sales (%lld lines), %lld refunds, "
               "%lld kitchen events in %.1f s (%s)\n",
               (long long)pg_int(conn, "SELECT count(*) FROM be_orders"),
               (long long)pg_int(conn, "SELECT count(*) FROM be_lines"),
               (long long)pg_int(conn, "SELECT count(*) FROM be_channel_sales"),
               (long long)pg_int(conn, "SELECT count(*) FROM be_channel_lines"),
               (long long)pg_int(conn, "SELECT count(*) FROM be_refunds"),
               (long long)pg_int(conn, "SELECT count(*) FROM be_kitchen"),
               (double)(bench_now_ns() - start) / 1e9,
               PQstatus(conn) == CONNECTION_OK ? "INSERT ... SELECT in the server" : "");
    PQfinish(conn);
    return ok;
}

/* The sum of column over rows (a report's answer). */
static int64_t column_sum(json_t *rows, const char *column)
{
    int64_t sum = 0;
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row)
        sum += json_integer_value(json_object_get(row, column));
    return sum;
}

/*
 * A report's answer against the recount: columns[i] summed over rows must
 * be what recount (one row, one value per column, from the tables straight,
 * with $1 $2 $3 the scope's dates and store) says. Prints each disagreement; the number of them.
 */
static int agree(PGconn *conn, const struct scope *s, const char *what, json_t *rows,
                 const char *const *columns, size_t n, const char *recount)
{
    const char *scope[] = {s->from, s->to, s->store};
    PGresult *res = PQexecParams(conn, recount, 3, NULL, scope, NULL, NULL, 0);
    int wrong = 0;
    if (!rows || PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 ||
        (size_t)PQnfields(res) != n) {
        fprintf(stderr, "%s: no answer or no recount: %s\n", what, PQerrorMessage(conn));
        wrong = 1;
    }
    for (size_t c = 0; !wrong && c < n; c++) {
        long long want = strtoll(PQgetvalue(res, 0, (int)c), NULL, 10);
        long long got = (long long)column_sum(rows, columns[c]);
        if (got != want) {
            fprintf(stderr, "%s: %s adds up to %lld, the tables say %lld\n", what, columns[c], got,
                    want);
            wrong++;
        }
    }
    PQclear(res);
    json_decref(rows);
    return wrong;
}

/* The recounts' shared WHERE: orders of the scope ($1 from, $2 to, $3 store or ''). */
#define IN_SCOPE                                                                                   \
    " o.business_date BETWEEN $1::text AND $2::text AND ($3::text = '' OR o.store_id = $3::text) "
#define PAID " NOT EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = o.uuid) "
/* The paid orders of the scope, their total, the refunds of its orders and what they gave back. */
#define PAID_ORDERS " (SELECT count(*) FROM be_orders o WHERE" IN_SCOPE "AND" PAID ")"
#define PAID_TOTAL " (SELECT coalesce(sum(total), 0) FROM be_orders o WHERE" IN_SCOPE "AND" PAID ")"
#define REFUNDS                                                                                    \
    " (SELECT count(*) FROM be_refunds r JOIN be_orders o USING (uuid) WHERE" IN_SCOPE ")"
#define REFUNDED                                                                                   \
    " (SELECT coalesce(sum(amount), 0) FROM be_refunds r JOIN be_orders o USING (uuid) "           \
    "WHERE" IN_SCOPE ")"

/* The shop's sales of the scope: how many, a column's sum; their lines (l) joined. */
#define CHANNEL_IN_SCOPE                                                                           \
    " s.business_date BETWEEN $1::text AND $2::text AND ($3::text = '' OR s.store_id = $3::text) "
#define CHANNEL_SALES " (SELECT count(*) FROM be_channel_sales s WHERE" CHANNEL_IN_SCOPE ")"
#define CHANNEL_SUM(EXPR, FROM)                                                                    \
    " (SELECT coalesce(sum(" EXPR "), 0) FROM " FROM " WHERE" CHANNEL_IN_SCOPE ")"
#define CHANNEL_TOTAL(COLUMN) CHANNEL_SUM(COLUMN, "be_channel_sales s")
#define CHANNEL_LINES                                                                              \
    "be_channel_lines l JOIN be_channel_sales s ON s.reservation_id = l.reservation_id\n"          \
    "LEFT JOIN be_channel_line_costs c ON c.reservation_id = l.reservation_id\n"                   \
    "                                 AND c.line_no = l.line_no"

/* Every report of scope s from the store functions against the recounts; the disagreements. */
static int check_scope(ks_backend_store *store, PGconn *conn, const struct scope *s)
{
    static const char *const sales_cols[] = {"orders",  "total_net", "total_vat",
                                             "total",   "cancelled", "cancelled_total",
                                             "refunds", "refunded",  "net_total"};
    /* The kiosks' orders and the shop's sales (each paid, never refunded here). */
    static const char sales_sql[] =
        "SELECT" PAID_ORDERS " +" CHANNEL_SALES ",\n"
        " (SELECT coalesce(sum(total_net), 0) FROM be_orders o WHERE" IN_SCOPE "AND" PAID
        ") +" CHANNEL_TOTAL(
            "total_net") ",\n"
                         " (SELECT coalesce(sum(total_vat), 0) FROM be_orders o WHERE" IN_SCOPE
                         "AND" PAID
                         ") +" CHANNEL_TOTAL("total_vat") ",\n" PAID_TOTAL " +" CHANNEL_TOTAL(
                             "total") ",\n"
                                      " (SELECT count(*) FROM be_orders o WHERE" IN_SCOPE
                                      "AND NOT" PAID "),\n"
                                      " (SELECT coalesce(sum(total), 0) FROM be_orders o "
                                      "WHERE" IN_SCOPE "AND NOT" PAID "),\n" REFUNDS ",\n" REFUNDED
                                      ",\n" PAID_TOTAL " +" CHANNEL_TOTAL("total") " -" REFUNDED;
    static const char *const items_cols[] = {"quantity", "orders", "net", "vat", "revenue"};
    static const char items_sql[] = "SELECT coalesce(sum(quantity), 0) +" CHANNEL_SUM(
        "l.quantity",
        CHANNEL_LINES) ",\n"
                       "       count(DISTINCT (l.uuid, item_id)) + (SELECT count(*) "
                       "FROM " CHANNEL_LINES
                       "                                             WHERE" CHANNEL_IN_SCOPE "),\n"
                       "       coalesce(sum(net), 0) +" CHANNEL_SUM(
                           "l.net",
                           CHANNEL_LINES) ",\n"
                                          "       coalesce(sum(vat), 0) +" CHANNEL_SUM(
                                              "l.vat",
                                              CHANNEL_LINES) ",\n"
                                                             "       coalesce(sum(gross), 0) "
                                                             "+" CHANNEL_SUM(
                                                                 "l.gross",
                                                                 CHANNEL_LINES) "\n"
                                                                                "FROM be_lines l "
                                                                                "JOIN be_orders o "
                                                                                "USING (uuid) "
                                                                                "WHERE" IN_SCOPE;
    static const char *const vat_cols[] = {"orders", "taxable", "vat"};
    static const char vat_sql[] =
        "SELECT count(*) +" CHANNEL_SALES ", coalesce(sum(taxable), 0) +" CHANNEL_TOTAL(
            "total_net") ",\n"
                         "       coalesce(sum(vat), 0) +" CHANNEL_TOTAL(
                             "total_vat") "\n"
                                          "FROM be_vat v JOIN be_orders o USING (uuid) "
                                          "WHERE" IN_SCOPE;
    static const char *const peak_cols[] = {"orders", "total"};
    static const char peak_sql[] =
        "SELECT count(*) +" CHANNEL_SALES
        ", coalesce(sum(total), 0) +" CHANNEL_TOTAL("total") " FROM be_orders o\n"
                                                             "WHERE" IN_SCOPE "AND" PAID;
    static const char *const refunds_cols[] = {"refunds", "amount", "vat"};
    static const char refunds_sql[] =
        "SELECT count(*), coalesce(sum(amount), 0), coalesce(sum(vat), 0)\n"
        "FROM be_refunds r JOIN be_orders o USING (uuid) WHERE" IN_SCOPE;
    static const char *const payments_cols[] = {"orders", "amount", "refunds", "refunded", "net"};
    static const char payments_sql[] =
        "SELECT" PAID_ORDERS " +" CHANNEL_SALES ",\n" PAID_TOTAL
        " +" CHANNEL_TOTAL("total") ",\n" REFUNDS ",\n" REFUNDED ",\n" PAID_TOTAL
                                    " +" CHANNEL_TOTAL("total") " -" REFUNDED;
    /* Sold less given back (each refunded line's net share rounded half up), at line costs. */
    static const char *const profit_cols[] = {"quantity", "net", "cost", "uncosted"};
    static const char profit_sql[] =
        "WITH s AS (SELECT coalesce(sum(l.quantity), 0) AS q, coalesce(sum(l.net), 0) AS net,\n"
        "                  coalesce(sum(c.cost), 0) AS cost, count(*) - count(c.uuid) AS uncosted\n"
        "           FROM be_lines l JOIN be_orders o USING (uuid)\n"
        "           LEFT JOIN be_line_costs c ON c.uuid = l.uuid AND c.line_no = l.line_no\n"
        "           WHERE" IN_SCOPE "),\n"
        "b AS (SELECT coalesce(sum(least(r.quantity, l.quantity)), 0) AS q,\n"
        "             coalesce(sum(CASE WHEN l.gross = 0 THEN 0\n"
        "                 ELSE (2 * r.amount * l.net + l.gross) / (2 * l.gross) END), 0) AS net,\n"
        "             coalesce(sum(CASE WHEN c.uuid IS NULL THEN 0 WHEN l.unit = 'kg'\n"
        "                 THEN (2 * least(r.quantity, l.quantity) * c.unit_cost + 1000) / 2000\n"
        "                 ELSE least(r.quantity, l.quantity) * c.unit_cost END), 0) AS cost\n"
        "      FROM be_refund_lines r JOIN be_orders o USING (uuid)\n"
        "      JOIN be_lines l ON l.uuid = r.uuid AND l.line_no = r.line_no\n"
        "      LEFT JOIN be_line_costs c ON c.uuid = r.uuid AND c.line_no = r.line_no\n"
        "      WHERE" IN_SCOPE ")\n"
        "SELECT s.q - b.q +" CHANNEL_SUM(
            "l.quantity",
            CHANNEL_LINES) ",\n"
                           "       s.net - b.net +" CHANNEL_SUM(
                               "l.net", CHANNEL_LINES) ",\n"
                                                       "       s.cost - b.cost +" CHANNEL_SUM(
                                                           "c.cost",
                                                           CHANNEL_LINES) ",\n"
                                                                          "       s.uncosted + "
                                                                          "(SELECT count(*) - "
                                                                          "count(c.reservation_id) "
                                                                          "FROM " CHANNEL_LINES
                                                                          "                     "
                                                                          "WHERE" CHANNEL_IN_SCOPE
                                                                          ")\n"
                                                                          "FROM s, b";
    /* The generator's events: one ready per order and station, before the one collection. */
    static const char *const kitchen_cols[] = {"orders", "collected"};
    static const char kitchen_sql[] =
        "SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM be_kitchen c\n"
        "       WHERE c.uuid = k.uuid AND c.status = 'collected'))\n"
        "FROM be_kitchen k JOIN be_orders o USING (uuid) WHERE k.status = 'ready' AND" IN_SCOPE;
    /* Each period's 90th percentile (rank ceil(0.9 n)) and rounded average, summed over periods. */
#define KITCHEN_P90_RECOUNT(PERIOD)                                                                \
    "WITH r AS (SELECT " PERIOD " AS p, o.store_id, k.station,\n"                                  \
    "                  CASE WHEN k.at > k.paid_at THEN k.at - k.paid_at ELSE 0 END AS v\n"         \
    "           FROM be_kitchen k JOIN be_orders o USING (uuid)\n"                                 \
    "           WHERE k.status = 'ready' AND" IN_SCOPE "),\n"                                      \
    "g AS (SELECT count(*) AS n, sum(v)::bigint AS total, array_agg(v ORDER BY v) AS vs FROM r\n"  \
    "      GROUP BY p, store_id, station)\n"                                                       \
    "SELECT coalesce(sum(vs[(9 * n + 9) / 10]), 0), coalesce(sum((2 * total + n) / (2 * n)), 0)\n" \
    "FROM g"
    static const char *const kitchen_p90_cols[] = {"ready_p90_s", "ready_avg_s"};
    /* Per store and staff id: the count, voids, their amount, the waits' ranks ceil(0.9 n) and
     * ceil(n / 2), summed over staff. */
    static const char *const staff_cols[] = {"interventions", "voids", "voided", "wait_p90_s",
                                             "wait_p50_s"};
    static const char staff_sql[] =
        "WITH r AS (SELECT i.store_id, i.staff, i.decided_at - i.raised_at AS v, i.void_item,\n"
        "                  i.void_amount FROM be_interventions i JOIN be_orders o USING (uuid)\n"
        "           WHERE" IN_SCOPE "),\n"
        "g AS (SELECT count(*) AS n, count(*) FILTER (WHERE void_item <> '') AS voids,\n"
        "             sum(void_amount) AS voided, array_agg(v ORDER BY v) AS vs FROM r\n"
        "      GROUP BY store_id, staff)\n"
        "SELECT coalesce(sum(n), 0), coalesce(sum(voids), 0), coalesce(sum(voided), 0),\n"
        "       coalesce(sum(vs[(9 * n + 9) / 10]), 0), coalesce(sum(vs[(n + 1) / 2]), 0) FROM g";
    const struct {
        const char *name;
        const char *const *columns;
        size_t n;
        const char *recount;
    } checks[] = {
        {"sales by day", sales_cols, 9, sales_sql},
        {"sales by month", sales_cols, 9, sales_sql},
        {"best sellers", items_cols, 5, items_sql},
        {"VAT", vat_cols, 3, vat_sql},
        {"peak hours", peak_cols, 2, peak_sql},
        {"refunds", refunds_cols, 3, refunds_sql},
        {"payment methods", payments_cols, 5, payments_sql},
        {"profit", profit_cols, 4, profit_sql},
        {"kitchen speed", kitchen_cols, 2, kitchen_sql},
        {"kitchen speed by day", kitchen_cols, 2, kitchen_sql},
        {"kitchen speed by day, p90", kitchen_p90_cols, 2, KITCHEN_P90_RECOUNT("o.business_date")},
        {"kitchen speed by month", kitchen_cols, 2, kitchen_sql},
        {"kitchen speed by month, p90", kitchen_p90_cols, 2,
         KITCHEN_P90_RECOUNT("substr(o.business_date, 1, 7)")},
        {"staff", staff_cols, 5, staff_sql},
    };
    int wrong = 0;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        json_t *rows = json_array();
        const ks_backend_sink sink = ks_backend_rows_sink(rows);
        switch (i) {
        case 0:
        case 1:
            ks_backend_store_sales(store, s->from, s->to, s->store,
                                   i ? KS_BACKEND_GROUP_MONTH : KS_BACKEND_GROUP_DAY, i == 1, 180,
                                   &sink);
            break;
        case 2:
            ks_backend_store_items(store, s->from, s->to, s->store, false, 100, &sink);
            break;
        case 3:
            ks_backend_store_vat(store, s->from, s->to, s->store, &sink);
            break;
        case 4:
            ks_backend_store_peak(store, s->from, s->to, s->store, 180, &sink);
            break;
        case 5:
            ks_backend_store_refunds(store, s->from, s->to, s->store, &sink);
            break;
        case 6:
            ks_backend_store_payments(store, s->from, s->to, s->store, &sink);
            break;
        case 7:
            ks_backend_store_profit(store, s->from, s->to, s->store, &sink);
            break;
        case 13:
            ks_backend_store_staff(store, s->from, s->to, s->store, &sink);
            break;
        default:
            ks_backend_store_kitchen(store, s->from, s->to, s->store,
                                     i == 9 || i == 10    ? KS_BACKEND_GROUP_DAY
                                     : i == 11 || i == 12 ? KS_BACKEND_GROUP_MONTH
                                                          : KS_BACKEND_GROUP_HOUR,
                                     180, &sink);
            break;
        }
        char what[128];
        snprintf(what, sizeof what, "%s (%s)", checks[i].name, s->name);
        int bad = agree(conn, s, what, rows, checks[i].columns, checks[i].n, checks[i].recount);
        printf("check %-36s %s\n", what, bad ? "WRONG" : "agrees with the recount");
        wrong += bad;
    }
    return wrong;
}

/*
 * Main's sales per hour before be_hour_sales (d0c52ca, PostgreSQL's text):
 * the raw orders, their cancellation marks and every refund added up by
 * order, and the shop's sales; $1 $2 the dates, $3 the UTC offset in
 * seconds, $4 by store (0/1), $5 the store. The summary's answer must be
 * this one, row for row.
 */
static const char raw_sales_by_hour[] =
    "SELECT to_char(to_timestamp(created_at + $3::bigint) AT TIME ZONE 'UTC',\n"
    "               'YYYY-MM-DD HH24:00') AS period,\n"
    "       store_id, CASE $4::integer WHEN 1 THEN '' ELSE kiosk_id END AS kiosk_id,\n"
    "       sum(paid)::bigint AS orders, sum(paid * total_net)::bigint AS total_net,\n"
    "       sum(paid * total_vat)::bigint AS total_vat, sum(paid * total)::bigint AS total,\n"
    "       sum(1 - paid)::bigint AS cancelled,\n"
    "       sum((1 - paid) * total)::bigint AS cancelled_total,\n"
    "       sum(refunds)::bigint AS refunds, sum(refunded)::bigint AS refunded,\n"
    "       sum(paid * total - refunded)::bigint AS net_total\n"
    "FROM (SELECT o.business_date, o.store_id, o.kiosk_id, o.created_at, o.total_net,\n"
    "             o.total_vat, o.total, CASE WHEN c.uuid IS NULL THEN 1 ELSE 0 END AS paid,\n"
    "             coalesce(r.n, 0) AS refunds, coalesce(r.amount, 0) AS refunded\n"
    "      FROM be_orders o LEFT JOIN be_cancelled c ON c.uuid = o.uuid\n"
    "      LEFT JOIN (SELECT uuid, count(*) AS n, sum(amount) AS amount FROM be_refunds\n"
    "                 GROUP BY uuid) r ON r.uuid = o.uuid\n"
    "      UNION ALL\n"
    "      SELECT s.business_date, s.store_id, 'channel:' || s.channel AS kiosk_id,\n"
    "             s.created_at, s.total_net, s.total_vat, s.total, 1 AS paid, 0 AS refunds,\n"
    "             0 AS refunded\n"
    "      FROM be_channel_sales s) o\n"
    "WHERE business_date BETWEEN $1::text AND $2::text\n"
    "  AND ($5::text = '' OR store_id = $5::text)\n"
    "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

/*
 * Main's staff report before its summaries (7be90ea, PostgreSQL's text of
 * KS_BACKEND_STAFF_SQL): every intervention of the dates read and its
 * waits' percentiles sorted per store and staff id; $1 $2 the dates, $3 the
 * store. The staff actions' counts as the report has them since (decisions
 * while paying placed, unpaid or lost). The report's answer must be this
 * one, row for row.
 */
static const char raw_staff[] =
    "WITH w AS (SELECT store_id, staff, need, decided_at - raised_at AS wait_s, "
    "void_item,\n"
    "                  void_amount\n"
    "           FROM be_interventions\n"
    "           WHERE business_date BETWEEN $1::text AND $2::text\n"
    "             AND ($3::text = '' OR store_id = $3::text)),\n"
    "i AS (SELECT store_id, staff, count(*) AS interventions,\n"
    "       CAST(sum(CASE WHEN need = 'age' THEN 1 ELSE 0 END) AS bigint) AS age,\n"
    "       CAST(sum(CASE WHEN need = 'removal' THEN 1 ELSE 0 END) AS bigint) AS removal,\n"
    "       CAST(sum(CASE WHEN need = 'bagging' THEN 1 ELSE 0 END) AS bigint) AS bagging,\n"
    "       CAST(sum(CASE WHEN need = 'unknown' THEN 1 ELSE 0 END) AS bigint) AS unknown,\n"
    "       CAST(sum(CASE WHEN need = 'help' THEN 1 ELSE 0 END) AS bigint) AS help,\n"
    "       CAST(sum(CASE WHEN need = 'idle' THEN 1 ELSE 0 END) AS bigint) AS idle,\n"
    "       CAST(sum(CASE WHEN need = 'unasked' THEN 1 ELSE 0 END) AS bigint) AS unasked,\n"
    "       percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_s) AS wait_p50_s,\n"
    "       percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_s) AS wait_p90_s,\n"
    "       CAST(sum(CASE WHEN void_item <> '' THEN 1 ELSE 0 END) AS bigint) AS voids,\n"
    "       CAST(sum(void_amount) AS bigint) AS voided\n"
    "       FROM w GROUP BY store_id, staff),\n"
    "r AS (SELECT store_id, staff, count(*) AS asked,\n"
    "             CAST(sum(done) AS bigint) AS done,\n"
    "             CAST(coalesce(sum(refunded), 0) AS bigint) AS refunded\n"
    "      FROM (SELECT q.store_id, q.person AS staff,\n"
    "                   CASE WHEN f.refund_id IS NULL THEN 0 ELSE 1 END AS done,\n"
    "                   f.amount AS refunded\n"
    "            FROM be_refund_requests q JOIN be_orders o ON o.uuid = q.order_uuid\n"
    "            LEFT JOIN be_refunds f ON q.status = 'done' AND f.refund_id = "
    "q.refund_id\n"
    "            WHERE o.business_date BETWEEN $1::text AND $2::text\n"
    "              AND ($3::text = '' OR q.store_id = $3::text)\n"
    "            UNION ALL\n"
    "            SELECT o.store_id, ((f.refund_json ->> 'staff') COLLATE \"C\") AS staff, "
    "1 AS done,\n"
    "                   f.amount AS refunded\n"
    "            FROM be_refunds f JOIN be_orders o ON o.uuid = f.uuid\n"
    "            WHERE o.business_date BETWEEN $1::text AND $2::text\n"
    "              AND ($3::text = '' OR o.store_id = $3::text)\n"
    "              AND ((f.refund_json ->> 'staff') COLLATE \"C\") IS NOT NULL AND "
    "(f.refund_json ->> 'request_id') IS NULL) x\n"
    "      GROUP BY store_id, staff),\n"
    "a AS (SELECT s.store_id AS store_id, s.staff AS staff,\n"
    "             CAST(sum(CASE WHEN action IN ('sold_out', 'on_sale') THEN 1 ELSE 0 "
    "END) AS bigint) AS soldout_marks,\n"
    "             CAST(sum(CASE WHEN action = 'reprint' THEN 1 ELSE 0 END) AS bigint) AS "
    "reprints,\n"
    "             CAST(sum(CASE WHEN action = 'intervention' OR p.placed = 2 THEN 1 ELSE 0 "
    "END) AS bigint) AS unpaid_interventions,\n"
    "             CAST(sum(CASE WHEN action = 'paying' AND p.uuid IS NULL THEN 1 ELSE 0 "
    "END) AS bigint) AS paying_interventions,\n"
    "             CAST(sum(CASE WHEN p.placed = 3 THEN 1 ELSE 0 END) AS bigint) AS "
    "lost_interventions\n"
    "      FROM be_staff_actions s\n"
    "      LEFT JOIN be_paying_decisions p ON p.uuid = s.uuid AND p.placed > 0\n"
    "      WHERE s.business_date BETWEEN $1::text AND $2::text\n"
    "        AND ($3::text = '' OR s.store_id = $3::text) AND s.staff <> ''\n"
    "        AND s.action NOT IN ('sign_in', 'pin_lockout', 'close', 'open')\n"
    "      GROUP BY s.store_id, s.staff),\n"
    "k AS (SELECT store_id, staff FROM i UNION SELECT store_id, staff FROM r UNION "
    "SELECT store_id, staff FROM a)\n"
    "SELECT k.store_id AS store_id, k.staff AS staff,\n"
    "       coalesce(i.interventions, 0) AS interventions, coalesce(i.age, 0) AS age,\n"
    "       coalesce(i.removal, 0) AS removal, coalesce(i.bagging, 0) AS bagging,\n"
    "       coalesce(i.unknown, 0) AS unknown, coalesce(i.help, 0) AS help,\n"
    "       coalesce(i.idle, 0) AS idle, coalesce(i.unasked, 0) AS unasked,\n"
    "       coalesce(i.wait_p50_s, 0) AS wait_p50_s, coalesce(i.wait_p90_s, 0) AS "
    "wait_p90_s,\n"
    "       coalesce(i.voids, 0) AS voids, coalesce(i.voided, 0) AS voided,\n"
    "       coalesce(r.asked, 0) AS refunds_asked, coalesce(r.done, 0) AS refunds_done,\n"
    "       coalesce(r.refunded, 0) AS refunded,\n"
    "       coalesce(a.soldout_marks, 0) AS soldout_marks, coalesce(a.reprints, 0) AS "
    "reprints,\n"
    "       coalesce(a.unpaid_interventions, 0) AS unpaid_interventions,\n"
    "       coalesce(a.paying_interventions, 0) AS paying_interventions,\n"
    "       coalesce(a.lost_interventions, 0) AS lost_interventions\n"
    "FROM k LEFT JOIN i ON i.store_id = k.store_id AND i.staff = k.staff\n"
    "LEFT JOIN r ON r.store_id = k.store_id AND r.staff = k.staff\n"
    "LEFT JOIN a ON a.store_id = k.store_id AND a.staff = k.staff\n"
    "ORDER BY k.store_id, k.staff";

/*
 * rows (a store function's answer, taken) against the rows of reference
 * (SQL with the n values), column for column and in order: true when the
 * same. Says where they part.
 */
static bool same_rows(PGconn *conn, const char *what, json_t *rows, const char *reference,
                      const char *const *values, int n)
{
    PGresult *res = PQexecParams(conn, reference, n, NULL, values, NULL, NULL, 0);
    bool same = rows && PQresultStatus(res) == PGRES_TUPLES_OK &&
                (size_t)PQntuples(res) == json_array_size(rows);
    if (!same)
        fprintf(stderr, "%s: %zu rows, the reference %d (%s)\n", what, json_array_size(rows),
                PQntuples(res), PQerrorMessage(conn));
    for (int r = 0; same && r < PQntuples(res); r++) {
        json_t *row = json_array_get(rows, (size_t)r);
        for (int c = 0; same && c < PQnfields(res); c++) {
            json_t *got = json_object_get(row, PQfname(res, c));
            const char *want = PQgetvalue(res, r, c);
            char text[64];
            if (json_is_integer(got))
                snprintf(text, sizeof text, "%lld", (long long)json_integer_value(got));
            same = got && strcmp(json_is_string(got) ? json_string_value(got) : text, want) == 0 &&
                   json_object_size(row) == (size_t)PQnfields(res);
            if (!same)
                fprintf(stderr, "%s: row %d, %s: %s, the reference %s\n", what, r, PQfname(res, c),
                        json_is_string(got) ? json_string_value(got) : text, want);
        }
    }
    PQclear(res);
    json_decref(rows);
    return same;
}

/*
 * The reports kept in summaries since main (d0c52ca) against main's own
 * SQL over the raw rows, row for row: sales per hour (by kiosk and by
 * store, over the scope's last week at most, as asked) and staff (over
 * the scope). The number that differ.
 */
static int check_against_main(ks_backend_store *store, PGconn *conn, const struct scope *s)
{
    int wrong = 0;
    const char *from = strcmp(s->from, s->to) != 0 ? LAST_WEEK : s->from;
    for (int by_store = 0; by_store < 2; by_store++) {
        json_t *rows = json_array();
        const ks_backend_sink sink = ks_backend_rows_sink(rows);
        ks_backend_store_sales(store, from, s->to, s->store, KS_BACKEND_GROUP_HOUR, by_store, 180,
                               &sink);
        const char *values[] = {from, s->to, "10800", by_store ? "1" : "0", s->store};
        char what[128];
        snprintf(what, sizeof what, "sales per hour%s (%s)", by_store ? " and store" : "", s->name);
        bool same = same_rows(conn, what, rows, raw_sales_by_hour, values, 5);
        printf("check %-36s %s\n", what, same ? "the same as main's SQL" : "WRONG");
        wrong += !same;
    }
    json_t *rows = json_array();
    const ks_backend_sink sink = ks_backend_rows_sink(rows);
    ks_backend_store_staff(store, s->from, s->to, s->store, &sink);
    const char *values[] = {s->from, s->to, s->store};
    char what[128];
    snprintf(what, sizeof what, "staff (%s)", s->name);
    bool same = same_rows(conn, what, rows, raw_staff, values, 3);
    printf("check %-36s %s\n", what, same ? "the same as main's SQL" : "WRONG");
    return wrong + !same;
}

/* The backend on loopback, with its manager and one kiosk (kiosk-02, for the intake). */
static bool start_backend(struct backend_run *run, const char *database)
{
    static ks_backend_config cfg;
    ks_backend_config_defaults(&cfg);
    static const char ini[] = "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                              "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN "\n";
    char why[256] = "";
    if (ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why) &&
        backend_run_start(run, &cfg, database))
        return true;
    fprintf(stderr, "bench_reports_pg: the backend did not start %s\n", why);
    return false;
}

/* One report's GET: its time in ms, or -1 when it is not answered 200. */
/* The CPU time of this process (the backend's threads and the client's) in ms. */
static double process_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The CPU time of this process during the last time_report, in ms. */
static double last_cpu_ms;
/* time_report's last answer: from the request to its first byte (a streamed report's start). */
static double last_first_byte_ms;

static double time_report(const struct backend_run *run, const struct report *r,
                          const struct scope *s)
{
    char url[512];
    const char *from = r->week && strcmp(s->from, s->to) != 0 ? LAST_WEEK : s->from;
    snprintf(url, sizeof url, "%s%s%sfrom=%s&to=%s&store=%s", run->base, r->path,
             r->path[strlen(r->path) - 1] == '?' ? "" : "&", from, s->to, s->store);
    static struct http_reply reply;
    double cpu = process_cpu_ms();
    int64_t start = bench_now_ns();
    http_call(&(struct http_request){.method = "GET", .url = url, .token = MANAGER_TOKEN}, &reply);
    double ms = (double)(bench_now_ns() - start) / 1e6;
    last_cpu_ms = process_cpu_ms() - cpu;
    last_first_byte_ms = reply.first_byte_ms;
    if (reply.status != 200) {
        fprintf(stderr, "GET %s: %ld %s\n", url, reply.status, reply.body);
        return -1;
    }
    return ms;
}

/*
 * Warm figures of every report and scope: runs timed after one untimed. A
 * report not answered (a timeout, a failure) prints "no answer" and the run
 * goes on; the count of those is returned.
 */
static int time_warm(const struct backend_run *run, int runs)
{
    static double samples[MAX_RUNS], cpu[MAX_RUNS], first_byte[MAX_RUNS];
    int unanswered = 0;
    for (size_t s = 0; s < N_SCOPES; s++)
        for (size_t r = 0; r < N_REPORTS; r++) {
            if (!report_timed(&reports[r]))
                continue;
            bool ok = time_report(run, &reports[r], &scopes[s]) >= 0;
            for (int i = 0; ok && i < runs; i++) {
                ok = (samples[i] = time_report(run, &reports[r], &scopes[s])) >= 0;
                cpu[i] = last_cpu_ms;
                first_byte[i] = last_first_byte_ms;
            }
            char name[160];
            snprintf(name, sizeof name, "warm  %-26s %-16s", reports[r].name, scopes[s].name);
            if (!ok) {
                printf("%s: no answer\n", name);
                unanswered++;
                continue;
            }
            bench_report(name, samples, (size_t)runs, "ms");
            /* One report alone: also the CPU the backend and the client spent on it, which a
             * busy box does not stretch as it stretches the time. */
            if (only_report) {
                snprintf(name, sizeof name, "cpu   %-26s %-16s", reports[r].name, scopes[s].name);
                bench_report(name, cpu, (size_t)runs, "ms");
                snprintf(name, sizeof name, "ttfb  %-26s %-16s", reports[r].name, scopes[s].name);
                bench_report(name, first_byte, (size_t)runs, "ms");
            }
        }
    return unanswered;
}

/*
 * Cold figures: before each request the backend and the server of
 * server_dir are stopped and started again (the page cache stays). A report
 * not answered prints "no answer" and the run goes on; the count of those is
 * returned, or -1 when the server or the backend did not start again.
 */
static int time_cold(struct backend_run *run, const char *database, const char *server_dir)
{
    int unanswered = 0;
    /* One request each, or RUNS for one report alone (KIOSK_BENCH_REPORT). */
    int runs = only_report ? RUNS : 1;
    for (size_t s = 0; s < N_SCOPES; s++)
        for (size_t r = 0; r < N_REPORTS; r++) {
            if (!report_timed(&reports[r]))
                continue;
            double samples[RUNS], first_byte[RUNS];
            bool again = false;
            int answered = 0;
            for (int i = 0; i < runs; i++) {
                backend_run_stop(run);
                if (!backend_pg_script("stop", server_dir, NULL) ||
                    !backend_pg_script("start", server_dir, PG_PORT))
                    return -1;
                /* The backend's start counts the orders within its probe's timeout, which a busy
                 * box can miss on a cold server: once more (the report's own tables stay cold). */
                bool retried = !start_backend(run, database);
                if (retried && !start_backend(run, database))
                    return -1;
                again = again || retried;
                double ms = time_report(run, &reports[r], &scopes[s]);
                if (ms >= 0) {
                    first_byte[answered] = last_first_byte_ms;
                    samples[answered++] = ms;
                }
            }
            char name[160];
            snprintf(name, sizeof name, "cold  %-26s %-16s", reports[r].name, scopes[s].name);
            if (answered < runs) {
                printf("%s: no answer\n", name);
                unanswered++;
            } else if (runs > 1) {
                bench_report(name, samples, (size_t)runs, "ms");
                snprintf(name, sizeof name, "ttfb  %-26s %-16s", reports[r].name, scopes[s].name);
                bench_report(name, first_byte, (size_t)runs, "ms");
            } else {
                printf("%s %.1f ms (server and backend restarted%s; page cache kept)\n", name,
                       samples[0], again ? ", the backend at its second try" : "");
            }
        }
    return unanswered;
}

/*
 * KIOSK_BENCH_BUSY: the waits of a busy attendant's month (staff-busy at
 * the intake's store, in its orders' month) written before intake, whose
 * orders then carry one of their interventions each; 0: none.
 */
static long busy_waits;

/* Intake's order index, numbered number: paid, with staff-busy's intervention when busy_waits. */
static char *intake_json(unsigned index, int32_t number)
{
    if (busy_waits <= 0)
        return kitchen_paid_json(index, number);
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    o->number = number;
    o->status = KS_ORDER_PAID;
    o->interventions = calloc(1, sizeof *o->interventions);
    if (!o->interventions) {
        ks_order_free(o);
        return NULL;
    }
    o->n_interventions = 1;
    ks_order_intervention *iv = o->interventions;
    *iv = (ks_order_intervention){.need = KS_INTERVENTION_HELP,
                                  .decision = KS_INTERVENTION_HELP_GIVEN,
                                  .raised_at = o->created_at - 400,
                                  .decided_at = o->created_at - 400 + (int64_t)(index % 300)};
    snprintf(iv->staff, sizeof iv->staff, "staff-busy");
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    return json;
}

/*
 * staff-busy's month of busy_waits waits (0-299 s) at the intake's store, as
 * be_staff_months keeps a month filled at once (one row); nothing when an
 * earlier run wrote it (its orders since added to it).
 */
static bool seed_busy_month(PGconn *conn, unsigned first)
{
    char *order = kitchen_paid_json(first, 1);
    json_t *parsed = order ? json_loads(order, 0, NULL) : NULL;
    const char *date = json_string_value(json_object_get(parsed, "business_date"));
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO be_staff_months (store_id, staff, month, " KS_BACKEND_STAFF_MONTH_SUMS
             ", waits)\n"
             "SELECT 'riyadh-01', 'staff-busy', '%.7s', %ld, 0, 0, 0, 0, %ld, 0, 0, 0, 0,\n"
             "       array_agg(CAST(g * 37 %% 300 AS integer)) FROM generate_series(1, %ld) g\n"
             "ON CONFLICT DO NOTHING",
             date ? date : "", busy_waits, busy_waits, busy_waits);
    bool ok = date && pg_run(conn, sql);
    json_decref(parsed);
    free(order);
    return ok;
}

/* Order intake on the loaded tables: INTAKE_ORDERS orders posted one at a time as kiosk-02. */
static bool time_intake(const struct backend_run *run, const char *when, unsigned first)
{
    double samples[INTAKE_ORDERS];
    char url[128];
    snprintf(url, sizeof url, "%s/v1/orders", run->base);
    for (unsigned i = 0; i < INTAKE_ORDERS; i++) {
        char *body = intake_json(first + i, (int32_t)(i + 1));
        static struct http_reply reply;
        int64_t start = bench_now_ns();
        json_t *parsed = body ? json_loads(body, 0, NULL) : NULL;
        const char *uuid = json_string_value(json_object_get(parsed, "uuid"));
        http_call(&(struct http_request){.method = "POST",
                                         .url = url,
                                         .token = KITCHEN_TOKEN,
                                         .idempotency_key = uuid,
                                         .body = body,
                                         .body_len = body ? strlen(body) : 0},
                  &reply);
        samples[i] = (double)(bench_now_ns() - start) / 1e6;
        json_decref(parsed);
        free(body);
        if (reply.status != 201) {
            fprintf(stderr, "POST /v1/orders: %ld %s\n", reply.status, reply.body);
            return false;
        }
    }
    char name[96];
    snprintf(name, sizeof name, "intake POST /v1/orders, %s%s", when,
             busy_waits > 0 ? ", each with staff-busy's intervention" : "");
    bench_report(name, samples, INTAKE_ORDERS, "ms");
    return true;
}

/*
 * Kitchen events on the loaded tables: a ready and then a collected of each
 * of the INTAKE_ORDERS orders time_intake posted from first, one at a time
 * (each rewrites its order's times, its day's and month's counts).
 */
static bool time_kitchen(const struct backend_run *run, unsigned first)
{
    double samples[2 * INTAKE_ORDERS];
    for (unsigned i = 0; i < 2 * INTAKE_ORDERS; i++) {
        char *order = kitchen_paid_json(first + i / 2, (int32_t)(i / 2 + 1));
        json_t *parsed = order ? json_loads(order, 0, NULL) : NULL;
        const char *uuid = json_string_value(json_object_get(parsed, "uuid"));
        json_int_t paid_at = json_integer_value(json_object_get(parsed, "updated_at"));
        char url[256], body[128];
        snprintf(url, sizeof url, "%s/v1/orders/%s/kitchen", run->base, uuid ? uuid : "none");
        snprintf(body, sizeof body, "{\"status\":\"%s\",\"at\":%lld}",
                 i % 2 ? "collected" : "ready", (long long)paid_at + 300 + 60 * (i % 2));
        static struct http_reply reply;
        int64_t start = bench_now_ns();
        http_call(&(struct http_request){.method = "POST",
                                         .url = url,
                                         .token = KITCHEN_TOKEN,
                                         .body = body,
                                         .body_len = strlen(body)},
                  &reply);
        samples[i] = (double)(bench_now_ns() - start) / 1e6;
        json_decref(parsed);
        free(order);
        if (reply.status != 201) {
            fprintf(stderr, "POST %s: %ld %s\n", url, reply.status, reply.body);
            return false;
        }
    }
    bench_report("kitchen events POST /v1/orders/{uuid}/kitchen, on the loaded year", samples,
                 2 * INTAKE_ORDERS, "ms");
    return true;
}

/*
 * The chain's year per month with every store's last month stale, as after
 * a day of kitchen events everywhere: marked so before each of RUNS
 * requests, which write those months again before they answer.
 */
static bool time_stale_months(const struct backend_run *run, const char *database)
{
    /* Found by name: the last report of the list it once was, is not. */
    const struct report *by_month = NULL;
    for (size_t r = 0; r < N_REPORTS; r++)
        if (strcmp(reports[r].name, "kitchen speed by month") == 0)
            by_month = &reports[r];
    PGconn *conn = PQconnectdb(database);
    double samples[RUNS];
    bool ok = PQstatus(conn) == CONNECTION_OK;
    for (int i = 0; ok && i < RUNS; i++) {
        ok = pg_run(conn, "INSERT INTO be_kitchen_stale (month, store_id)\n"
                          "SELECT DISTINCT month, store_id FROM be_kitchen_months\n"
                          "WHERE month = '2026-12' ON CONFLICT DO NOTHING") &&
             (samples[i] = time_report(run, by_month, &scopes[0])) >= 0;
    }
    if (ok)
        bench_report("warm  kitchen speed by month, year, chain, every store's December stale",
                     samples, RUNS, "ms");
    PQfinish(conn);
    return ok;
}

/*
 * The orders of a year an earlier run kept in the schema "reports" at
 * conninfo (database[cap]: conninfo in that schema), 0 when there are none.
 */
static int64_t kept_orders(const char *conninfo, char *database, size_t cap)
{
    if (!backend_pg_in_schema(conninfo, "reports", database, cap))
        return 0;
    PGconn *conn = PQconnectdb(database);
    int64_t orders = 0;
    if (PQstatus(conn) == CONNECTION_OK &&
        pg_int(conn, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('be_orders')") == 1)
        orders = pg_int(conn, "SELECT count(*) FROM be_orders");
    PQfinish(conn);
    return orders > 0 ? orders : 0;
}

/*
 * The run on the server at conninfo (server_dir: its folder when it is ours,
 * else NULL). keep: a year already in the schema is timed again, not loaded
 * again (the backend's migrations still run on it when it is opened).
 */
static int bench(const char *conninfo, const char *server_dir, long lines, bool check, bool keep,
                 bool intake_only)
{
    char database[4200];
    int64_t kept = keep && !check ? kept_orders(conninfo, database, sizeof database) : 0;
    if (kept > 0)
        printf("the year kept by an earlier run: %lld orders (not loaded again)\n",
               (long long)kept);
    else if (!backend_pg_fresh(conninfo, "reports", database, sizeof database))
        return 1;
    enum ks_db_error err;
    ks_backend_store *migrated = ks_backend_store_open(database, &err);
    if (!migrated) {
        fprintf(stderr, "bench_reports_pg: the backend's tables: %s\n", ks_db_strerror(err));
        return 1;
    }
    int status = kept > 0 || load_year(database, lines) ? 0 : 1;
    PGconn *conn = PQconnectdb(database);
    /* Intake posts orders after those of earlier runs on a kept year (kiosk-02 is only theirs). */
    int64_t posted = pg_int(conn, "SELECT count(*) FROM be_orders WHERE kiosk_id = 'kiosk-02'");
    unsigned first = 3000000u + (unsigned)(posted > 0 ? posted : 0);
    if (status == 0 && intake_only && busy_waits > 0 && !seed_busy_month(conn, first))
        status = 1;
    for (size_t s = 0; check && status == 0 && s < N_SCOPES; s++)
        status = check_scope(migrated, conn, &scopes[s]) ||
                         check_against_main(migrated, conn, &scopes[s])
                     ? 1
                     : 0;
    PQfinish(conn);
    ks_backend_store_close(migrated);
    struct backend_run run = {0};
    if (status == 0 && !start_backend(&run, database))
        status = 1;
    /* Under --check every report must answer; a figures run prints "no answer" and goes on. */
    int unanswered = status == 0 && !intake_only ? time_warm(&run, check ? 1 : warm_runs) : 0;
    if (check && unanswered > 0)
        status = 1;
    if (status == 0 && !check && !intake_only && server_dir &&
        time_cold(&run, database, server_dir) < 0)
        status = 1;
    if (status == 0 && !check && !intake_only && !server_dir)
        printf("cold: not measured (the server of KIOSK_TEST_PG is not restarted)\n");
    if (status == 0 && !only_report && !time_intake(&run, "on the loaded year", first))
        status = 1;
    if (status == 0 && !intake_only && !only_report && !time_kitchen(&run, first))
        status = 1;
    if (status == 0 && !intake_only && !only_report && !time_stale_months(&run, database))
        status = 1;
    /* December's rows written again by the report, after the kitchen events: recounted again;
     * and the day of the orders intake posted, which it added to the summaries. */
    if (status == 0 && check) {
        ks_backend_store *again = ks_backend_store_open(database, &err);
        conn = PQconnectdb(database);
        char day[16] = "";
        PGresult *res = PQexec(conn, "SELECT max(business_date) FROM be_orders "
                                     "WHERE kiosk_id = 'kiosk-02'");
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
            snprintf(day, sizeof day, "%s", PQgetvalue(res, 0, 0));
        PQclear(res);
        const struct scope intake_day = {"intake's day, chain", day, day, ""};
        status = !again || !day[0] || check_scope(again, conn, &scopes[0]) ||
                         check_against_main(again, conn, &scopes[0]) ||
                         check_against_main(again, conn, &intake_day)
                     ? 1
                     : 0;
        PQfinish(conn);
        ks_backend_store_close(again);
    }
    if (run.server)
        backend_run_stop(&run);
    return status;
}

int main(int argc, char **argv)
{
    bool check = argc > 1 && strcmp(argv[1], "--check") == 0;
    bool intake_only = argc > 1 && strcmp(argv[1], "--intake") == 0;
    int arg = check || intake_only ? 2 : 1;
    long lines = argc > arg ? strtol(argv[arg], NULL, 10) : check ? CHECK_LINES : DEFAULT_LINES;
    if (argc > arg + 1 || lines < 100 || lines > 100000000) {
        fprintf(stderr,
                "usage: bench_reports_pg [--check | --intake] [LINES]  (100 to 100,000,000)\n");
        return 2;
    }
    /* Figures as they come: a full run takes minutes. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    ks_log_set_level(KS_LOG_WARN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *conninfo = backend_env("KIOSK_TEST_PG");
    bool keep = backend_env("KIOSK_BENCH_KEEP") != NULL;
    const char *busy = backend_env("KIOSK_BENCH_BUSY");
    busy_waits = busy && intake_only ? strtol(busy, NULL, 10) : 0;
    only_report = check ? NULL : backend_env("KIOSK_BENCH_REPORT");
    size_t named = 0;
    for (size_t r = 0; only_report && r < N_REPORTS; r++)
        named += report_timed(&reports[r]);
    const char *runs = check ? NULL : backend_env("KIOSK_BENCH_RUNS");
    warm_runs = runs ? (int)strtol(runs, NULL, 10) : RUNS;
    if (warm_runs < 1 || warm_runs > MAX_RUNS) {
        fprintf(stderr, "bench_reports_pg: KIOSK_BENCH_RUNS: 1 to %d warm runs, not %s\n", MAX_RUNS,
                runs);
        return 2;
    }
    if (only_report && !named) {
        fprintf(stderr, "bench_reports_pg: KIOSK_BENCH_REPORT: no report is named %s\n",
                only_report);
        return 2;
    }
    char server_dir[64] = "", own[160];
    if (!conninfo) {
        const char *tmp = backend_env("KIOSK_TEST_TMPDIR");
        /* FNV-1a of the tmp folder: one server per checkout, its socket path short. */
        uint32_t h = 2166136261u;
        for (const char *p = tmp ? tmp : "."; *p; p++)
            h = (h ^ (uint8_t)*p) * 16777619u;
        snprintf(server_dir, sizeof server_dir, "/tmp/kiosk-pg-reports-%08x", (unsigned)h);
        if (!backend_pg_script("start", server_dir, PG_PORT)) {
            printf("reports, PostgreSQL: skipped: tests/support/postgres.sh could not start a "
                   "server in %s (is the postgresql package installed?)\n",
                   server_dir);
            curl_global_cleanup();
            return 0;
        }
        snprintf(own, sizeof own, "host=%s port=" PG_PORT " dbname=kiosk_test user=postgres",
                 server_dir);
        conninfo = own;
    }
    printf("reports over a year of 50 stores, %ld order lines asked%s\n", lines,
           check ? " (check: answers recounted)" : "");
    int status =
        bench(conninfo, server_dir[0] ? server_dir : NULL, lines, check, keep, intake_only);
    /* Its server and the year in it (gigabytes) go with the run, unless kept for the next. */
    if (server_dir[0] && !backend_pg_script(keep ? "stop" : "remove", server_dir, NULL))
        status = 1;
    if (server_dir[0] && keep)
        printf("kept: the server in %s, stopped (tests/support/postgres.sh remove %s)\n",
               server_dir, server_dir);
    printf("peak memory: %ld KiB\n", bench_peak_rss_kib());
    curl_global_cleanup();
    return status;
}
