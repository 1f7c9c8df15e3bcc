/* Hex digits and percent-decoding for device URIs: see devices/common/uri_text.h. */
#include "devices/common/uri_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dev_uri_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool dev_uri_hex16(const char *text, size_t n, uint16_t *out)
{
    if (n < 1 || n > 4)
        return false;
    unsigned value = 0;
    for (size_t i = 0; i < n; i++) {
        int d = dev_uri_hex_digit(text[i]);
        if (d < 0)
            return false;
        value = value << 4 | (unsigned)d;
    }
    *out = (uint16_t)value;
    return true;
}

bool dev_uri_percent_decode(const char *src, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)src[i];
        if (c == '%') {
            int hi = i + 2 < n ? dev_uri_hex_digit(src[i + 1]) : -1;
            int lo = i + 2 < n ? dev_uri_hex_digit(src[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return false;
            c = hi << 4 | lo;
            i += 2;
        }
        if (c < 0x20 || c == 0x7f || o + 1 >= cap)
            return false;
        out[o++] = (char)c;
    }
    if (cap == 0)
        return false;
    out[o] = '\0';
    return true;
}

bool dev_uri_parse_long(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno || end == text || *end || n < min || n > max)
        return false;
    *out = n;
    return true;
}

bool dev_uri_query_each(const char *query, dev_uri_param_fn on_param, void *user, char *why,
                        size_t cap)
{
    for (const char *p = query; p && *p;) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        char key[DEV_URI_KEY_MAX + 1], value[DEV_URI_VALUE_MAX + 1];
        if (!eq || eq == p || !dev_uri_percent_decode(p, (size_t)(eq - p), key, sizeof(key)) ||
            !dev_uri_percent_decode(eq + 1, len - (size_t)(eq - p) - 1, value, sizeof(value))) {
            if (why && cap > 0)
                snprintf(why, cap, "bad query parameter (want key=value)");
            return false;
        }
        if (!on_param(user, key, value, why, cap))
            return false;
        p = amp ? amp + 1 : NULL;
    }
    return true;
}
