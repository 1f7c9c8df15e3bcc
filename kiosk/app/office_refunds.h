/*
 * The kiosk's side of refunds the back office asks for
 * (kiosk/docs/backend-api.md, "Refund requests from the back office"):
 * reading the backend's list of this kiosk's pending requests
 * (GET /v1/refund-requests/pending), taking each in (stored once, its
 * kiosk refund recorded 'requested' under the uuid chosen when it was
 * stored, or refused with the reason relayed), and giving back at once
 * those of orders paid at the counter (cash). A card request waits on the
 * staff refund screen until staff present the card (kiosk/screens/refund.c).
 */
#ifndef KIOSK_APP_OFFICE_REFUNDS_H
#define KIOSK_APP_OFFICE_REFUNDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/refund.h"
#include "kiosk/domain/json_read.h"
#include "kiosk/store/office_refund_store.h"

/* Bytes of the backend's answer read, and requests taken from it. */
#define KS_OFFICE_REFUNDS_ANSWER_MAX (8u * 1024u * 1024u)
#define KS_OFFICE_REFUNDS_MAX 1000

/*
 * Reads the pending list, {"requests":[{request_id, order_uuid, reason,
 * person, asked_at, status "requested", lines:[{line_no, quantity}], and
 * the members the backend adds (store_id, kiosk_id, refused_reason,
 * refund_id, settled_at, any other)}]}, into *out (owned by the caller,
 * free()) and *n. False, with the first fault in *why, for anything else:
 * the whole list is refused, nothing half-read is returned. Pure.
 */
bool ks_office_refunds_parse(const char *body, size_t len, ks_office_refund **out, size_t *n,
                             ks_json_error *why);

/*
 * Takes each request in at now: stored unless stored before; then, while
 * it is open and its refund is not recorded yet, the refund of its lines
 * is recorded 'requested' (card when the order was paid by card, else
 * cash; the person who asked as staff), or the request is refused (the
 * order is not here or was never paid, more than is left, nothing worth
 * giving, the order placed longer than window_s seconds before now, the
 * kiosk's refund window, 0 for none) with the refusal queued for the
 * backend. Returns how many were new; a storage failure leaves a request to
 * the next fetch.
 */
size_t ks_office_refunds_take(ks_db *db, const ks_office_refund *requests, size_t n, int64_t now,
                              int64_t window_s);

/*
 * Gives back, through ctx (place "back-office"), the requests still open
 * whose refund is cash (an order paid at the counter). Returns how many
 * were given back. Runs where refunds run (the payment worker).
 */
size_t ks_office_refunds_give_cash(const ks_refund_ctx *ctx);

#endif
