/*
 * Cutting text to a byte limit without splitting a UTF-8 character, where
 * a longer text is kept shortened (audit summaries, staff audit details, a
 * refund's staff name) rather than refused. Pure.
 */
#ifndef KIOSK_COMMON_UTF8_CUT_H
#define KIOSK_COMMON_UTF8_CUT_H

#include <stddef.h>

/*
 * s cut to at most max bytes into out[max + 1], NUL-terminated: all of s
 * when it fits, else max less the bytes of a character max would split.
 * NULL: "". Returns out.
 */
char *ks_utf8_cut(const char *s, size_t max, char *out);

#endif
