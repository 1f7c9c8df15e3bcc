/*
 * The HTTP plumbing the kitchen display and the backend share:
 * libmicrohttpd on one internal thread, which gathers each request body up
 * to a byte limit (a larger one, declared or sent, is dropped and flagged so
 * the handler can answer 413) and hands the whole request to one handler.
 * That thread is the only caller of the handler while the server runs.
 */
#ifndef KIOSK_HTTP_HTTP_SERVER_H
#define KIOSK_HTTP_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ks_http_server ks_http_server;

/* One received request; everything is borrowed and valid during the handler call only. */
typedef struct ks_http_request {
    const char *method;
    const char *url;         /* the path, without the query */
    const char *body;        /* body_len bytes, no NUL needed; NULL when empty or too large */
    size_t body_len;
    bool body_too_large;     /* the body went past the server's limit and was dropped */
    void *connection;        /* libmicrohttpd's; read through the two accessors below */
} ks_http_request;

/* The answer a handler fills in. */
typedef struct ks_http_response {
    int status;               /* HTTP status */
    char *body;               /* owned (free()), freed by the server; NULL: 503 unless 304 */
    size_t body_len;          /* bytes of body */
    const char *content_type; /* static; NULL: application/json; not sent with 304 */
    const char *etag;         /* static or owned by the handler's context; NULL or "": none */
    const char *cache_control; /* static; NULL: none */
} ks_http_response;

/* Answers req into *resp (zeroed beforehand); ctx is the one given to ks_http_server_start. */
typedef void (*ks_http_handler)(void *ctx, const ks_http_request *req, ks_http_response *resp);

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
 * Starts serving on listen ("0.0.0.0:8080", "127.0.0.1:0"): bodies up to
 * max_body_bytes, at most max_connections at once, each request answered
 * by handler(ctx) (ctx borrowed; it must outlive the server). name says
 * what is listening, for the log. NULL (logged) when the address is
 * malformed or taken, or out of memory.
 */
ks_http_server *ks_http_server_start(const char *name, const char *listen, size_t max_body_bytes,
                                     unsigned max_connections, ks_http_handler handler,
                                     void *ctx);

/* The port listened on (the one chosen when 0 was asked). */
uint16_t ks_http_server_port(const ks_http_server *server);

/* Stops serving (requests under way finish first) and frees server. Accepts NULL. */
void ks_http_server_stop(ks_http_server *server);

#endif
