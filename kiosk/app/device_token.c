/* The kiosk's enrolled backend token: see kiosk/app/device_token.h. */
#define LOG_TAG "enrol"
#include "kiosk/app/device_token.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "kiosk/app/backend_client.h"
#include "kiosk/app/secret_file.h"
#include "kiosk/common/log.h"

#define TOKEN_FILE_NAME "device-token"

bool ks_device_token_path(const ks_config *cfg, char *out, size_t cap)
{
    if (cfg->token_file[0])
        return (size_t)snprintf(out, cap, "%s", cfg->token_file) < cap;
    const char *slash = strrchr(cfg->zatca_credentials, '/');
    int folder = slash ? (int)(slash - cfg->zatca_credentials + 1) : 0;
    return (size_t)snprintf(out, cap, "%.*s" TOKEN_FILE_NAME, folder, cfg->zatca_credentials) < cap;
}

/* True when something is at path (a symbolic link included); errors other than absence count. */
static bool present(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 || errno != ENOENT;
}

bool ks_device_token_load(const char *path, char out[KS_CONFIG_TOKEN_MAX + 1], const char *program)
{
    out[0] = '\0';
    if (!present(path))
        return true;
    size_t len = 0;
    char *text = ks_secret_file_load(path, KS_CONFIG_TOKEN_MAX, &len);
    bool ok = text && ks_enrol_token_ok(text, len);
    if (ok)
        memcpy(out, text, len + 1);
    else if (text)
        LOG_ERROR("%s does not hold a token (enrol again: %s --enrol CODE --force)", path, program);
    if (text)
        memset(text, 0, len);
    free(text);
    return ok;
}

bool ks_device_token_apply(ks_config *cfg)
{
    char path[1100];
    if (!ks_device_token_path(cfg, path, sizeof path)) {
        LOG_ERROR("the enrolled token's path is too long");
        return false;
    }
    bool ok = ks_device_token_load(path, cfg->enrolled_token, "kiosk");
    if (ok && cfg->enrolled_token[0])
        LOG_INFO("the backend gets the token enrolled in %s%s", path,
                 cfg->token[0] ? "; the kitchen displays and attendant console get [network] token"
                               : "");
    return ok;
}

/* The request: {"code": code, "device_id": id}; owned (free()), NULL when out of memory. */
static char *request_body(const char *code, const char *device_id)
{
    json_t *body = json_pack("{s:s, s:s}", "code", code, "device_id", device_id);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}

/* The answer for e's device into *answer: the outcome, logged unless OK. */
static enum ks_kiosk_enrol ask_backend(const ks_device_enrolment *e, const char *code,
                                       ks_enrol_answer *answer)
{
    memset(answer, 0, sizeof *answer);
    answer->outcome = KS_KIOSK_ENROL_FAILED;
    const ks_backend_client_config cc = {
        .orders_url = e->orders_url,
        .api_root = e->api_root,
        .token = NULL, /* the one request without: the code is the credential */
        .ca_file = e->ca_file,
        .timeout_ms = e->timeout_ms,
        .user_agent = "kiosk-enrol/1",
    };
    ks_backend_client *client = ks_backend_client_new(&cc);
    char *body = client ? request_body(code, e->device_id) : NULL;
    ks_backend_answer reply = {0};
    if (!body) {
        LOG_ERROR("cannot enrol: no client for the backend's URL");
    } else if (!ks_backend_client_post_json(client, "/devices/enrol", body, &reply) ||
               reply.status == 0) {
        answer->outcome = KS_KIOSK_ENROL_UNREACHABLE;
        LOG_ERROR("the backend cannot be reached: %s", reply.error);
    } else {
        ks_enrol_answer_read(reply.status, reply.body, reply.body_len, e->device_id, answer);
        if (answer->outcome != KS_KIOSK_ENROL_OK)
            LOG_ERROR("%s not enrolled: %s", e->device_id, answer->message);
    }
    /* The answer held the token: wiped before it is freed. */
    if (reply.body)
        memset(reply.body, 0, reply.body_len);
    ks_backend_answer_clear(&reply);
    free(body);
    ks_backend_client_free(client);
    return answer->outcome;
}

enum ks_kiosk_enrol ks_device_token_enrol_as(const ks_device_enrolment *e, const char *code,
                                             bool force)
{
    const char *path = e->token_path;
    if (present(path) && !force) {
        LOG_ERROR("%s is enrolled already (%s): enrol again only with --force", e->device_id, path);
        return KS_KIOSK_ENROL_ALREADY;
    }
    ks_enrol_answer answer;
    enum ks_kiosk_enrol outcome = ask_backend(e, code, &answer);
    if (outcome == KS_KIOSK_ENROL_OK &&
        !ks_secret_file_write(path, answer.token, strlen(answer.token))) {
        LOG_ERROR("%s is enrolled but its token cannot be kept: revoke %s and enrol again",
                  e->device_id, e->device_id);
        outcome = KS_KIOSK_ENROL_FAILED;
    }
    if (outcome == KS_KIOSK_ENROL_OK) {
        LOG_INFO("%s enrolled for store %s; its token is in %s", e->device_id, answer.store_id,
                 path);
        if (strcmp(answer.store_id, e->store_id) != 0)
            LOG_WARN("the code was made for store %s but this device's store is %s: the backend "
                     "refuses its requests until they agree",
                     answer.store_id, e->store_id);
    }
    memset(answer.token, 0, sizeof answer.token);
    return outcome;
}

enum ks_kiosk_enrol ks_device_token_enrol(const ks_config *cfg, const char *code, bool force)
{
    char path[1100];
    if (!cfg->backend_url[0] || !ks_device_token_path(cfg, path, sizeof path)) {
        LOG_ERROR("enrolling needs [network] backend_url (and a token file path that fits)");
        return KS_KIOSK_ENROL_FAILED;
    }
    const ks_device_enrolment e = {
        .orders_url = cfg->backend_url,
        .ca_file = cfg->ca_certificate,
        .timeout_ms = cfg->delivery_timeout_s * 1000,
        .device_id = cfg->kiosk_id,
        .store_id = cfg->store_id,
        .token_path = path,
    };
    return ks_device_token_enrol_as(&e, code, force);
}

enum ks_kiosk_enrol ks_device_token_enrol_backend(const ks_device_backend *b, const char *code,
                                                  bool force)
{
    if (!b->url[0]) {
        LOG_ERROR("enrolling needs [backend] url, device_id and store");
        return KS_KIOSK_ENROL_FAILED;
    }
    const ks_device_enrolment e = {
        .api_root = b->url,
        .ca_file = b->ca_certificate,
        .device_id = b->device_id,
        .store_id = b->store_id,
        .token_path = b->token_file,
    };
    return ks_device_token_enrol_as(&e, code, force);
}
