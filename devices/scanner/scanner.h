/*
 * What every barcode scanner input parser hands back: one complete code at a
 * time through a callback, and counts of what it threw away and why, so a
 * misconfigured scanner (wrong suffix, wrong keyboard mode) shows up as a
 * rising number rather than as silence.
 */
#ifndef DEVICES_SCANNER_SCANNER_H
#define DEVICES_SCANNER_SCANNER_H

#include <stddef.h>

/* Longest code any parser will deliver, in bytes (without the NUL). */
#define DEV_SCANNER_CODE_MAX 128

/* code is NUL-terminated, len bytes of printable ASCII, borrowed for the call only. */
typedef void (*dev_scanner_code_fn)(void *user, const char *code, size_t len);

struct dev_scanner_stats {
    unsigned long codes;      /* delivered */
    unsigned long too_long;   /* dropped: longer than the configured limit */
    unsigned long garbage;    /* dropped: a byte or key that no barcode contains */
    unsigned long bad_prefix; /* dropped: the configured prefix was missing */
    unsigned long timeouts;   /* dropped: keys stopped arriving before the terminator */
};

#endif
