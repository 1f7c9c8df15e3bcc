/* The kitchen display's INI configuration: see kiosk/kitchen/kds_config.h. */
#include "kiosk/kitchen/kds_config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bearer_token.h"
#include "kiosk/common/dirs.h"
#include "kiosk/http/http_server.h"

/* Longest item of a comma-separated list (a category id). */
#define LIST_ITEM_MAX KS_KDS_CATEGORY_MAX

void ks_kds_config_defaults(ks_kds_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    /* No all-interfaces default: the address to serve on is chosen by the operator. */
    cfg->listen[0] = '\0';
    cfg->language = KS_LANG_AR;
    cfg->mode = KS_KDS_MODE_KITCHEN;
    cfg->amber_s = 5 * 60;
    cfg->red_s = 10 * 60;
    cfg->board_clear_s = 15 * 60;
    cfg->utc_offset_min = KS_INI_UTC_OFFSET_MIN_DEFAULT;
    cfg->business_day_start_min = KS_INI_DAY_START_MIN_DEFAULT;
    const ks_dirs dirs = ks_dirs_default();
    snprintf(cfg->database, sizeof cfg->database, "%s/kitchen.db", dirs.state);
    snprintf(cfg->assets, sizeof cfg->assets, "%s", dirs.data);
    ks_device_backend_defaults(&cfg->backend);
}

struct parse_state {
    ks_kds_config *cfg;
    ks_ini *ini; /* the parse under way */
};

static bool refuse(struct parse_state *st, const char *section, const char *key, const char *reason)
{
    return ks_ini_refuse(st->ini, section, key, reason);
}

/*
 * Calls add for each comma-separated item of value (spaces around items
 * dropped; empty items refused); false when an item is too long, empty or
 * refused by add.
 */
static bool split_list(const char *value, bool (*add)(void *ctx, const char *item), void *ctx)
{
    for (const char *p = value;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strcspn(p, ",");
        size_t next = len;
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        char item[LIST_ITEM_MAX + 1];
        if (len == 0 || len > LIST_ITEM_MAX)
            return false;
        memcpy(item, p, len);
        item[len] = '\0';
        if (!add(ctx, item))
            return false;
        if (p[next] == '\0')
            return true;
        p += next + 1;
    }
}

/* A token for section's key into out (KS_KDS_TOKEN_MAX + 1 bytes), if strong. */
static bool take_token(struct parse_state *st, const char *section, const char *key,
                       const char *value, char *out)
{
    char why[128];
    if (!ks_token_strong(value, why, sizeof why))
        return refuse(st, section, key, why);
    memcpy(out, value, strlen(value) + 1);
    return true;
}

static bool add_category(void *ctx, const char *item)
{
    ks_kds_station *s = ctx;
    if (s->n_categories == KS_KDS_MAX_STATION_CATEGORIES || strlen(item) > KS_KDS_CATEGORY_MAX)
        return false;
    memcpy(s->categories[s->n_categories++], item, strlen(item) + 1);
    return true;
}

static bool parse_minutes(const char *value, int *seconds)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (end == value || *end != '\0' || v < 1 || v > 240)
        return false;
    *seconds = (int)v * 60;
    return true;
}

static bool kitchen_key(struct parse_state *st, const char *key, const char *value)
{
    ks_kds_config *cfg = st->cfg;
    char address[16];
    uint16_t port;
    if (strcmp(key, "listen") == 0) {
        if (value[0] && !ks_http_parse_listen(value, address, &port))
            return refuse(st, "kitchen", key, "must be IPv4-ADDRESS:PORT or empty");
        return ks_ini_copy_value(cfg->listen, sizeof cfg->listen, value)
                   ? true
                   : refuse(st, "kitchen", key, "too long");
    }
    const char *why;
    enum ks_http_tls_setting tls = ks_http_tls_setting(&cfg->tls, key, value, &why);
    if (tls != KS_HTTP_TLS_NOT_MINE)
        return tls == KS_HTTP_TLS_TAKEN ? true : refuse(st, "kitchen", key, why);
    if (strcmp(key, "tokens") == 0)
        return refuse(st, "kitchen", key,
                      "each kiosk's token now goes in [kiosks] (kiosk-id = token), so that a "
                      "token sends its own kiosk's orders only");
    if (strcmp(key, "bump_token") == 0)
        return take_token(st, "kitchen", key, value, cfg->creds.bump);
    if (strcmp(key, "collect_token") == 0)
        return take_token(st, "kitchen", key, value, cfg->creds.collect);
    if (strcmp(key, "board_token") == 0)
        return take_token(st, "kitchen", key, value, cfg->creds.board);
    if (strcmp(key, "language") == 0) {
        if (strcmp(value, "ar") != 0 && strcmp(value, "en") != 0)
            return refuse(st, "kitchen", key, "must be one of: ar en");
        cfg->language = value[0] == 'a' ? KS_LANG_AR : KS_LANG_EN;
        return true;
    }
    if (strcmp(key, "mode") == 0) {
        static const char *const modes[] = {
            [KS_KDS_MODE_KITCHEN] = "kitchen",
            [KS_KDS_MODE_BOARD] = "board",
            [KS_KDS_MODE_COUNTER] = "counter",
        };
        for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
            if (strcmp(value, modes[i]) == 0) {
                cfg->mode = (enum ks_kds_mode)i;
                return true;
            }
        return refuse(st, "kitchen", key, "must be one of: kitchen board counter");
    }
    if (strcmp(key, "cook_unpaid") == 0) {
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return refuse(st, "kitchen", key, "must be yes or no");
        cfg->cook_unpaid = value[0] == 'y';
        return true;
    }
    enum ks_ini_key day = ks_ini_business_day_key(
        st->ini, "kitchen", key, value, &cfg->utc_offset_min, &cfg->business_day_start_min);
    if (day != KS_INI_KEY_OTHER)
        return day == KS_INI_KEY_TAKEN;
    if (strcmp(key, "station") == 0)
        return ks_ini_copy_value(cfg->station, sizeof cfg->station, value)
                   ? true
                   : refuse(st, "kitchen", key, "too long");
    if (strcmp(key, "amber_minutes") == 0 || strcmp(key, "red_minutes") == 0 ||
        strcmp(key, "board_clear_minutes") == 0) {
        int *target = key[0] == 'a'   ? &cfg->amber_s
                      : key[0] == 'r' ? &cfg->red_s
                                      : &cfg->board_clear_s;
        return parse_minutes(value, target)
                   ? true
                   : refuse(st, "kitchen", key, "must be a whole number from 1 to 240");
    }
    if (strcmp(key, "database") == 0 || strcmp(key, "assets") == 0) {
        char *target = key[0] == 'd' ? cfg->database : cfg->assets;
        if (!value[0])
            return refuse(st, "kitchen", key, "must not be empty");
        return ks_ini_copy_value(target, sizeof cfg->database, value)
                   ? true
                   : refuse(st, "kitchen", key, "too long");
    }
    return refuse(st, "kitchen", key, "unknown setting");
}

static bool station_key(struct parse_state *st, const char *key, const char *value)
{
    ks_kds_config *cfg = st->cfg;
    ks_kds_station *s = NULL;
    for (size_t i = 0; i < cfg->n_stations && !s; i++)
        if (strcmp(cfg->stations[i].name, key) == 0)
            s = &cfg->stations[i];
    if (!s) {
        if (cfg->n_stations == KS_KDS_MAX_STATIONS || !ks_station_name_ok(key))
            return refuse(st, "stations", key,
                          "at most 8 stations with names of 1-32 bytes without control characters");
        s = &cfg->stations[cfg->n_stations++];
        memcpy(s->name, key, strlen(key) + 1);
    }
    s->n_categories = 0;
    if (!split_list(value, add_category, s))
        return refuse(st, "stations", key, "up to 16 category ids, comma-separated");
    return true;
}

static bool kiosk_key(struct parse_state *st, const char *key, const char *value)
{
    ks_kds_credentials *c = &st->cfg->creds;
    if (!ks_device_id_ok(key))
        return refuse(st, "kiosks", key, "a kiosk id is 1-32 characters of [a-z0-9_.-]");
    for (size_t i = 0; i < c->n_kiosks; i++)
        if (strcmp(c->kiosks[i].kiosk_id, key) == 0)
            return refuse(st, "kiosks", key, "the kiosk is listed twice");
    if (c->n_kiosks == KS_KDS_MAX_KIOSKS)
        return refuse(st, "kiosks", key, "at most 16 kiosks");
    ks_kds_kiosk_token *k = &c->kiosks[c->n_kiosks];
    if (!take_token(st, "kiosks", key, value, k->token))
        return false;
    memcpy(k->kiosk_id, key, strlen(key) + 1);
    c->n_kiosks++;
    return true;
}

static bool handle_entry(ks_ini *ini, void *user, const char *section, const char *key,
                         const char *value)
{
    struct parse_state *st = user;
    st->ini = ini;
    if (strcmp(section, "kitchen") == 0)
        return kitchen_key(st, key, value);
    if (strcmp(section, "stations") == 0)
        return station_key(st, key, value);
    if (strcmp(section, "kiosks") == 0)
        return kiosk_key(st, key, value);
    const char *why = "unknown setting";
    if (strcmp(section, "backend") == 0 &&
        ks_device_backend_key(&st->cfg->backend, key, value, &why) == KS_DEVICE_BACKEND_TAKEN)
        return true;
    return refuse(st, section, key, why);
}

/* Every token of creds, in one list: n of them into out. */
static size_t all_tokens(const ks_kds_credentials *c, const char *out[KS_KDS_MAX_KIOSKS + 3])
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_kiosks; i++)
        out[n++] = c->kiosks[i].token;
    const char *roles[] = {c->bump, c->collect, c->board};
    for (size_t i = 0; i < 3; i++)
        if (roles[i][0])
            out[n++] = roles[i];
    return n;
}

/* The rules between settings, once all are read. */
static bool check_whole(const ks_kds_config *cfg, ks_kds_config_error *err)
{
    const char *tokens[KS_KDS_MAX_KIOSKS + 3];
    size_t n = all_tokens(&cfg->creds, tokens);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(tokens[i], tokens[j]) == 0) {
                snprintf(err->message, sizeof err->message,
                         "a token is used twice: each kiosk and each role needs its own");
                return false;
            }
    if (cfg->red_s <= cfg->amber_s) {
        snprintf(err->message, sizeof err->message,
                 "[kitchen] red_minutes: must be more than amber_minutes");
        return false;
    }
    const char *why;
    if (!ks_device_backend_check(&cfg->backend, &why)) {
        snprintf(err->message, sizeof err->message, "%s", why);
        return false;
    }
    if (cfg->station[0] && !ks_kds_config_station(cfg)) {
        snprintf(err->message, sizeof err->message,
                 "[kitchen] station: \"%s\" is not defined in [stations]", cfg->station);
        return false;
    }
    return true;
}

bool ks_kds_config_parse(ks_kds_config *cfg, const char *text, size_t len, ks_kds_config_error *err)
{
    struct parse_state st = {.cfg = cfg};
    return ks_ini_parse(text, len, handle_entry, &st, err) && check_whole(cfg, err);
}

bool ks_kds_config_load(ks_kds_config *cfg, const char *path, ks_kds_config_error *err)
{
    struct parse_state st = {.cfg = cfg};
    if (!ks_ini_load(path, handle_entry, &st, err) || !check_whole(cfg, err))
        return false;
    if (!ks_ini_resolve_path(cfg->database, sizeof cfg->database, path) ||
        !ks_ini_resolve_path(cfg->assets, sizeof cfg->assets, path) ||
        !ks_http_tls_resolve(&cfg->tls, path) || !ks_device_backend_resolve(&cfg->backend, path)) {
        snprintf(err->message, sizeof err->message, "[kitchen] a path is too long once resolved");
        return false;
    }
    return true;
}

const ks_kds_station *ks_kds_config_station(const ks_kds_config *cfg)
{
    for (size_t i = 0; cfg->station[0] && i < cfg->n_stations; i++)
        if (strcmp(cfg->stations[i].name, cfg->station) == 0)
            return &cfg->stations[i];
    return NULL;
}
