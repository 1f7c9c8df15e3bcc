/*
 * Fuzz target: arbitrary bytes as a terminal URI from the configuration.
 * What parses must hold values within the documented bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/payment/nexo_uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    dev_nexo_uri u;
    char why[160];
    if (dev_nexo_uri_parse(text, &u, why, sizeof why) &&
        (u.port < 1 || u.port > 65535 || !u.host[0] || u.path[0] != '/' || !u.poi_id[0] ||
         !u.sale_id[0] || !u.key_id[0] || u.passphrase_file[0] != '/' || u.ca_file[0] != '/' ||
         u.connect_timeout_ms < 100 || u.connect_timeout_ms > 60000))
        __builtin_trap();
    free(text);
    return 0;
}
