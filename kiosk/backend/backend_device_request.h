/*
 * The bodies of the stores' and devices' requests to the backend
 * (kiosk/docs/backend-api.md, "Stores and devices"), read and checked
 * strictly: a new store (POST /v1/stores), an enrolment code asked for by
 * a manager (POST /v1/devices/enrolment-codes) and a device's enrolment
 * with that code (POST /v1/devices/enrol, which comes from anyone on the
 * network). Pure: no I/O; backend_device.c stores what they say.
 */
#ifndef KIOSK_BACKEND_BACKEND_DEVICE_REQUEST_H
#define KIOSK_BACKEND_BACKEND_DEVICE_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/order.h"
#include "kiosk/domain/json_read.h"

/* Largest body of each of the three requests. */
#define KS_DEVICE_BODY_MAX 2048
/* Bytes of a store's name in one language. */
#define KS_STORE_NAME_MAX 128
/* Characters of an enrolment code (KS_ENROL_CODE_ALPHABET), without the dash shown after 5. */
#define KS_ENROL_CODE_LEN 10
/*
 * What a code is made of: digits and capitals without 0 O 1 I L, which
 * people mistake for each other when they read one off a screen.
 */
#define KS_ENROL_CODE_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* What a device is: what its token may do (backend-api.md, "Stores and devices"). */
enum ks_device_kind {
    KS_DEVICE_KIOSK,   /* a kiosk: orders, heartbeats, refunds, kitchen events, its menu */
    KS_DEVICE_KITCHEN, /* a kitchen display: reads its store's menu, pictures, sold-out list */
    KS_DEVICE_CHANNEL, /* a sales channel (an online shop): reserves and sells its store's stock */
    KS_DEVICE_ATTENDANT, /* an attendant console: a kitchen display's reads and the staff list */
};

/* "kiosk", "kitchen", "channel", "attendant". */
const char *ks_device_kind_name(enum ks_device_kind kind);
/* The kind called text (NULL: false). */
bool ks_device_kind_parse(const char *text, enum ks_device_kind *out);

typedef struct ks_store_request {
    char store_id[KS_DEVICE_ID_MAX + 1];   /* ks_device_id_ok */
    char name_ar[KS_STORE_NAME_MAX + 1];   /* 1..128 bytes, no control characters */
    char name_en[KS_STORE_NAME_MAX + 1];   /* the same */
    char menu_store[KS_DEVICE_ID_MAX + 1]; /* the store whose menu it sells; "": its own */
} ks_store_request;

typedef struct ks_enrol_code_request {
    char store_id[KS_DEVICE_ID_MAX + 1];  /* ks_device_id_ok */
    char device_id[KS_DEVICE_ID_MAX + 1]; /* ks_device_id_ok */
    enum ks_device_kind kind;
} ks_enrol_code_request;

typedef struct ks_enrol_request {
    char code[KS_ENROL_CODE_LEN + 1];     /* normalised: capitals of the alphabet, no dash */
    char device_id[KS_DEVICE_ID_MAX + 1]; /* ks_device_id_ok */
} ks_enrol_request;

/*
 * Each reads body[len] (no NUL needed; from the network) into *out. False
 * with *out zeroed and *why holds the member at fault and the reason (ks_body_read). The bodies,
 * each with no other member and none twice:
 *
 *   store:        {"store_id": id, "name_ar": text, "name_en": text, "menu": id (optional)}
 *   enrol code:   {"store_id": id, "device_id": id, "kind": "kiosk" | "kitchen" | "channel" |
 * "attendant"} enrol:        {"code": "ABCDE-FGHJK", "device_id": id}
 *
 * A code is read as people type it: small letters are made capitals, and
 * dashes and spaces are left out.
 */
bool ks_store_request_parse(const char *body, size_t len, ks_store_request *out,
                            ks_json_error *why);
bool ks_enrol_code_request_parse(const char *body, size_t len, ks_enrol_code_request *out,
                                 ks_json_error *why);
bool ks_enrol_request_parse(const char *body, size_t len, ks_enrol_request *out,
                            ks_json_error *why);

/*
 * text (NULL: false) as a code into out[KS_ENROL_CODE_LEN + 1]: at most 32
 * bytes; small letters made capitals, '-' and ' ' left out; then exactly
 * KS_ENROL_CODE_LEN characters of the alphabet.
 */
bool ks_enrol_code_normalise(const char *text, char *out);

#endif
