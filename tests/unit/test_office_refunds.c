/*
 * Refunds the back office asks for, on the kiosk (kiosk/app/office_refunds.h,
 * kiosk/store/office_refund_store.h): the backend's pending list read (and
 * every malformed list refused whole); a request taken in once, its refund
 * recorded 'requested' under the uuid chosen when it was stored (card for
 * an order paid by card, cash for one paid at the counter), never a second
 * refund when it comes again or after a crash between storing it and
 * recording its refund; refused, with the refusal queued for the backend
 * at refund-requests/<id>/refusal, when the order was never paid, more is
 * asked than is left, or staff cancel its refund; not relayed for an order
 * not stored here; a cash request given back at once with the request's id
 * in the backend's refund message and the request done.
 */
#include "kiosk/app/office_refunds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define REQUEST_1 "5eed0000-0000-4000-8000-0000000000c1"
#define REQUEST_2 "5eed0000-0000-4000-8000-0000000000c2"
#define REQUEST_3 "5eed0000-0000-4000-8000-0000000000c3"
#define REQUEST_4 "5eed0000-0000-4000-8000-0000000000c4"
#define NOT_HERE "5eed0000-0000-4000-8000-0000000000ff"

/* The fixture's lines: 0 meal x1, 1 fries x2 (one free), 2 cola x2, 3 dates 350 g, 4 water x1. */
enum { MEAL, FRIES, COLA, DATES, WATER };
/* The orders: 1 paid by card, 2 paid at the counter, 3 never paid. */
enum { CARD_ORDER = 1, CASH_ORDER = 2, UNPAID_ORDER = 3 };

struct kiosk {
    char path[4096];
    ks_db *db;
    char uuid[4][37]; /* [order index] */
};

static bool place(struct kiosk *k, unsigned index, bool card, bool paid)
{
    ks_order *order = fixture_order(index, "riyadh-01", time(NULL), 0);
    int32_t number = 0;
    bool ok = ks_order_store_insert(k->db, order, 0, &number) == KS_DB_OK;
    memcpy(k->uuid[index], order->uuid, 37);
    ks_money total = order->total;
    ks_order_free(order);
    char sale[16];
    snprintf(sale, sizeof sale, "sale-%u", index);
    if (ok && card) {
        const ks_payment_terminal_info info = {"mada", "484783******1234", "A1", "T1"};
        ok = ks_payment_store_create(k->db, sale, k->uuid[index], total, time(NULL)) == KS_DB_OK &&
             ks_payment_store_update(k->db, sale, KS_PAYMENT_APPROVED, &info, time(NULL)) ==
                 KS_DB_OK;
    }
    const ks_outbox_message kitchen = {.destination = "kitchen", .payload = "{}", .path = NULL};
    return ok && (!paid || ks_order_store_mark_paid(k->db, k->uuid[index], time(NULL), &kitchen,
                                                    1) == KS_DB_OK);
}

static bool kiosk_start(struct kiosk *k, const char *name)
{
    memset(k, 0, sizeof *k);
    fixture_fresh_db(check_tmp_dir(), name, k->path, sizeof k->path);
    k->db = ks_db_open(k->path, NULL);
    return k->db && place(k, CARD_ORDER, true, true) && place(k, CASH_ORDER, false, true) &&
           place(k, UNPAID_ORDER, false, false);
}

/* Request id of order uuid asking line x quantity, "cold", by person sami. */
static ks_office_refund ask(const char *id, const char *uuid, int32_t line, int32_t quantity)
{
    ks_office_refund r = {.asked_at = 1795478400, .n_lines = 1};
    snprintf(r.request_id, sizeof r.request_id, "%s", id);
    snprintf(r.order_uuid, sizeof r.order_uuid, "%s", uuid);
    snprintf(r.reason, sizeof r.reason, "cold");
    snprintf(r.person, sizeof r.person, "sami");
    r.lines[0] = (ks_refund_pick){line, quantity};
    return r;
}

/* The payload of the refusal queued for request id ("" when none), into out[cap]. */
static void refusal_of(const struct kiosk *k, const char *id, char *out, size_t cap)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT payload FROM outbox WHERE destination = 'backend_refund' AND path = "
             "'refund-requests/%s/refusal'",
             id);
    out[0] = '\0';
    sqlite3 *conn = NULL;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_open(k->path, &conn) == SQLITE_OK &&
        sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
}

static void test_pending_list_read(void)
{
    const char *good =
        "{\"requests\":[{\"request_id\":\"" REQUEST_1 "\",\"order_uuid\":\"" NOT_HERE "\","
        "\"store_id\":\"riyadh-01\",\"kiosk_id\":\"kiosk-02\",\"reason\":\"بارد\","
        "\"person\":\"sami\",\"asked_at\":1795478400,\"status\":\"requested\","
        "\"refused_reason\":\"\",\"refund_id\":\"\",\"settled_at\":0,"
        "\"lines\":[{\"line_no\":0,\"quantity\":2},{\"line_no\":3,\"quantity\":1}]},"
        "{\"request_id\":\"" REQUEST_2 "\",\"order_uuid\":\"" NOT_HERE "\",\"reason\":\"x\","
        "\"person\":\"\",\"asked_at\":0,\"status\":\"requested\",\"new_member\":[1],"
        "\"lines\":[{\"line_no\":7,\"quantity\":350}]}]}";
    ks_office_refund *list = NULL;
    size_t n = 0;
    ks_json_error why;
    CHECK(ks_office_refunds_parse(good, strlen(good), &list, &n, &why));
    CHECK_EQ_INT(n, 2);
    if (n == 2) {
        CHECK_EQ_STR(list[0].request_id, REQUEST_1);
        CHECK_EQ_STR(list[0].reason, "بارد");
        CHECK_EQ_INT(list[0].asked_at, 1795478400);
        CHECK_EQ_INT(list[0].n_lines, 2);
        CHECK_EQ_INT(list[0].lines[1].line_no, 3);
        CHECK_EQ_INT(list[0].lines[1].quantity, 1);
        CHECK_EQ_STR(list[1].person, "");
        CHECK_EQ_INT(list[1].lines[0].quantity, 350);
    }
    free(list);
    CHECK(ks_office_refunds_parse("{\"requests\":[]}", 15, &list, &n, &why));
    CHECK_EQ_INT(n, 0);
    free(list);

    static const struct {
        const char *body, *path;
    } bad[] = {
        {"", ""},
        {"[]", ""},
        {"{\"requests\":{}}", "requests"},
        {"{}", ""},
        {"{\"requests\":[{\"request_id\":\"x\"}]}", "requests[0].request_id"},
        {"{\"requests\":[{\"request_id\":\"" REQUEST_1 "\",\"order_uuid\":\"" NOT_HERE
         "\",\"reason\":\"cold\",\"person\":\"s\",\"asked_at\":1,\"status\":\"done\","
         "\"lines\":[{\"line_no\":0,\"quantity\":1}]}]}",
         "requests[0].status"},
        {"{\"requests\":[{\"request_id\":\"" REQUEST_1 "\",\"order_uuid\":\"" NOT_HERE
         "\",\"reason\":\"cold\",\"person\":\"s\",\"asked_at\":1,\"status\":\"requested\","
         "\"lines\":[{\"line_no\":2,\"quantity\":1},{\"line_no\":2,\"quantity\":1}]}]}",
         "requests[0].lines[1].line_no"},
        {"{\"requests\":[{\"request_id\":\"" REQUEST_1 "\",\"order_uuid\":\"" NOT_HERE
         "\",\"reason\":\"cold\",\"person\":\"s\",\"asked_at\":1,\"status\":\"requested\","
         "\"lines\":[{\"line_no\":0,\"quantity\":0}]}]}",
         "requests[0].lines[0].quantity"},
        {"{\"requests\":[{\"request_id\":\"" REQUEST_1 "\",\"order_uuid\":\"" NOT_HERE
         "\",\"reason\":\"co\\nld\",\"person\":\"s\",\"asked_at\":1,\"status\":\"requested\","
         "\"lines\":[{\"line_no\":0,\"quantity\":1}]}]}",
         "requests[0].reason"},
        {"{\"requests\":[{\"request_id\":\"" REQUEST_1 "\",\"order_uuid\":\"" NOT_HERE
         "\",\"reason\":\"cold\",\"person\":\"s\",\"asked_at\":1,\"status\":\"requested\","
         "\"lines\":[]}]}",
         "requests[0].lines"},
        {"{\"requests\":[{\"request_id\":\"" REQUEST_1 "\",\"order_uuid\":\"" NOT_HERE
         "\",\"reason\":\"cold\",\"person\":\"s\",\"asked_at\":1,\"status\":\"requested\","
         "\"lines\":[{\"line_no\":0,\"quantity\":1,\"amount\":5}]}]}",
         "requests[0].lines[0].amount"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        list = (ks_office_refund *)1;
        n = 9;
        memset(&why, 0, sizeof why);
        CHECK(!ks_office_refunds_parse(bad[i].body, strlen(bad[i].body), &list, &n, &why));
        CHECK(list == NULL);
        CHECK_EQ_INT(n, 0);
        CHECK(why.reason[0] != '\0');
        if (strcmp(why.path, bad[i].path) != 0)
            fprintf(stderr, "  case %zu: %s: %s\n", i, why.path, why.reason);
        CHECK_EQ_STR(why.path, bad[i].path);
    }
}

static void test_card_request_waits_for_staff_and_comes_once(void)
{
    struct kiosk k;
    CHECK(kiosk_start(&k, "card.db"));
    const ks_office_refund asked[] = {ask(REQUEST_1, k.uuid[CARD_ORDER], COLA, 1)};
    CHECK_EQ_INT(ks_office_refunds_take(k.db, asked, 1, 1000, 0), 1);
    ks_office_refund_row row;
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_1, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_OFFICE_REFUND_OPEN);
    CHECK_EQ_INT(row.received_at, 1000);
    ks_refund_row refund;
    CHECK_EQ_INT(ks_refund_store_load(k.db, row.refund_id, &refund), KS_DB_OK);
    CHECK_EQ_INT(refund.status, KS_REFUND_REQUESTED);
    CHECK_EQ_INT(refund.method, KS_REFUND_CARD);
    CHECK_EQ_STR(refund.staff, "sami");
    CHECK_EQ_STR(refund.reason, "cold");
    CHECK(refund.amount > 0);
    /* Fetched again (the backend hands it out until it is settled): nothing new. */
    CHECK_EQ_INT(ks_office_refunds_take(k.db, asked, 1, 2000, 0), 0);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM refunds"), 1);
    /* Not given in cash: it waits for staff and the card. */
    ks_refund_ctx ctx = {.db = k.db, .place = "test"};
    CHECK_EQ_INT(ks_office_refunds_give_cash(&ctx), 0);
    CHECK_EQ_INT(ks_refund_store_load(k.db, row.refund_id, &refund), KS_DB_OK);
    CHECK_EQ_INT(refund.status, KS_REFUND_REQUESTED);
    /* Staff cancel it: the back office hears why, once. */
    CHECK_EQ_INT(ks_refund_store_cancel(k.db, row.refund_id, 3000), KS_DB_OK);
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_1, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_OFFICE_REFUND_REFUSED);
    CHECK_EQ_STR(row.refusal, "cancelled by staff at the kiosk");
    char payload[256];
    refusal_of(&k, REQUEST_1, payload, sizeof payload);
    CHECK_EQ_STR(payload, "{\"reason\":\"cancelled by staff at the kiosk\"}");
    CHECK_EQ_INT(ks_office_refunds_take(k.db, asked, 1, 4000, 0), 0);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM refunds"), 1);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM outbox WHERE path <> ''"), 1);
    ks_db_close(k.db);
}

static void test_cash_request_given_at_once(void)
{
    struct kiosk k;
    CHECK(kiosk_start(&k, "cash.db"));
    const ks_office_refund asked[] = {ask(REQUEST_2, k.uuid[CASH_ORDER], WATER, 1)};
    CHECK_EQ_INT(ks_office_refunds_take(k.db, asked, 1, 1000, 0), 1);
    ks_office_refund_row row;
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_2, &row), KS_DB_OK);
    ks_refund_ctx ctx = {.db = k.db, .place = "test"};
    CHECK_EQ_INT(ks_office_refunds_give_cash(&ctx), 1);
    ks_refund_row refund;
    CHECK_EQ_INT(ks_refund_store_load(k.db, row.refund_id, &refund), KS_DB_OK);
    CHECK_EQ_INT(refund.status, KS_REFUND_DONE);
    CHECK_EQ_INT(refund.method, KS_REFUND_CASH);
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_2, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_OFFICE_REFUND_DONE);
    /* The backend's refund message names the request, which makes it done there. */
    CHECK_EQ_INT(fixture_sql_intf(k.path,
                                  "SELECT count(*) FROM outbox WHERE destination = "
                                  "'backend_refund' AND path = '' AND json_extract(payload, "
                                  "'$.request_id') = '%s' AND json_extract(payload, "
                                  "'$.refund_id') = '%s'",
                                  REQUEST_2, row.refund_id),
                 1);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM staff_audit WHERE place = "
                                         "'back-office' AND action = 'refund'"),
                 1);
    /* Nothing twice: not given again, not recorded again when fetched again. */
    CHECK_EQ_INT(ks_office_refunds_give_cash(&ctx), 0);
    CHECK_EQ_INT(ks_office_refunds_take(k.db, asked, 1, 2000, 0), 0);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM refunds"), 1);
    /* A staff refund of its own carries no request id. */
    const ks_refund_pick cola = {COLA, 1};
    const ks_refund_request staff = {.id = "5eed0000-0000-4000-8000-0000000000e9",
                                     .order_uuid = k.uuid[CASH_ORDER],
                                     .method = KS_REFUND_CASH,
                                     .reason = "quality",
                                     .staff = "",
                                     .picks = &cola,
                                     .n_picks = 1};
    CHECK_EQ_INT(ks_refund_store_request(k.db, &staff, 2000, &refund, NULL), KS_DB_OK);
    ks_refund_result result;
    CHECK_EQ_INT(ks_refund_run(&ctx, staff.id, &result), KS_REFUND_GIVEN);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM outbox WHERE destination = "
                                         "'backend_refund' AND json_extract(payload, "
                                         "'$.request_id') IS NULL AND json_extract(payload, "
                                         "'$.refund_id') = '5eed0000-0000-4000-8000-0000000000e9'"),
                 1);
    ks_db_close(k.db);
}

static void test_refused_requests(void)
{
    struct kiosk k;
    CHECK(kiosk_start(&k, "refused.db"));
    const ks_office_refund asked[] = {
        ask(REQUEST_1, k.uuid[UNPAID_ORDER], COLA, 1),
        ask(REQUEST_2, k.uuid[CARD_ORDER], COLA, 3), /* two were sold */
        ask(REQUEST_3, k.uuid[CARD_ORDER], 9, 1),    /* no such line */
        ask(REQUEST_4, NOT_HERE, COLA, 1),
    };
    CHECK_EQ_INT(ks_office_refunds_take(k.db, asked, 4, 1000, 0), 4);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM refunds"), 0);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM office_refunds WHERE status = "
                                         "'refused'"),
                 4);
    const char *const expect[] = {REQUEST_1, REQUEST_2, REQUEST_3};
    for (size_t i = 0; i < 3; i++) {
        ks_office_refund_row row;
        CHECK_EQ_INT(ks_office_refund_store_load(k.db, expect[i], &row), KS_DB_OK);
        char payload[256], want[256];
        refusal_of(&k, expect[i], payload, sizeof payload);
        snprintf(want, sizeof want, "{\"reason\":\"%s\"}", row.refusal);
        CHECK(row.refusal[0] != '\0');
        CHECK_EQ_STR(payload, want);
    }
    ks_office_refund_row row;
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_2, &row), KS_DB_OK);
    CHECK_EQ_STR(row.refusal, ks_refund_strerror(KS_REFUND_MORE_THAN_LEFT));
    /* An order not stored here: refused here, nothing the outbox could carry. */
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_4, &row), KS_DB_OK);
    CHECK_EQ_STR(row.refusal, "the order is not stored at this kiosk");
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM outbox WHERE path <> ''"), 3);
    /* A refused request is never refused twice. */
    CHECK_EQ_INT(ks_office_refund_store_refuse(k.db, REQUEST_2, "again", 2000),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    CHECK_EQ_INT(ks_office_refunds_take(k.db, asked, 4, 3000, 0), 0);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM outbox WHERE path <> ''"), 3);
    ks_db_close(k.db);
}

/* An order placed longer ago than the kiosk's refund window: the request is refused, in words. */
static void test_refund_window(void)
{
    struct kiosk k;
    CHECK(kiosk_start(&k, "window.db"));
    const int64_t day = 24 * 60 * 60, window = 30 * day, now = time(NULL);
    const ks_office_refund late = ask(REQUEST_1, k.uuid[CARD_ORDER], COLA, 1);
    const ks_office_refund in_time = ask(REQUEST_2, k.uuid[CASH_ORDER], COLA, 1);
    CHECK_EQ_INT(ks_office_refunds_take(k.db, &late, 1, now + window + day, window), 1);
    CHECK_EQ_INT(ks_office_refunds_take(k.db, &in_time, 1, now + window - day, window), 1);
    ks_office_refund_row row;
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_1, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_OFFICE_REFUND_REFUSED);
    CHECK_EQ_STR(row.refusal, ks_refund_strerror(KS_REFUND_PAST_WINDOW));
    CHECK_EQ_INT(ks_office_refund_store_load(k.db, REQUEST_2, &row), KS_DB_OK);
    CHECK_EQ_INT(row.status, KS_OFFICE_REFUND_OPEN);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM refunds"), 1);
    ks_db_close(k.db);
}

/* A crash after the request was stored and before its refund was: the same refund id after. */
static void test_crash_between_storing_and_recording(void)
{
    struct kiosk k;
    CHECK(kiosk_start(&k, "crash.db"));
    const ks_office_refund asked = ask(REQUEST_1, k.uuid[CARD_ORDER], MEAL, 1);
    ks_office_refund_row row;
    bool added = false;
    CHECK_EQ_INT(ks_office_refund_store_add(k.db, &asked, "5eed0000-0000-4000-8000-0000000000e1",
                                            1000, &row, &added),
                 KS_DB_OK);
    CHECK(added);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM refunds"), 0);
    CHECK_EQ_INT(ks_office_refunds_take(k.db, &asked, 1, 2000, 0), 0);
    ks_refund_row refund;
    CHECK_EQ_INT(ks_refund_store_load(k.db, "5eed0000-0000-4000-8000-0000000000e1", &refund),
                 KS_DB_OK);
    CHECK_EQ_INT(refund.status, KS_REFUND_REQUESTED);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM refunds"), 1);
    /* Stored again under another refund id (a repeated fetch): the first stays. */
    CHECK_EQ_INT(ks_office_refund_store_add(k.db, &asked, "5eed0000-0000-4000-8000-0000000000e2",
                                            3000, &row, &added),
                 KS_DB_OK);
    CHECK(!added);
    CHECK_EQ_STR(row.refund_id, "5eed0000-0000-4000-8000-0000000000e1");
    /* Malformed requests are refused before anything is written. */
    ks_office_refund bad = asked;
    snprintf(bad.request_id, sizeof bad.request_id, "not-a-uuid");
    CHECK_EQ_INT(ks_office_refund_store_add(k.db, &bad, "5eed0000-0000-4000-8000-0000000000e3",
                                            3000, &row, &added),
                 KS_DB_ERR_INVALID);
    bad = asked;
    bad.n_lines = 2;
    bad.lines[1] = bad.lines[0]; /* a line twice */
    CHECK_EQ_INT(ks_office_refund_store_add(k.db, &bad, "5eed0000-0000-4000-8000-0000000000e3",
                                            3000, &row, &added),
                 KS_DB_ERR_INVALID);
    CHECK_EQ_INT(fixture_sql_int(k.path, "SELECT count(*) FROM office_refunds"), 1);
    ks_db_close(k.db);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"the pending list read, a malformed one refused whole", test_pending_list_read},
        {"a card request waits for staff, comes once, cancelled is refused",
         test_card_request_waits_for_staff_and_comes_once},
        {"a cash request given back at once, named in the backend's message",
         test_cash_request_given_at_once},
        {"requests the kiosk cannot carry out are refused", test_refused_requests},
        {"a request past the refund window is refused", test_refund_window},
        {"a crash between storing and recording keeps one refund id",
         test_crash_between_storing_and_recording},
    };
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
