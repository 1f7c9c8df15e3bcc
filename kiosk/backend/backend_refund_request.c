/* The refund request's body: see kiosk/backend/backend_refund_request.h. */
#include "kiosk/backend/backend_refund_request.h"

#include "kiosk/backend/backend_body.h"

#include <jansson.h>
#include <stdint.h>

static bool read_lines(ks_json_reader *r, json_t *root, ks_backend_refund_request *out)
{
    static const char *const members[] = {"line_no", "quantity", NULL};
    json_t *lines = NULL;
    if (!ks_json_array(r, root, "lines", true, 1, KS_REFUND_LINES_MAX, &lines))
        return false;
    int64_t seen_max = -1;
    for (size_t i = 0; i < json_array_size(lines); i++) {
        json_t *line = json_array_get(lines, i);
        int64_t line_no = 0, quantity = 0;
        if (!ks_body_enter_entry(r, line, "lines", i, members) ||
            !ks_json_int(r, line, "line_no", true, 0, KS_REFUND_LINES_MAX * 1000, &line_no))
            return false;
        if (line_no <= seen_max)
            return ks_json_fail(r, "line_no", "line numbers must ascend, each once");
        if (!ks_json_int(r, line, "quantity", true, 1, INT32_MAX, &quantity))
            return false;
        ks_json_leave(r);
        ks_json_leave(r);
        seen_max = line_no;
        out->lines[i] =
            (ks_refund_pick){.line_no = (int32_t)line_no, .quantity = (int32_t)quantity};
    }
    out->n_lines = json_array_size(lines);
    return true;
}

static bool read_request(ks_json_reader *r, json_t *root, void *into)
{
    ks_backend_refund_request *out = into;
    static const char *const members[] = {"request_id", "order_uuid", "reason", "lines", NULL};
    return ks_json_object(r, root, NULL, members) &&
           ks_json_uuid(r, root, "request_id", true, out->request_id) &&
           ks_json_uuid(r, root, "order_uuid", true, out->order_uuid) &&
           ks_json_copy(r, root, "reason", true, 1, sizeof out->reason, KS_JSON_TEXT,
                        out->reason) &&
           read_lines(r, root, out);
}

bool ks_backend_refund_request_parse(const char *body, size_t len, ks_backend_refund_request *out,
                                     ks_json_error *why)
{
    return ks_body_read(body, len, read_request, out, sizeof *out, why);
}
