/*
 * Text UUIDs, the identifiers of everything that crosses the wire
 * (orders, payments' sale ids, refunds, credit notes, attendant requests):
 * the one rule for reading them and the one way to make them.
 *
 * This project writes and accepts the canonical lowercase form,
 * 8-4-4-4-12 hex digits ("0b7c4e0e-3f4d-4b8e-9a51-2f0f6d1c7a20"). ZATCA's
 * documents may carry uppercase hex digits: ks_uuid_ok_any_case reads those.
 */
#ifndef KIOSK_COMMON_UUID_H
#define KIOSK_COMMON_UUID_H

#include <stdbool.h>
#include <stdint.h>

#define KS_UUID_LEN 36

/* True when text is a canonical lowercase UUID, exactly KS_UUID_LEN bytes. NULL is false. */
bool ks_uuid_ok(const char *text);

/* The same rule with uppercase hex digits allowed too. NULL is false. */
bool ks_uuid_ok_any_case(const char *text);

/*
 * Writes the lowercase RFC 4122 version-4 UUID built from 16 random bytes
 * into out[KS_UUID_LEN + 1]. Pure: the caller brings the randomness.
 */
void ks_uuid_v4_format(const uint8_t random16[16], char out[KS_UUID_LEN + 1]);

/*
 * A new version-4 UUID from the kernel's random source (getrandom, which
 * blocks only until the pool is first seeded) into out[KS_UUID_LEN + 1];
 * false, out untouched, when that source fails.
 */
bool ks_uuid_new(char out[KS_UUID_LEN + 1]);

#endif
