/*
 * A refund asked for from the back office (POST /v1/refund-requests,
 * kiosk/docs/backend-api.md, "Refund requests"): its body read and checked
 * strictly. The kiosk that sold the order carries the refund out; the
 * request names only what to give back (lines and quantities) and why, the
 * amounts follow from the order at the kiosk. Pure: no I/O.
 */
#ifndef KIOSK_BACKEND_BACKEND_REFUND_REQUEST_H
#define KIOSK_BACKEND_BACKEND_REFUND_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/json_read.h"
#include "kiosk/domain/refund.h"

/* Largest refund request body: 200 lines of about 40 bytes and the rest. */
#define KS_BACKEND_REFUND_REQUEST_MAX (12 * 1024)

typedef struct ks_backend_refund_request {
    char request_id[37]; /* lowercase uuid chosen by the page: the key that makes a repeat
                            harmless */
    char order_uuid[37];
    char reason[KS_REFUND_REASON_MAX + 1];
    size_t n_lines;                            /* 1..KS_REFUND_LINES_MAX */
    ks_refund_pick lines[KS_REFUND_LINES_MAX]; /* [n_lines], line numbers ascending, each once */
} ks_backend_refund_request;

/*
 * Reads body (len bytes, no NUL needed; from the network) as
 * {"request_id": uuid, "order_uuid": uuid, "reason": 1-120 bytes of UTF-8
 * without control characters, "lines": [{"line_no": >=0, "quantity": >0},
 * ...]} (1-200 lines, line numbers ascending, each once; no other member,
 * no member twice) into *out. On false, *out is zeroed and *why holds the
 * member at fault and the reason ("lines[1].line_no"; "" for the body as a
 * whole).
 */
bool ks_backend_refund_request_parse(const char *body, size_t len, ks_backend_refund_request *out,
                                     ks_json_error *why);

#endif
