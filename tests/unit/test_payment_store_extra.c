/*
 * The payment queries the payment flow needs beyond kiosk/store's own tests:
 * all payments of one order (checked before a new payment is started), and
 * approved payments whose order was cancelled (money to give back).
 */
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */

static const char *uuid_of(unsigned index)
{
    static char uuids[4][37];
    fixture_uuid(index, uuids[index % 4]);
    return uuids[index % 4];
}

/* A fresh database with orders 1..n, all 'created'. */
static ks_db *open_with_orders(const char *name, unsigned n)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
    ks_db *db = ks_db_open(path, NULL);
    if (!fixture_insert_orders(db, n, NOV24_UTC)) {
        ks_db_close(db);
        return NULL;
    }
    return db;
}

static void test_list_for_order(void)
{
    ks_db *db = open_with_orders("list.db", 2);
    CHECK(db);
    /* Order 1: declined, then failed, then approved; order 2: one pending. */
    CHECK_EQ_INT(ks_payment_store_create(db, "s-1a", uuid_of(1), 6800, NOV24_UTC + 10), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "s-1a", KS_PAYMENT_DECLINED, NULL, NOV24_UTC + 11),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "s-1b", uuid_of(1), 6800, NOV24_UTC + 20), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "s-1b", KS_PAYMENT_FAILED, NULL, NOV24_UTC + 21),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "s-1c", uuid_of(1), 6800, NOV24_UTC + 30), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "s-1c", KS_PAYMENT_APPROVED, NULL, NOV24_UTC + 31),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "s-2a", uuid_of(2), 6800, NOV24_UTC + 15), KS_DB_OK);

    ks_payment list[4];
    size_t n = 99;
    CHECK_EQ_INT(ks_payment_store_list_for_order(db, uuid_of(1), list, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_STR(list[0].sale_txn_id, "s-1a");
    CHECK_EQ_INT(list[0].status, KS_PAYMENT_DECLINED);
    CHECK_EQ_STR(list[1].sale_txn_id, "s-1b");
    CHECK_EQ_INT(list[1].status, KS_PAYMENT_FAILED);
    CHECK_EQ_STR(list[2].sale_txn_id, "s-1c");
    CHECK_EQ_INT(list[2].status, KS_PAYMENT_APPROVED);
    CHECK_EQ_INT(list[2].amount, 6800);

    CHECK_EQ_INT(ks_payment_store_list_for_order(db, uuid_of(1), list, 2, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2); /* max is respected */
    CHECK_EQ_INT(ks_payment_store_list_for_order(db, uuid_of(2), list, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(list[0].sale_txn_id, "s-2a");
    CHECK_EQ_INT(list[0].status, KS_PAYMENT_PENDING);
    CHECK_EQ_INT(ks_payment_store_list_for_order(db, uuid_of(3), list, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(ks_payment_store_list_for_order(db, "not-a-uuid", list, 4, &n), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(n, 0);
    ks_db_close(db);
}

static void test_find_orphaned(void)
{
    ks_db *db = open_with_orders("orphans.db", 3);
    CHECK(db);
    /* 1: approved, order cancelled (an orphan). 2: approved, order still created (not an
     * orphan: find_unresolved covers it). 3: declined, order cancelled (nothing taken). */
    CHECK_EQ_INT(ks_payment_store_create(db, "s-1", uuid_of(1), 6800, NOV24_UTC + 10), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "s-1", KS_PAYMENT_APPROVED, NULL, NOV24_UTC + 11),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "s-2", uuid_of(2), 6800, NOV24_UTC + 12), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "s-2", KS_PAYMENT_APPROVED, NULL, NOV24_UTC + 13),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_create(db, "s-3", uuid_of(3), 6800, NOV24_UTC + 14), KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_update(db, "s-3", KS_PAYMENT_DECLINED, NULL, NOV24_UTC + 15),
                 KS_DB_OK);
    ks_payment list[4];
    size_t n = 99;
    CHECK_EQ_INT(ks_payment_store_find_orphaned(db, list, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(ks_order_store_set_status(db, uuid_of(1), KS_ORDER_CANCELLED, NOV24_UTC + 20),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_order_store_set_status(db, uuid_of(3), KS_ORDER_CANCELLED, NOV24_UTC + 20),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_find_orphaned(db, list, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(list[0].sale_txn_id, "s-1");
    CHECK_EQ_STR(list[0].order_uuid, uuid_of(1));
    /* Given back: no longer an orphan. */
    CHECK_EQ_INT(ks_payment_store_update(db, "s-1", KS_PAYMENT_REFUNDED, NULL, NOV24_UTC + 30),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_payment_store_find_orphaned(db, list, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"payments of one order, oldest first", test_list_for_order},
    {"approved payments of cancelled orders", test_find_orphaned},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
