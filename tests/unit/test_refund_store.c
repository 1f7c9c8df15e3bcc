/*
 * Refunds on disk (kiosk/store/refund_store.h): the amount computed from
 * the order's lines against every earlier refund, never more than was
 * paid; the same refund id recorded twice is one refund, with another
 * content a conflict; the lifecycle requested -> given_back -> done with
 * counted terminal attempts; what reconciliation finds unfinished.
 */
#include "kiosk/store/refund_store.h"

#include "kiosk/store/order_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define REFUND_A "5eed0000-0000-4000-8000-0000000000a1"
#define REFUND_B "5eed0000-0000-4000-8000-0000000000b2"
#define REFUND_C "5eed0000-0000-4000-8000-0000000000c3"

static const char *uuid_of(unsigned index)
{
    static char uuids[4][37];
    fixture_uuid(index, uuids[index % 4]);
    return uuids[index % 4];
}

/*
 * A fresh database with orders 1 and 2 of the store fixture (6800 each:
 * meal 3100, 2 fries 900 after 900 off, 2 colas 1200, 350 g of dates 1400,
 * water 200 at 0 %); order 1 paid, order 2 not.
 */
static ks_db *open_with_orders(const char *name)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
    ks_db *db = ks_db_open(path, NULL);
    for (unsigned i = 1; db && i <= 2; i++) {
        ks_order *order = fixture_order(i, "riyadh-01", NOV24_UTC + i, 0);
        int32_t number;
        enum ks_db_error err = ks_order_store_insert(db, order, 0, &number);
        ks_order_free(order);
        const ks_outbox_message kitchen = {.destination = "kitchen", .payload = "{}", .path = NULL};
        if (err == KS_DB_OK && i == 1)
            err = ks_order_store_mark_paid(db, uuid_of(1), NOV24_UTC + 60, &kitchen, 1);
        if (err != KS_DB_OK) {
            ks_db_close(db);
            return NULL;
        }
    }
    return db;
}

static ks_refund_request request(const char *id, const char *reason, const ks_refund_pick *picks,
                                 size_t n)
{
    return (ks_refund_request){.id = id,
                               .order_uuid = uuid_of(1),
                               .method = KS_REFUND_CARD,
                               .reason = reason,
                               .staff = "staff-7",
                               .picks = picks,
                               .n_picks = n};
}

static void test_amounts_and_idempotency(void)
{
    ks_db *db = open_with_orders("amounts.db");
    CHECK(db);
    ks_refund_row row;
    enum ks_refund_error refusal = KS_REFUND_NO_MEMORY;
    /* A malformed id is refused before anything. */
    const ks_refund_pick one_cola[] = {{2, 1}};
    ks_refund_request bad = request("5eed0000-0000-4000-8000-00000000ref1", "cold", one_cola, 1);
    CHECK_EQ_INT(ks_refund_store_request(db, &bad, NOV24_UTC + 100, &row, &refusal),
                 KS_DB_ERR_INVALID);

    ks_refund_request a = request(REFUND_B, "cold", one_cola, 1);
    CHECK_EQ_INT(ks_refund_store_request(db, &a, NOV24_UTC + 100, &row, &refusal), KS_DB_OK);
    CHECK_EQ_INT(refusal, KS_REFUND_OK);
    CHECK_EQ_STR(row.id, REFUND_B);
    CHECK_EQ_INT(row.status, KS_REFUND_REQUESTED);
    CHECK_EQ_INT(row.amount, 600);
    CHECK_EQ_INT(row.attempt, 0);
    CHECK_EQ_STR(row.staff, "staff-7");

    /* The same refund again: the same row, nothing more recorded. */
    CHECK_EQ_INT(ks_refund_store_request(db, &a, NOV24_UTC + 200, &row, &refusal), KS_DB_OK);
    CHECK_EQ_INT(row.created_at, NOV24_UTC + 100);
    ks_refund_row list[4];
    size_t n = 0;
    ks_money given = -1;
    CHECK_EQ_INT(ks_refund_store_list_for_order(db, uuid_of(1), list, 4, &n, &given), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(given, 0);
    /* The same id with another reason, line or method: a conflict. */
    ks_refund_request other = request(REFUND_B, "too cold", one_cola, 1);
    CHECK_EQ_INT(ks_refund_store_request(db, &other, NOV24_UTC + 200, &row, NULL),
                 KS_DB_ERR_CONFLICT);
    const ks_refund_pick one_fries[] = {{1, 1}};
    other = request(REFUND_B, "cold", one_fries, 1);
    CHECK_EQ_INT(ks_refund_store_request(db, &other, NOV24_UTC + 200, &row, NULL),
                 KS_DB_ERR_CONFLICT);
    other = a;
    other.method = KS_REFUND_CASH;
    CHECK_EQ_INT(ks_refund_store_request(db, &other, NOV24_UTC + 200, &row, NULL),
                 KS_DB_ERR_CONFLICT);

    /* Two colas were paid, one is refunded: two more is too much. */
    const ks_refund_pick two_colas[] = {{2, 2}};
    ks_refund_request c = request(REFUND_C, "cold", two_colas, 1);
    CHECK_EQ_INT(ks_refund_store_request(db, &c, NOV24_UTC + 300, &row, &refusal),
                 KS_DB_ERR_INVALID);
    CHECK_EQ_INT(refusal, KS_REFUND_MORE_THAN_LEFT);

    /* Everything left: 6800 - 600; the fries with their discount, the dates by weight. */
    const ks_refund_pick rest[] = {{4, 1}, {0, 1}, {1, 2}, {2, 1}, {3, 350}};
    ks_refund_request b = request(REFUND_A, "wrong order", rest, 5);
    CHECK_EQ_INT(ks_refund_store_request(db, &b, NOV24_UTC + 400, &row, &refusal), KS_DB_OK);
    CHECK_EQ_INT(row.amount, 6200);
    /* Nothing is left of the order. */
    const ks_refund_pick water[] = {{4, 1}};
    c = request(REFUND_C, "cold", water, 1);
    CHECK_EQ_INT(ks_refund_store_request(db, &c, NOV24_UTC + 500, &row, &refusal),
                 KS_DB_ERR_INVALID);
    CHECK_EQ_INT(refusal, KS_REFUND_MORE_THAN_LEFT);

    /* An unpaid order, an unknown one. */
    c.order_uuid = uuid_of(2);
    CHECK_EQ_INT(ks_refund_store_request(db, &c, NOV24_UTC + 500, &row, &refusal),
                 KS_DB_ERR_INVALID);
    CHECK_EQ_INT(refusal, KS_REFUND_NOT_PAID);
    c.order_uuid = uuid_of(3);
    CHECK_EQ_INT(ks_refund_store_request(db, &c, NOV24_UTC + 500, &row, &refusal),
                 KS_DB_ERR_NOT_FOUND);

    /* Each refund's part is what it was recorded with, after the ones before it. */
    ks_order *order = NULL, *part = NULL;
    CHECK_EQ_INT(ks_order_store_load(db, uuid_of(1), &order), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_store_part(db, REFUND_B, order, &part), KS_DB_OK);
    CHECK_EQ_INT(part->n_lines, 1);
    CHECK_EQ_INT(part->total, 600);
    ks_order_free(part);
    CHECK_EQ_INT(ks_refund_store_part(db, REFUND_A, order, &part), KS_DB_OK);
    CHECK_EQ_INT(part->n_lines, 5);
    CHECK_EQ_INT(part->total, 6200);
    CHECK_EQ_INT(part->lines[1].discount, 900);
    CHECK_EQ_INT(part->lines[2].quantity, 1);
    CHECK(ks_order_totals_consistent(part));
    ks_order_free(part);
    ks_order_free(order);
    ks_db_close(db);
}

static void test_lifecycle(void)
{
    ks_db *db = open_with_orders("lifecycle.db");
    CHECK(db);
    const ks_refund_pick meal[] = {{0, 1}};
    ks_refund_request a = request(REFUND_B, "cold", meal, 1);
    ks_refund_row row, found[4];
    size_t n = 99;
    CHECK_EQ_INT(ks_refund_store_request(db, &a, NOV24_UTC + 100, &row, NULL), KS_DB_OK);
    char sale[KS_REFUND_SALE_ID_MAX + 1];
    ks_refund_sale_id(&row, sale);
    CHECK_EQ_STR(sale, "");
    /* Requested, nothing sent: not for reconciliation. */
    CHECK_EQ_INT(ks_refund_store_find_unfinished(db, found, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(ks_refund_store_next_attempt(db, REFUND_B, KS_REFUND_VIA_TERMINAL_REFUND,
                                              NOV24_UTC + 110, sale),
                 KS_DB_OK);
    CHECK_EQ_STR(sale, REFUND_B ".1");
    CHECK_EQ_INT(ks_refund_store_note(db, REFUND_B, "declined (Refusal)", NOV24_UTC + 111),
                 KS_DB_OK);
    /* Once asked for as a refund, never as a reversal. */
    CHECK_EQ_INT(
        ks_refund_store_next_attempt(db, REFUND_B, KS_REFUND_VIA_REVERSAL, NOV24_UTC + 120, sale),
        KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_refund_store_next_attempt(db, REFUND_B, KS_REFUND_VIA_TERMINAL_REFUND,
                                              NOV24_UTC + 120, sale),
                 KS_DB_OK);
    CHECK_EQ_STR(sale, REFUND_B ".2");
    CHECK_EQ_INT(ks_refund_store_find_unfinished(db, found, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(found[0].attempt, 2);
    CHECK_EQ_INT(found[0].via, KS_REFUND_VIA_TERMINAL_REFUND);
    CHECK_EQ_STR(found[0].last_error, "declined (Refusal)");

    CHECK_EQ_INT(ks_db_begin(db), KS_DB_OK);
    CHECK_EQ_INT(ks_db_end(db, ks_refund_store_given_back_locked(db, REFUND_B, "SIM000007.V400m",
                                                                 NOV24_UTC + 130)),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_refund_store_load(db, REFUND_B, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_REFUND_GIVEN_BACK);
    CHECK_EQ_STR(row.terminal_ref, "SIM000007.V400m");
    CHECK_EQ_STR(row.last_error, "");
    /* Never asked again, never given back twice. */
    CHECK_EQ_INT(ks_refund_store_next_attempt(db, REFUND_B, KS_REFUND_VIA_TERMINAL_REFUND,
                                              NOV24_UTC + 140, sale),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_refund_store_given_back_locked(db, REFUND_B, "", NOV24_UTC + 140),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_refund_store_note(db, REFUND_B, "late", NOV24_UTC + 140),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_refund_store_find_unfinished(db, found, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(found[0].status, KS_REFUND_GIVEN_BACK);
    ks_money given = 0;
    CHECK_EQ_INT(ks_refund_store_list_for_order(db, uuid_of(1), found, 4, &n, &given), KS_DB_OK);
    CHECK_EQ_INT(given, 3100);

    CHECK_EQ_INT(ks_refund_store_done_locked(db, REFUND_B, NOV24_UTC + 150), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_store_done_locked(db, REFUND_B, NOV24_UTC + 150),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_refund_store_find_unfinished(db, found, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(ks_refund_store_done_locked(db, REFUND_C, NOV24_UTC + 150), KS_DB_ERR_NOT_FOUND);
    ks_db_close(db);
}

int main(int argc, char **argv)
{
    static const struct check_case tests[] = {
        {"amounts against earlier refunds; idempotent by id", test_amounts_and_idempotency},
        {"requested, attempts, given back, done", test_lifecycle},
    };
    return check_run(tests, CHECK_COUNT(tests), argc, argv);
}
