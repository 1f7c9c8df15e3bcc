/* The refund request's body: see kiosk/backend/backend_refund_request.h. */
#include "kiosk/backend/backend_refund_request.h"

#include "kiosk/backend/backend_body.h"

#include <jansson.h>
#include <stdint.h>

#include "kiosk/domain/refund_lines_json.h"

static bool read_request(ks_json_reader *r, json_t *root, void *into)
{
    ks_backend_refund_request *out = into;
    static const char *const members[] = {"request_id", "order_uuid", "reason", "lines", NULL};
    return ks_json_object(r, root, NULL, members) &&
           ks_json_uuid(r, root, "request_id", true, out->request_id) &&
           ks_json_uuid(r, root, "order_uuid", true, out->order_uuid) &&
           ks_json_copy(r, root, "reason", true, 1, sizeof out->reason, KS_JSON_TEXT,
                        out->reason) &&
           ks_refund_lines_read(r, root, KS_REFUND_LINES_MAX * 1000, out->lines, &out->n_lines);
}

bool ks_backend_refund_request_parse(const char *body, size_t len, ks_backend_refund_request *out,
                                     ks_json_error *why)
{
    return ks_body_read(body, len, read_request, out, sizeof *out, why);
}
