/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/refund-requests
 * (ks_backend_refund_request_parse), as the back office sends it. A refusal
 * always says why and leaves nothing half read; an accepted request holds
 * only what the contract allows: lowercase uuids found in the body, a
 * reason of 1-120 bytes without control characters, 1-200 lines with
 * ascending line numbers and quantities above 0.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_refund_request.h"
#include "kiosk/common/uuid.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The lines keep the contract: 1-200, line numbers ascending, quantities above 0. */
static bool lines_ok(const ks_backend_refund_request *r)
{
    if (r->n_lines < 1 || r->n_lines > KS_REFUND_LINES_MAX)
        return false;
    for (size_t i = 0; i < r->n_lines; i++)
        if (r->lines[i].quantity < 1 || r->lines[i].line_no < 0 ||
            (i > 0 && r->lines[i].line_no <= r->lines[i - 1].line_no))
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_backend_refund_request r;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_backend_refund_request_parse((const char *)data, size, &r, &why);
    if (!fuzz_answer_ok(accepted, &why, &r, sizeof r))
        __builtin_trap();
    if (!accepted)
        return 0;
    bool ok = ks_uuid_ok(r.request_id) && ks_uuid_ok(r.order_uuid) &&
              memmem(data, size, r.request_id, 36) && memmem(data, size, r.order_uuid, 36) &&
              fuzz_text_clean(r.reason, 1, KS_REFUND_REASON_MAX) && lines_ok(&r);
    if (!ok)
        __builtin_trap();
    return 0;
}
