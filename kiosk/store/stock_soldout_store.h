/*
 * The backend's sold-out list from stock on the kiosk (tables
 * stock_soldout and stock_soldout_list, schema version 15): the "central"
 * marks the menu puller keeps (kiosk/app/menu_pull.h), with the ETag of the
 * answer they came from, so a restart without the backend still shows
 * them and the next poll costs a 304.
 *
 * They are kept apart from the staff's marks (kiosk/store/soldout_store.h):
 * a list replaces only the central marks, so stock arriving never clears a
 * mark staff set, and staff marks never hide a central one.
 */
#ifndef KIOSK_STORE_STOCK_SOLDOUT_STORE_H
#define KIOSK_STORE_STOCK_SOLDOUT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/stock_soldout.h"
#include "kiosk/store/db.h"
#include "kiosk/store/soldout_store.h"

/* Who and where a central mark is said to be set when shown beside the staff's. */
#define KS_STOCK_SOLDOUT_BY "stock"
#define KS_STOCK_SOLDOUT_WHERE "backend"

/*
 * The ETag of the list stored, into etag[cap]; "" (and KS_DB_OK) when no
 * list was ever stored. KS_DB_ERR_INVALID when it does not fit.
 */
enum ks_db_error ks_stock_soldout_store_etag(ks_db *db, char *etag, size_t cap);

/*
 * Replaces the central marks with list's items and the ETag with etag,
 * pulled at now (UTC seconds), in one transaction: durable when KS_DB_OK,
 * nothing changed otherwise.
 */
enum ks_db_error ks_stock_soldout_store_replace(ks_db *db, const ks_stock_soldout *list,
                                                const char *etag, int64_t now);

/*
 * Adds every central mark to set (as item marks by KS_STOCK_SOLDOUT_BY at
 * KS_STOCK_SOLDOUT_WHERE). KS_DB_ERR_INVALID for a NULL db or set.
 */
enum ks_db_error ks_stock_soldout_store_load(ks_db *db, ks_soldout *set);

#endif
