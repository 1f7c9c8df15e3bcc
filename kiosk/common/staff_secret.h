/*
 * Staff PINs and badge codes as the attendant console's and the lanes'
 * configurations keep them: never in clear, but as
 *
 *   pbkdf2-sha256$ITERATIONS$SALT$HASH
 *
 * (PBKDF2-HMAC-SHA256, a 16-byte random salt and a 32-byte hash, both in
 * lowercase hex), made with `attendant-console --hash` and checked in
 * constant time. The stored text is outside input (a configuration file)
 * and is parsed with its limits (KS_STAFF_SECRET_MAX bytes, 1,000 to
 * 1,000,000 iterations).
 */
#ifndef KIOSK_COMMON_STAFF_SECRET_H
#define KIOSK_COMMON_STAFF_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define KS_STAFF_SECRET_MAX 128          /* bytes of a stored hash, NUL excluded */
#define KS_STAFF_SECRET_ITERATIONS 20000 /* what --hash uses: ~10 ms per check on the appliance */

/* True when stored is a well-formed hash as above (the value of a config key). */
bool ks_staff_secret_valid(const char *stored);

/*
 * Hashes secret (a PIN or a badge code, 1-64 bytes) with a fresh random
 * salt into out[KS_STAFF_SECRET_MAX + 1]. False when secret is empty or
 * too long, or no randomness.
 */
bool ks_staff_secret_hash(const char *secret, char out[KS_STAFF_SECRET_MAX + 1]);

/* True when secret hashes to stored (compared in constant time); false for a malformed stored. */
bool ks_staff_secret_matches(const char *secret, const char *stored);

/*
 * As ks_staff_secret_hash, but with iterations (1,000-1,000,000) and the
 * salt of like when like is a well-formed hash (NULL or malformed: a fresh
 * random salt). The backend hashes every kiosk PIN of one store with one
 * salt (kiosk/backend/backend_kiosk_pin.h): a kiosk then derives a typed
 * PIN once for the whole list, and two people cannot hold the same PIN at
 * a store since their hashes would be equal.
 */
bool ks_staff_secret_hash_with(const char *secret, long iterations, const char *like,
                               char out[KS_STAFF_SECRET_MAX + 1]);

/*
 * The index of the first of stored[n] that secret hashes to, or -1 (also
 * for a malformed entry, which matches nothing). The secret is derived
 * once per distinct salt and cost, so a list hashed with one salt costs
 * one derivation however long it is; every entry is compared (in constant
 * time each), so the time says nothing of which one matched.
 */
long ks_staff_secret_find(const char *secret, const char *const *stored, size_t n);

#endif
