/*
 * Bearer tokens of the store's servers (kitchen display, backend,
 * attendant console): the one rule a configured token must meet, and a
 * good one made.
 *
 * A token is KS_TOKEN_MIN_LEN to KS_TOKEN_MAX_LEN printable ASCII bytes
 * without spaces, and must look random enough to carry KS_TOKEN_MIN_BITS
 * bits: its length times log2 of the alphabet its character classes span
 * (26 lower, 26 upper, 10 digits, 32 others) at least that; no character
 * more than a quarter of it (or 3 times, for short ones); no run of
 * KS_TOKEN_MAX_RUN characters that repeat or count up or down ("aaaaa",
 * "12345", "edcba"). A rule on the text cannot prove a token random, but it
 * refuses the weak ones people type ("kiosk-token-0123456789", sixteen
 * identical characters); ks_token_new makes good ones: 43 base64url
 * characters from the kernel's random source (256 bits).
 */
#ifndef KIOSK_COMMON_BEARER_TOKEN_H
#define KIOSK_COMMON_BEARER_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define KS_TOKEN_MIN_LEN 16
#define KS_TOKEN_MAX_LEN 128
#define KS_TOKEN_MIN_BITS 128
#define KS_TOKEN_MAX_RUN 5
#define KS_TOKEN_NEW_LEN 43

/* True when token meets the rule; else false with the reason in why (cap bytes, may be 0). */
bool ks_token_strong(const char *token, char *why, size_t cap);

/* A new token into out[KS_TOKEN_NEW_LEN + 1]; false when the random source fails. */
bool ks_token_new(char out[KS_TOKEN_NEW_LEN + 1]);

/* A program's --new-token: a new token on stdout; the exit status (1 with a message on stderr). */
int ks_print_new_token(void);

#endif
