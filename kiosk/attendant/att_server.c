/* The attendant console's HTTP receiver: see kiosk/attendant/att_server.h. */
#include "kiosk/attendant/att_server.h"

#include <string.h>
#include <sys/time.h>

#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_server.h"

/* A store's lanes and the staff tools, with room for a flood. */
#define MAX_CONNECTIONS 256
#define MAX_PER_ADDRESS 8

static int64_t utc_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static ks_http_response from_api(ks_att_api_response resp)
{
    return (ks_http_response){.status = resp.status,
                              .body = resp.body,
                              .body_len = resp.body ? strlen(resp.body) : 0,
                              .content_type = "application/json"};
}

/* On the I/O thread, headers only: a report without its lane's token gets 401 at once. */
static enum ks_http_lane admit(void *ctx, const ks_http_request *http, ks_http_response *out)
{
    ks_att_api *api = ctx;
    if (strncmp(http->url, "/v1/lanes/", 10) != 0 ||
        ks_att_api_authorized(api, http->url, ks_http_request_header(http, "Authorization")))
        return KS_HTTP_FAST;
    *out = from_api(
        (ks_att_api_response){401, ks_http_error_json("missing or unknown lane token", "")});
    return KS_HTTP_ANSWERED;
}

/* On the one worker thread: the API and its store are used by it alone. */
static void handle(void *ctx, void *worker, const ks_http_request *http, ks_http_response *out)
{
    ks_att_api *api = ctx;
    (void)worker;
    const ks_att_api_request req = {
        .method = http->method,
        .path = http->url,
        .authorization = ks_http_request_header(http, "Authorization"),
        .body = http->body,
        .body_len = http->body_len,
        .body_too_large = http->body_too_large,
    };
    ks_att_api_response resp;
    ks_att_api_handle(api, &req, utc_ms(), &resp);
    *out = from_api(resp);
}

ks_http_server *ks_att_server_start(ks_att_api *api, const char *listen,
                                    const ks_http_tls_config *tls)
{
    const ks_http_options opt = {
        .name = "attendant console",
        .listen = listen,
        .tls = tls,
        .max_body_bytes = KS_ATT_DOC_MAX_BYTES,
        .max_connections = MAX_CONNECTIONS,
        .max_per_address = MAX_PER_ADDRESS,
        .fast_workers = 1,
        .admit = admit,
        .handler = handle,
        .ctx = api,
    };
    return ks_http_server_start(&opt);
}
