/*
 * Product search for the self-checkout's "Look up item": by name in Arabic
 * or English, by PLU, and by category for the picture grid. An index is
 * built once per catalog (on the thread that loads the menu) and is then
 * read-only: queries allocate only their own scratch and may run on any
 * thread.
 *
 * Names and queries are folded the same way (ks_search_fold): Arabic
 * diacritics (harakat U+064B-U+065F, superscript alef U+0670) and tatweel
 * (U+0640) dropped; أ إ آ ٱ read as ا, ة as ه, ى as ي; Arabic-Indic digits
 * as 0-9; A-Z as a-z; anything that is not a letter or digit separates
 * words. A product matches when every word of the query starts one of the
 * words of its Arabic or English name ("ban" finds Bananas, "موز" finds
 * "مَوْز", "طماطة" finds "طماطه"); a query of digits also matches PLUs
 * that start with it. Results come best first: exact PLU, PLU prefix, a
 * name that starts with the query's first word, any other match; ties in
 * catalog order. Combos are not products of a supermarket and are left out.
 *
 * Cost: building sorts every name word once (O(words log words)); a query
 * binary-searches the token range of each of its words, ANDs the products
 * of those ranges as bitmaps and reads the matches back in catalog order,
 * rank by rank, so nothing is sorted per query (figures:
 * tests/bench/bench_supermarket.c).
 */
#ifndef KIOSK_DOMAIN_SEARCH_H
#define KIOSK_DOMAIN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/catalog.h"

/* Longest query considered, in bytes; the rest is ignored. */
#define KS_SEARCH_QUERY_MAX 256
/* Words of a query considered; the rest are ignored. */
#define KS_SEARCH_MAX_WORDS 8

typedef struct ks_search_index ks_search_index;

/* The index of cat's products (cat is borrowed and must outlive it); NULL when out of memory. */
ks_search_index *ks_search_index_new(const ks_catalog *cat);
/* Accepts NULL. */
void ks_search_index_free(ks_search_index *index);

/*
 * Writes the best matches of query (UTF-8) to out[0..cap) and returns how
 * many products match in all (may exceed cap). An empty query (or one of
 * only separators) matches nothing. Returns 0 when out of memory.
 */
size_t ks_search(const ks_search_index *index, const char *query, const ks_item **out, size_t cap);

/*
 * The products of one category in catalog order, for the picture grid;
 * *n receives the count. Never NULL (an empty list for an unknown category).
 */
const ks_item *const *ks_search_category(const ks_search_index *index, const ks_category *category,
                                         size_t *n);

/*
 * Folds text as described above into out[0..cap): words separated by
 * single spaces, no leading or trailing space. Returns the bytes written
 * (no NUL), or -1 when cap is too small (out then holds ""); the output
 * is never longer than the input. Invalid UTF-8 bytes separate words.
 */
int ks_search_fold(const char *text, char *out, size_t cap);

#endif
