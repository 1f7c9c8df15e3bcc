/* The lane's link to the attendant console: see kiosk/app/attendant_link.h. */
#define LOG_TAG "att_link"
#include "kiosk/app/attendant_link.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "kiosk/app/attendant_rows.h"
#include "kiosk/app/backend_client.h"
#include "kiosk/common/outgoing_url.h"
#include "kiosk/common/uuid.h"
#include "kiosk/common/log.h"
#include "kiosk/store/own_schema.h"

#define LINK_SCHEMA_VERSION 1
#define N_NEEDS 6 /* KS_NEED_AGE ... KS_NEED_IDLE: bits 0-5 */
#define QUEUE_MAX KS_ATT_MAX_DECISIONS

/*
 * Version 1. att_link_requests.open: 1 while the lane waits on the need.
 * att_link_decisions.outcome: NULL once received, 'applied' when the UI
 * thread applied it, 'stale' when its request was settled at the lane
 * first or the session it was for ended with a restart.
 */
static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS att_link_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS att_link_requests (\n"
    "    uuid      TEXT PRIMARY KEY,\n"
    "    need      INTEGER NOT NULL,\n"
    "    line      INTEGER NOT NULL,\n"
    "    item      TEXT NOT NULL,\n"
    "    raised_at INTEGER NOT NULL,\n"
    "    open      INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS att_link_requests_open ON att_link_requests (open, need)",
    "CREATE TABLE IF NOT EXISTS att_link_decisions (\n"
    "    uuid        TEXT PRIMARY KEY,\n"
    "    request     TEXT NOT NULL,\n"
    "    action      INTEGER NOT NULL,\n"
    "    line        INTEGER NOT NULL,\n"
    "    staff       TEXT NOT NULL,\n"
    "    decided_at  INTEGER NOT NULL,\n"
    "    received_at INTEGER NOT NULL,\n"
    "    outcome     TEXT,\n"
    "    done_at_ms  INTEGER\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS att_link_decisions_done ON att_link_decisions (done_at_ms)",
};

static const char sql_version[] = "SELECT max(version) FROM att_link_schema HAVING count(*) > 0";
static const char sql_set_version[] = "INSERT INTO att_link_schema (version) VALUES (?)";
static const char sql_close_all[] = "UPDATE att_link_requests SET open = 0 WHERE open = 1";
static const char sql_stale_all[] =
    "UPDATE att_link_decisions SET outcome = 'stale', done_at_ms = ? WHERE outcome IS NULL";
static const char sql_open_of[] =
    "SELECT count(*) FROM att_link_requests WHERE need = ? AND open = 1";
static const char sql_raise[] =
    "INSERT INTO att_link_requests (uuid, need, line, item, raised_at, open)\n"
    "VALUES (?, ?, ?, ?, ?, 1)";
static const char sql_settle[] =
    "UPDATE att_link_requests SET open = 0 WHERE need = ? AND open = 1";
static const char sql_open[] =
    "SELECT " KS_ATT_REQUEST_COLUMNS " FROM att_link_requests WHERE open = 1\n"
    "ORDER BY need LIMIT ?";
static const char sql_request_open[] =
    "SELECT count(*) FROM att_link_requests WHERE uuid = ? AND open = 1";
static const char sql_receive[] =
    "INSERT INTO att_link_decisions (uuid, request, action, line, staff, decided_at, received_at,\n"
    "                                outcome, done_at_ms)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING";
static const char sql_applied[] =
    "UPDATE att_link_decisions SET outcome = 'applied', done_at_ms = ?\n"
    "WHERE uuid = ? AND outcome IS NULL";
static const char sql_done[] = "SELECT uuid FROM att_link_decisions WHERE done_at_ms IS NOT NULL\n"
                               "ORDER BY done_at_ms DESC, uuid LIMIT ?";

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .sql_version = sql_version,
    .sql_set_version = sql_set_version,
    .version = LINK_SCHEMA_VERSION,
    .what = "attendant link",
};

struct ks_att_link {
    pthread_t thread;
    ks_att_link_options opt; /* the strings point into the copies below */
    char api_root[KS_URL_MAX + 1];
    char token[KS_CONFIG_TOKEN_MAX + 1];
    char lane_id[KS_DEVICE_ID_MAX + 1];
    char *database;            /* owned */
    ks_db *db;                 /* owned, used by the worker only (and start, before it runs) */
    ks_backend_client *client; /* owned, used by the worker only */
    atomic_bool stop;
    atomic_llong answered_ms; /* monotonic ms of the console's last 200; 0: never */
    bool lost_logged;         /* worker only: the loss of the console was logged */

    pthread_mutex_t lock; /* guards what follows */
    pthread_cond_t changed;
    bool dirty;                       /* a publish or an application since the last report */
    ks_att_lane_state state;          /* the latest published */
    ks_att_decision queue[QUEUE_MAX]; /* received, stored, not yet taken */
    size_t n_queue;
    char applied[QUEUE_MAX][37]; /* applied by the UI thread, not yet stored */
    size_t n_applied;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t utc_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Applications the UI thread reported, stored. */
static void store_applied(ks_att_link *link, char (*uuids)[37], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ks_db_binder b = ks_db_bind(link->db, sql_applied);
        ks_db_bind_int(&b, utc_ms());
        ks_db_bind_text(&b, uuids[i]);
        enum ks_db_error err = ks_db_exec(link->db, &b);
        if (err != KS_DB_OK)
            LOG_ERROR("decision %s applied, but not stored: %s", uuids[i], ks_db_strerror(err));
    }
}

/* A new request for need, stored under a fresh uuid. */
static enum ks_db_error raise_need(ks_att_link *link, unsigned bit, const ks_att_lane_state *s)
{
    char uuid[37];
    if (!ks_uuid_new(uuid))
        return KS_DB_ERR_INTERNAL;
    ks_db_binder b = ks_db_bind(link->db, sql_raise);
    ks_db_bind_text(&b, uuid);
    ks_db_bind_int(&b, 1u << bit);
    ks_db_bind_int(&b, s->need_line[bit]);
    ks_db_bind_text(&b, s->need_item[bit]);
    ks_db_bind_int(&b, (int64_t)time(NULL));
    enum ks_db_error err = ks_db_exec(link->db, &b);
    if (err == KS_DB_OK)
        LOG_INFO("request %s: %s", uuid, ks_att_need_name(1u << bit));
    return err;
}

/* The stored requests brought in line with the needs published (one transaction). */
static enum ks_db_error reconcile(ks_att_link *link, const ks_att_lane_state *s)
{
    enum ks_db_error err = ks_db_begin(link->db);
    for (unsigned bit = 0; bit < N_NEEDS && err == KS_DB_OK; bit++) {
        int64_t open = 0;
        ks_db_binder b = ks_db_bind(link->db, sql_open_of);
        ks_db_bind_int(&b, 1u << bit);
        err = ks_db_query_int(link->db, &b, &open);
        bool wanted = s->needs & (1u << bit);
        if (err != KS_DB_OK || (open > 0) == wanted)
            continue;
        if (wanted) {
            err = raise_need(link, bit, s);
        } else {
            b = ks_db_bind(link->db, sql_settle);
            ks_db_bind_int(&b, 1u << bit);
            err = ks_db_exec(link->db, &b);
        }
    }
    return ks_db_end(link->db, err);
}

static enum ks_db_error done_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_att_report *r = ctx;
    if (!ks_db_column_copy(stmt, 0, r->applied[r->n_applied], 37))
        return KS_DB_ERR_CORRUPT;
    r->n_applied++;
    return KS_DB_OK;
}

/* The report to send: the state, the open requests, the decisions done lately. */
static enum ks_db_error build_report(ks_att_link *link, const ks_att_lane_state *s,
                                     ks_att_report *r)
{
    memset(r, 0, sizeof *r);
    memcpy(r->lane_id, link->lane_id, sizeof r->lane_id);
    r->activity = s->activity;
    r->faults = s->faults & KS_ATT_FAULTS_ALL;
    r->items = s->items;
    r->total = s->total;
    ks_db_binder b = ks_db_bind(link->db, sql_open);
    ks_db_bind_int(&b, KS_ATT_MAX_REQUESTS);
    enum ks_db_error err = ks_db_query(link->db, &b, ks_att_request_row, r, NULL);
    if (err != KS_DB_OK)
        return err;
    b = ks_db_bind(link->db, sql_done);
    ks_db_bind_int(&b, KS_ATT_MAX_DECISIONS);
    return ks_db_query(link->db, &b, done_row, r, NULL);
}

/*
 * A decision from the console, stored by its uuid; true when it is new
 * and still about an open request (or about none), so the UI applies it.
 */
static bool receive(ks_att_link *link, const ks_att_decision *d)
{
    int64_t open = 1;
    enum ks_db_error err = KS_DB_OK;
    if (d->request[0]) {
        ks_db_binder b = ks_db_bind(link->db, sql_request_open);
        ks_db_bind_text(&b, d->request);
        err = ks_db_query_int(link->db, &b, &open);
    }
    ks_db_binder b = ks_db_bind(link->db, sql_receive);
    ks_db_bind_text(&b, d->uuid);
    ks_db_bind_text(&b, d->request);
    ks_db_bind_int(&b, d->action);
    ks_db_bind_int(&b, d->line);
    ks_db_bind_text(&b, d->staff);
    ks_db_bind_int(&b, d->decided_at);
    ks_db_bind_int(&b, (int64_t)time(NULL));
    if (open) {
        ks_db_bind_null(&b);
        ks_db_bind_null(&b);
    } else { /* settled at the lane first: kept, reported done, never applied */
        ks_db_bind_text(&b, "stale");
        ks_db_bind_int(&b, utc_ms());
    }
    if (err == KS_DB_OK)
        err = ks_db_exec(link->db, &b);
    if (err != KS_DB_OK) {
        LOG_ERROR("decision %s not stored: %s", d->uuid, ks_db_strerror(err));
        return false;
    }
    bool fresh = ks_db_changes(link->db) == 1 && open;
    if (fresh)
        LOG_INFO("decision %s from %s: %s", d->uuid, d->staff, ks_att_action_name(d->action));
    return fresh;
}

/* One exchange: report, then the decisions the answer carries. */
static void exchange(ks_att_link *link, const ks_att_lane_state *s)
{
    ks_att_report report;
    enum ks_db_error err = reconcile(link, s);
    if (err == KS_DB_OK)
        err = build_report(link, s, &report);
    if (err != KS_DB_OK) {
        LOG_ERROR("the lane's requests could not be stored: %s", ks_db_strerror(err));
        return;
    }
    char *json = ks_att_report_to_json(&report);
    if (!json)
        return;
    char path[KS_DEVICE_ID_MAX + 32];
    snprintf(path, sizeof path, "/lanes/%s/report", link->lane_id);
    ks_backend_answer a;
    bool answered = ks_backend_client_post_json(link->client, path, json, &a);
    free(json);
    ks_att_decision got[KS_ATT_MAX_DECISIONS];
    size_t n = 0;
    ks_json_error why = {.reason = ""};
    if (answered && a.status == 200 &&
        ks_att_decisions_from_json(a.body, a.body_len, got, KS_ATT_MAX_DECISIONS, &n, &why)) {
        if (link->lost_logged || !atomic_load(&link->answered_ms))
            LOG_INFO("attendant console reached");
        atomic_store(&link->answered_ms, mono_ms());
        link->lost_logged = false;
    } else if (!link->lost_logged) {
        LOG_WARN("attendant console not reached: %s%s%s", a.error, why.reason[0] ? " " : "",
                 why.reason);
        link->lost_logged = true;
    }
    ks_backend_answer_clear(&a);
    bool woke = false;
    for (size_t i = 0; i < n; i++) {
        if (!receive(link, &got[i]))
            continue;
        pthread_mutex_lock(&link->lock);
        if (link->n_queue < QUEUE_MAX)
            link->queue[link->n_queue++] = got[i];
        pthread_mutex_unlock(&link->lock);
        woke = true;
    }
    if (woke && link->opt.wake)
        link->opt.wake(link->opt.ctx);
}

static void *run(void *arg)
{
    ks_att_link *link = arg;
    int period = link->opt.period_ms > 0 ? link->opt.period_ms : KS_ATT_LINK_PERIOD_MS;
    while (!atomic_load(&link->stop)) {
        ks_att_lane_state s;
        char applied[QUEUE_MAX][37];
        pthread_mutex_lock(&link->lock);
        s = link->state;
        size_t n_applied = link->n_applied;
        memcpy(applied, link->applied, sizeof applied);
        link->n_applied = 0;
        link->dirty = false;
        pthread_mutex_unlock(&link->lock);
        store_applied(link, applied, n_applied);
        exchange(link, &s);
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += (long)period * 1000000L;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        pthread_mutex_lock(&link->lock);
        while (!link->dirty && !atomic_load(&link->stop) &&
               pthread_cond_timedwait(&link->changed, &link->lock, &until) == 0)
            ;
        pthread_mutex_unlock(&link->lock);
    }
    return NULL;
}

/* What a previous run left open is closed: that session's basket is gone. */
static enum ks_db_error close_previous(ks_db *db)
{
    enum ks_db_error err = ks_db_begin(db);
    ks_db_binder b = ks_db_bind(db, sql_close_all);
    if (err == KS_DB_OK)
        err = ks_db_exec(db, &b);
    b = ks_db_bind(db, sql_stale_all);
    ks_db_bind_int(&b, utc_ms());
    if (err == KS_DB_OK)
        err = ks_db_exec(db, &b);
    return ks_db_end(db, err);
}

ks_att_link *ks_att_link_start(const ks_att_link_options *opt)
{
    ks_att_link *link = calloc(1, sizeof *link);
    if (!link)
        return NULL;
    pthread_mutex_init(&link->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&link->changed, &attr);
    pthread_condattr_destroy(&attr);
    link->opt = *opt;
    if (!opt->lane_id || !ks_device_id_ok(opt->lane_id) || !opt->database) {
        LOG_ERROR("the attendant link needs the lane's id and database");
        goto error;
    }
    snprintf(link->lane_id, sizeof link->lane_id, "%s", opt->lane_id);
    link->database = strdup(opt->database);
    enum ks_db_error err = KS_DB_ERR_NO_MEMORY;
    link->db = link->database ? ks_own_schema_open(link->database, &own_schema, &err) : NULL;
    if (link->db)
        err = close_previous(link->db);
    if (err != KS_DB_OK) {
        LOG_ERROR("attendant link tables in %s: %s", opt->database, ks_db_strerror(err));
        goto error;
    }
    const ks_backend_client_config cc = {
        .api_root = opt->api_root,
        .token = opt->token,
        .ca_file = opt->ca_file,
        .timeout_ms = KS_ATT_LINK_OFFLINE_MS,
        .user_agent = "kiosk-lane/1",
        .stop = &link->stop,
    };
    link->client = ks_backend_client_new(&cc);
    if (!link->client)
        goto error;
    link->opt.api_root = link->opt.token = link->opt.lane_id = link->opt.database = NULL;
    link->opt.ca_file = NULL;
    if (pthread_create(&link->thread, NULL, run, link) != 0)
        goto error;
    return link;
error:
    ks_backend_client_free(link->client);
    ks_db_close(link->db);
    free(link->database);
    pthread_cond_destroy(&link->changed);
    pthread_mutex_destroy(&link->lock);
    free(link);
    return NULL;
}

void ks_att_link_stop(ks_att_link *link)
{
    if (!link)
        return;
    pthread_mutex_lock(&link->lock);
    atomic_store(&link->stop, true);
    pthread_cond_signal(&link->changed);
    pthread_mutex_unlock(&link->lock);
    pthread_join(link->thread, NULL);
    /* Applications reported after the last report still count. */
    store_applied(link, link->applied, link->n_applied);
    ks_backend_client_free(link->client);
    ks_db_close(link->db);
    free(link->database);
    pthread_cond_destroy(&link->changed);
    pthread_mutex_destroy(&link->lock);
    free(link);
}

void ks_att_link_publish(ks_att_link *link, const ks_att_lane_state *state)
{
    pthread_mutex_lock(&link->lock);
    if (memcmp(&link->state, state, sizeof *state) != 0) {
        link->state = *state;
        link->dirty = true;
        pthread_cond_signal(&link->changed);
    }
    pthread_mutex_unlock(&link->lock);
}

bool ks_att_link_take(ks_att_link *link, ks_att_decision *out)
{
    pthread_mutex_lock(&link->lock);
    bool any = link->n_queue > 0;
    if (any) {
        *out = link->queue[0];
        memmove(link->queue, link->queue + 1, (link->n_queue - 1) * sizeof link->queue[0]);
        link->n_queue--;
    }
    pthread_mutex_unlock(&link->lock);
    return any;
}

void ks_att_link_applied(ks_att_link *link, const char *uuid)
{
    pthread_mutex_lock(&link->lock);
    if (link->n_applied < QUEUE_MAX && ks_uuid_ok(uuid)) {
        memcpy(link->applied[link->n_applied++], uuid, 37);
        link->dirty = true;
        pthread_cond_signal(&link->changed);
    } else {
        LOG_ERROR(
            "decision %s applied but not recorded (queue full): marked stale at the next start",
            uuid);
    }
    pthread_mutex_unlock(&link->lock);
}

bool ks_att_link_online(const ks_att_link *link)
{
    long long at = atomic_load(&link->answered_ms);
    return at != 0 && mono_ms() - at < KS_ATT_LINK_OFFLINE_MS;
}
