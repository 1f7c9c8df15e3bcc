/* The shared HTTP receiver on libmicrohttpd: see kiosk/http/http_server.h. */
#define LOG_TAG "http_server"
#include "kiosk/http/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"

/* Seconds an idle connection is kept; the kiosks reuse theirs between orders. */
#define IDLE_TIMEOUT_S 30

struct ks_http_server {
    struct MHD_Daemon *daemon; /* owned */
    ks_http_handler handler;
    void *ctx; /* borrowed from the caller of ks_http_server_start */
    size_t max_body;
    uint16_t port;
};

/* One request being received. */
struct pending {
    char *body; /* owned; grows as the upload arrives */
    size_t len, cap;
    bool too_large;
};

bool ks_http_parse_listen(const char *listen, char address[16], uint16_t *port)
{
    const char *colon = listen ? strrchr(listen, ':') : NULL;
    if (!colon || colon == listen || (size_t)(colon - listen) > 15)
        return false;
    memcpy(address, listen, (size_t)(colon - listen));
    address[colon - listen] = '\0';
    struct in_addr ignored;
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (inet_pton(AF_INET, address, &ignored) != 1 || end == colon + 1 || *end != '\0' || p < 0 ||
        p > 65535)
        return false;
    *port = (uint16_t)p;
    return true;
}

const char *ks_http_request_header(const ks_http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, name);
}

const char *ks_http_request_query(const ks_http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_GET_ARGUMENT_KIND, name);
}

static bool append(struct pending *p, size_t max_body, const char *data, size_t size)
{
    if (p->too_large || size > max_body - p->len) {
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

static enum MHD_Result send_answer(struct MHD_Connection *con, const ks_http_response *resp)
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
    if (resp->etag && resp->etag[0])
        MHD_add_response_header(r, "ETag", resp->etag);
    if (status == 401)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
    if (resp->cache_control)
        MHD_add_response_header(r, "Cache-Control", resp->cache_control);
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    ks_http_server *server = cls;
    struct pending *p = *con_cls;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p)
            return MHD_NO;
        *con_cls = p;
        /* A declared length over the limit is answered at once, before reading the body. */
        const char *length =
            MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && strtoull(length, NULL, 10) > server->max_body)
            p->too_large = true;
        else
            return MHD_YES;
    }
    if (*upload_data_size > 0 && !p->too_large) {
        if (!append(p, server->max_body, upload_data, *upload_data_size))
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    *upload_data_size = 0;

    ks_http_request req = {
        .method = method,
        .url = url,
        .body = p->body,
        .body_len = p->len,
        .body_too_large = p->too_large,
        .connection = con,
    };
    ks_http_response resp = {0};
    server->handler(server->ctx, &req, &resp);
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

ks_http_server *ks_http_server_start(const char *name, const char *listen, size_t max_body_bytes,
                                     unsigned max_connections, ks_http_handler handler, void *ctx)
{
    char address[16];
    uint16_t port = 0;
    if (!ks_http_parse_listen(listen, address, &port)) {
        LOG_ERROR("listen address \"%s\" is not IPv4-ADDRESS:PORT", listen ? listen : "");
        return NULL;
    }
    ks_http_server *server = calloc(1, sizeof *server);
    if (!server)
        return NULL;
    server->handler = handler;
    server->ctx = ctx;
    server->max_body = max_body_bytes;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, address, &sa.sin_addr);
    /* One internal thread: the handler and what it uses are touched by that thread alone. */
    server->daemon =
        MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, port, NULL, NULL, handle, server,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED,
                         completed, server, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
                         MHD_OPTION_CONNECTION_LIMIT, max_connections, MHD_OPTION_END);
    if (!server->daemon) {
        LOG_ERROR("cannot listen on %s (taken, or not an address of this machine)", listen);
        free(server);
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info ? info->port : port;
    LOG_INFO("%s listening on %s:%u", name, address, (unsigned)server->port);
    return server;
}

uint16_t ks_http_server_port(const ks_http_server *server)
{
    return server->port;
}

void ks_http_server_stop(ks_http_server *server)
{
    if (!server)
        return;
    MHD_stop_daemon(server->daemon);
    free(server);
}
