/*
 * The device's ZATCA secrets on disk (kiosk/docs/zatca.md): the CSIDs as
 * ZATCA answered them (a JSON object with binarySecurityToken, secret and
 * requestID) and the device's private key, each in a file only the kiosk's
 * service user may read (mode 0600, owned by it). The reporting worker
 * reads the production CSID at start; kiosk-zatca-onboard writes them.
 */
#ifndef KIOSK_APP_ZATCA_CREDENTIALS_H
#define KIOSK_APP_ZATCA_CREDENTIALS_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app/config.h"
#include "kiosk/app/zatca_answer.h"

/*
 * The whole secret file at path (malloc'd, NUL-terminated, *len bytes).
 * NULL (logged) when it is missing, not a regular file (symbolic links
 * refused), not owned by this user, open to group or others, empty or
 * over max bytes.
 */
char *ks_zatca_secret_file_read(const char *path, size_t max, size_t *len);

/*
 * Writes len bytes of text to path with mode 0600, atomically (a
 * temporary file renamed over it, synced). False (logged) on failure.
 */
bool ks_zatca_secret_file_write(const char *path, const char *text, size_t len);

/* Reads the CSID file at path (ks_zatca_secret_file_read, ks_zatca_csid_parse); false logged. */
bool ks_zatca_credentials_load(const char *path, ks_zatca_csid *out);

/*
 * The device key's path into out[0..cap): [zatca] private_key when set,
 * else zatca-key.pem in the folder of [zatca] credentials, where
 * kiosk-zatca-onboard makes it unless told otherwise. False when it does
 * not fit.
 */
bool ks_zatca_device_key_path(const ks_config *cfg, char *out, size_t cap);

#endif
