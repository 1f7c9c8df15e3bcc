/*
 * Sessions and login limits, kept in the backend's database only (several
 * backend instances on one database accept each other's sessions and
 * share the limits; none keeps them in memory).
 *
 * A session is 256 random bits, given to the browser once as hex in the
 * cookie; the database keeps only its SHA-256, so a copy of the database
 * opens no session. Each has a CSRF token (256 random bits, hex) that the
 * page sends back in X-CSRF-Token with every change. A session ends after
 * KS_SESSION_IDLE_S without a request, KS_SESSION_MAX_S after login, or at
 * logout.
 *
 * Login limits are counted per key ("name:<name>", "addr:<address>"): the
 * first KS_LOGIN_FREE_FAILURES failures cost nothing; from then on each
 * failure makes the key wait KS_LOGIN_FIRST_WAIT_S, doubling with every
 * further failure up to KS_LOGIN_WAIT_MAX_S. A successful login clears its
 * name's count; failures older than KS_LOGIN_FORGET_S (after their wait)
 * are forgotten.
 */
#ifndef KIOSK_BACKEND_BACKEND_SESSION_H
#define KIOSK_BACKEND_BACKEND_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/backend/backend_people.h"
#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_store.h"

#define KS_SESSION_HEX_LEN 64 /* a session id or CSRF token: 64 lowercase hex digits */
#define KS_SESSION_IDLE_S 1800
#define KS_SESSION_MAX_S 43200
#define KS_SESSION_TOUCH_S 60 /* last_seen is written at most this often */
#define KS_LOGIN_FREE_FAILURES 5
#define KS_LOGIN_FIRST_WAIT_S 30
#define KS_LOGIN_WAIT_MAX_S 3600
#define KS_LOGIN_FORGET_S 86400
/* Longest limit key: "name:" or "addr:" and a name or address. */
#define KS_LOGIN_KEY_MAX 80

typedef struct ks_backend_session {
    char name[KS_PERSON_NAME_MAX + 1]; /* whose */
    char csrf[KS_SESSION_HEX_LEN + 1];
    int64_t created_at, last_seen; /* UTC seconds */
} ks_backend_session;

/* True when text is KS_SESSION_HEX_LEN lowercase hex digits (NULL: false). */
bool ks_session_hex_ok(const char *text);

/*
 * Opens a session of the person called name at now: its id (for the
 * cookie only) into id and its CSRF token into csrf, each
 * KS_SESSION_HEX_LEN + 1 bytes. Removes every expired session on the way.
 */
enum ks_db_error ks_backend_session_open(ks_backend_store *store, const char *name, int64_t now,
                                         char *id, char *csrf);

/*
 * The session of id (the cookie's value) at now into *out; KS_DB_ERR_NOT_FOUND
 * when id is malformed, unknown or expired (an expired one is removed).
 * Notes the request as the session's last one (at most every KS_SESSION_TOUCH_S).
 */
enum ks_db_error ks_backend_session_find(ks_backend_store *store, const char *id, int64_t now,
                                         ks_backend_session *out);

/* Ends the session of id (none: KS_DB_OK). */
enum ks_db_error ks_backend_session_close(ks_backend_store *store, const char *id);

/*
 * The password of the person of session id becomes hash (an Argon2id
 * string), their other sessions end, and the audit row of actor
 * (person.password) is written, in one transaction.
 */
enum ks_db_error ks_backend_session_password(ks_backend_store *store, const char *id,
                                             const char *name, const char *hash,
                                             const ks_backend_actor *actor, int64_t now);

/* Seconds a key with failures failures, the last at last, must still wait at now (0: none). */
int64_t ks_login_wait(int64_t failures, int64_t last, int64_t now);

/* The seconds key must wait at now before its next login attempt into *wait_s (0: none). */
enum ks_db_error ks_backend_login_wait(ks_backend_store *store, const char *key, int64_t now,
                                       int64_t *wait_s);

/* Counts a failed login of key at now. */
enum ks_db_error ks_backend_login_failed(ks_backend_store *store, const char *key, int64_t now);

/* Clears key's failures (a successful login). */
enum ks_db_error ks_backend_login_cleared(ks_backend_store *store, const char *key);

#endif
