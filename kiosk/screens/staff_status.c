/* The staff screen's counts (see kiosk/screens/staff_status.h). */
#include "kiosk/screens/staff_status.h"

#include "kiosk/store/outbox.h"
#include "kiosk/store/print_store.h"

#define UNPRINTED_MAX 100

void ks_staff_status_read(ks_db *db, ks_staff_status *out)
{
    *out = (ks_staff_status){.unsent = -1, .unprinted = -1};
    if (!db)
        return;
    int64_t unsent;
    if (ks_outbox_count_undelivered(db, &unsent) == KS_DB_OK)
        out->unsent = unsent;
    ks_print_job jobs[UNPRINTED_MAX];
    size_t n;
    if (ks_print_store_list_unprinted(db, jobs, UNPRINTED_MAX, &n) == KS_DB_OK)
        out->unprinted = (int64_t)n;
}
