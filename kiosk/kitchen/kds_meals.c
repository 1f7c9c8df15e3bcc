/* Meals split per station: see kds_meals.h. */
#include "kiosk/kitchen/kds_meals.h"

#include <stdlib.h>
#include <string.h>

static size_t meal_items(const ks_order_line *line)
{
    size_t n = 0;
    for (size_t d = 0; d < line->n_details; d++)
        n += line->details[d].kind == KS_DETAIL_COMBO_ITEM;
    return n;
}

size_t ks_kds_meal_line_count(const ks_order *order)
{
    size_t n = 0;
    for (size_t i = 0; i < order->n_lines; i++) {
        size_t items = meal_items(&order->lines[i]);
        n += items ? items : 1;
    }
    return n;
}

static bool copy_detail(ks_order_detail *to, const ks_order_detail *from)
{
    *to = (ks_order_detail){
        .kind = from->kind,
        .id = strdup(from->id),
        .category_id = strdup(""),
        .name_ar = strdup(from->name_ar),
        .name_en = strdup(from->name_en),
        .price_delta = from->price_delta,
        .depth = 0,
    };
    return to->id && to->category_id && to->name_ar && to->name_en;
}

/*
 * The kitchen line of the meal item at details[item]: its name and
 * category, the meal's size, the modifiers under it (depth 1 up to the next
 * depth-0 detail), the meal's quantity and note; amounts when first.
 */
static bool meal_part(ks_order_line *part, const ks_order_line *meal, size_t item, bool first)
{
    const ks_order_detail *it = &meal->details[item];
    const char *category =
        it->category_id && it->category_id[0] ? it->category_id : meal->category_id;
    *part = (ks_order_line){
        .item_id = strdup(it->id),
        .category_id = strdup(category),
        .name_ar = strdup(it->name_ar),
        .name_en = strdup(it->name_en),
        .unit = KS_UNIT_EACH,
        .quantity = meal->quantity,
        .note = strdup(meal->note),
        .vat_rate_bp = meal->vat_rate_bp,
        .promo_note_ar = strdup(""),
        .promo_note_en = strdup(""),
    };
    if (first) {
        part->unit_price = meal->unit_price;
        part->discount = meal->discount;
        part->net = meal->net;
        part->vat = meal->vat;
        part->gross = meal->gross;
    }
    bool ok = part->item_id && part->category_id && part->name_ar && part->name_en && part->note &&
              part->promo_note_ar && part->promo_note_en;
    size_t mods = 0;
    while (item + 1 + mods < meal->n_details && meal->details[item + 1 + mods].depth == 1)
        mods++;
    const ks_order_detail *size = NULL;
    for (size_t d = 0; d < meal->n_details; d++)
        if (meal->details[d].kind == KS_DETAIL_SIZE)
            size = &meal->details[d];
    size_t n = mods + (size != NULL);
    part->details = ok && n ? calloc(n, sizeof *part->details) : NULL;
    ok = ok && (n == 0 || part->details);
    if (ok && size)
        ok = copy_detail(&part->details[part->n_details++], size);
    for (size_t m = 0; ok && m < mods; m++)
        ok = copy_detail(&part->details[part->n_details++], &meal->details[item + 1 + m]);
    return ok;
}

bool ks_kds_split_meals(ks_order *order)
{
    bool meals = false;
    for (size_t i = 0; i < order->n_lines; i++)
        meals = meals || meal_items(&order->lines[i]) > 0;
    if (!meals)
        return true;
    size_t total = ks_kds_meal_line_count(order);
    ks_order_line *lines = calloc(total, sizeof *lines);
    bool *made = calloc(total, sizeof *made); /* lines[k] built here (else moved from order) */
    bool ok = lines && made;
    size_t k = 0;
    for (size_t i = 0; ok && i < order->n_lines; i++) {
        const ks_order_line *line = &order->lines[i];
        if (meal_items(line) == 0) {
            lines[k++] = *line;
            continue;
        }
        bool first = true;
        for (size_t d = 0; ok && d < line->n_details; d++) {
            if (line->details[d].kind != KS_DETAIL_COMBO_ITEM)
                continue;
            made[k] = true;
            ok = meal_part(&lines[k++], line, d, first);
            first = false;
        }
    }
    if (!ok) { /* nothing of order was touched: free what was built */
        for (size_t j = 0; lines && made && j < k; j++)
            if (made[j])
                ks_order_line_clear(&lines[j]);
        free(lines);
        free(made);
        return false;
    }
    for (size_t i = 0; i < order->n_lines; i++) /* the meals, now split; moved lines live on */
        if (meal_items(&order->lines[i]) > 0)
            ks_order_line_clear(&order->lines[i]);
    free(made);
    free(order->lines);
    order->lines = lines;
    order->n_lines = total;
    return true;
}
