/*
 * Product search (see kiosk/domain/search.h).
 *
 * The index: every distinct folded word of every product's two names, as
 * (word, product) tokens sorted by word, so the products having a word
 * that starts with a given prefix are one contiguous range found by binary
 * search. All words live in one text pool addressed by 32-bit offsets.
 */
#include "kiosk/domain/search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One word of one product. */
struct token {
    uint32_t word;    /* offset of the NUL-terminated folded word in the pool */
    uint32_t product; /* index into products; high bit: the word starts a name */
};
#define TOKEN_STARTS_NAME 0x80000000u
#define TOKEN_PRODUCT(t) ((t).product & ~TOKEN_STARTS_NAME)

struct product {
    const ks_item *item;
    uint32_t first_token, n_tokens; /* into by_product */
};

struct category_list {
    const ks_category *category;
    const ks_item **items; /* into category_items */
    size_t n;
};

struct ks_search_index {
    char *pool;
    size_t pool_len, pool_cap;
    struct product *products;
    size_t n_products;
    struct token *by_product; /* while building: each product's words, in name order */
    struct token *by_word;    /* the same, sorted by word */
    size_t n_tokens, tokens_cap;
    struct category_list *categories;
    size_t n_categories;
    const ks_item **category_items;
    const ks_item **plu_sorted; /* products with a PLU, by PLU */
    size_t n_plu;
};

/* ---- folding ---- */

/* Decodes one UTF-8 code point at s (len > 0 bytes left); *size receives its length. -1: invalid.
 */
static int32_t decode(const unsigned char *s, size_t len, size_t *size)
{
    *size = 1;
    if (s[0] < 0x80)
        return s[0];
    int n = s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
    if (n == 0 || (size_t)n > len)
        return -1;
    int32_t cp = s[0] & (0x7f >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return -1;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return -1;
    *size = (size_t)n;
    return cp;
}

static size_t encode(int32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

enum fold_class { FOLD_DROP, FOLD_SEPARATOR, FOLD_KEEP };

/* What a code point folds to (*cp rewritten) and whether it is kept, dropped or separates. */
static enum fold_class fold_cp(int32_t *cp)
{
    int32_t c = *cp;
    if (c < 0)
        return FOLD_SEPARATOR;
    if ((c >= 0x064b && c <= 0x065f) || c == 0x0670 || c == 0x0640 || c == 0x200c || c == 0x200d ||
        c == 0x200e || c == 0x200f)
        return FOLD_DROP; /* harakat, superscript alef, tatweel, joiners and marks */
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671)
        *cp = 0x0627; /* أ إ آ ٱ -> ا */
    else if (c == 0x0629)
        *cp = 0x0647; /* ة -> ه */
    else if (c == 0x0649)
        *cp = 0x064a; /* ى -> ي */
    else if (c >= 0x0660 && c <= 0x0669)
        *cp = '0' + (c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9)
        *cp = '0' + (c - 0x06f0);
    else if (c >= 'A' && c <= 'Z')
        *cp = c + ('a' - 'A');
    c = *cp;
    bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  (c >= 0x0621 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) ||
                  (c >= 0x06fa && c <= 0x06ff) ||
                  (c >= 0x00c0 && c <= 0x024f && c != 0x00d7 && c != 0x00f7);
    return letter ? FOLD_KEEP : FOLD_SEPARATOR;
}

int ks_search_fold(const char *text, char *out, size_t cap)
{
    if (!out || cap == 0)
        return -1;
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t len = strlen((const char *)s), at = 0;
    bool pending_space = false;
    for (size_t i = 0; i < len;) {
        size_t size;
        int32_t cp = decode(s + i, len - i, &size);
        i += size;
        enum fold_class k = fold_cp(&cp);
        if (k == FOLD_DROP)
            continue;
        if (k == FOLD_SEPARATOR) {
            pending_space = at > 0;
            continue;
        }
        char buf[4];
        size_t n = encode(cp, buf);
        if (at + pending_space + n + 1 > cap) {
            out[0] = '\0';
            return -1;
        }
        if (pending_space)
            out[at++] = ' ';
        pending_space = false;
        memcpy(out + at, buf, n);
        at += n;
    }
    out[at] = '\0';
    return (int)at;
}

/* ---- building ---- */

static bool pool_add(ks_search_index *ix, const char *word, size_t len, uint32_t *offset)
{
    if (ix->pool_len + len + 1 > ix->pool_cap) {
        size_t cap = ix->pool_cap ? ix->pool_cap * 2 : 1 << 16;
        while (cap < ix->pool_len + len + 1)
            cap *= 2;
        if (cap > UINT32_MAX)
            return false;
        char *pool = realloc(ix->pool, cap);
        if (!pool)
            return false;
        ix->pool = pool;
        ix->pool_cap = cap;
    }
    *offset = (uint32_t)ix->pool_len;
    memcpy(ix->pool + ix->pool_len, word, len);
    ix->pool[ix->pool_len + len] = '\0';
    ix->pool_len += len + 1;
    return true;
}

static bool token_add(ks_search_index *ix, struct token t)
{
    if (ix->n_tokens == ix->tokens_cap) {
        size_t cap = ix->tokens_cap ? ix->tokens_cap * 2 : 1024;
        struct token *tokens = realloc(ix->by_product, cap * sizeof *tokens);
        if (!tokens)
            return false;
        ix->by_product = tokens;
        ix->tokens_cap = cap;
    }
    ix->by_product[ix->n_tokens++] = t;
    return true;
}

/* Files the words of one name of product p, skipping words it already has. */
static bool add_name(ks_search_index *ix, uint32_t p, const char *name)
{
    char folded[1024];
    if (ks_search_fold(name, folded, sizeof folded) < 0)
        return false; /* names are at most 256 bytes */
    bool first = true;
    for (char *w = folded; *w;) {
        char *end = strchr(w, ' ');
        size_t len = end ? (size_t)(end - w) : strlen(w);
        bool seen = false;
        for (uint32_t k = ix->products[p].first_token; k < ix->n_tokens && !seen; k++) {
            const char *have = ix->pool + ix->by_product[k].word;
            seen = strlen(have) == len && memcmp(have, w, len) == 0;
        }
        uint32_t offset;
        if (!seen && (!pool_add(ix, w, len, &offset) ||
                      !token_add(ix, (struct token){offset, p | (first ? TOKEN_STARTS_NAME : 0)})))
            return false;
        first = false;
        w += len + (end ? 1 : 0);
    }
    return true;
}

/* A token while sorting: the word by address, so the comparison needs no context. */
struct sort_token {
    const char *word;
    uint32_t product;
};

static int compare_tokens(const void *a, const void *b)
{
    const struct sort_token *x = a, *y = b;
    int c = strcmp(x->word, y->word);
    if (c)
        return c;
    uint32_t px = x->product & ~TOKEN_STARTS_NAME, py = y->product & ~TOKEN_STARTS_NAME;
    return (px > py) - (px < py);
}

/* by_word: by_product sorted by (word, product). */
static bool sort_words(ks_search_index *ix)
{
    size_t n = ix->n_tokens ? ix->n_tokens : 1;
    struct sort_token *tmp = malloc(n * sizeof *tmp);
    ix->by_word = malloc(n * sizeof *ix->by_word);
    if (!tmp || !ix->by_word) {
        free(tmp);
        return false;
    }
    for (size_t i = 0; i < ix->n_tokens; i++)
        tmp[i] = (struct sort_token){ix->pool + ix->by_product[i].word, ix->by_product[i].product};
    qsort(tmp, ix->n_tokens, sizeof *tmp, compare_tokens);
    for (size_t i = 0; i < ix->n_tokens; i++)
        ix->by_word[i] = (struct token){(uint32_t)(tmp[i].word - ix->pool), tmp[i].product};
    free(tmp);
    return true;
}

static int compare_plu(const void *a, const void *b)
{
    return strcmp((*(const ks_item *const *)a)->plu, (*(const ks_item *const *)b)->plu);
}

static bool build_categories(ks_search_index *ix, const ks_catalog *cat)
{
    const ks_category *cats = ks_catalog_categories(cat, &ix->n_categories);
    ix->categories = calloc(ix->n_categories ? ix->n_categories : 1, sizeof *ix->categories);
    ix->category_items = calloc(ix->n_products ? ix->n_products : 1, sizeof *ix->category_items);
    if (!ix->categories || !ix->category_items)
        return false;
    for (size_t c = 0; c < ix->n_categories; c++)
        ix->categories[c].category = &cats[c];
    for (size_t p = 0; p < ix->n_products; p++) {
        const ks_category *c = ix->products[p].item->category;
        if (c >= cats && c < cats + ix->n_categories)
            ix->categories[c - cats].n++;
    }
    size_t start = 0;
    for (size_t c = 0; c < ix->n_categories; c++) {
        ix->categories[c].items = ix->category_items + start;
        start += ix->categories[c].n;
        ix->categories[c].n = 0;
    }
    for (size_t p = 0; p < ix->n_products; p++) {
        const ks_category *c = ix->products[p].item->category;
        if (c >= cats && c < cats + ix->n_categories) {
            struct category_list *list = &ix->categories[c - cats];
            list->items[list->n++] = ix->products[p].item;
        }
    }
    return true;
}

ks_search_index *ks_search_index_new(const ks_catalog *cat)
{
    if (!cat)
        return NULL;
    ks_search_index *ix = calloc(1, sizeof *ix);
    size_t n_items;
    const ks_item *items = ks_catalog_items(cat, &n_items);
    if (!ix || n_items > TOKEN_STARTS_NAME)
        goto error;
    ix->products = calloc(n_items ? n_items : 1, sizeof *ix->products);
    ix->plu_sorted = calloc(n_items ? n_items : 1, sizeof *ix->plu_sorted);
    if (!ix->products || !ix->plu_sorted)
        goto error;
    for (size_t i = 0; i < n_items; i++) {
        if (items[i].kind != KS_ITEM_PRODUCT)
            continue;
        uint32_t p = (uint32_t)ix->n_products++;
        ix->products[p] =
            (struct product){.item = &items[i], .first_token = (uint32_t)ix->n_tokens};
        if (!add_name(ix, p, items[i].name.ar) || !add_name(ix, p, items[i].name.en))
            goto error;
        ix->products[p].n_tokens = (uint32_t)ix->n_tokens - ix->products[p].first_token;
        if (items[i].plu[0])
            ix->plu_sorted[ix->n_plu++] = &items[i];
    }
    if (!sort_words(ix))
        goto error;
    free(ix->by_product); /* queries read by_word only */
    ix->by_product = NULL;
    qsort(ix->plu_sorted, ix->n_plu, sizeof *ix->plu_sorted, compare_plu);
    if (!build_categories(ix, cat))
        goto error;
    return ix;
error:
    ks_search_index_free(ix);
    return NULL;
}

void ks_search_index_free(ks_search_index *index)
{
    if (!index)
        return;
    free(index->pool);
    free(index->products);
    free(index->by_product);
    free(index->by_word);
    free(index->categories);
    free(index->category_items);
    free(index->plu_sorted);
    free(index);
}

const ks_item *const *ks_search_category(const ks_search_index *index, const ks_category *category,
                                         size_t *n)
{
    static const ks_item *const none[1] = {NULL};
    for (size_t c = 0; index && c < index->n_categories; c++)
        if (index->categories[c].category == category) {
            *n = index->categories[c].n;
            return index->categories[c].items;
        }
    *n = 0;
    return none;
}

/* ---- querying ---- */

static bool starts_with(const char *word, const char *prefix, size_t len)
{
    return strncmp(word, prefix, len) == 0;
}

/* [*lo, *hi): the tokens whose word starts with prefix[0..len). */
static void word_range(const ks_search_index *ix, const char *prefix, size_t len, size_t *lo,
                       size_t *hi)
{
    size_t a = 0, b = ix->n_tokens;
    while (a < b) { /* first word >= prefix */
        size_t m = a + (b - a) / 2;
        if (strncmp(ix->pool + ix->by_word[m].word, prefix, len) < 0)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    b = ix->n_tokens;
    while (a < b) { /* first word past the prefix */
        size_t m = a + (b - a) / 2;
        if (starts_with(ix->pool + ix->by_word[m].word, prefix, len))
            a = m + 1;
        else
            b = m;
    }
    *hi = a;
}

struct query {
    const char *words[KS_SEARCH_MAX_WORDS];
    size_t lens[KS_SEARCH_MAX_WORDS];
    size_t n;
    bool digits; /* one word of digits only: also a PLU */
};

/*
 * A query works on bitmaps of one bit per product: the products having a
 * word that starts with each query word (a contiguous range of the sorted
 * tokens, read in order) are ANDed together, so even a very common prefix
 * ("ال", "al") costs one sequential pass over its range and nothing is
 * sorted; the matches are then read back in catalog order, rank by rank.
 */
enum { ROW_MATCH, ROW_NAME_START, ROW_WORD, ROW_PLU, ROW_PLU_PREFIX, ROWS };

struct bitmaps {
    uint64_t *bits; /* ROWS rows of n_words */
    size_t n_words;
};

static uint64_t *row(struct bitmaps *b, size_t r)
{
    return b->bits + r * b->n_words;
}

static void set_bit(uint64_t *row_bits, uint32_t p)
{
    row_bits[p / 64] |= UINT64_C(1) << (p % 64);
}

/* Marks in ROW_WORD the products of tokens [lo, hi), and in ROW_NAME_START those whose name starts
 * there. */
static void mark_range(const ks_search_index *ix, struct bitmaps *b, size_t lo, size_t hi,
                       bool name_start)
{
    uint64_t *word = row(b, ROW_WORD), *start = row(b, ROW_NAME_START);
    memset(word, 0, b->n_words * sizeof *word);
    for (size_t i = lo; i < hi; i++) {
        struct token t = ix->by_word[i];
        set_bit(word, TOKEN_PRODUCT(t));
        if (name_start && (t.product & TOKEN_STARTS_NAME))
            set_bit(start, TOKEN_PRODUCT(t));
    }
}

static void split_query(char *folded, struct query *q)
{
    q->n = 0;
    for (char *w = folded; *w && q->n < KS_SEARCH_MAX_WORDS;) {
        char *end = strchr(w, ' ');
        size_t len = end ? (size_t)(end - w) : strlen(w);
        q->words[q->n] = w;
        q->lens[q->n++] = len;
        w += len + (end ? 1 : 0);
    }
    q->digits = q->n == 1 && strspn(q->words[0], "0123456789") == q->lens[0];
}

/* Index of product item in the index, by binary search on the catalog order. */
static uint32_t product_of(const ks_search_index *ix, const ks_item *item)
{
    size_t a = 0, b = ix->n_products;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (ix->products[m].item < item)
            a = m + 1;
        else
            b = m;
    }
    return (uint32_t)a;
}

size_t ks_search(const ks_search_index *index, const char *query, const ks_item **out, size_t cap)
{
    char text[KS_SEARCH_QUERY_MAX + 1], folded[KS_SEARCH_QUERY_MAX + 1];
    size_t len = query ? strnlen(query, KS_SEARCH_QUERY_MAX) : 0;
    if (!index || len == 0)
        return 0;
    memcpy(text, query, len);
    text[len] = '\0';
    if (ks_search_fold(text, folded, sizeof folded) <= 0)
        return 0;
    struct query q;
    split_query(folded, &q);

    struct bitmaps b = {.n_words = index->n_products / 64 + 1};
    b.bits = calloc(ROWS * b.n_words, sizeof *b.bits);
    if (!b.bits)
        return 0;
    uint64_t *match = row(&b, ROW_MATCH), *word = row(&b, ROW_WORD);
    for (size_t w = 0; w < q.n; w++) {
        size_t lo, hi;
        word_range(index, q.words[w], q.lens[w], &lo, &hi);
        mark_range(index, &b, lo, hi, w == 0);
        for (size_t k = 0; k < b.n_words; k++)
            match[k] = w == 0 ? word[k] : match[k] & word[k];
    }
    if (q.digits) {
        size_t a = 0, z = index->n_plu;
        while (a < z) {
            size_t m = a + (z - a) / 2;
            if (strncmp(index->plu_sorted[m]->plu, q.words[0], q.lens[0]) < 0)
                a = m + 1;
            else
                z = m;
        }
        for (; a < index->n_plu && starts_with(index->plu_sorted[a]->plu, q.words[0], q.lens[0]);
             a++) {
            bool exact = strlen(index->plu_sorted[a]->plu) == q.lens[0];
            set_bit(row(&b, exact ? ROW_PLU : ROW_PLU_PREFIX),
                    product_of(index, index->plu_sorted[a]));
        }
    }
    /* Ranks, best first: exact PLU, PLU prefix, a name starting with the first word, the rest. */
    uint64_t *plu = row(&b, ROW_PLU), *plu_prefix = row(&b, ROW_PLU_PREFIX),
             *start = row(&b, ROW_NAME_START);
    size_t n = 0, written = 0;
    for (size_t k = 0; k < b.n_words; k++) {
        uint64_t rest = match[k] & ~plu[k] & ~plu_prefix[k];
        uint64_t ranked[4] = {plu[k], plu_prefix[k] & ~plu[k], rest & start[k], rest & ~start[k]};
        for (int r = 0; r < 4; r++)
            n += (size_t)__builtin_popcountll(ranked[r]);
        /* The rows now hold the ranks: PLU, PLU prefix, name start (match), the rest (word). */
        match[k] = ranked[2];
        word[k] = ranked[3];
        plu_prefix[k] = ranked[1];
    }
    const uint64_t *rows_by_rank[4] = {plu, plu_prefix, match, word};
    for (size_t r = 0; r < 4 && written < cap; r++)
        for (size_t k = 0; k < b.n_words && written < cap; k++)
            for (uint64_t bits = rows_by_rank[r][k]; bits && written < cap; bits &= bits - 1)
                out[written++] = index->products[k * 64 + (size_t)__builtin_ctzll(bits)].item;
    free(b.bits);
    return n;
}
