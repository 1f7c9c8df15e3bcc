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

/*
 * The entries of a list: each an object with an id, read into an item of
 * size bytes whose first member is that id (a char array, NUL-terminated).
 */
typedef struct ks_store_list_form {
    size_t max;  /* entries at most */
    size_t size; /* bytes of an item */
    /* Reads one entry (borrowed) into item (zeroed); false when it is not one. */
    bool (*read)(json_t *entry, void *item);
    const char *too_many; /* why, when the value is no array of at most max */
    const char *bad;      /* why, when an entry is refused */
    const char *twice;    /* why, when an id is listed twice */
} ks_store_list_form;

/*
 * Reads array (borrowed) as form says into *items (calloc'd, NULL when
 * none; the caller's to free, also on false) and *n, sorted by id
 * (strcmp), the ids distinct. False, why[why_cap] filled, otherwise.
 */
bool ks_store_list_entries(const json_t *array, const ks_store_list_form *form, void **items,
                           size_t *n, char *why, size_t why_cap);

/*
 * The whole answer: ks_store_list_open (member, max bytes, too_big) then
 * ks_store_list_entries into *items (NULL on false: freed) and *n (0 on false).
 */
bool ks_store_list_read(const char *text, size_t len, size_t max, const char *store_id,
                        const char *member, const char *too_big, const ks_store_list_form *form,
                        void **items, size_t *n, char *why, size_t why_cap);

/* reason into why[why_cap] (why may be NULL); false, for a refusing return. */
bool ks_store_list_refuse(char *why, size_t why_cap, const char *reason);

#endif
