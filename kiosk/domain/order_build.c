/* Freezing a priced cart into an order: see kiosk/domain/order_build.h. */
#include "kiosk/domain/order_build.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/promotion.h"

/* Copies src into dst[cap] when its length is within [min_len, cap). */
static bool copy_fixed(char *dst, size_t cap, const char *src, size_t min_len)
{
    if (!src)
        return false;
    size_t len = strnlen(src, cap);
    if (len >= cap || len < min_len)
        return false;
    memcpy(dst, src, len + 1);
    return true;
}

static bool copy_names(char **ar, char **en, const ks_text *text)
{
    *ar = strdup(text->ar);
    *en = strdup(text->en);
    return *ar && *en;
}

static size_t mods_count(const ks_cart_mods *mods)
{
    size_t n = 0;
    for (size_t g = 0; mods->item && g < mods->item->n_modifier_groups; g++)
        n += (size_t)__builtin_popcountll(mods->chosen[g]);
    return n;
}

/* Appends a detail; the entry counts as used at once so ks_order_free cleans up a failure. */
static bool add_detail(ks_order_line *ol, enum ks_order_detail_kind kind, const char *id,
                       const char *category_id, const ks_text *name, ks_money price_delta,
                       int32_t depth)
{
    ks_order_detail *d = &ol->details[ol->n_details++];
    d->kind = kind;
    d->price_delta = price_delta;
    d->depth = depth;
    d->id = strdup(id);
    d->category_id = strdup(category_id);
    return d->id && d->category_id && copy_names(&d->name_ar, &d->name_en, name);
}

static bool add_mods(ks_order_line *ol, const ks_cart_mods *mods, int32_t depth)
{
    for (size_t g = 0; mods->item && g < mods->item->n_modifier_groups; g++) {
        const ks_modifier_group *group = mods->item->modifier_groups[g];
        for (size_t o = 0; o < group->n_options && o < KS_CART_MAX_OPTIONS; o++) {
            const ks_modifier_option *option = &group->options[o];
            if ((mods->chosen[g] >> o & 1) &&
                !add_detail(ol, KS_DETAIL_MODIFIER, option->id, "", &option->name,
                            option->price_delta, depth))
                return false;
        }
    }
    return true;
}

static bool build_details(ks_order_line *ol, const ks_cart_line *line)
{
    const ks_item *item = line->item;
    size_t n = mods_count(&line->mods) + (line->size < item->n_sizes);
    for (size_t s = 0; line->slots && s < item->n_slots; s++)
        n += (item->slots[s].n_choices > 0) + mods_count(&line->slots[s].mods);
    if (n == 0)
        return true;
    ol->details = calloc(n, sizeof *ol->details);
    if (!ol->details)
        return false;
    if (line->size < item->n_sizes) {
        const ks_combo_size *size = &item->sizes[line->size];
        if (!add_detail(ol, KS_DETAIL_SIZE, size->id, "", &size->name, size->price_delta, 0))
            return false;
    }
    for (size_t s = 0; line->slots && s < item->n_slots; s++) {
        if (item->slots[s].n_choices == 0)
            continue;
        const ks_combo_choice *choice = &item->slots[s].choices[line->slots[s].choice];
        if (!add_detail(ol, KS_DETAIL_COMBO_ITEM, choice->item->id, choice->item->category->id,
                        &choice->item->name, choice->price_delta, 0) ||
            !add_mods(ol, &line->slots[s].mods, 1))
            return false;
    }
    return add_mods(ol, &line->mods, 0);
}

static char *promo_note(const ks_priced_line *pl, const ks_currency *cur, enum ks_lang lang)
{
    size_t cap = 1;
    for (size_t i = 0; i < pl->n_promos; i++)
        cap += strlen(ks_text_get(&pl->promos[i].promo->name, lang)) + KS_MONEY_FORMAT_CAP + 4;
    char *note = malloc(cap);
    if (note && ks_promotion_note(pl->promos, pl->n_promos, cur, lang, note, cap) < 0) {
        free(note);
        return NULL;
    }
    return note;
}

static bool build_line(ks_order_line *ol, const ks_priced_line *pl, const ks_currency *cur)
{
    const ks_cart_line *line = pl->line;
    const ks_item *item = line->item;
    ol->item_id = strdup(item->id);
    ol->category_id = strdup(item->category ? item->category->id : "");
    ol->note = strdup(line->note);
    ol->promo_note_ar = promo_note(pl, cur, KS_LANG_AR);
    ol->promo_note_en = promo_note(pl, cur, KS_LANG_EN);
    if (!ol->item_id || !ol->category_id || !ol->note || !ol->promo_note_ar || !ol->promo_note_en ||
        !copy_names(&ol->name_ar, &ol->name_en, &item->name))
        return false;
    ol->unit = ks_cart_line_unit(line);
    ol->quantity = line->quantity;
    ol->unit_price = pl->unit_price;
    ol->vat_rate_bp = pl->vat_rate_bp;
    ol->vat_treatment = item->tax ? item->tax->vat : ks_vat_treatment_for_rate(pl->vat_rate_bp);
    ol->discount = pl->discount;
    ol->net = pl->net;
    ol->vat = pl->vat;
    ol->gross = pl->gross;
    return build_details(ol, line);
}

/* True when pricing was made from the cart as it is now. */
static bool pricing_matches(const ks_cart *cart, const ks_pricing *pricing)
{
    if (pricing->n_lines != ks_cart_count(cart))
        return false;
    for (size_t i = 0; i < pricing->n_lines; i++)
        if (pricing->lines[i].line != ks_cart_line_at(cart, i) ||
            pricing->lines[i].line_id != ks_cart_line_at(cart, i)->id)
            return false;
    return true;
}

ks_order *ks_order_build(const ks_cart *cart, const ks_pricing *pricing, const ks_order_meta *meta)
{
    if (!cart || !pricing || !meta || ks_cart_count(cart) == 0 || !pricing_matches(cart, pricing))
        return NULL;
    const ks_catalog *cat = ks_cart_catalog(cart);
    const ks_currency *cur = ks_catalog_currency(cat);
    ks_order *order = calloc(1, sizeof *order);
    if (!order)
        goto error;
    if (!copy_fixed(order->uuid, sizeof order->uuid, meta->uuid, sizeof order->uuid - 1) ||
        !copy_fixed(order->store_id, sizeof order->store_id, meta->store_id, 1) ||
        !copy_fixed(order->kiosk_id, sizeof order->kiosk_id, meta->kiosk_id, 1) ||
        !copy_fixed(order->business_date, sizeof order->business_date, meta->business_date,
                    sizeof order->business_date - 1) ||
        !copy_fixed(order->currency, sizeof order->currency, cur->code, 3) ||
        !copy_fixed(order->menu_version, sizeof order->menu_version, ks_catalog_version(cat), 0) ||
        meta->number < 0)
        goto error;
    order->number = meta->number;
    order->service = meta->service;
    order->status = KS_ORDER_CREATED;
    order->lang = meta->lang;
    order->exponent = cur->exponent;
    order->prices_include_tax = pricing->prices_include_tax;
    order->created_at = order->updated_at = meta->created_at;

    order->lines = calloc(pricing->n_lines, sizeof *order->lines);
    order->vat = calloc(pricing->n_vat ? pricing->n_vat : 1, sizeof *order->vat);
    if (!order->lines || !order->vat)
        goto error;
    order->n_lines = pricing->n_lines;
    for (size_t i = 0; i < pricing->n_lines; i++)
        if (!build_line(&order->lines[i], &pricing->lines[i], cur))
            goto error;
    order->n_vat = pricing->n_vat;
    for (size_t r = 0; r < pricing->n_vat; r++)
        order->vat[r] = (ks_order_vat){.rate_bp = pricing->vat[r].rate_bp,
                                       .taxable = pricing->vat[r].taxable,
                                       .vat = pricing->vat[r].vat};
    order->subtotal = pricing->subtotal;
    order->discount = pricing->discount;
    order->total_net = pricing->total_net;
    order->total_vat = pricing->total_vat;
    order->total = pricing->total;
    if (!ks_order_totals_consistent(order))
        goto error; /* a pricing bug; never store such an order */
    return order;
error:
    ks_order_free(order);
    return NULL;
}
