/* Refund requests in the database: see kiosk/backend/backend_refund_request_store.h. */
#define LOG_TAG "backend_refund_request"
#include "kiosk/backend/backend_refund_request_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

/* The role a kiosk's changes are audited under. */
#define KIOSK_ROLE "kiosk"

static const char *text_of(json_t *row, const char *column)
{
    const char *text = json_string_value(json_object_get(row, column));
    return text ? text : "";
}

static int64_t int_of(json_t *row, const char *column)
{
    return json_integer_value(json_object_get(row, column));
}

/* The request request_id's row into *rows (empty when none), locked until the transaction ends. */
static enum ks_db_error request_row(ks_backend_store *store, const char *request_id, json_t **rows)
{
    const ks_backend_value key[] = {TEXT(request_id)};
    return ks_backend_query_once(store, KS_BACKEND_SQL_REFUND_REQUEST, key, 1, rows);
}

/*
 * Each asked line against what is left of the order's line (lines: the
 * order's, by line_no); the first line at fault into *out.
 */
static void check_lines(const ks_backend_refund_request *req, json_t *lines,
                        ks_refund_request_outcome *out)
{
    for (size_t i = 0; i < req->n_lines; i++) {
        json_t *found = NULL, *line;
        size_t j;
        json_array_foreach (lines, j, line) {
            if (int_of(line, "line_no") == req->lines[i].line_no)
                found = line;
        }
        out->line = i;
        if (!found) {
            out->result = KS_REFUND_REQUEST_NO_LINE;
            return;
        }
        out->sold = int_of(found, "sold");
        out->taken = int_of(found, "refunded") + int_of(found, "asked");
        if (req->lines[i].quantity > out->sold - out->taken) {
            out->result = KS_REFUND_REQUEST_TOO_MUCH;
            return;
        }
    }
    out->line = 0;
}

struct add {
    const ks_backend_refund_request *req;
    const char *text; /* the body as received */
    const ks_backend_person *person;
    const ks_backend_actor *actor;
    int64_t now;
    ks_refund_request_outcome *out;
};

/* The checks in the documented order, up to the first refusal; *store_id, *kiosk_id copied. */
static enum ks_db_error check_request(ks_backend_store *store, const struct add *a,
                                      char store_id[KS_DEVICE_ID_MAX + 1],
                                      char kiosk_id[KS_DEVICE_ID_MAX + 1])
{
    const ks_backend_value order_key[] = {TEXT(a->req->order_uuid)};
    json_t *orders = NULL, *stored = NULL, *lines = NULL;
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_REQUEST_ORDER, order_key, 1, &orders);
    json_t *order = json_array_get(orders, 0);
    if (err == KS_DB_OK && !order)
        a->out->result = KS_REFUND_REQUEST_NO_ORDER;
    else if (err == KS_DB_OK && (strlen(text_of(order, "store_id")) > KS_DEVICE_ID_MAX ||
                                 strlen(text_of(order, "kiosk_id")) > KS_DEVICE_ID_MAX))
        err = KS_DB_ERR_INTERNAL;
    else if (err == KS_DB_OK && !ks_backend_person_has_store(a->person, text_of(order, "store_id")))
        a->out->result = KS_REFUND_REQUEST_OTHER_STORE;
    if (err == KS_DB_OK && a->out->result == KS_REFUND_REQUEST_CREATED) {
        snprintf(store_id, KS_DEVICE_ID_MAX + 1, "%s", text_of(order, "store_id"));
        snprintf(kiosk_id, KS_DEVICE_ID_MAX + 1, "%s", text_of(order, "kiosk_id"));
        err = request_row(store, a->req->request_id, &stored);
    }
    json_t *earlier = json_array_get(stored, 0);
    if (err == KS_DB_OK && earlier)
        a->out->result = strcmp(text_of(earlier, "request_json"), a->text) == 0
                             ? KS_REFUND_REQUEST_DUPLICATE
                             : KS_REFUND_REQUEST_CONFLICT;
    else if (err == KS_DB_OK && a->out->result == KS_REFUND_REQUEST_CREATED &&
             int_of(order, "cancelled"))
        a->out->result = KS_REFUND_REQUEST_CANCELLED;
    if (err == KS_DB_OK && a->out->result == KS_REFUND_REQUEST_CREATED)
        err = ks_backend_query_once(store, KS_BACKEND_SQL_REQUEST_LINES_LEFT, order_key, 1, &lines);
    if (err == KS_DB_OK && a->out->result == KS_REFUND_REQUEST_CREATED)
        check_lines(a->req, lines, a->out);
    json_decref(lines);
    json_decref(stored);
    json_decref(orders);
    return err;
}

/* The request's summary for the audit log: "order=<uuid> lines=0x2,3x1 reason=<reason>". */
static void request_summary(const ks_backend_refund_request *req, char *out, size_t cap)
{
    size_t used = (size_t)snprintf(out, cap, "order=%s lines=", req->order_uuid);
    for (size_t i = 0; i < req->n_lines && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%dx%d", i ? "," : "",
                                 (int)req->lines[i].line_no, (int)req->lines[i].quantity);
    if (used < cap)
        snprintf(out + used, cap - used, " reason=%s", req->reason);
}

static enum ks_db_error add_in(ks_backend_store *store, void *args)
{
    const struct add *a = args;
    const ks_backend_refund_request *r = a->req;
    *a->out = (ks_refund_request_outcome){.result = KS_REFUND_REQUEST_CREATED};
    char store_id[KS_DEVICE_ID_MAX + 1] = "", kiosk_id[KS_DEVICE_ID_MAX + 1] = "";
    enum ks_db_error err = check_request(store, a, store_id, kiosk_id);
    if (err != KS_DB_OK || a->out->result != KS_REFUND_REQUEST_CREATED)
        return err;
    const ks_backend_value row[] = {TEXT(r->request_id),  TEXT(r->order_uuid), TEXT(store_id),
                                    TEXT(kiosk_id),       TEXT(r->reason),     TEXT(a->text),
                                    TEXT(a->actor->name), INT(a->now)};
    int64_t changed = 0;
    err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_REFUND_REQUEST, row,
                              sizeof row / sizeof row[0], &changed);
    for (size_t i = 0; err == KS_DB_OK && i < r->n_lines; i++) {
        const ks_backend_value line[] = {TEXT(r->request_id), INT(r->lines[i].line_no),
                                         INT(r->lines[i].quantity)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_REFUND_REQUEST_LINE, line,
                                  sizeof line / sizeof line[0], &changed);
    }
    char after[KS_AUDIT_SUMMARY_MAX + 1];
    request_summary(r, after, sizeof after);
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "refund_request.create",
                                                    store_id, r->request_id, "", after, a->now)
                           : err;
}

enum ks_db_error ks_backend_store_add_refund_request(ks_backend_store *store,
                                                     const ks_backend_refund_request *req,
                                                     const char *json, size_t len,
                                                     const ks_backend_person *person,
                                                     const ks_backend_actor *actor, int64_t now,
                                                     ks_refund_request_outcome *out)
{
    char *text = ks_backend_text_copy(json, len);
    if (!text)
        return KS_DB_ERR_NO_MEMORY;
    struct add args = {req, text, person, actor, now, out};
    enum ks_db_error err = ks_backend_in_transaction(store, add_in, &args);
    free(text);
    return err;
}

/* The lines of rows' requests (line rows of request_id, line_no, quantity) put into each. */
static enum ks_db_error attach_lines(json_t *rows, json_t *lines)
{
    json_t *by_id = json_object();
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        json_t *list = json_array();
        if (!by_id || !list || json_object_set(by_id, text_of(row, "request_id"), list) != 0 ||
            json_object_set_new(row, "lines", list) != 0) {
            json_decref(by_id);
            return KS_DB_ERR_NO_MEMORY;
        }
    }
    enum ks_db_error err = KS_DB_OK;
    json_array_foreach (lines, i, row) {
        /* A request stored between the two reads has no row here: its lines are left out. */
        json_t *list = json_object_get(by_id, text_of(row, "request_id"));
        if (list && json_array_append_new(
                        list, json_pack("{s:I, s:I}", "line_no", (json_int_t)int_of(row, "line_no"),
                                        "quantity", (json_int_t)int_of(row, "quantity"))) != 0)
            err = KS_DB_ERR_NO_MEMORY;
    }
    json_decref(by_id);
    return err;
}

enum ks_db_error ks_backend_store_refund_requests(ks_backend_store *store, const char *store_id,
                                                  const char *kiosk_id, bool open_only, int limit,
                                                  json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id), TEXT(kiosk_id), INT(open_only ? 1 : 0),
                                     INT(limit)};
    json_t *lines = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_REFUND_REQUESTS, args,
                                                 sizeof args / sizeof args[0], rows);
    if (err == KS_DB_OK)
        err = ks_backend_query_rows(store, KS_BACKEND_SQL_REFUND_REQUEST_LINES, args,
                                    sizeof args / sizeof args[0], &lines);
    if (err == KS_DB_OK)
        err = attach_lines(*rows, lines);
    json_decref(lines);
    if (err != KS_DB_OK) {
        json_decref(*rows);
        *rows = NULL;
    }
    return err;
}

/* The open request (its row) settled as status with reason and refund at now, and audited. */
static enum ks_db_error settle(ks_backend_store *store, json_t *request, const char *request_id,
                               const char *status, const char *reason, const char *refund_id,
                               const char *kiosk_id, int64_t now)
{
    const ks_backend_value row[] = {TEXT(request_id), TEXT(status), TEXT(reason), TEXT(refund_id),
                                    INT(now)};
    int64_t changed = 0;
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_SETTLE_REFUND_REQUEST,
                                               row, sizeof row / sizeof row[0], &changed);
    if (err == KS_DB_OK && changed != 1)
        err = KS_DB_ERR_INTERNAL;
    char action[48], after[KS_AUDIT_SUMMARY_MAX + 1];
    snprintf(action, sizeof action, "refund_request.%s", status);
    if (refund_id[0])
        snprintf(after, sizeof after, "%s refund=%s", status, refund_id);
    else
        snprintf(after, sizeof after, "%s reason=%s", status, reason);
    const ks_backend_actor kiosk = {kiosk_id, KIOSK_ROLE};
    return err == KS_DB_OK
               ? ks_backend_audit_write(store, &kiosk, action, text_of(request, "store_id"),
                                        request_id, "requested", after, now)
               : err;
}

struct refusal {
    const char *request_id, *kiosk_id, *reason;
    int64_t now;
    enum ks_refund_refusal_result *result;
};

static enum ks_db_error refuse_in(ks_backend_store *store, void *args)
{
    const struct refusal *a = args;
    *a->result = KS_REFUND_REFUSAL_STORED;
    json_t *rows = NULL;
    enum ks_db_error err = request_row(store, a->request_id, &rows);
    json_t *request = json_array_get(rows, 0);
    const char *status = text_of(request, "status");
    if (err == KS_DB_OK && !request)
        *a->result = KS_REFUND_REFUSAL_NOT_FOUND;
    else if (err == KS_DB_OK && strcmp(text_of(request, "kiosk_id"), a->kiosk_id) != 0)
        *a->result = KS_REFUND_REFUSAL_OTHER_KIOSK;
    else if (err == KS_DB_OK && strcmp(status, "refused") == 0)
        *a->result = KS_REFUND_REFUSAL_DUPLICATE;
    else if (err == KS_DB_OK && strcmp(status, "requested") != 0)
        *a->result = KS_REFUND_REFUSAL_DONE;
    else if (err == KS_DB_OK)
        err = settle(store, request, a->request_id, "refused", a->reason, "", a->kiosk_id, a->now);
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_refuse_refund_request(ks_backend_store *store,
                                                        const char *request_id,
                                                        const char *kiosk_id, const char *reason,
                                                        int64_t now,
                                                        enum ks_refund_refusal_result *result)
{
    struct refusal args = {request_id, kiosk_id, reason, now, result};
    return ks_backend_in_transaction(store, refuse_in, &args);
}

enum ks_db_error ks_backend_refund_request_settle(ks_backend_store *store, const char *request_id,
                                                  const char *uuid, const char *refund_id,
                                                  const char *kiosk_id, int64_t now)
{
    json_t *rows = NULL;
    enum ks_db_error err = request_row(store, request_id, &rows);
    json_t *request = json_array_get(rows, 0);
    if (err == KS_DB_OK && (!request || strcmp(text_of(request, "order_uuid"), uuid) != 0 ||
                            strcmp(text_of(request, "kiosk_id"), kiosk_id) != 0))
        LOG_WARN("refund %s of order %s names request %s of another order, or none", refund_id,
                 uuid, request_id);
    else if (err == KS_DB_OK && strcmp(text_of(request, "status"), "requested") != 0)
        LOG_WARN("refund %s carries out request %s, already %s (refund %s)", refund_id, request_id,
                 text_of(request, "status"), text_of(request, "refund_id"));
    else if (err == KS_DB_OK)
        err = settle(store, request, request_id, "done", "", refund_id, kiosk_id, now);
    json_decref(rows);
    return err;
}
