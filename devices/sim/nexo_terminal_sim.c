/* A simulated nexo payment terminal over HTTPS: see nexo_terminal_sim.h. */
#include "devices/sim/nexo_terminal_sim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/common/buffer.h"
#include "devices/payment/nexo_crypto.h"

#define PATH "/nexo"
#define MAX_TXNS 256 /* journal entries kept; the oldest are forgotten */
#define MAX_SCRIPT 64
#define IDLE_TIMEOUT_S 30 /* MHD closes connections idle this long */

static const char *const outcome_names[DEV_NEXO_SIM_OUTCOME_COUNT] = {
    [DEV_NEXO_SIM_APPROVE] = "approve", [DEV_NEXO_SIM_DECLINE] = "decline",
    [DEV_NEXO_SIM_CANCEL] = "cancel",   [DEV_NEXO_SIM_BUSY] = "busy",
    [DEV_NEXO_SIM_TIMEOUT] = "timeout", [DEV_NEXO_SIM_DROP] = "drop",
    [DEV_NEXO_SIM_LOST] = "lost",
};

const char *dev_nexo_sim_outcome_name(enum dev_nexo_sim_outcome outcome)
{
    return (unsigned)outcome < DEV_NEXO_SIM_OUTCOME_COUNT ? outcome_names[outcome] : "?";
}

bool dev_nexo_sim_outcome_parse(const char *name, enum dev_nexo_sim_outcome *out)
{
    for (int i = 0; name && i < DEV_NEXO_SIM_OUTCOME_COUNT; i++) {
        if (strcmp(name, outcome_names[i]) == 0) {
            *out = (enum dev_nexo_sim_outcome)i;
            return true;
        }
    }
    return false;
}

/* One payment in the terminal's journal. */
struct txn {
    bool used;
    dev_nexo_header request_header; /* the payment request's: SaleID, ServiceID */
    dev_nexo_txn_ref sale_txn;
    int64_t amount;
    enum dev_nexo_sim_outcome script;
    int64_t settle_at_ms; /* monotonic; when the customer is done */
    bool settled;
    bool aborted;
    bool reversed;
    bool refund;               /* money given back to the card of `original`, not a charge */
    dev_nexo_txn_ref original; /* a refund's charge (its POITransactionID) */
    dev_nexo_payment answer;   /* the PaymentResponse, once settled */
};

struct dev_nexo_sim {
    struct MHD_Daemon *daemon;
    unsigned port;
    dev_nexo_key key; /* secret; wiped in stop */
    char poi_id[DEV_NEXO_ID_MAX + 1];
    char currency[4];
    int exponent;
    enum dev_nexo_sim_outcome default_outcome;
    long card_delay_ms, hold_ms;
    FILE *journal; /* owned, may be NULL */

    pthread_mutex_t lock;   /* guards everything below */
    pthread_cond_t changed; /* a payment settled, a deadline moved, or stopping */
    pthread_t clock;
    bool clock_started;
    bool stopping;
    struct txn txns[MAX_TXNS];
    size_t next_txn;
    uint64_t poi_counter;
    enum dev_nexo_sim_outcome script[MAX_SCRIPT];
    size_t script_len;
    unsigned requests[4];
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void deadline_after(struct timespec *ts, int64_t ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000;
    if (ts->tv_nsec >= 1000000000) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000;
    }
}

static void iso_now(char *out, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Appends one settlement to the journal file (lock held). */
static void journal_write(dev_nexo_sim *sim, const char *event, const struct txn *t)
{
    if (!sim->journal)
        return;
    json_t *line = json_pack("{s:s,s:s,s:I,s:s}", "event", event, "sale_txn_id", t->sale_txn.id,
                             "amount", (json_int_t)t->amount, "poi_txn_id", t->answer.poi_txn.id);
    if (line && json_dumpf(line, sim->journal, JSON_COMPACT) == 0)
        fputc('\n', sim->journal);
    fflush(sim->journal);
    json_decref(line);
}

/* Settles a waiting payment as its script says (lock held). */
static void settle(dev_nexo_sim *sim, struct txn *t)
{
    dev_nexo_payment *a = &t->answer;
    memset(a, 0, sizeof *a);
    a->sale_txn = t->sale_txn;
    snprintf(a->poi_txn.id, sizeof a->poi_txn.id, "SIM%06llu.%.40s",
             (unsigned long long)++sim->poi_counter, sim->poi_id);
    iso_now(a->poi_txn.timestamp, sizeof a->poi_txn.timestamp);
    const char *event = "cancel";
    a->status.result = DEV_NEXO_FAILURE;
    if (t->aborted) {
        a->status.condition = DEV_NEXO_COND_ABORTED;
        event = "abort";
    } else if (t->script == DEV_NEXO_SIM_DECLINE) {
        a->status.condition = DEV_NEXO_COND_REFUSAL;
        snprintf(a->status.message, sizeof a->status.message, "Not enough balance");
        event = "decline";
    } else if (t->script == DEV_NEXO_SIM_CANCEL || t->script == DEV_NEXO_SIM_TIMEOUT) {
        a->status.condition = DEV_NEXO_COND_CANCEL;
    } else {
        a->status.result = DEV_NEXO_SUCCESS;
        snprintf(a->masked_pan, sizeof a->masked_pan, "484783******%04llu",
                 (unsigned long long)(sim->poi_counter % 10000));
        snprintf(a->brand, sizeof a->brand, "mada");
        snprintf(a->approval_code, sizeof a->approval_code, "%06llu",
                 (unsigned long long)(100000 + sim->poi_counter));
        a->has_authorized = true;
        a->authorized = t->amount;
        a->refund = t->refund;
        event = t->refund ? "refund" : "charge";
    }
    t->settled = true;
    journal_write(sim, event, t);
    pthread_cond_broadcast(&sim->changed);
}

/* The customers: settles payments whose time has come, until stopped. */
static void *clock_main(void *ctx)
{
    dev_nexo_sim *sim = ctx;
    pthread_mutex_lock(&sim->lock);
    while (!sim->stopping) {
        int64_t now = now_ms(), next = now + 1000;
        for (size_t i = 0; i < MAX_TXNS; i++) {
            struct txn *t = &sim->txns[i];
            if (!t->used || t->settled)
                continue;
            if (t->settle_at_ms <= now)
                settle(sim, t);
            else if (t->settle_at_ms < next)
                next = t->settle_at_ms;
        }
        struct timespec ts;
        deadline_after(&ts, next - now);
        pthread_cond_timedwait(&sim->changed, &sim->lock, &ts);
    }
    pthread_mutex_unlock(&sim->lock);
    return NULL;
}

static struct txn *waiting_txn(dev_nexo_sim *sim)
{
    for (size_t i = 0; i < MAX_TXNS; i++)
        if (sim->txns[i].used && !sim->txns[i].settled)
            return &sim->txns[i];
    return NULL;
}

/* The payment a MessageReference names, or the latest one when ref is absent. */
static struct txn *find_payment(dev_nexo_sim *sim, const dev_nexo_message_ref *ref)
{
    for (size_t n = 1; n <= MAX_TXNS; n++) {
        struct txn *t = &sim->txns[(sim->next_txn + MAX_TXNS - n) % MAX_TXNS];
        if (!t->used)
            continue;
        if (!ref->present)
            return t;
        if (strcmp(t->request_header.service_id, ref->service_id) == 0 &&
            strcmp(t->request_header.sale_id, ref->sale_id) == 0)
            return t;
    }
    return NULL;
}

/* ---- Answers -------------------------------------------------------------------------- */

/* What a request handler produces: a sealed answer, an empty 200, or a dropped connection. */
struct answer {
    enum { ANSWER_SEALED, ANSWER_EMPTY, ANSWER_HANG_UP, ANSWER_HTTP_ERROR } kind;
    dev_nexo_response resp;
    unsigned http_status;
};

static void answer_failure(struct answer *a, const dev_nexo_request *req,
                           enum dev_nexo_condition condition)
{
    a->kind = ANSWER_SEALED;
    a->resp.header = req->header;
    a->resp.status.result = DEV_NEXO_FAILURE;
    a->resp.status.condition = condition;
    a->resp.payment.status = a->resp.status;
}

/* Waits, lock held, until t settles or the simulator stops; true when settled. */
static bool wait_settled(dev_nexo_sim *sim, const struct txn *t)
{
    while (!t->settled && !sim->stopping)
        pthread_cond_wait(&sim->changed, &sim->lock);
    return t->settled;
}

/* The approved charge whose POITransactionID is poi_txn_id (lock held), or NULL. */
static struct txn *find_charge(dev_nexo_sim *sim, const char *poi_txn_id)
{
    for (size_t i = 0; i < MAX_TXNS; i++) {
        struct txn *t = &sim->txns[i];
        if (t->used && t->settled && !t->refund && t->answer.status.result == DEV_NEXO_SUCCESS &&
            strcmp(t->answer.poi_txn.id, poi_txn_id) == 0)
            return t;
    }
    return NULL;
}

/* What is given back of a charge (lock held): reversed whole, or its refunds, settled or not. */
static int64_t given_back(dev_nexo_sim *sim, const struct txn *charge)
{
    if (charge->reversed)
        return charge->amount;
    int64_t sum = 0;
    for (size_t i = 0; i < MAX_TXNS; i++) {
        const struct txn *t = &sim->txns[i];
        if (t->used && t->refund && strcmp(t->original.id, charge->answer.poi_txn.id) == 0 &&
            (!t->settled || t->answer.status.result == DEV_NEXO_SUCCESS))
            sum += t->amount;
    }
    return sum;
}

static void handle_payment(dev_nexo_sim *sim, const dev_nexo_request *req, struct answer *a)
{
    if (strcmp(req->currency, sim->currency) != 0) {
        answer_failure(a, req, DEV_NEXO_COND_NOT_ALLOWED);
        return;
    }
    if (req->refund) { /* never more back than the charge took */
        struct txn *charge = find_charge(sim, req->original.id);
        if (!charge || given_back(sim, charge) + req->amount > charge->amount) {
            answer_failure(a, req, charge ? DEV_NEXO_COND_NOT_ALLOWED : DEV_NEXO_COND_NOT_FOUND);
            return;
        }
    }
    enum dev_nexo_sim_outcome script = sim->default_outcome;
    if (waiting_txn(sim)) {
        answer_failure(a, req, DEV_NEXO_COND_BUSY);
        return;
    }
    if (sim->script_len > 0) {
        script = sim->script[0];
        memmove(sim->script, sim->script + 1, --sim->script_len * sizeof sim->script[0]);
    }
    if (script == DEV_NEXO_SIM_BUSY) {
        answer_failure(a, req, DEV_NEXO_COND_BUSY);
        return;
    }
    struct txn *t = &sim->txns[sim->next_txn];
    sim->next_txn = (sim->next_txn + 1) % MAX_TXNS;
    *t = (struct txn){
        .used = true,
        .request_header = req->header,
        .sale_txn = req->sale_txn,
        .amount = req->amount,
        .refund = req->refund,
        .original = req->original,
        .script = script,
        .settle_at_ms =
            now_ms() + (script == DEV_NEXO_SIM_TIMEOUT ? sim->hold_ms : sim->card_delay_ms),
    };
    journal_write(sim, "request", t);
    pthread_cond_broadcast(&sim->changed); /* the clock has a new deadline */
    if (script == DEV_NEXO_SIM_DROP) {
        a->kind = ANSWER_HANG_UP;
        return;
    }
    if (!wait_settled(sim, t) || script == DEV_NEXO_SIM_LOST) {
        a->kind = ANSWER_HANG_UP;
        return;
    }
    a->kind = ANSWER_SEALED;
    a->resp.header = req->header;
    a->resp.payment = t->answer;
    a->resp.status = t->answer.status;
}

static void handle_abort(dev_nexo_sim *sim, const dev_nexo_request *req, struct answer *a)
{
    struct txn *t = find_payment(sim, &req->ref);
    if (t && !t->settled) {
        t->aborted = true;
        settle(sim, t);
    }
    a->kind = ANSWER_EMPTY; /* as Adyen terminals answer an abort */
}

static void handle_status(dev_nexo_sim *sim, const dev_nexo_request *req, struct answer *a)
{
    struct txn *t = find_payment(sim, &req->ref);
    if (!t || !t->settled) {
        answer_failure(a, req, t ? DEV_NEXO_COND_IN_PROGRESS : DEV_NEXO_COND_NOT_FOUND);
        a->resp.payment = (dev_nexo_payment){0};
        a->resp.ref = req->ref;
        return;
    }
    a->kind = ANSWER_SEALED;
    a->resp.header = req->header;
    a->resp.status.result = DEV_NEXO_SUCCESS;
    a->resp.ref = req->ref;
    a->resp.has_repeated = true;
    a->resp.repeated_header = t->request_header;
    a->resp.payment = t->answer;
}

static void handle_reversal(dev_nexo_sim *sim, const dev_nexo_request *req, struct answer *a)
{
    struct txn *t = NULL;
    for (size_t i = 0; i < MAX_TXNS && !t; i++)
        if (sim->txns[i].used && sim->txns[i].settled &&
            strcmp(sim->txns[i].answer.poi_txn.id, req->original.id) == 0)
            t = &sim->txns[i];
    /* A refund is not reversed here, nor a charge that refunds gave back part of. */
    if (!t || t->answer.status.result != DEV_NEXO_SUCCESS || t->refund ||
        (!t->reversed && given_back(sim, t) > 0)) {
        answer_failure(a, req, t ? DEV_NEXO_COND_NOT_ALLOWED : DEV_NEXO_COND_NOT_FOUND);
        a->resp.payment = (dev_nexo_payment){0};
        return;
    }
    if (!t->reversed) {
        t->reversed = true;
        journal_write(sim, "reverse", t);
    }
    a->kind = ANSWER_SEALED;
    a->resp.header = req->header;
    a->resp.status.result = DEV_NEXO_SUCCESS;
    snprintf(a->resp.reversal_poi_txn.id, sizeof a->resp.reversal_poi_txn.id, "REV%06llu.%.40s",
             (unsigned long long)++sim->poi_counter, sim->poi_id);
    iso_now(a->resp.reversal_poi_txn.timestamp, sizeof a->resp.reversal_poi_txn.timestamp);
    a->resp.has_reversed = true;
    a->resp.reversed = t->amount;
}

/* Opens, decodes and answers one request body. */
static void answer_body(dev_nexo_sim *sim, const dev_buffer *body, struct answer *a)
{
    char *plain = NULL;
    size_t plain_len = 0;
    a->kind = ANSWER_HTTP_ERROR;
    a->http_status = MHD_HTTP_BAD_REQUEST;
    if (dev_nexo_open(&sim->key, "SaleToPOIRequest", (const char *)body->data, body->len, &plain,
                      &plain_len) != DEV_NEXO_CRYPTO_OK) {
        a->http_status = MHD_HTTP_UNAUTHORIZED;
        return;
    }
    dev_nexo_request req;
    bool ok = dev_nexo_decode_request(plain, plain_len, sim->exponent, &req, NULL);
    free(plain);
    if (!ok || strcmp(req.header.poi_id, sim->poi_id) != 0)
        return;
    pthread_mutex_lock(&sim->lock);
    sim->requests[req.header.category]++;
    switch (req.header.category) {
    case DEV_NEXO_PAYMENT:
        handle_payment(sim, &req, a);
        break;
    case DEV_NEXO_ABORT:
        handle_abort(sim, &req, a);
        break;
    case DEV_NEXO_TRANSACTION_STATUS:
        handle_status(sim, &req, a);
        break;
    case DEV_NEXO_REVERSAL:
        handle_reversal(sim, &req, a);
        break;
    }
    pthread_mutex_unlock(&sim->lock);
}

/* Queues the HTTP answer; MHD_NO hangs up without one. */
static enum MHD_Result send_answer(dev_nexo_sim *sim, struct MHD_Connection *conn,
                                   const struct answer *a)
{
    char *plain = NULL, *sealed = NULL;
    size_t plain_len = 0, sealed_len = 0;
    unsigned status = MHD_HTTP_OK;
    switch (a->kind) {
    case ANSWER_HANG_UP:
        return MHD_NO;
    case ANSWER_HTTP_ERROR:
        status = a->http_status;
        break;
    case ANSWER_EMPTY:
        break;
    case ANSWER_SEALED:
        if (!dev_nexo_encode_response(&a->resp, sim->exponent, &plain, &plain_len) ||
            dev_nexo_seal(&sim->key, plain, plain_len, NULL, &sealed, &sealed_len) !=
                DEV_NEXO_CRYPTO_OK)
            status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        free(plain);
        break;
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        sealed ? sealed_len : 0, sealed ? sealed : (void *)"", MHD_RESPMEM_MUST_COPY);
    free(sealed);
    if (!resp)
        return MHD_NO;
    if (sealed_len)
        MHD_add_response_header(resp, "Content-Type", "application/json");
    enum MHD_Result r = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return r;
}

static enum MHD_Result reply_status(struct MHD_Connection *conn, unsigned status)
{
    struct answer a = {.kind = ANSWER_HTTP_ERROR, .http_status = status};
    return send_answer(NULL, conn, &a);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_ctx)
{
    dev_nexo_sim *sim = cls;
    dev_buffer *body = *req_ctx;
    if (!body) {
        body = malloc(sizeof *body);
        if (!body)
            return MHD_NO;
        dev_buffer_init(body, DEV_NEXO_MAX_ENVELOPE);
        *req_ctx = body;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        /* Past the limit, the body is marked spoilt by its length and refused at the end. */
        if (!dev_buffer_append(body, upload_data, *upload_data_size))
            body->len = body->max;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (strcmp(method, "POST") != 0)
        return reply_status(conn, MHD_HTTP_METHOD_NOT_ALLOWED);
    if (strcmp(url, PATH) != 0)
        return reply_status(conn, MHD_HTTP_NOT_FOUND);
    if (body->len == body->max)
        return reply_status(conn, MHD_HTTP_CONTENT_TOO_LARGE);
    struct answer a;
    memset(&a, 0, sizeof a);
    answer_body(sim, body, &a);
    return send_answer(sim, conn, &a);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_ctx,
                         enum MHD_RequestTerminationCode code)
{
    dev_buffer *body = *req_ctx;
    if (body) {
        dev_buffer_free(body);
        free(body);
        *req_ctx = NULL;
    }
}

/* ---- Life cycle ----------------------------------------------------------------------- */

static bool config_ok(const dev_nexo_sim_config *c)
{
    return c->host && c->cert_pem && c->key_pem && c->poi_id && c->poi_id[0] &&
           strlen(c->poi_id) <= DEV_NEXO_ID_MAX && c->currency && strlen(c->currency) == 3 &&
           c->exponent >= 0 && c->exponent <= 4 && c->card_delay_ms >= 0 && c->hold_ms >= 0 &&
           (unsigned)c->default_outcome < DEV_NEXO_SIM_OUTCOME_COUNT && c->port <= 65535;
}

dev_nexo_sim *dev_nexo_sim_start(const dev_nexo_sim_config *config, char *why, size_t cap)
{
    char ignored[8];
    if (!why || !cap) {
        why = ignored;
        cap = sizeof ignored;
    }
    dev_nexo_sim *sim = calloc(1, sizeof *sim);
    if (!sim) {
        snprintf(why, cap, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&sim->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&sim->changed, &attr);
    pthread_condattr_destroy(&attr);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)config->port)};
    if (!config_ok(config) || inet_pton(AF_INET, config->host, &addr.sin_addr) != 1) {
        snprintf(why, cap, "bad configuration (host must be an IPv4 address)");
        goto error;
    }
    snprintf(sim->poi_id, sizeof sim->poi_id, "%s", config->poi_id);
    snprintf(sim->currency, sizeof sim->currency, "%s", config->currency);
    sim->exponent = config->exponent;
    sim->default_outcome = config->default_outcome;
    sim->card_delay_ms = config->card_delay_ms;
    sim->hold_ms = config->hold_ms;
    if (!config->passphrase ||
        !dev_nexo_key_derive(&sim->key, config->key_id, config->key_version, config->passphrase,
                             strlen(config->passphrase))) {
        snprintf(why, cap, "bad key identifier or passphrase");
        goto error;
    }
    if (config->journal_path && !(sim->journal = fopen(config->journal_path, "a"))) {
        snprintf(why, cap, "cannot open the journal file: %s", strerror(errno));
        goto error;
    }
    if (pthread_create(&sim->clock, NULL, clock_main, sim) != 0) {
        snprintf(why, cap, "cannot start a thread");
        goto error;
    }
    sim->clock_started = true;
    sim->daemon = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS, 0, NULL,
        NULL, on_request, sim, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_HTTPS_MEM_CERT, config->cert_pem, MHD_OPTION_HTTPS_MEM_KEY, config->key_pem,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, sim, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)IDLE_TIMEOUT_S, MHD_OPTION_END);
    if (!sim->daemon) {
        snprintf(why, cap, "cannot serve HTTPS on %s:%u (address in use, or a bad certificate)",
                 config->host, config->port);
        goto error;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(sim->daemon, MHD_DAEMON_INFO_BIND_PORT);
    sim->port = info ? info->port : config->port;
    return sim;
error:
    dev_nexo_sim_stop(sim);
    return NULL;
}

void dev_nexo_sim_stop(dev_nexo_sim *sim)
{
    if (!sim)
        return;
    pthread_mutex_lock(&sim->lock);
    sim->stopping = true;
    pthread_cond_broadcast(&sim->changed);
    pthread_mutex_unlock(&sim->lock);
    if (sim->daemon)
        MHD_stop_daemon(sim->daemon);
    if (sim->clock_started)
        pthread_join(sim->clock, NULL);
    pthread_cond_destroy(&sim->changed);
    pthread_mutex_destroy(&sim->lock);
    if (sim->journal)
        fclose(sim->journal);
    dev_nexo_key_wipe(&sim->key);
    free(sim);
}

unsigned dev_nexo_sim_port(const dev_nexo_sim *sim)
{
    return sim->port;
}

bool dev_nexo_sim_script(dev_nexo_sim *sim, enum dev_nexo_sim_outcome outcome)
{
    pthread_mutex_lock(&sim->lock);
    bool ok = sim->script_len < MAX_SCRIPT && (unsigned)outcome < DEV_NEXO_SIM_OUTCOME_COUNT;
    if (ok)
        sim->script[sim->script_len++] = outcome;
    pthread_mutex_unlock(&sim->lock);
    return ok;
}

enum counted { COUNT_CHARGES, COUNT_REVERSALS, COUNT_REFUNDS };

static unsigned count(dev_nexo_sim *sim, const char *sale_txn_id, enum counted what)
{
    unsigned n = 0;
    pthread_mutex_lock(&sim->lock);
    for (size_t i = 0; i < MAX_TXNS; i++) {
        const struct txn *t = &sim->txns[i];
        if (t->used && t->settled && t->answer.status.result == DEV_NEXO_SUCCESS &&
            strcmp(t->sale_txn.id, sale_txn_id) == 0 && t->refund == (what == COUNT_REFUNDS) &&
            (what != COUNT_REVERSALS || t->reversed))
            n++;
    }
    pthread_mutex_unlock(&sim->lock);
    return n;
}

unsigned dev_nexo_sim_charges(dev_nexo_sim *sim, const char *sale_txn_id)
{
    return count(sim, sale_txn_id, COUNT_CHARGES);
}

unsigned dev_nexo_sim_reversals(dev_nexo_sim *sim, const char *sale_txn_id)
{
    return count(sim, sale_txn_id, COUNT_REVERSALS);
}

unsigned dev_nexo_sim_refunds(dev_nexo_sim *sim, const char *sale_txn_id)
{
    return count(sim, sale_txn_id, COUNT_REFUNDS);
}

unsigned dev_nexo_sim_requests(dev_nexo_sim *sim, enum dev_nexo_category category)
{
    pthread_mutex_lock(&sim->lock);
    unsigned n = (unsigned)category < 4 ? sim->requests[category] : 0;
    pthread_mutex_unlock(&sim->lock);
    return n;
}

bool dev_nexo_sim_wait_idle(dev_nexo_sim *sim, long timeout_ms)
{
    struct timespec until;
    deadline_after(&until, timeout_ms);
    pthread_mutex_lock(&sim->lock);
    int rc = 0;
    while (waiting_txn(sim) && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&sim->changed, &sim->lock, &until);
    bool idle = !waiting_txn(sim);
    pthread_mutex_unlock(&sim->lock);
    return idle;
}
