/* The backend's HTTP receiver on libmicrohttpd: see kiosk/backend/backend_server.h. */
#define LOG_TAG "backend_server"
#include "kiosk/backend/backend_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/kitchen/kds_server.h"

/* Seconds an idle connection is kept; the kiosks reuse theirs between orders. */
#define IDLE_TIMEOUT_S 30
/* Simultaneous connections: the chain's kiosks and a few managers. */
#define MAX_CONNECTIONS 256

struct ks_backend_server {
    struct MHD_Daemon *daemon; /* owned */
    ks_backend_api *api;       /* borrowed */
    uint16_t port;
};

/* One request being received. */
struct pending {
    char *body; /* owned; grows as the upload arrives */
    size_t len, cap;
    bool too_large;
};

static bool append(struct pending *p, const char *data, size_t size)
{
    if (p->too_large || size > KS_ORDER_JSON_MAX_BYTES - p->len) {
        p->too_large = true;
        free(p->body);
        p->body = NULL;
        p->len = p->cap = 0;
        return true;
    }
    if (p->len + size > p->cap) {
        size_t cap = p->cap ? p->cap : 4096;
        while (cap < p->len + size)
            cap *= 2;
        char *grown = realloc(p->body, cap);
        if (!grown)
            return false;
        p->body = grown;
        p->cap = cap;
    }
    memcpy(p->body + p->len, data, size);
    p->len += size;
    return true;
}

static enum MHD_Result send_answer(struct MHD_Connection *con, const ks_backend_response *resp)
{
    static const char no_memory[] = "{\"error\":\"out of memory\",\"path\":\"\"}";
    int status = resp->status;
    const char *body = resp->body;
    size_t len = resp->body_len;
    if (!body && status != 304) {
        status = 503;
        body = no_memory;
        len = sizeof no_memory - 1;
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)(body ? body : ""), MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    if (status != 304)
        MHD_add_response_header(r, "Content-Type",
                                resp->content_type ? resp->content_type : "application/json");
    if (resp->etag[0])
        MHD_add_response_header(r, "ETag", resp->etag);
    if (status == 401)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
    /* Reports and kiosk states change all the time; the menu revalidates by its ETag. */
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

static const char *value(struct MHD_Connection *con, enum MHD_ValueKind kind, const char *name)
{
    return MHD_lookup_connection_value(con, kind, name);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    ks_backend_server *server = cls;
    struct pending *p = *con_cls;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p)
            return MHD_NO;
        *con_cls = p;
        /* A declared length over the limit is answered at once, before reading the body. */
        const char *length = value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && strtoull(length, NULL, 10) > KS_ORDER_JSON_MAX_BYTES)
            p->too_large = true;
        else
            return MHD_YES;
    }
    if (*upload_data_size > 0 && !p->too_large) {
        if (!append(p, upload_data, *upload_data_size))
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    *upload_data_size = 0;

    ks_backend_request req = {
        .method = method,
        .path = url,
        .authorization = value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
        .idempotency_key = value(con, MHD_HEADER_KIND, "Idempotency-Key"),
        .if_none_match = value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
        .store = value(con, MHD_GET_ARGUMENT_KIND, "store"),
        .from = value(con, MHD_GET_ARGUMENT_KIND, "from"),
        .to = value(con, MHD_GET_ARGUMENT_KIND, "to"),
        .group = value(con, MHD_GET_ARGUMENT_KIND, "group"),
        .by = value(con, MHD_GET_ARGUMENT_KIND, "by"),
        .sort = value(con, MHD_GET_ARGUMENT_KIND, "sort"),
        .limit = value(con, MHD_GET_ARGUMENT_KIND, "limit"),
        .format = value(con, MHD_GET_ARGUMENT_KIND, "format"),
        .body = p->body,
        .body_len = p->len,
        .body_too_large = p->too_large,
    };
    ks_backend_response resp;
    ks_backend_api_handle(server->api, &req, (int64_t)time(NULL), &resp);
    enum MHD_Result ret = send_answer(con, &resp);
    free(resp.body);
    return ret;
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    struct pending *p = *con_cls;
    if (p) {
        free(p->body);
        free(p);
        *con_cls = NULL;
    }
}

ks_backend_server *ks_backend_server_start(ks_backend_api *api, const char *listen)
{
    char address[16];
    uint16_t port = 0;
    if (!ks_kds_parse_listen(listen, address, &port)) {
        LOG_ERROR("listen address \"%s\" is not IPv4-ADDRESS:PORT", listen ? listen : "");
        return NULL;
    }
    ks_backend_server *server = calloc(1, sizeof *server);
    if (!server)
        return NULL;
    server->api = api;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, address, &sa.sin_addr);
    /* One internal thread: the API and its store are used by that thread alone. */
    server->daemon =
        MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, port, NULL, NULL, handle, server,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED,
                         completed, server, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS, MHD_OPTION_END);
    if (!server->daemon) {
        LOG_ERROR("cannot listen on %s (taken, or not an address of this machine)", listen);
        free(server);
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info ? info->port : port;
    LOG_INFO("backend listening on %s:%u", address, (unsigned)server->port);
    return server;
}

uint16_t ks_backend_server_port(const ks_backend_server *server)
{
    return server->port;
}

void ks_backend_server_stop(ks_backend_server *server)
{
    if (!server)
        return;
    MHD_stop_daemon(server->daemon);
    free(server);
}
