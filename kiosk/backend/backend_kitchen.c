/* The kitchen event's body and time: see kiosk/backend/backend_kitchen.h. */
#include "kiosk/backend/backend_kitchen.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"
#include "kiosk/domain/order_json.h"

/* ev from the checked members of root, a JSON object. */
static bool read_event(ks_json_reader *r, json_t *root, void *into)
{
    ks_backend_kitchen_event *ev = into;
    static const char *const members[] = {"status", "at", "station", NULL};
    /* The statuses the kitchen reports; the others are the kiosk's own. */
    static const char *const statuses[] = {[KS_ORDER_IN_PREPARATION] = "in_preparation",
                                           [KS_ORDER_READY] = "ready",
                                           [KS_ORDER_COLLECTED] = "collected"};
    int status = 0;
    const char *station = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_enum(r, root, "status", true, statuses, sizeof statuses / sizeof statuses[0],
                      &status) ||
        !ks_json_int(r, root, "at", true, 0, KS_ORDER_MAX_TIME, &ev->at) ||
        !ks_json_string(r, root, "station", false, 1, KS_STATION_NAME_MAX, KS_JSON_TEXT, &station))
        return false;
    ev->status = (enum ks_order_status)status;
    if (station && ev->status != KS_ORDER_READY)
        return ks_json_fail(r, "station", "only a ready status names a station");
    if (station && !ks_station_name_ok(station))
        return ks_json_fail(r, "station", "must not start or end with a space");
    memcpy(ev->station, station ? station : "", strlen(station ? station : "") + 1);
    return true;
}

bool ks_backend_kitchen_parse(const char *body, size_t len, ks_backend_kitchen_event *ev,
                              ks_json_error *why)
{
    /* ev's uuid, set by the caller from the path, is kept. */
    char uuid[sizeof ev->uuid];
    memcpy(uuid, ev->uuid, sizeof uuid);
    bool ok = ks_body_read(body, len, read_event, ev, sizeof *ev, why);
    memcpy(ev->uuid, uuid, sizeof uuid);
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
