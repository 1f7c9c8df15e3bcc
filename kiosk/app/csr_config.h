/*
 * The csr-config file of ZATCA's SDK (Input/csr-config-*.properties): what
 * a device's CSR says about the taxpayer and the device, one
 * "csr.NAME=value" a line (UTF-8; '#' and '!' start comments). Every key
 * is required, once; unknown keys are refused, each value is checked as
 * ZATCA requires it. Pure: a buffer in, a struct out.
 */
#ifndef KIOSK_APP_CSR_CONFIG_H
#define KIOSK_APP_CSR_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Largest file and value accepted. */
#define KS_CSR_CONFIG_MAX_BYTES (16 * 1024)
#define KS_CSR_CONFIG_VALUE_MAX 200

typedef struct ks_csr_config {
    char common_name[KS_CSR_CONFIG_VALUE_MAX + 1];       /* csr.common.name: subject CN */
    char serial_number[KS_CSR_CONFIG_VALUE_MAX + 1];     /* "1-solution|2-model|3-serial": SAN SN */
    char vat_number[KS_CSR_CONFIG_VALUE_MAX + 1];        /* csr.organization.identifier: SAN UID */
    char unit_name[KS_CSR_CONFIG_VALUE_MAX + 1];         /* subject OU */
    char organization[KS_CSR_CONFIG_VALUE_MAX + 1];      /* subject O */
    char country[KS_CSR_CONFIG_VALUE_MAX + 1];           /* subject C: "SA" */
    char invoice_type[KS_CSR_CONFIG_VALUE_MAX + 1];      /* 4 digits of 0/1: SAN title */
    char address[KS_CSR_CONFIG_VALUE_MAX + 1];           /* SAN registeredAddress */
    char business_category[KS_CSR_CONFIG_VALUE_MAX + 1]; /* SAN businessCategory */
} ks_csr_config;

/* The first problem: "line 3: csr.country.name: must be SA". */
typedef struct ks_csr_config_error {
    char reason[160];
} ks_csr_config_error;

/* Parses text[len] into *out. False with err filled (err may be NULL). */
bool ks_csr_config_parse(const char *text, size_t len, ks_csr_config *out,
                         ks_csr_config_error *err);

#endif
