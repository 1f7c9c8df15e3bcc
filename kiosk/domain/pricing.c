/*
 * Pricing (see kiosk/domain/pricing.h).
 *
 * The method. A Saudi simplified tax invoice shows amounts in whole
 * halalas, rounded half up, and its figures must add up exactly: the lines'
 * net to each VAT row's taxable amount, the lines' VAT to each row's VAT,
 * and the rows to the order totals. Rounding every line's VAT on its own
 * does not guarantee that: two lines of 0.10 SAR including 15 % VAT owe
 * 0.10 * 1500 / 11500 = 1.30 halalas each, rounded 1 each, 2 in all, while
 * the 0.20 SAR they make together owe 2.61, rounded 3. So VAT is worked out
 * per rate on the row's total and then shared out:
 *
 *  1. Line amount = unit price * quantity, or for weighed items unit price
 *     (per kg) * grams / 1000 rounded half up (ks_unit_amount, the one
 *     function that prices a weighed line). Subtotal = sum of amounts.
 *  2. Promotions (promotion.c) give each line its discount, whole-order
 *     discounts already spread over the lines by largest remainder. A line
 *     keeps A = amount - discount.
 *  3. Per VAT rate r (basis points), G = sum of A over the row's lines:
 *       prices include tax: VAT = round_half_up(G * r / (10000 + r)),
 *                           taxable = G - VAT
 *       prices exclude tax: VAT = round_half_up(G * r / 10000), taxable = G
 *  4. The row's VAT is split over its lines in proportion to their A by
 *     largest remainder (ks_pricing_allocate; equal remainders go to the
 *     earlier line, which is the lower line id), so the line VATs add up to
 *     the row's exactly. Then a line's net and gross: including tax,
 *     gross = A and net = A - VAT; excluding tax, net = A and gross = A + VAT.
 *  5. Totals are sums of the lines: total_net, total_vat, discount, and
 *     total = total_net + total_vat. Including tax that is G summed over
 *     the rows = subtotal - discount; excluding tax total_net is.
 *
 * Every product goes through ks_money_mul_div (128-bit intermediate) and
 * every sum through ks_money_add, so an absurd menu fails instead of
 * wrapping.
 */
#include "kiosk/domain/pricing.h"

#include <assert.h>
#include <stdlib.h>

/* total * weight / sum and its remainder; 64-bit arithmetic when the product fits. */
static void share_of(ks_money total, ks_money weight, ks_money sum, ks_money *quot, ks_money *rem)
{
    ks_money product;
    if (!__builtin_mul_overflow(total, weight, &product)) {
        *quot = product / sum;
        *rem = product % sum;
        return;
    }
    __int128 wide = (__int128)total * weight;
    *quot = (ks_money)(wide / sum); /* <= total: weight <= sum */
    *rem = (ks_money)(wide % sum);
}

bool ks_pricing_allocate(ks_money total, const ks_money *weights, size_t n, ks_money *out)
{
    ks_money sum = 0;
    if (total < 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (weights[i] < 0 || !ks_money_add(sum, weights[i], &sum))
            return false;
        out[i] = 0;
    }
    if (total == 0)
        return true;
    if (sum == 0)
        return false;
    ks_money given = 0;
    for (size_t i = 0; i < n; i++) {
        ks_money rem;
        share_of(total, weights[i], sum, &out[i], &rem);
        given += out[i];
    }
    /*
     * Fewer halalas are left than there are non-zero remainders, so they go
     * one each. Each round takes the next entry in (remainder descending,
     * index ascending) order after the previous pick, which needs no
     * storage: O(n) per halala left, O(n^2) at worst.
     */
    ks_money last_rem = 0;
    size_t last = SIZE_MAX;
    for (ks_money k = 0; k < total - given; k++) {
        size_t best = SIZE_MAX;
        ks_money best_rem = -1;
        for (size_t i = 0; i < n; i++) {
            ks_money quot, rem;
            share_of(total, weights[i], sum, &quot, &rem);
            if (last != SIZE_MAX && (rem > last_rem || (rem == last_rem && i <= last)))
                continue;
            if (rem > best_rem) {
                best = i;
                best_rem = rem;
            }
        }
        if (best == SIZE_MAX)
            return false; /* cannot happen: see above */
        out[best]++;
        last = best;
        last_rem = best_rem;
    }
    return true;
}

void ks_pricing_free(ks_pricing *pricing)
{
    if (!pricing)
        return;
    free(pricing->lines);
    free(pricing->vat);
    ks_promotion_result_free(pricing->promos);
    free(pricing);
}

/* Unit price and amount of one cart line; false on overflow or a negative price. */
static bool price_line(const ks_cart_line *line, ks_priced_line *out)
{
    const ks_item *item = line->item;
    out->line_id = line->id;
    out->line = line;
    out->vat_rate_bp = item->tax ? item->tax->rate_bp : 0;
    if (out->vat_rate_bp < 0 || out->vat_rate_bp > 10000)
        return false;
    return ks_cart_line_unit_price(line, &out->unit_price) &&
           ks_unit_amount(ks_cart_line_unit(line), out->unit_price, line->quantity, &out->amount);
}

/* Adds rate to the ascending, duplicate-free rows[0..*n). */
static void add_rate(ks_vat_row *rows, size_t *n, int32_t rate)
{
    size_t i = 0;
    while (i < *n && rows[i].rate_bp < rate)
        i++;
    if (i < *n && rows[i].rate_bp == rate)
        return;
    for (size_t j = *n; j > i; j--)
        rows[j] = rows[j - 1];
    rows[i] = (ks_vat_row){.rate_bp = rate};
    (*n)++;
}

/* Works out one VAT row and its lines' VAT, net and gross (steps 3 and 4). */
static bool price_vat_row(ks_pricing *pr, ks_vat_row *row, ks_money *weights, ks_money *parts)
{
    ks_money row_total = 0;
    for (size_t i = 0; i < pr->n_lines; i++) {
        const ks_priced_line *line = &pr->lines[i];
        weights[i] = line->vat_rate_bp == row->rate_bp ? line->amount - line->discount : 0;
        if (!ks_money_add(row_total, weights[i], &row_total))
            return false;
    }
    int64_t den = pr->prices_include_tax ? 10000 + (int64_t)row->rate_bp : 10000;
    if (!ks_money_mul_div(row_total, row->rate_bp, den, &row->vat) ||
        !ks_pricing_allocate(row->vat, weights, pr->n_lines, parts))
        return false;
    row->taxable = pr->prices_include_tax ? row_total - row->vat : row_total;
    for (size_t i = 0; i < pr->n_lines; i++) {
        ks_priced_line *line = &pr->lines[i];
        if (line->vat_rate_bp != row->rate_bp)
            continue;
        line->vat = parts[i];
        if (pr->prices_include_tax) {
            line->gross = weights[i];
            line->net = weights[i] - parts[i];
        } else {
            line->net = weights[i];
            if (!ks_money_add(weights[i], parts[i], &line->gross))
                return false;
        }
    }
    return true;
}

/*
 * The invariants pricing.h states, asserted in debug builds (the tests also
 * check them for every case). The sums cannot overflow: each total was
 * built from the same terms with ks_money_add.
 */
static bool __attribute__((unused)) sums_agree(const ks_pricing *pr)
{
    ks_money amount = 0, discount = 0, net = 0, vat = 0, taxable = 0, row_vat = 0;
    for (size_t i = 0; i < pr->n_lines; i++) {
        const ks_priced_line *pl = &pr->lines[i];
        if (pl->discount < 0 || pl->discount > pl->amount || pl->gross != pl->net + pl->vat)
            return false;
        amount += pl->amount;
        discount += pl->discount;
        net += pl->net;
        vat += pl->vat;
    }
    for (size_t r = 0; r < pr->n_vat; r++) {
        taxable += pr->vat[r].taxable;
        row_vat += pr->vat[r].vat;
    }
    ks_money after_discount = pr->subtotal - pr->discount;
    return amount == pr->subtotal && discount == pr->discount && net == pr->total_net &&
           taxable == net && vat == pr->total_vat && row_vat == vat &&
           pr->total == pr->total_net + pr->total_vat &&
           (pr->prices_include_tax ? pr->total : pr->total_net) == after_discount;
}

ks_pricing *ks_pricing_new(const ks_cart *cart, ks_local_time at)
{
    const ks_catalog *cat = ks_cart_catalog(cart);
    size_t n = ks_cart_count(cart), alloc_n = n ? n : 1;
    ks_promo_line *promo_lines = NULL;
    ks_money *weights = NULL, *parts = NULL;
    ks_pricing *pr = calloc(1, sizeof *pr);
    if (!pr)
        goto error;
    pr->prices_include_tax = ks_catalog_prices_include_tax(cat);
    pr->lines = calloc(alloc_n, sizeof *pr->lines);
    pr->vat = calloc(alloc_n, sizeof *pr->vat);
    promo_lines = calloc(alloc_n, sizeof *promo_lines);
    weights = calloc(alloc_n, sizeof *weights);
    parts = calloc(alloc_n, sizeof *parts);
    if (!pr->lines || !pr->vat || !promo_lines || !weights || !parts)
        goto error;
    pr->n_lines = n;

    for (size_t i = 0; i < n; i++) {
        const ks_cart_line *line = ks_cart_line_at(cart, i);
        ks_priced_line *pl = &pr->lines[i];
        if (!price_line(line, pl))
            goto error;
        bool weighed = ks_cart_line_unit(line) == KS_UNIT_KG;
        promo_lines[i] = (ks_promo_line){.item = line->item,
                                         .units = weighed ? 1 : line->quantity,
                                         .unit_price = weighed ? pl->amount : pl->unit_price};
        add_rate(pr->vat, &pr->n_vat, pl->vat_rate_bp);
        if (!ks_money_add(pr->subtotal, pl->amount, &pr->subtotal))
            goto error;
    }

    size_t n_promos;
    const ks_promotion *promos = ks_catalog_promotions(cat, &n_promos);
    pr->promos = ks_promotion_apply(promos, n_promos, promo_lines, n, at);
    if (!pr->promos)
        goto error;
    for (size_t i = 0; i < n; i++) {
        const ks_promo_line_result *result = &pr->promos->lines[i];
        pr->lines[i].discount = result->discount;
        pr->lines[i].promos = result->shares;
        pr->lines[i].n_promos = result->n_shares;
    }

    for (size_t r = 0; r < pr->n_vat; r++)
        if (!price_vat_row(pr, &pr->vat[r], weights, parts))
            goto error;
    for (size_t i = 0; i < n; i++) {
        const ks_priced_line *pl = &pr->lines[i];
        if (!ks_money_add(pr->discount, pl->discount, &pr->discount) ||
            !ks_money_add(pr->total_net, pl->net, &pr->total_net) ||
            !ks_money_add(pr->total_vat, pl->vat, &pr->total_vat))
            goto error;
    }
    if (!ks_money_add(pr->total_net, pr->total_vat, &pr->total))
        goto error;
    assert(sums_agree(pr));
    free(promo_lines);
    free(weights);
    free(parts);
    return pr;
error:
    free(promo_lines);
    free(weights);
    free(parts);
    ks_pricing_free(pr);
    return NULL;
}
