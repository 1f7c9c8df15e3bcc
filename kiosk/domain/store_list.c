/* A per-store list's envelope: see kiosk/domain/store_list.h. */
#include "kiosk/domain/store_list.h"

#include <stdio.h>
#include <string.h>

bool ks_store_list_refuse(char *why, size_t why_cap, const char *reason)
{
    if (why && why_cap)
        snprintf(why, why_cap, "%s", reason);
    return false;
}

bool ks_store_list_open(const char *text, size_t len, size_t max, const char *store_id,
                        const char *member, const char *too_big, json_t **root, json_t **value,
                        char *why, size_t why_cap)
{
    json_error_t jerr;
    const char *store = NULL;
    *value = NULL;
    *root = text && len <= max ? json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (!json_is_object(*root))
        return ks_store_list_refuse(why, why_cap, too_big);
    if (json_unpack_ex(*root, &jerr, 0, "{s:s, s:o !}", "store", &store, member, value) != 0)
        return ks_store_list_refuse(why, why_cap, jerr.text);
    /* A NUL inside the store's name would make it another name than the one compared. */
    if (!store_id || strcmp(store, store_id) != 0 ||
        json_string_length(json_object_get(*root, "store")) != strlen(store))
        return ks_store_list_refuse(why, why_cap, "\"store\": not the store asked for");
    return true;
}
