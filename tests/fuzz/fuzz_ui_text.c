/*
 * Fuzz target for the ui text engine without rendering: arbitrary bytes as
 * UTF-8 (ill-formed sequences become U+FFFD) through bidi, shaping, line
 * breaking and the ellipsis. The first four bytes choose the style:
 *   [0] wrap width / 4 px (0: none)  [1] max lines % 4  [2] direction % 3
 *   [3] size 6..69 px, bold when bit 7 is set
 * and the rest is the text, once with its exact length (NUL bytes
 * included) through ui/shape.h + ui/lines.h, once as a C string through
 * ui/text.h with a small cache so eviction runs too. Structural invariants
 * of the layout abort on violation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/lines.h"
#include "ui/shape.h"
#include "ui/text.h"

/* The repository root: KIOSK_SOURCE_DIR, else derived from this file's path. */
static const char *font_dir(void)
{
    static char dir[4096];
    const char *root = getenv("KIOSK_SOURCE_DIR");
    size_t len;
    if (root && *root) {
        len = strlen(root);
    } else {
        root = __FILE__;
        const char *tail = strstr(root, "tests/fuzz/fuzz_ui_text.c");
        len = tail ? (size_t)(tail - root) : 0;
    }
    if (len == 0) {
        root = ".";
        len = 1;
    }
    if (len + sizeof "/assets/fonts" > sizeof dir)
        abort();
    memcpy(dir, root, len);
    memcpy(dir + len, "/assets/fonts", sizeof "/assets/fonts");
    return dir;
}

static void check_layout(const struct ui_shaped *sh, const struct ui_lines *lay, size_t len)
{
    if (lay->n_lines == 0 || lay->n_glyphs > sh->n_glyphs)
        abort();
    size_t glyphs = 0;
    uint32_t prev_next = 0;
    for (size_t i = 0; i < lay->n_lines; i++) {
        const struct ui_line *l = &lay->lines[i];
        if (l->start != prev_next || l->start > l->end || l->end > l->next || l->next > len)
            abort();
        if (i + 1 < lay->n_lines && l->next == l->start && l->start != len)
            abort(); /* no progress */
        if (l->first_glyph != glyphs || l->width > lay->width)
            abort();
        for (uint32_t g = l->first_glyph; g < l->first_glyph + l->n_glyphs; g++)
            if (lay->glyphs[g].cluster < l->start || lay->glyphs[g].cluster >= l->end ||
                lay->glyphs[g].face >= UI_FONT_FACE_COUNT)
                abort();
        glyphs += l->n_glyphs;
        prev_next = l->next;
    }
    if (glyphs != lay->n_glyphs)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ui_fonts *fonts;
    static struct ui_text *engine;
    if (!fonts) {
        struct ui_text_config cfg = {.shape_cache_bytes = 64 * 1024};
        fonts = ui_fonts_new(font_dir());
        engine = ui_text_new(font_dir(), NULL, &cfg);
        if (!fonts || !engine)
            abort();
    }
    if (size < 4 || size > UI_SHAPE_MAX_BYTES + 64)
        return 0;
    const char *text = (const char *)data + 4;
    size_t len = size - 4;
    struct ui_text_style st = {
        .size_px = 6 + (data[3] & 0x3F),
        .weight = data[3] & 0x80 ? UI_FONT_BOLD : UI_FONT_REGULAR,
        .dir = (enum ui_text_dir)(data[2] % 3),
        .max_width = data[0] * 4,
        .max_lines = data[1] % 4,
    };

    struct ui_shape_params params = {.size_px = st.size_px, .weight = st.weight, .dir = st.dir};
    struct ui_shaped *sh = ui_shape_text(fonts, text, len, &params);
    if ((sh == NULL) != (len > UI_SHAPE_MAX_BYTES))
        abort();
    if (sh) {
        struct ui_lines *lay = ui_lines_new(sh, st.max_width * 64);
        if (!lay)
            abort();
        check_layout(sh, lay, len);
        ui_lines_free(lay);
        ui_shaped_free(sh);
    }

    char *copy = malloc(len + 1);
    if (!copy)
        return 0;
    memcpy(copy, text, len);
    copy[len] = '\0';
    struct ui_text_metrics m;
    bool measured = ui_text_measure(engine, copy, &st, &m);
    if (measured && (m.lines < 1 || m.width < 0 || m.height != m.lines * m.line_height))
        abort();
    if (measured && !m.truncated && st.max_lines > 0 && m.lines > st.max_lines)
        abort();
    free(copy);
    return 0;
}
