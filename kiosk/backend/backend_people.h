/*
 * The back office's people (kiosk/docs/backend-api.md, "People, sessions
 * and the audit log"): each has a name, one role and, for a store manager,
 * the stores they run; a password kept only as libsodium's Argon2id string
 * (crypto_pwhash_str: salt and cost inside, verified in constant time).
 *
 *   head-office    everything, every store
 *   store-manager  reads and changes their own stores only
 *   auditor        reads everything, changes nothing (the audit log too)
 *   staff          works at their stores' kiosks with a kiosk PIN
 *                  (backend_kiosk_pin.h); no back-office access at all, and
 *                  no password: floor staff who never open the web app
 *
 * There is no default person or password: the first head-office person is
 * made with `kiosk-backend --add-person NAME --role head-office`.
 */
#ifndef KIOSK_BACKEND_BACKEND_PEOPLE_H
#define KIOSK_BACKEND_BACKEND_PEOPLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_config.h"
#include "kiosk/backend/backend_store.h"

#define KS_PERSON_NAME_MAX 64
/* Bytes of a password: at least KS_PASSWORD_MIN when a person is made, at most MAX ever. */
#define KS_PASSWORD_MIN 12
#define KS_PASSWORD_MAX 1024
/* Bytes of an Argon2id string with its NUL (crypto_pwhash_STRBYTES). */
#define KS_PASSWORD_HASH_MAX 128

enum ks_backend_role {
    KS_ROLE_HEAD_OFFICE,
    KS_ROLE_STORE_MANAGER,
    KS_ROLE_AUDITOR,
    KS_ROLE_STAFF,
};

/* "head-office", "store-manager", "auditor", "staff". */
const char *ks_backend_role_name(enum ks_backend_role role);

/* The role called text (NULL: false). */
bool ks_backend_role_parse(const char *text, enum ks_backend_role *out);

/* True for the roles bound to stores (store manager, staff): they have 1-32, the others none. */
bool ks_backend_role_has_stores(enum ks_backend_role role);

/* 1-64 bytes of a-z 0-9 . _ @ - (a login name; NULL: false). */
bool ks_person_name_ok(const char *name);

typedef struct ks_backend_person {
    char name[KS_PERSON_NAME_MAX + 1];
    enum ks_backend_role role;
    char stores[KS_BACKEND_MAX_STORES][KS_BACKEND_ID_MAX + 1]; /* store managers' and staff's */
    size_t n_stores;
} ks_backend_person;

/* True when p may see and change store_id (NULL: false for a store manager): head office and
 * auditors every store (auditors change nothing anyway), a store manager (and staff) their own. */
bool ks_backend_person_has_store(const ks_backend_person *p, const char *store_id);

/* How hard a new hash is to compute. */
enum ks_pwhash_cost {
    KS_PWHASH_INTERACTIVE, /* libsodium's interactive limits: what people get */
    KS_PWHASH_FAST,        /* the minimum: tests and fuzzing only, never from the INI */
};

/*
 * The Argon2id string of password[len] at cost into out[KS_PASSWORD_HASH_MAX].
 * False when libsodium cannot start or is out of memory.
 */
bool ks_backend_password_hash(const char *password, size_t len, enum ks_pwhash_cost cost,
                              char out[KS_PASSWORD_HASH_MAX]);

/* True when password[len] is the one hash (an Argon2id string) was made from. */
bool ks_backend_password_verify(const char *hash, const char *password, size_t len);

/*
 * Stores p (checked: its name, its stores for a store manager or staff,
 * none otherwise) with hash ("" for staff: no password opens it) at now, and the audit row of actor
 * (NULL: none), in one transaction. KS_DB_ERR_CONSTRAINT when the name is taken.
 */
enum ks_db_error ks_backend_store_add_person(ks_backend_store *store, const ks_backend_person *p,
                                             const char *hash, int64_t now,
                                             const ks_backend_actor *actor);

/*
 * The person called name into *p, and their hash into hash (may be NULL).
 * KS_DB_ERR_NOT_FOUND when nobody is called that.
 */
enum ks_db_error ks_backend_store_person(ks_backend_store *store, const char *name,
                                         ks_backend_person *p, char hash[KS_PASSWORD_HASH_MAX]);

/*
 * Everyone, by name: [{"name", "role", "stores": [a store manager's or
 * staff's store ids], "kiosk_pin_stores": [the stores where they have a
 * kiosk PIN], "created_at"}] into *out (owned by the caller). No password
 * or PIN hash.
 */
enum ks_db_error ks_backend_store_people(ks_backend_store *store, json_t **out);

/*
 * Head office changing a person: to's role and stores (checked as for
 * ks_backend_store_add_person) become those of the person called to->name,
 * with the audit row person.change (before and after) in one transaction;
 * the change holds from their next request (a session reads its person each
 * time), and their kiosk PINs at stores no longer theirs are removed (a
 * role with stores). KS_DB_ERR_NOT_FOUND when nobody is called that;
 * KS_DB_ERR_ILLEGAL_TRANSITION when they are the chain's last head-office
 * person and would be no longer.
 */
enum ks_db_error ks_backend_store_change_person(ks_backend_store *store,
                                                const ks_backend_person *to, int64_t now,
                                                const ks_backend_actor *actor);

/*
 * The person called name removed with their stores, sessions and kiosk
 * PINs, and the audit row person.remove, in one transaction: they can no longer sign in;
 * their earlier audit rows stay. Errors as ks_backend_store_change_person.
 */
enum ks_db_error ks_backend_store_remove_person(ks_backend_store *store, const char *name,
                                                int64_t now, const ks_backend_actor *actor);

/*
 * hash (an Argon2id string) becomes the password of the person called
 * name and their sessions end, all but the one whose id hash is kept
 * (NULL: every one), with the audit row of actor, in one transaction:
 * person.password (other_sessions_ended=N) for one's own change that keeps
 * its session (backend_session.h), person.password_reset (sessions_ended=N)
 * for a forgotten one head office replaces. KS_DB_ERR_NOT_FOUND when nobody
 * is called that.
 */
enum ks_db_error ks_backend_store_set_password(ks_backend_store *store, const char *name,
                                               const char *hash, const char *kept, int64_t now,
                                               const ks_backend_actor *actor);

#endif
