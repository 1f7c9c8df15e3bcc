/*
 * Writing a sentence for the customer into a caller's buffer: the one
 * formatter behind every domain `*_describe` function (cart issues, scan
 * outcomes), so that "too small" means the same everywhere. The sentence
 * is a text of the one table (kiosk/domain/texts.h) that marks where its
 * number goes with {n} and its name (an item's, a group's, a scanned
 * code) with {text}: each language puts them where its word order wants,
 * and no translation can break a printf format.
 * Pure domain code: no I/O.
 */
#ifndef KIOSK_DOMAIN_SENTENCE_H
#define KIOSK_DOMAIN_SENTENCE_H

#include <stddef.h>

#include "kiosk/domain/money.h"
#include "kiosk/domain/texts.h"

/*
 * Text id in lang into out (cap bytes), every {text} replaced by text
 * (NULL: "") and every {n} by n in decimal. Returns the bytes written
 * (excluding the NUL), or -1 when out is NULL, cap is 0 or the sentence
 * does not fit; out then holds "" (when there is room for it), never a cut
 * sentence. id KS_STR_COUNT writes the empty sentence.
 */
int ks_sentence_put(char *out, size_t cap, enum ks_str id, enum ks_lang lang, const char *text,
                    long long n);

#endif
