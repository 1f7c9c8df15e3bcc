/* The attendant link's stored requests: see kiosk/app/attendant_rows.h. */
#include "kiosk/app/attendant_rows.h"

#include "kiosk/app/attendant_msg.h"

enum ks_db_error ks_att_request_row(sqlite3_stmt *stmt, void *report)
{
    ks_att_report *r = report;
    if (r->n_requests >= KS_ATT_MAX_REQUESTS)
        return KS_DB_ERR_CORRUPT;
    ks_att_request *q = &r->requests[r->n_requests];
    if (!ks_db_column_copy(stmt, 0, q->uuid, sizeof q->uuid) ||
        !ks_db_column_copy(stmt, 3, q->item, sizeof q->item))
        return KS_DB_ERR_CORRUPT;
    q->need = (unsigned)sqlite3_column_int(stmt, 1);
    q->line = (uint32_t)sqlite3_column_int64(stmt, 2);
    q->raised_at = sqlite3_column_int64(stmt, 4);
    r->n_requests++;
    return KS_DB_OK;
}
