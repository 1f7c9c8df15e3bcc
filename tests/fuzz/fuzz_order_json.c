/*
 * Fuzz target for the order JSON parser: any bytes must either be refused
 * with a reason, or give an order whose totals add up, whose payment (when
 * it says one) is a paid order's with a brand and a terminal reference
 * (printable, at most 64 bytes, never a card number's shape) only for a
 * card paid at the kiosk, whose attendant interventions each were decided by a staff id
 * within a day after they were raised and carry a void only when the
 * decision took a line off, and which writes out and reads back to the
 * very same text. Seeds in
 * tests/fuzz/corpus/order_json/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/order_json.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_order_json_error err;
    ks_order *order = ks_order_from_json((const char *)data, size, &err);
    if (!order) {
        if (err.reason[0] == '\0')
            __builtin_trap();
        return 0;
    }
    if (!ks_order_totals_consistent(order))
        __builtin_trap();
    const ks_order_payment *paid = &order->payment;
    if ((paid->by != KS_PAID_BY_UNKNOWN &&
         (order->status == KS_ORDER_CREATED || order->status == KS_ORDER_CANCELLED)) ||
        (paid->brand[0] && paid->by != KS_PAID_BY_CARD) ||
        (paid->terminal_ref[0] && paid->by != KS_PAID_BY_CARD) ||
        !fuzz_terminal_ref_shape(paid->terminal_ref))
        __builtin_trap();
    for (size_t i = 0; i < order->n_interventions; i++) {
        const ks_order_intervention *iv = &order->interventions[i];
        int64_t wait = iv->decided_at - iv->raised_at;
        bool voids = iv->decision == KS_INTERVENTION_APPROVE_REMOVAL ||
                     iv->decision == KS_INTERVENTION_VOID_LINE;
        if (wait < 0 || wait > 86400 || !iv->staff[0] || strlen(iv->staff) > 32 ||
            (iv->void_item[0] && !voids) || (iv->void_amount && !iv->void_item[0]) ||
            iv->void_amount < 0 || iv->void_amount > KS_ORDER_MAX_MONEY)
            __builtin_trap();
    }
    char *text = ks_order_to_json(order, NULL);
    ks_order *back = text ? ks_order_from_json(text, strlen(text), NULL) : NULL;
    char *again = back ? ks_order_to_json(back, NULL) : NULL;
    if (!again || strcmp(text, again) != 0)
        __builtin_trap();
    free(again);
    free(text);
    ks_order_free(back);
    ks_order_free(order);
    return 0;
}
