/* Widget trees for the widget tests: see tests/support/ui_fixture.h. */
#include "tests/support/ui_fixture.h"

#include <stdio.h>

#include "tests/support/check.h"
#include "ui/text.h"

static struct ui_theme theme;
static struct ui_text *text;

const struct ui_theme *ui_fixture_theme(void)
{
    if (!text) {
        char fonts[4096];
        snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
        ui_theme_defaults(&theme);
        text = ui_text_new(fonts, NULL, NULL);
    }
    return &theme;
}

struct ui_tree *ui_fixture_tree(struct ui_widget *root, int w, int h, enum ui_dir dir)
{
    const struct ui_theme *th = ui_fixture_theme();
    struct ui_tree *t = ui_tree_new(NULL, text, th, w, h, NULL);
    if (!t)
        return NULL;
    ui_tree_set_dir(t, dir);
    ui_tree_set_root(t, root);
    ui_tree_update(t, 0);
    return t;
}

void ui_fixture_free(void)
{
    ui_text_free(text);
    text = NULL;
}
