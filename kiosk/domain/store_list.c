/* A per-store list's envelope: see kiosk/domain/store_list.h. */
#include "kiosk/domain/store_list.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Items compare by their first member, the id. */
static int by_id(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

bool ks_store_list_entries(const json_t *array, const ks_store_list_form *form, void **items,
                           size_t *n, char *why, size_t why_cap)
{
    size_t count = json_array_size(array);
    *items = NULL;
    *n = 0;
    if (!json_is_array(array) || count > form->max)
        return ks_store_list_refuse(why, why_cap, form->too_many);
    unsigned char *all = count ? calloc(count, form->size) : NULL;
    if (count && !all)
        return ks_store_list_refuse(why, why_cap, "out of memory");
    *items = all;
    for (size_t i = 0; i < count; i++) {
        if (!form->read(json_array_get(array, i), all + i * form->size))
            return ks_store_list_refuse(why, why_cap, form->bad);
        *n = i + 1;
    }
    if (count > 1)
        qsort(all, count, form->size, by_id);
    for (size_t i = 1; i < count; i++)
        if (strcmp((const char *)all + (i - 1) * form->size, (const char *)all + i * form->size) ==
            0)
            return ks_store_list_refuse(why, why_cap, form->twice);
    return true;
}

bool ks_store_list_read(const char *text, size_t len, size_t max, const char *store_id,
                        const char *member, const char *too_big, const ks_store_list_form *form,
                        void **items, size_t *n, char *why, size_t why_cap)
{
    json_t *root = NULL, *array = NULL;
    *items = NULL;
    *n = 0;
    bool ok = ks_store_list_open(text, len, max, store_id, member, too_big, &root, &array, why,
                                 why_cap) &&
              ks_store_list_entries(array, form, items, n, why, why_cap);
    json_decref(root);
    if (!ok) {
        free(*items);
        *items = NULL;
        *n = 0;
    }
    return ok;
}
