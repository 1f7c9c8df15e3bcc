/* ZATCA's csr-config files: see kiosk/app/csr_config.h. */
#include "kiosk/app/csr_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum check {
    CHECK_TEXT,
    CHECK_SERIAL,
    CHECK_VAT,
    CHECK_COUNTRY,
    CHECK_INVOICE_TYPE,
};

struct key {
    const char *name;
    size_t offset;
    enum check check;
};

static const struct key keys[] = {
    {"csr.common.name", offsetof(ks_csr_config, common_name), CHECK_TEXT},
    {"csr.serial.number", offsetof(ks_csr_config, serial_number), CHECK_SERIAL},
    {"csr.organization.identifier", offsetof(ks_csr_config, vat_number), CHECK_VAT},
    {"csr.organization.unit.name", offsetof(ks_csr_config, unit_name), CHECK_TEXT},
    {"csr.organization.name", offsetof(ks_csr_config, organization), CHECK_TEXT},
    {"csr.country.name", offsetof(ks_csr_config, country), CHECK_COUNTRY},
    {"csr.invoice.type", offsetof(ks_csr_config, invoice_type), CHECK_INVOICE_TYPE},
    {"csr.location.address", offsetof(ks_csr_config, address), CHECK_TEXT},
    {"csr.industry.business.category", offsetof(ks_csr_config, business_category), CHECK_TEXT},
};

#define N_KEYS (sizeof keys / sizeof keys[0])

static bool fail(ks_csr_config_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool fail(ks_csr_config_error *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->reason, sizeof err->reason, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* UTF-8 (lead bytes and continuations checked) without control characters. */
static bool clean_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t more;
        if (c < 0x20 || c == 0x7f)
            return false;
        if (c < 0x80)
            more = 0;
        else if (c >= 0xc2 && c <= 0xdf)
            more = 1;
        else if (c >= 0xe0 && c <= 0xef)
            more = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            more = 3;
        else
            return false;
        if (more > n - i - 1)
            return false;
        for (size_t k = 1; k <= more; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
        i += more + 1;
    }
    return true;
}

static bool digits_only(const char *s, const char *allowed)
{
    return s[0] && strspn(s, allowed) == strlen(s);
}

/* Why value is wrong for check, NULL when it is right. */
static const char *check_value(enum check check, const char *v)
{
    size_t n = strlen(v);
    switch (check) {
    case CHECK_TEXT:
        return NULL;
    case CHECK_SERIAL:
        return strncmp(v, "1-", 2) == 0 && strstr(v, "|2-") && strstr(v, "|3-") &&
                       strstr(v, "|2-") < strstr(v, "|3-")
                   ? NULL
                   : "must be 1-solution|2-model|3-serial";
    case CHECK_VAT:
        return n == 15 && digits_only(v, "0123456789") && v[0] == '3' && v[14] == '3'
                   ? NULL
                   : "must be the 15-digit VAT number, first and last digit 3";
    case CHECK_COUNTRY:
        return strcmp(v, "SA") == 0 ? NULL : "must be SA";
    case CHECK_INVOICE_TYPE:
        return n == 4 && digits_only(v, "01") && strcmp(v, "0000") != 0
                   ? NULL
                   : "must be 4 digits of 0 and 1 (e.g. 1100), not 0000";
    }
    return "unknown check";
}

static void trim(const char **start, const char **end)
{
    while (*start < *end && (**start == ' ' || **start == '\t'))
        (*start)++;
    while (*end > *start && ((*end)[-1] == ' ' || (*end)[-1] == '\t' || (*end)[-1] == '\r'))
        (*end)--;
}

bool ks_csr_config_parse(const char *text, size_t len, ks_csr_config *out, ks_csr_config_error *err)
{
    memset(out, 0, sizeof *out);
    if (err)
        err->reason[0] = '\0';
    if (len > KS_CSR_CONFIG_MAX_BYTES)
        return fail(err, "larger than %d bytes", KS_CSR_CONFIG_MAX_BYTES);
    if (memchr(text, '\0', len))
        return fail(err, "a NUL byte");
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        text += 3;
        len -= 3;
    }
    bool seen[N_KEYS] = {false};
    const char *p = text, *stop = text + len;
    for (int line = 1; p < stop; line++) {
        const char *eol = memchr(p, '\n', (size_t)(stop - p));
        const char *end = eol ? eol : stop;
        const char *start = p;
        p = eol ? eol + 1 : stop;
        trim(&start, &end);
        if (start == end || *start == '#' || *start == '!')
            continue;
        const char *eq = memchr(start, '=', (size_t)(end - start));
        if (!eq)
            return fail(err, "line %d: expected csr.NAME=value", line);
        const char *kend = eq, *vstart = eq + 1;
        trim(&start, &kend);
        trim(&vstart, &end);
        size_t klen = (size_t)(kend - start), vlen = (size_t)(end - vstart);
        size_t k = 0;
        while (k < N_KEYS &&
               !(strlen(keys[k].name) == klen && memcmp(keys[k].name, start, klen) == 0))
            k++;
        if (k == N_KEYS)
            return fail(err, "line %d: unknown key '%.*s'", line, klen > 60 ? 60 : (int)klen,
                        start);
        if (seen[k])
            return fail(err, "line %d: %s given twice", line, keys[k].name);
        seen[k] = true;
        if (vlen == 0 || vlen > KS_CSR_CONFIG_VALUE_MAX)
            return fail(err, "line %d: %s: must have 1 to %d bytes", line, keys[k].name,
                        KS_CSR_CONFIG_VALUE_MAX);
        if (!clean_utf8((const unsigned char *)vstart, vlen))
            return fail(err, "line %d: %s: not UTF-8 text", line, keys[k].name);
        char *value = (char *)out + keys[k].offset;
        memcpy(value, vstart, vlen);
        value[vlen] = '\0';
        const char *why = check_value(keys[k].check, value);
        if (why)
            return fail(err, "line %d: %s: %s", line, keys[k].name, why);
    }
    for (size_t k = 0; k < N_KEYS; k++)
        if (!seen[k])
            return fail(err, "%s is missing", keys[k].name);
    return true;
}
