/*
 * The store's staff list on the kiosk (tables staff_pins and
 * staff_pins_list, schema version 20) and on the attendant console
 * (ks_staff_pin_store_prepare): the people the back office gave a
 * kiosk PIN at this store, pulled by the menu puller (kiosk/app/menu_pull.h,
 * GET /v1/staff; the console's peers' puller) with the ETag of the answer, so a restart without the
 * backend still signs them in and the next poll costs a 304. The staff
 * screen and the lane's PIN check a typed PIN against it
 * (kiosk/screens/staff_access.h); the INI's shared [kiosk] staff_pin
 * serves only while the list has nobody (none pulled yet, or nobody given
 * a PIN at this store: a chain that has not started with kiosk PINs keeps
 * its staff screens open).
 */
#ifndef KIOSK_STORE_STAFF_PIN_STORE_H
#define KIOSK_STORE_STAFF_PIN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/staff_list.h"
#include "kiosk/store/db.h"

/*
 * Makes the two tables when missing, in a database without the kiosk's
 * schema (the attendant console's, which pulls the list too: its peers'
 * puller, kiosk/app/peer_pull.h); the kiosk's own are schema version 20.
 */
enum ks_db_error ks_staff_pin_store_prepare(ks_db *db);

/* The ETag of the list stored into etag[cap]; "" (and KS_DB_OK) when none was ever pulled. */
enum ks_db_error ks_staff_pin_store_etag(ks_db *db, char *etag, size_t cap);

/*
 * Replaces the list with list's people and the ETag with etag, pulled at
 * now (UTC seconds), in one transaction: durable when KS_DB_OK, nothing
 * changed otherwise.
 */
enum ks_db_error ks_staff_pin_store_replace(ks_db *db, const ks_staff_list *list, const char *etag,
                                            int64_t now);

/*
 * The person whose PIN typed is, by the stored list: their id into
 * id[KS_STAFF_ID_MAX + 1] ("" when nobody's); *listed true when the list
 * has anybody (then only its people sign in). One PBKDF2 derivation per
 * salt in the list (one per store: kiosk/backend/backend_kiosk_pin.h).
 */
enum ks_db_error ks_staff_pin_store_match(ks_db *db, const char *typed, char *id, bool *listed);

#endif
