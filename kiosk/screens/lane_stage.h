/*
 * The self-checkout's demonstration stages (kiosk/screens/stage.h lists
 * them with the others), over the supermarket demo menu
 * (assets/menus/supermarket.json) on a controller in supermarket mode.
 */
#ifndef KIOSK_SCREENS_LANE_STAGE_H
#define KIOSK_SCREENS_LANE_STAGE_H

#include <stdbool.h>
#include <stddef.h>

struct ks_kiosk_ui;

/* The stages' names, for the lists of stage.c and lane_stage.c: one list. */
#define KS_LANE_STAGE_NAMES                                                                        \
    "lane-attract", "basket", "lookup", "plu", "weigh", "quantity", "attendant", "bagging"

/* True for the self-checkout's stages (they need a supermarket controller and menu). */
bool ks_lane_stage_known(const char *name);

/*
 * Puts k (fresh, in supermarket mode, its language set) into the lane
 * stage name, scanning the demo menu's products as a shopper would. False,
 * with a reason in why[cap], when the menu lacks what the stage shows.
 */
bool ks_lane_stage_enter(struct ks_kiosk_ui *k, const char *name, char *why, size_t cap);

#endif
