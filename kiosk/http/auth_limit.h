/*
 * Failed authentication, limited and logged per client address, for every
 * server on kiosk/http: a client whose requests were refused for their
 * credentials (401 or 403, or an answer marked a refusal: a secret URL
 * such as an e-receipt's that names nothing) KS_AUTH_LIMIT_FAILURES times within
 * KS_AUTH_LIMIT_WINDOW_S seconds gets 429 for KS_AUTH_LIMIT_BLOCK_S
 * seconds, whatever it sends; other addresses are not touched, so the
 * store's real devices keep being served while one address guesses tokens.
 * The first failure of a window and every block are logged with the
 * address; the rest are counted, not logged (a guesser must not fill the
 * journal).
 *
 * The table holds KS_AUTH_LIMIT_ADDRESSES addresses; when full, the one
 * quiet for longest is forgotten (an address that is blocked is kept while
 * its block lasts unless every entry is blocked). Thread-safe.
 */
#ifndef KIOSK_HTTP_AUTH_LIMIT_H
#define KIOSK_HTTP_AUTH_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define KS_AUTH_LIMIT_FAILURES 10
#define KS_AUTH_LIMIT_WINDOW_S 60
#define KS_AUTH_LIMIT_BLOCK_S 60
#define KS_AUTH_LIMIT_BLOCK_TEXT "60" /* for Retry-After */
#define KS_AUTH_LIMIT_ADDRESSES 512

typedef struct ks_auth_limit ks_auth_limit;

/* A limiter for the server called name (for the log); NULL when out of memory. */
ks_auth_limit *ks_auth_limit_new(const char *name);

/* Accepts NULL. */
void ks_auth_limit_free(ks_auth_limit *limit);

/* True while client (an address as text) is blocked at now_ms (monotonic milliseconds). */
bool ks_auth_limit_blocked(ks_auth_limit *limit, const char *client, int64_t now_ms);

/* client's request was refused for its credentials at now_ms. */
void ks_auth_limit_failed(ks_auth_limit *limit, const char *client, int64_t now_ms);

#endif
