/*
 * The device's CSID on disk (kiosk/docs/zatca.md): ZATCA's answer to
 * POST /production/csids (or /compliance) kept as received, a JSON object
 * with binarySecurityToken, secret and requestID, in a file only the
 * kiosk's service user may read (mode 0600, owned by it). The reporting
 * worker reads it at start; kiosk-zatca-onboard writes it.
 */
#ifndef KIOSK_APP_ZATCA_CREDENTIALS_H
#define KIOSK_APP_ZATCA_CREDENTIALS_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app/zatca_answer.h"

/*
 * Reads path into *out. False (logged) when the file is missing, not a
 * regular file, not owned by this user, readable or writable by group or
 * others, over KS_ZATCA_ANSWER_MAX bytes, or not a CSID (ks_zatca_csid_parse).
 */
bool ks_zatca_credentials_load(const char *path, ks_zatca_csid *out);

/*
 * Writes len bytes of text to path with mode 0600, atomically (a
 * temporary file renamed over it, synced). False (logged) on failure.
 */
bool ks_zatca_secret_file_write(const char *path, const char *text, size_t len);

#endif
