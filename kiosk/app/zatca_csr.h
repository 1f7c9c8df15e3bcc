/*
 * The device's ZATCA key and CSR (kiosk/docs/zatca.md, "Onboarding"): an
 * EC key on secp256k1 generated on the device and kept in a file only the
 * kiosk's user may read, and the certificate signing request ZATCA
 * requires: subject C, OU, O, CN; the certificate template extension
 * (1.3.6.1.4.1.311.20.2) naming the environment; a subjectAltName dirName
 * with SN (solution|model|serial), UID (VAT number), title (invoice
 * types), registeredAddress and businessCategory; signed with ECDSA-SHA256.
 */
#ifndef KIOSK_APP_ZATCA_CSR_H
#define KIOSK_APP_ZATCA_CSR_H

#include <openssl/types.h>
#include <stdbool.h>

#include "kiosk/app/csr_config.h"

/* ZATCA's environments, each with its certificate template name. */
enum ks_zatca_env {
    KS_ZATCA_ENV_SANDBOX,    /* developer portal: TSTZATCA-Code-Signing */
    KS_ZATCA_ENV_SIMULATION, /* simulation: PREZATCA-Code-Signing */
    KS_ZATCA_ENV_PRODUCTION, /* core: ZATCA-Code-Signing */
};

/* "sandbox", "simulation" or "production"; false when unknown. */
bool ks_zatca_env_parse(const char *name, enum ks_zatca_env *out);

/* The certificate template name of env. Static. */
const char *ks_zatca_env_template(enum ks_zatca_env env);

/*
 * The device's private key at path: read when the file exists (it must be
 * this user's with mode 0600 and hold a secp256k1 key), else generated and
 * written there with mode 0600. NULL (logged) on failure; the caller owns
 * the key (EVP_PKEY_free).
 */
EVP_PKEY *ks_zatca_device_key(const char *path);

/*
 * The CSR for config and env signed with key, as PEM text (owned, free()).
 * NULL (logged) on failure.
 */
char *ks_zatca_csr_pem(const ks_csr_config *config, enum ks_zatca_env env, EVP_PKEY *key);

#endif
