/*
 * The audit log (kiosk/docs/backend-api.md, "People, sessions and the
 * audit log"): one row per change made through the back office (a stock
 * adjustment, a threshold, a recipe, a person added): who (a person's
 * name, or "manager-token" for the INI's machine credential), their role,
 * when, what (an action name and its target), the store ("" chain-wide),
 * and a short summary of the state before and after. A row is written by
 * the store function that makes the change, inside its transaction, so a
 * change and its row commit or vanish together.
 */
#ifndef KIOSK_BACKEND_BACKEND_AUDIT_H
#define KIOSK_BACKEND_BACKEND_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "kiosk/backend/backend_store.h"

/* Longest summary kept (bytes); longer ones are cut at a character boundary. */
#define KS_AUDIT_SUMMARY_MAX 255

/* Who makes a change: borrowed strings. */
typedef struct ks_backend_actor {
    const char *name; /* a person's name, or "manager-token" */
    const char *role; /* "head-office", "store-manager" (auditors change nothing) */
} ks_backend_actor;

/*
 * Writes the row of actor's change at (UTC seconds) inside the caller's
 * open transaction (no retry: the caller's transaction is retried whole):
 * action ("stock.adjust", "stock.threshold", "recipe.put", "person.add"),
 * store_id ("" chain-wide), target (the item, recipe or person), and the
 * summaries before and after (cut to KS_AUDIT_SUMMARY_MAX); all borrowed.
 * KS_DB_OK when actor is NULL: a change no person made (a kiosk's intake)
 * is not an audit row.
 */
enum ks_db_error ks_backend_audit_write(ks_backend_store *store, const ks_backend_actor *actor,
                                        const char *action, const char *store_id,
                                        const char *target, const char *before, const char *after,
                                        int64_t at);

/*
 * The latest limit rows (1..1000) of store_id ("" every store), newest
 * first, into *rows (json_decref; NULL on error): {seq, at, actor, role,
 * action, store_id, target, before_summary, after_summary}.
 */
enum ks_db_error ks_backend_store_audit(ks_backend_store *store, const char *store_id, int limit,
                                        json_t **rows);

#endif
