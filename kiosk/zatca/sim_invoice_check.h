/*
 * What zatca-sim checks in a reported invoice (kiosk/docs/zatca.md): the
 * reporting body's shape ({"invoiceHash", "uuid", "invoice"}, all base64
 * where they should be), the XML's cbc:UUID equal to uuid, and its invoice
 * hash (without ext:UBLExtensions, cac:Signature and the QR's
 * cac:AdditionalDocumentReference, C14N 1.1, SHA-256) equal to invoiceHash.
 *
 * The hash is computed here with libxml2 because the device's own
 * (kiosk/einvoice/invoice_hash.h) had not landed when the simulator was
 * written; a simulator that checks the device with a second computation is
 * also a check of the device's. Parsing is bounded and without network,
 * entities or DTDs.
 */
#ifndef KIOSK_ZATCA_SIM_INVOICE_CHECK_H
#define KIOSK_ZATCA_SIM_INVOICE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Largest reporting body and invoice accepted. */
#define KS_ZATCA_SIM_BODY_MAX (6u << 20)
#define KS_ZATCA_SIM_INVOICE_MAX (4u << 20)

typedef struct ks_zatca_sim_invoice {
    char uuid[37];         /* the body's uuid, lowercase as sent */
    char invoice_hash[45]; /* the body's invoiceHash */
    char type_code[4];     /* the XML's cbc:InvoiceTypeCode: 388, 381 or 383 */
} ks_zatca_sim_invoice;

/*
 * Checks a reporting body of len bytes. True with *out filled; false with
 * code (a ZATCA-style error code, static) and message[message_size] saying
 * what is wrong.
 */
bool ks_zatca_sim_check_invoice(const char *body, size_t len, ks_zatca_sim_invoice *out,
                                const char **code, char *message, size_t message_size);

/*
 * The invoice hash of xml[len] as base64 (out[45]). False when the
 * document is not well-formed XML with an Invoice root, or has a DTD.
 */
bool ks_zatca_sim_invoice_hash(const char *xml, size_t len, char out[45]);

#endif
