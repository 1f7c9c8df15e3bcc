/*
 * Fuzz target for the store's staff list as the kiosk's puller reads it
 * (kiosk/domain/staff_list.h, GET /v1/staff?store=ID), through the pulled
 * lists' harness (tests/fuzz/fuzz_pulled_list.h: read for "riyadh-01").
 *
 * What is accepted must keep the reader's promises: at most
 * KS_STAFF_LIST_MAX people, sorted by id and distinct, each id 1-64 bytes
 * of a-z 0-9 . _ @ -, each hash of the form pbkdf2-sha256$N$<32 hex>$<64
 * hex> checked here by hand; the same text is refused for another store;
 * and the list written again as the backend writes it reads back the same.
 * Seeds in tests/fuzz/corpus/staff_list/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/staff_list.h"
#include "tests/fuzz/fuzz_pulled_list.h"

/* n lowercase hex digits at s, then end. */
static bool hex_run(const char *s, size_t n, char end)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return s[n] == end;
}

/* The documented form, written out again here rather than asking staff_secret.c. */
static bool hash_form(const char *h)
{
    if (strncmp(h, "pbkdf2-sha256$", 14) != 0)
        return false;
    const char *s = h + 14;
    size_t digits = strspn(s, "0123456789");
    if (digits == 0 || digits > 7 || s[digits] != '$' || (digits > 1 && s[0] == '0'))
        return false;
    long iterations = strtol(s, NULL, 10);
    s += digits + 1;
    return iterations >= 1000 && iterations <= 1000000 && hex_run(s, 32, '$') &&
           hex_run(s + 33, 64, '\0');
}

static bool promises_kept(const ks_staff_list *list)
{
    if (list->n > KS_STAFF_LIST_MAX)
        return false;
    for (size_t i = 0; i < list->n; i++) {
        const char *id = list->people[i].id;
        size_t len = strlen(id);
        if (len < 1 || len > KS_STAFF_ID_MAX ||
            strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789._@-") != len ||
            !hash_form(list->people[i].pin_hash))
            return false;
        if (i > 0 && strcmp(list->people[i - 1].id, id) >= 0)
            return false;
    }
    return true;
}

/* The list as the backend's GET /v1/staff writes it; malloc'd. */
static char *written(const ks_staff_list *list)
{
    json_t *staff = json_array();
    for (size_t i = 0; staff && i < list->n; i++)
        json_array_append_new(staff, json_pack("{s:s, s:s}", "id", list->people[i].id, "pin_hash",
                                               list->people[i].pin_hash));
    json_t *root = json_pack("{s:s, s:o}", "store", FUZZ_PULLED_STORE, "staff", staff);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

FUZZ_PULLED_LIST(ks_staff_list, people, ks_staff_list_parse, ks_staff_list_clear,
                 KS_STAFF_LIST_BODY_MAX, promises_kept, written, NULL)
