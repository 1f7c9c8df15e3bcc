/* The people's kiosk PINs: see kiosk/backend/backend_kiosk_pin.h. */
#define LOG_TAG "backend_kiosk_pin"
#include "kiosk/backend/backend_kiosk_pin.h"

#include <string.h>

#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"
#include "kiosk/common/staff_secret.h"

struct set_pin {
    const char *name, *pin;
    const char (*stores)[KS_BACKEND_ID_MAX + 1];
    size_t n;
    int64_t now;
    const ks_backend_actor *actor;
    char *clash; /* may be NULL */
};

/* The PIN's hash at store_id, with the salt of a PIN already there (none: a fresh one). */
static enum ks_db_error hash_at(ks_backend_store *store, const char *store_id, const char *pin,
                                char out[KS_STAFF_SECRET_MAX + 1])
{
    const ks_backend_value key[] = {KS_BV_TEXT(store_id)};
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_PIN_SALT, key, 1, &rows);
    const char *like = json_string_value(json_object_get(json_array_get(rows, 0), "pin_hash"));
    if (err == KS_DB_OK && !ks_staff_secret_hash_with(pin, KS_KIOSK_PIN_ITERATIONS, like, out))
        err = KS_DB_ERR_NO_MEMORY;
    json_decref(rows);
    return err;
}

static enum ks_db_error set_pin_in(ks_backend_store *store, void *args)
{
    const struct set_pin *a = args;
    ks_backend_person p;
    enum ks_db_error err = ks_backend_store_person(store, a->name, &p, NULL);
    for (size_t i = 0; err == KS_DB_OK && i < a->n; i++)
        if (!ks_device_id_ok(a->stores[i]) ||
            (ks_backend_role_has_stores(p.role) && !ks_backend_person_has_store(&p, a->stores[i])))
            err = KS_DB_ERR_INVALID;
    for (size_t i = 0; err == KS_DB_OK && i < a->n; i++) {
        char hash[KS_STAFF_SECRET_MAX + 1];
        int64_t changed;
        const ks_backend_value key[] = {KS_BV_TEXT(a->name), KS_BV_TEXT(a->stores[i])};
        const ks_backend_value row[] = {KS_BV_TEXT(a->name), KS_BV_TEXT(a->stores[i]),
                                        KS_BV_TEXT(hash), KS_BV_INT(a->now)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_PIN, key, 2, &changed);
        if (err == KS_DB_OK)
            err = hash_at(store, a->stores[i], a->pin, hash);
        if (err == KS_DB_OK)
            err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_PIN, row, 4, &changed);
        if (err == KS_DB_ERR_CONSTRAINT && a->clash)
            memcpy(a->clash, a->stores[i], strlen(a->stores[i]) + 1);
        if (err == KS_DB_OK)
            err = ks_backend_audit_write(store, a->actor, "person.kiosk_pin", a->stores[i], a->name,
                                         "", "kiosk PIN set", a->now);
    }
    return err;
}

enum ks_db_error ks_backend_store_set_kiosk_pin(ks_backend_store *store, const char *name,
                                                const char *pin,
                                                const char (*stores)[KS_BACKEND_ID_MAX + 1],
                                                size_t n, int64_t now,
                                                const ks_backend_actor *actor, char *clash)
{
    size_t len = pin ? strlen(pin) : 0;
    bool digits = len >= KS_KIOSK_PIN_MIN && len <= KS_KIOSK_PIN_MAX;
    for (size_t i = 0; digits && i < len; i++)
        digits = pin[i] >= '0' && pin[i] <= '9';
    if (!ks_person_name_ok(name) || !digits || n == 0 || n > KS_BACKEND_MAX_STORES)
        return KS_DB_ERR_INVALID;
    struct set_pin args = {name, pin, stores, n, now, actor, clash};
    return ks_backend_in_transaction(store, set_pin_in, &args);
}

struct clear_pins {
    const char *name;
    const ks_backend_person *by;
    const char *store_id; /* "": every store */
    int64_t now;
    const ks_backend_actor *actor;
    size_t *cleared;
};

static enum ks_db_error clear_pins_in(ks_backend_store *store, void *args)
{
    const struct clear_pins *a = args;
    ks_backend_person p;
    json_t *rows = NULL;
    const ks_backend_value key[] = {KS_BV_TEXT(a->name)};
    enum ks_db_error err = ks_backend_store_person(store, a->name, &p, NULL);
    *a->cleared = 0;
    if (err == KS_DB_OK)
        err = ks_backend_query_once(store, KS_BACKEND_SQL_PERSON_PINS, key, 1, &rows);
    size_t i;
    json_t *row;
    json_array_foreach (err == KS_DB_OK ? rows : NULL, i, row) {
        const char *at = json_string_value(json_object_get(row, "store_id"));
        if (!at || (a->store_id[0] && strcmp(at, a->store_id) != 0) ||
            (a->by && !ks_backend_person_has_store(a->by, at)))
            continue;
        int64_t changed = 0;
        const ks_backend_value pin[] = {KS_BV_TEXT(a->name), KS_BV_TEXT(at)};
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_DELETE_PIN, pin, 2, &changed);
        if (err == KS_DB_OK)
            err = ks_backend_audit_write(store, a->actor, "person.kiosk_pin_clear", at, a->name,
                                         "kiosk PIN set", "kiosk PIN removed", a->now);
        if (err != KS_DB_OK)
            break;
        *a->cleared += 1;
    }
    json_decref(rows);
    return err;
}

enum ks_db_error ks_backend_store_clear_kiosk_pins(ks_backend_store *store, const char *name,
                                                   const ks_backend_person *by,
                                                   const char *store_id, int64_t now,
                                                   const ks_backend_actor *actor, size_t *cleared)
{
    size_t none;
    if (!cleared)
        cleared = &none;
    *cleared = 0;
    if (!ks_person_name_ok(name))
        return KS_DB_ERR_INVALID;
    struct clear_pins args = {name, by, store_id ? store_id : "", now, actor, cleared};
    return ks_backend_in_transaction(store, clear_pins_in, &args);
}

enum ks_db_error ks_backend_store_staff_pins(ks_backend_store *store, const char *store_id,
                                             json_t **out)
{
    *out = NULL;
    if (!ks_device_id_ok(store_id))
        return KS_DB_ERR_INVALID;
    const ks_backend_value key[] = {KS_BV_TEXT(store_id)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_STAFF_PINS, key, 1, out);
}
