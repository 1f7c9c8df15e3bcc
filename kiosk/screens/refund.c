/* The staff refund screen (see kiosk/screens/refund.h). */
#define LOG_TAG "refund_screen"
#include "kiosk/screens/refund.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/common/uuid.h"
#include "kiosk/common/log.h"
#include "kiosk/screens/big_text.h"
#include "kiosk/screens/kit.h"
#include "kiosk/screens/staff_access.h"
#include "kiosk/store/order_store.h"
#include "ui/w_container.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/w_stepper.h"

/* Digits of an order number typed on the keypad. */
#define NUMBER_DIGITS_MAX 6

static const enum ks_str reason_words[KS_REFUND_REASON_COUNT] = {
    [KS_REASON_WRONG_ITEM] = KS_STR_REASON_WRONG_ITEM,
    [KS_REASON_QUALITY] = KS_STR_REASON_QUALITY,
    [KS_REASON_UNWANTED] = KS_STR_REASON_UNWANTED,
    [KS_REASON_OTHER] = KS_STR_REASON_OTHER,
};

void ks_refund_screen_clear(ks_kiosk_ui *k)
{
    ks_refund_sheet_free(k->refund.order.sheet);
    k->refund = (ks_refund_screen){.phase = KS_DESK_FIND, .message = KS_STR_COUNT};
}

void ks_refund_screen_show(ks_kiosk_ui *k, const ks_refund_desk_order *order)
{
    ks_refund_sheet_free(k->refund.order.sheet);
    k->refund.order = *order;
    k->refund.message = KS_STR_COUNT;
    k->refund.phase = KS_DESK_PICK;
    if (order->has_open) {
        /* An earlier refund of it is not finished: retry or cancel it before any new one. */
        memcpy(k->refund.refund_id, order->open.id, sizeof k->refund.refund_id);
        k->refund.result =
            (ks_refund_result){.outcome = KS_REFUND_NOT_GIVEN, .amount = order->open.amount};
        snprintf(k->refund.result.detail, sizeof k->refund.result.detail, "%s",
                 order->open.last_error);
        k->refund.phase = KS_DESK_OUTCOME;
        /* Asked by the back office and not tried yet: not a decline, a card to present. */
        ks_office_refund_row asked;
        k->refund.asked =
            order->open.attempt == 0 && k->c.db &&
            ks_office_refund_store_of_refund(k->c.db, order->open.id, &asked) == KS_DB_OK;
        if (k->refund.asked)
            snprintf(k->refund.asked_reason, sizeof k->refund.asked_reason,
                     asked.person[0] ? "%s (%s)" : "%s", asked.reason, asked.person);
    }
    ks_ui_refresh(k);
}

/* Opens order uuid from the database now, with the kiosk's refund window. */
static enum ks_db_error open_desk_order(ks_kiosk_ui *k, const char *uuid, ks_refund_desk_order *out)
{
    return ks_refund_desk_open(k->c.db, uuid, ks_ui_utc_now(k), ks_config_refund_window_s(k->c.cfg),
                               out);
}

/* Opens order uuid from the database, or says why not. */
static void open_order(ks_kiosk_ui *k, const char *uuid)
{
    ks_refund_desk_order order;
    enum ks_db_error err = open_desk_order(k, uuid, &order);
    if (err == KS_DB_OK && order.past_window) {
        ks_refund_sheet_free(order.sheet);
        LOG_INFO("order %s is past the refund window of %d days", uuid, k->c.cfg->refund_days);
        k->refund.message = KS_STR_REFUND_PAST_WINDOW;
        ks_ui_refresh(k);
        return;
    }
    if (err != KS_DB_OK) {
        k->refund.message =
            err == KS_DB_ERR_ILLEGAL_TRANSITION ? KS_STR_REFUND_NOT_PAID : KS_STR_REFUND_NOT_FOUND;
        ks_ui_refresh(k);
        return;
    }
    ks_refund_screen_show(k, &order);
}

/* The keypad's OK: today's order of that number at this kiosk. */
static void on_find(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    char *end = NULL;
    long number = strtol(ui_keypad_value(w), &end, 10);
    ui_keypad_clear(w);
    char day[11], uuid[37];
    ks_business_date(ks_ui_utc_now(k), k->c.cfg->utc_offset_min, k->c.cfg->business_day_start_min,
                     day);
    if (!k->c.db || number <= 0 || number > INT32_MAX ||
        ks_order_store_find_number(k->c.db, day, (int32_t)number, uuid) != KS_DB_OK) {
        k->refund.message = KS_STR_REFUND_NOT_FOUND;
        ks_ui_refresh(k);
        return;
    }
    open_order(k, uuid);
}

bool ks_refund_screen_scan(ks_kiosk_ui *k, const char *code)
{
    if (k->journey.screen != KS_SCREEN_REFUND || k->refund.phase != KS_DESK_FIND)
        return false;
    char uuid[37];
    if (!k->c.db || ks_refund_desk_find_code(k->c.db, code, uuid) != KS_DB_OK) {
        k->refund.message = KS_STR_REFUND_NOT_FOUND;
        ks_ui_refresh(k);
        return true;
    }
    open_order(k, uuid);
    return true;
}

static void on_quantity(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    size_t line = (size_t)(uintptr_t)ui_widget_user_data(w);
    ks_refund_sheet_set(k->refund.order.sheet, line, ui_stepper_value(w));
    ks_ui_refresh(k);
}

/* A weighed line: all of what is left, or nothing. */
static void on_toggle_line(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    size_t line = (size_t)(uintptr_t)ui_widget_user_data(w);
    ks_refund_sheet *sheet = k->refund.order.sheet;
    ks_refund_sheet_set(sheet, line, ks_refund_sheet_picked(sheet, line) > 0 ? 0 : 1);
    ks_ui_refresh(k);
}

static void on_all(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_refund_sheet_pick_all(k->refund.order.sheet);
    ks_ui_refresh(k);
}

static void on_none(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_refund_sheet_clear(k->refund.order.sheet);
    ks_ui_refresh(k);
}

static void on_reason(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_refund_sheet_set_reason(k->refund.order.sheet,
                               (enum ks_refund_reason)(uintptr_t)ui_widget_user_data(w));
    ks_ui_refresh(k);
}

/* Hands refund_id to the terminal's worker; the screen waits for its end. */
static void run(ks_kiosk_ui *k)
{
    k->refund.asked = false;
    if (!k->c.services->ops->refund(k->c.services->impl, k->refund.refund_id, k->now_ms)) {
        ks_ui_toast(k, ks_ui_str(k, KS_STR_REFUND_DECLINED));
        return;
    }
    k->refund.phase = KS_DESK_RUNNING;
    ks_ui_refresh(k);
}

static void on_confirm(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_refund_screen *r = &k->refund;
    ks_money amount = 0;
    /* Never more than was paid and is not given back yet (the store checks it again). */
    if (!k->c.db || ks_refund_sheet_total(r->order.sheet, &amount) != KS_REFUND_OK ||
        amount > ks_refund_sheet_refundable(r->order.sheet))
        return;
    /* One id per confirmation: a repeat of this confirmation is the same refund. */
    if (!r->refund_id[0] && !ks_uuid_new(r->refund_id))
        return;
    ks_refund_row row;
    enum ks_refund_error refusal = KS_REFUND_OK;
    /* Who signed in with their own PIN, when the refund's staff column holds their name. */
    const char *fallback = k->c.sold_out_staff ? k->c.sold_out_staff : "staff";
    const char *who = ks_staff_who(k, fallback);
    const char *staff = strlen(who) <= KS_REFUND_STAFF_MAX ? who : fallback;
    if (ks_refund_desk_record(k->c.db, &r->order, r->refund_id, staff, ks_ui_utc_now(k), &row,
                              &refusal) != KS_DB_OK) {
        r->refund_id[0] = '\0';
        ks_ui_toast(k, ks_refund_strerror(refusal));
        return;
    }
    ks_staff_audit(k, "staff", "refund", r->refund_id);
    run(k);
}

static void on_retry(struct ui_widget *w, void *user)
{
    run(user);
}

static void on_cancel_refund(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    if (!k->c.db ||
        ks_refund_store_cancel(k->c.db, k->refund.refund_id, ks_ui_utc_now(k)) != KS_DB_OK) {
        ks_ui_toast(k, ks_ui_str(k, KS_STR_REFUND_OPEN));
        return;
    }
    ks_staff_audit(k, "staff", "refund-cancel", k->refund.refund_id);
    k->refund.cancelled = true;
    ks_ui_refresh(k);
}

static void on_another(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_refund_screen_clear(k);
    ks_ui_refresh(k);
}

void ks_refund_screen_result(ks_kiosk_ui *k, const ks_refund_done *done)
{
    ks_refund_screen *r = &k->refund;
    if (strcmp(done->refund_id, r->refund_id) != 0 || r->phase != KS_DESK_RUNNING) {
        LOG_INFO("refund %s ended (%s) after staff left it", done->refund_id,
                 ks_refund_outcome_name(done->result.outcome));
        return;
    }
    r->result = done->result;
    r->phase = KS_DESK_OUTCOME;
    if (done->result.outcome == KS_REFUND_GIVEN) {
        const char *order = ks_refund_sheet_order(r->order.sheet)->uuid;
        if (!k->c.services->ops->print_refund(k->c.services->impl, order, r->refund_id, k->now_ms))
            LOG_WARN("refund %s: the slip could not be queued", r->refund_id);
        /* What is left of the order now. */
        char uuid[37];
        memcpy(uuid, order, sizeof uuid);
        ks_refund_desk_order again;
        if (k->c.db && open_desk_order(k, uuid, &again) == KS_DB_OK) {
            ks_refund_sheet_free(r->order.sheet);
            r->order = again;
        }
    }
    ks_ui_refresh(k);
}

/* ---- building ---- */

static struct ui_widget *label(const char *text, enum ui_type_role type, enum ui_font_weight weight,
                               enum ui_color_role color)
{
    struct ui_widget *l = ui_label_new_styled(text, type, weight, color);
    ui_widget_set_size(l, UI_SIZE_FILL, UI_SIZE_AUTO);
    return l;
}

/* "label ........ amount" */
static struct ui_widget *amount_row(ks_kiosk_ui *k, const char *text, ks_money amount, bool big,
                                    const char *name)
{
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    enum ui_type_role type = big ? UI_TYPE_TITLE : UI_TYPE_BODY;
    ui_widget_add(row, label(text, type, big ? UI_FONT_BOLD : UI_FONT_REGULAR, UI_COLOR_TEXT));
    ks_ui_name(ui_widget_add(row, ks_kit_price(k, amount, type, UI_COLOR_TEXT)), name);
    return row;
}

/* The order's number and status: paid, partly refunded, refunded. */
static struct ui_widget *order_head(ks_kiosk_ui *k)
{
    const ks_refund_sheet *sheet = k->refund.order.sheet;
    const ks_order *order = ks_refund_sheet_order(sheet);
    struct ui_widget *col = ui_column_new(8);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_background(col, UI_COLOR_SURFACE, 28);
    ui_widget_set_padding(col, (struct ui_insets){20, 20, 32, 32});
    char number[32], head[128];
    ks_kit_int(k, order->number, number, sizeof number);
    snprintf(head, sizeof head, "%s %s", ks_ui_str(k, KS_STR_REFUND_ORDER), number);
    struct ui_widget *row = ui_widget_add(col, ui_row_new(16));
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    ks_ui_name(ui_widget_add(row, label(head, UI_TYPE_HEADING, UI_FONT_BOLD, UI_COLOR_TEXT)),
               "refund-order");
    /* Named by status, so that a script can tell them apart in any language. */
    bool all = ks_refund_sheet_all_given(sheet), some = ks_refund_sheet_given_before(sheet) > 0;
    enum ks_str words = all    ? KS_STR_REFUND_FULL
                        : some ? KS_STR_REFUND_PARTLY
                               : KS_STR_REFUND_STATUS_PAID;
    struct ui_widget *status =
        ui_widget_add(row, ui_label_new_styled(ks_ui_str(k, words), UI_TYPE_HEADING, UI_FONT_BOLD,
                                               all || some ? UI_COLOR_DANGER : UI_COLOR_SUCCESS));
    ks_ui_name(status, all    ? "refund-status-refunded"
                       : some ? "refund-status-partly"
                              : "refund-status-paid");
    ui_widget_add(
        col, amount_row(k, ks_ui_str(k, KS_STR_REFUND_PAID), order->total, false, "refund-paid"));
    if (ks_refund_sheet_given_before(sheet) > 0)
        ui_widget_add(col, amount_row(k, ks_ui_str(k, KS_STR_REFUND_BEFORE),
                                      ks_refund_sheet_given_before(sheet), false, "refund-before"));
    return col;
}

static struct ui_widget *line_row(ks_kiosk_ui *k, size_t i)
{
    const ks_refund_sheet *sheet = k->refund.order.sheet;
    const ks_order_line *line = &ks_refund_sheet_order(sheet)->lines[i];
    int32_t left = ks_refund_sheet_left(sheet, i);
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(row, (struct ui_insets){12, 12, 0, 0});
    struct ui_widget *text = ui_widget_add(row, ui_column_new(4));
    ui_widget_set_size(text, UI_SIZE_FILL, UI_SIZE_AUTO);
    char qty[32], name[300];
    ks_kit_int(k, line->quantity, qty, sizeof qty);
    snprintf(name, sizeof name, "%s \xC3\x97 %s", qty,
             ks_ui_lang(k) == KS_LANG_AR ? line->name_ar : line->name_en);
    ui_widget_add(text, label(name, UI_TYPE_BODY, UI_FONT_BOLD,
                              left > 0 ? UI_COLOR_TEXT : UI_COLOR_TEXT_MUTED));
    ui_widget_add(text, ks_kit_price(k, line->gross, UI_TYPE_CAPTION, UI_COLOR_TEXT_MUTED));
    char id[16];
    snprintf(id, sizeof id, "%zu", i);
    if (left == 0) {
        ui_widget_add(row, ui_label_new_styled(ks_ui_str(k, KS_STR_REFUND_BEFORE), UI_TYPE_CAPTION,
                                               UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        return row;
    }
    if (line->unit == KS_UNIT_KG) {
        bool on = ks_refund_sheet_picked(sheet, i) > 0;
        struct ui_widget *b = ui_widget_add(
            row, ui_button_new(ks_ui_str(k, on ? KS_STR_REFUND_ALL : KS_STR_REFUND_NONE),
                               on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY));
        ui_widget_set_user_data(b, (void *)(uintptr_t)i);
        ui_widget_on_click(b, on_toggle_line, k);
        ks_ui_name2(b, "refund-line", id);
        return row;
    }
    struct ui_widget *stepper =
        ui_widget_add(row, ui_stepper_new(0, left, ks_refund_sheet_picked(sheet, i)));
    ui_stepper_set_digits(stepper, ks_kit_digits(k));
    ui_widget_set_user_data(stepper, (void *)(uintptr_t)i);
    ui_widget_on_change(stepper, on_quantity, k);
    ks_ui_name2(ui_widget_child(stepper, 2), "refund-plus", id);
    ks_ui_name2(ui_widget_child(stepper, 0), "refund-minus", id);
    return row;
}

static struct ui_widget *reasons(ks_kiosk_ui *k)
{
    struct ui_widget *col = ui_column_new(12);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(col, label(ks_ui_str(k, KS_STR_REFUND_REASON), UI_TYPE_HEADING, UI_FONT_BOLD,
                             UI_COLOR_TEXT));
    struct ui_widget *row = ui_widget_add(col, ui_row_new(12));
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    enum ks_refund_reason chosen = ks_refund_sheet_reason(k->refund.order.sheet);
    for (int r = 0; r < KS_REFUND_REASON_COUNT; r++) {
        struct ui_widget *b = ui_widget_add(
            row, ui_button_new(ks_ui_str(k, reason_words[r]),
                               (int)chosen == r ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY));
        ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_user_data(b, (void *)(uintptr_t)r);
        ui_widget_on_click(b, on_reason, k);
        char id[8];
        snprintf(id, sizeof id, "%d", r);
        ks_ui_name2(b, "reason", id);
    }
    return col;
}

static struct ui_widget *button(ks_kiosk_ui *k, enum ks_str text, enum ui_button_style style,
                                ui_widget_fn fn, const char *name)
{
    struct ui_widget *b = ui_button_new(ks_ui_str(k, text), style);
    ui_widget_on_click(b, fn, k);
    return ks_ui_name(b, name);
}

static void on_asked(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    size_t i = (size_t)(uintptr_t)ui_widget_user_data(w);
    char uuid[37];
    memcpy(uuid, k->refund.asked_orders[i], sizeof uuid);
    open_order(k, uuid);
}

/*
 * The back office's requests waiting for staff and the card (a cash one is
 * given back on the payment worker): a button each, opening its order.
 */
static void add_asked(ks_kiosk_ui *k, struct ui_widget *col)
{
    ks_office_refund_row open[KS_REFUND_ASKED_SHOWN];
    size_t n = 0, shown = 0;
    if (!k->c.db ||
        ks_office_refund_store_list_open(k->c.db, open, KS_REFUND_ASKED_SHOWN, &n) != KS_DB_OK)
        return;
    struct ui_widget *list = NULL;
    for (size_t i = 0; i < n; i++) {
        ks_refund_row refund;
        ks_order *order = NULL;
        if (ks_refund_store_load(k->c.db, open[i].refund_id, &refund) != KS_DB_OK ||
            refund.status != KS_REFUND_REQUESTED || refund.method != KS_REFUND_CARD ||
            ks_order_store_load(k->c.db, open[i].order_uuid, &order) != KS_DB_OK)
            continue;
        if (!list) {
            ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_REFUND_ASKED_LIST),
                                               UI_TYPE_HEADING, UI_FONT_BOLD, UI_COLOR_TEXT));
            list = ui_widget_add(col, ui_column_new(12));
            ui_widget_set_size(list, 560, UI_SIZE_AUTO);
        }
        char number[32], money[KS_KIT_MONEY_CAP], text[KS_KIT_MONEY_CAP + 96];
        ks_kit_int(k, order->number, number, sizeof number);
        ks_kit_money(k, refund.amount, false, money, sizeof money);
        snprintf(text, sizeof text, "%s %s \xC2\xB7 %s", ks_ui_str(k, KS_STR_REFUND_ORDER), number,
                 money);
        ks_order_free(order);
        memcpy(k->refund.asked_orders[shown], open[i].order_uuid, 37);
        struct ui_widget *b = ui_widget_add(list, ui_button_new(text, UI_BUTTON_SECONDARY));
        ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_user_data(b, (void *)(uintptr_t)shown);
        ui_widget_on_click(b, on_asked, k);
        char id[8];
        snprintf(id, sizeof id, "%zu", shown++);
        ks_ui_name2(b, "refund-asked", id);
    }
}

static void build_find(ks_kiosk_ui *k, struct ui_widget *body)
{
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *col = ui_widget_add(body, ui_column_new(24));
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(col, ks_picto_new(KS_PICTO_RECEIPT, 120));
    struct ui_widget *hint =
        ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_REFUND_FIND), UI_TYPE_HEADING,
                                           UI_FONT_BOLD, UI_COLOR_TEXT_MUTED));
    ui_widget_set_size(hint, UI_SIZE_FILL, UI_SIZE_AUTO);
    if (k->refund.message != KS_STR_COUNT)
        ks_ui_name(
            ui_widget_add(col, ks_kit_centered(ks_ui_str(k, k->refund.message), UI_TYPE_HEADING,
                                               UI_FONT_BOLD, UI_COLOR_DANGER)),
            "refund-message");
    ui_widget_add(col,
                  ks_kit_keypad(k, UI_KEYPAD_PHONE, 1, NUMBER_DIGITS_MAX, 560, "number", on_find));
    add_asked(k, col);
    ui_widget_add(body, ks_kit_fill());
}

static void build_pick(ks_kiosk_ui *k, struct ui_widget *body)
{
    const ks_refund_sheet *sheet = k->refund.order.sheet;
    struct ui_widget *top = ui_widget_add(body, ui_column_new(16));
    ui_widget_set_padding(top, (struct ui_insets){0, 12, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_set_size(top, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(top, order_head(k));
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(body, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *list = ui_widget_add(scroll, ui_column_new(4));
    ui_widget_set_padding(list, (struct ui_insets){8, 8, KS_KIT_MARGIN, KS_KIT_MARGIN});
    for (size_t i = 0; i < ks_refund_sheet_order(sheet)->n_lines; i++)
        ui_widget_add(list, line_row(k, i));
    struct ui_widget *foot = ui_widget_add(body, ui_column_new(16));
    ui_widget_set_padding(foot, (struct ui_insets){12, 12, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_set_size(foot, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(foot, reasons(k));
    ks_money total = 0;
    bool ok = ks_refund_sheet_total(sheet, &total) == KS_REFUND_OK;
    ui_widget_add(foot,
                  amount_row(k, ks_ui_str(k, KS_STR_REFUND_TOTAL), total, true, "refund-total"));
    struct ui_widget *bar = ui_widget_add(body, ui_row_new(20));
    ui_container_set_background(bar, UI_COLOR_SURFACE, 0);
    ui_widget_set_padding(bar, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_set_size(bar, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(bar, button(k, KS_STR_REFUND_ALL, UI_BUTTON_SECONDARY, on_all, "refund-all"));
    ui_widget_add(bar, button(k, KS_STR_REFUND_NONE, UI_BUTTON_SECONDARY, on_none, "refund-none"));
    ui_widget_add(bar, ks_kit_fill());
    struct ui_widget *confirm = ui_widget_add(
        bar, button(k, KS_STR_REFUND_CONFIRM, UI_BUTTON_PRIMARY, on_confirm, "refund-confirm"));
    ui_widget_set_size(confirm, 420, UI_SIZE_AUTO);
    ui_widget_set_enabled(confirm, ok && total > 0);
}

/* The outcome's picture, headline and colour. */
static enum ks_str outcome_words(const ks_refund_screen *r, enum ui_color_role *color)
{
    *color = UI_COLOR_DANGER;
    if (r->cancelled)
        return KS_STR_REFUND_CANCELLED;
    if (r->asked) {
        *color = UI_COLOR_PRIMARY;
        return KS_STR_REFUND_ASKED;
    }
    switch (r->result.outcome) {
    case KS_REFUND_GIVEN:
        *color = UI_COLOR_SUCCESS;
        return r->order.method == KS_REFUND_CASH ? KS_STR_REFUND_CASH : KS_STR_REFUND_GIVEN;
    case KS_REFUND_UNKNOWN:
        return KS_STR_REFUND_UNKNOWN;
    case KS_REFUND_NOT_GIVEN:
    case KS_REFUND_ERROR:
    default:
        return KS_STR_REFUND_DECLINED;
    }
}

static void build_outcome(ks_kiosk_ui *k, struct ui_widget *body)
{
    ks_refund_screen *r = &k->refund;
    bool running = r->phase == KS_DESK_RUNNING;
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *col = ui_widget_add(body, ui_column_new(24));
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(col, (struct ui_insets){0, 0, KS_KIT_MARGIN, KS_KIT_MARGIN});
    enum ui_color_role color = UI_COLOR_TEXT;
    enum ks_str words = running ? KS_STR_REFUND_RUNNING : outcome_words(r, &color);
    bool cash = r->order.method == KS_REFUND_CASH;
    ui_widget_add(col, ks_picto_new(cash ? KS_PICTO_CASH : KS_PICTO_CARD, 120));
    static const char *const names[] = {
        [KS_REFUND_GIVEN] = "refund-given",
        [KS_REFUND_NOT_GIVEN] = "refund-declined",
        [KS_REFUND_UNKNOWN] = "refund-unknown",
        [KS_REFUND_ERROR] = "refund-declined",
    };
    const char *name = running        ? "refund-running"
                       : r->cancelled ? "refund-cancelled"
                       : r->asked     ? "refund-asked"
                                      : names[r->result.outcome];
    struct ui_widget *head = ui_widget_add(
        col, ks_kit_centered(ks_ui_str(k, words), UI_TYPE_DISPLAY, UI_FONT_BOLD, color));
    ui_widget_set_size(head, UI_SIZE_FILL, UI_SIZE_AUTO);
    ks_ui_name(head, name);
    char amount[KS_KIT_MONEY_CAP];
    ks_kit_money(k, running || !r->result.amount ? 0 : r->result.amount, false, amount,
                 sizeof amount);
    if (!running && r->result.amount > 0)
        ks_ui_name(ui_widget_add(col, ks_big_text_new(amount, 140, UI_COLOR_PRIMARY)),
                   "refund-amount");
    const char *detail = r->asked ? r->asked_reason : r->result.detail;
    if (!running && r->result.outcome != KS_REFUND_GIVEN && detail[0])
        ks_ui_name(ui_widget_add(col, ks_kit_centered(detail, UI_TYPE_BODY, UI_FONT_REGULAR,
                                                      UI_COLOR_TEXT_MUTED)),
                   "refund-detail");
    ui_widget_add(body, ks_kit_fill());
    if (running)
        return;
    struct ui_widget *bar = ui_widget_add(body, ui_row_new(20));
    ui_container_set_background(bar, UI_COLOR_SURFACE, 0);
    ui_widget_set_padding(bar, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_set_size(bar, UI_SIZE_FILL, UI_SIZE_AUTO);
    bool declined = !r->cancelled && (r->result.outcome == KS_REFUND_NOT_GIVEN ||
                                      r->result.outcome == KS_REFUND_ERROR);
    if (declined) {
        ui_widget_add(bar, button(k, KS_STR_REFUND_CANCEL, UI_BUTTON_SECONDARY, on_cancel_refund,
                                  "refund-cancel"));
        ui_widget_add(bar, button(k, r->asked ? KS_STR_REFUND_GIVE_NOW : KS_STR_REFUND_RETRY,
                                  r->asked ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY, on_retry,
                                  "refund-retry"));
    }
    ui_widget_add(bar, ks_kit_fill());
    struct ui_widget *another = ui_widget_add(
        bar, button(k, KS_STR_REFUND_ANOTHER, UI_BUTTON_PRIMARY, on_another, "refund-another"));
    ui_widget_set_size(another, 420, UI_SIZE_AUTO);
    /* A declined refund stays open until it is given back or cancelled; one the back office
     * asked for may wait for its customer. */
    ui_widget_set_enabled(another, !declined || r->asked);
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(
        body, ks_kit_header(k, k->refund.phase == KS_DESK_RUNNING ? 0 : KS_KIT_HEADER_BACK, NULL));
    struct ui_widget *title = ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_REFUND_TITLE)));
    ui_label_set_align(title, UI_LABEL_ALIGN_START);
    switch (k->refund.phase) {
    case KS_DESK_FIND:
        build_find(k, body);
        break;
    case KS_DESK_PICK:
        build_pick(k, body);
        break;
    case KS_DESK_RUNNING:
    case KS_DESK_OUTCOME:
    default:
        build_outcome(k, body);
        break;
    }
    return root;
}

static void leave(ks_kiosk_ui *k)
{
    /* A refund under way goes on on its worker; its end is logged. */
    ks_refund_screen_clear(k);
}

const ks_screen_ops ks_screen_refund = {.build = build, .leave = leave};
