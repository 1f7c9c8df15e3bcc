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

#endif
