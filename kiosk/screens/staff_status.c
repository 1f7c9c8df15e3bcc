/* The staff screen's counts and device states (see kiosk/screens/staff_status.h). */
#include "kiosk/screens/staff_status.h"

#include "kiosk/store/outbox.h"
#include "kiosk/store/print_store.h"

#define UNPRINTED_MAX 100

void ks_staff_status_read(ks_db *db, ks_staff_status *out)
{
    out->unsent = -1;
    out->unprinted = -1;
    if (!db)
        return;
    int64_t unsent;
    if (ks_outbox_count_undelivered(db, &unsent) == KS_DB_OK)
        out->unsent = unsent;
    ks_print_job jobs[UNPRINTED_MAX];
    size_t n;
    if (ks_print_store_list_unprinted(db, jobs, UNPRINTED_MAX, &n) == KS_DB_OK)
        out->unprinted = (int64_t)n;
}

enum ks_printer_state ks_staff_printer_state(const ks_print_result *r,
                                             enum ks_printer_state previous)
{
    if (r->printed)
        return r->paper_near_end ? KS_PRINTER_PAPER_NEAR_END : KS_PRINTER_OK;
    switch (r->error) {
    case DEV_PRINTER_OK:
    case DEV_PRINTER_ERR_NO_MEMORY:
        return previous;
    case DEV_PRINTER_ERR_PAPER_OUT:
        return KS_PRINTER_PAPER_OUT;
    case DEV_PRINTER_ERR_COVER_OPEN:
        return KS_PRINTER_COVER_OPEN;
    case DEV_PRINTER_ERR_NOT_FOUND:
    case DEV_PRINTER_ERR_UNPLUGGED:
        return KS_PRINTER_UNPLUGGED;
    case DEV_PRINTER_ERR_BAD_URI:
    case DEV_PRINTER_ERR_OPEN:
    case DEV_PRINTER_ERR_TIMEOUT:
    case DEV_PRINTER_ERR_NO_ANSWER:
    case DEV_PRINTER_ERR_IO:
    case DEV_PRINTER_ERR_OFFLINE:
    case DEV_PRINTER_ERR_CUTTER:
    case DEV_PRINTER_ERR_RECOVERING:
    case DEV_PRINTER_ERR_FAILURE:
    default:
        return KS_PRINTER_OFFLINE;
    }
}

enum ks_terminal_state ks_staff_terminal_state(const ks_pay_result *r,
                                               enum ks_terminal_state previous)
{
    /* Without a sale id the terminal was never asked: nothing learnt of the link. */
    if (r->kind == KS_PAY_RECOVERY_DONE || r->sale_txn_id[0] == '\0')
        return previous;
    if (r->terminal == DEV_PAY_UNREACHABLE || r->terminal == DEV_PAY_TIMEOUT)
        return KS_TERMINAL_UNREACHABLE;
    return KS_TERMINAL_REACHABLE;
}

void ks_staff_link_update(ks_link_status *link, const ks_delivery_stats *now, int64_t now_utc)
{
    if (link->state == KS_LINK_NOT_CONFIGURED) {
        link->last = *now; /* ZATCA's counters are read from here too */
        return;
    }
    bool delivered = now->delivered > link->last.delivered;
    bool failed = now->failed > link->last.failed;
    if (delivered) {
        link->state = KS_LINK_REACHABLE;
        link->since_utc = 0;
    } else if (failed && link->state != KS_LINK_UNREACHABLE) {
        link->state = KS_LINK_UNREACHABLE;
        link->since_utc = now_utc;
    }
    link->last = *now;
}

enum ks_zatca_link ks_staff_zatca_link(bool configured, const ks_delivery_stats *s, int64_t *count)
{
    *count = 0;
    if (!configured)
        return KS_ZATCA_LINK_NOT_CONFIGURED;
    if (s->zatca_misconfigured)
        return KS_ZATCA_LINK_CREDENTIALS;
    if (s->zatca_overdue > 0) {
        *count = s->zatca_overdue;
        return KS_ZATCA_LINK_OVERDUE;
    }
    if (s->zatca_refused > 0) {
        *count = s->zatca_refused;
        return KS_ZATCA_LINK_REFUSED;
    }
    return KS_ZATCA_LINK_OK;
}

const char *ks_printer_state_name(enum ks_printer_state state)
{
    switch (state) {
    case KS_PRINTER_OK:
        return "ok";
    case KS_PRINTER_PAPER_NEAR_END:
        return "paper near end";
    case KS_PRINTER_PAPER_OUT:
        return "paper out";
    case KS_PRINTER_COVER_OPEN:
        return "cover open";
    case KS_PRINTER_OFFLINE:
        return "offline";
    case KS_PRINTER_UNPLUGGED:
        return "unplugged";
    case KS_PRINTER_SIMULATED:
        return "simulated";
    case KS_PRINTER_UNKNOWN:
    default:
        return "unknown";
    }
}

const char *ks_terminal_state_name(enum ks_terminal_state state)
{
    switch (state) {
    case KS_TERMINAL_REACHABLE:
        return "reachable";
    case KS_TERMINAL_UNREACHABLE:
        return "unreachable";
    case KS_TERMINAL_SIMULATED:
        return "simulated";
    case KS_TERMINAL_UNKNOWN:
    default:
        return "unknown";
    }
}
