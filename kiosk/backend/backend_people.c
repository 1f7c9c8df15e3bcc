/* The back office's people and their passwords: see kiosk/backend/backend_people.h. */
#define LOG_TAG "backend_people"
#include "kiosk/backend/backend_people.h"

#include <sodium.h>
#include <string.h>

#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"

_Static_assert(crypto_pwhash_STRBYTES <= KS_PASSWORD_HASH_MAX, "an Argon2id string fits");

static const char *const role_names[] = {
    [KS_ROLE_HEAD_OFFICE] = "head-office",
    [KS_ROLE_STORE_MANAGER] = "store-manager",
    [KS_ROLE_AUDITOR] = "auditor",
};

const char *ks_backend_role_name(enum ks_backend_role role)
{
    return (unsigned)role < sizeof role_names / sizeof role_names[0] ? role_names[role] : "";
}

bool ks_backend_role_parse(const char *text, enum ks_backend_role *out)
{
    for (size_t i = 0; text && i < sizeof role_names / sizeof role_names[0]; i++)
        if (strcmp(text, role_names[i]) == 0) {
            *out = (enum ks_backend_role)i;
            return true;
        }
    return false;
}

bool ks_backend_person_has_store(const ks_backend_person *p, const char *store_id)
{
    if (p->role != KS_ROLE_STORE_MANAGER)
        return true;
    for (size_t i = 0; store_id && i < p->n_stores; i++)
        if (strcmp(p->stores[i], store_id) == 0)
            return true;
    return false;
}

bool ks_person_name_ok(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    if (len == 0 || len > KS_PERSON_NAME_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '@' || c == '-'))
            return false;
    }
    return true;
}

bool ks_backend_password_hash(const char *password, size_t len, enum ks_pwhash_cost cost,
                              char out[KS_PASSWORD_HASH_MAX])
{
    if (sodium_init() < 0)
        return false;
    bool fast = cost == KS_PWHASH_FAST;
    return crypto_pwhash_str_alg(
               out, password, len,
               fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
               fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
               crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool ks_backend_password_verify(const char *hash, const char *password, size_t len)
{
    return sodium_init() >= 0 && crypto_pwhash_str_verify(hash, password, len) == 0;
}

struct new_person {
    const ks_backend_person *person;
    const char *hash;
    int64_t now;
    const ks_backend_actor *actor;
};

static enum ks_db_error add_person_in(ks_backend_store *store, void *args)
{
    const struct new_person *a = args;
    const ks_backend_person *p = a->person;
    const char *hash = a->hash;
    int64_t now = a->now;
    const ks_backend_actor *actor = a->actor;
    const char *role = ks_backend_role_name(p->role);
    const ks_backend_value row[] = {KS_BV_TEXT(p->name), KS_BV_TEXT(role), KS_BV_TEXT(hash),
                                    KS_BV_INT(now)};
    int64_t changed;
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_PERSON, row, 4, &changed);
    char after[KS_AUDIT_SUMMARY_MAX + 1];
    size_t used = (size_t)snprintf(after, sizeof after, "role=%s stores=", role);
    for (size_t i = 0; err == KS_DB_OK && i < p->n_stores; i++) {
        const ks_backend_value store_row[] = {KS_BV_TEXT(p->name), KS_BV_TEXT(p->stores[i])};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_PERSON_STORE, store_row, 2,
                                  &changed);
        if (used < sizeof after)
            used += (size_t)snprintf(after + used, sizeof after - used, "%s%s", i ? "," : "",
                                     p->stores[i]);
    }
    return err == KS_DB_OK
               ? ks_backend_audit_write(store, actor, "person.add", "", p->name, "", after, now)
               : err;
}

enum ks_db_error ks_backend_store_add_person(ks_backend_store *store, const ks_backend_person *p,
                                             const char *hash, int64_t now,
                                             const ks_backend_actor *actor)
{
    if (!ks_person_name_ok(p->name) || p->n_stores > KS_BACKEND_MAX_STORES ||
        (p->role == KS_ROLE_STORE_MANAGER) != (p->n_stores > 0))
        return KS_DB_ERR_INVALID;
    for (size_t i = 0; i < p->n_stores; i++)
        if (!ks_device_id_ok(p->stores[i]))
            return KS_DB_ERR_INVALID;
    struct new_person args = {p, hash, now, actor};
    return ks_backend_in_transaction(store, add_person_in, &args);
}

enum ks_db_error ks_backend_store_person(ks_backend_store *store, const char *name,
                                         ks_backend_person *p, char hash[KS_PASSWORD_HASH_MAX])
{
    memset(p, 0, sizeof *p);
    const ks_backend_value key[] = {KS_BV_TEXT(name)};
    json_t *rows = NULL, *stores = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_PERSON, key, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    const char *role = json_string_value(json_object_get(row, "role"));
    const char *stored = json_string_value(json_object_get(row, "password_hash"));
    if (err == KS_DB_OK && !row)
        err = KS_DB_ERR_NOT_FOUND;
    else if (err == KS_DB_OK &&
             (!ks_backend_role_parse(role, &p->role) || !stored ||
              strlen(stored) >= KS_PASSWORD_HASH_MAX || strlen(name) > KS_PERSON_NAME_MAX)) {
        LOG_ERROR("person %s: the stored role or password hash does not read", name);
        err = KS_DB_ERR_INTERNAL;
    }
    if (err == KS_DB_OK) {
        memcpy(p->name, name, strlen(name) + 1);
        if (hash)
            memcpy(hash, stored, strlen(stored) + 1);
        err = ks_backend_query_rows(store, KS_BACKEND_SQL_PERSON_STORES, key, 1, &stores);
    }
    size_t i;
    json_t *s;
    json_array_foreach (stores, i, s) {
        const char *id = json_string_value(json_object_get(s, "store_id"));
        if (p->n_stores < KS_BACKEND_MAX_STORES && id && strlen(id) <= KS_BACKEND_ID_MAX)
            memcpy(p->stores[p->n_stores++], id, strlen(id) + 1);
    }
    json_decref(rows);
    json_decref(stores);
    return err;
}

enum ks_db_error ks_backend_store_people(ks_backend_store *store, json_t **out)
{
    json_t *people = NULL, *stores = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_PEOPLE, NULL, 0, &people);
    if (err == KS_DB_OK)
        err = ks_backend_query_rows(store, KS_BACKEND_SQL_PEOPLE_STORES, NULL, 0, &stores);
    size_t i, j = 0;
    json_t *person;
    /* Both lists are by name: each person's stores are the run of rows under their name. */
    json_array_foreach (err == KS_DB_OK ? people : NULL, i, person) {
        const char *name = json_string_value(json_object_get(person, "name"));
        json_t *own = json_array();
        for (; j < json_array_size(stores); j++) {
            json_t *row = json_array_get(stores, j);
            if (!name || strcmp(json_string_value(json_object_get(row, "name")), name) != 0)
                break;
            json_array_append(own, json_object_get(row, "store_id"));
        }
        if (!own || json_object_set_new(person, "stores", own) != 0)
            err = KS_DB_ERR_NO_MEMORY;
    }
    json_decref(stores);
    if (err != KS_DB_OK) {
        json_decref(people);
        people = NULL;
    }
    *out = people;
    return err;
}
