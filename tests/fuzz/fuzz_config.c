/*
 * Fuzz target: arbitrary bytes as the kiosk's and the kitchen display's INI
 * configuration (both parsed through kiosk/common/ini_text.c).
 */
#include "devices/payment/nexo_uri.h"
#include "devices/printer/printer.h"
#include "kiosk/app/config.h"
#include "kiosk/kitchen/kds_config.h"

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
        /* [devices]: a kept URI is one its driver takes. */
        dev_nexo_uri terminal;
        if (cfg.terminal_uri[0] && !dev_nexo_uri_parse(cfg.terminal_uri, &terminal, NULL, 0))
            __builtin_trap();
        dev_printer *printer =
            cfg.printer_uri[0] ? dev_printer_new(cfg.printer_uri, NULL, NULL) : NULL;
        if (cfg.printer_uri[0] && !printer)
            __builtin_trap();
        dev_printer_free(printer);
    }
    ks_kds_config kds;
    ks_kds_config_error kds_err;
    ks_kds_config_defaults(&kds);
    if (ks_kds_config_parse(&kds, (const char *)data, size, &kds_err)) {
        if (kds.red_s <= kds.amber_s)
            __builtin_trap();
    } else if (kds_err.message[0] == '\0') {
        __builtin_trap(); /* every refusal says why */
    }
    return 0;
}
