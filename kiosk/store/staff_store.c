/* The staff PIN's lockout and the staff audit log: see kiosk/store/staff_store.h. */
#include "kiosk/common/utf8_cut.h"
#include "kiosk/store/staff_store.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/refund_store.h"

static const char sql_lockout_load[] =
    "SELECT failures, locked_until FROM staff_lockout WHERE id = 1";
static const char sql_lockout_save[] =
    "INSERT INTO staff_lockout (id, failures, locked_until) VALUES (1, ?1, ?2) "
    "ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, "
    "locked_until = excluded.locked_until";
static const char sql_audit_add[] =
    "INSERT INTO staff_audit (at, place, action, outcome, detail, person, uuid)\n"
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static enum ks_db_error lockout_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_staff_lockout *out = ctx;
    out->failures = sqlite3_column_int(stmt, 0);
    out->locked_until = sqlite3_column_int64(stmt, 1);
    return KS_DB_OK;
}

enum ks_db_error ks_staff_lockout_load(ks_db *db, ks_staff_lockout *out)
{
    *out = (ks_staff_lockout){0};
    ks_db_binder b = ks_db_bind(db, sql_lockout_load);
    return ks_db_query(db, &b, lockout_row, out, NULL);
}

enum ks_db_error ks_staff_lockout_save(ks_db *db, const ks_staff_lockout *lockout)
{
    if (lockout->failures < 0 || lockout->locked_until < 0)
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_lockout_save);
    ks_db_bind_int(&b, lockout->failures);
    ks_db_bind_int(&b, lockout->locked_until);
    return ks_db_exec(db, &b);
}

enum ks_db_error ks_staff_lockout_restore(ks_db *db, const ks_pin_lockout_rules *rules,
                                          int64_t now_ms, int64_t utc_now_s, ks_pin_lockout *l)
{
    *l = (ks_pin_lockout){0};
    ks_staff_lockout stored;
    enum ks_db_error err = ks_staff_lockout_load(db, &stored);
    if (err == KS_DB_OK)
        ks_pin_lockout_restore(l, rules, stored.failures, stored.locked_until, now_ms, utc_now_s);
    return err;
}

enum ks_db_error ks_staff_lockout_keep(ks_db *db, const ks_pin_lockout *l, int64_t now_ms,
                                       int64_t utc_now_s)
{
    const ks_staff_lockout now = {
        .failures = l->failures,
        .locked_until = ks_pin_lockout_stored_until(l, now_ms, utc_now_s),
    };
    return ks_staff_lockout_save(db, &now);
}

/* One audit row; uuid NULL for an action the backend does not count. */
static enum ks_db_error audit_add(ks_db *db, int64_t at, const char *person, const char *place,
                                  const char *action, const char *outcome, const char *detail,
                                  const char *uuid)
{
    if (person && strlen(person) > KS_STAFF_DETAIL_MAX)
        return KS_DB_ERR_INVALID;
    if (!ks_db_text_ok(place, KS_STAFF_WORD_MAX) || !ks_db_text_ok(action, KS_STAFF_WORD_MAX) ||
        !ks_db_text_ok(outcome, KS_STAFF_WORD_MAX))
        return KS_DB_ERR_INVALID;
    /* Cut at a character boundary, so a long UTF-8 detail stays valid text. */
    char cut[KS_STAFF_DETAIL_MAX + 1];
    ks_utf8_cut(detail, KS_STAFF_DETAIL_MAX, cut);
    ks_db_binder b = ks_db_bind(db, sql_audit_add);
    ks_db_bind_int(&b, at);
    ks_db_bind_text(&b, place);
    ks_db_bind_text(&b, action);
    ks_db_bind_text(&b, outcome);
    ks_db_bind_text(&b, cut);
    ks_db_bind_text(&b, person ? person : "");
    if (uuid)
        ks_db_bind_text(&b, uuid);
    else
        ks_db_bind_null(&b);
    return ks_db_exec(db, &b);
}

enum ks_db_error ks_staff_audit_add(ks_db *db, int64_t at, const char *person, const char *place,
                                    const char *action, const char *outcome, const char *detail)
{
    return audit_add(db, at, person, place, action, outcome, detail, NULL);
}

enum ks_db_error ks_staff_action_record(ks_db *db, const ks_staff_action *a, const char *place,
                                        const char *action, const char *outcome, const char *detail)
{
    char *json = ks_staff_action_to_json(a);
    if (!json)
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK)
        err = audit_add(db, a->at, a->staff, place, action, outcome, detail, a->uuid);
    const ks_outbox_message m = {.destination = KS_REFUND_DESTINATION,
                                 .payload = json,
                                 .path = KS_STAFF_ACTION_PATH,
                                 .aside_not_unsent = true}; /* its record is the audit row */
    if (err == KS_DB_OK)
        err = ks_outbox_enqueue(db, a->uuid, &m, a->at);
    err = ks_db_end(db, err);
    free(json);
    return err;
}

enum ks_db_error ks_staff_action_record_new(ks_db *db, const ks_staff_action *what, int64_t at,
                                            int utc_offset_min, int day_start_min,
                                            const char *place, const char *action,
                                            const char *outcome, const char *detail)
{
    ks_staff_action a = *what;
    a.at = at;
    ks_business_date(at, utc_offset_min, day_start_min, a.business_date);
    if (!ks_uuid_new(a.uuid))
        return KS_DB_ERR_INTERNAL;
    return ks_staff_action_record(db, &a, place, action, outcome, detail);
}
