/* The store's staff list: see kiosk/domain/staff_list.h. */
#include "kiosk/domain/staff_list.h"

#include "kiosk/domain/store_list.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ks_staff_id_ok(const char *id)
{
    size_t len = id ? strlen(id) : 0;
    if (len < 1 || len > KS_STAFF_ID_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '@' || c == '-'))
            return false;
    }
    return true;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const ks_staff_entry *)a)->id, ((const ks_staff_entry *)b)->id);
}

/* One entry, {"id", "pin_hash"} and nothing else, into *e. */
static bool read_entry(json_t *entry, ks_staff_entry *e)
{
    const char *id = NULL, *hash = NULL;
    json_error_t jerr;
    if (json_unpack_ex(entry, &jerr, 0, "{s:s, s:s !}", "id", &id, "pin_hash", &hash) != 0 ||
        json_string_length(json_object_get(entry, "id")) != strlen(id) || !ks_staff_id_ok(id) ||
        json_string_length(json_object_get(entry, "pin_hash")) != strlen(hash) ||
        !ks_staff_secret_valid(hash))
        return false;
    /* Both fit: checked above (KS_STAFF_ID_MAX, KS_STAFF_SECRET_MAX bytes). */
    memcpy(e->id, id, strlen(id) + 1);
    memcpy(e->pin_hash, hash, strlen(hash) + 1);
    return true;
}

/* Copies the array's people into list, sorted by id; false on a bad or repeated one. */
static bool read_staff(const json_t *staff, ks_staff_list *list, char *why, size_t why_cap)
{
    size_t n = json_array_size(staff);
    if (!json_is_array(staff) || n > KS_STAFF_LIST_MAX)
        return ks_store_list_refuse(why, why_cap,
                                    "\"staff\": expected an array of at most 512 people");
    list->people = n ? calloc(n, sizeof *list->people) : NULL;
    if (n && !list->people)
        return ks_store_list_refuse(why, why_cap, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (!read_entry(json_array_get(staff, i), &list->people[i]))
            return ks_store_list_refuse(
                why, why_cap,
                "\"staff\": expected {\"id\": a person's name, \"pin_hash\": a "
                "pbkdf2-sha256 staff secret}");
        list->n = i + 1;
    }
    if (n > 1)
        qsort(list->people, n, sizeof *list->people, by_id);
    for (size_t i = 1; i < n; i++)
        if (strcmp(list->people[i - 1].id, list->people[i].id) == 0)
            return ks_store_list_refuse(why, why_cap, "\"staff\": a person is listed twice");
    return true;
}

bool ks_staff_list_parse(const char *text, size_t len, const char *store_id, ks_staff_list *out,
                         char *why, size_t why_cap)
{
    *out = (ks_staff_list){0};
    json_t *root = NULL, *staff = NULL;
    bool ok = ks_store_list_open(text, len, KS_STAFF_LIST_BODY_MAX, store_id, "staff",
                                 "expected a JSON object of at most the size of 512 people", &root,
                                 &staff, why, why_cap) &&
              read_staff(staff, out, why, why_cap);
    json_decref(root);
    if (!ok)
        ks_staff_list_clear(out);
    return ok;
}

void ks_staff_list_clear(ks_staff_list *list)
{
    if (!list)
        return;
    free(list->people);
    *list = (ks_staff_list){0};
}
