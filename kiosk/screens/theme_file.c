/* The screens' theme file: see kiosk/screens/theme_file.h. */
#include "kiosk/screens/theme_file.h"

#include <stdio.h>

static bool entry(ks_ini *ini, void *user, const char *section, const char *key, const char *value)
{
    char why[128];
    return ui_theme_set(user, section, key, value, why, sizeof why) ||
           ks_ini_refuse(ini, section, key, why);
}

/* After a whole file: the contrast, not tied to a line. */
static bool checked(bool parsed, const struct ui_theme *theme, ks_ini_error *err)
{
    if (!parsed)
        return false;
    err->line = 0;
    return ui_theme_check(theme, err->message, sizeof err->message);
}

bool ks_theme_parse(struct ui_theme *theme, const char *text, size_t len, ks_ini_error *err)
{
    return checked(ks_ini_parse(text, len, entry, theme, err), theme, err);
}

bool ks_theme_load(struct ui_theme *theme, const char *path, ks_ini_error *err)
{
    return checked(ks_ini_load_public(path, entry, theme, err), theme, err);
}
