/*
 * Fuzz target: device URIs from the kiosk's configuration, for serial
 * ports (devices/common/serial_port.c), serial scales
 * (devices/scale/scale_serial.c), HID POS scanners
 * (devices/scanner/scanner_hidraw.c) and the scanner worker of every kind
 * (devices/scanner/scanner_worker.c), with the query and percent-decoding
 * of devices/common/uri_text.c under them all. An accepted URI must give
 * an absolute path and a framing the port can be opened with.
 */
#include "devices/common/serial_port.h"
#include "devices/scale/scale_serial.h"
#include "devices/scanner/scanner_hidraw.h"
#include "devices/scanner/scanner_worker.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_port(const struct dev_serial_config *c)
{
    if (c->path[0] != '/' || strlen(c->path) >= sizeof(c->path) ||
        (c->data_bits != 7 && c->data_bits != 8) || !strchr("NEO", c->parity) ||
        (c->stop_bits != 1 && c->stop_bits != 2) || c->baud < 1200 || c->baud > 115200)
        __builtin_trap();
}

static void check_scanner(const struct dev_scanner_worker_config *c)
{
    switch (c->kind) {
    case DEV_SCANNER_SERIAL:
        check_port(&c->port);
        if (c->serial.max_len > DEV_SCANNER_CODE_MAX ||
            strlen(c->serial.prefix) > DEV_SCANNER_AFFIX_MAX ||
            strlen(c->serial.terminators) > DEV_SCANNER_AFFIX_MAX)
            __builtin_trap();
        return;
    case DEV_SCANNER_HIDRAW:
        if (strncmp(c->hidraw_uri, "hidraw://", 9) != 0 || strchr(c->hidraw_uri, '?') ||
            c->hidraw.max_len > DEV_SCANNER_CODE_MAX ||
            (c->hidraw.timeout_ms != 0 && c->hidraw.timeout_ms < 10))
            __builtin_trap();
        return;
    case DEV_SCANNER_EVDEV:
        if (c->evdev_path[0] != '/' || c->wedge.max_len > DEV_SCANNER_CODE_MAX)
            __builtin_trap();
        return;
    }
    __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > DEV_SERIAL_URI_MAX + 16)
        return 0;
    char *uri = malloc(size + 1);
    if (!uri)
        return 0;
    memcpy(uri, data, size);
    uri[size] = '\0';
    char why[96];
    struct dev_serial_config port;
    if (dev_serial_uri_parse(uri, &port, NULL, NULL, why, sizeof(why)))
        check_port(&port);
    struct dev_scale_serial_config scale;
    if (dev_scale_serial_uri_parse(uri, &scale, why, sizeof(why))) {
        check_port(&scale.port);
        if (scale.max_grams < 1 || scale.max_grams > 99999 || scale.poll_ms < 50 ||
            scale.reply_ms < 50 || scale.dialect > DEV_SCALE_NCI)
            __builtin_trap();
    }
    struct dev_scanner_worker_config scanner;
    if (dev_scanner_worker_uri_parse(uri, &scanner, why, sizeof(why)))
        check_scanner(&scanner);
    char path[DEV_SCANNER_HID_PATH_MAX];
    /* a folder that does not exist: resolving stays pure */
    if (dev_scanner_hidraw_resolve(uri, "/nonexistent-fuzz-dir", path, sizeof(path)) &&
        path[0] != '/')
        __builtin_trap();
    free(uri);
    return 0;
}
