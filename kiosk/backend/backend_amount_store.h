/*
 * One amount the back office keeps per key (a chain-wide item cost, a
 * store's own price of an item), set or removed together with its audit
 * row in one transaction: the change's summary before and after is
 * "<column>=<amount>", or the word for none ("none", "menu"). The one
 * mechanism behind ks_backend_store_cost_set, ks_backend_store_price_set,
 * ks_backend_store_availability_set and ks_backend_store_price_delta_set.
 * Not for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_AMOUNT_STORE_H
#define KIOSK_BACKEND_BACKEND_AMOUNT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_store_driver.h"

/* The SQL and words of one kind of amount. */
typedef struct ks_backend_amount_kind {
    enum ks_backend_sql read;  /* the key's values -> one row with column, or none */
    enum ks_backend_sql set;   /* the key's values, the amount, the time */
    enum ks_backend_sql clear; /* the key's values */
    const char *column;        /* the amount's column and summary word: "unit_cost" */
    const char *absent;        /* the summary without one: "none" */
    const char *action;        /* the audit row's action: "cost.set" */
} ks_backend_amount_kind;

/* One change: borrowed. */
typedef struct ks_backend_amount_change {
    const ks_backend_amount_kind *kind;
    const ks_backend_value *key; /* the key's n_key values (at most 5), in the SQL's order */
    size_t n_key;
    const char *store_id; /* the audit row's store ("" chain-wide) */
    const char *target;   /* the audit row's target: the item (or "size:<combo>/<size>"...) */
    bool clear;           /* remove the amount instead of setting it */
    int64_t amount;
} ks_backend_amount_change;

/* Sets (or removes) the amount and writes actor's audit row, in one transaction of its own. */
enum ks_db_error ks_backend_amount_set(ks_backend_store *store,
                                       const ks_backend_amount_change *change,
                                       const ks_backend_actor *actor, int64_t now);

/*
 * Sets (or removes) the n changes (each with its own audit row, in their
 * order) in one transaction of its own: all of them or none.
 */
enum ks_db_error ks_backend_amount_set_many(ks_backend_store *store,
                                            const ks_backend_amount_change *changes, size_t n,
                                            const ks_backend_actor *actor, int64_t now);

#endif
