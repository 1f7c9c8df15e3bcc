/*
 * Stock reservations: see kiosk/backend/backend_reservation.h. A new hold
 * locks the stock rows of what it takes in item order (ks_backend_stock_takes
 * sorts them), as sales and refunds do, so no two transactions wait on each
 * other in a circle; a confirmation locks the reservation's row first,
 * then the stock rows in item order (its holds by item); no other
 * transaction holds stock rows while it waits for a reservation's row.
 */
#define LOG_TAG "backend_reservation"
#include "kiosk/backend/backend_reservation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_channel_sale.h"
#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

/* The stored reservation id at now (its row, NULL when none) into *row, owned by *rows. */
static enum ks_db_error find(ks_backend_store *store, const char *id, int64_t now, json_t **rows,
                             json_t **row)
{
    const ks_backend_value key[] = {TEXT(id), INT(now)};
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_RESERVATION, key, 2, rows);
    *row = json_array_get(*rows, 0);
    return err;
}

/* The view of reservation id: row's columns (a stored reservation), lines and holds (stolen). */
static json_t *view_of(const char *id, json_t *row, json_t *lines, json_t *holds)
{
    return json_pack("{s:s, s:O, s:O, s:O, s:O, s:O, s:o, s:o}", "reservation_id", id, "store_id",
                     json_object_get(row, "store_id"), "state", json_object_get(row, "state"),
                     "created_at", json_object_get(row, "created_at"), "expires_at",
                     json_object_get(row, "expires_at"), "ended_at",
                     json_object_get(row, "ended_at"), "lines", lines, "holds", holds);
}

/* The view of the stored reservation id, whose row is row, into *view. */
static enum ks_db_error stored_view(ks_backend_store *store, const char *id, json_t *row,
                                    json_t **view)
{
    json_t *lines = NULL, *holds = NULL;
    const ks_backend_value key[] = {TEXT(id)};
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_RESERVATION_LINES, key, 1, &lines);
    if (err == KS_DB_OK)
        err = ks_backend_query_once(store, KS_BACKEND_SQL_RESERVATION_HOLDS, key, 1, &holds);
    /* json_pack steals lines and holds, even when it fails. */
    if (err == KS_DB_OK && !(*view = view_of(id, row, lines, holds)))
        err = KS_DB_ERR_NO_MEMORY;
    else if (err != KS_DB_OK) {
        json_decref(lines);
        json_decref(holds);
    }
    return err;
}

/* True when the stored lines (by item_id) are req's. */
static bool same_lines(json_t *lines, const ks_reservation_request *req)
{
    if (json_array_size(lines) != req->n_lines)
        return false;
    for (size_t i = 0; i < req->n_lines; i++) {
        json_t *line = json_array_get(lines, i);
        if (strcmp(ks_backend_row_text(line, "item_id"), req->lines[i].item_id) != 0 ||
            ks_backend_row_int(line, "quantity") != req->lines[i].quantity)
            return false;
    }
    return true;
}

/* A request under a stored id: a repeat when channel, store, hold and lines are the same. */
static enum ks_db_error repeat(ks_backend_store *store, const char *channel,
                               const ks_reservation_request *req, json_t *row,
                               enum ks_reservation_result *result, json_t **view)
{
    *result = KS_RESERVATION_CONFLICT;
    if (strcmp(ks_backend_row_text(row, "channel"), channel) != 0 ||
        strcmp(ks_backend_row_text(row, "store_id"), req->store_id) != 0 ||
        ks_backend_row_int(row, "expires_at") - ks_backend_row_int(row, "created_at") !=
            req->hold_seconds)
        return KS_DB_OK;
    json_t *found = NULL;
    enum ks_db_error err = stored_view(store, req->reservation_id, row, &found);
    if (err == KS_DB_OK && same_lines(json_object_get(found, "lines"), req)) {
        *result = KS_RESERVATION_REPEAT;
        *view = found;
    } else {
        json_decref(found);
    }
    return err;
}

/*
 * Checks take (of req's lines, backend_store_driver.h) at store_id at now
 * with its stock row locked: when the item is tracked there, sets it in
 * tracked, and appends {item_id, quantity, available} to short_lines when
 * it would take stock below the floor.
 */
static enum ks_db_error check_take(ks_backend_store *store, const char *store_id,
                                   const ks_stock_take *take, int64_t now, json_t *tracked,
                                   json_t *short_lines)
{
    json_t *stock = NULL, *held = NULL;
    const ks_backend_value key[] = {TEXT(store_id), TEXT(take->item_id), INT(now)};
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_STOCK_HOLD, key, 2, &stock);
    json_t *level = json_array_get(stock, 0);
    if (err == KS_DB_OK && level)
        err = ks_backend_query_once(store, KS_BACKEND_SQL_STOCK_RESERVED, key, 3, &held);
    if (err == KS_DB_OK && level && json_object_set_new(tracked, take->item_id, json_true()) != 0)
        err = KS_DB_ERR_NO_MEMORY;
    int64_t available = ks_backend_row_int(level, "on_hand") -
                        ks_backend_row_int(json_array_get(held, 0), "reserved") -
                        ks_backend_row_int(level, "sold_out_at");
    if (err == KS_DB_OK && level && take->quantity > available) {
        json_t *entry = json_pack("{s:s, s:I, s:I}", "item_id", take->item_id, "quantity",
                                  (json_int_t)take->quantity, "available",
                                  (json_int_t)(available > 0 ? available : 0));
        /* json_array_append_new frees entry when it fails. */
        if (!entry || json_array_append_new(short_lines, entry) != 0)
            err = KS_DB_ERR_NO_MEMORY;
    }
    json_decref(stock);
    json_decref(held);
    return err;
}

/*
 * Appends to untracked the item of each of req's lines of which nothing
 * is tracked at the store (tracked: the ids that are): neither the item
 * nor an ingredient of its recipe (takes->recipes).
 */
static enum ks_db_error untracked_lines(const ks_reservation_request *req,
                                        const ks_stock_takes *takes, json_t *tracked,
                                        json_t *untracked)
{
    for (size_t i = 0; i < req->n_lines; i++) {
        bool counted = json_object_get(tracked, req->lines[i].item_id) != NULL;
        size_t k;
        json_t *row;
        json_array_foreach (json_array_get(takes->recipes, i), k, row) {
            counted = counted ||
                      json_object_get(tracked, ks_backend_row_text(row, "ingredient_id")) != NULL;
        }
        if (!counted && json_array_append_new(untracked, json_string(req->lines[i].item_id)) != 0)
            return KS_DB_ERR_NO_MEMORY;
    }
    return KS_DB_OK;
}

/* The new reservation's rows (its lines, and the takes of tracked items as its holds), its view. */
static enum ks_db_error insert(ks_backend_store *store, const char *channel,
                               const ks_reservation_request *req, const ks_stock_takes *takes,
                               json_t *tracked, int64_t now, json_t **view)
{
    int64_t changed;
    const ks_backend_value row[] = {TEXT(req->reservation_id), TEXT(channel), TEXT(req->store_id),
                                    INT(now), INT(now + req->hold_seconds)};
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_RESERVATION, row, 5, &changed);
    for (size_t i = 0; err == KS_DB_OK && i < req->n_lines; i++) {
        const ks_backend_value line[] = {TEXT(req->reservation_id), TEXT(req->lines[i].item_id),
                                         INT(req->lines[i].quantity)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_RESERVATION_LINE, line, 3,
                                  &changed);
    }
    for (size_t i = 0; err == KS_DB_OK && i < takes->n; i++) {
        if (!json_object_get(tracked, takes->take[i].item_id))
            continue;
        const ks_backend_value hold[] = {TEXT(req->reservation_id), TEXT(takes->take[i].item_id),
                                         INT(takes->take[i].quantity)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_RESERVATION_HOLD, hold, 3,
                                  &changed);
    }
    json_t *rows = NULL, *found = NULL;
    if (err == KS_DB_OK)
        err = find(store, req->reservation_id, now, &rows, &found);
    if (err == KS_DB_OK)
        err = stored_view(store, req->reservation_id, found, view);
    json_decref(rows);
    return err;
}

/*
 * The reservation's checks and rows, inside the transaction. The stored id
 * is looked for once the stock rows are locked: a request sent twice at
 * once finds the first's hold there, not a shortage it caused.
 */
struct reserve_args {
    const char *channel;
    const ks_reservation_request *req;
    int64_t now;
    enum ks_reservation_result *result;
    json_t **view; /* NULL before the first attempt; an earlier attempt's is dropped */
};

static enum ks_db_error reserve_in(ks_backend_store *store, void *args)
{
    const struct reserve_args *a = args;
    const char *channel = a->channel;
    const ks_reservation_request *req = a->req;
    int64_t now = a->now;
    enum ks_reservation_result *result = a->result;
    json_t **view = a->view;
    *result = KS_RESERVATION_DONE;
    json_decref(*view);
    *view = NULL;
    /* What a kiosk's sale of the lines would take away now: the items and their ingredients. */
    ks_stock_line lines[KS_RESERVATION_LINES_MAX];
    for (size_t i = 0; i < req->n_lines; i++)
        lines[i] =
            (ks_stock_line){req->lines[i].item_id, req->lines[i].quantity, req->lines[i].by_weight};
    ks_stock_takes takes;
    json_t *untracked = json_array(), *short_lines = json_array(), *tracked = json_object(),
           *rows = NULL, *row = NULL;
    enum ks_db_error err = ks_backend_stock_takes(store, lines, req->n_lines, &takes);
    if (err == KS_DB_OK && !(untracked && short_lines && tracked))
        err = KS_DB_ERR_NO_MEMORY;
    for (size_t i = 0; err == KS_DB_OK && i < takes.n; i++)
        err = check_take(store, req->store_id, &takes.take[i], now, tracked, short_lines);
    if (err == KS_DB_OK)
        err = untracked_lines(req, &takes, tracked, untracked);
    if (err == KS_DB_OK)
        err = find(store, req->reservation_id, now, &rows, &row);
    if (err == KS_DB_OK && row) {
        err = repeat(store, channel, req, row, result, view);
    } else if (err == KS_DB_OK && json_array_size(untracked) > 0) {
        *result = KS_RESERVATION_UNTRACKED;
        *view = json_incref(untracked);
    } else if (err == KS_DB_OK && json_array_size(short_lines) > 0) {
        *result = KS_RESERVATION_SHORT;
        *view = json_incref(short_lines);
    } else if (err == KS_DB_OK) {
        err = insert(store, channel, req, &takes, tracked, now, view);
    }
    ks_stock_takes_free(&takes);
    json_decref(rows);
    json_decref(untracked);
    json_decref(short_lines);
    json_decref(tracked);
    return err;
}

enum ks_db_error ks_backend_store_reserve(ks_backend_store *store, const char *channel,
                                          const ks_reservation_request *req, int64_t now,
                                          enum ks_reservation_result *result, json_t **view)
{
    struct reserve_args args = {channel, req, now, result, view};
    *view = NULL;
    enum ks_db_error err = ks_backend_in_transaction(store, reserve_in, &args);
    /* The same id sent twice at once (PostgreSQL): the second insert waited for the first and
     * failed on its key, and now finds it. */
    if (err == KS_DB_ERR_CONSTRAINT)
        err = ks_backend_in_transaction(store, reserve_in, &args);
    if (err != KS_DB_OK) {
        json_decref(*view);
        *view = NULL;
    }
    return err;
}

/*
 * Takes what the reservation holds (its holds, by item: its lines' items
 * and their ingredients as they were when it was made) away from its
 * store's stock: the sale.
 */
static enum ks_db_error sell(ks_backend_store *store, const char *channel, const char *id,
                             const char *store_id, int64_t now)
{
    json_t *holds = NULL;
    const ks_backend_value key[] = {TEXT(id)};
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_RESERVATION_HOLDS, key, 1, &holds);
    size_t i;
    json_t *hold;
    json_array_foreach (holds, i, hold) {
        if (err == KS_DB_OK)
            err = ks_backend_stock_move(store, store_id, ks_backend_row_text(hold, "item_id"),
                                        -ks_backend_row_int(hold, "quantity"), "sale", channel, id,
                                        now, NULL);
    }
    json_decref(holds);
    return err;
}

/* "lines=cola:3,fries:1" of a reservation's lines into out (cut at size): its audit summary. */
static void lines_summary(json_t *lines, char *out, size_t size)
{
    size_t used = (size_t)snprintf(out, size, "lines=");
    size_t i;
    json_t *line;
    json_array_foreach (lines, i, line) {
        if (used < size)
            used += (size_t)snprintf(out + used, size - used, "%s%s:%lld", i ? "," : "",
                                     ks_backend_row_text(line, "item_id"),
                                     (long long)ks_backend_row_int(line, "quantity"));
    }
}

/*
 * The audit row of a reservation ended by its channel (confirmed: sold,
 * with what it was sold for when sale is priced; released: freed), the
 * channel as actor, in the caller's transaction.
 */
static enum ks_db_error audit_end(ks_backend_store *store, const char *channel, const char *id,
                                  const char *store_id, const char *next, json_t *lines,
                                  const ks_reservation_sale *sale, int64_t now)
{
    const ks_backend_actor actor = {channel, "channel"};
    char after[KS_AUDIT_SUMMARY_MAX + 1];
    size_t used = (size_t)snprintf(after, sizeof after, "%s ", next);
    if (sale && sale->priced && used < sizeof after)
        used += (size_t)snprintf(after + used, sizeof after - used, "total=%lld %s ",
                                 (long long)sale->total, ks_channel_paid_by_name(sale->paid_by));
    if (used < sizeof after)
        lines_summary(lines, after + used, sizeof after - used);
    return ks_backend_audit_write(store, &actor,
                                  strcmp(next, "confirmed") == 0 ? "reservation.confirm"
                                                                 : "reservation.release",
                                  store_id, id, "reserved", after, now);
}

/*
 * What end does to a reservation in state: *next the state it leaves
 * behind. Ending it twice the same way is a repeat, and so is releasing a
 * hold that expired.
 */
static enum ks_reservation_result outcome(enum ks_reservation_end end, const char *state,
                                          const char **next)
{
    const char *wanted = end == KS_RESERVATION_CONFIRM ? "confirmed" : "released";
    *next = state;
    if (strcmp(state, "reserved") == 0) {
        *next = wanted;
        return KS_RESERVATION_DONE;
    }
    if (strcmp(state, wanted) == 0 ||
        (end == KS_RESERVATION_RELEASE && strcmp(state, "expired") == 0))
        return KS_RESERVATION_REPEAT;
    return KS_RESERVATION_ENDED;
}

/*
 * Checks a confirmation's sale (priced or not) against reservation id,
 * whose lines are lines, in state result (DONE: reserved, REPEAT:
 * confirmed before): MISMATCH when its lines are not the reservation's,
 * OTHER_SALE when a repeat carries another sale than the stored one.
 */
static enum ks_db_error check_sale(ks_backend_store *store, const char *id, json_t *lines,
                                   const ks_reservation_sale *sale,
                                   enum ks_reservation_result *result)
{
    const char *item_ids[KS_RESERVATION_LINES_MAX];
    int64_t quantities[KS_RESERVATION_LINES_MAX];
    size_t n = json_array_size(lines) < KS_RESERVATION_LINES_MAX ? json_array_size(lines)
                                                                 : KS_RESERVATION_LINES_MAX;
    for (size_t i = 0; i < n; i++) {
        item_ids[i] = ks_backend_row_text(json_array_get(lines, i), "item_id");
        quantities[i] = ks_backend_row_int(json_array_get(lines, i), "quantity");
    }
    if (sale->priced && !ks_reservation_sale_matches(sale, item_ids, quantities, n)) {
        *result = KS_RESERVATION_MISMATCH;
        return KS_DB_OK;
    }
    if (*result != KS_RESERVATION_REPEAT)
        return KS_DB_OK;
    ks_reservation_sale *stored = malloc(sizeof *stored);
    if (!stored)
        return KS_DB_ERR_NO_MEMORY;
    enum ks_db_error err = ks_backend_channel_sale_stored(store, id, stored);
    if (err == KS_DB_OK && !ks_reservation_sale_same(stored, sale))
        *result = KS_RESERVATION_OTHER_SALE;
    free(stored);
    return err;
}

struct end_args {
    const char *channel, *id;
    enum ks_reservation_end end;
    const ks_reservation_sale *sale; /* the confirmation's, never NULL (not priced: none) */
    int64_t now;
    enum ks_reservation_result *result;
    json_t **view; /* NULL before the first attempt; an earlier attempt's is dropped */
};

static enum ks_db_error end_in(ks_backend_store *store, void *args)
{
    const struct end_args *a = args;
    const char *channel = a->channel, *id = a->id;
    enum ks_reservation_end end = a->end;
    int64_t now = a->now;
    enum ks_reservation_result *result = a->result;
    json_t **view = a->view;
    json_decref(*view);
    *view = NULL;
    json_t *rows = NULL, *row;
    enum ks_db_error err = find(store, id, now, &rows, &row);
    if (err != KS_DB_OK || !row || strcmp(ks_backend_row_text(row, "channel"), channel) != 0) {
        *result = KS_RESERVATION_NOT_FOUND;
        json_decref(rows);
        return err;
    }
    const char *state = ks_backend_row_text(row, "state"), *next;
    *result = outcome(end, state, &next);
    bool expired_now = strcmp(state, "expired") == 0 && ks_backend_row_int(row, "ended_at") == 0;
    int64_t at = *result == KS_RESERVATION_DONE ? now : ks_backend_row_int(row, "expires_at");
    json_t *lines = NULL;
    const ks_backend_value key[] = {TEXT(id)};
    if (end == KS_RESERVATION_CONFIRM &&
        (*result == KS_RESERVATION_DONE || *result == KS_RESERVATION_REPEAT)) {
        err = ks_backend_query_once(store, KS_BACKEND_SQL_RESERVATION_LINES, key, 1, &lines);
        if (err == KS_DB_OK)
            err = check_sale(store, id, lines, a->sale, result);
        if (err != KS_DB_OK || *result == KS_RESERVATION_MISMATCH ||
            *result == KS_RESERVATION_OTHER_SALE) {
            json_decref(lines);
            json_decref(rows);
            return err;
        }
    }
    if (*result == KS_RESERVATION_DONE) {
        if (!lines)
            err = ks_backend_query_once(store, KS_BACKEND_SQL_RESERVATION_LINES, key, 1, &lines);
        if (err == KS_DB_OK && end == KS_RESERVATION_CONFIRM)
            err = sell(store, channel, id, ks_backend_row_text(row, "store_id"), now);
        if (err == KS_DB_OK && end == KS_RESERVATION_CONFIRM && a->sale->priced)
            err = ks_backend_channel_sale_insert(
                store, channel, id, ks_backend_row_text(row, "store_id"), a->sale, now);
        if (err == KS_DB_OK)
            err = audit_end(store, channel, id, ks_backend_row_text(row, "store_id"), next, lines,
                            end == KS_RESERVATION_CONFIRM ? a->sale : NULL, now);
    }
    json_decref(lines);
    /* A hold past its time is written expired when first touched; the sums already ignore it. */
    if (err == KS_DB_OK && (*result == KS_RESERVATION_DONE || expired_now)) {
        const ks_backend_value change[] = {TEXT(id), TEXT(next), INT(at)};
        int64_t changed;
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_END_RESERVATION, change, 3, &changed);
        json_t *updated = NULL;
        if (err == KS_DB_OK &&
            !(updated = json_pack("{s:s, s:I}", "state", next, "ended_at", (json_int_t)at)))
            err = KS_DB_ERR_NO_MEMORY;
        if (err == KS_DB_OK && json_object_update(row, updated) != 0)
            err = KS_DB_ERR_NO_MEMORY;
        json_decref(updated);
    }
    if (err == KS_DB_OK)
        err = stored_view(store, id, row, view);
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_reservation_end(ks_backend_store *store, const char *channel,
                                                  const char *id, enum ks_reservation_end end,
                                                  const ks_reservation_sale *sale, int64_t now,
                                                  enum ks_reservation_result *result, json_t **view)
{
    static const ks_reservation_sale unpriced;
    struct end_args args = {
        channel, id,     end, sale && end == KS_RESERVATION_CONFIRM ? sale : &unpriced,
        now,     result, view};
    *view = NULL;
    enum ks_db_error err = ks_backend_in_transaction(store, end_in, &args);
    if (err != KS_DB_OK) {
        json_decref(*view);
        *view = NULL;
    }
    if (err == KS_DB_OK && *result == KS_RESERVATION_DONE)
        LOG_INFO("reservation %s of %s %s", id, channel,
                 end == KS_RESERVATION_CONFIRM ? "confirmed" : "released");
    return err;
}

static enum ks_db_error read_once(ks_backend_store *store, const char *channel, const char *id,
                                  int64_t now, enum ks_reservation_result *result, json_t **view)
{
    *view = NULL;
    json_t *rows = NULL, *row;
    enum ks_db_error err = find(store, id, now, &rows, &row);
    *result = row && strcmp(ks_backend_row_text(row, "channel"), channel) == 0
                  ? KS_RESERVATION_DONE
                  : KS_RESERVATION_NOT_FOUND;
    if (err == KS_DB_OK && *result == KS_RESERVATION_DONE)
        err = stored_view(store, id, row, view);
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_reservation(ks_backend_store *store, const char *channel,
                                              const char *id, int64_t now,
                                              enum ks_reservation_result *result, json_t **view)
{
    enum ks_db_error err = read_once(store, channel, id, now, result, view);
    if (ks_backend_may_retry(store, err))
        err = read_once(store, channel, id, now, result, view);
    return err;
}
