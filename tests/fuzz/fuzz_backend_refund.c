/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/orders/{uuid}/refunds
 * (ks_backend_refund_parse), as a kiosk's relay reaches the backend. A
 * refusal always says why and leaves nothing half read; an accepted refund
 * holds only what the contract allows: lowercase uuids found in the body,
 * card or cash, an amount above 0 with VAT within it, 1-200 lines, a
 * reason of 1-120 bytes without control characters, no request id or
 * a lowercase uuid found in the body, no staff or a person's name
 * (1-64 of a-z 0-9 . _ @ -, checked here by hand) found in the body, and
 * no terminal reference or a card refund's of printable ASCII, never a
 * card number's shape (fuzz_terminal_ref_shape).
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_refund.h"
#include "kiosk/common/uuid.h"
#include "kiosk/store/db.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_backend_refund r;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_backend_refund_parse((const char *)data, size, &r, &why);
    if (!fuzz_answer_ok(accepted, &why, &r, sizeof r))
        __builtin_trap();
    if (!accepted)
        return 0;
    bool ok =
        ks_uuid_ok(r.refund_id) && ks_uuid_ok(r.order_uuid) &&
        memmem(data, size, r.refund_id, 36) && memmem(data, size, r.order_uuid, 36) &&
        (strcmp(r.method, "card") == 0 || strcmp(r.method, "cash") == 0) && r.amount > 0 &&
        r.vat >= 0 && r.vat <= r.amount && r.n_lines >= 1 && r.n_lines <= KS_REFUND_LINES_MAX &&
        fuzz_text_clean(r.reason, 1, KS_REFUND_REASON_MAX) && r.at >= 0 &&
        (!r.request_id[0] || (ks_uuid_ok(r.request_id) && memmem(data, size, r.request_id, 36))) &&
        (!r.staff[0] ||
         (strlen(r.staff) <= 64 &&
          strspn(r.staff, "abcdefghijklmnopqrstuvwxyz0123456789._@-") == strlen(r.staff) &&
          memmem(data, size, r.staff, strlen(r.staff)))) &&
        (!r.terminal_ref[0] ||
         (strcmp(r.method, "card") == 0 && fuzz_terminal_ref_shape(r.terminal_ref)));
    if (!ok)
        __builtin_trap();
    return 0;
}
