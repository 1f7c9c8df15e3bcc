/* An item's recipe: see kiosk/backend/backend_recipe.h. */
#include "kiosk/backend/backend_recipe.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static bool read_ingredient(const ks_body_reader *r, json_t *object, size_t i, ks_recipe *out)
{
    static const char *const names[] = {"item_id", "quantity"};
    char prefix[40], where[64];
    if (!ks_body_element(r, object, "ingredients", i, names, 2, prefix, sizeof prefix))
        return false;
    struct ks_recipe_ingredient *in = &out->ingredients[i];
    const char *item = json_string_value(json_object_get(object, "item_id"));
    snprintf(where, sizeof where, "%sitem_id", prefix);
    if (!ks_id_ok(item, KS_STOCK_ITEM_MAX))
        return ks_body_fail(r, "expected an item id", where);
    if (strcmp(item, out->item_id) == 0)
        return ks_body_fail(r, "an item is not its own ingredient", where);
    for (size_t k = 0; k < i; k++)
        if (strcmp(item, out->ingredients[k].item_id) == 0)
            return ks_body_fail(r, "each ingredient once", where);
    memcpy(in->item_id, item, strlen(item) + 1);
    snprintf(where, sizeof where, "%squantity", prefix);
    if (!ks_body_integer(object, "quantity", 1, KS_RECIPE_QUANTITY_MAX, &in->quantity))
        return ks_body_fail(r, "expected a quantity from 1 to 10^6", where);
    return true;
}

static bool read_recipe(const ks_body_reader *r, json_t *root, void *into)
{
    ks_recipe *out = into;
    static const char *const names[] = {"item_id", "ingredients"};
    if (!ks_body_members_ok(r, root, names, 2, ""))
        return false;
    if (!ks_stock_item_read(r, root, out->item_id))
        return false;
    json_t *list = json_object_get(root, "ingredients");
    size_t n = json_array_size(list);
    if (!json_is_array(list) || n > KS_RECIPE_INGREDIENTS_MAX)
        return ks_body_fail(r, "expected 0 to 50 ingredients", "ingredients");
    for (size_t i = 0; i < n; i++)
        if (!read_ingredient(r, json_array_get(list, i), i, out))
            return false;
    out->n_ingredients = n;
    return true;
}

bool ks_recipe_parse(const char *body, size_t len, ks_recipe *out, const char **reason, char *path,
                     size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_recipe, out, sizeof *out);
}

int64_t ks_recipe_consumed(int64_t quantity, bool by_weight, int64_t per)
{
    return by_weight ? (quantity * per + 500) / 1000 : quantity * per;
}
