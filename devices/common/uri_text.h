/*
 * The small pieces of text handling every device URI needs (serial://,
 * hidraw://, usb://, nexo+https://): hex digits, VID:PID halves and
 * percent-decoding of a path or a query value, with explicit limits.
 */
#ifndef DEVICES_COMMON_URI_TEXT_H
#define DEVICES_COMMON_URI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of one hex digit (either case), or -1 when c is not one. */
int dev_uri_hex_digit(char c);

/* Parses text[0..n), 1 to 4 hex digits and nothing else, into *out; false otherwise. */
bool dev_uri_hex16(const char *text, size_t n, uint16_t *out);

/*
 * Percent-decodes src[0..n) into out (cap bytes, NUL included). False on
 * a malformed escape, a control byte (raw or escaped, NUL and DEL too:
 * no device name or setting holds one) or when out is too small; out is
 * then unspecified.
 */
bool dev_uri_percent_decode(const char *src, size_t n, char *out, size_t cap);

/* A decimal query value ("250", "-3", no blanks or trailing text) within [min, max] into *out. */
bool dev_uri_parse_long(const char *text, long min, long max, long *out);

#define DEV_URI_KEY_MAX 31    /* longest query key, bytes */
#define DEV_URI_VALUE_MAX 511 /* longest query value once decoded, bytes */

/*
 * Called for one query parameter, key and value percent-decoded and
 * NUL-terminated (borrowed for the call). Return false to refuse the URI,
 * writing a short reason into why (cap bytes; why may be NULL).
 */
typedef bool (*dev_uri_param_fn)(void *user, const char *key, const char *value, char *why,
                                 size_t cap);

/*
 * Walks query ("k=v&k2=v2", without the '?'; NULL or "" has no parameters)
 * and hands each parameter to on_param in order. False at the first
 * malformed parameter (no '=', empty key, bad escape, over the limits
 * above), with the reason in why, or at the first one on_param refuses.
 */
bool dev_uri_query_each(const char *query, dev_uri_param_fn on_param, void *user, char *why,
                        size_t cap);

#endif
