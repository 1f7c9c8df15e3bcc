/*
 * One order as the back office's "Order" page shows it (GET
 * /v1/orders/{uuid} and the find by store, business date and number;
 * kiosk/docs/backend-api.md, "GET /v1/orders/{uuid}"): the order as stored
 * (its row, its body as the kiosk sent it: lines with their options and
 * prices, totals, VAT) with everything the backend keeps that names it:
 * how it was paid, its refunds and the back office's refund requests, its
 * attendant interventions and the decisions taken while it was being paid,
 * its kitchen status changes and its archived e-invoice and credit notes.
 * The SQL is backend_order_view_sql.h, one text for both stores.
 */
#ifndef KIOSK_BACKEND_BACKEND_ORDER_VIEW_H
#define KIOSK_BACKEND_BACKEND_ORDER_VIEW_H

#include <jansson.h>
#include <stdint.h>

#include "kiosk/backend/backend_store.h"

/*
 * The order stored under uuid (borrowed) into *out (owned: json_decref;
 * NULL when none is stored): its row's members (uuid, store_id, kiosk_id,
 * number, business_date, created_at, received_at, total_net, total_vat,
 * total: halalas; status "paid" or "cancelled"), "payment" {method, brand,
 * terminal_ref: the card terminal's reference, "" none},
 * "order" (its body), and the arrays "refunds", "refund_requests",
 * "interventions", "paying_decisions", "kitchen", "einvoices" (columns in
 * backend_order_view_sql.h). Its eight reads are one read-only transaction
 * (ks_backend_in_snapshot): a refund, a kitchen event or a decision stored
 * meanwhile shows in all of them or in none.
 */
enum ks_db_error ks_backend_store_order_view(ks_backend_store *store, const char *uuid,
                                             json_t **out);

/*
 * The orders of store_id on business date (YYYY-MM-DD) numbered number
 * into *rows (owned: an array of {uuid, kiosk_id}, empty when none; each
 * kiosk numbers its own orders, so a store's day may hold one per kiosk).
 */
enum ks_db_error ks_backend_store_order_find(ks_backend_store *store, const char *store_id,
                                             const char *date, int64_t number, json_t **rows);

#endif
