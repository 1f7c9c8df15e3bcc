/*
 * The catalog: what the store sells. Built once from a menu file (see
 * kiosk/domain/menu_import.h and kiosk/docs/menu-format.md), then immutable
 * and shared read-only by every part of the kiosk; a new menu is a new
 * catalog swapped in whole. All strings and arrays are owned by the catalog
 * and live until ks_catalog_free().
 */
#ifndef KIOSK_DOMAIN_CATALOG_H
#define KIOSK_DOMAIN_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/common/arena.h"
#include "kiosk/domain/money.h"
#include "kiosk/domain/vat_category.h"

typedef struct ks_text {
    const char *ar; /* UTF-8, never NULL (may be "") */
    const char *en; /* UTF-8, never NULL (may be "") */
} ks_text;

/* The string in lang, falling back to the other language when empty; "" for NULL text. */
const char *ks_text_get(const ks_text *text, enum ks_lang lang);

enum ks_unit {
    KS_UNIT_EACH, /* quantities are counts; price is per piece */
    KS_UNIT_KG,   /* quantities are grams; price is per kilogram */
};

/*
 * A recurring local-time window: the days it applies (bit 0 = Sunday ...
 * bit 6 = Saturday) and [start, end) in minutes after local midnight. end <
 * start crosses midnight and belongs to the day it starts on (22:00-02:00 on
 * Friday covers Saturday 01:00, not Friday 01:00). start == end is empty.
 */
typedef struct ks_time_window {
    uint8_t days;
    uint16_t start_min; /* 0..1439 */
    uint16_t end_min;   /* 0..1440 */
} ks_time_window;

/*
 * A moment in store-local terms, derived by the caller from UTC and the
 * store's offset: weekday 0 = Sunday, minute after local midnight.
 */
typedef struct ks_local_time {
    int weekday;
    int minute;
} ks_local_time;

/*
 * ks_local_time for a UTC Unix time (may be negative) and a fixed UTC offset
 * in minutes (+180 for Riyadh). 1970-01-01 was a Thursday (weekday 4).
 */
ks_local_time ks_local_time_from_utc(int64_t unix_seconds, int utc_offset_min);

/* True when no windows are given, or when `at` falls inside one of them. */
bool ks_time_windows_contain(const ks_time_window *windows, size_t n, ks_local_time at);

typedef struct ks_tax_category {
    const char *id;
    ks_text name;
    int32_t rate_bp;      /* basis points: 1500 = 15 % */
    ks_vat_treatment vat; /* ZATCA's category and exemption code, checked against rate_bp */
} ks_tax_category;

typedef struct ks_category {
    const char *id;
    ks_text name;
    const char *image; /* path relative to the assets folder, or "" */
    int32_t sort;      /* categories are stored sorted by (sort, id) */
} ks_category;

typedef struct ks_modifier_option {
    const char *id;
    ks_text name;
    ks_money price_delta; /* added to the item price per unit; may be negative, >= -price */
    int32_t calories;     /* added calories, may be negative ("no mayo") */
    bool is_default;      /* pre-selected when the item is opened */
    bool sold_out;
} ks_modifier_option;

typedef struct ks_modifier_group {
    const char *id;
    ks_text name;
    int32_t min_choices; /* > 0 means required */
    int32_t max_choices; /* >= max(1, min_choices), <= n_options */
    const ks_modifier_option *options;
    size_t n_options;
} ks_modifier_group;

enum ks_item_kind {
    KS_ITEM_PRODUCT, /* a sellable item, possibly with modifier groups */
    KS_ITEM_COMBO,   /* a meal: slots filled by other products, plus sizes */
};

typedef struct ks_combo_choice {
    const struct ks_item *item; /* borrowed from the catalog; a product */
    ks_money price_delta;       /* added to the combo price when chosen */
} ks_combo_choice;

typedef struct ks_combo_slot {
    const char *id;
    ks_text name;
    const ks_combo_choice *choices;
    size_t n_choices;
    size_t default_choice; /* index into choices */
} ks_combo_slot;

typedef struct ks_combo_size {
    const char *id;
    ks_text name;
    ks_money price_delta; /* "make it large": +300 */
} ks_combo_size;

typedef struct ks_item {
    const char *id;
    enum ks_item_kind kind;
    const ks_category *category; /* borrowed */
    const ks_tax_category *tax;  /* borrowed */
    ks_text name;
    ks_text description;
    const char *image; /* relative to the assets folder, or "" */
    ks_money price;    /* tax treatment per catalog; per kg when unit is KG */
    enum ks_unit unit;
    int32_t calories;        /* -1 when unknown */
    const char *const *tags; /* "spicy", "vegetarian", "age-restricted" ... */
    size_t n_tags;
    const ks_time_window *available; /* none = always */
    size_t n_available;
    bool sold_out;
    const char *const *barcodes; /* GTIN digits (8, 12, 13 or 14), check digit valid */
    size_t n_barcodes;
    const char *plu;            /* 5-digit code carried by GS1 variable-measure labels, or "" */
    int32_t min_age;            /* 0, or the age a buyer must have reached (18: tobacco) */
    int32_t expected_weight_g;  /* counted products: one piece in the bagging area; 0 = unknown */
    int32_t weight_tolerance_g; /* +/- grams the bagging check accepts per piece (per line for
                                   kg); 0 = the default rule, see kiosk/domain/bagging.h */
    const ks_modifier_group *const *modifier_groups; /* borrowed; products only */
    size_t n_modifier_groups;
    const ks_combo_slot *slots; /* combos only */
    size_t n_slots;
    const ks_combo_size *sizes; /* combos only; none = one size */
    size_t n_sizes;
} ks_item;

enum ks_promo_kind {
    KS_PROMO_PERCENT_OFF,  /* percent_bp off each targeted unit (or the order) */
    KS_PROMO_AMOUNT_OFF,   /* amount off each targeted unit (or once off the order) */
    KS_PROMO_BUY_X_GET_Y,  /* per buy_qty+get_qty targeted units, the get_qty cheapest at
                              get_percent_bp off */
    KS_PROMO_BUNDLE_PRICE, /* one unit from each component set together for bundle_price */
};

typedef struct ks_promo_target {
    const ks_item *const *items; /* borrowed */
    size_t n_items;
    const ks_category *const *categories; /* borrowed */
    size_t n_categories;
} ks_promo_target;

typedef struct ks_promotion {
    const char *id;
    ks_text name;
    enum ks_promo_kind kind;
    bool whole_order;         /* PERCENT_OFF/AMOUNT_OFF on the order total, after item promotions */
    ks_promo_target target;   /* units it may apply to (not for whole_order or bundles) */
    int32_t percent_bp;       /* PERCENT_OFF */
    ks_money amount;          /* AMOUNT_OFF */
    int32_t buy_qty, get_qty; /* BUY_X_GET_Y */
    int32_t get_percent_bp;   /* BUY_X_GET_Y: 10000 = free */
    const ks_promo_target *components; /* BUNDLE_PRICE: one unit from each */
    size_t n_components;
    ks_money bundle_price; /* BUNDLE_PRICE, tax treatment as item prices */
    ks_money min_order;    /* whole_order: order subtotal needed, 0 = none */
    const ks_time_window *available;
    size_t n_available;
} ks_promotion;

/* Suggestions offered after `trigger` is added to the cart. */
typedef struct ks_upsell {
    const ks_item *trigger;            /* borrowed */
    const ks_item *const *suggestions; /* borrowed, in display order */
    size_t n_suggestions;
} ks_upsell;

typedef struct ks_catalog ks_catalog;

/* Menu metadata. */
const char *ks_catalog_version(const ks_catalog *cat);
const ks_currency *ks_catalog_currency(const ks_catalog *cat);
bool ks_catalog_prices_include_tax(const ks_catalog *cat);

/*
 * Arrays in display order, owned by the catalog; *n receives the count.
 * Categories are sorted by (sort, id); items are the menu's products in file
 * order followed by its combos in file order; the rest keep file order.
 */
const ks_category *ks_catalog_categories(const ks_catalog *cat, size_t *n);
const ks_item *ks_catalog_items(const ks_catalog *cat, size_t *n);
const ks_promotion *ks_catalog_promotions(const ks_catalog *cat, size_t *n);
const ks_tax_category *ks_catalog_tax_categories(const ks_catalog *cat, size_t *n);
const ks_modifier_group *ks_catalog_modifier_groups(const ks_catalog *cat, size_t *n);

/*
 * Lookups in O(1); NULL when absent or when an argument is NULL. Items and
 * combos share one id space. A barcode is found whichever GTIN length it is
 * given in (8, 12, 13 or 14 digits, compared in the 14-digit form); a wrong
 * check digit finds nothing.
 */
const ks_item *ks_catalog_find_item(const ks_catalog *cat, const char *id);
const ks_category *ks_catalog_find_category(const ks_catalog *cat, const char *id);
const ks_tax_category *ks_catalog_find_tax(const ks_catalog *cat, const char *id);
const ks_modifier_group *ks_catalog_find_modifier_group(const ks_catalog *cat, const char *id);
const ks_promotion *ks_catalog_find_promotion(const ks_catalog *cat, const char *id);
const ks_item *ks_catalog_find_barcode(const ks_catalog *cat, const char *digits);
const ks_item *ks_catalog_find_plu(const ks_catalog *cat, const char *plu);

/* Upsell suggestions for an item, in O(1); NULL when it has none. */
const ks_upsell *ks_catalog_upsell_for(const ks_catalog *cat, const ks_item *trigger);

/* True when the item may be ordered at `at`: not sold out and inside its windows. */
bool ks_item_orderable(const ks_item *item, ks_local_time at);

/* Frees the catalog and everything it owns. Accepts NULL and half-built catalogs. */
void ks_catalog_free(ks_catalog *cat);

/*
 * Building a catalog: for the menu importer (and tests). The builder
 * allocates every string and array from the catalog's arena, files each
 * object in the indexes as it goes (which also finds duplicate ids), then
 * hands the finished arrays over with ks_catalog_set_contents(). Nothing
 * here validates: that is the importer's job.
 */

/* An empty catalog (no items, currency SAR); NULL when out of memory. */
ks_catalog *ks_catalog_new(void);

/* The arena that owns the catalog's strings and arrays; freed with the catalog. */
ks_arena *ks_catalog_arena(ks_catalog *cat);

enum ks_catalog_index {
    KS_INDEX_ITEM,           /* item id -> ks_item (products and combos) */
    KS_INDEX_CATEGORY,       /* category id -> ks_category */
    KS_INDEX_TAX,            /* tax category id -> ks_tax_category */
    KS_INDEX_MODIFIER_GROUP, /* modifier group id -> ks_modifier_group */
    KS_INDEX_PROMOTION,      /* promotion id -> ks_promotion */
    KS_INDEX_BARCODE,        /* 14-digit GTIN (ks_gtin_normalize) -> ks_item */
    KS_INDEX_PLU,            /* 5-digit PLU -> ks_item */
    KS_INDEX_UPSELL,         /* trigger item id -> ks_upsell */
    KS_INDEX_COUNT
};

/*
 * Files value under key. key and value are borrowed and must live as long as
 * the catalog (allocate them from its arena). Returns true when filed; false
 * with *clash (when clash is not NULL) set to the value already filed under
 * key, or to NULL when out of memory or an argument is NULL.
 */
bool ks_catalog_index_add(ks_catalog *cat, enum ks_catalog_index index, const char *key,
                          const void *value, const void **clash);

/* What the getters above return. Pointers borrowed from the catalog's arena. */
typedef struct ks_catalog_contents {
    const char *version;
    ks_currency currency;
    bool prices_include_tax;
    const ks_tax_category *tax_categories;
    size_t n_tax_categories;
    const ks_category *categories; /* sorted by (sort, id) */
    size_t n_categories;
    const ks_modifier_group *modifier_groups;
    size_t n_modifier_groups;
    const ks_item *items;
    size_t n_items;
    const ks_promotion *promotions;
    size_t n_promotions;
    const ks_upsell *upsells;
    size_t n_upsells;
} ks_catalog_contents;

/* Copies the contents description (not the arrays, which stay where they are). */
void ks_catalog_set_contents(ks_catalog *cat, const ks_catalog_contents *contents);

#endif
