/* Staff mode (see kiosk/screens/staff.h). */
#define LOG_TAG "staff"
#include "kiosk/screens/staff.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/app/soldout_sync.h"
#include "kiosk/common/log.h"
#include "kiosk/screens/kit.h"
#include "kiosk/screens/staff_access.h"
#include "kiosk/screens/staff_status.h"
#include "kiosk/store/report_store.h"
#include "ui/w_container.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"

static void on_sold_out(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    const ks_item *item = ui_widget_user_data(w);
    ks_mark m = {.sold_out = !ks_soldout_item(k->soldout, item->id), .set_at = ks_ui_utc_now(k)};
    snprintf(m.item_id, sizeof m.item_id, "%s", item->id);
    snprintf(m.set_by, sizeof m.set_by, "%s", k->c.sold_out_staff ? k->c.sold_out_staff : "staff");
    if (k->c.db && ks_soldout_store_set(k->c.db, item->id, NULL, NULL, m.sold_out, m.set_by,
                                        m.set_at) != KS_DB_OK)
        return;
    /* Stored and pending: the store's other kiosks get it through the hub. */
    ks_soldout_sync_poke(k->c.soldout_sync);
    ks_soldout_apply(k->soldout, &m);
    ks_staff_action a = {.kind = m.sold_out ? KS_STAFF_ACTION_SOLD_OUT : KS_STAFF_ACTION_ON_SALE};
    snprintf(a.item, sizeof a.item, "%s", item->id);
    ks_staff_act(k, "staff", m.sold_out ? "sold-out" : "on-sale", item->id, &a);
    ks_ui_refresh(k);
}

static void on_reprint(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_service_reprinted printed;
    if (!k->c.services->ops->reprint_last(k->c.services->impl, k->now_ms, &printed))
        LOG_WARN("no receipt to print again");
    /* The action names the order printed again (none when there was no receipt). */
    ks_staff_action a = {.kind = KS_STAFF_ACTION_REPRINT, .order_number = printed.number};
    memcpy(a.order_uuid, printed.order_uuid, sizeof a.order_uuid);
    ks_staff_act(k, "staff", "reprint", printed.order_uuid[0] ? printed.order_uuid : NULL, &a);
}

static void on_print_summary(struct ui_widget *w, void *user)
{
    (void)w;
    ks_staff_audit(user, "staff", "summary", NULL);
    ks_ui_print_summary(user);
}

/* One "label: value" line of the status panel. */
static struct ui_widget *fact(const char *label, const char *value, const char *name,
                              ks_kiosk_ui *k)
{
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *l = ui_widget_add(
        row, ui_label_new_styled(label, UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    ui_widget_set_size(l, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *v =
        ui_widget_add(row, ui_label_new_styled(value, UI_TYPE_BODY, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_label_set_max_lines(v, 1);
    ks_ui_name(v, name);
    return row;
}

static const enum ks_str printer_words[] = {
    [KS_PRINTER_UNKNOWN] = KS_STR_UNKNOWN,
    [KS_PRINTER_OK] = KS_STR_DEVICE_OK,
    [KS_PRINTER_PAPER_NEAR_END] = KS_STR_PAPER_NEAR_END,
    [KS_PRINTER_PAPER_OUT] = KS_STR_PAPER_OUT,
    [KS_PRINTER_COVER_OPEN] = KS_STR_COVER_OPEN,
    [KS_PRINTER_OFFLINE] = KS_STR_OFFLINE,
    [KS_PRINTER_UNPLUGGED] = KS_STR_UNPLUGGED,
    [KS_PRINTER_SIMULATED] = KS_STR_SIMULATED,
};

static const enum ks_str terminal_words[] = {
    [KS_TERMINAL_UNKNOWN] = KS_STR_UNKNOWN,
    [KS_TERMINAL_REACHABLE] = KS_STR_REACHABLE,
    [KS_TERMINAL_UNREACHABLE] = KS_STR_UNREACHABLE,
    [KS_TERMINAL_SIMULATED] = KS_STR_SIMULATED,
};

/* The delivery link in words; an outage says since when, in store-local time. */
static void link_words(ks_kiosk_ui *k, const ks_link_status *link, char *out, size_t cap)
{
    switch (link->state) {
    case KS_LINK_REACHABLE:
        snprintf(out, cap, "%s", ks_ui_str(k, KS_STR_REACHABLE));
        break;
    case KS_LINK_UNREACHABLE: {
        ks_local_time at = ks_local_time_from_utc(link->since_utc, k->c.cfg->utc_offset_min);
        snprintf(out, cap, "%s %02d:%02d", ks_ui_str(k, KS_STR_UNREACHABLE_SINCE), at.minute / 60,
                 at.minute % 60);
        break;
    }
    case KS_LINK_UNKNOWN:
        snprintf(out, cap, "%s", ks_ui_str(k, KS_STR_UNKNOWN));
        break;
    case KS_LINK_NOT_CONFIGURED:
    default:
        snprintf(out, cap, "%s", ks_ui_str(k, KS_STR_NOT_CONFIGURED));
        break;
    }
}

/* A lane device's state in words: not configured, OK, or unplugged with the driver's reason. */
static void lane_device_words(ks_kiosk_ui *k, bool configured, bool up, const char *fault,
                              char *out, size_t cap)
{
    if (!configured)
        snprintf(out, cap, "%s", ks_ui_str(k, KS_STR_NOT_CONFIGURED));
    else if (up)
        snprintf(out, cap, "%s", ks_ui_str(k, KS_STR_DEVICE_OK));
    else
        snprintf(out, cap, "%s (%s)", ks_ui_str(k, KS_STR_UNPLUGGED), fault);
}

/* The self-checkout's scanner and scales, and the baskets wiped since the start. */
static void lane_facts(ks_kiosk_ui *k, struct ui_widget *panel)
{
    ks_lane_devices_status st;
    ks_lane_devices_status_get(k->c.lane_devices, &st);
    char text[192];
    lane_device_words(k, st.has_scanner, st.scanner.link == DEV_SCANNER_LINK_UP,
                      dev_scanner_fault_name(st.scanner.fault), text, sizeof text);
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_SCANNER), text, "scanner", k));
    lane_device_words(k, st.has_scale, st.scale.link == DEV_SCALE_LINK_UP,
                      dev_scale_fault_name(st.scale.fault), text, sizeof text);
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_SCALE), text, "scale", k));
    lane_device_words(k, st.has_bagging_scale, st.bagging_scale.link == DEV_SCALE_LINK_UP,
                      dev_scale_fault_name(st.bagging_scale.fault), text, sizeof text);
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_BAGGING_SCALE), text, "bagging-scale", k));
    ks_kit_int(k, (long)k->journey.basket_wipes, text, sizeof text);
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_BASKET_WIPES), text, "basket-wipes", k));
}

/* ZATCA reporting in words, shown only when the kiosk reports to ZATCA. */
static void zatca_fact(ks_kiosk_ui *k, const ks_staff_status *st, struct ui_widget *panel)
{
    int64_t count = 0;
    enum ks_zatca_link link =
        ks_staff_zatca_link(k->c.cfg->zatca_url[0] && k->c.delivery, &st->delivery.last, &count);
    if (link == KS_ZATCA_LINK_NOT_CONFIGURED)
        return;
    static const enum ks_str words[] = {
        [KS_ZATCA_LINK_OK] = KS_STR_DEVICE_OK,
        [KS_ZATCA_LINK_REFUSED] = KS_STR_ZATCA_REFUSED,
        [KS_ZATCA_LINK_OVERDUE] = KS_STR_ZATCA_OVERDUE,
        [KS_ZATCA_LINK_CREDENTIALS] = KS_STR_ZATCA_CREDENTIALS,
    };
    char number[32], text[160];
    ks_kit_int(k, (long)count, number, sizeof number);
    if (count > 0)
        snprintf(text, sizeof text, "%s: %s", ks_ui_str(k, words[link]), number);
    else
        snprintf(text, sizeof text, "%s", ks_ui_str(k, words[link]));
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_ZATCA_REPORTING), text, "zatca", k));
}

/* The business day's refunds given back, "2 · 12.00 SAR", when there are any. */
static void refunds_fact(ks_kiosk_ui *k, struct ui_widget *panel)
{
    char day[11], count[32], amount[KS_KIT_MONEY_CAP], text[sizeof count + sizeof amount + 8];
    ks_business_date(ks_ui_utc_now(k), k->c.cfg->utc_offset_min, k->c.cfg->business_day_start_min,
                     day);
    ks_day_report report;
    if (!k->c.db || ks_report_day(k->c.db, k->c.cfg->store_id, day, &report) != KS_DB_OK ||
        report.refunds == 0)
        return;
    ks_kit_int(k, (long)report.refunds, count, sizeof count);
    ks_kit_money(k, report.refunded_total, false, amount, sizeof amount);
    snprintf(text, sizeof text, "%s \xC2\xB7 %s", count, amount);
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_REFUNDS_TODAY), text, "refunds-today", k));
}

static struct ui_widget *status_panel(ks_kiosk_ui *k)
{
    struct ui_widget *panel = ui_column_new(12);
    ui_container_set_background(panel, UI_COLOR_SURFACE, 28);
    ui_widget_set_padding(panel, (struct ui_insets){24, 24, 32, 32});
    ks_staff_status st;
    ks_ui_staff_status(k, &st);
    char text[128];
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_PRINTER), ks_ui_str(k, printer_words[st.printer]),
                              "printer", k));
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_CARD_TERMINAL),
                              ks_ui_str(k, terminal_words[st.terminal]), "terminal", k));
    link_words(k, &st.delivery, text, sizeof text);
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_ORDER_DELIVERY), text, "delivery", k));
    zatca_fact(k, &st, panel);
    /* Unknown counts (no database, a read failure) show as a dash, never as a reassuring 0. */
    ks_kit_int(k, (long)st.unsent, text, sizeof text);
    ui_widget_add(
        panel, fact(ks_ui_str(k, KS_STR_UNSENT_ORDERS), st.unsent < 0 ? "–" : text, "unsent", k));
    ks_kit_int(k, (long)st.unprinted, text, sizeof text);
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_UNPRINTED_JOBS), st.unprinted < 0 ? "–" : text,
                              "unprinted", k));
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_MENU_VERSION), ks_catalog_version(k->c.catalog),
                              "menu-version", k));
    ui_widget_add(panel, fact(ks_ui_str(k, KS_STR_DATABASE), k->c.cfg->database, "database", k));
    refunds_fact(k, panel);
    if (k->basket)
        lane_facts(k, panel);
    static const enum ks_str summary_words[] = {
        [KS_SUMMARY_PRINTING] = KS_STR_SUMMARY_PRINTING,
        [KS_SUMMARY_PRINTED] = KS_STR_SUMMARY_PRINTED,
        [KS_SUMMARY_NOT_PRINTED] = KS_STR_SUMMARY_NOT_PRINTED,
    };
    /* Named by state, so that a script can wait for the printer's answer. */
    static const char *const summary_names[] = {
        [KS_SUMMARY_PRINTING] = "summary-printing",
        [KS_SUMMARY_PRINTED] = "summary-printed",
        [KS_SUMMARY_NOT_PRINTED] = "summary-not-printed",
    };
    if (k->summary != KS_SUMMARY_NOT_ASKED)
        ui_widget_add(panel,
                      fact(ks_ui_str(k, KS_STR_DAY_SUMMARY),
                           ks_ui_str(k, summary_words[k->summary]), summary_names[k->summary], k));
    return panel;
}

/* "Set by kiosk-02 · 14:05": who marked the item, where when not there, store-local time. */
static void marked_by(ks_kiosk_ui *k, const char *by, const char *where, int64_t at_utc, char *out,
                      size_t cap)
{
    ks_local_time at = ks_local_time_from_utc(at_utc, k->c.cfg->utc_offset_min);
    char who[2 * KS_MARK_ID_MAX + 8];
    if (strcmp(where, KS_MARK_KITCHEN) == 0)
        snprintf(who, sizeof who, "%s", ks_ui_str(k, KS_STR_THE_KITCHEN));
    else if (!where[0] || strcmp(where, by) == 0)
        snprintf(who, sizeof who, "%s", by);
    else
        snprintf(who, sizeof who, "%s (%s)", by, where);
    snprintf(out, cap, "%s %s \xC2\xB7 %02d:%02d", ks_ui_str(k, KS_STR_MARKED_BY), who,
             at.minute / 60, at.minute % 60);
}

static struct ui_widget *item_row(ks_kiosk_ui *k, const ks_item *item)
{
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *text = ui_widget_add(row, ui_column_new(2));
    ui_widget_set_size(text, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *name =
        ui_widget_add(text, ui_label_new_styled(ks_text_get(&item->name, ks_ui_lang(k)),
                                                UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT));
    ui_widget_set_size(name, UI_SIZE_FILL, UI_SIZE_AUTO);
    const char *by = "", *where = "";
    int64_t at = 0;
    bool marked = ks_soldout_item_who(k->soldout, item->id, &by, &where, &at);
    if (marked) {
        char line[300];
        marked_by(k, by, where, at, line, sizeof line);
        struct ui_widget *who = ui_widget_add(
            text, ui_label_new_styled(line, UI_TYPE_CAPTION, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        ui_widget_set_size(who, UI_SIZE_FILL, UI_SIZE_AUTO);
        ks_ui_name2(who, "sold-out-by", item->id);
    }
    bool sold_out = marked || item->sold_out;
    struct ui_widget *b = ui_widget_add(
        row, ui_button_new(ks_ui_str(k, sold_out ? KS_STR_SOLD_OUT : KS_STR_AVAILABLE),
                           sold_out ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY));
    ui_button_set_icon(b, sold_out ? UI_ICON_CLOSE : UI_ICON_CHECK);
    ui_widget_set_size(b, 300, UI_SIZE_AUTO);
    /* The menu file's own flag cannot be lifted here: only staff marks can. */
    ui_widget_set_enabled(b, !item->sold_out);
    ui_widget_set_user_data(b, (void *)item);
    ui_widget_on_click(b, on_sold_out, k);
    ks_ui_name2(b, "sold-out", item->id);
    return row;
}

static struct ui_widget *availability(ks_kiosk_ui *k)
{
    struct ui_widget *list = ui_column_new(8);
    ui_widget_set_padding(list, (struct ui_insets){8, 32, KS_KIT_MARGIN, KS_KIT_MARGIN});
    size_t n_cats, n_items;
    const ks_category *cats = ks_catalog_categories(k->c.catalog, &n_cats);
    const ks_item *items = ks_catalog_items(k->c.catalog, &n_items);
    for (size_t c = 0; c < n_cats; c++) {
        struct ui_widget *head = ui_widget_add(
            list, ui_label_new_styled(ks_text_get(&cats[c].name, ks_ui_lang(k)), UI_TYPE_HEADING,
                                      UI_FONT_BOLD, UI_COLOR_PRIMARY));
        ui_widget_set_margin(head, (struct ui_insets){20, 4, 0, 0});
        for (size_t i = 0; i < n_items; i++)
            if (items[i].category == &cats[c])
                ui_widget_add(list, item_row(k, &items[i]));
    }
    return list;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, 0, NULL));
    struct ui_widget *title = ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_STAFF_TITLE)));
    ui_label_set_align(title, UI_LABEL_ALIGN_START);
    struct ui_widget *top = ui_widget_add(body, ui_column_new(20));
    ui_widget_set_padding(top, (struct ui_insets){0, 12, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_add(top, status_panel(k));
    struct ui_widget *actions = ui_widget_add(top, ui_row_new(16));
    ui_widget_set_size(actions, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *reprint =
        ui_widget_add(actions, ui_button_new(ks_ui_str(k, KS_STR_REPRINT), UI_BUTTON_SECONDARY));
    ui_widget_set_size(reprint, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_on_click(reprint, on_reprint, k);
    ks_ui_name(reprint, "reprint");
    struct ui_widget *summary = ui_widget_add(
        actions, ui_button_new(ks_ui_str(k, KS_STR_PRINT_SUMMARY), UI_BUTTON_SECONDARY));
    ui_widget_set_size(summary, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_on_click(summary, on_print_summary, k);
    ks_ui_name(summary, "print-summary");
    /* Refunds need the database they are recorded in. */
    if (k->c.db) {
        struct ui_widget *refund = ui_widget_add(
            actions, ks_kit_event_button(k, ks_ui_str(k, KS_STR_REFUND), UI_BUTTON_SECONDARY,
                                         KS_EV_STAFF_REFUND, "refund"));
        ui_widget_set_size(refund, UI_SIZE_FILL, UI_SIZE_AUTO);
    }
    /* Closing the kiosk is a row of its own, apart from the printing actions. */
    bool closed = k->journey.closed;
    struct ui_widget *toggle = ui_widget_add(
        top, ks_kit_event_button(k, ks_ui_str(k, closed ? KS_STR_OPEN_KIOSK : KS_STR_CLOSE_KIOSK),
                                 UI_BUTTON_SECONDARY, closed ? KS_EV_STAFF_OPEN : KS_EV_STAFF_CLOSE,
                                 closed ? "open-kiosk" : "close-kiosk"));
    ui_widget_set_size(toggle, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *heading =
        ui_widget_add(body, ui_label_new_styled(ks_ui_str(k, KS_STR_SOLD_OUT_TITLE), UI_TYPE_TITLE,
                                                UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_padding(heading, (struct ui_insets){20, 0, KS_KIT_MARGIN, KS_KIT_MARGIN});
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(body, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_add(scroll, availability(k));
    struct ui_widget *bar = ui_widget_add(body, ui_row_new(20));
    ui_container_set_background(bar, UI_COLOR_SURFACE, 0);
    ui_widget_set_padding(bar, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_add(bar, ks_kit_fill());
    struct ui_widget *exit =
        ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_EXIT), UI_BUTTON_PRIMARY,
                                               KS_EV_STAFF_EXIT, "exit"));
    ui_widget_set_size(exit, 360, UI_SIZE_AUTO);
    return root;
}

const ks_screen_ops ks_screen_staff = {.build = build};
