/* A test's HTTP request over libcurl: see tests/support/http_call.h. */
#include "tests/support/http_call.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

uint64_t http_digest(uint64_t digest, const char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++)
        digest = (digest ^ (uint8_t)bytes[i]) * 1099511628211ull;
    return digest;
}

size_t http_reply_keep_body(char *data, size_t size, size_t n, void *ctx)
{
    struct http_reply *r = ctx;
    size_t bytes = size * n, room = sizeof r->body - 1 - r->len;
    r->digest = http_digest(r->received ? r->digest : HTTP_DIGEST_START, data, bytes);
    r->received += bytes;
    size_t take = bytes < room ? bytes : room;
    memcpy(r->body + r->len, data, take);
    r->len += take;
    r->body[r->len] = '\0';
    return bytes;
}

/* The value of header line data[bytes] when it is `name: value`, into out[cap] (cut to fit). */
static void keep_value(const char *data, size_t bytes, const char *name, char *out, size_t cap)
{
    size_t len = strlen(name);
    if (bytes <= len + 1 || strncasecmp(data, name, len) != 0 || data[len] != ':')
        return;
    const char *value = data + len + 1;
    size_t n = bytes - len - 1;
    while (n > 0 && *value == ' ')
        value++, n--;
    while (n > 0 && (value[n - 1] == '\r' || value[n - 1] == '\n'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, value, n);
    out[n] = '\0';
}

static size_t keep_header(char *data, size_t size, size_t n, void *ctx)
{
    struct http_reply *r = ctx;
    size_t bytes = size * n;
    keep_value(data, bytes, "Set-Cookie", r->cookie, sizeof r->cookie);
    keep_value(data, bytes, "ETag", r->etag, sizeof r->etag);
    keep_value(data, bytes, "Content-Type", r->type, sizeof r->type);
    keep_value(data, bytes, "Content-Security-Policy", r->csp, sizeof r->csp);
    keep_value(data, bytes, "Content-Length", r->length, sizeof r->length);
    keep_value(data, bytes, "Transfer-Encoding", r->encoding, sizeof r->encoding);
    char retry[24] = "";
    keep_value(data, bytes, "Retry-After", retry, sizeof retry);
    if (retry[0])
        r->retry_after = strtol(retry, NULL, 10);
    return bytes;
}

/* A reply read up to a request's hang_up_after bytes. */
struct hang_up {
    struct http_reply *reply;
    size_t after;
};

/* Keeps the body until hang_up's bytes came, then fails: libcurl closes the connection. */
static size_t keep_until_hang_up(char *data, size_t size, size_t n, void *ctx)
{
    struct hang_up *h = ctx;
    http_reply_keep_body(data, size, n, h->reply);
    return h->reply->received >= h->after ? 0 : size * n;
}

/*
 * A client that hangs up reads through a small socket buffer (autotuned, the
 * kernel's may hold tens of MB on loopback): the server cannot have sent the
 * whole answer before it goes.
 */
static int small_receive_buffer(void *ctx, curl_socket_t fd, curlsocktype purpose)
{
    (void)ctx;
    int bytes = 64 * 1024;
    if (purpose == CURLSOCKTYPE_IPCXN)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    return CURL_SOCKOPT_OK;
}

/* headers plus "name: value" when value is not NULL. */
static struct curl_slist *add_header(struct curl_slist *headers, const char *name,
                                     const char *value)
{
    if (!value)
        return headers;
    char line[512];
    snprintf(line, sizeof line, "%s: %s", name, value);
    return curl_slist_append(headers, line);
}

long http_call(const struct http_request *q, struct http_reply *r)
{
    memset(r, 0, sizeof *r);
    CURL *c = curl_easy_init();
    if (!c)
        return 0;
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    char bearer[300];
    if (q->token)
        snprintf(bearer, sizeof bearer, "Bearer %s", q->token);
    headers = add_header(headers, "Authorization", q->token ? bearer : NULL);
    char cookie[300];
    if (q->session)
        snprintf(cookie, sizeof cookie, "other=1; ks_session=%s", q->session);
    headers = add_header(headers, "Cookie", q->session ? cookie : NULL);
    headers = add_header(headers, "X-CSRF-Token", q->csrf);
    headers = add_header(headers, "Idempotency-Key", q->idempotency_key);
    for (size_t i = 0; i < sizeof q->headers / sizeof q->headers[0]; i++)
        if (q->headers[i])
            headers = curl_slist_append(headers, q->headers[i]);
    curl_easy_setopt(c, CURLOPT_URL, q->url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, q->method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, q->timeout_ms > 0 ? q->timeout_ms : 60000L);
    struct hang_up hang_up = {r, q->hang_up_after};
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION,
                     q->hang_up_after ? keep_until_hang_up : http_reply_keep_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, q->hang_up_after ? (void *)&hang_up : (void *)r);
    if (q->hang_up_after)
        curl_easy_setopt(c, CURLOPT_SOCKOPTFUNCTION, small_receive_buffer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    if (q->body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, q->body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)(q->body_len ? q->body_len : strlen(q->body)));
    }
    r->transfer = (int)curl_easy_perform(c);
    if (r->transfer == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    double first_byte_s = 0;
    curl_easy_getinfo(c, CURLINFO_STARTTRANSFER_TIME, &first_byte_s);
    r->first_byte_ms = first_byte_s * 1000;
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return r->status;
}
