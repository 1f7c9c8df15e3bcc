/*
 * The invoice hash of a ZATCA e-invoice (XML Implementation Standard,
 * Security Features 2.3): the document without ext:UBLExtensions,
 * cac:Signature and the QR's cac:AdditionalDocumentReference, canonicalised
 * with C14N 1.1, then SHA-256. It is what the next invoice carries as its
 * PIH, what the signature signs and what the QR's tag 6 holds (base64).
 *
 * The document comes from outside as often as from this program (a sample,
 * a stored invoice, a request to the ZATCA simulator), so it is parsed
 * without network access, entity expansion or DTD loading, and bounded.
 */
#ifndef KIOSK_EINVOICE_INVOICE_HASH_H
#define KIOSK_EINVOICE_INVOICE_HASH_H

#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#define KS_INVOICE_HASH_BYTES 32
#define KS_INVOICE_HASH_B64 45          /* 44 base64 characters and a NUL */
#define KS_INVOICE_MAX_BYTES (4u << 20) /* larger documents are refused */

enum ks_invoice_hash_error {
    KS_INVOICE_HASH_OK,
    KS_INVOICE_HASH_TOO_LARGE, /* over KS_INVOICE_MAX_BYTES */
    KS_INVOICE_HASH_NOT_XML,   /* not well-formed, or a DTD */
    KS_INVOICE_HASH_NOT_UBL,   /* the root is not a UBL 2.1 Invoice */
    KS_INVOICE_HASH_NO_MEMORY, /* or canonicalisation failed */
};

const char *ks_invoice_hash_strerror(enum ks_invoice_hash_error err);

/* The invoice hash of xml[0..len) into out. On failure out is zeroed. */
enum ks_invoice_hash_error ks_invoice_hash(const char *xml, size_t len,
                                           uint8_t out[KS_INVOICE_HASH_BYTES]);

/*
 * The same in two steps, for a reader that also wants other parts of the
 * document without parsing it twice: ks_invoice_parse checks and parses
 * xml (*out NULL on failure, else the caller's to xmlFreeDoc);
 * ks_invoice_hash_parsed hashes it and, doing so, removes the excluded
 * parts (extensions, signature, QR) from it, so read those first.
 */
enum ks_invoice_hash_error ks_invoice_parse(const char *xml, size_t len, xmlDocPtr *out);
enum ks_invoice_hash_error ks_invoice_hash_parsed(xmlDocPtr doc,
                                                  uint8_t out[KS_INVOICE_HASH_BYTES]);

/* Base64 of the 32 hash bytes, as the PIH, DigestValue and QR tag 6 write it. */
void ks_invoice_hash_base64(const uint8_t hash[KS_INVOICE_HASH_BYTES],
                            char out[KS_INVOICE_HASH_B64]);

#endif
