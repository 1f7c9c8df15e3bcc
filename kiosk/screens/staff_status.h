/*
 * What the staff screen tells about the kiosk's own state: counts read from
 * the database (order messages not yet delivered, print jobs not printed),
 * and the devices' last known state as the controller keeps it from the
 * services and the delivery worker. The mappings from the workers' results
 * are pure, so they are tested without devices. Kept apart so the screens
 * need no storage or device headers of their own.
 */
#ifndef KIOSK_SCREENS_STAFF_STATUS_H
#define KIOSK_SCREENS_STAFF_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app/delivery.h"
#include "kiosk/app/payment.h"
#include "kiosk/app/print_worker.h"
#include "kiosk/store/db.h"

/* The receipt printer as the last job (or its absence) left it. */
enum ks_printer_state {
    KS_PRINTER_UNKNOWN, /* nothing printed since the start */
    KS_PRINTER_OK,
    KS_PRINTER_PAPER_NEAR_END,
    KS_PRINTER_PAPER_OUT,
    KS_PRINTER_COVER_OPEN,
    KS_PRINTER_OFFLINE, /* answered, or was found, but does not print */
    KS_PRINTER_UNPLUGGED,
    KS_PRINTER_SIMULATED,
};

/* The card terminal as the last payment (or its absence) left it. */
enum ks_terminal_state {
    KS_TERMINAL_UNKNOWN, /* no payment since the start */
    KS_TERMINAL_REACHABLE,
    KS_TERMINAL_UNREACHABLE,
    KS_TERMINAL_SIMULATED,
};

/* The kitchen displays and the backend, as the delivery worker's counters tell. */
enum ks_link_state {
    KS_LINK_NOT_CONFIGURED, /* no delivery worker, or no receiver configured */
    KS_LINK_UNKNOWN,        /* nothing sent yet */
    KS_LINK_REACHABLE,      /* the last change of the counters was a delivery */
    KS_LINK_UNREACHABLE,    /* failures since `since` */
};

typedef struct ks_link_status {
    enum ks_link_state state;
    int64_t since_utc;      /* KS_LINK_UNREACHABLE: UTC seconds of the first failure seen */
    ks_delivery_stats last; /* the counters at the previous look */
} ks_link_status;

/* ZATCA reporting as the delivery worker's counters tell; the worst state wins, in this order. */
enum ks_zatca_link {
    KS_ZATCA_LINK_NOT_CONFIGURED, /* no [zatca] reporting_url, or no delivery worker */
    KS_ZATCA_LINK_OK,             /* nothing below */
    KS_ZATCA_LINK_REFUSED,        /* invoices ZATCA refused (not reported), for staff to see */
    KS_ZATCA_LINK_OVERDUE,        /* invoices unreported past [zatca] overdue_hours */
    KS_ZATCA_LINK_CREDENTIALS,    /* ZATCA refuses the device's CSID or the URL */
};

typedef struct ks_staff_status {
    int64_t unsent;    /* outbox messages not delivered; -1 when unknown */
    int64_t unprinted; /* print jobs without a printed copy (queued, printing, failed); -1 */
    enum ks_printer_state printer;
    enum ks_terminal_state terminal;
    ks_link_status delivery;
} ks_staff_status;

/* Reads the counts through db into out->unsent, unprinted (NULL: both unknown); the rest is kept.
 */
void ks_staff_status_read(ks_db *db, ks_staff_status *out);

/*
 * The printer's state after a print result; `previous` when the job failed
 * before reaching the printer (nothing learnt of it). Pure.
 */
enum ks_printer_state ks_staff_printer_state(const ks_print_result *r,
                                             enum ks_printer_state previous);

/*
 * The terminal's state after a payment result; `previous` when the result
 * says nothing of the link (the start-up reconciliation's end, a payment
 * that never reached the terminal). Pure.
 */
enum ks_terminal_state ks_staff_terminal_state(const ks_pay_result *r,
                                               enum ks_terminal_state previous);

/*
 * Moves link on to the counters `now` seen at now_utc (seconds): reachable
 * when a message was delivered since the last look, unreachable (since the
 * first failure seen) when attempts failed and none was delivered,
 * unchanged otherwise. A link not configured stays so. Pure.
 */
void ks_staff_link_update(ks_link_status *link, const ks_delivery_stats *now, int64_t now_utc);

/*
 * ZATCA reporting's state from the worker's counters (configured: a
 * reporting URL and a worker), and in *count the invoices it is about
 * (overdue or refused; 0 otherwise). Pure.
 */
enum ks_zatca_link ks_staff_zatca_link(bool configured, const ks_delivery_stats *s, int64_t *count);

/* "ok", "paper out" ...: English names for logs and tests; never NULL. */
const char *ks_printer_state_name(enum ks_printer_state state);
const char *ks_terminal_state_name(enum ks_terminal_state state);

#endif
