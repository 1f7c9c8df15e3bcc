/*
 * Durability under a crash: a child process takes orders through the whole
 * paid flow (insert with number, payment intent, approval, paid + outbox)
 * and reports each finished order through a pipe only after the functions
 * returned; the parent SIGKILLs it at a random moment, reopens the file,
 * and checks that it passes the integrity check and holds every reported
 * order completely. (A power cut is beyond a unit test: it relies on
 * synchronous=FULL making SQLite fsync the WAL at every commit.)
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define ROUNDS 4
#define MAX_ORDERS 100000
/* The child is killed this long (at random, in microseconds) after its first report. */
#define MAX_KILL_DELAY_US 300000

static void sale_id(unsigned index, char out[32])
{
    snprintf(out, 32, "sale-%06u", index);
}

/* One order through the paid flow; true when every step returned KS_DB_OK. */
static bool take_order(ks_db *db, unsigned index)
{
    ks_order *order = fixture_order(index, "riyadh-01", NOV24_UTC + index, 0);
    char sale[32];
    sale_id(index, sale);
    static const ks_payment_terminal_info approved = {
        .method = "mada", .masked_card = "484783******1234", .approval_code = "A1B2C3"};
    const ks_outbox_message messages[] = {
        {.destination = "kitchen", .payload = "{\"ticket\":true}", .path = NULL},
        {.destination = "backend", .payload = "{}", .path = NULL}};
    int32_t number;
    bool ok =
        ks_order_store_insert(db, order, 0, &number) == KS_DB_OK &&
        ks_payment_store_create(db, sale, order->uuid, order->total, NOV24_UTC) == KS_DB_OK &&
        ks_payment_store_update(db, sale, KS_PAYMENT_APPROVED, &approved, NOV24_UTC) == KS_DB_OK &&
        ks_order_store_mark_paid(db, order->uuid, NOV24_UTC + index, messages, 2) == KS_DB_OK;
    ks_order_free(order);
    return ok;
}

static void child_main(const char *path, int report_fd)
{
    ks_db *db = ks_db_open(path, NULL);
    for (unsigned i = 1; db && i <= MAX_ORDERS; i++) {
        if (!take_order(db, i))
            _exit(3);
        /* Reported only once every commit has returned. */
        if (write(report_fd, &i, sizeof i) != (ssize_t)sizeof i)
            _exit(4);
    }
    _exit(db ? 0 : 2);
}

static enum ks_db_error copy_text(sqlite3_stmt *stmt, void *ctx)
{
    return ks_db_column_copy(stmt, 0, ctx, 64) ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

/* Checks that the order at index is stored completely: paid, its payment, its two messages. */
static bool order_complete(ks_db *db, unsigned index)
{
    char uuid[37], sale[32];
    fixture_uuid(index, uuid);
    sale_id(index, sale);
    enum ks_order_status status = KS_ORDER_CREATED;
    ks_payment payment;
    int64_t messages = 0;
    ks_db_binder b = ks_db_bind(db, "SELECT count(*) FROM outbox WHERE order_uuid = ?");
    ks_db_bind_text(&b, uuid);
    bool ok = ks_order_store_status(db, uuid, &status) == KS_DB_OK && status == KS_ORDER_PAID &&
              ks_payment_store_load(db, sale, &payment) == KS_DB_OK &&
              payment.status == KS_PAYMENT_APPROVED &&
              ks_db_query_int(db, &b, &messages) == KS_DB_OK && messages == 2;
    if (!ok)
        fprintf(stderr, "  order %u incomplete: status %s, %lld messages\n", index,
                ks_order_status_name(status), (long long)messages);
    return ok;
}

static void crash_round(int round, unsigned seed)
{
    char name[32], path[4096];
    snprintf(name, sizeof name, "crash-%d.db", round);
    fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
    /* Created (and migrated) before the fork: no connection crosses it. */
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db);
    ks_db_close(db);

    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        close(fds[0]);
        child_main(path, fds[1]);
    }
    close(fds[1]);
    unsigned reported = 0, last = 0;
    bool started = read(fds[0], &last, sizeof last) == (ssize_t)sizeof last;
    reported += started;
    useconds_t delay = (useconds_t)(rand_r(&seed) % MAX_KILL_DELAY_US);
    usleep(delay);
    kill(child, SIGKILL);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    /* Reports already in the pipe were sent after their commits returned. */
    unsigned value;
    while (read(fds[0], &value, sizeof value) == (ssize_t)sizeof value) {
        reported++;
        last = value;
    }
    close(fds[0]);
    CHECK(started);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    CHECK_EQ_INT(last, reported);
    fprintf(stderr, "  round %d: killed after %u us, %u orders reported\n", round, (unsigned)delay,
            reported);

    enum ks_db_error err = KS_DB_ERR_INTERNAL;
    db = ks_db_open(path, &err);
    CHECK_EQ_INT(err, KS_DB_OK);
    char verdict[64] = "";
    ks_db_binder b = ks_db_bind(db, "PRAGMA integrity_check");
    CHECK_EQ_INT(ks_db_query(db, &b, copy_text, verdict, NULL), KS_DB_OK);
    CHECK_EQ_STR(verdict, "ok");
    for (unsigned i = 1; i <= reported; i++)
        CHECK(order_complete(db, i));
    /* At most the one order in flight was stored beyond the reports, and numbers have no gaps. */
    int64_t stored = 0, highest = 0;
    b = ks_db_bind(db, "SELECT count(*) FROM orders");
    CHECK_EQ_INT(ks_db_query_int(db, &b, &stored), KS_DB_OK);
    b = ks_db_bind(db, "SELECT max(number) FROM orders");
    CHECK_EQ_INT(ks_db_query_int(db, &b, &highest), KS_DB_OK);
    CHECK(stored == reported || stored == reported + 1);
    CHECK_EQ_INT(highest, stored);
    ks_db_close(db);
}

static void test_sigkill_keeps_reported_orders(void)
{
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    fprintf(stderr, "  seed %u\n", seed);
    for (int round = 0; round < ROUNDS; round++)
        crash_round(round, seed + (unsigned)round);
}

static const struct check_case cases[] = {
    {"SIGKILL at a random moment loses no reported order", test_sigkill_keeps_reported_orders},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
