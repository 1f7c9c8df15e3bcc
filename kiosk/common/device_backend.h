/*
 * How a kitchen display or attendant console reaches the backend: the
 * [backend] section of its INI (kiosk/docs/http-api.md, "Running a kitchen
 * display"; README "Enrolling a kitchen display or console").
 *
 *   [backend]
 *   url = https://backend.example/v1 ; the backend's API root; "" (the default): no backend,
 *                                    ; the INI's [kiosks] tokens only
 *   device_id = kds-01               ; the id its enrolment code was made for
 *   store = riyadh-01                ; its store: whose kiosks it accepts
 *   token_file = device-token        ; its enrolled token (--enrol writes it, 0600)
 *   ca_certificate = ca.pem          ; the store's CA for https; "": the system's
 *   poll_seconds = 60                ; how often it asks for its store's kiosks (5-3600)
 *
 * Relative paths are to the INI's folder. Pure parsing; no I/O.
 */
#ifndef KIOSK_COMMON_DEVICE_BACKEND_H
#define KIOSK_COMMON_DEVICE_BACKEND_H

#include <stdbool.h>

#include "kiosk/common/outgoing_url.h"

#define KS_DEVICE_BACKEND_ID_MAX 32

typedef struct ks_device_backend {
    char url[KS_URL_MAX + 1];                     /* "": no backend */
    char device_id[KS_DEVICE_BACKEND_ID_MAX + 1]; /* 1-32 of a-z 0-9 _ . - */
    char store_id[KS_DEVICE_BACKEND_ID_MAX + 1];  /* likewise */
    char token_file[1024];                        /* default "device-token" */
    char ca_certificate[1024];                    /* "": the system's */
    int poll_s;                                   /* default 60 */
} ks_device_backend;

/* The defaults: no backend, token_file "device-token", 60 s. */
void ks_device_backend_defaults(ks_device_backend *b);

/* What became of a key of [backend]. */
enum ks_device_backend_setting {
    KS_DEVICE_BACKEND_TAKEN,
    KS_DEVICE_BACKEND_REFUSED, /* a bad value or an unknown key: *why says so */
};

/* Takes key = value of [backend] into *b; *why (static English) when refused. */
enum ks_device_backend_setting ks_device_backend_key(ks_device_backend *b, const char *key,
                                                     const char *value, const char **why);

/* Once the file is read: false (*why) when url is set without device_id and store. */
bool ks_device_backend_check(const ks_device_backend *b, const char **why);

/* Relative paths resolved against the INI at ini_path's folder; false when one is too long. */
bool ks_device_backend_resolve(ks_device_backend *b, const char *ini_path);

#endif
