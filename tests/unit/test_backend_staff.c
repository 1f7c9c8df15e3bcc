/*
 * The staff report over real HTTP on loopback (the server in this process):
 * paid orders carrying their lanes' attendant interventions
 * (kiosk/domain/intervention.h), stored once however often they arrive,
 * an older kiosk's order without them, a malformed one refused with its
 * path, and GET /v1/reports/staff per store and staff id (counts per need,
 * median and 90th percentile of the waits by nearest rank, voids and their
 * amount, the back office's refund requests each person asked), as JSON
 * and CSV, filtered by store, open to an auditor and closed to another
 * store's manager (kiosk/docs/backend-api.md, "GET /v1/reports/staff").
 *
 * Run once per store: `test_backend_staff` on SQLite files (ctest
 * unit.backend_staff), `test_backend_staff --pg` on the PostgreSQL server
 * of KIOSK_TEST_PG (unit.backend_staff_pg), each case in a fresh schema.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <time.h>

#include "kiosk/backend/backend_staff_action_store.h"
#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/backend/backend_staff_sql.h"
#include "kiosk/domain/staff_action.h"

#define MANAGER_TOKEN "mgr-Qw3Er5Ty7Ui9Op2As4Df6Gh8"
#define PASSWORD "long enough password 2"
#define COLA_AND_WATER 0x14u /* fixture lines 2 (cola 2 x 600) and 4 (water) */
#define REPORT "/v1/reports/staff?from=2026-11-01&to=2026-11-30"
#define LIST_OF_PAYING "/v1/staff-actions?from=2026-11-01&to=2026-11-30&kind=paying"

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg;
static struct session sami, nora, audra; /* riyadh-01's manager, jeddah-01's, an auditor */

/* One intervention: need, decision, staff, seconds from raised to decided, a void's amount. */
struct iv {
    enum ks_intervention_need need;
    enum ks_intervention_decision decision;
    const char *staff;
    int64_t wait_s;
    ks_money void_amount; /* > 0: a void of cola */
};

/* Order index (kiosk-02, paid) carrying ivs[0..n) raised a minute apart before it was made. */
static char *order_json(unsigned index, const struct iv *ivs, size_t n)
{
    ks_order *o = kitchen_order(index, COLA_AND_WATER, (int32_t)index, KS_SERVICE_TAKEAWAY);
    o->interventions = n ? calloc(n, sizeof *o->interventions) : NULL;
    o->n_interventions = n;
    for (size_t i = 0; i < n; i++) {
        ks_order_intervention *t = &o->interventions[i];
        *t = (ks_order_intervention){.need = ivs[i].need,
                                     .decision = ivs[i].decision,
                                     .raised_at = o->created_at - 3600 + 60 * (int64_t)i,
                                     .void_amount = ivs[i].void_amount};
        t->decided_at = t->raised_at + ivs[i].wait_s;
        snprintf(t->staff, sizeof t->staff, "%s", ivs[i].staff);
        if (ivs[i].void_amount)
            snprintf(t->void_item, sizeof t->void_item, "cola");
    }
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    return json;
}

static long post_json(const char *json, struct http_reply *a)
{
    return call(run.base, "POST", "/v1/orders", NULL, NULL, KITCHEN_TOKEN, json, a);
}

/* staff-07's five waits 0, 5, 15, 30, 45 s (median 15, 90th percentile 45), two voids of 600. */
static const struct iv first[] = {
    {KS_INTERVENTION_AGE, KS_INTERVENTION_APPROVE_AGE, "staff-07", 15, 0},
    {KS_INTERVENTION_REMOVAL, KS_INTERVENTION_APPROVE_REMOVAL, "staff-07", 30, 600},
    {KS_INTERVENTION_BAGGING, KS_INTERVENTION_CLEAR_BAGGING, "staff-03", 60, 0},
    {KS_INTERVENTION_HELP, KS_INTERVENTION_HELP_GIVEN, "staff-07", 5, 0},
};
static const struct iv second[] = {
    {KS_INTERVENTION_UNASKED, KS_INTERVENTION_VOID_LINE, "staff-07", 0, 600},
    {KS_INTERVENTION_IDLE, KS_INTERVENTION_HELP_GIVEN, "staff-07", 45, 0},
};

/* The backend with riyadh-01's kiosk-02, each of the people added and signed in. */
static bool start(const char *name)
{
    return backend_run_fresh(&run, &cfg, pg, name,
                             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                             "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n") &&
           sign_in_three(run.store, run.base, PASSWORD, &sami, &nora, &audra);
}

/* The report's row of staff in the JSON answer body (borrowed from *root), or NULL. */
static json_t *row_of(const char *body, const char *staff, json_t **root)
{
    *root = json_loads(body, 0, NULL);
    size_t i;
    json_t *row;
    json_array_foreach (json_object_get(*root, "rows"), i, row) {
        if (strcmp(json_string_value(json_object_get(row, "staff")), staff) == 0)
            return row;
    }
    return NULL;
}

static int64_t figure(json_t *row, const char *column)
{
    return json_integer_value(json_object_get(row, column));
}

/* GET path as session s (NULL: the manager token); the status. */
static long get(const struct session *s, const char *path, struct http_reply *a)
{
    return call(run.base, "GET", path, s ? s->id : NULL, NULL, s ? NULL : MANAGER_TOKEN, NULL, a);
}

static void test_interventions_reported(void)
{
    CHECK(start("staff_report"));
    struct http_reply a;
    char *one = order_json(601, first, 4), *two = order_json(602, second, 2);
    CHECK_EQ_INT(post_json(one, &a), 201);
    CHECK_EQ_INT(post_json(two, &a), 201);
    /* The same bytes again store nothing twice. */
    CHECK_EQ_INT(post_json(one, &a), 200);
    /* An older kiosk's order, without the member, is taken as ever. */
    char *plain = order_json(603, NULL, 0);
    CHECK(plain && !strstr(plain, "interventions"));
    CHECK_EQ_INT(post_json(plain, &a), 201);

    CHECK_EQ_INT(get(NULL, REPORT, &a), 200);
    json_t *root = NULL, *row = row_of(a.body, "staff-07", &root);
    CHECK(row != NULL);
    CHECK_EQ_STR(json_string_value(json_object_get(row, "store_id")), "riyadh-01");
    CHECK_EQ_INT(figure(row, "interventions"), 5);
    CHECK_EQ_INT(figure(row, "age"), 1);
    CHECK_EQ_INT(figure(row, "removal"), 1);
    CHECK_EQ_INT(figure(row, "help"), 1);
    CHECK_EQ_INT(figure(row, "idle"), 1);
    CHECK_EQ_INT(figure(row, "unasked"), 1);
    CHECK_EQ_INT(figure(row, "bagging"), 0);
    CHECK_EQ_INT(figure(row, "wait_p50_s"), 15);
    CHECK_EQ_INT(figure(row, "wait_p90_s"), 45);
    CHECK_EQ_INT(figure(row, "voids"), 2);
    CHECK_EQ_INT(figure(row, "voided"), 1200);
    json_decref(root);
    row = row_of(a.body, "staff-03", &root);
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "interventions"), 1);
    CHECK_EQ_INT(figure(row, "wait_p50_s"), 60);
    CHECK_EQ_INT(figure(row, "wait_p90_s"), 60);
    json_decref(root);

    /* CSV: the columns in order, a row per staff member. */
    CHECK_EQ_INT(get(NULL, REPORT "&format=csv", &a), 200);
    CHECK(strncmp(a.body,
                  "store_id,staff,interventions,age,removal,bagging,unknown,help,idle,unasked,"
                  "wait_p50_s,wait_p90_s,voids,voided,refunds_asked,refunds_done,refunded\r\n",
                  strlen("store_id,staff,")) == 0);
    CHECK(strstr(a.body,
                 "\"riyadh-01\",\"staff-07\",5,1,1,0,0,1,1,1,15,45,2,1200,0,0,0,0,0,0,0,0\r\n"));

    /* The same figures from the orders' day alone (be_interventions), and from November and
     * December kept whole at intake (be_staff_months) with October's last days beside them. */
    static const char *const spans[] = {"from=2026-11-24&to=2026-11-24",
                                        "from=2026-11-02&to=2026-11-29",
                                        "from=2026-10-15&to=2026-12-31"};
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "/v1/reports/staff?%s&format=csv", spans[i]);
        CHECK_EQ_INT(get(NULL, path, &a), 200);
        CHECK(strstr(a.body, "\"riyadh-01\",\"staff-07\",5,1,1,0,0,1,1,1,15,45,2,1200,"));
        CHECK(strstr(a.body, "\"riyadh-01\",\"staff-03\",1,0,0,1,0,0,0,0,60,60,0,0,"));
    }

    /* Another store's figures, and days without them, are not these. */
    CHECK_EQ_INT(get(NULL, REPORT "&store=jeddah-01", &a), 200);
    CHECK(strstr(a.body, "\"rows\":[]") != NULL);
    CHECK_EQ_INT(get(NULL, "/v1/reports/staff?from=2026-12-01&to=2026-12-31", &a), 200);
    CHECK(strstr(a.body, "\"rows\":[]") != NULL);
    free(one);
    free(two);
    free(plain);
    backend_run_stop(&run);
}

static void test_malformed_refused(void)
{
    CHECK(start("staff_refused"));
    struct http_reply a;
    char *json = order_json(611, first, 1);
    /* Decided before it was raised. */
    char *at = strstr(json, "\"decided_at\":");
    CHECK(at != NULL);
    char bad[16384];
    const char *after = at + strlen("\"decided_at\":");
    after += strspn(after, "0123456789");
    snprintf(bad, sizeof bad, "%.*s\"decided_at\":1%s", (int)(at - json), json, after);
    CHECK_EQ_INT(post_json(bad, &a), 400);
    CHECK(strstr(a.body, "interventions[0].decided_at") != NULL);
    /* An unknown member of an intervention. */
    char *staff = strstr(json, "\"staff\":");
    snprintf(bad, sizeof bad, "%.*s\"shift\":2,%s", (int)(staff - json), json, staff);
    CHECK_EQ_INT(post_json(bad, &a), 400);
    CHECK(strstr(a.body, "interventions[0].shift") != NULL);
    CHECK_EQ_INT(get(NULL, REPORT, &a), 200);
    CHECK(strstr(a.body, "\"rows\":[]") != NULL);
    free(json);
    backend_run_stop(&run);
}

/* A refund request asked by sami of order index, carried out by a refund of one cola. */
static void ask_and_refund(unsigned index)
{
    CHECK(ask_and_refund_cola(run.base, &sami, KITCHEN_TOKEN, index));
}

static void test_refunds_asked_and_roles(void)
{
    CHECK(start("staff_refunds"));
    struct http_reply a;
    char *one = order_json(621, first, 4), *two = order_json(622, NULL, 0);
    CHECK_EQ_INT(post_json(one, &a), 201);
    CHECK_EQ_INT(post_json(two, &a), 201);
    ask_and_refund(621);
    /* A second request, still open: asked, not done. */
    char uuid[37], request[37], body[512];
    fixture_uuid(622, uuid);
    fixture_uuid(930000, request);
    snprintf(body, sizeof body,
             "{\"request_id\":\"%s\",\"order_uuid\":\"%s\",\"reason\":\"late\","
             "\"lines\":[{\"line_no\":0,\"quantity\":1}]}",
             request, uuid);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/refund-requests", sami.id, sami.csrf, NULL, body, &a),
                 201);

    /* The store's manager and an auditor read it; another store's manager does not. */
    CHECK_EQ_INT(get(&sami, REPORT "&store=riyadh-01", &a), 200);
    json_t *root = NULL, *row = row_of(a.body, "sami", &root);
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "refunds_asked"), 2);
    CHECK_EQ_INT(figure(row, "refunds_done"), 1);
    CHECK_EQ_INT(figure(row, "refunded"), 600);
    CHECK_EQ_INT(figure(row, "interventions"), 0);
    json_decref(root);
    CHECK(strstr(a.body, "\"staff-07\"") != NULL);
    CHECK_EQ_INT(get(&audra, REPORT, &a), 200);
    CHECK(strstr(a.body, "\"omar\"") == NULL);

    /* Refunds given at the kiosk by omar, signed in with his kiosk PIN: asked and done by him;
     * one given under the shared PIN (nobody named) counts for nobody. */
    char refund[37];
    fixture_uuid(940000, refund);
    CHECK_EQ_INT(post_cola_refund_by(run.base, KITCHEN_TOKEN, uuid, refund, NULL, "omar"), 201);
    fixture_uuid(940001, refund);
    CHECK_EQ_INT(post_cola_refund(run.base, KITCHEN_TOKEN, uuid, refund, NULL), 201);
    fixture_uuid(940002, refund);
    CHECK_EQ_INT(post_cola_refund_by(run.base, KITCHEN_TOKEN, uuid, refund, NULL, "Omar"), 400);
    CHECK_EQ_INT(get(&sami, REPORT "&store=riyadh-01", &a), 200);
    row = row_of(a.body, "omar", &root);
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "refunds_asked"), 1);
    CHECK_EQ_INT(figure(row, "refunds_done"), 1);
    CHECK_EQ_INT(figure(row, "refunded"), 600);
    json_decref(root);
    row = row_of(a.body, "sami", &root);
    CHECK_EQ_INT(figure(row, "refunds_asked"), 2);
    CHECK_EQ_INT(figure(row, "refunded"), 600);
    json_decref(root);
    CHECK_EQ_INT(get(&nora, REPORT "&store=riyadh-01", &a), 403);
    CHECK_EQ_INT(get(&nora, REPORT, &a), 403);
    CHECK_EQ_INT(get(NULL, "/v1/reports/staff?from=2026-11-30&to=2026-11-01", &a), 400);
    free(one);
    free(two);
    backend_run_stop(&run);
}

/* Staff action n (its uuid) of kind by staff on 2026-11-1x as the kiosk writes it (free()); a
 * reprint with a PIN and a decision taken while paying name order index. */
static char *action_for(unsigned n, enum ks_staff_action_kind kind, const char *staff,
                        unsigned index)
{
    ks_staff_action act = {.kind = kind, .at = 1795500000 + n};
    fixture_uuid(950000 + n, act.uuid);
    snprintf(act.business_date, sizeof act.business_date, "2026-11-%02u", 10 + n % 10);
    bool has_iv = ks_staff_action_has_intervention(kind);
    snprintf(act.staff, sizeof act.staff, "%s", has_iv ? "" : staff);
    if (kind == KS_STAFF_ACTION_SOLD_OUT || kind == KS_STAFF_ACTION_ON_SALE)
        snprintf(act.item, sizeof act.item, "burger");
    /* A reprint with no PIN: an older kiosk's, naming no order. */
    if ((kind == KS_STAFF_ACTION_REPRINT && staff[0]) || kind == KS_STAFF_ACTION_PAYING) {
        fixture_uuid(index, act.order_uuid);
        act.order_number = (int32_t)index;
    }
    if (kind == KS_STAFF_ACTION_INTERVENTION) /* the attendant cancelled the basket */
        act.intervention = (ks_order_intervention){.need = KS_INTERVENTION_AGE,
                                                   .decision = KS_INTERVENTION_CANCEL,
                                                   .raised_at = act.at - 20,
                                                   .decided_at = act.at};
    if (kind == KS_STAFF_ACTION_PAYING) /* help given while order 601's card was read */
        act.intervention = (ks_order_intervention){.need = KS_INTERVENTION_HELP,
                                                   .decision = KS_INTERVENTION_HELP_GIVEN,
                                                   .raised_at = act.at - 90,
                                                   .decided_at = act.at};
    if (has_iv) {
        snprintf(act.intervention.staff, sizeof act.intervention.staff, "%s", staff);
    }
    return ks_staff_action_to_json(&act);
}

/* The same naming order 601. */
static char *action_json(unsigned n, enum ks_staff_action_kind kind, const char *staff)
{
    return action_for(n, kind, staff, 601);
}

static long post_action(const char *json, struct http_reply *a)
{
    return call(run.base, "POST", "/v1/staff-actions", NULL, NULL, KITCHEN_TOKEN, json, a);
}

/* The audit rows' "action target after" lines, newest first, of staff actions only. */
static void audited_actions(char *out, size_t cap)
{
    json_t *rows = NULL;
    size_t used = 0, i;
    json_t *row;
    out[0] = '\0';
    if (ks_backend_store_audit(run.store, "riyadh-01", 100, &rows) != KS_DB_OK)
        return;
    json_array_foreach (rows, i, row) {
        const char *action = json_string_value(json_object_get(row, "action"));
        if (strncmp(action, "staff.", 6) == 0 && used < cap)
            used += (size_t)snprintf(out + used, cap - used, "%s%s %s %s %s", used ? "|" : "",
                                     json_string_value(json_object_get(row, "actor")), action,
                                     json_string_value(json_object_get(row, "target")),
                                     json_string_value(json_object_get(row, "after_summary")));
    }
    json_decref(rows);
}

/* start(name), then order 601 (first) stored. */
static bool start_paid(const char *name)
{
    struct http_reply a;
    char *paid = order_json(601, first, 4);
    bool ok = paid && start(name) && post_json(paid, &a) == 201;
    free(paid);
    return ok;
}

/*
 * A kiosk's staff actions (POST /v1/staff-actions): omar's sold-out mark and unmark and his
 * reprint, a reprint under the shared PIN (nobody), staff-07's intervention in an unpaid
 * basket; each stored and audited once (the same bytes again 200, other bytes under its uuid
 * 409), malformed ones refused with their member; the staff report counts them per person.
 */
static void test_staff_actions(void)
{
    CHECK(start_paid("staff_actions"));
    struct http_reply a;
    char *sent[] = {
        action_json(1, KS_STAFF_ACTION_SOLD_OUT, "omar"),
        action_json(2, KS_STAFF_ACTION_ON_SALE, "omar"),
        action_json(3, KS_STAFF_ACTION_REPRINT, "omar"),
        action_json(4, KS_STAFF_ACTION_REPRINT, ""),
        action_json(5, KS_STAFF_ACTION_INTERVENTION, "staff-07"),
        action_json(6, KS_STAFF_ACTION_PAYING, "staff-07"),
    };
    for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++) {
        CHECK(sent[i] != NULL);
        CHECK_EQ_INT(post_action(sent[i], &a), 201);
    }
    CHECK_EQ_INT(post_action(sent[0], &a), 200);
    CHECK_CONTAINS(a.body, "\"duplicate\"");
    char other[2048];
    snprintf(other, sizeof other, "%s", sent[0]);
    char *burger = strstr(other, "burger");
    CHECK(burger != NULL);
    memcpy(burger, "frieso", 6); /* another item under the same uuid */
    CHECK_EQ_INT(post_action(other, &a), 409);
    CHECK_CONTAINS(a.body, "\"path\":\"uuid\"");

    char uuid[37], body[512];
    fixture_uuid(950100, uuid);
    static const struct {
        const char *rest, *path;
    } refused[] = {
        {"\"action\":\"sold_out\",\"business_date\":\"2026-11-12\",\"at\":1}", "item"},
        {"\"action\":\"reprint\",\"business_date\":\"2026-11-12\",\"at\":1,\"item\":\"cola\"}",
         "item"},
        {"\"action\":\"on_sale\",\"business_date\":\"2026-11-31\",\"at\":1,\"item\":\"cola\"}",
         "business_date"},
        {"\"action\":\"reprint\",\"business_date\":\"2026-11-12\",\"at\":1,\"staff\":\"Omar\"}",
         "staff"},
        {"\"action\":\"intervention\",\"business_date\":\"2026-11-12\",\"at\":1}", "intervention"},
        {"\"action\":\"paying\",\"business_date\":\"2026-11-12\",\"at\":1,\"intervention\":{"
         "\"need\":\"help\",\"decision\":\"help_given\",\"staff\":\"staff-07\",\"raised_at\":0,"
         "\"decided_at\":1}}",
         "order_uuid"},
        {"\"action\":\"wave\",\"business_date\":\"2026-11-12\",\"at\":1}", "action"},
        {"\"action\":\"reprint\",\"business_date\":\"2026-11-12\",\"at\":1,\"x\":1}", "x"},
        {"\"action\":\"reprint\",\"business_date\":\"2026-11-12\",\"at\":1,\"order_number\":7}",
         "order_number"},
        {"\"action\":\"reprint\",\"business_date\":\"2026-11-12\",\"at\":1,\"order_uuid\":"
         "\"5eed0000-0000-4000-8000-000000000001\",\"order_number\":0}",
         "order_number"},
        {"\"action\":\"reprint\",\"business_date\":\"2026-11-12\",\"at\":1,\"order_uuid\":"
         "\"5eed0000-0000-4000-8000-000000000001\",\"order_number\":\"7\"}",
         "order_number"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        snprintf(body, sizeof body, "{\"uuid\":\"%s\",%s", uuid, refused[i].rest);
        char path[64] = "";
        long status = post_action(body, &a);
        member(a.body, "path", path, sizeof path);
        if (status != 400 || strcmp(path, refused[i].path) != 0)
            fprintf(stderr, "  case %zu: %ld %s\n", i, status, a.body);
        CHECK_EQ_INT(status, 400);
        CHECK_EQ_STR(path, refused[i].path);
    }
    /* A restaurant kiosk's token only: the back office may not post one. */
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/staff-actions", NULL, NULL, MANAGER_TOKEN, sent[1], &a), 403);

    char audited[2048];
    audited_actions(audited, sizeof audited);
    char want[1024], order[37];
    fixture_uuid(601, order);
    snprintf(want, sizeof want,
             "kiosk-02 staff.paying help_given staff=staff-07 need=help wait=90s paying order=%s|"
             "kiosk-02 staff.intervention cancel staff=staff-07 need=age wait=20s unpaid|"
             "kiosk-02 staff.reprint  staff=|kiosk-02 staff.reprint %s staff=omar order=601|"
             "kiosk-02 staff.on_sale burger staff=omar|kiosk-02 staff.sold_out burger staff=omar",
             order, order);
    CHECK_EQ_STR(audited, want);

    CHECK_EQ_INT(get(&sami, REPORT "&store=riyadh-01", &a), 200);
    json_t *root = NULL, *row = row_of(a.body, "omar", &root);
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "soldout_marks"), 2);
    CHECK_EQ_INT(figure(row, "reprints"), 1);
    CHECK_EQ_INT(figure(row, "unpaid_interventions"), 0);
    CHECK_EQ_INT(figure(row, "paying_interventions"), 0);
    CHECK_EQ_INT(figure(row, "interventions"), 0);
    json_decref(root);
    row = row_of(a.body, "staff-07", &root);
    CHECK(row != NULL);
    /* The paid order's three and the decision taken while it was paid, placed among them. */
    CHECK_EQ_INT(figure(row, "interventions"), 4);
    CHECK_EQ_INT(figure(row, "unpaid_interventions"), 1);
    CHECK_EQ_INT(figure(row, "paying_interventions"), 0);
    CHECK_EQ_INT(figure(row, "soldout_marks"), 0);
    json_decref(root);
    CHECK(row_of(a.body, "", &root) == NULL); /* the shared PIN's reprint counts for nobody */
    json_decref(root);
    CHECK_EQ_INT(get(NULL, REPORT "&format=csv", &a), 200);
    CHECK(strstr(a.body,
                 ",refunded,soldout_marks,reprints,unpaid_interventions,paying_interventions,"
                 "lost_interventions\r\n") != NULL);
    CHECK(strstr(a.body, "\"riyadh-01\",\"omar\",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,1,0,0,0\r\n"));
    CHECK_EQ_INT(get(NULL, "/v1/reports/staff?from=2026-11-16&to=2026-11-30", &a), 200);
    CHECK(strstr(a.body, "\"omar\"") == NULL);
    for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++)
        free(sent[i]);
    backend_run_stop(&run);
}

/* The staff report's JSON body into *body (free(); NULL when it was refused). */
static void report_now(char **body)
{
    struct http_reply a;
    *body = get(NULL, REPORT, &a) == 200 ? strdup(a.body) : NULL;
    CHECK(*body != NULL);
}

/* The report's interventions and paying_interventions of staff now. */
static void check_apart(const char *staff, int64_t interventions, int64_t paying)
{
    struct http_reply a;
    CHECK_EQ_INT(get(NULL, REPORT, &a), 200);
    json_t *root = NULL, *row = row_of(a.body, staff, &root);
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "interventions"), interventions);
    CHECK_EQ_INT(figure(row, "paying_interventions"), paying);
    json_decref(root);
}

/* Order index (kiosk-02) cancelled unpaid at the end of its day, as the kiosk sends it. */
static char *cancelled_json(unsigned index)
{
    ks_order *o = kitchen_order(index, COLA_AND_WATER, (int32_t)index, KS_SERVICE_TAKEAWAY);
    o->status = KS_ORDER_CANCELLED;
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    return json;
}

/*
 * Order 601 (first: staff-07's waits 15, 30, 5 s; or, cancelled, 601
 * cancelled unpaid) and staff-07's help given while it was paid (90 s),
 * sent in the order given, then each again; the report's body at the end
 * into *body (free()). Before the order, the decision counts apart
 * (paying_interventions); after, among the paid order's interventions, or
 * as the attendant's work in a basket never paid (unpaid_interventions,
 * on the action's date) when the order was cancelled unpaid.
 */
static void paying_report(const char *name, bool action_first, bool cancelled, char **body)
{
    *body = NULL;
    CHECK(start(name));
    struct http_reply a;
    char *order = cancelled ? cancelled_json(601) : order_json(601, first, 4);
    char *paying = action_json(6, KS_STAFF_ACTION_PAYING, "staff-07");
    CHECK(order && paying);
    if (action_first) {
        CHECK_EQ_INT(post_action(paying, &a), 201);
        check_apart("staff-07", 0, 1);
    }
    CHECK_EQ_INT(post_json(order, &a), 201);
    if (!action_first)
        CHECK_EQ_INT(post_action(paying, &a), 201);
    report_now(body);
    json_t *root = NULL, *row = row_of(*body, "staff-07", &root);
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "interventions"), cancelled ? 0 : 4);
    CHECK_EQ_INT(figure(row, "help"), cancelled ? 0 : 2);
    CHECK_EQ_INT(figure(row, "wait_p50_s"), cancelled ? 0 : 15); /* waits 5, 15, 30, 90 */
    CHECK_EQ_INT(figure(row, "wait_p90_s"), cancelled ? 0 : 90); /* ranks 2 and 4 */
    CHECK_EQ_INT(figure(row, "unpaid_interventions"), cancelled ? 1 : 0);
    CHECK_EQ_INT(figure(row, "paying_interventions"), 0);
    json_decref(root);
    /* Either again changes nothing. */
    CHECK_EQ_INT(post_action(paying, &a), 200);
    CHECK_EQ_INT(post_json(order, &a), 200);
    char *again = NULL;
    report_now(&again);
    CHECK_EQ_STR(again, *body);
    free(again);
    free(order);
    free(paying);
    backend_run_stop(&run);
}

/*
 * A decision taken while an order was paid counts once among its
 * interventions whichever reached the backend first; one whose order never
 * came stays counted in paying_interventions.
 */
static void test_paying_placed_once(void)
{
    char *order_first = NULL, *action_first = NULL;
    paying_report("staff_paying_order_first", false, false, &order_first);
    paying_report("staff_paying_action_first", true, false, &action_first);
    CHECK(order_first && action_first);
    CHECK_EQ_STR(action_first, order_first);
    free(order_first);
    free(action_first);

    CHECK(start("staff_paying_orphan"));
    struct http_reply a;
    char *order = order_json(601, first, 4);
    /* A decision taken while paying for an order that never comes. */
    char *lost = action_for(7, KS_STAFF_ACTION_PAYING, "staff-09", 699);
    CHECK(lost != NULL);
    CHECK_EQ_INT(post_action(lost, &a), 201);
    CHECK_EQ_INT(post_json(order, &a), 201);
    check_apart("staff-09", 0, 1);
    check_apart("staff-07", 3, 0);
    free(order);
    free(lost);
    backend_run_stop(&run);
}

/* ks_backend_paying_age on the test's own connection at now; the decisions it marked, -1 on
 * failure. */
static int64_t age_at(int64_t now)
{
    int64_t aged = -1;
    return ks_backend_paying_age(run.store, now, &aged) == KS_DB_OK ? aged : -1;
}

/* The row of staff-07 in the staff report at path, its keys sorted (free()), "" when none. */
static char *staff07(const char *path)
{
    struct http_reply a;
    json_t *root = NULL,
           *row = get(NULL, path, &a) == 200 ? row_of(a.body, "staff-07", &root) : NULL;
    char *text = row ? json_dumps(row, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(root);
    return text ? text : strdup("");
}

/*
 * A decision taken while paying whose order has not come
 * KS_BACKEND_PAYING_GRACE_S after it reached the backend counts as decided
 * on an order that never arrived (lost_interventions), once: ageing again
 * marks nothing, and the order arriving after takes none of it (its page
 * lists it "lost", the staff actions page names the missing order), so the
 * months (be_staff_months) count the order's own interventions only, as
 * the days do. A decision the order took first is never aged.
 */
static void test_paying_aged(void)
{
    CHECK(start("staff_paying_aged"));
    struct http_reply a;
    char *order = order_json(601, first, 4);
    char *paying = action_json(6, KS_STAFF_ACTION_PAYING, "staff-07"),
         *later = action_json(7, KS_STAFF_ACTION_PAYING, "staff-07");
    CHECK(order && paying && later);
    CHECK_EQ_INT(post_action(paying, &a), 201);
    int64_t now = (int64_t)time(NULL);
    /* Within the grace period (a minute before its end), it waits. */
    CHECK_EQ_INT(age_at(now + KS_BACKEND_PAYING_GRACE_S - 60), 0);
    char *report = staff07(REPORT);
    CHECK_CONTAINS(report, "\"lost_interventions\":0,\"paying_interventions\":1,");
    free(report);
    CHECK_EQ_INT(age_at(now + KS_BACKEND_PAYING_GRACE_S + 1), 1);
    CHECK_EQ_INT(age_at(now + 2 * KS_BACKEND_PAYING_GRACE_S), 0); /* once, never twice */
    report = staff07(REPORT);
    CHECK_CONTAINS(report, "\"lost_interventions\":1,\"paying_interventions\":0,");
    CHECK_CONTAINS(report, "\"interventions\":0,");
    free(report);
    char missing[37];
    fixture_uuid(601, missing);
    CHECK_EQ_INT(get(NULL, LIST_OF_PAYING, &a), 200);
    CHECK_CONTAINS(a.body, "\"paying_state\":\"lost\"");
    CHECK_CONTAINS(a.body, missing);

    /* The order arrives after: stored, with its own three of staff-07's, the aged one left out;
     * a decision taken while it was paid that arrives now is placed, and never aged. */
    CHECK_EQ_INT(post_json(order, &a), 201);
    CHECK_EQ_INT(post_action(later, &a), 201);
    CHECK_EQ_INT(age_at(now + 3 * KS_BACKEND_PAYING_GRACE_S), 0);
    report = staff07(REPORT);
    CHECK_CONTAINS(report, "\"interventions\":4,");
    CHECK_CONTAINS(report, "\"lost_interventions\":1,\"paying_interventions\":0,");
    /* The months and the days agree (the range not whole months reads the interventions). */
    char *days = staff07("/v1/reports/staff?from=2026-11-02&to=2026-11-29");
    CHECK_EQ_STR(days, report);
    free(days);
    free(report);
    char path[96];
    snprintf(path, sizeof path, "/v1/orders/%s", missing);
    CHECK_EQ_INT(get(NULL, path, &a), 200);
    json_t *v = json_loads(a.body, 0, NULL);
    json_t *decisions = json_object_get(v, "paying_decisions");
    CHECK_EQ_INT(json_array_size(decisions), 2);
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(decisions, 0), "state")), "lost");
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(decisions, 1), "state")),
                 "placed");
    /* Its own four (three of staff-07's, one of staff-03's) and the one placed. */
    CHECK_EQ_INT(json_array_size(json_object_get(v, "interventions")), 5);
    json_decref(v);
    free(order);
    free(paying);
    free(later);
    backend_run_stop(&run);
}

/* An order posted from a thread of its own: its status, and done once it has it. */
struct poster {
    const char *json;
    pthread_barrier_t *start; /* borrowed: posted once its other side is there too; NULL at once */
    long status;
    atomic_bool done;
};

static void *post_apart(void *arg)
{
    struct poster *p = arg;
    struct http_reply a;
    if (p->start)
        pthread_barrier_wait(p->start);
    p->status = post_json(p->json, &a);
    atomic_store(&p->done, true);
    return NULL;
}

/* One integer that sql answers on conn, -1 on failure. */
static int64_t conn_int(PGconn *conn, const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    int64_t v = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1
                    ? strtoll(PQgetvalue(res, 0, 0), NULL, 10)
                    : -1;
    PQclear(res);
    return v;
}

/* The paying lock of order uuid %s (backend_store_pg.c's PAYING_LOCK), in a statement. */
#define PAYING_LOCK_OF "SELECT pg_advisory_xact_lock(1348565353, hashtext('%s'))"

/*
 * Until want sessions wait for a paying lock (pg_locks on watch), or the side
 * just started (done) is done without waiting: the number waiting. A poll of
 * what the server shows, not a guess of how long the others take.
 */
static int64_t paying_waiters(PGconn *watch, int64_t want, const atomic_bool *done)
{
    int64_t waiting = 0;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS;
         waiting < want && !atomic_load(done) && check_now_ms() < end; check_sleep_ms(1))
        waiting = conn_int(watch, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                  "AND NOT granted AND classid = 1348565353");
    return waiting;
}

/*
 * PostgreSQL: a decision taken while paying and its order stored at once by
 * two backends. The decision's transaction (a connection of the test's own,
 * doing what ks_backend_paying_place does) stores it, takes the order's
 * lock and finds no order to place it in, and stays open; the order posted
 * meanwhile must wait for it (its intake takes the lock with its row), so
 * that its later lookup sees the decision once committed and places it.
 * An intake that looked for the decision without that lock would miss it
 * (not committed yet), as the decision missed the order: placed by nobody.
 * The same for an order cancelled unpaid (cancelled), which takes the
 * decision as unpaid work (placed 2) and no intervention.
 * SQLite has one writer at a time, so it has no such race.
 */
static void paying_race(const char *name, bool cancelled)
{
    if (!pg)
        return;
    char database[4200], order_uuid[37], sql[1024];
    CHECK(backend_start_ini(&run, &cfg, pg, name,
                            "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                            "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n",
                            database, sizeof database));
    fixture_uuid(601, order_uuid);
    PGconn *decision = PQconnectdb(database);
    CHECK(PQstatus(decision) == CONNECTION_OK);
    snprintf(sql, sizeof sql,
             "BEGIN; INSERT INTO be_paying_decisions (uuid, order_uuid, store_id, staff, need, "
             "decision, raised_at, decided_at, void_item, void_amount, placed) VALUES "
             "('race-decision', '%s', 'riyadh-01', 'staff-07', 'help', 'help_given', 1000, "
             "1090, '', 0, 0); " PAYING_LOCK_OF,
             order_uuid, order_uuid);
    PGresult *res = PQexec(decision, sql);
    CHECK(PQresultStatus(res) == PGRES_TUPLES_OK);
    PQclear(res);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM be_orders WHERE uuid = '%s'", order_uuid);
    CHECK_EQ_INT(conn_int(decision, sql), 0); /* the decision's own lookup finds no order */

    struct poster p = {.json = cancelled ? cancelled_json(601) : order_json(601, first, 4)};
    atomic_init(&p.done, false);
    pthread_t thread;
    CHECK(p.json && pthread_create(&thread, NULL, post_apart, &p) == 0);
    /* Until the order's intake waits for the lock (or, wrongly, is done without it). */
    PGconn *watch = PQconnectdb(database);
    CHECK_EQ_INT(paying_waiters(watch, 1, &p.done), 1);
    res = PQexec(decision, "COMMIT");
    CHECK(PQresultStatus(res) == PGRES_COMMAND_OK);
    PQclear(res);
    pthread_join(thread, NULL);
    CHECK_EQ_INT(p.status, 201);
    CHECK_EQ_INT(conn_int(watch, "SELECT placed FROM be_paying_decisions "
                                 "WHERE uuid = 'race-decision'"),
                 cancelled ? 2 : 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM be_interventions WHERE uuid = '%s'",
             order_uuid);
    CHECK_EQ_INT(conn_int(watch, sql), cancelled ? 0 : 5);
    PQfinish(watch);
    PQfinish(decision);
    free((char *)p.json);
    backend_run_stop(&run);
}

static void test_paying_race(void)
{
    paying_race("staff_paying_race", false);
}

static void test_paying_race_cancelled(void)
{
    paying_race("staff_paying_race_cancelled", true);
}

/* ks_backend_paying_age on the test's own connection at now, from a thread of its own. */
struct ager {
    pthread_barrier_t *start; /* borrowed: begins once its other side is there too; NULL at once */
    int64_t now, aged;
    enum ks_db_error err;
    atomic_bool done;
};

static void *age_apart(void *arg)
{
    struct ager *g = arg;
    if (g->start)
        pthread_barrier_wait(g->start);
    g->err = ks_backend_paying_age(run.store, g->now, &g->aged);
    atomic_store(&g->done, true);
    return NULL;
}

/*
 * The test's store's driver (backend_store_driver.h) as it is, but once
 * the ageing has read the decisions waiting, the order of between is
 * posted and stored whole (the server's connection) before the ageing marks
 * any. The seam is the driver's table: the store has no hook for tests.
 */
static const ks_backend_driver *ageing_driver; /* the store's own, while the shim stands in */
static struct poster *between;                 /* posted once, then NULL */

static enum ks_db_error query_then_post(void *conn, enum ks_backend_sql sql,
                                        const ks_backend_value *values, size_t n,
                                        const ks_backend_sink *sink)
{
    enum ks_db_error err = ageing_driver->query(conn, sql, values, n, sink);
    if (sql == KS_BACKEND_SQL_PAYING_AGED && between) {
        post_apart(between);
        between = NULL;
    }
    return err;
}

/* How a round of test_paying_aged_race starts its two sides, and what it must end in. */
enum aged_race_start {
    AGED_RACE_FREE,           /* both at a barrier, nothing between them: taken or aged */
    AGED_RACE_INTAKE_BETWEEN, /* the ageing reads the decision waiting, the order is then stored
                                 whole, then the ageing marks: it must leave it (taken) */
    AGED_RACE_INTAKE_FIRST,   /* PostgreSQL: the order's lock held by the test, the intake queued
                                 for it, then the ageing (the decision read waiting): taken */
    AGED_RACE_AGEING_FIRST,   /* the same, the ageing queued first: aged, the order takes none */
    AGED_RACE_STARTS
};

/* One round's two sides, their threads, and the PostgreSQL connections of the test's. */
struct aged_round {
    struct poster intake;
    struct ager ageing;
    pthread_t threads[2]; /* intake's, ageing's */
    bool running[2];      /* threads[i] started, to be joined */
    PGconn *gate, *watch; /* borrowed from test_paying_aged_race (NULL on SQLite) */
    int64_t queued[2];    /* AGED_RACE_*_FIRST: waiting for the order's lock after each start */
};

static bool start_side(struct aged_round *r, bool intake)
{
    int i = intake ? 0 : 1;
    r->running[i] = pthread_create(&r->threads[i], NULL, intake ? post_apart : age_apart,
                                   intake ? (void *)&r->intake : (void *)&r->ageing) == 0;
    return r->running[i];
}

/* Starts both sides, each waiting for the other at barrier (of two); false when one did not. */
static bool start_free(struct aged_round *r, pthread_barrier_t *barrier)
{
    r->intake.start = r->ageing.start = barrier;
    return start_side(r, true) && start_side(r, false);
}

/* Holds the order's (index) paying lock while each side queues for it, the intake first when
 * intake_first, then lets it go: PostgreSQL grants it in that order. */
static bool start_queued(struct aged_round *r, unsigned index, bool intake_first)
{
    char sql[256], uuid[37];
    fixture_uuid(index, uuid);
    snprintf(sql, sizeof sql, "BEGIN; " PAYING_LOCK_OF, uuid);
    PGresult *res = PQexec(r->gate, sql);
    bool held = PQresultStatus(res) == PGRES_TUPLES_OK, started = held;
    PQclear(res);
    for (int i = 0; started && i < 2; i++) {
        bool intake = (i == 0) == intake_first;
        started = start_side(r, intake);
        if (started)
            r->queued[i] =
                paying_waiters(r->watch, i + 1, intake ? &r->intake.done : &r->ageing.done);
    }
    res = PQexec(r->gate, held ? "COMMIT" : "ROLLBACK");
    PQclear(res);
    return started;
}

/* The ageing on this thread, the order stored whole once it read the decision waiting. */
static void run_between(struct aged_round *r)
{
    ageing_driver = run.store->driver;
    ks_backend_driver shim = *ageing_driver;
    shim.query = query_then_post;
    between = &r->intake;
    run.store->driver = &shim;
    age_apart(&r->ageing);
    run.store->driver = ageing_driver;
    between = NULL;
}

/* The state of order index's one decision taken while paying and its interventions on its
 * page into *state and *interventions ("" and -1 when it could not be read). */
static void order_page(unsigned index, char *state, size_t cap, int64_t *interventions)
{
    char uuid[37], path[96];
    fixture_uuid(index, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s", uuid);
    struct http_reply a;
    json_t *v = get(NULL, path, &a) == 200 ? json_loads(a.body, 0, NULL) : NULL;
    json_t *decisions = json_object_get(v, "paying_decisions");
    const char *s = json_array_size(decisions) == 1
                        ? json_string_value(json_object_get(json_array_get(decisions, 0), "state"))
                        : NULL;
    snprintf(state, cap, "%s", s ? s : "");
    *interventions = v ? (int64_t)json_array_size(json_object_get(v, "interventions")) : -1;
    json_decref(v);
}

/* The decisions of test_paying_aged_race's rounds so far: taken by their order, aged. */
struct aged_tally {
    int64_t placed, lost;
};

/*
 * One round: staff-07's decision n taken while order index was paid is
 * stored; then the order's intake (the server's connection) and the ageing
 * past the grace period (the test's own) run at once, started as how says.
 * The decision ends either taken by the order (placed: among its five
 * interventions, aged by nobody) or aged (lost: the order's own four, the
 * ageing counted it), never both, never neither; counted into *t.
 */
static void aged_race_round(struct aged_tally *t, PGconn *gate, PGconn *watch, unsigned n,
                            unsigned index, enum aged_race_start how)
{
    struct http_reply a;
    char *paying = action_for(n, KS_STAFF_ACTION_PAYING, "staff-07", index);
    struct aged_round r = {
        .intake = {.json = order_json(index, first, 4)},
        .ageing = {.now = (int64_t)time(NULL) + KS_BACKEND_PAYING_GRACE_S + 1, .aged = -1},
        .gate = gate,
        .watch = watch,
    };
    atomic_init(&r.intake.done, false);
    atomic_init(&r.ageing.done, false);
    bool stored = paying && r.intake.json && post_action(paying, &a) == 201, started = false;
    pthread_barrier_t barrier;
    bool barred = how == AGED_RACE_FREE && pthread_barrier_init(&barrier, NULL, 2) == 0;
    if (stored && how == AGED_RACE_INTAKE_BETWEEN) {
        run_between(&r);
        started = true;
    } else if (stored && barred) {
        started = start_free(&r, &barrier);
    } else if (stored && how != AGED_RACE_FREE) {
        started = start_queued(&r, index, how == AGED_RACE_INTAKE_FIRST);
    }
    for (int i = 0; i < 2; i++)
        if (r.running[i])
            pthread_join(r.threads[i], NULL);
    if (barred)
        pthread_barrier_destroy(&barrier);
    free(paying);
    free((char *)r.intake.json);
    CHECK(stored && started);
    if (how == AGED_RACE_INTAKE_FIRST || how == AGED_RACE_AGEING_FIRST) {
        /* Each waited for the order's lock, the second behind the first. */
        CHECK_EQ_INT(r.queued[0], 1);
        CHECK_EQ_INT(r.queued[1], 2);
    }
    CHECK_EQ_INT(r.intake.status, 201);
    CHECK_EQ_INT(r.ageing.err, KS_DB_OK);
    char state[16];
    int64_t interventions;
    order_page(index, state, sizeof state, &interventions);
    bool placed = strcmp(state, "placed") == 0;
    if (!placed)
        CHECK_EQ_STR(state, "lost");
    CHECK_EQ_INT(r.ageing.aged, placed ? 0 : 1);
    CHECK_EQ_INT(interventions, placed ? 5 : 4);
    if (how != AGED_RACE_FREE)
        CHECK_EQ_STR(state, how == AGED_RACE_AGEING_FIRST ? "lost" : "placed");
    t->placed += placed;
    t->lost += !placed;
}

#define AGED_RACE_ROUNDS 32

/*
 * A decision taken while paying aged (past the grace period) while its
 * order arrives, AGED_RACE_ROUNDS times, each round a decision and an order
 * of its own: every decision ends once, taken by its order or aged
 * (aged_race_round), and the staff report counts each once: the orders'
 * own three of staff-07's each and those taken in interventions (the months
 * as the days), those aged in lost_interventions, none waiting. The
 * ageing marks a decision only while it still waits, under its order's
 * lock. The rounds take turns: both started at a barrier; the order stored
 * between the ageing's read and its marks; and on PostgreSQL, the order's
 * lock held by the test while the intake, then the ageing (or the ageing,
 * then the intake) queue for it. SQLite has one writer at a time: the first
 * two only.
 */
static void test_paying_aged_race(void)
{
    char database[4200];
    CHECK(backend_start_ini(&run, &cfg, pg, "staff_paying_aged_race",
                            "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                            "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n",
                            database, sizeof database));
    PGconn *gate = pg ? PQconnectdb(database) : NULL, *watch = pg ? PQconnectdb(database) : NULL;
    bool connected = !pg || (PQstatus(gate) == CONNECTION_OK && PQstatus(watch) == CONNECTION_OK);
    unsigned kinds = pg ? AGED_RACE_STARTS : AGED_RACE_INTAKE_BETWEEN + 1;
    struct aged_tally t = {0, 0};
    /* Each round counts its decision once it passed: a failed one ends them. */
    for (unsigned i = 0; connected && i < AGED_RACE_ROUNDS && t.placed + t.lost == i; i++)
        aged_race_round(&t, gate, watch, 100 + i, 700 + i, (enum aged_race_start)(i % kinds));
    PQfinish(gate);
    PQfinish(watch);
    CHECK(connected);
    CHECK_EQ_INT(t.placed + t.lost, AGED_RACE_ROUNDS);
    char want[128];
    char *report = staff07(REPORT);
    snprintf(want, sizeof want, "\"interventions\":%lld,",
             (long long)(3 * AGED_RACE_ROUNDS + t.placed));
    CHECK_CONTAINS(report, want);
    snprintf(want, sizeof want, "\"lost_interventions\":%lld,\"paying_interventions\":0,",
             (long long)t.lost);
    CHECK_CONTAINS(report, want);
    char *days = staff07("/v1/reports/staff?from=2026-11-02&to=2026-11-29");
    CHECK_EQ_STR(days, report);
    free(days);
    free(report);
    fprintf(stderr, "  %d rounds: %lld taken by their order, %lld aged\n", AGED_RACE_ROUNDS,
            (long long)t.placed, (long long)t.lost);
    backend_run_stop(&run);
}

/* A decision taken while paying for an order then cancelled unpaid counts as unpaid work. */
static void test_paying_cancelled_unpaid(void)
{
    char *order_first = NULL, *action_first = NULL;
    paying_report("staff_cancelled_order_first", false, true, &order_first);
    paying_report("staff_cancelled_action_first", true, true, &action_first);
    CHECK(order_first && action_first);
    CHECK_EQ_STR(action_first, order_first);
    free(order_first);
    free(action_first);
}

#define DAYS "/v1/reports/staff?from=2026-11-02&to=2026-11-30"

/*
 * A database of a backend before be_paying_decisions (PostgreSQL migration
 * 28): staff-07's help while order 601 was paid (placed among its
 * interventions) and while order 602 was paid, which was then cancelled
 * unpaid, stored as now; then made as the older backend left it (the
 * decisions in be_staff_actions only, not among 601's interventions, the
 * staff months of the interventions alone: SQLite the table dropped and
 * emptied, PostgreSQL back to version 26). Opened again, the decisions are
 * placed once: the month's report (from be_staff_months) and a report of
 * days (from be_interventions) are byte for byte what they were, and stay
 * so at the next opening.
 */
static void test_old_paying_placed_at_open(void)
{
    char database[4200];
    CHECK(backend_start_ini(&run, &cfg, pg, "staff_old_paying",
                            "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                            "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n",
                            database, sizeof database));
    struct http_reply a;
    char *paid = order_json(601, first, 4), *cancelled = cancelled_json(602);
    char *one = action_json(6, KS_STAFF_ACTION_PAYING, "staff-07");
    char *two = action_json(8, KS_STAFF_ACTION_PAYING, "staff-07");
    CHECK(paid && cancelled && one && two);
    char other[37], *at = two ? strstr(two, "\"order_uuid\":\"") : NULL;
    CHECK(at != NULL);
    fixture_uuid(602, other);
    if (at)
        memcpy(at + strlen("\"order_uuid\":\""), other, 36);
    CHECK_EQ_INT(post_json(paid, &a), 201);
    CHECK_EQ_INT(post_json(cancelled, &a), 201);
    CHECK_EQ_INT(post_action(one, &a), 201);
    CHECK_EQ_INT(post_action(two, &a), 201);
    char *month = NULL, *days = NULL;
    report_now(&month);
    CHECK_EQ_INT(get(NULL, DAYS, &a), 200);
    days = strdup(a.body);
    json_t *root = NULL, *row = month ? row_of(month, "staff-07", &root) : NULL;
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "interventions"), 4);
    CHECK_EQ_INT(figure(row, "help"), 2);
    CHECK_EQ_INT(figure(row, "wait_p50_s"), 15); /* waits 5, 15, 30, 90 */
    CHECK_EQ_INT(figure(row, "wait_p90_s"), 90);
    CHECK_EQ_INT(figure(row, "unpaid_interventions"), 1);
    CHECK_EQ_INT(figure(row, "paying_interventions"), 0);
    json_decref(root);
    backend_run_stop(&run);
    /* 601 carries four interventions (seq 0-3): the decision placed is seq 4. */
    CHECK(backend_database_exec(pg != NULL, database,
                                pg ? "DELETE FROM be_interventions WHERE seq >= 4; "
                                     "DROP TABLE be_paying_decisions; DROP TABLE be_staff_months; "
                                     "ALTER TABLE be_payments DROP COLUMN terminal_ref; "
                                     "DELETE FROM be_schema WHERE version >= 27"
                                   : "DELETE FROM be_interventions WHERE seq >= 4; "
                                     "DROP TABLE be_paying_decisions; DROP TABLE be_staff_months; "
                                     "ALTER TABLE be_payments DROP COLUMN terminal_ref; "
                                     "DELETE FROM be_schema WHERE version > 4; "
                                     "INSERT INTO be_schema (version) VALUES (4)"));
    for (int opening = 0; opening < 2; opening++) {
        CHECK(backend_run_start(&run, &cfg, database));
        char *month_now = NULL;
        report_now(&month_now);
        CHECK_EQ_INT(get(NULL, DAYS, &a), 200);
        CHECK(month && month_now && days);
        if (month && month_now && days) {
            CHECK_EQ_STR(month_now, month);
            CHECK_EQ_STR(a.body, days);
        }
        free(month_now);
        backend_run_stop(&run);
    }
    free(month);
    free(days);
    free(paid);
    free(cancelled);
    free(one);
    free(two);
}

#define LIST "/v1/staff-actions?from=2026-11-01&to=2026-11-30"

/* The "uuid" members of the JSON answer's rows, joined by spaces, into out[cap]. */
static void listed(const char *body, char *out, size_t cap)
{
    json_t *root = json_loads(body, 0, NULL), *row;
    size_t used = 0, i;
    out[0] = '\0';
    json_array_foreach (json_object_get(root, "rows"), i, row) {
        if (used < cap)
            used += (size_t)snprintf(out + used, cap - used, "%s%s", used ? " " : "",
                                     json_string_value(json_object_get(row, "uuid")));
    }
    json_decref(root);
}

/* The text member name of row. */
static const char *text_of(json_t *row, const char *name)
{
    return json_string_value(json_object_get(row, name));
}

/*
 * GET /v1/staff-actions: each action and each refund a person gave at a
 * kiosk one row, newest first, paged; filtered by person and kind; a
 * reprint's order and number; a hostile name defused in the CSV; who may
 * read it and what is refused.
 */
static void test_staff_actions_listed(void)
{
    CHECK(start_paid("staff_list"));
    struct http_reply a;
    static const struct {
        unsigned n; /* action_json's */
        enum ks_staff_action_kind kind;
        const char *staff;
    } acts[] = {
        {1, KS_STAFF_ACTION_SOLD_OUT, "omar"},   {3, KS_STAFF_ACTION_REPRINT, "omar"},
        {4, KS_STAFF_ACTION_REPRINT, ""},        {5, KS_STAFF_ACTION_INTERVENTION, "staff-07"},
        {6, KS_STAFF_ACTION_PAYING, "staff-07"}, {8, KS_STAFF_ACTION_ON_SALE, "@sum-1"},
    }; /* the last: a name a spreadsheet would take for a formula */
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        char *json = action_json(acts[i].n, acts[i].kind, acts[i].staff);
        long status = json ? post_action(json, &a) : 0;
        free(json);
        CHECK_EQ_INT(status, 201);
    }
    char order[37], refund[37];
    fixture_uuid(601, order);
    fixture_uuid(960000, refund);
    CHECK_EQ_INT(post_cola_refund_by(run.base, KITCHEN_TOKEN, order, refund, NULL, "omar"), 201);

    /* Newest first: the refund (given after them), then the actions by their time. */
    char all[1024], want[1024], u[7][37];
    static const unsigned by_time[] = {8, 6, 5, 4, 3, 1};
    snprintf(u[0], sizeof u[0], "%s", refund);
    for (size_t i = 0; i < 6; i++)
        fixture_uuid(950000 + by_time[i], u[i + 1]);
    snprintf(want, sizeof want, "%s %s %s %s %s %s %s", u[0], u[1], u[2], u[3], u[4], u[5], u[6]);
    CHECK_EQ_INT(get(NULL, LIST, &a), 200);
    listed(a.body, all, sizeof all);
    CHECK_EQ_STR(all, want);
    json_t *root = json_loads(a.body, 0, NULL);
    json_t *rows = json_object_get(root, "rows");
    json_t *given = json_array_get(rows, 0), *reprint = json_array_get(rows, 5);
    json_t *paying = json_array_get(rows, 2);
    CHECK_EQ_STR(text_of(given, "kind"), "refund");
    CHECK_EQ_STR(text_of(given, "staff"), "omar");
    CHECK_EQ_STR(text_of(given, "order_uuid"), order);
    CHECK_EQ_INT(figure(given, "order_number"), 601);
    CHECK_EQ_INT(figure(given, "amount"), 600);
    CHECK_EQ_STR(text_of(reprint, "kind"), "reprint");
    CHECK_EQ_STR(text_of(reprint, "order_uuid"), order);
    CHECK_EQ_INT(figure(reprint, "order_number"), 601);
    CHECK_EQ_STR(text_of(reprint, "kiosk_id"), "kiosk-02");
    CHECK_EQ_STR(text_of(paying, "kind"), "paying");
    CHECK_EQ_STR(text_of(paying, "need"), "help");
    CHECK_EQ_STR(text_of(paying, "decision"), "help_given");
    CHECK_EQ_INT(figure(paying, "wait_s"), 90);
    json_decref(root);

    /* Pages of 3: the same rows in the same order, then an empty page. */
    char pages[1024] = "", page[512], path[160];
    for (int p = 0; p < 4; p++) {
        snprintf(path, sizeof path, LIST "&limit=3&page=%d", p);
        CHECK_EQ_INT(get(NULL, path, &a), 200);
        listed(a.body, page, sizeof page);
        if (p == 3)
            CHECK_EQ_STR(page, "");
        else
            snprintf(pages + strlen(pages), sizeof pages - strlen(pages), "%s%s",
                     pages[0] ? " " : "", page);
    }
    CHECK_EQ_STR(pages, want);
    CHECK_CONTAINS(a.body, "\"limit\":3,\"page\":3");

    /* By person, by kind. */
    CHECK_EQ_INT(get(NULL, LIST "&staff=omar", &a), 200);
    listed(a.body, all, sizeof all);
    snprintf(want, sizeof want, "%s %s %s", u[0], u[5], u[6]);
    CHECK_EQ_STR(all, want);
    CHECK_EQ_INT(get(NULL, LIST "&kind=reprint", &a), 200);
    listed(a.body, all, sizeof all);
    snprintf(want, sizeof want, "%s %s", u[4], u[5]);
    CHECK_EQ_STR(all, want);
    CHECK_EQ_INT(get(NULL, LIST "&kind=refund&staff=staff-07", &a), 200);
    CHECK_CONTAINS(a.body, "\"rows\":[]");

    /* CSV through the reports' writer: the name that would be a formula is defused. */
    static const char header[] = "at,business_date,store_id,kiosk_id,staff,kind,item,order_uuid,"
                                 "order_number,need,decision,wait_s,amount,uuid,place,failures,"
                                 "until_at,paying_state\r\n";
    CHECK_EQ_INT(get(NULL, LIST "&kind=on_sale&format=csv", &a), 200);
    CHECK(strncmp(a.body, header, strlen(header)) == 0);
    CHECK_CONTAINS(a.body, ",\"riyadh-01\",\"kiosk-02\",\"'@sum-1\",\"on_sale\",\"burger\",");

    /* Who may read it: the store's manager and an auditor; not another store's manager, nor a
     * manager naming no store; a kiosk posts them only. */
    CHECK_EQ_INT(get(&sami, LIST "&store=riyadh-01", &a), 200);
    listed(a.body, all, sizeof all);
    CHECK_EQ_INT((int64_t)strlen(all), 7 * 36 + 6);
    CHECK_EQ_INT(get(&sami, LIST, &a), 403);
    CHECK_EQ_INT(get(&nora, LIST "&store=riyadh-01", &a), 403);
    CHECK_EQ_INT(get(&nora, LIST "&store=jeddah-01", &a), 200);
    CHECK_CONTAINS(a.body, "\"rows\":[]");
    CHECK_EQ_INT(get(&audra, LIST, &a), 200);
    CHECK_EQ_INT(call(run.base, "GET", LIST, NULL, NULL, KITCHEN_TOKEN, NULL, &a), 403);

    static const struct {
        const char *query, *path;
    } refused[] = {
        {LIST "&kind=wave", "kind"},
        {LIST "&staff=Omar", "staff"},
        {LIST "&limit=0", "limit"},
        {LIST "&limit=1001", "limit"},
        {LIST "&page=-1", "page"},
        {LIST "&page=x", "page"},
        {"/v1/staff-actions?to=2026-11-30", "from"},
        {LIST "&store=Riyadh", "store"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char at[64] = "";
        CHECK_EQ_INT(get(NULL, refused[i].query, &a), 400);
        member(a.body, "path", at, sizeof at);
        CHECK_EQ_STR(at, refused[i].path);
    }
    backend_run_stop(&run);
}

/* A sign-in (by staff at place; badge or PIN) as its device writes it, n its uuid (free()). */
static char *sign_in_json(unsigned n, const char *staff, enum ks_staff_action_place place,
                          bool badge)
{
    ks_staff_action act = {
        .kind = KS_STAFF_ACTION_SIGN_IN, .at = 1795500000 + n, .place = place, .badge = badge};
    fixture_uuid(950000 + n, act.uuid);
    snprintf(act.business_date, sizeof act.business_date, "2026-11-%02u", 10 + n % 10);
    snprintf(act.staff, sizeof act.staff, "%s", staff);
    return ks_staff_action_to_json(&act);
}

/* A PIN lockout at place, its three wrong PINs locking for five minutes (free()). */
static char *lockout_json(unsigned n, enum ks_staff_action_place place)
{
    ks_staff_action act = {.kind = KS_STAFF_ACTION_PIN_LOCKOUT,
                           .at = 1795500000 + n,
                           .place = place,
                           .failures = 3,
                           .until = 1795500000 + n + 300};
    fixture_uuid(950000 + n, act.uuid);
    snprintf(act.business_date, sizeof act.business_date, "2026-11-%02u", 10 + n % 10);
    return ks_staff_action_to_json(&act);
}

/* Enrols an attendant console, att-01 at riyadh-01, by a code the manager token asks for: its
 * token into token[cap]. */
static bool console_enrolled(char *token, size_t cap)
{
    struct http_reply a;
    char code[32] = "";
    token[0] = '\0';
    /* The store in the database (the INI's kiosk names it only). */
    if (call(run.base, "POST", "/v1/stores", NULL, NULL, MANAGER_TOKEN,
             "{\"store_id\":\"riyadh-01\",\"name_ar\":\"الرياض\",\"name_en\":\"Riyadh\"}",
             &a) != 201)
        return false;
    if (call(run.base, "POST", "/v1/devices/enrolment-codes", NULL, NULL, MANAGER_TOKEN,
             "{\"store_id\":\"riyadh-01\",\"device_id\":\"att-01\",\"kind\":\"attendant\"}",
             &a) != 201)
        return false;
    member(a.body, "code", code, sizeof code);
    char body[128];
    snprintf(body, sizeof body, "{\"code\":\"%s\",\"device_id\":\"att-01\"}", code);
    if (call(run.base, "POST", "/v1/devices/enrol", NULL, NULL, NULL, body, &a) != 201)
        return false;
    member(a.body, "token", token, cap);
    return token[0] != '\0';
}

/*
 * Sign-ins, PIN lockouts, closes and opens (#15): a kiosk's (omar's sign-in at the lane, a
 * lockout there, his close of the kiosk, newbie's sign-in at the staff screen) and an attendant
 * console's, with its own enrolled token (staff-07's badge, a lockout), are stored and audited
 * (staff.sign_in, staff.pin_lockout; the console as role "console"); the console may relay no
 * other kind; the page lists them by kind with where, how many wrong PINs and until when; and the
 * staff report counts none of them, so signing in makes nobody a row there.
 */
static void test_sign_ins_and_lockouts(void)
{
    CHECK(start_paid("staff_sign_ins"));
    struct http_reply a;
    char *kiosk[] = {
        sign_in_json(11, "omar", KS_STAFF_PLACE_LANE, false),
        lockout_json(12, KS_STAFF_PLACE_LANE),
        action_json(13, KS_STAFF_ACTION_CLOSE, "omar"),
        sign_in_json(14, "newbie", KS_STAFF_PLACE_STAFF_SCREEN, false),
    };
    for (size_t i = 0; i < sizeof kiosk / sizeof kiosk[0]; i++) {
        CHECK(kiosk[i] != NULL);
        CHECK_EQ_INT(post_action(kiosk[i], &a), 201);
    }
    char token[160];
    CHECK(console_enrolled(token, sizeof token));
    char *console[] = {sign_in_json(15, "staff-07", KS_STAFF_PLACE_CONSOLE, true),
                       lockout_json(16, KS_STAFF_PLACE_CONSOLE)};
    for (size_t i = 0; i < 2; i++) {
        CHECK(console[i] != NULL);
        CHECK_EQ_INT(call(run.base, "POST", "/v1/staff-actions", NULL, NULL, token, console[i], &a),
                     201);
    }
    CHECK_EQ_INT(call(run.base, "POST", "/v1/staff-actions", NULL, NULL, token, console[1], &a),
                 200); /* the same again: a duplicate */
    /* A console relays sign-ins and lockouts only. */
    char *other[] = {action_json(17, KS_STAFF_ACTION_SOLD_OUT, "omar"),
                     action_json(18, KS_STAFF_ACTION_OPEN, "")};
    for (size_t i = 0; i < 2; i++) {
        CHECK_EQ_INT(call(run.base, "POST", "/v1/staff-actions", NULL, NULL, token, other[i], &a),
                     403);
        CHECK_CONTAINS(a.body, "\"path\":\"action\"");
    }

    char audited[2048];
    audited_actions(audited, sizeof audited);
    CHECK_EQ_STR(audited, "att-01 staff.pin_lockout console failures=3 until=1795500316|"
                          "att-01 staff.sign_in console staff=staff-07 method=badge|"
                          "kiosk-02 staff.sign_in staff_screen staff=newbie method=pin|"
                          "kiosk-02 staff.close  staff=omar|"
                          "kiosk-02 staff.pin_lockout lane failures=3 until=1795500312|"
                          "kiosk-02 staff.sign_in lane staff=omar method=pin");
    json_t *rows = NULL;
    CHECK_EQ_INT(ks_backend_store_audit(run.store, "riyadh-01", 1, &rows), KS_DB_OK);
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(rows, 0), "role")), "console");
    json_decref(rows);

    /* Listed by kind: the lockouts with where, how many and until when, newest first. */
    CHECK_EQ_INT(get(&sami, LIST "&store=riyadh-01&kind=pin_lockout", &a), 200);
    json_t *root = json_loads(a.body, 0, NULL);
    json_t *listed_rows = json_object_get(root, "rows");
    CHECK_EQ_INT((int64_t)json_array_size(listed_rows), 2);
    json_t *at_console = json_array_get(listed_rows, 0), *at_lane = json_array_get(listed_rows, 1);
    CHECK_EQ_STR(text_of(at_console, "kiosk_id"), "att-01");
    CHECK_EQ_STR(text_of(at_console, "place"), "console");
    CHECK_EQ_STR(text_of(at_lane, "place"), "lane");
    CHECK_EQ_STR(text_of(at_lane, "staff"), "");
    CHECK_EQ_INT(figure(at_lane, "failures"), 3);
    CHECK_EQ_INT(figure(at_lane, "until_at"), 1795500312);
    CHECK_EQ_INT(figure(at_lane, "at"), 1795500012);
    json_decref(root);
    char all[512], want[512], u[3][37];
    fixture_uuid(950015, u[0]);
    fixture_uuid(950014, u[1]);
    fixture_uuid(950011, u[2]);
    CHECK_EQ_INT(get(NULL, LIST "&kind=sign_in", &a), 200);
    listed(a.body, all, sizeof all);
    snprintf(want, sizeof want, "%s %s %s", u[0], u[1], u[2]);
    CHECK_EQ_STR(all, want);
    CHECK_EQ_INT(get(NULL, LIST "&kind=close&format=csv", &a), 200);
    CHECK_CONTAINS(a.body, ",amount,uuid,place,failures,until_at,paying_state\r\n");
    CHECK_CONTAINS(a.body, ",\"close\",");

    /* The staff report: nobody's row for signing in or closing. */
    CHECK_EQ_INT(get(&sami, REPORT "&store=riyadh-01", &a), 200);
    CHECK(row_of(a.body, "omar", &root) == NULL);
    json_decref(root);
    CHECK(row_of(a.body, "newbie", &root) == NULL);
    json_decref(root);
    for (size_t i = 0; i < sizeof kiosk / sizeof kiosk[0]; i++)
        free(kiosk[i]);
    for (size_t i = 0; i < 2; i++) {
        free(console[i]);
        free(other[i]);
    }
    backend_run_stop(&run);
}

/*
 * A database whose orders carried interventions before be_staff_months
 * existed or kept its months whole (SQLite: a file of version 1 with the
 * table as it was, empty; PostgreSQL: migration 27 and after undone) gets
 * the months filled when opened, so a whole month's report (read from
 * them) is the same as before.
 */
static void test_staff_months_filled_at_open(void)
{
    char database[4200];
    CHECK(backend_start_ini(&run, &cfg, pg, "staff_months",
                            "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                            "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n",
                            database, sizeof database));
    struct http_reply a;
    char *one = order_json(601, first, 4), *two = order_json(602, second, 2);
    CHECK_EQ_INT(post_json(one, &a), 201);
    CHECK_EQ_INT(post_json(two, &a), 201);
    char *before = NULL, *after = NULL;
    report_now(&before);
    CHECK(before && strstr(before, "\"staff\":\"staff-07\",\"interventions\":5,"));
    backend_run_stop(&run);
    /* SQLite: a file of version 1, whose months were one row each (no chunk), left empty. */
    CHECK(backend_database_exec(
        pg != NULL, database,
        pg ? "DROP TABLE be_staff_months; ALTER TABLE be_payments DROP COLUMN terminal_ref; "
             "DELETE FROM be_schema WHERE version >= 27"
           : "DROP TABLE be_staff_months; ALTER TABLE be_payments DROP COLUMN "
             "terminal_ref; " KS_BACKEND_STAFF_MONTHS_TABLE_SQL(
                 "TEXT", "INTEGER", "TEXT") "; DELETE FROM be_schema; "
                                            "INSERT INTO be_schema VALUES (1)"));
    CHECK(backend_run_start(&run, &cfg, database));
    report_now(&after);
    CHECK(before && after);
    if (before && after)
        CHECK_EQ_STR(after, before);
    /* And the next order's interventions join them (in chunks: the table as it is now). */
    char *three = order_json(603, second, 2), *later = NULL;
    CHECK_EQ_INT(post_json(three, &a), 201);
    report_now(&later);
    CHECK(later && strstr(later, "\"staff\":\"staff-07\",\"interventions\":7,"));
    free(three);
    free(later);
    free(before);
    free(after);
    free(one);
    free(two);
    backend_run_stop(&run);
}

static int compare_waits(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/*
 * A busy attendant's month: staff-07's 410 waits in three orders (200, 200
 * and 10 interventions) are kept in chunks of at most 256 waits, so that
 * no order rewrites the whole month's list (the second starts chunk 1, the
 * third joins it), and the report still takes its percentiles by nearest
 * rank over all 410.
 */
static void test_staff_months_chunked(void)
{
    char database[4200];
    CHECK(backend_start_ini(&run, &cfg, pg, "staff_chunks",
                            "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
                            "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n",
                            database, sizeof database));
    static struct iv ivs[KS_ORDER_MAX_INTERVENTIONS];
    static const size_t per_order[] = {200, 200, 10};
    int64_t waits[410];
    size_t n = 0;
    struct http_reply a;
    for (size_t o = 0; o < 3; o++) {
        for (size_t i = 0; i < per_order[o]; i++) {
            int64_t wait = (int64_t)((n * 37) % 301); /* 0-300 s, every value about once */
            ivs[i] =
                (struct iv){KS_INTERVENTION_HELP, KS_INTERVENTION_HELP_GIVEN, "staff-07", wait, 0};
            waits[n++] = wait;
        }
        char *json = order_json(610 + (unsigned)o, ivs, per_order[o]);
        CHECK(json != NULL);
        CHECK_EQ_INT(post_json(json, &a), 201);
        free(json);
    }
    qsort(waits, n, sizeof waits[0], compare_waits);
    char *body = NULL;
    report_now(&body);
    json_t *root = NULL, *row = body ? row_of(body, "staff-07", &root) : NULL;
    CHECK(row != NULL);
    CHECK_EQ_INT(figure(row, "interventions"), 410);
    CHECK_EQ_INT(figure(row, "wait_p50_s"), waits[(410 + 1) / 2 - 1]);
    CHECK_EQ_INT(figure(row, "wait_p90_s"), waits[(9 * 410 + 9) / 10 - 1]);
    json_decref(root);
    free(body);
    backend_run_stop(&run);
    /* The chunks as the orders left them: 200, then 200 + 10. */
    const char *chunks = "SELECT group_concat(chunk || ':' || interventions, ' ') FROM "
                         "(SELECT chunk, interventions FROM be_staff_months "
                         "WHERE staff = 'staff-07' ORDER BY chunk) c";
    char got[64] = "";
    if (pg) {
        PGconn *conn = PQconnectdb(database);
        PGresult *res = PQexec(conn, "SELECT string_agg(chunk || ':' || interventions, ' ' "
                                     "ORDER BY chunk) FROM be_staff_months "
                                     "WHERE staff = 'staff-07'");
        if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
            snprintf(got, sizeof got, "%s", PQgetvalue(res, 0, 0));
        PQclear(res);
        PQfinish(conn);
    } else {
        sqlite3 *db = NULL;
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_open(database, &db) == SQLITE_OK &&
            sqlite3_prepare_v2(db, chunks, -1, &stmt, NULL) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            snprintf(got, sizeof got, "%s", (const char *)sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }
    CHECK_EQ_STR(got, "0:200 1:210");
}

static const struct check_case cases[] = {
    {"interventions reach the staff report once", test_interventions_reported},
    {"a malformed intervention is refused, nothing stored", test_malformed_refused},
    {"refunds asked per person; who may read it", test_refunds_asked_and_roles},
    {"a kiosk's staff actions reach the report and the audit once", test_staff_actions},
    {"a decision while paying counts with its order, whichever comes first",
     test_paying_placed_once},
    {"PostgreSQL: a decision and its order stored at once, placed once", test_paying_race},
    {"PostgreSQL: a decision and its order cancelled unpaid stored at once, taken as unpaid",
     test_paying_race_cancelled},
    {"a decision while paying whose order never came is aged once, and stays so", test_paying_aged},
    {"a decision while paying aged while its order arrives: taken or aged, once",
     test_paying_aged_race},
    {"single staff actions listed, paged, filtered, scoped", test_staff_actions_listed},
    {"sign-ins and PIN lockouts of kiosks and a console stored, listed, not in the report",
     test_sign_ins_and_lockouts},
    {"an older database gets its staff months at open", test_staff_months_filled_at_open},
    {"a busy attendant's month kept in chunks, its percentiles exact", test_staff_months_chunked},
    {"a decision while paying an order cancelled unpaid counts as unpaid, whichever comes first",
     test_paying_cancelled_unpaid},
    {"an older database's decisions while paying are placed at open, once",
     test_old_paying_placed_at_open},
};

int main(int argc, char **argv)
{
    return backend_test_main(argc, argv, cases, sizeof cases / sizeof cases[0], 0, &pg);
}
