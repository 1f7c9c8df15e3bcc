/* Refunds the back office asks for, on the kiosk: see kiosk/app/office_refunds.h. */
#define LOG_TAG "office_refunds"
#include "kiosk/app/office_refunds.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/app/refund_desk.h"
#include "kiosk/common/log.h"
#include "kiosk/common/utf8_cut.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/refund_lines_json.h"

/* One entry of the list: a pending request of this kiosk's order. */
static bool read_request(ks_json_reader *r, json_t *entry, ks_office_refund *out)
{
    static const char *const statuses[] = {"requested"};
    int status = 0;
    return ks_json_object(r, entry, NULL, NULL) &&
           ks_json_uuid(r, entry, "request_id", true, out->request_id) &&
           ks_json_uuid(r, entry, "order_uuid", true, out->order_uuid) &&
           ks_json_copy(r, entry, "reason", true, 1, sizeof out->reason, KS_JSON_TEXT,
                        out->reason) &&
           ks_json_copy(r, entry, "person", true, 0, sizeof out->person, KS_JSON_TEXT,
                        out->person) &&
           ks_json_int(r, entry, "asked_at", true, 0, INT64_MAX / 2, &out->asked_at) &&
           ks_json_enum(r, entry, "status", true, statuses, 1, &status) &&
           ks_refund_lines_read(r, entry, INT32_MAX, out->lines, &out->n_lines);
}

bool ks_office_refunds_parse(const char *body, size_t len, ks_office_refund **out, size_t *n,
                             ks_json_error *why)
{
    *out = NULL;
    *n = 0;
    ks_json_reader r;
    ks_json_reader_init(&r);
    json_t *root = NULL, *list = NULL;
    bool ok = ks_json_load(&r, body, len, KS_OFFICE_REFUNDS_ANSWER_MAX, &root) &&
              ks_json_object(&r, root, NULL, NULL) &&
              ks_json_array(&r, root, "requests", true, 0, KS_OFFICE_REFUNDS_MAX, &list) &&
              ks_json_enter_key(&r, "requests");
    size_t count = ok ? json_array_size(list) : 0;
    ks_office_refund *requests = ok ? calloc(count ? count : 1, sizeof *requests) : NULL;
    if (ok && !requests)
        ok = ks_json_fail(&r, NULL, "out of memory");
    for (size_t i = 0; ok && i < count; i++) {
        ok = ks_json_enter_index(&r, i) && read_request(&r, json_array_get(list, i), &requests[i]);
        ks_json_leave(&r);
    }
    json_decref(root);
    if (why)
        *why = r.error;
    if (!ok) {
        free(requests);
        return false;
    }
    *out = requests;
    *n = count;
    return true;
}

/* Records the refund of open request row, or refuses the request. */
static void record_refund(ks_db *db, const ks_office_refund_row *row, int64_t now, int64_t window_s)
{
    ks_refund_row existing;
    if (ks_refund_store_load(db, row->refund_id, &existing) == KS_DB_OK)
        return; /* recorded before */
    ks_refund_pick picks[KS_REFUND_LINES_MAX];
    size_t n = 0;
    enum ks_refund_method method = KS_REFUND_CASH;
    enum ks_db_error err =
        ks_office_refund_store_lines(db, row->request_id, picks, KS_REFUND_LINES_MAX, &n);
    if (err == KS_DB_OK)
        err = ks_refund_desk_method(db, row->order_uuid, &method);
    char staff[KS_REFUND_STAFF_MAX + 1];
    ks_utf8_cut(row->person, KS_REFUND_STAFF_MAX, staff);
    const ks_refund_request req = {
        .id = row->refund_id,
        .order_uuid = row->order_uuid,
        .method = method,
        .reason = row->reason,
        .staff = staff,
        .picks = picks,
        .n_picks = n,
        .window_s = window_s,
    };
    enum ks_refund_error refusal = KS_REFUND_OK;
    ks_refund_row recorded;
    if (err == KS_DB_OK)
        err = ks_refund_store_request(db, &req, now, &recorded, &refusal);
    const char *why = err == KS_DB_ERR_NOT_FOUND ? "the order is not stored at this kiosk"
                      : err == KS_DB_ERR_INVALID && refusal != KS_REFUND_OK
                          ? ks_refund_strerror(refusal)
                      : err == KS_DB_ERR_CONFLICT ? "another refund is stored under its refund id"
                                                  : NULL;
    if (err == KS_DB_OK)
        LOG_INFO("refund request %s: refund %s of order %s recorded (%s), %s", row->request_id,
                 row->refund_id, row->order_uuid, ks_refund_method_name(method),
                 method == KS_REFUND_CARD ? "waiting for staff and the card" : "given at once");
    else if (why)
        err = ks_office_refund_store_refuse(db, row->request_id, why, now);
    if (err != KS_DB_OK)
        LOG_WARN("refund request %s not taken in: %s; again at the next fetch", row->request_id,
                 ks_db_strerror(err));
}

size_t ks_office_refunds_take(ks_db *db, const ks_office_refund *requests, size_t n, int64_t now,
                              int64_t window_s)
{
    size_t added_count = 0;
    for (size_t i = 0; i < n; i++) {
        char refund_id[37];
        ks_office_refund_row row;
        bool added = false;
        enum ks_db_error err =
            ks_uuid_new(refund_id)
                ? ks_office_refund_store_add(db, &requests[i], refund_id, now, &row, &added)
                : KS_DB_ERR_INTERNAL;
        if (err != KS_DB_OK) {
            LOG_WARN("refund request %s not stored: %s", requests[i].request_id,
                     ks_db_strerror(err));
            continue;
        }
        added_count += added;
        if (row.status == KS_OFFICE_REFUND_OPEN)
            record_refund(db, &row, now, window_s);
    }
    return added_count;
}

size_t ks_office_refunds_give_cash(const ks_refund_ctx *ctx)
{
    ks_office_refund_row open[32];
    size_t n = 0, given = 0;
    if (ks_office_refund_store_list_open(ctx->db, open, 32, &n) != KS_DB_OK)
        return 0;
    ks_refund_ctx office = *ctx;
    office.place = "back-office";
    for (size_t i = 0; i < n; i++) {
        ks_refund_row refund;
        if (ks_refund_store_load(ctx->db, open[i].refund_id, &refund) != KS_DB_OK ||
            refund.method != KS_REFUND_CASH || refund.status != KS_REFUND_REQUESTED)
            continue;
        ks_refund_result result;
        enum ks_refund_outcome o = ks_refund_run(&office, refund.id, &result);
        LOG_INFO("refund request %s: refund %s in cash: %s (%s)", open[i].request_id, refund.id,
                 ks_refund_outcome_name(o), result.detail);
        given += o == KS_REFUND_GIVEN;
    }
    return given;
}
