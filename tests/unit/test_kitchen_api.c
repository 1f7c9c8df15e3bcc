/*
 * The kitchen display's HTTP API over real HTTP on loopback (the receiver
 * in this process): orders stored once whatever the repeats, bad tokens
 * and malformed bodies refused with nothing stored, the status lifecycle,
 * listing by status, health, unknown paths and methods.
 */
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>

#include "kiosk/kitchen/kds_ticket.h"

static struct kitchen_kds kds;
static char orders_url[64], health_url[64];

static bool start(const char *name)
{
    if (!kitchen_kds_start(&kds, kitchen_fresh_path(name), "127.0.0.1:0"))
        return false;
    snprintf(orders_url, sizeof orders_url, "%s", kds.url);
    snprintf(health_url, sizeof health_url, "http://127.0.0.1:%u/v1/health",
             (unsigned)ks_http_server_port(kds.server));
    return true;
}

static int64_t tickets(void)
{
    return kitchen_kds_count(&kds);
}

static void post_json(const char *token, const char *body, struct http_reply *a)
{
    kitchen_http("POST", orders_url, token, NULL, body, strlen(body), a);
}

/* The "error" and "path" members of an error answer, copied into reason and path. */
static bool error_of(const struct http_reply *a, char reason[160], char path[96])
{
    json_t *root = json_loads(a->body, 0, NULL);
    const char *r = json_string_value(json_object_get(root, "error"));
    const char *p = json_string_value(json_object_get(root, "path"));
    bool ok = r && p && json_object_size(root) == 2;
    if (ok) {
        snprintf(reason, 160, "%s", r);
        snprintf(path, 96, "%s", p);
    }
    json_decref(root);
    return ok;
}

static void test_order_stored_and_listed(void)
{
    CHECK(start("api-store.db"));
    char *json = kitchen_paid_json(1, 17);
    struct http_reply a;
    post_json(KITCHEN_TOKEN, json, &a);
    free(json);
    char uuid[37];
    fixture_uuid(1, uuid);
    CHECK_EQ_INT(a.status, 201);
    CHECK_CONTAINS(a.body, "\"status\":\"created\"");
    CHECK_CONTAINS(a.body, uuid);
    CHECK_CONTAINS(a.body, "\"number\":17");
    CHECK_EQ_INT(tickets(), 1);

    /* Stored byte for byte: it loads back as the same order, nothing struck through. */
    ks_order *o = NULL;
    bool *done = NULL;
    CHECK_EQ_INT(ks_kds_store_load(kds.store, uuid, &o, &done), KS_DB_OK);
    CHECK_EQ_INT(o->number, 17);
    CHECK_EQ_INT(o->n_lines, 5);
    CHECK_EQ_STR(o->lines[2].note, "بدون ثلج من فضلك");
    ks_order_free(o);
    bool none_done = !done[0] && !done[1] && !done[2] && !done[3] && !done[4];
    free(done);
    CHECK(none_done);

    kitchen_http("GET", orders_url, KITCHEN_BOARD_TOKEN, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"number\":17");
    CHECK_CONTAINS(a.body, "\"status\":\"paid\"");
    CHECK_CONTAINS(a.body, "\"service\":\"takeaway\"");
    kitchen_kds_stop(&kds);
}

/*
 * The kitchen display reads the kiosk's JSON with the kiosk's parser, so an
 * order that carries its e-receipt token (which kiosks send the backend
 * only) is still a good order here.
 */
static void test_order_with_receipt_token_accepted(void)
{
    CHECK(start("api-receipt-token.db"));
    char *plain = kitchen_paid_json(4, 21);
    json_t *root = json_loads(plain, 0, NULL);
    json_object_set_new(root, "receipt_token", json_string("0123456789abcdef0123456789abcdef"));
    char *json = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    free(plain);
    struct http_reply a;
    post_json(KITCHEN_TOKEN, json, &a);
    free(json);
    CHECK_EQ_INT(a.status, 201);
    CHECK_EQ_INT(tickets(), 1);
    kitchen_kds_stop(&kds);
}

static void test_duplicates_make_one_ticket(void)
{
    CHECK(start("api-dup.db"));
    char *json = kitchen_paid_json(2, 3);
    char uuid[37];
    fixture_uuid(2, uuid);
    long statuses[3];
    char bodies[3][sizeof(struct http_reply){0}.body];
    for (int i = 0; i < 3; i++) {
        struct http_reply a;
        kitchen_http("POST", orders_url, KITCHEN_TOKEN, uuid, json, strlen(json), &a);
        statuses[i] = a.status;
        snprintf(bodies[i], sizeof bodies[i], "%s", a.body);
    }
    free(json);
    CHECK_EQ_INT(statuses[0], 201);
    CHECK_EQ_INT(statuses[1], 200);
    CHECK_EQ_INT(statuses[2], 200);
    CHECK_CONTAINS(bodies[1], "\"status\":\"duplicate\"");
    CHECK_CONTAINS(bodies[2], "\"status\":\"duplicate\"");
    CHECK_EQ_INT(tickets(), 1);
    kitchen_kds_stop(&kds);
}

static void test_other_order_under_stored_uuid_conflicts(void)
{
    CHECK(start("api-conflict.db"));
    char *json = kitchen_paid_json(2, 3);
    char *other = kitchen_paid_json(2, 4); /* the same uuid, another number */
    char uuid[37];
    fixture_uuid(2, uuid);
    struct http_reply a;
    post_json(KITCHEN_TOKEN, json, &a);
    CHECK_EQ_INT(a.status, 201);
    post_json(KITCHEN_TOKEN, other, &a);
    CHECK_EQ_INT(a.status, 409);
    char reason[160], path[96];
    CHECK(error_of(&a, reason, path));
    CHECK_EQ_STR(path, "uuid");
    CHECK_CONTAINS(reason, uuid);
    /* Nothing changed: the first order stays, and its own repeat is still a duplicate. */
    ks_order *o = NULL;
    CHECK_EQ_INT(ks_kds_store_load(kds.store, uuid, &o, NULL), KS_DB_OK);
    CHECK_EQ_INT(o ? o->number : -1, 3);
    ks_order_free(o);
    post_json(KITCHEN_TOKEN, json, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"status\":\"duplicate\"");
    CHECK_EQ_INT(tickets(), 1);
    free(json);
    free(other);
    kitchen_kds_stop(&kds);
}

static void test_nul_byte_refused(void)
{
    CHECK(start("api-nul.db"));
    char *json = kitchen_paid_json(3, 9);
    char uuid[37];
    fixture_uuid(3, uuid);
    /* One NUL byte right after the number, and one at the very end. */
    const char *number = strstr(json, "\"number\":9");
    CHECK(number != NULL);
    size_t at = (size_t)(number - json) + strlen("\"number\":9"), len = strlen(json);
    char *body = malloc(len + 1);
    CHECK(body != NULL);
    memcpy(body, json, at);
    body[at] = '\0';
    memcpy(body + at + 1, json + at, len - at);
    struct http_reply a;
    kitchen_http("POST", orders_url, KITCHEN_TOKEN, uuid, body, len + 1, &a);
    CHECK_EQ_INT(a.status, 400);
    char reason[160], path[96];
    CHECK(error_of(&a, reason, path));
    CHECK_EQ_STR(reason, "the body holds a NUL byte");
    memcpy(body, json, len);
    body[len] = '\0';
    kitchen_http("POST", orders_url, KITCHEN_TOKEN, uuid, body, len + 1, &a);
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_INT(tickets(), 0);
    /* A status change with a NUL is refused too. */
    post_json(KITCHEN_TOKEN, json, &a);
    CHECK_EQ_INT(a.status, 201);
    char url[160];
    snprintf(url, sizeof url, "%s/%s/status", orders_url, uuid);
    static const char ready[] = "{\"status\":\"ready\"}";
    kitchen_http("POST", url, KITCHEN_BUMP_TOKEN, NULL, ready, sizeof ready, &a);
    CHECK_EQ_INT(a.status, 400);
    free(body);
    free(json);
    kitchen_kds_stop(&kds);
}

static void test_bad_tokens_refused(void)
{
    CHECK(start("api-auth.db"));
    char *json = kitchen_paid_json(3, 4);
    static const char *const headers[] = {
        NULL,                           /* no Authorization at all */
        "kt-7Rq2xW9mZp4LvB8nC3sJ6dF2",  /* one character off */
        "kt-7Rq2xW9mZp4LvB8nC3sJ6dF",   /* a prefix of a good token */
        "kt-7Rq2xW9mZp4LvB8nC3sJ6dF10", /* a good token and more */
        "",                             /* "Bearer " and nothing */
    };
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
        struct http_reply a;
        post_json(headers[i], json, &a);
        CHECK_EQ_INT(a.status, 401);
        char reason[160], path[96];
        CHECK(error_of(&a, reason, path));
        CHECK_EQ_STR(reason, "missing or unknown token");
    }
    /* Listing needs a token too. */
    struct http_reply a;
    kitchen_http("GET", orders_url, NULL, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 401);
    free(json);
    CHECK_EQ_INT(tickets(), 0);
    kitchen_kds_stop(&kds);
}

/* Replaces the first `from` in json by `to`; malloc'd. */
static char *replace(const char *json, const char *from, const char *to)
{
    const char *at = strstr(json, from);
    if (!at)
        return NULL;
    size_t head = (size_t)(at - json), tail = strlen(at + strlen(from));
    char *out = malloc(head + strlen(to) + tail + 1);
    if (!out)
        return NULL;
    memcpy(out, json, head);
    memcpy(out + head, to, strlen(to));
    memcpy(out + head + strlen(to), at + strlen(from), tail + 1);
    return out;
}

struct malformed {
    const char *name;
    const char *from, *to; /* edit of a good order; from NULL: see body */
    size_t cut;            /* > 0: only the first cut bytes */
    long status;
    const char *path, *reason;
};

/* clang-format off */
static const struct malformed malformed[] = {
    {"truncated JSON", NULL, NULL, 100, 400, "", ""},
    {"totals that do not add up", "\"total\":", "\"total\":1", 0, 400, "", "the totals do not add up"},
    {"a line's VAT off by one halala", "\"vat\":[{\"rate_bp\":0,\"taxable\":200,\"vat\":0}",
     "\"vat\":[{\"rate_bp\":0,\"taxable\":200,\"vat\":1}", 0, 400, "vat[0]", "does not match the lines at this rate"},
    {"unknown member", "\"format\":", "\"discount_code\":\"X\",\"format\":", 0, 400, "discount_code", "unknown member"},
    {"unknown member in a line", "\"item_id\":", "\"price_override\":1,\"item_id\":", 0, 400, "lines[0].price_override", "unknown member"},
    {"neither paid nor to pay at the counter", "\"status\":\"paid\"", "\"status\":\"ready\"", 0, 400, "status", "only paid orders and orders to pay at the counter go to the kitchen"},
    {"bad uuid", "\"uuid\":\"5", "\"uuid\":\"X", 0, 400, "uuid", "expected a lowercase UUID"},
    {"quantity zero", "\"quantity\":1,", "\"quantity\":0,", 0, 400, "lines[0].quantity", "expected 1 to"},
    {"a date that does not exist", "\"business_date\":\"2026-11-24\"", "\"business_date\":\"2026-02-30\"", 0, 400, "business_date", "a day of the calendar"},
    {"not an object", NULL, "[1, 2, 3]", 0, 400, "", ""},
    {"empty body", NULL, "", 0, 400, "", ""},
};
/* clang-format on */

static void test_malformed_bodies_refused_nothing_stored(void)
{
    CHECK(start("api-bad.db"));
    char *good = kitchen_paid_json(4, 5);
    CHECK(good != NULL);
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        const struct malformed *m = &malformed[i];
        char *body = m->from ? replace(good, m->from, m->to) : strdup(m->to ? m->to : good);
        if (m->cut)
            body[m->cut] = '\0';
        if (!body) {
            check_fail(__FILE__, __LINE__, "%s: the edit does not apply", m->name);
            continue;
        }
        struct http_reply a;
        post_json(KITCHEN_TOKEN, body, &a);
        free(body);
        char reason[160] = "", path[96] = "";
        bool parsed = error_of(&a, reason, path);
        if (a.status != m->status || !parsed || strcmp(path, m->path) != 0 ||
            !strstr(reason, m->reason))
            check_fail(__FILE__, __LINE__, "%s: got %ld %s", m->name, a.status, a.body);
    }
    free(good);
    CHECK_EQ_INT(tickets(), 0);
    kitchen_kds_stop(&kds);
}

static void test_huge_body_refused(void)
{
    CHECK(start("api-huge.db"));
    /* 2 MiB of spaces after a good order: valid JSON, but twice the limit. */
    char *good = kitchen_paid_json(5, 6);
    size_t len = 2u * 1024u * 1024u;
    char *body = malloc(len);
    CHECK(good && body);
    memset(body, ' ', len);
    memcpy(body, good, strlen(good));
    struct http_reply a;
    post_json(KITCHEN_TOKEN, "{}", &a); /* the connection works */
    CHECK_EQ_INT(a.status, 400);
    kitchen_http("POST", orders_url, KITCHEN_TOKEN, NULL, body, len, &a);
    free(body);
    free(good);
    CHECK_EQ_INT(a.status, 413);
    char reason[160], path[96];
    CHECK(error_of(&a, reason, path));
    CHECK_EQ_STR(reason, "body larger than 1048576 bytes");
    CHECK_EQ_STR(path, "");
    CHECK_EQ_INT(tickets(), 0);
    kitchen_kds_stop(&kds);
}

static void set_status(const char *uuid, const char *body, struct http_reply *a)
{
    char url[160];
    snprintf(url, sizeof url, "%s/%s/status", orders_url, uuid);
    /* The counter hands tickets over; the bump bars do the rest. */
    const char *token = strstr(body, "collected") ? KITCHEN_COLLECT_TOKEN : KITCHEN_BUMP_TOKEN;
    kitchen_http("POST", url, token, NULL, body, strlen(body), a);
}

struct step {
    const char *body;
    long status;
    const char *answer; /* a part of the answer */
};

static void test_status_lifecycle(void)
{
    CHECK(start("api-status.db"));
    char *json = kitchen_paid_json(6, 8);
    char uuid[37];
    fixture_uuid(6, uuid);
    struct http_reply a;
    post_json(KITCHEN_TOKEN, json, &a);
    free(json);
    CHECK_EQ_INT(a.status, 201);
    /* clang-format off */
    static const struct step steps[] = {
        {"{\"status\":\"in_preparation\"}", 200, "\"previous\":\"paid\""},
        {"{\"status\":\"in_preparation\"}", 200, "\"previous\":\"in_preparation\""}, /* repeat: no change */
        {"{\"status\":\"ready\"}", 200, "\"status\":\"ready\""},
        {"{\"status\":\"in_preparation\"}", 200, "\"previous\":\"ready\""},  /* recall */
        {"{\"status\":\"ready\"}", 200, "\"previous\":\"in_preparation\""},
        {"{\"status\":\"collected\"}", 200, "\"status\":\"collected\""},
        {"{\"status\":\"ready\"}", 409, "an order that is collected cannot become ready"},
        {"{\"status\":\"paid\"}", 400, "\"path\":\"method\""},               /* paid says how */
        {"{\"status\":\"ready\",\"by\":\"x\"}", 400, "\"path\":\"status\""}, /* unknown member */
        {"{\"status\":", 400, "\"path\":\"status\""},                         /* truncated */
        {"", 400, "\"path\":\"status\""},
    };
    /* clang-format on */
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        set_status(uuid, steps[i].body, &a);
        if (a.status != steps[i].status || !strstr(a.body, steps[i].answer))
            check_fail(__FILE__, __LINE__, "step %zu %s: got %ld %s", i, steps[i].body, a.status,
                       a.body);
    }
    char unknown[37];
    fixture_uuid(99, unknown);
    set_status(unknown, "{\"status\":\"ready\"}", &a);
    CHECK_EQ_INT(a.status, 404);
    set_status("not-a-uuid-but-36-characters-long-xx", "{\"status\":\"ready\"}", &a);
    CHECK_EQ_INT(a.status, 404);
    kitchen_kds_stop(&kds);
}

static void test_list_by_status(void)
{
    CHECK(start("api-list.db"));
    for (unsigned i = 10; i < 13; i++) {
        char *json = kitchen_paid_json(i, (int32_t)i);
        struct http_reply a;
        post_json(KITCHEN_TOKEN, json, &a);
        free(json);
        CHECK_EQ_INT(a.status, 201);
    }
    char uuid[37];
    fixture_uuid(11, uuid);
    struct http_reply a;
    set_status(uuid, "{\"status\":\"ready\"}", &a);
    CHECK_EQ_INT(a.status, 200);

    char url[160];
    snprintf(url, sizeof url, "%s?status=ready", orders_url);
    kitchen_http("GET", url, KITCHEN_BOARD_TOKEN, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 200);
    json_t *root = json_loads(a.body, 0, NULL);
    json_t *list = json_object_get(root, "orders");
    CHECK_EQ_INT(json_array_size(list), 1);
    CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(list, 0), "number")), 11);
    json_decref(root);

    /* Arrival order, two at most. */
    snprintf(url, sizeof url, "%s?status=paid,ready&limit=2", orders_url);
    kitchen_http("GET", url, KITCHEN_BOARD_TOKEN, NULL, NULL, 0, &a);
    root = json_loads(a.body, 0, NULL);
    list = json_object_get(root, "orders");
    CHECK_EQ_INT(json_array_size(list), 2);
    CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(list, 0), "number")), 10);
    CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(list, 1), "number")), 11);
    json_decref(root);

    static const char *const bad[] = {"?status=cooking", "?status=",   "?status=paid,,ready",
                                      "?limit=0",        "?limit=501", "?limit=2x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(url, sizeof url, "%s%s", orders_url, bad[i]);
        kitchen_http("GET", url, KITCHEN_BOARD_TOKEN, NULL, NULL, 0, &a);
        if (a.status != 400)
            check_fail(__FILE__, __LINE__, "%s: got %ld", bad[i], a.status);
    }
    kitchen_kds_stop(&kds);
}

static void test_health_paths_and_methods(void)
{
    CHECK(start("api-misc.db"));
    struct http_reply a;
    kitchen_http("GET", health_url, NULL, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.body, "{\"status\":\"ok\",\"tickets\":0}");
    kitchen_http("POST", health_url, NULL, NULL, "{}", 2, &a);
    CHECK_EQ_INT(a.status, 405);
    kitchen_http("DELETE", orders_url, KITCHEN_BOARD_TOKEN, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 405);
    char url[160];
    snprintf(url, sizeof url, "%s/extra", orders_url);
    kitchen_http("GET", url, KITCHEN_BOARD_TOKEN, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 404);
    kitchen_kds_stop(&kds);
}

/* Each credential does its own job only: 403 for the rest, nothing stored or changed. */
static void test_roles(void)
{
    CHECK(start("api-roles.db"));
    char *json = kitchen_paid_json(6, 6); /* kiosk-02's */
    char uuid[37], status_url[160];
    fixture_uuid(6, uuid);
    snprintf(status_url, sizeof status_url, "%s/%s/status", orders_url, uuid);
    static const char ready[] = "{\"status\":\"ready\"}",
                      collected[] = "{\"status\":\"collected\"}";
    struct http_reply a;
    /* Another kiosk's token, the bump bars', the counter's and the board's send no orders. */
    const char *not_senders[] = {KITCHEN_OTHER_TOKEN, KITCHEN_BUMP_TOKEN, KITCHEN_COLLECT_TOKEN,
                                 KITCHEN_BOARD_TOKEN};
    for (size_t i = 0; i < 4; i++) {
        post_json(not_senders[i], json, &a);
        CHECK_EQ_INT(a.status, 403);
    }
    CHECK_EQ_INT(tickets(), 0);
    post_json(KITCHEN_TOKEN, json, &a);
    CHECK_EQ_INT(a.status, 201);
    /* A kiosk reads no list and moves no ticket; the board moves none either. */
    kitchen_http("GET", orders_url, KITCHEN_TOKEN, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 403);
    const char *not_bumpers[] = {KITCHEN_TOKEN, KITCHEN_BOARD_TOKEN, KITCHEN_COLLECT_TOKEN};
    for (size_t i = 0; i < 3; i++) {
        kitchen_http("POST", status_url, not_bumpers[i], NULL, ready, strlen(ready), &a);
        CHECK_EQ_INT(a.status, 403);
    }
    kitchen_http("POST", status_url, KITCHEN_BUMP_TOKEN, NULL, ready, strlen(ready), &a);
    CHECK_EQ_INT(a.status, 200);
    /* Handing over is the counter's. */
    kitchen_http("POST", status_url, KITCHEN_BUMP_TOKEN, NULL, collected, strlen(collected), &a);
    CHECK_EQ_INT(a.status, 403);
    kitchen_http("POST", status_url, KITCHEN_COLLECT_TOKEN, NULL, collected, strlen(collected), &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"previous\":\"ready\""); /* nothing moved it meanwhile */
    /* Every role but the kiosk's reads the list. */
    const char *readers[] = {KITCHEN_BUMP_TOKEN, KITCHEN_COLLECT_TOKEN, KITCHEN_BOARD_TOKEN};
    for (size_t i = 0; i < 3; i++) {
        kitchen_http("GET", orders_url, readers[i], NULL, NULL, 0, &a);
        CHECK_EQ_INT(a.status, 200);
    }
    free(json);
    kitchen_kds_stop(&kds);
}

/* Fixture order `index`, numbered `number`, with status and updated_at as given; malloc'd JSON. */
static char *order_json_as(unsigned index, int32_t number, enum ks_order_status status,
                           int64_t updated_at)
{
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    o->number = number;
    o->status = status;
    o->updated_at = updated_at;
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    return json;
}

static void counter(const char *uuid, const char *body, struct http_reply *a)
{
    char url[160];
    snprintf(url, sizeof url, "%s/%s/status", orders_url, uuid);
    kitchen_http("POST", url, KITCHEN_COLLECT_TOKEN, NULL, body, strlen(body), a);
}

static enum ks_order_status stored_status(const char *uuid)
{
    ks_kds_summary rows[8];
    size_t n = 0;
    unsigned all = 0xffu;
    if (ks_kds_store_list(kds.store, all, rows, 8, &n) != KS_DB_OK)
        return KS_ORDER_STATUS_COUNT;
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].uuid, uuid) == 0)
            return rows[i].status;
    return KS_ORDER_STATUS_COUNT;
}

/*
 * An order to pay at the counter arrives unpaid; the counter takes cash or
 * card (its token only), or cancels it; the kiosk's paid version of it
 * afterwards is the same ticket (200), a different body is still 409.
 */
static void test_counter_payment(void)
{
    CHECK(start("api-counter.db"));
    char uuid[37], other[37];
    fixture_uuid(7, uuid);
    fixture_uuid(8, other);
    char *unpaid = order_json_as(7, 41, KS_ORDER_CREATED, KITCHEN_NOON);
    struct http_reply a;
    post_json(KITCHEN_TOKEN, unpaid, &a);
    CHECK_EQ_INT(a.status, 201);
    CHECK_EQ_INT(stored_status(uuid), KS_ORDER_CREATED);
    /* The kitchen cannot start an unpaid order; the bump bars take no money. */
    set_status(uuid, "{\"status\":\"in_preparation\"}", &a);
    CHECK_EQ_INT(a.status, 409);
    char url[160];
    snprintf(url, sizeof url, "%s/%s/status", orders_url, uuid);
    static const char cash[] = "{\"status\":\"paid\",\"method\":\"cash\"}";
    kitchen_http("POST", url, KITCHEN_BUMP_TOKEN, NULL, cash, strlen(cash), &a);
    CHECK_EQ_INT(a.status, 403);
    counter(uuid, "{\"status\":\"paid\",\"method\":\"coins\"}", &a);
    CHECK_EQ_INT(a.status, 400);
    CHECK_CONTAINS(a.body, "\"path\":\"method\"");
    counter(uuid, "{\"status\":\"ready\",\"method\":\"cash\"}", &a);
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_INT(stored_status(uuid), KS_ORDER_CREATED);
    counter(uuid, cash, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"previous\":\"created\"");
    CHECK_EQ_INT(stored_status(uuid), KS_ORDER_PAID);
    counter(uuid, cash, &a); /* a second clerk: already paid, nothing changes */
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"previous\":\"paid\"");
    counter(uuid, "{\"status\":\"cancelled\"}", &a);
    CHECK_EQ_INT(a.status, 409);

    /* The kiosk, told of the payment, sends the paid version: the same ticket. */
    char *paid = order_json_as(7, 41, KS_ORDER_PAID, KITCHEN_NOON + 95);
    post_json(KITCHEN_TOKEN, paid, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"status\":\"duplicate\"");
    post_json(KITCHEN_TOKEN, paid, &a); /* and again: byte for byte now */
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_INT(tickets(), 1);
    ks_order *o = NULL;
    CHECK_EQ_INT(ks_kds_store_load(kds.store, uuid, &o, NULL), KS_DB_OK);
    CHECK_EQ_INT(o->status, KS_ORDER_PAID);
    CHECK_EQ_INT(o->updated_at, KITCHEN_NOON + 95);
    ks_order_free(o);
    /* Another order's paid body under that uuid is still a conflict. */
    char *changed = replace(paid, "\"number\":41", "\"number\":42");
    post_json(KITCHEN_TOKEN, changed, &a);
    CHECK_EQ_INT(a.status, 409);

    /* A second unpaid order: cancelled at the counter, then never paid. */
    char *unpaid2 = order_json_as(8, 43, KS_ORDER_CREATED, KITCHEN_NOON);
    post_json(KITCHEN_TOKEN, unpaid2, &a);
    CHECK_EQ_INT(a.status, 201);
    counter(other, "{\"status\":\"cancelled\"}", &a);
    CHECK_EQ_INT(a.status, 200);
    counter(other, cash, &a);
    CHECK_EQ_INT(a.status, 409);
    CHECK_CONTAINS(a.body, "an order that is cancelled cannot become paid");
    /* The kiosk's paid version of a cancelled order changes nothing. */
    char *paid2 = order_json_as(8, 43, KS_ORDER_PAID, KITCHEN_NOON + 60);
    post_json(KITCHEN_TOKEN, paid2, &a);
    CHECK_EQ_INT(a.status, 409);
    CHECK_EQ_INT(stored_status(other), KS_ORDER_CANCELLED);
    free(unpaid);
    free(paid);
    free(changed);
    free(unpaid2);
    free(paid2);
    kitchen_kds_stop(&kds);
}

/* The status feed: a kiosk reads its own orders' history in order, from where it left off. */
static void test_status_feed(void)
{
    CHECK(start("api-feed.db"));
    char mine[37], theirs[37];
    fixture_uuid(9, mine); /* kiosk-02's, as every fixture order */
    fixture_uuid(10, theirs);
    char *unpaid = order_json_as(9, 51, KS_ORDER_CREATED, KITCHEN_NOON);
    struct http_reply a;
    post_json(KITCHEN_TOKEN, unpaid, &a);
    CHECK_EQ_INT(a.status, 201);
    ks_order *o = fixture_order(10, "riyadh-01", KITCHEN_NOON, 240);
    snprintf(o->kiosk_id, sizeof o->kiosk_id, "kiosk-03");
    o->number = 52;
    o->status = KS_ORDER_PAID;
    char *other_json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    post_json(KITCHEN_OTHER_TOKEN, other_json, &a);
    CHECK_EQ_INT(a.status, 201);
    counter(mine, "{\"status\":\"paid\",\"method\":\"card\"}", &a);
    CHECK_EQ_INT(a.status, 200);
    set_status(theirs, "{\"status\":\"ready\"}", &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_INT(ks_kds_store_station_ready(kds.store, mine, "fryer", KITCHEN_NOON + 70), KS_DB_OK);
    set_status(mine, "{\"status\":\"ready\"}", &a);
    CHECK_EQ_INT(a.status, 200);
    counter(mine, "{\"status\":\"collected\"}", &a);
    CHECK_EQ_INT(a.status, 200);

    char url[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/events?after=0",
             (unsigned)ks_http_server_port(kds.server));
    kitchen_http("GET", url, KITCHEN_TOKEN, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 200);
    json_t *root = json_loads(a.body, 0, NULL);
    json_t *events = json_object_get(root, "events");
    /* Arrival, the card payment, the fryer's part, ready, collected: kiosk-02's are not there. */
    static const char *const want[] = {"created", "paid", "ready", "ready", "collected"};
    CHECK_EQ_INT(json_array_size(events), 5);
    for (size_t i = 0; i < json_array_size(events) && i < 5; i++) {
        json_t *e = json_array_get(events, i);
        CHECK_EQ_STR(json_string_value(json_object_get(e, "uuid")), mine);
        CHECK_EQ_STR(json_string_value(json_object_get(e, "status")), want[i]);
    }
    CHECK(!json_object_get(json_array_get(events, 0), "from"));
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(events, 1), "method")), "card");
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(events, 1), "from")), "created");
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(events, 2), "station")), "fryer");
    CHECK(!json_object_get(json_array_get(events, 3), "station"));
    json_int_t next = json_integer_value(json_object_get(root, "next"));
    /* Every event of the store so far is behind "next", kiosk-03's too (7 in all). */
    CHECK_EQ_INT(next, 7);
    json_decref(root);

    /* Nothing new: an empty page, the same cursor; a page of 2 goes on after its last. */
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/events?after=%lld",
             (unsigned)ks_http_server_port(kds.server), (long long)next);
    kitchen_http("GET", url, KITCHEN_TOKEN, NULL, NULL, 0, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"events\":[]");
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/events?after=0&limit=2",
             (unsigned)ks_http_server_port(kds.server));
    kitchen_http("GET", url, KITCHEN_TOKEN, NULL, NULL, 0, &a);
    root = json_loads(a.body, 0, NULL);
    events = json_object_get(root, "events");
    CHECK_EQ_INT(json_array_size(events), 2);
    CHECK_EQ_INT(json_integer_value(json_object_get(root, "next")),
                 json_integer_value(json_object_get(json_array_get(events, 1), "id")));
    json_decref(root);

    /* Only kiosks read a feed, each its own; bad cursors are 400. */
    const char *not_kiosks[] = {KITCHEN_BUMP_TOKEN, KITCHEN_COLLECT_TOKEN, KITCHEN_BOARD_TOKEN};
    for (size_t i = 0; i < 3; i++) {
        kitchen_http("GET", url, not_kiosks[i], NULL, NULL, 0, &a);
        CHECK_EQ_INT(a.status, 403);
    }
    const char *bad[] = {"after=-1", "after=x", "after=1&limit=0", "after=1&limit=201",
                         "after=99999999999999999999"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/events?%s",
                 (unsigned)ks_http_server_port(kds.server), bad[i]);
        kitchen_http("GET", url, KITCHEN_TOKEN, NULL, NULL, 0, &a);
        if (a.status != 400)
            check_fail(__FILE__, __LINE__, "%s: got %ld %s", bad[i], a.status, a.body);
    }
    kitchen_http("POST", url, KITCHEN_TOKEN, NULL, "{}", 2, &a);
    CHECK_EQ_INT(a.status, 405);
    free(unpaid);
    free(other_json);
    kitchen_kds_stop(&kds);
}

/*
 * Unpaid counter orders received before the business day began are
 * cancelled; those of today and paid ones stay. The day begins at 04:00
 * Riyadh time (01:00 UTC).
 */
static void test_unpaid_cancelled_at_day_end(void)
{
    CHECK(start("api-day-end.db"));
    /* KITCHEN_NOON is 09:00 UTC, 12:00 in Riyadh: the day began at 01:00 UTC. */
    int64_t began = ks_kds_business_day_began(KITCHEN_NOON, 180, 240);
    CHECK_EQ_INT(began, KITCHEN_NOON - 8 * 3600);
    CHECK_EQ_INT(ks_kds_business_day_began(began, 180, 240), began);
    CHECK_EQ_INT(ks_kds_business_day_began(began - 1, 180, 240), began - 86400);
    char *unpaid = order_json_as(11, 61, KS_ORDER_CREATED, KITCHEN_NOON);
    struct http_reply a;
    post_json(KITCHEN_TOKEN, unpaid, &a); /* received now, by the display's clock */
    CHECK_EQ_INT(a.status, 201);
    char uuid[37];
    fixture_uuid(11, uuid);
    char *paid = kitchen_paid_json(12, 62);
    post_json(KITCHEN_TOKEN, paid, &a);
    CHECK_EQ_INT(a.status, 201);
    int64_t now = (int64_t)time(NULL);
    size_t n = 99;
    /* Today's business day began before it arrived: it may still be paid. */
    CHECK_EQ_INT(ks_kds_store_cancel_unpaid(kds.store, now - 60, now, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(stored_status(uuid), KS_ORDER_CREATED);
    /* The next business day began after it arrived. */
    CHECK_EQ_INT(ks_kds_store_cancel_unpaid(kds.store, now + 60, now + 60, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(stored_status(uuid), KS_ORDER_CANCELLED);
    char paid_uuid[37];
    fixture_uuid(12, paid_uuid);
    CHECK_EQ_INT(stored_status(paid_uuid), KS_ORDER_PAID);
    free(unpaid);
    free(paid);
    kitchen_kds_stop(&kds);
}

static const struct check_case cases[] = {
    {"counter payments: cash or card by the counter, the kiosk's paid version is the same ticket",
     test_counter_payment},
    {"status feed: a kiosk's own orders' history, paged by id", test_status_feed},
    {"unpaid counter orders of an earlier day are cancelled", test_unpaid_cancelled_at_day_end},
    {"order stored and listed", test_order_stored_and_listed},
    {"an order with a receipt token is accepted", test_order_with_receipt_token_accepted},
    {"duplicates make one ticket", test_duplicates_make_one_ticket},
    {"another order under a stored uuid: 409, nothing changed",
     test_other_order_under_stored_uuid_conflicts},
    {"a NUL byte anywhere in a body: 400", test_nul_byte_refused},
    {"bad tokens refused, nothing stored", test_bad_tokens_refused},
    {"each credential does its own job: kiosks, bump bars, counter, board", test_roles},
    {"malformed bodies refused with a path, nothing stored",
     test_malformed_bodies_refused_nothing_stored},
    {"huge body refused", test_huge_body_refused},
    {"status lifecycle", test_status_lifecycle},
    {"list by status", test_list_by_status},
    {"health, unknown paths and methods", test_health_paths_and_methods},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
