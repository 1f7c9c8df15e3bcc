/*
 * Refunds asked for from the back office, kiosk and backend together over
 * real HTTP on loopback (the backend in this process): a
 * manager asks two refunds (POST /v1/refund-requests); the kiosk's
 * heartbeat fetches them (GET /v1/refund-requests/pending) and takes them
 * in; the one of an order paid at the counter is given back in cash at
 * once, staff cancel the card one; the delivery worker relays the refund
 * (naming its request) and the refusal (POST /v1/refund-requests/{id}/
 * refusal); the back office then lists the first done under the kiosk's
 * refund id and the second refused with the kiosk's reason, and a further
 * fetch hands out nothing. Against a backend older than the requests
 * (its answer 404), the failure is logged once, not with every heartbeat,
 * and its end once.
 *
 * Run once per backend store: on an SQLite file (unit.office_refunds_backend)
 * and with --pg on the PostgreSQL server of KIOSK_TEST_PG
 * (unit.office_refunds_backend_pg).
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/app/delivery.h"
#include "kiosk/app/heartbeat.h"
#include "kiosk/app/menu_pull.h"
#include "kiosk/app/office_refunds.h"
#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/store/payment_store.h"
#include "kiosk/store/refund_store.h"
#include "kiosk/store/staff_pin_store.h"
#include "kiosk/store/staff_store.h"

#define MANAGER_TOKEN "mgr-Zx4Cv7Bn1Mq8Wa5Sd2Fg9Hj3"
#define CARD_REQUEST "5eed0000-0000-4000-8000-0000000000c1"
#define CASH_REQUEST "5eed0000-0000-4000-8000-0000000000c2"
/* Generous: a busy machine may be slow, but never this slow. */
#define WAIT_LIMIT_MS 60000

/* The fixture's lines: 0 meal x1, 1 fries x2 (one free), 2 cola x2, 3 dates 350 g, 4 water x1. */
enum { COLA = 2, WATER = 4 };

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg;

/* Order index placed now at the kiosk (db) and paid (by card or at the counter), and at the
 * backend as kiosk-02 sends it; its uuid in uuid. */
static bool place(ks_db *db, unsigned index, bool card, char uuid[37])
{
    ks_order *order = fixture_order(index, "riyadh-01", time(NULL), 0);
    int32_t number = 0;
    bool ok = ks_order_store_insert(db, order, 0, &number) == KS_DB_OK;
    memcpy(uuid, order->uuid, 37);
    if (ok && card) {
        const ks_payment_terminal_info info = {"mada", "484783******1234", "A1", "T1"};
        ok = ks_payment_store_create(db, "sale-1", uuid, order->total, time(NULL)) == KS_DB_OK &&
             ks_payment_store_update(db, "sale-1", KS_PAYMENT_APPROVED, &info, time(NULL)) ==
                 KS_DB_OK;
    }
    const ks_outbox_message kitchen = {.destination = "kitchen", .payload = "{}", .path = NULL};
    ok = ok && ks_order_store_mark_paid(db, uuid, time(NULL), &kitchen, 1) == KS_DB_OK;
    ks_order *stored = NULL;
    ok = ok && ks_order_store_load(db, uuid, &stored) == KS_DB_OK;
    ks_order_free(order);
    long status = ok ? backend_post_order(run.base, stored) : 0;
    if (!ok)
        ks_order_free(stored);
    if (ok && status != 201)
        fprintf(stderr, "  the backend answered the order with %ld\n", status);
    return ok && status == 201;
}

/* The manager asks request id of order uuid: one of line; the status. */
static long ask(const char *id, const char *uuid, int line)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"request_id\":\"%s\",\"order_uuid\":\"%s\",\"reason\":\"cold\","
             "\"lines\":[{\"line_no\":%d,\"quantity\":1}]}",
             id, uuid, line);
    struct http_reply a;
    long status =
        call(run.base, "POST", "/v1/refund-requests", NULL, NULL, MANAGER_TOKEN, body, &a);
    if (status != 201)
        fprintf(stderr, "  asking %s: %ld %s\n", id, status, a.body);
    return status;
}

/* Waits (WAIT_LIMIT_MS at most) until sql on the kiosk's file answers want. */
static bool wait_for(const char *path, const char *sql, int64_t want)
{
    return fixture_wait_sql(path, sql, want, WAIT_LIMIT_MS);
}

/* The back office's row of request id (status, refused_reason, refund_id) into out. */
static void listed(const char *id, char status[16], char reason[128], char refund[37])
{
    struct http_reply a;
    status[0] = reason[0] = refund[0] = '\0';
    if (call(run.base, "GET", "/v1/refund-requests?store=riyadh-01", NULL, NULL, MANAGER_TOKEN,
             NULL, &a) != 200)
        return;
    json_t *root = json_loads(a.body, 0, NULL), *r;
    size_t i;
    json_array_foreach (json_object_get(root, "requests"), i, r) {
        if (strcmp(json_string_value(json_object_get(r, "request_id")), id) != 0)
            continue;
        snprintf(status, 16, "%s", json_string_value(json_object_get(r, "status")));
        snprintf(reason, 128, "%s", json_string_value(json_object_get(r, "refused_reason")));
        snprintf(refund, 37, "%s", json_string_value(json_object_get(r, "refund_id")));
    }
    json_decref(root);
}

static void test_asked_taken_given_refused_and_relayed(void)
{
    CHECK(backend_run_fresh(&run, &cfg, pg, "office",
                            "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
                            "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n"));
    char path[4096], card[37], cash[37];
    fixture_fresh_db(check_tmp_dir(), "kiosk.db", path, sizeof path);
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db);
    CHECK(place(db, 1, true, card));
    CHECK(place(db, 2, false, cash));
    CHECK_EQ_INT(ask(CARD_REQUEST, card, COLA), 201);
    CHECK_EQ_INT(ask(CASH_REQUEST, cash, WATER), 201);

    char url[128];
    snprintf(url, sizeof url, "%s/v1/orders", run.base);
    ks_heartbeat *hb = ks_heartbeat_start(&(ks_heartbeat_config){.db_path = path,
                                                                 .backend_url = url,
                                                                 .token = KITCHEN_TOKEN,
                                                                 .kiosk_id = "kiosk-02",
                                                                 .timeout_ms = 5000});
    CHECK(hb);
    ks_heartbeat_wake(hb);
    CHECK(wait_for(path, "SELECT count(*) FROM refunds", 2));
    ks_heartbeat_stop(hb);

    /* The payment worker's turn: the counter's order in cash; staff cancel the card one. */
    ks_refund_ctx ctx = {.db = db, .place = "test"};
    CHECK_EQ_INT(ks_office_refunds_give_cash(&ctx), 1);
    ks_office_refund_row card_row, cash_row;
    CHECK_EQ_INT(ks_office_refund_store_load(db, CARD_REQUEST, &card_row), KS_DB_OK);
    CHECK_EQ_INT(ks_office_refund_store_load(db, CASH_REQUEST, &cash_row), KS_DB_OK);
    CHECK_EQ_INT(cash_row.status, KS_OFFICE_REFUND_DONE);
    CHECK_EQ_INT(ks_refund_store_cancel(db, card_row.refund_id, time(NULL)), KS_DB_OK);

    ks_delivery *d = ks_delivery_start(&(ks_delivery_config){
        .db_path = path, .backend_url = url, .token = KITCHEN_TOKEN, .timeout_ms = 5000});
    CHECK(d);
    CHECK(wait_for(path,
                   "SELECT count(*) FROM outbox WHERE destination = 'backend_refund' AND "
                   "delivered_at IS NOT NULL",
                   2));
    ks_delivery_stop(d);

    char status[16], reason[128], refund[37];
    listed(CASH_REQUEST, status, reason, refund);
    CHECK_EQ_STR(status, "done");
    CHECK_EQ_STR(refund, cash_row.refund_id);
    listed(CARD_REQUEST, status, reason, refund);
    CHECK_EQ_STR(status, "refused");
    CHECK_EQ_STR(reason, "cancelled by staff at the kiosk");
    CHECK_EQ_STR(refund, "");

    /* Settled at the backend: the next fetch hands out nothing, and nothing changes here. */
    struct http_reply a;
    CHECK_EQ_INT(
        call(run.base, "GET", "/v1/refund-requests/pending", NULL, NULL, KITCHEN_TOKEN, NULL, &a),
        200);
    CHECK_EQ_STR(a.body, "{\"requests\":[]}");
    ks_db_close(db);
    backend_run_stop(&run);
}

/*
 * A person's kiosk PIN end to end: head office adds floor staff and gives
 * them a PIN (POST /v1/people, .../kiosk-pin); the kiosk's puller takes
 * the store's staff list; the PIN signs them in (the check the staff
 * screen makes) and they give a cash refund under their name; the
 * delivery worker relays it, and the staff report counts it under them; so do
 * their sold-out mark and reprint at the staff screen (staff actions), which
 * the backend's audit names.
 */
static void test_kiosk_pin_refund_in_the_staff_report(void)
{
    CHECK(backend_run_fresh(&run, &cfg, pg, "pin_refund",
                            "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
                            "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n"));
    struct http_reply a;
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", NULL, NULL, MANAGER_TOKEN,
                      "{\"store_id\":\"riyadh-01\",\"name_ar\":\"الرياض\",\"name_en\":\"Riyadh\"}",
                      &a),
                 201);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/people", NULL, NULL, MANAGER_TOKEN,
                      "{\"name\":\"omar\",\"role\":\"staff\",\"stores\":[\"riyadh-01\"]}", &a),
                 201);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/people/omar/kiosk-pin", NULL, NULL, MANAGER_TOKEN,
                      "{\"pin\":\"4321\"}", &a),
                 200);
    char path[4096], cache[4200], uuid[37], url[128];
    fixture_fresh_db(check_tmp_dir(), "pin.db", path, sizeof path);
    snprintf(cache, sizeof cache, "%s/pin-cache", check_tmp_dir());
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db);
    CHECK(place(db, 3, false, uuid));

    /* The puller's first pass takes the list (the menu it asks for is none of this test's). */
    snprintf(url, sizeof url, "%s/v1/orders", run.base);
    ks_menu_pull *mp = ks_menu_pull_start(&(ks_menu_pull_config){.db_path = path,
                                                                 .backend_url = url,
                                                                 .token = KITCHEN_TOKEN,
                                                                 .store_id = "riyadh-01",
                                                                 .cache_dir = cache,
                                                                 .timeout_ms = 5000});
    CHECK(mp);
    CHECK(wait_for(path, "SELECT count(*) FROM staff_pins WHERE id = 'omar'", 1));
    ks_menu_pull_stop(mp);
    char who[KS_STAFF_ID_MAX + 1];
    bool listed = false;
    CHECK_EQ_INT(ks_staff_pin_store_match(db, "4321", who, &listed), KS_DB_OK);
    CHECK(listed);
    CHECK_EQ_STR(who, "omar");

    /* Omar gives one water back in cash, under his name; relayed to the backend. */
    const ks_refund_pick water[] = {{WATER, 1}};
    const ks_refund_request req = {.id = "5eed0000-0000-4000-8000-0000000000d1",
                                   .order_uuid = uuid,
                                   .method = KS_REFUND_CASH,
                                   .reason = "spilt",
                                   .staff = who,
                                   .picks = water,
                                   .n_picks = 1};
    ks_refund_row row;
    CHECK_EQ_INT(ks_refund_store_request(db, &req, time(NULL), &row, NULL), KS_DB_OK);
    ks_refund_ctx ctx = {.db = db, .place = "staff-screen"};
    ks_refund_result given;
    CHECK_EQ_INT(ks_refund_run(&ctx, req.id, &given), KS_REFUND_GIVEN);

    /* The order's business day, as the fixture wrote it: today in Riyadh (UTC+3), which is
     * tomorrow in UTC from 21:00 UTC on. */
    char report[160], today[16];
    time_t now = time(NULL);
    ks_business_date((int64_t)now, FIXTURE_RIYADH_OFFSET_MIN, 0, today);

    /* Omar marks the water sold out at the staff screen, as it records it (staff audit and
     * outbox in one transaction), then reprints a receipt. */
    ks_staff_action mark = {.kind = KS_STAFF_ACTION_SOLD_OUT, .at = (int64_t)now, .item = "water"};
    memcpy(mark.business_date, today, sizeof mark.business_date - 1); /* YYYY-MM-DD */
    snprintf(mark.staff, sizeof mark.staff, "%s", who);
    CHECK(ks_uuid_new(mark.uuid));
    CHECK_EQ_INT(ks_staff_action_record(db, &mark, "staff", "sold-out", "ok", "water"), KS_DB_OK);
    ks_staff_action reprint = mark;
    reprint.kind = KS_STAFF_ACTION_REPRINT;
    reprint.item[0] = '\0';
    CHECK(ks_uuid_new(reprint.uuid));
    CHECK_EQ_INT(ks_staff_action_record(db, &reprint, "staff", "reprint", "ok", NULL), KS_DB_OK);
    CHECK(wait_for(
        path, "SELECT count(*) FROM staff_audit WHERE person = 'omar' AND uuid IS NOT NULL", 2));

    ks_delivery *d = ks_delivery_start(&(ks_delivery_config){
        .db_path = path, .backend_url = url, .token = KITCHEN_TOKEN, .timeout_ms = 5000});
    CHECK(d);
    CHECK(wait_for(path,
                   "SELECT count(*) FROM outbox WHERE destination = 'backend_refund' AND "
                   "delivered_at IS NOT NULL AND json_extract(payload, '$.staff') = 'omar'",
                   3));
    ks_delivery_stop(d);
    snprintf(report, sizeof report, "/v1/reports/staff?from=%s&to=%s&store=riyadh-01", today,
             today);
    CHECK_EQ_INT(call(run.base, "GET", report, NULL, NULL, MANAGER_TOKEN, NULL, &a), 200);
    json_t *root = json_loads(a.body, 0, NULL), *r, *omar = NULL;
    size_t i;
    json_array_foreach (json_object_get(root, "rows"), i, r)
        if (strcmp(json_string_value(json_object_get(r, "staff")), "omar") == 0)
            omar = r;
    if (!omar)
        fprintf(stderr, "  report: %s\n", a.body);
    CHECK(omar != NULL);
    CHECK_EQ_INT(json_integer_value(json_object_get(omar, "refunds_done")), 1);
    CHECK_EQ_INT(json_integer_value(json_object_get(omar, "refunded")), row.amount);
    CHECK_EQ_INT(json_integer_value(json_object_get(omar, "soldout_marks")), 1);
    CHECK_EQ_INT(json_integer_value(json_object_get(omar, "reprints")), 1);
    json_decref(root);
    /* The backend's audit names the kiosk and omar. */
    CHECK_EQ_INT(call(run.base, "GET", "/v1/audit?store=riyadh-01&limit=2", NULL, NULL,
                      MANAGER_TOKEN, NULL, &a),
                 200);
    CHECK_CONTAINS(a.body,
                   "\"actor\":\"kiosk-02\",\"role\":\"kiosk\",\"action\":\"staff.sold_out\","
                   "\"store_id\":\"riyadh-01\",\"target\":\"water\"");
    CHECK_CONTAINS(a.body, "\"after_summary\":\"staff=omar\"");
    ks_db_close(db);
    backend_run_stop(&run);
}

/* An older backend: heartbeats taken, the pending list unknown (404) until `knows` is set. */
static atomic_bool knows;

static enum MHD_Result older_backend(void *cls, struct MHD_Connection *c, const char *url,
                                     const char *method, const char *version,
                                     const char *upload_data, size_t *upload_size, void **state)
{
    *upload_size = 0;
    bool pending = strcmp(url, "/v1/refund-requests/pending") == 0;
    const char *body = pending && atomic_load(&knows) ? "{\"requests\":[]}" : "{}";
    unsigned status = pending && !atomic_load(&knows) ? 404 : 200;
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static struct {
    atomic_int not_fetched, fetched_again;
} said;

static void count_log(enum ks_log_level level, const char *tag, const char *msg, void *ctx)
{
    if (strstr(msg, "refund requests not fetched"))
        atomic_fetch_add(&said.not_fetched, 1);
    if (strstr(msg, "refund requests are fetched again"))
        atomic_fetch_add(&said.fetched_again, 1);
}

/* Heartbeats of hb sent at least n in all (10 ms naps, WAIT_LIMIT_MS at most). */
static bool beats(ks_heartbeat *hb, uint64_t n)
{
    ks_heartbeat_stats st = {0};
    for (int64_t until = check_now_ms() + WAIT_LIMIT_MS; st.sent < n && check_now_ms() < until;
         usleep(10000))
        ks_heartbeat_get_stats(hb, &st);
    return st.sent >= n;
}

static void test_older_backend_logged_once(void)
{
    atomic_store(&knows, false);
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL,
                                            older_backend, NULL, MHD_OPTION_END);
    CHECK(d != NULL);
    if (!d)
        return;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char path[4096], url[128];
    fixture_fresh_db(check_tmp_dir(), "older.db", path, sizeof path);
    ks_db_close(ks_db_open(path, NULL));
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)info->port);
    ks_log_set_sink(count_log, NULL);
    ks_heartbeat *hb = ks_heartbeat_start(&(ks_heartbeat_config){.db_path = path,
                                                                 .backend_url = url,
                                                                 .token = KITCHEN_TOKEN,
                                                                 .kiosk_id = "kiosk-02",
                                                                 .period_ms = 20,
                                                                 .timeout_ms = 5000});
    CHECK(hb && beats(hb, 6));
    int before = atomic_load(&said.not_fetched);
    atomic_store(&knows, true);
    ks_heartbeat_stats st = {0};
    if (hb)
        ks_heartbeat_get_stats(hb, &st);
    CHECK(hb && beats(hb, st.sent + 3));
    ks_heartbeat_stop(hb);
    ks_log_set_sink(NULL, NULL);
    MHD_stop_daemon(d);
    CHECK_EQ_INT(before, 1);
    CHECK_EQ_INT(atomic_load(&said.not_fetched), 1);
    CHECK_EQ_INT(atomic_load(&said.fetched_again), 1);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"asked, taken in, given or refused, relayed", test_asked_taken_given_refused_and_relayed},
        {"an older backend's 404 logged once", test_older_backend_logged_once},
        {"a kiosk PIN's refund reaches the staff report under its person",
         test_kiosk_pin_refund_in_the_staff_report},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
