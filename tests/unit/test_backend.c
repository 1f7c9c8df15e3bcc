/*
 * The backend over real HTTP on loopback (the server in this process):
 * orders stored once whatever the repeats, bad tokens and malformed bodies
 * refused with nothing stored, heartbeats, the menu's ETag, the reports'
 * figures against totals computed by hand (JSON and CSV), the manager page,
 * and the kiosk's own delivery worker delivering paid orders to it.
 *
 * Run once per store: `test_backend` on SQLite files (ctest unit.backend),
 * `test_backend --pg` on the PostgreSQL server of KIOSK_TEST_PG
 * (unit.backend_pg), each case in a fresh schema. With --pg, the store
 * also gives the same rows as the SQLite store, refuses newer tables, and
 * survives its server stopping and starting again.
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#include <ctype.h>
#include <jansson.h>
#include <openssl/sha.h>
#include <sys/stat.h>

#include "kiosk/app/delivery.h"
#include "kiosk/backend/backend_cost_store.h"
#include "kiosk/backend/backend_kitchen.h"
#include "kiosk/backend/backend_reservation.h"
#include "kiosk/backend/backend_server.h"
#include "kiosk/common/log.h"
#include "kiosk/http/auth_limit.h"
#include "kiosk/render/print_format.h"
#include "tests/support/zbar.h"

#define MANAGER_TOKEN "mgr-Lk5Jh2Gf9Ds6Az3Xc8Vb4Nm7"
/* Two days before noon of the fixtures, 2026-11-23T09:00Z. */
#define DAY_BEFORE (KITCHEN_NOON - 86400)

static ks_backend_config cfg;
static struct backend_run run;
static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */

static void stop(void)
{
    backend_run_stop(&run);
}

/*
 * A fresh database named name ([a-z_]): the SQLite file name.db in the
 * test's folder, or with --pg the schema name on the server; in *out.
 */
static bool fresh_database(const char *name, char *out, size_t cap)
{
    return backend_fresh_database(pg, name, out, cap);
}

/* The seller of the e-receipts, with the repository's fonts for their PNG. */
#define RECEIPTS_INI                                                                               \
    "[receipts]\nseller_ar = مطعم الاختبار\nseller_en = Test Restaurant\n"             \
    "vat_number = 300000000000003\nfonts = %s/assets/fonts\n"

/*
 * The backend on database (a file path or connection string), with
 * receipts (false: no [receipts]), serving on a free loopback port.
 */
static bool start_on_with(const char *database, bool receipts)
{
    stop();
    ks_backend_config_defaults(&cfg);
    char ini[9000], more[2048] = "";
    if (receipts)
        snprintf(more, sizeof more, RECEIPTS_INI, check_source_dir());
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN "\nkiosk-03 = " KITCHEN_OTHER_TOKEN "\n"
             "[menus]\nriyadh-01 = %s/assets/menus/restaurant.json\njeddah-01 = %s\n%s",
             check_source_dir(), check_path(check_tmp_dir(), "jeddah-menu.json"), more);
    char why[256] = "";
    if (!ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why)) {
        check_fail(__FILE__, __LINE__, "config: %s", why);
        return false;
    }
    return backend_run_start(&run, &cfg, database);
}

/* The backend on database, with receipts. */
static bool start_on(const char *database)
{
    return start_on_with(database, true);
}

/* The backend on a fresh database name with receipts (false: no [receipts]). */
static bool start_with(const char *name, bool receipts)
{
    stop();
    char database[4200];
    return fresh_database(name, database, sizeof database) && start_on_with(database, receipts);
}

/* The backend on a fresh database name, serving on a free loopback port. */
static bool start(const char *name)
{
    return start_with(name, true);
}

static int64_t orders(void)
{
    int64_t n = -1;
    if (ks_backend_store_count_orders(run.store, &n) != KS_DB_OK)
        return -1;
    return n;
}

/*
 * method to base + path_query with token (NULL: none), extra header (NULL:
 * none) and body (len bytes; NULL: none) into *a.
 */
static void http_bytes(const char *method, const char *path_query, const char *token,
                       const char *extra, const char *body, size_t len, struct http_reply *a)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", run.base, path_query);
    http_call(&(struct http_request){.method = method,
                                     .url = url,
                                     .token = token,
                                     .headers = {extra},
                                     .body = body,
                                     .body_len = len,
                                     .timeout_ms = 5000},
              a);
}

/* http_bytes with a NUL-terminated body (NULL: none). */
static void http(const char *method, const char *path_query, const char *token, const char *extra,
                 const char *body, struct http_reply *a)
{
    http_bytes(method, path_query, token, extra, body, body ? strlen(body) : 0, a);
}

/* The "path" member of an error answer ("?" when the answer is not {"error","path"}). */
static const char *error_path(const struct http_reply *a)
{
    static char path[96];
    json_t *root = json_loads(a->body, 0, NULL);
    const char *p = json_string_value(json_object_get(root, "path"));
    bool ok = p && json_is_string(json_object_get(root, "error")) && json_object_size(root) == 2;
    snprintf(path, sizeof path, "%s", ok ? p : "?");
    json_decref(root);
    return path;
}

/* A line of a hand-made order: prices include 0 % or 15 % VAT. */
struct line_spec {
    const char *item_id, *name_en;
    int32_t quantity;
    ks_money unit_price;
    int32_t vat_rate_bp;
};

/*
 * An order of status (paid, cancelled) from kiosk of store on business
 * date, created and last updated at, with the lines; net = round(gross *
 * 10000 / (10000 + rate)) as the kiosk does. kiosk-order/1 JSON, malloc'd.
 */
static char *order_json(unsigned index, enum ks_order_status status, const char *kiosk,
                        const char *store_id, const char *date, int64_t at,
                        const struct line_spec *lines, size_t n)
{
    ks_order *o = fixture_calloc(1, sizeof *o);
    fixture_uuid(index, o->uuid);
    snprintf(o->store_id, sizeof o->store_id, "%s", store_id);
    snprintf(o->kiosk_id, sizeof o->kiosk_id, "%s", kiosk);
    snprintf(o->business_date, sizeof o->business_date, "%s", date);
    o->number = (int32_t)index;
    o->service = KS_SERVICE_DINE_IN;
    o->status = status;
    o->lang = KS_LANG_EN;
    memcpy(o->currency, "SAR", 4);
    o->exponent = 2;
    o->prices_include_tax = true;
    snprintf(o->menu_version, sizeof o->menu_version, "1");
    o->created_at = o->updated_at = at;
    o->n_lines = n;
    o->lines = fixture_calloc(n, sizeof *o->lines);
    o->vat = fixture_calloc(2, sizeof *o->vat);
    ks_order_vat rows[2] = {{.rate_bp = 0}, {.rate_bp = 1500}};
    for (size_t i = 0; i < n; i++) {
        ks_order_line *l = &o->lines[i];
        l->item_id = fixture_strdup(lines[i].item_id);
        l->category_id = fixture_strdup("food");
        l->name_ar = fixture_strdup("صنف");
        l->name_en = fixture_strdup(lines[i].name_en);
        l->note = fixture_strdup("");
        l->promo_note_ar = fixture_strdup("");
        l->promo_note_en = fixture_strdup("");
        l->unit = KS_UNIT_EACH;
        l->quantity = lines[i].quantity;
        l->unit_price = lines[i].unit_price;
        l->vat_rate_bp = lines[i].vat_rate_bp;
        l->gross = lines[i].unit_price * lines[i].quantity;
        l->net = fixture_round(l->gross, 10000, 10000 + l->vat_rate_bp);
        l->vat = l->gross - l->net;
        o->subtotal += l->gross;
        o->total_net += l->net;
        o->total_vat += l->vat;
        ks_order_vat *row = &rows[l->vat_rate_bp ? 1 : 0];
        row->taxable += l->net;
        row->vat += l->vat;
    }
    for (int r = 0; r < 2; r++) {
        bool used = false;
        for (size_t i = 0; i < n; i++)
            used = used || o->lines[i].vat_rate_bp == rows[r].rate_bp;
        if (used)
            o->vat[o->n_vat++] = rows[r];
    }
    o->total = o->total_net + o->total_vat;
    ks_order_json_error why;
    char *json = ks_order_to_json(o, &why);
    if (!json)
        check_fail(__FILE__, __LINE__, "order %u: %s at %s", index, why.reason, why.path);
    ks_order_free(o);
    return json;
}

static void test_order_idempotent(void)
{
    CHECK(start("be_idem"));
    char *json = kitchen_paid_json(1, 17);
    char uuid[37], key[80];
    fixture_uuid(1, uuid);
    snprintf(key, sizeof key, "Idempotency-Key: %s", uuid);
    static const long want[] = {201, 200, 200};
    for (int i = 0; i < 3; i++) {
        struct http_reply a;
        http("POST", "/v1/orders", KITCHEN_TOKEN, key, json, &a);
        CHECK_EQ_INT(a.status, want[i]);
        CHECK_CONTAINS(a.body, uuid);
        CHECK_CONTAINS(a.body, i == 0 ? "\"status\":\"created\"" : "\"status\":\"duplicate\"");
    }
    free(json);
    CHECK_EQ_INT(orders(), 1);
    stop();
}

static void test_other_order_under_stored_uuid_conflicts(void)
{
    CHECK(start("be_conflict"));
    char *json = kitchen_paid_json(1, 17), *other = kitchen_paid_json(1, 18);
    char uuid[37];
    fixture_uuid(1, uuid);
    struct http_reply a;
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 201);
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, other, &a);
    CHECK_EQ_INT(a.status, 409);
    CHECK_EQ_STR(error_path(&a), "uuid");
    CHECK_CONTAINS(a.body, "another order is stored under uuid");
    /* Nothing changed: the stored order's own repeat is still a duplicate, one order counted. */
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"status\":\"duplicate\"");
    CHECK_EQ_INT(orders(), 1);
    free(json);
    free(other);
    stop();
}

static void test_nul_bytes_and_impossible_dates(void)
{
    CHECK(start("be_nul"));
    char *json = kitchen_paid_json(2, 9);
    size_t len = strlen(json);
    /* The order with a NUL byte after its number, and with one at the end. */
    char *with_nul = malloc(len + 1);
    const char *number = strstr(json, "\"number\":9");
    CHECK(with_nul && number);
    size_t at = (size_t)(number - json) + strlen("\"number\":9");
    memcpy(with_nul, json, at);
    with_nul[at] = '\0';
    memcpy(with_nul + at + 1, json + at, len - at);
    struct http_reply a;
    http_bytes("POST", "/v1/orders", KITCHEN_TOKEN, NULL, with_nul, len + 1, &a);
    CHECK_EQ_INT(a.status, 400);
    CHECK_CONTAINS(a.body, "NUL byte");
    http_bytes("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, len + 1, &a);
    CHECK_EQ_INT(a.status, 400);
    static const char beat[] = "{\"kiosk_id\":\"kiosk-02\",\"version\":\"1\",\"unsent\":0,"
                               "\"devices\":{}}";
    http_bytes("POST", "/v1/heartbeat", KITCHEN_TOKEN, NULL, beat, sizeof beat, &a);
    CHECK_EQ_INT(a.status, 400);
    /* A business date that does not exist. */
    char *p = strstr(json, "\"business_date\":\"2026-11-24\"");
    CHECK(p != NULL);
    memcpy(p + strlen("\"business_date\":\"2026-"), "02-30", 5);
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(error_path(&a), "business_date");
    CHECK_EQ_INT(orders(), 0);
    free(with_nul);
    free(json);
    stop();
}

static void test_bad_token(void)
{
    CHECK(start("be_token"));
    char *json = kitchen_paid_json(2, 3);
    static const struct {
        const char *name, *header;
        long status;
    } cases[] = {
        {"no Authorization", NULL, 401},
        {"unknown token", "Authorization: Bearer not-a-kiosk-token-at-all", 401},
        {"Basic scheme", "Authorization: Basic " KITCHEN_TOKEN, 401},
        {"manager token", "Authorization: Bearer " MANAGER_TOKEN, 403},
        /* The fixture order is from kiosk-02; kiosk-03's token cannot send it. */
        {"another kiosk's token", "Authorization: Bearer " KITCHEN_OTHER_TOKEN, 403},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        struct http_reply a;
        http("POST", "/v1/orders", NULL, cases[i].header, json, &a);
        if (a.status != cases[i].status)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld", cases[i].name, a.status);
        CHECK(strcmp(error_path(&a), "?") != 0);
    }
    free(json);
    CHECK_EQ_INT(orders(), 0);
    stop();
}

static void test_malformed_orders(void)
{
    CHECK(start("be_malformed"));
    char *good = kitchen_paid_json(3, 5);
    char *unpaid = strdup(good), *extra = strdup(good), *wrong_total = strdup(good);
    char *p = strstr(unpaid, "\"status\":\"paid\"");
    CHECK(p != NULL);
    memcpy(p, "\"status\":\"void\"", 15);
    memcpy(strstr(extra, "\"format\""), "\"formax\"", 8);
    /* "total":N at the end: the last digit one more, so the totals do not add up. */
    char *last = wrong_total + strlen(wrong_total) - 2;
    *last = *last == '9' ? '0' : (char)(*last + 1);
    static const char wrong_key[] = "Idempotency-Key: 00000000-0000-4000-8000-000000000000";
    const struct {
        const char *name, *body, *header, *path;
    } cases[] = {
        {"empty", "", NULL, ""},
        {"not JSON", "{\"format\":", NULL, ""},
        {"array", "[]", NULL, ""},
        {"unknown member", extra, NULL, "formax"},
        {"unknown status", unpaid, NULL, "status"},
        {"totals off", wrong_total, NULL, ""},
        {"key differs", good, wrong_key, "uuid"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        struct http_reply a;
        const char *headers = cases[i].header;
        http("POST", "/v1/orders", KITCHEN_TOKEN, headers, cases[i].body, &a);
        if (a.status != 400 || strcmp(error_path(&a), cases[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", cases[i].name, a.status, a.body);
    }
    CHECK_EQ_INT(orders(), 0);
    free(good);
    free(unpaid);
    free(extra);
    free(wrong_total);
    stop();
}

static void test_heartbeat_round_trip(void)
{
    CHECK(start("be_heartbeat"));
    struct http_reply a;
    int64_t before = (int64_t)time(NULL);
    http("POST", "/v1/heartbeat", KITCHEN_TOKEN, NULL,
         "{\"kiosk_id\":\"kiosk-02\",\"version\":\"1.4.0\",\"unsent\":3,"
         "\"devices\":{\"terminal\":\"ok\",\"printer\":\"paper_out\"}}",
         &a);
    CHECK_EQ_INT(a.status, 200);
    http("GET", "/v1/kiosks", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    json_t *root = json_loads(a.body, 0, NULL);
    json_t *k = json_array_get(json_object_get(root, "kiosks"), 0);
    CHECK_EQ_INT(json_array_size(json_object_get(root, "kiosks")), 1);
    CHECK_EQ_STR(json_string_value(json_object_get(k, "kiosk_id")), "kiosk-02");
    CHECK_EQ_STR(json_string_value(json_object_get(k, "version")), "1.4.0");
    CHECK_EQ_INT(json_integer_value(json_object_get(k, "unsent")), 3);
    CHECK_EQ_STR(json_string_value(json_object_get(json_object_get(k, "devices"), "printer")),
                 "paper_out");
    int64_t at = json_integer_value(json_object_get(k, "at"));
    json_decref(root);
    /* Stored with the time it arrived. */
    CHECK(at >= before && at <= (int64_t)time(NULL));

    /* Kiosks may not read the list; refused heartbeats change nothing. */
    http("GET", "/v1/kiosks", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 403);
    static const struct {
        const char *name, *body, *path;
    } bad[] = {
        {"not JSON", "{", ""},
        {"unknown member", "{\"kiosk_id\":\"kiosk-02\",\"x\":1}", "x"},
        {"other kiosk", "{\"kiosk_id\":\"kiosk-03\",\"version\":\"1\",\"unsent\":0,\"devices\":{}}",
         "kiosk_id"},
        {"version with space",
         "{\"kiosk_id\":\"kiosk-02\",\"version\":\"1 0\",\"unsent\":0,\"devices\":{}}", "version"},
        {"negative unsent",
         "{\"kiosk_id\":\"kiosk-02\",\"version\":\"1\",\"unsent\":-1,\"devices\":{}}", "unsent"},
        {"device state not a name",
         "{\"kiosk_id\":\"kiosk-02\",\"version\":\"1\",\"unsent\":0,\"devices\":{\"p\":\"<b>\"}}",
         "devices.p"},
    };
    for (size_t i = 0; i < CHECK_COUNT(bad); i++) {
        http("POST", "/v1/heartbeat", KITCHEN_TOKEN, NULL, bad[i].body, &a);
        if (a.status != 400 || strcmp(error_path(&a), bad[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", bad[i].name, a.status, a.body);
    }
    char big[KS_BACKEND_HEARTBEAT_MAX + 64];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[0] = '{';
    big[sizeof big - 2] = '}';
    http("POST", "/v1/heartbeat", KITCHEN_TOKEN, NULL, big, &a);
    CHECK_EQ_INT(a.status, 413);
    http("GET", "/v1/kiosks", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"unsent\":3");
    stop();
}

static void test_menu_etag(void)
{
    CHECK(start("be_menu"));
    size_t len = 0;
    char *file =
        check_read_file(check_path(check_source_dir(), "assets/menus/restaurant.json"), &len);
    CHECK(file != NULL);
    struct http_reply a;
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_INT(strlen(a.etag), 66); /* "…64 hex…" */
    /* The body is the file byte for byte (as far as the answer buffer holds). */
    CHECK(a.len > 0 && memcmp(a.body, file, a.len) == 0);
    /* The ETag is the SHA-256 of the file's bytes, quoted. */
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)file, len, digest);
    char want[80] = "\"";
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(want + 1 + 2 * i, 3, "%02x", digest[i]);
    want[65] = '"';
    want[66] = '\0';
    CHECK_EQ_STR(a.etag, want);
    free(file);
    char header[128];
    snprintf(header, sizeof header, "If-None-Match: %s", a.etag);
    char etag[80];
    snprintf(etag, sizeof etag, "%s", a.etag);
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, header, NULL, &a);
    CHECK_EQ_INT(a.status, 304);
    CHECK_EQ_INT(a.len, 0);
    CHECK_EQ_STR(a.etag, etag);
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, "If-None-Match: \"0123\"", NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    /* The file is read at each request: a new menu has a new ETag at once. */
    const char *jeddah = check_path(check_tmp_dir(), "jeddah-menu.json");
    FILE *f = fopen(jeddah, "wb");
    CHECK(f && fputs("{\"v\":1}", f) >= 0 && fclose(f) == 0);
    http("GET", "/v1/menu?store=jeddah-01", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.body, "{\"v\":1}");
    snprintf(header, sizeof header, "If-None-Match: %s", a.etag);
    f = fopen(jeddah, "wb");
    CHECK(f && fputs("{\"v\":2}", f) >= 0 && fclose(f) == 0);
    http("GET", "/v1/menu?store=jeddah-01", KITCHEN_TOKEN, header, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.body, "{\"v\":2}");
    CHECK(strcmp(header + strlen("If-None-Match: "), a.etag) != 0);
    http("GET", "/v1/menu?store=jeddah-09", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 404);
    CHECK_EQ_STR(error_path(&a), "store");
    http("GET", "/v1/menu", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 400);
    http("GET", "/v1/menu?store=riyadh-01", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 401);
    stop();
}

/*
 * member of the entry with id in list ("items" or "combos") of the menu body (JSON): an
 * integer as it is, a boolean as 1 or 0; -1 when there is no such entry or value.
 */
static long long menu_value(const char *body, const char *list, const char *id, const char *member)
{
    json_t *root = json_loads(body, 0, NULL);
    long long value = -1;
    size_t i;
    json_t *entry;
    json_array_foreach (json_object_get(root, list), i, entry) {
        json_t *v = json_object_get(entry, member);
        if (strcmp(json_string_value(json_object_get(entry, "id")), id) == 0)
            value = json_is_integer(v)   ? (long long)json_integer_value(v)
                    : json_is_boolean(v) ? json_is_true(v)
                                         : -1;
    }
    json_decref(root);
    return value;
}

/* A store's own price of a menu item: in the menu its kiosks pull (a new ETag), audited. */
static void test_store_prices(void)
{
    CHECK(start("be_prices"));
    struct http_reply a;
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(menu_value(a.body, "items", "cheese-burger", "price"), 1800);
    char file_etag[80], header[128];
    snprintf(file_etag, sizeof file_etag, "%s", a.etag);
    snprintf(header, sizeof header, "If-None-Match: %s", file_etag);
    static const char set[] = "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\","
                              "\"price\":1950}";
    http("POST", "/v1/prices", MANAGER_TOKEN, NULL, set, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"price\":1950");
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, header, NULL, &a);
    CHECK_EQ_INT(a.status, 200); /* changed: the kiosk's poll gets the new menu */
    CHECK(strcmp(a.etag, file_etag) != 0);
    CHECK_EQ_INT(menu_value(a.body, "items", "cheese-burger", "price"), 1950);
    CHECK_EQ_INT(menu_value(a.body, "items", "beef-burger", "price"), 1500);
    http("GET", "/v1/prices?store=riyadh-01", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"prices\":[{\"item_id\":\"cheese-burger\",\"price\":1950,");
    http("GET", "/v1/audit?limit=1", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"actor\":\"manager-token\",\"role\":\"head-office\","
                           "\"action\":\"price.set\",\"store_id\":\"riyadh-01\","
                           "\"target\":\"cheese-burger\",\"before_summary\":\"menu\","
                           "\"after_summary\":\"price=1950\"");
    static const struct {
        const char *token, *body;
        long status;
        const char *path;
    } refused[] = {
        {MANAGER_TOKEN, "{\"store_id\":\"riyadh-01\",\"item_id\":\"no-such\",\"price\":1}", 422,
         "item_id"},
        {MANAGER_TOKEN, "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\",\"price\":-1}",
         400, "price"},
        /* Under its "no cheese" option's -1.00: the kiosks' importer would refuse the menu. */
        {MANAGER_TOKEN, "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\",\"price\":50}",
         422, "price"},
        /* A missing member is reported at the object that lacks it, "" for the body. */
        {MANAGER_TOKEN, "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\"}", 400, ""},
        {MANAGER_TOKEN, "{\"store_id\":\"riyadh-09\",\"item_id\":\"cheese-burger\",\"price\":1}",
         404, "store"},
        {KITCHEN_TOKEN, set, 403, ""},
        {NULL, set, 401, ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(refused); i++) {
        http("POST", "/v1/prices", refused[i].token, NULL, refused[i].body, &a);
        if (a.status != refused[i].status || strcmp(error_path(&a), refused[i].path) != 0)
            check_fail(__FILE__, __LINE__, "case %zu: HTTP %ld %s", i, a.status, a.body);
    }
    http("POST", "/v1/prices", MANAGER_TOKEN, NULL,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\",\"price\":50}", &a);
    CHECK_CONTAINS(a.body, "the store's kiosks would refuse the menu with it: ");
    /* A combo (one id space with the items) takes a store's price too. */
    http("POST", "/v1/prices", MANAGER_TOKEN, NULL,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheeseburger-meal\",\"price\":2700}", &a);
    CHECK_EQ_INT(a.status, 200);
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(menu_value(a.body, "combos", "cheeseburger-meal", "price"), 2700);
    http("POST", "/v1/prices", MANAGER_TOKEN, NULL,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheeseburger-meal\",\"price\":null}", &a);
    CHECK_EQ_INT(a.status, 200);
    /* null: the menu file's price again, and the file's bytes and ETag. */
    http("POST", "/v1/prices", MANAGER_TOKEN, NULL,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\",\"price\":null}", &a);
    CHECK_EQ_INT(a.status, 200);
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, header, NULL, &a);
    CHECK_EQ_INT(a.status, 304);
    http("GET", "/v1/prices?store=riyadh-01", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"prices\":[]");
    stop();
}

/*
 * Whether a store sells a menu item: off at one store only, in the menu its
 * kiosks pull (a new ETag), beside its own price, audited; null goes back
 * to the menu file's bytes and ETag.
 */
static void test_store_availability(void)
{
    CHECK(start("be_availability"));
    struct http_reply a;
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(menu_value(a.body, "items", "cheese-burger", "sold_out"), 0);
    char file_etag[80], header[128];
    snprintf(file_etag, sizeof file_etag, "%s", a.etag);
    snprintf(header, sizeof header, "If-None-Match: %s", file_etag);
    static const char off[] = "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\","
                              "\"available\":false}";
    http("POST", "/v1/availability", MANAGER_TOKEN, NULL, off, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"available\":false");
    http("POST", "/v1/prices", MANAGER_TOKEN, NULL,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"beef-burger\",\"price\":1650}", &a);
    CHECK_EQ_INT(a.status, 200);
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, header, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strcmp(a.etag, file_etag) != 0);
    CHECK_EQ_INT(menu_value(a.body, "items", "cheese-burger", "sold_out"), 1);
    CHECK_EQ_INT(menu_value(a.body, "items", "beef-burger", "sold_out"), 0);
    CHECK_EQ_INT(menu_value(a.body, "items", "beef-burger", "price"), 1650);
    CHECK_EQ_INT(menu_value(a.body, "items", "cheese-burger", "price"), 1800);
    /* Another store keeps to its menu file. */
    http("GET", "/v1/availability?store=jeddah-01", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"availability\":[]");
    http("GET", "/v1/availability?store=riyadh-01", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"availability\":[{\"item_id\":\"cheese-burger\",\"available\":0,");
    http("GET", "/v1/audit?limit=2", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"action\":\"availability.set\",\"store_id\":\"riyadh-01\","
                           "\"target\":\"cheese-burger\",\"before_summary\":\"menu\","
                           "\"after_summary\":\"available=0\"");
    static const struct {
        const char *token, *body;
        long status;
        const char *path;
    } refused[] = {
        {MANAGER_TOKEN, "{\"store_id\":\"riyadh-01\",\"item_id\":\"no-such\",\"available\":true}",
         422, "item_id"},
        {MANAGER_TOKEN,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\",\"available\":0}", 400,
         "available"},
        {MANAGER_TOKEN,
         "{\"store_id\":\"riyadh-09\",\"item_id\":\"cheese-burger\",\"available\":true}", 404,
         "store"},
        {KITCHEN_TOKEN, off, 403, ""},
        {NULL, off, 401, ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(refused); i++) {
        http("POST", "/v1/availability", refused[i].token, NULL, refused[i].body, &a);
        if (a.status != refused[i].status || strcmp(error_path(&a), refused[i].path) != 0)
            check_fail(__FILE__, __LINE__, "case %zu: HTTP %ld %s", i, a.status, a.body);
    }
    /* Back to the menu file's, and its own price removed: the file's bytes and ETag again. */
    http("POST", "/v1/availability", MANAGER_TOKEN, NULL,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"cheese-burger\",\"available\":null}", &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"available\":null");
    http("POST", "/v1/prices", MANAGER_TOKEN, NULL,
         "{\"store_id\":\"riyadh-01\",\"item_id\":\"beef-burger\",\"price\":null}", &a);
    http("GET", "/v1/menu?store=riyadh-01", KITCHEN_TOKEN, header, NULL, &a);
    CHECK_EQ_INT(a.status, 304);
    http("GET", "/v1/availability?store=riyadh-01", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"availability\":[]");
    stop();
}

/*
 * Four paid orders and two cancelled unpaid, figures by hand (net =
 * round(gross / 1.15) at 15 %):
 *   1 kiosk-02 2026-11-23: 2 burger @1800 = 3600 (net 3130, vat 470)
 *                           10 water @100 at 0 % = 1000 (net 1000)   -> 4130 + 470 = 4600
 *   2 kiosk-02 2026-11-24 12:00 local: 1 burger = 1800 (1565 + 235)  -> 1800
 *   3 kiosk-03 2026-11-24 13:00 local: 3 cola @600 = 1800 (1565 + 235)
 *                           1 burger = 1800 (1565 + 235)             -> 3130 + 470 = 3600
 *   4 kiosk-02 2026-12-01: 5 burger = 9000, outside November.
 *   5 kiosk-02 2026-11-24 12:01 local, cancelled: 1 burger = 1800
 *   6 kiosk-02 2026-11-25, cancelled: 1 cola = 600 (a day of no sale)
 * November: 3 orders, net 8825, vat 1175, total 10000; quantity water 10,
 * burger 4, cola 3; revenue burger 7200, cola 1800, water 1000; VAT 0 %:
 * taxable 1000 in 1 order; 15 %: taxable 3130 + 1565 + 3130 = 7825, vat 1175 in 3;
 * 2 cancelled for 2400, in none of those figures.
 */
#define REPORT_ORDERS 6

/* The four orders above as kiosk-order/1 JSON (malloc'd; NULL when one failed, logged). */
static void report_orders_json(char *json[REPORT_ORDERS])
{
    static const struct line_spec o1[] = {{"burger", "Burger", 2, 1800, 1500},
                                          {"water", "Water", 10, 100, 0}};
    static const struct line_spec o2[] = {{"burger", "Burger", 1, 1800, 1500}};
    static const struct line_spec o3[] = {{"cola", "Cola", 3, 600, 1500},
                                          {"burger", "Burger", 1, 1800, 1500}};
    static const struct line_spec o4[] = {{"burger", "Burger", 5, 1800, 1500}};
    static const struct line_spec o6[] = {{"cola", "Cola", 1, 600, 1500}};
    const enum ks_order_status paid = KS_ORDER_PAID, cancelled = KS_ORDER_CANCELLED;
    json[0] = order_json(101, paid, "kiosk-02", "riyadh-01", "2026-11-23", DAY_BEFORE, o1, 2);
    json[1] = order_json(102, paid, "kiosk-02", "riyadh-01", "2026-11-24", KITCHEN_NOON, o2, 1);
    json[2] =
        order_json(103, paid, "kiosk-03", "riyadh-01", "2026-11-24", KITCHEN_NOON + 3600, o3, 2);
    json[3] = order_json(104, paid, "kiosk-02", "riyadh-01", "2026-12-01", KITCHEN_NOON + 7 * 86400,
                         o4, 1);
    json[4] =
        order_json(105, cancelled, "kiosk-02", "riyadh-01", "2026-11-24", KITCHEN_NOON + 60, o2, 1);
    json[5] = order_json(106, cancelled, "kiosk-02", "riyadh-01", "2026-11-25",
                         KITCHEN_NOON + 86400, o6, 1);
}

static bool post_report_orders(void)
{
    char *json[REPORT_ORDERS];
    report_orders_json(json);
    const char *tokens[] = {KITCHEN_TOKEN, KITCHEN_TOKEN, KITCHEN_OTHER_TOKEN,
                            KITCHEN_TOKEN, KITCHEN_TOKEN, KITCHEN_TOKEN};
    bool ok = true;
    for (int i = 0; i < REPORT_ORDERS; i++) {
        struct http_reply a;
        if (json[i])
            http("POST", "/v1/orders", tokens[i], NULL, json[i], &a);
        ok = ok && json[i] && a.status == 201;
        free(json[i]);
    }
    return ok;
}

#define REFUND_A "5eed0000-0000-4000-8000-0000000000a1"
#define REFUND_B "5eed0000-0000-4000-8000-0000000000a2"

/* The body of a refund of order index: one line (line 0) of amount, its VAT vat. */
static void refund_body(unsigned index, const char *refund_id, int64_t amount, int64_t vat,
                        const char *method, char *out, size_t cap)
{
    char uuid[37];
    fixture_uuid(index, uuid);
    snprintf(out, cap,
             "{\"refund_id\":\"%s\",\"order_uuid\":\"%s\",\"method\":\"%s\",\"amount\":%lld,"
             "\"vat\":%lld,\"reason\":\"cold\",\"at\":1795550000,\"lines\":[{\"line_no\":0,"
             "\"quantity\":1,\"amount\":%lld}]}",
             refund_id, uuid, method, (long long)amount, (long long)vat, (long long)amount);
}

/* POSTs body to /v1/orders/<uuid of index>/refunds with token into *a; the status. */
static long refund_post_body(unsigned index, const char *token, const char *body,
                             struct http_reply *a)
{
    char uuid[37], path[96];
    fixture_uuid(index, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s/refunds", uuid);
    http_bytes("POST", path, token, NULL, body, strlen(body), a);
    return a->status;
}

/* POSTs the refund refund_body makes; the status. */
static long refund_post(unsigned index, const char *token, const char *refund_id, int64_t amount,
                        int64_t vat, const char *method, struct http_reply *a)
{
    char body[512];
    refund_body(index, refund_id, amount, vat, method, body, sizeof body);
    return refund_post_body(index, token, body, a);
}

#define ITEMS_NOVEMBER "/v1/reports/items?from=2026-11-01&to=2026-11-30&limit=100"
#define VAT_NOVEMBER "/v1/reports/vat?from=2026-11-01&to=2026-11-30"

/* Every report that reads a summary, of November, one after the other, into out[cap]. */
static void summarised_reports(char *out, size_t cap)
{
    static const char *const reports[] = {
        ITEMS_NOVEMBER,
        VAT_NOVEMBER,
        "/v1/reports/sales?from=2026-11-01&to=2026-11-30",
        "/v1/reports/sales?from=2026-11-01&to=2026-12-31&group=month&by=store",
        "/v1/reports/sales?from=2026-11-23&to=2026-11-29&group=hour",
        "/v1/reports/peak?from=2026-11-01&to=2026-11-30",
        "/v1/reports/refunds?from=2026-11-01&to=2026-11-30",
        "/v1/reports/payments?from=2026-11-01&to=2026-11-30",
        "/v1/reports/profit?from=2026-11-01&to=2026-11-30",
        "/v1/reports/kitchen?from=2026-11-24&to=2026-11-30",
        "/v1/reports/kitchen?from=2026-11-01&to=2026-11-30&group=day",
        "/v1/reports/kitchen?from=2026-11-01&to=2026-11-30&group=month",
        "/v1/reports/kitchen?from=2026-11-24&to=2026-12-31&group=month",
    };
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        struct http_reply a;
        http("GET", reports[i], MANAGER_TOKEN, NULL, NULL, &a);
        int n = snprintf(out + used, cap - used, "%ld %s\n", a.status, a.body);
        if (n < 0 || (size_t)n >= cap - used) {
            snprintf(out, cap, "answers longer than %zu bytes", cap);
            return;
        }
        used += (size_t)n;
    }
}

/* The summary tables, each with prefix (a PostgreSQL schema and dot, or nothing). */
#define SUMMARY_TABLES(P)                                                                          \
    P "be_day_items, " P "be_day_vat, " P "be_day_sales, " P "be_quarter_sales, " P                \
      "be_day_refunds, " P "be_day_payments, " P "be_day_profit, " P "be_kitchen_times, " P        \
      "be_kitchen_days, " P "be_kitchen_seconds, " P "be_kitchen_months, " P                       \
      "be_kitchen_stale, " P "be_hour_sales"

/*
 * The reports' summaries (backend_summary_sql.h): a repeated order or
 * refund adds nothing, and a database whose orders and refunds came before
 * the summaries (the tables dropped, on PostgreSQL their migrations undone)
 * gets them filled when opened, with the very same answers, which the raw
 * rows give too (the expected answers of test_reports and
 * test_backend_money, and bench_reports_pg --check).
 */
static long kitchen_event(unsigned index, const char *status, int64_t at, const char *station,
                          struct http_reply *a);

static void test_report_summaries(void)
{
    char database[4200], before[16384], after[16384];
    CHECK(fresh_database("be_summary", database, sizeof database));
    CHECK(start_on(database));
    struct http_reply a;
    http("POST", "/v1/costs", MANAGER_TOKEN, NULL, "{\"item_id\":\"burger\",\"unit_cost\":700}",
         &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK(post_report_orders());
    CHECK_EQ_INT(refund_post(103, KITCHEN_OTHER_TOKEN, REFUND_A, 600, 78, "card", &a), 201);
    /* Order 102 at the kitchen: the grill ready, then all, collected, a late ready left out. */
    CHECK_EQ_INT(kitchen_event(102, "ready", KITCHEN_NOON + 240, "grill", &a), 201);
    CHECK_EQ_INT(kitchen_event(102, "ready", KITCHEN_NOON + 300, NULL, &a), 201);
    CHECK_EQ_INT(kitchen_event(102, "collected", KITCHEN_NOON + 420, NULL, &a), 201);
    CHECK_EQ_INT(kitchen_event(102, "ready", KITCHEN_NOON + 500, NULL, &a), 201);
    summarised_reports(before, sizeof before);
    CHECK_CONTAINS(before, "200 {");
    CHECK_CONTAINS(before, "\"item_id\":\"burger\"");
    CHECK_CONTAINS(before, "\"rate_bp\":1500,\"orders\":3,\"taxable\":7825,\"vat\":1175");
    /* Order 103 (3600) less its refund (600), order 102 (1800): kiosk-02 and kiosk-03. */
    CHECK_CONTAINS(before, "\"period\":\"2026-11-24\",\"store_id\":\"riyadh-01\",\"kiosk_id\":"
                           "\"kiosk-03\",\"orders\":1,\"total_net\":3130,\"total_vat\":470,"
                           "\"total\":3600,\"cancelled\":0,\"cancelled_total\":0,\"refunds\":1,"
                           "\"refunded\":600,\"net_total\":3000}");
    CHECK_CONTAINS(before, "\"period\":\"2026-11\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"\","
                           "\"orders\":3,");
    /* The same per local hour (be_hour_sales), the refund in its order's hour. */
    CHECK_CONTAINS(before,
                   "\"period\":\"2026-11-24 13:00\",\"store_id\":\"riyadh-01\",\"kiosk_id\":"
                   "\"kiosk-03\",\"orders\":1,\"total_net\":3130,\"total_vat\":470,"
                   "\"total\":3600,\"cancelled\":0,\"cancelled_total\":0,\"refunds\":1,"
                   "\"refunded\":600,\"net_total\":3000}");
    CHECK_CONTAINS(before, "\"period\":\"2026-12\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"\","
                           "\"orders\":1,");
    CHECK_CONTAINS(before, "\"method\":\"card\",\"reason\":\"cold\",\"refunds\":1,\"amount\":600");
    CHECK_CONTAINS(before, "\"refunds\":1,\"refunded\":600");
    /* Burger: 4 sold at 700 each; cola: 3 sold, 1 given back, no cost. */
    CHECK_CONTAINS(before, "\"item_id\":\"burger\",\"name_en\":\"Burger\"");
    CHECK_CONTAINS(before, "\"unit\":\"each\",\"quantity\":4,\"net\":6260,\"cost\":2800");
    CHECK_CONTAINS(before, "\"item_id\":\"cola\"");
    CHECK_CONTAINS(before, "\"unit\":\"each\",\"quantity\":2,");
    CHECK_CONTAINS(before, "\"station\":\"\",\"orders\":1,\"ready_avg_s\":");
    CHECK_CONTAINS(before, "\"station\":\"grill\",\"orders\":1,");
    CHECK_CONTAINS(before, "\"collected\":1,\"collect_avg_s\":120}");
    CHECK_CONTAINS(before,
                   "\"period\":\"2026-11-24\",\"store_id\":\"riyadh-01\",\"station\":\"grill\"");
    /* November whole (be_kitchen_months) and cut (be_kitchen_times): the same row. */
    const char *month = strstr(before, "\"period\":\"2026-11\",\"store_id\":\"riyadh-01\","
                                       "\"station\":\"grill\"");
    CHECK(month && strstr(month + 1, "\"period\":\"2026-11\",\"store_id\":\"riyadh-01\","
                                     "\"station\":\"grill\""));
    /* The same orders and refund again: each a 200 duplicate, the answers unchanged. */
    char *json[REPORT_ORDERS];
    report_orders_json(json);
    for (int i = 0; i < REPORT_ORDERS; i++) {
        http("POST", "/v1/orders", i == 2 ? KITCHEN_OTHER_TOKEN : KITCHEN_TOKEN, NULL, json[i], &a);
        CHECK_EQ_INT(a.status, 200);
        free(json[i]);
    }
    CHECK_EQ_INT(refund_post(103, KITCHEN_OTHER_TOKEN, REFUND_A, 600, 78, "card", &a), 200);
    summarised_reports(after, sizeof after);
    CHECK_EQ_STR(after, before);
    stop();
    /* An older database: the orders and the refund are there, the summaries not yet. */
    CHECK(backend_database_exec(
        pg != NULL, database,
        pg ? "DROP TABLE " SUMMARY_TABLES(
                 "be_summary.") "; "
                                "DROP TABLE be_summary.be_refund_request_lines, "
                                "be_summary.be_refund_requests, "
                                "be_summary.be_interventions; "
                                "DROP TABLE be_summary.be_reservation_holds, "
                                "be_summary.be_einvoices, be_summary.be_price_deltas; "
                                "DELETE FROM be_summary.be_schema WHERE version >= 12"
           : "DROP TABLE be_day_items; DROP TABLE be_day_vat; "
             "DROP TABLE be_day_sales; DROP TABLE be_quarter_sales; "
             "DROP TABLE be_day_refunds; DROP TABLE be_day_payments; "
             "DROP TABLE be_day_profit; DROP TABLE be_kitchen_times; "
             "DROP TABLE be_kitchen_days; DROP TABLE be_kitchen_seconds; "
             "DROP TABLE be_kitchen_months; DROP TABLE be_kitchen_stale; "
             "DROP TABLE be_hour_sales"));
    CHECK(start_on(database));
    summarised_reports(after, sizeof after);
    CHECK_EQ_STR(after, before);
    stop();
}

static void test_reports(void)
{
    CHECK(start("be_reports"));
    CHECK(post_report_orders());
    /* One cola of order 103 given back: counted with its order, on 2026-11-24. */
    struct http_reply refunded;
    CHECK_EQ_INT(refund_post(103, KITCHEN_OTHER_TOKEN, REFUND_A, 600, 78, "card", &refunded), 201);
    static const struct {
        const char *name, *query, *want;
    } cases[] = {
        {"sales by day and kiosk, JSON", "/v1/reports/sales?from=2026-11-01&to=2026-11-30",
         "\"rows\":[{\"period\":\"2026-11-23\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-"
         "02\","
         "\"orders\":1,\"total_net\":4130,\"total_vat\":470,\"total\":4600,\"cancelled\":0,"
         "\"cancelled_total\":0,\"refunds\":0,\"refunded\":0,\"net_total\":4600},"
         "{\"period\":\"2026-11-24\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-02\","
         "\"orders\":1,\"total_net\":1565,\"total_vat\":235,\"total\":1800,\"cancelled\":1,"
         "\"cancelled_total\":1800,\"refunds\":0,\"refunded\":0,\"net_total\":1800},"
         "{\"period\":\"2026-11-24\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-03\","
         "\"orders\":1,\"total_net\":3130,\"total_vat\":470,\"total\":3600,\"cancelled\":0,"
         "\"cancelled_total\":0,\"refunds\":1,\"refunded\":600,\"net_total\":3000},"
         "{\"period\":\"2026-11-25\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-02\","
         "\"orders\":0,\"total_net\":0,\"total_vat\":0,\"total\":0,\"cancelled\":1,"
         "\"cancelled_total\":600,\"refunds\":0,\"refunded\":0,\"net_total\":0}]"},
        {"sales by month and store, CSV",
         "/v1/reports/sales?from=2026-11-01&to=2026-11-30&group=month&by=store&format=csv",
         "period,store_id,kiosk_id,orders,total_net,total_vat,total,cancelled,cancelled_total,"
         "refunds,refunded,net_total\r\n"
         "\"2026-11\",\"riyadh-01\",\"\",3,8825,1175,10000,2,2400,1,600,9400\r\n"},
        {"sales by local hour, CSV",
         "/v1/reports/sales?from=2026-11-24&to=2026-11-24&group=hour&by=store&format=csv",
         "period,store_id,kiosk_id,orders,total_net,total_vat,total,cancelled,cancelled_total,"
         "refunds,refunded,net_total\r\n"
         "\"2026-11-24 12:00\",\"riyadh-01\",\"\",1,1565,235,1800,1,1800,0,0,1800\r\n"
         "\"2026-11-24 13:00\",\"riyadh-01\",\"\",1,3130,470,3600,0,0,1,600,3000\r\n"},
        {"December alone", "/v1/reports/sales?from=2026-12-01&to=2026-12-31&by=store&format=csv",
         "period,store_id,kiosk_id,orders,total_net,total_vat,total,cancelled,cancelled_total,"
         "refunds,refunded,net_total\r\n"
         "\"2026-12-01\",\"riyadh-01\",\"\",1,7826,1174,9000,0,0,0,0,9000\r\n"},
        {"another store", "/v1/reports/sales?from=2026-11-01&to=2026-12-31&store=jeddah-01",
         "\"rows\":[]"},
        {"best sellers by quantity, CSV",
         "/v1/reports/items?from=2026-11-01&to=2026-11-30&format=csv",
         "item_id,name_en,name_ar,unit,quantity,orders,net,vat,revenue\r\n"
         "\"water\",\"Water\",\"صنف\",\"each\",10,1,1000,0,1000\r\n"
         "\"burger\",\"Burger\",\"صنف\",\"each\",4,3,6260,940,7200\r\n"
         "\"cola\",\"Cola\",\"صنف\",\"each\",3,1,1565,235,1800\r\n"},
        {"best sellers by revenue, JSON",
         "/v1/reports/items?from=2026-11-01&to=2026-11-30&sort=revenue&limit=2",
         "\"rows\":[{\"item_id\":\"burger\",\"name_en\":\"Burger\",\"name_ar\":\"صنف\","
         "\"unit\":\"each\",\"quantity\":4,\"orders\":3,\"net\":6260,\"vat\":940,"
         "\"revenue\":7200},{\"item_id\":\"cola\""},
        {"VAT per rate, CSV", "/v1/reports/vat?from=2026-11-01&to=2026-11-30&format=csv",
         "rate_bp,orders,taxable,vat\r\n0,1,1000,0\r\n1500,3,7825,1175\r\n"},
        {"VAT per rate, JSON", "/v1/reports/vat?from=2026-11-01&to=2026-11-30",
         "\"rows\":[{\"rate_bp\":0,\"orders\":1,\"taxable\":1000,\"vat\":0},"
         "{\"rate_bp\":1500,\"orders\":3,\"taxable\":7825,\"vat\":1175}]"},
        /* 101 on Monday 12:00 local, 102 and 103 on Tuesday 12:00 and 13:00; cancelled left out. */
        {"peak hours, CSV", "/v1/reports/peak?from=2026-11-01&to=2026-11-30&format=csv",
         "weekday,hour,orders,total\r\n1,12,1,4600\r\n2,12,1,1800\r\n2,13,1,3600\r\n"},
        {"peak hours of a store, JSON",
         "/v1/reports/peak?from=2026-11-24&to=2026-11-24&store=riyadh-01",
         "\"rows\":[{\"weekday\":2,\"hour\":12,\"orders\":1,\"total\":1800},"
         "{\"weekday\":2,\"hour\":13,\"orders\":1,\"total\":3600}]"},
        {"refunds per method and reason, CSV",
         "/v1/reports/refunds?from=2026-11-01&to=2026-11-30&format=csv",
         "method,reason,refunds,amount,vat\r\n\"card\",\"cold\",1,600,78\r\n"},
        {"refunds of another store, JSON",
         "/v1/reports/refunds?from=2026-11-01&to=2026-11-30&store=jeddah-01", "\"rows\":[]"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        struct http_reply a;
        http("GET", cases[i].query, MANAGER_TOKEN, NULL, NULL, &a);
        bool csv = strstr(cases[i].query, "format=csv") != NULL;
        /* A CSV answer is exactly the table; a JSON one holds the rows among its members. */
        bool ok = a.status == 200 && (csv ? strcmp(a.body, cases[i].want) == 0
                                          : strstr(a.body, cases[i].want) != NULL);
        if (!ok)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld\n%s", cases[i].name, a.status, a.body);
        CHECK_CONTAINS(a.type, csv ? "text/csv" : "application/json");
    }
    stop();
}

/* The local day two days before now, noon: paid times that are past whatever the clock says. */
struct kitchen_day {
    int64_t noon;  /* 12:00 local (UTC + 180 min), as UTC seconds */
    char date[11]; /* its business date */
};

static struct kitchen_day kitchen_day(void)
{
    struct kitchen_day d;
    int64_t local = (int64_t)time(NULL) + 180 * 60 - 2 * 86400;
    d.noon = local - local % 86400 + 12 * 3600 - 180 * 60;
    ks_business_date(d.noon, 180, 240, d.date);
    return d;
}

/* A paid order (one burger) of kiosk-02 paid at, posted: true when answered 201. */
static bool post_paid_at(unsigned index, const char *date, int64_t at)
{
    static const struct line_spec burger[] = {{"burger", "Burger", 1, 1800, 1500}};
    char *json = order_json(index, KS_ORDER_PAID, "kiosk-02", "riyadh-01", date, at, burger, 1);
    struct http_reply a = {0};
    if (json)
        http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    free(json);
    return a.status == 201;
}

/* POST /v1/orders/<uuid of index>/kitchen with body and token into *a; the status. */
static long kitchen_post(unsigned index, const char *token, const char *body, size_t len,
                         struct http_reply *a)
{
    char uuid[37], path[96];
    fixture_uuid(index, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s/kitchen", uuid);
    http_bytes("POST", path, token, NULL, body, len, a);
    return a->status;
}

/* The event {"status","at"[,"station"]} of order index posted with kiosk-02's token. */
static long kitchen_event(unsigned index, const char *status, int64_t at, const char *station,
                          struct http_reply *a)
{
    char body[256];
    if (station)
        snprintf(body, sizeof body, "{\"status\":\"%s\",\"at\":%lld,\"station\":\"%s\"}", status,
                 (long long)at, station);
    else
        snprintf(body, sizeof body, "{\"status\":\"%s\",\"at\":%lld}", status, (long long)at);
    return kitchen_post(index, KITCHEN_TOKEN, body, strlen(body), a);
}

/*
 * Events stored once, repeats duplicate, a recalled ticket's second ready
 * new; an event before its order 404, another kiosk's 403, a cancelled
 * order's 409, malformed bodies and times 400 with their path.
 */
/*
 * Refunds: stored once, a repeat 200, another body under the same id 409,
 * more than the order's total with its earlier refunds 422, an order not
 * stored 404, another kiosk's 403, a cancelled order's 409, malformed
 * bodies 400 with their path; kept by both drivers.
 */
static void test_refunds(void)
{
    CHECK(start("be_refunds"));
    struct kitchen_day day = kitchen_day();
    struct http_reply a;
    /* Before its order: 404, and nothing stored. */
    CHECK_EQ_INT(refund_post(301, KITCHEN_TOKEN, REFUND_A, 600, 78, "card", &a), 404);
    CHECK(post_paid_at(301, day.date, day.noon)); /* one burger: 1800 */
    CHECK_EQ_INT(refund_post(301, KITCHEN_TOKEN, REFUND_A, 600, 78, "card", &a), 201);
    CHECK_CONTAINS(a.body, "\"created\"");
    CHECK_EQ_INT(refund_post(301, KITCHEN_TOKEN, REFUND_A, 600, 78, "card", &a), 200);
    CHECK_CONTAINS(a.body, "\"duplicate\"");
    CHECK_EQ_INT(refund_post(301, KITCHEN_TOKEN, REFUND_A, 700, 91, "card", &a), 409);
    CHECK_CONTAINS(a.body, "refund_id");
    /* 600 given back of 1800: 1201 more is too much, 1200 is all that is left. */
    CHECK_EQ_INT(refund_post(301, KITCHEN_TOKEN, REFUND_B, 1201, 157, "card", &a), 422);
    CHECK_EQ_INT(refund_post(301, KITCHEN_OTHER_TOKEN, REFUND_B, 1200, 157, "card", &a), 403);
    CHECK_EQ_INT(refund_post(301, MANAGER_TOKEN, REFUND_B, 1200, 157, "card", &a), 403);
    CHECK_EQ_INT(refund_post(301, NULL, REFUND_B, 1200, 157, "card", &a), 401);
    CHECK_EQ_INT(refund_post(301, KITCHEN_TOKEN, REFUND_B, 1200, 157, "cash", &a), 201);
    CHECK_EQ_INT(
        refund_post(301, KITCHEN_TOKEN, "5eed0000-0000-4000-8000-0000000000a3", 1, 0, "cash", &a),
        422);
    /* An order cancelled unpaid gave nothing to give back. */
    static const struct line_spec cola[] = {{"cola", "Cola", 1, 600, 1500}};
    char *json =
        order_json(302, KS_ORDER_CANCELLED, "kiosk-02", "riyadh-01", day.date, day.noon, cola, 1);
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    free(json);
    CHECK_EQ_INT(a.status, 201);
    CHECK_EQ_INT(refund_post(302, KITCHEN_TOKEN, "5eed0000-0000-4000-8000-0000000000a4", 600, 78,
                             "card", &a),
                 409);
    /* Malformed: the path's order, and the body's own checks, with their path. */
    char body[512];
    refund_body(301, "5eed0000-0000-4000-8000-0000000000a5", 100, 13, "card", body, sizeof body);
    CHECK_EQ_INT(refund_post_body(303, KITCHEN_TOKEN, body, &a), 400);
    CHECK_CONTAINS(a.body, "order_uuid");
    refund_body(301, "5eed0000-0000-4000-8000-0000000000a5", 100, 13, "cheque", body, sizeof body);
    CHECK_EQ_INT(refund_post_body(301, KITCHEN_TOKEN, body, &a), 400);
    CHECK_CONTAINS(a.body, "method");
    refund_body(301, "5eed0000-0000-4000-8000-0000000000a5", 100, 101, "card", body, sizeof body);
    CHECK_EQ_INT(refund_post_body(301, KITCHEN_TOKEN, body, &a), 400);
    CHECK_CONTAINS(a.body, "vat");
    /* The sales report of the day: 1800 sold, 1800 given back in 2 refunds, net 0. */
    char query[160];
    snprintf(query, sizeof query, "/v1/reports/sales?from=%s&to=%s&by=store&format=csv", day.date,
             day.date);
    http("GET", query, MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, ",1,1565,235,1800,1,600,2,1800,0\r\n");
    stop();
}

static void test_kitchen_events(void)
{
    CHECK(start("be_kitchen_events"));
    struct kitchen_day day = kitchen_day();
    int64_t paid = day.noon;
    struct http_reply a;
    /* The kiosk's event may overtake its order. */
    CHECK_EQ_INT(kitchen_event(201, "ready", paid + 60, NULL, &a), 404);
    CHECK_EQ_STR(error_path(&a), "");
    CHECK(post_paid_at(201, day.date, paid));
    CHECK_EQ_INT(kitchen_event(201, "in_preparation", paid + 10, NULL, &a), 201);
    CHECK_EQ_STR(a.body, "{\"status\":\"created\"}");
    CHECK_EQ_INT(kitchen_event(201, "ready", paid + 60, NULL, &a), 201);
    CHECK_EQ_INT(kitchen_event(201, "ready", paid + 60, NULL, &a), 200);
    CHECK_EQ_STR(a.body, "{\"status\":\"duplicate\"}");
    CHECK_EQ_INT(kitchen_event(201, "ready", paid + 60, "grill", &a), 201);
    /* Recalled and bumped again: a new event. */
    CHECK_EQ_INT(kitchen_event(201, "ready", paid + 90, "grill", &a), 201);
    CHECK_EQ_INT(kitchen_event(201, "ready", paid + 90, "grill", &a), 200);
    CHECK_EQ_INT(kitchen_event(201, "collected", paid + 120, NULL, &a), 201);
    /* At the limits of the clocks' skew (120 s). */
    CHECK_EQ_INT(kitchen_event(201, "in_preparation", paid - 120, NULL, &a), 201);
    char body[128];
    snprintf(body, sizeof body, "{\"status\":\"ready\",\"at\":%lld}", (long long)paid + 60);
    CHECK_EQ_INT(kitchen_post(201, KITCHEN_OTHER_TOKEN, body, strlen(body), &a), 403);
    CHECK_EQ_INT(kitchen_post(201, MANAGER_TOKEN, body, strlen(body), &a), 403);
    CHECK_EQ_INT(kitchen_post(201, NULL, body, strlen(body), &a), 401);
    /* The NUL byte at the end of body. */
    CHECK_EQ_INT(kitchen_post(201, KITCHEN_TOKEN, body, strlen(body) + 1, &a), 400);
    CHECK_CONTAINS(a.body, "NUL byte");
    char big[KS_BACKEND_KITCHEN_MAX + 2];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK_EQ_INT(kitchen_post(201, KITCHEN_TOKEN, big, strlen(big), &a), 413);
    long long p = (long long)paid;
    char cases[12][160];
    static const char *const paths[12] = {"",   "",   "status", "status", "station", "at",
                                          "at", "at", "at",     "x",      "station", "station"};
    snprintf(cases[0], 160, "[\"ready\"]");
    snprintf(cases[1], 160, "{\"status\":\"ready\",\"status\":\"ready\",\"at\":%lld}", p);
    snprintf(cases[2], 160, "{\"status\":\"paid\",\"at\":%lld}", p);
    snprintf(cases[3], 160, "{\"status\":\"sent_to_kitchen\",\"at\":%lld}", p);
    snprintf(cases[4], 160, "{\"status\":\"collected\",\"at\":%lld,\"station\":\"grill\"}", p);
    snprintf(cases[5], 160, "{\"status\":\"ready\",\"at\":%lld}", p - 121);
    snprintf(cases[6], 160, "{\"status\":\"ready\",\"at\":\"%lld\"}", p);
    snprintf(cases[7], 160, "{\"status\":\"ready\",\"at\":%lld}", (long long)time(NULL) + 3600);
    snprintf(cases[8], 160, "{\"status\":\"ready\",\"at\":-1}");
    snprintf(cases[9], 160, "{\"status\":\"ready\",\"at\":%lld,\"x\":1}", p);
    snprintf(cases[10], 160, "{\"status\":\"ready\",\"at\":%lld,\"station\":\"grill\\t2\"}", p);
    snprintf(cases[11], 160,
             "{\"status\":\"ready\",\"at\":%lld,\"station\":\"a-station-name-of-exactly-33-byte\"}",
             p);
    for (size_t i = 0; i < 12; i++) {
        kitchen_post(201, KITCHEN_TOKEN, cases[i], strlen(cases[i]), &a);
        if (a.status != 400 || strcmp(error_path(&a), paths[i]) != 0)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", cases[i], a.status, a.body);
    }
    /* An order cancelled unpaid had no kitchen; no such path is a 404, GET a 405. */
    static const struct line_spec cola[] = {{"cola", "Cola", 1, 600, 1500}};
    char *cancelled =
        order_json(202, KS_ORDER_CANCELLED, "kiosk-02", "riyadh-01", day.date, paid, cola, 1);
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, cancelled, &a);
    CHECK_EQ_INT(a.status, 201);
    free(cancelled);
    CHECK_EQ_INT(kitchen_event(202, "ready", paid + 60, NULL, &a), 409);
    char uuid[37], path[128];
    fixture_uuid(201, uuid);
    for (int i = 0; uuid[i]; i++)
        uuid[i] = (char)toupper((unsigned char)uuid[i]);
    snprintf(path, sizeof path, "/v1/orders/%s/kitchen", uuid);
    http("POST", path, KITCHEN_TOKEN, NULL, body, &a);
    CHECK_EQ_INT(a.status, 404);
    fixture_uuid(201, uuid);
    snprintf(path, sizeof path, "/v1/orders/%s/kitchenx", uuid);
    http("POST", path, KITCHEN_TOKEN, NULL, body, &a);
    CHECK_EQ_INT(a.status, 404);
    snprintf(path, sizeof path, "/v1/orders/%s/kitchen", uuid);
    http("GET", path, KITCHEN_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 405);
    /* Two orders stored; the events as the report shows them (repeats and refusals not). */
    CHECK_EQ_INT(orders(), 2);
    char query[128];
    snprintf(query, sizeof query, "/v1/reports/kitchen?from=%s&to=%s&format=csv", day.date,
             day.date);
    http("GET", query, MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    /* ready 60 s after payment (whole order), grill's last ready 90 s; collected at 120 s. */
    char want[512], hour[32];
    time_t noon = (time_t)(paid + 180 * 60);
    struct tm tm;
    strftime(hour, sizeof hour, "%Y-%m-%d %H:00", gmtime_r(&noon, &tm));
    snprintf(want, sizeof want,
             "hour,store_id,station,orders,ready_avg_s,ready_p90_s,collected,collect_avg_s\r\n"
             "\"%s\",\"riyadh-01\",\"\",1,60,60,1,60\r\n"
             "\"%s\",\"riyadh-01\",\"grill\",1,90,90,1,30\r\n",
             hour, hour);
    CHECK_EQ_STR(a.body, want);
    stop();
}

/* GET /v1/reports/kitchen of the one day date, with extra query values ("&format=csv"). */
static void kitchen_report(const char *date, const char *extra, struct http_reply *a)
{
    char query[160];
    snprintf(query, sizeof query, "/v1/reports/kitchen?from=%s&to=%s%s", date, date, extra);
    http("GET", query, MANAGER_TOKEN, NULL, NULL, a);
}

/* One kitchen event of the report's data: order (index), status, seconds after its payment. */
struct kitchen_step {
    unsigned order;
    const char *status;
    int64_t after;
    const char *station; /* NULL: the whole order */
};

/*
 * The kitchen report against figures by hand. Orders paid at local 12:00
 * (201 at +0 s, 202 +600, 203 +1200, 204 +1800), 13:00 (205 +0, 206 +100)
 * and 14:00 (211-220, every minute), seconds after payment:
 *   201: drinks ready 60, grill ready 300, ready 320, collected 400
 *   202: grill ready 200, recalled, grill ready 500, ready 510, collected 700
 *   203: grill ready 100, ready 130, collected 160, grill ready 900 (after collection: ignored)
 *   204: in preparation 10, ready 1000, never collected
 *   205: grill ready 240, ready 251, collected 300
 *   206: ready -30 (a kitchen clock behind: 0 s), collected 50
 *   211-220: ready 10, 20 ... 100
 * 12:00 whole: 130 320 510 1000 -> 4, avg 490, p90 (rank 4) 1000; collected
 *       3: 80 190 30 -> avg 100
 * 12:00 drinks: 60 -> 1, 60, 60; collected 1: 340
 * 12:00 grill: 100 300 500 -> 3, avg 300, p90 (rank 3) 500; collected 3: 60 100 200 -> 120
 * 13:00 whole: 0 251 -> 2, avg 125.5 -> 126, p90 (rank 2) 251; collected 2: 80 49 -> 64.5 -> 65
 * 13:00 grill: 240 -> 1, 240, 240; collected 1: 60
 * 14:00 whole: 10 .. 100 -> 10, avg 55, p90 (rank 9) 90; collected 0
 * The business date (and its month), all hours together:
 *   whole: 0 10 .. 100 130 251 320 510 1000 -> 16, sum 2761, avg 172.6 -> 173,
 *          p90 (rank 15) 510 (no hour's p90); collected 5: 80 190 30 80 49 -> 85.8 -> 86
 *   drinks: as at 12:00; grill: 100 240 300 500 -> 4, avg 285, p90 (rank 4) 500;
 *          collected 4: 60 100 200 60 -> 105
 */
static void test_kitchen_report(void)
{
    CHECK(start("be_kitchen_report"));
    struct kitchen_day day = kitchen_day();
    static const struct {
        unsigned order;
        int64_t paid; /* after local noon */
    } orders_paid[] = {{201, 0},    {202, 600},  {203, 1200}, {204, 1800}, {205, 3600}, {206, 3700},
                       {211, 7200}, {212, 7260}, {213, 7320}, {214, 7380}, {215, 7440}, {216, 7500},
                       {217, 7560}, {218, 7620}, {219, 7680}, {220, 7740}};
    int64_t paid_at[221] = {0};
    for (size_t i = 0; i < CHECK_COUNT(orders_paid); i++) {
        paid_at[orders_paid[i].order] = day.noon + orders_paid[i].paid;
        CHECK(post_paid_at(orders_paid[i].order, day.date, paid_at[orders_paid[i].order]));
    }
    static const struct kitchen_step steps[] = {
        {201, "ready", 60, "drinks"},  {201, "ready", 300, "grill"},
        {201, "ready", 320, NULL},     {201, "collected", 400, NULL},
        {202, "ready", 200, "grill"},  {202, "in_preparation", 300, NULL},
        {202, "ready", 500, "grill"},  {202, "ready", 510, NULL},
        {202, "collected", 700, NULL}, {203, "ready", 100, "grill"},
        {203, "ready", 130, NULL},     {203, "collected", 160, NULL},
        {203, "ready", 900, "grill"},  {204, "in_preparation", 10, NULL},
        {204, "ready", 1000, NULL},    {205, "ready", 240, "grill"},
        {205, "ready", 251, NULL},     {205, "collected", 300, NULL},
        {206, "ready", -30, NULL},     {206, "collected", 50, NULL},
    };
    struct http_reply a;
    for (size_t i = 0; i < CHECK_COUNT(steps); i++)
        if (kitchen_event(steps[i].order, steps[i].status, paid_at[steps[i].order] + steps[i].after,
                          steps[i].station, &a) != 201)
            check_fail(__FILE__, __LINE__, "event %zu: HTTP %ld %s", i, a.status, a.body);
    for (unsigned o = 211; o <= 220; o++)
        CHECK_EQ_INT(kitchen_event(o, "ready", paid_at[o] + 10 * (o - 210), NULL, &a), 201);
    char want[1024], hours[3][32];
    for (int h = 0; h < 3; h++) {
        time_t local = (time_t)(day.noon + 180 * 60 + h * 3600);
        struct tm tm;
        strftime(hours[h], sizeof hours[h], "%Y-%m-%d %H:00", gmtime_r(&local, &tm));
    }
    kitchen_report(day.date, "&format=csv", &a);
    snprintf(want, sizeof want,
             "hour,store_id,station,orders,ready_avg_s,ready_p90_s,collected,collect_avg_s\r\n"
             "\"%s\",\"riyadh-01\",\"\",4,490,1000,3,100\r\n"
             "\"%s\",\"riyadh-01\",\"drinks\",1,60,60,1,340\r\n"
             "\"%s\",\"riyadh-01\",\"grill\",3,300,500,3,120\r\n"
             "\"%s\",\"riyadh-01\",\"\",2,126,251,2,65\r\n"
             "\"%s\",\"riyadh-01\",\"grill\",1,240,240,1,60\r\n"
             "\"%s\",\"riyadh-01\",\"\",10,55,90,0,0\r\n",
             hours[0], hours[0], hours[0], hours[1], hours[1], hours[2]);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.body, want);
    /* JSON: the same rows, with the report's range. */
    kitchen_report(day.date, "&store=riyadh-01", &a);
    snprintf(want, sizeof want,
             "{\"group\":\"hour\",\"from\":\"%s\",\"to\":\"%s\",\"store\":\"riyadh-01\",\"rows\":[{"
             "\"hour\":\"%s\","
             "\"store_id\":\"riyadh-01\",\"station\":\"\",\"orders\":4,\"ready_avg_s\":490,"
             "\"ready_p90_s\":1000,\"collected\":3,\"collect_avg_s\":100},",
             day.date, day.date, hours[0]);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strncmp(a.body, want, strlen(want)) == 0);
    /* By business date, then by its month: one row per store and station for the whole day. */
    char month[8];
    snprintf(month, sizeof month, "%.7s", day.date);
    const char *groups[][2] = {{"&group=day&format=csv", day.date},
                               {"&group=month&format=csv", month}};
    for (size_t g = 0; g < CHECK_COUNT(groups); g++) {
        kitchen_report(day.date, groups[g][0], &a);
        snprintf(
            want, sizeof want,
            "period,store_id,station,orders,ready_avg_s,ready_p90_s,collected,collect_avg_s\r\n"
            "\"%s\",\"riyadh-01\",\"\",16,173,510,5,86\r\n"
            "\"%s\",\"riyadh-01\",\"drinks\",1,60,60,1,340\r\n"
            "\"%s\",\"riyadh-01\",\"grill\",4,285,500,4,105\r\n",
            groups[g][1], groups[g][1], groups[g][1]);
        CHECK_EQ_INT(a.status, 200);
        CHECK_EQ_STR(a.body, want);
    }
    /* The whole month is read from be_kitchen_months: the same rows. */
    char first[11], last[11] = "", query[160];
    snprintf(first, sizeof first, "%s-01", month);
    for (int d = 31; d >= 28 && !last[0]; d--) {
        snprintf(last, sizeof last, "%s-%02d", month, d);
        if (!ks_business_date_ok(last))
            last[0] = '\0';
    }
    snprintf(query, sizeof query, "/v1/reports/kitchen?from=%s&to=%s&group=month&format=csv", first,
             last);
    http("GET", query, MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.body, want);
    /*
     * Order 211 recalled and ready again at 1500 s (its 10 s no longer
     * counts), 204 collected at 1100 s: whole 0 20 .. 100 130 251 320 510
     * 1000 1500 -> 16, sum 4251, avg 265.7 -> 266, p90 (rank 15) 1000;
     * collected 6: 80 190 30 80 49 100 -> 88.2 -> 88. The day and the
     * month move.
     */
    CHECK_EQ_INT(kitchen_event(211, "ready", paid_at[211] + 1500, NULL, &a), 201);
    CHECK_EQ_INT(kitchen_event(204, "collected", paid_at[204] + 1100, NULL, &a), 201);
    for (int g = 0; g < 2; g++) {
        if (g)
            http("GET", query, MANAGER_TOKEN, NULL, NULL, &a);
        else
            kitchen_report(day.date, "&group=day&format=csv", &a);
        CHECK_EQ_INT(a.status, 200);
        snprintf(want, sizeof want, "\"%s\",\"riyadh-01\",\"\",16,266,1000,6,88\r\n",
                 g ? month : day.date);
        CHECK_CONTAINS(a.body, want);
    }
    kitchen_report(day.date, "&group=month", &a);
    CHECK_CONTAINS(a.body, "\"group\":\"month\"");
    kitchen_report(day.date, "&group=week", &a);
    CHECK_EQ_INT(a.status, 400);
    CHECK_CONTAINS(a.body, "\"path\":\"group\"");
    /* Another store, another day: no rows. */
    kitchen_report(day.date, "&store=jeddah-01", &a);
    CHECK_CONTAINS(a.body, "\"rows\":[]");
    http("GET", "/v1/reports/kitchen?from=2020-01-01&to=2020-01-01", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_CONTAINS(a.body, "\"rows\":[]");
    stop();
}

/*
 * An order cancelled unpaid is stored once (repeats duplicate), another
 * order under its uuid, paid or cancelled, is 409; and a paid order's uuid
 * cannot be taken by a cancelled one. Only paid and cancelled are received.
 */
static void test_cancelled_orders(void)
{
    CHECK(start("be_cancelled"));
    static const struct line_spec cola[] = {{"cola", "Cola", 1, 600, 1500}};
    static const struct line_spec two[] = {{"cola", "Cola", 2, 600, 1500}};
    const enum ks_order_status paid = KS_ORDER_PAID, cancelled = KS_ORDER_CANCELLED;
    const struct {
        const char *name;
        unsigned index;
        enum ks_order_status status;
        const struct line_spec *line;
        long want;
    } steps[] = {
        {"cancelled", 301, cancelled, cola, 201},
        {"cancelled again", 301, cancelled, cola, 200},
        {"another cancelled order under its uuid", 301, cancelled, two, 409},
        {"a paid order under its uuid", 301, paid, cola, 409},
        {"paid", 302, paid, cola, 201},
        {"a cancelled order under a paid order's uuid", 302, cancelled, cola, 409},
        {"paid again", 302, paid, cola, 200},
        {"created", 303, KS_ORDER_CREATED, cola, 400},
    };
    for (size_t i = 0; i < CHECK_COUNT(steps); i++) {
        char *json = order_json(steps[i].index, steps[i].status, "kiosk-02", "riyadh-01",
                                "2026-11-24", KITCHEN_NOON, steps[i].line, 1);
        struct http_reply a;
        http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
        if (a.status != steps[i].want)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", steps[i].name, a.status, a.body);
        free(json);
    }
    CHECK_EQ_INT(orders(), 2);
    struct http_reply a;
    http("GET", "/v1/reports/sales?from=2026-11-24&to=2026-11-24&format=csv", MANAGER_TOKEN, NULL,
         NULL, &a);
    CHECK_EQ_STR(
        a.body,
        "period,store_id,kiosk_id,orders,total_net,total_vat,total,cancelled,cancelled_total,"
        "refunds,refunded,net_total\r\n"
        "\"2026-11-24\",\"riyadh-01\",\"kiosk-02\",1,522,78,600,1,600,0,0,600\r\n");
    http("GET", "/v1/reports/items?from=2026-11-24&to=2026-11-24&format=csv", MANAGER_TOKEN, NULL,
         NULL, &a);
    CHECK_CONTAINS(a.body, "\"cola\",\"Cola\",\"صنف\",\"each\",1,1,522,78,600\r\n");
    http("GET", "/v1/reports/vat?from=2026-11-24&to=2026-11-24&format=csv", MANAGER_TOKEN, NULL,
         NULL, &a);
    CHECK_EQ_STR(a.body, "rate_bp,orders,taxable,vat\r\n1500,1,522,78\r\n");
    stop();
}

/* The first column of the first row of sql on the --pg server; -1 on failure. */
static int64_t pg_int(const char *sql)
{
    PGconn *conn = PQconnectdb(pg);
    PGresult *res = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, sql) : NULL;
    int64_t value = -1;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        value = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    else
        fprintf(stderr, "  %s: %s", sql, PQerrorMessage(conn));
    PQclear(res);
    PQfinish(conn);
    return value;
}

/*
 * The tables of a backend from before kitchen events, cancelled orders,
 * refunds, stock, people, reservations, prices, devices, refund requests, price deltas and
 * channel sales (no be_kitchen, be_cancelled, be_refunds, be_stock*, be_people ... be_audit,
 * be_reservation*, be_prices, be_stores, be_devices, be_enrol_codes, be_refund_request*,
 * be_price_deltas, be_channel_*; on
 * PostgreSQL version 2, on SQLite version 1, as a file of then was)
 * gain them when opened, and then take them.
 */
static void test_older_tables_gain_new_ones(void)
{
    char database[4200];
    CHECK(fresh_database("be_older", database, sizeof database));
    ks_backend_store *s = ks_backend_store_open(database, NULL);
    CHECK(s != NULL);
    ks_backend_store_close(s);
    if (pg) {
        CHECK_EQ_INT(
            pg_int(
                "DROP TABLE be_older.be_channel_line_costs, be_older.be_channel_lines, "
                "be_older.be_channel_sales; "
                "DROP TABLE be_older.be_price_deltas; "
                "DROP TABLE be_older.be_refund_request_lines, be_older.be_refund_requests; "
                "DROP TABLE " SUMMARY_TABLES(
                    "be_older.") ", be_older.be_availability; "
                                 "DROP TABLE be_older.be_payments, be_older.be_line_costs, "
                                 "be_older.be_costs, be_older.be_refund_lines; "
                                 "DROP TABLE be_older.be_stores, be_older.be_devices, "
                                 "be_older.be_enrol_codes; "
                                 "DROP TABLE be_older.be_prices, be_older.be_reservation_holds, "
                                 "be_older.be_reservation_lines, "
                                 "be_older.be_reservations; "
                                 "DROP TABLE be_older.be_person_pins, be_older.be_staff_actions; "
                                 "DROP TABLE be_older.be_sessions, be_older.be_person_stores, "
                                 "be_older.be_people, be_older.be_login_limits, be_older.be_audit; "
                                 "DROP TABLE be_older.be_stock, be_older.be_stock_moves, "
                                 "be_older.be_stock_requests, be_older.be_recipes; "
                                 "DROP TABLE be_older.be_refunds; DROP TABLE be_older.be_kitchen; "
                                 "DROP TABLE be_older.be_interventions; "
                                 "DROP TABLE be_older.be_cancelled, be_older.be_einvoices; "
                                 "DELETE FROM be_older.be_schema WHERE version >= 3; "
                                 "SELECT count(*) FROM be_older.be_schema"),
            2);
    } else {
        sqlite3 *db = NULL;
        CHECK_EQ_INT(sqlite3_open(database, &db), SQLITE_OK);
        CHECK_EQ_INT(
            sqlite3_exec(
                db,
                "DROP TABLE be_staff_actions; "
                "DROP TABLE be_channel_line_costs; DROP TABLE be_channel_lines; "
                "DROP TABLE be_channel_sales; "
                "DROP TABLE be_price_deltas; "
                "DROP TABLE be_refund_request_lines; DROP TABLE be_refund_requests; "
                "DROP TABLE be_day_sales; DROP TABLE be_quarter_sales; DROP TABLE be_day_refunds; "
                "DROP TABLE be_day_payments; DROP TABLE be_day_profit; DROP TABLE "
                "be_kitchen_times; DROP TABLE be_kitchen_days; DROP TABLE be_kitchen_seconds; "
                "DROP TABLE be_kitchen_months; DROP TABLE be_kitchen_stale; "
                "DROP TABLE be_day_items; DROP TABLE be_day_vat; DROP TABLE be_availability; "
                "DROP TABLE be_hour_sales; "
                "DROP TABLE be_payments; DROP TABLE be_line_costs; DROP TABLE be_costs; "
                "DROP TABLE be_refund_lines; "
                "DROP TABLE be_stores; DROP TABLE be_devices; DROP TABLE be_enrol_codes; "
                "DROP TABLE be_prices; DROP TABLE be_reservation_holds; "
                "DROP TABLE be_reservation_lines; DROP TABLE "
                "be_reservations; "
                "DROP TABLE be_sessions; DROP TABLE be_person_stores; DROP TABLE be_people; "
                "DROP TABLE be_login_limits; DROP TABLE be_audit; "
                "DROP TABLE be_stock; DROP TABLE be_stock_moves; "
                "DROP TABLE be_stock_requests; DROP TABLE be_recipes; DROP TABLE be_refunds; "
                "DROP TABLE be_kitchen; DROP TABLE be_cancelled; DROP TABLE be_einvoices; "
                "DELETE FROM be_schema; INSERT INTO be_schema VALUES (1)",
                NULL, NULL, NULL),
            SQLITE_OK);
        sqlite3_close(db);
    }
    CHECK(start_on(database));
    struct kitchen_day day = kitchen_day();
    CHECK(post_paid_at(401, day.date, day.noon));
    struct http_reply a;
    CHECK_EQ_INT(kitchen_event(401, "ready", day.noon + 60, NULL, &a), 201);
    static const struct line_spec cola[] = {{"cola", "Cola", 1, 600, 1500}};
    char *json =
        order_json(402, KS_ORDER_CANCELLED, "kiosk-02", "riyadh-01", day.date, day.noon, cola, 1);
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 201);
    free(json);
    CHECK_EQ_INT(refund_post(401, KITCHEN_TOKEN, REFUND_A, 600, 78, "card", &a), 201);
    http("GET", "/v1/refund-requests?store=riyadh-01", MANAGER_TOKEN, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.body, "{\"requests\":[]}");
    if (pg)
        CHECK_EQ_INT(pg_int("SELECT max(version) FROM be_older.be_schema"), 32);
    stop();
}

/*
 * A reservation made before holds were kept apart from the lines (no
 * be_reservation_holds; on PostgreSQL before migration 16) holds its lines
 * once the table is made, and its confirmation sells them.
 */
static void test_older_reservations_hold_lines(void)
{
    char database[4200];
    CHECK(fresh_database("be_older_holds", database, sizeof database));
    ks_backend_store *s = ks_backend_store_open(database, NULL);
    CHECK(s != NULL);
    ks_stock_adjustment received = {.request_id = "5eed0000-0000-4000-8000-000000000301",
                                    .store_id = "riyadh-01",
                                    .item_id = "cola",
                                    .kind = KS_STOCK_RECEIVED,
                                    .quantity = 5,
                                    .reason = "delivery",
                                    .person = "Amal"};
    enum ks_stock_result stocked;
    int64_t on_hand;
    CHECK_EQ_INT(ks_backend_store_stock_adjust(s, &received, "{}", 2, KITCHEN_NOON, NULL, &stocked,
                                               &on_hand),
                 KS_DB_OK);
    ks_reservation_request req = {.reservation_id = "7e5e0000-0000-4000-8000-000000000201",
                                  .store_id = "riyadh-01",
                                  .lines = {{.item_id = "cola", .quantity = 3}},
                                  .n_lines = 1,
                                  .hold_seconds = 900};
    enum ks_reservation_result result;
    json_t *view = NULL;
    CHECK_EQ_INT(ks_backend_store_reserve(s, "web-shop", &req, KITCHEN_NOON, &result, &view),
                 KS_DB_OK);
    CHECK_EQ_INT(result, KS_RESERVATION_DONE);
    json_decref(view);
    ks_backend_store_close(s);
    CHECK(backend_database_exec(pg != NULL, database,
                                pg ? "DROP TABLE be_older_holds.be_reservation_holds, "
                                     "be_older_holds.be_einvoices, "
                                     "be_older_holds.be_interventions, "
                                     "be_older_holds.be_price_deltas, "
                                     "be_older_holds.be_kitchen_seconds, "
                                     "be_older_holds.be_kitchen_months, "
                                     "be_older_holds.be_kitchen_stale; "
                                     "DELETE FROM be_older_holds.be_schema WHERE version >= 16"
                                   : "DROP TABLE be_reservation_holds"));
    s = ks_backend_store_open(database, NULL);
    CHECK(s != NULL);
    CHECK_EQ_INT(backend_stock_value(s, "riyadh-01", "cola", KITCHEN_NOON + 1, "held"), 3);
    CHECK_EQ_INT(ks_backend_store_reservation_end(s, "web-shop", req.reservation_id,
                                                  KS_RESERVATION_CONFIRM, NULL, KITCHEN_NOON + 2,
                                                  &result, &view),
                 KS_DB_OK);
    CHECK_EQ_INT(result, KS_RESERVATION_DONE);
    char *text = json_dumps(view, JSON_COMPACT);
    CHECK_CONTAINS(text ? text : "", "\"holds\":[{\"item_id\":\"cola\",\"quantity\":3}]");
    free(text);
    json_decref(view);
    CHECK_EQ_INT(backend_stock_level(s, "riyadh-01", "cola"), 2);
    ks_backend_store_close(s);
}

static void test_report_queries_refused(void)
{
    CHECK(start("be_queries"));
    static const struct {
        const char *query, *token;
        long status;
        const char *path;
    } cases[] = {
        {"/v1/reports/sales?to=2026-11-30", MANAGER_TOKEN, 400, "from"},
        {"/v1/reports/sales?from=2026-13-01&to=2026-11-30", MANAGER_TOKEN, 400, "from"},
        {"/v1/reports/sales?from=2026-11-02&to=2026-11-01", MANAGER_TOKEN, 400, "to"},
        {"/v1/reports/sales?from=2026-02-30&to=2026-03-01", MANAGER_TOKEN, 400, "from"},
        {"/v1/reports/vat?from=2026-04-01&to=2026-04-31", MANAGER_TOKEN, 400, "to"},
        {"/v1/reports/items?from=2027-02-29&to=2027-03-01", MANAGER_TOKEN, 400, "from"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&group=week", MANAGER_TOKEN, 400, "group"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&by=x", MANAGER_TOKEN, 400, "by"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-08&group=hour", MANAGER_TOKEN, 400, "group"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-07&group=hour", MANAGER_TOKEN, 200, "?"},
        {"/v1/reports/sales?from=2025-12-28&to=2026-01-04&group=hour&by=store", MANAGER_TOKEN, 400,
         "group"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&store='%20OR%201", MANAGER_TOKEN, 400,
         "store"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&format=xml", MANAGER_TOKEN, 400,
         "format"},
        {"/v1/reports/items?from=2026-11-01&to=2026-11-30&limit=101", MANAGER_TOKEN, 400, "limit"},
        {"/v1/reports/items?from=2026-11-01&to=2026-11-30&sort=name", MANAGER_TOKEN, 400, "sort"},
        {"/v1/reports/kitchen?from=2026-02-29&to=2026-03-01", MANAGER_TOKEN, 400, "from"},
        {"/v1/reports/kitchen?from=2026-11-01", MANAGER_TOKEN, 400, "to"},
        {"/v1/reports/kitchen?from=2026-11-01&to=2026-11-30&store=A", MANAGER_TOKEN, 400, "store"},
        {"/v1/reports/kitchen?from=2026-11-01&to=2026-11-30&format=pdf", MANAGER_TOKEN, 400,
         "format"},
        {"/v1/reports/kitchen?from=2026-11-01&to=2026-11-08", MANAGER_TOKEN, 400, "group"},
        {"/v1/reports/kitchen?from=2026-11-01&to=2026-11-08&group=hour", MANAGER_TOKEN, 400,
         "group"},
        {"/v1/reports/kitchen?from=2026-11-01&to=2026-11-07", MANAGER_TOKEN, 200, "?"},
        {"/v1/reports/kitchen?from=2025-12-29&to=2026-01-04", MANAGER_TOKEN, 200, "?"},
        {"/v1/reports/kitchen?from=2025-12-28&to=2026-01-04", MANAGER_TOKEN, 400, "group"},
        {"/v1/reports/kitchen?from=2026-11-01&to=2026-11-30", KITCHEN_TOKEN, 403, ""},
        {"/v1/reports/vat?from=2026-11-01&to=2026-11-30", KITCHEN_TOKEN, 403, ""},
        {"/v1/reports/vat?from=2026-11-01&to=2026-11-30", NULL, 401, ""},
        {"/v1/reports/nothing", MANAGER_TOKEN, 404, ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        struct http_reply a;
        http("GET", cases[i].query, cases[i].token, NULL, NULL, &a);
        if (a.status != cases[i].status || strcmp(error_path(&a), cases[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", cases[i].query, a.status, a.body);
    }
    struct http_reply a;
    http("POST", "/v1/reports/vat", MANAGER_TOKEN, NULL, "{}", &a);
    CHECK_EQ_INT(a.status, 405);
    stop();
}

static void test_page_and_health(void)
{
    CHECK(start("be_page"));
    struct http_reply a;
    http("GET", "/", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.type, "text/html");
    CHECK_CONTAINS(a.body, "<script src=\"/app/app.js\" defer></script>");
    /* No external resources: nothing is loaded from another origin, no inline script. */
    CHECK(strstr(a.body, "http://") == NULL && strstr(a.body, "https://") == NULL);
    CHECK(strstr(a.body, "<script>") == NULL && strstr(a.body, "<style") == NULL);
    CHECK_CONTAINS(a.csp, "script-src 'self'; style-src 'self';");
    CHECK(strstr(a.csp, "unsafe-inline") == NULL);
    static const struct {
        const char *path, *type, *holds;
    } files[] = {
        {"/app/app.js", "text/javascript", "/v1/reports/sales"},
        {"/app/app.css", "text/css", "[hidden]"},
        {"/app/i18n.js", "text/javascript", "sales_by_day: 'المبيعات حسب اليوم'"},
    };
    for (size_t i = 0; i < CHECK_COUNT(files); i++) {
        http("GET", files[i].path, NULL, NULL, NULL, &a);
        CHECK_EQ_INT(a.status, 200);
        CHECK_CONTAINS(a.type, files[i].type);
        CHECK(strstr(a.body, "https://") == NULL);
        CHECK_CONTAINS(a.body, files[i].holds);
    }
    /* Revalidated by its ETag: the same file is a 304 without a body. */
    char etag[80], header[112];
    CHECK(a.etag[0] == '"' && strlen(a.etag) == 66);
    snprintf(etag, sizeof etag, "%s", a.etag);
    snprintf(header, sizeof header, "If-None-Match: %s", etag);
    http("GET", "/app/i18n.js", NULL, header, NULL, &a);
    CHECK_EQ_INT(a.status, 304);
    http("GET", "/app/none.js", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 404);
    http("POST", "/app/app.js", NULL, NULL, "{}", &a);
    CHECK_EQ_INT(a.status, 405);
    http("GET", "/v1/health", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"orders\":0");
    stop();
}

/* The kiosk's delivery worker sends its paid orders to the backend, each stored once. */
static void test_delivery_end_to_end(void)
{
    CHECK(start("be_e2e"));
    char kiosk[4200], url[96];
    fixture_fresh_db(check_tmp_dir(), "be-e2e-kiosk.db", kiosk, sizeof kiosk);
    ks_db *db = ks_db_open(kiosk, NULL);
    CHECK(db != NULL);
    for (unsigned i = 21; db && i <= 23; i++)
        CHECK(kitchen_kiosk_pay(db, i));
    ks_db_close(db);
    snprintf(url, sizeof url, "%s/v1/orders", run.base);
    const ks_delivery_config dc = {
        .db_path = kiosk,
        .backend_url = url,
        .token = KITCHEN_TOKEN,
        .timeout_ms = 2000,
        .time_scale = 1000,
    };
    ks_delivery *d = ks_delivery_start(&dc);
    CHECK(d != NULL);
    int64_t end = kitchen_now_ms() + CHECK_WAIT_MS;
    while (fixture_sql_int(kiosk, "SELECT count(*) FROM outbox WHERE destination = 'backend' "
                                  "AND delivered_at IS NULL") != 0 &&
           kitchen_now_ms() < end)
        kitchen_sleep_ms(5);
    ks_delivery_stop(d);
    CHECK_EQ_INT(fixture_sql_int(kiosk, "SELECT count(*) FROM outbox WHERE destination = "
                                        "'backend' AND delivered_at IS NOT NULL"),
                 3);
    CHECK_EQ_INT(orders(), 3);
    /* The fixture order is 5 lines; each order's lines are in the report's source table. */
    struct http_reply a;
    http("GET", "/v1/reports/sales?from=2026-11-01&to=2026-11-30&by=store", MANAGER_TOKEN, NULL,
         NULL, &a);
    CHECK_CONTAINS(a.body, "\"orders\":3");
    stop();
}

#define RECEIPT_TOKEN "5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e5"

/*
 * order_json(index, ...) of kiosk-02 at riyadh-01 in the customer's
 * language lang, with the receipt token (NULL: none); malloc'd.
 */
static char *receipt_order_json(unsigned index, const char *token, const char *lang)
{
    static const struct line_spec lines[] = {{"burger", "Burger", 2, 2300, 1500},
                                             {"water", "Water", 1, 300, 0}};
    char *plain = order_json(index, KS_ORDER_PAID, "kiosk-02", "riyadh-01", "2026-11-24",
                             KITCHEN_NOON, lines, 2);
    json_t *root = json_loads(plain, 0, NULL);
    free(plain);
    if (token)
        json_object_set_new(root, "receipt_token", json_string(token));
    json_object_set_new(root, "lang", json_string(lang));
    char *json = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    return json;
}

/* An order cancelled unpaid has no e-receipt, even when a kiosk sent it with a token. */
static void test_no_receipt_for_cancelled_orders(void)
{
    CHECK(start("be_receipt_cancelled"));
    char *paid = receipt_order_json(36, RECEIPT_TOKEN, "en");
    json_t *root = json_loads(paid, 0, NULL);
    free(paid);
    json_object_set_new(root, "status", json_string("cancelled"));
    char *json = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    struct http_reply a;
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    free(json);
    CHECK_EQ_INT(a.status, 201);
    http("GET", "/r/" RECEIPT_TOKEN, NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 404);
    http("GET", "/r/" RECEIPT_TOKEN ".png", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 404);
    stop();
}

/* The order's total as its receipt prints it in lang (western digits). */
static const char *receipt_total(const char *json, enum ks_lang lang)
{
    static char text[KS_MONEY_FORMAT_CAP];
    ks_order *o = ks_order_from_json(json, strlen(json), NULL);
    if (!o || !ks_print_amount(o, o->total, lang, KS_NUMERALS_WESTERN, true, text))
        snprintf(text, sizeof text, "?");
    ks_order_free(o);
    return text;
}

/*
 * E-receipts: an order posted with its receipt token is served to anyone
 * holding the token, as a page (Arabic and English, right to left for an
 * Arabic order, the ZATCA QR inline) and as a PNG; any other path under
 * /r/ is one and the same 404, counted like a refused token.
 */
static void test_e_receipts(void)
{
    CHECK(start("be_receipt"));
    char *json = receipt_order_json(31, RECEIPT_TOKEN, "ar");
    struct http_reply a;
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 201);

    http("GET", "/r/" RECEIPT_TOKEN, NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.type, "text/html; charset=utf-8");
    CHECK_CONTAINS(a.csp, "default-src 'none'");
    CHECK_CONTAINS(a.body, "<html lang=\"ar\" dir=\"rtl\">");
    CHECK_CONTAINS(a.body, "فاتورة ضريبية مبسطة");
    CHECK_CONTAINS(a.body, "Simplified Tax Invoice");
    CHECK_CONTAINS(a.body, "مطعم الاختبار");
    CHECK_CONTAINS(a.body, "300000000000003");
    CHECK_CONTAINS(a.body, "2026-11-24-31"); /* the invoice number: business date and number */
    CHECK_CONTAINS(a.body, "Burger");
    CHECK_CONTAINS(a.body, receipt_total(json, KS_LANG_AR));
    CHECK_CONTAINS(a.body, "<svg class=\"qr\"");
    CHECK_CONTAINS(a.body, "@font-face{font-family:\"Saudi Riyal\""); /* phones lack U+20C1 */
    free(json);

    http("GET", "/r/" RECEIPT_TOKEN ".png", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.type, "image/png");
    CHECK(a.len > 1000 && memcmp(a.body, "\x89PNG\r\n\x1a\n", 8) == 0);
    const unsigned char *ihdr = (const unsigned char *)a.body + 16;
    uint32_t width = (uint32_t)ihdr[0] << 24 | (uint32_t)ihdr[1] << 16 | ihdr[2] << 8 | ihdr[3];
    uint32_t height = (uint32_t)ihdr[4] << 24 | (uint32_t)ihdr[5] << 16 | ihdr[6] << 8 | ihdr[7];
    CHECK_EQ_INT(width, 576); /* the default profile: 80 mm at 203 dpi */
    CHECK(height > 400);

    /* An English order's page runs left to right. */
    json = receipt_order_json(32, "00000000000000000000000000000032", "en");
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 201);
    http("GET", "/r/00000000000000000000000000000032", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "<html lang=\"en\" dir=\"ltr\">");
    CHECK_CONTAINS(a.body, receipt_total(json, KS_LANG_EN));
    free(json);

    /* Another order may not take a stored token. */
    json = receipt_order_json(33, RECEIPT_TOKEN, "ar");
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 409);
    CHECK_EQ_STR(error_path(&a), "receipt_token");
    free(json);
    CHECK_EQ_INT(orders(), 2);

    /* Not a token, or a token of nothing: one answer, whatever was wrong. */
    static const char *const wrong[] = {
        "/r/",
        "/r/5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e",   /* 31 digits */
        "/r/5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e50", /* 33 */
        "/r/5F0C1E2D3A4B5C6D7E8F90A1B2C3D4E5",  /* upper-case */
        "/r/5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e5.gif",
        "/r/5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e5/",
        "/r/ffffffffffffffffffffffffffffffff", /* no such order */
        "/r/ffffffffffffffffffffffffffffffff.png",
    };
    char first[512] = "";
    for (size_t i = 0; i < CHECK_COUNT(wrong); i++) {
        http("GET", wrong[i], NULL, NULL, NULL, &a);
        if (a.status != 404 || (first[0] && strcmp(first, a.body) != 0))
            check_fail(__FILE__, __LINE__, "%s: %ld %s", wrong[i], a.status, a.body);
        if (!first[0])
            snprintf(first, sizeof first, "%.500s", a.body);
    }
    /* Those were guesses: a few more and the address is blocked, even for a good token. */
    for (int i = 0; i < KS_AUTH_LIMIT_FAILURES - (int)CHECK_COUNT(wrong); i++)
        http("GET", "/r/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", NULL, NULL, NULL, &a);
    http("GET", "/r/" RECEIPT_TOKEN, NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 429);
    stop();
}

/* The QR of GET path's PNG as zbarimg reads it into out[0..cap); "" when none. */
static void receipt_png_qr(const char *path, char *out, size_t cap)
{
    struct http_reply *a = malloc(sizeof *a);
    char png[4200];
    snprintf(png, sizeof png, "%s/receipt-qr.png", check_tmp_dir());
    out[0] = '\0';
    http("GET", path, NULL, NULL, NULL, a);
    FILE *f = a->status == 200 ? fopen(png, "wb") : NULL;
    bool written = f && fwrite(a->body, 1, a->len, f) == a->len;
    if (f && fclose(f) != 0)
        written = false;
    if (!written || !zbar_read(png, out, cap))
        out[0] = '\0';
    free(a);
}

/*
 * An order sent with its signed e-invoice's QR ("zatca_qr") has that QR on
 * its e-receipt, page and PNG; one without it the phase 1 QR made from the
 * order; a QR without the stamp's tags 6-9 is refused.
 */
static void test_e_receipt_phase2_qr(void)
{
    CHECK(start("be_receipt_qr"));
    static const uint8_t hash[] = "hash-of-the-invoice", signature[] = "signature",
                         key[] = "public-key", stamp[] = "stamp-signature";
    const ks_zatca_qr_input in = {
        .seller_name = "مطعم الاختبار",
        .vat_number = "300000000000003",
        .timestamp = "2026-11-24T09:00:30Z",
        .total_with_vat = 4900,
        .vat_total = 600,
        .stamp = {{hash, sizeof hash - 1},
                  {signature, sizeof signature - 1},
                  {key, sizeof key - 1},
                  {stamp, sizeof stamp - 1}},
    };
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    CHECK_EQ_INT(ks_zatca_qr_encode(&in, qr, sizeof qr), KS_ZATCA_QR_OK);
    char *plain = receipt_order_json(37, RECEIPT_TOKEN, "ar");
    json_t *root = json_loads(plain, 0, NULL);
    free(plain);
    json_object_set_new(root, "zatca_qr", json_string(qr));
    char *json = json_dumps(root, JSON_COMPACT);
    struct http_reply a;
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    free(json);
    CHECK_EQ_INT(a.status, 201);
    char read_back[1024];
    receipt_png_qr("/r/" RECEIPT_TOKEN ".png", read_back, sizeof read_back);
    CHECK_EQ_STR(read_back, qr);
    http("GET", "/r/" RECEIPT_TOKEN, NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "<svg class=\"qr\"");

    /* Without it: the phase 1 QR (tags 1-5) of the order, as before. */
    json = receipt_order_json(38, "00000000000000000000000000000038", "ar");
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    free(json);
    CHECK_EQ_INT(a.status, 201);
    receipt_png_qr("/r/00000000000000000000000000000038.png", read_back, sizeof read_back);
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(read_back, strlen(read_back), &f), KS_ZATCA_QR_OK);
    CHECK(f.field[KS_ZATCA_TAG_VAT_TOTAL].present);
    CHECK(!f.field[KS_ZATCA_TAG_INVOICE_HASH].present);

    /* A phase 1 QR is not a signed invoice's. */
    const ks_zatca_qr_input phase1 = {
        .seller_name = "s", .vat_number = "300000000000003", .timestamp = "2026-11-24T09:00:30Z"};
    CHECK_EQ_INT(ks_zatca_qr_encode(&phase1, qr, sizeof qr), KS_ZATCA_QR_OK);
    json_object_set_new(root, "uuid", json_string("00000000-0000-4000-8000-000000000039"));
    json_object_set_new(root, "receipt_token", json_string("00000000000000000000000000000039"));
    json_object_set_new(root, "zatca_qr", json_string(qr));
    json = json_dumps(root, JSON_COMPACT);
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    free(json);
    json_decref(root);
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(error_path(&a), "zatca_qr");
    stop();
}

/* Names from the menu are text on the page, never markup. */
static void test_e_receipt_escapes(void)
{
    CHECK(start("be_receipt_escape"));
    static const struct line_spec lines[] = {
        {"fish", "<i>Fish & \"Chips\"</i><script>x</script>", 1, 1150, 1500}};
    char *plain = order_json(35, KS_ORDER_PAID, "kiosk-02", "riyadh-01", "2026-11-24", KITCHEN_NOON,
                             lines, 1);
    json_t *root = json_loads(plain, 0, NULL);
    json_object_set_new(root, "receipt_token", json_string(RECEIPT_TOKEN));
    char *json = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    free(plain);
    struct http_reply a;
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 201);
    free(json);
    http("GET", "/r/" RECEIPT_TOKEN, NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "&lt;i&gt;Fish &amp; &quot;Chips&quot;&lt;/i&gt;&lt;script&gt;");
    CHECK(strstr(a.body, "<script") == NULL && strstr(a.body, "<i>") == NULL);
    stop();
}

/*
 * A SQLite file of the backend's tables from before e-receipts (no
 * be_receipts) gains the table when opened; one of version 9 (before the
 * payments' terminal reference, #15) gains the column, "" in the rows it
 * had, at version 10.
 */
static void test_sqlite_tables_upgraded(void)
{
    if (pg)
        return; /* PostgreSQL's numbered migrations: pg_newer_tables_refused */
    char path[4200];
    CHECK(fresh_database("be_upgrade", path, sizeof path));
    ks_backend_store *s = ks_backend_store_open(path, NULL);
    CHECK(s != NULL);
    ks_backend_store_close(s);
    CHECK_EQ_INT(fixture_sql_exec(path, "DROP TABLE be_receipts"), 0);
    CHECK_EQ_INT(fixture_sql_exec(path, "ALTER TABLE be_payments DROP COLUMN terminal_ref; "
                                        "DELETE FROM be_schema; INSERT INTO be_schema VALUES (9); "
                                        "INSERT INTO be_payments (uuid, method, brand) "
                                        "VALUES ('paid-before', 'card', 'mada')"),
                 0);
    s = ks_backend_store_open(path, NULL);
    CHECK(s != NULL);
    ks_backend_store_close(s);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT max(version) FROM be_schema"), 10);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM be_receipts"), 0);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM be_payments WHERE uuid = "
                                       "'paid-before' AND terminal_ref = ''"),
                 1);
}

/* A backend without [receipts] vat_number serves no receipt, though it stores the tokens. */
static void test_e_receipts_off(void)
{
    CHECK(start_with("be_receipt_off", false));
    char *json = receipt_order_json(34, RECEIPT_TOKEN, "ar");
    struct http_reply a;
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json, &a);
    CHECK_EQ_INT(a.status, 201);
    free(json);
    http("GET", "/r/" RECEIPT_TOKEN, NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 404);
    http("POST", "/r/" RECEIPT_TOKEN, NULL, NULL, "{}", &a);
    CHECK_EQ_INT(a.status, 405);
    stop();
}

/* What a [backend] database setting opens; no PostgreSQL server listens at /nonexistent-kiosk-pg.
 */
static void test_store_targets(void)
{
    static const struct {
        const char *name, *database;
        enum ks_db_error want;
    } cases[] = {
        {"empty", "", KS_DB_ERR_INVALID},
        {"sqlite:// without a path", "sqlite://", KS_DB_ERR_INVALID},
        /* Taken as a file name, these would have opened (created) a file here. */
        {"libpq key=value", "host=/nonexistent-kiosk-pg port=1 dbname=x user=x", KS_DB_ERR_OPEN},
        {"libpq key = value", "host = /nonexistent-kiosk-pg port=1", KS_DB_ERR_OPEN},
        {"postgresql:// URI", "postgresql://x@/x?host=/nonexistent-kiosk-pg&port=1",
         KS_DB_ERR_OPEN},
        {"postgres:// URI", "postgres://x@/x?host=/nonexistent-kiosk-pg&port=1", KS_DB_ERR_OPEN},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        enum ks_db_error err = KS_DB_OK;
        ks_backend_store *s = ks_backend_store_open(cases[i].database, &err);
        if (s || err != cases[i].want)
            check_fail(__FILE__, __LINE__, "%s: %s", cases[i].name,
                       s ? "opened" : ks_db_strerror(err));
        ks_backend_store_close(s);
    }
    /* sqlite:///absolute/path is that file. */
    char path[4200], database[4300];
    snprintf(path, sizeof path, "%s", kitchen_fresh_path("be_target.db"));
    snprintf(database, sizeof database, "sqlite://%s", path);
    ks_backend_store *s = ks_backend_store_open(database, NULL);
    int64_t n = -1;
    CHECK(s != NULL);
    CHECK_EQ_INT(ks_backend_store_count_orders(s, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    ks_backend_store_close(s);
    CHECK(access(path, F_OK) == 0);
}

/* Each report's rows from both stores, as compact JSON text, byte for byte. */
/* Size in bytes of the file at path; -1 when it cannot be read. */
static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/*
 * SQLite: no order's commit copies the WAL into the file (SQLite would, at
 * 1000 pages); the backend's housekeeping does (ks_backend_store_maintain,
 * the health probe's second), and the orders read the same afterwards.
 */
static void test_sqlite_checkpoint_off_the_orders_path(void)
{
    if (pg)
        return; /* PostgreSQL checkpoints on its own */
    char path[4200], wal[4300];
    snprintf(path, sizeof path, "%s", kitchen_fresh_path("be_checkpoint.db"));
    snprintf(wal, sizeof wal, "%s-wal", path);
    ks_backend_store *store = ks_backend_store_open(path, NULL);
    CHECK(store != NULL);
    CHECK_EQ_INT(ks_backend_store_maintain(store), KS_DB_OK); /* the schema into the file */
    long long before = file_size(path);
    bool ok = before > 0;
    int stored = 0;
    /* Orders until the WAL holds well over the 1000 pages (frames) where SQLite would copy it. */
    while (ok && file_size(wal) < 6LL * 1024 * 1024 && stored < 20000) {
        char *json = kitchen_paid_json(40000 + (unsigned)stored, stored % 999 + 1);
        size_t len = json ? strlen(json) : 0;
        ks_order *o = json ? ks_order_from_json(json, len, NULL) : NULL;
        bool duplicate = true;
        ok = o &&
             ks_backend_store_add_order(store, o, json, len, KITCHEN_NOON + stored, &duplicate) ==
                 KS_DB_OK &&
             !duplicate;
        stored++;
        ks_order_free(o);
        free(json);
    }
    CHECK(ok);
    CHECK(file_size(wal) >= 6LL * 1024 * 1024);
    CHECK_EQ_INT(file_size(path), before);
    CHECK_EQ_INT(ks_backend_store_maintain(store), KS_DB_OK);
    CHECK(file_size(path) > before);
    int64_t count = 0;
    CHECK_EQ_INT(ks_backend_store_count_orders(store, &count), KS_DB_OK);
    CHECK_EQ_INT(count, stored);
    ks_backend_store_close(store);
}

static void test_same_rows_as_sqlite(void)
{
    char target[4200];
    CHECK(backend_pg_fresh(pg, "be_same", target, sizeof target));
    ks_backend_store *stores[2] = {ks_backend_store_open(kitchen_fresh_path("be_same.db"), NULL),
                                   ks_backend_store_open(target, NULL)};
    char *json[REPORT_ORDERS];
    report_orders_json(json);
    bool ok = stores[0] && stores[1];
    for (int i = 0; ok && i < REPORT_ORDERS; i++) {
        size_t len = json[i] ? strlen(json[i]) : 0;
        ks_order *o = json[i] ? ks_order_from_json(json[i], len, NULL) : NULL;
        ok = o != NULL;
        /* Each store twice: the second is a duplicate and changes nothing. */
        for (int s = 0; ok && s < 4; s++) {
            bool duplicate = false;
            ok = ks_backend_store_add_order(stores[s / 2], o, json[i], len, KITCHEN_NOON + i,
                                            &duplicate) == KS_DB_OK &&
                 duplicate == (s % 2 == 1);
        }
        ks_order_free(o);
    }
    for (int i = 0; i < REPORT_ORDERS; i++)
        free(json[i]);
    /* Kitchen events of orders 101-103: a recall, a station, a ready before the payment. */
    static const struct {
        unsigned order;
        enum ks_order_status status;
        const char *station;
        int64_t at;
    } events[] = {
        {101, KS_ORDER_READY, "", DAY_BEFORE - 20},
        {102, KS_ORDER_READY, "grill", KITCHEN_NOON + 100},
        {102, KS_ORDER_READY, "", KITCHEN_NOON + 200},
        {102, KS_ORDER_COLLECTED, "", KITCHEN_NOON + 300},
        {103, KS_ORDER_READY, "", KITCHEN_NOON + 3650},
        {103, KS_ORDER_READY, "", KITCHEN_NOON + 4000},
        {103, KS_ORDER_COLLECTED, "", KITCHEN_NOON + 4050},
    };
    for (size_t i = 0; ok && i < CHECK_COUNT(events); i++) {
        ks_backend_kitchen_event ev = {.status = events[i].status, .at = events[i].at};
        fixture_uuid(events[i].order, ev.uuid);
        snprintf(ev.station, sizeof ev.station, "%s", events[i].station);
        int64_t paid =
            events[i].order == 101 ? DAY_BEFORE : KITCHEN_NOON + (events[i].order == 103) * 3600;
        bool duplicate[2] = {true, true};
        ok = ks_backend_store_add_kitchen_event(stores[0], &ev, paid, KITCHEN_NOON,
                                                &duplicate[0]) == KS_DB_OK &&
             ks_backend_store_add_kitchen_event(stores[1], &ev, paid, KITCHEN_NOON,
                                                &duplicate[1]) == KS_DB_OK &&
             !duplicate[0] && !duplicate[1];
    }
    const ks_backend_heartbeat beats[] = {
        {"kiosk-03", "1.4.0", 0, "{\"printer\":\"ok\"}", KITCHEN_NOON},
        {"kiosk-02", "1.3.9", 7, "{}", KITCHEN_NOON + 1},
        {"kiosk-03", "1.4.1", 2, "{\"printer\":\"paper_out\",\"terminal\":\"ok\"}",
         KITCHEN_NOON + 2},
    };
    for (size_t i = 0; ok && i < CHECK_COUNT(beats); i++)
        ok = ks_backend_store_put_heartbeat(stores[0], &beats[i]) == KS_DB_OK &&
             ks_backend_store_put_heartbeat(stores[1], &beats[i]) == KS_DB_OK;
    /* Two refunds of order 103, card and cash, for the refunds report. */
    for (int i = 0; ok && i < 2; i++) {
        char body[512];
        ks_backend_refund refund;
        ks_json_error why;
        refund_body(103, i ? REFUND_B : REFUND_A, 600, 78, i ? "cash" : "card", body, sizeof body);
        ok = ks_backend_refund_parse(body, strlen(body), &refund, &why);
        for (int s = 0; ok && s < 2; s++) {
            enum ks_backend_refund_result result = KS_BACKEND_REFUND_CONFLICT;
            ok = ks_backend_store_add_refund(stores[s], &refund, "kiosk-03", body, strlen(body),
                                             KITCHEN_NOON, &result) == KS_DB_OK &&
                 result == KS_BACKEND_REFUND_CREATED;
        }
    }
    CHECK(ok);
    static const char *const stores_asked[] = {"", "riyadh-01", "jeddah-01"};
    for (int q = 0; q < 27; q++) {
        json_t *rows[2] = {NULL, NULL};
        char name[96];
        for (int s = 0; s < 2; s++) {
            enum ks_db_error err;
            rows[s] = json_array();
            const ks_backend_sink sink = ks_backend_rows_sink(rows[s]);
            if (q < 18) /* 3 groups x by kiosk / by store x 3 store choices */
                err = ks_backend_store_sales(stores[s], "2026-11-01", "2026-12-31",
                                             stores_asked[q % 3], (enum ks_backend_group)(q / 6),
                                             q / 3 % 2, 180, &sink);
            else if (q < 20)
                err = ks_backend_store_items(stores[s], "2026-11-01", "2026-11-30", "", q == 19,
                                             q == 19 ? 2 : 100, &sink);
            else if (q == 20)
                err = ks_backend_store_vat(stores[s], "2026-11-01", "2026-12-31", "", &sink);
            else if (q == 21) {
                json_decref(rows[s]);
                err = ks_backend_store_kiosks(stores[s], &rows[s]);
            } else if (q == 23)
                err = ks_backend_store_peak(stores[s], "2026-11-01", "2026-12-31", "", 180, &sink);
            else if (q == 24)
                err = ks_backend_store_refunds(stores[s], "2026-11-01", "2026-12-31", "", &sink);
            else if (q == 25)
                err = ks_backend_store_payments(stores[s], "2026-11-01", "2026-12-31", "", &sink);
            else if (q == 26)
                err = ks_backend_store_profit(stores[s], "2026-11-01", "2026-12-31", "", &sink);
            else
                err = ks_backend_store_kitchen(stores[s], "2026-11-01", "2026-11-30", "",
                                               KS_BACKEND_GROUP_HOUR, 180, &sink);
            snprintf(name, sizeof name, "query %d, %s", q, s ? "PostgreSQL" : "SQLite");
            if (err != KS_DB_OK)
                check_fail(__FILE__, __LINE__, "%s: %s", name, ks_db_strerror(err));
        }
        char *text[2] = {json_dumps(rows[0], JSON_COMPACT), json_dumps(rows[1], JSON_COMPACT)};
        /* Every query but another store's sales has rows, so "[]" == "[]" proves little. */
        bool want_rows = q >= 18 || q % 3 != 2;
        if (!text[0] || !text[1] || strcmp(text[0], text[1]) != 0 ||
            want_rows != (json_array_size(rows[0]) > 0))
            check_fail(__FILE__, __LINE__, "query %d:\n  SQLite     %s\n  PostgreSQL %s", q,
                       text[0] ? text[0] : "(none)", text[1] ? text[1] : "(none)");
        free(text[0]);
        free(text[1]);
        json_decref(rows[0]);
        json_decref(rows[1]);
    }
    ks_backend_store_close(stores[0]);
    ks_backend_store_close(stores[1]);
}

/* Opening again keeps version 4 (one row); tables of a later version are refused. */
static void test_pg_newer_tables_refused(void)
{
    char target[4200];
    CHECK(backend_pg_fresh(pg, "be_version", target, sizeof target));
    for (int i = 0; i < 2; i++) {
        ks_backend_store *s = ks_backend_store_open(target, NULL);
        CHECK(s != NULL);
        ks_backend_store_close(s);
    }
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 25"), 1);
    /* Migration 23: the staff report's index holds every column the report reads, and its
     * kiosk refunds have theirs. */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM pg_indexes WHERE schemaname = 'be_version' AND "
                        "indexname = 'be_interventions_by_staff' AND indexdef LIKE "
                        "'%(store_id, staff, business_date) INCLUDE (need, void_item, "
                        "void_amount, raised_at, decided_at)'"),
                 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM pg_indexes WHERE schemaname = 'be_version' AND "
                        "indexname = 'be_refunds_by_staff' AND indexdef LIKE "
                        "'%(uuid) WHERE ((((refund_json ->> ''staff''::text) COLLATE \"C\") IS "
                        "NOT NULL) AND ((refund_json ->> ''request_id''::text) IS NULL))'"),
                 1);
    /* Migration 26: the sales per hour's summary, filled (here from no orders). */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 26"), 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_hour_sales"), 0);
    /* Migration 27: the staff report's months, filled (here from no interventions). */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 27"), 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_staff_months"), 0);
    /* Migration 28: the decisions taken while paying, the index of those waiting. */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 28"), 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM pg_indexes WHERE schemaname = 'be_version' AND "
                        "indexname = 'be_paying_waiting' AND indexdef LIKE "
                        "'%(order_uuid) WHERE (placed = 0)'"),
                 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 29"), 1);
    /* Migration 29: the page of single staff actions' covering index. */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM pg_indexes WHERE schemaname = 'be_version' AND "
                        "indexname = 'be_staff_actions_listed' AND indexdef LIKE "
                        "'%(business_date, store_id) INCLUDE (staff, action, at, uuid)'"),
                 1);
    /* Migration 30: the staff report's months in chunks, the chunk in their key. */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 30"), 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM pg_indexes WHERE schemaname = 'be_version' AND "
                        "indexname = 'be_staff_months_pkey' AND indexdef LIKE "
                        "'%(store_id, staff, month, chunk)'"),
                 1);
    /* Migration 31: the indexes of one order's page (the paying decisions stored before 28
     * placed: test_backend_staff.c, "an older database's decisions while paying"). */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 31"), 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM pg_indexes WHERE schemaname = 'be_version' AND "
                        "indexname IN ('be_paying_by_order', 'be_einvoices_by_order')"),
                 2);
    /* Migration 33 (the 32nd on this branch; #15): the payments' terminal reference. */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_version.be_schema WHERE version = 32"), 1);
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                        "'be_version' AND table_name = 'be_payments' AND column_name = "
                        "'terminal_ref' AND is_nullable = 'NO'"),
                 1);
    CHECK_EQ_INT(pg_int("WITH n AS (INSERT INTO be_version.be_schema VALUES (33) RETURNING 1) "
                        "SELECT count(*) FROM n"),
                 1);
    enum ks_db_error err = KS_DB_OK;
    ks_backend_store *s = ks_backend_store_open(target, &err);
    CHECK(s == NULL);
    CHECK_EQ_INT(err, KS_DB_ERR_TOO_NEW);
}

static char logged[512]; /* the last warning or error logged */

static void keep_log(enum ks_log_level level, const char *tag, const char *msg, void *ctx)
{
    if (level >= KS_LOG_WARN)
        snprintf(logged, sizeof logged, "%s: %s", tag, msg);
}

/* A server (here, the session) with synchronous_commit off is turned on, saying so. */
static void test_pg_synchronous_commit_on(void)
{
    char target[4200], off[4400];
    CHECK(backend_pg_fresh(pg, "be_sync", target, sizeof target));
    /* The later options= replaces the search path's: both given again. */
    snprintf(off, sizeof off, "%s options='-csearch_path=be_sync -csynchronous_commit=off'", pg);
    logged[0] = '\0';
    ks_log_set_sink(keep_log, NULL);
    ks_backend_store *s = ks_backend_store_open(off, NULL);
    ks_log_set_sink(NULL, NULL);
    CHECK(s != NULL);
    ks_backend_store_close(s);
    CHECK_CONTAINS(logged, "synchronous_commit = off: turned on");
    /* The server's own setting (on) is left alone, without a word. */
    logged[0] = '\0';
    ks_log_set_sink(keep_log, NULL);
    s = ks_backend_store_open(target, NULL);
    ks_log_set_sink(NULL, NULL);
    CHECK(s != NULL);
    ks_backend_store_close(s);
    CHECK_EQ_STR(logged, "");
}

/*
 * The folder and port of the suite's server (tests/support/postgres.sh),
 * for a case that stops and starts it; false, failing the case, when the
 * environment does not name them.
 */
static bool restartable_server(const char **dir, const char **port)
{
    *dir = backend_env("KIOSK_TEST_PG_DIR");
    *port = backend_env("KIOSK_TEST_PG_PORT");
    if (*dir && *port)
        return true;
    check_fail(__FILE__, __LINE__,
               "KIOSK_TEST_PG_DIR and KIOSK_TEST_PG_PORT must name the server's folder and "
               "port (tests/support/postgres.sh) for this case to stop and start it");
    return false;
}

/*
 * The server stops under the backend (pg_ctl stop -m fast through
 * tests/support/postgres.sh) and starts again: while it is away an order
 * is answered 503 and nothing of it is stored; afterwards the same
 * connection is made again and the order is new (201), lines and all.
 */
static void test_pg_server_lost(void)
{
    const char *dir, *port;
    if (!restartable_server(&dir, &port))
        return;
    CHECK(start("be_lost"));
    char *json[] = {kitchen_paid_json(31, 1), kitchen_paid_json(32, 2), kitchen_paid_json(33, 3)};
    ks_order *second = ks_order_from_json(json[1], strlen(json[1]), NULL);
    CHECK(second != NULL);
    struct http_reply a;
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json[0], &a);
    CHECK_EQ_INT(a.status, 201);
    bool stopped = backend_pg_script("stop", dir, NULL);
    http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json[1], &a);
    long while_away = a.status;
    http("GET", "/v1/health", NULL, NULL, NULL, &a);
    long health_away = a.status;
    /* The store itself (the server's thread is idle): the error, not a duplicate. */
    bool duplicate = true;
    enum ks_db_error err = ks_backend_store_add_order(run.store, second, json[1], strlen(json[1]),
                                                      KITCHEN_NOON, &duplicate);
    bool started = backend_pg_script("start", dir, port);
    CHECK(stopped && started);
    CHECK_EQ_INT(while_away, 503);
    CHECK_EQ_INT(health_away, 503);
    CHECK_EQ_INT(err, KS_DB_ERR_IO);
    CHECK(!duplicate);
    for (int i = 1; i < 3; i++) {
        http("POST", "/v1/orders", KITCHEN_TOKEN, NULL, json[i], &a);
        CHECK_EQ_INT(a.status, 201);
    }
    CHECK_EQ_INT(orders(), 3);
    /* Three orders' lines, each order's once. */
    CHECK_EQ_INT(pg_int("SELECT count(*) FROM be_lost.be_lines"), 3 * (int64_t)second->n_lines);
    ks_order_free(second);
    for (int i = 0; i < 3; i++)
        free(json[i]);
    stop();
}

/*
 * A store asked to plan each call (the managers' reports' lane) runs its
 * statements with plan_cache_mode = force_custom_plan, and again on the
 * connection made after the server came back; a store not asked (the
 * kiosks' intake) keeps the server's choice.
 */
static void test_pg_reports_planned_for_their_values(void)
{
    const char *dir, *port;
    if (!restartable_server(&dir, &port))
        return;
    char target[4200], reports_mode[32] = "", intake_mode[32] = "", again[32] = "";
    CHECK(backend_pg_fresh(pg, "be_plans", target, sizeof target));
    ks_backend_store *reports = ks_backend_store_open(target, NULL);
    ks_backend_store *intake = ks_backend_store_open(target, NULL);
    CHECK(reports != NULL && intake != NULL);
    CHECK_EQ_INT(ks_backend_store_plan_each_call(reports), KS_DB_OK);
    CHECK_EQ_INT(
        ks_backend_store_setting(reports, "plan_cache_mode", reports_mode, sizeof reports_mode),
        KS_DB_OK);
    CHECK_EQ_INT(
        ks_backend_store_setting(intake, "plan_cache_mode", intake_mode, sizeof intake_mode),
        KS_DB_OK);
    CHECK_EQ_STR(reports_mode, "force_custom_plan");
    CHECK_EQ_STR(intake_mode, "auto");
    bool restarted = backend_pg_script("stop", dir, NULL) && backend_pg_script("start", dir, port);
    CHECK(restarted);
    /* The ping finds the connection lost and makes it again. */
    CHECK_EQ_INT(ks_backend_store_ping(reports), KS_DB_OK);
    CHECK_EQ_INT(ks_backend_store_setting(reports, "plan_cache_mode", again, sizeof again),
                 KS_DB_OK);
    CHECK_EQ_STR(again, "force_custom_plan");
    CHECK_EQ_INT(ks_backend_store_setting(reports, "no_such.setting", again, sizeof again),
                 KS_DB_ERR_NOT_FOUND);
    ks_backend_store_close(reports);
    ks_backend_store_close(intake);
}

static void test_config_refused(void)
{
    static const struct {
        const char *name, *ini, *why;
    } cases[] = {
        {"unknown section", "[kitchen]\nlisten = 1.2.3.4:80\n",
         "line 2: [kitchen] listen: unknown section"},
        {"unknown key", "[backend]\ncolour = red\n", "line 2: [backend] colour: unknown key"},
        {"listen not an address", "[backend]\nlisten = backend:80\n", "line 2: [backend] listen"},
        {"short token", "[kiosks]\nk1 = short\n", "line 2: [kiosks] k1: a token is 16 to 128"},
        {"weak token", "[kiosks]\nk1 = kiosk-token-0123456789abcdef\n",
         "line 2: [kiosks] k1: the token holds a run"},
        {"weak manager token", "[backend]\nmanager_token = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
         "line 2: [backend] manager_token: one character fills"},
        {"kiosk id with capitals", "[kiosks]\nK1 = " KITCHEN_TOKEN "\n",
         "line 2: [kiosks] K1: a kiosk id"},
        {"token twice", "[kiosks]\nk1 = " KITCHEN_TOKEN "\nk2 = " KITCHEN_TOKEN "\n",
         "line 3: [kiosks] k2: kiosk id or token given twice"},
        {"managers' token on a kiosk",
         "[backend]\nmanager_token = " MANAGER_TOKEN "\n[kiosks]\nk1 = " MANAGER_TOKEN "\n",
         "[kiosks] k1: the managers' token"},
        {"channel name with capitals", "[channels]\nShop = " KITCHEN_TOKEN "\n",
         "line 2: [channels] Shop: a channel name"},
        {"weak channel token", "[channels]\nshop = short\n",
         "line 2: [channels] shop: a token is 16 to 128"},
        {"channel token twice", "[channels]\na = " KITCHEN_TOKEN "\nb = " KITCHEN_TOKEN "\n",
         "line 3: [channels] b: channel name or token given twice"},
        {"channel store malformed", "[channels]\nshop = " KITCHEN_TOKEN " riyadh-01 Jeddah\n",
         "line 2: [channels] shop: expected a token, then optionally the store ids"},
        {"channel store twice", "[channels]\nshop = " KITCHEN_TOKEN " riyadh-01 riyadh-01\n",
         "line 2: [channels] shop: a store listed twice"},
        {"kiosk's token on a channel",
         "[kiosks]\nk1 = " KITCHEN_TOKEN "\n[channels]\nshop = " KITCHEN_TOKEN "\n",
         "[channels] shop: a channel's token is its own"},
        {"managers' token on a channel",
         "[backend]\nmanager_token = " MANAGER_TOKEN "\n[channels]\nshop = " MANAGER_TOKEN "\n",
         "[channels] shop: a channel's token is its own"},
        {"offset out of range", "[backend]\nutc_offset_min = 900\n",
         "line 2: [backend] utc_offset_min"},
        {"offset not in quarter hours", "[backend]\nutc_offset_min = 200\n",
         "line 2: [backend] utc_offset_min: expected minutes from -720 to 840, a multiple of 15"},
        {"not INI", "[backend\n", "line 1: syntax error"},
        {"receipts: bad VAT number", "[receipts]\nvat_number = 300000000000004\n",
         "line 2: [receipts] vat_number: expected 15 digits"},
        {"receipts: VAT number without a seller", "[receipts]\nvat_number = 300000000000003\n",
         "[receipts] vat_number: the seller's name"},
        {"receipts: numerals", "[receipts]\nnumerals = roman\n", "line 2: [receipts] numerals"},
        {"receipts: unknown key", "[receipts]\nlogo = x.png\n",
         "line 2: [receipts] logo: unknown key"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_backend_config c;
        char why[256] = "";
        ks_backend_config_defaults(&c);
        bool ok = ks_backend_config_parse(&c, cases[i].ini, strlen(cases[i].ini), why, sizeof why);
        if (ok || strncmp(why, cases[i].why, strlen(cases[i].why)) != 0)
            check_fail(__FILE__, __LINE__, "%s: %s", cases[i].name, ok ? "accepted" : why);
    }
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"order_idempotent", test_order_idempotent},
        {"other_order_under_stored_uuid_conflicts", test_other_order_under_stored_uuid_conflicts},
        {"nul_bytes_and_impossible_dates", test_nul_bytes_and_impossible_dates},
        {"bad_token", test_bad_token},
        {"malformed_orders", test_malformed_orders},
        {"heartbeat_round_trip", test_heartbeat_round_trip},
        {"menu_etag", test_menu_etag},
        {"store_prices", test_store_prices},
        {"report_summaries", test_report_summaries},
        {"store_availability", test_store_availability},
        {"reports", test_reports},
        {"refunds", test_refunds},
        {"kitchen_events", test_kitchen_events},
        {"kitchen_report", test_kitchen_report},
        {"cancelled_orders", test_cancelled_orders},
        {"no_receipt_for_cancelled_orders", test_no_receipt_for_cancelled_orders},
        {"older_tables_gain_new_ones", test_older_tables_gain_new_ones},
        {"older_reservations_hold_lines", test_older_reservations_hold_lines},
        {"report_queries_refused", test_report_queries_refused},
        {"page_and_health", test_page_and_health},
        {"delivery_end_to_end", test_delivery_end_to_end},
        {"e_receipts", test_e_receipts},
        {"e_receipts_off", test_e_receipts_off},
        {"e_receipt_phase2_qr", test_e_receipt_phase2_qr},
        {"e_receipt_escapes", test_e_receipt_escapes},
        {"sqlite_tables_upgraded", test_sqlite_tables_upgraded},
        {"sqlite_checkpoint_off_the_orders_path", test_sqlite_checkpoint_off_the_orders_path},
        {"config_refused", test_config_refused},
        {"store_targets", test_store_targets},
        /* Last, and with --pg only: they compare with or need a PostgreSQL server. */
        {"same_rows_as_sqlite", test_same_rows_as_sqlite},
        {"pg_newer_tables_refused", test_pg_newer_tables_refused},
        {"pg_synchronous_commit_on", test_pg_synchronous_commit_on},
        {"pg_server_lost", test_pg_server_lost},
        {"pg_reports_planned_for_their_values", test_pg_reports_planned_for_their_values},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 5, &pg);
}
