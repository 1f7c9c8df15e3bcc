/*
 * The kiosks' staff actions in the backend's database (be_staff_actions;
 * the API in kiosk/docs/backend-api.md, "POST /v1/staff-actions"): each
 * sold-out mark or unmark, receipt reprint and intervention in an unpaid
 * basket a kiosk relays, each sign-in and PIN lockout a kiosk or an
 * attendant console relays, and each close and open of a kiosk's staff
 * screen (kiosk/domain/staff_action.h) under its uuid, with its audit row
 * (actor the device, role "kiosk" or "console", action "staff.<action>":
 * "staff.sign_in", "staff.pin_lockout"...) in the same transaction. An action is stored once: the
 * same body again from the same kiosk is a duplicate, another body (or kiosk) under a stored uuid a
 * conflict. The staff report counts them per person (backend_staff_sql.h). A decision taken while
 * an order was being paid
 * ("paying") also waits in be_paying_decisions until that order is stored,
 * and is then counted among its interventions (ks_backend_paying_place).
 */
#ifndef KIOSK_BACKEND_BACKEND_STAFF_ACTION_STORE_H
#define KIOSK_BACKEND_BACKEND_STAFF_ACTION_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_row.h"
#include "kiosk/backend/backend_store.h"
#include "kiosk/domain/staff_action.h"

enum ks_staff_action_result {
    KS_STAFF_ACTION_STORED,    /* stored now, audited */
    KS_STAFF_ACTION_DUPLICATE, /* stored before: the same body from the same kiosk */
    KS_STAFF_ACTION_CONFLICT,  /* another body, or another kiosk's, is stored under its uuid */
};

/*
 * Stores action a (read from body[len], kept byte for byte) of device
 * kiosk_id at store_id, received at now (UTC seconds), with its audit row
 * (actor kiosk_id, role device_role: "kiosk", or "console" for an attendant
 * console's), in one transaction; *result says what happened. Everything
 * borrowed.
 */
/*
 * An intervention's columns as be_interventions and be_paying_decisions
 * hold them, after their keys: staff, need, decision, raised_at,
 * decided_at, void_item, void_amount into out[0..KS_BACKEND_INTERVENTION_VALUES)
 * (borrowing iv's text).
 */
#define KS_BACKEND_INTERVENTION_VALUES 7
void ks_backend_intervention_values(const ks_order_intervention *iv, ks_backend_value *out);

/*
 * Inside ks_backend_in_transaction: copies the decisions taken while
 * order_uuid was being paid that wait for it (be_paying_decisions,
 * backend_staff_action_sql.h) among its interventions, which the staff
 * report's waits, needs and voids count, and marks them placed; when the
 * order was cancelled unpaid, marks them taken as unpaid work instead
 * (counted with the unpaid baskets' interventions); nothing when the order
 * is not stored or is another store's. Called by a decision's intake (after
 * storing it), in its transaction: it takes the order's lock first
 * (PostgreSQL: two backends storing the order and the decision at once
 * place them once, whichever is second), and adds those
 * placed to the staff report's months (be_staff_months,
 * backend_staff_sql.h). borrowed order_uuid.
 */
enum ks_db_error ks_backend_paying_place(ks_backend_store *store, const char *order_uuid);

/*
 * The same for an order's intake, paid or cancelled unpaid, in its
 * transaction, which holds the order's lock already
 * (KS_BACKEND_SQL_INSERT_ORDER) and knows how many decisions wait for it
 * (waiting, KS_BACKEND_SQL_INSERT_PAYMENT or KS_BACKEND_SQL_INSERT_CANCELLED):
 * none, and no statement looks for them; those it does not take (another
 * store's) are left waiting. Those placed and the stored_now interventions it
 * stored for the order, the order's last ones, are added to the staff
 * report's months. borrowed order_uuid.
 */
enum ks_db_error ks_backend_paying_take(ks_backend_store *store, const char *order_uuid,
                                        size_t stored_now, int64_t waiting);

/*
 * How long a decision taken while paying waits for its order: 7 days after
 * its staff action reached the backend (be_staff_actions.received_at, the
 * backend's clock, so a kiosk's wrong clock ages nothing early). A kiosk's
 * outbox delivers an order seconds after it is paid; a week rides out a
 * kiosk offline for days. Past it the order is taken as never arriving.
 */
#define KS_BACKEND_PAYING_GRACE_S (7 * 86400)
/* Decisions ks_backend_paying_age marks at most per call (the next call takes the rest). */
#define KS_BACKEND_PAYING_AGE_BATCH 100

/*
 * Marks the decisions taken while paying that still wait for their order
 * KS_BACKEND_PAYING_GRACE_S after their action reached the backend (now:
 * UTC seconds) as decided on an order that never arrived (placed 3): the
 * staff report counts them in lost_interventions instead of
 * paying_interventions, never in the months of be_staff_months (they were
 * never among an order's interventions), and the staff actions page names
 * the missing order. Each in a transaction of its own holding its order's
 * lock (KS_BACKEND_SQL_LOCK_PAYING, as the order's intake does), and only
 * while it still waits: a decision leaves waiting once, to its order (placed
 * 1 or 2) or to this (3), whichever comes first; an order arriving after
 * takes none of those aged (its page lists them as "lost"). At most
 * KS_BACKEND_PAYING_AGE_BATCH per call; *aged (may be NULL) counts those
 * marked. The backend's health probe calls it about once a minute
 * (backend_server.c). Not inside another transaction.
 */
enum ks_db_error ks_backend_paying_age(ks_backend_store *store, int64_t now, int64_t *aged);

enum ks_db_error ks_backend_store_staff_action(ks_backend_store *store, const ks_staff_action *a,
                                               const char *kiosk_id, const char *device_role,
                                               const char *store_id, const char *body, size_t len,
                                               int64_t now, enum ks_staff_action_result *result);

/* GET /v1/staff-actions: rows a page by default, at most, and the pages one may ask past. */
#define KS_BACKEND_STAFF_ACTIONS_PAGE 100
#define KS_BACKEND_STAFF_ACTIONS_PAGE_MAX 1000
#define KS_BACKEND_STAFF_ACTIONS_PAGES_MAX 100000

/* What GET /v1/staff-actions asks (all borrowed). */
typedef struct ks_backend_staff_action_query {
    const char *from, *to; /* business dates, YYYY-MM-DD, from <= to */
    const char *store;     /* "" every store */
    const char *staff;     /* "" anyone (the shared PIN's, "", among them) */
    const char *kind;      /* "" every kind: sold_out, on_sale, reprint, intervention, paying,
                              sign_in, pin_lockout, close, open, refund (a refund given at a
                              kiosk with a person's own PIN) */
    int64_t limit, offset; /* the rows offset to offset + limit - 1, newest first */
} ks_backend_staff_action_query;

/*
 * The single staff actions q asks, newest first (by at, then uuid), each
 * given to sink with the columns of KS_BACKEND_STAFF_ACTIONS_LIST_SQL
 * (backend_staff_action_sql.h): at, business_date, store_id, kiosk_id,
 * staff, kind, item, order_uuid, order_number, need, decision, wait_s,
 * amount, uuid, place, failures, until_at.
 */
enum ks_db_error ks_backend_store_staff_actions(ks_backend_store *store,
                                                const ks_backend_staff_action_query *q,
                                                const ks_backend_sink *sink);

#endif
