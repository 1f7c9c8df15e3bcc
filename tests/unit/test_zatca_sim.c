/*
 * zatca-sim (kiosk/zatca/zatca_sim.h): its invoice hash equals the
 * ds:DigestValue of ZATCA's signed samples; the reporting body checks
 * (shape, base64, uuid, hash) each refuse what they should; over loopback
 * every scripted outcome gives ZATCA's documented status, credentials and
 * Accept-Version are required, and an invoice accepted once is 409 after.
 */
#include "kiosk/zatca/zatca_sim.h"
#include "tests/unit/test_zatca_fixture.h"

/* The sample's digest of the invoice (the first ds:DigestValue, Id invoiceSignedData). */
static bool sample_digest(const char *xml, char out[45])
{
    const char *at = strstr(xml, "<ds:DigestValue>");
    if (!at)
        return false;
    at += strlen("<ds:DigestValue>");
    size_t n = strcspn(at, "<");
    if (n != 44)
        return false;
    memcpy(out, at, 44);
    out[44] = '\0';
    return true;
}

static void test_hash_of_samples(void)
{
    CHECK(zatca_sdk_dir() != NULL);
    for (size_t i = 0; i < CHECK_COUNT(zatca_samples); i++) {
        size_t len = 0;
        char *xml = zatca_sdk_file(zatca_samples[i], &len);
        char want[45] = "", got[45] = "";
        bool ok = xml && sample_digest(xml, want) && ks_zatca_sim_invoice_hash(xml, len, got) &&
                  strcmp(want, got) == 0;
        free(xml);
        if (!ok)
            check_fail(__FILE__, __LINE__, "%s: %s != %s", zatca_samples[i], got, want);
    }
}

struct body_case {
    const char *name;
    const char *body; /* NULL: the good body of the first sample, changed by edit */
    const char *edit; /* for NULL body: which change */
    const char *code; /* NULL: accepted */
};

/* clang-format off */
static const struct body_case bodies[] = {
    {"good", NULL, "", NULL},
    {"another uuid", NULL, "uuid", "invalid-uuid"},
    {"another hash", NULL, "hash", "invalid-invoice-hash"},
    {"a fourth field", NULL, "extra", "Invalid-Request"},
    {"hash not base64", NULL, "hash64", "invalid-invoice-hash"},
    {"not JSON", "invoice", NULL, "Invalid-Request"},
    {"empty object", "{}", NULL, "Invalid-Request"},
    {"uuid not a UUID", "{\"invoiceHash\":\"x\",\"uuid\":\"8e6000cf\",\"invoice\":\"x\"}", NULL, "invalid-uuid"},
    {"invoice not base64", "{\"invoiceHash\":\"Ssly3/WWEvJVeHVgwT8oMv8kRF5HQZ8ckVSHm9i3n1M=\",\"uuid\":\"8e6000cf-1a98-4174-b3e7-b5d5954bc10d\",\"invoice\":\"<x/>\"}", NULL, "Invalid-Request"},
    /* "<x/>" in base64: well-formed, not an Invoice */
    {"not an invoice", "{\"invoiceHash\":\"Ssly3/WWEvJVeHVgwT8oMv8kRF5HQZ8ckVSHm9i3n1M=\",\"uuid\":\"8e6000cf-1a98-4174-b3e7-b5d5954bc10d\",\"invoice\":\"PHgvPg==\"}", NULL, "XSD_ZATCA_INVALID"},
    /* <!DOCTYPE Invoice []><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/> */
    {"a DTD", "{\"invoiceHash\":\"Ssly3/WWEvJVeHVgwT8oMv8kRF5HQZ8ckVSHm9i3n1M=\",\"uuid\":\"8e6000cf-1a98-4174-b3e7-b5d5954bc10d\",\"invoice\":\"PCFET0NUWVBFIEludm9pY2UgW10+PEludm9pY2UgeG1sbnM9InVybjpvYXNpczpuYW1lczpzcGVjaWZpY2F0aW9uOnVibDpzY2hlbWE6eHNkOkludm9pY2UtMiIvPg==\"}", NULL, "XSD_ZATCA_INVALID"},
};
/* clang-format on */

/* The first sample's body changed as edit says; malloc'd. */
static char *edited_body(const char *edit)
{
    size_t len = 0;
    char *xml = zatca_sdk_file(zatca_samples[0], &len);
    const char *uuid = "8e6000cf-1a98-4174-b3e7-b5d5954bc10d";
    char *body = NULL;
    if (!xml)
        return NULL;
    if (strcmp(edit, "uuid") == 0)
        body = zatca_body(xml, len, "8e6000cf-1a98-4174-b3e7-b5d5954bc10e", NULL);
    else if (strcmp(edit, "hash") == 0)
        body = zatca_body(xml, len, uuid, "Ssly3/WWEvJVeHVgwT8oMv8kRF5HQZ8ckVSHm9i3n1M=");
    else if (strcmp(edit, "hash64") == 0)
        body = zatca_body(xml, len, uuid, "not base64!");
    else
        body = zatca_body(xml, len, uuid, NULL);
    if (body && strcmp(edit, "extra") == 0) {
        char *more = malloc(strlen(body) + 16);
        snprintf(more, strlen(body) + 16, "{\"x\":1,%s", body + 1);
        free(body);
        body = more;
    }
    free(xml);
    return body;
}

static void test_body_checks(void)
{
    for (size_t i = 0; i < CHECK_COUNT(bodies); i++) {
        const struct body_case *c = &bodies[i];
        char *body = c->body ? strdup(c->body) : edited_body(c->edit);
        ks_zatca_sim_invoice inv;
        const char *code = NULL;
        char message[200] = "";
        bool ok = body && ks_zatca_sim_check_invoice(body, strlen(body), &inv, &code, message,
                                                     sizeof message);
        free(body);
        if (c->code ? ok || !code || strcmp(code, c->code) != 0 || !message[0] : !ok)
            check_fail(__FILE__, __LINE__, "%s: %s %s", c->name, ok ? "accepted" : code, message);
    }
}

struct outcome_case {
    enum ks_zatca_sim_outcome outcome;
    long status;
    const char *reporting; /* reportingStatus in the answer, NULL: none */
};

static const struct outcome_case outcomes[] = {
    {KS_ZATCA_SIM_UNAUTHORIZED, 401, NULL},
    {KS_ZATCA_SIM_BUSY, 429, NULL},
    {KS_ZATCA_SIM_FAILING, 500, NULL},
    {KS_ZATCA_SIM_DOWN, 503, NULL},
    {KS_ZATCA_SIM_TIMEOUT, 503, NULL},
    {KS_ZATCA_SIM_ERRORS, 400, "NOT_REPORTED"},
    {KS_ZATCA_SIM_ALREADY, 409, "NOT_REPORTED"},
    {KS_ZATCA_SIM_WARNINGS, 202, "REPORTED"},
    {KS_ZATCA_SIM_LOST, 409, "NOT_REPORTED"},     /* accepted before: no answer to lose */
    {KS_ZATCA_SIM_REPORTED, 409, "NOT_REPORTED"}, /* the same invoice again */
};

static bool reporting_status_is(const char *body, const char *want)
{
    json_t *root = json_loads(body, 0, NULL);
    const char *got = json_string_value(json_object_get(root, "reportingStatus"));
    bool same = want ? got && strcmp(got, want) == 0 : got == NULL;
    json_decref(root);
    return same;
}

/*
 * A simulator on loopback with the test CSID, holding 1 ms, answering the
 * script then "reported"; its reporting URL in url and the CSID's
 * credentials in auth. NULL when it cannot start.
 */
static ks_zatca_sim *reporting_sim(const enum ks_zatca_sim_outcome *script, size_t n,
                                   const char *journal, char url[96],
                                   char auth[KS_ZATCA_SIM_AUTH_MAX])
{
    const ks_zatca_sim_options opt = {
        .listen = "127.0.0.1:0",
        .token = ZATCA_TEST_TOKEN,
        .secret = ZATCA_TEST_SECRET,
        .script = script,
        .script_len = n,
        .hold_ms = 1,
        .journal = journal,
    };
    ks_zatca_sim *sim = ks_zatca_sim_start(&opt);
    if (sim)
        snprintf(url, 96, "http://127.0.0.1:%u/invoices/reporting/single",
                 (unsigned)ks_zatca_sim_port(sim));
    ks_zatca_sim_basic_auth(ZATCA_TEST_TOKEN, ZATCA_TEST_SECRET, auth);
    return sim;
}

static void test_scripted_outcomes(void)
{
    enum ks_zatca_sim_outcome script[CHECK_COUNT(outcomes)];
    for (size_t i = 0; i < CHECK_COUNT(outcomes); i++)
        script[i] = outcomes[i].outcome;
    const char *journal = check_path(check_tmp_dir(), "journal.jsonl");
    unlink(journal);
    char url[96], auth[KS_ZATCA_SIM_AUTH_MAX], uuid[37];
    ks_zatca_sim *sim = reporting_sim(script, CHECK_COUNT(script), journal, url, auth);
    CHECK(sim != NULL);
    char *body = zatca_sample_body(0, uuid);
    struct http_reply *a = malloc(sizeof *a);
    bool ok = body && a;
    /* Refused before the script: no credentials, wrong ones, no Accept-Version. */
    if (ok) {
        zatca_post(url, "V2", NULL, NULL, body, a);
        ok = a->status == 401;
        zatca_post(url, "V2", "Basic eDp5", NULL, body, a);
        ok = ok && a->status == 401;
        zatca_post(url, NULL, auth, NULL, body, a);
        ok = ok && a->status == 400;
    }
    for (size_t i = 0; ok && i < CHECK_COUNT(outcomes); i++) {
        zatca_post(url, "V2", auth, NULL, body, a);
        if (a->status != outcomes[i].status ||
            !reporting_status_is(a->body, outcomes[i].reporting)) {
            check_fail(__FILE__, __LINE__, "outcome %zu: HTTP %ld %s", i, a->status, a->body);
            ok = false;
        }
    }
    ks_zatca_sim_invoice_stats stats;
    ks_zatca_sim_invoice_stats_get(sim, uuid, &stats);
    uint64_t requests = 0, accepted = 0;
    ks_zatca_sim_counts(sim, &requests, &accepted);
    free(a);
    free(body);
    ks_zatca_sim_stop(sim);
    CHECK(ok);
    CHECK_EQ_INT(stats.accepted, 1);
    CHECK_EQ_INT(stats.repeats, 2);
    CHECK_EQ_INT(stats.requests, 3);
    CHECK_EQ_INT(accepted, 1);
    CHECK_EQ_INT(requests, 3 + CHECK_COUNT(outcomes));
    char *lines = check_read_file(journal, NULL);
    CHECK(lines && strstr(lines, "\"status\":202"));
    free(lines);
}

/* "lost": the invoice is taken, the answer never comes (503 after the hold); a resend is 409. */
static void test_lost_answer(void)
{
    static const enum ks_zatca_sim_outcome script[] = {KS_ZATCA_SIM_LOST};
    char url[96], auth[KS_ZATCA_SIM_AUTH_MAX], uuid[37];
    ks_zatca_sim *sim = reporting_sim(script, 1, NULL, url, auth);
    CHECK(sim != NULL);
    char *body = zatca_sample_body(1, uuid);
    struct http_reply *a = malloc(sizeof *a);
    long first = 0, again = 0;
    if (body && a) {
        zatca_post(url, "V2", auth, NULL, body, a);
        first = a->status;
        zatca_post(url, "V2", auth, NULL, body, a);
        again = a->status;
    }
    ks_zatca_sim_invoice_stats stats;
    ks_zatca_sim_invoice_stats_get(sim, uuid, &stats);
    free(a);
    free(body);
    ks_zatca_sim_stop(sim);
    CHECK_EQ_INT(first, 503);
    CHECK_EQ_INT(again, 409);
    CHECK_EQ_INT(stats.accepted, 1);
    CHECK_EQ_INT(stats.repeats, 1);
}

static const struct check_case cases[] = {
    {"hash of the SDK's samples", test_hash_of_samples},
    {"body checks", test_body_checks},
    {"scripted outcomes", test_scripted_outcomes},
    {"a lost answer: taken, then 409", test_lost_answer},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
