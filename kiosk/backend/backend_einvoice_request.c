/* A kiosk's copy of a signed e-invoice, the body: see kiosk/backend/backend_einvoice_request.h. */
#include "kiosk/backend/backend_einvoice_request.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static bool read_copy(ks_json_reader *r, json_t *root, void *into)
{
    ks_einvoice_copy_request *out = into;
    static const char *const members[] = {"store_id", "order_uuid", "xml", NULL};
    const char *xml = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_body_id(r, root, "store_id", KS_BACKEND_ID_MAX, out->store_id) ||
        !ks_json_uuid(r, root, "order_uuid", true, out->order_uuid) ||
        !ks_json_string(r, root, "xml", true, 1, KS_EINVOICE_XML_MAX, KS_JSON_ANY, &xml))
        return false;
    /* The last step, so that a refusal never leaves the copy behind. */
    out->xml_len = strlen(xml);
    out->xml = strdup(xml);
    return out->xml != NULL;
}

bool ks_einvoice_copy_request_parse(const char *body, size_t len, ks_einvoice_copy_request *out,
                                    ks_json_error *why)
{
    return ks_body_read(body, len, read_copy, out, sizeof *out, why);
}

void ks_einvoice_copy_request_clear(ks_einvoice_copy_request *request)
{
    if (!request)
        return;
    free(request->xml);
    memset(request, 0, sizeof *request);
}
