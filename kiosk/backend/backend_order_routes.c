/* One order's page's handlers: see kiosk/backend/backend_order_routes.h. */
#define LOG_TAG "backend"
#include "kiosk/backend/backend_order_routes.h"

#include <string.h>

#include "kiosk/backend/backend_order_view.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order.h"

/* The largest order number a kiosk writes (kiosk/domain/order.h: an int32). */
#define NUMBER_MAX 2147483647L

void ks_order_get_view(const ks_backend_call *c, const char *uuid, ks_backend_response *resp)
{
    json_t *view = NULL;
    enum ks_db_error err = ks_backend_store_order_view(c->store, uuid, &view);
    const char *store_id = json_string_value(json_object_get(view, "store_id"));
    if (err != KS_DB_OK) {
        LOG_ERROR("reading order %s failed: %s", uuid, ks_db_strerror(err));
        ks_backend_refuse_db(resp, err);
    } else if (!store_id || !ks_backend_person_has_store(c->person, store_id)) {
        /* Another store's order to its manager: the same answer as none. */
        ks_backend_refuse(resp, 404, "no order of your stores is stored under that uuid", "");
    } else {
        ks_backend_answer_json(resp, 200, view);
        view = NULL;
    }
    json_decref(view);
}

void ks_order_get_find(const ks_backend_call *c, ks_backend_response *resp)
{
    const ks_backend_request *req = c->req;
    long number;
    if (!req->store || !ks_device_id_ok(req->store)) {
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
        return;
    }
    if (!ks_business_date_ok(req->date)) {
        ks_backend_refuse(resp, 400, "expected a date YYYY-MM-DD", "date");
        return;
    }
    /* Required: absent reads as "", which is no number. */
    if (!ks_backend_whole(req->number ? req->number : "", "number", 0, 1, NUMBER_MAX, &number,
                          resp))
        return;
    json_t *rows = NULL;
    enum ks_db_error err =
        ks_backend_store_order_find(c->store, req->store, req->date, (int64_t)number, &rows);
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return;
    }
    ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:I, s:o}", "store", req->store, "date",
                           req->date, "number", (json_int_t)number, "orders", rows);
}
