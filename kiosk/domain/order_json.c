/*
 * Orders to and from JSON: see kiosk/domain/order_json.h. Reading happens
 * in two steps: the JSON is copied into a ks_order checking only shapes
 * (members, types, string lengths, integer widths), then the order is held
 * to the rules by validate_order(), the same check ks_order_to_json makes
 * before writing.
 */
#include "kiosk/domain/order_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/uuid.h"
#include "kiosk/domain/cart.h"
#include "kiosk/domain/json_read.h"

#define FORMAT "kiosk-order/1"
#define MAX_ID 64
#define MAX_PATH 96
#define MAX_TIME KS_ORDER_MAX_TIME

__attribute__((format(printf, 3, 4))) static bool fail(ks_order_json_error *err, const char *path,
                                                       const char *fmt, ...)
{
    if (err) {
        snprintf(err->path, sizeof err->path, "%s", path);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->reason, sizeof err->reason, fmt, ap);
        va_end(ap);
    }
    return false;
}

__attribute__((format(printf, 2, 3))) static const char *pathf(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, MAX_PATH, fmt, ap);
    va_end(ap);
    return out;
}

/* "prefix.key", or "key" at the top level. */
static const char *join(char *out, const char *prefix, const char *key)
{
    return prefix[0] ? pathf(out, "%s.%s", prefix, key) : pathf(out, "%s", key);
}

/* ---- The rules ---------------------------------------------------------- */

/* At most max bytes without ASCII control characters (JSON itself guarantees UTF-8). */
static bool text_valid(const char *s, size_t max)
{
    size_t len = s ? strnlen(s, max + 1) : max + 1;
    if (len > max)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            return false;
    return true;
}

static bool name_valid(const char *ar, const char *en)
{
    return text_valid(ar, KS_ORDER_MAX_NAME) && text_valid(en, KS_ORDER_MAX_NAME) &&
           (ar[0] || en[0]);
}

static bool money_valid(ks_money v)
{
    return v >= 0 && v <= KS_ORDER_MAX_MONEY;
}

struct named_amount {
    const char *name;
    ks_money value;
};

/* Every amount passes money_valid(); the first that does not is reported at "prefix.name". */
static bool amounts_valid(const struct named_amount *amounts, size_t n, const char *prefix,
                          ks_order_json_error *err)
{
    char p[MAX_PATH];
    for (size_t k = 0; k < n; k++)
        if (!money_valid(amounts[k].value))
            return fail(err, join(p, prefix, amounts[k].name), "expected 0 to %lld",
                        (long long)KS_ORDER_MAX_MONEY);
    return true;
}

static bool validate_detail(const ks_order_detail *d, size_t i, size_t j, ks_order_json_error *err)
{
    char p[MAX_PATH];
    if (d->kind != KS_DETAIL_MODIFIER && d->kind != KS_DETAIL_COMBO_ITEM &&
        d->kind != KS_DETAIL_SIZE)
        return fail(err, pathf(p, "lines[%zu].details[%zu].kind", i, j), "unknown kind");
    if (!ks_id_ok(d->id, MAX_ID))
        return fail(err, pathf(p, "lines[%zu].details[%zu].id", i, j),
                    "expected 1-64 characters of [a-z0-9_.-]");
    if (!name_valid(d->name_ar, d->name_en))
        return fail(err, pathf(p, "lines[%zu].details[%zu].name", i, j),
                    "expected printable names of at most %d bytes, not both empty",
                    KS_ORDER_MAX_NAME);
    if (d->price_delta < -KS_ORDER_MAX_MONEY || d->price_delta > KS_ORDER_MAX_MONEY)
        return fail(err, pathf(p, "lines[%zu].details[%zu].price_delta", i, j), "out of range");
    if (d->depth < 0 || d->depth > 1)
        return fail(err, pathf(p, "lines[%zu].details[%zu].depth", i, j), "expected 0 or 1");
    if (!d->category_id || (d->category_id[0] &&
                            (d->kind != KS_DETAIL_COMBO_ITEM || !ks_id_ok(d->category_id, MAX_ID))))
        return fail(err, pathf(p, "lines[%zu].details[%zu].category_id", i, j),
                    "expected a category id on a combo item only");
    return true;
}

static bool validate_line(const ks_order_line *l, size_t i, ks_order_json_error *err)
{
    char p[MAX_PATH];
    if (!ks_id_ok(l->item_id, MAX_ID))
        return fail(err, pathf(p, "lines[%zu].item_id", i),
                    "expected 1-64 characters of [a-z0-9_.-]");
    if (!ks_id_ok(l->category_id, MAX_ID))
        return fail(err, pathf(p, "lines[%zu].category_id", i),
                    "expected 1-64 characters of [a-z0-9_.-]");
    if (!name_valid(l->name_ar, l->name_en))
        return fail(err, pathf(p, "lines[%zu].name", i),
                    "expected printable names of at most %d bytes, not both empty",
                    KS_ORDER_MAX_NAME);
    if (l->unit != KS_UNIT_EACH && l->unit != KS_UNIT_KG)
        return fail(err, pathf(p, "lines[%zu].unit", i), "unknown unit");
    int32_t max_quantity = l->unit == KS_UNIT_KG ? KS_CART_MAX_GRAMS : KS_CART_MAX_COUNT;
    if (l->quantity < 1 || l->quantity > max_quantity)
        return fail(err, pathf(p, "lines[%zu].quantity", i), "expected 1 to %d", (int)max_quantity);
    if (l->n_details > KS_ORDER_MAX_DETAILS)
        return fail(err, pathf(p, "lines[%zu].details", i), "more than %d details",
                    KS_ORDER_MAX_DETAILS);
    for (size_t j = 0; j < l->n_details; j++)
        if (!validate_detail(&l->details[j], i, j, err))
            return false;
    if (!ks_cart_note_valid(l->note))
        return fail(err, pathf(p, "lines[%zu].note", i),
                    "expected at most %d bytes of printable UTF-8", KS_CART_NOTE_MAX);
    if (l->vat_rate_bp < 0 || l->vat_rate_bp > 10000)
        return fail(err, pathf(p, "lines[%zu].vat_rate_bp", i), "expected 0 to 10000");
    const struct named_amount amounts[] = {{"unit_price", l->unit_price},
                                           {"discount", l->discount},
                                           {"net", l->net},
                                           {"vat", l->vat},
                                           {"gross", l->gross}};
    if (!amounts_valid(amounts, sizeof amounts / sizeof amounts[0], pathf(p, "lines[%zu]", i), err))
        return false;
    if (!text_valid(l->promo_note_ar, KS_ORDER_MAX_PROMO_NOTE) ||
        !text_valid(l->promo_note_en, KS_ORDER_MAX_PROMO_NOTE))
        return fail(err, pathf(p, "lines[%zu].promo_note", i),
                    "expected printable notes of at most %d bytes", KS_ORDER_MAX_PROMO_NOTE);
    return true;
}

/* Every line's rate has a row, and each row holds exactly its lines' net and VAT. */
static bool validate_vat_rows(const ks_order *o, ks_order_json_error *err)
{
    char p[MAX_PATH];
    if (o->n_vat < 1 || o->n_vat > o->n_lines)
        return fail(err, "vat", "expected 1 row per VAT rate of the lines");
    for (size_t r = 0; r < o->n_vat; r++) {
        const ks_order_vat *row = &o->vat[r];
        if (row->rate_bp < 0 || row->rate_bp > 10000 || !money_valid(row->taxable) ||
            !money_valid(row->vat))
            return fail(err, pathf(p, "vat[%zu]", r), "rate or amount out of range");
        ks_money net = 0, vat = 0; /* bounded by the line checks: cannot overflow */
        for (size_t i = 0; i < o->n_lines; i++) {
            if (o->lines[i].vat_rate_bp == row->rate_bp) {
                net += o->lines[i].net;
                vat += o->lines[i].vat;
            }
        }
        if (net != row->taxable || vat != row->vat)
            return fail(err, pathf(p, "vat[%zu]", r), "does not match the lines at this rate");
    }
    for (size_t i = 0; i < o->n_lines; i++) {
        size_t r = 0;
        while (r < o->n_vat && o->vat[r].rate_bp != o->lines[i].vat_rate_bp)
            r++;
        if (r == o->n_vat)
            return fail(err, pathf(p, "lines[%zu].vat_rate_bp", i), "no VAT row for this rate");
    }
    return true;
}

/* A signed invoice's QR text: it decodes, and has the stamp's tags 6-9 as well as 1-5. */
static bool phase2_qr_ok(const char *text)
{
    ks_zatca_qr_fields f;
    if (ks_zatca_qr_decode(text, strlen(text), &f) != KS_ZATCA_QR_OK)
        return false;
    for (int tag = KS_ZATCA_TAG_INVOICE_HASH; tag <= KS_ZATCA_QR_MAX_TAG; tag++)
        if (!f.field[tag].present)
            return false;
    return true;
}

/*
 * Only a paid order says how it was paid (unknown is said by leaving the
 * member out); a brand only with the kiosk's own terminal, 1-32 of a-z 0-9 _ . -,
 * and so is a terminal reference (ks_terminal_ref_ok: never shaped like a card number).
 */
static bool payment_valid(const ks_order *o, ks_order_json_error *err)
{
    const ks_order_payment *p = &o->payment;
    if ((unsigned)p->by >= KS_PAID_BY_COUNT)
        return fail(err, "payment.method", "unknown method");
    if (p->by != KS_PAID_BY_UNKNOWN && o->status == KS_ORDER_CREATED)
        return fail(err, "payment", "an order not paid has no payment");
    if (o->status == KS_ORDER_CANCELLED && p->by != KS_PAID_BY_UNKNOWN)
        return fail(err, "payment", "an order cancelled unpaid has no payment");
    if (p->terminal_ref[0] && p->by != KS_PAID_BY_CARD)
        return fail(err, "payment.terminal_ref", "only a card paid at the kiosk has one");
    if (p->terminal_ref[0] && !ks_terminal_ref_ok(p->terminal_ref))
        return fail(err, "payment.terminal_ref",
                    "expected 1-64 printable ASCII characters, no run of 13 digits");
    if (!p->brand[0])
        return true;
    if (p->by != KS_PAID_BY_CARD)
        return fail(err, "payment.brand", "only a card paid at the kiosk has a brand");
    if (strnlen(p->brand, sizeof p->brand) > KS_CARD_BRAND_MAX || !ks_device_id_ok(p->brand))
        return fail(err, "payment.brand", "expected 1-32 characters of [a-z0-9_.-]");
    return true;
}

/* At most KS_ORDER_MAX_INTERVENTIONS, each to ks_intervention_ok's rules. */
static bool interventions_valid(const ks_order *o, ks_order_json_error *err)
{
    if (o->n_interventions > KS_ORDER_MAX_INTERVENTIONS)
        return fail(err, "interventions", "expected at most %d", KS_ORDER_MAX_INTERVENTIONS);
    char p[MAX_PATH];
    for (size_t i = 0; i < o->n_interventions; i++) {
        const char *member = "";
        if (!ks_intervention_ok(&o->interventions[i], MAX_TIME, KS_ORDER_MAX_MONEY, &member))
            return fail(err, pathf(p, "interventions[%zu].%s", i, member), "%s",
                        "outside the intervention's rules");
    }
    return true;
}

static bool validate_order(const ks_order *o, ks_order_json_error *err)
{
    if (!ks_uuid_ok(o->uuid))
        return fail(err, "uuid", "expected a lowercase UUID");
    if (o->receipt_token[0] && !ks_receipt_token_ok(o->receipt_token))
        return fail(err, "receipt_token", "expected %d lowercase hex digits", KS_RECEIPT_TOKEN_LEN);
    if (o->zatca_qr[0] && !phase2_qr_ok(o->zatca_qr))
        return fail(err, "zatca_qr", "expected a ZATCA phase 2 QR text (base64 TLV, tags 1-9)");
    if (!payment_valid(o, err) || !interventions_valid(o, err))
        return false;
    if (!ks_device_id_ok(o->store_id))
        return fail(err, "store_id", "expected 1-32 characters of [a-z0-9_.-]");
    if (!ks_device_id_ok(o->kiosk_id))
        return fail(err, "kiosk_id", "expected 1-32 characters of [a-z0-9_.-]");
    if (o->number < 1)
        return fail(err, "number", "expected a positive integer");
    if (!ks_business_date_ok(o->business_date))
        return fail(err, "business_date", "expected YYYY-MM-DD, a day of the calendar");
    if (o->service != KS_SERVICE_DINE_IN && o->service != KS_SERVICE_TAKEAWAY)
        return fail(err, "service", "unknown service");
    if ((unsigned)o->status >= KS_ORDER_STATUS_COUNT)
        return fail(err, "status", "unknown status");
    if (o->lang != KS_LANG_AR && o->lang != KS_LANG_EN)
        return fail(err, "lang", "expected \"ar\" or \"en\"");
    for (size_t i = 0; i < 3; i++)
        if (o->currency[i] < 'A' || o->currency[i] > 'Z' || o->currency[3] != '\0')
            return fail(err, "currency", "expected 3 upper-case letters");
    if (o->exponent < 0 || o->exponent > 4)
        return fail(err, "exponent", "expected 0 to 4");
    if (!o->menu_version[0] || !text_valid(o->menu_version, sizeof o->menu_version - 1))
        return fail(err, "menu_version", "expected 1-64 printable characters");
    if (o->created_at < 0 || o->created_at > MAX_TIME)
        return fail(err, "created_at", "expected Unix seconds from 0 to year 9999");
    if (o->updated_at < 0 || o->updated_at > MAX_TIME)
        return fail(err, "updated_at", "expected Unix seconds from 0 to year 9999");
    if (o->n_lines < 1 || o->n_lines > KS_ORDER_MAX_LINES)
        return fail(err, "lines", "expected 1 to %d lines", KS_ORDER_MAX_LINES);
    for (size_t i = 0; i < o->n_lines; i++)
        if (!validate_line(&o->lines[i], i, err))
            return false;
    if (!validate_vat_rows(o, err))
        return false;
    const struct named_amount totals[] = {{"subtotal", o->subtotal},
                                          {"discount", o->discount},
                                          {"total_net", o->total_net},
                                          {"total_vat", o->total_vat},
                                          {"total", o->total}};
    if (!amounts_valid(totals, sizeof totals / sizeof totals[0], "", err))
        return false;
    if (!ks_order_totals_consistent(o))
        return fail(err, "", "the totals do not add up");
    return true;
}

/* ---- Writing ----------------------------------------------------------- */

/* Sets obj[key] = value, stealing value; a NULL value or a failure clears *ok. */
static void put(json_t *obj, const char *key, json_t *value, bool *ok)
{
    if (json_object_set_new(obj, key, value) != 0)
        *ok = false;
}

static json_t *text_json(const char *ar, const char *en)
{
    return json_pack("{s:s, s:s}", "ar", ar, "en", en);
}

static const char *const detail_kinds[] = {
    [KS_DETAIL_MODIFIER] = "modifier",
    [KS_DETAIL_COMBO_ITEM] = "combo_item",
    [KS_DETAIL_SIZE] = "size",
};

static json_t *line_json(const ks_order_line *l)
{
    bool ok = true;
    json_t *obj = json_object(), *details = json_array();
    if (!obj || !details) {
        json_decref(obj);
        json_decref(details);
        return NULL;
    }
    for (size_t j = 0; j < l->n_details; j++) {
        const ks_order_detail *d = &l->details[j];
        json_t *dj = json_object();
        if (!dj || json_array_append_new(details, dj) != 0) {
            ok = false;
            break;
        }
        put(dj, "kind", json_string(detail_kinds[d->kind]), &ok);
        put(dj, "id", json_string(d->id), &ok);
        put(dj, "name", text_json(d->name_ar, d->name_en), &ok);
        put(dj, "price_delta", json_integer(d->price_delta), &ok);
        put(dj, "depth", json_integer(d->depth), &ok);
        if (d->category_id[0])
            put(dj, "category_id", json_string(d->category_id), &ok);
    }
    put(obj, "item_id", json_string(l->item_id), &ok);
    put(obj, "category_id", json_string(l->category_id), &ok);
    put(obj, "name", text_json(l->name_ar, l->name_en), &ok);
    put(obj, "unit", json_string(l->unit == KS_UNIT_KG ? "kg" : "each"), &ok);
    put(obj, "quantity", json_integer(l->quantity), &ok);
    put(obj, "unit_price", json_integer(l->unit_price), &ok);
    if (l->unit == KS_UNIT_KG) { /* the same figures, named for whoever reads a weighed line */
        put(obj, "weight_g", json_integer(l->quantity), &ok);
        put(obj, "price_per_kg", json_integer(l->unit_price), &ok);
    }
    put(obj, "details", details, &ok);
    put(obj, "note", json_string(l->note), &ok);
    put(obj, "vat_rate_bp", json_integer(l->vat_rate_bp), &ok);
    put(obj, "discount", json_integer(l->discount), &ok);
    put(obj, "net", json_integer(l->net), &ok);
    put(obj, "vat", json_integer(l->vat), &ok);
    put(obj, "gross", json_integer(l->gross), &ok);
    put(obj, "promo_note", text_json(l->promo_note_ar, l->promo_note_en), &ok);
    if (!ok) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* {"method": ..., "brand": ..., "terminal_ref": ...}, brand and reference only when there is one.
 */
static json_t *payment_json(const ks_order_payment *p)
{
    json_t *obj = json_pack("{s:s}", "method", ks_paid_by_name(p->by));
    bool ok = obj != NULL;
    if (p->brand[0])
        put(obj, "brand", json_string(p->brand), &ok);
    if (p->terminal_ref[0])
        put(obj, "terminal_ref", json_string(p->terminal_ref), &ok);
    if (!ok) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

json_t *ks_intervention_to_json(const ks_order_intervention *iv)
{
    json_t *obj =
        json_pack("{s:s, s:s, s:s, s:I, s:I}", "need", ks_intervention_need_name(iv->need),
                  "decision", ks_intervention_decision_name(iv->decision), "staff", iv->staff,
                  "raised_at", (json_int_t)iv->raised_at, "decided_at", (json_int_t)iv->decided_at);
    bool ok = obj != NULL;
    if (ok && iv->void_item[0]) {
        put(obj, "void_item", json_string(iv->void_item), &ok);
        put(obj, "void_amount", json_integer(iv->void_amount), &ok);
    }
    if (!ok) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* [{"need", "decision", "staff", "raised_at", "decided_at"[, "void_item", "void_amount"]}] */
static json_t *interventions_json(const ks_order *o)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < o->n_interventions; i++) {
        json_t *obj = ks_intervention_to_json(&o->interventions[i]);
        if (!obj || json_array_append_new(list, obj) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

char *ks_order_to_json(const ks_order *order, ks_order_json_error *err)
{
    if (!order || !validate_order(order, err))
        return NULL;
    bool ok = true;
    json_t *root = json_object(), *lines = json_array(), *vat = json_array();
    if (!root || !lines || !vat) {
        json_decref(lines);
        json_decref(vat);
        ok = false;
        goto done;
    }
    put(root, "format", json_string(FORMAT), &ok);
    put(root, "uuid", json_string(order->uuid), &ok);
    if (order->receipt_token[0])
        put(root, "receipt_token", json_string(order->receipt_token), &ok);
    if (order->zatca_qr[0])
        put(root, "zatca_qr", json_string(order->zatca_qr), &ok);
    put(root, "store_id", json_string(order->store_id), &ok);
    put(root, "kiosk_id", json_string(order->kiosk_id), &ok);
    put(root, "number", json_integer(order->number), &ok);
    put(root, "business_date", json_string(order->business_date), &ok);
    put(root, "service", json_string(ks_service_name(order->service)), &ok);
    put(root, "status", json_string(ks_order_status_name(order->status)), &ok);
    put(root, "lang", json_string(order->lang == KS_LANG_AR ? "ar" : "en"), &ok);
    put(root, "currency", json_string(order->currency), &ok);
    put(root, "exponent", json_integer(order->exponent), &ok);
    put(root, "prices_include_tax", json_boolean(order->prices_include_tax), &ok);
    put(root, "menu_version", json_string(order->menu_version), &ok);
    put(root, "created_at", json_integer(order->created_at), &ok);
    put(root, "updated_at", json_integer(order->updated_at), &ok);
    if (order->payment.by != KS_PAID_BY_UNKNOWN)
        put(root, "payment", payment_json(&order->payment), &ok);
    if (order->n_interventions)
        put(root, "interventions", interventions_json(order), &ok);
    for (size_t i = 0; ok && i < order->n_lines; i++)
        if (json_array_append_new(lines, line_json(&order->lines[i])) != 0)
            ok = false;
    put(root, "lines", lines, &ok);
    for (size_t r = 0; ok && r < order->n_vat; r++)
        if (json_array_append_new(vat, json_pack("{s:i, s:I, s:I}", "rate_bp",
                                                 (int)order->vat[r].rate_bp, "taxable",
                                                 (json_int_t)order->vat[r].taxable, "vat",
                                                 (json_int_t)order->vat[r].vat)) != 0)
            ok = false;
    put(root, "vat", vat, &ok);
    put(root, "subtotal", json_integer(order->subtotal), &ok);
    put(root, "discount", json_integer(order->discount), &ok);
    put(root, "total_net", json_integer(order->total_net), &ok);
    put(root, "total_vat", json_integer(order->total_vat), &ok);
    put(root, "total", json_integer(order->total), &ok);
done:;
    char *text = ok ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (!text)
        fail(err, "", "out of memory");
    return text;
}

/* ---- Reading ----------------------------------------------------------- */

/* s copied into *out (free()). */
static bool keep(ks_json_reader *r, const char *s, char **out)
{
    *out = strdup(s);
    return *out || ks_json_fail(r, NULL, "out of memory");
}

/* A string member of at most max bytes, copied into *out (free()). */
static bool read_dup(ks_json_reader *r, json_t *obj, const char *key, size_t max, char **out)
{
    const char *s;
    return ks_json_string(r, obj, key, true, 0, max, KS_JSON_ANY, &s) && keep(r, s, out);
}

/* A string member of at most cap - 1 bytes into out[cap]; left alone when absent and optional. */
static bool read_fixed(ks_json_reader *r, json_t *obj, const char *key, bool required, char *out,
                       size_t cap)
{
    const char *s = NULL;
    if (!ks_json_string(r, obj, key, required, 0, cap - 1, KS_JSON_ANY, &s))
        return false;
    if (s)
        memcpy(out, s, strlen(s) + 1);
    return true;
}

static bool read_money(ks_json_reader *r, json_t *obj, const char *key, ks_money *out)
{
    return ks_json_money(r, obj, key, true, INT64_MIN, INT64_MAX, out);
}

static bool read_i32(ks_json_reader *r, json_t *obj, const char *key, int32_t *out)
{
    return ks_json_i32(r, obj, key, true, INT32_MIN, INT32_MAX, out);
}

/* {"ar": ..., "en": ...} with each at most max bytes, copied (free()). */
static bool read_text(ks_json_reader *r, json_t *obj, const char *key, size_t max, char **ar,
                      char **en)
{
    const char *a, *e;
    return ks_json_names(r, obj, key, true, max, KS_JSON_ANY, &a, &e) && keep(r, a, ar) &&
           keep(r, e, en);
}

static bool read_detail(ks_json_reader *r, json_t *dj, ks_order_detail *d)
{
    static const char *const keys[] = {"kind",  "id",          "name", "price_delta",
                                       "depth", "category_id", NULL};
    /* Optional (orders written before it existed lack it): a combo item's category. */
    const char *category = "";
    int kind = 0; /* set by ks_json_enum; initialised for -Wmaybe-uninitialized */
    if (!ks_json_object(r, dj, NULL, keys) ||
        !ks_json_string(r, dj, "category_id", false, 0, MAX_ID, KS_JSON_ANY, &category) ||
        !keep(r, category, &d->category_id) ||
        !ks_json_enum(r, dj, "kind", true, detail_kinds, 3, &kind) ||
        !read_dup(r, dj, "id", MAX_ID, &d->id) ||
        !read_text(r, dj, "name", KS_ORDER_MAX_NAME, &d->name_ar, &d->name_en) ||
        !read_money(r, dj, "price_delta", &d->price_delta) || !read_i32(r, dj, "depth", &d->depth))
        return false;
    d->kind = (enum ks_order_detail_kind)kind;
    return true;
}

/*
 * "weight_g" and "price_per_kg" repeat a weighed line's quantity and unit
 * price under their own names. Orders written before they existed lack
 * them, so they are optional; present, they must be on a kg line and agree.
 */
static bool read_weighed_figures(ks_json_reader *r, json_t *lj, const ks_order_line *l)
{
    static const char *const names[] = {"weight_g", "price_per_kg"};
    const int64_t want[] = {l->quantity, l->unit_price};
    for (size_t k = 0; k < 2; k++) {
        if (!json_object_get(lj, names[k]))
            continue;
        int64_t value;
        if (!ks_json_int(r, lj, names[k], true, INT64_MIN, INT64_MAX, &value))
            return false;
        if (l->unit != KS_UNIT_KG)
            return ks_json_fail(r, names[k], "only on a line of unit \"kg\"");
        if (value != want[k])
            return ks_json_fail(r, names[k], "%lld differs from %s %lld", (long long)value,
                                k == 0 ? "quantity" : "unit_price", (long long)want[k]);
    }
    return true;
}

static bool read_details(ks_json_reader *r, json_t *lj, ks_order_line *l)
{
    json_t *details;
    if (!ks_json_array(r, lj, "details", true, 0, KS_ORDER_MAX_DETAILS, &details))
        return false;
    size_t n = json_array_size(details);
    if (n == 0)
        return true;
    l->details = calloc(n, sizeof *l->details);
    if (!l->details)
        return ks_json_fail(r, NULL, "out of memory");
    if (!ks_json_enter_key(r, "details"))
        return false;
    for (size_t j = 0; j < n; j++) {
        l->n_details++; /* counted at once so ks_order_free releases a half-read detail */
        if (!ks_json_enter_index(r, j) ||
            !read_detail(r, json_array_get(details, j), &l->details[j]))
            return false;
        ks_json_leave(r);
    }
    ks_json_leave(r);
    return true;
}

static bool read_line(ks_json_reader *r, json_t *lj, ks_order_line *l)
{
    static const char *const keys[] = {
        "item_id", "category_id", "name",        "unit",         "quantity", "unit_price",
        "details", "note",        "vat_rate_bp", "discount",     "net",      "vat",
        "gross",   "promo_note",  "weight_g",    "price_per_kg", NULL};
    static const char *const units[] = {[KS_UNIT_EACH] = "each", [KS_UNIT_KG] = "kg"};
    int unit = 0;
    if (!ks_json_object(r, lj, NULL, keys) || !read_dup(r, lj, "item_id", MAX_ID, &l->item_id) ||
        !read_dup(r, lj, "category_id", MAX_ID, &l->category_id) ||
        !read_text(r, lj, "name", KS_ORDER_MAX_NAME, &l->name_ar, &l->name_en) ||
        !ks_json_enum(r, lj, "unit", true, units, 2, &unit) ||
        !read_i32(r, lj, "quantity", &l->quantity) ||
        !read_money(r, lj, "unit_price", &l->unit_price) ||
        !read_dup(r, lj, "note", KS_CART_NOTE_MAX, &l->note) ||
        !read_i32(r, lj, "vat_rate_bp", &l->vat_rate_bp) ||
        !read_money(r, lj, "discount", &l->discount) || !read_money(r, lj, "net", &l->net) ||
        !read_money(r, lj, "vat", &l->vat) || !read_money(r, lj, "gross", &l->gross) ||
        !read_text(r, lj, "promo_note", KS_ORDER_MAX_PROMO_NOTE, &l->promo_note_ar,
                   &l->promo_note_en))
        return false;
    l->unit = (enum ks_unit)unit;
    return read_weighed_figures(r, lj, l) && read_details(r, lj, l);
}

static bool read_vat_row(ks_json_reader *r, json_t *rj, ks_order_vat *row)
{
    static const char *const keys[] = {"rate_bp", "taxable", "vat", NULL};
    return ks_json_object(r, rj, NULL, keys) && read_i32(r, rj, "rate_bp", &row->rate_bp) &&
           read_money(r, rj, "taxable", &row->taxable) && read_money(r, rj, "vat", &row->vat);
}

static bool read_lines(ks_json_reader *r, json_t *root, ks_order *o)
{
    json_t *lines, *vat;
    if (!ks_json_array(r, root, "lines", true, 1, KS_ORDER_MAX_LINES, &lines) ||
        !ks_json_array(r, root, "vat", true, 1, json_array_size(lines), &vat))
        return false;
    size_t n = json_array_size(lines), n_vat = json_array_size(vat);
    o->lines = calloc(n, sizeof *o->lines);
    o->vat = calloc(n_vat, sizeof *o->vat);
    if (!o->lines || !o->vat)
        return ks_json_fail(r, NULL, "out of memory");
    o->n_lines = n;
    if (!ks_json_enter_key(r, "lines"))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!ks_json_enter_index(r, i) || !read_line(r, json_array_get(lines, i), &o->lines[i]))
            return false;
        ks_json_leave(r);
    }
    ks_json_leave(r);
    o->n_vat = n_vat;
    if (!ks_json_enter_key(r, "vat"))
        return false;
    for (size_t k = 0; k < n_vat; k++) {
        if (!ks_json_enter_index(r, k) || !read_vat_row(r, json_array_get(vat, k), &o->vat[k]))
            return false;
        ks_json_leave(r);
    }
    ks_json_leave(r);
    return true;
}

/*
 * Optional: older kiosks' orders, and every order not paid, leave it out
 * (KS_PAID_BY_UNKNOWN). Present, a method the kiosk sends ("unknown" is
 * said by leaving it out) and, with "card", an optional brand and an
 * optional terminal reference (1-64 printable ASCII; an older kiosk sends
 * none: ""; payment_valid holds it to ks_terminal_ref_ok).
 */
static bool read_payment(ks_json_reader *r, json_t *root, ks_order_payment *p)
{
    static const char *const keys[] = {"method", "brand", "terminal_ref", NULL};
    static const char *const sent[] = {"card", "counter_cash", "counter_card"};
    json_t *pj = NULL;
    if (!ks_json_member(r, root, "payment", false, &pj) || !pj)
        return !r->failed;
    int method = 0;
    const char *brand = NULL;
    if (!ks_json_object(r, root, "payment", keys) || !ks_json_enter_key(r, "payment") ||
        !ks_json_enum(r, pj, "method", true, sent, 3, &method) ||
        !ks_json_string(r, pj, "brand", false, 1, KS_CARD_BRAND_MAX, KS_JSON_ID, &brand) ||
        !ks_json_copy(r, pj, "terminal_ref", false, 1, sizeof p->terminal_ref, KS_JSON_PRINTABLE,
                      p->terminal_ref))
        return false;
    ks_json_leave(r);
    p->by = (enum ks_paid_by)(method + KS_PAID_BY_CARD);
    if (brand)
        memcpy(p->brand, brand, strlen(brand) + 1);
    return true;
}

bool ks_intervention_read(ks_json_reader *r, json_t *ij, ks_order_intervention *iv)
{
    static const char *const keys[] = {"need",       "decision",  "staff",       "raised_at",
                                       "decided_at", "void_item", "void_amount", NULL};
    int need = 0, decision = 0;
    const char *staff = NULL, *item = NULL;
    if (!ks_json_object(r, ij, NULL, keys) ||
        !ks_json_enum(r, ij, "need", true, ks_intervention_need_names, KS_INTERVENTION_NEED_COUNT,
                      &need) ||
        !ks_json_enum(r, ij, "decision", true, ks_intervention_decision_names,
                      KS_INTERVENTION_DECISION_COUNT, &decision) ||
        !ks_json_string(r, ij, "staff", true, 1, KS_INTERVENTION_STAFF_MAX, KS_JSON_ID, &staff) ||
        !ks_json_int(r, ij, "raised_at", true, 0, MAX_TIME, &iv->raised_at) ||
        !ks_json_int(r, ij, "decided_at", true, 0, MAX_TIME, &iv->decided_at) ||
        !ks_json_string(r, ij, "void_item", false, 1, KS_INTERVENTION_ITEM_MAX, KS_JSON_ID,
                        &item) ||
        !ks_json_money(r, ij, "void_amount", false, 0, KS_ORDER_MAX_MONEY, &iv->void_amount))
        return false;
    iv->need = (enum ks_intervention_need)need;
    iv->decision = (enum ks_intervention_decision)decision;
    memcpy(iv->staff, staff, strlen(staff) + 1);
    if (item)
        memcpy(iv->void_item, item, strlen(item) + 1);
    /* A void's two members come together: the writer writes both or neither. */
    if (!item != !json_object_get(ij, "void_amount"))
        return ks_json_fail(r, item ? "void_amount" : "void_item",
                            "void_item and void_amount come together");
    return true;
}

/*
 * Optional: orders of restaurant kiosks, of lanes without an attendant's
 * decision and of kiosks older than it leave it out. Present, 1 to
 * KS_ORDER_MAX_INTERVENTIONS objects.
 */
static bool read_interventions(ks_json_reader *r, json_t *root, ks_order *o)
{
    json_t *list = NULL;
    if (!json_object_get(root, "interventions"))
        return true;
    if (!ks_json_array(r, root, "interventions", true, 1, KS_ORDER_MAX_INTERVENTIONS, &list))
        return false;
    size_t n = json_array_size(list);
    o->interventions = calloc(n, sizeof *o->interventions);
    if (!o->interventions)
        return ks_json_fail(r, NULL, "out of memory");
    o->n_interventions = n;
    if (!ks_json_enter_key(r, "interventions"))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!ks_json_enter_index(r, i) ||
            !ks_intervention_read(r, json_array_get(list, i), &o->interventions[i]))
            return false;
        ks_json_leave(r);
    }
    ks_json_leave(r);
    return true;
}

static bool read_order(ks_json_reader *r, json_t *root, ks_order *o)
{
    static const char *const keys[] = {"format",       "uuid",          "store_id",
                                       "kiosk_id",     "number",        "business_date",
                                       "service",      "status",        "lang",
                                       "currency",     "exponent",      "prices_include_tax",
                                       "menu_version", "created_at",    "updated_at",
                                       "lines",        "vat",           "subtotal",
                                       "discount",     "total_net",     "total_vat",
                                       "total",        "receipt_token", "zatca_qr",
                                       "payment",      "interventions", NULL};
    static const char *const formats[] = {FORMAT};
    static const char *const langs[] = {[KS_LANG_AR] = "ar", [KS_LANG_EN] = "en"};
    static const char *const services[] = {
        [KS_SERVICE_DINE_IN] = "dine_in", [KS_SERVICE_TAKEAWAY] = "takeaway"};
    const char *statuses[KS_ORDER_STATUS_COUNT];
    for (int s = 0; s < KS_ORDER_STATUS_COUNT; s++)
        statuses[s] = ks_order_status_name((enum ks_order_status)s);
    int format = 0, service = 0, status = 0, lang = 0;
    int64_t exponent = 0;
    if (!ks_json_object(r, root, NULL, keys) ||
        !ks_json_enum(r, root, "format", true, formats, 1, &format) ||
        !read_fixed(r, root, "uuid", true, o->uuid, sizeof o->uuid) ||
        !read_fixed(r, root, "store_id", true, o->store_id, sizeof o->store_id) ||
        !read_fixed(r, root, "kiosk_id", true, o->kiosk_id, sizeof o->kiosk_id) ||
        !read_i32(r, root, "number", &o->number) ||
        !read_fixed(r, root, "business_date", true, o->business_date, sizeof o->business_date) ||
        !ks_json_enum(r, root, "service", true, services, 2, &service) ||
        !ks_json_enum(r, root, "status", true, statuses, KS_ORDER_STATUS_COUNT, &status) ||
        !ks_json_enum(r, root, "lang", true, langs, 2, &lang) ||
        !read_fixed(r, root, "currency", true, o->currency, sizeof o->currency) ||
        !ks_json_int(r, root, "exponent", true, 0, 4, &exponent) ||
        !ks_json_bool(r, root, "prices_include_tax", true, &o->prices_include_tax) ||
        !read_fixed(r, root, "menu_version", true, o->menu_version, sizeof o->menu_version) ||
        !ks_json_int(r, root, "created_at", true, 0, MAX_TIME, &o->created_at) ||
        !ks_json_int(r, root, "updated_at", true, 0, MAX_TIME, &o->updated_at) ||
        !read_lines(r, root, o) || !read_money(r, root, "subtotal", &o->subtotal) ||
        !read_money(r, root, "discount", &o->discount) ||
        !read_money(r, root, "total_net", &o->total_net) ||
        !read_money(r, root, "total_vat", &o->total_vat) ||
        !read_money(r, root, "total", &o->total))
        return false;
    /* Optional: orders placed before e-receipts, and the kitchen's copies, have none. */
    if (json_object_get(root, "receipt_token") &&
        (!read_fixed(r, root, "receipt_token", true, o->receipt_token, sizeof o->receipt_token) ||
         !ks_receipt_token_ok(o->receipt_token)))
        return ks_json_fail(r, "receipt_token", "expected %d lowercase hex digits",
                            KS_RECEIPT_TOKEN_LEN);
    /* Optional: only the backend's copy of an order paid with a signed e-invoice has it. */
    if (!read_fixed(r, root, "zatca_qr", false, o->zatca_qr, sizeof o->zatca_qr))
        return false;
    if (!read_payment(r, root, &o->payment) || !read_interventions(r, root, o))
        return false;
    o->service = (enum ks_service)service;
    o->status = (enum ks_order_status)status;
    o->lang = (enum ks_lang)lang;
    o->exponent = (int)exponent;
    return true;
}

ks_order *ks_order_from_json(const char *json, size_t len, ks_order_json_error *err)
{
    ks_json_reader r;
    ks_json_reader_init(&r);
    json_t *root;
    ks_order *order = NULL;
    if (!ks_json_load(&r, json, len, KS_ORDER_JSON_MAX_BYTES, &root))
        goto unreadable;
    order = calloc(1, sizeof *order);
    if (!order) {
        ks_json_fail(&r, NULL, "out of memory");
        goto unreadable;
    }
    if (!read_order(&r, root, order))
        goto unreadable;
    if (!validate_order(order, err))
        goto refused;
    json_decref(root);
    return order;
unreadable:
    if (err)
        *err = r.error;
refused:
    json_decref(root);
    ks_order_free(order);
    return NULL;
}
