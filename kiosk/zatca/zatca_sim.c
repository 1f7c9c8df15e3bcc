/* zatca-sim: see kiosk/zatca/zatca_sim.h and kiosk/docs/zatca.md. */
#define LOG_TAG "zatca-sim"
#include "kiosk/zatca/zatca_sim.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "kiosk/common/log.h"
#include "kiosk/http/http_answer.h"
#include "kiosk/http/http_server.h"
#include "kiosk/zatca/sim_csid.h"
#include "kiosk/zatca/sim_invoice_check.h"

#define DEFAULT_HOLD_MS 60000
#define DEFAULT_OTP "123456"
#define WORKERS 4

static const char *const outcome_names[] = {
    [KS_ZATCA_SIM_REPORTED] = "reported",
    [KS_ZATCA_SIM_WARNINGS] = "warnings",
    [KS_ZATCA_SIM_ERRORS] = "errors",
    [KS_ZATCA_SIM_ALREADY] = "already",
    [KS_ZATCA_SIM_UNAUTHORIZED] = "unauthorized",
    [KS_ZATCA_SIM_BUSY] = "busy",
    [KS_ZATCA_SIM_FAILING] = "failing",
    [KS_ZATCA_SIM_DOWN] = "down",
    [KS_ZATCA_SIM_TIMEOUT] = "timeout",
    [KS_ZATCA_SIM_LOST] = "lost",
};

bool ks_zatca_sim_outcome_parse(const char *text, enum ks_zatca_sim_outcome *out)
{
    for (size_t i = 0; i < sizeof outcome_names / sizeof outcome_names[0]; i++)
        if (strcmp(text, outcome_names[i]) == 0) {
            *out = (enum ks_zatca_sim_outcome)i;
            return true;
        }
    return false;
}

/* One invoice uuid seen. */
struct seen {
    char uuid[37];
    ks_zatca_sim_invoice_stats stats;
};

struct ks_zatca_sim {
    ks_http_server *http; /* owned */
    pthread_mutex_t lock; /* guards everything below */
    pthread_cond_t stopping;
    bool stop;
    enum ks_zatca_sim_outcome script[KS_ZATCA_SIM_SCRIPT_MAX];
    size_t script_len, script_next;
    enum ks_zatca_sim_outcome outcome;
    int hold_ms;
    char otp[64];
    char production_auth[KS_ZATCA_SIM_AUTH_MAX]; /* "Basic ..." accepted; "" for none */
    ks_zatca_sim_csids csids;                    /* issued by /compliance and /production */
    FILE *journal;                               /* owned; NULL: none */
    struct seen *seen;                           /* owned, n_seen of cap */
    size_t n_seen, cap_seen;
    uint64_t requests, accepted;
};

static struct seen *find_seen(ks_zatca_sim *sim, const char *uuid, bool add)
{
    for (size_t i = 0; i < sim->n_seen; i++)
        if (strcasecmp(sim->seen[i].uuid, uuid) == 0)
            return &sim->seen[i];
    if (!add)
        return NULL;
    if (sim->n_seen == sim->cap_seen) {
        size_t cap = sim->cap_seen ? sim->cap_seen * 2 : 64;
        struct seen *grown = realloc(sim->seen, cap * sizeof *grown);
        if (!grown)
            return NULL;
        sim->seen = grown;
        sim->cap_seen = cap;
    }
    struct seen *s = &sim->seen[sim->n_seen++];
    memset(s, 0, sizeof *s);
    snprintf(s->uuid, sizeof s->uuid, "%s", uuid);
    return s;
}

/* Appends one event to the journal (under lock). */
static void journal(ks_zatca_sim *sim, const char *path, int status, const char *uuid,
                    const char *note)
{
    if (!sim->journal)
        return;
    json_t *j = json_pack("{s:s, s:i, s:s, s:s}", "path", path, "status", status, "uuid",
                          uuid ? uuid : "", "note", note ? note : "");
    char *line = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (line) {
        fprintf(sim->journal, "%s\n", line);
        fflush(sim->journal);
    }
    free(line);
    json_decref(j);
}

/* A validationResults answer with one message of type (INFO, WARNING or ERROR). */
static char *validation_body(const char *type, const char *code, const char *message,
                             const char *reporting)
{
    json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", type, "code", code, "category",
                          strcmp(type, "INFO") == 0 ? "XSD validation" : "KSA", "message", message,
                          "status", strcmp(type, "INFO") == 0 ? "PASS" : type);
    bool info = strcmp(type, "INFO") == 0, warning = strcmp(type, "WARNING") == 0;
    json_t *results =
        json_pack("{s:[o?], s:[o?], s:[o?], s:s}", "infoMessages", info ? json_incref(m) : NULL,
                  "warningMessages", warning ? json_incref(m) : NULL, "errorMessages",
                  !info && !warning ? json_incref(m) : NULL, "status",
                  info      ? "PASS"
                  : warning ? "WARNING"
                            : "ERROR");
    json_t *root = results ? json_pack("{s:o, s:s}", "validationResults", results,
                                       "reportingStatus", reporting)
                           : NULL;
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    json_decref(m);
    return text;
}

static char *plain_body(int status, const char *code, const char *message)
{
    json_t *j = json_pack("{s:i, s:s, s:s}", "status", status, "code", code, "message", message);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return text;
}

static void answer(ks_http_response *resp, int status, char *body)
{
    resp->status = body ? status : 503;
    resp->body = body;
    resp->body_len = body ? strlen(body) : 0;
    resp->content_type = "application/json";
}

static enum ks_zatca_sim_outcome next_outcome(ks_zatca_sim *sim)
{
    if (sim->script_next < sim->script_len)
        return sim->script[sim->script_next++];
    return sim->outcome;
}

/* Waits hold_ms or until the simulator stops (under lock). */
static void hold(ks_zatca_sim *sim)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += sim->hold_ms / 1000;
    until.tv_nsec += (long)(sim->hold_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (!sim->stop && pthread_cond_timedwait(&sim->stopping, &sim->lock, &until) == 0) {
    }
}

/* A reporting (or compliance check) request, after its credentials passed; under lock. */
static void report(ks_zatca_sim *sim, const ks_http_request *req, bool compliance,
                   ks_http_response *resp)
{
    enum ks_zatca_sim_outcome outcome = compliance ? KS_ZATCA_SIM_REPORTED : next_outcome(sim);
    switch (outcome) {
    case KS_ZATCA_SIM_UNAUTHORIZED:
        answer(resp, 401, plain_body(401, "Unauthorized", "Unauthorized"));
        return;
    case KS_ZATCA_SIM_BUSY:
        answer(resp, 429, plain_body(429, "Too-Many-Requests", "Too many requests"));
        return;
    case KS_ZATCA_SIM_FAILING:
        answer(resp, 500, plain_body(500, "Internal-Error", "Something went wrong"));
        return;
    case KS_ZATCA_SIM_TIMEOUT:
        hold(sim);
        answer(resp, 503, plain_body(503, "Service-Unavailable", "Service unavailable"));
        return;
    case KS_ZATCA_SIM_DOWN:
        answer(resp, 503, plain_body(503, "Service-Unavailable", "Service unavailable"));
        return;
    case KS_ZATCA_SIM_ERRORS:
        answer(resp, 400,
               validation_body("ERROR", "BR-KSA-37",
                               "The seller address building number must contain 4 digits.",
                               "NOT_REPORTED"));
        return;
    case KS_ZATCA_SIM_ALREADY:
        answer(resp, 409,
               validation_body("ERROR", "Invoice-Errors",
                               "Invoice was already Reported successfully earlier.",
                               "NOT_REPORTED"));
        return;
    case KS_ZATCA_SIM_REPORTED:
    case KS_ZATCA_SIM_WARNINGS:
    case KS_ZATCA_SIM_LOST:
        break;
    }
    ks_zatca_sim_invoice invoice;
    const char *code = NULL;
    char message[200];
    if (!ks_zatca_sim_check_invoice(req->body, req->body_len, &invoice, &code, message,
                                    sizeof message)) {
        answer(resp, 400, validation_body("ERROR", code, message, "NOT_REPORTED"));
        return;
    }
    if (compliance) {
        ks_zatca_sim_csids_check_passed(&sim->csids, invoice.type_code);
        answer(resp, 200,
               validation_body("INFO", "XSD_ZATCA_VALID",
                               "Complied with UBL 2.1 standards in line with ZATCA specifications",
                               "REPORTED"));
        return;
    }
    struct seen *seen = find_seen(sim, invoice.uuid, true);
    if (!seen) {
        answer(resp, 500, plain_body(500, "Internal-Error", "out of memory"));
        return;
    }
    seen->stats.requests++;
    if (seen->stats.accepted > 0) {
        seen->stats.repeats++;
        answer(resp, 409,
               validation_body("ERROR", "Invoice-Errors",
                               "Invoice was already Reported successfully earlier.",
                               "NOT_REPORTED"));
        return;
    }
    seen->stats.accepted++;
    sim->accepted++;
    if (outcome == KS_ZATCA_SIM_LOST) {
        hold(sim);
        answer(resp, 503, plain_body(503, "Service-Unavailable", "Service unavailable"));
    } else if (outcome == KS_ZATCA_SIM_WARNINGS)
        answer(resp, 202,
               validation_body("WARNING", "BR-KSA-98",
                               "The simplified invoice should be submitted within 24 hours of "
                               "issuing the invoice.",
                               "REPORTED"));
    else
        answer(resp, 200,
               validation_body("INFO", "XSD_ZATCA_VALID",
                               "Complied with UBL 2.1 standards in line with ZATCA specifications",
                               "REPORTED"));
}

/* The body's uuid, for the journal (NULL when there is none). */
static char *body_uuid(const ks_http_request *req)
{
    json_t *root = req->body ? json_loadb(req->body, req->body_len, 0, NULL) : NULL;
    const char *uuid = json_string_value(json_object_get(root, "uuid"));
    char *copy = uuid && strlen(uuid) <= 36 ? strdup(uuid) : NULL;
    json_decref(root);
    return copy;
}

static void handle(void *ctx, void *worker, const ks_http_request *req, ks_http_response *resp)
{
    (void)worker;
    ks_zatca_sim *sim = ctx;
    const char *auth = ks_http_request_header(req, "Authorization");
    const char *version = ks_http_request_header(req, "Accept-Version");
    bool post = strcmp(req->method, "POST") == 0;
    bool reporting = strcmp(req->url, "/invoices/reporting/single") == 0;
    bool compliance_check = strcmp(req->url, "/compliance/invoices") == 0;
    bool onboarding =
        strcmp(req->url, "/compliance") == 0 || strcmp(req->url, "/production/csids") == 0;
    char *uuid = reporting || compliance_check ? body_uuid(req) : NULL;
    pthread_mutex_lock(&sim->lock);
    if (reporting)
        sim->requests++;
    if (!reporting && !compliance_check && !onboarding)
        answer(resp, 404, plain_body(404, "Not-Found", "no such endpoint"));
    else if (!post)
        answer(resp, 405, plain_body(405, "Method-Not-Allowed", "POST only"));
    else if (!version || strcmp(version, "V2") != 0)
        answer(resp, 400, plain_body(400, "Invalid-Request", "Accept-Version must be V2"));
    else if (req->body_too_large)
        answer(resp, 413, plain_body(413, "Payload-Too-Large", "the body is too large"));
    else if (onboarding)
        ks_zatca_sim_onboard(&sim->csids, req->url, ks_http_request_header(req, "OTP"), sim->otp,
                             auth, req->body, req->body_len, &resp->status, &resp->body);
    else if (!auth || !(compliance_check ? ks_zatca_sim_csids_compliance_ok(&sim->csids, auth)
                                         : ks_http_same_secret(auth, sim->production_auth) ||
                                               ks_zatca_sim_csids_production_ok(&sim->csids, auth)))
        answer(resp, 401, plain_body(401, "Unauthorized", "Unauthorized"));
    else
        report(sim, req, compliance_check, resp);
    if (onboarding) {
        resp->body_len = resp->body ? strlen(resp->body) : 0;
        resp->content_type = "application/json";
        if (!resp->body)
            resp->status = 503;
    }
    journal(sim, req->url, resp->status, uuid, NULL);
    pthread_mutex_unlock(&sim->lock);
    free(uuid);
}

static void free_sim(ks_zatca_sim *sim)
{
    if (sim->journal)
        fclose(sim->journal);
    free(sim->seen);
    pthread_cond_destroy(&sim->stopping);
    pthread_mutex_destroy(&sim->lock);
    free(sim);
}

ks_zatca_sim *ks_zatca_sim_start(const ks_zatca_sim_options *opt)
{
    if (opt->script_len > KS_ZATCA_SIM_SCRIPT_MAX) {
        LOG_ERROR("at most %d scripted outcomes", KS_ZATCA_SIM_SCRIPT_MAX);
        return NULL;
    }
    ks_zatca_sim *sim = calloc(1, sizeof *sim);
    if (!sim)
        return NULL;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&sim->stopping, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&sim->lock, NULL);
    if (opt->script_len > 0)
        memcpy(sim->script, opt->script, opt->script_len * sizeof opt->script[0]);
    sim->script_len = opt->script_len;
    sim->outcome = opt->outcome;
    sim->hold_ms = opt->hold_ms > 0 ? opt->hold_ms : DEFAULT_HOLD_MS;
    snprintf(sim->otp, sizeof sim->otp, "%s", opt->otp ? opt->otp : DEFAULT_OTP);
    if (opt->token && opt->secret &&
        !ks_zatca_sim_basic_auth(opt->token, opt->secret, sim->production_auth)) {
        LOG_ERROR("the token and secret are too long");
        goto error;
    }
    if (!ks_zatca_sim_csids_init(&sim->csids))
        goto error;
    if (opt->journal && !(sim->journal = fopen(opt->journal, "a"))) {
        LOG_ERROR("cannot open the journal %s", opt->journal);
        goto error;
    }
    const ks_http_options http = {
        .name = "zatca-sim",
        .listen = opt->listen,
        .max_body_bytes = KS_ZATCA_SIM_BODY_MAX,
        .fast_workers = WORKERS,
        .handler = handle,
        .ctx = sim,
    };
    sim->http = ks_http_server_start(&http);
    if (!sim->http)
        goto error;
    return sim;
error:
    ks_zatca_sim_csids_free(&sim->csids);
    free_sim(sim);
    return NULL;
}

uint16_t ks_zatca_sim_port(const ks_zatca_sim *sim)
{
    return ks_http_server_port(sim->http);
}

void ks_zatca_sim_invoice_stats_get(ks_zatca_sim *sim, const char *uuid,
                                    ks_zatca_sim_invoice_stats *out)
{
    pthread_mutex_lock(&sim->lock);
    const struct seen *s = find_seen(sim, uuid, false);
    *out = s ? s->stats : (ks_zatca_sim_invoice_stats){0};
    pthread_mutex_unlock(&sim->lock);
}

void ks_zatca_sim_counts(ks_zatca_sim *sim, uint64_t *requests, uint64_t *accepted)
{
    pthread_mutex_lock(&sim->lock);
    *requests = sim->requests;
    *accepted = sim->accepted;
    pthread_mutex_unlock(&sim->lock);
}

void ks_zatca_sim_stop(ks_zatca_sim *sim)
{
    if (!sim)
        return;
    pthread_mutex_lock(&sim->lock);
    sim->stop = true;
    pthread_cond_broadcast(&sim->stopping);
    pthread_mutex_unlock(&sim->lock);
    ks_http_server_stop(sim->http);
    ks_zatca_sim_csids_free(&sim->csids);
    free_sim(sim);
}
