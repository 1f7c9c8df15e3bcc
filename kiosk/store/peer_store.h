/*
 * The store's kiosks in a kitchen display's or attendant console's own
 * database (tables device_peers and device_peers_list, made when missing:
 * KS_PEER_STORE_TABLES): pulled from the backend by kiosk/app/peer_pull.h
 * (GET /v1/devices/peers) with the ETag of the answer, so a restart
 * without the backend still knows them and the next poll costs a 304.
 * Each kiosk is kept with its token's verifier only
 * (kiosk/common/token_verifier.h).
 */
#ifndef KIOSK_STORE_PEER_STORE_H
#define KIOSK_STORE_PEER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/peer_list.h"
#include "kiosk/store/db.h"

/* The two tables, each made when missing, for a program's schema list. */
#define KS_PEER_STORE_TABLE_SQL                                                                    \
    "CREATE TABLE IF NOT EXISTS device_peers (\n"                                                  \
    "    id           TEXT PRIMARY KEY,\n"                                                         \
    "    token_sha256 TEXT NOT NULL\n"                                                             \
    ") STRICT"
#define KS_PEER_STORE_LIST_SQL                                                                     \
    "CREATE TABLE IF NOT EXISTS device_peers_list (\n"                                             \
    "    id        INTEGER PRIMARY KEY CHECK (id = 1),\n"                                          \
    "    etag      TEXT NOT NULL,\n"                                                               \
    "    pulled_at INTEGER NOT NULL\n"                                                             \
    ") STRICT"

/* Makes the two tables when missing. */
enum ks_db_error ks_peer_store_prepare(ks_db *db);

/* The ETag of the list stored into etag[cap]; "" (and KS_DB_OK) when none was ever pulled. */
enum ks_db_error ks_peer_store_etag(ks_db *db, char *etag, size_t cap);

/*
 * Replaces the list with list's kiosks and the ETag with etag, pulled at
 * now (UTC seconds), in one transaction: durable when KS_DB_OK, nothing
 * changed otherwise.
 */
enum ks_db_error ks_peer_store_replace(ks_db *db, const ks_peer_list *list, const char *etag,
                                       int64_t now);

/* The list stored into *out (ks_peer_list_clear frees it; empty when none was pulled). */
enum ks_db_error ks_peer_store_load(ks_db *db, ks_peer_list *out);

#endif
