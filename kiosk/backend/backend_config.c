/* The backend's INI configuration: see kiosk/backend/backend_config.h. */
#include "kiosk/backend/backend_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bearer_token.h"
#include "kiosk/common/dirs.h"
#include "kiosk/common/ini_text.h"
#include "kiosk/domain/zatca_qr.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_server.h"

void ks_backend_config_defaults(ks_backend_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    /* No all-interfaces default: the address to serve on is chosen by the operator. */
    cfg->listen[0] = '\0';
    snprintf(cfg->database, sizeof cfg->database, "%s/backend.db", ks_dirs_default().state);
    cfg->utc_offset_min = 180;
    snprintf(cfg->receipts.fonts, sizeof cfg->receipts.fonts, "%s/fonts", ks_dirs_default().data);
}

enum ks_backend_caller ks_backend_config_caller(const ks_backend_config *cfg,
                                                const char *authorization,
                                                const ks_backend_kiosk **kiosk,
                                                const ks_backend_channel **channel)
{
    static const char scheme[] = "Bearer ";
    if (!authorization || strncmp(authorization, scheme, sizeof scheme - 1) != 0 ||
        strlen(authorization) > sizeof scheme - 1 + KS_BACKEND_TOKEN_MAX)
        return KS_BACKEND_CALLER_NONE;
    const char *token = authorization + sizeof scheme - 1;
    enum ks_backend_caller who = KS_BACKEND_CALLER_NONE;
    /* Every token is compared, whichever matches. */
    for (size_t i = 0; i < cfg->n_kiosks; i++)
        if (ks_http_same_secret(token, cfg->kiosks[i].token)) {
            who = KS_BACKEND_CALLER_KIOSK;
            if (kiosk)
                *kiosk = &cfg->kiosks[i];
        }
    for (size_t i = 0; i < cfg->n_channels; i++)
        if (ks_http_same_secret(token, cfg->channels[i].token)) {
            who = KS_BACKEND_CALLER_CHANNEL;
            if (channel)
                *channel = &cfg->channels[i];
        }
    if (cfg->manager_token[0] && ks_http_same_secret(token, cfg->manager_token))
        who = KS_BACKEND_CALLER_MANAGER;
    return who;
}

struct parse_state {
    ks_backend_config *cfg;
    ks_ini *ini; /* the parse under way */
};

static bool refuse(struct parse_state *st, const char *section, const char *key, const char *reason)
{
    return ks_ini_refuse(st->ini, section, key, reason);
}

static bool copy(char *out, size_t cap, const char *value)
{
    size_t len = strlen(value);
    if (len >= cap)
        return false;
    memcpy(out, value, len + 1);
    return true;
}

static bool backend_key(struct parse_state *st, const char *key, const char *value)
{
    ks_backend_config *cfg = st->cfg;
    char address[16];
    uint16_t port;
    const char *why;
    enum ks_http_tls_setting tls = ks_http_tls_setting(&cfg->tls, key, value, &why);
    if (tls != KS_HTTP_TLS_NOT_MINE)
        return tls == KS_HTTP_TLS_TAKEN ? true : refuse(st, "backend", key, why);
    if (strcmp(key, "listen") == 0) {
        if (!ks_http_parse_listen(value, address, &port) ||
            !copy(cfg->listen, sizeof cfg->listen, value))
            return refuse(st, "backend", key, "expected IPv4-ADDRESS:PORT");
    } else if (strcmp(key, "database") == 0) {
        if (!value[0] || !copy(cfg->database, sizeof cfg->database, value))
            return refuse(st, "backend", key,
                          "expected a file path, sqlite:///path or a PostgreSQL "
                          "connection string of at most 1024 bytes");
    } else if (strcmp(key, "assets") == 0) {
        if (!value[0] || !copy(cfg->assets, sizeof cfg->assets, value))
            return refuse(st, "backend", key, "expected a folder path of at most 1024 bytes");
    } else if (strcmp(key, "manager_token") == 0) {
        char weak[128];
        if (!ks_token_strong(value, weak, sizeof weak) ||
            !copy(cfg->manager_token, sizeof cfg->manager_token, value))
            return refuse(st, "backend", key, weak);
    } else if (strcmp(key, "utc_offset_min") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        /* Whole quarter hours, as every time zone is: the peak report's quarters (be_quarter_sales)
         * each fall in one local hour. */
        if (end == value || *end || v < -720 || v > 840 || v % 15 != 0)
            return refuse(st, "backend", key,
                          "expected minutes from -720 to 840, a multiple of 15");
        cfg->utc_offset_min = (int)v;
    } else {
        return refuse(st, "backend", key, "unknown key");
    }
    return true;
}

static bool receipts_key(struct parse_state *st, const char *key, const char *value)
{
    ks_backend_receipts_config *r = &st->cfg->receipts;
    if (strcmp(key, "seller_ar") == 0 || strcmp(key, "seller_en") == 0) {
        char *out = key[7] == 'a' ? r->seller_ar : r->seller_en;
        if (!copy(out, sizeof r->seller_ar, value))
            return refuse(st, "receipts", key, "expected at most 128 bytes");
    } else if (strcmp(key, "vat_number") == 0) {
        if (value[0] && !ks_vat_number_ok(value))
            return refuse(st, "receipts", key, "expected 15 digits that start and end with 3");
        copy(r->vat_number, sizeof r->vat_number, value);
    } else if (strcmp(key, "numerals") == 0) {
        if (strcmp(value, "western") != 0 && strcmp(value, "arabic-indic") != 0)
            return refuse(st, "receipts", key, "expected western or arabic-indic");
        r->arabic_indic = value[0] == 'a';
    } else if (strcmp(key, "fonts") == 0) {
        if (!value[0] || !copy(r->fonts, sizeof r->fonts, value))
            return refuse(st, "receipts", key, "expected a folder path of at most 1024 bytes");
    } else {
        return refuse(st, "receipts", key, "unknown key");
    }
    return true;
}

/*
 * Splits value ("<token>[ <rest>]") into token[cap] and *rest (after the
 * blanks that follow it); false, saying why, when the token is weak.
 */
static bool split_token(struct parse_state *st, const char *section, const char *key,
                        const char *value, char *token, size_t cap, const char **rest)
{
    char why[128];
    size_t token_len = strcspn(value, " \t");
    *rest = value + token_len + strspn(value + token_len, " \t");
    if (token_len >= cap)
        token_len = cap - 1; /* too long either way: ks_token_strong says so */
    memcpy(token, value, token_len);
    token[token_len] = '\0';
    return ks_token_strong(token, why, sizeof why) || refuse(st, section, key, why);
}

bool ks_backend_channel_sells_at(const ks_backend_channel *channel, const char *store_id)
{
    for (size_t i = 0; i < channel->n_stores; i++)
        if (strcmp(channel->stores[i], store_id) == 0)
            return true;
    return channel->n_stores == 0;
}

/*
 * [channels] name = token [store ...]: a sales channel that may reserve
 * stock, at the stores listed after its token, or at every store.
 */
static bool channel_key(struct parse_state *st, const char *key, const char *value)
{
    ks_backend_config *cfg = st->cfg;
    if (!ks_device_id_ok(key))
        return refuse(st, "channels", key, "a channel name is 1-32 characters of a-z 0-9 _ . -");
    char token[KS_BACKEND_TOKEN_MAX + 2];
    const char *stores;
    if (!split_token(st, "channels", key, value, token, sizeof token, &stores))
        return false;
    for (size_t i = 0; i < cfg->n_channels; i++)
        if (strcmp(cfg->channels[i].name, key) == 0 || strcmp(cfg->channels[i].token, token) == 0)
            return refuse(st, "channels", key, "channel name or token given twice");
    if (cfg->n_channels == KS_BACKEND_MAX_CHANNELS)
        return refuse(st, "channels", key, "more than 8 channels");
    ks_backend_channel *c = &cfg->channels[cfg->n_channels];
    memset(c, 0, sizeof *c);
    while (*stores) {
        size_t len = strcspn(stores, " \t");
        char store[KS_BACKEND_ID_MAX + 2];
        memcpy(store, stores, len < sizeof store ? len : sizeof store - 1);
        store[len < sizeof store ? len : sizeof store - 1] = '\0';
        if (len >= sizeof store || !ks_device_id_ok(store))
            return refuse(st, "channels", key,
                          "expected a token, then optionally the store ids it sells at (each "
                          "1-32 characters of a-z 0-9 _ . -)");
        if (ks_backend_channel_sells_at(c, store) && c->n_stores > 0)
            return refuse(st, "channels", key, "a store listed twice");
        if (c->n_stores == KS_BACKEND_MAX_STORES)
            return refuse(st, "channels", key, "more than 32 stores");
        copy(c->stores[c->n_stores++], sizeof c->stores[0], store);
        stores += len + strspn(stores + len, " \t");
    }
    copy(c->name, sizeof c->name, key);
    copy(c->token, sizeof c->token, token);
    cfg->n_channels++;
    return true;
}

/*
 * [kiosks] id = token [store]: a kiosk, and the store it serves. The store
 * after the token is optional so that the files of earlier versions load.
 */
static bool kiosk_key(struct parse_state *st, const char *key, const char *value)
{
    ks_backend_config *cfg = st->cfg;
    if (!ks_device_id_ok(key))
        return refuse(st, "kiosks", key, "a kiosk id is 1-32 characters of a-z 0-9 _ . -");
    char token[KS_BACKEND_TOKEN_MAX + 2];
    const char *store;
    if (!split_token(st, "kiosks", key, value, token, sizeof token, &store))
        return false;
    if (store[0] && !ks_device_id_ok(store))
        return refuse(st, "kiosks", key,
                      "expected a token, then optionally its store id (1-32 characters of "
                      "a-z 0-9 _ . -)");
    for (size_t i = 0; i < cfg->n_kiosks; i++)
        if (strcmp(cfg->kiosks[i].id, key) == 0 || strcmp(cfg->kiosks[i].token, token) == 0)
            return refuse(st, "kiosks", key, "kiosk id or token given twice");
    if (cfg->n_kiosks == KS_BACKEND_MAX_KIOSKS)
        return refuse(st, "kiosks", key, "more than 64 kiosks");
    ks_backend_kiosk *k = &cfg->kiosks[cfg->n_kiosks++];
    copy(k->id, sizeof k->id, key);
    copy(k->token, sizeof k->token, token);
    copy(k->store_id, sizeof k->store_id, store);
    return true;
}

static bool on_value(ks_ini *ini, void *ctx, const char *section, const char *key,
                     const char *value)
{
    struct parse_state *st = ctx;
    st->ini = ini;
    ks_backend_config *cfg = st->cfg;
    if (strcmp(section, "backend") == 0)
        return backend_key(st, key, value);
    if (strcmp(section, "receipts") == 0)
        return receipts_key(st, key, value);
    if (strcmp(section, "kiosks") == 0)
        return kiosk_key(st, key, value);
    if (strcmp(section, "channels") == 0)
        return channel_key(st, key, value);
    if (strcmp(section, "menus") == 0) {
        if (!ks_device_id_ok(key))
            return refuse(st, section, key, "a store id is 1-32 characters of a-z 0-9 _ . -");
        for (size_t i = 0; i < cfg->n_menus; i++)
            if (strcmp(cfg->menus[i].store_id, key) == 0)
                return refuse(st, section, key, "store given twice");
        if (cfg->n_menus == KS_BACKEND_MAX_STORES)
            return refuse(st, section, key, "more than 32 stores");
        ks_backend_menu *m = &cfg->menus[cfg->n_menus];
        if (!value[0] || !copy(m->path, sizeof m->path, value))
            return refuse(st, section, key, "expected a file path of at most 1024 bytes");
        copy(m->store_id, sizeof m->store_id, key);
        cfg->n_menus++;
        return true;
    }
    return refuse(st, section, key, "unknown section");
}

/* The rules between settings, once all are read. */
static bool check_whole(const ks_backend_config *cfg, char *why, size_t size)
{
    /* A kiosk holding the managers' token could read every store's reports. */
    for (size_t i = 0; i < cfg->n_kiosks; i++)
        if (strcmp(cfg->kiosks[i].token, cfg->manager_token) == 0) {
            snprintf(why, size, "[kiosks] %s: the managers' token is not a kiosk's",
                     cfg->kiosks[i].id);
            return false;
        }
    /* A channel's token opens the reservations only: never a kiosk's or the managers'. */
    for (size_t i = 0; i < cfg->n_channels; i++) {
        bool taken = strcmp(cfg->channels[i].token, cfg->manager_token) == 0;
        for (size_t k = 0; k < cfg->n_kiosks; k++)
            taken = taken || strcmp(cfg->channels[i].token, cfg->kiosks[k].token) == 0;
        if (taken) {
            snprintf(why, size,
                     "[channels] %s: a channel's token is its own, not a kiosk's or "
                     "the managers'",
                     cfg->channels[i].name);
            return false;
        }
    }
    const ks_backend_receipts_config *r = &cfg->receipts;
    if (r->vat_number[0] && !r->seller_ar[0] && !r->seller_en[0]) {
        snprintf(why, size, "[receipts] vat_number: the seller's name (seller_ar, seller_en) too");
        return false;
    }
    return true;
}

/* The first problem in why: "line N: [section] key: reason" when it has a line. */
static bool report(bool ok, const ks_ini_error *err, char *why, size_t size)
{
    if (!ok && err->line > 0)
        snprintf(why, size, "line %d: %s", err->line, err->message);
    else if (!ok)
        snprintf(why, size, "%s", err->message);
    return ok;
}

bool ks_backend_config_parse(ks_backend_config *cfg, const char *text, size_t len, char *why,
                             size_t size)
{
    struct parse_state st = {.cfg = cfg};
    ks_ini_error err;
    return report(ks_ini_parse(text, len, on_value, &st, &err), &err, why, size) &&
           check_whole(cfg, why, size);
}

bool ks_backend_config_load(ks_backend_config *cfg, const char *path, char *why, size_t size)
{
    struct parse_state st = {.cfg = cfg};
    ks_ini_error err;
    if (!report(ks_ini_load(path, on_value, &st, &err), &err, why, size) ||
        !check_whole(cfg, why, size))
        return false;
    if (!ks_http_tls_resolve(&cfg->tls, path)) {
        snprintf(why, size, "[backend] a TLS file's path is too long once resolved");
        return false;
    }
    return true;
}
