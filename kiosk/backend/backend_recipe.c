/* An item's recipe: see kiosk/backend/backend_recipe.h. */
#include "kiosk/backend/backend_recipe.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static bool read_ingredient(ks_json_reader *r, json_t *list, size_t i, ks_recipe *out)
{
    static const char *const members[] = {"item_id", "quantity", NULL};
    json_t *object = json_array_get(list, i);
    struct ks_recipe_ingredient *in = &out->ingredients[i];
    if (!ks_body_enter_entry(r, object, "ingredients", i, members) ||
        !ks_body_id(r, object, "item_id", KS_STOCK_ITEM_MAX, in->item_id))
        return false;
    if (strcmp(in->item_id, out->item_id) == 0)
        return ks_json_fail(r, "item_id", "an item is not its own ingredient");
    for (size_t k = 0; k < i; k++)
        if (strcmp(in->item_id, out->ingredients[k].item_id) == 0)
            return ks_json_fail(r, "item_id", "names an ingredient already listed");
    if (!ks_json_int(r, object, "quantity", true, 1, KS_RECIPE_QUANTITY_MAX, &in->quantity))
        return false;
    ks_json_leave(r);
    ks_json_leave(r);
    return true;
}

static bool read_recipe(ks_json_reader *r, json_t *root, void *into)
{
    ks_recipe *out = into;
    static const char *const members[] = {"item_id", "ingredients", NULL};
    json_t *list = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_body_id(r, root, "item_id", KS_STOCK_ITEM_MAX, out->item_id) ||
        !ks_json_array(r, root, "ingredients", true, 0, KS_RECIPE_INGREDIENTS_MAX, &list))
        return false;
    for (size_t i = 0; i < json_array_size(list); i++)
        if (!read_ingredient(r, list, i, out))
            return false;
    out->n_ingredients = json_array_size(list);
    return true;
}

bool ks_recipe_parse(const char *body, size_t len, ks_recipe *out, ks_json_error *why)
{
    return ks_body_read(body, len, read_recipe, out, sizeof *out, why);
}

int64_t ks_recipe_consumed(int64_t quantity, bool by_weight, int64_t per)
{
    return by_weight ? (quantity * per + 500) / 1000 : quantity * per;
}
