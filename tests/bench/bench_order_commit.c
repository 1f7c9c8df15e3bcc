/*
 * Durable order commits: a real database file on disk (WAL, synchronous=
 * FULL), a realistic order (five lines with modifiers, combo items and a
 * size, two VAT rates), and for each order the two commits of the paid flow:
 * the insert with its order number, then paid + a kitchen and a backend
 * message in the outbox. Prints median and p99 per step and per order, the
 * time to open a new database (its file created and every schema step
 * applied, as at a kiosk's first start), and the peak resident memory. The file goes to
 * $KIOSK_TEST_TMPDIR (or the current folder): a tmpfs would hide the cost of fsync.
 *
 *   bench_order_commit [ORDERS]
 */
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/store/order_store.h"
#include "tests/bench/bench_util.h"
#include "tests/unit/test_store_fixture.h"

#define DEFAULT_ORDERS 500
#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */

/* About the size of a real kitchen ticket and backend copy. */
static const char kitchen_payload[] =
    "{\"number\":0,\"service\":\"takeaway\",\"lines\":["
    "{\"item\":\"classic-meal\",\"name\":\"Classic Burger Meal\",\"qty\":1,"
    "\"details\":[\"Large\",\"Classic Burger\",\"+ Cheddar\"]},"
    "{\"item\":\"fries\",\"name\":\"Fries\",\"qty\":2,\"details\":[]},"
    "{\"item\":\"cola\",\"name\":\"Cola\",\"qty\":2,\"details\":[\"No ice\"],"
    "\"note\":\"بدون ثلج من فضلك\"},"
    "{\"item\":\"dates\",\"name\":\"Dates\",\"grams\":350,\"details\":[]},"
    "{\"item\":\"water\",\"name\":\"Water\",\"qty\":1,\"details\":[]}]}";
static const char backend_payload[] =
    "{\"uuid\":\"\",\"store\":\"riyadh-01\",\"kiosk\":\"kiosk-02\",\"total\":6800,"
    "\"total_net\":5939,\"total_vat\":861,\"currency\":\"SAR\",\"lines\":5,"
    "\"payment\":{\"method\":\"mada\",\"masked\":\"484783******1234\"}}";

#define FRESH_OPENS 20

/* A new database opened FRESH_OPENS times: create, WAL, every migration. */
static int bench_fresh_open(const char *dir)
{
    double ms[FRESH_OPENS];
    for (int i = 0; i < FRESH_OPENS; i++) {
        char path[4096];
        fixture_fresh_db(dir, "bench_fresh_open.db", path, sizeof path);
        int64_t start = bench_now_ns();
        ks_db *db = ks_db_open(path, NULL);
        ms[i] = (double)(bench_now_ns() - start) / 1e6;
        if (!db)
            return 1;
        ks_db_close(db);
    }
    bench_report("new database opened (created, every schema step)", ms, FRESH_OPENS, "ms");
    return 0;
}

int main(int argc, char **argv)
{
    long orders = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_ORDERS;
    if (orders < 1 || orders > 1000000) {
        fprintf(stderr, "usage: bench_order_commit [ORDERS 1..1000000]\n");
        return 2;
    }
    const char *dir = getenv("KIOSK_TEST_TMPDIR");
    char path[4096];
    fixture_fresh_db(dir && *dir ? dir : ".", "bench_order_commit.db", path, sizeof path);
    enum ks_db_error err = KS_DB_OK;
    ks_db *db = ks_db_open(path, &err);
    if (!db) {
        fprintf(stderr, "%s: %s\n", path, ks_db_strerror(err));
        return 1;
    }
    double *insert_ms = calloc((size_t)orders, sizeof(double));
    double *paid_ms = calloc((size_t)orders, sizeof(double));
    double *order_ms = calloc((size_t)orders, sizeof(double));
    if (!insert_ms || !paid_ms || !order_ms)
        return 1;
    const ks_outbox_message messages[] = {
        {.destination = "kitchen", .payload = kitchen_payload, .path = NULL},
        {.destination = "backend", .payload = backend_payload, .path = NULL}};
    int status = 0;
    for (long i = 0; i < orders; i++) {
        /* One order a minute from 06:00 Riyadh time: all on one business day. */
        ks_order *order =
            fixture_order((unsigned)i + 1, "riyadh-01", NOV24_UTC + 3 * 3600 + i * 60, 240);
        int32_t number = 0;
        int64_t start = bench_now_ns();
        err = ks_order_store_insert(db, order, 0, &number);
        int64_t inserted = bench_now_ns();
        if (err == KS_DB_OK)
            err = ks_order_store_mark_paid(db, order->uuid, order->created_at + 20, messages, 2);
        int64_t paid = bench_now_ns();
        ks_order_free(order);
        if (err != KS_DB_OK || number != i + 1) {
            fprintf(stderr, "order %ld: %s (number %d)\n", i + 1, ks_db_strerror(err), number);
            status = 1;
            break;
        }
        insert_ms[i] = (double)(inserted - start) / 1e6;
        paid_ms[i] = (double)(paid - inserted) / 1e6;
        order_ms[i] = (double)(paid - start) / 1e6;
    }
    if (status == 0) {
        printf("%ld orders, 2 durable commits each, file %s\n", orders, path);
        bench_report("insert + order number", insert_ms, (size_t)orders, "ms");
        bench_report("paid + 2 outbox messages", paid_ms, (size_t)orders, "ms");
        bench_report("whole order", order_ms, (size_t)orders, "ms");
        status = bench_fresh_open(dir && *dir ? dir : ".");
        printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    }
    free(insert_ms);
    free(paid_ms);
    free(order_ms);
    ks_db_close(db);
    return status;
}
