/*
 * A kiosk's refusal of a refund asked for from the back office (POST
 * /v1/refund-requests/{id}/refusal, kiosk/docs/backend-api.md, "Refund
 * requests from the back office"): its body read and checked strictly.
 * Pure: no I/O.
 */
#ifndef KIOSK_BACKEND_BACKEND_REFUND_REFUSAL_H
#define KIOSK_BACKEND_BACKEND_REFUND_REFUSAL_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/json_read.h"
#include "kiosk/domain/refund.h"

/* Largest refusal body: a reason of 120 bytes escaped, and room to spare. */
#define KS_BACKEND_REFUND_REFUSAL_MAX 1024

typedef struct ks_backend_refund_refusal {
    char reason[KS_REFUND_REASON_MAX + 1]; /* why the kiosk did not give it back */
} ks_backend_refund_refusal;

/*
 * Reads body (len bytes, no NUL needed; from the network) as {"reason":
 * 1-120 bytes of UTF-8 without control characters} (no other member, no
 * member twice) into *out. On false, *out is zeroed and *why holds the
 * member at fault and the reason ("" for the body as a whole).
 */
bool ks_backend_refund_refusal_parse(const char *body, size_t len, ks_backend_refund_refusal *out,
                                     ks_json_error *why);

#endif
