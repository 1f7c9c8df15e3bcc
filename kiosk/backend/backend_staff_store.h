/*
 * The staff report in the backend's database (GET /v1/reports/staff,
 * kiosk/docs/backend-api.md): what each attendant decided at the
 * self-checkout lanes, as the paid orders' interventions carried it
 * (be_interventions, stored with the order; kiosk/domain/intervention.h),
 * and the refunds each person of the back office asked for. The SQL is
 * one text for both drivers (backend_staff_sql.h).
 */
#ifndef KIOSK_BACKEND_BACKEND_STAFF_STORE_H
#define KIOSK_BACKEND_BACKEND_STAFF_STORE_H

#include <jansson.h>

#include "kiosk/backend/backend_store.h"

/*
 * Per store and staff id (a lane's attendant, or a back-office person's
 * name), by those, of the orders of those business dates (from, to
 * inclusive; store_id "" every store), given to sink (backend_store.h):
 * store_id, staff, interventions, then the count per need (age, removal,
 * bagging, unknown, help, idle, unasked), wait_p50_s and wait_p90_s (the
 * median and 90th percentile of the seconds from raised to decided, by
 * nearest rank, exact), voids and voided (the lines the staff member took
 * off and their amount, halalas), refunds_asked (their back-office refund
 * requests of those orders), refunds_done (those carried out) and
 * refunded (what those refunds gave back, halalas).
 */
enum ks_db_error ks_backend_store_staff(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, const ks_backend_sink *sink);

#endif
