/* The kitchen display's HTTP receiver on kiosk/http: see kiosk/kitchen/kds_server.h. */
#include "kiosk/kitchen/kds_server.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/domain/order_json.h"
#include "kiosk/http/http_server.h"

/* Simultaneous connections: a few kiosks, boards and staff tools. */
#define MAX_CONNECTIONS 64

struct ks_kds_server {
    ks_http_server *http; /* owned */
    ks_kds_api *api;      /* borrowed */
};

static void handle(void *ctx, const ks_http_request *http, ks_http_response *out)
{
    ks_kds_server *server = ctx;
    ks_kds_request req = {
        .method = http->method,
        .path = http->url,
        .status_query = ks_http_request_query(http, "status"),
        .limit_query = ks_http_request_query(http, "limit"),
        .authorization = ks_http_request_header(http, "Authorization"),
        .idempotency_key = ks_http_request_header(http, "Idempotency-Key"),
        .body = http->body,
        .body_len = http->body_len,
        .body_too_large = http->body_too_large,
    };
    ks_kds_response resp;
    ks_kds_api_handle(server->api, &req, (int64_t)time(NULL), &resp);
    *out = (ks_http_response){
        .status = resp.status,
        .body = resp.body,
        .body_len = resp.body ? strlen(resp.body) : 0,
        .content_type = "application/json",
    };
}

ks_kds_server *ks_kds_server_start(ks_kds_api *api, const char *listen)
{
    ks_kds_server *server = calloc(1, sizeof *server);
    if (!server)
        return NULL;
    server->api = api;
    server->http = ks_http_server_start("kitchen display", listen, KS_ORDER_JSON_MAX_BYTES,
                                        MAX_CONNECTIONS, handle, server);
    if (!server->http) {
        free(server);
        return NULL;
    }
    return server;
}

uint16_t ks_kds_server_port(const ks_kds_server *server)
{
    return ks_http_server_port(server->http);
}

void ks_kds_server_stop(ks_kds_server *server)
{
    if (!server)
        return;
    ks_http_server_stop(server->http);
    free(server);
}
