/*
 * The lane's open requests as both sides of the attendant link keep them in
 * SQLite: the lane in att_link_requests (kiosk/app/attendant_link.c), the
 * console in att_requests (kiosk/attendant/att_store.c), each read back into
 * a report (kiosk/app/attendant_msg.h) by a query that selects
 * KS_ATT_REQUEST_COLUMNS, in that order.
 */
#ifndef KIOSK_APP_ATTENDANT_ROWS_H
#define KIOSK_APP_ATTENDANT_ROWS_H

#include <sqlite3.h>

#include "kiosk/store/db.h"

#define KS_ATT_REQUEST_COLUMNS "uuid, need, line, item, raised_at"

/*
 * A ks_db_query row callback: appends the row to the ks_att_report ctx's
 * requests (the query's LIMIT keeps it within KS_ATT_MAX_REQUESTS).
 * KS_DB_ERR_CORRUPT for a text that does not fit.
 */
enum ks_db_error ks_att_request_row(sqlite3_stmt *stmt, void *report);

#endif
