/*
 * Demonstration states of the screens, filled from the demo menu, for
 * headless renders (`kiosk --render`), screenshots and golden images: a
 * cart with several lines, a burger being customised, a meal made large,
 * a payment declined, an order number ... Each stage puts the controller
 * straight into that state, as if a customer had got there.
 */
#ifndef KIOSK_SCREENS_STAGE_H
#define KIOSK_SCREENS_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/money.h"

struct ks_kiosk_ui;

/*
 * The stages, in journey order: "attract", "language", ... "out-of-service",
 * then the self-checkout's (kiosk/screens/lane_stage.h), which need a
 * supermarket configuration and menu (ks_lane_stage_known).
 */
extern const char *const ks_stage_names[];
extern const size_t ks_stage_count;

/* True when name is one of ks_stage_names. */
bool ks_stage_known(const char *name);

/*
 * Puts k (a controller without a database, fresh from ks_kiosk_ui_new)
 * into stage name for a customer reading lang, with the controls in the
 * lower half when reach is set. item_id (may be NULL) chooses the item of
 * the "item" and "combo" stages. False, with a reason in why[cap], for an
 * unknown stage or an item the menu lacks.
 */
bool ks_stage_enter(struct ks_kiosk_ui *k, const char *name, enum ks_lang lang, const char *item_id,
                    bool reach, char *why, size_t cap);

#endif
