/* Out of service (see kiosk/screens/out_of_service.h). */
#include "kiosk/screens/out_of_service.h"

#include "kiosk/screens/attract.h"
#include "kiosk/screens/kit.h"
#include "ui/w_container.h"

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *root = ui_column_new(32);
    ui_container_set_background(root, UI_COLOR_SURFACE_ALT, 0);
    ui_container_set_align(root, UI_ALIGN_CENTER);
    struct ui_widget *top = ui_widget_add(root, ui_row_new(0));
    ui_widget_set_size(top, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(top, (struct ui_insets){24, 0, 16, 16});
    ui_widget_add(top, ks_attract_corner(k, UI_COLOR_TEXT));
    ui_widget_add(root, ks_kit_fill());
    struct ui_widget *mark = ui_widget_add(root, ks_picto_new(KS_PICTO_CLOSED, 220));
    ks_picto_set_color(mark, UI_COLOR_DANGER);
    enum ks_lang first = ks_ui_lang(k), second = first == KS_LANG_AR ? KS_LANG_EN : KS_LANG_AR;
    enum ks_lang langs[2] = {first, second};
    for (int i = 0; i < 2; i++) {
        struct ui_widget *col = ui_widget_add(root, ui_column_new(12));
        ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_padding(col, (struct ui_insets){24, 0, 64, 64});
        ui_widget_add(col, ks_kit_centered(ks_str(KS_STR_OUT_OF_SERVICE, langs[i]),
                                           i == 0 ? UI_TYPE_DISPLAY : UI_TYPE_TITLE, UI_FONT_BOLD,
                                           UI_COLOR_TEXT));
        ui_widget_add(col, ks_kit_centered(ks_str(KS_STR_OUT_OF_SERVICE_SUB, langs[i]),
                                           i == 0 ? UI_TYPE_TITLE : UI_TYPE_HEADING,
                                           UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    }
    ui_widget_add(root, ks_kit_fill());
    return root;
}

const ks_screen_ops ks_screen_out_of_service = {.build = build, .leave = ks_attract_corner_leave};
