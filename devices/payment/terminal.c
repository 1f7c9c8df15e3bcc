/* Card terminals behind a driver table chosen by URI scheme: see terminal.h. */
#include "devices/payment/terminal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/payment/nexo_terminal.h"

/* Every driver this build knows; the first whose scheme matches the URI serves it. */
static const dev_terminal_driver *const drivers[] = {
    &dev_nexo_driver,
};

struct dev_terminal {
    const dev_terminal_driver *driver; /* static */
    void *impl;                        /* owned, freed by driver->close */
};

static const char *const outcome_names[DEV_PAY_OUTCOME_COUNT] = {
    [DEV_PAY_APPROVED] = "approved",     [DEV_PAY_DECLINED] = "declined",
    [DEV_PAY_CANCELLED] = "cancelled",   [DEV_PAY_FAILED] = "failed",
    [DEV_PAY_NOT_FOUND] = "not-found",   [DEV_PAY_UNREACHABLE] = "unreachable",
    [DEV_PAY_TIMEOUT] = "timeout",       [DEV_PAY_IN_PROGRESS] = "in-progress",
    [DEV_PAY_BAD_ANSWER] = "bad-answer",
};

const char *dev_pay_outcome_name(enum dev_pay_outcome outcome)
{
    return (unsigned)outcome < DEV_PAY_OUTCOME_COUNT ? outcome_names[outcome] : "?";
}

bool dev_pay_outcome_settled(enum dev_pay_outcome outcome)
{
    return (unsigned)outcome <= DEV_PAY_UNREACHABLE;
}

dev_terminal *dev_terminal_open(const char *uri, char *why, size_t cap)
{
    char ignored[8];
    if (!why || !cap) {
        why = ignored;
        cap = sizeof ignored;
    }
    const char *sep = uri ? strstr(uri, "://") : NULL;
    for (size_t i = 0; sep && i < sizeof drivers / sizeof drivers[0]; i++) {
        const dev_terminal_driver *d = drivers[i];
        if (strlen(d->scheme) != (size_t)(sep - uri) || strncmp(uri, d->scheme, sep - uri) != 0)
            continue;
        dev_terminal *t = calloc(1, sizeof *t);
        if (!t) {
            snprintf(why, cap, "out of memory");
            return NULL;
        }
        t->driver = d;
        t->impl = d->open(uri, why, cap);
        if (!t->impl) {
            free(t);
            return NULL;
        }
        return t;
    }
    snprintf(why, cap, "no terminal driver for this URI's scheme");
    return NULL;
}

void dev_terminal_close(dev_terminal *t)
{
    if (!t)
        return;
    t->driver->close(t->impl);
    free(t);
}

const dev_terminal_driver *dev_terminal_driver_of(const dev_terminal *t)
{
    return t->driver;
}

void dev_terminal_payment(dev_terminal *t, const dev_pay_request *req, dev_pay_result *out)
{
    t->driver->payment(t->impl, req, out);
}

bool dev_terminal_abort(dev_terminal *t, const char *sale_txn_id, long timeout_ms, char *why,
                        size_t cap)
{
    return t->driver->abort(t->impl, sale_txn_id, timeout_ms, why, cap);
}

void dev_terminal_transaction_status(dev_terminal *t, const dev_pay_request *req,
                                     dev_pay_result *out)
{
    t->driver->transaction_status(t->impl, req, out);
}

void dev_terminal_reversal(dev_terminal *t, const dev_pay_original *original, long timeout_ms,
                           dev_pay_result *out)
{
    t->driver->reversal(t->impl, original, timeout_ms, out);
}
