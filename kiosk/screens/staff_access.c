/* Staff access: see kiosk/screens/staff_access.h. */
#define LOG_TAG "staff"
#include "kiosk/screens/staff_access.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/domain/staff_list.h"
#include "kiosk/screens/staff_pin.h"
#include "kiosk/store/staff_pin_store.h"
#include "kiosk/store/staff_store.h"

/* Compares without stopping at the first difference, so timing says nothing of the PIN. */
static bool pin_equal(const char *typed, const char *pin)
{
    size_t a = strlen(typed), b = strlen(pin);
    unsigned diff = (unsigned)(a ^ b);
    for (size_t i = 0; i < KS_STAFF_PIN_MAX; i++)
        diff |= (unsigned)((i < a ? typed[i] : 0) ^ (i < b ? pin[i] : 0));
    return diff == 0;
}

/*
 * True when typed is a PIN of the store's staff list (its person into k->staff_person) or, while
 * the list has nobody, the INI's shared PIN (k->staff_person ""). A list that cannot be read
 * lets nobody in: it may be there to keep someone out.
 */
static bool pin_matches(ks_kiosk_ui *k, const char *typed)
{
    bool listed = false;
    k->staff_person[0] = '\0';
    enum ks_db_error err =
        k->c.db ? ks_staff_pin_store_match(k->c.db, typed, k->staff_person, &listed) : KS_DB_OK;
    if (err != KS_DB_OK) {
        LOG_ERROR("the staff list cannot be read: %s", ks_db_strerror(err));
        return false;
    }
    return listed ? k->staff_person[0] != '\0' : pin_equal(typed, k->c.cfg->staff_pin);
}

/* Where a staff action happened, from the audit's word for the place: "lane" (an approval at the
 * customer's screen) or the staff screen. */
static enum ks_staff_action_place action_place(const char *place)
{
    return strcmp(place, "lane") == 0 ? KS_STAFF_PLACE_LANE : KS_STAFF_PLACE_STAFF_SCREEN;
}

static void audit(ks_kiosk_ui *k, const char *place, const char *action, const char *outcome,
                  const char *detail)
{
    LOG_INFO("%s at %s: %s%s%s%s%s", action, place, outcome, detail ? " " : "",
             detail ? detail : "", k->staff_person[0] ? " by " : "", k->staff_person);
    if (k->c.db && ks_staff_audit_add(k->c.db, ks_ui_utc_now(k), k->staff_person, place, action,
                                      outcome, detail) != KS_DB_OK)
        LOG_ERROR("the staff audit log could not be written (%s at %s)", action, place);
}

/*
 * ks_staff_act with the audit row's outcome: what recorded and queued for the backend, or only
 * audited without a database or when it cannot be recorded (logged).
 */
static bool act(ks_kiosk_ui *k, const char *place, const char *action, const char *outcome,
                const char *detail, const ks_staff_action *what)
{
    if (!k->c.db) {
        audit(k, place, action, outcome, detail);
        return true;
    }
    ks_staff_action a = *what;
    /* The person signed in with their own PIN (a badge names its holder); an intervention names
     * its decider instead, and a lockout nobody. */
    if (!a.staff[0] && !ks_staff_action_has_intervention(a.kind) &&
        a.kind != KS_STAFF_ACTION_PIN_LOCKOUT)
        snprintf(a.staff, sizeof a.staff, "%s", k->staff_person);
    LOG_INFO("%s at %s: %s%s%s%s%s (sent to the back office)", action, place, outcome,
             detail ? " " : "", detail ? detail : "", a.staff[0] ? " by " : "", a.staff);
    enum ks_db_error err = ks_staff_action_record_new(
        k->c.db, &a, ks_ui_utc_now(k), k->c.cfg->utc_offset_min, k->c.cfg->business_day_start_min,
        place, action, outcome, detail);
    if (err != KS_DB_OK) {
        LOG_ERROR("the staff action %s at %s could not be recorded: %s", action, place,
                  ks_db_strerror(err));
        audit(k, place, action, outcome, detail); /* the attempt is audited all the same */
    }
    return err == KS_DB_OK;
}

void ks_staff_access_restore(ks_kiosk_ui *k)
{
    if (!k->c.db || ks_staff_lockout_restore(k->c.db, &k->rules.pin, k->now_ms, ks_ui_utc_now(k),
                                             &k->journey.pin) != KS_DB_OK)
        return;
    if (ks_staff_locked(k))
        LOG_WARN("staff access stays locked for %lld s after the restart",
                 (long long)((k->journey.pin.locked_until_ms - k->now_ms + 999) / 1000));
}

bool ks_staff_locked(const ks_kiosk_ui *k)
{
    return ks_pin_lockout_active(&k->journey.pin, k->now_ms);
}

bool ks_staff_pin_try(ks_kiosk_ui *k, const char *typed, const char *place)
{
    k->staff_person[0] = '\0'; /* a new attempt names nobody until its PIN names someone */
    if (ks_staff_locked(k)) {
        audit(k, place, "pin", "locked", NULL);
        return false;
    }
    bool ok = typed && pin_matches(k, typed);
    ks_ui_send_event(k, (ks_event){.kind = KS_EV_PIN_ENTERED, .arg.pin_ok = ok});
    int64_t utc = ks_ui_utc_now(k);
    if (k->c.db && ks_staff_lockout_keep(k->c.db, &k->journey.pin, k->now_ms, utc) != KS_DB_OK)
        LOG_ERROR("the staff PIN lockout could not be stored");
    /* A sign-in and a lockout reach the back office (#15); a wrong PIN alone stays here. */
    enum ks_staff_action_place where = action_place(place);
    if (ok)
        act(k, place, "pin", "ok", NULL,
            &(ks_staff_action){.kind = KS_STAFF_ACTION_SIGN_IN, .place = where});
    else if (ks_staff_locked(k)) /* this PIN locked: it was not locked before it */
        act(k, place, "pin", "wrong", "locked out",
            &(ks_staff_action){.kind = KS_STAFF_ACTION_PIN_LOCKOUT,
                               .place = where,
                               .failures = k->rules.pin.max_failures,
                               .until =
                                   ks_pin_lockout_stored_until(&k->journey.pin, k->now_ms, utc)});
    else
        audit(k, place, "pin", "wrong", NULL);
    return ok;
}

const char *ks_staff_who(const ks_kiosk_ui *k, const char *fallback)
{
    return k->staff_person[0] ? k->staff_person : fallback;
}

void ks_staff_audit(ks_kiosk_ui *k, const char *place, const char *action, const char *detail)
{
    audit(k, place, action, "ok", detail);
}

void ks_staff_badge_audit(ks_kiosk_ui *k, const char *place, const char *staff, bool accepted)
{
    if (!accepted) {
        audit(k, place, "badge", "locked", staff);
        return;
    }
    ks_staff_action a = {
        .kind = KS_STAFF_ACTION_SIGN_IN, .place = action_place(place), .badge = true};
    /* The badge's holder when the back office could know them by that name. */
    if (staff && ks_staff_id_ok(staff))
        snprintf(a.staff, sizeof a.staff, "%s", staff);
    act(k, place, "badge", "ok", staff, &a);
}

bool ks_staff_act(ks_kiosk_ui *k, const char *place, const char *action, const char *detail,
                  const ks_staff_action *what)
{
    return act(k, place, action, "ok", detail, what);
}
