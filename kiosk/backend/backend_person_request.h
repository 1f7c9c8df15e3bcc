/*
 * A person added from the back office (POST /v1/people, kiosk/docs/backend-api.md,
 * "People, sessions and the audit log"), their role changed or their password reset by
 * head office (POST /v1/people/<name>, /v1/people/<name>/password), and a person's change
 * of their own password (POST /v1/session/password): the bodies read and checked
 * strictly; pure: no I/O.
 * The passwords are hashed and stored by kiosk/backend/backend_people.h and
 * backend_session.h.
 */
#ifndef KIOSK_BACKEND_BACKEND_PERSON_REQUEST_H
#define KIOSK_BACKEND_BACKEND_PERSON_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/backend/backend_kiosk_pin.h"
#include "kiosk/backend/backend_people.h"
#include "kiosk/domain/json_read.h"

/* Largest body of POST /v1/people and of every other route of people (backend_people_routes.h). */
#define KS_PERSON_BODY_MAX 4096

typedef struct ks_person_request {
    ks_backend_person person; /* name (ks_person_name_ok), role, a store manager's stores */
    char password[KS_PASSWORD_MAX + 1];
    size_t password_len; /* KS_PASSWORD_MIN..KS_PASSWORD_MAX bytes */
} ks_person_request;

/*
 * Reads body (len bytes, no NUL needed; from the network) as {"name":
 * login name, "role": "head-office" | "store-manager" | "auditor" |
 * "staff", "stores": [1-32 store ids, each once] (a store manager's or
 * staff's, and only theirs), "password": 12-1024 bytes (none for staff)} (no other member, none
 * twice) into *out. On false, *out is zeroed and *why holds the member at fault and the reason
 * (ks_body_read).
 */
bool ks_person_request_parse(const char *body, size_t len, ks_person_request *out,
                             ks_json_error *why);

typedef struct ks_password_change {
    char password[KS_PASSWORD_MAX + 1]; /* the present one, 1-1024 bytes */
    size_t password_len;
    char new_password[KS_PASSWORD_MAX + 1]; /* 12-1024 bytes */
    size_t new_len;
} ks_password_change;

/*
 * Reads body as {"password": the present password, "new_password": 12-1024
 * bytes} (no other member, none twice) into *out; as ks_person_request_parse.
 */
bool ks_password_change_parse(const char *body, size_t len, ks_password_change *out,
                              ks_json_error *why);

/*
 * Reads body as {"role", "stores"} (as in ks_person_request_parse; no
 * other member, none twice) into out's role and stores (its name is left
 * empty: it comes from the path); as ks_person_request_parse.
 */
bool ks_person_change_parse(const char *body, size_t len, ks_backend_person *out,
                            ks_json_error *why);

typedef struct ks_password_reset {
    char password[KS_PASSWORD_MAX + 1]; /* 12-1024 bytes */
    size_t password_len;
} ks_password_reset;

/*
 * Reads body as {"password": 12-1024 bytes} (no other member, none twice)
 * into *out; as ks_person_request_parse.
 */
bool ks_password_reset_parse(const char *body, size_t len, ks_password_reset *out,
                             ks_json_error *why);

typedef struct ks_kiosk_pin_request {
    char pin[KS_KIOSK_PIN_MAX + 1]; /* 4-8 digits */
    char stores[KS_BACKEND_MAX_STORES][KS_BACKEND_ID_MAX + 1];
    size_t n_stores; /* 0: the person's own stores */
} ks_kiosk_pin_request;

/*
 * Reads body as {"pin": 4-8 digits, "stores": [1-32 store ids, each once]
 * (optional)} (no other member, none twice) into *out, for POST
 * /v1/people/<name>/kiosk-pin; as ks_person_request_parse.
 */
bool ks_kiosk_pin_request_parse(const char *body, size_t len, ks_kiosk_pin_request *out,
                                ks_json_error *why);

#endif
