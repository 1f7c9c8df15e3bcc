/* Attendant interventions: names and rules (kiosk/domain/intervention.h). */
#include "kiosk/domain/intervention.h"

#include <string.h>

#include "kiosk/domain/order.h"

const char *const ks_intervention_need_names[KS_INTERVENTION_NEED_COUNT] = {
    [KS_INTERVENTION_AGE] = "age",         [KS_INTERVENTION_REMOVAL] = "removal",
    [KS_INTERVENTION_BAGGING] = "bagging", [KS_INTERVENTION_UNKNOWN] = "unknown",
    [KS_INTERVENTION_HELP] = "help",       [KS_INTERVENTION_IDLE] = "idle",
    [KS_INTERVENTION_UNASKED] = "unasked",
};

const char *const ks_intervention_decision_names[KS_INTERVENTION_DECISION_COUNT] = {
    [KS_INTERVENTION_APPROVE_AGE] = "approve_age",
    [KS_INTERVENTION_APPROVE_REMOVAL] = "approve_removal",
    [KS_INTERVENTION_DECLINE_REMOVAL] = "decline_removal",
    [KS_INTERVENTION_VOID_LINE] = "void_line",
    [KS_INTERVENTION_CANCEL] = "cancel",
    [KS_INTERVENTION_CLEAR_BAGGING] = "clear_bagging",
    [KS_INTERVENTION_HELP_GIVEN] = "help_given",
};

const char *ks_intervention_need_name(enum ks_intervention_need need)
{
    return (unsigned)need < KS_INTERVENTION_NEED_COUNT ? ks_intervention_need_names[need] : NULL;
}

const char *ks_intervention_decision_name(enum ks_intervention_decision decision)
{
    return (unsigned)decision < KS_INTERVENTION_DECISION_COUNT
               ? ks_intervention_decision_names[decision]
               : NULL;
}

bool ks_intervention_voids(enum ks_intervention_decision decision)
{
    return decision == KS_INTERVENTION_APPROVE_REMOVAL || decision == KS_INTERVENTION_VOID_LINE;
}

static bool refuse(const char **member, const char *name)
{
    if (member)
        *member = name;
    return false;
}

bool ks_intervention_ok(const ks_order_intervention *iv, int64_t max_time, ks_money max_money,
                        const char **member)
{
    if ((unsigned)iv->need >= KS_INTERVENTION_NEED_COUNT)
        return refuse(member, "need");
    if ((unsigned)iv->decision >= KS_INTERVENTION_DECISION_COUNT)
        return refuse(member, "decision");
    if (strnlen(iv->staff, sizeof iv->staff) > KS_INTERVENTION_STAFF_MAX ||
        !ks_id_ok(iv->staff, KS_INTERVENTION_STAFF_MAX))
        return refuse(member, "staff");
    if (iv->raised_at < 0 || iv->raised_at > max_time)
        return refuse(member, "raised_at");
    if (iv->decided_at < iv->raised_at || iv->decided_at > max_time ||
        iv->decided_at - iv->raised_at > KS_INTERVENTION_MAX_WAIT_S)
        return refuse(member, "decided_at");
    bool has_item = strnlen(iv->void_item, sizeof iv->void_item) > 0;
    if (has_item && (strnlen(iv->void_item, sizeof iv->void_item) > KS_INTERVENTION_ITEM_MAX ||
                     !ks_id_ok(iv->void_item, KS_INTERVENTION_ITEM_MAX) ||
                     !ks_intervention_voids(iv->decision)))
        return refuse(member, "void_item");
    if (iv->void_amount < 0 || iv->void_amount > max_money || (iv->void_amount > 0 && !has_item))
        return refuse(member, "void_amount");
    return true;
}
