/* Orders, order numbers and status history on disk: see kiosk/store/order_store.h. */
#define LOG_TAG "order_store"
#include "kiosk/store/order_store.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/order_number.h"

static const char sql_find_number[] = "SELECT number FROM orders WHERE uuid = ?";

/* The number given to the latest order of the store's day (no row: none yet). */
static const char sql_last_number[] =
    "SELECT last_number FROM order_counters WHERE store_id = ? AND business_date = ?";
static const char sql_number_taken[] =
    "SELECT count(*) FROM orders WHERE store_id = ? AND business_date = ? AND number = ?";
static const char sql_set_last_number[] =
    "INSERT INTO order_counters (store_id, business_date, last_number) VALUES (?, ?, ?)\n"
    "ON CONFLICT (store_id, business_date) DO UPDATE SET last_number = excluded.last_number";

static const char sql_insert_order[] =
    "INSERT INTO orders (uuid, store_id, kiosk_id, business_date, number, service, status,\n"
    "    lang, currency, exponent, prices_include_tax, menu_version, subtotal, discount,\n"
    "    total_net, total_vat, total, created_at, updated_at, receipt_token)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_insert_line[] =
    "INSERT INTO order_lines (order_uuid, line_no, item_id, category_id, name_ar, name_en,\n"
    "    unit, quantity, unit_price, note, vat_rate_bp, discount, net, vat, gross,\n"
    "    promo_note_ar, promo_note_en, vat_category, vat_exemption)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_insert_detail[] =
    "INSERT INTO order_line_details (order_uuid, line_no, detail_no, kind, detail_id,\n"
    "    name_ar, name_en, price_delta, depth, category_id)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_insert_vat[] =
    "INSERT INTO order_vat (order_uuid, rate_bp, taxable, vat) VALUES (?, ?, ?, ?)";

static const char sql_insert_event[] =
    "INSERT INTO order_events (order_uuid, from_status, to_status, at) VALUES (?, ?, ?, ?)";

static const char sql_insert_intervention[] =
    "INSERT INTO order_interventions (order_uuid, seq, need, decision, staff, raised_at,\n"
    "    decided_at, void_item, void_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_load_interventions[] =
    "SELECT seq, need, decision, staff, raised_at, decided_at, void_item, void_amount\n"
    "FROM order_interventions WHERE order_uuid = ? ORDER BY seq";

static const char sql_load_order[] =
    "SELECT uuid, store_id, kiosk_id, business_date, number, service, status, lang, currency,\n"
    "    exponent, prices_include_tax, menu_version, subtotal, discount, total_net, total_vat,\n"
    "    total, created_at, updated_at, receipt_token\n"
    "FROM orders WHERE uuid = ?";

static const char sql_load_lines[] =
    "SELECT line_no, item_id, category_id, name_ar, name_en, unit, quantity, unit_price, note,\n"
    "    vat_rate_bp, discount, net, vat, gross, promo_note_ar, promo_note_en, vat_category,\n"
    "    vat_exemption\n"
    "FROM order_lines WHERE order_uuid = ? ORDER BY line_no";

static const char sql_load_details[] =
    "SELECT line_no, detail_no, kind, detail_id, name_ar, name_en, price_delta, depth,\n"
    "    category_id\n"
    "FROM order_line_details WHERE order_uuid = ? ORDER BY line_no, detail_no";

static const char sql_load_vat[] =
    "SELECT rate_bp, taxable, vat FROM order_vat WHERE order_uuid = ? ORDER BY rate_bp";

static const char sql_status[] = "SELECT status FROM orders WHERE uuid = ?";

static const char sql_by_number[] =
    "SELECT uuid FROM orders WHERE business_date = ? AND number = ? ORDER BY created_at DESC";
static const char sql_by_token[] = "SELECT uuid FROM orders WHERE receipt_token = ?";
static const char sql_set_status[] = "UPDATE orders SET status = ?, updated_at = ? WHERE uuid = ?";

static const char sql_events[] =
    "SELECT from_status, to_status, at FROM order_events WHERE order_uuid = ? ORDER BY id\n"
    "LIMIT ?";

static const char sql_recent[] =
    "SELECT uuid, number, business_date, service, status, total, created_at\n"
    "FROM orders ORDER BY created_at DESC, rowid DESC LIMIT ?";

/* Storage names of the enums the domain does not name itself. */
static const char *const lang_names[] = {[KS_LANG_AR] = "ar", [KS_LANG_EN] = "en"};
static const char *const unit_names[] = {[KS_UNIT_EACH] = "each", [KS_UNIT_KG] = "kg"};
static const char *const detail_kind_names[] = {
    [KS_DETAIL_MODIFIER] = "modifier",
    [KS_DETAIL_COMBO_ITEM] = "combo_item",
    [KS_DETAIL_SIZE] = "size",
};
#define NAME_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static bool in_range(int value, int count)
{
    return value >= 0 && value < count;
}

static bool line_ok(const ks_order_line *line)
{
    if (!ks_db_text_ok(line->item_id, 64) || line->quantity <= 0 ||
        !in_range((int)line->unit, NAME_COUNT(unit_names)) ||
        (line->n_details > 0 && !line->details))
        return false;
    for (size_t i = 0; i < line->n_details; i++) {
        const ks_order_detail *detail = &line->details[i];
        if (!in_range((int)detail->kind, NAME_COUNT(detail_kind_names)) || detail->depth < 0)
            return false;
    }
    return true;
}

static bool order_ok(const ks_order *order)
{
    if (!order || !ks_uuid_ok(order->uuid) || !ks_db_text_ok(order->store_id, 32) ||
        !ks_db_text_ok(order->kiosk_id, 32) || !ks_business_date_ok(order->business_date) ||
        strnlen(order->currency, sizeof order->currency) != 3 ||
        strnlen(order->menu_version, sizeof order->menu_version) == sizeof order->menu_version ||
        !in_range((int)order->service, 2) || !in_range((int)order->status, KS_ORDER_STATUS_COUNT) ||
        !in_range((int)order->lang, NAME_COUNT(lang_names)) || order->n_lines == 0 ||
        (order->receipt_token[0] && !ks_receipt_token_ok(order->receipt_token)) || !order->lines ||
        (order->n_vat > 0 && !order->vat))
        return false;
    for (size_t i = 0; i < order->n_lines; i++)
        if (!line_ok(&order->lines[i]))
            return false;
    if (order->n_interventions > KS_ORDER_MAX_INTERVENTIONS ||
        (order->n_interventions && !order->interventions))
        return false;
    for (size_t i = 0; i < order->n_interventions; i++)
        if (!ks_intervention_ok(&order->interventions[i], INT64_MAX, INT64_MAX, NULL))
            return false;
    return ks_order_totals_consistent(order);
}

static enum ks_db_error insert_event(ks_db *db, const char *uuid, const enum ks_order_status *from,
                                     enum ks_order_status to, int64_t at)
{
    ks_db_binder b = ks_db_bind(db, sql_insert_event);
    ks_db_bind_text(&b, uuid);
    if (from)
        ks_db_bind_text(&b, ks_order_status_name(*from));
    else
        ks_db_bind_null(&b);
    ks_db_bind_text(&b, ks_order_status_name(to));
    ks_db_bind_int(&b, at);
    return ks_db_exec(db, &b);
}

static enum ks_db_error insert_order_row(ks_db *db, const ks_order *o, int32_t number)
{
    ks_db_binder b = ks_db_bind(db, sql_insert_order);
    ks_db_bind_text(&b, o->uuid);
    ks_db_bind_text(&b, o->store_id);
    ks_db_bind_text(&b, o->kiosk_id);
    ks_db_bind_text(&b, o->business_date);
    ks_db_bind_int(&b, number);
    ks_db_bind_text(&b, ks_service_name(o->service));
    ks_db_bind_text(&b, ks_order_status_name(o->status));
    ks_db_bind_text(&b, lang_names[o->lang]);
    ks_db_bind_text(&b, o->currency);
    ks_db_bind_int(&b, o->exponent);
    ks_db_bind_int(&b, o->prices_include_tax);
    ks_db_bind_text(&b, o->menu_version);
    ks_db_bind_int(&b, o->subtotal);
    ks_db_bind_int(&b, o->discount);
    ks_db_bind_int(&b, o->total_net);
    ks_db_bind_int(&b, o->total_vat);
    ks_db_bind_int(&b, o->total);
    ks_db_bind_int(&b, o->created_at);
    ks_db_bind_int(&b, o->updated_at);
    ks_db_bind_text(&b, o->receipt_token);
    return ks_db_exec(db, &b);
}

static enum ks_db_error insert_line(ks_db *db, const char *uuid, const ks_order_line *line,
                                    int64_t line_no)
{
    ks_db_binder b = ks_db_bind(db, sql_insert_line);
    ks_db_bind_text(&b, uuid);
    ks_db_bind_int(&b, line_no);
    ks_db_bind_text(&b, line->item_id);
    ks_db_bind_text(&b, line->category_id);
    ks_db_bind_text(&b, line->name_ar);
    ks_db_bind_text(&b, line->name_en);
    ks_db_bind_text(&b, unit_names[line->unit]);
    ks_db_bind_int(&b, line->quantity);
    ks_db_bind_int(&b, line->unit_price);
    ks_db_bind_text(&b, line->note);
    ks_db_bind_int(&b, line->vat_rate_bp);
    ks_db_bind_int(&b, line->discount);
    ks_db_bind_int(&b, line->net);
    ks_db_bind_int(&b, line->vat);
    ks_db_bind_int(&b, line->gross);
    ks_db_bind_text(&b, line->promo_note_ar);
    ks_db_bind_text(&b, line->promo_note_en);
    ks_vat_treatment vat = ks_order_line_vat(line);
    char category[2] = {vat.category, '\0'};
    ks_db_bind_text(&b, category);
    ks_db_bind_text(&b, vat.exemption);
    enum ks_db_error err = ks_db_exec(db, &b);
    for (size_t i = 0; err == KS_DB_OK && i < line->n_details; i++) {
        const ks_order_detail *detail = &line->details[i];
        b = ks_db_bind(db, sql_insert_detail);
        ks_db_bind_text(&b, uuid);
        ks_db_bind_int(&b, line_no);
        ks_db_bind_int(&b, (int64_t)i);
        ks_db_bind_text(&b, detail_kind_names[detail->kind]);
        ks_db_bind_text(&b, detail->id);
        ks_db_bind_text(&b, detail->name_ar);
        ks_db_bind_text(&b, detail->name_en);
        ks_db_bind_int(&b, detail->price_delta);
        ks_db_bind_int(&b, detail->depth);
        ks_db_bind_text(&b, detail->category_id);
        err = ks_db_exec(db, &b);
    }
    return err;
}

/*
 * The next number of series for the order's store and day, recorded as the
 * day's latest: after the latest if that is one of the series, else the
 * series' first; numbers stored already (written before the series was
 * set, or under another series that day) are passed over.
 */
static enum ks_db_error next_number(ks_db *db, const ks_order *order, int series, int32_t *number)
{
    int64_t last = 0;
    ks_db_binder b = ks_db_bind(db, sql_last_number);
    ks_db_bind_text(&b, order->store_id);
    ks_db_bind_text(&b, order->business_date);
    enum ks_db_error err = ks_db_query_int(db, &b, &last);
    if (err == KS_DB_ERR_NOT_FOUND)
        err = KS_DB_OK;
    if (err != KS_DB_OK)
        return err;
    int64_t n = ks_order_number_sequence(series, last), taken = 1;
    while (err == KS_DB_OK && taken > 0) {
        *number = ks_order_number(series, ++n);
        if (*number == 0) {
            LOG_ERROR("no order numbers left in series %d for %s", series, order->business_date);
            return KS_DB_ERR_INVALID;
        }
        b = ks_db_bind(db, sql_number_taken);
        ks_db_bind_text(&b, order->store_id);
        ks_db_bind_text(&b, order->business_date);
        ks_db_bind_int(&b, *number);
        err = ks_db_query_int(db, &b, &taken);
    }
    if (err != KS_DB_OK)
        return err;
    b = ks_db_bind(db, sql_set_last_number);
    ks_db_bind_text(&b, order->store_id);
    ks_db_bind_text(&b, order->business_date);
    ks_db_bind_int(&b, *number);
    return ks_db_exec(db, &b);
}

/* The whole insert, inside the caller's transaction. */
static enum ks_db_error insert_locked(ks_db *db, const ks_order *order, int series, int32_t *number)
{
    int64_t value = 0;
    ks_db_binder b = ks_db_bind(db, sql_find_number);
    ks_db_bind_text(&b, order->uuid);
    enum ks_db_error err = ks_db_query_int(db, &b, &value);
    if (err == KS_DB_OK) {
        *number = (int32_t)value;
        LOG_INFO("order %s already stored as number %d", order->uuid, *number);
        return KS_DB_OK;
    }
    if (err != KS_DB_ERR_NOT_FOUND)
        return err;

    err = next_number(db, order, series, number);
    if (err != KS_DB_OK)
        return err;

    err = insert_order_row(db, order, *number);
    for (size_t i = 0; err == KS_DB_OK && i < order->n_lines; i++)
        err = insert_line(db, order->uuid, &order->lines[i], (int64_t)i);
    for (size_t i = 0; err == KS_DB_OK && i < order->n_vat; i++) {
        b = ks_db_bind(db, sql_insert_vat);
        ks_db_bind_text(&b, order->uuid);
        ks_db_bind_int(&b, order->vat[i].rate_bp);
        ks_db_bind_int(&b, order->vat[i].taxable);
        ks_db_bind_int(&b, order->vat[i].vat);
        err = ks_db_exec(db, &b);
    }
    for (size_t i = 0; err == KS_DB_OK && i < order->n_interventions; i++) {
        const ks_order_intervention *iv = &order->interventions[i];
        b = ks_db_bind(db, sql_insert_intervention);
        ks_db_bind_text(&b, order->uuid);
        ks_db_bind_int(&b, (int64_t)i);
        ks_db_bind_text(&b, ks_intervention_need_name(iv->need));
        ks_db_bind_text(&b, ks_intervention_decision_name(iv->decision));
        ks_db_bind_text(&b, iv->staff);
        ks_db_bind_int(&b, iv->raised_at);
        ks_db_bind_int(&b, iv->decided_at);
        ks_db_bind_text(&b, iv->void_item);
        ks_db_bind_int(&b, iv->void_amount);
        err = ks_db_exec(db, &b);
    }
    if (err == KS_DB_OK)
        err = insert_event(db, order->uuid, NULL, order->status, order->created_at);
    if (err == KS_DB_ERR_CONSTRAINT)
        LOG_ERROR("order %s contradicts the schema (duplicate VAT rate or bad value)", order->uuid);
    return err;
}

enum ks_db_error ks_order_store_insert(ks_db *db, const ks_order *order, int series,
                                       int32_t *number)
{
    *number = 0;
    if (series < 0 || series > KS_ORDER_SERIES_MAX || !order_ok(order)) {
        LOG_ERROR("refusing to store an order with missing, malformed or inconsistent fields");
        return KS_DB_ERR_INVALID;
    }
    enum ks_db_error err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    err = ks_db_end(db, insert_locked(db, order, series, number));
    if (err != KS_DB_OK)
        *number = 0;
    return err;
}

/* strdup of a text column into *out; false when out of memory. */
static bool dup_column(sqlite3_stmt *stmt, int col, char **out)
{
    *out = strdup(ks_db_column_text(stmt, col));
    return *out != NULL;
}

/* Parses a text column against a table of names. */
static bool name_column(sqlite3_stmt *stmt, int col, const char *const *names, int n, int *out)
{
    return ks_db_parse_name(names, n, ks_db_column_text(stmt, col), out);
}

/*
 * array (of elem-byte slots, *cap of them) grown so that index n fits, new
 * slots zeroed; NULL when out of memory (array is then unchanged).
 */
static void *reserve(void *array, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return array;
    size_t grown = *cap ? *cap * 2 : 8;
    char *p = realloc(array, grown * elem);
    if (!p)
        return NULL;
    memset(p + *cap * elem, 0, (grown - *cap) * elem);
    *cap = grown;
    return p;
}

static enum ks_db_error load_header(sqlite3_stmt *stmt, void *ctx)
{
    ks_order *o = ctx;
    int lang = 0;
    bool ok = ks_db_column_copy(stmt, 0, o->uuid, sizeof o->uuid) &&
              ks_db_column_copy(stmt, 1, o->store_id, sizeof o->store_id) &&
              ks_db_column_copy(stmt, 2, o->kiosk_id, sizeof o->kiosk_id) &&
              ks_db_column_copy(stmt, 3, o->business_date, sizeof o->business_date) &&
              ks_service_parse(ks_db_column_text(stmt, 5), &o->service) &&
              ks_order_status_parse(ks_db_column_text(stmt, 6), &o->status) &&
              name_column(stmt, 7, lang_names, NAME_COUNT(lang_names), &lang) &&
              ks_db_column_copy(stmt, 8, o->currency, sizeof o->currency) &&
              ks_db_column_copy(stmt, 11, o->menu_version, sizeof o->menu_version) &&
              ks_db_column_copy(stmt, 19, o->receipt_token, sizeof o->receipt_token);
    o->number = sqlite3_column_int(stmt, 4);
    o->lang = (enum ks_lang)lang;
    o->exponent = sqlite3_column_int(stmt, 9);
    o->prices_include_tax = sqlite3_column_int(stmt, 10) != 0;
    o->subtotal = sqlite3_column_int64(stmt, 12);
    o->discount = sqlite3_column_int64(stmt, 13);
    o->total_net = sqlite3_column_int64(stmt, 14);
    o->total_vat = sqlite3_column_int64(stmt, 15);
    o->total = sqlite3_column_int64(stmt, 16);
    o->created_at = sqlite3_column_int64(stmt, 17);
    o->updated_at = sqlite3_column_int64(stmt, 18);
    return ok ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

static enum ks_db_error load_line(sqlite3_stmt *stmt, ks_order_line *line)
{
    int unit = 0;
    if (!name_column(stmt, 5, unit_names, NAME_COUNT(unit_names), &unit))
        return KS_DB_ERR_CORRUPT;
    line->unit = (enum ks_unit)unit;
    line->quantity = sqlite3_column_int(stmt, 6);
    line->unit_price = sqlite3_column_int64(stmt, 7);
    line->vat_rate_bp = sqlite3_column_int(stmt, 9);
    line->discount = sqlite3_column_int64(stmt, 10);
    line->net = sqlite3_column_int64(stmt, 11);
    line->vat = sqlite3_column_int64(stmt, 12);
    line->gross = sqlite3_column_int64(stmt, 13);
    const char *category = (const char *)sqlite3_column_text(stmt, 16);
    const char *exemption = (const char *)sqlite3_column_text(stmt, 17);
    if (ks_vat_treatment_make(category, exemption, line->vat_rate_bp, &line->vat_treatment))
        return KS_DB_ERR_CORRUPT;
    bool ok = dup_column(stmt, 1, &line->item_id) && dup_column(stmt, 2, &line->category_id) &&
              dup_column(stmt, 3, &line->name_ar) && dup_column(stmt, 4, &line->name_en) &&
              dup_column(stmt, 8, &line->note) && dup_column(stmt, 14, &line->promo_note_ar) &&
              dup_column(stmt, 15, &line->promo_note_en);
    return ok ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}

static enum ks_db_error load_detail(sqlite3_stmt *stmt, ks_order_detail *detail)
{
    int kind = 0;
    if (!name_column(stmt, 2, detail_kind_names, NAME_COUNT(detail_kind_names), &kind))
        return KS_DB_ERR_CORRUPT;
    detail->kind = (enum ks_order_detail_kind)kind;
    detail->price_delta = sqlite3_column_int64(stmt, 6);
    detail->depth = sqlite3_column_int(stmt, 7);
    bool ok = dup_column(stmt, 3, &detail->id) && dup_column(stmt, 4, &detail->name_ar) &&
              dup_column(stmt, 5, &detail->name_en) && dup_column(stmt, 8, &detail->category_id);
    return ok ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
}

/* Runs sql, whose one parameter is the order's uuid, calling row for each result row. */
static enum ks_db_error query_order(ks_db *db, const char *sql, const char *uuid, ks_db_row_fn row,
                                    void *ctx, size_t *rows)
{
    ks_db_binder b = ks_db_bind(db, sql);
    ks_db_bind_text(&b, uuid);
    return ks_db_query(db, &b, row, ctx, rows);
}

/* An order being loaded, and the capacity of the array its rows are appended to. */
struct grow_ctx {
    ks_order *order;
    size_t cap;
};

static enum ks_db_error add_line(sqlite3_stmt *stmt, void *ctx)
{
    struct grow_ctx *c = ctx;
    ks_order *o = c->order;
    if (sqlite3_column_int64(stmt, 0) != (int64_t)o->n_lines)
        return KS_DB_ERR_CORRUPT;
    ks_order_line *lines = reserve(o->lines, &c->cap, o->n_lines, sizeof *lines);
    if (!lines)
        return KS_DB_ERR_NO_MEMORY;
    o->lines = lines;
    return load_line(stmt, &o->lines[o->n_lines++]);
}

struct details_ctx {
    ks_order *order;
    size_t *caps; /* one per line */
};

static enum ks_db_error add_detail(sqlite3_stmt *stmt, void *ctx)
{
    struct details_ctx *c = ctx;
    int64_t line_no = sqlite3_column_int64(stmt, 0);
    if (line_no < 0 || line_no >= (int64_t)c->order->n_lines)
        return KS_DB_ERR_CORRUPT;
    ks_order_line *line = &c->order->lines[line_no];
    if (sqlite3_column_int64(stmt, 1) != (int64_t)line->n_details)
        return KS_DB_ERR_CORRUPT;
    ks_order_detail *details =
        reserve(line->details, &c->caps[line_no], line->n_details, sizeof *details);
    if (!details)
        return KS_DB_ERR_NO_MEMORY;
    line->details = details;
    return load_detail(stmt, &line->details[line->n_details++]);
}

static enum ks_db_error add_vat(sqlite3_stmt *stmt, void *ctx)
{
    struct grow_ctx *c = ctx;
    ks_order *o = c->order;
    ks_order_vat *vat = reserve(o->vat, &c->cap, o->n_vat, sizeof *vat);
    if (!vat)
        return KS_DB_ERR_NO_MEMORY;
    o->vat = vat;
    o->vat[o->n_vat++] = (ks_order_vat){
        .rate_bp = sqlite3_column_int(stmt, 0),
        .taxable = sqlite3_column_int64(stmt, 1),
        .vat = sqlite3_column_int64(stmt, 2),
    };
    return KS_DB_OK;
}

static enum ks_db_error add_intervention(sqlite3_stmt *stmt, void *ctx)
{
    struct grow_ctx *c = ctx;
    ks_order *o = c->order;
    if (sqlite3_column_int64(stmt, 0) != (int64_t)o->n_interventions)
        return KS_DB_ERR_CORRUPT;
    ks_order_intervention *list =
        reserve(o->interventions, &c->cap, o->n_interventions, sizeof *list);
    if (!list)
        return KS_DB_ERR_NO_MEMORY;
    o->interventions = list;
    ks_order_intervention *iv = &list[o->n_interventions++];
    int need = 0, decision = 0;
    bool ok = name_column(stmt, 1, ks_intervention_need_names, KS_INTERVENTION_NEED_COUNT, &need) &&
              name_column(stmt, 2, ks_intervention_decision_names, KS_INTERVENTION_DECISION_COUNT,
                          &decision) &&
              ks_db_column_copy(stmt, 3, iv->staff, sizeof iv->staff) &&
              ks_db_column_copy(stmt, 6, iv->void_item, sizeof iv->void_item);
    iv->need = (enum ks_intervention_need)need;
    iv->decision = (enum ks_intervention_decision)decision;
    iv->raised_at = sqlite3_column_int64(stmt, 4);
    iv->decided_at = sqlite3_column_int64(stmt, 5);
    iv->void_amount = sqlite3_column_int64(stmt, 7);
    return ok && ks_intervention_ok(iv, INT64_MAX, INT64_MAX, NULL) ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

static enum ks_db_error load_children(ks_db *db, const char *uuid, ks_order *order)
{
    struct grow_ctx lines = {.order = order};
    enum ks_db_error err = query_order(db, sql_load_lines, uuid, add_line, &lines, NULL);
    if (err != KS_DB_OK)
        return err;

    struct details_ctx details = {.order = order};
    details.caps = calloc(order->n_lines + 1, sizeof *details.caps);
    if (!details.caps)
        return KS_DB_ERR_NO_MEMORY;
    err = query_order(db, sql_load_details, uuid, add_detail, &details, NULL);
    free(details.caps);
    if (err != KS_DB_OK)
        return err;

    struct grow_ctx vat = {.order = order};
    err = query_order(db, sql_load_vat, uuid, add_vat, &vat, NULL);
    if (err != KS_DB_OK)
        return err;
    struct grow_ctx interventions = {.order = order};
    return query_order(db, sql_load_interventions, uuid, add_intervention, &interventions, NULL);
}

enum ks_db_error ks_order_store_load(ks_db *db, const char *uuid, ks_order **out)
{
    *out = NULL;
    if (!ks_uuid_ok(uuid))
        return KS_DB_ERR_INVALID;
    ks_order *order = calloc(1, sizeof *order);
    if (!order)
        return KS_DB_ERR_NO_MEMORY;
    /* One read transaction: the order and its children come from the same snapshot. */
    enum ks_db_error err = ks_db_begin_read(db);
    if (err != KS_DB_OK)
        goto error;
    size_t rows = 0;
    err = query_order(db, sql_load_order, uuid, load_header, order, &rows);
    if (err == KS_DB_OK && rows == 0)
        err = KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK)
        err = load_children(db, uuid, order);
    err = ks_db_end(db, err);
    if (err == KS_DB_ERR_CORRUPT)
        LOG_ERROR("order %s holds values this program never writes", uuid);
    if (err != KS_DB_OK)
        goto error;
    *out = order;
    return KS_DB_OK;
error:
    ks_order_free(order);
    return err;
}

static enum ks_db_error parse_status(sqlite3_stmt *stmt, void *ctx)
{
    return ks_order_status_parse(ks_db_column_text(stmt, 0), ctx) ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

enum ks_db_error ks_order_store_status(ks_db *db, const char *uuid, enum ks_order_status *status)
{
    if (!ks_uuid_ok(uuid))
        return KS_DB_ERR_INVALID;
    size_t rows = 0;
    enum ks_db_error err = query_order(db, sql_status, uuid, parse_status, status, &rows);
    if (err == KS_DB_OK && rows == 0)
        err = KS_DB_ERR_NOT_FOUND;
    else if (err == KS_DB_ERR_CORRUPT)
        LOG_ERROR("order %s has a status this program never writes", uuid);
    return err;
}

/* Checks and records a status change, inside the caller's transaction. */
static enum ks_db_error transition_locked(ks_db *db, const char *uuid, enum ks_order_status from,
                                          enum ks_order_status to, int64_t now)
{
    if (!ks_order_can_transition(from, to)) {
        LOG_WARN("order %s: %s -> %s is not allowed", uuid, ks_order_status_name(from),
                 ks_order_status_name(to));
        return KS_DB_ERR_ILLEGAL_TRANSITION;
    }
    ks_db_binder b = ks_db_bind(db, sql_set_status);
    ks_db_bind_text(&b, ks_order_status_name(to));
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, uuid);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err == KS_DB_OK)
        err = insert_event(db, uuid, &from, to, now);
    return err;
}

enum ks_db_error ks_order_store_set_status(ks_db *db, const char *uuid, enum ks_order_status to,
                                           int64_t now)
{
    if (!ks_uuid_ok(uuid))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    return ks_db_end(db, ks_order_store_set_status_locked(db, uuid, to, now));
}

enum ks_db_error ks_order_store_set_status_locked(ks_db *db, const char *uuid,
                                                  enum ks_order_status to, int64_t now)
{
    enum ks_order_status from = KS_ORDER_CREATED;
    enum ks_db_error err = ks_order_store_status(db, uuid, &from);
    return err == KS_DB_OK ? transition_locked(db, uuid, from, to, now) : err;
}

static enum ks_db_error copy_uuid(sqlite3_stmt *stmt, void *ctx)
{
    return ks_db_column_copy(stmt, 0, ctx, 37) ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

/* The first uuid sql (bound in b) answers into uuid. */
static enum ks_db_error find_uuid(ks_db *db, ks_db_binder *b, char uuid[37])
{
    uuid[0] = '\0';
    size_t rows = 0;
    enum ks_db_error err = ks_db_query(db, b, copy_uuid, uuid, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

enum ks_db_error ks_order_store_find_number(ks_db *db, const char *business_date, int32_t number,
                                            char uuid[37])
{
    uuid[0] = '\0';
    if (!ks_business_date_ok(business_date) || number <= 0)
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_by_number);
    ks_db_bind_text(&b, business_date);
    ks_db_bind_int(&b, number);
    return find_uuid(db, &b, uuid);
}

enum ks_db_error ks_order_store_find_token(ks_db *db, const char *token, char uuid[37])
{
    uuid[0] = '\0';
    if (!ks_receipt_token_ok(token))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_by_token);
    ks_db_bind_text(&b, token);
    return find_uuid(db, &b, uuid);
}

/*
 * One transaction: the status per rule, the messages queued, then hook
 * (may be NULL) when the status changed. An order already at `to` under
 * KS_ORDER_RECORD_CHANGE is left as it is, nothing queued.
 */
static enum ks_db_error record(ks_db *db, const char *uuid, enum ks_order_status to,
                               enum ks_order_record rule, int64_t now,
                               const ks_outbox_message *messages, size_t n,
                               const ks_order_paid_hook *hook)
{
    if (!ks_uuid_ok(uuid) || (n > 0 && !messages))
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    enum ks_order_status from = KS_ORDER_CREATED;
    err = ks_order_store_status(db, uuid, &from);
    if (err == KS_DB_OK && rule == KS_ORDER_RECORD_CHANGE && from == to)
        return ks_db_end(db, KS_DB_OK); /* done before: nothing queued again */
    bool change = rule != KS_ORDER_RECORD_QUEUE_ONLY && from != to &&
                  (rule == KS_ORDER_RECORD_CHANGE || ks_order_can_transition(from, to));
    if (err == KS_DB_OK && change)
        err = transition_locked(db, uuid, from, to, now);
    for (size_t i = 0; err == KS_DB_OK && i < n; i++)
        err = ks_outbox_enqueue(db, uuid, &messages[i], now);
    if (err == KS_DB_OK && change && hook)
        err = hook->run(db, hook->ctx);
    return ks_db_end(db, err);
}

enum ks_db_error ks_order_store_record(ks_db *db, const char *uuid, enum ks_order_status to,
                                       enum ks_order_record rule, int64_t now,
                                       const ks_outbox_message *messages, size_t n)
{
    return record(db, uuid, to, rule, now, messages, n, NULL);
}

enum ks_db_error ks_order_store_mark_paid(ks_db *db, const char *uuid, int64_t now,
                                          const ks_outbox_message *messages, size_t n)
{
    return ks_order_store_mark_paid_with(db, uuid, now, messages, n, NULL);
}

enum ks_db_error ks_order_store_mark_paid_with(ks_db *db, const char *uuid, int64_t now,
                                               const ks_outbox_message *messages, size_t n,
                                               const ks_order_paid_hook *hook)
{
    return record(db, uuid, KS_ORDER_PAID, KS_ORDER_RECORD_CHANGE, now, messages, n, hook);
}

/* Fills a caller's array of at most max elements, the count in *n. */
struct array_ctx {
    void *out;
    size_t max, *n;
};

static enum ks_db_error add_event(sqlite3_stmt *stmt, void *ctx)
{
    struct array_ctx *c = ctx;
    if (*c->n == c->max)
        return KS_DB_OK;
    ks_order_event *event = (ks_order_event *)c->out + *c->n;
    event->has_from = sqlite3_column_type(stmt, 0) != SQLITE_NULL;
    event->from = KS_ORDER_CREATED;
    event->at = sqlite3_column_int64(stmt, 2);
    if ((event->has_from && !ks_order_status_parse(ks_db_column_text(stmt, 0), &event->from)) ||
        !ks_order_status_parse(ks_db_column_text(stmt, 1), &event->to))
        return KS_DB_ERR_CORRUPT;
    (*c->n)++;
    return KS_DB_OK;
}

enum ks_db_error ks_order_store_events(ks_db *db, const char *uuid, ks_order_event *out, size_t max,
                                       size_t *n)
{
    *n = 0;
    if (!ks_uuid_ok(uuid))
        return KS_DB_ERR_INVALID;
    struct array_ctx events = {.out = out, .max = max, .n = n};
    ks_db_binder b = ks_db_bind(db, sql_events);
    ks_db_bind_text(&b, uuid);
    ks_db_bind_int(&b, max > INT32_MAX ? INT32_MAX : (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, add_event, &events, NULL);
    if (err == KS_DB_ERR_CORRUPT)
        LOG_ERROR("order %s has a status event this program never writes", uuid);
    return err;
}

static enum ks_db_error add_summary(sqlite3_stmt *stmt, void *ctx)
{
    struct array_ctx *c = ctx;
    if (*c->n == c->max)
        return KS_DB_OK;
    ks_order_summary *s = (ks_order_summary *)c->out + *c->n;
    s->number = sqlite3_column_int(stmt, 1);
    s->total = sqlite3_column_int64(stmt, 5);
    s->created_at = sqlite3_column_int64(stmt, 6);
    if (!ks_db_column_copy(stmt, 0, s->uuid, sizeof s->uuid) ||
        !ks_db_column_copy(stmt, 2, s->business_date, sizeof s->business_date) ||
        !ks_service_parse(ks_db_column_text(stmt, 3), &s->service) ||
        !ks_order_status_parse(ks_db_column_text(stmt, 4), &s->status))
        return KS_DB_ERR_CORRUPT;
    (*c->n)++;
    return KS_DB_OK;
}

enum ks_db_error ks_order_store_list_recent(ks_db *db, ks_order_summary *out, size_t max, size_t *n)
{
    *n = 0;
    struct array_ctx summaries = {.out = out, .max = max, .n = n};
    ks_db_binder b = ks_db_bind(db, sql_recent);
    ks_db_bind_int(&b, max > INT32_MAX ? INT32_MAX : (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, add_summary, &summaries, NULL);
    if (err == KS_DB_ERR_CORRUPT)
        LOG_ERROR("an order row holds values this program never writes");
    return err;
}
