/*
 * A self-checkout lane's link to the attendant console
 * (kiosk/docs/attendant-api.md): a worker thread that posts the lane's
 * report every period and at once when the UI thread publishes a change,
 * and hands the console's decisions back to the UI thread.
 *
 * Durable and exactly once on the lane's side: the worker owns its own
 * connection to the kiosk's database (tables att_link_*). A need that
 * arises gets a UUID, stored before any report names it; each decision
 * received is stored by its UUID before the UI thread sees it, so a
 * decision sent again (a lost answer) is never applied twice; once the UI
 * thread has applied it, that is stored too and reported to the console,
 * which stops sending it. At start, requests and decisions of a session
 * the lane did not finish (power cut) are closed: the basket they were
 * about is gone.
 *
 * The UI thread never blocks on the link: publish and take only touch a
 * mutex-guarded snapshot and queue. When the console cannot be reached,
 * ks_att_link_online says so and the lane's staff PIN or badge approves at
 * the lane (the journey's one decision path).
 */
#ifndef KIOSK_APP_ATTENDANT_LINK_H
#define KIOSK_APP_ATTENDANT_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app/attendant_msg.h"

/* Default time between two reports, and how long without an answer means offline. */
#define KS_ATT_LINK_PERIOD_MS 200
#define KS_ATT_LINK_OFFLINE_MS 2000

typedef struct ks_att_link ks_att_link;

typedef struct ks_att_link_options {
    const char *api_root; /* the console's "http://10.0.0.5:8090/v1" (ks_outgoing_url_ok) */
    const char *token;    /* this lane's token on the console, 1-KS_CONFIG_TOKEN_MAX bytes */
    const char *ca_file;  /* the store's CA (PEM) for the console; NULL or "": system's */
    const char *lane_id;  /* this lane's id ([kiosk] kiosk_id) */
    const char *database; /* the kiosk's database file; the link opens its own connection */
    int period_ms;        /* between reports; <= 0: KS_ATT_LINK_PERIOD_MS */
    /* Called on the link's thread when a new decision waits in ks_att_link_take. */
    void (*wake)(void *ctx);
    void *ctx; /* borrowed, for wake */
} ks_att_link_options;

/* What the lane shows now, as the UI thread publishes it. */
typedef struct ks_att_lane_state {
    enum ks_att_activity activity;
    unsigned faults; /* ks_att_fault bits */
    uint32_t items;
    int64_t total;  /* halalas */
    unsigned needs; /* enum ks_attendant_need bits the lane waits on */
    /* For a need's request, the line it is about and its name (index: the need's bit number). */
    uint32_t need_line[8];
    char need_item[8][KS_ATT_ITEM_MAX + 1];
} ks_att_lane_state;

/*
 * Opens the link's tables (closing what a previous run left open) and
 * starts the worker. opt is copied. NULL (logged) when the URL, token,
 * lane id or database is refused.
 */
ks_att_link *ks_att_link_start(const ks_att_link_options *opt);

/* Stops the worker (a report under way is abandoned) and frees link. Accepts NULL. */
void ks_att_link_stop(ks_att_link *link);

/* UI thread: the lane's state now (copied); a change is reported at once. */
void ks_att_link_publish(ks_att_link *link, const ks_att_lane_state *state);

/* UI thread: the oldest decision received and not yet taken into *out; false when none. */
bool ks_att_link_take(ks_att_link *link, ks_att_decision *out);

/* UI thread: decision uuid was applied; stored and reported by the worker. */
void ks_att_link_applied(ks_att_link *link, const char *uuid);

/* True when the console answered within KS_ATT_LINK_OFFLINE_MS. Any thread. */
bool ks_att_link_online(const ks_att_link *link);

#endif
