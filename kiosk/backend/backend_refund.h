/*
 * The refund a kiosk relays to the backend (POST /v1/orders/{uuid}/refunds,
 * kiosk/docs/backend-api.md): its body read and checked strictly. Pure: no
 * I/O; backend_api.c checks it against the stored order and its earlier
 * refunds, and stores it.
 */
#ifndef KIOSK_BACKEND_BACKEND_REFUND_H
#define KIOSK_BACKEND_BACKEND_REFUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/json_read.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/refund.h"

/* Largest refund body: 200 lines of about 60 bytes and the rest. */
#define KS_BACKEND_REFUND_MAX (16 * 1024)

typedef struct ks_backend_refund {
    char refund_id[37];
    char order_uuid[37];
    char method[5]; /* "card" or "cash" */
    int64_t amount; /* given back, VAT included, minor units: the sum of the lines' */
    int64_t vat;    /* its VAT, 0..amount */
    char reason[KS_REFUND_REASON_MAX + 1];
    int64_t at;          /* when it was given back, UTC seconds */
    char request_id[37]; /* the back office's refund request it carries out, "" none */
    char staff[65];      /* the person who gave it at the kiosk (their kiosk PIN), "" none */
    char terminal_ref[KS_TERMINAL_REF_MAX + 1]; /* a card refund's terminal reference, "" none */
    size_t n_lines;                             /* 1..KS_REFUND_LINES_MAX lines of the order */
    ks_refund_pick lines[KS_REFUND_LINES_MAX];  /* [n_lines], line numbers ascending: stock
                                                   goes back by these */
    int64_t line_amounts[KS_REFUND_LINES_MAX];  /* [n_lines]: what each line gave back, VAT
                                                   included, minor units */
} ks_backend_refund;

/*
 * Reads body (len bytes, no NUL needed; from the network) as
 * {"refund_id": uuid, "order_uuid": uuid, "method": "card"|"cash",
 * "amount": >0, "vat": 0..amount, "reason": 1-120 bytes of UTF-8 without
 * control characters, "at": UTC seconds, optionally "request_id": uuid (the
 * back office's request it carries out), optionally "staff": a person's
 * name (ks_person_name_ok: who gave it back, signed in at the kiosk with
 * their kiosk PIN), optionally with "card" "terminal_ref": the terminal's
 * reference of the refund (ks_terminal_ref_ok; an older kiosk sends none),
 * "lines": [{"line_no": >=0,
 * "quantity": >0, "amount": >=0}, ...]} (1-200 lines, each line_no once,
 * their amounts adding up to amount; no other member, no member twice)
 * into *out. On false, *out is zeroed and *why holds the member at fault and the reason
 * (ks_body_read)
 * ("lines[3].amount"; "" for the body as a whole).
 */
bool ks_backend_refund_parse(const char *body, size_t len, ks_backend_refund *out,
                             ks_json_error *why);

#endif
