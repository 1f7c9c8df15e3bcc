/* A store's own price deltas, the body and the menu: see kiosk/backend/backend_price_delta.h. */
#include "kiosk/backend/backend_price_delta.h"

#include <string.h>

#include "kiosk/backend/backend_body.h"

static const char *const kind_names[] = {
    [KS_PRICE_DELTA_SIZE] = "size",
    [KS_PRICE_DELTA_OPTION] = "option",
    [KS_PRICE_DELTA_CHOICE] = "choice",
};
#define N_KINDS (sizeof kind_names / sizeof kind_names[0])

/* The ids of each kind, in the order they are read (and looked up); NULL-terminated. */
static const char *const kind_ids[N_KINDS][4] = {
    [KS_PRICE_DELTA_SIZE] = {"combo_id", "size_id", NULL},
    [KS_PRICE_DELTA_OPTION] = {"group_id", "option_id", NULL},
    [KS_PRICE_DELTA_CHOICE] = {"combo_id", "slot_id", "item_id", NULL},
};

const char *ks_price_delta_kind_name(enum ks_price_delta_kind kind)
{
    return (unsigned)kind < N_KINDS ? kind_names[kind] : "";
}

static bool read_delta(ks_json_reader *r, json_t *root, void *into)
{
    ks_price_delta_change *out = into;
    static const char *const members[] = {"store_id",    "kind",      "combo_id", "size_id",
                                          "group_id",    "option_id", "slot_id",  "item_id",
                                          "price_delta", NULL};
    static const char *const common[] = {"store_id", "kind", "price_delta", NULL};
    int kind = 0;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_body_id(r, root, "store_id", KS_DEVICE_ID_MAX, out->store_id) ||
        !ks_json_enum(r, root, "kind", true, kind_names, N_KINDS, &kind))
        return false;
    out->kind = (enum ks_price_delta_kind)kind;
    const char *const *ids = kind_ids[kind];
    const char *key;
    json_t *value;
    json_object_foreach (root, key, value) {
        if (!ks_json_name_in(key, common) && !ks_json_name_in(key, ids))
            return ks_json_fail(r, key, "\"%s\" does not apply to kind \"%s\"", key,
                                kind_names[kind]);
    }
    /* The owner first, then the slot (choices only), then the part. */
    char *into_ids[] = {out->owner_id, ids[2] ? out->slot_id : out->part_id, out->part_id};
    for (size_t i = 0; ids[i]; i++)
        if (!ks_body_id(r, root, ids[i], KS_STOCK_ITEM_MAX, into_ids[i]))
            return false;
    json_t *delta = NULL;
    if (!ks_json_member(r, root, "price_delta", true, &delta))
        return false;
    out->clear = json_is_null(delta);
    return out->clear || ks_json_money(r, root, "price_delta", true, -KS_PRICE_MAX, KS_PRICE_MAX,
                                       &out->price_delta);
}

bool ks_price_delta_change_parse(const char *body, size_t len, ks_price_delta_change *out,
                                 ks_json_error *why)
{
    return ks_body_read(body, len, read_delta, out, sizeof *out, why);
}

json_t *ks_price_delta_row(const ks_price_delta_change *change, bool with_delta)
{
    json_t *row = json_pack("{s:s, s:s, s:s, s:s}", "kind", ks_price_delta_kind_name(change->kind),
                            "owner_id", change->owner_id, "slot_id", change->slot_id, "part_id",
                            change->part_id);
    if (row && with_delta && !change->clear &&
        json_object_set_new(row, "price_delta", json_integer((json_int_t)change->price_delta)) !=
            0) {
        json_decref(row);
        return NULL;
    }
    return row;
}

/* The member at fault with its reason, for ks_price_delta_menu_missing. */
static const char *lacks(const char *member, const char *why, const char **reason)
{
    *reason = why;
    return member;
}

const char *ks_price_delta_menu_missing(const char *menu, size_t len,
                                        const ks_price_delta_change *change, const char **reason)
{
    json_t *root = json_loadb(menu, len, 0, NULL);
    const char *missing = NULL;
    *reason = "";
    if (change->kind == KS_PRICE_DELTA_OPTION) {
        json_t *group =
            ks_price_menu_entry(json_object_get(root, "modifier_groups"), "id", change->owner_id);
        if (!group)
            missing =
                lacks("group_id", "no modifier group of the store's menu has that id", reason);
        else if (!ks_price_menu_entry(json_object_get(group, "options"), "id", change->part_id))
            missing = lacks("option_id", "the modifier group has no option with that id", reason);
    } else {
        json_t *combo =
            ks_price_menu_entry(json_object_get(root, "combos"), "id", change->owner_id);
        json_t *slot = ks_price_menu_entry(json_object_get(combo, "slots"), "id", change->slot_id);
        if (!combo)
            missing = lacks("combo_id", "no combo of the store's menu has that id", reason);
        else if (change->kind == KS_PRICE_DELTA_SIZE &&
                 !ks_price_menu_entry(json_object_get(combo, "sizes"), "id", change->part_id))
            missing = lacks("size_id", "the combo has no size with that id", reason);
        else if (change->kind == KS_PRICE_DELTA_CHOICE && !slot)
            missing = lacks("slot_id", "the combo has no slot with that id", reason);
        else if (change->kind == KS_PRICE_DELTA_CHOICE &&
                 !ks_price_menu_entry(json_object_get(slot, "choices"), "item", change->part_id))
            missing = lacks("item_id", "the slot has no choice of that item", reason);
    }
    json_decref(root);
    return missing;
}

/*
 * The cheapest selection of group's options its min and max allow: its
 * min_choices cheapest, then each further one that takes money off, up
 * to max_choices. Options are at most 64 (the menu format's limit).
 */
static bool group_lowest(const ks_modifier_group *group, ks_money *acc)
{
    ks_money deltas[64];
    size_t n = group->n_options < 64 ? group->n_options : 64;
    for (size_t i = 0; i < n; i++) {
        /* Insertion sort: a group is small. */
        size_t j = i;
        for (; j > 0 && deltas[j - 1] > group->options[i].price_delta; j--)
            deltas[j] = deltas[j - 1];
        deltas[j] = group->options[i].price_delta;
    }
    for (size_t i = 0; i < n && (int64_t)i < group->max_choices; i++)
        if ((int64_t)i < group->min_choices || deltas[i] < 0)
            if (!ks_money_add(*acc, deltas[i], acc))
                return false;
    return true;
}

/* acc plus the cheapest options of every modifier group of the product item. */
static bool options_lowest(const ks_item *item, ks_money *acc)
{
    for (size_t g = 0; g < item->n_modifier_groups; g++)
        if (!group_lowest(item->modifier_groups[g], acc))
            return false;
    return true;
}

bool ks_price_lowest_line(const ks_item *item, ks_money *out)
{
    ks_money acc = item->price;
    if (!options_lowest(item, &acc))
        return false;
    for (size_t s = 0; s < item->n_slots; s++) {
        const ks_combo_slot *slot = &item->slots[s];
        ks_money cheapest = 0;
        for (size_t c = 0; c < slot->n_choices; c++) {
            ks_money choice = slot->choices[c].price_delta;
            if (!options_lowest(slot->choices[c].item, &choice))
                return false;
            if (c == 0 || choice < cheapest)
                cheapest = choice;
        }
        if (!ks_money_add(acc, cheapest, &acc))
            return false;
    }
    ks_money size = 0;
    for (size_t z = 0; z < item->n_sizes; z++)
        if (z == 0 || item->sizes[z].price_delta < size)
            size = item->sizes[z].price_delta;
    if (!ks_money_add(acc, size, &acc))
        return false;
    *out = acc;
    return true;
}
