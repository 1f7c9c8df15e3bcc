/*
 * Stock reservations of another sales channel (POST /v1/stock/reservations,
 * kiosk/docs/backend-api.md, "Reservations"): a hold is all or nothing and
 * never takes stock below the sold-out floor, a repeat answers as before, a
 * confirmation sells once, a release or an expiry frees the hold, a
 * confirmation and a release each have one audit row (the channel as
 * actor) and an expiry none, the
 * kiosks' sold-out list counts holds, a kiosk sale is recorded whatever is
 * held, and of two channels racing for the last item exactly one wins
 * (threads, each with its own connection). Bad bodies and wrong tokens are
 * refused with a clear answer. A confirmation that says what the shop
 * charged is a sale in every sales report, under the channel, once.
 *
 * Run once per store: `test_backend_reservation` on SQLite files (ctest
 * unit.backend_reservation), `test_backend_reservation --pg` on the
 * PostgreSQL server of KIOSK_TEST_PG (unit.backend_reservation_pg), each
 * case in a fresh schema.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <time.h>

#include "kiosk/backend/backend_reservation.h"
#include "kiosk/backend/backend_stock.h"

#define MANAGER_TOKEN "mgr-Qw8Er3Ty6Ui1Op4As7Df2Gh5Jk9Lz"
#define SHOP_TOKEN "shop-Vn4Bc7Xz1Mq8Wr5Ty2Ui9Op6As3Df"
#define APP_TOKEN "app-Gh2Jk5Lz8Qw1Er4Ty7Ui0Op3As6Df9"
#define JEDDAH_TOKEN "jed-Lp3Ks6Jd9Hf2Gx5Cv8Bn1Mq4Wz7Er0"
#define STORE "riyadh-01"
#define RESERVATIONS "/v1/stock/reservations"
/* Level of an item without a stock record. */
#define UNTRACKED INT64_MIN

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static char database[4200]; /* the running backend's */

/*
 * The backend on a fresh database name (a SQLite file, or a schema with
 * --pg); STORE sells the menu file menu (NULL: STORE has no menu).
 */
static bool start_selling(const char *name, const char *menu)
{
    static ks_backend_config cfg;
    char ini[PATH_MAX + 1024];
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN "\n"
             "[channels]\nweb-shop = " SHOP_TOKEN "\napp = " APP_TOKEN " " STORE " jeddah-01\n"
             "jeddah-shop = " JEDDAH_TOKEN " jeddah-01\n%s%s%s",
             menu ? "[menus]\n" STORE " = " : "", menu ? menu : "", menu ? "\n" : "");
    return backend_start_ini(&run, &cfg, pg, name, ini, database, sizeof database);
}

static bool start(const char *name)
{
    return start_selling(name, NULL);
}

/* A reservation id from n into id: 7e5e0000-0000-4000-8000-0000000002NN. */
static const char *reservation_id_into(unsigned n, char id[37])
{
    snprintf(id, 37, "7e5e0000-0000-4000-8000-0000000002%02u", n % 100);
    return id;
}

/* The same in static storage: the main thread's only (the racers have their own). */
static const char *reservation_id(unsigned n)
{
    static char id[37];
    return reservation_id_into(n, id);
}

/* METHOD path with token and body (NULL: none); the status, the answer in *a. */
static long call(const char *method, const char *path, const char *token, const char *body,
                 struct http_reply *a)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", run.base, path);
    kitchen_http(method, url, token, NULL, body, body ? strlen(body) : 0, a);
    return a->status;
}

/* POSTs goods received of item at STORE (request n) with the manager's token; the status. */
static long receive(unsigned n, const char *item, int64_t quantity)
{
    char body[512];
    struct http_reply a;
    snprintf(
        body, sizeof body,
        "{\"request_id\":\"5eed0000-0000-4000-8000-0000000003%02u\",\"store_id\":\"" STORE
        "\",\"item_id\":\"%s\",\"kind\":\"received\",\"quantity\":%lld,\"reason\":\"delivery\","
        "\"person\":\"Amal\"}",
        n % 100, item, (long long)quantity);
    return call("POST", "/v1/stock/adjustments", MANAGER_TOKEN, body, &a);
}

/* Sets item's sold-out floor at STORE; the status. */
static long floor_at(const char *item, int64_t sold_out_at)
{
    char body[256];
    struct http_reply a;
    snprintf(body, sizeof body,
             "{\"store_id\":\"" STORE "\",\"item_id\":\"%s\",\"low_at\":0,\"sold_out_at\":%lld}",
             item, (long long)sold_out_at);
    return call("POST", "/v1/stock/thresholds", MANAGER_TOKEN, body, &a);
}

/* The newest audit row as "actor/role/action/store/target/before/after (N rows)" into out. */
static const char *last_audit(char *out, size_t cap)
{
    json_t *rows = NULL;
    if (ks_backend_store_audit(run.store, "", 100, &rows) != KS_DB_OK)
        return "the audit log does not read";
    json_t *row = json_array_get(rows, 0);
    snprintf(out, cap, "%s/%s/%s/%s/%s/%s/%s (%zu row%s)",
             json_string_value(json_object_get(row, "actor")),
             json_string_value(json_object_get(row, "role")),
             json_string_value(json_object_get(row, "action")),
             json_string_value(json_object_get(row, "store_id")),
             json_string_value(json_object_get(row, "target")),
             json_string_value(json_object_get(row, "before_summary")),
             json_string_value(json_object_get(row, "after_summary")), json_array_size(rows),
             json_array_size(rows) == 1 ? "" : "s");
    json_decref(rows);
    return out;
}

/* POSTs reservation n of lines "[...]" (hold_seconds default) with token; the status. */
static long reserve(const char *token, unsigned n, const char *lines, struct http_reply *a)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"reservation_id\":\"%s\",\"store_id\":\"" STORE "\",\"lines\":%s}",
             reservation_id(n), lines);
    return call("POST", RESERVATIONS, token, body, a);
}

/* POSTs .../<reservation n><suffix> (GET when suffix is ""); the status. */
static long on_reservation(const char *token, unsigned n, const char *suffix, struct http_reply *a)
{
    char path[128];
    snprintf(path, sizeof path, RESERVATIONS "/%s%s", reservation_id(n), suffix);
    return call(suffix[0] ? "POST" : "GET", path, token, NULL, a);
}

/* The member name of the JSON answer a as text ("" when absent or not a string). */
static const char *member(const struct http_reply *a, const char *name, char *out, size_t cap)
{
    json_t *root = json_loads(a->body, 0, NULL);
    snprintf(out, cap, "%s",
             json_string_value(json_object_get(root, name))
                 ? json_string_value(json_object_get(root, name))
                 : "");
    json_decref(root);
    return out;
}

/* The level of item at STORE (UNTRACKED when none). */
static int64_t level(const char *item)
{
    return backend_stock_level(run.store, STORE, item);
}

/* The number of item's moves at STORE of reason. */
static size_t moves_of(const char *item, const char *reason)
{
    json_t *rows = NULL;
    size_t n = 0, i;
    json_t *row;
    if (ks_backend_store_stock_moves(run.store, STORE, item, 100, &rows) != KS_DB_OK)
        return 999;
    json_array_foreach (rows, i, row) {
        n += strcmp(json_string_value(json_object_get(row, "reason")), reason) == 0;
    }
    json_decref(rows);
    return n;
}

/* item's newest move at STORE as "quantity reason person ref" into out[cap]. */
static const char *last_move(const char *item, char *out, size_t cap)
{
    json_t *rows = NULL;
    out[0] = '\0';
    json_t *move = ks_backend_store_stock_moves(run.store, STORE, item, 1, &rows) == KS_DB_OK
                       ? json_array_get(rows, 0)
                       : NULL;
    if (move && json_object_get(move, "reason")) {
        snprintf(out, cap, "%lld %s %s %s",
                 (long long)json_integer_value(json_object_get(move, "quantity")),
                 json_string_value(json_object_get(move, "reason")),
                 json_string_value(json_object_get(move, "person")),
                 json_string_value(json_object_get(move, "ref")));
    }
    json_decref(rows);
    return out;
}

/* STORE's sold-out list at now, as compact JSON in out[cap]. */
static const char *soldout(int64_t now, char *out, size_t cap)
{
    json_t *items = NULL;
    out[0] = '\0';
    if (ks_backend_store_stock_soldout(run.store, STORE, now, &items) == KS_DB_OK) {
        char *text = json_dumps(items, JSON_COMPACT);
        snprintf(out, cap, "%s", text ? text : "");
        free(text);
    }
    json_decref(items);
    return out;
}

/* POSTs .../<reservation n>/confirm with body (a channel's sale; NULL: none); the status. */
static long confirm_with(unsigned n, const char *body, struct http_reply *a)
{
    char path[128];
    snprintf(path, sizeof path, RESERVATIONS "/%s/confirm", reservation_id(n));
    return call("POST", path, SHOP_TOKEN, body, a);
}

/*
 * GET report?from=..&to=.. (the local dates, [backend] utc_offset_min 180,
 * from yesterday to tomorrow: the confirmations are stamped with the
 * server's clock) plus more, with the manager's token; the status.
 */
static long report_around_today(const char *report, const char *more, struct http_reply *a)
{
    char from[16], to[16], path[256];
    time_t yesterday = time(NULL) + 3 * 3600 - 86400, tomorrow = yesterday + 2 * 86400;
    struct tm tm;
    strftime(from, sizeof from, "%Y-%m-%d", gmtime_r(&yesterday, &tm));
    strftime(to, sizeof to, "%Y-%m-%d", gmtime_r(&tomorrow, &tm));
    snprintf(path, sizeof path, "/v1/reports/%s?from=%s&to=%s%s", report, from, to, more);
    return call("GET", path, MANAGER_TOKEN, NULL, a);
}

static void test_reserve_confirm_once(void)
{
    CHECK(start("rs_confirm"));
    CHECK_EQ_INT(receive(1, "cola", 5), 201);
    struct http_reply a, b;
    char text[256];
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1, "[{\"item_id\":\"cola\",\"quantity\":3}]", &a), 201);
    CHECK_EQ_STR(member(&a, "state", text, sizeof text), "reserved");
    CHECK_CONTAINS(a.body, "\"lines\":[{\"item_id\":\"cola\",\"quantity\":3}]");
    /* The same request again, spelled otherwise: the same answer, 200. */
    char body[512];
    snprintf(body, sizeof body,
             "{ \"lines\": [{\"quantity\": 3, \"item_id\": \"cola\"}], \"hold_seconds\": 900,"
             " \"store_id\": \"" STORE "\", \"reservation_id\": \"%s\" }",
             reservation_id(1));
    CHECK_EQ_INT(call("POST", RESERVATIONS, SHOP_TOKEN, body, &b), 200);
    CHECK_EQ_STR(b.body, a.body);
    /* Another request under its id, or the same from another channel: 409, nothing held. */
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1, "[{\"item_id\":\"cola\",\"quantity\":2}]", &b), 409);
    CHECK_CONTAINS(b.body, "reservation_id");
    CHECK_EQ_INT(reserve(APP_TOKEN, 1, "[{\"item_id\":\"cola\",\"quantity\":3}]", &b), 409);
    CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 1, "", &b), 200);
    CHECK_EQ_STR(b.body, a.body);
    /* Another channel does not see it. */
    CHECK_EQ_INT(on_reservation(APP_TOKEN, 1, "", &b), 404);
    CHECK_EQ_INT(on_reservation(APP_TOKEN, 1, "/confirm", &b), 404);
    CHECK_EQ_INT(level("cola"), 5);
    /* The store's levels show the hold beside what is on hand. */
    CHECK_EQ_INT(call("GET", "/v1/stock?store=" STORE, MANAGER_TOKEN, NULL, &b), 200);
    CHECK_CONTAINS(b.body, "\"item_id\":\"cola\",\"on_hand\":5,\"low_at\":0,\"held\":3}");
    /* Confirmed: one sale of 3 by web-shop under the reservation's id; again: no second move. */
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 1, "/confirm", &b), 200);
        CHECK_EQ_STR(member(&b, "state", text, sizeof text), "confirmed");
        CHECK_EQ_INT(level("cola"), 2);
        CHECK_EQ_INT(moves_of("cola", "sale"), 1);
    }
    char move[128];
    CHECK_EQ_STR(last_move("cola", move, sizeof move),
                 "-3 sale web-shop 7e5e0000-0000-4000-8000-000000000201");
    /* One audit row of the sale, the channel as actor, however often it was confirmed. */
    CHECK_EQ_STR(last_audit(text, sizeof text),
                 "web-shop/channel/reservation.confirm/" STORE
                 "/7e5e0000-0000-4000-8000-000000000201"
                 "/reserved/confirmed lines=cola:3 (2 rows)"); /* and the goods received */
    /* A sale is refunded, not released. */
    CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 1, "/release", &b), 409);
    CHECK_CONTAINS(b.body, "\"state\":\"confirmed\"");
    CHECK_EQ_INT(level("cola"), 2);
    CHECK_EQ_INT(call("GET", "/v1/stock?store=" STORE, MANAGER_TOKEN, NULL, &b), 200);
    CHECK_CONTAINS(b.body, "\"item_id\":\"cola\",\"on_hand\":2,\"low_at\":0,\"held\":0}");
    CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 2, "/confirm", &b), 404);
    backend_run_stop(&run);
}

static void test_short_all_or_nothing(void)
{
    CHECK(start("rs_short"));
    CHECK_EQ_INT(receive(1, "cola", 5), 201);
    CHECK_EQ_INT(receive(2, "fries", 10), 201);
    CHECK_EQ_INT(floor_at("cola", 2), 200);
    struct http_reply a;
    /* Cola: 5 on hand, floor 2: 3 can be held, not 4. */
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1,
                         "[{\"item_id\":\"fries\",\"quantity\":4},"
                         "{\"item_id\":\"cola\",\"quantity\":4}]",
                         &a),
                 409);
    CHECK_EQ_STR(a.body, "{\"error\":\"not enough stock\",\"path\":\"lines\",\"short\":"
                         "[{\"item_id\":\"cola\",\"quantity\":4,\"available\":3}]}");
    /* Nothing was held: all ten fries can still be. */
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 2, "[{\"item_id\":\"fries\",\"quantity\":10}]", &a), 201);
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 3, "[{\"item_id\":\"cola\",\"quantity\":3}]", &a), 201);
    CHECK_EQ_INT(reserve(APP_TOKEN, 4, "[{\"item_id\":\"cola\",\"quantity\":1}]", &a), 409);
    CHECK_CONTAINS(a.body, "\"available\":0");
    /* The refused id is free: once stock arrives, the same request holds. */
    CHECK_EQ_INT(receive(3, "cola", 1), 201);
    CHECK_EQ_INT(reserve(APP_TOKEN, 4, "[{\"item_id\":\"cola\",\"quantity\":1}]", &a), 201);
    /* An item of which no stock is kept here: 422, nothing held. */
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 5,
                         "[{\"item_id\":\"bun\",\"quantity\":1},"
                         "{\"item_id\":\"fries\",\"quantity\":0}]",
                         &a),
                 400);
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 5, "[{\"item_id\":\"bun\",\"quantity\":1}]", &a), 422);
    CHECK_EQ_STR(a.body, "{\"error\":\"no stock is kept of these items here\",\"path\":\"lines\","
                         "\"untracked\":[\"bun\"]}");
    CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 5, "", &a), 404);
    backend_run_stop(&run);
}

/* Holds req's one line of item at now on store; the result. */
static enum ks_reservation_result hold(ks_backend_store *store, unsigned n, const char *item,
                                       int64_t quantity, int64_t hold_seconds, int64_t now)
{
    ks_reservation_request req = {.n_lines = 1, .hold_seconds = hold_seconds};
    reservation_id_into(n, req.reservation_id); /* racing threads call this too */
    snprintf(req.store_id, sizeof req.store_id, STORE);
    snprintf(req.lines[0].item_id, sizeof req.lines[0].item_id, "%s", item);
    req.lines[0].quantity = quantity;
    enum ks_reservation_result result = KS_RESERVATION_CONFLICT;
    json_t *view = NULL;
    if (ks_backend_store_reserve(store, "web-shop", &req, now, &result, &view) != KS_DB_OK)
        result = KS_RESERVATION_CONFLICT;
    json_decref(view);
    return result;
}

/* Ends reservation n as end at now; the result, the view's state in state[32]. */
static enum ks_reservation_result end_at(unsigned n, enum ks_reservation_end end, int64_t now,
                                         char state[32])
{
    enum ks_reservation_result result = KS_RESERVATION_NOT_FOUND;
    json_t *view = NULL;
    if (ks_backend_store_reservation_end(run.store, "web-shop", reservation_id(n), end, NULL, now,
                                         &result, &view) != KS_DB_OK)
        result = KS_RESERVATION_NOT_FOUND;
    snprintf(state, 32, "%s",
             json_string_value(json_object_get(view, "state"))
                 ? json_string_value(json_object_get(view, "state"))
                 : "");
    json_decref(view);
    return result;
}

static void test_expiry_and_release(void)
{
    CHECK(start("rs_expiry"));
    CHECK_EQ_INT(receive(1, "cola", 2), 201);
    char list[256], state[32];
    const int64_t t = KITCHEN_NOON;
    CHECK_EQ_INT(hold(run.store, 1, "cola", 2, 60, t), KS_RESERVATION_DONE);
    /* Held: the kiosks see cola sold out, no other hold takes it, until the hold's time is up. */
    CHECK_EQ_STR(soldout(t + 59, list, sizeof list), "[\"cola\"]");
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "cola", t + 59, "held"), 2);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "cola", t + 60, "held"), 0);
    CHECK_EQ_INT(hold(run.store, 2, "cola", 1, 60, t + 59), KS_RESERVATION_SHORT);
    CHECK_EQ_STR(soldout(t + 60, list, sizeof list), "[]");
    CHECK_EQ_INT(hold(run.store, 2, "cola", 1, 60, t + 60), KS_RESERVATION_DONE);
    /* The expired hold cannot be confirmed; it is written expired; its release is a repeat. */
    CHECK_EQ_INT(end_at(1, KS_RESERVATION_CONFIRM, t + 61, state), KS_RESERVATION_ENDED);
    CHECK_EQ_STR(state, "expired");
    CHECK_EQ_INT(end_at(1, KS_RESERVATION_RELEASE, t + 62, state), KS_RESERVATION_REPEAT);
    CHECK_EQ_STR(state, "expired");
    CHECK_EQ_INT(level("cola"), 2);
    CHECK_EQ_INT(moves_of("cola", "sale"), 0);
    /* A repeat of the expired request answers as stored, and holds nothing new. */
    CHECK_EQ_INT(hold(run.store, 1, "cola", 2, 60, t + 63), KS_RESERVATION_REPEAT);
    /* Released: freed at once, for another hold; confirming it afterwards is refused. */
    CHECK_EQ_INT(end_at(2, KS_RESERVATION_RELEASE, t + 64, state), KS_RESERVATION_DONE);
    CHECK_EQ_STR(state, "released");
    CHECK_EQ_INT(end_at(2, KS_RESERVATION_RELEASE, t + 65, state), KS_RESERVATION_REPEAT);
    char row[512];
    CHECK_EQ_STR(last_audit(row, sizeof row),
                 "web-shop/channel/reservation.release/" STORE
                 "/7e5e0000-0000-4000-8000-000000000202"
                 "/reserved/released lines=cola:1 (2 rows)"); /* with the goods received; an expiry
                                                                 is no one's change */
    CHECK_EQ_INT(end_at(2, KS_RESERVATION_CONFIRM, t + 65, state), KS_RESERVATION_ENDED);
    CHECK_EQ_INT(hold(run.store, 3, "cola", 2, 900, t + 66), KS_RESERVATION_DONE);
    CHECK_EQ_INT(end_at(3, KS_RESERVATION_CONFIRM, t + 900, state), KS_RESERVATION_DONE);
    CHECK_EQ_INT(level("cola"), 0);
    CHECK_EQ_INT(moves_of("cola", "sale"), 1);
    backend_run_stop(&run);
}

static void test_kiosk_sale_meets_hold(void)
{
    CHECK(start("rs_kiosk"));
    /* The fixture's order sells cola 2 (line 2); fries 2. */
    CHECK_EQ_INT(receive(1, "cola", 3), 201);
    struct http_reply a;
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1, "[{\"item_id\":\"cola\",\"quantity\":2}]", &a), 201);
    /* The kiosk's sale was paid: recorded whatever is held. */
    CHECK_EQ_INT(backend_post_order(run.base, kitchen_order(1, 0x1fu, 1, KS_SERVICE_TAKEAWAY)),
                 201);
    CHECK_EQ_INT(level("cola"), 1);
    /* No new hold takes what is gone; the one made before is kept, and its sale recorded. */
    CHECK_EQ_INT(reserve(APP_TOKEN, 2, "[{\"item_id\":\"cola\",\"quantity\":1}]", &a), 409);
    CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 1, "/confirm", &a), 200);
    CHECK_EQ_INT(level("cola"), -1);
    backend_run_stop(&run);
}

/* One of the racers: its own connection, its own id, the last piece of an item. */
struct racer {
    unsigned n;
    const char *item;
    pthread_barrier_t *start;
    enum ks_reservation_result result;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    ks_backend_store *store = ks_backend_store_open(database, NULL);
    pthread_barrier_wait(r->start);
    r->result = store ? hold(store, r->n, r->item, 1, 900, KITCHEN_NOON) : KS_RESERVATION_CONFLICT;
    ks_backend_store_close(store);
    return NULL;
}

static void test_last_item_race(void)
{
    CHECK(start("rs_race"));
    for (unsigned round = 0; round < 8; round++) {
        char item[16];
        snprintf(item, sizeof item, "tin-%u", round);
        CHECK_EQ_INT(receive(round, item, 1), 201);
        pthread_barrier_t barrier;
        pthread_barrier_init(&barrier, NULL, 2);
        struct racer racers[2] = {{10 + 2 * round, item, &barrier, KS_RESERVATION_CONFLICT},
                                  {11 + 2 * round, item, &barrier, KS_RESERVATION_CONFLICT}};
        pthread_t threads[2];
        for (int i = 0; i < 2; i++)
            CHECK(pthread_create(&threads[i], NULL, race, &racers[i]) == 0);
        for (int i = 0; i < 2; i++)
            pthread_join(threads[i], NULL);
        pthread_barrier_destroy(&barrier);
        /* Exactly one holds the tin; the other is told it is short. */
        int won =
            (racers[0].result == KS_RESERVATION_DONE) + (racers[1].result == KS_RESERVATION_DONE);
        int lost =
            (racers[0].result == KS_RESERVATION_SHORT) + (racers[1].result == KS_RESERVATION_SHORT);
        if (won != 1 || lost != 1)
            fprintf(stderr, "  round %u: results %d and %d\n", round, (int)racers[0].result,
                    (int)racers[1].result);
        CHECK_EQ_INT(won, 1);
        CHECK_EQ_INT(lost, 1);
    }
    backend_run_stop(&run);
}

/* POSTs the recipe of item with ingredients "[...]" (manager); the status. */
static long put_recipe(const char *item, const char *ingredients)
{
    char body[512];
    struct http_reply a;
    snprintf(body, sizeof body, "{\"item_id\":\"%s\",\"ingredients\":%s}", item, ingredients);
    return call("POST", "/v1/stock/recipes", MANAGER_TOKEN, body, &a);
}

/* The members "lines" and "holds" of the reservation view a, as compact JSON in out[cap]. */
static const char *lines_and_holds(const struct http_reply *a, char *out, size_t cap)
{
    json_t *root = json_loads(a->body, 0, NULL);
    json_t *both = json_pack("{s:O?, s:O?}", "lines", json_object_get(root, "lines"), "holds",
                             json_object_get(root, "holds"));
    char *text = json_dumps(both, JSON_COMPACT | JSON_SORT_KEYS);
    snprintf(out, cap, "%s", text ? text : "");
    free(text);
    json_decref(both);
    json_decref(root);
    return out;
}

/* What live holds take of item at STORE now (by the server's clock). */
static int64_t held_now(const char *item)
{
    return backend_stock_value(run.store, STORE, item, (int64_t)time(NULL), "held");
}

/*
 * A meal (untracked) of a bun, a patty and salt (untracked) held online
 * holds its bun and patty, as a kiosk's sale of it takes them; the last
 * bun is held once, and the kiosks see the meal sold out while it is held.
 */
static void test_recipe_holds_ingredients(void)
{
    CHECK(start("rs_recipe"));
    CHECK_EQ_INT(put_recipe("classic-meal", "[{\"item_id\":\"beef-patty\",\"quantity\":1},"
                                            "{\"item_id\":\"bun\",\"quantity\":1},"
                                            "{\"item_id\":\"salt\",\"quantity\":2}]"),
                 200);
    CHECK_EQ_INT(put_recipe("dates", "[{\"item_id\":\"sugar\",\"quantity\":30}]"), 200);
    CHECK_EQ_INT(receive(1, "bun", 2), 201);
    CHECK_EQ_INT(receive(2, "beef-patty", 5), 201);
    CHECK_EQ_INT(receive(3, "cola", 5), 201);
    struct http_reply a;
    char text[512];
    static const char meal[] = "[{\"item_id\":\"classic-meal\",\"quantity\":1}]";
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1,
                         "[{\"item_id\":\"classic-meal\",\"quantity\":1},"
                         "{\"item_id\":\"cola\",\"quantity\":2}]",
                         &a),
                 201);
    CHECK_EQ_STR(lines_and_holds(&a, text, sizeof text),
                 "{\"holds\":[{\"item_id\":\"beef-patty\",\"quantity\":1},"
                 "{\"item_id\":\"bun\",\"quantity\":1},{\"item_id\":\"cola\",\"quantity\":2}],"
                 "\"lines\":[{\"item_id\":\"classic-meal\",\"quantity\":1},"
                 "{\"item_id\":\"cola\",\"quantity\":2}]}");
    CHECK_EQ_INT(held_now("bun"), 1);
    CHECK_EQ_INT(held_now("beef-patty"), 1);
    char list[256];
    CHECK_EQ_STR(soldout(time(NULL), list, sizeof list), "[]");
    /* The second meal holds the last bun: the kiosks see the bun and the meal sold out. */
    CHECK_EQ_INT(reserve(APP_TOKEN, 2, meal, &a), 201);
    CHECK_EQ_STR(soldout(time(NULL), list, sizeof list), "[\"bun\",\"classic-meal\"]");
    /* No third meal, nor the bun alone: the short item is the ingredient. */
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 3, meal, &a), 409);
    CHECK_EQ_STR(a.body, "{\"error\":\"not enough stock\",\"path\":\"lines\",\"short\":"
                         "[{\"item_id\":\"bun\",\"quantity\":1,\"available\":0}]}");
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 3, "[{\"item_id\":\"bun\",\"quantity\":1}]", &a), 409);
    /* Released: the bun is back for the kiosks and for another hold. */
    CHECK_EQ_INT(on_reservation(APP_TOKEN, 2, "/release", &a), 200);
    CHECK_EQ_STR(soldout(time(NULL), list, sizeof list), "[]");
    CHECK_EQ_INT(held_now("bun"), 1);
    /* Confirmed three times: the bun, the patty and the colas leave stock once; no meal moves. */
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 1, "/confirm", &a), 200);
        CHECK_EQ_INT(level("bun"), 1);
        CHECK_EQ_INT(level("beef-patty"), 4);
        CHECK_EQ_INT(level("cola"), 3);
        CHECK_EQ_INT(moves_of("bun", "sale"), 1);
        CHECK_EQ_INT(moves_of("beef-patty", "sale"), 1);
    }
    CHECK_EQ_INT(level("classic-meal"), UNTRACKED);
    CHECK_EQ_INT(level("salt"), UNTRACKED);
    CHECK_EQ_INT(held_now("bun"), 0);
    char move[128];
    CHECK_EQ_STR(last_move("bun", move, sizeof move),
                 "-1 sale web-shop 7e5e0000-0000-4000-8000-000000000201");
    /* A kiosk's sale of the meal takes the same: the last bun. */
    CHECK_EQ_INT(backend_post_order(run.base, kitchen_order(1, 0x1u, 1, KS_SERVICE_TAKEAWAY)), 201);
    CHECK_EQ_INT(level("bun"), 0);
    CHECK_EQ_INT(level("beef-patty"), 3);
    CHECK_EQ_STR(soldout(time(NULL), list, sizeof list), "[\"bun\",\"classic-meal\"]");
    /* Nothing of the dates (their sugar untracked) nor of water is counted here: 422, whatever
     * else the request holds. */
    CHECK_EQ_INT(receive(4, "bun", 3), 201);
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 4,
                         "[{\"item_id\":\"classic-meal\",\"quantity\":1},"
                         "{\"item_id\":\"dates\",\"quantity\":500},"
                         "{\"item_id\":\"water\",\"quantity\":1}]",
                         &a),
                 422);
    CHECK_EQ_STR(a.body, "{\"error\":\"no stock is kept of these items here\",\"path\":\"lines\","
                         "\"untracked\":[\"dates\",\"water\"]}");
    CHECK_EQ_INT(held_now("bun"), 0);
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 4, meal, &a), 201);
    CHECK_EQ_INT(held_now("bun"), 1);
    backend_run_stop(&run);
}

/*
 * Mixed nuts, sold by the kilogram in the store's menu, made of almonds,
 * cashews and walnuts per kilogram: 500 g held online hold half of each
 * ingredient's kilogram quantity, in grams, as a kiosk's sale of 500 g
 * takes (not 500 times it, as per piece). Confirmed with its price, the
 * sale is 500 g of the menu's item in the best sellers, unit kg.
 */
static void test_weighed_recipe_holds_per_kilogram(void)
{
    char menu[PATH_MAX];
    snprintf(menu, sizeof menu, "%s",
             check_path(check_source_dir(), "assets/menus/supermarket.json"));
    CHECK(start_selling("rs_weighed", menu));
    CHECK_EQ_INT(put_recipe("mixed-nuts", "[{\"item_id\":\"almonds\",\"quantity\":400},"
                                          "{\"item_id\":\"cashews\",\"quantity\":300},"
                                          "{\"item_id\":\"walnuts\",\"quantity\":300}]"),
                 200);
    CHECK_EQ_INT(receive(1, "almonds", 5000), 201);
    CHECK_EQ_INT(receive(2, "cashews", 5000), 201);
    CHECK_EQ_INT(receive(3, "walnuts", 5000), 201);
    struct http_reply a;
    char text[512];
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1, "[{\"item_id\":\"mixed-nuts\",\"quantity\":500}]", &a),
                 201);
    CHECK_EQ_STR(lines_and_holds(&a, text, sizeof text),
                 "{\"holds\":[{\"item_id\":\"almonds\",\"quantity\":200},"
                 "{\"item_id\":\"cashews\",\"quantity\":150},"
                 "{\"item_id\":\"walnuts\",\"quantity\":150}],"
                 "\"lines\":[{\"item_id\":\"mixed-nuts\",\"quantity\":500}]}");
    CHECK_EQ_INT(held_now("almonds"), 200);
    /* Sold for 42.50 SAR: the best sellers count 500 g under the menu's names, unit kg. */
    CHECK_EQ_INT(confirm_with(1,
                              "{\"lines\":[{\"item_id\":\"mixed-nuts\",\"quantity\":500,"
                              "\"net\":3696,\"vat\":554,\"gross\":4250}],"
                              "\"payment_method\":\"online_card\"}",
                              &a),
                 200);
    CHECK_EQ_INT(report_around_today("items", "", &a), 200);
    CHECK_CONTAINS(a.body, "{\"item_id\":\"mixed-nuts\",\"name_en\":\"Mixed Nuts\","
                           "\"name_ar\":\"مكسرات مشكلة\",\"unit\":\"kg\",\"quantity\":500,"
                           "\"orders\":1,\"net\":3696,\"vat\":554,\"revenue\":4250}");
    CHECK_EQ_INT(level("almonds"), 4800);
    CHECK_EQ_INT(level("cashews"), 4850);
    CHECK_EQ_INT(level("walnuts"), 4850);
    backend_run_stop(&run);
}

/*
 * A recipe changed while a hold is open: the hold keeps what it held and
 * its confirmation sells that; sales and holds made after the change take
 * the new recipe. An expired hold gives its ingredients back.
 */
static void test_recipe_change_keeps_hold(void)
{
    CHECK(start("rs_recipe_change"));
    CHECK_EQ_INT(put_recipe("classic-meal", "[{\"item_id\":\"beef-patty\",\"quantity\":1},"
                                            "{\"item_id\":\"bun\",\"quantity\":1}]"),
                 200);
    CHECK_EQ_INT(receive(1, "bun", 10), 201);
    CHECK_EQ_INT(receive(2, "beef-patty", 10), 201);
    CHECK_EQ_INT(receive(3, "cheddar", 10), 201);
    const int64_t t = KITCHEN_NOON;
    CHECK_EQ_INT(hold(run.store, 1, "classic-meal", 2, 900, t), KS_RESERVATION_DONE);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "beef-patty", t + 1, "held"), 2);
    /* A double patty and cheddar from now on. */
    CHECK_EQ_INT(put_recipe("classic-meal", "[{\"item_id\":\"beef-patty\",\"quantity\":2},"
                                            "{\"item_id\":\"bun\",\"quantity\":1},"
                                            "{\"item_id\":\"cheddar\",\"quantity\":1}]"),
                 200);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "beef-patty", t + 1, "held"), 2);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "cheddar", t + 1, "held"), 0);
    /* Its repeat is a repeat, still of what it held. */
    CHECK_EQ_INT(hold(run.store, 1, "classic-meal", 2, 900, t + 1), KS_RESERVATION_REPEAT);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "beef-patty", t + 1, "held"), 2);
    /* A new hold takes the new recipe. */
    CHECK_EQ_INT(hold(run.store, 2, "classic-meal", 1, 60, t + 10), KS_RESERVATION_DONE);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "beef-patty", t + 11, "held"), 4);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "cheddar", t + 11, "held"), 1);
    /* Confirmed: the sale of what was held (2 patties, 2 buns, no cheddar). */
    char state[32];
    CHECK_EQ_INT(end_at(1, KS_RESERVATION_CONFIRM, t + 20, state), KS_RESERVATION_DONE);
    CHECK_EQ_INT(level("beef-patty"), 8);
    CHECK_EQ_INT(level("bun"), 8);
    CHECK_EQ_INT(level("cheddar"), 10);
    CHECK_EQ_INT(end_at(1, KS_RESERVATION_CONFIRM, t + 21, state), KS_RESERVATION_REPEAT);
    CHECK_EQ_INT(level("beef-patty"), 8);
    /* The second hold expires: its ingredients are free again, and it sells nothing. */
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "beef-patty", t + 69, "held"), 2);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "beef-patty", t + 70, "held"), 0);
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "cheddar", t + 70, "held"), 0);
    CHECK_EQ_INT(end_at(2, KS_RESERVATION_CONFIRM, t + 71, state), KS_RESERVATION_ENDED);
    CHECK_EQ_STR(state, "expired");
    CHECK_EQ_INT(level("cheddar"), 10);
    /* A kiosk's sale now takes the new recipe. */
    CHECK_EQ_INT(backend_post_order(run.base, kitchen_order(1, 0x1u, 1, KS_SERVICE_TAKEAWAY)), 201);
    CHECK_EQ_INT(level("beef-patty"), 6);
    CHECK_EQ_INT(level("bun"), 7);
    CHECK_EQ_INT(level("cheddar"), 9);
    backend_run_stop(&run);
}

static void test_refusals(void)
{
    CHECK(start("rs_refused"));
    CHECK_EQ_INT(receive(1, "cola", 5), 201);
    struct http_reply a;
    static const char line[] = "[{\"item_id\":\"cola\",\"quantity\":1}]";
    /* Only a channel's token; a channel's token opens nothing else. */
    CHECK_EQ_INT(reserve(NULL, 1, line, &a), 401);
    CHECK_EQ_INT(reserve(KITCHEN_TOKEN, 1, line, &a), 403);
    CHECK_EQ_INT(reserve(MANAGER_TOKEN, 1, line, &a), 403);
    /* A channel of other stores reserves nothing here. */
    CHECK_EQ_INT(reserve(JEDDAH_TOKEN, 1, line, &a), 403);
    CHECK_EQ_STR(a.body,
                 "{\"error\":\"this channel does not sell at that store\",\"path\":\"store_id\"}");
    CHECK_EQ_INT(backend_stock_value(run.store, STORE, "cola", 0, "held"), 0);
    CHECK_EQ_INT(call("GET", "/v1/stock?store=" STORE, SHOP_TOKEN, NULL, &a), 403);
    CHECK_EQ_INT(call("GET", "/v1/stock/soldout?store=" STORE, SHOP_TOKEN, NULL, &a), 403);
    CHECK_EQ_INT(call("POST", "/v1/orders", SHOP_TOKEN, "{}", &a), 403);
    CHECK_EQ_INT(
        call("GET", RESERVATIONS "/7E5E0000-0000-4000-8000-000000000201", SHOP_TOKEN, NULL, &a),
        404);
    CHECK_EQ_INT(call("GET", RESERVATIONS "/7e5e0000-0000-4000-8000-000000000201/confirm",
                      SHOP_TOKEN, NULL, &a),
                 405);
    static const struct {
        const char *body, *path;
    } refused[] = {
        {"[]", "\"path\":\"\""},
        {"{\"reservation_id\":\"x\",\"store_id\":\"" STORE "\",\"lines\":[]}", "reservation_id"},
        {"{\"reservation_id\":\"7e5e0000-0000-4000-8000-000000000201\",\"store_id\":\"Riyadh\","
         "\"lines\":[]}",
         "store_id"},
        {"{\"reservation_id\":\"7e5e0000-0000-4000-8000-000000000201\",\"store_id\":\"" STORE
         "\",\"lines\":[]}",
         "\"error\":\"must have between 1 and 50 entries (has 0)\",\"path\":\"lines\""},
        {"{\"reservation_id\":\"7e5e0000-0000-4000-8000-000000000201\",\"store_id\":\"" STORE
         "\",\"lines\":[{\"item_id\":\"cola\",\"quantity\":0}]}",
         "lines[0].quantity"},
        {"{\"reservation_id\":\"7e5e0000-0000-4000-8000-000000000201\",\"store_id\":\"" STORE
         "\",\"lines\":[{\"item_id\":\"cola\",\"quantity\":1},{\"item_id\":\"cola\","
         "\"quantity\":1}]}",
         "lines[1].item_id"},
        {"{\"reservation_id\":\"7e5e0000-0000-4000-8000-000000000201\",\"store_id\":\"" STORE
         "\",\"lines\":[{\"item_id\":\"cola\",\"quantity\":1,\"price\":5}]}",
         "lines[0].price"},
        {"{\"reservation_id\":\"7e5e0000-0000-4000-8000-000000000201\",\"store_id\":\"" STORE
         "\",\"lines\":[{\"item_id\":\"cola\",\"quantity\":1}],\"hold_seconds\":59}",
         "hold_seconds"},
        {"{\"reservation_id\":\"7e5e0000-0000-4000-8000-000000000201\",\"store_id\":\"" STORE
         "\",\"lines\":[{\"item_id\":\"cola\",\"quantity\":1}],\"hold_seconds\":3601}",
         "hold_seconds"},
    };
    for (size_t i = 0; i < CHECK_COUNT(refused); i++) {
        CHECK_EQ_INT(call("POST", RESERVATIONS, SHOP_TOKEN, refused[i].body, &a), 400);
        CHECK_CONTAINS(a.body, refused[i].path);
    }
    CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 1, "", &a), 404);
    char list[64];
    CHECK_EQ_STR(soldout(KITCHEN_NOON, list, sizeof list), "[]");
    backend_run_stop(&run);
}

/* What the shop charged for 3 colas and 1 fries, paid by card online. */
#define SHOP_SALE                                                                                  \
    "{\"lines\":[{\"item_id\":\"cola\",\"quantity\":3,\"net\":1565,\"vat\":235,\"gross\":1800},"   \
    "{\"item_id\":\"fries\",\"quantity\":1,\"net\":870,\"vat\":130,\"gross\":1000}],"              \
    "\"payment_method\":\"online_card\"}"

/*
 * A confirmation that carries what the shop charged is a sale in every
 * sales report, under the channel (by kiosk: "channel:web-shop"), once
 * however often it is sent; another sale under the confirmed id is
 * refused; a confirmation without prices moves stock only, as before.
 */
static void test_priced_confirm_counts_in_reports(void)
{
    char menu[PATH_MAX];
    snprintf(menu, sizeof menu, "%s",
             check_path(check_source_dir(), "assets/menus/restaurant.json"));
    CHECK(start_selling("rs_priced", menu));
    CHECK_EQ_INT(receive(1, "cola", 5), 201);
    CHECK_EQ_INT(receive(2, "fries", 4), 201);
    struct http_reply a;
    CHECK_EQ_INT(
        call("POST", "/v1/costs", MANAGER_TOKEN, "{\"item_id\":\"cola\",\"unit_cost\":200}", &a),
        200);
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1,
                         "[{\"item_id\":\"fries\",\"quantity\":1},"
                         "{\"item_id\":\"cola\",\"quantity\":3}]",
                         &a),
                 201);
    char text[512];
    CHECK_EQ_INT(confirm_with(1, SHOP_SALE, &a), 200);
    CHECK_EQ_STR(member(&a, "state", text, sizeof text), "confirmed");
    /* The same sale again, its lines in another order: the same answer, one sale. */
    struct http_reply b;
    CHECK_EQ_INT(
        confirm_with(1,
                     "{\"payment_method\":\"online_card\",\"lines\":[{\"item_id\":\"fries\","
                     "\"quantity\":1,\"net\":870,\"vat\":130,\"gross\":1000},{\"gross\":1800,"
                     "\"vat\":235,\"net\":1565,\"quantity\":3,\"item_id\":\"cola\"}]}",
                     &b),
        200);
    CHECK_EQ_STR(b.body, a.body);
    CHECK_EQ_INT(level("cola"), 2);
    CHECK_EQ_INT(moves_of("cola", "sale"), 1);
    /* Another sale, another method, or none, under the confirmed id: 409, nothing counted. */
    CHECK_EQ_INT(confirm_with(1,
                              "{\"lines\":[{\"item_id\":\"cola\",\"quantity\":3,\"net\":1566,"
                              "\"vat\":235,\"gross\":1801},{\"item_id\":\"fries\",\"quantity\":1,"
                              "\"net\":870,\"vat\":130,\"gross\":1000}],"
                              "\"payment_method\":\"online_card\"}",
                              &b),
                 409);
    CHECK_EQ_STR(b.body, "{\"error\":\"the reservation was confirmed with another sale\","
                         "\"path\":\"lines\"}");
    char other_method[sizeof SHOP_SALE + 16];
    snprintf(other_method, sizeof other_method, "%.*s\"wallet\"}",
             (int)(sizeof SHOP_SALE - 1 - strlen("\"online_card\"}")), SHOP_SALE);
    CHECK_EQ_INT(confirm_with(1, other_method, &b), 409);
    CHECK_EQ_INT(confirm_with(1, NULL, &b), 409);
    CHECK_EQ_STR(last_audit(text, sizeof text),
                 "web-shop/channel/reservation.confirm/" STORE
                 "/7e5e0000-0000-4000-8000-000000000201"
                 "/reserved/confirmed total=2800 online_card lines=cola:3,fries:1 (4 rows)");
    /* Reservation 2 confirmed without prices: stock only, in no sales figure. */
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 2, "[{\"item_id\":\"cola\",\"quantity\":1}]", &b), 201);
    CHECK_EQ_INT(confirm_with(2, NULL, &b), 200);
    CHECK_EQ_INT(confirm_with(2, NULL, &b), 200);
    CHECK_EQ_INT(confirm_with(2,
                              "{\"lines\":[{\"item_id\":\"cola\",\"quantity\":1,\"net\":100,"
                              "\"vat\":15,\"gross\":115}],\"payment_method\":\"wallet\"}",
                              &b),
                 409);
    CHECK_EQ_INT(level("cola"), 1);
    static const struct {
        const char *report, *more, *want;
    } reports[] = {
        {"sales", "",
         "\"kiosk_id\":\"channel:web-shop\",\"orders\":1,\"total_net\":2435,\"total_vat\":365,"
         "\"total\":2800,\"cancelled\":0,\"cancelled_total\":0,\"refunds\":0,\"refunded\":0,"
         "\"net_total\":2800}"},
        {"sales", "&group=month&by=store",
         "\"kiosk_id\":\"\",\"orders\":1,\"total_net\":2435,\"total_vat\":365,\"total\":2800,"},
        {"sales", "&group=hour",
         "\"kiosk_id\":\"channel:web-shop\",\"orders\":1,\"total_net\":2435,\"total_vat\":365,"
         "\"total\":2800,"},
        {"items", "",
         "\"rows\":[{\"item_id\":\"cola\",\"name_en\":\"Cola\",\"name_ar\":\"كولا\","
         "\"unit\":\"each\",\"quantity\":3,\"orders\":1,\"net\":1565,\"vat\":235,"
         "\"revenue\":1800},{\"item_id\":\"fries\",\"name_en\":\"French Fries\""},
        {"vat", "", "\"rows\":[{\"rate_bp\":1500,\"orders\":1,\"taxable\":2435,\"vat\":365}]"},
        {"payments", "",
         "\"rows\":[{\"method\":\"online_card\",\"brand\":\"\",\"orders\":1,\"amount\":2800,"
         "\"refunds\":0,\"refunded\":0,\"net\":2800}]"},
        {"profit", "",
         "{\"item_id\":\"cola\",\"name_en\":\"Cola\",\"name_ar\":\"كولا\",\"unit\":\"each\","
         "\"quantity\":3,\"net\":1565,\"cost\":600,\"uncosted\":0,\"margin\":965,"},
        {"profit", "", "\"item_id\":\"fries\",\"name_en\":\"French Fries\""},
        {"peak", "", "\"orders\":1,\"total\":2800}]"},
    };
    for (size_t i = 0; i < CHECK_COUNT(reports); i++) {
        CHECK_EQ_INT(report_around_today(reports[i].report, reports[i].more, &b), 200);
        CHECK_CONTAINS(b.body, reports[i].want);
    }
    /* fries has no cost: counted as such. */
    CHECK_EQ_INT(report_around_today("profit", "", &b), 200);
    CHECK_CONTAINS(b.body, "\"quantity\":1,\"net\":870,\"cost\":0,\"uncosted\":1,");
    backend_run_stop(&run);
}

/*
 * A broken sale is 400 and changes nothing: the hold stays, nothing is
 * sold or counted; the same reservation is then confirmed with a sound
 * one.
 */
static void test_priced_confirm_refusals(void)
{
    CHECK(start("rs_priced_refused"));
    CHECK_EQ_INT(receive(1, "cola", 5), 201);
    struct http_reply a;
    CHECK_EQ_INT(reserve(SHOP_TOKEN, 1, "[{\"item_id\":\"cola\",\"quantity\":3}]", &a), 201);
#define ONE_COLA(Q, NET, VAT, GROSS, METHOD)                                                       \
    "{\"lines\":[{\"item_id\":\"cola\",\"quantity\":" Q ",\"net\":" NET ",\"vat\":" VAT            \
    ",\"gross\":" GROSS "}],\"payment_method\":\"" METHOD "\"}"
    static const struct {
        const char *body, *answer;
    } refused[] = {
        {ONE_COLA("3", "1565", "235", "1801", "wallet"),
         "{\"error\":\"must be net + vat\",\"path\":\"lines[0].gross\"}"},
        {ONE_COLA("3", "1000", "200", "1200", "wallet"),
         "{\"error\":\"must be 15 % of net, to within one halala\",\"path\":\"lines[0].vat\"}"},
        {ONE_COLA("3", "1000", "148", "1148", "wallet"), "\"path\":\"lines[0].vat\""},
        {ONE_COLA("3", "-100", "-15", "-115", "wallet"), "\"path\":\"lines[0].net\""},
        {ONE_COLA("3", "1565", "235", "1800", "cash"), "\"path\":\"payment_method\""},
        {ONE_COLA("2", "1565", "235", "1800", "wallet"),
         "{\"error\":\"must be the reservation's lines, each with its quantity\","
         "\"path\":\"lines\"}"},
        {"{\"lines\":[{\"item_id\":\"fries\",\"quantity\":3,\"net\":0,\"vat\":0,\"gross\":0}],"
         "\"payment_method\":\"wallet\"}",
         "\"path\":\"lines\""},
        {"{\"lines\":[{\"item_id\":\"cola\",\"quantity\":3,\"net\":0,\"vat\":0,\"gross\":0},"
         "{\"item_id\":\"fries\",\"quantity\":1,\"net\":0,\"vat\":0,\"gross\":0}],"
         "\"payment_method\":\"wallet\"}",
         "\"path\":\"lines\""},
        {"{\"lines\":[{\"item_id\":\"cola\",\"quantity\":3,\"net\":4100000000000000000,"
         "\"vat\":615000000000000000,\"gross\":4715000000000000000},{\"item_id\":\"fries\","
         "\"quantity\":1,\"net\":4100000000000000000,\"vat\":615000000000000000,"
         "\"gross\":4715000000000000000}],\"payment_method\":\"wallet\"}",
         "{\"error\":\"the totals do not fit in 64 bits\",\"path\":\"lines\"}"},
        {"{\"lines\":[],\"payment_method\":\"wallet\"}", "\"path\":\"lines\""},
        {"{\"payment_method\":\"wallet\"}", "{\"error\":\"missing member \\\"lines\\\"\""},
        {"{\"lines\":[{\"item_id\":\"cola\",\"quantity\":3,\"net\":1565,\"vat\":235,"
         "\"gross\":1800}]}",
         "missing member \\\"payment_method\\\""},
        {"{\"lines\":[{\"item_id\":\"cola\",\"quantity\":3,\"net\":1565,\"vat\":235,"
         "\"gross\":1800,\"price\":600}],\"payment_method\":\"wallet\"}",
         "\"path\":\"lines[0].price\""},
        {"null", "\"path\":\"\""},
    };
    for (size_t i = 0; i < CHECK_COUNT(refused); i++) {
        CHECK_EQ_INT(confirm_with(1, refused[i].body, &a), 400);
        CHECK_CONTAINS(a.body, refused[i].answer);
    }
    char text[256];
    CHECK_EQ_INT(on_reservation(SHOP_TOKEN, 1, "", &a), 200);
    CHECK_EQ_STR(member(&a, "state", text, sizeof text), "reserved");
    CHECK_EQ_INT(level("cola"), 5);
    CHECK_EQ_INT(report_around_today("sales", "", &a), 200);
    CHECK_CONTAINS(a.body, "\"rows\":[]");
    /* Another channel's reservation, or none: 404, even with a sound sale. */
    CHECK_EQ_INT(confirm_with(9, ONE_COLA("3", "1565", "235", "1800", "wallet"), &a), 404);
    /* 15 % to within a halala (235 of 1566: 234.9) is sound. */
    CHECK_EQ_INT(confirm_with(1, ONE_COLA("3", "1566", "235", "1801", "cash_on_delivery"), &a),
                 200);
    CHECK_EQ_INT(level("cola"), 2);
    CHECK_EQ_INT(report_around_today("payments", "", &a), 200);
    CHECK_CONTAINS(a.body, "\"method\":\"cash_on_delivery\",\"brand\":\"\",\"orders\":1,"
                           "\"amount\":1801,");
#undef ONE_COLA
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"reserve_confirm_once", test_reserve_confirm_once},
        {"short_all_or_nothing", test_short_all_or_nothing},
        {"expiry_and_release", test_expiry_and_release},
        {"kiosk_sale_meets_hold", test_kiosk_sale_meets_hold},
        {"last_item_race", test_last_item_race},
        {"recipe_holds_ingredients", test_recipe_holds_ingredients},
        {"recipe_change_keeps_hold", test_recipe_change_keeps_hold},
        {"weighed_recipe_holds_per_kilogram", test_weighed_recipe_holds_per_kilogram},
        {"refusals", test_refusals},
        {"priced_confirm_counts_in_reports", test_priced_confirm_counts_in_reports},
        {"priced_confirm_refusals", test_priced_confirm_refusals},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
