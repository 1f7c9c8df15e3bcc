/* Row, column, grid and stack layouts (see ui/w_container.h). */
#include "ui/w_container_class.h"

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

static struct ui_container *as_container(const struct ui_widget *w)
{
    return ui_widget_is(w, &ui_container_class) ? (struct ui_container *)(void *)w : NULL;
}

static bool hidden(const struct ui_widget *w)
{
    return (w->flags & UI_WF_HIDDEN) != 0;
}

static int visible_children(const struct ui_widget *w)
{
    int n = 0;
    for (int i = 0; i < w->n_children; i++)
        n += !hidden(w->children[i]);
    return n;
}

/* ---- measuring ---- */

static void measure_linear(const struct ui_container *c, int avail_w, int avail_h, int *out_w,
                           int *out_h)
{
    bool row = c->kind == UI_LAYOUT_ROW;
    int main = 0, cross = 0, n = 0;
    for (int i = 0; i < c->base.n_children; i++) {
        struct ui_widget *ch = c->base.children[i];
        if (hidden(ch))
            continue;
        int mw = ch->margin.start + ch->margin.end, mh = ch->margin.top + ch->margin.bottom;
        int cw, chh;
        ui_widget_measure(ch, avail_w < 0 ? -1 : max_int(avail_w - mw, 0),
                          avail_h < 0 ? -1 : max_int(avail_h - mh, 0), &cw, &chh);
        main += row ? cw + mw : chh + mh;
        cross = max_int(cross, row ? chh + mh : cw + mw);
        n++;
    }
    main += n > 1 ? (n - 1) * c->gap : 0;
    *out_w = row ? main : cross;
    *out_h = row ? cross : main;
}

static int grid_cell_width(const struct ui_container *c, int width)
{
    return max_int((width - (c->columns - 1) * c->gap) / c->columns, 0);
}

/* Height of a grid's child in a cell cell_w wide, margins included. */
static int grid_child_height(struct ui_widget *ch, int cell_w)
{
    int mw = ch->margin.start + ch->margin.end, mh = ch->margin.top + ch->margin.bottom;
    int cw, chh;
    ui_widget_measure(ch, max_int(cell_w - mw, 0), -1, &cw, &chh);
    return chh + mh;
}

static void measure_grid(const struct ui_container *c, int avail_w, int *out_w, int *out_h)
{
    int widest = 0;
    if (avail_w < 0) {
        for (int i = 0; i < c->base.n_children; i++) {
            struct ui_widget *ch = c->base.children[i];
            if (hidden(ch))
                continue;
            int cw, chh;
            ui_widget_measure(ch, -1, -1, &cw, &chh);
            widest = max_int(widest, cw + ch->margin.start + ch->margin.end);
        }
        avail_w = c->columns * widest + (c->columns - 1) * c->gap;
    }
    int cell_w = grid_cell_width(c, avail_w);
    int height = 0, row_h = 0, col = 0, rows = 0;
    for (int i = 0; i < c->base.n_children; i++) {
        struct ui_widget *ch = c->base.children[i];
        if (hidden(ch))
            continue;
        row_h = max_int(row_h, grid_child_height(ch, cell_w));
        if (++col == c->columns) {
            height += row_h;
            rows++;
            row_h = col = 0;
        }
    }
    if (col > 0) {
        height += row_h;
        rows++;
    }
    *out_w = avail_w;
    *out_h = height + (rows > 1 ? (rows - 1) * c->gap : 0);
}

static void measure_stack(const struct ui_container *c, int avail_w, int avail_h, int *out_w,
                          int *out_h)
{
    int w = 0, h = 0;
    for (int i = 0; i < c->base.n_children; i++) {
        struct ui_widget *ch = c->base.children[i];
        if (hidden(ch))
            continue;
        int mw = ch->margin.start + ch->margin.end, mh = ch->margin.top + ch->margin.bottom;
        int cw, chh;
        ui_widget_measure(ch, avail_w < 0 ? -1 : max_int(avail_w - mw, 0),
                          avail_h < 0 ? -1 : max_int(avail_h - mh, 0), &cw, &chh);
        w = max_int(w, cw + mw);
        h = max_int(h, chh + mh);
    }
    *out_w = w;
    *out_h = h;
}

void ui_container_measure(struct ui_widget *w, int avail_w, int avail_h, int *out_w, int *out_h)
{
    const struct ui_container *c = as_container(w);
    switch (c->kind) {
    case UI_LAYOUT_GRID:
        measure_grid(c, avail_w, out_w, out_h);
        return;
    case UI_LAYOUT_STACK:
        measure_stack(c, avail_w, avail_h, out_w, out_h);
        return;
    case UI_LAYOUT_ROW:
    case UI_LAYOUT_COLUMN:
    default:
        measure_linear(c, avail_w, avail_h, out_w, out_h);
        return;
    }
}

/* ---- placing ---- */

/* Offset of a size inside space by an alignment (STRETCH callers resize first). */
static int align_offset(enum ui_align a, int space, int size)
{
    switch (a) {
    case UI_ALIGN_CENTER:
        return (space - size) / 2;
    case UI_ALIGN_END:
        return space - size;
    default:
        return 0;
    }
}

/*
 * Row or column. Children's rect is scratch space while placing: first the
 * main size (fixed sizes, then AUTO ones measured in what is left, then FILL
 * shares), then positions.
 */
static void layout_linear(struct ui_container *c)
{
    struct ui_widget *w = &c->base;
    bool row = c->kind == UI_LAYOUT_ROW;
    SDL_Rect box = ui_widget_content_ltr(w);
    int main_size = row ? box.w : box.h, cross_size = row ? box.h : box.w;
    int n = visible_children(w), fills = 0;
    int used = n > 1 ? (n - 1) * c->gap : 0;

    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < w->n_children; i++) {
            struct ui_widget *ch = w->children[i];
            if (hidden(ch))
                continue;
            int req = row ? ch->width : ch->height;
            if ((pass == 0) != (req > 0))
                continue; /* fixed sizes in the first pass, the rest in the second */
            int m_main =
                row ? ch->margin.start + ch->margin.end : ch->margin.top + ch->margin.bottom;
            int m_cross =
                row ? ch->margin.top + ch->margin.bottom : ch->margin.start + ch->margin.end;
            int cross_avail = max_int(cross_size - m_cross, 0);
            if (req == UI_SIZE_FILL) {
                fills++;
                used += m_main;
                continue;
            }
            int left = max_int(main_size - used - m_main, 0), mw, mh;
            if (row)
                ui_widget_measure(ch, req > 0 ? req : left, cross_avail, &mw, &mh);
            else
                ui_widget_measure(ch, cross_avail, req > 0 ? req : left, &mw, &mh);
            ch->rect.w = row ? mw : mh; /* main size, for now */
            used += ch->rect.w + m_main;
        }
    }

    int free_space = max_int(main_size - used, 0);
    int share = fills ? free_space / fills : 0, extra = fills ? free_space % fills : 0;
    int pos = 0, gap = c->gap;
    if (fills == 0) {
        if (c->justify == UI_JUSTIFY_CENTER)
            pos = free_space / 2;
        else if (c->justify == UI_JUSTIFY_END)
            pos = free_space;
        else if (c->justify == UI_JUSTIFY_SPACE_BETWEEN && n > 1)
            gap += free_space / (n - 1);
    }

    for (int i = 0; i < w->n_children; i++) {
        struct ui_widget *ch = w->children[i];
        if (hidden(ch))
            continue;
        int req_main = row ? ch->width : ch->height, req_cross = row ? ch->height : ch->width;
        int m_before = row ? ch->margin.start : ch->margin.top;
        int m_after = row ? ch->margin.end : ch->margin.bottom;
        int c_before = row ? ch->margin.top : ch->margin.start;
        int c_after = row ? ch->margin.bottom : ch->margin.end;
        int main = req_main == UI_SIZE_FILL ? share + (extra-- > 0 ? 1 : 0) : ch->rect.w;
        int cross_avail = max_int(cross_size - c_before - c_after, 0);
        enum ui_align a = (row ? ch->align_y : ch->align_x);
        a = a == UI_ALIGN_AUTO ? c->align : a;
        int cross;
        if (req_cross > 0)
            cross = req_cross;
        else if (req_cross == UI_SIZE_FILL || a == UI_ALIGN_STRETCH)
            cross = cross_avail;
        else {
            int mw, mh;
            if (row)
                ui_widget_measure(ch, main, cross_avail, &mw, &mh);
            else
                ui_widget_measure(ch, cross_avail, main, &mw, &mh);
            cross = row ? mh : mw;
            cross = cross > cross_avail ? cross_avail : cross;
        }
        int cross_pos = c_before + align_offset(a, cross_avail, cross);
        pos += m_before;
        ch->rect = row ? (SDL_Rect){box.x + pos, box.y + cross_pos, main, cross}
                       : (SDL_Rect){box.x + cross_pos, box.y + pos, cross, main};
        pos += main + m_after + gap;
    }
}

static void layout_grid(struct ui_container *c)
{
    struct ui_widget *w = &c->base;
    SDL_Rect box = ui_widget_content_ltr(w);
    int cell_w = grid_cell_width(c, box.w);
    int y = box.y;
    int first = 0; /* index of the first child of the current row */
    while (first < w->n_children) {
        /* One row: up to `columns` visible children, as tall as the tallest. */
        int row_h = 0, end = first, col = 0;
        for (; end < w->n_children && col < c->columns; end++) {
            if (hidden(w->children[end]))
                continue;
            struct ui_widget *ch = w->children[end];
            row_h = max_int(row_h, ch->height > 0 ? ch->height + ch->margin.top + ch->margin.bottom
                                                  : grid_child_height(ch, cell_w));
            col++;
        }
        col = 0;
        for (int i = first; i < end; i++) {
            struct ui_widget *ch = w->children[i];
            if (hidden(ch))
                continue;
            int x = box.x + col * (cell_w + c->gap);
            SDL_Rect cell = {x + ch->margin.start, y + ch->margin.top,
                             max_int(cell_w - ch->margin.start - ch->margin.end, 0),
                             max_int(row_h - ch->margin.top - ch->margin.bottom, 0)};
            if (ch->width > 0)
                cell.w = ch->width;
            if (ch->height > 0)
                cell.h = ch->height;
            ch->rect = cell;
            col++;
        }
        if (col == 0)
            break;
        y += row_h + c->gap;
        first = end;
    }
}

static void layout_stack(struct ui_container *c)
{
    struct ui_widget *w = &c->base;
    SDL_Rect box = ui_widget_content_ltr(w);
    for (int i = 0; i < w->n_children; i++) {
        struct ui_widget *ch = w->children[i];
        if (hidden(ch))
            continue;
        int aw = max_int(box.w - ch->margin.start - ch->margin.end, 0);
        int ah = max_int(box.h - ch->margin.top - ch->margin.bottom, 0);
        enum ui_align ax = ch->align_x == UI_ALIGN_AUTO ? c->align : ch->align_x;
        enum ui_align ay = ch->align_y == UI_ALIGN_AUTO ? c->align : ch->align_y;
        int mw, mh;
        ui_widget_measure(ch, aw, ah, &mw, &mh);
        int cw = ch->width == UI_SIZE_FILL || ax == UI_ALIGN_STRETCH ? aw : mw > aw ? aw : mw;
        int chh = ch->height == UI_SIZE_FILL || ay == UI_ALIGN_STRETCH ? ah : mh > ah ? ah : mh;
        ch->rect = (SDL_Rect){box.x + ch->margin.start + align_offset(ax, aw, cw),
                              box.y + ch->margin.top + align_offset(ay, ah, chh), cw, chh};
    }
}

void ui_container_layout(struct ui_widget *w)
{
    struct ui_container *c = as_container(w);
    switch (c->kind) {
    case UI_LAYOUT_GRID:
        layout_grid(c);
        return;
    case UI_LAYOUT_STACK:
        layout_stack(c);
        return;
    case UI_LAYOUT_ROW:
    case UI_LAYOUT_COLUMN:
    default:
        layout_linear(c);
        return;
    }
}

enum ui_color_role ui_container_backdrop(const struct ui_widget *w)
{
    for (const struct ui_widget *a = w ? w->parent : NULL; a; a = a->parent) {
        const struct ui_container *c = as_container(a);
        if (c && c->background != UI_COLOR_COUNT)
            return c->background;
    }
    return UI_COLOR_BACKGROUND;
}

void ui_container_draw(struct ui_widget *w)
{
    const struct ui_container *c = as_container(w);
    if (c->background == UI_COLOR_COUNT)
        return;
    ui_draw_round_fill(w->tree->draw, w->rect, w->radius,
                       ui_theme_color(w->tree->theme, c->background));
}

const struct ui_widget_class ui_container_class = {
    .name = "container",
    .size = sizeof(struct ui_container),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = ui_container_draw,
};

void ui_container_init(struct ui_widget *w, enum ui_layout_kind kind, int gap)
{
    struct ui_container *c = as_container(w);
    if (!c)
        return;
    c->kind = kind;
    c->gap = gap > 0 ? gap : 0;
    c->columns = 1;
    c->align = kind == UI_LAYOUT_ROW ? UI_ALIGN_CENTER : UI_ALIGN_STRETCH;
    c->justify = UI_JUSTIFY_START;
    c->background = UI_COLOR_COUNT;
}

static struct ui_widget *container_new(enum ui_layout_kind kind, int gap)
{
    struct ui_widget *w = ui_widget_new(&ui_container_class);
    ui_container_init(w, kind, gap);
    return w;
}

struct ui_widget *ui_row_new(int gap)
{
    return container_new(UI_LAYOUT_ROW, gap);
}

struct ui_widget *ui_column_new(int gap)
{
    return container_new(UI_LAYOUT_COLUMN, gap);
}

struct ui_widget *ui_grid_new(int columns, int gap)
{
    struct ui_widget *w = container_new(UI_LAYOUT_GRID, gap);
    struct ui_container *c = as_container(w);
    if (c)
        c->columns = columns > 0 ? columns : 1;
    return w;
}

struct ui_widget *ui_stack_new(void)
{
    return container_new(UI_LAYOUT_STACK, 0);
}

void ui_container_set_align(struct ui_widget *w, enum ui_align cross)
{
    struct ui_container *c = as_container(w);
    if (!c)
        return;
    c->align = cross == UI_ALIGN_AUTO ? UI_ALIGN_START : cross;
    ui_widget_request_layout(w);
}

void ui_container_set_justify(struct ui_widget *w, enum ui_justify justify)
{
    struct ui_container *c = as_container(w);
    if (!c)
        return;
    c->justify = justify;
    ui_widget_request_layout(w);
}

void ui_container_set_gap(struct ui_widget *w, int gap)
{
    struct ui_container *c = as_container(w);
    if (!c)
        return;
    c->gap = gap > 0 ? gap : 0;
    ui_widget_request_layout(w);
}

void ui_container_set_background(struct ui_widget *w, enum ui_color_role role, int radius)
{
    struct ui_container *c = as_container(w);
    if (!c)
        return;
    c->background = (unsigned)role < UI_COLOR_COUNT ? role : UI_COLOR_COUNT;
    w->radius = radius > 0 ? radius : 0;
    ui_widget_invalidate(w);
}
