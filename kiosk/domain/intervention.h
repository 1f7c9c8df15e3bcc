/*
 * An attendant's intervention at a self-checkout lane, as an order keeps
 * it for the backend's staff report: why the lane called (the need the
 * decision settled), what was decided, by whom, when the call was raised
 * and when it was decided, and the line a void took off with its amount.
 *
 * The names are the attendant protocol's (kiosk/app/attendant_msg.h uses
 * these tables) and the order JSON's "interventions" member
 * (kiosk/domain/order_json.h). Pure domain code.
 */
#ifndef KIOSK_DOMAIN_INTERVENTION_H
#define KIOSK_DOMAIN_INTERVENTION_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/domain/money.h"

#define KS_INTERVENTION_STAFF_MAX 32 /* bytes of a staff id: [a-z0-9_.-] */
#define KS_INTERVENTION_ITEM_MAX 64  /* bytes of a voided line's item id */
#define KS_ORDER_MAX_INTERVENTIONS 200
/* The longest wait an intervention may report: a day, in seconds. */
#define KS_INTERVENTION_MAX_WAIT_S INT64_C(86400)

/* The need a decision settled; the first six are the lane's calls, in ks_attendant_need's order. */
enum ks_intervention_need {
    KS_INTERVENTION_AGE,
    KS_INTERVENTION_REMOVAL,
    KS_INTERVENTION_BAGGING,
    KS_INTERVENTION_UNKNOWN,
    KS_INTERVENTION_HELP,
    KS_INTERVENTION_IDLE,
    KS_INTERVENTION_UNASKED, /* the attendant acted without a call (a void of their choice) */
};
#define KS_INTERVENTION_NEEDS_CALLED 6
#define KS_INTERVENTION_NEED_COUNT 7

/* What was decided, in ks_attendant_decision's order. */
enum ks_intervention_decision {
    KS_INTERVENTION_APPROVE_AGE,
    KS_INTERVENTION_APPROVE_REMOVAL,
    KS_INTERVENTION_DECLINE_REMOVAL,
    KS_INTERVENTION_VOID_LINE,
    KS_INTERVENTION_CANCEL,
    KS_INTERVENTION_CLEAR_BAGGING,
    KS_INTERVENTION_HELP_GIVEN,
};
#define KS_INTERVENTION_DECISION_COUNT 7

typedef struct ks_order_intervention {
    enum ks_intervention_need need;
    enum ks_intervention_decision decision;
    char staff[KS_INTERVENTION_STAFF_MAX + 1]; /* who decided: ks_id_ok */
    int64_t raised_at;                         /* UTC seconds the call was raised */
    int64_t decided_at;                        /* UTC seconds; raised_at to raised_at + a day */
    /* A void's line (approve_removal, void_line): its item id and amount; "" and 0 otherwise */
    char void_item[KS_INTERVENTION_ITEM_MAX + 1];
    ks_money void_amount;
} ks_order_intervention;

/* Stable names: "age" ... "idle", "unasked"; NULL out of range. */
const char *ks_intervention_need_name(enum ks_intervention_need need);
/* "approve_age" ... "help_given"; NULL out of range. */
const char *ks_intervention_decision_name(enum ks_intervention_decision decision);
/* The name tables themselves, for readers of names (ks_json_enum). */
extern const char *const ks_intervention_need_names[KS_INTERVENTION_NEED_COUNT];
extern const char *const ks_intervention_decision_names[KS_INTERVENTION_DECISION_COUNT];

/* True when a decision takes a line off as a void (and may carry void_item and void_amount). */
bool ks_intervention_voids(enum ks_intervention_decision decision);

/*
 * The rules every intervention keeps (the order JSON's reader and writer,
 * the kiosk's store): known need and decision; staff 1-32 of [a-z0-9_.-];
 * raised_at from 0 to max_time, decided_at from raised_at to a day later
 * (and at most max_time); a void's item id (ks_id_ok, 1-64) only on a
 * decision that voids, its amount 0 to max_money (above 0 only with an
 * item). On false
 * *member (may be NULL) names the member at fault.
 */
bool ks_intervention_ok(const ks_order_intervention *iv, int64_t max_time, ks_money max_money,
                        const char **member);

#endif
