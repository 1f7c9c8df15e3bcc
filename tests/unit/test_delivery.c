/*
 * The outbox delivery worker (kiosk/app/delivery.c) against the real
 * kitchen display receiver on loopback, both in this process: orders paid
 * while the display is down arrive exactly once when it comes up; the
 * worker backs off instead of spinning; a wake-up delivers at once; a body
 * the display refuses is set aside after N refusals; two displays each get
 * every order; a restarted worker resumes from the database. Also the
 * meaning of each HTTP status. Time runs 1000 times faster for the worker
 * (time_scale), so backoffs of seconds take milliseconds. (The URL policy:
 * test_outgoing_url.c.)
 */
#include "kiosk/app/delivery.h"
#include "tests/unit/test_kitchen_fixture.h"

#include "kiosk/store/outbox.h"

static void test_status_meanings(void)
{
    static const struct {
        long status;
        enum ks_delivery_outcome outcome;
    } table[] = {
        {200, KS_DELIVERY_DELIVERED},     {201, KS_DELIVERY_DELIVERED},
        {204, KS_DELIVERY_DELIVERED},     {0, KS_DELIVERY_RETRY},
        {302, KS_DELIVERY_RETRY},         {408, KS_DELIVERY_RETRY},
        {429, KS_DELIVERY_RETRY},         {500, KS_DELIVERY_RETRY},
        {503, KS_DELIVERY_RETRY},         {400, KS_DELIVERY_REFUSED},
        {413, KS_DELIVERY_REFUSED},       {415, KS_DELIVERY_REFUSED},
        {422, KS_DELIVERY_REFUSED},       {401, KS_DELIVERY_MISCONFIGURED},
        {403, KS_DELIVERY_MISCONFIGURED}, {404, KS_DELIVERY_MISCONFIGURED},
        {409, KS_DELIVERY_MISCONFIGURED},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (ks_delivery_classify(table[i].status) != table[i].outcome)
            check_fail(__FILE__, __LINE__, "HTTP %ld", table[i].status);
}

/* A kiosk database at a fresh path (copied into path[4200]) with orders first..last paid. */
static ks_db *kiosk_with_orders(const char *name, char *path, unsigned first, unsigned last)
{
    fixture_fresh_db(check_tmp_dir(), name, path, 4200);
    ks_db *db = ks_db_open(path, NULL);
    for (unsigned i = first; db && i <= last; i++)
        if (!kitchen_kiosk_pay(db, i)) {
            ks_db_close(db);
            return NULL;
        }
    return db;
}

static ks_delivery *worker(const char *db_path, const char *url, int dead_after)
{
    const char *list[] = {url};
    const ks_delivery_config cfg = {
        .db_path = db_path,
        .kitchen_urls = list,
        .n_kitchen_urls = 1,
        .token = KITCHEN_TOKEN,
        .timeout_ms = 1000,
        .dead_after = dead_after,
        .time_scale = 1000,
    };
    return ks_delivery_start(&cfg);
}

static void test_display_down_then_up(void)
{
    char kiosk[4200], kds_path[4200];
    snprintf(kds_path, sizeof kds_path, "%s", kitchen_fresh_path("down-up-kds.db"));
    uint16_t port = kitchen_free_port();
    CHECK(port != 0);
    char url[64], listen[32];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)port);
    snprintf(listen, sizeof listen, "127.0.0.1:%u", (unsigned)port);

    ks_db *db = kiosk_with_orders("down-up-kiosk.db", kiosk, 1, 0);
    CHECK(db != NULL);
    ks_delivery *d = worker(kiosk, url, 0);
    CHECK(d != NULL);
    /* 20 orders paid while nobody listens: each is tried and fails. */
    for (unsigned i = 1; i <= 20; i++) {
        CHECK(kitchen_kiosk_pay(db, i));
        ks_delivery_wake(d);
    }
    ks_delivery_stats st;
    for (int64_t end = kitchen_now_ms() + CHECK_WAIT_MS; kitchen_now_ms() < end;
         kitchen_sleep_ms(5)) {
        ks_delivery_get_stats(d, &st);
        if (st.failed >= 20)
            break;
    }
    CHECK_EQ_INT(kitchen_undelivered(kiosk), 20);
    CHECK(st.failed >= 20);
    CHECK_EQ_INT(st.delivered, 0);

    struct kitchen_kds kds;
    CHECK(kitchen_kds_start(&kds, kds_path, listen));
    /* The longest backoff is 60 fast seconds, 60 ms: all are due again well within 3 s. */
    int64_t left = kitchen_wait_undelivered(kiosk, 0, CHECK_WAIT_MS);
    ks_delivery_stop(d);
    kitchen_kds_stop(&kds);
    ks_db_close(db);
    CHECK_EQ_INT(left, 0);
    CHECK(kitchen_all_there_once(kds_path, 1, 20));
    /* The backend is not configured: its 20 copies wait. */
    CHECK_EQ_INT(fixture_sql_int(kiosk, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL"),
                 20);
}

static void test_backs_off_while_down(void)
{
    char kiosk[4200];
    uint16_t port = kitchen_free_port();
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)port);
    ks_db *db = kiosk_with_orders("backoff-kiosk.db", kiosk, 1, 1);
    CHECK(db != NULL);
    int64_t t0 = kitchen_now_ms();
    ks_delivery *d = worker(kiosk, url, 0);
    CHECK(d != NULL);
    /* One real ms is one fast second. Backoffs after n failures lie in [d/2, d], d = min(2^n, 60):
     * at least 1+2+4+8+16 = 31 s for the first five retries, then at least 30 s each, so within
     * T fast seconds at most 6 + (T - 31) / 30 attempts; a worker without backoff would make
     * thousands. T is measured, so a loaded machine that oversleeps does not fail the bound. */
    kitchen_sleep_ms(600);
    ks_delivery_stats st;
    for (int64_t end = kitchen_now_ms() + CHECK_WAIT_MS; kitchen_now_ms() < end;
         kitchen_sleep_ms(5)) {
        ks_delivery_get_stats(d, &st);
        if (st.requests >= 5)
            break;
    }
    ks_delivery_stop(d);
    int64_t took = kitchen_now_ms() - t0;
    int64_t attempts = fixture_sql_int(kiosk, "SELECT attempts FROM outbox WHERE destination = "
                                              "'kitchen'");
    int64_t spread = fixture_sql_int(kiosk, "SELECT next_attempt_at - created_at FROM outbox WHERE "
                                            "destination = 'kitchen'");
    ks_db_close(db);
    CHECK(st.requests >= 5);
    CHECK((int64_t)st.requests <= 7 + (took - 31) / 30);
    CHECK_EQ_INT(attempts, (int64_t)st.requests);
    CHECK((int64_t)st.passes <= took / 10); /* woken by due times and the 60 ms cap, not spinning */
    CHECK(spread > 0);
    CHECK_EQ_INT(st.delivered, 0);
}

static void test_wake_delivers_at_once(void)
{
    char kiosk[4200];
    struct kitchen_kds kds;
    CHECK(kitchen_kds_start(&kds, kitchen_fresh_path("wake-kds.db"), "127.0.0.1:0"));
    ks_db *db = kiosk_with_orders("wake-kiosk.db", kiosk, 1, 0);
    CHECK(db != NULL);
    /* Real time: with nothing due, the worker sleeps a whole minute unless woken. */
    const char *list[] = {kds.url};
    const ks_delivery_config cfg = {.db_path = kiosk,
                                    .kitchen_urls = list,
                                    .n_kitchen_urls = 1,
                                    .token = KITCHEN_TOKEN,
                                    .time_scale = 1};
    ks_delivery *d = ks_delivery_start(&cfg);
    CHECK(d != NULL);
    kitchen_sleep_ms(50);
    CHECK(kitchen_kiosk_pay(db, 7));
    int64_t t0 = kitchen_now_ms();
    ks_delivery_wake(d);
    int64_t left = kitchen_wait_undelivered(kiosk, 0, CHECK_WAIT_MS);
    int64_t took = kitchen_now_ms() - t0;
    ks_delivery_stop(d);
    int64_t count = kitchen_kds_count(&kds);
    kitchen_kds_stop(&kds);
    ks_db_close(db);
    CHECK_EQ_INT(left, 0);
    CHECK(took < CHECK_WAIT_MS); /* unwoken, the worker sleeps a whole minute */
    CHECK_EQ_INT(count, 1);
}

static void test_refused_body_set_aside(void)
{
    char kiosk[4200];
    struct kitchen_kds kds;
    CHECK(kitchen_kds_start(&kds, kitchen_fresh_path("dead-kds.db"), "127.0.0.1:0"));
    ks_db *db = kiosk_with_orders("dead-kiosk.db", kiosk, 1, 0);
    CHECK(db != NULL);
    /* A stored order whose queued message is JSON but not an order: the display answers 400. */
    ks_order *o = fixture_order(9, "riyadh-01", KITCHEN_NOON, 240);
    int32_t number = 0;
    CHECK_EQ_INT(ks_order_store_insert(db, o, 0, &number), KS_DB_OK);
    const ks_outbox_message bad = {.destination = "kitchen", .payload = "{\"format\":\"x\"}"};
    CHECK_EQ_INT(ks_order_store_mark_paid(db, o->uuid, (int64_t)time(NULL), &bad, 1), KS_DB_OK);
    ks_order_free(o);

    ks_delivery *d = worker(kiosk, kds.url, 3);
    CHECK(d != NULL);
    /* Three refusals take 2+4 fast seconds of backoff at most: 6 ms; wait up to 2 s. */
    ks_delivery_stats st = {0};
    for (int i = 0; i < 400 && st.dead == 0; i++) {
        kitchen_sleep_ms(5);
        ks_delivery_get_stats(d, &st);
    }
    kitchen_sleep_ms(150); /* a worker that kept sending would make more requests now */
    ks_delivery_get_stats(d, &st);
    ks_delivery_stop(d);
    int64_t tickets = kitchen_kds_count(&kds);
    kitchen_kds_stop(&kds);
    int64_t undelivered = -1;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &undelivered), KS_DB_OK);
    ks_db_close(db);
    CHECK_EQ_INT(st.dead, 1);
    CHECK_EQ_INT(st.requests, 3);
    CHECK_EQ_INT(tickets, 0);
    CHECK_EQ_INT(undelivered, 1); /* set aside, still counted for the staff */
    CHECK_EQ_INT(fixture_sql_int(kiosk, "SELECT attempts FROM outbox"), 3);
    CHECK_EQ_INT(fixture_sql_int(kiosk, "SELECT instr(last_error, 'HTTP 400') > 0 FROM outbox"), 1);
}

static void test_two_displays_each_get_every_order(void)
{
    char kiosk[4200], path_b[4200];
    struct kitchen_kds a, b;
    CHECK(kitchen_kds_start(&a, kitchen_fresh_path("two-a.db"), "127.0.0.1:0"));
    snprintf(path_b, sizeof path_b, "%s", kitchen_fresh_path("two-b.db"));
    uint16_t port_b = kitchen_free_port();
    char url_b[64], listen_b[32];
    snprintf(url_b, sizeof url_b, "http://127.0.0.1:%u/v1/orders", (unsigned)port_b);
    snprintf(listen_b, sizeof listen_b, "127.0.0.1:%u", (unsigned)port_b);
    ks_db *db = kiosk_with_orders("two-kiosk.db", kiosk, 1, 5);
    CHECK(db != NULL);
    const char *list[] = {a.url, url_b};
    const ks_delivery_config cfg = {.db_path = kiosk,
                                    .kitchen_urls = list,
                                    .n_kitchen_urls = 2,
                                    .token = KITCHEN_TOKEN,
                                    .time_scale = 1000};
    ks_delivery *d = ks_delivery_start(&cfg);
    CHECK(d != NULL);
    /* Display B is down: nothing counts as delivered, though A gets every ticket. */
    int64_t count_a = -1;
    for (int64_t end = kitchen_now_ms() + CHECK_WAIT_MS; kitchen_now_ms() < end && count_a != 5;)
        if ((count_a = kitchen_kds_count(&a)) != 5)
            kitchen_sleep_ms(5);
    CHECK_EQ_INT(count_a, 5);
    CHECK_EQ_INT(kitchen_undelivered(kiosk), 5);
    CHECK(kitchen_kds_start(&b, path_b, listen_b));
    int64_t left = kitchen_wait_undelivered(kiosk, 0, CHECK_WAIT_MS);
    ks_delivery_stop(d);
    int64_t count_b = kitchen_kds_count(&b);
    count_a = kitchen_kds_count(&a);
    kitchen_kds_stop(&a);
    kitchen_kds_stop(&b);
    ks_db_close(db);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(count_a, 5);
    CHECK_EQ_INT(count_b, 5);
}

static void test_restarted_worker_resumes(void)
{
    char kiosk[4200], kds_path[4200];
    snprintf(kds_path, sizeof kds_path, "%s", kitchen_fresh_path("resume-kds.db"));
    uint16_t port = kitchen_free_port();
    char url[64], listen[32];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)port);
    snprintf(listen, sizeof listen, "127.0.0.1:%u", (unsigned)port);
    ks_db *db = kiosk_with_orders("resume-kiosk.db", kiosk, 1, 8);
    CHECK(db != NULL);
    ks_delivery *d = worker(kiosk, url, 0);
    CHECK(d != NULL);
    kitchen_sleep_ms(50);
    ks_delivery_stop(d); /* the kiosk restarts while the display is down */
    CHECK_EQ_INT(kitchen_undelivered(kiosk), 8);
    struct kitchen_kds kds;
    CHECK(kitchen_kds_start(&kds, kds_path, listen));
    d = worker(kiosk, url, 0);
    CHECK(d != NULL);
    int64_t left = kitchen_wait_undelivered(kiosk, 0, CHECK_WAIT_MS);
    ks_delivery_stop(d);
    kitchen_kds_stop(&kds);
    ks_db_close(db);
    CHECK_EQ_INT(left, 0);
    CHECK(kitchen_all_there_once(kds_path, 1, 8));
}

static void test_backend_gets_the_same_orders(void)
{
    char kiosk[4200];
    struct kitchen_kds kitchen, backend;
    CHECK(kitchen_kds_start(&kitchen, kitchen_fresh_path("both-kitchen.db"), "127.0.0.1:0"));
    CHECK(kitchen_kds_start(&backend, kitchen_fresh_path("both-backend.db"), "127.0.0.1:0"));
    ks_db *db = kiosk_with_orders("both-kiosk.db", kiosk, 1, 3);
    CHECK(db != NULL);
    const char *list[] = {kitchen.url};
    /* A stand-in backend: it answers POST /v1/orders as the display does. */
    const ks_delivery_config cfg = {.db_path = kiosk,
                                    .kitchen_urls = list,
                                    .n_kitchen_urls = 1,
                                    .backend_url = backend.url,
                                    .token = KITCHEN_TOKEN,
                                    .time_scale = 1000};
    ks_delivery *d = ks_delivery_start(&cfg);
    CHECK(d != NULL);
    int64_t left = -1;
    for (int i = 0; i < 600 && left != 0; i++) {
        kitchen_sleep_ms(5);
        CHECK_EQ_INT(ks_outbox_count_undelivered(db, &left), KS_DB_OK);
    }
    ks_delivery_stop(d);
    int64_t in_kitchen = kitchen_kds_count(&kitchen), in_backend = kitchen_kds_count(&backend);
    kitchen_kds_stop(&kitchen);
    kitchen_kds_stop(&backend);
    ks_db_close(db);
    CHECK_EQ_INT(left, 0); /* 3 kitchen + 3 backend messages */
    CHECK_EQ_INT(in_kitchen, 3);
    CHECK_EQ_INT(in_backend, 3);
}

static void test_start_refuses_bad_settings(void)
{
    char kiosk[4200];
    ks_db *db = kiosk_with_orders("refuse-kiosk.db", kiosk, 1, 0);
    CHECK(db != NULL);
    ks_db_close(db);
    const char *public_http[] = {"http://8.8.8.8/v1/orders"};
    const char *fine[] = {"http://127.0.0.1:9/v1/orders"};
    const ks_delivery_config cases[] = {
        {.db_path = kiosk,
         .kitchen_urls = public_http,
         .n_kitchen_urls = 1,
         .token = KITCHEN_TOKEN},
        {.db_path = kiosk, .kitchen_urls = fine, .n_kitchen_urls = 1, .token = ""},
        {.db_path = kiosk, .kitchen_urls = fine, .n_kitchen_urls = 1, .token = NULL},
        {.db_path = kiosk, .backend_url = "http://1.2.3.4/orders", .token = KITCHEN_TOKEN},
        {.db_path = NULL, .kitchen_urls = fine, .n_kitchen_urls = 1, .token = KITCHEN_TOKEN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ks_delivery *d = ks_delivery_start(&cases[i]);
        if (d) {
            ks_delivery_stop(d);
            check_fail(__FILE__, __LINE__, "case %zu started", i);
        }
    }
    ks_delivery_stop(NULL);
    ks_delivery_wake(NULL);
}

static const struct check_case cases[] = {
    {"what each HTTP status means", test_status_meanings},
    {"display down while 20 orders are paid, then up: each arrives once",
     test_display_down_then_up},
    {"backs off while the display is down", test_backs_off_while_down},
    {"a wake-up delivers at once", test_wake_delivers_at_once},
    {"a refused body is set aside after N refusals", test_refused_body_set_aside},
    {"two displays each get every order", test_two_displays_each_get_every_order},
    {"a restarted worker resumes from the database", test_restarted_worker_resumes},
    {"the backend gets the same orders when configured", test_backend_gets_the_same_orders},
    {"start refuses bad settings", test_start_refuses_bad_settings},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
