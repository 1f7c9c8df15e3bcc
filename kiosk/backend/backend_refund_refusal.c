/* The refusal's body: see kiosk/backend/backend_refund_refusal.h. */
#include "kiosk/backend/backend_refund_refusal.h"

#include "kiosk/backend/backend_body.h"

#include <jansson.h>

static bool read_refusal(ks_json_reader *r, json_t *root, void *into)
{
    ks_backend_refund_refusal *out = into;
    static const char *const members[] = {"reason", NULL};
    return ks_json_object(r, root, NULL, members) &&
           ks_json_copy(r, root, "reason", true, 1, sizeof out->reason, KS_JSON_TEXT, out->reason);
}

bool ks_backend_refund_refusal_parse(const char *body, size_t len, ks_backend_refund_refusal *out,
                                     ks_json_error *why)
{
    return ks_body_read(body, len, read_refusal, out, sizeof *out, why);
}
