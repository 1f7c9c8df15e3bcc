/*
 * Shared by the backend tests of the back office (people, devices): one
 * HTTP call with a session cookie, CSRF token or bearer token and what came
 * back, a person added with a fast hash, and a login's session.
 */
#ifndef TESTS_UNIT_TEST_BACKEND_SESSION_FIXTURE_H
#define TESTS_UNIT_TEST_BACKEND_SESSION_FIXTURE_H

#include <jansson.h>
#include <time.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_people.h"
#include "kiosk/backend/backend_session.h"
#include "tests/support/http_call.h"
#include "tests/unit/test_kitchen_fixture.h"

/* The passwords of the back-office people the backend tests add: hana, sami and aya. */
#define HANA_PW "hana-secret-passphrase"
#define SAMI_PW "sami-secret-passphrase"
#define AYA_PW "aya-secret-passphrase"

/*
 * method path on the server at base, with the session id (NULL: none) as
 * its cookie, csrf (NULL: none) in X-CSRF-Token, token (NULL: none) as the
 * bearer, and body (NULL: none); the status.
 */
static inline long call(const char *base, const char *method, const char *path, const char *session,
                        const char *csrf, const char *token, const char *body, struct http_reply *r)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", base, path);
    return http_call(&(struct http_request){.method = method,
                                            .url = url,
                                            .token = token,
                                            .session = session,
                                            .csrf = csrf,
                                            .body = body},
                     r);
}

/*
 * POSTs to base the kiosk's (token) refund refund_id of one cola (line 0:
 * 600, VAT 78, at KITCHEN_NOON + 600) of order uuid given back by method
 * ("card", "cash"), with members (",\"name\":value..." or "") added; the
 * status.
 */
static inline long post_cola_refund_with(const char *base, const char *token, const char *uuid,
                                         const char *refund_id, const char *method,
                                         const char *members)
{
    char path[96], body[720];
    snprintf(path, sizeof path, "/v1/orders/%s/refunds", uuid);
    snprintf(body, sizeof body,
             "{\"refund_id\":\"%s\",\"order_uuid\":\"%s\",\"method\":\"%s\",\"amount\":600,"
             "\"vat\":78,\"reason\":\"cold\",\"at\":%lld%s,"
             "\"lines\":[{\"line_no\":0,\"quantity\":1,\"amount\":600}]}",
             refund_id, uuid, method, (long long)KITCHEN_NOON + 600, members);
    struct http_reply a;
    return call(base, "POST", path, NULL, NULL, token, body, &a);
}

/*
 * post_cola_refund_with of a card refund carrying out the back office's
 * request request_id (NULL: none), given by staff (a person signed in with
 * their kiosk PIN; NULL: nobody named); the status.
 */
static inline long post_cola_refund_by(const char *base, const char *token, const char *uuid,
                                       const char *refund_id, const char *request_id,
                                       const char *staff)
{
    char members[200] = "";
    if (request_id)
        snprintf(members, sizeof members, ",\"request_id\":\"%s\"", request_id);
    if (staff)
        snprintf(members + strlen(members), sizeof members - strlen(members), ",\"staff\":\"%s\"",
                 staff);
    return post_cola_refund_with(base, token, uuid, refund_id, "card", members);
}

/* post_cola_refund_by with nobody named. */
static inline long post_cola_refund(const char *base, const char *token, const char *uuid,
                                    const char *refund_id, const char *request_id)
{
    return post_cola_refund_by(base, token, uuid, refund_id, request_id, NULL);
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
                            struct session *s, struct http_reply *r)
{
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
    memset(s, 0, sizeof *s);
    long status = call(base, "POST", "/v1/session", NULL, NULL, NULL, body, r);
    const char *at = strstr(r->cookie, "ks_session=");
    if (at)
        snprintf(s->id, sizeof s->id, "%.64s", at + strlen("ks_session="));
    member(r->body, "csrf", s->csrf, sizeof s->csrf);
    return status;
}

/*
 * Order index's refund request of one of its line 0 (reason "cold"; request
 * id fixture 910000 + index) asked by session s at base, then carried out by
 * token's kiosk refund of one cola (refund id fixture 920000 + index); false
 * unless both answered 201.
 */
static inline bool ask_and_refund_cola(const char *base, const struct session *s, const char *token,
                                       unsigned index)
{
    char uuid[37], request[37], refund[37], body[640];
    fixture_uuid(index, uuid);
    fixture_uuid(910000 + index, request);
    fixture_uuid(920000 + index, refund);
    snprintf(body, sizeof body,
             "{\"request_id\":\"%s\",\"order_uuid\":\"%s\",\"reason\":\"cold\","
             "\"lines\":[{\"line_no\":0,\"quantity\":1}]}",
             request, uuid);
    struct http_reply a;
    return call(base, "POST", "/v1/refund-requests", s->id, s->csrf, NULL, body, &a) == 201 &&
           post_cola_refund(base, token, uuid, refund, request) == 201;
}

/*
 * The people most back-office tests need, added to db with password and
 * signed in at base: sami, riyadh-01's store manager, nora, jeddah-01's,
 * and audra, an auditor; false when any of it fails.
 */
static inline bool sign_in_three(ks_backend_store *db, const char *base, const char *password,
                                 struct session *sami, struct session *nora, struct session *audra)
{
    const struct {
        const char *name;
        enum ks_backend_role role;
        const char *store;
        struct session *session;
    } people[] = {
        {"sami", KS_ROLE_STORE_MANAGER, "riyadh-01", sami},
        {"nora", KS_ROLE_STORE_MANAGER, "jeddah-01", nora},
        {"audra", KS_ROLE_AUDITOR, NULL, audra},
    };
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof people / sizeof people[0]; i++) {
        struct http_reply a;
        ok = add_person_to(db, people[i].name, people[i].role, people[i].store, password) &&
             login_at(base, people[i].name, password, people[i].session, &a) == 200;
    }
    return ok;
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
