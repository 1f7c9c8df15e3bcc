/* The kitchen display's HTTP receiver on kiosk/http: see kiosk/kitchen/kds_server.h. */
#include "kiosk/kitchen/kds_server.h"

#include <string.h>
#include <time.h>

#include "kiosk/domain/order_json.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_server.h"
#include "kiosk/kitchen/kds_soldout_api.h"

/* Simultaneous connections: a few kiosks, boards and staff tools (and room for a flood). */
#define MAX_CONNECTIONS 1024
#define MAX_PER_ADDRESS 16

/*
 * On the I/O thread, headers only: a request for the orders or the
 * sold-out marks without a valid token gets 401 at once, its body never
 * read.
 */
static enum ks_http_lane admit(void *ctx, const ks_http_request *http, ks_http_response *out)
{
    ks_kds_api *api = ctx;
    bool guarded =
        strncmp(http->url, "/v1/orders", 10) == 0 || strcmp(http->url, KS_KDS_SOLDOUT_PATH) == 0;
    if (!guarded ||
        ks_kds_api_role(api, ks_http_request_header(http, "Authorization"), NULL) != KS_KDS_NOBODY)
        return KS_HTTP_FAST;
    ks_kds_response resp = {401, ks_http_error_json("missing or unknown token", "")};
    *out = (ks_http_response){
        .status = resp.status, .body = resp.body, .body_len = resp.body ? strlen(resp.body) : 0};
    return KS_HTTP_ANSWERED;
}

/* On the one worker thread: the API and its store are used by it alone. */
static void handle(void *ctx, void *worker, const ks_http_request *http, ks_http_response *out)
{
    ks_kds_api *api = ctx;
    ks_kds_request req = {
        .method = http->method,
        .path = http->url,
        .status_query = ks_http_request_query(http, "status"),
        .limit_query = ks_http_request_query(http, "limit"),
        .after_query = ks_http_request_query(http, "after"),
        .authorization = ks_http_request_header(http, "Authorization"),
        .idempotency_key = ks_http_request_header(http, "Idempotency-Key"),
        .body = http->body,
        .body_len = http->body_len,
        .body_too_large = http->body_too_large,
    };
    ks_kds_response resp;
    ks_kds_api_handle(api, &req, (int64_t)time(NULL), &resp);
    *out = (ks_http_response){
        .status = resp.status,
        .body = resp.body,
        .body_len = resp.body ? strlen(resp.body) : 0,
        .content_type = "application/json",
    };
}

ks_http_server *ks_kds_server_start(ks_kds_api *api, const char *listen,
                                    const ks_http_tls_config *tls)
{
    const ks_http_options opt = {
        .name = "kitchen display",
        .listen = listen,
        .tls = tls,
        .max_body_bytes = KS_ORDER_JSON_MAX_BYTES,
        .max_connections = MAX_CONNECTIONS,
        .max_per_address = MAX_PER_ADDRESS,
        .fast_workers = 1,
        .admit = admit,
        .handler = handle,
        .ctx = api,
    };
    return ks_http_server_start(&opt);
}
