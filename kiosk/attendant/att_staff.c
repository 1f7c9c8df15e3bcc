/* Who signs in at the attendant console: see kiosk/attendant/att_staff.h. */
#define LOG_TAG "att_staff"
#include "kiosk/attendant/att_staff.h"

#include <stdio.h>

#include "kiosk/common/log.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/staff_pin_store.h"

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

const char *ks_att_staff_decider(const char *who)
{
    return ks_id_ok(who, KS_ATT_STAFF_MAX) ? who : KS_ATT_CONSOLE_PIN_STAFF;
}
