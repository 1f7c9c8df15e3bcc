/*
 * Test menus. The unit tests write their menus as JSON with ' for " so that
 * the C strings stay readable; these helpers join the pieces of such a menu,
 * turn it into real JSON and import it. Also the weekday numbers and minutes
 * of ks_local_time, for the times the tests look at a menu.
 *
 *   cat = menu_fixture_import("{'format': 'kiosk-menu/1', ...}", NULL);
 */
#ifndef TESTS_SUPPORT_MENU_FIXTURE_H
#define TESTS_SUPPORT_MENU_FIXTURE_H

#include "kiosk/domain/cart.h"
#include "kiosk/domain/catalog.h"

/* ks_local_time.weekday */
enum { SUN, MON, TUE, WED, THU, FRI, SAT };

/* ks_local_time.minute for h:m */
#define HM(h, m) ((h)*60 + (m))

/*
 * The pieces (a NULL-terminated list of strings) joined, with every ' turned
 * into "; malloc'd, NULL when out of memory.
 */
char *menu_fixture_json(const char *piece, ...) __attribute__((sentinel));

/*
 * The menu written as the pieces (as menu_fixture_json), imported; free it
 * with ks_catalog_free. NULL when refused, after recording a check failure
 * (check_fail) that gives the path and the reason.
 */
ks_catalog *menu_fixture_import(const char *piece, ...) __attribute__((sentinel));

/*
 * Adds item to the cart the way its unit asks: quantity is pieces for a
 * counted item (ks_cart_add), grams for a weighed one (ks_cart_add_weighed).
 */
enum ks_cart_status menu_fixture_add(ks_cart *cart, const ks_item *item, int32_t quantity,
                                     ks_line_id *id_out);

#endif
