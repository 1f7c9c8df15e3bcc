/* The cart and its validation: see kiosk/domain/cart.h. */
#include "kiosk/domain/cart.h"
#include "kiosk/domain/sentence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ks_cart {
    const ks_catalog *cat; /* borrowed */
    ks_cart_line *lines;   /* owned, KS_CART_MAX_LINES entries, n_lines used */
    size_t n_lines;
    ks_line_id next_id;
};

const char *ks_cart_strerror(enum ks_cart_status status)
{
    switch (status) {
    case KS_CART_OK:
        return "ok";
    case KS_CART_NO_LINE:
        return "no such cart line";
    case KS_CART_NOT_FOUND:
        return "no such item, slot, group, option, choice or size";
    case KS_CART_MAX_REACHED:
        return "the group already has its maximum of choices";
    case KS_CART_BAD_QUANTITY:
        return "quantity out of range";
    case KS_CART_BAD_NOTE:
        return "note too long or not printable UTF-8";
    case KS_CART_FULL:
        return "the cart is full";
    case KS_CART_NO_MEMORY:
        return "out of memory";
    case KS_CART_WRONG_UNIT:
        return "a weighed item needs a weight, a counted item a count";
    case KS_CART_LABELLED:
        return "the line is priced by its label";
    }
    return "unknown cart error";
}

/* Starts a product's choices at the menu's defaults. item may be NULL (an empty slot). */
static bool mods_init(ks_cart_mods *mods, const ks_item *item)
{
    mods->item = item;
    mods->chosen = NULL;
    if (!item || item->n_modifier_groups == 0)
        return true;
    mods->chosen = calloc(item->n_modifier_groups, sizeof *mods->chosen);
    if (!mods->chosen)
        return false;
    for (size_t g = 0; g < item->n_modifier_groups; g++) {
        const ks_modifier_group *group = item->modifier_groups[g];
        for (size_t o = 0; o < group->n_options && o < KS_CART_MAX_OPTIONS; o++)
            if (group->options[o].is_default)
                mods->chosen[g] |= UINT64_C(1) << o;
    }
    return true;
}

static void line_release(ks_cart_line *line)
{
    free(line->mods.chosen);
    for (size_t s = 0; line->slots && s < line->item->n_slots; s++)
        free(line->slots[s].mods.chosen);
    free(line->slots);
}

ks_cart *ks_cart_new(const ks_catalog *cat)
{
    if (!cat)
        return NULL;
    ks_cart *cart = calloc(1, sizeof *cart);
    if (!cart)
        goto error;
    cart->cat = cat;
    cart->next_id = 1;
    cart->lines = calloc(KS_CART_MAX_LINES, sizeof *cart->lines);
    if (!cart->lines)
        goto error;
    return cart;
error:
    ks_cart_free(cart);
    return NULL;
}

void ks_cart_free(ks_cart *cart)
{
    if (!cart)
        return;
    ks_cart_clear(cart);
    free(cart->lines);
    free(cart);
}

const ks_catalog *ks_cart_catalog(const ks_cart *cart)
{
    return cart->cat;
}

size_t ks_cart_count(const ks_cart *cart)
{
    return cart->n_lines;
}

const ks_cart_line *ks_cart_line_at(const ks_cart *cart, size_t index)
{
    return index < cart->n_lines ? &cart->lines[index] : NULL;
}

static ks_cart_line *find_line(const ks_cart *cart, ks_line_id id)
{
    for (size_t i = 0; i < cart->n_lines; i++)
        if (cart->lines[i].id == id)
            return &cart->lines[i];
    return NULL;
}

const ks_cart_line *ks_cart_find(const ks_cart *cart, ks_line_id id)
{
    return find_line(cart, id);
}

static bool quantity_valid(const ks_item *item, int32_t quantity)
{
    int32_t max = item->unit == KS_UNIT_KG ? KS_CART_MAX_GRAMS : KS_CART_MAX_COUNT;
    return quantity >= 1 && quantity <= max;
}

/* Adds a line of item, weighed or counted as the caller says. */
static enum ks_cart_status add_line(ks_cart *cart, const ks_item *item, bool weighed,
                                    int32_t quantity, ks_line_id *id_out)
{
    if (!item || ks_catalog_find_item(cart->cat, item->id) != item)
        return KS_CART_NOT_FOUND;
    if (weighed != (item->unit == KS_UNIT_KG))
        return KS_CART_WRONG_UNIT;
    if (!quantity_valid(item, quantity))
        return KS_CART_BAD_QUANTITY;
    if (cart->n_lines == KS_CART_MAX_LINES)
        return KS_CART_FULL;

    ks_cart_line line = {.item = item, .quantity = quantity};
    if (!mods_init(&line.mods, item))
        goto no_memory;
    if (item->kind == KS_ITEM_COMBO && item->n_slots > 0) {
        line.slots = calloc(item->n_slots, sizeof *line.slots);
        if (!line.slots)
            goto no_memory;
        for (size_t s = 0; s < item->n_slots; s++) {
            const ks_combo_slot *slot = &item->slots[s];
            size_t choice = slot->default_choice < slot->n_choices ? slot->default_choice : 0;
            line.slots[s].choice = choice;
            if (!mods_init(&line.slots[s].mods,
                           slot->n_choices ? slot->choices[choice].item : NULL))
                goto no_memory;
        }
    }
    line.id = cart->next_id++;
    cart->lines[cart->n_lines++] = line;
    if (id_out)
        *id_out = line.id;
    return KS_CART_OK;
no_memory:
    line_release(&line);
    return KS_CART_NO_MEMORY;
}

enum ks_cart_status ks_cart_add(ks_cart *cart, const ks_item *item, int32_t quantity,
                                ks_line_id *id_out)
{
    return add_line(cart, item, false, quantity, id_out);
}

enum ks_cart_status ks_cart_add_weighed(ks_cart *cart, const ks_item *item, int32_t grams,
                                        ks_line_id *id_out)
{
    return add_line(cart, item, true, grams, id_out);
}

enum ks_cart_status ks_cart_add_labelled(ks_cart *cart, const ks_item *item, ks_money amount,
                                         ks_line_id *id_out)
{
    if (!item || item->kind != KS_ITEM_PRODUCT || item->n_modifier_groups > 0)
        return KS_CART_NOT_FOUND;
    if (amount < 1 || amount > KS_CART_MAX_LABEL_AMOUNT)
        return KS_CART_BAD_QUANTITY;
    ks_line_id id;
    enum ks_cart_status status = add_line(cart, item, item->unit == KS_UNIT_KG, 1, &id);
    if (status != KS_CART_OK)
        return status;
    find_line(cart, id)->label_amount = amount;
    if (id_out)
        *id_out = id;
    return KS_CART_OK;
}

enum ks_unit ks_cart_line_unit(const ks_cart_line *line)
{
    return line->label_amount > 0 ? KS_UNIT_EACH : line->item->unit;
}

/* The choices addressed by slot (KS_CART_NO_SLOT = the line's item), or NULL. */
static const ks_cart_mods *line_mods(const ks_cart_line *line, size_t slot)
{
    if (slot == KS_CART_NO_SLOT)
        return &line->mods;
    if (!line->slots || slot >= line->item->n_slots)
        return NULL;
    return &line->slots[slot].mods;
}

/* The bit mask of group `group` and the bit of `option` in it, or NULL for a bad index. */
static uint64_t *option_bit(const ks_cart_mods *mods, size_t group, size_t option, uint64_t *bit,
                            const ks_modifier_group **group_out)
{
    if (!mods || !mods->item || group >= mods->item->n_modifier_groups)
        return NULL;
    const ks_modifier_group *g = mods->item->modifier_groups[group];
    if (option >= g->n_options || option >= KS_CART_MAX_OPTIONS)
        return NULL;
    *bit = UINT64_C(1) << option;
    if (group_out)
        *group_out = g;
    return &mods->chosen[group];
}

enum ks_cart_status ks_cart_toggle_option(ks_cart *cart, ks_line_id id, size_t slot, size_t group,
                                          size_t option)
{
    ks_cart_line *line = find_line(cart, id);
    if (!line)
        return KS_CART_NO_LINE;
    uint64_t bit;
    const ks_modifier_group *g;
    uint64_t *mask = option_bit(line_mods(line, slot), group, option, &bit, &g);
    if (!mask)
        return KS_CART_NOT_FOUND;
    if (*mask & bit) {
        *mask &= ~bit;
        return KS_CART_OK;
    }
    int max = g->max_choices < 1 ? 1 : g->max_choices;
    if (__builtin_popcountll(*mask) < max)
        *mask |= bit;
    else if (max == 1)
        *mask = bit; /* a radio group: the new choice replaces the old */
    else
        return KS_CART_MAX_REACHED;
    return KS_CART_OK;
}

bool ks_cart_option_chosen(const ks_cart_line *line, size_t slot, size_t group, size_t option)
{
    uint64_t bit;
    const uint64_t *mask = option_bit(line_mods(line, slot), group, option, &bit, NULL);
    return mask && (*mask & bit);
}

enum ks_cart_status ks_cart_choose_slot(ks_cart *cart, ks_line_id id, size_t slot, size_t choice)
{
    ks_cart_line *line = find_line(cart, id);
    if (!line)
        return KS_CART_NO_LINE;
    if (!line->slots || slot >= line->item->n_slots || choice >= line->item->slots[slot].n_choices)
        return KS_CART_NOT_FOUND;
    ks_cart_slot_choice *current = &line->slots[slot];
    if (current->choice == choice)
        return KS_CART_OK;
    ks_cart_mods mods;
    if (!mods_init(&mods, line->item->slots[slot].choices[choice].item))
        return KS_CART_NO_MEMORY;
    free(current->mods.chosen);
    current->mods = mods;
    current->choice = choice;
    return KS_CART_OK;
}

enum ks_cart_status ks_cart_choose_size(ks_cart *cart, ks_line_id id, size_t size)
{
    ks_cart_line *line = find_line(cart, id);
    if (!line)
        return KS_CART_NO_LINE;
    if (size >= line->item->n_sizes)
        return KS_CART_NOT_FOUND;
    line->size = size;
    return KS_CART_OK;
}

enum ks_cart_status ks_cart_set_quantity(ks_cart *cart, ks_line_id id, int32_t quantity)
{
    ks_cart_line *line = find_line(cart, id);
    if (!line)
        return KS_CART_NO_LINE;
    if (line->label_amount > 0)
        return KS_CART_LABELLED;
    if (!quantity_valid(line->item, quantity))
        return KS_CART_BAD_QUANTITY;
    line->quantity = quantity;
    return KS_CART_OK;
}

bool ks_cart_note_valid(const char *note)
{
    if (!note)
        return false;
    size_t len = strnlen(note, KS_CART_NOTE_MAX + 1);
    if (len > KS_CART_NOTE_MAX)
        return false;
    const unsigned char *s = (const unsigned char *)note;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n;
        if (s[i] < 0x80) {
            cp = s[i];
            n = 1;
        } else if (s[i] >= 0xC2 && s[i] <= 0xDF) { /* C0, C1 would be overlong */
            cp = s[i] & 0x1Fu;
            n = 2;
        } else if (s[i] >= 0xE0 && s[i] <= 0xEF) {
            cp = s[i] & 0x0Fu;
            n = 3;
        } else if (s[i] >= 0xF0 && s[i] <= 0xF4) {
            cp = s[i] & 0x07u;
            n = 4;
        } else {
            return false;
        }
        if (n > len - i)
            return false;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return false;
        i += n;
    }
    return true;
}

enum ks_cart_status ks_cart_set_note(ks_cart *cart, ks_line_id id, const char *note)
{
    ks_cart_line *line = find_line(cart, id);
    if (!line)
        return KS_CART_NO_LINE;
    if (!note)
        note = "";
    if (!ks_cart_note_valid(note))
        return KS_CART_BAD_NOTE;
    size_t len = strlen(note);
    memcpy(line->note, note, len + 1);
    return KS_CART_OK;
}

enum ks_cart_status ks_cart_remove(ks_cart *cart, ks_line_id id)
{
    ks_cart_line *line = find_line(cart, id);
    if (!line)
        return KS_CART_NO_LINE;
    line_release(line);
    size_t index = (size_t)(line - cart->lines);
    memmove(line, line + 1, (cart->n_lines - index - 1) * sizeof *line);
    cart->n_lines--;
    return KS_CART_OK;
}

void ks_cart_clear(ks_cart *cart)
{
    for (size_t i = 0; i < cart->n_lines; i++)
        line_release(&cart->lines[i]);
    cart->n_lines = 0;
}

static bool mods_add_deltas(const ks_cart_mods *mods, ks_money *acc)
{
    for (size_t g = 0; mods->item && g < mods->item->n_modifier_groups; g++) {
        const ks_modifier_group *group = mods->item->modifier_groups[g];
        for (size_t o = 0; o < group->n_options && o < KS_CART_MAX_OPTIONS; o++)
            if ((mods->chosen[g] >> o & 1) &&
                !ks_money_add(*acc, group->options[o].price_delta, acc))
                return false;
    }
    return true;
}

bool ks_cart_line_unit_price(const ks_cart_line *line, ks_money *out)
{
    const ks_item *item = line->item;
    if (line->label_amount > 0) {
        *out = line->label_amount;
        return true;
    }
    ks_money acc = item->price;
    if (!mods_add_deltas(&line->mods, &acc))
        return false;
    for (size_t s = 0; line->slots && s < item->n_slots; s++) {
        const ks_combo_slot *slot = &item->slots[s];
        if (slot->n_choices == 0)
            continue;
        if (!ks_money_add(acc, slot->choices[line->slots[s].choice].price_delta, &acc) ||
            !mods_add_deltas(&line->slots[s].mods, &acc))
            return false;
    }
    if (line->size < item->n_sizes && !ks_money_add(acc, item->sizes[line->size].price_delta, &acc))
        return false;
    *out = acc;
    return true;
}

bool ks_unit_amount(enum ks_unit unit, ks_money unit_price, int64_t quantity, ks_money *out)
{
    if (unit_price < 0 || quantity < 0 || (unit != KS_UNIT_EACH && unit != KS_UNIT_KG))
        return false;
    return ks_money_mul_div(unit_price, quantity, unit == KS_UNIT_KG ? 1000 : 1, out);
}

bool ks_cart_line_amount(const ks_cart_line *line, ks_money *out)
{
    ks_money unit_price;
    return ks_cart_line_unit_price(line, &unit_price) &&
           ks_unit_amount(ks_cart_line_unit(line), unit_price, line->quantity, out);
}

static bool item_sold_out(const ks_item *item, ks_sold_out_fn is_sold_out, void *ctx)
{
    return item->sold_out || (is_sold_out && is_sold_out(ctx, item->id, NULL));
}

/* Sold out, availability and modifier groups of one product (or of the combo itself). */
static bool check_product(ks_line_issue *issue, const ks_item *item, const ks_cart_mods *mods,
                          ks_local_time at, ks_sold_out_fn is_sold_out, void *ctx)
{
    issue->item = item;
    if (item_sold_out(item, is_sold_out, ctx)) {
        issue->problem = KS_LINE_ITEM_SOLD_OUT;
        return false;
    }
    if (!ks_time_windows_contain(item->available, item->n_available, at)) {
        issue->problem = KS_LINE_ITEM_UNAVAILABLE;
        return false;
    }
    for (size_t g = 0; g < item->n_modifier_groups; g++) {
        const ks_modifier_group *group = item->modifier_groups[g];
        uint64_t mask = mods->chosen[g];
        int chosen = __builtin_popcountll(mask);
        issue->group = group;
        if (chosen > group->max_choices) {
            issue->problem = KS_LINE_TOO_MANY;
            return false;
        }
        if (chosen < group->min_choices) {
            issue->problem = KS_LINE_REQUIRED;
            return false;
        }
        for (size_t o = 0; o < group->n_options && o < KS_CART_MAX_OPTIONS; o++) {
            const ks_modifier_option *option = &group->options[o];
            if ((mask >> o & 1) &&
                (option->sold_out || (is_sold_out && is_sold_out(ctx, item->id, option->id)))) {
                issue->problem = KS_LINE_OPTION_SOLD_OUT;
                issue->option = option;
                return false;
            }
        }
        issue->group = NULL;
    }
    return true;
}

ks_line_issue ks_cart_validate_line(const ks_cart_line *line, ks_local_time at,
                                    ks_sold_out_fn is_sold_out, void *ctx)
{
    ks_line_issue issue = {.problem = KS_LINE_OK, .line_id = line->id, .item = line->item};
    if (!quantity_valid(line->item, line->quantity)) {
        issue.problem = KS_LINE_BAD_QUANTITY;
        return issue;
    }
    if (!check_product(&issue, line->item, &line->mods, at, is_sold_out, ctx))
        return issue;
    for (size_t s = 0; line->slots && s < line->item->n_slots; s++) {
        const ks_cart_mods *mods = &line->slots[s].mods;
        if (!mods->item)
            continue;
        issue.slot = &line->item->slots[s];
        if (!check_product(&issue, mods->item, mods, at, is_sold_out, ctx))
            return issue;
    }
    return (ks_line_issue){.problem = KS_LINE_OK, .line_id = line->id, .item = line->item};
}

size_t ks_cart_validate(const ks_cart *cart, ks_local_time at, ks_sold_out_fn is_sold_out,
                        void *ctx, ks_line_issue *issues, size_t cap)
{
    size_t bad = 0;
    for (size_t i = 0; i < cart->n_lines; i++) {
        ks_line_issue issue = ks_cart_validate_line(&cart->lines[i], at, is_sold_out, ctx);
        if (issue.problem == KS_LINE_OK)
            continue;
        if (bad < cap)
            issues[bad] = issue;
        bad++;
    }
    return bad;
}

int ks_cart_issue_describe(const ks_line_issue *issue, enum ks_lang lang, char *out, size_t cap)
{
    switch (issue->problem) {
    case KS_LINE_OK:
        break;
    case KS_LINE_BAD_QUANTITY:
        if (issue->item && issue->item->unit == KS_UNIT_KG)
            return ks_sentence_put(out, cap, KS_STR_MSG_WEIGHT_RANGE, lang, NULL,
                                   KS_CART_MAX_GRAMS);
        return ks_sentence_put(out, cap, KS_STR_MSG_QUANTITY_RANGE, lang, NULL, KS_CART_MAX_COUNT);
    case KS_LINE_ITEM_SOLD_OUT:
        return ks_sentence_put(out, cap, KS_STR_MSG_SOLD_OUT, lang,
                               ks_text_get(&issue->item->name, lang), 0);
    case KS_LINE_ITEM_UNAVAILABLE:
        return ks_sentence_put(out, cap, KS_STR_MSG_UNAVAILABLE, lang,
                               ks_text_get(&issue->item->name, lang), 0);
    case KS_LINE_TOO_MANY:
        return ks_sentence_put(out, cap, KS_STR_MSG_CHOOSE_AT_MOST, lang,
                               ks_text_get(&issue->group->name, lang), issue->group->max_choices);
    case KS_LINE_REQUIRED:
        return ks_sentence_put(out, cap, KS_STR_MSG_CHOOSE_AT_LEAST, lang,
                               ks_text_get(&issue->group->name, lang), issue->group->min_choices);
    case KS_LINE_OPTION_SOLD_OUT:
        return ks_sentence_put(out, cap, KS_STR_MSG_SOLD_OUT, lang,
                               ks_text_get(&issue->option->name, lang), 0);
    }
    return ks_sentence_put(out, cap, KS_STR_COUNT, lang, NULL, 0);
}
