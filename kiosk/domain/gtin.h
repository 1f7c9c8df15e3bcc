/*
 * GS1 identification numbers: the check digit shared by GTIN-8, GTIN-12
 * (UPC-A), GTIN-13 (EAN-13) and GTIN-14, and the 14-digit form under which a
 * product is the same whichever length its barcode was printed in (a UPC-A
 * read by a scanner as EAN-13 gains a leading zero).
 */
#ifndef KIOSK_DOMAIN_GTIN_H
#define KIOSK_DOMAIN_GTIN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The check digit (0-9) for the n digits before it, weighting them 3, 1, 3 ...
 * from the right; -1 when a byte is not an ASCII digit or n is 0.
 */
int ks_gtin_check_digit(const char *digits, size_t n);

/* True when s[0..len) is 8, 12, 13 or 14 ASCII digits ending with the right check digit. */
bool ks_gtin_valid(const char *s, size_t len);

/* Writes the valid GTIN s[0..len) left-padded with zeros to 14 digits and a NUL; false when not
 * valid. */
bool ks_gtin_normalize(const char *s, size_t len, char out[15]);

#endif
