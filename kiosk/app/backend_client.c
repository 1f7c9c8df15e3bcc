/* Requests to the backend beyond orders: see kiosk/app/backend_client.h. */
#define LOG_TAG "backend_client"
#include "kiosk/app/backend_client.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/app/config.h"
#include "kiosk/app/delivery.h"
#include "kiosk/app/http_handle.h"
#include "kiosk/common/log.h"
#include "kiosk/common/outgoing_url.h"

#define DEFAULT_TIMEOUT_MS 10000
#define POST_ANSWER_MAX 16384

struct ks_backend_client {
    /* Owned; made by the first request, on the thread that asks (libcurl loads on first use). */
    CURL *curl;
    char root[KS_URL_MAX + 1];
    char auth_header[KS_CONFIG_TOKEN_MAX + 32]; /* "" when the client sends no token */
    char ca_file[1024];                         /* "" for the system's CAs */
    long timeout_ms;
    const char *user_agent;  /* static */
    const atomic_bool *stop; /* borrowed */
};

bool ks_backend_client_root(const char *orders_url, char *out, size_t cap)
{
    static const char suffix[] = "/orders";
    size_t len = orders_url ? strlen(orders_url) : 0;
    size_t keep = len >= sizeof suffix - 1 ? len - (sizeof suffix - 1) : 0;
    if (cap)
        out[0] = '\0';
    if (len < sizeof suffix || strcmp(orders_url + keep, suffix) != 0 || keep >= cap)
        return false;
    memcpy(out, orders_url, keep);
    out[keep] = '\0';
    return true;
}

static int abandon_on_stop(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                           curl_off_t ulnow)
{
    const ks_backend_client *c = ctx;
    return c->stop && atomic_load(c->stop) ? 1 : 0;
}

void ks_backend_client_free(ks_backend_client *c)
{
    if (!c)
        return;
    curl_easy_cleanup(c->curl);
    free(c);
}

ks_backend_client *ks_backend_client_new(const ks_backend_client_config *cfg)
{
    ks_backend_client *c = calloc(1, sizeof *c);
    if (!c)
        goto error;
    const char *why = NULL;
    const char *url = cfg->api_root ? cfg->api_root : cfg->orders_url;
    if (!ks_outgoing_url_ok(url, &why)) {
        LOG_ERROR("refusing the server %s: %s", url ? url : "", why);
        goto error;
    }
    if (cfg->api_root) {
        if (strlen(cfg->api_root) >= sizeof c->root)
            goto error;
        memcpy(c->root, cfg->api_root, strlen(cfg->api_root) + 1);
    } else if (!ks_backend_client_root(cfg->orders_url, c->root, sizeof c->root)) {
        LOG_ERROR("[network] backend_url %s must end in /orders (the backend's POST /v1/orders)",
                  cfg->orders_url);
        goto error;
    }
    size_t token_len = cfg->token ? strlen(cfg->token) : 0;
    if (cfg->token && (token_len == 0 || token_len > KS_CONFIG_TOKEN_MAX)) {
        LOG_ERROR("a kiosk token of 1 to %d characters is needed to talk to the backend",
                  KS_CONFIG_TOKEN_MAX);
        goto error;
    }
    if (cfg->token)
        snprintf(c->auth_header, sizeof c->auth_header, "Authorization: Bearer %s", cfg->token);
    if (cfg->ca_file && strlen(cfg->ca_file) >= sizeof c->ca_file) {
        LOG_ERROR("the CA file's path %s is too long", cfg->ca_file);
        goto error;
    }
    snprintf(c->ca_file, sizeof c->ca_file, "%s", cfg->ca_file ? cfg->ca_file : "");
    c->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : DEFAULT_TIMEOUT_MS;
    c->user_agent = cfg->user_agent ? cfg->user_agent : "kiosk/1";
    c->stop = cfg->stop;
    return c;
error:
    ks_backend_client_free(c);
    return NULL;
}

void ks_backend_answer_clear(ks_backend_answer *a)
{
    free(a->body);
    memset(a, 0, sizeof *a);
}

struct sink {
    ks_backend_answer *a;
    size_t max;
    size_t cap;
};

static size_t keep_body(char *data, size_t size, size_t n, void *ctx)
{
    struct sink *s = ctx;
    size_t bytes = size * n;
    ks_backend_answer *a = s->a;
    if (bytes > s->max - a->body_len) {
        a->too_large = true;
        return 0; /* abandons the transfer */
    }
    if (a->body_len + bytes + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 16384;
        while (cap < a->body_len + bytes + 1)
            cap *= 2;
        char *grown = realloc(a->body, cap);
        if (!grown)
            return 0;
        a->body = grown;
        s->cap = cap;
    }
    memcpy(a->body + a->body_len, data, bytes);
    a->body_len += bytes;
    a->body[a->body_len] = '\0';
    return bytes;
}

static size_t keep_etag(char *data, size_t size, size_t n, void *ctx)
{
    ks_backend_answer *a = ctx;
    size_t bytes = size * n;
    static const char name[] = "ETag:";
    size_t len = sizeof name - 1;
    if (bytes > len && strncasecmp(data, name, len) == 0) {
        const char *v = data + len;
        size_t vlen = bytes - len;
        while (vlen > 0 && (*v == ' ' || *v == '\t')) {
            v++;
            vlen--;
        }
        while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' || v[vlen - 1] == ' '))
            vlen--;
        bool printable = true;
        for (size_t i = 0; i < vlen; i++)
            printable = printable && v[i] > 0x20 && v[i] < 0x7f;
        if (printable && vlen <= KS_BACKEND_CLIENT_ETAG_MAX) {
            memcpy(a->etag, v, vlen);
            a->etag[vlen] = '\0';
        }
    }
    return bytes;
}

/* c's libcurl handle with the settings every request shares; false (said in *error) when none. */
static bool make_handle(ks_backend_client *c, char *error, size_t error_size)
{
    if (c->curl)
        return true;
    const ks_http_handle_config hc = {
        .timeout_ms = c->timeout_ms,
        .user_agent = c->user_agent,
        .ca_file = c->ca_file,
        .abandon = abandon_on_stop,
        .abandon_ctx = c,
    };
    CURL *h = ks_http_handle_new(&hc);
    if (!h) {
        snprintf(error, error_size, "libcurl cannot make a request: %s",
                 curl_easy_strerror(CURLE_FAILED_INIT));
        return false;
    }
    c->curl = h;
    return true;
}

/* Runs the request set up on c->curl with headers; fills out. */
static bool perform(ks_backend_client *c, const char *path, struct curl_slist *headers,
                    size_t max_bytes, ks_backend_answer *out)
{
    char url[KS_URL_MAX + 256];
    int n = snprintf(url, sizeof url, "%s%s", c->root, path);
    if (n < 0 || (size_t)n >= sizeof url) {
        snprintf(out->error, sizeof out->error, "URL too long");
        return false;
    }
    struct sink sink = {.a = out, .max = max_bytes};
    curl_easy_setopt(c->curl, CURLOPT_URL, url);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, keep_body);
    curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, keep_etag);
    curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, out);
    curl_easy_setopt(c->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
    CURLcode rc = curl_easy_perform(c->curl);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
    if (rc == CURLE_FILESIZE_EXCEEDED)
        out->too_large = true;
    if (rc != CURLE_OK || out->too_large) {
        snprintf(out->error, sizeof out->error, "%s: %s", url,
                 out->too_large ? "the answer is larger than allowed" : curl_easy_strerror(rc));
        free(out->body);
        out->body = NULL;
        out->body_len = 0;
        out->status = 0;
        return false;
    }
    curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &out->status);
    if (out->status < 200 || out->status > 299)
        snprintf(out->error, sizeof out->error, "%s: HTTP %ld %.160s", url, out->status,
                 out->body ? out->body : "");
    return true;
}

static struct curl_slist *header_list(const char *const *lines, size_t n)
{
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!lines[i][0])
            continue; /* a header this request goes without */
        struct curl_slist *grown = curl_slist_append(list, lines[i]);
        if (!grown) {
            curl_slist_free_all(list);
            return NULL;
        }
        list = grown;
    }
    return list;
}

bool ks_backend_client_get(ks_backend_client *c, const char *path_query, const char *if_none_match,
                           size_t max_bytes, ks_backend_answer *out)
{
    memset(out, 0, sizeof *out);
    if (!make_handle(c, out->error, sizeof out->error))
        return false;
    char condition[KS_BACKEND_CLIENT_ETAG_MAX + 32] = "";
    if (if_none_match && if_none_match[0])
        snprintf(condition, sizeof condition, "If-None-Match: %s", if_none_match);
    const char *lines[] = {c->auth_header, condition};
    struct curl_slist *headers = header_list(lines, 2);
    if (!headers && (c->auth_header[0] || condition[0])) {
        snprintf(out->error, sizeof out->error, "out of memory");
        return false;
    }
    curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
    bool ok = perform(c, path_query, headers, max_bytes, out);
    curl_slist_free_all(headers);
    return ok;
}

bool ks_backend_client_post_json(ks_backend_client *c, const char *path, const char *body,
                                 ks_backend_answer *out)
{
    memset(out, 0, sizeof *out);
    if (!make_handle(c, out->error, sizeof out->error))
        return false;
    const char *lines[] = {c->auth_header, "Content-Type: application/json", "Expect:"};
    struct curl_slist *headers = header_list(lines, 3);
    if (!headers) {
        snprintf(out->error, sizeof out->error, "out of memory");
        return false;
    }
    curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    bool ok = perform(c, path, headers, POST_ANSWER_MAX, out);
    curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, NULL);
    curl_slist_free_all(headers);
    return ok;
}
