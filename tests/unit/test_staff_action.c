/*
 * The staff action's message (kiosk/domain/staff_action.h) for what a manager watches over
 * sign-in: the reader takes a sign-in, a PIN lockout, a close and an open as the writer writes
 * them and refuses each member out of its place, naming it; the writer refuses what the reader
 * would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/staff_action.h"
#include "tests/support/check.h"

#define HEAD "{\"uuid\":\"5eed0000-0000-4000-8000-000000000031\",\"business_date\":\"2026-11-11\","
#define AT "\"at\":1795500001,"

/* Bodies the reader takes, and what it read. */
static void test_taken(void)
{
    ks_staff_action a;
    ks_json_error why;
    const char *sign_in = HEAD AT "\"action\":\"sign_in\",\"staff\":\"omar\",\"place\":\"lane\","
                                  "\"method\":\"badge\"}";
    CHECK(ks_staff_action_parse(sign_in, strlen(sign_in), &a, &why));
    CHECK_EQ_INT(a.kind, KS_STAFF_ACTION_SIGN_IN);
    CHECK_EQ_INT(a.place, KS_STAFF_PLACE_LANE);
    CHECK(a.badge);
    CHECK_EQ_STR(a.staff, "omar");

    const char *lockout = HEAD AT "\"action\":\"pin_lockout\",\"place\":\"console\","
                                  "\"failures\":3,\"until\":1795500301}";
    CHECK(ks_staff_action_parse(lockout, strlen(lockout), &a, &why));
    CHECK_EQ_INT(a.kind, KS_STAFF_ACTION_PIN_LOCKOUT);
    CHECK_EQ_INT(a.place, KS_STAFF_PLACE_CONSOLE);
    CHECK_EQ_INT(a.failures, 3);
    CHECK_EQ_INT(a.until, 1795500301);
    CHECK_EQ_STR(a.staff, "");
    /* The longest lockout, rounded up to its second. */
    const char *longest = HEAD AT "\"action\":\"pin_lockout\",\"place\":\"lane\","
                                  "\"failures\":10,\"until\":1795503602}";
    CHECK(ks_staff_action_parse(longest, strlen(longest), &a, &why));

    const char *close = HEAD AT "\"action\":\"close\",\"staff\":\"omar\"}";
    CHECK(ks_staff_action_parse(close, strlen(close), &a, &why));
    CHECK_EQ_INT(a.kind, KS_STAFF_ACTION_CLOSE);
    CHECK_EQ_INT(a.place, KS_STAFF_PLACE_NONE);
    const char *open = HEAD AT "\"action\":\"open\"}"; /* the shared PIN: nobody */
    CHECK(ks_staff_action_parse(open, strlen(open), &a, &why));
    CHECK_EQ_INT(a.kind, KS_STAFF_ACTION_OPEN);
}

/* Bodies refused, each with the member at fault. */
static void test_refused(void)
{
    static const struct {
        const char *name, *rest, *member;
    } rows[] = {
        {"sign-in without place", "\"action\":\"sign_in\",\"method\":\"pin\"}", "place"},
        {"sign-in without method", "\"action\":\"sign_in\",\"place\":\"lane\"}", "method"},
        {"unknown place", "\"action\":\"sign_in\",\"place\":\"door\",\"method\":\"pin\"}", "place"},
        {"unknown method", "\"action\":\"sign_in\",\"place\":\"lane\",\"method\":\"pw\"}",
         "method"},
        {"method on a lockout",
         "\"action\":\"pin_lockout\",\"place\":\"lane\",\"method\":\"pin\",\"failures\":3,"
         "\"until\":1795500301}",
         "method"},
        {"failures on a sign-in",
         "\"action\":\"sign_in\",\"place\":\"lane\",\"method\":\"pin\",\"failures\":3}",
         "failures"},
        {"a lockout names somebody",
         "\"action\":\"pin_lockout\",\"staff\":\"omar\",\"place\":\"lane\",\"failures\":3,"
         "\"until\":1795500301}",
         "staff"},
        {"a lockout without failures",
         "\"action\":\"pin_lockout\",\"place\":\"lane\",\"until\":1795500301}", "failures"},
        {"eleven failures",
         "\"action\":\"pin_lockout\",\"place\":\"lane\",\"failures\":11,\"until\":1795500301}",
         "failures"},
        {"a lockout without its end",
         "\"action\":\"pin_lockout\",\"place\":\"lane\",\"failures\":3}", "until"},
        {"a lockout ending when it starts",
         "\"action\":\"pin_lockout\",\"place\":\"lane\",\"failures\":3,\"until\":1795500001}",
         "until"},
        {"a lockout longer than an hour and a second",
         "\"action\":\"pin_lockout\",\"place\":\"lane\",\"failures\":3,\"until\":1795503603}",
         "until"},
        {"until on a close", "\"action\":\"close\",\"until\":1795500301}", "until"},
        {"place on an open", "\"action\":\"open\",\"place\":\"staff_screen\"}", "place"},
        {"a PIN typed", "\"action\":\"pin_lockout\",\"pin\":\"1234\"}", "pin"},
    };
    for (size_t i = 0; i < CHECK_COUNT(rows); i++) {
        char body[512];
        snprintf(body, sizeof body, HEAD AT "%s", rows[i].rest);
        ks_staff_action a;
        ks_json_error why;
        bool taken = ks_staff_action_parse(body, strlen(body), &a, &why);
        if (taken || strcmp(why.path, rows[i].member) != 0)
            check_fail(__FILE__, __LINE__, "%s: taken %d, at fault \"%s\" (%s)", rows[i].name,
                       (int)taken, why.path, why.reason);
    }
}

/* The writer writes what the reader takes, and nothing it would refuse. */
static void test_written(void)
{
    ks_staff_action a = {.kind = KS_STAFF_ACTION_PIN_LOCKOUT,
                         .business_date = "2026-11-11",
                         .at = 1795500001,
                         .place = KS_STAFF_PLACE_STAFF_SCREEN,
                         .failures = 3,
                         .until = 1795500301};
    snprintf(a.uuid, sizeof a.uuid, "5eed0000-0000-4000-8000-000000000032");
    char *text = ks_staff_action_to_json(&a);
    CHECK(text != NULL);
    CHECK_CONTAINS(text, "\"place\":\"staff_screen\",\"failures\":3,\"until\":1795500301");
    ks_staff_action back;
    ks_json_error why;
    CHECK(ks_staff_action_parse(text, strlen(text), &back, &why));
    CHECK(memcmp(&back, &a, sizeof a) == 0);
    free(text);

    ks_staff_action bad = a;
    snprintf(bad.staff, sizeof bad.staff, "omar"); /* nobody is known at a lockout */
    CHECK(ks_staff_action_to_json(&bad) == NULL);
    bad = a;
    bad.place = KS_STAFF_PLACE_NONE;
    CHECK(ks_staff_action_to_json(&bad) == NULL);
    bad = a;
    bad.kind = KS_STAFF_ACTION_SIGN_IN; /* a sign-in has no failures */
    CHECK(ks_staff_action_to_json(&bad) == NULL);
    bad.failures = 0;
    bad.until = 0;
    bad.badge = true;
    text = ks_staff_action_to_json(&bad);
    CHECK(text != NULL);
    CHECK_CONTAINS(text, "\"method\":\"badge\"");
    free(text);
    bad.kind = KS_STAFF_ACTION_CLOSE; /* a close is at the staff screen: no place, no method */
    CHECK(ks_staff_action_to_json(&bad) == NULL);
}

static const struct check_case cases[] = {
    {"sign-in, lockout, close and open taken", test_taken},
    {"each member out of its place refused by name", test_refused},
    {"the writer writes only what the reader takes", test_written},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
