/* The one formatter of customer sentences (see sentence.h). */
#include "kiosk/domain/sentence.h"

#include <stdio.h>
#include <string.h>

/* Appends len bytes of s at out[*used] while they fit in cap (with the NUL); false otherwise. */
static bool append(char *out, size_t cap, size_t *used, const char *s, size_t len)
{
    if (*used + len >= cap)
        return false;
    memcpy(out + *used, s, len);
    *used += len;
    return true;
}

int ks_sentence_put(char *out, size_t cap, enum ks_str id, enum ks_lang lang, const char *text,
                    long long n)
{
    if (!out || cap == 0)
        return -1;
    const char *t = ks_str(id, lang);
    char number[24];
    int number_len = snprintf(number, sizeof number, "%lld", n);
    size_t used = 0;
    bool fits = true;
    while (*t && fits) {
        if (strncmp(t, "{text}", 6) == 0) {
            fits = append(out, cap, &used, text ? text : "", text ? strlen(text) : 0);
            t += 6;
        } else if (strncmp(t, "{n}", 3) == 0) {
            fits = append(out, cap, &used, number, (size_t)number_len);
            t += 3;
        } else {
            fits = append(out, cap, &used, t, 1);
            t++;
        }
    }
    out[fits ? used : 0] = '\0';
    return fits ? (int)used : -1;
}
