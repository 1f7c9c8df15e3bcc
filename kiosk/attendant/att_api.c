/* The attendant console's HTTP API: see kiosk/attendant/att_api.h. */
#define LOG_TAG "att_api"
#include "kiosk/attendant/att_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_peers.h"

#define LANES_PREFIX "/v1/lanes/"
#define REPORT_SUFFIX "/report"

struct ks_att_api {
    ks_att_store *store;      /* borrowed */
    ks_att_lane_token *lanes; /* owned, n_lanes */
    size_t n_lanes;
    ks_att_change_fn on_change;
    void *ctx;           /* borrowed, for on_change */
    ks_http_peers peers; /* the store's enrolled kiosks (ks_att_api_set_peers) */
};

ks_att_api *ks_att_api_new(ks_att_store *store, const ks_att_lane_token *lanes, size_t n,
                           ks_att_change_fn on_change, void *ctx)
{
    ks_att_api *api = calloc(1, sizeof *api);
    if (!api)
        return NULL;
    ks_http_peers_init(&api->peers);
    if (!store)
        goto error;
    api->lanes = calloc(n ? n : 1, sizeof *api->lanes);
    if (!api->lanes)
        goto error;
    for (size_t i = 0; i < n; i++) {
        size_t len = strnlen(lanes[i].token, sizeof lanes[i].token);
        if (!ks_device_id_ok(lanes[i].lane) || len == 0 || len > KS_ATT_TOKEN_MAX)
            goto error;
        for (size_t k = 0; k < i; k++)
            if (strcmp(lanes[k].lane, lanes[i].lane) == 0)
                goto error;
        api->lanes[i] = lanes[i];
    }
    api->n_lanes = n;
    api->store = store;
    api->on_change = on_change;
    api->ctx = ctx;
    return api;
error:
    ks_att_api_free(api);
    return NULL;
}

void ks_att_api_free(ks_att_api *api)
{
    if (!api)
        return;
    free(api->lanes);
    ks_http_peers_destroy(&api->peers);
    free(api);
}

bool ks_att_api_set_peers(ks_att_api *api, const ks_peer_list *list)
{
    return ks_http_peers_set(&api->peers, list);
}

/* The lane of a report path ("/v1/lanes/lane-01/report") into lane[], or false. */
static bool report_lane(const char *path, char lane[KS_DEVICE_ID_MAX + 1])
{
    size_t pre = sizeof LANES_PREFIX - 1, suf = sizeof REPORT_SUFFIX - 1;
    size_t len = strlen(path);
    if (len <= pre + suf || strncmp(path, LANES_PREFIX, pre) != 0 ||
        strcmp(path + len - suf, REPORT_SUFFIX) != 0 || len - pre - suf > KS_DEVICE_ID_MAX)
        return false;
    memcpy(lane, path + pre, len - pre - suf);
    lane[len - pre - suf] = '\0';
    return ks_device_id_ok(lane);
}

bool ks_att_api_authorized(ks_att_api *api, const char *path, const char *header)
{
    static const char scheme[] = "Bearer ";
    char lane[KS_DEVICE_ID_MAX + 1];
    if (!header || !report_lane(path, lane) || strncmp(header, scheme, sizeof scheme - 1) != 0 ||
        strlen(header) > sizeof scheme - 1 + KS_ATT_TOKEN_MAX)
        return false;
    const char *token = header + sizeof scheme - 1;
    bool ok = false;
    for (size_t i = 0; i < api->n_lanes; i++)
        ok |= strcmp(api->lanes[i].lane, lane) == 0 &&
              ks_http_same_secret(token, api->lanes[i].token);
    if (ok)
        return true;
    /* An enrolled kiosk of the store, for its own lane only: its token's digest is listed. */
    char kiosk[KS_DEVICE_ID_MAX + 1];
    return ks_http_peers_find(&api->peers, token, kiosk) && strcmp(kiosk, lane) == 0;
}

static void error(ks_att_api_response *resp, int status, const char *reason, const char *path)
{
    resp->status = status;
    resp->body = ks_http_error_json(reason, path);
}

static void post_report(ks_att_api *api, const ks_att_api_request *req, const char *lane,
                        int64_t now_ms, ks_att_api_response *resp)
{
    bool nul;
    ks_att_report report;
    ks_json_error why;
    ks_att_decision pending[KS_ATT_MAX_DECISIONS];
    size_t n = 0;
    bool changed = false;
    if (req->body_too_large)
        return error(resp, 413, "report too large", "");
    char *refusal = ks_http_nul_refusal(req->body, req->body_len, &nul);
    if (nul) {
        resp->status = 400;
        resp->body = refusal;
        return;
    }
    if (!ks_att_report_from_json(req->body, req->body_len, &report, &why))
        return error(resp, 400, why.reason, why.path);
    if (strcmp(report.lane_id, lane) != 0)
        return error(resp, 400, "the report is another lane's", "lane");
    enum ks_db_error err = ks_att_store_report(api->store, &report, now_ms, pending,
                                               KS_ATT_MAX_DECISIONS, &n, &changed);
    if (err != KS_DB_OK) {
        LOG_ERROR("report of %s not stored: %s", lane, ks_db_strerror(err));
        return error(resp, 503, ks_db_strerror(err), "");
    }
    if (changed && api->on_change)
        api->on_change(lane, api->ctx);
    resp->status = 200;
    resp->body = ks_att_decisions_to_json(pending, n);
}

void ks_att_api_handle(ks_att_api *api, const ks_att_api_request *req, int64_t now_ms,
                       ks_att_api_response *resp)
{
    char lane[KS_DEVICE_ID_MAX + 1];
    *resp = (ks_att_api_response){0};
    if (strcmp(req->path, "/v1/health") == 0) {
        if (strcmp(req->method, "GET") != 0)
            return error(resp, 405, "method not allowed", req->path);
        resp->status = 200;
        resp->body = strdup("{\"status\":\"ok\"}");
        return;
    }
    if (!report_lane(req->path, lane))
        return error(resp, 404, "no such resource", req->path);
    if (!ks_att_api_authorized(api, req->path, req->authorization))
        return error(resp, 401, "missing or unknown lane token", "");
    if (strcmp(req->method, "POST") != 0)
        return error(resp, 405, "method not allowed", req->path);
    post_report(api, req, lane, now_ms, resp);
}
