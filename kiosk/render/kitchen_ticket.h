/*
 * The kitchen ticket: what the kitchen must make for an order, in the
 * kitchen's language, without prices: the order number in large type, dine-in
 * or takeaway, the time, and each line with its quantity, its modifiers and
 * combo choices indented under it, and the customer's note. Pure layout:
 * order in, kiosk/render/doc.h document out.
 */
#ifndef KIOSK_RENDER_KITCHEN_TICKET_H
#define KIOSK_RENDER_KITCHEN_TICKET_H

#include <stdbool.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/order.h"
#include "kiosk/render/doc.h"

/*
 * The ticket of order (borrowed) in lang, with the time and digits of cfg
 * (borrowed); a reprint is marked as a copy. Owned by the caller
 * (ks_doc_free); NULL when out of memory.
 */
ks_doc *ks_kitchen_ticket_layout(const ks_order *order, const ks_config *cfg, enum ks_lang lang,
                                 bool duplicate);

#endif
