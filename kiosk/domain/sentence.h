/*
 * Writing a sentence for the customer into a caller's buffer: the one
 * formatter behind every domain `*_describe` function (cart issues, scan
 * outcomes), so that "too small" means the same everywhere.
 * Pure domain code: no I/O.
 */
#ifndef KIOSK_DOMAIN_SENTENCE_H
#define KIOSK_DOMAIN_SENTENCE_H

#include <stddef.h>

/*
 * printf into out (cap bytes). Returns the bytes written (excluding the
 * NUL), or -1 when out is NULL, cap is 0 or the text does not fit; out then
 * holds "" (when there is room for it), never a cut sentence.
 */
__attribute__((format(printf, 3, 4))) int ks_sentence_put(char *out, size_t cap, const char *fmt,
                                                          ...);

#endif
