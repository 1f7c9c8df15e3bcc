/* INI files parsed alike: see kiosk/common/ini_text.h. */
#include "kiosk/common/ini_text.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bounded_file.h"

struct ks_ini {
    ks_ini_entry_fn entry;
    void *user;
    ks_ini_error *err;
    bool failed;      /* a problem is recorded in err */
    int failed_line;  /* its line */
    const char *next; /* reader position in the NUL-terminated copy */
    int line;         /* lines handed to inih so far */
};

bool ks_ini_refuse(ks_ini *ini, const char *section, const char *key, const char *reason)
{
    if (!ini->failed) {
        snprintf(ini->err->message, sizeof ini->err->message, "[%s] %s: %s", section, key, reason);
        ini->failed = true;
        ini->failed_line = ini->line;
    }
    return false;
}

/* inih handler: returning 0 makes inih report this line. */
static int on_entry(void *user, const char *section, const char *key, const char *value)
{
    ks_ini *ini = user;
    if (ini->failed)
        return 0;
    return ini->entry(ini, ini->user, section, key, value) ? 1 : 0;
}

/* inih reader over the in-memory text, counting lines so that problems can be placed. */
static char *read_line(char *out, int size, void *stream)
{
    ks_ini *ini = stream;
    if (*ini->next == '\0' || size < 2)
        return NULL;
    const char *eol = strchr(ini->next, '\n');
    size_t len = eol ? (size_t)(eol - ini->next) + 1 : strlen(ini->next);
    ini->line++;
    if (len > (size_t)size - 1) {
        /* inih's line buffer is fixed: refuse rather than split the line. */
        if (!ini->failed) {
            snprintf(ini->err->message, sizeof ini->err->message, "line longer than %d bytes",
                     size - 1);
            ini->failed = true;
            ini->failed_line = ini->line;
        }
        return NULL;
    }
    memcpy(out, ini->next, len);
    out[len] = '\0';
    ini->next += len;
    return out;
}

bool ks_ini_parse(const char *text, size_t len, ks_ini_entry_fn entry, void *user,
                  ks_ini_error *err)
{
    err->line = 0;
    err->message[0] = '\0';
    if (len > KS_INI_MAX_BYTES) {
        snprintf(err->message, sizeof err->message, "file larger than %d bytes", KS_INI_MAX_BYTES);
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
    ks_ini ini = {.entry = entry, .user = user, .err = err, .next = copy};
    int line = ini_parse_stream(read_line, &ini, on_entry, &ini);
    free(copy);
    if (line == 0 && !ini.failed)
        return true;
    if (line == 0) { /* the reader stopped on an over-long line */
        err->line = ini.failed_line;
        return false;
    }
    /* inih reports the first bad line, whether a syntax error or a refusal. */
    err->line = line > 0 ? line : 0;
    if (!ini.failed || line < ini.failed_line)
        snprintf(err->message, sizeof err->message,
                 "syntax error (expected [section] or key = value)");
    return false;
}

/* Reads the file at path, through the secret rule or not, and parses it. */
static bool load(const char *path, bool secret, ks_ini_entry_fn entry, void *user,
                 ks_ini_error *err)
{
    err->line = 0;
    size_t len;
    char *text =
        secret
            ? ks_secret_file_read(path, KS_INI_MAX_BYTES, &len, err->message, sizeof err->message)
            : ks_bounded_file_read(path, KS_INI_MAX_BYTES, &len, err->message, sizeof err->message);
    if (!text)
        return false;
    bool ok = ks_ini_parse(text, len, entry, user, err);
    free(text);
    return ok;
}

bool ks_ini_load(const char *path, ks_ini_entry_fn entry, void *user, ks_ini_error *err)
{
    return load(path, true, entry, user, err);
}

bool ks_ini_load_public(const char *path, ks_ini_entry_fn entry, void *user, ks_ini_error *err)
{
    return load(path, false, entry, user, err);
}

bool ks_ini_resolve_path(char *path, size_t size, const char *config_path)
{
    if (path[0] == '/' || path[0] == '\0')
        return true;
    const char *slash = strrchr(config_path, '/');
    /* The folder's length: "" for no folder, "/" itself for a file in the root. */
    int dir_len = slash ? (slash == config_path ? 1 : (int)(slash - config_path)) : 1;
    const char *dir = slash ? config_path : ".";
    char joined[PATH_MAX];
    int n = snprintf(joined, sizeof joined, "%.*s%s%s", dir_len, dir,
                     dir_len == 1 && dir[0] == '/' ? "" : "/", path);
    if (n < 0 || (size_t)n >= sizeof joined || (size_t)n >= size)
        return false;
    memcpy(path, joined, (size_t)n + 1);
    return true;
}

bool ks_ini_copy_value(char *out, size_t size, const char *value)
{
    size_t len = strlen(value);
    if (len >= size)
        return false;
    memcpy(out, value, len + 1);
    return true;
}

enum ks_ini_key ks_ini_business_day_key(ks_ini *ini, const char *section, const char *key,
                                        const char *value, int *utc_offset_min, int *day_start_min)
{
    if (strcmp(key, "business_day_start") == 0) {
        if (ks_ini_time_of_day(value, day_start_min))
            return KS_INI_KEY_TAKEN;
        ks_ini_refuse(ini, section, key, "must be a time HH:MM");
        return KS_INI_KEY_REFUSED;
    }
    if (strcmp(key, "utc_offset_minutes") != 0)
        return KS_INI_KEY_OTHER;
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (end == value || *end != '\0' || errno || v < KS_INI_UTC_OFFSET_MIN_LOW ||
        v > KS_INI_UTC_OFFSET_MIN_HIGH) {
        char reason[64];
        snprintf(reason, sizeof reason, "must be a whole number from %d to %d",
                 KS_INI_UTC_OFFSET_MIN_LOW, KS_INI_UTC_OFFSET_MIN_HIGH);
        ks_ini_refuse(ini, section, key, reason);
        return KS_INI_KEY_REFUSED;
    }
    *utc_offset_min = (int)v;
    return KS_INI_KEY_TAKEN;
}

bool ks_ini_time_of_day(const char *v, int *minutes)
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
