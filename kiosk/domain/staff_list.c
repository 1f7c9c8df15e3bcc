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

/* One entry, {"id", "pin_hash"} and nothing else, into *item (a ks_staff_entry). */
static bool read_entry(json_t *entry, void *item)
{
    ks_staff_entry *e = item;
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

static const ks_store_list_form staff_form = {
    KS_STAFF_LIST_MAX,
    sizeof(ks_staff_entry),
    read_entry,
    "\"staff\": expected an array of at most 512 people",
    "\"staff\": expected {\"id\": a person's name, \"pin_hash\": a pbkdf2-sha256 staff secret}",
    "\"staff\": a person is listed twice",
};

bool ks_staff_list_parse(const char *text, size_t len, const char *store_id, ks_staff_list *out,
                         char *why, size_t why_cap)
{
    void *people = NULL;
    bool ok = ks_store_list_read(text, len, KS_STAFF_LIST_BODY_MAX, store_id, "staff",
                                 "expected a JSON object of at most the size of 512 people",
                                 &staff_form, &people, &out->n, why, why_cap);
    out->people = people;
    return ok;
}

void ks_staff_list_clear(ks_staff_list *list)
{
    if (!list)
        return;
    free(list->people);
    *list = (ks_staff_list){0};
}
