/*
 * Documents to rasters: see kiosk/render/doc_raster.h.
 *
 * Two passes. The first places every row: its top, its height and where
 * each text cell goes, measured by the same engine that draws. The second
 * draws the text in strips of STRIP_ROWS rows (the software surface stays
 * small whatever the receipt's length; a row crossing a strip boundary is
 * drawn in both, clipped), thresholds each strip into the raster, then
 * sets the dots of rules and QR codes directly.
 */
#include "kiosk/render/doc_raster.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "ui/offscreen.h"
#include "ui/text.h"

#define STRIP_ROWS 256
#define INK_THRESHOLD 144       /* grey levels below this print black: 0 black .. 255 white */
#define QR_TARGET_TENTHS_MM 300 /* a QR code about 30 mm wide, quiet zone included */
#define QR_QUIET_MODULES 4

/* Em sizes in tenths of a millimetre, per enum ks_doc_font. */
static const int font_tenths_mm[KS_DOC_FONT_COUNT] = {
    [KS_DOC_TINY] = 20,  [KS_DOC_SMALL] = 25, [KS_DOC_BODY] = 30,
    [KS_DOC_LARGE] = 38, [KS_DOC_TITLE] = 42, [KS_DOC_HUGE] = 120,
};

struct ks_doc_renderer {
    uint32_t width;
    uint16_t dpi;
    struct ui_offscreen *strip; /* owned: width x STRIP_ROWS, RGBA */
    struct ui_text *text;       /* owned: draws on strip */
    int font_px[KS_DOC_FONT_COUNT];
    int margin;   /* dots kept white at each side */
    int indent;   /* dots per indent step */
    int cell_gap; /* dots between cells of a row */
    int row_gap;  /* dots under each text row */
};

/*
 * A text placed by the first pass: its tight box (see fit) is at (x, y)
 * from the row's top, in a box of box_w; it is drawn trim dots higher.
 */
struct cell {
    const char *text; /* borrowed from the document */
    struct ui_text_style style;
    int x, y, box_w;
    int trim; /* dots of the face's ascent cut above the tight box */
    int full; /* the face's height of the text, untrimmed */
};

/*
 * A text's extent on paper. The faces' own metrics are tall (Noto Sans
 * Arabic: ascent 1.374 em, descent 0.738 em, room for stacked marks that
 * receipts hardly use), so a row is laid out on a tighter box: at most
 * TIGHT_ASCENT above the first baseline and TIGHT_DESCENT below the last.
 * The rare mark that reaches past it may touch the next row's white space;
 * it is still drawn, since strips are chosen by the full extent.
 */
#define TIGHT_ASCENT_PERMILLE 1100
#define TIGHT_DESCENT_PERMILLE 450

struct fit {
    int ascent; /* tight: dots above the first baseline */
    int height; /* tight: first line's top to last line's bottom */
    int width;  /* the widest line */
};

struct placed {
    const ks_doc_row *row;   /* borrowed */
    int y, h;                /* the row's tight box */
    int ink_top, ink_bottom; /* rows any of its glyphs may touch, full metrics */
    struct cell cells[3];
    int n_cells;
};

enum side { SIDE_LEFT, SIDE_CENTRE, SIDE_RIGHT };

static int dots(const ks_doc_renderer *r, int tenths_mm)
{
    return (tenths_mm * r->dpi + 127) / 254;
}

ks_doc_renderer *ks_doc_renderer_new(const char *font_dir, uint32_t width_dots, uint16_t dpi)
{
    if (width_dots < 8 || width_dots > DEV_RASTER_MAX_WIDTH || dpi < 100 || dpi > 600)
        return NULL;
    ks_doc_renderer *r = calloc(1, sizeof *r);
    if (!r)
        goto error;
    r->width = width_dots;
    r->dpi = dpi;
    r->strip = ui_offscreen_new((int)width_dots, STRIP_ROWS);
    if (!r->strip)
        goto error;
    r->text = ui_text_new(font_dir, r->strip->renderer, NULL);
    if (!r->text)
        goto error;
    for (int f = 0; f < KS_DOC_FONT_COUNT; f++)
        r->font_px[f] = dots(r, font_tenths_mm[f]);
    r->margin = dots(r, 10);
    r->indent = dots(r, 40);
    r->cell_gap = dots(r, 20);
    r->row_gap = dots(r, 4);
    return r;
error:
    ks_doc_renderer_free(r);
    return NULL;
}

void ks_doc_renderer_free(ks_doc_renderer *r)
{
    if (!r)
        return;
    ui_text_free(r->text); /* before the renderer its atlas lives on */
    ui_offscreen_free(r->strip);
    free(r);
}

/*
 * Puts text in box [x, x + w) (wrapped to w when wrap) with its lines
 * against `side` whatever the text's own direction; *f receives its
 * extent. False when it cannot be measured.
 */
static bool place(ks_doc_renderer *r, struct cell *c, const char *text, enum ks_doc_font font,
                  bool bold, bool wrap, enum side side, int x, int w, struct fit *f)
{
    if (w < 1)
        w = 1;
    struct ui_text_style style = {
        .size_px = r->font_px[font],
        .weight = bold ? UI_FONT_BOLD : UI_FONT_REGULAR,
        .dir = UI_TEXT_DIR_AUTO,
        .max_width = wrap ? w : 0,
    };
    struct ui_text_metrics m;
    if (!ui_text_measure(r->text, text, &style, &m))
        return false;
    if (side == SIDE_CENTRE)
        style.align = UI_TEXT_ALIGN_CENTER;
    else
        style.align = (side == SIDE_RIGHT) == m.rtl ? UI_TEXT_ALIGN_START : UI_TEXT_ALIGN_END;
    int size = style.size_px;
    int ascent = (size * TIGHT_ASCENT_PERMILLE + 999) / 1000;
    int descent = (size * TIGHT_DESCENT_PERMILLE + 999) / 1000;
    int trim_top = m.ascent > ascent ? m.ascent - ascent : 0;
    int trim_bottom = m.descent > descent ? m.descent - descent : 0;
    *f = (struct fit){
        .ascent = m.ascent - trim_top,
        .height = m.height - trim_top - trim_bottom,
        .width = m.width,
    };
    *c = (struct cell){
        .text = text, .style = style, .x = x, .box_w = w, .trim = trim_top, .full = m.height};
    return true;
}

/* The physical side of a side of the document. */
static enum side side_of(const ks_doc *doc, enum ks_doc_align align)
{
    if (align == KS_DOC_CENTER)
        return SIDE_CENTRE;
    bool start = align == KS_DOC_START;
    return start == ks_doc_rtl(doc) ? SIDE_RIGHT : SIDE_LEFT;
}

/* The content box of a row indented `indent` steps from the start side. */
static void content_box(const ks_doc_renderer *r, const ks_doc *doc, int indent, int *x, int *w)
{
    int in = indent > 0 ? indent * r->indent : 0;
    *w = (int)r->width - 2 * r->margin - in;
    *x = ks_doc_rtl(doc) ? r->margin : r->margin + in;
}

static bool place_text(ks_doc_renderer *r, const ks_doc *doc, struct placed *p)
{
    const ks_doc_row *row = p->row;
    int x, w;
    content_box(r, doc, row->indent, &x, &w);
    struct fit f;
    if (!place(r, &p->cells[0], row->text, row->font, row->bold, true, side_of(doc, row->align), x,
               w, &f))
        return false;
    p->n_cells = 1;
    p->h = f.height + r->row_gap;
    return true;
}

/*
 * Text (and the smaller sub line under it) at the start side, the amount at
 * the end side on the first line's baseline.
 */
static bool place_pair(ks_doc_renderer *r, const ks_doc *doc, struct placed *p)
{
    const ks_doc_row *row = p->row;
    int x, w;
    content_box(r, doc, row->indent, &x, &w);
    enum side start = side_of(doc, KS_DOC_START), end = side_of(doc, KS_DOC_END);
    struct fit me = {0}, mt, ms = {0};
    struct cell *amount = NULL;
    if (row->end) {
        amount = &p->cells[p->n_cells++];
        if (!place(r, amount, row->end, row->font, row->bold, false, end, x, w, &me))
            return false;
        amount->box_w = me.width;
        amount->x = end == SIDE_RIGHT ? x + w - me.width : x;
    }
    int text_w = amount ? w - me.width - r->cell_gap : w;
    int text_x = amount && start == SIDE_LEFT ? x : x + (w - text_w);
    struct cell *text = &p->cells[p->n_cells++];
    if (!place(r, text, row->text, row->font, row->bold, true, start, text_x, text_w, &mt))
        return false;
    int baseline = mt.ascent > me.ascent ? mt.ascent : me.ascent;
    text->y = baseline - mt.ascent;
    int bottom = text->y + mt.height;
    if (amount) {
        amount->y = baseline - me.ascent;
        if (amount->y + me.height > bottom)
            bottom = amount->y + me.height;
    }
    if (row->sub) {
        struct cell *sub = &p->cells[p->n_cells++];
        if (!place(r, sub, row->sub, KS_DOC_SMALL, false, true, start, text_x, text_w, &ms))
            return false;
        sub->y = text->y + mt.height;
        if (sub->y + ms.height > bottom)
            bottom = sub->y + ms.height;
    }
    p->h = bottom + r->row_gap;
    return true;
}

/* Left and right labels on one baseline, the centre cell between them (or under, if cramped). */
static bool place_trio(ks_doc_renderer *r, struct placed *p)
{
    const ks_doc_row *row = p->row;
    int x = r->margin, w = (int)r->width - 2 * r->margin;
    struct fit ml = {0}, mr = {0}, mc = {0};
    struct cell *left = NULL, *right = NULL, *centre = NULL;
    if (row->text) {
        left = &p->cells[p->n_cells++];
        if (!place(r, left, row->text, KS_DOC_SMALL, false, false, SIDE_LEFT, x, w, &ml))
            return false;
        left->box_w = ml.width;
    }
    if (row->end) {
        right = &p->cells[p->n_cells++];
        if (!place(r, right, row->end, KS_DOC_SMALL, false, false, SIDE_RIGHT, x, w, &mr))
            return false;
        right->x = x + w - mr.width;
        right->box_w = mr.width;
    }
    /* Between the labels on one line when it fits there, else centred under them. */
    int cx = x + ml.width + r->cell_gap, cw = w - ml.width - mr.width - 2 * r->cell_gap;
    bool below = false;
    if (row->sub) {
        centre = &p->cells[p->n_cells++];
        if (!place(r, centre, row->sub, row->font, false, false, SIDE_CENTRE, cx, cw, &mc))
            return false;
        below = mc.width > cw;
        if (below && !place(r, centre, row->sub, row->font, false, true, SIDE_CENTRE, x, w, &mc))
            return false;
    }
    int baseline = ml.ascent > mr.ascent ? ml.ascent : mr.ascent;
    if (!below && mc.ascent > baseline)
        baseline = mc.ascent;
    int labels_h = 0;
    if (left) {
        left->y = baseline - ml.ascent;
        labels_h = left->y + ml.height;
    }
    if (right) {
        right->y = baseline - mr.ascent;
        if (right->y + mr.height > labels_h)
            labels_h = right->y + mr.height;
    }
    int bottom = labels_h;
    if (centre) {
        centre->y = below ? labels_h : baseline - mc.ascent;
        if (centre->y + mc.height > bottom)
            bottom = centre->y + mc.height;
    }
    p->h = bottom + r->row_gap;
    return true;
}

static int qr_module_dots(const ks_doc_renderer *r, int modules)
{
    int total = modules + 2 * QR_QUIET_MODULES;
    int module = dots(r, QR_TARGET_TENTHS_MM) / total;
    int fit = ((int)r->width - 2 * r->margin) / total;
    if (module > fit)
        module = fit;
    return module < 1 ? 1 : module;
}

/* Rows [0, n) placed top to bottom; the total height in *height. */
static bool place_rows(ks_doc_renderer *r, const ks_doc *doc, struct placed *placed, size_t n,
                       QRcode **qrs, int *height)
{
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        struct placed *p = &placed[i];
        bool ok = true;
        switch (p->row->kind) {
        case KS_DOC_ROW_TEXT:
            ok = place_text(r, doc, p);
            break;
        case KS_DOC_ROW_PAIR:
            ok = place_pair(r, doc, p);
            break;
        case KS_DOC_ROW_TRIO:
            ok = place_trio(r, p);
            break;
        case KS_DOC_ROW_RULE:
            p->h = dots(r, 25);
            break;
        case KS_DOC_ROW_GAP:
            p->h = dots(r, p->row->gap_tenths_mm);
            break;
        case KS_DOC_ROW_QR:
            qrs[i] = QRcode_encodeString(p->row->text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
            ok = qrs[i] != NULL;
            if (ok)
                p->h = (qrs[i]->width + 2 * QR_QUIET_MODULES) * qr_module_dots(r, qrs[i]->width);
            break;
        }
        if (!ok)
            return false;
        p->y = y;
        p->ink_top = y;
        p->ink_bottom = y + p->h;
        for (int c = 0; c < p->n_cells; c++) {
            const struct cell *cell = &p->cells[c];
            int top = y + cell->y - cell->trim;
            int bottom = top + cell->full;
            if (top < p->ink_top)
                p->ink_top = top;
            if (bottom > p->ink_bottom)
                p->ink_bottom = bottom;
        }
        if (p->h > DEV_RASTER_MAX_HEIGHT - y)
            return false;
        y += p->h;
    }
    *height = y;
    return true;
}

/* Draws the text cells overlapping rows [y0, y0 + STRIP_ROWS) and thresholds them into raster. */
static bool draw_strip(ks_doc_renderer *r, const struct placed *placed, size_t n, int y0,
                       dev_raster *raster)
{
    static const SDL_Color ink = {0, 0, 0, 255};
    SDL_Renderer *sdl = r->strip->renderer;
    SDL_SetRenderDrawColor(sdl, 255, 255, 255, 255);
    SDL_RenderClear(sdl);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const struct placed *p = &placed[i];
        if (p->ink_top >= y0 + STRIP_ROWS || p->ink_bottom <= y0)
            continue;
        for (int c = 0; c < p->n_cells; c++) {
            const struct cell *cell = &p->cells[c];
            ok &= ui_text_draw(r->text, cell->text, &cell->style, ink, cell->x,
                               p->y + cell->y - cell->trim - y0, cell->box_w);
        }
    }
    SDL_RenderFlush(sdl);
    const SDL_Surface *s = r->strip->surface;
    uint32_t rows =
        raster->height - (uint32_t)y0 < STRIP_ROWS ? raster->height - (uint32_t)y0 : STRIP_ROWS;
    for (uint32_t y = 0; y < rows; y++) {
        const uint8_t *px = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
        uint8_t *out = raster->bits + (size_t)(y0 + (int)y) * raster->stride;
        for (uint32_t x = 0; x < raster->width; x++)
            if (px[x * 4] < INK_THRESHOLD) /* R of RGBA32; the text is grey on white */
                out[x >> 3] |= (uint8_t)(0x80u >> (x & 7));
    }
    return ok;
}

static void fill(dev_raster *raster, int x0, int y0, int w, int h)
{
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            dev_raster_set(raster, (uint32_t)x, (uint32_t)y, true);
}

static void draw_rule(const ks_doc_renderer *r, const struct placed *p, dev_raster *raster)
{
    int thick = dots(r, 3) > 0 ? dots(r, 3) : 1, dash = dots(r, 10), space = dots(r, 5);
    int y = p->y + (p->h - thick) / 2;
    for (int x = r->margin; x < (int)r->width - r->margin; x += dash + space) {
        int len = x + dash <= (int)r->width - r->margin ? dash : (int)r->width - r->margin - x;
        fill(raster, x, y, len, thick);
    }
}

static void draw_qr(const ks_doc_renderer *r, const struct placed *p, const QRcode *qr,
                    dev_raster *raster)
{
    int module = qr_module_dots(r, qr->width);
    int side = (qr->width + 2 * QR_QUIET_MODULES) * module;
    int x0 = ((int)r->width - side) / 2 + QR_QUIET_MODULES * module;
    int y0 = p->y + QR_QUIET_MODULES * module;
    for (int my = 0; my < qr->width; my++)
        for (int mx = 0; mx < qr->width; mx++)
            if (qr->data[my * qr->width + mx] & 1)
                fill(raster, x0 + mx * module, y0 + my * module, module, module);
}

dev_raster *ks_doc_render(ks_doc_renderer *r, const ks_doc *doc)
{
    if (!r || !ks_doc_ok(doc))
        return NULL;
    size_t n;
    const ks_doc_row *rows = ks_doc_rows(doc, &n);
    dev_raster *raster = NULL;
    struct placed *placed = calloc(n ? n : 1, sizeof *placed);
    QRcode **qrs = calloc(n ? n : 1, sizeof *qrs);
    int height = 0;
    if (!placed || !qrs)
        goto error;
    for (size_t i = 0; i < n; i++)
        placed[i].row = &rows[i];
    if (!place_rows(r, doc, placed, n, qrs, &height))
        goto error;
    raster = dev_raster_new(r->width, (uint32_t)height);
    if (!raster)
        goto error;
    for (int y0 = 0; y0 < height; y0 += STRIP_ROWS)
        if (!draw_strip(r, placed, n, y0, raster))
            goto error;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].kind == KS_DOC_ROW_RULE)
            draw_rule(r, &placed[i], raster);
        else if (rows[i].kind == KS_DOC_ROW_QR)
            draw_qr(r, &placed[i], qrs[i], raster);
    }
    goto end;
error:
    dev_raster_free(raster);
    raster = NULL;
end:
    for (size_t i = 0; qrs && i < n; i++)
        QRcode_free(qrs[i]);
    free(qrs);
    free(placed);
    return raster;
}
