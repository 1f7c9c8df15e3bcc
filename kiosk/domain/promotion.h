/*
 * Automatic promotions: given the units in a cart and the catalog's
 * promotions, decide which promotions apply to which units so that the
 * customer gets the largest discount, deterministically, and say per line
 * which promotions took how much off. Rules are in kiosk/docs/menu-format.md;
 * the search itself is described at the top of promotion.c. Pure domain code.
 */
#ifndef KIOSK_DOMAIN_PROMOTION_H
#define KIOSK_DOMAIN_PROMOTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/catalog.h"
#include "kiosk/domain/money.h"

/* Up to this many applicable item promotions are searched exhaustively, more greedily. */
#define KS_PROMO_EXHAUSTIVE_MAX 12

/*
 * One cart line as promotions see it: `units` identical units of `item`.
 * A weighed line is a single unit priced at the whole line amount.
 */
typedef struct ks_promo_line {
    const ks_item *item; /* borrowed */
    int32_t units;       /* >= 0 */
    ks_money unit_price; /* >= 0, catalog tax treatment, with modifiers */
} ks_promo_line;

typedef struct ks_promo_share {
    const ks_promotion *promo; /* borrowed from the catalog */
    int32_t units;             /* units of the line taking part; 0 for a whole-order promotion */
    ks_money amount;           /* discount on the line, > 0, catalog tax treatment */
} ks_promo_share;

typedef struct ks_promo_line_result {
    const ks_promo_share *shares; /* borrowed: item promotions by id, then the whole-order one */
    size_t n_shares;
    ks_money discount; /* sum of the shares; never more than the line amount */
} ks_promo_line_result;

typedef struct ks_promo_result {
    ks_promo_line_result *lines; /* owned, parallel to the input lines */
    size_t n_lines;
    ks_promo_share *shares; /* owned storage behind lines[].shares */
    size_t n_shares;
    ks_money item_discount;          /* total of the item promotions */
    const ks_promotion *order_promo; /* the whole-order promotion applied, or NULL; borrowed */
    ks_money order_discount;         /* its amount, spread over the lines */
    size_t n_candidates;             /* item promotions that could apply */
    bool exhaustive;                 /* every combination of them was tried */
} ks_promo_result;

/*
 * Applies promos[0..n_promos) (borrowed, normally the catalog's) active at
 * local time `at` to lines[0..n_lines), given in cart order: where units
 * are otherwise equal the earlier line is served first. Returns a new
 * result owned by the caller, or NULL when out of memory, on overflow, or
 * for a negative unit count or price.
 */
ks_promo_result *ks_promotion_apply(const ks_promotion *promos, size_t n_promos,
                                    const ks_promo_line *lines, size_t n_lines, ks_local_time at);

/* Accepts NULL. */
void ks_promotion_result_free(ks_promo_result *result);

/*
 * Writes the note shown under a line, e.g. "Fries BOGO: -5.00 SAR; Weekend
 * 10%: -1.20 SAR", with the promotion names and the currency symbol of lang.
 * Writes "" for no shares. Returns bytes written (excluding NUL) or -1 when
 * cap is too small (out then holds ""). Each share needs at most its name's
 * length + KS_MONEY_FORMAT_CAP + 4 bytes.
 */
int ks_promotion_note(const ks_promo_share *shares, size_t n, const ks_currency *cur,
                      enum ks_lang lang, char *out, size_t cap);

#endif
