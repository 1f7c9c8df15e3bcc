/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/price-deltas
 * (ks_price_delta_change_parse), and as a menu the accepted change is
 * looked up in and applied to (ks_price_delta_menu_missing,
 * ks_price_menu_apply). A refusal always says why and leaves nothing half
 * read. An accepted change is what the body says, read again here with
 * jansson: its kind, each of its ids (a slot for a choice only), its
 * delta in -10^9..10^9 or none (null), and no member of another kind. A
 * small menu made of the change's own ids has what it names, and
 * rewritten carries its delta there; without its owner the lookup names
 * the owner's member.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_price_delta.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The members of each kind's ids, and where the change keeps them. */
static bool ids_as_read(json_t *body, const ks_price_delta_change *c)
{
    static const char *const owner[] = {"combo_id", "group_id", "combo_id"};
    static const char *const part[] = {"size_id", "option_id", "item_id"};
    static const char *const all[] = {"combo_id", "size_id", "group_id", "option_id",
                                      "slot_id",  "item_id", NULL};
    const char *o = json_string_value(json_object_get(body, owner[c->kind]));
    const char *p = json_string_value(json_object_get(body, part[c->kind]));
    const char *s = json_string_value(json_object_get(body, "slot_id"));
    bool choice = c->kind == KS_PRICE_DELTA_CHOICE;
    bool ok = o && p && strcmp(o, c->owner_id) == 0 && strcmp(p, c->part_id) == 0 &&
              (choice ? s && strcmp(s, c->slot_id) == 0 : c->slot_id[0] == '\0');
    /* Exactly the kind's ids, and store_id, kind and price_delta: 3 + 2 (3 for a choice). */
    size_t members = 0;
    for (size_t i = 0; all[i]; i++)
        members += json_object_get(body, all[i]) != NULL;
    return ok && members == (choice ? 3u : 2u) && json_object_size(body) == 3 + members;
}

/* The change's delta as the body says it: null, or the same integer. */
static bool delta_as_read(json_t *body, const ks_price_delta_change *c)
{
    json_t *d = json_object_get(body, "price_delta");
    if (c->clear)
        return json_is_null(d) && c->price_delta == 0;
    return json_is_integer(d) && json_integer_value(d) == c->price_delta &&
           c->price_delta >= -KS_PRICE_MAX && c->price_delta <= KS_PRICE_MAX;
}

/*
 * A menu with just what c names (its owner when with_owner), rewritten with c's delta: the
 * lookup finds it (or names the owner's member), and the rewritten target carries the delta.
 */
static bool small_menu_ok(const ks_price_delta_change *c, bool with_owner)
{
    json_t *target = json_pack("{s:s, s:i}", c->kind == KS_PRICE_DELTA_CHOICE ? "item" : "id",
                               c->part_id, "price_delta", 7);
    json_t *owner = json_pack("{s:s}", "id", with_owner ? c->owner_id : "");
    json_t *root = json_pack("{s:[]}", "items");
    if (!target || !owner || !root)
        abort();
    if (c->kind == KS_PRICE_DELTA_OPTION) {
        json_object_set_new(owner, "options", json_pack("[o]", target));
        json_object_set_new(root, "modifier_groups", json_pack("[o]", owner));
    } else if (c->kind == KS_PRICE_DELTA_SIZE) {
        json_object_set_new(owner, "sizes", json_pack("[o]", target));
        json_object_set_new(root, "combos", json_pack("[o]", owner));
    } else {
        json_object_set_new(owner, "slots",
                            json_pack("[{s:s, s:[o]}]", "id", c->slot_id, "choices", target));
        json_object_set_new(root, "combos", json_pack("[o]", owner));
    }
    char *menu = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    if (!menu)
        abort();
    const char *reason = NULL;
    const char *missing = ks_price_delta_menu_missing(menu, strlen(menu), c, &reason);
    const char *owner_member = c->kind == KS_PRICE_DELTA_OPTION ? "group_id" : "combo_id";
    bool ok = with_owner ? missing == NULL
                         : missing && strcmp(missing, owner_member) == 0 && reason && reason[0];
    json_t *rows = json_pack("[o]", ks_price_delta_row(c, true));
    size_t len = 0;
    char *out = ks_price_menu_apply(menu, strlen(menu), &(ks_price_terms){.deltas = rows}, &len);
    json_decref(rows);
    json_t *after = out ? json_loadb(out, len, 0, NULL) : NULL;
    json_t *owners =
        json_object_get(after, c->kind == KS_PRICE_DELTA_OPTION ? "modifier_groups" : "combos");
    json_t *o = json_array_get(owners, 0);
    json_t *t =
        c->kind == KS_PRICE_DELTA_OPTION ? json_array_get(json_object_get(o, "options"), 0)
        : c->kind == KS_PRICE_DELTA_SIZE
            ? json_array_get(json_object_get(o, "sizes"), 0)
            : json_array_get(
                  json_object_get(json_array_get(json_object_get(o, "slots"), 0), "choices"), 0);
    /* Set where the menu has it (7 untouched when cleared or not there). */
    json_int_t want = with_owner && !c->clear ? (json_int_t)c->price_delta : 7;
    ok = ok && out && json_integer_value(json_object_get(t, "price_delta")) == want;
    json_decref(after);
    free(out);
    free(menu);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_price_delta_change change;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_price_delta_change_parse((const char *)data, size, &change, &why);
    if (!fuzz_answer_ok(accepted, &why, &change, sizeof change))
        __builtin_trap();
    if (!accepted)
        return 0;
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    const char *kind = json_string_value(json_object_get(body, "kind"));
    const char *store = json_string_value(json_object_get(body, "store_id"));
    bool ok =
        body && kind && strcmp(kind, ks_price_delta_kind_name(change.kind)) == 0 && store &&
        strcmp(store, change.store_id) == 0 && ks_device_id_ok(change.store_id) &&
        ks_id_ok(change.owner_id, KS_STOCK_ITEM_MAX) &&
        ks_id_ok(change.part_id, KS_STOCK_ITEM_MAX) &&
        (change.kind != KS_PRICE_DELTA_CHOICE || ks_id_ok(change.slot_id, KS_STOCK_ITEM_MAX)) &&
        ids_as_read(body, &change) && delta_as_read(body, &change);
    json_decref(body);
    if (!ok || !small_menu_ok(&change, true) || !small_menu_ok(&change, false))
        __builtin_trap();
    /* The body itself as a menu: no "items" array in a change, so nothing is rewritten. */
    size_t len = 0;
    json_t *rows = json_pack("[o]", ks_price_delta_row(&change, true));
    char *out =
        ks_price_menu_apply((const char *)data, size, &(ks_price_terms){.deltas = rows}, &len);
    json_decref(rows);
    if (out)
        __builtin_trap();
    return 0;
}
