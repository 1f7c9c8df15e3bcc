/* The printing screen (see kiosk/screens/printing.h). */
#include "kiosk/screens/printing.h"

#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_spinner.h"

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_container_set_align(body, UI_ALIGN_CENTER);
    ui_container_set_justify(body, UI_JUSTIFY_CENTER);
    ui_widget_set_padding(body, (struct ui_insets){0, 0, 64, 64});
    ui_container_set_gap(body, 40);
    ui_widget_add(body, ks_picto_new(KS_PICTO_PRINTER, k->session.reach ? 160 : 280));
    ui_widget_add(body, ui_spinner_new(120));
    struct ui_widget *title = ui_widget_add(
        body,
        ks_kit_centered(ks_ui_str(k, k->session.counter ? KS_STR_PRINTING_TICKET : KS_STR_PRINTING),
                        UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_size(title, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(body, ks_kit_centered(ks_ui_str(k, KS_STR_PLEASE_WAIT), UI_TYPE_HEADING,
                                        UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    return root;
}

const ks_screen_ops ks_screen_printing = {.build = build};
