/*
 * A chain that outgrows one machine runs several backends on one database
 * behind any load balancer (kiosk/docs/backend-api.md, "Database"): the
 * backend keeps nothing of its own beside it. Two kiosk-backend processes
 * start together on one empty database (SQLite file, or with --pg a
 * PostgreSQL schema) and every request below goes to either of them:
 *
 *   - orders: each order is sent to both instances at once, from two
 *     threads in opposite orders; it is stored exactly once (one 201, the
 *     other 200 duplicate), its stock moves once, and both answer the same
 *     levels and the same sales report;
 *   - stock: holds for the last buns, some of a bun, some of a meal whose
 *     recipe takes one, race across the instances and exactly the buns
 *     there are get held; confirmed at one, confirmed again at the other,
 *     each sells once (the meals their bun and patty);
 *   - sessions: a login at one instance works at the other, a logout at
 *     the other ends it at the first, and failed logins count at both;
 *   - prices: a store's price set at one instance is in the menu the other
 *     serves, under the same ETag;
 *   - kitchen: events of one store and month sent to both instances at
 *     once, while both answer the report per month (which writes the
 *     month's rows again), all land in it.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"

#include <jansson.h>
#include <pthread.h>
#include <time.h>

#include "tests/unit/test_programs.h"

#define MANAGER_TOKEN "mgr-Lw3Nx8Qz5Rv2Tk7Yp4Hs9Jd6Fb1Gc"
#define SHOP_TOKEN "shop-Pz6Kw1Xr4Tn9Bv2Qm7Hd5Js8Lc3Fy"
#define STORE "riyadh-01"
#define ORDERS 12
#define ALL_LINES 0x1fu

static const char *pg;          /* the PostgreSQL connection string with --pg, else NULL */
static struct http_reply reply; /* the cases' own requests (each thread has its own) */

/* The two instances: processes, and where they answer. */
static struct {
    pid_t pid[2];
    char base[2][64];
} chain;

/* Stops both instances; true when each was running and ended well. */
static bool stop(void)
{
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        ok = program_stop(chain.pid[i]) && ok;
        chain.pid[i] = 0;
    }
    return ok;
}

/* At exit, after a failed case: no instance outlives the test (ctest waits for its output). */
static void stop_left(void)
{
    CHECK(stop());
}

/* The request to instance i (the session fixture's call, at that instance). */
static long at(int i, const char *method, const char *path, const char *token, const char *session,
               const char *csrf, const char *body, struct http_reply *r)
{
    return call(chain.base[i], method, path, session, csrf, token, body, r);
}

static bool write_config(const char *path, const char *database)
{
    FILE *f = fopen(path, "w");
    bool ok = f && fprintf(f,
                           "[backend]\nlisten = 127.0.0.1:1\ndatabase = %s\n"
                           "manager_token = " MANAGER_TOKEN "\n"
                           "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " " STORE "\n"
                           "[channels]\nweb-shop = " SHOP_TOKEN "\n"
                           "[menus]\n" STORE " = %s/assets/menus/restaurant.json\n",
                           database, check_source_dir()) > 0;
    return f && fclose(f) == 0 && ok;
}

/* Both instances answer their health check (they may be migrating the database). */
static bool healthy(void)
{
    struct http_reply *r = malloc(sizeof *r);
    bool ok = r != NULL;
    for (int i = 0; ok && i < 2; i++) {
        int64_t end = check_now_ms() + CHECK_WAIT_MS;
        while (at(i, "GET", "/v1/health", NULL, NULL, NULL, NULL, r) != 200 && check_now_ms() < end)
            check_sleep_ms(50);
        ok = r->status == 200;
    }
    free(r);
    return ok;
}

/*
 * A fresh database called name and both instances started on it at the
 * same moment (so they migrate the empty database together), with hana,
 * head office, in it.
 */
static bool start(const char *name)
{
    static char database[4200], ini[4200];
    char program[4096], leaf[64];
    snprintf(leaf, sizeof leaf, "%s.ini", name);
    snprintf(ini, sizeof ini, "%s", check_path(check_tmp_dir(), leaf));
    stop();
    if (!backend_fresh_database(pg, name, database, sizeof database) ||
        !write_config(ini, database) || !program_path("kiosk-backend", program, sizeof program))
        return false;
    for (int i = 0; i < 2; i++) {
        unsigned port = program_free_port();
        char listen[32];
        snprintf(listen, sizeof listen, "127.0.0.1:%u", port);
        snprintf(chain.base[i], sizeof chain.base[i], "http://%s", listen);
        const char *argv[] = {program, "--config", ini, "--listen", listen, NULL};
        chain.pid[i] = program_start(argv);
        if (chain.pid[i] <= 0)
            return false;
    }
    if (!healthy())
        return false;
    ks_backend_store *store = ks_backend_store_open(database, NULL);
    bool added = store && add_person_to(store, "hana", KS_ROLE_HEAD_OFFICE, NULL, HANA_PW);
    ks_backend_store_close(store);
    return added;
}

/* A stock adjustment (request n) of kind and quantity of item at STORE, to instance i. */
static long adjust(int i, unsigned n, const char *kind, const char *item, int64_t quantity)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"request_id\":\"5eed0000-0000-4000-8000-0000000%05u\",\"store_id\":\"" STORE
             "\",\"item_id\":\"%s\",\"kind\":\"%s\",\"quantity\":%lld,\"reason\":\"scale test\","
             "\"person\":\"Amal\"}",
             n, item, kind, (long long)quantity);
    struct http_reply *r = malloc(sizeof *r);
    long status =
        r ? at(i, "POST", "/v1/stock/adjustments", MANAGER_TOKEN, NULL, NULL, body, r) : 0;
    free(r);
    return status;
}

/* GET path from instance i as the managers; the body (free), or NULL without a 200. */
static char *get(int i, const char *path)
{
    struct http_reply *r = malloc(sizeof *r);
    char *body = NULL;
    if (r && at(i, "GET", path, MANAGER_TOKEN, NULL, NULL, NULL, r) == 200)
        body = strdup(r->body);
    free(r);
    return body;
}

/* Both instances answer path with the same 200 body; that body (free), else NULL. */
static char *same_at_both(const char *path)
{
    char *a = get(0, path), *b = get(1, path);
    bool same = a && b && strcmp(a, b) == 0;
    if (!same)
        check_fail(__FILE__, __LINE__, "%s: %s\n  !=\n  %s", path, a ? a : "(no answer)",
                   b ? b : "(no answer)");
    free(b);
    if (!same)
        free(a);
    return same ? a : NULL;
}

/* The on_hand of item in a GET /v1/stock body; INT64_MIN when not listed. */
static int64_t on_hand(const char *stock_body, const char *item)
{
    json_t *root = json_loads(stock_body, 0, NULL), *level;
    size_t k;
    int64_t n = INT64_MIN;
    json_array_foreach (json_object_get(root, "levels"), k, level) {
        if (strcmp(json_string_value(json_object_get(level, "item_id")), item) == 0)
            n = json_integer_value(json_object_get(level, "on_hand"));
    }
    json_decref(root);
    return n;
}

/* ---- orders ---- */

struct sender {
    int first;          /* instance of the first order sent; the next goes to the other */
    bool reverse;       /* from the last order to the first */
    char *json[ORDERS]; /* borrowed */
    long status[ORDERS];
};

static void *send_orders(void *arg)
{
    struct sender *s = arg;
    struct http_reply *r = malloc(sizeof *r);
    for (int k = 0; r && k < ORDERS; k++) {
        int n = s->reverse ? ORDERS - 1 - k : k;
        s->status[n] =
            at((s->first + k) % 2, "POST", "/v1/orders", KITCHEN_TOKEN, NULL, NULL, s->json[n], r);
    }
    free(r);
    return NULL;
}

static void test_orders_once(void)
{
    CHECK(start("scale_orders"));
    /* The fixture order's items, each tracked with 1000 pieces (taken from instance 1). */
    ks_order *orders[ORDERS];
    static struct sender senders[2] = {{.first = 0}, {.first = 1, .reverse = true}};
    int64_t total = 0, sold[8] = {0};
    for (int n = 0; n < ORDERS; n++) {
        orders[n] = kitchen_order(700 + (unsigned)n, ALL_LINES, n + 1, KS_SERVICE_TAKEAWAY);
        senders[0].json[n] = senders[1].json[n] = ks_order_to_json(orders[n], NULL);
        CHECK(senders[0].json[n] != NULL);
        total += orders[n]->total;
    }
    size_t n_items = orders[0]->n_lines;
    CHECK(n_items <= 8);
    for (size_t l = 0; l < n_items; l++) {
        CHECK_EQ_INT(adjust(1, (unsigned)l, "received", orders[0]->lines[l].item_id, 1000), 201);
        for (int n = 0; n < ORDERS; n++)
            for (size_t m = 0; m < orders[n]->n_lines; m++)
                if (strcmp(orders[n]->lines[m].item_id, orders[0]->lines[l].item_id) == 0)
                    sold[l] += orders[n]->lines[m].quantity;
    }

    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        CHECK(pthread_create(&threads[t], NULL, send_orders, &senders[t]) == 0);
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    for (int n = 0; n < ORDERS; n++) {
        long a = senders[0].status[n], b = senders[1].status[n];
        if (!((a == 201 && b == 200) || (a == 200 && b == 201)))
            check_fail(__FILE__, __LINE__, "order %d: answers %ld and %ld, not one 201", n, a, b);
    }

    char *stock = same_at_both("/v1/stock?store=" STORE);
    CHECK(stock != NULL);
    for (size_t l = 0; l < n_items; l++)
        CHECK_EQ_INT(on_hand(stock, orders[0]->lines[l].item_id), 1000 - sold[l]);
    free(stock);
    char path[160];
    snprintf(path, sizeof path, "/v1/reports/sales?from=%s&to=%s&by=store",
             orders[0]->business_date, orders[0]->business_date);
    char *sales = same_at_both(path);
    CHECK(sales != NULL);
    json_t *root = json_loads(sales, 0, NULL);
    json_t *row = json_array_get(json_object_get(root, "rows"), 0);
    CHECK_EQ_INT(json_integer_value(json_object_get(row, "orders")), ORDERS);
    CHECK_EQ_INT(json_integer_value(json_object_get(row, "total")), total);
    json_decref(root);
    free(sales);
    for (int n = 0; n < ORDERS; n++) {
        free(senders[0].json[n]);
        ks_order_free(orders[n]);
    }
    CHECK(stop());
}

/* ---- kitchen events ---- */

struct kitchen_sender {
    int instance;
    int first; /* orders first, first + 2, ... */
    const int64_t *paid_at;
    long status[ORDERS];
    long reports[ORDERS];
};

/* Order n ready 60 (n + 1) s after its payment; the month's report asked after each event. */
static void *send_kitchen(void *arg)
{
    struct kitchen_sender *s = arg;
    struct http_reply *r = malloc(sizeof *r);
    for (int n = s->first; r && n < ORDERS; n += 2) {
        char uuid[37], path[96], body[96];
        fixture_uuid(700 + (unsigned)n, uuid);
        snprintf(path, sizeof path, "/v1/orders/%s/kitchen", uuid);
        snprintf(body, sizeof body, "{\"status\":\"ready\",\"at\":%lld}",
                 (long long)(s->paid_at[n] + 60 * (n + 1)));
        s->status[n] = at(s->instance, "POST", path, KITCHEN_TOKEN, NULL, NULL, body, r);
        s->reports[n] =
            at(s->instance, "GET", "/v1/reports/kitchen?from=2026-11-01&to=2026-11-30&group=month",
               MANAGER_TOKEN, NULL, NULL, NULL, r);
    }
    free(r);
    return NULL;
}

static void test_kitchen_months(void)
{
    CHECK(start("scale_kitchen"));
    int64_t paid_at[ORDERS];
    struct http_reply *r = malloc(sizeof *r);
    CHECK(r != NULL);
    for (int n = 0; n < ORDERS; n++) {
        ks_order *o = kitchen_order(700 + (unsigned)n, ALL_LINES, n + 1, KS_SERVICE_TAKEAWAY);
        char *json = ks_order_to_json(o, NULL);
        CHECK(json != NULL);
        CHECK_EQ_STR(o->business_date, "2026-11-24");
        paid_at[n] = o->updated_at;
        CHECK_EQ_INT(at(n % 2, "POST", "/v1/orders", KITCHEN_TOKEN, NULL, NULL, json, r), 201);
        free(json);
        ks_order_free(o);
    }
    free(r);
    static struct kitchen_sender senders[2] = {{.instance = 0, .first = 0},
                                               {.instance = 1, .first = 1}};
    pthread_t threads[2];
    for (int t = 0; t < 2; t++) {
        senders[t].paid_at = paid_at;
        CHECK(pthread_create(&threads[t], NULL, send_kitchen, &senders[t]) == 0);
    }
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    for (int n = 0; n < ORDERS; n++)
        if (senders[n % 2].status[n] != 201 || senders[n % 2].reports[n] != 200)
            check_fail(__FILE__, __LINE__, "order %d: event %ld, report %ld", n,
                       senders[n % 2].status[n], senders[n % 2].reports[n]);
    /* 60, 120 ... 720 s: average 390, 90th percentile (rank 11) 660. */
    char *month =
        same_at_both("/v1/reports/kitchen?from=2026-11-01&to=2026-11-30&group=month&format=csv");
    CHECK(month != NULL);
    CHECK_EQ_STR(
        month ? month : "",
        "period,store_id,station,orders,ready_avg_s,ready_p90_s,collected,collect_avg_s\r\n"
        "\"2026-11\",\"" STORE "\",\"\",12,390,660,0,0\r\n");
    free(month);
    CHECK(stop());
}

/* ---- stock holds ---- */

#define PIECES 4
#define HOLDS 10
#define PATTIES 100

struct holder {
    int instance;
    unsigned first; /* reservation numbers first, first + 2, ... */
    long status[HOLDS];
};

static const char *reservation_id(unsigned n, char out[37])
{
    snprintf(out, 37, "7e5e0000-0000-4000-8000-0000000%05u", n);
    return out;
}

/* What hold n is of: a bun, or (every third) a meal whose recipe takes a bun and a patty. */
static const char *held_item(unsigned n)
{
    return n % 3 == 0 ? "classic-meal" : "bun";
}

static void *hold(void *arg)
{
    struct holder *h = arg;
    struct http_reply *r = malloc(sizeof *r);
    for (unsigned n = h->first; r && n < HOLDS; n += 2) {
        char id[37], body[256];
        snprintf(body, sizeof body,
                 "{\"reservation_id\":\"%s\",\"store_id\":\"" STORE "\",\"lines\":[{\"item_id\":"
                 "\"%s\",\"quantity\":1}]}",
                 reservation_id(n, id), held_item(n));
        h->status[n] =
            at(h->instance, "POST", "/v1/stock/reservations", SHOP_TOKEN, NULL, NULL, body, r);
    }
    free(r);
    return NULL;
}

static void test_last_pieces(void)
{
    CHECK(start("scale_holds"));
    CHECK_EQ_INT(at(1, "POST", "/v1/stock/recipes", MANAGER_TOKEN, NULL, NULL,
                    "{\"item_id\":\"classic-meal\",\"ingredients\":[{\"item_id\":\"beef-patty\","
                    "\"quantity\":1},{\"item_id\":\"bun\",\"quantity\":1}]}",
                    &reply),
                 200);
    CHECK_EQ_INT(adjust(0, 1, "count", "bun", PIECES), 201);
    CHECK_EQ_INT(adjust(1, 2, "count", "beef-patty", PATTIES), 201);
    static struct holder holders[2] = {{.instance = 0, .first = 0}, {.instance = 1, .first = 1}};
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        CHECK(pthread_create(&threads[t], NULL, hold, &holders[t]) == 0);
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    int held = 0, meals = 0;
    struct http_reply *r = &reply;
    for (unsigned n = 0; n < HOLDS; n++) {
        long status = holders[n % 2].status[n];
        CHECK(status == 201 || status == 409);
        if (status != 201)
            continue;
        held++;
        meals += strcmp(held_item(n), "classic-meal") == 0;
        /* Confirmed at the other instance than held, then again at the first: sold once. */
        char id[37], path[128];
        snprintf(path, sizeof path, "/v1/stock/reservations/%s/confirm", reservation_id(n, id));
        CHECK_EQ_INT(at(1 - (int)(n % 2), "POST", path, SHOP_TOKEN, NULL, NULL, "", r), 200);
        CHECK_EQ_INT(at((int)(n % 2), "POST", path, SHOP_TOKEN, NULL, NULL, "", r), 200);
    }
    CHECK_EQ_INT(held, PIECES);
    char *soldout = same_at_both("/v1/stock/soldout?store=" STORE);
    CHECK(soldout && strstr(soldout, "[\"bun\",\"classic-meal\"]") != NULL);
    free(soldout);
    char *stock = same_at_both("/v1/stock?store=" STORE);
    CHECK(stock != NULL);
    CHECK_EQ_INT(on_hand(stock, "bun"), 0);
    CHECK_EQ_INT(on_hand(stock, "beef-patty"), PATTIES - meals);
    free(stock);
    CHECK(stop());
}

/* ---- sessions ---- */

static void test_sessions(void)
{
    CHECK(start("scale_sessions"));
    struct http_reply *r = &reply;
    struct session s;
    CHECK_EQ_INT(login_at(chain.base[0], "hana", HANA_PW, &s, r), 200);
    CHECK_EQ_INT(at(1, "GET", "/v1/session", NULL, s.id, NULL, NULL, r), 200);
    char body[512];
    snprintf(body, sizeof body,
             "{\"request_id\":\"5eed0000-0000-4000-8000-000000000777\",\"store_id\":\"" STORE
             "\",\"item_id\":\"cola\",\"kind\":\"received\",\"quantity\":6,\"reason\":\"crate\","
             "\"person\":\"hana\"}");
    CHECK_EQ_INT(at(1, "POST", "/v1/stock/adjustments", NULL, s.id, s.csrf, body, r), 201);
    CHECK_EQ_INT(at(1, "POST", "/v1/session/logout", NULL, s.id, s.csrf, "", r), 200);
    CHECK_EQ_INT(at(0, "GET", "/v1/session", NULL, s.id, NULL, NULL, r), 401);

    /* The free failures spent at both instances; then hana waits at either. */
    for (int k = 0; k < KS_LOGIN_FREE_FAILURES; k++)
        CHECK_EQ_INT(login_at(chain.base[k % 2], "hana", "not-the-password", &s, r), 401);
    CHECK_EQ_INT(login_at(chain.base[0], "hana", HANA_PW, &s, r), 429);
    CHECK_EQ_INT(login_at(chain.base[1], "hana", HANA_PW, &s, r), 429);
    CHECK(r->retry_after > 0);
    CHECK(stop());
}

/* ---- prices ---- */

static void test_prices(void)
{
    CHECK(start("scale_prices"));
    struct http_reply *r = &reply;
    CHECK_EQ_INT(at(0, "POST", "/v1/prices", MANAGER_TOKEN, NULL, NULL,
                    "{\"store_id\":\"" STORE "\",\"item_id\":\"cheese-burger\",\"price\":1950}", r),
                 200);
    char etag[2][sizeof reply.etag];
    for (int i = 0; i < 2; i++) {
        CHECK_EQ_INT(at(1 - i, "GET", "/v1/menu?store=" STORE, KITCHEN_TOKEN, NULL, NULL, NULL, r),
                     200);
        memcpy(etag[i], r->etag, sizeof etag[i]);
        json_t *root = json_loads(r->body, 0, NULL), *item;
        size_t k;
        json_int_t price = -1;
        json_array_foreach (json_object_get(root, "items"), k, item) {
            if (strcmp(json_string_value(json_object_get(item, "id")), "cheese-burger") == 0)
                price = json_integer_value(json_object_get(item, "price"));
        }
        json_decref(root);
        CHECK_EQ_INT(price, 1950);
    }
    CHECK(etag[0][0] != '\0');
    CHECK_EQ_STR(etag[0], etag[1]);
    CHECK(stop());
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"orders once whichever instance answers", test_orders_once},
        {"the last pieces held once across instances", test_last_pieces},
        {"sessions and login limits shared", test_sessions},
        {"a store's price served by both", test_prices},
        {"kitchen events at both instances land in the month", test_kitchen_months},
    };
    atexit(stop_left);
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
