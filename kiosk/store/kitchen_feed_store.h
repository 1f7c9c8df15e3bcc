/*
 * Where the kiosk's kitchen feed (kiosk/app/kitchen_feed.h) stands with
 * each kitchen display: the id of the last event it applied, per display
 * URL, in the kiosk's database, so that a restart neither misses a
 * counter payment nor reads the display's whole history again.
 *
 * The kf_* tables are the feed's own (kiosk/store/own_schema.h), created
 * when missing and versioned apart from the kiosk's migrations.
 */
#ifndef KIOSK_STORE_KITCHEN_FEED_STORE_H
#define KIOSK_STORE_KITCHEN_FEED_STORE_H

#include <stdint.h>

#include "kiosk/store/db.h"

/*
 * Opens the database at path for the feed (ks_db_open, then the kf_*
 * tables created when missing). NULL on failure with *err set (err may be
 * NULL); the caller owns the result (ks_db_close).
 */
ks_db *ks_kitchen_feed_store_open(const char *path, enum ks_db_error *err);

/* The last event id applied from the display at url into *after (0 when none yet). */
enum ks_db_error ks_kitchen_feed_store_get(ks_db *db, const char *url, int64_t *after);

/* Records after (never smaller than before) for the display at url. */
enum ks_db_error ks_kitchen_feed_store_set(ks_db *db, const char *url, int64_t after);

#endif
