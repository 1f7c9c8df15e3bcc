/*
 * The HTTP side of the e-invoice archive (kiosk/docs/backend-api.md,
 * "E-invoice archive"): the handlers backend_api.c routes to once it has
 * checked who calls.
 *
 *   POST /v1/einvoices                       a kiosk's signed document, archived once
 *   GET  /v1/einvoices?store=&from=&to=      the store's chains checked, and its documents
 *   GET  /v1/einvoices/<uuid>?store=         one document, byte for byte (application/xml)
 *
 * A document is archived only when its stamp verifies (the hash, the
 * QR, the signature against the embedded certificate) and the facts kept
 * (number, ICV, PIH, time, amount) are read from the signed XML itself,
 * never from the body; the device is the caller's token's.
 */
#ifndef KIOSK_BACKEND_BACKEND_EINVOICE_ROUTES_H
#define KIOSK_BACKEND_BACKEND_EINVOICE_ROUTES_H

#include "kiosk/backend/backend_handler.h"

/* The path of one document: /v1/einvoices/<uuid>. */
#define KS_EINVOICES_PREFIX "/v1/einvoices/"

/* Documents listed by GET /v1/einvoices by default, and at most. */
#define KS_EINVOICES_DEFAULT 200
#define KS_EINVOICES_MAX 1000

/* The handlers: each answers into *resp (the caller frees resp->body). */
void ks_einvoice_post_copy(const ks_backend_call *c, ks_backend_response *resp);
void ks_einvoice_get_list(const ks_backend_call *c, ks_backend_response *resp);
void ks_einvoice_get_xml(const ks_backend_call *c, ks_backend_response *resp);

#endif
