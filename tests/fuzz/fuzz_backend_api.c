/*
 * Fuzz target for the backend's request handling (backend_api.c, the part
 * after libmicrohttpd has parsed the HTTP): the first byte picks what the
 * rest is, copied into a buffer of exactly its size:
 *
 *   0  the body of POST /v1/orders (a kiosk-order/1 document)
 *   1  the body of POST /v1/heartbeat
 *   2  GET /v1/reports/sales  } the query values store, from, to, group,
 *   3  GET /v1/reports/items  } by, sort, limit, format: the rest split
 *   4  GET /v1/reports/vat    } at '\n', in that order
 *   5  GET /v1/menu: ?store= and If-None-Match, split at '\n'
 *   6  the Authorization header of POST /v1/heartbeat
 *   7  the backend's INI configuration (ks_backend_config_parse)
 *   8  any request: method, path, the eight query values above and
 *      Idempotency-Key, split at '\n', with the stored order as body, the
 *      managers' token for GET and the kiosk's for anything else
 *   9  POST /v1/orders: the Idempotency-Key up to the first '\n', then the body
 *  10  GET /r/ and the rest as the path's end: an e-receipt (no token)
 *  11  the body of POST /v1/orders/<the stored order's uuid>/kitchen
 *  12  GET /v1/reports/kitchen: the query values store, from, to, format,
 *      split at '\n'
 *  13  POST to the path up to the first '\n' (near /v1/orders/<uuid>/kitchen)
 *      with the bytes after it as body
 *  14  GET /v1/reports/payments: the query values store, from, to, format,
 *      split at '\n'
 *  15  GET /v1/staff-actions: the query values store, from, to, staff, kind,
 *      limit, page, format, split at '\n'
 *  16  one order's page: the path's end after /v1/orders/, then the query
 *      values store, date, number, split at '\n'; an empty end asks the find
 *      (GET /v1/orders?store=&date=&number=)
 *
 * Every answer must be a status the API documents, and 503 (the database
 * failed) is a failure since the database here is healthy; a JSON answer must be a
 * JSON object ({"error","path"} for an error); a 201 to POST /v1/orders must add
 * one order, and no other answer may add one; the order it adds is counted in
 * the payments report of its day under the method and brand its body says
 * ("unknown" when it says none), unless it was cancelled unpaid, and its
 * page shows the card terminal's reference its body says ("" when none;
 * only a card's, printable, never a card number's shape). A page of
 * staff actions answered 200 in JSON echoes a limit from 1 to 1000 and a page
 * from 0 to 100000, and holds at most limit rows; a 400 to it names one of
 * its query values. An order's page is 200 for a stored order's uuid (the
 * first seeded order always: number 7, 6.00 SAR), its answer that order,
 * and 404 for any other end; the find is 200 or 400 at one of its query
 * values, each order it lists has that store, date and number, and it
 * lists the first seeded order when asked for s1, 2026-11-24, 7.
 * An e-receipt is 200 for the stored order's token (then or ".png") and
 * 404 for any other path, nothing else (500, a receipt that cannot be
 * made, is a failure too). The store is a file in a private temporary
 * folder holding two orders from the start, so the reports have figures
 * and a receipt is there to find. Seeds in tests/fuzz/corpus/backend_api/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_order_view.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TOKEN "kt-7Rq2xW9mZp4LvB8nC3sJ6dF1"
#define MANAGER "mgr-Lk5Jh2Gf9Ds6Az3Xc8Vb4Nm7"
#define KNOWN_ORDER                                                                                \
    "{\"format\":\"kiosk-order/1\",\"uuid\":\"5eed0000-0000-4000-8000-000000000001\","             \
    "\"store_id\":\"s1\",\"kiosk_id\":\"k1\",\"number\":7,\"business_date\":\"2026-11-24\","       \
    "\"service\":\"dine_in\",\"status\":\"paid\",\"lang\":\"ar\",\"currency\":\"SAR\","            \
    "\"exponent\":2,\"prices_include_tax\":true,\"menu_version\":\"1\",\"created_at\":1795500000," \
    "\"updated_at\":1795500000,\"lines\":[{\"item_id\":\"cola\",\"category_id\":\"drinks\","       \
    "\"name\":{\"ar\":\"كولا\",\"en\":\"Cola\"},\"unit\":\"each\",\"quantity\":1,"             \
    "\"unit_price\":600,\"details\":[],\"note\":\"\",\"vat_rate_bp\":1500,\"discount\":0,"         \
    "\"net\":522,\"vat\":78,\"gross\":600,\"promo_note\":{\"ar\":\"\",\"en\":\"\"}}],"             \
    "\"vat\":[{\"rate_bp\":1500,\"taxable\":522,\"vat\":78}],\"subtotal\":600,\"discount\":0,"     \
    "\"total_net\":522,\"total_vat\":78,\"total\":600}"

/* The receipt token of a second order, which the e-receipt cases look for. */
#define RECEIPT_TOKEN "0123456789abcdef0123456789abcdef"

/* KNOWN_ORDER as another order, number 8, with RECEIPT_TOKEN; malloc'd. */
static char *receipt_order(void)
{
    json_t *order = json_loads(KNOWN_ORDER, 0, NULL);
    if (!order ||
        json_object_set_new(order, "uuid", json_string("5eed0000-0000-4000-8000-000000000002")) !=
            0 ||
        json_object_set_new(order, "number", json_integer(8)) != 0 ||
        json_object_set_new(order, "receipt_token", json_string(RECEIPT_TOKEN)) != 0)
        abort();
    char *text = json_dumps(order, JSON_COMPACT);
    json_decref(order);
    return text;
}

static ks_backend_store *store;
static ks_backend_api *api;

/* POSTs body (NUL-terminated; NULL aborts) to path as the kiosk; aborts unless 201. */
static void seed_post(const char *path, const char *body)
{
    if (!body)
        abort();
    const ks_backend_request seed = {.method = "POST",
                                     .path = path,
                                     .authorization = "Bearer " TOKEN,
                                     .body = body,
                                     .body_len = strlen(body)};
    ks_backend_response resp;
    ks_backend_api_handle(api, &seed, 1795500000, &resp);
    if (resp.status != 201)
        abort();
    free(resp.body);
}

static void setup(void)
{
    ks_log_set_level(KS_LOG_ERROR);
    char dir[] = "/tmp/fuzz_backend_api.XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char path[64], ini[512], why[256];
    snprintf(path, sizeof path, "%s/menu.json", dir);
    FILE *menu = fopen(path, "wb");
    if (!menu || fputs("{\"format\":\"kiosk-menu/1\"}", menu) < 0 || fclose(menu) != 0)
        abort();
    snprintf(ini, sizeof ini,
             "[backend]\nmanager_token = " MANAGER "\n[kiosks]\nk1 = " TOKEN "\n[menus]\ns1 = %s\n"
             "[receipts]\nseller_ar = مطعم\nvat_number = 300000000000003\n",
             path);
    static ks_backend_config cfg;
    ks_backend_config_defaults(&cfg);
    if (!ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why))
        abort();
    snprintf(path, sizeof path, "%s/backend.db", dir);
    store = ks_backend_store_open(path, NULL);
    api = store ? ks_backend_api_new(store, &cfg) : NULL;
    if (!api)
        abort();
    char *second = receipt_order();
    seed_post("/v1/orders", KNOWN_ORDER);
    seed_post("/v1/orders", second);
    free(second);
    /* Three staff actions, so that a page of staff actions can be too long. */
    for (int i = 0; i < 3; i++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"uuid\":\"5eed0000-0000-4000-8000-00000000a00%d\",\"action\":\"sold_out\","
                 "\"business_date\":\"2026-11-24\",\"at\":1795500000,\"staff\":\"omar\","
                 "\"item\":\"cola\"}",
                 i);
        seed_post("/v1/staff-actions", body);
    }
}

/* The one answer an e-receipt path may get: 200 for the stored token's page or PNG, else 404. */
static bool receipt_answer_ok(const char *path, int status)
{
    bool known =
        strcmp(path, "/r/" RECEIPT_TOKEN) == 0 || strcmp(path, "/r/" RECEIPT_TOKEN ".png") == 0;
    return status == (known ? 200 : 404);
}

/* The statuses kiosk/docs/backend-api.md documents. */
static const int documented[] = {200, 201, 304, 400, 401, 403, 404, 405, 409, 413, 429};

/* True when the stored order o's page shows the terminal reference o says, of a card only. */
static bool terminal_ref_shown(const ks_order *o)
{
    json_t *view = NULL;
    if (ks_backend_store_order_view(store, o->uuid, &view) != KS_DB_OK || !view)
        return false;
    const char *ref =
        json_string_value(json_object_get(json_object_get(view, "payment"), "terminal_ref"));
    bool ok = ref && strcmp(ref, o->payment.terminal_ref) == 0 && fuzz_terminal_ref_shape(ref) &&
              (!ref[0] || o->payment.by == KS_PAID_BY_CARD);
    json_decref(view);
    return ok;
}

/*
 * True when the order of body[len], just stored, is counted in the payments
 * report of its business date and store under the method and brand it says,
 * and its page shows the terminal reference it says.
 */
static bool payment_counted(const char *body, size_t len)
{
    ks_order *o = ks_order_from_json(body, len, NULL);
    json_t *rows = json_array();
    const ks_backend_sink sink = ks_backend_rows_sink(rows);
    /* An order cancelled unpaid is in no payment's figures. */
    bool found = o && o->status == KS_ORDER_CANCELLED;
    if (o && ks_backend_store_payments(store, o->business_date, o->business_date, o->store_id,
                                       &sink) == KS_DB_OK) {
        size_t i;
        json_t *row;
        json_array_foreach (rows, i, row) {
            const char *method = json_string_value(json_object_get(row, "method"));
            const char *brand = json_string_value(json_object_get(row, "brand"));
            found =
                found || (method && brand && strcmp(method, ks_paid_by_name(o->payment.by)) == 0 &&
                          strcmp(brand, o->payment.brand) == 0 &&
                          json_integer_value(json_object_get(row, "orders")) > 0);
        }
    }
    json_decref(rows);
    found = found && terminal_ref_shown(o);
    ks_order_free(o);
    return found;
}

#define FIRST_UUID "5eed0000-0000-4000-8000-000000000001"

/* One order's page's answer for the path's end: the order of that uuid, or 404. */
static bool order_answer_ok(const char *end, const ks_backend_response *resp)
{
    json_t *root = json_loadb(resp->body, resp->body_len, 0, NULL);
    const char *uuid = json_string_value(json_object_get(root, "uuid"));
    bool first = strcmp(end, FIRST_UUID) == 0;
    /* A path past the uuid (.../kitchen, .../refunds) is a kiosk's POST route: 405 to a GET. */
    bool ok = resp->status == 405   ? strchr(end, '/') != NULL
              : resp->status == 404 ? !first
              : resp->status == 200
                  ? uuid && strcmp(uuid, end) == 0 &&
                        json_is_object(json_object_get(root, "order")) &&
                        (!first || (json_integer_value(json_object_get(root, "number")) == 7 &&
                                    json_integer_value(json_object_get(root, "total")) == 600))
                  : false;
    json_decref(root);
    return ok;
}

/* The find's answer: the orders of that store, date and number (the first seeded one among them
 * when asked), or a refusal at one of its query values. */
static bool find_answer_ok(const ks_backend_request *req, const ks_backend_response *resp)
{
    json_t *root = json_loadb(resp->body, resp->body_len, 0, NULL), *row;
    bool ok = false;
    if (resp->status == 400) {
        const char *at = json_string_value(json_object_get(root, "path"));
        ok = at &&
             (strcmp(at, "store") == 0 || strcmp(at, "date") == 0 || strcmp(at, "number") == 0);
    } else if (resp->status == 200 && req->store && req->date && req->number) {
        size_t i;
        bool asked_first = strcmp(req->store, "s1") == 0 && strcmp(req->date, "2026-11-24") == 0 &&
                           strtoll(req->number, NULL, 10) == 7;
        bool seen_first = false;
        ok = json_is_array(json_object_get(root, "orders"));
        json_array_foreach (json_object_get(root, "orders"), i, row) {
            const char *uuid = json_string_value(json_object_get(row, "uuid"));
            json_t *view = NULL;
            ok =
                ok && uuid && ks_backend_store_order_view(store, uuid, &view) == KS_DB_OK && view &&
                strcmp(json_string_value(json_object_get(view, "store_id")), req->store) == 0 &&
                strcmp(json_string_value(json_object_get(view, "business_date")), req->date) == 0 &&
                json_integer_value(json_object_get(view, "number")) ==
                    strtoll(req->number, NULL, 10);
            seen_first = seen_first || (uuid && strcmp(uuid, FIRST_UUID) == 0);
            json_decref(view);
        }
        ok = ok && (!asked_first || seen_first);
    }
    json_decref(root);
    return ok;
}

/* GET /v1/staff-actions's answer: a page within its limit, or a refusal at a query value. */
static bool staff_actions_answer_ok(const ks_backend_response *resp)
{
    static const char *const members[] = {"store", "from",  "to",   "staff",
                                          "kind",  "limit", "page", "format"};
    if (resp->status != 200 && resp->status != 400)
        return false;
    if (strcmp(resp->content_type, "application/json") != 0)
        return resp->status == 200; /* CSV */
    json_t *root = json_loadb(resp->body, resp->body_len, 0, NULL);
    bool ok = false;
    if (resp->status == 200) {
        json_int_t limit = json_integer_value(json_object_get(root, "limit"));
        json_int_t page = json_integer_value(json_object_get(root, "page"));
        json_t *rows = json_object_get(root, "rows");
        ok = limit >= 1 && limit <= 1000 && page >= 0 && page <= 100000 && json_is_array(rows) &&
             (json_int_t)json_array_size(rows) <= limit;
    } else {
        const char *at = json_string_value(json_object_get(root, "path"));
        for (size_t i = 0; at && !ok && i < sizeof members / sizeof *members; i++)
            ok = strcmp(at, members[i]) == 0;
    }
    json_decref(root);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!api)
        setup();
    size_t len;
    bool is_c_string;
    char *text = fuzz_case_text(data, size, KS_ORDER_JSON_MAX_BYTES, &len, &is_c_string);
    if (!text)
        return 0;

    static const char *const reports[] = {"/v1/reports/sales", "/v1/reports/items",
                                          "/v1/reports/vat"};
    static const char kitchen_path[] = "/v1/orders/5eed0000-0000-4000-8000-000000000001/kitchen";
    ks_backend_request req = {.method = "POST", .authorization = "Bearer " TOKEN};
    char *path = NULL; /* kind 10: "/r/" and the text */
    unsigned kind = data[0] % 17;
    char *order_path = NULL; /* kind 16: "/v1/orders/" and the first field */
    const char *order_end = NULL;
    if (kind == 7) {
        static ks_backend_config cfg;
        char why[256];
        ks_backend_config_defaults(&cfg);
        if (!ks_backend_config_parse(&cfg, text, len, why, sizeof why) && !why[0])
            __builtin_trap();
        free(text);
        return 0;
    }
    switch (kind) {
    case 0:
    case 1:
        req.path = kind == 0 ? "/v1/orders" : "/v1/heartbeat";
        req.body = text;
        req.body_len = len;
        break;
    case 2:
    case 3:
    case 4: {
        req.method = "GET";
        req.path = reports[kind - 2];
        req.authorization = "Bearer " MANAGER;
        const char **fields[] = {&req.store, &req.from, &req.to,    &req.group,
                                 &req.by,    &req.sort, &req.limit, &req.format};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 8);
        break;
    }
    case 5: {
        req.method = "GET";
        req.path = "/v1/menu";
        const char **fields[] = {&req.store, &req.if_none_match};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 2);
        break;
    }
    case 8: {
        const char **fields[] = {
            &req.method, &req.path,  &req.store,  &req.from,           &req.to, &req.group, &req.by,
            &req.sort,   &req.limit, &req.format, &req.idempotency_key};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 11);
        req.method = req.method ? req.method : "GET";
        req.path = req.path ? req.path : "/";
        req.authorization = strcmp(req.method, "GET") == 0 ? "Bearer " MANAGER : "Bearer " TOKEN;
        req.body = KNOWN_ORDER;
        req.body_len = strlen(KNOWN_ORDER);
        break;
    }
    case 9:
        req.path = "/v1/orders";
        fuzz_split_header_body(text, len, &req.idempotency_key, &req.body, &req.body_len);
        break;
    case 10:
        if (!is_c_string || !(path = malloc(len + 4))) {
            free(text);
            return 0;
        }
        memcpy(path, "/r/", 3);
        memcpy(path + 3, text, len + 1);
        req.method = "GET";
        req.path = path;
        req.authorization = NULL;
        break;
    case 11:
        req.path = kitchen_path;
        req.body = text;
        req.body_len = len;
        break;
    case 12:
    case 14: {
        req.method = "GET";
        req.path = kind == 12 ? "/v1/reports/kitchen" : "/v1/reports/payments";
        req.authorization = "Bearer " MANAGER;
        const char **fields[] = {&req.store, &req.from, &req.to, &req.format};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 4);
        break;
    }
    case 15: {
        req.method = "GET";
        req.path = "/v1/staff-actions";
        req.authorization = "Bearer " MANAGER;
        const char **fields[] = {&req.store, &req.from,  &req.to,   &req.staff,
                                 &req.kind,  &req.limit, &req.page, &req.format};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 8);
        break;
    }
    case 16: {
        req.method = "GET";
        req.authorization = "Bearer " MANAGER;
        const char **fields[] = {&order_end, &req.store, &req.date, &req.number};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 4);
        if (order_end && order_end[0] && (order_path = malloc(strlen(order_end) + 12)))
            snprintf(order_path, strlen(order_end) + 12, "/v1/orders/%s", order_end);
        req.path = order_path ? order_path : "/v1/orders";
        break;
    }
    case 13:
        fuzz_split_header_body(text, len, &req.path, &req.body, &req.body_len);
        req.path = req.path ? req.path : kitchen_path;
        break;
    default:
        req.path = "/v1/heartbeat";
        req.authorization = is_c_string ? text : NULL;
        req.body = "{\"kiosk_id\":\"k1\",\"version\":\"1\",\"unsent\":0,\"devices\":{}}";
        req.body_len = strlen(req.body);
        break;
    }
    int64_t before = 0, after = 0;
    if (ks_backend_store_count_orders(store, &before) != KS_DB_OK)
        __builtin_trap();
    ks_backend_response resp;
    ks_backend_api_handle(api, &req, 1795500100, &resp);
    if (!fuzz_status_documented(resp.status, documented, sizeof documented / sizeof *documented) ||
        !resp.content_type)
        __builtin_trap();
    if (strcmp(resp.content_type, "application/json") == 0 && resp.status != 304 && kind != 5 &&
        !fuzz_json_answer_ok(resp.status, resp.body, resp.body_len))
        __builtin_trap();
    bool order_created = resp.status == 201 && strcmp(req.path, "/v1/orders") == 0;
    if (ks_backend_store_count_orders(store, &after) != KS_DB_OK || after != before + order_created)
        __builtin_trap();
    if (order_created && !payment_counted(req.body, req.body_len))
        __builtin_trap();
    if (kind == 10 && !receipt_answer_ok(path, resp.status))
        __builtin_trap();
    if (kind == 15 && !staff_actions_answer_ok(&resp))
        __builtin_trap();
    if (kind == 16 &&
        (order_path ? !order_answer_ok(order_end, &resp) : !find_answer_ok(&req, &resp)))
        __builtin_trap();
    free(resp.body);
    free(order_path);
    free(path);
    free(text);
    return 0;
}
