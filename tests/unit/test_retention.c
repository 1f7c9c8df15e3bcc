/*
 * Retention (kiosk/store/retention_store.h): on a real database file with
 * orders of several ages and states, the prune removes exactly the orders
 * (and everything about them) that are old and safely elsewhere, one case
 * per rule that keeps an order; delivered messages past the period go; the
 * e-invoice chain carries on after a prune (the next document's ICV and
 * PIH, checked and verified as unit.einvoice_chain does).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/app/checkout.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/app/retention.h"
#include "kiosk/einvoice/einvoice_verify.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/retention_store.h"
#include "kiosk/store/zatca_report_store.h"
#include "tests/support/check.h"
#include "tests/support/zatca_fixture.h"
#include "tests/unit/test_store_fixture.h"

#define NOW 1795478400 /* 2026-11-24 00:00 UTC */
#define DAY 86400
#define KEEP (10 * DAY)   /* the period the cases use */
#define REFUND (30 * DAY) /* the refund window the cases use */
#define OLD (200 * DAY)   /* an age past both */

static ks_config cfg;

static ks_einvoicing *open_einvoicing(void)
{
    return zatca_fixture_einvoicing(&cfg);
}

/* Stores order index created age seconds before NOW and pays it (invoice, messages, receipt). */
static bool pay(ks_db *db, const ks_einvoicing *e, unsigned index, int64_t age)
{
    ks_order *order = fixture_order(index, cfg.store_id, NOW - age, 0);
    int32_t number = 0;
    enum ks_db_error err = ks_order_store_insert(db, order, 0, &number);
    order->number = number;
    if (err == KS_DB_OK)
        err = ks_checkout_mark_paid(db, order, NOW - age + 30, e, KS_PAYMENT_CARD, false);
    ks_order_free(order);
    return err == KS_DB_OK;
}

/* fmt with each "%s" replaced by the uuid of order index, into sql[cap]. */
static void with_uuid(const char *fmt, unsigned index, char *sql, size_t cap)
{
    char uuid[37];
    fixture_uuid(index, uuid);
    size_t n = 0;
    for (const char *c = fmt; *c && n + 37 < cap; c++) {
        if (c[0] == '%' && c[1] == 's') {
            memcpy(sql + n, uuid, 36);
            n += 36;
            c++;
        } else {
            sql[n++] = *c;
        }
    }
    sql[n] = '\0';
}

/* The answer of fmt about order index, on a connection of its own (fixture_sql_int). */
static int64_t sql_int(const char *path, const char *fmt, unsigned index)
{
    char sql[1024];
    with_uuid(fmt, index, sql, sizeof sql);
    return fixture_sql_int(path, sql);
}

static bool sql_do(const char *path, const char *fmt, unsigned index)
{
    char sql[1024];
    with_uuid(fmt, index, sql, sizeof sql);
    return fixture_sql_exec(path, sql) == SQLITE_OK;
}

/* Each order of the world, and what the prune must do with it. */
enum why_kept {
    REMOVED,
    YOUNG,            /* younger than the period */
    IN_REFUND_WINDOW, /* past the period, not the refund window */
    BACKEND_UNSENT,   /* the backend's copy of the order not acknowledged */
    KITCHEN_UNSENT,   /* the kitchen's ticket not acknowledged */
    REPORT_SET_ASIDE, /* ZATCA refused its report: set aside, undelivered */
    ARCHIVE_UNSENT,   /* the archive's copy of its invoice not stored yet */
    ARCHIVE_NONE,     /* its invoice has no archive copy at all (signed before copies) */
    PAYMENT_UNKNOWN,  /* a payment the terminal never settled */
    PRINT_QUEUED,     /* a receipt still to print */
    REFUND_OPEN,      /* a refund requested, not given back */
    OFFICE_REFUND,    /* a back office request about it still open */
    CHAIN_HEAD,       /* it holds the chain's last document */
};

static const struct world_order {
    unsigned index;
    int64_t age;
    enum why_kept why;
    const char *sql; /* what makes it so, %s its uuid; NULL: nothing */
} world[] = {
    {1, OLD, REMOVED, NULL},
    {2, OLD + DAY, REMOVED, NULL},
    {3, 5 * DAY, YOUNG, NULL},
    {4, 20 * DAY, IN_REFUND_WINDOW, NULL},
    {5, 40 * DAY, REMOVED, NULL},
    {6, OLD, BACKEND_UNSENT,
     "UPDATE outbox SET delivered_at = NULL WHERE order_uuid = '%s' AND destination = 'backend'"
     " AND path = ''"},
    {7, OLD, KITCHEN_UNSENT,
     "UPDATE outbox SET delivered_at = NULL WHERE order_uuid = '%s' AND destination = 'kitchen'"},
    {8, OLD, REPORT_SET_ASIDE,
     "UPDATE outbox SET delivered_at = NULL, next_attempt_at = 9223372036854775807"
     " WHERE order_uuid = '%s' AND destination = 'zatca'"},
    {9, OLD, ARCHIVE_UNSENT,
     "UPDATE outbox SET delivered_at = NULL WHERE order_uuid = '%s' AND path = 'einvoices'"},
    {10, OLD, PAYMENT_UNKNOWN,
     "INSERT INTO payments (sale_txn_id, order_uuid, status, amount, created_at, updated_at)"
     " VALUES ('sale-10', '%s', 'unknown', 100, 1, 1)"},
    {11, OLD, PRINT_QUEUED,
     "INSERT INTO print_jobs (order_uuid, kind, status, created_at)"
     " VALUES ('%s', 'receipt', 'queued', 1)"},
    {12, OLD, REFUND_OPEN,
     "INSERT INTO refunds (id, order_uuid, status, method, amount, reason, staff, created_at,"
     " updated_at) VALUES ('5eed0000-0000-4000-8000-0000000000c1', '%s', 'given_back', 'cash',"
     " 100, 'cold', 'staff-7', 1, 1)"},
    {13, OLD, OFFICE_REFUND,
     "INSERT INTO office_refunds (request_id, order_uuid, refund_id, reason, person, asked_at,"
     " received_at, status, updated_at) VALUES ('5eed0000-0000-4000-8000-0000000000d1', '%s',"
     " '5eed0000-0000-4000-8000-0000000000d2', 'cold', 'sami', 1, 1, 'open', 1)"},
    {16, OLD, ARCHIVE_NONE, "DELETE FROM outbox WHERE order_uuid = '%s' AND path = 'einvoices'"},
    /* the last paid: its invoice is the chain's head */
    {14, OLD + 2 * DAY, CHAIN_HEAD, NULL},
};
#define WORLD_N (sizeof world / sizeof world[0])

/* What a removed order leaves behind anywhere: must be 0. */
static const char *const traces[] = {
    "SELECT count(*) FROM orders WHERE uuid = '%s'",
    "SELECT count(*) FROM order_lines WHERE order_uuid = '%s'",
    "SELECT count(*) FROM order_line_details WHERE order_uuid = '%s'",
    "SELECT count(*) FROM order_vat WHERE order_uuid = '%s'",
    "SELECT count(*) FROM order_events WHERE order_uuid = '%s'",
    "SELECT count(*) FROM payments WHERE order_uuid = '%s'",
    "SELECT count(*) FROM print_jobs WHERE order_uuid = '%s'",
    "SELECT count(*) FROM refunds WHERE order_uuid = '%s'",
    ("SELECT count(*) FROM refund_lines WHERE refund_id IN ('5eed0000-0000-4000-8000-0000000000c0')"
     " AND '%s' <> ''"), /* one query: order 1's refund lines (the uuid is not in them) */
    "SELECT count(*) FROM einvoices WHERE order_uuid = '%s'",
    "SELECT count(*) FROM outbox WHERE order_uuid = '%s'",
    "SELECT count(*) FROM zatca_reports WHERE order_uuid = '%s'",
    "SELECT count(*) FROM office_refunds WHERE order_uuid = '%s'",
};

/* Builds the world in path: every order paid, its messages delivered, then each case's state. */
static ks_db *build_world(const char *path, const ks_einvoicing *e)
{
    ks_db *db = ks_db_open(path, NULL);
    if (!db)
        return NULL;
    ks_db *reports = ks_zatca_report_store_open(path, NULL); /* the delivery worker's table */
    ks_db_close(reports);
    bool ok = reports != NULL;
    for (size_t i = 0; ok && i < WORLD_N; i++)
        ok = pay(db, e, world[i].index, world[i].age);
    ok = ok && fixture_sql_exec(path, "UPDATE outbox SET delivered_at = created_at + 5") == 0 &&
         fixture_sql_exec(path, "UPDATE print_jobs SET status = 'printed', printed_at = 1") == 0;
    /* order 1 was refunded in full long ago, and ZATCA's answer to its report is kept */
    ok = ok &&
         sql_do(path,
                "INSERT INTO refunds (id, order_uuid, status, method, amount, reason, staff,"
                " created_at, updated_at) VALUES ('5eed0000-0000-4000-8000-0000000000c0', '%s',"
                " 'done', 'cash', 100, 'cold', 'staff-7', 1, 1);"
                "INSERT INTO refund_lines VALUES ('5eed0000-0000-4000-8000-0000000000c0', 0, 1);",
                1) &&
         sql_do(path,
                "INSERT INTO zatca_reports SELECT id, order_uuid, 'reported', 200, '', 1"
                " FROM outbox WHERE order_uuid = '%s' AND destination = 'zatca'",
                1);
    for (size_t i = 0; ok && i < WORLD_N; i++)
        if (world[i].sql)
            ok = sql_do(path, world[i].sql, world[i].index);
    if (!ok) {
        ks_db_close(db);
        return NULL;
    }
    return db;
}

/* Prunes the world max at a time and checks each order's fate. */
static void prune_world(size_t max)
{
    ks_einvoicing *e = open_einvoicing();
    char path[4096], name[32];
    snprintf(name, sizeof name, "world-%zu.db", max);
    fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
    ks_db *db = e ? build_world(path, e) : NULL;
    CHECK(db);
    if (!db) {
        ks_einvoicing_close(e);
        return;
    }
    int64_t young_messages =
        sql_int(path, "SELECT count(*) FROM outbox WHERE order_uuid = '%s'", 3);
    ks_retention_counts removed;
    CHECK_EQ_INT(ks_retention_prune(db, NOW, KEEP, REFUND, max, &removed), KS_DB_OK);
    for (size_t i = 0; i < WORLD_N; i++) {
        int64_t orders =
            sql_int(path, "SELECT count(*) FROM orders WHERE uuid = '%s'", world[i].index);
        if (orders != (world[i].why == REMOVED ? 0 : 1))
            fprintf(stderr, "  order %u (case %d): %lld stored\n", world[i].index, world[i].why,
                    (long long)orders);
        CHECK_EQ_INT(orders, world[i].why == REMOVED ? 0 : 1);
        if (world[i].why == REMOVED) {
            for (size_t t = 0; t < sizeof traces / sizeof *traces; t++)
                CHECK_EQ_INT(sql_int(path, traces[t], world[i].index), 0);
        } else { /* kept whole */
            CHECK(sql_int(path, "SELECT count(*) FROM order_lines WHERE order_uuid = '%s'",
                          world[i].index) > 0);
            CHECK_EQ_INT(sql_int(path, "SELECT count(*) FROM einvoices WHERE order_uuid = '%s'",
                                 world[i].index),
                         1);
        }
    }
    CHECK_EQ_INT(removed.orders, 3);
    CHECK_EQ_INT(removed.documents, 3);
    /* A kept old order's delivered messages are past the period: gone, but for those naming its
     * invoice (the report and the archive copy, the proof it is stored); its unsent one stays. */
    CHECK_EQ_INT(sql_int(path, "SELECT count(*) FROM outbox WHERE order_uuid = '%s'", 6), 3);
    CHECK_EQ_INT(sql_int(path, "SELECT count(*) FROM outbox WHERE order_uuid = '%s'", 10), 2);
    CHECK_EQ_INT(sql_int(path,
                         "SELECT count(*) FROM outbox WHERE order_uuid = '%s'"
                         " AND document IS NULL",
                         10),
                 0);
    /* Those of an order in the refund window too, not those of a young order. */
    CHECK_EQ_INT(sql_int(path, "SELECT count(*) FROM outbox WHERE order_uuid = '%s'", 4), 2);
    CHECK(young_messages >= 4);
    CHECK_EQ_INT(sql_int(path, "SELECT count(*) FROM outbox WHERE order_uuid = '%s'", 3),
                 young_messages);
    CHECK_EQ_INT(sql_int(path,
                         "SELECT count(*) FROM outbox WHERE delivered_at IS NULL"
                         " AND '%s' <> ''",
                         0),
                 4);
    ks_retention_counts total;
    int64_t last_run = 0, pruned_icv = 0;
    CHECK_EQ_INT(ks_retention_totals(db, &total, &last_run, &pruned_icv), KS_DB_OK);
    CHECK_EQ_INT(total.orders, 3);
    CHECK_EQ_INT(total.messages, removed.messages);
    CHECK_EQ_INT(last_run, NOW);
    CHECK_EQ_INT(pruned_icv, 5); /* order 5, the fifth paid */
    /* A second pass finds nothing more. */
    ks_retention_counts again;
    CHECK_EQ_INT(ks_retention_prune(db, NOW + 60, KEEP, REFUND, max, &again), KS_DB_OK);
    CHECK_EQ_INT(again.orders + again.documents + again.messages, 0);

    /* The chain carries on: the next invoice follows the head, whole and verified. */
    ks_einvoice_row head;
    char uuid[37];
    fixture_uuid(14, uuid);
    CHECK_EQ_INT(ks_einvoice_store_find(db, uuid, 388, &head), KS_DB_OK);
    CHECK_EQ_INT(head.icv, (int64_t)WORLD_N);
    CHECK(pay(db, e, 15, 0));
    ks_einvoice_row next;
    fixture_uuid(15, uuid);
    CHECK_EQ_INT(ks_einvoice_store_find(db, uuid, 388, &next), KS_DB_OK);
    CHECK_EQ_INT(next.icv, head.icv + 1);
    CHECK_EQ_STR(next.pih, head.hash);
    char *xml = NULL;
    size_t len = 0;
    char hash[KS_INVOICE_HASH_B64], why[200];
    CHECK_EQ_INT(ks_einvoice_store_xml(db, next.icv, &xml, &len), KS_DB_OK);
    CHECK(xml && ks_einvoice_verify(xml, len, hash, why, sizeof why));
    CHECK_EQ_STR(hash, next.hash);
    CHECK(xml && strstr(xml, head.hash) != NULL); /* its PIH, in the signed document */
    free(xml);
    int64_t last = 0;
    CHECK_EQ_INT(
        ks_einvoice_store_check_chain(db, ks_einvoicing_first_pih(), &last, why, sizeof why),
        KS_DB_OK);
    CHECK_EQ_INT(last, next.icv);
    /* A gap above what the prune removed is still a broken chain. */
    CHECK_EQ_INT(fixture_sql_exec(path, "UPDATE retention SET pruned_icv = 1"), 0);
    CHECK_EQ_INT(
        ks_einvoice_store_check_chain(db, ks_einvoicing_first_pih(), &last, why, sizeof why),
        KS_DB_ERR_CORRUPT);
    ks_db_close(db);
    ks_einvoicing_close(e);
}

static void prune_in_batches_of_one(void)
{
    prune_world(1);
}

static void prune_in_batches_of_three(void)
{
    prune_world(3);
}

static void prune_in_one_batch(void)
{
    prune_world(1000);
}

/*
 * A small database in path: orders 1..n paid ages[i] seconds before NOW,
 * the last one the chain's head, every message delivered. NULL on failure.
 */
static ks_db *small_world(const char *name, const ks_einvoicing *e, const int64_t *ages, unsigned n,
                          char path[4096])
{
    fixture_fresh_db(check_tmp_dir(), name, path, 4096);
    ks_db *db = e ? ks_db_open(path, NULL) : NULL;
    bool ok = db != NULL;
    for (unsigned i = 0; ok && i < n; i++)
        ok = pay(db, e, i + 1, ages[i]);
    if (ok && fixture_sql_exec(path, "UPDATE outbox SET delivered_at = created_at") == 0)
        return db;
    ks_db_close(db);
    return NULL;
}

/* Nothing is removed from a database whose orders are all young; the chain's head stays. */
static void young_database_untouched(void)
{
    ks_einvoicing *e = open_einvoicing();
    char path[4096];
    const int64_t ages[] = {3 * DAY, 2 * DAY, 1 * DAY};
    ks_db *db = small_world("young.db", e, ages, 3, path);
    CHECK(db);
    ks_retention_counts removed;
    CHECK_EQ_INT(ks_retention_prune(db, NOW, KEEP, REFUND, 10, &removed), KS_DB_OK);
    CHECK_EQ_INT(removed.orders + removed.messages + removed.documents, 0);
    /* With a period of 0 (and no refund window) all but the head's order go. */
    CHECK_EQ_INT(ks_retention_prune(db, NOW, 0, 0, 10, &removed), KS_DB_OK);
    CHECK_EQ_INT(removed.orders, 2);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM einvoices"), 1);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT icv FROM einvoices"), 3);
    ks_db_close(db);
    ks_einvoicing_close(e);
}

/* With a period longer than the refund window, the period decides. */
static void period_past_refund_window(void)
{
    ks_einvoicing *e = open_einvoicing();
    char path[4096];
    const int64_t ages[] = {70 * DAY, 40 * DAY, 1 * DAY}; /* the last: the chain's head */
    ks_db *db = small_world("period.db", e, ages, 3, path);
    CHECK(db);
    ks_retention_counts removed;
    CHECK_EQ_INT(ks_retention_prune(db, NOW, 60 * DAY, 30 * DAY, 10, &removed), KS_DB_OK);
    CHECK_EQ_INT(removed.orders, 1);
    CHECK_EQ_INT(sql_int(path, "SELECT count(*) FROM orders WHERE uuid = '%s'", 1), 0);
    CHECK_EQ_INT(sql_int(path, "SELECT count(*) FROM orders WHERE uuid = '%s'", 2), 1);
    /* and the delivered messages of the 40-day order stay with it */
    CHECK(sql_int(path, "SELECT count(*) FROM outbox WHERE order_uuid = '%s'", 2) > 0);
    ks_db_close(db);
    ks_einvoicing_close(e);
}

/*
 * The worker prunes on its own connection at start, logs and counts the
 * pass; the clock is the real one, so the orders are years old.
 */
static void worker_prunes_after_start(void)
{
    ks_einvoicing *e = open_einvoicing();
    char path[4096];
    const int64_t now_age = NOW - (int64_t)time(NULL); /* pay() ages from NOW; make them real */
    const int64_t ages[] = {now_age + 400 * DAY, now_age + 300 * DAY, now_age + 200 * DAY};
    ks_db *db = small_world("worker.db", e, ages, 3, path);
    CHECK(db);
    ks_db_close(db);
    const ks_retention_config rc = {
        .db_path = path, .keep_s = 90 * DAY, .refund_s = 30 * DAY, .period_ms = 3600 * 1000};
    ks_retention *r = ks_retention_start(&rc);
    CHECK(r);
    /* orders 1 and 2 go; 3 holds the chain's head. Generous: the suite runs on a busy box. */
    CHECK(fixture_wait_sql(path, "SELECT orders FROM retention", 2, 60000));
    ks_retention_stats stats;
    for (int i = 0; i < 6000; i++) { /* the pass is counted just after its last batch */
        ks_retention_stats_get(r, &stats);
        if (stats.passes > 0)
            break;
        usleep(10000);
    }
    CHECK_EQ_INT(stats.passes, 1);
    CHECK_EQ_INT(stats.last.orders, 2);
    CHECK_EQ_INT(stats.last.documents, 2);
    ks_retention_stop(r);
    CHECK(ks_retention_start(&(ks_retention_config){.db_path = path}) == NULL);
    ks_retention_stop(NULL);
    ks_einvoicing_close(e);
}

static const struct check_case cases[] = {
    {"the worker prunes after start", worker_prunes_after_start},
    {"a period longer than the refund window decides", period_past_refund_window},
    {"each rule keeps its order, batches of 1", prune_in_batches_of_one},
    {"each rule keeps its order, batches of 3", prune_in_batches_of_three},
    {"each rule keeps its order, one batch", prune_in_one_batch},
    {"young orders and the chain's head stay", young_database_untouched},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
