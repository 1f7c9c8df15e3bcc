/*
 * Checkout against a real SQLite file and the demo menu: a cart becomes a
 * stored, numbered order; paying it queues the kitchen and backend copies;
 * bad carts store nothing. Also drives the headless demo end to end.
 */
#include "kiosk/app/checkout.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/app/headless_demo.h"
#include "kiosk/store/menu_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* 2026-11-24T09:00:00Z = 12:00 in Riyadh, a Tuesday: lunch items are on sale. */
#define NOON_TUESDAY 1795510800

static ks_config cfg;

static ks_db *fresh_db(const char *name, ks_catalog **cat)
{
    const char *path = check_path(check_tmp_dir(), name);
    unlink(path);
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    enum ks_db_error err;
    ks_db *db = ks_db_open(path, &err);
    if (!db)
        return NULL;
    size_t len;
    char menu_path[4096];
    snprintf(menu_path, sizeof menu_path, "%s/assets/menus/restaurant.json", check_source_dir());
    char *json = check_read_file(menu_path, &len);
    ks_menu_error menu_err;
    if (!json || ks_menu_store_import(db, json, len, NOON_TUESDAY, cat, &menu_err) != KS_DB_OK) {
        free(json);
        ks_db_close(db);
        return NULL;
    }
    free(json);
    return db;
}

static void test_order_stored_numbered_and_queued(void)
{
    ks_catalog *cat = NULL;
    ks_db *db = fresh_db("checkout.db", &cat);
    CHECK(db != NULL);
    ks_cart *cart = ks_cart_new(cat);
    const ks_item *cola = ks_catalog_find_item(cat, "cola");
    CHECK(cola != NULL);
    CHECK_EQ_INT(ks_cart_add(cart, cola, 2, NULL), KS_CART_OK);

    ks_checkout_request req = {
        .cart = cart, .service = KS_SERVICE_TAKEAWAY, .lang = KS_LANG_EN, .now = NOON_TUESDAY};
    ks_order *first = NULL, *second = NULL;
    CHECK_EQ_INT(ks_checkout_place(db, &cfg, &req, &first, NULL), KS_CHECKOUT_OK);
    CHECK_EQ_INT(first->number, 1);
    CHECK_EQ_STR(first->business_date, "2026-11-24");
    CHECK_EQ_STR(first->store_id, cfg.store_id);
    CHECK(ks_order_totals_consistent(first));
    CHECK_EQ_INT(ks_checkout_place(db, &cfg, &req, &second, NULL), KS_CHECKOUT_OK);
    CHECK_EQ_INT(second->number, 2);
    CHECK(strcmp(first->uuid, second->uuid) != 0);
    /* Each order has its own random receipt token. */
    CHECK(ks_receipt_token_ok(first->receipt_token));
    CHECK(ks_receipt_token_ok(second->receipt_token));
    CHECK(strcmp(first->receipt_token, second->receipt_token) != 0);

    /* Stored before anything else: it loads back identical. */
    ks_order *loaded = NULL;
    CHECK_EQ_INT(ks_order_store_load(db, first->uuid, &loaded), KS_DB_OK);
    CHECK_EQ_INT(loaded->total, first->total);
    CHECK_EQ_INT(loaded->status, KS_ORDER_CREATED);
    CHECK_EQ_STR(loaded->receipt_token, first->receipt_token);
    ks_order_free(loaded);

    first->payment = ks_order_payment_card("Visa", "SIM000001.V400m");
    CHECK_EQ_INT(ks_checkout_mark_paid(db, first, NOON_TUESDAY + 60, NULL, KS_PAYMENT_CARD, false),
                 KS_DB_OK);
    CHECK_EQ_INT(first->status, KS_ORDER_PAID);
    /* A retry (say after a lost screen update) queues nothing twice. */
    CHECK_EQ_INT(ks_checkout_mark_paid(db, first, NOON_TUESDAY + 61, NULL, KS_PAYMENT_CARD, false),
                 KS_DB_OK);
    int64_t queued = 0;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &queued), KS_DB_OK);
    CHECK_EQ_INT(queued, 2);

    ks_outbox_row *rows = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", NOON_TUESDAY + 120, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    ks_order_json_error json_err;
    ks_order *sent = ks_order_from_json(rows[0].payload, strlen(rows[0].payload), &json_err);
    CHECK(sent != NULL);
    CHECK_EQ_STR(sent->uuid, first->uuid);
    CHECK_EQ_INT(sent->status, KS_ORDER_PAID);
    CHECK_EQ_INT(sent->number, 1);
    CHECK_EQ_STR(sent->receipt_token, "");              /* the kitchen has no use for it */
    CHECK_EQ_INT(sent->payment.by, KS_PAID_BY_UNKNOWN); /* nor for how it was paid */
    ks_order_free(sent);
    ks_outbox_rows_free(rows, n);
    /* The backend's copy carries it: the backend serves the e-receipt under it. */
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "backend", NOON_TUESDAY + 120, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    sent = ks_order_from_json(rows[0].payload, strlen(rows[0].payload), &json_err);
    CHECK(sent != NULL);
    CHECK_EQ_STR(sent->receipt_token, first->receipt_token);
    /* And how it was paid, for the payment report. */
    CHECK_EQ_INT(sent->payment.by, KS_PAID_BY_CARD);
    CHECK_EQ_STR(sent->payment.brand, "visa");
    CHECK_CONTAINS(rows[0].payload, "\"payment\":{\"method\":\"card\",\"brand\":\"visa\","
                                    "\"terminal_ref\":\"SIM000001.V400m\"}");
    ks_order_free(sent);
    ks_outbox_rows_free(rows, n);

    /* A self-checkout's order goes to the backend only. */
    CHECK_EQ_INT(ks_checkout_mark_paid(db, second, NOON_TUESDAY + 62, NULL, KS_PAYMENT_CARD, true),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &queued), KS_DB_OK);
    CHECK_EQ_INT(queued, 3);
    CHECK_EQ_INT(ks_outbox_fetch_due(db, "kitchen", NOON_TUESDAY + 120, 10, &rows, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    ks_outbox_rows_free(rows, n);

    ks_order_free(first);
    ks_order_free(second);
    ks_cart_free(cart);
    ks_catalog_free(cat);
    ks_db_close(db);
}

static bool always_sold_out(void *ctx, const char *item_id, const char *option_id)
{
    (void)ctx;
    return option_id == NULL && strcmp(item_id, "cola") == 0;
}

static void test_bad_carts_store_nothing(void)
{
    ks_catalog *cat = NULL;
    ks_db *db = fresh_db("checkout-bad.db", &cat);
    CHECK(db != NULL);
    ks_cart *cart = ks_cart_new(cat);
    ks_checkout_request req = {.cart = cart, .now = NOON_TUESDAY};
    ks_order *order = NULL;
    CHECK_EQ_INT(ks_checkout_place(db, &cfg, &req, &order, NULL), KS_CHECKOUT_EMPTY_CART);

    CHECK_EQ_INT(ks_cart_add(cart, ks_catalog_find_item(cat, "cola"), 1, NULL), KS_CART_OK);
    req.is_sold_out = always_sold_out;
    ks_line_issue issue;
    CHECK_EQ_INT(ks_checkout_place(db, &cfg, &req, &order, &issue), KS_CHECKOUT_INVALID_CART);
    CHECK(order == NULL);
    CHECK_EQ_INT(issue.problem, KS_LINE_ITEM_SOLD_OUT);

    ks_order_summary recent[4];
    size_t n = 99;
    CHECK_EQ_INT(ks_order_store_list_recent(db, recent, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    ks_cart_free(cart);
    ks_catalog_free(cat);
    ks_db_close(db);
}

static void test_headless_demo_places_paid_orders(void)
{
    ks_catalog *cat = NULL;
    ks_db *db = fresh_db("demo.db", &cat);
    CHECK(db != NULL);
    FILE *out = tmpfile();
    CHECK(out != NULL);
    CHECK(ks_headless_demo_run(db, &cfg, cat, 5, NOON_TUESDAY, out));
    fclose(out);
    ks_order_summary recent[8];
    size_t n = 0;
    CHECK_EQ_INT(ks_order_store_list_recent(db, recent, 8, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 5);
    for (size_t i = 0; i < n; i++) {
        CHECK_EQ_INT(recent[i].status, KS_ORDER_PAID);
        CHECK_EQ_INT(recent[i].number, 5 - (int)i); /* newest first */
        CHECK(recent[i].total > 0);
    }
    int64_t queued = 0;
    CHECK_EQ_INT(ks_outbox_count_undelivered(db, &queued), KS_DB_OK);
    CHECK_EQ_INT(queued, 10);
    ks_catalog_free(cat);
    ks_db_close(db);
}

static const struct check_case cases[] = {
    {"order stored, numbered and queued", test_order_stored_numbered_and_queued},
    {"bad carts store nothing", test_bad_carts_store_nothing},
    {"headless demo places paid orders", test_headless_demo_places_paid_orders},
};

int main(int argc, char **argv)
{
    ks_config_defaults(&cfg);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
