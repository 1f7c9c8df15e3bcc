/*
 * Fuzz target: the backend's answer to a kiosk's enrolment
 * (kiosk/app/enrol_answer.c). The first byte picks the HTTP status, the
 * rest is the body. Judged against an oracle of its own: a 201 gives a
 * token exactly when the body is one JSON object of status "enrolled",
 * this kiosk's device_id, a store_id of 1-32 id characters and a token of
 * 16-128 bearer characters, nothing else, and then the very token and
 * store; every other status maps to its outcome (refused, unreachable,
 * failed) without a token; the message is always a terminated string, and
 * is set whenever there is no token.
 */
#include "kiosk/app/enrol_answer.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEVICE "kiosk-21"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool chars_in(const char *s, size_t min, size_t max, const char *extra, bool upper)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  (upper && c >= 'A' && c <= 'Z') || (c && strchr(extra, c));
        if (!ok)
            return false;
    }
    return true;
}

/* The oracle's 201: the token and store it must give, or false. */
static bool well_formed(const char *body, size_t len, const char **token, const char **store,
                        json_t **root)
{
    *root = len <= KS_ENROL_ANSWER_MAX ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    json_t *o = *root;
    const char *status = json_string_value(json_object_get(o, "status"));
    const char *id = json_string_value(json_object_get(o, "device_id"));
    *store = json_string_value(json_object_get(o, "store_id"));
    *token = json_string_value(json_object_get(o, "token"));
    return json_is_object(o) && json_object_size(o) == 4 && status && id && *store && *token &&
           strcmp(status, "enrolled") == 0 && strcmp(id, DEVICE) == 0 &&
           chars_in(*store, 1, 32, "_.-", false) && chars_in(*token, 16, 128, "-._~+/=", true);
}

static long status_of(uint8_t pick)
{
    static const long statuses[] = {201, 201, 201, 201, 400, 401, 403, 409, 413,
                                    422, 429, 500, 503, 599, 200, 404, 302, 600};
    return statuses[pick % (sizeof statuses / sizeof statuses[0])];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    long status = status_of(data[0]);
    size_t len = size - 1;
    char *body = malloc(len ? len : 1); /* exact size, no NUL: over-reads show */
    if (!body)
        return 0;
    memcpy(body, data + 1, len);
    ks_enrol_answer a;
    memset(&a, 'x', sizeof a);
    ks_enrol_answer_read(status, body, len, DEVICE, &a);
    if (strnlen(a.message, sizeof a.message) == sizeof a.message ||
        strnlen(a.token, sizeof a.token) == sizeof a.token ||
        strnlen(a.store_id, sizeof a.store_id) == sizeof a.store_id)
        __builtin_trap(); /* not terminated */
    enum ks_kiosk_enrol expected = KS_KIOSK_ENROL_FAILED;
    json_t *root = NULL;
    const char *token = NULL, *store = NULL;
    if (status == 201 && well_formed(body, len, &token, &store, &root))
        expected = KS_KIOSK_ENROL_OK;
    else if (status == 400 || status == 401 || status == 403 || status == 409 || status == 413 ||
             status == 422 || status == 429)
        expected = KS_KIOSK_ENROL_REFUSED;
    else if (status >= 500 && status <= 599)
        expected = KS_KIOSK_ENROL_UNREACHABLE;
    if (a.outcome != expected)
        __builtin_trap();
    if (expected == KS_KIOSK_ENROL_OK) {
        if (strcmp(a.token, token) != 0 || strcmp(a.store_id, store) != 0 || a.message[0])
            __builtin_trap();
    } else if (a.token[0] || a.store_id[0] || !a.message[0]) {
        __builtin_trap();
    }
    json_decref(root);
    free(body);
    return 0;
}
