/*
 * The device's ZATCA secrets on disk (kiosk/docs/zatca.md): the CSIDs as
 * ZATCA answered them (a JSON object with binarySecurityToken, secret and
 * requestID) and the device's private key, each in a file only the kiosk's
 * service user may read (mode 0600, owned by it). The reporting worker
 * reads the production CSID at start; kiosk-zatca-onboard writes them
 * (kiosk/app/secret_file.h).
 */
#ifndef KIOSK_APP_ZATCA_CREDENTIALS_H
#define KIOSK_APP_ZATCA_CREDENTIALS_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app/config.h"
#include "kiosk/app/zatca_answer.h"

/* Reads the CSID file at path (ks_secret_file_load, ks_zatca_csid_parse); false logged. */
bool ks_zatca_credentials_load(const char *path, ks_zatca_csid *out);

/*
 * The device key's path into out[0..cap): [zatca] private_key when set,
 * else zatca-key.pem in the folder of [zatca] credentials, where
 * kiosk-zatca-onboard makes it unless told otherwise. False when it does
 * not fit.
 */
bool ks_zatca_device_key_path(const ks_config *cfg, char *out, size_t cap);

#endif
