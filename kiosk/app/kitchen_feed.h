/*
 * The kitchen feed: a thread that follows each kitchen display's status
 * feed (GET /v1/events, kiosk/docs/http-api.md) for this kiosk's orders
 * and acts on what happened there:
 *
 *   - the counter took the money (paid, cash or card): the order is marked
 *     paid here with ks_checkout_mark_paid, so it gets its e-invoice and
 *     goes to the backend (and, as its paid version, to the displays)
 *     exactly as a card payment at the kiosk would;
 *   - the counter cancelled it, or its business day ended unpaid: it is
 *     cancelled here and sent to the backend as cancelled unpaid;
 *   - the kitchen started it, a station finished its part, it is ready, it
 *     was collected: the kiosk's order follows where its lifecycle allows,
 *     and the news is queued for the backend (KS_DELIVERY_KITCHEN_NEWS),
 *     which keeps the kitchen's times and reports its speed.
 *
 * Every change is a transaction of the kiosk's database with its outbox
 * messages; the display's event id applied last is kept per display
 * (kiosk/store/kitchen_feed_store.h), after the events, so a crash at any
 * moment applies an event again at worst, and applying one again changes
 * nothing (a payment or a cancel is done once; the backend takes the same
 * news once). The thread asks each display every period_ms and owns its
 * database connection and one HTTP client per display.
 */
#ifndef KIOSK_APP_KITCHEN_FEED_H
#define KIOSK_APP_KITCHEN_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/domain/json_read.h"
#include "kiosk/store/db.h"

/* Bytes of a feed page read at most. */
#define KS_KITCHEN_FEED_PAGE_MAX (256 * 1024)

/* What applying feed pages did, for tests and the log. */
typedef struct ks_kitchen_feed_counts {
    uint64_t pages;     /* pages read and applied */
    uint64_t paid;      /* orders marked paid for the counter */
    uint64_t cancelled; /* orders cancelled unpaid */
    uint64_t news;      /* kitchen news queued for the backend */
    uint64_t refused;   /* pages refused as malformed */
} ks_kitchen_feed_counts;

/*
 * Applies one feed page (len bytes of JSON, as the display answered) to
 * db: {"events": [{"id", "uuid", "status", "from"?, "at",
 * "station"?, "method"?}...], "next": N}, strictly (unknown members, bad
 * types or values, ids not growing: the page is refused whole, nothing
 * applied, false with *why: the member at fault and the reason; on
 * true its reason is ""). On true, *next is the id to ask after next
 * time and counts (may be NULL) grows by what was done. Events of orders
 * this kiosk does not hold are skipped (logged). einvoicing may be NULL.
 */
bool ks_kitchen_feed_apply(ks_db *db, const ks_einvoicing *einvoicing, const char *json, size_t len,
                           int64_t *next, ks_kitchen_feed_counts *counts, ks_json_error *why);

typedef struct ks_kitchen_feed_config {
    const char *db_path;             /* the kiosk's database; the worker opens its own connection */
    const char *const *kitchen_urls; /* n_kitchen_urls "…/v1/orders" URLs; copied */
    size_t n_kitchen_urls;
    const char *token;               /* the kiosk's token; copied */
    const char *ca_file;             /* the store's CA; NULL or "": the system's */
    const ks_einvoicing *einvoicing; /* borrowed, for the counter's payments; NULL: phase 1 */
    int period_ms;                   /* between reads; <= 0: 1000 */
    void (*on_change)(void *ctx);    /* after a change that queued messages (wake delivery) */
    void *ctx;
} ks_kitchen_feed_config;

typedef struct ks_kitchen_feed ks_kitchen_feed;

/* Starts the thread; NULL (logged) on a bad URL or token, or when nothing can start. */
ks_kitchen_feed *ks_kitchen_feed_start(const ks_kitchen_feed_config *cfg);

/* ks_kitchen_feed_start with cfg's [network] settings; NULL without kitchen URLs. */
ks_kitchen_feed *ks_kitchen_feed_start_for(const ks_config *cfg, const ks_einvoicing *einvoicing,
                                           void (*on_change)(void *ctx), void *ctx);

/* Stops the thread (a request under way is abandoned) and frees everything. Accepts NULL. */
void ks_kitchen_feed_stop(ks_kitchen_feed *f);

/* A copy of the counts so far. Thread-safe. */
void ks_kitchen_feed_get_counts(ks_kitchen_feed *f, ks_kitchen_feed_counts *out);

/* Whether the kitchen displays answer, by the last read of each. */
enum ks_kitchen_link {
    KS_KITCHEN_LINK_UNKNOWN, /* no display read yet (or NULL) */
    KS_KITCHEN_LINK_OK,      /* every display read answered its last read */
    KS_KITCHEN_LINK_PARTLY,  /* some answered, some did not */
    KS_KITCHEN_LINK_DOWN,    /* none answered its last read */
};

/*
 * The link as the staff and the chain's device health see it: a display
 * not yet read counts neither way. Thread-safe; accepts NULL.
 */
enum ks_kitchen_link ks_kitchen_feed_link(ks_kitchen_feed *f);

#endif
