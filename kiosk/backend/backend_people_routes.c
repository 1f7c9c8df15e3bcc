/* The back office's people over HTTP: see kiosk/backend/backend_people_routes.h. */
#define LOG_TAG "backend_people"
#include "kiosk/backend/backend_people_routes.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_enrol.h"
#include "kiosk/backend/backend_kiosk_pin.h"
#include "kiosk/backend/backend_login.h"
#include "kiosk/backend/backend_session.h"
#include "kiosk/common/log.h"

bool ks_people_path(const char *path, const char *suffix, char *name)
{
    size_t prefix = strlen(KS_PEOPLE_PREFIX), tail = strlen(suffix);
    size_t len = path ? strlen(path) : 0;
    if (len <= prefix + tail || len - prefix - tail > KS_PERSON_NAME_MAX ||
        strncmp(path, KS_PEOPLE_PREFIX, prefix) != 0 || strcmp(path + len - tail, suffix) != 0)
        return false;
    char copy[KS_PERSON_NAME_MAX + 1];
    memcpy(copy, path + prefix, len - prefix - tail);
    copy[len - prefix - tail] = '\0';
    if (!ks_person_name_ok(copy))
        return false;
    if (name)
        memcpy(name, copy, sizeof copy);
    return true;
}

/* The Argon2id string of password[len] at the INI's cost; false (503 answered) when it fails. */
static bool hash_password(const ks_backend_call *c, const char *password, size_t len,
                          char hash[KS_PASSWORD_HASH_MAX], ks_backend_response *resp)
{
    if (ks_backend_password_hash(
            password, len, c->cfg->fast_password_hash ? KS_PWHASH_FAST : KS_PWHASH_INTERACTIVE,
            hash))
        return true;
    ks_backend_refuse(resp, 503, "the password could not be hashed", "");
    return false;
}

/* The hash stored for a new person: "" for staff (no password opens it), else their password's. */
static bool hash_new_person(const ks_backend_call *c, const ks_person_request *add,
                            char hash[KS_PASSWORD_HASH_MAX], ks_backend_response *resp)
{
    hash[0] = '\0';
    return add->person.role == KS_ROLE_STAFF ||
           hash_password(c, add->password, add->password_len, hash, resp);
}

/* True when every store of p is a store of the INI or the database; else false, answered. */
static bool stores_known(const ks_backend_call *c, const ks_backend_person *p,
                         ks_backend_response *resp)
{
    enum ks_db_error err = KS_DB_OK;
    for (size_t i = 0; i < p->n_stores; i++) {
        if (!ks_enrol_store_known(c->store, c->cfg, p->stores[i], NULL, &err)) {
            char path[32];
            snprintf(path, sizeof path, "stores[%zu]", i);
            if (err != KS_DB_OK)
                ks_backend_refuse_db(resp, err);
            else
                ks_backend_refuse(resp, 422, "no store has that id", path);
            return false;
        }
    }
    return true;
}

/* Answers a failed change of one person: nobody of that name, the last head office, the rest. */
static void refuse_change(enum ks_db_error err, ks_backend_response *resp)
{
    if (err == KS_DB_ERR_NOT_FOUND)
        ks_backend_refuse(resp, 404, "nobody has that name", "");
    else if (err == KS_DB_ERR_ILLEGAL_TRANSITION)
        ks_backend_refuse(resp, 409, "the chain's last head-office person stays head office", "");
    else
        ks_backend_refuse_db(resp, err);
}

/* True when the JSON array of strings list holds id. */
static bool lists(const json_t *list, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach (list, i, v) {
        const char *s = json_string_value(v);
        if (s && strcmp(s, id) == 0)
            return true;
    }
    return false;
}

/*
 * The people of everyone (stolen) who work at store_id, each with that
 * store alone in "stores" and "kiosk_pin_stores" (when they hold a PIN
 * there): nothing of another store shows. NULL when out of memory.
 */
static json_t *people_at(json_t *everyone, const char *store_id)
{
    json_t *out = json_array();
    size_t i;
    json_t *p;
    json_array_foreach (everyone, i, p) {
        if (!out || !lists(json_object_get(p, "stores"), store_id))
            continue;
        bool pin = lists(json_object_get(p, "kiosk_pin_stores"), store_id);
        json_t *one = json_pack("{s:O, s:O, s:[s], s:o, s:O}", "name", json_object_get(p, "name"),
                                "role", json_object_get(p, "role"), "stores", store_id,
                                "kiosk_pin_stores", pin ? json_pack("[s]", store_id) : json_array(),
                                "created_at", json_object_get(p, "created_at"));
        if (json_array_append_new(out, one) != 0) {
            json_decref(out);
            out = NULL;
        }
    }
    json_decref(everyone);
    return out;
}

void ks_people_get(const ks_backend_call *c, ks_backend_response *resp)
{
    json_t *people = NULL;
    enum ks_db_error err = ks_backend_store_people(c->store, &people);
    /* ?store= (a store manager must give one of theirs): that store's people, nothing else. */
    if (err == KS_DB_OK && c->req->store && !(people = people_at(people, c->req->store)))
        err = KS_DB_ERR_NO_MEMORY;
    if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else
        ks_backend_answer_json(resp, 200, json_pack("{s:o}", "people", people));
}

void ks_people_post_add(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_person_request add;
    ks_json_error why;
    char hash[KS_PASSWORD_HASH_MAX];
    if (!ks_person_request_parse(c->req->body, c->req->body_len, &add, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (stores_known(c, &add.person, resp) && hash_new_person(c, &add, hash, resp)) {
        enum ks_db_error err =
            ks_backend_store_add_person(c->store, &add.person, hash, c->now, c->actor);
        if (err == KS_DB_ERR_CONSTRAINT)
            ks_backend_refuse(resp, 409, "a person has that name already", "name");
        else if (err != KS_DB_OK)
            ks_backend_refuse_db(resp, err);
        else
            ks_backend_answer_pack(resp, 201, "{s:s, s:s}", "status", "created", "name",
                                   add.person.name);
    }
    sodium_memzero(&add, sizeof add);
}

void ks_people_post_change(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_backend_person to;
    ks_json_error why;
    char name[KS_PERSON_NAME_MAX + 1];
    if (!ks_people_path(c->req->path, "", name)) {
        ks_backend_refuse(resp, 404, "no such resource", "");
    } else if (!ks_person_change_parse(c->req->body, c->req->body_len, &to, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (stores_known(c, &to, resp)) {
        memcpy(to.name, name, sizeof name);
        enum ks_db_error err = ks_backend_store_change_person(c->store, &to, c->now, c->actor);
        json_t *stores = json_array();
        for (size_t i = 0; stores && i < to.n_stores; i++)
            json_array_append_new(stores, json_string(to.stores[i]));
        if (err != KS_DB_OK) {
            json_decref(stores);
            refuse_change(err, resp);
        } else {
            LOG_INFO("person %s is now %s (by %s)", name, ks_backend_role_name(to.role),
                     c->actor->name);
            ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:s, s:o*}", "status", "changed", "name",
                                   name, "role", ks_backend_role_name(to.role), "stores", stores);
        }
    }
}

void ks_people_post_reset(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_password_reset reset;
    ks_json_error why;
    char name[KS_PERSON_NAME_MAX + 1], hash[KS_PASSWORD_HASH_MAX];
    if (!ks_people_path(c->req->path, KS_PEOPLE_PASSWORD_SUFFIX, name)) {
        ks_backend_refuse(resp, 404, "no such resource", "");
    } else if (!ks_password_reset_parse(c->req->body, c->req->body_len, &reset, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (strcmp(name, c->person->name) == 0) {
        ks_backend_refuse(resp, 409, "change your own password with POST /v1/session/password", "");
    } else if (hash_password(c, reset.password, reset.password_len, hash, resp)) {
        enum ks_db_error err =
            ks_backend_store_set_password(c->store, name, hash, NULL, c->now, c->actor);
        if (err != KS_DB_OK)
            refuse_change(err, resp);
        else
            ks_backend_answer_pack(resp, 200, "{s:s, s:s}", "status", "reset", "name", name);
    }
    sodium_memzero(&reset, sizeof reset);
}

void ks_people_post_remove(const ks_backend_call *c, ks_backend_response *resp)
{
    enum ks_db_error err;
    char name[KS_PERSON_NAME_MAX + 1];
    if (!ks_people_path(c->req->path, KS_PEOPLE_REMOVE_SUFFIX, name))
        ks_backend_refuse(resp, 404, "no such resource", "");
    else if (strcmp(name, c->person->name) == 0)
        ks_backend_refuse(resp, 409, "nobody removes themselves", "");
    else if ((err = ks_backend_store_remove_person(c->store, name, c->now, c->actor)) != KS_DB_OK)
        refuse_change(err, resp);
    else {
        LOG_INFO("person %s removed by %s", name, c->actor->name);
        ks_backend_answer_pack(resp, 200, "{s:s, s:s}", "status", "removed", "name", name);
    }
}

void ks_people_post_own_password(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_password_change change;
    ks_json_error why;
    char id[KS_SESSION_HEX_LEN + 1], stored[KS_PASSWORD_HASH_MAX], hash[KS_PASSWORD_HASH_MAX];
    ks_backend_person me;
    enum ks_db_error err = KS_DB_OK;
    if (!ks_password_change_parse(c->req->body, c->req->body_len, &change, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (!ks_login_cookie(c->req->cookie, id)) {
        ks_backend_refuse(resp, 401, "no session", "");
    } else if ((err = ks_backend_store_person(c->store, c->person->name, &me, stored)) !=
               KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if (!ks_backend_password_verify(stored, change.password, change.password_len)) {
        ks_backend_refuse(resp, 403, "the present password is wrong", "password");
    } else if (hash_password(c, change.new_password, change.new_len, hash, resp)) {
        err = ks_backend_session_password(c->store, id, me.name, hash, c->actor, c->now);
        if (err != KS_DB_OK)
            ks_backend_refuse_db(resp, err);
        else
            ks_backend_answer_pack(resp, 200, "{s:s}", "status", "changed");
    }
    sodium_memzero(&change, sizeof change);
}

/* Stores set's PIN for the person called name and answers. */
static void set_kiosk_pin(const ks_backend_call *c, const char *name,
                          const ks_kiosk_pin_request *set, ks_backend_response *resp)
{
    char clash[KS_BACKEND_ID_MAX + 1] = "";
    enum ks_db_error err = ks_backend_store_set_kiosk_pin(
        c->store, name, set->pin, (const char(*)[KS_BACKEND_ID_MAX + 1]) set->stores, set->n_stores,
        c->now, c->actor, clash);
    if (err == KS_DB_ERR_CONSTRAINT) {
        ks_backend_refuse(resp, 409, "another person has that PIN at that store", clash);
    } else if (err != KS_DB_OK) {
        refuse_change(err, resp);
    } else {
        LOG_INFO("kiosk PIN of %s set at %zu stores (by %s)", name, set->n_stores, c->actor->name);
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:i}", "status", "set", "name", name,
                               "stores", (int)set->n_stores);
    }
}

void ks_people_post_kiosk_pin(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_kiosk_pin_request set;
    ks_json_error why;
    ks_backend_person target;
    char name[KS_PERSON_NAME_MAX + 1];
    enum ks_db_error err = KS_DB_OK;
    if (!ks_people_path(c->req->path, KS_PEOPLE_PIN_SUFFIX, name)) {
        ks_backend_refuse(resp, 404, "no such resource", "");
    } else if (!ks_kiosk_pin_request_parse(c->req->body, c->req->body_len, &set, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if ((err = ks_backend_store_person(c->store, name, &target, NULL)) != KS_DB_OK) {
        refuse_change(err, resp);
    } else {
        /* No stores named: the person's own (a store manager's or staff's). */
        if (set.n_stores == 0) {
            memcpy(set.stores, target.stores, sizeof set.stores);
            set.n_stores = target.n_stores;
        }
        size_t i = 0;
        while (i < set.n_stores && ks_backend_person_has_store(c->person, set.stores[i]) &&
               (!ks_backend_role_has_stores(target.role) ||
                ks_backend_person_has_store(&target, set.stores[i])))
            i++;
        char at[32];
        snprintf(at, sizeof at, "stores[%zu]", i);
        ks_backend_person named = {.n_stores = set.n_stores};
        memcpy(named.stores, set.stores, sizeof named.stores);
        if (set.n_stores == 0)
            ks_backend_refuse(resp, 400, "name the stores where the PIN holds", "stores");
        else if (i < set.n_stores && !ks_backend_person_has_store(c->person, set.stores[i]))
            ks_backend_refuse(resp, 403, "a store manager sets PINs at their own stores", at);
        else if (i < set.n_stores)
            ks_backend_refuse(resp, 422, "the person does not work at that store", at);
        else if (stores_known(c, &named, resp))
            set_kiosk_pin(c, name, &set, resp);
    }
    sodium_memzero(&set, sizeof set);
}

void ks_people_post_kiosk_pin_clear(const ks_backend_call *c, ks_backend_response *resp)
{
    char name[KS_PERSON_NAME_MAX + 1];
    size_t cleared = 0;
    enum ks_db_error err = KS_DB_OK;
    /* ?store=: at that store alone (a store manager's page sends the chosen store). */
    const char *at = c->req->store;
    if (!ks_people_path(c->req->path, KS_PEOPLE_PIN_CLEAR_SUFFIX, name))
        ks_backend_refuse(resp, 404, "no such resource", "");
    else if (at && !ks_device_id_ok(at))
        ks_backend_refuse(resp, 400, "expected a store id", "store");
    else if (at && !ks_backend_person_has_store(c->person, at))
        ks_backend_refuse(resp, 403, "a store manager clears PINs at their own stores", "store");
    else if (at && !ks_enrol_store_known(c->store, c->cfg, at, NULL, &err) && err == KS_DB_OK)
        ks_backend_refuse(resp, 422, "no store has that id", "store");
    else if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if ((err = ks_backend_store_clear_kiosk_pins(c->store, name, c->person, at, c->now,
                                                      c->actor, &cleared)) != KS_DB_OK)
        refuse_change(err, resp);
    else
        ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:i}", "status", "cleared", "name", name,
                               "stores", (int)cleared);
}
