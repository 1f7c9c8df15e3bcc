/*
 * The cart: what the customer is putting together, line by line, over a
 * catalog it borrows. A line is an item with its quantity, its modifier
 * choices, for a combo the product chosen for each slot (with that
 * product's own modifier choices) and the size, and a note for the
 * kitchen. Editing follows the menu's rules where it can (a max-1 group
 * swaps its choice, a full max-N group refuses); what only holds at
 * checkout (required groups, sold-out, availability) is reported by
 * validation, with a reason the screen can show in Arabic or English.
 * Pure domain code: no I/O.
 */
#ifndef KIOSK_DOMAIN_CART_H
#define KIOSK_DOMAIN_CART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/catalog.h"
#include "kiosk/domain/money.h"

#define KS_CART_MAX_LINES 100
#define KS_CART_NOTE_MAX 140     /* bytes of UTF-8, excluding the NUL */
#define KS_CART_MAX_COUNT 99     /* pieces per line for KS_UNIT_EACH */
#define KS_CART_MAX_GRAMS 100000 /* grams per line for KS_UNIT_KG */
#define KS_CART_NO_SLOT SIZE_MAX /* "the line's own item" where a slot index is expected */
#define KS_CART_MAX_OPTIONS 64   /* options per group that can be chosen: one bit each */
#define KS_CART_MAX_LABEL_AMOUNT 1000000000000LL /* minor units on one price label */

/* Line ids start at 1, are never reused within a cart, and survive edits to other lines. */
typedef uint32_t ks_line_id;

/* Modifier choices for one product: one bit mask per modifier group, bit i = option i. */
typedef struct ks_cart_mods {
    const ks_item *item; /* borrowed from the catalog */
    uint64_t *chosen;    /* owned; item->n_modifier_groups masks, NULL when it has none */
} ks_cart_mods;

typedef struct ks_cart_slot_choice {
    size_t choice;     /* index into the slot's choices */
    ks_cart_mods mods; /* for slot->choices[choice].item */
} ks_cart_slot_choice;

/*
 * A line, read-only for callers: change it through the functions below.
 * Pointers to lines stay valid until the cart is next changed.
 */
typedef struct ks_cart_line {
    ks_line_id id;
    const ks_item *item;        /* borrowed from the catalog */
    int32_t quantity;           /* count, or grams for KS_UNIT_KG; 1 for a labelled line */
    ks_money label_amount;      /* > 0: a package priced by its variable-measure label, sold as
                                   one piece at that price whatever the item's unit; 0: none */
    ks_cart_mods mods;          /* the item's own modifiers (combos have none) */
    ks_cart_slot_choice *slots; /* owned; item->n_slots entries for combos, else NULL */
    size_t size;                /* index into item->sizes; 0 when it has none */
    char note[KS_CART_NOTE_MAX + 1];
} ks_cart_line;

enum ks_cart_status {
    KS_CART_OK,
    KS_CART_NO_LINE,      /* no line with that id */
    KS_CART_NOT_FOUND,    /* unknown item; slot, group, option, choice or size out of range */
    KS_CART_MAX_REACHED,  /* the group already holds its maximum (max > 1) */
    KS_CART_BAD_QUANTITY, /* outside 1..KS_CART_MAX_COUNT, or 1..KS_CART_MAX_GRAMS for kg */
    KS_CART_BAD_NOTE,     /* too long, not UTF-8, or with control characters */
    KS_CART_FULL,         /* KS_CART_MAX_LINES lines already */
    KS_CART_NO_MEMORY,
    KS_CART_WRONG_UNIT, /* a weighed item added by count, or a counted item by weight */
    KS_CART_LABELLED,   /* the line's quantity and price come from its label */
};

/* A short English description for logs; never NULL. */
const char *ks_cart_strerror(enum ks_cart_status status);

typedef struct ks_cart ks_cart;

/*
 * An empty cart over cat (borrowed: it must outlive the cart). NULL when
 * out of memory or when cat is NULL.
 */
ks_cart *ks_cart_new(const ks_catalog *cat);
/* Accepts NULL. */
void ks_cart_free(ks_cart *cart);

const ks_catalog *ks_cart_catalog(const ks_cart *cart);

/* Number of lines, and the line at index (cart order = order of adding), NULL past the end. */
size_t ks_cart_count(const ks_cart *cart);
const ks_cart_line *ks_cart_line_at(const ks_cart *cart, size_t index);
/* The line with that id, or NULL. */
const ks_cart_line *ks_cart_find(const ks_cart *cart, ks_line_id id);

/*
 * Adds a line for a counted item (KS_UNIT_EACH; it must belong to the
 * cart's catalog) with the menu's defaults: default options, each slot's
 * default product with its default options, the first size, no note.
 * quantity is pieces, 1..KS_CART_MAX_COUNT. *id_out (may be NULL) receives
 * the new line's id. A weighed item (KS_UNIT_KG) is refused with
 * KS_CART_WRONG_UNIT: it has no meaningful count, only a weight, so it goes
 * through ks_cart_add_weighed (a count of 1 read as 1 g once priced 6.95
 * SAR/kg bananas at 0.01 SAR).
 */
enum ks_cart_status ks_cart_add(ks_cart *cart, const ks_item *item, int32_t quantity,
                                ks_line_id *id_out);

/*
 * Adds a line for a weighed item (KS_UNIT_KG) of `grams` (1..KS_CART_MAX_GRAMS),
 * as read from a trade-approved scale or a variable-measure label. A counted
 * item is refused with KS_CART_WRONG_UNIT. Otherwise as ks_cart_add.
 */
enum ks_cart_status ks_cart_add_weighed(ks_cart *cart, const ks_item *item, int32_t grams,
                                        ks_line_id *id_out);

/*
 * Adds one package priced by a GS1 variable-measure price label: `amount`
 * (1..10^12 minor units, catalog tax treatment) is what the line costs.
 * The line is one piece (quantity 1) of either unit, so its unit price is
 * the amount and ks_cart_line_unit() is KS_UNIT_EACH; its quantity cannot be
 * changed (KS_CART_LABELLED). A product with modifier groups or a combo is
 * refused with KS_CART_NOT_FOUND.
 */
enum ks_cart_status ks_cart_add_labelled(ks_cart *cart, const ks_item *item, ks_money amount,
                                         ks_line_id *id_out);

/* How the line's quantity counts: the item's unit, or KS_UNIT_EACH for a labelled package. */
enum ks_unit ks_cart_line_unit(const ks_cart_line *line);

/*
 * Selects or deselects option `option` of modifier group `group` of the
 * line's item (slot = KS_CART_NO_SLOT) or of the product chosen for combo
 * slot `slot`. Selecting in a full max-1 group replaces its choice; in a
 * full group with max > 1 it is refused with KS_CART_MAX_REACHED.
 * Deselecting is always allowed (validation reports an unmet minimum).
 */
enum ks_cart_status ks_cart_toggle_option(ks_cart *cart, ks_line_id id, size_t slot, size_t group,
                                          size_t option);

/* True when that option is selected; false for any bad index. Same addressing as toggle. */
bool ks_cart_option_chosen(const ks_cart_line *line, size_t slot, size_t group, size_t option);

/*
 * Puts choice `choice` of combo slot `slot` in the line. A different product
 * starts with its default options; choosing the current one keeps them.
 */
enum ks_cart_status ks_cart_choose_slot(ks_cart *cart, ks_line_id id, size_t slot, size_t choice);

/* Chooses combo size `size` (index into item->sizes). */
enum ks_cart_status ks_cart_choose_size(ks_cart *cart, ks_line_id id, size_t size);

/*
 * Pieces 1..KS_CART_MAX_COUNT, or grams 1..KS_CART_MAX_GRAMS for KS_UNIT_KG
 * items; a labelled line refuses with KS_CART_LABELLED.
 */
enum ks_cart_status ks_cart_set_quantity(ks_cart *cart, ks_line_id id, int32_t quantity);

/* Copies note (NULL or "" clears it); see ks_cart_note_valid for what is refused. */
enum ks_cart_status ks_cart_set_note(ks_cart *cart, ks_line_id id, const char *note);

/*
 * True when note is at most KS_CART_NOTE_MAX bytes of valid UTF-8 (shortest
 * form, no surrogates) without control characters (C0, DEL, C1), which
 * would upset the kitchen printer. NULL is false.
 */
bool ks_cart_note_valid(const char *note);

/* Removes one line; the other lines keep their ids. */
enum ks_cart_status ks_cart_remove(ks_cart *cart, ks_line_id id);
/* Removes every line; ids keep counting up. */
void ks_cart_clear(ks_cart *cart);

/*
 * The price of one piece (or one kilogram) of the line, catalog tax
 * treatment: item price + chosen option deltas + slot choice deltas + the
 * slot products' option deltas + size delta; for a labelled line its label
 * amount. False on overflow.
 */
bool ks_cart_line_unit_price(const ks_cart_line *line, ks_money *out);

/*
 * What `quantity` of a unit costs before discounts, the one rule every
 * screen, receipt and total uses: pieces x unit price for KS_UNIT_EACH;
 * for KS_UNIT_KG price per kg x grams / 1000 rounded half up to the minor
 * unit (695 per kg x 1,234 g = 857.63 -> 858). False on overflow, a
 * negative price or quantity, an unknown unit or a NULL out.
 */
bool ks_unit_amount(enum ks_unit unit, ks_money unit_price, int64_t quantity, ks_money *out);

/*
 * The line's amount before discounts: ks_unit_amount of its unit
 * (ks_cart_line_unit), unit price and quantity.
 */
bool ks_cart_line_amount(const ks_cart_line *line, ks_money *out);

/*
 * Why a line cannot be ordered as it is. A line is checked in this order:
 * quantity; then the line's item and after it each slot's product: sold
 * out, availability, and per modifier group too many, too few, a chosen
 * option sold out. The first problem found is reported.
 */
enum ks_line_problem {
    KS_LINE_OK,
    KS_LINE_BAD_QUANTITY,
    KS_LINE_ITEM_SOLD_OUT,    /* the line's item, or a slot's product */
    KS_LINE_ITEM_UNAVAILABLE, /* outside its availability windows at that time */
    KS_LINE_TOO_MANY,         /* more options than the group's max */
    KS_LINE_REQUIRED,         /* fewer options than the group's min */
    KS_LINE_OPTION_SOLD_OUT,  /* a chosen option */
};

typedef struct ks_line_issue {
    enum ks_line_problem problem;
    ks_line_id line_id;
    const ks_item *item;              /* the line's item, or the slot product concerned; borrowed */
    const ks_combo_slot *slot;        /* the combo slot concerned, or NULL; borrowed */
    const ks_modifier_group *group;   /* TOO_MANY, REQUIRED, OPTION_SOLD_OUT; else NULL */
    const ks_modifier_option *option; /* OPTION_SOLD_OUT; else NULL */
} ks_line_issue;

/*
 * Run-time sold-out marks (staff screen): true when the item (option_id
 * NULL) or that option of that item is sold out. Something is sold out when
 * the catalog says so or this callback does.
 */
typedef bool (*ks_sold_out_fn)(void *ctx, const char *item_id, const char *option_id);

/*
 * Checks one line at local time `at`. is_sold_out may be NULL (catalog
 * flags only). Returns problem KS_LINE_OK when the line can be ordered.
 */
ks_line_issue ks_cart_validate_line(const ks_cart_line *line, ks_local_time at,
                                    ks_sold_out_fn is_sold_out, void *ctx);

/*
 * Checks every line and writes the first issue of each bad line, in cart
 * order, to issues[0..cap) (issues may be NULL when cap is 0). Returns the
 * number of bad lines, which may exceed cap; 0 means the cart can be ordered.
 */
size_t ks_cart_validate(const ks_cart *cart, ks_local_time at, ks_sold_out_fn is_sold_out,
                        void *ctx, ks_line_issue *issues, size_t cap);

/*
 * Writes the issue as a sentence for the customer in lang, e.g.
 * `Choose at least 1 from "Drink"` / `اختر 1 على الأقل من "المشروب"`.
 * Returns bytes written (excluding NUL) or -1 when cap is too small (out
 * then holds ""). 512 bytes always suffice (names are at most 256 bytes).
 */
int ks_cart_issue_describe(const ks_line_issue *issue, enum ks_lang lang, char *out, size_t cap);

#endif
