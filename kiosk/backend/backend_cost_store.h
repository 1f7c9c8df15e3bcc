/*
 * Item costs in the backend's database (be_costs; the API in
 * kiosk/docs/backend-api.md, "Item costs and profit") and the profit
 * report. An order's lines take the cost in force when the order is
 * stored (be_line_costs, written with the order's lines), so a later
 * change of a cost never rewrites a past sale's profit. Each change is
 * audited ("cost.set") inside its transaction.
 */
#ifndef KIOSK_BACKEND_BACKEND_COST_STORE_H
#define KIOSK_BACKEND_BACKEND_COST_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_cost.h"
#include "kiosk/backend/backend_store.h"

/*
 * Applies change (checked by ks_cost_change_parse) made by actor at now in
 * one transaction with its audit row: the item's cost set, or removed when
 * change->clear. Retried once after a lost connection.
 */
enum ks_db_error ks_backend_store_cost_set(ks_backend_store *store, const ks_cost_change *change,
                                           const ks_backend_actor *actor, int64_t now);

/* Every item's cost, by item id, into *rows (json_decref): {item_id, unit_cost, updated_at}. */
enum ks_db_error ks_backend_store_costs(ks_backend_store *store, json_t **rows);

/*
 * Profit per item of the paid orders of those business dates (from, to
 * inclusive; store_id "" every store), by item id and unit, given to sink
 * (backend_store.h): item_id, name_en, name_ar, unit, quantity (sold less
 * given back: pieces, or grams), net (the lines' net, VAT excluded, after
 * discounts, less the refunds' share of it, rounded half up per refund
 * line), cost (the cost of that quantity at the cost each line took when
 * it was stored), uncosted (lines sold without a cost), margin (net -
 * cost) and margin_bp (margin / net in basis points, truncated toward
 * zero; 0 when net is 0). With uncosted above 0 the cost is incomplete
 * and margin and margin_bp are 0: "no cost", never a 100 % margin.
 */
enum ks_db_error ks_backend_store_profit(ks_backend_store *store, const char *from, const char *to,
                                         const char *store_id, const ks_backend_sink *sink);

#endif
