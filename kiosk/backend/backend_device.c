/* Stores, devices and their enrolment in the database: see kiosk/backend/backend_device.h. */
#define LOG_TAG "backend_device"
#include "kiosk/backend/backend_device.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

bool ks_enrol_code_new(char out[KS_ENROL_CODE_LEN + 1])
{
    if (sodium_init() < 0)
        return false;
    static const char alphabet[] = KS_ENROL_CODE_ALPHABET;
    for (size_t i = 0; i < KS_ENROL_CODE_LEN; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[KS_ENROL_CODE_LEN] = '\0';
    return true;
}

void ks_device_hash(const char *text, char out[KS_DEVICE_HASH_HEX + 1])
{
    /* The token's verifier, which the store's peers are given (GET /v1/devices/peers). */
    ks_token_verifier_of(text, out);
}

static const char *text_of(json_t *row, const char *name)
{
    const char *value = json_string_value(json_object_get(row, name));
    return value ? value : "";
}

/* value (at most KS_DEVICE_ID_MAX bytes, as stored) into out[KS_DEVICE_ID_MAX + 1]. */
static void copy_id(char *out, const char *value)
{
    snprintf(out, KS_DEVICE_ID_MAX + 1, "%s", value);
}

enum ks_db_error ks_backend_device_caller(ks_backend_store *store, const char *authorization,
                                          ks_backend_kiosk *out, enum ks_device_kind *kind)
{
    static const char scheme[] = "Bearer ";
    if (!authorization || strncmp(authorization, scheme, sizeof scheme - 1) != 0 ||
        strlen(authorization) > sizeof scheme - 1 + KS_BACKEND_TOKEN_MAX)
        return KS_DB_ERR_NOT_FOUND;
    char hash[KS_DEVICE_HASH_HEX + 1];
    ks_device_hash(authorization + sizeof scheme - 1, hash);
    const ks_backend_value key[] = {TEXT(hash)};
    json_t *rows = NULL;
    enum ks_db_error err =
        ks_backend_query_rows(store, KS_BACKEND_SQL_DEVICE_BY_TOKEN, key, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    const char *stored = text_of(row, "token_hash");
    /* The lookup found the row by its hash; the hashes are compared again in constant time. */
    if (err == KS_DB_OK && (!row || strlen(stored) != KS_DEVICE_HASH_HEX ||
                            sodium_memcmp(stored, hash, KS_DEVICE_HASH_HEX) != 0 ||
                            !ks_device_kind_parse(text_of(row, "kind"), kind)))
        err = KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK) {
        memset(out, 0, sizeof *out);
        copy_id(out->id, text_of(row, "device_id"));
        copy_id(out->store_id, text_of(row, "store_id"));
    }
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_find(ks_backend_store *store, const char *store_id,
                                       ks_backend_store_record *out)
{
    const ks_backend_value key[] = {TEXT(store_id)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_STORE, key, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    if (err == KS_DB_OK && !row)
        err = KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK && out)
        copy_id(out->menu_store, text_of(row, "menu"));
    json_decref(rows);
    return err;
}

struct store_add {
    const ks_store_request *req;
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error store_add_in(ks_backend_store *store, void *args)
{
    const struct store_add *a = args;
    const ks_store_request *r = a->req;
    const ks_backend_value row[] = {TEXT(r->store_id),   TEXT(r->name_ar), TEXT(r->name_en),
                                    TEXT(r->menu_store), INT(a->now),      TEXT(a->actor->name)};
    int64_t changed = 0;
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_STORE, row, 6, &changed);
    char after[KS_AUDIT_SUMMARY_MAX + 1];
    snprintf(after, sizeof after, "menu=%s en=%s", r->menu_store[0] ? r->menu_store : r->store_id,
             r->name_en);
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "store.add", r->store_id,
                                                    r->store_id, "", after, a->now)
                           : err;
}

enum ks_db_error ks_backend_store_add_store(ks_backend_store *store, const ks_store_request *req,
                                            const ks_backend_actor *actor, int64_t now)
{
    struct store_add args = {req, actor, now};
    return ks_backend_in_transaction(store, store_add_in, &args);
}

enum ks_db_error ks_backend_store_stores(ks_backend_store *store, json_t **rows)
{
    return ks_backend_query_rows(store, KS_BACKEND_SQL_STORES, NULL, 0, rows);
}

/* The live device device_id's row into *rows (empty when none). */
static enum ks_db_error live_device(ks_backend_store *store, const char *device_id, json_t **rows)
{
    const ks_backend_value key[] = {TEXT(device_id)};
    return ks_backend_query_once(store, KS_BACKEND_SQL_LIVE_DEVICE, key, 1, rows);
}

struct forget {
    int64_t now;
    int64_t *forgotten; /* borrowed; never NULL */
};

static enum ks_db_error forget_in(ks_backend_store *store, void *args)
{
    const struct forget *a = args;
    const ks_backend_value before[] = {INT(a->now - KS_ENROL_CODE_KEEP_S)};
    return store->driver->exec(store->conn, KS_BACKEND_SQL_FORGET_ENROL_CODES, before, 1,
                               a->forgotten);
}

enum ks_db_error ks_backend_store_forget_enrol_codes(ks_backend_store *store, int64_t now,
                                                     int64_t *forgotten)
{
    int64_t count = 0;
    struct forget args = {now, forgotten ? forgotten : &count};
    return ks_backend_in_transaction(store, forget_in, &args);
}

struct code_add {
    const ks_enrol_code_request *req;
    const char *code;
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error code_add_in(ks_backend_store *store, void *args)
{
    const struct code_add *a = args;
    const ks_enrol_code_request *r = a->req;
    int64_t forgotten = 0;
    enum ks_db_error err = forget_in(store, &(struct forget){a->now, &forgotten});
    json_t *rows = NULL;
    if (err == KS_DB_OK)
        err = live_device(store, r->device_id, &rows);
    if (err == KS_DB_OK && json_array_size(rows) > 0)
        err = KS_DB_ERR_CONFLICT;
    json_decref(rows);
    char hash[KS_DEVICE_HASH_HEX + 1];
    ks_device_hash(a->code, hash);
    const char *kind = ks_device_kind_name(r->kind);
    const ks_backend_value row[] = {TEXT(hash),          TEXT(r->store_id),
                                    TEXT(r->device_id),  TEXT(kind),
                                    INT(a->now),         INT(a->now + KS_ENROL_CODE_TTL_S),
                                    TEXT(a->actor->name)};
    int64_t changed = 0;
    if (err == KS_DB_OK)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_ENROL_CODE, row, 7, &changed);
    char after[64];
    snprintf(after, sizeof after, "kind=%s expires_at=%lld", kind,
             (long long)(a->now + KS_ENROL_CODE_TTL_S));
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "device.code", r->store_id,
                                                    r->device_id, "", after, a->now)
                           : err;
}

enum ks_db_error ks_backend_store_add_enrol_code(ks_backend_store *store,
                                                 const ks_enrol_code_request *req, const char *code,
                                                 const ks_backend_actor *actor, int64_t now)
{
    struct code_add args = {req, code, actor, now};
    return ks_backend_in_transaction(store, code_add_in, &args);
}

struct enrol {
    const ks_enrol_request *req;
    const char *token;
    int64_t now;
    ks_backend_kiosk *enrolled;
    enum ks_enrol_result *result;
};

/* After the code was taken: the device stored, or KS_DB_ERR_CONFLICT when a live one has its id. */
static enum ks_db_error enrol_device(ks_backend_store *store, const struct enrol *a, json_t *code)
{
    char hash[KS_DEVICE_HASH_HEX + 1];
    ks_device_hash(a->token, hash);
    const char *store_id = text_of(code, "store_id"), *kind = text_of(code, "kind");
    const char *by = text_of(code, "created_by");
    const ks_backend_value row[] = {
        TEXT(a->req->device_id), TEXT(store_id), TEXT(kind), TEXT(hash), INT(a->now), TEXT(by)};
    int64_t changed = 0;
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_ENROL_DEVICE, row, 6, &changed);
    if (err == KS_DB_OK && changed == 0)
        return KS_DB_ERR_CONFLICT;
    const ks_backend_actor device = {a->req->device_id, "device"};
    char before[KS_AUDIT_SUMMARY_MAX + 1], after[64];
    snprintf(before, sizeof before, "code by %s", by);
    snprintf(after, sizeof after, "kind=%s", kind);
    if (err == KS_DB_OK)
        err = ks_backend_audit_write(store, &device, "device.enrol", store_id, a->req->device_id,
                                     before, after, a->now);
    if (err == KS_DB_OK && a->enrolled) {
        memset(a->enrolled, 0, sizeof *a->enrolled);
        copy_id(a->enrolled->id, a->req->device_id);
        copy_id(a->enrolled->store_id, store_id);
    }
    return err;
}

static enum ks_db_error enrol_in(ks_backend_store *store, void *args)
{
    const struct enrol *a = args;
    char hash[KS_DEVICE_HASH_HEX + 1];
    ks_device_hash(a->req->code, hash);
    const ks_backend_value key[] = {TEXT(hash), TEXT(a->req->device_id), INT(a->now)};
    json_t *rows = NULL;
    /* One statement marks the code used only while it is unused: of two enrolments at once,
     * the second waits for the first's row (PostgreSQL) or its write lock (SQLite), then finds
     * it used. */
    enum ks_db_error err =
        ks_backend_query_once(store, KS_BACKEND_SQL_TAKE_ENROL_CODE, key, 3, &rows);
    json_t *code = json_array_get(rows, 0);
    *a->result = KS_ENROL_DONE;
    if (err == KS_DB_OK && !code) {
        *a->result = KS_ENROL_BAD_CODE;
    } else if (err == KS_DB_OK) {
        err = enrol_device(store, a, code);
        if (err == KS_DB_ERR_CONFLICT)
            *a->result = KS_ENROL_DEVICE_LIVE; /* rolled back: the code stays unused */
    }
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_enrol(ks_backend_store *store, const ks_enrol_request *req,
                                        const char *token, int64_t now, ks_backend_kiosk *enrolled,
                                        enum ks_enrol_result *result)
{
    struct enrol args = {req, token, now, enrolled, result};
    enum ks_db_error err = ks_backend_in_transaction(store, enrol_in, &args);
    return err == KS_DB_ERR_CONFLICT && *result == KS_ENROL_DEVICE_LIVE ? KS_DB_OK : err;
}

enum ks_db_error ks_backend_store_live_device(ks_backend_store *store, const char *device_id,
                                              char *store_id)
{
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(device_id)};
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_LIVE_DEVICE, key, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    if (err == KS_DB_OK && !row)
        err = KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK)
        copy_id(store_id, text_of(row, "store_id"));
    json_decref(rows);
    return err;
}

struct revoke {
    const char *device_id;
    const ks_backend_actor *actor;
    int64_t now;
};

static enum ks_db_error revoke_in(ks_backend_store *store, void *args)
{
    const struct revoke *a = args;
    json_t *rows = NULL;
    enum ks_db_error err = live_device(store, a->device_id, &rows);
    json_t *row = json_array_get(rows, 0);
    char store_id[KS_DEVICE_ID_MAX + 1] = "", before[64] = "";
    if (err == KS_DB_OK && !row)
        err = KS_DB_ERR_NOT_FOUND;
    if (err == KS_DB_OK) {
        copy_id(store_id, text_of(row, "store_id"));
        snprintf(before, sizeof before, "kind=%s live", text_of(row, "kind"));
    }
    json_decref(rows);
    const ks_backend_value change[] = {TEXT(a->device_id), INT(a->now), TEXT(a->actor->name)};
    int64_t changed = 0;
    if (err == KS_DB_OK)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_REVOKE_DEVICE, change, 3, &changed);
    return err == KS_DB_OK ? ks_backend_audit_write(store, a->actor, "device.revoke", store_id,
                                                    a->device_id, before, "revoked", a->now)
                           : err;
}

enum ks_db_error ks_backend_store_revoke_device(ks_backend_store *store, const char *device_id,
                                                const ks_backend_actor *actor, int64_t now)
{
    struct revoke args = {device_id, actor, now};
    return ks_backend_in_transaction(store, revoke_in, &args);
}

enum ks_db_error ks_backend_store_devices(ks_backend_store *store, const char *store_id,
                                          json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_DEVICES, args, 1, rows);
}

enum ks_db_error ks_backend_store_peers(ks_backend_store *store, const char *store_id,
                                        json_t **rows)
{
    const ks_backend_value args[] = {TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_PEERS, args, 1, rows);
}
