/* Fuzz target: arbitrary bytes as the kiosk's INI configuration. */
#include "kiosk/app/config.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_config cfg;
    ks_config_error err;
    ks_config_defaults(&cfg);
    if (ks_config_parse(&cfg, (const char *)data, size, &err)) {
        /* Whatever parsed must satisfy the table's bounds. */
        if (strlen(cfg.vat_number) != 15 || cfg.business_day_start_min < 0 ||
            cfg.business_day_start_min >= 24 * 60)
            __builtin_trap();
    }
    return 0;
}
