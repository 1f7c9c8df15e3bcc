/* One HTTPS POST with libcurl for a payment terminal: see https_post.h. */
#include "devices/payment/https_post.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

const char *dev_https_result_name(enum dev_https_result result)
{
    switch (result) {
    case DEV_HTTPS_OK:
        return "ok";
    case DEV_HTTPS_UNREACHABLE:
        return "the terminal could not be reached; nothing was sent";
    case DEV_HTTPS_TIMEOUT:
        return "no answer before the deadline";
    case DEV_HTTPS_DROPPED:
        return "the connection ended before the answer";
    case DEV_HTTPS_HTTP_ERROR:
        return "the terminal answered with an HTTP error";
    case DEV_HTTPS_TOO_LARGE:
        return "the answer was too large";
    }
    return "unknown transport result";
}

/* Progress of one call, shared with libcurl's callbacks. */
struct exchange {
    dev_https_call *call;
    size_t offset; /* body bytes handed to libcurl */
    bool started;  /* libcurl asked for the body: the connection was up */
    bool too_large;
};

static size_t read_body(char *dst, size_t size, size_t n, void *ctx)
{
    struct exchange *x = ctx;
    x->started = true;
    size_t left = x->call->len - x->offset;
    size_t take = size * n < left ? size * n : left;
    memcpy(dst, x->call->body + x->offset, take);
    x->offset += take;
    if (take > 0 && x->offset == x->call->len && x->call->on_sent)
        x->call->on_sent(x->call->on_sent_ctx);
    return take;
}

static size_t write_answer(char *data, size_t size, size_t n, void *ctx)
{
    struct exchange *x = ctx;
    if (!dev_buffer_append(&x->call->answer, data, size * n)) {
        x->too_large = true;
        return 0;
    }
    return size * n;
}

/* Sets up one request; the lists it makes are the caller's to free, also on failure. */
static bool configure(CURL *curl, const dev_https_target *t, dev_https_call *call,
                      struct exchange *x, struct curl_slist **headers, struct curl_slist **resolve)
{
    bool named = t->tls_name && t->tls_name[0];
    char url[1024];
    int n = snprintf(url, sizeof url, "https://%s:%u%s", named ? t->tls_name : t->host, t->port,
                     t->path);
    if (n <= 0 || (size_t)n >= sizeof url)
        return false;
    if (named) {
        /* Connect to host, but verify the certificate against tls_name. */
        char entry[600];
        const char *addr = t->host;
        size_t addr_len = strlen(addr);
        if (addr_len >= 2 && addr[0] == '[') {
            addr++;
            addr_len -= 2;
        }
        n = snprintf(entry, sizeof entry, "%s:%u:%.*s", t->tls_name, t->port, (int)addr_len, addr);
        if (n <= 0 || (size_t)n >= sizeof entry || !(*resolve = curl_slist_append(NULL, entry)))
            return false;
    }
    *headers = curl_slist_append(NULL, "Content-Type: application/json");
    /* No "Expect: 100-continue": the body goes at once, and "sent" means what it says. */
    struct curl_slist *more = *headers ? curl_slist_append(*headers, "Expect:") : NULL;
    if (!more)
        return false;
    *headers = more;
    bool ok =
        curl_easy_setopt(curl, CURLOPT_URL, url) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https") == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_PROXY, "") == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_CAINFO, t->ca_file) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_CAPATH, NULL) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, t->connect_timeout_ms) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, call->timeout_ms) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_POST, 1L) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)call->len) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_body) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_READDATA, x) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_answer) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, x) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, *headers) == CURLE_OK &&
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, call->error) == CURLE_OK;
    if (ok && *resolve)
        ok = curl_easy_setopt(curl, CURLOPT_RESOLVE, *resolve) == CURLE_OK;
    return ok;
}

static enum dev_https_result classify(CURLcode rc, const struct exchange *x, long status)
{
    if (rc == CURLE_OK)
        return status >= 200 && status <= 299 ? DEV_HTTPS_OK : DEV_HTTPS_HTTP_ERROR;
    /* Before libcurl asked for the body, no byte of it can have left. */
    if (!x->started)
        return DEV_HTTPS_UNREACHABLE;
    if (x->too_large)
        return DEV_HTTPS_TOO_LARGE;
    return rc == CURLE_OPERATION_TIMEDOUT ? DEV_HTTPS_TIMEOUT : DEV_HTTPS_DROPPED;
}

enum dev_https_result dev_https_post(const dev_https_target *target, dev_https_call *call)
{
    dev_buffer_init(&call->answer, call->max_answer);
    call->status = 0;
    call->error[0] = '\0';
    struct exchange x = {.call = call};
    struct curl_slist *headers = NULL, *resolve = NULL;
    CURL *curl = curl_easy_init();
    enum dev_https_result result = DEV_HTTPS_UNREACHABLE;
    if (!curl || !configure(curl, target, call, &x, &headers, &resolve)) {
        snprintf(call->error, sizeof call->error, "libcurl could not be set up for the request");
    } else {
        CURLcode rc = curl_easy_perform(curl);
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &call->status);
        result = classify(rc, &x, call->status);
        if (rc != CURLE_OK && !call->error[0])
            snprintf(call->error, sizeof call->error, "%s", curl_easy_strerror(rc));
        if (result == DEV_HTTPS_OK && call->answer.len > 0 &&
            !dev_buffer_append_byte(&call->answer, 0))
            result = DEV_HTTPS_TOO_LARGE;
        if (result == DEV_HTTPS_OK && call->answer.len > 0)
            call->answer.len--; /* the terminator is not part of the answer */
        if (result == DEV_HTTPS_HTTP_ERROR)
            snprintf(call->error, sizeof call->error, "HTTP status %ld", call->status);
    }
    curl_slist_free_all(headers);
    curl_slist_free_all(resolve);
    curl_easy_cleanup(curl);
    return result;
}
