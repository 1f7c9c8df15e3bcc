/*
 * Fuzz target for the attendant console's request handling (att_api.c,
 * after libmicrohttpd): the first byte picks what the rest is, copied
 * into a buffer of exactly its size:
 *
 *   0  the body of POST /v1/lanes/lane-01/report
 *   1  the Authorization header of that POST (a good report as body)
 *   2  any request: method and path split at '\n', a good report as body
 *
 * Every answer must be a status the API documents with a JSON object;
 * 503 is a failure too (the database here is healthy); a 200 to a report
 * must carry decisions the lane's parser accepts. The store is a file in a
 * private temporary folder holding one pending decision for lane-01.
 * Seeds in tests/fuzz/corpus/attendant_api/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/attendant/att_api.h"
#include "kiosk/common/log.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TOKEN "lane-Fs6Gd2Hj8Kl4Pz9Xc3Vb7"
#define AUTH "Bearer " TOKEN
#define PATH "/v1/lanes/lane-01/report"
#define REQUEST_UUID "5eed0000-0000-4000-8000-0000000000a1"
#define REPORT                                                                                     \
    "{\"format\":\"attendant-report/1\",\"lane\":\"lane-01\",\"activity\":\"scanning\","           \
    "\"faults\":[],\"items\":1,\"total\":600,\"requests\":[{\"uuid\":\"" REQUEST_UUID "\","        \
    "\"need\":\"age\",\"line\":1,\"item\":\"x\",\"raised_at\":1795500000}],\"applied\":[]}"

static ks_att_store *store;
static ks_att_api *api;

static void setup(void)
{
    ks_log_set_level(KS_LOG_ERROR);
    char dir[] = "/tmp/fuzz_attendant_api.XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char path[64];
    snprintf(path, sizeof path, "%s/att.db", dir);
    store = ks_att_store_open(path, NULL);
    const ks_att_lane_token lanes[] = {{"lane-01", TOKEN}};
    api = store ? ks_att_api_new(store, lanes, 1, NULL, NULL) : NULL;
    ks_att_api_request seed = {"POST", PATH, AUTH, REPORT, strlen(REPORT), false};
    ks_att_api_response resp;
    if (!api)
        abort();
    ks_att_api_handle(api, &seed, 1795500000000, &resp);
    free(resp.body);
    const ks_att_decision d = {"5eed0000-0000-4000-8000-0000000000d1",
                               REQUEST_UUID,
                               KS_DECIDE_APPROVE_AGE,
                               0,
                               "staff-1",
                               1795500001};
    if (resp.status != 200 || ks_att_store_decide(store, "lane-01", &d) != KS_DB_OK)
        abort();
}

/* The statuses kiosk/docs/attendant-api.md documents. */
static const int documented[] = {200, 400, 401, 404, 405, 413};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!api)
        setup();
    size_t len;
    bool is_c_string;
    char *text = fuzz_case_text(data, size, KS_ATT_DOC_MAX_BYTES, &len, &is_c_string);
    if (!text)
        return 0;
    ks_att_api_request req = {"POST", PATH, AUTH, REPORT, strlen(REPORT), false};
    switch (data[0] % 3) {
    case 0:
        req.body = text;
        req.body_len = len;
        break;
    case 1:
        req.authorization = is_c_string ? text : NULL;
        break;
    default: {
        const char **fields[] = {&req.method, &req.path};
        fuzz_split_fields(is_c_string ? text : NULL, fields, 2);
        req.method = req.method ? req.method : "GET";
        req.path = req.path ? req.path : "/";
        break;
    }
    }
    ks_att_api_response resp;
    ks_att_api_handle(api, &req, 1795500000100, &resp);
    if (!fuzz_status_documented(resp.status, documented, sizeof documented / sizeof *documented) ||
        !fuzz_json_answer_ok(resp.status, resp.body, resp.body ? strlen(resp.body) : 0))
        __builtin_trap();
    if (resp.status == 200 && strcmp(req.path, PATH) == 0) {
        ks_att_decision d[KS_ATT_MAX_DECISIONS];
        size_t n;
        if (!ks_att_decisions_from_json(resp.body, strlen(resp.body), d, KS_ATT_MAX_DECISIONS, &n,
                                        NULL))
            __builtin_trap();
    }
    free(resp.body);
    free(text);
    return 0;
}
