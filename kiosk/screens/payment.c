/* The payment screens (see kiosk/screens/payment.h). */
#include "kiosk/screens/payment.h"

#include <stdint.h>

#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_icon.h"
#include "ui/w_label.h"
#include "ui/w_spinner.h"

static ks_money amount_due(ks_kiosk_ui *k)
{
    if (k->order)
        return k->order->total;
    const ks_pricing *p = ks_ui_pricing(k);
    return p ? p->total : 0;
}

static void on_method(struct ui_widget *w, void *user)
{
    ks_ui_send(user, (enum ks_event_kind)(uintptr_t)ui_widget_user_data(w));
}

/* "Amount to pay" over the amount, centred. */
static struct ui_widget *amount_block(ks_kiosk_ui *k)
{
    struct ui_widget *col = ui_column_new(4);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_AMOUNT_DUE), UI_TYPE_HEADING,
                                       UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    struct ui_widget *amount =
        ui_widget_add(col, ks_kit_price(k, amount_due(k), UI_TYPE_DISPLAY, UI_COLOR_TEXT));
    ui_label_set_align(amount, UI_LABEL_ALIGN_CENTER);
    ks_ui_name(amount, "amount");
    return col;
}

static void build_choice(ks_kiosk_ui *k, struct ui_widget *body)
{
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK | KS_KIT_HEADER_START_OVER, NULL));
    ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_HOW_TO_PAY)));
    ui_widget_add(body, amount_block(k));
    struct ui_widget *tiles = ui_widget_add(body, ui_column_new(28));
    ui_widget_set_size(tiles, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(tiles, (struct ui_insets){40, 40, KS_KIT_MARGIN, KS_KIT_MARGIN});
    struct ui_widget *card =
        ui_widget_add(tiles, ks_kit_tile(k, KS_PICTO_CARD, ks_ui_str(k, KS_STR_PAY_CARD),
                                         ks_ui_str(k, KS_STR_PAY_CARD_SUB), on_method,
                                         (void *)(uintptr_t)KS_EV_PAY_CARD, "pay-card"));
    ui_widget_set_size(card, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *counter =
        ui_widget_add(tiles, ks_kit_tile(k, KS_PICTO_CASH, ks_ui_str(k, KS_STR_PAY_COUNTER),
                                         ks_ui_str(k, KS_STR_PAY_COUNTER_SUB), on_method,
                                         (void *)(uintptr_t)KS_EV_PAY_AT_COUNTER, "pay-counter"));
    ui_widget_set_size(counter, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_add(body, ks_kit_action_bar(k));
}

static void build_waiting(ks_kiosk_ui *k, struct ui_widget *body, bool aborting)
{
    ui_widget_add(body, ks_kit_header(k, 0, NULL));
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *col = ui_widget_add(body, ui_column_new(36));
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_padding(col, (struct ui_insets){0, 0, KS_KIT_MARGIN, KS_KIT_MARGIN});
    struct ui_widget *title = ui_widget_add(
        col, ks_kit_centered(ks_ui_str(k, aborting ? KS_STR_CANCELLING : KS_STR_INSERT_CARD),
                             UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_size(title, UI_SIZE_FILL, UI_SIZE_AUTO);
    if (aborting)
        ui_widget_add(col, ui_spinner_new(160));
    else
        ui_widget_add(col, ks_picto_new(KS_PICTO_TERMINAL, k->session.reach ? 200 : 360));
    ui_widget_add(col, amount_block(k));
    struct ui_widget *hint =
        ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_FOLLOW_TERMINAL), UI_TYPE_HEADING,
                                           UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    ui_widget_set_size(hint, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *bar = ui_widget_add(body, ks_kit_action_bar(k));
    ui_widget_add(bar, ks_kit_fill());
    struct ui_widget *cancel =
        ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_CANCEL), UI_BUTTON_SECONDARY,
                                               KS_EV_CANCEL_PAYMENT, "cancel-payment"));
    ui_widget_set_size(cancel, 420, UI_SIZE_AUTO);
    ui_widget_set_enabled(cancel, !aborting);
}

static void build_declined(ks_kiosk_ui *k, struct ui_widget *body)
{
    ui_widget_add(body, ks_kit_header(k, 0, NULL));
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *col = ui_widget_add(body, ui_column_new(28));
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_padding(col, (struct ui_insets){0, 0, 64, 64});
    struct ui_widget *mark = ui_widget_add(col, ui_icon_new(UI_ICON_CLOSE, 200));
    ui_icon_set_disc(mark, UI_COLOR_DANGER);
    ui_icon_set_color(mark, UI_COLOR_ON_PRIMARY);
    struct ui_widget *title =
        ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_DECLINED), UI_TYPE_DISPLAY,
                                           UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_size(title, UI_SIZE_FILL, UI_SIZE_AUTO);
    struct ui_widget *why =
        ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_DECLINED_SUB), UI_TYPE_HEADING,
                                           UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    ui_widget_set_size(why, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(col, amount_block(k));
    ui_widget_add(body, ks_kit_fill());

    struct ui_widget *ways = ui_widget_add(body, ui_column_new(20));
    ui_widget_set_size(ways, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(ways, (struct ui_insets){0, 28, KS_KIT_MARGIN, KS_KIT_MARGIN});
    struct ui_widget *retry =
        ui_widget_add(ways, ks_kit_event_button(k, ks_ui_str(k, KS_STR_TRY_AGAIN),
                                                UI_BUTTON_PRIMARY, KS_EV_PAY_CARD, "retry"));
    ui_widget_set_min_size(retry, 0, 120);
    if (k->rules.pay_at_counter)
        ui_widget_add(ways,
                      ks_kit_event_button(k, ks_ui_str(k, KS_STR_PAY_COUNTER), UI_BUTTON_SECONDARY,
                                          KS_EV_PAY_AT_COUNTER, "pay-counter"));
    struct ui_widget *bar = ui_widget_add(body, ks_kit_action_bar(k));
    struct ui_widget *back =
        ui_widget_add(bar, ks_kit_event_button(k, ks_ui_str(k, KS_STR_BACK_TO_ORDER),
                                               UI_BUTTON_GHOST, KS_EV_BACK, "back-to-order"));
    ui_button_set_icon(back, UI_ICON_ARROW_BACK);
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    switch (k->journey.payment) {
    case KS_PAY_PHASE_IDLE:
        build_choice(k, body);
        break;
    case KS_PAY_PHASE_WAITING:
    case KS_PAY_PHASE_ABORTING:
        build_waiting(k, body, k->journey.payment == KS_PAY_PHASE_ABORTING);
        break;
    case KS_PAY_PHASE_DECLINED:
        build_declined(k, body);
        break;
    }
    return root;
}

const ks_screen_ops ks_screen_payment = {.build = build};
