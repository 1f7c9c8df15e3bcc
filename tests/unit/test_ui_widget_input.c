/*
 * The input path with injected time: taps, sliding off, long press,
 * disabled widgets, drags and kinetic scrolling at given times, rubber
 * banding, keyboard focus traversal (Tab order and arrows by position,
 * mirrored in right-to-left), modal dialogs trapping input, toasts
 * letting it through, widgets found by the names they carry.
 */
#include "tests/support/check.h"
#include "tests/support/ui_fixture.h"

#include <stdio.h>

#include "ui/input.h"
#include "ui/tree.h"
#include "ui/w_button.h"
#include "ui/w_container.h"
#include "ui/w_dialog.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/w_stepper.h"
#include "ui/w_toast.h"
#include "ui/widget.h"

static int clicks, long_presses;
static struct ui_widget *last_clicked;

static void count_click(struct ui_widget *w, void *user)
{
    clicks++;
    last_clicked = w;
}

static void count_long_press(struct ui_widget *w, void *user)
{
    long_presses++;
}

static int changes;

static void count_change(struct ui_widget *w, void *user)
{
    changes++;
}

static void count_named(struct ui_widget *w, const char *name, void *ctx)
{
    (void)w;
    (void)name;
    ++*(int *)ctx;
}

static void reset_counts(void)
{
    clicks = long_presses = 0;
    last_clicked = NULL;
}

static struct ui_widget *button(struct ui_widget *parent, const char *label, int w, int h)
{
    struct ui_widget *b = ui_widget_add(parent, ui_button_new(label, UI_BUTTON_PRIMARY));
    ui_widget_set_size(b, w, h);
    ui_widget_on_click(b, count_click, NULL);
    return b;
}

static SDL_Point centre(const struct ui_widget *w)
{
    SDL_Rect r = ui_widget_rect(w);
    return (SDL_Point){r.x + r.w / 2, r.y + r.h / 2};
}

static void tap(struct ui_tree *t, const struct ui_widget *w, uint64_t at)
{
    SDL_Point p = centre(w);
    ui_input_pointer(t, UI_POINTER_DOWN, p.x, p.y, at);
    ui_input_pointer(t, UI_POINTER_UP, p.x, p.y, at + 80);
}

static void test_tap_clicks(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *a = button(root, "A", 200, 100);
    struct ui_tree *t = ui_fixture_tree(root, 400, 100, UI_DIR_LTR);
    CHECK(t != NULL);
    ui_input_pointer(t, UI_POINTER_DOWN, 100, 50, 1000);
    CHECK(ui_widget_is_pressed(a));
    CHECK_EQ_INT(clicks, 0);
    /* A small movement (under the 16 px threshold) is still a tap. */
    ui_input_pointer(t, UI_POINTER_MOVE, 110, 45, 1040);
    ui_input_pointer(t, UI_POINTER_UP, 110, 45, 1080);
    CHECK(!ui_widget_is_pressed(a));
    CHECK_EQ_INT(clicks, 1);
    CHECK(last_clicked == a);
    /* Outside any button: nothing. */
    tap(t, root, 2000);
    CHECK_EQ_INT(clicks, 1);
    ui_tree_free(t);
}

static void test_slide_off_cancels(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *a = button(root, "A", 200, 100);
    struct ui_tree *t = ui_fixture_tree(root, 400, 100, UI_DIR_LTR);
    CHECK(t != NULL);
    ui_input_pointer(t, UI_POINTER_DOWN, 100, 50, 0);
    ui_input_pointer(t, UI_POINTER_MOVE, 300, 50, 50);
    CHECK(!ui_widget_is_pressed(a));
    ui_input_pointer(t, UI_POINTER_MOVE, 150, 50, 100); /* back on it: pressed again */
    CHECK(ui_widget_is_pressed(a));
    ui_input_pointer(t, UI_POINTER_MOVE, 300, 50, 150);
    ui_input_pointer(t, UI_POINTER_UP, 300, 50, 200);
    CHECK_EQ_INT(clicks, 0);
    ui_tree_free(t);
}

static void test_long_press(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *a = button(root, "A", 200, 100);
    struct ui_widget *b = button(root, "B", 200, 100);
    ui_widget_on_long_press(a, count_long_press, NULL);
    struct ui_tree *t = ui_fixture_tree(root, 400, 100, UI_DIR_LTR);
    CHECK(t != NULL);
    struct ui_input_config cfg = {.long_press_ms = 500};
    ui_input_set_config(t, &cfg);
    ui_input_pointer(t, UI_POINTER_DOWN, 100, 50, 1000);
    ui_tree_update(t, 1499);
    CHECK_EQ_INT(long_presses, 0);
    ui_tree_update(t, 1500);
    CHECK_EQ_INT(long_presses, 1);
    ui_tree_update(t, 1600);
    CHECK_EQ_INT(long_presses, 1); /* once per press */
    ui_input_pointer(t, UI_POINTER_UP, 100, 50, 1700);
    CHECK_EQ_INT(clicks, 0); /* a handled long press is not also a click */
    /* Without a long-press handler, holding long still clicks on release. */
    ui_input_pointer(t, UI_POINTER_DOWN, 300, 50, 2000);
    ui_tree_update(t, 3000);
    ui_input_pointer(t, UI_POINTER_UP, 300, 50, 3000);
    CHECK_EQ_INT(clicks, 1);
    CHECK(last_clicked == b);
    ui_tree_free(t);
}

static void test_disabled_ignores_input(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *a = button(root, "A", 200, 100);
    struct ui_widget *group = ui_widget_add(root, ui_row_new(0));
    struct ui_widget *b = button(group, "B", 200, 100);
    struct ui_tree *t = ui_fixture_tree(root, 400, 100, UI_DIR_LTR);
    CHECK(t != NULL);
    ui_widget_set_enabled(a, false);
    ui_widget_set_enabled(group, false); /* b is disabled through its parent */
    CHECK(!ui_widget_is_enabled(b));
    ui_input_pointer(t, UI_POINTER_DOWN, 100, 50, 0);
    CHECK(!ui_widget_is_pressed(a));
    ui_input_pointer(t, UI_POINTER_UP, 100, 50, 50);
    tap(t, b, 100);
    CHECK_EQ_INT(clicks, 0);
    /* Keyboard focus skips them too, and Enter does nothing. */
    ui_input_key(t, UI_KEY_TAB, 200);
    CHECK(ui_tree_focus(t) == NULL);
    ui_input_key(t, UI_KEY_ENTER, 210);
    CHECK_EQ_INT(clicks, 0);
    ui_widget_set_enabled(a, true);
    tap(t, a, 300);
    CHECK_EQ_INT(clicks, 1);
    ui_tree_free(t);
}

/*
 * A 300 x 500 scroll view over 20 rows 100 high: max offset 2000 - 500 =
 * 1500. Rows are buttons, so drags start on something pressable.
 */
static struct ui_tree *list_tree(struct ui_widget **scroll_out, struct ui_widget **rows)
{
    struct ui_widget *scroll = ui_scroll_new();
    struct ui_widget *list = ui_widget_add(scroll, ui_column_new(0));
    for (int i = 0; i < 20; i++) {
        char label[16];
        snprintf(label, sizeof label, "%d", i);
        struct ui_widget *b = button(list, label, UI_SIZE_AUTO, 100);
        if (rows)
            rows[i] = b;
    }
    *scroll_out = scroll;
    return ui_fixture_tree(scroll, 300, 500, UI_DIR_LTR);
}

/*
 * Down at y 450 (t 0), 440 (t 10: under the threshold), 430 (t 20: the
 * drag starts here), 330 (t 30: offset 100), up at 330 (t 40). Velocity
 * over the last 100 ms: (450 - 330) / 40 = 3 px/ms. The fling then goes
 * 100 + 3 * 325 * (1 - exp(-t / 325)):
 *   t 100:  100 + 975 * 0.264859 = 358.2  -> 358
 *   t 325:  100 + 975 * 0.632121 = 716.3  -> 716
 *   t 2000: 100 + 975 * 0.997877 = 1072.9 -> 1073, stopped
 *           (speed 3 * exp(-t / 325) falls under 0.02 px/ms after 1628 ms).
 */
static void test_drag_and_fling(void)
{
    reset_counts();
    struct ui_widget *scroll, *rows[20];
    struct ui_tree *t = list_tree(&scroll, rows);
    CHECK(t != NULL);
    CHECK_EQ_INT(ui_scroll_max_offset(scroll), 1500);
    ui_input_pointer(t, UI_POINTER_DOWN, 150, 450, 0);
    CHECK(ui_widget_is_pressed(rows[4]));
    ui_input_pointer(t, UI_POINTER_MOVE, 150, 440, 10);
    CHECK(ui_widget_is_pressed(rows[4]));
    CHECK_EQ_INT(ui_scroll_offset(scroll), 0);
    ui_input_pointer(t, UI_POINTER_MOVE, 150, 430, 20);
    CHECK(!ui_widget_is_pressed(rows[4])); /* the press became a drag */
    CHECK_EQ_INT(ui_scroll_offset(scroll), 0);
    ui_input_pointer(t, UI_POINTER_MOVE, 150, 330, 30);
    CHECK_EQ_INT(ui_scroll_offset(scroll), 100);
    CHECK_EQ_INT(ui_widget_rect(rows[0]).y, -100);
    ui_input_pointer(t, UI_POINTER_UP, 150, 330, 40);
    CHECK_EQ_INT(clicks, 0);
    CHECK(ui_scroll_is_moving(scroll));
    ui_tree_update(t, 140);
    CHECK_EQ_INT(ui_scroll_offset(scroll), 358);
    ui_tree_update(t, 365);
    CHECK_EQ_INT(ui_scroll_offset(scroll), 716);
    CHECK_EQ_INT(ui_widget_rect(rows[0]).y, -716);
    ui_tree_update(t, 2040);
    CHECK_EQ_INT(ui_scroll_offset(scroll), 1073);
    CHECK(!ui_scroll_is_moving(scroll));
    ui_tree_free(t);
}

/* A fast fling stops dead at the end; a touch during a fling stops it without clicking. */
static void test_fling_end_and_catch(void)
{
    reset_counts();
    struct ui_widget *scroll;
    struct ui_tree *t = list_tree(&scroll, NULL);
    CHECK(t != NULL);
    /* 400 px in 40 ms: 10 px/ms would travel 3250 px; the list has 1500. */
    ui_input_pointer(t, UI_POINTER_DOWN, 150, 450, 0);
    for (int i = 1; i <= 4; i++)
        ui_input_pointer(t, UI_POINTER_MOVE, 150, 450 - 100 * i, (uint64_t)(10 * i));
    ui_input_pointer(t, UI_POINTER_UP, 150, 50, 40);
    ui_tree_update(t, 100);
    int mid = ui_scroll_offset(scroll);
    CHECK(mid > 400 && mid < 1500);
    ui_input_pointer(t, UI_POINTER_DOWN, 150, 250, 100);
    ui_input_pointer(t, UI_POINTER_UP, 150, 250, 150);
    CHECK_EQ_INT(clicks, 0);
    ui_tree_update(t, 400);
    CHECK_EQ_INT(ui_scroll_offset(scroll), mid);
    /* Again, uninterrupted: it ends exactly at the end. */
    ui_input_pointer(t, UI_POINTER_DOWN, 150, 450, 1000);
    for (int i = 1; i <= 4; i++)
        ui_input_pointer(t, UI_POINTER_MOVE, 150, 450 - 100 * i, (uint64_t)(1000 + 10 * i));
    ui_input_pointer(t, UI_POINTER_UP, 150, 50, 1040);
    ui_tree_update(t, 1500);
    CHECK_EQ_INT(ui_scroll_offset(scroll), 1500);
    CHECK(!ui_scroll_is_moving(scroll));
    ui_tree_free(t);
}

/*
 * Pulling down at the top: the drag is at -100 unclamped, shown at half,
 * -50; at -400 it would be -200, held at the 120 px limit. Released, it
 * settles back to 0 within 300 ms.
 */
static void test_overscroll(void)
{
    struct ui_widget *scroll;
    struct ui_tree *t = list_tree(&scroll, NULL);
    CHECK(t != NULL);
    ui_input_pointer(t, UI_POINTER_DOWN, 150, 50, 0);
    ui_input_pointer(t, UI_POINTER_MOVE, 150, 70, 10); /* drag starts at 70 */
    ui_input_pointer(t, UI_POINTER_MOVE, 150, 170, 20);
    CHECK_EQ_INT(ui_scroll_offset(scroll), -50);
    ui_input_pointer(t, UI_POINTER_MOVE, 150, 470, 1000);
    CHECK_EQ_INT(ui_scroll_offset(scroll), -120);
    ui_input_pointer(t, UI_POINTER_UP, 150, 470, 1010);
    ui_tree_update(t, 1160);
    int halfway = ui_scroll_offset(scroll);
    CHECK(halfway > -120 && halfway < 0);
    ui_tree_update(t, 1310);
    CHECK_EQ_INT(ui_scroll_offset(scroll), 0);
    CHECK(!ui_scroll_is_moving(scroll));
    ui_tree_free(t);
}

/*
 * Six focusable buttons in a 3-column grid, 100 x 50 each:
 *   [0][1][2]
 *   [3][4][5]   (mirrored in right-to-left: [2][1][0] / [5][4][3])
 * with [4] disabled.
 */
static struct ui_tree *grid_tree(enum ui_dir dir, struct ui_widget **b)
{
    struct ui_widget *grid = ui_grid_new(3, 0);
    for (int i = 0; i < 6; i++) {
        char label[8];
        snprintf(label, sizeof label, "%d", i);
        b[i] = button(grid, label, UI_SIZE_AUTO, 50);
    }
    ui_widget_set_enabled(b[4], false);
    return ui_fixture_tree(grid, 300, 100, dir);
}

static void test_focus_tab_order(void)
{
    reset_counts();
    struct ui_widget *b[6];
    struct ui_tree *t = grid_tree(UI_DIR_LTR, b);
    CHECK(t != NULL);
    CHECK(ui_tree_focus(t) == NULL);
    static const int order[] = {0, 1, 2, 3, 5, 0}; /* [4] is disabled; wraps around */
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        ui_input_key(t, UI_KEY_TAB, 10 * i);
        CHECK(ui_tree_focus(t) == b[order[i]]);
        CHECK(ui_widget_is_focused(b[order[i]]));
    }
    ui_input_key(t, UI_KEY_BACKTAB, 100);
    CHECK(ui_tree_focus(t) == b[5]);
    ui_input_key(t, UI_KEY_ENTER, 110);
    CHECK_EQ_INT(clicks, 1);
    CHECK(last_clicked == b[5]);
    /* A tap hides the focus ring but keeps the focus. */
    tap(t, b[1], 200);
    CHECK(ui_tree_focus(t) == b[5]);
    ui_tree_free(t);
}

static void test_focus_arrows(void)
{
    for (int rtl = 0; rtl < 2; rtl++) {
        struct ui_widget *b[6];
        struct ui_tree *t = grid_tree(rtl ? UI_DIR_RTL : UI_DIR_LTR, b);
        CHECK(t != NULL);
        CHECK(ui_tree_set_focus(t, b[0]));
        /* [0] is top-left in LTR, top-right in RTL: the next one along is to the right in LTR, left
         * in RTL. */
        ui_input_key(t, rtl ? UI_KEY_LEFT : UI_KEY_RIGHT, 0);
        CHECK(ui_tree_focus(t) == b[1]);
        ui_input_key(t, UI_KEY_DOWN, 10);
        /* Under [1] is the disabled [4]; [3] and [5] are as near (50 down, 100 across): the earlier
         * wins. */
        CHECK(ui_tree_focus(t) == b[3]);
        CHECK(ui_tree_set_focus(t, b[0]));
        ui_input_key(t, rtl ? UI_KEY_RIGHT : UI_KEY_LEFT, 20); /* nothing beyond the edge */
        CHECK(ui_tree_focus(t) == b[0]);
        ui_input_key(t, UI_KEY_DOWN, 30);
        CHECK(ui_tree_focus(t) == b[3]);
        ui_input_key(t, UI_KEY_UP, 40);
        CHECK(ui_tree_focus(t) == b[0]);
        CHECK(!ui_tree_set_focus(t, b[4])); /* disabled */
        ui_tree_free(t);
    }
}

static void test_modal_dialog_traps_input(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *behind = button(root, "Behind", 400, 400);
    struct ui_tree *t = ui_fixture_tree(root, 1080, 1920, UI_DIR_LTR);
    CHECK(t != NULL);
    struct ui_widget *dialog = ui_dialog_new("Title", "Message");
    struct ui_widget *ok = ui_dialog_add_button(dialog, "OK", UI_BUTTON_PRIMARY);
    ui_widget_on_click(ok, count_click, NULL);
    CHECK(ui_tree_open_overlay(t, dialog));
    ui_tree_update(t, 10);
    tap(t, behind, 100);
    CHECK_EQ_INT(clicks, 0);
    /* Keyboard focus stays inside the dialog. */
    ui_input_key(t, UI_KEY_TAB, 200);
    CHECK(ui_tree_focus(t) == ok);
    ui_input_key(t, UI_KEY_TAB, 210);
    CHECK(ui_tree_focus(t) == ok);
    tap(t, ok, 300);
    CHECK_EQ_INT(clicks, 1);
    CHECK(last_clicked == ok);
    ui_tree_close_overlay(t, dialog);
    ui_tree_update(t, 400); /* freed here */
    tap(t, behind, 500);
    CHECK_EQ_INT(clicks, 2);
    CHECK(last_clicked == behind);
    ui_tree_free(t);
}

static void close_parent_dialog(struct ui_widget *w, void *user)
{
    clicks++;
    ui_tree_close_overlay(user, ui_widget_parent(ui_widget_parent(ui_widget_parent(w))));
}

/* A button may close its own dialog from its click callback. */
static void test_dialog_closes_itself(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_tree *t = ui_fixture_tree(root, 1080, 1920, UI_DIR_LTR);
    CHECK(t != NULL);
    struct ui_widget *dialog = ui_dialog_new("Title", NULL);
    struct ui_widget *ok = ui_dialog_add_button(dialog, "OK", UI_BUTTON_PRIMARY);
    ui_widget_on_click(ok, close_parent_dialog, t);
    CHECK(ui_tree_open_overlay(t, dialog));
    ui_tree_update(t, 10);
    SDL_Point p = centre(ok);
    tap(t, ok, 100);
    CHECK_EQ_INT(clicks, 1);
    ui_tree_update(t, 200); /* frees the dialog and ok */
    ui_input_pointer(t, UI_POINTER_DOWN, p.x, p.y, 300);
    ui_input_pointer(t, UI_POINTER_UP, p.x, p.y, 350);
    CHECK_EQ_INT(clicks, 1); /* the dialog is gone: this landed on the root */
    ui_tree_free(t);
}

/*
 * Names live on the widgets: found on the topmost overlay first, then the
 * screen; a closing overlay, a replaced screen and a renamed widget no
 * longer answer; freeing a named widget frees its name (ASan).
 */
static void test_names_on_widgets(void)
{
    struct ui_widget *root = ui_column_new(0);
    struct ui_widget *pay = button(root, "Pay", 200, 80);
    CHECK(ui_widget_set_name(pay, "pay"));
    struct ui_widget *row = ui_widget_add(root, ui_row_new(0));
    struct ui_widget *deep = button(row, "Deep", 100, 80);
    CHECK(ui_widget_set_name(deep, "item:fries"));
    struct ui_tree *t = ui_fixture_tree(root, 1080, 1920, UI_DIR_LTR);
    CHECK(t != NULL);
    CHECK(ui_tree_find(t, "pay") == pay);
    CHECK(ui_tree_find(t, "item:fries") == deep);
    CHECK_EQ_STR(ui_widget_name(deep), "item:fries");
    CHECK(ui_tree_find(t, "item") == NULL);
    CHECK(ui_widget_find(row, "pay") == NULL);

    struct ui_widget *dialog = ui_dialog_new("Still there?", NULL);
    struct ui_widget *yes = ui_dialog_add_button(dialog, "Yes", UI_BUTTON_PRIMARY);
    CHECK(ui_widget_set_name(yes, "pay")); /* the same name above the screen wins */
    CHECK(ui_tree_open_overlay(t, dialog));
    CHECK(ui_tree_find(t, "pay") == yes);
    int named = 0;
    ui_tree_each_named(t, count_named, &named);
    CHECK_EQ_INT(named, 3);
    ui_tree_close_overlay(t, dialog);
    CHECK(ui_tree_find(t, "pay") == pay);

    CHECK(ui_widget_set_name(pay, "checkout")); /* renamed: the old name is gone */
    CHECK(ui_tree_find(t, "pay") == NULL);
    CHECK(ui_tree_find(t, "checkout") == pay);
    CHECK(ui_widget_set_name(pay, NULL));
    CHECK(ui_widget_name(pay) == NULL);

    ui_tree_set_root(t, ui_row_new(0)); /* a new screen: the old names went with it */
    CHECK(ui_tree_find(t, "item:fries") == NULL);
    ui_tree_free(t);
}

static void test_toast_lets_input_through(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *under = button(root, "Under", 1080, 1920);
    struct ui_tree *t = ui_fixture_tree(root, 1080, 1920, UI_DIR_LTR);
    CHECK(t != NULL);
    CHECK(ui_toast_show(t, "Saved", 2000));
    ui_tree_update(t, 10);
    ui_tree_update(t, 500);
    ui_input_pointer(t, UI_POINTER_DOWN, 540, 1800, 600);
    ui_input_pointer(t, UI_POINTER_UP, 540, 1800, 650);
    CHECK_EQ_INT(clicks, 1);
    CHECK(last_clicked == under);
    ui_tree_free(t);
}

/* A physical keypad's digits reach the on-screen keypad when focus is in it. */
static void test_keys_reach_keypad(void)
{
    reset_counts();
    changes = 0;
    struct ui_widget *root = ui_column_new(0);
    struct ui_widget *pad = ui_widget_add(root, ui_keypad_new(UI_KEYPAD_PHONE, 3, 10, "OK"));
    ui_widget_on_change(pad, count_change, NULL);
    ui_widget_on_click(pad, count_click, NULL);
    struct ui_tree *t = ui_fixture_tree(root, 600, 1000, UI_DIR_RTL);
    CHECK(t != NULL);
    ui_input_key(t, UI_KEY_TAB, 0); /* focus the first key */
    ui_input_key(t, UI_KEY_0, 10);
    ui_input_key(t, UI_KEY_0 + 5, 20);
    ui_input_key(t, UI_KEY_BACKSPACE, 30);
    ui_input_key(t, UI_KEY_0 + 5, 40);
    ui_input_key(t, UI_KEY_0 + 9, 50);
    CHECK_EQ_STR(ui_keypad_value(pad), "059");
    CHECK_EQ_INT(changes, 5);
    ui_keypad_clear(pad);
    CHECK_EQ_STR(ui_keypad_value(pad), "");
    CHECK_EQ_INT(changes, 6);
    ui_input_key(t, UI_KEY_0, 60);
    ui_input_key(t, UI_KEY_0 + 5, 61);
    ui_input_key(t, UI_KEY_0 + 9, 62);
    /* The grid keeps telephone order in right-to-left: "1" is top-left. */
    struct ui_widget *keys = ui_widget_child(pad, 1);
    CHECK(ui_widget_rect(ui_widget_child(keys, 0)).x < ui_widget_rect(ui_widget_child(keys, 2)).x);
    tap(t, ui_widget_child(keys, 11), 100); /* OK: three digits are enough */
    CHECK_EQ_INT(clicks, 1);
    CHECK(last_clicked == pad);
    ui_tree_free(t);
}

/*
 * SDL events through the one path: a finger at normalised (0.25, 0.5) of a
 * 400 x 100 tree is (100, 50); a second finger and the mouse events SDL
 * makes up from touches are ignored; the mouse's left button and keys work.
 */
static void test_sdl_events(void)
{
    reset_counts();
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *a = button(root, "A", 200, 100);
    struct ui_widget *b = button(root, "B", 200, 100);
    int tag = 7;
    ui_widget_set_user_data(b, &tag);
    struct ui_tree *t = ui_fixture_tree(root, 400, 100, UI_DIR_LTR);
    CHECK(t != NULL);
    SDL_Event ev = {.tfinger = {.type = SDL_FINGERDOWN, .fingerId = 1, .x = 0.25f, .y = 0.5f}};
    CHECK(ui_input_sdl_event(t, &ev, 0));
    CHECK(ui_widget_is_pressed(a));
    SDL_Event second = {.tfinger = {.type = SDL_FINGERDOWN, .fingerId = 2, .x = 0.75f, .y = 0.5f}};
    CHECK(!ui_input_sdl_event(t, &second, 10));
    SDL_Event synthetic = {.button = {.type = SDL_MOUSEBUTTONDOWN,
                                      .which = SDL_TOUCH_MOUSEID,
                                      .button = SDL_BUTTON_LEFT,
                                      .x = 300,
                                      .y = 50}};
    CHECK(!ui_input_sdl_event(t, &synthetic, 20));
    ev.type = SDL_FINGERUP;
    CHECK(ui_input_sdl_event(t, &ev, 50));
    CHECK_EQ_INT(clicks, 1);
    CHECK(last_clicked == a);
    SDL_Event mouse = {
        .button = {
            .type = SDL_MOUSEBUTTONDOWN, .which = 0, .button = SDL_BUTTON_LEFT, .x = 300, .y = 50}};
    CHECK(ui_input_sdl_event(t, &mouse, 100));
    mouse.type = SDL_MOUSEBUTTONUP;
    CHECK(ui_input_sdl_event(t, &mouse, 150));
    CHECK_EQ_INT(clicks, 2);
    CHECK(last_clicked == b);
    CHECK(ui_widget_user_data(last_clicked) == &tag);
    SDL_Event key = {.key = {.type = SDL_KEYDOWN, .keysym = {.sym = SDLK_TAB, .mod = KMOD_LSHIFT}}};
    CHECK(ui_input_sdl_event(t, &key, 200));
    CHECK(ui_tree_focus(t) == b); /* Shift+Tab from nothing: the last */
    key.key.keysym = (SDL_Keysym){.sym = SDLK_KP_ENTER};
    CHECK(ui_input_sdl_event(t, &key, 210));
    CHECK_EQ_INT(clicks, 3);
    CHECK_EQ_INT(ui_input_key_from_sdl(SDLK_KP_7, 0), UI_KEY_0 + 7);
    CHECK_EQ_INT(ui_input_key_from_sdl(SDLK_F1, 0), UI_KEY_NONE);
    ui_tree_free(t);
}

/* A stepper over 1..3: its ends disable at the bounds, every step notifies. */
static void test_stepper(void)
{
    changes = 0;
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *st = ui_widget_add(root, ui_stepper_new(1, 3, 7));
    ui_widget_on_change(st, count_change, NULL);
    struct ui_tree *t = ui_fixture_tree(root, 600, 200, UI_DIR_LTR);
    CHECK(t != NULL);
    CHECK_EQ_INT(ui_stepper_value(st), 3); /* clamped */
    struct ui_widget *minus = ui_widget_child(st, 0), *plus = ui_widget_child(st, 2);
    CHECK(!ui_widget_is_enabled(plus));
    tap(t, plus, 0);
    CHECK_EQ_INT(changes, 0);
    tap(t, minus, 100);
    tap(t, minus, 200);
    CHECK_EQ_INT(ui_stepper_value(st), 1);
    CHECK_EQ_INT(changes, 2);
    CHECK(!ui_widget_is_enabled(minus));
    CHECK(ui_widget_is_enabled(plus));
    ui_stepper_set_value(st, 2);
    CHECK_EQ_INT(changes, 2); /* set by the program: no notification */
    ui_stepper_set_digits(st, UI_DIGITS_ARABIC_INDIC);
    CHECK_EQ_STR(ui_label_text(ui_widget_child(st, 1)), "٢");
    ui_tree_free(t);
}

static const struct check_case cases[] = {
    {"a tap clicks; small movements are still a tap", test_tap_clicks},
    {"sliding off a button cancels the click", test_slide_off_cancels},
    {"long press after the configured time, once", test_long_press},
    {"disabled widgets ignore pointer and keyboard", test_disabled_ignores_input},
    {"drag then kinetic scroll at given times", test_drag_and_fling},
    {"fling stops at the end; a touch catches it", test_fling_end_and_catch},
    {"overscroll at half speed, clamped, settles back", test_overscroll},
    {"keyboard: Tab order, wrap, Enter clicks", test_focus_tab_order},
    {"keyboard: arrows by position, mirrored", test_focus_arrows},
    {"a modal dialog traps pointer and focus", test_modal_dialog_traps_input},
    {"a dialog button closes its dialog", test_dialog_closes_itself},
    {"a toast lets touches through", test_toast_lets_input_through},
    {"keys reach the on-screen keypad", test_keys_reach_keypad},
    {"SDL finger, mouse and key events take the same path", test_sdl_events},
    {"stepper: bounds, notifications, digits", test_stepper},
    {"names live on the widgets, overlays first", test_names_on_widgets},
};

int main(int argc, char **argv)
{
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ui_fixture_free();
    return rc;
}
