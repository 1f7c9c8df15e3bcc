/*
 * The SQL of stores, devices and enrolment codes (backend_device.h), one
 * text for both store drivers with each driver's spelling of its bound
 * values, so that SQLite and PostgreSQL store and answer alike. Not for
 * other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_DEVICE_SQL_H
#define KIOSK_BACKEND_BACKEND_DEVICE_SQL_H

/* VALUES: the six placeholders, in the order of the columns. */
#define KS_BACKEND_INSERT_STORE_SQL(VALUES)                                                        \
    "INSERT INTO be_stores (store_id, name_ar, name_en, menu, created_at, created_by)\n"           \
    "VALUES (" VALUES ")"

#define KS_BACKEND_STORES_SQL                                                                      \
    "SELECT store_id, name_ar, name_en, menu, created_at, created_by FROM be_stores\n"             \
    "ORDER BY store_id"

#define KS_BACKEND_DEVICE_BY_TOKEN_SQL(HASH)                                                       \
    "SELECT device_id, store_id, kind, token_hash FROM be_devices\n"                               \
    "WHERE token_hash = " HASH " AND revoked_at = 0"

#define KS_BACKEND_LIVE_DEVICE_SQL(ID)                                                             \
    "SELECT store_id, kind FROM be_devices WHERE device_id = " ID " AND revoked_at = 0"

/* VALUES: the seven placeholders, in the order of the columns. */
#define KS_BACKEND_INSERT_ENROL_CODE_SQL(VALUES)                                                   \
    "INSERT INTO be_enrol_codes (code_hash, store_id, device_id, kind, created_at, expires_at,\n"  \
    "                            created_by) VALUES (" VALUES ")"

/* One statement, so that the check of used_at and its write are one step. */
#define KS_BACKEND_TAKE_ENROL_CODE_SQL(HASH, DEVICE, NOW)                                          \
    "UPDATE be_enrol_codes SET used_at = " NOW "\n"                                                \
    "WHERE code_hash = " HASH " AND device_id = " DEVICE " AND used_at = 0 AND expires_at > " NOW  \
    "\nRETURNING store_id, kind, created_by"

#define KS_BACKEND_FORGET_ENROL_CODES_SQL(BEFORE)                                                  \
    "DELETE FROM be_enrol_codes\n"                                                                 \
    "WHERE (used_at <> 0 AND used_at < " BEFORE ") OR (used_at = 0 AND expires_at < " BEFORE ")"

/* VALUES: the six placeholders, in the order of the columns. */
#define KS_BACKEND_ENROL_DEVICE_SQL(VALUES)                                                        \
    "INSERT INTO be_devices (device_id, store_id, kind, token_hash, enrolled_at, enrolled_by)\n"   \
    "VALUES (" VALUES ")\n"                                                                        \
    "ON CONFLICT (device_id) DO UPDATE SET store_id = excluded.store_id, kind = excluded.kind,\n"  \
    "    token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at,\n"                  \
    "    enrolled_by = excluded.enrolled_by, revoked_at = 0, revoked_by = ''\n"                    \
    "WHERE be_devices.revoked_at <> 0"

#define KS_BACKEND_REVOKE_DEVICE_SQL(ID, AT, BY)                                                   \
    "UPDATE be_devices SET revoked_at = " AT ", revoked_by = " BY "\n"                             \
    "WHERE device_id = " ID " AND revoked_at = 0"

#define KS_BACKEND_DEVICES_SQL(STORE)                                                              \
    "SELECT d.device_id AS device_id, d.store_id AS store_id, d.kind AS kind,\n"                   \
    "       d.enrolled_at AS enrolled_at, d.enrolled_by AS enrolled_by,\n"                         \
    "       d.revoked_at AS revoked_at, d.revoked_by AS revoked_by,\n"                             \
    "       coalesce(h.at, 0) AS last_seen\n"                                                      \
    "FROM be_devices d LEFT JOIN be_heartbeats h ON h.kiosk_id = d.device_id\n"                    \
    "WHERE " STORE " = '' OR d.store_id = " STORE "\n"                                             \
    "ORDER BY d.device_id"

/*
 * A store's live enrolled kiosks with their tokens' SHA-256, which a peer
 * checks a presented token against (GET /v1/devices/peers).
 */
#define KS_BACKEND_PEERS_SQL(STORE)                                                                \
    "SELECT device_id AS id, token_hash AS token_sha256 FROM be_devices\n"                         \
    "WHERE store_id = " STORE " AND kind = 'kiosk' AND revoked_at = 0\n"                           \
    "ORDER BY device_id"

/*
 * What the peers' read looks up by (PostgreSQL migration 25; the SQLite
 * backend at open). IF NOT EXISTS: the schema tests take a database back
 * to an older version by its tables, which leaves the index.
 */
#define KS_BACKEND_PEERS_INDEX_SQL                                                                 \
    "CREATE INDEX IF NOT EXISTS be_devices_peers ON be_devices (store_id, kind)\n"                 \
    "WHERE revoked_at = 0"

#endif
