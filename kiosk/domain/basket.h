/*
 * The self-checkout basket: what a shopper has scanned, weighed or looked
 * up, on top of the cart (kiosk/domain/cart.h) and its pricing
 * (kiosk/domain/pricing.h), which it reuses as they are. It adds what a
 * supermarket lane needs:
 *
 *   - a scanned code becomes a line: a GTIN adds one piece to the
 *     product's line (a new line the first time); a GS1 variable-measure
 *     label (store layouts: kiosk/domain/label_layout.h) adds its weight
 *     or its printed price as a line of its own;
 *   - what cannot be added says why, in Arabic and English, and leaves
 *     the basket as it was: a malformed code, an unknown one, a product
 *     not for sale now, a weighed product without a weight ("weigh it":
 *     the lane reads the scale and calls ks_basket_add_weighed);
 *   - age-restricted products (catalog min_age) are added, but payment
 *     waits until an attendant approves the buyer's age (who and when are
 *     kept for the order);
 *   - quantity changes for counted lines, removal, and voids, which keep
 *     a record of what was taken off.
 *
 * Usage (the lane's UI thread owns the basket):
 *
 *   ks_basket *b = ks_basket_new(cat, cfg.labels, cfg.n_labels);
 *   ks_scan_result r = ks_basket_scan(b, code, len, now);
 *   if (r.outcome == KS_SCAN_NEEDS_WEIGHT) ... show the scale, then
 *       r = ks_basket_add_weighed(b, r.item, grams, now);
 *   char text[KS_SCAN_TEXT_CAP]; ks_scan_describe(&r, lang, text, sizeof text);
 *   ks_basket_totals t; ks_basket_get_totals(b, now, &t);
 *   if (ks_basket_age_pending(b)) ... call the attendant, keep scanning
 *
 * Pure domain code: no I/O; not thread-safe (one owner).
 */
#ifndef KIOSK_DOMAIN_BASKET_H
#define KIOSK_DOMAIN_BASKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/barcode.h"
#include "kiosk/domain/cart.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/domain/intervention.h"
#include "kiosk/domain/label_layout.h"
#include "kiosk/domain/pricing.h"

#define KS_BASKET_MAX_VOIDS 100 /* voided lines remembered per basket */
#define KS_BASKET_MAX_INTERVENTIONS KS_ORDER_MAX_INTERVENTIONS
#define KS_BASKET_STAFF_ID_MAX 32 /* bytes of an attendant's id */
#define KS_SCAN_TEXT_CAP 512      /* always enough for ks_scan_describe */

enum ks_scan_outcome {
    KS_SCAN_ADDED,        /* a new line (line, item) */
    KS_SCAN_MORE,         /* one more piece on the item's existing line (line, item) */
    KS_SCAN_NEEDS_WEIGHT, /* a weighed product without a weight: weigh it (item); nothing added */
    KS_SCAN_MALFORMED,    /* not a readable EAN-13/EAN-8/UPC-A or label (barcode_error) */
    KS_SCAN_UNKNOWN,      /* a well-formed code no product has (code) */
    KS_SCAN_NOT_FOR_SALE, /* sold out in the catalog, outside its hours, or not sold this way */
    KS_SCAN_BAD_WEIGHT,   /* a weight or label price of 0, or above a line's limit */
    KS_SCAN_BASKET_FULL,  /* KS_CART_MAX_LINES lines, or the line is at its maximum count */
    KS_SCAN_NO_MEMORY,
};

/* What happened to one scan (or look-up, or weighing). */
typedef struct ks_scan_result {
    enum ks_scan_outcome outcome;
    enum ks_barcode_error barcode_error; /* KS_SCAN_MALFORMED; else KS_BARCODE_OK */
    struct ks_barcode code;              /* the code as read (zeroed when malformed) */
    char scanned[KS_BARCODE_MAX + 1];    /* the scanned bytes, non-printable ones as '?' */
    const ks_item *item;                 /* borrowed; NULL for MALFORMED and UNKNOWN */
    ks_line_id line;                     /* ADDED and MORE; else 0 */
    bool needs_age_approval;             /* the item has a minimum age not yet approved */
} ks_scan_result;

/* True when the outcome put something in the basket (ADDED or MORE). */
bool ks_scan_added(const ks_scan_result *result);

/*
 * The outcome as a sentence for the shopper in lang, e.g.
 * "This barcode could not be read. Please scan it again." /
 * "تعذرت قراءة الباركود. يرجى مسحه مرة أخرى." or, for an added line, the
 * product's name. Returns bytes written (no NUL) or -1 when cap is too
 * small (out then holds ""); KS_SCAN_TEXT_CAP always suffices.
 */
int ks_scan_describe(const ks_scan_result *result, enum ks_lang lang, char *out, size_t cap);

/* A short English reason for logs and the attendant's console; never NULL. */
const char *ks_scan_outcome_name(enum ks_scan_outcome outcome);

/* A line taken off by a void: kept for the order's audit trail. */
typedef struct ks_voided_line {
    const ks_item *item;                 /* borrowed */
    int32_t quantity;                    /* as on the line: pieces, grams, or 1 for a label */
    ks_money amount;                     /* the line's amount before discounts when voided */
    enum ks_unit unit;                   /* ks_cart_line_unit of the line */
    char by[KS_BASKET_STAFF_ID_MAX + 1]; /* the attendant */
    int64_t at;                          /* UTC seconds */
} ks_voided_line;

/* The attendant's age approval; approved_age 0 = none yet. */
typedef struct ks_age_approval {
    int32_t approved_age; /* the highest min_age in the basket when approved */
    char by[KS_BASKET_STAFF_ID_MAX + 1];
    int64_t at; /* UTC seconds */
} ks_age_approval;

typedef struct ks_basket ks_basket;

/*
 * An empty basket over cat (borrowed; it must outlive the basket) reading
 * variable-measure labels with rules[0..n_rules) (copied; at most
 * KS_LABEL_LAYOUTS_MAX, e.g. ks_config.labels). NULL when out of memory,
 * cat is NULL or there are too many rules.
 */
ks_basket *ks_basket_new(const ks_catalog *cat, const struct ks_barcode_rule *rules,
                         size_t n_rules);
/* Accepts NULL. */
void ks_basket_free(ks_basket *basket);

/* The lines, read-only: iterate with ks_cart_count/ks_cart_line_at, price with ks_pricing_new. */
const ks_cart *ks_basket_cart(const ks_basket *basket);

/*
 * Interprets code[0..len) as the scanner gave it (at most KS_BARCODE_MAX
 * bytes) at local time `at`:
 *   GTIN of a counted product: one more piece on its line, or a new line;
 *   GTIN of a weighed product: NEEDS_WEIGHT;
 *   weight label: a new line of that many grams (a counted product's label
 *     is NOT_FOR_SALE: it has no price per gram);
 *   price label: a new line at that price (ks_cart_add_labelled).
 * A label's item code shorter than the catalog's 5-digit PLU is read with
 * leading zeros. Nothing changes unless the outcome is ADDED or MORE.
 */
ks_scan_result ks_basket_scan(ks_basket *basket, const char *code, size_t len, ks_local_time at);

/*
 * Adds a product chosen on screen (look-up, picture grid, PLU keypad) as
 * a scan of its barcode would: a counted product one piece, a weighed one
 * NEEDS_WEIGHT.
 */
ks_scan_result ks_basket_add_item(ks_basket *basket, const ks_item *item, ks_local_time at);

/*
 * Adds a weighed product with the scale's weight (grams, after the
 * driver's trade rule: stable, positive, in range) as a new line: price per
 * kg x grams / 1000, half up. A counted product is NOT_FOR_SALE; grams
 * outside 1..KS_CART_MAX_GRAMS is BAD_WEIGHT.
 */
ks_scan_result ks_basket_add_weighed(ks_basket *basket, const ks_item *item, int32_t grams,
                                     ks_local_time at);

/* The quantity keypad: pieces 1..KS_CART_MAX_COUNT on a counted, unlabelled line. */
enum ks_cart_status ks_basket_set_quantity(ks_basket *basket, ks_line_id line, int32_t count);

/* Takes a line off (the shopper changed their mind; the lane asks the attendant first when
 * configured). */
enum ks_cart_status ks_basket_remove(ks_basket *basket, ks_line_id line);

/*
 * The attendant voids a line: it leaves the basket and is kept as a
 * ks_voided_line (who, when, what it cost). KS_CART_FULL when
 * KS_BASKET_MAX_VOIDS are kept already (the line then stays).
 */
enum ks_cart_status ks_basket_void(ks_basket *basket, ks_line_id line, const char *staff_id,
                                   int64_t at);

/*
 * Keeps an attendant's decision for the order (copied; ks_intervention_ok's
 * rules, without a void yet): a later ks_basket_void by the same attendant
 * fills in the void's item and amount when this decision takes a line off
 * (approve_removal, void_line). False when KS_BASKET_MAX_INTERVENTIONS are
 * kept already or iv breaks the rules.
 */
bool ks_basket_intervene(ks_basket *basket, const ks_order_intervention *iv);

/* The decisions kept, in the order they were made; *n receives the count. */
const ks_order_intervention *ks_basket_interventions(const ks_basket *basket, size_t *n);

/* Voided lines in the order they were voided; *n receives the count. */
const ks_voided_line *ks_basket_voids(const ks_basket *basket, size_t *n);

/*
 * The highest min_age among the basket's lines that the approval does not
 * cover yet; 0 when none waits. Payment waits while this is > 0.
 */
int32_t ks_basket_age_pending(const ks_basket *basket);

/*
 * The attendant approves the buyer's age for everything in the basket now
 * (and anything later up to the same age). False when nothing waits or
 * staff_id is NULL, empty or longer than KS_BASKET_STAFF_ID_MAX.
 */
bool ks_basket_approve_age(ks_basket *basket, const char *staff_id, int64_t at);

/* The approval so far (approved_age 0 when none). */
const ks_age_approval *ks_basket_age_approval(const ks_basket *basket);

typedef struct ks_basket_totals {
    size_t lines;
    int64_t items;     /* pieces: counted quantities, plus 1 per weighed or labelled line */
    ks_money subtotal; /* before promotions */
    ks_money savings;  /* promotions */
    ks_money vat;
    ks_money total; /* what the shopper pays */
} ks_basket_totals;

/*
 * The basket priced at local time `at` (promotions active then), as
 * ks_pricing_new prices a cart. False when out of memory or on overflow.
 */
bool ks_basket_get_totals(const ks_basket *basket, ks_local_time at, ks_basket_totals *out);

/* Empties the basket for the next shopper: lines, voids, interventions and the age approval. */
void ks_basket_clear(ks_basket *basket);

#endif
