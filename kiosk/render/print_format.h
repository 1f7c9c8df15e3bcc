/*
 * Formatting shared by the printed documents (receipt, kitchen ticket):
 * store-local times, counts and amounts in the document's digits (the fixed
 * labels in both languages are in the one table of texts, kiosk/domain/texts.h). Arabic-Indic
 * digits are used only in an Arabic document whose store chose them; English is always 0-9.
 */
#ifndef KIOSK_RENDER_PRINT_FORMAT_H
#define KIOSK_RENDER_PRINT_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/domain/money.h"
#include "kiosk/domain/order.h"

/* "YYYY-MM-DD HH:MM" for a UTC time (seconds) at a UTC offset (minutes), Western digits. */
void ks_print_local_time(int64_t utc, int utc_offset_min, char out[17]);

/* The digits of the numerals lang uses: Western unless lang is Arabic and numerals say so. */
enum ks_numerals ks_print_numerals(enum ks_lang lang, enum ks_numerals numerals);

/* An integer in those digits, into out[24] (no grouping). */
void ks_print_integer(int64_t value, enum ks_lang lang, enum ks_numerals numerals, char out[24]);

/*
 * An amount of the order's currency, grouped, in those digits, into
 * out[KS_MONEY_FORMAT_CAP]; with the currency's sign for lang when
 * with_symbol: "12.50 SAR" in English; in Arabic the sign at the number's
 * left ("⃁ 12.50" on paper: RLM, then the number isolated left-to-right,
 * then the sign). False when it cannot be formatted.
 */
bool ks_print_amount(const ks_order *order, ks_money amount, enum ks_lang lang,
                     enum ks_numerals numerals, bool with_symbol, char *out);

/*
 * A quantity as printed before an item: "2" for pieces, "0.750 kg" (or
 * "٠٫٧٥٠ كغ") for weighed items, into out[64].
 */
void ks_print_quantity(const ks_order_line *line, enum ks_lang lang, enum ks_numerals numerals,
                       char out[64]);

#endif
