/*
 * Pieces of an answer both HTTP APIs (kitchen display, backend) build the
 * same way: the JSON error body, the bearer token comparison, and the
 * order a POST /v1/orders carries.
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
 * The kiosk-order/1 document in a request body (len bytes, no NUL needed;
 * too_large: the server dropped a body past KS_ORDER_JSON_MAX_BYTES), owned
 * (ks_order_free). NULL when too large (*status 413) or not an order (400),
 * with *error_body set to the JSON error to answer (owned, free(); NULL
 * when out of memory).
 */
ks_order *ks_http_order_from_body(const char *body, size_t len, bool too_large, int *status,
                                  char **error_body);

#endif
