/* A list pulled whole from the backend for a store: see kiosk/app/list_pull.h. */
#define LOG_TAG "list_pull"
#include "kiosk/app/list_pull.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Bytes of a path and query sent: the list's path and a 32-byte store id. */
#define REQUEST_PATH_MAX 128

void ks_list_pull_count(const ks_list_puller *p, uint64_t *counter, uint64_t n)
{
    pthread_mutex_lock(&p->worker->lock);
    *counter += n;
    pthread_mutex_unlock(&p->worker->lock);
}

void ks_list_pull_note(char *last, enum ks_log_level level, const char *fmt, ...)
{
    char text[KS_LIST_PULL_NOTE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (strcmp(text, last) != 0)
        ks_log_write(level, LOG_TAG, "%s", text);
    memcpy(last, text, sizeof text);
}

bool ks_list_pull_get(const ks_list_puller *p, char *last, const char *path, const char *condition,
                      size_t max, ks_backend_answer *out)
{
    bool answered = ks_backend_client_get(p->client, path, condition, max, out);
    ks_list_pull_count(p, p->requests, 1);
    if (answered && out->status == 304) {
        ks_list_pull_count(p, p->not_modified, 1);
        return true;
    }
    if (answered && out->status == 200)
        return true;
    if (!dev_worker_stopping(p->worker))
        ks_list_pull_note(last, KS_LOG_WARN,
                          "%s; what is in use keeps serving, the next poll tries again",
                          out->error);
    return false;
}

void ks_list_pull_poll(const ks_list_puller *p, const ks_list_kind *kind, void *ctx, char *last)
{
    char path[REQUEST_PATH_MAX], etag[KS_BACKEND_CLIENT_ETAG_MAX + 1], why[160] = "";
    ks_backend_answer a = {0};
    size_t n = 0;
    enum ks_db_error err = kind->etag(p->db, etag, sizeof etag);
    snprintf(path, sizeof path, "%s%s", kind->path, p->store_id);
    /* Without an answer the trouble is logged there; the list stored keeps serving. */
    if (err != KS_DB_OK || !ks_list_pull_get(p, last, path, etag[0] ? etag : NULL, kind->max, &a))
        goto end;
    if (a.status == 200 && !kind->take(ctx, &a, why, sizeof why, &err, &n)) {
        ks_list_pull_count(p, p->refused, 1);
        ks_list_pull_note(last, KS_LOG_ERROR,
                          "the backend's %s is refused: %s; the one it gave before keeps serving",
                          kind->what, why);
        goto end;
    }
    if (err != KS_DB_OK)
        goto end;
    if (last[0])
        LOG_INFO("the backend's %s is taken again", kind->what);
    last[0] = '\0';
    if (a.status == 200) {
        LOG_INFO("the backend's %s: %zu entries", kind->what, n);
        if (kind->taken)
            kind->taken(ctx);
    }
end:
    if (err != KS_DB_OK)
        ks_list_pull_note(last, KS_LOG_ERROR, "the %s is not stored: %s", kind->what,
                          ks_db_strerror(err));
    ks_backend_answer_clear(&a);
}
