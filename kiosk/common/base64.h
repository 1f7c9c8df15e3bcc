/*
 * Decoding base64 text from outside (ZATCA's tokens and invoices, XML
 * signature values): the RFC 4648 alphabet, padding required, nothing else
 * accepted (callers strip what their format allows, such as XML's
 * whitespace, first). One decoder for every program.
 */
#ifndef KIOSK_COMMON_BASE64_H
#define KIOSK_COMMON_BASE64_H

#include <stddef.h>

/*
 * text decoded into a new buffer of *len bytes followed by a NUL (free());
 * NULL when text is empty, not strict base64, or decodes to more than max
 * bytes.
 */
unsigned char *ks_base64_decode(const char *text, size_t max, size_t *len);

#endif
