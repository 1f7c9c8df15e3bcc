/*
 * The print worker: see kiosk/app/print_worker.h.
 *
 * One mutex guards the requests (wake, reprints, stop) and the results
 * ring; the thread holds it only to take requests and to queue a result,
 * never while printing, so the UI thread never waits on a printer.
 */
#define LOG_TAG "print"
#include "kiosk/app/print_worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

    pthread_t thread;
    bool started;
    pthread_mutex_t lock;
    pthread_cond_t wake_cond;   /* requests for the thread */
    pthread_cond_t result_cond; /* a result was queued */
    /* Guarded by lock: */
    bool woken, stopping;
    int64_t reprints[MAX_REPRINTS];
    size_t n_reprints;
    ks_print_result *results; /* owned ring of max_results */
    size_t max_results, first, n_results;
};

static void push_result(ks_print_worker *w, const ks_print_result *r)
{
    pthread_mutex_lock(&w->lock);
    if (w->n_results == w->max_results) {
        w->first = (w->first + 1) % w->max_results;
        w->n_results--;
        LOG_WARN("print results not collected; dropping the oldest");
    }
    w->results[(w->first + w->n_results) % w->max_results] = *r;
    w->n_results++;
    pthread_cond_broadcast(&w->result_cond);
    pthread_mutex_unlock(&w->lock);
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
    for (;;) {
        pthread_mutex_lock(&w->lock);
        bool stopping = w->stopping;
        pthread_mutex_unlock(&w->lock);
        if (stopping)
            return;
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
    for (;;) {
        int64_t reprints[MAX_REPRINTS];
        pthread_mutex_lock(&w->lock);
        while (!w->woken && !w->stopping && w->n_reprints == 0)
            pthread_cond_wait(&w->wake_cond, &w->lock);
        bool stopping = w->stopping;
        size_t n = w->n_reprints;
        memcpy(reprints, w->reprints, n * sizeof *reprints);
        w->n_reprints = 0;
        w->woken = false;
        pthread_mutex_unlock(&w->lock);
        if (stopping)
            return NULL;
        for (size_t i = 0; i < n; i++)
            requeue(w, reprints[i]);
        drain_queue(w);
    }
}

static void worker_free(ks_print_worker *w)
{
    ks_db_close(w->db);
    dev_printer_free(w->printer);
    free(w->results);
    pthread_cond_destroy(&w->result_cond);
    pthread_cond_destroy(&w->wake_cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

ks_print_worker *ks_print_worker_start(const ks_print_worker_config *cfg)
{
    ks_print_worker *w = calloc(1, sizeof *w);
    if (!w) {
        dev_printer_free(cfg->printer);
        return NULL;
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake_cond, NULL);
    pthread_cond_init(&w->result_cond, NULL);
    w->printer = cfg->printer;
    w->render = cfg->render;
    w->render_ctx = cfg->render_ctx;
    w->notify = cfg->notify;
    w->notify_ctx = cfg->notify_ctx;
    w->max_results = cfg->max_results ? cfg->max_results : DEFAULT_MAX_RESULTS;
    w->results = calloc(w->max_results, sizeof *w->results);
    if (!w->results || !w->printer || !w->render)
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
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
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
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_broadcast(&w->wake_cond);
    pthread_mutex_unlock(&w->lock);
    if (w->started)
        pthread_join(w->thread, NULL);
    worker_free(w);
}

void ks_print_worker_wake(ks_print_worker *w)
{
    pthread_mutex_lock(&w->lock);
    w->woken = true;
    pthread_cond_signal(&w->wake_cond);
    pthread_mutex_unlock(&w->lock);
}

bool ks_print_worker_reprint(ks_print_worker *w, int64_t job_id)
{
    pthread_mutex_lock(&w->lock);
    bool ok = w->n_reprints < MAX_REPRINTS;
    if (ok) {
        w->reprints[w->n_reprints++] = job_id;
        pthread_cond_signal(&w->wake_cond);
    }
    pthread_mutex_unlock(&w->lock);
    return ok;
}

/* Takes the oldest result; the lock is held. */
static bool take_result(ks_print_worker *w, ks_print_result *out)
{
    if (w->n_results == 0)
        return false;
    *out = w->results[w->first];
    w->first = (w->first + 1) % w->max_results;
    w->n_results--;
    return true;
}

bool ks_print_worker_poll(ks_print_worker *w, ks_print_result *out)
{
    pthread_mutex_lock(&w->lock);
    bool ok = take_result(w, out);
    pthread_mutex_unlock(&w->lock);
    return ok;
}

bool ks_print_worker_wait(ks_print_worker *w, ks_print_result *out, int timeout_ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    bool ok;
    while (!(ok = take_result(w, out)))
        if (pthread_cond_timedwait(&w->result_cond, &w->lock, &deadline) == ETIMEDOUT)
            break;
    if (!ok)
        ok = take_result(w, out);
    pthread_mutex_unlock(&w->lock);
    return ok;
}
