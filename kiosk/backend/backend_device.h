/*
 * Stores, devices and their enrolment in the backend's database
 * (kiosk/docs/backend-api.md, "Stores and devices"); the backend keeps
 * nothing of them in memory, so several instances on one PostgreSQL
 * database share them.
 *
 * A store made through the API (be_stores) adds to the INI's [menus],
 * which stay as the seed. A device (be_devices) is a kiosk or a kitchen
 * display of one store with a bearer token of its own; the database keeps
 * only the token's SHA-256, so a copy of it opens nothing. A device comes
 * in with an enrolment code (be_enrol_codes) that a manager made for its
 * store, id and kind: KS_ENROL_CODE_LEN characters a person types on the
 * device, kept as its SHA-256, good for KS_ENROL_CODE_TTL_S and once.
 * Every change is audited inside its transaction.
 */
#ifndef KIOSK_BACKEND_BACKEND_DEVICE_H
#define KIOSK_BACKEND_BACKEND_DEVICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_config.h"
#include "kiosk/backend/backend_device_request.h"
#include "kiosk/backend/backend_store.h"
#include "kiosk/common/token_verifier.h"

/* How long an enrolment code may be used, seconds. */
#define KS_ENROL_CODE_TTL_S 900
/*
 * How long a code is kept once used or expired, seconds: a day, so that a
 * "my code did not work" of today can still be looked into; the audit log
 * keeps who made and used it for good.
 */
#define KS_ENROL_CODE_KEEP_S 86400
/* Hex digits of a SHA-256, as stored: a token's verifier (kiosk/common/token_verifier.h). */
#define KS_DEVICE_HASH_HEX KS_TOKEN_VERIFIER_HEX

/* A new code (KS_ENROL_CODE_LEN characters of KS_ENROL_CODE_ALPHABET) into out; false on no RNG. */
bool ks_enrol_code_new(char out[KS_ENROL_CODE_LEN + 1]);

/* The lowercase hex SHA-256 of text, as the database keeps tokens and codes, into out. */
void ks_device_hash(const char *text, char out[KS_DEVICE_HASH_HEX + 1]);

/*
 * The live (not revoked) device whose token the Authorization header
 * ("Bearer <token>"; NULL: none) carries, into *out (id and store; token
 * left ""), and its kind. KS_DB_ERR_NOT_FOUND for no such live device.
 */
enum ks_db_error ks_backend_device_caller(ks_backend_store *store, const char *authorization,
                                          ks_backend_kiosk *out, enum ks_device_kind *kind);

/* A store's record in the database. */
typedef struct ks_backend_store_record {
    char menu_store[KS_DEVICE_ID_MAX + 1]; /* whose menu it sells ("": its own) */
} ks_backend_store_record;

/* The store store_id of the database into *out (may be NULL); KS_DB_ERR_NOT_FOUND when none. */
enum ks_db_error ks_backend_store_find(ks_backend_store *store, const char *store_id,
                                       ks_backend_store_record *out);

/*
 * Stores the store req (checked by ks_store_request_parse) made by actor at
 * now with its audit row ("store.add"). KS_DB_ERR_CONSTRAINT when the id is
 * taken in the database (the caller checks the INI's).
 */
enum ks_db_error ks_backend_store_add_store(ks_backend_store *store, const ks_store_request *req,
                                            const ks_backend_actor *actor, int64_t now);

/* The stores of the database, by id: store_id, name_ar, name_en, menu, created_at, created_by. */
enum ks_db_error ks_backend_store_stores(ks_backend_store *store, json_t **rows);

/*
 * Stores the code (normalised) for req made by actor at now, good until
 * now + KS_ENROL_CODE_TTL_S, with its audit row ("device.code"; the code
 * itself is never written anywhere but as its hash), after forgetting the
 * codes long used or expired (ks_backend_store_forget_enrol_codes). KS_DB_ERR_CONFLICT
 * when a live device already has req's id.
 */
enum ks_db_error ks_backend_store_add_enrol_code(ks_backend_store *store,
                                                 const ks_enrol_code_request *req, const char *code,
                                                 const ks_backend_actor *actor, int64_t now);

/*
 * Removes the codes used, or expired unused, more than KS_ENROL_CODE_KEEP_S
 * before now; how many into *forgotten (may be NULL). Each new code does
 * this on the way (ks_backend_store_add_enrol_code, in its transaction), so
 * be_enrol_codes holds about a day of codes without a sweep of its own.
 */
enum ks_db_error ks_backend_store_forget_enrol_codes(ks_backend_store *store, int64_t now,
                                                     int64_t *forgotten);

/* What became of an enrolment. */
enum ks_enrol_result {
    KS_ENROL_DONE,       /* the device is stored with its new token */
    KS_ENROL_BAD_CODE,   /* no code of that device id: unknown, used, or past its time */
    KS_ENROL_DEVICE_LIVE /* a live device has that id already: the code is left unused */
};

/*
 * In one transaction: takes the code of req at now (so that of two
 * enrolments with one code exactly one gets it), stores the device with
 * token's hash (a revoked device of the id is enrolled again) and the audit
 * row ("device.enrol", the device as actor). The device's store and kind
 * into *enrolled (may be NULL), the outcome into *result.
 */
enum ks_db_error ks_backend_store_enrol(ks_backend_store *store, const ks_enrol_request *req,
                                        const char *token, int64_t now, ks_backend_kiosk *enrolled,
                                        enum ks_enrol_result *result);

/*
 * The live device device_id's store into *store_id (KS_DEVICE_ID_MAX + 1);
 * KS_DB_ERR_NOT_FOUND when there is none, or it is revoked.
 */
enum ks_db_error ks_backend_store_live_device(ks_backend_store *store, const char *device_id,
                                              char *store_id);

/*
 * Revokes the live device device_id at now by actor with its audit row
 * ("device.revoke"): its token opens nothing from then on. KS_DB_ERR_NOT_FOUND
 * when there is no live device of that id.
 */
enum ks_db_error ks_backend_store_revoke_device(ks_backend_store *store, const char *device_id,
                                                const ks_backend_actor *actor, int64_t now);

/*
 * The devices of store_id ("" every store), by id: device_id, store_id,
 * kind, enrolled_at, enrolled_by, revoked_at (0 live), revoked_by, last_seen
 * (the last heartbeat's time, 0 none).
 */
enum ks_db_error ks_backend_store_devices(ks_backend_store *store, const char *store_id,
                                          json_t **rows);

/*
 * The live enrolled kiosks of store_id, by id: id and token_sha256 (the
 * lowercase hex SHA-256 of its token, as kept), which lets a peer of the
 * store check a token a kiosk presents without learning it (rows, the
 * caller's to json_decref).
 */
enum ks_db_error ks_backend_store_peers(ks_backend_store *store, const char *store_id,
                                        json_t **rows);

#endif
