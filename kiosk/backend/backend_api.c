/* The backend's HTTP API as a function: see kiosk/backend/backend_api.h. */
#define LOG_TAG "backend_api"
#include "kiosk/backend/backend_api.h"

#include "kiosk/backend/backend_body.h"

#include <jansson.h>
#include <limits.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kiosk/backend/backend_images.h"
#include "kiosk/backend/backend_handler.h"
#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_device.h"
#include "kiosk/backend/backend_einvoice_request.h"
#include "kiosk/backend/backend_einvoice_routes.h"
#include "kiosk/backend/backend_order_routes.h"
#include "kiosk/backend/backend_einvoice_store.h"
#include "kiosk/backend/backend_enrol.h"
#include "kiosk/backend/backend_kitchen.h"
#include "kiosk/backend/backend_staff_store.h"
#include "kiosk/backend/backend_login.h"
#include "kiosk/backend/backend_page.h"
#include "kiosk/backend/backend_kiosk_pin.h"
#include "kiosk/backend/backend_people_routes.h"
#include "kiosk/backend/backend_staff_action_store.h"
#include "kiosk/backend/backend_cost_store.h"
#include "kiosk/backend/backend_price_delta.h"
#include "kiosk/backend/backend_price_store.h"
#include "kiosk/backend/backend_receipt.h"
#include "kiosk/backend/backend_refund_refusal.h"
#include "kiosk/backend/backend_refund_request_store.h"
#include "kiosk/backend/backend_report_text.h"
#include "kiosk/backend/backend_recipe.h"
#include "kiosk/backend/backend_reservation.h"
#include "kiosk/backend/backend_reservation_sale.h"
#include "kiosk/backend/backend_session.h"
#include "kiosk/backend/backend_stock.h"
#include "kiosk/common/bounded_file.h"
#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/image_manifest.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/domain/staff_list.h"
#include "kiosk/http/http_answer.h"

#define CSV_TYPE "text/csv; charset=utf-8"
#define HTML_TYPE "text/html; charset=utf-8"
#define PNG_TYPE "image/png"
#define VERSION_MAX 32
#define STATE_MAX 32
#define UNSENT_MAX 1000000000

struct ks_backend_api {
    ks_backend_store *store;       /* borrowed */
    ks_backend_config cfg;         /* copied */
    ks_backend_images *images;     /* owned: the menus' pictures under [backend] assets */
    ks_backend_receipts *receipts; /* owned: the e-receipts' layout and PNG renderer */
    /* What an unknown name's password is checked against, so that its answer takes as long as
     * a known name's; made at the first such login. */
    char stand_in_hash[KS_PASSWORD_HASH_MAX];
    bool secure_cookie; /* the cookie says Secure: unless plain HTTP on a loopback address */
};

/* Who a request's token belongs to. */
enum caller { CALLER_NONE, CALLER_KIOSK, CALLER_MANAGER, CALLER_CHANNEL };

/* The name the manager token's changes are audited under. */
#define MANAGER_TOKEN_NAME "manager-token"

/*
 * Who sent a request: a kiosk's token, a sales channel's, the manager token (head office, a
 * machine credential) or a person's session cookie (CALLER_MANAGER too,
 * with their role and stores).
 */
struct principal {
    enum caller who;
    const ks_backend_kiosk *kiosk;     /* a kiosk's config entry, or &device */
    ks_backend_kiosk device;           /* an enrolled device (backend_device.h) */
    enum ks_device_kind kind;          /* a kiosk caller's: a kitchen display or console reads */
    const ks_backend_channel *channel; /* a sales channel's config entry, or &enrolled */
    ks_backend_channel enrolled;       /* an enrolled channel: its device id, its one store */
    bool session;                      /* a person's session cookie (else a bearer token) */
    ks_backend_person person;          /* the manager token: MANAGER_TOKEN_NAME, head office */
    char csrf[KS_SESSION_HEX_LEN + 1];
    ks_backend_actor actor; /* person's name and role, for the audit log */
};

ks_backend_api *ks_backend_api_new(ks_backend_store *store, const ks_backend_config *cfg)
{
    if (!store || !cfg)
        return NULL;
    ks_backend_api *api = calloc(1, sizeof *api);
    if (!api)
        return NULL;
    api->store = store;
    api->cfg = *cfg;
    api->images = ks_backend_images_new(cfg->assets);
    api->receipts = ks_backend_receipts_new(cfg);
    api->secure_cookie = cfg->tls.certificate[0] || strncmp(cfg->listen, "127.", 4) != 0;
    if (!api->images || !api->receipts) {
        ks_backend_api_free(api);
        return NULL;
    }
    return api;
}

void ks_backend_api_free(ks_backend_api *api)
{
    if (api) {
        ks_backend_images_free(api->images);
        ks_backend_receipts_free(api->receipts);
    }
    free(api);
}

/*
 * Who sent req at now, into *pr: a bearer token when there is an
 * Authorization header, else a live session cookie. A database failure
 * is returned (the caller answers 503); an unknown caller is CALLER_NONE.
 */
static enum ks_db_error identify(ks_backend_api *api, const ks_backend_request *req, int64_t now,
                                 struct principal *pr)
{
    memset(pr, 0, sizeof *pr);
    char id[KS_SESSION_HEX_LEN + 1];
    enum ks_db_error err = KS_DB_OK;
    if (req->authorization || !ks_login_cookie(req->cookie, id)) {
        pr->who = (enum caller)ks_backend_config_caller(&api->cfg, req->authorization, &pr->kiosk,
                                                        &pr->channel);
        enum ks_device_kind kind = KS_DEVICE_KIOSK;
        if (pr->who == CALLER_NONE && req->authorization &&
            (err = ks_backend_device_caller(api->store, req->authorization, &pr->device, &kind)) ==
                KS_DB_OK) {
            if (kind == KS_DEVICE_CHANNEL) {
                pr->who = CALLER_CHANNEL;
                pr->channel = &pr->enrolled;
                memcpy(pr->enrolled.name, pr->device.id, sizeof pr->enrolled.name);
                memcpy(pr->enrolled.stores[0], pr->device.store_id, sizeof pr->enrolled.stores[0]);
                pr->enrolled.n_stores = 1;
            } else {
                pr->who = CALLER_KIOSK;
                pr->kiosk = &pr->device;
                pr->kind = kind;
            }
        }
        if (err == KS_DB_ERR_NOT_FOUND)
            err = KS_DB_OK;
        memcpy(pr->person.name, MANAGER_TOKEN_NAME, sizeof MANAGER_TOKEN_NAME);
        pr->person.role = KS_ROLE_HEAD_OFFICE;
    } else {
        ks_backend_session session;
        err = ks_backend_session_find(api->store, id, now, &session);
        if (err == KS_DB_OK)
            err = ks_backend_store_person(api->store, session.name, &pr->person, NULL);
        if (err == KS_DB_OK) {
            pr->who = CALLER_MANAGER;
            pr->session = true;
            memcpy(pr->csrf, session.csrf, sizeof pr->csrf);
        }
        if (err == KS_DB_ERR_NOT_FOUND)
            err = KS_DB_OK;
    }
    pr->actor.name = pr->person.name;
    pr->actor.role = ks_backend_role_name(pr->person.role);
    return err;
}

/* True when pr may see and change store_id: head office, or one of a store manager's stores. */
static bool has_store(const struct principal *pr, const char *store_id)
{
    return ks_backend_person_has_store(&pr->person, store_id);
}

static void post_order(ks_backend_api *api, const ks_backend_request *req,
                       const ks_backend_kiosk *kiosk, int64_t now, ks_backend_response *resp)
{
    int status;
    char *why;
    ks_order *order =
        ks_http_order_from_body(req->body, req->body_len, req->body_too_large, &status, &why);
    if (!order) {
        ks_backend_answer(resp, status, KS_BACKEND_JSON_TYPE, why);
        return;
    }
    bool duplicate = false;
    enum ks_db_error err = KS_DB_OK;
    if (order->status != KS_ORDER_PAID && order->status != KS_ORDER_CANCELLED) {
        ks_backend_refuse(resp, 400, "only paid orders and orders cancelled unpaid are received",
                          "status");
    } else if (req->idempotency_key && strcmp(req->idempotency_key, order->uuid) != 0) {
        ks_backend_refuse(resp, 400, "Idempotency-Key differs from the order's uuid", "uuid");
    } else if (strcmp(order->kiosk_id, kiosk->id) != 0) {
        ks_backend_refuse(resp, 403, "the order is from another kiosk than the token's",
                          "kiosk_id");
    } else if (kiosk->store_id[0] && strcmp(order->store_id, kiosk->store_id) != 0) {
        ks_backend_refuse(resp, 403, "the order is for another store than the token's kiosk serves",
                          "store_id");
    } else if ((err = ks_backend_store_add_order(api->store, order, req->body, req->body_len, now,
                                                 &duplicate)) == KS_DB_ERR_CONFLICT ||
               (err == KS_DB_OK && duplicate)) {
        char *body = NULL;
        int code = ks_http_stored_order_answer(err == KS_DB_ERR_CONFLICT, order->uuid,
                                               order->kiosk_id, &body);
        ks_backend_answer(resp, code, KS_BACKEND_JSON_TYPE, body);
    } else if (err == KS_DB_ERR_CONSTRAINT && order->receipt_token[0]) {
        /* 128 random bits do not repeat: a kiosk that sends one twice is broken or lying. */
        LOG_WARN("order %s from %s reuses another order's receipt token", order->uuid, kiosk->id);
        ks_backend_refuse(resp, 409, "another order has this receipt token", "receipt_token");
    } else if (err != KS_DB_OK) {
        LOG_ERROR("storing order %s failed: %s", order->uuid, ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
    } else {
        ks_backend_answer_pack(resp, 201, "{s:s, s:s, s:i}", "status", "created", "uuid",
                               order->uuid, "number", (json_int_t)order->number);
    }
    ks_order_free(order);
}

/* The prefix of the paths beside an order: /v1/orders/<uuid>/kitchen, /v1/orders/<uuid>/refunds. */
#define ORDER_PREFIX "/v1/orders/"
/* The prefix of a reservation's paths: /v1/stock/reservations/<uuid>[/confirm|/release]. */
#define RESERVATION_PREFIX "/v1/stock/reservations/"

/* True when path is <start><lowercase uuid><suffix>; the uuid into uuid[37]. */
static bool uuid_path(const char *path, const char *start, const char *suffix, char uuid[37])
{
    size_t prefix = strlen(start);
    if (strncmp(path, start, prefix) != 0 || strlen(path) != prefix + 36 + strlen(suffix) ||
        strcmp(path + prefix + 36, suffix) != 0)
        return false;
    memcpy(uuid, path + prefix, 36);
    uuid[36] = '\0';
    return ks_uuid_ok(uuid);
}

/* True when path is /v1/orders/<lowercase uuid><suffix>. */
static bool order_path(const char *path, const char *suffix)
{
    char uuid[37];
    return uuid_path(path, ORDER_PREFIX, suffix, uuid);
}

/* After the checks, the event stored: 201 new, 200 stored before. */
static void store_kitchen_event(ks_backend_api *api, const ks_backend_kitchen_event *ev,
                                int64_t paid_at, int64_t now, ks_backend_response *resp)
{
    bool duplicate = false;
    enum ks_db_error err =
        ks_backend_store_add_kitchen_event(api->store, ev, paid_at, now, &duplicate);
    if (err != KS_DB_OK) {
        LOG_ERROR("storing a kitchen event of order %s failed: %s", ev->uuid, ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
    } else {
        ks_backend_answer_pack(resp, duplicate ? 200 : 201, "{s:s}", "status",
                               duplicate ? "duplicate" : "created");
    }
}

static void post_kitchen_event(ks_backend_api *api, const ks_backend_request *req,
                               const ks_backend_kiosk *kiosk, int64_t now,
                               ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_BACKEND_KITCHEN_MAX, resp))
        return;
    ks_backend_kitchen_event ev = {0};
    memcpy(ev.uuid, req->path + strlen(ORDER_PREFIX), 36);
    ks_json_error why;
    const char *unlikely;
    if (!ks_backend_kitchen_parse(req->body, req->body_len, &ev, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    ks_backend_kitchen_order order;
    enum ks_db_error err = ks_backend_store_kitchen_order(api->store, ev.uuid, &order);
    if (err == KS_DB_ERR_NOT_FOUND) {
        /* The order may still be on its way: the kiosk sends the event again later. */
        ks_backend_refuse(resp, 404, "no order is stored under that uuid (yet)", "");
    } else if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if (strcmp(order.kiosk_id, kiosk->id) != 0) {
        ks_backend_refuse(resp, 403, "the order is from another kiosk than the token's", "");
    } else if (order.cancelled) {
        ks_backend_refuse(resp, 409, "the order was cancelled unpaid: it has no kitchen", "");
    } else if (!ks_backend_kitchen_time_ok(ev.at, order.paid_at, now, &unlikely)) {
        ks_backend_refuse(resp, 400, unlikely, "at");
    } else {
        store_kitchen_event(api, &ev, order.paid_at, now, resp);
    }
}

/* The answer to a refund's outcome once stored or refused by the store. */
static void answer_refund(enum ks_backend_refund_result result, ks_backend_response *resp)
{
    switch (result) {
    case KS_BACKEND_REFUND_CREATED:
        ks_backend_answer_pack(resp, 201, "{s:s}", "status", "created");
        break;
    case KS_BACKEND_REFUND_DUPLICATE:
        ks_backend_answer_pack(resp, 200, "{s:s}", "status", "duplicate");
        break;
    case KS_BACKEND_REFUND_CONFLICT:
        ks_backend_refuse(resp, 409, "another refund is stored under that refund_id", "refund_id");
        break;
    case KS_BACKEND_REFUND_NO_ORDER:
        /* The order may still be on its way: the kiosk sends the refund again later. */
        ks_backend_refuse(resp, 404, "no order is stored under that uuid (yet)", "");
        break;
    case KS_BACKEND_REFUND_OTHER_KIOSK:
        ks_backend_refuse(resp, 403, "the order is from another kiosk than the token's", "");
        break;
    case KS_BACKEND_REFUND_CANCELLED:
        ks_backend_refuse(resp, 409, "the order was cancelled unpaid: nothing to give back", "");
        break;
    case KS_BACKEND_REFUND_TOO_MUCH:
        ks_backend_refuse(resp, 422, "with the order's earlier refunds, more than its total",
                          "amount");
        break;
    }
}

static void post_refund(ks_backend_api *api, const ks_backend_request *req,
                        const ks_backend_kiosk *kiosk, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_BACKEND_REFUND_MAX, resp))
        return;
    ks_backend_refund refund;
    ks_json_error why;
    if (!ks_backend_refund_parse(req->body, req->body_len, &refund, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    if (strncmp(refund.order_uuid, req->path + strlen(ORDER_PREFIX), 36) != 0) {
        ks_backend_refuse(resp, 400, "not the order of the path", "order_uuid");
        return;
    }
    enum ks_backend_refund_result result = KS_BACKEND_REFUND_CREATED;
    enum ks_db_error err = ks_backend_store_add_refund(api->store, &refund, kiosk->id, req->body,
                                                       req->body_len, now, &result);
    if (err != KS_DB_OK) {
        LOG_ERROR("storing refund %s of order %s failed: %s", refund.refund_id, refund.order_uuid,
                  ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
        return;
    }
    if (result == KS_BACKEND_REFUND_CONFLICT || result == KS_BACKEND_REFUND_TOO_MUCH)
        LOG_WARN("refund %s of order %s from %s refused (%d)", refund.refund_id, refund.order_uuid,
                 kiosk->id, (int)result);
    answer_refund(result, resp);
}

/*
 * A staff action the kiosk relays (kiosk/domain/staff_action.h): stored once under its uuid
 * with its audit row, at the kiosk's store; 201, the same again 200, another under its uuid 409.
 * An attendant console relays its sign-ins and PIN lockouts only (403 for any other kind), at
 * the store its token is bound to.
 */
static void post_staff_action(ks_backend_api *api, const ks_backend_request *req,
                              const ks_backend_kiosk *kiosk, enum ks_device_kind device,
                              int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_STAFF_ACTION_JSON_MAX, resp))
        return;
    ks_staff_action action;
    ks_json_error why;
    enum ks_staff_action_result result = KS_STAFF_ACTION_STORED;
    enum ks_db_error err;
    bool console = device == KS_DEVICE_ATTENDANT;
    if (!ks_staff_action_parse(req->body, req->body_len, &action, &why))
        ks_backend_refuse(resp, 400, why.reason, why.path);
    else if (console && action.kind != KS_STAFF_ACTION_SIGN_IN &&
             action.kind != KS_STAFF_ACTION_PIN_LOCKOUT)
        ks_backend_refuse(resp, 403, "an attendant console relays sign_in and pin_lockout only",
                          "action");
    else if ((err = ks_backend_store_staff_action(
                  api->store, &action, kiosk->id, console ? "console" : "kiosk", kiosk->store_id,
                  req->body, req->body_len, now, &result)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (result == KS_STAFF_ACTION_CONFLICT)
        ks_backend_refuse(resp, 409, "another staff action is stored under that uuid", "uuid");
    else
        ks_backend_answer_pack(resp, result == KS_STAFF_ACTION_STORED ? 201 : 200, "{s:s}",
                               "status", result == KS_STAFF_ACTION_STORED ? "stored" : "duplicate");
}

/* The prefix of a refund request's refusal: /v1/refund-requests/<uuid>/refusal. */
#define REFUND_REQUEST_PREFIX "/v1/refund-requests/"

/* The answer to a new refund request once the store checked (and maybe stored) it. */
static void answer_refund_request(const ks_refund_request_outcome *out, ks_backend_response *resp)
{
    static const struct {
        int status;
        const char *reason, *path;
    } refusals[] = {
        [KS_REFUND_REQUEST_NO_ORDER] = {404, "no order is stored under that uuid", "order_uuid"},
        [KS_REFUND_REQUEST_OTHER_STORE] = {403, "the order is of a store you do not manage",
                                           "order_uuid"},
        [KS_REFUND_REQUEST_CONFLICT] = {409, "another request is stored under that request_id",
                                        "request_id"},
        [KS_REFUND_REQUEST_CANCELLED] = {409,
                                         "the order was cancelled unpaid: nothing to give back",
                                         ""},
    };
    char path[40], why[96];
    enum ks_refund_request_result r = out->result;
    if (r == KS_REFUND_REQUEST_CREATED || r == KS_REFUND_REQUEST_DUPLICATE) {
        ks_backend_answer_pack(resp, r == KS_REFUND_REQUEST_CREATED ? 201 : 200, "{s:s}", "status",
                               r == KS_REFUND_REQUEST_CREATED ? "requested" : "duplicate");
    } else if (r == KS_REFUND_REQUEST_NO_LINE) {
        snprintf(path, sizeof path, "lines[%zu].line_no", out->line);
        ks_backend_refuse(resp, 422, "no such line in the order", path);
    } else if (r == KS_REFUND_REQUEST_TOO_MUCH) {
        snprintf(path, sizeof path, "lines[%zu].quantity", out->line);
        snprintf(why, sizeof why,
                 "more than is left of the line (sold %lld, given back or asked %lld)",
                 (long long)out->sold, (long long)out->taken);
        ks_backend_refuse(resp, 422, why, path);
    } else {
        ks_backend_refuse(resp, refusals[r].status, refusals[r].reason, refusals[r].path);
    }
}

static void post_refund_request(ks_backend_api *api, const ks_backend_request *req,
                                const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_BACKEND_REFUND_REQUEST_MAX, resp))
        return;
    ks_backend_refund_request request;
    ks_json_error why;
    if (!ks_backend_refund_request_parse(req->body, req->body_len, &request, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    ks_refund_request_outcome out;
    enum ks_db_error err = ks_backend_store_add_refund_request(
        api->store, &request, req->body, req->body_len, &pr->person, &pr->actor, now, &out);
    if (err != KS_DB_OK) {
        LOG_ERROR("storing refund request %s failed: %s", request.request_id, ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
        return;
    }
    if (out.result == KS_REFUND_REQUEST_CREATED)
        LOG_INFO("refund of order %s requested by %s (%s)", request.order_uuid, pr->actor.name,
                 request.request_id);
    answer_refund_request(&out, resp);
}

/* The refund requests of ?store= (a person's), or the calling kiosk's still open (kiosk set). */
static void get_refund_requests(ks_backend_api *api, const ks_backend_request *req,
                                const ks_backend_kiosk *kiosk, ks_backend_response *resp)
{
    long limit = KS_REFUND_REQUESTS_MAX;
    json_t *rows = NULL;
    enum ks_db_error err;
    if (!kiosk && !ks_device_id_ok(req->store))
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
    else if (!kiosk && !ks_backend_limit(req, KS_REFUND_REQUESTS_DEFAULT, KS_REFUND_REQUESTS_MAX,
                                         &limit, resp))
        return;
    else if ((err = ks_backend_store_refund_requests(api->store, kiosk ? "" : req->store,
                                                     kiosk ? kiosk->id : "", kiosk != NULL,
                                                     (int)limit, &rows)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:o}", "requests", rows);
}

static void post_refund_refusal(ks_backend_api *api, const ks_backend_request *req,
                                const ks_backend_kiosk *kiosk, int64_t now,
                                ks_backend_response *resp)
{
    char id[37];
    ks_backend_refund_refusal refusal;
    ks_json_error why;
    enum ks_refund_refusal_result result = KS_REFUND_REFUSAL_STORED;
    enum ks_db_error err;
    uuid_path(req->path, REFUND_REQUEST_PREFIX, "/refusal", id);
    if (!ks_backend_body_fits(req, KS_BACKEND_REFUND_REFUSAL_MAX, resp))
        return;
    if (!ks_backend_refund_refusal_parse(req->body, req->body_len, &refusal, &why))
        ks_backend_refuse(resp, 400, why.reason, why.path);
    else if ((err = ks_backend_store_refuse_refund_request(
                  api->store, id, kiosk->id, refusal.reason, now, &result)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (result == KS_REFUND_REFUSAL_NOT_FOUND)
        ks_backend_refuse(resp, 404, "no refund request is stored under that id", "");
    else if (result == KS_REFUND_REFUSAL_OTHER_KIOSK)
        ks_backend_refuse(resp, 403, "the request is of another kiosk's order", "");
    else if (result == KS_REFUND_REFUSAL_DONE)
        ks_backend_refuse(resp, 409, "a refund carried the request out already", "");
    else
        ks_backend_answer_pack(resp, 200, "{s:s}", "status",
                               result == KS_REFUND_REFUSAL_STORED ? "refused" : "duplicate");
}

static void post_stock_adjustment(ks_backend_api *api, const ks_backend_request *req,
                                  const struct principal *pr, int64_t now,
                                  ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_STOCK_REQUEST_MAX, resp))
        return;
    ks_stock_adjustment adj;
    ks_json_error why;
    if (!ks_stock_adjustment_parse(req->body, req->body_len, &adj, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    if (!has_store(pr, adj.store_id)) {
        ks_backend_refuse(resp, 403, "not one of your stores", "store_id");
        return;
    }
    enum ks_stock_result result = KS_STOCK_CREATED;
    int64_t on_hand = 0;
    enum ks_db_error err = ks_backend_store_stock_adjust(api->store, &adj, req->body, req->body_len,
                                                         now, &pr->actor, &result, &on_hand);
    /* The same request id sent twice at once: the second finds the first's once it committed. */
    if (err == KS_DB_ERR_CONSTRAINT)
        err = ks_backend_store_stock_adjust(api->store, &adj, req->body, req->body_len, now,
                                            &pr->actor, &result, &on_hand);
    if (err != KS_DB_OK) {
        LOG_ERROR("stock request %s failed: %s", adj.request_id, ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
    } else if (result == KS_STOCK_CONFLICT) {
        ks_backend_refuse(resp, 409, "another stock request is stored under that request_id",
                          "request_id");
    } else {
        ks_backend_answer_pack(resp, result == KS_STOCK_CREATED ? 201 : 200, "{s:s, s:I}", "status",
                               result == KS_STOCK_CREATED ? "created" : "duplicate", "on_hand",
                               (json_int_t)on_hand);
    }
}

static void post_recipe(ks_backend_api *api, const ks_backend_request *req,
                        const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_RECIPE_BODY_MAX, resp))
        return;
    ks_recipe *recipe = malloc(sizeof *recipe);
    ks_json_error why;
    if (!recipe) {
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
    } else if (!ks_recipe_parse(req->body, req->body_len, recipe, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else {
        enum ks_db_error err = ks_backend_store_put_recipe(api->store, recipe, &pr->actor, now);
        if (err != KS_DB_OK)
            ks_backend_refuse_db(resp, err);
        else
            ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:I}", "status", "stored", "item_id",
                                   recipe->item_id, "ingredients",
                                   (json_int_t)recipe->n_ingredients);
    }
    free(recipe);
}

static void get_recipes(ks_backend_api *api, ks_backend_response *resp)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_store_recipes(api->store, &rows);
    if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:o}", "recipes", rows);
}

static void post_threshold(ks_backend_api *api, const ks_backend_request *req,
                           const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_STOCK_REQUEST_MAX, resp))
        return;
    ks_stock_threshold t;
    ks_json_error why;
    enum ks_db_error err;
    if (!ks_stock_threshold_parse(req->body, req->body_len, &t, &why))
        ks_backend_refuse(resp, 400, why.reason, why.path);
    else if (!has_store(pr, t.store_id))
        ks_backend_refuse(resp, 403, "not one of your stores", "store_id");
    else if ((err = ks_backend_store_stock_set_low(api->store, &t, &pr->actor, now)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:I}", "status", "stored", "low_at",
                               (json_int_t)t.low_at);
}

static void answer_tagged(const ks_backend_request *req, ks_backend_response *resp, char *data,
                          size_t len, const char *type);
static char *store_menu(ks_backend_api *api, const char *store_id, ks_backend_response *resp,
                        size_t *len);

/*
 * What a change does to a store's terms (backend_price.h): in one of their
 * lists, the rows whose members match key's removed, and row added (when
 * not NULL). Both owned. member is the body member a refusal names.
 */
struct terms_edit {
    json_t **(*list)(ks_price_terms *terms);
    json_t *key;
    json_t *row;
    const char *member;
};

static json_t **prices_of(ks_price_terms *t)
{
    return &t->prices;
}

static json_t **availability_of(ks_price_terms *t)
{
    return &t->availability;
}

static json_t **deltas_of(ks_price_terms *t)
{
    return &t->deltas;
}

static void terms_edit_free(struct terms_edit *edit)
{
    json_decref(edit->key);
    json_decref(edit->row);
    edit->key = edit->row = NULL;
}

/* True when every member of key is in row with an equal value. */
static bool row_matches(json_t *row, json_t *key)
{
    const char *name;
    json_t *value;
    json_object_foreach (key, name, value) {
        if (!json_equal(json_object_get(row, name), value))
            return false;
    }
    return true;
}

/* *rows (an array, made when NULL) without the rows key matches, and with row (when not NULL). */
static bool edit_rows(json_t **rows, json_t *key, json_t *row)
{
    if (!*rows && !(*rows = json_array()))
        return false;
    for (size_t i = json_array_size(*rows); i-- > 0;)
        if (row_matches(json_array_get(*rows, i), key))
            json_array_remove(*rows, i);
    return !row || json_array_append(*rows, row) == 0;
}

/* The menu menu[len] with terms applied, imported by the kiosks' own importer; NULL if refused. */
static ks_catalog *menu_as_pulled(const char *menu, size_t len, const ks_price_terms *terms,
                                  ks_menu_error *why, bool *no_memory)
{
    size_t out_len = 0;
    char *changed = ks_price_menu_apply(menu, len, terms, &out_len);
    *no_memory = changed == NULL;
    ks_catalog *catalog = changed ? ks_menu_import(changed, out_len, why) : NULL;
    free(changed);
    return catalog;
}

/*
 * The first entry of after whose cheapest line costs less than nothing and
 * less than it did in before (NULL: any below nothing): a change must not
 * make a line the kiosks cannot price. NULL when none.
 */
static const ks_item *line_below_zero(const ks_catalog *after, const ks_catalog *before,
                                      ks_money *lowest)
{
    size_t n = 0;
    const ks_item *items = ks_catalog_items(after, &n);
    for (size_t i = 0; i < n; i++) {
        ks_money now = 0, was = 0;
        if (!ks_price_lowest_line(&items[i], &now)) {
            *lowest = INT64_MIN;
            return &items[i];
        }
        if (now >= 0)
            continue;
        const ks_item *old = before ? ks_catalog_find_item(before, items[i].id) : NULL;
        if (!old || !ks_price_lowest_line(old, &was) || now < was) {
            *lowest = now;
            return &items[i];
        }
    }
    return NULL;
}

/*
 * The menu menu[len] of store_id as its kiosks would pull it once edit is
 * made (edit's rows taken), checked by the kiosks' own importer
 * (kiosk/domain/menu_import.h): false with a 422 at edit->member naming
 * the importer's reason when they would refuse it (a price below an
 * option's discount), or the entry when one of its lines could now cost
 * less than nothing (a size's and a choice's discounts together), so
 * nothing is stored that would leave the store's kiosks on their old menu
 * or unable to price a line.
 */
static bool menu_takes_change(ks_backend_api *api, const char *store_id, const char *menu,
                              size_t len, struct terms_edit *edit, ks_backend_response *resp)
{
    ks_price_terms terms;
    enum ks_db_error err = ks_backend_store_terms(api->store, store_id, &terms);
    if (err != KS_DB_OK) {
        terms_edit_free(edit);
        ks_backend_refuse_db(resp, err);
        return false;
    }
    json_t **list = edit->list(&terms);
    json_t *before = json_copy(*list); /* its rows shared: edit_rows only removes and adds */
    bool no_memory = !before || !edit_rows(list, edit->key, edit->row);
    ks_menu_error why = {0};
    ks_catalog *catalog = no_memory ? NULL : menu_as_pulled(menu, len, &terms, &why, &no_memory);
    char reason[512] = "";
    if (!catalog) {
        snprintf(reason, sizeof reason, "the store's kiosks would refuse the menu with it: %s%s%s",
                 why.path, why.path[0] ? ": " : "", no_memory ? "out of memory" : why.reason);
    } else {
        ks_money lowest = 0;
        const ks_item *below = line_below_zero(catalog, NULL, &lowest);
        if (below) {
            /* Rare: the menu as it is now, to tell a line made negative from one that was. */
            json_decref(*list);
            *list = json_incref(before);
            bool unused;
            ks_catalog *was = menu_as_pulled(menu, len, &terms, &(ks_menu_error){0}, &unused);
            below = line_below_zero(catalog, was, &lowest);
            ks_catalog_free(was);
        }
        if (below)
            snprintf(reason, sizeof reason,
                     "a line of \"%s\" could cost %lld at the store's kiosks with it", below->id,
                     (long long)lowest);
    }
    ks_catalog_free(catalog);
    json_decref(before);
    ks_price_terms_clear(&terms);
    terms_edit_free(edit);
    if (reason[0])
        ks_backend_refuse(resp, 422, reason, edit->member);
    return reason[0] == '\0';
}

/* A store's price or availability names an item or a combo of the menu (item_id). */
static const char *item_missing(const char *menu, size_t len, const void *item_id,
                                const char **reason)
{
    *reason = "no item of the store's menu has that id";
    return ks_price_menu_has_item(menu, len, item_id) ? NULL : "item_id";
}

/*
 * A change of a store's own terms, edit (its rows taken), whose target
 * is there when has(menu, len, change, &reason) answers NULL (else the
 * member whose id is unknown, and why): the caller's store (403), with a menu (404) that
 * has the target (422 at that member) and that the store's kiosks still
 * take with the change (422). False with the answer made when not.
 */
static bool
store_terms_changeable(ks_backend_api *api, const struct principal *pr, const char *store_id,
                       const char *(*has)(const char *, size_t, const void *, const char **),
                       const void *change, struct terms_edit *edit, ks_backend_response *resp)
{
    if (!has_store(pr, store_id)) {
        terms_edit_free(edit);
        ks_backend_refuse(resp, 403, "not one of your stores", "store_id");
        return false;
    }
    size_t len = 0;
    char *menu = store_menu(api, store_id, resp, &len);
    if (!menu) {
        terms_edit_free(edit);
        return false;
    }
    const char *reason = NULL, *missing = has(menu, len, change, &reason);
    bool ok = missing == NULL;
    if (!ok) {
        terms_edit_free(edit);
        ks_backend_refuse(resp, 422, reason, missing);
    } else {
        ok = menu_takes_change(api, store_id, menu, len, edit, resp);
    }
    free(menu);
    return ok;
}

/* The terms edit of item_id's member set to value (stolen; NULL: back to the menu file's). */
static struct terms_edit item_edit(json_t **(*list)(ks_price_terms *), const char *item_id,
                                   const char *member, json_t *value)
{
    struct terms_edit edit = {list, json_pack("{s:s}", "item_id", item_id), NULL, member};
    if (value)
        edit.row = json_pack("{s:s, s:o}", "item_id", item_id, member, value);
    return edit;
}

/* POST /v1/availability: whether a store sells an item of its menu, or back to the menu's (null).
 */
static void post_availability(ks_backend_api *api, const ks_backend_request *req,
                              const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_PRICE_BODY_MAX, resp))
        return;
    ks_availability_change change;
    ks_json_error why;
    if (!ks_availability_change_parse(req->body, req->body_len, &change, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    struct terms_edit edit = item_edit(availability_of, change.item_id, "available",
                                       change.clear ? NULL : json_boolean(change.available));
    if (!store_terms_changeable(api, pr, change.store_id, item_missing, change.item_id, &edit,
                                resp))
        return;
    enum ks_db_error err = ks_backend_store_availability_set(api->store, &change, &pr->actor, now);
    if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (change.clear)
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:s, s:n}", "status", "stored", "store_id",
                               change.store_id, "item_id", change.item_id, "available");
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:s, s:b}", "status", "stored", "store_id",
                               change.store_id, "item_id", change.item_id, "available",
                               change.available);
}

/* POST /v1/prices: a store's own price of an item on its menu, or back to the menu's (null). */
static void post_price(ks_backend_api *api, const ks_backend_request *req,
                       const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_PRICE_BODY_MAX, resp))
        return;
    ks_price_change change;
    ks_json_error why;
    if (!ks_price_change_parse(req->body, req->body_len, &change, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    struct terms_edit edit =
        item_edit(prices_of, change.item_id, "price",
                  change.clear ? NULL : json_integer((json_int_t)change.price));
    if (!store_terms_changeable(api, pr, change.store_id, item_missing, change.item_id, &edit,
                                resp))
        return;
    enum ks_db_error err;
    if ((err = ks_backend_store_price_set(api->store, &change, &pr->actor, now)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (change.clear)
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:s, s:n}", "status", "stored", "store_id",
                               change.store_id, "item_id", change.item_id, "price");
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:s, s:I}", "status", "stored", "store_id",
                               change.store_id, "item_id", change.item_id, "price",
                               (json_int_t)change.price);
}

/*
 * The refusal in resp made again for the chain-wide change's store i:
 * path "stores[i]", the reason naming the store and the member at fault.
 */
static void refusal_of_store(ks_backend_response *resp, size_t i, const char *store_id)
{
    if (resp->status == 503)
        return; /* the database's or the menu file's: not the store's */
    json_t *root = resp->body ? json_loadb(resp->body, resp->body_len, 0, NULL) : NULL;
    const char *error = json_string_value(json_object_get(root, "error"));
    const char *member = json_string_value(json_object_get(root, "path"));
    char reason[640], path[32];
    snprintf(reason, sizeof reason, "%s: %s%s%s", store_id, error ? error : "refused",
             member && member[0] ? " at " : "", member ? member : "");
    snprintf(path, sizeof path, "stores[%zu]", i);
    int status = resp->status;
    json_decref(root);
    free(resp->body);
    resp->body = NULL;
    ks_backend_refuse(resp, status, reason, path);
}

/*
 * POST /v1/prices/chain: one item's price (or back to the menu's) at every store listed, each
 * checked as POST /v1/prices would, then all stored in one transaction, audited per store.
 */
static void post_chain_price(ks_backend_api *api, const ks_backend_request *req,
                             const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_PRICE_CHAIN_BODY_MAX, resp))
        return;
    ks_price_chain_change *change = malloc(sizeof *change);
    ks_json_error why;
    if (!change) {
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
        return;
    }
    bool ok = ks_price_chain_parse(req->body, req->body_len, change, &why);
    if (!ok)
        ks_backend_refuse(resp, 400, why.reason, why.path);
    for (size_t i = 0; ok && i < change->n_stores; i++) {
        struct terms_edit edit =
            item_edit(prices_of, change->item_id, "price",
                      change->clear ? NULL : json_integer((json_int_t)change->price));
        ok = store_terms_changeable(api, pr, change->stores[i], item_missing, change->item_id,
                                    &edit, resp);
        if (!ok)
            refusal_of_store(resp, i, change->stores[i]);
    }
    enum ks_db_error err = KS_DB_OK;
    json_t *stores = ok ? json_array() : NULL;
    for (size_t i = 0; stores && i < change->n_stores; i++)
        json_array_append_new(stores, json_string(change->stores[i]));
    if (!ok)
        ;
    else if (!stores)
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
    else if ((err = ks_backend_store_price_set_chain(api->store, change, &pr->actor, now)) !=
             KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (change->clear)
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:n, s:O}", "status", "stored", "item_id",
                               change->item_id, "price", "stores", stores);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:I, s:O}", "status", "stored", "item_id",
                               change->item_id, "price", (json_int_t)change->price, "stores",
                               stores);
    json_decref(stores);
    free(change);
}

/* A store's price delta names a size, option or choice of the menu. */
static const char *delta_missing(const char *menu, size_t len, const void *change,
                                 const char **reason)
{
    return ks_price_delta_menu_missing(menu, len, change, reason);
}

/*
 * POST /v1/price-deltas: a store's own price delta of a combo's size, a
 * modifier option or a combo slot's choice, or back to the menu's (null).
 */
static void post_price_delta(ks_backend_api *api, const ks_backend_request *req,
                             const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_PRICE_BODY_MAX, resp))
        return;
    ks_price_delta_change change;
    ks_json_error why;
    if (!ks_price_delta_change_parse(req->body, req->body_len, &change, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    struct terms_edit edit = {deltas_of, ks_price_delta_row(&change, false),
                              change.clear ? NULL : ks_price_delta_row(&change, true),
                              "price_delta"};
    if (!store_terms_changeable(api, pr, change.store_id, delta_missing, &change, &edit, resp))
        return;
    enum ks_db_error err = ks_backend_store_price_delta_set(api->store, &change, &pr->actor, now);
    json_t *row = err == KS_DB_OK ? ks_price_delta_row(&change, true) : NULL;
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if (!row || json_object_set_new(row, "status", json_string("stored")) != 0 ||
               json_object_set_new(row, "store_id", json_string(change.store_id)) != 0 ||
               (change.clear && json_object_set_new(row, "price_delta", json_null()) != 0)) {
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
    } else {
        ks_backend_answer_pack(resp, 200, "O", row);
    }
    json_decref(row);
}

/* POST /v1/costs: an item's unit cost, chain-wide, or none (null). */
static void post_cost(ks_backend_api *api, const ks_backend_request *req,
                      const struct principal *pr, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_COST_BODY_MAX, resp))
        return;
    ks_cost_change change;
    ks_json_error why;
    enum ks_db_error err;
    if (!ks_cost_change_parse(req->body, req->body_len, &change, &why))
        ks_backend_refuse(resp, 400, why.reason, why.path);
    else if ((err = ks_backend_store_cost_set(api->store, &change, &pr->actor, now)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (change.clear)
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:n}", "status", "stored", "item_id",
                               change.item_id, "unit_cost");
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:I}", "status", "stored", "item_id",
                               change.item_id, "unit_cost", (json_int_t)change.unit_cost);
}

/* GET /v1/costs: every item's unit cost. */
static void get_costs(ks_backend_api *api, ks_backend_response *resp)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_store_costs(api->store, &rows);
    if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:o}", "costs", rows);
}

/*
 * GET /v1/prices?store=ID and GET /v1/availability?store=ID: the store's own terms, listed
 * by list(store, id, &rows) under member.
 */
static void get_store_terms(ks_backend_api *api, const ks_backend_request *req,
                            enum ks_db_error (*list)(ks_backend_store *, const char *, json_t **),
                            const char *member, ks_backend_response *resp)
{
    json_t *rows = NULL;
    enum ks_db_error err;
    if (!ks_device_id_ok(req->store))
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
    else if ((err = list(api->store, req->store, &rows)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:o}", "store", req->store, member, rows);
}

/*
 * A store's list for its kiosks, {"store": ID, member: rows (stolen)}, tagged, so a kiosk's
 * poll of an unchanged list costs a 304; err: how reading rows went (not read, KS_DB_OK, for
 * a bad ?store=: 400).
 */
static void answer_store_list(const ks_backend_request *req, enum ks_db_error err,
                              const char *member, json_t *rows, ks_backend_response *resp)
{
    if (!ks_device_id_ok(req->store) || err != KS_DB_OK) {
        json_decref(rows);
        if (!ks_device_id_ok(req->store))
            ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
        else
            ks_backend_refuse_db(resp, err);
        return;
    }
    /* json_pack takes rows, even when it fails. */
    json_t *body = json_pack("{s:s, s:o}", "store", req->store, member, rows);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (text)
        answer_tagged(req, resp, text, strlen(text), KS_BACKEND_JSON_TYPE);
    else
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
}

/* GET /v1/stock/soldout?store=ID. */
static void get_soldout(ks_backend_api *api, const ks_backend_request *req, int64_t now,
                        ks_backend_response *resp)
{
    json_t *items = NULL;
    enum ks_db_error err = ks_device_id_ok(req->store)
                               ? ks_backend_store_stock_soldout(api->store, req->store, now, &items)
                               : KS_DB_OK;
    answer_store_list(req, err, "items", items, resp);
}

/* GET /v1/staff?store=ID: the store's kiosk PINs (backend_kiosk_pin.h). */
static void get_staff_pins(ks_backend_api *api, const ks_backend_request *req,
                           ks_backend_response *resp)
{
    json_t *staff = NULL;
    enum ks_db_error err = ks_device_id_ok(req->store)
                               ? ks_backend_store_staff_pins(api->store, req->store, &staff)
                               : KS_DB_OK;
    answer_store_list(req, err, "staff", staff, resp);
}

/* GET /v1/devices/peers?store=ID: the store's live enrolled kiosks and their token verifiers. */
static void get_peers(ks_backend_api *api, const ks_backend_request *req, ks_backend_response *resp)
{
    json_t *kiosks = NULL;
    enum ks_db_error err = ks_device_id_ok(req->store)
                               ? ks_backend_store_peers(api->store, req->store, &kiosks)
                               : KS_DB_OK;
    answer_store_list(req, err, "kiosks", kiosks, resp);
}

static void get_alerts(ks_backend_api *api, const ks_backend_request *req,
                       ks_backend_response *resp)
{
    json_t *rows = NULL;
    enum ks_db_error err;
    if (!ks_device_id_ok(req->store))
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
    else if ((err = ks_backend_store_stock_alerts(api->store, req->store, &rows)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:o}", "store", req->store, "alerts", rows);
}

/* A query value of days, 0..KS_REORDER_DAYS_MAX (fallback when absent), into *out. */
static bool days_value(const char *text, int fallback, int *out)
{
    char *end = NULL;
    long value = text ? strtol(text, &end, 10) : fallback;
    *out = (int)value;
    return !text || (end != text && !*end && value >= 0 && value <= KS_REORDER_DAYS_MAX);
}

static void get_reorder(ks_backend_api *api, const ks_backend_request *req, int64_t now,
                        ks_backend_response *resp)
{
    ks_reorder_params p;
    json_t *rows = NULL;
    enum ks_db_error err;
    if (!ks_device_id_ok(req->store))
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
    else if (!days_value(req->days, 28, &p.days) || p.days < 1)
        ks_backend_refuse(resp, 400, "expected days from 1 to 365", "days");
    else if (!days_value(req->lead, 2, &p.lead))
        ks_backend_refuse(resp, 400, "expected days from 0 to 365", "lead");
    else if (!days_value(req->safety, 1, &p.safety))
        ks_backend_refuse(resp, 400, "expected days from 0 to 365", "safety");
    else if (!days_value(req->cover, 7, &p.cover))
        ks_backend_refuse(resp, 400, "expected days from 0 to 365", "cover");
    else if ((err = ks_backend_store_stock_reorder(api->store, req->store, &p, now, &rows)) !=
             KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:i, s:i, s:i, s:i, s:o}", "store", req->store,
                               "days", p.days, "lead", p.lead, "safety", p.safety, "cover", p.cover,
                               "items", rows);
}

/* GET /v1/stock?store=ID[&item=ID][&limit=N]: the store's levels and latest moves. */
static void get_stock(ks_backend_api *api, const ks_backend_request *req, int64_t now,
                      ks_backend_response *resp)
{
    const char *item = req->item ? req->item : "";
    long limit = 0;
    if (!ks_device_id_ok(req->store)) {
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
        return;
    }
    if (item[0] && !ks_id_ok(item, KS_STOCK_ITEM_MAX)) {
        ks_backend_refuse(resp, 400, "expected an item id", "item");
        return;
    }
    if (!ks_backend_limit(req, KS_BACKEND_MOVES_DEFAULT, KS_BACKEND_MOVES_MAX, &limit, resp))
        return;
    json_t *levels = NULL, *moves = NULL;
    enum ks_db_error err = ks_backend_store_stock_levels(api->store, req->store, now, &levels);
    if (err == KS_DB_OK)
        err = ks_backend_store_stock_moves(api->store, req->store, item, (int)limit, &moves);
    if (err != KS_DB_OK) {
        json_decref(levels);
        ks_backend_refuse_db(resp, err);
        return;
    }
    ks_backend_answer_pack(resp, 200, "{s:s, s:o, s:o}", "store", req->store, "levels", levels,
                           "moves", moves);
}

/*
 * Answers a reservation call's result with its view (stolen; NULL when it
 * has none): done_status when done, 200 for a repeat.
 */
static void answer_reservation(enum ks_reservation_result result, json_t *view, int done_status,
                               ks_backend_response *resp)
{
    switch (result) {
    case KS_RESERVATION_DONE:
    case KS_RESERVATION_REPEAT:
        ks_backend_answer_json(resp, result == KS_RESERVATION_DONE ? done_status : 200, view);
        return;
    case KS_RESERVATION_CONFLICT:
        ks_backend_refuse(resp, 409, "another reservation is stored under that reservation_id",
                          "reservation_id");
        break;
    case KS_RESERVATION_SHORT:
        ks_backend_answer_pack(resp, 409, "{s:s, s:s, s:O}", "error", "not enough stock", "path",
                               "lines", "short", view);
        break;
    case KS_RESERVATION_UNTRACKED:
        ks_backend_answer_pack(resp, 422, "{s:s, s:s, s:O}", "error",
                               "no stock is kept of these items here", "path", "lines", "untracked",
                               view);
        break;
    case KS_RESERVATION_NOT_FOUND:
        ks_backend_refuse(resp, 404, "no such reservation", "");
        break;
    case KS_RESERVATION_ENDED:
        ks_backend_answer_pack(resp, 409, "{s:s, s:s, s:O}", "error", "the reservation has ended",
                               "path", "state", "reservation", view);
        break;
    case KS_RESERVATION_MISMATCH:
        ks_backend_refuse(resp, 400, "must be the reservation's lines, each with its quantity",
                          "lines");
        break;
    case KS_RESERVATION_OTHER_SALE:
        ks_backend_refuse(resp, 409, "the reservation was confirmed with another sale", "lines");
        break;
    }
    json_decref(view);
}

static char *read_menu(const char *path, size_t *len);

/*
 * The menu of store_id as a catalog (ks_catalog_free), or NULL with *err
 * KS_DB_OK when the store has none (a shop selling only online) or its
 * menu cannot be read or imported (logged, naming what id's lines then
 * lack: its kiosks refuse the menu too).
 */
static ks_catalog *store_catalog(ks_backend_api *api, const char *store_id, const char *id,
                                 enum ks_db_error *err)
{
    const char *path = NULL;
    *err = KS_DB_OK;
    ks_enrol_store_known(api->store, &api->cfg, store_id, &path, err);
    size_t len = 0;
    char *menu = *err == KS_DB_OK && path ? read_menu(path, &len) : NULL;
    ks_menu_error why = {0};
    ks_catalog *catalog = menu ? ks_menu_import(menu, len, &why) : NULL;
    if (menu && !catalog)
        LOG_WARN("menu of %s refused (%s: %s): reservation %s counted per piece, unnamed", store_id,
                 why.path, why.reason, id);
    else if (*err == KS_DB_OK && path && !menu)
        LOG_WARN("menu of %s: cannot read %s: reservation %s counted per piece, unnamed", store_id,
                 path, id);
    free(menu);
    return catalog;
}

/*
 * Marks r's lines whose item the store's menu sells by weight (unit kg):
 * their quantity is grams and their recipes' quantities are per kilogram,
 * as in a kiosk's order. A store without a menu, or whose menu cannot be
 * read or imported, leaves every line per piece.
 */
static enum ks_db_error mark_weighed_lines(ks_backend_api *api, ks_reservation_request *r)
{
    enum ks_db_error err;
    ks_catalog *catalog = store_catalog(api, r->store_id, r->reservation_id, &err);
    for (size_t i = 0; catalog && i < r->n_lines; i++) {
        const ks_item *item = ks_catalog_find_item(catalog, r->lines[i].item_id);
        r->lines[i].by_weight = item && item->unit == KS_UNIT_KG;
    }
    ks_catalog_free(catalog);
    return err;
}

/* POST /v1/stock/reservations: 201 held, 200 the same request again, 409 short. */
static void post_reservation(ks_backend_api *api, const ks_backend_request *req,
                             const ks_backend_channel *channel, int64_t now,
                             ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_RESERVATION_BODY_MAX, resp))
        return;
    ks_reservation_request *r = malloc(sizeof *r);
    ks_json_error why;
    enum ks_reservation_result result = KS_RESERVATION_DONE;
    json_t *view = NULL;
    enum ks_db_error err;
    if (!r) {
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
    } else if (!ks_reservation_request_parse(req->body, req->body_len, r, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (!ks_backend_channel_sells_at(channel, r->store_id)) {
        ks_backend_refuse(resp, 403, "this channel does not sell at that store", "store_id");
    } else if ((err = mark_weighed_lines(api, r)) != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if ((err = ks_backend_store_reserve(api->store, channel->name, r, now, &result,
                                               &view)) != KS_DB_OK) {
        LOG_ERROR("reservation %s of %s failed: %s", r->reservation_id, channel->name,
                  ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
    } else {
        answer_reservation(result, view, 201, resp);
    }
    free(r);
}

/*
 * Completes sale (priced) for channel's reservation id from its store's
 * menu (the lines' names and units, borrowed from *catalog, which the
 * caller frees) and the local date at now. *result NOT_FOUND when the
 * channel has no such reservation.
 */
static enum ks_db_error complete_sale(ks_backend_api *api, const char *channel, const char *id,
                                      int64_t now, ks_reservation_sale *sale, ks_catalog **catalog,
                                      enum ks_reservation_result *result)
{
    json_t *view = NULL;
    enum ks_db_error err =
        ks_backend_store_reservation(api->store, channel, id, now, result, &view);
    const char *store_id = json_string_value(json_object_get(view, "store_id"));
    if (err == KS_DB_OK && *result == KS_RESERVATION_DONE && store_id)
        *catalog = store_catalog(api, store_id, id, &err);
    for (size_t i = 0; *catalog && i < sale->n_lines; i++) {
        const ks_item *item = ks_catalog_find_item(*catalog, sale->lines[i].item_id);
        sale->lines[i].by_weight = item && item->unit == KS_UNIT_KG;
        sale->lines[i].name_en = item ? item->name.en : NULL;
        sale->lines[i].name_ar = item ? item->name.ar : NULL;
    }
    json_decref(view);
    time_t local = (time_t)(now + (int64_t)api->cfg.utc_offset_min * 60);
    struct tm tm;
    if (!gmtime_r(&local, &tm) ||
        strftime(sale->business_date, sizeof sale->business_date, "%Y-%m-%d", &tm) == 0)
        snprintf(sale->business_date, sizeof sale->business_date, "1970-01-01");
    return err;
}

/*
 * POST .../confirm: its body (none: stock only) read, checked and, when
 * priced, completed; then the confirmation. 400 for a broken body.
 */
static void confirm_reservation(ks_backend_api *api, const ks_backend_request *req,
                                const ks_backend_channel *channel, const char *id, int64_t now,
                                ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_RESERVATION_SALE_BODY_MAX, resp))
        return;
    ks_reservation_sale *sale = malloc(sizeof *sale);
    ks_catalog *catalog = NULL;
    ks_json_error why;
    enum ks_reservation_result result = KS_RESERVATION_DONE;
    json_t *view = NULL;
    enum ks_db_error err = KS_DB_OK;
    if (!sale) {
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
    } else if (!ks_reservation_sale_parse(req->body, req->body_len, sale, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (sale->priced && ((err = complete_sale(api, channel->name, id, now, sale, &catalog,
                                                     &result)) != KS_DB_OK ||
                                result == KS_RESERVATION_NOT_FOUND)) {
        if (err != KS_DB_OK)
            ks_backend_refuse_db(resp, err);
        else
            answer_reservation(result, NULL, 200, resp);
    } else if ((err = ks_backend_store_reservation_end(api->store, channel->name, id,
                                                       KS_RESERVATION_CONFIRM, sale, now, &result,
                                                       &view)) != KS_DB_OK) {
        LOG_ERROR("reservation %s/confirm of %s failed: %s", id, channel->name,
                  ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
    } else {
        answer_reservation(result, view, 200, resp);
    }
    ks_catalog_free(catalog);
    free(sale);
}

/* GET /v1/stock/reservations/<id>, POST .../confirm and .../release: the channel's own only. */
static void reservation_call(ks_backend_api *api, const ks_backend_request *req,
                             const ks_backend_channel *channel, const char *suffix, int64_t now,
                             ks_backend_response *resp)
{
    char id[37];
    enum ks_reservation_result result = KS_RESERVATION_NOT_FOUND;
    json_t *view = NULL;
    enum ks_db_error err = KS_DB_OK;
    uuid_path(req->path, RESERVATION_PREFIX, suffix, id);
    if (strcmp(suffix, "/confirm") == 0) {
        confirm_reservation(api, req, channel, id, now, resp);
        return;
    }
    if (!suffix[0])
        err = ks_backend_store_reservation(api->store, channel->name, id, now, &result, &view);
    else
        err = ks_backend_store_reservation_end(api->store, channel->name, id,
                                               KS_RESERVATION_RELEASE, NULL, now, &result, &view);
    if (err != KS_DB_OK) {
        LOG_ERROR("reservation %s%s of %s failed: %s", id, suffix, channel->name,
                  ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
    } else {
        answer_reservation(result, view, 200, resp);
    }
}

/* 1-max bytes of [a-z0-9_] (state_name) or of printable ASCII (version). */
/* A heartbeat's body as read. */
struct heartbeat_body {
    char kiosk_id[KS_DEVICE_ID_MAX + 1];
    char version[VERSION_MAX + 1];
    int64_t unsent;
    char *devices; /* the device states as compact JSON, keys sorted; malloc'd */
};

static bool read_heartbeat(ks_json_reader *r, json_t *root, void *into)
{
    static const char *const members[] = {"kiosk_id", "version", "unsent", "devices", NULL};
    struct heartbeat_body *out = into;
    json_t *devices = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_body_id(r, root, "kiosk_id", KS_DEVICE_ID_MAX, out->kiosk_id) ||
        !ks_json_copy(r, root, "version", true, 1, sizeof out->version, KS_JSON_PRINTABLE,
                      out->version))
        return false;
    if (strchr(out->version, ' '))
        return ks_json_fail(r, "version", "must be printable ASCII without spaces");
    if (!ks_json_int(r, root, "unsent", true, 0, UNSENT_MAX, &out->unsent) ||
        !ks_json_object(r, root, "devices", NULL) ||
        !ks_json_member(r, root, "devices", true, &devices) || !ks_json_enter_key(r, "devices"))
        return false;
    if (json_object_size(devices) > KS_BACKEND_MAX_DEVICES)
        return ks_json_fail(r, NULL, "must hold at most %d device states", KS_BACKEND_MAX_DEVICES);
    const char *name;
    json_t *state;
    json_object_foreach (devices, name, state) {
        const char *text = NULL;
        if (!ks_id_ok(name, STATE_MAX))
            return ks_json_fail(r, NULL, "device names must be 1-32 characters of a-z 0-9 _ . -");
        if (!ks_json_string(r, devices, name, true, 1, STATE_MAX, KS_JSON_ID, &text))
            return false;
    }
    ks_json_leave(r);
    out->devices = json_dumps(devices, JSON_COMPACT | JSON_SORT_KEYS);
    return out->devices || ks_json_fail(r, NULL, "out of memory");
}

static void post_heartbeat(ks_backend_api *api, const ks_backend_request *req,
                           const ks_backend_kiosk *kiosk, int64_t now, ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_BACKEND_HEARTBEAT_MAX, resp))
        return;
    struct heartbeat_body body;
    ks_json_error why;
    if (!ks_body_read(req->body, req->body_len, read_heartbeat, &body, sizeof body, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    ks_backend_heartbeat hb = {
        .kiosk_id = kiosk->id,
        .version = body.version,
        .unsent = body.unsent,
        .devices = body.devices,
        .at = now,
    };
    enum ks_db_error err = KS_DB_OK;
    if (strcmp(body.kiosk_id, kiosk->id) != 0)
        ks_backend_refuse(resp, 400, "must be this kiosk's id", "kiosk_id");
    else if ((err = ks_backend_store_put_heartbeat(api->store, &hb)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:I}", "status", "ok", "kiosk_id", kiosk->id,
                               "at", (json_int_t)now);
    free(body.devices);
}

/* The store kiosk id serves into store_id: its INI line's, else its live enrolment's, else "". */
static enum ks_db_error kiosk_store(ks_backend_api *api, const char *id,
                                    char store_id[KS_BACKEND_ID_MAX + 1])
{
    for (size_t i = 0; i < api->cfg.n_kiosks; i++) {
        if (strcmp(api->cfg.kiosks[i].id, id) == 0) {
            memcpy(store_id, api->cfg.kiosks[i].store_id, KS_BACKEND_ID_MAX + 1);
            return KS_DB_OK;
        }
    }
    enum ks_db_error err = ks_backend_store_live_device(api->store, id, store_id);
    if (err == KS_DB_ERR_NOT_FOUND)
        store_id[0] = '\0';
    return err == KS_DB_ERR_NOT_FOUND ? KS_DB_OK : err;
}

/* The kiosks' last heartbeats, each with its store; only those of ?store= when named. */
static void list_kiosks(ks_backend_api *api, const ks_backend_request *req,
                        ks_backend_response *resp)
{
    json_t *rows = NULL, *listed = json_array();
    enum ks_db_error err =
        listed ? ks_backend_store_kiosks(api->store, &rows) : KS_DB_ERR_NO_MEMORY;
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        const char *id = json_string_value(json_object_get(row, "kiosk_id"));
        char store_id[KS_BACKEND_ID_MAX + 1] = "";
        if (err == KS_DB_OK)
            err = id ? kiosk_store(api, id, store_id) : KS_DB_ERR_INTERNAL;
        if (err == KS_DB_OK && (!req->store || strcmp(store_id, req->store) == 0) &&
            (json_object_set_new(row, "store_id", json_string(store_id)) != 0 ||
             json_array_append(listed, row) != 0))
            err = KS_DB_ERR_NO_MEMORY;
    }
    json_decref(rows);
    if (err != KS_DB_OK) {
        json_decref(listed);
        ks_backend_refuse_db(resp, err);
    } else {
        ks_backend_answer_pack(resp, 200, "{s:o}", "kiosks", listed);
    }
}

/* The menu file at path, whole, when it is at most KS_BACKEND_MENU_MAX bytes; NULL otherwise. */
static char *read_menu(const char *path, size_t *len)
{
    char why[PATH_MAX + 32];
    char *data = ks_bounded_file_read(path, KS_BACKEND_MENU_MAX, len, why, sizeof why);
    if (data && *len > KS_BACKEND_MENU_MAX) {
        free(data);
        return NULL;
    }
    return data;
}

/* True when the If-None-Match header names etag (in a list, weak or not) or is "*". */
static bool etag_matches(const char *header, const char *etag)
{
    if (!header)
        return false;
    if (strcmp(header, "*") == 0)
        return true;
    const char *hit = strstr(header, etag);
    return hit != NULL;
}

/*
 * Answers 200 with data (owned, len bytes) of type under etag (quoted), or
 * 304 without it when If-None-Match names that ETag.
 */
static void answer_etag(const ks_backend_request *req, ks_backend_response *resp, char *data,
                        size_t len, const char *type, const char *etag)
{
    snprintf(resp->etag, sizeof resp->etag, "%s", etag);
    resp->content_type = type;
    if (etag_matches(req->if_none_match, resp->etag)) {
        free(data);
        resp->status = 304;
        resp->body = NULL;
        resp->body_len = 0;
        return;
    }
    resp->status = 200;
    resp->body = data;
    resp->body_len = len;
}

/* answer_etag with the ETag of data's SHA-256. */
static void answer_tagged(const ks_backend_request *req, ks_backend_response *resp, char *data,
                          size_t len, const char *type)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)data, len, digest);
    char etag[67] = "\"";
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(etag + 1 + 2 * i, 3, "%02x", digest[i]);
    etag[65] = '"';
    etag[66] = '\0';
    answer_etag(req, resp, data, len, type, etag);
}

/* GET / and GET /app/<file>: the manager's web app, compiled in, revalidated by its ETag. */
static void get_asset(const ks_backend_request *req, ks_backend_response *resp)
{
    const ks_backend_asset *asset = ks_backend_asset_find(req->path);
    if (!asset) {
        ks_backend_refuse(resp, 404, "no such resource", "");
        return;
    }
    char *data = malloc(asset->len + 1);
    if (!data) {
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
        return;
    }
    memcpy(data, asset->data, asset->len + 1);
    answer_etag(req, resp, data, asset->len, asset->content_type, asset->etag);
}

/* The menu file's bytes (owned) of store_id and *len; NULL with the error answered. */
static char *store_menu(ks_backend_api *api, const char *store_id, ks_backend_response *resp,
                        size_t *len)
{
    *len = 0;
    if (!store_id || !ks_device_id_ok(store_id)) {
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
        return NULL;
    }
    /* The INI's [menus], or a store of the database that sells one of theirs. */
    const char *path = NULL;
    enum ks_db_error err = KS_DB_OK;
    ks_enrol_store_known(api->store, &api->cfg, store_id, &path, &err);
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return NULL;
    }
    if (!path) {
        ks_backend_refuse(resp, 404, "no menu for that store", "store");
        return NULL;
    }
    char *data = read_menu(path, len);
    if (!data) {
        LOG_ERROR("menu of %s: cannot read %s (or over 8 MiB)", store_id, path);
        ks_backend_refuse(resp, 503, "the menu file cannot be read", "");
    }
    return data;
}

/*
 * The store's menu as its kiosks pull it (malloc'd, its length in *len):
 * the file, with the store's own prices, availability and price deltas
 * when it has any. NULL with the refusal made.
 */
static char *served_menu(ks_backend_api *api, const char *store_id, ks_backend_response *resp,
                         size_t *len)
{
    char *data = store_menu(api, store_id, resp, len);
    if (!data)
        return NULL;
    ks_price_terms terms;
    enum ks_db_error err = ks_backend_store_terms(api->store, store_id, &terms);
    if (err == KS_DB_OK && ks_price_terms_count(&terms) > 0) {
        char *own = ks_price_menu_apply(data, *len, &terms, len);
        free(data);
        data = own;
        if (!data)
            LOG_ERROR("menu of %s: its own prices and availability cannot be applied", store_id);
    }
    ks_price_terms_clear(&terms);
    if (err != KS_DB_OK) {
        free(data);
        ks_backend_refuse_db(resp, err);
        return NULL;
    }
    if (!data)
        ks_backend_refuse(resp, 503, "the menu file cannot be read", "");
    return data;
}

/* GET /v1/menu?store=ID: the store's menu as its kiosks pull it. */
static void get_menu(ks_backend_api *api, const ks_backend_request *req, ks_backend_response *resp)
{
    size_t len = 0;
    char *data = served_menu(api, req->store, resp, &len);
    if (data)
        answer_tagged(req, resp, data, len, KS_BACKEND_JSON_TYPE);
}

/*
 * GET /v1/menu/images?store=ID: the pictures of the menu as GET /v1/menu serves it, whose
 * SHA-256 (its "menu") is that answer's ETag, so a kiosk takes the two together.
 */
static void get_menu_images(ks_backend_api *api, const ks_backend_request *req,
                            ks_backend_response *resp)
{
    size_t len = 0;
    char *menu = served_menu(api, req->store, resp, &len);
    if (!menu)
        return;
    char *manifest = ks_backend_images_manifest(api->images, menu, len);
    free(menu);
    if (!manifest)
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
    else
        answer_tagged(req, resp, manifest, strlen(manifest), KS_BACKEND_JSON_TYPE);
}

static void get_image(ks_backend_api *api, const ks_backend_request *req, ks_backend_response *resp)
{
    const char *sha = req->path + strlen("/v1/images/");
    size_t len = 0;
    const char *type = NULL;
    char *data = ks_backend_images_read(api->images, sha, &len, &type);
    if (!data && ks_sha256_hex_ok(sha) && api->cfg.n_menus > 0) {
        /* Not listed since this server started: list every menu's pictures, then look again. */
        for (size_t i = 0; i < api->cfg.n_menus; i++) {
            size_t menu_len = 0;
            char *menu = read_menu(api->cfg.menus[i].path, &menu_len);
            free(menu ? ks_backend_images_manifest(api->images, menu, menu_len) : NULL);
            free(menu);
        }
        data = ks_backend_images_read(api->images, sha, &len, &type);
    }
    if (!data) {
        ks_backend_refuse(resp, 404, "no picture of a menu has that SHA-256", "");
        return;
    }
    answer_tagged(req, resp, data, len, type);
    /* The address names the content: it never changes. */
    resp->cache_control = "public, max-age=31536000, immutable";
}

/* The query values every report shares, checked. */
struct report_query {
    const char *from, *to, *store;
    bool csv;
    const ks_backend_stream *stream; /* the request's: the answer streamed past its hold-back */
};

static bool report_query(const ks_backend_request *req, struct report_query *q,
                         ks_backend_response *resp)
{
    q->from = req->from;
    q->to = req->to;
    q->store = req->store ? req->store : "";
    q->csv = req->format && strcmp(req->format, "csv") == 0;
    q->stream = req->stream;
    if (!ks_business_date_ok(q->from))
        ks_backend_refuse(resp, 400, "expected a date YYYY-MM-DD", "from");
    else if (!ks_business_date_ok(q->to) || strcmp(q->from, q->to) > 0)
        ks_backend_refuse(resp, 400, "expected a date YYYY-MM-DD, not before from", "to");
    else if (q->store[0] && !ks_device_id_ok(q->store))
        ks_backend_refuse(resp, 400, "expected a store id", "store");
    else if (req->format && !q->csv && strcmp(req->format, "json") != 0)
        ks_backend_refuse(resp, 400, "expected json or csv", "format");
    else
        return true;
    return false;
}

static const char *const sales_columns[] = {
    "period", "store_id",  "kiosk_id",        "orders",  "total_net", "total_vat",
    "total",  "cancelled", "cancelled_total", "refunds", "refunded",  "net_total"};
static const char *const items_columns[] = {"item_id", "name_en", "name_ar", "unit",   "quantity",
                                            "orders",  "net",     "vat",     "revenue"};
static const char *const vat_columns[] = {"rate_bp", "orders", "taxable", "vat"};
static const char *const peak_columns[] = {"weekday", "hour", "orders", "total"};
static const char *const refunds_columns[] = {"method", "reason", "refunds", "amount", "vat"};
static const char *const payments_columns[] = {"method",  "brand",    "orders", "amount",
                                               "refunds", "refunded", "net"};
static const char *const profit_columns[] = {"item_id",  "name_en",  "name_ar", "unit",
                                             "quantity", "net",      "cost",    "uncosted",
                                             "margin",   "margin_bp"};
static const char *const staff_columns[] = {"store_id",
                                            "staff",
                                            "interventions",
                                            "age",
                                            "removal",
                                            "bagging",
                                            "unknown",
                                            "help",
                                            "idle",
                                            "unasked",
                                            "wait_p50_s",
                                            "wait_p90_s",
                                            "voids",
                                            "voided",
                                            "refunds_asked",
                                            "refunds_done",
                                            "refunded",
                                            "soldout_marks",
                                            "reprints",
                                            "unpaid_interventions",
                                            "paying_interventions",
                                            "lost_interventions"};
#define KITCHEN_COLUMNS 8
static const char *const kitchen_hour_columns[KITCHEN_COLUMNS] = {
    "hour",        "store_id",    "station",   "orders",
    "ready_avg_s", "ready_p90_s", "collected", "collect_avg_s"};
static const char *const kitchen_period_columns[KITCHEN_COLUMNS] = {
    "period",      "store_id",    "station",   "orders",
    "ready_avg_s", "ready_p90_s", "collected", "collect_avg_s"};

/*
 * Every report is written straight to text as the store gives its rows
 * (backend_report_text.h), with no JSON tree between: the chain's year by
 * day and kiosk is 71,000 rows, and past its first 256 KB it goes to the
 * client as it is written (q's stream, when the request has one). The
 * writer of q's answer: CSV of columns, or
 * {extra...,"from","to","store","rows":[...]}, extra the members of head
 * (stolen; NULL when out of memory). NULL, answered 503, when out of
 * memory.
 */
static ks_backend_report_text *report_text(const struct report_query *q, json_t *head,
                                           const char *const *columns, size_t n_columns,
                                           ks_backend_response *resp)
{
    bool whole = head && json_object_set_new(head, "from", json_string(q->from)) == 0 &&
                 json_object_set_new(head, "to", json_string(q->to)) == 0 &&
                 json_object_set_new(head, "store", json_string(q->store)) == 0;
    if (!whole)
        json_decref(head);
    ks_backend_report_text *text =
        whole ? ks_backend_report_text_new(q->csv, columns, n_columns, head, q->stream,
                                           q->csv ? CSV_TYPE : KS_BACKEND_JSON_TYPE)
              : NULL;
    if (!text)
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
    return text;
}

/*
 * Answers the rows text was given (the writer freed), or 503 when err,
 * the store's answer, is not KS_DB_OK. A streamed answer is ended instead,
 * whole or cut; resp says 503 still when the store failed (for the
 * backend's health), not when the client went away.
 */
static void answer_report(ks_backend_response *resp, const struct report_query *q,
                          enum ks_db_error err, ks_backend_report_text *text)
{
    bool streamed = ks_backend_report_text_streamed(text);
    bool left = ks_backend_report_text_left(text);
    size_t len;
    char *body = ks_backend_report_text_finish(text, err == KS_DB_OK, &len);
    if (streamed && (err == KS_DB_OK || left))
        *resp = (ks_backend_response){.status = 200};
    else if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (body)
        ks_backend_answer(resp, 200, q->csv ? CSV_TYPE : KS_BACKEND_JSON_TYPE, body);
    else
        ks_backend_refuse_db(resp, KS_DB_ERR_NO_MEMORY);
}

/* A report's periods, by their names in the query's group (the enum's order). */
static const char *const group_names[] = {"day", "month", "hour"};

/*
 * The query's group (fallback when absent) into *out; false, answered 400,
 * for another, or for hour over more than KS_BACKEND_HOUR_DAYS_MAX of q's dates.
 */
static bool report_group(const ks_backend_request *req, const struct report_query *q,
                         enum ks_backend_group fallback, enum ks_backend_group *out,
                         ks_backend_response *resp)
{
    *out = fallback;
    bool known = !req->group;
    for (size_t i = 0; !known && i < sizeof group_names / sizeof *group_names; i++)
        if (strcmp(req->group, group_names[i]) == 0) {
            *out = (enum ks_backend_group)i;
            known = true;
        }
    if (!known)
        ks_backend_refuse(resp, 400, "expected day, month or hour", "group");
    else if (*out == KS_BACKEND_GROUP_HOUR &&
             ks_business_date_days(q->to) - ks_business_date_days(q->from) >=
                 KS_BACKEND_HOUR_DAYS_MAX)
        ks_backend_refuse(resp, 400, "per hour at most 7 days: ask per day or month", "group");
    else
        return true;
    return false;
}

static void report_sales(ks_backend_api *api, const ks_backend_request *req,
                         ks_backend_response *resp)
{
    struct report_query q;
    if (!report_query(req, &q, resp))
        return;
    enum ks_backend_group g;
    if (!report_group(req, &q, KS_BACKEND_GROUP_DAY, &g, resp))
        return;
    const char *by = req->by ? req->by : "kiosk";
    if (strcmp(by, "kiosk") != 0 && strcmp(by, "store") != 0) {
        ks_backend_refuse(resp, 400, "expected kiosk or store", "by");
        return;
    }
    ks_backend_report_text *text =
        report_text(&q, json_pack("{s:s, s:s}", "group", group_names[g], "by", by), sales_columns,
                    sizeof sales_columns / sizeof *sales_columns, resp);
    if (!text)
        return;
    const ks_backend_sink sink = ks_backend_report_text_sink(text);
    enum ks_db_error err =
        ks_backend_store_sales(api->store, q.from, q.to, q.store, g, strcmp(by, "store") == 0,
                               api->cfg.utc_offset_min, &sink);
    answer_report(resp, &q, err, text);
}

/* Kitchen speed per hour (the default), business date or month (see ks_backend_store_kitchen). */
static void report_kitchen(ks_backend_api *api, const ks_backend_request *req,
                           ks_backend_response *resp)
{
    struct report_query q;
    if (!report_query(req, &q, resp))
        return;
    enum ks_backend_group g;
    if (!report_group(req, &q, KS_BACKEND_GROUP_HOUR, &g, resp))
        return;
    const char *const *columns =
        g == KS_BACKEND_GROUP_HOUR ? kitchen_hour_columns : kitchen_period_columns;
    ks_backend_report_text *text = report_text(&q, json_pack("{s:s}", "group", group_names[g]),
                                               columns, KITCHEN_COLUMNS, resp);
    if (!text)
        return;
    const ks_backend_sink sink = ks_backend_report_text_sink(text);
    enum ks_db_error err = ks_backend_store_kitchen(api->store, q.from, q.to, q.store, g,
                                                    api->cfg.utc_offset_min, &sink);
    answer_report(resp, &q, err, text);
}

static void report_items(ks_backend_api *api, const ks_backend_request *req,
                         ks_backend_response *resp)
{
    struct report_query q;
    if (!report_query(req, &q, resp))
        return;
    const char *sort = req->sort ? req->sort : "quantity";
    long limit = KS_BACKEND_ITEMS_MAX;
    char *end = NULL;
    if (req->limit)
        limit = strtol(req->limit, &end, 10);
    if (strcmp(sort, "quantity") != 0 && strcmp(sort, "revenue") != 0) {
        ks_backend_refuse(resp, 400, "expected quantity or revenue", "sort");
        return;
    }
    if (req->limit && (end == req->limit || *end || limit < 1 || limit > KS_BACKEND_ITEMS_MAX)) {
        ks_backend_refuse(resp, 400, "limit must be a whole number from 1 to 100", "limit");
        return;
    }
    ks_backend_report_text *text = report_text(&q, json_pack("{s:s}", "sort", sort), items_columns,
                                               sizeof items_columns / sizeof *items_columns, resp);
    if (!text)
        return;
    const ks_backend_sink sink = ks_backend_report_text_sink(text);
    enum ks_db_error err = ks_backend_store_items(api->store, q.from, q.to, q.store,
                                                  strcmp(sort, "revenue") == 0, (int)limit, &sink);
    answer_report(resp, &q, err, text);
}

/* The reports with no options of their own beside the query's. */
enum plain_report {
    PLAIN_VAT,
    PLAIN_PEAK,
    PLAIN_REFUNDS,
    PLAIN_PAYMENTS,
    PLAIN_PROFIT,
    PLAIN_STAFF,
};

static void report_plain(ks_backend_api *api, const ks_backend_request *req,
                         ks_backend_response *resp, enum plain_report which)
{
    static const struct {
        const char *const *columns;
        size_t n;
    } shape[] = {
        [PLAIN_VAT] = {vat_columns, sizeof vat_columns / sizeof *vat_columns},
        [PLAIN_PEAK] = {peak_columns, sizeof peak_columns / sizeof *peak_columns},
        [PLAIN_REFUNDS] = {refunds_columns, sizeof refunds_columns / sizeof *refunds_columns},
        [PLAIN_PAYMENTS] = {payments_columns, sizeof payments_columns / sizeof *payments_columns},
        [PLAIN_PROFIT] = {profit_columns, sizeof profit_columns / sizeof *profit_columns},
        [PLAIN_STAFF] = {staff_columns, sizeof staff_columns / sizeof *staff_columns},
    };
    struct report_query q;
    if (!report_query(req, &q, resp))
        return;
    ks_backend_report_text *text =
        report_text(&q, json_object(), shape[which].columns, shape[which].n, resp);
    if (!text)
        return;
    const ks_backend_sink sink = ks_backend_report_text_sink(text);
    enum ks_db_error err = KS_DB_ERR_INVALID;
    int utc_offset_min = api->cfg.utc_offset_min;
    switch (which) {
    case PLAIN_VAT:
        err = ks_backend_store_vat(api->store, q.from, q.to, q.store, &sink);
        break;
    case PLAIN_PEAK:
        err = ks_backend_store_peak(api->store, q.from, q.to, q.store, utc_offset_min, &sink);
        break;
    case PLAIN_REFUNDS:
        err = ks_backend_store_refunds(api->store, q.from, q.to, q.store, &sink);
        break;
    case PLAIN_PAYMENTS:
        err = ks_backend_store_payments(api->store, q.from, q.to, q.store, &sink);
        break;
    case PLAIN_PROFIT:
        err = ks_backend_store_profit(api->store, q.from, q.to, q.store, &sink);
        break;
    case PLAIN_STAFF:
        err = ks_backend_store_staff(api->store, q.from, q.to, q.store, &sink);
        break;
    }
    answer_report(resp, &q, err, text);
}

static const char *const staff_action_columns[] = {
    "at",     "business_date", "store_id",     "kiosk_id", "staff",    "kind",
    "item",   "order_uuid",    "order_number", "need",     "decision", "wait_s",
    "amount", "uuid",          "place",        "failures", "until_at", "paying_state"};

/* A page of single staff actions: a kind of ks_staff_action_name's, or "refund". */
static bool staff_action_kind_ok(const char *kind)
{
    for (int i = 0; i < KS_STAFF_ACTION_KINDS; i++)
        if (strcmp(kind, ks_staff_action_name((enum ks_staff_action_kind)i)) == 0)
            return true;
    return strcmp(kind, "refund") == 0;
}

/*
 * GET /v1/staff-actions?from=&to=[&store=][&staff=][&kind=][&limit=][&page=][&format=csv]:
 * the single staff actions of those business dates, newest first, a page
 * of limit (default 100, at most 1,000) at a time, page counted from 0.
 */
static void get_staff_actions(ks_backend_api *api, const ks_backend_request *req,
                              ks_backend_response *resp)
{
    struct report_query q;
    long limit, page;
    const char *staff = req->staff ? req->staff : "", *kind = req->kind ? req->kind : "";
    if (!report_query(req, &q, resp))
        return;
    if (staff[0] && !ks_staff_id_ok(staff)) {
        ks_backend_refuse(resp, 400, "expected a person's name or a staff id", "staff");
        return;
    }
    if (kind[0] && !staff_action_kind_ok(kind)) {
        ks_backend_refuse(resp, 400,
                          "expected sold_out, on_sale, reprint, intervention, paying, sign_in, "
                          "pin_lockout, close, open or refund",
                          "kind");
        return;
    }
    if (!ks_backend_limit(req, KS_BACKEND_STAFF_ACTIONS_PAGE, KS_BACKEND_STAFF_ACTIONS_PAGE_MAX,
                          &limit, resp) ||
        !ks_backend_whole(req->page, "page", 0, 0, KS_BACKEND_STAFF_ACTIONS_PAGES_MAX, &page, resp))
        return;
    ks_backend_report_text *text = report_text(
        &q,
        json_pack("{s:s, s:s, s:I, s:I}", "staff", staff, "kind", kind, "limit", (json_int_t)limit,
                  "page", (json_int_t)page),
        staff_action_columns, sizeof staff_action_columns / sizeof *staff_action_columns, resp);
    if (!text)
        return;
    const ks_backend_sink sink = ks_backend_report_text_sink(text);
    const ks_backend_staff_action_query asked = {q.from, q.to,  q.store,     staff,
                                                 kind,   limit, limit * page};
    answer_report(resp, &q, ks_backend_store_staff_actions(api->store, &asked, &sink), text);
}

/*
 * GET /r/<token>[.png]: open to anyone holding the token. A path that is
 * not a token, or a token of no order, is one 404 (no hint which), and
 * counts against the address like a refused token: tokens are not
 * guessable, so whoever sends many wrong ones is guessing.
 */
static void get_receipt(ks_backend_api *api, const ks_backend_request *req,
                        ks_backend_response *resp)
{
    char token[KS_RECEIPT_TOKEN_LEN + 1];
    bool png = false;
    char *json = NULL;
    enum ks_db_error err = KS_DB_ERR_NOT_FOUND;
    if (api->cfg.receipts.vat_number[0] && ks_backend_receipt_path(req->path, token, &png))
        err = ks_backend_store_receipt(api->store, token, &json);
    if (err == KS_DB_ERR_NOT_FOUND) {
        ks_backend_refuse(resp, 404, "no such receipt", "");
        resp->refusal = true;
        return;
    }
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return;
    }
    ks_order_json_error json_err;
    ks_order *order = ks_order_from_json(json, strlen(json), &json_err);
    free(json);
    if (!order) { /* stored after the same check: the database was changed by hand */
        LOG_ERROR("the order of a receipt token does not read: %s: %s", json_err.path,
                  json_err.reason);
        ks_backend_refuse(resp, 500, "the order cannot be read", "");
        return;
    }
    /* Numbered as the kiosk printed it once the archive has its signed invoice. */
    char number[KS_EINVOICE_FACT_NUMBER_MAX + 1];
    err = ks_backend_store_einvoice_of_order(api->store, order->store_id, order->uuid, number,
                                             sizeof number);
    if (err != KS_DB_OK && err != KS_DB_ERR_NOT_FOUND)
        LOG_ERROR("the e-invoice of order %s cannot be read: %s", order->uuid, ks_db_strerror(err));
    size_t len = 0;
    char *body =
        ks_backend_receipt_render(api->receipts, order, err == KS_DB_OK ? number : NULL, png, &len);
    ks_order_free(order);
    if (!body) {
        ks_backend_refuse(resp, 500, "the receipt cannot be made", "");
        return;
    }
    resp->status = 200;
    resp->content_type = png ? PNG_TYPE : HTML_TYPE;
    resp->body = body;
    resp->body_len = len;
    /* Whoever holds the link may read it; nothing between may keep it. */
    resp->cache_control = "private, no-store";
}

/* The session cookie of id ("" ends it) into resp->set_cookie. */
static void set_session_cookie(const ks_backend_api *api, const char *id, ks_backend_response *resp)
{
    snprintf(resp->set_cookie, sizeof resp->set_cookie,
             KS_SESSION_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s", id,
             id[0] ? KS_SESSION_MAX_S : 0, api->secure_cookie ? "; Secure" : "");
}

/* Answers 200 with who p is and the session's CSRF token. */
static void answer_person(const ks_backend_person *p, const char *csrf, ks_backend_response *resp)
{
    json_t *stores = json_array();
    for (size_t i = 0; stores && i < p->n_stores; i++)
        json_array_append_new(stores, json_string(p->stores[i]));
    ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:o*, s:s}", "name", p->name, "role",
                           ks_backend_role_name(p->role), "stores", stores, "csrf", csrf);
}

/* The seconds the login of name from client must wait at now, the longer of the two limits. */
static enum ks_db_error login_wait(ks_backend_api *api, const char *name_key, const char *addr_key,
                                   int64_t now, int64_t *wait)
{
    int64_t by_name = 0, by_addr = 0;
    enum ks_db_error err = ks_backend_login_wait(api->store, name_key, now, &by_name);
    if (err == KS_DB_OK)
        err = ks_backend_login_wait(api->store, addr_key, now, &by_addr);
    *wait = by_name > by_addr ? by_name : by_addr;
    return err;
}

/* True when login's password is its person's; an unknown name is checked against a stand-in. */
static bool login_verify(ks_backend_api *api, const ks_login *login, enum ks_db_error *err,
                         ks_backend_person *p)
{
    char hash[KS_PASSWORD_HASH_MAX];
    *err = ks_backend_store_person(api->store, login->name, p, hash);
    if (*err == KS_DB_ERR_NOT_FOUND) {
        *err = KS_DB_OK;
        if (!api->stand_in_hash[0] &&
            !ks_backend_password_hash(
                "stand-in", 8, api->cfg.fast_password_hash ? KS_PWHASH_FAST : KS_PWHASH_INTERACTIVE,
                api->stand_in_hash))
            *err = KS_DB_ERR_NO_MEMORY;
        if (*err == KS_DB_OK)
            ks_backend_password_verify(api->stand_in_hash, login->password, login->password_len);
        return false;
    }
    return *err == KS_DB_OK &&
           ks_backend_password_verify(hash, login->password, login->password_len);
}

/* POST /v1/session: a name and password in, a session cookie and the CSRF token out. */
static void post_login(ks_backend_api *api, const ks_backend_request *req, int64_t now,
                       ks_backend_response *resp)
{
    if (!ks_backend_body_fits(req, KS_LOGIN_BODY_MAX, resp))
        return;
    ks_login login;
    ks_json_error why;
    char name_key[KS_LOGIN_KEY_MAX + 1], addr_key[KS_LOGIN_KEY_MAX + 1];
    int64_t wait = 0;
    enum ks_db_error err;
    ks_backend_person person;
    if (!ks_login_parse(req->body, req->body_len, &login, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    snprintf(name_key, sizeof name_key, "name:%s", login.name);
    snprintf(addr_key, sizeof addr_key, "addr:%.64s", req->client ? req->client : "");
    if ((err = login_wait(api, name_key, addr_key, now, &wait)) != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if (wait > 0) {
        ks_backend_refuse(resp, 429, "too many failed logins: try again later", "");
        resp->retry_after_s = wait;
    } else if (!login_verify(api, &login, &err, &person)) {
        if (err == KS_DB_OK)
            err = ks_backend_login_failed(api->store, name_key, now);
        if (err == KS_DB_OK)
            err = ks_backend_login_failed(api->store, addr_key, now);
        if (err != KS_DB_OK) {
            ks_backend_refuse_db(resp, err);
        } else {
            LOG_WARN("failed login as %s from %s", login.name, req->client ? req->client : "?");
            ks_backend_refuse(resp, 401, "wrong name or password", "");
        }
    } else {
        char id[KS_SESSION_HEX_LEN + 1], csrf[KS_SESSION_HEX_LEN + 1];
        err = ks_backend_login_cleared(api->store, name_key);
        if (err == KS_DB_OK)
            err = ks_backend_session_open(api->store, person.name, now, id, csrf);
        if (err != KS_DB_OK) {
            ks_backend_refuse_db(resp, err);
        } else {
            LOG_INFO("%s (%s) logged in from %s", person.name, ks_backend_role_name(person.role),
                     req->client ? req->client : "?");
            answer_person(&person, csrf, resp);
            set_session_cookie(api, id, resp);
            sodium_memzero(id, sizeof id);
        }
    }
    sodium_memzero(&login, sizeof login);
}

/* POST /v1/session/logout: the session ends and its cookie is cleared. */
static void post_logout(ks_backend_api *api, const ks_backend_request *req,
                        ks_backend_response *resp)
{
    char id[KS_SESSION_HEX_LEN + 1];
    enum ks_db_error err =
        ks_login_cookie(req->cookie, id) ? ks_backend_session_close(api->store, id) : KS_DB_OK;
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return;
    }
    ks_backend_answer_pack(resp, 200, "{s:s}", "status", "logged out");
    set_session_cookie(api, "", resp);
}

/* GET /v1/audit?store=ID&limit=N: the latest changes, newest first. */
static void get_audit(ks_backend_api *api, const ks_backend_request *req, ks_backend_response *resp)
{
    const char *store = req->store ? req->store : "";
    long limit = 0;
    json_t *rows = NULL;
    enum ks_db_error err;
    if (store[0] && !ks_device_id_ok(store))
        ks_backend_refuse(resp, 400, "expected a store id", "store");
    else if (!ks_backend_limit(req, KS_BACKEND_AUDIT_DEFAULT, KS_BACKEND_AUDIT_MAX, &limit, resp))
        return;
    else if ((err = ks_backend_store_audit(api->store, store, (int)limit, &rows)) != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:o}", "store", store, "rows", rows);
}

static void health(ks_backend_api *api, ks_backend_response *resp)
{
    int64_t count = 0;
    enum ks_db_error err = ks_backend_store_count_orders(api->store, &count);
    if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:I}", "status", "ok", "orders",
                               (json_int_t)count);
}

/* The routes: path, method, who may call it. */
enum route {
    R_PAGE,
    R_APP,
    R_HEALTH,
    R_ORDERS,
    R_HEARTBEAT,
    R_MENU,
    R_KIOSKS,
    R_SALES,
    R_ITEMS,
    R_VAT,
    R_PEAK,
    R_REFUNDS_REPORT,
    R_MENU_IMAGES,
    R_IMAGE,
    R_RECEIPT,
    R_KITCHEN_EVENT,
    R_KITCHEN_REPORT,
    R_REFUND,
    R_STOCK,
    R_STOCK_ADJUST,
    R_RECIPE,
    R_RECIPES,
    R_THRESHOLD,
    R_ALERTS,
    R_REORDER,
    R_SOLDOUT,
    R_LOGIN,
    R_WHOAMI,
    R_LOGOUT,
    R_AUDIT,
    R_PRICES,
    R_PRICE_SET,
    R_AVAILABILITY,
    R_AVAILABILITY_SET,
    R_PRICE_DELTAS,
    R_PRICE_DELTA_SET,
    R_PRICE_CHAIN,
    R_STORES,
    R_STORE_ADD,
    R_DEVICES,
    R_ENROL_CODE,
    R_ENROL,
    R_DEVICE_REVOKE,
    R_PAYMENTS_REPORT,
    R_PROFIT_REPORT,
    R_STAFF_REPORT,
    R_COSTS,
    R_COST_SET,
    R_REFUND_REQUEST,
    R_REFUND_REQUESTS,
    R_REFUND_PENDING,
    R_REFUND_REFUSAL,
    R_PEOPLE,
    R_PERSON_ADD,
    R_PERSON_CHANGE,
    R_PERSON_RESET,
    R_PERSON_REMOVE,
    R_PASSWORD,
    R_KIOSK_PIN,
    R_KIOSK_PIN_CLEAR,
    R_STAFF_PINS,
    R_STAFF_ACTION,
    R_STAFF_ACTIONS,
    R_PEERS,
    R_EINVOICE_COPY,
    R_EINVOICES,
    R_EINVOICE_XML,
    R_ORDER,
    R_ORDER_FIND,
    R_RESERVE, /* the reservation routes last: they are matched as i >= R_RESERVATION */
    R_RESERVATION,
    R_RESERVATION_CONFIRM,
    R_RESERVATION_RELEASE,
};

/* Who may call a route (kiosk/docs/backend-api.md, "Roles"). */
enum access {
    A_OPEN,         /* anyone */
    A_KIOSK,        /* a kiosk's token */
    A_KIOSK_READ,   /* a kiosk, or anyone of the back office */
    A_DEVICE,       /* a device of a store: kiosk, kitchen display, attendant console */
    A_STAFF_LIST,   /* a kiosk or an attendant console (the people who sign in there) */
    A_READ,         /* anyone of the back office: head office, store managers, auditors */
    A_CHAIN_READ,   /* head office and auditors */
    A_STORE_CHANGE, /* head office, or a store manager for their own store (in the body) */
    A_CHAIN_CHANGE, /* head office only */
    A_SESSION,      /* a person's session cookie */
    A_CHANNEL,      /* a sales channel's token */
};

static const struct {
    const char *path;
    bool post;
    enum access access;
    bool by_store; /* a store manager must name one of their stores in ?store= */
} routes[] = {
    [R_PAGE] = {"/", false, A_OPEN, false},
    [R_APP] = {KS_BACKEND_APP_PREFIX, false, A_OPEN, false}, /* /app/<file> */
    [R_HEALTH] = {"/v1/health", false, A_OPEN, false},
    [R_ORDERS] = {"/v1/orders", true, A_KIOSK, false},
    [R_HEARTBEAT] = {"/v1/heartbeat", true, A_KIOSK, false},
    [R_MENU] = {"/v1/menu", false, A_KIOSK_READ, true},
    [R_KIOSKS] = {"/v1/kiosks", false, A_READ, true},
    [R_SALES] = {"/v1/reports/sales", false, A_READ, true},
    [R_ITEMS] = {"/v1/reports/items", false, A_READ, true},
    [R_VAT] = {"/v1/reports/vat", false, A_READ, true},
    [R_PEAK] = {"/v1/reports/peak", false, A_READ, true},
    [R_REFUNDS_REPORT] = {"/v1/reports/refunds", false, A_READ, true},
    [R_MENU_IMAGES] = {"/v1/menu/images", false, A_KIOSK_READ, true},
    [R_IMAGE] = {"/v1/images/", false, A_KIOSK_READ, false}, /* a prefix: /v1/images/<SHA-256> */
    [R_RECEIPT] = {KS_BACKEND_RECEIPT_PREFIX, false, A_OPEN, false}, /* /r/<token>[.png] */
    [R_KITCHEN_EVENT] = {ORDER_PREFIX, true, A_KIOSK, false},        /* /v1/orders/<uuid>/kitchen */
    [R_KITCHEN_REPORT] = {"/v1/reports/kitchen", false, A_READ, true},
    [R_REFUND] = {ORDER_PREFIX, true, A_KIOSK, false}, /* /v1/orders/<uuid>/refunds */
    [R_STOCK] = {"/v1/stock", false, A_READ, true},
    [R_STOCK_ADJUST] = {"/v1/stock/adjustments", true, A_STORE_CHANGE, false},
    [R_RECIPE] = {"/v1/stock/recipes", true, A_CHAIN_CHANGE, false},
    [R_RECIPES] = {"/v1/stock/recipes", false, A_READ, false},
    [R_THRESHOLD] = {"/v1/stock/thresholds", true, A_STORE_CHANGE, false},
    [R_ALERTS] = {"/v1/stock/alerts", false, A_READ, true},
    [R_REORDER] = {"/v1/stock/reorder", false, A_READ, true},
    [R_SOLDOUT] = {"/v1/stock/soldout", false, A_KIOSK_READ, true},
    [R_LOGIN] = {"/v1/session", true, A_OPEN, false},
    [R_WHOAMI] = {"/v1/session", false, A_SESSION, false},
    [R_LOGOUT] = {"/v1/session/logout", true, A_SESSION, false},
    [R_AUDIT] = {"/v1/audit", false, A_CHAIN_READ, false},
    [R_RESERVE] = {"/v1/stock/reservations", true, A_CHANNEL, false},
    [R_RESERVATION] = {RESERVATION_PREFIX, false, A_CHANNEL, false},        /* .../<uuid> */
    [R_RESERVATION_CONFIRM] = {RESERVATION_PREFIX, true, A_CHANNEL, false}, /* .../<uuid>/confirm */
    [R_RESERVATION_RELEASE] = {RESERVATION_PREFIX, true, A_CHANNEL, false}, /* .../<uuid>/release */
    [R_PRICES] = {"/v1/prices", false, A_READ, true},
    [R_PRICE_SET] = {"/v1/prices", true, A_STORE_CHANGE, false},
    [R_AVAILABILITY] = {"/v1/availability", false, A_READ, true},
    [R_AVAILABILITY_SET] = {"/v1/availability", true, A_STORE_CHANGE, false},
    [R_PRICE_DELTAS] = {"/v1/price-deltas", false, A_READ, true},
    [R_PRICE_DELTA_SET] = {"/v1/price-deltas", true, A_STORE_CHANGE, false},
    [R_PRICE_CHAIN] = {"/v1/prices/chain", true, A_CHAIN_CHANGE, false},
    [R_STORES] = {"/v1/stores", false, A_READ, false},
    [R_STORE_ADD] = {"/v1/stores", true, A_CHAIN_CHANGE, false},
    [R_DEVICES] = {"/v1/devices", false, A_READ, true},
    [R_ENROL_CODE] = {"/v1/devices/enrolment-codes", true, A_STORE_CHANGE, false},
    [R_ENROL] = {"/v1/devices/enrol", true, A_OPEN, false},
    [R_DEVICE_REVOKE] = {KS_DEVICES_PREFIX, true, A_STORE_CHANGE, false}, /* .../<id>/revoke */
    [R_PAYMENTS_REPORT] = {"/v1/reports/payments", false, A_READ, true},
    [R_PROFIT_REPORT] = {"/v1/reports/profit", false, A_READ, true},
    [R_STAFF_REPORT] = {"/v1/reports/staff", false, A_READ, true},
    [R_COSTS] = {"/v1/costs", false, A_READ, false},
    [R_COST_SET] = {"/v1/costs", true, A_CHAIN_CHANGE, false},
    [R_REFUND_REQUEST] = {"/v1/refund-requests", true, A_STORE_CHANGE, false},
    [R_REFUND_REQUESTS] = {"/v1/refund-requests", false, A_READ, true},
    [R_REFUND_PENDING] = {"/v1/refund-requests/pending", false, A_KIOSK, false},
    [R_REFUND_REFUSAL] = {REFUND_REQUEST_PREFIX, true, A_KIOSK, false}, /* .../<uuid>/refusal */
    [R_PEOPLE] = {"/v1/people", false, A_READ, true},
    [R_PERSON_ADD] = {"/v1/people", true, A_CHAIN_CHANGE, false},
    [R_PERSON_CHANGE] = {KS_PEOPLE_PREFIX, true, A_CHAIN_CHANGE, false}, /* .../<name> */
    [R_PERSON_RESET] = {KS_PEOPLE_PREFIX, true, A_CHAIN_CHANGE, false},  /* .../<name>/password */
    [R_PERSON_REMOVE] = {KS_PEOPLE_PREFIX, true, A_CHAIN_CHANGE, false}, /* .../<name>/remove */
    [R_PASSWORD] = {"/v1/session/password", true, A_SESSION, false},
    [R_KIOSK_PIN] = {KS_PEOPLE_PREFIX, true, A_STORE_CHANGE, false}, /* .../<name>/kiosk-pin */
    [R_KIOSK_PIN_CLEAR] = {KS_PEOPLE_PREFIX, true, A_STORE_CHANGE, false}, /* .../clear */
    [R_STAFF_PINS] = {"/v1/staff", false, A_STAFF_LIST, true},
    /* a kiosk's, or an attendant console's sign-ins and lockouts (post_staff_action) */
    [R_STAFF_ACTION] = {"/v1/staff-actions", true, A_STAFF_LIST, false},
    [R_STAFF_ACTIONS] = {"/v1/staff-actions", false, A_READ, true},
    [R_PEERS] = {"/v1/devices/peers", false, A_DEVICE, true},
    [R_EINVOICE_COPY] = {"/v1/einvoices", true, A_KIOSK, false},
    [R_EINVOICES] = {"/v1/einvoices", false, A_READ, true},
    [R_EINVOICE_XML] = {KS_EINVOICES_PREFIX, false, A_READ, true}, /* .../<uuid> */
    [R_ORDER] = {ORDER_PREFIX, false, A_READ, false}, /* /v1/orders/<uuid>: its store checked */
    [R_ORDER_FIND] = {"/v1/orders", false, A_READ, true},
};

/* The suffix after the uuid of the reservation routes. */
static const char *const reservation_suffix[] = {[R_RESERVATION] = "",
                                                 [R_RESERVATION_CONFIRM] = "/confirm",
                                                 [R_RESERVATION_RELEASE] = "/release"};

/* True when pr may call a route of access a (the store is checked apart). */
static bool allowed(const struct principal *pr, enum access a)
{
    enum ks_backend_role role = pr->person.role;
    /* Staff have a person for their kiosk PIN only: no back-office route is theirs. */
    bool back_office = pr->who == CALLER_MANAGER && role != KS_ROLE_STAFF;
    switch (a) {
    case A_OPEN:
        return true;
    case A_KIOSK:
        return pr->who == CALLER_KIOSK && pr->kind == KS_DEVICE_KIOSK;
    case A_KIOSK_READ:
        return pr->who == CALLER_KIOSK || back_office;
    case A_DEVICE:
        return pr->who == CALLER_KIOSK;
    case A_STAFF_LIST:
        return pr->who == CALLER_KIOSK &&
               (pr->kind == KS_DEVICE_KIOSK || pr->kind == KS_DEVICE_ATTENDANT);
    case A_READ:
        return back_office;
    case A_CHAIN_READ:
        return back_office && role != KS_ROLE_STORE_MANAGER;
    case A_STORE_CHANGE:
        return back_office && role != KS_ROLE_AUDITOR;
    case A_CHAIN_CHANGE:
        return back_office && role == KS_ROLE_HEAD_OFFICE;
    case A_SESSION:
        return pr->session;
    case A_CHANNEL:
        return pr->who == CALLER_CHANNEL;
    }
    return false;
}

/*
 * After the route: who calls, and whether they may (401, 403, 503 answered
 * when not). A change made with a session cookie must carry the session's
 * CSRF token in X-CSRF-Token (compared in constant time): a page of
 * another site cannot read it, so it cannot send it.
 */
static bool authorise(ks_backend_api *api, const ks_backend_request *req, int r, bool post,
                      int64_t now, struct principal *pr, ks_backend_response *resp)
{
    memset(pr, 0, sizeof *pr);
    if (routes[r].access == A_OPEN)
        return true;
    enum ks_db_error err = identify(api, req, now, pr);
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return false;
    }
    if (!allowed(pr, routes[r].access)) {
        ks_backend_refuse(resp, pr->who == CALLER_NONE ? 401 : 403,
                          pr->who == CALLER_NONE ? "missing or unknown token"
                                                 : "this token may not use this",
                          "");
        return false;
    }
    if (pr->session && post &&
        (!ks_session_hex_ok(req->csrf_token) ||
         sodium_memcmp(req->csrf_token, pr->csrf, KS_SESSION_HEX_LEN) != 0)) {
        ks_backend_refuse(resp, 403, "missing or wrong X-CSRF-Token", "");
        return false;
    }
    if (routes[r].by_store && pr->who == CALLER_MANAGER && !has_store(pr, req->store)) {
        ks_backend_refuse(resp, 403, "a store manager must name one of their stores", "store");
        return false;
    }
    if (routes[r].by_store && pr->who == CALLER_KIOSK && pr->kiosk->store_id[0] &&
        (!req->store || strcmp(req->store, pr->kiosk->store_id) != 0)) {
        ks_backend_refuse(resp, 403, "this device serves another store", "store");
        return false;
    }
    return true;
}

/* The routes of stores and devices (backend_enrol.h), their bodies within KS_DEVICE_BODY_MAX. */
static void devices_call(ks_backend_api *api, const ks_backend_request *req,
                         const struct principal *pr, int r, int64_t now, ks_backend_response *resp)
{
    static void (*const handlers[])(const ks_backend_call *, ks_backend_response *) = {
        [R_STORES] = ks_enrol_get_stores,   [R_STORE_ADD] = ks_enrol_post_store,
        [R_DEVICES] = ks_enrol_get_devices, [R_ENROL_CODE] = ks_enrol_post_code,
        [R_ENROL] = ks_enrol_post_enrol,    [R_DEVICE_REVOKE] = ks_enrol_post_revoke,
    };
    const ks_backend_call call = {api->store, &api->cfg, req, &pr->person, &pr->actor, now, NULL};
    if (ks_backend_body_fits(req, KS_DEVICE_BODY_MAX, resp))
        handlers[r](&call, resp);
}

/* The routes of people (backend_people_routes.h), their bodies within KS_PERSON_BODY_MAX. */
static void people_call(ks_backend_api *api, const ks_backend_request *req,
                        const struct principal *pr, int r, int64_t now, ks_backend_response *resp)
{
    static void (*const handlers[])(const ks_backend_call *, ks_backend_response *) = {
        [R_PEOPLE] = ks_people_get,
        [R_PERSON_ADD] = ks_people_post_add,
        [R_PERSON_CHANGE] = ks_people_post_change,
        [R_PERSON_RESET] = ks_people_post_reset,
        [R_PERSON_REMOVE] = ks_people_post_remove,
        [R_PASSWORD] = ks_people_post_own_password,
        [R_KIOSK_PIN] = ks_people_post_kiosk_pin,
        [R_KIOSK_PIN_CLEAR] = ks_people_post_kiosk_pin_clear,
    };
    const ks_backend_call call = {api->store, &api->cfg, req, &pr->person, &pr->actor, now, NULL};
    if (ks_backend_body_fits(req, KS_PERSON_BODY_MAX, resp))
        handlers[r](&call, resp);
}

/* The routes of the e-invoice archive (backend_einvoice_routes.h). */
static void einvoices_call(ks_backend_api *api, const ks_backend_request *req,
                           const struct principal *pr, int r, int64_t now,
                           ks_backend_response *resp)
{
    static void (*const handlers[])(const ks_backend_call *, ks_backend_response *) = {
        [R_EINVOICE_COPY] = ks_einvoice_post_copy,
        [R_EINVOICES] = ks_einvoice_get_list,
        [R_EINVOICE_XML] = ks_einvoice_get_xml,
    };
    const ks_backend_call call = {api->store, &api->cfg, req,      &pr->person,
                                  &pr->actor, now,       pr->kiosk};
    if (ks_backend_body_fits(req, KS_EINVOICE_COPY_BODY_MAX, resp))
        handlers[r](&call, resp);
}

/* One order's page (backend_order_routes.h): the order of the path, or the find. */
static void orders_call(ks_backend_api *api, const ks_backend_request *req,
                        const struct principal *pr, bool one, int64_t now,
                        ks_backend_response *resp)
{
    const ks_backend_call call = {api->store, &api->cfg, req, &pr->person, &pr->actor, now, NULL};
    if (one)
        ks_order_get_view(&call, req->path + strlen(ORDER_PREFIX), resp);
    else
        ks_order_get_find(&call, resp);
}

void ks_backend_api_handle(ks_backend_api *api, const ks_backend_request *req, int64_t now,
                           ks_backend_response *resp)
{
    memset(resp, 0, sizeof *resp);
    const char *method = req->method ? req->method : "";
    const char *path = req->path ? req->path : "";
    int r = -1;
    bool post = strcmp(method, "POST") == 0;
    char id[37];
    /* Of two routes on one path (a GET and a POST), the one of the request's method. */
    for (int i = 0; i < (int)(sizeof routes / sizeof routes[0]); i++)
        if ((i == R_DEVICE_REVOKE     ? ks_enrol_revoke_path(path, NULL)
             : i == R_KITCHEN_EVENT   ? order_path(path, "/kitchen")
             : i == R_REFUND          ? order_path(path, "/refunds")
             : i == R_REFUND_REFUSAL  ? uuid_path(path, REFUND_REQUEST_PREFIX, "/refusal", id)
             : i == R_PERSON_CHANGE   ? ks_people_path(path, "", NULL)
             : i == R_PERSON_RESET    ? ks_people_path(path, KS_PEOPLE_PASSWORD_SUFFIX, NULL)
             : i == R_PERSON_REMOVE   ? ks_people_path(path, KS_PEOPLE_REMOVE_SUFFIX, NULL)
             : i == R_KIOSK_PIN       ? ks_people_path(path, KS_PEOPLE_PIN_SUFFIX, NULL)
             : i == R_KIOSK_PIN_CLEAR ? ks_people_path(path, KS_PEOPLE_PIN_CLEAR_SUFFIX, NULL)
             : i == R_EINVOICE_XML    ? uuid_path(path, KS_EINVOICES_PREFIX, "", id)
             : i == R_ORDER           ? uuid_path(path, ORDER_PREFIX, "", id)
             : i >= R_RESERVATION
                 ? uuid_path(path, RESERVATION_PREFIX, reservation_suffix[i], id)
                 : strcmp(path, routes[i].path) == 0 ||
                       ((i == R_IMAGE || i == R_RECEIPT || i == R_APP) &&
                        strncmp(path, routes[i].path, strlen(routes[i].path)) == 0)) &&
            (r < 0 || routes[i].post == post))
            r = i;
    if (r < 0) {
        ks_backend_refuse(resp, 404, "no such resource", "");
        return;
    }
    if (strcmp(method, routes[r].post ? "POST" : "GET") != 0) {
        ks_backend_refuse(resp, 405, routes[r].post ? "use POST" : "use GET", "");
        return;
    }
    struct principal pr;
    if (!authorise(api, req, r, post, now, &pr, resp))
        return;
    const ks_backend_kiosk *kiosk = pr.kiosk;
    bool nul;
    char *refusal = ks_http_nul_refusal(req->body, req->body_len, &nul);
    if (nul) {
        ks_backend_answer(resp, 400, KS_BACKEND_JSON_TYPE, refusal);
        return;
    }
    switch ((enum route)r) {
    case R_PAGE:
    case R_APP:
        get_asset(req, resp);
        break;
    case R_HEALTH:
        health(api, resp);
        break;
    case R_ORDERS:
        post_order(api, req, kiosk, now, resp);
        break;
    case R_HEARTBEAT:
        post_heartbeat(api, req, kiosk, now, resp);
        break;
    case R_MENU:
        get_menu(api, req, resp);
        break;
    case R_KIOSKS:
        list_kiosks(api, req, resp);
        break;
    case R_SALES:
        report_sales(api, req, resp);
        break;
    case R_ITEMS:
        report_items(api, req, resp);
        break;
    case R_VAT:
        report_plain(api, req, resp, PLAIN_VAT);
        break;
    case R_PEAK:
        report_plain(api, req, resp, PLAIN_PEAK);
        break;
    case R_REFUNDS_REPORT:
        report_plain(api, req, resp, PLAIN_REFUNDS);
        break;
    case R_MENU_IMAGES:
        get_menu_images(api, req, resp);
        break;
    case R_IMAGE:
        get_image(api, req, resp);
        break;
    case R_RECEIPT:
        get_receipt(api, req, resp);
        break;
    case R_KITCHEN_EVENT:
        post_kitchen_event(api, req, kiosk, now, resp);
        break;
    case R_KITCHEN_REPORT:
        report_kitchen(api, req, resp);
        break;
    case R_REFUND:
        post_refund(api, req, kiosk, now, resp);
        break;
    case R_STOCK:
        get_stock(api, req, now, resp);
        break;
    case R_STOCK_ADJUST:
        post_stock_adjustment(api, req, &pr, now, resp);
        break;
    case R_RECIPE:
        post_recipe(api, req, &pr, now, resp);
        break;
    case R_RECIPES:
        get_recipes(api, resp);
        break;
    case R_THRESHOLD:
        post_threshold(api, req, &pr, now, resp);
        break;
    case R_ALERTS:
        get_alerts(api, req, resp);
        break;
    case R_REORDER:
        get_reorder(api, req, now, resp);
        break;
    case R_SOLDOUT:
        get_soldout(api, req, now, resp);
        break;
    case R_LOGIN:
        post_login(api, req, now, resp);
        break;
    case R_WHOAMI:
        answer_person(&pr.person, pr.csrf, resp);
        break;
    case R_LOGOUT:
        post_logout(api, req, resp);
        break;
    case R_AUDIT:
        get_audit(api, req, resp);
        break;
    case R_RESERVE:
        post_reservation(api, req, pr.channel, now, resp);
        break;
    case R_RESERVATION:
    case R_RESERVATION_CONFIRM:
    case R_RESERVATION_RELEASE:
        reservation_call(api, req, pr.channel, reservation_suffix[r], now, resp);
        break;
    case R_PRICES:
        get_store_terms(api, req, ks_backend_store_prices, "prices", resp);
        break;
    case R_PRICE_SET:
        post_price(api, req, &pr, now, resp);
        break;
    case R_AVAILABILITY:
        get_store_terms(api, req, ks_backend_store_availability, "availability", resp);
        break;
    case R_AVAILABILITY_SET:
        post_availability(api, req, &pr, now, resp);
        break;
    case R_PRICE_DELTAS:
        get_store_terms(api, req, ks_backend_store_price_deltas, "price_deltas", resp);
        break;
    case R_PRICE_DELTA_SET:
        post_price_delta(api, req, &pr, now, resp);
        break;
    case R_PRICE_CHAIN:
        post_chain_price(api, req, &pr, now, resp);
        break;
    case R_STORES:
    case R_STORE_ADD:
    case R_DEVICES:
    case R_ENROL_CODE:
    case R_ENROL:
    case R_DEVICE_REVOKE:
        devices_call(api, req, &pr, r, now, resp);
        break;
    case R_PAYMENTS_REPORT:
        report_plain(api, req, resp, PLAIN_PAYMENTS);
        break;
    case R_PROFIT_REPORT:
        report_plain(api, req, resp, PLAIN_PROFIT);
        break;
    case R_STAFF_REPORT:
        report_plain(api, req, resp, PLAIN_STAFF);
        break;
    case R_COSTS:
        get_costs(api, resp);
        break;
    case R_COST_SET:
        post_cost(api, req, &pr, now, resp);
        break;
    case R_REFUND_REQUEST:
        post_refund_request(api, req, &pr, now, resp);
        break;
    case R_REFUND_REQUESTS:
        get_refund_requests(api, req, NULL, resp);
        break;
    case R_REFUND_PENDING:
        get_refund_requests(api, req, kiosk, resp);
        break;
    case R_REFUND_REFUSAL:
        post_refund_refusal(api, req, kiosk, now, resp);
        break;
    case R_PEOPLE:
    case R_PERSON_ADD:
    case R_PERSON_CHANGE:
    case R_PERSON_RESET:
    case R_PERSON_REMOVE:
    case R_PASSWORD:
    case R_KIOSK_PIN:
    case R_KIOSK_PIN_CLEAR:
        people_call(api, req, &pr, r, now, resp);
        break;
    case R_STAFF_PINS:
        get_staff_pins(api, req, resp);
        break;
    case R_STAFF_ACTION:
        post_staff_action(api, req, kiosk, pr.kind, now, resp);
        break;
    case R_STAFF_ACTIONS:
        get_staff_actions(api, req, resp);
        break;
    case R_PEERS:
        get_peers(api, req, resp);
        break;
    case R_EINVOICE_COPY:
    case R_EINVOICES:
    case R_EINVOICE_XML:
        einvoices_call(api, req, &pr, r, now, resp);
        break;
    case R_ORDER:
    case R_ORDER_FIND:
        orders_call(api, req, &pr, r == R_ORDER, now, resp);
        break;
    }
}
