/*
 * The item screen (see kiosk/screens/item.h). It edits the session's
 * scratch line in the cart directly; every choice goes through the cart's
 * own rules (a one-choice group swaps, a full group refuses) and the page
 * is rebuilt to show the result with the new price.
 */
#include "kiosk/screens/item.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/screens/item_card.h"
#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_image.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/w_stepper.h"

#define SLOT_COLUMNS 3

/* What a tap on the page changes, packed into a widget's user data. */
enum choice_kind { CHOICE_OPTION = 1, CHOICE_SLOT, CHOICE_SIZE, CHOICE_NOTE };

static void *pack(enum choice_kind kind, size_t slot, size_t a, size_t b)
{
    uintptr_t s = slot == KS_CART_NO_SLOT ? 0xFF : (uintptr_t)slot;
    return (void *)((uintptr_t)kind | s << 8 | (uintptr_t)a << 16 | (uintptr_t)b << 24);
}

static void unpack(const void *data, enum choice_kind *kind, size_t *slot, size_t *a, size_t *b)
{
    uintptr_t v = (uintptr_t)data;
    *kind = (enum choice_kind)(v & 0xFF);
    *slot = ((v >> 8) & 0xFF) == 0xFF ? KS_CART_NO_SLOT : (size_t)((v >> 8) & 0xFF);
    *a = (size_t)((v >> 16) & 0xFF);
    *b = (size_t)((v >> 24) & 0xFF);
}

static const enum ks_str note_texts[KS_NOTE_PRESETS] = {KS_STR_NOTE_NO_SALT, KS_STR_NOTE_SAUCE_SIDE,
                                                        KS_STR_NOTE_CUT_HALF};

/* The kitchen note made of the chosen presets, in the customer's language. */
static void set_note(ks_kiosk_ui *k)
{
    char note[KS_CART_NOTE_MAX + 1] = "";
    size_t len = 0;
    const char *sep = ks_ui_lang(k) == KS_LANG_AR ? "، " : ", ";
    for (int i = 0; i < KS_NOTE_PRESETS; i++) {
        if (!(k->session.notes & (1u << i)))
            continue;
        int n = snprintf(note + len, sizeof note - len, "%s%s", len ? sep : "",
                         ks_ui_str(k, note_texts[i]));
        if (n < 0 || (size_t)n >= sizeof note - len)
            break;
        len += (size_t)n;
    }
    ks_cart_set_note(k->cart, k->session.line, note);
}

static void on_choice(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    enum choice_kind kind;
    size_t slot, a, b;
    unpack(ui_widget_user_data(w), &kind, &slot, &a, &b);
    enum ks_cart_status st = KS_CART_OK;
    switch (kind) {
    case CHOICE_OPTION:
        st = ks_cart_toggle_option(k->cart, k->session.line, slot, a, b);
        break;
    case CHOICE_SLOT:
        st = ks_cart_choose_slot(k->cart, k->session.line, slot, a);
        break;
    case CHOICE_SIZE:
        st = ks_cart_choose_size(k->cart, k->session.line, a);
        break;
    case CHOICE_NOTE:
        k->session.notes ^= 1u << a;
        set_note(k);
        break;
    }
    if (st == KS_CART_MAX_REACHED)
        ks_ui_toast(k, ks_ui_str(k, KS_STR_GROUP_FULL));
    ks_ui_cart_changed(k);
}

static void on_quantity(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    ks_cart_set_quantity(k->cart, k->session.line, ui_stepper_value(w));
    ks_ui_cart_changed(k);
}

static void on_add(struct ui_widget *w, void *user)
{
    ks_ui_item_commit(user);
}

static void on_back(struct ui_widget *w, void *user)
{
    ks_ui_item_discard(user);
}

/* "Required · Choose 1", "Optional · up to 4", "Required · Choose 1 to 2". */
static void limits_text(const ks_kiosk_ui *k, const ks_modifier_group *g, char *out, size_t cap)
{
    char lo[16], hi[16];
    ks_kit_int(k, g->min_choices, lo, sizeof lo);
    ks_kit_int(k, g->max_choices, hi, sizeof hi);
    const char *kind = ks_ui_str(k, g->min_choices > 0 ? KS_STR_REQUIRED : KS_STR_OPTIONAL);
    if (g->min_choices == 0)
        snprintf(out, cap, "%s · %s %s %s", kind, ks_ui_str(k, KS_STR_CHOOSE),
                 ks_ui_str(k, KS_STR_UP_TO), hi);
    else if (g->min_choices == g->max_choices)
        snprintf(out, cap, "%s · %s %s", kind, ks_ui_str(k, KS_STR_CHOOSE), hi);
    else
        snprintf(out, cap, "%s · %s %s %s %s", kind, ks_ui_str(k, KS_STR_CHOOSE), lo,
                 ks_ui_str(k, KS_STR_TO), hi);
}

/* A section heading: the title on the start side, a note on the end side. */
static struct ui_widget *section_head(const char *title, const char *note, bool urgent)
{
    struct ui_widget *row = ui_row_new(16);
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_margin(row, (struct ui_insets){28, 4, 0, 0});
    struct ui_widget *t = ui_widget_add(
        row, ui_label_new_styled(title, UI_TYPE_HEADING, UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_size(t, UI_SIZE_FILL, UI_SIZE_AUTO);
    if (note)
        ui_widget_add(row, ui_label_new_styled(note, UI_TYPE_CAPTION, UI_FONT_BOLD,
                                               urgent ? UI_COLOR_DANGER : UI_COLOR_TEXT_MUTED));
    return row;
}

static size_t chosen_count(const ks_cart_line *line, size_t slot, size_t g,
                           const ks_modifier_group *group)
{
    size_t n = 0;
    for (size_t o = 0; o < group->n_options; o++)
        n += ks_cart_option_chosen(line, slot, g, o);
    return n;
}

static struct ui_widget *option_row(ks_kiosk_ui *k, const ks_cart_line *line, size_t slot, size_t g,
                                    size_t o, const char *item_id)
{
    const ks_modifier_group *group =
        (slot == KS_CART_NO_SLOT ? line->item : line->slots[slot].mods.item)->modifier_groups[g];
    const ks_modifier_option *opt = &group->options[o];
    bool on = ks_cart_option_chosen(line, slot, g, o);
    bool sold_out = opt->sold_out || ks_soldout_option(k->soldout, opt->id);
    bool radio = group->max_choices == 1;
    struct ui_widget *b = ui_button_new(NULL, on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
    ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(b, (struct ui_insets){16, 16, 28, 28});
    enum ui_color_role ink = sold_out ? UI_COLOR_ON_DISABLED
                             : on     ? UI_COLOR_ON_PRIMARY
                                      : UI_COLOR_ON_SECONDARY;
    struct ui_widget *mark =
        ui_widget_add(b, ks_picto_new(radio ? (on ? KS_PICTO_RADIO_ON : KS_PICTO_RADIO_OFF)
                                            : (on ? KS_PICTO_CHECK_ON : KS_PICTO_CHECK_OFF),
                                      44));
    ks_picto_set_color(mark, on ? UI_COLOR_ON_PRIMARY : UI_COLOR_PRIMARY);
    ks_picto_set_cut(mark, on ? UI_COLOR_PRIMARY : UI_COLOR_SECONDARY);
    const char *name = ks_text_get(&opt->name, ks_ui_lang(k));
    char text[320];
    snprintf(text, sizeof text, "%s%s%s", name, sold_out ? " · " : "",
             sold_out ? ks_ui_str(k, KS_STR_SOLD_OUT) : "");
    struct ui_widget *label =
        ui_widget_add(b, ui_label_new_styled(text, UI_TYPE_BODY, UI_FONT_BOLD, ink));
    ui_widget_set_size(label, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_margin(label, (struct ui_insets){0, 0, 20, 0});
    if (opt->price_delta != 0) {
        char price[KS_KIT_MONEY_CAP];
        ks_kit_money(k, opt->price_delta, true, price, sizeof price);
        ui_widget_add(b, ui_label_new_styled(price, UI_TYPE_BODY, UI_FONT_BOLD, ink));
    }
    ui_widget_set_enabled(b, !sold_out);
    ui_widget_set_user_data(b, pack(CHOICE_OPTION, slot, g, o));
    ui_widget_on_click(b, on_choice, k);
    char key[KS_UI_NAME_MAX];
    snprintf(key, sizeof key, "%s/%s/%s", item_id, group->id, opt->id);
    return ks_ui_name2(b, "option", key);
}

/* The modifier groups of the product in slot (KS_CART_NO_SLOT: the line's own item). */
static void add_groups(ks_kiosk_ui *k, struct ui_widget *page, const ks_cart_line *line,
                       size_t slot)
{
    const ks_item *product = slot == KS_CART_NO_SLOT ? line->item : line->slots[slot].mods.item;
    for (size_t g = 0; g < product->n_modifier_groups; g++) {
        const ks_modifier_group *group = product->modifier_groups[g];
        char limits[160], title[320];
        limits_text(k, group, limits, sizeof limits);
        if (slot == KS_CART_NO_SLOT)
            snprintf(title, sizeof title, "%s", ks_text_get(&group->name, ks_ui_lang(k)));
        else
            snprintf(title, sizeof title, "%s · %s", ks_text_get(&product->name, ks_ui_lang(k)),
                     ks_text_get(&group->name, ks_ui_lang(k)));
        bool unmet = chosen_count(line, slot, g, group) < (size_t)group->min_choices;
        ui_widget_add(page, section_head(title, limits, unmet));
        struct ui_widget *list = ui_widget_add(page, ui_column_new(12));
        for (size_t o = 0; o < group->n_options; o++)
            ui_widget_add(list, option_row(k, line, slot, g, o, product->id));
    }
}

/* A tile to pick: picture (may be NULL), name, price change; PRIMARY when chosen. */
static struct ui_widget *pick_tile(ks_kiosk_ui *k, const char *image, const char *name,
                                   ks_money delta, bool on, bool enabled)
{
    struct ui_widget *b = ui_button_new(NULL, on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
    ui_widget_set_padding(b, (struct ui_insets){16, 16, 12, 12});
    struct ui_widget *col = ui_widget_add(b, ui_column_new(6));
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(col, UI_ALIGN_CENTER);
    enum ui_color_role ink = !enabled ? UI_COLOR_ON_DISABLED
                             : on     ? UI_COLOR_ON_PRIMARY
                                      : UI_COLOR_ON_SECONDARY;
    if (image) {
        char path[2048];
        ks_item_picture(k, image, path, sizeof path);
        struct ui_widget *pic =
            ui_widget_add(col, ui_image_new(path[0] ? path : NULL, UI_IMAGE_CONTAIN));
        ui_widget_set_size(pic, 128, 128);
    }
    struct ui_widget *label = ui_widget_add(
        col, ks_kit_centered(name, image ? UI_TYPE_CAPTION : UI_TYPE_BODY, UI_FONT_BOLD, ink));
    ui_label_set_max_lines(label, 2);
    ui_widget_set_size(label, UI_SIZE_FILL, UI_SIZE_AUTO);
    if (delta != 0) {
        char price[KS_KIT_MONEY_CAP];
        ks_kit_money(k, delta, true, price, sizeof price);
        ui_widget_add(col, ks_kit_centered(price, UI_TYPE_CAPTION, UI_FONT_REGULAR, ink));
    }
    ui_widget_set_enabled(b, enabled);
    return b;
}

static void add_sizes(ks_kiosk_ui *k, struct ui_widget *page, const ks_cart_line *line)
{
    const ks_item *item = line->item;
    ui_widget_add(page, section_head(ks_ui_str(k, KS_STR_SIZE), NULL, false));
    struct ui_widget *row = ui_widget_add(page, ui_row_new(16));
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(row, UI_ALIGN_STRETCH);
    for (size_t s = 0; s < item->n_sizes; s++) {
        const ks_combo_size *size = &item->sizes[s];
        struct ui_widget *b =
            ui_widget_add(row, pick_tile(k, NULL, ks_text_get(&size->name, ks_ui_lang(k)),
                                         size->price_delta, line->size == s, true));
        ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_user_data(b, pack(CHOICE_SIZE, KS_CART_NO_SLOT, s, 0));
        ui_widget_on_click(b, on_choice, k);
        ks_ui_name2(b, "size", size->id);
    }
}

static void add_slots(ks_kiosk_ui *k, struct ui_widget *page, const ks_cart_line *line)
{
    const ks_item *item = line->item;
    ks_local_time at = ks_ui_local_time(k);
    char choose[64], one[16];
    ks_kit_int(k, 1, one, sizeof one);
    snprintf(choose, sizeof choose, "%s · %s %s", ks_ui_str(k, KS_STR_REQUIRED),
             ks_ui_str(k, KS_STR_CHOOSE), one);
    for (size_t s = 0; s < item->n_slots; s++) {
        const ks_combo_slot *slot = &item->slots[s];
        ui_widget_add(page, section_head(ks_text_get(&slot->name, ks_ui_lang(k)), choose, false));
        struct ui_widget *grid = ui_widget_add(page, ui_grid_new(SLOT_COLUMNS, 16));
        for (size_t c = 0; c < slot->n_choices; c++) {
            const ks_item *product = slot->choices[c].item;
            bool enabled = !ks_ui_sold_out(k, product) && ks_item_orderable(product, at);
            struct ui_widget *b = ui_widget_add(
                grid, pick_tile(k, product->image, ks_text_get(&product->name, ks_ui_lang(k)),
                                slot->choices[c].price_delta, line->slots[s].choice == c, enabled));
            ui_widget_set_user_data(b, pack(CHOICE_SLOT, s, c, 0));
            ui_widget_on_click(b, on_choice, k);
            char key[KS_UI_NAME_MAX];
            snprintf(key, sizeof key, "%s/%s", slot->id, product->id);
            ks_ui_name2(b, "slot", key);
        }
        add_groups(k, page, line, s);
    }
}

static void add_notes(ks_kiosk_ui *k, struct ui_widget *page)
{
    ui_widget_add(page, section_head(ks_ui_str(k, KS_STR_NOTE), NULL, false));
    struct ui_widget *row = ui_widget_add(page, ui_row_new(16));
    ui_widget_set_size(row, UI_SIZE_FILL, UI_SIZE_AUTO);
    static const char *const names[KS_NOTE_PRESETS] = {"no-salt", "sauce-side", "cut-half"};
    for (int i = 0; i < KS_NOTE_PRESETS; i++) {
        bool on = (k->session.notes & (1u << i)) != 0;
        struct ui_widget *b =
            ui_widget_add(row, pick_tile(k, NULL, ks_ui_str(k, note_texts[i]), 0, on, true));
        ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
        ui_widget_set_user_data(b, pack(CHOICE_NOTE, KS_CART_NO_SLOT, (size_t)i, 0));
        ui_widget_on_click(b, on_choice, k);
        ks_ui_name2(b, "note", names[i]);
    }
}

static struct ui_widget *hero(ks_kiosk_ui *k, const ks_item *item)
{
    struct ui_widget *col = ui_column_new(12);
    struct ui_widget *frame = ui_widget_add(col, ui_stack_new());
    ui_container_set_background(frame, UI_COLOR_SURFACE, 28);
    ui_widget_set_size(frame, UI_SIZE_FILL, k->session.reach ? 300 : 460);
    char path[2048];
    ks_item_picture(k, item->image, path, sizeof path);
    struct ui_widget *pic =
        ui_widget_add(frame, ui_image_new(path[0] ? path : NULL, UI_IMAGE_CONTAIN));
    ui_widget_set_margin(pic, (struct ui_insets){20, 20, 20, 20});
    enum ks_lang lang = ks_ui_lang(k);
    struct ui_widget *name =
        ui_widget_add(col, ui_label_new_styled(ks_text_get(&item->name, lang), UI_TYPE_DISPLAY,
                                               UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_margin(name, (struct ui_insets){12, 0, 0, 0});
    const char *description = ks_text_get(&item->description, lang);
    if (description[0])
        ui_widget_add(col, ui_label_new_styled(description, UI_TYPE_BODY, UI_FONT_REGULAR,
                                               UI_COLOR_TEXT_MUTED));
    struct ui_widget *facts = ui_widget_add(col, ui_row_new(24));
    ui_widget_add(facts, ks_kit_price(k, item->price, UI_TYPE_TITLE, UI_COLOR_PRIMARY));
    char kcal[64];
    ks_item_calories(k, item->calories, kcal, sizeof kcal);
    if (kcal[0])
        ui_widget_add(
            facts, ui_label_new_styled(kcal, UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    return col;
}

/* The bottom bar: quantity, then "add to order" with the line's price. */
static struct ui_widget *add_bar(ks_kiosk_ui *k, const ks_cart_line *line, bool valid)
{
    struct ui_widget *bar = ks_kit_action_bar(k);
    struct ui_widget *stepper =
        ui_widget_add(bar, ui_stepper_new(1, KS_CART_MAX_COUNT, line->quantity));
    ui_stepper_set_digits(stepper, ks_kit_digits(k));
    ui_widget_on_change(stepper, on_quantity, k);
    ks_ui_name(stepper, "quantity");
    ks_ui_name(ui_widget_child(stepper, 0), "quantity-minus");
    ks_ui_name(ui_widget_child(stepper, 2), "quantity-plus");
    ks_money unit = 0, total = 0;
    char price[KS_KIT_MONEY_CAP] = "", text[256];
    if (ks_cart_line_unit_price(line, &unit) && ks_money_mul_div(unit, line->quantity, 1, &total))
        ks_kit_money(k, total, false, price, sizeof price);
    snprintf(text, sizeof text, "%s   %s",
             ks_ui_str(k, k->session.original ? KS_STR_UPDATE_ORDER : KS_STR_ADD_TO_ORDER), price);
    struct ui_widget *add = ui_widget_add(bar, ui_button_new(text, UI_BUTTON_PRIMARY));
    ui_widget_set_size(add, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_enabled(add, valid);
    ui_widget_on_click(add, on_add, k);
    ks_ui_name(add, "add-to-order");
    return bar;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK | KS_KIT_HEADER_START_OVER, on_back));
    const ks_cart_line *line = ks_cart_find(k->cart, k->session.line);
    if (!line)
        return root; /* only while the journey leaves: the line went with the cart */
    struct ui_widget *scroll = ks_ui_keep_scroll(k, ui_widget_add(body, ui_scroll_new()));
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *page = ui_widget_add(scroll, ui_column_new(14));
    ui_widget_set_padding(page, (struct ui_insets){8, 40, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_add(page, hero(k, line->item));
    if (line->item->kind == KS_ITEM_COMBO) {
        if (line->item->n_sizes > 1)
            add_sizes(k, page, line);
        add_slots(k, page, line);
    } else {
        add_groups(k, page, line, KS_CART_NO_SLOT);
    }
    add_notes(k, page);

    ks_line_issue issue = ks_cart_validate_line(line, ks_ui_local_time(k), ks_ui_sold_out_check, k);
    bool valid = issue.problem == KS_LINE_OK;
    if (!valid) {
        char why[512];
        if (ks_cart_issue_describe(&issue, ks_ui_lang(k), why, sizeof why) >= 0) {
            struct ui_widget *note = ui_widget_add(
                body, ui_label_new_styled(why, UI_TYPE_BODY, UI_FONT_BOLD, UI_COLOR_DANGER));
            ui_widget_set_padding(note, (struct ui_insets){12, 12, KS_KIT_MARGIN, KS_KIT_MARGIN});
            ks_ui_name(note, "issue");
        }
    }
    ui_widget_add(body, add_bar(k, line, valid));
    return root;
}

const ks_screen_ops ks_screen_item = {.build = build};
