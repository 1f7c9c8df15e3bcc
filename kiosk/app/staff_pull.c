/* The store's staff list pulled: see kiosk/app/staff_pull.h. */
#include "kiosk/app/staff_pull.h"

#include <time.h>

#include "kiosk/domain/staff_list.h"
#include "kiosk/store/staff_pin_store.h"

static bool take_staff(void *ctx, const ks_backend_answer *a, char *why, size_t why_cap,
                       enum ks_db_error *err, size_t *n)
{
    const ks_staff_taker *t = ctx;
    ks_staff_list list = {0};
    if (!ks_staff_list_parse(a->body, a->body_len, t->puller->store_id, &list, why, why_cap))
        return false;
    *err = ks_staff_pin_store_replace(t->puller->db, &list, a->etag, (int64_t)time(NULL));
    *n = list.n;
    ks_staff_list_clear(&list);
    if (*err == KS_DB_OK)
        ks_list_pull_count(t->puller, t->lists, 1);
    return true;
}

const ks_list_kind ks_staff_list_kind = {
    "staff list", "/staff?store=", KS_STAFF_LIST_BODY_MAX, ks_staff_pin_store_etag, take_staff,
    NULL};
