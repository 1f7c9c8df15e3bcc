/* The one formatter of customer sentences (see sentence.h). */
#include "kiosk/domain/sentence.h"

#include <stdarg.h>
#include <stdio.h>

int ks_sentence_put(char *out, size_t cap, const char *fmt, ...)
{
    if (!out || cap == 0)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap) {
        out[0] = '\0';
        return -1;
    }
    return n;
}
