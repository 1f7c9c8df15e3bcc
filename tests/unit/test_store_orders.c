/*
 * Orders on disk (kiosk/store/order_store.c): round trip, numbering per
 * store and business day, idempotent insert, status lifecycle and events,
 * paid + outbox in one transaction, recent orders.
 */
#include "kiosk/store/order_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

/* 2026-11-24 00:00 UTC (date -u -d 2026-11-24 +%s). */
#define NOV24_UTC 1795478400
/* Riyadh local times, UTC+3, as UTC seconds. */
#define NOV24_2350_RIYADH (NOV24_UTC + 20 * 3600 + 50 * 60) /* 20:50 UTC */
#define NOV25_0010_RIYADH (NOV24_UTC + 21 * 3600 + 10 * 60) /* 21:10 UTC on the 24th */
#define NOV25_0359_RIYADH (NOV24_UTC + 86400 + 59 * 60)     /* 00:59 UTC on the 25th */
#define NOV25_0401_RIYADH (NOV24_UTC + 86400 + 61 * 60)     /* 01:01 UTC on the 25th */

static ks_db *open_fresh(const char *name)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
    enum ks_db_error err;
    ks_db *db = ks_db_open(path, &err);
    if (!db)
        fprintf(stderr, "  open %s: %s\n", path, ks_db_strerror(err));
    return db;
}

/* Inserts order `index` and returns its number, or -1. */
static int32_t insert(ks_db *db, unsigned index, const char *store, int64_t at, int day_start)
{
    ks_order *order = fixture_order(index, store, at, day_start);
    int32_t number = -1;
    enum ks_db_error err = ks_order_store_insert(db, order, 0, &number);
    ks_order_free(order);
    return err == KS_DB_OK ? number : -1;
}

static void test_round_trip(void)
{
    ks_db *db = open_fresh("round-trip.db");
    CHECK(db);
    ks_order *order = fixture_order(1, "riyadh-01", NOV24_2350_RIYADH, 240);
    int32_t number = 0;
    CHECK_EQ_INT(ks_order_store_insert(db, order, 0, &number), KS_DB_OK);
    CHECK_EQ_INT(number, 1);
    order->number = number;

    ks_order *loaded = NULL;
    CHECK_EQ_INT(ks_order_store_load(db, order->uuid, &loaded), KS_DB_OK);
    CHECK_EQ_STR(fixture_order_diff(order, loaded), "");
    /* Spot checks, so the comparison itself is known to look at real values. */
    CHECK_EQ_STR(loaded->lines[0].details[2].name_ar, "شيدر");
    CHECK_EQ_INT(loaded->lines[0].details[2].depth, 1);
    CHECK_EQ_INT(loaded->lines[3].unit, KS_UNIT_KG);
    CHECK_EQ_INT(loaded->lines[3].quantity, 350);
    CHECK_EQ_STR(loaded->lines[2].note, "بدون ثلج من فضلك");
    /* 3100 + 1800 + 1200 + 1400 + 200 = 7700 before the 900 fries discount. */
    CHECK_EQ_INT(loaded->subtotal, 7700);
    CHECK_EQ_INT(loaded->total, 6800);
    CHECK(ks_order_totals_consistent(loaded));
    /* A changed field is noticed by the comparison. */
    loaded->lines[4].vat_rate_bp = 1500;
    CHECK_EQ_STR(fixture_order_diff(order, loaded), "line.vat_rate_bp");
    ks_order_free(loaded);
    ks_order_free(order);
    ks_db_close(db);
}

static void test_load_unknown(void)
{
    ks_db *db = open_fresh("unknown.db");
    CHECK(db);
    char uuid[37];
    fixture_uuid(99, uuid);
    ks_order *loaded = (ks_order *)1;
    CHECK_EQ_INT(ks_order_store_load(db, uuid, &loaded), KS_DB_ERR_NOT_FOUND);
    CHECK(loaded == NULL);
    CHECK_EQ_INT(ks_order_store_load(db, "not-a-uuid", &loaded), KS_DB_ERR_INVALID);
    ks_db_close(db);
}

static void test_numbers_per_store_and_day(void)
{
    ks_db *db = open_fresh("numbers.db");
    CHECK(db);
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_UTC + 3600, 0), 1);
    CHECK_EQ_INT(insert(db, 2, "riyadh-01", NOV24_UTC + 3700, 0), 2);
    CHECK_EQ_INT(insert(db, 3, "jeddah-01", NOV24_UTC + 3800, 0), 1);
    CHECK_EQ_INT(insert(db, 4, "riyadh-01", NOV24_UTC + 3900, 0), 3);
    ks_db_close(db);
}

/* Day start 00:00: the number restarts at local midnight in Riyadh, not at UTC midnight. */
static void test_numbers_restart_at_midnight(void)
{
    ks_db *db = open_fresh("midnight.db");
    CHECK(db);
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_2350_RIYADH, 0), 1);
    CHECK_EQ_INT(insert(db, 2, "riyadh-01", NOV24_2350_RIYADH + 60, 0), 2);
    CHECK_EQ_INT(insert(db, 3, "riyadh-01", NOV25_0010_RIYADH, 0), 1);
    ks_order *loaded = NULL;
    char uuid[37];
    fixture_uuid(3, uuid);
    CHECK_EQ_INT(ks_order_store_load(db, uuid, &loaded), KS_DB_OK);
    CHECK_EQ_STR(loaded->business_date, "2026-11-25");
    ks_order_free(loaded);
    ks_db_close(db);
}

/* Day start 04:00: orders until 03:59 belong to the day before. */
static void test_numbers_restart_at_day_start(void)
{
    ks_db *db = open_fresh("day-start.db");
    CHECK(db);
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_2350_RIYADH, 240), 1);
    CHECK_EQ_INT(insert(db, 2, "riyadh-01", NOV25_0010_RIYADH, 240), 2);
    CHECK_EQ_INT(insert(db, 3, "riyadh-01", NOV25_0359_RIYADH, 240), 3);
    CHECK_EQ_INT(insert(db, 4, "riyadh-01", NOV25_0401_RIYADH, 240), 1);
    ks_order_summary recent[4];
    size_t n = 0;
    CHECK_EQ_INT(ks_order_store_list_recent(db, recent, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(recent[0].business_date, "2026-11-25");
    CHECK_EQ_INT(recent[0].number, 1);
    CHECK_EQ_STR(recent[1].business_date, "2026-11-24");
    CHECK_EQ_INT(recent[1].number, 3);
    ks_db_close(db);
}

static void test_insert_idempotent(void)
{
    ks_db *db = open_fresh("idempotent.db");
    CHECK(db);
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_UTC, 0), 1);
    CHECK_EQ_INT(insert(db, 2, "riyadh-01", NOV24_UTC + 10, 0), 2);
    /* A retry of order 1, even with a later time, is the same order. */
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_UTC + 20, 0), 1);
    /* The counter did not move: the next new order is 3, not 4. */
    CHECK_EQ_INT(insert(db, 3, "riyadh-01", NOV24_UTC + 30, 0), 3);
    ks_order_summary recent[8];
    size_t n = 0;
    CHECK_EQ_INT(ks_order_store_list_recent(db, recent, 8, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 3);
    ks_db_close(db);
}

static void test_invalid_orders_refused(void)
{
    ks_db *db = open_fresh("invalid.db");
    CHECK(db);
    int32_t number = -1;
    ks_order *order = fixture_order(1, "riyadh-01", NOV24_UTC, 0);
    order->total += 1; /* no longer total_net + total_vat */
    CHECK_EQ_INT(ks_order_store_insert(db, order, 0, &number), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(number, 0);
    order->total -= 1;
    memcpy(order->uuid, "ABCDEF", 6); /* upper case */
    CHECK_EQ_INT(ks_order_store_insert(db, order, 0, &number), KS_DB_ERR_INVALID);
    fixture_uuid(1, order->uuid);
    memcpy(order->business_date, "2026/11/24", 11);
    CHECK_EQ_INT(ks_order_store_insert(db, order, 0, &number), KS_DB_ERR_INVALID);
    ks_order_free(order);
    ks_order_summary recent[1];
    size_t n = 1;
    CHECK_EQ_INT(ks_order_store_list_recent(db, recent, 1, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    ks_db_close(db);
}

static void test_status_lifecycle_and_events(void)
{
    ks_db *db = open_fresh("status.db");
    CHECK(db);
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_UTC, 0), 1);
    char uuid[37];
    fixture_uuid(1, uuid);
    CHECK_EQ_INT(ks_order_store_set_status(db, uuid, KS_ORDER_PAID, NOV24_UTC + 60), KS_DB_OK);
    CHECK_EQ_INT(ks_order_store_set_status(db, uuid, KS_ORDER_READY, NOV24_UTC + 300), KS_DB_OK);
    /* ready -> in_preparation goes backwards: refused, nothing recorded. */
    CHECK_EQ_INT(ks_order_store_set_status(db, uuid, KS_ORDER_IN_PREPARATION, NOV24_UTC + 310),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_order_store_set_status(db, uuid, KS_ORDER_COLLECTED, NOV24_UTC + 400),
                 KS_DB_OK);

    ks_order_event events[8];
    size_t n = 0;
    CHECK_EQ_INT(ks_order_store_events(db, uuid, events, 8, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 4);
    CHECK(!events[0].has_from);
    CHECK_EQ_INT(events[0].to, KS_ORDER_CREATED);
    CHECK_EQ_INT(events[0].at, NOV24_UTC);
    CHECK(events[1].has_from);
    CHECK_EQ_INT(events[1].from, KS_ORDER_CREATED);
    CHECK_EQ_INT(events[1].to, KS_ORDER_PAID);
    CHECK_EQ_INT(events[1].at, NOV24_UTC + 60);
    CHECK_EQ_INT(events[2].from, KS_ORDER_PAID);
    CHECK_EQ_INT(events[2].to, KS_ORDER_READY);
    CHECK_EQ_INT(events[3].to, KS_ORDER_COLLECTED);
    CHECK_EQ_INT(events[3].at, NOV24_UTC + 400);
    /* max limits what is returned. */
    CHECK_EQ_INT(ks_order_store_events(db, uuid, events, 2, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);

    ks_order *loaded = NULL;
    CHECK_EQ_INT(ks_order_store_load(db, uuid, &loaded), KS_DB_OK);
    CHECK_EQ_INT(loaded->status, KS_ORDER_COLLECTED);
    CHECK_EQ_INT(loaded->updated_at, NOV24_UTC + 400);
    CHECK_EQ_INT(loaded->created_at, NOV24_UTC);
    ks_order_free(loaded);

    char other[37];
    fixture_uuid(2, other);
    CHECK_EQ_INT(ks_order_store_set_status(db, other, KS_ORDER_PAID, NOV24_UTC),
                 KS_DB_ERR_NOT_FOUND);
    ks_db_close(db);
}

static void test_mark_paid_enqueues_outbox(void)
{
    ks_db *db = open_fresh("paid.db");
    CHECK(db);
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_UTC, 0), 1);
    char uuid[37];
    fixture_uuid(1, uuid);
    const ks_outbox_message messages[] = {
        {.destination = "kitchen", .payload = "{\"number\":1,\"lines\":[]}", .path = NULL},
        {.destination = "backend", .payload = "{\"uuid\":\"x\"}", .path = NULL},
    };
    CHECK_EQ_INT(ks_order_store_mark_paid(db, uuid, NOV24_UTC + 30, messages, 2), KS_DB_OK);
    enum ks_order_status status;
    CHECK_EQ_INT(ks_order_store_status(db, uuid, &status), KS_DB_OK);
    CHECK_EQ_INT(status, KS_ORDER_PAID);
    int64_t count = 0;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 2);
    /* A retry changes nothing and queues nothing again. */
    CHECK_EQ_INT(ks_order_store_mark_paid(db, uuid, NOV24_UTC + 40, messages, 2), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 2);

    ks_outbox_row *rows = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", NOV24_UTC + 30, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(rows[0].order_uuid, uuid);
    CHECK_EQ_STR(rows[0].payload, "{\"number\":1,\"lines\":[]}");
    ks_outbox_rows_free(rows, n);

    /* Once in the kitchen, it cannot be paid again. */
    CHECK_EQ_INT(ks_order_store_set_status(db, uuid, KS_ORDER_SENT_TO_KITCHEN, NOV24_UTC + 50),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_order_store_mark_paid(db, uuid, NOV24_UTC + 60, messages, 2),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 2);
    ks_db_close(db);
}

/* A message that cannot be queued undoes the status change: all or nothing. */
static void test_mark_paid_is_atomic(void)
{
    ks_db *db = open_fresh("paid-atomic.db");
    CHECK(db);
    CHECK_EQ_INT(insert(db, 1, "riyadh-01", NOV24_UTC, 0), 1);
    CHECK_EQ_INT(insert(db, 2, "riyadh-01", NOV24_UTC, 0), 2);
    char uuid[37];
    fixture_uuid(1, uuid);
    const ks_outbox_message bad_json[] = {
        {.destination = "kitchen", .payload = "{}", .path = NULL},
        {.destination = "backend", .payload = "{not json", .path = NULL}};
    CHECK_EQ_INT(ks_order_store_mark_paid(db, uuid, NOV24_UTC + 30, bad_json, 2),
                 KS_DB_ERR_CONSTRAINT);
    const ks_outbox_message bad_destination[] = {
        {.destination = "kitchen", .payload = "{}", .path = NULL},
        {.destination = "Back End", .payload = "{}", .path = NULL}};
    CHECK_EQ_INT(ks_order_store_mark_paid(db, uuid, NOV24_UTC + 30, bad_destination, 2),
                 KS_DB_ERR_INVALID);
    enum ks_order_status status;
    CHECK_EQ_INT(ks_order_store_status(db, uuid, &status), KS_DB_OK);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
    int64_t count = -1;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 0);
    ks_order_event events[4];
    size_t n = 0;
    CHECK_EQ_INT(ks_order_store_events(db, uuid, events, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    /* A cancelled order cannot be paid. */
    char second[37];
    fixture_uuid(2, second);
    CHECK_EQ_INT(ks_order_store_set_status(db, second, KS_ORDER_CANCELLED, NOV24_UTC + 5),
                 KS_DB_OK);
    const ks_outbox_message good[] = {{.destination = "kitchen", .payload = "{}", .path = NULL}};
    CHECK_EQ_INT(ks_order_store_mark_paid(db, second, NOV24_UTC + 30, good, 1),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    ks_db_close(db);
}

static void test_list_recent(void)
{
    ks_db *db = open_fresh("recent.db");
    CHECK(db);
    for (unsigned i = 1; i <= 5; i++)
        CHECK_EQ_INT(insert(db, i, "riyadh-01", NOV24_UTC + i * 60, 0), (int)i);
    ks_order_summary recent[3];
    size_t n = 0;
    CHECK_EQ_INT(ks_order_store_list_recent(db, recent, 3, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 3);
    char uuid[37];
    fixture_uuid(5, uuid);
    CHECK_EQ_STR(recent[0].uuid, uuid);
    CHECK_EQ_INT(recent[0].number, 5);
    CHECK_EQ_INT(recent[1].number, 4);
    CHECK_EQ_INT(recent[2].number, 3);
    CHECK_EQ_INT(recent[0].total, 6800);
    CHECK_EQ_INT(recent[0].status, KS_ORDER_CREATED);
    CHECK_EQ_INT(recent[0].service, KS_SERVICE_TAKEAWAY);
    CHECK_EQ_INT(recent[0].created_at, NOV24_UTC + 300);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"round trip keeps every field", test_round_trip},
    {"loading an unknown order", test_load_unknown},
    {"numbers count per store and day", test_numbers_per_store_and_day},
    {"numbers restart at local midnight", test_numbers_restart_at_midnight},
    {"numbers restart at a 04:00 day start", test_numbers_restart_at_day_start},
    {"insert is idempotent on the uuid", test_insert_idempotent},
    {"invalid orders are refused", test_invalid_orders_refused},
    {"status lifecycle and events", test_status_lifecycle_and_events},
    {"mark paid queues the outbox", test_mark_paid_enqueues_outbox},
    {"mark paid is all or nothing", test_mark_paid_is_atomic},
    {"recent orders, newest first", test_list_recent},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
