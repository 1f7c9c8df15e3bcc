/*
 * Fuzz target for ZATCA's csr-config files (kiosk/app/csr_config.h): any
 * bytes are refused with a reason, or give a configuration whose every
 * field is filled and passes ZATCA's rules (country SA, a 15-digit VAT
 * number starting and ending with 3, a 4-digit invoice type of 0 and 1).
 * Seeds in tests/fuzz/corpus/csr_config/.
 */
#include <stdint.h>
#include <string.h>

#include "kiosk/app/csr_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_csr_config c;
    ks_csr_config_error err;
    if (!ks_csr_config_parse((const char *)data, size, &c, &err)) {
        if (err.reason[0] == '\0')
            __builtin_trap();
        return 0;
    }
    const char *fields[] = {c.common_name,  c.serial_number, c.unit_name,
                            c.organization, c.address,       c.business_category};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i][0] == '\0' || strlen(fields[i]) > KS_CSR_CONFIG_VALUE_MAX)
            __builtin_trap();
    if (strcmp(c.country, "SA") != 0 || strlen(c.vat_number) != 15 ||
        strspn(c.vat_number, "0123456789") != 15 || c.vat_number[0] != '3' ||
        c.vat_number[14] != '3' || strlen(c.invoice_type) != 4 ||
        strspn(c.invoice_type, "01") != 4 || strncmp(c.serial_number, "1-", 2) != 0)
        __builtin_trap();
    return 0;
}
