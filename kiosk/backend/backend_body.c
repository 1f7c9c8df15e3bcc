/* The frame of the backend's JSON request bodies: see kiosk/backend/backend_body.h. */
#include "kiosk/backend/backend_body.h"

#include <string.h>

bool ks_body_read(const char *body, size_t len,
                  bool (*read)(ks_json_reader *r, json_t *object, void *out), void *out,
                  size_t size, ks_json_error *why)
{
    ks_json_reader r;
    ks_json_reader_init(&r);
    memset(out, 0, size);
    json_t *root = NULL;
    bool ok = ks_json_load(&r, body, len, len, &root) && ks_json_object(&r, root, NULL, NULL) &&
              read(&r, root, out);
    json_decref(root);
    if (!ok)
        memset(out, 0, size);
    *why = r.error;
    return ok;
}

bool ks_body_id(ks_json_reader *r, json_t *obj, const char *key, size_t max, char *out)
{
    return ks_json_copy(r, obj, key, true, 1, max + 1, KS_JSON_ID, out);
}

bool ks_body_item_once(ks_json_reader *r, json_t *obj, size_t max, char *ids, size_t stride,
                       size_t i, const char *why)
{
    char *id = ids + i * stride;
    if (!ks_body_id(r, obj, "item_id", max, id))
        return false;
    for (size_t k = 0; k < i; k++)
        if (strcmp(id, ids + k * stride) == 0)
            return ks_json_fail(r, "item_id", "%s", why);
    return true;
}

bool ks_body_enter_entry(ks_json_reader *r, json_t *entry, const char *key, size_t i,
                         const char *const *allowed)
{
    return ks_json_enter_key(r, key) && ks_json_enter_index(r, i) &&
           ks_json_object(r, entry, NULL, allowed);
}

bool ks_body_store_ids(ks_json_reader *r, const char *key, json_t *stores,
                       char (*ids)[KS_DEVICE_ID_MAX + 1])
{
    if (!ks_json_enter_key(r, key))
        return false;
    for (size_t i = 0; i < json_array_size(stores); i++) {
        char *id = ids[i];
        if (!ks_json_enter_index(r, i) || !ks_json_copy(r, json_array_get(stores, i), NULL, true, 1,
                                                        KS_DEVICE_ID_MAX + 1, KS_JSON_ID, id))
            return false;
        if (!ks_device_id_ok(id))
            return ks_json_fail(r, NULL, "is not a store id");
        for (size_t j = 0; j < i; j++)
            if (strcmp(ids[j], id) == 0)
                return ks_json_fail(r, NULL, "names a store twice");
        ks_json_leave(r);
    }
    ks_json_leave(r);
    return true;
}
