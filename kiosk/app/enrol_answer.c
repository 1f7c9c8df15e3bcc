/* The backend's answer to an enrolment: see kiosk/app/enrol_answer.h. */
#include "kiosk/app/enrol_answer.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/common/bearer_token.h"
#include "kiosk/domain/json_read.h"

bool ks_enrol_token_ok(const char *text, size_t len)
{
    if (!text || len < KS_TOKEN_MIN_LEN || len > KS_CONFIG_TOKEN_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c && strchr("-._~+/=", c))))
            return false;
    }
    return true;
}

/* A 201: this device's token and store, or FAILED with the first thing wrong. */
static void read_enrolled(json_t *root, ks_json_reader *r, const char *device_id,
                          ks_enrol_answer *out)
{
    static const char *const members[] = {"status", "device_id", "store_id", "token", NULL};
    static const char *const statuses[] = {"enrolled"};
    const char *id = NULL, *store = NULL, *token = NULL;
    int status = 0;
    bool ok =
        ks_json_object(r, root, NULL, members) &&
        ks_json_enum(r, root, "status", true, statuses, 1, &status) &&
        ks_json_string(r, root, "device_id", true, 1, 32, KS_JSON_ID, &id) &&
        ks_json_string(r, root, "store_id", true, 1, 32, KS_JSON_ID, &store) &&
        ks_json_string(r, root, "token", true, 1, KS_CONFIG_TOKEN_MAX, KS_JSON_PRINTABLE, &token);
    /* The token is never quoted in a reason: it is a secret once it is right. */
    if (ok && !ks_enrol_token_ok(token, strlen(token)))
        ok = ks_json_fail(r, "token", "is not a bearer token of %d to %d characters",
                          KS_TOKEN_MIN_LEN, KS_CONFIG_TOKEN_MAX);
    if (ok && strcmp(id, device_id) != 0) {
        char shown[40];
        ok = ks_json_fail(r, "device_id", "is %s, not this kiosk's %s",
                          ks_json_shown(shown, sizeof shown, id), device_id);
    }
    if (!ok) {
        char line[sizeof r->error.path + sizeof r->error.reason + 4];
        snprintf(out->message, sizeof out->message, "the backend's answer is not understood: %s",
                 ks_json_error_line(&r->error, line, sizeof line));
        return;
    }
    out->outcome = KS_KIOSK_ENROL_OK;
    snprintf(out->token, sizeof out->token, "%s", token);
    snprintf(out->store_id, sizeof out->store_id, "%s", store);
}

/* The "error" member of a refusal, made safe to show, into out[cap]; "" when there is none. */
static void backend_reason(const char *body, size_t len, char *out, size_t cap)
{
    ks_json_reader r;
    ks_json_reader_init(&r);
    json_t *root = NULL;
    const char *error = NULL;
    out[0] = '\0';
    if (ks_json_load(&r, body, len, KS_ENROL_ANSWER_MAX, &root) && json_is_object(root) &&
        ks_json_string(&r, root, "error", true, 1, 1024, KS_JSON_ANY, &error))
        ks_json_shown(out, cap, error);
    json_decref(root);
}

static bool refusal(long status)
{
    static const long refused[] = {400, 401, 403, 409, 413, 422, 429};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (status == refused[i])
            return true;
    return false;
}

void ks_enrol_answer_read(long status, const char *body, size_t len, const char *device_id,
                          ks_enrol_answer *out)
{
    memset(out, 0, sizeof *out);
    out->outcome = KS_KIOSK_ENROL_FAILED;
    if (status == 201) {
        ks_json_reader r;
        ks_json_reader_init(&r);
        json_t *root = NULL;
        if (ks_json_load(&r, body, len, KS_ENROL_ANSWER_MAX, &root))
            read_enrolled(root, &r, device_id, out);
        else
            snprintf(out->message, sizeof out->message,
                     "the backend's answer is not understood: %s", r.error.reason);
        json_decref(root);
        return;
    }
    char reason[200];
    backend_reason(body, len, reason, sizeof reason);
    if (refusal(status)) {
        out->outcome = KS_KIOSK_ENROL_REFUSED;
        snprintf(out->message, sizeof out->message, "the backend refused the code (HTTP %ld): %s%s",
                 status, reason[0] ? reason : "no reason given",
                 status == 429 ? "; wait and try again" : "");
    } else if (status >= 500 && status <= 599) {
        out->outcome = KS_KIOSK_ENROL_UNREACHABLE;
        snprintf(out->message, sizeof out->message, "the backend failed (HTTP %ld): %s", status,
                 reason[0] ? reason : "no reason given");
    } else {
        snprintf(out->message, sizeof out->message,
                 "unexpected answer HTTP %ld (is [network] backend_url a kiosk-backend?)", status);
    }
}
