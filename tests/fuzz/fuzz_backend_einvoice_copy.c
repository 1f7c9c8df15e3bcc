/*
 * Fuzz target: arbitrary bytes as the body of POST /v1/einvoices
 * (ks_einvoice_copy_request_parse). A refusal always says why and leaves
 * nothing half read or allocated; an accepted copy names its store and
 * order and holds the "xml" member exactly, as jansson reads it, within
 * its bounds.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_einvoice_request.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_einvoice_copy_request copy;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_einvoice_copy_request_parse((const char *)data, size, &copy, &why);
    if (!fuzz_answer_ok(accepted, &why, &copy, sizeof copy))
        __builtin_trap();
    if (!accepted)
        return 0;
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    const char *xml = json_string_value(json_object_get(root, "xml"));
    if (!ks_id_ok(copy.store_id, KS_BACKEND_ID_MAX) || !ks_uuid_ok(copy.order_uuid) || !xml ||
        !copy.xml || copy.xml_len == 0 || copy.xml_len > KS_EINVOICE_XML_MAX ||
        copy.xml_len != strlen(copy.xml) || strcmp(copy.xml, xml) != 0)
        __builtin_trap();
    json_decref(root);
    ks_einvoice_copy_request_clear(&copy);
    return 0;
}
