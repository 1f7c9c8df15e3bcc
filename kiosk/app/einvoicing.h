/*
 * Phase 2 e-invoicing on the kiosk: the device's stamp key and the seller
 * (from the configuration), and the one step that issues a document into
 * the chain inside the transaction that pays or refunds the order:
 *
 *   head = ks_einvoice_store_head          (ICV n, hash h)
 *   doc  = ks_einvoice_issue(order, ICV n+1, PIH h, now)
 *   ks_einvoice_store_insert(doc)          (the chain's new head)
 *   ks_outbox_enqueue("zatca", report)     (the reporting API's body)
 *   ks_outbox_enqueue("backend", copy)     (the chain's archive: POST /v1/einvoices)
 *
 * Everything commits or nothing does (kiosk/store/einvoice_store.h), so a
 * crash at any instant leaves no gap, no reused ICV, no fork, and no
 * invoice without its report queued.
 */
#ifndef KIOSK_APP_EINVOICING_H
#define KIOSK_APP_EINVOICING_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/order.h"
#include "kiosk/einvoice/einvoice.h"
#include "kiosk/einvoice/ubl_invoice.h"
#include "kiosk/store/db.h"

/* The outbox destination of the reports to ZATCA. */
#define KS_EINVOICING_DESTINATION "zatca"
/* Beside the backend's API root: where each document's copy for the chain's archive goes. */
#define KS_EINVOICING_ARCHIVE_PATH "einvoices"

typedef struct ks_einvoicing ks_einvoicing;

/*
 * Loads the device's stamp and copies cfg's seller fields. The stamp is
 * [zatca] certificate and private_key when both are set; when certificate
 * is not set and kiosk-zatca-onboard left a production CSID in [zatca]
 * credentials, that CSID's certificate with the device key
 * (ks_zatca_device_key_path). Which one is used is logged. NULL with an
 * English reason in why[0..why_cap) when the key, certificate or CSID file
 * is refused (ks_stamp_key_load, ks_zatca_credentials_load: a file open to
 * others is refused) or certificate is set without private_key; NULL with
 * why "" when there is no stamp at all (phase 2 is off).
 */
ks_einvoicing *ks_einvoicing_open(const ks_config *cfg, char *why, size_t why_cap);
void ks_einvoicing_close(ks_einvoicing *e);

/* The seller of cfg's [store] fields (the registration name, else the Arabic store name). */
ks_seller ks_einvoicing_seller(const ks_config *cfg);

/*
 * The reporting (and compliance check) API's body for a signed document:
 * {"invoiceHash", "uuid", "invoice": base64 of the XML}; malloc'd, NULL
 * when out of memory.
 */
char *ks_einvoicing_report_body(const ks_einvoice *inv, const char *uuid);

/*
 * Issues the order's document of kind (388 when it is paid, 381 when it is
 * refunded; reason: why, for a credit note) at now and chains, stores and
 * queues it, inside the caller's transaction. An order that has its
 * document of that kind already is left alone (KS_DB_OK), so a retry is
 * harmless. KS_DB_ERR_INVALID when the document cannot be made (logged).
 */
enum ks_db_error ks_einvoicing_issue_locked(const ks_einvoicing *e, ks_db *db,
                                            const ks_order *order, enum ks_invoice_kind kind,
                                            enum ks_payment_means means, const char *reason,
                                            int64_t now);

/*
 * Issues the credit note of refund refund_id (a uuid) of order, inside the
 * caller's transaction, as ks_einvoicing_issue_locked does: it names the
 * order's invoice (BillingReference) and lists refunded (ks_refund_build:
 * the order's lines given back, with their shares of discount and VAT), so
 * a refund of some lines is a credit note of those lines. A refund that
 * has its credit note already is left alone (KS_DB_OK). KS_DB_ERR_INVALID
 * when refunded is not of order, refund_id is not a uuid, the order has no
 * invoice, or the document cannot be made.
 */
enum ks_db_error ks_einvoicing_credit_note_locked(const ks_einvoicing *e, ks_db *db,
                                                  const ks_order *order, const ks_order *refunded,
                                                  const char *refund_id,
                                                  enum ks_payment_means means, const char *reason,
                                                  int64_t now);

/* The first hash of every chain (the SDK's pih.txt). */
const char *ks_einvoicing_first_pih(void);

#endif
