/*
 * The archive of the kiosks' signed e-invoices in the backend's database
 * (be_einvoices; the API in kiosk/docs/backend-api.md, "E-invoice
 * archive"): each document a kiosk signed, byte for byte, under its uuid,
 * with what its stamp covers read out of it (ks_einvoice_verify_read), so
 * that head office holds every device's chain, can check it link by link
 * and hands a tax auditor any document. A document is archived once; the
 * same bytes again are a duplicate, other bytes under a stored uuid a
 * conflict.
 */
#ifndef KIOSK_BACKEND_BACKEND_EINVOICE_STORE_H
#define KIOSK_BACKEND_BACKEND_EINVOICE_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_store.h"
#include "kiosk/einvoice/einvoice_verify.h"

/* A document to archive: everything borrowed. */
typedef struct ks_einvoice_copy {
    const char *store_id;           /* the store of the device that signed it */
    const char *device_id;          /* the device whose chain it is in */
    const char *order_uuid;         /* the order it bills or credits */
    const char *xml;                /* the signed document, NUL-terminated */
    const ks_einvoice_facts *facts; /* read from xml by ks_einvoice_verify_read */
} ks_einvoice_copy;

enum ks_einvoice_archive_result {
    KS_EINVOICE_ARCHIVED,  /* stored now */
    KS_EINVOICE_DUPLICATE, /* stored before: the same document of the same device */
    KS_EINVOICE_CONFLICT,  /* another document (or another device's) is stored under its uuid */
};

/* Archives copy received at now, in one transaction; *result says what happened. */
enum ks_db_error ks_backend_store_einvoice_archive(ks_backend_store *store,
                                                   const ks_einvoice_copy *copy, int64_t now,
                                                   enum ks_einvoice_archive_result *result);

/*
 * The store's documents issued on the dates from..to ("YYYY-MM-DD",
 * inclusive, the seller's time), of device_id ("" every device), at most
 * limit, by device and ICV, into *rows (json_decref): uuid, store_id,
 * device_id, order_uuid, number, kind, icv, pih, hash, issued, payable,
 * received_at.
 */
enum ks_db_error ks_backend_store_einvoices(ks_backend_store *store, const char *store_id,
                                            const char *device_id, const char *from, const char *to,
                                            int64_t limit, json_t **rows);

/*
 * Each chain of the store's devices (device_id "" every device), checked
 * in the database link by link, into *rows (json_decref): device_id,
 * documents, first_icv, last_icv, net_payable, missing, first_missing,
 * forks, breaks, first_break (backend_einvoice_sql.h), and status:
 * "broken" (a fork or a break), else "incomplete" (ICVs not received yet,
 * or lost), else "whole".
 */
enum ks_db_error ks_backend_store_einvoice_chains(ks_backend_store *store, const char *store_id,
                                                  const char *device_id, json_t **rows);

/*
 * The store's document of uuid, into *rows (json_decref): one row with
 * number and xml, or none.
 */
enum ks_db_error ks_backend_store_einvoice_xml(ks_backend_store *store, const char *store_id,
                                               const char *uuid, json_t **rows);

/*
 * The number of the signed tax invoice of the store's order order_uuid in
 * the archive, into number[cap]: KS_DB_ERR_NOT_FOUND ("" in it) when its
 * kiosk has not sent it (yet, or it does not sign phase 2 invoices).
 */
enum ks_db_error ks_backend_store_einvoice_of_order(ks_backend_store *store, const char *store_id,
                                                    const char *order_uuid, char *number,
                                                    size_t cap);

#endif
