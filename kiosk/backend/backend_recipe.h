/*
 * An item's recipe as a manager sends it (POST /v1/stock/recipes,
 * kiosk/docs/backend-api.md, "Stock"): the ingredients one sale of the item
 * consumes, each an item of the stock with its quantity per piece of the
 * item (per kilogram for an item sold by weight). Chain-wide. Its body
 * read and checked strictly. Pure: no I/O.
 */
#ifndef KIOSK_BACKEND_BACKEND_RECIPE_H
#define KIOSK_BACKEND_BACKEND_RECIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_stock_request.h"
#include "kiosk/domain/json_read.h"

/* Ingredients of one recipe at most, and the largest quantity of one. */
#define KS_RECIPE_INGREDIENTS_MAX 50
#define KS_RECIPE_QUANTITY_MAX 1000000
/* Largest recipe body. */
#define KS_RECIPE_BODY_MAX 8192

typedef struct ks_recipe {
    char item_id[KS_STOCK_ITEM_MAX + 1];
    size_t n_ingredients; /* 0..KS_RECIPE_INGREDIENTS_MAX; 0 removes the recipe */
    struct ks_recipe_ingredient {
        char item_id[KS_STOCK_ITEM_MAX + 1]; /* not the recipe's item, each once */
        int64_t quantity;                    /* 1..KS_RECIPE_QUANTITY_MAX */
    } ingredients[KS_RECIPE_INGREDIENTS_MAX];
} ks_recipe;

/*
 * Reads body (len bytes, no NUL needed) as {"item_id": id, "ingredients":
 * [{"item_id": id, "quantity": n}, ...]} (no other member, none twice)
 * into *out. On false, *out is zeroed and *why holds the member at fault and the reason
 * (ks_body_read)
 * ("ingredients[2].quantity").
 */
bool ks_recipe_parse(const char *body, size_t len, ks_recipe *out, ks_json_error *why);

/*
 * What selling quantity (pieces, or grams when by_weight) of an item
 * consumes of an ingredient of per (per piece, or per kilogram): quantity x
 * per, or by weight quantity x per / 1000 rounded half up.
 */
int64_t ks_recipe_consumed(int64_t quantity, bool by_weight, int64_t per);

#endif
