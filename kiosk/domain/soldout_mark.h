/*
 * A sold-out mark as it travels between the kiosks and the store's hub
 * (the kitchen display, kiosk/docs/http-api.md "Sold-out marks"): an item
 * or combo, or a modifier option of a group, marked sold out or back on
 * sale, by whom, where and when, with the hub's sequence number. Pure:
 * the JSON both sides write and read, read strictly (no unknown or
 * duplicate members, every id and name bounded).
 *
 *   a kiosk's or the kitchen's mark (POST /v1/soldout):
 *     {"item_id": "burger", "sold_out": true, "set_by": "kiosk-01",
 *      "set_at": 1795510800, "name_ar": "...", "name_en": "..."}
 *     (or "group_id" and "option_id" instead of "item_id"; names optional)
 *   the hub's answer (GET /v1/soldout, and the POST's):
 *     {"marks": [{..., "seq": 7, "set_where": "kiosk-01"}], "latest": 7}
 */
#ifndef KIOSK_DOMAIN_SOLDOUT_MARK_H
#define KIOSK_DOMAIN_SOLDOUT_MARK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Ids (item, group, option), who and where: 1 to this many bytes. */
#define KS_MARK_ID_MAX 64
/* A name in one language: at most this many bytes ("" when not known). */
#define KS_MARK_NAME_MAX 200
/* Bytes of a mark's body (POST) at most, and marks in one answer at most. */
#define KS_MARK_BODY_MAX 2048
#define KS_MARK_PAGE_MAX 500
/* Where the kitchen display's own marks are set (its screen, its bump bars). */
#define KS_MARK_KITCHEN "kitchen"

typedef struct ks_mark {
    int64_t seq; /* the hub's order of changes, from 1; 0: not yet at the hub */
    char item_id[KS_MARK_ID_MAX + 1];  /* an item or combo, "" for an option ... */
    char group_id[KS_MARK_ID_MAX + 1]; /* ... or a group and option, "" for an item */
    char option_id[KS_MARK_ID_MAX + 1];
    bool sold_out;                      /* false: back on sale */
    char set_by[KS_MARK_ID_MAX + 1];    /* the staff member (or "kitchen") */
    char set_where[KS_MARK_ID_MAX + 1]; /* the kiosk id or "kitchen"; set by the hub */
    int64_t set_at;                     /* UTC seconds where it was set */
    char name_ar[KS_MARK_NAME_MAX + 1]; /* for the kitchen's list; "" when not known */
    char name_en[KS_MARK_NAME_MAX + 1];
} ks_mark;

/* Why a document was refused, in English. */
typedef struct ks_mark_error {
    char reason[160];
} ks_mark_error;

/*
 * True when m's key is exactly one of an item id, or a group and an option
 * id, each 1-KS_MARK_ID_MAX bytes of printable text.
 */
bool ks_mark_key_ok(const ks_mark *m);

/* True when a and b name the same item or option. */
bool ks_mark_same_key(const ks_mark *a, const ks_mark *b);

/* The POST body for m (no seq, no set_where); malloc'd, NULL when out of memory. */
char *ks_mark_body(const ks_mark *m);

/*
 * Reads a POST body of len bytes into *out (seq 0, set_where ""). False
 * with err->reason on anything but exactly the documented object.
 */
bool ks_mark_from_body(const char *body, size_t len, ks_mark *out, ks_mark_error *err);

/* The hub's answer: marks[n] (each with seq and set_where) and latest; malloc'd or NULL. */
char *ks_marks_answer(const ks_mark *marks, size_t n, int64_t latest);

/*
 * Reads the hub's answer into out[max] (*n of them) and *latest. False
 * with err->reason on anything but exactly the documented object, more
 * than max marks, a mark without seq or set_where, or a seq past latest.
 */
bool ks_marks_from_answer(const char *text, size_t len, ks_mark *out, size_t max, size_t *n,
                          int64_t *latest, ks_mark_error *err);

#endif
