/*
 * The kitchen display's HTTP API as a function: a request (method, path,
 * a few headers and query values, the body) in, a status and a JSON body
 * out, against the display's store. kds_server.c puts it behind
 * libmicrohttpd; the fuzz target and the unit tests call it directly.
 * The API is documented in kiosk/docs/http-api.md; the sold-out marks
 * endpoints are kds_soldout_api.h's.
 *
 * Everything in a request comes from the network: every field has a
 * length limit, bodies are parsed strictly (kiosk-order/1 through
 * ks_order_from_json), and nothing is stored unless the whole body is
 * accepted. A new order is on disk before the answer is made.
 */
#ifndef KIOSK_KITCHEN_KDS_API_H
#define KIOSK_KITCHEN_KDS_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/order.h"
#include "kiosk/domain/peer_list.h"
#include "kiosk/kitchen/kds_store.h"

/* Largest body accepted for a status change. */
#define KS_KDS_STATUS_BODY_MAX 256
/* Kiosks a display takes orders from, and bytes per token. */
#define KS_KDS_MAX_KIOSKS 16
#define KS_KDS_TOKEN_MAX 128
/* Tickets one GET returns at most (and by default). */
#define KS_KDS_LIST_MAX 500

typedef struct ks_kds_request {
    const char *method;          /* "GET", "POST", ...; required */
    const char *path;            /* "/v1/orders", without the query; required */
    const char *status_query;    /* ?status= (comma-separated), NULL when absent */
    const char *limit_query;     /* ?limit=, NULL when absent */
    const char *after_query;     /* ?after= (GET /v1/events, GET /v1/soldout), NULL when absent */
    const char *authorization;   /* the Authorization header, NULL when absent */
    const char *idempotency_key; /* the Idempotency-Key header, NULL when absent */
    const char *body;            /* body_len bytes, no NUL needed; NULL when empty */
    size_t body_len;
    bool body_too_large; /* the body went past KS_ORDER_JSON_MAX_BYTES and was dropped */
} ks_kds_request;

typedef struct ks_kds_response {
    int status; /* HTTP status */
    char *body; /* owned (free()): compact JSON, NUL-terminated; NULL only when out of memory */
} ks_kds_response;

/*
 * Called after a change is stored: a new ticket (is_new) or a status
 * change, with the ticket's uuid (borrowed for the call). Runs on the
 * thread that called ks_kds_api_handle.
 */
typedef void (*ks_kds_change_fn)(const char *uuid, enum ks_order_status status, bool is_new,
                                 void *ctx);

/* A kiosk's token: it may send that kiosk's orders, and nothing else. */
typedef struct ks_kds_kiosk_token {
    char kiosk_id[KS_DEVICE_ID_MAX + 1];
    char token[KS_KDS_TOKEN_MAX + 1];
} ks_kds_kiosk_token;

/* Who may do what at the display; a token "" is nobody's. */
typedef struct ks_kds_credentials {
    ks_kds_kiosk_token kiosks[KS_KDS_MAX_KIOSKS];
    size_t n_kiosks;
    char bump[KS_KDS_TOKEN_MAX + 1];    /* bump bars, other screens: preparing, ready; the list */
    char collect[KS_KDS_TOKEN_MAX + 1]; /* the counter: collected; the list */
    char board[KS_KDS_TOKEN_MAX + 1];   /* an order-ready board elsewhere: the list only */
} ks_kds_credentials;

/* Whose credentials a request carries. */
enum ks_kds_role { KS_KDS_NOBODY, KS_KDS_KIOSK, KS_KDS_BUMP, KS_KDS_COLLECT, KS_KDS_BOARD };

typedef struct ks_kds_api ks_kds_api;

/*
 * An API over store (borrowed, used only by the caller's thread) that
 * accepts creds (copied; no credentials: every request but /v1/health is
 * refused). on_change may be NULL. NULL on a bad kiosk id or out of memory.
 */
ks_kds_api *ks_kds_api_new(ks_kds_store *store, const ks_kds_credentials *creds,
                           ks_kds_change_fn on_change, void *ctx);

void ks_kds_api_free(ks_kds_api *api);

/*
 * Whose token the Authorization header (NULL: absent) carries, every token
 * compared in constant time: the INI's tokens, then the store's enrolled
 * kiosks (ks_kds_api_set_peers). For a kiosk, its id into
 * kiosk_id[KS_DEVICE_ID_MAX + 1] (may be NULL). Any thread may ask.
 */
enum ks_kds_role ks_kds_api_role(ks_kds_api *api, const char *authorization, char *kiosk_id);

/*
 * The store's enrolled kiosks from now on (a copy of list, in place of
 * the last): each may send its own orders with its own token, whose
 * digest is listed (kiosk/domain/peer_list.h). Thread-safe; false (the
 * last list kept) when out of memory.
 */
bool ks_kds_api_set_peers(ks_kds_api *api, const ks_peer_list *list);

/* Answers req at now (UTC seconds) into *resp; the caller frees resp->body. */
void ks_kds_api_handle(ks_kds_api *api, const ks_kds_request *req, int64_t now,
                       ks_kds_response *resp);

#endif
