/*
 * The envelope of a list the backend serves per store to its kiosks
 * (kiosk/docs/backend-api.md: GET /v1/stock/soldout, GET /v1/staff):
 * exactly {"store": the store asked for, MEMBER: the list}, no duplicate
 * keys, within a size. One reader for every such list
 * (kiosk/domain/stock_soldout.h, kiosk/domain/staff_list.h), each reading
 * its own member after. Pure.
 */
#ifndef KIOSK_DOMAIN_STORE_LIST_H
#define KIOSK_DOMAIN_STORE_LIST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Reads text[len] (at most max bytes; text may be NULL) as exactly
 * {"store": store_id, member: any value}: the value, borrowed from *root,
 * into *value. *root is the caller's to json_decref, also on false (it may
 * be NULL). False, with why[why_cap] filled (too_big when it is not an
 * object within max), on anything else.
 */
bool ks_store_list_open(const char *text, size_t len, size_t max, const char *store_id,
                        const char *member, const char *too_big, json_t **root, json_t **value,
                        char *why, size_t why_cap);

/* reason into why[why_cap] (why may be NULL); false, for a refusing return. */
bool ks_store_list_refuse(char *why, size_t why_cap, const char *reason);

#endif
