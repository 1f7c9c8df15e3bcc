/*
 * A lane's link to the attendant console (kiosk/app/attendant_link.h)
 * against the real console receiver (kiosk/attendant/att_server.h) over
 * HTTP on loopback, each with its own SQLite file: a need becomes a
 * request on the console, a decision taken there reaches the lane once
 * however many answers repeat it, the lane's application is reported and
 * recorded; a restart closes what the previous run left open, so a
 * decision for that lost session is never applied; a lane whose console
 * goes away says it is offline (the staff PIN then approves at the lane).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app/attendant_link.h"
#include "kiosk/attendant/att_server.h"
#include "kiosk/common/log.h"
#include "tests/support/check.h"

#define TOKEN "lane-Fs6Gd2Hj8Kl4Pz9Xc3Vb7"

struct console {
    ks_att_store *store; /* the receiver's */
    ks_att_store *desk;  /* the attendant's screen's own connection */
    ks_att_api *api;
    ks_http_server *server;
    char root[64];
};

static bool console_start(struct console *c, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), name));
    remove(path);
    const ks_att_lane_token lanes[] = {{"lane-01", TOKEN}};
    c->store = ks_att_store_open(path, NULL);
    c->desk = ks_att_store_open(path, NULL);
    c->api = c->store ? ks_att_api_new(c->store, lanes, 1, NULL, NULL) : NULL;
    c->server = c->api ? ks_att_server_start(c->api, "127.0.0.1:0", NULL) : NULL;
    if (!c->server)
        return false;
    snprintf(c->root, sizeof c->root, "http://127.0.0.1:%u/v1",
             (unsigned)ks_http_server_port(c->server));
    return true;
}

static void console_stop(struct console *c)
{
    ks_http_server_stop(c->server);
    ks_att_api_free(c->api);
    ks_att_store_close(c->store);
    ks_att_store_close(c->desk);
    memset(c, 0, sizeof *c);
}

/* A lane on database db (fresh: removed first, else as the previous run left it). */
static ks_att_link *lane_start(const char *root, const char *db, bool fresh)
{
    if (fresh)
        remove(check_path(check_tmp_dir(), db));
    const ks_att_link_options opt = {.api_root = root,
                                     .token = TOKEN,
                                     .lane_id = "lane-01",
                                     .database = check_path(check_tmp_dir(), db),
                                     .period_ms = 50};
    return ks_att_link_start(&opt);
}

static ks_att_lane_state state(unsigned needs)
{
    ks_att_lane_state s;
    memset(&s, 0, sizeof s);
    s.activity = KS_ATT_SCANNING;
    s.items = 2;
    s.total = 1450;
    s.needs = needs;
    s.need_line[0] = 2;
    snprintf(s.need_item[0], sizeof s.need_item[0], "Energy drink");
    return s;
}

/* Waits until the console lists lane-01 with n open requests; its latest view into *l. */
static bool wait_requests(struct console *c, size_t n, ks_att_lane *l)
{
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; check_sleep_ms(5)) {
        size_t count = 0;
        if (ks_att_store_lanes(c->desk, l, 1, &count) == KS_DB_OK && count == 1 &&
            l->report.n_requests == n)
            return true;
    }
    return false;
}

static bool wait_decision(ks_att_link *link, ks_att_decision *d)
{
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; check_sleep_ms(5))
        if (ks_att_link_take(link, d))
            return true;
    return false;
}

static bool wait_applied(struct console *c, const char *uuid)
{
    int64_t at;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; check_sleep_ms(5))
        if (ks_att_store_applied_at(c->desk, uuid, &at) == KS_DB_OK)
            return true;
    return false;
}

static void test_age_approved_once(void)
{
    struct console c = {0};
    CHECK(console_start(&c, "once-console.db"));
    ks_att_link *link = lane_start(c.root, "once-lane.db", true);
    CHECK(link != NULL);
    ks_att_lane_state s = state(KS_NEED_AGE);
    ks_att_link_publish(link, &s);
    ks_att_lane l;
    CHECK(wait_requests(&c, 1, &l));
    CHECK_EQ_INT(l.report.requests[0].need, KS_NEED_AGE);
    CHECK_EQ_INT(l.report.requests[0].line, 2);
    CHECK_EQ_STR(l.report.requests[0].item, "Energy drink");
    CHECK_EQ_INT(l.report.total, 1450);
    ks_att_decision d = {"0a1b2c3d-0000-4000-8000-0000000000d1",
                         "",
                         KS_DECIDE_APPROVE_AGE,
                         0,
                         "staff-7",
                         1795500000};
    memcpy(d.request, l.report.requests[0].uuid, 37);
    CHECK_EQ_INT(ks_att_store_decide(c.desk, "lane-01", &d), KS_DB_OK);
    ks_att_decision got;
    CHECK(wait_decision(link, &got));
    CHECK_EQ_STR(got.uuid, d.uuid);
    CHECK_EQ_STR(got.staff, "staff-7");
    CHECK_EQ_INT(got.action, KS_DECIDE_APPROVE_AGE);
    CHECK(ks_att_link_online(link));
    /* Reports go on (the decision sent in each answer) before the lane applies it: once only. */
    int64_t until = check_now_ms() + 300;
    while (check_now_ms() < until) {
        CHECK(!ks_att_link_take(link, &got));
        check_sleep_ms(20);
    }
    s.needs = 0;
    ks_att_link_publish(link, &s);
    ks_att_link_applied(link, d.uuid);
    CHECK(wait_applied(&c, d.uuid));
    CHECK(wait_requests(&c, 0, &l));
    CHECK_EQ_INT(l.pending, 0);
    ks_att_link_stop(link);
    console_stop(&c);
}

static void test_lost_session_not_applied(void)
{
    struct console c = {0};
    CHECK(console_start(&c, "first-console.db"));
    ks_att_link *link = lane_start(c.root, "first-lane.db", true);
    CHECK(link != NULL);
    ks_att_lane_state s = state(KS_NEED_REMOVAL);
    ks_att_link_publish(link, &s);
    ks_att_lane l;
    CHECK(wait_requests(&c, 1, &l));
    ks_att_decision d = {"0a1b2c3d-0000-4000-8000-0000000000d2",
                         "",
                         KS_DECIDE_APPROVE_REMOVAL,
                         0,
                         "staff-7",
                         1795500000};
    memcpy(d.request, l.report.requests[0].uuid, 37);
    /* The lane loses power (its basket with it) as the attendant taps. */
    ks_att_link_stop(link);
    link = NULL;
    CHECK_EQ_INT(ks_att_store_decide(c.desk, "lane-01", &d), KS_DB_OK);
    link = lane_start(c.root, "first-lane.db", false); /* the restart closes the old request */
    CHECK(link != NULL);
    s.needs = 0;
    ks_att_link_publish(link, &s);
    CHECK(wait_applied(&c, d.uuid)); /* reported done (stale), so the console stops */
    ks_att_decision got;
    CHECK(!ks_att_link_take(link, &got));
    ks_att_link_stop(link);
    console_stop(&c);
}

static bool wait_online(ks_att_link *link, bool online)
{
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; check_sleep_ms(10))
        if (ks_att_link_online(link) == online)
            return true;
    return false;
}

static void test_offline(void)
{
    struct console c = {0};
    CHECK(console_start(&c, "gone-console.db"));
    ks_att_link *link = lane_start(c.root, "gone-lane.db", true);
    CHECK(link != NULL);
    ks_att_lane_state s = state(KS_NEED_HELP);
    ks_att_link_publish(link, &s);
    CHECK(wait_online(link, true));
    console_stop(&c); /* the console goes away: the lane says so, and keeps trying */
    CHECK(wait_online(link, false));
    ks_att_link_stop(link);
}

static void test_refused_options(void)
{
    const ks_att_link_options bad[] = {
        {.api_root = "http://127.0.0.1:1/v1",
         .token = TOKEN,
         .lane_id = "Lane 1",
         .database = check_path(check_tmp_dir(), "bad.db")},
        {.api_root = "http://127.0.0.1:1/v1",
         .token = "",
         .lane_id = "lane-01",
         .database = check_path(check_tmp_dir(), "bad.db")},
        {.api_root = "http://203.0.113.9/v1",
         .token = TOKEN,
         .lane_id = "lane-01",
         .database = check_path(check_tmp_dir(), "bad.db")},
    };
    for (size_t i = 0; i < CHECK_COUNT(bad); i++) {
        ks_att_link *link = ks_att_link_start(&bad[i]);
        if (link)
            check_fail(__FILE__, __LINE__, "options %zu accepted", i);
        ks_att_link_stop(link);
    }
}

static const struct check_case cases[] = {
    {"age approved once", test_age_approved_once},
    {"a decision for a session lost in a restart is not applied", test_lost_session_not_applied},
    {"offline", test_offline},
    {"refused options", test_refused_options},
};

int main(int argc, char **argv)
{
    ks_log_set_level(KS_LOG_WARN);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
