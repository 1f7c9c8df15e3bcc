/*
 * A least-recently-used map from byte-string keys to owned values, bounded
 * by a byte budget: each value declares its size on insert, and the oldest
 * entries are destroyed until the total fits. Used for shaped texts.
 */
#ifndef UI_LRU_H
#define UI_LRU_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/cache_stats.h"

struct ui_lru;

/* Called with a value the cache drops; the cache owns values once inserted. */
typedef void (*ui_lru_free_fn)(void *value);

/* budget_bytes counts keys, values and bookkeeping. NULL on allocation failure or a NULL
 * free_value. */
struct ui_lru *ui_lru_new(size_t budget_bytes, ui_lru_free_fn free_value);

/* Destroys every value; accepts NULL. */
void ui_lru_free(struct ui_lru *lru);

/*
 * The value stored under key (key_len bytes), made most recent; NULL if
 * absent. Borrowed: valid until the next ui_lru_put() or ui_lru_free().
 */
void *ui_lru_get(struct ui_lru *lru, const void *key, size_t key_len);

/*
 * Stores value (ownership passes to the cache, even on failure) under a copy
 * of key, replacing any value there, then evicts the least recent entries
 * until the budget holds; the new entry itself is kept even when alone it
 * exceeds the budget, so the caller may use it until the next put. Returns
 * false (value destroyed) when memory runs out.
 */
bool ui_lru_put(struct ui_lru *lru, const void *key, size_t key_len, void *value,
                size_t value_bytes);

/*
 * Sets the budget to budget_bytes. Nothing is evicted at once: a lower
 * budget is met at the next ui_lru_put(), so values borrowed now stay valid.
 */
void ui_lru_set_budget(struct ui_lru *lru, size_t budget_bytes);

/* Bytes the map itself is charged (its table), beside its entries. */
size_t ui_lru_table_bytes(const struct ui_lru *lru);

void ui_lru_stats(const struct ui_lru *lru, struct ui_cache_stats *out);

#endif
