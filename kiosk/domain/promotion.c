/*
 * The promotion engine (see kiosk/domain/promotion.h).
 *
 * Units. A line is `units` identical units (a weighed line is one unit
 * priced at the line amount). A unit takes part in at most one item
 * promotion; whole-order promotions come after, on what is left.
 *
 * Candidates. The item promotions (not whole_order) that are active at the
 * given time, have sane parameters and can touch the cart (a target that
 * matches some line; for a bundle, every component does), sorted by id.
 * P is their number; the search below picks a subset S of them.
 *
 * Applying a subset S is greedy and deterministic, in three passes, the
 * promotions that need particular units first and those that take any
 * unit last:
 *  1. bundle_price promotions of S, by id. Repeatedly pick one unit per
 *     component, most expensive first: a depth-first search over lines with
 *     components in menu order and lines by price descending, then cart
 *     order, of at most BUNDLE_SEARCH_STEPS steps per bundle. A bundle is
 *     formed while its units cost more than bundle_price; identical bundles
 *     are formed in one step. The promotion's discount (value of its units
 *     minus bundles * bundle_price) is spread over its lines in proportion
 *     to their value by largest remainder (for the chosen S only: the
 *     search compares totals).
 *  2. buy_x_get_y promotions of S, by id. The available targeted units, by
 *     price descending then cart order, are cut into groups of buy+get; in
 *     each group the last `get` (the cheapest) lose get_percent_bp. Units
 *     short of a full group (the cheapest) stay free for others. No other
 *     grouping of the same units gives more.
 *  3. percent_off and amount_off promotions of S together: all remaining
 *     units of a line go to whichever of them takes the most off (ties: the
 *     smaller id); amount_off never takes a unit below zero.
 * Each promotion's discount on a line is rounded half up once.
 *
 * Choosing S. With P <= KS_PROMO_EXHAUSTIVE_MAX every subset is applied
 * (at most 4096 applications) and the best wins: the largest total
 * discount, then fewer promotions, then the lexicographically smaller list
 * of ids. With more, greedily: each candidate alone, then candidates added
 * in order of that solo discount (largest first, ties by id) and kept when
 * they raise the total (2P applications). One application costs O(P * L)
 * for L lines, plus per bundle formed a search bounded by
 * BUNDLE_SEARCH_STEPS; memory is O(P * L). Measured on a desktop core:
 * 12 overlapping candidates (bundles, buy-x-get-y, percent, amount) over
 * 5 lines take about 3 ms, over 100 lines of many units about 30 ms; 40
 * candidates (greedy) over 100 lines about 1 ms.
 *
 * Whole order. Each active whole-order promotion whose min_order the
 * subtotal (before any discount) reaches is priced on what is left after
 * item promotions: percent_off takes percent_bp of it, amount_off its
 * amount once, never more than is left. They do not stack: the single
 * largest wins (ties: the smaller id). Its amount is spread over the lines
 * in proportion to what each has left, by largest remainder.
 */
#include "kiosk/domain/promotion.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/pricing.h"

#define MAX_COMPONENTS 8
#define BUNDLE_SEARCH_STEPS 4096

typedef struct engine {
    const ks_promo_line *lines; /* borrowed */
    size_t n_lines;
    const ks_promotion **cands; /* owned array of borrowed promotions, sorted by id */
    size_t n_cands;
    size_t *by_price;   /* owned: line indices by price descending, then index */
    uint8_t *match;     /* owned: [cand][component][line]; component 0 for targets */
    size_t *lists;      /* owned: per (cand, component) its matching lines, by price */
    size_t *list_start; /* owned: [cand * MAX_COMPONENTS + component] -> index in lists */
    int32_t *remaining; /* owned: units per line not yet taken */
    int32_t *used;      /* owned: [cand][line] units taken */
    ks_money *disc;     /* owned: [cand][line] discount */
    ks_money *weights;  /* owned scratch, one per line */
} engine;

static bool target_matches(const ks_promo_target *target, const ks_item *item)
{
    for (size_t i = 0; i < target->n_items; i++)
        if (target->items[i] == item)
            return true;
    for (size_t i = 0; item->category && i < target->n_categories; i++)
        if (target->categories[i] == item->category)
            return true;
    return false;
}

static bool params_valid(const ks_promotion *p)
{
    switch (p->kind) {
    case KS_PROMO_PERCENT_OFF:
        return p->percent_bp >= 1 && p->percent_bp <= 10000;
    case KS_PROMO_AMOUNT_OFF:
        return p->amount > 0;
    case KS_PROMO_BUY_X_GET_Y:
        return !p->whole_order && p->buy_qty >= 1 && p->get_qty >= 1 && p->get_percent_bp >= 1 &&
               p->get_percent_bp <= 10000;
    case KS_PROMO_BUNDLE_PRICE:
        return !p->whole_order && p->components && p->n_components >= 1 &&
               p->n_components <= MAX_COMPONENTS && p->bundle_price >= 0;
    }
    return false;
}

static uint8_t *match_at(const engine *e, size_t cand, size_t component, size_t line)
{
    return &e->match[(cand * MAX_COMPONENTS + component) * e->n_lines + line];
}

static size_t n_components(const ks_promotion *p)
{
    return p->kind == KS_PROMO_BUNDLE_PRICE ? p->n_components : 1;
}

/* Fills the match table for candidate c; false when some component matches no line. */
static bool fill_matches(engine *e, size_t c)
{
    const ks_promotion *p = e->cands[c];
    memset(match_at(e, c, 0, 0), 0, MAX_COMPONENTS * e->n_lines); /* a dropped one's leftovers */
    for (size_t k = 0; k < n_components(p); k++) {
        const ks_promo_target *target =
            p->kind == KS_PROMO_BUNDLE_PRICE ? &p->components[k] : &p->target;
        bool any = false;
        for (size_t l = 0; l < e->n_lines; l++) {
            bool m = e->lines[l].units > 0 && target_matches(target, e->lines[l].item);
            *match_at(e, c, k, l) = m;
            any = any || m;
        }
        if (!any)
            return false;
    }
    return true;
}

static int cmp_promo_id(const void *a, const void *b)
{
    return strcmp((*(const ks_promotion *const *)a)->id, (*(const ks_promotion *const *)b)->id);
}

/* An amount (a unit price, a solo discount) and whose it is, for ranking. */
typedef struct rank_key {
    ks_money value;
    size_t index;
} rank_key;

/* Largest value first, then the smaller index. */
static int cmp_rank(const void *a, const void *b)
{
    const rank_key *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void engine_release(engine *e)
{
    free(e->cands);
    free(e->by_price);
    free(e->match);
    free(e->lists);
    free(e->list_start);
    free(e->remaining);
    free(e->used);
    free(e->disc);
    free(e->weights);
}

/* Lists, per candidate and component, the lines it matches in price order (see matching()). */
static bool build_lists(engine *e)
{
    size_t slots = e->n_cands * MAX_COMPONENTS, total = 0, pos = 0;
    for (size_t i = 0; i < slots * e->n_lines; i++)
        total += e->match[i];
    e->list_start = calloc(slots + 1, sizeof *e->list_start);
    e->lists = calloc(total ? total : 1, sizeof *e->lists);
    if (!e->list_start || !e->lists)
        return false;
    for (size_t slot = 0; slot < slots; slot++) {
        e->list_start[slot] = pos;
        for (size_t k = 0; k < e->n_lines; k++)
            if (e->match[slot * e->n_lines + e->by_price[k]])
                e->lists[pos++] = e->by_price[k];
    }
    e->list_start[slots] = pos;
    return true;
}

static bool engine_init(engine *e, const ks_promotion *promos, size_t n_promos,
                        const ks_promo_line *lines, size_t n_lines, ks_local_time at)
{
    *e = (engine){.lines = lines, .n_lines = n_lines};
    size_t nl = n_lines ? n_lines : 1, np = n_promos ? n_promos : 1;
    e->cands = calloc(np, sizeof *e->cands);
    e->by_price = calloc(nl, sizeof *e->by_price);
    e->remaining = calloc(nl, sizeof *e->remaining);
    e->weights = calloc(nl, sizeof *e->weights);
    rank_key *keys = calloc(nl, sizeof *keys);
    if (!e->cands || !e->by_price || !e->remaining || !e->weights || !keys)
        goto error;

    for (size_t l = 0; l < n_lines; l++)
        keys[l] = (rank_key){.value = lines[l].unit_price, .index = l};
    qsort(keys, n_lines, sizeof *keys, cmp_rank);
    for (size_t l = 0; l < n_lines; l++)
        e->by_price[l] = keys[l].index;
    free(keys);
    keys = NULL;

    for (size_t i = 0; i < n_promos; i++) {
        const ks_promotion *p = &promos[i];
        if (!p->whole_order && params_valid(p) &&
            ks_time_windows_contain(p->available, p->n_available, at))
            e->cands[e->n_cands++] = p;
    }
    qsort(e->cands, e->n_cands, sizeof *e->cands, cmp_promo_id);

    size_t nc = e->n_cands ? e->n_cands : 1;
    e->match = calloc(nc * MAX_COMPONENTS * nl, 1);
    e->used = calloc(nc * nl, sizeof *e->used);
    e->disc = calloc(nc * nl, sizeof *e->disc);
    if (!e->match || !e->used || !e->disc)
        goto error;
    /* Drop the candidates that cannot touch this cart, keeping the id order. */
    size_t kept = 0;
    for (size_t c = 0; c < e->n_cands; c++) {
        e->cands[kept] = e->cands[c];
        if (fill_matches(e, kept))
            kept++;
    }
    e->n_cands = kept;
    if (!build_lists(e))
        goto error;
    return true;
error:
    free(keys);
    engine_release(e);
    return false;
}

/* The lines component k of candidate c matches, by price descending, then cart order. */
static const size_t *matching(const engine *e, size_t c, size_t k, size_t *n)
{
    size_t slot = c * MAX_COMPONENTS + k;
    *n = e->list_start[slot + 1] - e->list_start[slot];
    return &e->lists[e->list_start[slot]];
}

/* Depth-first search for one unit per component of bundle c, most expensive first. */
static bool bundle_search(const engine *e, size_t c, size_t component, size_t *pick, long *budget)
{
    const ks_promotion *p = e->cands[c];
    if (component == p->n_components)
        return true;
    size_t n;
    const size_t *lines = matching(e, c, component, &n);
    for (size_t k = 0; k < n; k++) {
        size_t l = lines[k];
        int32_t taken = 0;
        for (size_t j = 0; j < component; j++)
            taken += pick[j] == l;
        if (e->remaining[l] <= taken)
            continue;
        if ((*budget)-- <= 0)
            return false;
        pick[component] = l;
        if (bundle_search(e, c, component + 1, pick, budget))
            return true;
    }
    return false;
}

/* Whether every component of bundle c still has a unit: spares the search its hopeless cases. */
static bool components_available(const engine *e, size_t c)
{
    for (size_t k = 0; k < e->cands[c]->n_components; k++) {
        size_t n, i = 0;
        const size_t *lines = matching(e, c, k, &n);
        while (i < n && e->remaining[lines[i]] == 0)
            i++;
        if (i == n)
            return false;
    }
    return true;
}

/*
 * Forms bundle c's bundles; *discount is what they take off in all. Only
 * with `spread` is it shared out over the lines (into disc): the search
 * needs just the total.
 */
static bool apply_bundle(engine *e, size_t c, bool spread, ks_money *discount)
{
    const ks_promotion *p = e->cands[c];
    size_t nc = p->n_components, pick[MAX_COMPONENTS];
    int32_t *used = &e->used[c * e->n_lines];
    ks_money bundles = 0;
    for (;;) {
        long budget = BUNDLE_SEARCH_STEPS;
        if (!components_available(e, c) || !bundle_search(e, c, 0, pick, &budget))
            break;
        ks_money value = 0;
        for (size_t i = 0; i < nc; i++)
            if (!ks_money_add(value, e->lines[pick[i]].unit_price, &value))
                return false;
        if (value <= p->bundle_price)
            break;
        int32_t k = INT32_MAX;
        for (size_t i = 0; i < nc; i++) {
            int32_t uses = 0;
            for (size_t j = 0; j < nc; j++)
                uses += pick[j] == pick[i];
            if (e->remaining[pick[i]] / uses < k)
                k = e->remaining[pick[i]] / uses;
        }
        for (size_t i = 0; i < nc; i++) {
            e->remaining[pick[i]] -= k;
            used[pick[i]] += k;
        }
        bundles += k;
    }
    *discount = 0;
    if (bundles == 0)
        return true;
    ks_money value = 0, cost;
    for (size_t l = 0; l < e->n_lines; l++)
        if (!ks_money_mul_div(e->lines[l].unit_price, used[l], 1, &e->weights[l]) ||
            !ks_money_add(value, e->weights[l], &value))
            return false;
    if (!ks_money_mul_div(p->bundle_price, bundles, 1, &cost))
        return false;
    *discount = value - cost;
    return !spread ||
           ks_pricing_allocate(*discount, e->weights, e->n_lines, &e->disc[c * e->n_lines]);
}

/* Discounted units among the first x of a sequence cut into groups of m = buy + get. */
static int64_t bxgy_discounted_before(int64_t x, int64_t m, int64_t buy, int64_t get)
{
    int64_t in_group = x % m - buy;
    return x / m * get + (in_group > 0 ? in_group : 0);
}

static bool apply_bxgy(engine *e, size_t c)
{
    const ks_promotion *p = e->cands[c];
    size_t n_lines;
    const size_t *lines = matching(e, c, 0, &n_lines);
    int64_t m = (int64_t)p->buy_qty + p->get_qty, n = 0;
    for (size_t k = 0; k < n_lines; k++)
        n += e->remaining[lines[k]];
    int64_t consumed = n / m * m, pos = 0;
    for (size_t k = 0; k < n_lines && pos < consumed; k++) {
        size_t l = lines[k];
        if (e->remaining[l] == 0)
            continue;
        int64_t take = consumed - pos < e->remaining[l] ? consumed - pos : e->remaining[l];
        int64_t got = bxgy_discounted_before(pos + take, m, p->buy_qty, p->get_qty) -
                      bxgy_discounted_before(pos, m, p->buy_qty, p->get_qty);
        e->remaining[l] -= (int32_t)take;
        e->used[c * e->n_lines + l] += (int32_t)take;
        if (!ks_money_mul_div(e->lines[l].unit_price, got * p->get_percent_bp, 10000,
                              &e->disc[c * e->n_lines + l]))
            return false;
        pos += take;
    }
    return true;
}

/* What per-unit promotion p takes off `units` units at `price`. */
static bool per_unit_discount(const ks_promotion *p, ks_money price, int32_t units, ks_money *out)
{
    if (p->kind == KS_PROMO_PERCENT_OFF)
        return ks_money_mul_div(price, (int64_t)units * p->percent_bp, 10000, out);
    return ks_money_mul_div(p->amount < price ? p->amount : price, units, 1, out);
}

static bool apply_per_unit(engine *e, const bool *in)
{
    for (size_t l = 0; l < e->n_lines; l++) {
        int32_t units = e->remaining[l];
        size_t best = SIZE_MAX;
        ks_money best_d = 0;
        for (size_t c = 0; units > 0 && c < e->n_cands; c++) {
            const ks_promotion *p = e->cands[c];
            ks_money d;
            if (!in[c] || !*match_at(e, c, 0, l) ||
                (p->kind != KS_PROMO_PERCENT_OFF && p->kind != KS_PROMO_AMOUNT_OFF))
                continue;
            if (!per_unit_discount(p, e->lines[l].unit_price, units, &d))
                return false;
            if (d > best_d) { /* strictly: on a tie the smaller id, seen first, stays */
                best = c;
                best_d = d;
            }
        }
        if (best != SIZE_MAX) {
            e->remaining[l] = 0;
            e->used[best * e->n_lines + l] = units;
            e->disc[best * e->n_lines + l] = best_d;
        }
    }
    return true;
}

/*
 * Applies subset `in` (flags per candidate) from scratch; *total is its
 * whole discount. With `spread`, bundle discounts are also shared out over
 * their lines, so used and disc describe the outcome completely.
 */
static bool apply_subset(engine *e, const bool *in, bool spread, ks_money *total)
{
    ks_money sum = 0;
    for (size_t l = 0; l < e->n_lines; l++)
        e->remaining[l] = e->lines[l].units;
    memset(e->used, 0, e->n_cands * e->n_lines * sizeof *e->used);
    memset(e->disc, 0, e->n_cands * e->n_lines * sizeof *e->disc);
    for (size_t c = 0; c < e->n_cands; c++) {
        ks_money d;
        if (in[c] && e->cands[c]->kind == KS_PROMO_BUNDLE_PRICE &&
            (!apply_bundle(e, c, spread, &d) || !ks_money_add(sum, d, &sum)))
            return false;
    }
    for (size_t c = 0; c < e->n_cands; c++)
        if (in[c] && e->cands[c]->kind == KS_PROMO_BUY_X_GET_Y && !apply_bxgy(e, c))
            return false;
    if (!apply_per_unit(e, in))
        return false;
    for (size_t c = 0; c < e->n_cands; c++) {
        if (e->cands[c]->kind == KS_PROMO_BUNDLE_PRICE)
            continue; /* counted above, spread or not */
        for (size_t l = 0; l < e->n_lines; l++)
            if (!ks_money_add(sum, e->disc[c * e->n_lines + l], &sum))
                return false;
    }
    *total = sum;
    return true;
}

static size_t count_in(const bool *in, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += in[i];
    return count;
}

/*
 * Whether subset a beats subset b. Candidates are sorted by id, so the
 * lowest index in exactly one of two equal-sized subsets belongs to the
 * one whose sorted id list is lexicographically smaller.
 */
static bool subset_better(ks_money total_a, const bool *a, ks_money total_b, const bool *b,
                          size_t n)
{
    if (total_a != total_b)
        return total_a > total_b;
    size_t count_a = count_in(a, n), count_b = count_in(b, n);
    if (count_a != count_b)
        return count_a < count_b;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i];
    return false;
}

static bool search_exhaustive(engine *e, bool *in, bool *best)
{
    ks_money best_total = 0;
    memset(best, 0, e->n_cands * sizeof *best);
    for (uint32_t mask = 1; mask < (UINT32_C(1) << e->n_cands); mask++) {
        for (size_t c = 0; c < e->n_cands; c++)
            in[c] = mask >> c & 1;
        ks_money total;
        if (!apply_subset(e, in, false, &total))
            return false;
        if (subset_better(total, in, best_total, best, e->n_cands)) {
            memcpy(best, in, e->n_cands * sizeof *best);
            best_total = total;
        }
    }
    return true;
}

static bool search_greedy(engine *e, bool *in, bool *best)
{
    rank_key *solo = calloc(e->n_cands, sizeof *solo);
    if (!solo)
        return false;
    for (size_t c = 0; c < e->n_cands; c++) {
        memset(in, 0, e->n_cands * sizeof *in);
        in[c] = true;
        solo[c].index = c;
        if (!apply_subset(e, in, false, &solo[c].value))
            goto error;
    }
    qsort(solo, e->n_cands, sizeof *solo, cmp_rank);
    memset(best, 0, e->n_cands * sizeof *best);
    ks_money current = 0;
    for (size_t i = 0; i < e->n_cands && solo[i].value > 0; i++) {
        ks_money total;
        best[solo[i].index] = true;
        if (!apply_subset(e, best, false, &total))
            goto error;
        if (total > current)
            current = total;
        else
            best[solo[i].index] = false;
    }
    free(solo);
    return true;
error:
    free(solo);
    return false;
}

/* The best whole-order promotion for what is left; *out_amount 0 and NULL when none applies. */
static bool best_order_promo(const ks_promotion *promos, size_t n_promos, ks_money subtotal,
                             ks_money left, ks_local_time at, const ks_promotion **out,
                             ks_money *out_amount)
{
    *out = NULL;
    *out_amount = 0;
    for (size_t i = 0; i < n_promos; i++) {
        const ks_promotion *p = &promos[i];
        if (!p->whole_order || !params_valid(p) || subtotal < p->min_order ||
            (p->kind != KS_PROMO_PERCENT_OFF && p->kind != KS_PROMO_AMOUNT_OFF) ||
            !ks_time_windows_contain(p->available, p->n_available, at))
            continue;
        ks_money d = p->amount < left ? p->amount : left;
        if (p->kind == KS_PROMO_PERCENT_OFF && !ks_money_mul_div(left, p->percent_bp, 10000, &d))
            return false;
        if (d > *out_amount || (d > 0 && d == *out_amount && strcmp(p->id, (*out)->id) < 0)) {
            *out = p;
            *out_amount = d;
        }
    }
    return true;
}

/* Copies the chosen subset's figures and the order discount into the result. */
static bool fill_result(ks_promo_result *r, const engine *e, const ks_money *order_parts)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n_cands * e->n_lines; i++)
        n += e->disc[i] > 0;
    for (size_t l = 0; order_parts && l < e->n_lines; l++)
        n += order_parts[l] > 0;
    r->shares = calloc(n ? n : 1, sizeof *r->shares);
    if (!r->shares)
        return false;
    for (size_t l = 0; l < e->n_lines; l++) {
        ks_promo_line_result *line = &r->lines[l];
        line->shares = &r->shares[r->n_shares];
        for (size_t c = 0; c < e->n_cands; c++) {
            ks_money d = e->disc[c * e->n_lines + l];
            if (d > 0)
                r->shares[r->n_shares++] = (ks_promo_share){
                    .promo = e->cands[c], .units = e->used[c * e->n_lines + l], .amount = d};
        }
        if (order_parts && order_parts[l] > 0)
            r->shares[r->n_shares++] =
                (ks_promo_share){.promo = r->order_promo, .amount = order_parts[l]};
        line->n_shares = (size_t)(&r->shares[r->n_shares] - line->shares);
        for (size_t s = 0; s < line->n_shares; s++)
            line->discount += line->shares[s].amount;
    }
    return true;
}

ks_promo_result *ks_promotion_apply(const ks_promotion *promos, size_t n_promos,
                                    const ks_promo_line *lines, size_t n_lines, ks_local_time at)
{
    for (size_t l = 0; l < n_lines; l++)
        if (lines[l].units < 0 || lines[l].unit_price < 0)
            return NULL;
    engine e;
    if (!engine_init(&e, promos, n_promos, lines, n_lines, at))
        return NULL;
    ks_money *order_parts = NULL;
    bool *in = calloc(e.n_cands ? e.n_cands : 1, sizeof *in);
    bool *best = calloc(e.n_cands ? e.n_cands : 1, sizeof *best);
    ks_promo_result *r = calloc(1, sizeof *r);
    if (!in || !best || !r)
        goto error;
    r->lines = calloc(n_lines ? n_lines : 1, sizeof *r->lines);
    if (!r->lines)
        goto error;
    r->n_lines = n_lines;
    r->n_candidates = e.n_cands;
    r->exhaustive = e.n_cands <= KS_PROMO_EXHAUSTIVE_MAX;
    if (!(r->exhaustive ? search_exhaustive(&e, in, best) : search_greedy(&e, in, best)))
        goto error;
    if (!apply_subset(&e, best, true, &r->item_discount))
        goto error;

    ks_money subtotal = 0;
    for (size_t l = 0; l < n_lines; l++) {
        ks_money amount, taken = 0;
        if (!ks_money_mul_div(lines[l].unit_price, lines[l].units, 1, &amount))
            goto error;
        for (size_t c = 0; c < e.n_cands; c++)
            taken += e.disc[c * n_lines + l]; /* <= amount: cannot overflow */
        e.weights[l] = amount - taken;
        if (!ks_money_add(subtotal, amount, &subtotal))
            goto error;
    }
    if (!best_order_promo(promos, n_promos, subtotal, subtotal - r->item_discount, at,
                          &r->order_promo, &r->order_discount))
        goto error;
    if (r->order_promo) {
        order_parts = calloc(n_lines, sizeof *order_parts);
        if (!order_parts ||
            !ks_pricing_allocate(r->order_discount, e.weights, n_lines, order_parts))
            goto error;
    }
    if (fill_result(r, &e, order_parts))
        goto done;
error:
    ks_promotion_result_free(r);
    r = NULL;
done:
    free(order_parts);
    free(in);
    free(best);
    engine_release(&e);
    return r;
}

void ks_promotion_result_free(ks_promo_result *result)
{
    if (!result)
        return;
    free(result->lines);
    free(result->shares);
    free(result);
}

int ks_promotion_note(const ks_promo_share *shares, size_t n, const ks_currency *cur,
                      enum ks_lang lang, char *out, size_t cap)
{
    if (!out || cap == 0)
        return -1;
    const char *separator = lang == KS_LANG_AR ? "\xD8\x9B " : "; "; /* U+061B ARABIC SEMICOLON */
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char amount[KS_MONEY_FORMAT_CAP];
        if (ks_money_format(amount, sizeof amount, -shares[i].amount, cur, lang,
                            KS_NUMERALS_WESTERN) < 0)
            goto too_small;
        int w = snprintf(out + len, cap - len, "%s%s: %s", i ? separator : "",
                         ks_text_get(&shares[i].promo->name, lang), amount);
        if (w < 0 || (size_t)w >= cap - len)
            goto too_small;
        len += (size_t)w;
    }
    return (int)len;
too_small:
    out[0] = '\0';
    return -1;
}
