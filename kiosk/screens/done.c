/* The done screen (see kiosk/screens/done.h). */
#include "kiosk/screens/done.h"

#include <stdio.h>

#include "kiosk/common/outgoing_url.h"
#include "kiosk/screens/big_text.h"
#include "kiosk/screens/kit.h"
#include "kiosk/screens/qr_widget.h"
#include "ui/w_container.h"
#include "ui/w_icon.h"
#include "ui/w_label.h"

static struct ui_widget *number_card(ks_kiosk_ui *k)
{
    struct ui_widget *card = ui_column_new(0);
    ui_container_set_background(card, UI_COLOR_SURFACE, 36);
    ui_widget_set_padding(card, (struct ui_insets){32, 24, 80, 80});
    ui_widget_set_min_size(card, 640, 0);
    ui_container_set_align(card, UI_ALIGN_CENTER);
    ui_widget_add(card, ks_kit_centered(ks_ui_str(k, KS_STR_ORDER_NUMBER), UI_TYPE_TITLE,
                                        UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    char number[32];
    ks_kit_int(k, k->order->number, number, sizeof number);
    ks_ui_name(ui_widget_add(
                   card, ks_big_text_new(number, k->session.reach ? 150 : 220, UI_COLOR_PRIMARY)),
               "order-number");
    ui_widget_add(card, ks_kit_centered(ks_ui_str(k, k->order->service == KS_SERVICE_TAKEAWAY
                                                         ? KS_STR_TAKEAWAY
                                                         : KS_STR_DINE_IN),
                                        UI_TYPE_HEADING, UI_FONT_BOLD, UI_COLOR_TEXT));
    return card;
}

static struct ui_widget *receipt_row(ks_kiosk_ui *k)
{
    struct ui_widget *row = ui_row_new(32);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(row, (struct ui_insets){0, 0, 64, 64});
    struct ui_widget *paper = ui_widget_add(
        row, ks_picto_new(k->session.counter ? KS_PICTO_CASH : KS_PICTO_RECEIPT, 120));
    if (k->session.receipt_failed)
        ks_picto_set_color(paper, UI_COLOR_DANGER);
    struct ui_widget *text = ui_widget_add(row, ui_column_new(16));
    ui_widget_set_size(text, UI_SIZE_FILL, UI_SIZE_AUTO);
    enum ks_str first = k->session.counter          ? KS_STR_PAY_AT_COUNTER_NOW
                        : k->session.receipt_failed ? KS_STR_ASK_STAFF
                                                    : KS_STR_TAKE_RECEIPT;
    struct ui_widget *l = ui_widget_add(
        text, ui_label_new_styled(ks_ui_str(k, first), UI_TYPE_TITLE, UI_FONT_BOLD,
                                  k->session.receipt_failed ? UI_COLOR_DANGER : UI_COLOR_TEXT));
    ks_ui_name(l, "receipt-note");
    ui_widget_add(text, ui_label_new_styled(ks_ui_str(k, KS_STR_CALL_NUMBER), UI_TYPE_BODY,
                                            UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    /* The e-receipt: [network] receipt_url + the order's token (the backend's GET /r/<token>). */
    const char *base = k->c.cfg->receipt_url;
    if (!k->session.counter && base[0] && k->order->receipt_token[0]) {
        struct ui_widget *qr_col = ui_widget_add(row, ui_column_new(8));
        ui_container_set_align(qr_col, UI_ALIGN_CENTER);
        char url[KS_URL_MAX + KS_RECEIPT_TOKEN_LEN + 1];
        snprintf(url, sizeof url, "%s%s", base, k->order->receipt_token);
        ks_ui_name(ui_widget_add(qr_col, ks_qr_new(url, k->session.reach ? 180 : 240)),
                   "e-receipt");
        struct ui_widget *caption =
            ui_widget_add(qr_col, ks_kit_centered(ks_ui_str(k, KS_STR_E_RECEIPT), UI_TYPE_CAPTION,
                                                  UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        ui_widget_set_size(caption, 260, UI_SIZE_AUTO);
    }
    return row;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_container_set_align(body, UI_ALIGN_CENTER);
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *mark = ui_widget_add(body, ui_icon_new(UI_ICON_CHECK, 140));
    ui_icon_set_disc(mark, UI_COLOR_SUCCESS);
    ui_icon_set_color(mark, UI_COLOR_ON_PRIMARY);
    ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_THANK_YOU)));
    if (k->order && !k->session.order_failed) {
        ui_widget_add(body, number_card(k));
        ui_widget_add(body, ks_kit_fill());
        ui_widget_add(body, receipt_row(k));
    } else {
        struct ui_widget *help =
            ui_widget_add(body, ks_kit_centered(ks_ui_str(k, KS_STR_ASK_STAFF), UI_TYPE_TITLE,
                                                UI_FONT_BOLD, UI_COLOR_DANGER));
        ui_widget_set_size(help, UI_SIZE_FILL, UI_SIZE_AUTO);
    }
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *bar = ui_widget_add(body, ks_kit_action_bar(k));
    ui_widget_set_size(bar, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(bar, ks_kit_fill());
    struct ui_widget *finish =
        ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_FINISH), UI_BUTTON_PRIMARY,
                                               KS_EV_START, "finish"));
    ui_widget_set_size(finish, 420, UI_SIZE_AUTO);
    return root;
}

const ks_screen_ops ks_screen_done = {.build = build};
