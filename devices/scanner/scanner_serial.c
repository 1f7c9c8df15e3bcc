/* Serial barcode scanner stream parser: see devices/scanner/scanner_serial.h. */
#include "devices/scanner/scanner_serial.h"

#include <string.h>

void dev_scanner_serial_init(struct dev_scanner_serial *s,
                             const struct dev_scanner_serial_config *config)
{
    memset(s, 0, sizeof(*s));
    if (config)
        s->config = *config;
    s->config.prefix[DEV_SCANNER_AFFIX_MAX] = '\0';
    s->config.terminators[DEV_SCANNER_AFFIX_MAX] = '\0';
    if (s->config.terminators[0] == '\0')
        memcpy(s->config.terminators, "\r\n", 3);
    if (s->config.max_len == 0 || s->config.max_len > DEV_SCANNER_CODE_MAX)
        s->config.max_len = DEV_SCANNER_CODE_MAX;
}

static void end_line(struct dev_scanner_serial *s, dev_scanner_code_fn on_code, void *user)
{
    size_t plen = strlen(s->config.prefix);
    if (s->len == 0 && !s->too_long && !s->garbage)
        return; /* the LF of a CR LF pair, or a blank line */
    if (s->too_long)
        s->stats.too_long++;
    else if (s->garbage)
        s->stats.garbage++;
    else if (s->len < plen || memcmp(s->line, s->config.prefix, plen) != 0)
        s->stats.bad_prefix++;
    else if (s->len == plen)
        s->stats.garbage++; /* a prefix and nothing after it */
    else {
        s->stats.codes++;
        s->line[s->len] = '\0';
        if (on_code)
            on_code(user, s->line + plen, s->len - plen);
    }
    s->len = 0;
    s->too_long = false;
    s->garbage = false;
}

void dev_scanner_serial_feed(struct dev_scanner_serial *s, const uint8_t *data, size_t n,
                             dev_scanner_code_fn on_code, void *user)
{
    size_t cap = strlen(s->config.prefix) + s->config.max_len;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = data[i];
        if (c != 0 && strchr(s->config.terminators, c)) {
            end_line(s, on_code, user);
            continue;
        }
        if (c < 0x20 || c > 0x7e)
            s->garbage = true;
        else if (s->len >= cap)
            s->too_long = true;
        else
            s->line[s->len++] = (char)c;
    }
}

enum dev_serial_error dev_scanner_serial_read(struct dev_scanner_serial *s, dev_serial *port,
                                              int timeout_ms, dev_scanner_code_fn on_code,
                                              void *user)
{
    uint8_t buf[256];
    size_t got;
    enum dev_serial_error e = dev_serial_read(port, buf, sizeof(buf), timeout_ms, &got);
    if (e == DEV_SERIAL_OK)
        dev_scanner_serial_feed(s, buf, got, on_code, user);
    return e;
}
