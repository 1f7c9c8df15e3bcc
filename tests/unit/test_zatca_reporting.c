/*
 * End to end on loopback: signed invoices (ZATCA's SDK samples, under the
 * uuids of paid orders) queued in the kiosk's outbox for "zatca" and
 * reported by the delivery worker to zatca-sim, whose script answers no
 * answer in time, 503, 429, 401, 400 with errors, 409 and 202 with
 * warnings. Every invoice ends reported exactly once (the simulator's own
 * count) or set aside with ZATCA's errors, never sent again; the answers'
 * messages are kept; the deadline counts an old unreported invoice. Time
 * runs 1000 times faster for the worker (time_scale).
 */
#include "kiosk/app/delivery.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/zatca_report_store.h"
#include "kiosk/zatca/zatca_sim.h"
#include "tests/unit/test_kitchen_fixture.h"
#include "tests/unit/test_zatca_fixture.h"

/* Outbox seconds of a worker with time_scale 1000: real milliseconds. */
static int64_t outbox_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The reporting body of SDK sample `sample` rewritten under order `index`'s
 * uuid (its cbc:UUID replaced, so the hash is the new document's); the
 * uuid into uuid[37]. NULL on failure.
 */
static char *invoice_for_order(unsigned index, size_t sample, char uuid[37])
{
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    size_t len = 0;
    char *xml = zatca_sdk_file(zatca_samples[sample], &len);
    char *at = xml ? strstr(xml, "<cbc:UUID>") : NULL;
    char *body = NULL;
    if (o && at) {
        snprintf(uuid, 37, "%s", o->uuid);
        memcpy(at + strlen("<cbc:UUID>"), o->uuid, 36);
        body = zatca_body(xml, len, uuid, NULL);
    }
    free(xml);
    ks_order_free(o);
    return body;
}

static bool enqueue(ks_db *db, const char *uuid, const char *payload, int64_t now)
{
    const ks_outbox_message m = {.destination = KS_ZATCA_DESTINATION, .payload = payload};
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK)
        err = ks_db_end(db, ks_outbox_enqueue(db, uuid, &m, now));
    return err == KS_DB_OK;
}

/* SQL on the kiosk database at path about the zatca message of uuid; -1 on error. */
static int64_t zatca_row(const char *path, const char *uuid, const char *what)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT %s FROM outbox WHERE destination = 'zatca' AND "
             "order_uuid = '%s'",
             what, uuid);
    return fixture_sql_int(path, sql);
}

/* Polls until `what` of uuid's message is 1 or CHECK_WAIT_MS pass. */
static bool wait_row(const char *path, const char *uuid, const char *what)
{
    int64_t end = kitchen_now_ms() + CHECK_WAIT_MS;
    while (zatca_row(path, uuid, what) != 1 && kitchen_now_ms() < end)
        kitchen_sleep_ms(5);
    return zatca_row(path, uuid, what) == 1;
}

#define DELIVERED "delivered_at IS NOT NULL"
#define SET_ASIDE "delivered_at IS NULL AND next_attempt_at = 9223372036854775807"

struct recorded {
    char outcome[32];
    char messages[1001];
};

static bool recorded(const char *path, const char *uuid, struct recorded *r)
{
    ks_db *db = ks_zatca_report_store_open(path, NULL);
    int64_t id = zatca_row(path, uuid, "id");
    bool ok = db && id > 0 && ks_zatca_report_get(db, id, r->outcome, r->messages) == KS_DB_OK;
    ks_db_close(db);
    return ok;
}

/* The steps: the script they consume, the final state and what is kept. */
struct step {
    const char *name;
    unsigned order;
    size_t sample;
    bool reported_before; /* accepted by ZATCA before the kiosk knew (a crash): 409 */
    bool old;             /* queued 13 hours ago: past the deadline */
    const char *state;    /* DELIVERED or SET_ASIDE */
    const char *outcome;  /* recorded */
    const char *message;  /* in the recorded messages */
    int accepted;         /* by the simulator, in all */
};

static const struct step steps[] = {
    {"no answer in time, 503, then 200", 1, 0, false, false, DELIVERED, "reported", "", 1},
    {"reported before: 409", 2, 1, true, false, DELIVERED, "already reported", "already", 1},
    {"400 with errors", 3, 2, false, true, SET_ASIDE, "not reported", "BR-KSA-37", 0},
    {"429, 401, then 202 with warnings", 4, 0, false, false, DELIVERED, "reported with warnings",
     "BR-KSA-98", 1},
};

static const enum ks_zatca_sim_outcome script[] = {
    KS_ZATCA_SIM_TIMEOUT,  KS_ZATCA_SIM_DOWN,         KS_ZATCA_SIM_REPORTED, /* 1 */
    KS_ZATCA_SIM_REPORTED,                      /* 2, by the test, then 2 -> 409 */
    KS_ZATCA_SIM_REPORTED, KS_ZATCA_SIM_ERRORS, /* 3 */
    KS_ZATCA_SIM_BUSY,     KS_ZATCA_SIM_UNAUTHORIZED, KS_ZATCA_SIM_WARNINGS, /* 4 */
};

static void test_reported_exactly_once(void)
{
    CHECK(zatca_sdk_dir() != NULL);
    char path[4200];
    fixture_fresh_db(check_tmp_dir(), "reporting.db", path, sizeof path);
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db != NULL);
    for (unsigned i = 1; i <= CHECK_COUNT(steps); i++)
        CHECK(kitchen_kiosk_pay(db, i));
    const ks_zatca_sim_options so = {
        .listen = "127.0.0.1:0",
        .token = ZATCA_TEST_TOKEN,
        .secret = ZATCA_TEST_SECRET,
        .script = script,
        .script_len = CHECK_COUNT(script),
        .hold_ms = CHECK_WAIT_MS,
    };
    ks_zatca_sim *sim = ks_zatca_sim_start(&so);
    char base[64], auth[KS_ZATCA_SIM_AUTH_MAX], url[128];
    snprintf(base, sizeof base, "http://127.0.0.1:%u", sim ? (unsigned)ks_zatca_sim_port(sim) : 0);
    snprintf(url, sizeof url, "%s/invoices/reporting/single", base);
    ks_zatca_sim_basic_auth(ZATCA_TEST_TOKEN, ZATCA_TEST_SECRET, auth);
    const ks_delivery_config cfg = {
        .db_path = path,
        .zatca_url = base,
        .zatca_token = ZATCA_TEST_TOKEN,
        .zatca_secret = ZATCA_TEST_SECRET,
        .zatca_overdue_hours = 12,
        .timeout_ms = 300, /* the scripted "timeout" holds far longer */
        .time_scale = 1000,
    };
    ks_delivery *d = sim ? ks_delivery_start(&cfg) : NULL;
    struct http_reply *answer = malloc(sizeof *answer);
    bool ok = d && answer;
    for (size_t i = 0; ok && i < CHECK_COUNT(steps); i++) {
        const struct step *s = &steps[i];
        char uuid[37];
        char *body = invoice_for_order(s->order, s->sample, uuid);
        ok = body != NULL;
        if (ok && s->reported_before) {
            zatca_post(url, "V2", auth, NULL, body, answer);
            ok = answer->status == 200;
        }
        int64_t now = outbox_now() - (s->old ? 13 * 3600 : 0);
        ok = ok && enqueue(db, uuid, body, now);
        free(body);
        ks_delivery_wake(d);
        struct recorded r;
        ks_zatca_sim_invoice_stats st;
        ok = ok && wait_row(path, uuid, s->state) && recorded(path, uuid, &r);
        if (ok)
            ks_zatca_sim_invoice_stats_get(sim, uuid, &st);
        if (ok && (strcmp(r.outcome, s->outcome) != 0 || !strstr(r.messages, s->message) ||
                   st.accepted != s->accepted)) {
            check_fail(__FILE__, __LINE__, "%s: %s '%s', accepted %d", s->name, r.outcome,
                       r.messages, st.accepted);
            ok = false;
        } else if (!ok) {
            check_fail(__FILE__, __LINE__, "%s: not %s", s->name, s->state);
        }
    }
    /* Nothing is sent again: a pass after a wake-up makes no request. */
    uint64_t before = 0, after = 0, accepted = 0;
    ks_delivery_stats stats = {0};
    if (ok) {
        ks_zatca_sim_counts(sim, &before, &accepted);
        ks_delivery_get_stats(d, &stats);
        /* The second pass after the first wake-up starts after the first one ended. */
        uint64_t passes = stats.passes;
        int64_t end = kitchen_now_ms() + CHECK_WAIT_MS;
        for (uint64_t want = passes + 1; want <= passes + 2; want++) {
            ks_delivery_wake(d);
            while (stats.passes < want && kitchen_now_ms() < end) {
                kitchen_sleep_ms(5);
                ks_delivery_get_stats(d, &stats);
            }
        }
        ks_zatca_sim_counts(sim, &after, &accepted);
    }
    ks_delivery_stop(d);
    ks_zatca_sim_stop(sim);
    ks_db_close(db);
    free(answer);
    CHECK(ok);
    CHECK_EQ_INT(after, before);
    CHECK_EQ_INT(after, CHECK_COUNT(script));
    CHECK_EQ_INT(accepted, 3);
    CHECK_EQ_INT(stats.zatca_reported, 3);
    CHECK_EQ_INT(stats.zatca_warned, 1);
    CHECK_EQ_INT(stats.zatca_refused, 1);
    CHECK_EQ_INT(stats.zatca_overdue, 1);
    CHECK(!stats.zatca_misconfigured);
    /* ZATCA's answers are not the kitchen's or the backend's link. */
    CHECK_EQ_INT(stats.delivered + stats.failed + stats.dead, 0);
}

static void test_refuses_bad_settings(void)
{
    char path[4200];
    fixture_fresh_db(check_tmp_dir(), "settings.db", path, sizeof path);
    const struct {
        const char *url, *token, *secret;
    } bad[] = {
        {"http://8.8.8.8", ZATCA_TEST_TOKEN, ZATCA_TEST_SECRET},
        {"http://127.0.0.1:1", NULL, ZATCA_TEST_SECRET},
        {"http://127.0.0.1:1", ZATCA_TEST_TOKEN, ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(bad); i++) {
        const ks_delivery_config cfg = {
            .db_path = path,
            .zatca_url = bad[i].url,
            .zatca_token = bad[i].token,
            .zatca_secret = bad[i].secret,
        };
        ks_delivery *d = ks_delivery_start(&cfg);
        if (d)
            check_fail(__FILE__, __LINE__, "case %zu started", i);
        ks_delivery_stop(d);
    }
}

static const struct check_case cases[] = {
    {"reported exactly once", test_reported_exactly_once},
    {"bad settings refused", test_refuses_bad_settings},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
