/*
 * One HTTPS POST with libcurl, as a payment terminal needs it: the server's
 * certificate checked against one configured CA file (never the system
 * store), no proxy, no redirects, TLS 1.2 or later, a deadline, a bounded
 * answer, and a clear line between "nothing was sent" and "sent, then no
 * answer". That line is what decides whether a payment may be retried.
 *
 * Each call uses its own connection, so two threads may post at once (a
 * payment waiting for the card, and the abort that cancels it). libcurl is
 * loaded and started by the first post (devices/common/curl_on_demand.c).
 */
#ifndef DEVICES_PAYMENT_HTTPS_POST_H
#define DEVICES_PAYMENT_HTTPS_POST_H

#include <stdbool.h>
#include <stddef.h>

#include "devices/common/buffer.h"

enum dev_https_result {
    DEV_HTTPS_OK,          /* a 2xx answer was read whole (it may be empty) */
    DEV_HTTPS_UNREACHABLE, /* nothing was sent: connection, TLS or certificate failed */
    DEV_HTTPS_TIMEOUT,     /* the request may have arrived; no whole answer before the deadline */
    DEV_HTTPS_DROPPED,     /* the request may have arrived; the connection ended early */
    DEV_HTTPS_HTTP_ERROR,  /* an answer with a status other than 2xx */
    DEV_HTTPS_TOO_LARGE,   /* the answer was longer than the call allows */
};

/* A static English phrase for a result. Never NULL. */
const char *dev_https_result_name(enum dev_https_result result);

/* Where to post; every string borrowed for the call. */
typedef struct dev_https_target {
    const char *host;     /* name, IPv4, or IPv6 in brackets: "[fd00::5]" */
    unsigned port;        /* 1..65535 */
    const char *path;     /* "/nexo" */
    const char *ca_file;  /* PEM file the server's chain must lead to */
    const char *tls_name; /* NULL or "": the certificate must name host; else this name,
                             while the connection still goes to host */
    long connect_timeout_ms;
} dev_https_target;

typedef struct dev_https_call {
    /* In */
    const char *body; /* borrowed; sent as application/json */
    size_t len;
    long timeout_ms;            /* the whole exchange, connection included */
    size_t max_answer;          /* longest answer accepted, in bytes */
    void (*on_sent)(void *ctx); /* may be NULL: the whole body was handed to the connection */
    void *on_sent_ctx;
    /* Out */
    dev_buffer answer; /* owned by the caller after the call: dev_buffer_free */
    long status;       /* HTTP status, 0 when none came */
    char error[256];   /* libcurl's explanation, "" when OK; never holds the body */
} dev_https_call;

/*
 * Posts call->body to target and reads the answer into call->answer (NUL
 * terminated past its length when not empty). Blocks up to
 * call->timeout_ms.
 */
enum dev_https_result dev_https_post(const dev_https_target *target, dev_https_call *call);

#endif
