/*
 * Building an order: freezes a priced cart into a ks_order (order.h) with
 * everything copied in (names in both languages, chosen details, notes,
 * amounts, VAT rows, promotion notes), so the order no longer needs the
 * menu. Pure domain code.
 */
#ifndef KIOSK_DOMAIN_ORDER_BUILD_H
#define KIOSK_DOMAIN_ORDER_BUILD_H

#include <stdint.h>

#include "kiosk/domain/cart.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/pricing.h"

/* What the caller knows about the order that the cart does not. Strings are copied. */
typedef struct ks_order_meta {
    const char *uuid;          /* 36 characters (ks_uuid_v4_format, kiosk/common/uuid.h) */
    const char *store_id;      /* 1..32 bytes */
    const char *kiosk_id;      /* 1..32 bytes */
    int32_t number;            /* >= 1, or 0 when ks_order_store_insert numbers it */
    const char *business_date; /* "YYYY-MM-DD" (ks_business_date) */
    enum ks_service service;
    enum ks_lang lang;  /* the customer's language */
    int64_t created_at; /* UTC seconds; also the first updated_at */
} ks_order_meta;

/*
 * A new order in status "created" for cart (borrowed) as priced by pricing
 * (borrowed; it must come from ks_pricing_new on this cart as it is now).
 * Lines keep cart order; details are, per line: the combo size, then per
 * slot the chosen product (depth 0) followed by its options (depth 1), or
 * for a product its options, in menu order. Promotion notes use Western
 * digits. Returns NULL when out of memory, when the cart is empty, when
 * the pricing does not match the cart, or when a meta string is missing or
 * too long. The totals of a built order are always consistent
 * (ks_order_totals_consistent).
 */
ks_order *ks_order_build(const ks_cart *cart, const ks_pricing *pricing, const ks_order_meta *meta);

#endif
