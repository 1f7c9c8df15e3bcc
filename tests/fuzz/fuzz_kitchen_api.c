/*
 * Fuzz target for the kitchen display's request handling (kds_api.c, the
 * part after libmicrohttpd has parsed the HTTP): the first byte picks what
 * the rest is, copied into a buffer of exactly its size:
 *
 *   0  the body of POST /v1/orders (a kiosk-order/1 document)
 *   1  the body of POST /v1/orders/{uuid}/status, for a stored ticket
 *   2  the ?status= value of GET /v1/orders
 *   3  the Authorization header of POST /v1/orders
 *   4  any request: method, path, ?status=, ?limit=, Idempotency-Key and
 *      ?after=, split at '\n', with the stored ticket's order as body
 *   5  POST /v1/orders: the Idempotency-Key up to the first '\n', then the body
 *   6  the body of POST /v1/soldout (a sold-out mark), with the kiosk's token
 *   7  the ?after= value of GET /v1/soldout, with the bump token
 *
 * Every answer must be a status the API documents with a JSON body; a 503
 * (the database failed) is a failure too, since the database here is
 * healthy; a 201 must leave a ticket that loads back, and a 200 from
 * /v1/soldout must be the hub's answer as the kiosks read it (a POST's:
 * one mark, the kiosk's, numbered). The store is a file in a private
 * temporary folder holding one ticket from the start (so status changes
 * meet a real ticket). Seeds in tests/fuzz/corpus/kitchen_api/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/domain/soldout_mark.h"
#include "kiosk/kitchen/kds_api.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TOKEN "kt-7Rq2xW9mZp4LvB8nC3sJ6dF1"        /* kiosk k1's */
#define BUMP_TOKEN "bump-Zx4Cv7Bn2Mq9Wl5Ek8Ry3Tu6" /* status changes */
#define BOARD_TOKEN "board-Mn6Bv1Cx8Zl4Kj9Hg2Fd7S" /* the list */
/* The ticket stored at the start: seed status_ready_known.bin names it. */
#define KNOWN_UUID "5eed0000-0000-4000-8000-000000000001"
#define KNOWN_ORDER                                                                                \
    "{\"format\":\"kiosk-order/1\",\"uuid\":\"" KNOWN_UUID "\",\"store_id\":\"s1\","               \
    "\"kiosk_id\":\"k1\",\"number\":7,\"business_date\":\"2026-11-24\",\"service\":\"dine_in\","   \
    "\"status\":\"paid\",\"lang\":\"ar\",\"currency\":\"SAR\",\"exponent\":2,"                     \
    "\"prices_include_tax\":true,\"menu_version\":\"1\",\"created_at\":1795500000,"                \
    "\"updated_at\":1795500000,\"lines\":[{\"item_id\":\"cola\",\"category_id\":\"drinks\","       \
    "\"name\":{\"ar\":\"كولا\",\"en\":\"Cola\"},\"unit\":\"each\",\"quantity\":1,"             \
    "\"unit_price\":600,\"details\":[],\"note\":\"\",\"vat_rate_bp\":1500,\"discount\":0,"         \
    "\"net\":522,\"vat\":78,\"gross\":600,\"promo_note\":{\"ar\":\"\",\"en\":\"\"}}],"             \
    "\"vat\":[{\"rate_bp\":1500,\"taxable\":522,\"vat\":78}],\"subtotal\":600,\"discount\":0,"     \
    "\"total_net\":522,\"total_vat\":78,\"total\":600}"

static ks_kds_store *store;
static ks_kds_api *api;

static void setup(void)
{
    ks_log_set_level(KS_LOG_ERROR);
    char dir[] = "/tmp/fuzz_kitchen_api.XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char path[64];
    snprintf(path, sizeof path, "%s/kds.db", dir);
    store = ks_kds_store_open(path, NULL);
    static const ks_kds_credentials creds = {
        .kiosks = {{"k1", TOKEN}}, .n_kiosks = 1, .bump = BUMP_TOKEN, .board = BOARD_TOKEN};
    api = store ? ks_kds_api_new(store, &creds, NULL, NULL) : NULL;
    const ks_kds_request seed = {.method = "POST",
                                 .path = "/v1/orders",
                                 .authorization = "Bearer " TOKEN,
                                 .body = KNOWN_ORDER,
                                 .body_len = strlen(KNOWN_ORDER)};
    ks_kds_response resp;
    if (api)
        ks_kds_api_handle(api, &seed, 1795500000, &resp);
    if (!api || resp.status != 201)
        abort();
    free(resp.body);
}

/* A 200 of /v1/soldout reads back as the kiosks read it; a POST's is the one mark, the kiosk's. */
static bool marks_answer_ok(const ks_kds_request *req, const char *answer)
{
    static ks_mark marks[KS_MARK_PAGE_MAX];
    size_t n = 0;
    int64_t latest = 0;
    ks_mark_error why;
    if (!ks_marks_from_answer(answer, strlen(answer), marks, KS_MARK_PAGE_MAX, &n, &latest, &why))
        return false;
    if (strcmp(req->method, "POST") != 0)
        return true;
    return n == 1 && marks[0].seq == latest && strcmp(marks[0].set_where, "k1") == 0;
}

/* The statuses kiosk/docs/http-api.md documents; 503 is not among them (the database is fine). */
static const int documented[] = {200, 201, 400, 401, 403, 404, 405, 409, 413};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!api)
        setup();
    size_t len;
    bool is_c_string;
    char *text = fuzz_case_text(data, size, KS_ORDER_JSON_MAX_BYTES, &len, &is_c_string);
    if (!text)
        return 0;

    ks_kds_request req = {.method = "POST", .path = "/v1/orders", .authorization = "Bearer " TOKEN};
    switch (data[0] % 8) {
    case 0:
        req.body = text;
        req.body_len = len;
        break;
    case 1:
        req.path = "/v1/orders/" KNOWN_UUID "/status";
        req.authorization = "Bearer " BUMP_TOKEN;
        req.body = text;
        req.body_len = len;
        break;
    case 2:
        req.method = "GET";
        req.authorization = "Bearer " BOARD_TOKEN;
        req.status_query = is_c_string ? text : NULL;
        break;
    case 3:
        req.authorization = is_c_string ? text : NULL;
        req.body = KNOWN_ORDER;
        req.body_len = strlen(KNOWN_ORDER);
        break;
    case 4: {
        const char **fields[] = {&req.method,          &req.path,
                                 &req.status_query,    &req.limit_query,
                                 &req.idempotency_key, &req.after_query};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 6);
        req.method = req.method ? req.method : "GET";
        req.path = req.path ? req.path : "/";
        req.body = KNOWN_ORDER;
        req.body_len = strlen(KNOWN_ORDER);
        break;
    }
    case 5:
        fuzz_split_header_body(text, len, &req.idempotency_key, &req.body, &req.body_len);
        break;
    case 6:
        req.path = "/v1/soldout";
        req.body = text;
        req.body_len = len;
        break;
    default:
        req.method = "GET";
        req.path = "/v1/soldout";
        req.authorization = "Bearer " BUMP_TOKEN;
        req.after_query = is_c_string ? text : NULL;
        break;
    }
    ks_kds_response resp;
    ks_kds_api_handle(api, &req, 1795500100, &resp);
    json_t *body = resp.body ? json_loads(resp.body, 0, NULL) : NULL;
    if (!fuzz_status_documented(resp.status, documented, sizeof documented / sizeof *documented) ||
        !fuzz_json_answer_ok(resp.status, resp.body, resp.body ? strlen(resp.body) : 0))
        __builtin_trap();
    if (resp.status == 201) {
        ks_order *o = NULL;
        const char *uuid = json_string_value(json_object_get(body, "uuid"));
        if (!uuid || ks_kds_store_load(store, uuid, &o, NULL) != KS_DB_OK)
            __builtin_trap();
        ks_order_free(o);
    }
    if (resp.status == 200 && req.path && strcmp(req.path, "/v1/soldout") == 0 &&
        !marks_answer_ok(&req, resp.body))
        __builtin_trap();
    json_decref(body);
    free(resp.body);
    free(text);
    return 0;
}
