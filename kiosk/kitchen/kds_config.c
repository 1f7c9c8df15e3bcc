/* The kitchen display's INI configuration: see kiosk/kitchen/kds_config.h. */
#include "kiosk/kitchen/kds_config.h"

#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bounded_file.h"
#include "kiosk/http/http_server.h"

#define CONFIG_MAX_BYTES (64 * 1024)
/* Longest item of a comma-separated list (a token is the longest kind). */
#define LIST_ITEM_MAX KS_KDS_TOKEN_MAX

void ks_kds_config_defaults(ks_kds_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->listen, sizeof cfg->listen, "0.0.0.0:8080");
    cfg->language = KS_LANG_AR;
    cfg->mode = KS_KDS_MODE_KITCHEN;
    cfg->amber_s = 5 * 60;
    cfg->red_s = 10 * 60;
    snprintf(cfg->database, sizeof cfg->database, "kitchen.db");
    snprintf(cfg->assets, sizeof cfg->assets, "assets");
}

struct parse_state {
    ks_kds_config *cfg;
    ks_kds_config_error *err;
    bool failed;
};

static int refuse(struct parse_state *st, const char *section, const char *key, const char *reason)
{
    if (!st->failed) {
        snprintf(st->err->message, sizeof st->err->message, "[%s] %s: %s", section, key, reason);
        st->failed = true;
    }
    return 0;
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

static bool add_token(void *ctx, const char *item)
{
    ks_kds_config *cfg = ctx;
    if (cfg->n_tokens == KS_KDS_MAX_TOKENS || strlen(item) < 16)
        return false;
    for (const char *c = item; *c; c++)
        if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f)
            return false;
    memcpy(cfg->tokens[cfg->n_tokens++], item, strlen(item) + 1);
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

static bool copy_text(char *out, size_t size, const char *value)
{
    size_t len = strlen(value);
    if (len >= size)
        return false;
    memcpy(out, value, len + 1);
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

static int kitchen_key(struct parse_state *st, const char *key, const char *value)
{
    ks_kds_config *cfg = st->cfg;
    char address[16];
    uint16_t port;
    if (strcmp(key, "listen") == 0) {
        if (value[0] && !ks_http_parse_listen(value, address, &port))
            return refuse(st, "kitchen", key, "must be IPv4-ADDRESS:PORT or empty");
        return copy_text(cfg->listen, sizeof cfg->listen, value)
                   ? 1
                   : refuse(st, "kitchen", key, "too long");
    }
    if (strcmp(key, "tokens") == 0) {
        cfg->n_tokens = 0;
        if (value[0] && !split_list(value, add_token, cfg))
            return refuse(st, "kitchen", key,
                          "up to 16 tokens of 16 to 128 printable characters, comma-separated");
        return 1;
    }
    if (strcmp(key, "language") == 0) {
        if (strcmp(value, "ar") != 0 && strcmp(value, "en") != 0)
            return refuse(st, "kitchen", key, "must be one of: ar en");
        cfg->language = value[0] == 'a' ? KS_LANG_AR : KS_LANG_EN;
        return 1;
    }
    if (strcmp(key, "mode") == 0) {
        if (strcmp(value, "kitchen") != 0 && strcmp(value, "board") != 0)
            return refuse(st, "kitchen", key, "must be one of: kitchen board");
        cfg->mode = value[0] == 'k' ? KS_KDS_MODE_KITCHEN : KS_KDS_MODE_BOARD;
        return 1;
    }
    if (strcmp(key, "station") == 0)
        return copy_text(cfg->station, sizeof cfg->station, value)
                   ? 1
                   : refuse(st, "kitchen", key, "too long");
    if (strcmp(key, "amber_minutes") == 0 || strcmp(key, "red_minutes") == 0) {
        int *target = key[0] == 'a' ? &cfg->amber_s : &cfg->red_s;
        return parse_minutes(value, target)
                   ? 1
                   : refuse(st, "kitchen", key, "must be a whole number from 1 to 240");
    }
    if (strcmp(key, "database") == 0 || strcmp(key, "assets") == 0) {
        char *target = key[0] == 'd' ? cfg->database : cfg->assets;
        if (!value[0])
            return refuse(st, "kitchen", key, "must not be empty");
        return copy_text(target, sizeof cfg->database, value)
                   ? 1
                   : refuse(st, "kitchen", key, "too long");
    }
    return refuse(st, "kitchen", key, "unknown setting");
}

static int station_key(struct parse_state *st, const char *key, const char *value)
{
    ks_kds_config *cfg = st->cfg;
    ks_kds_station *s = NULL;
    for (size_t i = 0; i < cfg->n_stations && !s; i++)
        if (strcmp(cfg->stations[i].name, key) == 0)
            s = &cfg->stations[i];
    if (!s) {
        if (cfg->n_stations == KS_KDS_MAX_STATIONS || strlen(key) > KS_KDS_STATION_NAME_MAX)
            return refuse(st, "stations", key, "at most 8 stations with names of up to 32 bytes");
        s = &cfg->stations[cfg->n_stations++];
        memcpy(s->name, key, strlen(key) + 1);
    }
    s->n_categories = 0;
    if (!split_list(value, add_category, s))
        return refuse(st, "stations", key, "up to 16 category ids, comma-separated");
    return 1;
}

static int handle_entry(void *user, const char *section, const char *key, const char *value)
{
    struct parse_state *st = user;
    if (st->failed)
        return 0;
    if (strcmp(section, "kitchen") == 0)
        return kitchen_key(st, key, value);
    if (strcmp(section, "stations") == 0)
        return station_key(st, key, value);
    return refuse(st, section, key, "unknown setting");
}

bool ks_kds_config_parse(ks_kds_config *cfg, const char *text, size_t len, ks_kds_config_error *err)
{
    err->line = 0;
    err->message[0] = '\0';
    if (len > CONFIG_MAX_BYTES || memchr(text, '\0', len)) {
        snprintf(err->message, sizeof err->message, "larger than 64 KiB or holds a NUL byte");
        return false;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return false;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    struct parse_state st = {.cfg = cfg, .err = err};
    int line = ini_parse_string(copy, handle_entry, &st);
    free(copy);
    if (line != 0) {
        err->line = line > 0 ? line : 0;
        if (!st.failed)
            snprintf(err->message, sizeof err->message,
                     "syntax error or line too long (expected [section] or key = value)");
        return false;
    }
    if (cfg->red_s <= cfg->amber_s) {
        snprintf(err->message, sizeof err->message,
                 "[kitchen] red_minutes: must be more than amber_minutes");
        return false;
    }
    if (cfg->station[0] && !ks_kds_config_station(cfg)) {
        snprintf(err->message, sizeof err->message,
                 "[kitchen] station: \"%s\" is not defined in [stations]", cfg->station);
        return false;
    }
    return true;
}

static bool resolve(char *path, size_t size, const char *dir)
{
    if (path[0] == '/')
        return true;
    char joined[PATH_MAX];
    int n = snprintf(joined, sizeof joined, "%s/%s", dir, path);
    if (n < 0 || (size_t)n >= size)
        return false;
    memcpy(path, joined, (size_t)n + 1);
    return true;
}

bool ks_kds_config_load(ks_kds_config *cfg, const char *path, ks_kds_config_error *err)
{
    err->line = 0;
    size_t len;
    char *text = ks_bounded_file_read(path, CONFIG_MAX_BYTES, &len, err->message,
                                      sizeof err->message);
    if (!text)
        return false;
    bool ok = ks_kds_config_parse(cfg, text, len, err);
    free(text);
    if (!ok)
        return false;
    char dir[PATH_MAX] = ".";
    const char *slash = strrchr(path, '/');
    if (slash && (size_t)(slash - path) < sizeof dir) {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
    }
    if (!resolve(cfg->database, sizeof cfg->database, dir) ||
        !resolve(cfg->assets, sizeof cfg->assets, dir)) {
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
