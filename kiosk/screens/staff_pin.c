/* The staff PIN screen (see kiosk/screens/staff_pin.h). */
#include "kiosk/screens/staff_pin.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"

#define PIN_MIN 4
#define PIN_MAX 8

/* Compares without stopping at the first difference, so timing says nothing of the PIN. */
static bool pin_equal(const char *typed, const char *pin)
{
    size_t a = strlen(typed), b = strlen(pin);
    unsigned diff = (unsigned)(a ^ b);
    for (size_t i = 0; i < PIN_MAX; i++)
        diff |= (unsigned)((i < a ? typed[i] : 0) ^ (i < b ? pin[i] : 0));
    return diff == 0;
}

static void on_ok(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    bool ok = pin_equal(ui_keypad_value(w), k->c.cfg->staff_pin);
    k->pin_wrong = !ok;
    ui_keypad_clear(w);
    ks_ui_send_event(k, (ks_event){.kind = KS_EV_PIN_ENTERED, .arg.pin_ok = ok});
    /* Too many wrong PINs: the journey has locked staff mode and left; say why. */
    if (k->now_ms < k->journey.pin_locked_until_ms)
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
    struct ui_widget *keypad =
        ui_widget_add(col, ui_keypad_new(UI_KEYPAD_PIN, PIN_MIN, PIN_MAX, ks_ui_str(k, KS_STR_OK)));
    ui_widget_set_size(keypad, 560, UI_SIZE_AUTO);
    ui_keypad_set_digits(keypad, ks_kit_digits(k));
    ui_widget_on_click(keypad, on_ok, k);
    ks_ui_name(keypad, "keypad");
    /* The keys, for scripts: "pin-0" .. "pin-9", "pin-back", "pin-ok". */
    struct ui_widget *keys = ui_widget_child(keypad, 1);
    static const char *const key_names[12] = {"pin-1", "pin-2",    "pin-3", "pin-4",
                                              "pin-5", "pin-6",    "pin-7", "pin-8",
                                              "pin-9", "pin-back", "pin-0", "pin-ok"};
    for (int i = 0; i < 12 && i < ui_widget_child_count(keys); i++)
        ks_ui_name(ui_widget_child(keys, i), key_names[i]);
    ui_widget_add(body, ks_kit_fill());
    return root;
}

static void leave(ks_kiosk_ui *k)
{
    k->pin_wrong = false;
}

const ks_screen_ops ks_screen_staff_pin = {.build = build, .leave = leave};
