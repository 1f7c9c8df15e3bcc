/*
 * Staff sold-out marks: the in-memory set the cart's validation asks
 * (kiosk/store/soldout_store.h) and their storage in sold_out_overrides.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <unistd.h>

#include "kiosk/store/db.h"
#include "kiosk/store/soldout_store.h"

static void test_marks_in_memory(void)
{
    ks_soldout *set = ks_soldout_new();
    CHECK(set != NULL);
    CHECK(ks_soldout_mark(set, "fries", NULL, NULL, true));
    CHECK(ks_soldout_mark(set, NULL, "cheese-add", "cheddar", true));
    CHECK(ks_soldout_mark(set, "fries", NULL, NULL, true)); /* twice: still one mark */
    CHECK_EQ_INT(ks_soldout_count(set), 2);
    CHECK(ks_soldout_item(set, "fries"));
    CHECK(!ks_soldout_item(set, "cola"));
    /* An option mark answers for its option id, never for an item of that name. */
    CHECK(ks_soldout_option(set, "cheddar"));
    CHECK(!ks_soldout_item(set, "cheddar"));
    CHECK(ks_soldout_check(set, "beef-burger", "cheddar"));
    CHECK(!ks_soldout_check(set, "beef-burger", NULL));
    CHECK(ks_soldout_check(set, "fries", NULL));
    CHECK(ks_soldout_mark(set, "fries", NULL, NULL, false));
    CHECK(!ks_soldout_item(set, "fries"));
    CHECK(ks_soldout_mark(set, "never-marked", NULL, NULL, false)); /* removing nothing is fine */
    CHECK_EQ_INT(ks_soldout_count(set), 1);
    ks_soldout_free(set);
    ks_soldout_free(NULL);
}

static void test_bad_keys_are_refused(void)
{
    ks_soldout *set = ks_soldout_new();
    CHECK(set != NULL);
    char long_id[KS_SOLDOUT_ID_MAX + 2];
    memset(long_id, 'x', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    CHECK(!ks_soldout_mark(set, "", NULL, NULL, true));
    CHECK(!ks_soldout_mark(set, long_id, NULL, NULL, true));
    CHECK(!ks_soldout_mark(set, "fries", "group", "option", true)); /* an item or an option */
    CHECK(!ks_soldout_mark(set, NULL, "group", NULL, true));
    CHECK(!ks_soldout_mark(NULL, "fries", NULL, NULL, true));
    CHECK_EQ_INT(ks_soldout_count(set), 0);
    ks_soldout_free(set);
}

static void test_stored_marks_survive_a_restart(void)
{
    const char *path = check_path(check_tmp_dir(), "soldout.db");
    char wal[4200];
    unlink(path);
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    enum ks_db_error err;
    ks_db *db = ks_db_open(path, &err);
    CHECK(db != NULL);
    CHECK_EQ_INT(ks_soldout_store_set(db, "fries", NULL, NULL, true, "K1", 100), KS_DB_OK);
    CHECK_EQ_INT(ks_soldout_store_set(db, "cola", NULL, NULL, true, "K1", 101), KS_DB_OK);
    CHECK_EQ_INT(ks_soldout_store_set(db, NULL, "ice", "no-ice", true, "K1", 102), KS_DB_OK);
    /* Back on sale: the row stays (who and when), but no longer says sold out. */
    CHECK_EQ_INT(ks_soldout_store_set(db, "cola", NULL, NULL, false, "K2", 103), KS_DB_OK);
    CHECK_EQ_INT(ks_soldout_store_set(db, "", NULL, NULL, true, "K1", 104), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_soldout_store_set(db, "fries", NULL, NULL, true, "", 104), KS_DB_ERR_INVALID);
    ks_db_close(db);

    db = ks_db_open(path, &err);
    CHECK(db != NULL);
    ks_soldout *set = ks_soldout_new();
    CHECK(set != NULL);
    CHECK_EQ_INT(ks_soldout_store_load(db, set), KS_DB_OK);
    CHECK_EQ_INT(ks_soldout_count(set), 2);
    CHECK(ks_soldout_item(set, "fries"));
    CHECK(!ks_soldout_item(set, "cola"));
    CHECK(ks_soldout_option(set, "no-ice"));
    ks_soldout_free(set);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"marks in memory: items, options, back on sale", test_marks_in_memory},
    {"bad keys are refused", test_bad_keys_are_refused},
    {"stored marks survive a restart", test_stored_marks_survive_a_restart},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
