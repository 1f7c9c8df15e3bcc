/*
 * One input path for touch, mouse and keyboard. SDL finger and mouse
 * events become pointer down, move and up; a keyboard (a bump bar or a
 * keypad is one) moves focus with the arrows and Tab and activates with
 * Enter. Then, the same for every source:
 *
 *   - a press lands on the deepest pressable widget under the pointer (a
 *     disabled one takes nothing), which looks pressed while the pointer
 *     stays on it; releasing there is a click;
 *   - holding still for the long-press time sends a long press instead;
 *   - moving further than the drag threshold inside a scroll view turns the
 *     press into a drag; on release the view keeps moving with the finger's
 *     velocity (from the last 100 ms of samples) and slows exponentially,
 *     stopping at its ends (ui/w_scroll.h);
 *   - while a modal dialog is open, only it gets input.
 *
 * Time is given with every call (now_ms), never read.
 */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL2/SDL.h>

struct ui_tree;

enum ui_key {
    UI_KEY_NONE,
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_TAB,
    UI_KEY_BACKTAB, /* Shift+Tab */
    UI_KEY_ENTER,
    UI_KEY_ESCAPE,
    UI_KEY_BACKSPACE,
    UI_KEY_0, /* UI_KEY_0 + n is digit n */
    UI_KEY_9 = UI_KEY_0 + 9,
};

enum ui_pointer_phase {
    UI_POINTER_DOWN,
    UI_POINTER_MOVE,
    UI_POINTER_UP,
    UI_POINTER_CANCEL, /* the touch was taken away (e.g. the window lost it) */
};

struct ui_input_config {
    int long_press_ms;     /* hold time of a long press; default 600 */
    int drag_threshold_px; /* movement that turns a tap into a drag; default 16 */
    int fling_time_ms;     /* time constant of the fling's exponential decay; default 325 */
    int min_fling_speed;   /* pixels per second below which a release does not fling; default 60 */
    int max_overscroll_px; /* how far a drag may pull past an end (at half speed); default 120 */
};

/* The default values above. */
void ui_input_config_defaults(struct ui_input_config *cfg);

/* Replaces the tree's input settings (values <= 0 take the defaults). */
void ui_input_set_config(struct ui_tree *tree, const struct ui_input_config *cfg);

/* A pointer (one finger or the mouse's left button) at (x, y) tree pixels. */
void ui_input_pointer(struct ui_tree *tree, enum ui_pointer_phase phase, int x, int y,
                      uint64_t now_ms);

/*
 * A finger or the mouse button is down on the tree (a press or a drag under
 * way): a screen rebuilt now would lose it, so a live screen waits.
 */
bool ui_input_pointer_down(const struct ui_tree *tree);

/* A key press. */
void ui_input_key(struct ui_tree *tree, enum ui_key key, uint64_t now_ms);

/*
 * Feeds an SDL event: fingers (the first finger down only; coordinates
 * scaled to the tree), the mouse's left button (mouse events SDL makes up
 * from touches are skipped), and keys. Returns true when the event was
 * input for the tree.
 */
bool ui_input_sdl_event(struct ui_tree *tree, const SDL_Event *ev, uint64_t now_ms);

/* The SDL key as a ui key (Shift makes Tab BACKTAB), UI_KEY_NONE if none. */
enum ui_key ui_input_key_from_sdl(SDL_Keycode sym, Uint16 mod);

#endif
