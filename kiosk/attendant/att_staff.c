/* Who signs in at the attendant console: see kiosk/attendant/att_staff.h. */
#define LOG_TAG "att_staff"
#include "kiosk/attendant/att_staff.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/store/staff_pin_store.h"
#include "kiosk/store/staff_store.h"

bool ks_att_staff_sign_in(const ks_att_config *cfg, ks_db *staff_db, const char *typed, bool badge,
                          char *who)
{
    bool listed = false;
    who[0] = '\0';
    if (!badge && staff_db) {
        enum ks_db_error err = ks_staff_pin_store_match(staff_db, typed, who, &listed);
        if (err != KS_DB_OK) {
            LOG_ERROR("the staff list cannot be read: %s", ks_db_strerror(err));
            who[0] = '\0';
            return false;
        }
    }
    if (!listed) {
        const ks_att_staff *s = ks_att_config_sign_in(cfg, typed, badge);
        if (s)
            snprintf(who, KS_STAFF_ID_MAX + 1, "%s", s->id);
    }
    return who[0] != '\0';
}

/*
 * The console's clock is UTC milliseconds: the stored lockout (UTC seconds) is converted at
 * the start of now_ms's second, so its end is stored and restored exactly, never early.
 */
static int64_t second_start_ms(int64_t now_ms)
{
    return now_ms - now_ms % 1000;
}

void ks_att_guard_init(ks_att_guard *g, const ks_att_config *cfg, ks_db *db, int64_t now_ms)
{
    *g = (ks_att_guard){.rules = cfg->pin_lockout,
                        .utc_offset_min = cfg->utc_offset_min,
                        .day_start_min = cfg->business_day_start_min,
                        .db = db,
                        .relay = cfg->backend.url[0] != '\0'};
    enum ks_db_error err = db ? ks_staff_lockout_restore(db, &g->rules, second_start_ms(now_ms),
                                                         now_ms / 1000, &g->lockout)
                              : KS_DB_OK;
    if (err != KS_DB_OK)
        LOG_ERROR("the staff PIN lockout cannot be read: %s", ks_db_strerror(err));
    else if (ks_att_guard_locked(g, now_ms))
        LOG_WARN("sign-in stays locked for %lld s after the restart",
                 (long long)((g->lockout.locked_until_ms - now_ms + 999) / 1000));
}

bool ks_att_guard_locked(const ks_att_guard *g, int64_t now_ms)
{
    return ks_pin_lockout_active(&g->lockout, now_ms);
}

/* The attempt's row in the staff audit (logged when it cannot be written). */
static void audit(const ks_att_guard *g, int64_t now_ms, const char *who, bool badge,
                  const char *outcome, const char *detail)
{
    const char *action = badge ? "badge" : "pin";
    if (g->db && ks_staff_audit_add(g->db, now_ms / 1000, who, KS_ATT_AUDIT_PLACE, action, outcome,
                                    detail) != KS_DB_OK)
        LOG_ERROR("the staff audit log could not be written (%s %s)", action, outcome);
}

/*
 * A sign-in by who (ok) or the PIN that locked, recorded with its audit row and queued for the
 * back office (ks_staff_action_record_new, dated by the console's business day); false (logged)
 * when it could not be.
 */
static bool relay(const ks_att_guard *g, int64_t now_ms, const char *who, bool badge,
                  const char *outcome, const char *detail)
{
    bool ok = strcmp(outcome, "ok") == 0;
    int64_t at = now_ms / 1000;
    ks_staff_action a = {.kind = ok ? KS_STAFF_ACTION_SIGN_IN : KS_STAFF_ACTION_PIN_LOCKOUT,
                         .place = KS_STAFF_PLACE_CONSOLE,
                         .badge = ok && badge};
    if (ok && ks_staff_id_ok(who))
        snprintf(a.staff, sizeof a.staff, "%s", who);
    if (!ok) {
        a.failures = g->rules.max_failures;
        a.until = ks_pin_lockout_stored_until(&g->lockout, second_start_ms(now_ms), at);
    }
    enum ks_db_error err = g->db ? ks_staff_action_record_new(
                                       g->db, &a, at, g->utc_offset_min, g->day_start_min,
                                       KS_ATT_AUDIT_PLACE, badge ? "badge" : "pin", outcome, detail)
                                 : KS_DB_ERR_INTERNAL;
    if (err != KS_DB_OK)
        LOG_ERROR("the %s could not be queued for the back office: %s",
                  ok ? "sign-in" : "PIN lockout", ks_db_strerror(err));
    return err == KS_DB_OK;
}

enum ks_att_sign_in ks_att_staff_try(ks_att_guard *g, const ks_att_config *cfg, ks_db *staff_db,
                                     const char *typed, bool badge, int64_t now_ms, char *who)
{
    who[0] = '\0';
    if (ks_att_guard_locked(g, now_ms)) {
        audit(g, now_ms, "", badge, "locked", NULL);
        return KS_ATT_SIGN_IN_LOCKED;
    }
    bool ok = ks_att_staff_sign_in(cfg, staff_db, typed, badge, who);
    bool locked = false;
    if (!badge) {
        locked = ks_pin_lockout_count(&g->lockout, &g->rules, ok, now_ms);
        if (g->db && ks_staff_lockout_keep(g->db, &g->lockout, second_start_ms(now_ms),
                                           now_ms / 1000) != KS_DB_OK)
            LOG_ERROR("the staff PIN lockout could not be stored");
    }
    const char *outcome = ok ? "ok" : "wrong", *detail = locked ? "locked out" : NULL;
    if (!((ok || locked) && g->relay && relay(g, now_ms, who, badge, outcome, detail)))
        audit(g, now_ms, who, badge, outcome, detail);
    if (locked)
        LOG_WARN("%d wrong PINs in a row: sign-in locked for %lld s%s", g->rules.max_failures,
                 (long long)(g->rules.lockout_ms / 1000),
                 g->relay ? " (sent to the back office)" : "");
    return ok ? KS_ATT_SIGN_IN_OK : KS_ATT_SIGN_IN_WRONG;
}

const char *ks_att_staff_decider(const char *who)
{
    return ks_id_ok(who, KS_ATT_STAFF_MAX) ? who : KS_ATT_CONSOLE_PIN_STAFF;
}
