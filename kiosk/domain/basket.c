/* The self-checkout basket: see kiosk/domain/basket.h. */
#include "kiosk/domain/basket.h"
#include "kiosk/domain/sentence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLU_DIGITS 5 /* the catalog's plu (kiosk/docs/menu-format.md) */

struct ks_basket {
    const ks_catalog *cat; /* borrowed */
    ks_cart *cart;         /* owned */
    struct ks_barcode_rule rules[KS_LABEL_LAYOUTS_MAX];
    size_t n_rules;
    ks_voided_line voids[KS_BASKET_MAX_VOIDS];
    size_t n_voids;
    ks_age_approval approval;
    ks_order_intervention interventions[KS_BASKET_MAX_INTERVENTIONS];
    size_t n_interventions;
};

ks_basket *ks_basket_new(const ks_catalog *cat, const struct ks_barcode_rule *rules, size_t n_rules)
{
    if (!cat || n_rules > KS_LABEL_LAYOUTS_MAX || (n_rules && !rules))
        return NULL;
    ks_basket *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->cat = cat;
    b->cart = ks_cart_new(cat);
    if (!b->cart) {
        free(b);
        return NULL;
    }
    if (n_rules)
        memcpy(b->rules, rules, n_rules * sizeof *rules);
    b->n_rules = n_rules;
    return b;
}

void ks_basket_free(ks_basket *basket)
{
    if (!basket)
        return;
    ks_cart_free(basket->cart);
    free(basket);
}

const ks_cart *ks_basket_cart(const ks_basket *basket)
{
    return basket->cart;
}

bool ks_scan_added(const ks_scan_result *result)
{
    return result->outcome == KS_SCAN_ADDED || result->outcome == KS_SCAN_MORE;
}

/* Sold out, outside its hours, or something the self-checkout cannot sell (combos, choices). */
static bool for_sale(const ks_item *item, ks_local_time at)
{
    return item->kind == KS_ITEM_PRODUCT && item->n_modifier_groups == 0 &&
           ks_item_orderable(item, at);
}

static ks_scan_result outcome_for(ks_scan_result r, enum ks_scan_outcome outcome)
{
    r.outcome = outcome;
    return r;
}

/* The result of a cart change: the line on success, else the outcome the status means. */
static ks_scan_result from_cart(const ks_basket *b, ks_scan_result r, enum ks_cart_status status,
                                enum ks_scan_outcome success, ks_line_id line)
{
    switch (status) {
    case KS_CART_OK:
        r.outcome = success;
        r.line = line;
        r.needs_age_approval = r.item->min_age > b->approval.approved_age;
        return r;
    case KS_CART_BAD_QUANTITY:
        return outcome_for(r, KS_SCAN_BAD_WEIGHT);
    case KS_CART_FULL:
        return outcome_for(r, KS_SCAN_BASKET_FULL);
    case KS_CART_NO_MEMORY:
        return outcome_for(r, KS_SCAN_NO_MEMORY);
    default:
        return outcome_for(r, KS_SCAN_NOT_FOR_SALE);
    }
}

/* The newest unlabelled line of a counted item that can take one more piece; NULL when none. */
static const ks_cart_line *line_to_grow(const ks_cart *cart, const ks_item *item)
{
    for (size_t i = ks_cart_count(cart); i-- > 0;) {
        const ks_cart_line *line = ks_cart_line_at(cart, i);
        if (line->item == item && line->label_amount == 0 && line->quantity < KS_CART_MAX_COUNT)
            return line;
    }
    return NULL;
}

/* One piece of a counted product, or NEEDS_WEIGHT; r.item is set and for sale. */
static ks_scan_result add_piece(ks_basket *b, ks_scan_result r)
{
    if (r.item->unit == KS_UNIT_KG)
        return outcome_for(r, KS_SCAN_NEEDS_WEIGHT);
    const ks_cart_line *line = line_to_grow(b->cart, r.item);
    if (line) {
        ks_line_id id = line->id;
        return from_cart(b, r, ks_cart_set_quantity(b->cart, id, line->quantity + 1), KS_SCAN_MORE,
                         id);
    }
    ks_line_id id = 0;
    enum ks_cart_status status = ks_cart_add(b->cart, r.item, 1, &id);
    return from_cart(b, r, status, KS_SCAN_ADDED, id);
}

/* A label's item code as the catalog's 5-digit PLU: short codes take leading zeros. */
static const ks_item *find_label_item(const ks_catalog *cat, const char *code)
{
    size_t len = strlen(code);
    char plu[PLU_DIGITS + 1];
    if (len <= PLU_DIGITS) {
        memset(plu, '0', PLU_DIGITS - len);
        memcpy(plu + PLU_DIGITS - len, code, len + 1);
        return ks_catalog_find_plu(cat, plu);
    }
    for (size_t i = 0; i < len - PLU_DIGITS; i++)
        if (code[i] != '0')
            return NULL;
    return ks_catalog_find_plu(cat, code + len - PLU_DIGITS);
}

/* A variable-measure label: its weight or price makes a line of its own. */
static ks_scan_result add_label(ks_basket *b, ks_scan_result r)
{
    ks_line_id id = 0;
    if (r.code.kind == KS_BARCODE_WEIGHT) {
        if (r.item->unit != KS_UNIT_KG)
            return outcome_for(r, KS_SCAN_NOT_FOR_SALE);
        if (r.code.grams < 1 || r.code.grams > KS_CART_MAX_GRAMS)
            return outcome_for(r, KS_SCAN_BAD_WEIGHT);
        enum ks_cart_status status =
            ks_cart_add_weighed(b->cart, r.item, (int32_t)r.code.grams, &id);
        return from_cart(b, r, status, KS_SCAN_ADDED, id);
    }
    if (r.code.halalas < 1)
        return outcome_for(r, KS_SCAN_BAD_WEIGHT);
    enum ks_cart_status status = ks_cart_add_labelled(b->cart, r.item, r.code.halalas, &id);
    return from_cart(b, r, status, KS_SCAN_ADDED, id);
}

ks_scan_result ks_basket_scan(ks_basket *basket, const char *code, size_t len, ks_local_time at)
{
    ks_scan_result r = {.outcome = KS_SCAN_MALFORMED};
    size_t shown = code ? (len < KS_BARCODE_MAX ? len : KS_BARCODE_MAX) : 0;
    for (size_t i = 0; i < shown; i++)
        r.scanned[i] = code[i] >= 0x20 && code[i] < 0x7f ? code[i] : '?';
    if (!code || len > KS_BARCODE_MAX) {
        r.barcode_error = KS_BARCODE_ERR_LENGTH;
        return r;
    }
    r.barcode_error = ks_barcode_parse(code, len, basket->rules, basket->n_rules, &r.code);
    if (r.barcode_error != KS_BARCODE_OK)
        return r;
    bool label = r.code.kind != KS_BARCODE_GTIN;
    r.item = label ? find_label_item(basket->cat, r.code.plu)
                   : ks_catalog_find_barcode(basket->cat, r.code.gtin);
    if (!r.item)
        return outcome_for(r, KS_SCAN_UNKNOWN);
    if (!for_sale(r.item, at))
        return outcome_for(r, KS_SCAN_NOT_FOR_SALE);
    return label ? add_label(basket, r) : add_piece(basket, r);
}

ks_scan_result ks_basket_add_item(ks_basket *basket, const ks_item *item, ks_local_time at)
{
    ks_scan_result r = {.outcome = KS_SCAN_UNKNOWN, .item = item};
    if (!item || ks_catalog_find_item(basket->cat, item->id) != item) {
        r.item = NULL;
        return r;
    }
    if (!for_sale(item, at))
        return outcome_for(r, KS_SCAN_NOT_FOR_SALE);
    return add_piece(basket, r);
}

ks_scan_result ks_basket_add_weighed(ks_basket *basket, const ks_item *item, int32_t grams,
                                     ks_local_time at)
{
    ks_scan_result r = {.outcome = KS_SCAN_UNKNOWN, .item = item};
    if (!item || ks_catalog_find_item(basket->cat, item->id) != item) {
        r.item = NULL;
        return r;
    }
    if (!for_sale(item, at) || item->unit != KS_UNIT_KG)
        return outcome_for(r, KS_SCAN_NOT_FOR_SALE);
    ks_line_id id = 0;
    enum ks_cart_status status = ks_cart_add_weighed(basket->cart, item, grams, &id);
    return from_cart(basket, r, status, KS_SCAN_ADDED, id);
}

enum ks_cart_status ks_basket_set_quantity(ks_basket *basket, ks_line_id line, int32_t count)
{
    const ks_cart_line *l = ks_cart_find(basket->cart, line);
    if (!l)
        return KS_CART_NO_LINE;
    if (l->label_amount == 0 && l->item->unit == KS_UNIT_KG)
        return KS_CART_WRONG_UNIT; /* a weight is read from the scale, never typed */
    return ks_cart_set_quantity(basket->cart, line, count);
}

enum ks_cart_status ks_basket_remove(ks_basket *basket, ks_line_id line)
{
    return ks_cart_remove(basket->cart, line);
}

enum ks_cart_status ks_basket_void(ks_basket *basket, ks_line_id line, const char *staff_id,
                                   int64_t at)
{
    const ks_cart_line *l = ks_cart_find(basket->cart, line);
    if (!l)
        return KS_CART_NO_LINE;
    if (basket->n_voids == KS_BASKET_MAX_VOIDS)
        return KS_CART_FULL;
    ks_voided_line *v = &basket->voids[basket->n_voids];
    *v = (ks_voided_line){
        .item = l->item, .quantity = l->quantity, .unit = ks_cart_line_unit(l), .at = at};
    if (!ks_cart_line_amount(l, &v->amount))
        v->amount = 0;
    snprintf(v->by, sizeof v->by, "%s", staff_id ? staff_id : "");
    basket->n_voids++;
    /* The void is what the attendant's last decision to take a line off did. */
    ks_order_intervention *iv =
        basket->n_interventions ? &basket->interventions[basket->n_interventions - 1] : NULL;
    if (iv && ks_intervention_voids(iv->decision) && !iv->void_item[0] &&
        strcmp(iv->staff, v->by) == 0 && strlen(l->item->id) <= KS_INTERVENTION_ITEM_MAX) {
        snprintf(iv->void_item, sizeof iv->void_item, "%s", l->item->id);
        iv->void_amount = v->amount;
    }
    return ks_cart_remove(basket->cart, line);
}

bool ks_basket_intervene(ks_basket *basket, const ks_order_intervention *iv)
{
    if (basket->n_interventions == KS_BASKET_MAX_INTERVENTIONS || iv->void_item[0] ||
        !ks_intervention_ok(iv, INT64_MAX, 0, NULL))
        return false;
    basket->interventions[basket->n_interventions++] = *iv;
    return true;
}

const ks_order_intervention *ks_basket_interventions(const ks_basket *basket, size_t *n)
{
    *n = basket->n_interventions;
    return basket->interventions;
}

const ks_voided_line *ks_basket_voids(const ks_basket *basket, size_t *n)
{
    *n = basket->n_voids;
    return basket->voids;
}

int32_t ks_basket_age_pending(const ks_basket *basket)
{
    int32_t pending = 0;
    for (size_t i = 0; i < ks_cart_count(basket->cart); i++) {
        int32_t age = ks_cart_line_at(basket->cart, i)->item->min_age;
        if (age > basket->approval.approved_age && age > pending)
            pending = age;
    }
    return pending;
}

bool ks_basket_approve_age(ks_basket *basket, const char *staff_id, int64_t at)
{
    int32_t pending = ks_basket_age_pending(basket);
    if (pending == 0 || !staff_id || !staff_id[0] || strlen(staff_id) > KS_BASKET_STAFF_ID_MAX)
        return false;
    basket->approval.approved_age = pending;
    basket->approval.at = at;
    snprintf(basket->approval.by, sizeof basket->approval.by, "%s", staff_id);
    return true;
}

const ks_age_approval *ks_basket_age_approval(const ks_basket *basket)
{
    return &basket->approval;
}

bool ks_basket_get_totals(const ks_basket *basket, ks_local_time at, ks_basket_totals *out)
{
    ks_pricing *pr = ks_pricing_new(basket->cart, at);
    if (!pr)
        return false;
    *out = (ks_basket_totals){.lines = pr->n_lines,
                              .subtotal = pr->subtotal,
                              .savings = pr->discount,
                              .vat = pr->total_vat,
                              .total = pr->total};
    for (size_t i = 0; i < pr->n_lines; i++) {
        const ks_cart_line *line = pr->lines[i].line;
        out->items += ks_cart_line_unit(line) == KS_UNIT_EACH ? line->quantity : 1;
    }
    ks_pricing_free(pr);
    return true;
}

void ks_basket_clear(ks_basket *basket)
{
    ks_cart_clear(basket->cart);
    basket->n_voids = 0;
    basket->n_interventions = 0;
    basket->approval = (ks_age_approval){0};
}

const char *ks_scan_outcome_name(enum ks_scan_outcome outcome)
{
    switch (outcome) {
    case KS_SCAN_ADDED:
        return "added";
    case KS_SCAN_MORE:
        return "one more on its line";
    case KS_SCAN_NEEDS_WEIGHT:
        return "needs weighing";
    case KS_SCAN_MALFORMED:
        return "unreadable barcode";
    case KS_SCAN_UNKNOWN:
        return "unknown barcode";
    case KS_SCAN_NOT_FOR_SALE:
        return "not for sale now";
    case KS_SCAN_BAD_WEIGHT:
        return "weight or label price out of range";
    case KS_SCAN_BASKET_FULL:
        return "basket full";
    case KS_SCAN_NO_MEMORY:
        return "out of memory";
    }
    return "unknown outcome";
}

int ks_scan_describe(const ks_scan_result *r, enum ks_lang lang, char *out, size_t cap)
{
    static const enum ks_str sentences[] = {
        [KS_SCAN_ADDED] = KS_STR_MSG_SCANNED,
        [KS_SCAN_MORE] = KS_STR_MSG_SCANNED,
        [KS_SCAN_NEEDS_WEIGHT] = KS_STR_MSG_PLACE_ON_SCALE,
        [KS_SCAN_MALFORMED] = KS_STR_MSG_BARCODE_UNREADABLE,
        [KS_SCAN_UNKNOWN] = KS_STR_MSG_ITEM_NOT_FOUND,
        [KS_SCAN_NOT_FOR_SALE] = KS_STR_MSG_NOT_FOR_SALE,
        [KS_SCAN_BAD_WEIGHT] = KS_STR_MSG_BAD_LABEL,
        [KS_SCAN_BASKET_FULL] = KS_STR_MSG_BASKET_FULL,
        [KS_SCAN_NO_MEMORY] = KS_STR_MSG_SOMETHING_WRONG,
    };
    const char *text = r->outcome == KS_SCAN_UNKNOWN ? r->scanned
                       : r->item                     ? ks_text_get(&r->item->name, lang)
                                                     : "";
    bool known = (unsigned)r->outcome < sizeof sentences / sizeof sentences[0];
    enum ks_str id = known ? sentences[r->outcome] : KS_STR_COUNT;
    if (id == KS_STR_MSG_SCANNED && r->needs_age_approval)
        return ks_sentence_put(out, cap, KS_STR_MSG_AGE_CHECK, lang, text, r->item->min_age);
    return ks_sentence_put(out, cap, id, lang, text, 0);
}
