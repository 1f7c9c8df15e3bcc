/*
 * The kiosk's requests to the backend other than orders (those go through
 * the outbox, kiosk/app/delivery.h): the menu, its pictures and the
 * heartbeat (kiosk/docs/backend-api.md). One libcurl handle, reused, with
 * the delivery worker's rules: the kiosk's bearer token, https verified,
 * plain http only to private addresses (ks_outgoing_url_ok), no
 * redirects, a timeout per request, a byte limit per answer, and a stop
 * flag that abandons a transfer under way.
 *
 * [network] backend_url names the backend's POST /v1/orders; the other
 * endpoints are beside it, so the API root is that URL without its
 * trailing "/orders".
 *
 * A client is used by one thread at a time.
 */
#ifndef KIOSK_APP_BACKEND_CLIENT_H
#define KIOSK_APP_BACKEND_CLIENT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* Bytes of an ETag kept from an answer; a longer one is treated as absent. */
#define KS_BACKEND_CLIENT_ETAG_MAX 128

/*
 * The API root of an orders URL ("https://b.example/v1/orders" ->
 * "https://b.example/v1") into out[cap]. False when the URL does not end in
 * "/orders" or does not fit. Pure.
 */
bool ks_backend_client_root(const char *orders_url, char *out, size_t cap);

typedef struct ks_backend_client ks_backend_client;

typedef struct ks_backend_client_config {
    const char *orders_url; /* [network] backend_url; must pass ks_outgoing_url_ok */
    /*
     * Another server's API root taken as is instead ("http://10.0.0.5:8090/v1",
     * the attendant console); NULL: orders_url's. Must pass ks_outgoing_url_ok.
     */
    const char *api_root;
    /*
     * The kiosk's bearer token, 1-KS_CONFIG_TOKEN_MAX bytes; NULL: none is sent (the one
     * request made before the kiosk has one: POST /v1/devices/enrol, kiosk/app/device_token.h)
     */
    const char *token;
    const char *ca_file;     /* the store's CA (PEM) to verify the server; NULL or "": system's */
    int timeout_ms;          /* per request, connecting included; <= 0: 10000 */
    const char *user_agent;  /* static, e.g. "kiosk-menu-pull/1" */
    const atomic_bool *stop; /* borrowed; true abandons a request under way; may be NULL */
} ks_backend_client_config;

/*
 * NULL (logged) when the URL, token or CA path is refused. Nothing is sent yet and libcurl is
 * not touched: the first request makes the connection's handle (so a worker's first request,
 * not the program's start, loads libcurl: devices/common/curl_on_demand.c).
 */
ks_backend_client *ks_backend_client_new(const ks_backend_client_config *cfg);

/* Accepts NULL. */
void ks_backend_client_free(ks_backend_client *c);

/* One answer. */
typedef struct ks_backend_answer {
    long status; /* HTTP status; 0 when there was no answer */
    char *body;  /* owned, NUL-terminated (body_len excludes it); NULL when none */
    size_t body_len;
    bool too_large; /* the body went past the limit: abandoned, status 0 */
    char etag[KS_BACKEND_CLIENT_ETAG_MAX + 1]; /* the ETag header as sent, "" when none */
    char error[640]; /* English: why there was no answer, or "URL: HTTP 503 ..." */
} ks_backend_answer;

/* Frees a's body; accepts an answer already cleared. */
void ks_backend_answer_clear(ks_backend_answer *a);

/*
 * GETs root + path_query ("/menu?store=x": path_query is not escaped, so
 * callers only put checked ids and hashes in it), with If-None-Match when
 * if_none_match is neither NULL nor "", keeping at most max_bytes of body.
 * True when an answer came (any status); *out is filled either way and
 * must be cleared.
 */
bool ks_backend_client_get(ks_backend_client *c, const char *path_query, const char *if_none_match,
                           size_t max_bytes, ks_backend_answer *out);

/* POSTs the JSON text body to root + path; the answer is kept up to 16 KiB. As for _get. */
bool ks_backend_client_post_json(ks_backend_client *c, const char *path, const char *body,
                                 ks_backend_answer *out);

#endif
