/*
 * The store's sold-out marks, held by the kitchen display as the store's
 * hub (kiosk/docs/http-api.md, "Sold-out marks"): one row per item or
 * option with its latest mark, who set it, where (a kiosk's id or
 * "kitchen") and when, and the hub's sequence number, which grows by one
 * with every change, so a kiosk asks for what changed after the last
 * number it applied. Last writer by the hub's sequence wins. Rows are
 * never deleted: "back on sale" is a mark too, so every kiosk learns it.
 *
 * The table (kds_soldout) lives in the display's database beside its
 * tickets and is created with them (kds_store.c). Same threading as
 * ks_kds_store: one connection per thread; every write is on disk
 * (WAL, synchronous=FULL) when KS_DB_OK returns.
 */
#ifndef KIOSK_KITCHEN_KDS_SOLDOUT_H
#define KIOSK_KITCHEN_KDS_SOLDOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/soldout_mark.h"
#include "kiosk/kitchen/kds_store.h"

/* The table, for the display's schema (kds_store.c). */
#define KS_KDS_SOLDOUT_TABLE                                                                       \
    "CREATE TABLE IF NOT EXISTS kds_soldout (\n"                                                   \
    "    item_id   TEXT NOT NULL DEFAULT '',\n"                                                    \
    "    group_id  TEXT NOT NULL DEFAULT '',\n"                                                    \
    "    option_id TEXT NOT NULL DEFAULT '',\n"                                                    \
    "    seq       INTEGER NOT NULL UNIQUE CHECK (seq >= 1), -- the hub's order of changes\n"      \
    "    sold_out  INTEGER NOT NULL CHECK (sold_out IN (0, 1)),\n"                                 \
    "    set_by    TEXT NOT NULL, -- staff id, or 'kitchen'\n"                                     \
    "    set_where TEXT NOT NULL, -- kiosk id, or 'kitchen'\n"                                     \
    "    set_at    INTEGER NOT NULL,\n"                                                            \
    "    name_ar   TEXT NOT NULL DEFAULT '',\n"                                                    \
    "    name_en   TEXT NOT NULL DEFAULT '',\n"                                                    \
    "    CHECK ((item_id <> '') <> (group_id <> '' AND option_id <> '')),\n"                       \
    "    PRIMARY KEY (item_id, group_id, option_id)\n"                                             \
    ") STRICT, WITHOUT ROWID"

/*
 * Stores *m (its key, sold_out, set_by, set_where, set_at; its names
 * when not "", else the names stored before) as the newest change and
 * sets m->seq to its number. KS_DB_ERR_INVALID for a bad key or an empty
 * set_by or set_where.
 */
enum ks_db_error ks_kds_soldout_set(ks_kds_store *store, ks_mark *m);

/*
 * The marks changed after sequence number `after`, oldest change first,
 * at most max into out, the count in *n; *latest is the newest number
 * stored (0: none yet), read in the same snapshot.
 */
enum ks_db_error ks_kds_soldout_after(ks_kds_store *store, int64_t after, ks_mark *out, size_t max,
                                      size_t *n, int64_t *latest);

/* The marks that say sold out now, oldest change first, at most max; the count in *n. */
enum ks_db_error ks_kds_soldout_active(ks_kds_store *store, ks_mark *out, size_t max, size_t *n);

/*
 * The kitchen's own mark on an item (its screen): sold out when it is not
 * marked so, else back on sale, by and at "kitchen" at now; names as for
 * ks_kds_soldout_set. *sold_out (may be NULL) is the item's new state.
 */
enum ks_db_error ks_kds_soldout_toggle(ks_kds_store *store, const char *item_id,
                                       const char *name_ar, const char *name_en, int64_t now,
                                       bool *sold_out);

#endif
