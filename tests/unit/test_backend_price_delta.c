/*
 * A store's own price deltas of sizes, options and combo choices
 * (POST /v1/price-deltas) over real HTTP on loopback: each is in the menu
 * that store's kiosks pull (a new ETag, the kiosks' own importer takes it,
 * other stores keep their file), listed, audited in its transaction, and
 * removed with null (the file's bytes and ETag again). Refused with
 * nothing stored: an unknown combo, size, group, option, slot or choice
 * (422 at that member), a delta the kiosks' importer refuses, one that
 * makes a line cost less than nothing with the others (422 at
 * price_delta), out-of-range money and members of another kind (400), a
 * store manager's change of another store, an auditor's, a session's
 * without its CSRF token, a kiosk's (403). And one item's price at several
 * stores in one request (POST /v1/prices/chain): all or none, audited per
 * store, head office only.
 *
 * Run once per store: `test_backend_price_delta` on SQLite files (ctest
 * unit.backend_price_delta), `test_backend_price_delta --pg` on the
 * PostgreSQL server of KIOSK_TEST_PG (unit.backend_price_delta_pg).
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/domain/menu_import.h"

#define MANAGER_TOKEN "mgr-Dl7Ta3Pr9Ce2Nw5Ks8Vb4Hx6"
#define STORE "riyadh-01"
#define OTHER_STORE "jeddah-01"

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg;

/* A fresh database called name, a backend on it with two stores' menus, hana, sami and aya. */
static bool start(const char *name)
{
    char ini[4096], database[4200];
    const char *menu = check_path(check_source_dir(), "assets/menus/restaurant.json");
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " " STORE "\n"
             "[menus]\n" STORE " = %s\n" OTHER_STORE " = %s\n",
             menu, menu);
    return backend_start_ini(&run, &cfg, pg, name, ini, database, sizeof database) &&
           add_person_to(run.store, "hana", KS_ROLE_HEAD_OFFICE, NULL, HANA_PW) &&
           add_person_to(run.store, "sami", KS_ROLE_STORE_MANAGER, STORE, SAMI_PW) &&
           add_person_to(run.store, "aya", KS_ROLE_AUDITOR, NULL, AYA_PW);
}

/* POSTs body to /v1/price-deltas with the manager token; the status. */
static long post_delta(const char *body, struct http_reply *r)
{
    return call(run.base, "POST", "/v1/price-deltas", NULL, NULL, MANAGER_TOKEN, body, r);
}

/* The store's menu as its kiosk pulls it, with if_none_match (NULL: none); the status. */
static long pull(const char *store, const char *if_none_match, struct http_reply *r)
{
    char url[256], header[128] = "";
    snprintf(url, sizeof url, "%s/v1/menu?store=%s", run.base, store);
    if (if_none_match)
        snprintf(header, sizeof header, "If-None-Match: %s", if_none_match);
    return http_call(&(struct http_request){.method = "GET",
                                            .url = url,
                                            .token = KITCHEN_TOKEN,
                                            .headers = {if_none_match ? header : NULL}},
                     r);
}

/*
 * The price_delta at path of the menu body: list.owner.sub.part, where each step is an array
 * entry found by its "id" ("item" for a choice); -1 when there is no such entry.
 */
static long long delta_at(const char *body, const char *list, const char *owner, const char *sub,
                          const char *slot, const char *part)
{
    json_t *root = json_loads(body, 0, NULL);
    json_t *at = NULL;
    size_t i;
    json_t *e;
    json_array_foreach (json_object_get(root, list), i, e)
        if (strcmp(json_string_value(json_object_get(e, "id")), owner) == 0)
            at = e;
    if (at && slot) {
        json_t *found = NULL;
        json_array_foreach (json_object_get(at, "slots"), i, e)
            if (strcmp(json_string_value(json_object_get(e, "id")), slot) == 0)
                found = e;
        at = found;
    }
    json_t *target = NULL;
    json_array_foreach (json_object_get(at, sub), i, e) {
        const char *id = json_string_value(json_object_get(e, slot ? "item" : "id"));
        if (id && strcmp(id, part) == 0)
            target = e;
    }
    json_t *d = json_object_get(target, "price_delta");
    long long value = json_is_integer(d) ? (long long)json_integer_value(d) : -1;
    json_decref(root);
    return value;
}

/* The newest audit row, as GET /v1/audit answers it, in r->body. */
static const char *audit_last(struct http_reply *r)
{
    call(run.base, "GET", "/v1/audit?limit=1", NULL, NULL, MANAGER_TOKEN, NULL, r);
    return r->body;
}

/* The number of audit rows the store keeps. */
static size_t audit_count(void)
{
    json_t *rows = NULL;
    size_t n = ks_backend_store_audit(run.store, "", 1000, &rows) == KS_DB_OK
                   ? json_array_size(rows)
                   : (size_t)-1;
    json_decref(rows);
    return n;
}

#define SIZE_LARGE(d)                                                                              \
    "{\"store_id\":\"" STORE "\",\"kind\":\"size\",\"combo_id\":\"cheeseburger-meal\","            \
    "\"size_id\":\"large\",\"price_delta\":" d "}"
#define OPTION_SWISS(d)                                                                            \
    "{\"store_id\":\"" STORE "\",\"kind\":\"option\",\"group_id\":\"cheese-choice\","              \
    "\"option_id\":\"swiss\",\"price_delta\":" d "}"
#define CHOICE_RINGS(d)                                                                            \
    "{\"store_id\":\"" STORE "\",\"kind\":\"choice\",\"combo_id\":\"cheeseburger-meal\","          \
    "\"slot_id\":\"side\",\"item_id\":\"onion-rings\",\"price_delta\":" d "}"

/* Set, served (a new ETag the kiosks' importer takes), listed, audited, removed. */
static void test_deltas_served(void)
{
    CHECK(start("be_deltas"));
    struct http_reply r;
    CHECK_EQ_INT(pull(STORE, NULL, &r), 200);
    char file_etag[80];
    snprintf(file_etag, sizeof file_etag, "%s", r.etag);
    CHECK_EQ_INT(delta_at(r.body, "combos", "cheeseburger-meal", "sizes", NULL, "large"), 300);

    CHECK_EQ_INT(post_delta(SIZE_LARGE("400"), &r), 200);
    CHECK_EQ_STR(r.body, "{\"kind\":\"size\",\"owner_id\":\"cheeseburger-meal\",\"slot_id\":\"\","
                         "\"part_id\":\"large\",\"price_delta\":400,\"status\":\"stored\","
                         "\"store_id\":\"" STORE "\"}");
    CHECK_EQ_INT(post_delta(OPTION_SWISS("150"), &r), 200);
    CHECK_EQ_INT(post_delta(CHOICE_RINGS("250"), &r), 200);

    CHECK_EQ_INT(pull(STORE, file_etag, &r), 200); /* changed: the kiosk's poll gets it */
    CHECK(strcmp(r.etag, file_etag) != 0);
    CHECK_EQ_INT(delta_at(r.body, "combos", "cheeseburger-meal", "sizes", NULL, "large"), 400);
    CHECK_EQ_INT(delta_at(r.body, "combos", "cheeseburger-meal", "sizes", NULL, "regular"), 0);
    CHECK_EQ_INT(delta_at(r.body, "combos", "double-cheese-meal", "sizes", NULL, "large"), 300);
    CHECK_EQ_INT(delta_at(r.body, "modifier_groups", "cheese-choice", "options", NULL, "swiss"),
                 150);
    CHECK_EQ_INT(delta_at(r.body, "combos", "cheeseburger-meal", "choices", "side", "onion-rings"),
                 250);
    CHECK_EQ_INT(delta_at(r.body, "combos", "double-cheese-meal", "choices", "side", "onion-rings"),
                 300);
    /* The kiosks' own importer takes the menu served. */
    ks_menu_error why = {0};
    ks_catalog *cat = ks_menu_import(r.body, r.len, &why);
    if (!cat)
        check_fail(__FILE__, __LINE__, "refused: %s: %s", why.path, why.reason);
    ks_catalog_free(cat);
    /* The other store keeps its file. */
    CHECK_EQ_INT(
        call(run.base, "GET", "/v1/menu?store=" OTHER_STORE, NULL, NULL, MANAGER_TOKEN, NULL, &r),
        200);
    CHECK_EQ_STR(r.etag, file_etag);

    CHECK_EQ_INT(
        call(run.base, "GET", "/v1/price-deltas?store=" STORE, NULL, NULL, MANAGER_TOKEN, NULL, &r),
        200);
    CHECK_CONTAINS(r.body, "{\"store\":\"" STORE "\",\"price_deltas\":[{\"kind\":\"choice\","
                           "\"owner_id\":\"cheeseburger-meal\",\"slot_id\":\"side\","
                           "\"part_id\":\"onion-rings\",\"price_delta\":250,");
    CHECK_CONTAINS(r.body, "{\"kind\":\"option\",\"owner_id\":\"cheese-choice\",\"slot_id\":\"\","
                           "\"part_id\":\"swiss\",\"price_delta\":150,");
    CHECK_CONTAINS(r.body, "{\"kind\":\"size\",\"owner_id\":\"cheeseburger-meal\",\"slot_id\":\"\","
                           "\"part_id\":\"large\",\"price_delta\":400,");

    /* Changed again: the audit row has before and after. */
    CHECK_EQ_INT(post_delta(SIZE_LARGE("450"), &r), 200);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/audit?limit=4", NULL, NULL, MANAGER_TOKEN, NULL, &r),
                 200);
    CHECK_CONTAINS(r.body, "\"actor\":\"manager-token\",\"role\":\"head-office\","
                           "\"action\":\"price_delta.set\",\"store_id\":\"" STORE "\","
                           "\"target\":\"size:cheeseburger-meal/large\","
                           "\"before_summary\":\"price_delta=400\","
                           "\"after_summary\":\"price_delta=450\"");
    CHECK_CONTAINS(r.body, "\"target\":\"choice:cheeseburger-meal/side/onion-rings\","
                           "\"before_summary\":\"menu\",\"after_summary\":\"price_delta=250\"");
    CHECK_CONTAINS(r.body, "\"target\":\"option:cheese-choice/swiss\"");

    /* null: the menu file's deltas again, and its bytes and ETag. */
    CHECK_EQ_INT(post_delta(SIZE_LARGE("null"), &r), 200);
    CHECK_CONTAINS(r.body, "\"price_delta\":null");
    CHECK_EQ_INT(post_delta(OPTION_SWISS("null"), &r), 200);
    CHECK_EQ_INT(pull(STORE, file_etag, &r), 200); /* the choice's still there */
    CHECK_EQ_INT(post_delta(CHOICE_RINGS("null"), &r), 200);
    CHECK_EQ_INT(pull(STORE, file_etag, &r), 304);
    CHECK_EQ_INT(
        call(run.base, "GET", "/v1/price-deltas?store=" STORE, NULL, NULL, MANAGER_TOKEN, NULL, &r),
        200);
    CHECK_EQ_STR(r.body, "{\"store\":\"" STORE "\",\"price_deltas\":[]}");
    CHECK_CONTAINS(audit_last(&r), "\"target\":\"choice:cheeseburger-meal/side/onion-rings\","
                                   "\"before_summary\":\"price_delta=250\","
                                   "\"after_summary\":\"menu\"");
    backend_run_stop(&run);
}

/*
 * start(name), sami and aya signed in (their sessions in *sami and *aya), and the ETag of
 * STORE's menu file in file_etag[80].
 */
static bool start_signed_in(const char *name, struct session *sami, struct session *aya,
                            char *file_etag)
{
    struct http_reply r;
    bool ok = start(name) && login_at(run.base, "sami", SAMI_PW, sami, &r) == 200 &&
              login_at(run.base, "aya", AYA_PW, aya, &r) == 200 && pull(STORE, NULL, &r) == 200;
    snprintf(file_etag, 80, "%s", ok ? r.etag : "");
    return ok;
}

/* Who posts a refused change. */
enum who { BY_TOKEN, BY_SAMI, BY_SAMI_NO_CSRF, BY_AYA, BY_KIOSK };

/* A change refused: who posts body, and the status, path and words of the answer. */
struct refusal {
    enum who who;
    const char *body;
    long status;
    const char *path, *reason; /* reason NULL: any */
};

/* Each of cases POSTed to url as its who: refused as it says (sami's and aya's sessions). */
static void check_refusals(const char *url, const struct refusal *cases, size_t n,
                           const struct session *sami, const struct session *aya)
{
    for (size_t i = 0; i < n; i++) {
        enum who w = cases[i].who;
        const struct session *s = w == BY_AYA ? aya : w == BY_TOKEN || w == BY_KIOSK ? NULL : sami;
        struct http_reply r;
        long status = call(run.base, "POST", url, s ? s->id : NULL,
                           w == BY_SAMI || w == BY_AYA ? s->csrf : NULL,
                           w == BY_TOKEN   ? MANAGER_TOKEN
                           : w == BY_KIOSK ? KITCHEN_TOKEN
                                           : NULL,
                           cases[i].body, &r);
        char path[96], error[640];
        member(r.body, "path", path, sizeof path);
        member(r.body, "error", error, sizeof error);
        if (status != cases[i].status || strcmp(path, cases[i].path) != 0 ||
            (cases[i].reason && !strstr(error, cases[i].reason)))
            check_fail(__FILE__, __LINE__, "%s case %zu: HTTP %ld %s", url, i, status, r.body);
    }
}

/*
 * Refused with nothing stored: unknown ids (422 at their member), what the importer refuses or
 * a line below nothing (422 at price_delta), the reader's refusals (400), roles (403).
 */
static void test_deltas_refused(void)
{
    struct session sami, aya;
    struct http_reply r;
    char file_etag[80];
    CHECK(start_signed_in("be_deltas_refused", &sami, &aya, file_etag));
    /* The meal's large size at -20.00 alone is fine: its cheapest line is 3.00. */
    CHECK_EQ_INT(post_delta(SIZE_LARGE("-2000"), &r), 200);
    size_t audited = audit_count();
    CHECK_EQ_INT(pull(STORE, NULL, &r), 200);
    char etag[80];
    snprintf(etag, sizeof etag, "%s", r.etag);

    static const struct refusal refused[] = {
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"size\",\"combo_id\":\"no-such-meal\","
         "\"size_id\":\"large\",\"price_delta\":1}",
         422, "combo_id", "no combo of the store's menu has that id"},
        /* An item is no combo: it has no sizes. */
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"size\",\"combo_id\":\"cola\","
         "\"size_id\":\"large\",\"price_delta\":1}",
         422, "combo_id", NULL},
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"size\",\"combo_id\":\"cheeseburger-meal\","
         "\"size_id\":\"huge\",\"price_delta\":1}",
         422, "size_id", "the combo has no size with that id"},
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"option\",\"group_id\":\"sauces\","
         "\"option_id\":\"swiss\",\"price_delta\":1}",
         422, "group_id", "no modifier group of the store's menu has that id"},
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"option\",\"group_id\":\"cheese-choice\","
         "\"option_id\":\"gouda\",\"price_delta\":1}",
         422, "option_id", "the modifier group has no option with that id"},
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"choice\",\"combo_id\":\"cheeseburger-meal\","
         "\"slot_id\":\"dessert\",\"item_id\":\"fries\",\"price_delta\":1}",
         422, "slot_id", "the combo has no slot with that id"},
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"choice\",\"combo_id\":\"cheeseburger-meal\","
         "\"slot_id\":\"side\",\"item_id\":\"cola\",\"price_delta\":1}",
         422, "item_id", "the slot has no choice of that item"},
        /* The kiosks' importer: more off than the egg muffin's 9.00 that has the group. */
        {BY_TOKEN, OPTION_SWISS("-1000"), 422, "price_delta",
         "the store's kiosks would refuse the menu with it: "},
        /* Fine alone (the meal is 25.00), but with the large size's -20.00 a line is below 0. */
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"choice\",\"combo_id\":\"cheeseburger-meal\","
         "\"slot_id\":\"side\",\"item_id\":\"fries\",\"price_delta\":-2400}",
         422, "price_delta",
         "a line of \"cheeseburger-meal\" could cost -2100 at the store's kiosks with it"},
        {BY_TOKEN, SIZE_LARGE("1000000001"), 400, "price_delta", NULL},
        {BY_TOKEN, SIZE_LARGE("-1000000001"), 400, "price_delta", NULL},
        {BY_TOKEN, SIZE_LARGE("1.5"), 400, "price_delta", NULL},
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"size\",\"combo_id\":\"cheeseburger-meal\","
         "\"slot_id\":\"side\",\"size_id\":\"large\",\"price_delta\":1}",
         400, "slot_id", "\"slot_id\" does not apply to kind \"size\""},
        {BY_TOKEN,
         "{\"store_id\":\"" STORE "\",\"kind\":\"size\",\"combo_id\":\"cheeseburger-meal\","
         "\"price_delta\":1}",
         400, "", "missing member"},
        {BY_TOKEN,
         "{\"store_id\":\"riyadh-09\",\"kind\":\"size\",\"combo_id\":\"cheeseburger-meal\","
         "\"size_id\":\"large\",\"price_delta\":1}",
         404, "store", NULL},
        {BY_SAMI,
         "{\"store_id\":\"" OTHER_STORE "\",\"kind\":\"size\",\"combo_id\":\"cheeseburger-meal\","
         "\"size_id\":\"large\",\"price_delta\":1}",
         403, "store_id", "not one of your stores"},
        {BY_SAMI_NO_CSRF, SIZE_LARGE("1"), 403, "", "X-CSRF-Token"},
        {BY_AYA, SIZE_LARGE("1"), 403, "", NULL},
        {BY_KIOSK, SIZE_LARGE("1"), 403, "", NULL},
    };
    check_refusals("/v1/price-deltas", refused, CHECK_COUNT(refused), &sami, &aya);
    /* Nothing stored, nothing audited: the same menu, the same rows. */
    CHECK_EQ_INT(pull(STORE, etag, &r), 304);
    CHECK_EQ_INT(audit_count(), audited);

    /* A store manager changes their own store's (session and CSRF); an auditor reads. */
    CHECK_EQ_INT(call(run.base, "POST", "/v1/price-deltas", sami.id, sami.csrf, NULL,
                      SIZE_LARGE("null"), &r),
                 200);
    CHECK_CONTAINS(audit_last(&r), "\"actor\":\"sami\",\"role\":\"store-manager\","
                                   "\"action\":\"price_delta.set\"");
    CHECK_EQ_INT(pull(STORE, file_etag, &r), 304);
    CHECK_EQ_INT(
        call(run.base, "GET", "/v1/price-deltas?store=" STORE, aya.id, NULL, NULL, NULL, &r), 200);
    CHECK_EQ_INT(
        call(run.base, "GET", "/v1/price-deltas?store=" OTHER_STORE, sami.id, NULL, NULL, NULL, &r),
        403);
    /* A store's own price under the meal's cheapest line is refused the same way. */
    CHECK_EQ_INT(post_delta(SIZE_LARGE("-2000"), &r), 200);
    CHECK_EQ_INT(call(run.base, "POST", "/v1/prices", NULL, NULL, MANAGER_TOKEN,
                      "{\"store_id\":\"" STORE "\",\"item_id\":\"cheeseburger-meal\","
                      "\"price\":2100}",
                      &r),
                 422);
    CHECK_CONTAINS(r.body, "a line of \\\"cheeseburger-meal\\\" could cost -100");
    backend_run_stop(&run);
}

/* The price of item in the menu of store as the manager reads it; -1 when absent. */
static long long served_price(const char *store, const char *item)
{
    char path[128];
    struct http_reply r;
    snprintf(path, sizeof path, "/v1/menu?store=%s", store);
    if (call(run.base, "GET", path, NULL, NULL, MANAGER_TOKEN, NULL, &r) != 200)
        return -1;
    json_t *root = json_loads(r.body, 0, NULL);
    long long price = -1;
    size_t i;
    json_t *e;
    json_array_foreach (json_object_get(root, "items"), i, e)
        if (strcmp(json_string_value(json_object_get(e, "id")), item) == 0)
            price = (long long)json_integer_value(json_object_get(e, "price"));
    json_decref(root);
    return price;
}

#define CHAIN(price, stores)                                                                       \
    "{\"item_id\":\"cheese-burger\",\"price\":" price ",\"stores\":[" stores "]}"

/*
 * One item's price at several stores in one request: all stored or none, one audit row per
 * store, head office only; each store checked as POST /v1/prices checks it (path stores[i]).
 */
static void test_chain_price(void)
{
    struct session sami, aya;
    struct http_reply r;
    char file_etag[80];
    CHECK(start_signed_in("be_chain_price", &sami, &aya, file_etag));
    size_t audited = audit_count();
    CHECK_EQ_INT(call(run.base, "POST", "/v1/prices/chain", NULL, NULL, MANAGER_TOKEN,
                      CHAIN("1950", "\"" STORE "\",\"" OTHER_STORE "\""), &r),
                 200);
    CHECK_EQ_STR(r.body, "{\"status\":\"stored\",\"item_id\":\"cheese-burger\",\"price\":1950,"
                         "\"stores\":[\"" STORE "\",\"" OTHER_STORE "\"]}");
    CHECK_EQ_INT(served_price(STORE, "cheese-burger"), 1950);
    CHECK_EQ_INT(served_price(OTHER_STORE, "cheese-burger"), 1950);
    CHECK_EQ_INT(served_price(STORE, "beef-burger"), 1500);
    CHECK_EQ_INT(audit_count(), audited + 2);
    CHECK_CONTAINS(audit_last(&r), "\"action\":\"price.set\",\"store_id\":\"" OTHER_STORE "\","
                                   "\"target\":\"cheese-burger\",\"before_summary\":\"menu\","
                                   "\"after_summary\":\"price=1950\"");

    static const struct refusal refused[] = {
        /* The second store has no menu: neither store changes. */
        {BY_TOKEN, CHAIN("2000", "\"" STORE "\",\"riyadh-09\""), 404, "stores[1]",
         "riyadh-09: no menu for that store at store"},
        /* Under the cheese option's -1.00 at the first store. */
        {BY_TOKEN, CHAIN("50", "\"" OTHER_STORE "\",\"" STORE "\""), 422, "stores[0]",
         OTHER_STORE ": the store's kiosks would refuse the menu with it: "},
        {BY_TOKEN, CHAIN("2000", "\"" STORE "\",\"" STORE "\""), 400, "stores[1]",
         "names a store twice"},
        {BY_TOKEN, CHAIN("2000", ""), 400, "stores", NULL},
        {BY_TOKEN, CHAIN("-1", "\"" STORE "\""), 400, "price", NULL},
        {BY_TOKEN, "{\"item_id\":\"no-such\",\"price\":1,\"stores\":[\"" STORE "\"]}", 422,
         "stores[0]", "riyadh-01: no item of the store's menu has that id at item_id"},
        /* Chain-wide: head office only, even for a manager's own store. */
        {BY_SAMI, CHAIN("2000", "\"" STORE "\""), 403, "", NULL},
        {BY_AYA, CHAIN("2000", "\"" STORE "\""), 403, "", NULL},
    };
    check_refusals("/v1/prices/chain", refused, CHECK_COUNT(refused), &sami, &aya);
    CHECK_EQ_INT(served_price(STORE, "cheese-burger"), 1950);
    CHECK_EQ_INT(served_price(OTHER_STORE, "cheese-burger"), 1950);
    CHECK_EQ_INT(audit_count(), audited + 2);

    /* null: both back to the menu file's, its bytes and ETag again. */
    CHECK_EQ_INT(call(run.base, "POST", "/v1/prices/chain", NULL, NULL, MANAGER_TOKEN,
                      CHAIN("null", "\"" OTHER_STORE "\",\"" STORE "\""), &r),
                 200);
    CHECK_CONTAINS(r.body, "\"price\":null");
    CHECK_EQ_INT(pull(STORE, file_etag, &r), 304);
    CHECK_EQ_INT(served_price(OTHER_STORE, "cheese-burger"), 1800);
    CHECK_EQ_INT(audit_count(), audited + 4);
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"deltas_served", test_deltas_served},
        {"deltas_refused", test_deltas_refused},
        {"chain_price", test_chain_price},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
