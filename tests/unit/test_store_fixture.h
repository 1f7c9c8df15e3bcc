/*
 * Shared by the storage tests and the order-commit benchmark: a realistic
 * order built by hand (five lines with details, two VAT rates, a weighed
 * item, a promotion), fresh database paths, and a raw SQLite connection for
 * looking at the file behind the store's back.
 */
#ifndef TESTS_UNIT_TEST_STORE_FIXTURE_H
#define TESTS_UNIT_TEST_STORE_FIXTURE_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/order_store.h"
#include "tests/support/check.h"

/* Riyadh: UTC+3, no daylight saving. */
#define FIXTURE_RIYADH_OFFSET_MIN 180

static inline char *fixture_strdup(const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        abort();
    return copy;
}

static inline void *fixture_calloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p)
        abort();
    return p;
}

/* A deterministic lowercase v4 UUID for a test index. */
static inline void fixture_uuid(unsigned index, char out[37])
{
    uint8_t bytes[16] = {0x5e, 0xed};
    for (int i = 0; i < 4; i++)
        bytes[12 + i] = (uint8_t)(index >> (24 - 8 * i));
    ks_uuid_v4_format(bytes, out);
}

struct fixture_detail {
    enum ks_order_detail_kind kind;
    const char *id, *name_ar, *name_en;
    ks_money price_delta;
    int32_t depth;
    const char *category_id; /* combo items; NULL: "" */
};

struct fixture_line {
    const char *item_id, *category_id, *name_ar, *name_en;
    enum ks_unit unit;
    int32_t quantity;
    ks_money unit_price;
    int32_t vat_rate_bp;
    ks_money discount;
    const char *note, *promo_ar, *promo_en;
    struct fixture_detail details[3];
    size_t n_details;
};

/* clang-format off */
/* Prices include VAT, as on the demo menu. Unit prices include the details' deltas. */
static const struct fixture_line fixture_lines[5] = {
    {.item_id = "classic-meal", .category_id = "meals", .name_ar = "وجبة برجر كلاسيك",
     .name_en = "Classic Burger Meal", .unit = KS_UNIT_EACH, .quantity = 1, .unit_price = 3100,
     .vat_rate_bp = 1500, .note = "", .promo_ar = "", .promo_en = "",
     .details = {{KS_DETAIL_SIZE, "large", "كبير", "Large", 300, 0, NULL},
                 {KS_DETAIL_COMBO_ITEM, "classic-burger", "برجر كلاسيك", "Classic Burger", 0, 0, "burgers"},
                 {KS_DETAIL_MODIFIER, "cheddar", "شيدر", "Cheddar", 200, 1, NULL}},
     .n_details = 3},
    {.item_id = "fries", .category_id = "sides", .name_ar = "بطاطس", .name_en = "Fries",
     .unit = KS_UNIT_EACH, .quantity = 2, .unit_price = 900, .vat_rate_bp = 1500,
     .discount = 900, .note = "", .promo_ar = "اشتر 1 واحصل على 1",
     .promo_en = "Buy 1 fries, get 1 free"},
    {.item_id = "cola", .category_id = "drinks", .name_ar = "كولا", .name_en = "Cola",
     .unit = KS_UNIT_EACH, .quantity = 2, .unit_price = 600, .vat_rate_bp = 1500,
     .note = "بدون ثلج من فضلك", .promo_ar = "", .promo_en = "",
     .details = {{KS_DETAIL_MODIFIER, "no-ice", "بدون ثلج", "No ice", 0, 0, NULL}}, .n_details = 1},
    {.item_id = "dates", .category_id = "sweets", .name_ar = "تمر", .name_en = "Dates",
     .unit = KS_UNIT_KG, .quantity = 350, .unit_price = 4000, .vat_rate_bp = 1500, .note = "",
     .promo_ar = "", .promo_en = ""},
    {.item_id = "water", .category_id = "drinks", .name_ar = "ماء", .name_en = "Water",
     .unit = KS_UNIT_EACH, .quantity = 1, .unit_price = 200, .vat_rate_bp = 0, .note = "",
     .promo_ar = "", .promo_en = ""},
};
/* clang-format on */

/* value * num / den rounded half up, for the non-negative amounts used here. */
static inline ks_money fixture_round(ks_money value, ks_money num, ks_money den)
{
    return (value * num * 2 + den) / (den * 2);
}

/*
 * A new order (freed with ks_order_free) created at created_at, with the
 * business date for that time in Riyadh with the given day start.
 */
static inline ks_order *fixture_order(unsigned index, const char *store_id, int64_t created_at,
                                      int day_start_min)
{
    ks_order *o = fixture_calloc(1, sizeof *o);
    fixture_uuid(index, o->uuid);
    snprintf(o->store_id, sizeof o->store_id, "%s", store_id);
    snprintf(o->kiosk_id, sizeof o->kiosk_id, "kiosk-02");
    ks_business_date(created_at, FIXTURE_RIYADH_OFFSET_MIN, day_start_min, o->business_date);
    o->service = KS_SERVICE_TAKEAWAY;
    o->status = KS_ORDER_CREATED;
    o->lang = KS_LANG_AR;
    memcpy(o->currency, "SAR", 4);
    o->exponent = 2;
    o->prices_include_tax = true;
    snprintf(o->menu_version, sizeof o->menu_version, "2026-11-24.1");
    o->created_at = created_at;
    o->updated_at = created_at;
    o->n_lines = 5;
    o->lines = fixture_calloc(o->n_lines, sizeof *o->lines);
    o->n_vat = 2;
    o->vat = fixture_calloc(o->n_vat, sizeof *o->vat);
    o->vat[0].rate_bp = 0;
    o->vat[1].rate_bp = 1500;
    for (size_t i = 0; i < o->n_lines; i++) {
        const struct fixture_line *f = &fixture_lines[i];
        ks_order_line *line = &o->lines[i];
        line->item_id = fixture_strdup(f->item_id);
        line->category_id = fixture_strdup(f->category_id);
        line->name_ar = fixture_strdup(f->name_ar);
        line->name_en = fixture_strdup(f->name_en);
        line->unit = f->unit;
        line->quantity = f->quantity;
        line->unit_price = f->unit_price;
        line->note = fixture_strdup(f->note);
        line->vat_rate_bp = f->vat_rate_bp;
        line->discount = f->discount;
        line->promo_note_ar = fixture_strdup(f->promo_ar);
        line->promo_note_en = fixture_strdup(f->promo_en);
        line->n_details = f->n_details;
        line->details = f->n_details ? fixture_calloc(f->n_details, sizeof *line->details) : NULL;
        for (size_t j = 0; j < f->n_details; j++) {
            const struct fixture_detail *d = &f->details[j];
            line->details[j] = (ks_order_detail){
                .kind = d->kind,
                .id = fixture_strdup(d->id),
                .name_ar = fixture_strdup(d->name_ar),
                .name_en = fixture_strdup(d->name_en),
                .price_delta = d->price_delta,
                .depth = d->depth,
                .category_id = fixture_strdup(d->category_id ? d->category_id : ""),
            };
        }
        ks_money amount = f->unit == KS_UNIT_KG ? fixture_round(f->unit_price, f->quantity, 1000)
                                                : f->unit_price * f->quantity;
        line->gross = amount - f->discount;
        line->net = fixture_round(line->gross, 10000, 10000 + f->vat_rate_bp);
        line->vat = line->gross - line->net;
        o->subtotal += amount;
        o->discount += f->discount;
        o->total_net += line->net;
        o->total_vat += line->vat;
        ks_order_vat *row = &o->vat[f->vat_rate_bp == 0 ? 0 : 1];
        row->taxable += line->net;
        row->vat += line->vat;
    }
    o->total = o->total_net + o->total_vat;
    return o;
}

static inline bool fixture_str_differs(const char *a, const char *b)
{
    return !a || !b || strcmp(a, b) != 0;
}

/* The name of the first field where the orders differ, or "" when every field is equal. */
static inline const char *fixture_order_diff(const ks_order *a, const ks_order *b)
{
#define DIFF(cond, field)                                                                          \
    do {                                                                                           \
        if (cond)                                                                                  \
            return field;                                                                          \
    } while (0)
    DIFF(strcmp(a->uuid, b->uuid), "uuid");
    DIFF(strcmp(a->store_id, b->store_id), "store_id");
    DIFF(strcmp(a->kiosk_id, b->kiosk_id), "kiosk_id");
    DIFF(a->number != b->number, "number");
    DIFF(strcmp(a->business_date, b->business_date), "business_date");
    DIFF(a->service != b->service, "service");
    DIFF(a->status != b->status, "status");
    DIFF(a->lang != b->lang, "lang");
    DIFF(strcmp(a->currency, b->currency), "currency");
    DIFF(a->exponent != b->exponent, "exponent");
    DIFF(a->prices_include_tax != b->prices_include_tax, "prices_include_tax");
    DIFF(strcmp(a->menu_version, b->menu_version), "menu_version");
    DIFF(a->created_at != b->created_at, "created_at");
    DIFF(a->updated_at != b->updated_at, "updated_at");
    DIFF(a->subtotal != b->subtotal, "subtotal");
    DIFF(a->discount != b->discount, "discount");
    DIFF(a->total_net != b->total_net, "total_net");
    DIFF(a->total_vat != b->total_vat, "total_vat");
    DIFF(a->total != b->total, "total");
    DIFF(a->n_vat != b->n_vat, "n_vat");
    for (size_t i = 0; i < a->n_vat; i++) {
        DIFF(a->vat[i].rate_bp != b->vat[i].rate_bp, "vat.rate_bp");
        DIFF(a->vat[i].taxable != b->vat[i].taxable, "vat.taxable");
        DIFF(a->vat[i].vat != b->vat[i].vat, "vat.vat");
    }
    DIFF(a->n_lines != b->n_lines, "n_lines");
    for (size_t i = 0; i < a->n_lines; i++) {
        const ks_order_line *x = &a->lines[i], *y = &b->lines[i];
        DIFF(fixture_str_differs(x->item_id, y->item_id), "line.item_id");
        DIFF(fixture_str_differs(x->category_id, y->category_id), "line.category_id");
        DIFF(fixture_str_differs(x->name_ar, y->name_ar), "line.name_ar");
        DIFF(fixture_str_differs(x->name_en, y->name_en), "line.name_en");
        DIFF(x->unit != y->unit, "line.unit");
        DIFF(x->quantity != y->quantity, "line.quantity");
        DIFF(x->unit_price != y->unit_price, "line.unit_price");
        DIFF(fixture_str_differs(x->note, y->note), "line.note");
        DIFF(x->vat_rate_bp != y->vat_rate_bp, "line.vat_rate_bp");
        DIFF(x->discount != y->discount, "line.discount");
        DIFF(x->net != y->net, "line.net");
        DIFF(x->vat != y->vat, "line.vat");
        DIFF(x->gross != y->gross, "line.gross");
        DIFF(fixture_str_differs(x->promo_note_ar, y->promo_note_ar), "line.promo_note_ar");
        DIFF(fixture_str_differs(x->promo_note_en, y->promo_note_en), "line.promo_note_en");
        DIFF(x->n_details != y->n_details, "line.n_details");
        for (size_t j = 0; j < x->n_details; j++) {
            const ks_order_detail *p = &x->details[j], *q = &y->details[j];
            DIFF(p->kind != q->kind, "detail.kind");
            DIFF(fixture_str_differs(p->id, q->id), "detail.id");
            DIFF(fixture_str_differs(p->name_ar, q->name_ar), "detail.name_ar");
            DIFF(fixture_str_differs(p->name_en, q->name_en), "detail.name_en");
            DIFF(p->price_delta != q->price_delta, "detail.price_delta");
            DIFF(p->depth != q->depth, "detail.depth");
            DIFF(fixture_str_differs(p->category_id, q->category_id), "detail.category_id");
        }
    }
#undef DIFF
    return "";
}

/* A path in the test's temporary folder, with any file left there by an earlier run removed. */
static inline const char *fixture_fresh_db(const char *dir, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", dir, name);
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s%s", out, suffixes[i]);
        unlink(path);
    }
    return out;
}

/* The fixture's orders 1..n into db, 'created' at store riyadh-01, order i placed at first_at + i.
 */
static inline bool fixture_insert_orders(ks_db *db, unsigned n, int64_t first_at)
{
    for (unsigned i = 1; db && i <= n; i++) {
        ks_order *order = fixture_order(i, "riyadh-01", first_at + i, 0);
        int32_t number;
        bool ok = order && ks_order_store_insert(db, order, 0, &number) == KS_DB_OK;
        ks_order_free(order);
        if (!ok)
            return false;
    }
    return db != NULL;
}

/* The integer answer of a one-row query on a separate, raw connection to path; -1 on error. */
static inline int64_t fixture_sql_int(const char *path, const char *sql)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *stmt = NULL;
    int64_t value = -1;
    if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
    return value;
}

/*
 * Waits (10 ms naps, limit_ms at most) until sql on the file at path
 * answers want; false, saying what it waited for, when it never does.
 */
static inline bool fixture_wait_sql(const char *path, const char *sql, int64_t want,
                                    int64_t limit_ms)
{
    int64_t until = check_now_ms() + limit_ms;
    while (fixture_sql_int(path, sql) != want) {
        if (check_now_ms() > until) {
            fprintf(stderr, "  waited in vain for %s = %lld\n", sql, (long long)want);
            return false;
        }
        usleep(10000);
    }
    return true;
}

static inline int64_t fixture_sql_intf(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* fixture_sql_int of a query formatted like printf (up to 511 bytes). */
static inline int64_t fixture_sql_intf(const char *path, const char *fmt, ...)
{
    char query[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(query, sizeof query, fmt, ap);
    va_end(ap);
    return fixture_sql_int(path, query);
}

/* Runs sql (any number of statements) on a raw connection to path; SQLite's result code. */
static inline int fixture_sql_exec(const char *path, const char *sql)
{
    sqlite3 *conn = NULL;
    int rc = sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(conn, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "  raw SQL failed: %s\n", sqlite3_errmsg(conn));
    sqlite3_close(conn);
    return rc;
}

#endif
