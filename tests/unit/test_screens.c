/*
 * The kiosk's screens without a display: their texts, how money reads,
 * the simulated devices, the script language, the QR code, and the
 * controller driven by taps on named widgets through the real input path
 * (a headless tree), checking the journey and the cart at each step.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/common/log.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/store/staff_pin_store.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/screens/kit.h"
#include "kiosk/screens/qr_widget.h"
#include "kiosk/screens/screen.h"
#include "kiosk/screens/script.h"
#include "kiosk/screens/services.h"
#include "kiosk/screens/staff_access.h"
#include "kiosk/store/db.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/soldout_store.h"
#include "ui/input.h"
#include "ui/render_png.h"
#include "ui/w_scroll.h"

#define RLM "\xE2\x80\x8F"
#define LRI "\xE2\x81\xA6"
#define PDI "\xE2\x81\xA9"
#define RIYAL "\xE2\x83\x81"

/* ---- a controller on a headless tree ---- */

struct rig {
    ks_config cfg;
    ks_catalog *cat;
    struct ui_theme theme;
    struct ui_render_png *rp;
    ks_services *services;
    ks_kiosk_ui *k;
    int64_t now;
    int64_t utc;        /* the kiosk's UTC clock, seconds */
    ks_db *db;          /* NULL unless a case opens one (rig_restart) */
    const char *notice; /* the technician's line (rig_restart) */
};

static int64_t rig_utc(void *ctx)
{
    const struct rig *r = ctx;
    return r->utc;
}

/* A new controller on the rig (the old one freed): the kiosk restarted. */
static bool rig_restart(struct rig *r)
{
    ks_kiosk_ui_free(r->k);
    const ks_kiosk_ui_config kc = {
        .cfg = &r->cfg,
        .catalog = r->cat,
        .tree = ui_render_png_tree(r->rp),
        .theme = &r->theme,
        .services = r->services,
        .db = r->db,
        .utc_now = rig_utc,
        .clock_ctx = r,
        .notice = r->notice,
    };
    r->k = ks_kiosk_ui_new(&kc, r->now);
    if (r->k)
        ks_kiosk_ui_update(r->k, r->now);
    return r->k != NULL;
}

/* A controller in mode on the demo menu file (assets/menus/...). */
static bool rig_open_as(struct rig *r, enum ks_kiosk_mode mode, const char *menu_file)
{
    *r = (struct rig){.utc = 1795514400}; /* Tuesday 13:00 in Riyadh */
    ks_config_defaults(&r->cfg);
    r->cfg.mode = mode;
    snprintf(r->cfg.staff_pin, sizeof r->cfg.staff_pin, "1234");
    snprintf(r->cfg.assets, sizeof r->cfg.assets, "%s/assets", check_source_dir());
    size_t len;
    char path[256];
    snprintf(path, sizeof path, "assets/menus/%s", menu_file);
    char *json = check_read_file(check_path(check_source_dir(), path), &len);
    r->cat = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    ui_theme_defaults(&r->theme);
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/fonts", r->cfg.assets);
    r->rp = ui_render_png_new(1080, 1920, fonts, &r->theme);
    r->services = ks_services_sim_new(&(ks_services_sim_config){.payment_ms = 500});
    if (!r->cat || !r->rp || !r->services)
        return false;
    r->now = 1000;
    return rig_restart(r);
}

static bool rig_open(struct rig *r)
{
    return rig_open_as(r, KS_MODE_RESTAURANT, "restaurant.json");
}

static void rig_close(struct rig *r)
{
    ks_kiosk_ui_free(r->k);
    ks_db_close(r->db);
    ks_services_free(r->services);
    ui_render_png_free(r->rp);
    ks_catalog_free(r->cat);
}

static void pass(struct rig *r, int ms)
{
    for (int t = 0; t < ms; t += 50) {
        r->now += 50;
        ks_kiosk_ui_update(r->k, r->now);
    }
}

/* A finger down and up on the named widget's centre; false when it is not on screen. */
static bool tap(struct rig *r, const char *name)
{
    struct ui_tree *tree = ui_render_png_tree(r->rp);
    pass(r, 400); /* any transition is over */
    struct ui_widget *w = ks_kiosk_ui_find(r->k, name);
    if (!w) {
        fprintf(stderr, "  no \"%s\" on the %s screen\n", name,
                ks_screen_name(ks_kiosk_ui_journey(r->k)->screen));
        return false;
    }
    /* Scrolled into view first, as a customer would. */
    struct ui_widget *scroll = ui_scroll_find(ui_widget_parent(w));
    if (scroll) {
        SDL_Rect view = ui_widget_rect(scroll), wr = ui_widget_rect(w);
        if (wr.y < view.y || wr.y + wr.h > view.y + view.h) {
            ui_scroll_set_offset(scroll, ui_scroll_offset(scroll) + wr.y - view.y);
            pass(r, 50);
        }
    }
    SDL_Rect rect = ui_widget_rect(w);
    ui_input_pointer(tree, UI_POINTER_DOWN, rect.x + rect.w / 2, rect.y + rect.h / 2,
                     (uint64_t)r->now);
    r->now += 60;
    ui_input_pointer(tree, UI_POINTER_UP, rect.x + rect.w / 2, rect.y + rect.h / 2,
                     (uint64_t)r->now);
    ks_kiosk_ui_activity(r->k, r->now);
    pass(r, 100);
    return true;
}

static enum ks_screen screen_of(const struct rig *r)
{
    return ks_kiosk_ui_journey(r->k)->screen;
}

/* Taps from the attract screen to the menu, in English, to eat here. */
static bool to_menu(struct rig *r)
{
    return tap(r, "start") && tap(r, "lang-en") && tap(r, "dine-in") &&
           screen_of(r) == KS_SCREEN_MENU;
}

/* ---- texts and money ---- */

/*
 * New sold-out marks (any refresh) arriving between a finger's down and up
 * wait for the up: the screen is not rebuilt under the finger, so the tap
 * lands (it was lost when the list came at that moment).
 */
static void test_refresh_keeps_a_tap(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    pass(&r, 400);
    struct ui_tree *tree = ui_render_png_tree(r.rp);
    SDL_Rect rect = ui_widget_rect(ks_kiosk_ui_find(r.k, "start"));
    int x = rect.x + rect.w / 2, y = rect.y + rect.h / 2;
    ui_input_pointer(tree, UI_POINTER_DOWN, x, y, (uint64_t)r.now);
    ks_kiosk_ui_set_central_soldout(r.k, ks_soldout_new());
    pass(&r, 50);
    ui_input_pointer(tree, UI_POINTER_UP, x, y, (uint64_t)r.now);
    ks_kiosk_ui_activity(r.k, r.now);
    pass(&r, 100);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_LANGUAGE);
    rig_close(&r);
}

static void test_money_reads_right(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    char out[KS_KIT_MONEY_CAP];
    r.k->journey.lang = KS_LANG_EN;
    ks_kit_money(r.k, 1850, false, out, sizeof out);
    CHECK_EQ_STR(out, "18.50 SAR");
    ks_kit_money(r.k, 200, true, out, sizeof out);
    CHECK_EQ_STR(out, "+2.00 SAR");
    ks_kit_money(r.k, -100, true, out, sizeof out);
    CHECK_EQ_STR(out, "-1.00 SAR");
    ks_kit_money(r.k, 123456, false, out, sizeof out);
    CHECK_EQ_STR(out, "1,234.56 SAR");
    /* Arabic: a right-to-left paragraph, the number isolated so its sign stays on its left. */
    r.k->journey.lang = KS_LANG_AR;
    ks_kit_money(r.k, 1850, false, out, sizeof out);
    CHECK_EQ_STR(out, RLM LRI "18.50" PDI " " RIYAL);
    ks_kit_money(r.k, -1040, false, out, sizeof out);
    CHECK_EQ_STR(out, RLM LRI "-10.40" PDI " " RIYAL);
    ks_kit_money(r.k, 300, true, out, sizeof out);
    CHECK_EQ_STR(out, RLM LRI "+3.00" PDI " " RIYAL);
    r.cfg.numerals = KS_NUMERALS_ARABIC_INDIC;
    ks_kit_money(r.k, 1850, false, out, sizeof out);
    CHECK_EQ_STR(out, RLM LRI "\xD9\xA1\xD9\xA8\xD9\xAB\xD9\xA5\xD9\xA0" PDI " " RIYAL);
    ks_kit_int(r.k, 42, out, sizeof out);
    CHECK_EQ_STR(out, "\xD9\xA4\xD9\xA2");
    rig_close(&r);
}

/* ---- simulated devices ---- */

static ks_order *fake_order(ks_money total)
{
    ks_order *o = calloc(1, sizeof *o);
    if (o) {
        snprintf(o->uuid, sizeof o->uuid, "11111111-2222-4333-8444-555555555555");
        o->total = total;
    }
    return o;
}

static void test_simulated_terminal(void)
{
    ks_services *s =
        ks_services_sim_new(&(ks_services_sim_config){.payment_ms = 1000, .abort_ms = 200});
    ks_order *ok = fake_order(1850), *refused = fake_order(1213);
    CHECK(s && ok && refused);
    const ks_services_ops *ops = s->ops;
    ks_service_result res;
    CHECK(ops->start_payment(s->impl, ok, 0));
    CHECK(!ops->start_payment(s->impl, ok, 10)); /* one at a time */
    CHECK(!ops->poll(s->impl, 999, &res));
    CHECK(ops->poll(s->impl, 1000, &res));
    CHECK_EQ_INT(res.kind, KS_SERVICE_PAYMENT_APPROVED);
    CHECK_EQ_STR(res.order_uuid, ok->uuid);
    /* Paid by card, with the terminal's reference as a real terminal's answer carries it. */
    char ref[KS_TERMINAL_REF_MAX + 1];
    snprintf(ref, sizeof ref, "SIM000001.%.8s", ok->uuid);
    CHECK_EQ_INT(res.payment.by, KS_PAID_BY_CARD);
    CHECK_EQ_STR(res.payment.brand, "mada");
    CHECK_EQ_STR(res.payment.terminal_ref, ref);
    /* The documented trigger: an amount ending in .13 is declined. */
    CHECK(ks_services_sim_trigger(1213, 13) && !ks_services_sim_trigger(1850, 13));
    CHECK(ops->start_payment(s->impl, refused, 2000));
    CHECK(ops->poll(s->impl, 3000, &res));
    CHECK_EQ_INT(res.kind, KS_SERVICE_PAYMENT_DECLINED);
    /* An abort before the card lands is confirmed ... */
    CHECK(ops->start_payment(s->impl, ok, 4000));
    ops->abort_payment(s->impl, 4500);
    CHECK(!ops->poll(s->impl, 4600, &res));
    CHECK(ops->poll(s->impl, 4700, &res));
    CHECK_EQ_INT(res.kind, KS_SERVICE_PAYMENT_ABORTED);
    /* ... one after it is too late: the approval stands. */
    CHECK(ops->start_payment(s->impl, ok, 5000));
    ops->abort_payment(s->impl, 6000);
    CHECK(ops->poll(s->impl, 6000, &res));
    CHECK_EQ_INT(res.kind, KS_SERVICE_PAYMENT_APPROVED);
    /* A scripted answer wins over the amount. */
    CHECK(ops->script(s->impl, "decline"));
    CHECK(!ops->script(s->impl, "explode"));
    CHECK(ops->start_payment(s->impl, ok, 7000));
    CHECK(ops->poll(s->impl, 8000, &res));
    CHECK_EQ_INT(res.kind, KS_SERVICE_PAYMENT_DECLINED);
    free(ok);
    free(refused);
    ks_services_free(s);
}

static void test_simulated_printer(void)
{
    ks_services *s = ks_services_sim_new(&(ks_services_sim_config){.print_ms = 100});
    ks_order *ok = fake_order(1850), *jam = fake_order(1017);
    CHECK(s && ok && jam);
    ks_service_result res;
    ok->number = 42;
    ks_service_reprinted printed = {.number = 7};
    CHECK(!s->ops->reprint_last(s->impl, 0, &printed)); /* nothing printed yet */
    CHECK_EQ_STR(printed.order_uuid, "");
    CHECK_EQ_INT(printed.number, 0);
    CHECK(s->ops->print(s->impl, ok, KS_SERVICE_PRINT_RECEIPT, 0));
    CHECK(s->ops->print(s->impl, jam, KS_SERVICE_PRINT_COUNTER, 0));
    CHECK(s->ops->poll(s->impl, 100, &res));
    CHECK(res.kind == KS_SERVICE_PRINTED && res.printed);
    CHECK(s->ops->poll(s->impl, 100, &res));
    CHECK(res.kind == KS_SERVICE_PRINTED && !res.printed); /* .17: paper out */
    CHECK_CONTAINS(res.detail, "paper");
    CHECK(s->ops->reprint_last(s->impl, 200, &printed)); /* the receipt, not the counter ticket */
    CHECK_EQ_STR(printed.order_uuid, ok->uuid);
    CHECK_EQ_INT(printed.number, 42);
    CHECK(s->ops->poll(s->impl, 300, &res));
    CHECK_EQ_STR(res.order_uuid, ok->uuid);
    free(ok);
    free(jam);
    ks_services_free(s);
}

/* ---- scripts ---- */

static void test_script_parsing(void)
{
    static const char text[] = "# comment\n\ntap start\nwait 250\nuntil menu\nuntil done 9000\n"
                               "expect cart\npresent total\nabsent issue\nterminal decline\n"
                               "shot /tmp/x.png\r\nscan 6282314047610\nsays total 12.50\n"
                               "says weight 1.234 5000\nhold\n";
    ks_script sc;
    char why[256];
    CHECK(ks_script_parse(text, sizeof text - 1, &sc, why, sizeof why));
    CHECK_EQ_INT(sc.n, 13);
    CHECK(sc.steps[0].op == KS_SCRIPT_TAP);
    CHECK_EQ_STR(sc.steps[0].arg, "start");
    CHECK_EQ_INT(sc.steps[0].line, 3);
    CHECK(sc.steps[1].op == KS_SCRIPT_WAIT);
    CHECK_EQ_INT(sc.steps[1].ms, 250);
    CHECK_EQ_INT(sc.steps[2].ms, KS_SCRIPT_UNTIL_DEFAULT_MS);
    CHECK_EQ_INT(sc.steps[3].ms, 9000);
    CHECK_EQ_STR(sc.steps[8].arg, "/tmp/x.png");
    CHECK(sc.steps[9].op == KS_SCRIPT_SCAN);
    CHECK_EQ_STR(sc.steps[9].arg, "6282314047610");
    CHECK(sc.steps[10].op == KS_SCRIPT_SAYS);
    CHECK_EQ_STR(sc.steps[10].arg, "total");
    CHECK_EQ_STR(sc.steps[10].text, "12.50");
    CHECK_EQ_INT(sc.steps[10].ms, 0); /* at once */
    CHECK(sc.steps[11].op == KS_SCRIPT_SAYS);
    CHECK_EQ_STR(sc.steps[11].text, "1.234");
    CHECK_EQ_INT(sc.steps[11].ms, 5000);
    CHECK(sc.steps[12].op == KS_SCRIPT_HOLD);
    CHECK_EQ_STR(sc.steps[12].arg, "");
    CHECK_EQ_INT(sc.steps[12].ms, 0);
    ks_script_free(&sc);
}

static void test_script_errors(void)
{
    static const struct {
        const char *text, *why;
    } bad[] = {
        {"tap start\nfly away\n", "line 2: unknown command"},
        {"tap\n", "line 1: expected one name"},
        {"tap a b\n", "line 1: expected one name"},
        {"wait soon\n", "line 1: expected milliseconds"},
        {"wait 600001\n", "line 1: expected milliseconds"},
        {"wait -1\n", "line 1: expected milliseconds"},
        {"until\n", "line 1: expected one name"},
        {"scan\n", "line 1: expected one name"},
        {"says total\n", "line 1: expected a name and one word"},
        {"says total 1 2 3\n", "line 1: expected a name and one word"},
        {"says total 1 soon\n", "line 1: expected milliseconds"},
        {"hold 1000\n", "line 1: expected nothing after the command"},
        {"tap caf\xC3\xA9\n", "line 1: an argument is too long or not printable"},
    };
    char why[256];
    ks_script sc;
    for (size_t i = 0; i < CHECK_COUNT(bad); i++) {
        CHECK(!ks_script_parse(bad[i].text, strlen(bad[i].text), &sc, why, sizeof why));
        CHECK_CONTAINS(why, bad[i].why);
        CHECK_EQ_INT(sc.n, 0);
    }
    static const char nul[] = "tap a\0b\n";
    CHECK(!ks_script_parse(nul, sizeof nul - 1, &sc, why, sizeof why));
    char line[KS_SCRIPT_LINE_MAX + 8];
    memset(line, 'x', sizeof line);
    memcpy(line, "tap ", 4);
    CHECK(!ks_script_parse(line, sizeof line, &sc, why, sizeof why));
    CHECK_CONTAINS(why, "too long");
    /* Steps beyond the limit are refused, not truncated. */
    size_t cap = (KS_SCRIPT_MAX_STEPS + 1) * 8;
    char *many = malloc(cap);
    CHECK(many != NULL);
    size_t len = 0;
    for (int i = 0; i <= KS_SCRIPT_MAX_STEPS; i++)
        len += (size_t)snprintf(many + len, cap - len, "wait 1\n");
    bool parsed = ks_script_parse(many, len, &sc, why, sizeof why);
    free(many);
    CHECK(!parsed);
    CHECK_CONTAINS(why, "too many steps");
}

/* ---- QR ---- */

static void test_e_receipt_qr(void)
{
    const char *url = "https://receipts.example/8d7acc23-dd1d-4fa6-ab80-8553804b9edf";
    struct ui_widget *qr = ks_qr_new(url, 240);
    CHECK(qr != NULL);
    /* 61 bytes at level M need version 4: 17 + 4 * 4 = 33 modules a side. */
    CHECK_EQ_INT(ks_qr_modules(qr), 33);
    /* The finder pattern of the top-left corner: dark ring, light ring, dark core. */
    CHECK(ks_qr_module(qr, 0, 0) && ks_qr_module(qr, 6, 6) && ks_qr_module(qr, 3, 3));
    CHECK(!ks_qr_module(qr, 1, 1) && !ks_qr_module(qr, 7, 7));
    CHECK(!ks_qr_module(qr, 33, 0));
    ui_widget_free(qr);
    char too_long[KS_QR_TEXT_MAX + 2];
    memset(too_long, 'a', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    CHECK(ks_qr_new(too_long, 240) == NULL);
}

/* ---- the controller ---- */

static void test_item_page_adds_or_drops_its_line(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    CHECK(to_menu(&r));
    CHECK(tap(&r, "category:burgers"));
    CHECK(tap(&r, "item:beef-burger"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_ITEM);
    CHECK(tap(&r, "option:beef-burger/cheese-add/cheddar"));
    CHECK(tap(&r, "back"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_MENU);
    CHECK_EQ_INT(ks_cart_count(r.k->cart), 0); /* backed out: nothing added */
    CHECK(tap(&r, "item:beef-burger"));
    CHECK(tap(&r, "option:beef-burger/cheese-add/cheddar"));
    CHECK(tap(&r, "option:beef-burger/cheese-add/swiss")); /* one choice: swaps */
    CHECK(tap(&r, "quantity-plus"));
    CHECK(tap(&r, "add-to-order"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_MENU);
    CHECK_EQ_INT(ks_cart_count(r.k->cart), 1);
    const ks_cart_line *line = ks_cart_line_at(r.k->cart, 0);
    CHECK_EQ_INT(line->quantity, 2);
    CHECK(!ks_cart_option_chosen(line, KS_CART_NO_SLOT, 0, 0)); /* cheddar */
    CHECK(ks_cart_option_chosen(line, KS_CART_NO_SLOT, 0, 1));  /* swiss */
    /* (15.00 + 3.00) x 2 */
    CHECK_EQ_INT(ks_ui_pricing(r.k)->total, 3600);
    rig_close(&r);
}

static void test_cart_edit_writes_back(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    CHECK(to_menu(&r));
    CHECK(tap(&r, "item:cheeseburger-meal"));
    CHECK(tap(&r, "add-to-order"));
    CHECK(tap(&r, "view-cart"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_UPSELL);
    CHECK(tap(&r, "no-thanks"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_CART);
    ks_line_id id = ks_cart_line_at(r.k->cart, 0)->id;
    char name[32];
    snprintf(name, sizeof name, "edit:%u", (unsigned)id);
    CHECK(tap(&r, name));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_ITEM);
    CHECK_EQ_INT(ks_cart_count(r.k->cart), 2); /* the copy being edited */
    CHECK(tap(&r, "size:large"));
    CHECK(tap(&r, "add-to-order"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_CART);
    CHECK_EQ_INT(ks_cart_count(r.k->cart), 1);
    const ks_cart_line *line = ks_cart_line_at(r.k->cart, 0);
    CHECK_EQ_INT(line->id, id); /* the same line, now large */
    CHECK_EQ_STR(line->item->sizes[line->size].id, "large");
    rig_close(&r);
}

static void test_no_suggestions_skips_upsell(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    CHECK(to_menu(&r));
    CHECK(tap(&r, "category:drinks"));
    CHECK(tap(&r, "item:water")); /* nothing is suggested with water */
    CHECK(tap(&r, "add-to-order"));
    CHECK(tap(&r, "view-cart"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_CART);
    rig_close(&r);
}

/* From the attract screen: a water paid by card, the terminal waiting; true when it waits. */
static bool water_paying_by_card(struct rig *r)
{
    return to_menu(r) && tap(r, "category:drinks") && tap(r, "item:water") &&
           tap(r, "add-to-order") && tap(r, "view-cart") && tap(r, "pay") && tap(r, "pay-card") &&
           ks_kiosk_ui_journey(r->k)->payment == KS_PAY_PHASE_WAITING;
}

static void test_pay_by_card_to_done(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    CHECK(water_paying_by_card(&r));
    CHECK(ks_kiosk_ui_find(r.k, "cancel-payment") != NULL);
    pass(&r, 600);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_PRINTING);
    pass(&r, 1600);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_DONE);
    CHECK_EQ_INT(ks_kiosk_ui_order_number(r.k), 1);
    CHECK(ks_kiosk_ui_find(r.k, "e-receipt") == NULL); /* no [network] receipt_url */
    CHECK(tap(&r, "finish"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_ATTRACT);
    CHECK_EQ_INT(ks_cart_count(r.k->cart), 0);
    rig_close(&r);
}

static void test_idle_countdown(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    CHECK(to_menu(&r));
    pass(&r, 59000);
    CHECK(ks_kiosk_ui_find(r.k, "still-here") == NULL);
    pass(&r, 2000);
    CHECK(ks_kiosk_ui_find(r.k, "still-here") != NULL);
    CHECK(tap(&r, "still-here"));
    CHECK(ks_kiosk_ui_find(r.k, "still-here") == NULL);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_MENU);
    pass(&r, 61000 + 15000);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_ATTRACT);
    rig_close(&r);
}

static void test_staff_marks_an_item_sold_out(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    for (int i = 0; i < 5; i++)
        CHECK(tap(&r, "staff-corner"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_STAFF_PIN);
    static const char *const wrong[] = {"pin-9", "pin-9", "pin-9", "pin-9", "pin-ok"};
    for (size_t i = 0; i < CHECK_COUNT(wrong); i++)
        CHECK(tap(&r, wrong[i]));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_STAFF_PIN);
    CHECK(r.k->pin_wrong);
    static const char *const right[] = {"pin-1", "pin-2", "pin-3", "pin-4", "pin-ok"};
    for (size_t i = 0; i < CHECK_COUNT(right); i++)
        CHECK(tap(&r, right[i]));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_STAFF);
    CHECK(tap(&r, "sold-out:fries"));
    CHECK(ks_ui_sold_out(r.k, ks_catalog_find_item(r.cat, "fries")));
    CHECK(tap(&r, "exit"));
    CHECK(to_menu(&r));
    CHECK(tap(&r, "category:sides"));
    struct ui_widget *card = ks_kiosk_ui_find(r.k, "item:fries");
    CHECK(card != NULL && !ui_widget_is_enabled(card));
    rig_close(&r);
}

/* Types pin on the staff PIN keypad and presses OK. */
static bool type_pin(struct rig *r, const char *pin)
{
    char key[16];
    for (const char *d = pin; *d; d++) {
        snprintf(key, sizeof key, "pin-%c", *d);
        if (!tap(r, key))
            return false;
    }
    return tap(r, "pin-ok");
}

static bool open_staff_pin(struct rig *r)
{
    for (int i = 0; i < 5; i++)
        if (!tap(r, "staff-corner"))
            return false;
    return screen_of(r) == KS_SCREEN_STAFF_PIN;
}

/*
 * With [network] receipt_url, the done screen's QR is that URL and the
 * token stored with the order (the backend's GET /r/<token>).
 */
static void test_done_shows_the_stored_e_receipt_token(void)
{
    struct rig r;
    char path[4200];
    snprintf(path, sizeof path, "%s/e-receipt.db", check_tmp_dir());
    unlink(path);
    CHECK(rig_open(&r));
    snprintf(r.cfg.receipt_url, sizeof r.cfg.receipt_url, "https://backend.example/r/");
    r.db = ks_db_open(path, NULL);
    CHECK(r.db && rig_restart(&r));
    CHECK(to_menu(&r));
    CHECK(tap(&r, "category:drinks"));
    CHECK(tap(&r, "item:water"));
    CHECK(tap(&r, "add-to-order"));
    CHECK(tap(&r, "view-cart"));
    CHECK(tap(&r, "pay"));
    CHECK(tap(&r, "pay-card"));
    pass(&r, 2200);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_DONE);
    ks_order *stored = NULL;
    CHECK_EQ_INT(ks_order_store_load(r.db, r.k->order->uuid, &stored), KS_DB_OK);
    CHECK(ks_receipt_token_ok(stored->receipt_token));
    char want[256];
    snprintf(want, sizeof want, "https://backend.example/r/%s", stored->receipt_token);
    CHECK_EQ_STR(ks_qr_text(ks_kiosk_ui_find(r.k, "e-receipt")), want);
    ks_order_free(stored);
    rig_close(&r);
}

/*
 * Three wrong PINs lock staff access; a restart (a new controller on the same
 * database) does not unlock it, the right PIN is not even asked for until
 * the lockout's five minutes have passed on the clock, and every attempt is
 * in the audit log.
 */
static int64_t staff_actions(struct rig *r, const char *action);
static bool lane_with_sami(struct rig *r, const char *name);

/* The count a query of r's database answers; -1 on an error. */
static int64_t count_of(struct rig *r, const char *sql)
{
    int64_t n = -1;
    ks_db_binder b = ks_db_bind(r->db, sql);
    return ks_db_query_int(r->db, &b, &n) == KS_DB_OK ? n : -1;
}

/* r opened with a kiosk database of its own, a new file name in the test's folder. */
static bool rig_open_with_db(struct rig *r, const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", check_tmp_dir(), name);
    unlink(path);
    if (!rig_open(r))
        return false;
    r->db = ks_db_open(path, NULL);
    return r->db && rig_restart(r);
}

static void test_pin_lockout_survives_a_restart(void)
{
    struct rig r;
    CHECK(rig_open_with_db(&r, "staff-lockout.db"));
    CHECK(open_staff_pin(&r));
    for (int i = 0; i < 3; i++)
        CHECK(type_pin(&r, "9999") || i == 2); /* the third leaves the PIN screen */
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_ATTRACT);
    r.utc += 60;
    CHECK(rig_restart(&r));
    for (int i = 0; i < 5; i++)
        CHECK(tap(&r, "staff-corner"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_ATTRACT); /* still locked after the restart */
    r.utc += 300;
    CHECK(rig_restart(&r));
    CHECK(open_staff_pin(&r));
    CHECK(type_pin(&r, "1234"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_STAFF);
    int64_t wrong = -1, right = -1;
    ks_db_binder b = ks_db_bind(r.db, "SELECT count(*) FROM staff_audit WHERE outcome = 'wrong'");
    CHECK_EQ_INT(ks_db_query_int(r.db, &b, &wrong), KS_DB_OK);
    b = ks_db_bind(r.db, "SELECT count(*) FROM staff_audit WHERE outcome = 'ok'");
    CHECK_EQ_INT(ks_db_query_int(r.db, &b, &right), KS_DB_OK);
    CHECK_EQ_INT(wrong, 3);
    CHECK_EQ_INT(right, 1);
    /* The lockout and the sign-in are queued for the back office with their audit rows (#15):
     * the lockout names nobody, the three wrong PINs and its five minutes from the third; no
     * PIN typed is in any message. */
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM outbox o JOIN staff_audit a ON a.uuid = "
                              "o.order_uuid WHERE o.path = 'staff-actions' AND a.outcome = 'wrong' "
                              "AND a.detail = 'locked out' AND a.place = 'staff-pin' "
                              "AND json_extract(o.payload, '$.action') = 'pin_lockout' "
                              "AND json_extract(o.payload, '$.place') = 'staff_screen' "
                              "AND json_extract(o.payload, '$.failures') = 3 "
                              "AND json_extract(o.payload, '$.until') = "
                              "json_extract(o.payload, '$.at') + 300 "
                              "AND json_extract(o.payload, '$.staff') IS NULL"),
                 1);
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM outbox o JOIN staff_audit a ON a.uuid = "
                              "o.order_uuid WHERE a.outcome = 'ok' AND a.action = 'pin' "
                              "AND json_extract(o.payload, '$.action') = 'sign_in' "
                              "AND json_extract(o.payload, '$.method') = 'pin' "
                              "AND json_extract(o.payload, '$.place') = 'staff_screen'"),
                 1);
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM outbox WHERE instr(payload, '\"9999\"') > 0 "
                              "OR instr(payload, '\"1234\"') > 0"),
                 0);
    /* Closing the kiosk to customers and opening it again are queued too; leaving is not. */
    CHECK(tap(&r, "close-kiosk"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_OUT_OF_SERVICE);
    CHECK(open_staff_pin(&r));
    CHECK(type_pin(&r, "1234"));
    CHECK(tap(&r, "open-kiosk"));
    CHECK_EQ_INT(staff_actions(&r, "close"), 1);
    CHECK_EQ_INT(staff_actions(&r, "open"), 1);
    rig_close(&r);
}

/* Errors logged while a test listens: how many, and whether one said `needle`. */
struct error_log {
    int errors;
    bool said;
    const char *needle;
};

static void keep_errors(enum ks_log_level level, const char *tag, const char *msg, void *ctx)
{
    struct error_log *log = ctx;
    (void)tag;
    if (level != KS_LOG_ERROR)
        return;
    log->errors++;
    log->said = log->said || strstr(msg, log->needle) != NULL;
}

/*
 * A staff action that cannot be recorded (its outbox message refused: here a trigger on the
 * kiosk's connection, as a full disk or a broken table would) rolls back with its audit row, and
 * the attempt is audited all the same, without a uuid, and the failure logged: a sign-in the
 * back office never hears of still leaves its trace on the kiosk.
 */
static void test_staff_action_audited_when_not_recorded(void)
{
    struct rig r;
    CHECK(rig_open_with_db(&r, "staff-unrecorded.db"));
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM staff_audit"), 0);
    ks_db_binder b = ks_db_bind(r.db, "CREATE TEMP TRIGGER no_outbox BEFORE INSERT ON outbox\n"
                                      "BEGIN SELECT RAISE(ABORT, 'outbox refused'); END");
    CHECK_EQ_INT(ks_db_exec(r.db, &b), KS_DB_OK);
    struct error_log log = {.needle = "the staff action pin at staff-pin could not be recorded"};
    ks_log_set_sink(keep_errors, &log);
    CHECK(open_staff_pin(&r));
    CHECK(type_pin(&r, "1234"));
    ks_log_set_sink(NULL, NULL);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_STAFF); /* the PIN still lets them in */
    CHECK(log.said);
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM staff_audit WHERE place = 'staff-pin' AND "
                              "action = 'pin' AND outcome = 'ok' AND uuid IS NULL"),
                 1);
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM staff_audit"), 1);
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM outbox"), 0);
    /* The outbox writable again, the next sign-in is recorded and queued as usual. */
    b = ks_db_bind(r.db, "DROP TRIGGER temp.no_outbox");
    CHECK_EQ_INT(ks_db_exec(r.db, &b), KS_DB_OK);
    CHECK(tap(&r, "close-kiosk"));
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM outbox o JOIN staff_audit a ON a.uuid = "
                              "o.order_uuid WHERE o.path = 'staff-actions'"),
                 1);
    rig_close(&r);
}

/* Reprints at the staff screen queued as staff actions: n of them naming order number. */
static int64_t reprints_sent(struct rig *r, int number)
{
    int64_t sent = -1;
    ks_db_binder b = ks_db_bind(
        r->db, number ? "SELECT count(*) FROM outbox o WHERE o.path = 'staff-actions' AND "
                        "json_extract(o.payload, '$.action') = 'reprint' AND "
                        "json_extract(o.payload, '$.order_number') = ?1 AND "
                        "json_extract(o.payload, '$.order_uuid') = "
                        "(SELECT uuid FROM orders WHERE number = ?1)"
                      : "SELECT count(*) FROM outbox o WHERE o.path = 'staff-actions' AND "
                        "json_extract(o.payload, '$.action') = 'reprint' AND "
                        "json_extract(o.payload, '$.order_uuid') IS NULL AND "
                        "json_extract(o.payload, '$.order_number') IS NULL");
    if (number)
        ks_db_bind_int(&b, number);
    return ks_db_query_int(r->db, &b, &sent) == KS_DB_OK ? sent : -1;
}

/*
 * The staff screen's "reprint last receipt" names the order it printed
 * again in its staff action (its uuid and number, #15); with no receipt
 * printed yet the action names none.
 */
static void test_reprint_names_its_order(void)
{
    struct rig r;
    CHECK(rig_open_with_db(&r, "reprint.db"));
    CHECK(open_staff_pin(&r));
    CHECK(type_pin(&r, "1234"));
    CHECK(tap(&r, "reprint"));
    CHECK_EQ_INT(reprints_sent(&r, 0), 1);
    CHECK(tap(&r, "exit"));
    CHECK(water_paying_by_card(&r));
    pass(&r, 600);
    pass(&r, 1600);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_DONE);
    CHECK_EQ_INT(ks_kiosk_ui_order_number(r.k), 1);
    CHECK(tap(&r, "finish"));
    CHECK(open_staff_pin(&r));
    CHECK(type_pin(&r, "1234"));
    CHECK(tap(&r, "reprint"));
    CHECK_EQ_INT(reprints_sent(&r, 1), 1);
    CHECK_EQ_INT(reprints_sent(&r, 0), 1);
    rig_close(&r);
}

/* ---- the self-checkout's bagging area ---- */

/* The bagging scale reads grams, stable. */
static void bagging_reads(struct rig *r, int64_t grams)
{
    const struct dev_scale_state st = {
        .link = DEV_SCALE_LINK_UP,
        .reading = {.status = DEV_SCALE_STABLE, .grams = grams},
    };
    ks_kiosk_ui_bagging_scale(r->k, &st);
    pass(r, 100);
}

/* A self-checkout with its bagging area empty; *item: a product with a weight per piece. */
static bool lane_open(struct rig *r, const ks_item **item)
{
    if (!rig_open_as(r, KS_MODE_SUPERMARKET, "supermarket.json"))
        return false;
    *item = ks_catalog_find_item(r->cat, "kharj-farms-strawberries-250-g");
    bagging_reads(r, 0);
    return *item && (*item)->expected_weight_g == 275 && (*item)->n_barcodes > 0;
}

static bool waits_for(const struct rig *r, unsigned need)
{
    return screen_of(r) == KS_SCREEN_ATTENDANT && (ks_kiosk_ui_journey(r->k)->attendant & need);
}

static void test_bagging_unexpected_item(void)
{
    struct rig r;
    const ks_item *berries;
    CHECK(lane_open(&r, &berries));
    ks_kiosk_ui_scan(r.k, berries->barcodes[0]);
    pass(&r, 100);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    bagging_reads(&r, 280); /* in the bag, within its tolerance */
    pass(&r, 15000);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    /* Something unscanned put down with it: a moment's grace, then the lane waits. */
    bagging_reads(&r, 280 + 600);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    pass(&r, 2000);
    CHECK(waits_for(&r, KS_NEED_BAGGING));
    CHECK(ks_kiosk_ui_find(r.k, "need:bagging") != NULL);
    CHECK_EQ_INT(ks_lane_bagging_text(r.k), KS_STR_BAGGING_UNEXPECTED);
    /* A paused lane takes no scans. */
    ks_kiosk_ui_scan(r.k, berries->barcodes[0]);
    pass(&r, 100);
    CHECK_EQ_INT(ks_cart_count(ks_ui_cart(r.k)), 1);
    CHECK_EQ_INT(ks_cart_line_at(ks_ui_cart(r.k), 0)->quantity, 1);
    /* The attendant looks and clears it: that weight is now right, the lane goes on. */
    ks_kiosk_ui_decide(r.k, KS_DECIDE_CLEAR_BAGGING, "staff-07", 0);
    pass(&r, 100);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    pass(&r, 15000);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    /* The next piece counts from there. */
    ks_kiosk_ui_scan(r.k, berries->barcodes[0]);
    bagging_reads(&r, 880 + 270);
    pass(&r, 15000);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    rig_close(&r);
}

static void test_bagging_item_not_placed(void)
{
    struct rig r;
    const ks_item *berries;
    CHECK(lane_open(&r, &berries));
    /* The shopper's own bag lies there before the first scan: that is the baseline. */
    bagging_reads(&r, 150);
    ks_kiosk_ui_scan(r.k, berries->barcodes[0]);
    pass(&r, 9000);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    pass(&r, 1500);
    CHECK(waits_for(&r, KS_NEED_BAGGING));
    CHECK_EQ_INT(ks_lane_bagging_text(r.k), KS_STR_BAGGING_NOT_PLACED);
    /* Put down at last: the lane goes on without the attendant. */
    bagging_reads(&r, 150 + 275);
    pass(&r, 200);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    CHECK_EQ_INT(ks_kiosk_ui_journey(r.k)->attendant & KS_NEED_BAGGING, 0);
    rig_close(&r);
}

/* An age-restricted product scanned and payment asked for: the lane waits for the age check. */
static bool waiting_for_age_check(struct rig *r)
{
    size_t n_items;
    const ks_item *items = ks_catalog_items(r->cat, &n_items), *adult = NULL;
    for (size_t i = 0; i < n_items && !adult; i++)
        if (items[i].min_age > 0 && items[i].n_barcodes > 0)
            adult = &items[i];
    if (!adult)
        return false;
    ks_kiosk_ui_scan(r->k, adult->barcodes[0]);
    pass(r, 100);
    return tap(r, "pay") && waits_for(r, KS_NEED_AGE);
}

/*
 * At a self-checkout lane waiting for an age check, three wrong staff PINs
 * lock the keypad: the right PIN then decides nothing until the lockout's
 * time has passed, and then settles the check.
 */
static void test_lane_refuses_while_pin_locked(void)
{
    struct rig r;
    CHECK(rig_open_as(&r, KS_MODE_SUPERMARKET, "supermarket.json"));
    CHECK(waiting_for_age_check(&r));
    for (int i = 0; i < 3; i++)
        CHECK(type_pin(&r, "9999"));
    CHECK(ks_staff_locked(r.k));
    CHECK(type_pin(&r, "1234")); /* the keypad is there, but locked */
    CHECK(waits_for(&r, KS_NEED_AGE));
    r.now += r.k->rules.pin.lockout_ms;
    ks_kiosk_ui_activity(r.k, r.now); /* the attendant stood there meanwhile */
    ks_kiosk_ui_update(r.k, r.now);
    CHECK(!ks_staff_locked(r.k));
    CHECK(type_pin(&r, "1234"));
    CHECK_EQ_INT(ks_kiosk_ui_journey(r.k)->attendant & KS_NEED_AGE, 0);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    rig_close(&r);
}

/*
 * A staff badge (hashed in [badges]) scanned on the lane's attendant screen
 * settles what the lane waits for in the holder's name; another code does
 * nothing there; while staff access is locked the badge decides nothing.
 */
static void test_lane_staff_badge(void)
{
    struct rig r;
    CHECK(lane_with_sami(&r, "lane-badge.db")); /* a database: its sign-ins are queued */
    snprintf(r.cfg.badges[0].staff, sizeof r.cfg.badges[0].staff, "staff-07");
    CHECK(ks_staff_secret_hash("STAFF-0007", r.cfg.badges[0].hash));
    r.cfg.n_badges = 1;
    CHECK(waiting_for_age_check(&r));
    /* A code that is nobody's badge settles nothing (it is an unknown code, as any other). */
    ks_kiosk_ui_scan(r.k, "STAFF-0008");
    pass(&r, 100);
    CHECK(waits_for(&r, KS_NEED_AGE));
    /* Locked by wrong PINs: the badge decides nothing either. */
    for (int i = 0; i < 3; i++)
        CHECK(type_pin(&r, "9999"));
    ks_kiosk_ui_scan(r.k, "STAFF-0007");
    pass(&r, 100);
    CHECK(waits_for(&r, KS_NEED_AGE));
    r.now += r.k->rules.pin.lockout_ms;
    ks_kiosk_ui_activity(r.k, r.now);
    ks_kiosk_ui_update(r.k, r.now);
    ks_kiosk_ui_scan(r.k, "STAFF-0007");
    pass(&r, 100);
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    CHECK_EQ_STR(ks_basket_age_approval(r.k->basket)->by, "staff-07");
    /* The badge accepted is a sign-in at the lane for the back office (#15), by its holder; the
     * one refused while locked is not. */
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM outbox WHERE path = 'staff-actions' "
                              "AND json_extract(payload, '$.action') = 'sign_in'"),
                 1);
    CHECK_EQ_INT(count_of(&r, "SELECT count(*) FROM outbox o JOIN staff_audit a ON a.uuid = "
                              "o.order_uuid WHERE a.action = 'badge' AND a.outcome = 'ok' "
                              "AND json_extract(o.payload, '$.method') = 'badge' "
                              "AND json_extract(o.payload, '$.place') = 'lane' "
                              "AND json_extract(o.payload, '$.staff') = 'staff-07'"),
                 1);
    rig_close(&r);
}

/*
 * A lane on a fresh database file name whose store's staff list (as pulled
 * from the backend) has sami, PIN 5678; false when it cannot be set up.
 */
static bool lane_with_sami(struct rig *r, const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", check_tmp_dir(), name);
    unlink(path);
    if (!rig_open_as(r, KS_MODE_SUPERMARKET, "supermarket.json"))
        return false;
    r->db = ks_db_open(path, NULL);
    ks_staff_entry sami = {.id = "sami"};
    const ks_staff_list list = {1, &sami};
    return ks_staff_secret_hash_with("5678", 1000, NULL, sami.pin_hash) && r->db &&
           ks_staff_pin_store_replace(r->db, &list, "\"s1\"", 1) == KS_DB_OK && rig_restart(r);
}

/*
 * With the store's staff list on the kiosk (pulled from the backend), the
 * lane's PIN is a person's: the shared PIN of the INI decides nothing any
 * more, and a listed person's PIN settles the age check in their name
 * (not "lane-pin"), as the staff audit records; the basket cancelled
 * unpaid sends its interventions as staff actions.
 */
static void test_lane_person_pin(void)
{
    struct rig r;
    CHECK(lane_with_sami(&r, "lane-person.db"));
    CHECK(waiting_for_age_check(&r));
    CHECK(type_pin(&r, "1234")); /* the shared PIN: wrong now */
    CHECK(waits_for(&r, KS_NEED_AGE));
    CHECK(type_pin(&r, "5678"));
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    CHECK_EQ_STR(ks_basket_age_approval(r.k->basket)->by, "sami");
    int64_t by_sami = -1;
    ks_db_binder b = ks_db_bind(r.db, "SELECT count(*) FROM staff_audit WHERE person = 'sami' "
                                      "AND place = 'lane' AND action = 'pin' AND outcome = 'ok'");
    CHECK_EQ_INT(ks_db_query_int(r.db, &b, &by_sami), KS_DB_OK);
    CHECK_EQ_INT(by_sami, 1);
    /* His sign-in at the lane is queued for the back office by name (#15). */
    int64_t signed_in = -1;
    b = ks_db_bind(r.db, "SELECT count(*) FROM outbox WHERE path = 'staff-actions' "
                         "AND json_extract(payload, '$.action') = 'sign_in' "
                         "AND json_extract(payload, '$.place') = 'lane' "
                         "AND json_extract(payload, '$.staff') = 'sami'");
    CHECK_EQ_INT(ks_db_query_int(r.db, &b, &signed_in), KS_DB_OK);
    CHECK_EQ_INT(signed_in, 1);
    /* sami cancels the basket: it is never paid, so its interventions (the age check and the
     * cancel, both his) go to the backend's staff report as staff actions, queued with their
     * audit rows. */
    ks_kiosk_ui_decide(r.k, KS_DECIDE_CANCEL, "sami", 0);
    int64_t sent = -1;
    b = ks_db_bind(r.db,
                   "SELECT count(*) FROM outbox o JOIN staff_audit a ON a.uuid = o.order_uuid "
                   "WHERE o.path = 'staff-actions' AND a.action = 'unpaid' AND "
                   "json_extract(o.payload, '$.intervention.staff') = 'sami'");
    CHECK_EQ_INT(ks_db_query_int(r.db, &b, &sent), KS_DB_OK);
    CHECK_EQ_INT(sent, 2);
    rig_close(&r);
}

/* Staff actions queued for the backend whose audit row's action is `action`. */
static int64_t staff_actions(struct rig *r, const char *action)
{
    int64_t n = -1;
    ks_db_binder b = ks_db_bind(r->db, "SELECT count(*) FROM outbox o JOIN staff_audit a "
                                       "ON a.uuid = o.order_uuid WHERE o.path = 'staff-actions' "
                                       "AND a.action = ?");
    ks_db_bind_text(&b, action);
    return ks_db_query_int(r->db, &b, &n) == KS_DB_OK ? n : -1;
}

/*
 * A lane decision taken while paying (the order placed, so it does not
 * carry it) goes to the backend's staff report as a staff action, queued
 * at once with its audit row, and once: the paid order carries only the
 * decision taken before it was placed, and the next shopper sends nothing
 * more.
 */
static void test_lane_decision_while_paying(void)
{
    struct rig r;
    CHECK(lane_with_sami(&r, "lane-paying.db"));
    CHECK(waiting_for_age_check(&r));
    CHECK(type_pin(&r, "5678")); /* sami approves: kept for the order */
    CHECK_EQ_INT(screen_of(&r), KS_SCREEN_BASKET);
    /* The shopper asks for help and goes on to pay before anybody comes. */
    CHECK(tap(&r, "help"));
    CHECK(waits_for(&r, KS_NEED_HELP));
    CHECK(tap(&r, "back"));
    CHECK(tap(&r, "pay")); /* the lane's card payment starts at once */
    CHECK(r.k->order != NULL && r.k->order->status != KS_ORDER_PAID);
    CHECK_EQ_INT(staff_actions(&r, "paying"), 0);
    /* sami sees to it while the card is read: queued at once, before anything is shown. */
    ks_kiosk_ui_decide(r.k, KS_DECIDE_HELP_GIVEN, "sami", 0);
    CHECK_EQ_INT(staff_actions(&r, "paying"), 1);
    /* As a "paying" action naming the order, which the report counts with the paid ones. */
    int64_t with_order = -1;
    ks_db_binder w = ks_db_bind(r.db, "SELECT count(*) FROM outbox WHERE path = 'staff-actions' "
                                      "AND json_extract(payload, '$.action') = 'paying' "
                                      "AND json_extract(payload, '$.order_uuid') = ? "
                                      "AND json_extract(payload, '$.intervention.staff') = 'sami'");
    ks_db_bind_text(&w, r.k->order->uuid);
    CHECK_EQ_INT(ks_db_query_int(r.db, &w, &with_order), KS_DB_OK);
    CHECK_EQ_INT(with_order, 1);
    pass(&r, 2000); /* paid */
    CHECK(r.k->order && r.k->order->status == KS_ORDER_PAID);
    int64_t carried = -1;
    ks_db_binder b = ks_db_bind(r.db, "SELECT json_array_length(payload, '$.interventions') "
                                      "FROM outbox WHERE path <> 'staff-actions'");
    CHECK_EQ_INT(ks_db_query_int(r.db, &b, &carried), KS_DB_OK);
    CHECK_EQ_INT(carried, 1); /* the age check only */
    ks_kiosk_ui_activity(r.k, r.now);
    ks_kiosk_ui_scan(r.k, "0000"); /* the next shopper: the basket is cleared */
    pass(&r, 100);
    CHECK_EQ_INT(staff_actions(&r, "paying"), 1);
    CHECK_EQ_INT(staff_actions(&r, "unpaid"), 0);
    rig_close(&r);
}

/* A refused provisioning file is said at the foot of the attract screen; a tap there still starts.
 */
static void test_attract_notice(void)
{
    struct rig r;
    CHECK(rig_open(&r));
    pass(&r, 400);
    CHECK(ks_kiosk_ui_find(r.k, "notice") == NULL);
    r.notice = "refused, the box keeps its configuration: kiosk-provision.ini line 4: "
               "[network] backend_url: plain http only to private addresses";
    CHECK(rig_restart(&r));
    pass(&r, 400);
    struct ui_widget *band = ks_kiosk_ui_find(r.k, "notice");
    CHECK(band != NULL);
    SDL_Rect rect = band ? ui_widget_rect(band) : (SDL_Rect){0};
    CHECK(rect.h > 0 && rect.y + rect.h <= 1920 && rect.y > 1920 / 2);
    CHECK(tap(&r, "notice"));
    CHECK_EQ_INT(ks_kiosk_ui_journey(r.k)->screen, KS_SCREEN_LANGUAGE);
    rig_close(&r);
}

static const struct check_case cases[] = {
    {"a staff action not recorded is audited all the same, and logged",
     test_staff_action_audited_when_not_recorded},
    {"the attract screen's notice", test_attract_notice},
    {"a refresh under a finger keeps the tap", test_refresh_keeps_a_tap},
    {"money reads right in both languages", test_money_reads_right},
    {"the simulated terminal", test_simulated_terminal},
    {"the simulated printer", test_simulated_printer},
    {"scripts: parsing", test_script_parsing},
    {"scripts: errors name their line", test_script_errors},
    {"the e-receipt QR code", test_e_receipt_qr},
    {"the done screen's e-receipt QR: receipt_url + the stored token",
     test_done_shows_the_stored_e_receipt_token},
    {"the item page adds its line or drops it", test_item_page_adds_or_drops_its_line},
    {"editing a cart line writes back to it", test_cart_edit_writes_back},
    {"nothing to suggest: straight to the cart", test_no_suggestions_skips_upsell},
    {"paying by card to the order number", test_pay_by_card_to_done},
    {"the idle countdown", test_idle_countdown},
    {"staff PIN, then an item marked sold out", test_staff_marks_an_item_sold_out},
    {"the PIN lockout survives a restart", test_pin_lockout_survives_a_restart},
    {"a reprint names the order it printed again", test_reprint_names_its_order},
    {"the bagging area: an unscanned item waits for the attendant", test_bagging_unexpected_item},
    {"the bagging area: a scanned item not put down, then put down", test_bagging_item_not_placed},
    {"the lane's keypad locked by wrong PINs decides nothing", test_lane_refuses_while_pin_locked},
    {"a listed person's PIN at the lane decides in their name", test_lane_person_pin},
    {"a lane decision while paying goes to the staff report once", test_lane_decision_while_paying},
    {"a staff badge at the lane settles it in the holder's name", test_lane_staff_badge},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
