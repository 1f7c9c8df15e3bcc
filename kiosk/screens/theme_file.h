/*
 * The screens' theme file (assets/theme/default.ini; its settings are
 * listed in ui/theme.h) read with the INI machinery every program's
 * configuration uses (kiosk/common/ini_text.h): each setting handed to
 * ui_theme_set, the palettes' contrast checked at the end, the first
 * problem reported with its line.
 */
#ifndef KIOSK_SCREENS_THEME_FILE_H
#define KIOSK_SCREENS_THEME_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/common/ini_text.h"
#include "ui/theme.h"

/*
 * Applies the settings of text[0..len) over what theme holds, then checks
 * the contrast. False with *err filled at the first problem (theme then
 * partly updated: parse into a copy to keep the previous look).
 */
bool ks_theme_parse(struct ui_theme *theme, const char *text, size_t len, ks_ini_error *err);

/* Reads the file at path (at most KS_INI_MAX_BYTES) and applies it as ks_theme_parse does. */
bool ks_theme_load(struct ui_theme *theme, const char *path, ks_ini_error *err);

#endif
