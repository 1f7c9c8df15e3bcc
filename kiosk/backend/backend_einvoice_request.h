/*
 * A kiosk's copy of a signed e-invoice for the archive (POST /v1/einvoices,
 * kiosk/docs/backend-api.md, "E-invoice archive"): the body read and
 * checked strictly; pure: no I/O. What the document itself says is read
 * from its XML afterwards (ks_einvoice_verify_read), never from the body.
 */
#ifndef KIOSK_BACKEND_BACKEND_EINVOICE_REQUEST_H
#define KIOSK_BACKEND_BACKEND_EINVOICE_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/backend/backend_config.h"
#include "kiosk/domain/json_read.h"

/* Largest signed document, and the largest body (its JSON escapes may double it). */
#define KS_EINVOICE_XML_MAX (256u * 1024u)
#define KS_EINVOICE_COPY_BODY_MAX (2u * KS_EINVOICE_XML_MAX + 1024u)

typedef struct ks_einvoice_copy_request {
    char store_id[KS_BACKEND_ID_MAX + 1]; /* ks_id_ok: the store of the kiosk that signed it */
    char order_uuid[37];                  /* the order it bills or credits */
    char *xml;      /* owned (ks_einvoice_copy_request_clear): 1..KS_EINVOICE_XML_MAX bytes */
    size_t xml_len; /* strlen(xml) */
} ks_einvoice_copy_request;

/*
 * Reads body (len bytes, no NUL needed; from the network) as {"store_id":
 * id, "order_uuid": uuid, "xml": the signed document} (no other member,
 * none twice) into *out. On false, *out is zeroed (nothing to clear) and
 * *why holds the member at fault and the reason (ks_body_read).
 */
bool ks_einvoice_copy_request_parse(const char *body, size_t len, ks_einvoice_copy_request *out,
                                    ks_json_error *why);

/* Frees what a parse gave *request and zeroes it. Accepts NULL and a zeroed one. */
void ks_einvoice_copy_request_clear(ks_einvoice_copy_request *request);

#endif
