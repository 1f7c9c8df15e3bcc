/*
 * Stores, devices and their enrolment (kiosk/docs/backend-api.md, "Stores
 * and devices"), over real HTTP on loopback (the server in this process):
 * an INI kiosk bound to its store files orders and reads the menu of that
 * store only; head office adds a store; a manager makes a one-time code; a
 * device trades it for its own token, which files orders for its store
 * only and opens nothing once revoked; a code is good once, and not past
 * its time; failed codes are limited like logins; a store manager enrols
 * for their own stores only, an auditor only reads; a kitchen display
 * only reads; an enrolled sales channel reserves its own store's stock and
 * nothing else, and may not take an INI channel's name; of two enrolments
 * racing with one code exactly one wins
 * (threads, each with its own connection); every change is audited; codes
 * long used or expired are forgotten; an enrolled attendant console takes
 * an enrolled kiosk's lane by its own token and signs the back office's
 * people in with their kiosk PINs, whose decisions the staff report names.
 *
 * Run once per store: `test_backend_enrol` on SQLite files (ctest
 * unit.backend_enrol), `test_backend_enrol --pg` on the PostgreSQL server
 * of KIOSK_TEST_PG (unit.backend_enrol_pg), each case in a fresh schema.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>
#include <pthread.h>

#include "kiosk/app/attendant_link.h"
#include "kiosk/app/device_token.h"
#include "kiosk/app/peer_pull.h"
#include "kiosk/attendant/att_server.h"
#include "kiosk/attendant/att_staff.h"
#include "kiosk/backend/backend_device.h"
#include "kiosk/common/uuid.h"
#include "kiosk/kitchen/kds_server.h"
#include "kiosk/domain/peer_list.h"
#include "kiosk/domain/order_json.h"

#define MANAGER_TOKEN "mgr-Qw8Er3Ty6Ui1Op4As7Df2Gh5"
#define STORE "riyadh-01"
#define OTHER_STORE "jeddah-01"
#define INI_SHOP_TOKEN "shop-Zx4Cv7Bn2Mq5Wr8Ty3Ui"

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg; /* the running backend's */
static char database[4200];

/*
 * A fresh database called name and a backend on it: kiosk-02 bound to
 * riyadh-01, kiosk-03 in the old form (no store), the menu of riyadh-01;
 * hana (head office), sami (store manager of riyadh-01) and aya (auditor).
 */
static bool start(const char *name)
{
    char ini[2048];
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " " STORE "\nkiosk-03 = " KITCHEN_OTHER_TOKEN
             "\n[channels]\nweb-shop = " INI_SHOP_TOKEN "\n[menus]\n" STORE
             " = %s/assets/menus/restaurant.json\n",
             check_source_dir());
    return backend_start_ini(&run, &cfg, pg, name, ini, database, sizeof database) &&
           add_person_to(run.store, "hana", KS_ROLE_HEAD_OFFICE, NULL, HANA_PW) &&
           add_person_to(run.store, "sami", KS_ROLE_STORE_MANAGER, STORE, SAMI_PW) &&
           add_person_to(run.store, "aya", KS_ROLE_AUDITOR, NULL, AYA_PW);
}

static long login(const char *name, const char *password, struct session *s)
{
    struct http_reply r;
    return login_at(run.base, name, password, s, &r);
}

/* Paid order index of kiosk for store, as JSON (free()); its uuid into uuid[37] (may be NULL). */
static char *paid_json(const char *kiosk, const char *store, unsigned index, char *uuid)
{
    ks_order *o = fixture_order(index, store, KITCHEN_NOON, 240);
    o->number = (int32_t)index;
    o->status = KS_ORDER_PAID;
    snprintf(o->kiosk_id, sizeof o->kiosk_id, "%s", kiosk);
    if (uuid)
        snprintf(uuid, 37, "%s", o->uuid);
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    return json;
}

/* POSTs paid order index of kiosk for store with token; the status. */
static long order(const char *token, const char *kiosk, const char *store, unsigned index)
{
    char *json = paid_json(kiosk, store, index, NULL);
    struct http_reply r;
    long status = call(run.base, "POST", "/v1/orders", NULL, NULL, token, json, &r);
    free(json);
    return status;
}

/* A code for device id of kind at store asked for by s (NULL: the manager token) into code. */
static long new_code(const struct session *s, const char *store, const char *id, const char *kind,
                     char *code, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body, "{\"store_id\":\"%s\",\"device_id\":\"%s\",\"kind\":\"%s\"}", store,
             id, kind);
    struct http_reply r;
    long status = call(run.base, "POST", "/v1/devices/enrolment-codes", s ? s->id : NULL,
                       s ? s->csrf : NULL, s ? NULL : MANAGER_TOKEN, body, &r);
    member(r.body, "code", code, cap);
    return status;
}

/* Enrols device id with code (no token); its token into token. */
static long enrol(const char *code, const char *id, char *token, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body, "{\"code\":\"%s\",\"device_id\":\"%s\"}", code, id);
    struct http_reply r;
    long status = call(run.base, "POST", "/v1/devices/enrol", NULL, NULL, NULL, body, &r);
    member(r.body, "token", token, cap);
    return status;
}

static long get_with(const char *path, const char *token, struct http_reply *r)
{
    return call(run.base, "GET", path, NULL, NULL, token, NULL, r);
}

static void test_config_store(void)
{
    ks_backend_config c;
    char why[256];
    static const struct {
        const char *ini, *error; /* error NULL: loads */
    } cases[] = {
        {"[kiosks]\nk1 = " KITCHEN_TOKEN "\n", NULL},
        {"[kiosks]\nk1 = " KITCHEN_TOKEN " riyadh-01\n", NULL},
        {"[kiosks]\nk1 = " KITCHEN_TOKEN "   riyadh-01\n", NULL},
        {"[kiosks]\nk1 = " KITCHEN_TOKEN " Riyadh 01\n", "optionally its store id"},
        {"[kiosks]\nk1 = short riyadh-01\n", "a token is 16 to 128"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ks_backend_config_defaults(&c);
        why[0] = '\0';
        bool ok = ks_backend_config_parse(&c, cases[i].ini, strlen(cases[i].ini), why, sizeof why);
        CHECK(ok == (cases[i].error == NULL));
        if (cases[i].error)
            CHECK(strstr(why, cases[i].error) != NULL);
    }
    ks_backend_config_defaults(&c);
    const char *ini = "[kiosks]\nk1 = " KITCHEN_TOKEN " riyadh-01\nk2 = " KITCHEN_OTHER_TOKEN "\n";
    CHECK(ks_backend_config_parse(&c, ini, strlen(ini), why, sizeof why));
    CHECK_EQ_STR(c.kiosks[0].token, KITCHEN_TOKEN);
    CHECK_EQ_STR(c.kiosks[0].store_id, "riyadh-01");
    CHECK_EQ_STR(c.kiosks[1].store_id, "");
}

static void test_ini_kiosk_bound(void)
{
    CHECK(start("en_ini"));
    struct http_reply r;
    CHECK_EQ_INT(order(KITCHEN_TOKEN, "kiosk-02", STORE, 1), 201);
    CHECK_EQ_INT(order(KITCHEN_TOKEN, "kiosk-02", OTHER_STORE, 2), 403);
    CHECK_EQ_INT(get_with("/v1/menu?store=" STORE, KITCHEN_TOKEN, &r), 200);
    CHECK_EQ_INT(get_with("/v1/menu?store=" OTHER_STORE, KITCHEN_TOKEN, &r), 403);
    CHECK(strstr(r.body, "serves another store") != NULL);
    /* The old form: no store of its own, any store's orders (as before). */
    CHECK_EQ_INT(order(KITCHEN_OTHER_TOKEN, "kiosk-03", OTHER_STORE, 3), 201);
    backend_run_stop(&run);
}

static void test_enrol_flow(void)
{
    CHECK(start("en_flow"));
    struct session hana;
    struct http_reply r;
    CHECK_EQ_INT(login("hana", HANA_PW, &hana), 200);
    /* A new store that sells riyadh-01's menu. */
    const char *store = "{\"store_id\":\"" OTHER_STORE "\",\"name_ar\":\"جدة\","
                        "\"name_en\":\"Jeddah\",\"menu\":\"" STORE "\"}";
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", hana.id, hana.csrf, NULL, store, &r), 201);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", hana.id, hana.csrf, NULL, store, &r), 409);
    CHECK_EQ_INT(get_with("/v1/stores", MANAGER_TOKEN, &r), 200);
    CHECK(strstr(r.body, "\"store_id\":\"" STORE "\"") != NULL);
    CHECK(strstr(r.body, "\"name_en\":\"Jeddah\"") != NULL);

    char code[32], token[128], again[128];
    CHECK_EQ_INT(new_code(&hana, OTHER_STORE, "kiosk-21", "kiosk", code, sizeof code), 201);
    CHECK_EQ_INT(strlen(code), KS_ENROL_CODE_LEN + 1);
    /* A code for another device id is no code for this one. */
    CHECK_EQ_INT(enrol(code, "kiosk-22", token, sizeof token), 401);
    /* Typed in small letters without the dash: the same code. */
    char typed[32];
    size_t n = 0;
    for (const char *c = code; *c; c++)
        if (*c != '-')
            typed[n++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    typed[n] = '\0';
    CHECK_EQ_INT(enrol(typed, "kiosk-21", token, sizeof token), 201);
    CHECK(strlen(token) >= 32);
    /* Single use. */
    CHECK_EQ_INT(enrol(code, "kiosk-21", again, sizeof again), 401);

    /* Its token: its own store's orders and menu, not another's. */
    CHECK_EQ_INT(order(token, "kiosk-21", OTHER_STORE, 4), 201);
    CHECK_EQ_INT(order(token, "kiosk-21", STORE, 5), 403);
    CHECK_EQ_INT(order(token, "kiosk-02", OTHER_STORE, 6), 403);
    CHECK_EQ_INT(get_with("/v1/menu?store=" OTHER_STORE, token, &r), 200);
    CHECK_EQ_INT(get_with("/v1/menu?store=" STORE, token, &r), 403);
    /* Another code for a live device: revoke it first. */
    CHECK_EQ_INT(new_code(&hana, OTHER_STORE, "kiosk-21", "kiosk", again, sizeof again), 409);
    /* The INI's kiosks are not enrolled. */
    CHECK_EQ_INT(new_code(&hana, STORE, "kiosk-02", "kiosk", again, sizeof again), 409);
    CHECK_EQ_INT(new_code(&hana, "nowhere-01", "kiosk-30", "kiosk", again, sizeof again), 422);

    CHECK_EQ_INT(call(run.base, "GET", "/v1/devices", hana.id, NULL, NULL, NULL, &r), 200);
    CHECK(strstr(r.body, "\"device_id\":\"kiosk-21\",\"store_id\":\"" OTHER_STORE
                         "\",\"kind\":\"kiosk\"") != NULL);
    CHECK(strstr(r.body, "\"device_id\":\"kiosk-02\",\"store_id\":\"" STORE "\"") != NULL);

    /* Revoked: the token opens nothing; the device may be enrolled again. */
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/kiosk-21/revoke", hana.id, hana.csrf, NULL, "", &r),
        200);
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/kiosk-21/revoke", hana.id, hana.csrf, NULL, "", &r),
        404);
    CHECK_EQ_INT(order(token, "kiosk-21", OTHER_STORE, 7), 401);
    CHECK_EQ_INT(get_with("/v1/menu?store=" OTHER_STORE, token, &r), 401);
    CHECK_EQ_INT(new_code(NULL, OTHER_STORE, "kiosk-21", "kiosk", code, sizeof code), 201);
    CHECK_EQ_INT(enrol(code, "kiosk-21", again, sizeof again), 201);
    CHECK(strcmp(again, token) != 0);
    CHECK_EQ_INT(order(token, "kiosk-21", OTHER_STORE, 8), 401);
    CHECK_EQ_INT(order(again, "kiosk-21", OTHER_STORE, 9), 201);

    /* Every change audited; the code itself appears nowhere. */
    CHECK_EQ_INT(get_with("/v1/audit", MANAGER_TOKEN, &r), 200);
    static const char *const actions[] = {"store.add", "device.code", "device.enrol",
                                          "device.revoke"};
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        CHECK(strstr(r.body, actions[i]) != NULL);
    CHECK(strstr(r.body, code) == NULL);
    backend_run_stop(&run);
}

static void test_roles(void)
{
    CHECK(start("en_roles"));
    struct session sami, aya;
    struct http_reply r;
    char code[32], token[128];
    CHECK_EQ_INT(login("sami", SAMI_PW, &sami), 200);
    CHECK_EQ_INT(login("aya", AYA_PW, &aya), 200);
    const char *store = "{\"store_id\":\"" OTHER_STORE "\",\"name_ar\":\"جدة\","
                        "\"name_en\":\"Jeddah\"}";
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", sami.id, sami.csrf, NULL, store, &r), 403);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", NULL, NULL, MANAGER_TOKEN, store, &r), 201);
    /* A store manager: codes for their own store only. */
    CHECK_EQ_INT(new_code(&sami, OTHER_STORE, "kiosk-31", "kiosk", code, sizeof code), 403);
    CHECK_EQ_INT(new_code(&sami, STORE, "kiosk-31", "kiosk", code, sizeof code), 201);
    CHECK_EQ_INT(enrol(code, "kiosk-31", token, sizeof token), 201);
    CHECK_EQ_INT(new_code(NULL, OTHER_STORE, "kiosk-32", "kiosk", code, sizeof code), 201);
    CHECK_EQ_INT(enrol(code, "kiosk-32", token, sizeof token), 201);
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/kiosk-32/revoke", sami.id, sami.csrf, NULL, "", &r),
        403);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/devices", sami.id, NULL, NULL, NULL, &r), 403);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/devices?store=" STORE, sami.id, NULL, NULL, NULL, &r),
                 200);
    CHECK(strstr(r.body, "kiosk-31") != NULL && strstr(r.body, "kiosk-32") == NULL);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/stores", sami.id, NULL, NULL, NULL, &r), 200);
    CHECK(strstr(r.body, OTHER_STORE) == NULL);
    /* An auditor reads, and changes nothing. */
    CHECK_EQ_INT(new_code(&aya, STORE, "kiosk-33", "kiosk", code, sizeof code), 403);
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/kiosk-31/revoke", aya.id, aya.csrf, NULL, "", &r), 403);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/devices", aya.id, NULL, NULL, NULL, &r), 200);
    CHECK(strstr(r.body, "kiosk-31") != NULL && strstr(r.body, "kiosk-32") != NULL);
    /* A kiosk's token is no manager's. */
    CHECK_EQ_INT(call(run.base, "GET", "/v1/devices", NULL, NULL, token, NULL, &r), 403);
    backend_run_stop(&run);
}

static void test_kitchen_reads_only(void)
{
    CHECK(start("en_kitchen"));
    char code[32], token[128];
    struct http_reply r;
    CHECK_EQ_INT(new_code(NULL, STORE, "kds-01", "kitchen", code, sizeof code), 201);
    CHECK_EQ_INT(enrol(code, "kds-01", token, sizeof token), 201);
    CHECK_EQ_INT(get_with("/v1/menu?store=" STORE, token, &r), 200);
    CHECK_EQ_INT(get_with("/v1/stock/soldout?store=" STORE, token, &r), 200);
    CHECK_EQ_INT(order(token, "kds-01", STORE, 1), 403);
    backend_run_stop(&run);
}

/* GET /v1/devices/peers?store= with token (If-None-Match: etag unless NULL). */
static long peers(const char *token, const char *store, const char *etag, struct http_reply *r)
{
    char url[256], header[128];
    snprintf(url, sizeof url, "%s/v1/devices/peers%s%s", run.base, store ? "?store=" : "",
             store ? store : "");
    snprintf(header, sizeof header, "If-None-Match: %s", etag ? etag : "");
    return http_call(
        &(struct http_request){
            .method = "GET", .url = url, .token = token, .headers = {etag ? header : NULL}},
        r);
}

/* The peers' answer for STORE listing the kiosks ids[n] with tokens[n] (by id). */
static void expect_peers(const char *body, const char *const *ids, const char *const *tokens,
                         size_t n)
{
    char want[1024], hash[KS_DEVICE_HASH_HEX + 1];
    int len = snprintf(want, sizeof want, "{\"store\":\"" STORE "\",\"kiosks\":[");
    for (size_t i = 0; i < n; i++) {
        ks_device_hash(tokens[i], hash);
        len += snprintf(want + len, sizeof want - (size_t)len,
                        "%s{\"id\":\"%s\",\"token_sha256\":\"%s\"}", i ? "," : "", ids[i], hash);
    }
    snprintf(want + len, sizeof want - (size_t)len, "]}");
    CHECK_EQ_STR(body, want);
}

/*
 * A store's devices pull its live enrolled kiosks and their tokens'
 * verifiers: a kitchen display, an attendant console and a kiosk of the
 * store, not another store's device, the back office or no token; a
 * revoked kiosk leaves the list (its ETag changes), another store's kiosk
 * and the store's other kinds are never in it. An attendant console's
 * code is audited with its kind; it reads the staff list, a kitchen
 * display does not.
 */
static void test_peers(void)
{
    CHECK(start("en_peers"));
    struct http_reply r;
    char code[32], kds[128], att[128], k1[128], k2[128], far[128], far_kds[128];
    CHECK_EQ_INT(call(run.base, "POST", "/v1/stores", NULL, NULL, MANAGER_TOKEN,
                      "{\"store_id\":\"" OTHER_STORE "\",\"name_ar\":\"جدة\","
                      "\"name_en\":\"Jeddah\"}",
                      &r),
                 201);
    const struct {
        const char *store, *id, *kind;
        char *token;
    } devices[] = {
        {STORE, "kds-01", "kitchen", kds},       {STORE, "att-01", "attendant", att},
        {STORE, "kiosk-22", "kiosk", k2},        {STORE, "kiosk-21", "kiosk", k1},
        {OTHER_STORE, "kiosk-41", "kiosk", far}, {OTHER_STORE, "kds-41", "kitchen", far_kds}};
    for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++) {
        CHECK_EQ_INT(
            new_code(NULL, devices[i].store, devices[i].id, devices[i].kind, code, sizeof code),
            201);
        CHECK_EQ_INT(enrol(code, devices[i].id, devices[i].token, 128), 201);
    }
    const char *const ids[] = {"kiosk-21", "kiosk-22"};
    const char *const tokens[] = {k1, k2};
    CHECK_EQ_INT(peers(kds, STORE, NULL, &r), 200);
    expect_peers(r.body, ids, tokens, 2);
    char etag[sizeof r.etag];
    snprintf(etag, sizeof etag, "%s", r.etag);
    CHECK(etag[0] == '"');
    /* What the display reads from it: each kiosk by its own token, nothing by another's. */
    ks_peer_list list;
    char why[160];
    CHECK(ks_peer_list_parse(r.body, strlen(r.body), STORE, &list, why, sizeof why));
    const ks_peer *found = ks_peer_list_find(&list, k1);
    CHECK(found != NULL && strcmp(found->id, "kiosk-21") == 0);
    found = ks_peer_list_find(&list, k2);
    CHECK(found != NULL && strcmp(found->id, "kiosk-22") == 0);
    CHECK(ks_peer_list_find(&list, kds) == NULL && ks_peer_list_find(&list, far) == NULL);
    CHECK(ks_peer_list_find(&list, list.kiosks[0].token_sha256) == NULL);
    ks_peer_list_clear(&list);
    CHECK_EQ_INT(peers(kds, STORE, etag, &r), 304);
    CHECK_EQ_INT(peers(att, STORE, etag, &r), 304);
    CHECK_EQ_INT(peers(k1, STORE, NULL, &r), 200);
    expect_peers(r.body, ids, tokens, 2);
    /* Another store's devices, the back office, no token: refused. */
    CHECK_EQ_INT(peers(far_kds, STORE, NULL, &r), 403);
    CHECK_EQ_INT(peers(kds, OTHER_STORE, NULL, &r), 403);
    CHECK_EQ_INT(peers(kds, NULL, NULL, &r), 403);
    CHECK_EQ_INT(peers(MANAGER_TOKEN, STORE, NULL, &r), 403);
    CHECK_EQ_INT(peers(NULL, STORE, NULL, &r), 401);
    CHECK_EQ_INT(peers(far_kds, OTHER_STORE, NULL, &r), 200);
    CHECK_EQ_INT(r.status, 200);
    CHECK(strstr(r.body, "\"id\":\"kiosk-41\"") != NULL && strstr(r.body, "kds-41") == NULL);
    /* The staff list: a console's and a kiosk's, not a kitchen display's. */
    CHECK_EQ_INT(get_with("/v1/staff?store=" STORE, att, &r), 200);
    CHECK_EQ_INT(get_with("/v1/staff?store=" STORE, kds, &r), 403);
    /* A console only reads. */
    CHECK_EQ_INT(order(att, "att-01", STORE, 1), 403);

    /* Revoked: gone from the list at once, and the old tag no longer matches. */
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/kiosk-21/revoke", NULL, NULL, MANAGER_TOKEN, "", &r),
        200);
    CHECK_EQ_INT(peers(kds, STORE, etag, &r), 200);
    expect_peers(r.body, ids + 1, tokens + 1, 1);

    CHECK_EQ_INT(get_with("/v1/devices?store=" STORE, MANAGER_TOKEN, &r), 200);
    CHECK(strstr(r.body, "\"device_id\":\"att-01\",\"store_id\":\"" STORE
                         "\",\"kind\":\"attendant\"") != NULL);
    CHECK_EQ_INT(get_with("/v1/audit?store=" STORE, MANAGER_TOKEN, &r), 200);
    CHECK(strstr(r.body, "kind=attendant") != NULL);
    backend_run_stop(&run);
}

/* POSTs paid order index of kiosk with token to a kitchen display's url; the status. */
static long kds_order(const char *url, const char *token, const char *kiosk, unsigned index)
{
    char uuid[37];
    char *json = paid_json(kiosk, STORE, index, uuid);
    struct http_reply r;
    kitchen_http("POST", url, token, uuid, json, strlen(json), &r);
    free(json);
    return r.status;
}

static void take_peers(void *ctx, const ks_peer_list *list)
{
    CHECK(ks_kds_api_set_peers(ctx, list));
}

/* Waits (at most a minute: a busy machine) until pp has finished more than passes polls. */
static bool polled_after(ks_peer_pull *pp, uint64_t passes)
{
    ks_peer_pull_stats st = {0};
    for (int i = 0; i < 6000; i++) {
        ks_peer_pull_get_stats(pp, &st);
        if (st.passes > passes)
            return true;
        kitchen_sleep_ms(10);
    }
    return false;
}

/*
 * The peers' puller of the device of b on db (staff: its staff list too),
 * polling at the start and at each wake only, into *pp; its counters after
 * the first poll, which stored one list, into *st.
 */
static void first_pull(ks_device_backend *b, const char *db, const char *program, bool staff,
                       void (*take)(void *ctx, const ks_peer_list *list), void *ctx,
                       ks_peer_pull **pp, ks_peer_pull_stats *st)
{
    b->poll_s = 0;
    *st = (ks_peer_pull_stats){0};
    *pp = ks_peer_pull_start_for(b, db, program, staff, take, ctx);
    CHECK(*pp != NULL);
    CHECK(polled_after(*pp, 0));
    ks_peer_pull_get_stats(*pp, st);
    CHECK_EQ_INT(st->lists, 1);
}

/*
 * The [backend] section *b of device id (of kind) at STORE, enrolled with
 * its code by its program's --enrol function (a second time: already), and
 * kiosk-21 enrolled by code, its token into kiosk_token[cap].
 */
static void enrol_pair(ks_device_backend *b, const char *id, const char *kind, char *kiosk_token,
                       size_t cap)
{
    char code[32], name[64];
    ks_device_backend_defaults(b);
    snprintf(b->url, sizeof b->url, "%s/v1", run.base);
    snprintf(b->device_id, sizeof b->device_id, "%s", id);
    snprintf(b->store_id, sizeof b->store_id, STORE);
    snprintf(name, sizeof name, "%s-token", id);
    int n = snprintf(b->token_file, sizeof b->token_file, "%s", kitchen_fresh_path(name));
    CHECK(n > 0 && (size_t)n < sizeof b->token_file);
    remove(b->token_file);
    CHECK_EQ_INT(new_code(NULL, STORE, id, kind, code, sizeof code), 201);
    CHECK_EQ_INT(ks_device_token_enrol_backend(b, code, false), KS_KIOSK_ENROL_OK);
    CHECK_EQ_INT(ks_device_token_enrol_backend(b, code, false), KS_KIOSK_ENROL_ALREADY);
    CHECK_EQ_INT(new_code(NULL, STORE, "kiosk-21", "kiosk", code, sizeof code), 201);
    CHECK_EQ_INT(enrol(code, "kiosk-21", kiosk_token, cap), 201);
}

/*
 * End to end on loopback: the backend, a kitchen display enrolled with its
 * code (kitchen-display --enrol's function) that pulls its store's kiosks,
 * and an enrolled kiosk whose order, sent with its own enrolled token,
 * the display accepts over HTTP with no token of the kiosk's in its INI.
 * A wrong token, and the kiosk's token for another kiosk's order, are
 * refused; once the kiosk is revoked the display refuses it from its next
 * pull on, and a restart of the puller offline keeps the list stored.
 */
static void test_kitchen_peers(void)
{
    CHECK(start("en_kds_peers"));
    char code[32], k1[128];
    ks_device_backend b;
    enrol_pair(&b, "kds-01", "kitchen", k1, sizeof k1);

    struct kitchen_kds kds;
    char kds_db[4200];
    snprintf(kds_db, sizeof kds_db, "%s", kitchen_fresh_path("kds-peers.db"));
    CHECK(kitchen_kds_start(&kds, kds_db, "127.0.0.1:0"));
    /* Before any list: the INI's kiosks only. */
    CHECK_EQ_INT(kds_order(kds.url, k1, "kiosk-21", 1), 401);
    ks_peer_pull_stats st;
    ks_peer_pull *pp = NULL;
    first_pull(&b, kds_db, "kitchen-display", false, take_peers, kds.api, &pp, &st);
    CHECK_EQ_INT(kds_order(kds.url, k1, "kiosk-21", 2), 201);
    CHECK_EQ_INT(kds_order(kds.url, k1, "kiosk-02", 3), 403);
    CHECK_EQ_INT(kds_order(kds.url, "wrong-Qw8Er3Ty6Ui1Op4As7Df2", "kiosk-21", 4), 401);
    CHECK_EQ_INT(kds_order(kds.url, KITCHEN_TOKEN, "kiosk-02", 5), 201); /* the INI's still */
    /* Unchanged: a 304. */
    ks_peer_pull_wake(pp);
    CHECK(polled_after(pp, st.passes));
    ks_peer_pull_get_stats(pp, &st);
    CHECK_EQ_INT(st.not_modified, 1);

    /* Revoked: refused from the next pull on. */
    struct http_reply r;
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/kiosk-21/revoke", NULL, NULL, MANAGER_TOKEN, "", &r),
        200);
    CHECK_EQ_INT(kds_order(kds.url, k1, "kiosk-21", 6), 201);
    ks_peer_pull_wake(pp);
    CHECK(polled_after(pp, st.passes));
    CHECK_EQ_INT(kds_order(kds.url, k1, "kiosk-21", 7), 401);
    ks_peer_pull_stop(pp);

    /* Enrolled again, then the backend gone: a restart takes the list stored. */
    CHECK_EQ_INT(new_code(NULL, STORE, "kiosk-21", "kiosk", code, sizeof code), 201);
    CHECK_EQ_INT(enrol(code, "kiosk-21", k1, sizeof k1), 201);
    pp = ks_peer_pull_start_for(&b, kds_db, "kitchen-display", false, take_peers, kds.api);
    CHECK(pp != NULL && polled_after(pp, 0));
    ks_peer_pull_stop(pp);
    backend_run_stop(&run);
    ks_peer_list none = {0};
    CHECK(ks_kds_api_set_peers(kds.api, &none));
    CHECK_EQ_INT(kds_order(kds.url, k1, "kiosk-21", 8), 401);
    pp = ks_peer_pull_start_for(&b, kds_db, "kitchen-display", false, take_peers, kds.api);
    CHECK(pp != NULL);
    CHECK_EQ_INT(kds_order(kds.url, k1, "kiosk-21", 9), 201);
    ks_peer_pull_stop(pp);
    kitchen_kds_stop(&kds);
}

/* The console's side of the loopback test: its receiver and the attendant's connections. */
struct console {
    ks_att_store *receiver, *desk;
    ks_att_api *api;
    ks_http_server *server;
    ks_db *staff_db; /* the screen's connection for the staff list */
    char root[64];
};

static bool console_start(struct console *c, const char *db)
{
    c->receiver = ks_att_store_open(db, NULL);
    c->desk = ks_att_store_open(db, NULL);
    c->api = c->receiver ? ks_att_api_new(c->receiver, NULL, 0, NULL, NULL) : NULL;
    c->server = c->api ? ks_att_server_start(c->api, "127.0.0.1:0", NULL) : NULL;
    snprintf(c->root, sizeof c->root, "http://127.0.0.1:%u/v1",
             c->server ? (unsigned)ks_http_server_port(c->server) : 0u);
    return c->server != NULL && c->desk != NULL;
}

static void console_stop(struct console *c)
{
    ks_http_server_stop(c->server);
    ks_att_api_free(c->api);
    ks_att_store_close(c->receiver);
    ks_att_store_close(c->desk);
    ks_db_close(c->staff_db);
}

static void take_lanes(void *ctx, const ks_peer_list *list)
{
    CHECK(ks_att_api_set_peers(ctx, list));
}

/* A lane's report to the console at root with token, as kiosk-21; the status. */
static long lane_report(const char *root, const char *token)
{
    ks_att_report rep = {.activity = KS_ATT_SCANNING, .items = 1, .total = 1450};
    snprintf(rep.lane_id, sizeof rep.lane_id, "kiosk-21");
    char *body = ks_att_report_to_json(&rep);
    char base[64];
    snprintf(base, sizeof base, "%.*s", (int)(strlen(root) - 3), root); /* without "/v1" */
    struct http_reply r;
    long status =
        body ? call(base, "POST", "/v1/lanes/kiosk-21/report", NULL, NULL, token, body, &r) : 0;
    free(body);
    return status;
}

/* Waits until the console lists kiosk-21 with n open requests; its view into *l. */
static bool lane_requests(struct console *c, size_t n, ks_att_lane *l)
{
    for (int i = 0; i < 6000; i++) {
        size_t count = 0;
        if (ks_att_store_lanes(c->desk, l, 1, &count) == KS_DB_OK && count == 1 &&
            l->report.n_requests == n)
            return true;
        kitchen_sleep_ms(10);
    }
    return false;
}

static bool lane_decision(ks_att_link *link, ks_att_decision *d)
{
    for (int i = 0; i < 6000; i++) {
        if (ks_att_link_take(link, d))
            return true;
        kitchen_sleep_ms(10);
    }
    return false;
}

/*
 * End to end on loopback: the backend, an attendant console enrolled with
 * its code (attendant-console --enrol's function) that pulls its store's
 * kiosks and staff list, and an enrolled kiosk whose lane (its own link,
 * with its own enrolled token and no console token in any INI) asks for an
 * age check. omar, given a kiosk PIN in the back office, signs in at the
 * console with it (a PIN not his is nobody's; an INI attendant's PIN no
 * longer serves once the list has somebody), approves, and the lane takes
 * the decision in his name; the paid order carrying it puts omar in the
 * backend's staff report. A wrong token is refused; once the kiosk is
 * revoked the console refuses it from its next pull on.
 */
static void test_attendant_peers(void)
{
    CHECK(start("en_att_peers"));
    CHECK(add_person_to(run.store, "omar", KS_ROLE_STAFF, STORE, "omar-secret-passphrase"));
    struct http_reply r;
    CHECK_EQ_INT(call(run.base, "POST", "/v1/people/omar/kiosk-pin", NULL, NULL, MANAGER_TOKEN,
                      "{\"pin\":\"4321\"}", &r),
                 200);
    char k1[128];
    ks_device_backend b;
    enrol_pair(&b, "att-01", "attendant", k1, sizeof k1);

    struct console c = {0};
    char att_db[4200];
    snprintf(att_db, sizeof att_db, "%s", kitchen_fresh_path("att-peers.db"));
    CHECK(console_start(&c, att_db));
    CHECK_EQ_INT(lane_report(c.root, k1), 401); /* before any list: the INI's lanes only */
    ks_peer_pull_stats st;
    ks_peer_pull *pp = NULL;
    first_pull(&b, att_db, "attendant-console", true, take_lanes, c.api, &pp, &st);
    CHECK_EQ_INT(st.staff_lists, 1);
    CHECK_EQ_INT(lane_report(c.root, "wrong-Qw8Er3Ty6Ui1Op4As7Df2"), 401);

    /* The kiosk's lane, with its own enrolled token, asks for an age check. */
    const ks_att_link_options lo = {.api_root = c.root,
                                    .token = k1,
                                    .lane_id = "kiosk-21",
                                    .database = kitchen_fresh_path("att-lane.db"),
                                    .period_ms = 50};
    ks_att_link *link = ks_att_link_start(&lo);
    CHECK(link != NULL);
    ks_att_lane_state ls = {.activity = KS_ATT_SCANNING, .items = 1, .total = 1450};
    ls.needs = KS_NEED_AGE;
    ks_att_link_publish(link, &ls);
    ks_att_lane lane;
    CHECK(lane_requests(&c, 1, &lane));

    /* omar signs in with his kiosk PIN; an INI attendant's PIN serves no more. */
    ks_att_config acfg;
    ks_att_config_defaults(&acfg);
    acfg.n_staff = 1;
    snprintf(acfg.staff[0].id, sizeof acfg.staff[0].id, "staff-07");
    CHECK(ks_staff_secret_hash_with("1111", 1000, NULL, acfg.staff[0].pin));
    c.staff_db = ks_db_open(att_db, NULL);
    char who[KS_STAFF_ID_MAX + 1];
    CHECK(!ks_att_staff_sign_in(&acfg, c.staff_db, "1111", false, who));
    CHECK(!ks_att_staff_sign_in(&acfg, c.staff_db, "9999", false, who));
    CHECK(ks_att_staff_sign_in(&acfg, c.staff_db, "4321", false, who));
    CHECK_EQ_STR(who, "omar");

    /* His approval reaches the lane in his name. */
    ks_att_decision d = {.action = KS_DECIDE_APPROVE_AGE, .decided_at = KITCHEN_NOON};
    CHECK(ks_uuid_new(d.uuid));
    snprintf(d.staff, sizeof d.staff, "%s", ks_att_staff_decider(who));
    memcpy(d.request, lane.report.requests[0].uuid, sizeof d.request);
    CHECK_EQ_INT(ks_att_store_decide(c.desk, "kiosk-21", &d), KS_DB_OK);
    ks_att_decision got;
    CHECK(lane_decision(link, &got));
    CHECK_EQ_STR(got.staff, "omar");
    ks_att_link_stop(link);

    /* The paid order carries it; the staff report names omar. */
    ks_order *o = fixture_order(31, STORE, KITCHEN_NOON, 240);
    o->number = 31;
    o->status = KS_ORDER_PAID;
    snprintf(o->kiosk_id, sizeof o->kiosk_id, "kiosk-21");
    o->interventions = calloc(1, sizeof *o->interventions);
    CHECK(o->interventions != NULL);
    o->n_interventions = 1;
    o->interventions[0] = (ks_order_intervention){.need = KS_INTERVENTION_AGE,
                                                  .decision = KS_INTERVENTION_APPROVE_AGE,
                                                  .raised_at = KITCHEN_NOON - 20,
                                                  .decided_at = KITCHEN_NOON};
    snprintf(o->interventions[0].staff, sizeof o->interventions[0].staff, "%s", got.staff);
    char *json = ks_order_to_json(o, NULL);
    ks_order_free(o);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/orders", NULL, NULL, k1, json, &r), 201);
    free(json);
    CHECK_EQ_INT(get_with("/v1/reports/staff?from=2026-11-01&to=2026-11-30", MANAGER_TOKEN, &r),
                 200);
    CHECK(strstr(r.body, "\"staff\":\"omar\"") != NULL);
    CHECK(strstr(r.body, "staff-07") == NULL);

    /* Revoked: refused from the next pull on. */
    CHECK_EQ_INT(lane_report(c.root, k1), 200);
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/kiosk-21/revoke", NULL, NULL, MANAGER_TOKEN, "", &r),
        200);
    ks_peer_pull_get_stats(pp, &st);
    ks_peer_pull_wake(pp);
    CHECK(polled_after(pp, st.passes));
    CHECK_EQ_INT(lane_report(c.root, k1), 401);
    ks_peer_pull_stop(pp);
    console_stop(&c);
    backend_run_stop(&run);
}

/* POSTs reservation n of one cola at store with token; the status. */
static long reserve_cola(const char *token, const char *store, unsigned n, struct http_reply *r)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"reservation_id\":\"7e5e0000-0000-4000-8000-0000000004%02u\",\"store_id\":\"%s\","
             "\"lines\":[{\"item_id\":\"cola\",\"quantity\":1}]}",
             n % 100, store);
    return call(run.base, "POST", "/v1/stock/reservations", NULL, NULL, token, body, r);
}

static void test_channel(void)
{
    CHECK(start("en_channel"));
    char code[32], token[128];
    struct http_reply r;
    /* An INI channel's name is taken: its reservations are kept under it. */
    CHECK_EQ_INT(new_code(NULL, STORE, "web-shop", "channel", code, sizeof code), 409);
    CHECK_EQ_INT(new_code(NULL, STORE, "app-shop", "channel", code, sizeof code), 201);
    CHECK_EQ_INT(enrol(code, "app-shop", token, sizeof token), 201);
    CHECK_EQ_INT(get_with("/v1/devices?store=" STORE, MANAGER_TOKEN, &r), 200);
    CHECK_CONTAINS(r.body, "\"device_id\":\"app-shop\"");
    CHECK_CONTAINS(r.body, "\"kind\":\"channel\"");
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/stock/adjustments", NULL, NULL, MANAGER_TOKEN,
             "{\"request_id\":\"5eed0000-0000-4000-8000-000000000401\",\"store_id\":\"" STORE
             "\",\"item_id\":\"cola\",\"kind\":\"received\",\"quantity\":5,"
             "\"reason\":\"delivery\",\"person\":\"Amal\"}",
             &r),
        201);
    /* It reserves at its own store, under its own name, and nowhere else. */
    CHECK_EQ_INT(reserve_cola(token, STORE, 1, &r), 201);
    CHECK_EQ_INT(reserve_cola(token, OTHER_STORE, 2, &r), 403);
    CHECK_CONTAINS(r.body, "this channel does not sell at that store");
    CHECK_EQ_INT(get_with("/v1/stock/reservations/7e5e0000-0000-4000-8000-000000000401", token, &r),
                 200);
    CHECK_EQ_INT(
        get_with("/v1/stock/reservations/7e5e0000-0000-4000-8000-000000000401", INI_SHOP_TOKEN, &r),
        404); /* another channel's */
    /* A channel's token opens nothing of a kiosk's or the back office's. */
    CHECK_EQ_INT(order(token, "app-shop", STORE, 1), 403);
    CHECK_EQ_INT(get_with("/v1/menu?store=" STORE, token, &r), 403);
    CHECK_EQ_INT(get_with("/v1/stock?store=" STORE, token, &r), 403);
    /* Revoked, it opens nothing. */
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/app-shop/revoke", NULL, NULL, MANAGER_TOKEN, "", &r),
        200);
    CHECK_EQ_INT(reserve_cola(token, STORE, 3, &r), 401);
    backend_run_stop(&run);
}

/* POST /v1/devices/enrol of code for device id to api at now from client; the status, *retry. */
static int api_enrol(ks_backend_api *api, const char *code, const char *id, const char *client,
                     int64_t now, int64_t *retry)
{
    char body[256];
    snprintf(body, sizeof body, "{\"code\":\"%s\",\"device_id\":\"%s\"}", code, id);
    return api_post(api, "/v1/devices/enrol", body, client, now, retry);
}

/* A code stored straight in the database for device id of store at now. */
static bool stored_code(ks_backend_store *store, const char *id, const char *code, int64_t now)
{
    ks_enrol_code_request req = {.kind = KS_DEVICE_KIOSK};
    snprintf(req.store_id, sizeof req.store_id, "%s", STORE);
    snprintf(req.device_id, sizeof req.device_id, "%s", id);
    const ks_backend_actor hana = {"hana", "head-office"};
    return ks_backend_store_add_enrol_code(store, &req, code, &hana, now) == KS_DB_OK;
}

static void test_expired_and_limited(void)
{
    CHECK(start("en_expired"));
    ks_backend_api *api = ks_backend_api_new(run.store, &cfg);
    CHECK(api != NULL);
    int64_t now = (int64_t)time(NULL), retry = 0;
    CHECK(stored_code(run.store, "kiosk-41", "ABCDE23456", now));
    /* Past its time: refused (and counted as a failure). */
    CHECK_EQ_INT(
        api_enrol(api, "ABCDE23456", "kiosk-41", "192.0.2.1", now + KS_ENROL_CODE_TTL_S, NULL),
        401);
    CHECK_EQ_INT(api_enrol(api, "ABCDE23456", "kiosk-41", "192.0.2.1", now + 60, NULL), 201);
    /* Guesses from one address: a few are free, then it waits; another address does not. */
    CHECK(stored_code(run.store, "kiosk-42", "FGHJK23456", now));
    for (int i = 1; i < KS_LOGIN_FREE_FAILURES; i++)
        CHECK_EQ_INT(api_enrol(api, "ZZZZZ22222", "kiosk-42", "192.0.2.1", now, NULL), 401);
    CHECK_EQ_INT(api_enrol(api, "FGHJK23456", "kiosk-42", "192.0.2.1", now, &retry), 429);
    CHECK(retry > 0 && retry <= KS_LOGIN_FIRST_WAIT_S);
    CHECK_EQ_INT(api_enrol(api, "FGHJK23456", "kiosk-42", "192.0.2.2", now, NULL), 201);
    ks_backend_api_free(api);
    backend_run_stop(&run);
}

/*
 * Codes used, or expired unused, more than KS_ENROL_CODE_KEEP_S ago are
 * forgotten: on the way of a new code, or when asked; recent and live ones
 * stay, and a forgotten code is refused like any unknown one.
 */
static void test_forget_codes(void)
{
    CHECK(start("en_forget"));
    ks_backend_api *api = ks_backend_api_new(run.store, &cfg);
    CHECK(api != NULL);
    int64_t t0 = (int64_t)time(NULL), forgotten = -1;
    CHECK(stored_code(run.store, "kiosk-61", "ABCDE23456", t0));       /* expires unused */
    CHECK(stored_code(run.store, "kiosk-62", "FGHJK23456", t0));       /* used at t0 + 60 */
    CHECK(stored_code(run.store, "kiosk-64", "STUVW23456", t0 + 100)); /* expires 100 s later */
    CHECK_EQ_INT(api_enrol(api, "FGHJK23456", "kiosk-62", "192.0.2.1", t0 + 60, NULL), 201);
    /* Used exactly a day ago: kept; a second later: forgotten. */
    int64_t day_after_use = t0 + 60 + KS_ENROL_CODE_KEEP_S;
    CHECK(ks_backend_store_forget_enrol_codes(run.store, day_after_use, &forgotten) == KS_DB_OK);
    CHECK_EQ_INT(forgotten, 0);
    CHECK(ks_backend_store_forget_enrol_codes(run.store, day_after_use + 1, &forgotten) ==
          KS_DB_OK);
    CHECK_EQ_INT(forgotten, 1);
    /* A new code a day after kiosk-61's expired takes it away on the way, not kiosk-64's. */
    int64_t later = t0 + KS_ENROL_CODE_TTL_S + KS_ENROL_CODE_KEEP_S + 1;
    CHECK(stored_code(run.store, "kiosk-63", "MNPQR23456", later));
    CHECK(ks_backend_store_forget_enrol_codes(run.store, later, &forgotten) == KS_DB_OK);
    CHECK_EQ_INT(forgotten, 0);
    CHECK(ks_backend_store_forget_enrol_codes(run.store, later + 100, &forgotten) == KS_DB_OK);
    CHECK_EQ_INT(forgotten, 1);
    /* The new code works; the forgotten used one is refused as before. */
    CHECK_EQ_INT(api_enrol(api, "MNPQR23456", "kiosk-63", "192.0.2.3", later + 101, NULL), 201);
    CHECK_EQ_INT(api_enrol(api, "FGHJK23456", "kiosk-62", "192.0.2.3", later + 101, NULL), 401);
    ks_backend_api_free(api);
    backend_run_stop(&run);
}

/* One of two enrolments racing with one code: its own connection. */
struct racer {
    pthread_barrier_t *start;
    const char *code;
    int64_t now;
    int status;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    ks_backend_store *store = ks_backend_store_open(database, NULL);
    ks_backend_api *api = store ? ks_backend_api_new(store, &cfg) : NULL;
    pthread_barrier_wait(r->start);
    r->status = api ? api_enrol(api, r->code, "kiosk-51", "192.0.2.7", r->now, NULL) : 0;
    ks_backend_api_free(api);
    ks_backend_store_close(store);
    return NULL;
}

static void test_code_race(void)
{
    CHECK(start("en_race"));
    int64_t now = (int64_t)time(NULL);
    static const char *const codes[] = {"MNPQR23456", "STUVW23456", "XYZ2345678"};
    for (size_t round = 0; round < sizeof codes / sizeof codes[0]; round++) {
        if (round > 0) {
            const ks_backend_actor hana = {"hana", "head-office"};
            CHECK(ks_backend_store_revoke_device(run.store, "kiosk-51", &hana, now) == KS_DB_OK);
        }
        CHECK(stored_code(run.store, "kiosk-51", codes[round], now));
        pthread_barrier_t barrier;
        pthread_barrier_init(&barrier, NULL, 2);
        struct racer racers[2] = {{&barrier, codes[round], now, 0},
                                  {&barrier, codes[round], now, 0}};
        pthread_t threads[2];
        for (int i = 0; i < 2; i++)
            CHECK(pthread_create(&threads[i], NULL, race, &racers[i]) == 0);
        for (int i = 0; i < 2; i++)
            pthread_join(threads[i], NULL);
        pthread_barrier_destroy(&barrier);
        CHECK((racers[0].status == 201) != (racers[1].status == 201));
        CHECK(racers[0].status + racers[1].status == 201 + 401);
    }
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"config_store", test_config_store},
        {"ini_kiosk_bound", test_ini_kiosk_bound},
        {"enrol_flow", test_enrol_flow},
        {"roles", test_roles},
        {"kitchen_reads_only", test_kitchen_reads_only},
        {"peers", test_peers},
        {"kitchen_peers", test_kitchen_peers},
        {"attendant_peers", test_attendant_peers},
        {"channel", test_channel},
        {"expired_and_limited", test_expired_and_limited},
        {"forget_codes", test_forget_codes},
        {"code_race", test_code_race},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
