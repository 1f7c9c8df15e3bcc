/*
 * Shared by the backend tests of the back office (people, devices): one
 * HTTP call with a session cookie, CSRF token or bearer token and what came
 * back, a person added with a fast hash, and a login's session.
 */
#ifndef TESTS_UNIT_TEST_BACKEND_SESSION_FIXTURE_H
#define TESTS_UNIT_TEST_BACKEND_SESSION_FIXTURE_H

#include <curl/curl.h>
#include <jansson.h>
#include <strings.h>
#include <time.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_people.h"
#include "kiosk/backend/backend_session.h"
#include "tests/unit/test_kitchen_fixture.h"

/* One answer: status and body (kitchen_keep's), and the Set-Cookie and Retry-After headers. */
struct reply {
    struct kitchen_answer a;
    char cookie[256];
    long retry_after;
};

static inline size_t keep_header(char *data, size_t size, size_t n, void *ctx)
{
    struct reply *r = ctx;
    size_t bytes = size * n;
    char line[512];
    size_t len = bytes < sizeof line - 1 ? bytes : sizeof line - 1;
    memcpy(line, data, len);
    line[len] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    if (strncasecmp(line, "Set-Cookie: ", 12) == 0)
        snprintf(r->cookie, sizeof r->cookie, "%.255s", line + 12);
    if (strncasecmp(line, "Retry-After: ", 13) == 0)
        r->retry_after = strtol(line + 13, NULL, 10);
    return bytes;
}

/*
 * method path on the server at base, with the session id (NULL: none) as
 * its cookie, csrf (NULL: none) in X-CSRF-Token, token (NULL: none) as the
 * bearer, and body (NULL: none); the status.
 */
static inline long call(const char *base, const char *method, const char *path, const char *session,
                        const char *csrf, const char *token, const char *body, struct reply *r)
{
    memset(r, 0, sizeof *r);
    CURL *c = curl_easy_init();
    if (!c)
        return 0;
    char url[256], line[256];
    snprintf(url, sizeof url, "%s%s", base, path);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    if (session) {
        snprintf(line, sizeof line, "Cookie: other=1; ks_session=%s", session);
        headers = curl_slist_append(headers, line);
    }
    if (csrf) {
        snprintf(line, sizeof line, "X-CSRF-Token: %s", csrf);
        headers = curl_slist_append(headers, line);
    }
    if (token) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", token);
        headers = curl_slist_append(headers, line);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, kitchen_keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->a);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    }
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->a.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return r->a.status;
}

/* Adds a person to store (a store id for a store manager, else NULL) with a fast hash of
 * password. */
static inline bool add_person_to(ks_backend_store *db, const char *name, enum ks_backend_role role,
                                 const char *store, const char *password)
{
    ks_backend_person p = {.role = role};
    snprintf(p.name, sizeof p.name, "%s", name);
    if (store)
        snprintf(p.stores[p.n_stores++], sizeof p.stores[0], "%s", store);
    char hash[KS_PASSWORD_HASH_MAX];
    const ks_backend_actor console = {.name = "console", .role = "operator"};
    return ks_backend_password_hash(password, strlen(password), KS_PWHASH_FAST, hash) &&
           ks_backend_store_add_person(db, &p, hash, (int64_t)time(NULL), &console) == KS_DB_OK;
}

/* Member name of the JSON body as text into out[cap] ("" when absent). */
static inline const char *member(const char *body, const char *name, char *out, size_t cap)
{
    json_t *root = json_loads(body, 0, NULL);
    const char *value = json_string_value(json_object_get(root, name));
    snprintf(out, cap, "%s", value ? value : "");
    json_decref(root);
    return out;
}

/* A login's session id (from its Set-Cookie) and CSRF token. */
struct session {
    char id[KS_SESSION_HEX_LEN + 1];
    char csrf[KS_SESSION_HEX_LEN + 1];
};

/* POSTs a login of name with password to base; the status, the session in *s. */
static inline long login_at(const char *base, const char *name, const char *password,
                            struct session *s, struct reply *r)
{
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
    memset(s, 0, sizeof *s);
    long status = call(base, "POST", "/v1/session", NULL, NULL, NULL, body, r);
    const char *at = strstr(r->cookie, "ks_session=");
    if (at)
        snprintf(s->id, sizeof s->id, "%.64s", at + strlen("ks_session="));
    member(r->a.body, "csrf", s->csrf, sizeof s->csrf);
    return status;
}

/*
 * POSTs body to path of api at now from client, as the server would hand it
 * over (no token, no cookie); the status, and its Retry-After into *retry
 * (may be NULL).
 */
static inline int api_post(ks_backend_api *api, const char *path, const char *body,
                           const char *client, int64_t now, int64_t *retry)
{
    const ks_backend_request req = {
        .method = "POST", .path = path, .client = client, .body = body, .body_len = strlen(body)};
    ks_backend_response resp;
    ks_backend_api_handle(api, &req, now, &resp);
    if (retry)
        *retry = resp.retry_after_s;
    free(resp.body);
    return resp.status;
}

#endif
