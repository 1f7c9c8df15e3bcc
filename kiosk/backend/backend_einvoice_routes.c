/* The e-invoice archive's handlers: see kiosk/backend/backend_einvoice_routes.h. */
#define LOG_TAG "backend"
#include "kiosk/backend/backend_einvoice_routes.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_einvoice_request.h"
#include "kiosk/backend/backend_einvoice_store.h"
#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"

#define XML_TYPE "application/xml"

void ks_einvoice_post_copy(const ks_backend_call *c, ks_backend_response *resp)
{
    const ks_backend_kiosk *kiosk = c->kiosk;
    ks_einvoice_copy_request request;
    ks_json_error why;
    if (!ks_einvoice_copy_request_parse(c->req->body, c->req->body_len, &request, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
        return;
    }
    char reason[160];
    ks_einvoice_facts facts;
    if (kiosk->store_id[0] && strcmp(request.store_id, kiosk->store_id) != 0) {
        ks_backend_refuse(resp, 403, "this device serves another store", "store_id");
    } else if (!ks_einvoice_verify_read(request.xml, request.xml_len, &facts, reason,
                                        sizeof reason)) {
        LOG_WARN("e-invoice of order %s from %s refused: %s", request.order_uuid, kiosk->id,
                 reason);
        ks_backend_refuse(resp, 422, reason, "xml");
    } else if (facts.kind == 388 && strcmp(facts.uuid, request.order_uuid) != 0) {
        ks_backend_refuse(resp, 422, "an invoice's uuid is its order's", "order_uuid");
    } else {
        const ks_einvoice_copy copy = {.store_id = request.store_id,
                                       .device_id = kiosk->id,
                                       .order_uuid = request.order_uuid,
                                       .xml = request.xml,
                                       .facts = &facts};
        enum ks_einvoice_archive_result result;
        enum ks_db_error err = ks_backend_store_einvoice_archive(c->store, &copy, c->now, &result);
        if (err != KS_DB_OK) {
            LOG_ERROR("archiving e-invoice %s failed: %s", facts.number, ks_db_strerror(err));
            ks_backend_refuse_db(resp, err);
        } else if (result == KS_EINVOICE_CONFLICT) {
            LOG_WARN("e-invoice %s from %s: another document is archived under uuid %s",
                     facts.number, kiosk->id, facts.uuid);
            ks_backend_refuse(resp, 422, "another document is archived under its uuid", "xml");
        } else {
            bool created = result == KS_EINVOICE_ARCHIVED;
            ks_backend_answer_pack(resp, created ? 201 : 200, "{s:s, s:s, s:I}", "status",
                                   created ? "archived" : "duplicate", "number", facts.number,
                                   "icv", (json_int_t)facts.icv);
        }
    }
    ks_einvoice_copy_request_clear(&request);
}

/* ?store= (required), ?device= (optional) and ?from= ?to= checked; false with 400 answered. */
static bool list_query(const ks_backend_request *req, ks_backend_response *resp)
{
    if (!req->store || !ks_device_id_ok(req->store))
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
    else if (req->device && !ks_device_id_ok(req->device))
        ks_backend_refuse(resp, 400, "expected a device id", "device");
    else if (!ks_business_date_ok(req->from))
        ks_backend_refuse(resp, 400, "expected a date YYYY-MM-DD", "from");
    else if (!ks_business_date_ok(req->to) || strcmp(req->from, req->to) > 0)
        ks_backend_refuse(resp, 400, "expected a date YYYY-MM-DD, not before from", "to");
    else
        return true;
    return false;
}

void ks_einvoice_get_list(const ks_backend_call *c, ks_backend_response *resp)
{
    const ks_backend_request *req = c->req;
    long limit;
    if (!list_query(req, resp) ||
        !ks_backend_limit(req, KS_EINVOICES_DEFAULT, KS_EINVOICES_MAX, &limit, resp))
        return;
    const char *device = req->device ? req->device : "";
    json_t *chains = NULL, *documents = NULL;
    enum ks_db_error err = ks_backend_store_einvoice_chains(c->store, req->store, device, &chains);
    if (err == KS_DB_OK)
        err = ks_backend_store_einvoices(c->store, req->store, device, req->from, req->to, limit,
                                         &documents);
    if (err != KS_DB_OK) {
        json_decref(chains);
        ks_backend_refuse_db(resp, err);
        return;
    }
    ks_backend_answer_pack(resp, 200, "{s:s, s:s, s:s, s:s, s:o, s:o}", "store", req->store,
                           "device", device, "from", req->from, "to", req->to, "chains", chains,
                           "documents", documents);
}

void ks_einvoice_get_xml(const ks_backend_call *c, ks_backend_response *resp)
{
    const ks_backend_request *req = c->req;
    const char *uuid = req->path + strlen(KS_EINVOICES_PREFIX);
    if (!req->store || !ks_device_id_ok(req->store)) {
        ks_backend_refuse(resp, 400, "expected ?store= a store id", "store");
        return;
    }
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_store_einvoice_xml(c->store, req->store, uuid, &rows);
    const char *xml = json_string_value(json_object_get(json_array_get(rows, 0), "xml"));
    if (err != KS_DB_OK)
        ks_backend_refuse_db(resp, err);
    else if (!xml)
        ks_backend_refuse(resp, 404, "no e-invoice of that store has that uuid", "");
    else
        ks_backend_answer(resp, 200, XML_TYPE, strdup(xml));
    json_decref(rows);
}
