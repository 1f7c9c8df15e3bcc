/*
 * A staff action a kiosk relays to the backend's staff report and audit
 * (POST /v1/staff-actions, kiosk/docs/backend-api.md, "Staff actions"):
 * a restaurant kiosk's sold-out mark or unmark and receipt reprint by the
 * person signed in at its staff screen, a lane's attendant intervention in
 * a basket that was never paid (cancelled, or left by the shopper), and one
 * decided while the lane's order was being paid ("paying": the order, placed
 * before it, does not carry it); and what a manager watches over sign-in: a
 * person signed in ("sign_in": at the staff screen, at a lane's approval or
 * at the attendant console, by PIN or badge), wrong PINs that locked sign-in
 * there ("pin_lockout": nobody is named, the PINs typed are never sent), and
 * the staff screen closing or opening the kiosk to customers ("close",
 * "open"). Each under its own uuid, which is also the message's idempotency
 * key. The writers (the kiosk; the attendant console, sign_in and
 * pin_lockout only) and the one strict reader (the backend; fuzz target
 * fuzz.backend_staff_action):
 *
 *   {"uuid": "...",
 *    "action": "sold_out" | "on_sale" | "reprint" | "intervention" | "paying"
 *              | "sign_in" | "pin_lockout" | "close" | "open",
 *    "business_date": "2026-12-06", "at": UTC seconds,
 *    optional "staff": the person signed in (a kiosk PIN's name; absent: the
 *                      shared PIN, nobody), never on intervention, paying or
 *                      pin_lockout,
 *    "place": "staff_screen" | "lane" | "console" (sign_in and pin_lockout
 *             only, required there),
 *    "method": "pin" | "badge" (sign_in only, required there),
 *    "failures": the wrong PINs in a row that locked, 1-10 (pin_lockout only,
 *                required there),
 *    "until": when the lockout ends, UTC seconds, after "at" and at most
 *             3601 s after it (pin_lockout only, required there),
 *    "item": the item marked (sold_out and on_sale only, required there),
 *    "order_uuid": the order printed again (reprint, optional) or being paid
 *                  (paying, required); on no other,
 *    optional "order_number": its number as printed, 1-2147483647 (with
 *                             order_uuid only; absent from older kiosks),
 *    "intervention": {as an order's "interventions" entry} (intervention and
 *                     paying only, required there; its "staff" is who decided)}
 *
 * Nothing else, no member twice, at most KS_STAFF_ACTION_JSON_MAX bytes.
 * Pure: no I/O.
 */
#ifndef KIOSK_DOMAIN_STAFF_ACTION_H
#define KIOSK_DOMAIN_STAFF_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/intervention.h"
#include "kiosk/domain/json_read.h"
#include "kiosk/domain/pin_lockout.h"

/* The longest body: a few ids, a date, an intervention. */
#define KS_STAFF_ACTION_JSON_MAX 2048
/* Bytes of a person's name (the back office's login names) and of an item id. */
#define KS_STAFF_ACTION_PERSON_MAX 64
#define KS_STAFF_ACTION_ITEM_MAX 64

enum ks_staff_action_kind {
    KS_STAFF_ACTION_SOLD_OUT,
    KS_STAFF_ACTION_ON_SALE,
    KS_STAFF_ACTION_REPRINT,
    KS_STAFF_ACTION_INTERVENTION,
    KS_STAFF_ACTION_PAYING,
    KS_STAFF_ACTION_SIGN_IN,
    KS_STAFF_ACTION_PIN_LOCKOUT,
    KS_STAFF_ACTION_CLOSE,
    KS_STAFF_ACTION_OPEN,
};
#define KS_STAFF_ACTION_KINDS 9

/* Where a person signed in or a PIN lockout happened (sign_in, pin_lockout). */
enum ks_staff_action_place {
    KS_STAFF_PLACE_NONE, /* on every other kind */
    KS_STAFF_PLACE_STAFF_SCREEN,
    KS_STAFF_PLACE_LANE, /* a self-checkout lane's attendant approval */
    KS_STAFF_PLACE_CONSOLE,
};

/* A lockout's "until" is at most this after its "at": the longest lockout and its rounding. */
#define KS_STAFF_ACTION_LOCKOUT_MAX_S (KS_PIN_LOCKOUT_SECONDS_MAX + 1)

typedef struct ks_staff_action {
    char uuid[37];
    enum ks_staff_action_kind kind;
    char business_date[11]; /* the kiosk's business day of at, YYYY-MM-DD */
    int64_t at;             /* UTC seconds, 0..KS_ORDER_MAX_TIME */
    /* the person signed in (ks_staff_id_ok), "" nobody; "" on an intervention */
    char staff[KS_STAFF_ACTION_PERSON_MAX + 1];
    char item[KS_STAFF_ACTION_ITEM_MAX + 1]; /* sold_out, on_sale: ks_id_ok; else "" */
    /* reprint: the order printed, "" not known; paying: the order being paid; else "" */
    char order_uuid[37];
    int32_t order_number;               /* with order_uuid: its number; else 0 */
    ks_order_intervention intervention; /* intervention and paying (ks_intervention_ok) */
    enum ks_staff_action_place place;   /* sign_in and pin_lockout; else NONE */
    bool badge;                         /* sign_in: by badge (else by PIN); else false */
    int32_t failures;                   /* pin_lockout: 1..KS_PIN_LOCKOUT_FAILURES_MAX; else 0 */
    int64_t until; /* pin_lockout: UTC seconds, at < until <= at + LOCKOUT_MAX_S; else 0 */
} ks_staff_action;

/* "sold_out", "on_sale", "reprint", "intervention", "paying", "sign_in", "pin_lockout", "close",
 * "open"; NULL out of range. */
const char *ks_staff_action_name(enum ks_staff_action_kind kind);

/* "staff_screen", "lane", "console"; NULL for KS_STAFF_PLACE_NONE or out of range. */
const char *ks_staff_action_place_name(enum ks_staff_action_place place);

/* True for the kinds that carry an intervention: intervention and paying. */
bool ks_staff_action_has_intervention(enum ks_staff_action_kind kind);

/* Who the staff report counts the action under: the intervention's decider, else staff. */
const char *ks_staff_action_who(const ks_staff_action *a);

/* The action as compact JSON (malloc'd, NUL-terminated; free()), NULL when it breaks a rule
 * the reader holds it to or memory ran out. */
char *ks_staff_action_to_json(const ks_staff_action *a);

/*
 * Reads body[len] (no NUL needed; from the network) into *out. On false
 * *out is zeroed and *why names the member at fault and the reason.
 */
bool ks_staff_action_parse(const char *body, size_t len, ks_staff_action *out, ks_json_error *why);

#endif
