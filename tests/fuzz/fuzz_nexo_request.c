/*
 * Fuzz target: arbitrary bytes as a decrypted SaleToPOIRequest, the way the
 * terminal simulator (and any terminal) reads what a kiosk sends. Whatever
 * decodes must encode again and decode to the same fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/payment/nexo_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dev_nexo_request first, second;
    dev_nexo_problem why;
    if (!dev_nexo_decode_request((const char *)data, size, 2, &first, &why)) {
        if (!why.text[0])
            __builtin_trap();
        return 0;
    }
    char *json = NULL;
    size_t len = 0;
    if (!dev_nexo_encode_request(&first, 2, &json, &len))
        __builtin_trap();
    bool again = dev_nexo_decode_request(json, len, 2, &second, &why);
    free(json);
    if (!again || memcmp(&first, &second, sizeof first) != 0)
        __builtin_trap();
    return 0;
}
