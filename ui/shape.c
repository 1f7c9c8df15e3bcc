/*
 * Bidi resolution, itemisation and shaping (see ui/shape.h for the
 * pipeline and the U+20C1 override).
 */
#include "ui/shape.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "ui/utf8.h"

/* Scratch arrays of one ui_shape_text() call, one entry per code point. */
struct scratch {
    FriBidiCharType *types;
    FriBidiBracketType *brackets;
    FriBidiLevel *levels;
    hb_script_t *scripts;
    uint8_t *faces;
};

static bool is_newline(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/* White space after which a line may break (UAX #14 class SP and the breaking spaces of BA). */
static bool is_breaking_space(uint32_t cp)
{
    return cp == ' ' || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) ||
           (cp >= 0x2008 && cp <= 0x200A) || cp == 0x205F || cp == 0x3000;
}

static bool is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2014;
}

/*
 * Characters a line must not start with (UAX #14 CL, CP, EX, IS, PO and the
 * ellipsis). The riyal sign is here too: a price must never end one line
 * and have its sign start the next.
 */
static bool no_break_before(uint32_t cp)
{
    switch (cp) {
    case ')':
    case ']':
    case '}':
    case ',':
    case '.':
    case ':':
    case ';':
    case '!':
    case '?':
    case '%':
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x066A:
    case 0x06D4:
    case 0x2026:
    case 0x2030:
    case UI_SIGN_SAUDI_RIYAL:
        return true;
    default:
        return false;
    }
}

/* Tabs become spaces, CR LF one newline, other controls U+FFFD. */
static uint32_t normalise(uint32_t cp, uint32_t next)
{
    if (cp == '\t')
        return ' ';
    if (cp == '\r' && next == '\n')
        return 0x200B; /* zero width, removed by HarfBuzz as a default ignorable */
    if (is_newline(cp))
        return cp;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return UI_UTF8_REPLACEMENT;
    return cp;
}

static bool is_real_script(hb_script_t s)
{
    return s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
}

/* Marks and joiners stay in the face of the character they belong to, so
 * GPOS can place them and joining sees one run. */
static bool sticks_to_previous(hb_unicode_funcs_t *uf, uint32_t cp)
{
    hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || cp == 0x200C || cp == 0x200D ||
           cp == 0x034F || (cp >= 0xFE00 && cp <= 0xFE0F);
}

/* UAX #9 P2/P3 over the whole text: the first L, R or AL outside isolates. */
static bool first_strong_is_rtl(const FriBidiCharType *types, size_t n)
{
    unsigned depth = 0;
    for (size_t i = 0; i < n; i++) {
        FriBidiCharType t = types[i];
        if (t == FRIBIDI_TYPE_PDI) {
            if (depth > 0)
                depth--;
        } else if (FRIBIDI_IS_ISOLATE(t)) {
            depth++;
        } else if (depth == 0 && FRIBIDI_IS_LETTER(t)) {
            return FRIBIDI_IS_RTL(t) != 0;
        }
    }
    return false;
}

/*
 * Common and Inherited characters take the script of the character before
 * them, or after them at the start of a paragraph; a paragraph without any
 * script takes Arabic when it is right-to-left and Latin otherwise.
 */
static void resolve_scripts(hb_script_t *scripts, const uint32_t *cps, size_t start, size_t end,
                            bool rtl)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t last = HB_SCRIPT_INVALID;
    for (size_t i = start; i < end; i++) {
        hb_script_t s = hb_unicode_script(uf, cps[i]);
        if (is_real_script(s)) {
            if (last == HB_SCRIPT_INVALID)
                for (size_t k = start; k < i; k++)
                    scripts[k] = s;
            last = s;
            scripts[i] = s;
        } else if (last != HB_SCRIPT_INVALID) {
            scripts[i] = last;
        }
    }
    if (last == HB_SCRIPT_INVALID)
        for (size_t k = start; k < end; k++)
            scripts[k] = rtl ? HB_SCRIPT_ARABIC : HB_SCRIPT_LATIN;
}

static void pick_faces(struct ui_fonts *fonts, enum ui_font_weight weight, const struct scratch *s,
                       const uint32_t *cps, size_t start, size_t end)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = start; i < end; i++) {
        if (i > start && sticks_to_previous(uf, cps[i]) &&
            ui_fonts_has(fonts, s->faces[i - 1], cps[i]))
            s->faces[i] = s->faces[i - 1];
        else
            s->faces[i] = (uint8_t)ui_fonts_pick(fonts, weight, s->scripts[i], cps[i]);
    }
}

static bool push_run(struct ui_shaped *sh, size_t *cap, const struct ui_shaped_run *run)
{
    if (sh->n_runs == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct ui_shaped_run *n = realloc(sh->runs, ncap * sizeof *n);
        if (!n)
            return false;
        sh->runs = n;
        *cap = ncap;
    }
    sh->runs[sh->n_runs++] = *run;
    return true;
}

/* Splits paragraph [start, end) into runs of one level, script and face. */
static bool itemise(struct ui_shaped *sh, size_t *run_cap, const struct scratch *s, size_t start,
                    size_t end)
{
    size_t i = start;
    while (i < end) {
        struct ui_shaped_run run = {
            .start = (uint32_t)i,
            .level = (uint8_t)s->levels[i],
            .face = s->faces[i],
            .script = s->scripts[i],
        };
        while (i < end && s->levels[i] == s->levels[run.start] && s->faces[i] == run.face &&
               s->scripts[i] == run.script)
            i++;
        run.end = (uint32_t)i;
        if (!push_run(sh, run_cap, &run))
            return false;
    }
    return true;
}

static bool shape_run(struct ui_shaped *sh, size_t *glyph_cap, struct ui_shaped_run *run,
                      struct ui_fonts *fonts, hb_buffer_t *buf, bool para_start, bool para_end)
{
    static const char *const LANG_AR = "ar", *const LANG_EN = "en";
    hb_buffer_clear_contents(buf);
    /* The whole text goes in as context so joining sees across run edges
     * (a word split between two faces still joins); clusters come back as
     * indices into sh->cps. */
    hb_buffer_add_codepoints(buf, sh->cps, (int)sh->n_chars, run->start,
                             (int)(run->end - run->start));
    hb_buffer_set_direction(buf, run->level & 1 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run->script);
    hb_buffer_set_language(
        buf, hb_language_from_string(run->script == HB_SCRIPT_ARABIC ? LANG_AR : LANG_EN, -1));
    hb_buffer_set_flags(buf, (hb_buffer_flags_t)(HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES |
                                                 (para_start ? HB_BUFFER_FLAG_BOT : 0) |
                                                 (para_end ? HB_BUFFER_FLAG_EOT : 0)));
    hb_shape(ui_fonts_hb_font(fonts, run->face, sh->size_px), buf, NULL, 0);
    if (!hb_buffer_allocation_successful(buf))
        return false;

    unsigned n = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    if (sh->n_glyphs + n > *glyph_cap) {
        size_t ncap = (sh->n_glyphs + n) * 2;
        struct ui_shaped_glyph *g = realloc(sh->glyphs, ncap * sizeof *g);
        if (!g)
            return false;
        sh->glyphs = g;
        *glyph_cap = ncap;
    }
    run->first_glyph = (uint32_t)sh->n_glyphs;
    run->n_glyphs = n;
    for (unsigned k = 0; k < n; k++) {
        uint32_t cl = info[k].cluster;
        sh->glyphs[sh->n_glyphs++] = (struct ui_shaped_glyph){
            .glyph = info[k].codepoint,
            .cluster = cl,
            .x_advance = pos[k].x_advance,
            .x_offset = pos[k].x_offset,
            .y_offset = pos[k].y_offset,
            .face = run->face,
        };
        sh->advances[cl] += pos[k].x_advance;
        sh->flags[cl] |= UI_CHAR_CLUSTER_START;
    }
    return true;
}

/*
 * Soft break opportunities: after breaking spaces and after a hyphen inside
 * a word. First, a mark or joiner that ended up in a cluster of its own (its
 * base is in another face) loses its cluster start, so no line, and no
 * ellipsis cut, ever separates it from its base.
 */
static void mark_breaks(struct ui_shaped *sh, size_t start, size_t end)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = start + 1; i < end; i++)
        if (sticks_to_previous(uf, sh->cps[i]))
            sh->flags[i] &= (uint8_t)~UI_CHAR_CLUSTER_START;
    for (size_t i = start + 1; i < end; i++) {
        uint32_t cp = sh->cps[i], prev = sh->cps[i - 1];
        if (!(sh->flags[i] & UI_CHAR_CLUSTER_START) || (sh->flags[i] & UI_CHAR_SPACE) ||
            no_break_before(cp))
            continue;
        bool after_space = is_breaking_space(prev) || prev == 0x200B;
        bool after_hyphen =
            is_hyphen(prev) && i >= start + 2 && !is_breaking_space(sh->cps[i - 2]) &&
            hb_unicode_general_category(uf, cp) != HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER;
        if (after_space || after_hyphen)
            sh->flags[i] |= UI_CHAR_BREAK_BEFORE;
    }
}

static void set_vmetrics(struct ui_shaped *sh, struct ui_fonts *fonts, enum ui_font_weight weight)
{
    bool used[UI_FONT_FACE_COUNT] = {false};
    for (size_t r = 0; r < sh->n_runs; r++)
        used[sh->runs[r].face] = true;
    if (sh->n_runs == 0)
        used[ui_fonts_face(weight, sh->rtl ? UI_FONT_ROLE_ARABIC : UI_FONT_ROLE_LATIN)] = true;
    for (unsigned f = 0; f < UI_FONT_FACE_COUNT; f++) {
        if (!used[f])
            continue;
        int32_t a, d;
        ui_fonts_vmetrics(fonts, f, sh->size_px, &a, &d);
        if (a > sh->ascent)
            sh->ascent = a;
        if (d > sh->descent)
            sh->descent = d;
    }
}

static bool alloc_arrays(struct ui_shaped *sh, struct scratch *s, size_t len)
{
    size_t n = len ? len : 1;
    sh->cps = malloc(n * sizeof *sh->cps);
    sh->offsets = malloc((n + 1) * sizeof *sh->offsets);
    sh->levels = calloc(n, 1);
    sh->flags = calloc(n, 1);
    sh->advances = calloc(n, sizeof *sh->advances);
    s->types = malloc(n * sizeof *s->types);
    s->brackets = malloc(n * sizeof *s->brackets);
    s->levels = malloc(n * sizeof *s->levels);
    s->scripts = malloc(n * sizeof *s->scripts);
    s->faces = calloc(n, 1);
    return sh->cps && sh->offsets && sh->levels && sh->flags && sh->advances && s->types &&
           s->brackets && s->levels && s->scripts && s->faces;
}

static void free_scratch(struct scratch *s)
{
    free(s->types);
    free(s->brackets);
    free(s->levels);
    free(s->scripts);
    free(s->faces);
}

/* Levels, scripts, faces, runs and glyphs of paragraph [start, end). */
static bool shape_paragraph(struct ui_shaped *sh, struct scratch *s, struct ui_fonts *fonts,
                            const struct ui_shape_params *params, hb_buffer_t *buf, size_t start,
                            size_t end, size_t *run_cap, size_t *glyph_cap)
{
    if (start == end)
        return true;
    FriBidiParType base = sh->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    FriBidiStrIndex len = (FriBidiStrIndex)(end - start);
    fribidi_get_bracket_types(sh->cps + start, len, s->types + start, s->brackets + start);
    if (!fribidi_get_par_embedding_levels_ex(s->types + start, s->brackets + start, len, &base,
                                             s->levels + start))
        return false;
    for (size_t i = start; i < end; i++)
        sh->levels[i] = (uint8_t)s->levels[i];
    resolve_scripts(s->scripts, sh->cps, start, end, sh->rtl);
    pick_faces(fonts, params->weight, s, sh->cps, start, end);
    size_t first_run = sh->n_runs;
    if (!itemise(sh, run_cap, s, start, end))
        return false;
    for (size_t r = first_run; r < sh->n_runs; r++)
        if (!shape_run(sh, glyph_cap, &sh->runs[r], fonts, buf, sh->runs[r].start == start,
                       sh->runs[r].end == end))
            return false;
    mark_breaks(sh, start, end);
    return true;
}

struct ui_shaped *ui_shape_text(struct ui_fonts *fonts, const char *utf8, size_t len,
                                const struct ui_shape_params *params)
{
    if (!fonts || !utf8 || !params || len > UI_SHAPE_MAX_BYTES)
        return NULL;
    struct scratch s = {0};
    hb_buffer_t *buf = NULL;
    struct ui_shaped *sh = calloc(1, sizeof *sh);
    if (!sh)
        return NULL;
    sh->size_px = ui_fonts_clamp_px(params->size_px);
    if (!alloc_arrays(sh, &s, len))
        goto error;

    sh->n_chars = ui_utf8_decode(utf8, len, sh->cps, sh->offsets);
    sh->offsets[sh->n_chars] = (uint32_t)len;
    for (size_t i = 0; i < sh->n_chars; i++) {
        sh->cps[i] = normalise(sh->cps[i], i + 1 < sh->n_chars ? sh->cps[i + 1] : 0);
        if (is_newline(sh->cps[i]))
            sh->flags[i] |= UI_CHAR_NEWLINE;
        else if (is_breaking_space(sh->cps[i]))
            sh->flags[i] |= UI_CHAR_SPACE;
    }

    fribidi_get_bidi_types(sh->cps, (FriBidiStrIndex)sh->n_chars, s.types);
    for (size_t i = 0; i < sh->n_chars; i++)
        if (sh->cps[i] == UI_SIGN_SAUDI_RIYAL)
            s.types[i] = FRIBIDI_TYPE_ET; /* see ui/shape.h */
    if (params->dir == UI_TEXT_DIR_AUTO)
        sh->rtl = first_strong_is_rtl(s.types, sh->n_chars);
    else
        sh->rtl = params->dir == UI_TEXT_DIR_RTL;

    buf = hb_buffer_create();
    if (!hb_buffer_allocation_successful(buf))
        goto error;
    size_t run_cap = 0, glyph_cap = 0, start = 0;
    for (size_t i = 0; i <= sh->n_chars; i++) {
        if (i < sh->n_chars && !(sh->flags[i] & UI_CHAR_NEWLINE))
            continue;
        if (!shape_paragraph(sh, &s, fonts, params, buf, start, i, &run_cap, &glyph_cap))
            goto error;
        if (i < sh->n_chars)
            sh->levels[i] = sh->rtl ? 1 : 0;
        start = i + 1;
    }
    set_vmetrics(sh, fonts, params->weight);
    sh->bytes = sizeof *sh +
                sh->n_chars * (sizeof *sh->cps + sizeof *sh->offsets + 2 + sizeof *sh->advances) +
                sizeof *sh->offsets + sh->n_runs * sizeof *sh->runs +
                sh->n_glyphs * sizeof *sh->glyphs;
    hb_buffer_destroy(buf);
    free_scratch(&s);
    return sh;
error:
    hb_buffer_destroy(buf);
    free_scratch(&s);
    ui_shaped_free(sh);
    return NULL;
}

void ui_shaped_free(struct ui_shaped *shaped)
{
    if (!shaped)
        return;
    free(shaped->cps);
    free(shaped->offsets);
    free(shaped->levels);
    free(shaped->flags);
    free(shaped->advances);
    free(shaped->runs);
    free(shaped->glyphs);
    free(shaped);
}
