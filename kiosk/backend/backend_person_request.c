/* The bodies of POST /v1/people and /v1/session/password: see backend_person_request.h. */
#include "kiosk/backend/backend_person_request.h"

#include <string.h>

#include "kiosk/backend/backend_body.h"
#include "kiosk/domain/order.h"

/* 1-32 store ids, each once, into stores (n in *n); required or not. */
static bool read_store_ids(ks_json_reader *r, json_t *root, bool required,
                           char stores[][KS_BACKEND_ID_MAX + 1], size_t *n)
{
    json_t *list = NULL;
    if (!ks_json_array(r, root, "stores", required, 1, KS_BACKEND_MAX_STORES, &list))
        return false;
    if (list && !ks_body_store_ids(r, "stores", list, stores))
        return false;
    *n = json_array_size(list);
    return true;
}

/* The stores member: a store manager's or staff's 1-32 store ids, each once; nobody else's. */
static bool read_stores(ks_json_reader *r, json_t *root, ks_backend_person *p)
{
    json_t *stores = NULL;
    bool manager = ks_backend_role_has_stores(p->role);
    if (manager)
        return read_store_ids(r, root, true, p->stores, &p->n_stores);
    if (!ks_json_array(r, root, "stores", false, 0, KS_BACKEND_MAX_STORES, &stores))
        return false;
    if (json_array_size(stores) > 0)
        return ks_json_fail(r, "stores", "only a store manager or staff has stores");
    if (!stores)
        return true;
    if (!ks_body_store_ids(r, "stores", stores, p->stores))
        return false;
    p->n_stores = json_array_size(stores);
    return true;
}

/* A password member of min..KS_PASSWORD_MAX bytes (no NUL) copied into out, its length in *len. */
static bool read_password(ks_json_reader *r, json_t *root, const char *key, size_t min, char *out,
                          size_t *len)
{
    const char *text = NULL;
    if (!ks_json_string(r, root, key, true, min, KS_PASSWORD_MAX, KS_JSON_ANY, &text))
        return false;
    *len = strlen(text);
    memcpy(out, text, *len + 1);
    return true;
}

/* The role member, and the stores that go with it. */
static bool read_role(ks_json_reader *r, json_t *root, ks_backend_person *p)
{
    const char *role = NULL;
    if (!ks_json_string(r, root, "role", true, 1, 32, KS_JSON_PRINTABLE, &role))
        return false;
    if (!ks_backend_role_parse(role, &p->role))
        return ks_json_fail(r, "role",
                            "must be \"head-office\", \"store-manager\", \"auditor\" or \"staff\"");
    return read_stores(r, root, p);
}

static bool read_person(ks_json_reader *r, json_t *root, void *into)
{
    ks_person_request *out = into;
    static const char *const members[] = {"name", "role", "stores", "password", NULL};
    bool ok = ks_json_object(r, root, NULL, members) &&
              ks_json_copy(r, root, "name", true, 1, sizeof out->person.name, KS_JSON_PRINTABLE,
                           out->person.name);
    if (ok && !ks_person_name_ok(out->person.name))
        return ks_json_fail(r, "name", "must be 1-64 of a-z 0-9 . _ @ -");
    if (!ok || !read_role(r, root, &out->person))
        return false;
    /* Staff never sign in to the back office: they have no password to give. */
    if (out->person.role == KS_ROLE_STAFF)
        return !json_object_get(root, "password") ||
               ks_json_fail(r, "password", "staff have no back-office password");
    return read_password(r, root, "password", KS_PASSWORD_MIN, out->password, &out->password_len);
}

bool ks_person_request_parse(const char *body, size_t len, ks_person_request *out,
                             ks_json_error *why)
{
    return ks_body_read(body, len, read_person, out, sizeof *out, why);
}

static bool read_change(ks_json_reader *r, json_t *root, void *into)
{
    ks_password_change *out = into;
    static const char *const members[] = {"password", "new_password", NULL};
    return ks_json_object(r, root, NULL, members) &&
           read_password(r, root, "password", 1, out->password, &out->password_len) &&
           read_password(r, root, "new_password", KS_PASSWORD_MIN, out->new_password,
                         &out->new_len);
}

bool ks_password_change_parse(const char *body, size_t len, ks_password_change *out,
                              ks_json_error *why)
{
    return ks_body_read(body, len, read_change, out, sizeof *out, why);
}

static bool read_role_change(ks_json_reader *r, json_t *root, void *into)
{
    static const char *const members[] = {"role", "stores", NULL};
    return ks_json_object(r, root, NULL, members) && read_role(r, root, into);
}

bool ks_person_change_parse(const char *body, size_t len, ks_backend_person *out,
                            ks_json_error *why)
{
    return ks_body_read(body, len, read_role_change, out, sizeof *out, why);
}

static bool read_reset(ks_json_reader *r, json_t *root, void *into)
{
    ks_password_reset *out = into;
    static const char *const members[] = {"password", NULL};
    return ks_json_object(r, root, NULL, members) &&
           read_password(r, root, "password", KS_PASSWORD_MIN, out->password, &out->password_len);
}

bool ks_password_reset_parse(const char *body, size_t len, ks_password_reset *out,
                             ks_json_error *why)
{
    return ks_body_read(body, len, read_reset, out, sizeof *out, why);
}

static bool read_kiosk_pin(ks_json_reader *r, json_t *root, void *into)
{
    ks_kiosk_pin_request *out = into;
    static const char *const members[] = {"pin", "stores", NULL};
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_copy(r, root, "pin", true, KS_KIOSK_PIN_MIN, sizeof out->pin, KS_JSON_PRINTABLE,
                      out->pin))
        return false;
    for (const char *c = out->pin; *c; c++)
        if (*c < '0' || *c > '9')
            return ks_json_fail(r, "pin", "must be 4-8 digits");
    return read_store_ids(r, root, false, out->stores, &out->n_stores);
}

bool ks_kiosk_pin_request_parse(const char *body, size_t len, ks_kiosk_pin_request *out,
                                ks_json_error *why)
{
    return ks_body_read(body, len, read_kiosk_pin, out, sizeof *out, why);
}
