/*
 * Stock in the backend's database: see kiosk/backend/backend_stock.h. The
 * moves of a sale or a refund are summed per item and applied in item
 * order, so that two transactions on PostgreSQL lock the same rows in the
 * same order and never deadlock.
 */
#define LOG_TAG "backend_stock"
#include "kiosk/backend/backend_stock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_recipe.h"
#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

static int by_item(const void *a, const void *b)
{
    return strcmp(((const ks_stock_take *)a)->item_id, ((const ks_stock_take *)b)->item_id);
}

/* Sorts moves[*n] by item and sums each item's into one; *n becomes the number of items. */
static void sum_by_item(ks_stock_take *moves, size_t *n)
{
    if (*n == 0)
        return;
    qsort(moves, *n, sizeof *moves, by_item);
    size_t out = 0;
    for (size_t i = 1; i < *n; i++) {
        if (strcmp(moves[i].item_id, moves[out].item_id) == 0)
            moves[out].quantity += moves[i].quantity;
        else
            moves[++out] = moves[i];
    }
    *n = out + 1;
}

enum ks_db_error ks_backend_stock_move(ks_backend_store *store, const char *store_id,
                                       const char *item_id, int64_t delta, const char *reason,
                                       const char *person, const char *ref, int64_t at,
                                       int64_t *on_hand)
{
    const ks_backend_value key[] = {TEXT(store_id), TEXT(item_id), INT(delta)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_STOCK_APPLY, key, 3, &rows);
    json_t *level = json_object_get(json_array_get(rows, 0), "on_hand");
    int64_t after = json_integer_value(level);
    bool tracked = level != NULL;
    json_decref(rows);
    if (err != KS_DB_OK || !tracked)
        return err;
    if (on_hand)
        *on_hand = after;
    if (after < 0 && delta < 0)
        LOG_WARN("stock of %s at %s below zero: %lld after %s %s", item_id, store_id,
                 (long long)after, reason, ref);
    const ks_backend_value row[] = {TEXT(store_id), TEXT(item_id), INT(delta), INT(after),
                                    TEXT(reason),   TEXT(person),  TEXT(ref),  INT(at)};
    int64_t changed;
    return store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_STOCK_MOVE, row,
                               sizeof row / sizeof row[0], &changed);
}

/* Applies moves[n] (summed by item) at store_id, each times sign. */
static enum ks_db_error apply(ks_backend_store *store, const char *store_id, ks_stock_take *moves,
                              size_t n, int sign, const char *reason, const char *person,
                              const char *ref, int64_t at)
{
    sum_by_item(moves, &n);
    enum ks_db_error err = KS_DB_OK;
    for (size_t i = 0; err == KS_DB_OK && i < n; i++)
        err = ks_backend_stock_move(store, store_id, moves[i].item_id, sign * moves[i].quantity,
                                    reason, person, ref, at, NULL);
    return err;
}

/*
 * Adds to t->take what line consumes, the item itself and its recipe's
 * ingredients, and the recipe's rows to t->recipes (which owns their ids).
 */
static enum ks_db_error add_line(ks_backend_store *store, const ks_stock_line *line,
                                 ks_stock_takes *t)
{
    t->take[t->n++] = (ks_stock_take){line->item_id, line->quantity};
    json_t *recipe = NULL;
    const ks_backend_value key[] = {TEXT(line->item_id)};
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_RECIPE, key, 1, &recipe);
    if (err != KS_DB_OK)
        return err;
    if (json_array_append_new(t->recipes, recipe) != 0)
        return KS_DB_ERR_NO_MEMORY;
    if (json_array_size(recipe) > KS_RECIPE_INGREDIENTS_MAX)
        return KS_DB_ERR_INTERNAL;
    size_t i;
    json_t *row;
    json_array_foreach (recipe, i, row) {
        const char *ingredient = json_string_value(json_object_get(row, "ingredient_id"));
        int64_t per = json_integer_value(json_object_get(row, "quantity"));
        if (!ingredient)
            return KS_DB_ERR_INTERNAL;
        t->take[t->n++] =
            (ks_stock_take){ingredient, ks_recipe_consumed(line->quantity, line->by_weight, per)};
    }
    return KS_DB_OK;
}

enum ks_db_error ks_backend_stock_takes(ks_backend_store *store, const ks_stock_line *lines,
                                        size_t n, ks_stock_takes *out)
{
    *out =
        (ks_stock_takes){.take = calloc(n * (1 + KS_RECIPE_INGREDIENTS_MAX) + 1, sizeof *out->take),
                         .recipes = json_array()};
    enum ks_db_error err = out->take && out->recipes ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
    for (size_t i = 0; err == KS_DB_OK && i < n; i++)
        err = add_line(store, &lines[i], out);
    if (err == KS_DB_OK)
        sum_by_item(out->take, &out->n);
    else
        ks_stock_takes_free(out);
    return err;
}

void ks_stock_takes_free(ks_stock_takes *t)
{
    if (!t)
        return;
    free(t->take);
    json_decref(t->recipes);
    *t = (ks_stock_takes){0};
}

enum ks_db_error ks_backend_stock_sell(ks_backend_store *store, const ks_order *o)
{
    ks_stock_line *lines = calloc(o->n_lines + 1, sizeof *lines);
    if (!lines)
        return KS_DB_ERR_NO_MEMORY;
    for (size_t i = 0; i < o->n_lines; i++)
        lines[i] = (ks_stock_line){o->lines[i].item_id, o->lines[i].quantity,
                                   o->lines[i].unit == KS_UNIT_KG};
    ks_stock_takes takes;
    enum ks_db_error err = ks_backend_stock_takes(store, lines, o->n_lines, &takes);
    if (err == KS_DB_OK)
        err = apply(store, o->store_id, takes.take, takes.n, -1, "sale", o->kiosk_id, o->uuid,
                    o->created_at);
    ks_stock_takes_free(&takes);
    free(lines);
    return err;
}

enum ks_db_error ks_backend_stock_return(ks_backend_store *store, const ks_backend_refund *r,
                                         const char *kiosk_id)
{
    json_t *lines = NULL;
    const ks_backend_value key[] = {TEXT(r->order_uuid)};
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_ORDER_LINES, key, 1, &lines);
    if (err != KS_DB_OK)
        return err;
    ks_stock_take moves[KS_REFUND_LINES_MAX];
    size_t n = 0;
    const char *store_id = NULL;
    for (size_t i = 0; i < r->n_lines; i++) {
        size_t index;
        json_t *line;
        json_array_foreach (lines, index, line) {
            if (json_integer_value(json_object_get(line, "line_no")) != r->lines[i].line_no)
                continue;
            int64_t sold = json_integer_value(json_object_get(line, "quantity"));
            const char *item = json_string_value(json_object_get(line, "item_id"));
            store_id = json_string_value(json_object_get(line, "store_id"));
            if (item && store_id)
                moves[n++] = (ks_stock_take){
                    item, r->lines[i].quantity < sold ? r->lines[i].quantity : sold};
            break;
        }
    }
    if (n > 0)
        err = apply(store, store_id, moves, n, 1, "refund", kiosk_id, r->refund_id, r->at);
    json_decref(lines);
    return err;
}

/* The level of item_id at store_id into *on_hand (0 when untracked). */
static enum ks_db_error level(ks_backend_store *store, const char *store_id, const char *item_id,
                              int64_t *on_hand)
{
    const ks_backend_value key[] = {TEXT(store_id), TEXT(item_id)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_STOCK_LEVEL, key, 2, &rows);
    *on_hand = json_integer_value(json_object_get(json_array_get(rows, 0), "on_hand"));
    json_decref(rows);
    return err;
}

struct adjust_args {
    const ks_stock_adjustment *adj;
    const char *text;
    int64_t now;
    const ks_backend_actor *actor;
    enum ks_stock_result *result;
    int64_t *on_hand;
};

/* The adjustment's checks and moves, inside the transaction (ks_backend_in_transaction). */
static enum ks_db_error adjust_in(ks_backend_store *store, void *args)
{
    const struct adjust_args *a = args;
    const ks_stock_adjustment *adj = a->adj;
    const char *text = a->text;
    int64_t now = a->now, *on_hand = a->on_hand;
    enum ks_stock_result *result = a->result;
    *result = KS_STOCK_CREATED;
    *on_hand = 0;
    json_t *stored = NULL;
    const ks_backend_value request[] = {TEXT(adj->request_id), TEXT(text), INT(now)};
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_STOCK_REQUEST_BODY, request, 1, &stored);
    const char *body =
        json_string_value(json_object_get(json_array_get(stored, 0), "request_json"));
    if (err == KS_DB_OK && body)
        *result = strcmp(body, text) == 0 ? KS_STOCK_DUPLICATE : KS_STOCK_CONFLICT;
    json_decref(stored);
    int64_t changed;
    const ks_backend_value key[] = {TEXT(adj->store_id), TEXT(adj->item_id)};
    if (err == KS_DB_OK && *result == KS_STOCK_CREATED)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_STOCK_TRACK, key, 2, &changed);
    if (err == KS_DB_OK)
        err = level(store, adj->store_id, adj->item_id, on_hand);
    if (err != KS_DB_OK || *result != KS_STOCK_CREATED)
        return err;
    int64_t delta = adj->kind == KS_STOCK_RECEIVED ? adj->quantity
                    : adj->kind == KS_STOCK_WASTE  ? -adj->quantity
                                                   : adj->quantity - *on_hand;
    char before[48], after[96];
    snprintf(before, sizeof before, "on_hand=%lld", (long long)*on_hand);
    err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_STOCK_REQUEST, request, 3, &changed);
    if (err == KS_DB_OK)
        err = ks_backend_stock_move(store, adj->store_id, adj->item_id, delta,
                                    ks_stock_kind_name(adj->kind), adj->person, adj->request_id,
                                    now, on_hand);
    snprintf(after, sizeof after, "on_hand=%lld %s %lld", (long long)*on_hand,
             ks_stock_kind_name(adj->kind), (long long)adj->quantity);
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "stock.adjust", adj->store_id,
                                                    adj->item_id, before, after, now)
                           : err;
}

enum ks_db_error ks_backend_store_stock_adjust(ks_backend_store *store,
                                               const ks_stock_adjustment *adj, const char *json,
                                               size_t len, int64_t now,
                                               const ks_backend_actor *actor,
                                               enum ks_stock_result *result, int64_t *on_hand)
{
    char *text = ks_backend_text_copy(json, len);
    if (!text)
        return KS_DB_ERR_NO_MEMORY;
    struct adjust_args args = {adj, text, now, actor, result, on_hand};
    enum ks_db_error err = ks_backend_in_transaction(store, adjust_in, &args);
    free(text);
    return err;
}

enum ks_db_error ks_backend_store_stock_levels(ks_backend_store *store, const char *store_id,
                                               int64_t now, json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id), INT(now)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_STOCK_LEVELS, args, 2, rows);
}

enum ks_db_error ks_backend_store_stock_moves(ks_backend_store *store, const char *store_id,
                                              const char *item_id, int limit, json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id), TEXT(item_id), INT(limit)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_STOCK_MOVES, args, 3, rows);
}

/* The recipe's rows, inside the transaction. */
/* Appends " id:quantity" to out[cap] (used so far in *used), while it fits. */
static void summary_add(char *out, size_t cap, size_t *used, const char *id, int64_t quantity)
{
    if (*used < cap)
        *used += (size_t)snprintf(out + *used, cap - *used, "%s%s:%lld", *used ? " " : "", id,
                                  (long long)quantity);
}

struct recipe_args {
    const ks_recipe *recipe;
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error put_recipe_in(ks_backend_store *store, void *args)
{
    const struct recipe_args *a = args;
    const ks_recipe *r = a->recipe;
    int64_t changed;
    const ks_backend_value key[] = {TEXT(r->item_id)};
    char before[KS_AUDIT_SUMMARY_MAX + 1] = "", after[KS_AUDIT_SUMMARY_MAX + 1] = "";
    size_t used = 0;
    json_t *old = NULL, *row;
    size_t i;
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_RECIPE, key, 1, &old);
    json_array_foreach (old, i, row)
        summary_add(before, sizeof before, &used,
                    json_string_value(json_object_get(row, "ingredient_id")),
                    json_integer_value(json_object_get(row, "quantity")));
    json_decref(old);
    if (err == KS_DB_OK)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_RECIPE, key, 1, &changed);
    used = 0;
    for (i = 0; err == KS_DB_OK && i < r->n_ingredients; i++) {
        const ks_backend_value line[] = {TEXT(r->item_id), TEXT(r->ingredients[i].item_id),
                                         INT(r->ingredients[i].quantity)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_RECIPE, line, 3, &changed);
        summary_add(after, sizeof after, &used, r->ingredients[i].item_id,
                    r->ingredients[i].quantity);
    }
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "recipe.put", "", r->item_id,
                                                    before, after, a->now)
                           : err;
}

enum ks_db_error ks_backend_store_put_recipe(ks_backend_store *store, const ks_recipe *r,
                                             const ks_backend_actor *actor, int64_t now)
{
    struct recipe_args args = {r, actor, now};
    return ks_backend_in_transaction(store, put_recipe_in, &args);
}

enum ks_db_error ks_backend_store_recipes(ks_backend_store *store, json_t **rows)
{
    return ks_backend_query_rows(store, KS_BACKEND_SQL_RECIPES, NULL, 0, rows);
}

struct threshold_args {
    const ks_stock_threshold *threshold;
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error set_low_in(ks_backend_store *store, void *args)
{
    const struct threshold_args *a = args;
    const ks_stock_threshold *t = a->threshold;
    const ks_backend_value key[] = {TEXT(t->store_id), TEXT(t->item_id)};
    const ks_backend_value row[] = {TEXT(t->store_id), TEXT(t->item_id), INT(t->low_at),
                                    INT(t->sold_out_at)};
    json_t *old = NULL;
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_STOCK_LIMITS, key, 2, &old);
    json_t *was = json_array_get(old, 0);
    char before[64] = "untracked", after[64];
    if (was)
        snprintf(before, sizeof before, "low_at=%lld sold_out_at=%lld",
                 (long long)json_integer_value(json_object_get(was, "low_at")),
                 (long long)json_integer_value(json_object_get(was, "sold_out_at")));
    json_decref(old);
    snprintf(after, sizeof after, "low_at=%lld sold_out_at=%lld", (long long)t->low_at,
             (long long)t->sold_out_at);
    int64_t changed;
    if (err == KS_DB_OK)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_STOCK_SET_LOW, row, 4, &changed);
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "stock.threshold", t->store_id,
                                                    t->item_id, before, after, a->now)
                           : err;
}

enum ks_db_error ks_backend_store_stock_set_low(ks_backend_store *store,
                                                const ks_stock_threshold *t,
                                                const ks_backend_actor *actor, int64_t now)
{
    struct threshold_args args = {t, actor, now};
    return ks_backend_in_transaction(store, set_low_in, &args);
}

enum ks_db_error ks_backend_store_stock_soldout(ks_backend_store *store, const char *store_id,
                                                int64_t now, json_t **items)
{
    *items = NULL;
    json_t *rows = NULL, *out = json_array();
    const ks_backend_value args[] = {TEXT(store_id), INT(now)};
    enum ks_db_error err =
        out ? ks_backend_query_rows(store, KS_BACKEND_SQL_STOCK_SOLDOUT, args, 2, &rows)
            : KS_DB_ERR_NO_MEMORY;
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        if (err == KS_DB_OK && json_array_append(out, json_object_get(row, "item_id")) != 0)
            err = KS_DB_ERR_NO_MEMORY;
    }
    json_decref(rows);
    if (err == KS_DB_OK)
        *items = out;
    else
        json_decref(out);
    return err;
}

enum ks_db_error ks_backend_store_stock_alerts(ks_backend_store *store, const char *store_id,
                                               json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_STOCK_ALERTS, args, 1, rows);
}

/* Adds to out the suggestion of one row {item_id, on_hand, sold} when it is above 0. */
static enum ks_db_error add_suggestion(json_t *out, json_t *row, const ks_reorder_params *p)
{
    int64_t on_hand = json_integer_value(json_object_get(row, "on_hand")),
            sold = json_integer_value(json_object_get(row, "sold"));
    ks_reorder r = ks_reorder_compute(p, sold, on_hand);
    if (r.suggestion <= 0)
        return KS_DB_OK;
    json_t *item =
        json_pack("{s:O, s:I, s:I, s:I, s:I, s:I, s:I}", "item_id", json_object_get(row, "item_id"),
                  "on_hand", (json_int_t)on_hand, "sold", (json_int_t)sold, "rate_milli",
                  (json_int_t)r.rate_milli, "reorder_point", (json_int_t)r.reorder_point,
                  "order_up_to", (json_int_t)r.order_up_to, "suggestion", (json_int_t)r.suggestion);
    return item && json_array_append_new(out, item) == 0 ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}

enum ks_db_error ks_backend_store_stock_reorder(ks_backend_store *store, const char *store_id,
                                                const ks_reorder_params *p, int64_t now,
                                                json_t **rows)
{
    *rows = NULL;
    json_t *sold = NULL, *out = json_array();
    const ks_backend_value args[] = {TEXT(store_id), INT(now - (int64_t)p->days * 86400), INT(now)};
    enum ks_db_error err =
        out ? ks_backend_query_rows(store, KS_BACKEND_SQL_STOCK_SOLD, args, 3, &sold)
            : KS_DB_ERR_NO_MEMORY;
    size_t i;
    json_t *row;
    json_array_foreach (sold, i, row) {
        if (err == KS_DB_OK)
            err = add_suggestion(out, row, p);
    }
    json_decref(sold);
    if (err == KS_DB_OK)
        *rows = out;
    else
        json_decref(out);
    return err;
}
