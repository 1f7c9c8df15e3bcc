/* The one bounded JSON reader: see kiosk/domain/json_read.h. */
#include "kiosk/domain/json_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/common/uuid.h"

void ks_json_reader_init(ks_json_reader *r)
{
    memset(r, 0, sizeof *r);
}

/* --- The path and the first error --- */

/* Drops a UTF-8 sequence cut short by snprintf truncation at the end of s. */
static void trim_partial_utf8(char *s)
{
    size_t len = strlen(s), lead = len;
    while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    unsigned char c = (unsigned char)s[lead - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len - (lead - 1) < need)
        s[lead - 1] = '\0';
}

const char *ks_json_shown(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);
    bool cut = n > cap - 1;
    if (cut)
        n = cap - 4;
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
    buf[n] = '\0';
    if (cut) {
        trim_partial_utf8(buf);
        memcpy(buf + strlen(buf), "...", 4);
    }
    return buf;
}

/* Appends a path segment to path (cap bytes), truncating when full. */
static void append_segment(char *path, size_t cap, size_t *len, const char *key, size_t index)
{
    if (*len >= cap - 1)
        return;
    int n = key ? snprintf(path + *len, cap - *len, "%s%s", *len ? "." : "", key)
                : snprintf(path + *len, cap - *len, "[%zu]", index);
    *len = n < 0 ? *len : *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

bool ks_json_fail(ks_json_reader *r, const char *member, const char *fmt, ...)
{
    if (r->failed)
        return false;
    r->failed = true;
    ks_json_error *e = &r->error;
    size_t len = 0;
    e->path[0] = '\0';
    for (int i = 0; i < r->depth; i++)
        append_segment(e->path, sizeof e->path, &len, r->path[i].key, r->path[i].index);
    if (member)
        append_segment(e->path, sizeof e->path, &len, member, 0);
    trim_partial_utf8(e->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->reason, sizeof e->reason, fmt, ap);
    va_end(ap);
    trim_partial_utf8(e->reason);
    return false;
}

static bool enter(ks_json_reader *r, const char *key, size_t index)
{
    if (r->depth == KS_JSON_PATH_DEPTH)
        return ks_json_fail(r, NULL, "nested more than %d levels deep", KS_JSON_PATH_DEPTH);
    r->path[r->depth].key = key;
    r->path[r->depth].index = index;
    r->depth++;
    return true;
}

bool ks_json_enter_key(ks_json_reader *r, const char *key)
{
    return enter(r, key, 0);
}

bool ks_json_enter_index(ks_json_reader *r, size_t index)
{
    return enter(r, NULL, index);
}

void ks_json_leave(ks_json_reader *r)
{
    if (r->depth > 0)
        r->depth--;
}

const char *ks_json_error_line(const ks_json_error *e, char *out, size_t cap)
{
    if (cap == 0)
        return out;
    snprintf(out, cap, "%s%s%s", e->path, e->path[0] ? ": " : "", e->reason);
    trim_partial_utf8(out);
    return out;
}

bool ks_json_load(ks_json_reader *r, const char *text, size_t len, size_t max_bytes, json_t **root)
{
    *root = NULL;
    if (!text)
        return ks_json_fail(r, NULL, "no input given");
    if (len > max_bytes)
        return ks_json_fail(r, NULL,
                            "the input is %zu bytes, larger than allowed: the limit is %zu", len,
                            max_bytes);
    json_error_t jerr;
    *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!*root)
        return ks_json_fail(r, NULL, "not valid JSON: %s (line %d, column %d)", jerr.text,
                            jerr.line, jerr.column);
    return true;
}

/* --- Members --- */

bool ks_json_name_in(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return true;
    return false;
}

bool ks_json_member(ks_json_reader *r, json_t *obj, const char *key, bool required, json_t **out)
{
    *out = key ? json_object_get(obj, key) : obj;
    if (!*out && required)
        return ks_json_fail(r, NULL, "missing member \"%s\"", key ? key : "");
    return true;
}

bool ks_json_object(ks_json_reader *r, json_t *obj, const char *key, const char *const *allowed)
{
    json_t *v;
    if (!ks_json_member(r, obj, key, true, &v))
        return false;
    if (!json_is_object(v))
        return ks_json_fail(r, key, "must be an object");
    if (!allowed)
        return true;
    const char *member;
    json_t *value;
    json_object_foreach (v, member, value) {
        if (!ks_json_name_in(member, allowed)) {
            char q[48];
            ks_json_shown(q, sizeof q, member);
            if (key && !ks_json_enter_key(r, key))
                return false;
            return ks_json_fail(r, q, "unknown member \"%s\"", q);
        }
    }
    return true;
}

bool ks_json_int(ks_json_reader *r, json_t *obj, const char *key, bool required, int64_t lo,
                 int64_t hi, int64_t *out)
{
    json_t *v;
    if (!ks_json_member(r, obj, key, required, &v))
        return false;
    if (!v)
        return true;
    if (!json_is_integer(v))
        return ks_json_fail(r, key, "must be an integer");
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return ks_json_fail(r, key, "must be between %lld and %lld (got %lld)", (long long)lo,
                            (long long)hi, (long long)x);
    *out = x;
    return true;
}

bool ks_json_i32(ks_json_reader *r, json_t *obj, const char *key, bool required, int32_t lo,
                 int32_t hi, int32_t *out)
{
    int64_t x = *out;
    if (!ks_json_int(r, obj, key, required, lo, hi, &x))
        return false;
    *out = (int32_t)x;
    return true;
}

bool ks_json_money(ks_json_reader *r, json_t *obj, const char *key, bool required, int64_t lo,
                   int64_t hi, int64_t *out)
{
    return ks_json_int(r, obj, key, required, lo, hi, out);
}

bool ks_json_bool(ks_json_reader *r, json_t *obj, const char *key, bool required, bool *out)
{
    json_t *v;
    if (!ks_json_member(r, obj, key, required, &v))
        return false;
    if (!v)
        return true;
    if (!json_is_boolean(v))
        return ks_json_fail(r, key, "must be true or false");
    *out = json_is_true(v);
    return true;
}

bool ks_json_array(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t min,
                   size_t max, json_t **out)
{
    json_t *v;
    *out = NULL;
    if (!ks_json_member(r, obj, key, required, &v))
        return false;
    if (!v)
        return true;
    if (!json_is_array(v))
        return ks_json_fail(r, key, "must be an array");
    size_t n = json_array_size(v);
    if (n < min || n > max)
        return ks_json_fail(r, key, "must have between %zu and %zu entries (has %zu)", min, max, n);
    *out = v;
    return true;
}

/* --- Strings --- */

static bool char_allowed(unsigned char c, enum ks_json_chars chars)
{
    switch (chars) {
    case KS_JSON_ANY:
        return true;
    case KS_JSON_ID:
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    case KS_JSON_PRINTABLE:
        return c >= 0x20 && c < 0x7f;
    case KS_JSON_PATH:
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '.' || c == '-' || c == '/';
    case KS_JSON_PARAGRAPH:
        return c == '\n' || (c >= 0x20 && c != 0x7f);
    case KS_JSON_TEXT:
        break;
    }
    return c >= 0x20 && c != 0x7f;
}

static bool string_follows(const char *s, size_t len, enum ks_json_chars chars)
{
    for (size_t i = 0; i < len; i++)
        if (!char_allowed((unsigned char)s[i], chars))
            return false;
    return chars != KS_JSON_PATH || len == 0 ||
           (s[0] != '/' && !strstr(s, "..") && s[len - 1] != '/');
}

static const char *const chars_help[] = {
    [KS_JSON_ANY] = "",
    [KS_JSON_ID] = "may only contain a-z, 0-9, '_', '.' and '-'",
    [KS_JSON_PRINTABLE] = "may only contain printable ASCII characters",
    [KS_JSON_TEXT] = "may not contain control characters (tabs, line breaks ...)",
    [KS_JSON_PARAGRAPH] = "may not contain control characters other than line feeds",
    [KS_JSON_PATH] = "must be a relative path of A-Z, a-z, 0-9, '_', '.', '-', '/' without \"..\"",
};

bool ks_json_string(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t min,
                    size_t max, enum ks_json_chars chars, const char **out)
{
    json_t *v;
    if (!ks_json_member(r, obj, key, required, &v))
        return false;
    if (!v)
        return true;
    if (!json_is_string(v))
        return ks_json_fail(r, key, "must be a string");
    size_t len = json_string_length(v);
    if (len > max && min == 0)
        return ks_json_fail(r, key, "must be at most %zu bytes long (has %zu)", max, len);
    if (len < min || len > max)
        return ks_json_fail(r, key, "must be %zu to %zu bytes long (has %zu)", min, max, len);
    if (!string_follows(json_string_value(v), len, chars))
        return ks_json_fail(r, key, "%s", chars_help[chars]);
    *out = json_string_value(v);
    return true;
}

bool ks_json_copy(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t min,
                  size_t cap, enum ks_json_chars chars, char *out)
{
    const char *s = NULL;
    if (!ks_json_string(r, obj, key, required, min, cap - 1, chars, &s))
        return false;
    if (s)
        memcpy(out, s, strlen(s) + 1);
    return true;
}

bool ks_json_uuid(ks_json_reader *r, json_t *obj, const char *key, bool required, char out[37])
{
    const char *s = NULL;
    if (!ks_json_string(r, obj, key, required, 0, 36, KS_JSON_ANY, &s))
        return false;
    if (!s)
        return true;
    if (!ks_uuid_ok(s))
        return ks_json_fail(r, key, "must be a lowercase UUID");
    memcpy(out, s, 37);
    return true;
}

/* "must be \"a\"", "must be \"a\" or \"b\"" or "must be one of a, b, c" into out[cap]. */
static const char *enum_help(const char *const *names, size_t n, char *out, size_t cap)
{
    size_t listed = 0, len = 0;
    for (size_t i = 0; i < n; i++)
        listed += names[i] != NULL;
    len = (size_t)snprintf(out, cap, "must be %s", listed > 2 ? "one of " : "");
    for (size_t i = 0, k = 0; i < n && len < cap; i++) {
        if (!names[i])
            continue;
        const char *sep = k == 0 ? "" : listed == 2 ? " or " : ", ";
        const char *quote = listed > 2 ? "" : "\"";
        int w = snprintf(out + len, cap - len, "%s%s%s%s", sep, quote, names[i], quote);
        len += w > 0 ? (size_t)w : 0;
        k++;
    }
    return out;
}

bool ks_json_enum(ks_json_reader *r, json_t *obj, const char *key, bool required,
                  const char *const *names, size_t n, int *out)
{
    json_t *v;
    if (!ks_json_member(r, obj, key, required, &v))
        return false;
    if (!v)
        return true;
    const char *s = json_string_value(v);
    for (size_t i = 0; s && i < n; i++) {
        if (names[i] && strcmp(s, names[i]) == 0) {
            *out = (int)i;
            return true;
        }
    }
    char help[200];
    return ks_json_fail(r, key, "%s", enum_help(names, n, help, sizeof help));
}

bool ks_json_names(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t max,
                   enum ks_json_chars chars, const char **ar, const char **en)
{
    static const char *const members[] = {"ar", "en", NULL};
    json_t *v;
    if (!ks_json_member(r, obj, key, required, &v))
        return false;
    if (!v)
        return true;
    if (!ks_json_object(r, obj, key, members) || !ks_json_enter_key(r, key))
        return false;
    if (!ks_json_string(r, v, "ar", true, 0, max, chars, ar) ||
        !ks_json_string(r, v, "en", true, 0, max, chars, en))
        return false;
    ks_json_leave(r);
    return true;
}
