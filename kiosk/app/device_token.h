/*
 * The backend token a kiosk enrolled for itself (kiosk --enrol CODE,
 * kiosk/docs/backend-api.md "POST /v1/devices/enrol"): the one request to
 * the backend made without a token trades a one-time code for the kiosk's
 * own token, which is written to a file only the kiosk's user may read
 * (kiosk/app/secret_file.h) and never shown.
 *
 * Where: [network] token_file, else "device-token" in the folder of
 * [zatca] credentials, beside the kiosk's other secrets.
 *
 * Which token goes where. The backend gets the enrolled token when there
 * is one (enrolling is the act that says so), else [network] token
 * (ks_config_backend_token); the store's kitchen displays and attendant
 * console get [network] token when the INI has one, the one their own
 * INIs know, else the enrolled token, which an enrolled display or
 * console checks against the store's kiosks it pulls
 * (ks_config_peer_token). So an enrolled kiosk needs no second token for
 * enrolled peers, and one with an INI token changes nothing for them.
 */
#ifndef KIOSK_APP_DEVICE_TOKEN_H
#define KIOSK_APP_DEVICE_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app/config.h"
#include "kiosk/app/enrol_answer.h"
#include "kiosk/common/device_backend.h"

/* The enrolled token's file into out[cap] (see above); false when it does not fit. */
bool ks_device_token_path(const ks_config *cfg, char *out, size_t cap);

/*
 * At start: when the enrolled token file exists, its token into
 * cfg->enrolled_token. False (logged) when the file exists but cannot be used
 * (not 0600 and this user's, not a token): the kiosk must not run with a
 * token other than the one it was given.
 */
bool ks_device_token_apply(ks_config *cfg);

/*
 * kiosk --enrol: POSTs code (as the person typed it; the backend
 * normalises it) with cfg's [kiosk] id to the backend of [network]
 * backend_url through the kiosk's backend client, and writes the token
 * it answers to the token file. Refuses (KS_KIOSK_ENROL_ALREADY, nothing
 * sent) when the file exists and force is false. Every outcome but OK is logged with the reason
 * (the backend's own for a refused code); the token is never logged.
 */
enum ks_kiosk_enrol ks_device_token_enrol(const ks_config *cfg, const char *code, bool force);

/* Whom to enrol, and where its token goes: any device of a store (kiosk, kitchen display). */
typedef struct ks_device_enrolment {
    const char *orders_url; /* the kiosk's [network] backend_url; NULL with api_root */
    const char *api_root;   /* a display's [backend] url (the API root); NULL with orders_url */
    const char *ca_file;    /* NULL or "": the system's */
    int timeout_ms;         /* <= 0: 10000 */
    const char *device_id;  /* the id the code was made for */
    const char *store_id;   /* its configured store: a code of another is warned about */
    const char *token_path; /* written 0600 */
} ks_device_enrolment;

/* ks_device_token_enrol for any device e. */
enum ks_kiosk_enrol ks_device_token_enrol_as(const ks_device_enrolment *e, const char *code,
                                             bool force);

/* ks_device_token_enrol_as for the device of a [backend] section (a display or console). */
enum ks_kiosk_enrol ks_device_token_enrol_backend(const ks_device_backend *b, const char *code,
                                                  bool force);

/*
 * The enrolled token at path into out[KS_CONFIG_TOKEN_MAX + 1] ("" when
 * there is no file). False (logged, naming program's --enrol) when the
 * file exists but cannot be used (not 0600 and this user's, not a token).
 */
bool ks_device_token_load(const char *path, char out[KS_CONFIG_TOKEN_MAX + 1], const char *program);

#endif
