/* The nexo terminal URI: see nexo_uri.h. */
#include "devices/payment/nexo_uri.h"

#include "devices/common/uri_text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_PORT 8443
#define DEFAULT_PATH "/nexo"
#define DEFAULT_CONNECT_TIMEOUT_MS 5000

enum param_kind { PARAM_ID, PARAM_PATH, PARAM_HOSTNAME, PARAM_NUMBER };

/* The query parameters, where each goes, and its bounds. */
struct param {
    const char *name;
    enum param_kind kind;
    size_t offset; /* of the char array (or number) in dev_nexo_uri */
    size_t cap;    /* the array's size; for numbers the upper bound */
    long min;      /* for numbers */
    bool required;
};

#define TEXT_PARAM(n, kind, field, req)                                                            \
    {                                                                                              \
        n, kind, offsetof(dev_nexo_uri, field), sizeof(((dev_nexo_uri *)0)->field), 0, req         \
    }

static const struct param params[] = {
    TEXT_PARAM("poi", PARAM_ID, poi_id, true),
    TEXT_PARAM("sale", PARAM_ID, sale_id, true),
    TEXT_PARAM("key_id", PARAM_ID, key_id, true),
    {"key_version", PARAM_NUMBER, offsetof(dev_nexo_uri, key_version), UINT32_MAX, 0, true},
    TEXT_PARAM("passphrase_file", PARAM_PATH, passphrase_file, true),
    TEXT_PARAM("ca", PARAM_PATH, ca_file, true),
    TEXT_PARAM("tls_name", PARAM_HOSTNAME, tls_name, false),
    {"connect_timeout_ms", PARAM_NUMBER, offsetof(dev_nexo_uri, connect_timeout_ms), 60000, 100,
     false},
};
#define PARAM_COUNT (sizeof params / sizeof params[0])

static bool fail(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(char *why, size_t cap, const char *fmt, ...)
{
    if (why && cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, cap, fmt, ap);
        va_end(ap);
    }
    return false;
}

static bool hostname_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

static bool hostname_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || name[0] == '-' || name[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!hostname_char(name[i]))
            return false;
    return true;
}

static bool value_ok(enum param_kind kind, const char *value)
{
    switch (kind) {
    case PARAM_ID:
        for (const char *c = value; *c; c++)
            if (*c < 0x20 || *c > 0x7e)
                return false;
        return value[0] != '\0';
    case PARAM_PATH:
        return value[0] == '/';
    case PARAM_HOSTNAME:
        return hostname_ok(value);
    case PARAM_NUMBER:
        return true;
    }
    return false;
}

/* Stores one name=value pair; seen[] catches repeats. */
static bool take_param(dev_nexo_uri *out, const char *pair, size_t n, bool seen[PARAM_COUNT],
                       char *why, size_t cap)
{
    const char *eq = memchr(pair, '=', n);
    char name[32];
    size_t name_len = eq ? (size_t)(eq - pair) : n;
    if (!eq || name_len == 0 || name_len >= sizeof name)
        return fail(why, cap, "a query part is not name=value");
    memcpy(name, pair, name_len);
    name[name_len] = '\0';
    size_t i = 0;
    while (i < PARAM_COUNT && strcmp(params[i].name, name) != 0)
        i++;
    if (i == PARAM_COUNT)
        return fail(why, cap, "unknown parameter \"%s\"", name);
    if (seen[i])
        return fail(why, cap, "parameter \"%s\" given twice", name);
    seen[i] = true;
    const struct param *p = &params[i];
    char value[1024];
    if (!dev_uri_percent_decode(eq + 1, n - name_len - 1, value, sizeof value) || !value[0])
        return fail(why, cap, "parameter \"%s\" is empty, too long or badly escaped", name);
    if (p->kind == PARAM_NUMBER) {
        char *end;
        errno = 0;
        long long v = strtoll(value, &end, 10);
        if (errno || *end || value[0] == '-' || value[0] == '+' || v < p->min ||
            (unsigned long long)v > p->cap)
            return fail(why, cap, "parameter \"%s\" is not a number in range", name);
        if (p->offset == offsetof(dev_nexo_uri, key_version))
            out->key_version = (uint32_t)v;
        else
            out->connect_timeout_ms = (long)v;
        return true;
    }
    if (strlen(value) >= p->cap || !value_ok(p->kind, value))
        return fail(why, cap, "parameter \"%s\" has a value it cannot take", name);
    memcpy((char *)out + p->offset, value, strlen(value) + 1);
    return true;
}

/* host[:port] from authority[0..n). */
static bool parse_authority(dev_nexo_uri *out, const char *a, size_t n, char *why, size_t cap)
{
    const char *port = NULL;
    size_t host_len = n;
    if (n > 0 && a[0] == '[') {
        const char *close = memchr(a, ']', n);
        if (!close)
            return fail(why, cap, "an IPv6 address without its closing bracket");
        host_len = (size_t)(close - a) + 1;
        for (size_t i = 1; i + 1 < host_len; i++)
            if (dev_uri_hex_digit(a[i]) < 0 && a[i] != ':' && a[i] != '.')
                return fail(why, cap, "a malformed IPv6 address");
        if (host_len < n && a[host_len] != ':')
            return fail(why, cap, "unexpected text after the IPv6 address");
    } else {
        const char *colon = memchr(a, ':', n);
        host_len = colon ? (size_t)(colon - a) : n;
    }
    if (host_len < n)
        port = a + host_len + 1;
    if (host_len == 0 || host_len >= sizeof out->host)
        return fail(why, cap, "no host, or a host name too long");
    memcpy(out->host, a, host_len);
    out->host[host_len] = '\0';
    if (out->host[0] != '[' && !hostname_ok(out->host))
        return fail(why, cap, "a malformed host name");
    out->port = DEFAULT_PORT;
    if (port) {
        size_t port_len = n - host_len - 1;
        unsigned long v = 0;
        for (size_t i = 0; i < port_len && v <= 65535; i++)
            v = port[i] >= '0' && port[i] <= '9' ? v * 10 + (unsigned long)(port[i] - '0') : 65536;
        if (port_len == 0 || port_len > 5 || v == 0 || v > 65535)
            return fail(why, cap, "the port is not a number from 1 to 65535");
        out->port = (unsigned)v;
    }
    return true;
}

static bool parse(const char *uri, dev_nexo_uri *out, char *why, size_t why_cap)
{
    static const char prefix[] = DEV_NEXO_URI_SCHEME "://";
    size_t len = uri ? strnlen(uri, DEV_NEXO_URI_MAX + 1) : 0;
    if (len > DEV_NEXO_URI_MAX)
        return fail(why, why_cap, "the URI is too long");
    if (len < sizeof prefix || strncmp(uri, prefix, sizeof prefix - 1) != 0)
        return fail(why, why_cap, "the URI does not start with %s", prefix);
    const char *rest = uri + sizeof prefix - 1;
    size_t authority_len = strcspn(rest, "/?");
    if (!parse_authority(out, rest, authority_len, why, why_cap))
        return false;
    rest += authority_len;
    size_t path_len = strcspn(rest, "?");
    if (path_len >= sizeof out->path)
        return fail(why, why_cap, "the path is too long");
    if (path_len == 0) {
        memcpy(out->path, DEFAULT_PATH, sizeof DEFAULT_PATH);
    } else {
        memcpy(out->path, rest, path_len);
        out->path[path_len] = '\0';
        for (size_t i = 0; i < path_len; i++)
            if (!hostname_char(rest[i]) && rest[i] != '/' && rest[i] != '_')
                return fail(why, why_cap, "the path holds characters it cannot");
    }
    rest += path_len;
    out->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
    bool seen[PARAM_COUNT] = {false};
    if (*rest == '?')
        rest++;
    while (*rest) {
        size_t n = strcspn(rest, "&");
        if (!take_param(out, rest, n, seen, why, why_cap))
            return false;
        rest += n + (rest[n] == '&');
    }
    for (size_t i = 0; i < PARAM_COUNT; i++)
        if (params[i].required && !seen[i])
            return fail(why, why_cap, "parameter \"%s\" is missing", params[i].name);
    return true;
}

bool dev_nexo_uri_parse(const char *uri, dev_nexo_uri *out, char *why, size_t why_cap)
{
    memset(out, 0, sizeof *out);
    if (why && why_cap)
        why[0] = '\0';
    if (parse(uri, out, why, why_cap))
        return true;
    memset(out, 0, sizeof *out);
    return false;
}
