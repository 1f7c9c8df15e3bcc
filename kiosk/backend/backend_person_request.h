/*
 * A person added from the back office (POST /v1/people, kiosk/docs/backend-api.md,
 * "People, sessions and the audit log"): the body read and checked strictly; pure:
 * no I/O. The password is hashed and the person stored by kiosk/backend/backend_people.h.
 */
#ifndef KIOSK_BACKEND_BACKEND_PERSON_REQUEST_H
#define KIOSK_BACKEND_BACKEND_PERSON_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/backend/backend_people.h"
#include "kiosk/domain/json_read.h"

/* Largest body of POST /v1/people. */
#define KS_PERSON_BODY_MAX 4096

typedef struct ks_person_request {
    ks_backend_person person; /* name (ks_person_name_ok), role, a store manager's stores */
    char password[KS_PASSWORD_MAX + 1];
    size_t password_len; /* KS_PASSWORD_MIN..KS_PASSWORD_MAX bytes */
} ks_person_request;

/*
 * Reads body (len bytes, no NUL needed; from the network) as {"name":
 * login name, "role": "head-office" | "store-manager" | "auditor",
 * "stores": [1-32 store ids, each once] (a store manager's, and only
 * theirs), "password": 12-1024 bytes} (no other member, none twice) into
 * *out. On false, *out is zeroed and *why holds the member at fault and
 * the reason (ks_body_read).
 */
bool ks_person_request_parse(const char *body, size_t len, ks_person_request *out,
                             ks_json_error *why);

#endif
