/*
 * The attendant console's screens on the ui/ widget tree (landscape,
 * 1280 x 800 logical pixels, a staff tablet; right to left in Arabic by
 * the tree's direction):
 *
 *   sign in  the PIN keypad ("pin-0" .. "pin-9", "pin-ok"); a staff badge
 *            scanned into the console signs in too; its prompt
 *            ("sign-in-prompt") says a PIN was wrong, or
 *            ("sign-in-locked"), with the kiosk's words, that sign-in is
 *            locked, the keypad then disabled
 *   lanes    one card per lane ("lane:ID"): its status in words and colour
 *            (offline when silent for KS_ATT_OFFLINE_MS, closed, device
 *            fault, waiting and why, help, paying, scanning, idle), its
 *            pieces and total, and each open request with its actions,
 *            named ACTION:LANE ("approve_age:lane-01", "void_line:lane-01",
 *            "approve_removal:lane-01", "decline_removal:lane-01",
 *            "clear_bagging:lane-01", "help_given:lane-01"), and
 *            "cancel:LANE" while a shopper is at it; "sign-out".
 *
 * Rebuilt from the store whenever a lane changes (and each second for
 * "offline"); taps are reported through the view's ks_att_tap, never
 * acted on inside the tree, so the caller rebuilds after acting.
 */
#ifndef KIOSK_ATTENDANT_ATT_SCREEN_H
#define KIOSK_ATTENDANT_ATT_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/attendant/att_store.h"
#include "kiosk/domain/money.h"
#include "ui/theme.h"
#include "ui/widget.h"

#define KS_ATT_SCREEN_W 1280
#define KS_ATT_SCREEN_H 800
/* A lane not heard from for this long is shown offline (it reports every 200 ms). */
#define KS_ATT_OFFLINE_MS 3000
#define KS_ATT_PIN_MIN 4
#define KS_ATT_PIN_MAX 8
/* The name of the lanes' scroll view, so a rebuild can keep where it was scrolled. */
#define KS_ATT_LANES_LIST "lanes"

/* A lane's status as the console shows it, most urgent first. */
enum ks_att_status {
    KS_ATT_STATUS_OFFLINE,
    KS_ATT_STATUS_FAULT,
    KS_ATT_STATUS_WAITING, /* age, removal or bagging: the lane or its payment waits */
    KS_ATT_STATUS_HELP,    /* help, an unknown code or an idle basket */
    KS_ATT_STATUS_CLOSED,
    KS_ATT_STATUS_PAYING,
    KS_ATT_STATUS_SCANNING,
    KS_ATT_STATUS_IDLE,
};

/* The status of lane at now_ms (UTC ms, the clock seen_at_ms was taken on). Pure. */
enum ks_att_status ks_att_lane_status(const ks_att_lane *lane, int64_t now_ms);

/* What was tapped. */
enum ks_att_tap_kind {
    KS_ATT_TAP_NONE,
    KS_ATT_TAP_PIN,    /* pin holds the digits */
    KS_ATT_TAP_ACTION, /* lane, request (SIZE_MAX: none, a cancel) and action */
    KS_ATT_TAP_SIGN_OUT,
};

typedef struct ks_att_tap {
    enum ks_att_tap_kind kind;
    char pin[KS_ATT_PIN_MAX + 1];
    size_t lane;    /* index in the view's lanes */
    size_t request; /* index in that lane's requests; SIZE_MAX: none */
    enum ks_attendant_decision action;
} ks_att_tap;

typedef struct ks_att_view {
    const ks_att_lane *lanes; /* borrowed, n_lanes */
    size_t n_lanes;
    enum ks_lang lang;
    int64_t now_ms;    /* UTC ms */
    const char *staff; /* the attendant signed in; NULL: the sign-in screen */
    bool wrong_pin;    /* the last PIN or badge matched nobody */
    bool locked;       /* wrong PINs lock sign-in (kiosk/attendant/att_staff.h): the kiosk's
                          words, the keypad shut */
    ks_att_tap *tap;   /* borrowed: filled by a tap; the caller acts on it */
} ks_att_view;

/* The theme of a tablet held at arm's length: the defaults. */
void ks_att_screen_theme(struct ui_theme *theme);

/* The screen for view; NULL when out of memory. */
struct ui_widget *ks_att_screen(const ks_att_view *view);

#endif
