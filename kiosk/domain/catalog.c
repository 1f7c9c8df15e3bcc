/*
 * The catalog: arrays built by the menu importer, plus open-addressing hash
 * indexes (linear probing, power-of-two sizes, kept at most half full) for
 * the lookups the kiosk does per tap or per scan. See kiosk/domain/catalog.h.
 */
#include "kiosk/domain/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/gtin.h"

struct index_slot {
    const char *key; /* borrowed from the arena; NULL = empty slot */
    const void *value;
    uint64_t hash;
};

struct index {
    struct index_slot *slots; /* owned, freed in ks_catalog_free */
    size_t mask;              /* slot count - 1, or 0 before the first add */
    size_t count;
};

struct ks_catalog {
    ks_arena *arena; /* owned: every string and array reachable from contents */
    ks_catalog_contents contents;
    struct index indexes[KS_INDEX_COUNT];
};

const char *ks_text_get(const ks_text *text, enum ks_lang lang)
{
    if (!text)
        return "";
    const char *want = lang == KS_LANG_AR ? text->ar : text->en;
    const char *other = lang == KS_LANG_AR ? text->en : text->ar;
    if (want && *want)
        return want;
    return other ? other : "";
}

ks_local_time ks_local_time_from_utc(int64_t unix_seconds, int utc_offset_min)
{
    /* Saturating keeps the extremes defined; no real clock gets near them. */
    int64_t local;
    if (__builtin_add_overflow(unix_seconds, (int64_t)utc_offset_min * 60, &local))
        local = unix_seconds < 0 ? INT64_MIN : INT64_MAX;
    int64_t days = local / 86400, second_of_day = local % 86400;
    if (second_of_day < 0) { /* floor, not truncation, before the epoch */
        second_of_day += 86400;
        days--;
    }
    int64_t weekday = (days % 7 + 7 + 4) % 7; /* day 0 was a Thursday */
    return (ks_local_time){.weekday = (int)weekday, .minute = (int)(second_of_day / 60)};
}

static bool window_contains(const ks_time_window *w, ks_local_time at)
{
    unsigned today = 1u << at.weekday;
    unsigned yesterday = 1u << ((at.weekday + 6) % 7);
    if (w->start_min < w->end_min)
        return (w->days & today) && at.minute >= w->start_min && at.minute < w->end_min;
    if (w->start_min == w->end_min)
        return false;
    /* Crossing midnight: the evening part today, or the early part of yesterday's window. */
    return ((w->days & today) && at.minute >= w->start_min) ||
           ((w->days & yesterday) && at.minute < w->end_min);
}

bool ks_time_windows_contain(const ks_time_window *windows, size_t n, ks_local_time at)
{
    if (n == 0)
        return true;
    if (!windows || at.weekday < 0 || at.weekday > 6)
        return false;
    for (size_t i = 0; i < n; i++)
        if (window_contains(&windows[i], at))
            return true;
    return false;
}

bool ks_item_orderable(const ks_item *item, ks_local_time at)
{
    return item && !item->sold_out &&
           ks_time_windows_contain(item->available, item->n_available, at);
}

/* FNV-1a, 64-bit: keys are short ids and digit strings. */
static uint64_t hash_key(const char *key)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return h;
}

static struct index_slot *index_probe(const struct index *idx, const char *key, uint64_t hash)
{
    for (size_t i = hash & idx->mask;; i = (i + 1) & idx->mask) {
        struct index_slot *s = &idx->slots[i];
        if (!s->key || (s->hash == hash && strcmp(s->key, key) == 0))
            return s;
    }
}

static bool index_grow(struct index *idx)
{
    size_t cap = idx->slots ? (idx->mask + 1) * 2 : 64;
    struct index_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    struct index grown = {.slots = slots, .mask = cap - 1, .count = idx->count};
    for (size_t i = 0; idx->slots && i <= idx->mask; i++)
        if (idx->slots[i].key)
            *index_probe(&grown, idx->slots[i].key, idx->slots[i].hash) = idx->slots[i];
    free(idx->slots);
    *idx = grown;
    return true;
}

static const void *index_find(const ks_catalog *cat, enum ks_catalog_index index, const char *key)
{
    if (!cat || !key || (unsigned)index >= KS_INDEX_COUNT)
        return NULL;
    const struct index *idx = &cat->indexes[index];
    if (!idx->slots)
        return NULL;
    const struct index_slot *s = index_probe(idx, key, hash_key(key));
    return s->key ? s->value : NULL;
}

bool ks_catalog_index_add(ks_catalog *cat, enum ks_catalog_index index, const char *key,
                          const void *value, const void **clash)
{
    const void *ignored;
    if (!clash)
        clash = &ignored;
    *clash = NULL;
    if (!cat || !key || (unsigned)index >= KS_INDEX_COUNT)
        return false;
    struct index *idx = &cat->indexes[index];
    if ((idx->count + 1) * 2 > (idx->slots ? idx->mask + 1 : 0) && !index_grow(idx))
        return false;
    uint64_t hash = hash_key(key);
    struct index_slot *s = index_probe(idx, key, hash);
    if (s->key) {
        *clash = s->value;
        return false;
    }
    *s = (struct index_slot){.key = key, .value = value, .hash = hash};
    idx->count++;
    return true;
}

ks_catalog *ks_catalog_new(void)
{
    ks_catalog *cat = calloc(1, sizeof *cat);
    if (!cat)
        goto error;
    cat->arena = ks_arena_new();
    if (!cat->arena)
        goto error;
    cat->contents.version = "";
    cat->contents.currency = KS_CURRENCY_SAR;
    return cat;
error:
    ks_catalog_free(cat);
    return NULL;
}

ks_arena *ks_catalog_arena(ks_catalog *cat)
{
    return cat ? cat->arena : NULL;
}

void ks_catalog_set_contents(ks_catalog *cat, const ks_catalog_contents *contents)
{
    if (cat && contents)
        cat->contents = *contents;
}

void ks_catalog_free(ks_catalog *cat)
{
    if (!cat)
        return;
    for (int i = 0; i < KS_INDEX_COUNT; i++)
        free(cat->indexes[i].slots);
    ks_arena_free(cat->arena);
    free(cat);
}

const char *ks_catalog_version(const ks_catalog *cat)
{
    return cat ? cat->contents.version : "";
}

const ks_currency *ks_catalog_currency(const ks_catalog *cat)
{
    return cat ? &cat->contents.currency : &KS_CURRENCY_SAR;
}

bool ks_catalog_prices_include_tax(const ks_catalog *cat)
{
    return cat && cat->contents.prices_include_tax;
}

/* The array getters: count through *n (when n is not NULL), NULL/0 for a NULL catalog. */
#define CATALOG_ARRAY(type, name, field)                                                           \
    const type *ks_catalog_##name(const ks_catalog *cat, size_t *n)                                \
    {                                                                                              \
        if (n)                                                                                     \
            *n = cat ? cat->contents.n_##field : 0;                                                \
        return cat ? cat->contents.field : NULL;                                                   \
    }

CATALOG_ARRAY(ks_category, categories, categories)
CATALOG_ARRAY(ks_item, items, items)
CATALOG_ARRAY(ks_promotion, promotions, promotions)
CATALOG_ARRAY(ks_tax_category, tax_categories, tax_categories)
CATALOG_ARRAY(ks_modifier_group, modifier_groups, modifier_groups)

const ks_item *ks_catalog_find_item(const ks_catalog *cat, const char *id)
{
    return index_find(cat, KS_INDEX_ITEM, id);
}

const ks_category *ks_catalog_find_category(const ks_catalog *cat, const char *id)
{
    return index_find(cat, KS_INDEX_CATEGORY, id);
}

const ks_tax_category *ks_catalog_find_tax(const ks_catalog *cat, const char *id)
{
    return index_find(cat, KS_INDEX_TAX, id);
}

const ks_modifier_group *ks_catalog_find_modifier_group(const ks_catalog *cat, const char *id)
{
    return index_find(cat, KS_INDEX_MODIFIER_GROUP, id);
}

const ks_promotion *ks_catalog_find_promotion(const ks_catalog *cat, const char *id)
{
    return index_find(cat, KS_INDEX_PROMOTION, id);
}

const ks_item *ks_catalog_find_barcode(const ks_catalog *cat, const char *digits)
{
    char gtin14[15];
    if (!digits || !ks_gtin_normalize(digits, strnlen(digits, 15), gtin14))
        return NULL;
    return index_find(cat, KS_INDEX_BARCODE, gtin14);
}

const ks_item *ks_catalog_find_plu(const ks_catalog *cat, const char *plu)
{
    return index_find(cat, KS_INDEX_PLU, plu);
}

const ks_upsell *ks_catalog_upsell_for(const ks_catalog *cat, const ks_item *trigger)
{
    return trigger ? index_find(cat, KS_INDEX_UPSELL, trigger->id) : NULL;
}
