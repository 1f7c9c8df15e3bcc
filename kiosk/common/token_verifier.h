/*
 * A device token's verifier: the lowercase hex SHA-256 of the token. The
 * backend keeps only this of each enrolled device's token
 * (kiosk/backend/backend_device.h) and hands it to the device's peers in
 * its store (GET /v1/devices/peers), which check a token a kiosk presents
 * against it without ever learning the token. An enrolled token is 256
 * random bits, so its digest cannot be turned back into it, and the
 * digest opens nothing: whoever holds it still has no token to present.
 */
#ifndef KIOSK_COMMON_TOKEN_VERIFIER_H
#define KIOSK_COMMON_TOKEN_VERIFIER_H

#include <stdbool.h>

/* Hex digits of a verifier. */
#define KS_TOKEN_VERIFIER_HEX 64

/* The verifier of text (NULL: "") into out: KS_TOKEN_VERIFIER_HEX lowercase hex digits and NUL. */
void ks_token_verifier_of(const char *text, char out[KS_TOKEN_VERIFIER_HEX + 1]);

/* True when s is exactly KS_TOKEN_VERIFIER_HEX lowercase hex digits (NULL: false). */
bool ks_token_verifier_valid(const char *s);

/*
 * True when token (NULL: false) has the verifier verifier (a valid one,
 * else false), compared in constant time.
 */
bool ks_token_verifier_matches(const char *token, const char *verifier);

#endif
