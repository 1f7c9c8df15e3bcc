/* The staff PIN screen (see kiosk/screens/staff_pin.h). */
#include "kiosk/screens/staff_pin.h"

#include <stdio.h>

#include "kiosk/screens/kit.h"
#include "kiosk/screens/staff_access.h"
#include "ui/w_container.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"

static void on_ok(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    bool ok = ks_staff_pin_try(k, ui_keypad_value(w), "staff-pin");
    k->pin_wrong = !ok;
    ui_keypad_clear(w);
    /* Too many wrong PINs: the journey has locked staff mode and left; say why. */
    if (ks_staff_locked(k))
        ks_ui_toast(k, ks_ui_str(k, KS_STR_PIN_LOCKED));
    ks_ui_refresh(k);
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK, NULL));
    ui_widget_add(body, ks_kit_fill());
    struct ui_widget *col = ui_widget_add(body, ui_column_new(24));
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(col, ks_picto_new(KS_PICTO_LOCK, 120));
    ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_STAFF_ACCESS), UI_TYPE_DISPLAY,
                                       UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_add(col,
                  ks_kit_centered(ks_ui_str(k, k->pin_wrong ? KS_STR_WRONG_PIN : KS_STR_ENTER_PIN),
                                  UI_TYPE_HEADING, UI_FONT_BOLD,
                                  k->pin_wrong ? UI_COLOR_DANGER : UI_COLOR_TEXT_MUTED));
    ui_widget_add(col, ks_staff_pin_pad(k, on_ok));
    ui_widget_add(body, ks_kit_fill());
    return root;
}

struct ui_widget *ks_staff_pin_pad(ks_kiosk_ui *k, ui_widget_fn fn)
{
    /* Keys for scripts: "pin-0" .. "pin-9", "pin-back", "pin-ok"; the keypad is "keypad". */
    struct ui_widget *pad =
        ks_kit_keypad(k, UI_KEYPAD_PIN, KS_STAFF_PIN_MIN, KS_STAFF_PIN_MAX, 560, "pin", fn);
    ks_ui_name(pad, "keypad");
    return pad;
}

static void leave(ks_kiosk_ui *k)
{
    k->pin_wrong = false;
}

const ks_screen_ops ks_screen_staff_pin = {.build = build, .leave = leave};
