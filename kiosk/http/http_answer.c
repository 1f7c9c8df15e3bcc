/* Shared answer pieces of the HTTP APIs: see kiosk/http/http_answer.h. */
#define LOG_TAG "http_answer"
#include "kiosk/http/http_answer.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"

/* Copies text into out[size] as printable ASCII. */
static void printable(char *out, size_t size, const char *text)
{
    size_t n = 0;
    for (; text && text[n] && n + 1 < size; n++)
        out[n] = text[n] >= 0x20 && text[n] < 0x7f ? text[n] : '?';
    out[n] = '\0';
}

char *ks_http_error_json(const char *reason, const char *path)
{
    char r[200], p[120];
    printable(r, sizeof r, reason);
    printable(p, sizeof p, path);
    json_t *body = json_pack_ex(NULL, 0, "{s:s, s:s}", "error", r, "path", p);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}

bool ks_http_same_secret(const char *token, const char *secret)
{
    size_t la = strlen(token), lb = strlen(secret);
    unsigned diff = (unsigned)(la ^ lb);
    for (size_t i = 0; i < la; i++)
        diff |= (unsigned char)token[i] ^ (unsigned char)secret[i % (lb ? lb : 1)];
    return diff == 0 && lb > 0;
}

char *ks_http_nul_refusal(const char *body, size_t len, bool *refused)
{
    *refused = body && memchr(body, '\0', len) != NULL;
    return *refused ? ks_http_error_json("the body holds a NUL byte", "") : NULL;
}

ks_order *ks_http_order_from_body(const char *body, size_t len, bool too_large, int *status,
                                  char **error_body)
{
    if (too_large) {
        char reason[80];
        snprintf(reason, sizeof reason, "body larger than %u bytes", KS_ORDER_JSON_MAX_BYTES);
        *status = 413;
        *error_body = ks_http_error_json(reason, "");
        return NULL;
    }
    ks_order_json_error why = {"", ""};
    ks_order *order = ks_order_from_json(body, len, &why);
    if (!order) {
        *status = 400;
        *error_body = ks_http_error_json(
            why.reason[0] ? why.reason : "not a kiosk-order/1 document", why.path);
    }
    return order;
}

int ks_http_stored_order_answer(bool conflict, const char *uuid, const char *from, char **body)
{
    if (conflict) {
        LOG_WARN("order %s from %s differs from the order stored under that uuid; refused", uuid,
                 from);
        char reason[160];
        snprintf(reason, sizeof reason,
                 "another order is stored under uuid %s; a uuid names one order only", uuid);
        *body = ks_http_error_json(reason, "uuid");
        return 409;
    }
    json_t *answer = json_pack_ex(NULL, 0, "{s:s, s:s}", "status", "duplicate", "uuid", uuid);
    *body = answer ? json_dumps(answer, JSON_COMPACT) : NULL;
    json_decref(answer);
    return 200;
}
