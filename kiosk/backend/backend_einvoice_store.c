/* The e-invoice archive in the database: see kiosk/backend/backend_einvoice_store.h. */
#include "kiosk/backend/backend_einvoice_store.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/einvoice/einvoice.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

/* The text of row's column name, "" when it has none. */
static const char *text_of(const json_t *row, const char *name)
{
    const char *text = json_string_value(json_object_get(row, name));
    return text ? text : "";
}

struct archive {
    const ks_einvoice_copy *copy;
    int64_t now;
    enum ks_einvoice_archive_result result;
};

static enum ks_db_error archive_locked(ks_backend_store *store, void *arg)
{
    struct archive *a = arg;
    const ks_einvoice_copy *c = a->copy;
    const ks_einvoice_facts *f = c->facts;
    const ks_backend_value values[] = {
        TEXT(f->uuid),   TEXT(c->store_id), TEXT(c->device_id), TEXT(c->order_uuid),
        TEXT(f->number), INT(f->kind),      INT(f->icv),        TEXT(f->pih),
        TEXT(f->hash),   TEXT(f->issued),   INT(f->payable),    INT(a->now),
        TEXT(c->xml),
    };
    int64_t changed = 0;
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_EINVOICE_INSERT, values,
                                               sizeof values / sizeof values[0], &changed);
    if (err != KS_DB_OK || changed == 1) {
        a->result = KS_EINVOICE_ARCHIVED;
        return err;
    }
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(f->uuid)};
    err = ks_backend_query_once(store, KS_BACKEND_SQL_EINVOICE_STORED, key, 1, &rows);
    json_t *row = err == KS_DB_OK ? json_array_get(rows, 0) : NULL;
    if (err == KS_DB_OK && !row)
        err = KS_DB_ERR_INTERNAL; /* not inserted, yet not there */
    if (row) {
        bool same = strcmp(text_of(row, "hash"), f->hash) == 0 &&
                    strcmp(text_of(row, "store_id"), c->store_id) == 0 &&
                    strcmp(text_of(row, "device_id"), c->device_id) == 0;
        a->result = same ? KS_EINVOICE_DUPLICATE : KS_EINVOICE_CONFLICT;
    }
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_einvoice_archive(ks_backend_store *store,
                                                   const ks_einvoice_copy *copy, int64_t now,
                                                   enum ks_einvoice_archive_result *result)
{
    struct archive a = {.copy = copy, .now = now};
    enum ks_db_error err = ks_backend_in_transaction(store, archive_locked, &a);
    *result = a.result;
    return err;
}

enum ks_db_error ks_backend_store_einvoices(ks_backend_store *store, const char *store_id,
                                            const char *device_id, const char *from, const char *to,
                                            int64_t limit, json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id), TEXT(device_id), TEXT(from), TEXT(to),
                                     INT(limit)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_EINVOICES, args,
                                 sizeof args / sizeof args[0], rows);
}

enum ks_db_error ks_backend_store_einvoice_chains(ks_backend_store *store, const char *store_id,
                                                  const char *device_id, json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id), TEXT(device_id), TEXT(KS_EINVOICE_FIRST_PIH)};
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_EINVOICE_CHAINS, args,
                                                 sizeof args / sizeof args[0], rows);
    size_t i;
    json_t *row;
    json_array_foreach (err == KS_DB_OK ? *rows : NULL, i, row) {
        json_int_t damaged = json_integer_value(json_object_get(row, "forks")) +
                             json_integer_value(json_object_get(row, "breaks"));
        const char *status = damaged > 0 ? "broken"
                             : json_integer_value(json_object_get(row, "missing")) > 0
                                 ? "incomplete"
                                 : "whole";
        if (json_object_set_new(row, "status", json_string(status)) != 0)
            err = KS_DB_ERR_NO_MEMORY;
    }
    return err;
}

enum ks_db_error ks_backend_store_einvoice_xml(ks_backend_store *store, const char *store_id,
                                               const char *uuid, json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id), TEXT(uuid)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_EINVOICE_XML, args, 2, rows);
}

enum ks_db_error ks_backend_store_einvoice_of_order(ks_backend_store *store, const char *store_id,
                                                    const char *order_uuid, char *number,
                                                    size_t cap)
{
    number[0] = '\0';
    const ks_backend_value args[] = {TEXT(store_id), TEXT(order_uuid)};
    json_t *rows = NULL;
    enum ks_db_error err =
        ks_backend_query_rows(store, KS_BACKEND_SQL_EINVOICE_OF_ORDER, args, 2, &rows);
    const char *found = json_string_value(json_object_get(json_array_get(rows, 0), "number"));
    if (err == KS_DB_OK && !found)
        err = KS_DB_ERR_NOT_FOUND;
    if (found)
        snprintf(number, cap, "%s", found);
    json_decref(rows);
    return err;
}
