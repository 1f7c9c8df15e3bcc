/*
 * Staff sold-out marks over the menu (table sold_out_overrides, schema
 * version 4): an item or combo, or a modifier option of a group, marked
 * sold out or back on sale, by whom and when. Marks are keyed by id, so
 * they outlive a new menu that keeps the ids.
 *
 * The kiosk keeps the marks that say "sold out" in memory (a ks_soldout
 * set, loaded at start and changed with every mark) and hands the set to
 * the cart's validation and the screens through ks_soldout_check, a
 * ks_sold_out_fn (kiosk/domain/cart.h).
 */
#ifndef KIOSK_STORE_SOLDOUT_STORE_H
#define KIOSK_STORE_SOLDOUT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/store/db.h"

/* Ids (item, group, option, staff) are at most this many bytes. */
#define KS_SOLDOUT_ID_MAX 64
/* Marks kept in memory at most; more are refused. */
#define KS_SOLDOUT_MAX 4096

typedef struct ks_soldout ks_soldout;

/* An empty set; NULL when out of memory. */
ks_soldout *ks_soldout_new(void);
/* Accepts NULL. */
void ks_soldout_free(ks_soldout *set);

/*
 * Puts a mark in the set or takes it out: an item (group_id and option_id
 * NULL) or an option (item_id NULL). False on bad ids, a full set or no
 * memory.
 */
bool ks_soldout_mark(ks_soldout *set, const char *item_id, const char *group_id,
                     const char *option_id, bool sold_out);

/* True when the item is marked sold out. False for a NULL set or id. */
bool ks_soldout_item(const ks_soldout *set, const char *item_id);

/* True when option_id is marked sold out in any group (the cart's check names no group). */
bool ks_soldout_option(const ks_soldout *set, const char *option_id);

/* Marks in the set. */
size_t ks_soldout_count(const ks_soldout *set);

/*
 * A ks_sold_out_fn with a ks_soldout as ctx: the item (option_id NULL) or
 * the option is marked sold out.
 */
bool ks_soldout_check(void *ctx, const char *item_id, const char *option_id);

/*
 * Records a mark (sold_out) or its removal (back on sale) for an item
 * (group_id, option_id NULL) or an option (item_id NULL), by staff at now
 * (UTC seconds). KS_DB_ERR_INVALID for missing or over-long ids.
 */
enum ks_db_error ks_soldout_store_set(ks_db *db, const char *item_id, const char *group_id,
                                      const char *option_id, bool sold_out, const char *staff,
                                      int64_t now);

/* Adds every stored mark that says sold out to set. */
enum ks_db_error ks_soldout_store_load(ks_db *db, ks_soldout *set);

#endif
