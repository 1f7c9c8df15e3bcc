/*
 * UTF-8 decoder with U+FFFD replacement (see ui/utf8.h). Overlong forms,
 * surrogates and values above U+10FFFF are ill-formed; a truncated sequence
 * is replaced once and decoding resumes at the first byte that could not
 * continue it.
 */
#include "ui/utf8.h"

/* Length of the sequence a lead byte announces, or 0 for a byte that can never lead. */
static unsigned seq_length(uint8_t b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

/* The allowed range of the second byte depends on the lead (Unicode Table 3-7). */
static int second_byte_ok(uint8_t lead, uint8_t b)
{
    uint8_t lo = 0x80, hi = 0xBF;
    if (lead == 0xE0)
        lo = 0xA0;
    else if (lead == 0xED)
        hi = 0x9F;
    else if (lead == 0xF0)
        lo = 0x90;
    else if (lead == 0xF4)
        hi = 0x8F;
    return b >= lo && b <= hi;
}

size_t ui_utf8_decode(const char *s, size_t len, uint32_t *cps, uint32_t *offsets)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = 0, i = 0;
    while (i < len) {
        uint8_t lead = p[i];
        unsigned need = seq_length(lead);
        uint32_t cp = UI_UTF8_REPLACEMENT;
        size_t used = 1;
        if (need == 1) {
            cp = lead;
        } else if (need > 1) {
            uint32_t acc = lead & (0xFFu >> (need + 1));
            unsigned k = 1;
            for (; k < need && i + k < len; k++) {
                uint8_t b = p[i + k];
                if (k == 1 ? !second_byte_ok(lead, b) : (b & 0xC0) != 0x80)
                    break;
                acc = (acc << 6) | (b & 0x3Fu);
            }
            used = k;
            if (k == need)
                cp = acc;
        }
        if (offsets)
            offsets[n] = (uint32_t)i;
        cps[n++] = cp;
        i += used;
    }
    return n;
}
