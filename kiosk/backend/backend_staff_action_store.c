/* The kiosks' staff actions in the database: see kiosk/backend/backend_staff_action_store.h. */
#include "kiosk/backend/backend_staff_action_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_store_driver.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

struct add {
    const ks_staff_action *a;
    const char *kiosk_id, *role, *store_id, *body; /* body NUL-terminated */
    int64_t now;
    enum ks_staff_action_result result;
};

/* The audit row's target and after summary: what the action was done to, and by whom. */
static void summary(const ks_staff_action *a, const char **target, char *after, size_t cap)
{
    const ks_order_intervention *iv = &a->intervention;
    bool has_iv = ks_staff_action_has_intervention(a->kind);
    const char *place = ks_staff_action_place_name(a->place);
    *target = has_iv                               ? ks_intervention_decision_name(iv->decision)
              : place                              ? place /* a sign-in's, a lockout's */
              : a->kind == KS_STAFF_ACTION_REPRINT ? a->order_uuid
                                                   : a->item;
    if (a->kind == KS_STAFF_ACTION_PIN_LOCKOUT) /* nobody known: never a PIN typed */
        snprintf(after, cap, "failures=%d until=%lld", (int)a->failures, (long long)a->until);
    else if (a->kind == KS_STAFF_ACTION_SIGN_IN)
        snprintf(after, cap, "staff=%s method=%s", a->staff, a->badge ? "badge" : "pin");
    else if (has_iv) /* a lane decision: paying names the order being paid by its uuid */
        snprintf(after, cap, "staff=%s need=%s wait=%llds %s%s", iv->staff,
                 ks_intervention_need_name(iv->need), (long long)(iv->decided_at - iv->raised_at),
                 a->kind == KS_STAFF_ACTION_PAYING ? "paying order=" : "unpaid",
                 a->kind == KS_STAFF_ACTION_PAYING ? a->order_uuid : "");
    else if (a->order_number) /* a reprint: the order's number as printed on it */
        snprintf(after, cap, "staff=%s order=%ld", a->staff, (long)a->order_number);
    else
        snprintf(after, cap, "staff=%s", a->staff);
}

void ks_backend_intervention_values(const ks_order_intervention *iv, ks_backend_value *out)
{
    const ks_backend_value values[KS_BACKEND_INTERVENTION_VALUES] = {
        TEXT(iv->staff),
        TEXT(ks_intervention_need_name(iv->need)),
        TEXT(ks_intervention_decision_name(iv->decision)),
        INT(iv->raised_at),
        INT(iv->decided_at),
        TEXT(iv->void_item),
        INT(iv->void_amount),
    };
    memcpy(out, values, sizeof values);
}

enum ks_db_error ks_backend_paying_take(ks_backend_store *store, const char *order_uuid,
                                        size_t stored_now, int64_t waiting)
{
    const ks_backend_value key[] = {TEXT(order_uuid)};
    int64_t placed = 0, changed;
    enum ks_db_error err = KS_DB_OK;
    if (waiting > 0)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_PLACE_PAYING, key, 1, &placed);
    if (err == KS_DB_OK && placed > 0)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_PLACED_PAYING, key, 1, &changed);
    /* Those left, when the order was cancelled unpaid: the attendant's work in a basket never
     * paid (a paid order with none waiting runs none of these statements). */
    if (err == KS_DB_OK && waiting > placed)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_UNPAID_PAYING, key, 1, &changed);
    int64_t added = (int64_t)stored_now + placed;
    if (err == KS_DB_OK && added > 0) {
        const ks_backend_value last[] = {TEXT(order_uuid), INT(added)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_ADD_STAFF_MONTHS, last, 2, &changed);
    }
    return err;
}

enum ks_db_error ks_backend_paying_place(ks_backend_store *store, const char *order_uuid)
{
    const ks_backend_value key[] = {TEXT(order_uuid)};
    json_t *locked = NULL;
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_LOCK_PAYING, key, 1, &locked);
    json_decref(locked);
    /* This decision waits (stored just before): the order, if stored, takes it. */
    return err == KS_DB_OK ? ks_backend_paying_take(store, order_uuid, 0, 1) : err;
}

/* One aged decision (uuid) of order_uuid, marked lost under its order's lock; changed counts it. */
struct lose {
    const char *uuid, *order_uuid; /* borrowed */
    int64_t changed;
};

static enum ks_db_error lose_locked(ks_backend_store *store, void *args)
{
    struct lose *x = args;
    const ks_backend_value order[] = {TEXT(x->order_uuid)}, decision[] = {TEXT(x->uuid)};
    json_t *locked = NULL;
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_LOCK_PAYING, order, 1, &locked);
    json_decref(locked);
    x->changed = 0;
    return err == KS_DB_OK ? store->driver->exec(store->conn, KS_BACKEND_SQL_PAYING_LOSE, decision,
                                                 1, &x->changed)
                           : err;
}

enum ks_db_error ks_backend_paying_age(ks_backend_store *store, int64_t now, int64_t *aged)
{
    if (aged)
        *aged = 0;
    const ks_backend_value args[] = {INT(now - KS_BACKEND_PAYING_GRACE_S),
                                     INT(KS_BACKEND_PAYING_AGE_BATCH)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_PAYING_AGED, args, 2, &rows);
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        if (err != KS_DB_OK)
            break;
        struct lose x = {ks_backend_row_text(row, "uuid"), ks_backend_row_text(row, "order_uuid"),
                         0};
        err = ks_backend_in_transaction(store, lose_locked, &x);
        if (err == KS_DB_OK && aged)
            *aged += x.changed;
    }
    json_decref(rows);
    return err;
}

/* A decision taken while paying, kept until its order takes it (now, when it is stored). */
static enum ks_db_error keep_paying(ks_backend_store *store, const ks_staff_action *a,
                                    const char *store_id)
{
    ks_backend_value row[3 + KS_BACKEND_INTERVENTION_VALUES] = {TEXT(a->uuid), TEXT(a->order_uuid),
                                                                TEXT(store_id)};
    ks_backend_intervention_values(&a->intervention, row + 3);
    int64_t changed;
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_PAYING, row,
                                               sizeof row / sizeof row[0], &changed);
    return err == KS_DB_OK ? ks_backend_paying_place(store, a->order_uuid) : err;
}

static enum ks_db_error add_locked(ks_backend_store *store, void *args)
{
    struct add *x = args;
    const ks_staff_action *a = x->a;
    const char *action = ks_staff_action_name(a->kind);
    const ks_backend_value row[] = {
        TEXT(a->uuid),
        TEXT(x->store_id),
        TEXT(x->kiosk_id),
        TEXT(a->business_date),
        TEXT(ks_staff_action_who(a)),
        TEXT(action),
        INT(a->at),
        INT(x->now),
        TEXT(x->body),
    };
    int64_t changed = 0;
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_STAFF_ACTION, row,
                                               sizeof row / sizeof row[0], &changed);
    if (err == KS_DB_OK && changed == 1) {
        x->result = KS_STAFF_ACTION_STORED;
        char audit_action[48], after[160];
        const char *target;
        snprintf(audit_action, sizeof audit_action, "staff.%s", action);
        summary(a, &target, after, sizeof after);
        const ks_backend_actor kiosk = {x->kiosk_id, x->role};
        err = ks_backend_audit_write(store, &kiosk, audit_action, x->store_id, target, "", after,
                                     x->now);
        return err == KS_DB_OK && a->kind == KS_STAFF_ACTION_PAYING
                   ? keep_paying(store, a, x->store_id)
                   : err;
    }
    if (err != KS_DB_OK)
        return err;
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(a->uuid)};
    err = ks_backend_query_once(store, KS_BACKEND_SQL_STAFF_ACTION, key, 1, &rows);
    json_t *found = err == KS_DB_OK ? json_array_get(rows, 0) : NULL;
    if (err == KS_DB_OK && !found)
        err = KS_DB_ERR_INTERNAL; /* not inserted, yet not there */
    if (found)
        x->result = strcmp(ks_backend_row_text(found, "kiosk_id"), x->kiosk_id) == 0 &&
                            strcmp(ks_backend_row_text(found, "action_json"), x->body) == 0
                        ? KS_STAFF_ACTION_DUPLICATE
                        : KS_STAFF_ACTION_CONFLICT;
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_staff_action(ks_backend_store *store, const ks_staff_action *a,
                                               const char *kiosk_id, const char *device_role,
                                               const char *store_id, const char *body, size_t len,
                                               int64_t now, enum ks_staff_action_result *result)
{
    char *text = ks_backend_text_copy(body, len);
    if (!text)
        return KS_DB_ERR_NO_MEMORY;
    struct add x = {a, kiosk_id, device_role, store_id, text, now, KS_STAFF_ACTION_STORED};
    enum ks_db_error err = ks_backend_in_transaction(store, add_locked, &x);
    *result = x.result;
    free(text);
    return err;
}

enum ks_db_error ks_backend_store_staff_actions(ks_backend_store *store,
                                                const ks_backend_staff_action_query *q,
                                                const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {TEXT(q->from), TEXT(q->to),   TEXT(q->store), TEXT(q->staff),
                                     TEXT(q->kind), INT(q->limit), INT(q->offset)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_STAFF_ACTIONS, args,
                                 sizeof args / sizeof args[0], sink);
}
