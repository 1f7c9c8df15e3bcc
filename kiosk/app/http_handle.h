/*
 * A libcurl handle with the rules every request of the kiosk to a server
 * follows (the delivery worker's and the backend client's): http and https
 * only, no signals, one deadline for connecting and for the whole request,
 * the server's certificate and name verified (against ca_file when given,
 * else the system's CAs), no redirects, the program's user agent, and a
 * progress callback that abandons the request when it answers non-zero.
 * The caller adds what its requests differ in (URL, answer sink, headers).
 * libcurl is loaded by the first call (devices/common/curl_on_demand.c).
 */
#ifndef KIOSK_APP_HTTP_HANDLE_H
#define KIOSK_APP_HTTP_HANDLE_H

#include <curl/curl.h>

typedef struct ks_http_handle_config {
    long timeout_ms;
    const char *user_agent; /* static */
    const char *ca_file;    /* NULL or "": the system's CAs */
    curl_xferinfo_callback abandon;
    void *abandon_ctx;
} ks_http_handle_config;

/* A new handle (curl_easy_cleanup); NULL when libcurl cannot make one or refuses an option. */
CURL *ks_http_handle_new(const ks_http_handle_config *cfg);

#endif
