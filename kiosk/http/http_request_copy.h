/*
 * What a handler reads of a request (http_server.h's ks_http_request): the
 * method, the path, the client's address, the headers and the query
 * arguments, copied out of libmicrohttpd's connection memory into one
 * arena the request owns. libmicrohttpd frees that memory when the
 * connection closes, and a streamed answer's handler runs on after its
 * client hangs up: with the copy, every string a handler was given lives
 * until the handler returns, whichever header or argument it reads, with
 * no list of them to keep.
 *
 * Looked up as libmicrohttpd looks them up: the first of that kind whose
 * name is the same bytes ignoring ASCII case; a query argument without
 * '=' ("?flag") is there with a NULL value. The copy holds at most what
 * the connection held (KS_HTTP_CONNECTION_MEMORY), so the limits on a
 * request's line and headers stay libmicrohttpd's.
 */
#ifndef KIOSK_HTTP_HTTP_REQUEST_COPY_H
#define KIOSK_HTTP_HTTP_REQUEST_COPY_H

#include <stddef.h>

struct MHD_Connection;
struct ks_arena;
struct ks_http_copied_value;

/* Read-only once made; every string in arena. */
typedef struct ks_http_request_copy {
    const char *method;                        /* "GET" */
    const char *url;                           /* the path, without the query */
    const char *client;                        /* "192.0.2.7"; "" when unknown */
    const struct ks_http_copied_value *values; /* n_values headers and query arguments */
    size_t n_values;
    struct ks_arena *arena; /* owned, freed by ks_http_request_copy_free */
} ks_http_request_copy;

/*
 * The copy of con's request (its headers in) with method, url and client
 * (each may be NULL: ""), owned (ks_http_request_copy_free); NULL when out
 * of memory.
 */
ks_http_request_copy *ks_http_request_copy_new(struct MHD_Connection *con, const char *method,
                                               const char *url, const char *client);

/* A header's value (name in any case), NULL when absent; borrowed from copy. */
const char *ks_http_request_copy_header(const ks_http_request_copy *copy, const char *name);

/* A query argument's decoded value, NULL when absent or without '='; borrowed from copy. */
const char *ks_http_request_copy_query(const ks_http_request_copy *copy, const char *name);

/* Frees copy and every string in it. Accepts NULL. */
void ks_http_request_copy_free(ks_http_request_copy *copy);

#endif
