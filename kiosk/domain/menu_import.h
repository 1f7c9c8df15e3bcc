/*
 * The menu importer: turns a menu file (kiosk/docs/menu-format.md, format
 * "kiosk-menu/1") held in memory into a ks_catalog, validating every rule of
 * that document. The whole file is checked before anything is used; the
 * first problem refuses it with the JSON path of the offending value and a
 * reason a store manager can act on. Pure: no I/O, no logging.
 */
#ifndef KIOSK_DOMAIN_MENU_IMPORT_H
#define KIOSK_DOMAIN_MENU_IMPORT_H

#include <stddef.h>

#include "kiosk/domain/catalog.h"
#include "kiosk/domain/json_read.h"

/* Files larger than this are refused before parsing (32 MiB). */
#define KS_MENU_MAX_BYTES (32u * 1024u * 1024u)

/*
 * The one error shape of the JSON reader (kiosk/domain/json_read.h): path,
 * e.g. "items[12].modifier_groups[1]" or "combos[0].slots[1].default" ("" when
 * the file as a whole is at fault: too large, not JSON), and reason in plain
 * English, e.g. "unknown modifier group \"sauces\"".
 */
typedef ks_json_error ks_menu_error;

/*
 * Parses and validates len bytes of JSON (no NUL terminator needed). Returns
 * a new catalog, owned by the caller (ks_catalog_free), or NULL with *err
 * filled (err may be NULL) when the menu is refused or memory runs out.
 */
ks_catalog *ks_menu_import(const char *json, size_t len, ks_menu_error *err);

#endif
