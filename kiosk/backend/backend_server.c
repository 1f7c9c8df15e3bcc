/* The backend's HTTP receiver on kiosk/http: see kiosk/backend/backend_server.h. */
#include "kiosk/backend/backend_server.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/domain/order_json.h"
#include "kiosk/http/http_server.h"

/* Simultaneous connections: the chain's kiosks and a few managers. */
#define MAX_CONNECTIONS 256

struct ks_backend_server {
    ks_http_server *http; /* owned */
    ks_backend_api *api;  /* borrowed */
    char etag[67];        /* the last answer's ETag, read by the server after handle() */
};

static void handle(void *ctx, const ks_http_request *http, ks_http_response *out)
{
    ks_backend_server *server = ctx;
    ks_backend_request req = {
        .method = http->method,
        .path = http->url,
        .authorization = ks_http_request_header(http, "Authorization"),
        .idempotency_key = ks_http_request_header(http, "Idempotency-Key"),
        .if_none_match = ks_http_request_header(http, "If-None-Match"),
        .store = ks_http_request_query(http, "store"),
        .from = ks_http_request_query(http, "from"),
        .to = ks_http_request_query(http, "to"),
        .group = ks_http_request_query(http, "group"),
        .by = ks_http_request_query(http, "by"),
        .sort = ks_http_request_query(http, "sort"),
        .limit = ks_http_request_query(http, "limit"),
        .format = ks_http_request_query(http, "format"),
        .body = http->body,
        .body_len = http->body_len,
        .body_too_large = http->body_too_large,
    };
    ks_backend_response resp;
    ks_backend_api_handle(server->api, &req, (int64_t)time(NULL), &resp);
    /* One internal thread answers every request, so one ETag buffer suffices. */
    memcpy(server->etag, resp.etag, sizeof server->etag);
    *out = (ks_http_response){
        .status = resp.status,
        .body = resp.body,
        .body_len = resp.body_len,
        .content_type = resp.content_type,
        .etag = server->etag,
        /* Reports and kiosk states change all the time; the menu revalidates by its ETag. */
        .cache_control = resp.cache_control ? resp.cache_control : "no-cache",
    };
}

ks_backend_server *ks_backend_server_start(ks_backend_api *api, const char *listen)
{
    ks_backend_server *server = calloc(1, sizeof *server);
    if (!server)
        return NULL;
    server->api = api;
    server->http = ks_http_server_start("backend", listen, KS_ORDER_JSON_MAX_BYTES,
                                        MAX_CONNECTIONS, handle, server);
    if (!server->http) {
        free(server);
        return NULL;
    }
    return server;
}

uint16_t ks_backend_server_port(const ks_backend_server *server)
{
    return ks_http_server_port(server->http);
}

void ks_backend_server_stop(ks_backend_server *server)
{
    if (!server)
        return;
    ks_http_server_stop(server->http);
    free(server);
}
