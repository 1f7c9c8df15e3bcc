/* The kitchen display's sold-out endpoints: see kiosk/kitchen/kds_soldout_api.h. */
#define LOG_TAG "kds_soldout"
#include "kiosk/kitchen/kds_soldout_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/kitchen/kds_soldout.h"

static void refuse(ks_kds_response *resp, int status, const char *reason, const char *path)
{
    resp->status = status;
    resp->body = ks_http_error_json(reason, path);
}

/* The marks as the hub answers them, or 503 when they cannot be written. */
static void marks(ks_kds_response *resp, const ks_mark *m, size_t n, int64_t latest)
{
    resp->body = ks_marks_answer(m, n, latest);
    resp->status = 200;
    if (!resp->body)
        refuse(resp, 503, ks_db_strerror(KS_DB_ERR_NO_MEMORY), "");
}

static void post_mark(ks_kds_store *store, const ks_kds_request *req, enum ks_kds_role role,
                      const char *kiosk_id, ks_kds_response *resp)
{
    if (req->body_too_large || req->body_len > KS_MARK_BODY_MAX) {
        refuse(resp, 413, "a mark is at most 2048 bytes", "");
        return;
    }
    ks_mark m = {0};
    ks_mark_error why;
    if (!ks_mark_from_body(req->body, req->body_len, &m, &why)) {
        refuse(resp, 400, why.reason, "");
        return;
    }
    snprintf(m.set_where, sizeof m.set_where, "%s",
             role == KS_KDS_KIOSK ? kiosk_id : KS_MARK_KITCHEN);
    enum ks_db_error err = ks_kds_soldout_set(store, &m);
    if (err != KS_DB_OK) {
        refuse(resp, 503, ks_db_strerror(err), "");
        return;
    }
    LOG_INFO("%s marked %s%s%s %s (seq %lld)", m.set_where, m.item_id[0] ? m.item_id : m.group_id,
             m.item_id[0] ? "" : "/", m.option_id, m.sold_out ? "sold out" : "back on sale",
             (long long)m.seq);
    marks(resp, &m, 1, m.seq);
}

static void get_marks(ks_kds_store *store, const ks_kds_request *req, ks_kds_response *resp)
{
    long long after = 0;
    if (req->after_query) {
        const char *q = req->after_query;
        char *end;
        size_t len = strlen(q);
        after = len >= 1 && len <= 18 && strspn(q, "0123456789") == len ? strtoll(q, &end, 10) : -1;
        if (after < 0) {
            refuse(resp, 400, "after must be a whole number from 0", "after");
            return;
        }
    }
    ks_mark *page = calloc(KS_MARK_PAGE_MAX, sizeof *page);
    size_t n = 0;
    int64_t latest = 0;
    enum ks_db_error err =
        page ? ks_kds_soldout_after(store, (int64_t)after, page, KS_MARK_PAGE_MAX, &n, &latest)
             : KS_DB_ERR_NO_MEMORY;
    if (err != KS_DB_OK)
        refuse(resp, 503, ks_db_strerror(err), "");
    else
        marks(resp, page, n, latest);
    free(page);
}

void ks_kds_soldout_answer(ks_kds_store *store, const ks_kds_request *req, enum ks_kds_role role,
                           const char *kiosk_id, ks_kds_response *resp)
{
    const char *method = req->method ? req->method : "";
    bool get = strcmp(method, "GET") == 0, post = strcmp(method, "POST") == 0;
    if (role != KS_KDS_KIOSK && role != KS_KDS_BUMP)
        refuse(resp, 403, "sold-out marks take a kiosk's or the bump token", "");
    else if (post)
        post_mark(store, req, role, kiosk_id, resp);
    else if (get)
        get_marks(store, req, resp);
    else
        refuse(resp, 405, "use GET or POST", "");
}
