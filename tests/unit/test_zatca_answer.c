/*
 * ZATCA's answers read (kiosk/app/zatca_answer.h): each documented answer
 * of the reporting API and what it means for the invoice, answers not
 * understood (retried, never lost), and CSID answers.
 */
#include "kiosk/app/zatca_answer.h"
#include "tests/support/check.h"

#include <stdio.h>

#define VALIDATION(status, warnings, errors, reporting)                                            \
    "{\"validationResults\":{\"infoMessages\":[{\"type\":\"INFO\",\"code\":\"XSD_ZATCA_VALID\","   \
    "\"category\":\"XSD validation\",\"message\":\"Complied\",\"status\":\"PASS\"}],"              \
    "\"warningMessages\":[" warnings "],\"errorMessages\":[" errors "],\"status\":\"" status       \
    "\"},\"reportingStatus\":\"" reporting "\"}"
#define WARNING                                                                                    \
    "{\"type\":\"WARNING\",\"code\":\"BR-KSA-98\",\"category\":\"KSA\",\"message\":\"Late\","      \
    "\"status\":\"WARNING\"}"
#define ERROR_37                                                                                   \
    "{\"type\":\"ERROR\",\"code\":\"BR-KSA-37\",\"category\":\"KSA\",\"message\":\"Building "      \
    "number\",\"status\":\"ERROR\"}"

struct answer_case {
    const char *name;
    long status;
    const char *body;
    enum ks_zatca_outcome outcome;
    int warnings, errors;
    const char *messages;
};

/* clang-format off */
static const struct answer_case answers[] = {
    {"200 reported", 200, VALIDATION("PASS", "", "", "REPORTED"), KS_ZATCA_REPORTED, 0, 0, "HTTP 200"},
    {"200 reported with a warning", 200, VALIDATION("WARNING", WARNING, "", "REPORTED"), KS_ZATCA_REPORTED_WARNED, 1, 0, "BR-KSA-98: Late"},
    {"202 reported with warnings", 202, VALIDATION("WARNING", WARNING "," WARNING, "", "REPORTED"), KS_ZATCA_REPORTED_WARNED, 2, 0, "BR-KSA-98: Late; BR-KSA-98: Late"},
    {"202 without a body", 202, NULL, KS_ZATCA_REPORTED_WARNED, 0, 0, "HTTP 202"},
    {"400 not reported", 400, VALIDATION("ERROR", WARNING, ERROR_37, "NOT_REPORTED"), KS_ZATCA_NOT_REPORTED, 1, 1, "BR-KSA-37: Building number"},
    {"400 not JSON", 400, "<html>bad request</html>", KS_ZATCA_NOT_REPORTED, 0, 0, "HTTP 400"},
    {"409 already reported", 409, VALIDATION("ERROR", "", ERROR_37, "NOT_REPORTED"), KS_ZATCA_ALREADY_REPORTED, 0, 1, "BR-KSA-37: Building number"},
    {"409 empty", 409, "", KS_ZATCA_ALREADY_REPORTED, 0, 0, "HTTP 409"},
    {"401", 401, "", KS_ZATCA_MISCONFIGURED, 0, 0, "HTTP 401"},
    {"403 with a message", 403, "{\"message\":\"Forbidden\"}", KS_ZATCA_MISCONFIGURED, 0, 0, "Forbidden"},
    {"404", 404, "", KS_ZATCA_MISCONFIGURED, 0, 0, "HTTP 404"},
    {"no answer", 0, NULL, KS_ZATCA_RETRY, 0, 0, "no answer"},
    {"408", 408, "", KS_ZATCA_RETRY, 0, 0, "HTTP 408"},
    {"429", 429, "{\"code\":\"Too-Many-Requests\",\"message\":\"Too many requests\"}", KS_ZATCA_RETRY, 0, 0, "Too many requests"},
    {"500", 500, "", KS_ZATCA_RETRY, 0, 0, "HTTP 500"},
    {"503", 503, "<html>down</html>", KS_ZATCA_RETRY, 0, 0, "HTTP 503"},
    {"200 NOT_REPORTED is not understood", 200, VALIDATION("ERROR", "", ERROR_37, "NOT_REPORTED"), KS_ZATCA_RETRY, 0, 1, "BR-KSA-37: Building number"},
    {"200 not JSON", 200, "ok", KS_ZATCA_RETRY, 0, 0, "HTTP 200"},
    {"200 empty", 200, "", KS_ZATCA_RETRY, 0, 0, "HTTP 200"},
    {"302", 302, "", KS_ZATCA_RETRY, 0, 0, "HTTP 302"},
    {"messages not objects", 400, "{\"validationResults\":{\"errorMessages\":[1,\"x\",null]}}", KS_ZATCA_NOT_REPORTED, 0, 0, "HTTP 400"},
    {"control characters cleaned", 400, "{\"validationResults\":{\"errorMessages\":[{\"code\":\"A\\n\",\"message\":\"b\\tc\"}]}}", KS_ZATCA_NOT_REPORTED, 0, 1, "A : b c"},
    {"a message without code", 400, "{\"validationResults\":{\"errorMessages\":[{\"message\":\"m\"}]}}", KS_ZATCA_NOT_REPORTED, 0, 1, "?: m"},
};
/* clang-format on */

static void test_reporting_answers(void)
{
    for (size_t i = 0; i < CHECK_COUNT(answers); i++) {
        const struct answer_case *c = &answers[i];
        ks_zatca_answer a;
        ks_zatca_answer_parse(c->status, c->body, c->body ? strlen(c->body) : 0, &a);
        if (a.outcome != c->outcome || a.warnings != c->warnings || a.errors != c->errors ||
            strcmp(a.messages, c->messages) != 0)
            check_fail(__FILE__, __LINE__, "%s: outcome %s, %d warnings, %d errors, '%s'", c->name,
                       ks_zatca_outcome_name(a.outcome), a.warnings, a.errors, a.messages);
    }
}

static void test_long_messages_cut(void)
{
    char body[8192];
    size_t len = (size_t)snprintf(body, sizeof body, "{\"validationResults\":{\"errorMessages\":[");
    for (int i = 0; i < 60; i++)
        len += (size_t)snprintf(body + len, sizeof body - len, "%s" ERROR_37, i ? "," : "");
    snprintf(body + len, sizeof body - len, "]}}");
    ks_zatca_answer a;
    ks_zatca_answer_parse(400, body, strlen(body), &a);
    CHECK_EQ_INT(a.outcome, KS_ZATCA_NOT_REPORTED);
    CHECK_EQ_INT(a.errors, 60);
    CHECK_EQ_INT(strlen(a.messages), KS_ZATCA_MESSAGES_MAX);
}

struct csid_case {
    const char *name;
    const char *body;
    bool ok;
    const char *request_id;
};

/* clang-format off */
static const struct csid_case csids[] = {
    {"compliance answer", "{\"requestID\":1234567890123,\"dispositionMessage\":\"ISSUED\",\"binarySecurityToken\":\"TUlJQg==\",\"secret\":\"Dehvg1fc\"}", true, "1234567890123"},
    {"string requestID", "{\"requestID\":\"42\",\"binarySecurityToken\":\"TUlJQg==\",\"secret\":\"x\"}", true, "42"},
    {"no requestID", "{\"binarySecurityToken\":\"TUlJQmFh\",\"secret\":\"x\"}", true, ""},
    {"token not base64", "{\"binarySecurityToken\":\"TUlJQg=\",\"secret\":\"x\"}", false, ""},
    {"token with a space", "{\"binarySecurityToken\":\"TUlJ Qg==\",\"secret\":\"x\"}", false, ""},
    {"padding inside", "{\"binarySecurityToken\":\"TU=JQg==\",\"secret\":\"x\"}", false, ""},
    {"empty secret", "{\"binarySecurityToken\":\"TUlJQg==\",\"secret\":\"\"}", false, ""},
    {"secret with a newline", "{\"binarySecurityToken\":\"TUlJQg==\",\"secret\":\"a\\nb\"}", false, ""},
    {"no secret", "{\"binarySecurityToken\":\"TUlJQg==\"}", false, ""},
    {"negative requestID", "{\"requestID\":-1,\"binarySecurityToken\":\"TUlJQg==\",\"secret\":\"x\"}", false, ""},
    {"requestID object", "{\"requestID\":{},\"binarySecurityToken\":\"TUlJQg==\",\"secret\":\"x\"}", false, ""},
    {"duplicate keys", "{\"secret\":\"x\",\"secret\":\"y\",\"binarySecurityToken\":\"TUlJQg==\"}", false, ""},
    {"an array", "[]", false, ""},
    {"not JSON", "secret=x", false, ""},
    {"empty", "", false, ""},
};
/* clang-format on */

static void test_csid_answers(void)
{
    for (size_t i = 0; i < CHECK_COUNT(csids); i++) {
        ks_zatca_csid csid;
        ks_json_error why = {.reason = ""};
        bool ok = ks_zatca_csid_parse(csids[i].body, strlen(csids[i].body), &csid, &why);
        if (ok != csids[i].ok || ok == (why.reason[0] != '\0') ||
            strcmp(csid.request_id, csids[i].request_id) != 0)
            check_fail(__FILE__, __LINE__, "%s: %s %s (%s)", csids[i].name, why.path,
                       ok ? "ok" : why.reason, csid.request_id);
    }
}

static const struct check_case cases[] = {
    {"reporting answers", test_reporting_answers},
    {"long messages cut", test_long_messages_cut},
    {"CSID answers", test_csid_answers},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
