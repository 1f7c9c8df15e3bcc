/*
 * The store's staff list as a kiosk pulls it from the backend
 * (kiosk/docs/backend-api.md, GET /v1/staff?store=ID):
 *
 *   {"store": "riyadh-01",
 *    "staff": [{"id": "sami", "pin_hash": "pbkdf2-sha256$20000$<salt>$<hash>"}]}
 *
 * Each person the back office gave a kiosk PIN at this store, by their
 * name, with the PIN only as its staff secret (kiosk/common/staff_secret.h).
 * Read strictly, since a list taken wrongly would let a wrong PIN in or
 * record the wrong person: exactly these members, no duplicate keys, the
 * store this kiosk asked for, at most KS_STAFF_LIST_MAX people, each id
 * 1-KS_STAFF_ID_MAX bytes of a-z 0-9 . _ @ - and listed once, each hash
 * well formed. Pure.
 */
#ifndef KIOSK_DOMAIN_STAFF_LIST_H
#define KIOSK_DOMAIN_STAFF_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/common/staff_secret.h"

/* A person's id: the back office's login name, 1 to this many bytes. */
#define KS_STAFF_ID_MAX 64
/* People in one store's list at most. */
#define KS_STAFF_LIST_MAX 512
/* Bytes of an answer at most: every entry at its longest, and room for the rest. */
#define KS_STAFF_LIST_BODY_MAX                                                                     \
    ((size_t)KS_STAFF_LIST_MAX * (KS_STAFF_ID_MAX + KS_STAFF_SECRET_MAX + 32) + 256)

typedef struct ks_staff_entry {
    char id[KS_STAFF_ID_MAX + 1];
    char pin_hash[KS_STAFF_SECRET_MAX + 1];
} ks_staff_entry;

/* A list read from an answer: n people, sorted by id (strcmp), distinct. */
typedef struct ks_staff_list {
    size_t n;
    ks_staff_entry *people; /* owned: n of them */
} ks_staff_list;

/* True when id is 1-KS_STAFF_ID_MAX bytes of a-z 0-9 . _ @ - (NULL: false). */
bool ks_staff_id_ok(const char *id);

/*
 * Reads the answer text[len] for store_id into *out (ks_staff_list_clear
 * frees it). False, *out empty and why[why_cap] (English) filled, on
 * anything but exactly the documented object for store_id.
 */
bool ks_staff_list_parse(const char *text, size_t len, const char *store_id, ks_staff_list *out,
                         char *why, size_t why_cap);

/* Frees what list owns and empties it. Accepts NULL. */
void ks_staff_list_clear(ks_staff_list *list);

#endif
