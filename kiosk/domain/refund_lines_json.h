/*
 * The "lines" of a refund asked for by line (kiosk/docs/backend-api.md,
 * "Refund requests"): [{"line_no", "quantity"}, ...] read strictly with the
 * one JSON reader. Both ends read it: the backend from a manager's request
 * (backend_refund_request.c), the kiosk from the backend's pending list
 * (kiosk/app/office_refunds.c). Pure: no I/O.
 */
#ifndef KIOSK_DOMAIN_REFUND_LINES_JSON_H
#define KIOSK_DOMAIN_REFUND_LINES_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/json_read.h"
#include "kiosk/domain/refund.h"

/*
 * Reads parent's "lines": 1..KS_REFUND_LINES_MAX objects of exactly
 * {"line_no": 0..max_line_no, "quantity": 1..INT32_MAX}, the line numbers
 * ascending, each once, into out[KS_REFUND_LINES_MAX] and *n. False with
 * the reader's refusal (where and why) otherwise.
 */
bool ks_refund_lines_read(ks_json_reader *r, json_t *parent, int32_t max_line_no,
                          ks_refund_pick *out, size_t *n);

#endif
