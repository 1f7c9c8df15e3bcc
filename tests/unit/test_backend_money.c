/*
 * The back office's money reports over real HTTP on loopback (the server
 * in this process): how orders were paid (GET /v1/reports/payments, from
 * the order JSON's "payment" member, an older kiosk's order counted as
 * "unknown"), item costs (POST and GET /v1/costs, audited) and the profit
 * per item (GET /v1/reports/profit, each line at the cost it took when it
 * was stored), and who may read and change them; figures worked out by
 * hand to the halala.
 *
 * Run once per store: `test_backend_money` on SQLite files (ctest
 * unit.backend_money), `test_backend_money --pg` on the PostgreSQL server
 * of KIOSK_TEST_PG (unit.backend_money_pg), each case in a fresh schema.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>

#define MANAGER_TOKEN "mgr-Zx4Cv7Bn1Mq8Wa5Sd2Fg9Hj3"
#define PASSWORD "long enough password 1"
/* Fixture lines (tests/unit/test_store_fixture.h), one each: classic-meal 3100, fries 900
 * (2 x 900, one free), cola 1200 (2 x 600), dates 1400 (350 g at 4000 / kg), water 200. */
#define MEAL 0x1u
#define FRIES 0x2u
#define COLA 0x4u
#define DATES 0x8u
#define WATER 0x10u

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg; /* the running backend's */

/* The backend on a fresh database name (a SQLite file, or a schema with --pg). */
static bool start(const char *name)
{
    return backend_run_fresh(&run, &cfg, pg, name,
                             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
                             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n");
}

/* start(name), then an auditor and the manager of riyadh-01 added and signed in. */
static bool start_with_people(const char *name, struct session *auditor, struct session *manager)
{
    struct http_reply a;
    return start(name) && add_person_to(run.store, "audra", KS_ROLE_AUDITOR, NULL, PASSWORD) &&
           add_person_to(run.store, "sami", KS_ROLE_STORE_MANAGER, "riyadh-01", PASSWORD) &&
           login_at(run.base, "audra", PASSWORD, auditor, &a) == 200 &&
           login_at(run.base, "sami", PASSWORD, manager, &a) == 200;
}

/* Paid order index of the fixture's lines (a mask of MEAL ... WATER), paid as pay says. */
static ks_order *paid_order(unsigned index, unsigned lines, ks_order_payment pay)
{
    ks_order *o = kitchen_order(index, lines, (int32_t)index, KS_SERVICE_TAKEAWAY);
    o->payment = pay;
    return o;
}

/* The business date of the fixture's orders. */
static const char *order_date(void)
{
    static char date[11];
    ks_order *o = kitchen_order(1, COLA, 1, KS_SERVICE_TAKEAWAY);
    memcpy(date, o->business_date, sizeof date);
    ks_order_free(o);
    return date;
}

/* GET path_query with the manager's token (or session s when not NULL); the status. */
static long get(const char *path_query, const struct session *s, struct http_reply *a)
{
    return call(run.base, "GET", path_query, s ? s->id : NULL, NULL, s ? NULL : MANAGER_TOKEN, NULL,
                a);
}

/* The payments report of the fixture's day (extra: more query, "" none) into *a; the status. */
static long payments(const char *extra, const struct session *s, struct http_reply *a)
{
    char path[192];
    snprintf(path, sizeof path, "/v1/reports/payments?from=%s&to=%s%s", order_date(), order_date(),
             extra);
    return get(path, s, a);
}

/* POSTs the order JSON text as kiosk-02; the status, the answer in *a. */
static long post_json(const char *json, struct http_reply *a)
{
    return call(run.base, "POST", "/v1/orders", NULL, NULL, KITCHEN_TOKEN, json, a);
}

/*
 * Gives back one piece of line line_no of order index, 6.00 with its VAT
 * 0.78, by method, as kiosk-02 (the refund's id from index); the status.
 */
static long refund_600(unsigned index, int line_no, const char *method)
{
    char uuid[37], path[96], refund[512];
    fixture_uuid(index, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s/refunds", uuid);
    snprintf(refund, sizeof refund,
             "{\"refund_id\":\"5eed0000-0000-4000-8000-0000000%03ua1\",\"order_uuid\":\"%s\","
             "\"method\":\"%s\",\"amount\":600,\"vat\":78,\"reason\":\"cold\",\"at\":%lld,"
             "\"lines\":[{\"line_no\":%d,\"quantity\":1,\"amount\":600}]}",
             index % 1000, uuid, method, (long long)KITCHEN_NOON + 600, line_no);
    struct http_reply a;
    return call(run.base, "POST", path, NULL, NULL, KITCHEN_TOKEN, refund, &a);
}

/*
 * Card (mada twice, visa once), cash and card at the counter, and an older
 * kiosk's order without a payment; one mada order refunded in part, one
 * order cancelled unpaid. By method and brand:
 *   card/mada      cola 1200 + meal 3100 = 4300, 600 given back -> net 3700
 *   card/visa      water 200
 *   counter_card   dates 1400
 *   counter_cash   fries 900
 *   unknown        cola 1200
 */
static void test_payments_report(void)
{
    CHECK(start("be_pay"));
    const ks_order_payment mada = ks_order_payment_card("MADA", NULL),
                           visa = ks_order_payment_card("visa", NULL),
                           cash = {.by = KS_PAID_BY_COUNTER_CASH},
                           counter_card = {.by = KS_PAID_BY_COUNTER_CARD}, older = {0};
    CHECK_EQ_STR(mada.brand, "mada");
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(401, COLA, mada)), 201);
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(402, MEAL, mada)), 201);
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(403, WATER, visa)), 201);
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(404, FRIES, cash)), 201);
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(405, DATES, counter_card)), 201);
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(406, COLA, older)), 201);
    ks_order *unpaid = paid_order(407, MEAL, older);
    unpaid->status = KS_ORDER_CANCELLED;
    CHECK_EQ_INT(backend_post_order(run.base, unpaid), 201);
    /* The older kiosk's JSON says nothing of the payment. */
    ks_order *o = paid_order(406, COLA, older);
    char *json = ks_order_to_json(o, NULL);
    CHECK(json && !strstr(json, "\"payment\""));
    free(json);
    ks_order_free(o);

    CHECK_EQ_INT(refund_600(402, 0, "cash"), 201);
    struct http_reply a;

    CHECK_EQ_INT(payments("&format=csv", NULL, &a), 200);
    CHECK_EQ_STR(a.body, "method,brand,orders,amount,refunds,refunded,net\r\n"
                         "\"card\",\"mada\",2,4300,1,600,3700\r\n"
                         "\"card\",\"visa\",1,200,0,0,200\r\n"
                         "\"counter_card\",\"\",1,1400,0,0,1400\r\n"
                         "\"counter_cash\",\"\",1,900,0,0,900\r\n"
                         "\"unknown\",\"\",1,1200,0,0,1200\r\n");
    CHECK_EQ_INT(payments("&store=riyadh-01", NULL, &a), 200);
    CHECK_CONTAINS(a.body, "\"rows\":[{\"method\":\"card\",\"brand\":\"mada\",\"orders\":2,"
                           "\"amount\":4300,\"refunds\":1,\"refunded\":600,\"net\":3700},");
    CHECK_EQ_INT(payments("&store=jeddah-01", NULL, &a), 200);
    CHECK_CONTAINS(a.body, "\"rows\":[]");
    backend_run_stop(&run);
}

/* The order 501 (cola, paid) with its "payment" member replaced by payment (JSON text). */
static char *order_paid_as(const char *payment, enum ks_order_status status)
{
    ks_order *o = paid_order(501, COLA, (ks_order_payment){0});
    o->status = status;
    char *plain = ks_order_to_json(o, NULL);
    ks_order_free(o);
    json_t *root = json_loads(plain, 0, NULL), *value = json_loads(payment, JSON_DECODE_ANY, NULL);
    free(plain);
    json_object_set_new(root, "payment", value);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    return text;
}

static void test_payment_refused(void)
{
    CHECK(start("be_pay_bad"));
    static const struct {
        const char *name, *payment;
        enum ks_order_status status;
        const char *path;
    } cases[] = {
        {"unknown method", "{\"method\":\"cheque\"}", KS_ORDER_PAID, "payment.method"},
        {"unknown said aloud", "{\"method\":\"unknown\"}", KS_ORDER_PAID, "payment.method"},
        {"no method", "{\"brand\":\"mada\"}", KS_ORDER_PAID, "payment"},
        {"brand in capitals", "{\"method\":\"card\",\"brand\":\"MADA\"}", KS_ORDER_PAID,
         "payment.brand"},
        {"empty brand", "{\"method\":\"card\",\"brand\":\"\"}", KS_ORDER_PAID, "payment.brand"},
        {"long brand", "{\"method\":\"card\",\"brand\":\"abcdefghijklmnopqrstuvwxyz0123456\"}",
         KS_ORDER_PAID, "payment.brand"},
        {"brand of cash", "{\"method\":\"counter_cash\",\"brand\":\"mada\"}", KS_ORDER_PAID,
         "payment.brand"},
        {"other member", "{\"method\":\"card\",\"last4\":\"1234\"}", KS_ORDER_PAID,
         "payment.last4"},
        {"not an object", "\"card\"", KS_ORDER_PAID, "payment"},
        {"paid, yet cancelled unpaid", "{\"method\":\"card\"}", KS_ORDER_CANCELLED, "payment"},
        /* The card terminal's reference (#15): the kiosk's own terminal's, printable, 1-64
         * bytes, never shaped like a card number. */
        {"reference of cash", "{\"method\":\"counter_cash\",\"terminal_ref\":\"SIM1\"}",
         KS_ORDER_PAID, "payment.terminal_ref"},
        {"empty reference", "{\"method\":\"card\",\"terminal_ref\":\"\"}", KS_ORDER_PAID,
         "payment.terminal_ref"},
        {"reference of 65",
         "{\"method\":\"card\",\"terminal_ref\":\"0123456789abcdef0123456789abcdef0123456789abcdef"
         "0123456789abcdefX\"}",
         KS_ORDER_PAID, "payment.terminal_ref"},
        {"reference not printable", "{\"method\":\"card\",\"terminal_ref\":\"SIM\\t1\"}",
         KS_ORDER_PAID, "payment.terminal_ref"},
        {"reference in Arabic", "{\"method\":\"card\",\"terminal_ref\":\"\u0661\"}", KS_ORDER_PAID,
         "payment.terminal_ref"},
        {"reference like a card number",
         "{\"method\":\"card\",\"terminal_ref\":\"4847-8312-3456-1234\"}", KS_ORDER_PAID,
         "payment.terminal_ref"},
        {"reference of a number", "{\"method\":\"card\",\"terminal_ref\":1234}", KS_ORDER_PAID,
         "payment.terminal_ref"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        char *json = order_paid_as(cases[i].payment, cases[i].status);
        struct http_reply a;
        long status = json ? post_json(json, &a) : 0;
        json_t *root = status ? json_loads(a.body, 0, NULL) : NULL;
        const char *p = json_string_value(json_object_get(root, "path"));
        if (status != 400 || !p || strcmp(p, cases[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", cases[i].name, status,
                       status ? a.body : "");
        json_decref(root);
        free(json);
    }
    /* Nothing was stored; the good one is (a reference of 12 digits: a retrieval reference). */
    char *good =
        order_paid_as("{\"method\":\"card\",\"brand\":\"mada\",\"terminal_ref\":\"633012345678\"}",
                      KS_ORDER_PAID);
    struct http_reply a;
    CHECK_EQ_INT(post_json(good, &a), 201);
    free(good);
    CHECK_EQ_INT(payments("&format=csv", NULL, &a), 200);
    CHECK_EQ_STR(a.body, "method,brand,orders,amount,refunds,refunded,net\r\n"
                         "\"card\",\"mada\",1,1200,0,0,1200\r\n");
    backend_run_stop(&run);
}

/* Auditors read every store; a store manager names one of theirs; kiosks may not. */
static void test_payments_roles(void)
{
    struct session auditor, manager;
    CHECK(start_with_people("be_pay_roles", &auditor, &manager));
    CHECK_EQ_INT(
        backend_post_order(run.base, paid_order(601, COLA, ks_order_payment_card("mada", NULL))),
        201);
    struct http_reply a;
    CHECK_EQ_INT(payments("", &auditor, &a), 200);
    CHECK_CONTAINS(a.body, "\"brand\":\"mada\",\"orders\":1");
    CHECK_EQ_INT(payments("", &manager, &a), 403);
    CHECK_CONTAINS(a.body, "\"path\":\"store\"");
    CHECK_EQ_INT(payments("&store=jeddah-01", &manager, &a), 403);
    CHECK_EQ_INT(payments("&store=riyadh-01", &manager, &a), 200);
    CHECK_CONTAINS(a.body, "\"amount\":1200");
    char path[160];
    snprintf(path, sizeof path, "/v1/reports/payments?from=%s&to=%s", order_date(), order_date());
    CHECK_EQ_INT(call(run.base, "GET", path, NULL, NULL, KITCHEN_TOKEN, NULL, &a), 403);
    CHECK_EQ_INT(call(run.base, "GET", path, NULL, NULL, NULL, NULL, &a), 401);
    CHECK_EQ_INT(payments("&format=xml", NULL, &a), 400);
    backend_run_stop(&run);
}

/* POSTs a cost body as the manager's token (or session s with its CSRF token); the status. */
static long post_cost(const char *body, const struct session *s, struct http_reply *a)
{
    return call(run.base, "POST", "/v1/costs", s ? s->id : NULL, s ? s->csrf : NULL,
                s ? NULL : MANAGER_TOKEN, body, a);
}

/* The profit report of the fixture's day as CSV into *a; the status. */
static long profit_csv(struct http_reply *a)
{
    char path[192];
    snprintf(path, sizeof path, "/v1/reports/profit?from=%s&to=%s&format=csv", order_date(),
             order_date());
    return get(path, NULL, a);
}

#define PROFIT_HEAD "item_id,name_en,name_ar,unit,quantity,net,cost,uncosted,margin,margin_bp\r\n"
#define MEAL_ROW "\"classic-meal\",\"Classic Burger Meal\",\"وجبة برجر كلاسيك\",\"each\","
#define COLA_ROW "\"cola\",\"Cola\",\"كولا\",\"each\","
#define DATES_ROW "\"dates\",\"Dates\",\"تمر\",\"kg\","
#define FRIES_ROW "\"fries\",\"Fries\",\"بطاطس\",\"each\","

/*
 * Costs: meal 12.00, cola 1.50, dates 20.00 a kilogram; fries none. Order
 * 701: meal (net 2696), fries 2 (net 783), cola 2 (net 1043), dates 350 g
 * (net 1217). Then cola costs 2.00 and order 702 sells 2 more (net 1043);
 * one cola of 701 is given back (600 with VAT: net 600 x 1043 / 1200 =
 * 521.5 -> 522, its cost 150 at 701's cost). Per item:
 *   meal   1, net 2696, cost 1200, margin 1496, 5548 bp (14960000 / 2696 = 5548.9)
 *   cola   3, net 1043 + 1043 - 522 = 1564, cost 300 + 400 - 150 = 550,
 *          margin 1014, 6483 bp
 *   dates  350 g, net 1217, cost 350 x 2000 / 1000 = 700, margin 517, 4248 bp
 *   fries  2, net 783, no cost: uncosted 1, margin and margin_bp 0
 */
static void test_profit_report(void)
{
    CHECK(start("be_profit"));
    struct http_reply a;
    CHECK_EQ_INT(post_cost("{\"item_id\":\"classic-meal\",\"unit_cost\":1200}", NULL, &a), 200);
    CHECK_EQ_STR(a.body, "{\"status\":\"stored\",\"item_id\":\"classic-meal\",\"unit_cost\":1200}");
    CHECK_EQ_INT(post_cost("{\"item_id\":\"cola\",\"unit_cost\":150}", NULL, &a), 200);
    CHECK_EQ_INT(post_cost("{\"item_id\":\"dates\",\"unit_cost\":2000}", NULL, &a), 200);
    CHECK_EQ_INT(post_cost("{\"item_id\":\"water\",\"unit_cost\":50}", NULL, &a), 200);
    CHECK_EQ_INT(post_cost("{\"item_id\":\"water\",\"unit_cost\":null}", NULL, &a), 200);
    const ks_order_payment mada = ks_order_payment_card("mada", NULL);
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(701, MEAL | FRIES | COLA | DATES, mada)),
                 201);
    CHECK_EQ_INT(profit_csv(&a), 200);
    CHECK_EQ_STR(a.body, PROFIT_HEAD MEAL_ROW
                 "1,2696,1200,0,1496,5548\r\n" COLA_ROW "2,1043,300,0,743,7123\r\n" DATES_ROW
                 "350,1217,700,0,517,4248\r\n" FRIES_ROW "2,783,0,1,0,0\r\n");

    /* A dearer cola from now on: the sale before keeps its cost. */
    CHECK_EQ_INT(post_cost("{\"item_id\":\"cola\",\"unit_cost\":200}", NULL, &a), 200);
    CHECK_EQ_INT(backend_post_order(run.base, paid_order(702, COLA, mada)), 201);
    CHECK_EQ_INT(refund_600(701, 2, "card"), 201);
    CHECK_EQ_INT(profit_csv(&a), 200);
    CHECK_EQ_STR(a.body, PROFIT_HEAD MEAL_ROW
                 "1,2696,1200,0,1496,5548\r\n" COLA_ROW "3,1564,550,0,1014,6483\r\n" DATES_ROW
                 "350,1217,700,0,517,4248\r\n" FRIES_ROW "2,783,0,1,0,0\r\n");

    /* The costs now, and each change in the audit log under the manager token. */
    CHECK_EQ_INT(get("/v1/costs", NULL, &a), 200);
    CHECK_CONTAINS(a.body, "{\"costs\":[{\"item_id\":\"classic-meal\",\"unit_cost\":1200,");
    CHECK_CONTAINS(a.body, "{\"item_id\":\"cola\",\"unit_cost\":200,");
    CHECK(!strstr(a.body, "water"));
    CHECK_EQ_INT(get("/v1/audit?limit=3", NULL, &a), 200);
    CHECK_CONTAINS(a.body,
                   "\"actor\":\"manager-token\",\"role\":\"head-office\","
                   "\"action\":\"cost.set\",\"store_id\":\"\",\"target\":\"cola\","
                   "\"before_summary\":\"unit_cost=150\",\"after_summary\":\"unit_cost=200\"");
    CHECK_CONTAINS(a.body, "\"target\":\"water\",\"before_summary\":\"unit_cost=50\","
                           "\"after_summary\":\"none\"");
    backend_run_stop(&run);
}

/* Only head office sets costs; bad bodies are refused with their path; everyone reads. */
static void test_costs_refused_and_roles(void)
{
    struct session auditor, manager;
    CHECK(start_with_people("be_costs", &auditor, &manager));
    static const struct {
        const char *name, *body, *path;
    } bad[] = {
        {"item in capitals", "{\"item_id\":\"Cola\",\"unit_cost\":1}", "item_id"},
        {"no item", "{\"unit_cost\":1}", ""}, /* missing: reported at the body */
        {"negative", "{\"item_id\":\"cola\",\"unit_cost\":-1}", "unit_cost"},
        {"too dear", "{\"item_id\":\"cola\",\"unit_cost\":1000000001}", "unit_cost"},
        {"riyals", "{\"item_id\":\"cola\",\"unit_cost\":1.5}", "unit_cost"},
        {"a store", "{\"item_id\":\"cola\",\"unit_cost\":1,\"store_id\":\"riyadh-01\"}",
         "store_id"},
    };
    for (size_t i = 0; i < CHECK_COUNT(bad); i++) {
        struct http_reply a;
        long status = post_cost(bad[i].body, NULL, &a);
        json_t *root = json_loads(a.body, 0, NULL);
        const char *p = json_string_value(json_object_get(root, "path"));
        if (status != 400 || !p || strcmp(p, bad[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", bad[i].name, status, a.body);
        json_decref(root);
    }
    struct http_reply a;
    CHECK_EQ_INT(post_cost("{\"item_id\":\"cola\",\"unit_cost\":1}", &auditor, &a), 403);
    CHECK_EQ_INT(post_cost("{\"item_id\":\"cola\",\"unit_cost\":1}", &manager, &a), 403);
    CHECK_EQ_INT(get("/v1/costs", &auditor, &a), 200);
    CHECK_EQ_STR(a.body, "{\"costs\":[]}");
    CHECK_EQ_INT(get("/v1/costs", &manager, &a), 200);
    char path[192];
    snprintf(path, sizeof path, "/v1/reports/profit?from=%s&to=%s", order_date(), order_date());
    CHECK_EQ_INT(get(path, &manager, &a), 403);
    CHECK_EQ_INT(get(path, &auditor, &a), 200);
    snprintf(path, sizeof path, "/v1/reports/profit?from=%s&to=%s&store=riyadh-01", order_date(),
             order_date());
    CHECK_EQ_INT(get(path, &manager, &a), 200);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/costs", NULL, NULL, KITCHEN_TOKEN,
                      "{\"item_id\":\"cola\",\"unit_cost\":1}", &a),
                 403);
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"payments_report", test_payments_report},
        {"payment_refused", test_payment_refused},
        {"payments_roles", test_payments_roles},
        {"profit_report", test_profit_report},
        {"costs_refused_and_roles", test_costs_refused_and_roles},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
