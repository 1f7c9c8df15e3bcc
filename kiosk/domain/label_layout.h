/*
 * The text form of a store's GS1 variable-measure label layouts, as the
 * [supermarket] labels key writes them (kiosk/app/config.c), turned into
 * the rules table ks_barcode_parse reads (kiosk/domain/barcode.h). One
 * layout per prefix, comma separated, spaces around the commas ignored:
 *
 *   labels = 20IIIIIWWWWW, 22IIIIIVPPPP
 *
 * Each layout is the 2-digit prefix (20-29) followed by exactly 10 letters
 * for the digits between it and the EAN-13 check digit: I for the item
 * code (the catalog's plu), then an optional V for the GS1 price check
 * digit, then W for the weight in grams or P for the price in minor units.
 * Letters come in that order, each kind in one run ("20IIIIIWWWWW": item
 * 5 digits, weight 5 digits; "22IIIIIVPPPP": item 5, price check digit,
 * price 4). Pure: no I/O, no allocation.
 */
#ifndef KIOSK_DOMAIN_LABEL_LAYOUT_H
#define KIOSK_DOMAIN_LABEL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/barcode.h"

/* Layouts in one text: at most one per prefix 20-29. */
#define KS_LABEL_LAYOUTS_MAX 10
/* Longest text accepted, in bytes. */
#define KS_LABEL_LAYOUTS_TEXT_MAX 256

/*
 * Parses text (NUL-terminated) into out[0..KS_LABEL_LAYOUTS_MAX) and *n.
 * "" (or only spaces) is no layout at all: every 20-29 code is then a
 * plain GTIN. Returns false with a reason in why[0..why_cap) ("layout 2
 * \"23IIIIWWWWW\": 9 letters after the prefix, need 10") on the first
 * problem; out and *n are then unspecified. Every rule written passes
 * ks_barcode_rule_valid.
 */
bool ks_label_layouts_parse(const char *text, struct ks_barcode_rule *out, size_t *n, char *why,
                            size_t why_cap);

/*
 * Writes the rule back in its text form ("22IIIIIVPPPP") into out[13];
 * false when the rule is not valid.
 */
bool ks_label_layout_format(const struct ks_barcode_rule *rule, char out[13]);

#endif
