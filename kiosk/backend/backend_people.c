/* The back office's people and their passwords: see kiosk/backend/backend_people.h. */
#define LOG_TAG "backend_people"
#include "kiosk/backend/backend_people.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/domain/staff_list.h"
#include "kiosk/common/log.h"

_Static_assert(crypto_pwhash_STRBYTES <= KS_PASSWORD_HASH_MAX, "an Argon2id string fits");
_Static_assert(KS_PERSON_NAME_MAX == KS_STAFF_ID_MAX, "a person's name is their staff id");

static const char *const role_names[] = {
    [KS_ROLE_HEAD_OFFICE] = "head-office",
    [KS_ROLE_STORE_MANAGER] = "store-manager",
    [KS_ROLE_AUDITOR] = "auditor",
    [KS_ROLE_STAFF] = "staff",
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

bool ks_backend_role_has_stores(enum ks_backend_role role)
{
    return role == KS_ROLE_STORE_MANAGER || role == KS_ROLE_STAFF;
}

bool ks_backend_person_has_store(const ks_backend_person *p, const char *store_id)
{
    if (!ks_backend_role_has_stores(p->role))
        return true;
    for (size_t i = 0; store_id && i < p->n_stores; i++)
        if (strcmp(p->stores[i], store_id) == 0)
            return true;
    return false;
}

bool ks_person_name_ok(const char *name)
{
    /* The same rule as the kiosks' staff ids: a person's name is their id on the staff list. */
    return ks_staff_id_ok(name);
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

/* "role=R stores=A,B" of p into out (cut at size): what the audit log says of a person. */
static void person_summary(const ks_backend_person *p, char *out, size_t size)
{
    size_t used = (size_t)snprintf(out, size, "role=%s stores=", ks_backend_role_name(p->role));
    for (size_t i = 0; i < p->n_stores && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? "," : "", p->stores[i]);
}

/* p's stores written under p's name (a store manager's; none otherwise). */
static enum ks_db_error insert_stores(ks_backend_store *store, const ks_backend_person *p)
{
    enum ks_db_error err = KS_DB_OK;
    int64_t changed;
    for (size_t i = 0; err == KS_DB_OK && i < p->n_stores; i++) {
        const ks_backend_value row[] = {KS_BV_TEXT(p->name), KS_BV_TEXT(p->stores[i])};
        err =
            store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_PERSON_STORE, row, 2, &changed);
    }
    return err;
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
    const ks_backend_value row[] = {KS_BV_TEXT(p->name), KS_BV_TEXT(ks_backend_role_name(p->role)),
                                    KS_BV_TEXT(a->hash), KS_BV_INT(a->now)};
    int64_t changed;
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_PERSON, row, 4, &changed);
    if (err == KS_DB_OK)
        err = insert_stores(store, p);
    char after[KS_AUDIT_SUMMARY_MAX + 1];
    person_summary(p, after, sizeof after);
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "person.add", "", p->name, "",
                                                    after, a->now)
                           : err;
}

/* True when p names a role and, for a store manager or staff only, 1-32 valid stores. */
static bool person_ok(const ks_backend_person *p)
{
    if (!ks_person_name_ok(p->name) || p->n_stores > KS_BACKEND_MAX_STORES ||
        ks_backend_role_has_stores(p->role) != (p->n_stores > 0) || !*ks_backend_role_name(p->role))
        return false;
    for (size_t i = 0; i < p->n_stores; i++)
        if (!ks_device_id_ok(p->stores[i]))
            return false;
    return true;
}

enum ks_db_error ks_backend_store_add_person(ks_backend_store *store, const ks_backend_person *p,
                                             const char *hash, int64_t now,
                                             const ks_backend_actor *actor)
{
    if (!person_ok(p))
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

/* Each person's run of rows (both lists by name) as the array member of column values; false
 * when out of memory. */
static bool attach_runs(json_t *people, json_t *rows, const char *member, const char *column)
{
    size_t i, j = 0;
    json_t *person;
    json_array_foreach (people, i, person) {
        const char *name = json_string_value(json_object_get(person, "name"));
        json_t *own = json_array();
        for (; j < json_array_size(rows); j++) {
            json_t *row = json_array_get(rows, j);
            if (!name || strcmp(json_string_value(json_object_get(row, "name")), name) != 0)
                break;
            json_array_append(own, json_object_get(row, column));
        }
        if (!own || json_object_set_new(person, member, own) != 0)
            return false;
    }
    return true;
}

enum ks_db_error ks_backend_store_people(ks_backend_store *store, json_t **out)
{
    json_t *people = NULL, *stores = NULL, *pins = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_PEOPLE, NULL, 0, &people);
    if (err == KS_DB_OK)
        err = ks_backend_query_rows(store, KS_BACKEND_SQL_PEOPLE_STORES, NULL, 0, &stores);
    if (err == KS_DB_OK)
        err = ks_backend_query_rows(store, KS_BACKEND_SQL_PEOPLE_PINS, NULL, 0, &pins);
    if (err == KS_DB_OK && (!attach_runs(people, stores, "stores", "store_id") ||
                            !attach_runs(people, pins, "kiosk_pin_stores", "store_id")))
        err = KS_DB_ERR_NO_MEMORY;
    json_decref(stores);
    json_decref(pins);
    if (err != KS_DB_OK) {
        json_decref(people);
        people = NULL;
    }
    *out = people;
    return err;
}

/* What head office does to a person (ks_backend_store_change_person, _remove_person). */
struct person_change {
    const char *name;
    const ks_backend_person *to; /* the new role and stores; NULL: the person is removed */
    const ks_backend_actor *actor;
    int64_t now;
};

/*
 * The person called name into *before, with the head-office people locked;
 * KS_DB_ERR_ILLEGAL_TRANSITION when they are the chain's last head-office
 * person and would be no longer (to NULL: removed).
 */
static enum ks_db_error lock_person(ks_backend_store *store, const char *name,
                                    const ks_backend_person *to, ks_backend_person *before)
{
    json_t *heads = NULL;
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_HEAD_OFFICE, NULL, 0, &heads);
    size_t n_heads = json_array_size(heads);
    json_decref(heads);
    if (err == KS_DB_OK)
        err = ks_backend_store_person(store, name, before, NULL);
    if (err == KS_DB_OK && before->role == KS_ROLE_HEAD_OFFICE && n_heads <= 1 &&
        (!to || to->role != KS_ROLE_HEAD_OFFICE))
        err = KS_DB_ERR_ILLEGAL_TRANSITION;
    return err;
}

static enum ks_db_error change_person_in(ks_backend_store *store, void *args)
{
    const struct person_change *a = args;
    ks_backend_person before;
    enum ks_db_error err = lock_person(store, a->name, a->to, &before);
    const ks_backend_value key[] = {KS_BV_TEXT(a->name)};
    const ks_backend_value role[] = {KS_BV_TEXT(ks_backend_role_name(a->to ? a->to->role : 0)),
                                     KS_BV_TEXT(a->name)};
    int64_t changed = 0, ended = 0;
    if (err == KS_DB_OK)
        err =
            store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_PERSON_STORES, key, 1, &changed);
    if (err == KS_DB_OK && a->to)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_SET_ROLE, role, 2, &changed);
    if (err == KS_DB_OK && a->to)
        err = insert_stores(store, a->to);
    /* Kiosk PINs go with the stores: only where the person still works, none once removed. */
    const ks_backend_value twice[] = {KS_BV_TEXT(a->name), KS_BV_TEXT(a->name)};
    if (err == KS_DB_OK && a->to && ks_backend_role_has_stores(a->to->role))
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_PINS_ELSEWHERE, twice, 2,
                                  &changed);
    if (err == KS_DB_OK && !a->to)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_PINS, key, 1, &changed);
    if (err == KS_DB_OK && !a->to)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_END_SESSIONS, key, 1, &ended);
    if (err == KS_DB_OK && !a->to)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_PERSON, key, 1, &changed);
    char was[KS_AUDIT_SUMMARY_MAX + 1], now[KS_AUDIT_SUMMARY_MAX + 1];
    person_summary(&before, was, sizeof was);
    if (a->to)
        person_summary(a->to, now, sizeof now);
    else
        snprintf(now, sizeof now, "removed sessions_ended=%lld", (long long)ended);
    return err == KS_DB_OK
               ? ks_backend_audit_write(store, a->actor, a->to ? "person.change" : "person.remove",
                                        "", a->name, was, now, a->now)
               : err;
}

enum ks_db_error ks_backend_store_change_person(ks_backend_store *store,
                                                const ks_backend_person *to, int64_t now,
                                                const ks_backend_actor *actor)
{
    if (!person_ok(to))
        return KS_DB_ERR_INVALID;
    struct person_change args = {to->name, to, actor, now};
    return ks_backend_in_transaction(store, change_person_in, &args);
}

enum ks_db_error ks_backend_store_remove_person(ks_backend_store *store, const char *name,
                                                int64_t now, const ks_backend_actor *actor)
{
    if (!ks_person_name_ok(name))
        return KS_DB_ERR_INVALID;
    struct person_change args = {name, NULL, actor, now};
    return ks_backend_in_transaction(store, change_person_in, &args);
}

struct new_password {
    const char *name, *hash;
    const char *kept; /* the id hash of the session that goes on; NULL: none */
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error set_password_in(ks_backend_store *store, void *args)
{
    const struct new_password *a = args;
    const ks_backend_value set[] = {KS_BV_TEXT(a->hash), KS_BV_TEXT(a->name)};
    const ks_backend_value others[] = {KS_BV_TEXT(a->name), KS_BV_TEXT(a->kept ? a->kept : "")};
    int64_t changed = 0, ended = 0;
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_SET_PASSWORD, set, 2, &changed);
    if (err == KS_DB_OK && changed != 1)
        err = KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK)
        err = store->driver->exec(
            store->conn, a->kept ? KS_BACKEND_SQL_END_OTHER_SESSIONS : KS_BACKEND_SQL_END_SESSIONS,
            others, a->kept ? 2 : 1, &ended);
    char after[64];
    snprintf(after, sizeof after, "%ssessions_ended=%lld", a->kept ? "other_" : "",
             (long long)ended);
    return err == KS_DB_OK
               ? ks_backend_audit_write(store, a->actor,
                                        a->kept ? "person.password" : "person.password_reset", "",
                                        a->name, "", after, a->now)
               : err;
}

enum ks_db_error ks_backend_store_set_password(ks_backend_store *store, const char *name,
                                               const char *hash, const char *kept, int64_t now,
                                               const ks_backend_actor *actor)
{
    if (!ks_person_name_ok(name))
        return KS_DB_ERR_INVALID;
    struct new_password args = {name, hash, kept, actor, now};
    return ks_backend_in_transaction(store, set_password_in, &args);
}
