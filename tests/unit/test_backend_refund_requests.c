/*
 * Refunds asked for from the back office over real HTTP on loopback (the
 * server in this process): POST /v1/refund-requests with every answer of
 * its table (kiosk/docs/backend-api.md, "Refund requests from the back
 * office"), the store's list, a kiosk's pending requests (only its own
 * orders'), a refund that carries a request out (done once), a kiosk's
 * refusal, and what is left of a line once refunds and open requests are
 * counted.
 *
 * Run once per store: `test_backend_refund_requests` on SQLite files (ctest
 * unit.backend_refund_requests), `test_backend_refund_requests --pg` on the
 * PostgreSQL server of KIOSK_TEST_PG (unit.backend_refund_requests_pg),
 * each case in a fresh schema.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>

#include "kiosk/backend/backend_refund_request.h"

#define MANAGER_TOKEN "mgr-Zx4Cv7Bn1Mq8Wa5Sd2Fg9Hj3"
#define PASSWORD "long enough password 1"
/* Fixture lines kept (tests/unit/test_kitchen_fixture.h): line 0 cola 2 x 600, line 1 water 1. */
#define COLA 0x4u
#define WATER 0x10u
/* The orders: kiosk-02's paid, kiosk-03's paid, kiosk-02's cancelled unpaid, none. */
#define ORDER_02 501u
#define ORDER_03 502u
#define ORDER_UNPAID 503u
#define ORDER_NONE 599u

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg;              /* the running backend's */
static struct session sami, nora, auditor; /* riyadh-01's manager, jeddah-01's, an auditor */

/* Kiosk index's order of the fixture's cola and water, paid (or cancelled unpaid), stored. */
static long post_order_of(unsigned index, const char *kiosk, const char *token, bool cancelled)
{
    ks_order *o = kitchen_order(index, COLA | WATER, (int32_t)index, KS_SERVICE_TAKEAWAY);
    snprintf(o->kiosk_id, sizeof o->kiosk_id, "%s", kiosk);
    if (cancelled)
        o->status = KS_ORDER_CANCELLED;
    char *json = ks_order_to_json(o, NULL);
    struct http_reply a;
    long status = call(run.base, "POST", "/v1/orders", NULL, NULL, token, json, &a);
    free(json);
    ks_order_free(o);
    return status;
}

/* The backend with riyadh-01's kiosks 02 and 03, the people signed in and the orders stored. */
static bool start(const char *name)
{
    struct http_reply a;
    return backend_run_fresh(&run, &cfg, pg, name,
                             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
                             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " riyadh-01\n"
                             "kiosk-03 = " KITCHEN_OTHER_TOKEN " riyadh-01\n") &&
           add_person_to(run.store, "sami", KS_ROLE_STORE_MANAGER, "riyadh-01", PASSWORD) &&
           add_person_to(run.store, "nora", KS_ROLE_STORE_MANAGER, "jeddah-01", PASSWORD) &&
           add_person_to(run.store, "audra", KS_ROLE_AUDITOR, NULL, PASSWORD) &&
           login_at(run.base, "sami", PASSWORD, &sami, &a) == 200 &&
           login_at(run.base, "nora", PASSWORD, &nora, &a) == 200 &&
           login_at(run.base, "audra", PASSWORD, &auditor, &a) == 200 &&
           post_order_of(ORDER_02, "kiosk-02", KITCHEN_TOKEN, false) == 201 &&
           post_order_of(ORDER_03, "kiosk-03", KITCHEN_OTHER_TOKEN, false) == 201 &&
           post_order_of(ORDER_UNPAID, "kiosk-02", KITCHEN_TOKEN, true) == 201;
}

/* Request number n's id. */
static const char *request_id(unsigned n, char out[37])
{
    fixture_uuid(900000 + n, out);
    return out;
}

/* The body of request n of order index for lines (JSON array text) and reason, into out[cap]. */
static const char *request_body(unsigned n, unsigned index, const char *lines, const char *reason,
                                char *out, size_t cap)
{
    char id[37], uuid[37];
    fixture_uuid(index, uuid);
    snprintf(out, cap,
             "{\"request_id\":\"%s\",\"order_uuid\":\"%s\",\"reason\":\"%s\",\"lines\":%s}",
             request_id(n, id), uuid, reason, lines);
    return out;
}

/* POSTs body to /v1/refund-requests with session s (its CSRF token), or the manager token. */
static long ask_body(const struct session *s, const char *body, struct http_reply *a)
{
    return call(run.base, "POST", "/v1/refund-requests", s ? s->id : NULL, s ? s->csrf : NULL,
                s ? NULL : MANAGER_TOKEN, body, a);
}

/* Request n of order index for lines, "cold" as its reason, asked by s; the status. */
static long ask(const struct session *s, unsigned n, unsigned index, const char *lines,
                struct http_reply *a)
{
    char body[512];
    return ask_body(s, request_body(n, index, lines, "cold", body, sizeof body), a);
}

/* True when a's body is the error reason at path. */
static bool refused_as(const struct http_reply *a, const char *reason, const char *path)
{
    json_t *root = json_loads(a->body, 0, NULL);
    const char *r = json_string_value(json_object_get(root, "error")),
               *p = json_string_value(json_object_get(root, "path"));
    bool same = r && p && strcmp(r, reason) == 0 && strcmp(p, path) == 0;
    if (!same)
        fprintf(stderr, "  answer %s, expected %s at \"%s\"\n", a->body, reason, path);
    json_decref(root);
    return same;
}

/*
 * Kiosk token's refund refund_n of one cola (600, VAT 78) of order index,
 * carrying out request request_n (0: none); the status.
 */
static long refund(const char *token, unsigned refund_n, unsigned index, unsigned request_n)
{
    char uuid[37], refund_id[37], id[37];
    fixture_uuid(index, uuid);
    fixture_uuid(800000 + refund_n, refund_id);
    return post_cola_refund(run.base, token, uuid, refund_id,
                            request_n ? request_id(request_n, id) : NULL);
}

/* The kiosk token's refusal of request n with body; the status. */
static long refuse(const char *token, unsigned n, const char *body, struct http_reply *a)
{
    char id[37], path[96];
    snprintf(path, sizeof path, "/v1/refund-requests/%s/refusal", request_id(n, id));
    return call(run.base, "POST", path, NULL, NULL, token, body, a);
}

/* GET path with the session s, the kiosk token, or (both NULL) the manager token. */
static long get(const char *path, const struct session *s, const char *token, struct http_reply *a)
{
    return call(run.base, "GET", path, s ? s->id : NULL, NULL,
                s ? NULL : (token ? token : MANAGER_TOKEN), NULL, a);
}

/*
 * Request n as riyadh-01's list shows it: "<status> <refund n or -> <refused_reason or ->
 * <lines>", e.g. "done 1 - 0x1", or "absent".
 */
static const char *listed(unsigned n, char *out, size_t cap)
{
    struct http_reply a;
    char id[37];
    snprintf(out, cap, "absent");
    if (get("/v1/refund-requests?store=riyadh-01", NULL, NULL, &a) != 200)
        return snprintf(out, cap, "HTTP %ld", a.status), out;
    json_t *root = json_loads(a.body, 0, NULL), *row;
    size_t i;
    json_array_foreach (json_object_get(root, "requests"), i, row) {
        if (strcmp(json_string_value(json_object_get(row, "request_id")), request_id(n, id)) != 0)
            continue;
        const char *refund_id = json_string_value(json_object_get(row, "refund_id"));
        const char *why = json_string_value(json_object_get(row, "refused_reason"));
        char refund_n[24] = "-";
        if (refund_id && refund_id[0])
            snprintf(refund_n, sizeof refund_n, "%ld", strtol(refund_id + 24, NULL, 16) - 800000);
        int used = snprintf(out, cap, "%s %s %s", json_string_value(json_object_get(row, "status")),
                            refund_n, why && why[0] ? why : "-");
        json_t *line;
        size_t j;
        json_array_foreach (json_object_get(row, "lines"), j, line) {
            used += snprintf(out + used, cap - (size_t)used, " %lldx%lld",
                             (long long)json_integer_value(json_object_get(line, "line_no")),
                             (long long)json_integer_value(json_object_get(line, "quantity")));
        }
        if (json_integer_value(json_object_get(row, "settled_at")) == 0 &&
            strcmp(json_string_value(json_object_get(row, "status")), "requested") != 0)
            snprintf(out, cap, "settled without settled_at");
    }
    json_decref(root);
    return out;
}

/* How many audit rows of riyadh-01 have action. */
static int audited(const char *action)
{
    struct http_reply a;
    if (get("/v1/audit?store=riyadh-01", NULL, NULL, &a) != 200)
        return -1;
    json_t *root = json_loads(a.body, 0, NULL), *row;
    size_t i;
    int n = 0;
    json_array_foreach (json_object_get(root, "rows"), i, row) {
        n += strcmp(json_string_value(json_object_get(row, "action")), action) == 0;
    }
    json_decref(root);
    return n;
}

/* Every answer of POST /v1/refund-requests, in the doc's table. */
static void test_answers(void)
{
    CHECK(start("be_rr_answers"));
    struct http_reply a;
    char line[64], body[512];
    /* 201, and the very same body again 200; another body under its id 409. */
    CHECK_EQ_INT(ask(&sami, 1, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 201);
    CHECK_EQ_STR(a.body, "{\"status\":\"requested\"}");
    CHECK_EQ_INT(ask(&sami, 1, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 200);
    CHECK_EQ_STR(a.body, "{\"status\":\"duplicate\"}");
    CHECK_EQ_INT(ask_body(&sami,
                          request_body(1, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", "warm",
                                       body, sizeof body),
                          &a),
                 409);
    CHECK(refused_as(&a, "another request is stored under that request_id", "request_id"));
    /* 404: no such order. */
    CHECK_EQ_INT(ask(&sami, 2, ORDER_NONE, "[{\"line_no\":0,\"quantity\":1}]", &a), 404);
    CHECK(refused_as(&a, "no order is stored under that uuid", "order_uuid"));
    /* 403: another store's manager, an auditor, a kiosk, a session without its CSRF token. */
    CHECK_EQ_INT(ask(&nora, 3, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 403);
    CHECK(refused_as(&a, "the order is of a store you do not manage", "order_uuid"));
    CHECK_EQ_INT(ask(&auditor, 3, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 403);
    request_body(3, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", "cold", body, sizeof body);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/refund-requests", NULL, NULL, KITCHEN_TOKEN, body, &a),
                 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/refund-requests", sami.id, NULL, NULL, body, &a), 403);
    /* 409: the order was cancelled unpaid. */
    CHECK_EQ_INT(ask(&sami, 4, ORDER_UNPAID, "[{\"line_no\":0,\"quantity\":1}]", &a), 409);
    CHECK(refused_as(&a, "the order was cancelled unpaid: nothing to give back", ""));
    /* 422: no such line; more than is left (line 0 sold 2, 1 asked; line 1 sold 1). */
    CHECK_EQ_INT(ask(&sami, 5, ORDER_02, "[{\"line_no\":2,\"quantity\":1}]", &a), 422);
    CHECK(refused_as(&a, "no such line in the order", "lines[0].line_no"));
    CHECK_EQ_INT(ask(&sami, 5, ORDER_02, "[{\"line_no\":0,\"quantity\":2}]", &a), 422);
    CHECK(refused_as(&a, "more than is left of the line (sold 2, given back or asked 1)",
                     "lines[0].quantity"));
    CHECK_EQ_INT(ask(&sami, 5, ORDER_02,
                     "[{\"line_no\":0,\"quantity\":1},{\"line_no\":1,\"quantity\":2}]", &a),
                 422);
    CHECK(refused_as(&a, "more than is left of the line (sold 1, given back or asked 0)",
                     "lines[1].quantity"));
    /* 400: the reader's refusals. */
    CHECK_EQ_INT(ask(&sami, 6, ORDER_02, "[{\"line_no\":0,\"quantity\":1,\"amount\":600}]", &a),
                 400);
    CHECK(refused_as(&a, "unknown member \"amount\"", "lines[0].amount"));
    CHECK_EQ_INT(ask(&sami, 6, ORDER_02,
                     "[{\"line_no\":1,\"quantity\":1},{\"line_no\":0,\"quantity\":1}]", &a),
                 400);
    CHECK(refused_as(&a, "line numbers must ascend, each once", "lines[1].line_no"));
    /* 413: a body over 12 KiB. */
    char *big = malloc(KS_BACKEND_REFUND_REQUEST_MAX + 2);
    CHECK(big != NULL);
    memset(big, ' ', KS_BACKEND_REFUND_REQUEST_MAX + 1);
    big[KS_BACKEND_REFUND_REQUEST_MAX + 1] = '\0';
    CHECK_EQ_INT(ask_body(&sami, big, &a), 413);
    CHECK(refused_as(&a, "body larger than 12288 bytes", ""));
    free(big);
    /* What is left: the second cola and the water, by the manager token (head office). */
    CHECK_EQ_INT(ask(NULL, 7, ORDER_02,
                     "[{\"line_no\":0,\"quantity\":1},{\"line_no\":1,\"quantity\":1}]", &a),
                 201);
    CHECK_EQ_INT(ask(&sami, 8, ORDER_02, "[{\"line_no\":1,\"quantity\":1}]", &a), 422);
    CHECK(refused_as(&a, "more than is left of the line (sold 1, given back or asked 1)",
                     "lines[0].quantity"));
    /* Listed, newest first, with who asked; audited once each. */
    CHECK_EQ_STR(listed(1, line, sizeof line), "requested - - 0x1");
    CHECK_EQ_STR(listed(7, line, sizeof line), "requested - - 0x1 1x1");
    CHECK_EQ_STR(listed(5, line, sizeof line), "absent");
    CHECK_EQ_INT(get("/v1/refund-requests?store=riyadh-01&limit=1", &sami, NULL, &a), 200);
    char id[37];
    CHECK_CONTAINS(a.body, request_id(7, id));
    CHECK_CONTAINS(a.body, "\"person\":\"manager-token\"");
    CHECK(!strstr(a.body, request_id(1, id)));
    CHECK_EQ_INT(audited("refund_request.create"), 2);
    backend_run_stop(&run);
}

/* Who may read the list, and its query refused. */
static void test_list_roles(void)
{
    CHECK(start("be_rr_list"));
    struct http_reply a;
    char id[37];
    CHECK_EQ_INT(ask(&sami, 1, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 201);
    CHECK_EQ_INT(get("/v1/refund-requests?store=riyadh-01", &sami, NULL, &a), 200);
    CHECK_CONTAINS(a.body, request_id(1, id));
    CHECK_CONTAINS(a.body, "\"person\":\"sami\"");
    CHECK_CONTAINS(a.body, "\"reason\":\"cold\"");
    CHECK_EQ_INT(get("/v1/refund-requests?store=riyadh-01", &auditor, NULL, &a), 200);
    CHECK_EQ_INT(get("/v1/refund-requests?store=riyadh-01", &nora, NULL, &a), 403);
    CHECK_EQ_INT(get("/v1/refund-requests?store=jeddah-01", &nora, NULL, &a), 200);
    CHECK_EQ_STR(a.body, "{\"requests\":[]}");
    CHECK_EQ_INT(get("/v1/refund-requests?store=riyadh-01", NULL, KITCHEN_TOKEN, &a), 403);
    CHECK_EQ_INT(get("/v1/refund-requests", NULL, NULL, &a), 400);
    CHECK(refused_as(&a, "expected ?store= a store id", "store"));
    CHECK_EQ_INT(get("/v1/refund-requests?store=riyadh-01&limit=0", NULL, NULL, &a), 400);
    CHECK(refused_as(&a, "expected a limit from 1 to 1000", "limit"));
    backend_run_stop(&run);
}

/* A kiosk sees its own orders' open requests only, with their lines. */
static void test_pending_own_kiosk(void)
{
    CHECK(start("be_rr_pending"));
    struct http_reply a;
    char id[37];
    CHECK_EQ_INT(ask(&sami, 1, ORDER_02, "[{\"line_no\":0,\"quantity\":2}]", &a), 201);
    CHECK_EQ_INT(ask(&sami, 2, ORDER_03, "[{\"line_no\":1,\"quantity\":1}]", &a), 201);
    CHECK_EQ_INT(get("/v1/refund-requests/pending", NULL, KITCHEN_TOKEN, &a), 200);
    CHECK_CONTAINS(a.body, request_id(1, id));
    CHECK_CONTAINS(a.body, "\"lines\":[{\"line_no\":0,\"quantity\":2}]");
    CHECK(!strstr(a.body, request_id(2, id)));
    CHECK_EQ_INT(get("/v1/refund-requests/pending", NULL, KITCHEN_OTHER_TOKEN, &a), 200);
    CHECK_CONTAINS(a.body, request_id(2, id));
    CHECK_CONTAINS(a.body, "\"kiosk_id\":\"kiosk-03\"");
    CHECK(!strstr(a.body, request_id(1, id)));
    /* A person or the manager token may not ask for a kiosk's pending requests. */
    CHECK_EQ_INT(get("/v1/refund-requests/pending", NULL, NULL, &a), 403);
    CHECK_EQ_INT(get("/v1/refund-requests/pending", &sami, NULL, &a), 403);
    /* Another kiosk's refusal of it is refused; its own settles it, and it is pending no more. */
    CHECK_EQ_INT(refuse(KITCHEN_OTHER_TOKEN, 1, "{\"reason\":\"not mine\"}", &a), 403);
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 1, "{\"reason\":\"card expired\"}", &a), 200);
    CHECK_EQ_INT(get("/v1/refund-requests/pending", NULL, KITCHEN_TOKEN, &a), 200);
    CHECK_EQ_STR(a.body, "{\"requests\":[]}");
    backend_run_stop(&run);
}

/* A refund naming a request marks it done once; refunds and open requests bound what is left. */
static void test_refund_marks_done(void)
{
    CHECK(start("be_rr_done"));
    struct http_reply a;
    char line[64];
    CHECK_EQ_INT(ask(&sami, 1, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 201);
    CHECK_EQ_INT(refund(KITCHEN_TOKEN, 1, ORDER_02, 1), 201);
    CHECK_EQ_STR(listed(1, line, sizeof line), "done 1 - 0x1");
    CHECK_EQ_INT(audited("refund_request.done"), 1);
    /* The refund again: a duplicate, nothing changes. */
    CHECK_EQ_INT(refund(KITCHEN_TOKEN, 1, ORDER_02, 1), 200);
    CHECK_EQ_INT(audited("refund_request.done"), 1);
    /* Refunded 1 and nothing open: 1 cola left, asked now; then nothing is left of the line. */
    CHECK_EQ_INT(ask(&sami, 2, ORDER_02, "[{\"line_no\":0,\"quantity\":2}]", &a), 422);
    CHECK(refused_as(&a, "more than is left of the line (sold 2, given back or asked 1)",
                     "lines[0].quantity"));
    CHECK_EQ_INT(ask(&sami, 2, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 201);
    CHECK_EQ_INT(ask(&sami, 3, ORDER_02, "[{\"line_no\":0,\"quantity\":1}]", &a), 422);
    CHECK(refused_as(&a, "more than is left of the line (sold 2, given back or asked 2)",
                     "lines[0].quantity"));
    /* Another refund naming the done request is stored; the request keeps its first refund. */
    CHECK_EQ_INT(refund(KITCHEN_TOKEN, 2, ORDER_02, 1), 201);
    CHECK_EQ_STR(listed(1, line, sizeof line), "done 1 - 0x1");
    CHECK_EQ_INT(audited("refund_request.done"), 1);
    /* The done request can no longer be refused; request 2 stays open. */
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 1, "{\"reason\":\"late\"}", &a), 409);
    CHECK(refused_as(&a, "a refund carried the request out already", ""));
    CHECK_EQ_STR(listed(2, line, sizeof line), "requested - - 0x1");
    backend_run_stop(&run);
}

/* A kiosk's refusal: stored once, its reason listed, what it asked free again. */
static void test_refusal(void)
{
    CHECK(start("be_rr_refusal"));
    struct http_reply a;
    char line[64];
    CHECK_EQ_INT(ask(&sami, 1, ORDER_02, "[{\"line_no\":0,\"quantity\":2}]", &a), 201);
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 1, "{\"reason\":\"terminal declined\"}", &a), 200);
    CHECK_EQ_STR(a.body, "{\"status\":\"refused\"}");
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 1, "{\"reason\":\"again\"}", &a), 200);
    CHECK_EQ_STR(a.body, "{\"status\":\"duplicate\"}");
    CHECK_EQ_STR(listed(1, line, sizeof line), "refused - terminal declined 0x2");
    CHECK_EQ_INT(audited("refund_request.refused"), 1);
    /* Refused, it holds nothing of the line: the whole line may be asked again. */
    CHECK_EQ_INT(ask(&sami, 2, ORDER_02, "[{\"line_no\":0,\"quantity\":2}]", &a), 201);
    /* A refund naming the refused request is stored; the request stays refused. */
    CHECK_EQ_INT(refund(KITCHEN_TOKEN, 1, ORDER_02, 1), 201);
    CHECK_EQ_STR(listed(1, line, sizeof line), "refused - terminal declined 0x2");
    /* Refused: no such request, a bad body, a body too large, a person. */
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 9, "{\"reason\":\"x\"}", &a), 404);
    CHECK(refused_as(&a, "no refund request is stored under that id", ""));
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 2, "{\"reason\":\"\"}", &a), 400);
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 2, "{\"reason\":\"x\",\"by\":\"me\"}", &a), 400);
    CHECK(refused_as(&a, "unknown member \"by\"", "by"));
    char big[1100];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK_EQ_INT(refuse(KITCHEN_TOKEN, 2, big, &a), 413);
    CHECK_EQ_INT(refuse(MANAGER_TOKEN, 2, "{\"reason\":\"x\"}", &a), 403);
    CHECK_EQ_STR(listed(2, line, sizeof line), "requested - - 0x2");
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"answers", test_answers},
        {"list_roles", test_list_roles},
        {"pending_own_kiosk", test_pending_own_kiosk},
        {"refund_marks_done", test_refund_marks_done},
        {"refusal", test_refusal},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
