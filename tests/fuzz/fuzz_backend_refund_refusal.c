/*
 * Fuzz target: arbitrary bytes as the body of POST
 * /v1/refund-requests/{id}/refusal (ks_backend_refund_refusal_parse), as a
 * kiosk's relay reaches the backend. A refusal of the body always says why
 * and leaves nothing half read; an accepted body holds only what the
 * contract allows: a reason of 1-120 bytes without control characters,
 * found in the body byte for byte when the body holds no escape.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_refund_refusal.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_backend_refund_refusal r;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_backend_refund_refusal_parse((const char *)data, size, &r, &why);
    if (!fuzz_answer_ok(accepted, &why, &r, sizeof r))
        __builtin_trap();
    if (!accepted)
        return 0;
    bool ok = fuzz_text_clean(r.reason, 1, KS_REFUND_REASON_MAX) &&
              (memchr(data, '\\', size) || memmem(data, size, r.reason, strlen(r.reason)));
    if (!ok)
        __builtin_trap();
    return 0;
}
