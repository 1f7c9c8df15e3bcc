/*
 * What the backend's HTTP handlers share (backend_api.c and the modules it
 * routes to: backend_enrol.c, backend_people_routes.c): the call they are
 * given once backend_api.c has checked who calls, and how they fill a
 * response: a body of a type, a JSON value, an {"error", "path"} refusal,
 * a database failure as 503, and the body-size check.
 */
#ifndef KIOSK_BACKEND_BACKEND_HANDLER_H
#define KIOSK_BACKEND_BACKEND_HANDLER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_config.h"
#include "kiosk/backend/backend_people.h"
#include "kiosk/store/db.h"

#define KS_BACKEND_JSON_TYPE "application/json"

/* One call: everything borrowed for its duration. */
typedef struct ks_backend_call {
    ks_backend_store *store;
    const ks_backend_config *cfg;    /* the INI: kiosks, stores, password hashing cost */
    const ks_backend_request *req;   /* its body within the route's limit */
    const ks_backend_person *person; /* who calls (role, stores) */
    const ks_backend_actor *actor;   /* the same, for the audit log */
    int64_t now;                     /* UTC seconds */
    const ks_backend_kiosk *kiosk;   /* the device that calls; NULL for the back office */
} ks_backend_call;

/* Sets resp to status with body (owned, NUL-terminated) of type; 503 when body is NULL. */
void ks_backend_answer(ks_backend_response *resp, int status, const char *type, char *body);

/* Sets resp to status and the JSON value (reference stolen) as compact text. */
void ks_backend_answer_json(ks_backend_response *resp, int status, json_t *value);

/* Sets resp to status and the JSON value json_pack makes of fmt and what follows. */
void ks_backend_answer_pack(ks_backend_response *resp, int status, const char *fmt, ...);

/* Sets resp to an {"error": reason, "path": path} answer of status. */
void ks_backend_refuse(ks_backend_response *resp, int status, const char *reason, const char *path);

/* Sets resp to 503 with err's text: the database could not answer. */
void ks_backend_refuse_db(ks_backend_response *resp, enum ks_db_error err);

/*
 * A query value (NULL: absent, fallback) named name into *out when it is a
 * whole number from min to max; else false with 400 "expected a NAME from
 * MIN to MAX" at name answered.
 */
bool ks_backend_whole(const char *value, const char *name, long fallback, long min, long max,
                      long *out, ks_backend_response *resp);

/*
 * The ?limit= of req (fallback when absent) into *limit when it is a whole
 * number from 1 to max; else false with 400 answered.
 */
bool ks_backend_limit(const ks_backend_request *req, long fallback, long max, long *limit,
                      ks_backend_response *resp);

/* True when the request's body is at most max bytes; else false with 413 answered. */
bool ks_backend_body_fits(const ks_backend_request *req, size_t max, ks_backend_response *resp);

#endif
