/* A refund's lines as JSON: see kiosk/domain/refund_lines_json.h. */
#include "kiosk/domain/refund_lines_json.h"

bool ks_refund_lines_read(ks_json_reader *r, json_t *parent, int32_t max_line_no,
                          ks_refund_pick *out, size_t *n)
{
    static const char *const members[] = {"line_no", "quantity", NULL};
    json_t *lines = NULL;
    if (!ks_json_array(r, parent, "lines", true, 1, KS_REFUND_LINES_MAX, &lines) ||
        !ks_json_enter_key(r, "lines"))
        return false;
    for (size_t i = 0; i < json_array_size(lines); i++) {
        json_t *line = json_array_get(lines, i);
        int32_t line_no = 0, quantity = 0;
        if (!ks_json_enter_index(r, i) || !ks_json_object(r, line, NULL, members) ||
            !ks_json_i32(r, line, "line_no", true, 0, max_line_no, &line_no))
            return false;
        if (i > 0 && line_no <= out[i - 1].line_no)
            return ks_json_fail(r, "line_no", "line numbers must ascend, each once");
        if (!ks_json_i32(r, line, "quantity", true, 1, INT32_MAX, &quantity))
            return false;
        ks_json_leave(r);
        out[i] = (ks_refund_pick){.line_no = line_no, .quantity = quantity};
    }
    ks_json_leave(r);
    *n = json_array_size(lines);
    return true;
}
