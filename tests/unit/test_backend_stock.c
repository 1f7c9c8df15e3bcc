/*
 * Stock in the backend over real HTTP on loopback (the server in this
 * process): paid orders take their lines away exactly once whatever the
 * repeats, refunds put theirs back exactly once, untracked items never
 * move, a sale may go below zero, and adjustments (received, count, waste;
 * POST /v1/stock/adjustments, manager's token) are idempotent by request
 * id, each with its journal row; GET /v1/stock lists levels and moves;
 * figures worked out by hand.
 *
 * Run once per store: `test_backend_stock` on SQLite files (ctest
 * unit.backend_stock), `test_backend_stock --pg` on the PostgreSQL server
 * of KIOSK_TEST_PG (unit.backend_stock_pg), each case in a fresh schema.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>

#include "kiosk/backend/backend_stock.h"

#define MANAGER_TOKEN "mgr-Qw8Er3Ty6Ui1Op4As7Df2Gh5"
#define STORE "riyadh-01"
/* Fixture lines (tests/unit/test_store_fixture.h): classic-meal 1, fries 2, cola 2, dates 350 g,
 * water 1. */
#define ALL_LINES 0x1fu
/* Level of an item without a stock record. */
#define UNTRACKED INT64_MIN

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg; /* the running backend's */

/* The backend on a fresh database name (a SQLite file, or a schema with --pg). */
static bool start(const char *name)
{
    return backend_run_fresh(&run, &cfg, pg, name,
                             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
                             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN
                             "\nkiosk-03 = " KITCHEN_OTHER_TOKEN "\n");
}

/* POSTs the order o (freed here) as its kiosk kiosk-02 does; the status. */
static long post_order(ks_order *o)
{
    return backend_post_order(run.base, o);
}

/* Paid order index of the fixture's lines, water renamed cola: cola 2 + 1 in one order. */
static ks_order *order_with_two_colas(unsigned index)
{
    ks_order *o = kitchen_order(index, ALL_LINES, (int32_t)index, KS_SERVICE_TAKEAWAY);
    free(o->lines[4].item_id);
    o->lines[4].item_id = fixture_strdup("cola");
    return o;
}

/* The level of item at store (UNTRACKED when none). */
static int64_t level_at(const char *store, const char *item)
{
    return backend_stock_level(run.store, store, item);
}

static int64_t level(const char *item)
{
    return level_at(STORE, item);
}

/* The moves of item at STORE, newest first (json_decref). */
static json_t *moves(const char *item)
{
    json_t *rows = NULL;
    if (ks_backend_store_stock_moves(run.store, STORE, item, 100, &rows) != KS_DB_OK)
        return json_array();
    return rows;
}

/* The move n (0: newest) of item: "quantity/on_hand/reason/person/ref", in out[cap]. */
static const char *move_text(const char *item, size_t n, char *out, size_t cap)
{
    json_t *rows = moves(item), *m = json_array_get(rows, n);
    snprintf(out, cap, "%lld/%lld/%s/%s/%s",
             (long long)json_integer_value(json_object_get(m, "quantity")),
             (long long)json_integer_value(json_object_get(m, "on_hand")),
             json_string_value(json_object_get(m, "reason")),
             json_string_value(json_object_get(m, "person")),
             json_string_value(json_object_get(m, "ref")));
    json_decref(rows);
    return out;
}

static size_t move_count(const char *item)
{
    json_t *rows = moves(item);
    size_t n = json_array_size(rows);
    json_decref(rows);
    return n;
}

/* A request id from n: 5eed0000-0000-4000-8000-0000000000NN. */
static const char *request_id(unsigned n)
{
    static char id[37];
    snprintf(id, sizeof id, "5eed0000-0000-4000-8000-0000000001%02u", n % 100);
    return id;
}

/* POSTs body to path with token; the status, the answer in *a. */
static long post(const char *path, const char *token, const char *body, struct http_reply *a)
{
    char url[160];
    snprintf(url, sizeof url, "%s%s", run.base, path);
    kitchen_http("POST", url, token, NULL, body, strlen(body), a);
    return a->status;
}

/* The body of adjustment request n of kind to item at STORE, by Amal, in out[cap]. */
static const char *adjustment(unsigned n, const char *kind, const char *item, int64_t quantity,
                              const char *reason, char *out, size_t cap)
{
    snprintf(out, cap,
             "{\"request_id\":\"%s\",\"store_id\":\"" STORE "\",\"item_id\":\"%s\",\"kind\":\"%s\","
             "\"quantity\":%lld,\"reason\":\"%s\",\"person\":\"Amal\"}",
             request_id(n), item, kind, (long long)quantity, reason);
    return out;
}

/*
 * POSTs adjustment request n of kind to item with the manager's token; the
 * status, and the level it answers in *on_hand (may be NULL).
 */
static long adjust(unsigned n, const char *kind, const char *item, int64_t quantity,
                   const char *reason, int64_t *on_hand)
{
    char body[512];
    struct http_reply a;
    long status = post("/v1/stock/adjustments", MANAGER_TOKEN,
                       adjustment(n, kind, item, quantity, reason, body, sizeof body), &a);
    json_t *root = json_loads(a.body, 0, NULL);
    if (on_hand)
        *on_hand = json_integer_value(json_object_get(root, "on_hand"));
    json_decref(root);
    return status;
}

/* POSTs a refund of order index with lines "[{...}]" adding up to amount; the status. */
static long post_refund(unsigned index, const char *refund_id, int64_t amount, const char *lines)
{
    char uuid[37], url[160], body[1024];
    fixture_uuid(index, uuid);
    snprintf(url, sizeof url, "%s/v1/orders/%s/refunds", run.base, uuid);
    snprintf(body, sizeof body,
             "{\"refund_id\":\"%s\",\"order_uuid\":\"%s\",\"method\":\"cash\",\"amount\":%lld,"
             "\"vat\":0,\"reason\":\"returned\",\"at\":1795520000,\"lines\":%s}",
             refund_id, uuid, (long long)amount, lines);
    struct http_reply a;
    kitchen_http("POST", url, KITCHEN_TOKEN, NULL, body, strlen(body), &a);
    return a.status;
}

static void test_sale_moves_stock_once(void)
{
    CHECK(start("st_sale"));
    CHECK_EQ_INT(adjust(1, "received", "cola", 10, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(2, "received", "fries", 5, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(3, "received", "dates", 1000, "delivery", NULL), 201);
    /* cola 2 + 1, fries 2, dates 350 g; classic-meal has no record: untracked. */
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT(post_order(order_with_two_colas(1)), i == 0 ? 201 : 200);
        CHECK_EQ_INT(level("cola"), 7);
        CHECK_EQ_INT(level("fries"), 3);
        CHECK_EQ_INT(level("dates"), 650);
        CHECK_EQ_INT(level("classic-meal"), UNTRACKED);
        CHECK_EQ_INT(move_count("cola"), 2);
    }
    char text[256], uuid[37];
    fixture_uuid(1, uuid);
    char want[256];
    snprintf(want, sizeof want, "-3/7/sale/kiosk-02/%s", uuid);
    CHECK_EQ_STR(move_text("cola", 0, text, sizeof text), want);
    CHECK_EQ_STR(move_text("cola", 1, text, sizeof text),
                 "10/10/received/Amal/5eed0000-0000-4000-8000-000000000101");
    /* An order cancelled unpaid sold nothing. */
    ks_order *cancelled = order_with_two_colas(2);
    cancelled->status = KS_ORDER_CANCELLED;
    CHECK_EQ_INT(post_order(cancelled), 201);
    CHECK_EQ_INT(level("cola"), 7);
    CHECK_EQ_INT(move_count("cola"), 2);
    /* Another store's stock is its own. */
    ks_order *jeddah = order_with_two_colas(3);
    snprintf(jeddah->store_id, sizeof jeddah->store_id, "jeddah-01");
    CHECK_EQ_INT(post_order(jeddah), 201);
    CHECK_EQ_INT(level("cola"), 7);
    CHECK_EQ_INT(level_at("jeddah-01", "cola"), UNTRACKED);
    backend_run_stop(&run);
}

static void test_refund_puts_back_once(void)
{
    CHECK(start("st_refund"));
    CHECK_EQ_INT(adjust(1, "received", "cola", 10, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(2, "received", "dates", 1000, "delivery", NULL), 201);
    CHECK_EQ_INT(post_order(order_with_two_colas(1)), 201);
    CHECK_EQ_INT(level("cola"), 7);
    CHECK_EQ_INT(level("dates"), 650);
    /* Line 2 (cola 1 of 2), line 3 (dates 100 g), line 4 (cola: 5 asked, 1 sold, 1 back). */
    static const char lines[] = "[{\"line_no\":2,\"quantity\":1,\"amount\":600},"
                                "{\"line_no\":3,\"quantity\":100,\"amount\":400},"
                                "{\"line_no\":4,\"quantity\":5,\"amount\":200}]";
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT(post_refund(1, request_id(50), 1200, lines), i == 0 ? 201 : 200);
        CHECK_EQ_INT(level("cola"), 9);
        CHECK_EQ_INT(level("dates"), 750);
    }
    char text[256];
    CHECK_EQ_STR(move_text("cola", 0, text, sizeof text),
                 "2/9/refund/kiosk-02/5eed0000-0000-4000-8000-000000000150");
    CHECK_EQ_INT(move_count("cola"), 3);
    /* A refund of an untracked line moves nothing; one refused moves nothing either. */
    CHECK_EQ_INT(post_refund(1, request_id(51), 100,
                             "[{\"line_no\":0,\"quantity\":1,"
                             "\"amount\":100}]"),
                 201);
    CHECK_EQ_INT(level("classic-meal"), UNTRACKED);
    CHECK_EQ_INT(post_refund(1, request_id(52), 999999,
                             "[{\"line_no\":2,\"quantity\":1,"
                             "\"amount\":999999}]"),
                 422);
    CHECK_EQ_INT(level("cola"), 9);
    CHECK_EQ_INT(move_count("cola"), 3);
    backend_run_stop(&run);
}

static void test_sale_below_zero_recorded(void)
{
    CHECK(start("st_negative"));
    CHECK_EQ_INT(adjust(1, "count", "cola", 1, "shelf count", NULL), 201);
    CHECK_EQ_INT(post_order(order_with_two_colas(1)), 201);
    CHECK_EQ_INT(level("cola"), -2);
    /* A count afterwards moves by the difference: 5 - (-2). */
    int64_t on_hand = 0;
    CHECK_EQ_INT(adjust(2, "count", "cola", 5, "shelf count", &on_hand), 201);
    CHECK_EQ_INT(on_hand, 5);
    char text[256];
    CHECK_EQ_STR(move_text("cola", 0, text, sizeof text),
                 "7/5/count/Amal/5eed0000-0000-4000-8000-000000000102");
    backend_run_stop(&run);
}

static void test_adjustments_idempotent(void)
{
    CHECK(start("st_adjust"));
    int64_t on_hand = 0;
    CHECK_EQ_INT(adjust(1, "received", "fries", 40, "delivery", &on_hand), 201);
    CHECK_EQ_INT(on_hand, 40);
    CHECK_EQ_INT(adjust(1, "received", "fries", 40, "delivery", &on_hand), 200);
    CHECK_EQ_INT(on_hand, 40);
    CHECK_EQ_INT(adjust(1, "received", "fries", 41, "delivery", &on_hand), 409);
    CHECK_EQ_INT(level("fries"), 40);
    CHECK_EQ_INT(adjust(2, "waste", "fries", 3, "dropped", &on_hand), 201);
    CHECK_EQ_INT(on_hand, 37);
    /* A count that finds the level as it is still journals its move of 0. */
    CHECK_EQ_INT(adjust(3, "count", "fries", 37, "night count", &on_hand), 201);
    CHECK_EQ_INT(on_hand, 37);
    CHECK_EQ_INT(move_count("fries"), 3);
    char text[256];
    CHECK_EQ_STR(move_text("fries", 1, text, sizeof text),
                 "-3/37/waste/Amal/5eed0000-0000-4000-8000-000000000102");
    CHECK_EQ_STR(move_text("fries", 0, text, sizeof text),
                 "0/37/count/Amal/5eed0000-0000-4000-8000-000000000103");
    /* A count of an untracked item starts tracking it. */
    CHECK_EQ_INT(adjust(4, "count", "water", 12, "first count", &on_hand), 201);
    CHECK_EQ_INT(level("water"), 12);
    backend_run_stop(&run);
}

/* GETs path_query with token; the status, the answer in *a. */
static long get(const char *path_query, const char *token, struct http_reply *a)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", run.base, path_query);
    kitchen_http("GET", url, token, NULL, NULL, 0, a);
    return a->status;
}

static void test_stock_api(void)
{
    CHECK(start("st_api"));
    char body[512];
    struct http_reply a;
    adjustment(1, "received", "cola", 24, "delivery", body, sizeof body);
    /* The manager's token only; nothing applied before. */
    CHECK_EQ_INT(post("/v1/stock/adjustments", NULL, body, &a), 401);
    CHECK_EQ_INT(post("/v1/stock/adjustments", KITCHEN_TOKEN, body, &a), 403);
    CHECK_EQ_INT(get("/v1/stock?store=" STORE, KITCHEN_TOKEN, &a), 403);
    CHECK_EQ_INT(level("cola"), UNTRACKED);
    static const struct {
        const char *kind, *item;
        int64_t quantity;
        const char *reason, *path;
    } refused[] = {
        {"stolen", "cola", 1, "x", "\"kind\""},
        {"received", "cola", 0, "x", "\"quantity\""},
        {"waste", "cola", -1, "x", "\"quantity\""},
        {"count", "cola", -1, "x", "\"quantity\""},
        {"received", "Cola", 1, "x", "\"item_id\""},
        {"received", "cola", 1, "", "\"reason\""},
        {"count", "cola", 1000000001, "x", "\"quantity\""},
    };
    for (size_t i = 0; i < CHECK_COUNT(refused); i++) {
        adjustment(2, refused[i].kind, refused[i].item, refused[i].quantity, refused[i].reason,
                   body, sizeof body);
        CHECK_EQ_INT(post("/v1/stock/adjustments", MANAGER_TOKEN, body, &a), 400);
        CHECK_CONTAINS(a.body, refused[i].path);
    }
    CHECK_EQ_INT(post("/v1/stock/adjustments", MANAGER_TOKEN,
                      "{\"request_id\":\"5eed0000-0000-4000-8000-000000000199\",\"x\":1}", &a),
                 400);
    CHECK_CONTAINS(a.body, "\"path\":\"x\"");
    CHECK_EQ_INT(level("cola"), UNTRACKED);
    /* Received 24, waste 4, sold 3: the levels and the two latest moves, newest first. */
    CHECK_EQ_INT(adjust(1, "received", "cola", 24, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(3, "waste", "cola", 4, "crushed cans", NULL), 201);
    CHECK_EQ_INT(adjust(4, "received", "fries", 9, "delivery", NULL), 201);
    CHECK_EQ_INT(post_order(order_with_two_colas(1)), 201);
    CHECK_EQ_INT(get("/v1/stock?store=" STORE "&item=cola&limit=2", MANAGER_TOKEN, &a), 200);
    json_t *root = json_loads(a.body, 0, NULL), *levels = json_object_get(root, "levels"),
           *moves = json_object_get(root, "moves");
    CHECK_EQ_INT(json_array_size(levels), 2);
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(levels, 0), "item_id")), "cola");
    CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(levels, 0), "on_hand")), 17);
    CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(levels, 1), "on_hand")), 7);
    CHECK_EQ_INT(json_array_size(moves), 2);
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(moves, 0), "reason")), "sale");
    CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(moves, 0), "quantity")), -3);
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(moves, 1), "reason")), "waste");
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(moves, 1), "person")), "Amal");
    json_decref(root);
    CHECK_EQ_INT(get("/v1/stock", MANAGER_TOKEN, &a), 400);
    CHECK_EQ_INT(get("/v1/stock?store=" STORE "&limit=0", MANAGER_TOKEN, &a), 400);
    CHECK_EQ_INT(get("/v1/stock?store=" STORE "&item=C%20ola", MANAGER_TOKEN, &a), 400);
    backend_run_stop(&run);
}

/* POSTs the recipe of item with ingredients "[...]"; the status. */
static long put_recipe(const char *item, const char *ingredients, struct http_reply *a)
{
    char body[1024];
    snprintf(body, sizeof body, "{\"item_id\":\"%s\",\"ingredients\":%s}", item, ingredients);
    return post("/v1/stock/recipes", MANAGER_TOKEN, body, a);
}

static void test_recipes(void)
{
    CHECK(start("st_recipes"));
    struct http_reply a;
    /* A meal of a patty, a bun and fries; dates (by weight) with 30 g of sugar per kg. */
    CHECK_EQ_INT(put_recipe("classic-meal",
                            "[{\"item_id\":\"beef-patty\",\"quantity\":1},"
                            "{\"item_id\":\"bun\",\"quantity\":1},"
                            "{\"item_id\":\"fries\",\"quantity\":1}]",
                            &a),
                 200);
    CHECK_EQ_INT(put_recipe("dates", "[{\"item_id\":\"sugar\",\"quantity\":30}]", &a), 200);
    CHECK_EQ_INT(adjust(1, "received", "beef-patty", 10, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(2, "received", "bun", 10, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(3, "received", "fries", 10, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(4, "received", "sugar", 100, "delivery", NULL), 201);
    /* One meal, fries 2 and dates 350 g: fries 1 + 2, sugar 350 x 30 / 1000 = 10.5 -> 11. */
    CHECK_EQ_INT(post_order(order_with_two_colas(1)), 201);
    CHECK_EQ_INT(level("beef-patty"), 9);
    CHECK_EQ_INT(level("bun"), 9);
    CHECK_EQ_INT(level("fries"), 7);
    CHECK_EQ_INT(level("sugar"), 89);
    CHECK_EQ_INT(level("classic-meal"), UNTRACKED);
    CHECK_EQ_INT(move_count("fries"), 2);
    /* The meal tracked too: it moves as well as its ingredients. */
    CHECK_EQ_INT(adjust(5, "received", "classic-meal", 5, "made ahead", NULL), 201);
    CHECK_EQ_INT(post_order(order_with_two_colas(2)), 201);
    CHECK_EQ_INT(level("classic-meal"), 4);
    CHECK_EQ_INT(level("beef-patty"), 8);
    /* A refund puts the meal back, not what was cooked into it. */
    CHECK_EQ_INT(post_refund(2, request_id(60), 100,
                             "[{\"line_no\":0,\"quantity\":1,"
                             "\"amount\":100}]"),
                 201);
    CHECK_EQ_INT(level("classic-meal"), 5);
    CHECK_EQ_INT(level("beef-patty"), 8);
    /* Without its recipe, the meal consumes nothing else. */
    CHECK_EQ_INT(put_recipe("classic-meal", "[]", &a), 200);
    CHECK_EQ_INT(post_order(order_with_two_colas(3)), 201);
    CHECK_EQ_INT(level("beef-patty"), 8);
    CHECK_EQ_INT(level("classic-meal"), 4);
    struct http_reply list;
    char url[160];
    snprintf(url, sizeof url, "%s/v1/stock/recipes", run.base);
    kitchen_http("GET", url, MANAGER_TOKEN, NULL, NULL, 0, &list);
    CHECK_EQ_INT(list.status, 200);
    CHECK_EQ_STR(list.body, "{\"recipes\":[{\"item_id\":\"dates\",\"ingredient_id\":\"sugar\","
                            "\"quantity\":30}]}");
    /* Refused: itself, twice the same, a quantity of 0, a kiosk's token. */
    CHECK_EQ_INT(put_recipe("bun", "[{\"item_id\":\"bun\",\"quantity\":1}]", &a), 400);
    CHECK_CONTAINS(a.body, "ingredients[0].item_id");
    CHECK_EQ_INT(put_recipe("bun",
                            "[{\"item_id\":\"flour\",\"quantity\":1},"
                            "{\"item_id\":\"flour\",\"quantity\":2}]",
                            &a),
                 400);
    CHECK_CONTAINS(a.body, "ingredients[1].item_id");
    CHECK_EQ_INT(put_recipe("bun", "[{\"item_id\":\"flour\",\"quantity\":0}]", &a), 400);
    CHECK_CONTAINS(a.body, "ingredients[0].quantity");
    CHECK_EQ_INT(post("/v1/stock/recipes", KITCHEN_TOKEN, "{}", &a), 403);
    backend_run_stop(&run);
}

/* POSTs item's threshold low_at at STORE; the status. */
static long threshold(const char *item, int64_t low_at, struct http_reply *a)
{
    char body[256];
    snprintf(body, sizeof body, "{\"store_id\":\"" STORE "\",\"item_id\":\"%s\",\"low_at\":%lld}",
             item, (long long)low_at);
    return post("/v1/stock/thresholds", MANAGER_TOKEN, body, a);
}

/* The suggestion for item in rows ({item_id, suggestion...}); -1 when it is not listed. */
static int64_t suggestion(json_t *rows, const char *item)
{
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        if (strcmp(json_string_value(json_object_get(row, "item_id")), item) == 0)
            return json_integer_value(json_object_get(row, "suggestion"));
    }
    return -1;
}

static void test_alerts_and_reorder(void)
{
    CHECK(start("st_reorder"));
    CHECK_EQ_INT(adjust(1, "received", "cola", 10, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(2, "received", "fries", 100, "delivery", NULL), 201);
    CHECK_EQ_INT(post_order(order_with_two_colas(1)), 201);
    CHECK_EQ_INT(post_order(order_with_two_colas(2)), 201);
    /*
     * Cola: 6 sold in the week, 4 left. Point ceil(6 x 3 / 7) = 3, so 4 is
     * not yet. Fries: 4 sold, 96 left, far above. Nothing is suggested.
     */
    const ks_reorder_params week = {.days = 7, .lead = 2, .safety = 1, .cover = 7};
    json_t *rows = NULL;
    CHECK_EQ_INT(
        ks_backend_store_stock_reorder(run.store, STORE, &week, KITCHEN_NOON + 3600, &rows),
        KS_DB_OK);
    CHECK_EQ_INT(json_array_size(rows), 0);
    json_decref(rows);
    /* Cola: 9 sold, 1 left; point ceil(27 / 7) = 4, up to ceil(90 / 7) = 13: order 12. */
    CHECK_EQ_INT(post_order(order_with_two_colas(3)), 201);
    CHECK_EQ_INT(
        ks_backend_store_stock_reorder(run.store, STORE, &week, KITCHEN_NOON + 3600, &rows),
        KS_DB_OK);
    CHECK_EQ_INT(json_array_size(rows), 1);
    CHECK_EQ_INT(suggestion(rows, "cola"), 12);
    json_t *cola = json_array_get(rows, 0);
    CHECK_EQ_INT(json_integer_value(json_object_get(cola, "sold")), 9);
    CHECK_EQ_INT(json_integer_value(json_object_get(cola, "rate_milli")), 1285);
    CHECK_EQ_INT(json_integer_value(json_object_get(cola, "reorder_point")), 4);
    json_decref(rows);
    /* A week later the sales are out of the window: 0 sold, 1 left, nothing suggested. */
    CHECK_EQ_INT(ks_backend_store_stock_reorder(run.store, STORE, &week,
                                                KITCHEN_NOON + 7 * 86400 + 1, &rows),
                 KS_DB_OK);
    CHECK_EQ_INT(json_array_size(rows), 0);
    json_decref(rows);
    /* Thresholds: cola at 1 with 2 alerts; fries at 91 with 90 does not; bun untracked starts at 0.
     */
    struct http_reply a;
    CHECK_EQ_INT(threshold("cola", 2, &a), 200);
    CHECK_EQ_INT(threshold("fries", 90, &a), 200);
    CHECK_EQ_INT(threshold("bun", 5, &a), 200);
    CHECK_EQ_INT(threshold("bun", -1, &a), 400);
    CHECK_CONTAINS(a.body, "low_at");
    CHECK_EQ_INT(post("/v1/stock/thresholds", KITCHEN_TOKEN, "{}", &a), 403);
    CHECK_EQ_INT(get("/v1/stock/alerts?store=" STORE, MANAGER_TOKEN, &a), 200);
    CHECK_EQ_STR(a.body, "{\"store\":\"riyadh-01\",\"alerts\":["
                         "{\"store_id\":\"riyadh-01\",\"item_id\":\"bun\",\"on_hand\":0,"
                         "\"low_at\":5},"
                         "{\"store_id\":\"riyadh-01\",\"item_id\":\"cola\",\"on_hand\":1,"
                         "\"low_at\":2}]}");
    /* The API over the server's clock: its parameters checked. */
    CHECK_EQ_INT(
        get("/v1/stock/reorder?store=" STORE "&days=7&lead=2&safety=1&cover=7", MANAGER_TOKEN, &a),
        200);
    CHECK_CONTAINS(a.body, "\"days\":7,\"lead\":2");
    CHECK_EQ_INT(get("/v1/stock/reorder?store=" STORE "&days=0", MANAGER_TOKEN, &a), 400);
    CHECK_EQ_INT(get("/v1/stock/reorder?store=" STORE "&lead=366", MANAGER_TOKEN, &a), 400);
    CHECK_EQ_INT(get("/v1/stock/reorder?store=" STORE "&cover=x", MANAGER_TOKEN, &a), 400);
    CHECK_EQ_INT(get("/v1/stock/reorder", MANAGER_TOKEN, &a), 400);
    CHECK_EQ_INT(get("/v1/stock/alerts", MANAGER_TOKEN, &a), 400);
    backend_run_stop(&run);
}

/* GET /v1/stock/soldout?store=STORE through the API in this process, If-None-Match etag. */
static void soldout(const char *etag, ks_backend_response *resp)
{
    ks_backend_api *api = ks_backend_api_new(run.store, &cfg);
    const ks_backend_request req = {.method = "GET",
                                    .path = "/v1/stock/soldout",
                                    .authorization = "Bearer " KITCHEN_TOKEN,
                                    .if_none_match = etag,
                                    .store = STORE};
    ks_backend_api_handle(api, &req, 0, resp);
    ks_backend_api_free(api);
}

static void test_sold_out_from_stock(void)
{
    CHECK(start("st_soldout"));
    struct http_reply a;
    CHECK_EQ_INT(adjust(1, "received", "cola", 4, "delivery", NULL), 201);
    CHECK_EQ_INT(adjust(2, "received", "fries", 10, "delivery", NULL), 201);
    /* Fries sold out at 8 or below; bun tracked at 0: sold out at once. */
    CHECK_EQ_INT(post("/v1/stock/thresholds", MANAGER_TOKEN,
                      "{\"store_id\":\"" STORE "\",\"item_id\":\"fries\",\"low_at\":9,"
                      "\"sold_out_at\":8}",
                      &a),
                 200);
    CHECK_EQ_INT(threshold("bun", 0, &a), 200);
    ks_backend_response r;
    soldout(NULL, &r);
    CHECK_EQ_INT(r.status, 200);
    CHECK_EQ_STR(r.body, "{\"store\":\"riyadh-01\",\"items\":[\"bun\"]}");
    char etag[67];
    snprintf(etag, sizeof etag, "%s", r.etag);
    free(r.body);
    /* Unchanged: 304. Cola 4 - 3 = 1 and fries 10 - 2 = 8: fries at its floor is sold out. */
    soldout(etag, &r);
    CHECK_EQ_INT(r.status, 304);
    free(r.body);
    CHECK_EQ_INT(post_order(order_with_two_colas(1)), 201);
    soldout(etag, &r);
    CHECK_EQ_INT(r.status, 200);
    CHECK_EQ_STR(r.body, "{\"store\":\"riyadh-01\",\"items\":[\"bun\",\"fries\"]}");
    free(r.body);
    /* Cola wasted down to 0 joins; fries back above its floor when stock arrives. */
    CHECK_EQ_INT(adjust(3, "waste", "cola", 1, "dropped", NULL), 201);
    CHECK_EQ_INT(adjust(4, "received", "fries", 1, "delivery", NULL), 201);
    soldout(NULL, &r);
    CHECK_EQ_STR(r.body, "{\"store\":\"riyadh-01\",\"items\":[\"bun\",\"cola\"]}");
    free(r.body);
    /* Over HTTP with a kiosk's token; other stores have none. */
    CHECK_EQ_INT(get("/v1/stock/soldout?store=jeddah-01", KITCHEN_TOKEN, &a), 200);
    CHECK_EQ_STR(a.body, "{\"store\":\"jeddah-01\",\"items\":[]}");
    CHECK_EQ_INT(get("/v1/stock/soldout", KITCHEN_TOKEN, &a), 400);
    CHECK_EQ_INT(get("/v1/stock/soldout?store=" STORE, NULL, &a), 401);
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"sale_moves_stock_once", test_sale_moves_stock_once},
        {"refund_puts_back_once", test_refund_puts_back_once},
        {"sale_below_zero_recorded", test_sale_below_zero_recorded},
        {"adjustments_idempotent", test_adjustments_idempotent},
        {"stock_api", test_stock_api},
        {"recipes", test_recipes},
        {"alerts_and_reorder", test_alerts_and_reorder},
        {"sold_out_from_stock", test_sold_out_from_stock},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
