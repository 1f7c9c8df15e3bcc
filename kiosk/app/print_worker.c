/*
 * The print worker: see kiosk/app/print_worker.h.
 *
 * The thread is a dev_worker (devices/common/worker.h) whose lock guards
 * the reprint requests; results go back through a dev_result_queue
 * (devices/common/result_queue.h, the oldest dropped when the UI does not
 * collect). Neither lock is held while printing, so the UI thread never
 * waits on a printer.
 */
#define LOG_TAG "print"
#include "kiosk/app/print_worker.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/common/result_queue.h"
#include "devices/common/worker.h"
#include "kiosk/common/log.h"

#define DEFAULT_MAX_RESULTS 64
#define MAX_REPRINTS 64
#define JOB_MAX_BYTES ((size_t)16 << 20) /* a receipt is ~50 KB; 16 MiB is a runaway */

struct ks_print_worker {
    ks_db *db;            /* owned; used only by the thread once it runs */
    dev_printer *printer; /* owned; used only by the thread */
    ks_print_render_fn render;
    void *render_ctx;
    ks_print_notify_fn notify;
    void *notify_ctx;

    struct dev_worker worker;
    bool started;
    /* Guarded by worker.lock: */
    int64_t reprints[MAX_REPRINTS];
    size_t n_reprints;
    struct dev_result_queue results; /* of ks_print_result */
};

static void push_result(ks_print_worker *w, const ks_print_result *r)
{
    if (!dev_result_queue_push(&w->results, r))
        LOG_WARN("print results not collected; dropping the oldest");
    if (w->notify)
        w->notify(w->notify_ctx);
}

static void set_message(ks_print_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_message(ks_print_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
}

/* Renders and prints one claimed job, records its outcome, reports it. */
static void print_job(ks_print_worker *w, const ks_print_job *job)
{
    ks_print_result r = {.job_id = job->id, .kind = job->kind};
    memcpy(r.order_uuid, job->order_uuid, sizeof r.order_uuid);
    dev_buffer bytes;
    dev_buffer_init(&bytes, JOB_MAX_BYTES);
    char why[KS_PRINT_ERROR_MAX + 1] = "";
    if (!w->render(w->render_ctx, w->db, job, &bytes, why, sizeof why)) {
        set_message(&r, "cannot make the %s: %s", ks_print_kind_name(job->kind),
                    why[0] ? why : "unknown reason");
    } else {
        dev_print_report report;
        r.error = dev_printer_print(w->printer, bytes.data, bytes.len, &report);
        r.printed = r.error == DEV_PRINTER_OK;
        r.paper_near_end = report.have_after && dev_printer_status_condition(&report.after) ==
                                                    DEV_PRINTER_PAPER_NEAR_END;
        if (!r.printed)
            set_message(&r, "%s", dev_printer_strerror(r.error));
    }
    dev_buffer_free(&bytes);

    enum ks_db_error err =
        ks_print_store_finish(w->db, job->id, r.printed, r.message, (int64_t)time(NULL));
    /* An order's document names the order; a summary its day. */
    const char *of = job->kind == KS_PRINT_SUMMARY ? "day" : "order";
    const char *subject = job->kind == KS_PRINT_SUMMARY ? job->business_date : job->order_uuid;
    if (r.printed)
        LOG_INFO("%s of %s %s printed (job %lld)", ks_print_kind_name(job->kind), of, subject,
                 (long long)job->id);
    else
        LOG_WARN("%s of %s %s not printed (job %lld): %s", ks_print_kind_name(job->kind), of,
                 subject, (long long)job->id, r.message);
    /* The job stays 'printing' on disk and is printed again after a restart. */
    if (err != KS_DB_OK)
        LOG_ERROR("print job %lld: outcome not recorded: %s", (long long)job->id,
                  ks_db_strerror(err));
    push_result(w, &r);
}

static void requeue(ks_print_worker *w, int64_t id)
{
    enum ks_db_error err = ks_print_store_requeue(w->db, id);
    if (err == KS_DB_OK)
        return;
    ks_print_result r = {.job_id = id};
    set_message(&r, "cannot reprint job %lld: %s", (long long)id, ks_db_strerror(err));
    LOG_WARN("%s", r.message);
    push_result(w, &r);
}

/* Prints every queued job; stops early when asked to stop. */
static void drain_queue(ks_print_worker *w)
{
    while (!dev_worker_stopping(&w->worker)) {
        ks_print_job job;
        enum ks_db_error err = ks_print_store_claim_next(w->db, &job);
        if (err == KS_DB_ERR_NOT_FOUND)
            return;
        if (err != KS_DB_OK) {
            LOG_ERROR("cannot take the next print job: %s", ks_db_strerror(err));
            return;
        }
        print_job(w, &job);
    }
}

static void *run(void *arg)
{
    ks_print_worker *w = arg;
    drain_queue(w); /* what was queued before we started */
    while (dev_worker_sleep(&w->worker, -1) != DEV_WORKER_STOP) {
        int64_t reprints[MAX_REPRINTS];
        pthread_mutex_lock(&w->worker.lock);
        size_t n = w->n_reprints;
        memcpy(reprints, w->reprints, n * sizeof *reprints);
        w->n_reprints = 0;
        pthread_mutex_unlock(&w->worker.lock);
        for (size_t i = 0; i < n; i++)
            requeue(w, reprints[i]);
        drain_queue(w);
    }
    return NULL;
}

static void worker_free(ks_print_worker *w)
{
    ks_db_close(w->db);
    dev_printer_free(w->printer);
    dev_result_queue_destroy(&w->results);
    free(w);
}

ks_print_worker *ks_print_worker_start(const ks_print_worker_config *cfg)
{
    ks_print_worker *w = calloc(1, sizeof *w);
    if (!w) {
        dev_printer_free(cfg->printer);
        return NULL;
    }
    w->printer = cfg->printer;
    w->render = cfg->render;
    w->render_ctx = cfg->render_ctx;
    w->notify = cfg->notify;
    w->notify_ctx = cfg->notify_ctx;
    size_t max_results = cfg->max_results ? cfg->max_results : DEFAULT_MAX_RESULTS;
    if (!dev_result_queue_init(&w->results, sizeof(ks_print_result), max_results) || !w->printer ||
        !w->render)
        goto error;
    enum ks_db_error err;
    w->db = ks_db_open(cfg->db_path, &err);
    if (!w->db) {
        LOG_ERROR("print worker: database %s: %s", cfg->db_path, ks_db_strerror(err));
        goto error;
    }
    size_t recovered = 0;
    err = ks_print_store_recover(w->db, &recovered);
    if (err != KS_DB_OK)
        goto error;
    if (recovered)
        LOG_WARN("%zu print jobs were interrupted by a restart; printing them again", recovered);
    if (!dev_worker_start(&w->worker, run, w)) {
        LOG_ERROR("print worker: cannot start its thread");
        goto error;
    }
    w->started = true;
    return w;
error:
    worker_free(w);
    return NULL;
}

void ks_print_worker_stop(ks_print_worker *w)
{
    if (!w)
        return;
    if (w->started)
        dev_worker_stop(&w->worker);
    worker_free(w);
}

void ks_print_worker_wake(ks_print_worker *w)
{
    dev_worker_wake(&w->worker);
}

bool ks_print_worker_reprint(ks_print_worker *w, int64_t job_id)
{
    pthread_mutex_lock(&w->worker.lock);
    bool ok = w->n_reprints < MAX_REPRINTS;
    if (ok)
        w->reprints[w->n_reprints++] = job_id;
    pthread_mutex_unlock(&w->worker.lock);
    if (ok)
        dev_worker_wake(&w->worker);
    return ok;
}

bool ks_print_worker_poll(ks_print_worker *w, ks_print_result *out)
{
    return dev_result_queue_take(&w->results, out);
}

bool ks_print_worker_wait(ks_print_worker *w, ks_print_result *out, int timeout_ms)
{
    return dev_result_queue_wait(&w->results, out, timeout_ms);
}
