/* The backend's HTTP receiver on kiosk/http: see kiosk/backend/backend_server.h. */
#define LOG_TAG "backend_server"
#include "kiosk/backend/backend_server.h"

#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_login.h"
#include "kiosk/backend/backend_page.h"
#include "kiosk/backend/backend_receipt.h"
#include "kiosk/backend/backend_staff_action_store.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_server.h"

/* Simultaneous connections: the chain's kiosks, a few managers, and room for a flood. */
#define MAX_CONNECTIONS 1024
#define MAX_PER_ADDRESS 32
#define PROBE_EVERY_MS 1000
/* The probe ages the decisions taken while paying whose order never came once in this many. */
#define PROBE_AGE_EVERY 60
#define PROBE_TIMEOUT_MS 1000

/* One worker thread's own API and database connection. */
struct worker {
    ks_backend_store *store; /* owned */
    ks_backend_api *api;     /* owned */
};

struct ks_backend_server {
    ks_http_server *http;  /* owned */
    ks_backend_config cfg; /* copied */
    atomic_llong orders;   /* stored at start, plus created since */

    /* The health probe; guarded by lock. */
    ks_backend_store *probe_store; /* owned, used by the probe thread only once it runs */
    pthread_t probe;
    bool probe_started, probe_stop;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int64_t ping_ok_ms;   /* when the last ping succeeded; 0: never */
    int64_t db_failed_ms; /* when a worker last saw the database fail; 0: never */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Once a minute, the decisions taken while paying whose order never came
 * (ks_backend_paying_age); a failure is logged and tried at the next turn,
 * and never makes the database unhealthy (a lock wait past the probe's 1 s
 * statement timeout is no outage).
 */
static void age_paying(ks_backend_server *server, unsigned *turn)
{
    if ((*turn)++ % PROBE_AGE_EVERY != 0)
        return;
    int64_t aged = 0;
    enum ks_db_error err = ks_backend_paying_age(server->probe_store, (int64_t)time(NULL), &aged);
    if (err != KS_DB_OK)
        LOG_WARN("ageing the decisions taken while paying failed: %s", ks_db_strerror(err));
    else if (aged > 0)
        LOG_INFO("%lld decisions taken while paying: their order never arrived", (long long)aged);
}

static void *probe(void *arg)
{
    ks_backend_server *server = arg;
    unsigned turn = 0;
    pthread_mutex_lock(&server->lock);
    while (!server->probe_stop) {
        pthread_mutex_unlock(&server->lock);
        bool ok = ks_backend_store_ping(server->probe_store) == KS_DB_OK &&
                  ks_backend_store_maintain(server->probe_store) == KS_DB_OK;
        if (ok)
            age_paying(server, &turn);
        pthread_mutex_lock(&server->lock);
        if (ok)
            server->ping_ok_ms = now_ms();
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += PROBE_EVERY_MS / 1000;
        if (!server->probe_stop)
            pthread_cond_timedwait(&server->wake, &server->lock, &until);
    }
    pthread_mutex_unlock(&server->lock);
    return NULL;
}

/* GET /v1/health from what the probe and the workers saw; never waits on the database. */
static void health(ks_backend_server *server, ks_http_response *out)
{
    pthread_mutex_lock(&server->lock);
    int64_t now = now_ms();
    bool ok = server->ping_ok_ms && now - server->ping_ok_ms < KS_BACKEND_HEALTH_STALE_MS &&
              server->db_failed_ms <= server->ping_ok_ms;
    pthread_mutex_unlock(&server->lock);
    char text[96];
    if (ok) {
        snprintf(text, sizeof text, "{\"status\":\"ok\",\"orders\":%lld}",
                 (long long)atomic_load(&server->orders));
        out->body = strdup(text);
    } else {
        out->body = ks_http_error_json("the database does not answer", "");
    }
    out->status = ok ? 200 : 503;
    out->body_len = out->body ? strlen(out->body) : 0;
    out->cache_control = "no-cache";
}

/* On the I/O thread, headers only: health, a refused token, or the lane. */
static enum ks_http_lane admit(void *ctx, const ks_http_request *req, ks_http_response *out)
{
    ks_backend_server *server = ctx;
    const char *url = req->url;
    if (strcmp(url, "/v1/health") == 0 && strcmp(req->method, "GET") == 0) {
        health(server, out);
        return KS_HTTP_ANSWERED;
    }
    bool open = strcmp(url, "/") == 0 || strcmp(url, "/v1/health") == 0 ||
                strncmp(url, KS_BACKEND_APP_PREFIX, strlen(KS_BACKEND_APP_PREFIX)) == 0 ||
                strcmp(url, "/v1/session") == 0 || strcmp(url, "/v1/devices/enrol") == 0 ||
                strncmp(url, KS_BACKEND_RECEIPT_PREFIX, strlen(KS_BACKEND_RECEIPT_PREFIX)) == 0;
    /* A session cookie, and a bearer token the INI does not hold (an enrolled device's,
     * backend_device.h), are checked against the database by the worker, not here. */
    const char *authorization = ks_http_request_header(req, "Authorization");
    char session[KS_SESSION_HEX_LEN + 1];
    bool cookie = !authorization && ks_login_cookie(ks_http_request_header(req, "Cookie"), session);
    bool bearer = authorization && strncmp(authorization, "Bearer ", 7) == 0;
    if (!open && !cookie && !bearer) {
        out->status = 401;
        out->body = ks_http_error_json("missing or unknown token", "");
        out->body_len = out->body ? strlen(out->body) : 0;
        return KS_HTTP_ANSWERED;
    }
    if (strncmp(url, "/v1/reports/", 12) == 0 || strcmp(url, "/v1/kiosks") == 0 ||
        strcmp(url, "/v1/audit") == 0)
        return KS_HTTP_SLOW;
    return KS_HTTP_FAST;
}

static void *worker_open(void *ctx, enum ks_http_lane lane)
{
    ks_backend_server *server = ctx;
    struct worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->store = ks_backend_store_open(server->cfg.database, NULL);
    bool slow = lane == KS_HTTP_SLOW;
    /* The reports' lane plans each report for its dates and store (backend_store.h). */
    if (w->store &&
        (ks_backend_store_set_timeout(w->store, slow ? KS_BACKEND_SLOW_TIMEOUT_MS
                                                     : KS_BACKEND_FAST_TIMEOUT_MS) != KS_DB_OK ||
         (slow && ks_backend_store_plan_each_call(w->store) != KS_DB_OK))) {
        ks_backend_store_close(w->store);
        w->store = NULL;
    }
    w->api = w->store ? ks_backend_api_new(w->store, &server->cfg) : NULL;
    if (!w->api) {
        ks_backend_store_close(w->store);
        free(w);
        return NULL;
    }
    return w;
}

static void worker_close(void *ctx, void *worker)
{
    struct worker *w = worker;
    ks_backend_api_free(w->api);
    ks_backend_store_close(w->store);
    free(w);
}

/* A report's answer streamed to the HTTP client (ks_backend_stream over kiosk/http's stream). */
struct answer_stream {
    const ks_http_request *http; /* borrowed: the request being answered */
    ks_http_stream *stream;      /* borrowed from the server once started */
};

static bool stream_start(void *ctx, const char *content_type)
{
    struct answer_stream *a = ctx;
    const ks_http_response head = {
        .status = 200, .content_type = content_type, .cache_control = "no-cache"};
    a->stream = ks_http_stream_start(a->http, &head);
    return a->stream != NULL;
}

static bool stream_write(void *ctx, const char *bytes, size_t len)
{
    return ks_http_stream_write(((struct answer_stream *)ctx)->stream, bytes, len);
}

static void stream_end(void *ctx, bool whole)
{
    ks_http_stream_end(((struct answer_stream *)ctx)->stream, whole);
}

static void handle(void *ctx, void *worker, const ks_http_request *http, ks_http_response *out)
{
    ks_backend_server *server = ctx;
    struct worker *w = worker;
    struct answer_stream answer = {http, NULL};
    const ks_backend_stream stream = {stream_start, stream_write, stream_end, &answer};
    ks_backend_request req = {
        .method = http->method,
        .path = http->url,
        .authorization = ks_http_request_header(http, "Authorization"),
        .idempotency_key = ks_http_request_header(http, "Idempotency-Key"),
        .if_none_match = ks_http_request_header(http, "If-None-Match"),
        .cookie = ks_http_request_header(http, "Cookie"),
        .csrf_token = ks_http_request_header(http, "X-CSRF-Token"),
        .client = http->client,
        .store = ks_http_request_query(http, "store"),
        .from = ks_http_request_query(http, "from"),
        .to = ks_http_request_query(http, "to"),
        .group = ks_http_request_query(http, "group"),
        .by = ks_http_request_query(http, "by"),
        .sort = ks_http_request_query(http, "sort"),
        .limit = ks_http_request_query(http, "limit"),
        .format = ks_http_request_query(http, "format"),
        .item = ks_http_request_query(http, "item"),
        .days = ks_http_request_query(http, "days"),
        .lead = ks_http_request_query(http, "lead"),
        .safety = ks_http_request_query(http, "safety"),
        .cover = ks_http_request_query(http, "cover"),
        .device = ks_http_request_query(http, "device"),
        .staff = ks_http_request_query(http, "staff"),
        .kind = ks_http_request_query(http, "kind"),
        .page = ks_http_request_query(http, "page"),
        .date = ks_http_request_query(http, "date"),
        .number = ks_http_request_query(http, "number"),
        .body = http->body,
        .body_len = http->body_len,
        .body_too_large = http->body_too_large,
        /* http's strings are its own: they outlive a client that hangs up mid-answer. */
        .stream = &stream,
    };
    ks_backend_response resp;
    ks_backend_api_handle(w->api, &req, (int64_t)time(NULL), &resp);
    if (server->cfg.answered)
        server->cfg.answered(server->cfg.answered_ctx, &req);
    if (resp.status == 201 && strcmp(req.path, "/v1/orders") == 0)
        atomic_fetch_add(&server->orders, 1);
    if (resp.status == 503) {
        /* Health says so until the probe reaches the database again. */
        pthread_mutex_lock(&server->lock);
        server->db_failed_ms = now_ms();
        pthread_cond_signal(&server->wake);
        pthread_mutex_unlock(&server->lock);
    }
    /*
     * The manager's web app: its own files only, no inline script or style, no other origin;
     * never framed.
     */
    static const char *const page_headers[] = {
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        "X-Frame-Options",
        "DENY",
        "Referrer-Policy",
        "no-referrer",
        NULL,
    };
    /*
     * A receipt: no script at all, its QR an inline SVG, the riyal sign's font inline; never
     * framed, indexed or sniffed as another type.
     */
    static const char *const receipt_headers[] = {
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; font-src data:; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'none'",
        "X-Frame-Options",
        "DENY",
        "Referrer-Policy",
        "no-referrer",
        "X-Content-Type-Options",
        "nosniff",
        "X-Robots-Tag",
        "noindex, nofollow",
        NULL,
    };
    bool receipt =
        strncmp(req.path, KS_BACKEND_RECEIPT_PREFIX, strlen(KS_BACKEND_RECEIPT_PREFIX)) == 0;
    bool app = strcmp(req.path, "/") == 0 ||
               strncmp(req.path, KS_BACKEND_APP_PREFIX, strlen(KS_BACKEND_APP_PREFIX)) == 0;
    *out = (ks_http_response){
        .status = resp.status,
        .body = resp.body,
        .body_len = resp.body_len,
        .content_type = resp.content_type,
        /* Reports and kiosk states change all the time; the menu revalidates by its ETag. */
        .cache_control = resp.cache_control ? resp.cache_control : "no-cache",
        .headers = app       ? page_headers
                   : receipt ? receipt_headers
                             : NULL,
        .refusal = resp.refusal,
    };
    memcpy(out->etag, resp.etag, sizeof resp.etag);
    memcpy(out->set_cookie, resp.set_cookie, sizeof resp.set_cookie);
    out->retry_after_s = resp.retry_after_s > 0 ? (unsigned)resp.retry_after_s : 0;
}

static void server_free(ks_backend_server *server)
{
    ks_http_server_stop(server->http);
    if (server->probe_started) {
        pthread_mutex_lock(&server->lock);
        server->probe_stop = true;
        pthread_cond_signal(&server->wake);
        pthread_mutex_unlock(&server->lock);
        pthread_join(server->probe, NULL);
    }
    ks_backend_store_close(server->probe_store);
    pthread_cond_destroy(&server->wake);
    pthread_mutex_destroy(&server->lock);
    free(server);
}

/*
 * The C library's allocator keeps what a request freed for the next one
 * (per thread's arena, up to KEEP_FREED_BYTES) and serves blocks up to
 * 32 MB from it, where by default it gave back all but 128 KB at each
 * free and mapped each large block afresh: the chain's year of sales by
 * day and kiosk (libpq's 71,000-row result, a 14.8 MB answer) then spent
 * most of its 0.2-0.3 s of CPU in page faults of memory just given back
 * (perf, 1 M order lines; 40-50 ms of CPU once a worker keeps it). A
 * worker then holds on to its largest request's memory, tens of MB.
 */
#define KEEP_FREED_BYTES (64 * 1024 * 1024)
#define MAPPED_FROM_BYTES (32 * 1024 * 1024)

ks_backend_server *ks_backend_server_start(const ks_backend_config *cfg)
{
    ks_backend_server *server = calloc(1, sizeof *server);
    if (!server)
        return NULL;
    mallopt(M_TRIM_THRESHOLD, KEEP_FREED_BYTES);
    mallopt(M_MMAP_THRESHOLD, MAPPED_FROM_BYTES);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&server->lock, NULL);
    pthread_cond_init(&server->wake, &attr);
    pthread_condattr_destroy(&attr);
    server->cfg = *cfg;
    /* The probe's connection first: it creates or upgrades the tables before the workers open. */
    int64_t stored = 0;
    server->probe_store = ks_backend_store_open(cfg->database, NULL);
    if (!server->probe_store ||
        ks_backend_store_set_timeout(server->probe_store, PROBE_TIMEOUT_MS) != KS_DB_OK ||
        ks_backend_store_count_orders(server->probe_store, &stored) != KS_DB_OK) {
        server_free(server);
        return NULL;
    }
    atomic_store(&server->orders, stored);
    server->ping_ok_ms = now_ms();
    server->probe_started = pthread_create(&server->probe, NULL, probe, server) == 0;
    const ks_http_options opt = {
        .name = "backend",
        .listen = cfg->listen,
        .tls = &cfg->tls,
        .max_body_bytes = KS_ORDER_JSON_MAX_BYTES,
        .max_connections = MAX_CONNECTIONS,
        .max_per_address = MAX_PER_ADDRESS,
        .fast_workers = KS_BACKEND_FAST_WORKERS,
        .slow_workers = KS_BACKEND_SLOW_WORKERS,
        .admit = admit,
        .handler = handle,
        .worker_open = worker_open,
        .worker_close = worker_close,
        .ctx = server,
    };
    server->http = server->probe_started ? ks_http_server_start(&opt) : NULL;
    if (!server->http) {
        server_free(server);
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
    if (server)
        server_free(server);
}
