/*
 * Barcode scanner in HID POS mode (HID usage page 0x8C "Bar Code Scanner",
 * HID Point of Sale Usage Tables 1.02): the kernel makes no input events
 * for it, so the codes are read from /dev/hidrawN, one input report per
 * read(), with no keymap in the way and the symbology named by the scanner.
 *
 * The Scanned Data input report, as Honeywell, Zebra and Datalogic
 * scanners send it (64 bytes, the report ID first as hidraw gives it):
 *
 *   byte  0       report ID 0x02
 *   byte  1       n: decoded data bytes in this report, 0..56
 *   bytes 2..4    AIM symbology identifier, "]" + code letter + modifier
 *                 ("]E0" EAN-13, "]C1" GS1-128, "]Q1" QR ...), or three
 *                 zero bytes when the scanner does not send one
 *   bytes 5..60   decoded data; bytes past n are padding
 *   byte  61      vendor symbology identifier (ignored)
 *   byte  62      reserved
 *   byte  63      bit 0: decoded data continued, the code goes on in the
 *                 next report (codes longer than 56 bytes)
 *
 * Sources: HenkVanAsselt/python_hon_usbhid README (captured Voyager
 * reports), NielsLeenheer/WebHidBarcodeScanner src/main.js (report 2,
 * AIM at 1..3 and data from 4 once the ID is stripped, "more" at 62).
 * Reports with another ID (status, settings) are skipped and counted.
 */
#ifndef DEVICES_SCANNER_SCANNER_HIDRAW_H
#define DEVICES_SCANNER_SCANNER_HIDRAW_H

#include "devices/scanner/scanner.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEV_SCANNER_HID_REPORT_SIZE 64
#define DEV_SCANNER_HID_REPORT_ID 0x02
#define DEV_SCANNER_HID_DATA_MAX 56
#define DEV_SCANNER_HID_PATH_MAX 256

struct dev_scanner_hidraw_config {
    uint32_t timeout_ms; /* longest wait for a continued report; 0 = 500 ms */
    size_t max_len;      /* 1..DEV_SCANNER_CODE_MAX; 0 = the maximum */
};

/* Plain state, no allocation: set up with dev_scanner_hidraw_init. */
struct dev_scanner_hidraw {
    struct dev_scanner_hidraw_config config;
    struct dev_scanner_stats stats;
    unsigned long other_reports; /* reports with another ID, skipped */
    char aim[4];                 /* the AIM id of the code being delivered ("" if none) */
    char code[DEV_SCANNER_CODE_MAX + 1];
    size_t len;
    bool pending;           /* a continued code is being collected */
    bool too_long, garbage; /* the pending code is dropped when it ends */
    uint64_t last_ms;       /* time of the last report of the pending code */
};

/* Starts a parser; config NULL means 500 ms and the maximum length. */
void dev_scanner_hidraw_init(struct dev_scanner_hidraw *h,
                             const struct dev_scanner_hidraw_config *config);

/*
 * Feeds one input report report[0..len) received at now_ms (monotonic).
 * Calls on_code (may be NULL) when it completes a code; h->aim holds the
 * code's symbology identifier during the call. A report of the wrong size
 * or with a length beyond its data counts as garbage.
 */
void dev_scanner_hidraw_feed(struct dev_scanner_hidraw *h, const uint8_t *report, size_t len,
                             uint64_t now_ms, dev_scanner_code_fn on_code, void *user);

/*
 * Where a scanner URI points, written into path (cap bytes):
 *   hidraw:///dev/hidraw3    that node
 *   hidraw://0c2e:0b61       the first /dev/hidraw* (in name order) whose
 *                            HIDIOCGRAWINFO vendor:product match (hex)
 * dir is the folder searched for the second form (NULL: "/dev"). False
 * when the URI is malformed or no node matches; errno is then EINVAL or
 * ENOENT.
 */
bool dev_scanner_hidraw_resolve(const char *uri, const char *dir, char *path, size_t cap);

/* Opens a hidraw node read-only, non-blocking, close-on-exec; the fd or -1 (errno set). */
int dev_scanner_hidraw_open(const char *path);

/*
 * Reads the reports waiting on fd (one per read(), as hidraw and
 * SOCK_SEQPACKET deliver them) and feeds each to h. True while the fd is
 * usable (including nothing to read); false on end of file or a read error
 * such as ENODEV: the scanner was unplugged, close fd and resolve again.
 */
bool dev_scanner_hidraw_read(int fd, struct dev_scanner_hidraw *h, dev_scanner_code_fn on_code,
                             void *user);

#endif
