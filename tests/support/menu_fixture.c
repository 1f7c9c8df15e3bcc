/* Test menus written with ' for ": see tests/support/menu_fixture.h. */
#include "tests/support/menu_fixture.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/menu_import.h"
#include "tests/support/check.h"

/* menu_fixture_json for the pieces first, then those in ap up to NULL. */
static char *join_unquoted(const char *first, va_list ap)
{
    va_list count;
    va_copy(count, ap);
    size_t len = strlen(first);
    for (const char *piece = va_arg(count, const char *); piece;
         piece = va_arg(count, const char *))
        len += strlen(piece);
    va_end(count);
    char *json = malloc(len + 1);
    if (!json)
        return NULL;
    size_t at = 0;
    for (const char *piece = first; piece; piece = va_arg(ap, const char *))
        for (size_t i = 0; piece[i]; i++)
            json[at++] = piece[i] == '\'' ? '"' : piece[i];
    json[at] = '\0';
    return json;
}

char *menu_fixture_json(const char *piece, ...)
{
    va_list ap;
    va_start(ap, piece);
    char *json = join_unquoted(piece, ap);
    va_end(ap);
    return json;
}

ks_catalog *menu_fixture_import(const char *piece, ...)
{
    va_list ap;
    va_start(ap, piece);
    char *json = join_unquoted(piece, ap);
    va_end(ap);
    if (!json) {
        check_fail(__FILE__, __LINE__, "test menu: out of memory");
        return NULL;
    }
    ks_menu_error err;
    ks_catalog *cat = ks_menu_import(json, strlen(json), &err);
    if (!cat)
        check_fail(__FILE__, __LINE__, "test menu refused: %s: %s", err.path, err.reason);
    free(json);
    return cat;
}

enum ks_cart_status menu_fixture_add(ks_cart *cart, const ks_item *item, int32_t quantity,
                                     ks_line_id *id_out)
{
    if (item && item->unit == KS_UNIT_KG)
        return ks_cart_add_weighed(cart, item, quantity, id_out);
    return ks_cart_add(cart, item, quantity, id_out);
}
