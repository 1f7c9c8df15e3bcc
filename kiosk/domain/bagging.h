/*
 * The bagging-area check of the self-checkout, as pure logic: given what
 * the basket holds (kiosk/domain/basket.h) and a stable reading of the
 * bagging-area scale, is everything scanned in the bag and nothing else?
 *
 * What each line should weigh:
 *   - a counted product with expected_weight_g: quantity x that weight,
 *     give or take quantity x its tolerance;
 *   - a weighed product: the grams the produce scale or its label gave;
 *   - a product without an expected weight (or a price-labelled package):
 *     learned from the scale, the first time a reading is checked after it
 *     was added (reading minus what everything else should weigh);
 *   - plus the baseline: what lay in the area when the session started
 *     (the shopper's own bags, which the attendant may accept).
 * A tolerance that the catalog leaves at 0 is the larger of
 * KS_BAGGING_MIN_TOLERANCE_G and KS_BAGGING_TOLERANCE_BP of the weight.
 *
 * A reading below the range means something scanned is not in the bag
 * (KS_BAGGING_ITEM_NOT_PLACED); above it, something not scanned is
 * (KS_BAGGING_UNEXPECTED_ITEM): the lane pauses until the shopper fixes it
 * or the attendant clears the alert (ks_bagging_accept, which takes the
 * reading as the new truth). Give it only stable readings that passed the
 * scale driver's trade rule (dev_scale_serial_weight).
 *
 *   ks_bagging *bag = ks_bagging_new(reading_at_start);
 *   ks_bagging_result r = ks_bagging_check(bag, ks_basket_cart(basket), reading);
 *   if (r.verdict != KS_BAGGING_OK) ... pause, alert the attendant
 *
 * Pure domain code: no I/O; one owner (the lane's UI thread).
 */
#ifndef KIOSK_DOMAIN_BAGGING_H
#define KIOSK_DOMAIN_BAGGING_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/domain/cart.h"
#include "kiosk/domain/money.h"

#define KS_BAGGING_MIN_TOLERANCE_G 10 /* the least tolerance of any line */
#define KS_BAGGING_TOLERANCE_BP 500   /* 5 % of the expected weight */

enum ks_bagging_verdict {
    KS_BAGGING_OK,
    KS_BAGGING_UNEXPECTED_ITEM, /* heavier than everything scanned */
    KS_BAGGING_ITEM_NOT_PLACED, /* lighter than everything scanned */
};

typedef struct ks_bagging_result {
    enum ks_bagging_verdict verdict;
    int64_t reading_g;    /* as given */
    int64_t expected_g;   /* baseline + every line's expected or learned weight */
    int64_t min_g, max_g; /* the accepted range: expected -/+ the lines' tolerances */
    int64_t off_by_g;     /* how far outside the range the reading is; 0 when OK */
    ks_line_id learned;   /* the line whose weight this reading taught, or 0 */
} ks_bagging_result;

typedef struct ks_bagging ks_bagging;

/* A check whose baseline is baseline_g (the empty area or the shopper's own bags); NULL on OOM. */
ks_bagging *ks_bagging_new(int64_t baseline_g);
/* Accepts NULL. */
void ks_bagging_free(ks_bagging *bagging);

/*
 * Checks a stable reading against the cart's lines. Lines that are no
 * longer in the cart are forgotten. A reading that teaches a line's weight
 * must leave it heavier than 0 g; otherwise the line is not placed yet.
 */
ks_bagging_result ks_bagging_check(ks_bagging *bagging, const ks_cart *cart, int64_t reading_g);

/*
 * The attendant cleared an alert: the reading becomes the truth, the
 * difference to the expected weight being carried in the baseline (an
 * accepted own bag, a product that will not sit on the scale).
 */
void ks_bagging_accept(ks_bagging *bagging, const ks_cart *cart, int64_t reading_g);

/* What one line should weigh, -1 when unknown (no expected weight: learned from the scale). */
int64_t ks_bagging_line_weight(const ks_cart_line *line);

/* The tolerance of one line of expected weight weight_g (>= 0). */
int64_t ks_bagging_line_tolerance(const ks_cart_line *line, int64_t weight_g);

/* A short English description for logs and the attendant; never NULL. */
const char *ks_bagging_verdict_name(enum ks_bagging_verdict verdict);

#endif
