/*
 * One order's page in the back office over real HTTP on loopback (#15;
 * kiosk/docs/backend-api.md, "GET /v1/orders/{uuid}"): a lane's paid order
 * with its interventions, a decision taken while it was paid, a kitchen
 * event, a back-office refund request carried out by a kiosk refund; a
 * counter order cancelled unpaid with a decision taken while it was being
 * paid; each read back as stored, by uuid and by store, business date and
 * number, by head office, the order's store manager and an auditor, and
 * as none (404, the same answer as an unknown uuid) by another store's
 * manager; kiosk tokens keep to what they had (403).
 *
 * Run once per store: `test_backend_order_view` on SQLite files (ctest
 * unit.backend_order_view), `--pg` on the PostgreSQL server of
 * KIOSK_TEST_PG (unit.backend_order_view_pg).
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>

#include "kiosk/backend/backend_order_view.h"
#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/domain/staff_action.h"

#define MANAGER_TOKEN "mgr-Qw3Er5Ty7Ui9Op2As4Df6Gh8"
#define PASSWORD "long enough password 2"
#define COLA_AND_WATER 0x14u /* fixture lines 2 (cola 2 x 600) and 4 (water) */
#define PAID 701u
#define CANCELLED 702u
/* The card terminal's references of the paid order's payment and of a refund (nexo simulator's). */
#define PAID_REF "SIM000701.V400m"
#define REFUND_REF "SIM000702.V400m"

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg;
static struct session sami, nora, audra; /* riyadh-01's manager, jeddah-01's, an auditor */

/* Order index of kiosk-02, paid by mada (PAID_REF) with one age check (20 s), or cancelled unpaid.
 */
static char *order_json(unsigned index, bool cancelled, int64_t *paid_at)
{
    ks_order *o = kitchen_order(index, COLA_AND_WATER, (int32_t)index, KS_SERVICE_TAKEAWAY);
    if (cancelled) {
        o->status = KS_ORDER_CANCELLED;
    } else {
        o->payment = ks_order_payment_card("MADA", PAID_REF);
        o->interventions = calloc(1, sizeof *o->interventions);
        o->n_interventions = 1;
        o->interventions[0] = (ks_order_intervention){.need = KS_INTERVENTION_AGE,
                                                      .decision = KS_INTERVENTION_APPROVE_AGE,
                                                      .raised_at = o->created_at - 60,
                                                      .decided_at = o->created_at - 40};
        snprintf(o->interventions[0].staff, sizeof o->interventions[0].staff, "staff-07");
    }
    *paid_at = o->updated_at;
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    return json;
}

/* staff-09's help while order index was being paid (90 s), as the lane sends it (free()). */
static char *paying_json(unsigned index)
{
    ks_staff_action act = {.kind = KS_STAFF_ACTION_PAYING, .at = KITCHEN_NOON - 10};
    fixture_uuid(960000 + index, act.uuid);
    fixture_uuid(index, act.order_uuid);
    act.order_number = (int32_t)index;
    snprintf(act.business_date, sizeof act.business_date, "2026-11-16");
    act.intervention = (ks_order_intervention){.need = KS_INTERVENTION_HELP,
                                               .decision = KS_INTERVENTION_HELP_GIVEN,
                                               .raised_at = act.at - 90,
                                               .decided_at = act.at};
    snprintf(act.intervention.staff, sizeof act.intervention.staff, "staff-09");
    return ks_staff_action_to_json(&act);
}

static long kiosk_post(const char *path, const char *json)
{
    struct http_reply a;
    return call(run.base, "POST", path, NULL, NULL, KITCHEN_TOKEN, json, &a);
}

/* The backend with riyadh-01's kiosk-02, the people signed in, both orders and their traces. */
static bool start(const char *name)
{
    bool ok = backend_run_fresh(&run, &cfg, pg, name,
                                "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                                "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n") &&
              sign_in_three(run.store, run.base, PASSWORD, &sami, &nora, &audra);
    int64_t paid_at, unused;
    char *paid = order_json(PAID, false, &paid_at),
         *cancelled = order_json(CANCELLED, true, &unused);
    char *paying = paying_json(PAID), *unpaid = paying_json(CANCELLED);
    char uuid[37], path[96];
    fixture_uuid(PAID, uuid);
    ok = ok && paid && cancelled && paying && unpaid &&
         kiosk_post("/v1/staff-actions", paying) == 201 && kiosk_post("/v1/orders", paid) == 201 &&
         kiosk_post("/v1/orders", cancelled) == 201 &&
         kiosk_post("/v1/staff-actions", unpaid) == 201;
    snprintf(path, sizeof path, "/v1/orders/%s/kitchen", uuid);
    char event[128];
    snprintf(event, sizeof event, "{\"status\":\"ready\",\"at\":%lld}", (long long)paid_at + 300);
    ok = ok && kiosk_post(path, event) == 201 &&
         ask_and_refund_cola(run.base, &sami, KITCHEN_TOKEN, PAID);
    free(paid);
    free(cancelled);
    free(paying);
    free(unpaid);
    return ok;
}

/* GET path as session s (NULL: the manager token, head office); the status. */
static long get(const struct session *s, const char *path, struct http_reply *a)
{
    return call(run.base, "GET", path, s ? s->id : NULL, NULL, s ? NULL : MANAGER_TOKEN, NULL, a);
}

static const char *text(json_t *o, const char *name)
{
    const char *t = json_string_value(json_object_get(o, name));
    return t ? t : "(none)";
}

static int64_t whole(json_t *o, const char *name)
{
    return json_integer_value(json_object_get(o, name));
}

static size_t count(json_t *o, const char *name)
{
    return json_array_size(json_object_get(o, name));
}

static void test_order_read_back(void)
{
    CHECK(start("order_view"));
    struct http_reply a;
    char uuid[37], path[96];
    fixture_uuid(PAID, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s", uuid);
    CHECK_EQ_INT(get(NULL, path, &a), 200);
    json_t *v = json_loads(a.body, 0, NULL);
    CHECK(v != NULL);
    CHECK_EQ_STR(text(v, "uuid"), uuid);
    CHECK_EQ_STR(text(v, "store_id"), "riyadh-01");
    CHECK_EQ_STR(text(v, "kiosk_id"), "kiosk-02");
    CHECK_EQ_STR(text(v, "status"), "paid");
    CHECK_EQ_INT(whole(v, "number"), PAID);
    CHECK_EQ_INT(whole(v, "total"), whole(json_object_get(v, "order"), "total"));
    CHECK_EQ_INT(whole(v, "total_vat"), whole(json_object_get(v, "order"), "total_vat"));
    CHECK_EQ_STR(text(json_object_get(v, "payment"), "method"), "card");
    CHECK_EQ_STR(text(json_object_get(v, "payment"), "brand"), "mada");
    CHECK_EQ_STR(text(json_object_get(v, "payment"), "terminal_ref"), PAID_REF);
    CHECK_EQ_INT(count(json_object_get(v, "order"), "lines"), 2);
    CHECK_EQ_STR(
        text(json_array_get(json_object_get(json_object_get(v, "order"), "lines"), 0), "item_id"),
        "cola");
    /* The kiosk's refund of one cola, carrying out sami's request. */
    CHECK_EQ_INT(count(v, "refunds"), 1);
    json_t *refund = json_array_get(json_object_get(v, "refunds"), 0);
    CHECK_EQ_INT(whole(refund, "amount"), 600);
    CHECK_EQ_INT(whole(refund, "vat"), 78);
    CHECK_EQ_STR(text(refund, "terminal_ref"), ""); /* the fixture's kiosk sends none */
    CHECK_EQ_INT(count(v, "refund_requests"), 1);
    json_t *request = json_array_get(json_object_get(v, "refund_requests"), 0);
    CHECK_EQ_STR(text(request, "person"), "sami");
    CHECK_EQ_STR(text(request, "status"), "done");
    CHECK_EQ_STR(text(request, "refund_id"), text(refund, "refund_id"));
    /* Its own age check, then staff-09's help while it was paid, placed among them. */
    CHECK_EQ_INT(count(v, "interventions"), 2);
    json_t *placed = json_array_get(json_object_get(v, "interventions"), 1);
    CHECK_EQ_STR(text(placed, "staff"), "staff-09");
    CHECK_EQ_STR(text(placed, "need"), "help");
    CHECK_EQ_INT(whole(placed, "decided_at") - whole(placed, "raised_at"), 90);
    CHECK_EQ_INT(count(v, "paying_decisions"), 1);
    CHECK_EQ_STR(text(json_array_get(json_object_get(v, "paying_decisions"), 0), "state"),
                 "placed");
    CHECK_EQ_INT(count(v, "kitchen"), 1);
    CHECK_EQ_STR(text(json_array_get(json_object_get(v, "kitchen"), 0), "status"), "ready");
    CHECK(json_is_array(json_object_get(v, "einvoices")));
    CHECK_EQ_INT(count(v, "einvoices"), 0);
    char *whole_body = strdup(a.body);
    /* The order's store manager and an auditor read the same. */
    CHECK_EQ_INT(get(&sami, path, &a), 200);
    CHECK_EQ_STR(a.body, whole_body);
    CHECK_EQ_INT(get(&audra, path, &a), 200);
    CHECK_EQ_STR(a.body, whole_body);

    /* The find: store, business date, number; one order, and none of another number. */
    char find[160];
    snprintf(find, sizeof find, "/v1/orders?store=riyadh-01&date=%s&number=%u",
             text(v, "business_date"), PAID);
    CHECK_EQ_INT(get(&sami, find, &a), 200);
    json_t *found = json_loads(a.body, 0, NULL);
    CHECK_EQ_INT(count(found, "orders"), 1);
    CHECK_EQ_STR(text(json_array_get(json_object_get(found, "orders"), 0), "uuid"), uuid);
    json_decref(found);
    snprintf(find, sizeof find, "/v1/orders?store=riyadh-01&date=%s&number=%u",
             text(v, "business_date"), PAID + 100);
    CHECK_EQ_INT(get(NULL, find, &a), 200);
    found = json_loads(a.body, 0, NULL);
    CHECK_EQ_INT(count(found, "orders"), 0);
    json_decref(found);
    free(whole_body);
    json_decref(v);

    /* The cancelled order: no payment, staff-09's decision taken as unpaid work. */
    fixture_uuid(CANCELLED, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s", uuid);
    CHECK_EQ_INT(get(&sami, path, &a), 200);
    v = json_loads(a.body, 0, NULL);
    CHECK_EQ_STR(text(v, "status"), "cancelled");
    CHECK_EQ_STR(text(json_object_get(v, "payment"), "method"), "");
    CHECK_EQ_STR(text(json_object_get(v, "payment"), "terminal_ref"), "");
    CHECK_EQ_INT(count(v, "interventions"), 0);
    CHECK_EQ_INT(count(v, "paying_decisions"), 1);
    CHECK_EQ_STR(text(json_array_get(json_object_get(v, "paying_decisions"), 0), "state"),
                 "unpaid");
    json_decref(v);
    backend_run_stop(&run);
}

static void test_order_scoped(void)
{
    CHECK(start("order_view_scoped"));
    struct http_reply a;
    char uuid[37], path[96], unknown[96];
    fixture_uuid(PAID, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s", uuid);
    fixture_uuid(799, uuid);
    snprintf(unknown, sizeof unknown, "/v1/orders/%s", uuid);
    /* Another store's manager: the answer to an order that is not there, byte for byte. */
    CHECK_EQ_INT(get(&nora, path, &a), 404);
    char *hidden = strdup(a.body);
    CHECK_EQ_INT(get(&nora, unknown, &a), 404);
    CHECK_EQ_STR(hidden, a.body);
    CHECK_EQ_INT(get(NULL, unknown, &a), 404);
    CHECK_EQ_STR(hidden, a.body);
    free(hidden);
    /* Kiosk tokens: the order's own kiosk reads nothing; its POSTs are as before. */
    CHECK_EQ_INT(call(run.base, "GET", path, NULL, NULL, KITCHEN_TOKEN, NULL, &a), 403);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/orders?store=riyadh-01&date=2026-11-16&number=1", NULL,
                      NULL, KITCHEN_TOKEN, NULL, &a),
                 403);
    CHECK_EQ_INT(call(run.base, "POST", path, NULL, NULL, KITCHEN_TOKEN, "{}", &a), 405);
    CHECK_EQ_INT(get(NULL, "/v1/orders/NOT-A-UUID", &a), 404);
    /* The find names one of a store manager's stores. */
    CHECK_EQ_INT(get(&nora, "/v1/orders?store=riyadh-01&date=2026-11-16&number=1", &a), 403);
    CHECK_EQ_INT(get(&nora, "/v1/orders?store=jeddah-01&date=2026-11-16&number=1", &a), 200);
    static const struct {
        const char *query, *path;
    } bad[] = {
        {"/v1/orders?date=2026-11-16&number=1", "store"},
        {"/v1/orders?store=riyadh-01&date=2026-02-30&number=1", "date"},
        {"/v1/orders?store=riyadh-01&number=1", "date"},
        {"/v1/orders?store=riyadh-01&date=2026-11-16", "number"},
        {"/v1/orders?store=riyadh-01&date=2026-11-16&number=0", "number"},
        {"/v1/orders?store=riyadh-01&date=2026-11-16&number=2147483648", "number"},
        {"/v1/orders?store=riyadh-01&date=2026-11-16&number=1x", "number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_EQ_INT(get(NULL, bad[i].query, &a), 400);
        json_t *root = json_loads(a.body, 0, NULL);
        CHECK_EQ_STR(text(root, "path"), bad[i].path);
        json_decref(root);
    }
    backend_run_stop(&run);
}

/*
 * The test's store's driver (backend_store_driver.h, the store's inside) as
 * it is, but for its queries: once the order's row is read, before the
 * page's other reads, the order is collected (a kitchen event at
 * collected_at, posted through HTTP, stored by the backend's own
 * connection; collected_status its answer). The seam is the driver's
 * table, as an SQLite VFS shim's: the store's code has no hook for tests.
 */
static const ks_backend_driver *real_driver; /* the store's own, while the shim stands in */
static int64_t collected_at;
static long collected_status;

static enum ks_db_error query_then_collect(void *conn, enum ks_backend_sql sql,
                                           const ks_backend_value *values, size_t n,
                                           const ks_backend_sink *sink)
{
    enum ks_db_error err = real_driver->query(conn, sql, values, n, sink);
    if (err == KS_DB_OK && sql == KS_BACKEND_SQL_ORDER_VIEW) {
        char uuid[37], path[96], event[128];
        fixture_uuid(PAID, uuid);
        snprintf(path, sizeof path, "/v1/orders/%s/kitchen", uuid);
        snprintf(event, sizeof event, "{\"status\":\"collected\",\"at\":%lld}",
                 (long long)collected_at);
        collected_status = kiosk_post(path, event);
    }
    return err;
}

/*
 * The page's reads are one snapshot: a kitchen event stored (by the backend's own connection,
 * through HTTP) after the order's row was read and before its parts are is not in the page,
 * and is in the next one. Read one statement at a time, the page showed it.
 */
static void test_order_read_as_one_snapshot(void)
{
    CHECK(start("order_view_snapshot"));
    char uuid[37];
    fixture_uuid(PAID, uuid);
    int64_t paid_at = 0;
    free(order_json(PAID, false, &paid_at));
    collected_at = paid_at + 400;
    collected_status = 0;
    real_driver = run.store->driver;
    ks_backend_driver shim = *real_driver;
    shim.query = query_then_collect;
    run.store->driver = &shim;
    json_t *v = NULL;
    enum ks_db_error err = ks_backend_store_order_view(run.store, uuid, &v);
    run.store->driver = real_driver;
    CHECK_EQ_INT(err, KS_DB_OK);
    CHECK_EQ_INT(collected_status, 201);
    CHECK_EQ_INT(count(v, "kitchen"), 1);
    CHECK_EQ_STR(text(json_array_get(json_object_get(v, "kitchen"), 0), "status"), "ready");
    json_decref(v);
    CHECK_EQ_INT(ks_backend_store_order_view(run.store, uuid, &v), KS_DB_OK);
    CHECK_EQ_INT(count(v, "kitchen"), 2);
    CHECK_EQ_STR(text(json_array_get(json_object_get(v, "kitchen"), 1), "status"), "collected");
    json_decref(v);
    backend_run_stop(&run);
}

/* The paid order's second cola given back by method with its terminal's reference ref (NULL:
 * none), refund id fixture 930000 + n; the status. */
static long refund_second_cola(unsigned n, const char *method, const char *ref)
{
    char uuid[37], refund[37], with[128] = "";
    fixture_uuid(PAID, uuid);
    fixture_uuid(930000 + n, refund);
    if (ref)
        snprintf(with, sizeof with, ",\"terminal_ref\":\"%s\"", ref);
    return post_cola_refund_with(run.base, KITCHEN_TOKEN, uuid, refund, method, with);
}

/*
 * A card refund's terminal reference is kept with it and shown on the page
 * (#15); a cash refund has none, and nothing shaped like a card number is
 * taken for one.
 */
static void test_refund_terminal_ref(void)
{
    CHECK(start("order_view_ref"));
    CHECK_EQ_INT(refund_second_cola(1, "cash", REFUND_REF), 400);
    CHECK_EQ_INT(refund_second_cola(2, "card", "4847 8312 3456 1234"), 400);
    CHECK_EQ_INT(refund_second_cola(3, "card", "REF\\u0007"), 400);
    CHECK_EQ_INT(refund_second_cola(4, "card", REFUND_REF), 201);
    struct http_reply a;
    char uuid[37], path[96];
    fixture_uuid(PAID, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s", uuid);
    CHECK_EQ_INT(get(&sami, path, &a), 200);
    json_t *v = json_loads(a.body, 0, NULL);
    CHECK_EQ_INT(count(v, "refunds"), 2);
    CHECK_EQ_STR(text(json_array_get(json_object_get(v, "refunds"), 0), "terminal_ref"), "");
    CHECK_EQ_STR(text(json_array_get(json_object_get(v, "refunds"), 1), "terminal_ref"),
                 REFUND_REF);
    json_decref(v);
    backend_run_stop(&run);
}

static const struct check_case cases[] = {
    {"an order read back with everything that names it", test_order_read_back},
    {"another store's order is none to its manager; kiosks read nothing", test_order_scoped},
    {"an order's page is read as one snapshot", test_order_read_as_one_snapshot},
    {"a card refund's terminal reference on the page; none for cash", test_refund_terminal_ref},
};

int main(int argc, char **argv)
{
    return backend_test_main(argc, argv, cases, sizeof cases / sizeof cases[0], 0, &pg);
}
