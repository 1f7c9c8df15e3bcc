/*
 * LRU map (see ui/lru.h): separate chaining on an FNV-1a hash for lookup,
 * a doubly linked list for recency. The table doubles when it gets as many
 * entries as buckets, so lookups stay O(1) at any budget.
 */
#include "ui/lru.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    struct entry *chain;         /* next in the bucket */
    struct entry *newer, *older; /* recency list */
    uint64_t hash;
    size_t key_len;
    size_t cost;         /* bytes charged to the budget */
    void *value;         /* owned */
    unsigned char key[]; /* owned copy */
};

struct ui_lru {
    struct entry **buckets; /* owned */
    size_t n_buckets;       /* a power of two */
    struct entry *newest, *oldest;
    ui_lru_free_fn free_value;
    struct ui_cache_stats stats;
};

static uint64_t hash_bytes(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

struct ui_lru *ui_lru_new(size_t budget_bytes, ui_lru_free_fn free_value)
{
    if (!free_value)
        return NULL;
    struct ui_lru *lru = calloc(1, sizeof *lru);
    if (!lru)
        return NULL;
    lru->n_buckets = 64;
    lru->buckets = calloc(lru->n_buckets, sizeof *lru->buckets);
    if (!lru->buckets)
        goto error;
    lru->free_value = free_value;
    lru->stats.budget = budget_bytes;
    lru->stats.bytes = ui_lru_table_bytes(lru);
    return lru;
error:
    ui_lru_free(lru);
    return NULL;
}

void ui_lru_free(struct ui_lru *lru)
{
    if (!lru)
        return;
    struct entry *e = lru->newest;
    while (e) {
        struct entry *older = e->older;
        lru->free_value(e->value);
        free(e);
        e = older;
    }
    free(lru->buckets);
    free(lru);
}

static struct entry **find_slot(struct ui_lru *lru, const void *key, size_t key_len, uint64_t h)
{
    struct entry **slot = &lru->buckets[h & (lru->n_buckets - 1)];
    while (*slot && !((*slot)->hash == h && (*slot)->key_len == key_len &&
                      memcmp((*slot)->key, key, key_len) == 0))
        slot = &(*slot)->chain;
    return slot;
}

static void unlink_recency(struct ui_lru *lru, struct entry *e)
{
    if (e->newer)
        e->newer->older = e->older;
    else
        lru->newest = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        lru->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void link_newest(struct ui_lru *lru, struct entry *e)
{
    e->older = lru->newest;
    e->newer = NULL;
    if (lru->newest)
        lru->newest->newer = e;
    lru->newest = e;
    if (!lru->oldest)
        lru->oldest = e;
}

static void remove_entry(struct ui_lru *lru, struct entry *e)
{
    struct entry **slot = find_slot(lru, e->key, e->key_len, e->hash);
    *slot = e->chain;
    unlink_recency(lru, e);
    lru->stats.bytes -= e->cost;
    lru->stats.entries--;
    lru->free_value(e->value);
    free(e);
}

void *ui_lru_get(struct ui_lru *lru, const void *key, size_t key_len)
{
    struct entry *e = *find_slot(lru, key, key_len, hash_bytes(key, key_len));
    if (!e) {
        lru->stats.misses++;
        return NULL;
    }
    lru->stats.hits++;
    unlink_recency(lru, e);
    link_newest(lru, e);
    return e->value;
}

/* Doubles the bucket array; on allocation failure the table just stays denser. */
static void grow(struct ui_lru *lru)
{
    size_t n = lru->n_buckets * 2;
    struct entry **b = calloc(n, sizeof *b);
    if (!b)
        return;
    for (size_t i = 0; i < lru->n_buckets; i++) {
        struct entry *e = lru->buckets[i];
        while (e) {
            struct entry *next = e->chain;
            e->chain = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
            e = next;
        }
    }
    free(lru->buckets);
    lru->stats.bytes += (n - lru->n_buckets) * sizeof *b;
    lru->buckets = b;
    lru->n_buckets = n;
}

bool ui_lru_put(struct ui_lru *lru, const void *key, size_t key_len, void *value,
                size_t value_bytes)
{
    uint64_t h = hash_bytes(key, key_len);
    struct entry *old = *find_slot(lru, key, key_len, h);
    if (old)
        remove_entry(lru, old);
    struct entry *e = malloc(sizeof *e + key_len);
    if (!e) {
        lru->free_value(value);
        return false;
    }
    *e = (struct entry){.hash = h, .key_len = key_len, .value = value};
    memcpy(e->key, key, key_len);
    e->cost = sizeof *e + key_len + value_bytes;
    struct entry **slot = &lru->buckets[h & (lru->n_buckets - 1)];
    e->chain = *slot;
    *slot = e;
    link_newest(lru, e);
    lru->stats.bytes += e->cost;
    lru->stats.entries++;
    while (lru->stats.bytes > lru->stats.budget && lru->oldest != e) {
        remove_entry(lru, lru->oldest);
        lru->stats.evictions++;
    }
    if (lru->stats.entries > lru->n_buckets)
        grow(lru);
    return true;
}

void ui_lru_set_budget(struct ui_lru *lru, size_t budget_bytes)
{
    lru->stats.budget = budget_bytes;
}

size_t ui_lru_table_bytes(const struct ui_lru *lru)
{
    return sizeof *lru + lru->n_buckets * sizeof *lru->buckets;
}

void ui_lru_stats(const struct ui_lru *lru, struct ui_cache_stats *out)
{
    *out = lru->stats;
}
