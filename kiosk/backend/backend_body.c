/* Reading a JSON request body strictly: see kiosk/backend/backend_body.h. */
#include "kiosk/backend/backend_body.h"

#include "kiosk/common/uuid.h"

#include <stdio.h>
#include <string.h>

bool ks_body_fail(const ks_body_reader *r, const char *why, const char *path)
{
    *r->reason = why;
    snprintf(r->path, r->cap, "%s", path);
    return false;
}

bool ks_body_members_ok(const ks_body_reader *r, json_t *object, const char *const *names, size_t n,
                        const char *prefix)
{
    const char *key;
    json_t *value;
    json_object_foreach (object, key, value) {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(key, names[i]) == 0;
        if (!known) {
            char where[160];
            snprintf(where, sizeof where, "%s%.100s", prefix, key);
            return ks_body_fail(r, "unknown member", where);
        }
    }
    return true;
}

bool ks_body_element(const ks_body_reader *r, json_t *element, const char *array, size_t i,
                     const char *const *names, size_t n, char *prefix, size_t cap)
{
    if (!json_is_object(element)) {
        char where[96];
        snprintf(where, sizeof where, "%s[%zu]", array, i);
        return ks_body_fail(r, "expected an object", where);
    }
    snprintf(prefix, cap, "%s[%zu].", array, i);
    return ks_body_members_ok(r, element, names, n, prefix);
}

bool ks_body_integer(json_t *object, const char *name, int64_t min, int64_t max, int64_t *out)
{
    json_t *v = json_object_get(object, name);
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return false;
    *out = json_integer_value(v);
    return true;
}

bool ks_body_uuid(json_t *object, const char *name, char out[37])
{
    const char *text = json_string_value(json_object_get(object, name));
    if (!ks_uuid_ok(text))
        return false;
    memcpy(out, text, KS_UUID_LEN + 1);
    return true;
}

bool ks_body_text(json_t *object, const char *name, size_t max, char *out)
{
    const char *text = json_string_value(json_object_get(object, name));
    size_t n = text ? strlen(text) : 0;
    /* json_string_length differs from strlen when the text holds a NUL. */
    if (n == 0 || n > max || n != json_string_length(json_object_get(object, name)))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return false;
    memcpy(out, text, n + 1);
    return true;
}

bool ks_body_read(const char *body, size_t len, const ks_body_reader *r,
                  bool (*read)(const ks_body_reader *r, json_t *object, void *out), void *out,
                  size_t size)
{
    memset(out, 0, size);
    json_t *root = body ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    bool ok =
        json_is_object(root) ? read(r, root, out) : ks_body_fail(r, "expected a JSON object", "");
    json_decref(root);
    if (!ok)
        memset(out, 0, size);
    return ok;
}
