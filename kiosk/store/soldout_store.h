/*
 * Staff sold-out marks over the menu (table sold_out_overrides, schema
 * version 4): an item or combo, or a modifier option of a group, marked
 * sold out or back on sale, by whom and when. Marks are keyed by id, so
 * they outlive a new menu that keeps the ids.
 *
 * Since version 10 the marks are the store's (kiosk/app/soldout_sync.h):
 * a mark set here is pending until the store's hub (the kitchen display)
 * has taken it; marks from the hub (another kiosk's, the kitchen's) are
 * applied with the hub's sequence number and where they were set, the
 * newer number winning, never over a mark of this kiosk still pending.
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

#include "kiosk/domain/soldout_mark.h"
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

/*
 * Puts m in the set or takes it out (ks_soldout_mark with m's key and
 * state), keeping who set it, where ("" for this kiosk) and when.
 */
bool ks_soldout_apply(ks_soldout *set, const ks_mark *m);

/*
 * True when the item is marked sold out, with who marked it, where ("":
 * this kiosk) and when (UTC seconds) into the non-NULL pointers; the
 * strings are borrowed from the set until it changes.
 */
bool ks_soldout_item_who(const ks_soldout *set, const char *item_id, const char **by,
                         const char **where, int64_t *at);

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
 * (UTC seconds), pending for the store's hub. KS_DB_ERR_INVALID for
 * missing or over-long ids.
 */
enum ks_db_error ks_soldout_store_set(ks_db *db, const char *item_id, const char *group_id,
                                      const char *option_id, bool sold_out, const char *staff,
                                      int64_t now);

/* Adds every stored mark that says sold out to set, with who, where and when. */
enum ks_db_error ks_soldout_store_load(ks_db *db, ks_soldout *set);

/* Up to max marks set here and pending for the hub, oldest first, into out; the count in *n. */
enum ks_db_error ks_soldout_store_pending(ks_db *db, ks_mark *out, size_t max, size_t *n);

/*
 * The hub took pending mark `taken` (as sent, with the hub's seq and
 * set_where): no longer pending, unless it was set again since (then the
 * newer one stays pending).
 */
enum ks_db_error ks_soldout_store_taken(ks_db *db, const ks_mark *taken);

/*
 * Applies a mark from the hub (seq >= 1): stored with its seq, who, where
 * and when unless this kiosk's mark on that key is pending or the stored
 * seq is not older. *applied says whether it changed anything.
 */
enum ks_db_error ks_soldout_store_apply(ks_db *db, const ks_mark *m, bool *applied);

/* The newest hub sequence number applied here (0: none). */
enum ks_db_error ks_soldout_store_hub_seq(ks_db *db, int64_t *seq);

/*
 * Forgets the hub's numbers (a new hub, or its database replaced): every
 * mark's seq becomes 0, so the new hub's marks all apply.
 */
enum ks_db_error ks_soldout_store_hub_forget(ks_db *db);

#endif
