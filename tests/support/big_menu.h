/*
 * A generated supermarket menu of any size (up to the importer's 100,000
 * products), for the tests and benchmarks that must show the self-checkout
 * works at that scale without committing a huge file. Products are built
 * from real Arabic and English words (brand x product x variant x size,
 * "المراعي حليب طازج كامل الدسم 1 لتر" / "Almarai Fresh Milk Full Fat 1 L"),
 * in 40 categories; every 20th is weighed (unit kg, a 5-digit PLU), the
 * others carry an EAN-13 (prefix 628, check digit computed) and an expected
 * weight; every 100th has a minimum age. The same n always gives the same
 * menu. It is imported by the real importer (ks_menu_import).
 */
#ifndef TESTS_SUPPORT_BIG_MENU_H
#define TESTS_SUPPORT_BIG_MENU_H

#include <stdbool.h>
#include <stddef.h>

/* The menu's JSON, malloc'd, *len its length; NULL when out of memory. */
char *big_menu_json(unsigned n_products, size_t *len);

/* Product i's id ("p-<i>") into out[16]. */
void big_menu_id(unsigned i, char out[16]);

/* True when product i is weighed (then it has PLU big_menu_plu, no barcode). */
bool big_menu_weighed(unsigned i);

/* Product i's EAN-13 into out[14] (counted products only). */
void big_menu_barcode(unsigned i, char out[14]);

/* Product i's 5-digit PLU into out[6] (weighed products only). */
void big_menu_plu(unsigned i, char out[6]);

#endif
