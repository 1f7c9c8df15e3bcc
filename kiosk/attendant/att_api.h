/*
 * The attendant console's HTTP API as a function (kiosk/docs/attendant-api.md):
 * a request in, a status and a JSON body out, against the console's store.
 * att_server.c puts it behind kiosk/http; the fuzz target and the unit
 * tests call it directly.
 *
 * A lane posts its report to /v1/lanes/{lane}/report with its own bearer
 * token (one per lane: a token opens its own lane's path only): the token
 * the INI's [lanes] gives the lane, or the token the lane (a kiosk) enrolled
 * with, checked against the store's kiosks the console pulls from the
 * backend (ks_att_api_set_peers, kiosk/app/peer_pull.h); the report
 * is stored before the answer, which carries every decision for the lane
 * not yet applied. GET /v1/health answers without a token.
 */
#ifndef KIOSK_ATTENDANT_ATT_API_H
#define KIOSK_ATTENDANT_ATT_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/attendant/att_store.h"
#include "kiosk/domain/peer_list.h"

#define KS_ATT_TOKEN_MAX 128 /* bytes of a lane's token */

/* A lane the console accepts, with its token. */
typedef struct ks_att_lane_token {
    char lane[KS_DEVICE_ID_MAX + 1];
    char token[KS_ATT_TOKEN_MAX + 1];
} ks_att_lane_token;

typedef struct ks_att_api_request {
    const char *method;        /* required */
    const char *path;          /* without the query; required */
    const char *authorization; /* the Authorization header, NULL when absent */
    const char *body;          /* body_len bytes, no NUL needed; NULL when empty */
    size_t body_len;
    bool body_too_large; /* past KS_ATT_DOC_MAX_BYTES, dropped */
} ks_att_api_request;

typedef struct ks_att_api_response {
    int status;
    char *body; /* owned (free()): compact JSON; NULL only when out of memory */
} ks_att_api_response;

/* Called on the API's thread after a report changed what the console shows. */
typedef void (*ks_att_change_fn)(const char *lane, void *ctx);

typedef struct ks_att_api ks_att_api;

/*
 * An API over store (borrowed, used by the caller's thread only) for the
 * n lanes (copied; each lane ks_device_id_ok, each token 1-KS_ATT_TOKEN_MAX
 * bytes, no two lanes alike). on_change may be NULL. NULL when a lane is
 * malformed or out of memory.
 */
ks_att_api *ks_att_api_new(ks_att_store *store, const ks_att_lane_token *lanes, size_t n,
                           ks_att_change_fn on_change, void *ctx);

void ks_att_api_free(ks_att_api *api);

/*
 * True when authorization carries the token of the lane whose report path
 * is path (so a request may be refused from its headers alone): the
 * lane's INI token, else the enrolled token of the listed kiosk of that id.
 * Any thread may ask.
 */
bool ks_att_api_authorized(ks_att_api *api, const char *path, const char *authorization);

/*
 * The store's enrolled kiosks from now on (a copy of list, in place of the
 * last): each may report as its own lane with its own token, whose digest
 * is listed (kiosk/domain/peer_list.h). Thread-safe; false (the last list
 * kept) when out of memory.
 */
bool ks_att_api_set_peers(ks_att_api *api, const ks_peer_list *list);

/* Answers req at now_ms (UTC milliseconds) into *resp; the caller frees resp->body. */
void ks_att_api_handle(ks_att_api *api, const ks_att_api_request *req, int64_t now_ms,
                       ks_att_api_response *resp);

#endif
