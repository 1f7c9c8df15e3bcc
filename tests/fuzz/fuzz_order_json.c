/*
 * Fuzz target for the order JSON parser: any bytes must either be refused
 * with a reason, or give an order whose totals add up, whose payment (when
 * it says one) is a paid order's with a brand only for a card paid at the
 * kiosk, and which writes out and reads back to the very same text. Seeds in
 * tests/fuzz/corpus/order_json/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/order_json.h"

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
        (paid->brand[0] && paid->by != KS_PAID_BY_CARD))
        __builtin_trap();
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
