/* Sessions and login limits in the database: see kiosk/backend/backend_session.h. */
#include "kiosk/backend/backend_session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_store_driver.h"

bool ks_session_hex_ok(const char *text)
{
    if (!text || strlen(text) != KS_SESSION_HEX_LEN)
        return false;
    for (size_t i = 0; i < KS_SESSION_HEX_LEN; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
            return false;
    return true;
}

/* 256 random bits as hex into out[KS_SESSION_HEX_LEN + 1]. */
static bool random_hex(char *out)
{
    unsigned char bytes[KS_SESSION_HEX_LEN / 2];
    if (sodium_init() < 0)
        return false;
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2hex(out, KS_SESSION_HEX_LEN + 1, bytes, sizeof bytes);
    sodium_memzero(bytes, sizeof bytes);
    return true;
}

/* The SHA-256 of id as hex into out[KS_SESSION_HEX_LEN + 1]: what the database keeps. */
static void id_hash(const char *id, char *out)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)id, strlen(id));
    sodium_bin2hex(out, KS_SESSION_HEX_LEN + 1, digest, sizeof digest);
}

enum ks_db_error ks_backend_session_open(ks_backend_store *store, const char *name, int64_t now,
                                         char *id, char *csrf)
{
    char hash[KS_SESSION_HEX_LEN + 1];
    if (!random_hex(id) || !random_hex(csrf))
        return KS_DB_ERR_INTERNAL;
    id_hash(id, hash);
    const ks_backend_value expired[] = {KS_BV_INT(now - KS_SESSION_IDLE_S),
                                        KS_BV_INT(now - KS_SESSION_MAX_S)};
    const ks_backend_value row[] = {KS_BV_TEXT(hash), KS_BV_TEXT(name), KS_BV_TEXT(csrf),
                                    KS_BV_INT(now), KS_BV_INT(now)};
    int64_t changed;
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_EXPIRED_SESSIONS,
                                               expired, 2, &changed);
    if (ks_backend_may_retry(store, err))
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_EXPIRED_SESSIONS, expired, 2,
                                  &changed);
    if (err == KS_DB_OK)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_SESSION, row, 5, &changed);
    return err;
}

enum ks_db_error ks_backend_session_find(ks_backend_store *store, const char *id, int64_t now,
                                         ks_backend_session *out)
{
    memset(out, 0, sizeof *out);
    if (!ks_session_hex_ok(id))
        return KS_DB_ERR_NOT_FOUND;
    char hash[KS_SESSION_HEX_LEN + 1];
    id_hash(id, hash);
    const ks_backend_value key[] = {KS_BV_TEXT(hash)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_SESSION, key, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    const char *name = json_string_value(json_object_get(row, "name"));
    const char *csrf = json_string_value(json_object_get(row, "csrf"));
    out->created_at = json_integer_value(json_object_get(row, "created_at"));
    out->last_seen = json_integer_value(json_object_get(row, "last_seen"));
    bool live = name && strlen(name) <= KS_PERSON_NAME_MAX && ks_session_hex_ok(csrf) &&
                now - out->last_seen <= KS_SESSION_IDLE_S &&
                now - out->created_at <= KS_SESSION_MAX_S;
    int64_t changed;
    if (err == KS_DB_OK && live) {
        memcpy(out->name, name, strlen(name) + 1);
        memcpy(out->csrf, csrf, KS_SESSION_HEX_LEN + 1);
        const ks_backend_value touch[] = {KS_BV_TEXT(hash), KS_BV_INT(now)};
        if (now - out->last_seen >= KS_SESSION_TOUCH_S)
            err =
                store->driver->exec(store->conn, KS_BACKEND_SQL_TOUCH_SESSION, touch, 2, &changed);
    } else if (err == KS_DB_OK) {
        if (row)
            err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_SESSION, key, 1, &changed);
        if (err == KS_DB_OK)
            err = KS_DB_ERR_NOT_FOUND;
    }
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_session_close(ks_backend_store *store, const char *id)
{
    if (!ks_session_hex_ok(id))
        return KS_DB_OK;
    char hash[KS_SESSION_HEX_LEN + 1];
    id_hash(id, hash);
    const ks_backend_value key[] = {KS_BV_TEXT(hash)};
    int64_t changed;
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_SESSION, key, 1, &changed);
    if (ks_backend_may_retry(store, err))
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_SESSION, key, 1, &changed);
    return err;
}

enum ks_db_error ks_backend_session_password(ks_backend_store *store, const char *id,
                                             const char *name, const char *hash,
                                             const ks_backend_actor *actor, int64_t now)
{
    if (!ks_session_hex_ok(id))
        return KS_DB_ERR_INVALID;
    char kept[KS_SESSION_HEX_LEN + 1];
    id_hash(id, kept);
    return ks_backend_store_set_password(store, name, hash, kept, now, actor);
}

int64_t ks_login_wait(int64_t failures, int64_t last, int64_t now)
{
    if (failures < KS_LOGIN_FREE_FAILURES)
        return 0;
    int64_t wait = KS_LOGIN_FIRST_WAIT_S;
    for (int64_t i = KS_LOGIN_FREE_FAILURES; i < failures && wait < KS_LOGIN_WAIT_MAX_S; i++)
        wait *= 2;
    if (wait > KS_LOGIN_WAIT_MAX_S)
        wait = KS_LOGIN_WAIT_MAX_S;
    return last + wait > now ? last + wait - now : 0;
}

/* The failures and last failure of key (0, 0 when it has no row), inside or outside a transaction.
 */
static enum ks_db_error limit_row(ks_backend_store *store, const char *key, int64_t *failures,
                                  int64_t *last)
{
    const ks_backend_value args[] = {KS_BV_TEXT(key)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_rows(store, KS_BACKEND_SQL_LIMIT, args, 1, &rows);
    json_t *row = json_array_get(rows, 0);
    *failures = json_integer_value(json_object_get(row, "failures"));
    *last = json_integer_value(json_object_get(row, "last_failure"));
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_login_wait(ks_backend_store *store, const char *key, int64_t now,
                                       int64_t *wait_s)
{
    int64_t failures = 0, last = 0;
    enum ks_db_error err = limit_row(store, key, &failures, &last);
    *wait_s = err == KS_DB_OK ? ks_login_wait(failures, last, now) : 0;
    return err;
}

struct failure {
    const char *key;
    int64_t now;
};

static enum ks_db_error failed_in(ks_backend_store *store, void *failure)
{
    const char *key = ((const struct failure *)failure)->key;
    int64_t now = ((const struct failure *)failure)->now;
    const ks_backend_value args[] = {KS_BV_TEXT(key)};
    int64_t changed, failures = 0, last = 0;
    enum ks_db_error err =
        store->driver->exec(store->conn, KS_BACKEND_SQL_LIMIT_TRACK, args, 1, &changed);
    if (err == KS_DB_OK)
        err = limit_row(store, key, &failures, &last);
    if (failures > 0 && now - last > KS_LOGIN_FORGET_S + KS_LOGIN_WAIT_MAX_S)
        failures = 0;
    const ks_backend_value row[] = {KS_BV_TEXT(key), KS_BV_INT(failures + 1), KS_BV_INT(now)};
    if (err == KS_DB_OK)
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_LIMIT_SET, row, 3, &changed);
    return err;
}

enum ks_db_error ks_backend_login_failed(ks_backend_store *store, const char *key, int64_t now)
{
    struct failure failure = {key, now};
    return ks_backend_in_transaction(store, failed_in, &failure);
}

enum ks_db_error ks_backend_login_cleared(ks_backend_store *store, const char *key)
{
    const ks_backend_value row[] = {KS_BV_TEXT(key), KS_BV_INT(0), KS_BV_INT(0)};
    int64_t changed;
    return store->driver->exec(store->conn, KS_BACKEND_SQL_LIMIT_SET, row, 3, &changed);
}
