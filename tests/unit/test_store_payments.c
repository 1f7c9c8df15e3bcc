/*
 * Card payments (kiosk/store/payment_store.c): intent before the terminal,
 * the payment lifecycle, terminal fields, crash recovery, and the schema's
 * guarantee of at most one approved payment per order.
 */
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */

static const ks_payment_terminal_info mada = {
    .method = "mada",
    .masked_card = "484783******1234",
    .approval_code = "A1B2C3",
    .terminal_ref = "633012345678",
};

/* A fresh database with orders 1..n (all 'created', total 6800). */
static ks_db *open_with_orders(const char *name, char path[4096], unsigned n)
{
    fixture_fresh_db(check_tmp_dir(), name, path, 4096);
    ks_db *db = ks_db_open(path, NULL);
    if (!fixture_insert_orders(db, n, NOV24_UTC)) {
        ks_db_close(db);
        return NULL;
    }
    return db;
}

static const char *order_uuid(unsigned index)
{
    static char uuid[37];
    fixture_uuid(index, uuid);
    return uuid;
}

static void test_lifecycle_rule(void)
{
    CHECK(ks_payment_can_transition(KS_PAYMENT_PENDING, KS_PAYMENT_APPROVED));
    CHECK(ks_payment_can_transition(KS_PAYMENT_PENDING, KS_PAYMENT_UNKNOWN));
    CHECK(ks_payment_can_transition(KS_PAYMENT_UNKNOWN, KS_PAYMENT_DECLINED));
    CHECK(ks_payment_can_transition(KS_PAYMENT_APPROVED, KS_PAYMENT_REFUNDED));
    CHECK(ks_payment_can_transition(KS_PAYMENT_APPROVED, KS_PAYMENT_APPROVED));
    CHECK(!ks_payment_can_transition(KS_PAYMENT_DECLINED, KS_PAYMENT_APPROVED));
    CHECK(!ks_payment_can_transition(KS_PAYMENT_APPROVED, KS_PAYMENT_CANCELLED));
    CHECK(!ks_payment_can_transition(KS_PAYMENT_UNKNOWN, KS_PAYMENT_PENDING));
    CHECK(!ks_payment_can_transition(KS_PAYMENT_PENDING, KS_PAYMENT_REFUNDED));
    CHECK(!ks_payment_can_transition(KS_PAYMENT_REFUNDED, KS_PAYMENT_APPROVED));
    CHECK(!ks_payment_can_transition((enum ks_payment_status)7, KS_PAYMENT_APPROVED));
    for (int s = 0; s < KS_PAYMENT_STATUS_COUNT; s++) {
        enum ks_payment_status parsed;
        CHECK(ks_payment_status_parse(ks_payment_status_name((enum ks_payment_status)s), &parsed));
        CHECK_EQ_INT(parsed, s);
    }
    enum ks_payment_status unused;
    CHECK(!ks_payment_status_parse("Approved", &unused));
}

static void test_intent_then_answer(void)
{
    char path[4096];
    ks_db *db = open_with_orders("intent.db", path, 1);
    CHECK(db);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0001", order_uuid(1), 6800, NOV24_UTC + 10),
                 KS_DB_OK);
    /* On disk before the terminal hears of it: a second connection sees it. */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM payments "
                                       "WHERE sale_txn_id = 'sale-0001' AND status = 'pending'"),
                 1);
    ks_payment p;
    CHECK_EQ_INT(ks_payment_store_load(db, "sale-0001", &p), KS_DB_OK);
    CHECK_EQ_INT(p.status, KS_PAYMENT_PENDING);
    CHECK_EQ_INT(p.amount, 6800);
    CHECK_EQ_STR(p.order_uuid, order_uuid(1));
    CHECK_EQ_STR(p.masked_card, "");
    CHECK_EQ_INT(p.created_at, NOV24_UTC + 10);

    CHECK_EQ_INT(
        ks_payment_store_update(db, "sale-0001", KS_PAYMENT_APPROVED, &mada, NOV24_UTC + 25),
        KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_load(db, "sale-0001", &p), KS_DB_OK);
    CHECK_EQ_INT(p.status, KS_PAYMENT_APPROVED);
    CHECK_EQ_STR(p.method, "mada");
    CHECK_EQ_STR(p.masked_card, "484783******1234");
    CHECK_EQ_STR(p.approval_code, "A1B2C3");
    CHECK_EQ_STR(p.terminal_ref, "633012345678");
    CHECK_EQ_INT(p.created_at, NOV24_UTC + 10);
    CHECK_EQ_INT(p.updated_at, NOV24_UTC + 25);

    /* A later refund keeps the terminal fields it does not restate. */
    const ks_payment_terminal_info refund = {.terminal_ref = "633099999999"};
    CHECK_EQ_INT(
        ks_payment_store_update(db, "sale-0001", KS_PAYMENT_REFUNDED, &refund, NOV24_UTC + 900),
        KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_load(db, "sale-0001", &p), KS_DB_OK);
    CHECK_EQ_INT(p.status, KS_PAYMENT_REFUNDED);
    CHECK_EQ_STR(p.approval_code, "A1B2C3");
    CHECK_EQ_STR(p.terminal_ref, "633099999999");
    CHECK_EQ_INT(ks_payment_store_load(db, "sale-9999", &p), KS_DB_ERR_NOT_FOUND);
    ks_db_close(db);
}

static void test_illegal_updates_refused(void)
{
    char path[4096];
    ks_db *db = open_with_orders("illegal.db", path, 1);
    CHECK(db);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0001", order_uuid(1), 6800, NOV24_UTC),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-0001", KS_PAYMENT_DECLINED, NULL, NOV24_UTC),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-0001", KS_PAYMENT_APPROVED, &mada, NOV24_UTC),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    ks_payment p;
    CHECK_EQ_INT(ks_payment_store_load(db, "sale-0001", &p), KS_DB_OK);
    CHECK_EQ_INT(p.status, KS_PAYMENT_DECLINED);
    CHECK_EQ_STR(p.method, "");
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-0404", KS_PAYMENT_APPROVED, NULL, NOV24_UTC),
                 KS_DB_ERR_NOT_FOUND);

    /* A full card number is never stored, even by a terminal that sends one. */
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0002", order_uuid(1), 6800, NOV24_UTC),
                 KS_DB_OK);
    const ks_payment_terminal_info full_pan = {.masked_card = "4847831234561234"};
    CHECK_EQ_INT(
        ks_payment_store_update(db, "sale-0002", KS_PAYMENT_APPROVED, &full_pan, NOV24_UTC),
        KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_payment_store_load(db, "sale-0002", &p), KS_DB_OK);
    CHECK_EQ_INT(p.status, KS_PAYMENT_PENDING);
    ks_db_close(db);
}

static void test_create_checks_the_order(void)
{
    char path[4096];
    ks_db *db = open_with_orders("create.db", path, 2);
    CHECK(db);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0001", order_uuid(9), 6800, NOV24_UTC),
                 KS_DB_ERR_NOT_FOUND);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0001", order_uuid(1), 0, NOV24_UTC),
                 KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_payment_store_create(db, "", order_uuid(1), 6800, NOV24_UTC),
                 KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0001", order_uuid(1), 6800, NOV24_UTC),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0001", order_uuid(2), 6800, NOV24_UTC),
                 KS_DB_ERR_CONSTRAINT);
    CHECK_EQ_INT(ks_order_store_set_status(db, order_uuid(2), KS_ORDER_CANCELLED, NOV24_UTC),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0002", order_uuid(2), 6800, NOV24_UTC),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    ks_db_close(db);
}

static void test_one_approved_payment_per_order(void)
{
    char path[4096];
    ks_db *db = open_with_orders("one-approved.db", path, 1);
    CHECK(db);
    /* Two attempts started (the first timed out, the customer tapped again). */
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0001", order_uuid(1), 6800, NOV24_UTC),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-0001", KS_PAYMENT_UNKNOWN, NULL, NOV24_UTC),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0002", order_uuid(1), 6800, NOV24_UTC + 60),
                 KS_DB_OK);
    CHECK_EQ_INT(
        ks_payment_store_update(db, "sale-0002", KS_PAYMENT_APPROVED, &mada, NOV24_UTC + 70),
        KS_DB_OK);
    /* Then the first one turns out approved too: refused, so the caller voids it. */
    CHECK_EQ_INT(
        ks_payment_store_update(db, "sale-0001", KS_PAYMENT_APPROVED, &mada, NOV24_UTC + 80),
        KS_DB_ERR_ALREADY_APPROVED);
    ks_payment p;
    CHECK_EQ_INT(ks_payment_store_load(db, "sale-0001", &p), KS_DB_OK);
    CHECK_EQ_INT(p.status, KS_PAYMENT_UNKNOWN);
    CHECK_EQ_INT(
        ks_payment_store_update(db, "sale-0001", KS_PAYMENT_CANCELLED, NULL, NOV24_UTC + 90),
        KS_DB_OK);
    /* No new intent for an order already paid by card. */
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0003", order_uuid(1), 6800, NOV24_UTC + 95),
                 KS_DB_ERR_ALREADY_APPROVED);
    /* The schema itself refuses it, whatever program writes to the file. */
    CHECK_EQ_INT(fixture_sql_exec(path, "UPDATE payments SET status = 'approved' "
                                        "WHERE sale_txn_id = 'sale-0001'"),
                 SQLITE_CONSTRAINT);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM payments WHERE status = 'approved'"),
                 1);
    ks_db_close(db);
}

static void test_find_unresolved(void)
{
    char path[4096];
    ks_db *db = open_with_orders("unresolved.db", path, 4);
    CHECK(db);
    /* Order 1: pending (crash while the terminal was busy). */
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-a", order_uuid(1), 6800, NOV24_UTC + 1),
                 KS_DB_OK);
    /* Order 2: answer lost. */
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-b", order_uuid(2), 6800, NOV24_UTC + 2),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-b", KS_PAYMENT_UNKNOWN, NULL, NOV24_UTC + 2),
                 KS_DB_OK);
    /* Order 3: approved, but the crash came before the order was marked paid. */
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-c", order_uuid(3), 6800, NOV24_UTC + 3),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-c", KS_PAYMENT_APPROVED, &mada, NOV24_UTC + 3),
                 KS_DB_OK);
    /* Order 4: approved and paid, and an earlier declined attempt: both finished. */
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-d0", order_uuid(4), 6800, NOV24_UTC + 4),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-d0", KS_PAYMENT_DECLINED, NULL, NOV24_UTC + 4),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-d1", order_uuid(4), 6800, NOV24_UTC + 5),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "sale-d1", KS_PAYMENT_APPROVED, &mada, NOV24_UTC + 5),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_order_store_mark_paid(db, order_uuid(4), NOV24_UTC + 5, NULL, 0), KS_DB_OK);

    ks_payment found[8];
    size_t n = 0;
    CHECK_EQ_INT(ks_payment_store_find_unresolved(db, found, 8, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_STR(found[0].sale_txn_id, "sale-a");
    CHECK_EQ_INT(found[0].status, KS_PAYMENT_PENDING);
    CHECK_EQ_STR(found[1].sale_txn_id, "sale-b");
    CHECK_EQ_INT(found[1].status, KS_PAYMENT_UNKNOWN);
    CHECK_EQ_STR(found[2].sale_txn_id, "sale-c");
    CHECK_EQ_INT(found[2].status, KS_PAYMENT_APPROVED);
    CHECK_EQ_STR(found[2].order_uuid, order_uuid(3));
    CHECK_EQ_INT(ks_payment_store_find_unresolved(db, found, 2, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"payment lifecycle rule", test_lifecycle_rule},
    {"intent before the terminal, then its answer", test_intent_then_answer},
    {"illegal updates are refused", test_illegal_updates_refused},
    {"an intent needs an order waiting for payment", test_create_checks_the_order},
    {"never two approved payments for one order", test_one_approved_payment_per_order},
    {"unfinished payments are found after a crash", test_find_unresolved},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
