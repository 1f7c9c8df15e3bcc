/* The outbox delivery worker: see kiosk/app/delivery.h and kiosk/docs/http-api.md. */
#define LOG_TAG "delivery"
#include "kiosk/app/delivery.h"
#include "kiosk/app/http_handle.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "devices/common/worker.h"
#include "kiosk/app/backend_client.h"
#include "kiosk/app/refund.h"
#include "kiosk/app/zatca_answer.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/common/log.h"
#include "kiosk/common/outgoing_url.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/zatca_report_store.h"

#define DEFAULT_TIMEOUT_MS 5000
/* Messages read from the outbox at a time, per destination. */
#define BATCH 16
/* The longest sleep without looking at the outbox, real milliseconds: covers a writer that forgot
 * to wake us. */
#define MAX_SLEEP_MS (KS_OUTBOX_BACKOFF_MAX_S * 1000)
/* Bytes of a receiver's answer kept for the log and the outbox's last_error. */
#define ANSWER_MAX 400
/* Multi-kitchen messages acknowledged by some displays only, remembered to skip those next time. */
#define PARTIAL_MAX 64
/* ZATCA's reporting endpoint under its base URL (kiosk/docs/zatca.md). */
#define ZATCA_REPORTING_PATH "/invoices/reporting/single"
#define ZATCA_DEFAULT_OVERDUE_HOURS 12

enum ks_delivery_outcome ks_delivery_classify(long http_status)
{
    if (http_status >= 200 && http_status <= 299)
        return KS_DELIVERY_DELIVERED;
    switch (http_status) {
    case 400:
    case 413:
    case 415:
    case 422:
        return KS_DELIVERY_REFUSED;
    case 408:
    case 429:
        return KS_DELIVERY_RETRY;
    default:
        break;
    }
    if (http_status >= 400 && http_status <= 499)
        return KS_DELIVERY_MISCONFIGURED;
    return KS_DELIVERY_RETRY; /* no answer, 1xx or 3xx (redirects are not followed), 5xx */
}

/* One receiver: a URL and its connection, reused between requests. */
struct endpoint {
    char url[KS_URL_MAX + 1];
    bool store_server; /* a kitchen display or the backend (the store's CA); else ZATCA */
    /* Owned, made by the worker's first request to it (libcurl loads on first use: not at start).
     */
    CURL *curl;
    struct curl_slist *headers; /* ZATCA's, made with curl; owned; NULL for a store server */
    char *zatca_auth;           /* ZATCA's "Authorization: Basic ..." until headers holds it */
    bool unreachable;           /* last request got no answer or a retryable one: logged once */
    bool misconfigured;         /* last answer said our token or URL is wrong: logged once */
    /* "Authorization: Bearer <token>" of a store server (each peer has its own); "" for ZATCA */
    char auth_header[KS_CONFIG_TOKEN_MAX + 32];
};

/* Which kitchens acknowledged a message so far (bit i: kitchens[i]). */
struct partial {
    int64_t id;
    unsigned acked;
};

struct ks_delivery {
    struct dev_worker worker; /* its lock guards stats */
    bool started;
    ks_delivery_stats stats;

    ks_db *db;          /* owned; used by the worker thread only once started */
    char ca_file[1024]; /* "": the system's CAs */
    long timeout_ms;
    int dead_after;
    uint32_t time_scale;
    uint32_t random; /* xorshift state for the backoff jitter */
    struct endpoint kitchens[KS_CONFIG_MAX_KITCHENS];
    size_t n_kitchens;
    struct endpoint backend;
    bool has_backend;
    struct endpoint zatca;
    bool has_zatca;
    int64_t zatca_overdue_s; /* age past which an unreported invoice is overdue (outbox seconds) */
    char zatca_answer[KS_ZATCA_ANSWER_MAX + 1]; /* ZATCA's last answer, NUL-terminated */
    struct partial partial[PARTIAL_MAX];
    size_t n_partial;
};

static int64_t real_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The outbox clock: UTC seconds, or time_scale of them per real second. */
static int64_t outbox_now(const ks_delivery *d)
{
    return real_ms() * (int64_t)d->time_scale / 1000;
}

static uint32_t next_random(ks_delivery *d)
{
    uint32_t x = d->random;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    d->random = x;
    return x;
}

static void count(ks_delivery *d, uint64_t *counter)
{
    pthread_mutex_lock(&d->worker.lock);
    (*counter)++;
    pthread_mutex_unlock(&d->worker.lock);
}

/* The first cap bytes of an answer, NUL-terminated in text[cap + 1]. */
struct answer {
    char *text; /* borrowed */
    size_t len, cap;
};

static size_t keep_answer(char *data, size_t size, size_t n, void *ctx)
{
    struct answer *a = ctx;
    size_t bytes = size * n;
    size_t room = a->cap - a->len;
    size_t take = bytes < room ? bytes : room;
    memcpy(a->text + a->len, data, take);
    a->len += take;
    a->text[a->len] = '\0';
    return bytes;
}

static int abandon_on_stop(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                           curl_off_t ulnow)
{
    const ks_delivery *d = ctx;
    return dev_worker_stopping(&d->worker) ? 1 : 0;
}

/*
 * A store server (a kitchen display, the backend) gets token as its bearer token and is
 * verified against the store's CA if given; token NULL is ZATCA, verified against the
 * system's CAs, with its own headers (zatca_headers). Its libcurl handle is made later, by
 * endpoint_ready on the worker's first request.
 */
static bool open_endpoint(struct endpoint *e, const char *url, const char *token)
{
    const char *why = NULL;
    if (!ks_outgoing_url_ok(url, &why)) {
        LOG_ERROR("refusing to deliver to %s: %s", url, why);
        return false;
    }
    size_t len = strlen(url);
    if (len >= sizeof e->url) {
        LOG_ERROR("refusing to deliver to %s: longer than %zu bytes", url, sizeof e->url - 1);
        return false;
    }
    memcpy(e->url, url, len + 1);
    e->store_server = token != NULL;
    if (e->store_server)
        snprintf(e->auth_header, sizeof e->auth_header, "Authorization: Bearer %s", token);
    return true;
}

/* ZATCA's header lines from its credentials (zatca_auth, wiped once copied); false when out of
 * memory. */
static bool zatca_header_list(struct endpoint *e)
{
    const char *lines[] = {e->zatca_auth,
                           "Accept-Version: V2",
                           "Accept-Language: en",
                           "Accept: application/json",
                           "Content-Type: application/json",
                           "Expect:"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        struct curl_slist *h = curl_slist_append(e->headers, lines[i]);
        if (!h) { /* the next request starts the list again */
            curl_slist_free_all(e->headers);
            e->headers = NULL;
            return false;
        }
        e->headers = h;
    }
    OPENSSL_cleanse(e->zatca_auth, strlen(e->zatca_auth));
    free(e->zatca_auth);
    e->zatca_auth = NULL;
    return true;
}

/*
 * e's libcurl handle (and ZATCA's header lines), made on the worker's first
 * request to e; false (said in error) when libcurl cannot make one: the
 * message stays in the outbox and is tried again like any unanswered one.
 */
static bool endpoint_ready(ks_delivery *d, struct endpoint *e, char *error, size_t error_size)
{
    if (e->curl)
        return true;
    const ks_http_handle_config hc = {
        .timeout_ms = d->timeout_ms,
        .user_agent = "kiosk-delivery/1",
        .ca_file = e->store_server ? d->ca_file : NULL, /* ZATCA: the system's CAs */
        .abandon = abandon_on_stop,
        .abandon_ctx = d,
    };
    CURL *c = ks_http_handle_new(&hc);
    bool ok = c && curl_easy_setopt(c, CURLOPT_URL, e->url) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_answer) == CURLE_OK &&
              (!e->zatca_auth || zatca_header_list(e));
    if (!ok) {
        snprintf(error, error_size, "%s: libcurl cannot make a request: %s", e->url,
                 c ? "it refused an option, or out of memory"
                   : curl_easy_strerror(CURLE_FAILED_INIT));
        curl_easy_cleanup(c);
        return false;
    }
    e->curl = c;
    return true;
}

/*
 * POSTs payload to e with headers (NULL: e's own, ZATCA's); the HTTP status
 * (0: no answer, with curl's reason in error[error_size]) and the answer's
 * first bytes in *answer.
 */
static long http_post(ks_delivery *d, struct endpoint *e, const char *url,
                      struct curl_slist *headers, const char *payload, struct answer *answer,
                      char *error, size_t error_size)
{
    answer->len = 0;
    answer->text[0] = '\0';
    if (!endpoint_ready(d, e, error, error_size))
        return 0;
    if (url)
        curl_easy_setopt(e->curl, CURLOPT_URL, url);
    curl_easy_setopt(e->curl, CURLOPT_HTTPHEADER, headers ? headers : e->headers);
    curl_easy_setopt(e->curl, CURLOPT_POSTFIELDS, payload);
    curl_easy_setopt(e->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(payload));
    curl_easy_setopt(e->curl, CURLOPT_WRITEDATA, answer);
    CURLcode rc = curl_easy_perform(e->curl);
    curl_easy_setopt(e->curl, CURLOPT_HTTPHEADER, NULL);
    if (url)
        curl_easy_setopt(e->curl, CURLOPT_URL, e->url);
    count(d, &d->stats.requests);
    long status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(e->curl, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(error, error_size, "%s: %s", url ? url : e->url, curl_easy_strerror(rc));
    return status;
}

/* Logs a receiver going away or being misconfigured once, and its return. */
static void note_link(struct endpoint *e, enum ks_delivery_outcome outcome, const char *error,
                      const char *fix)
{
    if (outcome == KS_DELIVERY_RETRY && !e->unreachable)
        LOG_WARN("%s; retrying with backoff", error);
    if (outcome == KS_DELIVERY_MISCONFIGURED && !e->misconfigured)
        LOG_ERROR("%s; check %s; retrying with backoff", error, fix);
    if ((outcome == KS_DELIVERY_DELIVERED || outcome == KS_DELIVERY_REFUSED) &&
        (e->unreachable || e->misconfigured))
        LOG_INFO("%s answers again", e->url);
    e->unreachable = outcome == KS_DELIVERY_RETRY;
    e->misconfigured = outcome == KS_DELIVERY_MISCONFIGURED;
}

/*
 * POSTs payload to e (to url instead when not NULL) as the message of
 * order_uuid. Returns the outcome and a short description in error (for
 * the outbox and the log).
 */
static enum ks_delivery_outcome post(ks_delivery *d, struct endpoint *e, const char *url,
                                     const char *order_uuid, const char *payload, char *error,
                                     size_t error_size)
{
    if (!endpoint_ready(d, e, error, error_size))
        return KS_DELIVERY_RETRY;
    char idempotency[64];
    snprintf(idempotency, sizeof idempotency, "Idempotency-Key: %s", order_uuid);
    struct curl_slist *headers = NULL, *h;
    const char *lines[] = {e->auth_header, idempotency, "Content-Type: application/json",
                           "Expect:"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        h = curl_slist_append(headers, lines[i]);
        if (!h) {
            curl_slist_free_all(headers);
            snprintf(error, error_size, "out of memory");
            return KS_DELIVERY_RETRY;
        }
        headers = h;
    }
    char text[ANSWER_MAX + 1];
    struct answer answer = {.text = text, .cap = ANSWER_MAX};
    long status = http_post(d, e, url, headers, payload, &answer, error, error_size);
    curl_slist_free_all(headers);
    enum ks_delivery_outcome outcome = ks_delivery_classify(status);
    if (status != 0)
        snprintf(error, error_size, "%s: HTTP %ld %s", e->url, status, answer.text);
    note_link(e, outcome, error, "[network] token and URLs");
    return outcome;
}

static struct partial *find_partial(ks_delivery *d, int64_t id)
{
    for (size_t i = 0; i < d->n_partial; i++)
        if (d->partial[i].id == id)
            return &d->partial[i];
    return NULL;
}

/* Remembers acked for id; when full, the oldest entry goes (its kitchens just get a repeat). */
static void remember_partial(ks_delivery *d, int64_t id, unsigned acked)
{
    struct partial *p = find_partial(d, id);
    if (!p) {
        if (d->n_partial == PARTIAL_MAX) {
            memmove(&d->partial[0], &d->partial[1], (PARTIAL_MAX - 1) * sizeof d->partial[0]);
            d->n_partial--;
        }
        p = &d->partial[d->n_partial++];
        p->id = id;
    }
    p->acked = acked;
}

static void forget_partial(ks_delivery *d, int64_t id)
{
    struct partial *p = find_partial(d, id);
    if (p) {
        size_t i = (size_t)(p - d->partial);
        memmove(p, p + 1, (d->n_partial - i - 1) * sizeof *p);
        d->n_partial--;
    }
}

/* Records the combined outcome of one message in the outbox. */
static void record(ks_delivery *d, const ks_outbox_row *row, enum ks_delivery_outcome outcome,
                   const char *error)
{
    int64_t now = outbox_now(d);
    enum ks_db_error err;
    if (outcome == KS_DELIVERY_DELIVERED) {
        err = ks_outbox_mark_delivered(d->db, row->id, now);
        if (err == KS_DB_OK)
            count(d, &d->stats.delivered);
    } else if (outcome == KS_DELIVERY_REFUSED && row->attempts + 1 >= d->dead_after) {
        LOG_ERROR("order %s to the %s set aside after %d refusals: %s", row->order_uuid,
                  row->destination, row->attempts + 1, error);
        err = ks_outbox_mark_dead(d->db, row->id, error);
        if (err == KS_DB_OK)
            count(d, &d->stats.dead);
    } else {
        if (outcome == KS_DELIVERY_REFUSED && row->attempts == 0)
            LOG_ERROR("order %s refused by the %s: %s", row->order_uuid, row->destination, error);
        err = ks_outbox_mark_failed(d->db, row->id, now, error, next_random(d));
        if (err == KS_DB_OK)
            count(d, &d->stats.failed);
    }
    if (err != KS_DB_OK)
        LOG_ERROR("recording the delivery of order %s failed: %s", row->order_uuid,
                  ks_db_strerror(err));
}

/* The worst of two outcomes for the message: anything to retry beats a refusal. */
static enum ks_delivery_outcome worse(enum ks_delivery_outcome a, enum ks_delivery_outcome b)
{
    if (a == KS_DELIVERY_DELIVERED)
        return b;
    if (b == KS_DELIVERY_DELIVERED)
        return a;
    if (a == KS_DELIVERY_REFUSED)
        return b;
    return a;
}

/* Sends one message to every endpoint that has not acknowledged it yet. */
static void deliver(ks_delivery *d, const ks_outbox_row *row, struct endpoint *endpoints, size_t n,
                    bool track_partial)
{
    struct partial *known = track_partial ? find_partial(d, row->id) : NULL;
    unsigned acked = known ? known->acked : 0;
    enum ks_delivery_outcome combined = KS_DELIVERY_DELIVERED;
    char error[ANSWER_MAX + KS_URL_MAX + 64] = "";
    for (size_t i = 0; i < n && !dev_worker_stopping(&d->worker); i++) {
        if (acked & (1u << i))
            continue;
        char this_error[sizeof error], url[KS_URL_MAX + KS_OUTBOX_PATH_MAX + 64];
        /* A kitchen's news and a refund go beside the order:
         * <backend>/v1/orders/<uuid>/kitchen, <backend>/v1/orders/<uuid>/refunds;
         * a message with a path of its own beside the API root: <backend>/v1/<path>. */
        const char *beside = strcmp(row->destination, KS_DELIVERY_KITCHEN_NEWS) == 0 ? "kitchen"
                             : strcmp(row->destination, KS_REFUND_DESTINATION) == 0  ? "refunds"
                                                                                     : NULL;
        char root[KS_URL_MAX + 1];
        bool rooted = !row->path[0] || ks_backend_client_root(endpoints[i].url, root, sizeof root);
        if (row->path[0] && rooted)
            snprintf(url, sizeof url, "%s/%s", root, row->path);
        else if (beside)
            snprintf(url, sizeof url, "%s/%s/%s", endpoints[i].url, row->order_uuid, beside);
        enum ks_delivery_outcome o = KS_DELIVERY_MISCONFIGURED;
        if (rooted)
            o = post(d, &endpoints[i], row->path[0] || beside ? url : NULL, row->order_uuid,
                     row->payload, this_error, sizeof this_error);
        else
            snprintf(this_error, sizeof this_error,
                     "%s does not end in /orders: no API root for %s", endpoints[i].url, row->path);
        if (o == KS_DELIVERY_DELIVERED) {
            acked |= 1u << i;
        } else {
            if (combined == KS_DELIVERY_DELIVERED || worse(combined, o) != combined)
                memcpy(error, this_error, sizeof error);
            combined = worse(combined, o);
        }
    }
    bool all_acked = acked == (1u << n) - 1u;
    if (all_acked) {
        forget_partial(d, row->id);
        record(d, row, KS_DELIVERY_DELIVERED, "");
        return;
    }
    if (track_partial)
        remember_partial(d, row->id, acked);
    /* Stopping abandons the request under way: not a failure of the receiver. */
    if (!dev_worker_stopping(&d->worker))
        record(d, row, combined, error);
}

static enum ks_delivery_outcome zatca_delivery_outcome(enum ks_zatca_outcome outcome)
{
    switch (outcome) {
    case KS_ZATCA_REPORTED:
    case KS_ZATCA_REPORTED_WARNED:
    case KS_ZATCA_ALREADY_REPORTED:
        return KS_DELIVERY_DELIVERED;
    case KS_ZATCA_NOT_REPORTED:
        return KS_DELIVERY_REFUSED;
    case KS_ZATCA_MISCONFIGURED:
        return KS_DELIVERY_MISCONFIGURED;
    case KS_ZATCA_RETRY:
        break;
    }
    return KS_DELIVERY_RETRY;
}

/*
 * Marks an invoice's message after ZATCA's answer. Not in the delivered,
 * failed and dead counters, so that ZATCA's state never shows as the
 * kitchen's or the backend's link (the staff screen's).
 */
static void record_zatca(ks_delivery *d, const ks_outbox_row *row, enum ks_delivery_outcome outcome,
                         enum ks_zatca_outcome answer, const char *error)
{
    enum ks_db_error err;
    if (outcome == KS_DELIVERY_DELIVERED) {
        err = ks_outbox_mark_delivered(d->db, row->id, outbox_now(d));
    } else if (outcome == KS_DELIVERY_REFUSED) {
        /* ZATCA validated these bytes and refused them: sending them again cannot help. */
        LOG_ERROR("invoice of order %s not reported, set aside: %s", row->order_uuid, error);
        err = ks_outbox_mark_dead(d->db, row->id, error);
    } else {
        err = ks_outbox_mark_failed(d->db, row->id, outbox_now(d), error, next_random(d));
    }
    if (err != KS_DB_OK) {
        LOG_ERROR("recording the report of order %s failed: %s", row->order_uuid,
                  ks_db_strerror(err));
        return;
    }
    if (outcome == KS_DELIVERY_DELIVERED)
        count(d, &d->stats.zatca_reported);
    if (answer == KS_ZATCA_REPORTED_WARNED)
        count(d, &d->stats.zatca_warned);
}

/* Reports one invoice to ZATCA and records what the answer means for it. */
static void report_zatca(ks_delivery *d, const ks_outbox_row *row)
{
    struct endpoint *e = &d->zatca;
    char error[KS_ZATCA_MESSAGES_MAX + KS_URL_MAX + 64] = "";
    struct answer answer = {.text = d->zatca_answer, .cap = KS_ZATCA_ANSWER_MAX};
    long status = http_post(d, e, NULL, NULL, row->payload, &answer, error, sizeof error);
    if (status == 0 && dev_worker_stopping(&d->worker))
        return; /* abandoned by ks_delivery_stop: not a failure of ZATCA */
    ks_zatca_answer a;
    ks_zatca_answer_parse(status, answer.text, answer.len, &a);
    if (status != 0)
        snprintf(error, sizeof error, "%s: HTTP %ld, %s: %s", e->url, status,
                 ks_zatca_outcome_name(a.outcome), a.messages);
    enum ks_delivery_outcome outcome = zatca_delivery_outcome(a.outcome);
    bool was_misconfigured = e->misconfigured;
    note_link(e, outcome, error, "[zatca] reporting_url and credentials (kiosk-zatca-onboard)");
    /* Every refused attempt is logged: invoices pile up towards ZATCA's 24-hour deadline. */
    if (was_misconfigured && outcome == KS_DELIVERY_MISCONFIGURED)
        LOG_ERROR("%s; still refused", error);
    pthread_mutex_lock(&d->worker.lock);
    d->stats.zatca_misconfigured = outcome == KS_DELIVERY_MISCONFIGURED;
    pthread_mutex_unlock(&d->worker.lock);

    if (outcome == KS_DELIVERY_DELIVERED || outcome == KS_DELIVERY_REFUSED) {
        const ks_zatca_report r = {
            .outbox_id = row->id,
            .order_uuid = row->order_uuid,
            .outcome = ks_zatca_outcome_name(a.outcome),
            .http_status = status,
            .messages = a.messages,
            .at = outbox_now(d),
        };
        enum ks_db_error err = ks_zatca_report_record(d->db, &r);
        if (err != KS_DB_OK)
            LOG_ERROR("keeping ZATCA's answer for order %s failed: %s", row->order_uuid,
                      ks_db_strerror(err));
    }
    if (a.outcome == KS_ZATCA_REPORTED_WARNED)
        LOG_WARN("invoice of order %s reported with warnings (%d): %s", row->order_uuid, a.warnings,
                 a.messages);
    else if (a.outcome == KS_ZATCA_ALREADY_REPORTED)
        LOG_INFO("invoice of order %s was already reported; not sent again", row->order_uuid);
    record_zatca(d, row, outcome, a.outcome, error);
}

/* Counts the invoices refused and those past the deadline; logs the deadline's first miss. */
static void watch_zatca(ks_delivery *d)
{
    int64_t overdue = 0, refused = 0;
    enum ks_db_error err =
        ks_zatca_report_count_overdue(d->db, outbox_now(d), d->zatca_overdue_s, &overdue);
    if (err == KS_DB_OK)
        err = ks_zatca_report_count_refused(d->db, &refused);
    if (err != KS_DB_OK) {
        LOG_ERROR("counting unreported invoices failed: %s", ks_db_strerror(err));
        return;
    }
    pthread_mutex_lock(&d->worker.lock);
    int64_t before = d->stats.zatca_overdue;
    d->stats.zatca_overdue = overdue;
    d->stats.zatca_refused = refused;
    pthread_mutex_unlock(&d->worker.lock);
    if (overdue > before)
        LOG_ERROR("%lld invoices not reported to ZATCA after %lld hours (the limit is 24)",
                  (long long)overdue, (long long)(d->zatca_overdue_s / 3600));
}

/*
 * Delivers one batch of destination's due messages; true when the batch was
 * full, so more may be due (the caller comes back without sleeping, after
 * giving the other destination its turn).
 */
static bool deliver_due(ks_delivery *d, const char *destination, struct endpoint *endpoints,
                        size_t n, bool zatca)
{
    ks_outbox_row *rows = NULL;
    size_t got = 0;
    enum ks_db_error err =
        ks_outbox_fetch_due(d->db, destination, outbox_now(d), BATCH, &rows, &got);
    if (err != KS_DB_OK)
        LOG_ERROR("reading the outbox failed: %s", ks_db_strerror(err));
    for (size_t i = 0; i < got && !dev_worker_stopping(&d->worker); i++) {
        if (zatca)
            report_zatca(d, &rows[i]);
        else
            deliver(d, &rows[i], endpoints, n, n > 1);
    }
    ks_outbox_rows_free(rows, got);
    return err == KS_DB_OK && got == BATCH;
}

/* Real milliseconds until the next message is due (MAX_SLEEP_MS at most; 0: now). */
static int64_t sleep_ms(ks_delivery *d)
{
    int64_t wait = MAX_SLEEP_MS;
    const char *destinations[] = {"kitchen", "backend", KS_DELIVERY_KITCHEN_NEWS,
                                  KS_REFUND_DESTINATION, KS_ZATCA_DESTINATION};
    bool active[] = {d->n_kitchens > 0, d->has_backend, d->has_backend, d->has_backend,
                     d->has_zatca};
    for (size_t i = 0; i < sizeof active / sizeof active[0]; i++) {
        int64_t due = 0;
        if (!active[i] || ks_outbox_next_due(d->db, destinations[i], &due) != KS_DB_OK)
            continue;
        /* The first real millisecond at which outbox_now() reaches due. */
        int64_t due_ms = (due * 1000 + d->time_scale - 1) / d->time_scale;
        int64_t until = due_ms - real_ms();
        if (until < wait)
            wait = until < 0 ? 0 : until;
    }
    return wait;
}

static void *run(void *arg)
{
    ks_delivery *d = arg;
    while (!dev_worker_stopping(&d->worker)) {
        count(d, &d->stats.passes);
        bool more =
            d->n_kitchens > 0 && deliver_due(d, "kitchen", d->kitchens, d->n_kitchens, false);
        if (d->has_backend && !dev_worker_stopping(&d->worker))
            more = deliver_due(d, "backend", &d->backend, 1, false) || more;
        if (d->has_backend && !dev_worker_stopping(&d->worker))
            more = deliver_due(d, KS_DELIVERY_KITCHEN_NEWS, &d->backend, 1, false) || more;
        if (d->has_backend && !dev_worker_stopping(&d->worker))
            more = deliver_due(d, KS_REFUND_DESTINATION, &d->backend, 1, false) || more;
        if (d->has_zatca && !dev_worker_stopping(&d->worker)) {
            more = deliver_due(d, KS_ZATCA_DESTINATION, &d->zatca, 1, true) || more;
            watch_zatca(d);
        }
        /* with more due at once, a zero sleep only takes a pending wake */
        dev_worker_sleep(&d->worker, more ? 0 : (int)sleep_ms(d));
    }
    return NULL;
}

/* A bearer token of 1 to KS_CONFIG_TOKEN_MAX characters. */
static bool token_fits(const char *token)
{
    size_t len = token ? strlen(token) : 0;
    return len > 0 && len <= KS_CONFIG_TOKEN_MAX;
}

/* ZATCA's credentials: the CSID as Basic credentials, kept for zatca_header_list. */
static bool zatca_credentials(struct endpoint *e, const char *token, const char *secret)
{
    size_t tlen = strlen(token), slen = strlen(secret);
    if (tlen == 0 || tlen > KS_ZATCA_TOKEN_MAX || slen == 0 || slen > KS_ZATCA_SECRET_MAX) {
        LOG_ERROR("ZATCA reporting needs the CSID's token and secret");
        return false;
    }
    char pair[KS_ZATCA_TOKEN_MAX + KS_ZATCA_SECRET_MAX + 2];
    int pair_len = snprintf(pair, sizeof pair, "%s:%s", token, secret);
    char auth[sizeof "Authorization: Basic " + (sizeof pair + 2) / 3 * 4];
    int prefix = snprintf(auth, sizeof auth, "Authorization: Basic ");
    EVP_EncodeBlock((unsigned char *)auth + prefix, (const unsigned char *)pair, pair_len);
    e->zatca_auth = strdup(auth);
    OPENSSL_cleanse(pair, sizeof pair);
    OPENSSL_cleanse(auth, sizeof auth);
    return e->zatca_auth != NULL;
}

static bool open_zatca(ks_delivery *d, const ks_delivery_config *cfg)
{
    char url[KS_URL_MAX + sizeof ZATCA_REPORTING_PATH];
    size_t base = strlen(cfg->zatca_url);
    if (base > KS_URL_MAX) {
        LOG_ERROR("[zatca] reporting_url is too long");
        return false;
    }
    /* One slash between the base and the path, however the base ends. */
    if (base > 0 && cfg->zatca_url[base - 1] == '/')
        base--;
    snprintf(url, sizeof url, "%.*s%s", (int)base, cfg->zatca_url, ZATCA_REPORTING_PATH);
    int hours =
        cfg->zatca_overdue_hours > 0 ? cfg->zatca_overdue_hours : ZATCA_DEFAULT_OVERDUE_HOURS;
    d->zatca_overdue_s = (int64_t)hours * 3600;
    return open_endpoint(&d->zatca, url, NULL) &&
           zatca_credentials(&d->zatca, cfg->zatca_token ? cfg->zatca_token : "",
                             cfg->zatca_secret ? cfg->zatca_secret : "");
}

static void free_worker(ks_delivery *d)
{
    for (size_t i = 0; i < KS_CONFIG_MAX_KITCHENS; i++)
        curl_easy_cleanup(d->kitchens[i].curl);
    curl_easy_cleanup(d->backend.curl);
    curl_easy_cleanup(d->zatca.curl);
    curl_slist_free_all(d->zatca.headers);
    if (d->zatca.zatca_auth)
        OPENSSL_cleanse(d->zatca.zatca_auth, strlen(d->zatca.zatca_auth));
    free(d->zatca.zatca_auth);
    ks_db_close(d->db);
    free(d);
}

ks_delivery *ks_delivery_start(const ks_delivery_config *cfg)
{
    ks_delivery *d = calloc(1, sizeof *d);
    if (!d)
        goto error;
    d->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : DEFAULT_TIMEOUT_MS;
    snprintf(d->ca_file, sizeof d->ca_file, "%s", cfg->ca_file ? cfg->ca_file : "");
    d->dead_after = cfg->dead_after > 0 ? cfg->dead_after : KS_DELIVERY_DEAD_AFTER;
    d->time_scale = cfg->time_scale > 0 ? cfg->time_scale : 1;
    bool has_backend = cfg->backend_url && cfg->backend_url[0];
    if (cfg->n_kitchen_urls > KS_CONFIG_MAX_KITCHENS) {
        LOG_ERROR("at most %d kitchen displays", KS_CONFIG_MAX_KITCHENS);
        goto error;
    }
    const char *backend_token = cfg->backend_token ? cfg->backend_token : cfg->token;
    if ((cfg->n_kitchen_urls > 0 && !token_fits(cfg->token)) ||
        (has_backend && !token_fits(backend_token))) {
        LOG_ERROR("a kiosk token of 1 to %d characters is needed to deliver orders (for the "
                  "kitchen displays: [network] token)",
                  KS_CONFIG_TOKEN_MAX);
        goto error;
    }
    if (getrandom(&d->random, sizeof d->random, 0) != (ssize_t)sizeof d->random || d->random == 0)
        d->random = (uint32_t)real_ms() | 1u;

    for (size_t i = 0; i < cfg->n_kitchen_urls; i++)
        if (!open_endpoint(&d->kitchens[i], cfg->kitchen_urls[i], cfg->token))
            goto error;
    d->n_kitchens = cfg->n_kitchen_urls;
    if (has_backend && !open_endpoint(&d->backend, cfg->backend_url, backend_token))
        goto error;
    d->has_backend = has_backend;
    bool has_zatca = cfg->zatca_url && cfg->zatca_url[0];
    if (has_zatca && !open_zatca(d, cfg))
        goto error;
    d->has_zatca = has_zatca;

    enum ks_db_error db_err = KS_DB_OK;
    d->db = ks_zatca_report_store_open(cfg->db_path, &db_err);
    if (!d->db) {
        LOG_ERROR("delivery cannot open %s: %s", cfg->db_path ? cfg->db_path : "(none)",
                  ks_db_strerror(db_err));
        goto error;
    }
    if (!dev_worker_start(&d->worker, run, d)) {
        LOG_ERROR("cannot start the delivery thread");
        goto error;
    }
    d->started = true;
    return d;

error:
    if (d)
        free_worker(d);
    return NULL;
}

ks_delivery *ks_delivery_start_for(const ks_config *cfg)
{
    const char *urls[KS_CONFIG_MAX_KITCHENS];
    for (int i = 0; i < cfg->n_kitchen_urls; i++)
        urls[i] = cfg->kitchen_urls[i];
    const ks_delivery_config dc = {
        .db_path = cfg->database,
        .kitchen_urls = urls,
        .n_kitchen_urls = (size_t)cfg->n_kitchen_urls,
        .backend_url = cfg->backend_url,
        .token = ks_config_peer_token(cfg),
        .backend_token = ks_config_backend_token(cfg),
        .ca_file = cfg->ca_certificate,
        .timeout_ms = cfg->delivery_timeout_s * 1000,
    };
    if (!cfg->zatca_url[0])
        return ks_delivery_start(&dc);
    ks_zatca_csid *csid = malloc(sizeof *csid);
    if (!csid || !ks_zatca_credentials_load(cfg->zatca_credentials, csid)) {
        free(csid);
        return NULL;
    }
    ks_delivery_config with_zatca = dc;
    with_zatca.zatca_url = cfg->zatca_url;
    with_zatca.zatca_token = csid->token;
    with_zatca.zatca_secret = csid->secret;
    with_zatca.zatca_overdue_hours = cfg->zatca_overdue_hours;
    ks_delivery *d = ks_delivery_start(&with_zatca);
    memset(csid, 0, sizeof *csid);
    free(csid);
    return d;
}

void ks_delivery_wake(ks_delivery *d)
{
    if (!d)
        return;
    dev_worker_wake(&d->worker);
}

void ks_delivery_get_stats(ks_delivery *d, ks_delivery_stats *out)
{
    pthread_mutex_lock(&d->worker.lock);
    *out = d->stats;
    pthread_mutex_unlock(&d->worker.lock);
}

void ks_delivery_stop(ks_delivery *d)
{
    if (!d)
        return;
    if (d->started)
        dev_worker_stop(&d->worker);
    free_worker(d);
}
