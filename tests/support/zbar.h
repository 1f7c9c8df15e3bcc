/* Reading a QR code back from a PNG with zbarimg (zbar-tools), as a phone would. */
#ifndef TESTS_SUPPORT_ZBAR_H
#define TESTS_SUPPORT_ZBAR_H

#include <stdbool.h>
#include <stddef.h>

/* Runs `zbarimg --raw -q path`; its output, trimmed, into out. False when it fails. */
bool zbar_read(const char *path, char *out, size_t cap);

#endif
