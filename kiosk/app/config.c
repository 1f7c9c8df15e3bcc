/* INI configuration: see kiosk/app/config.h. Parsing through kiosk/common/ini_text.h. */
#include "kiosk/app/config.h"

#include "devices/payment/nexo_uri.h"
#include "devices/printer/printer.h"
#include "kiosk/app/delivery.h"
#include "kiosk/common/dirs.h"
#include "kiosk/common/outgoing_url.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/order_number.h"
#include "kiosk/domain/pin_lockout.h"
#include "kiosk/domain/zatca_qr.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FIELD_CHOICE stores the choice's index through an int pointer. */
_Static_assert(sizeof(enum ks_lang) == sizeof(int) && sizeof(enum ks_numerals) == sizeof(int) &&
                   sizeof(enum ks_kiosk_mode) == sizeof(int) &&
                   sizeof(enum ks_orientation) == sizeof(int),
               "choice fields must be int-sized enums");

enum field_type {
    FIELD_TEXT,
    FIELD_INT,
    FIELD_BOOL,
    FIELD_CHOICE,
    FIELD_VAT_NUMBER,
    FIELD_PIN,
    FIELD_PATH,
    FIELD_URL,
    FIELD_URL_LIST,
    FIELD_RECEIPT_URL, /* a FIELD_URL ending in '/' (the receipt token is appended) */
    FIELD_TOKEN,
    FIELD_LABELS,
    FIELD_DEVICE_ID, /* a store or kiosk id: ks_device_id_ok */
    FIELD_DIGITS,    /* exactly `min` ASCII digits */
    FIELD_TERMINAL_URI,
    FIELD_PRINTER_URI,
};

struct field {
    const char *section;
    const char *key;
    enum field_type type;
    size_t offset;
    size_t size;                /* FIELD_TEXT/FIELD_PATH: buffer size */
    int min, max;               /* FIELD_INT */
    const char *const *choices; /* FIELD_CHOICE: NULL-terminated, stored as the index */
};

/* Weight labels on prefix 20, price labels on 22 (item code = the catalog's 5-digit plu). */
#define KS_CONFIG_DEFAULT_LABELS "20IIIIIWWWWW, 22IIIIIPPPPP"

static const char *const modes[] = {"restaurant", "supermarket", NULL};
static const char *const languages[] = {"ar", "en", NULL};
static const char *const numerals[] = {"western", "arabic-indic", NULL};
static const char *const orientations[] = {"portrait", "landscape", NULL};

/* clang-format off */
#define TEXT(sec, k, member) {sec, k, FIELD_TEXT, offsetof(ks_config, member), sizeof(((ks_config *)0)->member), 0, 0, NULL}
#define PATH(sec, k, member) {sec, k, FIELD_PATH, offsetof(ks_config, member), sizeof(((ks_config *)0)->member), 0, 0, NULL}
#define INT(sec, k, member, lo, hi) {sec, k, FIELD_INT, offsetof(ks_config, member), 0, lo, hi, NULL}
#define DIGITS(sec, k, member, n) {sec, k, FIELD_DIGITS, offsetof(ks_config, member), sizeof(((ks_config *)0)->member), n, n, NULL}
#define BOOL(sec, k, member) {sec, k, FIELD_BOOL, offsetof(ks_config, member), 0, 0, 0, NULL}
#define CHOICE(sec, k, member, list) {sec, k, FIELD_CHOICE, offsetof(ks_config, member), 0, 0, 0, list}

static const struct field fields[] = {
    {"store", "id", FIELD_DEVICE_ID, offsetof(ks_config, store_id), sizeof(((ks_config *)0)->store_id), 0, 0, NULL},
    TEXT("store", "name_ar", store_name_ar),
    TEXT("store", "name_en", store_name_en),
    {"store", "vat_number", FIELD_VAT_NUMBER, offsetof(ks_config, vat_number), 16, 0, 0, NULL},
    TEXT("store", "legal_name", legal_name),
    DIGITS("store", "crn", crn, 10),
    TEXT("store", "street", street),
    DIGITS("store", "building_number", building_number, 4),
    TEXT("store", "district", district),
    TEXT("store", "city", city),
    DIGITS("store", "postal_code", postal_code, 5),
    {"kiosk", "id", FIELD_DEVICE_ID, offsetof(ks_config, kiosk_id), sizeof(((ks_config *)0)->kiosk_id), 0, 0, NULL},
    INT("kiosk", "number_series", number_series, 0, KS_ORDER_SERIES_MAX),
    CHOICE("kiosk", "mode", mode, modes),
    CHOICE("kiosk", "language", language, languages),
    CHOICE("kiosk", "numerals", numerals, numerals),
    CHOICE("kiosk", "orientation", orientation, orientations),
    INT("kiosk", "idle_timeout_seconds", idle_timeout_s, 10, 600),
    INT("kiosk", "idle_countdown_seconds", idle_countdown_s, 5, 60),
    INT("kiosk", "done_seconds", done_timeout_s, 3, 120),
    BOOL("kiosk", "pay_at_counter", pay_at_counter),
    BOOL("kiosk", "upsell", upsell),
    {"kiosk", "staff_pin", FIELD_PIN, offsetof(ks_config, staff_pin), 9, 0, 0, NULL},
    INT("kiosk", "staff_pin_max_failures", staff_pin_max_failures, 1, KS_PIN_LOCKOUT_FAILURES_MAX),
    INT("kiosk", "staff_pin_lockout_seconds", staff_pin_lockout_s, KS_PIN_LOCKOUT_SECONDS_MIN, KS_PIN_LOCKOUT_SECONDS_MAX),
    PATH("zatca", "certificate", zatca_certificate),
    PATH("zatca", "private_key", zatca_private_key),
    PATH("paths", "database", database),
    PATH("paths", "menu", menu),
    PATH("paths", "assets", assets),
    PATH("paths", "image_cache", image_cache),
    {"network", "kitchen_urls", FIELD_URL_LIST, offsetof(ks_config, kitchen_urls), 0, 0, 0, NULL},
    {"network", "token", FIELD_TOKEN, offsetof(ks_config, token), sizeof(((ks_config *)0)->token), 0, 0, NULL},
    {"network", "backend_url", FIELD_URL, offsetof(ks_config, backend_url), sizeof(((ks_config *)0)->backend_url), 0, 0, NULL},
    {"network", "receipt_url", FIELD_RECEIPT_URL, offsetof(ks_config, receipt_url), sizeof(((ks_config *)0)->receipt_url), 0, 0, NULL},
    INT("network", "timeout_seconds", delivery_timeout_s, 1, 60),
    INT("network", "menu_poll_seconds", menu_poll_s, 0, 86400),
    INT("network", "heartbeat_seconds", heartbeat_s, 0, 3600),
    {"zatca", "reporting_url", FIELD_URL, offsetof(ks_config, zatca_url), sizeof(((ks_config *)0)->zatca_url), 0, 0, NULL},
    PATH("network", "ca_certificate", ca_certificate),
    PATH("network", "token_file", token_file),
    PATH("zatca", "credentials", zatca_credentials),
    INT("zatca", "overdue_hours", zatca_overdue_hours, 1, 23),
    INT("retention", "days", retention_days, 0, 36500),
    INT("retention", "refund_days", refund_days, 0, 36500),
    TEXT("supermarket", "scanner", scanner_uri),
    TEXT("supermarket", "scale", scale_uri),
    TEXT("supermarket", "bagging_scale", bagging_scale_uri),
    BOOL("supermarket", "remove_needs_attendant", remove_needs_attendant),
    {"supermarket", "attendant_console", FIELD_URL, offsetof(ks_config, attendant_url), sizeof(((ks_config *)0)->attendant_url), 0, 0, NULL},
    {"supermarket", "labels", FIELD_LABELS, offsetof(ks_config, labels), 0, 0, 0, NULL},
    {"devices", "terminal", FIELD_TERMINAL_URI, offsetof(ks_config, terminal_uri), sizeof(((ks_config *)0)->terminal_uri), 0, 0, NULL},
    {"devices", "printer", FIELD_PRINTER_URI, offsetof(ks_config, printer_uri), sizeof(((ks_config *)0)->printer_uri), 0, 0, NULL},
};
/* clang-format on */

void ks_config_defaults(ks_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->store_id, sizeof cfg->store_id, "demo-riyadh-01");
    snprintf(cfg->store_name_ar, sizeof cfg->store_name_ar, "برجر العليا");
    snprintf(cfg->store_name_en, sizeof cfg->store_name_en, "Olaya Burger");
    snprintf(cfg->vat_number, sizeof cfg->vat_number, "399999999900003");
    snprintf(cfg->legal_name, sizeof cfg->legal_name, "شركة برجر العليا المحدودة");
    snprintf(cfg->crn, sizeof cfg->crn, "1010010000");
    snprintf(cfg->street, sizeof cfg->street, "شارع العليا");
    snprintf(cfg->building_number, sizeof cfg->building_number, "1234");
    snprintf(cfg->district, sizeof cfg->district, "العليا");
    snprintf(cfg->city, sizeof cfg->city, "الرياض");
    snprintf(cfg->postal_code, sizeof cfg->postal_code, "12211");
    cfg->utc_offset_min = KS_INI_UTC_OFFSET_MIN_DEFAULT;
    cfg->business_day_start_min = KS_INI_DAY_START_MIN_DEFAULT;
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "kiosk-01");
    cfg->mode = KS_MODE_RESTAURANT;
    cfg->language = KS_LANG_AR;
    cfg->numerals = KS_NUMERALS_WESTERN;
    cfg->idle_timeout_s = 60;
    cfg->idle_countdown_s = 15;
    cfg->done_timeout_s = 10;
    cfg->pay_at_counter = true;
    cfg->upsell = true;
    cfg->staff_pin_max_failures = KS_PIN_LOCKOUT_FAILURES;
    cfg->staff_pin_lockout_s = KS_PIN_LOCKOUT_SECONDS;
    const ks_dirs dirs = ks_dirs_default();
    snprintf(cfg->database, sizeof cfg->database, "%s/kiosk.db", dirs.state);
    snprintf(cfg->menu, sizeof cfg->menu, "%s/menus/restaurant.json", dirs.data);
    snprintf(cfg->assets, sizeof cfg->assets, "%s", dirs.data);
    snprintf(cfg->image_cache, sizeof cfg->image_cache, "%s/image-cache", dirs.state);
    cfg->delivery_timeout_s = 5;
    cfg->menu_poll_s = 60; /* an item sold out from stock shows within a minute */
    cfg->heartbeat_s = 60;
    cfg->zatca_overdue_hours = 12;
    cfg->retention_days = 90; /* a quarter: its VAT return filed, see ARCHITECTURE.md "Retention" */
    cfg->refund_days = 30;
    snprintf(cfg->zatca_credentials, sizeof cfg->zatca_credentials, "zatca-csid.json");
    cfg->remove_needs_attendant = true;
    ks_label_layouts_parse(KS_CONFIG_DEFAULT_LABELS, cfg->labels, &cfg->n_labels, NULL, 0);
}

struct parse_state {
    ks_config *cfg;
    ks_ini *ini; /* the parse under way */
};

static bool set_error(struct parse_state *st, const char *section, const char *key,
                      const char *reason)
{
    return ks_ini_refuse(st->ini, section, key, reason);
}

static bool valid_pin(const char *v)
{
    size_t len = strlen(v);
    if (len < 4 || len > 8)
        return false;
    for (size_t i = 0; i < len; i++)
        if (v[i] < '0' || v[i] > '9')
            return false;
    return true;
}

/* RFC 6750 b64token characters; a token is also a header value, so nothing else. */
static bool valid_token(const char *v)
{
    size_t len = strlen(v);
    if (len > 0 && len < 16)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
              (v[i] >= '0' && v[i] <= '9') || strchr("-._~+/=", v[i])))
            return false;
    return true;
}

/* An empty value (no URL) or one ks_outgoing_url_ok accepts, of fewer than size bytes. */
static bool apply_url(struct parse_state *st, const struct field *f, const char *value, size_t len,
                      char *out, size_t size)
{
    if (len >= size)
        return set_error(st, f->section, f->key, "URL too long");
    char url[KS_URL_MAX + 1];
    memcpy(url, value, len);
    url[len] = '\0';
    const char *why = NULL;
    if (len > 0 && !ks_outgoing_url_ok(url, &why))
        return set_error(st, f->section, f->key, why);
    memcpy(out, url, len + 1);
    return true;
}

/* A comma-separated list of URLs, spaces around the commas ignored; replaces the list. */
static bool apply_url_list(struct parse_state *st, const struct field *f, const char *value)
{
    ks_config *cfg = st->cfg;
    cfg->n_kitchen_urls = 0;
    for (const char *p = value; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0 && (comma || cfg->n_kitchen_urls > 0))
            return set_error(st, f->section, f->key, "empty entry in the list");
        if (len > 0) {
            if (cfg->n_kitchen_urls == KS_CONFIG_MAX_KITCHENS)
                return set_error(st, f->section, f->key, "at most 4 URLs");
            if (!apply_url(st, f, p, len, cfg->kitchen_urls[cfg->n_kitchen_urls],
                           sizeof cfg->kitchen_urls[0]))
                return false;
            cfg->n_kitchen_urls++;
        }
        p = comma ? comma + 1 : p + len;
    }
    return true;
}

/* "" (simulated) or a device URI its driver accepts, of fewer than f->size bytes. */
static bool apply_device_uri(struct parse_state *st, const struct field *f, const char *value,
                             char *out)
{
    size_t len = strlen(value);
    if (len >= f->size)
        return set_error(st, f->section, f->key, "too long");
    if (len > 0 && f->type == FIELD_TERMINAL_URI) {
        dev_nexo_uri uri;
        char why[160];
        if (!dev_nexo_uri_parse(value, &uri, why, sizeof why))
            return set_error(st, f->section, f->key, why);
    } else if (len > 0) {
        enum dev_printer_error err;
        dev_printer *printer = dev_printer_new(value, NULL, &err);
        if (!printer)
            return set_error(st, f->section, f->key, dev_printer_strerror(err));
        dev_printer_free(printer);
    }
    memcpy(out, value, len + 1);
    return true;
}

static bool apply_field(struct parse_state *st, const struct field *f, const char *value)
{
    char *base = (char *)st->cfg + f->offset;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_PATH: {
        size_t len = strlen(value);
        if (len == 0 && f->type == FIELD_PATH)
            return set_error(st, f->section, f->key, "must not be empty");
        if (len >= f->size)
            return set_error(st, f->section, f->key, "too long");
        memcpy(base, value, len + 1);
        return true;
    }
    case FIELD_DIGITS: {
        size_t len = strlen(value);
        bool digits = len == (size_t)f->min;
        for (size_t i = 0; digits && i < len; i++)
            digits = value[i] >= '0' && value[i] <= '9';
        if (!digits) {
            char reason[48];
            snprintf(reason, sizeof reason, "must be %d digits", f->min);
            return set_error(st, f->section, f->key, reason);
        }
        memcpy(base, value, len + 1);
        return true;
    }
    case FIELD_DEVICE_ID:
        if (!ks_device_id_ok(value) || strlen(value) >= f->size)
            return set_error(st, f->section, f->key,
                             "expected 1-32 characters of a-z 0-9 _ . - (lowercase)");
        memcpy(base, value, strlen(value) + 1);
        return true;
    case FIELD_INT: {
        char *end;
        long v = strtol(value, &end, 10);
        if (end == value || *end != '\0' || v < f->min || v > f->max) {
            char reason[96];
            snprintf(reason, sizeof reason, "must be a whole number from %d to %d", f->min, f->max);
            return set_error(st, f->section, f->key, reason);
        }
        *(int *)(void *)base = (int)v;
        return true;
    }
    case FIELD_BOOL:
        if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0) {
            *(bool *)(void *)base = value[0] == 't';
            return true;
        }
        return set_error(st, f->section, f->key, "must be true or false");
    case FIELD_PIN:
        if (!valid_pin(value))
            return set_error(st, f->section, f->key, "must be 4 to 8 digits");
        memcpy(base, value, strlen(value) + 1);
        return true;
    case FIELD_CHOICE:
        for (int i = 0; f->choices[i]; i++) {
            if (strcmp(value, f->choices[i]) == 0) {
                *(int *)(void *)base = i;
                return true;
            }
        }
        {
            char reason[160] = "must be one of:";
            for (int i = 0; f->choices[i]; i++) {
                size_t used = strlen(reason);
                snprintf(reason + used, sizeof reason - used, " %s", f->choices[i]);
            }
            return set_error(st, f->section, f->key, reason);
        }
    case FIELD_VAT_NUMBER:
        if (!ks_vat_number_ok(value))
            return set_error(st, f->section, f->key, "must be 15 digits that start and end with 3");
        memcpy(base, value, 16);
        return true;
    case FIELD_URL:
        return apply_url(st, f, value, strlen(value), base, f->size);
    case FIELD_RECEIPT_URL:
        if (value[0] && value[strlen(value) - 1] != '/')
            return set_error(st, f->section, f->key,
                             "must end in '/': the receipt token is appended to it");
        return apply_url(st, f, value, strlen(value), base, f->size);
    case FIELD_URL_LIST:
        return apply_url_list(st, f, value);
    case FIELD_TOKEN:
        if (strlen(value) >= f->size || !valid_token(value))
            return set_error(st, f->section, f->key,
                             "must be empty or 16 to 128 of A-Z a-z 0-9 - . _ ~ + / =");
        memcpy(base, value, strlen(value) + 1);
        return true;
    case FIELD_TERMINAL_URI:
    case FIELD_PRINTER_URI:
        return apply_device_uri(st, f, value, base);
    case FIELD_LABELS: {
        char why[160];
        if (!ks_label_layouts_parse(value, st->cfg->labels, &st->cfg->n_labels, why, sizeof why))
            return set_error(st, f->section, f->key, why);
        return true;
    }
    }
    return false;
}

/* [badges] staff-07 = pbkdf2-sha256$...: a staff badge the lane takes like the staff PIN. */
static bool add_badge(struct parse_state *st, const char *staff, const char *hash)
{
    ks_config *cfg = st->cfg;
    if (!ks_id_ok(staff, KS_CONFIG_STAFF_ID_MAX))
        return set_error(st, "badges", staff, "a staff id is 1-32 of a-z A-Z 0-9 _ . -");
    if (!ks_staff_secret_valid(hash))
        return set_error(st, "badges", staff,
                         "expected the badge code hashed (attendant-console --hash)");
    for (size_t i = 0; i < cfg->n_badges; i++)
        if (strcmp(cfg->badges[i].staff, staff) == 0)
            return set_error(st, "badges", staff, "given twice");
    if (cfg->n_badges == KS_CONFIG_MAX_BADGES)
        return set_error(st, "badges", staff, "at most 32 badges");
    ks_config_badge *b = &cfg->badges[cfg->n_badges++];
    memcpy(b->staff, staff, strlen(staff) + 1);
    memcpy(b->hash, hash, strlen(hash) + 1);
    return true;
}

static bool handle_entry(ks_ini *ini, void *user, const char *section, const char *key,
                         const char *value)
{
    struct parse_state *st = user;
    st->ini = ini;
    if (strcmp(section, "badges") == 0)
        return add_badge(st, key, value);
    /* The business day's keys, read as the kitchen display and the attendant console read them. */
    enum ks_ini_key day =
        strcmp(section, "store") == 0
            ? ks_ini_business_day_key(ini, section, key, value, &st->cfg->utc_offset_min,
                                      &st->cfg->business_day_start_min)
            : KS_INI_KEY_OTHER;
    if (day != KS_INI_KEY_OTHER)
        return day == KS_INI_KEY_TAKEN;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(fields[i].section, section) == 0 && strcmp(fields[i].key, key) == 0)
            return apply_field(st, &fields[i], value);
    return set_error(st, section, key, "unknown setting");
}

bool ks_config_parse(ks_config *cfg, const char *text, size_t len, ks_config_error *err)
{
    struct parse_state st = {.cfg = cfg};
    return ks_ini_parse(text, len, handle_entry, &st, err);
}

bool ks_config_load(ks_config *cfg, const char *path, ks_config_error *err)
{
    struct parse_state st = {.cfg = cfg};
    if (!ks_ini_load(path, handle_entry, &st, err))
        return false;
    if (!ks_ini_resolve_path(cfg->database, sizeof cfg->database, path) ||
        !ks_ini_resolve_path(cfg->menu, sizeof cfg->menu, path) ||
        !ks_ini_resolve_path(cfg->assets, sizeof cfg->assets, path) ||
        !ks_ini_resolve_path(cfg->image_cache, sizeof cfg->image_cache, path) ||
        !ks_ini_resolve_path(cfg->zatca_certificate, sizeof cfg->zatca_certificate, path) ||
        !ks_ini_resolve_path(cfg->zatca_private_key, sizeof cfg->zatca_private_key, path) ||
        !ks_ini_resolve_path(cfg->zatca_credentials, sizeof cfg->zatca_credentials, path) ||
        !ks_ini_resolve_path(cfg->ca_certificate, sizeof cfg->ca_certificate, path) ||
        !ks_ini_resolve_path(cfg->token_file, sizeof cfg->token_file, path)) {
        snprintf(err->message, sizeof err->message, "a path is too long once resolved");
        return false;
    }
    return true;
}

const char *ks_config_backend_token(const ks_config *cfg)
{
    return cfg->enrolled_token[0] ? cfg->enrolled_token : cfg->token;
}

const char *ks_config_peer_token(const ks_config *cfg)
{
    return cfg->token[0] ? cfg->token : cfg->enrolled_token;
}

int64_t ks_config_refund_window_s(const ks_config *cfg)
{
    return (int64_t)cfg->refund_days * 24 * 60 * 60;
}
