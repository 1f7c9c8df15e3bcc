/*
 * One harness for the lists a device pulls from the backend for its store
 * (the staff list, the sold-out list from stock, the store's kiosks): each
 * fuzz target names its list type and its own oracles in one
 * FUZZ_PULLED_LIST line, and the body here keeps what they all promise. The
 * first byte is skipped (the corpus's convention); the rest is the answer,
 * read for the store FUZZ_PULLED_STORE. An accepted list must keep the
 * reader's promises (the type's check, written out by hand), be refused for
 * another store, read back the same (count and every entry, byte for byte)
 * once written again as the backend writes it, and pass the type's further
 * oracle when it has one; a refusal leaves an empty list and says why.
 */
#ifndef TESTS_FUZZ_FUZZ_PULLED_LIST_H
#define TESTS_FUZZ_FUZZ_PULLED_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz_fields.h"

#define FUZZ_PULLED_STORE "riyadh-01"
#define FUZZ_PULLED_OTHER_STORE "jeddah-02"

/* A list type: its reader and oracles over lists of size bytes (void *: that type). */
typedef struct fuzz_pulled_list {
    size_t size;     /* of the list's struct */
    size_t body_max; /* the reader's limit of bytes */
    /* The reader: text[len] for store into list; on false why[cap] says why. */
    bool (*parse)(const char *text, size_t len, const char *store, void *list, char *why,
                  size_t cap);
    bool (*kept)(const void *list);     /* the reader's promises, checked by hand */
    char *(*written)(const void *list); /* as the backend writes it; malloc'd, NULL: no memory */
    bool (*same)(const void *a, const void *b); /* the same count and entries */
    bool (*empty)(const void *list);            /* nothing left behind (after a refusal) */
    void (*clear)(void *list);
    bool (*more)(const void *list); /* a further promise of an accepted list; NULL: none */
} fuzz_pulled_list;

/* The harness's body for type t: traps on a promise broken; always 0. */
static inline int fuzz_pulled_list_run(const fuzz_pulled_list *t, const uint8_t *data, size_t size)
{
    size_t len;
    bool is_c_string;
    char *text = fuzz_case_text(data, size, t->body_max, &len, &is_c_string);
    unsigned char *lists = text ? calloc(3, t->size) : NULL;
    if (!lists) {
        free(text);
        return 0;
    }
    void *list = lists, *again = lists + t->size, *other = lists + 2 * t->size;
    char why[160] = "";
    if (t->parse(text, len, FUZZ_PULLED_STORE, list, why, sizeof why)) {
        if (!t->kept(list) || t->parse(text, len, FUZZ_PULLED_OTHER_STORE, other, why, sizeof why))
            __builtin_trap();
        char *back = t->written(list);
        if (!back || !t->parse(back, strlen(back), FUZZ_PULLED_STORE, again, why, sizeof why) ||
            !t->same(again, list))
            __builtin_trap();
        if (t->more && !t->more(list))
            __builtin_trap();
        free(back);
        t->clear(again);
        t->clear(list);
    } else if (!t->empty(list) || !why[0]) {
        __builtin_trap(); /* a refusal leaves nothing behind and says why */
    }
    free(lists);
    free(text);
    return 0;
}

/*
 * A fuzz target of list TYPE, whose entries are its member FIELD (n of
 * them): its reader READ and CLEAR, body limit BODY_MAX, and the target's
 * oracles: KEPT (the promises) and WRITTEN (the backend's writing,
 * malloc'd) over const TYPE *, MORE (a further promise, over const void *;
 * or NULL).
 */
#define FUZZ_PULLED_LIST(TYPE, FIELD, READ, CLEAR, BODY_MAX, KEPT, WRITTEN, MORE)                  \
    static bool pulled_parse(const char *text, size_t len, const char *store, void *list,          \
                             char *why, size_t cap)                                                \
    {                                                                                              \
        return READ(text, len, store, list, why, cap);                                             \
    }                                                                                              \
    static bool pulled_kept(const void *list)                                                      \
    {                                                                                              \
        return KEPT(list);                                                                         \
    }                                                                                              \
    static char *pulled_written(const void *list)                                                  \
    {                                                                                              \
        return WRITTEN(list);                                                                      \
    }                                                                                              \
    static bool pulled_same(const void *a, const void *b)                                          \
    {                                                                                              \
        const TYPE *x = a, *y = b;                                                                 \
        return x->n == y->n &&                                                                     \
               (!x->n || memcmp(x->FIELD, y->FIELD, x->n * sizeof *x->FIELD) == 0);                \
    }                                                                                              \
    static bool pulled_empty(const void *list)                                                     \
    {                                                                                              \
        const TYPE *l = list;                                                                      \
        return l->n == 0 && l->FIELD == NULL;                                                      \
    }                                                                                              \
    static void pulled_clear(void *list)                                                           \
    {                                                                                              \
        CLEAR(list);                                                                               \
    }                                                                                              \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                  \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                                   \
    {                                                                                              \
        static const fuzz_pulled_list type = {sizeof(TYPE), BODY_MAX,       pulled_parse,          \
                                              pulled_kept,  pulled_written, pulled_same,           \
                                              pulled_empty, pulled_clear,   MORE};                 \
        return fuzz_pulled_list_run(&type, data, size);                                            \
    }

#endif
