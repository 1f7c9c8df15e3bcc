/* The stores' and devices' request bodies: see kiosk/backend/backend_device_request.h. */
#include "kiosk/backend/backend_device_request.h"

#include <jansson.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static const char *const kind_names[] = {
    [KS_DEVICE_KIOSK] = "kiosk", [KS_DEVICE_KITCHEN] = "kitchen"};

const char *ks_device_kind_name(enum ks_device_kind kind)
{
    return (size_t)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "kiosk";
}

bool ks_device_kind_parse(const char *text, enum ks_device_kind *out)
{
    for (size_t i = 0; text && i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(text, kind_names[i]) == 0) {
            *out = (enum ks_device_kind)i;
            return true;
        }
    return false;
}

bool ks_enrol_code_normalise(const char *text, char *out)
{
    size_t n = 0;
    if (!text || strlen(text) > 32)
        return false;
    for (const char *c = text; *c; c++) {
        char up = *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
        if (up == '-' || up == ' ')
            continue;
        if (n == KS_ENROL_CODE_LEN || !up || !strchr(KS_ENROL_CODE_ALPHABET, up))
            return false;
        out[n++] = up;
    }
    out[n] = '\0';
    return n == KS_ENROL_CODE_LEN;
}

/* The member name of root, an id (ks_device_id_ok), into out[KS_DEVICE_ID_MAX + 1]. */
static bool read_id(const ks_body_reader *r, json_t *root, const char *name, char *out)
{
    const char *id = json_string_value(json_object_get(root, name));
    if (!ks_device_id_ok(id))
        return ks_body_fail(r, "expected an id of 1-32 characters a-z 0-9 _ . -", name);
    memcpy(out, id, strlen(id) + 1);
    return true;
}

static bool read_store(const ks_body_reader *r, json_t *root, void *into)
{
    ks_store_request *out = into;
    static const char *const names[] = {"store_id", "name_ar", "name_en", "menu"};
    if (!ks_body_members_ok(r, root, names, sizeof names / sizeof names[0], "") ||
        !read_id(r, root, "store_id", out->store_id))
        return false;
    if (!ks_body_text(root, "name_ar", KS_STORE_NAME_MAX, out->name_ar))
        return ks_body_fail(r, "expected a name of 1-128 bytes", "name_ar");
    if (!ks_body_text(root, "name_en", KS_STORE_NAME_MAX, out->name_en))
        return ks_body_fail(r, "expected a name of 1-128 bytes", "name_en");
    return !json_object_get(root, "menu") || read_id(r, root, "menu", out->menu_store);
}

static bool read_enrol_code(const ks_body_reader *r, json_t *root, void *into)
{
    ks_enrol_code_request *out = into;
    static const char *const names[] = {"store_id", "device_id", "kind"};
    if (!ks_body_members_ok(r, root, names, sizeof names / sizeof names[0], "") ||
        !read_id(r, root, "store_id", out->store_id) ||
        !read_id(r, root, "device_id", out->device_id))
        return false;
    if (!ks_device_kind_parse(json_string_value(json_object_get(root, "kind")), &out->kind))
        return ks_body_fail(r, "expected kiosk or kitchen", "kind");
    return true;
}

static bool read_enrol(const ks_body_reader *r, json_t *root, void *into)
{
    ks_enrol_request *out = into;
    static const char *const names[] = {"code", "device_id"};
    if (!ks_body_members_ok(r, root, names, sizeof names / sizeof names[0], ""))
        return false;
    if (!ks_enrol_code_normalise(json_string_value(json_object_get(root, "code")), out->code))
        return ks_body_fail(r, "expected a code of 10 letters and digits", "code");
    return read_id(r, root, "device_id", out->device_id);
}

bool ks_store_request_parse(const char *body, size_t len, ks_store_request *out,
                            const char **reason, char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_store, out, sizeof *out);
}

bool ks_enrol_code_request_parse(const char *body, size_t len, ks_enrol_code_request *out,
                                 const char **reason, char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_enrol_code, out, sizeof *out);
}

bool ks_enrol_request_parse(const char *body, size_t len, ks_enrol_request *out,
                            const char **reason, char *path, size_t cap)
{
    const ks_body_reader r = {reason, path, cap};
    return ks_body_read(body, len, &r, read_enrol, out, sizeof *out);
}
