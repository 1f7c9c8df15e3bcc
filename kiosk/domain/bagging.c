/* The bagging-area check: see kiosk/domain/bagging.h. */
#include "kiosk/domain/bagging.h"

#include <stdlib.h>

/* A weight learned from the scale for a line without an expected weight. */
struct learned {
    ks_line_id line;
    int64_t grams;
};

struct ks_bagging {
    int64_t baseline_g;
    struct learned learned[KS_CART_MAX_LINES];
    size_t n_learned;
};

ks_bagging *ks_bagging_new(int64_t baseline_g)
{
    ks_bagging *b = calloc(1, sizeof *b);
    if (b)
        b->baseline_g = baseline_g;
    return b;
}

void ks_bagging_free(ks_bagging *bagging)
{
    free(bagging);
}

const char *ks_bagging_verdict_name(enum ks_bagging_verdict verdict)
{
    switch (verdict) {
    case KS_BAGGING_OK:
        return "ok";
    case KS_BAGGING_UNEXPECTED_ITEM:
        return "unexpected item in the bagging area";
    case KS_BAGGING_ITEM_NOT_PLACED:
        return "item not placed in the bagging area";
    }
    return "unknown verdict";
}

int64_t ks_bagging_line_weight(const ks_cart_line *line)
{
    const ks_item *item = line->item;
    if (ks_cart_line_unit(line) == KS_UNIT_KG)
        return line->quantity; /* grams from the scale or the label */
    if (item->expected_weight_g <= 0)
        return -1;
    return (int64_t)item->expected_weight_g * line->quantity;
}

int64_t ks_bagging_line_tolerance(const ks_cart_line *line, int64_t weight_g)
{
    int32_t per_piece = line->item->weight_tolerance_g;
    if (per_piece > 0)
        return ks_cart_line_unit(line) == KS_UNIT_KG ? per_piece
                                                     : (int64_t)per_piece * line->quantity;
    int64_t share = (weight_g * KS_BAGGING_TOLERANCE_BP + 5000) / 10000;
    return share > KS_BAGGING_MIN_TOLERANCE_G ? share : KS_BAGGING_MIN_TOLERANCE_G;
}

static struct learned *find_learned(ks_bagging *b, ks_line_id line)
{
    for (size_t i = 0; i < b->n_learned; i++)
        if (b->learned[i].line == line)
            return &b->learned[i];
    return NULL;
}

/* Drops what was learned about lines that left the cart. */
static void forget_gone_lines(ks_bagging *b, const ks_cart *cart)
{
    size_t kept = 0;
    for (size_t i = 0; i < b->n_learned; i++)
        if (ks_cart_find(cart, b->learned[i].line))
            b->learned[kept++] = b->learned[i];
    b->n_learned = kept;
}

/*
 * The expected weight and tolerance of the cart's known and learned lines;
 * *unknown receives the newest line whose weight is not known yet (0 when
 * none), and *n_unknown how many such lines there are.
 */
static void sum_lines(ks_bagging *b, const ks_cart *cart, int64_t *expected, int64_t *tolerance,
                      ks_line_id *unknown, size_t *n_unknown)
{
    *expected = b->baseline_g;
    *tolerance = 0;
    *unknown = 0;
    *n_unknown = 0;
    for (size_t i = 0; i < ks_cart_count(cart); i++) {
        const ks_cart_line *line = ks_cart_line_at(cart, i);
        int64_t w = ks_bagging_line_weight(line);
        if (w < 0) {
            struct learned *l = find_learned(b, line->id);
            if (!l) {
                *unknown = line->id;
                (*n_unknown)++;
                continue;
            }
            w = l->grams;
        }
        *expected += w;
        *tolerance += ks_bagging_line_tolerance(line, w);
    }
}

ks_bagging_result ks_bagging_check(ks_bagging *bagging, const ks_cart *cart, int64_t reading_g)
{
    forget_gone_lines(bagging, cart);
    int64_t expected, tolerance;
    ks_line_id unknown;
    size_t n_unknown;
    sum_lines(bagging, cart, &expected, &tolerance, &unknown, &n_unknown);
    ks_bagging_result r = {.reading_g = reading_g};
    if (n_unknown > 0) {
        /*
         * What the reading holds beyond the rest is the new lines' weight;
         * several unknown lines at once are learned together, on the newest.
         */
        int64_t grams = reading_g - expected;
        int64_t floor = n_unknown * (int64_t)KS_BAGGING_MIN_TOLERANCE_G;
        if (grams >= floor) {
            for (size_t i = 0; i < ks_cart_count(cart); i++) {
                const ks_cart_line *line = ks_cart_line_at(cart, i);
                if (ks_bagging_line_weight(line) < 0 && !find_learned(bagging, line->id))
                    bagging->learned[bagging->n_learned++] =
                        (struct learned){line->id, line->id == unknown ? grams : 0};
            }
            r.learned = unknown;
            sum_lines(bagging, cart, &expected, &tolerance, &unknown, &n_unknown);
        }
    }
    r.expected_g = expected;
    r.min_g = expected - tolerance;
    r.max_g = expected + tolerance;
    if (n_unknown > 0 || reading_g < r.min_g) {
        r.verdict = KS_BAGGING_ITEM_NOT_PLACED;
        r.off_by_g = r.min_g - reading_g > 0 ? r.min_g - reading_g : 0;
    } else if (reading_g > r.max_g) {
        r.verdict = KS_BAGGING_UNEXPECTED_ITEM;
        r.off_by_g = reading_g - r.max_g;
    }
    return r;
}

void ks_bagging_accept(ks_bagging *bagging, const ks_cart *cart, int64_t reading_g)
{
    forget_gone_lines(bagging, cart);
    int64_t expected, tolerance;
    ks_line_id unknown;
    size_t n_unknown;
    /* Lines still unknown are taken as weighing nothing: they will not sit on the scale. */
    for (size_t i = 0; i < ks_cart_count(cart); i++) {
        const ks_cart_line *line = ks_cart_line_at(cart, i);
        if (ks_bagging_line_weight(line) < 0 && !find_learned(bagging, line->id))
            bagging->learned[bagging->n_learned++] = (struct learned){line->id, 0};
    }
    sum_lines(bagging, cart, &expected, &tolerance, &unknown, &n_unknown);
    bagging->baseline_g += reading_g - expected;
}
