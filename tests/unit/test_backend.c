/*
 * The backend over real HTTP on loopback (the server in this process):
 * orders stored once whatever the repeats, bad tokens and malformed bodies
 * refused with nothing stored, heartbeats, the menu's ETag, the reports'
 * figures against totals computed by hand (JSON and CSV), the manager page,
 * and the kiosk's own delivery worker delivering paid orders to it.
 */
#include "tests/unit/test_kitchen_fixture.h"

#include <jansson.h>
#include <openssl/sha.h>

#include "kiosk/app/delivery.h"
#include "kiosk/backend/backend_server.h"

#define MANAGER_TOKEN "manager-token-00112233445566"
/* Two days before noon of the fixtures, 2026-11-23T09:00Z. */
#define DAY_BEFORE (KITCHEN_NOON - 86400)

static ks_backend_config cfg;
static ks_backend_store *store;
static ks_backend_api *api;
static ks_backend_server *server;
static char base[64]; /* http://127.0.0.1:PORT */

static void stop(void)
{
    ks_backend_server_stop(server);
    ks_backend_api_free(api);
    ks_backend_store_close(store);
    server = NULL;
    api = NULL;
    store = NULL;
}

static bool start(const char *name)
{
    stop();
    ks_backend_config_defaults(&cfg);
    char ini[9000];
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
             "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN "\nkiosk-03 = " KITCHEN_OTHER_TOKEN "\n"
             "[menus]\nriyadh-01 = %s/assets/menus/restaurant.json\njeddah-01 = %s\n",
             check_source_dir(), check_path(check_tmp_dir(), "jeddah-menu.json"));
    char why[256] = "";
    if (!ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why)) {
        check_fail(__FILE__, __LINE__, "config: %s", why);
        return false;
    }
    store = ks_backend_store_open(kitchen_fresh_path(name), NULL);
    api = store ? ks_backend_api_new(store, &cfg) : NULL;
    server = api ? ks_backend_server_start(api, cfg.listen) : NULL;
    snprintf(base, sizeof base, "http://127.0.0.1:%u",
             server ? (unsigned)ks_backend_server_port(server) : 0u);
    return server != NULL;
}

static int64_t orders(void)
{
    int64_t n = -1;
    if (ks_backend_store_count_orders(store, &n) != KS_DB_OK)
        return -1;
    return n;
}

struct answer {
    long status; /* 0: no answer */
    char body[16384];
    size_t len;
    char etag[80];
    char type[80];
};

static size_t keep_body(char *data, size_t size, size_t n, void *ctx)
{
    struct answer *a = ctx;
    size_t bytes = size * n, room = sizeof a->body - 1 - a->len;
    size_t take = bytes < room ? bytes : room;
    memcpy(a->body + a->len, data, take);
    a->len += take;
    a->body[a->len] = '\0';
    return bytes;
}

/* Keeps the ETag and Content-Type header values (without CRLF). */
static size_t keep_header(char *data, size_t size, size_t n, void *ctx)
{
    struct answer *a = ctx;
    size_t bytes = size * n;
    static const struct {
        const char *name;
        size_t offset;
    } wanted[] = {{"ETag: ", offsetof(struct answer, etag)},
                  {"Content-Type: ", offsetof(struct answer, type)}};
    for (size_t w = 0; w < 2; w++) {
        size_t len = strlen(wanted[w].name);
        if (bytes > len && strncasecmp(data, wanted[w].name, len) == 0) {
            size_t value = bytes - len;
            while (value > 0 && (data[len + value - 1] == '\r' || data[len + value - 1] == '\n'))
                value--;
            if (value < 80) {
                memcpy((char *)a + wanted[w].offset, data + len, value);
                ((char *)a + wanted[w].offset)[value] = '\0';
            }
        }
    }
    return bytes;
}

/*
 * method to base + path_query with token (NULL: none), extra header (NULL:
 * none) and body (NULL: none) into *a.
 */
static void http(const char *method, const char *path_query, const char *token, const char *extra,
                 const char *body, struct answer *a)
{
    memset(a, 0, sizeof *a);
    CURL *c = curl_easy_init();
    if (!c)
        return;
    char url[512], line[256];
    snprintf(url, sizeof url, "%s%s", base, path_query);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    if (token) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", token);
        headers = curl_slist_append(headers, line);
    }
    if (extra)
        headers = curl_slist_append(headers, extra);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    }
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
}

/* The "path" member of an error answer ("?" when the answer is not {"error","path"}). */
static const char *error_path(const struct answer *a)
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
 * A paid order from kiosk of store on business date, created at, with the
 * lines; net = round(gross * 10000 / (10000 + rate)) as the kiosk does.
 * kiosk-order/1 JSON, malloc'd.
 */
static char *order_json(unsigned index, const char *kiosk, const char *store_id, const char *date,
                        int64_t at, const struct line_spec *lines, size_t n)
{
    ks_order *o = fixture_calloc(1, sizeof *o);
    fixture_uuid(index, o->uuid);
    snprintf(o->store_id, sizeof o->store_id, "%s", store_id);
    snprintf(o->kiosk_id, sizeof o->kiosk_id, "%s", kiosk);
    snprintf(o->business_date, sizeof o->business_date, "%s", date);
    o->number = (int32_t)index;
    o->service = KS_SERVICE_DINE_IN;
    o->status = KS_ORDER_PAID;
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
    CHECK(start("be-idem.db"));
    char *json = kitchen_paid_json(1, 17);
    char uuid[37], key[80];
    fixture_uuid(1, uuid);
    snprintf(key, sizeof key, "Idempotency-Key: %s", uuid);
    static const long want[] = {201, 200, 200};
    for (int i = 0; i < 3; i++) {
        struct answer a;
        http("POST", "/v1/orders", KITCHEN_TOKEN, key, json, &a);
        CHECK_EQ_INT(a.status, want[i]);
        CHECK_CONTAINS(a.body, uuid);
        CHECK_CONTAINS(a.body, i == 0 ? "\"status\":\"created\"" : "\"status\":\"duplicate\"");
    }
    free(json);
    CHECK_EQ_INT(orders(), 1);
    stop();
}

static void test_bad_token(void)
{
    CHECK(start("be-token.db"));
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
        struct answer a;
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
    CHECK(start("be-malformed.db"));
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
        struct answer a;
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
    CHECK(start("be-heartbeat.db"));
    struct answer a;
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
         "devices"},
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
    CHECK(start("be-menu.db"));
    size_t len = 0;
    char *file =
        check_read_file(check_path(check_source_dir(), "assets/menus/restaurant.json"), &len);
    CHECK(file != NULL);
    struct answer a;
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
 * Four orders, figures by hand (net = round(gross / 1.15) at 15 %):
 *   1 kiosk-02 2026-11-23: 2 burger @1800 = 3600 (net 3130, vat 470)
 *                           10 water @100 at 0 % = 1000 (net 1000)   -> 4130 + 470 = 4600
 *   2 kiosk-02 2026-11-24 12:00 local: 1 burger = 1800 (1565 + 235)  -> 1800
 *   3 kiosk-03 2026-11-24 13:00 local: 3 cola @600 = 1800 (1565 + 235)
 *                           1 burger = 1800 (1565 + 235)             -> 3130 + 470 = 3600
 *   4 kiosk-02 2026-12-01: 5 burger = 9000, outside November.
 * November: 3 orders, net 8825, vat 1175, total 10000; quantity water 10,
 * burger 4, cola 3; revenue burger 7200, cola 1800, water 1000; VAT 0 %:
 * taxable 1000 in 1 order; 15 %: taxable 3130 + 1565 + 3130 = 7825, vat 1175 in 3.
 */
static bool post_report_orders(void)
{
    static const struct line_spec o1[] = {{"burger", "Burger", 2, 1800, 1500},
                                          {"water", "Water", 10, 100, 0}};
    static const struct line_spec o2[] = {{"burger", "Burger", 1, 1800, 1500}};
    static const struct line_spec o3[] = {{"cola", "Cola", 3, 600, 1500},
                                          {"burger", "Burger", 1, 1800, 1500}};
    static const struct line_spec o4[] = {{"burger", "Burger", 5, 1800, 1500}};
    char *json[] = {
        order_json(101, "kiosk-02", "riyadh-01", "2026-11-23", DAY_BEFORE, o1, 2),
        order_json(102, "kiosk-02", "riyadh-01", "2026-11-24", KITCHEN_NOON, o2, 1),
        order_json(103, "kiosk-03", "riyadh-01", "2026-11-24", KITCHEN_NOON + 3600, o3, 2),
        order_json(104, "kiosk-02", "riyadh-01", "2026-12-01", KITCHEN_NOON + 7 * 86400, o4, 1),
    };
    const char *tokens[] = {KITCHEN_TOKEN, KITCHEN_TOKEN, KITCHEN_OTHER_TOKEN, KITCHEN_TOKEN};
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        struct answer a;
        if (json[i])
            http("POST", "/v1/orders", tokens[i], NULL, json[i], &a);
        ok = ok && json[i] && a.status == 201;
        free(json[i]);
    }
    return ok;
}

static void test_reports(void)
{
    CHECK(start("be-reports.db"));
    CHECK(post_report_orders());
    static const struct {
        const char *name, *query, *want;
    } cases[] = {
        {"sales by day and kiosk, JSON", "/v1/reports/sales?from=2026-11-01&to=2026-11-30",
         "\"rows\":[{\"period\":\"2026-11-23\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-"
         "02\","
         "\"orders\":1,\"total_net\":4130,\"total_vat\":470,\"total\":4600},"
         "{\"period\":\"2026-11-24\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-02\","
         "\"orders\":1,\"total_net\":1565,\"total_vat\":235,\"total\":1800},"
         "{\"period\":\"2026-11-24\",\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-03\","
         "\"orders\":1,\"total_net\":3130,\"total_vat\":470,\"total\":3600}]"},
        {"sales by month and store, CSV",
         "/v1/reports/sales?from=2026-11-01&to=2026-11-30&group=month&by=store&format=csv",
         "period,store_id,kiosk_id,orders,total_net,total_vat,total\r\n"
         "\"2026-11\",\"riyadh-01\",\"\",3,8825,1175,10000\r\n"},
        {"sales by local hour, CSV",
         "/v1/reports/sales?from=2026-11-24&to=2026-11-24&group=hour&by=store&format=csv",
         "period,store_id,kiosk_id,orders,total_net,total_vat,total\r\n"
         "\"2026-11-24 12:00\",\"riyadh-01\",\"\",1,1565,235,1800\r\n"
         "\"2026-11-24 13:00\",\"riyadh-01\",\"\",1,3130,470,3600\r\n"},
        {"December alone", "/v1/reports/sales?from=2026-12-01&to=2026-12-31&by=store&format=csv",
         "period,store_id,kiosk_id,orders,total_net,total_vat,total\r\n"
         "\"2026-12-01\",\"riyadh-01\",\"\",1,7826,1174,9000\r\n"},
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
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        struct answer a;
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

static void test_report_queries_refused(void)
{
    CHECK(start("be-queries.db"));
    static const struct {
        const char *query, *token;
        long status;
        const char *path;
    } cases[] = {
        {"/v1/reports/sales?to=2026-11-30", MANAGER_TOKEN, 400, "from"},
        {"/v1/reports/sales?from=2026-13-01&to=2026-11-30", MANAGER_TOKEN, 400, "from"},
        {"/v1/reports/sales?from=2026-11-02&to=2026-11-01", MANAGER_TOKEN, 400, "to"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&group=week", MANAGER_TOKEN, 400, "group"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&by=x", MANAGER_TOKEN, 400, "by"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&store='%20OR%201", MANAGER_TOKEN, 400,
         "store"},
        {"/v1/reports/sales?from=2026-11-01&to=2026-11-30&format=xml", MANAGER_TOKEN, 400,
         "format"},
        {"/v1/reports/items?from=2026-11-01&to=2026-11-30&limit=101", MANAGER_TOKEN, 400, "limit"},
        {"/v1/reports/items?from=2026-11-01&to=2026-11-30&sort=name", MANAGER_TOKEN, 400, "sort"},
        {"/v1/reports/vat?from=2026-11-01&to=2026-11-30", KITCHEN_TOKEN, 403, ""},
        {"/v1/reports/vat?from=2026-11-01&to=2026-11-30", NULL, 401, ""},
        {"/v1/reports/nothing", MANAGER_TOKEN, 404, ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        struct answer a;
        http("GET", cases[i].query, cases[i].token, NULL, NULL, &a);
        if (a.status != cases[i].status || strcmp(error_path(&a), cases[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: HTTP %ld %s", cases[i].query, a.status, a.body);
    }
    struct answer a;
    http("POST", "/v1/reports/vat", MANAGER_TOKEN, NULL, "{}", &a);
    CHECK_EQ_INT(a.status, 405);
    stop();
}

static void test_page_and_health(void)
{
    CHECK(start("be-page.db"));
    struct answer a;
    http("GET", "/", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.type, "text/html");
    CHECK_CONTAINS(a.body, "<svg id=\"chart\"");
    CHECK_CONTAINS(a.body, "/v1/reports/sales?");
    /* No external resources: nothing is loaded from another origin. */
    CHECK(strstr(a.body, "http://") == NULL || strstr(a.body, "http://www.w3.org/2000/svg"));
    CHECK(strstr(a.body, "https://") == NULL);
    CHECK(strstr(a.body, "src=") == NULL);
    http("GET", "/v1/health", NULL, NULL, NULL, &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_CONTAINS(a.body, "\"orders\":0");
    stop();
}

/* The kiosk's delivery worker sends its paid orders to the backend, each stored once. */
static void test_delivery_end_to_end(void)
{
    CHECK(start("be-e2e.db"));
    char kiosk[4200], url[96];
    fixture_fresh_db(check_tmp_dir(), "be-e2e-kiosk.db", kiosk, sizeof kiosk);
    ks_db *db = ks_db_open(kiosk, NULL);
    CHECK(db != NULL);
    for (unsigned i = 21; db && i <= 23; i++)
        CHECK(kitchen_kiosk_pay(db, i));
    ks_db_close(db);
    snprintf(url, sizeof url, "%s/v1/orders", base);
    const ks_delivery_config dc = {
        .db_path = kiosk,
        .backend_url = url,
        .token = KITCHEN_TOKEN,
        .timeout_ms = 2000,
        .time_scale = 1000,
    };
    ks_delivery *d = ks_delivery_start(&dc);
    CHECK(d != NULL);
    int64_t end = kitchen_now_ms() + 10000;
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
    struct answer a;
    http("GET", "/v1/reports/sales?from=2026-11-01&to=2026-11-30&by=store", MANAGER_TOKEN, NULL,
         NULL, &a);
    CHECK_CONTAINS(a.body, "\"orders\":3");
    stop();
}

static void test_config_refused(void)
{
    static const struct {
        const char *name, *ini, *why;
    } cases[] = {
        {"unknown section", "[kitchen]\nlisten = 1.2.3.4:80\n",
         "[kitchen] listen: unknown section"},
        {"unknown key", "[backend]\ncolour = red\n", "[backend] colour: unknown key"},
        {"listen not an address", "[backend]\nlisten = backend:80\n", "[backend] listen"},
        {"short token", "[kiosks]\nk1 = short\n", "[kiosks] k1: expected a token"},
        {"kiosk id with capitals", "[kiosks]\nK1 = " KITCHEN_TOKEN "\n", "[kiosks] K1: a kiosk id"},
        {"token twice", "[kiosks]\nk1 = " KITCHEN_TOKEN "\nk2 = " KITCHEN_TOKEN "\n",
         "[kiosks] k2: kiosk id or token given twice"},
        {"managers' token on a kiosk",
         "[backend]\nmanager_token = " MANAGER_TOKEN "\n[kiosks]\nk1 = " MANAGER_TOKEN "\n",
         "[kiosks] k1: the managers' token"},
        {"offset out of range", "[backend]\nutc_offset_min = 900\n", "[backend] utc_offset_min"},
        {"not INI", "[backend\n", "line 1 is not INI"},
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
    curl_global_init(CURL_GLOBAL_DEFAULT);
    static const struct check_case cases[] = {
        {"order_idempotent", test_order_idempotent},
        {"bad_token", test_bad_token},
        {"malformed_orders", test_malformed_orders},
        {"heartbeat_round_trip", test_heartbeat_round_trip},
        {"menu_etag", test_menu_etag},
        {"reports", test_reports},
        {"report_queries_refused", test_report_queries_refused},
        {"page_and_health", test_page_and_health},
        {"delivery_end_to_end", test_delivery_end_to_end},
        {"config_refused", test_config_refused},
    };
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    curl_global_cleanup();
    return rc;
}
