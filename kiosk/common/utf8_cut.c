/* Cutting UTF-8 text to a byte limit: see kiosk/common/utf8_cut.h. */
#include "kiosk/common/utf8_cut.h"

#include <string.h>

size_t ks_utf8_cut_len(const char *s, size_t max)
{
    size_t len = s ? strnlen(s, max + 1) : 0;
    if (len <= max)
        return len;
    len = max;
    /* s[len] is the first byte left out: while it continues a character, that character goes. */
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    return len;
}
