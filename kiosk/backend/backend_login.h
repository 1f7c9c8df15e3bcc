/*
 * What a login request carries, checked (pure: no I/O): the body of POST
 * /v1/session, {"name": "...", "password": "..."} and nothing else, and
 * the session cookie in a Cookie header. Both come from the network:
 * lengths are bounded and every byte is checked before use.
 */
#ifndef KIOSK_BACKEND_BACKEND_LOGIN_H
#define KIOSK_BACKEND_BACKEND_LOGIN_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/backend/backend_people.h"
#include "kiosk/backend/backend_session.h"
#include "kiosk/domain/json_read.h"

/* Largest login body. */
#define KS_LOGIN_BODY_MAX 2048
/* The session cookie's name. */
#define KS_SESSION_COOKIE "ks_session"

typedef struct ks_login {
    char name[KS_PERSON_NAME_MAX + 1];
    char password[KS_PASSWORD_MAX + 1]; /* password_len bytes, NUL after; may hold NUL */
    size_t password_len;
} ks_login;

/*
 * Reads body[len] (no NUL needed; NULL when empty) into *out. False with
 * *why holds the member at fault and the reason (ks_body_read) when it is not a JSON object of
 * exactly a valid name (ks_person_name_ok) and a password of 1-KS_PASSWORD_MAX bytes.
 */
bool ks_login_parse(const char *body, size_t len, ks_login *out, ks_json_error *why);

/*
 * The value of the KS_SESSION_COOKIE cookie in a Cookie header ("a=1;
 * ks_session=..."; NULL: none) into id[KS_SESSION_HEX_LEN + 1]; false when
 * it is absent or not KS_SESSION_HEX_LEN lowercase hex digits.
 */
bool ks_login_cookie(const char *header, char *id);

#endif
