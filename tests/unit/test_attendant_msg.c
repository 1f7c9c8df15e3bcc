/*
 * The attendant protocol's documents (kiosk/app/attendant_msg.h): a report
 * and decisions written and read back field for field, and a table of
 * documents each refused with the member it names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app/attendant_msg.h"
#include "tests/support/check.h"

#define U1 "0a1b2c3d-0000-4000-8000-000000000001"
#define U2 "0a1b2c3d-0000-4000-8000-000000000002"
#define U3 "0a1b2c3d-0000-4000-8000-000000000003"

static ks_att_report sample_report(void)
{
    ks_att_report r = {.lane_id = "lane-03",
                       .activity = KS_ATT_SCANNING,
                       .faults = KS_ATT_FAULT_PRINTER | KS_ATT_FAULT_BAGGING_SCALE,
                       .items = 7,
                       .total = 12345,
                       .n_requests = 2,
                       .n_applied = 1};
    r.requests[0] = (ks_att_request){U1, KS_NEED_AGE, 4, "مشروب طاقة Energy", 1795500000};
    r.requests[1] = (ks_att_request){U2, KS_NEED_REMOVAL, 2, "Milk 1L", 1795500007};
    memcpy(r.applied[0], U3, 37);
    return r;
}

static void test_report_round_trip(void)
{
    ks_att_report r = sample_report(), back;
    char *json = ks_att_report_to_json(&r);
    CHECK(json != NULL);
    ks_json_error err;
    bool ok = ks_att_report_from_json(json, strlen(json), &back, &err);
    free(json);
    CHECK(ok);
    CHECK_EQ_STR(back.lane_id, "lane-03");
    CHECK_EQ_INT(back.activity, KS_ATT_SCANNING);
    CHECK_EQ_INT(back.faults, KS_ATT_FAULT_PRINTER | KS_ATT_FAULT_BAGGING_SCALE);
    CHECK_EQ_INT(back.items, 7);
    CHECK_EQ_INT(back.total, 12345);
    CHECK_EQ_INT(back.n_requests, 2);
    for (size_t i = 0; i < 2; i++) {
        CHECK_EQ_STR(back.requests[i].uuid, r.requests[i].uuid);
        CHECK_EQ_INT(back.requests[i].need, r.requests[i].need);
        CHECK_EQ_INT(back.requests[i].line, r.requests[i].line);
        CHECK_EQ_STR(back.requests[i].item, r.requests[i].item);
        CHECK_EQ_INT(back.requests[i].raised_at, r.requests[i].raised_at);
    }
    CHECK_EQ_INT(back.n_applied, 1);
    CHECK_EQ_STR(back.applied[0], U3);
}

static void test_decisions_round_trip(void)
{
    const ks_att_decision d[2] = {
        {U1, U2, KS_DECIDE_APPROVE_REMOVAL, 0, "staff-17", 1795500010},
        {U3, "", KS_DECIDE_VOID_LINE, 5, "staff-17", 1795500011},
    };
    ks_att_decision back[4];
    char *json = ks_att_decisions_to_json(d, 2);
    CHECK(json != NULL);
    size_t n = 0;
    bool ok = ks_att_decisions_from_json(json, strlen(json), back, 4, &n, NULL);
    free(json);
    CHECK(ok);
    CHECK_EQ_INT(n, 2);
    for (size_t i = 0; i < 2; i++) {
        CHECK_EQ_STR(back[i].uuid, d[i].uuid);
        CHECK_EQ_STR(back[i].request, d[i].request);
        CHECK_EQ_INT(back[i].action, d[i].action);
        CHECK_EQ_INT(back[i].line, d[i].line);
        CHECK_EQ_STR(back[i].staff, d[i].staff);
        CHECK_EQ_INT(back[i].decided_at, d[i].decided_at);
    }
}

static void test_writer_refuses_what_cannot_be_read(void)
{
    ks_att_report r = sample_report();
    r.requests[1].need = KS_NEED_AGE; /* twice the same need */
    CHECK(ks_att_report_to_json(&r) == NULL);
    r = sample_report();
    snprintf(r.lane_id, sizeof r.lane_id, "Lane 3");
    CHECK(ks_att_report_to_json(&r) == NULL);
    ks_att_decision d = {U1, "", KS_DECIDE_APPROVE_AGE, 3, "staff", 1}; /* a line, not a void */
    CHECK(ks_att_decisions_to_json(&d, 1) == NULL);
}

#define REPORT(members)                                                                            \
    "{\"format\":\"attendant-report/1\",\"lane\":\"lane-01\",\"activity\":\"idle\","               \
    "\"faults\":[],\"items\":0,\"total\":0" members "}"
#define REQ(need)                                                                                  \
    "{\"uuid\":\"" U1 "\",\"need\":\"" need "\",\"line\":1,\"item\":\"x\",\"raised_at\":5}"

static void test_reports_refused(void)
{
    static const struct {
        const char *name, *json, *path;
    } cases[] = {
        {"not json", "{", ""},
        {"wrong format", "{\"format\":\"attendant-report/2\"}", "format"},
        {"no requests", REPORT(",\"applied\":[]"), ""}, /* "missing member \"requests\"" */
        {"unknown member", REPORT(",\"requests\":[],\"applied\":[],\"x\":1"), "x"},
        {"unknown need", REPORT(",\"requests\":[" REQ("smile") "],\"applied\":[]"),
         "requests[0].need"},
        {"need twice", REPORT(",\"requests\":[" REQ("age") "," REQ("age") "],\"applied\":[]"),
         "requests[1].need"},
        {"bad applied uuid", REPORT(",\"requests\":[],\"applied\":[\"0A1B\"]"), "applied[0]"},
        {"total negative",
         "{\"format\":\"attendant-report/1\",\"lane\":\"lane-01\",\"activity\":\"idle\","
         "\"faults\":[],\"items\":0,\"total\":-1,\"requests\":[],\"applied\":[]}",
         "total"},
        {"fault repeated",
         "{\"format\":\"attendant-report/1\",\"lane\":\"lane-01\",\"activity\":\"idle\","
         "\"faults\":[\"scale\",\"scale\"],\"items\":0,\"total\":0,\"requests\":[],\"applied\":[]}",
         "faults[1]"},
        {"lane uppercase",
         "{\"format\":\"attendant-report/1\",\"lane\":\"LANE\",\"activity\":\"idle\","
         "\"faults\":[],\"items\":0,\"total\":0,\"requests\":[],\"applied\":[]}",
         "lane"},
        {"duplicate member",
         "{\"format\":\"attendant-report/1\",\"format\":\"attendant-report/1\"}", ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_att_report r;
        ks_json_error err = {.path = ""};
        if (ks_att_report_from_json(cases[i].json, strlen(cases[i].json), &r, &err))
            check_fail(__FILE__, __LINE__, "%s: accepted", cases[i].name);
        else if (strcmp(err.path, cases[i].path) != 0)
            check_fail(__FILE__, __LINE__, "%s: path \"%s\", expected \"%s\" (%s)", cases[i].name,
                       err.path, cases[i].path, err.reason);
    }
    /* The shape every case breaks is otherwise accepted. */
    const char *good = REPORT(",\"requests\":[" REQ("age") "],\"applied\":[]");
    ks_att_report r;
    CHECK(ks_att_report_from_json(good, strlen(good), &r, NULL));
}

#define DEC(action, line, staff)                                                                   \
    "{\"format\":\"attendant-decisions/1\",\"decisions\":[{\"uuid\":\"" U1 "\",\"request\":\"\","  \
    "\"action\":\"" action "\",\"line\":" line ",\"staff\":\"" staff "\",\"decided_at\":1}]}"

static void test_decisions_refused(void)
{
    static const struct {
        const char *name, *json;
        size_t max;
    } cases[] = {
        {"unknown action", DEC("approve_all", "0", "s1"), 4},
        {"void without line", DEC("void_line", "0", "s1"), 4},
        {"line on an approval", DEC("approve_age", "3", "s1"), 4},
        {"staff with a space", DEC("cancel", "0", "s 1"), 4},
        {"more than max", DEC("cancel", "0", "s1"), 0},
        {"not an array", "{\"format\":\"attendant-decisions/1\",\"decisions\":{}}", 4},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_att_decision d[4];
        size_t n = 9;
        if (ks_att_decisions_from_json(cases[i].json, strlen(cases[i].json), d, cases[i].max, &n,
                                       NULL) ||
            n != 0)
            check_fail(__FILE__, __LINE__, "%s: accepted", cases[i].name);
    }
    const char *good = DEC("void_line", "3", "s1");
    ks_att_decision d[1];
    size_t n;
    CHECK(ks_att_decisions_from_json(good, strlen(good), d, 1, &n, NULL) && n == 1);
}

static void test_actions_settle_needs(void)
{
    CHECK_EQ_INT(ks_att_action_settles(KS_DECIDE_APPROVE_AGE), KS_NEED_AGE);
    CHECK_EQ_INT(ks_att_action_settles(KS_DECIDE_DECLINE_REMOVAL), KS_NEED_REMOVAL);
    CHECK_EQ_INT(ks_att_action_settles(KS_DECIDE_CLEAR_BAGGING), KS_NEED_BAGGING);
    CHECK_EQ_INT(ks_att_action_settles(KS_DECIDE_HELP_GIVEN),
                 KS_NEED_HELP | KS_NEED_UNKNOWN | KS_NEED_IDLE);
    CHECK_EQ_INT(ks_att_action_settles(KS_DECIDE_CANCEL), 0);
    CHECK_EQ_STR(ks_att_need_name(KS_NEED_BAGGING), "bagging");
    CHECK(ks_att_need_name(KS_NEED_AGE | KS_NEED_HELP) == NULL);
}

static const struct check_case cases[] = {
    {"report round trip", test_report_round_trip},
    {"decisions round trip", test_decisions_round_trip},
    {"writer refuses what cannot be read", test_writer_refuses_what_cannot_be_read},
    {"reports refused", test_reports_refused},
    {"decisions refused", test_decisions_refused},
    {"actions settle needs", test_actions_settle_needs},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
