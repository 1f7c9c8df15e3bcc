/* A counted line's quantity on a keypad (see kiosk/screens/quantity.h). */
#include "kiosk/screens/quantity.h"

#include <stdlib.h>

#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"

static void on_ok(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    char *end;
    long count = strtol(ui_keypad_value(w), &end, 10);
    bool whole = end != ui_keypad_value(w) && *end == '\0';
    ui_keypad_clear(w);
    if (whole && count >= 1 && count <= KS_CART_MAX_COUNT)
        ks_lane_set_quantity(k, (int32_t)count);
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK, NULL));
    struct ui_widget *col = ui_widget_add(body, ui_column_new(24));
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(col, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    const ks_cart_line *line = ks_cart_find(ks_ui_cart(k), k->lane.chosen);
    if (line) {
        ui_widget_add(col, ks_kit_centered(ks_text_get(&line->item->name, ks_ui_lang(k)),
                                           UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_TEXT));
        char now[16];
        ks_kit_int(k, line->quantity, now, sizeof now);
        ks_ui_name(
            ui_widget_add(col, ks_kit_centered(now, UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT)),
            "current-quantity");
    }
    ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_QUANTITY), UI_TYPE_HEADING, UI_FONT_BOLD,
                                       UI_COLOR_TEXT_MUTED));
    ui_widget_add(col, ks_kit_keypad(k, UI_KEYPAD_PHONE, 1, 2, 560, "qty", on_ok));
    return root;
}

const ks_screen_ops ks_screen_quantity = {.build = build};
