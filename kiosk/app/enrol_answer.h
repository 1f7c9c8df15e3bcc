/*
 * The backend's answer to a kiosk's enrolment (POST /v1/devices/enrol,
 * kiosk/docs/backend-api.md): what the kiosk does with it. A 201 must
 * carry {"status":"enrolled","device_id","store_id","token"} for this very
 * device, nothing else; a refusal's {"error","path"} gives the backend's
 * own words for staff. Outside input, read with limits; pure (no I/O, no
 * log), so that tests/fuzz/fuzz_enrol_answer.c can judge every answer.
 */
#ifndef KIOSK_APP_ENROL_ANSWER_H
#define KIOSK_APP_ENROL_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/app/config.h"

/* Bytes of an enrolment answer read; a longer one is not understood. */
#define KS_ENROL_ANSWER_MAX 4096

/*
 * What became of an enrolment; the values are kiosk --enrol's exit statuses
 * (README, "Enrolling a kiosk"); 2 is the programs' wrong usage.
 */
enum ks_kiosk_enrol {
    KS_KIOSK_ENROL_OK = 0,          /* the token is written */
    KS_KIOSK_ENROL_FAILED = 1,      /* configuration, the file, or an answer not understood */
    KS_KIOSK_ENROL_REFUSED = 3,     /* the backend refused the code (its reason in the message) */
    KS_KIOSK_ENROL_UNREACHABLE = 4, /* no answer, or the backend failed (5xx): try again */
    KS_KIOSK_ENROL_ALREADY = 5,     /* the token file is there already (no --force) */
};

typedef struct ks_enrol_answer {
    enum ks_kiosk_enrol outcome;
    char token[KS_CONFIG_TOKEN_MAX + 1]; /* with KS_KIOSK_ENROL_OK only; never shown */
    char store_id[33];                   /* the store the backend bound the device to */
    char message[320];                   /* for staff, never holding the token: why not */
} ks_enrol_answer;

/*
 * True when text[0..len) may be a kiosk's bearer token: KS_TOKEN_MIN_LEN to
 * KS_CONFIG_TOKEN_MAX characters of A-Z a-z 0-9 - . _ ~ + / = (RFC 6750, as
 * [network] token). Pure.
 */
bool ks_enrol_token_ok(const char *text, size_t len);

/*
 * Reads the answer of HTTP status (1xx-5xx; 0 is the caller's "no answer")
 * with body[0..len) (need not be NUL-terminated; NULL with len 0) to the
 * enrolment of device_id into *out:
 *   201 well formed for device_id            -> OK, token and store_id
 *   400, 401, 403, 409, 413, 422, 429        -> REFUSED, the backend's "error"
 *   500-599                                  -> UNREACHABLE
 *   anything else, or a 201 not as above     -> FAILED, why
 */
void ks_enrol_answer_read(long status, const char *body, size_t len, const char *device_id,
                          ks_enrol_answer *out);

#endif
