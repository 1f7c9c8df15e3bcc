/*
 * A sales channel's priced sale in the backend's database: what the shop
 * charged for a reservation it confirmed (ks_reservation_sale), stored as
 * raw rows in the confirmation's transaction and counted by the report
 * summaries under the source "channel:<name>" (backend_channel_sql.h).
 */
#ifndef KIOSK_BACKEND_BACKEND_CHANNEL_SALE_H
#define KIOSK_BACKEND_BACKEND_CHANNEL_SALE_H

#include <stdint.h>

#include "kiosk/backend/backend_reservation_sale.h"
#include "kiosk/backend/backend_store.h"

/*
 * Stores sale (priced; its lines the reservation's, checked by the
 * caller) of channel (borrowed) for reservation id at store_id, confirmed
 * at now: its row, its lines, their costs as the items' costs are now,
 * and its share of every report summary. In the caller's transaction.
 */
enum ks_db_error ks_backend_channel_sale_insert(ks_backend_store *store, const char *channel,
                                                const char *id, const char *store_id,
                                                const ks_reservation_sale *sale, int64_t now);

/*
 * The sale stored for reservation id into *out (zeroed first; priced
 * false when the reservation was confirmed without prices), as
 * ks_reservation_sale_same compares it. In the caller's transaction.
 */
enum ks_db_error ks_backend_channel_sale_stored(ks_backend_store *store, const char *id,
                                                ks_reservation_sale *out);

#endif
