/*
 * The oracles the fuzz targets of the people's bodies share
 * (fuzz_backend_person.c, fuzz_backend_password.c,
 * fuzz_backend_person_change.c), written from kiosk/docs/backend-api.md,
 * "People, sessions and the audit log", not from the parser.
 */
#ifndef TESTS_FUZZ_FUZZ_PERSON_H
#define TESTS_FUZZ_FUZZ_PERSON_H

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "kiosk/backend/backend_person_request.h"
#include "kiosk/domain/order.h"

/* A JSON string without a NUL. */
static inline bool fuzz_plain_string(json_t *v)
{
    return json_is_string(v) && json_string_length(v) == strlen(json_string_value(v));
}

/* A password: a string of min..KS_PASSWORD_MAX bytes without a NUL. */
static inline bool fuzz_password_ok(json_t *v, size_t min)
{
    return fuzz_plain_string(v) && json_string_length(v) >= min &&
           json_string_length(v) <= KS_PASSWORD_MAX;
}

/* True when root has no member but those of names[n] (each of them at most once: jansson's
 * JSON_REJECT_DUPLICATES). */
static inline bool fuzz_only_members(json_t *root, const char *const *names, size_t n)
{
    size_t known = 0;
    for (size_t i = 0; i < n; i++)
        known += json_object_get(root, names[i]) != NULL;
    return json_is_object(root) && known == json_object_size(root);
}

/* 1-32 store ids, each once (a JSON array). */
static inline bool fuzz_store_ids_ok(json_t *stores)
{
    size_t n = json_array_size(stores);
    if (!json_is_array(stores) || n == 0 || n > KS_BACKEND_MAX_STORES)
        return false;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(stores, i);
        if (!fuzz_plain_string(s) || !ks_device_id_ok(json_string_value(s)))
            return false;
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(stores, j)), json_string_value(s)) == 0)
                return false;
    }
    return true;
}

/* True when root's "role" is one of the four (into *role) and its "stores" fit it: 1-32 store
 * ids, each once, for a store manager or staff; none, or an empty list, for anyone else. */
static inline bool fuzz_role_stores_ok(json_t *root, enum ks_backend_role *role)
{
    json_t *r = json_object_get(root, "role"), *stores = json_object_get(root, "stores");
    if (!fuzz_plain_string(r) || !ks_backend_role_parse(json_string_value(r), role))
        return false;
    bool manager = *role == KS_ROLE_STORE_MANAGER || *role == KS_ROLE_STAFF;
    if (!stores)
        return !manager;
    if (!manager)
        return json_is_array(stores) && json_array_size(stores) == 0;
    return fuzz_store_ids_ok(stores);
}

/* True when p holds exactly root's role and stores. */
static inline bool fuzz_role_stores_same(const ks_backend_person *p, json_t *root)
{
    json_t *stores = json_object_get(root, "stores");
    enum ks_backend_role role;
    if (!ks_backend_role_parse(json_string_value(json_object_get(root, "role")), &role) ||
        p->role != role || p->n_stores != json_array_size(stores))
        return false;
    for (size_t i = 0; i < p->n_stores; i++)
        if (strcmp(p->stores[i], json_string_value(json_array_get(stores, i))) != 0)
            return false;
    return true;
}

#endif
