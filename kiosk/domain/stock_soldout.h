/*
 * The backend's sold-out list from stock as a kiosk reads it
 * (kiosk/docs/backend-api.md, GET /v1/stock/soldout?store=ID):
 *
 *   {"store": "riyadh-01", "items": ["bun", "cola"]}
 *
 * Read strictly, since a list taken wrongly would take items off every
 * kiosk of a store: exactly these two members, no duplicate keys, the
 * store this kiosk asked for, at most KS_STOCK_SOLDOUT_MAX distinct item
 * ids of 1-KS_STOCK_SOLDOUT_ID_MAX bytes of printable text. Pure.
 */
#ifndef KIOSK_DOMAIN_STOCK_SOLDOUT_H
#define KIOSK_DOMAIN_STOCK_SOLDOUT_H

#include <stdbool.h>
#include <stddef.h>

/* An item id: 1 to this many bytes (the kiosk's sold-out marks' limit). */
#define KS_STOCK_SOLDOUT_ID_MAX 64
/* Items in one list at most (the kiosk keeps no more marks in memory). */
#define KS_STOCK_SOLDOUT_MAX 4096
/* Bytes of an answer at most: every id escaped at worst, and room for the rest. */
#define KS_STOCK_SOLDOUT_BODY_MAX                                                                  \
    ((size_t)KS_STOCK_SOLDOUT_MAX * (6 * KS_STOCK_SOLDOUT_ID_MAX + 4) + 256)

/* A list read from an answer: n ids, sorted by strcmp, distinct. */
typedef struct ks_stock_soldout {
    size_t n;
    char (*ids)[KS_STOCK_SOLDOUT_ID_MAX + 1]; /* owned: n of them */
} ks_stock_soldout;

/*
 * Reads the answer text[len] for store_id into *out (ks_stock_soldout_clear
 * frees it). False, *out empty and why[why_cap] (English) filled, on
 * anything but exactly the documented object for store_id.
 */
bool ks_stock_soldout_parse(const char *text, size_t len, const char *store_id,
                            ks_stock_soldout *out, char *why, size_t why_cap);

/* Frees what list owns and empties it. Accepts NULL. */
void ks_stock_soldout_clear(ks_stock_soldout *list);

#endif
