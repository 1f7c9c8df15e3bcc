/*
 * The nexo+https terminal driver against the terminal simulator, over real
 * HTTPS on loopback: every scripted outcome, recovery of lost answers with
 * TransactionStatus, abort from another thread, reversal, certificate
 * checks, and the URI that configures it all.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "devices/payment/nexo_terminal.h"
#include "devices/payment/nexo_uri.h"
#include "devices/payment/terminal.h"
#include "devices/sim/nexo_terminal_sim.h"
#include "tests/support/check.h"
#include "tests/unit/test_nexo_fixture.h"

static struct nexo_fixture fx;

/* A simulator and a terminal handle on it; both NULL when either cannot start. */
struct rig {
    dev_nexo_sim *sim;
    dev_terminal *t;
};

static struct rig rig_start(long card_delay_ms, const char *ca, const char *extra)
{
    struct rig r = {0};
    if (!nexo_fixture_init(&fx))
        return r;
    dev_nexo_sim_config c = nexo_fixture_sim_config(&fx);
    c.card_delay_ms = card_delay_ms;
    char why[256];
    r.sim = dev_nexo_sim_start(&c, why, sizeof why);
    if (!r.sim) {
        fprintf(stderr, "  simulator: %s\n", why);
        return r;
    }
    char uri[16384];
    nexo_fixture_uri(&fx, dev_nexo_sim_port(r.sim), ca, extra, uri, sizeof uri);
    r.t = dev_terminal_open(uri, why, sizeof why);
    if (!r.t) {
        fprintf(stderr, "  terminal: %s\n", why);
        dev_nexo_sim_stop(r.sim);
        r.sim = NULL;
    }
    return r;
}

static void rig_stop(struct rig *r)
{
    dev_terminal_close(r->t);
    dev_nexo_sim_stop(r->sim);
}

static int sent_calls;

static void count_sent(void *ctx)
{
    (void)ctx;
    sent_calls++;
}

static dev_pay_request pay_request(const char *sale_txn_id, long timeout_ms)
{
    dev_pay_request req = {
        .sale_txn_id = sale_txn_id,
        .sale_time = 1795512600, /* 2026-11-24 09:30 UTC */
        .amount = 6850,
        .currency = "SAR",
        .exponent = 2,
        .timeout_ms = timeout_ms,
        .on_sent = count_sent,
    };
    return req;
}

/* ---- Every scripted outcome ------------------------------------------------------------ */

struct outcome_case {
    enum dev_nexo_sim_outcome script;
    enum dev_pay_outcome payment; /* what payment() says */
    const char *condition;        /* the terminal's ErrorCondition */
    enum dev_pay_outcome status;  /* what transaction_status says once the terminal is idle */
    unsigned charges;
};

static const struct outcome_case outcome_cases[] = {
    {DEV_NEXO_SIM_APPROVE, DEV_PAY_APPROVED, "", DEV_PAY_APPROVED, 1},
    {DEV_NEXO_SIM_DECLINE, DEV_PAY_DECLINED, "Refusal", DEV_PAY_DECLINED, 0},
    {DEV_NEXO_SIM_CANCEL, DEV_PAY_CANCELLED, "Cancel", DEV_PAY_CANCELLED, 0},
    /* Busy: refused at once, never journaled, so the status cannot find it. */
    {DEV_NEXO_SIM_BUSY, DEV_PAY_FAILED, "Busy", DEV_PAY_NOT_FOUND, 0},
    /* The connection drops at once, and the customer pays anyway. */
    {DEV_NEXO_SIM_DROP, DEV_PAY_TIMEOUT, "", DEV_PAY_APPROVED, 1},
    /* Charged, and the answer never arrives. */
    {DEV_NEXO_SIM_LOST, DEV_PAY_TIMEOUT, "", DEV_PAY_APPROVED, 1},
};

static void test_every_outcome(void)
{
    for (size_t i = 0; i < CHECK_COUNT(outcome_cases); i++) {
        const struct outcome_case *c = &outcome_cases[i];
        struct rig r = rig_start(30, NULL, "");
        CHECK(r.t);
        char sale[40];
        snprintf(sale, sizeof sale, "sale-%s", dev_nexo_sim_outcome_name(c->script));
        dev_nexo_sim_script(r.sim, c->script);
        dev_pay_request req = pay_request(sale, 3000);
        dev_pay_result res, status;
        sent_calls = 0;
        dev_terminal_payment(r.t, &req, &res);
        bool idle = dev_nexo_sim_wait_idle(r.sim, CHECK_WAIT_MS);
        dev_terminal_transaction_status(r.t, &req, &status);
        unsigned charges = dev_nexo_sim_charges(r.sim, sale);
        rig_stop(&r);
        fprintf(stderr, "  %s: payment %s (%s), status %s\n", dev_nexo_sim_outcome_name(c->script),
                dev_pay_outcome_name(res.outcome), res.error, dev_pay_outcome_name(status.outcome));
        CHECK_EQ_INT(sent_calls, 1);
        CHECK(idle);
        CHECK_EQ_STR(dev_pay_outcome_name(res.outcome), dev_pay_outcome_name(c->payment));
        CHECK_EQ_STR(res.condition, c->condition);
        CHECK_EQ_STR(dev_pay_outcome_name(status.outcome), dev_pay_outcome_name(c->status));
        CHECK_EQ_INT(charges, c->charges);
        if (c->status == DEV_PAY_APPROVED) {
            CHECK_EQ_STR(status.brand, "mada");
            CHECK_EQ_INT(strlen(status.masked_pan), 16);
            CHECK(status.poi_txn_id[0] && status.poi_timestamp[0] && status.approval_code[0]);
            CHECK_EQ_INT(status.authorized, 6850);
        }
        if (c->payment == DEV_PAY_APPROVED)
            CHECK_EQ_STR(res.poi_txn_id, status.poi_txn_id);
    }
}

static void test_decline_carries_the_reason(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_nexo_sim_script(r.sim, DEV_NEXO_SIM_DECLINE);
    dev_pay_request req = pay_request("sale-decline-reason", 3000);
    dev_pay_result res;
    dev_terminal_payment(r.t, &req, &res);
    rig_stop(&r);
    CHECK_EQ_INT(res.outcome, DEV_PAY_DECLINED);
    CHECK_CONTAINS(res.error, "Not enough balance");
    CHECK_EQ_STR(res.masked_pan, "");
}

/* ---- Waiting for the card: timeout, abort, status -------------------------------------- */

static void test_timeout_then_abort_then_status(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_nexo_sim_script(r.sim, DEV_NEXO_SIM_TIMEOUT);
    dev_pay_request req = pay_request("sale-timeout", 300);
    dev_pay_result res, during, after;
    dev_terminal_payment(r.t, &req, &res);
    dev_terminal_transaction_status(r.t, &req, &during);
    char why[192] = "";
    bool aborted = dev_terminal_abort(r.t, "sale-timeout", 2000, why, sizeof why);
    dev_terminal_transaction_status(r.t, &req, &after);
    unsigned charges = dev_nexo_sim_charges(r.sim, "sale-timeout");
    unsigned aborts = dev_nexo_sim_requests(r.sim, DEV_NEXO_ABORT);
    rig_stop(&r);
    CHECK_EQ_INT(res.outcome, DEV_PAY_TIMEOUT);
    CHECK_CONTAINS(res.error, "no answer before the deadline");
    CHECK_EQ_INT(during.outcome, DEV_PAY_IN_PROGRESS);
    CHECK(aborted);
    CHECK_EQ_INT(aborts, 1);
    CHECK_EQ_INT(after.outcome, DEV_PAY_CANCELLED);
    CHECK_EQ_STR(after.condition, "Aborted");
    CHECK_EQ_INT(charges, 0);
}

struct abort_job {
    dev_terminal *t;
    dev_nexo_sim *sim;
    const char *sale;
    bool ok;
};

/* Aborts once the terminal holds the payment, as a customer pressing cancel would. */
static void *abort_later(void *ctx)
{
    struct abort_job *job = ctx;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS;
         check_now_ms() < end && dev_nexo_sim_requests(job->sim, DEV_NEXO_PAYMENT) == 0;)
        check_sleep_ms(10);
    job->ok = dev_terminal_abort(job->t, job->sale, 2000, NULL, 0);
    return NULL;
}

static void test_abort_from_another_thread(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_nexo_sim_script(r.sim, DEV_NEXO_SIM_TIMEOUT);
    dev_pay_request req = pay_request("sale-abort-thread", 4000);
    struct abort_job job = {r.t, r.sim, "sale-abort-thread", false};
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, abort_later, &job) == 0);
    dev_pay_result res;
    dev_terminal_payment(r.t, &req, &res);
    pthread_join(thread, NULL);
    unsigned charges = dev_nexo_sim_charges(r.sim, "sale-abort-thread");
    rig_stop(&r);
    CHECK(job.ok);
    CHECK_EQ_INT(res.outcome, DEV_PAY_CANCELLED);
    CHECK_EQ_STR(res.condition, "Aborted");
    CHECK_EQ_INT(charges, 0);
}

static void test_second_payment_while_busy(void)
{
    /* The dropped payment's customer takes a second, so it still waits when the next comes. */
    struct rig r = rig_start(1000, NULL, "");
    CHECK(r.t);
    dev_nexo_sim_script(r.sim, DEV_NEXO_SIM_DROP);
    dev_pay_request first = pay_request("sale-busy-1", 2000);
    dev_pay_request second = pay_request("sale-busy-2", 2000);
    dev_pay_result a, b;
    dev_terminal_payment(r.t, &first, &a);
    dev_terminal_payment(r.t, &second, &b);
    dev_nexo_sim_wait_idle(r.sim, CHECK_WAIT_MS);
    unsigned charges =
        dev_nexo_sim_charges(r.sim, "sale-busy-1") + dev_nexo_sim_charges(r.sim, "sale-busy-2");
    rig_stop(&r);
    CHECK_EQ_INT(a.outcome, DEV_PAY_TIMEOUT);
    CHECK_EQ_INT(b.outcome, DEV_PAY_FAILED);
    CHECK_EQ_STR(b.condition, "Busy");
    CHECK_EQ_INT(charges, 1);
}

static void test_status_of_a_payment_never_sent(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_pay_request req = pay_request("sale-never-sent", 2000);
    dev_pay_result res;
    dev_terminal_transaction_status(r.t, &req, &res);
    rig_stop(&r);
    CHECK_EQ_INT(res.outcome, DEV_PAY_NOT_FOUND);
    CHECK_EQ_STR(res.condition, "NotFound");
}

/* ---- Reversal ------------------------------------------------------------------------- */

static void test_reversal(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_pay_request req = pay_request("sale-reversal", 2000);
    dev_pay_result paid, back, again, unknown;
    dev_terminal_payment(r.t, &req, &paid);
    dev_pay_original original = {paid.poi_txn_id, paid.poi_timestamp, 6850, 2};
    dev_terminal_reversal(r.t, &original, 2000, &back);
    dev_terminal_reversal(r.t, &original, 2000, &again);
    dev_pay_original nothing = {"SIM999999.none", "2026-11-24T09:30:00Z", 6850, 2};
    dev_terminal_reversal(r.t, &nothing, 2000, &unknown);
    unsigned charges = dev_nexo_sim_charges(r.sim, "sale-reversal");
    unsigned reversals = dev_nexo_sim_reversals(r.sim, "sale-reversal");
    rig_stop(&r);
    CHECK_EQ_INT(paid.outcome, DEV_PAY_APPROVED);
    CHECK_EQ_INT(back.outcome, DEV_PAY_APPROVED);
    CHECK(back.poi_txn_id[0] && strcmp(back.poi_txn_id, paid.poi_txn_id) != 0);
    CHECK_EQ_INT(again.outcome, DEV_PAY_APPROVED); /* reversing twice gives back once */
    CHECK_EQ_INT(unknown.outcome, DEV_PAY_NOT_FOUND);
    CHECK_EQ_INT(charges, 1);
    CHECK_EQ_INT(reversals, 1);
}

/* ---- Transport and keys --------------------------------------------------------------- */

static void test_certificate_checks(void)
{
    static const struct {
        const char *name;
        bool other_ca;
        const char *extra;
        enum dev_pay_outcome expect;
    } cases[] = {
        {"the terminal's CA", false, "", DEV_PAY_APPROVED},
        {"another CA", true, "", DEV_PAY_UNREACHABLE},
        {"certified name given", false, "&tls_name=" FIXTURE_POI, DEV_PAY_APPROVED},
        {"a name the certificate lacks", false, "&tls_name=other-terminal", DEV_PAY_UNREACHABLE},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        CHECK(nexo_fixture_init(&fx));
        struct rig r = rig_start(10, cases[i].other_ca ? fx.other_ca_path : NULL, cases[i].extra);
        CHECK(r.t);
        dev_pay_request req = pay_request("sale-tls", 2000);
        dev_pay_result res;
        sent_calls = 0;
        dev_terminal_payment(r.t, &req, &res);
        unsigned payments = dev_nexo_sim_requests(r.sim, DEV_NEXO_PAYMENT);
        rig_stop(&r);
        if (res.outcome != cases[i].expect)
            fprintf(stderr, "  %s: %s (%s)\n", cases[i].name, dev_pay_outcome_name(res.outcome),
                    res.error);
        CHECK_EQ_INT(res.outcome, cases[i].expect);
        /* Refused certificates: nothing was sent, so nothing can have been charged. */
        CHECK_EQ_INT(payments, cases[i].expect == DEV_PAY_APPROVED);
        CHECK_EQ_INT(sent_calls, cases[i].expect == DEV_PAY_APPROVED);
    }
}

static void test_nobody_listening(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_nexo_sim_stop(r.sim);
    r.sim = NULL;
    dev_pay_request req = pay_request("sale-nobody", 2000);
    dev_pay_result res, status;
    dev_terminal_payment(r.t, &req, &res);
    dev_terminal_transaction_status(r.t, &req, &status);
    char why[192] = "";
    bool aborted = dev_terminal_abort(r.t, "sale-nobody", 1000, why, sizeof why);
    rig_stop(&r);
    CHECK_EQ_INT(res.outcome, DEV_PAY_UNREACHABLE);
    CHECK(dev_pay_outcome_settled(res.outcome));
    /* A status that cannot be asked says nothing: never a settled outcome. */
    CHECK_EQ_INT(status.outcome, DEV_PAY_TIMEOUT);
    CHECK(!aborted);
    CHECK(why[0]);
}

static void test_wrong_passphrase(void)
{
    CHECK(nexo_fixture_init(&fx));
    char path[4300];
    snprintf(path, sizeof path, "%s/wrong.key", check_tmp_dir());
    FILE *f = fopen(path, "w");
    CHECK(f);
    fputs("not-the-passphrase\n", f);
    fclose(f);
    dev_nexo_sim_config c = nexo_fixture_sim_config(&fx);
    dev_nexo_sim *sim = dev_nexo_sim_start(&c, NULL, 0);
    CHECK(sim);
    char uri[16384];
    snprintf(uri, sizeof uri,
             "nexo+https://127.0.0.1:%u/nexo?poi=" FIXTURE_POI "&sale=S&key_id=" FIXTURE_KEY_ID
             "&key_version=1&passphrase_file=%s&ca=%s",
             dev_nexo_sim_port(sim), path, fx.ca_path);
    dev_terminal *t = dev_terminal_open(uri, NULL, 0);
    dev_pay_request req = pay_request("sale-wrong-key", 2000);
    dev_pay_result res = {0};
    if (t)
        dev_terminal_payment(t, &req, &res);
    unsigned payments = dev_nexo_sim_requests(sim, DEV_NEXO_PAYMENT);
    dev_terminal_close(t);
    dev_nexo_sim_stop(sim);
    CHECK(t);
    /* The terminal cannot open it and answers an HTTP error: no trustworthy answer. */
    CHECK_EQ_INT(res.outcome, DEV_PAY_BAD_ANSWER);
    CHECK_CONTAINS(res.error, "HTTP status 401");
    CHECK_EQ_INT(payments, 0);
}

static void test_wrong_currency(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_pay_request req = pay_request("sale-usd", 2000);
    req.currency = "USD";
    dev_pay_result res;
    dev_terminal_payment(r.t, &req, &res);
    rig_stop(&r);
    CHECK_EQ_INT(res.outcome, DEV_PAY_FAILED);
    CHECK_EQ_STR(res.condition, "NotAllowed");
}

static void test_bad_requests_are_not_sent(void)
{
    struct rig r = rig_start(10, NULL, "");
    CHECK(r.t);
    dev_pay_request req = pay_request("", 2000);
    dev_pay_result pay, status;
    dev_terminal_payment(r.t, &req, &pay);
    dev_terminal_transaction_status(r.t, &req, &status);
    req = pay_request("sale-zero", 2000);
    req.amount = 0;
    dev_pay_result zero;
    dev_terminal_payment(r.t, &req, &zero);
    unsigned payments = dev_nexo_sim_requests(r.sim, DEV_NEXO_PAYMENT);
    rig_stop(&r);
    CHECK_EQ_INT(pay.outcome, DEV_PAY_FAILED);
    CHECK_EQ_INT(status.outcome, DEV_PAY_BAD_ANSWER); /* never "not charged" */
    CHECK_EQ_INT(zero.outcome, DEV_PAY_FAILED);
    CHECK_EQ_INT(payments, 0);
}

static void test_service_ids(void)
{
    char a[11], b[11], c[11];
    CHECK(dev_nexo_payment_service_id("sale-1", a));
    CHECK(dev_nexo_payment_service_id("sale-1", b));
    CHECK(dev_nexo_payment_service_id("sale-2", c));
    CHECK_EQ_STR(a, b);
    CHECK(strcmp(a, c) != 0);
    CHECK_EQ_INT(strlen(a), 10);
    for (int i = 0; i < 10; i++)
        CHECK((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'a' && a[i] <= 'z'));
}

/* ---- Opening and the URI -------------------------------------------------------------- */

static void test_uri(void)
{
    static const struct {
        const char *uri;
        const char *problem; /* NULL: accepted */
    } cases[] = {
        {"nexo+https://10.0.0.5:8443/nexo?poi=P&sale=S&key_id=K&key_version=3"
         "&passphrase_file=/k&ca=/c",
         NULL},
        {"nexo+https://10.0.0.5?poi=P&sale=S&key_id=K&key_version=0&passphrase_file=/k&ca=/c"
         "&tls_name=V400m-1&connect_timeout_ms=100",
         NULL},
        {"nexo+https://[fd00::5]:9000/x?poi=P%20Q&sale=S&key_id=K&key_version=1"
         "&passphrase_file=/k&ca=/c",
         NULL},
        {"nexo+http://10.0.0.5/nexo?poi=P", "does not start with"},
        {"nexo+https://10.0.0.5:0/nexo?poi=P", "port"},
        {"nexo+https://10.0.0.5:65536/nexo?poi=P", "port"},
        {"nexo+https://10.0.0.5:84x3/nexo?poi=P", "port"},
        {"nexo+https:///nexo?poi=P", "no host"},
        {"nexo+https://bad_host/nexo?poi=P", "host name"},
        {"nexo+https://[fd00::5/nexo?poi=P", "bracket"},
        {"nexo+https://h/nexo?poi=P&sale=S&key_id=K&key_version=1&passphrase_file=/k",
         "\"ca\" is missing"},
        {"nexo+https://h/nexo?poi=P&poi=Q", "twice"},
        {"nexo+https://h/nexo?poi=P&colour=blue", "unknown parameter \"colour\""},
        {"nexo+https://h/nexo?poi=", "empty"},
        {"nexo+https://h/nexo?poi=%zz", "escaped"},
        {"nexo+https://h/nexo?poi=%0a", "escaped"},
        {"nexo+https://h/nexo?poi", "name=value"},
        {"nexo+https://h/nexo?key_version=-1", "number"},
        {"nexo+https://h/nexo?key_version=4294967296", "number"},
        {"nexo+https://h/nexo?connect_timeout_ms=99", "number"},
        {"nexo+https://h/nexo?passphrase_file=relative", "cannot take"},
        {"nexo+https://h/nexo?tls_name=a_b", "cannot take"},
        {"nexo+https://h/ne xo?poi=P", "path"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        dev_nexo_uri u;
        char why[160];
        bool ok = dev_nexo_uri_parse(cases[i].uri, &u, why, sizeof why);
        if (ok != (cases[i].problem == NULL) || (!ok && !strstr(why, cases[i].problem))) {
            fprintf(stderr, "  %s: %s\n", cases[i].uri, ok ? "accepted" : why);
            CHECK(false);
        }
    }
    dev_nexo_uri u;
    CHECK(dev_nexo_uri_parse(cases[2].uri, &u, NULL, 0));
    CHECK_EQ_STR(u.host, "[fd00::5]");
    CHECK_EQ_INT(u.port, 9000);
    CHECK_EQ_STR(u.path, "/x");
    CHECK_EQ_STR(u.poi_id, "P Q");
    CHECK(dev_nexo_uri_parse(cases[1].uri, &u, NULL, 0));
    CHECK_EQ_INT(u.port, 8443);
    CHECK_EQ_STR(u.path, "/nexo");
    CHECK_EQ_STR(u.tls_name, "V400m-1");
    CHECK_EQ_INT(u.connect_timeout_ms, 100);
    CHECK_EQ_INT(u.key_version, 0);
}

static void test_open_failures(void)
{
    CHECK(nexo_fixture_init(&fx));
    char uri[16384], why[192];
    CHECK(!dev_terminal_open("zvt://10.0.0.5:20007", why, sizeof why));
    CHECK_CONTAINS(why, "no terminal driver");
    CHECK(!dev_terminal_open(NULL, NULL, 0));
    snprintf(uri, sizeof uri,
             "nexo+https://127.0.0.1/nexo?poi=P&sale=S&key_id=K&key_version=1"
             "&passphrase_file=/nonexistent/key&ca=%s",
             fx.ca_path);
    CHECK(!dev_terminal_open(uri, why, sizeof why));
    CHECK_CONTAINS(why, "passphrase file");
    snprintf(uri, sizeof uri,
             "nexo+https://127.0.0.1/nexo?poi=P&sale=S&key_id=K&key_version=1"
             "&passphrase_file=%s&ca=/nonexistent/ca.pem",
             fx.passphrase_path);
    CHECK(!dev_terminal_open(uri, why, sizeof why));
    CHECK_CONTAINS(why, "CA file");
    nexo_fixture_uri(&fx, 1, NULL, "", uri, sizeof uri);
    dev_terminal *t = dev_terminal_open(uri, why, sizeof why);
    CHECK(t);
    CHECK_EQ_STR(dev_terminal_driver_of(t)->scheme, "nexo+https");
    dev_terminal_close(t);
    dev_terminal_close(NULL);
}

static const struct check_case cases[] = {
    {"every scripted outcome, and the status after it", test_every_outcome},
    {"a decline carries the terminal's reason", test_decline_carries_the_reason},
    {"timeout, then status in progress, abort, status cancelled",
     test_timeout_then_abort_then_status},
    {"abort from another thread while the payment waits", test_abort_from_another_thread},
    {"a second payment while one waits is Busy", test_second_payment_while_busy},
    {"status of a payment never sent is not found", test_status_of_a_payment_never_sent},
    {"reversal", test_reversal},
    {"certificate checks", test_certificate_checks},
    {"nobody listening", test_nobody_listening},
    {"another passphrase", test_wrong_passphrase},
    {"a currency the terminal does not take", test_wrong_currency},
    {"bad requests are not sent", test_bad_requests_are_not_sent},
    {"payment ServiceIDs are derived from the sale", test_service_ids},
    {"terminal URIs", test_uri},
    {"opening refuses bad configuration", test_open_failures},
};

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    int status = check_run(cases, CHECK_COUNT(cases), argc, argv);
    free(fx.cert_pem);
    free(fx.key_pem);
    return status;
}
