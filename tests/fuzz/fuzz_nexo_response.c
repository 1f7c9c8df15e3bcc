/*
 * Fuzz target: arbitrary bytes as a decrypted SaleToPOIResponse, the way a
 * terminal's answer reaches the kiosk's decoder. Whatever decodes must
 * encode again (unless it holds a value the encoder never writes, such as
 * an unlisted ErrorCondition) and decode to the same fields, so the reader
 * and the writer agree on every accepted message; and an answer reads as a
 * refund only when it says so (PaymentType "Refund"), so a charge is never
 * taken for money given back.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/payment/nexo_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dev_nexo_response first, second;
    dev_nexo_problem why;
    if (!dev_nexo_decode_response((const char *)data, size, 2, &first, &why)) {
        if (!why.text[0])
            __builtin_trap(); /* a refusal always says why */
        return 0;
    }
    if (first.payment.refund && !memmem(data, size, "\"Refund\"", 8))
        __builtin_trap();
    if (first.status.condition == DEV_NEXO_COND_OTHER ||
        first.payment.status.condition == DEV_NEXO_COND_OTHER)
        return 0;
    char *json = NULL;
    size_t len = 0;
    if (!dev_nexo_encode_response(&first, 2, &json, &len))
        __builtin_trap();
    bool again = dev_nexo_decode_response(json, len, 2, &second, &why);
    free(json);
    /* Dropped describing fields are not written back, so they cannot come back. */
    first.payment.dropped = 0;
    if (!again || memcmp(&first, &second, sizeof first) != 0)
        __builtin_trap();
    return 0;
}
