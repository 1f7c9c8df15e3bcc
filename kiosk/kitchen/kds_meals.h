/*
 * A meal on the kitchen's screens: each of its items is made at the
 * station of the item's own category (the burger at the grill, the fries at
 * the fryer, the cola at drinks), so a meal line becomes one kitchen line
 * per meal item, each with the meal's size, its own modifiers, the meal's
 * note and the item's category (the order's combo_item details carry it;
 * orders without it fall back to the meal's category). Every other line is
 * kept as it is. The expo screen (every station) shows all of them under
 * the one ticket. Pure; the order as received stays stored as received.
 */
#ifndef KIOSK_KITCHEN_KDS_MEALS_H
#define KIOSK_KITCHEN_KDS_MEALS_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/order.h"

/* How many kitchen lines order makes (its lines, a meal counted once per item). */
size_t ks_kds_meal_line_count(const ks_order *order);

/*
 * Rewrites order's lines as kitchen lines, in order. The meal's amounts go
 * with its first item (the others carry zero), so the order's sums still
 * hold. False when memory runs out; order is then unchanged.
 */
bool ks_kds_split_meals(ks_order *order);

#endif
