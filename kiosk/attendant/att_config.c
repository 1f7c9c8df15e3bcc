/* The attendant console's configuration: see kiosk/attendant/att_config.h. */
#include "kiosk/attendant/att_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bearer_token.h"
#include "kiosk/domain/order.h"
#include "kiosk/http/http_server.h"

void ks_att_config_defaults(ks_att_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->language = KS_LANG_AR;
    snprintf(cfg->database, sizeof cfg->database, "attendant.db");
    snprintf(cfg->assets, sizeof cfg->assets, "assets");
    ks_device_backend_defaults(&cfg->backend);
    cfg->pin_lockout =
        (ks_pin_lockout_rules){KS_PIN_LOCKOUT_FAILURES, (int64_t)KS_PIN_LOCKOUT_SECONDS * 1000};
    cfg->utc_offset_min = KS_INI_UTC_OFFSET_MIN_DEFAULT;
    cfg->business_day_start_min = KS_INI_DAY_START_MIN_DEFAULT;
}

/* value as a whole number lo-hi into *out. */
static bool whole_number(const char *value, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (!value[0] || *end || errno || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* The staff PIN's lockout, as the kiosk's [kiosk] keys of the same names. */
static bool lockout_key(ks_ini *ini, ks_att_config *cfg, const char *key, const char *value)
{
    long v = 0;
    if (strcmp(key, "staff_pin_max_failures") == 0) {
        if (!whole_number(value, 1, KS_PIN_LOCKOUT_FAILURES_MAX, &v))
            return ks_ini_refuse(ini, "console", key, "must be 1-10");
        cfg->pin_lockout.max_failures = (int)v;
        return true;
    }
    if (!whole_number(value, KS_PIN_LOCKOUT_SECONDS_MIN, KS_PIN_LOCKOUT_SECONDS_MAX, &v))
        return ks_ini_refuse(ini, "console", key, "must be 10-3600 seconds");
    cfg->pin_lockout.lockout_ms = (int64_t)v * 1000;
    return true;
}

struct parse_state {
    ks_att_config *cfg;
};

static bool console_key(ks_ini *ini, struct parse_state *st, const char *key, const char *value)
{
    ks_att_config *cfg = st->cfg;
    char address[16];
    uint16_t port;
    const char *why;
    enum ks_http_tls_setting tls = ks_http_tls_setting(&cfg->tls, key, value, &why);
    if (tls != KS_HTTP_TLS_NOT_MINE)
        return tls == KS_HTTP_TLS_TAKEN ? true : ks_ini_refuse(ini, "console", key, why);
    if (strcmp(key, "listen") == 0) {
        if ((value[0] && !ks_http_parse_listen(value, address, &port)) ||
            !ks_ini_copy_value(cfg->listen, sizeof cfg->listen, value))
            return ks_ini_refuse(ini, "console", key, "must be IPv4-ADDRESS:PORT or empty");
        return true;
    }
    enum ks_ini_key day = ks_ini_business_day_key(ini, "console", key, value, &cfg->utc_offset_min,
                                                  &cfg->business_day_start_min);
    if (day != KS_INI_KEY_OTHER)
        return day == KS_INI_KEY_TAKEN;
    if (strcmp(key, "staff_pin_max_failures") == 0 || strcmp(key, "staff_pin_lockout_seconds") == 0)
        return lockout_key(ini, cfg, key, value);
    if (strcmp(key, "language") == 0) {
        if (strcmp(value, "ar") != 0 && strcmp(value, "en") != 0)
            return ks_ini_refuse(ini, "console", key, "must be ar or en");
        cfg->language = value[0] == 'a' ? KS_LANG_AR : KS_LANG_EN;
        return true;
    }
    char *path = strcmp(key, "database") == 0 ? cfg->database
                 : strcmp(key, "assets") == 0 ? cfg->assets
                                              : NULL;
    if (!path)
        return ks_ini_refuse(ini, "console", key, "unknown key");
    if (!value[0] || !ks_ini_copy_value(path, sizeof cfg->database, value))
        return ks_ini_refuse(ini, "console", key, "must be a path of at most 1023 bytes");
    return true;
}

static bool lane_key(ks_ini *ini, ks_att_config *cfg, const char *key, const char *value)
{
    size_t len = strlen(value);
    if (!ks_device_id_ok(key))
        return ks_ini_refuse(ini, "lanes", key, "a lane id is 1-32 of a-z 0-9 _ . -");
    for (size_t i = 0; i < cfg->n_lanes; i++)
        if (strcmp(cfg->lanes[i].lane, key) == 0)
            return ks_ini_refuse(ini, "lanes", key, "given twice");
    if (cfg->n_lanes == KS_ATT_MAX_LANES)
        return ks_ini_refuse(ini, "lanes", key, "too many lanes (64 at most)");
    char why[128];
    if (!ks_token_strong(value, why, sizeof why))
        return ks_ini_refuse(ini, "lanes", key, why);
    ks_att_lane_token *t = &cfg->lanes[cfg->n_lanes++];
    memcpy(t->lane, key, strlen(key) + 1);
    memcpy(t->token, value, len + 1);
    return true;
}

static bool staff_key(ks_ini *ini, ks_att_config *cfg, const char *section, const char *key,
                      const char *value)
{
    if (!ks_id_ok(key, KS_ATT_STAFF_MAX))
        return ks_ini_refuse(ini, section, key, "a staff id is 1-32 of a-z 0-9 _ . -");
    if (!ks_staff_secret_valid(value))
        return ks_ini_refuse(ini, section, key,
                             "must be a hash made by attendant-console --hash (pbkdf2-sha256$...)");
    ks_att_staff *s = NULL;
    for (size_t i = 0; i < cfg->n_staff && !s; i++)
        if (strcmp(cfg->staff[i].id, key) == 0)
            s = &cfg->staff[i];
    if (!s) {
        if (cfg->n_staff == KS_ATT_MAX_STAFF)
            return ks_ini_refuse(ini, section, key, "too many attendants (32 at most)");
        s = &cfg->staff[cfg->n_staff++];
        memcpy(s->id, key, strlen(key) + 1);
    }
    char *slot = strcmp(section, "staff") == 0 ? s->pin : s->badge;
    if (slot[0])
        return ks_ini_refuse(ini, section, key, "given twice");
    memcpy(slot, value, strlen(value) + 1);
    return true;
}

static bool entry(ks_ini *ini, void *user, const char *section, const char *key, const char *value)
{
    struct parse_state *st = user;
    if (strcmp(section, "console") == 0)
        return console_key(ini, st, key, value);
    if (strcmp(section, "lanes") == 0)
        return lane_key(ini, st->cfg, key, value);
    if (strcmp(section, "staff") == 0 || strcmp(section, "badges") == 0)
        return staff_key(ini, st->cfg, section, key, value);
    if (strcmp(section, "backend") == 0) {
        const char *why = "unknown key";
        return ks_device_backend_key(&st->cfg->backend, key, value, &why) == KS_DEVICE_BACKEND_TAKEN
                   ? true
                   : ks_ini_refuse(ini, section, key, why);
    }
    return ks_ini_refuse(ini, section, key, "unknown section");
}

/* Once the whole text is read: [backend] complete when it names a backend. */
static bool check_whole(const ks_att_config *cfg, ks_att_config_error *err)
{
    const char *why;
    if (ks_device_backend_check(&cfg->backend, &why))
        return true;
    err->line = 0;
    snprintf(err->message, sizeof err->message, "%s", why);
    return false;
}

bool ks_att_config_parse(ks_att_config *cfg, const char *text, size_t len, ks_att_config_error *err)
{
    struct parse_state st = {cfg};
    return ks_ini_parse(text, len, entry, &st, err) && check_whole(cfg, err);
}

bool ks_att_config_load(ks_att_config *cfg, const char *path, ks_att_config_error *err)
{
    struct parse_state st = {cfg};
    if (!ks_ini_load(path, entry, &st, err) || !check_whole(cfg, err))
        return false;
    if (!ks_ini_resolve_path(cfg->database, sizeof cfg->database, path) ||
        !ks_ini_resolve_path(cfg->assets, sizeof cfg->assets, path) ||
        !ks_http_tls_resolve(&cfg->tls, path) || !ks_device_backend_resolve(&cfg->backend, path)) {
        err->line = 0;
        snprintf(err->message, sizeof err->message, "[console] a path is too long");
        return false;
    }
    return true;
}

const ks_att_staff *ks_att_config_sign_in(const ks_att_config *cfg, const char *typed, bool badge)
{
    const ks_att_staff *found = NULL;
    for (size_t i = 0; i < cfg->n_staff; i++) {
        const char *stored = badge ? cfg->staff[i].badge : cfg->staff[i].pin;
        if (stored[0] && ks_staff_secret_matches(typed, stored) && !found)
            found = &cfg->staff[i];
    }
    return found;
}
