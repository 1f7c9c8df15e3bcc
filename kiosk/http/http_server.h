/*
 * The HTTP plumbing the kitchen display and the backend share, on
 * libmicrohttpd, built to keep answering on a hostile network:
 *
 * - One I/O thread (libmicrohttpd's, epoll) reads every connection; it
 *   never runs a handler and never waits on a database. A request whose
 *   headers are in is first shown to the server's admit callback (headers
 *   only, no body read yet): it may answer at once (a missing token: 401,
 *   health, a declared body over the limit), and then the body is never
 *   read or kept. Otherwise the body is gathered up to max_body_bytes
 *   (chunked or not; past that it is read and dropped, and the handler
 *   answers 413) and the connection is suspended while a worker thread of
 *   the request's lane runs the handler; the answer is sent by the I/O
 *   thread. A handler may instead stream a long answer as it writes it
 *   (ks_http_stream_start, kiosk/http/http_stream.h): the status goes out
 *   at once and the body follows chunked, through a bounded queue.
 * - Two lanes of workers: the fast lane (orders, heartbeats, tickets) and
 *   the slow lane (reports), so that slow requests never hold up fast ones;
 *   the slow lane's threads run at niceness 10, so they also yield the CPU.
 *   Each worker has its own context (worker_open, on that thread: e.g. a
 *   database connection of its own).
 * - A deadline for the whole request: from the connection's opening, or
 *   from the previous answer, the next request (headers and body) must be
 *   in within request_timeout_s, however slowly its bytes trickle; the
 *   answer must also be taken within that time. A connection past it is
 *   shut down (a 1 s watchdog). The time a worker takes does not count.
 * - At most max_connections connections at once, and max_per_address from
 *   one client address; each connection's header memory is bounded
 *   (KS_HTTP_CONNECTION_MEMORY), and bodies are only kept for admitted
 *   requests, so memory is bounded whatever the number of clients:
 *   max_connections * (KS_HTTP_CONNECTION_MEMORY + max_body_bytes).
 */
#ifndef KIOSK_HTTP_HTTP_SERVER_H
#define KIOSK_HTTP_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/http/http_request_copy.h"
#include "kiosk/http/http_stream.h"
#include "kiosk/http/http_tls.h"

/* Bytes of request line and headers one connection may hold (libmicrohttpd's pool). */
#define KS_HTTP_CONNECTION_MEMORY (32u * 1024u)
/* Defaults for ks_http_options fields left 0. */
#define KS_HTTP_DEFAULT_REQUEST_TIMEOUT_S 10
#define KS_HTTP_DEFAULT_MAX_CONNECTIONS 256
#define KS_HTTP_DEFAULT_MAX_PER_ADDRESS 16

typedef struct ks_http_server ks_http_server;

/*
 * One received request; everything is borrowed and valid during the
 * callback only, and for all of it: the strings are the request's own
 * copies (kiosk/http/http_request_copy.h), so a handler streaming an answer
 * whose client hung up (the connection's memory freed) still reads them.
 */
typedef struct ks_http_request {
    const char *method;
    const char *url;    /* the path, without the query */
    const char *client; /* the client's address, "192.0.2.7" */
    const char *body;   /* body_len bytes, no NUL needed; NULL when empty or too large */
    size_t body_len;
    bool body_too_large;              /* the body went past the server's limit and was dropped */
    const ks_http_request_copy *copy; /* its headers and query; read through the accessors below */
    void *handover; /* the server's, on a worker: for ks_http_stream_start; else NULL */
} ks_http_request;

/* The answer a callback fills in. */
typedef struct ks_http_response {
    int status;                 /* HTTP status */
    char *body;                 /* owned (free()), freed by the server; NULL: 503 unless 304 */
    size_t body_len;            /* bytes of body */
    const char *content_type;   /* static; NULL: application/json; not sent with 304 */
    char etag[72];              /* "" : none */
    const char *cache_control;  /* static; NULL: none */
    const char *const *headers; /* static; NULL or name, value, ..., NULL: more headers */
    bool refusal;         /* counted against the address like a 401 or 403 (a guessed secret URL) */
    char set_cookie[192]; /* a Set-Cookie header's value; "": none */
    unsigned retry_after_s; /* a Retry-After header (seconds); 0: none */
} ks_http_response;

/* Where an admitted request goes. */
enum ks_http_lane {
    KS_HTTP_ANSWERED, /* the admit callback filled the response: sent now, the body unread */
    KS_HTTP_FAST,     /* a fast-lane worker answers it */
    KS_HTTP_SLOW,     /* a slow-lane worker answers it (a fast one when there is no slow lane) */
};

/*
 * Called on the I/O thread when a request's headers are in (req->body is
 * NULL then): must not block. Returns the lane, or KS_HTTP_ANSWERED with
 * *resp (zeroed beforehand) filled.
 */
typedef enum ks_http_lane (*ks_http_admit)(void *ctx, const ks_http_request *req,
                                           ks_http_response *resp);

/*
 * Answers req into *resp (zeroed beforehand), or streams the answer
 * (ks_http_stream_start), on a worker thread; worker is what worker_open
 * made for that thread.
 */
typedef void (*ks_http_handler)(void *ctx, void *worker, const ks_http_request *req,
                                ks_http_response *resp);

typedef struct ks_http_options {
    const char *name;           /* what is listening, for the log */
    const char *listen;         /* "ADDRESS:PORT" (IPv4; port 0: any free port) */
    size_t max_body_bytes;      /* larger bodies are dropped and flagged */
    unsigned max_connections;   /* at once, every address; 0: the default */
    unsigned max_per_address;   /* at once from one address; 0: the default */
    unsigned request_timeout_s; /* the whole-request deadline; 0: the default */
    unsigned fast_workers;      /* threads of the fast lane; 0: 1 */
    unsigned slow_workers;      /* threads of the slow lane; 0: none (slow requests go fast) */
    /*
     * HTTPS with its certificate and key, or plain HTTP where it may be
     * served (kiosk/http/http_tls.h; NULL: plain, so loopback only).
     * Borrowed only during start.
     */
    const ks_http_tls_config *tls;
    ks_http_admit admit;     /* NULL: every request goes to the fast lane */
    ks_http_handler handler; /* required */
    /* Per worker, on its thread: a context (NULL: failed, the server does not start). */
    void *(*worker_open)(void *ctx, enum ks_http_lane lane);
    void (*worker_close)(void *ctx, void *worker); /* on its thread */
    void *ctx; /* borrowed by every callback; it must outlive the server */
} ks_http_options;

/*
 * For a handler, on its worker thread: sends head's status and headers now
 * (head->body ignored; no Content-Length, the body chunked) and returns the
 * stream its body is written to (kiosk/http/http_stream.h), borrowed until
 * the handler returns; the server ends it cut if the handler did not end
 * it, and ignores the response the handler fills. NULL when out of memory
 * or when req is not a worker's (nothing sent: the handler answers as
 * usual). At most once per request.
 */
ks_http_stream *ks_http_stream_start(const ks_http_request *req, const ks_http_response *head);

/* A request header (case-insensitive name), NULL when absent. */
const char *ks_http_request_header(const ks_http_request *req, const char *name);

/* A query argument (?name=value, decoded), NULL when absent. */
const char *ks_http_request_query(const ks_http_request *req, const char *name);

/*
 * Parses "ADDRESS:PORT" (an IPv4 address; port 0: any free port) into
 * address[16] and *port. False when malformed (listen may be NULL).
 */
bool ks_http_parse_listen(const char *listen, char address[16], uint16_t *port);

/*
 * Starts serving as opt says (copied; opt->ctx borrowed). NULL (logged)
 * when the address is malformed or taken, plain HTTP may not be served
 * there, the TLS files cannot be read, a worker could not open, or out of
 * memory.
 */
ks_http_server *ks_http_server_start(const ks_http_options *opt);

/* The port listened on (the one chosen when 0 was asked). */
uint16_t ks_http_server_port(const ks_http_server *server);

/*
 * Stops serving (requests handed to workers are answered first, later
 * ones get 503) and frees server. Accepts NULL.
 */
void ks_http_server_stop(ks_http_server *server);

#endif
