/* The shared HTTP receiver on libmicrohttpd: see kiosk/http/http_server.h. */
#define _GNU_SOURCE /* gettid */
#define LOG_TAG "http_server"
#include "kiosk/http/http_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/common/log.h"
#include "kiosk/http/auth_limit.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_request_copy.h"

/* How often the watchdog looks for connections past their deadline. */
#define WATCHDOG_TICK_MS 1000
#define MAX_WORKERS 64
#define N_LANES 2 /* fast, slow */
/* The slow lane's niceness (the process runs at 0): reports take what orders leave of the CPU. */
#define SLOW_LANE_NICE 10

/*
 * One open connection, known to the watchdog (libmicrohttpd's socket
 * context). Guarded by the server's lock, except fd and client, which
 * never change.
 */
struct watch {
    int fd;
    char client[INET6_ADDRSTRLEN];
    int64_t deadline_ms; /* the current request must be in (or its answer taken) by then */
    bool busy;           /* a worker has its request: no deadline meanwhile */
    bool shut;           /* shut down by the watchdog */
    struct watch *prev, *next;
};

enum job_state { RECEIVING, QUEUED, DONE };

/*
 * One request: its strings and its body as it arrives, then its place in a
 * lane's queue, then its answer. A worker takes the strings and the body
 * with the job (work) and frees them when its handler returns: a streamed
 * answer's handler runs on after the connection's completion frees the job.
 */
struct job {
    ks_http_request_copy *copy; /* owned until a worker takes it; NULL then */
    char *body;                 /* owned until a worker takes it; grows as the upload arrives */
    size_t len, cap;
    bool too_large;
    enum job_state state; /* guarded by the server's lock once QUEUED */
    int lane;             /* 0 fast, 1 slow */
    struct MHD_Connection *con;
    struct watch *watch; /* the connection's, may be NULL */
    ks_http_response resp;
    ks_http_stream *stream; /* the response's reference to a streamed answer, until queued */
    struct job *next;       /* in its lane's queue */
};

/*
 * A worker's request while its handler runs (ks_http_request's handover):
 * once the handler starts a stream, the job belongs to the I/O thread and
 * the worker no longer touches it.
 */
struct handover {
    ks_http_server *server;
    struct job *job;        /* NULL once handed to the I/O thread */
    ks_http_stream *stream; /* the worker's reference, released after the handler */
};

struct worker {
    ks_http_server *server;
    int lane;
    pthread_t thread;
    bool started;
};

struct ks_http_server {
    struct MHD_Daemon *daemon; /* owned */
    ks_http_options opt;       /* copied; strings borrowed only during start */
    char name[64];
    uint16_t port;

    pthread_mutex_t lock;
    pthread_cond_t work;    /* a job was queued, or stopping */
    pthread_cond_t changed; /* a worker opened (or failed), or the watchdog should stop */
    struct job *head[N_LANES], *tail[N_LANES];
    bool stopping;
    unsigned opened, failed; /* workers whose worker_open returned */
    struct worker workers[MAX_WORKERS];
    unsigned n_workers;
    struct watch *watches; /* every open connection */
    ks_auth_limit *auth;   /* refused credentials per address (its own lock) */
    ks_http_tls tls;       /* the certificate and key; none: plain HTTP */
    pthread_t watchdog;
    bool watchdog_started, watchdog_stop;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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
    return ks_http_request_copy_header(req->copy, name);
}

const char *ks_http_request_query(const ks_http_request *req, const char *name)
{
    return ks_http_request_copy_query(req->copy, name);
}

/* Keeps size more bytes of body, or drops the whole body once past max_body. */
static bool append(struct job *p, size_t max_body, const char *data, size_t size)
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

/*
 * The body of resp: its buffer, handed to the library, which frees it once
 * sent (resp->body is NULL then), instead of a copy of it (a report is
 * megabytes); stream's reader when streamed; a 503 when resp has no body.
 * *status is the status to send. NULL when out of memory.
 */
static struct MHD_Response *body_of(ks_http_response *resp, ks_http_stream *stream, int *status)
{
    static const char no_memory[] = "{\"error\":\"out of memory\",\"path\":\"\"}";
    *status = resp->status;
    if (stream)
        return ks_http_stream_response(stream);
    if (resp->body) {
        struct MHD_Response *r =
            MHD_create_response_from_buffer(resp->body_len, resp->body, MHD_RESPMEM_MUST_FREE);
        if (r)
            resp->body = NULL;
        return r;
    }
    bool empty = *status == 304;
    if (!empty)
        *status = 503;
    return MHD_create_response_from_buffer(
        empty ? 0 : sizeof no_memory - 1, (void *)(empty ? "" : no_memory), MHD_RESPMEM_PERSISTENT);
}

/* Queues resp (its body or stream's) on con with its headers. */
static enum MHD_Result send_answer(struct MHD_Connection *con, ks_http_response *resp,
                                   ks_http_stream *stream)
{
    int status;
    struct MHD_Response *r = body_of(resp, stream, &status);
    if (!r)
        return MHD_NO;
    if (status != 304)
        MHD_add_response_header(r, "Content-Type",
                                resp->content_type ? resp->content_type : "application/json");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (resp->etag[0])
        MHD_add_response_header(r, "ETag", resp->etag);
    if (status == 401)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
    if (resp->cache_control)
        MHD_add_response_header(r, "Cache-Control", resp->cache_control);
    for (const char *const *h = resp->headers; h && h[0] && h[1]; h += 2)
        MHD_add_response_header(r, h[0], h[1]);
    if (resp->set_cookie[0])
        MHD_add_response_header(r, "Set-Cookie", resp->set_cookie);
    char retry[16];
    if (resp->retry_after_s) {
        snprintf(retry, sizeof retry, "%u", resp->retry_after_s);
        MHD_add_response_header(r, "Retry-After", retry);
    }
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Sends the answer made for p and forgets it. */
static enum MHD_Result send_job_answer(struct MHD_Connection *con, struct job *p)
{
    ks_http_stream *stream = p->stream;
    p->stream = NULL; /* the response holds its reference now (or dropped it) */
    enum MHD_Result ret = send_answer(con, &p->resp, stream);
    free(p->resp.body);
    p->resp.body = NULL;
    return ret;
}

/* An answer of status with reason in the APIs' error body (kiosk/http/http_answer.h). */
static void answer_error(struct job *p, int status, const char *reason, const char *const *headers)
{
    p->resp = (ks_http_response){.status = status, .headers = headers};
    p->resp.body = ks_http_error_json(reason, "");
    p->resp.body_len = p->resp.body ? strlen(p->resp.body) : 0;
}

/* Hands p to a worker of its lane; false when the server is stopping. */
static bool enqueue(ks_http_server *server, struct job *p)
{
    pthread_mutex_lock(&server->lock);
    bool ok = !server->stopping;
    if (ok) {
        p->state = QUEUED;
        if (p->watch)
            p->watch->busy = true;
        if (server->tail[p->lane])
            server->tail[p->lane]->next = p;
        else
            server->head[p->lane] = p;
        server->tail[p->lane] = p;
        pthread_cond_broadcast(&server->work);
    }
    pthread_mutex_unlock(&server->lock);
    return ok;
}

/* A refusal for the request's credentials counts against its address (auth_limit.h). */
static void count_refusal(ks_http_server *server, const struct job *p)
{
    if ((p->resp.status == 401 || p->resp.status == 403 || p->resp.refusal) && p->watch)
        ks_auth_limit_failed(server->auth, p->watch->client, now_ms());
}

/* An address blocked for refused credentials gets 429 whatever it asks. */
static void answer_blocked(struct job *p)
{
    static const char *const retry[] = {"Retry-After", KS_AUTH_LIMIT_BLOCK_TEXT, NULL};
    answer_error(p, 429, "too many refused credentials from this address; try again later", retry);
}

static ks_http_request request_of(const struct job *p)
{
    return (ks_http_request){
        .method = p->copy->method,
        .url = p->copy->url,
        .client = p->copy->client,
        .body = p->body,
        .body_len = p->len,
        .body_too_large = p->too_large,
        .copy = p->copy,
    };
}

/*
 * A worker is done with p (its answer made, or streaming): the I/O thread
 * takes it on. A streamed answer's connection stays out of the watchdog's
 * reach (busy) until the request completes: the worker's time does not
 * count, and a client that stops reading is closed by libmicrohttpd's own
 * inactivity timeout (request_timeout_s).
 */
static void hand_back(ks_http_server *server, struct job *p, bool streaming)
{
    pthread_mutex_lock(&server->lock);
    p->state = DONE;
    if (p->watch && !streaming) {
        p->watch->busy = false;
        p->watch->deadline_ms = now_ms() + 1000 * (int64_t)server->opt.request_timeout_s;
    }
    MHD_resume_connection(p->con);
    pthread_mutex_unlock(&server->lock);
}

ks_http_stream *ks_http_stream_start(const ks_http_request *req, const ks_http_response *head)
{
    struct handover *h = req->handover;
    if (!h || !h->job)
        return NULL;
    struct job *p = h->job;
    ks_http_stream *s = ks_http_stream_new(p->con);
    if (!s)
        return NULL;
    p->resp = *head;
    p->resp.body = NULL;
    p->resp.body_len = 0;
    p->stream = s;
    h->job = NULL;
    h->stream = s;
    hand_back(h->server, p, true);
    return s;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    ks_http_server *server = cls;
    struct job *p = *con_cls;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p)
            return MHD_NO;
        *con_cls = p;
        p->con = con;
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        p->watch = info ? info->socket_context : NULL;
        if (p->watch && ks_auth_limit_blocked(server->auth, p->watch->client, now_ms())) {
            answer_blocked(p);
            p->state = DONE;
            return send_job_answer(con, p);
        }
        /* The handlers' strings, from here on the request's own (http_request_copy.h). */
        p->copy = ks_http_request_copy_new(con, method, url, p->watch ? p->watch->client : "");
        if (!p->copy) {
            answer_error(p, 503, "out of memory", NULL);
            p->state = DONE;
            return send_job_answer(con, p);
        }
        /* Headers only: the token and the declared length are judged before any body is read. */
        ks_http_request req = request_of(p);
        enum ks_http_lane lane =
            server->opt.admit ? server->opt.admit(server->opt.ctx, &req, &p->resp) : KS_HTTP_FAST;
        if (lane == KS_HTTP_ANSWERED) {
            count_refusal(server, p);
            p->state = DONE;
            return send_job_answer(con, p);
        }
        p->lane = lane == KS_HTTP_SLOW && server->opt.slow_workers ? 1 : 0;
        const char *length =
            MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && strtoull(length, NULL, 10) > server->opt.max_body_bytes)
            p->too_large = true;
        return MHD_YES;
    }
    if (p->state == DONE)
        return send_job_answer(con, p);
    if (*upload_data_size > 0) {
        /* Past the limit (declared or sent, chunked or not) the bytes are read and dropped. */
        if (!append(p, server->opt.max_body_bytes, upload_data, *upload_data_size))
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (p->state == QUEUED)
        return MHD_YES;
    /* The whole request is in: a worker answers it while the connection waits. */
    MHD_suspend_connection(con);
    if (!enqueue(server, p)) {
        MHD_resume_connection(con);
        answer_error(p, 503, "the server is stopping", NULL);
        p->state = DONE;
    }
    return MHD_YES;
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    ks_http_server *server = cls;
    struct job *p = *con_cls;
    if (!p)
        return;
    if (p->watch) {
        /* The next request on this connection has its own deadline, from now. */
        pthread_mutex_lock(&server->lock);
        p->watch->busy = false;
        p->watch->deadline_ms = now_ms() + 1000 * (int64_t)server->opt.request_timeout_s;
        pthread_mutex_unlock(&server->lock);
    }
    if (p->stream)
        ks_http_stream_drop(p->stream);
    free(p->resp.body);
    ks_http_request_copy_free(p->copy);
    free(p->body);
    free(p);
    *con_cls = NULL;
}

/* Registers a new connection with the watchdog, and forgets a closed one. */
static void connection_event(void *cls, struct MHD_Connection *con, void **socket_context,
                             enum MHD_ConnectionNotificationCode code)
{
    ks_http_server *server = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        struct watch *w = calloc(1, sizeof *w);
        if (!w)
            return;
        const union MHD_ConnectionInfo *fd =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
        const union MHD_ConnectionInfo *addr =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        w->fd = fd ? fd->connect_fd : -1;
        if (addr && addr->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)addr->client_addr)->sin_addr,
                      w->client, sizeof w->client);
        else if (addr && addr->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)addr->client_addr)->sin6_addr,
                      w->client, sizeof w->client);
        pthread_mutex_lock(&server->lock);
        w->deadline_ms = now_ms() + 1000 * (int64_t)server->opt.request_timeout_s;
        w->next = server->watches;
        if (w->next)
            w->next->prev = w;
        server->watches = w;
        pthread_mutex_unlock(&server->lock);
        *socket_context = w;
        return;
    }
    struct watch *w = *socket_context;
    if (!w)
        return;
    /* Before libmicrohttpd closes the socket: the watchdog never touches a reused fd. */
    pthread_mutex_lock(&server->lock);
    if (w->prev)
        w->prev->next = w->next;
    else
        server->watches = w->next;
    if (w->next)
        w->next->prev = w->prev;
    pthread_mutex_unlock(&server->lock);
    free(w);
    *socket_context = NULL;
}

/* Shuts down every connection past its deadline, once a tick, until told to stop. */
static void *watchdog(void *arg)
{
    ks_http_server *server = arg;
    pthread_mutex_lock(&server->lock);
    while (!server->watchdog_stop) {
        int64_t now = now_ms();
        for (struct watch *w = server->watches; w; w = w->next) {
            if (w->busy || w->shut || w->fd < 0 || w->deadline_ms > now)
                continue;
            w->shut = true;
            shutdown(w->fd, SHUT_RDWR);
            LOG_WARN("%s: closed the connection from %s: no whole request (or answer taken) "
                     "within %u s",
                     server->name, w->client, server->opt.request_timeout_s);
        }
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += WATCHDOG_TICK_MS / 1000;
        pthread_cond_timedwait(&server->changed, &server->lock, &until);
    }
    pthread_mutex_unlock(&server->lock);
    return NULL;
}

/*
 * A worker: opens its context, then answers its lane's requests until the
 * server stops. A slow-lane thread first lowers its own CPU priority, so on
 * a busy box the scheduler gives the fast lane the processor first.
 */
static void *work(void *arg)
{
    struct worker *self = arg;
    ks_http_server *server = self->server;
    void *ctx = server->opt.ctx;
    enum ks_http_lane lane = self->lane ? KS_HTTP_SLOW : KS_HTTP_FAST;
    if (lane == KS_HTTP_SLOW && setpriority(PRIO_PROCESS, (id_t)gettid(), SLOW_LANE_NICE) != 0)
        LOG_WARN("slow lane: cannot lower its priority (%s)", strerror(errno));
    void *mine = server->opt.worker_open ? server->opt.worker_open(ctx, lane) : NULL;
    bool ok = !server->opt.worker_open || mine;
    pthread_mutex_lock(&server->lock);
    server->opened++;
    server->failed += !ok;
    pthread_cond_broadcast(&server->changed);
    for (;;) {
        while (ok && !server->head[self->lane] && !server->stopping)
            pthread_cond_wait(&server->work, &server->lock);
        struct job *p = ok ? server->head[self->lane] : NULL;
        if (!p)
            break;
        server->head[self->lane] = p->next;
        if (!p->next)
            server->tail[self->lane] = NULL;
        pthread_mutex_unlock(&server->lock);

        /*
         * The handler fills its own response: p may be the I/O thread's before it returns,
         * and freed, so the request's strings and body are this worker's until then.
         */
        struct handover h = {server, p, NULL};
        ks_http_request req = request_of(p);
        req.handover = &h;
        ks_http_request_copy *copy = p->copy;
        char *body = p->body;
        p->copy = NULL;
        p->body = NULL;
        ks_http_response resp = {0};
        server->opt.handler(ctx, mine, &req, &resp);
        if (h.job) {
            p->resp = resp;
            count_refusal(server, p);
            hand_back(server, p, false);
        } else {
            free(resp.body);
            ks_http_stream_release(h.stream);
        }
        ks_http_request_copy_free(copy);
        free(body);
        pthread_mutex_lock(&server->lock);
    }
    pthread_mutex_unlock(&server->lock);
    if (mine && server->opt.worker_close)
        server->opt.worker_close(ctx, mine);
    return NULL;
}

/* Stops and joins the workers: those with jobs answer them first. */
static void stop_workers(ks_http_server *server)
{
    pthread_mutex_lock(&server->lock);
    server->stopping = true;
    pthread_cond_broadcast(&server->work);
    pthread_mutex_unlock(&server->lock);
    for (unsigned i = 0; i < server->n_workers; i++)
        if (server->workers[i].started)
            pthread_join(server->workers[i].thread, NULL);
}

static void stop_watchdog(ks_http_server *server)
{
    if (!server->watchdog_started)
        return;
    pthread_mutex_lock(&server->lock);
    server->watchdog_stop = true;
    pthread_cond_broadcast(&server->changed);
    pthread_mutex_unlock(&server->lock);
    pthread_join(server->watchdog, NULL);
}

/* Starts the workers and waits until each has opened its context; false when one failed. */
static bool start_workers(ks_http_server *server)
{
    unsigned lanes[N_LANES] = {server->opt.fast_workers, server->opt.slow_workers};
    for (int lane = 0; lane < N_LANES; lane++)
        for (unsigned i = 0; i < lanes[lane] && server->n_workers < MAX_WORKERS; i++) {
            struct worker *w = &server->workers[server->n_workers++];
            w->server = server;
            w->lane = lane;
            w->started = pthread_create(&w->thread, NULL, work, w) == 0;
            if (!w->started)
                return false;
        }
    pthread_mutex_lock(&server->lock);
    while (server->opened < server->n_workers)
        pthread_cond_wait(&server->changed, &server->lock);
    bool ok = server->failed == 0;
    pthread_mutex_unlock(&server->lock);
    return ok;
}

static void server_free(ks_http_server *server)
{
    stop_workers(server);
    stop_watchdog(server);
    if (server->daemon)
        MHD_stop_daemon(server->daemon);
    ks_auth_limit_free(server->auth);
    ks_http_tls_free(&server->tls);
    pthread_cond_destroy(&server->work);
    pthread_cond_destroy(&server->changed);
    pthread_mutex_destroy(&server->lock);
    free(server);
}

static bool init_sync(ks_http_server *server)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return false;
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    bool ok = pthread_mutex_init(&server->lock, NULL) == 0 &&
              pthread_cond_init(&server->work, NULL) == 0 &&
              pthread_cond_init(&server->changed, &attr) == 0;
    pthread_condattr_destroy(&attr);
    return ok;
}

ks_http_server *ks_http_server_start(const ks_http_options *opt)
{
    char address[16];
    uint16_t port = 0;
    const char *name = opt->name ? opt->name : "http";
    if (!ks_http_parse_listen(opt->listen, address, &port)) {
        LOG_ERROR("%s: listen address \"%s\" is not IPv4-ADDRESS:PORT", name,
                  opt->listen ? opt->listen : "");
        return NULL;
    }
    ks_http_server *server = calloc(1, sizeof *server);
    if (!server || !init_sync(server)) {
        free(server);
        return NULL;
    }
    server->auth = ks_auth_limit_new(name);
    static const ks_http_tls_config plain = {0};
    const ks_http_tls_config *tls_config = opt->tls ? opt->tls : &plain;
    char why[512];
    if (!server->auth || !ks_http_tls_check(tls_config, opt->listen, why, sizeof why) ||
        !ks_http_tls_load(tls_config, &server->tls, why, sizeof why)) {
        LOG_ERROR("%s: %s", name, server->auth ? why : "out of memory");
        server_free(server);
        return NULL;
    }
    server->opt = *opt;
    ks_http_options *o = &server->opt;
    snprintf(server->name, sizeof server->name, "%s", name);
    o->name = server->name;
    o->listen = NULL;
    o->tls = NULL;
    o->max_connections = o->max_connections ? o->max_connections : KS_HTTP_DEFAULT_MAX_CONNECTIONS;
    o->max_per_address = o->max_per_address ? o->max_per_address : KS_HTTP_DEFAULT_MAX_PER_ADDRESS;
    o->request_timeout_s =
        o->request_timeout_s ? o->request_timeout_s : KS_HTTP_DEFAULT_REQUEST_TIMEOUT_S;
    o->fast_workers = o->fast_workers ? o->fast_workers : 1;
    if (o->fast_workers + o->slow_workers > MAX_WORKERS) {
        LOG_ERROR("%s: at most %d workers", name, MAX_WORKERS);
        server_free(server);
        return NULL;
    }
    if (!start_workers(server)) {
        LOG_ERROR("%s: a worker could not start", name);
        server_free(server);
        return NULL;
    }
    server->watchdog_started = pthread_create(&server->watchdog, NULL, watchdog, server) == 0;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, address, &sa.sin_addr);
    /* HTTPS when a certificate and key are given; they live as long as the server. */
    bool tls = server->tls.certificate_pem != NULL;
    struct MHD_OptionItem tls_options[] = {
        {tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, server->tls.key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, server->tls.certificate_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    /* The I/O thread reads and writes; the workers answer (http_server.h). */
    server->daemon =
        server->watchdog_started
            ? MHD_start_daemon(
                  MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | (tls ? MHD_USE_TLS : 0),
                  port, NULL, NULL, handle, server, MHD_OPTION_ARRAY, tls_options,
                  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED,
                  completed, server, MHD_OPTION_NOTIFY_CONNECTION, connection_event, server,
                  MHD_OPTION_CONNECTION_TIMEOUT, o->request_timeout_s, MHD_OPTION_CONNECTION_LIMIT,
                  o->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->max_per_address,
                  MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)KS_HTTP_CONNECTION_MEMORY,
                  MHD_OPTION_END)
            : NULL;
    if (!server->daemon) {
        LOG_ERROR("%s: cannot listen on %s:%u (taken, or not an address of this machine)", name,
                  address, (unsigned)port);
        server_free(server);
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info ? info->port : port;
    LOG_INFO("%s listening on %s:%u, %s (%u workers + %u for slow requests; %u connections, %u "
             "per address, %u s per request)",
             name, address, (unsigned)server->port, tls ? "HTTPS" : "plain HTTP", o->fast_workers,
             o->slow_workers, o->max_connections, o->max_per_address, o->request_timeout_s);
    return server;
}

uint16_t ks_http_server_port(const ks_http_server *server)
{
    return server->port;
}

void ks_http_server_stop(ks_http_server *server)
{
    if (server)
        server_free(server);
}
