/*
 * The kiosks' staff actions in the backend's database (be_staff_actions;
 * the API in kiosk/docs/backend-api.md, "POST /v1/staff-actions"): each
 * sold-out mark or unmark, receipt reprint and intervention in an unpaid
 * basket a kiosk relays (kiosk/domain/staff_action.h) under its uuid, with
 * its audit row (actor the kiosk, role "kiosk", action "staff.<action>")
 * in the same transaction. An action is stored once: the same body again
 * from the same kiosk is a duplicate, another body (or kiosk) under a
 * stored uuid a conflict. The staff report counts them per person
 * (backend_staff_sql.h).
 */
#ifndef KIOSK_BACKEND_BACKEND_STAFF_ACTION_STORE_H
#define KIOSK_BACKEND_BACKEND_STAFF_ACTION_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_store.h"
#include "kiosk/domain/staff_action.h"

enum ks_staff_action_result {
    KS_STAFF_ACTION_STORED,    /* stored now, audited */
    KS_STAFF_ACTION_DUPLICATE, /* stored before: the same body from the same kiosk */
    KS_STAFF_ACTION_CONFLICT,  /* another body, or another kiosk's, is stored under its uuid */
};

/*
 * Stores action a (read from body[len], kept byte for byte) of kiosk_id at
 * store_id, received at now (UTC seconds), with its audit row, in one
 * transaction; *result says what happened. Everything borrowed.
 */
enum ks_db_error ks_backend_store_staff_action(ks_backend_store *store, const ks_staff_action *a,
                                               const char *kiosk_id, const char *store_id,
                                               const char *body, size_t len, int64_t now,
                                               enum ks_staff_action_result *result);

#endif
