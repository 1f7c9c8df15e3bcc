/* The language screen (see kiosk/screens/language.h). */
#include "kiosk/screens/language.h"

#include <stdint.h>
#include <stdio.h>

#include "kiosk/screens/kit.h"
#include "ui/w_container.h"
#include "ui/w_label.h"

static void on_language(struct ui_widget *w, void *user)
{
    ks_ui_send_event(user, (ks_event){.kind = KS_EV_CHOOSE_LANGUAGE,
                                      .arg.lang = (enum ks_lang)(uintptr_t)ui_widget_user_data(w)});
}

/* Both languages' words for id, the customer's first: nobody has chosen yet. */
static void both(const ks_kiosk_ui *k, enum ks_str id, char *out, size_t cap)
{
    enum ks_lang first = ks_ui_lang(k), second = first == KS_LANG_AR ? KS_LANG_EN : KS_LANG_AR;
    snprintf(out, cap, "%s  ·  %s", ks_str(id, first), ks_str(id, second));
}

static struct ui_widget *language_button(ks_kiosk_ui *k, enum ks_lang lang, const char *name)
{
    struct ui_widget *card = ui_stack_new();
    ui_container_set_background(card, UI_COLOR_SURFACE, 36);
    ui_widget_set_size(card, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *button = ui_widget_add(card, ui_button_new(NULL, UI_BUTTON_GHOST));
    ui_widget_set_size(button, UI_SIZE_FILL, UI_SIZE_FILL);
    struct ui_widget *col = ui_widget_add(button, ui_column_new(16));
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(col, ks_kit_centered(ks_str(KS_STR_LANGUAGE_NAME, lang), UI_TYPE_DISPLAY,
                                       UI_FONT_BOLD, UI_COLOR_PRIMARY));
    ui_widget_add(col, ks_kit_centered(ks_str(KS_STR_WELCOME, lang), UI_TYPE_TITLE, UI_FONT_REGULAR,
                                       UI_COLOR_TEXT_MUTED));
    ui_widget_set_user_data(button, (void *)(uintptr_t)lang);
    ui_widget_on_click(button, on_language, k);
    ks_ui_name(button, name);
    return card;
}

static void on_large_text(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    k->c.theme->large_text = !k->c.theme->large_text;
    ui_tree_set_theme(k->c.tree, k->c.theme);
    ks_ui_refresh(k);
}

static void on_contrast(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    k->c.theme->high_contrast = !k->c.theme->high_contrast;
    ui_tree_set_theme(k->c.tree, k->c.theme);
    ks_ui_refresh(k);
}

static struct ui_widget *toggle(ks_kiosk_ui *k, enum ks_str text, bool on, ui_widget_fn fn,
                                const char *name)
{
    char words[160];
    both(k, text, words, sizeof words);
    struct ui_widget *b = ui_button_new(NULL, on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY);
    ui_widget_set_size(b, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(b, (struct ui_insets){16, 16, 24, 24});
    struct ui_widget *mark =
        ui_widget_add(b, ks_picto_new(on ? KS_PICTO_CHECK_ON : KS_PICTO_CHECK_OFF, 48));
    ks_picto_set_color(mark, on ? UI_COLOR_ON_PRIMARY : UI_COLOR_ON_SECONDARY);
    ks_picto_set_cut(mark, UI_COLOR_PRIMARY);
    struct ui_widget *label =
        ui_widget_add(b, ui_label_new_styled(words, UI_TYPE_BODY, UI_FONT_BOLD,
                                             on ? UI_COLOR_ON_PRIMARY : UI_COLOR_ON_SECONDARY));
    ui_widget_set_margin(label, (struct ui_insets){0, 0, 16, 0});
    ui_widget_on_click(b, fn, k);
    return ks_ui_name(b, name);
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK, NULL));
    char title[160];
    both(k, KS_STR_CHOOSE_LANGUAGE, title, sizeof title);
    struct ui_widget *heading = ui_widget_add(body, ks_kit_title(title));
    ui_label_set_type(heading, UI_TYPE_TITLE);

    struct ui_widget *choices = ui_widget_add(body, ui_column_new(32));
    ui_widget_set_size(choices, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(choices, (struct ui_insets){16, 32, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_add(choices, language_button(k, KS_LANG_AR, "lang-ar"));
    ui_widget_add(choices, language_button(k, KS_LANG_EN, "lang-en"));

    struct ui_widget *access = ui_widget_add(body, ui_row_new(24));
    ui_widget_set_size(access, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_set_padding(access, (struct ui_insets){0, 32, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_widget_add(
        access, toggle(k, KS_STR_LARGE_TEXT, k->c.theme->large_text, on_large_text, "large-text"));
    ui_widget_add(access, toggle(k, KS_STR_HIGH_CONTRAST, k->c.theme->high_contrast, on_contrast,
                                 "high-contrast"));
    ui_widget_add(body, ks_kit_action_bar(k));
    return root;
}

const ks_screen_ops ks_screen_language = {.build = build};
