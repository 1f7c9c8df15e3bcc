/*
 * The retention's prune (kiosk/store/retention_store.h) on a database of
 * ORDERS orders all older than the period, each as the kiosk leaves it
 * once everything is delivered: 3 lines with a detail each, VAT, 4 status
 * events, an approved payment, 2 printed jobs, its signed invoice (12,400
 * bytes of XML, the average of unit.einvoice_chain's documents) and its 4
 * delivered messages (kitchen, the backend's copy, the ZATCA report and the
 * archive copy naming the document). Made in one transaction on a raw
 * connection (the kiosk's own fsyncs each order), then pruned as the worker
 * does, 200 orders a transaction: the file's size before and after, its
 * free pages, each transaction's time (median, p99) and the whole pass;
 * then what a VACUUM would take to give the free pages back. Figures
 * printed, never asserted.
 *
 *   bench_retention [--orders N] [--dir DIR]
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kiosk/store/db.h"
#include "kiosk/store/retention_store.h"
#include "tests/bench/bench_util.h"

#define DAY 86400
#define BATCH 200

/* Every table of an order, ?1 orders created from ?2 on, one a second. */
static const char sql_make[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)\n"
    "INSERT INTO orders (uuid, store_id, kiosk_id, business_date, number, service, status,\n"
    "    lang, currency, exponent, prices_include_tax, menu_version, subtotal, discount,\n"
    "    total_net, total_vat, total, created_at, updated_at)\n"
    "SELECT printf('%08x-0000-4000-8000-%012x', i, i), 'riyadh-01', 'kiosk-01',\n"
    "    date(?2 + i, 'unixepoch'), i, 'takeaway', 'collected', 'ar', 'SAR', 2, 1, 'm1',\n"
    "    3450, 0, 3000, 450, 3450, ?2 + i, ?2 + i FROM n;\n";
static const char *const sql_children[] = {
    "INSERT INTO order_lines (order_uuid, line_no, item_id, category_id, name_ar, name_en,\n"
    "    unit, quantity, unit_price, note, vat_rate_bp, discount, net, vat, gross,\n"
    "    promo_note_ar, promo_note_en)\n"
    "SELECT uuid, l.v, 'item-' || l.v, 'burgers', 'برجر دجاج', 'Chicken burger', 'each', 1,\n"
    "    1150, '', 1500, 0, 1000, 150, 1150, '', ''\n"
    "FROM orders, (SELECT 0 AS v UNION ALL SELECT 1 UNION ALL SELECT 2) l",
    "INSERT INTO order_line_details (order_uuid, line_no, detail_no, kind, detail_id, name_ar,\n"
    "    name_en, price_delta, depth) SELECT order_uuid, line_no, 0, 'modifier', 'no-onion',\n"
    "    'بدون بصل', 'No onion', 0, 0 FROM order_lines",
    "INSERT INTO order_vat SELECT uuid, 1500, 3000, 450 FROM orders",
    "INSERT INTO order_events (order_uuid, from_status, to_status, at)\n"
    "SELECT uuid, s.f, s.t, created_at FROM orders, (SELECT NULL AS f, 'created' AS t\n"
    "    UNION ALL SELECT 'created', 'paid' UNION ALL SELECT 'paid', 'sent_to_kitchen'\n"
    "    UNION ALL SELECT 'sent_to_kitchen', 'collected') s",
    "INSERT INTO payments (sale_txn_id, order_uuid, status, amount, method, masked_card,\n"
    "    approval_code, terminal_ref, created_at, updated_at)\n"
    "SELECT 'sale-' || uuid, uuid, 'approved', total, 'mada', '440647******1234', '123456',\n"
    "    'ref-123456789012', created_at, created_at FROM orders",
    "INSERT INTO print_jobs (order_uuid, kind, status, created_at, printed_at)\n"
    "SELECT uuid, k.v, 'printed', created_at, created_at FROM orders,\n"
    "    (SELECT 'receipt' AS v UNION ALL SELECT 'kitchen') k",
    "INSERT INTO einvoices (icv, uuid, number, order_uuid, kind, issued_at, pih, hash, qr, xml)\n"
    "SELECT rowid, uuid, 'riyadh-01-kiosk-01-' || rowid, uuid, 388, created_at,\n"
    "    'pih-' || rowid, 'hash-' || rowid, hex(randomblob(200)), randomblob(12400)\n"
    "FROM orders ORDER BY rowid",
    "INSERT INTO outbox (order_uuid, destination, payload, created_at, next_attempt_at,\n"
    "    delivered_at, path, document, document_as)\n"
    "SELECT o.uuid, m.d, m.p, o.created_at, o.created_at, o.created_at + 2, m.path,\n"
    "    CASE WHEN m.a = '' THEN NULL ELSE e.icv END, m.a\n"
    "FROM orders o JOIN einvoices e ON e.order_uuid = o.uuid,\n"
    "    (SELECT 'kitchen' AS d, '{\"number\":7,\"lines\":\"' || printf('%.600c', 'x') || '\"}' AS "
    "p,\n"
    "        '' AS path, '' AS a\n"
    "     UNION ALL SELECT 'backend', '{\"order\":\"' || printf('%.1500c', 'x') || '\"}', '', ''\n"
    "     UNION ALL SELECT 'zatca', '{\"invoiceHash\":\"h\",\"uuid\":\"u\"}', '', 'invoice'\n"
    "     UNION ALL SELECT 'backend', '{\"store_id\":\"riyadh-01\",\"order_uuid\":\"u\"}',\n"
    "        'einvoices', 'xml') m",
};

static double file_mb(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_size / 1e6 : -1;
}

static int64_t pragma(sqlite3 *conn, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* The orders and all about them, on a raw connection without syncs. */
static bool make(const char *path, long orders, int64_t first)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *stmt = NULL;
    bool ok =
        sqlite3_open(path, &conn) == SQLITE_OK &&
        sqlite3_exec(conn, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(conn, sql_make, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_bind_int64(stmt, 1, orders) == SQLITE_OK &&
        sqlite3_bind_int64(stmt, 2, first) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_DONE;
    sqlite3_finalize(stmt);
    for (size_t i = 0; ok && i < sizeof sql_children / sizeof *sql_children; i++)
        ok = sqlite3_exec(conn, sql_children[i], NULL, NULL, NULL) == SQLITE_OK;
    ok = ok && sqlite3_exec(conn, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) ==
                   SQLITE_OK;
    if (!ok)
        fprintf(stderr, "bench_retention: making the orders: %s\n", sqlite3_errmsg(conn));
    sqlite3_close(conn);
    return ok;
}

int main(int argc, char **argv)
{
    long orders = 100000;
    const char *dir = "/tmp";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--orders") == 0)
            orders = strtol(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--dir") == 0)
            dir = argv[i + 1];
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/bench-retention.db", dir);
    for (const char *suffix = ""; suffix; suffix = suffix[0] ? NULL : "-wal") {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", path, suffix);
        remove(p);
    }
    int64_t now = (int64_t)time(NULL);
    ks_db *db = ks_db_open(path, NULL); /* the schema */
    ks_db_close(db);
    int64_t made_ns = bench_now_ns();
    if (!db || !make(path, orders, now - 400 * DAY))
        return 1;
    printf("made %ld orders in %.1f s: %.1f MB\n", orders, (bench_now_ns() - made_ns) / 1e9,
           file_mb(path));

    db = ks_db_open(path, NULL);
    if (!db)
        return 1;
    ks_retention_pass pass;
    ks_retention_pass_init(&pass, now, 90 * DAY, 30 * DAY);
    size_t cap = (size_t)orders / BATCH + (size_t)orders * 4 / BATCH + 16, n = 0;
    double *ms = calloc(cap, sizeof *ms);
    int64_t start = bench_now_ns();
    while (ms && !pass.done && n < cap) {
        int64_t t = bench_now_ns();
        if (ks_retention_step(db, &pass, BATCH) != KS_DB_OK)
            return 1;
        ms[n++] = (bench_now_ns() - t) / 1e6;
    }
    double total_s = (bench_now_ns() - start) / 1e9;
    ks_db_close(db);
    printf("pruned %lld orders, %lld e-invoices, %lld messages in %zu transactions of %d,"
           " %.1f s in all\n",
           (long long)pass.removed.orders, (long long)pass.removed.documents,
           (long long)pass.removed.messages, n, BATCH, total_s);
    bench_report("a transaction of the prune", ms, n, "ms");
    free(ms);

    sqlite3 *conn = NULL;
    sqlite3_open(path, &conn);
    sqlite3_exec(conn, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    int64_t pages = pragma(conn, "PRAGMA page_count"),
            free_pages = pragma(conn, "PRAGMA freelist_count");
    printf("after: %.1f MB, %lld pages of which %lld free (reused by the next orders)\n",
           file_mb(path), (long long)pages, (long long)free_pages);
    int64_t t = bench_now_ns();
    sqlite3_exec(conn, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    printf("a VACUUM would take %.2f s (the whole file rewritten, the database locked) and leave"
           " %.2f MB\n",
           (bench_now_ns() - t) / 1e9, file_mb(path));
    sqlite3_close(conn);
    return 0;
}
