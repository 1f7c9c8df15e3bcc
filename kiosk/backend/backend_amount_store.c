/* Amounts kept per key with their audit rows: see kiosk/backend/backend_amount_store.h. */
#include "kiosk/backend/backend_amount_store.h"

#include <stdio.h>

#define MAX_KEY 5

/* The stored amount's summary into out[cap]: "<column>=<amount>", or the kind's word for none. */
static enum ks_db_error stored_summary(ks_backend_store *store, const ks_backend_amount_change *c,
                                       char *out, size_t cap)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_once(store, c->kind->read, c->key, c->n_key, &rows);
    json_t *row = json_array_get(rows, 0);
    if (row)
        snprintf(out, cap, "%s=%lld", c->kind->column,
                 (long long)json_integer_value(json_object_get(row, c->kind->column)));
    else
        snprintf(out, cap, "%s", c->kind->absent);
    json_decref(rows);
    return err;
}

struct amount_set {
    const ks_backend_amount_change *changes;
    size_t n;
    const ks_backend_actor *actor;
    int64_t now;
};

/* One change and its audit row, inside the caller's transaction. */
static enum ks_db_error amount_set_one(ks_backend_store *store, const ks_backend_amount_change *c,
                                       const ks_backend_actor *actor, int64_t now)
{
    ks_backend_value row[MAX_KEY + 2];
    for (size_t i = 0; i < c->n_key; i++)
        row[i] = c->key[i];
    row[c->n_key] = (ks_backend_value)KS_BV_INT(c->amount);
    row[c->n_key + 1] = (ks_backend_value)KS_BV_INT(now);
    char before[64], after[64];
    enum ks_db_error err = stored_summary(store, c, before, sizeof before);
    int64_t changed = 0;
    if (err == KS_DB_OK)
        err = c->clear
                  ? store->driver->exec(store->conn, c->kind->clear, row, c->n_key, &changed)
                  : store->driver->exec(store->conn, c->kind->set, row, c->n_key + 2, &changed);
    if (c->clear)
        snprintf(after, sizeof after, "%s", c->kind->absent);
    else
        snprintf(after, sizeof after, "%s=%lld", c->kind->column, (long long)c->amount);
    return err == KS_DB_OK ? ks_backend_audit_write(store, actor, c->kind->action, c->store_id,
                                                    c->target, before, after, now)
                           : err;
}

static enum ks_db_error amount_set_in(ks_backend_store *store, void *args)
{
    const struct amount_set *a = args;
    enum ks_db_error err = KS_DB_OK;
    for (size_t i = 0; i < a->n && err == KS_DB_OK; i++)
        err = amount_set_one(store, &a->changes[i], a->actor, a->now);
    return err;
}

enum ks_db_error ks_backend_amount_set_many(ks_backend_store *store,
                                            const ks_backend_amount_change *changes, size_t n,
                                            const ks_backend_actor *actor, int64_t now)
{
    for (size_t i = 0; i < n; i++)
        if (changes[i].n_key == 0 || changes[i].n_key > MAX_KEY)
            return KS_DB_ERR_INVALID;
    struct amount_set args = {changes, n, actor, now};
    return ks_backend_in_transaction(store, amount_set_in, &args);
}

enum ks_db_error ks_backend_amount_set(ks_backend_store *store,
                                       const ks_backend_amount_change *change,
                                       const ks_backend_actor *actor, int64_t now)
{
    return ks_backend_amount_set_many(store, change, 1, actor, now);
}
