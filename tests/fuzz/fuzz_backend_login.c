/*
 * Fuzz target for the login body (POST /v1/session, backend_login.c and
 * backend_api.c's login): the whole input is the body, copied into a
 * buffer of exactly its size, answered by the API over an SQLite store in
 * a private temporary folder that holds one person, amal (a fast Argon2id
 * hash, as tests make them).
 *
 * The answer is judged against an oracle written apart from the parser
 * (jansson on its own): over 2048 bytes is 413; anything but an object of
 * exactly "name" (1-64 of a-z 0-9 . _ @ -) and "password" (1-1024 bytes)
 * is 400; amal's right password is 200 with an HttpOnly SameSite=Strict
 * session cookie that then opens GET /v1/session, and its CSRF token; any
 * other well-formed login is 401. The clock moves a day per input, so the
 * login limits never hold one back: 429, 503 or any other status is a
 * failure. Seeds in tests/fuzz/corpus/backend_login/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_login.h"
#include "kiosk/backend/backend_people.h"
#include "kiosk/common/log.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PASSWORD "open sesame 42"

static ks_backend_store *store;
static ks_backend_api *api;
static int64_t now = 1795500000;

static void setup(void)
{
    ks_log_set_level(KS_LOG_ERROR);
    char dir[] = "/tmp/fuzz_backend_login.XXXXXX", path[64], why[256];
    if (!mkdtemp(dir))
        abort();
    static ks_backend_config cfg;
    ks_backend_config_defaults(&cfg);
    static const char ini[] = "[backend]\nlisten = 127.0.0.1:0\n";
    if (!ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why))
        abort();
    cfg.fast_password_hash = true;
    snprintf(path, sizeof path, "%s/backend.db", dir);
    store = ks_backend_store_open(path, NULL);
    ks_backend_person amal = {.name = "amal", .role = KS_ROLE_HEAD_OFFICE};
    char hash[KS_PASSWORD_HASH_MAX];
    if (!store || !ks_backend_password_hash(PASSWORD, strlen(PASSWORD), KS_PWHASH_FAST, hash) ||
        ks_backend_store_add_person(store, &amal, hash, now, NULL) != KS_DB_OK)
        abort();
    api = ks_backend_api_new(store, &cfg);
    if (!api)
        abort();
}

/* The oracle: 400 (malformed), 401 (well-formed, wrong) or 200 (amal's password). */
static int expected_status(const char *body, size_t len)
{
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
    json_t *name = json_object_get(root, "name"), *password = json_object_get(root, "password");
    const char *n = json_string_value(name);
    size_t name_len = json_string_length(name), password_len = json_string_length(password);
    bool ok = json_is_object(root) && json_object_size(root) == 2 && json_is_string(name) &&
              json_is_string(password) && name_len >= 1 && name_len <= 64 &&
              strlen(n) == name_len && password_len >= 1 && password_len <= 1024;
    for (size_t i = 0; ok && i < name_len; i++)
        ok = strchr("abcdefghijklmnopqrstuvwxyz0123456789._@-", n[i]) != NULL;
    int status = !ok ? 400
                 : strcmp(n, "amal") == 0 && password_len == strlen(PASSWORD) &&
                         memcmp(json_string_value(password), PASSWORD, password_len) == 0
                     ? 200
                     : 401;
    json_decref(root);
    return status;
}

/* After a 200: the cookie's flags, and GET /v1/session with it answers amal and the same CSRF. */
static bool session_ok(const ks_backend_response *resp)
{
    char id[KS_SESSION_HEX_LEN + 1], cookie[128];
    if (!strstr(resp->set_cookie, "; HttpOnly; SameSite=Strict") ||
        !ks_login_cookie(resp->set_cookie, id))
        return false;
    snprintf(cookie, sizeof cookie, KS_SESSION_COOKIE "=%s", id);
    const ks_backend_request who = {.method = "GET", .path = "/v1/session", .cookie = cookie};
    ks_backend_response w;
    ks_backend_api_handle(api, &who, now, &w);
    bool ok = w.status == 200 && w.body_len == resp->body_len &&
              memcmp(w.body, resp->body, w.body_len) == 0 &&
              strstr(w.body, "\"name\":\"amal\"") != NULL;
    free(w.body);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!api)
        setup();
    char *body = malloc(size ? size : 1);
    if (!body)
        return 0;
    if (size)
        memcpy(body, data, size);
    now += 86400 * 2;
    const ks_backend_request req = {.method = "POST",
                                    .path = "/v1/session",
                                    .client = "192.0.2.7",
                                    .body = size ? body : NULL,
                                    .body_len = size};
    ks_backend_response resp;
    ks_backend_api_handle(api, &req, now, &resp);
    int want = size > KS_LOGIN_BODY_MAX ? 413 : expected_status(body, size);
    if (resp.status != want || !fuzz_json_answer_ok(resp.status, resp.body, resp.body_len) ||
        (resp.status == 200) != (resp.set_cookie[0] != '\0') ||
        (resp.status == 200 && !session_ok(&resp)))
        __builtin_trap();
    free(resp.body);
    free(body);
    return 0;
}
