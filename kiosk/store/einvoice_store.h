/*
 * The device's chain of signed e-invoices (table einvoices, migration step
 * 7): one row per document, its ICV the row id, its PIH the hash of the row
 * before. Rows are written inside the transaction that pays or refunds the
 * order (the caller's ks_db_begin), after reading the chain's head in that
 * same transaction, so two writers can never fork the chain or reuse an ICV.
 */
#ifndef KIOSK_STORE_EINVOICE_STORE_H
#define KIOSK_STORE_EINVOICE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/store/db.h"

#define KS_EINVOICE_NUMBER_MAX 80
#define KS_EINVOICE_HASH_TEXT 45 /* base64 of SHA-256 and a NUL */
/* A PIH: a hash, or the chain's start value (base64 of 64 hex digits: 88 characters). */
#define KS_EINVOICE_PIH_TEXT 89
#define KS_EINVOICE_QR_TEXT 701 /* a QR's 700 characters and a NUL */

typedef struct ks_einvoice_row {
    int64_t icv;
    char uuid[37];
    char number[KS_EINVOICE_NUMBER_MAX + 1];
    char order_uuid[37];
    int kind;          /* 388 invoice, 381 credit note */
    int64_t issued_at; /* UTC seconds */
    char pih[KS_EINVOICE_PIH_TEXT];
    char hash[KS_EINVOICE_HASH_TEXT];
    char qr[KS_EINVOICE_QR_TEXT];
    char refund_id[37]; /* a credit note's refund (kiosk/store/refund_store.h); "" otherwise */
    const char *xml;    /* insert: borrowed; find: NULL (ks_einvoice_store_xml) */
    size_t xml_len;
} ks_einvoice_row;

/*
 * The chain's head, inside the caller's transaction: the last ICV (0 when
 * the chain is empty) and its hash ("" when empty).
 */
enum ks_db_error ks_einvoice_store_head(ks_db *db, int64_t *icv, char hash[KS_EINVOICE_HASH_TEXT]);

/*
 * Appends row, inside the caller's transaction. KS_DB_ERR_CONSTRAINT when
 * its ICV, uuid, number or hash is taken, or the order has a document of
 * that kind for that refund (or for none) already; KS_DB_ERR_INVALID for a malformed row.
 */
enum ks_db_error ks_einvoice_store_insert(ks_db *db, const ks_einvoice_row *row);

/*
 * The order's document of kind that belongs to no refund (its invoice, or a
 * credit note of the whole order) (xml not loaded); KS_DB_ERR_NOT_FOUND when
 * there is none.
 */
enum ks_db_error ks_einvoice_store_find(ks_db *db, const char *order_uuid, int kind,
                                        ks_einvoice_row *out);

/* The credit note of a refund (xml not loaded); KS_DB_ERR_NOT_FOUND when there is none. */
enum ks_db_error ks_einvoice_store_find_refund(ks_db *db, const char *refund_id,
                                               ks_einvoice_row *out);

/*
 * The invoice (388) whose phase 2 QR text is qr exactly (a receipt's QR as
 * scanned; xml not loaded); KS_DB_ERR_NOT_FOUND when there is none.
 */
enum ks_db_error ks_einvoice_store_find_qr(ks_db *db, const char *qr, ks_einvoice_row *out);

/* The signed document of ICV icv, malloc'd and NUL-terminated, its length in *len. */
enum ks_db_error ks_einvoice_store_xml(ks_db *db, int64_t icv, char **xml, size_t *len);

/*
 * Walks the chain as kept in ICV order: ICVs 1, 2, 3 ... without a gap, the
 * first PIH first_pih and each next PIH the hash before it, except where
 * the retention removed documents (kiosk/store/retention_store.h): a gap
 * of ICVs all at or below the highest it removed, after which the PIH
 * names a document no longer here. KS_DB_OK with *count the last ICV when
 * whole; KS_DB_ERR_CORRUPT with the first break described in
 * why[0..why_cap) otherwise.
 */
enum ks_db_error ks_einvoice_store_check_chain(ks_db *db, const char *first_pih, int64_t *count,
                                               char *why, size_t why_cap);

#endif
