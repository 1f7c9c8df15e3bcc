/*
 * People, roles, sessions and the audit log of the backend, over real HTTP
 * on loopback (the server in this process): a wrong password or name is
 * 401, repeated failures are 429 with a growing Retry-After, the session
 * cookie's flags, CSRF missing or wrong is 403, a store manager is held to
 * their stores, an auditor changes nothing, sessions expire (idle and
 * absolute: the API called with a later clock, on the same database), two
 * backend instances on one database accept each other's sessions and share
 * the limits, and every change has its audit row, written with it. Head
 * office adds people (POST /v1/people: a store manager only of stores that
 * exist, a name once, the password hashed) who then log in; head office and
 * auditors list everyone without their hashes; nobody else may do either.
 * A person changes their own password (the present one given again): their
 * other sessions end, the old password no longer opens anything. Head
 * office changes a person's role and stores (their session holds to the new
 * ones at once), resets a forgotten password (every session of theirs
 * ends) and removes a person (they can no longer sign in, their name is
 * free again); the chain's last head-office person can be neither demoted
 * nor removed, nobody removes themselves, and each change is audited.
 *
 * Run once per store: `test_backend_people` on SQLite files (ctest
 * unit.backend_people), `test_backend_people --pg` on the PostgreSQL server
 * of KIOSK_TEST_PG (unit.backend_people_pg), each case in a fresh schema.
 * Each case starts its own servers: the HTTP layer's own limit (10 refused
 * requests a minute from one address, auth_limit.h) is per server, and no
 * case comes near it.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>
#include <time.h>

#include "kiosk/backend/backend_people.h"
#include "kiosk/backend/backend_people_routes.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/backend/backend_session.h"
#include "kiosk/backend/backend_stock.h"

#define MANAGER_TOKEN "mgr-Qw8Er3Ty6Ui1Op4As7Df2Gh5"
#define STORE "riyadh-01"
#define OTHER_STORE "jeddah-01"

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run, second;
static ks_backend_config cfg; /* the running backends' */
static char database[4200];

/* Adds a person (store: a store manager's, else NULL) to the running backend's database. */
static bool add_person(const char *name, enum ks_backend_role role, const char *store,
                       const char *password)
{
    return add_person_to(run.store, name, role, store, password);
}

/* A fresh database called name, a backend on it, and hana, sami and aya in it. */
static bool start(const char *name)
{
    backend_run_stop(&second);
    return backend_start_ini(&run, &cfg, pg, name,
                             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
                             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " " STORE
                             "\nkiosk-03 = " KITCHEN_OTHER_TOKEN " " OTHER_STORE "\n",
                             database, sizeof database) &&
           add_person("hana", KS_ROLE_HEAD_OFFICE, NULL, HANA_PW) &&
           add_person("sami", KS_ROLE_STORE_MANAGER, STORE, SAMI_PW) &&
           add_person("aya", KS_ROLE_AUDITOR, NULL, AYA_PW);
}

/* A second backend on the same database (its own port). */
static bool start_second(void)
{
    return backend_run_start(&second, &cfg, database);
}

static long login(const char *name, const char *password, struct session *s)
{
    struct http_reply r;
    return login_at(run.base, name, password, s, &r);
}

/* The body of stock adjustment n of quantity received at store. */
static const char *adjustment(unsigned n, const char *store, char *out, size_t cap)
{
    snprintf(out, cap,
             "{\"request_id\":\"5eed0000-0000-4000-8000-0000000002%02u\",\"store_id\":\"%s\","
             "\"item_id\":\"cola\",\"kind\":\"received\",\"quantity\":12,\"reason\":\"delivery\","
             "\"person\":\"Hana\"}",
             n % 100, store);
    return out;
}

/* POSTs adjustment n at store with the session s (or the manager token when s is NULL). */
static long adjust(unsigned n, const char *store, const struct session *s)
{
    char body[512];
    struct http_reply r;
    return call(run.base, "POST", "/v1/stock/adjustments", s ? s->id : NULL, s ? s->csrf : NULL,
                s ? NULL : MANAGER_TOKEN, adjustment(n, store, body, sizeof body), &r);
}

static long get(const char *path, const struct session *s, struct http_reply *r)
{
    return call(run.base, "GET", path, s->id, NULL, NULL, NULL, r);
}

/* The audit rows (json_decref) as the store lists them, newest first. */
static json_t *audit_rows(void)
{
    json_t *rows = NULL;
    if (ks_backend_store_audit(run.store, "", 100, &rows) != KS_DB_OK)
        return json_array();
    return rows;
}

/* Audit row n (0 newest, person rows included) as "actor/role/action/store/target/before/after". */
static const char *audit_text(size_t n, char *out, size_t cap)
{
    json_t *rows = audit_rows(), *row = json_array_get(rows, n);
    snprintf(out, cap, "%s/%s/%s/%s/%s/%s/%s", json_string_value(json_object_get(row, "actor")),
             json_string_value(json_object_get(row, "role")),
             json_string_value(json_object_get(row, "action")),
             json_string_value(json_object_get(row, "store_id")),
             json_string_value(json_object_get(row, "target")),
             json_string_value(json_object_get(row, "before_summary")),
             json_string_value(json_object_get(row, "after_summary")));
    json_decref(rows);
    return out;
}

static size_t audit_count(void)
{
    json_t *rows = audit_rows();
    size_t n = json_array_size(rows);
    json_decref(rows);
    return n;
}

static void test_login_and_cookie(void)
{
    CHECK(start("pp_login"));
    struct session s;
    struct http_reply r;
    CHECK_EQ_INT(login_at(run.base, "hana", "not-her-password", &s, &r), 401);
    CHECK_EQ_STR(r.cookie, "");
    CHECK_EQ_INT(login_at(run.base, "nobody", HANA_PW, &s, &r), 401);
    CHECK_EQ_STR(r.body, "{\"error\":\"wrong name or password\",\"path\":\"\"}");
    CHECK_EQ_INT(login_at(run.base, "Hana", HANA_PW, &s, &r), 400);
    CHECK_EQ_INT(login_at(run.base, "hana", HANA_PW, &s, &r), 200);
    /* Plain HTTP on loopback: Secure is left out, or the test's client would not send it. */
    char expected[256];
    snprintf(expected, sizeof expected,
             "ks_session=%s; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict", s.id);
    CHECK_EQ_STR(r.cookie, expected);
    CHECK(ks_session_hex_ok(s.id));
    CHECK(ks_session_hex_ok(s.csrf));
    CHECK(strcmp(s.id, s.csrf) != 0);
    snprintf(expected, sizeof expected,
             "{\"name\":\"hana\",\"role\":\"head-office\",\"stores\":[],\"csrf\":\"%s\"}", s.csrf);
    CHECK_EQ_STR(r.body, expected);
    CHECK_EQ_INT(get("/v1/session", &s, &r), 200);
    CHECK_EQ_STR(r.body, expected);
    CHECK_EQ_INT(get("/v1/reports/sales?from=2026-11-01&to=2026-11-30", &s, &r), 200);
    /* Logout is a change: its CSRF token first. */
    CHECK_EQ_INT(call(run.base, "POST", "/v1/session/logout", s.id, s.csrf, NULL, "", &r), 200);
    CHECK(strstr(r.cookie, "ks_session=; Path=/; Max-Age=0; HttpOnly") == r.cookie);
    CHECK_EQ_INT(get("/v1/session", &s, &r), 401);
    CHECK_EQ_INT(get("/v1/reports/sales?from=2026-11-01&to=2026-11-30", &s, &r), 401);
    backend_run_stop(&run);
}

static void test_secure_cookie_off_loopback(void)
{
    CHECK(start("pp_secure"));
    ks_backend_config lan = cfg;
    snprintf(lan.listen, sizeof lan.listen, "%s", "10.0.0.5:8090");
    ks_backend_api *api = ks_backend_api_new(run.store, &lan);
    CHECK(api != NULL);
    static const char body[] = "{\"name\":\"hana\",\"password\":\"" HANA_PW "\"}";
    const ks_backend_request req = {
        .method = "POST", .path = "/v1/session", .body = body, .body_len = strlen(body)};
    ks_backend_response resp;
    ks_backend_api_handle(api, &req, (int64_t)time(NULL), &resp);
    CHECK_EQ_INT(resp.status, 200);
    CHECK(strstr(resp.set_cookie, "; HttpOnly; SameSite=Strict; Secure") != NULL);
    free(resp.body);
    ks_backend_api_free(api);
    backend_run_stop(&run);
}

/* POST /v1/session of name with password to api at now from client; the status, *retry. */
static int api_login(ks_backend_api *api, const char *name, const char *password,
                     const char *client, int64_t now, int64_t *retry)
{
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
    return api_post(api, "/v1/session", body, client, now, retry);
}

static void test_rate_limit(void)
{
    CHECK(start("pp_limit"));
    CHECK(start_second());
    struct session s;
    struct http_reply r;
    for (int i = 0; i < KS_LOGIN_FREE_FAILURES; i++)
        CHECK_EQ_INT(login_at(run.base, "hana", "guess-number-n", &s, &r), 401);
    /* The right password too waits now, on the other instance as well. */
    CHECK_EQ_INT(login_at(run.base, "hana", HANA_PW, &s, &r), 429);
    CHECK(r.retry_after > 0 && r.retry_after <= KS_LOGIN_FIRST_WAIT_S);
    CHECK_EQ_STR(s.id, "");
    CHECK_EQ_INT(login_at(second.base, "hana", HANA_PW, &s, &r), 429);
    /* The address is held too (every try came from 127.0.0.1), whatever the name. */
    CHECK_EQ_INT(login_at(second.base, "sami", SAMI_PW, &s, &r), 429);

    /* Through the API with a later clock: another address may log in as sami, not as hana. */
    ks_backend_api *api = ks_backend_api_new(run.store, &cfg);
    CHECK(api != NULL);
    int64_t now = (int64_t)time(NULL), retry = 0;
    CHECK_EQ_INT(api_login(api, "hana", HANA_PW, "192.0.2.9", now, &retry), 429);
    CHECK_EQ_INT(api_login(api, "sami", SAMI_PW, "192.0.2.9", now, &retry), 200);
    /* Past the first wait: one more failure, and the wait doubles. */
    now += KS_LOGIN_FIRST_WAIT_S + 1;
    CHECK_EQ_INT(api_login(api, "hana", "guess-number-6", "192.0.2.9", now, &retry), 401);
    CHECK_EQ_INT(api_login(api, "hana", HANA_PW, "192.0.2.9", now, &retry), 429);
    CHECK_EQ_INT(retry, 2 * KS_LOGIN_FIRST_WAIT_S);
    /* Past that: the right password clears the name's count. */
    now += 2 * KS_LOGIN_FIRST_WAIT_S;
    CHECK_EQ_INT(api_login(api, "hana", HANA_PW, "192.0.2.9", now, &retry), 200);
    CHECK_EQ_INT(api_login(api, "hana", "guess-number-7", "192.0.2.10", now, &retry), 401);
    CHECK_EQ_INT(api_login(api, "hana", HANA_PW, "192.0.2.10", now, &retry), 200);
    ks_backend_api_free(api);
    backend_run_stop(&second);
    backend_run_stop(&run);
}

static void test_csrf(void)
{
    CHECK(start("pp_csrf"));
    struct session s;
    struct http_reply r;
    CHECK_EQ_INT(login("hana", HANA_PW, &s), 200);
    static const char body[] =
        "{\"store_id\":\"" STORE "\",\"item_id\":\"cola\",\"low_at\":3,\"sold_out_at\":1}";
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/thresholds", s.id, NULL, NULL, body, &r), 403);
    CHECK_EQ_STR(r.body, "{\"error\":\"missing or wrong X-CSRF-Token\",\"path\":\"\"}");
    char wrong[KS_SESSION_HEX_LEN + 1];
    snprintf(wrong, sizeof wrong, "%s", s.csrf);
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/thresholds", s.id, wrong, NULL, body, &r), 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/session/logout", s.id, NULL, NULL, "", &r), 403);
    CHECK_EQ_INT(audit_count(), 3); /* the three people */
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/thresholds", s.id, s.csrf, NULL, body, &r), 200);
    /* A bearer token is not sent by a browser on its own: no CSRF token asked. */
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/stock/thresholds", NULL, NULL, MANAGER_TOKEN, body, &r), 200);
    CHECK_EQ_INT(audit_count(), 5);
    backend_run_stop(&run);
}

static void test_store_manager(void)
{
    CHECK(start("pp_manager"));
    struct session s;
    struct http_reply r;
    CHECK_EQ_INT(login("sami", SAMI_PW, &s), 200);
    CHECK_EQ_INT(get("/v1/session", &s, &r), 200);
    CHECK(strstr(r.body, "\"role\":\"store-manager\",\"stores\":[\"" STORE "\"]") != NULL);
    CHECK_EQ_INT(adjust(1, STORE, &s), 201);
    CHECK_EQ_INT(adjust(2, OTHER_STORE, &s), 403);
    CHECK_EQ_INT(get("/v1/stock?store=" STORE, &s, &r), 200);
    CHECK_EQ_INT(get("/v1/stock?store=" OTHER_STORE, &s, &r), 403);
    CHECK_EQ_INT(get("/v1/reports/sales?from=2026-11-01&to=2026-11-30&store=" STORE, &s, &r), 200);
    /* Every store at once is every store: not theirs. */
    CHECK_EQ_INT(get("/v1/reports/sales?from=2026-11-01&to=2026-11-30", &s, &r), 403);
    CHECK_EQ_STR(
        r.body, "{\"error\":\"a store manager must name one of their stores\",\"path\":\"store\"}");
    CHECK_EQ_INT(get("/v1/audit", &s, &r), 403);
    /* The health of their store's kiosks, not of the others'. */
    for (int i = 0; i < 2; i++) {
        char body[160];
        snprintf(body, sizeof body,
                 "{\"kiosk_id\":\"kiosk-0%d\",\"version\":\"1.4.0\",\"unsent\":0,"
                 "\"devices\":{\"printer\":\"ok\"}}",
                 2 + i);
        CHECK_EQ_INT(call(run.base, "POST", "/v1/heartbeat", NULL, NULL,
                          i ? KITCHEN_OTHER_TOKEN : KITCHEN_TOKEN, body, &r),
                     200);
    }
    CHECK_EQ_INT(get("/v1/kiosks?store=" STORE, &s, &r), 200);
    CHECK_CONTAINS(r.body, "\"kiosk_id\":\"kiosk-02\"");
    CHECK_CONTAINS(r.body, "\"store_id\":\"" STORE "\"");
    CHECK(strstr(r.body, "kiosk-03") == NULL);
    CHECK_EQ_INT(get("/v1/kiosks?store=" OTHER_STORE, &s, &r), 403);
    CHECK_EQ_INT(get("/v1/kiosks", &s, &r), 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/recipes", s.id, s.csrf, NULL,
                      "{\"item_id\":\"meal\",\"ingredients\":[]}", &r),
                 403);
    /* Only the change at their store happened. */
    json_t *levels = NULL;
    CHECK_EQ_INT(ks_backend_store_stock_levels(run.store, "", 0, &levels), KS_DB_OK);
    CHECK_EQ_INT(json_array_size(levels), 1);
    json_decref(levels);
    backend_run_stop(&run);
}

static void test_auditor(void)
{
    CHECK(start("pp_auditor"));
    struct session s, h;
    struct http_reply r;
    CHECK_EQ_INT(login("hana", HANA_PW, &h), 200);
    CHECK_EQ_INT(adjust(1, STORE, &h), 201);
    CHECK_EQ_INT(login("aya", AYA_PW, &s), 200);
    CHECK_EQ_INT(adjust(2, STORE, &s), 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/thresholds", s.id, s.csrf, NULL,
                      "{\"store_id\":\"" STORE "\",\"item_id\":\"cola\",\"low_at\":3}", &r),
                 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/recipes", s.id, s.csrf, NULL,
                      "{\"item_id\":\"meal\",\"ingredients\":[]}", &r),
                 403);
    /* Reads everything, every store at once included, and the audit log. */
    CHECK_EQ_INT(get("/v1/reports/sales?from=2026-11-01&to=2026-11-30", &s, &r), 200);
    CHECK_EQ_INT(get("/v1/stock?store=" STORE, &s, &r), 200);
    CHECK_EQ_INT(get("/v1/kiosks", &s, &r), 200);
    CHECK_EQ_INT(get("/v1/audit?limit=1", &s, &r), 200);
    json_t *root = json_loads(r.body, 0, NULL),
           *row = json_array_get(json_object_get(root, "rows"), 0);
    CHECK_EQ_STR(json_string_value(json_object_get(row, "actor")), "hana");
    CHECK_EQ_STR(json_string_value(json_object_get(row, "action")), "stock.adjust");
    CHECK_EQ_INT(json_array_size(json_object_get(root, "rows")), 1);
    json_decref(root);
    CHECK_EQ_INT(audit_count(), 4);
    backend_run_stop(&run);
}

static void test_audit_log(void)
{
    CHECK(start("pp_audit"));
    struct session s;
    struct http_reply r;
    char text[512];
    CHECK_EQ_STR(audit_text(0, text, sizeof text), "console/operator/person.add//aya/"
                                                   "/role=auditor stores=");
    CHECK_EQ_STR(audit_text(1, text, sizeof text),
                 "console/operator/person.add//sami//role=store-manager stores=" STORE);
    CHECK_EQ_INT(login("sami", SAMI_PW, &s), 200);
    CHECK_EQ_INT(adjust(1, STORE, &s), 201);
    CHECK_EQ_STR(audit_text(0, text, sizeof text),
                 "sami/store-manager/stock.adjust/" STORE "/cola/on_hand=0/on_hand=12 received 12");
    /* A repeat changes nothing and writes nothing; another body under its id neither. */
    CHECK_EQ_INT(adjust(1, STORE, &s), 200);
    CHECK_EQ_INT(adjust(1, "medina-01", NULL), 409);
    CHECK_EQ_INT(audit_count(), 4);
    /* The manager token is head office, under its own name. */
    CHECK_EQ_INT(adjust(2, STORE, NULL), 201);
    CHECK_EQ_STR(audit_text(0, text, sizeof text), "manager-token/head-office/stock.adjust/" STORE
                                                   "/cola/on_hand=12/on_hand=24 received 12");
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/thresholds", s.id, s.csrf, NULL,
                      "{\"store_id\":\"" STORE "\",\"item_id\":\"cola\",\"low_at\":5}", &r),
                 200);
    CHECK_EQ_STR(audit_text(0, text, sizeof text),
                 "sami/store-manager/stock.threshold/" STORE
                 "/cola/low_at=0 sold_out_at=0/low_at=5 sold_out_at=0");
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stock/recipes", NULL, NULL, MANAGER_TOKEN,
                      "{\"item_id\":\"meal\",\"ingredients\":[{\"item_id\":\"bun\",\"quantity\":1},"
                      "{\"item_id\":\"patty\",\"quantity\":2}]}",
                      &r),
                 200);
    CHECK_EQ_STR(audit_text(0, text, sizeof text),
                 "manager-token/head-office/recipe.put//meal//bun:1 patty:2");
    /* Filtered by store over HTTP. */
    CHECK_EQ_INT(call(run.base, "GET", "/v1/audit?store=" STORE "&limit=10", NULL, NULL,
                      MANAGER_TOKEN, NULL, &r),
                 200);
    json_t *root = json_loads(r.body, 0, NULL);
    CHECK_EQ_INT(json_array_size(json_object_get(root, "rows")), 3);
    json_decref(root);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/audit?limit=0", NULL, NULL, MANAGER_TOKEN, NULL, &r),
                 400);
    backend_run_stop(&run);
}

/* GET /v1/session on api at now with the session id; the status. */
static int api_whoami(ks_backend_api *api, const char *id, int64_t now)
{
    char cookie[128];
    snprintf(cookie, sizeof cookie, "ks_session=%s", id);
    const ks_backend_request req = {.method = "GET", .path = "/v1/session", .cookie = cookie};
    ks_backend_response resp;
    ks_backend_api_handle(api, &req, now, &resp);
    free(resp.body);
    return resp.status;
}

static void test_session_expiry(void)
{
    CHECK(start("pp_expiry"));
    ks_backend_api *api = ks_backend_api_new(run.store, &cfg);
    CHECK(api != NULL);
    struct session idle, busy;
    CHECK_EQ_INT(login("hana", HANA_PW, &idle), 200);
    CHECK_EQ_INT(login("hana", HANA_PW, &busy), 200);
    int64_t t = (int64_t)time(NULL);
    /* Idle: alive just before the limit from its last request, gone after. */
    CHECK_EQ_INT(api_whoami(api, idle.id, t + KS_SESSION_IDLE_S - 5), 200);
    CHECK_EQ_INT(api_whoami(api, idle.id, t + 2 * KS_SESSION_IDLE_S - 10), 200);
    CHECK_EQ_INT(api_whoami(api, idle.id, t + 3 * KS_SESSION_IDLE_S), 401);
    CHECK_EQ_INT(api_whoami(api, idle.id, t + 2 * KS_SESSION_IDLE_S - 10), 401); /* removed */
    /* Absolute: a session used every 20 minutes still ends 12 hours after login. */
    int64_t at = t;
    for (; at + 1200 < t + KS_SESSION_MAX_S; at += 1200)
        CHECK_EQ_INT(api_whoami(api, busy.id, at), 200);
    CHECK_EQ_INT(api_whoami(api, busy.id, t + KS_SESSION_MAX_S + 10), 401);
    ks_backend_api_free(api);
    backend_run_stop(&run);
}

static void test_two_instances(void)
{
    CHECK(start("pp_two"));
    CHECK(start_second());
    struct session s;
    struct http_reply r;
    CHECK_EQ_INT(login_at(run.base, "hana", HANA_PW, &s, &r), 200);
    CHECK_EQ_INT(call(second.base, "GET", "/v1/session", s.id, NULL, NULL, NULL, &r), 200);
    CHECK(strstr(r.body, s.csrf) != NULL);
    /* A change at the other instance with the first's CSRF token. */
    char body[512];
    CHECK_EQ_INT(call(second.base, "POST", "/v1/stock/adjustments", s.id, s.csrf, NULL,
                      adjustment(1, STORE, body, sizeof body), &r),
                 201);
    /* Logout at the second ends it at the first. */
    CHECK_EQ_INT(call(second.base, "POST", "/v1/session/logout", s.id, s.csrf, NULL, "", &r), 200);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/session", s.id, NULL, NULL, NULL, &r), 401);
    backend_run_stop(&second);
    backend_run_stop(&run);
}

/* POSTs the person body with session s (its CSRF token); the status. */
static long post_person(const struct session *s, const char *body, struct http_reply *r)
{
    return call(run.base, "POST", "/v1/people", s->id, s->csrf, NULL, body, r);
}

/* A fresh database called name with hana, sami and aya signed in (h, m, a) and the store
 * dammam-01 added by hana. */
static void start_signed_in(const char *name, struct session *h, struct session *m,
                            struct session *a)
{
    struct http_reply r;
    CHECK(start(name));
    CHECK_EQ_INT(login("hana", HANA_PW, h), 200);
    CHECK_EQ_INT(login("sami", SAMI_PW, m), 200);
    CHECK_EQ_INT(login("aya", AYA_PW, a), 200);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", h->id, h->csrf, NULL,
                      "{\"store_id\":\"dammam-01\",\"name_ar\":\"الدمام\",\"name_en\":\"Dammam\"}",
                      &r),
                 201);
}

/* Head office (session h) adds the store id to the database; the status. */
static long add_store(const struct session *h, const char *id, struct http_reply *r)
{
    char body[160];
    snprintf(body, sizeof body, "{\"store_id\":\"%s\",\"name_ar\":\"فرع\",\"name_en\":\"%s\"}", id,
             id);
    return call(run.base, "POST", "/v1/stores", h->id, h->csrf, NULL, body, r);
}

/* Refusal i was answered status with r's path: as expected, else both printed and failed. */
static void check_refusal(size_t i, long status, const struct http_reply *r, long want_status,
                          const char *want_path)
{
    char path[64] = "";
    member(r->body, "path", path, sizeof path);
    if (status != want_status || strcmp(path, want_path) != 0)
        fprintf(stderr, "  case %zu: %ld %s\n", i, status, r->body);
    CHECK_EQ_INT(status, want_status);
    CHECK_EQ_STR(path, want_path);
}

static void test_people(void)
{
    struct session h, m, a;
    struct http_reply r;
    start_signed_in("pp_people", &h, &m, &a);
    size_t audited = audit_count();
    /* Refused before anything is written. */
    static const struct {
        const char *body;
        long status;
        const char *path;
    } refused[] = {
        {"{\"name\":\"nora\",\"role\":\"store-manager\",\"password\":\"long enough pass\"}", 400,
         ""}, /* a missing member is reported at its object */
        {"{\"name\":\"nora\",\"role\":\"auditor\",\"stores\":[\"dammam-01\"],"
         "\"password\":\"long enough pass\"}",
         400, "stores"},
        {"{\"name\":\"nora\",\"role\":\"store-manager\",\"stores\":[\"dammam-01\",\"dammam-01\"],"
         "\"password\":\"long enough pass\"}",
         400, "stores[1]"},
        {"{\"name\":\"Nora\",\"role\":\"auditor\",\"password\":\"long enough pass\"}", 400, "name"},
        {"{\"name\":\"nora\",\"role\":\"owner\",\"password\":\"long enough pass\"}", 400, "role"},
        {"{\"name\":\"nora\",\"role\":\"auditor\",\"password\":\"short\"}", 400, "password"},
        {"{\"name\":\"nora\",\"role\":\"auditor\",\"password\":\"long enough pass\",\"x\":1}", 400,
         "x"},
        {"{\"name\":\"nora\",\"role\":\"store-manager\",\"stores\":[\"nowhere-01\"],"
         "\"password\":\"long enough pass\"}",
         422, "stores[0]"},
        {"{\"name\":\"sami\",\"role\":\"auditor\",\"password\":\"long enough pass\"}", 409, "name"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        check_refusal(i, post_person(&h, refused[i].body, &r), &r, refused[i].status,
                      refused[i].path);
    CHECK_EQ_INT(audit_count(), audited);
    /* Only head office adds people; a store manager and an auditor may not, nor list them. */
    const char *nora = "{\"name\":\"nora\",\"role\":\"store-manager\",\"stores\":[\"dammam-01\"],"
                       "\"password\":\"nora's long passphrase\"}";
    CHECK_EQ_INT(post_person(&m, nora, &r), 403);
    CHECK_EQ_INT(post_person(&a, nora, &r), 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/people", h.id, NULL, NULL, nora, &r), 403);
    CHECK_EQ_INT(get("/v1/people", &m, &r), 403);
    CHECK_EQ_INT(post_person(&h, nora, &r), 201);
    CHECK_CONTAINS(r.body, "\"created\"");
    CHECK_EQ_INT(post_person(&h, nora, &r), 409);
    char row[512];
    CHECK_EQ_STR(audit_text(0, row, sizeof row),
                 "hana/head-office/person.add//nora//role=store-manager stores=dammam-01");
    /* Nora logs in with her password, and is held to her store. */
    struct session n;
    CHECK_EQ_INT(login("nora", "wrong passphrase!", &n), 401);
    CHECK_EQ_INT(login("nora", "nora's long passphrase", &n), 200);
    CHECK_EQ_INT(get("/v1/stock?store=dammam-01", &n, &r), 200);
    CHECK_EQ_INT(get("/v1/stock?store=" STORE, &n, &r), 403);
    /* Head office and auditors list everyone, by name, without a hash. */
    CHECK_EQ_INT(get("/v1/people", &a, &r), 200);
    CHECK(strstr(r.body, "argon2") == NULL && strstr(r.body, "password") == NULL);
    json_t *root = json_loads(r.body, 0, NULL), *people = json_object_get(root, "people");
    char listed[256] = "";
    size_t used = 0, i;
    json_t *p;
    json_array_foreach (people, i, p) {
        json_t *stores = json_object_get(p, "stores");
        used += (size_t)snprintf(listed + used, sizeof listed - used, "%s%s:%s:%s", i ? "," : "",
                                 json_string_value(json_object_get(p, "name")),
                                 json_string_value(json_object_get(p, "role")),
                                 json_string_value(json_array_get(stores, 0))
                                     ? json_string_value(json_array_get(stores, 0))
                                     : "-");
        CHECK(json_integer_value(json_object_get(p, "created_at")) > 0);
    }
    json_decref(root);
    CHECK_EQ_STR(listed, "aya:auditor:-,hana:head-office:-,nora:store-manager:dammam-01,"
                         "sami:store-manager:" STORE);
    CHECK_EQ_INT(get("/v1/people", &h, &r), 200);
    backend_run_stop(&run);
}

/* POSTs a password change of session s from old to new; the status. */
static long change_password(const struct session *s, const char *old, const char *new_password,
                            struct http_reply *r)
{
    char body[512];
    snprintf(body, sizeof body, "{\"password\":\"%s\",\"new_password\":\"%s\"}", old, new_password);
    return call(run.base, "POST", "/v1/session/password", s->id, s->csrf, NULL, body, r);
}

static void test_password(void)
{
    CHECK(start("pp_password"));
    struct session first, second_login;
    struct http_reply r;
    CHECK_EQ_INT(login("sami", SAMI_PW, &first), 200);
    CHECK_EQ_INT(login("sami", SAMI_PW, &second_login), 200);
    size_t audited = audit_count();
    CHECK_EQ_INT(change_password(&first, "not the password", "sami's new passphrase", &r), 403);
    CHECK_EQ_INT(change_password(&first, SAMI_PW, "too short", &r), 400);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/session/password", first.id, NULL, NULL,
                      "{\"password\":\"" SAMI_PW "\",\"new_password\":\"sami's new passphrase\"}",
                      &r),
                 403); /* no CSRF token */
    CHECK_EQ_INT(call(run.base, "POST", "/v1/session/password", NULL, NULL, MANAGER_TOKEN,
                      "{\"password\":\"x\",\"new_password\":\"sami's new passphrase\"}", &r),
                 403); /* a session's own, never a token's */
    CHECK_EQ_INT(audit_count(), audited);
    CHECK_EQ_INT(change_password(&first, SAMI_PW, "sami's new passphrase", &r), 200);
    char row[512];
    CHECK_EQ_STR(audit_text(0, row, sizeof row),
                 "sami/store-manager/person.password//sami//other_sessions_ended=1");
    /* This session goes on; the other one ended; the old password opens nothing. */
    CHECK_EQ_INT(get("/v1/session", &first, &r), 200);
    CHECK_EQ_INT(get("/v1/session", &second_login, &r), 401);
    struct session again;
    CHECK_EQ_INT(login("sami", SAMI_PW, &again), 401);
    CHECK_EQ_INT(login("sami", "sami's new passphrase", &again), 200);
    /* Nobody else's password changed. */
    CHECK_EQ_INT(login("hana", HANA_PW, &again), 200);
    backend_run_stop(&run);
}

/* POSTs body to /v1/people/<name><suffix> with session s (NULL: the manager token); the status. */
static long person_call(const struct session *s, const char *name, const char *suffix,
                        const char *body, struct http_reply *r)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/people/%s%s", name, suffix);
    return call(run.base, "POST", path, s ? s->id : NULL, s ? s->csrf : NULL,
                s ? NULL : MANAGER_TOKEN, body, r);
}

static void test_manage(void)
{
    struct session h, m, a;
    struct http_reply r;
    start_signed_in("pp_manage", &h, &m, &a);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", h.id, h.csrf, NULL,
                      "{\"store_id\":\"khobar-01\",\"name_ar\":\"الخبر\",\"name_en\":\"Khobar\"}",
                      &r),
                 201);
    size_t audited = audit_count();
    /* Refused before anything is written. */
    static const struct {
        bool token; /* the manager token, else hana's session */
        const char *name, *suffix, *body;
        long status;
        const char *path;
    } refused[] = {
        {false, "nobody", "", "{\"role\":\"auditor\"}", 404, ""},
        {false, "Sami", "", "{\"role\":\"auditor\"}", 404, ""}, /* not a login name */
        {false, "sami", "", "{\"role\":\"auditor\",\"stores\":[\"dammam-01\"]}", 400, "stores"},
        {false, "sami", "", "{\"role\":\"store-manager\"}", 400, ""},
        {false, "sami", "", "{\"role\":\"store-manager\",\"stores\":[\"nowhere-01\"]}", 422,
         "stores[0]"},
        {false, "sami", "", "{\"role\":\"auditor\",\"password\":\"long enough pass\"}", 400,
         "password"},
        {false, "hana", "", "{\"role\":\"auditor\"}", 409, ""}, /* the last head office */
        {false, "hana", "/remove", "", 409, ""},                /* herself */
        {true, "hana", "/remove", "", 409, ""},                 /* the last head office */
        {false, "nobody", "/remove", "", 404, ""},
        {false, "hana", "/password", "{\"password\":\"hana's new passphrase\"}", 409, ""},
        {false, "sami", "/password", "{\"password\":\"short\"}", 400, "password"},
        {false, "nobody", "/password", "{\"password\":\"long enough pass\"}", 404, ""},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        long status = person_call(refused[i].token ? NULL : &h, refused[i].name, refused[i].suffix,
                                  refused[i].body, &r);
        check_refusal(i, status, &r, refused[i].status, refused[i].path);
    }
    /* Only head office, with the session's CSRF token. */
    const char *two_stores =
        "{\"role\":\"store-manager\",\"stores\":[\"dammam-01\",\"khobar-01\"]}";
    CHECK_EQ_INT(person_call(&m, "sami", "", two_stores, &r), 403);
    CHECK_EQ_INT(person_call(&a, "sami", "", two_stores, &r), 403);
    CHECK_EQ_INT(person_call(&a, "sami", "/remove", "", &r), 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/people/sami", h.id, NULL, NULL, two_stores, &r), 403);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/people/sami", h.id, NULL, NULL, NULL, &r), 405);
    CHECK_EQ_INT(audit_count(), audited);

    /* Sami runs two other stores: his open session holds to them at once. */
    CHECK_EQ_INT(get("/v1/stock?store=" STORE, &m, &r), 200);
    CHECK_EQ_INT(person_call(&h, "sami", "", two_stores, &r), 200);
    CHECK_CONTAINS(r.body, "\"stores\":[\"dammam-01\",\"khobar-01\"]");
    char row[512];
    CHECK_EQ_STR(audit_text(0, row, sizeof row),
                 "hana/head-office/person.change//sami/role=store-manager stores=" STORE
                 "/role=store-manager stores=dammam-01,khobar-01");
    CHECK_EQ_INT(get("/v1/stock?store=" STORE, &m, &r), 403);
    CHECK_EQ_INT(get("/v1/stock?store=dammam-01", &m, &r), 200);
    CHECK_EQ_INT(get("/v1/stock?store=khobar-01", &m, &r), 200);

    /* Aya becomes head office: two of them, so hana may now be made an auditor, by aya. */
    CHECK_EQ_INT(person_call(&h, "aya", "", "{\"role\":\"head-office\"}", &r), 200);
    CHECK_EQ_INT(person_call(&a, "hana", "", "{\"role\":\"auditor\"}", &r), 200);
    CHECK_EQ_INT(person_call(&h, "aya", "", "{\"role\":\"auditor\"}", &r), 403);
    CHECK_EQ_INT(get("/v1/people", &h, &r), 200); /* an auditor still reads */
    CHECK_EQ_INT(person_call(NULL, "aya", "", "{\"role\":\"auditor\"}", &r), 409);
    CHECK_EQ_STR(
        audit_text(0, row, sizeof row),
        "aya/head-office/person.change//hana/role=head-office stores=/role=auditor stores=");

    backend_run_stop(&run);
}

/* A separate case from test_manage: the server's limit of refused requests per address
 * (auth_limit.h) counts each 401 and 403, and each case's server is new. */
static void test_reset_and_remove(void)
{
    CHECK(start("pp_reset"));
    struct session h, m, m2;
    struct http_reply r;
    char row[512];
    CHECK_EQ_INT(login("hana", HANA_PW, &h), 200);
    CHECK_EQ_INT(login("sami", SAMI_PW, &m), 200);
    /* A forgotten password: the new one opens, the old one and every session of sami's end. */
    CHECK_EQ_INT(login("sami", SAMI_PW, &m2), 200);
    CHECK_EQ_INT(
        person_call(NULL, "sami", "/password", "{\"password\":\"sami's reset passphrase\"}", &r),
        200);
    CHECK_CONTAINS(r.body, "\"reset\"");
    CHECK_EQ_STR(audit_text(0, row, sizeof row),
                 "manager-token/head-office/person.password_reset//sami//sessions_ended=2");
    CHECK_EQ_INT(get("/v1/session", &m, &r), 401);
    CHECK_EQ_INT(get("/v1/session", &m2, &r), 401);
    CHECK_EQ_INT(login("sami", SAMI_PW, &m2), 401);
    CHECK_EQ_INT(login("sami", "sami's reset passphrase", &m2), 200);

    /* Sami removed: his session ends, he cannot sign in, the list leaves him out; the name is free
     * again and his earlier audit rows stay. */
    size_t before_removal = audit_count();
    CHECK_EQ_INT(person_call(&h, "sami", "/remove", "", &r), 200);
    CHECK_EQ_STR(audit_text(0, row, sizeof row),
                 "hana/head-office/person.remove//sami/role=store-manager stores=" STORE
                 "/removed sessions_ended=1");
    CHECK_EQ_INT(audit_count(), before_removal + 1);
    CHECK_EQ_INT(get("/v1/session", &m2, &r), 401);
    CHECK_EQ_INT(login("sami", "sami's reset passphrase", &m2), 401);
    CHECK_EQ_INT(get("/v1/people", &h, &r), 200);
    CHECK(strstr(r.body, "\"sami\"") == NULL);
    CHECK_EQ_INT(person_call(&h, "sami", "/remove", "", &r), 404);
    CHECK_EQ_INT(post_person(&h,
                             "{\"name\":\"sami\",\"role\":\"auditor\","
                             "\"password\":\"a new sami's passphrase\"}",
                             &r),
                 201);
    backend_run_stop(&run);
}

/* GET /v1/staff?store= with a kiosk's token (If-None-Match: etag unless NULL). */
static long staff_list(const char *token, const char *store, const char *etag, struct http_reply *r)
{
    char url[256], header[128];
    snprintf(url, sizeof url, "%s/v1/staff?store=%s", run.base, store);
    snprintf(header, sizeof header, "If-None-Match: %s", etag ? etag : "");
    return http_call(
        &(struct http_request){
            .method = "GET", .url = url, .token = token, .headers = {etag ? header : NULL}},
        r);
}

/* The index of the listed person whose PIN is pin in the staff list body, or -1; -2 unless every
 * hash is well formed and of one salt (the store's). */
static long staff_find(const char *body, const char *pin, char *id, size_t cap)
{
    json_t *root = json_loads(body, 0, NULL), *staff = json_object_get(root, "staff");
    const char *hashes[16];
    size_t n = json_array_size(staff) < 16 ? json_array_size(staff) : 16;
    bool one_salt = true;
    for (size_t i = 0; i < n; i++) {
        hashes[i] = json_string_value(json_object_get(json_array_get(staff, i), "pin_hash"));
        /* pbkdf2-sha256$ITER$SALT$: the same up to the hash */
        one_salt = one_salt && ks_staff_secret_valid(hashes[i]) &&
                   strncmp(hashes[i], hashes[0], strrchr(hashes[0], '$') - hashes[0]) == 0;
    }
    long found = one_salt ? ks_staff_secret_find(pin, hashes, n) : -2;
    snprintf(id, cap, "%s",
             found < 0 ? ""
                       : json_string_value(json_object_get(json_array_get(staff, found), "id")));
    json_decref(root);
    return found;
}

/*
 * Kiosk PINs: head office adds floor staff (a person with stores and no
 * password, who cannot sign in), a store manager gives them a PIN at their
 * own store only, a PIN another person holds at the store is refused, each
 * change is audited, the store's kiosk pulls the list (its hashes verify,
 * a 304 when unchanged, another store's kiosk and the back office may not
 * read it), and a PIN goes at once with its clearing, the person's removal
 * or the store leaving their stores.
 */
static void test_kiosk_pins(void)
{
    struct session h, m, a, o;
    struct http_reply r;
    char row[512], id[KS_PERSON_NAME_MAX + 1];
    start_signed_in("pp_pins", &h, &m, &a);
    CHECK_EQ_INT(add_store(&h, STORE, &r), 201);
    CHECK_EQ_INT(post_person(&h,
                             "{\"name\":\"omar\",\"role\":\"staff\",\"stores\":[\"" STORE
                             "\"],\"password\":\"long enough pass\"}",
                             &r),
                 400);
    CHECK_CONTAINS(r.body, "\"password\"");
    CHECK_EQ_INT(post_person(&h, "{\"name\":\"omar\",\"role\":\"staff\"}", &r), 400);
    CHECK_EQ_INT(
        post_person(&h, "{\"name\":\"omar\",\"role\":\"staff\",\"stores\":[\"" STORE "\"]}", &r),
        201);
    CHECK_EQ_INT(login("omar", "", &o), 400);
    CHECK_EQ_INT(login("omar", "long enough pass", &o), 401);

    size_t audited = audit_count();
    static const struct {
        int who; /* 0 hana, 1 sami, 2 aya */
        const char *name, *body;
        long status;
        const char *path;
    } refused[] = {
        {1, "omar", "{\"pin\":\"123\"}", 400, "pin"},
        {1, "omar", "{\"pin\":\"123456789\"}", 400, "pin"},
        {1, "omar", "{\"pin\":\"12a4\"}", 400, "pin"},
        {1, "omar", "{\"pin\":\"1234\",\"x\":1}", 400, "x"},
        {1, "omar", "{\"pin\":\"1234\",\"stores\":[\"dammam-01\"]}", 403, "stores[0]"},
        {0, "omar", "{\"pin\":\"1234\",\"stores\":[\"dammam-01\"]}", 422, "stores[0]"},
        {0, "hana", "{\"pin\":\"1234\"}", 400, "stores"},
        {0, "hana", "{\"pin\":\"1234\",\"stores\":[\"nowhere-01\"]}", 422, "stores[0]"},
        {0, "nobody", "{\"pin\":\"1234\"}", 404, ""},
        {2, "omar", "{\"pin\":\"1234\"}", 403, ""},
    };
    const struct session *as[] = {&h, &m, &a};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        long status = person_call(as[refused[i].who], refused[i].name, KS_PEOPLE_PIN_SUFFIX,
                                  refused[i].body, &r);
        check_refusal(i, status, &r, refused[i].status, refused[i].path);
    }
    CHECK_EQ_INT(audit_count(), audited);

    /* Sami gives omar a PIN at his store; the same PIN for sami is omar's already. */
    CHECK_EQ_INT(person_call(&m, "omar", KS_PEOPLE_PIN_SUFFIX, "{\"pin\":\"4321\"}", &r), 200);
    CHECK_EQ_STR(audit_text(0, row, sizeof row),
                 "sami/store-manager/person.kiosk_pin/" STORE "/omar//kiosk PIN set");
    CHECK_EQ_INT(person_call(&h, "sami", KS_PEOPLE_PIN_SUFFIX, "{\"pin\":\"4321\"}", &r), 409);
    CHECK_CONTAINS(r.body, "\"path\":\"" STORE "\"");
    CHECK_EQ_INT(person_call(&h, "sami", KS_PEOPLE_PIN_SUFFIX, "{\"pin\":\"98765\"}", &r), 200);
    /* Hana, who has no stores, holds a PIN at the two she names. */
    CHECK_EQ_INT(person_call(&h, "hana", KS_PEOPLE_PIN_SUFFIX,
                             "{\"pin\":\"55555555\",\"stores\":[\"" STORE "\",\"dammam-01\"]}", &r),
                 200);
    CHECK_EQ_INT(audit_count(), audited + 4);
    CHECK_EQ_INT(get("/v1/people", &h, &r), 200);
    CHECK_CONTAINS(r.body, "\"kiosk_pin_stores\":[\"dammam-01\",\"" STORE "\"]");
    CHECK(strstr(r.body, "pbkdf2") == NULL);

    /* The store's kiosk pulls the list: each PIN names its person. */
    CHECK_EQ_INT(staff_list(KITCHEN_TOKEN, STORE, NULL, &r), 200);
    CHECK(strstr(r.body, "\"id\":\"hana\"") && strstr(r.body, "\"id\":\"omar\"") &&
          strstr(r.body, "\"id\":\"sami\""));
    CHECK_EQ_INT(staff_find(r.body, "4321", id, sizeof id), 1);
    CHECK_EQ_STR(id, "omar");
    CHECK(staff_find(r.body, "98765", id, sizeof id) >= 0);
    CHECK_EQ_STR(id, "sami");
    CHECK(staff_find(r.body, "55555555", id, sizeof id) >= 0);
    CHECK_EQ_STR(id, "hana");
    CHECK_EQ_INT(staff_find(r.body, "1234", id, sizeof id), -1);
    char etag[80];
    snprintf(etag, sizeof etag, "%s", r.etag);
    CHECK(etag[0]);
    CHECK_EQ_INT(staff_list(KITCHEN_TOKEN, STORE, etag, &r), 304);
    CHECK_EQ_INT(staff_list(KITCHEN_OTHER_TOKEN, STORE, NULL, &r), 403);
    CHECK_EQ_INT(staff_list(KITCHEN_TOKEN, "Riyadh", NULL, &r), 403);
    CHECK_EQ_INT(get("/v1/staff?store=" STORE, &h, &r), 403);

    /* Cleared by sami at his store: gone from the list, with its audit row. */
    CHECK_EQ_INT(person_call(&m, "omar", KS_PEOPLE_PIN_CLEAR_SUFFIX, "", &r), 200);
    CHECK_CONTAINS(r.body, "\"stores\":1");
    CHECK_EQ_STR(audit_text(0, row, sizeof row), "sami/store-manager/person.kiosk_pin_clear/" STORE
                                                 "/omar/kiosk PIN set/kiosk PIN removed");
    CHECK_EQ_INT(staff_list(KITCHEN_TOKEN, STORE, etag, &r), 200);
    CHECK_EQ_INT(staff_find(r.body, "4321", id, sizeof id), -1);
    /* Sami clears only at his store: hana's PIN at dammam-01 stays. */
    CHECK_EQ_INT(person_call(&m, "hana", KS_PEOPLE_PIN_CLEAR_SUFFIX, "", &r), 200);
    CHECK_EQ_INT(staff_list(KITCHEN_TOKEN, STORE, NULL, &r), 200);
    CHECK(strstr(r.body, "\"hana\"") == NULL);
    CHECK_EQ_INT(get("/v1/people", &h, &r), 200);
    CHECK_CONTAINS(r.body, "\"kiosk_pin_stores\":[\"dammam-01\"]");

    /* Omar's PIN again (a cleared PIN is free), then omar removed: it goes with him. */
    CHECK_EQ_INT(person_call(&m, "omar", KS_PEOPLE_PIN_SUFFIX, "{\"pin\":\"4321\"}", &r), 200);
    CHECK_EQ_INT(person_call(&h, "omar", KS_PEOPLE_REMOVE_SUFFIX, "", &r), 200);
    CHECK_EQ_INT(staff_list(KITCHEN_TOKEN, STORE, NULL, &r), 200);
    CHECK(strstr(r.body, "\"omar\"") == NULL);
    /* Sami moved to dammam-01 only: his PIN at the store he left goes. */
    CHECK(strstr(r.body, "\"sami\"") != NULL);
    CHECK_EQ_INT(
        person_call(&h, "sami", "", "{\"role\":\"store-manager\",\"stores\":[\"dammam-01\"]}", &r),
        200);
    CHECK_EQ_INT(staff_list(KITCHEN_TOKEN, STORE, NULL, &r), 200);
    CHECK_CONTAINS(r.body, "\"staff\":[]");
    backend_run_stop(&run);
}

/* A people list's body as "name:role:stores:pin stores" per person ("-" for none), commas
 * between; a static buffer. */
static const char *people_text(const char *body)
{
    static char out[512];
    json_t *root = json_loads(body, 0, NULL), *p;
    size_t used = 0, i, j;
    out[0] = '\0';
    json_array_foreach (json_object_get(root, "people"), i, p) {
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s:%s", i ? "," : "",
                                 json_string_value(json_object_get(p, "name")),
                                 json_string_value(json_object_get(p, "role")));
        static const char *const lists[] = {"stores", "kiosk_pin_stores"};
        for (size_t l = 0; l < 2; l++) {
            json_t *list = json_object_get(p, lists[l]), *id;
            if (json_array_size(list) == 0)
                used += (size_t)snprintf(out + used, sizeof out - used, ":-");
            json_array_foreach (list, j, id)
                used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", j ? " " : ":",
                                         json_string_value(id));
        }
        if (json_integer_value(json_object_get(p, "created_at")) <= 0)
            used += (size_t)snprintf(out + used, sizeof out - used, ":no created_at");
    }
    json_decref(root);
    return out;
}

/*
 * A PIN's removal at one store (?store=, #15): nadia, manager of two
 * stores, removes omar's PIN at dammam-01 alone (one audit row there, his
 * PIN at the other store kept); a store she does not run is 403, a
 * malformed id 400, an unknown one 422 (head office), nothing changed by
 * those; head office's removal with no store takes the rest.
 */
static void test_kiosk_pin_cleared_at_one_store(void)
{
    struct session h, m, a, n;
    struct http_reply r;
    char row[512];
    start_signed_in("pp_pin_one_store", &h, &m, &a);
    CHECK_EQ_INT(add_store(&h, STORE, &r), 201);
    CHECK_EQ_INT(post_person(&h,
                             "{\"name\":\"nadia\",\"role\":\"store-manager\",\"stores\":[\"" STORE
                             "\",\"dammam-01\"],\"password\":\"nadia long passphrase\"}",
                             &r),
                 201);
    CHECK_EQ_INT(login("nadia", "nadia long passphrase", &n), 200);
    CHECK_EQ_INT(post_person(&h,
                             "{\"name\":\"omar\",\"role\":\"staff\",\"stores\":[\"" STORE
                             "\",\"dammam-01\"]}",
                             &r),
                 201);
    CHECK_EQ_INT(person_call(&n, "omar", KS_PEOPLE_PIN_SUFFIX, "{\"pin\":\"4321\"}", &r), 200);
    CHECK_CONTAINS(r.body, "\"stores\":2");

    size_t audited = audit_count();
    static const struct {
        int who; /* 0 hana, 1 sami, 2 nadia */
        const char *suffix;
        long status;
        const char *path;
    } refused[] = {
        {2, KS_PEOPLE_PIN_CLEAR_SUFFIX "?store=" OTHER_STORE, 403, "store"},
        {1, KS_PEOPLE_PIN_CLEAR_SUFFIX "?store=dammam-01", 403, "store"},
        {2, KS_PEOPLE_PIN_CLEAR_SUFFIX "?store=Dammam", 400, "store"},
        {0, KS_PEOPLE_PIN_CLEAR_SUFFIX "?store=nowhere-01", 422, "store"},
    };
    const struct session *as[] = {&h, &m, &n};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        long status = person_call(as[refused[i].who], "omar", refused[i].suffix, "", &r);
        check_refusal(i, status, &r, refused[i].status, refused[i].path);
    }
    CHECK_EQ_INT(audit_count(), audited);

    CHECK_EQ_INT(person_call(&n, "omar", KS_PEOPLE_PIN_CLEAR_SUFFIX "?store=dammam-01", "", &r),
                 200);
    CHECK_CONTAINS(r.body, "\"stores\":1");
    CHECK_EQ_INT(audit_count(), audited + 1);
    CHECK_EQ_STR(audit_text(0, row, sizeof row), "nadia/store-manager/person.kiosk_pin_clear/"
                                                 "dammam-01/omar/kiosk PIN set/kiosk PIN removed");
    CHECK_EQ_INT(get("/v1/people", &h, &r), 200);
    CHECK(strstr(people_text(r.body), "omar:staff:dammam-01 " STORE ":" STORE) != NULL);
    CHECK_EQ_INT(person_call(&h, "omar", KS_PEOPLE_PIN_CLEAR_SUFFIX, "", &r), 200);
    CHECK_CONTAINS(r.body, "\"stores\":1");
    CHECK_EQ_STR(audit_text(0, row, sizeof row), "hana/head-office/person.kiosk_pin_clear/" STORE
                                                 "/omar/kiosk PIN set/kiosk PIN removed");
    CHECK_EQ_INT(get("/v1/people", &h, &r), 200);
    CHECK(strstr(people_text(r.body), "omar:staff:dammam-01 " STORE ":-") != NULL);
    backend_run_stop(&run);
}

/*
 * A store's people (GET /v1/people?store=): a store manager lists those of
 * their own store, staff and managers, each with that store alone (a PIN
 * held at another store, or another store of theirs, does not show); another
 * store, or every store at once, is 403.
 */
static void test_store_people(void)
{
    struct session h, m, a;
    struct http_reply r;
    start_signed_in("pp_store_people", &h, &m, &a);
    /* omar works at both stores, badr at dammam-01 only. */
    CHECK_EQ_INT(
        post_person(&h, "{\"name\":\"badr\",\"role\":\"staff\",\"stores\":[\"dammam-01\"]}", &r),
        201);
    CHECK_EQ_INT(add_store(&h, STORE, &r), 201);
    CHECK_EQ_INT(post_person(&h,
                             "{\"name\":\"omar\",\"role\":\"staff\",\"stores\":[\"" STORE
                             "\",\"dammam-01\"]}",
                             &r),
                 201);
    CHECK_EQ_INT(person_call(&h, "omar", KS_PEOPLE_PIN_SUFFIX,
                             "{\"pin\":\"4321\",\"stores\":[\"dammam-01\"]}", &r),
                 200);
    CHECK_EQ_INT(person_call(&h, "badr", KS_PEOPLE_PIN_SUFFIX, "{\"pin\":\"1111\"}", &r), 200);
    CHECK_EQ_INT(get("/v1/people?store=" STORE, &m, &r), 200);
    CHECK_EQ_STR(people_text(r.body), "omar:staff:" STORE ":-,sami:store-manager:" STORE ":-");
    /* Sami gives omar a PIN at his store from that list (named, as the page does: omar's own
     * stores include one not sami's), it shows, dammam-01's still does not. */
    CHECK_EQ_INT(person_call(&m, "omar", KS_PEOPLE_PIN_SUFFIX, "{\"pin\":\"5678\"}", &r), 403);
    CHECK_EQ_INT(person_call(&m, "omar", KS_PEOPLE_PIN_SUFFIX,
                             "{\"pin\":\"5678\",\"stores\":[\"" STORE "\"]}", &r),
                 200);
    CHECK_EQ_INT(get("/v1/people?store=" STORE, &m, &r), 200);
    CHECK_EQ_STR(people_text(r.body),
                 "omar:staff:" STORE ":" STORE ",sami:store-manager:" STORE ":-");
    CHECK(strstr(r.body, "dammam") == NULL && strstr(r.body, "badr") == NULL &&
          strstr(r.body, "hana") == NULL && strstr(r.body, "pbkdf2") == NULL);
    /* Another store, or every store at once, is not his. */
    CHECK_EQ_INT(get("/v1/people?store=dammam-01", &m, &r), 403);
    CHECK_EQ_STR(
        r.body, "{\"error\":\"a store manager must name one of their stores\",\"path\":\"store\"}");
    CHECK_EQ_INT(get("/v1/people", &m, &r), 403);
    /* Head office and auditors see any store's people the same way. */
    CHECK_EQ_INT(get("/v1/people?store=dammam-01", &a, &r), 200);
    CHECK_EQ_STR(people_text(r.body),
                 "badr:staff:dammam-01:dammam-01,omar:staff:dammam-01:dammam-01");
    CHECK_EQ_INT(get("/v1/people?store=" STORE, &h, &r), 200);
    CHECK_CONTAINS(r.body, "\"omar\"");
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"login_and_cookie", test_login_and_cookie},
        {"secure_cookie_off_loopback", test_secure_cookie_off_loopback},
        {"rate_limit", test_rate_limit},
        {"csrf", test_csrf},
        {"store_manager", test_store_manager},
        {"auditor", test_auditor},
        {"audit_log", test_audit_log},
        {"session_expiry", test_session_expiry},
        {"two_instances", test_two_instances},
        {"people", test_people},
        {"password", test_password},
        {"manage", test_manage},
        {"reset_and_remove", test_reset_and_remove},
        {"kiosk_pins", test_kiosk_pins},
        {"kiosk_pin_cleared_at_one_store", test_kiosk_pin_cleared_at_one_store},
        {"store_people", test_store_people},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
