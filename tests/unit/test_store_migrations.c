/*
 * Schema migrations (kiosk/store/migrations.c): a database left at every
 * earlier version, with data in it, opens at the latest version with its
 * data intact; steps are idempotent; a newer schema is refused.
 */
#include <stdlib.h>

#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/menu_store.h"
#include "kiosk/store/migrations.h"
#include "kiosk/store/office_refund_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/payment_store.h"
#include "kiosk/store/print_store.h"
#include "kiosk/store/refund_store.h"
#include "kiosk/store/staff_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define OLD_UUID "5eed0000-0000-4000-8000-0000000000aa"
#define OLD_REFUND "5eed0000-0000-4000-8000-0000000000ab"
#define OLD_REQUEST "5eed0000-0000-4000-8000-0000000000ac"
#define OLD_REQUESTED_REFUND "5eed0000-0000-4000-8000-0000000000ad"

/* A staff action's uuid (step 21): an outbox key that is no order's. */
#define STAFF_ACTION_UUID "5eed0000-0000-4000-8000-00000000a521"

/*
 * Data an older program wrote, one block per schema version (index = the
 * version that added the tables). The fries line: 1150 including 15 % VAT
 * is 1000 net + 150 VAT. The day's counter stands at 7.
 */
static const char *const old_data[] = {
    NULL,
    "INSERT INTO orders (uuid, store_id, kiosk_id, business_date, number, service, status,\n"
    "    lang, currency, exponent, prices_include_tax, menu_version, subtotal, discount,\n"
    "    total_net, total_vat, total, created_at, updated_at)\n"
    "    VALUES ('" OLD_UUID "', 'riyadh-01', 'kiosk-02', '2026-11-24', 7,\n"
    "    'takeaway', 'created', 'ar', 'SAR', 2, 1, '2026-11-24.1', 1150, 0, 1000, 150, 1150,\n"
    "    1795478400, 1795478400);\n"
    "INSERT INTO order_lines (order_uuid, line_no, item_id, category_id, name_ar, name_en,\n"
    "    unit, quantity, unit_price, note, vat_rate_bp, discount, net, vat, gross,\n"
    "    promo_note_ar, promo_note_en) VALUES ('" OLD_UUID "', 0, 'fries', 'sides', 'بطاطس',\n"
    "    'Fries', 'each', 1, 1150, '', 1500, 0, 1000, 150, 1150, '', '');\n"
    "INSERT INTO order_line_details (order_uuid, line_no, detail_no, kind, detail_id, name_ar,\n"
    "    name_en, price_delta, depth) VALUES ('" OLD_UUID "', 0, 0, 'modifier', 'salt', 'ملح',\n"
    "    'Salt', 0, 0);\n"
    "INSERT INTO order_vat VALUES ('" OLD_UUID "', 1500, 1000, 150);\n"
    "INSERT INTO order_events (order_uuid, from_status, to_status, at)\n"
    "    VALUES ('" OLD_UUID "', NULL, 'created', 1795478400);\n"
    "INSERT INTO order_counters VALUES ('riyadh-01', '2026-11-24', 7);\n",
    "INSERT INTO payments VALUES ('sale-0001', '" OLD_UUID "', 'pending', 1150, '', '', '', '',\n"
    "    1795478460, 1795478460);\n",
    "INSERT INTO outbox (order_uuid, destination, payload, created_at, next_attempt_at)\n"
    "    VALUES ('" OLD_UUID "', 'backend', '{\"n\":7}', 1795478400, 1795478400);\n"
    "INSERT INTO menus (version, sha256, imported_at, source, active) VALUES ('2026-11-01.3',\n"
    "    '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 1795000000,\n"
    "    CAST('{}' AS BLOB), 1);\n",
    "INSERT INTO sold_out_overrides (item_id, sold_out, set_by, set_at)\n"
    "    VALUES ('fries', 1, 'staff-7', 1795478400);\n",
    "INSERT INTO print_jobs (order_uuid, kind, status, attempts, last_error, created_at)\n"
    "    VALUES ('" OLD_UUID "', 'receipt', 'failed', 1, 'out of paper', 1795478460);\n",
    "INSERT INTO print_jobs (business_date, kind, status, created_at)\n"
    "    VALUES ('2026-11-24', 'summary', 'queued', 1795478460);\n",
    "INSERT INTO einvoices (icv, uuid, number, order_uuid, kind, issued_at, pih, hash, qr, xml)\n"
    "    VALUES (1, '" OLD_UUID "', 'riyadh-01-kiosk-02-1', '" OLD_UUID "', 388, 1795478460,\n"
    "    'pih', 'hash-1', 'qr', CAST('<Invoice/>' AS BLOB));\n",
    "INSERT INTO order_line_details VALUES ('" OLD_UUID "', 0, 1, 'modifier', 'vinegar', 'خل',\n"
    "    'Vinegar', 0, 0, '');\n",
    "INSERT INTO staff_lockout VALUES (1, 2, 0);\n"
    "INSERT INTO staff_audit (at, place, action, outcome, detail)\n"
    "    VALUES (1795478460, 'staff-pin', 'pin', 'wrong', '');\n",
    "INSERT INTO sold_out_overrides (item_id, sold_out, set_by, set_at, set_where, hub_seq,\n"
    "    pending) VALUES ('cola', 1, 'kitchen', 1795478460, 'kitchen', 3, 0);\n",
    "UPDATE orders SET receipt_token = '00112233445566778899aabbccddeeff'\n"
    "    WHERE uuid = '" OLD_UUID "';\n",
    "INSERT INTO refunds (id, order_uuid, status, method, amount, reason, staff, created_at,\n"
    "    updated_at) VALUES ('" OLD_REFUND "', '" OLD_UUID "', 'requested', 'cash', 1150,\n"
    "    'cold', 'staff-7', 1795478460, 1795478460);\n"
    "INSERT INTO refund_lines VALUES ('" OLD_REFUND "', 0, 1);\n",
    "UPDATE order_lines SET vat_category = 'S', vat_exemption = '' WHERE order_uuid = '" OLD_UUID
    "';\n",
    "INSERT INTO print_jobs (order_uuid, kind, status, created_at, refund_id)\n"
    "    VALUES ('" OLD_UUID "', 'refund', 'queued', 1795478470, '" OLD_REFUND "');\n"
    "UPDATE refunds SET status = 'cancelled' WHERE id = '" OLD_REFUND "';\n",
    "INSERT INTO stock_soldout VALUES ('fries');\n"
    "INSERT INTO stock_soldout_list VALUES (1, '\"e1\"', 1795478480);\n",
    "INSERT INTO office_refunds (request_id, order_uuid, refund_id, reason, person, asked_at,\n"
    "    received_at, status, updated_at) VALUES ('" OLD_REQUEST "', '" OLD_UUID "',\n"
    "    '" OLD_REQUESTED_REFUND "', 'cold', 'sami', 1795478490, 1795478495, 'open',\n"
    "    1795478495);\n"
    "INSERT INTO office_refund_lines VALUES ('" OLD_REQUEST "', 0, 1);\n",
    "INSERT INTO menu_file VALUES (1, '/etc/kiosk/menu.json', 2049, 131, 52000,\n"
    "    1795478400000000000, 'abc');\n",
    "INSERT INTO order_interventions VALUES ('" OLD_UUID "', 0, 'removal', 'approve_removal',\n"
    "    'staff-07', 1795478400, 1795478412, 'fries', 1150);\n",
    "UPDATE retention SET orders = 3, pruned_icv = 0, last_run_at = 1795478500;\n",
    /* 20: a staff list pulled, and a sign-in by one of its people */
    "INSERT INTO staff_pins (id, pin_hash) VALUES ('sami', 'pbkdf2-sha256$20000$"
    "00112233445566778899aabbccddeeff$"
    "0011223344556677889900112233445566778899001122334455667788990011');\n"
    "INSERT INTO staff_pins_list (id, etag, pulled_at) VALUES (1, '\"s1\"', 1795478600);\n"
    "INSERT INTO staff_audit (at, place, action, outcome, detail, person)\n"
    "    VALUES (1795478600, 'staff-pin', 'pin', 'ok', '', 'sami');\n",
    /* 21: a staff action sent to the backend, its message keyed by its own uuid */
    "INSERT INTO staff_audit (at, place, action, outcome, detail, person, uuid)\n"
    "    VALUES (1795478700, 'staff', 'sold-out', 'ok', 'fries', 'sami', '" STAFF_ACTION_UUID
    "');\n"
    "INSERT INTO outbox (order_uuid, destination, payload, created_at, next_attempt_at, path)\n"
    "    VALUES ('" STAFF_ACTION_UUID "', 'backend_refund', '{}', 1795478700, 1795478700,\n"
    "            'staff-actions');\n",
    /* 22: that staff action queued as ks_staff_action_record queues one now, then set aside
     * (its backend refused it), so no longer counted unsent */
    "UPDATE outbox SET aside_unsent = 0, attempts = 1, next_attempt_at = 9223372036854775807\n"
    "    WHERE path = 'staff-actions';\n",
};

/* A database file at `version` holding the data of every version up to it. */
static bool make_old_database(const char *path, int version)
{
    sqlite3 *conn = NULL;
    bool ok =
        sqlite3_open(path, &conn) == SQLITE_OK && ks_migrations_run(conn, version) == KS_DB_OK;
    for (int v = 1; ok && v <= version; v++) {
        ok = sqlite3_exec(conn, old_data[v], NULL, NULL, NULL) == SQLITE_OK;
        if (!ok)
            fprintf(stderr, "  version %d data: %s\n", v, sqlite3_errmsg(conn));
    }
    sqlite3_close(conn);
    return ok;
}

/* Opens a database left at `version` and checks it is at the latest version with its data. */
static void check_upgrade_from(int version)
{
    char name[32], path[4096];
    snprintf(name, sizeof name, "from-v%d.db", version);
    fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
    CHECK(make_old_database(path, version));
    CHECK_EQ_INT(fixture_sql_int(path, "PRAGMA user_version"), version);

    enum ks_db_error err = KS_DB_ERR_INTERNAL;
    ks_db *db = ks_db_open(path, &err);
    CHECK_EQ_INT(err, KS_DB_OK);
    CHECK_EQ_INT(fixture_sql_int(path, "PRAGMA user_version"), ks_migrations_latest());

    if (version >= 1) {
        ks_order *old = NULL;
        CHECK_EQ_INT(ks_order_store_load(db, OLD_UUID, &old), KS_DB_OK);
        CHECK_EQ_INT(old->number, 7);
        CHECK_EQ_INT(old->total, 1150);
        CHECK_EQ_STR(old->lines[0].name_ar, "بطاطس");
        CHECK_EQ_STR(old->lines[0].details[0].id, "salt");
        CHECK(ks_order_totals_consistent(old));
        ks_order_free(old);
    }
    if (version >= 2) {
        ks_payment payment;
        CHECK_EQ_INT(ks_payment_store_load(db, "sale-0001", &payment), KS_DB_OK);
        CHECK_EQ_INT(payment.status, KS_PAYMENT_PENDING);
        CHECK_EQ_INT(payment.amount, 1150);
    }
    if (version >= 3) {
        /* The order's copy for the backend; and, for a file with an e-invoice (step 7 on)
         * upgraded through step 19, that document's archive copy, queued by step 19. */
        int64_t queued = version >= 7 && version < 19 ? 2 : 1;
        int64_t undelivered = 0;
        CHECK_EQ_INT(ks_outbox_count_undelivered(db, &undelivered), KS_DB_OK);
        /* and a staff action's (21), until set aside (22) */
        CHECK_EQ_INT(undelivered, queued + (version == 21));
        /* Messages queued before step 16 go where their destination sends them. */
        ks_outbox_row *rows = NULL;
        size_t n = 0;
        CHECK_EQ_INT(ks_outbox_fetch_due(db, "backend", INT64_MAX - 1, 4, &rows, &n), KS_DB_OK);
        CHECK_EQ_INT(n, (size_t)queued);
        size_t own_path = 0;
        for (size_t i = 0; i < n; i++)
            own_path += strcmp(rows[i].path, "") == 0;
        CHECK_EQ_INT(own_path, 1);
        ks_outbox_rows_free(rows, n);
        ks_menu_info info;
        CHECK_EQ_INT(ks_menu_store_active_info(db, &info), KS_DB_OK);
        CHECK_EQ_STR(info.version, "2026-11-01.3");
    }
    if (version >= 4) {
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM sold_out_overrides"),
                     version >= 10 ? 2 : 1);
        /* A mark set before step 10 is this kiosk's, still to reach the store's hub. */
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT pending FROM sold_out_overrides "
                                           "WHERE item_id = 'fries' AND set_where = ''"),
                     1);
    }
    if (version >= 10)
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT hub_seq FROM sold_out_overrides "
                                           "WHERE item_id = 'cola' AND pending = 0"),
                     3);
    if (version >= 5) {
        /* The rebuilt table of version 6 kept the job, its id and its outcome. */
        ks_print_job job;
        CHECK_EQ_INT(ks_print_store_load(db, 1, &job), KS_DB_OK);
        CHECK_EQ_STR(job.order_uuid, OLD_UUID);
        CHECK_EQ_STR(job.business_date, "");
        CHECK_EQ_INT(job.status, KS_PRINT_FAILED);
        CHECK_EQ_STR(job.last_error, "out of paper");
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM print_jobs"), version >= 14  ? 3
                                                                               : version >= 6 ? 2
                                                                                              : 1);
    }
    if (version >= 7) { /* the rebuilt table of version 12 kept the invoice, of no refund */
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT icv FROM einvoices"), 1);
        ks_einvoice_row invoice;
        CHECK_EQ_INT(ks_einvoice_store_find(db, OLD_UUID, 388, &invoice), KS_DB_OK);
        CHECK_EQ_STR(invoice.number, "riyadh-01-kiosk-02-1");
        CHECK_EQ_STR(invoice.refund_id, "");
    }
    if (version >= 12) { /* kept through the rebuild of version 14, lines and all */
        ks_refund_row refund;
        CHECK_EQ_INT(ks_refund_store_load(db, OLD_REFUND, &refund), KS_DB_OK);
        CHECK_EQ_INT(refund.status, version >= 14 ? KS_REFUND_CANCELLED : KS_REFUND_REQUESTED);
        CHECK_EQ_INT(refund.amount, 1150);
        CHECK_EQ_STR(refund.reason, "cold");
        ks_refund_pick picks[4];
        size_t n = 0;
        CHECK_EQ_INT(ks_refund_store_picks(db, OLD_REFUND, picks, 4, &n), KS_DB_OK);
        CHECK_EQ_INT(n, 1);
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM print_jobs WHERE refund_id <> ''"),
                     version >= 14 ? 1 : 0);
    }
    if (version >= 15) { /* the backend's sold-out list from stock and its ETag */
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM stock_soldout"), 1);
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT pulled_at FROM stock_soldout_list"), 1795478480);
    }
    if (version >= 16) { /* a refund the back office asked for, not yet recorded here */
        ks_office_refund_row request;
        CHECK_EQ_INT(ks_office_refund_store_load(db, OLD_REQUEST, &request), KS_DB_OK);
        CHECK_EQ_STR(request.refund_id, OLD_REQUESTED_REFUND);
        CHECK_EQ_INT(request.status, KS_OFFICE_REFUND_OPEN);
        ks_refund_pick picks[4];
        size_t n = 0;
        CHECK_EQ_INT(ks_office_refund_store_lines(db, OLD_REQUEST, picks, 4, &n), KS_DB_OK);
        CHECK_EQ_INT(n, 1);
    }
    if (version >= 1) { /* orders before step 18 have no interventions; after, they keep them */
        ks_order *old = NULL;
        CHECK_EQ_INT(ks_order_store_load(db, OLD_UUID, &old), KS_DB_OK);
        CHECK_EQ_INT(old->n_interventions, version >= 18 ? 1 : 0);
        if (version >= 18) {
            CHECK_EQ_STR(old->interventions[0].staff, "staff-07");
            CHECK_EQ_INT(old->interventions[0].need, KS_INTERVENTION_REMOVAL);
            CHECK_EQ_INT(old->interventions[0].decided_at - old->interventions[0].raised_at, 12);
            CHECK_EQ_INT(old->interventions[0].void_amount, 1150);
        }
        ks_order_free(old);
    }
    /* The prune's record: one row, zero when made by step 19 (kiosk/store/retention_store.h). */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT last_run_at FROM retention"),
                 version >= 19 ? 1795478500 : 0);
    if (version >= 20) { /* the staff list and who signed in */
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM staff_pins"), 1);
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT pulled_at FROM staff_pins_list"), 1795478600);
        CHECK_EQ_INT(
            fixture_sql_int(path, "SELECT count(*) FROM staff_audit WHERE person = 'sami'"),
            version >= 21 ? 2 : 1);
    } else { /* none pulled yet, and the audit's rows before name nobody */
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM staff_pins"), 0);
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM staff_audit WHERE person <> ''"),
                     0);
    }
    if (version >= 17) /* the menu file as a start left it */
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT inode FROM menu_file"), 131);
    if (version >= 9) {
        ks_staff_lockout lockout;
        CHECK_EQ_INT(ks_staff_lockout_load(db, &lockout), KS_DB_OK);
        CHECK_EQ_INT(lockout.failures, 2);
        CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM staff_audit"), version >= 21 ? 3
                                                                                : version >= 20
                                                                                    ? 2
                                                                                    : 1);
    }
    /* Step 21: the outbox rebuilt (its rows kept: the counts above) with its four indexes; a
     * staff action's message keyed by its uuid. */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM outbox WHERE path = 'staff-actions'"),
                 version >= 21 ? 1 : 0);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                       "AND tbl_name = 'outbox'"),
                 4);
    /* Step 22: a staff action's message, queued before, no longer counts as unsent once set
     * aside; every other message still does. */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM outbox WHERE aside_unsent = 0"),
                 version >= 21 ? 1 : 0);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM outbox WHERE aside_unsent = 0 "
                                       "AND path <> 'staff-actions'"),
                 0);
    if (db && version == 21) {
        int64_t before = -1, after = -1;
        CHECK_EQ_INT(ks_outbox_count_undelivered(db, &before), KS_DB_OK);
        int64_t id = fixture_sql_int(path, "SELECT id FROM outbox WHERE path = 'staff-actions'");
        CHECK_EQ_INT(ks_outbox_mark_dead(db, id, "HTTP 400: action: unknown"), KS_DB_OK);
        CHECK_EQ_INT(ks_outbox_count_undelivered(db, &after), KS_DB_OK);
        CHECK_EQ_INT(after, before - 1);
    }
    if (db) {
        /* An outbox message names a stored order or staff action, nothing else. */
        const ks_outbox_message m = {
            .destination = "backend_refund", .payload = "{}", .path = "staff-actions"};
        CHECK_EQ_INT(ks_db_begin(db), KS_DB_OK);
        CHECK_EQ_INT(ks_outbox_enqueue(db, "5eed0000-0000-4000-8000-00000000dead", &m, 1),
                     KS_DB_ERR_CONSTRAINT);
        CHECK_EQ_INT(ks_db_end(db, KS_DB_ERR_CONSTRAINT), KS_DB_ERR_CONSTRAINT);
    }
    if (version >= 1) { /* orders stored before step 11 have no receipt token; they load with "" */
        ks_order *old = NULL;
        CHECK_EQ_INT(ks_order_store_load(db, OLD_UUID, &old), KS_DB_OK);
        CHECK_EQ_STR(old->receipt_token, version >= 11 ? "00112233445566778899aabbccddeeff" : "");
        ks_order_free(old);
    }
    /* Details stored before step 8 have no category; they load with "". */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM order_line_details WHERE "
                                       "category_id = ''"),
                 version == 0   ? 0
                 : version >= 8 ? 2
                                : 1);

    /* Every table works after the upgrade: a new order continues the old day's numbering. */
    ks_order *order = fixture_order(1, "riyadh-01", NOV24_UTC + 3600, 0);
    int32_t number = 0;
    CHECK_EQ_INT(ks_order_store_insert(db, order, 0, &number), KS_DB_OK);
    CHECK_EQ_INT(number, version >= 1 ? 8 : 1);
    CHECK_EQ_INT(ks_payment_store_create(db, "sale-0002", order->uuid, order->total, NOV24_UTC),
                 KS_DB_OK);
    const ks_outbox_message kitchen = {.destination = "kitchen", .payload = "{}", .path = NULL};
    CHECK_EQ_INT(ks_order_store_mark_paid(db, order->uuid, NOV24_UTC + 3700, &kitchen, 1),
                 KS_DB_OK);
    ks_order_free(order);
    ks_db_close(db);
}

static void test_upgrade_from_v0(void)
{
    check_upgrade_from(0);
}

static void test_upgrade_from_v1(void)
{
    check_upgrade_from(1);
}

static void test_upgrade_from_v2(void)
{
    check_upgrade_from(2);
}

static void test_upgrade_from_v3(void)
{
    check_upgrade_from(3);
}

static void test_upgrade_from_v4(void)
{
    check_upgrade_from(4);
}

static void test_upgrade_from_v5(void)
{
    check_upgrade_from(5);
}

static void test_upgrade_from_v6(void)
{
    check_upgrade_from(6);
}

static void test_upgrade_from_v7(void)
{
    check_upgrade_from(7);
}

static void test_upgrade_from_v8(void)
{
    check_upgrade_from(8);
}

static void test_upgrade_from_v9(void)
{
    check_upgrade_from(9);
}

static void test_upgrade_from_v10(void)
{
    check_upgrade_from(10);
}

static void test_upgrade_from_v11(void)
{
    check_upgrade_from(11);
}

static void test_upgrade_from_v12(void)
{
    check_upgrade_from(12);
}

static void test_upgrade_from_v13(void)
{
    check_upgrade_from(13);
}

static void test_upgrade_from_v14(void)
{
    check_upgrade_from(14);
}

static void test_upgrade_from_v15(void)
{
    check_upgrade_from(15);
}

static void test_upgrade_from_v16(void)
{
    check_upgrade_from(16);
}

static void test_upgrade_from_v17(void)
{
    check_upgrade_from(17);
}

static void test_upgrade_from_v18(void)
{
    check_upgrade_from(18);
}

static void test_upgrade_from_v19(void)
{
    check_upgrade_from(19);
}

static void test_upgrade_from_v20(void)
{
    check_upgrade_from(20);
}

static void test_upgrade_from_v21(void)
{
    check_upgrade_from(21);
}

/* The latest version: opening is a no-op that keeps everything. */
static void test_upgrade_from_v22(void)
{
    check_upgrade_from(22);
}

/* An e-invoice's messages before step 19: its report to ZATCA and its archive copy. */
#define REPORT_V18                                                                                 \
    "{\"invoiceHash\":\"hash-1\",\"uuid\":\"" OLD_UUID "\",\"invoice\":\"PEludm9pY2UvPg==\"}"
#define ARCHIVE_V18                                                                                \
    "{\"store_id\":\"riyadh-01\",\"order_uuid\":\"" OLD_UUID "\",\"xml\":\"<Invoice/>\"}"

/* The body message id is sent with, or "" (static storage, for CHECK_EQ_STR). */
static const char *body_of(ks_db *db, int64_t id)
{
    static char text[1024];
    char *body = NULL;
    text[0] = '\0';
    if (ks_outbox_body(db, id, &body) == KS_DB_OK)
        snprintf(text, sizeof text, "%s", body);
    free(body);
    return text;
}

/*
 * Step 19: the messages waiting that carry a document refer to the stored
 * one and are sent exactly as they were; delivered ones lose their copy.
 */
static void test_step19_messages_refer_to_the_document(void)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "documents.db", path, sizeof path);
    CHECK(make_old_database(path, 18));
    for (int delivered = 0; delivered <= 1; delivered++) {
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "INSERT INTO outbox (order_uuid, destination, payload, created_at,\n"
                 "    next_attempt_at, delivered_at, path) VALUES\n"
                 "    ('" OLD_UUID "', 'zatca', '%s', 1795478460, 1795478460, %s, ''),\n"
                 "    ('" OLD_UUID "', 'backend', '%s', 1795478460, 1795478460, %s, 'einvoices')",
                 REPORT_V18, delivered ? "1795478470" : "NULL", ARCHIVE_V18,
                 delivered ? "1795478470" : "NULL");
        CHECK_EQ_INT(fixture_sql_exec(path, sql), SQLITE_OK);
    }
    /* A copy whose document is not stored keeps its own (it still delivers). */
    CHECK_EQ_INT(fixture_sql_exec(path, "INSERT INTO outbox (order_uuid, destination, payload,\n"
                                        "    created_at, next_attempt_at, path) VALUES\n"
                                        "    ('" OLD_UUID "', 'backend', '{\"xml\":\"<x/>\"}',\n"
                                        "    1795478460, 1795478460, 'einvoices')"),
                 SQLITE_OK);
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db);
    /* ids: 1 the backend's order copy of step 3, 2-3 waiting, 4-5 delivered, 6 unmatched; the
     * delivered ones name their document too (the proof the archive has it), without a copy */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM outbox WHERE document = 1"), 4);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT max(length(payload)) < 100 FROM outbox"
                                       " WHERE id IN (4, 5)"),
                 1);
    /* The document has its archive copies: none queued again. */
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM outbox"), 6);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT length(payload) < 100 FROM outbox WHERE id = 2"), 1);
    CHECK_EQ_STR(body_of(db, 2), REPORT_V18);
    CHECK_EQ_STR(body_of(db, 3), ARCHIVE_V18);
    CHECK_EQ_STR(body_of(db, 4), REPORT_V18);
    CHECK_EQ_STR(body_of(db, 5), ARCHIVE_V18);
    CHECK_EQ_STR(body_of(db, 6), "{\"xml\":\"<x/>\"}");
    /* And the delivery worker's fetch gives the same bodies. */
    ks_outbox_row *rows = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "zatca", INT64_MAX - 1, 4, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    if (n == 1)
        CHECK_EQ_STR(rows[0].payload, REPORT_V18);
    ks_outbox_rows_free(rows, n);
    ks_db_close(db);
}

/*
 * Step 19: a document signed before archive copies existed (none queued
 * for it) gets one, waiting, naming it: the chain's archive gets it and the
 * prune may later remove it.
 */
static void test_step19_queues_missing_archive_copies(void)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "archive-backfill.db", path, sizeof path);
    CHECK(make_old_database(path, 18));
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM outbox WHERE path = 'einvoices'"), 0);
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM outbox WHERE path = 'einvoices'"
                                       " AND destination = 'backend' AND document = 1"
                                       " AND document_as = 'xml' AND delivered_at IS NULL"),
                 1);
    int64_t id = fixture_sql_int(path, "SELECT id FROM outbox WHERE path = 'einvoices'");
    CHECK_EQ_STR(body_of(db, id), ARCHIVE_V18);
    ks_db_close(db);
}

/* Lines stored before step 13 get what their rate meant: S above 0 %, else O (VATEX-SA-OOS). */
static void test_old_lines_get_their_vat_category(void)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "categories.db", path, sizeof path);
    CHECK(make_old_database(path, 12));
    CHECK_EQ_INT(fixture_sql_exec(path, "INSERT INTO order_lines VALUES ('" OLD_UUID "', 1, "
                                        "'donation', 'charity', 'تبرع', 'Donation', 'each', 1, "
                                        "100, '', 0, 0, 100, 0, 100, '', '')"),
                 SQLITE_OK);
    enum ks_db_error err = KS_DB_ERR_INTERNAL;
    ks_db *db = ks_db_open(path, &err);
    CHECK_EQ_INT(err, KS_DB_OK);
    ks_order *old = NULL;
    CHECK_EQ_INT(ks_order_store_load(db, OLD_UUID, &old), KS_DB_OK);
    CHECK_EQ_INT(old->n_lines, 2);
    CHECK_EQ_INT(old->lines[0].vat_treatment.category, 'S');
    CHECK_EQ_STR(old->lines[0].vat_treatment.exemption, "");
    CHECK_EQ_INT(old->lines[1].vat_treatment.category, 'O');
    CHECK_EQ_STR(old->lines[1].vat_treatment.exemption, "VATEX-SA-OOS");
    ks_order_free(old);
    /* A row whose category does not fit its rate is corruption, not a line to invoice. */
    CHECK_EQ_INT(fixture_sql_exec(path, "UPDATE order_lines SET vat_category = 'Z' "
                                        "WHERE line_no = 1"),
                 SQLITE_OK);
    CHECK_EQ_INT(ks_order_store_load(db, OLD_UUID, &old), KS_DB_ERR_CORRUPT);
    ks_db_close(db);
}

static void test_every_version_is_covered(void)
{
    /* When a step is added, add its old_data block and a test_upgrade_from case. */
    CHECK_EQ_INT(ks_migrations_latest(), 22);
    CHECK_EQ_INT(sizeof old_data / sizeof old_data[0], ks_migrations_latest() + 1);
}

static void test_each_step_sets_its_version(void)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "steps.db", path, sizeof path);
    sqlite3 *conn = NULL;
    CHECK(sqlite3_open(path, &conn) == SQLITE_OK);
    int version = -1;
    for (int target = 0; target <= ks_migrations_latest(); target++) {
        CHECK_EQ_INT(ks_migrations_run(conn, target), KS_DB_OK);
        CHECK_EQ_INT(ks_migrations_version(conn, &version), KS_DB_OK);
        CHECK_EQ_INT(version, target);
        /* Running again at the same target changes nothing. */
        CHECK_EQ_INT(ks_migrations_run(conn, target), KS_DB_OK);
        CHECK_EQ_INT(ks_migrations_version(conn, &version), KS_DB_OK);
        CHECK_EQ_INT(version, target);
    }
    /* A lower target never goes back. */
    CHECK_EQ_INT(ks_migrations_run(conn, 1), KS_DB_OK);
    CHECK_EQ_INT(ks_migrations_version(conn, &version), KS_DB_OK);
    CHECK_EQ_INT(version, ks_migrations_latest());
    CHECK_EQ_INT(ks_migrations_run(conn, ks_migrations_latest() + 1), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_migrations_run(conn, -1), KS_DB_ERR_INVALID);
    sqlite3_close(conn);
}

static void test_newer_version_refused(void)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "newer.db", path, sizeof path);
    sqlite3 *conn = NULL;
    CHECK(sqlite3_open(path, &conn) == SQLITE_OK);
    char newer[40]; /* a version one past this program's */
    snprintf(newer, sizeof newer, "PRAGMA user_version = %d", ks_migrations_latest() + 1);
    CHECK(sqlite3_exec(conn, newer, NULL, NULL, NULL) == SQLITE_OK);
    enum ks_db_error err = ks_migrations_run(conn, ks_migrations_latest());
    int version = 0;
    ks_migrations_version(conn, &version);
    sqlite3_close(conn);
    CHECK_EQ_INT(err, KS_DB_ERR_TOO_NEW);
    CHECK_EQ_INT(version, ks_migrations_latest() + 1);
}

/* A step that fails leaves the file at the last complete version. */
static void test_failed_step_rolls_back(void)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "failed-step.db", path, sizeof path);
    /* Version 1 already holding a table named like one step 2 creates. */
    sqlite3 *conn = NULL;
    CHECK(sqlite3_open(path, &conn) == SQLITE_OK);
    CHECK_EQ_INT(ks_migrations_run(conn, 1), KS_DB_OK);
    CHECK(sqlite3_exec(conn, "CREATE TABLE payments (x)", NULL, NULL, NULL) == SQLITE_OK);
    enum ks_db_error err = ks_migrations_run(conn, ks_migrations_latest());
    int version = 0;
    ks_migrations_version(conn, &version);
    sqlite3_close(conn);
    CHECK_EQ_INT(err, KS_DB_ERR_MIGRATION);
    CHECK_EQ_INT(version, 1);
    CHECK_EQ_INT(fixture_sql_int(path, "SELECT count(*) FROM sqlite_schema "
                                       "WHERE name = 'payments_one_approved_per_order'"),
                 0);
}

static const struct check_case cases[] = {
    {"upgrade from an empty file", test_upgrade_from_v0},
    {"upgrade from version 1 keeps orders", test_upgrade_from_v1},
    {"upgrade from version 2 keeps payments", test_upgrade_from_v2},
    {"upgrade from version 3 keeps outbox and menus", test_upgrade_from_v3},
    {"upgrade from version 4 keeps sold-out marks", test_upgrade_from_v4},
    {"upgrade from version 5 keeps print jobs", test_upgrade_from_v5},
    {"upgrade from version 6", test_upgrade_from_v6},
    {"upgrade from version 7", test_upgrade_from_v7},
    {"upgrade from version 8", test_upgrade_from_v8},
    {"upgrade from version 9 keeps staff access", test_upgrade_from_v9},
    {"upgrade from version 10 keeps the store's sold-out marks", test_upgrade_from_v10},
    {"upgrade from version 11 keeps the e-invoices, of no refund", test_upgrade_from_v11},
    {"upgrade from version 12 keeps the refunds", test_upgrade_from_v12},
    {"upgrade from version 13 keeps the refunds and their lines", test_upgrade_from_v13},
    {"upgrade from version 14 keeps the refund slip's job", test_upgrade_from_v14},
    {"upgrade from version 15 keeps the backend's sold-out list", test_upgrade_from_v15},
    {"upgrade from version 16 keeps the back office's refund requests", test_upgrade_from_v16},
    {"upgrade from version 17 keeps the menu file's stamp", test_upgrade_from_v17},
    {"upgrade from version 18 keeps the interventions", test_upgrade_from_v18},
    {"upgrade from version 19 keeps the retention's record", test_upgrade_from_v19},
    {"upgrade from version 20 keeps the staff list and its audit", test_upgrade_from_v20},
    {"upgrade from version 21: a staff action set aside no longer counts as unsent",
     test_upgrade_from_v21},
    {"open at the latest version keeps everything", test_upgrade_from_v22},
    {"step 19: waiting messages refer to their document",
     test_step19_messages_refer_to_the_document},
    {"step 19: documents without an archive copy get one",
     test_step19_queues_missing_archive_copies},
    {"lines before step 13 get their rate's VAT category", test_old_lines_get_their_vat_category},
    {"every version has an upgrade test", test_every_version_is_covered},
    {"each step sets its version, once", test_each_step_sets_its_version},
    {"a newer version is refused", test_newer_version_refused},
    {"a failed step rolls back", test_failed_step_rolls_back},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
