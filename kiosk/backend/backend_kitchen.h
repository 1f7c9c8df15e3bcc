/*
 * The kitchen event a kiosk relays to the backend (POST
 * /v1/orders/{uuid}/kitchen, kiosk/docs/backend-api.md): its body read and
 * checked strictly, and its time checked against the order's paid time.
 * Pure: no I/O; backend_api.c looks the order up and stores the event.
 */
#ifndef KIOSK_BACKEND_BACKEND_KITCHEN_H
#define KIOSK_BACKEND_BACKEND_KITCHEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_store.h"
#include "kiosk/domain/json_read.h"

/* Largest kitchen event body. */
#define KS_BACKEND_KITCHEN_MAX 1024
/* How far an event may be before its order's paid time, or after now (clocks differ), s. */
#define KS_BACKEND_KITCHEN_SKEW_S 120
/* How long after its order's payment an event may be, s: a day. */
#define KS_BACKEND_KITCHEN_SPAN_S 86400
/*
 * Reads body (len bytes, no NUL needed; from the network) as
 * {"status": "in_preparation"|"ready"|"collected", "at": <UTC seconds>,
 * "station": "<name>"} (station optional and only with "ready"; no other
 * member, no member twice) into ev's status, station ("" when absent) and
 * at; ev's uuid is left alone. On false, *why holds the member at fault and the reason
 * (ks_body_read).
 */
bool ks_backend_kitchen_parse(const char *body, size_t len, ks_backend_kitchen_event *ev,
                              ks_json_error *why);

/*
 * Whether an event at `at` is believable for an order paid at paid_at,
 * received at now: not more than KS_BACKEND_KITCHEN_SKEW_S before the
 * payment or after now, nor more than KS_BACKEND_KITCHEN_SPAN_S after the
 * payment. On false, *reason (static) says which.
 */
bool ks_backend_kitchen_time_ok(int64_t at, int64_t paid_at, int64_t now, const char **reason);

#endif
