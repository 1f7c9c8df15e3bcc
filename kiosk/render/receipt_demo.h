/*
 * A fixed demo order, so that `kiosk --receipt demo`, the golden receipt
 * images and the receipt benchmark always print the same thing: six lines
 * from the demo restaurant menu (a large combo, burgers with extras and a
 * note, fries on "Fries Tuesday", drinks in the afternoon deal, a dessert
 * at 20 % off, water), priced by the real pricing code at a fixed time
 * (Tuesday 2026-11-24 15:30 in Riyadh), with a fixed uuid and order number,
 * paid by mada card a minute later.
 */
#ifndef KIOSK_RENDER_RECEIPT_DEMO_H
#define KIOSK_RENDER_RECEIPT_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/order.h"
#include "kiosk/render/receipt.h"

#define KS_RECEIPT_DEMO_UUID "5eed0000-0000-4000-8000-000000000042"
#define KS_RECEIPT_DEMO_NUMBER 42
#define KS_RECEIPT_DEMO_CREATED_AT 1795523400 /* 2026-11-24 12:30:00 UTC, 15:30 in Riyadh */
#define KS_RECEIPT_DEMO_PAID_AT (KS_RECEIPT_DEMO_CREATED_AT + 60)

/* Lines of the fixed demo order. */
#define KS_RECEIPT_DEMO_LINES 6

/*
 * Builds the demo order from the menu file at menu_path (the demo
 * restaurant menu; read here), in the customer's language lang, with the
 * store and kiosk ids of cfg (borrowed). lines is KS_RECEIPT_DEMO_LINES for
 * the fixed order; more (up to 40) adds one each of the menu's plain
 * products, in menu order, for longer receipts. Owned by the caller
 * (ks_order_free); NULL with a reason in err[0..err_cap) when the file
 * cannot be read, is refused, or lacks an item the demo needs.
 */
ks_order *ks_receipt_demo_order(const char *menu_path, const ks_config *cfg, enum ks_lang lang,
                                size_t lines, char *err, size_t err_cap);

/*
 * The supermarket demo order, scanned through the self-checkout basket
 * (kiosk/domain/basket.h) from the demo supermarket menu at menu_path with
 * cfg's label layouts: 3 x a dairy milk (10 % off), an energy drink (age
 * approved), 1.234 kg of bananas from the scale, a weight label of 0.850 kg
 * of red apples and a price label of 23.45 on a meat pack. Same ownership
 * and errors as ks_receipt_demo_order.
 */
ks_order *ks_receipt_demo_supermarket_order(const char *menu_path, const ks_config *cfg,
                                            enum ks_lang lang, char *err, size_t err_cap);

/* The demo's card payment of order (borrowed), with static strings. */
ks_receipt_payment ks_receipt_demo_payment(const ks_order *order);

#endif
