/*
 * The payment flow (kiosk/app/payment.c) against the terminal simulator over
 * HTTPS: every terminal outcome ends with the order paid exactly once and
 * one charge, or with no charge and the order unpaid; lost answers are
 * recovered with TransactionStatus; a retry uses a new sale transaction id;
 * reconciliation settles what a crash left; money no order can use is given
 * back; and the worker thread with its result queue and abort.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "devices/payment/terminal.h"
#include "kiosk/app/payment.h"
#include "kiosk/app/payment_worker.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_nexo_fixture.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */

static struct nexo_fixture fx;

/* A database with one order, a simulator and a terminal on it, and the flow's context. */
struct flow {
    char db_path[4096];
    ks_db *db;
    dev_nexo_sim *sim;
    dev_terminal *terminal;
    char uri[16384];
    ks_payment_ctx ctx;
    char order[37];
    ks_money total;
    enum ks_pay_step steps[16];
    size_t n_steps;
    bool abort_now;
    void (*on_step)(struct flow *f, enum ks_pay_step s);
};

static void record_step(void *arg, enum ks_pay_step s, const char *sale_txn_id)
{
    struct flow *f = arg;
    (void)sale_txn_id;
    if (f->n_steps < CHECK_COUNT(f->steps))
        f->steps[f->n_steps++] = s;
    if (f->on_step)
        f->on_step(f, s);
}

static bool flow_abort_requested(void *arg)
{
    return ((struct flow *)arg)->abort_now;
}

static void fast_rules(ks_payment_rules *r)
{
    *r = (ks_payment_rules){
        .payment_timeout_ms = 1500,
        .request_timeout_ms = 2000,
        .status_interval_ms = 50,
        .status_attempts = 4,
        .not_found_confirm_ms = 200,
    };
}

static bool add_order(ks_db *db, unsigned index, char uuid[37], ks_money *total)
{
    ks_order *order = fixture_order(index, "riyadh-01", NOV24_UTC + index, 0);
    int32_t number;
    bool ok = ks_order_store_insert(db, order, 0, &number) == KS_DB_OK;
    memcpy(uuid, order->uuid, 37);
    if (total)
        *total = order->total;
    ks_order_free(order);
    return ok;
}

static bool flow_start(struct flow *f, const char *name, long card_delay_ms)
{
    memset(f, 0, sizeof *f);
    if (!nexo_fixture_init(&fx))
        return false;
    fixture_fresh_db(check_tmp_dir(), name, f->db_path, sizeof f->db_path);
    f->db = ks_db_open(f->db_path, NULL);
    dev_nexo_sim_config c = nexo_fixture_sim_config(&fx);
    c.card_delay_ms = card_delay_ms;
    f->sim = f->db ? dev_nexo_sim_start(&c, NULL, 0) : NULL;
    if (f->sim)
        nexo_fixture_uri(&fx, dev_nexo_sim_port(f->sim), NULL, "", f->uri, sizeof f->uri);
    f->terminal = f->sim ? dev_terminal_open(f->uri, NULL, 0) : NULL;
    f->ctx.db = f->db;
    f->ctx.terminal = f->terminal;
    fast_rules(&f->ctx.rules);
    f->ctx.hooks = (ks_payment_hooks){record_step, flow_abort_requested, NULL, NULL, f};
    return f->terminal && add_order(f->db, 1, f->order, &f->total);
}

static void flow_stop(struct flow *f)
{
    dev_terminal_close(f->terminal);
    dev_nexo_sim_stop(f->sim);
    ks_db_close(f->db);
}

/* A one-number query on the flow's database file, formatted like printf. */
#define sql(f, ...) fixture_sql_intf((f)->db_path, __VA_ARGS__)

static int64_t order_paid_events(const struct flow *f)
{
    return sql(f,
               "SELECT count(*) FROM order_events WHERE order_uuid = '%s' AND to_status = 'paid'",
               f->order);
}

static int64_t outbox_rows(const struct flow *f)
{
    return sql(f, "SELECT count(*) FROM outbox WHERE order_uuid = '%s'", f->order);
}

/*
 * The backend's copies of the order that say it was paid by card of brand, with the terminal's
 * reference of the approved payment (the simulator's "SIM..."), as the relayed JSON says.
 */
static int64_t backend_copies_paid_by(const struct flow *f, const char *brand)
{
    return sql(f,
               "SELECT count(*) FROM outbox WHERE order_uuid = '%s' AND destination = 'backend' "
               "AND json_extract(payload, '$.payment.method') = 'card' "
               "AND json_extract(payload, '$.payment.brand') = '%s' "
               "AND json_extract(payload, '$.payment.terminal_ref') LIKE 'SIM%%' "
               "AND json_extract(payload, '$.payment.terminal_ref') = "
               "    (SELECT terminal_ref FROM payments WHERE order_uuid = '%s' "
               "     AND status = 'approved')",
               f->order, brand, f->order);
}

static int64_t payments_with(const struct flow *f, const char *status)
{
    char query[256];
    snprintf(query, sizeof query, "SELECT count(*) FROM payments WHERE status = '%s'", status);
    return fixture_sql_int(f->db_path, query);
}

static enum ks_order_status order_status(const struct flow *f)
{
    enum ks_order_status s = KS_ORDER_CANCELLED;
    ks_order_store_status(f->db, f->order, &s);
    return s;
}

/* ---- Each terminal outcome -------------------------------------------------------------- */

struct outcome_case {
    const char *name;
    enum dev_nexo_sim_outcome script;
    long card_delay_ms;
    enum ks_pay_kind kind;
    const char *status; /* the payment row's */
    unsigned charges;
};

static const struct outcome_case outcome_cases[] = {
    {"approve", DEV_NEXO_SIM_APPROVE, 20, KS_PAY_APPROVED, "approved", 1},
    {"decline", DEV_NEXO_SIM_DECLINE, 20, KS_PAY_DECLINED, "declined", 0},
    {"customer cancels", DEV_NEXO_SIM_CANCEL, 20, KS_PAY_DECLINED, "cancelled", 0},
    {"busy", DEV_NEXO_SIM_BUSY, 20, KS_PAY_DECLINED, "failed", 0},
    /* The answer is lost after the charge: the status finds the approval. */
    {"lost answer", DEV_NEXO_SIM_LOST, 20, KS_PAY_APPROVED, "approved", 1},
    /* The connection drops while the customer is still paying; the status waits for it. */
    {"dropped connection", DEV_NEXO_SIM_DROP, 300, KS_PAY_APPROVED, "approved", 1},
    /* No card within the kiosk's time: aborted at the terminal, nothing charged. */
    {"no card in time", DEV_NEXO_SIM_TIMEOUT, 20, KS_PAY_DECLINED, "cancelled", 0},
};

static void test_outcomes(void)
{
    for (size_t i = 0; i < CHECK_COUNT(outcome_cases); i++) {
        const struct outcome_case *c = &outcome_cases[i];
        struct flow f;
        CHECK(flow_start(&f, "outcome.db", c->card_delay_ms));
        if (c->script == DEV_NEXO_SIM_TIMEOUT)
            f.ctx.rules.payment_timeout_ms = 300;
        dev_nexo_sim_script(f.sim, c->script);
        ks_pay_result r;
        enum ks_pay_kind kind = ks_payment_pay(&f.ctx, f.order, &r);
        dev_nexo_sim_wait_idle(f.sim, CHECK_WAIT_MS);
        unsigned charges = dev_nexo_sim_charges(f.sim, r.sale_txn_id);
        unsigned aborts = dev_nexo_sim_requests(f.sim, DEV_NEXO_ABORT);
        int64_t rows = payments_with(&f, c->status);
        int64_t paid = order_paid_events(&f), outbox = outbox_rows(&f);
        int64_t by_mada = backend_copies_paid_by(&f, "mada");
        enum ks_order_status status = order_status(&f);
        flow_stop(&f);
        fprintf(stderr, "  %s: %s (%s)\n", c->name, ks_pay_kind_name(kind), r.detail);
        /* The backend learns how it was paid: the terminal's brand, in its copy of the order. */
        CHECK_EQ_INT(by_mada, c->charges);
        CHECK_EQ_INT(kind, c->kind);
        CHECK_EQ_INT(r.kind, c->kind);
        CHECK_EQ_INT(strlen(r.sale_txn_id), 36);
        CHECK_EQ_INT(rows, 1);
        CHECK_EQ_INT(charges, c->charges);
        /* Paid exactly once with its two messages, or not at all. */
        CHECK_EQ_INT(paid, c->charges);
        CHECK_EQ_INT(outbox, 2 * c->charges);
        CHECK_EQ_INT(status, c->charges ? KS_ORDER_PAID : KS_ORDER_CREATED);
        CHECK_EQ_INT(aborts, c->script == DEV_NEXO_SIM_TIMEOUT);
        if (c->charges) {
            CHECK_EQ_STR(r.brand, "mada");
            CHECK(r.masked_card[0] && r.approval_code[0] && r.terminal_ref[0]);
            CHECK_EQ_INT(r.amount, f.total);
        }
    }
}

static void test_steps_in_order(void)
{
    struct flow f;
    CHECK(flow_start(&f, "steps.db", 10));
    ks_pay_result r;
    ks_payment_pay(&f.ctx, f.order, &r);
    int64_t method = sql(&f,
                         "SELECT count(*) FROM payments WHERE method = 'mada' AND "
                         "length(masked_card) = 16 AND terminal_ref <> '' AND %s",
                         "approval_code <> ''");
    flow_stop(&f);
    static const enum ks_pay_step expect[] = {KS_PAY_STEP_INTENT_COMMITTED,
                                              KS_PAY_STEP_REQUEST_SENT, KS_PAY_STEP_ANSWER_READ,
                                              KS_PAY_STEP_OUTCOME_RECORDED, KS_PAY_STEP_ORDER_PAID};
    CHECK_EQ_INT(f.n_steps, CHECK_COUNT(expect));
    for (size_t i = 0; i < CHECK_COUNT(expect); i++)
        CHECK_EQ_INT(f.steps[i], expect[i]);
    CHECK_EQ_INT(method, 1); /* what the terminal reported is kept */
}

static void test_retry_uses_a_new_sale_id(void)
{
    struct flow f;
    CHECK(flow_start(&f, "retry.db", 10));
    dev_nexo_sim_script(f.sim, DEV_NEXO_SIM_DECLINE);
    ks_pay_result first, second, third;
    enum ks_pay_kind a = ks_payment_pay(&f.ctx, f.order, &first);
    enum ks_pay_kind b = ks_payment_pay(&f.ctx, f.order, &second);
    /* Paying a paid order again charges nothing and says it is paid. */
    enum ks_pay_kind c = ks_payment_pay(&f.ctx, f.order, &third);
    unsigned charges1 = dev_nexo_sim_charges(f.sim, first.sale_txn_id);
    unsigned charges2 = dev_nexo_sim_charges(f.sim, second.sale_txn_id);
    unsigned payments = dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT);
    int64_t rows = sql(&f, "SELECT count(*) FROM payments WHERE order_uuid = '%s'", f.order);
    int64_t paid = order_paid_events(&f);
    flow_stop(&f);
    CHECK_EQ_INT(a, KS_PAY_DECLINED);
    CHECK_EQ_INT(b, KS_PAY_APPROVED);
    CHECK_EQ_INT(c, KS_PAY_APPROVED);
    CHECK_CONTAINS(third.detail, "paid already");
    CHECK(strcmp(first.sale_txn_id, second.sale_txn_id) != 0);
    CHECK_EQ_INT(charges1, 0);
    CHECK_EQ_INT(charges2, 1);
    CHECK_EQ_INT(payments, 2);
    CHECK_EQ_INT(rows, 2);
    CHECK_EQ_INT(paid, 1);
}

static void test_unreachable_terminal(void)
{
    struct flow f;
    CHECK(flow_start(&f, "unreachable.db", 10));
    dev_nexo_sim_stop(f.sim);
    f.sim = NULL;
    ks_pay_result r;
    enum ks_pay_kind kind = ks_payment_pay(&f.ctx, f.order, &r);
    int64_t failed = payments_with(&f, "failed");
    enum ks_order_status status = order_status(&f);
    flow_stop(&f);
    CHECK_EQ_INT(kind, KS_PAY_DECLINED);
    CHECK_EQ_INT(r.terminal, DEV_PAY_UNREACHABLE);
    CHECK_EQ_INT(failed, 1);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
}

/* Stops the simulator as soon as the payment's answer is read: every status then fails. */
static void stop_sim_after_answer(struct flow *f, enum ks_pay_step s)
{
    if (s == KS_PAY_STEP_ANSWER_READ) {
        dev_nexo_sim_stop(f->sim);
        f->sim = NULL;
    }
}

static void test_terminal_gone_leaves_it_unknown(void)
{
    struct flow f;
    CHECK(flow_start(&f, "gone.db", 10));
    dev_nexo_sim_script(f.sim, DEV_NEXO_SIM_LOST);
    f.on_step = stop_sim_after_answer;
    ks_pay_result r;
    enum ks_pay_kind kind = ks_payment_pay(&f.ctx, f.order, &r);
    int64_t unknown = payments_with(&f, "unknown");
    enum ks_order_status status = order_status(&f);
    /* A second attempt must not start a new payment while this one is unknown. */
    f.on_step = NULL;
    ks_pay_result again;
    enum ks_pay_kind kind2 = ks_payment_pay(&f.ctx, f.order, &again);
    int64_t rows = sql(&f, "SELECT count(*) FROM payments WHERE order_uuid = '%s'", f.order);
    flow_stop(&f);
    CHECK_EQ_INT(kind, KS_PAY_UNRESOLVED);
    CHECK_CONTAINS(r.detail, "stays unknown");
    CHECK_EQ_INT(unknown, 1);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
    CHECK_EQ_INT(kind2, KS_PAY_UNRESOLVED);
    CHECK_EQ_INT(rows, 1);
}

static void test_abort_before_sending(void)
{
    struct flow f;
    CHECK(flow_start(&f, "abort-early.db", 10));
    f.abort_now = true;
    ks_pay_result r;
    enum ks_pay_kind kind = ks_payment_pay(&f.ctx, f.order, &r);
    unsigned payments = dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT);
    int64_t cancelled = payments_with(&f, "cancelled");
    flow_stop(&f);
    CHECK_EQ_INT(kind, KS_PAY_ABORTED);
    CHECK_EQ_INT(payments, 0);
    CHECK_EQ_INT(cancelled, 1);
}

static void test_orders_that_cannot_be_paid(void)
{
    struct flow f;
    CHECK(flow_start(&f, "not-payable.db", 10));
    char other[37];
    CHECK(add_order(f.db, 2, other, NULL));
    CHECK_EQ_INT(ks_order_store_set_status(f.db, other, KS_ORDER_CANCELLED, NOV24_UTC + 60),
                 KS_DB_OK);
    ks_pay_result r;
    enum ks_pay_kind cancelled = ks_payment_pay(&f.ctx, other, &r);
    char unknown[37];
    fixture_uuid(99, unknown);
    enum ks_pay_kind missing = ks_payment_pay(&f.ctx, unknown, &r);
    enum ks_pay_kind garbage = ks_payment_pay(&f.ctx, "not-a-uuid", &r);
    int64_t rows = fixture_sql_int(f.db_path, "SELECT count(*) FROM payments");
    unsigned payments = dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT);
    flow_stop(&f);
    CHECK_EQ_INT(cancelled, KS_PAY_ERROR);
    CHECK_EQ_INT(missing, KS_PAY_ERROR);
    CHECK_EQ_INT(garbage, KS_PAY_ERROR);
    CHECK_EQ_INT(rows, 0);
    CHECK_EQ_INT(payments, 0);
}

/* ---- Reconciliation ------------------------------------------------------------------- */

/* Charges sale at the simulator directly, as a crashed kiosk would have, answer lost. */
static bool charge_behind_the_back(struct flow *f, const char *sale, ks_money amount)
{
    dev_nexo_sim_script(f->sim, DEV_NEXO_SIM_LOST);
    dev_pay_request req = {.sale_txn_id = sale,
                           .amount = amount,
                           .currency = "SAR",
                           .exponent = 2,
                           .timeout_ms = 2000};
    dev_pay_result r;
    dev_terminal_payment(f->terminal, &req, &r);
    return r.outcome == DEV_PAY_TIMEOUT && dev_nexo_sim_charges(f->sim, sale) == 1;
}

struct reports {
    ks_pay_result r[8];
    size_t n;
};

static void collect(void *arg, const ks_pay_result *r)
{
    struct reports *reps = arg;
    if (reps->n < CHECK_COUNT(reps->r))
        reps->r[reps->n++] = *r;
}

static void test_reconcile_lost_approval(void)
{
    struct flow f;
    CHECK(flow_start(&f, "reconcile-lost.db", 10));
    const char *sale = "0d5e0000-0000-4000-8000-000000000001";
    CHECK_EQ_INT(ks_payment_store_create(f.db, sale, f.order, f.total, NOV24_UTC + 100), KS_DB_OK);
    CHECK(charge_behind_the_back(&f, sale, f.total));
    struct reports reps = {0};
    size_t left = ks_payment_reconcile(&f.ctx, collect, &reps);
    int64_t paid = order_paid_events(&f), outbox = outbox_rows(&f);
    int64_t approved = payments_with(&f, "approved");
    flow_stop(&f);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(reps.n, 1);
    CHECK_EQ_INT(reps.r[0].kind, KS_PAY_APPROVED);
    CHECK(reps.r[0].recovered);
    CHECK_EQ_STR(reps.r[0].order_uuid, f.order);
    CHECK_EQ_STR(reps.r[0].sale_txn_id, sale);
    CHECK_EQ_INT(paid, 1);
    CHECK_EQ_INT(outbox, 2);
    CHECK_EQ_INT(approved, 1);
}

static void test_reconcile_never_sent(void)
{
    struct flow f;
    CHECK(flow_start(&f, "reconcile-never.db", 10));
    const char *sale = "0d5e0000-0000-4000-8000-000000000002";
    CHECK_EQ_INT(ks_payment_store_create(f.db, sale, f.order, f.total, NOV24_UTC + 100), KS_DB_OK);
    struct reports reps = {0};
    size_t left = ks_payment_reconcile(&f.ctx, collect, &reps);
    unsigned asked = dev_nexo_sim_requests(f.sim, DEV_NEXO_TRANSACTION_STATUS);
    int64_t failed = payments_with(&f, "failed");
    enum ks_order_status status = order_status(&f);
    flow_stop(&f);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(reps.r[0].kind, KS_PAY_DECLINED);
    CHECK_EQ_INT(reps.r[0].terminal, DEV_PAY_NOT_FOUND);
    /*
     * "Not found" counts only once it held for not_found_confirm_ms (200 ms, asked 50 ms
     * apart): never on the first answer. How many asks fit depends on the machine's load.
     */
    CHECK(asked >= 2);
    CHECK_EQ_INT(failed, 1);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
}

static void test_reconcile_approved_not_paid(void)
{
    struct flow f;
    CHECK(flow_start(&f, "reconcile-paid.db", 10));
    const char *sale = "0d5e0000-0000-4000-8000-000000000003";
    CHECK_EQ_INT(ks_payment_store_create(f.db, sale, f.order, f.total, NOV24_UTC + 100), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(f.db, sale, KS_PAYMENT_APPROVED, NULL, NOV24_UTC + 101),
                 KS_DB_OK);
    struct reports reps = {0};
    size_t left = ks_payment_reconcile(&f.ctx, collect, &reps);
    unsigned asked = dev_nexo_sim_requests(f.sim, DEV_NEXO_TRANSACTION_STATUS);
    int64_t paid = order_paid_events(&f), outbox = outbox_rows(&f);
    struct reports again = {0};
    size_t left2 = ks_payment_reconcile(&f.ctx, collect, &again);
    flow_stop(&f);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(reps.r[0].kind, KS_PAY_APPROVED);
    CHECK_EQ_INT(asked, 0); /* the approval is on disk already */
    CHECK_EQ_INT(paid, 1);
    CHECK_EQ_INT(outbox, 2);
    CHECK_EQ_INT(left2, 0);
    CHECK_EQ_INT(again.n, 0);
}

static void test_second_approval_is_given_back(void)
{
    struct flow f;
    CHECK(flow_start(&f, "double.db", 10));
    const char *a = "0d5e0000-0000-4000-8000-00000000000a";
    const char *b = "0d5e0000-0000-4000-8000-00000000000b";
    CHECK_EQ_INT(ks_payment_store_create(f.db, a, f.order, f.total, NOV24_UTC + 100), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(f.db, b, f.order, f.total, NOV24_UTC + 101), KS_DB_OK);
    CHECK(charge_behind_the_back(&f, a, f.total));
    CHECK(charge_behind_the_back(&f, b, f.total));
    struct reports reps = {0};
    size_t left = ks_payment_reconcile(&f.ctx, collect, &reps);
    unsigned net = dev_nexo_sim_charges(f.sim, a) + dev_nexo_sim_charges(f.sim, b) -
                   dev_nexo_sim_reversals(f.sim, a) - dev_nexo_sim_reversals(f.sim, b);
    unsigned reversed_b = dev_nexo_sim_reversals(f.sim, b);
    int64_t paid = order_paid_events(&f), outbox = outbox_rows(&f);
    ks_payment pa, pb;
    ks_payment_store_load(f.db, a, &pa);
    ks_payment_store_load(f.db, b, &pb);
    flow_stop(&f);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(reps.n, 2);
    CHECK_EQ_INT(reps.r[0].kind, KS_PAY_APPROVED);
    CHECK_EQ_INT(reps.r[1].kind, KS_PAY_REFUNDED);
    CHECK_CONTAINS(reps.r[1].detail, "the order was paid already: given back");
    CHECK_EQ_INT(net, 1);
    CHECK_EQ_INT(reversed_b, 1);
    CHECK_EQ_INT(pa.status, KS_PAYMENT_APPROVED);
    CHECK_EQ_INT(pb.status, KS_PAYMENT_CANCELLED);
    CHECK_EQ_INT(paid, 1);
    CHECK_EQ_INT(outbox, 2);
}

static void test_cancelled_order_is_given_back(void)
{
    struct flow f;
    CHECK(flow_start(&f, "cancelled.db", 10));
    /* Unknown when the order was cancelled; the terminal had charged it. */
    const char *a = "0d5e0000-0000-4000-8000-0000000000c1";
    CHECK_EQ_INT(ks_payment_store_create(f.db, a, f.order, f.total, NOV24_UTC + 100), KS_DB_OK);
    CHECK(charge_behind_the_back(&f, a, f.total));
    CHECK_EQ_INT(ks_order_store_set_status(f.db, f.order, KS_ORDER_CANCELLED, NOV24_UTC + 200),
                 KS_DB_OK);
    /* And an orphan: approved on disk, then its order cancelled. */
    char other[37];
    ks_money other_total;
    CHECK(add_order(f.db, 2, other, &other_total));
    const char *b = "0d5e0000-0000-4000-8000-0000000000c2";
    CHECK_EQ_INT(ks_payment_store_create(f.db, b, other, other_total, NOV24_UTC + 300), KS_DB_OK);
    CHECK(charge_behind_the_back(&f, b, other_total));
    CHECK_EQ_INT(ks_payment_store_update(f.db, b, KS_PAYMENT_APPROVED, NULL, NOV24_UTC + 301),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_order_store_set_status(f.db, other, KS_ORDER_CANCELLED, NOV24_UTC + 302),
                 KS_DB_OK);
    struct reports reps = {0};
    size_t left = ks_payment_reconcile(&f.ctx, collect, &reps);
    unsigned reversals = dev_nexo_sim_reversals(f.sim, a) + dev_nexo_sim_reversals(f.sim, b);
    ks_payment pa, pb;
    ks_payment_store_load(f.db, a, &pa);
    ks_payment_store_load(f.db, b, &pb);
    int64_t outbox = fixture_sql_int(f.db_path, "SELECT count(*) FROM outbox");
    flow_stop(&f);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(reps.n, 2);
    CHECK_EQ_INT(reps.r[0].kind, KS_PAY_REFUNDED);
    CHECK_EQ_INT(reps.r[1].kind, KS_PAY_REFUNDED);
    CHECK_EQ_INT(reversals, 2);
    CHECK_EQ_INT(pa.status, KS_PAYMENT_CANCELLED);
    CHECK_EQ_INT(pb.status, KS_PAYMENT_REFUNDED);
    CHECK_EQ_INT(outbox, 0);
}

static void test_order_paid_otherwise_is_given_back(void)
{
    struct flow f;
    CHECK(flow_start(&f, "paid-otherwise.db", 10));
    const char *sale = "0d5e0000-0000-4000-8000-0000000000d1";
    CHECK_EQ_INT(ks_payment_store_create(f.db, sale, f.order, f.total, NOV24_UTC + 100), KS_DB_OK);
    CHECK(charge_behind_the_back(&f, sale, f.total));
    /* Meanwhile paid at the counter. */
    const ks_outbox_message messages[] = {
        {.destination = "kitchen", .payload = "{}", .path = NULL},
        {.destination = "backend", .payload = "{}", .path = NULL}};
    CHECK_EQ_INT(ks_order_store_mark_paid(f.db, f.order, NOV24_UTC + 200, messages, 2), KS_DB_OK);
    struct reports reps = {0};
    size_t left = ks_payment_reconcile(&f.ctx, collect, &reps);
    unsigned reversals = dev_nexo_sim_reversals(f.sim, sale);
    ks_payment p;
    ks_payment_store_load(f.db, sale, &p);
    int64_t paid = order_paid_events(&f), outbox = outbox_rows(&f);
    flow_stop(&f);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(reps.r[0].kind, KS_PAY_REFUNDED);
    CHECK_CONTAINS(reps.r[0].detail, "paid already");
    CHECK_EQ_INT(reversals, 1);
    CHECK_EQ_INT(p.status, KS_PAYMENT_CANCELLED);
    CHECK_EQ_INT(paid, 1);
    CHECK_EQ_INT(outbox, 2);
}

static void test_pay_settles_an_earlier_unknown_first(void)
{
    struct flow f;
    CHECK(flow_start(&f, "earlier.db", 10));
    const char *sale = "0d5e0000-0000-4000-8000-0000000000e1";
    CHECK_EQ_INT(ks_payment_store_create(f.db, sale, f.order, f.total, NOV24_UTC + 100), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(f.db, sale, KS_PAYMENT_UNKNOWN, NULL, NOV24_UTC + 101),
                 KS_DB_OK);
    CHECK(charge_behind_the_back(&f, sale, f.total));
    ks_pay_result r;
    enum ks_pay_kind kind = ks_payment_pay(&f.ctx, f.order, &r);
    unsigned payments = dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT);
    int64_t rows = sql(&f, "SELECT count(*) FROM payments WHERE order_uuid = '%s'", f.order);
    int64_t paid = order_paid_events(&f);
    flow_stop(&f);
    CHECK_EQ_INT(kind, KS_PAY_APPROVED);
    CHECK_EQ_STR(r.sale_txn_id, sale);
    CHECK_EQ_INT(payments, 1); /* the one charged behind the back; no new one */
    CHECK_EQ_INT(rows, 1);
    CHECK_EQ_INT(paid, 1);
}

/* ---- The worker ----------------------------------------------------------------------- */

static int notified, orders_paid;

static void count_notify(void *ctx)
{
    (void)ctx;
    __atomic_add_fetch(&notified, 1, __ATOMIC_SEQ_CST);
}

/* Where the kiosk wakes its delivery worker. */
static void count_order_paid(void *ctx)
{
    (void)ctx;
    __atomic_add_fetch(&orders_paid, 1, __ATOMIC_SEQ_CST);
}

/* Polls the worker until a result comes, or CHECK_WAIT_MS pass. */
static bool wait_result(ks_payment_worker *w, ks_pay_result *out)
{
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; check_sleep_ms(10))
        if (ks_payment_worker_poll(w, out))
            return true;
    return false;
}

static ks_payment_worker *worker_start(struct flow *f)
{
    ks_payment_worker_config cfg = {
        .db_path = f->db_path,
        .terminal_uri = f->uri,
        .reconcile_interval_ms = 200,
        .notify = count_notify,
        .order_paid = count_order_paid,
    };
    fast_rules(&cfg.rules);
    char why[256] = "";
    ks_payment_worker *w = ks_payment_worker_start(&cfg, why, sizeof why);
    if (!w)
        fprintf(stderr, "  worker: %s\n", why);
    return w;
}

static void test_worker_pays_and_reports(void)
{
    struct flow f;
    CHECK(flow_start(&f, "worker.db", 10));
    /* Left by a "crash": recovered before RECOVERY_DONE. */
    char other[37];
    CHECK(add_order(f.db, 2, other, NULL));
    const char *sale = "0d5e0000-0000-4000-8000-0000000000f1";
    CHECK_EQ_INT(ks_payment_store_create(f.db, sale, other, 6800, NOV24_UTC + 100), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(f.db, sale, KS_PAYMENT_APPROVED, NULL, NOV24_UTC + 101),
                 KS_DB_OK);
    notified = orders_paid = 0;
    ks_payment_worker *w = worker_start(&f);
    CHECK(w);
    bool queued = ks_payment_worker_pay(w, f.order);
    bool twice = ks_payment_worker_pay(w, f.order);
    bool bad = ks_payment_worker_pay(w, "short");
    ks_pay_result r1 = {0}, r2 = {0}, r3 = {0};
    bool got = wait_result(w, &r1);
    /* The order recovery marked paid was announced (the delivery worker woken) by now. */
    int paid_on_recovery = __atomic_load_n(&orders_paid, __ATOMIC_SEQ_CST);
    got = got && wait_result(w, &r2) && wait_result(w, &r3);
    ks_payment_worker_stop(w);
    enum ks_order_status s1 = order_status(&f);
    flow_stop(&f);
    CHECK(queued);
    CHECK(!twice); /* queued already */
    CHECK(!bad);
    CHECK(got);
    CHECK_EQ_INT(r1.kind, KS_PAY_APPROVED);
    CHECK(r1.recovered);
    CHECK_EQ_STR(r1.order_uuid, other);
    CHECK_EQ_INT(r2.kind, KS_PAY_RECOVERY_DONE);
    CHECK_CONTAINS(r2.detail, "0 payment(s) stay unresolved");
    CHECK_EQ_INT(r3.kind, KS_PAY_APPROVED);
    CHECK(!r3.recovered);
    CHECK_EQ_STR(r3.order_uuid, f.order);
    CHECK_EQ_INT(s1, KS_ORDER_PAID);
    CHECK(__atomic_load_n(&notified, __ATOMIC_SEQ_CST) >= 3);
    CHECK(paid_on_recovery >= 1);
    CHECK_EQ_INT(__atomic_load_n(&orders_paid, __ATOMIC_SEQ_CST), 2);
}

static void test_worker_abort(void)
{
    struct flow f;
    CHECK(flow_start(&f, "worker-abort.db", 10));
    dev_nexo_sim_script(f.sim, DEV_NEXO_SIM_TIMEOUT); /* the card never comes */
    ks_payment_worker *w = worker_start(&f);
    CHECK(w);
    ks_pay_result done;
    CHECK(wait_result(w, &done));
    CHECK_EQ_INT(done.kind, KS_PAY_RECOVERY_DONE);
    CHECK(ks_payment_worker_pay(w, f.order));
    /* Wait until the terminal holds the payment, then the customer presses cancel. */
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS;
         check_now_ms() < end && dev_nexo_sim_requests(f.sim, DEV_NEXO_PAYMENT) == 0;)
        check_sleep_ms(10);
    ks_payment_worker_abort(w, f.order);
    ks_pay_result r = {0};
    bool got = wait_result(w, &r);
    /* A queued payment aborted before it starts. */
    char other[37];
    bool added = add_order(f.db, 2, other, NULL);
    dev_nexo_sim_script(f.sim, DEV_NEXO_SIM_TIMEOUT);
    ks_pay_result second = {0};
    bool both = added && ks_payment_worker_pay(w, other);
    ks_payment_worker_abort(w, other);
    bool got2 = wait_result(w, &second);
    ks_payment_worker_stop(w);
    unsigned charges = dev_nexo_sim_charges(f.sim, r.sale_txn_id);
    unsigned aborts = dev_nexo_sim_requests(f.sim, DEV_NEXO_ABORT);
    enum ks_order_status status = order_status(&f);
    flow_stop(&f);
    CHECK(got);
    CHECK_EQ_INT(r.kind, KS_PAY_ABORTED);
    CHECK_EQ_INT(charges, 0);
    CHECK(aborts >= 1);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
    CHECK(both && got2);
    CHECK_EQ_INT(second.kind, KS_PAY_ABORTED);
    CHECK_EQ_STR(second.order_uuid, other);
}

static ks_payment_worker *cancelling_worker;
static char cancelling_order[37];

/* The customer taps cancel the moment the request leaves for the terminal. */
static void cancel_when_sent(void *arg, enum ks_pay_step s, const char *sale_txn_id)
{
    (void)arg;
    (void)sale_txn_id;
    if (s == KS_PAY_STEP_REQUEST_SENT)
        ks_payment_worker_abort(cancelling_worker, cancelling_order);
}

static void test_worker_cancel_at_the_start_never_charges(void)
{
    struct flow f;
    /* The card would be approved 1.5 s after the request: a customer quick with the card. */
    CHECK(flow_start(&f, "worker-cancel-start.db", 1500));
    ks_payment_worker_config cfg = {
        .db_path = f.db_path,
        .terminal_uri = f.uri,
        .reconcile_interval_ms = 200,
        .hooks = {.step = cancel_when_sent},
    };
    fast_rules(&cfg.rules);
    cfg.rules.payment_timeout_ms = 10000;
    char why[256] = "";
    cancelling_worker = ks_payment_worker_start(&cfg, why, sizeof why);
    CHECK(cancelling_worker);
    memcpy(cancelling_order, f.order, sizeof cancelling_order);
    ks_pay_result done = {0}, r = {0};
    CHECK(wait_result(cancelling_worker, &done));
    CHECK(ks_payment_worker_pay(cancelling_worker, f.order));
    bool got = wait_result(cancelling_worker, &r);
    ks_payment_worker_stop(cancelling_worker);
    unsigned charges = dev_nexo_sim_charges(f.sim, r.sale_txn_id);
    enum ks_order_status status = order_status(&f);
    flow_stop(&f);
    CHECK(got);
    CHECK_EQ_INT(r.kind, KS_PAY_ABORTED);
    CHECK_EQ_INT(charges, 0);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
}

static void test_worker_start_failures(void)
{
    CHECK(nexo_fixture_init(&fx));
    ks_payment_worker_config cfg = {.db_path = "/nonexistent/dir/kiosk.db",
                                    .terminal_uri = "nexo+https://127.0.0.1/"};
    char why[256];
    CHECK(!ks_payment_worker_start(&cfg, why, sizeof why));
    CHECK_CONTAINS(why, "database");
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "worker-bad-uri.db", path, sizeof path);
    cfg.db_path = path;
    CHECK(!ks_payment_worker_start(&cfg, why, sizeof why));
    CHECK_CONTAINS(why, "terminal");
    ks_payment_worker_stop(NULL);
}

/* Hooks that count pauses and say "stopping" from the pause given by stop_after on. */
struct pause_probe {
    int pauses;
    int stop_after;
    long last_ms;
};

static bool probe_pause(void *arg, long ms)
{
    struct pause_probe *p = arg;
    p->last_ms = ms;
    return ++p->pauses < p->stop_after;
}

static bool probe_stopping(void *arg)
{
    const struct pause_probe *p = arg;
    return p->pauses >= p->stop_after;
}

/*
 * The pause between status questions goes through the caller's hook (a
 * worker's stop ends it at once), and says so when the caller is stopping.
 */
static void test_pause_between_questions(void)
{
    struct pause_probe p = {.stop_after = 2};
    const ks_payment_hooks hooks = {.stopping = probe_stopping, .pause = probe_pause, .ctx = &p};
    CHECK(ks_payment_pause(&hooks, 2000));
    CHECK_EQ_INT(p.last_ms, 2000);
    CHECK(!ks_payment_pause(&hooks, 2000)); /* the stop came during this pause */
    CHECK_EQ_INT(p.pauses, 2);
    /* Without a pause hook: a plain sleep, refused at once when already stopping. */
    const ks_payment_hooks plain = {.stopping = probe_stopping, .ctx = &p};
    CHECK(!ks_payment_pause(&plain, 60000));
    const ks_payment_hooks none = {0};
    CHECK(ks_payment_pause(&none, 1));
}

static const struct check_case cases[] = {
    {"every terminal outcome ends paid once with one charge, or unpaid", test_outcomes},
    {"the steps of an approved payment, in order", test_steps_in_order},
    {"a retry after a decline uses a new sale id", test_retry_uses_a_new_sale_id},
    {"an unreachable terminal: failed, nothing charged", test_unreachable_terminal},
    {"a terminal gone after sending leaves it unknown, and blocks a new payment",
     test_terminal_gone_leaves_it_unknown},
    {"abort before sending", test_abort_before_sending},
    {"orders that cannot be paid", test_orders_that_cannot_be_paid},
    {"reconcile: an approval whose answer was lost", test_reconcile_lost_approval},
    {"reconcile: a payment never sent is not found, after confirmation", test_reconcile_never_sent},
    {"reconcile: approved on disk, order not yet paid", test_reconcile_approved_not_paid},
    {"reconcile: a second approval is given back", test_second_approval_is_given_back},
    {"reconcile: money for cancelled orders is given back", test_cancelled_order_is_given_back},
    {"reconcile: a card approval for an order paid otherwise is given back",
     test_order_paid_otherwise_is_given_back},
    {"paying again settles an earlier unknown payment first",
     test_pay_settles_an_earlier_unknown_first},
    {"worker: recovery first, then payments, results queued", test_worker_pays_and_reports},
    {"worker: the customer's abort, running and queued", test_worker_abort},
    {"worker: a cancel as the request leaves is carried to the terminal",
     test_worker_cancel_at_the_start_never_charges},
    {"worker: start failures", test_worker_start_failures},
    {"the pause between status questions: the caller's, cut short by a stop",
     test_pause_between_questions},
};

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    int status = check_run(cases, CHECK_COUNT(cases), argc, argv);
    free(fx.cert_pem);
    free(fx.key_pem);
    return status;
}
