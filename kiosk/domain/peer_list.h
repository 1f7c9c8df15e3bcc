/*
 * The store's kiosks as its kitchen displays and attendant console pull
 * them from the backend (kiosk/docs/backend-api.md, GET
 * /v1/devices/peers?store=ID):
 *
 *   {"store": "riyadh-01",
 *    "kiosks": [{"id": "kiosk-21", "token_sha256": "<64 hex>"}]}
 *
 * Each live enrolled kiosk of the store with its token's verifier
 * (kiosk/common/token_verifier.h), so that a peer accepts an order from a
 * kiosk that presents its own enrolled token and learns no token. Read
 * strictly, since a list taken wrongly would let another device in:
 * exactly these members, no duplicate keys, the store this device asked
 * for, at most KS_PEER_LIST_MAX kiosks, each id a device id
 * (ks_device_id_ok) listed once, each verifier 64 lowercase hex digits.
 * Pure.
 */
#ifndef KIOSK_DOMAIN_PEER_LIST_H
#define KIOSK_DOMAIN_PEER_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/common/token_verifier.h"
#include "kiosk/domain/order.h"

/* Kiosks in one store's list at most. */
#define KS_PEER_LIST_MAX 256
/* Bytes of an answer at most: every entry at its longest, and room for the rest. */
#define KS_PEER_LIST_BODY_MAX                                                                      \
    ((size_t)KS_PEER_LIST_MAX * (KS_DEVICE_ID_MAX + KS_TOKEN_VERIFIER_HEX + 64) + 256)

typedef struct ks_peer {
    char id[KS_DEVICE_ID_MAX + 1];                /* first: the list is sorted by it */
    char token_sha256[KS_TOKEN_VERIFIER_HEX + 1]; /* the verifier of its enrolled token */
} ks_peer;

/* A list read from an answer: n kiosks, sorted by id (strcmp), distinct. */
typedef struct ks_peer_list {
    size_t n;
    ks_peer *kiosks; /* owned: n of them */
} ks_peer_list;

/*
 * Reads the answer text[len] for store_id into *out (ks_peer_list_clear
 * frees it). False, *out empty and why[why_cap] (English) filled, on
 * anything but exactly the documented object for store_id.
 */
bool ks_peer_list_parse(const char *text, size_t len, const char *store_id, ks_peer_list *out,
                        char *why, size_t why_cap);

/*
 * The listed kiosk whose verifier token (NULL: none) matches, or NULL.
 * Every entry is compared, in constant time each, whichever matches.
 */
const ks_peer *ks_peer_list_find(const ks_peer_list *list, const char *token);

/* Frees what list owns and empties it. Accepts NULL. */
void ks_peer_list_clear(ks_peer_list *list);

#endif
