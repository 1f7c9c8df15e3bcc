/*
 * The outbox (kiosk/store/outbox.c): the retry schedule, fetching due
 * messages per destination, delivery and failure bookkeeping, and a
 * message's own path (kept as given; a path that could leave the API root,
 * or is not a plain path, refused).
 */
#include <string.h>

#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/refund_store.h"
#include "kiosk/store/staff_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define T1 (NOV24_UTC + 100)
#define T2 (NOV24_UTC + 200)

struct backoff_case {
    int32_t failures;
    uint32_t random;
    int64_t seconds;
};

static void test_backoff_schedule(void)
{
    /* d = min(2^failures, 60); result = d/2 + random % (d - d/2 + 1). */
    static const struct backoff_case cases[] = {
        {1, 0, 1},                   /* d 2: 1 + 0 */
        {1, 1, 2},                   /* 1 + 1 % 2 */
        {1, 2, 1},                   /* 1 + 2 % 2 */
        {3, 0, 4},                   /* d 8: 4 + 0 */
        {3, 4, 8},                   /* 4 + 4 % 5 */
        {3, 5, 4},                   /* 4 + 5 % 5 */
        {5, 16, 32},                 /* d 32: 16 + 16 % 17 */
        {6, 0, 30},                  /* d 64 capped to 60: 30 + 0 */
        {6, 30, 60},                 /* 30 + 30 % 31 */
        {20, 7, 37},                 /* 30 + 7 */
        {0, 1, 2},                   /* below 1 counts as 1 */
        {-5, 0, 1},                  /* likewise */
        {INT32_MAX, UINT32_MAX, 33}, /* 30 + (2^32 - 1) % 31 = 30 + 3 */
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++)
        CHECK_EQ_INT(ks_outbox_backoff_seconds(cases[i].failures, cases[i].random),
                     cases[i].seconds);
    /* Every random value stays inside [d/2, d]. */
    for (uint32_t r = 0; r < 1000; r += 7) {
        int64_t s = ks_outbox_backoff_seconds(4, r);
        CHECK(s >= 8 && s <= 16);
    }
}

/* A database with two paid orders, each with a kitchen and a backend message. */
static ks_db *open_with_messages(const char *name, char path[4096])
{
    fixture_fresh_db(check_tmp_dir(), name, path, 4096);
    ks_db *db = ks_db_open(path, NULL);
    for (unsigned i = 1; db && i <= 2; i++) {
        int64_t at = i == 1 ? T1 : T2;
        ks_order *order = fixture_order(i, "riyadh-01", at, 0);
        int32_t number;
        char kitchen[64];
        snprintf(kitchen, sizeof kitchen, "{\"ticket\":%u}", i);
        const ks_outbox_message messages[] = {
            {.destination = "kitchen", .payload = kitchen, .path = NULL},
            {.destination = "backend", .payload = "{}", .path = NULL}};
        bool ok = ks_order_store_insert(db, order, 0, &number) == KS_DB_OK &&
                  ks_order_store_mark_paid(db, order->uuid, at, messages, 2) == KS_DB_OK;
        ks_order_free(order);
        if (!ok) {
            ks_db_close(db);
            return NULL;
        }
    }
    return db;
}

static void test_fetch_due_per_destination(void)
{
    char path[4096];
    ks_db *db = open_with_messages("fetch.db", path);
    CHECK(db);
    ks_outbox_row *rows = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", T1 - 1, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK(rows == NULL);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", T2, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(rows[0].payload, "{\"ticket\":1}");
    CHECK_EQ_STR(rows[0].destination, "kitchen");
    CHECK_EQ_INT(rows[0].created_at, T1);
    CHECK_EQ_INT(rows[0].attempts, 0);
    CHECK_EQ_STR(rows[1].payload, "{\"ticket\":2}");
    ks_outbox_rows_free(rows, n);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", T2, 1, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    ks_outbox_rows_free(rows, n);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "printer", T2, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "Kitchen!", T2, 10, &rows, &n), KS_DB_ERR_INVALID);
    ks_db_close(db);
}

static void test_failure_schedules_a_retry(void)
{
    char path[4096];
    ks_db *db = open_with_messages("failed.db", path);
    CHECK(db);
    ks_outbox_row *rows = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", T2, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    int64_t first = rows[0].id;
    ks_outbox_rows_free(rows, n);

    /* First failure, random 1: retry in 2 s. */
    CHECK_EQ_INT(ks_outbox_mark_failed(db, first, T2, "connection refused", 1), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", T2 + 1, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK(rows[0].id != first);
    ks_outbox_rows_free(rows, n);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", T2 + 2, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    /* Due order: the untouched message (due at T2) before the retry (due at T2 + 2). */
    CHECK(rows[0].id != first);
    CHECK_EQ_INT(rows[1].id, first);
    CHECK_EQ_INT(rows[1].attempts, 1);
    ks_outbox_rows_free(rows, n);

    /* Second failure at T2 + 2, random 0: d = 4, so 2 s, the low end of [2, 4]. */
    char long_error[700];
    memset(long_error, 'x', sizeof long_error - 1);
    long_error[sizeof long_error - 1] = '\0';
    CHECK_EQ_INT(ks_outbox_mark_failed(db, first, T2 + 2, long_error, 0), KS_DB_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT next_attempt_at FROM outbox WHERE id = %lld",
             (long long)first);
    CHECK_EQ_INT(fixture_sql_int(path, sql), T2 + 2 + 2);
    snprintf(sql, sizeof sql, "SELECT length(last_error) FROM outbox WHERE id = %lld",
             (long long)first);
    CHECK_EQ_INT(fixture_sql_int(path, sql), 512);
    snprintf(sql, sizeof sql, "SELECT attempts FROM outbox WHERE id = %lld", (long long)first);
    CHECK_EQ_INT(fixture_sql_int(path, sql), 2);
    CHECK_EQ_INT(ks_outbox_mark_failed(db, 424242, T2, "x", 0), KS_DB_ERR_NOT_FOUND);
    ks_db_close(db);
}

static void test_delivery(void)
{
    char path[4096];
    ks_db *db = open_with_messages("delivered.db", path);
    CHECK(db);
    int64_t count = 0;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 4);
    ks_outbox_row *rows = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "backend", T2, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    int64_t id = rows[0].id;
    ks_outbox_rows_free(rows, n);
    CHECK_EQ_INT(ks_outbox_mark_delivered(db, id, T2 + 5), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, 3);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "backend", T2 + 100, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK(rows[0].id != id);
    ks_outbox_rows_free(rows, n);
    /* Delivered twice (an acknowledgement repeated): the first time is kept. */
    CHECK_EQ_INT(ks_outbox_mark_delivered(db, id, T2 + 50), KS_DB_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT delivered_at FROM outbox WHERE id = %lld", (long long)id);
    CHECK_EQ_INT(fixture_sql_int(path, sql), T2 + 5);
    /* A delivered message is not failed afterwards. */
    CHECK_EQ_INT(ks_outbox_mark_failed(db, id, T2 + 60, "late timeout", 0), KS_DB_ERR_NOT_FOUND);
    CHECK_EQ_INT(ks_outbox_mark_delivered(db, 424242, T2), KS_DB_ERR_NOT_FOUND);
    ks_db_close(db);
}

static void test_message_with_its_own_path(void)
{
    char path[4096];
    ks_db *db = open_with_messages("path.db", path);
    CHECK(db);
    ks_outbox_row *rows = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "backend", T2, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    char uuid[37];
    snprintf(uuid, sizeof uuid, "%s", n ? rows[0].order_uuid : "");
    CHECK_EQ_STR(n ? rows[0].path : "?", "");
    ks_outbox_rows_free(rows, n);
    const char *const refused[] = {"/refund-requests/x/refusal",
                                   "refund-requests//refusal",
                                   "refund-requests/x/",
                                   "../admin",
                                   "refund requests",
                                   "Refund-Requests",
                                   "a?b=c",
                                   "a/b#c"};
    CHECK_EQ_INT(ks_db_begin(db), KS_DB_OK);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        const ks_outbox_message m = {
            .destination = "refund_relay", .payload = "{}", .path = refused[i]};
        CHECK_EQ_INT(ks_outbox_enqueue(db, uuid, &m, T2), KS_DB_ERR_INVALID);
    }
    char longest[KS_OUTBOX_PATH_MAX + 2];
    memset(longest, 'a', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    const ks_outbox_message too_long = {
        .destination = "refund_relay", .payload = "{}", .path = longest};
    CHECK_EQ_INT(ks_outbox_enqueue(db, uuid, &too_long, T2), KS_DB_ERR_INVALID);
    longest[KS_OUTBOX_PATH_MAX] = '\0';
    const ks_outbox_message fits = {
        .destination = "refund_relay", .payload = "{}", .path = longest};
    CHECK_EQ_INT(ks_outbox_enqueue(db, uuid, &fits, T2), KS_DB_OK);
    const ks_outbox_message own = {
        .destination = "refund_relay",
        .payload = "{\"reason\":\"x\"}",
        .path = "refund-requests/5eed0000-0000-4000-8000-0000000000b1/refusal"};
    CHECK_EQ_INT(ks_outbox_enqueue(db, uuid, &own, T2 + 1), KS_DB_OK);
    CHECK_EQ_INT(ks_db_end(db, KS_DB_OK), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "refund_relay", T2 + 1, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    if (n == 2) {
        CHECK_EQ_STR(rows[0].path, longest);
        CHECK_EQ_STR(rows[1].path, "refund-requests/5eed0000-0000-4000-8000-0000000000b1/refusal");
        CHECK_EQ_STR(rows[1].payload, "{\"reason\":\"x\"}");
    }
    ks_outbox_rows_free(rows, n);
    ks_db_close(db);
}

/* The id of destination's first message due at T2 (its key into uuid, may be NULL); 0 when
 * none. */
static int64_t first_due(ks_db *db, const char *destination, char uuid[37])
{
    ks_outbox_row *rows = NULL;
    size_t n = 0;
    int64_t id = 0;
    if (ks_outbox_fetch_due(db, destination, T2, 10, &rows, &n) == KS_DB_OK && n > 0) {
        id = rows[0].id;
        if (uuid)
            snprintf(uuid, 37, "%s", rows[0].order_uuid);
    }
    ks_outbox_rows_free(rows, n);
    return id;
}

/*
 * A staff action the backend refused for good (an older backend and a kind it does not know) is
 * set aside and no longer counted as unsent, so a kiosk's sign-ins do not raise its unsent count
 * forever (#15); an order's message set aside stays counted.
 */
static void test_staff_action_set_aside_not_counted(void)
{
    char path[4096];
    ks_db *db = open_with_messages("set-aside.db", path);
    CHECK(db);
    int64_t before = -1, count = -1;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &before), KS_DB_OK);
    ks_staff_action a = {.kind = KS_STAFF_ACTION_SIGN_IN,
                         .business_date = "2026-11-11",
                         .at = T2,
                         .place = KS_STAFF_PLACE_LANE};
    snprintf(a.uuid, sizeof a.uuid, "5eed0000-0000-4000-8000-0000000000b1");
    CHECK_EQ_INT(ks_staff_action_record(db, &a, "lane", "pin", "ok", NULL), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, before + 1); /* waiting: counted */
    int64_t action = first_due(db, KS_REFUND_DESTINATION, NULL);
    CHECK(action > 0);
    CHECK_EQ_INT(ks_outbox_mark_dead(db, action, "HTTP 400: action: unknown"), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, before);
    int64_t order = first_due(db, "backend", NULL);
    CHECK(order > 0);
    CHECK_EQ_INT(ks_outbox_mark_dead(db, order, "HTTP 400"), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
    CHECK_EQ_INT(count, before);
    ks_db_close(db);
}

/*
 * Whether a message set aside counts as unsent is the message's own (aside_not_unsent, set when
 * queued), whatever its path: a message on the staff actions' path queued without it stays
 * counted, one on another path queued with it does not.
 */
static void test_set_aside_count_is_the_message_s(void)
{
    char path[4096];
    ks_db *db = open_with_messages("aside-own.db", path);
    CHECK(db);
    char uuid[37] = "";
    CHECK(first_due(db, "backend", uuid) > 0);
    const ks_outbox_message counted = {
        .destination = "relay_a", .payload = "{}", .path = KS_STAFF_ACTION_PATH};
    const ks_outbox_message quiet = {.destination = "relay_b",
                                     .payload = "{}",
                                     .path = "refund-requests/x/refusal",
                                     .aside_not_unsent = true};
    CHECK_EQ_INT(ks_db_begin(db), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_enqueue(db, uuid, &counted, T2), KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_enqueue(db, uuid, &quiet, T2), KS_DB_OK);
    CHECK_EQ_INT(ks_db_end(db, KS_DB_OK), KS_DB_OK);
    int64_t before = -1, count = -1;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &before), KS_DB_OK);
    const char *const relays[] = {"relay_a", "relay_b"};
    const int64_t drop[] = {0, 1}; /* what setting each aside takes off the count */
    for (size_t i = 0; i < 2; i++) {
        int64_t id = first_due(db, relays[i], NULL);
        CHECK(id > 0);
        CHECK_EQ_INT(ks_outbox_mark_dead(db, id, "HTTP 400"), KS_DB_OK);
        CHECK_EQ_INT(ks_outbox_count_undelivered(db, &count), KS_DB_OK);
        CHECK_EQ_INT(count, before - drop[i]);
        before = count;
    }
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"a staff action set aside is not counted unsent; an order is",
     test_staff_action_set_aside_not_counted},
    {"whether a message set aside counts is its own, not its path's",
     test_set_aside_count_is_the_message_s},
    {"backoff doubles to a cap, with jitter", test_backoff_schedule},
    {"due messages per destination, oldest first", test_fetch_due_per_destination},
    {"a failure schedules a retry", test_failure_schedules_a_retry},
    {"delivered messages leave the queue", test_delivery},
    {"a message with its own path", test_message_with_its_own_path},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
