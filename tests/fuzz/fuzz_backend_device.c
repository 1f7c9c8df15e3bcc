/*
 * Fuzz target: arbitrary bytes as the body of the stores' and devices'
 * requests (backend_device_request.h): the first byte picks the parser
 * (0 a store, 1 an enrolment code's request, 2 an enrolment, which comes
 * from anyone on the network), the rest is the body. A refusal always says
 * why and leaves nothing half read; an accepted request holds only what the
 * contract allows (ids, names of 1-128 bytes, a kind, a normalised code of
 * the alphabet), and written back as JSON it reads again to exactly the
 * same request.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_device_request.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every request's room: the largest of the three. */
union request {
    ks_store_request store;
    ks_enrol_code_request code;
    ks_enrol_request enrol;
};

static bool name_ok(const char *name)
{
    size_t len = strlen(name);
    return len >= 1 && len <= KS_STORE_NAME_MAX;
}

/* What an accepted request of parser which promises. */
static bool request_ok(int which, const union request *r)
{
    char code[KS_ENROL_CODE_LEN + 1];
    switch (which) {
    case 0:
        return ks_device_id_ok(r->store.store_id) && name_ok(r->store.name_ar) &&
               name_ok(r->store.name_en) &&
               (!r->store.menu_store[0] || ks_device_id_ok(r->store.menu_store));
    case 1:
        return ks_device_id_ok(r->code.store_id) && ks_device_id_ok(r->code.device_id) &&
               (r->code.kind == KS_DEVICE_KIOSK || r->code.kind == KS_DEVICE_KITCHEN ||
                r->code.kind == KS_DEVICE_CHANNEL || r->code.kind == KS_DEVICE_ATTENDANT);
    default:
        return ks_device_id_ok(r->enrol.device_id) &&
               ks_enrol_code_normalise(r->enrol.code, code) && strcmp(code, r->enrol.code) == 0;
    }
}

static bool parse(int which, const char *body, size_t len, union request *out, ks_json_error *why)
{
    switch (which) {
    case 0:
        return ks_store_request_parse(body, len, &out->store, why);
    case 1:
        return ks_enrol_code_request_parse(body, len, &out->code, why);
    default:
        return ks_enrol_request_parse(body, len, &out->enrol, why);
    }
}

/* r (accepted by parser which) written back as its body. */
static json_t *body_of(int which, const union request *r)
{
    switch (which) {
    case 0: {
        json_t *root = json_pack("{s:s, s:s, s:s}", "store_id", r->store.store_id, "name_ar",
                                 r->store.name_ar, "name_en", r->store.name_en);
        if (root && r->store.menu_store[0])
            json_object_set_new(root, "menu", json_string(r->store.menu_store));
        return root;
    }
    case 1:
        return json_pack("{s:s, s:s, s:s}", "store_id", r->code.store_id, "device_id",
                         r->code.device_id, "kind", ks_device_kind_name(r->code.kind));
    default:
        return json_pack("{s:s, s:s}", "code", r->enrol.code, "device_id", r->enrol.device_id);
    }
}

/* True when r written as a body reads back to r itself. */
static bool round_trip(int which, const union request *r)
{
    json_t *root = body_of(which, r);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    union request *again = calloc(1, sizeof *again);
    ks_json_error why;
    /* Out of memory proves nothing either way. */
    bool same = !text || !again ||
                (parse(which, text, strlen(text), again, &why) && memcmp(again, r, sizeof *r) == 0);
    free(again);
    free(text);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int which = data[0] % 3;
    /* An exact-size copy, so that a read past the body is caught. */
    char *body = malloc(size - 1 ? size - 1 : 1);
    union request *r = calloc(1, sizeof *r);
    if (!body || !r) {
        free(body);
        free(r);
        return 0;
    }
    memcpy(body, data + 1, size - 1);
    ks_json_error why = FUZZ_WHY_UNSET;
    /* A store request is parsed into a zeroed union: the other members' bytes stay zero. */
    bool accepted = parse(which, body, size - 1, r, &why);
    size_t out_size = which == 0 ? sizeof r->store : which == 1 ? sizeof r->code : sizeof r->enrol;
    if (!fuzz_answer_ok(accepted, &why, r, out_size) ||
        (accepted && (!request_ok(which, r) || !round_trip(which, r))))
        __builtin_trap();
    free(body);
    free(r);
    return 0;
}
