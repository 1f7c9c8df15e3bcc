/*
 * The print worker: a thread that owns the receipt printer and its own
 * database connection, takes queued print jobs (kiosk/store/print_store.h)
 * oldest first, turns each into ESC/POS bytes through a render callback,
 * prints it with the driver's guarantees (devices/printer/printer.h) and
 * records the outcome. A job is recorded printed only when the printer
 * confirmed it; anything else records it failed with the reason, for the
 * staff screen and a reprint.
 *
 * The UI thread never waits on the printer: it queues a job in the
 * database (ks_print_store_enqueue, on its own connection, ideally in the
 * payment's transaction) and calls ks_print_worker_wake, or asks for a
 * reprint by job id. Results come back through a queue the UI thread
 * drains with ks_print_worker_poll; the notify callback, called on the
 * worker thread after each result, is where a program pushes an SDL event
 * to wake its loop (SDL_PushEvent is thread-safe). No SDL here.
 *
 * Jobs queued before a crash or left printing by one are printed when the
 * worker starts.
 */
#ifndef KIOSK_APP_PRINT_WORKER_H
#define KIOSK_APP_PRINT_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/common/buffer.h"
#include "devices/printer/printer.h"
#include "kiosk/store/db.h"
#include "kiosk/store/print_store.h"

/* What happened to one job. */
typedef struct ks_print_result {
    int64_t job_id;
    char order_uuid[37];
    enum ks_print_kind kind;
    bool printed;                 /* the printer confirmed the whole job */
    enum dev_printer_error error; /* the printer's reason when it did not print; DEV_PRINTER_OK
                                     when the job failed before reaching it (see message) */
    bool paper_near_end;          /* the roll is nearly empty: tell staff */
    char message[KS_PRINT_ERROR_MAX + 1]; /* the reason recorded for the job; "" when printed */
} ks_print_result;

/*
 * Appends the complete ESC/POS job for `job` to out, reading what it needs
 * (the order, its payment) through db, the worker's connection. Called on
 * the worker thread. False with a reason in why[0..why_cap) when the job
 * cannot be made (order gone, rendering failed).
 */
typedef bool (*ks_print_render_fn)(void *ctx, ks_db *db, const ks_print_job *job, dev_buffer *out,
                                   char *why, size_t why_cap);

/* Called on the worker thread after a result was queued. Must not block. */
typedef void (*ks_print_notify_fn)(void *ctx);

typedef struct ks_print_worker_config {
    const char *db_path;  /* the database; the worker opens its own connection */
    dev_printer *printer; /* owned by the worker from the call on, even when it fails */
    ks_print_render_fn render;
    void *render_ctx;          /* borrowed; used only on the worker thread until stop */
    ks_print_notify_fn notify; /* may be NULL */
    void *notify_ctx;
    size_t max_results; /* results kept until polled (oldest dropped); 0: 64 */
} ks_print_worker_config;

typedef struct ks_print_worker ks_print_worker;

/*
 * Opens the worker's connection, queues again the jobs a crash left
 * printing, and starts the thread, which prints whatever is queued. NULL
 * (the printer freed) when the database cannot be opened, the thread
 * cannot start or memory runs out.
 */
ks_print_worker *ks_print_worker_start(const ks_print_worker_config *cfg);

/*
 * Lets the job in hand finish, stops the thread and frees the worker, its
 * connection and the printer. Jobs still queued stay queued on disk.
 * Accepts NULL.
 */
void ks_print_worker_stop(ks_print_worker *worker);

/* New jobs are queued in the database: print them. */
void ks_print_worker_wake(ks_print_worker *worker);

/*
 * Prints job id again (a failed job, or another copy of a printed one).
 * The request is queued for the worker, which requeues the job in the
 * database and prints it; false when too many requests are waiting.
 */
bool ks_print_worker_reprint(ks_print_worker *worker, int64_t job_id);

/* Takes the oldest result into *out without waiting; false when there is none. */
bool ks_print_worker_poll(ks_print_worker *worker, ks_print_result *out);

/*
 * Like ks_print_worker_poll, waiting up to timeout_ms for a result. For
 * tests and tools: the UI thread polls instead.
 */
bool ks_print_worker_wait(ks_print_worker *worker, ks_print_result *out, int timeout_ms);

#endif
