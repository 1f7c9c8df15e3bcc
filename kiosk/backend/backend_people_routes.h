/*
 * The HTTP side of the back office's people (kiosk/docs/backend-api.md,
 * "People, sessions and the audit log"): the handlers backend_api.c routes
 * to once it has checked who calls (and a session's CSRF token).
 *
 *   GET  /v1/people                   everyone, their role and stores (head office, auditors)
 *   POST /v1/people                   a new person (head office)
 *   POST /v1/people/<name>            their role and stores changed (head office)
 *   POST /v1/people/<name>/password   a forgotten password replaced, their sessions ended
 *   POST /v1/people/<name>/remove     they can no longer sign in (head office)
 *   POST /v1/session/password         one's own password changed (one's own session)
 *   POST /v1/people/<name>/kiosk-pin        their kiosk PIN set at stores (head office, or a
 *                                           store manager at their own stores)
 *   POST /v1/people/<name>/kiosk-pin/clear  their kiosk PINs removed (the same; ?store=ID: at
 *                                           that store alone)
 *
 * Passwords are hashed with Argon2id (backend_people.h) and every copy of
 * one in a request is wiped (sodium_memzero) once it is hashed.
 */
#ifndef KIOSK_BACKEND_BACKEND_PEOPLE_ROUTES_H
#define KIOSK_BACKEND_BACKEND_PEOPLE_ROUTES_H

#include <stdbool.h>

#include "kiosk/backend/backend_handler.h"
#include "kiosk/backend/backend_person_request.h"

/* The paths of one person: /v1/people/<name><suffix>. */
#define KS_PEOPLE_PREFIX "/v1/people/"
#define KS_PEOPLE_PASSWORD_SUFFIX "/password"
#define KS_PEOPLE_REMOVE_SUFFIX "/remove"
#define KS_PEOPLE_PIN_SUFFIX "/kiosk-pin"
#define KS_PEOPLE_PIN_CLEAR_SUFFIX "/kiosk-pin/clear"

/* True when path is KS_PEOPLE_PREFIX, a login name (ks_person_name_ok) and suffix; the name into
 * name[KS_PERSON_NAME_MAX + 1] (may be NULL). */
bool ks_people_path(const char *path, const char *suffix, char *name);

/* The handlers: each answers into *resp (the caller frees resp->body). */
void ks_people_get(const ks_backend_call *c, ks_backend_response *resp);
void ks_people_post_add(const ks_backend_call *c, ks_backend_response *resp);
void ks_people_post_change(const ks_backend_call *c, ks_backend_response *resp);
void ks_people_post_reset(const ks_backend_call *c, ks_backend_response *resp);
void ks_people_post_remove(const ks_backend_call *c, ks_backend_response *resp);
void ks_people_post_own_password(const ks_backend_call *c, ks_backend_response *resp);
void ks_people_post_kiosk_pin(const ks_backend_call *c, ks_backend_response *resp);
void ks_people_post_kiosk_pin_clear(const ks_backend_call *c, ks_backend_response *resp);

#endif
