/*
 * Crash recovery of card payments. The terminal simulator runs as its own
 * process (nexo-terminal-sim on an ephemeral port, with a journal file); a
 * child process pays an order through kiosk/app/payment.c and is killed
 * with SIGKILL at one point of the payment; then start-up recovery
 * (ks_payment_reconcile) runs in the parent on the same SQLite file against
 * the same simulator. Every case must end with exactly one charge and the
 * order paid exactly once (its two messages queued once), or with no charge
 * and the order unpaid, in which case paying again must work, once.
 *
 * The child tells the parent each step it reaches (and the sale id) through
 * a pipe; at the chosen step it stops and waits to be killed, so the kill
 * point is exact. For "after the request was sent" the child does not stop:
 * the parent kills it once the simulator's journal shows the request came in.
 */
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "devices/payment/terminal.h"
#include "kiosk/app/payment.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_nexo_fixture.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define NO_STOP (-1)

static struct nexo_fixture fx;

struct crash_case {
    const char *name;
    enum dev_nexo_sim_outcome script;
    long card_delay_ms;
    int stop_at;               /* the child stops at this ks_pay_step (or NO_STOP) */
    const char *kill_on_event; /* the parent kills it at this journal event (or NULL) */
    int charges;               /* after recovery: -1 when either outcome is right */
};

static const struct crash_case crash_cases[] = {
    {"after the intent was committed", DEV_NEXO_SIM_APPROVE, 50, KS_PAY_STEP_INTENT_COMMITTED, NULL,
     0},
    /* The customer is still at the terminal: recovery aborts it, unless it approved first. */
    {"after the request was sent", DEV_NEXO_SIM_APPROVE, 1500, NO_STOP, "request", -1},
    {"after the terminal approved, its answer lost", DEV_NEXO_SIM_LOST, 50, KS_PAY_STEP_ANSWER_READ,
     NULL, 1},
    /* Killed once the journal shows the charge; if the answer was read meanwhile, the
     * child waits at ANSWER_READ, so nothing of it is recorded either way. */
    {"after the terminal approved, before the answer was read", DEV_NEXO_SIM_APPROVE, 50,
     KS_PAY_STEP_ANSWER_READ, "charge", 1},
    {"after the answer was read, before recording it", DEV_NEXO_SIM_APPROVE, 50,
     KS_PAY_STEP_ANSWER_READ, NULL, 1},
    {"after the approval was recorded, before mark-paid", DEV_NEXO_SIM_APPROVE, 50,
     KS_PAY_STEP_OUTCOME_RECORDED, NULL, 1},
    {"after the order was marked paid", DEV_NEXO_SIM_APPROVE, 50, KS_PAY_STEP_ORDER_PAID, NULL, 1},
    {"after a decline was read", DEV_NEXO_SIM_DECLINE, 50, KS_PAY_STEP_ANSWER_READ, NULL, 0},
};

/* ---- The simulator process ------------------------------------------------------------ */

struct sim_process {
    pid_t pid;
    unsigned port;
    char journal[4300];
};

static bool sim_spawn(struct sim_process *sp, const struct crash_case *c)
{
    const char *build = getenv("KIOSK_BUILD_DIR");
    char program[4200];
    snprintf(program, sizeof program, "%s/devices/nexo-terminal-sim", build ? build : ".");
    if (access(program, X_OK) != 0) {
        fprintf(stderr, "  %s is not built (KIOSK_BUILD_DIR must point at the build)\n", program);
        return false;
    }
    snprintf(sp->journal, sizeof sp->journal, "%s/sim-journal.jsonl", check_tmp_dir());
    unlink(sp->journal);
    char delay[32];
    snprintf(delay, sizeof delay, "%ld", c->card_delay_ms);
    int out[2];
    if (pipe(out) != 0)
        return false;
    sp->pid = fork();
    if (sp->pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execl(program, program, "--listen", "127.0.0.1:0", "--cert", fx.cert_path, "--key",
              fx.key_path, "--poi", FIXTURE_POI, "--key-id", FIXTURE_KEY_ID, "--passphrase-file",
              fx.passphrase_path, "--script", dev_nexo_sim_outcome_name(c->script),
              "--card-delay-ms", delay, "--hold-ms", "5000", "--journal", sp->journal,
              (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    char line[128] = "";
    FILE *f = sp->pid > 0 ? fdopen(out[0], "r") : NULL;
    bool ok = f && fgets(line, sizeof line, f) &&
              sscanf(line, "listening on 127.0.0.1:%u", &sp->port) == 1;
    if (f)
        fclose(f);
    else
        close(out[0]);
    if (!ok)
        fprintf(stderr, "  the simulator did not start (\"%s\")\n", line);
    return ok;
}

static void sim_end(struct sim_process *sp)
{
    if (sp->pid > 0) {
        kill(sp->pid, SIGTERM);
        waitpid(sp->pid, NULL, 0);
        sp->pid = 0;
    }
}

/* How many journal lines have this event for the sale (any sale when sale is NULL). */
static int journal_count(const struct sim_process *sp, const char *event, const char *sale)
{
    FILE *f = fopen(sp->journal, "r");
    if (!f)
        return 0;
    int n = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        json_t *j = json_loads(line, 0, NULL);
        const char *e = json_string_value(json_object_get(j, "event"));
        const char *s = json_string_value(json_object_get(j, "sale_txn_id"));
        n += e && s && strcmp(e, event) == 0 && (!sale || strcmp(s, sale) == 0);
        json_decref(j);
    }
    fclose(f);
    return n;
}

/* ---- The paying child ----------------------------------------------------------------- */

struct step_note {
    int step;
    char sale[65];
};

struct child_ctx {
    int report_fd;
    int stop_at;
};

static void child_step(void *arg, enum ks_pay_step step, const char *sale_txn_id)
{
    struct child_ctx *c = arg;
    struct step_note note = {.step = (int)step};
    snprintf(note.sale, sizeof note.sale, "%s", sale_txn_id);
    if (write(c->report_fd, &note, sizeof note) != (ssize_t)sizeof note)
        _exit(4);
    if ((int)step == c->stop_at)
        for (;;)
            pause(); /* until the parent's SIGKILL */
}

static void child_main(const char *db_path, const char *uri, const char *order, int report_fd,
                       int stop_at)
{
    ks_db *db = ks_db_open(db_path, NULL);
    dev_terminal *t = dev_terminal_open(uri, NULL, 0);
    if (!db || !t)
        _exit(2);
    struct child_ctx c = {report_fd, stop_at};
    ks_payment_ctx ctx = {.db = db, .terminal = t, .hooks = {.step = child_step, .ctx = &c}};
    ks_payment_rules_default(&ctx.rules);
    ctx.rules.payment_timeout_ms = 4000;
    ks_pay_result r;
    ks_payment_pay(&ctx, order, &r);
    _exit(3); /* every case is killed before the payment ends */
}

/* Waits up to ms for the child's next step note; false on timeout or end of pipe. */
static bool read_note(int fd, struct step_note *note, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, ms) == 1 && read(fd, note, sizeof *note) == (ssize_t)sizeof *note;
}

/* ---- One case ------------------------------------------------------------------------- */

/* The count of query (which ends with "= ") for the quoted value. */
static int64_t sql_int(const char *path, const char *query, const char *value)
{
    char text[512];
    snprintf(text, sizeof text, "%s'%s'", query, value);
    return fixture_sql_int(path, text);
}

static void run_case(const struct crash_case *c)
{
    CHECK(nexo_fixture_init(&fx));
    struct sim_process sp = {0};
    if (!sim_spawn(&sp, c)) {
        sim_end(&sp);
        CHECK(false);
    }
    char path[4096], uri[16384], order[37];
    fixture_fresh_db(check_tmp_dir(), "crash.db", path, sizeof path);
    nexo_fixture_uri(&fx, sp.port, NULL, "", uri, sizeof uri);
    ks_db *db = ks_db_open(path, NULL);
    ks_order *o = fixture_order(1, "riyadh-01", NOV24_UTC, 0);
    int32_t number;
    bool stored = db && ks_order_store_insert(db, o, 0, &number) == KS_DB_OK;
    memcpy(order, o->uuid, sizeof order);
    ks_order_free(o);
    ks_db_close(db);
    if (!stored) {
        sim_end(&sp);
        CHECK(stored);
    }

    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        child_main(path, uri, order, fds[1], c->stop_at);
    }
    close(fds[1]);
    struct step_note note = {0}, last = {-1, ""};
    char sale[65] = "";
    bool reached = false;
    while (!reached && read_note(fds[0], &note, 10000)) {
        last = note;
        snprintf(sale, sizeof sale, "%s", note.sale);
        reached = note.step == c->stop_at;
        if (c->kill_on_event && note.step == KS_PAY_STEP_INTENT_COMMITTED) {
            for (int i = 0; i < 1000 && !journal_count(&sp, c->kill_on_event, sale); i++)
                usleep(2000);
            reached = journal_count(&sp, c->kill_on_event, sale) > 0;
        }
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(fds[0]);
    bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;

    /* Start-up recovery, on the same file and the same simulator. */
    db = ks_db_open(path, NULL);
    dev_terminal *t = dev_terminal_open(uri, NULL, 0);
    ks_payment_ctx ctx = {.db = db, .terminal = t};
    ks_payment_rules_default(&ctx.rules);
    ctx.rules.status_interval_ms = 50;
    ctx.rules.not_found_confirm_ms = 300;
    ctx.rules.request_timeout_ms = 3000;
    size_t left = db && t ? ks_payment_reconcile(&ctx, NULL, NULL) : 99;

    int charges = journal_count(&sp, "charge", NULL) - journal_count(&sp, "reverse", NULL);
    int64_t paid = sql_int(path,
                           "SELECT count(*) FROM order_events WHERE to_status = 'paid' "
                           "AND order_uuid = ",
                           order);
    int64_t outbox = sql_int(path, "SELECT count(*) FROM outbox WHERE order_uuid = ", order);
    int64_t open = fixture_sql_int(path, "SELECT count(*) FROM payments WHERE status IN "
                                         "('pending', 'unknown')");
    /* Unpaid: paying again must work, with a new sale id, and charge once. */
    ks_pay_result again = {0};
    enum ks_pay_kind again_kind = KS_PAY_APPROVED;
    if (paid == 0 && db && t)
        again_kind = ks_payment_pay(&ctx, order, &again);
    int charges_after = journal_count(&sp, "charge", NULL) - journal_count(&sp, "reverse", NULL);
    int64_t paid_after = sql_int(path,
                                 "SELECT count(*) FROM order_events WHERE to_status = "
                                 "'paid' AND order_uuid = ",
                                 order);
    dev_terminal_close(t);
    ks_db_close(db);
    sim_end(&sp);

    fprintf(stderr, "  %s: killed at step %d, %d charge(s), paid %lld time(s)%s\n", c->name,
            last.step, charges, (long long)paid, paid == 0 ? "; paid again" : "");
    CHECK(reached);
    CHECK(killed);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(open, 0);
    CHECK(charges == 0 || charges == 1);
    if (c->charges >= 0)
        CHECK_EQ_INT(charges, c->charges);
    /* Paid exactly once with one charge, or not paid with none. */
    CHECK_EQ_INT(paid, charges);
    CHECK_EQ_INT(outbox, 2 * charges);
    CHECK_EQ_INT(again_kind, KS_PAY_APPROVED);
    if (paid == 0)
        CHECK(strcmp(again.sale_txn_id, sale) != 0);
    CHECK_EQ_INT(charges_after, 1);
    CHECK_EQ_INT(paid_after, 1);
}

static void test_crash_points(void)
{
    for (size_t i = 0; i < CHECK_COUNT(crash_cases); i++)
        run_case(&crash_cases[i]);
}

static const struct check_case cases[] = {
    {"killed at each step, recovery ends with one charge and paid once, or neither",
     test_crash_points},
};

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    int status = check_run(cases, CHECK_COUNT(cases), argc, argv);
    free(fx.cert_pem);
    free(fx.key_pem);
    return status;
}
