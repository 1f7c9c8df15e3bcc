/*
 * The pieces every kiosk screen is built from, so that screens look alike
 * and stay short: money and numbers as the customer reads them, labels,
 * the screen frame with reach mode, the header (store name, back, cancel
 * order), the action bar at the bottom (with the reach-mode toggle), buttons
 * that send a journey event, and big choice tiles.
 *
 * Sizes are pixels of the 1080 x 1920 portrait screen; every touch target
 * is at least KS_KIT_TOUCH_MIN pixels on its shorter side (9 mm on a 32"
 * portrait screen).
 */
#ifndef KIOSK_SCREENS_KIT_H
#define KIOSK_SCREENS_KIT_H

#include <stddef.h>

#include "kiosk/screens/pictogram.h"
#include "kiosk/screens/screen.h"
#include "ui/digits.h"
#include "ui/font.h"
#include "ui/theme.h"
#include "ui/w_button.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"
#include "ui/widget.h"

#define KS_KIT_TOUCH_MIN 96
#define KS_KIT_MARGIN 40
/* Bytes that always hold ks_kit_money's text. */
#define KS_KIT_MONEY_CAP (KS_MONEY_FORMAT_CAP + 8)

/* The configured digits (Western or Arabic-Indic). */
enum ui_digits ks_kit_digits(const ks_kiosk_ui *k);

/*
 * amount as the customer reads it: grouped, in the configured digits, with
 * the language's currency sign ("18.50 SAR"; in Arabic "18.50 ⃁" as a
 * right-to-left paragraph, so that the sign sits left of the number
 * whatever surrounds it). signed_delta: a leading "+" for positive amounts
 * (option prices). out holds at least KS_KIT_MONEY_CAP bytes.
 */
void ks_kit_money(const ks_kiosk_ui *k, ks_money amount, bool signed_delta, char *out, size_t cap);

/* value in the configured digits. */
void ks_kit_int(const ks_kiosk_ui *k, long value, char *out, size_t cap);

/* A label like ui_label_new_styled, centred. */
struct ui_widget *ks_kit_centered(const char *text, enum ui_type_role type,
                                  enum ui_font_weight weight, enum ui_color_role color);
/* A price label (ks_kit_money), bold, on one line. */
struct ui_widget *ks_kit_price(const ks_kiosk_ui *k, ks_money amount, enum ui_type_role type,
                               enum ui_color_role color);

/* An empty widget taking the space left along its row or column. */
struct ui_widget *ks_kit_fill(void);

/*
 * The screen's root, and in *body the column to build into: the whole
 * screen, or in reach mode its lower half (the upper half shows a quiet
 * note). The body has the background colour and no padding.
 */
struct ui_widget *ks_kit_screen(ks_kiosk_ui *k, struct ui_widget **body);

enum {
    KS_KIT_HEADER_BACK = 1u << 0,       /* a back button sending KS_EV_BACK */
    KS_KIT_HEADER_START_OVER = 1u << 1, /* "cancel order" sending KS_EV_START_OVER */
};

/*
 * The header row: back (optional), the store's name, "cancel order"
 * (optional). back_fn (may be NULL: send KS_EV_BACK) is called with k for
 * the back button.
 */
struct ui_widget *ks_kit_header(ks_kiosk_ui *k, unsigned flags, ui_widget_fn back_fn);

/*
 * The action bar along the bottom (a surface row) with the reach-mode
 * toggle on its start side; add the screen's buttons to it.
 */
struct ui_widget *ks_kit_action_bar(ks_kiosk_ui *k);

/* A button with text that sends a journey event of kind; registered as name (may be NULL). */
struct ui_widget *ks_kit_event_button(ks_kiosk_ui *k, const char *text, enum ui_button_style style,
                                      enum ks_event_kind kind, const char *name);

/*
 * A large choice tile on a white card: a pictogram above a title and a
 * subtitle (NULL: none). The card is one button calling fn(button, user)
 * on a tap, with data as its user data; registered as name (may be NULL).
 * Returns the card to add to a container.
 */
struct ui_widget *ks_kit_tile(ks_kiosk_ui *k, enum ks_picto picto, const char *title,
                              const char *subtitle, ui_widget_fn fn, void *data, const char *name);

/*
 * A digit keypad (ui/w_keypad.h) of width px in the configured digits,
 * calling fn(keypad, k) on OK; named prefix ("pin" ...), its keys
 * prefix-0 .. prefix-9, prefix-back and prefix-ok, for scripts.
 */
struct ui_widget *ks_kit_keypad(ks_kiosk_ui *k, enum ui_keypad_mode mode, int min_digits,
                                int max_digits, int px, const char *prefix, ui_widget_fn fn);
/* A title line for the top of a screen's content, centred. */
struct ui_widget *ks_kit_title(const char *text);

#endif
