/*
 * The staff refund screen's logic: the sheet (kiosk/domain/refund_sheet.h:
 * picks kept within what is left of each line, a weighed line all or
 * nothing, the total exactly what the refund will give back, never more
 * than paid minus given back) and the desk (kiosk/app/refund_desk.h:
 * today's order by number, by its e-receipt token or address, by its
 * signed invoice's QR; what its refunds took; a second refund of what was
 * given back is refused, the same confirmation recorded again is the same
 * refund; a full refund makes the order refunded; a declined refund can be
 * cancelled, frees its lines and is never asked about again), and the
 * refund slip built from what was given back.
 */
#include "kiosk/app/refund_desk.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/refund.h"
#include "kiosk/render/print_render.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "kiosk/store/report_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define REFUND_1 "5eed0000-0000-4000-8000-0000000000d1"
#define REFUND_2 "5eed0000-0000-4000-8000-0000000000d2"
#define REFUND_3 "5eed0000-0000-4000-8000-0000000000d3"
#define TOKEN "0123456789abcdef0123456789abcdef"

/* The fixture's lines: 0 meal x1, 1 fries x2 (one free), 2 cola x2, 3 dates 350 g, 4 water x1. */
enum { MEAL, FRIES, COLA, DATES, WATER };

static ks_order *paid_fixture(void)
{
    ks_order *order = fixture_order(1, "riyadh-01", time(NULL), 0);
    order->status = KS_ORDER_PAID;
    return order;
}

static void test_sheet_keeps_picks_within_what_is_left(void)
{
    const int32_t before[5] = {0, 1, 0, 0, 0}; /* one fries given back before */
    ks_refund_sheet *s = ks_refund_sheet_new(paid_fixture(), before, 0);
    CHECK(s != NULL);
    CHECK_EQ_INT(ks_refund_sheet_left(s, FRIES), 1);
    CHECK_EQ_INT(ks_refund_sheet_set(s, FRIES, 5), 1);
    CHECK_EQ_INT(ks_refund_sheet_set(s, COLA, -3), 0);
    CHECK_EQ_INT(ks_refund_sheet_set(s, COLA, 2), 2);
    /* A weighed line: any pick is all of it. */
    CHECK_EQ_INT(ks_refund_sheet_set(s, DATES, 1), 350);
    CHECK_EQ_INT(ks_refund_sheet_set(s, DATES, 0), 0);
    CHECK_EQ_INT(ks_refund_sheet_set(s, 9, 1), 0);
    CHECK_EQ_INT(ks_refund_sheet_left(s, 9), 0);
    ks_refund_pick picks[8];
    CHECK_EQ_INT(ks_refund_sheet_picks(s, picks, 8), 2);
    CHECK_EQ_INT(picks[0].line_no, FRIES);
    CHECK_EQ_INT(picks[1].line_no, COLA);
    ks_refund_sheet_clear(s);
    ks_money amount = -1;
    CHECK_EQ_INT(ks_refund_sheet_total(s, &amount), KS_REFUND_NO_LINES);
    CHECK_EQ_INT(amount, 0);
    ks_refund_sheet_free(s);
}

static void test_sheet_total_is_the_refund_and_never_more_than_paid(void)
{
    ks_order *order = paid_fixture();
    ks_money paid = order->total;
    ks_refund_sheet *s = ks_refund_sheet_new(order, NULL, 0);
    CHECK(s != NULL);
    ks_refund_sheet_pick_all(s);
    CHECK(!ks_refund_sheet_all_given(s));
    ks_money all = 0;
    CHECK_EQ_INT(ks_refund_sheet_total(s, &all), KS_REFUND_OK);
    CHECK_EQ_INT(all, paid);
    CHECK_EQ_INT(ks_refund_sheet_refundable(s), paid);
    /* One cola of two: its share as ks_refund_build computes it. */
    ks_refund_sheet_clear(s);
    ks_refund_sheet_set(s, COLA, 1);
    ks_money one = 0;
    CHECK_EQ_INT(ks_refund_sheet_total(s, &one), KS_REFUND_OK);
    CHECK_EQ_INT(one, ks_refund_share(ks_refund_sheet_order(s)->lines[COLA].gross, 2, 0, 1));
    ks_refund_sheet_set_reason(s, KS_REASON_QUALITY);
    ks_refund_sheet_set_reason(s, (enum ks_refund_reason)42); /* ignored */
    CHECK_EQ_STR(ks_refund_reason_text(ks_refund_sheet_reason(s)), "quality");
    ks_refund_sheet_free(s);
    /* Everything given back before: nothing left, nothing to refund. */
    const int32_t all_lines[5] = {1, 2, 2, 350, 1};
    s = ks_refund_sheet_new(paid_fixture(), all_lines, paid);
    CHECK(ks_refund_sheet_all_given(s));
    CHECK_EQ_INT(ks_refund_sheet_refundable(s), 0);
    ks_refund_sheet_pick_all(s);
    CHECK_EQ_INT(ks_refund_sheet_total(s, &all), KS_REFUND_NO_LINES);
    ks_refund_sheet_free(s);
}

struct desk {
    char path[4096];
    ks_db *db;
    char uuid[37];
    char day[11];
    int32_t number;
    ks_refund_ctx ctx; /* no terminal: cash refunds only */
};

/* A database with the fixture order placed now and paid, at the counter or by card. */
static bool desk_start(struct desk *d, const char *name, bool card)
{
    memset(d, 0, sizeof *d);
    fixture_fresh_db(check_tmp_dir(), name, d->path, sizeof d->path);
    d->db = ks_db_open(d->path, NULL);
    ks_order *order = fixture_order(1, "riyadh-01", time(NULL), 0);
    memcpy(order->receipt_token, TOKEN, sizeof order->receipt_token);
    bool ok = d->db && ks_order_store_insert(d->db, order, 0, &d->number) == KS_DB_OK;
    memcpy(d->uuid, order->uuid, sizeof d->uuid);
    memcpy(d->day, order->business_date, sizeof d->day);
    ks_money total = order->total;
    ks_order_free(order);
    if (ok && card) {
        const ks_payment_terminal_info info = {"mada", "484783******1234", "A1", "T1"};
        ok = ks_payment_store_create(d->db, "sale-1", d->uuid, total, time(NULL)) == KS_DB_OK &&
             ks_payment_store_update(d->db, "sale-1", KS_PAYMENT_APPROVED, &info, time(NULL)) ==
                 KS_DB_OK;
    }
    const ks_outbox_message kitchen = {.destination = "kitchen", .payload = "{}", .path = NULL};
    ok = ok && ks_order_store_mark_paid(d->db, d->uuid, time(NULL), &kitchen, 1) == KS_DB_OK;
    d->ctx = (ks_refund_ctx){.db = d->db, .place = "test"};
    return ok;
}

/* The order opened now, with quantity of line picked (every line when line < 0). */
static ks_refund_desk_order opened(struct desk *d, int line, int32_t quantity)
{
    ks_refund_desk_order o;
    if (ks_refund_desk_open(d->db, d->uuid, time(NULL), 0, &o) != KS_DB_OK)
        return (ks_refund_desk_order){0};
    if (line < 0)
        ks_refund_sheet_pick_all(o.sheet);
    else
        ks_refund_sheet_set(o.sheet, (size_t)line, quantity);
    return o;
}

/* Records what o picks as refund id, then frees o's sheet. */
static enum ks_db_error record(struct desk *d, ks_refund_desk_order *o, const char *id,
                               ks_refund_row *row, enum ks_refund_error *refusal)
{
    *refusal = KS_REFUND_OK;
    if (!o->sheet)
        return KS_DB_ERR_INTERNAL;
    enum ks_db_error err = ks_refund_desk_record(d->db, o, id, "staff-7", time(NULL), row, refusal);
    ks_refund_sheet_free(o->sheet);
    o->sheet = NULL;
    return err;
}

/* Opens the order, picks quantity of line (every line when line < 0), records it as id. */
static enum ks_db_error pick_and_record(struct desk *d, const char *id, int line, int32_t quantity,
                                        ks_refund_row *row, enum ks_refund_error *refusal)
{
    ks_refund_desk_order o = opened(d, line, quantity);
    return record(d, &o, id, row, refusal);
}

static void test_desk_finds_todays_order(void)
{
    struct desk d;
    CHECK(desk_start(&d, "desk-find.db", false));
    char uuid[37];
    CHECK_EQ_INT(ks_order_store_find_number(d.db, d.day, d.number, uuid), KS_DB_OK);
    CHECK_EQ_STR(uuid, d.uuid);
    CHECK_EQ_INT(ks_order_store_find_number(d.db, d.day, d.number + 1, uuid), KS_DB_ERR_NOT_FOUND);
    CHECK_EQ_INT(ks_order_store_find_number(d.db, "2020-01-01", d.number, uuid),
                 KS_DB_ERR_NOT_FOUND);
    /* The e-receipt's address, or its token alone. */
    CHECK_EQ_INT(ks_refund_desk_find_code(d.db, "https://backend.example/r/" TOKEN, uuid),
                 KS_DB_OK);
    CHECK_EQ_STR(uuid, d.uuid);
    CHECK_EQ_INT(ks_refund_desk_find_code(d.db, TOKEN, uuid), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_desk_find_code(d.db, "ffffffffffffffffffffffffffffffff", uuid),
                 KS_DB_ERR_NOT_FOUND);
    CHECK_EQ_INT(ks_refund_desk_find_code(d.db, "", uuid), KS_DB_ERR_INVALID);
    /* The signed invoice's QR, exactly as printed. */
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO einvoices (icv, uuid, number, order_uuid, kind, issued_at, pih, hash, "
             "qr, xml) VALUES (1, '%s', 'inv-1', '%s', 388, 1, 'pih', 'h', 'QR-TEXT-1', x'00')",
             d.uuid, d.uuid);
    CHECK_EQ_INT(fixture_sql_exec(d.path, sql), 0);
    CHECK_EQ_INT(ks_refund_desk_find_code(d.db, "QR-TEXT-1", uuid), KS_DB_OK);
    CHECK_EQ_STR(uuid, d.uuid);
    CHECK_EQ_INT(ks_refund_desk_find_code(d.db, "QR-TEXT-2", uuid), KS_DB_ERR_NOT_FOUND);
    ks_db_close(d.db);
}

static void test_never_refunded_twice(void)
{
    struct desk d;
    CHECK(desk_start(&d, "desk-twice.db", false));
    ks_refund_desk_order o;
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, time(NULL), 0, &o), KS_DB_OK);
    CHECK_EQ_INT(o.method, KS_REFUND_CASH);
    CHECK(!o.has_open);
    ks_refund_sheet_free(o.sheet);
    /* Another screen has the order open with both fries picked ... */
    ks_refund_desk_order stale = opened(&d, FRIES, 2);
    CHECK_EQ_INT(ks_refund_sheet_picked(stale.sheet, FRIES), 2);
    ks_refund_row row;
    enum ks_refund_error refusal = KS_REFUND_OK;
    CHECK_EQ_INT(pick_and_record(&d, REFUND_1, FRIES, 1, &row, &refusal), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_REFUND_REQUESTED);
    ks_money first = row.amount;
    ks_refund_result result;
    CHECK_EQ_INT(ks_refund_run(&d.ctx, REFUND_1, &result), KS_REFUND_GIVEN);
    CHECK_EQ_INT(result.amount, first);
    /* Opened again: one fries is left, and what was given back shows. */
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, time(NULL), 0, &o), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_sheet_left(o.sheet, FRIES), 1);
    CHECK_EQ_INT(ks_refund_sheet_given_before(o.sheet), first);
    CHECK_EQ_INT(ks_refund_sheet_refundable(o.sheet),
                 ks_refund_sheet_order(o.sheet)->total - first);
    ks_refund_sheet_free(o.sheet);
    /* ... and confirms both after one was given back: more than is left, refused. */
    CHECK_EQ_INT(record(&d, &stale, REFUND_2, &row, &refusal), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(refusal, KS_REFUND_MORE_THAN_LEFT);
    /* The same confirmation again is the same refund: nothing more is given. */
    CHECK_EQ_INT(pick_and_record(&d, REFUND_1, FRIES, 1, &row, &refusal), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_REFUND_DONE);
    CHECK_EQ_INT(ks_refund_run(&d.ctx, REFUND_1, &result), KS_REFUND_GIVEN);
    CHECK_EQ_INT(fixture_sql_int(d.path, "SELECT count(*) FROM refunds"), 1);
    CHECK_EQ_INT(fixture_sql_int(d.path, "SELECT count(*) FROM outbox WHERE destination = "
                                         "'backend_refund'"),
                 1);
    CHECK_EQ_INT(fixture_sql_int(d.path, "SELECT status = 'paid' FROM orders"), 1);
    ks_db_close(d.db);
}

/* The refund window: an order placed longer ago than [retention] refund_days is not refunded. */
static void test_refund_window(void)
{
    struct desk d;
    CHECK(desk_start(&d, "desk-window.db", false));
    const int64_t day = 24 * 60 * 60, window = 30 * day;
    const int64_t placed = time(NULL);
    ks_refund_desk_order o;
    /* On the window's last day it opens, and a refund is recorded; the day after it does not. */
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, placed + window - 60, window, &o), KS_DB_OK);
    CHECK(!o.past_window);
    ks_refund_sheet_free(o.sheet);
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, placed + window + day, window, &o), KS_DB_OK);
    CHECK(o.past_window);
    /* A screen that offered the sheet anyway: the store refuses what it picks, records nothing. */
    ks_refund_sheet_set(o.sheet, FRIES, 1);
    ks_refund_row row;
    enum ks_refund_error refusal = KS_REFUND_OK;
    CHECK_EQ_INT(
        ks_refund_desk_record(d.db, &o, REFUND_1, "staff-7", placed + window + day, &row, &refusal),
        KS_DB_ERR_INVALID);
    CHECK_EQ_INT(refusal, KS_REFUND_PAST_WINDOW);
    ks_refund_sheet_free(o.sheet);
    CHECK_EQ_INT(fixture_sql_int(d.path, "SELECT count(*) FROM refunds"), 0);
    /* Recorded in time, then confirmed again after the window: the same refund, answered. */
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, placed + day, window, &o), KS_DB_OK);
    ks_refund_sheet_set(o.sheet, FRIES, 1);
    CHECK_EQ_INT(ks_refund_desk_record(d.db, &o, REFUND_2, "staff-7", placed + day, &row, &refusal),
                 KS_DB_OK);
    CHECK_EQ_INT(
        ks_refund_desk_record(d.db, &o, REFUND_2, "staff-7", placed + window + day, &row, &refusal),
        KS_DB_OK);
    CHECK_EQ_STR(row.id, REFUND_2);
    ks_refund_sheet_free(o.sheet);
    /* Its open refund keeps the order open past the window, so staff can finish it. */
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, placed + window + day, window, &o), KS_DB_OK);
    CHECK(o.has_open);
    CHECK(!o.past_window);
    ks_refund_sheet_free(o.sheet);
    /* No window (0): any age. */
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, placed + 3650 * day, 0, &o), KS_DB_OK);
    CHECK(!o.past_window);
    ks_refund_sheet_free(o.sheet);
    ks_db_close(d.db);
}

static void test_full_refund_makes_the_order_refunded(void)
{
    struct desk d;
    CHECK(desk_start(&d, "desk-full.db", false));
    ks_refund_desk_order stale = opened(&d, WATER, 1);
    ks_refund_row row;
    enum ks_refund_error refusal;
    ks_refund_result result;
    CHECK_EQ_INT(pick_and_record(&d, REFUND_1, COLA, 1, &row, &refusal), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_run(&d.ctx, REFUND_1, &result), KS_REFUND_GIVEN);
    CHECK_EQ_INT(fixture_sql_int(d.path, "SELECT status = 'paid' FROM orders"), 1);
    /* The day's summary: paid, refunded in part. */
    ks_day_report day;
    CHECK_EQ_INT(ks_report_day(d.db, "riyadh-01", d.day, &day), KS_DB_OK);
    CHECK_EQ_INT(day.orders, 1);
    CHECK_EQ_INT(day.partly_refunded, 1);
    CHECK_EQ_INT(day.refunded_orders, 0);
    CHECK_EQ_INT(day.refunds, 1);
    CHECK_EQ_INT(day.refunded_total, row.amount);
    CHECK_EQ_INT(pick_and_record(&d, REFUND_2, -1, 0, &row, &refusal), KS_DB_OK);
    ks_money rest = row.amount;
    CHECK_EQ_INT(ks_refund_run(&d.ctx, REFUND_2, &result), KS_REFUND_GIVEN);
    CHECK_EQ_INT(fixture_sql_int(d.path, "SELECT status = 'refunded' FROM orders"), 1);
    /* Refunded in full: out of the paid figures, counted as refunded. */
    CHECK_EQ_INT(ks_report_day(d.db, "riyadh-01", d.day, &day), KS_DB_OK);
    CHECK_EQ_INT(day.orders, 0);
    CHECK_EQ_INT(day.partly_refunded, 0);
    CHECK_EQ_INT(day.refunded_orders, 1);
    CHECK_EQ_INT(day.refunds, 2);
    ks_refund_desk_order o;
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, time(NULL), 0, &o), KS_DB_OK);
    CHECK(ks_refund_sheet_all_given(o.sheet));
    /* Both refunds together gave back exactly what was paid. */
    CHECK_EQ_INT(ks_refund_sheet_given_before(o.sheet), ks_refund_sheet_order(o.sheet)->total);
    CHECK(rest < ks_refund_sheet_order(o.sheet)->total);
    ks_refund_sheet_free(o.sheet);
    /* The water picked on a screen opened before: given back already, refused. */
    CHECK_EQ_INT(record(&d, &stale, REFUND_3, &row, &refusal), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(refusal, KS_REFUND_MORE_THAN_LEFT);
    ks_db_close(d.db);
}

static void test_declined_refund_is_cancelled(void)
{
    struct desk d;
    CHECK(desk_start(&d, "desk-cancel.db", true));
    ks_refund_desk_order o;
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, time(NULL), 0, &o), KS_DB_OK);
    CHECK_EQ_INT(o.method, KS_REFUND_CARD);
    ks_refund_sheet_free(o.sheet);
    ks_refund_row row;
    enum ks_refund_error refusal;
    ks_refund_result result;
    CHECK_EQ_INT(pick_and_record(&d, REFUND_1, MEAL, 1, &row, &refusal), KS_DB_OK);
    /* No terminal here: nothing is given, the refund stays open. */
    CHECK_EQ_INT(ks_refund_run(&d.ctx, REFUND_1, &result), KS_REFUND_ERROR);
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, time(NULL), 0, &o), KS_DB_OK);
    CHECK(o.has_open);
    CHECK_EQ_STR(o.open.id, REFUND_1);
    CHECK_EQ_INT(ks_refund_sheet_left(o.sheet, MEAL), 0);
    ks_refund_sheet_free(o.sheet);
    /* A later refund is recorded: the earlier one can no longer be cancelled (its shares). */
    CHECK_EQ_INT(pick_and_record(&d, REFUND_2, COLA, 1, &row, &refusal), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_store_cancel(d.db, REFUND_1, time(NULL)), KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_refund_store_cancel(d.db, REFUND_2, time(NULL)), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_store_cancel(d.db, REFUND_1, time(NULL)), KS_DB_OK);
    CHECK_EQ_INT(ks_refund_store_cancel(d.db, REFUND_1, time(NULL)), KS_DB_ERR_ILLEGAL_TRANSITION);
    ks_refund_row kept;
    CHECK_EQ_INT(ks_refund_store_load(d.db, REFUND_1, &kept), KS_DB_OK);
    CHECK_EQ_INT(kept.status, KS_REFUND_CANCELLED);
    CHECK_EQ_STR(ks_refund_status_name(kept.status), "cancelled");
    /* Its lines are free again, and nothing asks the terminal about it. */
    CHECK_EQ_INT(ks_refund_desk_open(d.db, d.uuid, time(NULL), 0, &o), KS_DB_OK);
    CHECK(!o.has_open);
    CHECK_EQ_INT(ks_refund_sheet_left(o.sheet, MEAL), 1);
    CHECK_EQ_INT(ks_refund_sheet_given_before(o.sheet), 0);
    ks_refund_sheet_free(o.sheet);
    ks_refund_row open[4];
    size_t n = 9;
    CHECK_EQ_INT(ks_refund_store_find_unfinished(d.db, open, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(ks_refund_run(&d.ctx, REFUND_1, &result), KS_REFUND_ERROR);
    CHECK_EQ_INT(fixture_sql_int(d.path, "SELECT status = 'paid' FROM orders"), 1);
    ks_db_close(d.db);
}

static void test_slip_of_what_was_given_back(void)
{
    struct desk d;
    CHECK(desk_start(&d, "desk-slip.db", false));
    ks_refund_row row;
    enum ks_refund_error refusal;
    ks_refund_result result;
    CHECK_EQ_INT(pick_and_record(&d, REFUND_1, COLA, 1, &row, &refusal), KS_DB_OK);
    ks_print_refund slip;
    /* Not given back yet: no slip. */
    CHECK_EQ_INT(ks_print_refund_load(d.db, d.uuid, REFUND_1, &slip), KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_refund_run(&d.ctx, REFUND_1, &result), KS_REFUND_GIVEN);
    CHECK_EQ_INT(ks_print_refund_load(d.db, d.uuid, REFUND_1, &slip), KS_DB_OK);
    CHECK_EQ_INT(slip.part->n_lines, 1);
    CHECK_EQ_STR(slip.part->lines[0].item_id, "cola");
    CHECK_EQ_INT(slip.part->total, row.amount);
    CHECK_EQ_INT(slip.refund.tender, KS_TENDER_CASH);
    CHECK_EQ_STR(slip.refund.reason, "wrong item");
    ks_config cfg;
    ks_config_defaults(&cfg);
    const ks_receipt_input in = {.order = slip.req.order,
                                 .cfg = &cfg,
                                 .issued_at = slip.req.issued_at,
                                 .lang = slip.req.lang,
                                 .refund = slip.req.refund};
    ks_doc *doc = ks_receipt_layout(&in, KS_RECEIPT_REFUND);
    CHECK(doc != NULL);
    ks_doc_free(doc);
    /* A slip needs its refund. */
    const ks_receipt_input bare = {.order = slip.req.order, .cfg = &cfg, .lang = KS_LANG_EN};
    CHECK(ks_receipt_layout(&bare, KS_RECEIPT_REFUND) == NULL);
    ks_print_refund_free(&slip);
    /* A refund of another order is not this order's slip. */
    CHECK_EQ_INT(
        ks_print_refund_load(d.db, "00000000-0000-4000-8000-000000000000", REFUND_1, &slip),
        KS_DB_ERR_INVALID);
    ks_db_close(d.db);
}

static const struct check_case cases[] = {
    {"the sheet keeps picks within what is left", test_sheet_keeps_picks_within_what_is_left},
    {"the sheet's total is the refund, never more than paid",
     test_sheet_total_is_the_refund_and_never_more_than_paid},
    {"today's order by number, e-receipt or invoice QR", test_desk_finds_todays_order},
    {"a refund is never applied twice", test_never_refunded_twice},
    {"no new refund past the refund window", test_refund_window},
    {"a full refund makes the order refunded", test_full_refund_makes_the_order_refunded},
    {"a declined refund is cancelled and frees its lines", test_declined_refund_is_cancelled},
    {"the slip is of what was given back", test_slip_of_what_was_given_back},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
