/*
 * Pictograms (see kiosk/screens/pictogram.h). Each is drawn on a 100 x 100
 * grid scaled to the widget's content box, with the shapes of ui/draw.h.
 */
#include "kiosk/screens/pictogram.h"

#include "ui/draw.h"
#include "ui/w_container_class.h"
#include "ui/widget_class.h"

struct picto {
    struct ui_widget base;
    enum ks_picto picto;
    enum ui_color_role color;
    enum ui_color_role cut; /* UI_COLOR_COUNT: the backdrop */
};

static const struct ui_widget_class picto_class;

static struct picto *as_picto(const struct ui_widget *w)
{
    return ui_widget_is(w, &picto_class) ? (struct picto *)(void *)w : NULL;
}

/* The drawing surface: a square box and the colours in use. */
struct canvas {
    struct ui_draw *d;
    int x, y, s; /* top-left corner and side of the 100-unit square */
    SDL_Color ink, cut, muted;
};

static int u(const struct canvas *c, int units)
{
    return units * c->s / 100;
}

static SDL_Rect box(const struct canvas *c, int x, int y, int w, int h)
{
    return (SDL_Rect){c->x + u(c, x), c->y + u(c, y), u(c, w), u(c, h)};
}

static void rect(const struct canvas *c, int x, int y, int w, int h, int r, SDL_Color col)
{
    ui_draw_round_fill(c->d, box(c, x, y, w, h), u(c, r), col);
}

static void disc(const struct canvas *c, int cx, int cy, int r, SDL_Color col)
{
    ui_draw_disc(c->d, c->x + u(c, cx), c->y + u(c, cy), u(c, r), col);
}

static void draw_dine_in(const struct canvas *c)
{
    disc(c, 50, 50, 34, c->ink);
    disc(c, 50, 50, 24, c->cut);
    disc(c, 50, 50, 16, c->ink);
    rect(c, 4, 14, 7, 72, 3, c->ink); /* fork */
    rect(c, 0, 14, 15, 22, 4, c->ink);
    rect(c, 89, 14, 7, 72, 3, c->ink); /* knife */
    rect(c, 89, 14, 10, 34, 5, c->ink);
}

static void draw_takeaway(const struct canvas *c)
{
    ui_draw_arc(c->d, c->x + u(c, 50), c->y + u(c, 34), u(c, 19), u(c, 6), 270.0, 180.0, c->ink);
    rect(c, 16, 32, 68, 62, 8, c->ink);
    disc(c, 36, 46, 4, c->cut);
    disc(c, 64, 46, 4, c->cut);
}

static void draw_card(const struct canvas *c)
{
    rect(c, 4, 20, 92, 62, 9, c->ink);
    ui_draw_fill(c->d, box(c, 4, 32, 92, 11), c->cut);
    rect(c, 14, 54, 18, 14, 3, c->cut);
    rect(c, 58, 58, 28, 6, 3, c->cut);
}

static void draw_cash(const struct canvas *c)
{
    rect(c, 2, 24, 96, 54, 7, c->ink);
    rect(c, 9, 31, 82, 40, 4, c->cut);
    disc(c, 50, 51, 13, c->ink);
    disc(c, 20, 51, 4, c->ink);
    disc(c, 80, 51, 4, c->ink);
}

static void draw_terminal(const struct canvas *c)
{
    rect(c, 22, 2, 56, 96, 12, c->ink);
    rect(c, 30, 10, 40, 28, 5, c->cut);
    for (int row = 0; row < 3; row++)
        for (int col = 0; col < 3; col++)
            disc(c, 36 + col * 14, 52 + row * 14, 5, c->cut);
}

static void draw_receipt(const struct canvas *c)
{
    rect(c, 18, 4, 64, 92, 6, c->ink);
    rect(c, 24, 10, 52, 80, 3, c->cut);
    for (int i = 0; i < 4; i++)
        rect(c, 31, 20 + i * 14, i == 3 ? 20 : 38, 6, 3, c->ink);
}

static void draw_printer(const struct canvas *c)
{
    rect(c, 24, 6, 52, 34, 4, c->ink);
    rect(c, 29, 11, 42, 29, 2, c->cut);
    rect(c, 4, 32, 92, 40, 10, c->ink);
    rect(c, 24, 58, 52, 38, 4, c->ink);
    rect(c, 29, 63, 42, 28, 2, c->cut);
    rect(c, 34, 70, 32, 5, 2, c->ink);
    rect(c, 34, 80, 22, 5, 2, c->ink);
}

static void draw_lock(const struct canvas *c)
{
    ui_draw_arc(c->d, c->x + u(c, 50), c->y + u(c, 42), u(c, 24), u(c, 9), 270.0, 180.0, c->ink);
    rect(c, 26, 30, 9, 14, 0, c->ink);
    rect(c, 65, 30, 9, 14, 0, c->ink);
    rect(c, 16, 42, 68, 54, 10, c->ink);
    disc(c, 50, 62, 8, c->cut);
    rect(c, 46, 62, 8, 18, 3, c->cut);
}

/* The international symbol of access: reach mode is where a wheelchair user looks for it. */
static void draw_reach(const struct canvas *c)
{
    disc(c, 40, 11, 10, c->ink);        /* head */
    rect(c, 33, 24, 12, 36, 6, c->ink); /* back */
    rect(c, 33, 48, 36, 11, 5, c->ink); /* seat */
    rect(c, 60, 48, 11, 36, 5, c->ink); /* shin */
    rect(c, 60, 76, 26, 10, 5, c->ink); /* foot */
    ui_draw_arc(c->d, c->x + u(c, 40), c->y + u(c, 66), u(c, 30), u(c, 8), 100.0, 280.0,
                c->ink); /* wheel */
}

static void draw_closed(const struct canvas *c)
{
    disc(c, 50, 50, 48, c->ink);
    rect(c, 20, 42, 60, 16, 4, c->cut);
}

static void draw_mark(const struct canvas *c, enum ks_picto picto)
{
    SDL_Rect r = box(c, 6, 6, 88, 88);
    bool radio = picto == KS_PICTO_RADIO_OFF || picto == KS_PICTO_RADIO_ON;
    int radius = radio ? r.w / 2 : u(c, 18);
    bool on = picto == KS_PICTO_RADIO_ON || picto == KS_PICTO_CHECK_ON;
    if (!on) {
        ui_draw_round_frame(c->d, r, radius, u(c, 9) > 2 ? u(c, 9) : 2, c->muted);
        return;
    }
    if (radio) {
        ui_draw_round_frame(c->d, r, radius, u(c, 9) > 2 ? u(c, 9) : 2, c->ink);
        disc(c, 50, 50, 24, c->ink);
        return;
    }
    ui_draw_round_fill(c->d, r, radius, c->ink);
    ui_draw_icon(c->d, UI_ICON_CHECK, box(c, 20, 20, 60, 60), c->cut, false);
}

/* One painter per pictogram; the marks share draw_mark. */
static void (*const painters[])(const struct canvas *) = {
    [KS_PICTO_DINE_IN] = draw_dine_in,   [KS_PICTO_TAKEAWAY] = draw_takeaway,
    [KS_PICTO_CARD] = draw_card,         [KS_PICTO_CASH] = draw_cash,
    [KS_PICTO_TERMINAL] = draw_terminal, [KS_PICTO_RECEIPT] = draw_receipt,
    [KS_PICTO_PRINTER] = draw_printer,   [KS_PICTO_LOCK] = draw_lock,
    [KS_PICTO_REACH] = draw_reach,       [KS_PICTO_CLOSED] = draw_closed,
};

static void picto_draw(struct ui_widget *w)
{
    const struct picto *p = as_picto(w);
    const struct ui_theme *th = w->tree->theme;
    SDL_Rect content = ui_widget_content(w);
    int side = content.w < content.h ? content.w : content.h;
    struct canvas c = {
        .d = w->tree->draw,
        .x = content.x + (content.w - side) / 2,
        .y = content.y + (content.h - side) / 2,
        .s = side,
        .ink = ui_theme_color(th, p->color),
        .cut = ui_theme_color(th, p->cut != UI_COLOR_COUNT ? p->cut : ui_container_backdrop(w)),
        .muted = ui_theme_color(th, UI_COLOR_TEXT_MUTED),
    };
    if ((unsigned)p->picto < sizeof painters / sizeof painters[0] && painters[p->picto])
        painters[p->picto](&c);
    else
        draw_mark(&c, p->picto);
}

static const struct ui_widget_class picto_class = {
    .name = "pictogram",
    .size = sizeof(struct picto),
    .draw = picto_draw,
};

struct ui_widget *ks_picto_new(enum ks_picto picto, int size_px)
{
    struct ui_widget *w = ui_widget_new(&picto_class);
    if (!w)
        return NULL;
    struct picto *p = as_picto(w);
    p->picto = picto;
    p->color = UI_COLOR_PRIMARY;
    p->cut = UI_COLOR_COUNT;
    w->width = w->height = size_px > 0 ? size_px : 1;
    return w;
}

void ks_picto_set_color(struct ui_widget *w, enum ui_color_role color)
{
    struct picto *p = as_picto(w);
    if (!p || p->color == color)
        return;
    p->color = color;
    ui_widget_invalidate(w);
}

void ks_picto_set_cut(struct ui_widget *w, enum ui_color_role color)
{
    struct picto *p = as_picto(w);
    if (!p)
        return;
    p->cut = (unsigned)color < UI_COLOR_COUNT ? color : UI_COLOR_COUNT;
    ui_widget_invalidate(w);
}
