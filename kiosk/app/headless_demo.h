/*
 * The headless demo: places a few orders from the active menu through the
 * real checkout (validation, pricing, durable storage, payment marking) and
 * prints them in Arabic and English. Used by `kiosk --demo` until the UI
 * journey exists, and as a smoke test of the whole core.
 */
#ifndef KIOSK_APP_HEADLESS_DEMO_H
#define KIOSK_APP_HEADLESS_DEMO_H

#include <stdio.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/store/db.h"

/* Places `orders` orders at `now` (UTC seconds), printing each to out. False on any failure. */
bool ks_headless_demo_run(ks_db *db, const ks_config *cfg, const ks_catalog *cat, int orders,
                          int64_t now, FILE *out);

#endif
