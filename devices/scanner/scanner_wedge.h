/*
 * Barcode scanner as a HID keyboard ("wedge"): Linux evdev key events turned
 * back into the characters the scanner meant. Scanners send US-layout key
 * codes whatever the system layout is, so the keymap here is fixed US and
 * Caps Lock is ignored. A code ends at the terminator key (Enter by default);
 * a gap longer than the inter-key timeout drops the partial code, since a
 * scanner types far faster than a person. A pure state machine fed
 * (key code, value, time), so it is tested without a device.
 */
#ifndef DEVICES_SCANNER_SCANNER_WEDGE_H
#define DEVICES_SCANNER_SCANNER_WEDGE_H

#include "devices/scanner/scanner.h"

#include <stdbool.h>
#include <stdint.h>

struct dev_scanner_wedge_config {
    uint16_t terminator_key; /* an evdev KEY_* code; 0 = KEY_ENTER (KEY_KPENTER also ends) */
    uint32_t timeout_ms;     /* longest gap between key presses inside a code; 0 = 100 ms */
    size_t max_len;          /* 1..DEV_SCANNER_CODE_MAX; 0 = the maximum */
};

struct dev_scanner_wedge {
    struct dev_scanner_wedge_config config;
    struct dev_scanner_stats stats;
    char code[DEV_SCANNER_CODE_MAX + 1];
    size_t len;
    uint64_t last_press_ms;
    bool shift_left, shift_right;
    bool too_long, garbage; /* the current code is dropped at its terminator */
};

/* Starts a parser; config NULL means Enter, 100 ms, the maximum length. */
void dev_scanner_wedge_init(struct dev_scanner_wedge *w,
                            const struct dev_scanner_wedge_config *config);

/*
 * Feeds one EV_KEY event: key is the KEY_* code, value 1 press, 0 release,
 * 2 auto-repeat (ignored); time_ms a monotonic time in milliseconds. Calls
 * on_code (may be NULL) when the terminator completes a code.
 */
void dev_scanner_wedge_key(struct dev_scanner_wedge *w, uint16_t key, int32_t value,
                           uint64_t time_ms, dev_scanner_code_fn on_code, void *user);

/* The US-layout character for key (shifted or not), or 0 when it is not printable. */
char dev_scanner_wedge_char(uint16_t key, bool shift);

#endif
