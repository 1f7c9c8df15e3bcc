/* The heartbeat to the backend: see kiosk/app/heartbeat.h and kiosk/docs/backend-api.md. */
#define LOG_TAG "heartbeat"
#include "kiosk/app/heartbeat.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/common/worker.h"
#include "kiosk/app/backend_client.h"
#include "kiosk/app/office_refunds.h"
#include "kiosk/common/log.h"
#include "kiosk/store/outbox.h"

/* The project's version, given by the build (kiosk/CMakeLists.txt). */
#ifndef KS_SOFTWARE_VERSION
#define KS_SOFTWARE_VERSION "0.0.0"
#endif
const char ks_software_version[] = KS_SOFTWARE_VERSION;

#define UNSENT_MAX 1000000000
#define VERSION_MAX 32
#define KIOSK_ID_MAX 32

/* 1-max bytes of a-z 0-9 _ (names) or of printable ASCII without spaces (versions, ids). */
static bool word_ok(const char *text, size_t max, bool name)
{
    size_t len = text ? strnlen(text, max + 1) : 0;
    if (len == 0 || len > max)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        bool ok = name ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                       : c > 0x20 && c < 0x7f;
        if (!ok)
            return false;
    }
    return true;
}

char *ks_heartbeat_body(const char *kiosk_id, const char *version, int64_t unsent,
                        const ks_heartbeat_device *devices, size_t n_devices)
{
    if (!word_ok(kiosk_id, KIOSK_ID_MAX, false) || !word_ok(version, VERSION_MAX, false) ||
        n_devices > KS_HEARTBEAT_MAX_DEVICES)
        return NULL;
    json_t *devs = json_object();
    json_t *root =
        devs ? json_pack("{s:s, s:s, s:I, s:o}", "kiosk_id", kiosk_id, "version", version, "unsent",
                         (json_int_t)(unsent < 0            ? 0
                                      : unsent > UNSENT_MAX ? UNSENT_MAX
                                                            : unsent),
                         "devices", devs)
             : NULL;
    bool ok = root != NULL;
    for (size_t i = 0; ok && i < n_devices; i++)
        ok = word_ok(devices[i].name, KS_HEARTBEAT_NAME_MAX, true) &&
             word_ok(devices[i].state, KS_HEARTBEAT_NAME_MAX, true) &&
             !json_object_get(devs, devices[i].name) &&
             json_object_set_new(devs, devices[i].name, json_string(devices[i].state)) == 0;
    char *text = ok ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

struct ks_heartbeat {
    struct dev_worker worker; /* its lock guards stats, devices */
    bool started;
    ks_heartbeat_stats stats;
    ks_heartbeat_device devices[KS_HEARTBEAT_MAX_DEVICES];
    size_t n_devices;

    ks_db *db;                 /* owned */
    ks_backend_client *client; /* owned */
    char kiosk_id[KIOSK_ID_MAX + 1];
    char version[VERSION_MAX + 1];
    int period_ms;
    int64_t refund_window_s; /* ks_heartbeat_config.refund_window_s */
    bool failing; /* worker thread only: the last heartbeat failed, and that was logged */
    /* worker thread only: the last fetch of refund requests failed, and that was logged */
    bool fetch_failing;
};

static void beat(ks_heartbeat *hb)
{
    int64_t unsent = 0;
    enum ks_db_error err = ks_outbox_count_undelivered(hb->db, &unsent);
    if (err != KS_DB_OK)
        LOG_WARN("the outbox cannot be counted: %s", ks_db_strerror(err));
    ks_heartbeat_device devices[KS_HEARTBEAT_MAX_DEVICES];
    pthread_mutex_lock(&hb->worker.lock);
    size_t n = hb->n_devices;
    memcpy(devices, hb->devices, n * sizeof devices[0]);
    pthread_mutex_unlock(&hb->worker.lock);
    char *body = ks_heartbeat_body(hb->kiosk_id, hb->version, unsent, devices, n);
    ks_backend_answer a = {0};
    bool ok =
        body && ks_backend_client_post_json(hb->client, "/heartbeat", body, &a) && a.status == 200;
    if (!body)
        snprintf(a.error, sizeof a.error, "out of memory");
    if (!ok && !dev_worker_stopping(&hb->worker) && !hb->failing)
        LOG_WARN("heartbeat not received: %s; trying again in the next period", a.error);
    if (ok && hb->failing)
        LOG_INFO("heartbeats are received again");
    if (!dev_worker_stopping(&hb->worker)) {
        hb->failing = !ok;
        pthread_mutex_lock(&hb->worker.lock);
        if (ok)
            hb->stats.sent++;
        else
            hb->stats.failed++;
        pthread_mutex_unlock(&hb->worker.lock);
    }
    ks_backend_answer_clear(&a);
    free(body);
}

/*
 * The back office's refund requests of this kiosk's orders, fetched with
 * each heartbeat the backend received, taken in (kiosk/app/office_refunds.h).
 */
static void fetch_office_refunds(ks_heartbeat *hb)
{
    ks_backend_answer a = {0};
    bool answered = ks_backend_client_get(hb->client, "/refund-requests/pending", NULL,
                                          KS_OFFICE_REFUNDS_ANSWER_MAX, &a);
    ks_office_refund *requests = NULL;
    size_t n = 0;
    ks_json_error why = {0};
    bool fetched = answered && a.status == 200 &&
                   ks_office_refunds_parse(a.body ? a.body : "", a.body_len, &requests, &n, &why);
    if (fetched) {
        size_t added = ks_office_refunds_take(hb->db, requests, n, time(NULL), hb->refund_window_s);
        if (added > 0)
            LOG_INFO("%zu refund request(s) from the back office taken in", added);
        if (hb->fetch_failing)
            LOG_INFO("the back office's refund requests are fetched again");
    } else if (!dev_worker_stopping(&hb->worker) && !hb->fetch_failing) {
        /* Said once per failing streak: an older backend answers 404 every period. */
        char line[sizeof why.path + sizeof why.reason + 4];
        LOG_WARN("the back office's refund requests not fetched: %s; asked again with each "
                 "heartbeat",
                 !answered || a.status != 200 ? a.error
                                              : ks_json_error_line(&why, line, sizeof line));
    }
    if (!dev_worker_stopping(&hb->worker))
        hb->fetch_failing = !fetched;
    free(requests);
    ks_backend_answer_clear(&a);
}

static void *run(void *arg)
{
    ks_heartbeat *hb = arg;
    int64_t next_ms = 0;
    while (dev_worker_sleep_period(&hb->worker, hb->period_ms, &next_ms) != DEV_WORKER_STOP) {
        beat(hb);
        if (!hb->failing && !dev_worker_stopping(&hb->worker))
            fetch_office_refunds(hb);
    }
    return NULL;
}

static void free_worker(ks_heartbeat *hb)
{
    ks_backend_client_free(hb->client);
    ks_db_close(hb->db);
    free(hb);
}

ks_heartbeat *ks_heartbeat_start(const ks_heartbeat_config *cfg)
{
    ks_heartbeat *hb = calloc(1, sizeof *hb);
    if (!hb)
        goto error;
    const char *version = cfg->version ? cfg->version : ks_software_version;
    if (!word_ok(cfg->kiosk_id, KIOSK_ID_MAX, false) || !word_ok(version, VERSION_MAX, false)) {
        LOG_ERROR("heartbeats need a kiosk id and a version of 1-32 printable characters");
        goto error;
    }
    snprintf(hb->kiosk_id, sizeof hb->kiosk_id, "%s", cfg->kiosk_id);
    snprintf(hb->version, sizeof hb->version, "%s", version);
    hb->period_ms = cfg->period_ms;
    hb->refund_window_s = cfg->refund_window_s;
    const ks_backend_client_config cc = {
        .orders_url = cfg->backend_url,
        .token = cfg->token,
        .ca_file = cfg->ca_file,
        .timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 5000,
        .user_agent = "kiosk-heartbeat/1",
        .stop = &hb->worker.stopping,
    };
    hb->client = ks_backend_client_new(&cc);
    if (!hb->client)
        goto error;
    enum ks_db_error db_err = KS_DB_OK;
    hb->db = ks_db_open(cfg->db_path, &db_err);
    if (!hb->db) {
        LOG_ERROR("heartbeats cannot open %s: %s", cfg->db_path ? cfg->db_path : "(none)",
                  ks_db_strerror(db_err));
        goto error;
    }
    if (!dev_worker_start(&hb->worker, run, hb)) {
        LOG_ERROR("cannot start the heartbeat thread");
        goto error;
    }
    hb->started = true;
    return hb;
error:
    if (hb)
        free_worker(hb);
    return NULL;
}

ks_heartbeat *ks_heartbeat_start_for(const ks_config *cfg)
{
    if (!cfg->backend_url[0] || cfg->heartbeat_s <= 0)
        return NULL;
    const ks_heartbeat_config hc = {
        .db_path = cfg->database,
        .backend_url = cfg->backend_url,
        .token = ks_config_backend_token(cfg),
        .ca_file = cfg->ca_certificate,
        .kiosk_id = cfg->kiosk_id,
        .period_ms = cfg->heartbeat_s * 1000,
        .timeout_ms = cfg->delivery_timeout_s * 1000,
        .refund_window_s = ks_config_refund_window_s(cfg),
    };
    return ks_heartbeat_start(&hc);
}

bool ks_heartbeat_set_device(ks_heartbeat *hb, const char *name, const char *state)
{
    if (!hb || !word_ok(name, KS_HEARTBEAT_NAME_MAX, true) ||
        !word_ok(state, KS_HEARTBEAT_NAME_MAX, true))
        return false;
    bool ok = true;
    pthread_mutex_lock(&hb->worker.lock);
    size_t i = 0;
    while (i < hb->n_devices && strcmp(hb->devices[i].name, name) != 0)
        i++;
    if (i == hb->n_devices && i == KS_HEARTBEAT_MAX_DEVICES) {
        ok = false;
    } else {
        snprintf(hb->devices[i].name, sizeof hb->devices[i].name, "%s", name);
        snprintf(hb->devices[i].state, sizeof hb->devices[i].state, "%s", state);
        if (i == hb->n_devices)
            hb->n_devices++;
    }
    pthread_mutex_unlock(&hb->worker.lock);
    return ok;
}

void ks_heartbeat_wake(ks_heartbeat *hb)
{
    if (!hb)
        return;
    dev_worker_wake(&hb->worker);
}

void ks_heartbeat_get_stats(ks_heartbeat *hb, ks_heartbeat_stats *out)
{
    pthread_mutex_lock(&hb->worker.lock);
    *out = hb->stats;
    pthread_mutex_unlock(&hb->worker.lock);
}

void ks_heartbeat_stop(ks_heartbeat *hb)
{
    if (!hb)
        return;
    if (hb->started)
        dev_worker_stop(&hb->worker);
    free_worker(hb);
}
