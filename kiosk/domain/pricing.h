/*
 * Pricing: what a cart costs at a given local time, with promotions applied
 * and VAT worked out the way a Saudi simplified tax invoice needs it: every
 * amount in whole halalas, rounded half up, and every total the exact sum
 * of its parts (lines, VAT rows, order). The method is described at the top
 * of pricing.c. Pure domain code.
 */
#ifndef KIOSK_DOMAIN_PRICING_H
#define KIOSK_DOMAIN_PRICING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/cart.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/domain/money.h"
#include "kiosk/domain/promotion.h"

typedef struct ks_priced_line {
    ks_line_id line_id;
    const ks_cart_line *line; /* borrowed from the cart: valid until the cart changes */
    int32_t vat_rate_bp;
    ks_money unit_price; /* per piece, or per kg; catalog tax treatment, with all choices */
    ks_money amount;     /* before discounts: unit_price * quantity (kg: * grams / 1000, half up) */
    ks_money discount;   /* item and whole-order promotions, <= amount */
    ks_money net;        /* excluding VAT, after the discount */
    ks_money vat;
    ks_money gross;               /* net + vat */
    const ks_promo_share *promos; /* borrowed from the pricing: what made up `discount` */
    size_t n_promos;
} ks_priced_line;

typedef struct ks_vat_row {
    int32_t rate_bp;
    ks_money taxable; /* sum of the lines' net at this rate */
    ks_money vat;     /* sum of the lines' VAT at this rate */
} ks_vat_row;

/*
 * Invariants (checked by the tests for every case):
 *   sum(lines.net) = sum(vat.taxable) = total_net
 *   sum(lines.vat) = sum(vat.vat) = total_vat, total = total_net + total_vat
 *   sum(lines.amount) = subtotal, sum(lines.discount) = discount
 *   prices include tax: total = subtotal - discount; else total_net = subtotal - discount
 */
typedef struct ks_pricing {
    bool prices_include_tax;
    ks_priced_line *lines; /* owned, cart order */
    size_t n_lines;
    ks_vat_row *vat; /* owned, one row per rate present, ascending */
    size_t n_vat;
    ks_money subtotal; /* catalog tax treatment */
    ks_money discount;
    ks_money total_net;
    ks_money total_vat;
    ks_money total;          /* what the customer pays */
    ks_promo_result *promos; /* owned */
} ks_pricing;

/*
 * Prices the cart (borrowed; the result refers to its lines until it
 * changes) with the catalog's promotions active at local time `at`.
 * Returns NULL when out of memory or when an amount would overflow.
 */
ks_pricing *ks_pricing_new(const ks_cart *cart, ks_local_time at);

/* Accepts NULL. */
void ks_pricing_free(ks_pricing *pricing);

/*
 * Splits total (>= 0) over out[0..n) in proportion to weights[0..n) (each
 * >= 0) by the largest remainder method: everyone gets the floor of their
 * exact share, and the halalas left over go one each to the largest
 * fractional remainders, the earlier index first on equal remainders. The
 * parts add up to total exactly. No allocation; O(n^2) at worst. False on
 * negative input, when the weights' sum overflows, or when total > 0 but
 * all weights are 0.
 */
bool ks_pricing_allocate(ks_money total, const ks_money *weights, size_t n, ks_money *out);

#endif
