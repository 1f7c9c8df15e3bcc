/* Cutting UTF-8 text to a byte limit: see kiosk/common/utf8_cut.h. */
#include "kiosk/common/utf8_cut.h"

#include <string.h>

char *ks_utf8_cut(const char *s, size_t max, char *out)
{
    size_t len = s ? strnlen(s, max + 1) : 0;
    if (len > max) {
        len = max;
        /* s[len] is the first byte left out: while it continues a character, that character
         * goes. */
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    if (len)
        memcpy(out, s, len);
    out[len] = '\0';
    return out;
}
