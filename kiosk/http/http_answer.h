/*
 * Pieces of an answer both HTTP APIs (kitchen display, backend) build the
 * same way: the JSON error body, the bearer token comparison, the refusal
 * of NUL bytes, the order a POST /v1/orders carries, and the answer to an
 * order that was stored before.
 */
#ifndef KIOSK_HTTP_HTTP_ANSWER_H
#define KIOSK_HTTP_HTTP_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/order.h"

/*
 * {"error":reason,"path":path} as compact JSON, owned (free()); NULL when
 * out of memory. Both strings may be NULL (empty); each is cut to 199 and
 * 119 bytes and anything but printable ASCII becomes '?', since a path may
 * quote request bytes that are not UTF-8.
 */
char *ks_http_error_json(const char *reason, const char *path);

/*
 * True when the NUL-terminated token equals the non-empty secret. Compares
 * every byte of token whatever the answer, so the time taken does not leak
 * the secret.
 */
bool ks_http_same_secret(const char *token, const char *secret);

/*
 * The refusal of a body holding a NUL byte anywhere (no document either API
 * takes may hold one, and parsers differ on where a NUL ends the text): the
 * JSON error to answer with 400 (owned, free()), or NULL when body[len] has
 * no NUL byte. *refused says which (an out-of-memory error body is NULL too).
 */
char *ks_http_nul_refusal(const char *body, size_t len, bool *refused);

/*
 * The kiosk-order/1 document in a request body (len bytes, no NUL needed;
 * too_large: the server dropped a body past KS_ORDER_JSON_MAX_BYTES), owned
 * (ks_order_free). NULL when too large (*status 413) or not an order (400),
 * with *error_body set to the JSON error to answer (owned, free(); NULL
 * when out of memory).
 */
ks_order *ks_http_order_from_body(const char *body, size_t len, bool too_large, int *status,
                                  char **error_body);

/*
 * The answer to a POST /v1/orders whose uuid was stored before, with the
 * same bytes (conflict false): 200 {"status":"duplicate","uuid":…}; or
 * with other bytes (conflict true): 409 with an error naming the uuid,
 * also logged as a warning with who sent it (from). The owned JSON body
 * into *body (NULL when out of memory); the status returned.
 */
int ks_http_stored_order_answer(bool conflict, const char *uuid, const char *from, char **body);

#endif
