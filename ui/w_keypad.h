/*
 * An on-screen keypad for digits: a display above a 3 x 4 grid of keys
 * (1-9, backspace, 0, OK). In PIN mode the display shows a dot per digit
 * (filled as they are typed); in phone mode it shows the digits. Keys may
 * be labelled in Arabic-Indic digits; the value is always ASCII. The grid
 * keeps the telephone order in right-to-left screens too, as phones do.
 *
 * Every change calls the keypad's on_change; OK (enabled once at least
 * min_digits are typed) calls its on_click. A physical keypad's digits and
 * backspace reach it through the keyboard path.
 */
#ifndef UI_W_KEYPAD_H
#define UI_W_KEYPAD_H

#include "ui/digits.h"
#include "ui/widget.h"

#define UI_KEYPAD_MAX_DIGITS 20

enum ui_keypad_mode {
    UI_KEYPAD_PIN,
    UI_KEYPAD_PHONE,
};

/*
 * A keypad taking min_digits..max_digits digits (1 <= min <= max <=
 * UI_KEYPAD_MAX_DIGITS), its OK key labelled ok_text (copied; NULL: a
 * check mark). NULL on bad limits or error.
 */
struct ui_widget *ui_keypad_new(enum ui_keypad_mode mode, int min_digits, int max_digits,
                                const char *ok_text);

/* The digits typed, ASCII, borrowed until the next change; NULL when w is not a keypad. */
const char *ui_keypad_value(const struct ui_widget *w);
void ui_keypad_clear(struct ui_widget *w);
void ui_keypad_set_digits(struct ui_widget *w, enum ui_digits digits);

#endif
