/*
 * Golden images of the ui text engine: galleries of Arabic and English
 * strings (joined, mixed, prices, wrapped, cut with an ellipsis, aligned)
 * rendered offscreen with the software renderer and the fonts of
 * assets/fonts only, compared pixel for pixel with tests/golden/NAME.png.
 *
 * A mismatch writes the rendering as tests/golden/NAME_err.png, beside the
 * reference, and fails. References are written only when the environment
 * has KIOSK_UPDATE_GOLDEN=1; look at them before committing.
 *
 * Two cases do not depend on references: Arabic drawn unshaped would break
 * a joined word into separate pieces, and drawn left to right would put
 * the first letter on the left.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/offscreen.h"
#include "ui/png.h"
#include "ui/text.h"

static struct ui_offscreen *off;
static struct ui_text *engine;

#define W 640
#define H 640

/* Macros, not const objects: static initialisers need constant expressions (clang is strict). */
#define INK                                                                                        \
    {                                                                                              \
        20, 20, 20, 255                                                                            \
    }
#define ACCENT                                                                                     \
    {                                                                                              \
        170, 40, 30, 255                                                                           \
    }
#define MUTED                                                                                      \
    {                                                                                              \
        20, 20, 20, 140                                                                            \
    }

struct row {
    const char *text;
    int size_px;
    enum ui_font_weight weight;
    enum ui_text_align align;
    int max_lines; /* > 0: wrap in the box and cut with an ellipsis */
    bool wrap;     /* wrap to the box width */
    SDL_Color color;
    SDL_Rect box; /* h is only for the outline */
};

static void clear_white(void)
{
    SDL_SetRenderDrawColor(off->renderer, 255, 255, 255, 255);
    SDL_RenderClear(off->renderer);
}

static bool draw_rows(const struct row *rows, size_t n, bool outlines)
{
    clear_white();
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        if (outlines) {
            SDL_SetRenderDrawColor(off->renderer, 200, 210, 230, 255);
            SDL_RenderDrawRect(off->renderer, &r->box);
        }
        struct ui_text_style st = {
            .size_px = r->size_px,
            .weight = r->weight,
            .align = r->align,
            .max_width = r->wrap || r->max_lines > 0 ? r->box.w : 0,
            .max_lines = r->max_lines,
        };
        if (!ui_text_draw(engine, r->text, &st, r->color, r->box.x, r->box.y, r->box.w)) {
            fprintf(stderr, "  cannot draw \"%s\"\n", r->text);
            ok = false;
        }
    }
    SDL_RenderFlush(off->renderer);
    return ok;
}

static const char *golden_path(const char *name, const char *suffix)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s%s.png", check_source_dir(), name, suffix);
    return path;
}

/* Compares the offscreen surface with tests/golden/NAME.png (see the file comment). */
static bool matches_golden(const char *name)
{
    const SDL_Surface *s = off->surface;
    const char *update = getenv("KIOSK_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        remove(golden_path(name, "_err"));
        bool ok = ui_png_write(golden_path(name, ""), s->pixels, s->w, s->h, (size_t)s->pitch);
        fprintf(stderr, "  wrote %s\n", golden_path(name, ""));
        return ok;
    }
    int w = 0, h = 0;
    uint8_t *ref = ui_png_read(golden_path(name, ""), &w, &h);
    size_t differ = 0;
    if (ref && w == s->w && h == s->h) {
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                differ += memcmp(ref + ((size_t)y * (size_t)w + (size_t)x) * 4,
                                 (const uint8_t *)s->pixels + y * s->pitch + x * 4, 4) != 0;
    }
    bool ok = ref && w == s->w && h == s->h && differ == 0;
    free(ref);
    if (ok) {
        remove(golden_path(name, "_err"));
        return true;
    }
    ui_png_write(golden_path(name, "_err"), s->pixels, s->w, s->h, (size_t)s->pitch);
    if (!ref)
        fprintf(stderr, "  no reference %s (set KIOSK_UPDATE_GOLDEN=1 to write it)\n",
                golden_path(name, ""));
    else
        fprintf(stderr, "  %zu pixels differ (size %dx%d vs %dx%d); see %s\n", differ, s->w, s->h,
                w, h, golden_path(name, "_err"));
    return false;
}

/* One row per line of a 640 px column: x 20, width 600, 56 px apart from y0. */
#define LINE(i) ((SDL_Rect){20, 16 + 56 * (i), 600, 50})

static void test_arabic_strings(void)
{
    static const struct row rows[] = {
        {"مرحبا", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(0)},
        {"لا", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(1)},
        {"برجر Classic", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(2)},
        {"٣ × برجر", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(3)},
        {"السعر 12.50 ⃁", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(4)},
        {"السعر ١٢٫٥٠ ⃁", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK,
         LINE(5)},
        {"وجبة (جديد)", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(6)},
        {"مُحَمَّد", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(7)},
        {"المجموع 12 ⃁ + 3 ⃁", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK,
         LINE(8)},
        {"وجبة برجر دجاج مع بطاطس", 28, UI_FONT_BOLD, UI_TEXT_ALIGN_START, 0, false, ACCENT,
         LINE(9)},
        {"الإجمالي شامل ضريبة القيمة المضافة 15٪", 24, UI_FONT_REGULAR, UI_TEXT_ALIGN_CENTER, 0,
         false, MUTED, LINE(10)},
    };
    CHECK(draw_rows(rows, CHECK_COUNT(rows), false));
    CHECK(matches_golden("text_arabic"));
}

static void test_english_strings(void)
{
    static const struct row rows[] = {
        {"Classic Burger", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(0)},
        {"3 × Burger", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(1)},
        {"Price ⃁ 12.50", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(2)},
        {"Chicken Meal (New)", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(3)},
        {"Burger برجر 12", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, LINE(4)},
        {"Total ⃁ 15.00 + ⃁ 2.25", 28, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK,
         LINE(5)},
        {"Order now", 28, UI_FONT_BOLD, UI_TEXT_ALIGN_CENTER, 0, false, ACCENT, LINE(6)},
        {"Total includes 15% VAT", 24, UI_FONT_REGULAR, UI_TEXT_ALIGN_END, 0, false, MUTED,
         LINE(7)},
    };
    CHECK(draw_rows(rows, CHECK_COUNT(rows), false));
    CHECK(matches_golden("text_english"));
}

#define BOX(col, row, h) ((SDL_Rect){16 + 312 * (col), 16 + 156 * (row), 296, (h)})

static void test_wrapped_cut_and_aligned(void)
{
    static const char AR[] = "برجر دجاج مقرمش مع صلصة الثوم والخس الطازج وبطاطس مقلية";
    static const char EN[] = "Crispy chicken burger with garlic sauce, fresh lettuce and fries";
    static const struct row rows[] = {
        {AR, 22, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, true, INK, BOX(0, 0, 140)},
        {EN, 22, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, true, INK, BOX(1, 0, 140)},
        {AR, 22, UI_FONT_REGULAR, UI_TEXT_ALIGN_CENTER, 0, true, INK, BOX(0, 1, 140)},
        {EN, 22, UI_FONT_REGULAR, UI_TEXT_ALIGN_CENTER, 0, true, INK, BOX(1, 1, 140)},
        {AR, 22, UI_FONT_REGULAR, UI_TEXT_ALIGN_END, 2, false, INK, BOX(0, 2, 140)},
        {EN, 22, UI_FONT_REGULAR, UI_TEXT_ALIGN_END, 2, false, INK, BOX(1, 2, 140)},
        {AR, 22, UI_FONT_BOLD, UI_TEXT_ALIGN_START, 1, false, ACCENT, BOX(0, 3, 60)},
        {EN, 22, UI_FONT_BOLD, UI_TEXT_ALIGN_START, 1, false, ACCENT, BOX(1, 3, 60)},
    };
    CHECK(draw_rows(rows, CHECK_COUNT(rows), true));
    CHECK(matches_golden("text_wrapped"));
}

/* Pixels whose text coverage shows: dark on the white canvas. */
static bool inked(int x, int y)
{
    const SDL_Surface *s = off->surface;
    return ((const uint8_t *)s->pixels)[y * s->pitch + x * 4] < 160;
}

/* Number of 8-connected ink shapes in the canvas. */
static int count_shapes(void)
{
    const SDL_Surface *s = off->surface;
    size_t n = (size_t)s->w * (size_t)s->h;
    uint8_t *seen = calloc(n, 1);
    int *stack = malloc(n * sizeof *stack);
    int shapes = 0;
    for (int start = 0; seen && stack && start < (int)n; start++) {
        if (seen[start] || !inked(start % s->w, start / s->w))
            continue;
        shapes++;
        size_t top = 0;
        stack[top++] = start;
        seen[start] = 1;
        while (top > 0) {
            int p = stack[--top], px = p % s->w, py = p / s->w;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    int qx = px + dx, qy = py + dy, q = qy * s->w + qx;
                    if (qx < 0 || qy < 0 || qx >= s->w || qy >= s->h || seen[q] || !inked(qx, qy))
                        continue;
                    seen[q] = 1;
                    stack[top++] = q;
                }
        }
    }
    free(seen);
    free(stack);
    return shapes;
}

static void test_joined_word_is_one_shape(void)
{
    /* محمد has no dots and every letter joins the next: shaped, it is one
     * connected stroke; as isolated letters it would be four. */
    static const struct row joined[] = {
        {"محمد", 96, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, {20, 20, 600, 200}},
    };
    CHECK(draw_rows(joined, 1, false));
    CHECK_EQ_INT(count_shapes(), 1);
    /* Check that the counter sees separate letters: a space between them. */
    static const struct row apart[] = {
        {"م ح م د", 96, UI_FONT_REGULAR, UI_TEXT_ALIGN_START, 0, false, INK, {20, 20, 600, 200}},
    };
    CHECK(draw_rows(apart, 1, false));
    CHECK_EQ_INT(count_shapes(), 4);
}

/* Leftmost and rightmost ink columns in rows [y0, y1). */
static void ink_columns(int y0, int y1, int *left, int *right)
{
    *left = W, *right = -1;
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < W; x++)
            if (inked(x, y)) {
                *left = x < *left ? x : *left;
                *right = x > *right ? x : *right;
            }
}

static void test_first_letter_is_on_the_right(void)
{
    /* "ا ب": alef is the only letter reaching the top half of the line, so
     * the columns inked there show where the first letter went. */
    static const struct row rows[] = {
        {"ا ب", 96, UI_FONT_REGULAR, UI_TEXT_ALIGN_CENTER, 0, false, INK, {20, 20, 600, 200}},
    };
    CHECK(draw_rows(rows, 1, false));
    int left, right, alef_left, alef_right;
    ink_columns(0, H, &left, &right);
    struct ui_text_style st = {.size_px = 96};
    struct ui_text_metrics m;
    CHECK(ui_text_measure(engine, "ا ب", &st, &m));
    ink_columns(20, 20 + m.ascent - 40, &alef_left, &alef_right);
    CHECK(right > left);
    CHECK(alef_right >= 0);
    CHECK(alef_left > (left + right) / 2);
}

/*
 * An engine made without a renderer, as the kiosk opens its fonts before its window, and given
 * one afterwards draws the same pixels; it takes one renderer only.
 */
static void test_renderer_given_later(void)
{
    struct ui_text *made_first = engine;
    engine = ui_text_new(check_path(check_source_dir(), "assets/fonts"), NULL, NULL);
    CHECK(engine != NULL);
    CHECK(!ui_text_set_renderer(engine, NULL));
    CHECK(ui_text_set_renderer(engine, off->renderer));
    CHECK(!ui_text_set_renderer(engine, off->renderer));
    test_arabic_strings();
    ui_text_free(engine);
    engine = made_first;
}

static const struct check_case cases[] = {
    {"arabic strings", test_arabic_strings},
    {"renderer given later", test_renderer_given_later},
    {"english strings", test_english_strings},
    {"wrapped, cut and aligned", test_wrapped_cut_and_aligned},
    {"joined word is one shape", test_joined_word_is_one_shape},
    {"first letter is on the right", test_first_letter_is_on_the_right},
};

int main(int argc, char **argv)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    int rc = 1;
    off = ui_offscreen_new(W, H);
    engine = off ? ui_text_new(check_path(check_source_dir(), "assets/fonts"), off->renderer, NULL)
                 : NULL;
    if (engine)
        rc = check_run(cases, CHECK_COUNT(cases), argc, argv);
    else
        fprintf(stderr, "cannot set up the offscreen renderer or the fonts\n");
    ui_text_free(engine);
    ui_offscreen_free(off);
    SDL_Quit();
    return rc;
}
