/*
 * The devices the journey needs, as the screens see them: a card terminal
 * and a receipt printer behind one small function table, so that the
 * program, the headless renderer and the tests choose an implementation at
 * run time (as SDL picks a video driver).
 *
 * Nothing here blocks: a request starts work and returns; its result comes
 * back later through poll(), which the UI thread calls on each turn of its
 * loop. An implementation doing its work on a thread calls the wake
 * callback (on that thread) when a result is ready, so the loop can push an
 * SDL event and wake up.
 *
 * The simulated implementation (ks_services_sim_new) answers after fixed
 * delays of the loop's own clock (so it needs no waking), so a test that drives time drives it
 * deterministically. It records card payments in the database like a real
 * terminal would (pending before asking, then the answer):
 *   - a payment is approved after payment_ms, with the card's brand
 *     ("mada") and the terminal's reference of it ("SIM000001.1a2b3c4d",
 *     the sale's count and the order's first eight hex digits, as
 *     nexo-terminal-sim names its POITransactionID) for the order's
 *     copy to the backend (ks_service_result.payment), unless the amount's minor
 *     units end in 13 (12.13, 40.13 ...): then it is declined, the
 *     documented test trigger; script() sets the next payment's answer
 *     instead (declined, or cancelled on the terminal, which the journey
 *     treats alike);
 *   - an abort is confirmed after abort_ms (the payment recorded cancelled);
 *   - a print job "prints" after print_ms; it fails when the order's
 *     amount's minor units end in 17, so the failure path can be shown
 *     (a summary and a refund slip always print);
 *   - a refund runs the refund engine (kiosk/app/refund.h) without a
 *     terminal after payment_ms: a cash refund is given back, a card
 *     refund ends in error (no terminal to give it back).
 */
#ifndef KIOSK_SCREENS_SERVICES_H
#define KIOSK_SCREENS_SERVICES_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/app/refund.h"
#include "kiosk/domain/order.h"
#include "kiosk/screens/staff_status.h"
#include "kiosk/store/db.h"

enum ks_service_result_kind {
    KS_SERVICE_PAYMENT_APPROVED,
    KS_SERVICE_PAYMENT_DECLINED, /* declined, or cancelled on the terminal */
    KS_SERVICE_PAYMENT_ABORTED,  /* our abort was confirmed: nothing charged */
    KS_SERVICE_PRINTED,          /* a print job ended; see printed */
    KS_SERVICE_REFUNDED,         /* a refund ran (staff screen); see refund */
};

enum ks_service_print_kind {
    KS_SERVICE_PRINT_RECEIPT,
    KS_SERVICE_PRINT_COUNTER, /* "pay at the counter" ticket */
    KS_SERVICE_PRINT_SUMMARY, /* the end-of-day summary (print_summary) */
    KS_SERVICE_PRINT_REFUND,  /* a refund's slip (print_refund) */
};

typedef struct ks_service_result {
    enum ks_service_result_kind kind;
    char order_uuid[37];                   /* "" for a summary */
    enum ks_service_print_kind print_kind; /* KS_SERVICE_PRINTED: what was printed */
    bool printed;                          /* KS_SERVICE_PRINTED: the printer confirmed the job */
    char detail[256]; /* English, for logs: the terminal's or printer's reason; "" */
    /* KS_SERVICE_PAYMENT_APPROVED: how the order was paid, as it keeps it (ks_order_payment_card:
     * the card's brand and the terminal's reference, its POITransactionID) */
    ks_order_payment payment;
    ks_refund_done refund; /* KS_SERVICE_REFUNDED: which refund, and what became of it */
} ks_service_result;

/* Called on any thread when a result is waiting in poll(); must not block. */
typedef void (*ks_service_wake_fn)(void *ctx);

/* The order a receipt's reprint printed again (the staff action names it). */
typedef struct ks_service_reprinted {
    char order_uuid[37]; /* "" none */
    int32_t number;      /* the order's number, 0 with none */
} ks_service_reprinted;

typedef struct ks_services_ops {
    const char *name; /* "simulated", "devices": for logs and the staff screen */
    /*
     * Charges order->total for the stored order (borrowed for the call only).
     * False when the request could not even start (then no result comes).
     */
    bool (*start_payment)(void *impl, const ks_order *order, int64_t now_ms);
    /* Asks the terminal to stop the payment under way; its result comes through poll. */
    void (*abort_payment)(void *impl, int64_t now_ms);
    /* Prints a document for the stored order (borrowed for the call only). */
    bool (*print)(void *impl, const ks_order *order, enum ks_service_print_kind kind,
                  int64_t now_ms);
    /*
     * For tests and demos: the terminal's answer to the next payment,
     * "approve", "decline" or "cancel". False when the implementation
     * cannot be told (a real terminal) or the word is unknown.
     */
    bool (*script)(void *impl, const char *outcome);
    /*
     * Prints the end-of-day summary of business_date (YYYY-MM-DD), with the
     * day's figures as they stand when it prints; false when it could not
     * be queued.
     */
    bool (*print_summary)(void *impl, const char *business_date, int64_t now_ms);
    /*
     * Gives back the recorded refund refund_id (kiosk/app/refund.h) on the
     * terminal's worker, never on the caller's thread; its end comes
     * through poll (KS_SERVICE_REFUNDED). False when it could not start
     * (another refund runs).
     */
    bool (*refund)(void *impl, const char *refund_id, int64_t now_ms);
    /* Prints the slip of refund refund_id of the stored order order_uuid. */
    bool (*print_refund)(void *impl, const char *order_uuid, const char *refund_id, int64_t now_ms);
    /*
     * Prints the latest receipt again, naming its order into *printed
     * (may be NULL); false, *printed zeroed, when there is none.
     */
    bool (*reprint_last)(void *impl, int64_t now_ms, ks_service_reprinted *printed);
    /*
     * The printer's and the terminal's last known state (from the results
     * already polled), for the staff screen; never blocks. May be NULL:
     * both unknown.
     */
    void (*device_status)(void *impl, enum ks_printer_state *printer,
                          enum ks_terminal_state *terminal);
    /* Takes the oldest result due at now_ms into *out; false when there is none. */
    bool (*poll)(void *impl, int64_t now_ms, ks_service_result *out);
    /* Stops any worker and frees impl. */
    void (*free)(void *impl);
} ks_services_ops;

typedef struct ks_services {
    const ks_services_ops *ops; /* static */
    void *impl;                 /* owned, freed by ops->free */
} ks_services;

typedef struct ks_services_sim_config {
    ks_db *db;      /* borrowed; payments are recorded there; NULL: not recorded */
    int payment_ms; /* card handling time; <= 0: 2500 */
    int abort_ms;   /* <= 0: 400 */
    int print_ms;   /* <= 0: 1500 */
} ks_services_sim_config;

/* The simulated terminal and printer described above. NULL when out of memory. */
ks_services *ks_services_sim_new(const ks_services_sim_config *cfg);

typedef struct ks_services_devices_config {
    ks_db *db;            /* borrowed: the UI thread's connection, where print jobs are queued */
    const char *db_path;  /* the workers open their own connections to it */
    const ks_config *cfg; /* borrowed: the store on receipts, the assets for their fonts */
    const char *terminal_uri; /* a card terminal (devices/payment/terminal.h); NULL: simulated */
    const char *printer_uri;  /* a receipt printer (devices/printer/printer.h); NULL: simulated */
    const struct ks_einvoicing *einvoicing; /* borrowed; NULL: phase 1 QR only */
    ks_service_wake_fn wake; /* called on a worker thread when a result is waiting; may be NULL */
    void *wake_ctx;
    /* called on the payment thread when it marked an order paid (recovery too); may be NULL */
    void (*order_paid)(void *ctx);
    void *order_paid_ctx;
} ks_services_devices_config;

/*
 * The real devices: a payment worker on the card terminal
 * (kiosk/app/payment.h: the payment intent committed before the terminal
 * is asked, the order marked paid with its messages queued on approval,
 * crashes reconciled at start) and a print worker on the receipt printer
 * (kiosk/app/print_worker.h: jobs queued in the database, printed only
 * when the printer confirms). A device whose URI is NULL is simulated as
 * by ks_services_sim_new, with the database recording its payments. NULL,
 * with the reason in why[cap], when a device or a worker cannot start.
 */
ks_services *ks_services_devices_new(const ks_services_devices_config *cfg, char *why, size_t cap);

/* Frees services through its table. Accepts NULL. */
void ks_services_free(ks_services *services);

/* The amount's test trigger: true when its minor units end in `ending` (0..99). */
bool ks_services_sim_trigger(ks_money amount, int ending);

#endif
