/* Keyboard-wedge barcode scanner decoding: see devices/scanner/scanner_wedge.h. */
#include "devices/scanner/scanner_wedge.h"

#include <linux/input-event-codes.h>
#include <string.h>

#define DEFAULT_TIMEOUT_MS 100

/* US layout, unshifted and shifted, indexed by KEY_* code; 0 = not printable. */
static const char keymap[][2] = {
    [KEY_1] = {'1', '!'},          [KEY_2] = {'2', '@'},           [KEY_3] = {'3', '#'},
    [KEY_4] = {'4', '$'},          [KEY_5] = {'5', '%'},           [KEY_6] = {'6', '^'},
    [KEY_7] = {'7', '&'},          [KEY_8] = {'8', '*'},           [KEY_9] = {'9', '('},
    [KEY_0] = {'0', ')'},          [KEY_MINUS] = {'-', '_'},       [KEY_EQUAL] = {'=', '+'},
    [KEY_Q] = {'q', 'Q'},          [KEY_W] = {'w', 'W'},           [KEY_E] = {'e', 'E'},
    [KEY_R] = {'r', 'R'},          [KEY_T] = {'t', 'T'},           [KEY_Y] = {'y', 'Y'},
    [KEY_U] = {'u', 'U'},          [KEY_I] = {'i', 'I'},           [KEY_O] = {'o', 'O'},
    [KEY_P] = {'p', 'P'},          [KEY_LEFTBRACE] = {'[', '{'},   [KEY_RIGHTBRACE] = {']', '}'},
    [KEY_A] = {'a', 'A'},          [KEY_S] = {'s', 'S'},           [KEY_D] = {'d', 'D'},
    [KEY_F] = {'f', 'F'},          [KEY_G] = {'g', 'G'},           [KEY_H] = {'h', 'H'},
    [KEY_J] = {'j', 'J'},          [KEY_K] = {'k', 'K'},           [KEY_L] = {'l', 'L'},
    [KEY_SEMICOLON] = {';', ':'},  [KEY_APOSTROPHE] = {'\'', '"'}, [KEY_GRAVE] = {'`', '~'},
    [KEY_BACKSLASH] = {'\\', '|'}, [KEY_Z] = {'z', 'Z'},           [KEY_X] = {'x', 'X'},
    [KEY_C] = {'c', 'C'},          [KEY_V] = {'v', 'V'},           [KEY_B] = {'b', 'B'},
    [KEY_N] = {'n', 'N'},          [KEY_M] = {'m', 'M'},           [KEY_COMMA] = {',', '<'},
    [KEY_DOT] = {'.', '>'},        [KEY_SLASH] = {'/', '?'},       [KEY_SPACE] = {' ', ' '},
};

char dev_scanner_wedge_char(uint16_t key, bool shift)
{
    if (key >= sizeof(keymap) / sizeof(keymap[0]))
        return 0;
    return keymap[key][shift ? 1 : 0];
}

void dev_scanner_wedge_init(struct dev_scanner_wedge *w,
                            const struct dev_scanner_wedge_config *config)
{
    memset(w, 0, sizeof(*w));
    if (config)
        w->config = *config;
    if (w->config.terminator_key == 0)
        w->config.terminator_key = KEY_ENTER;
    if (w->config.timeout_ms == 0)
        w->config.timeout_ms = DEFAULT_TIMEOUT_MS;
    if (w->config.max_len == 0 || w->config.max_len > DEV_SCANNER_CODE_MAX)
        w->config.max_len = DEV_SCANNER_CODE_MAX;
}

static void reset_code(struct dev_scanner_wedge *w)
{
    w->len = 0;
    w->too_long = false;
    w->garbage = false;
}

static bool is_terminator(const struct dev_scanner_wedge *w, uint16_t key)
{
    return key == w->config.terminator_key ||
           (w->config.terminator_key == KEY_ENTER && key == KEY_KPENTER);
}

static void end_code(struct dev_scanner_wedge *w, dev_scanner_code_fn on_code, void *user)
{
    if (w->too_long)
        w->stats.too_long++;
    else if (w->garbage)
        w->stats.garbage++;
    else if (w->len > 0) {
        w->stats.codes++;
        w->code[w->len] = '\0';
        if (on_code)
            on_code(user, w->code, w->len);
    }
    reset_code(w);
}

void dev_scanner_wedge_key(struct dev_scanner_wedge *w, uint16_t key, int32_t value,
                           uint64_t time_ms, dev_scanner_code_fn on_code, void *user)
{
    if (key == KEY_LEFTSHIFT || key == KEY_RIGHTSHIFT) {
        if (value == 2)
            return;
        bool *held = key == KEY_LEFTSHIFT ? &w->shift_left : &w->shift_right;
        *held = value != 0;
        return;
    }
    if (value != 1 || key == KEY_CAPSLOCK)
        return;
    bool pending = w->len > 0 || w->too_long || w->garbage;
    /* unsigned difference: a clock that went backwards also counts as a gap */
    if (pending && time_ms - w->last_press_ms > w->config.timeout_ms) {
        w->stats.timeouts++;
        reset_code(w);
    }
    w->last_press_ms = time_ms;
    if (is_terminator(w, key)) {
        end_code(w, on_code, user);
        return;
    }
    char c = dev_scanner_wedge_char(key, w->shift_left || w->shift_right);
    if (c == 0)
        w->garbage = true;
    else if (w->len >= w->config.max_len)
        w->too_long = true;
    else
        w->code[w->len++] = c;
}
