/*
 * The end-of-day figures (kiosk/store/report_store.h) on a day of orders
 * written by hand: paid in every state, at the counter, by card with and
 * without a scheme, a declined attempt, cancelled, refunded, unpaid, and
 * orders of another day and another store that must not count.
 */
#include <stdio.h>

#include "kiosk/store/db.h"
#include "kiosk/store/report_store.h"
#include "tests/support/check.h"

static const char sql_order[] =
    "INSERT INTO orders (uuid, store_id, kiosk_id, business_date, number, service, status,\n"
    "    lang, currency, exponent, prices_include_tax, menu_version, subtotal, discount,\n"
    "    total_net, total_vat, total, created_at, updated_at)\n"
    "VALUES (?, ?, 'k1', ?, ?, 'takeaway', ?, 'ar', 'SAR', 2, 1, 'm1', ?, ?, ?, ?, ?, 0, 0)";

static const char sql_payment[] =
    "INSERT INTO payments (sale_txn_id, order_uuid, status, amount, method, created_at,\n"
    "    updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)";

static void uuid_of(int n, char out[37])
{
    snprintf(out, 37, "00000000-0000-4000-8000-%012d", n);
}

static void add_order(ks_db *db, int n, const char *store, const char *date, const char *status,
                      ks_money total, ks_money vat, ks_money discount)
{
    char uuid[37];
    uuid_of(n, uuid);
    ks_db_binder b = ks_db_bind(db, sql_order);
    ks_db_bind_text(&b, uuid);
    ks_db_bind_text(&b, store);
    ks_db_bind_text(&b, date);
    ks_db_bind_int(&b, n);
    ks_db_bind_text(&b, status);
    ks_db_bind_int(&b, total + discount);
    ks_db_bind_int(&b, discount);
    ks_db_bind_int(&b, total - vat);
    ks_db_bind_int(&b, vat);
    ks_db_bind_int(&b, total);
    CHECK_EQ_INT(ks_db_exec(db, &b), KS_DB_OK);
}

static void add_payment(ks_db *db, const char *sale, int order, const char *status, ks_money amount,
                        const char *method)
{
    char uuid[37];
    uuid_of(order, uuid);
    ks_db_binder b = ks_db_bind(db, sql_payment);
    ks_db_bind_text(&b, sale);
    ks_db_bind_text(&b, uuid);
    ks_db_bind_text(&b, status);
    ks_db_bind_int(&b, amount);
    ks_db_bind_text(&b, method);
    CHECK_EQ_INT(ks_db_exec(db, &b), KS_DB_OK);
}

static ks_db *open_fresh(const char *name)
{
    const char *path = check_path(check_tmp_dir(), name);
    remove(path);
    enum ks_db_error err;
    return ks_db_open(path, &err);
}

static void test_figures_of_a_day(void)
{
    ks_db *db = open_fresh("summary-day.db");
    CHECK(db != NULL);
    const char *day = "2026-11-24";
    add_order(db, 1, "s1", day, "paid", 2300, 300, 0);
    add_payment(db, "sale-1", 1, "approved", 2300, "mada");
    add_order(db, 2, "s1", day, "collected", 1150, 150, 200);
    add_payment(db, "sale-2", 2, "approved", 1150, "visa");
    add_order(db, 3, "s1", day, "ready", 4600, 600, 0);
    add_payment(db, "sale-3a", 3, "declined", 4600, "mada"); /* not the method: declined */
    add_payment(db, "sale-3b", 3, "approved", 4600, "");     /* no scheme given: "card" */
    add_order(db, 4, "s1", day, "paid", 575, 75, 50);        /* paid at the counter */
    add_order(db, 5, "s1", day, "sent_to_kitchen", 1725, 225, 100);
    add_payment(db, "sale-5", 5, "approved", 1725, "mada");
    add_order(db, 6, "s1", day, "cancelled", 999, 130, 0);
    add_order(db, 7, "s1", day, "created", 1000, 130, 0);  /* never paid */
    add_order(db, 8, "s1", day, "refunded", 2000, 261, 0); /* money given back */
    add_order(db, 9, "s1", "2026-11-23", "paid", 7000, 913, 0);
    add_order(db, 10, "s1", "2026-11-23", "cancelled", 100, 13, 0);
    add_order(db, 11, "s2", day, "paid", 3000, 391, 0);

    ks_day_report r;
    CHECK_EQ_INT(ks_report_day(db, "s1", day, &r), KS_DB_OK);
    CHECK_EQ_STR(r.business_date, day);
    CHECK_EQ_INT(r.orders, 5);             /* orders 1, 2, 3, 4, 5 */
    CHECK_EQ_INT(r.paid_total, 10350);     /* 2300 + 1150 + 4600 + 575 + 1725 */
    CHECK_EQ_INT(r.vat_total, 1350);       /* 300 + 150 + 600 + 75 + 225 */
    CHECK_EQ_INT(r.discount_total, 350);   /* 0 + 200 + 0 + 50 + 100 */
    CHECK_EQ_INT(r.cancelled, 1);          /* order 6 */
    CHECK_EQ_INT((int64_t)r.n_methods, 4); /* A to Z: card, counter, mada, visa */
    if (r.n_methods == 4) {
        CHECK_EQ_STR(r.methods[0].method, "card");
        CHECK_EQ_INT(r.methods[0].orders, 1);
        CHECK_EQ_INT(r.methods[0].total, 4600);
        CHECK_EQ_STR(r.methods[1].method, "counter");
        CHECK_EQ_INT(r.methods[1].orders, 1);
        CHECK_EQ_INT(r.methods[1].total, 575);
        CHECK_EQ_STR(r.methods[2].method, "mada");
        CHECK_EQ_INT(r.methods[2].orders, 2);
        CHECK_EQ_INT(r.methods[2].total, 4025); /* 2300 + 1725 */
        CHECK_EQ_STR(r.methods[3].method, "visa");
        CHECK_EQ_INT(r.methods[3].orders, 1);
        CHECK_EQ_INT(r.methods[3].total, 1150);
    }

    /* The day before: one paid, one cancelled. */
    CHECK_EQ_INT(ks_report_day(db, "s1", "2026-11-23", &r), KS_DB_OK);
    CHECK_EQ_INT(r.orders, 1);
    CHECK_EQ_INT(r.paid_total, 7000);
    CHECK_EQ_INT(r.cancelled, 1);
    ks_db_close(db);
}

static void test_empty_day_and_bad_arguments(void)
{
    ks_db *db = open_fresh("summary-empty.db");
    CHECK(db != NULL);
    ks_day_report r;
    CHECK_EQ_INT(ks_report_day(db, "s1", "2026-01-01", &r), KS_DB_OK);
    CHECK_EQ_INT(r.orders, 0);
    CHECK_EQ_INT(r.paid_total, 0);
    CHECK_EQ_INT(r.cancelled, 0);
    CHECK_EQ_INT((int64_t)r.n_methods, 0);
    CHECK_EQ_INT(ks_report_day(db, "s1", "2026-1-01", &r), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_report_day(db, "s1", "2026/01/01", &r), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_report_day(db, "s1", "2026-13-01", &r), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_report_day(db, "s1", "2026-11-00", &r), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_report_day(db, "s1", NULL, &r), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_report_day(db, "", "2026-01-01", &r), KS_DB_ERR_INVALID);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"figures of a day, by payment method", test_figures_of_a_day},
    {"an empty day, malformed arguments", test_empty_day_and_bad_arguments},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
