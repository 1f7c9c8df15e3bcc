/*
 * Greedy line breaking over a shaped text and per-line visual reordering
 * (see ui/lines.h).
 */
#include "ui/lines.h"

#include <stdlib.h>

struct piece {
    uint32_t first, count; /* glyphs of one run that fall on the line */
    uint8_t level;
};

/*
 * Finds where the line starting at code point start ends: before the
 * newline or the end of text, or at the last break opportunity before the
 * first cluster that overflows max_width, or (no opportunity) before that
 * cluster. Sets *next to where the following line starts.
 */
static size_t line_end(const struct ui_shaped *sh, size_t start, int32_t max_width, size_t *next,
                       bool *newline)
{
    int32_t width = 0;
    size_t last_break = 0;
    size_t i = start;
    for (; i < sh->n_chars && !(sh->flags[i] & UI_CHAR_NEWLINE); i++) {
        uint8_t f = sh->flags[i];
        if (i > start && (f & UI_CHAR_BREAK_BEFORE))
            last_break = i;
        int32_t w = width + sh->advances[i];
        if (max_width > 0 && w > max_width && i > start && (f & UI_CHAR_CLUSTER_START) &&
            !(f & UI_CHAR_SPACE)) {
            size_t end = last_break > start ? last_break : i;
            *next = end;
            *newline = false;
            return end;
        }
        width = w;
    }
    *newline = i < sh->n_chars;
    *next = *newline ? i + 1 : i;
    return i;
}

/* UAX #9 L2: from the highest level down to the lowest odd one, reverse every
 * maximal sequence of pieces at that level or higher. */
static void reorder(struct piece *p, size_t n)
{
    uint8_t max = 0, min_odd = UINT8_MAX;
    for (size_t i = 0; i < n; i++) {
        if (p[i].level > max)
            max = p[i].level;
        if ((p[i].level & 1) && p[i].level < min_odd)
            min_odd = p[i].level;
    }
    for (unsigned lvl = max; lvl >= min_odd && lvl > 0; lvl--) {
        size_t i = 0;
        while (i < n) {
            if (p[i].level < lvl) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n && p[j].level >= lvl)
                j++;
            for (size_t a = i, b = j - 1; a < b; a++, b--) {
                struct piece t = p[a];
                p[a] = p[b];
                p[b] = t;
            }
            i = j;
        }
    }
}

/* The glyphs of run r whose clusters lie in [start, end): contiguous, as
 * HarfBuzz keeps clusters monotonic within a run. */
static struct piece cut_run(const struct ui_shaped *sh, const struct ui_shaped_run *r, size_t start,
                            size_t end)
{
    struct piece p = {.first = r->first_glyph, .count = 0, .level = r->level};
    uint32_t g = r->first_glyph, g_end = r->first_glyph + r->n_glyphs;
    while (g < g_end && (sh->glyphs[g].cluster < start || sh->glyphs[g].cluster >= end))
        g++;
    p.first = g;
    while (g < g_end && sh->glyphs[g].cluster >= start && sh->glyphs[g].cluster < end)
        g++;
    p.count = g - p.first;
    return p;
}

/* Appends the glyphs of code points [start, end) in visual order as line. */
static void emit_line(struct ui_lines *lay, struct ui_line *line, const struct ui_shaped *sh,
                      struct piece *pieces, size_t start, size_t end)
{
    size_t n = 0;
    for (size_t r = 0; r < sh->n_runs; r++) {
        const struct ui_shaped_run *run = &sh->runs[r];
        if (run->end > start && run->start < end)
            pieces[n++] = cut_run(sh, run, start, end);
    }
    reorder(pieces, n);
    line->first_glyph = (uint32_t)lay->n_glyphs;
    int32_t pen = 0;
    for (size_t k = 0; k < n; k++) {
        for (uint32_t g = pieces[k].first; g < pieces[k].first + pieces[k].count; g++) {
            const struct ui_shaped_glyph *sg = &sh->glyphs[g];
            lay->glyphs[lay->n_glyphs++] = (struct ui_line_glyph){
                .glyph = sg->glyph,
                .x = pen + sg->x_offset,
                .y_offset = sg->y_offset,
                .cluster = sh->offsets[sg->cluster],
                .face = sg->face,
            };
            pen += sg->x_advance;
        }
    }
    line->n_glyphs = (uint32_t)lay->n_glyphs - line->first_glyph;
    line->width = pen;
    if (pen > lay->width)
        lay->width = pen;
}

struct ui_lines *ui_lines_new(const struct ui_shaped *sh, int32_t max_width)
{
    if (!sh)
        return NULL;
    struct piece *pieces = NULL;
    struct ui_lines *lay = calloc(1, sizeof *lay);
    if (!lay)
        return NULL;
    lay->glyphs = malloc((sh->n_glyphs ? sh->n_glyphs : 1) * sizeof *lay->glyphs);
    pieces = malloc((sh->n_runs ? sh->n_runs : 1) * sizeof *pieces);
    if (!lay->glyphs || !pieces)
        goto error;

    size_t cap = 0, start = 0;
    bool after_newline = true;
    while (start < sh->n_chars || after_newline) {
        size_t next;
        size_t end = line_end(sh, start, max_width, &next, &after_newline);
        while (end > start && (sh->flags[end - 1] & UI_CHAR_SPACE))
            end--;
        struct ui_line line = {
            .start = sh->offsets[start],
            .end = sh->offsets[end],
            .next = sh->offsets[next],
        };
        if (lay->n_lines == cap) {
            cap = cap ? cap * 2 : 4;
            struct ui_line *nl = realloc(lay->lines, cap * sizeof *nl);
            if (!nl)
                goto error;
            lay->lines = nl;
        }
        emit_line(lay, &line, sh, pieces, start, end);
        lay->lines[lay->n_lines++] = line;
        start = next;
    }
    free(pieces);
    lay->bytes = sizeof *lay + cap * sizeof *lay->lines +
                 (sh->n_glyphs ? sh->n_glyphs : 1) * sizeof *lay->glyphs;
    return lay;
error:
    free(pieces);
    ui_lines_free(lay);
    return NULL;
}

void ui_lines_free(struct ui_lines *layout)
{
    if (!layout)
        return;
    free(layout->lines);
    free(layout->glyphs);
    free(layout);
}
