/*
 * Menu import: JSON (jansson) -> validated ks_catalog. See
 * kiosk/domain/menu_import.h for the contract and kiosk/docs/menu-format.md
 * for the rules; every rule there has a check here and a case in
 * tests/unit/test_menu_import.c.
 *
 * One pass per top-level array, in dependency order (taxes, categories,
 * modifier groups, then the ids of every product and combo so that any later
 * reference resolves, then items, combos, promotions, upsells). Everything
 * kept is copied into the catalog's arena; the JSON tree is freed at the end.
 * The current JSON path is a small stack that is only rendered on error.
 */
#include "kiosk/domain/menu_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/gtin.h"
#include "kiosk/domain/json_read.h"

#define FORMAT_NAME "kiosk-menu/1"
#define MAX_ITEMS 100000 /* products and combos together */
#define MAX_TAX_CATEGORIES 64
#define MAX_CATEGORIES 1000
#define MAX_MODIFIER_GROUPS 10000
#define MAX_GROUPS_PER_ITEM 64
#define MAX_OPTIONS 64
#define MAX_SLOTS 16
#define MAX_CHOICES 64
#define MAX_SIZES 8
#define MAX_BARCODES 32
#define MAX_TAGS 32
#define MAX_WINDOWS 16
#define MAX_PROMOTIONS 1000
#define MAX_TARGET_ITEMS 10000
#define MAX_TARGET_CATEGORIES 1000
#define MAX_COMPONENTS 8
#define MAX_SUGGESTIONS 8
#define MAX_ID 64
#define MAX_TAG 64
#define MAX_VERSION 64
#define MAX_NAME 256
#define MAX_DESCRIPTION 2048
#define MAX_IMAGE 256
/* 10^12 minor units: sums of many lines stay far from overflow. */
#define MAX_MONEY 1000000000000LL
#define MAX_CALORIES 100000
#define MAX_QTY 1000
#define MAX_AGE 99          /* min_age */
#define MAX_WEIGHT_G 100000 /* expected_weight_g, weight_tolerance_g: 100 kg */

typedef struct importer {
    ks_catalog *cat;  /* being built; freed by ks_menu_import on error */
    ks_arena *arena;  /* the catalog's */
    ks_json_reader r; /* the path in hand and the first error */
    ks_item *items;   /* products then combos, in the arena */
    size_t n_products, n_items;
    const ks_category *categories;
    size_t n_categories;
    const ks_modifier_group *groups;
    /* "Seen in this list" marks to find duplicates in O(1): mark == stamp. Owned. */
    uint32_t *item_marks, *category_marks, *group_marks;
    uint32_t stamp;
} importer;

/* --- Errors --- */

static bool fail_oom(importer *im)
{
    return ks_json_fail(&im->r, NULL, "out of memory");
}

/* Where an item came from in the file: "items[3]" or "combos[0]". */
static const char *item_location(const importer *im, const ks_item *item, char *buf, size_t cap)
{
    size_t i = (size_t)(item - im->items);
    if (i < im->n_products)
        snprintf(buf, cap, "items[%zu]", i);
    else
        snprintf(buf, cap, "combos[%zu]", i - im->n_products);
    return buf;
}

/* --- Members, on the reader --- */

/* s copied into the arena. */
static bool keep(importer *im, const char *s, const char **out)
{
    *out = ks_arena_strndup(im->arena, s, strlen(s));
    return *out ? true : fail_oom(im);
}

/* A checked string copied into the arena; *out left alone when absent and optional. */
static bool get_string(importer *im, json_t *obj, const char *key, bool required, size_t min,
                       size_t max, enum ks_json_chars chars, const char **out)
{
    const char *s = NULL;
    return ks_json_string(&im->r, obj, key, required, min, max, chars, &s) &&
           (!s || keep(im, s, out));
}

static bool get_id(importer *im, json_t *obj, const char **out)
{
    return get_string(im, obj, "id", true, 1, MAX_ID, KS_JSON_ID, out);
}

/* A reference to an id: checked like an id, not copied (the target owns its id). */
static bool get_ref(importer *im, json_t *obj, const char *key, const char **out)
{
    return ks_json_string(&im->r, obj, key, true, 1, MAX_ID, KS_JSON_ID, out);
}

/* { "ar": string, "en": string }; names need one of them non-empty. */
static bool get_text(importer *im, json_t *obj, const char *key, bool required, size_t max,
                     bool is_name, ks_text *out)
{
    const char *ar = "", *en = "";
    if (!ks_json_names(&im->r, obj, key, required, max, is_name ? KS_JSON_TEXT : KS_JSON_PARAGRAPH,
                       &ar, &en))
        return false;
    if (is_name && !ar[0] && !en[0])
        return ks_json_fail(&im->r, key, "\"ar\" and \"en\" are both empty");
    return keep(im, ar, &out->ar) && keep(im, en, &out->en);
}

/* A new stamp for a list in which duplicates are looked for. */
static uint32_t next_stamp(importer *im)
{
    return ++im->stamp;
}

/* True the first time index is seen under stamp. */
static bool first_sighting(uint32_t *marks, size_t index, uint32_t stamp)
{
    if (marks[index] == stamp)
        return false;
    marks[index] = stamp;
    return true;
}

/* --- Lists --- */

/* One entry of a JSON array being read into an arena array by get_list(). */
struct entry {
    json_t *json;         /* the entry, borrowed from the tree */
    void *list;           /* the arena array being filled; this entry goes in slot index */
    size_t index;         /* also the entry's index in the file */
    const ks_item *owner; /* the item whose list this is (its barcodes, slots ...), or NULL */
    uint32_t stamp;       /* fresh for this list, for first_sighting() */
};

/* An array member: its name, how many entries it may have, and how one entry is read. */
struct list_rule {
    const char *key;
    bool required;
    size_t min, max;
    size_t entry_size; /* bytes per slot of the arena array */
    bool (*parse)(importer *im, const struct entry *e);
};

/*
 * obj[rule->key] read entry by entry into a new arena array (empty when the
 * member is absent and optional), the path at key[i] while entry i is read.
 * The array, its length in *n_out; NULL once an error is recorded.
 */
static void *get_list(importer *im, json_t *obj, const struct list_rule *rule, const ks_item *owner,
                      size_t *n_out)
{
    json_t *arr = NULL;
    if (!ks_json_array(&im->r, obj, rule->key, rule->required, rule->min, rule->max, &arr))
        return NULL;
    size_t n = arr ? json_array_size(arr) : 0;
    struct entry e = {.list = ks_arena_array(im->arena, n, rule->entry_size),
                      .owner = owner,
                      .stamp = next_stamp(im)};
    if (!e.list) {
        fail_oom(im);
        return NULL;
    }
    if (!ks_json_enter_key(&im->r, rule->key))
        return NULL;
    for (e.index = 0; e.index < n; e.index++) {
        e.json = json_array_get(arr, e.index);
        if (!ks_json_enter_index(&im->r, e.index) || !rule->parse(im, &e))
            return NULL;
        ks_json_leave(&im->r);
    }
    ks_json_leave(&im->r);
    *n_out = n;
    return e.list;
}

/* --- Times --- */

static const char *const day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

/* "HH:MM", 00:00-23:59 (or 24:00 when allow_24). */
static bool parse_hhmm(const char *s, size_t len, bool allow_24, uint16_t *minutes)
{
    if (len != 5 || s[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && (!allow_24 || m != 0)))
        return false;
    *minutes = (uint16_t)(h * 60 + m);
    return true;
}

static bool get_time(importer *im, json_t *obj, const char *key, bool allow_24, uint16_t *out)
{
    const char *s;
    if (!ks_json_string(&im->r, obj, key, true, 0, SIZE_MAX, KS_JSON_ANY, &s))
        return false;
    if (!parse_hhmm(s, strlen(s), allow_24, out)) {
        char q[24];
        return ks_json_fail(&im->r, key, "\"%s\" is not a time: HH:MM from 00:00 to %s",
                            ks_json_shown(q, sizeof q, s), allow_24 ? "24:00" : "23:59");
    }
    return true;
}

static bool parse_window(importer *im, const struct entry *e)
{
    static const char *const members[] = {"days", "from", "to", NULL};
    ks_time_window *windows = e->list, *w = &windows[e->index];
    json_t *obj = e->json, *days;
    if (!ks_json_object(&im->r, obj, NULL, members) ||
        !ks_json_array(&im->r, obj, "days", true, 1, 7, &days))
        return false;
    if (!ks_json_enter_key(&im->r, "days"))
        return false;
    for (size_t i = 0; i < json_array_size(days); i++) {
        int day = 0;
        if (!ks_json_enter_index(&im->r, i) ||
            !ks_json_enum(&im->r, json_array_get(days, i), NULL, true, day_names, 7, &day))
            return false;
        if (w->days & (1u << day))
            return ks_json_fail(&im->r, NULL, "\"%s\" is listed twice", day_names[day]);
        w->days |= (uint8_t)(1u << day);
        ks_json_leave(&im->r);
    }
    ks_json_leave(&im->r);
    if (!get_time(im, obj, "from", false, &w->start_min) ||
        !get_time(im, obj, "to", true, &w->end_min))
        return false;
    if (w->start_min == w->end_min)
        return ks_json_fail(&im->r, "to",
                            "equals \"from\": the window would be empty (a whole day is "
                            "\"00:00\" to \"24:00\")");
    return true;
}

static bool get_windows(importer *im, json_t *obj, const ks_time_window **out, size_t *n_out)
{
    static const struct list_rule windows = {.key = "available",
                                             .max = MAX_WINDOWS,
                                             .entry_size = sizeof(ks_time_window),
                                             .parse = parse_window};
    *out = get_list(im, obj, &windows, NULL, n_out);
    return *out != NULL;
}

/* --- Header, taxes, categories, modifier groups --- */

static bool parse_currency(importer *im, json_t *root, ks_currency *cur)
{
    static const char *const members[] = {"code", "exponent", NULL};
    json_t *obj = json_object_get(root, "currency");
    int64_t exponent = 0;
    if (!ks_json_object(&im->r, root, "currency", members) ||
        !ks_json_enter_key(&im->r, "currency") ||
        !ks_json_int(&im->r, obj, "exponent", true, 0, 4, &exponent))
        return false;
    json_t *code;
    if (!ks_json_member(&im->r, obj, "code", true, &code))
        return false;
    const char *s = json_string_value(code);
    if (!s || json_string_length(code) != 3 || !(s[0] >= 'A' && s[0] <= 'Z') ||
        !(s[1] >= 'A' && s[1] <= 'Z') || !(s[2] >= 'A' && s[2] <= 'Z'))
        return ks_json_fail(&im->r, "code", "must be an ISO 4217 code: 3 upper-case letters");
    ks_json_leave(&im->r);
    if (strcmp(s, KS_CURRENCY_SAR.code) == 0) {
        *cur = KS_CURRENCY_SAR;
    } else {
        /* Another currency shows its code in both languages. */
        memcpy(cur->code, s, 4);
        cur->symbol_en = cur->symbol_ar = ks_arena_strndup(im->arena, s, 3);
        if (!cur->symbol_en)
            return fail_oom(im);
    }
    cur->exponent = (int)exponent;
    return true;
}

static bool parse_tax_category(importer *im, const struct entry *e)
{
    static const char *const members[] = {"id",           "name",           "rate_bp",
                                          "vat_category", "exemption_code", NULL};
    ks_tax_category *taxes = e->list, *t = &taxes[e->index];
    json_t *obj = e->json;
    const void *clash;
    const char *category = NULL, *exemption = NULL;
    if (!ks_json_object(&im->r, obj, NULL, members) || !get_id(im, obj, &t->id) ||
        !get_text(im, obj, "name", true, MAX_NAME, true, &t->name) ||
        !ks_json_i32(&im->r, obj, "rate_bp", true, 0, 10000, &t->rate_bp) ||
        !get_string(im, obj, "vat_category", false, 1, 1, KS_JSON_PRINTABLE, &category) ||
        !get_string(im, obj, "exemption_code", false, 1, MAX_ID, KS_JSON_PRINTABLE, &exemption))
        return false;
    if (!category) {
        if (exemption)
            return ks_json_fail(&im->r, "exemption_code", "needs vat_category");
        t->vat = ks_vat_treatment_for_rate(t->rate_bp);
    } else {
        const char *why = ks_vat_treatment_make(category, exemption, t->rate_bp, &t->vat);
        if (why)
            return ks_json_fail(&im->r, "vat_category", "%s", why);
    }
    if (!ks_catalog_index_add(im->cat, KS_INDEX_TAX, t->id, t, &clash))
        return clash ? ks_json_fail(&im->r, "id",
                                    "duplicate tax category id \"%s\" (also tax_categories[%zu])",
                                    t->id, (size_t)((const ks_tax_category *)clash - taxes))
                     : fail_oom(im);
    return true;
}

static bool parse_tax_categories(importer *im, json_t *root, ks_catalog_contents *c)
{
    static const struct list_rule taxes = {.key = "tax_categories",
                                           .required = true,
                                           .min = 1,
                                           .max = MAX_TAX_CATEGORIES,
                                           .entry_size = sizeof(ks_tax_category),
                                           .parse = parse_tax_category};
    c->tax_categories = get_list(im, root, &taxes, NULL, &c->n_tax_categories);
    return c->tax_categories != NULL;
}

struct sorted_category {
    ks_category category;
    size_t file_index;
};

static int compare_categories(const void *pa, const void *pb)
{
    const struct sorted_category *a = pa, *b = pb;
    if (a->category.sort != b->category.sort)
        return a->category.sort < b->category.sort ? -1 : 1;
    int by_id = strcmp(a->category.id, b->category.id);
    if (by_id)
        return by_id;
    return a->file_index < b->file_index ? -1 : a->file_index > b->file_index;
}

static bool parse_category(importer *im, const struct entry *e)
{
    static const char *const members[] = {"id", "name", "image", "sort", NULL};
    struct sorted_category *parsed = e->list;
    ks_category *cat = &parsed[e->index].category;
    json_t *obj = e->json;
    parsed[e->index].file_index = e->index;
    cat->image = "";
    return ks_json_object(&im->r, obj, NULL, members) && get_id(im, obj, &cat->id) &&
           get_text(im, obj, "name", true, MAX_NAME, true, &cat->name) &&
           get_string(im, obj, "image", false, 0, MAX_IMAGE, KS_JSON_PATH, &cat->image) &&
           ks_json_i32(&im->r, obj, "sort", false, INT32_MIN, INT32_MAX, &cat->sort);
}

static bool parse_categories(importer *im, json_t *root, ks_catalog_contents *c)
{
    static const struct list_rule categories = {.key = "categories",
                                                .required = true,
                                                .min = 1,
                                                .max = MAX_CATEGORIES,
                                                .entry_size = sizeof(struct sorted_category),
                                                .parse = parse_category};
    size_t n;
    struct sorted_category *parsed = get_list(im, root, &categories, NULL, &n);
    if (!parsed)
        return false;
    ks_category *sorted = ks_arena_array(im->arena, n, sizeof *sorted);
    if (!sorted)
        return fail_oom(im);
    qsort(parsed, n, sizeof *parsed, compare_categories);
    /* Duplicates sort next to each other; blame the one later in the file. */
    for (size_t k = 0; k < n; k++) {
        sorted[k] = parsed[k].category;
        const void *clash;
        if (!ks_catalog_index_add(im->cat, KS_INDEX_CATEGORY, sorted[k].id, &sorted[k], &clash)) {
            if (!clash)
                return fail_oom(im);
            size_t a = parsed[(const ks_category *)clash - sorted].file_index;
            size_t b = parsed[k].file_index;
            if (!ks_json_enter_key(&im->r, "categories") ||
                !ks_json_enter_index(&im->r, a > b ? a : b))
                return false;
            return ks_json_fail(&im->r, "id", "duplicate category id \"%s\" (also categories[%zu])",
                                sorted[k].id, a < b ? a : b);
        }
    }
    c->categories = im->categories = sorted;
    c->n_categories = im->n_categories = n;
    return true;
}

static bool parse_option(importer *im, const struct entry *e)
{
    static const char *const members[] = {"id",      "name",     "price_delta", "calories",
                                          "default", "sold_out", NULL};
    ks_modifier_option *opts = e->list, *opt = &opts[e->index];
    json_t *obj = e->json;
    if (!ks_json_object(&im->r, obj, NULL, members) || !get_id(im, obj, &opt->id) ||
        !get_text(im, obj, "name", true, MAX_NAME, true, &opt->name) ||
        !ks_json_int(&im->r, obj, "price_delta", true, -MAX_MONEY, MAX_MONEY, &opt->price_delta) ||
        !ks_json_i32(&im->r, obj, "calories", false, -MAX_CALORIES, MAX_CALORIES, &opt->calories) ||
        !ks_json_bool(&im->r, obj, "default", false, &opt->is_default) ||
        !ks_json_bool(&im->r, obj, "sold_out", false, &opt->sold_out))
        return false;
    for (size_t j = 0; j < e->index; j++)
        if (strcmp(opts[j].id, opt->id) == 0)
            return ks_json_fail(&im->r, "id", "duplicate option id \"%s\" (also options[%zu])",
                                opt->id, j);
    return true;
}

static bool parse_group(importer *im, const struct entry *e)
{
    static const char *const members[] = {"id", "name", "min", "max", "options", NULL};
    static const struct list_rule options = {.key = "options",
                                             .required = true,
                                             .min = 1,
                                             .max = MAX_OPTIONS,
                                             .entry_size = sizeof(ks_modifier_option),
                                             .parse = parse_option};
    ks_modifier_group *groups = e->list, *g = &groups[e->index];
    json_t *obj = e->json;
    const void *clash;
    if (!ks_json_object(&im->r, obj, NULL, members) || !get_id(im, obj, &g->id) ||
        !get_text(im, obj, "name", true, MAX_NAME, true, &g->name) ||
        !ks_json_i32(&im->r, obj, "min", true, 0, MAX_OPTIONS, &g->min_choices) ||
        !ks_json_i32(&im->r, obj, "max", true, 1, MAX_OPTIONS, &g->max_choices))
        return false;
    g->options = get_list(im, obj, &options, NULL, &g->n_options);
    if (!g->options)
        return false;
    int32_t defaults = 0;
    for (size_t i = 0; i < g->n_options; i++)
        defaults += g->options[i].is_default;
    if (g->max_choices < g->min_choices)
        return ks_json_fail(&im->r, "max", "max (%d) is less than min (%d)", (int)g->max_choices,
                            (int)g->min_choices);
    if ((size_t)g->max_choices > g->n_options)
        return ks_json_fail(&im->r, "max", "max (%d) is more than the number of options (%zu)",
                            (int)g->max_choices, g->n_options);
    if (defaults > g->max_choices)
        return ks_json_fail(&im->r, "options", "%d options are marked default but max is %d",
                            (int)defaults, (int)g->max_choices);
    if (!ks_catalog_index_add(im->cat, KS_INDEX_MODIFIER_GROUP, g->id, g, &clash))
        return clash
                   ? ks_json_fail(&im->r, "id",
                                  "duplicate modifier group id \"%s\" (also modifier_groups[%zu])",
                                  g->id, (size_t)((const ks_modifier_group *)clash - groups))
                   : fail_oom(im);
    return true;
}

static bool parse_modifier_groups(importer *im, json_t *root, ks_catalog_contents *c)
{
    static const struct list_rule groups = {.key = "modifier_groups",
                                            .max = MAX_MODIFIER_GROUPS,
                                            .entry_size = sizeof(ks_modifier_group),
                                            .parse = parse_group};
    im->groups = get_list(im, root, &groups, NULL, &c->n_modifier_groups);
    if (!im->groups)
        return false;
    size_t n = c->n_modifier_groups;
    im->group_marks = calloc(n ? n : 1, sizeof *im->group_marks);
    if (!im->group_marks)
        return fail_oom(im);
    c->modifier_groups = im->groups;
    return true;
}

/* --- Items and combos --- */

/* Files the id of every product and combo so later references resolve in any order. */
static bool register_item_ids(importer *im, json_t *products, json_t *combos)
{
    for (size_t k = 0; k < im->n_items; k++) {
        bool is_combo = k >= im->n_products;
        size_t i = is_combo ? k - im->n_products : k;
        json_t *obj = json_array_get(is_combo ? combos : products, i);
        ks_item *item = &im->items[k];
        const void *clash;
        item->kind = is_combo ? KS_ITEM_COMBO : KS_ITEM_PRODUCT;
        if (!ks_json_enter_key(&im->r, is_combo ? "combos" : "items") ||
            !ks_json_enter_index(&im->r, i) || !ks_json_object(&im->r, obj, NULL, NULL) ||
            !get_id(im, obj, &item->id))
            return false;
        if (!ks_catalog_index_add(im->cat, KS_INDEX_ITEM, item->id, item, &clash)) {
            char where[32];
            return clash ? ks_json_fail(&im->r, "id", "duplicate item id \"%s\" (also %s)",
                                        item->id, item_location(im, clash, where, sizeof where))
                         : fail_oom(im);
        }
        ks_json_leave(&im->r);
        ks_json_leave(&im->r);
    }
    return true;
}

/* The product or combo named by obj[key] (obj itself when key is NULL). */
static bool resolve_item(importer *im, json_t *obj, const char *key, const ks_item **out)
{
    const char *id;
    if (!get_ref(im, obj, key, &id))
        return false;
    *out = ks_catalog_find_item(im->cat, id);
    return *out ? true : ks_json_fail(&im->r, key, "unknown item \"%s\"", id);
}

static bool resolve_category(importer *im, json_t *obj, const char *key, const ks_category **out)
{
    const char *id;
    if (!get_ref(im, obj, key, &id))
        return false;
    *out = ks_catalog_find_category(im->cat, id);
    return *out ? true : ks_json_fail(&im->r, key, "unknown category \"%s\"", id);
}

static bool parse_tag(importer *im, const struct entry *e)
{
    const char **tags = e->list;
    return get_string(im, e->json, NULL, true, 1, MAX_TAG, KS_JSON_ID, &tags[e->index]);
}

static bool get_tags(importer *im, json_t *obj, ks_item *item)
{
    static const struct list_rule tags = {
        .key = "tags", .max = MAX_TAGS, .entry_size = sizeof(const char *), .parse = parse_tag};
    item->tags = get_list(im, obj, &tags, NULL, &item->n_tags);
    return item->tags != NULL;
}

/* What products and combos share: id (already filed), category ... available. */
static bool parse_item_common(importer *im, json_t *obj, ks_item *item)
{
    const char *tax_id;
    item->image = "";
    item->plu = "";
    item->calories = -1;
    if (!resolve_category(im, obj, "category", &item->category) ||
        !get_text(im, obj, "name", true, MAX_NAME, true, &item->name) ||
        !get_text(im, obj, "description", false, MAX_DESCRIPTION, false, &item->description) ||
        !get_string(im, obj, "image", false, 0, MAX_IMAGE, KS_JSON_PATH, &item->image) ||
        !ks_json_int(&im->r, obj, "price", true, 0, MAX_MONEY, &item->price) ||
        !get_ref(im, obj, "tax", &tax_id))
        return false;
    item->tax = ks_catalog_find_tax(im->cat, tax_id);
    if (!item->tax)
        return ks_json_fail(&im->r, "tax", "unknown tax category \"%s\"", tax_id);
    return ks_json_i32(&im->r, obj, "calories", false, 0, MAX_CALORIES, &item->calories) &&
           get_tags(im, obj, item) &&
           ks_json_bool(&im->r, obj, "sold_out", false, &item->sold_out) &&
           get_windows(im, obj, &item->available, &item->n_available);
}

/* One of the item's barcodes (the item is e->owner). */
static bool parse_barcode(importer *im, const struct entry *e)
{
    const char **codes = e->list;
    json_t *v = e->json;
    if (!json_is_string(v))
        return ks_json_fail(&im->r, NULL, "must be a string");
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    char gtin14[15];
    if (!ks_gtin_normalize(s, len, gtin14)) {
        bool gtin_length = len == 8 || len == 12 || len == 13 || len == 14;
        int check = gtin_length ? ks_gtin_check_digit(s, len - 1) : -1;
        char q[24];
        if (check < 0 || s[len - 1] < '0' || s[len - 1] > '9')
            return ks_json_fail(&im->r, NULL, "\"%s\" is not a GTIN: 8, 12, 13 or 14 digits",
                                ks_json_shown(q, sizeof q, s));
        return ks_json_fail(&im->r, NULL, "\"%s\" has a wrong check digit (should end in %d)", s,
                            check);
    }
    codes[e->index] = ks_arena_strndup(im->arena, s, len);
    const char *key = ks_arena_strndup(im->arena, gtin14, 14);
    const void *clash;
    if (!codes[e->index] || !key)
        return fail_oom(im);
    if (!ks_catalog_index_add(im->cat, KS_INDEX_BARCODE, key, e->owner, &clash)) {
        char where[32];
        if (!clash)
            return fail_oom(im);
        if (clash == e->owner)
            return ks_json_fail(&im->r, NULL, "barcode \"%s\" is listed twice", s);
        return ks_json_fail(&im->r, NULL, "barcode \"%s\" is already used by %s", s,
                            item_location(im, clash, where, sizeof where));
    }
    return true;
}

static bool parse_plu(importer *im, json_t *obj, ks_item *item)
{
    json_t *v;
    if (!ks_json_member(&im->r, obj, "plu", false, &v))
        return false;
    if (!v)
        return true;
    const char *s = json_string_value(v);
    bool ok = s && json_string_length(v) == 5;
    for (int i = 0; ok && i < 5; i++)
        ok = s[i] >= '0' && s[i] <= '9';
    if (!ok)
        return ks_json_fail(&im->r, "plu", "must be a string of 5 digits");
    item->plu = ks_arena_strndup(im->arena, s, 5);
    const void *clash;
    if (!item->plu)
        return fail_oom(im);
    if (!ks_catalog_index_add(im->cat, KS_INDEX_PLU, item->plu, item, &clash)) {
        char where[32];
        return clash ? ks_json_fail(&im->r, "plu", "PLU \"%s\" is already used by %s", s,
                                    item_location(im, clash, where, sizeof where))
                     : fail_oom(im);
    }
    return true;
}

/*
 * What the self-checkout needs of a product: the buyer's minimum age, and
 * for the bagging-area check the weight of one piece and its tolerance. A
 * weighed product's weight is what the scale read, so it takes only a
 * tolerance.
 */
static bool parse_self_checkout(importer *im, json_t *obj, ks_item *item)
{
    json_t *weight;
    if (!ks_json_i32(&im->r, obj, "min_age", false, 0, MAX_AGE, &item->min_age) ||
        !ks_json_member(&im->r, obj, "expected_weight_g", false, &weight))
        return false;
    if (weight && item->unit == KS_UNIT_KG)
        return ks_json_fail(
            &im->r, "expected_weight_g",
            "a weighed product (unit \"kg\") has no fixed weight: the scale gives it");
    return ks_json_i32(&im->r, obj, "expected_weight_g", false, 1, MAX_WEIGHT_G,
                       &item->expected_weight_g) &&
           ks_json_i32(&im->r, obj, "weight_tolerance_g", false, 1, MAX_WEIGHT_G,
                       &item->weight_tolerance_g);
}

/* One of the product's modifier groups (the product is e->owner). */
static bool parse_item_group(importer *im, const struct entry *e)
{
    const ks_modifier_group **groups = e->list;
    const ks_item *item = e->owner;
    const char *id;
    if (!get_ref(im, e->json, NULL, &id))
        return false;
    const ks_modifier_group *g = ks_catalog_find_modifier_group(im->cat, id);
    if (!g)
        return ks_json_fail(&im->r, NULL, "unknown modifier group \"%s\"", id);
    if (!first_sighting(im->group_marks, (size_t)(g - im->groups), e->stamp))
        return ks_json_fail(&im->r, NULL, "modifier group \"%s\" is listed twice", id);
    for (size_t k = 0; k < g->n_options; k++)
        if (g->options[k].price_delta < -item->price)
            return ks_json_fail(&im->r, NULL,
                                "option \"%s\" of group \"%s\" takes %lld off, more than the item "
                                "price %lld",
                                g->options[k].id, g->id, (long long)-g->options[k].price_delta,
                                (long long)item->price);
    groups[e->index] = g;
    return true;
}

static bool parse_product(importer *im, json_t *obj, ks_item *item)
{
    static const char *const members[] = {"id",
                                          "category",
                                          "name",
                                          "description",
                                          "image",
                                          "price",
                                          "tax",
                                          "calories",
                                          "tags",
                                          "sold_out",
                                          "available",
                                          "unit",
                                          "barcodes",
                                          "plu",
                                          "modifier_groups",
                                          "min_age",
                                          "expected_weight_g",
                                          "weight_tolerance_g",
                                          NULL};
    static const struct list_rule barcodes = {.key = "barcodes",
                                              .max = MAX_BARCODES,
                                              .entry_size = sizeof(const char *),
                                              .parse = parse_barcode};
    static const struct list_rule groups = {.key = "modifier_groups",
                                            .max = MAX_GROUPS_PER_ITEM,
                                            .entry_size = sizeof(const ks_modifier_group *),
                                            .parse = parse_item_group};
    static const char *const units[] = {[KS_UNIT_EACH] = "each", [KS_UNIT_KG] = "kg"};
    int unit = KS_UNIT_EACH;
    if (!ks_json_object(&im->r, obj, NULL, members) || !parse_item_common(im, obj, item) ||
        !ks_json_enum(&im->r, obj, "unit", false, units, 2, &unit))
        return false;
    item->unit = (enum ks_unit)unit;
    item->barcodes = get_list(im, obj, &barcodes, item, &item->n_barcodes);
    if (!item->barcodes || !parse_plu(im, obj, item))
        return false;
    item->modifier_groups = get_list(im, obj, &groups, item, &item->n_modifier_groups);
    return item->modifier_groups != NULL && parse_self_checkout(im, obj, item);
}

/* A price_delta for a combo choice or size: never below minus the combo price. */
static bool get_combo_delta(importer *im, json_t *obj, const ks_item *combo, ks_money *out)
{
    if (!ks_json_int(&im->r, obj, "price_delta", true, -MAX_MONEY, MAX_MONEY, out))
        return false;
    if (*out < -combo->price)
        return ks_json_fail(&im->r, "price_delta", "takes %lld off, more than the combo price %lld",
                            (long long)-*out, (long long)combo->price);
    return true;
}

/* One product a slot of the combo e->owner may be filled with. */
static bool parse_choice(importer *im, const struct entry *e)
{
    static const char *const members[] = {"item", "price_delta", NULL};
    ks_combo_choice *choices = e->list, *choice = &choices[e->index];
    json_t *obj = e->json;
    if (!ks_json_object(&im->r, obj, NULL, members) ||
        !resolve_item(im, obj, "item", &choice->item))
        return false;
    if (choice->item->kind != KS_ITEM_PRODUCT)
        return ks_json_fail(&im->r, "item", "\"%s\" is a combo; slot choices must be products",
                            choice->item->id);
    if (!first_sighting(im->item_marks, (size_t)(choice->item - im->items), e->stamp))
        return ks_json_fail(&im->r, "item", "\"%s\" is listed twice in this slot",
                            choice->item->id);
    return get_combo_delta(im, obj, e->owner, &choice->price_delta);
}

/* One slot of the combo e->owner. */
static bool parse_slot(importer *im, const struct entry *e)
{
    static const char *const members[] = {"id", "name", "choices", "default", NULL};
    static const struct list_rule choices = {.key = "choices",
                                             .required = true,
                                             .min = 1,
                                             .max = MAX_CHOICES,
                                             .entry_size = sizeof(ks_combo_choice),
                                             .parse = parse_choice};
    ks_combo_slot *slots = e->list, *slot = &slots[e->index];
    json_t *obj = e->json;
    const char *def_id;
    if (!ks_json_object(&im->r, obj, NULL, members) || !get_id(im, obj, &slot->id) ||
        !get_text(im, obj, "name", true, MAX_NAME, true, &slot->name))
        return false;
    slot->choices = get_list(im, obj, &choices, e->owner, &slot->n_choices);
    if (!slot->choices || !get_ref(im, obj, "default", &def_id))
        return false;
    size_t d = 0;
    while (d < slot->n_choices && strcmp(slot->choices[d].item->id, def_id) != 0)
        d++;
    if (d == slot->n_choices)
        return ks_json_fail(&im->r, "default", "\"%s\" is not one of the slot's choices", def_id);
    slot->default_choice = d;
    for (size_t j = 0; j < e->index; j++)
        if (strcmp(slots[j].id, slot->id) == 0)
            return ks_json_fail(&im->r, "id", "duplicate slot id \"%s\" (also slots[%zu])",
                                slot->id, j);
    return true;
}

/* One size of the combo e->owner. */
static bool parse_size(importer *im, const struct entry *e)
{
    static const char *const members[] = {"id", "name", "price_delta", NULL};
    ks_combo_size *sizes = e->list, *size = &sizes[e->index];
    json_t *obj = e->json;
    if (!ks_json_object(&im->r, obj, NULL, members) || !get_id(im, obj, &size->id) ||
        !get_text(im, obj, "name", true, MAX_NAME, true, &size->name) ||
        !get_combo_delta(im, obj, e->owner, &size->price_delta))
        return false;
    for (size_t j = 0; j < e->index; j++)
        if (strcmp(sizes[j].id, size->id) == 0)
            return ks_json_fail(&im->r, "id", "duplicate size id \"%s\" (also sizes[%zu])",
                                size->id, j);
    return true;
}

static bool parse_combo(importer *im, json_t *obj, ks_item *combo)
{
    static const char *const members[] = {
        "id",       "category", "name",     "description", "image", "price", "tax",
        "calories", "tags",     "sold_out", "available",   "slots", "sizes", NULL};
    static const struct list_rule slots = {.key = "slots",
                                           .required = true,
                                           .min = 1,
                                           .max = MAX_SLOTS,
                                           .entry_size = sizeof(ks_combo_slot),
                                           .parse = parse_slot};
    static const struct list_rule sizes = {
        .key = "sizes", .max = MAX_SIZES, .entry_size = sizeof(ks_combo_size), .parse = parse_size};
    if (!ks_json_object(&im->r, obj, NULL, members) || !parse_item_common(im, obj, combo))
        return false;
    combo->slots = get_list(im, obj, &slots, combo, &combo->n_slots);
    if (!combo->slots)
        return false;
    combo->sizes = get_list(im, obj, &sizes, combo, &combo->n_sizes);
    return combo->sizes != NULL;
}

static bool parse_items(importer *im, json_t *root, ks_catalog_contents *c)
{
    json_t *products, *combos;
    if (!ks_json_array(&im->r, root, "items", true, 0, MAX_ITEMS, &products) ||
        !ks_json_array(&im->r, root, "combos", false, 0, MAX_ITEMS, &combos))
        return false;
    im->n_products = json_array_size(products);
    im->n_items = im->n_products + (combos ? json_array_size(combos) : 0);
    if (im->n_items == 0)
        return ks_json_fail(&im->r, "items", "the menu has no items");
    if (im->n_items > MAX_ITEMS)
        return ks_json_fail(&im->r, "combos",
                            "items and combos together must be at most %d (have %zu)", MAX_ITEMS,
                            im->n_items);
    im->items = ks_arena_array(im->arena, im->n_items, sizeof *im->items);
    im->item_marks = calloc(im->n_items, sizeof *im->item_marks);
    im->category_marks = calloc(im->n_categories, sizeof *im->category_marks);
    if (!im->items || !im->item_marks || !im->category_marks)
        return fail_oom(im);
    if (!register_item_ids(im, products, combos))
        return false;
    for (size_t k = 0; k < im->n_items; k++) {
        bool is_combo = k >= im->n_products;
        size_t i = is_combo ? k - im->n_products : k;
        json_t *obj = json_array_get(is_combo ? combos : products, i);
        if (!ks_json_enter_key(&im->r, is_combo ? "combos" : "items") ||
            !ks_json_enter_index(&im->r, i) ||
            (is_combo ? !parse_combo(im, obj, &im->items[k])
                      : !parse_product(im, obj, &im->items[k])))
            return false;
        ks_json_leave(&im->r);
        ks_json_leave(&im->r);
    }
    c->items = im->items;
    c->n_items = im->n_items;
    return true;
}

/* --- Promotions and upsells --- */

/* An item of a target or of a suggestion list; never the item e->owner, never twice. */
static bool parse_item_ref(importer *im, const struct entry *e)
{
    const ks_item **list = e->list;
    if (!resolve_item(im, e->json, NULL, &list[e->index]))
        return false;
    if (list[e->index] == e->owner)
        return ks_json_fail(&im->r, NULL, "an item cannot be suggested with itself");
    if (!first_sighting(im->item_marks, (size_t)(list[e->index] - im->items), e->stamp))
        return ks_json_fail(&im->r, NULL, "\"%s\" is listed twice", list[e->index]->id);
    return true;
}

static bool parse_category_ref(importer *im, const struct entry *e)
{
    const ks_category **list = e->list;
    if (!resolve_category(im, e->json, NULL, &list[e->index]))
        return false;
    if (!first_sighting(im->category_marks, (size_t)(list[e->index] - im->categories), e->stamp))
        return ks_json_fail(&im->r, NULL, "\"%s\" is listed twice", list[e->index]->id);
    return true;
}

/* { "items": [ids], "categories": [ids] }, at least one entry in all. */
static bool parse_target(importer *im, json_t *obj, ks_promo_target *t)
{
    static const char *const members[] = {"items", "categories", NULL};
    static const struct list_rule items = {.key = "items",
                                           .max = MAX_TARGET_ITEMS,
                                           .entry_size = sizeof(const ks_item *),
                                           .parse = parse_item_ref};
    static const struct list_rule categories = {.key = "categories",
                                                .max = MAX_TARGET_CATEGORIES,
                                                .entry_size = sizeof(const ks_category *),
                                                .parse = parse_category_ref};
    if (!ks_json_object(&im->r, obj, NULL, members))
        return false;
    t->items = get_list(im, obj, &items, NULL, &t->n_items);
    if (!t->items)
        return false;
    t->categories = get_list(im, obj, &categories, NULL, &t->n_categories);
    if (!t->categories)
        return false;
    if (t->n_items == 0 && t->n_categories == 0)
        return ks_json_fail(&im->r, NULL, "the target names no items and no categories");
    return true;
}

static bool get_target(importer *im, json_t *obj, ks_promo_target *t)
{
    json_t *v;
    if (!ks_json_member(&im->r, obj, "target", true, &v) || !ks_json_enter_key(&im->r, "target") ||
        !parse_target(im, v, t))
        return false;
    ks_json_leave(&im->r);
    return true;
}

static const char *const promo_kind_names[] = {
    [KS_PROMO_PERCENT_OFF] = "percent_off",
    [KS_PROMO_AMOUNT_OFF] = "amount_off",
    [KS_PROMO_BUY_X_GET_Y] = "buy_x_get_y",
    [KS_PROMO_BUNDLE_PRICE] = "bundle_price",
};

/* Members each kind accepts besides id, name, kind and available. */
static const char *const *const promo_kind_members[] = {
    [KS_PROMO_PERCENT_OFF] =
        (const char *const[]){"percent_bp", "target", "whole_order", "min_order", NULL},
    [KS_PROMO_AMOUNT_OFF] =
        (const char *const[]){"amount", "target", "whole_order", "min_order", NULL},
    [KS_PROMO_BUY_X_GET_Y] = (const char *const[]){"target", "buy", "get", "get_percent_bp", NULL},
    [KS_PROMO_BUNDLE_PRICE] = (const char *const[]){"components", "bundle_price", NULL},
};

static bool check_promo_members(importer *im, json_t *obj, enum ks_promo_kind kind)
{
    static const char *const common[] = {"id", "name", "kind", "available", NULL};
    const char *key;
    json_t *value;
    json_object_foreach (obj, key, value) {
        if (ks_json_name_in(key, common) || ks_json_name_in(key, promo_kind_members[kind]))
            continue;
        for (int k = 0; k < 4; k++)
            if (ks_json_name_in(key, promo_kind_members[k]))
                return ks_json_fail(&im->r, key, "\"%s\" does not apply to kind \"%s\"", key,
                                    promo_kind_names[kind]);
        char q[48];
        ks_json_shown(q, sizeof q, key);
        return ks_json_fail(&im->r, q, "unknown member \"%s\"", q);
    }
    return true;
}

/* percent_off and amount_off: a target, or the whole order with an optional minimum. */
static bool parse_promo_scope(importer *im, json_t *obj, ks_promotion *p)
{
    if (!ks_json_bool(&im->r, obj, "whole_order", false, &p->whole_order))
        return false;
    if (!p->whole_order) {
        if (json_object_get(obj, "min_order"))
            return ks_json_fail(&im->r, "min_order", "applies only to whole_order promotions");
        return get_target(im, obj, &p->target);
    }
    if (json_object_get(obj, "target"))
        return ks_json_fail(&im->r, "target", "a whole_order promotion cannot have a target");
    return ks_json_int(&im->r, obj, "min_order", false, 0, MAX_MONEY, &p->min_order);
}

static bool parse_component(importer *im, const struct entry *e)
{
    ks_promo_target *components = e->list;
    return parse_target(im, e->json, &components[e->index]);
}

static bool parse_bundle(importer *im, json_t *obj, ks_promotion *p)
{
    static const struct list_rule components = {.key = "components",
                                                .required = true,
                                                .min = 2,
                                                .max = MAX_COMPONENTS,
                                                .entry_size = sizeof(ks_promo_target),
                                                .parse = parse_component};
    p->components = get_list(im, obj, &components, NULL, &p->n_components);
    return p->components &&
           ks_json_int(&im->r, obj, "bundle_price", true, 0, MAX_MONEY, &p->bundle_price);
}

/* The members of p's kind. */
static bool parse_promo_kind(importer *im, json_t *obj, ks_promotion *p)
{
    switch (p->kind) {
    case KS_PROMO_PERCENT_OFF:
        return ks_json_i32(&im->r, obj, "percent_bp", true, 1, 10000, &p->percent_bp) &&
               parse_promo_scope(im, obj, p);
    case KS_PROMO_AMOUNT_OFF:
        return ks_json_int(&im->r, obj, "amount", true, 1, MAX_MONEY, &p->amount) &&
               parse_promo_scope(im, obj, p);
    case KS_PROMO_BUY_X_GET_Y:
        return get_target(im, obj, &p->target) &&
               ks_json_i32(&im->r, obj, "buy", true, 1, MAX_QTY, &p->buy_qty) &&
               ks_json_i32(&im->r, obj, "get", true, 1, MAX_QTY, &p->get_qty) &&
               ks_json_i32(&im->r, obj, "get_percent_bp", true, 1, 10000, &p->get_percent_bp);
    case KS_PROMO_BUNDLE_PRICE:
        return parse_bundle(im, obj, p);
    }
    return false;
}

static bool parse_promotion(importer *im, const struct entry *e)
{
    ks_promotion *promos = e->list, *p = &promos[e->index];
    json_t *obj = e->json;
    const void *clash;
    int kind = 0;
    if (!ks_json_object(&im->r, obj, NULL, NULL) ||
        !ks_json_enum(&im->r, obj, "kind", true, promo_kind_names, 4, &kind))
        return false;
    p->kind = (enum ks_promo_kind)kind;
    if (!check_promo_members(im, obj, p->kind) || !get_id(im, obj, &p->id) ||
        !get_text(im, obj, "name", true, MAX_NAME, true, &p->name) ||
        !get_windows(im, obj, &p->available, &p->n_available) || !parse_promo_kind(im, obj, p))
        return false;
    if (!ks_catalog_index_add(im->cat, KS_INDEX_PROMOTION, p->id, p, &clash))
        return clash ? ks_json_fail(&im->r, "id",
                                    "duplicate promotion id \"%s\" (also promotions[%zu])", p->id,
                                    (size_t)((const ks_promotion *)clash - promos))
                     : fail_oom(im);
    return true;
}

static bool parse_promotions(importer *im, json_t *root, ks_catalog_contents *c)
{
    static const struct list_rule promotions = {.key = "promotions",
                                                .max = MAX_PROMOTIONS,
                                                .entry_size = sizeof(ks_promotion),
                                                .parse = parse_promotion};
    c->promotions = get_list(im, root, &promotions, NULL, &c->n_promotions);
    return c->promotions != NULL;
}

static bool parse_upsell(importer *im, const struct entry *e)
{
    static const char *const members[] = {"item", "suggest", NULL};
    static const struct list_rule suggestions = {.key = "suggest",
                                                 .required = true,
                                                 .min = 1,
                                                 .max = MAX_SUGGESTIONS,
                                                 .entry_size = sizeof(const ks_item *),
                                                 .parse = parse_item_ref};
    ks_upsell *upsells = e->list, *u = &upsells[e->index];
    json_t *obj = e->json;
    const void *clash;
    if (!ks_json_object(&im->r, obj, NULL, members) || !resolve_item(im, obj, "item", &u->trigger))
        return false;
    u->suggestions = get_list(im, obj, &suggestions, u->trigger, &u->n_suggestions);
    if (!u->suggestions)
        return false;
    if (!ks_catalog_index_add(im->cat, KS_INDEX_UPSELL, u->trigger->id, u, &clash))
        return clash ? ks_json_fail(&im->r, "item", "\"%s\" already has suggestions (upsells[%zu])",
                                    u->trigger->id, (size_t)((const ks_upsell *)clash - upsells))
                     : fail_oom(im);
    return true;
}

static bool parse_upsells(importer *im, json_t *root, ks_catalog_contents *c)
{
    static const struct list_rule upsells = {
        .key = "upsells", .max = MAX_ITEMS, .entry_size = sizeof(ks_upsell), .parse = parse_upsell};
    c->upsells = get_list(im, root, &upsells, NULL, &c->n_upsells);
    return c->upsells != NULL;
}

/* --- The whole file --- */

static bool parse_menu(importer *im, json_t *root)
{
    static const char *const members[] = {
        "format",         "version",    "currency",        "prices_include_tax",
        "tax_categories", "categories", "modifier_groups", "items",
        "combos",         "promotions", "upsells",         NULL};
    static const char *const formats[] = {FORMAT_NAME};
    ks_catalog_contents c = {0};
    int format = 0;
    if (!ks_json_object(&im->r, root, NULL, members) ||
        !ks_json_enum(&im->r, root, "format", true, formats, 1, &format) ||
        !get_string(im, root, "version", true, 1, MAX_VERSION, KS_JSON_PRINTABLE, &c.version) ||
        !parse_currency(im, root, &c.currency) ||
        !ks_json_bool(&im->r, root, "prices_include_tax", true, &c.prices_include_tax) ||
        !parse_tax_categories(im, root, &c) || !parse_categories(im, root, &c) ||
        !parse_modifier_groups(im, root, &c) || !parse_items(im, root, &c) ||
        !parse_promotions(im, root, &c) || !parse_upsells(im, root, &c))
        return false;
    ks_catalog_set_contents(im->cat, &c);
    return true;
}

ks_catalog *ks_menu_import(const char *json, size_t len, ks_menu_error *err)
{
    importer im = {0};
    ks_catalog *result = NULL;
    json_t *root = NULL;
    ks_json_reader_init(&im.r);
    if (!ks_json_load(&im.r, json, len, KS_MENU_MAX_BYTES, &root))
        goto done;
    im.cat = ks_catalog_new();
    if (!im.cat) {
        fail_oom(&im);
        goto done;
    }
    im.arena = ks_catalog_arena(im.cat);
    if (parse_menu(&im, root)) {
        result = im.cat;
        im.cat = NULL;
    }
done:
    if (err)
        *err = im.r.error;
    json_decref(root);
    free(im.item_marks);
    free(im.category_marks);
    free(im.group_marks);
    ks_catalog_free(im.cat);
    return result;
}
