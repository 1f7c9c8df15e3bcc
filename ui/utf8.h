/*
 * UTF-8 decoding for the text engine. Text reaches the ui layer from menu
 * files and translations, so it is never trusted: every ill-formed sequence
 * becomes U+FFFD (one per maximal ill-formed subpart, as Unicode 3.9 and the
 * WHATWG decoder do), and a paragraph can always be shaped.
 */
#ifndef UI_UTF8_H
#define UI_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UI_UTF8_REPLACEMENT 0xFFFDu

/*
 * Decodes len bytes of s (NUL bytes are decoded like any other) into cps.
 * cps and offsets (may be NULL) must hold at least len entries: one byte never
 * yields more than one code point. offsets[i] is the byte offset in s where
 * code point i starts. Returns the number of code points written.
 */
size_t ui_utf8_decode(const char *s, size_t len, uint32_t *cps, uint32_t *offsets);

#endif
