/* INI configuration: see kiosk/app/config.h. Parsing through inih. */
#include "kiosk/app/config.h"

#include "kiosk/app/delivery.h"
#include "kiosk/common/bounded_file.h"

#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_MAX_BYTES (64 * 1024)

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
    FIELD_TIME_OF_DAY,
    FIELD_PATH,
    FIELD_URL,
    FIELD_URL_LIST,
    FIELD_TOKEN,
};

struct field {
    const char *section;
    const char *key;
    enum field_type type;
    size_t offset;
    size_t size;                 /* FIELD_TEXT/FIELD_PATH: buffer size */
    int min, max;                /* FIELD_INT */
    const char *const *choices;  /* FIELD_CHOICE: NULL-terminated, stored as the index */
};

static const char *const modes[] = {"restaurant", "supermarket", NULL};
static const char *const languages[] = {"ar", "en", NULL};
static const char *const numerals[] = {"western", "arabic-indic", NULL};
static const char *const orientations[] = {"portrait", "landscape", NULL};

#define TEXT(sec, k, member) {sec, k, FIELD_TEXT, offsetof(ks_config, member), sizeof(((ks_config *)0)->member), 0, 0, NULL}
#define PATH(sec, k, member) {sec, k, FIELD_PATH, offsetof(ks_config, member), sizeof(((ks_config *)0)->member), 0, 0, NULL}
#define INT(sec, k, member, lo, hi) {sec, k, FIELD_INT, offsetof(ks_config, member), 0, lo, hi, NULL}
#define BOOL(sec, k, member) {sec, k, FIELD_BOOL, offsetof(ks_config, member), 0, 0, 0, NULL}
#define CHOICE(sec, k, member, list) {sec, k, FIELD_CHOICE, offsetof(ks_config, member), 0, 0, 0, list}

static const struct field fields[] = {
    TEXT("store", "id", store_id),
    TEXT("store", "name_ar", store_name_ar),
    TEXT("store", "name_en", store_name_en),
    {"store", "vat_number", FIELD_VAT_NUMBER, offsetof(ks_config, vat_number), 16, 0, 0, NULL},
    INT("store", "utc_offset_minutes", utc_offset_min, -720, 840),
    {"store", "business_day_start", FIELD_TIME_OF_DAY, offsetof(ks_config, business_day_start_min), 0, 0, 0, NULL},
    TEXT("kiosk", "id", kiosk_id),
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
    INT("kiosk", "staff_pin_max_failures", staff_pin_max_failures, 1, 10),
    INT("kiosk", "staff_pin_lockout_seconds", staff_pin_lockout_s, 10, 3600),
    PATH("paths", "database", database),
    PATH("paths", "menu", menu),
    PATH("paths", "assets", assets),
    {"network", "kitchen_urls", FIELD_URL_LIST, offsetof(ks_config, kitchen_urls), 0, 0, 0, NULL},
    {"network", "token", FIELD_TOKEN, offsetof(ks_config, token), sizeof(((ks_config *)0)->token), 0, 0, NULL},
    {"network", "backend_url", FIELD_URL, offsetof(ks_config, backend_url), sizeof(((ks_config *)0)->backend_url), 0, 0, NULL},
    INT("network", "timeout_seconds", delivery_timeout_s, 1, 60),
};

void ks_config_defaults(ks_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->store_id, sizeof cfg->store_id, "demo-riyadh-01");
    snprintf(cfg->store_name_ar, sizeof cfg->store_name_ar, "برجر العليا");
    snprintf(cfg->store_name_en, sizeof cfg->store_name_en, "Olaya Burger");
    snprintf(cfg->vat_number, sizeof cfg->vat_number, "399999999900003");
    cfg->utc_offset_min = 180;
    cfg->business_day_start_min = 4 * 60;
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "K1");
    cfg->mode = KS_MODE_RESTAURANT;
    cfg->language = KS_LANG_AR;
    cfg->numerals = KS_NUMERALS_WESTERN;
    cfg->idle_timeout_s = 60;
    cfg->idle_countdown_s = 15;
    cfg->done_timeout_s = 10;
    cfg->pay_at_counter = true;
    cfg->upsell = true;
    snprintf(cfg->staff_pin, sizeof cfg->staff_pin, "1234");
    cfg->staff_pin_max_failures = 3;
    cfg->staff_pin_lockout_s = 300;
    snprintf(cfg->database, sizeof cfg->database, "kiosk.db");
    snprintf(cfg->menu, sizeof cfg->menu, "assets/menus/restaurant.json");
    snprintf(cfg->assets, sizeof cfg->assets, "assets");
    cfg->delivery_timeout_s = 5;
}

struct parse_state {
    ks_config *cfg;
    ks_config_error *err;
    bool failed;
    int failed_line;     /* line of the handler's first refusal */
    const char *next;    /* reader position in the NUL-terminated text */
    int line;            /* lines handed to inih so far */
};

static bool set_error(struct parse_state *st, const char *section, const char *key,
                      const char *reason)
{
    if (!st->failed) {
        snprintf(st->err->message, sizeof st->err->message, "[%s] %s: %s", section, key, reason);
        st->failed = true;
        st->failed_line = st->line;
    }
    return false;
}

static bool valid_vat_number(const char *v)
{
    if (strlen(v) != 15 || v[0] != '3' || v[14] != '3')
        return false;
    for (int i = 0; i < 15; i++)
        if (v[i] < '0' || v[i] > '9')
            return false;
    return true;
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

/* An empty value (no URL) or one ks_delivery_url_allowed accepts, of fewer than size bytes. */
static bool apply_url(struct parse_state *st, const struct field *f, const char *value, size_t len,
                      char *out, size_t size)
{
    if (len >= size)
        return set_error(st, f->section, f->key, "URL too long");
    char url[KS_CONFIG_URL_MAX + 1];
    memcpy(url, value, len);
    url[len] = '\0';
    const char *why = NULL;
    if (len > 0 && !ks_delivery_url_allowed(url, &why))
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

static bool parse_time_of_day(const char *v, int *minutes)
{
    if (strlen(v) != 5 || v[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (v[i] < '0' || v[i] > '9'))
            return false;
    int h = (v[0] - '0') * 10 + (v[1] - '0');
    int m = (v[3] - '0') * 10 + (v[4] - '0');
    if (h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
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
        if (!valid_vat_number(value))
            return set_error(st, f->section, f->key,
                             "must be 15 digits that start and end with 3");
        memcpy(base, value, 16);
        return true;
    case FIELD_TIME_OF_DAY:
        if (!parse_time_of_day(value, (int *)(void *)base))
            return set_error(st, f->section, f->key, "must be a time HH:MM");
        return true;
    case FIELD_URL:
        return apply_url(st, f, value, strlen(value), base, f->size);
    case FIELD_URL_LIST:
        return apply_url_list(st, f, value);
    case FIELD_TOKEN:
        if (strlen(value) >= f->size || !valid_token(value))
            return set_error(st, f->section, f->key,
                             "must be empty or 16 to 128 of A-Z a-z 0-9 - . _ ~ + / =");
        memcpy(base, value, strlen(value) + 1);
        return true;
    }
    return false;
}

/* inih handler: returning 0 makes ini_parse_string report this line. */
static int handle_entry(void *user, const char *section, const char *key, const char *value)
{
    struct parse_state *st = user;
    if (st->failed)
        return 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(fields[i].section, section) == 0 && strcmp(fields[i].key, key) == 0)
            return apply_field(st, &fields[i], value);
    return set_error(st, section, key, "unknown setting");
}

/* inih reader over the in-memory text, counting lines so errors can be placed. */
static char *read_line(char *out, int size, void *stream)
{
    struct parse_state *st = stream;
    if (*st->next == '\0' || size < 2)
        return NULL;
    const char *eol = strchr(st->next, '\n');
    size_t len = eol ? (size_t)(eol - st->next) + 1 : strlen(st->next);
    st->line++;
    if (len > (size_t)size - 1) {
        /* inih's line buffer is fixed; refuse rather than split the line. */
        if (!st->failed) {
            snprintf(st->err->message, sizeof st->err->message,
                     "line longer than %d bytes", size - 1);
            st->failed = true;
            st->failed_line = st->line;
        }
        return NULL;
    }
    memcpy(out, st->next, len);
    out[len] = '\0';
    st->next += len;
    return out;
}

bool ks_config_parse(ks_config *cfg, const char *text, size_t len, ks_config_error *err)
{
    err->line = 0;
    err->message[0] = '\0';
    if (len > CONFIG_MAX_BYTES) {
        snprintf(err->message, sizeof err->message, "file larger than %d bytes", CONFIG_MAX_BYTES);
        return false;
    }
    if (memchr(text, '\0', len)) {
        snprintf(err->message, sizeof err->message, "file contains a NUL byte");
        return false;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return false;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    struct parse_state st = {.cfg = cfg, .err = err, .next = copy};
    int line = ini_parse_stream(read_line, &st, handle_entry, &st);
    free(copy);
    if (line == 0 && !st.failed)
        return true;
    if (line == 0) { /* the reader stopped on an over-long line */
        err->line = st.failed_line;
        return false;
    }
    /* inih reports the first bad line, whether a syntax error or our refusal. */
    err->line = line > 0 ? line : 0;
    if (!st.failed || line < st.failed_line)
        snprintf(err->message, sizeof err->message,
                 "syntax error (expected [section] or key = value)");
    return false;
}

/* Makes a relative path absolute against dir (which ends without '/'). */
static bool resolve_against(char *path, size_t size, const char *dir)
{
    if (path[0] == '/' || dir[0] == '\0')
        return true;
    char joined[PATH_MAX];
    int n = snprintf(joined, sizeof joined, "%s/%s", dir, path);
    if (n < 0 || (size_t)n >= size)
        return false;
    memcpy(path, joined, (size_t)n + 1);
    return true;
}

bool ks_config_load(ks_config *cfg, const char *path, ks_config_error *err)
{
    err->line = 0;
    size_t len;
    char *text = ks_bounded_file_read(path, CONFIG_MAX_BYTES, &len, err->message,
                                      sizeof err->message);
    if (!text)
        return false;
    bool ok = ks_config_parse(cfg, text, len, err);
    free(text);
    if (!ok)
        return false;

    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    if (dir_len >= sizeof dir)
        dir_len = sizeof dir - 1;
    memcpy(dir, path, dir_len);
    dir[dir_len] = '\0';
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    if (!resolve_against(cfg->database, sizeof cfg->database, dir) ||
        !resolve_against(cfg->menu, sizeof cfg->menu, dir) ||
        !resolve_against(cfg->assets, sizeof cfg->assets, dir)) {
        snprintf(err->message, sizeof err->message, "[paths] a path is too long once resolved");
        return false;
    }
    return true;
}
