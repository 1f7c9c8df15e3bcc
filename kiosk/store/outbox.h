/*
 * The outbox: messages about orders waiting to be delivered to the kitchen
 * display and the backend. A message is written in the same transaction as
 * the change it reports (ks_order_store_mark_paid), so it can neither be
 * lost nor sent for a change that did not happen. Delivery is at least
 * once: a worker per destination fetches due rows, sends them, and marks
 * each delivered or failed; receivers ignore repeats (by order uuid).
 * Failed deliveries are retried with exponential backoff and jitter.
 *
 * A message that carries a signed document of the chain (the ZATCA report,
 * the backend's archive copy) does not hold its own copy: it names the
 * document (einvoices' ICV, written in the same transaction) and its body
 * is the payload with the document added when it is fetched, so a
 * document's XML is stored once (schema step 19).
 */
#ifndef KIOSK_STORE_OUTBOX_H
#define KIOSK_STORE_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/store/db.h"

/* Longest destination name and payload accepted. */
#define KS_OUTBOX_DESTINATION_MAX 32
#define KS_OUTBOX_PAYLOAD_MAX (1024 * 1024)
/* Longest path of a message's own (ks_outbox_message.path). */
#define KS_OUTBOX_PATH_MAX 128
/* Longest retry delay, in seconds: a link that comes back is used within this. */
#define KS_OUTBOX_BACKOFF_MAX_S 60
/* next_attempt_at of a message set aside (ks_outbox_mark_dead): never due again. */
#define KS_OUTBOX_NEVER INT64_MAX

/* How a message's body carries the signed document it names (ks_outbox_message.document). */
enum ks_outbox_document {
    KS_OUTBOX_NO_DOCUMENT,     /* none: the payload is the whole body */
    KS_OUTBOX_DOCUMENT_BASE64, /* member "invoice", the XML in base64 (ZATCA's reporting API) */
    KS_OUTBOX_DOCUMENT_XML, /* member "xml", the XML as text (the backend's POST /v1/einvoices) */
};

typedef struct ks_outbox_message {
    const char *destination; /* borrowed; "kitchen", "backend": 1-32 of [a-z0-9_] */
    const char *payload;     /* borrowed; JSON text, NUL-terminated, valid JSON */
    /*
     * borrowed; NULL or "": where the destination sends every message; else
     * this message's own path beside the receiver's API root, 1-128 of
     * [a-z0-9_-] in segments joined by '/' ("refund-requests/<uuid>/refusal")
     */
    const char *path;
    /*
     * The ICV of the stored document (einvoices) the body carries as
     * document_as says; 0 (with KS_OUTBOX_NO_DOCUMENT) for none. The payload
     * is then a JSON object without that member.
     */
    int64_t document;
    enum ks_outbox_document document_as;
    /*
     * true: once set aside (ks_outbox_mark_dead) the message no longer counts as unsent
     * (ks_outbox_count_undelivered), for a message kept elsewhere too (a staff action: its
     * staff audit row); false (the default): it counts until delivered, as an order does.
     */
    bool aside_not_unsent;
} ks_outbox_message;

typedef struct ks_outbox_row {
    int64_t id;
    char order_uuid[37];
    char destination[KS_OUTBOX_DESTINATION_MAX + 1];
    char path[KS_OUTBOX_PATH_MAX + 1]; /* the message's own path, "" when none */
    /*
     * owned, NUL-terminated; freed by ks_outbox_rows_free: the body to send,
     * the stored document added when the message names one
     */
    char *payload;
    int64_t created_at; /* UTC seconds */
    int32_t attempts;   /* failed deliveries so far */
} ks_outbox_row;

/*
 * Adds a message for an order, or a staff action (order_uuid then the
 * action's uuid, its staff audit row's: kiosk/store/staff_store.h), due at
 * once; the uuid is the message's idempotency key. Must be called inside a
 * transaction the caller commits (ks_db_begin); it is one part of a larger
 * write. KS_DB_ERR_INVALID for a bad destination or payload,
 * KS_DB_ERR_CONSTRAINT when no order or staff action has that uuid.
 */
enum ks_db_error ks_outbox_enqueue(ks_db *db, const char *order_uuid,
                                   const ks_outbox_message *message, int64_t now);

/*
 * Up to max undelivered messages for destination whose next attempt is at
 * or before now (UTC seconds), oldest due first. *rows is a malloc'd array
 * of *n rows (NULL when none) freed with ks_outbox_rows_free.
 */
enum ks_db_error ks_outbox_fetch_due(ks_db *db, const char *destination, int64_t now, size_t max,
                                     ks_outbox_row **rows, size_t *n);

/*
 * The body of message id as ks_outbox_fetch_due gives it, delivered or not:
 * *body malloc'd (the caller frees it). KS_DB_ERR_NOT_FOUND when there is
 * no such message.
 */
enum ks_db_error ks_outbox_body(ks_db *db, int64_t id, char **body);

/*
 * payload (a JSON object) with a document added as `as` says: a new
 * malloc'd compact JSON text the caller frees; NULL when payload is not an
 * object, the document is not UTF-8 (KS_OUTBOX_DOCUMENT_XML) or memory ran
 * out. KS_OUTBOX_NO_DOCUMENT: a copy of payload as it is.
 */
char *ks_outbox_attach(const char *payload, enum ks_outbox_document as, const char *xml,
                       size_t xml_len);

/* Frees rows from ks_outbox_fetch_due. Accepts NULL. */
void ks_outbox_rows_free(ks_outbox_row *rows, size_t n);

/*
 * Records that message id was delivered at now. Marking it again keeps the
 * first time. KS_DB_ERR_NOT_FOUND when there is no such message.
 */
enum ks_db_error ks_outbox_mark_delivered(ks_db *db, int64_t id, int64_t now);

/*
 * Records a failed delivery of message id at now: counts the attempt, keeps
 * error (cut to 512 characters; NULL for none) and schedules the next
 * attempt ks_outbox_backoff_seconds(attempts, random) later. random is any
 * random 32-bit value; it spreads the retries of many kiosks apart.
 * KS_DB_ERR_NOT_FOUND when there is no such undelivered message.
 */
enum ks_db_error ks_outbox_mark_failed(ks_db *db, int64_t id, int64_t now, const char *error,
                                       uint32_t random);

/*
 * The retry delay in seconds after `failures` failed attempts (values below
 * 1 count as 1): d = min(2^failures, KS_OUTBOX_BACKOFF_MAX_S), and the
 * result is d/2 plus random modulo (d - d/2 + 1), so it lies in [d/2, d].
 * Pure.
 */
int64_t ks_outbox_backoff_seconds(int32_t failures, uint32_t random);

/*
 * Sets message id aside after its receiver refused it for good (a
 * malformed body): counts the attempt, keeps error (as mark_failed) and is
 * never due again, so the worker stops sending it, while it stays
 * undelivered (ks_outbox_count_undelivered) for staff to see.
 * KS_DB_ERR_NOT_FOUND when there is no such undelivered message.
 */
enum ks_db_error ks_outbox_mark_dead(ks_db *db, int64_t id, const char *error);

/*
 * The earliest next attempt time (UTC seconds) of destination's undelivered
 * messages, messages set aside excluded. KS_DB_ERR_NOT_FOUND when none is waiting.
 */
enum ks_db_error ks_outbox_next_due(ks_db *db, const char *destination, int64_t *at);

/*
 * Number of messages not yet delivered, all destinations (for the staff screen and heartbeats),
 * but for messages set aside that were queued with aside_not_unsent (staff actions,
 * kiosk/store/staff_store.h: those are the back office's report, kept in the staff audit, and
 * an older backend refuses the kinds it does not know (400) for good, so each sign-in would
 * otherwise add one to the unsent count forever). Orders, refunds and invoices set aside stay
 * counted.
 */
enum ks_db_error ks_outbox_count_undelivered(ks_db *db, int64_t *count);

#endif
