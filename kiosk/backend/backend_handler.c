/* The backend's responses: see kiosk/backend/backend_handler.h. */
#include "kiosk/backend/backend_handler.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/http/http_answer.h"

void ks_backend_answer(ks_backend_response *resp, int status, const char *type, char *body)
{
    resp->status = body ? status : 503;
    resp->content_type = type;
    resp->body = body;
    resp->body_len = body ? strlen(body) : 0;
}

void ks_backend_answer_json(ks_backend_response *resp, int status, json_t *value)
{
    ks_backend_answer(resp, status, KS_BACKEND_JSON_TYPE,
                      value ? json_dumps(value, JSON_COMPACT) : NULL);
    json_decref(value);
}

void ks_backend_answer_pack(ks_backend_response *resp, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    json_t *body = json_vpack_ex(NULL, 0, fmt, ap);
    va_end(ap);
    ks_backend_answer_json(resp, status, body);
}

void ks_backend_refuse(ks_backend_response *resp, int status, const char *reason, const char *path)
{
    ks_backend_answer(resp, status, KS_BACKEND_JSON_TYPE, ks_http_error_json(reason, path));
}

void ks_backend_refuse_db(ks_backend_response *resp, enum ks_db_error err)
{
    ks_backend_refuse(resp, 503, ks_db_strerror(err), "");
}

bool ks_backend_body_fits(const ks_backend_request *req, size_t max, ks_backend_response *resp)
{
    if (!req->body_too_large && req->body_len <= max)
        return true;
    char why[64];
    snprintf(why, sizeof why, "body larger than %zu bytes", max);
    ks_backend_refuse(resp, 413, why, "");
    return false;
}

bool ks_backend_whole(const char *value, const char *name, long fallback, long min, long max,
                      long *out, ks_backend_response *resp)
{
    char *end = NULL;
    *out = value ? strtol(value, &end, 10) : fallback;
    if (!value || (end != value && !*end && *out >= min && *out <= max))
        return true;
    char why[64];
    snprintf(why, sizeof why, "expected a %s from %ld to %ld", name, min, max);
    ks_backend_refuse(resp, 400, why, name);
    return false;
}

bool ks_backend_limit(const ks_backend_request *req, long fallback, long max, long *limit,
                      ks_backend_response *resp)
{
    return ks_backend_whole(req->limit, "limit", fallback, 1, max, limit, resp);
}
