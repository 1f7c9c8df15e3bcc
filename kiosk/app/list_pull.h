/*
 * A list a device pulls whole from the backend for its store, tagged, and
 * replaces whole in its database: the kiosk's sold-out list and staff list
 * (kiosk/app/menu_pull.h) and the store's kiosks that its kitchen displays
 * and attendant console pull (kiosk/app/peer_pull.h). One mechanism for
 * all of them:
 *
 *   GET <path><store>  If-None-Match: the stored list's ETag
 *
 * a 304 costs nothing more; a 200 is read strictly and stored in place of
 * the old list (the list's take); anything else keeps the list stored
 * serving, and its trouble is logged once when it starts and once when it
 * ends (ks_list_pull_note). Used on a puller's worker thread only.
 */
#ifndef KIOSK_APP_LIST_PULL_H
#define KIOSK_APP_LIST_PULL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/common/worker.h"
#include "kiosk/app/backend_client.h"
#include "kiosk/common/log.h"
#include "kiosk/store/db.h"

/* Bytes of a trouble remembered (and logged) at most. */
#define KS_LIST_PULL_NOTE_MAX 768

/* What a puller pulls with; everything borrowed from its owner. */
typedef struct ks_list_puller {
    struct dev_worker *worker; /* its lock guards the counters; its stop quiets the log */
    ks_backend_client *client;
    ks_db *db;            /* the worker's own connection */
    const char *store_id; /* checked: ks_device_id_ok */
    /* The owner's counters, added to under the worker's lock: */
    uint64_t *requests;     /* HTTP requests made (answered or not) */
    uint64_t *not_modified; /* 304 answers */
    uint64_t *refused;      /* lists refused by their reader */
} ks_list_puller;

/*
 * Reads a 200's body a (for the puller's store), stores it and says how
 * many entries it had into *n; false (why[why_cap] filled) when it is
 * refused, *err set when it cannot be stored. ctx: the kind's owner.
 */
typedef bool (*ks_list_take_fn)(void *ctx, const ks_backend_answer *a, char *why, size_t why_cap,
                                enum ks_db_error *err, size_t *n);

/* One kind of list. */
typedef struct ks_list_kind {
    const char *what; /* "sold-out list from stock", for the log */
    const char *path; /* the path up to the store id: "/staff?store=" */
    size_t max;       /* bytes of an answer at most */
    /* The stored list's ETag into etag[cap] ("" when none was ever stored). */
    enum ks_db_error (*etag)(ks_db *db, char *etag, size_t cap);
    ks_list_take_fn take;
    void (*taken)(void *ctx); /* after a new list is stored; may be NULL */
} ks_list_kind;

/* Adds n to *counter under the puller's lock. */
void ks_list_pull_count(const ks_list_puller *p, uint64_t *counter, uint64_t n);

/*
 * Logs a problem (printf's fmt) at level when it differs from the one
 * logged last into last[KS_LIST_PULL_NOTE_MAX], and keeps it there: a
 * backend that stays down is logged once.
 */
__attribute__((format(printf, 3, 4))) void ks_list_pull_note(char *last, enum ks_log_level level,
                                                             const char *fmt, ...);

/*
 * GETs path (If-None-Match: condition unless NULL) keeping at most max
 * bytes into *out, counted; true on 200 or 304, else the trouble is noted
 * into last (unless the worker is stopping) and false.
 */
bool ks_list_pull_get(const ks_list_puller *p, char *last, const char *path, const char *condition,
                      size_t max, ks_backend_answer *out);

/*
 * Asks for kind's list of the puller's store with the stored list's ETag;
 * a new list is taken (kind->take(ctx, ...)) in place of the old one, then
 * kind->taken(ctx). Anything else keeps the list stored serving; the
 * trouble is noted into last[KS_LIST_PULL_NOTE_MAX], and its end logged.
 */
void ks_list_pull_poll(const ks_list_puller *p, const ks_list_kind *kind, void *ctx, char *last);

#endif
