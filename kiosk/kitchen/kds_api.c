/* The kitchen display's HTTP API as a function: see kiosk/kitchen/kds_api.h. */
#define LOG_TAG "kds_api"
#include "kiosk/kitchen/kds_api.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_peers.h"
#include "kiosk/kitchen/kds_feed.h"
#include "kiosk/kitchen/kds_soldout_api.h"
#include "kiosk/kitchen/kds_ticket.h"

#define ORDERS_PATH "/v1/orders"
#define EVENTS_PATH "/v1/events"
#define UUID_LEN 36

struct ks_kds_api {
    ks_kds_store *store; /* borrowed */
    ks_kds_credentials creds;
    ks_kds_change_fn on_change;
    void *ctx;           /* borrowed, for on_change */
    ks_http_peers peers; /* the store's enrolled kiosks (ks_kds_api_set_peers) */
};

ks_kds_api *ks_kds_api_new(ks_kds_store *store, const ks_kds_credentials *creds,
                           ks_kds_change_fn on_change, void *ctx)
{
    if (!store || !creds || creds->n_kiosks > KS_KDS_MAX_KIOSKS)
        return NULL;
    for (size_t i = 0; i < creds->n_kiosks; i++)
        if (!ks_device_id_ok(creds->kiosks[i].kiosk_id))
            return NULL;
    ks_kds_api *api = calloc(1, sizeof *api);
    if (!api)
        return NULL;
    api->creds = *creds;
    api->store = store;
    api->on_change = on_change;
    api->ctx = ctx;
    ks_http_peers_init(&api->peers);
    return api;
}

void ks_kds_api_free(ks_kds_api *api)
{
    if (!api)
        return;
    ks_http_peers_destroy(&api->peers);
    free(api);
}

bool ks_kds_api_set_peers(ks_kds_api *api, const ks_peer_list *list)
{
    return ks_http_peers_set(&api->peers, list);
}

/* Sets resp to status and the JSON object packed from fmt (jansson json_pack). */
static void answer(ks_kds_response *resp, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    json_t *body = json_vpack_ex(NULL, 0, fmt, ap);
    va_end(ap);
    resp->status = status;
    resp->body = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
}

static void error(ks_kds_response *resp, int status, const char *reason, const char *path)
{
    resp->status = status;
    resp->body = ks_http_error_json(reason, path);
}

/* True when token is secret, and secret is someone's (not ""); constant time in the secret. */
static bool holds(const char *token, const char *secret)
{
    return ks_http_same_secret(token, secret) & (secret[0] != '\0');
}

enum ks_kds_role ks_kds_api_role(ks_kds_api *api, const char *header, char *kiosk_id)
{
    static const char scheme[] = "Bearer ";
    if (!header || strncmp(header, scheme, sizeof scheme - 1) != 0 ||
        strlen(header) > sizeof scheme - 1 + KS_KDS_TOKEN_MAX)
        return KS_KDS_NOBODY;
    const char *token = header + sizeof scheme - 1;
    const ks_kds_credentials *c = &api->creds;
    /* Every token is compared, whichever matches. */
    enum ks_kds_role role = KS_KDS_NOBODY;
    for (size_t i = 0; i < c->n_kiosks; i++)
        if (holds(token, c->kiosks[i].token)) {
            role = KS_KDS_KIOSK;
            if (kiosk_id)
                memcpy(kiosk_id, c->kiosks[i].kiosk_id, sizeof c->kiosks[i].kiosk_id);
        }
    if (holds(token, c->bump))
        role = KS_KDS_BUMP;
    if (holds(token, c->collect))
        role = KS_KDS_COLLECT;
    if (holds(token, c->board))
        role = KS_KDS_BOARD;
    if (role != KS_KDS_NOBODY)
        return role;
    /* An enrolled kiosk of the store: its token's digest is in the list pulled. */
    return ks_http_peers_find(&api->peers, token, kiosk_id) ? KS_KDS_KIOSK : KS_KDS_NOBODY;
}

static void notify(const ks_kds_api *api, const char *uuid, enum ks_order_status status,
                   bool is_new)
{
    if (api->on_change)
        api->on_change(uuid, status, is_new, api->ctx);
}

static void post_order(ks_kds_api *api, const ks_kds_request *req, const char *kiosk_id,
                       int64_t now, ks_kds_response *resp)
{
    int status;
    char *why;
    ks_order *order =
        ks_http_order_from_body(req->body, req->body_len, req->body_too_large, &status, &why);
    if (!order) {
        resp->status = status;
        resp->body = why;
        return;
    }
    if (strcmp(order->kiosk_id, kiosk_id) != 0) {
        LOG_WARN("kiosk %s's token sent an order of kiosk %s: refused", kiosk_id, order->kiosk_id);
        error(resp, 403, "this token sends its own kiosk's orders only", "kiosk_id");
    } else if (order->status != KS_ORDER_PAID && order->status != KS_ORDER_CREATED) {
        error(resp, 400, "only paid orders and orders to pay at the counter go to the kitchen",
              "status");
    } else if (req->idempotency_key && strcmp(req->idempotency_key, order->uuid) != 0) {
        error(resp, 400, "Idempotency-Key differs from the order's uuid", "uuid");
    } else {
        bool duplicate = false;
        enum ks_db_error err =
            ks_kds_store_add(api->store, order, req->body, req->body_len, now, &duplicate);
        if (err == KS_DB_ERR_CONFLICT || (err == KS_DB_OK && duplicate)) {
            resp->status = ks_http_stored_order_answer(err == KS_DB_ERR_CONFLICT, order->uuid,
                                                       order->kiosk_id, &resp->body);
        } else if (err != KS_DB_OK) {
            LOG_ERROR("storing ticket %s failed: %s", order->uuid, ks_db_strerror(err));
            error(resp, 503, ks_db_strerror(err), "");
        } else {
            answer(resp, 201, "{s:s, s:s, s:i}", "status", "created", "uuid", order->uuid, "number",
                   (json_int_t)order->number);
            notify(api, order->uuid, order->status, true);
        }
    }
    ks_order_free(order);
}

/* Parses "paid,ready" into a status mask; false on an unknown or over-long name. */
static bool parse_status_list(const char *text, unsigned *mask)
{
    *mask = 0;
    if (strlen(text) > 200)
        return false;
    const char *p = text;
    for (;;) {
        size_t len = strcspn(p, ",");
        char name[32];
        enum ks_order_status s;
        if (len == 0 || len >= sizeof name)
            return false;
        memcpy(name, p, len);
        name[len] = '\0';
        if (!ks_order_status_parse(name, &s))
            return false;
        *mask |= KS_KDS_STATUS(s);
        if (p[len] == '\0')
            return true;
        p += len + 1;
    }
}

/* A query value that is a whole number from min to max into *out; absent (NULL) keeps *out. */
static bool query_number(const char *text, int64_t min, int64_t max, int64_t *out)
{
    if (!text)
        return true;
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || value < min || value > max ||
        text[0] == '+' || text[0] == ' ')
        return false;
    *out = value;
    return true;
}

static void list_orders(ks_kds_api *api, const ks_kds_request *req, ks_kds_response *resp)
{
    unsigned mask = KS_KDS_STATUS(KS_ORDER_PAID) | KS_KDS_STATUS(KS_ORDER_SENT_TO_KITCHEN) |
                    KS_KDS_STATUS(KS_ORDER_IN_PREPARATION) | KS_KDS_STATUS(KS_ORDER_READY);
    if (req->status_query && !parse_status_list(req->status_query, &mask)) {
        error(resp, 400, "status must be a comma-separated list of order statuses", "status");
        return;
    }
    int64_t limit = KS_KDS_LIST_MAX;
    if (!query_number(req->limit_query, 1, KS_KDS_LIST_MAX, &limit)) {
        error(resp, 400, "limit must be a whole number from 1 to 500", "limit");
        return;
    }
    ks_kds_summary *rows = calloc((size_t)limit, sizeof *rows);
    size_t n = 0;
    enum ks_db_error err =
        rows ? ks_kds_store_list(api->store, mask, rows, (size_t)limit, &n) : KS_DB_ERR_NO_MEMORY;
    json_t *list = err == KS_DB_OK ? json_array() : NULL;
    for (size_t i = 0; list && i < n; i++) {
        const ks_kds_summary *s = &rows[i];
        json_t *item = json_pack("{s:s, s:i, s:s, s:s, s:s, s:I, s:I}", "uuid", s->uuid, "number",
                                 (json_int_t)s->number, "kiosk_id", s->kiosk_id, "service",
                                 ks_service_name(s->service), "status",
                                 ks_order_status_name(s->status), "received_at",
                                 (json_int_t)s->received_at, "status_at", (json_int_t)s->status_at);
        if (!item || json_array_append_new(list, item) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    free(rows);
    if (!list) {
        error(resp, 503, ks_db_strerror(err == KS_DB_OK ? KS_DB_ERR_NO_MEMORY : err), "");
        return;
    }
    answer(resp, 200, "{s:o}", "orders", list);
}

/* A status change: the status, and for a counter payment how it was paid. */
struct status_change {
    enum ks_order_status to;
    char method[8]; /* "cash" | "card" with paid, else "" */
};

/*
 * The status change body: {"status": "in_preparation" | "ready" |
 * "collected" | "cancelled"}, or {"status": "paid", "method": "cash" |
 * "card"}; nothing else.
 */
static bool parse_status_body(const ks_kds_request *req, struct status_change *c,
                              const char **reason, const char **path)
{
    *reason = "expected {\"status\": \"in_preparation\" | \"ready\" | \"collected\" | "
              "\"cancelled\"} or {\"status\": \"paid\", \"method\": \"cash\" | \"card\"}";
    *path = "status";
    if (!req->body || req->body_len > KS_KDS_STATUS_BODY_MAX)
        return false;
    json_t *root = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, NULL);
    const char *name = json_string_value(json_object_get(root, "status"));
    json_t *method = json_object_get(root, "method");
    size_t members = json_is_object(root) ? json_object_size(root) : 0;
    bool ok =
        name && ks_order_status_parse(name, &c->to) &&
        (c->to == KS_ORDER_IN_PREPARATION || c->to == KS_ORDER_READY ||
         c->to == KS_ORDER_COLLECTED || c->to == KS_ORDER_CANCELLED || c->to == KS_ORDER_PAID);
    c->method[0] = '\0';
    if (ok && c->to == KS_ORDER_PAID) {
        const char *m = json_string_value(method);
        ok = members == 2 && m && (strcmp(m, "cash") == 0 || strcmp(m, "card") == 0);
        if (ok)
            snprintf(c->method, sizeof c->method, "%s", m);
        else
            *path = "method";
    } else if (ok) {
        ok = members == 1;
    }
    json_decref(root);
    return ok;
}

/* Who may make a change: the bump bars start and finish tickets; the counter takes the money,
 * cancels unpaid orders and hands orders over. */
static bool may_change(enum ks_kds_role role, enum ks_order_status to)
{
    bool counter = to == KS_ORDER_COLLECTED || to == KS_ORDER_PAID || to == KS_ORDER_CANCELLED;
    return role == (counter ? KS_KDS_COLLECT : KS_KDS_BUMP);
}

static void post_status(ks_kds_api *api, const ks_kds_request *req, enum ks_kds_role role,
                        const char *uuid, int64_t now, ks_kds_response *resp)
{
    struct status_change change;
    enum ks_order_status from = KS_ORDER_CREATED;
    const char *reason, *path;
    if (!parse_status_body(req, &change, &reason, &path)) {
        error(resp, 400, reason, path);
        return;
    }
    enum ks_order_status to = change.to;
    if (!may_change(role, to)) {
        error(resp, 403,
              may_change(KS_KDS_COLLECT, to) ? "this change needs the collect (counter) token"
                                             : "bumping needs the bump token",
              "status");
        return;
    }
    enum ks_db_error err;
    if (to == KS_ORDER_PAID)
        err = ks_kds_store_pay(api->store, uuid, change.method, now, &from);
    else
        err = ks_kds_store_set_status(api->store, uuid, to, now, &from);
    if (err == KS_DB_ERR_NOT_FOUND || err == KS_DB_ERR_INVALID) {
        error(resp, 404, "no such order", "");
    } else if (err == KS_DB_ERR_ILLEGAL_TRANSITION) {
        char text[96];
        snprintf(text, sizeof text, "an order that is %s cannot become %s",
                 ks_order_status_name(from), ks_order_status_name(to));
        error(resp, 409, text, "status");
    } else if (err != KS_DB_OK) {
        error(resp, 503, ks_db_strerror(err), "");
    } else {
        answer(resp, 200, "{s:s, s:s, s:s}", "uuid", uuid, "status", ks_order_status_name(to),
               "previous", ks_order_status_name(from));
        if (from != to)
            notify(api, uuid, to, false);
    }
}

/* GET /v1/events?after=ID&limit=N: the calling kiosk's orders' history after ID. */
static void list_events(ks_kds_api *api, const ks_kds_request *req, const char *kiosk_id,
                        ks_kds_response *resp)
{
    int64_t after = 0, limit = KS_KDS_FEED_MAX;
    if (!query_number(req->after_query, 0, INT64_MAX, &after)) {
        error(resp, 400, "after must be a whole number from 0", "after");
        return;
    }
    if (!query_number(req->limit_query, 1, KS_KDS_FEED_MAX, &limit)) {
        error(resp, 400, "limit must be a whole number from 1 to 200", "limit");
        return;
    }
    ks_kds_event *events = calloc((size_t)limit, sizeof *events);
    size_t n = 0;
    int64_t next = after;
    enum ks_db_error err =
        events ? ks_kds_feed_read(api->store, kiosk_id, after, events, (size_t)limit, &n, &next)
               : KS_DB_ERR_NO_MEMORY;
    json_t *list = err == KS_DB_OK ? json_array() : NULL;
    for (size_t i = 0; list && i < n; i++) {
        const ks_kds_event *e = &events[i];
        json_t *item =
            json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)e->id, "uuid", e->uuid, "status",
                      ks_order_status_name(e->status), "at", (json_int_t)e->at);
        bool ok = item != NULL;
        if (ok && e->has_from)
            ok = json_object_set_new(item, "from", json_string(ks_order_status_name(e->from))) == 0;
        if (ok && e->station[0])
            ok = json_object_set_new(item, "station", json_string(e->station)) == 0;
        if (ok && e->method[0])
            ok = json_object_set_new(item, "method", json_string(e->method)) == 0;
        if (!ok || json_array_append_new(list, item) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    free(events);
    if (!list) {
        error(resp, 503, ks_db_strerror(err == KS_DB_OK ? KS_DB_ERR_NO_MEMORY : err), "");
        return;
    }
    answer(resp, 200, "{s:o, s:I}", "events", list, "next", (json_int_t)next);
}

static void health(ks_kds_api *api, ks_kds_response *resp)
{
    int64_t count = 0;
    enum ks_db_error err = ks_kds_store_count(api->store, &count);
    if (err != KS_DB_OK)
        error(resp, 503, ks_db_strerror(err), "");
    else
        answer(resp, 200, "{s:s, s:I}", "status", "ok", "tickets", (json_int_t)count);
}

/* "/v1/orders/<uuid>/status": copies the uuid into out[37]. */
static bool status_path(const char *path, char out[37])
{
    static const char prefix[] = ORDERS_PATH "/";
    if (strncmp(path, prefix, sizeof prefix - 1) != 0)
        return false;
    const char *id = path + sizeof prefix - 1;
    if (strlen(id) != UUID_LEN + strlen("/status") || strcmp(id + UUID_LEN, "/status") != 0)
        return false;
    memcpy(out, id, UUID_LEN);
    out[UUID_LEN] = '\0';
    return true;
}

void ks_kds_api_handle(ks_kds_api *api, const ks_kds_request *req, int64_t now,
                       ks_kds_response *resp)
{
    resp->status = 500;
    resp->body = NULL;
    const char *method = req->method ? req->method : "";
    const char *path = req->path ? req->path : "";
    bool get = strcmp(method, "GET") == 0, post = strcmp(method, "POST") == 0;
    char uuid[37];
    bool orders = strcmp(path, ORDERS_PATH) == 0;
    bool events = strcmp(path, EVENTS_PATH) == 0;
    bool soldout = strcmp(path, KS_KDS_SOLDOUT_PATH) == 0;
    bool status = !orders && !events && !soldout && status_path(path, uuid);

    if (strcmp(path, "/v1/health") == 0) {
        if (get)
            health(api, resp);
        else
            error(resp, 405, "use GET", "");
        return;
    }
    if (!orders && !status && !events && !soldout) {
        error(resp, 404, "no such resource", "");
        return;
    }
    char kiosk_id[KS_DEVICE_ID_MAX + 1] = "";
    enum ks_kds_role role = ks_kds_api_role(api, req->authorization, kiosk_id);
    if (role == KS_KDS_NOBODY) {
        error(resp, 401, "missing or unknown token", "");
        return;
    }
    /* Kiosks send orders and follow their feed; the others read the list; bump and collect
     * tokens move tickets. */
    bool kiosk_request = (orders && post) || events;
    const char *forbidden = NULL;
    if (kiosk_request && role != KS_KDS_KIOSK)
        forbidden =
            orders ? "only a kiosk's token sends orders" : "only a kiosk's token reads its feed";
    else if (!kiosk_request && !soldout && role == KS_KDS_KIOSK)
        forbidden = "a kiosk's token sends orders, reads its feed and the sold-out marks only";
    else if (status && role == KS_KDS_BOARD)
        forbidden = "the board's token reads the list only";
    if (forbidden) {
        error(resp, 403, forbidden, "");
        return;
    }
    bool nul;
    char *refusal = ks_http_nul_refusal(req->body, req->body_len, &nul);
    if (nul) {
        resp->status = 400;
        resp->body = refusal;
        return;
    }
    if (soldout)
        ks_kds_soldout_answer(api->store, req, role, kiosk_id, resp);
    else if (orders && post)
        post_order(api, req, kiosk_id, now, resp);
    else if (orders && get)
        list_orders(api, req, resp);
    else if (status && post)
        post_status(api, req, role, uuid, now, resp);
    else if (events && get)
        list_events(api, req, kiosk_id, resp);
    else
        error(resp, 405, orders ? "use GET or POST" : events ? "use GET" : "use POST", "");
}
