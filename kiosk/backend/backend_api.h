/*
 * The backend's HTTP API as a function: a request (method, path, a few
 * headers and query values, the body) in, a status, content type, body and
 * ETag out, against the backend's store. backend_server.c puts it behind
 * libmicrohttpd; the fuzz target and unit tests call it directly. The API
 * is documented in kiosk/docs/backend-api.md and follows the kitchen
 * display's conventions (kiosk/docs/http-api.md): bearer token per kiosk,
 * Idempotency-Key = order uuid, 201 new / 200 duplicate, JSON errors
 * {"error","path"}, nothing stored unless the whole request is accepted,
 * and a new order on disk before the answer is made.
 *
 * Everything in a request comes from the network: every value has a length
 * limit and is checked before use; SQL only ever sees bound values.
 */
#ifndef KIOSK_BACKEND_BACKEND_API_H
#define KIOSK_BACKEND_BACKEND_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_config.h"
#include "kiosk/backend/backend_store.h"

/* Largest heartbeat body, and device states in one. */
#define KS_BACKEND_HEARTBEAT_MAX 4096
#define KS_BACKEND_MAX_DEVICES 16
/* Largest menu file served, and longest query value looked at. */
#define KS_BACKEND_MENU_MAX (8u * 1024u * 1024u)
#define KS_BACKEND_QUERY_MAX 64
/* Audit rows listed by GET /v1/audit by default, and at most. */
#define KS_BACKEND_AUDIT_DEFAULT 100
#define KS_BACKEND_AUDIT_MAX 1000
/* Best sellers listed at most (and by default). */
#define KS_BACKEND_ITEMS_MAX 100
/* Stock moves listed by GET /v1/stock by default, and at most. */
#define KS_BACKEND_MOVES_DEFAULT 100
#define KS_BACKEND_MOVES_MAX 1000

/*
 * Where a long answer (a report's) may go as it is written, past its first
 * KS_BACKEND_REPORT_HOLD_BYTES: start sends status 200 and content_type
 * now, write the body's next len bytes (false: the client went away,
 * stop), end closes the body, whole or cut (the client sees a transfer
 * error, never a short answer). ctx is the transport's.
 */
typedef struct ks_backend_stream {
    bool (*start)(void *ctx, const char *content_type);
    bool (*write)(void *ctx, const char *bytes, size_t len);
    void (*end)(void *ctx, bool whole);
    void *ctx;
} ks_backend_stream;

typedef struct ks_backend_request {
    const char *method;          /* "GET", "POST", ...; required */
    const char *path;            /* "/v1/orders", without the query; required */
    const char *authorization;   /* the Authorization header, NULL when absent */
    const char *idempotency_key; /* the Idempotency-Key header, NULL when absent */
    const char *if_none_match;   /* the If-None-Match header, NULL when absent */
    const char *cookie;          /* the Cookie header, NULL when absent */
    const char *csrf_token;      /* the X-CSRF-Token header, NULL when absent */
    const char *client;          /* the client's address ("192.0.2.7"), NULL when unknown */
    /* Query values, NULL when absent: ?store= ?from= ?to= ?group= ?by= ?sort= ?limit= ?format=
     * ?item= ?days= ?lead= ?safety= ?cover= ?device= ?staff= ?kind= ?page= ?date= ?number= */
    const char *store, *from, *to, *group, *by, *sort, *limit, *format, *item;
    const char *days, *lead, *safety, *cover, *device, *staff, *kind, *page, *date, *number;
    const char *body; /* body_len bytes, no NUL needed; NULL when empty */
    size_t body_len;
    bool body_too_large; /* the body went past KS_ORDER_JSON_MAX_BYTES and was dropped */
    const ks_backend_stream *stream; /* borrowed; NULL: every answer is whole */
} ks_backend_request;

typedef struct ks_backend_response {
    int status;               /* HTTP status */
    const char *content_type; /* static: application/json, text/csv or text/html */
    char *body; /* owned (free()); NULL only for 304 or when out of memory (then 503) */
    size_t body_len;
    char etag[67];             /* quoted SHA-256 hex of a menu, manifest or picture, "" otherwise */
    const char *cache_control; /* static; NULL: "no-cache" */
    bool refusal; /* counts against the caller's address like a refused token (auth_limit.h) */
    char set_cookie[192];  /* a Set-Cookie value (login, logout); "": none */
    int64_t retry_after_s; /* a Retry-After in seconds (429 of the login limits); 0: none */
} ks_backend_response;

typedef struct ks_backend_api ks_backend_api;

/*
 * An API over store (borrowed, used only by the caller's thread) with the
 * kiosks, tokens, menus and time zone of cfg (copied). NULL when out of memory.
 */
ks_backend_api *ks_backend_api_new(ks_backend_store *store, const ks_backend_config *cfg);

/* Accepts NULL. */
void ks_backend_api_free(ks_backend_api *api);

/* Answers req at now (UTC seconds) into *resp; the caller frees resp->body. */
void ks_backend_api_handle(ks_backend_api *api, const ks_backend_request *req, int64_t now,
                           ks_backend_response *resp);

#endif
