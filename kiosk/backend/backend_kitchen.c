/* The kitchen event's body and time: see kiosk/backend/backend_kitchen.h. */
#include "kiosk/backend/backend_kitchen.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/domain/order_json.h"

/* Where a refusal is, for the error body. */
struct where {
    char *path;
    size_t cap;
};

static bool fail(const char **reason, const struct where *at, const char *why, const char *path)
{
    *reason = why;
    snprintf(at->path, at->cap, "%s", path);
    return false;
}

/* ev from the checked members of root, a JSON object. */
static bool read_event(json_t *root, ks_backend_kitchen_event *ev, const char **reason,
                       const struct where *path)
{
    const char *key;
    json_t *value;
    json_object_foreach (root, key, value) {
        if (strcmp(key, "status") && strcmp(key, "at") && strcmp(key, "station"))
            return fail(reason, path, "unknown member", key);
    }
    const char *status = json_string_value(json_object_get(root, "status"));
    enum ks_order_status parsed;
    if (!status || !ks_order_status_parse(status, &parsed) ||
        (parsed != KS_ORDER_IN_PREPARATION && parsed != KS_ORDER_READY &&
         parsed != KS_ORDER_COLLECTED))
        return fail(reason, path, "expected in_preparation, ready or collected", "status");
    json_t *at = json_object_get(root, "at");
    if (!json_is_integer(at) || json_integer_value(at) < 0 ||
        json_integer_value(at) > KS_ORDER_MAX_TIME)
        return fail(reason, path, "expected Unix seconds from 0 to year 9999", "at");
    json_t *station = json_object_get(root, "station");
    if (station && parsed != KS_ORDER_READY)
        return fail(reason, path, "only a ready status names a station", "station");
    if (station && !ks_station_name_ok(json_string_value(station)))
        return fail(reason, path,
                    "expected a station name: 1-32 bytes without control characters, no space "
                    "first or last",
                    "station");
    ev->status = parsed;
    ev->at = json_integer_value(at);
    const char *name = station ? json_string_value(station) : "";
    memcpy(ev->station, name, strlen(name) + 1);
    return true;
}

bool ks_backend_kitchen_parse(const char *body, size_t len, ks_backend_kitchen_event *ev,
                              const char **reason, char *path, size_t cap)
{
    const struct where at = {path, cap};
    json_t *root = body ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    bool ok = json_is_object(root) ? read_event(root, ev, reason, &at)
                                   : fail(reason, &at, "expected a JSON object", "");
    json_decref(root);
    return ok;
}

bool ks_backend_kitchen_time_ok(int64_t at, int64_t paid_at, int64_t now, const char **reason)
{
    if (at < paid_at - KS_BACKEND_KITCHEN_SKEW_S)
        *reason = "earlier than the order was paid";
    else if (at > now + KS_BACKEND_KITCHEN_SKEW_S)
        *reason = "later than now";
    else if (at > paid_at + KS_BACKEND_KITCHEN_SPAN_S)
        *reason = "more than a day after the order was paid";
    else
        return true;
    return false;
}
