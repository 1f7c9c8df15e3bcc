/*
 * ESC/POS real-time status: the DLE EOT n request (10 04 n) and its one-byte
 * answers. Every answer has bits 1 and 4 set and bits 0 and 7 clear, so a
 * healthy idle printer answers 0x12 to each query; the other bits are:
 *
 *   n = 1 printer:        bit 2 drawer pin 3 high, bit 3 offline
 *   n = 2 offline cause:  bit 2 cover open, bit 3 feed button, bit 5 stopped at paper end,
 *                         bit 6 error
 *   n = 3 error cause:    bit 3 autocutter, bit 5 unrecoverable,
 *                         bit 6 auto-recoverable (head too hot)
 *   n = 4 paper:          bits 2+3 near end, bits 5+6 paper end
 *
 * The link can carry stray bytes (XON 0x11 / XOFF 0x13 on serial, late
 * answers, answers triggered by 10 04 n inside image data), so the parser
 * keeps only bytes with the fixed pattern and the last four of them.
 */
#ifndef DEVICES_PRINTER_ESCPOS_STATUS_H
#define DEVICES_PRINTER_ESCPOS_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/common/buffer.h"

enum dev_escpos_query {
    DEV_ESCPOS_QUERY_PRINTER = 1,
    DEV_ESCPOS_QUERY_OFFLINE_CAUSE = 2,
    DEV_ESCPOS_QUERY_ERROR_CAUSE = 3,
    DEV_ESCPOS_QUERY_PAPER = 4,
};

/* The answer bits, for the parser and for simulators that compose answers. */
#define DEV_ESCPOS_STATUS_FIXED_MASK 0x93
#define DEV_ESCPOS_STATUS_FIXED 0x12
#define DEV_ESCPOS_ST1_DRAWER_PIN3 0x04
#define DEV_ESCPOS_ST1_OFFLINE 0x08
#define DEV_ESCPOS_ST2_COVER_OPEN 0x04
#define DEV_ESCPOS_ST2_FEED_BUTTON 0x08
#define DEV_ESCPOS_ST2_PAPER_STOP 0x20
#define DEV_ESCPOS_ST2_ERROR 0x40
#define DEV_ESCPOS_ST3_AUTOCUTTER 0x08
#define DEV_ESCPOS_ST3_UNRECOVERABLE 0x20
#define DEV_ESCPOS_ST3_AUTO_RECOVERABLE 0x40
#define DEV_ESCPOS_ST4_NEAR_END 0x0C
#define DEV_ESCPOS_ST4_PAPER_OUT 0x60

/* Decoded conditions, one bit each in dev_printer_status.flags. */
enum dev_status_flag {
    DEV_STATUS_OFFLINE = 1u << 0,
    DEV_STATUS_DRAWER_PIN3 = 1u << 1,
    DEV_STATUS_COVER_OPEN = 1u << 2,
    DEV_STATUS_FEED_BUTTON = 1u << 3,
    DEV_STATUS_STOPPED_AT_PAPER_END = 1u << 4,
    DEV_STATUS_ERROR = 1u << 5,
    DEV_STATUS_AUTOCUTTER_ERROR = 1u << 6,
    DEV_STATUS_UNRECOVERABLE_ERROR = 1u << 7,
    DEV_STATUS_AUTO_RECOVERABLE_ERROR = 1u << 8,
    DEV_STATUS_PAPER_NEAR_END = 1u << 9,
    DEV_STATUS_PAPER_OUT = 1u << 10,
};

typedef struct dev_printer_status {
    unsigned flags;     /* DEV_STATUS_* bits */
    uint8_t answers[4]; /* the raw answers to n = 1, 2, 3, 4 */
} dev_printer_status;

/* What a status means for the kiosk; dev_printer_status_condition picks the most serious. */
enum dev_printer_condition {
    DEV_PRINTER_READY,
    DEV_PRINTER_PAPER_NEAR_END, /* prints; tell staff */
    DEV_PRINTER_UNRECOVERABLE,  /* needs service */
    DEV_PRINTER_COVER_OPEN,
    DEV_PRINTER_PAPER_OUT,
    DEV_PRINTER_CUTTER_ERROR,
    DEV_PRINTER_RECOVERING, /* e.g. head too hot: retry later */
    DEV_PRINTER_OFFLINE,    /* offline for a reason the answers do not give */
};

/* Appends DLE EOT n (10 04 n) to out. False when n is not 1..4 or out is full. */
bool dev_escpos_append_status_request(dev_buffer *out, enum dev_escpos_query n);

/* True when byte has the fixed bits of a DLE EOT answer (bits 1, 4 set; 0, 7 clear). */
bool dev_escpos_is_status_byte(uint8_t byte);

/* The DEV_STATUS_* flags answer gives to query n; 0 when it is not a status byte or n not 1..4. */
unsigned dev_escpos_status_flags(enum dev_escpos_query n, uint8_t answer);

/*
 * Reads the bytes received after sending DLE EOT 1, 2, 3, 4 in that order.
 * Bytes that are not status bytes are skipped; of the rest the last four are
 * the answers (earlier ones are late answers to an earlier request). False,
 * with *out zeroed, when fewer than four status bytes arrived. rx may be NULL
 * when len is 0.
 */
bool dev_escpos_status_parse(const uint8_t *rx, size_t len, dev_printer_status *out);

/* The most serious condition in status. */
enum dev_printer_condition dev_printer_status_condition(const dev_printer_status *status);

/* A short English description of condition, for logs and the staff screen; never NULL. */
const char *dev_printer_condition_strerror(enum dev_printer_condition condition);

#endif
