/*
 * The people's kiosk PINs (kiosk/docs/backend-api.md, "Kiosk PINs and the
 * staff list"): a person may be given a PIN of 4-8 digits for stores they
 * work at, with which a kiosk of that store's staff screen and a lane's
 * attendant PIN sign them in by name. The PIN is kept only as the staff
 * secret the kiosk verifies (kiosk/common/staff_secret.h: PBKDF2-SHA256 at
 * KS_KIOSK_PIN_ITERATIONS), never shown again. Every PIN of one store is
 * hashed with the salt of that store's first (a fresh one for the first),
 * so equal PINs have equal hashes: a unique index refuses a PIN another
 * person holds at the store (a PIN names one person), and a kiosk derives
 * a typed PIN once for the whole list. The cost of that choice: one guess
 * tries every person of a store at once, which for 4-8 digits changes
 * little (10^8 guesses at most either way); what guards a PIN is the
 * kiosk's lockout after wrong tries, and the list going only to its
 * store's kiosks.
 */
#ifndef KIOSK_BACKEND_BACKEND_KIOSK_PIN_H
#define KIOSK_BACKEND_BACKEND_KIOSK_PIN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_people.h"
#include "kiosk/backend/backend_store.h"

/* Digits of a kiosk PIN. */
#define KS_KIOSK_PIN_MIN 4
#define KS_KIOSK_PIN_MAX 8
/* PBKDF2 iterations of a kiosk PIN's hash: one derivation per sign-in on the kiosk
 * (bench_staff_pin's figures in kiosk/docs/ARCHITECTURE.md). */
#define KS_KIOSK_PIN_ITERATIONS 20000

/*
 * pin (4-8 digits) becomes the kiosk PIN of the person called name at each
 * of stores[n] (n 1-32; each one of the person's stores when their role
 * has stores), replacing theirs there, with one audit row person.kiosk_pin
 * per store, all in one transaction. KS_DB_ERR_NOT_FOUND when nobody is
 * called that; KS_DB_ERR_INVALID when a store is not theirs (or the PIN
 * or a store id is malformed); KS_DB_ERR_CONSTRAINT when another person
 * holds that PIN at one of the stores, whose id goes into
 * clash[KS_BACKEND_ID_MAX + 1] (may be NULL).
 */
enum ks_db_error ks_backend_store_set_kiosk_pin(ks_backend_store *store, const char *name,
                                                const char *pin,
                                                const char (*stores)[KS_BACKEND_ID_MAX + 1],
                                                size_t n, int64_t now,
                                                const ks_backend_actor *actor, char *clash);

/*
 * The kiosk PINs of the person called name removed at store_id alone
 * (NULL or "": at every store), and only at a store by has
 * (ks_backend_person_has_store; by NULL: every store), one audit row
 * person.kiosk_pin_clear per store, in one transaction; the count into
 * *cleared. KS_DB_ERR_NOT_FOUND when nobody is called that.
 */
enum ks_db_error ks_backend_store_clear_kiosk_pins(ks_backend_store *store, const char *name,
                                                   const ks_backend_person *by,
                                                   const char *store_id, int64_t now,
                                                   const ks_backend_actor *actor, size_t *cleared);

/*
 * The kiosk PINs of store_id as its kiosks pull them, [{"id": person's
 * name, "pin_hash": staff secret}] by id, into *out (owned by the caller).
 */
enum ks_db_error ks_backend_store_staff_pins(ks_backend_store *store, const char *store_id,
                                             json_t **out);

#endif
