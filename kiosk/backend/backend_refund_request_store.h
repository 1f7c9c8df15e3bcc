/*
 * Refunds asked for from the back office, in the backend's database
 * (kiosk/docs/backend-api.md, "Refund requests from the back office"):
 * be_refund_requests (each request under its own id, with the order's
 * store and kiosk, the body as received, who asked and when, and its
 * status: requested, then done by a refund or refused by the kiosk) and
 * be_refund_request_lines (the order lines and quantities asked). The kiosk
 * that sold the order carries a request out; the backend keeps it, hands
 * it to that kiosk and records how it ended. Every change is audited
 * inside its transaction ("refund_request.create", ".refused", ".done").
 */
#ifndef KIOSK_BACKEND_BACKEND_REFUND_REQUEST_STORE_H
#define KIOSK_BACKEND_BACKEND_REFUND_REQUEST_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_audit.h"
#include "kiosk/backend/backend_people.h"
#include "kiosk/backend/backend_refund_request.h"
#include "kiosk/backend/backend_store.h"

/* Most requests a list answers: the default, and the largest limit asked. */
#define KS_REFUND_REQUESTS_DEFAULT 100
#define KS_REFUND_REQUESTS_MAX 1000

/* What became of a new request. */
enum ks_refund_request_result {
    KS_REFUND_REQUEST_CREATED,     /* stored, status requested */
    KS_REFUND_REQUEST_DUPLICATE,   /* the same body was stored under its id before */
    KS_REFUND_REQUEST_NO_ORDER,    /* no order has its order_uuid */
    KS_REFUND_REQUEST_OTHER_STORE, /* the order is of a store the person does not manage */
    KS_REFUND_REQUEST_CONFLICT,    /* another body is stored under its id */
    KS_REFUND_REQUEST_CANCELLED,   /* the order was cancelled unpaid */
    KS_REFUND_REQUEST_NO_LINE,     /* lines[line] names no line of the order */
    KS_REFUND_REQUEST_TOO_MUCH,    /* lines[line] with refunds and open requests exceeds it */
};

/* The outcome of a new request, and the line at fault when there is one. */
typedef struct ks_refund_request_outcome {
    enum ks_refund_request_result result;
    size_t line;   /* NO_LINE, TOO_MUCH: the index in the request's lines */
    int64_t sold;  /* TOO_MUCH: what the order line sold */
    int64_t taken; /* TOO_MUCH: what its refunds gave back and its open requests ask */
} ks_refund_request_outcome;

/*
 * In one transaction with the order's row locked (PostgreSQL; SQLite's
 * write transaction keeps others out): checks req (read by
 * ks_backend_refund_request_parse; json[len] its body as received) against
 * the stored order, person's stores (ks_backend_person_has_store), the id's
 * earlier body and what is left of each line, in that order, and when all
 * pass stores it asked by actor at now with its lines and audit row. The
 * outcome into *out; a refusal writes nothing.
 */
enum ks_db_error ks_backend_store_add_refund_request(ks_backend_store *store,
                                                     const ks_backend_refund_request *req,
                                                     const char *json, size_t len,
                                                     const ks_backend_person *person,
                                                     const ks_backend_actor *actor, int64_t now,
                                                     ks_refund_request_outcome *out);

/*
 * The latest limit (1..KS_REFUND_REQUESTS_MAX) requests of store_id ("" any)
 * and kiosk_id ("" any), only those still requested when open_only, newest
 * first, into *rows (json_decref; NULL on error): {request_id, order_uuid,
 * store_id, kiosk_id, reason, person, asked_at, status, refused_reason,
 * refund_id, settled_at, lines: [{line_no, quantity}]}.
 */
enum ks_db_error ks_backend_store_refund_requests(ks_backend_store *store, const char *store_id,
                                                  const char *kiosk_id, bool open_only, int limit,
                                                  json_t **rows);

/* What became of a kiosk's refusal. */
enum ks_refund_refusal_result {
    KS_REFUND_REFUSAL_STORED,      /* the request is refused */
    KS_REFUND_REFUSAL_DUPLICATE,   /* it was refused before (the first reason stays) */
    KS_REFUND_REFUSAL_NOT_FOUND,   /* no request has that id */
    KS_REFUND_REFUSAL_OTHER_KIOSK, /* the request is of another kiosk's order */
    KS_REFUND_REFUSAL_DONE,        /* a refund carried it out already */
};

/*
 * In one transaction: the request request_id refused by kiosk_id for
 * reason at now, with its audit row (the kiosk as actor), when it is that
 * kiosk's and still requested. The outcome into *result.
 */
enum ks_db_error ks_backend_store_refuse_refund_request(ks_backend_store *store,
                                                        const char *request_id,
                                                        const char *kiosk_id, const char *reason,
                                                        int64_t now,
                                                        enum ks_refund_refusal_result *result);

/*
 * Inside the transaction of a new refund (refund_id of order uuid, from
 * kiosk_id): marks the request request_id done by it at now, with its
 * audit row (the kiosk as actor), when it is a request of that order and
 * kiosk still requested. Anything else is logged and left as it is: the
 * money was given back, so the refund is stored whatever the request says.
 */
enum ks_db_error ks_backend_refund_request_settle(ks_backend_store *store, const char *request_id,
                                                  const char *uuid, const char *refund_id,
                                                  const char *kiosk_id, int64_t now);

#endif
