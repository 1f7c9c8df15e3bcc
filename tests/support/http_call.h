/*
 * One HTTP request of a test to a server on loopback, the one way every
 * test and benchmark talks HTTP (libcurl underneath): the request names
 * what a kiosk, a browser's session or a sales channel would send, the
 * reply keeps the status, the start of the body and the headers tests
 * look at.
 *
 *   struct http_reply r;
 *   http_call(&(struct http_request){.method = "GET", .url = url, .token = TOKEN}, &r);
 *   CHECK_EQ_INT(r.status, 200);
 *
 * Each call is a connection of its own (nothing is shared between calls),
 * so threads may call at once, each with its own reply.
 */
#ifndef TESTS_SUPPORT_HTTP_CALL_H
#define TESTS_SUPPORT_HTTP_CALL_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_REPLY_BODY_MAX                                                                        \
    131072 /* bytes of a reply's body kept; the rest is read and dropped                           \
            */

struct http_request {
    const char *method;          /* "GET", "POST", ... */
    const char *url;             /* http(s)://127.0.0.1:PORT/path?query */
    const char *token;           /* Authorization: Bearer TOKEN; NULL: none */
    const char *session;         /* Cookie: ks_session=SESSION; NULL: none */
    const char *csrf;            /* X-CSRF-Token; NULL: none */
    const char *idempotency_key; /* Idempotency-Key; NULL: none */
    const char *headers[4];      /* more header lines ("Name: value"); NULL entries skipped */
    const char *body;            /* NULL: no body */
    size_t body_len;             /* bytes of body; 0 with a body: strlen(body) */
    long timeout_ms;             /* 0: 60 s (the machine may be busy) */
    /* 0: the whole body; else close once this many bytes came, read through a 64 KB socket
     * buffer (the server cannot have sent everything before) */
    size_t hang_up_after;
};

struct http_reply {
    long status; /* 0: no answer (refused, timed out, reset) */
    char body[HTTP_REPLY_BODY_MAX];
    size_t len;           /* bytes kept in body (NUL-terminated) */
    char cookie[256];     /* the Set-Cookie value, "" when none */
    char etag[80];        /* ETag */
    char type[80];        /* Content-Type */
    char csp[200];        /* Content-Security-Policy */
    long retry_after;     /* Retry-After in seconds, 0 when none */
    char length[24];      /* Content-Length, "" when none */
    char encoding[40];    /* Transfer-Encoding, "" when none */
    int transfer;         /* libcurl's CURLcode: 0 whole, 18 cut short, 23 hung up */
    size_t received;      /* every byte of the body received, kept or not */
    uint64_t digest;      /* FNV-1a (64 bits) of those bytes */
    double first_byte_ms; /* from the request to the answer's first byte */
};

/* FNV-1a (64 bits) of len bytes, continued from digest (start: HTTP_DIGEST_START). */
#define HTTP_DIGEST_START 14695981039346656037ull
uint64_t http_digest(uint64_t digest, const char *bytes, size_t len);

/*
 * The libcurl write callback that keeps a body in the http_reply ctx, for a
 * benchmark that drives its own handle (to keep one connection open).
 */
size_t http_reply_keep_body(char *data, size_t size, size_t n, void *ctx);

/* Makes the request and fills *reply (zeroed first, even on failure); reply->status. */
long http_call(const struct http_request *request, struct http_reply *reply);

#endif
