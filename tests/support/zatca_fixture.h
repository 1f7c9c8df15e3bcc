/*
 * ZATCA's e-invoicing SDK data for the tests: its folder (KIOSK_ZATCA_SDK,
 * set by tests/CMakeLists.txt), and its test certificate and secp256k1 key
 * written as PEM files (the SDK keeps them as one line of base64) with the
 * modes the kiosk requires.
 */
#ifndef TESTS_SUPPORT_ZATCA_FIXTURE_H
#define TESTS_SUPPORT_ZATCA_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "kiosk/app/config.h"
#include "kiosk/app/einvoicing.h"

/* The SDK's folder; never NULL. */
const char *zatca_fixture_sdk_dir(void);

/* The SDK file name (relative to its folder), malloc'd and NUL-terminated; NULL when unreadable. */
char *zatca_fixture_read(const char *name, size_t *len);

/* An SDK file of base64 DER written to path as PEM with label and mode; false on failure. */
bool zatca_fixture_write_pem(const char *sdk_name, const char *label, const char *path,
                             mode_t mode);

/*
 * The SDK's test certificate and key as PEM files in dir (the key 0600):
 * their paths into cert[cap] and key[cap]. False on failure (reported).
 */
bool zatca_fixture_stamp(const char *dir, char *cert, char *key, size_t cap);

/* *cfg: the defaults, stamped with the SDK's test stamp in the tests' folder; false on failure. */
bool zatca_fixture_stamped_config(ks_config *cfg);

/* The kiosk's e-invoicing opened on zatca_fixture_stamped_config(cfg); NULL (reason printed). */
ks_einvoicing *zatca_fixture_einvoicing(ks_config *cfg);

#endif
