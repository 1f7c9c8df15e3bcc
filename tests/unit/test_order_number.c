/*
 * Customer order numbers across the kiosks of a store
 * (kiosk/domain/order_number.c, kiosk/store/order_store.c): each kiosk's
 * series never meets another's, a kiosk never repeats a number in a day
 * whatever the count, and a database that numbered 1, 2, 3 before the
 * series was set carries on without a repeat.
 */
#include <stdlib.h>

#include "kiosk/domain/order_number.h"
#include "kiosk/store/order_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

/* 2026-11-24 12:00 UTC, afternoon in Riyadh: one business day. */
#define NOV24_NOON 1795521600

static void test_formula(void)
{
    static const struct {
        int series;
        int64_t n;
        int32_t number;
    } cases[] = {
        {0, 1, 1},         {0, 1234, 1234},    {1, 1, 1001},
        {2, 1, 2001},      {2, 999, 2999},     {2, 1000, 21000},
        {2, 9999, 29999},  {2, 10000, 210000}, {9, 99999999, 999999999},
        {1, 0, 0},         {10, 1, 0},         {-1, 1, 0},
        {3, 100000000, 0},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        int32_t got = ks_order_number(cases[i].series, cases[i].n);
        if (got != cases[i].number)
            check_fail(__FILE__, __LINE__, "series %d, n %lld: %d, want %d", cases[i].series,
                       (long long)cases[i].n, got, cases[i].number);
        if (got && ks_order_number_sequence(cases[i].series, got) != cases[i].n)
            check_fail(__FILE__, __LINE__, "series %d: %d does not give back %lld", cases[i].series,
                       got, (long long)cases[i].n);
    }
    /* Numbers of other series, or not of the form, are nobody's n. */
    CHECK_EQ_INT(ks_order_number_sequence(1, 2001), 0);
    CHECK_EQ_INT(ks_order_number_sequence(1, 57), 0);
    CHECK_EQ_INT(ks_order_number_sequence(2, 20000), 0);
    CHECK_EQ_INT(ks_order_number_sequence(2, 200500), 0); /* n = 500 is written 2500 */
}

static int by_value(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Every series 1-9 over the first 30,000 orders of a day: no number twice, every one back. */
static void test_series_never_meet(void)
{
    enum { PER = 30000, SERIES = KS_ORDER_SERIES_MAX };
    int32_t *all = malloc(sizeof *all * PER * SERIES);
    CHECK(all != NULL);
    size_t n = 0;
    for (int s = 1; s <= SERIES; s++)
        for (int64_t i = 1; i <= PER; i++) {
            all[n] = ks_order_number(s, i);
            if (all[n] == 0 || ks_order_number_sequence(s, all[n]) != i)
                check_fail(__FILE__, __LINE__, "series %d, n %lld", s, (long long)i);
            n++;
        }
    qsort(all, n, sizeof *all, by_value);
    size_t repeats = 0;
    for (size_t i = 1; i < n; i++)
        repeats += all[i] == all[i - 1];
    free(all);
    CHECK_EQ_INT(repeats, 0);
}

static ks_db *open_fresh(const char *name, char path[4096])
{
    fixture_fresh_db(check_tmp_dir(), name, path, 4096);
    return ks_db_open(path, NULL);
}

static int32_t insert(ks_db *db, unsigned index, int series)
{
    ks_order *order = fixture_order(index, "riyadh-01", NOV24_NOON + index, 240);
    int32_t number = -1;
    enum ks_db_error err = ks_order_store_insert(db, order, series, &number);
    ks_order_free(order);
    return err == KS_DB_OK ? number : -1;
}

/* Two kiosks of one store, each with its own database and series, offline from each other. */
static void test_two_kiosks_one_store(void)
{
    char path_a[4096], path_b[4096];
    ks_db *a = open_fresh("numbers-a.db", path_a), *b = open_fresh("numbers-b.db", path_b);
    CHECK(a && b);
    int32_t numbers[12];
    for (unsigned i = 0; i < 6; i++) {
        numbers[2 * i] = insert(a, 1 + i, 1);
        numbers[2 * i + 1] = insert(b, 101 + i, 2);
    }
    CHECK_EQ_INT(numbers[0], 1001);
    CHECK_EQ_INT(numbers[1], 2001);
    CHECK_EQ_INT(numbers[10], 1006);
    CHECK_EQ_INT(numbers[11], 2006);
    /* Past the 999th order of the day: five digits, still apart. */
    CHECK_EQ_INT(fixture_sql_exec(path_a, "UPDATE order_counters SET last_number = 1998"),
                 SQLITE_OK);
    CHECK_EQ_INT(insert(a, 20, 1), 1999);
    CHECK_EQ_INT(insert(a, 21, 1), 11000);
    CHECK_EQ_INT(insert(a, 22, 1), 11001);
    ks_db_close(a);
    ks_db_close(b);
}

/*
 * A kiosk that numbered 1, 2, 3 ... this morning (a database of before the
 * series, or series 0) is given series 1 at noon: it carries on at 1001;
 * moved to series 2 and back, it passes over the numbers it gave already.
 */
static void test_carries_on_after_the_series_is_set(void)
{
    char path[4096];
    ks_db *db = open_fresh("numbers-upgrade.db", path);
    CHECK(db);
    for (unsigned i = 1; i <= 3; i++)
        CHECK_EQ_INT(insert(db, i, 0), (int32_t)i);
    CHECK_EQ_INT(insert(db, 4, 1), 1001);
    CHECK_EQ_INT(insert(db, 5, 2), 2001);
    CHECK_EQ_INT(insert(db, 6, 1), 1002);
    /* Series 0 counts on from the latest number (so it is for a store with one kiosk). */
    CHECK_EQ_INT(insert(db, 7, 0), 1003);
    /* The same uuid again keeps its number. */
    CHECK_EQ_INT(insert(db, 5, 1), 2001);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(DISTINCT number) FROM orders"), 7);
    ks_order *order = fixture_order(8, "riyadh-01", NOV24_NOON, 240);
    int32_t number = 0;
    CHECK_EQ_INT(ks_order_store_insert(db, order, 10, &number), KS_DB_ERR_INVALID);
    ks_order_free(order);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"the number of the n-th order of a series, and back", test_formula},
    {"nine series over 30,000 orders each: no number twice", test_series_never_meet},
    {"two kiosks of one store never give the same number", test_two_kiosks_one_store},
    {"a database numbered before the series carries on without repeats",
     test_carries_on_after_the_series_is_set},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
