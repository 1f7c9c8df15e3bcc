/*
 * The widget tree's geometry: row, column, grid and stack layouts with
 * exact rectangles, right-to-left mirroring at layout time, hit-testing,
 * dirty-area merging, and the damage a layout change produces.
 */
#include "tests/support/check.h"
#include "tests/support/ui_fixture.h"

#include <stdio.h>

#include "ui/dirty.h"
#include "ui/tree.h"
#include "ui/w_container.h"
#include "ui/w_button.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/widget_class.h" /* ui_widget_measure, the tree's dirty areas */

static struct ui_widget *box(int w, int h)
{
    struct ui_widget *b = ui_stack_new();
    ui_widget_set_size(b, w, h);
    return b;
}

static bool rect_is(const struct ui_widget *w, int x, int y, int rw, int rh)
{
    SDL_Rect r = ui_widget_rect(w);
    if (r.x == x && r.y == y && r.w == rw && r.h == rh)
        return true;
    fprintf(stderr, "  rect (%d,%d,%d,%d), expected (%d,%d,%d,%d)\n", r.x, r.y, r.w, r.h, x, y, rw,
            rh);
    return false;
}

/*
 * A row 1000 x 500, gap 10, padding top/bottom 20, start 30, end 40: the
 * content box is x 30..960, y 20..480 (930 x 460). A is 100 x 50, C is
 * 200 wide and fills the height, B fills what is left: 930 - 100 - 200 -
 * 2 * 10 = 610. Rows centre across: A at y 20 + (460 - 50) / 2 = 225,
 * B (60 high) at 20 + 200 = 220.
 */
static void row_case(enum ui_dir dir, const int xs[3])
{
    struct ui_widget *row = ui_row_new(10);
    ui_widget_set_padding(row, (struct ui_insets){20, 20, 30, 40});
    struct ui_widget *a = ui_widget_add(row, box(100, 50));
    struct ui_widget *b = ui_widget_add(row, box(UI_SIZE_FILL, 60));
    struct ui_widget *c = ui_widget_add(row, box(200, UI_SIZE_FILL));
    struct ui_tree *t = ui_fixture_tree(row, 1000, 500, dir);
    CHECK(t != NULL);
    CHECK(rect_is(a, xs[0], 225, 100, 50));
    CHECK(rect_is(b, xs[1], 220, 610, 60));
    CHECK(rect_is(c, xs[2], 20, 200, 460));
    CHECK_EQ_INT(ui_widget_is_rtl(a), dir == UI_DIR_RTL);
    ui_tree_free(t);
}

static void test_row_ltr(void)
{
    /* A at the start padding 30, B after A and the gap: 140, C after B: 760 (ends at 960). */
    row_case(UI_DIR_LTR, (const int[]){30, 140, 760});
}

static void test_row_rtl(void)
{
    /* Mirrored in the 1000 wide row: x' = 1000 - x - w: 870, 250, 40 (the end padding on the left).
     */
    row_case(UI_DIR_RTL, (const int[]){870, 250, 40});
}

/*
 * A column 400 x 600, gap 8: A 100 x 50 stretched to 400 wide; B 120 x 40
 * at the end across; C fills 600 - 50 - 40 - 2 * 8 = 494 down from
 * y 50 + 8 + 40 + 8 = 106.
 */
static void column_case(enum ui_dir dir, int b_x)
{
    struct ui_widget *col = ui_column_new(8);
    struct ui_widget *a = ui_widget_add(col, box(UI_SIZE_AUTO, 50));
    struct ui_widget *b = ui_widget_add(col, box(120, 40));
    ui_widget_set_align(b, UI_ALIGN_END, UI_ALIGN_AUTO);
    struct ui_widget *c = ui_widget_add(col, box(UI_SIZE_AUTO, UI_SIZE_FILL));
    struct ui_tree *t = ui_fixture_tree(col, 400, 600, dir);
    CHECK(t != NULL);
    CHECK(rect_is(a, 0, 0, 400, 50));
    CHECK(rect_is(b, b_x, 58, 120, 40));
    CHECK(rect_is(c, 0, 106, 400, 494));
    ui_tree_free(t);
}

static void test_column_ltr(void)
{
    column_case(UI_DIR_LTR, 280); /* the end is the right: 400 - 120 */
}

static void test_column_rtl(void)
{
    column_case(UI_DIR_RTL, 0); /* the end is the left */
}

/*
 * A grid of 3 columns, gap 10, 320 wide: cells (320 - 2 * 10) / 3 = 100
 * wide. Row 0 holds heights 30, 50, 40 and is 50 high; row 1 starts at
 * 50 + 10 = 60 with heights 20 and 25.
 */
static void grid_case(enum ui_dir dir, const int xs[5])
{
    static const int heights[5] = {30, 50, 40, 20, 25};
    static const int ys[5] = {0, 0, 0, 60, 60};
    struct ui_widget *grid = ui_grid_new(3, 10);
    struct ui_widget *cells[5];
    for (int i = 0; i < 5; i++)
        cells[i] = ui_widget_add(grid, box(UI_SIZE_AUTO, heights[i]));
    struct ui_tree *t = ui_fixture_tree(grid, 320, 400, dir);
    CHECK(t != NULL);
    for (int i = 0; i < 5; i++)
        CHECK(rect_is(cells[i], xs[i], ys[i], 100, heights[i]));
    int w, h;
    ui_widget_measure(grid, 320, -1, &w, &h);
    CHECK_EQ_INT(h, 50 + 10 + 25);
    ui_tree_free(t);
}

static void test_grid_ltr(void)
{
    grid_case(UI_DIR_LTR, (const int[]){0, 110, 220, 0, 110});
}

static void test_grid_rtl(void)
{
    /* Filled from the right: x' = 320 - x - 100. */
    grid_case(UI_DIR_RTL, (const int[]){220, 110, 0, 220, 110});
}

/*
 * A right-to-left tree whose inner row is forced left-to-right (a keypad's
 * digits): the outer row mirrors the inner row's place, the inner row
 * keeps its own children in order.
 */
static void test_subtree_direction(void)
{
    struct ui_widget *outer = ui_row_new(0);
    struct ui_widget *first = ui_widget_add(outer, box(100, 10));
    struct ui_widget *inner = ui_widget_add(outer, ui_row_new(0));
    ui_widget_set_dir(inner, UI_DIR_LTR);
    struct ui_widget *one = ui_widget_add(inner, box(50, 10));
    struct ui_widget *two = ui_widget_add(inner, box(50, 10));
    struct ui_tree *t = ui_fixture_tree(outer, 500, 10, UI_DIR_RTL);
    CHECK(t != NULL);
    CHECK(rect_is(first, 400, 0, 100, 10));
    CHECK(rect_is(inner, 300, 0, 100, 10)); /* LTR x 100 mirrored: 500 - 100 - 100 */
    CHECK(rect_is(one, 300, 0, 50, 10));
    CHECK(rect_is(two, 350, 0, 50, 10));
    CHECK(!ui_widget_is_rtl(one));
    ui_tree_free(t);
}

/* A 300 x 200 stack: a 100 x 40 child at the end across and the centre down. */
static void test_stack_alignment(void)
{
    for (int rtl = 0; rtl < 2; rtl++) {
        struct ui_widget *stack = ui_stack_new();
        struct ui_widget *filler = ui_widget_add(stack, ui_stack_new());
        struct ui_widget *tag = ui_widget_add(stack, box(100, 40));
        ui_widget_set_align(tag, UI_ALIGN_END, UI_ALIGN_CENTER);
        struct ui_tree *t = ui_fixture_tree(stack, 300, 200, rtl ? UI_DIR_RTL : UI_DIR_LTR);
        CHECK(t != NULL);
        CHECK(rect_is(filler, 0, 0, 300, 200));
        CHECK(rect_is(tag, rtl ? 0 : 200, 80, 100, 40));
        ui_tree_free(t);
    }
}

/* Hidden children take no room; margins and justification place the rest. */
static void test_row_margins_hidden_and_justify(void)
{
    struct ui_widget *row = ui_row_new(10);
    ui_container_set_justify(row, UI_JUSTIFY_END);
    ui_container_set_align(row, UI_ALIGN_START);
    struct ui_widget *a = ui_widget_add(row, box(100, 20));
    struct ui_widget *gone = ui_widget_add(row, box(300, 20));
    struct ui_widget *b = ui_widget_add(row, box(50, 20));
    ui_widget_set_margin(b, (struct ui_insets){5, 0, 7, 3});
    ui_widget_set_visible(gone, false);
    struct ui_tree *t = ui_fixture_tree(row, 400, 100, UI_DIR_LTR);
    CHECK(t != NULL);
    /* Used: 100 + 10 + 7 + 50 + 3 = 170; justified to the end: starts at 230. */
    CHECK(rect_is(a, 230, 0, 100, 20));
    CHECK(rect_is(b, 347, 5, 50, 20));
    ui_tree_free(t);
}

/* FILL children share the rest equally; the first ones take the odd pixels. */
static void test_fill_shares(void)
{
    struct ui_widget *row = ui_row_new(0);
    struct ui_widget *f[3];
    for (int i = 0; i < 3; i++)
        f[i] = ui_widget_add(row, box(UI_SIZE_FILL, 10));
    struct ui_tree *t = ui_fixture_tree(row, 101, 10, UI_DIR_LTR);
    CHECK(t != NULL);
    CHECK(rect_is(f[0], 0, 0, 34, 10));
    CHECK(rect_is(f[1], 34, 0, 34, 10));
    CHECK(rect_is(f[2], 68, 0, 33, 10));
    ui_tree_free(t);
}

static void test_hit_testing(void)
{
    struct ui_widget *root = ui_row_new(0);
    struct ui_widget *left = ui_widget_add(root, box(100, 100));
    struct ui_widget *inner = ui_widget_add(left, box(20, 20));
    ui_widget_set_align(inner, UI_ALIGN_START, UI_ALIGN_START);
    struct ui_widget *hidden = ui_widget_add(root, box(100, 100));
    ui_widget_set_visible(hidden, false);
    struct ui_widget *right = ui_widget_add(root, box(100, 100));
    struct ui_tree *t = ui_fixture_tree(root, 300, 100, UI_DIR_LTR);
    CHECK(t != NULL);
    CHECK(ui_widget_hit_test(root, 5, 5) == inner);
    CHECK(ui_widget_hit_test(root, 50, 50) == left);
    CHECK(ui_widget_hit_test(root, 150, 50) == right); /* the hidden box takes no room */
    CHECK(ui_widget_hit_test(root, 250, 50) == root);
    CHECK(ui_widget_hit_test(root, 300, 50) == NULL); /* right and bottom edges are outside */
    CHECK(ui_widget_hit_test(root, -1, 0) == NULL);
    ui_tree_free(t);
}

/* Content scrolled out of a scroll view's viewport cannot be hit through the clip. */
static void test_hit_testing_clipped(void)
{
    struct ui_widget *root = ui_column_new(0);
    struct ui_widget *scroll = ui_widget_add(root, ui_scroll_new());
    ui_widget_set_size(scroll, 200, 100);
    struct ui_widget *list = ui_widget_add(scroll, ui_column_new(0));
    struct ui_widget *items[3];
    for (int i = 0; i < 3; i++)
        items[i] = ui_widget_add(list, box(UI_SIZE_AUTO, 80));
    struct ui_widget *below = ui_widget_add(root, box(200, 100));
    struct ui_tree *t = ui_fixture_tree(root, 200, 200, UI_DIR_LTR);
    CHECK(t != NULL);
    CHECK_EQ_INT(ui_scroll_max_offset(scroll), 240 - 100);
    CHECK(rect_is(items[1], 0, 80, 200, 80)); /* reaches y 160, under `below` */
    CHECK(ui_widget_hit_test(root, 10, 90) == items[1]);
    CHECK(ui_widget_hit_test(root, 10, 130) == below);
    ui_scroll_set_offset(scroll, 100);
    CHECK(rect_is(items[1], 0, -20, 200, 80));
    CHECK(ui_widget_hit_test(root, 10, 70) == items[2]);
    ui_tree_free(t);
}

static bool area_is(const struct ui_dirty *d, int i, int x, int y, int w, int h)
{
    SDL_Rect r = d->areas[i];
    return r.x == x && r.y == y && r.w == w && r.h == h;
}

static void test_dirty_merging(void)
{
    struct ui_dirty d;
    ui_dirty_reset(&d, 100, 100);
    /* Overlapping: the union, 10 x 15 = 150, is smaller than 100 + 100. */
    ui_dirty_add(&d, (SDL_Rect){0, 0, 10, 10});
    ui_dirty_add(&d, (SDL_Rect){0, 5, 10, 10});
    CHECK_EQ_INT(d.n_areas, 1);
    CHECK(area_is(&d, 0, 0, 0, 10, 15));
    /* Side by side: joined, as the union is no larger than the two. */
    ui_dirty_add(&d, (SDL_Rect){10, 0, 5, 15});
    CHECK_EQ_INT(d.n_areas, 1);
    CHECK(area_is(&d, 0, 0, 0, 15, 15));
    /* Far apart: kept apart. */
    ui_dirty_add(&d, (SDL_Rect){50, 50, 10, 10});
    CHECK_EQ_INT(d.n_areas, 2);
    CHECK_EQ_INT(ui_dirty_pixels(&d), 225 + 100);
    /* Inside an area: nothing new. */
    ui_dirty_add(&d, (SDL_Rect){52, 52, 3, 3});
    CHECK_EQ_INT(d.n_areas, 2);
    /* Empty, or off the screen: ignored; clipped to the screen. */
    ui_dirty_add(&d, (SDL_Rect){20, 20, 0, 5});
    ui_dirty_add(&d, (SDL_Rect){200, 0, 10, 10});
    CHECK_EQ_INT(d.n_areas, 2);
    ui_dirty_add(&d, (SDL_Rect){95, 95, 10, 10});
    CHECK_EQ_INT(d.n_areas, 3);
    CHECK(area_is(&d, 2, 95, 95, 5, 5));
}

/* A join that grows an area makes it absorb a neighbour it now nearly covers. */
static void test_dirty_chain(void)
{
    struct ui_dirty d;
    ui_dirty_reset(&d, 100, 100);
    ui_dirty_add(&d, (SDL_Rect){0, 0, 10, 10});
    ui_dirty_add(&d, (SDL_Rect){20, 0, 10, 10}); /* union 300 > 200: apart */
    CHECK_EQ_INT(d.n_areas, 2);
    /* Joins the first (250 < 300), then the second (300 < 350). */
    ui_dirty_add(&d, (SDL_Rect){5, 0, 20, 10});
    CHECK_EQ_INT(d.n_areas, 1);
    CHECK(area_is(&d, 0, 0, 0, 30, 10));
}

static void test_dirty_full_list(void)
{
    struct ui_dirty d;
    ui_dirty_reset(&d, 1000, 1000);
    for (int i = 0; i < UI_DIRTY_MAX_AREAS + 4; i++)
        ui_dirty_add(&d, (SDL_Rect){i * 50, i * 50, 2, 2});
    CHECK(d.n_areas <= UI_DIRTY_MAX_AREAS);
    /* Everything added is still covered. */
    for (int i = 0; i < UI_DIRTY_MAX_AREAS + 4; i++) {
        SDL_Point p = {i * 50, i * 50};
        bool covered = false;
        for (int k = 0; k < d.n_areas; k++)
            covered = covered || SDL_PointInRect(&p, &d.areas[k]);
        CHECK(covered);
    }
    ui_dirty_add_all(&d);
    CHECK_EQ_INT(d.n_areas, 1);
    CHECK_EQ_INT(ui_dirty_pixels(&d), 1000 * 1000);
}

/* Moving a widget through layout damages where it was and where it is, nothing else. */
static void test_layout_damage(void)
{
    struct ui_widget *root = ui_row_new(0);
    ui_container_set_align(root, UI_ALIGN_START);
    struct ui_widget *a = ui_widget_add(root, box(100, 50));
    struct ui_widget *b = ui_widget_add(root, box(100, 50));
    struct ui_tree *t = ui_fixture_tree(root, 1000, 500, UI_DIR_LTR);
    CHECK(t != NULL);
    ui_dirty_clear(&t->dirty);
    ui_widget_set_size(a, 200, 50);
    ui_tree_update(t, 16);
    CHECK(rect_is(b, 200, 0, 100, 50));
    /*
     * a: 0..100 then 0..200; b: 100..200 (inside a's) then 200..300, which
     * joins a's (300 x 50 is no more than 200 x 50 + 100 x 50).
     */
    CHECK_EQ_INT(t->dirty.n_areas, 1);
    CHECK(area_is(&t->dirty, 0, 0, 0, 300, 50));
    ui_tree_free(t);
}

/*
 * The tree follows changes of size, theme and content: a resize lays the
 * root out again, large text makes labels taller, hiding a child takes it
 * out of the row.
 */
static void test_tree_follows_changes(void)
{
    struct ui_widget *root = ui_column_new(0);
    struct ui_widget *label = ui_widget_add(root, ui_label_new("Hello", UI_TYPE_BODY));
    struct ui_widget *button = ui_widget_add(root, ui_button_new("Go", UI_BUTTON_PRIMARY));
    ui_container_set_align(root, UI_ALIGN_START);
    struct ui_tree *t = ui_fixture_tree(root, 400, 300, UI_DIR_LTR);
    CHECK(t != NULL);
    CHECK(ui_tree_root(t) == root);
    CHECK_EQ_INT(ui_widget_child_count(root), 2);
    CHECK_EQ_STR(ui_widget_class_name(button), "button");
    CHECK_EQ_STR(ui_label_text(label), "Hello");
    int body_h = ui_widget_rect(label).h;
    /* The button is at least the theme's 96 px high, and as wide. */
    CHECK_EQ_INT(ui_widget_rect(button).h, 96);
    CHECK(ui_widget_rect(button).w >= 96);
    ui_tree_resize(t, 800, 600);
    ui_tree_update(t, 16);
    CHECK(rect_is(root, 0, 0, 800, 600));
    struct ui_theme large = *ui_fixture_theme();
    large.large_text = true;
    ui_tree_set_theme(t, &large);
    ui_tree_update(t, 32);
    CHECK(ui_widget_rect(label).h > body_h);
    ui_label_set_type(label, UI_TYPE_CAPTION);
    ui_tree_update(t, 48);
    CHECK(ui_widget_rect(label).h < body_h + 10);
    ui_widget_set_visible(label, false);
    CHECK(!ui_widget_is_visible(label));
    ui_tree_update(t, 64);
    CHECK_EQ_INT(ui_widget_rect(button).y, 0);
    ui_button_set_style(button, UI_BUTTON_GHOST);
    ui_widget_set_focusable(button, false);
    CHECK(!ui_tree_set_focus(t, button));
    CHECK_EQ_INT(ui_tree_now(t), 64);
    ui_tree_set_theme(t, ui_fixture_theme());
    ui_tree_free(t);
}

static const struct check_case cases[] = {
    {"row, left to right: sizes and positions", test_row_ltr},
    {"row, right to left: mirrored at layout", test_row_rtl},
    {"column: stretch, end alignment, fill", test_column_ltr},
    {"column, right to left: end is the left", test_column_rtl},
    {"grid, left to right: equal cells, row heights", test_grid_ltr},
    {"grid, right to left: fills from the right", test_grid_rtl},
    {"a left-to-right subtree in a right-to-left tree", test_subtree_direction},
    {"stack: alignment on both axes, mirrored", test_stack_alignment},
    {"row: margins, hidden children, justify end", test_row_margins_hidden_and_justify},
    {"fill children share the rest", test_fill_shares},
    {"hit-testing: deepest visible widget", test_hit_testing},
    {"hit-testing through a scroll view's clip", test_hit_testing_clipped},
    {"dirty areas: join, keep apart, contain, clip", test_dirty_merging},
    {"dirty areas: joins cascade", test_dirty_chain},
    {"dirty areas: a full list still covers everything", test_dirty_full_list},
    {"layout damages only what moved", test_layout_damage},
    {"the tree follows size, theme and content changes", test_tree_follows_changes},
};

int main(int argc, char **argv)
{
    int rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    ui_fixture_free();
    return rc;
}
