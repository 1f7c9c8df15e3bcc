/* The stores' and devices' request bodies: see kiosk/backend/backend_device_request.h. */
#include "kiosk/backend/backend_device_request.h"

#include <jansson.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static const char *const kind_names[] = {[KS_DEVICE_KIOSK] = "kiosk",
                                         [KS_DEVICE_KITCHEN] = "kitchen",
                                         [KS_DEVICE_CHANNEL] = "channel",
                                         [KS_DEVICE_ATTENDANT] = "attendant"};

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

static bool read_store(ks_json_reader *r, json_t *root, void *into)
{
    ks_store_request *out = into;
    static const char *const members[] = {"store_id", "name_ar", "name_en", "menu", NULL};
    return ks_json_object(r, root, NULL, members) &&
           ks_body_id(r, root, "store_id", KS_DEVICE_ID_MAX, out->store_id) &&
           ks_json_copy(r, root, "name_ar", true, 1, sizeof out->name_ar, KS_JSON_TEXT,
                        out->name_ar) &&
           ks_json_copy(r, root, "name_en", true, 1, sizeof out->name_en, KS_JSON_TEXT,
                        out->name_en) &&
           (!json_object_get(root, "menu") ||
            ks_body_id(r, root, "menu", KS_DEVICE_ID_MAX, out->menu_store));
}

static bool read_enrol_code(ks_json_reader *r, json_t *root, void *into)
{
    ks_enrol_code_request *out = into;
    static const char *const members[] = {"store_id", "device_id", "kind", NULL};
    int kind = 0;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_body_id(r, root, "store_id", KS_DEVICE_ID_MAX, out->store_id) ||
        !ks_body_id(r, root, "device_id", KS_DEVICE_ID_MAX, out->device_id) ||
        !ks_json_enum(r, root, "kind", true, kind_names, sizeof kind_names / sizeof kind_names[0],
                      &kind))
        return false;
    out->kind = (enum ks_device_kind)kind;
    return true;
}

static bool read_enrol(ks_json_reader *r, json_t *root, void *into)
{
    ks_enrol_request *out = into;
    static const char *const members[] = {"code", "device_id", NULL};
    const char *code = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_string(r, root, "code", true, 1, 32, KS_JSON_PRINTABLE, &code))
        return false;
    if (!ks_enrol_code_normalise(code, out->code))
        return ks_json_fail(r, "code", "must be a code of 10 letters and digits");
    return ks_body_id(r, root, "device_id", KS_DEVICE_ID_MAX, out->device_id);
}

bool ks_store_request_parse(const char *body, size_t len, ks_store_request *out, ks_json_error *why)
{
    return ks_body_read(body, len, read_store, out, sizeof *out, why);
}

bool ks_enrol_code_request_parse(const char *body, size_t len, ks_enrol_code_request *out,
                                 ks_json_error *why)
{
    return ks_body_read(body, len, read_enrol_code, out, sizeof *out, why);
}

bool ks_enrol_request_parse(const char *body, size_t len, ks_enrol_request *out, ks_json_error *why)
{
    return ks_body_read(body, len, read_enrol, out, sizeof *out, why);
}
