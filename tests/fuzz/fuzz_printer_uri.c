/*
 * Fuzz target: arbitrary bytes as a printer URI from the configuration or
 * the command line (devices/printer/printer.c and the transports' address
 * parsers: tcp host and port, file path, usb VID:PID, sim options and
 * fault scripts). Nothing is opened: only sim:// makes a device, whose
 * status is then asked in-process. An accepted URI is kept verbatim.
 */
#include "devices/printer/printer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > DEV_PRINTER_URI_MAX + 16)
        return 0;
    char *uri = malloc(size + 1);
    if (!uri)
        return 0;
    memcpy(uri, data, size);
    uri[size] = '\0';
    enum dev_printer_error err = DEV_PRINTER_ERR_IO;
    dev_printer *p = dev_printer_new(uri, NULL, &err);
    if ((p != NULL) != (err == DEV_PRINTER_OK))
        __builtin_trap();
    if (p) {
        if (strcmp(dev_printer_uri(p), uri) != 0 || strlen(uri) > DEV_PRINTER_URI_MAX)
            __builtin_trap();
        if (dev_printer_sim_of(p)) {
            dev_printer_status st;
            enum dev_printer_error e = dev_printer_query_status(p, &st);
            if (e != DEV_PRINTER_OK && e != DEV_PRINTER_ERR_NO_ANSWER)
                __builtin_trap();
        }
    } else if (err != DEV_PRINTER_ERR_BAD_URI && err != DEV_PRINTER_ERR_NO_MEMORY) {
        __builtin_trap();
    }
    dev_printer_free(p);
    free(uri);
    return 0;
}
