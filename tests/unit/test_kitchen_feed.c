/*
 * The kiosk's kitchen feed (kiosk/app/kitchen_feed.c) against the real
 * kitchen display on loopback, both in this process: an order to pay at
 * the counter goes to the display unpaid; the counter takes cash there and
 * the kiosk marks it paid once (its backend and kitchen messages queued,
 * the display answering the paid version as the same ticket); the
 * kitchen's news is queued for the backend; a cancel at the counter
 * cancels the kiosk's order; malformed pages are refused whole; the link
 * the heartbeat reports follows whether each display answers.
 */
#include "kiosk/app/checkout.h"
#include "kiosk/app/delivery.h"
#include "kiosk/app/kitchen_feed.h"
#include "tests/unit/test_kitchen_fixture.h"

#include "kiosk/store/kitchen_feed_store.h"

static struct kitchen_kds kds;

/* A status change at the display with token (the counter's or the bump bars'); must be 200. */
static void change(const char *token, const char *uuid, const char *body)
{
    char url[160];
    snprintf(url, sizeof url, "%s/%s/status", kds.url, uuid);
    struct http_reply a;
    kitchen_http("POST", url, token, NULL, body, strlen(body), &a);
    if (a.status != 200)
        check_fail(__FILE__, __LINE__, "%s: %ld %s", body, a.status, a.body);
}

/* Stores fixture order index unpaid in the kiosk and sends it to the counter. */
static bool order_at_counter(ks_db *db, unsigned index)
{
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    int32_t number = 0;
    bool ok = ks_order_store_insert(db, o, 0, &number) == KS_DB_OK;
    o->number = number;
    ok = ok && ks_checkout_send_to_counter(db, o, KITCHEN_NOON) == KS_DB_OK;
    ks_order_free(o);
    return ok;
}

static int64_t sql(const char *db_path, const char *query)
{
    return fixture_sql_int(db_path, query);
}

/* Polls (generously) until query on db_path gives want; the last value. */
static int64_t wait_sql(const char *db_path, const char *query, int64_t want)
{
    int64_t end = kitchen_now_ms() + 30000, n;
    while ((n = sql(db_path, query)) != want && kitchen_now_ms() < end)
        kitchen_sleep_ms(10);
    return n;
}

static void test_counter_payment_reaches_the_kiosk(void)
{
    char kds_path[4200];
    snprintf(kds_path, sizeof kds_path, "%s", kitchen_fresh_path("feed-kds.db"));
    CHECK(kitchen_kds_start(&kds, kds_path, "127.0.0.1:0"));
    char kiosk_path[4200];
    snprintf(kiosk_path, sizeof kiosk_path, "%s", kitchen_fresh_path("feed-kiosk.db"));
    ks_db *db = ks_db_open(kiosk_path, NULL);
    CHECK(db != NULL);
    CHECK(order_at_counter(db, 21));
    CHECK(order_at_counter(db, 22));
    const char *urls[] = {kds.url};
    const ks_delivery_config dc = {.db_path = kiosk_path,
                                   .kitchen_urls = urls,
                                   .n_kitchen_urls = 1,
                                   .token = KITCHEN_TOKEN,
                                   .time_scale = 1000};
    ks_delivery *d = ks_delivery_start(&dc);
    CHECK(d != NULL);
    /* Both reach the counter unpaid. */
    CHECK_EQ_INT(kitchen_wait_undelivered(kiosk_path, 0, 30000), 0);
    CHECK_EQ_INT(kitchen_ticket_count(kds_path), 2);
    char cash_uuid[37], cancel_uuid[37];
    fixture_uuid(21, cash_uuid);
    fixture_uuid(22, cancel_uuid);
    change(KITCHEN_COLLECT_TOKEN, cash_uuid, "{\"status\":\"paid\",\"method\":\"cash\"}");
    change(KITCHEN_COLLECT_TOKEN, cancel_uuid, "{\"status\":\"cancelled\"}");
    change(KITCHEN_BUMP_TOKEN, cash_uuid, "{\"status\":\"ready\"}");
    change(KITCHEN_COLLECT_TOKEN, cash_uuid, "{\"status\":\"collected\"}");

    const ks_kitchen_feed_config fc = {.db_path = kiosk_path,
                                       .kitchen_urls = urls,
                                       .n_kitchen_urls = 1,
                                       .token = KITCHEN_TOKEN,
                                       .period_ms = 20,
                                       .on_change = (void (*)(void *))ks_delivery_wake,
                                       .ctx = d};
    ks_kitchen_feed *f = ks_kitchen_feed_start(&fc);
    CHECK(f != NULL);
    char q[256];
    /* The kiosk's order follows the kitchen after the payment: collected in the end. */
    snprintf(q, sizeof q, "SELECT count(*) FROM orders WHERE uuid = '%s' AND status = 'collected'",
             cash_uuid);
    CHECK_EQ_INT(wait_sql(kiosk_path, q, 1), 1);
    snprintf(q, sizeof q, "SELECT count(*) FROM orders WHERE uuid = '%s' AND status = 'cancelled'",
             cancel_uuid);
    CHECK_EQ_INT(wait_sql(kiosk_path, q, 1), 1);
    /* Paid once: one backend copy and one paid kitchen message; the news twice (ready, collected);
     * the cancelled order goes to the backend once. */
    snprintf(q, sizeof q,
             "SELECT count(*) FROM outbox WHERE order_uuid = '%s' AND destination = 'backend'",
             cash_uuid);
    CHECK_EQ_INT(sql(kiosk_path, q), 1);
    /* It says it was paid in cash at the counter; the kitchen's copies say nothing of it. */
    snprintf(q, sizeof q,
             "SELECT count(*) FROM outbox WHERE order_uuid = '%s' AND destination = 'backend' AND "
             "json_extract(payload, '$.payment') = '{\"method\":\"counter_cash\"}'",
             cash_uuid);
    CHECK_EQ_INT(sql(kiosk_path, q), 1);
    snprintf(q, sizeof q,
             "SELECT count(*) FROM outbox WHERE destination = 'kitchen' AND "
             "json_extract(payload, '$.payment') IS NOT NULL");
    CHECK_EQ_INT(sql(kiosk_path, q), 0);
    snprintf(q, sizeof q,
             "SELECT count(*) FROM outbox WHERE order_uuid = '%s' AND destination = 'kitchen'",
             cash_uuid);
    CHECK_EQ_INT(sql(kiosk_path, q), 2); /* unpaid, then paid */
    snprintf(q, sizeof q,
             "SELECT count(*) FROM outbox WHERE order_uuid = '%s' AND destination = 'kitchen_news'",
             cash_uuid);
    CHECK_EQ_INT(sql(kiosk_path, q), 2);
    snprintf(q, sizeof q,
             "SELECT count(*) FROM outbox WHERE order_uuid = '%s' AND destination = 'backend' AND "
             "json_extract(payload, '$.status') = 'cancelled'",
             cancel_uuid);
    CHECK_EQ_INT(sql(kiosk_path, q), 1);
    /* The paid version reached the display as the same ticket: still two, nothing stuck. */
    CHECK_EQ_INT(kitchen_wait_undelivered(kiosk_path, 0, 30000), 0);
    CHECK_EQ_INT(kitchen_ticket_count(kds_path), 2);
    ks_kitchen_feed_counts c;
    ks_kitchen_feed_get_counts(f, &c);
    CHECK_EQ_INT(c.paid, 1);
    CHECK_EQ_INT(c.cancelled, 1);
    CHECK_EQ_INT(c.refused, 0);
    ks_kitchen_feed_stop(f);

    /* A restart reads on from its kept position: nothing is applied twice. */
    int64_t outbox = sql(kiosk_path, "SELECT count(*) FROM outbox");
    f = ks_kitchen_feed_start(&fc);
    CHECK(f != NULL);
    kitchen_sleep_ms(300);
    ks_kitchen_feed_get_counts(f, &c);
    CHECK(c.pages > 0);
    CHECK_EQ_INT(c.paid + c.cancelled + c.news, 0);
    CHECK_EQ_INT(sql(kiosk_path, "SELECT count(*) FROM outbox"), outbox);
    ks_kitchen_feed_stop(f);
    ks_delivery_stop(d);
    ks_db_close(db);
    kitchen_kds_stop(&kds);
}

struct page_case {
    const char *name, *json, *path; /* path: the member the refusal names */
};

/* clang-format off */
static const struct page_case bad_pages[] = {
    {"not JSON", "{\"events\": [", ""},
    {"no next", "{\"events\": []}", ""},
    {"unknown member", "{\"events\": [], \"next\": 1, \"more\": true}", "more"},
    {"ids not growing", "{\"events\": [{\"id\": 2, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"ready\", \"at\": 1}, {\"id\": 2, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"ready\", \"at\": 1}], \"next\": 2}", "events[1].id"},
    {"next behind", "{\"events\": [{\"id\": 5, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"ready\", \"at\": 1}], \"next\": 4}", "next"},
    {"bad uuid", "{\"events\": [{\"id\": 5, \"uuid\": \"x\", \"status\": \"ready\", \"at\": 1}], \"next\": 5}", "events[0].uuid"},
    {"unknown status", "{\"events\": [{\"id\": 5, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"eaten\", \"at\": 1}], \"next\": 5}", "events[0].status"},
    {"method on ready", "{\"events\": [{\"id\": 5, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"ready\", \"method\": \"cash\", \"at\": 1}], \"next\": 5}", "events[0].method"},
    {"station on paid", "{\"events\": [{\"id\": 5, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"paid\", \"station\": \"grill\", \"at\": 1}], \"next\": 5}", "events[0].station"},
    {"unknown method", "{\"events\": [{\"id\": 5, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"paid\", \"method\": \"gold\", \"at\": 1}], \"next\": 5}", "events[0].method"},
    {"unknown event member", "{\"events\": [{\"id\": 5, \"uuid\": \"5eed0000-0000-4000-8000-000000000021\", \"status\": \"ready\", \"at\": 1, \"by\": \"x\"}], \"next\": 5}", "events[0].by"},
};
/* clang-format on */

/* A page that breaks the rules is refused whole: nothing applied, the position kept. */
static void test_malformed_pages_refused(void)
{
    const char *path = kitchen_fresh_path("feed-pages.db");
    ks_db *db = ks_kitchen_feed_store_open(path, NULL);
    CHECK(db != NULL);
    CHECK(order_at_counter(db, 21));
    for (size_t i = 0; i < sizeof bad_pages / sizeof bad_pages[0]; i++) {
        int64_t next = -7;
        ks_json_error why = {.reason = ""};
        bool ok = ks_kitchen_feed_apply(db, NULL, bad_pages[i].json, strlen(bad_pages[i].json),
                                        &next, NULL, &why);
        if (ok || next != -7 || !why.reason[0])
            check_fail(__FILE__, __LINE__, "%s: accepted", bad_pages[i].name);
        else if (strcmp(why.path, bad_pages[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: refused at \"%s\" (%s), expected \"%s\"",
                       bad_pages[i].name, why.path, why.reason, bad_pages[i].path);
    }
    CHECK_EQ_INT(sql(path, "SELECT count(*) FROM outbox WHERE destination != 'kitchen'"), 0);
    /* A good page of news for an order the kiosk does not hold is skipped, not refused. */
    static const char unknown[] = "{\"events\": [{\"id\": 9, \"uuid\": "
                                  "\"5eed0000-0000-4000-8000-000000000099\", \"status\": "
                                  "\"ready\", \"at\": 1795510900}], \"next\": 12}";
    int64_t next = 0;
    ks_json_error why;
    CHECK(ks_kitchen_feed_apply(db, NULL, unknown, strlen(unknown), &next, NULL, &why));
    CHECK_EQ_STR(why.reason, "");
    CHECK_EQ_INT(next, 12);
    ks_db_close(db);
}

/* Polls (generously) until f's link is want; the last one seen. */
static enum ks_kitchen_link wait_link(ks_kitchen_feed *f, enum ks_kitchen_link want)
{
    int64_t end = kitchen_now_ms() + 30000;
    enum ks_kitchen_link link;
    while ((link = ks_kitchen_feed_link(f)) != want && kitchen_now_ms() < end)
        kitchen_sleep_ms(10);
    return link;
}

/*
 * One display answering and one whose port is closed: partly unreachable;
 * the answering one alone: ok; then it stops too: unreachable.
 */
static void test_link_follows_displays(void)
{
    CHECK_EQ_INT(ks_kitchen_feed_link(NULL), KS_KITCHEN_LINK_UNKNOWN);
    struct kitchen_kds gone;
    CHECK(kitchen_kds_start(&gone, kitchen_fresh_path("link-gone.db"), "127.0.0.1:0"));
    char gone_url[sizeof gone.url];
    snprintf(gone_url, sizeof gone_url, "%s", gone.url);
    kitchen_kds_stop(&gone);
    CHECK(kitchen_kds_start(&kds, kitchen_fresh_path("link-kds.db"), "127.0.0.1:0"));
    char live_url[sizeof kds.url];
    snprintf(live_url, sizeof live_url, "%s", kds.url);
    const char *path = kitchen_fresh_path("link-kiosk.db");
    ks_db_close(ks_db_open(path, NULL));
    const char *both[] = {live_url, gone_url};
    ks_kitchen_feed_config fc = {.db_path = path,
                                 .kitchen_urls = both,
                                 .n_kitchen_urls = 2,
                                 .token = KITCHEN_TOKEN,
                                 .period_ms = 20};
    ks_kitchen_feed *f = ks_kitchen_feed_start(&fc);
    CHECK(f != NULL);
    CHECK_EQ_INT(wait_link(f, KS_KITCHEN_LINK_PARTLY), KS_KITCHEN_LINK_PARTLY);
    ks_kitchen_feed_stop(f);
    fc.n_kitchen_urls = 1;
    f = ks_kitchen_feed_start(&fc);
    CHECK(f != NULL);
    CHECK_EQ_INT(wait_link(f, KS_KITCHEN_LINK_OK), KS_KITCHEN_LINK_OK);
    kitchen_kds_stop(&kds);
    CHECK_EQ_INT(wait_link(f, KS_KITCHEN_LINK_DOWN), KS_KITCHEN_LINK_DOWN);
    ks_kitchen_feed_stop(f);
}

static const struct check_case cases[] = {
    {"a counter payment, the kitchen's news and a cancel reach the kiosk once",
     test_counter_payment_reaches_the_kiosk},
    {"malformed feed pages are refused whole", test_malformed_pages_refused},
    {"the link follows whether each display answers", test_link_follows_displays},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
