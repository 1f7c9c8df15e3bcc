/*
 * Retention (issues #15/#16): what the kiosk may let go of because it is
 * safely elsewhere. An order older than the retention period leaves the
 * database with everything about it (lines, details, VAT, events,
 * interventions, payments, print jobs, refunds, its e-invoices, the back
 * office's requests about it, its outbox messages and ZATCA's answers)
 * only when
 *   - every outbox message about it was acknowledged (kitchen, the
 *     backend's order copy, kitchen news, refunds, the ZATCA report, the
 *     archive copy of its documents): one set aside is not acknowledged;
 *   - each of its e-invoices has an archive copy the backend acknowledged
 *     (stored after checking its stamp): the kiosk's is never the last
 *     copy of a signed document, also for one signed before archive
 *     copies existed (schema step 19 queues theirs);
 *   - no payment of it is unresolved (pending, unknown);
 *   - no print job of it is queued or printing;
 *   - it is older than the refund window and no refund of it is open
 *     (requested, given back) nor a back office request about it;
 *   - it does not hold the chain's last document, whose hash is the next
 *     document's PIH and whose ICV the next counter's predecessor.
 * Delivered outbox messages older than the period go too, whatever their
 * order, except those naming a document (they are the proof it was
 * archived, and go with it). A document an unsent message names cannot go
 * (its foreign key).
 *
 * The work is split in small transactions (ks_retention_step), so the
 * kiosk's other writers wait at most one batch; the worker
 * (kiosk/app/retention.h) runs them. The freed pages stay in the file and
 * are reused by new orders: see kiosk/docs/ARCHITECTURE.md, "Retention".
 */
#ifndef KIOSK_STORE_RETENTION_STORE_H
#define KIOSK_STORE_RETENTION_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/store/db.h"

typedef struct ks_retention_counts {
    int64_t orders;    /* orders removed, with everything about them */
    int64_t documents; /* e-invoices (invoices and credit notes) removed with them */
    int64_t messages;  /* outbox messages removed, with orders or for their age */
} ks_retention_counts;

/* One pass over the database: set up by ks_retention_pass_init, run by ks_retention_step. */
typedef struct ks_retention_pass {
    int64_t now;      /* UTC seconds */
    int64_t keep_s;   /* orders and delivered messages younger than this stay */
    int64_t refund_s; /* orders younger than this may still be refunded: they stay */
    /* the orders' cursor: orders at or before (created_at, uuid) were looked at */
    int64_t after_created_at;
    char after_uuid[37];
    bool orders_done;            /* every old order looked at; delivered messages next */
    bool done;                   /* nothing more to remove in this pass */
    ks_retention_counts removed; /* by this pass so far */
} ks_retention_pass;

/* Starts a pass at now (UTC seconds) keeping keep_s seconds, and refund_s for refunds. */
void ks_retention_pass_init(ks_retention_pass *pass, int64_t now, int64_t keep_s, int64_t refund_s);

/*
 * One transaction of pass: up to max orders (then up to max delivered
 * messages) removed, counted in pass->removed and in the retention row.
 * pass->done once there is nothing left. Any thread, on its own connection.
 */
enum ks_db_error ks_retention_step(ks_db *db, ks_retention_pass *pass, size_t max);

/* A whole pass, max at a time, without pauses (tests, benchmarks); removed counts in *out. */
enum ks_db_error ks_retention_prune(ks_db *db, int64_t now, int64_t keep_s, int64_t refund_s,
                                    size_t max, ks_retention_counts *out);

/*
 * The retention row: what every pass removed so far, the last batch's time
 * (0: never) and the highest ICV removed (0: none; ks_einvoice_store_check_chain
 * accepts a gap in the chain at or below it).
 */
enum ks_db_error ks_retention_totals(ks_db *db, ks_retention_counts *total, int64_t *last_run_at,
                                     int64_t *pruned_icv);

#endif
