/* The kitchen display's screens on ui/: see kiosk/kitchen/kds_screen.h. */
#include "kiosk/kitchen/kds_screen.h"

#include "kiosk/domain/texts.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ui/w_button.h"
#include "ui/w_container_class.h"
#include "ui/w_label.h"
#include "ui/widget_class.h"

/* All-day rows in the side panel, and numbers per column on the board. */
#define ALL_DAY_ROWS 14
#define BOARD_NUMBERS 20
#define SIDE_PANEL_W 340
#define STRIKE_PX 3
#define SELECTED_RING_PX 6

void ks_kds_screen_theme(struct ui_theme *theme)
{
    ui_theme_defaults(theme);
    theme->type_px[UI_TYPE_DISPLAY] = 72;
    theme->type_px[UI_TYPE_TITLE] = 44;
    theme->type_px[UI_TYPE_HEADING] = 34;
    theme->type_px[UI_TYPE_BODY] = 28;
    theme->type_px[UI_TYPE_CAPTION] = 24;
    theme->radius[UI_RADIUS_CARD] = 20;
}

/* ---- a ticket: a card, ringed when selected ---- */

struct ticket_card {
    struct ui_container base;
    bool selected;
};

static const struct ui_widget_class ticket_class;

static void ticket_restyle(struct ui_widget *w)
{
    const struct ui_theme *th = w->tree->theme;
    w->radius = ui_theme_radius(th, UI_RADIUS_CARD);
    w->overflow =
        ui_theme_metric(th, UI_METRIC_SHADOW_BLUR) + ui_theme_metric(th, UI_METRIC_SHADOW_OFFSET);
    ui_widget_set_padding_all(w, ui_theme_space(th, UI_SPACE_S));
}

static void ticket_draw(struct ui_widget *w)
{
    const struct ui_theme *th = w->tree->theme;
    struct ui_draw *d = w->tree->draw;
    ui_draw_shadow(d, w->rect, w->radius, ui_theme_metric(th, UI_METRIC_SHADOW_BLUR),
                   ui_theme_metric(th, UI_METRIC_SHADOW_OFFSET),
                   ui_theme_color(th, UI_COLOR_SHADOW), true);
    ui_draw_round_fill(d, w->rect, w->radius, ui_theme_color(th, UI_COLOR_SURFACE));
}

static void ticket_draw_over(struct ui_widget *w)
{
    const struct ticket_card *t = (const struct ticket_card *)(const void *)w;
    if (t->selected)
        ui_draw_round_frame(w->tree->draw, w->rect, w->radius, SELECTED_RING_PX,
                            ui_theme_color(w->tree->theme, UI_COLOR_FOCUS));
}

static const struct ui_widget_class ticket_class = {
    .name = "kds_ticket",
    .base = &ui_container_class,
    .size = sizeof(struct ticket_card),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = ticket_draw,
    .draw_over = ticket_draw_over,
    .restyle = ticket_restyle,
};

/* ---- a line of a ticket: its rows crossed out when done ---- */

struct line_block {
    struct ui_container base;
    bool done;
};

static void line_draw_over(struct ui_widget *w)
{
    const struct line_block *l = (const struct line_block *)(const void *)w;
    if (!l->done)
        return;
    SDL_Color c = ui_theme_color(w->tree->theme, UI_COLOR_TEXT_MUTED);
    for (int i = 0; i < w->n_children; i++) {
        SDL_Rect r = w->children[i]->rect;
        ui_draw_fill(w->tree->draw, (SDL_Rect){r.x, r.y + r.h / 2 - STRIKE_PX / 2, r.w, STRIKE_PX},
                     c);
    }
}

static const struct ui_widget_class line_class = {
    .name = "kds_line",
    .base = &ui_container_class,
    .size = sizeof(struct line_block),
    .measure = ui_container_measure,
    .layout = ui_container_layout,
    .draw = ui_container_draw,
    .draw_over = line_draw_over,
};

/* ---- building blocks ---- */

static struct ui_widget *label(struct ui_widget *parent, const char *text, enum ui_type_role type,
                               enum ui_font_weight weight, enum ui_color_role color)
{
    return ui_widget_add(parent, ui_label_new_styled(text, type, weight, color));
}

/* A tap on w reports (ticket, line) through tap: the code rides in w's user data. */
static void on_tap(struct ui_widget *w, void *user)
{
    ks_kds_tap *tap = user;
    intptr_t code = (intptr_t)ui_widget_user_data(w);
    tap->ticket = (int)(code / 1024);
    tap->line = (int)(code % 1024) - 1;
    tap->held = false;
}

/* A long press on a line: the same report, held. */
static void on_hold(struct ui_widget *w, void *user)
{
    on_tap(w, user);
    ((ks_kds_tap *)user)->held = ((ks_kds_tap *)user)->line >= 0;
}

static void tappable(struct ui_widget *w, ks_kds_tap *tap, int ticket, int line)
{
    if (!w || !tap)
        return;
    ui_widget_set_flags(w, UI_WF_CLICKABLE, true);
    ui_widget_set_user_data(w, (void *)(intptr_t)(ticket * 1024 + line + 1));
    ui_widget_on_click(w, on_tap, tap);
    if (line >= 0)
        ui_widget_on_long_press(w, on_hold, tap);
    /* Named for scripts and tests: "ticket:2" (its band), "line:2:0". */
    char name[48];
    if (line < 0)
        snprintf(name, sizeof name, "ticket:%d", ticket);
    else
        snprintf(name, sizeof name, "line:%d:%d", ticket, line);
    ui_widget_set_name(w, name);
}

static const char *name_in(enum ks_lang lang, const char *ar, const char *en)
{
    return lang == KS_LANG_AR ? ar : en;
}

/* The band: number, service and age, in the age's colour. */
static struct ui_widget *band(const ks_kds_kitchen_view *v, const ks_kds_ticket *t)
{
    int64_t age = v->now - t->received_at;
    if (age < 0)
        age = 0;
    enum ks_kds_age level = ks_kds_age_level(age, v->amber_s, v->red_s);
    enum ui_color_role bg = level == KS_KDS_AGE_FRESH  ? UI_COLOR_SUCCESS
                            : level == KS_KDS_AGE_LATE ? UI_COLOR_ACCENT
                                                       : UI_COLOR_DANGER;
    enum ui_color_role fg = level == KS_KDS_AGE_LATE ? UI_COLOR_ON_ACCENT : UI_COLOR_ON_PRIMARY;

    struct ui_widget *row = ui_row_new(16);
    ui_container_set_background(row, bg, 14);
    ui_widget_set_padding(row, (struct ui_insets){6, 6, 18, 18});
    ui_container_set_justify(row, UI_JUSTIFY_SPACE_BETWEEN);
    char text[32];
    snprintf(text, sizeof text, "%d", (int)t->order->number);
    label(row, text, UI_TYPE_DISPLAY, UI_FONT_BOLD, fg);
    struct ui_widget *side = ui_widget_add(row, ui_column_new(0));
    ui_container_set_align(side, UI_ALIGN_END);
    struct ui_widget *service =
        label(side,
              t->order->service == KS_SERVICE_TAKEAWAY ? ks_str(KS_STR_KDS_TAKEAWAY, v->lang)
                                                       : ks_str(KS_STR_KDS_DINE_IN, v->lang),
              UI_TYPE_BODY, UI_FONT_BOLD, fg);
    ui_label_set_align(service, UI_LABEL_ALIGN_END);
    snprintf(text, sizeof text, "%lld:%02lld", (long long)(age / 60), (long long)(age % 60));
    struct ui_widget *clock = label(side, text, UI_TYPE_HEADING, UI_FONT_BOLD, fg);
    ui_label_set_align(clock, UI_LABEL_ALIGN_END);
    return row;
}

/* One order line: quantity and name, its details indented, its note. */
static struct ui_widget *line_widget(const ks_kds_kitchen_view *v, const ks_kds_ticket *t, size_t i)
{
    const ks_order_line *line = &t->order->lines[i];
    struct ui_widget *block = ui_widget_new(&line_class);
    if (!block)
        return NULL;
    ui_container_init(block, UI_LAYOUT_COLUMN, 2);
    ((struct line_block *)(void *)block)->done = t->done[i];
    ui_widget_set_padding(block, (struct ui_insets){6, 6, 8, 8});
    enum ui_color_role color = t->done[i] ? UI_COLOR_TEXT_MUTED : UI_COLOR_TEXT;

    struct ui_widget *head = ui_widget_add(block, ui_row_new(12));
    char qty[32];
    if (line->unit == KS_UNIT_KG)
        snprintf(qty, sizeof qty, "%d %s", (int)line->quantity, ks_str(KS_STR_KDS_GRAMS, v->lang));
    else
        snprintf(qty, sizeof qty, "%d\xC3\x97", (int)line->quantity);
    label(head, qty, UI_TYPE_BODY, UI_FONT_BOLD, color);
    struct ui_widget *name = label(head, name_in(v->lang, line->name_ar, line->name_en),
                                   UI_TYPE_BODY, UI_FONT_BOLD, color);
    ui_widget_set_size(name, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_label_set_max_lines(name, 2);

    for (size_t k = 0; k < line->n_details; k++) {
        const ks_order_detail *d = &line->details[k];
        char text[600];
        snprintf(text, sizeof text, "%s%s", d->kind == KS_DETAIL_MODIFIER ? "+ " : "",
                 name_in(v->lang, d->name_ar, d->name_en));
        struct ui_widget *l =
            label(block, text, UI_TYPE_CAPTION, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED);
        ui_widget_set_padding(l, (struct ui_insets){0, 0, 40 + 28 * d->depth, 0});
        ui_label_set_max_lines(l, 1);
    }
    if (line->note && line->note[0]) {
        char text[1200];
        snprintf(text, sizeof text, "%s%s", ks_str(KS_STR_KDS_NOTE, v->lang), line->note);
        struct ui_widget *l = label(block, text, UI_TYPE_CAPTION, UI_FONT_BOLD,
                                    t->done[i] ? UI_COLOR_TEXT_MUTED : UI_COLOR_DANGER);
        ui_widget_set_padding(l, (struct ui_insets){0, 0, 40, 0});
        ui_label_set_max_lines(l, 2);
    }
    return block;
}

static struct ui_widget *ticket_widget(const ks_kds_kitchen_view *v, int index)
{
    const ks_kds_ticket *t = ks_kds_queue_ticket(v->queue, (size_t)index);
    struct ui_widget *card = ui_widget_new(&ticket_class);
    if (!card)
        return NULL;
    ui_container_init(card, UI_LAYOUT_COLUMN, 4);
    ((struct ticket_card *)(void *)card)->selected = ks_kds_queue_selected(v->queue) == index;
    card->flags |= UI_WF_CLIP;
    ui_widget_set_size(card, UI_SIZE_FILL, UI_SIZE_FILL);
    tappable(ui_widget_add(card, band(v, t)), v->tap, index, -1);
    const ks_kds_station *station = ks_kds_queue_station(v->queue);
    for (size_t i = 0; i < t->order->n_lines; i++)
        if (ks_kds_station_takes(station, t->order->lines[i].category_id))
            tappable(ui_widget_add(card, line_widget(v, t, i)), v->tap, index, (int)i);
    return card;
}

static struct ui_widget *all_day_panel(const ks_kds_kitchen_view *v)
{
    struct ui_widget *panel = ui_column_new(10);
    ui_widget_set_size(panel, SIDE_PANEL_W, UI_SIZE_FILL);
    ui_container_set_background(panel, UI_COLOR_SURFACE_ALT, 20);
    ui_widget_set_padding_all(panel, 20);
    label(panel, ks_str(KS_STR_KDS_ALL_DAY, v->lang), UI_TYPE_HEADING, UI_FONT_BOLD, UI_COLOR_TEXT);

    size_t total = 0;
    const ks_kds_count *counts = ks_kds_queue_all_day(v->queue, &total);
    for (size_t i = 0; i < total && i < ALL_DAY_ROWS; i++) {
        struct ui_widget *row = ui_widget_add(panel, ui_row_new(12));
        ui_container_set_align(row, UI_ALIGN_START);
        char qty[32];
        snprintf(qty, sizeof qty, "%lld", (long long)counts[i].quantity);
        struct ui_widget *q = label(row, qty, UI_TYPE_BODY, UI_FONT_BOLD, UI_COLOR_PRIMARY);
        ui_widget_set_size(q, 56, UI_SIZE_AUTO);
        struct ui_widget *name = label(row, name_in(v->lang, counts[i].name_ar, counts[i].name_en),
                                       UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT);
        ui_widget_set_size(name, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_label_set_max_lines(name, 1);
    }
    if (v->n_sold_out > 0)
        label(panel, ks_str(KS_STR_KDS_SOLD_OUT, v->lang), UI_TYPE_HEADING, UI_FONT_BOLD,
              UI_COLOR_DANGER);
    for (size_t i = 0; i < v->n_sold_out && i < ALL_DAY_ROWS; i++) {
        const ks_mark *m = &v->sold_out[i];
        const char *name = name_in(v->lang, m->name_ar, m->name_en);
        struct ui_widget *l = label(panel,
                                    name[0]         ? name
                                    : m->item_id[0] ? m->item_id
                                                    : m->option_id,
                                    UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_DANGER);
        ui_label_set_max_lines(l, 1);
    }
    return panel;
}

struct ui_widget *ks_kds_kitchen_screen(const ks_kds_kitchen_view *v)
{
    if (v->tap)
        *v->tap = (ks_kds_tap){-1, -1, false};
    struct ui_widget *root = ui_column_new(20);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_widget_set_padding_all(root, 24);

    struct ui_widget *header = ui_widget_add(root, ui_row_new(24));
    ui_container_set_justify(header, UI_JUSTIFY_SPACE_BETWEEN);
    char title[96];
    if (v->station_name && v->station_name[0])
        snprintf(title, sizeof title, "%s \xC2\xB7 %s", ks_str(KS_STR_KDS_KITCHEN, v->lang),
                 v->station_name);
    else
        snprintf(title, sizeof title, "%s", ks_str(KS_STR_KDS_KITCHEN, v->lang));
    label(header, title, UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_TEXT);
    size_t n = ks_kds_queue_count(v->queue), first = ks_kds_queue_page_first(v->queue);
    size_t last = first + KS_KDS_COLUMNS < n ? first + KS_KDS_COLUMNS : n;
    char count[96];
    if (n > KS_KDS_COLUMNS)
        /* Words, not "1-4": a range keeps its order in either direction of text. */
        snprintf(count, sizeof count, "%s %zu %s %zu %s %zu", ks_str(KS_STR_KDS_SHOWING, v->lang),
                 first + 1, ks_str(KS_STR_KDS_TO, v->lang), last, ks_str(KS_STR_KDS_OF, v->lang),
                 n);
    else
        snprintf(count, sizeof count, "%s: %zu", ks_str(KS_STR_KDS_ORDERS, v->lang), n);
    label(header, count, UI_TYPE_HEADING, UI_FONT_BOLD,
          n > KS_KDS_COLUMNS ? UI_COLOR_DANGER : UI_COLOR_TEXT_MUTED);

    struct ui_widget *body = ui_widget_add(root, ui_row_new(24));
    ui_widget_set_size(body, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_align(body, UI_ALIGN_STRETCH);
    struct ui_widget *columns = ui_widget_add(body, ui_row_new(20));
    ui_widget_set_size(columns, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_align(columns, UI_ALIGN_STRETCH);
    if (n == 0) {
        struct ui_widget *none = label(columns, ks_str(KS_STR_KDS_NONE, v->lang), UI_TYPE_TITLE,
                                       UI_FONT_BOLD, UI_COLOR_TEXT_MUTED);
        ui_widget_set_size(none, UI_SIZE_FILL, UI_SIZE_FILL);
        ui_label_set_align(none, UI_LABEL_ALIGN_CENTER);
    }
    for (size_t i = first; n > 0 && i < first + KS_KDS_COLUMNS; i++) {
        if (i < n) {
            ui_widget_add(columns, ticket_widget(v, (int)i));
        } else {
            struct ui_widget *gap = ui_widget_add(columns, ui_column_new(0));
            ui_widget_set_size(gap, UI_SIZE_FILL, UI_SIZE_FILL);
        }
    }
    ui_widget_add(body, all_day_panel(v));
    label(root, ks_str(KS_STR_KDS_KEYS, v->lang), UI_TYPE_CAPTION, UI_FONT_REGULAR,
          UI_COLOR_TEXT_MUTED);
    return root;
}

/* ---- the customers' board ---- */

static struct ui_widget *board_column(enum ks_lang first, enum ks_lang second, bool ready,
                                      const ks_kds_summary *rows, size_t n, ks_kds_tap *tap)
{
    struct ui_widget *col = ui_column_new(24);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_background(col, UI_COLOR_SURFACE, 28);
    ui_widget_set_padding_all(col, 32);
    const char *head1 =
        ready ? ks_str(KS_STR_KDS_READY, first) : ks_str(KS_STR_KDS_PREPARING, first);
    const char *head2 =
        ready ? ks_str(KS_STR_KDS_READY, second) : ks_str(KS_STR_KDS_PREPARING, second);
    struct ui_widget *h =
        label(col, head1, UI_TYPE_DISPLAY, UI_FONT_BOLD, ready ? UI_COLOR_SUCCESS : UI_COLOR_TEXT);
    ui_label_set_align(h, UI_LABEL_ALIGN_CENTER);
    h = label(col, head2, UI_TYPE_HEADING, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED);
    ui_label_set_align(h, UI_LABEL_ALIGN_CENTER);
    struct ui_widget *grid = ui_widget_add(col, ui_grid_new(4, 20));
    /* The newest numbers when there are more than fit. */
    size_t from = n > BOARD_NUMBERS ? n - BOARD_NUMBERS : 0;
    for (size_t i = from; i < n; i++) {
        struct ui_widget *pill = ui_widget_add(grid, ui_column_new(0));
        ui_container_set_background(pill, ready ? UI_COLOR_SUCCESS : UI_COLOR_SURFACE_ALT, 24);
        ui_widget_set_padding(pill, (struct ui_insets){10, 10, 8, 8});
        char text[16];
        snprintf(text, sizeof text, "%d", (int)rows[i].number);
        struct ui_widget *l = label(pill, text, UI_TYPE_DISPLAY, UI_FONT_BOLD,
                                    ready ? UI_COLOR_ON_PRIMARY : UI_COLOR_TEXT);
        ui_label_set_align(l, UI_LABEL_ALIGN_CENTER);
        /* A ready number is handed over with a tap. */
        if (ready)
            tappable(pill, tap, (int)i, KS_KDS_COUNTER_HAND_OVER);
    }
    return col;
}

struct ui_widget *ks_kds_board_screen(const ks_kds_summary *preparing, size_t n_preparing,
                                      const ks_kds_summary *ready, size_t n_ready,
                                      enum ks_lang lang, ks_kds_tap *tap)
{
    enum ks_lang first = lang, second = lang == KS_LANG_AR ? KS_LANG_EN : KS_LANG_AR;
    struct ui_widget *root = ui_column_new(28);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_widget_set_padding_all(root, 40);
    char title[128];
    snprintf(title, sizeof title, "%s  \xC2\xB7  %s", ks_str(KS_STR_KDS_BOARD_TITLE, first),
             ks_str(KS_STR_KDS_BOARD_TITLE, second));
    struct ui_widget *t = label(root, title, UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_TEXT);
    ui_label_set_align(t, UI_LABEL_ALIGN_CENTER);
    struct ui_widget *row = ui_widget_add(root, ui_row_new(40));
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_align(row, UI_ALIGN_STRETCH);
    ui_widget_add(row, board_column(first, second, false, preparing, n_preparing, NULL));
    ui_widget_add(row, board_column(first, second, true, ready, n_ready, tap));
    return root;
}

/* ---- the counter ---- */

/* One unpaid order: its number, total and age, and what the counter can do with it. */
static struct ui_widget *unpaid_row(const ks_kds_counter_view *v, size_t i)
{
    const ks_kds_summary *o = &v->unpaid[i];
    struct ui_widget *row = ui_row_new(20);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_background(row, UI_COLOR_SURFACE, 20);
    ui_widget_set_padding_all(row, 16);
    ui_container_set_align(row, UI_ALIGN_CENTER);
    char text[KS_MONEY_FORMAT_CAP + 32];
    snprintf(text, sizeof text, "%d", (int)o->number);
    label(row, text, UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT);
    struct ui_widget *middle = ui_widget_add(row, ui_column_new(4));
    ui_widget_set_size(middle, UI_SIZE_FILL, UI_SIZE_AUTO);
    char price[KS_MONEY_FORMAT_CAP];
    ks_money_format(price, sizeof price, o->total, &KS_CURRENCY_SAR, v->lang, KS_NUMERALS_WESTERN);
    label(middle, price, UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_TEXT);
    int64_t age = v->now - o->received_at;
    snprintf(text, sizeof text, "%s \xC2\xB7 %lld %s",
             o->service == KS_SERVICE_DINE_IN ? ks_str(KS_STR_KDS_DINE_IN, v->lang)
                                              : ks_str(KS_STR_KDS_TAKEAWAY, v->lang),
             (long long)(age > 0 ? age / 60 : 0), ks_str(KS_STR_KDS_MINUTES, v->lang));
    label(middle, text, UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED);
    const struct {
        const char *text;
        enum ui_button_style style;
        enum ks_kds_counter_action action;
    } buttons[] = {
        {ks_str(KS_STR_KDS_CASH, v->lang), UI_BUTTON_PRIMARY, KS_KDS_COUNTER_CASH},
        {ks_str(KS_STR_KDS_CARD, v->lang), UI_BUTTON_PRIMARY, KS_KDS_COUNTER_CARD},
        {ks_str(KS_STR_KDS_CANCEL, v->lang), UI_BUTTON_GHOST, KS_KDS_COUNTER_CANCEL},
    };
    for (size_t b = 0; b < sizeof buttons / sizeof buttons[0]; b++)
        tappable(ui_widget_add(row, ui_button_new(buttons[b].text, buttons[b].style)), v->tap,
                 (int)i, buttons[b].action);
    return row;
}

struct ui_widget *ks_kds_counter_screen(const ks_kds_counter_view *v)
{
    struct ui_widget *root = ui_column_new(24);
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_widget_set_padding_all(root, 32);
    label(root, ks_str(KS_STR_KDS_COUNTER, v->lang), UI_TYPE_TITLE, UI_FONT_BOLD, UI_COLOR_TEXT);
    struct ui_widget *body = ui_widget_add(root, ui_row_new(32));
    ui_widget_set_size(body, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_align(body, UI_ALIGN_STRETCH);

    struct ui_widget *pay = ui_widget_add(body, ui_column_new(16));
    ui_widget_set_size(pay, UI_SIZE_FILL, UI_SIZE_FILL);
    char head[96];
    snprintf(head, sizeof head, "%s: %zu", ks_str(KS_STR_KDS_TO_PAY, v->lang), v->n_unpaid);
    label(pay, head, UI_TYPE_HEADING, UI_FONT_BOLD, UI_COLOR_TEXT_MUTED);
    if (v->n_unpaid == 0)
        label(pay, ks_str(KS_STR_KDS_NOTHING_TO_PAY, v->lang), UI_TYPE_TITLE, UI_FONT_BOLD,
              UI_COLOR_TEXT_MUTED);
    /* The oldest first: the customers queue in that order. */
    for (size_t i = 0; i < v->n_unpaid && i < KS_KDS_COUNTER_ROWS; i++)
        ui_widget_add(pay, unpaid_row(v, i));

    struct ui_widget *ready = ui_widget_add(body, ui_column_new(16));
    ui_widget_set_size(ready, 640, UI_SIZE_FILL);
    label(ready, ks_str(KS_STR_KDS_READY, v->lang), UI_TYPE_HEADING, UI_FONT_BOLD,
          UI_COLOR_SUCCESS);
    label(ready, ks_str(KS_STR_KDS_HAND_OVER, v->lang), UI_TYPE_BODY, UI_FONT_REGULAR,
          UI_COLOR_TEXT_MUTED);
    struct ui_widget *grid = ui_widget_add(ready, ui_grid_new(3, 16));
    for (size_t i = 0; i < v->n_ready && i < BOARD_NUMBERS; i++) {
        struct ui_widget *pill = ui_widget_add(grid, ui_column_new(0));
        ui_container_set_background(pill, UI_COLOR_SUCCESS, 24);
        ui_widget_set_padding(pill, (struct ui_insets){10, 10, 8, 8});
        char text[16];
        snprintf(text, sizeof text, "%d", (int)v->ready[i].number);
        ui_label_set_align(label(pill, text, UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_ON_PRIMARY),
                           UI_LABEL_ALIGN_CENTER);
        tappable(pill, v->tap, (int)i, KS_KDS_COUNTER_HAND_OVER);
    }
    return root;
}
