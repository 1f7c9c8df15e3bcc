/*
 * The attendant console's store and API (kiosk/attendant/att_store.h,
 * att_api.h) on real SQLite files: a lane's report and requests stored,
 * a decision delivered in every answer until the lane reports it applied
 * (and across a restart of the console), one decision per request however
 * many attendants tap, per-lane tokens, and the API's refusals; who
 * signs in, and the PIN lockout that guards it (the kiosk's rule, kept
 * in the console's database), on a clock the test sets.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/attendant/att_api.h"
#include "kiosk/attendant/att_staff.h"
#include "kiosk/store/staff_pin_store.h"
#include "kiosk/store/staff_store.h"
#include "tests/support/check.h"

#define U_AGE "0a1b2c3d-0000-4000-8000-0000000000a1"
#define U_REM "0a1b2c3d-0000-4000-8000-0000000000a2"
#define D1 "0a1b2c3d-0000-4000-8000-0000000000d1"
#define D2 "0a1b2c3d-0000-4000-8000-0000000000d2"
#define NOW 1795500000000

static const ks_att_lane_token lanes[] = {{"lane-01", "one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D"},
                                          {"lane-02", "two-Wq4Es7Rd1Tf8Yg5Uh2Ij9K"}};

static ks_att_store *fresh(const char *name)
{
    const char *path = check_path(check_tmp_dir(), name);
    remove(path);
    return ks_att_store_open(path, NULL);
}

static ks_att_report report(const char *lane, size_t n_requests)
{
    ks_att_report r = {.activity = KS_ATT_SCANNING, .items = 3, .total = 2500};
    snprintf(r.lane_id, sizeof r.lane_id, "%s", lane);
    const ks_att_request reqs[] = {{U_AGE, KS_NEED_AGE, 2, "Energy drink", 1795500000},
                                   {U_REM, KS_NEED_REMOVAL, 1, "Milk", 1795500001}};
    for (size_t i = 0; i < n_requests; i++)
        r.requests[i] = reqs[i];
    r.n_requests = n_requests;
    return r;
}

static enum ks_db_error put(ks_att_store *s, const ks_att_report *r, int64_t now,
                            ks_att_decision *out, size_t *n, bool *changed)
{
    return ks_att_store_report(s, r, now, out, KS_ATT_MAX_DECISIONS, n, changed);
}

static void test_report_listed(void)
{
    ks_att_store *s = fresh("listed.db");
    CHECK(s != NULL);
    ks_att_report r = report("lane-01", 2);
    ks_att_decision d[KS_ATT_MAX_DECISIONS];
    size_t n = 9;
    bool changed = false;
    CHECK_EQ_INT(put(s, &r, NOW, d, &n, &changed), KS_DB_OK);
    CHECK(changed);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(put(s, &r, NOW + 250, d, &n, &changed), KS_DB_OK);
    CHECK(!changed); /* the same report again: only seen_at moves */
    ks_att_lane l[4];
    CHECK_EQ_INT(ks_att_store_lanes(s, l, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(l[0].report.lane_id, "lane-01");
    CHECK_EQ_INT(l[0].seen_at_ms, NOW + 250);
    CHECK_EQ_INT(l[0].report.n_requests, 2);
    CHECK_EQ_STR(l[0].report.requests[0].uuid, U_AGE);
    CHECK_EQ_STR(l[0].report.requests[1].item, "Milk");
    /* The removal settled at the lane: no longer listed. */
    r = report("lane-01", 1);
    CHECK_EQ_INT(put(s, &r, NOW + 500, d, &n, &changed), KS_DB_OK);
    CHECK(changed);
    CHECK_EQ_INT(ks_att_store_lanes(s, l, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(l[0].report.n_requests, 1);
    ks_att_store_close(s);
}

static void test_decision_until_applied(void)
{
    const char *path = check_path(check_tmp_dir(), "applied.db");
    remove(path);
    ks_att_store *s = ks_att_store_open(path, NULL);
    CHECK(s != NULL);
    ks_att_report r = report("lane-01", 2);
    ks_att_decision d[KS_ATT_MAX_DECISIONS];
    size_t n;
    CHECK_EQ_INT(put(s, &r, NOW, d, &n, NULL), KS_DB_OK);
    const ks_att_decision age = {D1, U_AGE, KS_DECIDE_APPROVE_AGE, 0, "staff-7", 1795500002};
    CHECK_EQ_INT(ks_att_store_decide(s, "lane-01", &age), KS_DB_OK);
    CHECK_EQ_INT(ks_att_store_decide(s, "lane-01", &age), KS_DB_OK); /* a repeat: nothing new */
    ks_att_lane l[2];
    CHECK_EQ_INT(ks_att_store_lanes(s, l, 2, &n), KS_DB_OK);
    CHECK_EQ_INT(l[0].report.n_requests, 1); /* decided: off the list */
    CHECK_EQ_INT(l[0].pending, 1);
    /* Sent in every answer, also after the console restarts, until applied. */
    CHECK_EQ_INT(put(s, &r, NOW + 1, d, &n, NULL), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    ks_att_store_close(s);
    s = ks_att_store_open(path, NULL);
    CHECK(s != NULL);
    CHECK_EQ_INT(put(s, &r, NOW + 2, d, &n, NULL), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(d[0].uuid, D1);
    CHECK_EQ_STR(d[0].request, U_AGE);
    CHECK_EQ_INT(d[0].action, KS_DECIDE_APPROVE_AGE);
    CHECK_EQ_STR(d[0].staff, "staff-7");
    r = report("lane-01", 1);
    r.requests[0] = r.requests[1];
    r.requests[0] = (ks_att_request){U_REM, KS_NEED_REMOVAL, 1, "Milk", 1795500001};
    memcpy(r.applied[0], D1, 37);
    r.n_applied = 1;
    bool changed;
    CHECK_EQ_INT(put(s, &r, NOW + 3, d, &n, &changed), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK(changed);
    int64_t at = 0;
    CHECK_EQ_INT(ks_att_store_applied_at(s, D1, &at), KS_DB_OK);
    CHECK_EQ_INT(at, NOW + 3);
    ks_att_store_close(s);
}

static void test_one_decision_per_request(void)
{
    ks_att_store *s = fresh("once.db");
    CHECK(s != NULL);
    ks_att_report r = report("lane-01", 2);
    ks_att_decision d[KS_ATT_MAX_DECISIONS];
    size_t n;
    CHECK_EQ_INT(put(s, &r, NOW, d, &n, NULL), KS_DB_OK);
    static const struct {
        const char *name;
        const char *lane;
        ks_att_decision d;
        enum ks_db_error want;
    } cases[] = {
        {"approve the removal",
         "lane-01",
         {D1, U_REM, KS_DECIDE_APPROVE_REMOVAL, 0, "staff-1", 1},
         KS_DB_OK},
        {"a second attendant declines it",
         "lane-01",
         {D2, U_REM, KS_DECIDE_DECLINE_REMOVAL, 0, "staff-2", 2},
         KS_DB_ERR_CONFLICT},
        {"age approval for the removal request",
         "lane-01",
         {D2, U_REM, KS_DECIDE_APPROVE_AGE, 0, "staff-2", 2},
         KS_DB_ERR_INVALID},
        {"bagging clearance for the age request",
         "lane-01",
         {D2, U_AGE, KS_DECIDE_CLEAR_BAGGING, 0, "staff-2", 2},
         KS_DB_ERR_INVALID},
        {"the age request on another lane",
         "lane-02",
         {D2, U_AGE, KS_DECIDE_APPROVE_AGE, 0, "staff-2", 2},
         KS_DB_ERR_NOT_FOUND},
        {"approval without a request",
         "lane-01",
         {D2, "", KS_DECIDE_APPROVE_AGE, 0, "staff-2", 2},
         KS_DB_ERR_INVALID},
        {"void without a line",
         "lane-01",
         {D2, "", KS_DECIDE_VOID_LINE, 0, "staff-2", 2},
         KS_DB_ERR_INVALID},
        {"void of line 3", "lane-01", {D2, "", KS_DECIDE_VOID_LINE, 3, "staff-2", 2}, KS_DB_OK},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        enum ks_db_error got = ks_att_store_decide(s, cases[i].lane, &cases[i].d);
        if (got != cases[i].want)
            check_fail(__FILE__, __LINE__, "%s: %s, expected %s", cases[i].name,
                       ks_db_strerror(got), ks_db_strerror(cases[i].want));
    }
    CHECK_EQ_INT(put(s, &r, NOW + 1, d, &n, NULL), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_INT(d[0].action, KS_DECIDE_APPROVE_REMOVAL);
    CHECK_EQ_INT(d[1].line, 3);
    ks_att_store_close(s);
}

static int changes;
static void on_change(const char *lane, void *ctx)
{
    (void)ctx;
    changes += strcmp(lane, "lane-01") == 0;
}

static void test_api_answers(void)
{
    ks_att_store *s = fresh("api.db");
    ks_att_api *api = s ? ks_att_api_new(s, lanes, 2, on_change, NULL) : NULL;
    CHECK(api != NULL);
    ks_att_report r = report("lane-01", 1);
    char *good = ks_att_report_to_json(&r);
    CHECK(good != NULL);
    static const char nul_body[] = "{\"format\":\0}";
    const struct {
        const char *name, *method, *path, *auth, *body;
        size_t len;
        int status;
    } cases[] = {
        {"report", "POST", "/v1/lanes/lane-01/report", "Bearer one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D", good,
         strlen(good), 200},
        {"another lane's token", "POST", "/v1/lanes/lane-01/report",
         "Bearer two-Wq4Es7Rd1Tf8Yg5Uh2Ij9K", good, strlen(good), 401},
        {"no token", "POST", "/v1/lanes/lane-01/report", NULL, good, strlen(good), 401},
        {"unknown lane", "POST", "/v1/lanes/lane-09/report", "Bearer one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D",
         good, strlen(good), 401},
        {"body of another lane", "POST", "/v1/lanes/lane-02/report",
         "Bearer two-Wq4Es7Rd1Tf8Yg5Uh2Ij9K", good, strlen(good), 400},
        {"GET a report", "GET", "/v1/lanes/lane-01/report", "Bearer one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D",
         NULL, 0, 405},
        {"NUL in the body", "POST", "/v1/lanes/lane-01/report", "Bearer one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D",
         nul_body, sizeof nul_body - 1, 400},
        {"not a report", "POST", "/v1/lanes/lane-01/report", "Bearer one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D",
         "[]", 2, 400},
        {"health", "GET", "/v1/health", NULL, NULL, 0, 200},
        {"unknown path", "GET", "/v1/lanes", NULL, NULL, 0, 404},
    };
    changes = 0;
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_att_api_request req = {cases[i].method, cases[i].path, cases[i].auth,
                                  cases[i].body,   cases[i].len,  false};
        ks_att_api_response resp;
        ks_att_api_handle(api, &req, NOW, &resp);
        json_t *body = resp.body ? json_loads(resp.body, 0, NULL) : NULL;
        if (resp.status != cases[i].status || !json_is_object(body))
            check_fail(__FILE__, __LINE__, "%s: %d %s", cases[i].name, resp.status,
                       resp.body ? resp.body : "(null)");
        json_decref(body);
        free(resp.body);
    }
    CHECK_EQ_INT(changes, 1);
    free(good);
    ks_att_api_free(api);
    ks_att_store_close(s);
}

/*
 * An enrolled kiosk reports as its own lane with its own token, by the
 * store's list the console pulled (its token's verifier), and as no other
 * lane; a list without it refuses it again; the INI's lanes are unchanged.
 */
static void test_api_enrolled_lane(void)
{
    static const char kiosk_token[] = "kT3xq9Lm2Pw7Rz5Vb8Nc4Hd6Fg1Js0Ya2Ue7Wi9Oq3S";
    ks_att_store *s = fresh("enrolled.db");
    ks_att_api *api = s ? ks_att_api_new(s, lanes, 2, NULL, NULL) : NULL;
    CHECK(api != NULL);
    ks_peer kiosk = {.id = "kiosk-21"};
    ks_token_verifier_of(kiosk_token, kiosk.token_sha256);
    const ks_peer_list listed = {1, &kiosk}, none = {0, NULL};
    char auth[128];
    snprintf(auth, sizeof auth, "Bearer %s", kiosk_token);
    CHECK(!ks_att_api_authorized(api, "/v1/lanes/kiosk-21/report", auth));
    CHECK(ks_att_api_set_peers(api, &listed));
    CHECK(ks_att_api_authorized(api, "/v1/lanes/kiosk-21/report", auth));
    CHECK(!ks_att_api_authorized(api, "/v1/lanes/kiosk-22/report", auth));
    CHECK(!ks_att_api_authorized(api, "/v1/lanes/lane-01/report", auth));
    CHECK(!ks_att_api_authorized(api, "/v1/lanes/kiosk-21/report",
                                 "Bearer one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D"));
    CHECK(ks_att_api_authorized(api, "/v1/lanes/lane-01/report",
                                "Bearer one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D"));
    ks_att_report r = report("kiosk-21", 1);
    char *body = ks_att_report_to_json(&r);
    CHECK(body != NULL);
    ks_att_api_request req = {"POST", "/v1/lanes/kiosk-21/report", auth,
                              body,   body ? strlen(body) : 0,     false};
    ks_att_api_response resp;
    ks_att_api_handle(api, &req, NOW, &resp);
    CHECK_EQ_INT(resp.status, 200);
    free(resp.body);
    CHECK(ks_att_api_set_peers(api, &none));
    CHECK(!ks_att_api_authorized(api, "/v1/lanes/kiosk-21/report", auth));
    free(body);
    ks_att_api_free(api);
    ks_att_store_close(s);
}

/*
 * Who signs in: by the store's staff list in the console's database while
 * it has somebody (the INI's [staff] PIN then refused), by the INI's
 * [staff] while it has nobody, by the INI's [badges] always; a name that
 * is no staff id decides as console-pin.
 */
static void test_sign_in(void)
{
    const char *path = check_path(check_tmp_dir(), "sign-in.db");
    remove(path);
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db != NULL && ks_staff_pin_store_prepare(db) == KS_DB_OK);
    ks_att_config cfg;
    ks_att_config_defaults(&cfg);
    cfg.n_staff = 1;
    snprintf(cfg.staff[0].id, sizeof cfg.staff[0].id, "staff-07");
    CHECK(ks_staff_secret_hash_with("1111", 1000, NULL, cfg.staff[0].pin));
    CHECK(ks_staff_secret_hash_with("BADGE-07", 1000, NULL, cfg.staff[0].badge));
    char who[KS_STAFF_ID_MAX + 1];
    CHECK(ks_att_staff_sign_in(&cfg, db, "1111", false, who)); /* nobody listed */
    CHECK_EQ_STR(who, "staff-07");
    ks_staff_entry people[2] = {{.id = "omar"}, {.id = "nora.al-harbi@example.com"}};
    CHECK(ks_staff_secret_hash_with("4321", 1000, NULL, people[0].pin_hash));
    CHECK(ks_staff_secret_hash_with("8765", 1000, people[0].pin_hash, people[1].pin_hash));
    const ks_staff_list list = {2, people};
    CHECK_EQ_INT(ks_staff_pin_store_replace(db, &list, "\"s1\"", 1), KS_DB_OK);
    CHECK(!ks_att_staff_sign_in(&cfg, db, "1111", false, who));
    CHECK_EQ_STR(who, "");
    CHECK(ks_att_staff_sign_in(&cfg, db, "4321", false, who));
    CHECK_EQ_STR(who, "omar");
    CHECK_EQ_STR(ks_att_staff_decider(who), "omar");
    CHECK(ks_att_staff_sign_in(&cfg, db, "8765", false, who));
    CHECK_EQ_STR(who, "nora.al-harbi@example.com");
    CHECK_EQ_STR(ks_att_staff_decider(who), KS_ATT_CONSOLE_PIN_STAFF);
    CHECK(ks_att_staff_sign_in(&cfg, db, "BADGE-07", true, who));
    CHECK_EQ_STR(who, "staff-07");
    CHECK(!ks_att_staff_sign_in(&cfg, db, "4321", true, who));   /* a PIN is no badge */
    CHECK(ks_att_staff_sign_in(&cfg, NULL, "1111", false, who)); /* no backend: the INI */
    CHECK_EQ_STR(who, "staff-07");
    ks_db_close(db);
}

/* staff-07 (PIN 1111, badge BADGE-07) in cfg; its lockout the kiosk's default, 3 in 300 s. */
static void lockout_config(ks_att_config *cfg)
{
    ks_att_config_defaults(cfg);
    cfg->n_staff = 1;
    snprintf(cfg->staff[0].id, sizeof cfg->staff[0].id, "staff-07");
    CHECK(ks_staff_secret_hash_with("1111", 1000, NULL, cfg->staff[0].pin));
    CHECK(ks_staff_secret_hash_with("BADGE-07", 1000, NULL, cfg->staff[0].badge));
    CHECK_EQ_INT(cfg->pin_lockout.max_failures, 3);
    CHECK_EQ_INT(cfg->pin_lockout.lockout_ms, 300000);
}

/* A PIN (or badge) typed at ms; -1 when who is not staff-07 on a sign-in and nobody else. */
static int try_at(ks_att_guard *g, const ks_att_config *cfg, const char *typed, bool badge,
                  int64_t ms)
{
    char who[KS_STAFF_ID_MAX + 1];
    enum ks_att_sign_in got = ks_att_staff_try(g, cfg, NULL, typed, badge, ms, who);
    return strcmp(who, got == KS_ATT_SIGN_IN_OK ? "staff-07" : "") == 0 ? (int)got : -1;
}

/* Rows of the console's staff audit with this outcome and detail. */
static int64_t audited(ks_att_store *s, const char *outcome, const char *detail)
{
    int64_t n = -1;
    ks_db_binder b = ks_db_bind(ks_att_store_db(s), "SELECT count(*) FROM staff_audit\n"
                                                    "WHERE place = 'console' AND outcome = ? "
                                                    "AND detail = ?");
    ks_db_bind_text(&b, outcome);
    ks_db_bind_text(&b, detail);
    return ks_db_query_int(ks_att_store_db(s), &b, &n) == KS_DB_OK ? n : -1;
}

/*
 * The console's PIN lockout, the kiosk's rule on a clock the test sets:
 * two wrong PINs and a right one lock nothing (the right one clears the
 * count); three wrong in a row lock, the third audited "locked out"; the
 * right PIN, and a badge, are then refused without being compared; a
 * restart (a new connection and guard) keeps the lockout to the same
 * millisecond and the count of wrong PINs; at the lockout's end the right
 * PIN signs in. A lockout stored too far ahead (the clock put back) lasts
 * the configured time at most.
 */
static void test_pin_lockout(void)
{
    const char *path = check_path(check_tmp_dir(), "lockout.db");
    remove(path);
    ks_att_config cfg;
    lockout_config(&cfg);
    ks_att_store *s = ks_att_store_open(path, NULL);
    CHECK(s != NULL);
    ks_att_guard g;
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), NOW);
    CHECK(!ks_att_guard_locked(&g, NOW));
    CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, NOW), KS_ATT_SIGN_IN_WRONG);
    CHECK_EQ_INT(try_at(&g, &cfg, "9998", false, NOW + 1000), KS_ATT_SIGN_IN_WRONG);
    CHECK_EQ_INT(try_at(&g, &cfg, "1111", false, NOW + 2000), KS_ATT_SIGN_IN_OK);
    CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, NOW + 3000), KS_ATT_SIGN_IN_WRONG);
    CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, NOW + 4000), KS_ATT_SIGN_IN_WRONG);
    CHECK(!ks_att_guard_locked(&g, NOW + 4000));
    CHECK_EQ_INT(audited(s, "locked", ""), 0);
    /* The third wrong one in a row locks for 300 s from it. */
    const int64_t third = NOW + 5000, end = third + 300000;
    CHECK_EQ_INT(try_at(&g, &cfg, "9997", false, third), KS_ATT_SIGN_IN_WRONG);
    CHECK(ks_att_guard_locked(&g, third));
    CHECK_EQ_INT(audited(s, "wrong", "locked out"), 1);
    CHECK_EQ_INT(try_at(&g, &cfg, "1111", false, third + 1000), KS_ATT_SIGN_IN_LOCKED);
    CHECK_EQ_INT(try_at(&g, &cfg, "BADGE-07", true, third + 2000), KS_ATT_SIGN_IN_LOCKED);
    CHECK_EQ_INT(audited(s, "locked", ""), 2);
    ks_staff_lockout stored;
    CHECK_EQ_INT(ks_staff_lockout_load(ks_att_store_db(s), &stored), KS_DB_OK);
    CHECK_EQ_INT(stored.failures, 0);
    CHECK_EQ_INT(stored.locked_until, end / 1000);

    /* Restarted within the lockout: still locked to its end. */
    ks_att_store_close(s);
    s = ks_att_store_open(path, NULL);
    CHECK(s != NULL);
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), third + 60000);
    CHECK(ks_att_guard_locked(&g, end - 1));
    CHECK_EQ_INT(try_at(&g, &cfg, "1111", false, end - 1), KS_ATT_SIGN_IN_LOCKED);
    CHECK(!ks_att_guard_locked(&g, end));
    CHECK_EQ_INT(try_at(&g, &cfg, "1111", false, end), KS_ATT_SIGN_IN_OK);

    /* Two wrong, a restart, one more wrong: the count survived and locks. */
    CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, end + 1000), KS_ATT_SIGN_IN_WRONG);
    CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, end + 2000), KS_ATT_SIGN_IN_WRONG);
    ks_att_store_close(s);
    s = ks_att_store_open(path, NULL);
    CHECK(s != NULL);
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), end + 3000);
    CHECK(!ks_att_guard_locked(&g, end + 3000));
    CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, end + 3000), KS_ATT_SIGN_IN_WRONG);
    CHECK(ks_att_guard_locked(&g, end + 3000));
    CHECK(!ks_att_guard_locked(&g, end + 303000));

    /* Stored two hours ahead (the clock put back): the configured 300 s (and the second a stored
     * end is rounded up by) at most. */
    const ks_staff_lockout ahead = {.failures = 0, .locked_until = NOW / 1000 + 7200};
    CHECK_EQ_INT(ks_staff_lockout_save(ks_att_store_db(s), &ahead), KS_DB_OK);
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), NOW);
    CHECK(ks_att_guard_locked(&g, NOW + 300999));
    CHECK(!ks_att_guard_locked(&g, NOW + 301000));
    /* A lockout begun within a second is stored rounded up and restored never early. */
    const ks_staff_lockout none = {0, 0};
    CHECK_EQ_INT(ks_staff_lockout_save(ks_att_store_db(s), &none), KS_DB_OK);
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), NOW + 301000);
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, NOW + 301500), KS_ATT_SIGN_IN_WRONG);
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), NOW + 301700);
    CHECK(ks_att_guard_locked(&g, NOW + 601499));
    CHECK(ks_att_guard_locked(&g, NOW + 601999));
    CHECK(!ks_att_guard_locked(&g, NOW + 602000));
    ks_att_store_close(s);
}

/*
 * A console database of schema version 1 (before the lockout) with a lane
 * in it: opened by this console it gains the kiosk's staff_lockout and
 * staff_audit (versions 2 and 3), keeps its lane, and locks as a new one.
 */
static void test_upgrade_keeps_lanes(void)
{
    const char *path = check_path(check_tmp_dir(), "upgrade.db");
    remove(path);
    ks_att_store *s = ks_att_store_open(path, NULL);
    CHECK(s != NULL);
    ks_att_report r = report("lane-01", 1);
    ks_att_decision d[KS_ATT_MAX_DECISIONS];
    size_t n = 0;
    CHECK_EQ_INT(put(s, &r, NOW, d, &n, NULL), KS_DB_OK);
    static const char *const to_v1[] = {"DROP TABLE staff_lockout", "DROP TABLE staff_audit",
                                        "DELETE FROM att_schema",
                                        "INSERT INTO att_schema (version) VALUES (1)"};
    for (size_t i = 0; i < sizeof to_v1 / sizeof to_v1[0]; i++) {
        ks_db_binder b = ks_db_bind(ks_att_store_db(s), to_v1[i]);
        CHECK_EQ_INT(ks_db_exec(ks_att_store_db(s), &b), KS_DB_OK);
    }
    ks_att_store_close(s);
    s = ks_att_store_open(path, NULL);
    CHECK(s != NULL);
    int64_t version = 0;
    ks_db_binder b = ks_db_bind(ks_att_store_db(s), "SELECT max(version) FROM att_schema");
    CHECK_EQ_INT(ks_db_query_int(ks_att_store_db(s), &b, &version), KS_DB_OK);
    CHECK_EQ_INT(version, 3);
    ks_att_lane lanes_now[2];
    CHECK_EQ_INT(ks_att_store_lanes(s, lanes_now, 2, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(lanes_now[0].report.n_requests, 1);
    ks_att_config cfg;
    lockout_config(&cfg);
    ks_att_guard g;
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), NOW);
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, NOW + i), KS_ATT_SIGN_IN_WRONG);
    CHECK(ks_att_guard_locked(&g, NOW + 3));
    CHECK_EQ_INT(audited(s, "wrong", "locked out"), 1);
    ks_att_store_close(s);
}

/* [console] staff_pin_max_failures and staff_pin_lockout_seconds taken, and refused out of the
 * kiosk's bounds; so are utc_offset_minutes and business_day_start. */
static void test_lockout_config(void)
{
    ks_att_config cfg;
    ks_att_config_defaults(&cfg);
    ks_att_config_error err;
    const char ok[] = "[console]\nstaff_pin_max_failures = 5\nstaff_pin_lockout_seconds = 60\n";
    CHECK(ks_att_config_parse(&cfg, ok, strlen(ok), &err));
    CHECK_EQ_INT(cfg.pin_lockout.max_failures, 5);
    CHECK_EQ_INT(cfg.pin_lockout.lockout_ms, 60000);
    static const char *const refused[] = {
        "[console]\nstaff_pin_max_failures = 0\n",
        "[console]\nstaff_pin_max_failures = 11\n",
        "[console]\nstaff_pin_max_failures = 3x\n",
        "[console]\nstaff_pin_lockout_seconds = 9\n",
        "[console]\nstaff_pin_lockout_seconds = 3601\n",
        "[console]\nstaff_pin_lockout_seconds =\n",
        /* the business day's, as the kiosk's */
        "[console]\nutc_offset_minutes = 841\n",
        "[console]\nutc_offset_minutes = -721\n",
        "[console]\nutc_offset_minutes = 3h\n",
        "[console]\nbusiness_day_start = 24:00\n",
        "[console]\nbusiness_day_start = 4:00\n",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        ks_att_config_defaults(&cfg);
        CHECK(!ks_att_config_parse(&cfg, refused[i], strlen(refused[i]), &err));
        CHECK_EQ_INT(err.line, 2);
    }
}

static void test_api_refuses_bad_lanes(void)
{
    ks_att_store *s = fresh("lanes.db");
    CHECK(s != NULL);
    const ks_att_lane_token twice[] = {{"lane-01", "a"}, {"lane-01", "b"}};
    const ks_att_lane_token upper[] = {{"Lane-01", "a"}};
    const ks_att_lane_token empty[] = {{"lane-01", ""}};
    CHECK(ks_att_api_new(s, twice, 2, NULL, NULL) == NULL);
    CHECK(ks_att_api_new(s, upper, 1, NULL, NULL) == NULL);
    CHECK(ks_att_api_new(s, empty, 1, NULL, NULL) == NULL);
    ks_att_store_close(s);
}

/* A staff action queued in the console's outbox, and its audit row. */
struct relayed_row {
    const char *kind, *staff, *method; /* "": absent */
    int64_t at, until, failures;       /* 0: absent */
    const char *action, *outcome, *detail;
};

/* Messages queued with their audit rows at the console that are exactly w. */
static int64_t relayed(ks_att_store *s, const struct relayed_row *w)
{
    ks_db *db = ks_att_store_db(s);
    ks_db_binder b =
        ks_db_bind(db, "SELECT count(*) FROM outbox o JOIN staff_audit a ON a.uuid = o.order_uuid\n"
                       "WHERE o.path = 'staff-actions' AND a.place = 'console'\n"
                       "  AND json_extract(o.payload, '$.place') = 'console'\n"
                       "  AND json_extract(o.payload, '$.action') = ?1\n"
                       "  AND coalesce(json_extract(o.payload, '$.staff'), '') = ?2\n"
                       "  AND coalesce(json_extract(o.payload, '$.method'), '') = ?3\n"
                       "  AND json_extract(o.payload, '$.at') = ?4\n"
                       "  AND coalesce(json_extract(o.payload, '$.until'), 0) = ?5\n"
                       "  AND coalesce(json_extract(o.payload, '$.failures'), 0) = ?6\n"
                       "  AND a.action = ?7 AND a.outcome = ?8 AND a.detail = ?9 AND a.at = ?4");
    ks_db_bind_text(&b, w->kind);
    ks_db_bind_text(&b, w->staff);
    ks_db_bind_text(&b, w->method);
    ks_db_bind_int(&b, w->at);
    ks_db_bind_int(&b, w->until);
    ks_db_bind_int(&b, w->failures);
    ks_db_bind_text(&b, w->action);
    ks_db_bind_text(&b, w->outcome);
    ks_db_bind_text(&b, w->detail);
    int64_t n = -1;
    return ks_db_query_int(db, &b, &n) == KS_DB_OK ? n : -1;
}

/* Messages in the console's outbox. */
static int64_t queued(ks_att_store *s)
{
    int64_t n = -1;
    ks_db_binder b = ks_db_bind(ks_att_store_db(s), "SELECT count(*) FROM outbox");
    return ks_db_query_int(ks_att_store_db(s), &b, &n) == KS_DB_OK ? n : -1;
}

/*
 * An enrolled console ([backend] url) queues its sign-ins and PIN lockouts for the back office
 * (#15) in its database's outbox, each with its audit row: the PIN that locks as a lockout
 * naming nobody, its three wrong PINs and its end; staff-07's PIN and badge sign-ins by name and
 * method; a wrong PIN alone and a refusal while locked stay in the audit. Not enrolled, nothing
 * is queued.
 */
static void test_relayed_to_back_office(void)
{
    ks_att_config cfg;
    lockout_config(&cfg);
    ks_att_store *s = fresh("relay.db");
    CHECK(s != NULL);
    ks_att_guard g;
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), NOW);
    CHECK_EQ_INT(try_at(&g, &cfg, "1111", false, NOW), KS_ATT_SIGN_IN_OK);
    CHECK_EQ_INT(queued(s), 0); /* not enrolled: the audit only */

    snprintf(cfg.backend.url, sizeof cfg.backend.url, "https://backend.example/v1");
    ks_att_guard_init(&g, &cfg, ks_att_store_db(s), NOW + 1000);
    const int64_t third = NOW + 4500; /* mid-second: the end is rounded up */
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(try_at(&g, &cfg, "9999", false, third - 2000 + 1000 * i),
                     KS_ATT_SIGN_IN_WRONG);
    CHECK_EQ_INT(try_at(&g, &cfg, "BADGE-07", true, third + 1000), KS_ATT_SIGN_IN_LOCKED);
    const struct relayed_row lockout = {
        "pin_lockout", "",      "",          third / 1000, (third + 300000 + 999) / 1000, 3,
        "pin",         "wrong", "locked out"};
    CHECK_EQ_INT(relayed(s, &lockout), 1);
    const int64_t after = third + 300000;
    CHECK_EQ_INT(try_at(&g, &cfg, "1111", false, after), KS_ATT_SIGN_IN_OK);
    CHECK_EQ_INT(try_at(&g, &cfg, "BADGE-07", true, after + 1000), KS_ATT_SIGN_IN_OK);
    const struct relayed_row by_pin = {"sign_in", "staff-07", "pin", after / 1000, 0, 0,
                                       "pin",     "ok",       ""};
    const struct relayed_row by_badge = {
        "sign_in", "staff-07", "badge", (after + 1000) / 1000, 0, 0, "badge", "ok", ""};
    CHECK_EQ_INT(relayed(s, &by_pin), 1);
    CHECK_EQ_INT(relayed(s, &by_badge), 1);
    /* Every message is one of these three; the wrong PINs and the refusal are audited only. */
    CHECK_EQ_INT(queued(s), 3);
    CHECK_EQ_INT(audited(s, "wrong", ""), 2);
    CHECK_EQ_INT(audited(s, "locked", ""), 1);
    ks_att_store_close(s);
}

/* Staff actions queued at the console dated business day `day`. */
static int64_t queued_on(ks_att_store *s, const char *day)
{
    ks_db *db = ks_att_store_db(s);
    ks_db_binder b = ks_db_bind(db, "SELECT count(*) FROM outbox WHERE path = 'staff-actions'\n"
                                    "AND json_extract(payload, '$.business_date') = ?");
    ks_db_bind_text(&b, day);
    int64_t n = -1;
    return ks_db_query_int(db, &b, &n) == KS_DB_OK ? n : -1;
}

/*
 * A console dates what it relays by its own INI's business day ([console] utc_offset_minutes,
 * business_day_start; the kiosk's keys, read alike): at 03:00 UTC a console at UTC-5 whose day
 * starts 06:00 is still on the day before (22:00 local); one with the defaults (UTC+3, from
 * 04:00: 06:00 local) is on the day itself (values out of range: test_lockout_config).
 */
static void test_relayed_on_its_business_day(void)
{
    const int64_t at = 1795489200000; /* 2026-11-24 03:00 UTC */
    static const struct {
        const char *ini, *day;
    } cases[] = {
        {"[console]\n", "2026-11-24"},
        {"[console]\nutc_offset_minutes = -300\nbusiness_day_start = 06:00\n", "2026-11-23"},
        {"[console]\nutc_offset_minutes = 60\nbusiness_day_start = 04:30\n", "2026-11-23"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ks_att_config cfg;
        lockout_config(&cfg);
        ks_att_config_error err;
        CHECK(ks_att_config_parse(&cfg, cases[i].ini, strlen(cases[i].ini), &err));
        snprintf(cfg.backend.url, sizeof cfg.backend.url, "https://backend.example/v1");
        char name[32];
        snprintf(name, sizeof name, "day-%zu.db", i);
        ks_att_store *s = fresh(name);
        CHECK(s != NULL);
        ks_att_guard g;
        ks_att_guard_init(&g, &cfg, ks_att_store_db(s), at);
        CHECK_EQ_INT(try_at(&g, &cfg, "1111", false, at), KS_ATT_SIGN_IN_OK);
        CHECK_EQ_INT(queued(s), 1);
        CHECK_EQ_INT(queued_on(s, cases[i].day), 1);
        ks_att_store_close(s);
    }
}

static const struct check_case cases[] = {
    {"report listed", test_report_listed},
    {"decision sent until applied", test_decision_until_applied},
    {"one decision per request", test_one_decision_per_request},
    {"api answers", test_api_answers},
    {"api refuses bad lanes", test_api_refuses_bad_lanes},
    {"api takes an enrolled lane", test_api_enrolled_lane},
    {"sign in", test_sign_in},
    {"PIN lockout: locks, refuses, survives a restart, ends", test_pin_lockout},
    {"PIN lockout's and business day's configuration", test_lockout_config},
    {"a version 1 database gains the lockout, keeps its lanes", test_upgrade_keeps_lanes},
    {"an enrolled console queues its sign-ins and lockouts", test_relayed_to_back_office},
    {"a console dates what it relays by its own business day", test_relayed_on_its_business_day},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
