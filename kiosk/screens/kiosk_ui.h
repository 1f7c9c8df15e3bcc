/*
 * The kiosk's screens driven by the journey: the controller between the
 * widget tree (ui/), the journey state machine (kiosk/app/journey.h), the
 * cart and checkout, and the devices (kiosk/screens/services.h).
 *
 * Widgets never decide where the customer goes: every button sends a
 * journey event; the journey answers with effects (clear the cart, place
 * the order, start the payment, print ...) which are carried out here, and
 * with the screen to show, which is built by that screen's ops table and
 * slid or faded in at the next update. The program's loop only feeds SDL
 * input to the tree and calls ks_kiosk_ui_activity and ks_kiosk_ui_update;
 * nothing here blocks or reads a clock of its own.
 *
 *   ui_input_sdl_event(tree, &ev, now);  ks_kiosk_ui_activity(k, now);
 *   ks_kiosk_ui_update(k, now);
 *   ui_tree_render(tree, NULL);
 *
 * UI thread only.
 */
#ifndef KIOSK_SCREENS_KIOSK_UI_H
#define KIOSK_SCREENS_KIOSK_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/app/attendant_link.h"
#include "kiosk/app/lane_devices.h"
#include "kiosk/app/journey.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/domain/image_manifest.h"
#include "kiosk/screens/services.h"
#include "kiosk/store/db.h"
#include "kiosk/store/soldout_store.h"
#include "ui/theme.h"
#include "ui/tree.h"

/* Milliseconds between journey ticks (KS_EV_TICK). */
#define KS_KIOSK_UI_TICK_MS 100

typedef struct ks_kiosk_ui ks_kiosk_ui;

/* UTC seconds now, for the menu's time windows and the orders' times. */
typedef int64_t (*ks_utc_clock_fn)(void *ctx);

typedef struct ks_kiosk_ui_config {
    const ks_config *cfg;         /* borrowed */
    const ks_catalog *catalog;    /* borrowed */
    ks_db *db;                    /* borrowed; NULL: orders are priced but never stored (renders) */
    struct ui_tree *tree;         /* borrowed */
    struct ui_theme *theme;       /* borrowed: the tree's theme; the customer toggles its modes */
    ks_services *services;        /* borrowed */
    struct ks_delivery *delivery; /* borrowed; woken after each paid order; NULL: none */
    const struct ks_einvoicing *einvoicing; /* borrowed; paid orders' e-invoices; NULL: none */
    ks_utc_clock_fn utc_now;                /* NULL: time() */
    void *clock_ctx;
    bool animate;               /* slide and fade between screens; false for renders */
    const char *sold_out_staff; /* staff id recorded with sold-out marks; NULL: "staff" */
    /* Borrowed; poked after a staff sold-out mark (kiosk/app/soldout_sync.h); NULL: none. */
    struct ks_soldout_sync *soldout_sync;
    /*
     * Borrowed: where the catalog's pictures are when it came from the
     * backend (kiosk/app/menu_pull.h): the image cache ([paths]
     * image_cache) by hash. NULL, or a path it does not list: the assets.
     */
    const ks_image_manifest *pictures;
    /*
     * Borrowed; the self-checkout's scanner and scales ([kiosk] mode =
     * supermarket), polled at each update. NULL: none (renders, tests, a
     * restaurant); codes may still come through ks_kiosk_ui_scan.
     */
    ks_lane_devices *lane_devices;
    /*
     * Borrowed; a line for the technician at the foot of the attract screen,
     * in English on a danger-coloured band (a refused provisioning file,
     * kiosk/app/provision_status.h). NULL or "": none.
     */
    const char *notice;
} ks_kiosk_ui_config;

/*
 * The attract screen of a new journey on cfg->tree at now_ms (monotonic
 * milliseconds). Everything in cfg is borrowed and must outlive the
 * controller. NULL when out of memory.
 */
ks_kiosk_ui *ks_kiosk_ui_new(const ks_kiosk_ui_config *cfg, int64_t now_ms);

/*
 * Accepts NULL. The tree (which outlives the controller) is left an empty
 * screen, so that no button calls into a freed controller.
 */
void ks_kiosk_ui_free(ks_kiosk_ui *k);

/*
 * A customer touched or typed at now_ms (call after the input went to the
 * tree, so that a button's own event is seen first): resets the idle timer.
 */
void ks_kiosk_ui_activity(ks_kiosk_ui *k, int64_t now_ms);

/*
 * Advances to now_ms: journey ticks, device results, the idle countdown,
 * the screen rebuilt or transitioned when the journey moved, the tree
 * updated. Call once per turn of the loop.
 */
void ks_kiosk_ui_update(ks_kiosk_ui *k, int64_t now_ms);

/*
 * Replaces the sold-out marks with set (owned from now on: the store's
 * marks as kiosk/app/soldout_sync.h loaded them) and rebuilds the screen
 * shown. NULL changes nothing.
 */
void ks_kiosk_ui_set_soldout(ks_kiosk_ui *k, ks_soldout *set);

/*
 * Replaces the backend's sold-out marks from stock with set (owned from
 * now on: as kiosk/app/menu_pull.h loaded them), kept apart from the
 * staff's, and rebuilds the screen shown. NULL changes nothing.
 */
void ks_kiosk_ui_set_central_soldout(ks_kiosk_ui *k, ks_soldout *set);

/*
 * True when the catalog in use has item_id and it reads sold out to a
 * customer (the catalog, the staff's marks or the backend's stock).
 */
bool ks_kiosk_ui_item_sold_out(const ks_kiosk_ui *k, const char *item_id);

/*
 * Nobody is ordering (ks_menu_swap_ready): the attract or out-of-service
 * screen, an empty cart, no screen sliding in. The moment to swap a menu or
 * to let an update reboot the box.
 */
bool ks_kiosk_ui_idle(const ks_kiosk_ui *k);

/*
 * Switches to catalog (and its pictures, may be NULL), both borrowed from
 * now on, when ks_kiosk_ui_idle allows it: no customer ordering, no
 * screen sliding in. The screen shown is rebuilt at once from the new
 * catalog, so the previous one (and its pictures) may be freed as soon as
 * this returns true. False, and nothing changes, when now is not the
 * moment or out of memory: try again at a later turn.
 */
bool ks_kiosk_ui_set_menu(ks_kiosk_ui *k, const ks_catalog *catalog,
                          const ks_image_manifest *pictures);

/*
 * A code read by a scanner (cfg->lane_devices' arrive here; scripts and
 * tests call this): at the staff refund screen, a receipt's QR naming the
 * order to refund; else, at a self-checkout, as the shopper scanned it.
 * Ignored by a restaurant kiosk elsewhere.
 */
void ks_kiosk_ui_scan(ks_kiosk_ui *k, const char *code);

/* Self-checkout: the produce scale's state as its driver reported it. */
void ks_kiosk_ui_scale(ks_kiosk_ui *k, const struct dev_scale_state *state);

/* Self-checkout: the bagging-area scale's state as its driver reported it (the area checked). */
void ks_kiosk_ui_bagging_scale(ks_kiosk_ui *k, const struct dev_scale_state *state);

/*
 * Self-checkout: the attendant's decision (the console's, or staff at the
 * lane), staff_id recorded with it; line: the line a void takes off.
 */
void ks_kiosk_ui_decide(ks_kiosk_ui *k, enum ks_attendant_decision decision, const char *staff_id,
                        uint32_t line);

/*
 * Self-checkout: what the lane tells the attendant console now (activity,
 * needs with their lines, pieces, total, device faults) into *out.
 */
void ks_kiosk_ui_lane_state(ks_kiosk_ui *k, ks_att_lane_state *out);

/* The journey's state (screen, language, payment phase), borrowed. */
const ks_journey *ks_kiosk_ui_journey(const ks_kiosk_ui *k);

/* The placed order's human number, 0 when none. */
int32_t ks_kiosk_ui_order_number(const ks_kiosk_ui *k);

/*
 * The widget named name on the open overlays or the current screen
 * ("start", "lang-en", "item:beef-burger", "add-to-order" ...; see
 * ui_tree_find), or NULL. Borrowed until the screen is rebuilt. For
 * scripts and tests.
 */
struct ui_widget *ks_kiosk_ui_find(const ks_kiosk_ui *k, const char *name);

/* Calls fn for every name on the open overlays and the current screen. */
void ks_kiosk_ui_names(const ks_kiosk_ui *k, void (*fn)(const char *name, void *ctx), void *ctx);

#endif
