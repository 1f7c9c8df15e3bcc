/*
 * Staff access storage (kiosk/store/staff_store.h): the PIN lockout kept
 * across restarts and the append-only audit log, on a real SQLite file.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/store/db.h"
#include "kiosk/store/staff_store.h"

static ks_db *fresh_db(const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", check_tmp_dir(), name);
    unlink(path);
    return ks_db_open(path, NULL);
}

static void test_lockout_kept(void)
{
    ks_db *db = fresh_db("lockout.db");
    CHECK(db != NULL);
    ks_staff_lockout got = {.failures = 9, .locked_until = 9};
    CHECK_EQ_INT(ks_staff_lockout_load(db, &got), KS_DB_OK);
    CHECK_EQ_INT(got.failures, 0); /* never stored: not locked */
    CHECK_EQ_INT(got.locked_until, 0);
    CHECK_EQ_INT(ks_staff_lockout_save(db, &(ks_staff_lockout){2, 0}), KS_DB_OK);
    CHECK_EQ_INT(ks_staff_lockout_save(db, &(ks_staff_lockout){0, 1795514700}), KS_DB_OK);
    CHECK_EQ_INT(ks_staff_lockout_load(db, &got), KS_DB_OK);
    CHECK_EQ_INT(got.failures, 0);
    CHECK_EQ_INT(got.locked_until, 1795514700);
    CHECK_EQ_INT(ks_staff_lockout_save(db, &(ks_staff_lockout){-1, 0}), KS_DB_ERR_INVALID);
    ks_db_binder b = ks_db_bind(db, "SELECT count(*) FROM staff_lockout");
    int64_t rows = 0;
    CHECK_EQ_INT(ks_db_query_int(db, &b, &rows), KS_DB_OK);
    CHECK_EQ_INT(rows, 1);
    ks_db_close(db);
}

static enum ks_db_error keep_detail(sqlite3_stmt *stmt, void *ctx)
{
    snprintf(ctx, KS_STAFF_DETAIL_MAX + 1, "%s", (const char *)sqlite3_column_text(stmt, 0));
    return KS_DB_OK;
}

static void test_audit_rows(void)
{
    ks_db *db = fresh_db("audit.db");
    CHECK(db != NULL);
    CHECK_EQ_INT(ks_staff_audit_add(db, 10, NULL, "staff-pin", "pin", "wrong", NULL), KS_DB_OK);
    CHECK_EQ_INT(ks_staff_audit_add(db, 11, NULL, "staff", "sold-out", "ok", "fries"), KS_DB_OK);
    /* Words are required and short; nothing is written for a refused row. */
    CHECK_EQ_INT(ks_staff_audit_add(db, 12, NULL, "", "pin", "ok", NULL), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_staff_audit_add(db, 12, NULL, "staff", NULL, "ok", NULL), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_staff_audit_add(db, 12, NULL, "staff",
                                    "a-much-too-long-action-name-for-the-log", "ok", NULL),
                 KS_DB_ERR_INVALID);
    /* A long Arabic detail is cut whole characters at a time (each is two bytes here). */
    char detail[512] = "x";
    for (int i = 0; i < 150; i++)
        snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "%s", "ب");
    CHECK_EQ_INT(ks_staff_audit_add(db, 13, NULL, "staff", "sold-out", "ok", detail), KS_DB_OK);
    char stored[KS_STAFF_DETAIL_MAX + 1] = "";
    ks_db_binder b = ks_db_bind(db, "SELECT detail FROM staff_audit WHERE at = 13");
    CHECK_EQ_INT(ks_db_query(db, &b, keep_detail, stored, NULL), KS_DB_OK);
    CHECK_EQ_INT(strlen(stored),
                 KS_STAFF_DETAIL_MAX - 1); /* "x" and 99 letters, not half a letter */
    CHECK(strncmp(stored, detail, strlen(stored)) == 0);
    b = ks_db_bind(db, "SELECT group_concat(place || ' ' || action || ' ' || outcome || ' ' || "
                       "detail, ',') FROM staff_audit WHERE at < 13 ORDER BY seq");
    CHECK_EQ_INT(ks_db_query(db, &b, keep_detail, stored, NULL), KS_DB_OK);
    CHECK_EQ_STR(stored, "staff-pin pin wrong ,staff sold-out ok fries");
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"the lockout is kept, one row", test_lockout_kept},
    {"audit rows, refused words, long details cut whole", test_audit_rows},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
